/* thm4_run.h -- the parts of the Theorem 4 module that its files share;
   no other module includes it.

     thm4.c          the table, the mutants, the claimed constant and the
                     other definitions every path reads (each with its
                     mutant), the data sets, thm4.data.rank, the run;
     thm4_proof.c    alpha (Lemma 4.A) and the construction of B.6;
     thm4_grid.c     the grid of Monte Carlo runs: the exact grid, the
                     agreement tests, the bound at fixed widths, figures;
     thm4_control.c  the negative controls;
     thm4_user.c     the user's instance (--data, --width).

   Every function takes the run's state M; the statements of the checks
   are in thm4.tex. */
#ifndef THM4_RUN_H
#define THM4_RUN_H

#include "thm4.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define THM4_GRID_D 16 /* the dimension of the grid's data sets */
#define THM4_NGRID_M 5
#define THM4_NGRID_N 14
#define THM4_PREC 128 /* working precision of the solid angles */

    /* the numbers of points and the widths of the grid; the
       Assumption-1 laws the runs rotate over, so that every symmetric law
       meets the exact probabilities */
    extern const slong thm4_grid_m[THM4_NGRID_M];
    extern const slong thm4_grid_n[THM4_NGRID_N];
    extern const sampler_kind thm4_laws[4];

    /* samples per grid cell (quick, default, full): the agreement tests
       thm4.grid.*.agree and thm4.mc.* */
    extern const ulong thm4_grid_samples[3];

    /* the two events of a sample: Bas(W, v) <= alpha, and B.6's event */
#define THM4_EV_GOOD 0
#define THM4_EV_B6 1

    /* The state of one run of the module: the run context, the paper's
       per-neuron constant as this run reads it, and the data sets, made
       when first asked for. */
    typedef struct
    {
        run_struct *R;
        fmpq_t side;    /* 3/4 (paper_side_fail), or a mutant's value */
        char *side_tex; /* "3/4" */
        thm4_data_struct *grid[THM4_DATA_COUNT][THM4_NGRID_M];
        thm4_data_struct *small[THM4_DATA_COUNT]; /* m = 3 in d = 4 */
    } thm4_mod_struct;

    typedef thm4_mod_struct thm4_mod_t[1];

    /* --------------------------------- thm4.c: one definition of each */

    /* The bound 1 - m c^n of Theorem 4, c the run's per-neuron constant
       (paper_side_fail, mutated by thm4.mutant.side_*), and as LaTeX
       (flint_free). */
    void thm4_mod_bound(fmpq_t b, const thm4_mod_t M, slong m, slong n);
    char *thm4_mod_bound_tex(const thm4_mod_t M, slong m, slong n);

    /* alpha and an optimal prediction ybar (thm4_alpha), mutated by
       thm4.mutant.alpha_max. */
    void thm4_mod_alpha(fmpq_t alpha, fmpq *ybar, const thm4_mod_t M, const thm4_data_t D, slong n);

    /* Certificates of the exact probabilities on orthogonal data (kind
       "inequality", the checker's thm4.orth_* statements, which derive the
       probability from the counts of the need profile): the probability
       Pq of event (THM4_EV_GOOD at n >= 2, or THM4_EV_B6) on D against
       1 - m c^n = rhs, rel ">=" or "<=" (cert_orth_bound), or the
       probability of THM4_EV_GOOD (n >= 2) against that of THM4_EV_B6
       (cert_orth_vs, values pg, pb).  Nothing is attached at n = 1 for
       the good event (its width-1 law is another statement). */
    void thm4_cert_orth_bound(check_t c, const thm4_mod_t M, const thm4_data_t D, slong n, int event,
                              const fmpq_t Pq, const char *rel, slong m, const fmpq_t side, const fmpq_t rhs);
    void thm4_cert_orth_vs(check_t c, const thm4_mod_t M, const thm4_data_t D, slong n, const fmpq_t pg,
                           const fmpq_t pb);

    /* The exact probability (Lemma 4.C) of event (THM4_EV_*) at width n:
       P an enclosure, and Pq the rational with *rat = 1 when it is one;
       returns 0 when not computable.  Mutated by thm4.mutant.sign_dropped. */
    int thm4_mod_prob(arb_t P, fmpq_t Pq, int *rat, const thm4_mod_t M, const thm4_data_t D, slong n,
                      int event);

    /* The grid's data set of kind with thm4_grid_m[mi] points in d = 16,
       and the small one of kind (m = 3, d = 4), drawn from the run's seed
       when first asked for (thm4.mutant.dependent breaks their rank). */
    const thm4_data_struct *thm4_mod_grid_data(thm4_mod_t M, thm4_data_kind kind, slong mi);
    const thm4_data_struct *thm4_mod_small_data(thm4_mod_t M, thm4_data_kind kind);

    /* ------------------------------------ thm4_grid.c: sampling */

    /* What one Monte Carlo sample decides: the events of a network of
       width n drawn from law on data D, and, when construct, whether the
       construction of B.6 was built and verified (event 2). */
    typedef struct
    {
        const thm4_data_struct *D;
        slong n;
        sampler_kind law;
        fmpq *ybar;
        fmpq_t alpha;
        int construct;
    } thm4_sample_ctx;

#define THM4_EV_BUILT 2

    /* Sets g for data D, width n and law, with alpha and ybar from
       thm4_mod_alpha; thm4_sample_ctx_clear frees it. */
    void thm4_sample_ctx_init(thm4_sample_ctx *g, const thm4_mod_t M, const thm4_data_struct *D, slong n,
                              sampler_kind law, int construct);
    void thm4_sample_ctx_clear(thm4_sample_ctx *g);

    /* mc_sample_fn: events THM4_EV_GOOD, THM4_EV_B6 (and THM4_EV_BUILT),
       every one undecided on a basin boundary (probability 0). */
    void thm4_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index);

    /* --------------------------------------------------- the checks */

    void thm4_check_alpha(thm4_mod_t M);    /* thm4_proof.c */
    void thm4_check_b6(thm4_mod_t M);       /* thm4_proof.c: thm4.b6.*, thm4.closedform */
    void thm4_check_grid(thm4_mod_t M);     /* thm4_grid.c */
    void thm4_check_controls(thm4_mod_t M); /* thm4_control.c */
    int thm4_check_user(thm4_mod_t M);      /* thm4_user.c: 2 on an input error */

#ifdef __cplusplus
}
#endif

#endif

/* thm2_run.h -- the Theorem 2 module's own pieces, shared by its files
   (not an interface for other modules): the module's data sets, the
   claim's constant as a run reads it, the Monte Carlo runs and their
   tallies, and the checks each file produces.

   Files: thm2.c (the tables, the run, the user's instance and the
   sampled controls), thm2_data.c (the data sets and the hypothesis
   checks), thm2_basin.c (alpha and the cells through the certified
   engine), thm2_prob.c (the exact probabilities against the bound, the
   corollary), thm2_mc.c (the Monte Carlo runs, B.4's construction per
   sample, the closed form against the engine), thm2_grid.c (the Monte
   Carlo grid).  The statements are in thm2.tex. */
#ifndef THM2_RUN_H
#define THM2_RUN_H

#include "sampler.h"
#include "thm2.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* widths of the exact grid: 1..THM2_MAXN */
#define THM2_MAXN 64

    /* ----------------------------------------------------- data sets */

    typedef enum
    {
        THM2_ONE = 0, /* d = 1, one point on S_1^+: one needy side */
        THM2_APPC1,   /* Appendix C's data, d = 1, 2, 4, ..., 64 */
        THM2_APPC2,
        THM2_APPC4,
        THM2_APPC8,
        THM2_APPC16,
        THM2_APPC32,
        THM2_APPC64,
        THM2_MIXED,  /* d = 5, every kind of side (chosen) */
        THM2_SMALL,  /* d = 2, needs (+,+) and (-,-): the naive alpha fails for n <= 3 */
        THM2_RAND2,  /* random, d = 2, m = 5 */
        THM2_RAND3,  /* random, d = 3, m = 12 */
        THM2_RAND8,  /* random, d = 8, m = 32 */
        THM2_RAND16, /* random, d = 16, m = 64 */
        THM2_NDS
    } thm2_ds;

    extern const char *const thm2_ds_names[THM2_NDS];

    typedef struct
    {
        singleton_data_t D[THM2_NDS];
    } thm2_sets;

    /* Sets S to the module's data sets: the random ones and the sides of
       the chosen ones from rng streams "thm2/data/<name>" under seed,
       Appendix C's for eps = thm2_eps. */
    void thm2_sets_init(thm2_sets *S, uint64_t seed);
    void thm2_sets_clear(thm2_sets *S);

    /* eps = 1/10, Appendix C's parameter of the module. */
    void thm2_eps(fmpq_t eps);

    /* ------------------------------------------------ the constant */

    /* The paper's per-neuron failure probability 3/4 of a needy side
       (paper_side_fail), as this run reads it: every path of the module
       (exact grid, Monte Carlo bounds, the user's bound, the corollary's
       width) reads it here, where the mutant of the constant applies. */
    void thm2_side_fail(fmpq_t c, const run_t R);

    /* b = 1 - sides c^n, c = thm2_side_fail; tex (when not NULL) is set
       to the bound as LaTeX, "1-2(3/4)^{5}" (flint_free). */
    void thm2_claim_bound(fmpq_t b, char **tex, const run_t R, slong sides, slong n);

    /* The negative controls' constant: 2/3, below the paper's 3/4 (the
       mutant that restores the true claim sets thm2_side_fail). */
    void thm2_control_fail(fmpq_t c, const run_t R);

    /* q as a rational when short, else a rigorous decimal enclosure
       (flint_free). */
    char *thm2_q_str(const fmpq_t q);

    /* The verdict of a statement over many items, and the record pushed:
       the witness wit (taken and freed) or, when NULL, the text otherwise;
       then check_count(c, bad, undecided) and run_push. */
    void thm2_push_count(run_t R, check_t c, slong bad, slong undecided, char *wit, const char *otherwise);

    /* 1 when every check of the module is wanted (figures and tables are
       made only then). */
    int thm2_wants_all(const run_t R);

    /* ------------------------------------------- Monte Carlo runs */

    /* The tallies of one run of samples of (W, v) on a data set. */
    typedef struct
    {
        ulong N, good, event, und, impl_bad;
        ulong eng;                      /* samples the engine ran on */
        ulong eng_eq, eng_und, eng_bad; /* agreeing, undecided (interval), contradicting */
        ulong signs_bad, good_und, good_bad, built;
        double seconds;
    } thm2_tally;

    /* The engine's agreement with the closed form over the run, for
       thm2.closedform. */
    typedef struct
    {
        ulong samples, eq, und, bad, signs_bad, good_mismatch;
        double eng_seconds, closed_seconds;
        ulong eng_samples, closed_samples;
    } thm2_engine_acc;

    /* What the module's checks share during a run. */
    typedef struct
    {
        thm2_sets *S;
        thm2_engine_acc acc;
        ulong engine_quota; /* the engine runs on the samples below this index of every run */
        int need_all;       /* thm2.closedform wanted: every sampled run runs */
    } thm2_state;

    /* The Assumption-1 laws rotated over the runs: gauss, sphere, ball,
       cauchy for i = 0, 1, 2, 3 (mod 4). */
    sampler_kind thm2_law(slong i);

    /* What runs beside the closed form in a Monte Carlo run. */
    typedef enum
    {
        THM2_RUN_PLAIN = 0, /* the engine on the first X->engine_quota samples */
        THM2_RUN_B4,        /* the engine and B.4's W' on every sample */
        THM2_RUN_CLOSED     /* the closed form alone (the user's data: no bound on the engine's cost) */
    } thm2_run_mode;

    /* Runs N samples of (W, v) drawn by law at width n on D (stream
       names the Monte Carlo stream) and sets e: B.4's event and
       Bas <= alpha decided exactly per sample (closed form), and what
       mode runs beside it.  Adds the engine's agreement to X->acc. */
    void thm2_mc_run(thm2_tally *e, run_t R, thm2_state *X, const singleton_data_t D, slong n,
                     sampler_kind law, ulong N, thm2_run_mode mode, const char *stream);

    /* -------------------------------------------- the checks, by file */

    /* thm2_data.c (describe: the data sets as an instance paragraph) */
    void thm2_describe_sets(run_t R, const thm2_sets *S);
    void thm2_check_singleton(run_t R, const thm2_sets *S);
    void thm2_check_nonsingleton(run_t R, const thm2_sets *S);

    /* thm2_basin.c */
    void thm2_check_alpha(run_t R, const thm2_sets *S);
    void thm2_check_naive(run_t R, const thm2_sets *S);
    void thm2_check_enum(run_t R, const thm2_sets *S);

    /* thm2_prob.c: the exact checks (the exact grid is computed when one
       of them, or the figures, needs it), the corollary */
    typedef struct
    {
        fmpq pg[THM2_NDS][THM2_MAXN]; /* P[Bas <= alpha] at n = 1..THM2_MAXN */
        fmpq pe[THM2_NDS][THM2_MAXN]; /* P[B.4's event] */
    } thm2_exact;

    void thm2_exact_init(thm2_exact *E, const thm2_sets *S);
    void thm2_exact_clear(thm2_exact *E);
    /* Runs thm2.grid.exact and thm2.union.one when wanted; returns the
       exact grid when a check or the figures (all) need it, else NULL
       (thm2_exact_clear and flint_free it). */
    thm2_exact *thm2_exact_checks(run_t R, const thm2_sets *S, int all);
    void thm2_check_tight_exact(run_t R, const thm2_sets *S, const thm2_exact *E);
    void thm2_corollary(run_t R);

    /* thm2_mc.c */
    void thm2_check_b4(run_t R, thm2_state *X);
    void thm2_check_closedform(run_t R, const thm2_state *X);

    /* thm2_grid.c: the grid and its figures (E may be NULL: no figures) */
    void thm2_grid(run_t R, thm2_state *X, const thm2_exact *E);

#ifdef __cplusplus
}
#endif

#endif

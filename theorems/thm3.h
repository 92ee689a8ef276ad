/* thm3.h -- Theorem 3 (data of low intrinsic dimension, Sec. 4.2, B.5):
   the instances, the per-neuron cap decisions, the proof's witness and
   the module "thm3".

   An instance is a realizable data set S = {(x_t, y_t)} in R^d with
   ||x_t|| <= 1, rank(X) = r >= 2, a width-n teacher (W*, v*) with
   L_S(W*, v*) = 0 and |v_j*| ||w_j*|| <= B, and eps > 0; all numbers
   exact rationals.  With rho = eps / (n B)^2 the proof's cap around the
   teacher neuron j is, on the sphere of U = span(x_t),
       { w : angle(P_U w, u_j) <= theta },  cos theta = kappa = 1 - rho/2,
   u_j = P_U w_j* (the projection keeps the predictions and does not
   increase the norm), i.e. the unit vectors within distance
   delta = sqrt(rho) of u_j / ||u_j|| (reconstruction of Lemma 7, see
   sphere.h).  The files:

     thm3_inst.c     instances: exact hypothesis checks, the generated
                     instances, the user's CSV files
     thm3_witness.c  p_eps and the width, cap decisions, sequential
                     matching, the rescaled witness and its exact
                     verification, the cover bound of the regime
     thm3.c          the spec and mutant tables, the claim's constants,
                     the module's entry point
     thm3_exact.c    the records decided exactly (hypotheses, p_eps, the
                     Chernoff step, the exact witness law, the erratum)
     thm3_mc.c       the Monte Carlo sample and its records
     thm3_regime.c   Theorem 3 at r = 2, eps/(nB)^2 = 1/16, c = 2, n >= 15 */
#ifndef THM3_H
#define THM3_H

#include "bc.h"
#include "check.h"
#include "mc.h"
#include "rng.h"
#include "sampler.h"
#include "module.h"
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        slong m, d, n, r;
        fmpq_mat_t X; /* m x d, rows x_t */
        fmpq *y;      /* m targets */
        fmpq_mat_t W; /* n x d teacher, rows w_j* */
        fmpq *v;      /* n teacher output weights */
        fmpq_t B, eps;
        fmpq_t rho;   /* eps / (n B)^2 */
        fmpq_t kappa; /* cos theta = 1 - rho/2 */
        fmpq_t L0;    /* L_S(0) = mean y_t^2 */
        /* integer orthogonal basis b_0..b_{r-1} of U (rows), g_k = |b_k|^2,
           G = lcm(g_k) */
        fmpz_mat_t basis;
        fmpz *g;
        fmpz_t G;
        /* u_j = P_U w_j* = sum_k (bnum[j][k] / bden[j]) b_k, bden[j] > 0 */
        fmpz_mat_t bnum;
        fmpz *bden;
        fmpq *unorm2; /* |u_j|^2 */
        int *vsign;   /* sign(v_j*) in {-1, 0, +1} */
        slong nlive;  /* teacher neurons with u_j != 0 and v_j* != 0 */
        /* the cap test of neuron j: A_j^2 Lc_j  >=  Pn Rc_j  (see thm3_cap) */
        fmpz *Lc, *Rc;
        fmpz_t kn, kd; /* kappa = kn / kd, kd > 0 */
    } thm3_inst_struct;

    typedef thm3_inst_struct thm3_inst_t[1];

/* Return codes of thm3_inst_set (the hypotheses of Theorem 3). */
#define THM3_OK 0
#define THM3_ERR_SIZE 1    /* sizes inconsistent or zero */
#define THM3_ERR_XNORM 2   /* some ||x_t|| > 1 (index: t) */
#define THM3_ERR_TEACHER 3 /* some |v_j*| ||w_j*|| > B (index: j) */
#define THM3_ERR_REALIZE 4 /* L_S(W*, v*) != 0: N*(x_t) != y_t (index: t) */
#define THM3_ERR_EPS 5     /* eps <= 0, or eps / (n B)^2 > 4 (p_eps undefined) */
#define THM3_ERR_RANK 6    /* rank(X) < 2: p_eps has the factor 1/(r - 1) */
#define THM3_ERR_B 7       /* B <= 0 */

    void thm3_inst_init(thm3_inst_t I);
    void thm3_inst_clear(thm3_inst_t I);

    /* Sets I from exact data X (m x d), y (m), teacher W (n x d), v (n), B
       and eps, deciding every hypothesis of Theorem 3 exactly (norms by
       their squares).  Returns THM3_OK, or the first violated hypothesis
       in the order of the codes above, with *bad (if not NULL) the
       offending index (row of X or of W, or -1) and msg (if not NULL,
       msglen > 0) a one-line description.  On error I is left empty. */
    int thm3_inst_set(thm3_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v,
                      const fmpq_t B, const fmpq_t eps, slong *bad, char *msg, size_t msglen);

    /* Sets B to the smallest multiple of 2^-bits that is >= max_j |v_j|
       ||w_j|| (decided exactly on squares): the B used for a teacher
       that comes without one. */
    void thm3_teacher_B(fmpq_t B, const fmpq_mat_t W, const fmpq *v, ulong bits);

    /* The built-in instances (see thm3.tex): THM3_GEN_ENGINE (r = 2,
       d = 8, n = 2, m = 8, rho = 1/4; small enough for the basin engine),
       THM3_GEN_MAIN (r = 3, d = 32, n = 2, m = 12, rho = 1/4),
       THM3_GEN_XNORM (a data point with ||x|| > 1) and THM3_GEN_TEACHER
       (a teacher neuron with |v| ||w|| > B).  Fills X, y, W, v, B, eps
       (initialised by the caller with thm3_raw_init; resized as
       needed). */
#define THM3_GEN_ENGINE 0
#define THM3_GEN_MAIN 1
#define THM3_GEN_XNORM 2
#define THM3_GEN_TEACHER 3
    typedef struct
    {
        fmpq_mat_t X, W;
        fmpq *y, *v;
        fmpq_t B, eps;
        slong m, n;
    } thm3_raw_struct;
    typedef thm3_raw_struct thm3_raw_t[1];
    void thm3_raw_init(thm3_raw_t R, slong m, slong d, slong n);
    void thm3_raw_clear(thm3_raw_t R);
    void thm3_generated(thm3_raw_t R, int which);

    /* The instance of the regime where the proof's Chernoff step fails
       (thm3.tex, "Theorem 3 where it matters"): r = 2 inside d = 3, the
       plane U spanned by the orthogonal integer frame (1, 2, 2),
       (2, 1, -2); m = 12 points at the rational unit directions of
       tan(phi/2) = (2k - 11)/11 of U (phi from -90 to +90 degrees), of
       norm 1 (k even) or 3/4 (k odd); n >= 2 teacher neurons of norm 1 at
       tan(psi/2) = 3 (2j - n + 1) / (5 (n - 1)) (psi from -62 to +62
       degrees), v* = 1, so B = 1, and eps = n^2 / 16: eps/(nB)^2 = 1/16.
       Fills R as thm3_generated does. */
    void thm3_generated_regime(thm3_raw_t R, slong n);

    /* Reads the user's instance: data (rows x_1..x_d, y), teacher (rows
       w_1..w_d, v), eps (exact decimal or rational text), with B from
       thm3_teacher_B(., 20).  Returns 0 and sets I, or 2 after printing
       one line "basincheck: FILE:LINE:COL: ..." on stderr. */
    int thm3_read_user(thm3_inst_t I, const char *data, const char *teacher, const char *eps);

    /* mult * p_eps for rank r >= 2 and rho = eps/(nB)^2 in (0, 4]
       (sphere_chord_prob_lower times mult): the one evaluation of p_eps,
       mult = 1 the theorem's, mult > 1 a tightened constant. */
    void thm3_peps_rho(arb_t res, ulong r, const fmpq_t rho, ulong mult, slong prec);

    /* p_eps of the instance (mult = 1), and the exact per-neuron
       probability q = F_r(theta) / 2 of landing in a given cap with the
       right output sign (Lemma 7 on U, sphere_chord_prob). */
    void thm3_peps(arb_t res, const thm3_inst_t I, slong prec);
    void thm3_capprob(arb_t res, const thm3_inst_t I, slong prec);

    /* The width N = c ceil(n / (mult p_eps)), c = c2 / 2 (rounded up to an
       integer), for r >= 2 and rho = eps/(nB)^2, the ceiling decided at
       rising precision (bc_decide_prec).  Returns 0 when undecided or when
       N exceeds maxN. */
    ulong thm3_width_rho(ulong r, const fmpq_t rho, ulong n, ulong c2, ulong mult, ulong maxN);

    /* The theorem's width of the instance (mult = 1). */
    ulong thm3_width(const thm3_inst_t I, ulong c2, ulong maxN);

    /* Exact cap decisions for a neuron w (d doubles, exact dyadics).
       thm3_proj sets y[k] = <w, b_k> and *pn = G |P_U w|^2 exactly
       (y has r entries, all arb initialised by the caller); then
       thm3_cap returns 1 when angle(P_U w, u_j) <= theta (0 when not, or
       when P_U w = 0, a null event).  thm3_cap_full decides instead the
       angle in R^d, angle(w, u_j) <= theta, which is what Lemma 7's
       reduction avoids. */
    void thm3_proj(arb_ptr y, arb_t pn, const thm3_inst_t I, const double *w);
    int thm3_cap(const thm3_inst_t I, slong j, arb_srcptr y, const arb_t pn);
    int thm3_cap_full(const thm3_inst_t I, slong j, arb_srcptr y, const double *w);

    /* The first live teacher neuron at or after j (live: u_j != 0 and
       v_j* != 0), or I->n when none. */
    slong thm3_next_live(const thm3_inst_t I, slong j);

    /* One neuron (w, vi) of the sequential reading of "well-initialised"
       against the live teacher neuron j: 1 when sign(vi) = sign(v_j*)
       (only when sign_rule is set) and w lies in the cap of j on U
       (thm3_cap); the one definition of the event, used by the matching
       and by the Lemma 7 events.  y (r entries) and pn are workspace. */
    int thm3_well_init(const thm3_inst_t I, slong j, const double *w, double vi, int sign_rule, arb_ptr y,
                       arb_t pn);

    /* The proof's witness (B.5) for a network (W, v) of width N (W is
       N x d doubles, row major; v has N entries), read sequentially:
       neuron i is well-initialised when it lies in the cap of the first
       live teacher neuron j not yet matched and sign(v_i) = sign(v_j*);
       it is then matched to j.  Sets match[j] (n entries) to the neuron
       matched to j or -1, and returns the number of live teacher
       neurons matched (success iff it equals I->nlive).  Because the
       caps have equal measure, this count is exactly Bin(N, q) truncated
       at nlive under Assumption 1.  thm3_match_rule is the same with the
       sign condition dropped when sign_rule = 0 (a mutant). */
    slong thm3_match(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N);
    slong thm3_match_rule(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N,
                          int sign_rule);

    typedef struct
    {
        int closure; /* 1: (W', v') lies in the closure of the cell of (W, v) */
        fmpq_t obj;  /* L_S(W', v') exactly */
        int ok;      /* closure && obj <= eps */
        fmpq *s;     /* n: the rational rescaling factors s_j > 0 */
    } thm3_witness_struct;
    typedef thm3_witness_struct thm3_witness_t[1];
    void thm3_witness_init(thm3_witness_t Wt, slong n);
    void thm3_witness_clear(thm3_witness_t Wt, slong n);

    /* Builds the rescaled witness of B.5 from a complete match: matched
       neuron i = match[j] gets v'_i = sign(v_j*) and w'_i = s_j w_i with
       s_j > 0 a rational within 2^-60 (relative) of
       |v_j*| ||u_j|| / ||P_U w_i|| (so that v'_i w'_i ~ |v_j*| u_j); every
       other neuron is zeroed.  Then decides exactly that (W', v') lies in
       the closure of the basin of (W, v) (Def. 2: a_{i,t} <w'_i, x_t> >= 0,
       b_i v'_i >= 0) and computes L_S(W', v') exactly.  Only the matched
       neurons need deciding (zero is in every closed cell), and since
       their constraints hold for either sign where <w_i, x_t> = 0, the
       witness lies in the closure of every cell whose closure holds
       (W, v): no interior test is needed.  W need only hold the rows of
       the matched neurons. */
    void thm3_witness(thm3_witness_t Wt, const thm3_inst_t I, const double *W, const double *v, slong N,
                      const slong *match);

    /* The cover bound of rank 2 (thm3.tex, "Theorem 3 where it matters").
       For a live teacher neuron j, the activation cone
           K_j = { w : <w, x_t> <u_j, x_t> > 0 for every t with <u_j, x_t> != 0 }
       meets the circle of U in an open arc of angle pi - Theta_j, Theta_j
       the largest angle between two of the vectors sign(<u_j, x_t>) x_t.
       If every class (K_j, sign v_j*) holds a neuron of the network,
       Bas(W, v) = 0 (the teacher itself lies in the closed basin), so
       under Assumption 1
           P[Bas(W, v) > 0] <= sum over distinct classes (1 - mu_j/2)^N,
       mu_j = (pi - Theta_j) / (2 pi).  Encloses that sum in res and sets
       *nclass to the number of distinct classes and res_mu to the
       smallest mu_j.  Requires I->r = 2. */
    void thm3_cover_miss(arb_t res, slong *nclass, arb_t res_mu, const thm3_inst_t I, ulong N, slong prec);

    /* x = x / k for a non-zero integer k (FLINT 2.9 has no fmpq_div_si). */
    void thm3_qdiv_si(fmpq_t x, slong k);

    /* ------------------------------------------------ the module's parts

       What the module's files share: the claim's constants, the
       instances with their Monte Carlo tallies, and the record
       functions of each file. */

    /* The constants Theorem 3 claims and the rules its proof reads, one
       definition each, read by every path (exact, Monte Carlo, regime).
       thm3_claim_init sets them from paper.h and applies the run's
       mutant where each is defined. */
    typedef struct
    {
        fmpq_t rate;     /* kappa of 1 - exp(-c n kappa): 1/4 (paper_thm3_rate) */
        int rate_kl;     /* the relative-entropy rate exp(-n (c - 1 - ln c)) instead (a mutant) */
        ulong peps_mult; /* p_eps is read times this: 1 */
        ulong tighten;   /* the factor by which the controls tighten p_eps: 8 */
        int sign_rule;   /* well-initialised includes sign(v_i) = sign(v_j*): 1 */
        int v_negative;  /* the output weights drawn as -|v_i| (Assumption 1 broken): 0 */
    } thm3_claim_struct;

    void thm3_claim_init(thm3_claim_struct *K, const run_t R);
    void thm3_claim_clear(thm3_claim_struct *K);

    /* exp(-c n kappa) with c = c2 / 2 (the claimed failure probability),
       and its complement, the claimed bound 1 - exp(-c n kappa). */
    void thm3_claim_fail(arb_t res, const thm3_claim_struct *K, ulong c2, ulong n, slong prec);
    void thm3_claim_bound(arb_t res, const thm3_claim_struct *K, ulong c2, ulong n, slong prec);

    /* widths above this are refused (user instances) */
#define THM3_MAX_N 200000
    /* c = 2, 3, 4 */
#define THM3_NC 3
    /* 2c for c = 2, 3, 4, and c as text */
    extern const ulong thm3_c2s[THM3_NC];
    extern const char *const thm3_cstr[THM3_NC];

    /* One instance of the module with its widths and Monte Carlo tallies. */
    typedef struct
    {
        const char *name;   /* "main", "engine", "builtin", "n15", ... */
        const char *stream; /* its rng streams thm3/<stream>/c<c> */
        thm3_inst_struct *I;
        int user;    /* the user's files */
        int engine;  /* the basin engine certifies Bas on every sample */
        ulong N[3];  /* widths for c = 2, 3, 4 (0: not needed) */
        arb_t p, q;  /* p_eps (times the claim's multiplier) and F_r(theta)/2 */
        ulong S;     /* samples per width (0: no Monte Carlo) */
        int sampled; /* bit ci: the tally T[ci] is set */
        mc_tally_t T[3];
    } thm3_slot_struct;

    /* Sets Z for instance I: p, q and the widths of c = 2, 3, 4 from the
       claim K.  Returns 0, or 2 (after printing the one-line advice) when
       a width of the user's instance (user = 1, eps_text its --eps) is
       above THM3_MAX_N or undecided; a built-in width that is refused
       leaves N = 0.  thm3_slot_clear frees Z. */
    int thm3_slot_init(thm3_slot_struct *Z, const char *name, thm3_inst_struct *I, int user,
                       const char *eps_text, const thm3_claim_struct *K);
    void thm3_slot_clear(thm3_slot_struct *Z);

    /* The instance's sizes as one line (flint_free). */
    char *thm3_inst_desc(const thm3_slot_struct *Z);

    /* The records of thm3_mc.c.  Z[0] is the main instance (the user's
       when given), Z[1] the engine instance; each record samples the
       widths it needs that no record sampled before (so that its time
       includes them).  own is the built-in main instance, eng the engine
       instance: the controls' own. */
    void thm3_rec_mc(run_t R, thm3_slot_struct *Z, const thm3_claim_struct *K);
    void thm3_rec_closure(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K);
    void thm3_rec_law(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K);
    void thm3_rec_lemma7(run_t R, thm3_slot_struct *Z, slong nz, const thm3_claim_struct *K);
    void thm3_rec_controls_mc(run_t R, const thm3_slot_struct *own, const thm3_slot_struct *eng,
                              const thm3_claim_struct *K);

    /* The regime's Monte Carlo (thm3_mc.c): samples width c = 2 of slot Z,
       S samples, on stream thm3/regime/<name>; Bas(W, v) <= eps is
       certified by the proof's witness where it exists with objective
       <= eps, else decided by the basin engine. */
    void thm3_slot_sample_regime(run_t R, thm3_slot_struct *Z, const thm3_claim_struct *K);

    /* The events of a sample (thm3_mc.c), for the regime's record. */
#define THM3_EV_WITNESS 0
#define THM3_EV_MATCHED 1
#define THM3_EV_BASIN 2
#define THM3_EV_ENGINE 7

    /* The records of thm3_exact.c.  Z[0..nz-1] every instance of the run
       (for the hypotheses), own[0..1] the module's own (the controls). */
    void thm3_rec_hyp(run_t R, const thm3_slot_struct *Z, slong nz, const char *fail);
    void thm3_rec_peps(run_t R, thm3_slot_struct *const *Z, slong nz, thm3_slot_struct *const *own,
                       const thm3_claim_struct *K);
    /* thm3.tail (exact = 0: P[Bin(N, p_eps) < n] <= exp(-c n/4)) and
       thm3.witness_law (exact = 1: P[Bin(N, F_r/2) >= nlive] >= the
       bound) at the slots Z[0..nz-1] and c = 2, 3, 4. */
    void thm3_rec_binomial(run_t R, const char *id, const thm3_slot_struct *Z, slong nz,
                           const thm3_claim_struct *K, int exact);
    void thm3_rec_erratum(run_t R, const thm3_claim_struct *K);
    void thm3_rec_hyp_controls(run_t R);

    /* The decision P[Bin(N, p) < k] <= exp(-c n kappa) (c = c2/2) at
       rising precision, p = p_eps times the claim's multiplier (exact = 0)
       or F_r(theta)/2 (exact = 1); sets tail to the enclosure at the
       precision that decided, and records the precision in c (may be
       NULL). */
    truth_t thm3_tail_le(arb_t tail, check_t c, ulong r, const fmpq_t rho, ulong N, ulong k, ulong n,
                         ulong c2, int exact, const thm3_claim_struct *K);

    /* The certificate of that decision (kind "inequality", the checker's
       thm3.width_tail, which derives N = c ceil(n / p_eps) and the tail
       itself): attached to c when decided, and when the claim is the
       paper's form exp(-c n kappa) with p_eps unmultiplied (a mutant's
       variants have none).  label may be NULL. */
    void thm3_tail_cert(check_t c, const char *label, ulong r, const fmpq_t rho, ulong N, ulong k, ulong n,
                        ulong c2, int exact, const thm3_claim_struct *K);

    /* thm3_regime.c: the regime's grid of n, its instances and records. */
#define THM3_NREGIME 3
    extern const slong thm3_regime_n[THM3_NREGIME];
    extern const char *const thm3_regime_name[THM3_NREGIME];
    /* 1 when the run wants a check of the regime's grid point k. */
    int thm3_regime_wanted(const run_t R, slong k);
    void thm3_rec_regime(run_t R, slong k, thm3_slot_struct *Z, const thm3_claim_struct *K);

    extern const module_struct module_thm3;
    extern const char *const fragment_thm3[];

#ifdef __cplusplus
}
#endif

#endif

/* thm5.h -- the module "thm5": Theorem 5 (clustered data, B.7).

   Data S = {(x_t, y_t)} in R^d lie in k <= d clusters with centres
   c_1..c_k (rows of C, k x d) and radii delta_j; Theorem 5 states
       P[ Bas(W, v) <= O(delta^2) ] >= 1 - d (7/8)^n,  delta = max_j delta_j,
   for a width-n two-layer ReLU network drawn by Assumption 1.  The
   O(delta^2) is lost in the seed; thm5.tex reconstructs an explicit
       K = max{ 4 (2 q |yhat| / s + gamma)^2,  8 k |yhat|^2 / s^2 + 8 gamma^2 },
   q = min(n, k), s = sigma_min(C^T), and proves Bas <= K delta^2 whenever
   every cluster has a good neuron (Lemma 9 and Claims 4-5, rebuilt).

   The pieces are split by family:
     thm5_data.c   instances: nearest-centre assignment, exact radii,
                   clustering of user data, the module's own instances,
                   hypotheses, singular values
     thm5_bound.c  the constant K, good neurons, the exact witness of B.7,
                   Lemma 8 on the clusters
     thm5_mc.c     the Monte Carlo checks (Bas, noisy regions, the
                   proof's event at the radius limit, controls)
     thm5.c        the tables, hypotheses, scaling, Figure 1, the user's
                   data, the module's entry point
   thm5.c calls thm5_mc.c, and both the library files; nothing calls
   back into thm5.c.

   Exact throughout: data, centres and weights are rationals (doubles are
   dyadic); sigma_min, sigma_max are enclosed from the exact
   characteristic polynomial of C C^T; the radius 2 sin(...) with Arb. */
#ifndef THM5_H
#define THM5_H

#include "bc.h"
#include "check.h"
#include "module.h"
#include "rng.h"
#include <flint/fmpq_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* A clustered data set with its centres. */
    typedef struct
    {
        slong m, d, k;
        fmpq_mat_t X; /* m x d, rows x_t */
        fmpq *y;      /* m targets */
        fmpq_mat_t C; /* k x d, rows c_j */
        slong *cl;    /* m: the cluster of x_t (nearest centre, lowest index on ties) */
        fmpq *delta2; /* k: delta_j^2 = max over the cluster of |x_t - c_j|^2 (0 if empty) */
        slong *size;  /* k: points per cluster */
        slong *rep;   /* k: the representative t_j of yhat_j (first point), -1 if empty */
    } thm5_inst_struct;

    typedef thm5_inst_struct thm5_inst_t[1];

    /* Initialises I as the empty instance. */
    void thm5_inst_init(thm5_inst_t I);

    /* Frees I. */
    void thm5_inst_clear(thm5_inst_t I);

    /* Sets I to data (X, y) (m x d, m targets) with centres C (k x d),
       all copied: assigns each x_t to its nearest centre (exact squared
       distances, lowest index on ties), sets delta_j^2 to the largest
       squared distance of the cluster to its centre (the smallest radii
       for which the first hypothesis can hold) and yhat_j = y of the
       first point of cluster j.  Requires X->c == C->c, m, k >= 1. */
    void thm5_inst_set(thm5_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t C);

    /* thm5_inst_set from integer arrays over common denominators: m
       points of dimension d (pts, m * d, over den), targets ys (m, over
       yden), k centres (cs, k * d, over den). */
    void thm5_inst_set_si(thm5_inst_t I, slong m, slong d, slong k, const slong *pts, const slong *ys,
                          slong yden, const slong *cs, slong den);

    /* Finds k clusters in X (m x d, 1 <= k <= m) deterministically and
       exactly: single linkage (the minimum spanning tree of the exact
       squared distances, Prim from point 0, ties to the lowest index;
       the k - 1 heaviest edges are cut, ties cut the later edge), each
       centre the exact mean of its cluster, clusters ordered by their
       first point.  Sets C to k x d (C must be initialised; it is
       resized). */
    void thm5_cluster(fmpq_mat_t C, const fmpq_mat_t X, slong k);

    /* Encloses the squared extreme singular values of C^T (C k x d,
       k <= d): lmin = lambda_min(C C^T), lmax = lambda_max(C C^T), from
       the exact characteristic polynomial (squarefree factors, certified
       real roots).  Returns the exact sign of det(C C^T) (1: general
       position, sigma_min > 0; 0: rank deficient, lmin = 0 exactly). */
    int thm5_gram_eigs(arb_t lmin, arb_t lmax, const fmpq_mat_t C, slong prec);

    /* The hypotheses of Theorem 5, in the order the checker tests them. */
    typedef enum
    {
        THM5_H_KD = 0,    /* k <= d */
        THM5_H_NONEMPTY,  /* every centre has a data point (yhat_j exists) */
        THM5_H_GENERAL,   /* sigma_min(C^T) > 0 */
        THM5_H_UNIQUE,    /* each x_t within delta_j of exactly one centre */
        THM5_H_RADIUS,    /* delta_j / |c_j| <= 2 sin(sqrt(2 pi) / (16 d sqrt d)) */
        THM5_H_CNORM,     /* |c_j| >= c */
        THM5_H_BNORM,     /* |x_t| <= B */
        THM5_H_LIPSCHITZ, /* |y_t - y_t'| <= gamma |x_t - x_t'| within a cluster */
        THM5_NHYP
    } thm5_hyp_id;

    /* Short name of hypothesis h ("k<=d", "general position", ...). */
    const char *thm5_hyp_name(int h);

    typedef struct
    {
        truth_t holds[THM5_NHYP];
        char *why[THM5_NHYP]; /* one line: the witness of a violation, or the margin */
        slong prec;           /* the highest precision (bits) a decision needed, 0: none */
    } thm5_hyp_struct;

    typedef thm5_hyp_struct thm5_hyp_t[1];

    void thm5_hyp_init(thm5_hyp_t H);
    void thm5_hyp_clear(thm5_hyp_t H);

    /* Decides every hypothesis of Theorem 5 for I with the constants
       B^2 = B2, c^2 = c2, gamma^2 = gamma2 (exact, >= 0): exact over Q,
       except the radius (Arb at rising precision, bc_decide_prec, the
       precision reached in H->prec; undecided only at an exact tie, which
       cannot occur: rho_d^2 is irrational).  Hypotheses
       after a failed THM5_H_NONEMPTY that need yhat are still decided on
       the non-empty clusters.  Returns the first hypothesis that does not
       hold (violated or undecided), or -1 when all hold. */
    int thm5_hyp_check(thm5_hyp_t H, const thm5_inst_t I, const fmpq_t B2, const fmpq_t c2,
                       const fmpq_t gamma2);

    /* The tightest constants of the data: B2 = max_t |x_t|^2, c2 =
       min_j |c_j|^2, gamma2 = the largest (y_t - y_t')^2 / |x_t - x_t'|^2
       over pairs of a cluster; returns 0, or 1 when two points of a
       cluster coincide with different targets (no gamma exists; gamma2
       is then the largest finite ratio). */
    int thm5_tight_constants(fmpq_t B2, fmpq_t c2, fmpq_t gamma2, const thm5_inst_t I);

    /* delta^2 = max_j delta_j^2 and |yhat|^2 = sum_j y_{rep_j}^2. */
    void thm5_delta2(fmpq_t delta2, const thm5_inst_t I);
    void thm5_yhat2(fmpq_t yhat2, const thm5_inst_t I);

    /* ---------------------------------------------- the constant K */

    /* Encloses K = max{4 (2 q Y / s + g)^2, 8 k Y^2 / s^2 + 8 g^2} with
       q = min(n, k), Y = sqrt(yhat2), s = sqrt(lmin), g = sqrt(gamma2)
       (the reconstructed constant, thm5.tex).  lmin must be > 0 (else K
       is +inf). */
    void thm5_K(arb_t K, slong n, slong k, const fmpq_t yhat2, const arb_t lmin, const fmpq_t gamma2,
                slong prec);

    /* 1 when the sign of <w, x> (w in Q^d, w != 0) is constant on every
       ball B(c_l, delta_l) of I: |<w, c_l>| > delta_l |w|, exact (noisy
       for no cluster). */
    int thm5_neuron_clean(const fmpq *w, const thm5_inst_t I);

    /* 1 when neuron (w, v) (w in Q^d, w != 0) is good for cluster j of I
       (B.7): sign(<w, x>) constant on every ball B(c_l, delta_l), l = 1..k
       (|<w, c_l>| > delta_l |w|, exact), <w, c_j> > 0 and v yhat_j >= 0. */
    int thm5_neuron_good(const fmpq *w, const fmpq_t v, const thm5_inst_t I, slong j);

    /* The witness of the reconstructed Lemma 9 (thm5.tex): given the
       network (W, v) (n x d, n entries) and a rational Mq >= 2 |yhat| /
       sigma_min, builds Wp (n x d) and vp (n): for cluster l its first
       good neuron i(l) gets vp = sign(v), wp = C^T (C C^T)^{-1} t with
       t_l = |yhat_l| + delta_l Mq on its clusters, delta_l Mq on its
       other active clusters, -delta_l Mq on its inactive ones; every
       other neuron is zeroed.  Needs delta_l Mq rational: uses the
       rational upper bound dq_l >= delta_l given (k entries, dq_l^2 >=
       delta_l^2).  Returns -1 when some cluster has no good neuron (Wp,
       vp untouched), else the number of neurons used.  kind is
       THM5_WITNESS_PROOF; THM5_WITNESS_INACTIVE_UP (for the mutation
       test only) keeps +delta_l Mq on the inactive clusters, which puts
       the witness out of the closed basin whenever a good neuron has an
       inactive cluster with data (its pre-activation there turns >= 0). */
    typedef enum
    {
        THM5_WITNESS_PROOF = 0,
        THM5_WITNESS_INACTIVE_UP
    } thm5_witness_kind;

    slong thm5_witness(fmpq_mat_t Wp, fmpq *vp, const fmpq_mat_t W, const fmpq *v, slong n,
                       const thm5_inst_t I, const fmpq_t Mq, const fmpq *dq, thm5_witness_kind kind);

    /* Objective (1/m) sum_t (N(Wp, vp)(x_t) - y_t)^2 of a network on I, exact. */
    void thm5_objective(fmpq_t f, const fmpq_mat_t W, const fmpq *v, slong n, const thm5_inst_t I);

    /* 1 when (Wp, vp) lies in the closure of the basin of (W, v) on the
       data of I (Def 2): for every neuron j and point t, sign(<w_j, x_t>) *
       <wp_j, x_t> >= 0 and sign(v_j) vp_j >= 0 (zero is allowed: closure),
       exact.  (W, v) must be interior (no zero <w_j, x_t>, v_j). */
    int thm5_in_closed_basin(const fmpq_mat_t Wp, const fmpq *vp, const fmpq_mat_t W, const fmpq *v, slong n,
                             const thm5_inst_t I);

    /* Decides whether the least-squares slope of log Bas_i against
       log delta_i over i = 0..N-1 is at least p, for radii delta_i =
       delta_0 2^-i (delta has N entries) and Bas_i known only to lie in
       [lo_i, hi_i] (rationals, 0 <= lo_i <= hi_i), p >= 0: with r_i = Bas_i /
       delta_i^p the slope is >= p iff prod_i r_i^(2i - (N - 1)) <= 1
       (thm5.tex).  Returns BC_TRUE when this holds for every Bas in the
       box (the largest product, hi_i for positive exponents and lo_i for
       negative ones, is <= 1), BC_FALSE when it fails for every Bas in
       the box (the smallest product is > 1), else BC_UNDECIDED; also
       BC_UNDECIDED when some lo_i = 0 (log Bas_i unbounded below).
       Exact over Q. */
    truth_t thm5_slope_at_least(const fmpq *lo, const fmpq *hi, const fmpq *delta, slong N, slong p);

    /* Lemma 8 on the clusters of I at precision prec with the per-cluster
       bound q (Lemma 8's 1/(4d)): sets rho[j] = delta_j / |c_j|,
       band[j] = band_d(rho_j) (the exact probability that a uniform
       direction is noisy for cluster j, sphere_band_prob) and U =
       sum_j band[j] (rho, band: k entries), and decides band_j <= q for
       every j and U <= d q (1/4 for q = 1/(4d)): BC_FALSE when one of them
       is decided false, BC_UNDECIDED when none is false but one is not
       settled at this precision, else BC_TRUE. */
    truth_t thm5_noisy_bound(arb_ptr rho, arb_ptr band, arb_t U, const thm5_inst_t I, const fmpq_t q,
                             slong prec);

    /* x = a / n for a C integer n != 0 (FLINT 2.9 has no fmpq_div_si). */
    void _thm5_fmpq_div_si(fmpq_t x, const fmpq_t a, slong n);

    /* ------------------------------------------------ the module's own */

    /* The Figure 1 instance with radius scale 1/scale: the centres
       c_1 = (1, 1), c_2 = (-2, 1/2); eight exact points per cluster at
       c_j + r u, u = (0,1), (1,0), (0,-1), (-1,0) and half that radius
       along (3,4)/5, (-4,3)/5, (-3,-4)/5, (4,-3)/5; radii r_1 = 1/(8 scale),
       r_2 = 1/(5 scale) (rho_j ~ 0.088/scale, 0.097/scale, below
       rho_2 ~ 0.1107); targets yhat_j + |<x - c_j, e_1>|/2 with
       yhat = (1, -1/2), so gamma = 1/2 and the first point carries yhat_j.
       The Monte Carlo of the basin value uses scale 8, the noisy regions
       and Figure 1 scale 1. */
    void thm5_fig1_instance(thm5_inst_t I, slong scale);

    /* The instance at the radius limit: d = k = 4, c_j = e_j, the centre
       and c_j +- delta e_i (i != j) in cluster j, delta = 5/128
       (rho_j ~ 0.99742 rho_4), targets yhat_j + <x - c_j, e_{j+1}>/2,
       yhat = (1, -1, 1, -1), the centre carrying yhat_j. */
    void thm5_limit_instance(thm5_inst_t I);

    /* The width of the module's own Monte Carlo instance. */
#define THM5_MC_N 24

    /* Draws a network by Assumption 1 (thm5_mc.c): every entry of W
       (n x d, row by row) and then of v (n = W->r entries) standard
       Gaussian from rng, exact (doubles are dyadic); with biased,
       v_i = |g_i| (not symmetric: for the negative control only). */
    void thm5_draw_network(fmpq_mat_t W, fmpq *v, rng_t rng, int biased);

    /* The Monte Carlo checks of the module (thm5_mc.c), called by its entry
       point: the basin-value family with width n on user (named uname in
       the statements) when user is not NULL, else on the Figure 1
       instance at radius scale 1/8; its negative controls, the noisy
       regions and the proof's event at the radius limit always on the
       module's own instances. */
    void thm5_check_mc(run_t R, const thm5_inst_t user, slong n, const char *uname);

    extern const module_struct module_thm5;
    extern const char *const fragment_thm5[];

#ifdef __cplusplus
}
#endif

#endif

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
   claims.h).  The files:

     thm3_inst.c     instances: exact hypothesis checks, the generated
                     instances, the user's CSV files
     thm3_witness.c  cap decisions, width N, sequential matching, the
                     rescaled witness and its exact verification
     thm3.c          the spec table, the records, the module */
#ifndef THM3_H
#define THM3_H

#include "bc.h"
#include "check.h"
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
       (initialised by the caller with thm3_raw_init). */
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

    /* Reads the user's instance: data (rows x_1..x_d, y), teacher (rows
       w_1..w_d, v), eps (exact decimal or rational text), with B from
       thm3_teacher_B(., 20).  Returns 0 and sets I, or 2 after printing
       one line "basincheck: FILE:LINE:COL: ..." on stderr. */
    int thm3_read_user(thm3_inst_t I, const char *data, const char *teacher, const char *eps);

    /* p_eps of the instance (sphere_chord_prob_lower with r and rho), and the
       exact per-neuron probability q = F_r(theta) / 2 of landing in a
       given cap with the right output sign (Lemma 7 on U). */
    void thm3_peps(arb_t res, const thm3_inst_t I, slong prec);
    void thm3_capprob(arb_t res, const thm3_inst_t I, slong prec);

    /* The width N = c ceil(n / p_eps), with c = c2 / 2, the ceiling
       decided at rising precision.  Returns 0 when undecided or when N
       exceeds maxN. */
    ulong thm3_width(const thm3_inst_t I, ulong c2, ulong maxN);

    /* The same width for given r >= 2, rho = eps/(nB)^2 and n, with p_eps
       replaced by mult * p_eps (mult = 1: the theorem's width; the
       control uses 8). */
    ulong thm3_width_rho(ulong r, const fmpq_t rho, ulong n, ulong c2, ulong mult, ulong maxN);

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

    /* The proof's witness (B.5) for a network (W, v) of width N (W is
       N x d doubles, row major; v has N entries), read sequentially:
       neuron i is well-initialised when it lies in the cap of the first
       live teacher neuron j not yet matched and sign(v_i) = sign(v_j*);
       it is then matched to j.  Sets match[j] (n entries) to the neuron
       matched to j or -1, and returns the number of live teacher
       neurons matched (success iff it equals I->nlive).  Because the
       caps have equal measure, this count is exactly Bin(N, q) truncated
       at nlive under Assumption 1. */
    slong thm3_match(slong *match, const thm3_inst_t I, const double *W, const double *v, slong N);

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
       s_j > 0 a rational within 2^-40 (relative) of
       |v_j*| ||u_j|| / ||P_U w_i|| (so that v'_i w'_i ~ |v_j*| u_j); every
       other neuron is zeroed.  Then decides exactly that (W', v') lies in
       the closure of the basin of (W, v) (Def. 2: a_{i,t} <w'_i, x_t> >= 0,
       b_i v'_i >= 0) and computes L_S(W', v') exactly.  Only the matched
       neurons need deciding (zero is in every closed cell), and since
       their constraints hold for either sign where <w_i, x_t> = 0, the
       witness lies in the closure of every cell whose closure holds
       (W, v): no interior test is needed. */
    void thm3_witness(thm3_witness_t Wt, const thm3_inst_t I, const double *W, const double *v, slong N,
                      const slong *match);

    /* x = x / k for a non-zero integer k (FLINT 2.9 has no fmpq_div_si). */
    void thm3_qdiv_si(fmpq_t x, slong k);

    extern const module_struct module_thm3;
    extern const char *const fragment_thm3[];

#ifdef __cplusplus
}
#endif

#endif

/* thm6.h -- the module "thm6": Theorem 6 of the paper (App. C), a single
   ReLU neuron with exponentially many bad basins.  The statement is a
   RECONSTRUCTION (the seed lost it and the explicit sample of C.2); see
   thm6.tex.

   For the single neuron x -> [<w, x>]_+ and the squared loss, the data of
   appc.h (the one-dimensional sample S_1(eps) = {(1, 1), (-1, q)} copied
   onto every coordinate) give the separable objective
       L_d(w) = (1/(2d)) sum_{j,t} ([<w, x_t e_j>]_+ - y_t)^2
              = (1/d) sum_j L_1(w_j),
   with exactly 2^d local minima {1, -q}^d of values
   eps' + (k/d)(1/2 - eps'), eps' = q^2/2 <= eps, k the number of bad
   coordinates.  The basin of w (the closure of its sign cell) has the
   value Bas(w) = eps' + (K/d) L_0, L_0 = 1/2 - eps', K the number of
   negative coordinates, and under Assumption 1 K ~ Bin(d, 1/2).
   Reconstructed Theorem 6: with c = L_0/2,
       P[ Bas(w) - min L_d >= c/2 ] >= 1 - exp(-d/16).

   The pieces are split by family:
     thm6_land.c   the landscape of any finite one-dimensional sample
     thm6_min.c    the d-dimensional objective, its certified minima and
                   the basin value (closed form and the general engine)
     thm6_prob.c   exact probabilities, the Chernoff step and its rate
     thm6.c        the spec table, the records, the figures, the module */
#ifndef THM6_H
#define THM6_H

#include <flint/fmpq_mat.h>

#include "basin.h"
#include "bc.h"
#include "check.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* ------------------------------------------- the 1-D landscape */

/* What the kink w = 0 of a one-dimensional objective is. */
#define THM6_KINK_NONE 0    /* every x_t = 0: L is constant, no kink */
#define THM6_KINK_MIN 1     /* a local minimum */
#define THM6_KINK_MAX 2     /* a local maximum */
#define THM6_KINK_NEITHER 3 /* decreasing on one side, increasing on the other */

/* At most one isolated local minimum per smooth piece plus the kink. */
#define THM6_MAXMIN 3

    /* The landscape of L(w) = (1/2) sum_t ([w x_t]_+ - y_t)^2 for a finite
   sample (x_t, y_t), t < k.  The only possible kink is w = 0; on each
   open piece L is the quadratic
       w > 0:  L(w) = L(0) + (apos/2) w^2 - bpos w,
       w < 0:  L(w) = L(0) + (aneg/2) w^2 - bneg w,
   apos = sum_{x_t > 0} x_t^2, bpos = sum_{x_t > 0} x_t y_t (aneg, bneg
   over x_t < 0), L(0) = (1/2) sum_t y_t^2 (thm6.tex, Lemma 6.A). */
    typedef struct
    {
        fmpq_t apos, bpos, aneg, bneg, L0;
        fmpq_t dright, dleft; /* one-sided derivatives at 0: -bpos and -bneg */
        int kink;             /* THM6_KINK_* */
        int kink_strict;      /* the kink is a strict local minimum */
        int flat_pos;         /* apos = 0: the piece w > 0 is constant, every point a local minimum */
        int flat_neg;         /* aneg = 0: the same for w < 0 */
        slong nmin;           /* isolated local minima, in increasing order of w */
        fmpq w[THM6_MAXMIN];
        fmpq val[THM6_MAXMIN];
        int strict[THM6_MAXMIN]; /* strict local minimum */
        int at_kink[THM6_MAXMIN];
    } thm6_land_struct;

    typedef thm6_land_struct thm6_land_t[1];

    void thm6_land_init(thm6_land_t A);
    void thm6_land_clear(thm6_land_t A);

    /* Sets A to the landscape of the sample (x, y) of k >= 1 points
   (Lemma 6.A): the piece coefficients, the one-sided derivatives and the
   type of the kink, and every local minimum (a stationary point inside
   its open piece with positive curvature, or the kink when both
   one-sided derivatives point up), exactly.  A piece with zero curvature
   is constant: it is flagged flat (a continuum of non-strict minima) and
   contributes no isolated minimum. */
    void thm6_land_analyse(thm6_land_t A, const fmpq *x, const fmpq *y, slong k);

    /* L = (1/2) sum_t ([w x_t]_+ - y_t)^2, evaluated from the definition. */
    void thm6_loss1(fmpq_t L, const fmpq *x, const fmpq *y, slong k, const fmpq_t w);

    /* Confirms A by evaluating the objective from its definition only
   (thm6_loss1): each minimum's value; its first and second derivative
   on its piece by exact extrapolation from three evaluations (exact on
   a quadratic piece); the one-sided derivatives at the kink and L(0).
   Returns 1 when everything agrees, else 0 (and *what, if not NULL, a
   static string naming the first disagreement). */
    int thm6_land_verify(const thm6_land_t A, const fmpq *x, const fmpq *y, slong k, const char **what);

    /* 1 when A is the landscape claimed for S_1 with target q (thm6.tex):
   exactly two isolated local minima, both strict and off the kink,
   w = -q with value 1/2 and w = 1 with value q^2/2, no flat piece, and
   the kink a local maximum. */
    int thm6_land_is_appc(const thm6_land_t A, const fmpq_t q);

    /* ------------------------------------ the d-dimensional objective */

    /* L = L_d(w) for the data (X, y) (X m x d, m = 2d for the Appendix C
   data), the single neuron evaluated at every data point
   (shallow_net_loss with v = 1): (1/m) sum_r ([<w, x_r>]_+ - y_r)^2. */
    void thm6_loss_d(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq *w);

    /* L = (1/d) sum_j L_1(w_j) for the one-dimensional sample (x1, y1) of
   k points (the separable form, thm6.tex Lemma 6.B). */
    void thm6_loss_sep(fmpq_t L, const fmpq *x1, const fmpq *y1, slong k, const fmpq *w, slong d);

/* Results of thm6_certify_min. */
#define THM6_CERT_OK 0   /* a strict local minimum, certified */
#define THM6_CERT_KINK 1 /* some <w, x_r> = 0: not away from the kinks */
#define THM6_CERT_GRAD 2 /* the gradient is not zero */
#define THM6_CERT_HESS 3 /* the Hessian is not positive definite */

    /* Certifies that w (d entries) is a strict local minimum of L_d on the
   data (X, y), from the d-dimensional objective itself: no data point on
   a kink (<w, x_r> != 0 for every r, so L_d is one quadratic on a
   neighbourhood of w), gradient (2/m) M^T (M w - y) exactly zero and
   Hessian (2/m) M^T M positive definite by exact LDL^T (M the design of
   the active rows, shallow_design).  Sets value to L_d(w) by direct
   evaluation and returns THM6_CERT_*. */
    int thm6_certify_min(fmpq_t value, const fmpq_mat_t X, const fmpq *y, const fmpq *w);

    /* Sets w (d entries) to the claimed minimum with bad coordinates the
   set bits of mask: w_j = -q if bit j is set, else 1. */
    void thm6_min_point(fmpq *w, const fmpq_t q, ulong mask, slong d);

    /* v = eps' + (k/d)(1/2 - eps'), the claimed value of a minimum with k
   bad coordinates (eps' = q^2/2). */
    void thm6_min_value(fmpq_t v, const fmpq_t epsp, slong k, slong d);

    /* An enumeration of candidate minima in dimension d: the r^d points
   whose coordinates are taken from r one-dimensional candidates c_i with
   one-dimensional values v_i.  Point p (0 <= p < r^d) has coordinate j
   equal to c_i, i the j-th base-r digit of p (for r = 2 the bits of p,
   as thm6_min_point). */
    typedef struct
    {
        slong d;
        ulong count;     /* r^d candidates */
        ulong certified; /* THM6_CERT_OK */
        ulong value_ok;  /* L_d = (1/d) sum_j v_{i_j} exactly */
        ulong distinct;  /* pairwise distinct points (all, when the c_i are distinct) */
        ulong bad_index; /* first failing point (valid when certified or value_ok < count) */
        int bad_reason;  /* THM6_CERT_* of bad_index, or -1 for a value mismatch */
    } thm6_enum_struct;

    /* Enumerates the r^d points of {c_0, ..., c_{r-1}}^d (c = cand, r >= 1,
   1 <= d <= 20 and r^d <= 2^20: aborts otherwise, a programming error)
   on the d-dimensional extension (appc_extend) of the one-dimensional
   sample (x1, y1) of k points, certifies each (thm6_certify_min) and
   compares its value with (1/d) sum_j v_{i_j} (v = val); sets E.
   Returns 1 when every point is certified with that value, else 0.
   The claimed minima of Theorem 6 are cand = {1, -q}, val = {eps', 1/2}
   on S_1(eps): the value is then eps' + (k/d)(1/2 - eps'), k the number
   of coordinates at -q. */
    int thm6_enumerate(thm6_enum_struct *E, const fmpq *x1, const fmpq *y1, slong k, const fmpq *cand,
                       const fmpq *val, slong r, slong d);

    /* The number of local minima of L_d on the d-dimensional extension of
   the one-dimensional sample (x1, y1) of k points, d >= 1 (nmin^d at
   most 2^20: d <= 12 always is; aborts otherwise), by
   Lemma 6.B: when L_1 has no flat piece and every local minimum of L_1
   is strict (thm6_land_analyse), the local minima of L_d are exactly the
   nmin^d products of those of L_1; the products are enumerated and
   certified on L_d itself (thm6_enumerate, sets E).  Returns nmin^d, or
   -1 when the count is not established (a flat piece, a non-strict
   minimum, or a product the certificate refuses). */
    slong thm6_minima_count(thm6_enum_struct *E, const fmpq *x1, const fmpq *y1, slong k, slong d);

    /* ------------------------------------------------------ basins */

    /* Closed form of the single-neuron basin value on the Appendix C data
   (thm6.tex Lemma 6.C): bas = eps' + (K/d)(1/2 - eps') with K the number
   of negative w_j.  Sets *K (if not NULL).  Returns 0, or 1 when some
   w_j = 0 (w on a basin boundary: bas untouched). */
    int thm6_bas_closed(fmpq_t bas, slong *K, const double *w, slong d, const fmpq_t epsp);

    /* The general certified engine on the same basin: the two-layer network
   with n = 1, v = +1 (b = +1) and first layer w on the data (X, y).
   Returns BASIN_OK with R set (basin_value at precision prec), or the
   basin_pattern code (BASIN_BOUNDARY_W: some <w, x_r> = 0). */
    int thm6_bas_engine(basin_result_t R, const fmpq_mat_t X, const fmpq *y, const double *w, slong d,
                        slong prec);

    /* ------------------------------------------------ probabilities */

    /* The event Bas(w) - min L_d >= c/2 = L_0/4 is K >= thm6_kmin(d) =
   ceil(d/4). */
    ulong thm6_kmin(ulong d);

    /* T = P[Bin(d, 1/2) < d/4] = P[K <= ceil(d/4) - 1], exactly. */
    void thm6_tail_exact(fmpq_t T, ulong d);

    /* P = P[Bas(w) - min L_d >= c/2] = 1 - thm6_tail_exact, exactly. */
    void thm6_prob_exact(fmpq_t P, ulong d);

    /* Decides T <= exp(-kappa d) for a rational T >= 0 and kappa, with Arb
   at rising precision (bc_decide_prec from 64 bits; BC_UNDECIDED only if
   BC_PREC_MAX cannot); sets *reached (when not NULL) to the precision
   the decision needed. */
    truth_t thm6_tail_le_exp(slong *reached, const fmpq_t T, ulong d, const fmpq_t kappa);

    /* out encloses exp(-kappa d) (the reconstructed bound's tail). */
    void thm6_exp_bound(arb_t out, ulong d, const fmpq_t kappa, slong prec);

    /* out encloses the tightest exponent kappa_d = -ln(T) / d of T =
   P[K < d/4] (the largest kappa with T <= exp(-kappa d)). */
    void thm6_rate(arb_t out, ulong d, slong prec);

    /* out encloses D(k/d || 1/2) = ln 2 - H(k/d) (nats) with k =
   ceil(d/4) - 1: kappa_d lies in [D, D + ln(d + 1)/d] (thm6.tex,
   Lemma 6.E). */
    void thm6_rate_kl(arb_t out, ulong d, slong prec);

    /* out encloses the limit of kappa_d: ln 2 - H(1/4) = D(1/4 || 1/2). */
    void thm6_rate_limit(arb_t out, slong prec);

    extern const module_struct module_thm6;
    extern const char *const fragment_thm6[];

#ifdef __cplusplus
}
#endif

#endif

/* crit.h -- rigorous certificates for critical points of the population
   objective F of pop.h (seed 003): existence and uniqueness in a box,
   strict local minimum or saddle, global or not, the least Hessian
   eigenvalue enclosed, and the two images of a width-n critical point in
   width n + 1 (a neuron split, a zero neuron added).

   How a verdict is earned (everything approximate is in double, dla.h;
   every decision is made on ball enclosures):
   - Refinement: Newton steps in double from the input, then two steps
     whose gradient is a 128-bit ball, give a centre x~ (exact dyadics).
   - Box X = x~ +- r (every coordinate).  Krawczyk's operator
       K(X) = x~ - C g(x~) + (I - C H(X)) (X - x~),
     C a double approximate inverse of the Hessian at x~, g(x~) and H(X)
     enclosures of the gradient at x~ and of the Hessian over X: if
     K(X) lies in the interior of X, X holds exactly one critical point
     x* (Krawczyk 1969; Moore 1977; Rump 1983, every matrix of H(X) is
     then non-singular); if K(X) misses X in some coordinate, X holds
     none.  F is C^2 on X when no ball of X contains a zero neuron
     (pop.h), which the mean-value form needs; otherwise `undecided`.
   - Least eigenvalue: an upper bound is the Rayleigh quotient
     u^T H u / u^T u over X of a dyadic u (the double eigenvector); a
     lower bound is s - |R|_2, where L is the double Cholesky factor of
     Hm - s I (Hm the midpoints of H(X) in double, s below the estimated
     eigenvalue) and R = H - s I - L L^T over X is bounded by the radii of
     H(X) plus Higham's backward error of Cholesky,
     gamma_{N+1} | |L| |L^T| |_oo (then H - s I = L L^T + R >= -|R|_2 I).
   - The O(N^3) products (C Hm in Krawczyk's operator, L L^T) are done in
     double with Higham's a-priori bound gamma_N |C| |Hm| added, the sums
     of the bounds in upward-rounded mag arithmetic (crit_certify.c; a
     compile-time check refuses -ffast-math and excess precision); the
     gradient, C g and everything O(N^2) are Arb balls.
   - Minimum: a unique critical point and a positive lower bound over
     X: the Hessian is positive definite on the convex box, so x* is a
     strict local minimum.  Saddle: a unique critical point and u^T H u < 0
     over X (x* is not a local minimum); it is never a local maximum,
     because along W itself d^2/ds^2 F(sW) = E[N_W(x)^2] > 0 for every
     non-zero network.
   - Global: F >= 0 with the value 0 attained when n >= k, so F > 0 over
     X proves x* is not global (for n < k the global value is unknown:
     `undecided` unless F = 0).  F(x*) = 0 is proved when n = k and X
     contains, row for row, a permutation of the (exact) teacher, which
     is then the critical point: the centre is replaced by it and the
     radius set to 0 (x* known exactly) when its entries are doubles.
   - `undecided` whenever a step cannot be decided (the box cannot be
     made small enough, a zero neuron, a singular Hessian), never a
     guess; `not_critical` when Krawczyk excludes a critical point from
     the box around the (refined) point. */
#ifndef CRIT_H
#define CRIT_H

#include "bc.h"
#include "pop.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        CRIT_MINIMUM = 0,
        CRIT_SADDLE,
        CRIT_NOT_CRITICAL,
        CRIT_UNDECIDED
    } crit_kind;

    /* "minimum", "saddle", "not_critical", "undecided". */
    const char *crit_kind_str(crit_kind kind);

    typedef struct
    {
        slong prec;      /* precision of the box evaluations (default 64; points at 2 prec) */
        int refine;      /* Newton refinement before the box (default 1) */
        double max_move; /* refinement may move the point at most this far (Frobenius);
                            0: 0.1 (1 + |W|_F) */
        double radius;   /* box half-width; 0: chosen from the Newton correction */
    } crit_opts;

    void crit_opts_default(crit_opts *o);

    typedef struct
    {
        crit_kind kind;
        slong n, d;
        double *W;        /* the box centre x~ (n*d, row major, exact dyadics) */
        double radius;    /* half-width r of X = x~ +- r */
        double move;      /* Frobenius distance from the input's midpoint to x~ */
        int rejected;     /* the refinement went farther than max_move and was discarded */
        slong newton;     /* refinement steps taken */
        truth_t exists;   /* BC_TRUE: exactly one critical point in X; BC_FALSE: none */
        arb_t F;          /* F over X (exactly 0 when global is BC_TRUE) */
        truth_t global;   /* BC_TRUE: F(x*) = 0; BC_FALSE: F(x*) > 0 and the global value is 0 */
        truth_t pd;       /* BC_TRUE: Hessian positive definite on X; BC_FALSE: a negative curvature */
        arb_t lmin;       /* the least Hessian eigenvalue at x*: the ball [lo, hi] */
        double *dir;      /* unit-ish dyadic direction (n*d) of least curvature, or NULL */
        arb_t curv;       /* dir^T H dir / dir^T dir over X */
        arb_t gnorm;      /* |grad F|_F at the centre (ball) */
        int flags;        /* POP_* flags met on X */
        char reason[240]; /* why, when undecided or not critical */
        double seconds;
    } crit_result_struct;

    typedef crit_result_struct crit_result_t[1];

    void crit_result_init(crit_result_t R);
    void crit_result_clear(crit_result_t R);

    /* Certifies the critical point near W0 (n x d balls: their midpoints
   are the start) of F for the teacher V (k x d, exact or balls).  Sets
   every field of R.  Never fails: what cannot be decided is
   CRIT_UNDECIDED with a reason. */
    void crit_certify(crit_result_t R, const arb_mat_t W0, const arb_mat_t V, const crit_opts *o);

    /* X = W +- r (n x d balls around the doubles W). */
    void crit_box(arb_mat_t X, const double *W, slong n, slong d, double r);

    /* Krawczyk's test on X = Wc +- r given H(X) (an enclosure of the
   Hessian over X, nd x nd): BC_TRUE (a unique critical point in X),
   BC_FALSE (none), BC_UNDECIDED.  prec: of the products. */
    truth_t crit_krawczyk(const double *Wc, slong n, double r, const arb_mat_t V, const arb_mat_t HX,
                          slong prec);

    /* Encloses the least eigenvalue of every symmetric matrix in the ball
   matrix H (N x N) in lmin = [lo, hi] as described above, and sets vec
   (N doubles) to the dyadic direction whose Rayleigh quotient gives hi
   (its quotient over H in q when q is not NULL).  Returns 0, or -1 when
   no Cholesky shift succeeded (lo is then -inf). */
    int crit_lmin(arb_t lmin, double *vec, arb_t q, const arb_mat_t H, slong prec);

    /* Certified descent from the critical point x* in R's box along dir
   (n*d doubles): finds t = 2^-j (j = 1..48) with
   sup_{y in X} F(y + t dir) - F(y) < 0, by the mean-value form around
   x~.  Sets *t and dF (an enclosure of F(x* + t dir) - F(x*)) and
   returns BC_TRUE, else BC_UNDECIDED (t = 0). */
    truth_t crit_descent(double *t, arb_t dF, const crit_result_t R, const double *dir, const arb_mat_t V,
                         slong prec);

    /* ---- images in width n + 1 of a certified width-n critical point ---- */

    /* The split image: neuron i of x* replaced by the two neurons
   alpha w_i and (1 - alpha) w_i (0 < alpha < 1, placed at rows i and n).
   The network is unchanged and the gradient of each copy equals that of
   w_i (g(u, v) is 0-homogeneous in u), so the image is an exact critical
   point with the same value.  Its Hessian along u = (a, -a) on the two
   copies (zero elsewhere) is exactly
       u^T H' u = a^T B_i a / (alpha (1 - alpha)),
   because h1 is (-1)-homogeneous in its first argument, h1 and h2 of the
   parallel pair are 0 and I/2, and the other blocks are those of w_i:
   H'_pp = I/2 + B_i / alpha, H'_qq = I/2 + B_i / (1 - alpha),
   H'_pq = I/2.  B_i w_i = 0 always, so lambda_min(B_i) <= 0; the split
   image is a saddle when lambda_min(B_i) < 0 (the technical condition),
   and the least eigenvalue of H' is then <= that curvature / 2. */
    typedef struct
    {
        slong i;           /* the neuron split */
        fmpq_t alpha;      /* its share */
        arb_t block_lmin;  /* least eigenvalue of B_i at x*: [lo, hi] */
        truth_t condition; /* lambda_min(B_i) < 0 certified (BC_TRUE), or B_i >= 0 certified (BC_FALSE) */
        double *a;         /* d doubles: the direction in neuron space (least eigenvector of B_i) */
        arb_t curv;        /* u^T H' u for u = (a, -a) */
        arb_t lmin;        /* least eigenvalue of the width-(n+1) Hessian at the image: [lo, hi] */
        truth_t
            saddle; /* BC_TRUE: a saddle (x* exists and curv < 0); BC_FALSE: F(x*) = 0, a global minimum */
        double t;   /* certified descent step along u (0: none) */
        arb_t dF;   /* F(image + t u) - F(image), enclosed, < 0 when t > 0 */
        char reason[240];
    } crit_split_struct;

    typedef crit_split_struct crit_split_t[1];

    void crit_split_init(crit_split_t S, slong d);
    void crit_split_clear(crit_split_t S);

    /* Certifies the split image of R's critical point (R->exists must be
   BC_TRUE, else everything is undecided with a reason). */
    void crit_split(crit_split_t S, const crit_result_t R, const arb_mat_t V, slong i, const fmpq_t alpha,
                    slong prec);

    /* The width-(n+1) box of split images: rows i and n of the result are
   alpha X_i and (1 - alpha) X_i (a superset of the images of X). */
    void crit_split_box(arb_mat_t Y, const arb_mat_t X, slong i, const arb_t alpha, slong prec);

    /* The zero-neuron image (x*, 0): F is not differentiable there, and
   along a new neuron t e, F(x*, t e) = F(x*) + t D(e) + t^2 |e|^2/4
   exactly (pop_zero_slope).  For every teacher row v_j, D(v_j) is
   enclosed over X; a certified D(v_j) < 0 is an exact first-order
   descent, with the certified step t = -2 D / |v_j|^2 rounded to a
   double and the decrease t D + t^2 |v_j|^2 / 4 enclosed. */
    typedef struct
    {
        slong k;
        arb_ptr slope;   /* D(v_j), j < k */
        slong best;      /* the certified most negative one, or -1 */
        truth_t descent; /* BC_TRUE: some D(v_j) < 0; BC_FALSE: every D(v_j) > 0 */
        double t;
        arb_t dF;
    } crit_zero_struct;

    typedef crit_zero_struct crit_zero_t[1];

    void crit_zero_init(crit_zero_t Z, slong k);
    void crit_zero_clear(crit_zero_t Z);
    void crit_zero(crit_zero_t Z, const crit_result_t R, const arb_mat_t V, slong prec);

#ifdef __cplusplus
}
#endif

#endif

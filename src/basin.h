/* basin.h -- certified basin values of two-layer ReLU networks
   (Safran & Shamir 2016, Sec. 4, Def 2, Lemma 1).

   Data X (m x d, rows x_t), targets y (m), network
   N(W, v)(x) = sum_j v_j [<w_j, x>]_+ with W n x d, v in R^n.  The basin
   of (W, v) is fixed by the sign pattern a_{j,t} = sign(<w_j, x_t>)
   (n x m; the paper prints n x d, a typo) and b_j = sign(v_j) (Def 2).
   In the variables z_j = v_j w_j the closed basin is the polyhedral cone
       K = { z : s_{j,t} <z_j, x_t> >= 0 },   s_{j,t} = a_{j,t} b_j,
   and the squared-loss objective is the convex quadratic
       f(z) = (1/m) sum_t ( sum_{j : a_{j,t} = +1} <z_j, x_t> - y_t )^2.
   Every z in K is attained by the point v_j = b_j, w_j = b_j z_j of the
   closed basin, so Bas(W, v) = min_K f (Lemma 1: the minimum is the
   basin's, no spurious local minima).

   basin_value solves the QP in floating point (primal active-set method)
   and then certifies in exact rational arithmetic:
     upper: a rational z checked exactly to lie in K; upper = f(z) exactly;
     lower: a dual certificate (r, mu), r in Q^m, mu >= 0 in Q^{n x m},
            with sum_{t: a_{j,t}=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t for
            every j, checked exactly; then for every z in K
            f(z) >= (|y|^2 - |y + r|^2) / m  (weak duality, see
            basin_dual_bound), and 0 is always a lower bound;
     exact: when both coincide (the float active set was right), the
            value is exact and z is an exact minimiser.
   The common case of overspecified networks, a float solution that fits
   every point it can (Bas = 0, or Bas = sum y_t^2 / m over points whose
   active neurons all have the output sign opposite to y_t), is certified
   first by one exact m x m solve on the data's own integers (see
   basin_certify.c); the face/KKT rounds are the fallback.
   A wrong float solve can only weaken the bounds, never invalidate them.

   Only the squared loss is implemented; the loss is a field of the
   problem so that other convex losses (cross-entropy) can be added with
   their own solver and certificate. */
#ifndef BASIN_H
#define BASIN_H

#include "bc.h"
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        BASIN_LOSS_SQUARED = 0
    } basin_loss_t;

/* Return codes of basin_pattern / basin_set_pattern. */
#define BASIN_OK 0
#define BASIN_BOUNDARY_W 1 /* <w_j, x_t> = 0: (W, v) lies on a basin boundary */
#define BASIN_BOUNDARY_V 2 /* v_j = 0: on a boundary (bad_t = -1) */
#define BASIN_BAD_INPUT 3  /* inconsistent sizes or a sign not in {-1, +1} */

/* Stages reported to a progress hook. */
#define BASIN_STAGE_FLOAT 0 /* float active-set iterations (done = iteration, size = working set) */
#define BASIN_STAGE_EXACT 1 /* exact certification (done = round, size = 0) */
#define BASIN_STAGE_DONE 2  /* basin_value is about to return */

    /* Progress hook: called by basin_value every few float iterations and
   at each exact round; it must not modify the problem. */
    typedef void (*basin_progress_fn)(void *ctx, int stage, slong done, slong size);

    typedef struct
    {
        slong n, m, d;              /* neurons, data points, input dimension */
        fmpq_mat_t X;               /* m x d data, rows x_t */
        fmpq *y;                    /* m targets */
        int *a;                     /* n * m signs, a[j * m + t] = a_{j,t} in {-1, +1} */
        int *b;                     /* n signs b_j in {-1, +1} */
        basin_loss_t loss;          /* BASIN_LOSS_SQUARED */
        fmpq *start;                /* NULL, or n * d: a point of the cone's interior
                          (z_j = v_j w_j, set by basin_pattern), used only
                          as the float solver's starting point */
        basin_progress_fn progress; /* NULL (set by basin_init), or a hook for long solves */
        void *progress_ctx;         /* passed to progress */
    } basin_struct;

    typedef basin_struct basin_t[1];

/* Status of a basin_value result. */
#define BASIN_EXACT 0       /* lower = upper = exact, z an exact minimiser */
#define BASIN_INTERVAL 1    /* certified lower <= Bas <= upper, lower < upper */
#define BASIN_UNSUPPORTED 2 /* loss not implemented; nothing certified */

    typedef struct
    {
        int status;         /* BASIN_EXACT, BASIN_INTERVAL or BASIN_UNSUPPORTED */
        int is_exact;       /* status == BASIN_EXACT */
        int certified;      /* lower <= Bas <= upper is proven (exact checks) */
        fmpq_t exact;       /* Bas, valid when is_exact */
        fmpq_t lower;       /* rigorous lower bound on Bas (>= 0) */
        fmpq_t upper;       /* rigorous upper bound: upper = f(z) exactly */
        fmpq_t width;       /* upper - lower */
        arb_t enclosure;    /* ball containing [lower, upper], at precision prec */
        slong n, d, m;      /* sizes of z (n * d), r (m), mu (n * m) */
        fmpq *z;            /* n * d, z[j * d + i]: a point of K with f(z) = upper */
        fmpq *r;            /* m: dual certificate residual (zero if lower = 0 trivial) */
        fmpq *mu;           /* n * m: dual multipliers >= 0 (mu[j * m + t]) */
        int lower_trivial;  /* 1 if lower is the trivial bound 0 */
        slong iterations;   /* float active-set iterations */
        slong active;       /* size of the final float working set */
        slong rounds;       /* exact certification rounds used */
        double float_value; /* objective reported by the float solver */
    } basin_result_struct;

    typedef basin_result_struct basin_result_t[1];

    /* Initialises B as the empty problem (n = m = d = 0), without a
   progress hook; basin_pattern and basin_set_pattern reset the hook, so
   set it after them. */
    void basin_init(basin_t B);

    /* Frees B. */
    void basin_clear(basin_t B);

    /* Sets B to the basin of the network (W, v) on data (X, y): X is m x d,
   y has m entries, W is n x d, v has n entries (all copied; no
   aliasing constraints).  Returns BASIN_OK, or BASIN_BOUNDARY_W with
   *bad_j, *bad_t the first (in row-major order) neuron j and point t with
   <w_j, x_t> = 0 exactly, or BASIN_BOUNDARY_V with *bad_j the first j
   with v_j = 0 and *bad_t = -1, or BASIN_BAD_INPUT on inconsistent
   sizes (n = 0, m = 0, d = 0 or W->c != X->c).  bad_j, bad_t may be NULL.
   Checks for v_j = 0 come first.  On any non-OK return B is left empty:
   a point on a boundary has no basin of its own (Def 1, 2). */
    int basin_pattern(basin_t B, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v,
                      slong n, slong *bad_j, slong *bad_t);

    /* Sets B to the closed cone of the sign pattern (a, b) on (X, y): a has
   n * m entries a[j * m + t], b has n entries, all in {-1, +1}.  Returns
   BASIN_OK, or BASIN_BAD_INPUT (B left empty) on a sign outside
   {-1, +1} or a zero size.  The pattern need not be realisable by any
   (W, v): basin_value then minimises over the cone K it defines (a
   pattern with empty interior gives the cone's value, e.g. K = {0}). */
    int basin_set_pattern(basin_t B, const fmpq_mat_t X, const fmpq *y, const int *a, const int *b, slong n);

    /* The estimated cost of certifying the basin value of n neurons on the
   data (X, y) (X m x d), for refusing hopeless inputs before any work:
   k^3 b^2 with k = min(m, n d), the order of the exact linear systems
   (the face least squares and the interpolation solve, basin_certify.c),
   and b the largest bit size of an entry of X or y (bits of numerator
   plus denominator): p-adic solving of a k x k system with b-bit entries
   lifts O(k b) digits at O(k^2) products of b-bit numbers each.  A
   double, so it cannot overflow.  Sets *bits to b and *row to the
   0-based row of an entry of that size (each may be NULL).  The weights
   do not enter: they only decide the sign pattern (n m exact dot
   products). */
    double basin_cost_estimate(const fmpq_mat_t X, const fmpq *y, slong n, slong *bits, slong *row);

    /* Sets f to the objective f(z) (squared loss) for z of length n * d. */
    void basin_objective(fmpq_t f, const basin_t B, const fmpq *z);

    /* Sets p (length m) to the predictions sum_{j: a_{j,t}=+1} <z_j, x_t>.
   p must not alias z. */
    void basin_predict(fmpq *p, const basin_t B, const fmpq *z);

    /* Returns 1 if z lies in the closed cone K exactly, else 0 (and if j, t
   are not NULL, the first violated constraint). */
    int basin_is_feasible(const basin_t B, const fmpq *z, slong *j, slong *t);

    /* Moves each neuron block z_j (z of length n * d, exact) towards z0_j by
   the least theta_j in [0, 1] that puts it in the closed cone:
   z_j + theta_j (z0_j - z_j).  z0 must lie in the cone and satisfy
   every constraint that z violates strictly (s_{j,t} <z0_j, x_t> > 0
   where s_{j,t} <z_j, x_t> < 0), as the network's own point B->start
   does.  Returns 1 (z now in K), or 0 if z0 does not qualify (z is then
   left partly moved and must not be used). */
    int basin_repair(fmpq *z, const basin_t B, const fmpq *z0);

    /* Exact check of a dual certificate: returns 1 and sets lb to
   (|y|^2 - |y + r|^2) / m if mu >= 0 and for every neuron j
   sum_{t: a_{j,t}=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t; then
   f(z) >= lb for every z in K (weak duality: with e = Mz - y,
   |e|^2 >= 2 r.e - |r|^2 = 2 sum mu s <z_j, x_t> - 2 r.y - |r|^2).
   Returns 0 (lb untouched) otherwise. */
    int basin_dual_bound(fmpq_t lb, const basin_t B, const fmpq *r, const fmpq *mu);

    void basin_result_init(basin_result_t R);
    void basin_result_clear(basin_result_t R);

    /* Computes the certified basin value of B into R (see the top of this
   file); prec is the precision of R->enclosure.  R is resized as
   needed.  Never fails for the squared loss: at worst
   [0, |y|^2 / m] with z = 0. */
    void basin_value(basin_result_t R, const basin_t B, slong prec);

    /* As basin_value with at most rounds exact certification rounds (basin_value
   uses 12).  rounds = 0 skips the exact face solve: upper comes from the
   rounded float point, moved into the cone (towards the network's own
   point B->start when there is one, else by projecting onto the float
   working face and zeroing violating neurons) and optimally rescaled,
   and lower is the trivial 0 -- the pure interval path, for tests and
   for problems too large for exact linear algebra. */
    void basin_value_rounds(basin_result_t R, const basin_t B, slong prec, slong rounds);

    /* --- internal, shared between the basin_*.c files --- */

    /* Floating-point primal active-set solve of the QP.  z (n * d doubles)
   receives the solution scaled: the solution of the original problem is
   z * 2^(*zexp); work (n * m) the final
   working set (1 = constraint (j, t) held active), lam (n * m) the
   multipliers mu (up to a positive scale, >= 0 approx.) and the return
   value the float objective of the scaled problem times its scale (so
   roughly f at the solution); *iters the iterations used. */
    double _basin_solve_d(double *z, slong *zexp, int *work, double *lam, slong *iters, const basin_t B);

    /* Floating-point search for a best-fitting point with slack, the common
   case of overspecified networks.  A point t is clamped when all neurons
   active at t have one output sign b and b y_t <= 0 (or none is active):
   p_t = 0 is then the best prediction there.  z (n * d, in the scaled
   units of _basin_solve_d with exponent zexp) is its solution.  If it
   fits (p_t = y_t at the other points, p_t = 0 at the clamped ones, up to
   rounding), z is moved along a direction that keeps the predictions and
   makes every tight constraint slack, except that neurons with z_j ~ 0
   are set to exactly 0 and the constraints of the neurons active at a
   clamped point are kept with equality.  Then rows (*neq entries, at
   most m + n m) receives the equations an exact point must satisfy:
   t < m for p_t = y_t, m + j m + t for <z_j, x_t> = 0; piv (*neq entries
   j * d + i, sorted) coordinates of live neurons whose columns in these
   equations look independent; and 1 is returned.  Returns 0 (z
   untouched) when any of this fails.  Only a guess: the caller solves
   the equations exactly on the piv coordinates and checks the cone, the
   value and the dual certificate exactly. */
    int _basin_interp_d(double *z, slong *rows, slong *piv, slong *neq, const basin_t B, slong zexp);

#ifdef __cplusplus
}
#endif

#endif

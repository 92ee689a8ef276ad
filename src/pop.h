/* pop.h -- the population objective of a two-layer ReLU student learning a
   ReLU teacher under Gaussian inputs (seed 003, Safran, Yehudai and Shamir;
   Safran and Shamir 2018), in ball arithmetic, with a double twin for
   descents.

   Setting.  Student rows w_1..w_n, teacher rows v_1..v_k, all in R^d,
   x ~ N(0, I_d):
       F(W) = (1/2) E (sum_i [<w_i,x>]_+ - sum_j [<v_j,x>]_+)^2.
   Everything is a sum over pairs of the degree-1 arc-cosine kernel
       f(u, v) = E [<u,x>]_+ [<v,x>]_+ = (S + (pi - theta) c) / (2 pi),
   with c = <u,v> = |u||v| cos theta, S = |u||v| sin theta (theta in
   [0, pi] the angle), so that
       F = (1/2) sum_{i,i'} f(w_i,w_i') - sum_{i,j} f(w_i,v_j)
           + (1/2) sum_{j,j'} f(v_j,v_j'),     f(u,u) = |u|^2 / 2.
   S is computed from the 2 x 2 minors M_ab = u_a v_b - u_b v_a
   (S^2 = sum_{a<b} M_ab^2, Lagrange's identity), which has no
   cancellation for nearly parallel vectors, and theta = atan(S/c)
   (c > 0), pi - atan(S/|c|) (c < 0), pi/2 - atan(c/S) (S > 0).

   Derivatives (u, v != 0, theta not in {0, pi}; a = |u|^2 v - c u and
   b = |v|^2 u - c v are |u| S and |v| S times the unit vectors of the
   plane of u and v orthogonal to u and to v):
       g(u,v)  = d f / du      = ((S/|u|^2) u + (pi - theta) v) / (2 pi)
       h1(u,v) = d^2 f / du^2  = ((S/|u|^2)(I - u u^T/|u|^2)
                                  + a a^T / (|u|^4 S)) / (2 pi)
       h2(u,v) = d^2 f / du dv = ((pi - theta) I + (S/(|u|^2|v|^2)) u v^T
                                  + a b^T / (|u|^2 |v|^2 S)) / (2 pi)
   and the objective's
       grad_{w_i} F = w_i/2 + sum_{i' != i} g(w_i,w_i') - sum_j g(w_i,v_j)
       H_{ii}       = I/2 + B_i,
       B_i          = sum_{i' != i} h1(w_i,w_i') - sum_j h1(w_i,v_j)
                      (the block of neuron i without its self term I/2),
       H_{ii'}      = h2(w_i, w_i')          (i != i').
   The Hessian is indexed (i, a) -> i d + a (neuron-major).

   Smoothness, and what happens at degenerate pairs.  A pair is
   degenerate when u and v are parallel (theta = 0) or antiparallel
   (theta = pi).  There a = b = 0 and S = 0 and the formulas above are
   0/0, but:
   - f is continuous everywhere (|f(u,v)| <= |u||v|/2).
   - g extends continuously: to v/2 (theta = 0) and 0 (theta = pi), the
     values of the formula with S = 0.
   - h1 and h2 extend continuously to 0 and to I/2 (theta = 0), 0
     (theta = pi): their non-smooth parts are bounded entrywise by
     S/(2 pi |u|^2) (the term a a^T/(|u|^4 S), PSD of trace S/|u|^2) and
     by S/(2 pi |u||v|) (the term a b^T/(...), of norm S/(|u||v|)), both
     -> 0.  On the segment from p to p + h the degenerate set (a real
     algebraic set, rank(u, v) <= 1) is met at finitely many points
     unless the segment lies in it, so the gradient is the integral of
     the continuous extension of the Hessian along the segment, and a
     limit of such segments otherwise; hence the gradient is
     differentiable at degenerate pairs with the extended Hessian.
   So F is C^2 wherever every neuron (student and teacher) is non-zero,
   and real-analytic where moreover no pair is degenerate.  It is not C^3
   at degenerate pairs: near theta = 0, f = |u||v|(pi - pi theta^2/2 +
   |theta|^3/3 + ...)/(2 pi) in the signed transverse angle.  At a zero
   neuron w_i = 0, F is not differentiable in general: F(W + t e) for a
   direction e moving w_i alone is F(W) + t D(e) + t^2 |e|^2 / 4 with
   D(e) = sum_{i' != i} f(e, w_i') - sum_j f(e, v_j) positively
   homogeneous and in general not linear in e (one-sided derivatives
   only); F itself stays continuous (Lipschitz on bounded sets).

   Structural rules (never a formula across a degeneracy):
   - Exact pairs (every entry an exact ball): degeneracy is decided
     exactly (the minors in exact arithmetic), and a degenerate pair
     contributes the limit values above.
   - A pair of balls containing both degenerate and non-degenerate
     configurations is flagged POP_STRADDLE; its f and g are enclosed by
     the (continuous) formulas, its h1 and h2 by the continuous part plus
     the entrywise bounds of the non-smooth parts, which hold on both
     sides and at the limit (F is C^2 there).
   - A student or teacher vector whose ball contains 0 is flagged
     POP_ZERO (exactly zero or not): F is still enclosed (f(0, v) = 0,
     0 <= f <= |u||v|/2), gradient and Hessian entries are set
     indeterminate.  An exactly zero teacher row contributes nothing and
     is dropped (it is not flagged).
   - Exact cancellation: a student row exactly equal to a teacher row
     (both exact) is matched to it (first unused teacher row, in order);
     matched pairs have identical networks, so F, the gradient and the
     blocks B_i are computed from the residual of the unmatched rows only
     (F = F(unmatched W, unmatched V) exactly; at W = V they are exactly
     0).  H_{ii'} is unaffected.
   All functions accept balls (a box of points) and enclose the value at
   every point of them; they return a bit set of the POP_* flags met
   (0: every pair was generic). */
#ifndef POP_H
#define POP_H

#include "bc.h"

#ifdef BC_ARB_IN_FLINT
#include <flint/arb_mat.h>
#else
#include <arb_mat.h>
#endif

#ifdef __cplusplus
extern "C"
{
#endif

/* Flags returned by the ball functions. */
#define POP_DEGENERATE 1 /* an exact pair was parallel or antiparallel: limit values used */
#define POP_STRADDLE 2   /* a pair of balls meets the degenerate set: continuity bounds used */
#define POP_ZERO 4       /* a ball contains the zero vector: derivatives indeterminate */

/* Kinds of a pair (pop_pair_kind). */
#define POP_PAIR_GENERIC 0
#define POP_PAIR_PARALLEL 1
#define POP_PAIR_ANTIPARALLEL 2
#define POP_PAIR_STRADDLE 3
#define POP_PAIR_ZERO 4

    /* ---- one pair (the arc-cosine kernel), vectors of length d ---- */

    /* The quantities of one pair, shared by the kernel and the objective
   (low level: the objective's loops reuse one per pair). */
    typedef struct
    {
        int kind;            /* POP_PAIR_* */
        slong d;             /* length of the vectors */
        arb_t nu2, nv2, c;   /* |u|^2, |v|^2, <u, v> */
        arb_t S, theta, pmt; /* |u||v| sin theta, theta, pi - theta */
        arb_ptr a, b;        /* |u|^2 v - c u and |v|^2 u - c v (d entries each) */
    } _pop_pair_struct;

    void _pop_pair_init(_pop_pair_struct *P, slong d);
    void _pop_pair_clear(_pop_pair_struct *P);

    /* Sets P from u and v (length P->d): the kind, and the quantities
   above (S, theta, a, b only for kinds GENERIC and STRADDLE; S = 0 and
   theta = 0 or pi exactly for the degenerate kinds).  pi is the
   constant at prec (passed in so that loops compute it once). */
    void _pop_pair_set(_pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t pi, slong prec);

    /* f(u, v), g(u, v) (d entries) and the two Hessian pieces from a set
   pair, as described above; inv2pi = 1/(2 pi).  Return the POP_* flag of
   the pair's kind (0, POP_DEGENERATE, POP_STRADDLE or POP_ZERO). */
    int _pop_pair_f(arb_t res, const _pop_pair_struct *P, const arb_t inv2pi, slong prec);
    int _pop_pair_g(arb_ptr g, const _pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t inv2pi,
                    slong prec);
    int _pop_pair_h1(arb_mat_t H, const _pop_pair_struct *P, arb_srcptr u, const arb_t inv2pi, slong prec);
    int _pop_pair_h2(arb_mat_t H, const _pop_pair_struct *P, arb_srcptr u, arb_srcptr v, const arb_t inv2pi,
                     slong prec);

    /* Kind of the pair (u, v): POP_PAIR_ZERO when a ball contains 0,
   POP_PAIR_PARALLEL / _ANTIPARALLEL when both are exact and degenerate
   (decided exactly), POP_PAIR_STRADDLE when the balls contain degenerate
   and non-degenerate configurations, else POP_PAIR_GENERIC.  When prec
   does not separate the minors from 0 for exact input, the exact
   computation decides. */
    int pop_pair_kind(arb_srcptr u, arb_srcptr v, slong d, slong prec);

    /* The same decision for exact rational vectors (fmpq, length d), in
   rational arithmetic: POP_PAIR_ZERO, _PARALLEL, _ANTIPARALLEL or
   _GENERIC.  For rational data that is not dyadic (the balls of which
   straddle a degenerate pair), this says exactly what the pair is. */
    int pop_pair_kind_fmpq(const fmpq *u, const fmpq *v, slong d);

    /* res = f(u, v).  Returns the POP_* flags met. */
    int pop_kernel(arb_t res, arb_srcptr u, arb_srcptr v, slong d, slong prec);

    /* g[0..d-1] = d f(u, v) / du.  Indeterminate with POP_ZERO when a ball
   contains 0. */
    int pop_kernel_grad(arb_ptr g, arb_srcptr u, arb_srcptr v, slong d, slong prec);

    /* H (d x d) = h1(u, v) = d^2 f / du^2, or h2(u, v) = d^2 f / du dv
   (row index: u's coordinate).  Indeterminate with POP_ZERO. */
    int pop_kernel_h1(arb_mat_t H, arb_srcptr u, arb_srcptr v, slong d, slong prec);
    int pop_kernel_h2(arb_mat_t H, arb_srcptr u, arb_srcptr v, slong d, slong prec);

    /* ---- the objective; W is n x d (rows w_i), V is k x d (rows v_j) ---- */

    /* Any of F, G (n x d), H (nd x nd) may be NULL; the others are set to
   F(W), grad F(W), Hessian F(W).  Derivatives are indeterminate when a
   student ball contains 0 (POP_ZERO).  Returns the POP_* flags met. */
    int pop_eval(arb_t F, arb_mat_t G, arb_mat_t H, const arb_mat_t W, const arb_mat_t V, slong prec);

    /* B (d x d) = B_i, the Hessian block of neuron i without its self term
   I/2 (the matrix whose least eigenvalue decides the split saddle of
   seed 003's technical condition). */
    int pop_block(arb_mat_t B, const arb_mat_t W, const arb_mat_t V, slong i, slong prec);

    /* res = D(e) = sum_i f(e, w_i) - sum_j f(e, v_j): the one-sided
   derivative of F in the direction of a new neuron e added at 0, so that
   exactly F(W, t e) = F(W) + t D(e) + t^2 |e|^2 / 4 for t >= 0 (the zero
   neuron image of a width-n point in width n + 1). */
    int pop_zero_slope(arb_t res, arb_srcptr e, const arb_mat_t W, const arb_mat_t V, slong prec);

    /* ---- double precision (no error bound: descents and refinement) ---- */

    /* F, G (n*d), H ((nd)^2, row major) in double, any may be NULL; W is
   n x d and V k x d row major.  Degenerate pairs (S computed as 0) take
   the limit values; a zero student row makes G and H NaN.  Returns F
   (or 0 when F is NULL). */
    double pop_eval_d(double *F, double *G, double *H, const double *W, slong n, const double *V, slong k,
                      slong d);

    /* ---- seeded descent ---- */

    typedef struct
    {
        double step;      /* fixed step size (seed 003: 5/k) */
        double tol;       /* stop when the Frobenius norm of the gradient is <= tol (seed 003: 1e-12) */
        slong max_iter;   /* give up after this many steps */
        double init_std;  /* initialisation: i.i.d. N(0, init_std^2) entries (Xavier: 1/sqrt(d)) */
        int newton_after; /* >0: switch to Newton steps once |grad| <= newton_tol */
        double newton_tol;
    } pop_descent_opts;

    typedef struct
    {
        slong iters;   /* gradient steps taken */
        slong newton;  /* Newton steps taken */
        double gnorm;  /* final Frobenius gradient norm (double) */
        double F;      /* final objective (double) */
        int converged; /* 1: gnorm <= tol; 0: max_iter reached or diverged */
    } pop_descent_info;

    /* The authors' setting: step 5/k, tol 1e-12, Xavier std 1/sqrt(d),
   200000 steps at most, no Newton.  The step 5/k is theirs for k >= 6;
   below that it exceeds 2 / (largest Hessian eigenvalue) near the
   global minimum and the iteration oscillates. */
    void pop_descent_opts_default(pop_descent_opts *o, slong k, slong d);

    /* Draws W (n x d) with i.i.d. N(0, o->init_std^2) entries from the
   normal law of sampler.h, reading stream (seed, stream, index). */
    void pop_descent_init(double *W, slong n, slong d, const pop_descent_opts *o, uint64_t seed,
                          uint64_t stream, uint64_t index);

    /* Runs gradient descent W <- W - step grad F(W) in double from W (n x
   d, updated in place) until |grad F|_F <= tol or max_iter; with
   newton_after, Newton steps (Hessian solve in double, falling back to
   the gradient step when the Hessian is singular) once the gradient is
   below newton_tol.  A step that makes a student row zero or non-finite
   stops the run (converged = 0). */
    void pop_descent_run(pop_descent_info *info, double *W, slong n, const double *V, slong k, slong d,
                         const pop_descent_opts *o);

#ifdef __cplusplus
}
#endif

#endif

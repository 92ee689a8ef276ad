/* thm1.h -- Theorem 1 of Safran & Shamir (2016): along any continuous
   path W(lambda) from W(0) to a better point W(1) that satisfies the
   hypotheses (i) and (ii), rescaling the output layer of W(lambda) by a
   factor c~ gives a path along which the objective decreases strictly
   (proof in App. B.1; talk appendix for v(lambda) and clip).

   The module works with piecewise-linear paths through knots W^(0..K)
   at lambda = j/K and with the rescaled path W~(s), s in [0, 2]:
     s in [0, 1]: W~(s) = W(s) with output layer times c~(s), where c~(s)
                  is the largest root of L(c P(W(s))) = v(s),
                  v(s) = (1 - s/3) L0 + (s/3) max{L(0), L1};
     s in [1, 2]: W~(s) = W(1) with output layer times c~(s), the largest
                  root of L(c P(W(1))) = (2 - s) v(1) + (s - 1) L1
   (L0 = L(P(W(0))), L1 = L(P(W(1)))).  The second piece is this
   module's explicit form of the paper's "re-scale back towards W(1)".

   Error rules.  Every function that decides something returns a truth_t:
   BC_TRUE / BC_FALSE only when the enclosures settle the statement,
   BC_UNDECIDED otherwise; nothing is decided by an unguarded double
   comparison.  Doubles (parameters, data, the rounded factors c~) enter
   the ball computations as exact dyadic rationals. */
#ifndef THM1_H
#define THM1_H

#include "bc.h"
#include "check.h"
#include "data.h"
#include "loss.h"
#include "net.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* An instance of Thm 1: a loss, a network shape, a data set, and a
   piecewise-linear path W(lambda), lambda in [0, 1], through nknots >= 2
   knots (knot j at lambda = j/K, K = nknots - 1 a power of two, so that
   the knots are dyadic and W(lambda) is exact at dyadic lambda).  Knot 0
   is W(0), knot K is W(1). */
    typedef struct
    {
        loss_kind kind;
        net_t N; /* the shape; N->par is free scratch for the owner */
        data_t S;
        slong nknots;
        double *knot; /* nknots * N->npar doubles */
    } thm1_inst_struct;

    typedef thm1_inst_struct thm1_inst_t[1];

    /* Initialises an instance with depth weight layers, widths
   width[0..depth] (width[0] = d, width[depth] = k), m data points (all
   zero) and nknots knots (all zero). */
    void thm1_inst_init(thm1_inst_t I, loss_kind kind, slong depth, const slong *width, slong m,
                        slong nknots);
    void thm1_inst_clear(thm1_inst_t I);

/* Pointer to the npar doubles of knot j. */
#define thm1_knot(I, j) ((I)->knot + (j) * (I)->N->npar)

    /* Sets par[0..npar-1] to an enclosure of W(lambda) for every lambda in
   the ball lam, which must lie in [0, 1] inside one segment
   [j/K, (j+1)/K] (aborts otherwise: a caller error).  With lam exact and
   prec = ARF_PREC_EXACT the result is exact. */
    void thm1_path_par(arb_ptr par, const thm1_inst_t I, const arb_t lam, slong prec);

    /* Sets P (m x k, row-major) to an enclosure of the predictions of the
   network with parameter balls par on the data of I. */
    void thm1_pred(arb_ptr P, const thm1_inst_t I, arb_srcptr par, slong prec);

    /* Sets P to the exact predictions P(W(lambda)) at the exact dyadic
   lambda lam (exact balls). */
    void thm1_pred_at(arb_ptr P, const thm1_inst_t I, const arf_t lam);

    /* Hypothesis (i) on the whole continuum [0, 1].  The test applied is
   loss_ray_unbounded (some prediction non-zero; cross-entropy: some point
   where a wrong class scores strictly above the correct one); given (ii)
   it is also necessary for (i), since otherwise L(c P) <= L(0) < L0 for
   every c >= 0.  Decides the condition exactly at the knots, then
   subdivides [0, 1] (first at the knots, then by
   bisection up to maxdepth levels), enclosing P(W(lambda)) over each
   interval with parameter balls.  On an interval that is not certified,
   the condition is decided exactly at its dyadic midpoint.
   Returns BC_TRUE when every interval is certified (*nint intervals);
   BC_FALSE when the condition is decided false at an exact dyadic point,
   then where is set to that lambda; BC_UNDECIDED when *nleft intervals
   stayed undecided at maxdepth (or the budget of maxint intervals ran
   out).  *maxdepth_used is the deepest level reached. */
    truth_t thm1_hyp_i(slong *nint, slong *nleft, slong *maxdepth_used, arf_t where, const thm1_inst_t I,
                       slong maxdepth, slong maxint);

    /* Squared loss, closed form of the rescaling factor: sets c to an
   enclosure of the larger root of L(c P) = v, i.e.
   (<p,y> + sqrt(<p,y>^2 + |p|^2 (m v - |y|^2))) / |p|^2 with sums over
   points and outputs.  Returns BC_TRUE when |p|^2 > 0 and the
   discriminant is certified positive (c then enclosed), else
   BC_UNDECIDED (c indeterminate). */
    truth_t thm1_sq_root(arb_t c, arb_srcptr P, const data_t S, const arb_t v, slong prec);

    /* Largest root of the convex function f(c) = L(c P) - v on (lo, inf),
   by a certified sign change: f(a) < 0 < f(b) with lo <= a < b implies,
   by convexity, that the largest root of f lies in (a, b) and is the
   only root right of a.  Requires f(lo) < 0 (checked: BC_UNDECIDED if it
   cannot be certified).  Sets c to [a, b] with relative width at most
   about 2^-40 when prec allows.  Returns BC_TRUE on success, BC_FALSE
   when f(c) < 0 was certified for every c tried up to 2^60 (the ray
   does not reach v), BC_UNDECIDED otherwise. */
    truth_t thm1_ray_root(arb_t c, loss_kind kind, arb_srcptr P, const data_t S, const arb_t v,
                          const arb_t lo, slong prec);

    /* Sets out to an enclosure of d/dc L(c P) at c = 1:
   squared: (2/m) <p, p - y>; cross-entropy: (1/m) sum_t (<q_t, p_t> -
   p_{t,y_t}), q_t = softmax(p_t). */
    void thm1_ray_slope(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec);

    /* Decides that the sequence of balls L[0..len-1] is strictly decreasing:
   BC_FALSE when some L[i+1] >= L[i] is certain (*bad = i, the first such
   pair), BC_UNDECIDED when no pair is decided false but some pair
   overlaps (*bad = the first such pair), else BC_TRUE (*bad = -1). */
    truth_t thm1_seq_decreasing(slong *bad, arb_srcptr L, slong len);

    /* Squared loss, exact rational quantities of the ray through the exact
   predictions P: |p|^2, <p,y> and |y|^2 (sums over points and outputs),
   so that m L(c P) = c^2 |p|^2 - 2 c <p,y> + |y|^2. */
    void thm1_sq_ray_exact(fmpq_t pp, fmpq_t py, fmpq_t yy, arb_srcptr P, const data_t S);

    /* Squared loss: sets out to m L(c P) exactly, evaluated from the exact
   predictions P entry by entry (c = NULL: c = 1). */
    void thm1_sq_loss_exact(fmpq_t out, arb_srcptr P, const fmpq_t c, const data_t S);

    /* Squared loss, the end of a rescaling along the ray of the exact
   predictions P at the target level T, given as mT = m T: the point c P,
   c the larger root of L(c P) = T.  Decides L(c P) = L(P): exactly when c is rational (then
   *rational = 1 and cq = c; always so at T = L(P), where the
   discriminant is (|p|^2 - <p,y>)^2), else with balls at 256 bits
   (BC_FALSE when the enclosures separate, BC_UNDECIDED otherwise).
   BC_FALSE also when the ray stays below T (no root), BC_UNDECIDED when
   P = 0 or P is not exact.  Sets c to an enclosure of the root when one
   exists (indeterminate otherwise). */
    truth_t thm1_sq_ray_end(arb_t c, fmpq_t cq, int *rational, arb_srcptr P, const data_t S, const fmpq_t mT);

    /* The weight of M in the proof's target v(s) = (1 - w) L0 + w M on
   [0, 2] (talk appendix): sets w = s/3.  The one definition of the
   construction's constant, read by the rescaled path and by the control
   of the construction without its last piece.  Aliasing allowed. */
    void thm1_v_weight(fmpq_t w, const fmpq_t s);

    /* The rescaled path on the grid s_i = 2 i / n, i = 0..n (n a power of two
   >= 2, so every s_i is dyadic and W(s_i) is exact). */
    typedef struct
    {
        slong n;
        double *c;        /* c~(s_i) rounded to a double, c[0] = 1 */
        arb_t L0, L1, Lz; /* L(P(W(0))), L(P(W(1))), L(0), enclosed at 256 bits */
        arb_t M;          /* max{L(0), L1} */
        arb_t v1;         /* v(1), where the last piece starts */
        truth_t hyp;      /* (ii) and L1 < L0, decided with balls */
        slong nroot_fail; /* grid points where c~ could not be isolated */
        truth_t start;    /* the construction returns c~(0) = 1 (exactly) */
        int end_case;     /* 1: end root is exactly 1, so W~(2) = W(1);
                     2: end root is the other root, > 1;
                     0: not decided */
        arb_t cend;       /* enclosure of the end root (exactly 1 in case 1) */
        fmpq_t cend_q;    /* squared loss: the end root, exactly rational */
        truth_t end;      /* L(P(W~(2))) = L1 certified (see thm1_rescale_build) */
        slong prec;       /* highest precision the end's decisions reached */
    } thm1_rescale_struct;

    typedef thm1_rescale_struct thm1_rescale_t[1];

    /* Allocates R for the grid of n + 1 points (c[] zero, statuses
   undecided); aborts if n is not a power of two when used. */
    void thm1_rescale_init(thm1_rescale_t R, slong n);
    void thm1_rescale_clear(thm1_rescale_t R);

    /* Builds the rescaled path of I on R's grid: the hypotheses the targets
   rely on, R->hyp ((ii) and L1 < L0, with balls; the targets then
   decrease), the factors c[i], the start certificate R->start (c~(0) =
   1: squared loss by thm1_sq_ray_end at the level L0, cross-entropy
   because f(1) = 0 exactly and f(0) = L(0) - L0 < 0 makes the positive
   root unique), and the end certificate R->end: squared loss, the end
   root is an exact rational and L(cend P(W(1))) = L1 is decided in exact
   rational arithmetic (thm1_sq_ray_end at the level L1); cross-entropy,
   cend = 1 when the slope of the ray at c = 1 is decided >= 0, else cend
   is isolated by a sign change right of 1 (rising precision, R->prec).
   The end certificate does not depend on n: a grid of n = 2 builds it
   cheaply.  Returns BC_TRUE when every c[i] was isolated and both
   certificates hold, BC_FALSE when a hypothesis is decided false,
   BC_UNDECIDED otherwise.  The caller decides monotonicity separately
   (thm1_rescale_decreasing). */
    truth_t thm1_rescale_build(thm1_rescale_t R, const thm1_inst_t I);

    /* Sets par to the exact parameters of W~(s_i): W(min(s_i, 1)) with the
   output layer multiplied by the double c[i]. */
    void thm1_rescale_par(arb_ptr par, const thm1_rescale_t R, const thm1_inst_t I, slong i);

    /* Sets out to an enclosure of L(P(W~(s_i))), evaluating the network. */
    void thm1_rescale_loss(arb_t out, const thm1_rescale_t R, const thm1_inst_t I, slong i, slong prec);

    /* Decides L(P(W~(s_{i+1}))) < L(P(W~(s_i))) for every i, each pair at
   rising precision from 128 bits to BC_PREC_MAX (bc_decide_prec).  Sets
   L[0..n] to the final enclosures (L must hold n + 1 balls), *bad as
   thm1_seq_decreasing, *maxprec to the highest precision used. */
    truth_t thm1_rescale_decreasing(slong *bad, slong *maxprec, arb_ptr L, const thm1_rescale_t R,
                                    const thm1_inst_t I);

    /* Enclosures L[j] of L(P(W(lambda_j))) on the original path at the exact
   lambda_j = j / npts, j = 0..npts (npts a power of two), at precision
   prec. */
    void thm1_path_losses(arb_ptr L, const thm1_inst_t I, slong npts, slong prec);

    /* Searches the enclosures L[0..len-1] (values at increasing lambda) for
   a certified rise: indices *i1 < *i2 with L[*i1] < L[*i2] decided, the
   pair maximising the rise of the midpoints.  Returns BC_TRUE when a
   certified rise exists, BC_FALSE when L is certified non-increasing
   (every L[j+1] <= L[j]), else BC_UNDECIDED. */
    truth_t thm1_find_rise(slong *i1, slong *i2, arb_srcptr L, slong len);

    /* Gradient descent in double from the parameters in N->par (replaced by
   the result): iters steps with step halving whenever the objective
   would increase.  Returns the final objective (double, unguarded). */
    double thm1_descend(net_t N, loss_kind kind, const data_t S, slong iters);

    /* The module (its table and run) and its LaTeX fragment (thm1.tex). */
    extern const module_struct module_thm1;
    extern const char *const fragment_thm1[];

#ifdef __cplusplus
}
#endif

#endif

/* range.h -- a range prover: f(x) <= g(x) for every x in [lo, hi] and
   every integer parameter p in [par_lo, par_hi].

   The caller supplies h = g - f through a function that encloses h on a
   box (a sub-interval of [lo, hi] for one parameter value), and
   optionally a function enclosing h' on a box.  The prover subdivides
   [lo, hi] adaptively, left to right, and settles each box by

     (a) enclosure: the enclosure of h on the box is >= 0;
     (b) monotonicity: the enclosure of h' on the box [A, B] is >= 0 and
         h(A) >= 0 is known -- because A = lo and the caller asserts
         h(lo) = 0 exactly (touch_lo), or because the box to the left of
         A was proved (h >= 0 on a closed box includes its right end), or
         because the point enclosure of h at A is >= 0; symmetrically
         h' <= 0 on the box with h(B) >= 0 known (touch_hi at hi, or the
         point enclosure at B).

   This is how an inequality that touches at an end point (h(lo) = 0, so
   no enclosure of h on a box containing lo can be >= 0 with room to
   spare... or at all when h vanishes identically) is proved: the
   paper's own argument "f(0) = 0 and f' >= 0" (Claim 1, B.5; Claim 3,
   B.7), checked in ball arithmetic.

   A box whose enclosure of h is entirely negative yields a
   counterexample: the exact dyadic midpoint of the box, at which h is
   re-enclosed at rising precision until the enclosure is entirely
   negative.  Boxes that are neither proved nor refuted are bisected
   (their midpoints are probed for a counterexample first) until the
   depth limit or the box budget; the rest are reported as left.

   Nothing is decided from a double: the verdict BC_TRUE is a proof
   (modulo the caller's enclosures and touch assertions), BC_FALSE comes
   with a verified point, and BC_UNDECIDED lists what is left. */
#ifndef RANGE_H
#define RANGE_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Encloses h (or h') at every point t of the box [A, B] for parameter
   par: x is a ball containing [A, B], a and b are balls containing A
   and B (exact dyadics except where lo or hi is not dyadic, e.g. pi).
   For a point evaluation x, a and b are the same exact ball.  The
   caller may use x directly (interval evaluation) or a and b when it
   knows h's pieces are monotone on the box (then it says why). */
    typedef void (*range_fn)(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx,
                             slong prec);

/* How a box was settled, as told to a range_record_fn. */
#define RANGE_BY_ENCLOSURE 0  /* the enclosure of h on the box is >= 0 */
#define RANGE_BY_INCREASING 1 /* h' >= 0 on the box and h >= 0 at its left end */
#define RANGE_BY_DECREASING 2 /* h' <= 0 on the box and h >= 0 at its right end */

    /* Told of every box the prover settles, in order of position for each
   parameter value: the box [A, B] (balls as range_fn receives them),
   how (RANGE_BY_*) and the enclosure that settled it (of h for
   RANGE_BY_ENCLOSURE, of h' otherwise).  Used to export the
   subdivision as a certificate (src/cert.h). */
    typedef void (*range_record_fn)(void *rctx, slong par, const arb_t A, const arb_t B, int how,
                                    const arb_t enc);

    typedef struct
    {
        range_fn value; /* encloses h = g - f; required */
        range_fn deriv; /* encloses h'; NULL: no monotonicity arguments */
        void *ctx;
        arb_t lo; /* the range [lo, hi], lo < hi, as balls enclosing the ends */
        arb_t hi;
        slong par_lo; /* the parameter range [par_lo, par_hi] */
        slong par_hi;
        int touch_lo;           /* caller asserts h(lo) = 0 exactly for every parameter */
        int touch_hi;           /* caller asserts h(hi) = 0 exactly for every parameter */
        slong prec;             /* working precision of box enclosures (default 128) */
        slong max_depth;        /* bisection depth limit (default 48) */
        slong max_boxes;        /* boxes examined per parameter value (default 100000) */
        range_record_fn record; /* NULL (default), or told of every settled box */
        void *record_ctx;
    } range_problem_struct;

    typedef range_problem_struct range_problem_t[1];

    /* Sets defaults: no functions, [0, 1], parameter range [0, 0], no touch
   points, precision 128, depth 48, 100000 boxes. */
    void range_problem_init(range_problem_t P);
    void range_problem_clear(range_problem_t P);

#define RANGE_LEFT_MAX 8

    typedef struct
    {
        truth_t status;          /* BC_TRUE holds, BC_FALSE fails, BC_UNDECIDED */
        slong nboxes;            /* boxes examined, all parameter values */
        slong nproved_enclosure; /* boxes settled by (a) */
        slong nproved_monotone;  /* boxes settled by (b) */
        slong nprobes;           /* point enclosures computed */
        slong depth;             /* deepest bisection level reached */
        slong nparams;           /* parameter values examined */
        /* status BC_FALSE: the verified counterexample */
        slong cex_par;
        arb_t cex_x;     /* an exact point of [lo, hi] */
        arb_t cex_value; /* enclosure of h(cex_x), entirely negative */
        slong cex_prec;  /* precision at which it was verified */
        /* status BC_UNDECIDED: boxes left (all counted, the first stored) */
        slong nleft;
        slong nstored;
        arb_struct left_lo[RANGE_LEFT_MAX];
        arb_struct left_hi[RANGE_LEFT_MAX];
        slong left_par[RANGE_LEFT_MAX];
        /* a touch assertion contradicted by the point enclosure there
           (the prover then did not use it) */
        int touch_contradicted;
        double seconds;
    } range_result_struct;

    typedef range_result_struct range_result_t[1];

    void range_result_init(range_result_t R);
    void range_result_clear(range_result_t R);

    /* Runs the prover; sets R (previous contents are replaced) and returns
   R->status.  Parameter values are taken in increasing order; the first
   counterexample ends the run. */
    truth_t range_prove(range_result_t R, const range_problem_t P);

    /* One line describing R, e.g. "holds: 37 boxes (12 by enclosure, 25 by
   monotonicity), depth 9, parameters 2..200"; flint_free the result. */
    char *range_result_str(const range_result_t R, const range_problem_t P);

    /* Helper for callers: res = a ball containing [lower(lo), upper(hi)],
   the hull of two enclosures (of the minimum and maximum of a function
   on a box). */
    void range_hull(arb_t res, const arb_t lo, const arb_t hi, slong prec);

#ifdef __cplusplus
}
#endif

#endif

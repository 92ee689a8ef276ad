/* lpq.h -- exact linear feasibility over Q, with a certificate either way.

   Decides whether { lambda in Q^N : M lambda = c, lambda >= 0 } is empty
   (M is r x N, c in Q^r) by the two-phase simplex method's first phase
   in exact rational arithmetic: Dantzig's rule while the objective
   decreases, Bland's rule (which cannot cycle) after a run of degenerate
   pivots.  The answer is always checked exactly before it is returned:
     feasible:   lambda >= 0 with M lambda = c;
     infeasible: pi (Farkas) with pi^T M <= 0 componentwise and
                 pi^T c > 0 (then pi^T M lambda = pi^T c > 0 contradicts
                 pi^T M lambda <= 0 for every lambda >= 0).
   Dense tableau, r (N + r) rationals: meant for small and medium sizes. */
#ifndef LPQ_H
#define LPQ_H

#include "bc.h"
#include <flint/fmpq_mat.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Returns 1 if M lambda = c has a solution lambda >= 0 and sets lambda
   (N entries, if not NULL) to one; returns 0 otherwise and sets pi (r
   entries, if not NULL) to a Farkas certificate as above.  M must have at
   least one row and one column.  Both results are verified exactly; a
   failed verification (a defect, never an input property) aborts. */
    int lpq_feasible(fmpq *lambda, fmpq *pi, const fmpq_mat_t M, const fmpq *c);

    /* Number of rationals the tableau of an r x N problem holds, for
   callers that bound the work: r (N + r + 1) + (N + r + 1). */
    slong lpq_tableau_size(slong r, slong N);

#ifdef __cplusplus
}
#endif

#endif

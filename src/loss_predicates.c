/* loss_predicates.c -- strict convexity along the ray c -> L(cP)
   (Prop 2) and the sufficient condition for Thm 1's hypothesis (i). */
#include "loss.h"

truth_t
loss_ray_strictly_convex(loss_kind kind, arb_srcptr P, const data_t S)
{
    slong t, j, k = S->k;
    int unknown = 0;

    if (kind == LOSS_SQUARED)
    {
        /* strictly convex iff some prediction is non-zero (B.2) */
        for (j = 0; j < S->m * k; j++)
        {
            if (!arb_contains_zero(P + j))
                return BC_TRUE;
            if (!arb_is_zero(P + j))
                unknown = 1;
        }
        return unknown ? BC_UNDECIDED : BC_FALSE;
    }

    /* cross-entropy: the Hessian of log-sum-exp annihilates exactly the
       constant vectors (B.2), so strict convexity iff some row of P is
       not constant */
    for (t = 0; t < S->m; t++)
        for (j = 1; j < k; j++)
        {
            arb_t d;
            int nz, ez;
            arb_init(d);
            arb_sub(d, P + t * k + j, P + t * k, ARF_PREC_EXACT);
            nz = !arb_contains_zero(d);
            ez = arb_is_zero(d);
            arb_clear(d);
            if (nz)
                return BC_TRUE;
            if (!ez)
                unknown = 1;
        }
    return unknown ? BC_UNDECIDED : BC_FALSE;
}

truth_t
loss_ray_unbounded(loss_kind kind, arb_srcptr P, const data_t S)
{
    slong t, j, k = S->k;
    int unknown = 0;

    if (kind == LOSS_SQUARED)
        return loss_ray_strictly_convex(kind, P, S);

    /* cross-entropy: L(cP) -> infinity iff on some point a wrong class
       scores strictly above the correct one (Sec. 5) */
    for (t = 0; t < S->m; t++)
    {
        arb_srcptr p = P + t * k;
        for (j = 0; j < k; j++)
        {
            arb_t d;
            truth_t gt;
            if (j == S->lab[t])
                continue;
            arb_init(d);
            arb_sub(d, p + j, p + S->lab[t], ARF_PREC_EXACT);
            gt = bc_arb_gt_zero(d);
            arb_clear(d);
            if (gt == BC_TRUE)
                return BC_TRUE;
            if (gt == BC_UNDECIDED)
                unknown = 1;
        }
    }
    return unknown ? BC_UNDECIDED : BC_FALSE;
}

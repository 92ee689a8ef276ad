/* loss_filter.c -- double-precision filter for the squared-loss gap.

   With exact predictions p = pp + delta, |delta| <= e, the exact term
   p (p - 2y) differs from pp (pp - 2y) by at most 2 |pp - y| e + e^2.
   The double evaluation of sum pp (pp - 2y) over N = m k terms has error
   at most gamma_{N+2} sum |pp (pp - 2y)| plus underflow; the bound's own
   evaluation is covered by the same inflation factor as in
   net_eval_d.c. */
#include <math.h>

#include "loss.h"

#define U_ROUND 0x1p-53
#define ETA 0x1p-1074

int
loss_sq_gap_d(double *gap, double *err, const double *P, const double *Perr, const data_t S)
{
    slong t, j, n = S->m * S->k;
    double s = 0.0, A = 0.0, E = 0.0;
    double gam = 1.01 * (double) (n + 2) * U_ROUND;
    double inflate = 1.0 + 4.0 * (double) (n + 8) * U_ROUND;

    for (t = 0; t < S->m; t++)
        for (j = 0; j < S->k; j++)
        {
            double p = P[t * S->k + j], y = data_y(S, t)[j], e = Perr[t * S->k + j];
            double q = p * (p - 2.0 * y);
            s += q;
            A += fabs(q);
            E += 2.0 * fabs(p - y) * e + e * e;
        }
    /* dividing by m changes neither the sign nor, beyond one rounding,
       the relative error */
    *gap = s / (double) S->m;
    *err = ((gam * A + E) * inflate + (double) (3 * n + 2) * ETA) / (double) S->m * (1.0 + 4.0 * U_ROUND);
    if (!isfinite(*gap) || !isfinite(*err))
        return 1;
    return 0;
}

/* data.c -- training sets. */
#include <math.h>

#include "data.h"

void
data_init(data_t S, slong m, slong d, slong k)
{
    S->m = m;
    S->d = d;
    S->k = k;
    S->X = flint_calloc(m * d + 1, sizeof(double));
    S->Y = flint_calloc(m * k + 1, sizeof(double));
    S->lab = flint_calloc(m + 1, sizeof(slong));
}

void
data_clear(data_t S)
{
    flint_free(S->X);
    flint_free(S->Y);
    flint_free(S->lab);
}

void
data_randomize(data_t S, double xscale, double yscale, rng_t rng)
{
    slong t, j;
    double s = xscale / sqrt((double) S->d);
    for (t = 0; t < S->m; t++)
    {
        for (j = 0; j < S->d; j++)
            data_x(S, t)[j] = s * rng_normal(rng);
        for (j = 0; j < S->k; j++)
            data_y(S, t)[j] = yscale * rng_normal(rng);
        S->lab[t] = (slong) rng_below(rng, (uint64_t) S->k);
    }
}

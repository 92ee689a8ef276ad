/* jac_sample.c -- data and regions drawn as in the authors' experiments
   (kedar2/loss-landscape, experiments/full_rank_regions.py: data by
   torch.rand, a torch.nn.Linear hidden layer at its default
   initialisation, a frozen N(0, 1) output layer), through the
   counter-based streams. */
#include <math.h>

#include "jac.h"
#include "sampler.h"

/* uniform on {0, 2^-24, ..., 1 - 2^-24}: torch.rand's float32 grid */
static double
unit24(rng_t rng)
{
    return ldexp((double) (rng_u32(rng) >> 8), -24);
}

void
jac_data_sample(jac_data_t D, jac_data_law law, rng_t rng)
{
    slong k, m = D->n * D->d0;
    double *x = flint_malloc(sizeof(double) * (size_t) m);
    for (k = 0; k < m; k++)
        x[k] = law == JAC_DATA_UNIFORM ? unit24(rng) : (double) (float) rng_normal(rng);
    jac_data_set_d(D, x);
    flint_free(x);
}

void
jac_weights_sample(double *W, double *b, double *v, slong d1, slong d0, jac_init_law law, rng_t rng)
{
    slong i, c;
    double *t = flint_malloc(sizeof(double) * (size_t) (d0 + 1));
    for (i = 0; i < d1; i++)
    {
        if (law == JAC_INIT_TORCH)
        {
            /* U(-1, 1) on the grid 2^-23: k 2^-23 - 1, k < 2^24 (the scale
               1/sqrt(d0) of torch's bound is common to w_i and b_i and does
               not change a sign) */
            for (c = 0; c <= d0; c++)
                t[c] = ldexp((double) (rng_u32(rng) >> 8), -23) - 1.0;
        }
        else
            sampler_draw(t, d0 + 1, SAMPLER_GAUSS, 1.0, rng);
        for (c = 0; c < d0; c++)
            W[i * d0 + c] = t[c];
        b[i] = t[d0];
    }
    if (v != NULL)
        for (i = 0; i < d1; i++)
            v[i] =
                law == JAC_INIT_TORCH ? (double) (float) rng_normal(rng) : ((rng_u32(rng) & 1) ? 1.0 : -1.0);
    flint_free(t);
}

slong
jac_pattern_sample(jac_pattern_t A, const jac_data_t D, jac_init_law law, rng_t rng)
{
    slong d1 = A->d1, d0 = D->d0, z;
    double *W = flint_malloc(sizeof(double) * (size_t) (d1 * d0));
    double *b = flint_malloc(sizeof(double) * (size_t) d1);
    jac_weights_sample(W, b, NULL, d1, d0, law, rng);
    z = jac_pattern_set_weights_d(A, NULL, NULL, D, W, b);
    flint_free(W);
    flint_free(b);
    return z;
}

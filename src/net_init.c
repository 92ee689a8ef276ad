/* net_init.c -- memory, shape and random initialisation of networks. */
#include <string.h>

#include "net.h"

void
net_init(net_t N, slong depth, const slong *width)
{
    slong i, off = 0;

    N->depth = depth;
    N->width = flint_malloc((depth + 1) * sizeof(slong));
    N->offset = flint_malloc((depth + 1) * sizeof(slong));
    for (i = 0; i <= depth; i++)
        N->width[i] = width[i];
    for (i = 1; i <= depth; i++)
    {
        N->offset[i - 1] = off;
        off += width[i] * net_neuron_len(N, i);
    }
    N->offset[depth] = off;
    N->npar = off;
    N->par = flint_calloc(off + 1, sizeof(double));
}

void
net_clear(net_t N)
{
    flint_free(N->width);
    flint_free(N->offset);
    flint_free(N->par);
}

void
net_set(net_t N, const net_t M)
{
    if (N != M)
        memcpy(N->par, M->par, M->npar * sizeof(double));
}

slong
net_neuron_len(const net_t N, slong i)
{
    /* hidden neurons carry a bias (Sec. 2); the output layer has none */
    return N->width[i - 1] + (i < N->depth ? 1 : 0);
}

double *
net_neuron(const net_t N, slong i, slong j)
{
    return N->par + N->offset[i - 1] + j * net_neuron_len(N, i);
}

/* 1 when some neuron vector of N is all zero */
static int
some_neuron_zero(const net_t N)
{
    slong i, j, q;
    for (i = 1; i <= N->depth; i++)
        for (j = 0; j < N->width[i]; j++)
        {
            const double *v = net_neuron(N, i, j);
            slong len = net_neuron_len(N, i);
            for (q = 0; q < len && v[q] == 0.0; q++)
                ;
            if (q == len)
                return 1;
        }
    return 0;
}

void
net_randomize(net_t N, sampler_kind kind, double scale, rng_t rng)
{
    slong i, j;
    if (kind == SAMPLER_GAUSS)
    {
        /* the neuron vectors are contiguous and in draw order: one fill
           gives the draws of sampler_draw neuron after neuron, unless a
           vector is all zero (probability below 2^-50 per vector), which
           sampler_draw redraws: then start again from the saved stream,
           neuron by neuron */
        rng_t save;
        *save = *rng;
        rng_normal_fill(N->par, N->npar, rng);
        if (!some_neuron_zero(N))
        {
            if (scale != 1.0)
                for (i = 0; i < N->npar; i++)
                    N->par[i] = scale * N->par[i];
            return;
        }
        *rng = *save;
    }
    for (i = 1; i <= N->depth; i++)
        for (j = 0; j < N->width[i]; j++)
            sampler_draw(net_neuron(N, i, j), net_neuron_len(N, i), kind, scale, rng);
}

void
net_scale_output(net_t N, double c)
{
    slong q;
    for (q = N->offset[N->depth - 1]; q < N->npar; q++)
        N->par[q] *= c;
}

void
net_get_arb(arb_ptr par, const net_t N)
{
    slong q;
    for (q = 0; q < N->npar; q++)
        arb_set_d(par + q, N->par[q]);
}

/* net_eval_arb.c -- ball and exact evaluation of networks. */
#include "net.h"

void
net_eval_arb(arb_ptr out, const net_t N, arb_srcptr par, arb_srcptr x, slong prec)
{
    slong layer, j, i, n, wmax = 0;
    arb_ptr h, h2, tmp;

    for (i = 0; i <= N->depth; i++)
        if (N->width[i] > wmax)
            wmax = N->width[i];
    h = _arb_vec_init(wmax);
    h2 = _arb_vec_init(wmax);

    n = N->width[0];
    _arb_vec_set(h, x, n);

    for (layer = 1; layer <= N->depth; layer++)
    {
        slong nout = N->width[layer];
        int hidden = layer < N->depth;
        slong len = net_neuron_len(N, layer);

        for (j = 0; j < nout; j++)
        {
            arb_srcptr w = par + N->offset[layer - 1] + j * len;
            arb_ptr z = hidden ? h2 + j : out + j;

            if (hidden)
                arb_set(z, w + n); /* bias */
            else
                arb_zero(z);
            for (i = 0; i < n; i++)
                arb_addmul(z, w + i, h + i, prec);
            if (hidden)
                arb_nonnegative_part(z, z); /* ReLU on the whole ball */
        }
        if (hidden)
        {
            tmp = h;
            h = h2;
            h2 = tmp;
            n = nout;
        }
    }

    _arb_vec_clear(h, wmax);
    _arb_vec_clear(h2, wmax);
}

void
net_last_hidden_dead(int *zero, const net_t N, const double *x)
{
    slong layer, j, i, n, wmax = 0;
    arb_ptr h, h2, tmp;

    *zero = 0;
    if (N->depth < 2)
        return;

    for (i = 0; i <= N->depth; i++)
        if (N->width[i] > wmax)
            wmax = N->width[i];
    h = _arb_vec_init(wmax);
    h2 = _arb_vec_init(wmax);
    n = N->width[0];
    for (i = 0; i < n; i++)
        arb_set_d(h + i, x[i]);

    /* exact arithmetic: every value is a dyadic rational */
    for (layer = 1; layer < N->depth; layer++)
    {
        slong nout = N->width[layer];
        for (j = 0; j < nout; j++)
        {
            const double *w = net_neuron(N, layer, j);
            arb_set_d(h2 + j, w[n]);
            for (i = 0; i < n; i++)
            {
                arb_t wi;
                arb_init(wi);
                arb_set_d(wi, w[i]);
                arb_addmul(h2 + j, wi, h + i, ARF_PREC_EXACT);
                arb_clear(wi);
            }
            arb_nonnegative_part(h2 + j, h2 + j);
        }
        tmp = h;
        h = h2;
        h2 = tmp;
        n = nout;
    }
    *zero = 1;
    for (j = 0; j < n; j++)
        if (!arb_is_zero(h + j))
            *zero = 0;

    _arb_vec_clear(h, wmax);
    _arb_vec_clear(h2, wmax);
}

/* net_grad.c -- the training objective and its gradient in plain double
   (backpropagation).

   Used only to *find* candidate parameter vectors, e.g. the low-loss end
   point W(1) of the path of Thm 1 by gradient descent; every verdict is
   later decided on the exact doubles so found, never on these values. */
#include <math.h>
#include <string.h>

#include "net.h"

/* dL/dp for one point (already divided by m) and the point's loss. */
static double
point_loss_grad(double *g, const double *p, loss_kind kind, const data_t S, slong t)
{
    slong j, k = S->k;
    double l = 0.0, inv = 1.0 / (double) S->m;

    if (kind == LOSS_SQUARED)
    {
        const double *y = data_y(S, t);
        for (j = 0; j < k; j++)
        {
            double r = p[j] - y[j];
            l += r * r;
            g[j] = 2.0 * r * inv;
        }
        return l;
    }
    else
    {
        /* log sum_j exp(p_j) - p_label, shifted by max_j p_j so that no
           exponential overflows */
        double mx = p[0], s = 0.0;
        slong lab = S->lab[t];
        for (j = 1; j < k; j++)
            if (p[j] > mx)
                mx = p[j];
        for (j = 0; j < k; j++)
        {
            g[j] = exp(p[j] - mx);
            s += g[j];
        }
        for (j = 0; j < k; j++)
            g[j] = (g[j] / s - (j == lab ? 1.0 : 0.0)) * inv;
        return log(s) + mx - p[lab];
    }
}

double
net_loss_grad_d(double *grad, const net_t N, loss_kind kind, const data_t S)
{
    slong h = N->depth, layer, i, j, t, tot = 0, wmax = 0;
    slong *start;
    double *act, *delta, *delta2, loss = 0.0;

    /* act holds, for the current point, the input and the post-ReLU
       values of every hidden layer, then the outputs: layer i at
       act + start[i] */
    start = flint_malloc((h + 2) * sizeof(slong));
    for (i = 0; i <= h; i++)
    {
        start[i] = tot;
        tot += N->width[i];
        if (N->width[i] > wmax)
            wmax = N->width[i];
    }
    start[h + 1] = tot;
    act = flint_malloc(tot * sizeof(double));
    delta = flint_malloc(wmax * sizeof(double));
    delta2 = flint_malloc(wmax * sizeof(double));
    memset(grad, 0, N->npar * sizeof(double));

    for (t = 0; t < S->m; t++)
    {
        memcpy(act, data_x(S, t), S->d * sizeof(double));

        /* forward pass */
        for (layer = 1; layer <= h; layer++)
        {
            slong n = N->width[layer - 1];
            const double *in = act + start[layer - 1];
            double *out = act + start[layer];
            for (j = 0; j < N->width[layer]; j++)
            {
                const double *w = net_neuron(N, layer, j);
                double z = layer < h ? w[n] : 0.0;
                for (i = 0; i < n; i++)
                    z += w[i] * in[i];
                out[j] = (layer < h && z < 0.0) ? 0.0 : z;
            }
        }

        loss += point_loss_grad(delta, act + start[h], kind, S, t);

        /* backward pass: delta holds dL/d(pre-activation) of layer */
        for (layer = h; layer >= 1; layer--)
        {
            slong n = N->width[layer - 1];
            const double *in = act + start[layer - 1];
            for (i = 0; i < n; i++)
                delta2[i] = 0.0;
            for (j = 0; j < N->width[layer]; j++)
            {
                const double *w = net_neuron(N, layer, j);
                double *gw = grad + (w - N->par);
                for (i = 0; i < n; i++)
                {
                    gw[i] += delta[j] * in[i];
                    delta2[i] += delta[j] * w[i];
                }
                if (layer < h)
                    gw[n] += delta[j]; /* bias */
            }
            if (layer > 1)
            {
                /* through the ReLU of layer - 1: derivative 0 at and
                   below the kink (an inactive unit stores exactly 0) */
                for (i = 0; i < n; i++)
                    delta[i] = in[i] > 0.0 ? delta2[i] : 0.0;
            }
        }
    }

    flint_free(start);
    flint_free(act);
    flint_free(delta);
    flint_free(delta2);
    return loss / (double) S->m;
}

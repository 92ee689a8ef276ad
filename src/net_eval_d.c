/* net_eval_d.c -- the floating-point filter: network output in double
   with a rigorous a-priori error bound.

   For a neuron z = sum_{i<n} w_i h_i + b computed from inputs hh_i with
   |hh_i - h_i| <= e_i, recursive summation gives (Higham, Thm 3.1 with
   underflow terms)
       |fl(z) - z| <= gamma_{n+1} (sum |w_i hh_i| + |b|) + sum |w_i| e_i
                      + (n + 1) eta,
   gamma_j = j u / (1 - j u), u = 2^-53, eta = 2^-1074.  Both sums on the
   right are themselves computed in double; we over-estimate
   gamma_{n+1} / (1 - gamma_{n+1}) and the rounding of the bound's own
   evaluation by the factor (1 + 4 (n + 8) u) and gamma by 1.01 (n+1) u,
   valid while (n + 8) u < 1/100, i.e. for any width below 10^13.
   ReLU is 1-Lipschitz, so the bound passes through it; when
   fl(z) < -err the exact z is negative and the output is exactly 0. */
#include <float.h>
#include <math.h>

#include "net.h"

#define U_ROUND 0x1p-53
#define ETA 0x1p-1074

slong
net_eval_d_worksize(const net_t N)
{
    slong i, w = 0;
    for (i = 0; i <= N->depth; i++)
        if (N->width[i] > w)
            w = N->width[i];
    return 4 * w;
}

int
net_eval_d(double *out, double *err, const net_t N, const double *x, double *work)
{
    slong layer, j, i, n, W = net_eval_d_worksize(N) / 4;
    double *h = work, *e = work + W, *h2 = work + 2 * W, *e2 = work + 3 * W, *tmp;

    n = N->width[0];
    for (i = 0; i < n; i++)
    {
        h[i] = x[i];
        e[i] = 0.0;
    }

    for (layer = 1; layer <= N->depth; layer++)
    {
        slong nout = N->width[layer];
        int hidden = layer < N->depth;
        double gam = 1.01 * (double) (n + 1) * U_ROUND;
        double inflate = 1.0 + 4.0 * (double) (n + 8) * U_ROUND;

        for (j = 0; j < nout; j++)
        {
            const double *w = net_neuron(N, layer, j);
            double z = 0.0, A = 0.0, E = 0.0, bound;
            for (i = 0; i < n; i++)
            {
                z += w[i] * h[i];
                A += fabs(w[i] * h[i]);
                E += fabs(w[i]) * e[i];
            }
            if (hidden)
            {
                z += w[n];
                A += fabs(w[n]);
            }
            bound = (gam * A + E) * inflate + (double) (n + 2) * ETA;
            if (!isfinite(z) || !isfinite(bound))
                return 1;
            if (hidden)
            {
                if (z < -bound)
                {
                    /* exact pre-activation is negative: output exactly 0 */
                    h2[j] = 0.0;
                    e2[j] = 0.0;
                }
                else
                {
                    h2[j] = z > 0.0 ? z : 0.0;
                    e2[j] = bound;
                }
            }
            else
            {
                out[j] = z;
                err[j] = bound;
            }
        }
        if (hidden)
        {
            tmp = h;
            h = h2;
            h2 = tmp;
            tmp = e;
            e = e2;
            e2 = tmp;
            n = nout;
        }
    }
    return 0;
}

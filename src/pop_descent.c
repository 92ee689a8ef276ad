/* pop_descent.c -- seeded gradient descent on the population objective in
   double, in the setting of seed 003's experiments (reconstructed from
   the authors' published code, see pop.h): W_0 with i.i.d. N(0, 1/d)
   entries (Xavier), a fixed step 5/k, stop when the Frobenius norm of
   the gradient is at most 1e-12.  Nothing here is a verdict: end points
   go to the certifier (crit.h). */
#include <math.h>
#include <string.h>

#include "dla.h"
#include "pop.h"
#include "rng.h"
#include "sampler.h"

void
pop_descent_opts_default(pop_descent_opts *o, slong k, slong d)
{
    o->step = 5.0 / (double) k;
    o->tol = 1e-12;
    o->max_iter = 200000;
    o->init_std = 1.0 / sqrt((double) d);
    o->newton_after = 0;
    o->newton_tol = 1e-6;
}

void
pop_descent_init(double *W, slong n, slong d, const pop_descent_opts *o, uint64_t seed, uint64_t stream,
                 uint64_t index)
{
    rng_t r;
    slong i;
    rng_init(r, seed, stream, index);
    for (i = 0; i < n; i++)
        sampler_draw(W + i * d, d, SAMPLER_GAUSS, o->init_std, r);
    rng_clear(r);
}

void
pop_descent_run(pop_descent_info *info, double *W, slong n, const double *V, slong k, slong d,
                const pop_descent_opts *o)
{
    slong N = n * d, i;
    double *G = flint_malloc(sizeof(double) * N), *H = NULL, *dx = NULL;
    double F, gn;

    info->iters = 0;
    info->newton = 0;
    info->converged = 0;
    for (;;)
    {
        int zero = 0;
        for (i = 0; i < n; i++)
            if (dla_norm(W + i * d, d) == 0)
                zero = 1;
        if (zero)
        {
            gn = NAN;
            F = pop_eval_d(NULL, NULL, NULL, W, n, V, k, d);
            break;
        }
        F = pop_eval_d(NULL, G, NULL, W, n, V, k, d);
        gn = dla_norm(G, N);
        if (!isfinite(gn) || !isfinite(F) || gn > 1e4)
            break;
        if (gn <= o->tol)
        {
            info->converged = 1;
            break;
        }
        if (info->iters + info->newton >= o->max_iter)
            break;
        if (o->newton_after && gn <= o->newton_tol)
        {
            if (H == NULL)
            {
                H = flint_malloc(sizeof(double) * N * N);
                dx = flint_malloc(sizeof(double) * N);
            }
            pop_eval_d(NULL, NULL, H, W, n, V, k, d);
            if (dla_solve(dx, H, G, N) == 0 && dla_norm(dx, N) <= 1e3 * gn)
            {
                for (i = 0; i < N; i++)
                    W[i] -= dx[i];
                info->newton++;
                continue;
            }
        }
        for (i = 0; i < N; i++)
            W[i] -= o->step * G[i];
        info->iters++;
    }
    info->gnorm = gn;
    info->F = F;
    flint_free(G);
    flint_free(H);
    flint_free(dx);
}

/* sampler.c -- Assumption-1 laws and the asymmetric control law.

   Every symmetric law here is computed by an odd function of a
   Gaussian vector (direction g/|g| times a radius independent of the
   direction), so the draw v and -v are equally likely bit for bit: the
   rounding of double arithmetic commutes with negation.  The sign
   symmetry is exactly what the proofs of Prop 1-2 use. */
#include <math.h>

#include "sampler.h"

static const char *const sampler_names[SAMPLER_COUNT] = {"gauss", "sphere", "ball", "cauchy", "skewed"};

const char *
sampler_name(sampler_kind kind)
{
    return (kind >= 0 && kind < SAMPLER_COUNT) ? sampler_names[kind] : "?";
}

int
sampler_is_symmetric(sampler_kind kind)
{
    return kind >= 0 && kind < SAMPLER_SYMMETRIC_COUNT;
}

static double
gauss_fill(double *v, slong len, rng_t rng)
{
    double s = 0.0;
    slong i;
    for (i = 0; i < len; i++)
    {
        v[i] = rng_normal(rng);
        s += v[i] * v[i];
    }
    return sqrt(s);
}

void
sampler_draw(double *v, slong len, sampler_kind kind, double scale, rng_t rng)
{
    slong i;
    double norm, r;

    for (;;)
    {
        norm = gauss_fill(v, len, rng);
        if (norm > 0.0)
            break;
    }

    switch (kind)
    {
    case SAMPLER_GAUSS:
        r = scale;
        norm = 1.0;
        break;
    case SAMPLER_SPHERE:
        r = scale;
        break;
    case SAMPLER_BALL:
        r = scale * pow(rng_uniform(rng), 1.0 / (double) len);
        break;
    case SAMPLER_CAUCHY:
        r = scale * fabs(tan(3.141592653589793 * (rng_uniform(rng) - 0.5)));
        if (r == 0.0 || !isfinite(r))
            r = scale;
        break;
    case SAMPLER_SKEWED:
    default:
        for (i = 0; i < len; i++)
            v[i] = scale * (v[i] + 0.5);
        return;
    }
    for (i = 0; i < len; i++)
        v[i] = r * (v[i] / norm);
}

void
sampler_draw_net(double *W, double *v, slong n, slong d, sampler_kind kind, rng_t rng)
{
    slong i;
    for (i = 0; i < n; i++)
        sampler_draw(W + i * d, d, kind, 1.0, rng);
    sampler_draw(v, n, kind, 1.0, rng);
}

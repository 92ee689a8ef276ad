/* sampler.c -- Assumption-1 laws and the asymmetric control law.

   Every symmetric law here is computed by an odd function of a
   Gaussian vector (direction g/|g| times a radius independent of the
   direction), so the draw v and -v are equally likely bit for bit: the
   rounding of double arithmetic commutes with negation.  The sign
   symmetry is exactly what the proofs of Prop 1-2 use.

   Bit-level definition: a draw of dimension len takes len normals
   (rng_normal_fill: the ziggurat of rng_normal.c) g; if every g_i is 0
   (probability below 2^-50 len) it takes len new ones.  Then, with
   |g| = sqrt(fl-sum of g_i^2, i = 0..len-1 in order), each operation
   rounded to nearest:
     gauss:  v_i = scale g_i  (g_i itself when scale = 1);
     sphere: v_i = scale (g_i / |g|);
     ball:   v_i = (scale pow(u, 1/len)) (g_i / |g|), u = rng_uniform
             after the normals;
     cauchy: v_i = c (g_i / |g|), c = scale |tan(pi (u - 1/2))| (c = scale
             when that is 0 or not finite);
     skewed: v_i = scale (g_i + 1/2).
   The gauss, sphere and skewed laws use only IEEE operations (sqrt is
   correctly rounded) on the normals and are the same on every platform;
   the ball and Cauchy laws also use libm's pow and tan and are
   reproducible on one libm. */
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

#ifdef __clang__
/* the sum of squares below is a defined sequence of roundings; GCC does
   not contract in ISO C mode (-std=c11) */
#pragma STDC FP_CONTRACT OFF
#endif

static double
sum_squares(const double *v, slong len)
{
    double s = 0.0;
    slong i;
    for (i = 0; i < len; i++)
    {
        double q = v[i] * v[i];
        s += q;
    }
    return s;
}

static int
all_zero(const double *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (v[i] != 0.0)
            return 0;
    return 1;
}

void
sampler_draw(double *v, slong len, sampler_kind kind, double scale, rng_t rng)
{
    slong i;
    double norm, r;

    do
        rng_normal_fill(v, len, rng);
    while (all_zero(v, len));

    if (kind == SAMPLER_GAUSS)
    {
        if (scale != 1.0)
            for (i = 0; i < len; i++)
                v[i] = scale * v[i];
        return;
    }
    if (kind == SAMPLER_SKEWED || kind < 0 || kind >= SAMPLER_COUNT)
    {
        for (i = 0; i < len; i++)
            v[i] = scale * (v[i] + 0.5);
        return;
    }
    norm = sqrt(sum_squares(v, len));

    switch (kind)
    {
    case SAMPLER_BALL:
        r = scale * pow(rng_uniform(rng), 1.0 / (double) len);
        break;
    case SAMPLER_CAUCHY:
        r = scale * fabs(tan(3.141592653589793 * (rng_uniform(rng) - 0.5)));
        if (r == 0.0 || !isfinite(r))
            r = scale;
        break;
    case SAMPLER_SPHERE:
    default:
        r = scale;
        break;
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

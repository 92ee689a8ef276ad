/* sampler.h -- initialisation laws for Assumption 1 (Sec. 4 of the paper)
   and one deliberately asymmetric law for negative controls.

   Assumption 1: the weight vector of each neuron (with its bias) is
   drawn independently from a spherically symmetric law on non-zero
   vectors.  Each sampler below draws one such vector at a time. */
#ifndef SAMPLER_H
#define SAMPLER_H

#include "bc.h"
#include "rng.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        SAMPLER_GAUSS = 0, /* i.i.d. N(0, scale^2) coordinates */
        SAMPLER_SPHERE,    /* uniform on the sphere of radius scale */
        SAMPLER_BALL,      /* uniform in the ball of radius scale */
        SAMPLER_CAUCHY,    /* heavy-tailed radius: |Cauchy| * scale times a uniform direction */
        SAMPLER_SKEWED,    /* NOT symmetric: N(scale/2, scale^2) coordinates, for negative controls */
        SAMPLER_COUNT
    } sampler_kind;

/* Number of samplers that satisfy Assumption 1 (the first ones). */
#define SAMPLER_SYMMETRIC_COUNT 4

    /* Short name ("gauss", "sphere", "ball", "cauchy", "skewed"). */
    const char *sampler_name(sampler_kind kind);

    /* 1 when the law satisfies Assumption 1, else 0. */
    int sampler_is_symmetric(sampler_kind kind);

    /* Sets v[0..len-1] to one draw of the law kind with scale scale > 0,
   consuming draws from rng.  Every entry is finite; the vector is
   non-zero (zero draws are redrawn, which keeps the law symmetric). */
    void sampler_draw(double *v, slong len, sampler_kind kind, double scale, rng_t rng);

    /* Draws a two-layer network (W, v) by Assumption 1 with law kind and
   scale 1: the rows w_i of W (n x d, row major) one after the other,
   then v (n entries) as one vector, all from rng in that order. */
    void sampler_draw_net(double *W, double *v, slong n, slong d, sampler_kind kind, rng_t rng);

#ifdef __cplusplus
}
#endif

#endif

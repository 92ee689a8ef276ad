/* sphere.h -- areas of unit spheres and of their caps, enclosed in ball
   arithmetic.

   omega_k is the surface area of the unit sphere S^k in R^{k+1},
       omega_k = 2 pi^{(k+1)/2} / Gamma((k+1)/2),
   so omega_0 = 2, omega_1 = 2 pi, omega_2 = 4 pi.  A cap S(c, theta) of
   S^{d-1} (unit vectors at angle at most theta from c) has area
       omega_{d-2} int_0^theta sin^{d-2}(xi) dxi,
   and as a fraction of the sphere
       F_d(theta) = (1/2) I_{sin^2 theta}((d-1)/2, 1/2)   (theta <= pi/2),
       F_d(theta) = 1 - F_d(pi - theta)                   (theta >= pi/2),
   with I the regularised incomplete beta function (notation sheet,
   "caps").  Near theta = pi/2 the sine form loses accuracy (I_z near
   z = 1), so there the odd form in c = cos theta is used instead:
       F_d = 1/2 - R(d) c 2F1(1/2, (3-d)/2; 3/2; c^2),
   where R(d) = omega_{d-2}/omega_{d-1} = 1/B((d-1)/2, 1/2), because
   d/dc [c 2F1(1/2, 1-a; 3/2; c^2)] = (1 - c^2)^{a-1} with a = (d-1)/2.

   Every function encloses the exact value for every point of its input
   balls (angles are taken in [0, pi]; a ball that pokes out of [0, pi]
   is answered for its points inside).  Nothing is decided here. */
#ifndef SPHERE_H
#define SPHERE_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* omega_k, the area of S^k. */
    void sphere_omega(arb_t res, ulong k, slong prec);

    /* R(d) = omega_{d-2} / omega_{d-1} = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2))
   for d >= 2 (R(2) = 1/pi, R(3) = 1/2), from the Gamma function. */
    void sphere_omega_ratio(arb_t res, ulong d, slong prec);

    /* The same ratio by the exact recurrence R(d + 2) = R(d) d / (d - 1)
   from R(2) = 1/pi, R(3) = 1/2: an independent evaluation used to
   cross-check sphere_omega_ratio.  Sets R[i] = R(i) for 2 <= i <= dmax
   (R[0], R[1] untouched; R has dmax + 1 entries). */
    void sphere_omega_ratio_table(arb_ptr R, ulong dmax, slong prec);

    /* F_d(theta): the fraction of S^{d-1} in a cap of angular radius theta,
   theta in [0, pi], d >= 2. */
    void sphere_cap_fraction(arb_t res, const arb_t theta, ulong d, slong prec);

    /* The same fraction for the cap {u : <u, c> >= cos_theta}, given the
   cosine of the angle, cos_theta in [-1, 1].  Exact for exact input up
   to the enclosure of the special functions; used when the angle is
   defined through its cosine (Lemma 7: cos theta = 1 - delta^2 / 2). */
    void sphere_cap_fraction_cos(arb_t res, const arb_t cos_theta, ulong d, slong prec);

    /* Area of the cap, omega_{d-2} int_0^theta sin^{d-2}. */
    void sphere_cap_area(arb_t res, const arb_t theta, ulong d, slong prec);

    /* int_0^theta sin^k(xi) dxi for theta in [0, pi], k >= 0, through the
   incomplete beta function: it equals F_{k+2}(theta) B((k+1)/2, 1/2). */
    void sphere_sinpow_integral(arb_t res, const arb_t theta, ulong k, slong prec);

    /* The same integral by rigorous numerical integration of sin^k over
   [0, theta] (acb_calc_integrate) for an exact (or narrow) theta;
   returns 0 on success, -1 if the integrator did not converge (res is
   then indeterminate).  The ball's radius is added outward
   (|d/dtheta| <= 1). */
    int sphere_sinpow_integral_quad(arb_t res, const arb_t theta, ulong k, slong prec);

    /* Closed forms of F_d for d = 2, 3, 4: theta/pi, (1 - cos theta)/2,
   (theta - sin theta cos theta)/pi.  Returns 0 (res set) or -1 for other
   d. */
    int sphere_cap_fraction_closed(arb_t res, const arb_t theta, ulong d, slong prec);

    /* Claim 1's lower bound of the cap fraction, sin^{d-1}(theta) / (pi (d-1)),
   d >= 2 (B.5). */
    void sphere_cap_lower_bound(arb_t res, const arb_t theta, ulong d, slong prec);

    /* sin(x) on a ball x inside [0, pi], knowing it is >= 0 there: the
   negative part an enclosure may carry near 0 or pi is cut off. */
    void sphere_sin_nonneg(arb_t res, const arb_t x, slong prec);

#ifdef __cplusplus
}
#endif

#endif

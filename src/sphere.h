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
   is answered for its points inside).  Nothing is decided here, except
   the exact sign test of a ball (sphere_ball_sign_constant_fmpq).

   Files: sphere.c (areas and caps), sphere_chord.c (Lemma 7 of the
   paper), sphere_band.c (Lemma 8 and Claim 2). */
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

    /* ---------------------------------------- chords and bands of caps */

    /* Lemma 7 of Theorem 3 (B.5), as reconstructed: a neuron (w, v) with w
   uniform on S^{r-1} and a fair output sign matches a target (w*, v*),
   |w*| = 1, when sign v = sign v* and the chord |w - w*| <= delta, i.e.
   the angle is at most theta = 2 arcsin(delta/2).  For rho = delta^2 in
   (0, 4] and r >= 2 (cos theta = 1 - rho/2, exact), encloses
       F_r(theta) / 2,
   the probability of the match (sphere_chord_prob, from
   sphere_cap_fraction_cos), and Claim 1's lower bound of it,
       p = (sqrt(rho) sqrt(1 - rho/4))^{r-1} / (2 pi (r - 1))
   (sphere_chord_prob_lower: sin theta = sqrt(rho) sqrt(1 - rho/4) in
   sphere_cap_lower_bound), Theorem 3's p_eps at rho = eps/(n B)^2. */
    void sphere_chord_prob(arb_t res, ulong r, const fmpq_t rho, slong prec);
    void sphere_chord_prob_lower(arb_t res, ulong r, const fmpq_t rho, slong prec);

    /* Lemma 8 and Claim 2 of Theorem 5 (B.7).  A direction w != 0 is noisy
   for the ball B(c, delta), rho = delta/|c| < 1, when sign <w, x> is not
   constant on the ball.  Because min and max of <w, x> over the ball
   are <w, c> -+ delta |w| (Cauchy-Schwarz), the sign is constant iff
   |<w, c>| > delta |w|, i.e. iff the angle between w and c lies outside
   the closed band [pi/2 - arcsin rho, pi/2 + arcsin rho].

   sphere_ball_sign_constant_fmpq returns 1 iff <w, c>^2 > delta2 |w|^2
   (delta2 = delta^2 >= 0; w, c in Q^d), else 0: the exact decision of
   the above. */
    int sphere_ball_sign_constant_fmpq(const fmpq *w, const fmpq *c, slong d, const fmpq_t delta2);

    /* Encloses band_d(rho) = 1 - 2 F_d(pi/2 - arcsin rho)
   = 1 - I_{1-rho^2}((d-1)/2, 1/2), the probability that a uniform
   direction of S^{d-1} is noisy for a ball with delta/|c| = rho in
   [0, 1], from the cosine form of the cap (sphere_cap_fraction_cos);
   d = 1 gives 0 when rho < 1 holds for the whole ball (S^0 = {+-1}),
   else an indeterminate ball. */
    void sphere_band_prob(arb_t res, ulong d, const arb_t rho, slong prec);

    /* The same by the angle form sphere_cap_fraction(pi/2 - arcsin rho), an
   independent route through the incomplete beta function. */
    void sphere_band_prob_angle(arb_t res, ulong d, const arb_t rho, slong prec);

    /* Encloses s_d = sqrt(2 pi) / (16 d sqrt d), d >= 1: Theorem 5's
   radius is rho_d = 2 sin s_d, and the paper's cap angle
   2 arcsin(rho_d / 2) is 2 s_d. */
    void sphere_band_radius_arg(arb_t res, ulong d, slong prec);

    /* Encloses Theorem 5's largest radius ratio rho_d = 2 sin(s_d). */
    void sphere_band_radius(arb_t res, ulong d, slong prec);

    /* Encloses Lemma 8's per-ball bound 1/(4 d) on band_d(rho_d), as
   reconstructed (lemma8.tex), d >= 1. */
    void sphere_band_bound(arb_t res, ulong d, slong prec);

#ifdef __cplusplus
}
#endif

#endif

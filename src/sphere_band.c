/* sphere_band.c -- the band around a great sphere and the noisy region of
   a ball (Lemma 8 and Claim 2 of Theorem 5, B.7; see sphere.h). */
#include "sphere.h"

int
sphere_ball_sign_constant_fmpq(const fmpq *w, const fmpq *c, slong d, const fmpq_t delta2)
{
    fmpq_t A, Q;
    slong i;
    int res;
    fmpq_init(A);
    fmpq_init(Q);
    for (i = 0; i < d; i++)
    {
        fmpq_addmul(A, w + i, c + i);
        fmpq_addmul(Q, w + i, w + i);
    }
    /* |<w, c>| > delta |w|  <=>  <w, c>^2 > delta^2 |w|^2 (both sides >= 0) */
    fmpq_mul(A, A, A);
    fmpq_mul(Q, Q, delta2);
    res = fmpq_cmp(A, Q) > 0;
    fmpq_clear(A);
    fmpq_clear(Q);
    return res;
}

void
sphere_band_prob(arb_t res, ulong d, const arb_t rho, slong prec)
{
    if (d == 1)
    {
        /* S^0 = {+-1}: |<u, c/|c|>| = 1 > rho, never noisy */
        arb_t one;
        arb_init(one);
        arb_one(one);
        if (arb_lt(rho, one))
            arb_zero(res);
        else
            arb_indeterminate(res);
        arb_clear(one);
        return;
    }
    /* P[|<u, chat>| <= rho] = 1 - 2 P[<u, chat> >= rho] (the boundary has
       measure 0) */
    sphere_cap_fraction_cos(res, rho, d, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
}

void
sphere_band_prob_angle(arb_t res, ulong d, const arb_t rho, slong prec)
{
    arb_t th;
    if (d == 1)
    {
        sphere_band_prob(res, d, rho, prec);
        return;
    }
    arb_init(th);
    arb_asin(th, rho, prec + 10);
    arb_const_pi(res, prec + 10);
    arb_mul_2exp_si(res, res, -1);
    arb_sub(th, res, th, prec + 10);
    sphere_cap_fraction(res, th, d, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
    arb_clear(th);
}

void
sphere_band_radius_arg(arb_t res, ulong d, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_const_pi(res, prec + 10);
    arb_mul_2exp_si(res, res, 1);
    arb_sqrt(res, res, prec + 10);
    arb_sqrt_ui(t, d, prec + 10);
    arb_mul_ui(t, t, 16 * d, prec + 10);
    arb_div(res, res, t, prec);
    arb_clear(t);
}

void
sphere_band_radius(arb_t res, ulong d, slong prec)
{
    sphere_band_radius_arg(res, d, prec + 10);
    arb_sin(res, res, prec + 10);
    arb_mul_2exp_si(res, res, 1);
    arb_set_round(res, res, prec);
}

void
sphere_band_bound(arb_t res, ulong d, slong prec)
{
    arb_one(res);
    arb_div_ui(res, res, 4 * d, prec);
}

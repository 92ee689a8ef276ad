/* sphere_chord.c -- the probability that a random signed direction lies
   within a chord of a target, and its lower bound (Lemma 7 of Theorem 3,
   B.5, as reconstructed; see sphere.h). */
#include "sphere.h"

void
sphere_chord_prob(arb_t res, ulong r, const fmpq_t rho, slong prec)
{
    fmpq_t c;
    arb_t cb;
    fmpq_init(c);
    arb_init(cb);
    /* theta = 2 arcsin(delta/2): cos theta = 1 - 2 sin^2(theta/2)
       = 1 - delta^2/2 = 1 - rho/2, an exact rational */
    fmpq_div_2exp(c, rho, 1);
    fmpq_sub_si(c, c, 1);
    fmpq_neg(c, c);
    arb_set_fmpq(cb, c, prec + 20);
    sphere_cap_fraction_cos(res, cb, r, prec);
    /* times P[sign(v_i) = sign(v_i*)] = 1/2 */
    arb_mul_2exp_si(res, res, -1);
    fmpq_clear(c);
    arb_clear(cb);
}

void
sphere_chord_prob_lower(arb_t res, ulong r, const fmpq_t rho, slong prec)
{
    fmpq_t b;
    arb_t t, s;
    slong wp = prec + 20;
    fmpq_init(b);
    arb_init(t);
    arb_init(s);
    /* (sqrt(rho) sqrt(1 - rho/4))^2 = rho (1 - rho/4), exact */
    fmpq_div_2exp(b, rho, 2);
    fmpq_sub_si(b, b, 1);
    fmpq_neg(b, b);
    fmpq_mul(b, b, rho);
    arb_set_fmpq(t, b, wp);
    if ((r - 1) % 2 == 0)
        arb_pow_ui(res, t, (r - 1) / 2, wp);
    else
    {
        arb_sqrt(s, t, wp);
        arb_pow_ui(res, t, (r - 2) / 2, wp);
        arb_mul(res, res, s, wp);
    }
    arb_const_pi(t, wp);
    arb_mul_ui(t, t, 2 * (r - 1), wp);
    arb_div(res, res, t, prec);
    fmpq_clear(b);
    arb_clear(t);
    arb_clear(s);
}

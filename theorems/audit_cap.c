/* audit_cap.c -- spherical caps: the constant 1/(2 pi (r-1)) of p_eps
   (Thm 3, Claim 1 in B.5) and the cluster radius
   2 sin(sqrt(2 pi) / (16 d sqrt d)) of Thm 5 (Lemma 8, Claims 2-3, B.7).

   The exact cap fraction of S^{d-1} within angle theta <= pi/2 of a pole
   is (1/2) I_{sin^2 theta}((d-1)/2, 1/2) (regularised incomplete beta,
   arb_hypgeom_beta_lower), so every inequality of the two chains can be
   compared with the exact quantity it bounds. */
#include "audit.h"

/* I_z(a, b) regularised, for a ball z in [0, 1]: I is increasing in z,
   so the values over the ball lie between those at its endpoints, which
   are exact (the endpoint 0 gives 0 exactly; arb would return nan for a
   ball touching 0 because of the factor z^a) */
static void
beta_reg_ball(arb_t out, const arb_t a, const arb_t b, const arb_t z, slong prec)
{
    arf_t lo, hi;
    arb_t x, v;
    arf_init(lo);
    arf_init(hi);
    arb_init(x);
    arb_init(v);
    arb_get_lbound_arf(lo, z, prec);
    arb_get_ubound_arf(hi, z, prec);
    /* z is known to lie in [0, 1]: clamp the endpoints (a ball's outward
       rounding can put them just outside) */
    if (arf_sgn(lo) < 0)
        arf_zero(lo);
    if (arf_cmp_si(hi, 1) > 0)
        arf_one(hi);
    if (arf_sgn(hi) < 0)
        arf_zero(hi);
    if (arf_is_zero(lo))
        arb_zero(v);
    else
    {
        arb_set_arf(x, lo);
        arb_hypgeom_beta_lower(v, a, b, x, 1, prec);
    }
    if (arf_is_zero(hi))
        arb_zero(out);
    else
    {
        arb_set_arf(x, hi);
        arb_hypgeom_beta_lower(out, a, b, x, 1, prec);
    }
    arb_union(out, out, v, prec);
    arf_clear(lo);
    arf_clear(hi);
    arb_clear(x);
    arb_clear(v);
}

void
audit_cap_fraction(arb_t out, ulong d, const arb_t theta, slong prec)
{
    arb_t a, b, z, half;
    arb_init(a);
    arb_init(b);
    arb_init(z);
    arb_init(half);
    arb_set_ui(a, d - 1);
    arb_mul_2exp_si(a, a, -1);
    arb_one(b);
    arb_mul_2exp_si(b, b, -1);
    arb_sin(z, theta, prec);
    arb_sqr(z, z, prec);
    arb_set(half, b);
    if (arb_le(z, half))
    {
        /* (1/2) I_{sin^2}((d-1)/2, 1/2): well conditioned away from z = 1 */
        beta_reg_ball(out, a, b, z, prec);
    }
    else
    {
        /* near theta = pi/2 the integrand (1-t)^{-1/2} is singular at
           z = 1, and a ball around sin^2 = 1 gives no enclosure; use
           I_z(a, b) = 1 - I_{1-z}(b, a) with 1 - z = cos^2 theta */
        arb_cos(z, theta, prec);
        arb_sqr(z, z, prec);
        beta_reg_ball(out, b, a, z, prec);
        arb_sub_ui(out, out, 1, prec);
        arb_neg(out, out);
    }
    arb_mul_2exp_si(out, out, -1);
    arb_clear(a);
    arb_clear(b);
    arb_clear(z);
    arb_clear(half);
}

void
audit_omega_ratio(arb_t out, ulong d, slong prec)
{
    /* omega_k = 2 pi^{(k+1)/2} / Gamma((k+1)/2), so
       omega_{d-2} / omega_{d-1} = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)) */
    arb_t x, g;
    arb_init(x);
    arb_init(g);
    arb_set_ui(x, d);
    arb_mul_2exp_si(x, x, -1);
    arb_gamma(out, x, prec);
    arb_set_ui(x, d - 1);
    arb_mul_2exp_si(x, x, -1);
    arb_gamma(g, x, prec);
    arb_div(out, out, g, prec);
    arb_const_sqrt_pi(g, prec);
    arb_div(out, out, g, prec);
    arb_clear(x);
    arb_clear(g);
}

void
audit_thm5_radius(arb_t out, ulong d, slong prec)
{
    arb_t t;
    arb_init(t);
    /* sqrt(2 pi) / (16 d sqrt d) */
    arb_const_pi(out, prec);
    arb_mul_2exp_si(out, out, 1);
    arb_sqrt(out, out, prec);
    arb_sqrt_ui(t, d, prec);
    arb_mul_ui(t, t, 16 * d, prec);
    arb_div(out, out, t, prec);
    arb_sin(out, out, prec);
    arb_mul_2exp_si(out, out, 1);
    arb_clear(t);
}

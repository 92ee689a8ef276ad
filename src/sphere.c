/* sphere.c -- omega_k and cap fractions of S^{d-1} in ball arithmetic.

   See sphere.h for the formulas.  The cap fraction is computed from the
   pair (c, s2) = (cos theta, sin^2 theta): the sine form for small caps
   and their complements, where I_z is evaluated far from z = 1 and the
   tiny fractions of small caps keep their relative accuracy, and the
   cosine form around theta = pi/2, where it is an analytic odd function
   of c evaluated at c^2 <= 1/2. */
#include "sphere.h"

#ifdef BC_ARB_IN_FLINT
#include <flint/acb.h>
#include <flint/acb_calc.h>
#else
#include <acb.h>
#include <acb_calc.h>
#endif

void
sphere_omega(arb_t res, ulong k, slong prec)
{
    arb_t p, g;
    fmpq_t q;
    slong wp = prec + 10;

    arb_init(p);
    arb_init(g);
    fmpq_init(q);
    /* pi^{(k+1)/2} as pi^m or pi^m sqrt(pi): no real power needed */
    arb_const_pi(p, wp);
    if ((k + 1) % 2 == 0)
        arb_pow_ui(p, p, (k + 1) / 2, wp);
    else
    {
        arb_t s;
        arb_init(s);
        arb_sqrt(s, p, wp);
        arb_pow_ui(p, p, k / 2, wp);
        arb_mul(p, p, s, wp);
        arb_clear(s);
    }
    fmpq_set_si(q, (slong) k + 1, 2);
    arb_gamma_fmpq(g, q, wp);
    arb_div(res, p, g, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_clear(p);
    arb_clear(g);
    fmpq_clear(q);
}

void
sphere_omega_ratio(arb_t res, ulong d, slong prec)
{
    arb_t g1, g2, s;
    fmpq_t q;
    slong wp = prec + 10;

    if (d < 2)
        flint_abort();
    arb_init(g1);
    arb_init(g2);
    arb_init(s);
    fmpq_init(q);
    fmpq_set_si(q, (slong) d, 2);
    arb_gamma_fmpq(g1, q, wp);
    fmpq_set_si(q, (slong) d - 1, 2);
    arb_gamma_fmpq(g2, q, wp);
    arb_const_sqrt_pi(s, wp);
    arb_mul(g2, g2, s, wp);
    arb_div(res, g1, g2, prec);
    arb_clear(g1);
    arb_clear(g2);
    arb_clear(s);
    fmpq_clear(q);
}

void
sphere_omega_ratio_table(arb_ptr R, ulong dmax, slong prec)
{
    ulong d;
    if (dmax < 2)
        return;
    arb_const_pi(R + 2, prec);
    arb_inv(R + 2, R + 2, prec);
    if (dmax >= 3)
    {
        arb_one(R + 3);
        arb_mul_2exp_si(R + 3, R + 3, -1);
    }
    /* R(d) = R(d - 2) (d - 2) / (d - 3): Gamma(x + 1) = x Gamma(x) twice */
    for (d = 4; d <= dmax; d++)
    {
        arb_mul_ui(R + d, R + d - 2, d - 2, prec);
        arb_div_ui(R + d, R + d, d - 3, prec);
    }
}

void
sphere_sin_nonneg(arb_t res, const arb_t x, slong prec)
{
    arb_sin(res, x, prec);
    arb_nonnegative_part(res, res);
}

/* x <- x intersected with [lo, 1], lo = -1 or 0: the caller knows the
   exact value lies there (a cosine, or a square of a sine or cosine), so
   the overhang of the enclosure is dropped before a hypergeometric
   function that is singular beyond 1 sees it. */
static void
_clamp_unit(arb_t x, int lo, slong prec)
{
    arb_t u;
    arb_init(u);
    if (lo == 0)
    {
        arb_one(u);
        arb_mul_2exp_si(u, u, -1);
        mag_one(arb_radref(u));
        mag_mul_2exp_si(arb_radref(u), arb_radref(u), -1);
    }
    else
    {
        arb_zero(u);
        mag_one(arb_radref(u));
    }
    if (!arb_intersection(x, x, u, prec))
        arb_indeterminate(x);
    arb_clear(u);
}

/* Sets res to f at every point of the ball x, for f increasing on the
   ball: evaluated at the two exact end points and joined.  Used for
   z -> I_z(a, 1/2) and c -> c 2F1(1/2, 1 - a; 3/2; c^2), both increasing
   (their derivatives are z^{a-1} (1 - z)^{-1/2} / B and (1 - c^2)^{a-1}).
   Besides giving tighter enclosures on wide balls, this keeps z^a away
   from balls that straddle 0, where the power is indeterminate. */
typedef void (*_mono_fn)(arb_t res, const arb_t x, const arb_t a, slong prec);

static void
_eval_increasing(arb_t res, _mono_fn f, const arb_t x, const arb_t a, slong lo, slong prec)
{
    arb_t e, v;
    if (arb_is_exact(x))
    {
        f(res, x, a, prec);
        return;
    }
    arb_init(e);
    arb_init(v);
    /* the end points, pulled back into [lo, 1], where the exact values lie
       (rounding of the mid-radius form may leave them a hair outside) */
    arb_get_lbound_arf(arb_midref(e), x, prec);
    if (arf_cmp_si(arb_midref(e), lo) < 0)
        arf_set_si(arb_midref(e), lo);
    f(v, e, a, prec);
    arb_get_ubound_arf(arb_midref(e), x, prec);
    if (arf_cmp_si(arb_midref(e), 1) > 0)
        arf_one(arb_midref(e));
    f(res, e, a, prec);
    arb_union(res, res, v, prec);
    arb_clear(e);
    arb_clear(v);
}

/* (1/2) I_z(a, 1/2) at an exact z in [0, 1] */
static void
_half_beta(arb_t res, const arb_t z, const arb_t a, slong prec)
{
    arb_t h;
    if (arb_is_zero(z))
    {
        arb_zero(res);
        return;
    }
    arb_init(h);
    arb_one(h);
    arb_mul_2exp_si(h, h, -1);
    arb_hypgeom_beta_lower(res, a, h, z, 1, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(h);
}

/* c 2F1(1/2, 1 - a; 3/2; c^2) at an exact c in [-1, 1] */
static void
_odd_cos(arb_t res, const arb_t c, const arb_t a, slong prec)
{
    arb_t h, b, t, z;
    arb_init(h);
    arb_init(b);
    arb_init(t);
    arb_init(z);
    arb_one(h);
    arb_mul_2exp_si(h, h, -1);
    arb_one(b);
    arb_sub(b, b, a, prec);
    arb_set_ui(t, 3);
    arb_mul_2exp_si(t, t, -1);
    arb_sqr(z, c, prec);
    arb_hypgeom_2f1(res, h, b, t, z, 0, prec);
    arb_mul(res, res, c, prec);
    arb_clear(h);
    arb_clear(b);
    arb_clear(t);
    arb_clear(z);
}

/* the sine form, c != 0 of known sign: (1/2) I_{s2}((d-1)/2, 1/2),
   complemented beyond pi/2 */
static void
_cap_fraction_sine(arb_t res, const arb_t c, const arb_t s2, const arb_t a, slong prec)
{
    arb_t t;
    slong wp = prec + 20;
    arb_init(t);
    _eval_increasing(t, _half_beta, s2, a, 0, wp);
    if (arb_is_positive(c))
        arb_set_round(res, t, prec);
    else
    {
        arb_sub_ui(res, t, 1, prec);
        arb_neg(res, res);
    }
    arb_clear(t);
}

/* the cosine form: 1/2 - R(d) c 2F1(1/2, 1 - a; 3/2; c^2) */
static void
_cap_fraction_cosine(arb_t res, const arb_t c, ulong d, const arb_t a, const arb_t half, slong prec)
{
    arb_t b, t, z;
    slong wp = prec + 20;
    arb_init(b);
    arb_init(t);
    arb_init(z);
    arb_set(b, c);
    _clamp_unit(b, -1, wp);
    _eval_increasing(t, _odd_cos, b, a, -1, wp);
    sphere_omega_ratio(z, d, wp);
    arb_mul(t, t, z, wp);
    arb_sub(res, half, t, prec);
    arb_clear(b);
    arb_clear(t);
    arb_clear(z);
}

/* res <- the intersection of res and t, two enclosures of the same cap
   fraction of S^{d-1}.  Only a finite ball encloses anything: for large d
   the 2F1 of the cosine form overflows to a non-finite ball (or NaN)
   while the sine form stays exact to many digits, and the intersection
   with a non-finite ball would lose the good one.  Two finite enclosures
   that are disjoint mean one of the forms is wrong: that is reported on
   stderr and the result is indeterminate (undecided for every caller),
   never hidden. */
static void
_join_enclosures(arb_t res, const arb_t t, ulong d, slong prec)
{
    if (!arb_is_finite(t))
        return;
    if (!arb_is_finite(res))
    {
        arb_set_round(res, t, prec);
        return;
    }
    if (!arb_intersection(res, res, t, prec))
    {
        fprintf(stderr,
                "basincheck: internal error: the sine and cosine forms of the cap fraction of S^%lu "
                "are disjoint enclosures at %ld bits; the fraction is reported as undecided\n",
                (unsigned long) (d - 1), (long) prec);
        arb_indeterminate(res);
    }
}

/* F_d from c = cos theta and s2 = sin^2 theta (both balls, consistent). */
static void
_sphere_cap_fraction_cs(arb_t res, const arb_t c, const arb_t s2, ulong d, slong prec)
{
    arb_t a, half, t;

    if (d < 2)
        flint_abort();
    /* the two ends exactly: the empty cap and the whole sphere */
    if (arb_is_zero(s2) && arb_is_exact(c) && !arb_is_zero(c))
    {
        if (arb_is_positive(c))
            arb_zero(res);
        else
            arb_one(res);
        return;
    }

    arb_init(a);
    arb_init(half);
    arb_init(t);
    arb_set_ui(a, d - 1);
    arb_mul_2exp_si(a, a, -1);
    arb_one(half);
    arb_mul_2exp_si(half, half, -1);

    if (arb_le(s2, half) && (arb_is_positive(c) || arb_is_negative(c)))
    {
        _cap_fraction_sine(res, c, s2, a, prec);
    }
    else
    {
        _cap_fraction_cosine(res, c, d, a, half, prec);
        /* Off pi/2 the cosine form has only absolute accuracy: a cap far
           smaller than the half sphere (large d) is the difference of two
           nearly equal numbers.  The sine form keeps relative accuracy
           there; both are enclosures, so their intersection is one. */
        if (arb_is_positive(c) || arb_is_negative(c))
        {
            _cap_fraction_sine(t, c, s2, a, prec);
            _join_enclosures(res, t, d, prec);
        }
    }
    /* a fraction: the exact value is in [0, 1] */
    _clamp_unit(res, 0, prec);

    arb_clear(a);
    arb_clear(half);
    arb_clear(t);
}

/* F_d at a point theta (an exact or narrow ball) */
static void
_cap_fraction_point(arb_t res, const arb_t theta, ulong d, slong prec)
{
    arb_t c, s2;
    slong wp = prec + 10;

    arb_init(c);
    arb_init(s2);
    arb_cos(c, theta, wp);
    _clamp_unit(c, -1, wp);
    /* sin^2 from sin itself (not 1 - cos^2): keeps the relative accuracy
       of small caps, whose fraction is ~ theta^{d-1} */
    sphere_sin_nonneg(s2, theta, wp);
    arb_sqr(s2, s2, wp);
    _clamp_unit(s2, 0, wp);
    _sphere_cap_fraction_cs(res, c, s2, d, prec);
    arb_clear(c);
    arb_clear(s2);
}

void
sphere_cap_fraction(arb_t res, const arb_t theta, ulong d, slong prec)
{
    arb_t e, v, pi;

    if (arb_is_exact(theta))
    {
        _cap_fraction_point(res, theta, d, prec);
        return;
    }
    /* F_d is increasing in theta on [0, pi]: the values at the two end
       points of the ball bound it (a ball is never fed whole to the
       hypergeometric functions, whose enclosures on wide arguments are
       loose or indeterminate).  Ends outside [0, pi] are replaced by the
       values at 0 and pi, 0 and 1. */
    arb_init(e);
    arb_init(v);
    arb_init(pi);
    arb_get_lbound_arf(arb_midref(e), theta, prec);
    if (arf_sgn(arb_midref(e)) <= 0)
        arb_zero(v);
    else
        _cap_fraction_point(v, e, d, prec);
    arb_get_ubound_arf(arb_midref(e), theta, prec);
    arb_const_pi(pi, prec + 10);
    if (arb_lt(e, pi))
        _cap_fraction_point(res, e, d, prec);
    else
        arb_one(res);
    arb_union(res, res, v, prec);
    arb_clear(e);
    arb_clear(v);
    arb_clear(pi);
}

/* F_d at a point c = cos theta (an exact or narrow ball) */
static void
_cap_fraction_cos_point(arb_t res, const arb_t cos_theta, ulong d, slong prec)
{
    arb_t c, s2;
    slong wp = prec + 10;

    arb_init(c);
    arb_init(s2);
    arb_set(c, cos_theta);
    _clamp_unit(c, -1, wp);
    /* 1 - c^2 = (1 - c)(1 + c): no cancellation beyond that of 1 - c */
    arb_sub_ui(s2, c, 1, wp);
    arb_neg(s2, s2);
    arb_add_ui(c, c, 1, wp);
    arb_mul(s2, s2, c, wp);
    arb_set(c, cos_theta);
    _clamp_unit(c, -1, wp);
    _clamp_unit(s2, 0, wp);
    _sphere_cap_fraction_cs(res, c, s2, d, prec);
    arb_clear(c);
    arb_clear(s2);
}

void
sphere_cap_fraction_cos(arb_t res, const arb_t cos_theta, ulong d, slong prec)
{
    arb_t e, v;

    if (arb_is_exact(cos_theta))
    {
        _cap_fraction_cos_point(res, cos_theta, d, prec);
        return;
    }
    /* decreasing in c: the end points bound it, clamped to [-1, 1] */
    arb_init(e);
    arb_init(v);
    arb_get_lbound_arf(arb_midref(e), cos_theta, prec);
    if (arf_cmp_si(arb_midref(e), -1) <= 0)
        arb_one(v);
    else
        _cap_fraction_cos_point(v, e, d, prec);
    arb_get_ubound_arf(arb_midref(e), cos_theta, prec);
    if (arf_cmp_si(arb_midref(e), 1) >= 0)
        arb_zero(res);
    else
        _cap_fraction_cos_point(res, e, d, prec);
    arb_union(res, res, v, prec);
    arb_clear(e);
    arb_clear(v);
}

void
sphere_cap_area(arb_t res, const arb_t theta, ulong d, slong prec)
{
    arb_t w;
    arb_init(w);
    sphere_cap_fraction(res, theta, d, prec + 10);
    sphere_omega(w, d - 1, prec + 10);
    arb_mul(res, res, w, prec);
    arb_clear(w);
}

void
sphere_sinpow_integral(arb_t res, const arb_t theta, ulong k, slong prec)
{
    arb_t r;
    arb_init(r);
    /* int_0^theta sin^k = F_{k+2}(theta) int_0^pi sin^k
                         = F_{k+2}(theta) / R(k+2) */
    sphere_cap_fraction(res, theta, k + 2, prec + 10);
    sphere_omega_ratio(r, k + 2, prec + 10);
    arb_div(res, res, r, prec);
    arb_clear(r);
}

/* sin(z)^k on the complex plane: entire, so no branch checks are needed
   whatever order the integrator asks for. */
static int
_sinpow_integrand(acb_ptr out, const acb_t z, void *param, slong order, slong prec)
{
    ulong k = *(const ulong *) param;
    (void) order;
    acb_sin(out, z, prec);
    acb_pow_ui(out, out, k, prec);
    return 0;
}

int
sphere_sinpow_integral_quad(arb_t res, const arb_t theta, ulong k, slong prec)
{
    acb_t a, b, s;
    mag_t tol;
    acb_calc_integrate_opt_t opt;
    int status;
    ulong kk = k;

    acb_init(a);
    acb_init(b);
    acb_init(s);
    mag_init(tol);
    acb_calc_integrate_opt_init(opt);
    acb_zero(a);
    arb_set_arf(acb_realref(b), arb_midref(theta));
    mag_set_ui_2exp_si(tol, 1, -prec);
    status = acb_calc_integrate(s, _sinpow_integrand, &kk, a, b, prec, tol, opt, prec + 10);
    /* the real part over a real interval; the imaginary part is 0 */
    arb_set(res, acb_realref(s));
    /* the radius of theta: |d/dtheta int_0^theta sin^k| = |sin^k| <= 1 */
    arb_add_error_mag(res, arb_radref(theta));
    acb_clear(a);
    acb_clear(b);
    acb_clear(s);
    mag_clear(tol);
    if (status != ARB_CALC_SUCCESS || !arb_is_finite(res))
    {
        arb_indeterminate(res);
        return -1;
    }
    return 0;
}

int
sphere_cap_fraction_closed(arb_t res, const arb_t theta, ulong d, slong prec)
{
    arb_t t, u;
    slong wp = prec + 10;

    if (d < 2 || d > 4)
        return -1;
    arb_init(t);
    arb_init(u);
    if (d == 2)
    {
        arb_const_pi(t, wp);
        arb_div(res, theta, t, prec);
    }
    else if (d == 3)
    {
        arb_cos(t, theta, wp);
        arb_sub_ui(t, t, 1, wp);
        arb_neg(t, t);
        arb_mul_2exp_si(res, t, -1);
    }
    else
    {
        arb_sin_cos(t, u, theta, wp);
        arb_mul(t, t, u, wp);
        arb_sub(t, theta, t, wp);
        arb_const_pi(u, wp);
        arb_div(res, t, u, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return 0;
}

void
sphere_cap_lower_bound(arb_t res, const arb_t theta, ulong d, slong prec)
{
    arb_t s, p;
    slong wp = prec + 10;

    if (d < 2)
        flint_abort();
    arb_init(s);
    arb_init(p);
    sphere_sin_nonneg(s, theta, wp);
    arb_pow_ui(s, s, d - 1, wp);
    arb_const_pi(p, wp);
    arb_mul_ui(p, p, d - 1, wp);
    arb_div(res, s, p, prec);
    arb_clear(s);
    arb_clear(p);
}

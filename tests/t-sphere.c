/* t-sphere.c -- omega_k and cap fractions against independent values:
   omega_0 = 2, omega_1 = 2 pi, omega_2 = 4 pi, omega_3 = 2 pi^2 and the
   recurrence omega_{k+2} = 2 pi omega_k / (k + 1); the incomplete-beta
   cap fractions against the closed forms for d = 2, 3, 4 (the closed
   form at 4x the precision must lie inside the beta enclosure) and
   against rigorous numerical integration of sin^{d-2}; symmetry, the
   cosine interface, the Gamma ratio against its recurrence, and wide
   balls containing their points.  Lemma 8's band against its closed
   forms for d = 2, 3, 4 (MPFR), the stated radius and the bound against
   MPFR, the exact sign test of a ball against the extremes of <w, x>
   over it; Lemma 7's chord probability against the closed forms of the
   cap for r = 2, 3, 4 and its lower bound against its formula (MPFR). */
#include <math.h>
#include <mpfr.h>

#include "rng.h"
#include "sphere.h"
#include "testutil.h"

#define PREC 128

static void
random_angle(arb_t th, rng_t r, double top)
{
    arb_set_d(th, top * rng_uniform(r));
}

static void
test_omega_known(void)
{
    arb_t w, e, pi;
    ulong k;
    arb_init(w);
    arb_init(e);
    arb_init(pi);
    arb_const_pi(pi, 4 * PREC);

    sphere_omega(w, 0, PREC);
    arb_set_ui(e, 2);
    CU_ASSERT(arb_contains(w, e));
    sphere_omega(w, 1, PREC);
    arb_mul_ui(e, pi, 2, 4 * PREC);
    CU_ASSERT(arb_contains(w, e));
    sphere_omega(w, 2, PREC);
    arb_mul_ui(e, pi, 4, 4 * PREC);
    CU_ASSERT(arb_contains(w, e));
    sphere_omega(w, 3, PREC);
    arb_sqr(e, pi, 4 * PREC);
    arb_mul_ui(e, e, 2, 4 * PREC);
    CU_ASSERT(arb_contains(w, e));
    CU_ASSERT(arb_rel_accuracy_bits(w) > PREC - 10);

    /* omega_{k+2} = 2 pi omega_k / (k + 1) */
    for (k = 0; k < 60; k++)
    {
        arb_t w2;
        arb_init(w2);
        sphere_omega(w, k, PREC);
        sphere_omega(w2, k + 2, PREC);
        arb_mul(e, w, pi, PREC);
        arb_mul_ui(e, e, 2, PREC);
        arb_div_ui(e, e, k + 1, PREC);
        if (!arb_overlaps(e, w2))
            TEST_REPORT("omega recurrence", "k = %lu", k);
        CU_ASSERT(arb_overlaps(e, w2));
        arb_clear(w2);
    }
    arb_clear(w);
    arb_clear(e);
    arb_clear(pi);
}

static void
test_ratio(void)
{
    ulong d, dmax = 600;
    arb_ptr T = _arb_vec_init(dmax + 1);
    arb_t r, e;
    arb_init(r);
    arb_init(e);
    sphere_omega_ratio_table(T, dmax, PREC);
    for (d = 2; d <= dmax; d++)
    {
        sphere_omega_ratio(r, d, PREC);
        if (!arb_overlaps(r, T + d))
            TEST_REPORT("omega ratio: Gamma vs recurrence", "d = %lu", d);
        CU_ASSERT(arb_overlaps(r, T + d));
        if (d < 40)
        {
            /* against the areas themselves */
            arb_t a, b;
            arb_init(a);
            arb_init(b);
            sphere_omega(a, d - 2, PREC);
            sphere_omega(b, d - 1, PREC);
            arb_div(a, a, b, PREC);
            CU_ASSERT(arb_overlaps(a, r));
            arb_clear(a);
            arb_clear(b);
        }
    }
    /* R(2) = 1/pi, R(3) = 1/2 */
    arb_const_pi(e, 4 * PREC);
    arb_inv(e, e, 4 * PREC);
    sphere_omega_ratio(r, 2, PREC);
    CU_ASSERT(arb_contains(r, e));
    arb_one(e);
    arb_mul_2exp_si(e, e, -1);
    sphere_omega_ratio(r, 3, PREC);
    CU_ASSERT(arb_contains(r, e));
    _arb_vec_clear(T, dmax + 1);
    arb_clear(r);
    arb_clear(e);
}

static void
test_closed_forms(void)
{
    slong it, n = test_iters(200);
    ulong d;
    rng_t r;
    arb_t th, f, c;
    arb_init(th);
    arb_init(f);
    arb_init(c);
    rng_init(r, test_seed(), rng_stream_id("t-sphere/closed"), 0);
    for (it = 0; it < n; it++)
    {
        /* a mix of small angles (relative accuracy), generic ones, and
           angles near pi/2 (where the cosine form takes over) */
        if (it % 4 == 0)
            arb_set_d(th, ldexp(rng_uniform(r), -(int) rng_below(r, 40)));
        else if (it % 4 == 1)
            arb_set_d(th, 1.5707963267948966 + 1e-3 * (rng_uniform(r) - 0.5));
        else
            random_angle(th, r, 3.141592653589793);
        for (d = 2; d <= 4; d++)
        {
            sphere_cap_fraction(f, th, d, PREC);
            sphere_cap_fraction_closed(c, th, d, 4 * PREC);
            if (!arb_contains(f, c) || arb_rel_accuracy_bits(f) < PREC / 2)
            {
                char *a = bc_arb_str(th, 20), *b = bc_arb_str(f, 30), *e = bc_arb_str(c, 30);
                TEST_REPORT("cap fraction vs closed form", "d = %lu, theta = %s: beta %s, closed %s", d, a, b,
                            e);
                flint_free(a);
                flint_free(b);
                flint_free(e);
            }
            CU_ASSERT(arb_contains(f, c));
            CU_ASSERT(arb_rel_accuracy_bits(f) >= PREC / 2);
        }
    }
    CU_ASSERT_EQUAL(sphere_cap_fraction_closed(c, th, 5, PREC), -1);
    arb_clear(th);
    arb_clear(f);
    arb_clear(c);
}

static void
test_quadrature(void)
{
    slong it, n = test_iters(30);
    rng_t r;
    arb_t th, b, q;
    arb_init(th);
    arb_init(b);
    arb_init(q);
    rng_init(r, test_seed(), rng_stream_id("t-sphere/quad"), 0);
    for (it = 0; it < n; it++)
    {
        ulong k = rng_below(r, 60);
        random_angle(th, r, 3.141592653589793);
        sphere_sinpow_integral(b, th, k, PREC);
        CU_ASSERT_EQUAL(sphere_sinpow_integral_quad(q, th, k, PREC), 0);
        if (!arb_overlaps(b, q) || arb_rel_accuracy_bits(q) < PREC / 2)
        {
            char *a = bc_arb_str(th, 20), *s1 = bc_arb_str(b, 30), *s2 = bc_arb_str(q, 30);
            TEST_REPORT("int sin^k: beta vs quadrature", "k = %lu, theta = %s: beta %s, quad %s", k, a, s1,
                        s2);
            flint_free(a);
            flint_free(s1);
            flint_free(s2);
        }
        CU_ASSERT(arb_overlaps(b, q));
        CU_ASSERT(arb_rel_accuracy_bits(q) >= PREC / 2);
        CU_ASSERT(arb_rel_accuracy_bits(b) >= PREC / 2);
    }
    arb_clear(th);
    arb_clear(b);
    arb_clear(q);
}

static void
test_symmetry_and_ends(void)
{
    slong it, n = test_iters(50);
    rng_t r;
    arb_t th, u, f, g, e, pi;
    ulong d;
    arb_init(th);
    arb_init(u);
    arb_init(f);
    arb_init(g);
    arb_init(e);
    arb_init(pi);
    arb_const_pi(pi, PREC);
    rng_init(r, test_seed(), rng_stream_id("t-sphere/sym"), 0);
    for (it = 0; it < n; it++)
    {
        d = 2 + rng_below(r, 300);
        random_angle(th, r, 3.141592653589793);
        arb_sub(u, pi, th, PREC);
        sphere_cap_fraction(f, th, d, PREC);
        sphere_cap_fraction(g, u, d, PREC);
        arb_add(f, f, g, PREC);
        arb_one(e);
        CU_ASSERT(arb_contains(f, e));
        /* the cosine interface agrees */
        sphere_cap_fraction(f, th, d, PREC);
        arb_cos(u, th, PREC);
        sphere_cap_fraction_cos(g, u, d, PREC);
        CU_ASSERT(arb_overlaps(f, g));
        /* Claim 1's bound is below the fraction (B.5) */
        sphere_cap_lower_bound(g, th, d, PREC);
        CU_ASSERT(arb_le(g, f));
    }
    for (d = 2; d <= 400; d += 37)
    {
        arb_zero(th);
        sphere_cap_fraction(f, th, d, PREC);
        CU_ASSERT(arb_is_zero(f));
        arb_one(u);
        arb_neg(u, u);
        sphere_cap_fraction_cos(f, u, d, PREC);
        CU_ASSERT(arb_is_one(f));
        arb_mul_2exp_si(th, pi, -1);
        sphere_cap_fraction(f, th, d, PREC);
        arb_one(e);
        arb_mul_2exp_si(e, e, -1);
        CU_ASSERT(arb_contains(f, e));
        CU_ASSERT(arb_rel_accuracy_bits(f) > PREC - 20);
        sphere_cap_fraction(f, pi, d, PREC);
        arb_one(e);
        CU_ASSERT(arb_contains(f, e));
        /* the cap area of the whole sphere is omega_{d-1} */
        sphere_cap_area(f, pi, d, PREC);
        sphere_omega(g, d - 1, PREC);
        CU_ASSERT(arb_overlaps(f, g));
    }
    arb_clear(th);
    arb_clear(u);
    arb_clear(f);
    arb_clear(g);
    arb_clear(e);
    arb_clear(pi);
}

/* an enclosure on a wide ball contains the values at its points */
static void
test_wide_balls(void)
{
    slong it, n = test_iters(40);
    rng_t r;
    arb_t x, p, fx, fp;
    arb_init(x);
    arb_init(p);
    arb_init(fx);
    arb_init(fp);
    rng_init(r, test_seed(), rng_stream_id("t-sphere/wide"), 0);
    for (it = 0; it < n; it++)
    {
        ulong d = 2 + rng_below(r, 100);
        double c = 3.1 * rng_uniform(r), w = 0.5 * rng_uniform(r), t;
        slong j;
        if (c - w < 0)
            w = c;
        if (c + w > 3.14)
            w = 3.14 - c;
        arb_set_d(x, c);
        mag_set_d(arb_radref(x), w);
        sphere_cap_fraction(fx, x, d, PREC);
        CU_ASSERT(arb_is_finite(fx));
        for (j = 0; j < 5; j++)
        {
            t = c + w * (2.0 * rng_uniform(r) - 1.0);
            arb_set_d(p, t);
            sphere_cap_fraction(fp, p, d, PREC);
            if (!arb_contains(fx, fp))
                TEST_REPORT("wide ball contains its points", "d = %lu, ball %.17g +/- %.17g, point %.17g", d,
                            c, w, t);
            CU_ASSERT(arb_contains(fx, fp));
        }
    }
    arb_clear(x);
    arb_clear(p);
    arb_clear(fx);
    arb_clear(fp);
}

/* Large d against an elementary oracle.  For 0 < theta < pi/2 and
   k = d - 2, integrating by parts with sin^k = (sin^k cos) / cos,
     int_0^theta sin^k = sin^{k+1} theta / ((k+1) cos theta) - E,
     0 <= E <= tan^2(theta) / (k+3) * sin^{k+1} theta / ((k+1) cos theta)
   (the remainder is int sin^{k+2} / ((k+1) cos^2), bounded by the same
   identity at k + 2), so with M = R(d) sin^{d-1} theta / ((d-1) cos theta)
     M (1 - tan^2(theta) / (d+1)) <= F_d(theta) <= M,
   R(d) = exp(lgamma(d/2) - lgamma((d-1)/2)) / sqrt(pi) by the log-Gamma
   function (not the Gamma route of sphere_omega_ratio).  For d = 10^5,
   theta = 1 the interval is 2.4e-5 wide relative to F ~ 2.3e-7499.  Then
   near pi/2, where the cosine form takes over, the complement symmetry
   F(theta) + F(pi - theta) = 1 and rigorous quadrature of sin^{d-2}. */
/* R(d) = omega_{d-2}/omega_{d-1} = exp(lgamma(d/2) - lgamma((d-1)/2)) / sqrt(pi) */
static void
ratio_lgamma(arb_t R, ulong d, slong prec)
{
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    arb_set_ui(t, d);
    arb_mul_2exp_si(t, t, -1);
    arb_lgamma(R, t, prec);
    arb_set_ui(t, d - 1);
    arb_mul_2exp_si(t, t, -1);
    arb_lgamma(u, t, prec);
    arb_sub(R, R, u, prec);
    arb_exp(R, R, prec);
    arb_const_sqrt_pi(u, prec);
    arb_div(R, R, u, prec);
    arb_clear(t);
    arb_clear(u);
}

static void
test_large_d(void)
{
    static const ulong ds[] = {2000, 50000, 100000, 300000, 1000000};
    static const double ths[] = {0.5, 1.0, 1.2, 1.4};
    size_t i, j;
    arb_t th, f, M, lo, t, u, pi;
    arb_init(th);
    arb_init(f);
    arb_init(M);
    arb_init(lo);
    arb_init(t);
    arb_init(u);
    arb_init(pi);
    arb_const_pi(pi, 2 * PREC);
    for (i = 0; i < sizeof ds / sizeof ds[0]; i++)
        for (j = 0; j < sizeof ths / sizeof ths[0]; j++)
        {
            ulong d = ds[i];
            arb_set_d(th, ths[j]);
            sphere_cap_fraction(f, th, d, PREC);
            /* the oracle at twice the precision */
            ratio_lgamma(M, d, 2 * PREC);
            arb_sin(t, th, 2 * PREC);
            arb_pow_ui(t, t, d - 1, 2 * PREC);
            arb_mul(M, M, t, 2 * PREC);
            arb_cos(u, th, 2 * PREC);
            arb_div(M, M, u, 2 * PREC);
            arb_div_ui(M, M, d - 1, 2 * PREC);
            arb_tan(t, th, 2 * PREC);
            arb_sqr(t, t, 2 * PREC);
            arb_div_ui(t, t, d + 1, 2 * PREC);
            arb_sub_ui(t, t, 1, 2 * PREC);
            arb_neg(t, t);
            arb_mul(lo, M, t, 2 * PREC);
            /* F in [lo, M]: the hull, then overlap */
            arb_union(t, lo, M, 2 * PREC);
            if (!arb_is_finite(f) || arb_rel_accuracy_bits(f) < 60 || !arb_overlaps(f, t))
            {
                char *a = arb_get_str(f, 20, 0), *b = arb_get_str(lo, 20, 0), *c = arb_get_str(M, 20, 0);
                TEST_REPORT("large-d cap fraction within the integration-by-parts bounds",
                            "d = %lu, theta = %.17g: F = %s, oracle [%s, %s]", d, ths[j], a, b, c);
                flint_free(a);
                flint_free(b);
                flint_free(c);
            }
            CU_ASSERT(arb_is_finite(f));
            CU_ASSERT(arb_rel_accuracy_bits(f) >= 60);
            CU_ASSERT(arb_overlaps(f, t));
        }
    /* near pi/2: the cosine form, which overflowed for large d */
    for (i = 0; i < sizeof ds / sizeof ds[0]; i++)
    {
        static const double nh[] = {1.5, 1.57, 1.5707};
        for (j = 0; j < sizeof nh / sizeof nh[0]; j++)
        {
            ulong d = ds[i];
            arb_set_d(th, nh[j]);
            sphere_cap_fraction(f, th, d, PREC);
            arb_sub(u, pi, th, 2 * PREC);
            sphere_cap_fraction(M, u, d, PREC);
            arb_add(t, f, M, PREC);
            arb_one(u);
            if (!arb_is_finite(f) || !arb_contains(t, u) || arb_rel_accuracy_bits(t) < 60)
                TEST_REPORT("F(theta) + F(pi - theta) = 1", "d = %lu, theta = %.17g", d, nh[j]);
            CU_ASSERT(arb_is_finite(f));
            CU_ASSERT(arb_contains(t, u));
            CU_ASSERT(arb_rel_accuracy_bits(t) >= 60);
        }
    }
    /* quadrature at d = 50000, theta = 1.57 (F ~ 0.43): F = R(d) int sin^{d-2} */
    arb_set_d(th, 1.57);
    sphere_cap_fraction(f, th, 50000, PREC);
    CU_ASSERT_FATAL(sphere_sinpow_integral_quad(t, th, 50000 - 2, PREC) == 0);
    ratio_lgamma(M, 50000, 2 * PREC);
    arb_mul(t, t, M, PREC);
    if (!arb_overlaps(f, t) || arb_rel_accuracy_bits(f) < 60)
        TEST_REPORT("cap fraction vs quadrature, d = 50000", "theta = 1.57");
    CU_ASSERT(arb_overlaps(f, t));
    CU_ASSERT(arb_rel_accuracy_bits(f) >= 60);
    arb_clear(th);
    arb_clear(f);
    arb_clear(M);
    arb_clear(lo);
    arb_clear(t);
    arb_clear(u);
    arb_clear(pi);
}

/* The boundary itself: c = (3, 4), delta = 3, w = (1, 0) has <w, c> = 3 =
   delta |w|, and x = (0, 4) in the closed ball gives <w, x> = 0: noisy. */
static void
test_ball_sign_boundary(void)
{
    fmpq w[2], c[2];
    fmpq_t d2;
    fmpq_init(w + 0);
    fmpq_init(w + 1);
    fmpq_init(c + 0);
    fmpq_init(c + 1);
    fmpq_init(d2);
    fmpq_set_si(w + 0, 1, 1);
    fmpq_set_si(c + 0, 3, 1);
    fmpq_set_si(c + 1, 4, 1);
    fmpq_set_si(d2, 9, 1);
    CU_ASSERT_EQUAL(sphere_ball_sign_constant_fmpq(w, c, 2, d2), 0);
    fmpq_set_si(d2, 8, 1);
    CU_ASSERT_EQUAL(sphere_ball_sign_constant_fmpq(w, c, 2, d2), 1);
    fmpq_clear(w + 0);
    fmpq_clear(w + 1);
    fmpq_clear(c + 0);
    fmpq_clear(c + 1);
    fmpq_clear(d2);
}

/* band_d(rho) against closed forms: d = 2: 2 asin(rho)/pi (two arcs of
   half-width asin rho on the circle); d = 3: rho (Archimedes: the zone
   |z| <= rho of the unit sphere has area 4 pi rho); d = 4:
   2 (asin rho + rho sqrt(1 - rho^2))/pi.  Evaluated with MPFR. */
static void
closed_band(mpfr_t res, ulong d, double rho)
{
    mpfr_t a, t;
    mpfr_inits2(200, a, t, (mpfr_ptr) 0);
    mpfr_set_d(a, rho, MPFR_RNDN);
    if (d == 3)
        mpfr_set(res, a, MPFR_RNDN);
    else
    {
        mpfr_asin(res, a, MPFR_RNDN);
        if (d == 4)
        {
            mpfr_sqr(t, a, MPFR_RNDN);
            mpfr_ui_sub(t, 1, t, MPFR_RNDN);
            mpfr_sqrt(t, t, MPFR_RNDN);
            mpfr_mul(t, t, a, MPFR_RNDN);
            mpfr_add(res, res, t, MPFR_RNDN);
        }
        mpfr_mul_2ui(res, res, 1, MPFR_RNDN);
        mpfr_const_pi(t, MPFR_RNDN);
        mpfr_div(res, res, t, MPFR_RNDN);
    }
    mpfr_clears(a, t, (mpfr_ptr) 0);
}

static void
test_band_closed_forms(void)
{
    rng_t R;
    slong it, n = test_iters(60), bad = 0;
    rng_init(R, test_seed(), rng_stream_id("t-sphere/band"), 0);
    for (it = 0; it < n; it++)
    {
        ulong d = 2 + (ulong) (it % 3);
        double rho = (double) (1 + rng_below(R, 1023)) / 1024;
        arb_t r, b, b2, want;
        mpfr_t m;
        int ok;
        arb_init(r);
        arb_init(b);
        arb_init(b2);
        arb_init(want);
        mpfr_init2(m, 200);
        arb_set_d(r, rho);
        sphere_band_prob(b, d, r, 128);
        sphere_band_prob_angle(b2, d, r, 128);
        closed_band(m, d, rho);
        arf_set_mpfr(arb_midref(want), m);
        mag_set_d(arb_radref(want), 1e-50);
        ok = arb_overlaps(b, want) && arb_overlaps(b2, want) && arb_rel_accuracy_bits(b) > 60 &&
             arb_rel_accuracy_bits(b2) > 60;
        if (!ok)
        {
            TEST_REPORT("band_d(rho) equals its closed form", "d=%lu rho=%.17g: band %s angle form %s", d,
                        rho, arb_get_str(b, 20, 0), arb_get_str(b2, 20, 0));
            bad++;
        }
        arb_clear(r);
        arb_clear(b);
        arb_clear(b2);
        arb_clear(want);
        mpfr_clear(m);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The stated radius 2 sin(sqrt(2 pi)/(16 d sqrt d)) and the bound 1/(4d)
   against MPFR. */
static void
test_radius_and_bound(void)
{
    ulong d;
    slong bad = 0;
    for (d = 1; d <= 200; d += (d < 10 ? 1 : 37))
    {
        arb_t a, want;
        mpfr_t m, t;
        arb_init(a);
        arb_init(want);
        mpfr_inits2(200, m, t, (mpfr_ptr) 0);
        mpfr_const_pi(m, MPFR_RNDN);
        mpfr_mul_2ui(m, m, 1, MPFR_RNDN);
        mpfr_sqrt(m, m, MPFR_RNDN);
        mpfr_set_ui(t, d, MPFR_RNDN);
        mpfr_sqrt(t, t, MPFR_RNDN);
        mpfr_mul_ui(t, t, 16 * d, MPFR_RNDN);
        mpfr_div(m, m, t, MPFR_RNDN);
        mpfr_sin(m, m, MPFR_RNDN);
        mpfr_mul_2ui(m, m, 1, MPFR_RNDN);
        arf_set_mpfr(arb_midref(want), m);
        mag_set_d(arb_radref(want), 1e-50);
        sphere_band_radius(a, d, 128);
        if (!arb_overlaps(a, want) || arb_rel_accuracy_bits(a) < 100)
        {
            TEST_REPORT("stated radius rho_d", "d=%lu: %s", d, arb_get_str(a, 20, 0));
            bad++;
        }
        /* rho_d = 2 sin s_d */
        sphere_band_radius_arg(a, d, 128);
        arb_sin(a, a, 128);
        arb_mul_2exp_si(a, a, 1);
        if (!arb_overlaps(a, want) || arb_rel_accuracy_bits(a) < 100)
        {
            TEST_REPORT("rho_d = 2 sin s_d", "d=%lu: %s", d, arb_get_str(a, 20, 0));
            bad++;
        }
        sphere_band_bound(a, d, 128);
        arb_set_ui(want, 1);
        arb_div_ui(want, want, 4 * d, 128);
        if (!arb_overlaps(a, want))
        {
            TEST_REPORT("bound 1/(4d)", "d=%lu: %s", d, arb_get_str(a, 20, 0));
            bad++;
        }
        arb_clear(a);
        arb_clear(want);
        mpfr_clears(m, t, (mpfr_ptr) 0);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* The exact sign test against the definition: for directions w of
   rational norm (integer vectors with integer length, signs and order
   shuffled, scaled) the extremes <w, c> -+ delta |w| of <w, x> over the
   ball (Cauchy-Schwarz) are rational, and the sign is constant iff both
   have the same strict sign.  delta is a random dyadic, or |<w, c>|/|w|
   (the boundary, noisy) every fourth time. */
static void
test_ball_sign_random(void)
{
    static const slong pyth[][5] = {
        {2, 3, 4, 0, 5}, {2, 5, 12, 0, 13}, {2, 8, 15, 0, 17}, {2, 1, 0, 0, 1}, {3, 1, 2, 2, 3},
        {3, 2, 3, 6, 7}, {3, 1, 4, 8, 9},   {3, 2, 6, 9, 11},  {3, 0, 0, 1, 1},
    };
    const slong npyth = (slong) (sizeof(pyth) / sizeof(pyth[0]));
    slong it, iters = test_iters(2000), bad = 0, ncon = 0, nnoisy = 0, i;
    rng_t R;
    rng_init(R, test_seed(), rng_stream_id("t-sphere/ballsign"), 0);
    for (it = 0; it < iters; it++)
    {
        const slong *P = pyth[rng_below(R, (uint64_t) npyth)];
        slong d = P[0], perm[3] = {0, 1, 2};
        fmpq w[3], c[3];
        fmpq_t A, nw, dl, dl2, lo, hi;
        int want, got;
        for (i = d - 1; i > 0; i--)
        {
            slong u = (slong) rng_below(R, (uint64_t) (i + 1)), t = perm[i];
            perm[i] = perm[u];
            perm[u] = t;
        }
        fmpq_init(A);
        fmpq_init(nw);
        fmpq_init(dl);
        fmpq_init(dl2);
        fmpq_init(lo);
        fmpq_init(hi);
        /* w = s u with |u| = P[4] / P[4] scaled: |w| = s P[4] */
        fmpq_set_si(nw, 1 + (slong) rng_below(R, 3), 2);
        for (i = 0; i < d; i++)
        {
            fmpq_init(w + i);
            fmpq_init(c + i);
            fmpq_mul_si(w + i, nw, P[1 + perm[i]] * ((rng_u32(R) & 1) ? 1 : -1));
            fmpq_set_si(c + i, (slong) rng_below(R, 13) - 6, 1);
            fmpq_addmul(A, w + i, c + i);
        }
        fmpq_mul_si(nw, nw, P[4]);
        if (it % 4 == 0)
        {
            fmpq_div(dl, A, nw);
            fmpq_abs(dl, dl);
        }
        else
            fmpq_set_si(dl, (slong) rng_below(R, 64), 8);
        fmpq_mul(dl2, dl, dl);
        /* lo = <w, c> - delta |w| and hi = <w, c> + delta |w| */
        fmpq_mul(hi, dl, nw);
        fmpq_sub(lo, A, hi);
        fmpq_add(hi, A, hi);
        want = fmpq_sgn(lo) * fmpq_sgn(hi) > 0;
        got = sphere_ball_sign_constant_fmpq(w, c, d, dl2);
        ncon += want;
        nnoisy += !want;
        if (got != want)
        {
            TEST_REPORT("sign constant on B(c, delta) iff the extremes agree",
                        "iteration %ld d=%ld: %d, want %d", (long) it, (long) d, got, want);
            bad++;
        }
        for (i = 0; i < d; i++)
        {
            fmpq_clear(w + i);
            fmpq_clear(c + i);
        }
        fmpq_clear(A);
        fmpq_clear(nw);
        fmpq_clear(dl);
        fmpq_clear(dl2);
        fmpq_clear(lo);
        fmpq_clear(hi);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(ncon > iters / 10 && nnoisy > iters / 10);
}

/* Lemma 7's probability F_r(theta)/2, cos theta = 1 - rho/2, against the
   closed forms of the cap (r = 2: theta/pi; r = 3: (1 - cos theta)/2 =
   rho/4; r = 4: (theta - sin theta cos theta)/pi) in MPFR at 200 bits;
   its lower bound against (sqrt(rho (1 - rho/4)))^{r-1} / (2 pi (r-1))
   in MPFR for r up to 100, and the bound strictly below the probability
   (Claim 1) for theta in (0, pi]. */
static void
test_chord(void)
{
    slong it, iters = test_iters(200), bad = 0;
    rng_t R;
    rng_init(R, test_seed(), rng_stream_id("t-sphere/chord"), 0);
    for (it = 0; it < iters; it++)
    {
        ulong r = it % 2 == 0 ? 2 + (ulong) (it / 2 % 3) : 2 + (ulong) rng_below(R, 99);
        fmpq_t rho;
        arb_t p, lo, want;
        mpfr_t m, t, th;
        int ok = 1;
        fmpq_init(rho);
        arb_init(p);
        arb_init(lo);
        arb_init(want);
        mpfr_inits2(200, m, t, th, (mpfr_ptr) 0);
        /* rho = k / 256 in (0, 4] */
        fmpq_set_si(rho, 1 + (slong) rng_below(R, 1024), 256);
        sphere_chord_prob(p, r, rho, PREC);
        sphere_chord_prob_lower(lo, r, rho, PREC);
        mpfr_set_si(t, fmpz_get_si(fmpq_numref(rho)), MPFR_RNDN);
        mpfr_div_si(t, t, fmpz_get_si(fmpq_denref(rho)), MPFR_RNDN); /* rho, exact */
        if (r <= 4)
        {
            /* cos theta = 1 - rho/2 */
            mpfr_div_2ui(th, t, 1, MPFR_RNDN);
            mpfr_ui_sub(th, 1, th, MPFR_RNDN);
            mpfr_acos(th, th, MPFR_RNDN);
            if (r == 3)
                mpfr_div_2ui(m, t, 2, MPFR_RNDN);
            else
            {
                mpfr_set(m, th, MPFR_RNDN);
                if (r == 4)
                {
                    mpfr_t s;
                    mpfr_init2(s, 200);
                    mpfr_sin(s, th, MPFR_RNDN);
                    mpfr_cos(t, th, MPFR_RNDN);
                    mpfr_mul(s, s, t, MPFR_RNDN);
                    mpfr_sub(m, m, s, MPFR_RNDN);
                    mpfr_clear(s);
                }
                mpfr_const_pi(t, MPFR_RNDN);
                mpfr_div(m, m, t, MPFR_RNDN);
            }
            mpfr_div_2ui(m, m, 1, MPFR_RNDN);
            arf_set_mpfr(arb_midref(want), m);
            mag_set_d(arb_radref(want), 1e-50);
            ok &= arb_overlaps(p, want) && arb_rel_accuracy_bits(p) > 60;
            mpfr_set_si(t, fmpz_get_si(fmpq_numref(rho)), MPFR_RNDN);
            mpfr_div_si(t, t, fmpz_get_si(fmpq_denref(rho)), MPFR_RNDN);
        }
        /* (rho (1 - rho/4))^{(r-1)/2} / (2 pi (r - 1)) */
        mpfr_div_2ui(m, t, 2, MPFR_RNDN);
        mpfr_ui_sub(m, 1, m, MPFR_RNDN);
        mpfr_mul(m, m, t, MPFR_RNDN);
        mpfr_sqrt(m, m, MPFR_RNDN);
        mpfr_pow_ui(m, m, r - 1, MPFR_RNDN);
        mpfr_const_pi(t, MPFR_RNDN);
        mpfr_mul_ui(t, t, 2 * (r - 1), MPFR_RNDN);
        mpfr_div(m, m, t, MPFR_RNDN);
        arf_set_mpfr(arb_midref(want), m);
        mag_set_d(arb_radref(want), 0);
        arb_add_error_2exp_si(want, -180);
        if (mpfr_zero_p(m))
            ok &= arb_is_zero(lo);
        else
            ok &= arb_overlaps(lo, want) && arb_rel_accuracy_bits(lo) > 60;
        ok &= arb_gt(p, lo);
        if (!ok)
        {
            TEST_REPORT("chord probability = closed form, lower bound = formula, bound < probability",
                        "r=%lu rho=%ld/%ld: prob %s lower %s", r, fmpz_get_si(fmpq_numref(rho)),
                        fmpz_get_si(fmpq_denref(rho)), arb_get_str(p, 20, 0), arb_get_str(lo, 20, 0));
            bad++;
        }
        fmpq_clear(rho);
        arb_clear(p);
        arb_clear(lo);
        arb_clear(want);
        mpfr_clears(m, t, th, (mpfr_ptr) 0);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
}

static const test_case suite_tests[] = {
    {"omega_k known values and recurrence", test_omega_known},
    {"omega ratio: Gamma vs recurrence", test_ratio},
    {"cap fraction vs closed forms d = 2, 3, 4", test_closed_forms},
    {"int sin^k vs acb_calc_integrate", test_quadrature},
    {"symmetry, cosine form, ends", test_symmetry_and_ends},
    {"wide balls", test_wide_balls},
    {"large d: elementary bounds, symmetry, quadrature", test_large_d},
    {"band probability vs closed forms d = 2, 3, 4", test_band_closed_forms},
    {"stated radius and bound vs MPFR", test_radius_and_bound},
    {"ball sign test at the boundary, hand", test_ball_sign_boundary},
    {"ball sign test vs the extremes, random", test_ball_sign_random},
    {"Lemma 7 chord probability and its lower bound", test_chord},
};

int
t_sphere_register(void)
{
    return TEST_SUITE("sphere", suite_tests);
}

/* t-sphere.c -- omega_k and cap fractions against independent values:
   omega_0 = 2, omega_1 = 2 pi, omega_2 = 4 pi, omega_3 = 2 pi^2 and the
   recurrence omega_{k+2} = 2 pi omega_k / (k + 1); the incomplete-beta
   cap fractions against the closed forms for d = 2, 3, 4 (the closed
   form at 4x the precision must lie inside the beta enclosure) and
   against rigorous numerical integration of sin^{d-2}; symmetry, the
   cosine interface, the Gamma ratio against its recurrence, and wide
   balls containing their points. */
#include <math.h>

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

int
t_sphere_register(void)
{
    CU_pSuite s = CU_add_suite("sphere", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "omega_k known values and recurrence", test_omega_known) == NULL ||
        CU_add_test(s, "omega ratio: Gamma vs recurrence", test_ratio) == NULL ||
        CU_add_test(s, "cap fraction vs closed forms d = 2, 3, 4", test_closed_forms) == NULL ||
        CU_add_test(s, "int sin^k vs acb_calc_integrate", test_quadrature) == NULL ||
        CU_add_test(s, "symmetry, cosine form, ends", test_symmetry_and_ends) == NULL ||
        CU_add_test(s, "wide balls", test_wide_balls) == NULL ||
        CU_add_test(s, "large d: elementary bounds, symmetry, quadrature", test_large_d) == NULL)
        return -1;
    return 0;
}

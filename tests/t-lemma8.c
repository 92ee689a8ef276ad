/* t-lemma8.c -- Lemma 8 / Claim 2: the exact sign decisions against
   MPFR at high precision and against fmpq, the rational sphere points
   against their definition, and the module's records against its table.
   The band probability, the stated radius, the bound and the exact sign
   test of the core are tested in t-sphere.c. */
#include <math.h>
#include <mpfr.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "lemma8.h"
#include "rng.h"
#include "sphere.h"
#include "testutil.h"

/* s1 sqrt(p1) + s2 sqrt(p2) at 256 bits; the inputs are small integers or
   dyadics, so a zero result is exact only when p1 == p2 (handled apart). */
static int
oracle_sign_sqrt_sum(int s1, double p1, int s2, double p2)
{
    mpfr_t a, b;
    int r;
    mpfr_inits2(256, a, b, (mpfr_ptr) 0);
    mpfr_set_d(a, p1, MPFR_RNDN);
    mpfr_sqrt(a, a, MPFR_RNDN);
    mpfr_mul_si(a, a, s1, MPFR_RNDN);
    mpfr_set_d(b, p2, MPFR_RNDN);
    mpfr_sqrt(b, b, MPFR_RNDN);
    mpfr_mul_si(b, b, s2, MPFR_RNDN);
    mpfr_add(a, a, b, MPFR_RNDN);
    r = mpfr_sgn(a);
    mpfr_clears(a, b, (mpfr_ptr) 0);
    return r;
}

static void
test_sign_sqrt_sum(void)
{
    rng_t R;
    slong it, n = test_iters(2000), bad = 0;
    rng_init(R, test_seed(), rng_stream_id("t-lemma8/sqrtsum"), 0);
    for (it = 0; it < n; it++)
    {
        int s1 = (int) rng_below(R, 3) - 1, s2 = (int) rng_below(R, 3) - 1, got, want;
        double p1 = (double) rng_below(R, 50), p2 = (it % 5 == 0) ? p1 : (double) rng_below(R, 50);
        arf_t a, b;
        arf_init(a);
        arf_init(b);
        arf_set_d(a, p1 / 64);
        arf_set_d(b, p2 / 64);
        got = lemma8_sign_sqrt_sum(s1, a, s2, b);
        if ((s1 == 0 || p1 == 0) && (s2 == 0 || p2 == 0))
            want = 0;
        else if (p1 == p2 && s1 == -s2)
            want = 0;
        else
            want = oracle_sign_sqrt_sum(s1, p1 / 64, s2, p2 / 64);
        if (got != want)
        {
            TEST_REPORT("sign of s1 sqrt(p1) + s2 sqrt(p2)", "s1=%d p1=%g s2=%d p2=%g: got %d want %d", s1,
                        p1 / 64, s2, p2 / 64, got, want);
            bad++;
        }
        arf_clear(a);
        arf_clear(b);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
}

/* Sign-constancy of <w, x> on B(c, delta) by the extreme values
   <w, c> -+ delta |w| evaluated at 256 bits (MPFR), for integer inputs
   chosen away from the boundary. */
static int
oracle_constant(const slong *w, const slong *c, slong d, double delta2)
{
    mpfr_t A, N, t;
    slong i;
    int r;
    mpfr_inits2(256, A, N, t, (mpfr_ptr) 0);
    mpfr_set_zero(A, 1);
    mpfr_set_zero(N, 1);
    for (i = 0; i < d; i++)
    {
        mpfr_set_si(t, w[i] * c[i], MPFR_RNDN);
        mpfr_add(A, A, t, MPFR_RNDN);
        mpfr_set_si(t, w[i] * w[i], MPFR_RNDN);
        mpfr_add(N, N, t, MPFR_RNDN);
    }
    mpfr_sqrt(N, N, MPFR_RNDN);
    mpfr_set_d(t, delta2, MPFR_RNDN);
    mpfr_sqrt(t, t, MPFR_RNDN);
    mpfr_mul(N, N, t, MPFR_RNDN);
    mpfr_abs(A, A, MPFR_RNDN);
    r = mpfr_cmp(A, N) > 0;
    mpfr_clears(A, N, t, (mpfr_ptr) 0);
    return r;
}

static void
test_rule_random(void)
{
    rng_t R;
    slong it, n = test_iters(1500), bad = 0, i;
    rng_init(R, test_seed(), rng_stream_id("t-lemma8/rule"), 0);
    for (it = 0; it < n; it++)
    {
        slong d = 2 + (slong) rng_below(R, 5), w[6] = {0}, c[6] = {0}, A = 0, W2 = 0, C2 = 0;
        double delta2;
        fmpq *wq = _fmpq_vec_init(d), *cq = _fmpq_vec_init(d);
        arf_struct wa[6], ca[6];
        arf_t r2;
        fmpq_t dq;
        int want, got_q, got_a;
        for (i = 0; i < d; i++)
        {
            w[i] = (slong) rng_below(R, 9) - 4;
            c[i] = (slong) rng_below(R, 9) - 4;
        }
        if (w[0] == 0 && w[1] == 0)
            w[0] = 1;
        if (c[0] == 0 && c[1] == 0)
            c[0] = 3;
        for (i = 0; i < d; i++)
        {
            A += w[i] * c[i];
            W2 += w[i] * w[i];
            C2 += c[i] * c[i];
        }
        /* delta^2 = k/16 with k/16 < |c|^2, avoiding the tie A^2 = delta^2 W2 */
        do
        {
            delta2 = (double) (1 + rng_below(R, (uint64_t) (16 * C2 - 1))) / 16;
        } while ((double) (A * A) == delta2 * (double) W2);
        want = oracle_constant(w, c, d, delta2);
        fmpq_init(dq);
        bc_fmpq_set_d(dq, delta2);
        for (i = 0; i < d; i++)
        {
            fmpq_set_si(wq + i, w[i], 1);
            fmpq_set_si(cq + i, c[i], 1);
            arf_init(wa + i);
            arf_init(ca + i);
            arf_set_si(wa + i, w[i]);
            arf_set_si(ca + i, c[i]);
        }
        got_q = sphere_ball_sign_constant_fmpq(wq, cq, d, dq);
        /* the arf rule takes rho^2 = delta^2 / |c|^2, which is dyadic only
           when |c|^2 is a power of two: compare it where it is */
        arf_init(r2);
        got_a = want;
        if ((C2 & (C2 - 1)) == 0)
        {
            arf_set_d(r2, delta2 / (double) C2);
            got_a = lemma8_rule_constant(LEMMA8_RULE_CORRECT, wa, ca, d, r2);
        }
        if (got_q != want || got_a != want)
        {
            TEST_REPORT("sign constant on the ball iff |<w,c>| > delta |w|",
                        "d=%ld w0..=(%ld,%ld) c0..=(%ld,%ld) delta^2=%g: fmpq %d arf %d mpfr %d", (long) d,
                        (long) w[0], (long) w[1], (long) c[0], (long) c[1], delta2, got_q, got_a, want);
            bad++;
        }
        for (i = 0; i < d; i++)
        {
            arf_clear(wa + i);
            arf_clear(ca + i);
        }
        arf_clear(r2);
        fmpq_clear(dq);
        _fmpq_vec_clear(wq, d);
        _fmpq_vec_clear(cq, d);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
}

/* Stereographic points are exact unit vectors, close to the double they
   came from, and the arf sign at c + r u equals the fmpq sign. */
static void
test_sphere_points(void)
{
    rng_t R;
    slong it, n = test_iters(300), bad = 0, i;
    rng_init(R, test_seed(), rng_stream_id("t-lemma8/stereo"), 0);
    for (it = 0; it < n; it++)
    {
        slong d = 2 + (slong) rng_below(R, 6);
        double u[8], nn = 0, err = 0;
        arf_struct t[8], wa[8], ca[8];
        arf_t r;
        fmpq *tq = _fmpq_vec_init(d), *uq = _fmpq_vec_init(d);
        fmpq_t s2, m, x;
        int s, got, want;
        for (i = 0; i < d; i++)
        {
            u[i] = rng_normal(R);
            nn += u[i] * u[i];
        }
        for (i = 0; i < d; i++)
            u[i] /= sqrt(nn);
        for (i = 0; i < d; i++)
        {
            arf_init(t + i);
            arf_init(wa + i);
            arf_init(ca + i);
        }
        lemma8_stereo_params(t, &s, u, d);
        for (i = 0; i < d - 1; i++)
            arf_get_fmpq(tq + i, t + i);
        lemma8_stereo_point(uq, tq, s, d);
        fmpq_init(s2);
        fmpq_init(m);
        fmpq_init(x);
        for (i = 0; i < d; i++)
        {
            fmpq_addmul(s2, uq + i, uq + i);
            err = fmax(err, fabs(fmpq_get_d(uq + i) - u[i]));
        }
        if (!fmpq_is_one(s2) || err > 1e-12)
        {
            TEST_REPORT("stereographic point is an exact unit vector near u", "d=%ld |u|^2-1=%g err=%g",
                        (long) d, fmpq_get_d(s2) - 1, err);
            bad++;
        }
        /* w, c small integers, r = 1/4: sign of <w, c + r u> over Q */
        arf_init(r);
        arf_set_d(r, 0.25);
        fmpq_zero(m);
        for (i = 0; i < d; i++)
        {
            slong wi = (slong) rng_below(R, 7) - 3, ci = (slong) rng_below(R, 3) - 1;
            arf_set_si(wa + i, wi);
            arf_set_si(ca + i, ci);
            fmpq_set_si(x, 1, 4);
            fmpq_mul(x, x, uq + i);
            fmpq_add_si(x, x, ci);
            fmpq_mul_si(x, x, wi);
            fmpq_add(m, m, x);
        }
        want = fmpq_sgn(m);
        got = lemma8_sign_at_sphere_point(wa, ca, d, r, t, s);
        if (got != want)
        {
            TEST_REPORT("sign of <w, c + r u> at a rational sphere point", "d=%ld got %d want %d", (long) d,
                        got, want);
            bad++;
        }
        for (i = 0; i < d; i++)
        {
            arf_clear(t + i);
            arf_clear(wa + i);
            arf_clear(ca + i);
        }
        arf_clear(r);
        fmpq_clear(s2);
        fmpq_clear(m);
        fmpq_clear(x);
        _fmpq_vec_clear(tq, d);
        _fmpq_vec_clear(uq, d);
    }
    rng_clear(R);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The noisy side of the Monte Carlo sample: when |<w, c>| < delta |w|
   (decided by MPFR at 256 bits, away from the edge by a relative 10^-12),
   the exact rational sphere point in the rounded direction
   -sign<w, c> w/|w| shows <w, x> of the other sign or zero.  Directions
   drawn at an angle within 10^-12..10^-3 of the band's edge, inside. */
static void
test_extreme_point_witness(void)
{
    rng_t R;
    slong it, n = test_iters(400), bad = 0, tried = 0, i;
    const slong d = 4, cint[4] = {1, 1, 1, 1}; /* |c| = 2, delta = 2 rho = 1/8 */
    rng_init(R, test_seed(), rng_stream_id("t-lemma8/extreme"), 0);
    for (it = 0; it < n; it++)
    {
        double w[4], u[4], g[4], p = 0, nn = 0, chat[4], rho = 0.0625, m, phi;
        arf_struct W[4], C[4], T[3];
        arf_t r;
        mpfr_t A, N, t;
        int s, sA, got, noisy;
        for (i = 0; i < d; i++)
            chat[i] = cint[i] / 2.0;
        /* a unit g orthogonal to chat */
        for (i = 0; i < d; i++)
            g[i] = rng_normal(R);
        for (i = 0; i < d; i++)
            p += g[i] * chat[i];
        for (i = 0; i < d; i++)
        {
            g[i] -= p * chat[i];
            nn += g[i] * g[i];
        }
        m = pow(10.0, -(3.0 + 9.0 * rng_uniform(R)));
        phi = 1.5707963267948966 - asin(rho) + m; /* inside the band, margin m */
        if (rng_below(R, 2))
            phi = 3.141592653589793 - phi;
        for (i = 0; i < d; i++)
            w[i] = cos(phi) * chat[i] + sin(phi) * g[i] / sqrt(nn);
        /* the oracle: |<w, c>| < delta |w| with delta = rho |c|, i.e.
           <w, c>^2 < rho^2 |c|^2 |w|^2 = 4 rho^2 |w|^2 */
        mpfr_inits2(256, A, N, t, (mpfr_ptr) 0);
        mpfr_set_zero(A, 1);
        mpfr_set_zero(N, 1);
        for (i = 0; i < d; i++)
        {
            mpfr_set_d(t, w[i], MPFR_RNDN);
            mpfr_mul_si(t, t, cint[i], MPFR_RNDN);
            mpfr_add(A, A, t, MPFR_RNDN);
            mpfr_set_d(t, w[i], MPFR_RNDN);
            mpfr_sqr(t, t, MPFR_RNDN);
            mpfr_add(N, N, t, MPFR_RNDN);
        }
        sA = mpfr_sgn(A);
        mpfr_sqr(A, A, MPFR_RNDN);
        mpfr_mul_d(N, N, 4.0 * rho * rho * (1.0 - 1e-12), MPFR_RNDN);
        noisy = mpfr_cmp(A, N) < 0;
        mpfr_clears(A, N, t, (mpfr_ptr) 0);
        if (!noisy)
            continue;
        tried++;
        nn = 0;
        for (i = 0; i < d; i++)
            nn += w[i] * w[i];
        for (i = 0; i < d; i++)
            u[i] = -(sA >= 0 ? 1.0 : -1.0) * w[i] / sqrt(nn);
        for (i = 0; i < d; i++)
        {
            arf_init(W + i);
            arf_init(C + i);
            arf_set_d(W + i, w[i]);
            arf_set_si(C + i, cint[i]);
        }
        for (i = 0; i < d - 1; i++)
            arf_init(T + i);
        arf_init(r);
        arf_set_d(r, 2.0 * rho);
        lemma8_stereo_params(T, &s, u, d);
        got = lemma8_sign_at_sphere_point(W, C, d, r, T, s);
        if (got == sA)
        {
            TEST_REPORT("the extreme point witnesses a noisy direction", "margin %g: sign %d, <w,c> sign %d",
                        m, got, sA);
            bad++;
        }
        for (i = 0; i < d; i++)
        {
            arf_clear(W + i);
            arf_clear(C + i);
        }
        for (i = 0; i < d - 1; i++)
            arf_clear(T + i);
        arf_clear(r);
    }
    rng_clear(R);
    CU_ASSERT(tried > n / 2);
    CU_ASSERT_EQUAL(bad, 0);
}

static const test_case suite_tests[] = {
    {"sign of a sum of two square roots vs MPFR", test_sign_sqrt_sum},
    {"noisy rule vs extreme values at 256 bits", test_rule_random},
    {"rational sphere points and their signs", test_sphere_points},
    {"the extreme point witnesses a noisy direction", test_extreme_point_witness},
};

int
t_lemma8_register(void)
{
    return TEST_SUITE("lemma8", suite_tests);
}

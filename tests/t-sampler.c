/* t-sampler.c -- the normal law of rng_normal (the ziggurat of
   rng_normal.c) against independent oracles: its tables recomputed with
   Arb, its law against the normal CDF evaluated with Arb and MPFR, its
   sign symmetry bit for bit, its wedge decision against MPFR, and the
   libm accuracy its filter assumes.

   Levels.  Every statistical test below is an exact or rigorous bound
   except the chi-square (asymptotic; 2000 expected per bin): under a
   correct sampler each fails with probability at most its stated level
   at a random seed (BC_TEST_SEED), and the suite with probability below
   1e-6.  At the fixed default seed the outcome is deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "binom.h"
#include "rng.h"
#include "sampler.h"
#include "testutil.h"

#define ZIG_TEST_PREC 320

/* Decides that the double d is the correctly rounded value of the ball x
   robustly: x lies within the rounding interval of d at a distance of at
   least 2^-100 |d| from both of its ends (so that any evaluation to ~100
   correct bits beyond the double rounds to d). */
static int
rounds_robustly_to(const arb_t x, double d)
{
    arb_t lo, hi, m;
    int ok;
    double below = d - nextafter(d, -INFINITY), above = nextafter(d, INFINITY) - d;
    arb_init(lo);
    arb_init(hi);
    arb_init(m);
    arb_set_d(lo, d);
    arb_set_d(m, below);
    arb_mul_2exp_si(m, m, -1);
    arb_sub(lo, lo, m, ARF_PREC_EXACT);
    arb_set_d(hi, d);
    arb_set_d(m, above);
    arb_mul_2exp_si(m, m, -1);
    arb_add(hi, hi, m, ARF_PREC_EXACT);
    arb_set_d(m, fabs(d));
    arb_mul_2exp_si(m, m, -100);
    arb_add(lo, lo, m, ARF_PREC_EXACT);
    arb_sub(hi, hi, m, ARF_PREC_EXACT);
    ok = arb_gt(x, lo) && arb_lt(x, hi);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(m);
    return ok;
}

/* f(x) = exp(-x^2/2) */
static void
gauss_f(arb_t out, const arb_t x, slong prec)
{
    arb_sqr(out, x, prec);
    arb_mul_2exp_si(out, out, -1);
    arb_neg(out, out);
    arb_exp(out, out, prec);
}

/* v(r) = r f(r) + sqrt(pi/2) erfc(r / sqrt 2) */
static void
zig_area(arb_t v, const arb_t r, slong prec)
{
    arb_t a, c;
    arb_init(a);
    arb_init(c);
    arb_sqrt_ui(c, 2, prec);
    arb_div(a, r, c, prec);
    arb_hypgeom_erfc(a, a, prec);
    arb_const_pi(c, prec);
    arb_mul_2exp_si(c, c, -1);
    arb_sqrt(c, c, prec);
    arb_mul(a, a, c, prec);
    gauss_f(c, r, prec);
    arb_mul(c, c, r, prec);
    arb_add(v, a, c, prec);
    arb_clear(a);
    arb_clear(c);
}

/* Runs the recursion from r: sets xs[i] (i = 1..255) when xs != NULL and
   returns the sign of x_255 (1 - f(x_255)) - v: -1 (r below the root,
   also when the recursion leaves the domain), 1 (above), 0 (undecided
   at this precision). */
static int
zig_recursion(arb_ptr xs, const arb_t r, slong prec)
{
    arb_t v, x, a, c;
    int i, s = 0;
    arb_init(v);
    arb_init(x);
    arb_init(a);
    arb_init(c);
    zig_area(v, r, prec);
    arb_set(x, r);
    if (xs != NULL)
        arb_set(xs + 1, x);
    for (i = 1; i <= 254; i++)
    {
        gauss_f(a, x, prec);
        arb_div(c, v, x, prec);
        arb_add(a, a, c, prec);
        arb_one(c);
        if (!arb_lt(a, c))
        {
            s = arb_ge(a, c) ? -1 : 0;
            goto done;
        }
        arb_log(a, a, prec);
        arb_mul_si(a, a, -2, prec);
        arb_sqrt(x, a, prec);
        if (xs != NULL)
            arb_set(xs + i + 1, x);
    }
    gauss_f(a, x, prec);
    arb_sub_ui(a, a, 1, prec);
    arb_neg(a, a);
    arb_mul(a, a, x, prec);
    arb_sub(a, a, v, prec);
    s = arb_is_positive(a) ? 1 : (arb_is_negative(a) ? -1 : 0);
done:
    arb_clear(v);
    arb_clear(x);
    arb_clear(a);
    arb_clear(c);
    return s;
}

static int
same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof(double)) == 0;
}

static void
test_zig_tables(void)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    slong prec = ZIG_TEST_PREC;
    arb_ptr xs = _arb_vec_init(257);
    arb_t r, v, a, c;
    fmpq_t q, q2;
    fmpz_t t;
    int i, bad = 0;

    arb_init(r);
    arb_init(v);
    arb_init(a);
    arb_init(c);
    fmpq_init(q);
    fmpq_init(q2);
    fmpz_init(t);

    /* r is within an ulp of the root of the ziggurat equation: the
       top-layer area minus v changes sign between its neighbours */
    arb_set_d(r, nextafter(Z->r, 0.0));
    if (zig_recursion(NULL, r, prec) != -1)
    {
        TEST_REPORT("ziggurat r within an ulp of the root", "below r=%a the sign is not negative", Z->r);
        bad++;
    }
    arb_set_d(r, nextafter(Z->r, 10.0));
    if (zig_recursion(NULL, r, prec) != 1)
    {
        TEST_REPORT("ziggurat r within an ulp of the root", "above r=%a the sign is not positive", Z->r);
        bad++;
    }

    /* every table entry is the robustly rounded value of its definition */
    arb_set_d(r, Z->r);
    zig_area(v, r, prec);
    zig_recursion(xs, r, prec);
    gauss_f(a, r, prec);
    arb_div(xs + 0, v, a, prec);
    if (!rounds_robustly_to(v, Z->v) || Z->x[1] != Z->r || Z->x[256] != 0.0 || Z->f[256] != 1.0)
    {
        TEST_REPORT("ziggurat v and the fixed entries", "v=%a x1=%a", Z->v, Z->x[1]);
        bad++;
    }
    for (i = 0; i <= 255; i++)
    {
        if (!rounds_robustly_to(xs + i, Z->x[i]))
        {
            TEST_REPORT("ziggurat x[i] is RN(x_i), robustly", "i=%d x=%a", i, Z->x[i]);
            bad++;
        }
        if (Z->wx[i] != ldexp(Z->x[i], -52))
        {
            TEST_REPORT("ziggurat wx[i] = x[i] 2^-52", "i=%d", i);
            bad++;
        }
        if (i >= 1)
        {
            arb_set_d(a, Z->x[i]);
            gauss_f(c, a, prec);
            if (!rounds_robustly_to(c, Z->f[i]))
            {
                TEST_REPORT("ziggurat f[i] is RN(f(x[i])), robustly", "i=%d f=%a", i, Z->f[i]);
                bad++;
            }
            if (Z->df[i] != ldexp(Z->f[i + 1] - Z->f[i], -53) || !(Z->df[i] > 0.0))
            {
                TEST_REPORT("ziggurat df[i]", "i=%d", i);
                bad++;
            }
            /* every layer has area v to 1e-12 (the rounding of the tables) */
            arb_set_d(a, Z->f[i + 1] - Z->f[i]);
            arb_mul_arf(a, a, arb_midref(xs + i), prec);
            arb_div(a, a, v, prec);
            arb_sub_ui(a, a, 1, prec);
            if (!(fabs(arf_get_d(arb_midref(a), ARF_RND_NEAR)) < 1e-12))
            {
                TEST_REPORT("ziggurat layer areas equal v", "i=%d relative deviation %g", i,
                            arf_get_d(arb_midref(a), ARF_RND_NEAR));
                bad++;
            }
        }
        /* k[i] = ceil(2^52 x[i+1] / x[i]), exactly */
        bc_fmpq_set_d(q, Z->x[i + 1]);
        bc_fmpq_set_d(q2, Z->x[i]);
        fmpq_div(q, q, q2);
        fmpq_mul_2exp(q, q, 52);
        fmpz_set_ui(t, Z->k[i]);
        fmpq_set_fmpz(q2, t);
        if (fmpq_cmp(q, q2) > 0)
            bad++;
        fmpz_sub_ui(t, t, 1);
        fmpq_set_fmpz(q2, t);
        if (Z->k[i] > 0 && fmpq_cmp(q, q2) <= 0)
            bad++;
        if (i == 255 && Z->k[i] != 0)
            bad++;
        /* the signed tables of the fast path */
        if (Z->ks[i] != Z->k[i] || Z->ks[i + 256] != Z->k[i] || !same_bits(Z->wxs[i], Z->wx[i]) ||
            !same_bits(Z->wxs[i + 256], -Z->wx[i]))
        {
            TEST_REPORT("ziggurat signed tables", "i=%d", i);
            bad++;
        }
    }
    if (bad)
        CU_FAIL("ziggurat tables");

    _arb_vec_clear(xs, 257);
    arb_clear(r);
    arb_clear(v);
    arb_clear(a);
    arb_clear(c);
    fmpq_clear(q);
    fmpq_clear(q2);
    fmpz_clear(t);
}

/* Flipping bit 8 (the sign) of a word negates the draw bit for bit when
   that word is accepted, and changes nothing when it is rejected (its
   sign is never used); words that pass step 2 or reach the tail are
   always accepted. */
static void
test_sign_symmetry(void)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    slong it, n = test_iters(200000), neg = 0, same = 0, wedge_neg = 0, wedge_same = 0, tail = 0;
    rng_t src;
    rng_init(src, test_seed(), rng_stream_id("t-sampler/sign"), 0);
    for (it = 0; it < n; it++)
    {
        uint64_t w = rng_u64(src);
        int i;
        rng_t r1, r2;
        double a, b;
        /* one word in four forced off the fast path: the wedges and the
           tail get their share */
        if ((it & 3) == 0)
        {
            uint64_t j = (w >> 12) % ((UINT64_C(1) << 52) - Z->k[w & 255]) + Z->k[w & 255];
            w = (w & UINT64_C(0xFFF)) | (j << 12);
        }
        i = (int) (w & 255);
        rng_init(r1, test_seed(), rng_stream_id("t-sampler/sign/cont"), (uint64_t) it);
        *r2 = *r1;
        a = _rng_normal_word(w, r1);
        b = _rng_normal_word(w ^ UINT64_C(0x100), r2);
        if (same_bits(b, -a))
        {
            neg++;
            if ((w >> 12) >= Z->k[i] && i != 0)
                wedge_neg++;
            if ((w >> 12) >= Z->k[i] && i == 0)
                tail++;
        }
        else if (same_bits(b, a) && (w >> 12) >= Z->k[i] && i != 0)
        {
            same++;
            wedge_same++;
        }
        else
        {
            TEST_REPORT("flipping the sign bit of an accepted word negates the draw", "w=%016llx a=%a b=%a",
                        (unsigned long long) w, a, b);
            CU_FAIL("sign symmetry");
            return;
        }
    }
    /* both wedge outcomes and the tail occurred: the test saw each path */
    if (wedge_neg == 0 || wedge_same == 0 || tail == 0 || neg + same != n)
    {
        TEST_REPORT("sign symmetry test covers every path", "wedge accepted %ld rejected %ld tail %ld",
                    (long) wedge_neg, (long) wedge_same, (long) tail);
        CU_FAIL("sign symmetry coverage");
    }
}

/* rng_normal_fill is n calls of rng_normal, wherever the stream stands. */
static void
test_fill_is_calls(void)
{
    slong it, n = test_iters(60);
    double *a = flint_malloc(sizeof(double) * 5000), *b = flint_malloc(sizeof(double) * 5000);
    for (it = 0; it < n; it++)
    {
        rng_t r1, r2, pick;
        slong len, skip, i;
        rng_init(pick, test_seed(), rng_stream_id("t-sampler/fill"), (uint64_t) it);
        len = (slong) rng_below(pick, 5000);
        skip = (slong) rng_below(pick, 7);
        rng_init(r1, test_seed(), 5, (uint64_t) it);
        for (i = 0; i < skip; i++)
            rng_u32(r1);
        *r2 = *r1;
        rng_normal_fill(a, len, r1);
        for (i = 0; i < len; i++)
            b[i] = rng_normal(r2);
        for (i = 0; i < len; i++)
            if (!same_bits(a[i], b[i]))
                break;
        if (i < len || rng_u32(r1) != rng_u32(r2))
        {
            TEST_REPORT("fill equals calls", "it=%ld len=%ld skip=%ld at %ld", (long) it, (long) len,
                        (long) skip, (long) i);
            CU_FAIL("rng_normal_fill");
            break;
        }
    }
    flint_free(a);
    flint_free(b);
}

/* Phi(x) = erfc(-x / sqrt 2) / 2 as a ball */
static void
normal_cdf(arb_t out, double x, slong prec)
{
    arb_t s;
    arb_init(s);
    arb_set_d(out, -x);
    arb_sqrt_ui(s, 2, prec);
    arb_div(out, out, s, prec);
    arb_hypgeom_erfc(out, out, prec);
    arb_mul_2exp_si(out, out, -1);
    arb_clear(s);
}

/* The double nearest Phi^-1(p) = -sqrt 2 erfcinv(2p). */
static double
normal_quantile(double p)
{
    arb_t a, s;
    double x;
    arb_init(a);
    arb_init(s);
    arb_set_d(a, 2.0 * p);
    arb_hypgeom_erfcinv(a, a, 128);
    arb_sqrt_ui(s, 2, 128);
    arb_mul(a, a, s, 128);
    arb_neg(a, a);
    x = arf_get_d(arb_midref(a), ARF_RND_NEAR);
    arb_clear(a);
    arb_clear(s);
    return x;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

#define NBINS 1000

static void
test_normal_law(void)
{
    slong per = 20000, streams = test_iters(100), n = per * streams, i, s;
    double *g = flint_malloc(sizeof(double) * per), *edge = flint_malloc(sizeof(double) * (NBINS + 1));
    ulong *cnt = flint_calloc(NBINS, sizeof(ulong));
    /* the quantile grid: 199 quantiles i/200, the far tails, 0, +-r */
    double qs[256];
    ulong qc[256];
    int nq = 0, k, fails = 0, undecided = 0;
    ulong pos = 0;
    double qtail, stat = 0.0;
    arb_t p, p2, st, dof;
    arf_t lo, hi;
    const rng_zig_struct *Z = _rng_zig_tables();

    for (k = 1; k < 200; k++)
        qs[nq++] = normal_quantile(k / 200.0);
    {
        static const double far[] = {1e-3, 1e-4, 1e-5, 1e-6};
        for (k = 0; k < 4; k++)
        {
            qs[nq++] = normal_quantile(far[k]);
            qs[nq++] = -normal_quantile(far[k]);
        }
    }
    qs[nq++] = Z->r;
    qs[nq++] = -Z->r;
    qs[nq++] = 0.0;
    memset(qc, 0, sizeof(qc));
    edge[0] = -INFINITY;
    edge[NBINS] = INFINITY;
    for (k = 1; k < NBINS; k++)
        edge[k] = normal_quantile((double) k / NBINS);

    for (s = 0; s < streams; s++)
    {
        rng_t r;
        rng_init(r, test_seed(), rng_stream_id("t-sampler/law"), (uint64_t) s);
        rng_normal_fill(g, per, r);
        for (i = 0; i < per; i++)
        {
            slong a = 0, b = NBINS;
            /* bin: edge[a] <= g < edge[a+1] */
            while (b - a > 1)
            {
                slong mid = (a + b) / 2;
                if (g[i] < edge[mid])
                    b = mid;
                else
                    a = mid;
            }
            cnt[a]++;
            for (k = 0; k < nq; k++)
                qc[k] += g[i] <= qs[k];
            pos += g[i] > 0.0;
        }
    }

    arb_init(p);
    arb_init(p2);
    arb_init(st);
    arb_init(dof);
    arf_init(lo);
    arf_init(hi);

    /* (1) the empirical CDF at each quantile point against Phi: exact
       Clopper-Pearson intervals, family level 1e-7 (Bonferroni) */
    qtail = 1e-7 / (2.0 * (nq + 1));
    for (k = 0; k < nq; k++)
    {
        truth_t t;
        normal_cdf(p, qs[k], 128);
        t = binom_cp_agrees(lo, hi, (ulong) n, qc[k], qtail, p);
        if (t == BC_FALSE)
        {
            TEST_REPORT("empirical normal CDF agrees with Phi", "x=%.17g count=%lu n=%ld Phi=%.17g", qs[k],
                        (unsigned long) qc[k], (long) n, arf_get_d(arb_midref(p), ARF_RND_NEAR));
            fails++;
        }
        undecided += t == BC_UNDECIDED;
    }
    /* the sign is a fair coin */
    arb_set_d(p, 0.5);
    if (binom_cp_agrees(lo, hi, (ulong) n, pos, qtail, p) == BC_FALSE)
    {
        TEST_REPORT("P[g > 0] = 1/2", "positive %lu of %ld", (unsigned long) pos, (long) n);
        fails++;
    }

    /* (2) chi-square over NBINS bins equiprobable up to the rounding of
       their edges, probabilities by Arb; p-value from the regularised
       upper incomplete gamma function; level 1e-7 (asymptotic) */
    for (k = 0; k < NBINS; k++)
    {
        double e;
        if (k == 0)
            arb_zero(p2);
        else
            normal_cdf(p2, edge[k], 128);
        if (k == NBINS - 1)
            arb_one(p);
        else
            normal_cdf(p, edge[k + 1], 128);
        arb_sub(p, p, p2, 128);
        e = (double) n * arf_get_d(arb_midref(p), ARF_RND_NEAR);
        stat += ((double) cnt[k] - e) * ((double) cnt[k] - e) / e;
    }
    arb_set_d(st, stat / 2.0);
    arb_set_ui(dof, NBINS - 1);
    arb_mul_2exp_si(dof, dof, -1);
    arb_hypgeom_gamma_upper(p, dof, st, 1, 128);
    arb_set_d(p2, 1e-7);
    if (arb_lt(p, p2))
    {
        TEST_REPORT("chi-square of the normal draws", "statistic %g with %d degrees of freedom, p-value %g",
                    stat, NBINS - 1, arf_get_d(arb_midref(p), ARF_RND_NEAR));
        fails++;
    }

    /* (3) Kolmogorov-Smirnov on the first 50000 draws of one stream, Phi
       through MPFR at each point; Dvoretzky-Kiefer-Wolfowitz with
       Massart's constant: P[sqrt(n) D > lambda] <= 2 exp(-2 lambda^2),
       level 1e-7 */
    {
        slong m = 50000;
        double *h = flint_malloc(sizeof(double) * m), D = 0.0, lambda = sqrt(log(2.0 / 1e-7) / 2.0);
        mpfr_t a;
        rng_t r;
        mpfr_init2(a, 64);
        rng_init(r, test_seed(), rng_stream_id("t-sampler/ks"), 0);
        rng_normal_fill(h, m, r);
        qsort(h, (size_t) m, sizeof(double), cmp_double);
        for (i = 0; i < m; i++)
        {
            double F;
            mpfr_set_d(a, -h[i], MPFR_RNDN);
            mpfr_div_d(a, a, sqrt(2.0), MPFR_RNDN);
            mpfr_erfc(a, a, MPFR_RNDN);
            F = 0.5 * mpfr_get_d(a, MPFR_RNDN);
            if ((double) (i + 1) / m - F > D)
                D = (double) (i + 1) / m - F;
            if (F - (double) i / m > D)
                D = F - (double) i / m;
        }
        if (sqrt((double) m) * D > lambda)
        {
            TEST_REPORT("Kolmogorov-Smirnov of the normal draws", "sqrt(n) D = %g > %g (n=%ld)",
                        sqrt((double) m) * D, lambda, (long) m);
            fails++;
        }
        mpfr_clear(a);
        flint_free(h);
    }
    if (fails || undecided > 2)
    {
        TEST_REPORT("normal law", "%d failures, %d undecided comparisons", fails, undecided);
        CU_FAIL("normal law");
    }

    arb_clear(p);
    arb_clear(p2);
    arb_clear(st);
    arb_clear(dof);
    arf_clear(lo);
    arf_clear(hi);
    flint_free(g);
    flint_free(edge);
    flint_free(cnt);
}

/* The exponential of the tail: its CDF 1 - e^-x at a grid, exact
   Clopper-Pearson intervals, family level 1e-7. */
static void
test_exponential_law(void)
{
    static const double xs[] = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 9.0};
    const int nx = (int) (sizeof(xs) / sizeof(xs[0]));
    slong n = test_iters(400000), i;
    ulong c[16];
    int k, fails = 0;
    rng_t r;
    arb_t p;
    arf_t lo, hi;

    memset(c, 0, sizeof(c));
    rng_init(r, test_seed(), rng_stream_id("t-sampler/exp"), 0);
    for (i = 0; i < n; i++)
    {
        double e = rng_exponential(r);
        if (!(e >= 0.0) || !isfinite(e))
        {
            TEST_REPORT("exponential draw finite and >= 0", "e=%a", e);
            CU_FAIL("exponential range");
            return;
        }
        for (k = 0; k < nx; k++)
            c[k] += e <= xs[k];
    }
    arb_init(p);
    arf_init(lo);
    arf_init(hi);
    for (k = 0; k < nx; k++)
    {
        arb_set_d(p, -xs[k]);
        arb_exp(p, p, 128);
        arb_sub_ui(p, p, 1, 128);
        arb_neg(p, p);
        if (binom_cp_agrees(lo, hi, (ulong) n, c[k], 1e-7 / (2.0 * nx), p) == BC_FALSE)
        {
            TEST_REPORT("exponential CDF", "x=%g count=%lu n=%ld", xs[k], (unsigned long) c[k], (long) n);
            fails++;
        }
    }
    if (fails)
        CU_FAIL("exponential law");
    arb_clear(p);
    arf_clear(lo);
    arf_clear(hi);
}

/* Y(u) = f[i] + u df[i] < exp(-X^2/2), decided with MPFR at 256 bits (Y
   is exact there; the sides are never equal). */
static int
wedge_oracle(const rng_zig_struct *Z, int i, uint64_t u, double X)
{
    mpfr_t y, e;
    int r;
    mpfr_inits2(256, y, e, (mpfr_ptr) 0);
    mpfr_set_d(y, Z->df[i], MPFR_RNDN);
    mpfr_mul_ui(y, y, (unsigned long) u, MPFR_RNDN);
    mpfr_add_d(y, y, Z->f[i], MPFR_RNDN);
    mpfr_set_d(e, X, MPFR_RNDN);
    mpfr_sqr(e, e, MPFR_RNDN);
    mpfr_div_2ui(e, e, 1, MPFR_RNDN);
    mpfr_neg(e, e, MPFR_RNDN);
    mpfr_exp(e, e, MPFR_RNDN);
    r = mpfr_less_p(y, e);
    mpfr_clears(y, e, (mpfr_ptr) 0);
    return r;
}

/* The wedge decision against MPFR: random points, and the two integers
   u around the curve, which the double filter cannot separate (they
   exercise the exact fallback). */
static void
test_wedge_decision(void)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    slong it, n = test_iters(3000), near = 0;
    rng_t r;
    mpfr_t us, t;
    mpfr_inits2(256, us, t, (mpfr_ptr) 0);
    rng_init(r, test_seed(), rng_stream_id("t-sampler/wedge"), 0);
    for (it = 0; it < n; it++)
    {
        int i = 1 + (int) rng_below(r, 255), d;
        uint64_t j = Z->k[i] + rng_below(r, (UINT64_C(1) << 52) - Z->k[i]), u = rng_u64(r) >> 11, u0;
        double X = (double) (int64_t) j * Z->wx[i];
        if (_rng_zig_wedge_below(Z, i, u, X) != wedge_oracle(Z, i, u, X))
        {
            TEST_REPORT("wedge decision", "i=%d u=%llu X=%a", i, (unsigned long long) u, X);
            CU_FAIL("wedge decision");
            break;
        }
        /* u* = (f(X) - f[i]) / df[i]; the integers on either side */
        mpfr_set_d(t, X, MPFR_RNDN);
        mpfr_sqr(t, t, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_sub_d(t, t, Z->f[i], MPFR_RNDN);
        mpfr_div_d(us, t, Z->df[i], MPFR_RNDN);
        if (mpfr_cmp_ui(us, 1) < 0 || mpfr_cmp_d(us, 0x1p53 - 2.0) > 0)
            continue;
        u0 = (uint64_t) mpfr_get_ui(us, MPFR_RNDD);
        for (d = 0; d <= 1; d++)
            if (_rng_zig_wedge_below(Z, i, u0 + (uint64_t) d, X) !=
                    wedge_oracle(Z, i, u0 + (uint64_t) d, X) ||
                wedge_oracle(Z, i, u0 + (uint64_t) d, X) != (d == 0))
            {
                TEST_REPORT("wedge decision next to the curve", "i=%d u=%llu X=%a", i,
                            (unsigned long long) (u0 + (uint64_t) d), X);
                CU_FAIL("wedge decision near the curve");
                it = n;
                break;
            }
        near++;
    }
    CU_ASSERT(near > n / 2);
    mpfr_clears(us, t, (mpfr_ptr) 0);
}

/* The wedge filter assumes libm's exp within 2^-41 relative on [-r^2/2, 0]
   (see rng_normal.c): checked against MPFR. */
static void
test_libm_exp_assumption(void)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    slong it, n = test_iters(20000);
    double worst = 0.0;
    rng_t r;
    mpfr_t e;
    mpfr_init2(e, 128);
    rng_init(r, test_seed(), rng_stream_id("t-sampler/libm"), 0);
    for (it = 0; it < n; it++)
    {
        double t = -rng_uniform(r) * Z->r * Z->r * 0.5, l = exp(t), rel;
        mpfr_set_d(e, t, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);
        mpfr_sub_d(e, e, l, MPFR_RNDN);
        mpfr_div_d(e, e, l, MPFR_RNDN);
        rel = fabs(mpfr_get_d(e, MPFR_RNDN));
        if (rel > worst)
            worst = rel;
    }
    if (!(worst <= 0x1p-41))
    {
        TEST_REPORT("libm exp accurate to 2^-41 (the wedge filter's assumption)", "worst relative error %g",
                    worst);
        CU_FAIL("libm exp");
    }
    mpfr_clear(e);
}

/* The law of kind applied to the normals g (and the uniform u where the
   law takes one), as sampler.c defines it bit for bit. */
static void
law_apply(double *v, const double *g, slong len, sampler_kind kind, double scale, double u)
{
    slong i;
    double s = 0.0, norm, r;
    if (kind == SAMPLER_GAUSS)
    {
        for (i = 0; i < len; i++)
            v[i] = scale == 1.0 ? g[i] : scale * g[i];
        return;
    }
    if (kind == SAMPLER_SKEWED)
    {
        for (i = 0; i < len; i++)
            v[i] = scale * (g[i] + 0.5);
        return;
    }
    for (i = 0; i < len; i++)
    {
        double q = g[i] * g[i];
        s += q;
    }
    norm = sqrt(s);
    if (kind == SAMPLER_BALL)
        r = scale * pow(u, 1.0 / (double) len);
    else if (kind == SAMPLER_CAUCHY)
    {
        r = scale * fabs(tan(3.141592653589793 * (u - 0.5)));
        if (r == 0.0 || !isfinite(r))
            r = scale;
    }
    else
        r = scale;
    for (i = 0; i < len; i++)
        v[i] = r * (g[i] / norm);
}

/* sampler_draw follows its bit-level definition (the normals of the
   stream, then one uniform for the ball and Cauchy laws), and each
   symmetric law is an odd function of the normals bit for bit: the
   normals -g (what the stream gives with the sign bits of its accepted
   words flipped) give exactly -v.  The skewed control law is not odd,
   and the same comparison detects it. */
static void
test_laws_odd(void)
{
    int kind;
    slong it, n = test_iters(300);
    for (kind = 0; kind < SAMPLER_COUNT; kind++)
    {
        int odd_everywhere = 1;
        for (it = 0; it < n; it++)
        {
            rng_t r1, r2;
            double v[9], g[9], ng[9], w[9], wn[9], u = 0.0, scale = (it & 1) ? 1.0 : 2.5;
            slong len = 1 + it % 9, i;
            rng_init(r1, test_seed(), rng_stream_id("t-sampler/laws"), (uint64_t) (kind * 100000 + it));
            *r2 = *r1;
            sampler_draw(v, len, (sampler_kind) kind, scale, r1);
            rng_normal_fill(g, len, r2);
            if (kind == SAMPLER_BALL || kind == SAMPLER_CAUCHY)
                u = rng_uniform(r2);
            law_apply(w, g, len, (sampler_kind) kind, scale, u);
            for (i = 0; i < len; i++)
                ng[i] = -g[i];
            law_apply(wn, ng, len, (sampler_kind) kind, scale, u);
            for (i = 0; i < len; i++)
            {
                if (!same_bits(v[i], w[i]))
                {
                    TEST_REPORT("sampler_draw follows its definition", "law %s it=%ld i=%ld v=%a want %a",
                                sampler_name(kind), (long) it, (long) i, v[i], w[i]);
                    CU_FAIL("sampler definition");
                    return;
                }
                odd_everywhere &= same_bits(wn[i], -v[i]);
            }
        }
        if (odd_everywhere != sampler_is_symmetric((sampler_kind) kind))
        {
            TEST_REPORT("a law is odd in the normals exactly when it satisfies Assumption 1", "law %s odd=%d",
                        sampler_name(kind), odd_everywhere);
            CU_FAIL("law oddness");
        }
    }
}

int
t_sampler_register(void)
{
    CU_pSuite s = CU_add_suite("sampler", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "ziggurat tables against Arb", test_zig_tables) ||
        !CU_add_test(s, "sign symmetry bit for bit", test_sign_symmetry) ||
        !CU_add_test(s, "fill equals successive draws", test_fill_is_calls) ||
        !CU_add_test(s, "normal law: quantiles, chi-square, KS", test_normal_law) ||
        !CU_add_test(s, "exponential law", test_exponential_law) ||
        !CU_add_test(s, "wedge decision against MPFR", test_wedge_decision) ||
        !CU_add_test(s, "libm exp within the filter's margin", test_libm_exp_assumption) ||
        !CU_add_test(s, "laws: definition and exact oddness", test_laws_odd))
        return 1;
    return 0;
}

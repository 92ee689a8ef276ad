/* t-binom.c -- tests of the binomial tails and Clopper-Pearson limits.

   Oracles, all independent of the code under test:
   - exact rational tails summed term by term with fmpz_bin_uiui and
     fmpq powers;
   - closed forms (N = 1, p = 1/2, symmetry of Bin(N, 1/2));
   - MPFR: lngamma for the central binomial coefficient, and a forward
     recurrence from t_0 = q^N with directed rounding (all operations
     rounded up, resp. down), which gives rigorous upper, resp. lower,
     bounds of a lower tail;
   - Clopper-Pearson limits from a table, the table itself being checked
     against an MPFR bisection.
   The Clopper-Pearson property checkers are shown to fail on deliberately
   narrowed or widened intervals (negative controls). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "binom.h"
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* Local helpers                                                        */
/* ------------------------------------------------------------------ */

static uint64_t
splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* uniform in [0, n) for n >= 1 (modulo bias irrelevant here) */
static ulong
rand_below(uint64_t *state, ulong n)
{
    return (ulong) (splitmix64(state) % (uint64_t) n);
}

/* uniform double in (0, 1) */
static double
rand_unit(uint64_t *state)
{
    return ((double) (splitmix64(state) >> 11) + 0.5) * ldexp(1.0, -53);
}

/* x = exact value of the finite double d (arf_set_d is exact) */
static void
fmpq_set_double(fmpq_t x, double d)
{
    arf_t t;

    arf_init(t);
    arf_set_d(t, d);
    arf_get_fmpq(x, t);
    arf_clear(t);
}

/* Brute force P[Bin(N, p) <= k] = sum_{j <= k} C(N, j) p^j (1 - p)^(N - j). */
static void
brute_cdf_fmpq(fmpq_t out, ulong N, const fmpq_t p, ulong k)
{
    fmpq_t q, t, u;
    fmpz_t c;
    ulong j;

    fmpq_init(q);
    fmpq_init(t);
    fmpq_init(u);
    fmpz_init(c);

    fmpq_one(q);
    fmpq_sub(q, q, p);
    fmpq_zero(out);
    for (j = 0; j <= k && j <= N; j++)
    {
        fmpz_bin_uiui(c, N, j);
        fmpq_pow_si(t, p, (slong) j);
        fmpq_pow_si(u, q, (slong) (N - j));
        fmpq_mul(t, t, u);
        fmpq_mul_fmpz(t, t, c);
        fmpq_add(out, out, t);
    }

    fmpq_clear(q);
    fmpq_clear(t);
    fmpq_clear(u);
    fmpz_clear(c);
}

/* Directed-rounding bound of P[Bin(N, p) <= K] for an exact p in [0, 1]:
   rnd = MPFR_RNDU gives an upper bound, MPFR_RNDD a lower bound.  Forward
   recurrence t_0 = q^N, t_{j+1} = t_j (N - j)/(j + 1) * p/q; every
   operation is monotone in its operands and all quantities are
   nonnegative, so rounding each one in the same direction (and q in the
   matching direction where it divides) bounds the sum. */
static void
mpfr_cdf_bound(mpfr_t r, ulong N, const mpfr_t p, ulong K, mpfr_rnd_t rnd, mpfr_prec_t prec)
{
    mpfr_t qn, qd, ratio, t;
    mpfr_rnd_t opp = (rnd == MPFR_RNDU) ? MPFR_RNDD : MPFR_RNDU;
    ulong j;

    mpfr_init2(qn, prec);
    mpfr_init2(qd, prec);
    mpfr_init2(ratio, prec);
    mpfr_init2(t, prec);

    mpfr_ui_sub(qn, 1, p, rnd); /* q as a factor: rounded with rnd */
    mpfr_ui_sub(qd, 1, p, opp); /* q as a divisor: rounded against rnd */

    if (K >= N)
    {
        mpfr_set_ui(r, 1, rnd);
    }
    else if (mpfr_zero_p(qd) || mpfr_zero_p(qn))
    {
        /* p = 1: X = N, and K < N */
        mpfr_set_ui(r, 0, rnd);
    }
    else
    {
        mpfr_div(ratio, p, qd, rnd);
        mpfr_pow_ui(t, qn, N, rnd);
        mpfr_set(r, t, rnd);
        for (j = 0; j < K; j++)
        {
            mpfr_mul_ui(t, t, N - j, rnd);
            mpfr_div_ui(t, t, j + 1, rnd);
            mpfr_mul(t, t, ratio, rnd);
            mpfr_add(r, r, t, rnd);
        }
    }

    mpfr_clear(qn);
    mpfr_clear(qd);
    mpfr_clear(ratio);
    mpfr_clear(t);
}

/* ball containing the exact value of an mpfr number, widened by 2^e */
static void
arb_from_mpfr_tol(arb_t x, const mpfr_t m, slong e)
{
    arf_set_mpfr(arb_midref(x), m);
    mag_zero(arb_radref(x));
    arb_add_error_2exp_si(x, e);
}

/* ------------------------------------------------------------------ */
/* Exact rational tail                                                  */
/* ------------------------------------------------------------------ */

static void
test_cdf_fmpq_closed_forms(void)
{
    fmpq_t p, v, w;

    fmpq_init(p);
    fmpq_init(v);
    fmpq_init(w);

    /* N = 1, p = 1/2: P[X <= 0] = 1/2, P[X <= 1] = 1 */
    fmpq_set_si(p, 1, 2);
    binom_cdf_fmpq(v, 1, p, 0);
    fmpq_set_si(w, 1, 2);
    CU_ASSERT(fmpq_equal(v, w));
    binom_cdf_fmpq(v, 1, p, 1);
    CU_ASSERT(fmpq_is_one(v));

    /* N = 2, p = 1/3: P[X <= 0] = 4/9, P[X <= 1] = 8/9 */
    fmpq_set_si(p, 1, 3);
    binom_cdf_fmpq(v, 2, p, 0);
    fmpq_set_si(w, 4, 9);
    CU_ASSERT(fmpq_equal(v, w));
    binom_cdf_fmpq(v, 2, p, 1);
    fmpq_set_si(w, 8, 9);
    CU_ASSERT(fmpq_equal(v, w));

    /* N = 4, p = 1/2: P[X <= 1] = 5/16, P[X <= 2] = 11/16 */
    fmpq_set_si(p, 1, 2);
    binom_cdf_fmpq(v, 4, p, 1);
    fmpq_set_si(w, 5, 16);
    CU_ASSERT(fmpq_equal(v, w));
    binom_cdf_fmpq(v, 4, p, 2);
    fmpq_set_si(w, 11, 16);
    CU_ASSERT(fmpq_equal(v, w));

    /* p = 0: always 1; p = 1: 0 below N, 1 at N */
    fmpq_zero(p);
    binom_cdf_fmpq(v, 7, p, 0);
    CU_ASSERT(fmpq_is_one(v));
    fmpq_one(p);
    binom_cdf_fmpq(v, 7, p, 6);
    CU_ASSERT(fmpq_is_zero(v));
    binom_cdf_fmpq(v, 7, p, 7);
    CU_ASSERT(fmpq_is_one(v));
    binom_cdf_fmpq(v, 7, p, 100);
    CU_ASSERT(fmpq_is_one(v));

    /* N = 0: the empty sum of trials is 0 <= k */
    fmpq_set_si(p, 2, 7);
    binom_cdf_fmpq(v, 0, p, 0);
    CU_ASSERT(fmpq_is_one(v));

    fmpq_clear(p);
    fmpq_clear(v);
    fmpq_clear(w);
}

static void
test_cdf_fmpq_brute(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x1001);
    slong iter, n = test_iters(300);
    fmpq_t p, v, w;

    fmpq_init(p);
    fmpq_init(v);
    fmpq_init(w);

    for (iter = 0; iter < n; iter++)
    {
        ulong N = rand_below(&st, 61);
        ulong b = 1 + rand_below(&st, 1000);
        ulong a = rand_below(&st, b + 1);
        ulong k = rand_below(&st, N + 3);

        fmpq_set_si(p, (slong) a, b);
        binom_cdf_fmpq(v, N, p, k);
        brute_cdf_fmpq(w, N, p, k);

        if (!fmpq_equal(v, w))
        {
            TEST_REPORT("binom_cdf_fmpq == brute force", "N=%lu p=%lu/%lu k=%lu", (unsigned long) N,
                        (unsigned long) a, (unsigned long) b, (unsigned long) k);
            CU_FAIL("binom_cdf_fmpq differs from brute force");
            break;
        }
    }

    fmpq_clear(p);
    fmpq_clear(v);
    fmpq_clear(w);
}

/* ------------------------------------------------------------------ */
/* Ball tails against exact values                                      */
/* ------------------------------------------------------------------ */

static void
test_cdf_arb_vs_exact(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x2002);
    slong iter, n = test_iters(300);
    fmpq_t p, v, w;
    arb_t pb, x, y;

    fmpq_init(p);
    fmpq_init(v);
    fmpq_init(w);
    arb_init(pb);
    arb_init(x);
    arb_init(y);

    for (iter = 0; iter < n; iter++)
    {
        ulong N = rand_below(&st, 201);
        ulong k = rand_below(&st, N + 3);
        slong prec = 32 + (slong) rand_below(&st, 300);
        ulong a, b;
        int dyadic = (int) rand_below(&st, 2);

        if (dyadic)
        {
            /* p = a / 2^m is exactly representable: exact ball */
            ulong m = rand_below(&st, 40);
            b = UWORD(1) << (m % 30);
            a = rand_below(&st, b + 1);
        }
        else
        {
            /* p = a / b, usually not dyadic: the ball straddles p */
            b = 1 + rand_below(&st, UWORD(1) << 20);
            a = rand_below(&st, b + 1);
        }
        fmpq_set_si(p, (slong) a, b);
        arb_set_fmpq(pb, p, prec);

        binom_cdf_fmpq(v, N, p, k);
        binom_cdf_arb(x, N, pb, k, prec);

        if (!arb_contains_fmpq(x, v) || arb_rel_accuracy_bits(x) < prec / 2 - 10)
        {
            TEST_REPORT("binom_cdf_arb contains exact tail (and is tight)",
                        "N=%lu p=%lu/%lu k=%lu prec=%ld relacc=%ld", (unsigned long) N, (unsigned long) a,
                        (unsigned long) b, (unsigned long) k, (long) prec, (long) arb_rel_accuracy_bits(x));
            CU_FAIL("binom_cdf_arb does not contain the exact value");
            break;
        }

        /* P[X >= k] = 1 - P[X <= k - 1] */
        if (k == 0)
            fmpq_one(w);
        else
        {
            binom_cdf_fmpq(w, N, p, k - 1);
            fmpq_sub_si(w, w, 1);
            fmpq_neg(w, w);
        }
        binom_sf_arb(y, N, pb, k, prec);
        if (!arb_contains_fmpq(y, w))
        {
            TEST_REPORT("binom_sf_arb contains 1 - exact cdf(k - 1)", "N=%lu p=%lu/%lu k=%lu prec=%ld",
                        (unsigned long) N, (unsigned long) a, (unsigned long) b, (unsigned long) k,
                        (long) prec);
            CU_FAIL("binom_sf_arb does not contain the exact value");
            break;
        }
    }

    fmpq_clear(p);
    fmpq_clear(v);
    fmpq_clear(w);
    arb_clear(pb);
    arb_clear(x);
    arb_clear(y);
}

/* Wide balls: the enclosure must contain the tail at every rational point
   of the ball (checked at a few of them). */
static void
test_cdf_arb_wide_ball(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x3003);
    slong iter, n = test_iters(100);
    fmpq_t c, r, pt, v;
    arb_t pb, x, y;
    int i;

    fmpq_init(c);
    fmpq_init(r);
    fmpq_init(pt);
    fmpq_init(v);
    arb_init(pb);
    arb_init(x);
    arb_init(y);

    for (iter = 0; iter < n; iter++)
    {
        ulong N = 1 + rand_below(&st, 100);
        ulong k = rand_below(&st, N + 1);
        ulong b = 1 + rand_below(&st, 1000);
        ulong a = rand_below(&st, b + 1);
        slong m = 1 + (slong) rand_below(&st, 20);
        int bad = 0;

        /* ball [c +- 2^-m], possibly sticking out of [0, 1] */
        fmpq_set_si(c, (slong) a, b);
        arb_set_fmpq(pb, c, 128);
        arb_add_error_2exp_si(pb, -m);
        binom_cdf_arb(x, N, pb, k, 128);
        binom_sf_arb(y, N, pb, k, 128);

        for (i = -4; i <= 4; i++)
        {
            /* pt = c + i 2^-m / 4, kept if in [0, 1] */
            fmpq_set_si(r, i, 4);
            fmpq_div_2exp(r, r, m);
            fmpq_add(pt, c, r);
            if (fmpq_sgn(pt) < 0 || fmpq_cmp_ui(pt, 1) > 0)
                continue;

            binom_cdf_fmpq(v, N, pt, k);
            if (!arb_contains_fmpq(x, v))
                bad = 1;
            if (k == 0)
                fmpq_one(v);
            else
            {
                binom_cdf_fmpq(v, N, pt, k - 1);
                fmpq_sub_si(v, v, 1);
                fmpq_neg(v, v);
            }
            if (!arb_contains_fmpq(y, v))
                bad = 1;
        }

        if (bad)
        {
            TEST_REPORT("tail over a wide ball contains the tail at its points",
                        "N=%lu k=%lu c=%lu/%lu rad=2^-%ld", (unsigned long) N, (unsigned long) k,
                        (unsigned long) a, (unsigned long) b, (long) m);
            CU_FAIL("wide-ball tail misses a point value");
            break;
        }
    }

    fmpq_clear(c);
    fmpq_clear(r);
    fmpq_clear(pt);
    fmpq_clear(v);
    arb_clear(pb);
    arb_clear(x);
    arb_clear(y);
}

static void
test_cdf_arb_edges(void)
{
    arb_t p, x;
    ulong k;

    arb_init(p);
    arb_init(x);

    /* p = 0 exactly */
    arb_zero(p);
    for (k = 0; k <= 6; k++)
    {
        binom_cdf_arb(x, 5, p, k, 64);
        CU_ASSERT(arb_is_one(x));
        binom_sf_arb(x, 5, p, k, 64);
        CU_ASSERT(k == 0 ? arb_is_one(x) : arb_is_zero(x));
    }

    /* p = 1 exactly */
    arb_one(p);
    for (k = 0; k <= 6; k++)
    {
        binom_cdf_arb(x, 5, p, k, 64);
        CU_ASSERT(k >= 5 ? arb_is_one(x) : arb_is_zero(x));
        binom_sf_arb(x, 5, p, k, 64);
        CU_ASSERT(k <= 5 ? arb_is_one(x) : arb_is_zero(x));
    }

    /* k >= N and N = 0, whatever p */
    arb_set_d(p, 0.3);
    binom_cdf_arb(x, 5, p, 5, 64);
    CU_ASSERT(arb_is_one(x));
    binom_cdf_arb(x, 5, p, 1000, 64);
    CU_ASSERT(arb_is_one(x));
    binom_sf_arb(x, 5, p, 6, 64);
    CU_ASSERT(arb_is_zero(x));
    binom_cdf_arb(x, 0, p, 0, 64);
    CU_ASSERT(arb_is_one(x));
    binom_sf_arb(x, 0, p, 0, 64);
    CU_ASSERT(arb_is_one(x));
    binom_sf_arb(x, 0, p, 1, 64);
    CU_ASSERT(arb_is_zero(x));

    /* N = 1, p = 1/2 */
    arb_set_d(p, 0.5);
    binom_cdf_arb(x, 1, p, 0, 64);
    CU_ASSERT(arb_contains_si(x, 1) == 0);
    {
        fmpq_t h;
        fmpq_init(h);
        fmpq_set_si(h, 1, 2);
        CU_ASSERT(arb_contains_fmpq(x, h));
        fmpq_clear(h);
    }

    /* balls straddling 0 and 1: [0 +- 2^-10] contains p = 0 (tail 1) */
    arb_zero(p);
    arb_add_error_2exp_si(p, -10);
    binom_cdf_arb(x, 50, p, 3, 64);
    CU_ASSERT(arb_contains_si(x, 1));
    CU_ASSERT(arb_is_finite(x));
    arb_one(p);
    arb_add_error_2exp_si(p, -10);
    binom_cdf_arb(x, 50, p, 3, 64);
    CU_ASSERT(arb_contains_si(x, 0));
    CU_ASSERT(arb_is_finite(x));

    /* a ball covering all of [0, 1] gives (at least) [0, 1] */
    arb_set_d(p, 0.5);
    mag_inf(arb_radref(p));
    binom_cdf_arb(x, 50, p, 3, 64);
    CU_ASSERT(arb_contains_si(x, 0) && arb_contains_si(x, 1));
    binom_sf_arb(x, 50, p, 3, 64);
    CU_ASSERT(arb_contains_si(x, 0) && arb_contains_si(x, 1));

    /* a ball missing [0, 1] has no meaningful tail: must not claim one */
    arb_set_d(p, 2.0);
    binom_cdf_arb(x, 50, p, 3, 64);
    CU_ASSERT(!arb_is_finite(x));

    arb_clear(p);
    arb_clear(x);
}

/* sf(k) + cdf(k - 1) = 1, at random N up to 10^5 and random double p */
static void
test_sf_cdf_complement(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x4004);
    slong iter, n = test_iters(60);
    arb_t p, x, y;

    arb_init(p);
    arb_init(x);
    arb_init(y);

    for (iter = 0; iter < n; iter++)
    {
        ulong N = 1 + rand_below(&st, 100000);
        double pd = rand_unit(&st);
        ulong k, c;
        slong prec = 64 + (slong) rand_below(&st, 200);

        /* k near the mean most of the time, anywhere otherwise */
        if (rand_below(&st, 4) != 0)
        {
            double sd = sqrt(N * pd * (1 - pd)) + 1;
            double kk = N * pd + sd * (8 * rand_unit(&st) - 4);
            c = (kk < 1) ? 1 : (kk > N) ? N : (ulong) kk;
        }
        else
            c = 1 + rand_below(&st, N);
        k = c;

        arb_set_d(p, pd);
        binom_sf_arb(x, N, p, k, prec);
        binom_cdf_arb(y, N, p, k - 1, prec);
        arb_add(x, x, y, prec);

        if (!arb_contains_si(x, 1) || arb_rel_accuracy_bits(x) < prec - 10)
        {
            TEST_REPORT("sf(k) + cdf(k-1) contains 1 (tightly)", "N=%lu p=%.17g k=%lu prec=%ld relacc=%ld",
                        (unsigned long) N, pd, (unsigned long) k, (long) prec,
                        (long) arb_rel_accuracy_bits(x));
            CU_FAIL("sf + cdf complement fails");
            break;
        }
    }

    arb_clear(p);
    arb_clear(x);
    arb_clear(y);
}

/* N = 10^6, p = 1/2: P[X <= N/2 - 1] = (1 - C(N, N/2) / 2^N) / 2 and
   P[X <= N/2] = (1 + C(N, N/2) / 2^N) / 2, with the central term computed
   by MPFR in log space. */
static void
test_cdf_arb_large_symmetric(void)
{
    const ulong N = 1000000;
    const slong prec = 128;
    mpfr_t c, t;
    arb_t p, x, ref;
    int sgn;

    mpfr_init2(c, 400);
    mpfr_init2(t, 400);
    arb_init(p);
    arb_init(x);
    arb_init(ref);

    /* log C(N, N/2) - N log 2; absolute error ~ 2^-370, relative after exp */
    mpfr_set_ui(t, N + 1, MPFR_RNDN);
    mpfr_lngamma(c, t, MPFR_RNDN);
    mpfr_set_ui(t, N / 2 + 1, MPFR_RNDN);
    mpfr_lngamma(t, t, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
    mpfr_sub(c, c, t, MPFR_RNDN);
    mpfr_const_log2(t, MPFR_RNDN);
    mpfr_mul_ui(t, t, N, MPFR_RNDN);
    mpfr_sub(c, c, t, MPFR_RNDN);
    mpfr_exp(c, c, MPFR_RNDN);

    arb_set_d(p, 0.5);

    for (sgn = -1; sgn <= 1; sgn += 2)
    {
        ulong k = (sgn < 0) ? N / 2 - 1 : N / 2;

        if (sgn < 0)
            mpfr_ui_sub(t, 1, c, MPFR_RNDN);
        else
            mpfr_add_ui(t, c, 1, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        arb_from_mpfr_tol(ref, t, -300);

        binom_cdf_arb(x, N, p, k, prec);
        if (!arb_overlaps(x, ref) || arb_rel_accuracy_bits(x) < 100)
        {
            TEST_REPORT("Bin(10^6, 1/2) symmetric tail, tight to 2^-100 at prec 128", "k=%lu relacc=%ld",
                        (unsigned long) k, (long) arb_rel_accuracy_bits(x));
            CU_FAIL("large-N symmetric tail wrong or loose");
        }

        /* the same through the survival function: P[X >= k + 1] = 1 - cdf */
        binom_sf_arb(x, N, p, k + 1, prec);
        arb_neg(x, x);
        arb_add_ui(x, x, 1, prec);
        if (!arb_overlaps(x, ref) || arb_rel_accuracy_bits(x) < 100)
        {
            TEST_REPORT("Bin(10^6, 1/2) symmetric tail via sf", "k=%lu relacc=%ld", (unsigned long) k,
                        (long) arb_rel_accuracy_bits(x));
            CU_FAIL("large-N symmetric tail via sf wrong or loose");
        }
    }

    mpfr_clear(c);
    mpfr_clear(t);
    arb_clear(p);
    arb_clear(x);
    arb_clear(ref);
}

/* N = 20000, p = 5/16 (exact in both arb and MPFR) against the forward
   recurrence in MPFR with directed rounding, on both sides of the mean
   6250 and in the far tails. */
static void
test_cdf_arb_mpfr_forward(void)
{
    const ulong N = 20000;
    const ulong ks[] = {5500, 6100, 6249, 6250, 6400, 7000};
    mpfr_t p, lo, hi;
    arb_t pb, x, ref;
    size_t i;

    mpfr_init2(p, 64);
    mpfr_init2(lo, 320);
    mpfr_init2(hi, 320);
    arb_init(pb);
    arb_init(x);
    arb_init(ref);

    mpfr_set_ui(p, 5, MPFR_RNDN);
    mpfr_div_2ui(p, p, 4, MPFR_RNDN);
    arb_set_ui(pb, 5);
    arb_mul_2exp_si(pb, pb, -4);

    for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
    {
        mpfr_cdf_bound(lo, N, p, ks[i], MPFR_RNDD, 320);
        mpfr_cdf_bound(hi, N, p, ks[i], MPFR_RNDU, 320);
        binom_cdf_arb(x, N, pb, ks[i], 160);

        /* the exact value is in [lo, hi]; the ball must meet that range and
           be tight relative to the value */
        arf_set_mpfr(arb_midref(ref), lo);
        mag_zero(arb_radref(ref));
        {
            arb_t h;
            arb_init(h);
            arf_set_mpfr(arb_midref(h), hi);
            arb_union(ref, ref, h, 400);
            arb_clear(h);
        }

        if (!arb_overlaps(x, ref) || arb_rel_accuracy_bits(x) < 130)
        {
            TEST_REPORT("Bin(20000, 5/16) tail vs MPFR forward sum", "k=%lu relacc=%ld",
                        (unsigned long) ks[i], (long) arb_rel_accuracy_bits(x));
            CU_FAIL("tail differs from MPFR forward sum");
        }
    }

    mpfr_clear(p);
    mpfr_clear(lo);
    mpfr_clear(hi);
    arb_clear(pb);
    arb_clear(x);
    arb_clear(ref);
}

/* Millions of trials: complement identity and tightness; p close to 0 and
   to 1 as well. */
static void
test_cdf_arb_huge(void)
{
    const ulong Ns[] = {5000000, 10000000};
    const double ps[] = {0.5, 0.3, 1e-6, 1 - 1e-6};
    arb_t p, x, y;
    size_t i, j;
    int d;

    arb_init(p);
    arb_init(x);
    arb_init(y);

    for (i = 0; i < sizeof(Ns) / sizeof(Ns[0]); i++)
        for (j = 0; j < sizeof(ps) / sizeof(ps[0]); j++)
            for (d = -2; d <= 2; d++)
            {
                ulong N = Ns[i];
                double sd = sqrt(N * ps[j] * (1 - ps[j]));
                double kk = N * ps[j] + d * sd;
                ulong k = (kk < 1) ? 1 : (ulong) kk;

                arb_set_d(p, ps[j]);
                binom_cdf_arb(x, N, p, k, 128);
                binom_sf_arb(y, N, p, k + 1, 128);
                if (arb_rel_accuracy_bits(x) < 100 || arb_rel_accuracy_bits(y) < 100)
                {
                    TEST_REPORT("huge-N tails tight", "N=%lu p=%.17g k=%lu relacc=%ld,%ld", (unsigned long) N,
                                ps[j], (unsigned long) k, (long) arb_rel_accuracy_bits(x),
                                (long) arb_rel_accuracy_bits(y));
                    CU_FAIL("huge-N tail loose");
                }
                arb_add(x, x, y, 128);
                if (!arb_contains_si(x, 1))
                {
                    TEST_REPORT("huge-N cdf(k) + sf(k+1) = 1", "N=%lu p=%.17g k=%lu", (unsigned long) N,
                                ps[j], (unsigned long) k);
                    CU_FAIL("huge-N complement identity fails");
                }
            }

    arb_clear(p);
    arb_clear(x);
    arb_clear(y);
}

/* ------------------------------------------------------------------ */
/* Clopper-Pearson                                                      */
/* ------------------------------------------------------------------ */

/* Exact property check of an upper limit for small N: hi is a valid upper
   limit (P[Bin(N, hi) <= K] <= a) and, if close is set, within 2^-40 of the
   exact limit (P[Bin(N, hi - 2^-40) <= K] > a).  Returns 1 if the property
   holds. */
static int
cp_hi_ok_exact(ulong N, ulong K, double a, const arf_t hi, int close)
{
    fmpq_t h, v, aq;
    int ok = 1;

    if (K >= N)
        return arf_is_one(hi);

    fmpq_init(h);
    fmpq_init(v);
    fmpq_init(aq);
    fmpq_set_double(aq, a);
    arf_get_fmpq(h, hi);

    if (fmpq_sgn(h) < 0 || fmpq_cmp_ui(h, 1) > 0)
        ok = 0;
    else
    {
        binom_cdf_fmpq(v, N, h, K);
        if (fmpq_cmp(v, aq) > 0)
            ok = 0;
    }

    if (ok && close)
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_one(e);
        fmpq_div_2exp(e, e, 40);
        fmpq_sub(h, h, e);
        /* hi < 2^-40 with 0 <= root <= hi is close enough */
        if (fmpq_sgn(h) > 0)
        {
            binom_cdf_fmpq(v, N, h, K);
            if (fmpq_cmp(v, aq) <= 0)
                ok = 0;
        }
        fmpq_clear(e);
    }

    fmpq_clear(h);
    fmpq_clear(v);
    fmpq_clear(aq);
    return ok;
}

/* The same for a lower limit: P[Bin(N, lo) >= K] <= a and
   P[Bin(N, lo + 2^-40) >= K] > a. */
static int
cp_lo_ok_exact(ulong N, ulong K, double a, const arf_t lo, int close)
{
    fmpq_t l, v, aq;
    int ok = 1;

    if (K == 0)
        return arf_is_zero(lo);

    fmpq_init(l);
    fmpq_init(v);
    fmpq_init(aq);
    fmpq_set_double(aq, a);
    arf_get_fmpq(l, lo);

    if (fmpq_sgn(l) < 0 || fmpq_cmp_ui(l, 1) > 0)
        ok = 0;
    else
    {
        /* P[X >= K] = 1 - P[X <= K - 1] */
        binom_cdf_fmpq(v, N, l, K - 1);
        fmpq_sub_si(v, v, 1);
        fmpq_neg(v, v);
        if (fmpq_cmp(v, aq) > 0)
            ok = 0;
    }

    if (ok && close)
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_one(e);
        fmpq_div_2exp(e, e, 40);
        fmpq_add(l, l, e);
        if (fmpq_cmp_ui(l, 1) < 0)
        {
            binom_cdf_fmpq(v, N, l, K - 1);
            fmpq_sub_si(v, v, 1);
            fmpq_neg(v, v);
            if (fmpq_cmp(v, aq) <= 0)
                ok = 0;
        }
        fmpq_clear(e);
    }

    fmpq_clear(l);
    fmpq_clear(v);
    fmpq_clear(aq);
    return ok;
}

/* Property check with MPFR directed-rounding bounds, for large N and K
   small (lower tails of K + 1 terms) -- or any K when N is moderate. */
static int
cp_hi_ok_mpfr(ulong N, ulong K, double a, const arf_t hi, int close)
{
    mpfr_t h, v;
    int ok = 1;

    if (K >= N)
        return arf_is_one(hi);

    mpfr_init2(h, 256);
    mpfr_init2(v, 256);
    arf_get_mpfr(h, hi, MPFR_RNDN); /* exact: hi has few bits */

    if (mpfr_sgn(h) < 0 || mpfr_cmp_ui(h, 1) > 0)
        ok = 0;
    else
    {
        mpfr_cdf_bound(v, N, h, K, MPFR_RNDU, 256);
        if (mpfr_cmp_d(v, a) > 0)
            ok = 0;
    }

    if (ok && close)
    {
        mpfr_sub_d(h, h, ldexp(1.0, -40), MPFR_RNDN); /* exact */
        if (mpfr_sgn(h) > 0)
        {
            mpfr_cdf_bound(v, N, h, K, MPFR_RNDD, 256);
            if (mpfr_cmp_d(v, a) <= 0)
                ok = 0;
        }
    }

    mpfr_clear(h);
    mpfr_clear(v);
    return ok;
}

static int
cp_lo_ok_mpfr(ulong N, ulong K, double a, const arf_t lo, int close)
{
    mpfr_t l, v;
    int ok = 1;

    if (K == 0)
        return arf_is_zero(lo);

    mpfr_init2(l, 256);
    mpfr_init2(v, 256);
    arf_get_mpfr(l, lo, MPFR_RNDN);

    if (mpfr_sgn(l) < 0 || mpfr_cmp_ui(l, 1) > 0)
        ok = 0;
    else
    {
        /* upper bound of 1 - P[X <= K - 1] from a lower bound of the cdf */
        mpfr_cdf_bound(v, N, l, K - 1, MPFR_RNDD, 256);
        mpfr_ui_sub(v, 1, v, MPFR_RNDU);
        if (mpfr_cmp_d(v, a) > 0)
            ok = 0;
    }

    if (ok && close)
    {
        mpfr_add_d(l, l, ldexp(1.0, -40), MPFR_RNDN);
        if (mpfr_cmp_ui(l, 1) < 0)
        {
            mpfr_cdf_bound(v, N, l, K - 1, MPFR_RNDU, 256);
            mpfr_ui_sub(v, 1, v, MPFR_RNDD);
            if (mpfr_cmp_d(v, a) <= 0)
                ok = 0;
        }
    }

    mpfr_clear(l);
    mpfr_clear(v);
    return ok;
}

/* Independent Clopper-Pearson limit by MPFR bisection (round-to-nearest
   forward sums), to 2^-80: upper (side > 0) or lower (side < 0). */
static void
mpfr_cp_limit(mpfr_t root, ulong N, ulong K, double a, int side)
{
    mpfr_t l, h, m, v;
    int i;

    mpfr_init2(l, 200);
    mpfr_init2(h, 200);
    mpfr_init2(m, 200);
    mpfr_init2(v, 200);
    mpfr_set_ui(l, 0, MPFR_RNDN);
    mpfr_set_ui(h, 1, MPFR_RNDN);

    for (i = 0; i < 80; i++)
    {
        mpfr_add(m, l, h, MPFR_RNDN);
        mpfr_div_2ui(m, m, 1, MPFR_RNDN);
        if (side > 0)
        {
            /* P[X <= K] decreasing: above a means the root is to the right */
            mpfr_cdf_bound(v, N, m, K, MPFR_RNDN, 200);
            if (mpfr_cmp_d(v, a) > 0)
                mpfr_set(l, m, MPFR_RNDN);
            else
                mpfr_set(h, m, MPFR_RNDN);
        }
        else
        {
            /* P[X >= K] = 1 - P[X <= K - 1] increasing */
            mpfr_cdf_bound(v, N, m, K - 1, MPFR_RNDN, 200);
            mpfr_ui_sub(v, 1, v, MPFR_RNDN);
            if (mpfr_cmp_d(v, a) < 0)
                mpfr_set(l, m, MPFR_RNDN);
            else
                mpfr_set(h, m, MPFR_RNDN);
        }
    }
    mpfr_set(root, l, MPFR_RNDN);

    mpfr_clear(l);
    mpfr_clear(h);
    mpfr_clear(m);
    mpfr_clear(v);
}

static void
test_cp_table(void)
{
    /* 95% two-sided Clopper-Pearson (a = 0.025 per side), rounded to 5
       digits; -1 marks the exact ends 0 and 1 */
    static const struct
    {
        ulong N, K;
        double lo, hi;
    } tab[] = {
        {10, 0, -1, 0.30850},  {10, 5, 0.18709, 0.81291}, {100, 50, 0.39832, 0.60168},
        {20, 20, 0.83157, -1}, {1, 0, -1, 0.975},         {1, 1, 0.025, -1},
    };
    const double a = 0.025;
    arf_t lo, hi;
    mpfr_t r;
    size_t i;

    arf_init(lo);
    arf_init(hi);
    mpfr_init2(r, 200);

    for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
    {
        ulong N = tab[i].N, K = tab[i].K;
        double l, h;
        int ok = 1;

        binom_cp_interval(lo, hi, N, K, a);
        l = arf_get_d(lo, ARF_RND_NEAR);
        h = arf_get_d(hi, ARF_RND_NEAR);

        if (tab[i].lo < 0)
            ok = ok && arf_is_zero(lo);
        else
        {
            /* first trust the table: it matches an MPFR bisection */
            mpfr_cp_limit(r, N, K, a, -1);
            ok = ok && fabs(mpfr_get_d(r, MPFR_RNDN) - tab[i].lo) <= 0.5e-5 + 1e-12;
            ok = ok && l <= tab[i].lo + 1e-5 && fabs(l - tab[i].lo) <= 1e-4;
            /* and the returned value is outward and within 2^-40 of it */
            mpfr_sub_d(r, r, l, MPFR_RNDN);
            ok = ok && mpfr_sgn(r) >= 0 && mpfr_cmp_d(r, ldexp(1.0, -40) + ldexp(1.0, -70)) <= 0;
        }

        if (tab[i].hi < 0)
            ok = ok && arf_is_one(hi);
        else
        {
            mpfr_cp_limit(r, N, K, a, 1);
            ok = ok && fabs(mpfr_get_d(r, MPFR_RNDN) - tab[i].hi) <= 0.5e-5 + 1e-12;
            ok = ok && h >= tab[i].hi - 1e-5 && fabs(h - tab[i].hi) <= 1e-4;
            mpfr_d_sub(r, h, r, MPFR_RNDN);
            ok = ok && mpfr_cmp_d(r, -ldexp(1.0, -70)) >= 0 &&
                 mpfr_cmp_d(r, ldexp(1.0, -40) + ldexp(1.0, -70)) <= 0;
        }

        ok = ok && cp_hi_ok_exact(N, K, a, hi, 1) && cp_lo_ok_exact(N, K, a, lo, 1);

        if (!ok)
        {
            TEST_REPORT("Clopper-Pearson table (a = 0.025)", "N=%lu K=%lu got [%.10f, %.10f]",
                        (unsigned long) N, (unsigned long) K, l, h);
            CU_FAIL("Clopper-Pearson limits differ from the table");
        }
    }

    /* closed forms: N = 1: [0, 1 - a] and [a, 1]; K = 0: hi = 1 - a^(1/N) */
    for (i = 0; i < 3; i++)
    {
        const double as[] = {0.025, 0.005, 1e-9};
        double x;

        binom_cp_interval(lo, hi, 1, 0, as[i]);
        x = arf_get_d(hi, ARF_RND_NEAR);
        CU_ASSERT(arf_is_zero(lo));
        CU_ASSERT(x >= 1 - as[i] && x - (1 - as[i]) <= ldexp(1.0, -40));
        binom_cp_interval(lo, hi, 1, 1, as[i]);
        x = arf_get_d(lo, ARF_RND_NEAR);
        CU_ASSERT(arf_is_one(hi));
        CU_ASSERT(x <= as[i] && as[i] - x <= ldexp(1.0, -40));

        binom_cp_interval(lo, hi, 37, 0, as[i]);
        x = arf_get_d(hi, ARF_RND_NEAR);
        CU_ASSERT(fabs(x - (1 - pow(as[i], 1.0 / 37))) < 1e-11);
    }

    arf_clear(lo);
    arf_clear(hi);
    mpfr_clear(r);
}

static void
test_cp_random_exact(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x5005);
    slong iter, n = test_iters(60);
    arf_t lo, hi;

    arf_init(lo);
    arf_init(hi);

    for (iter = 0; iter < n; iter++)
    {
        ulong N = (iter % 10 == 9) ? 200 + rand_below(&st, 1800) : 1 + rand_below(&st, 80);
        ulong K = rand_below(&st, N + 1);
        double a;

        switch (rand_below(&st, 3))
        {
        case 0:
            a = 0.025;
            break;
        case 1:
            a = 0.5 * rand_unit(&st);
            break;
        default:
            a = pow(10.0, -1 - 12 * rand_unit(&st));
        }

        binom_cp_interval(lo, hi, N, K, a);

        if (!cp_hi_ok_exact(N, K, a, hi, 1) || !cp_lo_ok_exact(N, K, a, lo, 1) || arf_cmp(lo, hi) > 0)
        {
            TEST_REPORT("Clopper-Pearson limits valid and within 2^-40 (exact check)",
                        "N=%lu K=%lu a=%.17g lo=%.17g hi=%.17g", (unsigned long) N, (unsigned long) K, a,
                        arf_get_d(lo, ARF_RND_NEAR), arf_get_d(hi, ARF_RND_NEAR));
            CU_FAIL("Clopper-Pearson property fails");
            break;
        }
    }

    arf_clear(lo);
    arf_clear(hi);
}

/* Limits that are exact dyadic numbers (the tail equals a exactly there,
   so no enclosure can decide the comparison at the root itself). */
/* binom_cp_upper_ge against an exact oracle: u >= b iff the exact
   rational tail P[Bin(N, b) <= K] (binom_cdf_fmpq) is >= a, for rational
   b near the limit (from the printed hi, nudged by less than the 2^-40
   tolerance of the interval, where only the exact decision is right) */
static void
test_cp_upper_ge_exact(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x6006);
    slong iter, n = test_iters(60);
    arf_t lo, hi;
    arb_t bb;
    fmpq_t b, tl, aq;

    arf_init(lo);
    arf_init(hi);
    arb_init(bb);
    fmpq_init(b);
    fmpq_init(tl);
    fmpq_init(aq);
    for (iter = 0; iter < n; iter++)
    {
        ulong N = 1 + rand_below(&st, 60), K = rand_below(&st, N + 1);
        double a = 0.5 * rand_unit(&st) + 1e-6;
        truth_t got, want;
        slong shift = -(slong) rand_below(&st, 60);

        binom_cp_interval(lo, hi, N, K, a);
        /* b = hi + s 2^shift, s in {-1, 0, 1}, clamped to [0, 1] */
        arf_get_fmpq(b, hi);
        {
            fmpq_t e;
            fmpq_init(e);
            fmpq_one(e);
            if (shift < 0)
                fmpq_div_2exp(e, e, (ulong) -shift);
            switch (rand_below(&st, 3))
            {
            case 0:
                fmpq_sub(b, b, e);
                break;
            case 1:
                fmpq_add(b, b, e);
                break;
            default:
                break;
            }
            fmpq_clear(e);
        }
        if (fmpq_sgn(b) < 0)
            fmpq_zero(b);
        if (fmpq_cmp_si(b, 1) > 0)
            fmpq_one(b);
        arb_set_fmpq(bb, b, 1024); /* b is dyadic with < 128 bits: exact */
        CU_ASSERT_FATAL(arb_is_exact(bb));
        binom_cdf_fmpq(tl, N, b, K);
        bc_fmpq_set_d(aq, a);
        want = fmpq_cmp(tl, aq) >= 0 ? BC_TRUE : BC_FALSE;
        got = binom_cp_upper_ge(N, K, a, bb);
        if (got != want)
        {
            char *sb = fmpq_get_str(NULL, 10, b);
            TEST_REPORT("u >= b decided exactly", "N=%lu K=%lu a=%.17g b=%s: got %s want %s",
                        (unsigned long) N, (unsigned long) K, a, sb, bc_truth_str(got), bc_truth_str(want));
            flint_free(sb);
            CU_FAIL("binom_cp_upper_ge");
            break;
        }
    }
    /* the ends: b <= 0 and b > 1, and K = N */
    arb_set_si(bb, -1);
    CU_ASSERT_EQUAL(binom_cp_upper_ge(10, 0, 0.01, bb), BC_TRUE);
    arb_set_si(bb, 2);
    CU_ASSERT_EQUAL(binom_cp_upper_ge(10, 10, 0.01, bb), BC_FALSE);
    arb_one(bb);
    CU_ASSERT_EQUAL(binom_cp_upper_ge(10, 10, 0.01, bb), BC_TRUE);
    CU_ASSERT_EQUAL(binom_cp_upper_ge(10, 9, 0.01, bb), BC_FALSE);
    arf_clear(lo);
    arf_clear(hi);
    arb_clear(bb);
    fmpq_clear(b);
    fmpq_clear(tl);
    fmpq_clear(aq);
}

static void
test_cp_dyadic_roots(void)
{
    static const struct
    {
        ulong N, K;
        double a;
    } cases[] = {
        {1, 0, 0.5},    /* hi = 1/2 */
        {1, 1, 0.5},    /* lo = 1/2 */
        {2, 0, 0.25},   /* hi = 1/2 */
        {4, 0, 0.0625}, /* hi = 1/2 */
        {2, 2, 0.25},   /* lo = 1/2 */
        {3, 0, 0.125},  /* hi = 1/2 */
        {2, 0, 0.5625}, /* hi = 1/4 */
    };
    arf_t lo, hi;
    size_t i;

    arf_init(lo);
    arf_init(hi);

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    {
        binom_cp_interval(lo, hi, cases[i].N, cases[i].K, cases[i].a);
        if (!cp_hi_ok_exact(cases[i].N, cases[i].K, cases[i].a, hi, 1) ||
            !cp_lo_ok_exact(cases[i].N, cases[i].K, cases[i].a, lo, 1))
        {
            TEST_REPORT("Clopper-Pearson at a dyadic limit", "N=%lu K=%lu a=%.17g",
                        (unsigned long) cases[i].N, (unsigned long) cases[i].K, cases[i].a);
            CU_FAIL("Clopper-Pearson at a dyadic limit fails");
        }
    }

    arf_clear(lo);
    arf_clear(hi);
}

/* Large N, checked with the MPFR directed-rounding oracle on short tails
   (K or N - K small), and against the normal approximation at K = N/2. */
static void
test_cp_large(void)
{
    const ulong Ns[] = {1000000, 10000000};
    arf_t lo, hi;
    size_t i;
    ulong d;

    arf_init(lo);
    arf_init(hi);

    for (i = 0; i < sizeof(Ns) / sizeof(Ns[0]); i++)
    {
        ulong N = Ns[i];
        double x, y, half;

        for (d = 0; d <= 3; d++)
        {
            /* K = d: upper limit is a short lower tail */
            binom_cp_interval(lo, hi, N, d, 0.025);
            if (!cp_hi_ok_mpfr(N, d, 0.025, hi, 1))
            {
                TEST_REPORT("large-N upper limit (MPFR check)", "N=%lu K=%lu", (unsigned long) N,
                            (unsigned long) d);
                CU_FAIL("large-N upper limit fails");
            }
            /* K = N - d: lower limit is a short upper tail, which the MPFR
               check sums as 1 - (long lower tail): use the identity
               P[Bin(N, p) >= N - d] = P[Bin(N, 1 - p) <= d] instead */
            binom_cp_interval(lo, hi, N, N - d, 0.025);
            arf_sub_ui(lo, lo, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_neg(lo, lo); /* 1 - lo is an upper limit for K = d */
            if (!cp_hi_ok_mpfr(N, d, 0.025, lo, 1) || (d == 0) != (arf_is_one(hi) != 0))
            {
                TEST_REPORT("large-N lower limit (MPFR check)", "N=%lu K=N-%lu", (unsigned long) N,
                            (unsigned long) d);
                CU_FAIL("large-N lower limit fails");
            }
        }

        /* K = N/2: CP limits are 1/2 -+ 1.95996 sqrt(1/(4N)) up to O(1/N) */
        binom_cp_interval(lo, hi, N, N / 2, 0.025);
        x = arf_get_d(lo, ARF_RND_NEAR);
        y = arf_get_d(hi, ARF_RND_NEAR);
        half = 1.959963984540054 * 0.5 / sqrt((double) N);
        if (fabs(x - (0.5 - half)) > 5.0 / N || fabs(y - (0.5 + half)) > 5.0 / N ||
            fabs(x + y - 1) > ldexp(1.0, -39))
        {
            TEST_REPORT("large-N central interval", "N=%lu lo=%.17g hi=%.17g", (unsigned long) N, x, y);
            CU_FAIL("large-N central interval off");
        }
    }

    /* moderate N, central K: full MPFR forward-sum check */
    binom_cp_interval(lo, hi, 20000, 7000, 0.01);
    if (!cp_hi_ok_mpfr(20000, 7000, 0.01, hi, 1) || !cp_lo_ok_mpfr(20000, 7000, 0.01, lo, 1))
    {
        TEST_REPORT("N = 20000, K = 7000 limits (MPFR check)", "a=0.01");
        CU_FAIL("moderate-N limits fail");
    }

    arf_clear(lo);
    arf_clear(hi);
}

/* Negative controls: the property checkers do reject wrong intervals. */
static void
test_cp_negative_control(void)
{
    arf_t lo, hi, t;
    const ulong N = 30, K = 12;
    const double a = 0.025;

    arf_init(lo);
    arf_init(hi);
    arf_init(t);

    binom_cp_interval(lo, hi, N, K, a);
    CU_ASSERT(cp_hi_ok_exact(N, K, a, hi, 1));
    CU_ASSERT(cp_lo_ok_exact(N, K, a, lo, 1));
    CU_ASSERT(cp_hi_ok_mpfr(N, K, a, hi, 1));
    CU_ASSERT(cp_lo_ok_mpfr(N, K, a, lo, 1));

    /* narrowed by 2^-30: no longer a valid (outward) limit */
    arf_set_ui_2exp_si(t, 1, -30);
    arf_sub(t, hi, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(!cp_hi_ok_exact(N, K, a, t, 0));
    CU_ASSERT(!cp_hi_ok_mpfr(N, K, a, t, 0));
    arf_set_ui_2exp_si(t, 1, -30);
    arf_add(t, lo, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(!cp_lo_ok_exact(N, K, a, t, 0));
    CU_ASSERT(!cp_lo_ok_mpfr(N, K, a, t, 0));

    /* hi - 2^-40 lies below the exact limit (closeness), so it is caught */
    arf_set_ui_2exp_si(t, 1, -40);
    arf_sub(t, hi, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(!cp_hi_ok_exact(N, K, a, t, 0));
    arf_set_ui_2exp_si(t, 1, -40);
    arf_add(t, lo, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(!cp_lo_ok_exact(N, K, a, t, 0));

    /* widened by 2^-30: valid but not within 2^-40 */
    arf_set_ui_2exp_si(t, 1, -30);
    arf_add(t, hi, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(cp_hi_ok_exact(N, K, a, t, 0));
    CU_ASSERT(!cp_hi_ok_exact(N, K, a, t, 1));
    CU_ASSERT(!cp_hi_ok_mpfr(N, K, a, t, 1));
    arf_set_ui_2exp_si(t, 1, -30);
    arf_sub(t, lo, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    CU_ASSERT(cp_lo_ok_exact(N, K, a, t, 0));
    CU_ASSERT(!cp_lo_ok_exact(N, K, a, t, 1));
    CU_ASSERT(!cp_lo_ok_mpfr(N, K, a, t, 1));

    /* a wrong end at K = 0 / K = N */
    arf_set_d(t, 1e-3);
    CU_ASSERT(!cp_lo_ok_exact(N, 0, a, t, 0));
    arf_set_d(t, 0.999);
    CU_ASSERT(!cp_hi_ok_exact(N, N, a, t, 0));

    arf_clear(lo);
    arf_clear(hi);
    arf_clear(t);
}

/* The two-sided test against exact rational tails summed term by term:
   both tails >= tail gives BC_TRUE, one below gives BC_FALSE.  Levels
   are dyadic doubles away from the exact tails (a tie is undecided by
   design and is skipped). */
static void
test_two_sided(void)
{
    uint64_t st = test_seed() ^ UINT64_C(0x2515);
    slong iter, n = test_iters(80), bad = 0;
    fmpq_t p, lo, hi, t;
    arb_t pb;

    fmpq_init(p);
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(t);
    arb_init(pb);
    for (iter = 0; iter < n; iter++)
    {
        ulong N = 1 + rand_below(&st, 150), K = rand_below(&st, N + 1), b = 2 + rand_below(&st, 30);
        double tail = ldexp(1.0, -(int) (2 + rand_below(&st, 12)));
        truth_t want, got;
        double plo, phi;

        fmpq_set_ui(p, 1 + rand_below(&st, b - 1), b);
        brute_cdf_fmpq(lo, N, p, K);
        if (K == 0)
            fmpq_one(hi);
        else
        {
            brute_cdf_fmpq(hi, N, p, K - 1);
            fmpq_sub_si(hi, hi, 1);
            fmpq_neg(hi, hi);
        }
        fmpq_set_double(t, tail);
        if (fmpq_equal(lo, t) || fmpq_equal(hi, t))
            continue;
        want = (fmpq_cmp(lo, t) >= 0 && fmpq_cmp(hi, t) >= 0) ? BC_TRUE : BC_FALSE;
        arb_set_fmpq(pb, p, 256);
        got = binom_test_two_sided(N, K, pb, tail, &plo, &phi);
        if (got != want || plo < fmpq_get_d(lo) * (1 - 1e-12) || phi < fmpq_get_d(hi) * (1 - 1e-12))
        {
            TEST_REPORT("two-sided test = exact tails", "N=%lu K=%lu p=%lu/%lu tail=%g: got %d want %d",
                        (unsigned long) N, (unsigned long) K, (unsigned long) fmpz_get_ui(fmpq_numref(p)),
                        (unsigned long) fmpz_get_ui(fmpq_denref(p)), tail, (int) got, (int) want);
            bad++;
        }
    }
    /* closed cases: Bin(100, 1/2) */
    arb_set_d(pb, 0.5);
    CU_ASSERT_EQUAL(binom_test_two_sided(100, 50, pb, 0.001, NULL, NULL), BC_TRUE);
    CU_ASSERT_EQUAL(binom_test_two_sided(100, 90, pb, 0.001, NULL, NULL), BC_FALSE);
    CU_ASSERT_EQUAL(binom_test_two_sided(100, 10, pb, 0.001, NULL, NULL), BC_FALSE);
    /* a ball too wide to decide */
    arb_set_d(pb, 0.5);
    mag_set_d(arb_radref(pb), 0.4);
    CU_ASSERT_EQUAL(binom_test_two_sided(100, 80, pb, 0.001, NULL, NULL), BC_UNDECIDED);
    CU_ASSERT_EQUAL(bad, 0);
    fmpq_clear(p);
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(t);
    arb_clear(pb);
}

/* binom_cp_str encloses the interval it prints */
static void
test_cp_str(void)
{
    static const ulong NK[4][2] = {{20000, 6028}, {10, 0}, {10, 10}, {1, 1}};
    slong i;
    for (i = 0; i < 4; i++)
    {
        arf_t lo, hi;
        char *s = binom_cp_str(NK[i][0], NK[i][1], 0.001, 6);
        double a, b;
        arf_init(lo);
        arf_init(hi);
        binom_cp_interval(lo, hi, NK[i][0], NK[i][1], 0.001);
        CU_ASSERT_EQUAL(sscanf(s, "[%lf, %lf]", &a, &b), 2);
        CU_ASSERT(s[0] == '[' && s[strlen(s) - 1] == ']');
        CU_ASSERT(a <= arf_get_d(lo, ARF_RND_NEAR) && b >= arf_get_d(hi, ARF_RND_NEAR));
        CU_ASSERT(arf_get_d(lo, ARF_RND_NEAR) - a < 1e-5 && b - arf_get_d(hi, ARF_RND_NEAR) < 1e-5);
        flint_free(s);
        arf_clear(lo);
        arf_clear(hi);
    }
}

/* binom_cp_agrees against the closed-form Clopper-Pearson limits of K = 0
   and K = N (upper 1 - a^{1/N}, lower a^{1/N}): inside, outside, and a
   ball across a limit, which must stay undecided (thm3.law and thm3.lemma7
   used to count it as agreement, folding undecided into consistent). */
static void
test_cp_agrees(void)
{
    static const ulong Ns[] = {10, 100, 2000};
    static const double as[] = {1e-2, 1e-4};
    size_t i, j;
    arb_t lim, x;
    arb_init(lim);
    arb_init(x);
    for (i = 0; i < sizeof Ns / sizeof Ns[0]; i++)
        for (j = 0; j < sizeof as / sizeof as[0]; j++)
        {
            ulong N = Ns[i];
            int upper;
            for (upper = 0; upper < 2; upper++)
            {
                /* K = 0: [0, 1 - a^{1/N}]; K = N: [a^{1/N}, 1] */
                ulong K = upper ? 0 : N;
                truth_t in, out, across;
                arb_set_d(lim, as[j]);
                arb_root_ui(lim, lim, N, 256);
                if (upper)
                {
                    arb_sub_ui(lim, lim, 1, 256);
                    arb_neg(lim, lim);
                }
                /* inside: halfway between the limit and the far end */
                arb_set_ui(x, upper ? 0 : 1);
                arb_add(x, x, lim, 256);
                arb_mul_2exp_si(x, x, -1);
                in = binom_cp_agrees(NULL, NULL, N, K, as[j], x);
                /* outside: twice the upper limit, half the lower one */
                if (upper)
                    arb_mul_2exp_si(x, lim, 1);
                else
                    arb_mul_2exp_si(x, lim, -1);
                out = binom_cp_agrees(NULL, NULL, N, K, as[j], x);
                /* across: the exact limit +/- 2^-20 */
                arb_set(x, lim);
                arb_add_error_2exp_si(x, -20);
                across = binom_cp_agrees(NULL, NULL, N, K, as[j], x);
                if (in != BC_TRUE || out != BC_FALSE || across != BC_UNDECIDED)
                    TEST_REPORT("cp_agrees three-valued",
                                "N = %lu, K = %lu, a = %g: inside %d, outside %d, "
                                "across %d",
                                N, K, as[j], (int) in, (int) out, (int) across);
                CU_ASSERT_EQUAL(in, BC_TRUE);
                CU_ASSERT_EQUAL(out, BC_FALSE);
                CU_ASSERT_EQUAL(across, BC_UNDECIDED);
            }
            /* a probability within 2^-60 of 1 whose ball pokes above 1:
               inside the interval of K = N, whose upper limit is 1 */
            arb_one(x);
            arb_mul_2exp_si(lim, x, -60);
            arb_sub(x, x, lim, 256);
            arb_add_error_2exp_si(x, -40);
            CU_ASSERT_EQUAL(binom_cp_agrees(NULL, NULL, Ns[i], Ns[i], as[j], x), BC_TRUE);
            arb_neg(x, x);
            arb_add_ui(x, x, 1, 256);
            CU_ASSERT_EQUAL(binom_cp_agrees(NULL, NULL, Ns[i], 0, as[j], x), BC_TRUE);
        }
    arb_clear(lim);
    arb_clear(x);
}

static const test_case suite_tests[] = {
    {"cdf_fmpq closed forms", test_cdf_fmpq_closed_forms},
    {"cdf_fmpq vs brute force", test_cdf_fmpq_brute},
    {"cdf/sf_arb contain exact tails", test_cdf_arb_vs_exact},
    {"cdf/sf_arb over wide balls", test_cdf_arb_wide_ball},
    {"cdf/sf_arb edge cases", test_cdf_arb_edges},
    {"sf(k) + cdf(k-1) = 1", test_sf_cdf_complement},
    {"Bin(10^6, 1/2) symmetric tails", test_cdf_arb_large_symmetric},
    {"Bin(20000, 5/16) vs MPFR forward sum", test_cdf_arb_mpfr_forward},
    {"tails for N in the millions", test_cdf_arb_huge},
    {"Clopper-Pearson table and closed forms", test_cp_table},
    {"Clopper-Pearson random (exact check)", test_cp_random_exact},
    {"Clopper-Pearson at dyadic limits", test_cp_dyadic_roots},
    {"Clopper-Pearson upper limit >= b, exactly", test_cp_upper_ge_exact},
    {"Clopper-Pearson large N (MPFR check)", test_cp_large},
    {"Clopper-Pearson negative controls", test_cp_negative_control},
    {"two-sided test = exact tails", test_two_sided},
    {"Clopper-Pearson interval as a string", test_cp_str},
    {"Clopper-Pearson agreement is three-valued", test_cp_agrees},
};

int
t_binom_register(void)
{
    return TEST_SUITE("binom", suite_tests);
}

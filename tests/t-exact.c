/* t-exact.c -- exact double-to-rational conversion against GMP's
   mpq_set_d (an independent exact conversion), and rigorous decimal
   bounds against MPFR at high precision. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "rng.h"
#include "testutil.h"

static double
random_double(rng_t r)
{
    /* every class: normal numbers of all exponents, subnormals, zero,
       powers of two and their neighbours */
    uint64_t bits;
    double d;
    switch (rng_below(r, 5))
    {
    case 0:
        return ldexp(rng_uniform(r) - 0.5, (int) rng_below(r, 2000) - 1000);
    case 1:
        return ldexp((double) (rng_u64(r) >> 11), -1074); /* subnormal or tiny */
    case 2:
        return (rng_below(r, 2) ? -1.0 : 1.0) * ldexp(1.0, (int) rng_below(r, 2000) - 1000);
    case 3:
        return nextafter(ldexp(1.0, (int) rng_below(r, 200) - 100), 0.0);
    default:
        do
        {
            bits = rng_u64(r);
            memcpy(&d, &bits, sizeof d);
        } while (!isfinite(d));
        return d;
    }
}

static void
test_fmpq_set_d(void)
{
    slong it, n = test_iters(20000);
    rng_t r;
    fmpq_t x, y;
    mpq_t q;
    fmpq_init(x);
    fmpq_init(y);
    mpq_init(q);
    rng_init(r, test_seed(), 5, 0);
    for (it = 0; it < n; it++)
    {
        double d = random_double(r);
        bc_fmpq_set_d(x, d);
        mpq_set_d(q, d); /* exact in GMP */
        fmpq_set_mpq(y, q);
        if (!fmpq_equal(x, y))
        {
            TEST_REPORT("bc_fmpq_set_d exact", "d=%a", d);
            CU_FAIL("double to rational not exact");
            break;
        }
    }
    fmpq_clear(x);
    fmpq_clear(y);
    mpq_clear(q);
}

/* bc_fmpq_div_si against GMP's mpq_div by an mpq c/1 (an independent
   exact division), with aliasing, on random rationals and words of
   either sign */
static void
test_div_si(void)
{
    slong it, iters = test_iters(500), bad = 0;
    rng_t r;
    fmpq_t x, q;
    mpq_t gx, gc, gq, got;
    fmpq_init(x);
    fmpq_init(q);
    mpq_init(gx);
    mpq_init(gc);
    mpq_init(gq);
    mpq_init(got);
    rng_init(r, test_seed(), rng_stream_id("t-exact/div_si"), 0);
    for (it = 0; it < iters; it++)
    {
        slong c = (slong) (rng_u64(r) >> (1 + rng_below(r, 63)));
        if (c == 0)
            c = 1;
        if (rng_below(r, 2))
            c = -c;
        fmpq_set_si(x, (slong) (rng_u64(r) >> rng_below(r, 64)) * (rng_below(r, 2) ? 1 : -1),
                    1 + (ulong) (rng_u64(r) >> (1 + rng_below(r, 63))));
        fmpq_get_mpq(gx, x);
        mpq_set_si(gc, c, 1);
        mpq_div(gq, gx, gc);
        bc_fmpq_div_si(q, x, c);
        bc_fmpq_div_si(x, x, c); /* aliased */
        fmpq_get_mpq(got, q);
        if (!mpq_equal(got, gq) || !fmpq_equal(q, x))
        {
            if (bad++ < 3)
                TEST_REPORT("x / c exact", "c=%ld", (long) c);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    fmpq_clear(x);
    fmpq_clear(q);
    mpq_clear(gx);
    mpq_clear(gc);
    mpq_clear(gq);
    mpq_clear(got);
}

static void
test_bound_strings(void)
{
    /* the decimal lower bound is <= the ball's lower end and the upper
       bound >= its upper end, both checked by MPFR at 256 bits; a
       negative control checks that the comparison itself can fail */
    slong it, n = test_iters(2000);
    rng_t r;
    arb_t x;
    mpfr_t lo, hi, s;
    arb_init(x);
    mpfr_init2(lo, 256);
    mpfr_init2(hi, 256);
    mpfr_init2(s, 256);
    rng_init(r, test_seed(), 6, 0);
    for (it = 0; it < n; it++)
    {
        char *ls, *us;
        double m = random_double(r), rad = fabs(m) * rng_uniform(r) * 1e-10;
        arb_set_d(x, m);
        arb_add_error_2exp_si(x, (slong) floor(log2(rad + 1e-300)));
        ls = bc_arb_bound_str(x, -1, 8);
        us = bc_arb_bound_str(x, +1, 8);
        arb_get_interval_mpfr(lo, hi, x); /* outward at 256 bits */
        mpfr_set_str(s, ls, 10, MPFR_RNDN);
        if (mpfr_cmp(s, lo) > 0)
        {
            TEST_REPORT("decimal lower bound below the ball", "m=%a str=%s", m, ls);
            CU_FAIL("lower bound string too high");
        }
        mpfr_set_str(s, us, 10, MPFR_RNDN);
        if (mpfr_cmp(s, hi) < 0)
        {
            TEST_REPORT("decimal upper bound above the ball", "m=%a str=%s", m, us);
            CU_FAIL("upper bound string too low");
        }
        flint_free(ls);
        flint_free(us);
    }
    /* control: 1/3 printed to nearest is not a lower bound of a ball around 1/3+eps */
    mpfr_set_str(s, "0.33333334", 10, MPFR_RNDN);
    mpfr_set_ui(lo, 1, MPFR_RNDN);
    mpfr_div_ui(lo, lo, 3, MPFR_RNDN);
    CU_ASSERT(mpfr_cmp(s, lo) > 0);
    arb_clear(x);
    mpfr_clear(lo);
    mpfr_clear(hi);
    mpfr_clear(s);
}

static void
test_truth(void)
{
    arb_t x;
    arb_init(x);
    arb_set_si(x, 1);
    CU_ASSERT(bc_arb_gt_zero(x) == BC_TRUE);
    arb_zero(x);
    CU_ASSERT(bc_arb_gt_zero(x) == BC_FALSE);
    arb_add_error_2exp_si(x, -10);
    CU_ASSERT(bc_arb_gt_zero(x) == BC_UNDECIDED);
    CU_ASSERT(strcmp(bc_truth_str(BC_UNDECIDED), "undecided") == 0);
    {
        /* a <= b: [1 +/- 2^-10] against 1, 2 and 0 */
        arb_t y;
        arb_init(y);
        arb_one(x);
        arb_add_error_2exp_si(x, -10);
        arb_set_si(y, 2);
        CU_ASSERT(bc_arb_le(x, y) == BC_TRUE);
        CU_ASSERT(bc_arb_le(y, x) == BC_FALSE);
        arb_zero(y);
        CU_ASSERT(bc_arb_le(x, y) == BC_FALSE);
        arb_one(y);
        CU_ASSERT(bc_arb_le(x, y) == BC_UNDECIDED);
        CU_ASSERT(bc_arb_le(y, x) == BC_UNDECIDED);
        /* exact equal points: <= holds */
        arb_one(x);
        CU_ASSERT(bc_arb_le(x, y) == BC_TRUE);
        arb_clear(y);
    }
    {
        /* the table of the three-valued conjunction, rows and columns
           false, true, undecided */
        static const truth_t v[3] = {BC_FALSE, BC_TRUE, BC_UNDECIDED};
        static const truth_t want[3][3] = {{BC_FALSE, BC_FALSE, BC_FALSE},
                                           {BC_FALSE, BC_TRUE, BC_UNDECIDED},
                                           {BC_FALSE, BC_UNDECIDED, BC_UNDECIDED}};
        int i, j;
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++)
                CU_ASSERT(bc_truth_and(v[i], v[j]) == want[i][j]);
    }
    arb_clear(x);
}

static const test_case suite_tests[] = {
    {"bc_fmpq_div_si = GMP's exact division", test_div_si},
    {"double to fmpq is exact (oracle: mpq_set_d)", test_fmpq_set_d},
    {"decimal bounds are outward (oracle: MPFR)", test_bound_strings},
    {"three-valued sign decisions", test_truth},
};

int
t_exact_register(void)
{
    return TEST_SUITE("exact", suite_tests);
}

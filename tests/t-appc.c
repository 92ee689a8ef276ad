/* t-appc.c -- the reconstructed Appendix C sample (appc.h): the target q
   against its contract (q^2 = 2 eps exactly when 2 eps is a rational
   square, otherwise the largest k / 2^32 with (k / 2^32)^2 <= 2 eps,
   checked by exact comparison of squares), the sample, and its
   d-dimensional extension against its definition (singleton rows). */
#include <flint/fmpq_vec.h>

#include "appc.h"
#include "rng.h"
#include "singleton.h"
#include "testutil.h"

static void
test_target(void)
{
    slong it, iters = test_iters(300), bad = 0, nexact = 0;
    rng_t r;
    fmpq_t eps, q, s, t, u;
    fmpq_init(eps);
    fmpq_init(q);
    fmpq_init(s);
    fmpq_init(t);
    fmpq_init(u);
    rng_init(r, test_seed(), rng_stream_id("t-appc/target"), 0);
    for (it = 0; it < iters; it++)
    {
        int exact, ok;
        if (it % 3 == 0)
        {
            /* 2 eps = (a/b)^2 with a/b < 1: a rational square */
            slong b = 2 + (slong) rng_below(r, 50), a = 1 + (slong) rng_below(r, (uint64_t) (b - 1));
            fmpq_set_si(eps, a * a, (ulong) (2 * b * b));
        }
        else
        {
            /* eps = k / den in (0, 1/2) */
            slong den = 3 + (slong) rng_below(r, 1000), k;
            k = 1 + (slong) rng_below(r, (uint64_t) ((den - 1) / 2));
            if (2 * k >= den)
                k = 1;
            fmpq_set_si(eps, k, (ulong) den);
        }
        fmpq_mul_2exp(s, eps, 1); /* 2 eps */
        exact = appc_target(q, eps);
        fmpq_mul(t, q, q);
        if (exact)
        {
            nexact++;
            ok = fmpq_equal(t, s) && fmpq_sgn(q) > 0;
        }
        else
        {
            /* q = k / 2^32 exactly, q^2 <= 2 eps < (q + 2^-32)^2, and 2 eps
               is not a rational square (else the exact branch) */
            fmpz_t den;
            fmpz_init(den);
            fmpz_one(den);
            fmpz_mul_2exp(den, den, APPC_Q_BITS);
            ok = fmpz_divisible(den, fmpq_denref(q)) && fmpq_cmp(t, s) < 0 && fmpq_sgn(q) > 0;
            fmpq_one(u);
            fmpq_div_2exp(u, u, APPC_Q_BITS);
            fmpq_add(u, u, q);
            fmpq_mul(u, u, u);
            ok = ok && fmpq_cmp(u, s) > 0;
            ok = ok && !(fmpz_is_square(fmpq_numref(s)) && fmpz_is_square(fmpq_denref(s)));
            fmpz_clear(den);
        }
        if (!ok)
        {
            TEST_REPORT("appc_target: q^2 = 2 eps or the largest k/2^32 below", "eps=%s exact=%d q=%s",
                        fmpq_get_str(NULL, 10, eps), exact, fmpq_get_str(NULL, 10, q));
            bad++;
        }
    }
    rng_clear(r);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(nexact >= iters / 3);
    /* eps = 1/8: q = 1/2; eps = 1/10: 2 eps = 1/5 is no square */
    fmpq_set_si(eps, 1, 8);
    CU_ASSERT(appc_target(q, eps) == 1);
    fmpq_set_si(t, 1, 2);
    CU_ASSERT(fmpq_equal(q, t));
    fmpq_set_si(eps, 1, 10);
    CU_ASSERT(appc_target(q, eps) == 0);
    fmpq_clear(eps);
    fmpq_clear(q);
    fmpq_clear(s);
    fmpq_clear(t);
    fmpq_clear(u);
}

/* S_1(eps) = {(1, 1), (-1, q)} and its extension: row j k + t of X is
   x1[t] e_j with target y1[t], every row a singleton */
static void
test_extend(void)
{
    slong d, k, t, j, i, bad = 0;
    fmpq x1[3], y1[3];
    fmpq_t eps, q;
    fmpq_init(eps);
    fmpq_init(q);
    for (t = 0; t < 3; t++)
    {
        fmpq_init(x1 + t);
        fmpq_init(y1 + t);
    }
    fmpq_set_si(eps, 1, 10);
    appc_sample_1d(x1, y1, eps);
    appc_target(q, eps);
    CU_ASSERT(fmpq_is_one(x1 + 0) && fmpq_is_one(y1 + 0) && fmpq_equal_si(x1 + 1, -1) &&
              fmpq_equal(y1 + 1, q));
    for (d = 1; d <= 5; d++)
        for (k = 1; k <= 3; k++)
        {
            fmpq_mat_t X;
            fmpq *y = _fmpq_vec_init(k * d);
            fmpq_set_si(x1 + 2, 3, 7); /* a third point for k = 3 */
            fmpq_set_si(y1 + 2, -2, 5);
            fmpq_mat_init(X, k * d, d);
            if (k == 2)
                appc_data(X, y, eps, d);
            else
                appc_extend(X, y, x1, y1, k, d);
            for (j = 0; j < d; j++)
                for (t = 0; t < k; t++)
                {
                    slong row = j * k + t;
                    for (i = 0; i < d; i++)
                        if (i == j ? !fmpq_equal(fmpq_mat_entry(X, row, i), x1 + t)
                                   : !fmpq_is_zero(fmpq_mat_entry(X, row, i)))
                            bad++;
                    if (!fmpq_equal(y + row, y1 + t))
                        bad++;
                }
            if (singleton_first_nonsingleton(X) != -1)
                bad++;
            if (bad != 0)
            {
                TEST_REPORT("row j k + t is x1[t] e_j with target y1[t]", "eps=1/10 d=%ld k=%ld", (long) d,
                            (long) k);
                fmpq_mat_clear(X);
                _fmpq_vec_clear(y, k * d);
                break;
            }
            fmpq_mat_clear(X);
            _fmpq_vec_clear(y, k * d);
        }
    CU_ASSERT_EQUAL(bad, 0);
    for (t = 0; t < 3; t++)
    {
        fmpq_clear(x1 + t);
        fmpq_clear(y1 + t);
    }
    fmpq_clear(eps);
    fmpq_clear(q);
}

static const test_case suite_tests[] = {
    {"the target q against its contract", test_target},
    {"the sample and its extension", test_extend},
};

int
t_appc_register(void)
{
    return TEST_SUITE("appc", suite_tests);
}

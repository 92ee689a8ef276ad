/* t-lpq.c -- exact linear feasibility (lpq.h) on planted problems whose
   answer is known by construction, and the linear programmes of jac.h:
   realisable rows against the one-dimensional step-vector rule and
   against Cover's count of affine dichotomies of points in general
   position, and zero-loss points of regions on hand-solved examples.
   Every certificate returned is checked again here, independently. */
#include <string.h>

#include "jac.h"
#include "lpq.h"
#include "rng.h"
#include "testutil.h"

static int
primal_ok(const fmpq_mat_t M, const fmpq *c, const fmpq *lam)
{
    slong i, j;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < M->c; j++)
        ok &= fmpq_sgn(lam + j) >= 0;
    for (i = 0; i < M->r; i++)
    {
        fmpq_zero(s);
        for (j = 0; j < M->c; j++)
            fmpq_addmul(s, fmpq_mat_entry(M, i, j), lam + j);
        ok &= fmpq_equal(s, c + i);
    }
    fmpq_clear(s);
    return ok;
}

static int
farkas_ok(const fmpq_mat_t M, const fmpq *c, const fmpq *pi)
{
    slong i, j;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < M->c; j++)
    {
        fmpq_zero(s);
        for (i = 0; i < M->r; i++)
            fmpq_addmul(s, pi + i, fmpq_mat_entry(M, i, j));
        ok &= fmpq_sgn(s) <= 0;
    }
    fmpq_zero(s);
    for (i = 0; i < M->r; i++)
        fmpq_addmul(s, pi + i, c + i);
    ok &= fmpq_sgn(s) > 0;
    fmpq_clear(s);
    return ok;
}

static void
test_planted(void)
{
    rng_t r;
    slong it, iters = test_iters(300);
    rng_init(r, test_seed(), rng_stream_id("t-lpq.planted"), 0);
    for (it = 0; it < iters; it++)
    {
        slong rows = 1 + (slong) rng_below(r, 6), N = 1 + (slong) rng_below(r, 9), i, j;
        int infeasible = (int) (it % 2), got, ok;
        fmpq_mat_t M;
        fmpq *c = _fmpq_vec_init(rows), *lam = _fmpq_vec_init(N), *pi = _fmpq_vec_init(rows);
        fmpq *x0 = _fmpq_vec_init(N), *p0 = _fmpq_vec_init(rows);
        fmpq_t s;
        fmpq_init(s);
        fmpq_mat_init(M, rows, N);
        for (i = 0; i < rows; i++)
            for (j = 0; j < N; j++)
                fmpq_set_si(fmpq_mat_entry(M, i, j), (slong) rng_below(r, 7) - 3,
                            1 + (slong) rng_below(r, 2));
        if (!infeasible)
        {
            /* c = M x0 with x0 >= 0 (often with zeros: degenerate) */
            for (j = 0; j < N; j++)
                fmpq_set_si(x0 + j, rng_below(r, 2) ? 0 : (slong) rng_below(r, 5), 1);
            for (i = 0; i < rows; i++)
                for (j = 0; j < N; j++)
                    fmpq_addmul(c + i, fmpq_mat_entry(M, i, j), x0 + j);
        }
        else
        {
            /* columns turned so that p0^T M_j <= 0, and p0^T c > 0 */
            for (i = 0; i < rows; i++)
                fmpq_set_si(p0 + i, (slong) rng_below(r, 5) - 2, 1);
            fmpq_set_si(p0 + 0, 1 + (slong) rng_below(r, 2), 1);
            for (j = 0; j < N; j++)
            {
                fmpq_zero(s);
                for (i = 0; i < rows; i++)
                    fmpq_addmul(s, p0 + i, fmpq_mat_entry(M, i, j));
                if (fmpq_sgn(s) > 0)
                    for (i = 0; i < rows; i++)
                        fmpq_neg(fmpq_mat_entry(M, i, j), fmpq_mat_entry(M, i, j));
            }
            for (i = 0; i < rows; i++)
                fmpq_set_si(c + i, (slong) rng_below(r, 7) - 3, 1);
            fmpq_zero(s);
            for (i = 0; i < rows; i++)
                fmpq_addmul(s, p0 + i, c + i);
            if (fmpq_sgn(s) < 0)
                for (i = 0; i < rows; i++)
                    fmpq_neg(c + i, c + i);
            else if (fmpq_is_zero(s))
                fmpq_add(c + 0, c + 0, p0 + 0);
        }
        got = lpq_feasible(lam, pi, M, c);
        ok = got == !infeasible && (got ? primal_ok(M, c, lam) : farkas_ok(M, c, pi));
        if (!ok)
            TEST_REPORT("planted LP answer with a valid certificate", "rows=%ld N=%ld planted %s got %d",
                        (long) rows, (long) N, infeasible ? "infeasible" : "feasible", got);
        CU_ASSERT(ok);
        fmpq_clear(s);
        fmpq_mat_clear(M);
        _fmpq_vec_clear(c, rows);
        _fmpq_vec_clear(lam, N);
        _fmpq_vec_clear(pi, rows);
        _fmpq_vec_clear(x0, N);
        _fmpq_vec_clear(p0, rows);
    }
}

/* the certificate of jac_row_realisable, checked here on xt_j = (x_j, 1) */
static int
row_cert_ok(int real, const fmpq *theta, const fmpq *lambda, const jac_data_t D, ulong S)
{
    slong j, c, d0 = D->d0;
    int ok = 1;
    fmpq_t s;
    fmpq *sum = _fmpq_vec_init(d0 + 1);
    fmpq_init(s);
    if (real)
        for (j = 0; j < D->n; j++)
        {
            fmpq_set(s, theta + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(s, theta + c, D->x + j * d0 + c);
            ok &= (S >> j & 1) ? fmpq_sgn(s) > 0 : fmpq_sgn(s) < 0;
        }
    else
    {
        fmpq_zero(s);
        for (j = 0; j < D->n; j++)
        {
            int sg = (S >> j & 1) ? 1 : -1;
            ok &= fmpq_sgn(lambda + j) >= 0;
            fmpq_add(s, s, lambda + j);
            for (c = 0; c < d0; c++)
            {
                if (sg > 0)
                    fmpq_addmul(sum + c, lambda + j, D->x + j * d0 + c);
                else
                    fmpq_submul(sum + c, lambda + j, D->x + j * d0 + c);
            }
            if (sg > 0)
                fmpq_add(sum + d0, sum + d0, lambda + j);
            else
                fmpq_sub(sum + d0, sum + d0, lambda + j);
        }
        ok &= fmpq_is_one(s);
        for (c = 0; c <= d0; c++)
            ok &= fmpq_is_zero(sum + c);
    }
    fmpq_clear(s);
    _fmpq_vec_clear(sum, d0 + 1);
    return ok;
}

static void
test_rows_1d(void)
{
    rng_t r;
    slong it, iters = test_iters(30);
    rng_init(r, test_seed(), rng_stream_id("t-lpq.rows1d"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 7), j, distinct = 0, cnt, k;
        fmpq *x = _fmpq_vec_init(n), theta[2], *lam = _fmpq_vec_init(n);
        ulong S, *rows;
        jac_data_t D;
        int ok = 1;
        fmpq_init(theta);
        fmpq_init(theta + 1);
        for (j = 0; j < n; j++)
            fmpq_set_si(x + j, (slong) rng_below(r, 5) - 2, 1); /* ties likely */
        jac_data_init(D, n, 1);
        jac_data_set_fmpq(D, x);
        for (S = 0; S < (UWORD(1) << n); S++)
        {
            int a = jac_row_realisable(theta, lam, D, &S), b = jac_row_realisable_1d(D, &S);
            ok &= a == b && row_cert_ok(a, theta, lam, D, S);
        }
        /* distinct values m: 2m realisable rows (empty, all, and the m - 1
           proper thresholds each way) */
        for (j = 0; j < n; j++)
        {
            for (k = 0; k < j; k++)
                if (fmpq_equal(x + j, x + k))
                    break;
            distinct += k == j;
        }
        cnt = jac_rows_realisable(&rows, D);
        ok &= cnt == 2 * distinct;
        if (!ok)
            TEST_REPORT("1-D rows: LP = step rule, 2m rows", "n=%ld distinct=%ld count=%ld", (long) n,
                        (long) distinct, (long) cnt);
        CU_ASSERT(ok);
        flint_free(rows);
        jac_data_clear(D);
        fmpq_clear(theta);
        fmpq_clear(theta + 1);
        _fmpq_vec_clear(x, n);
        _fmpq_vec_clear(lam, n);
    }
}

static void
test_rows_cover(void)
{
    /* points on the moment curve (t, t^2, .., t^d0) are in general
       position; their affine dichotomies number 2 sum_{k <= d0} C(n-1, k)
       (Cover 1965) */
    slong d0, n;
    for (d0 = 2; d0 <= 3; d0++)
        for (n = 1; n <= (d0 == 2 ? 8 : 7); n++)
        {
            fmpq *x = _fmpq_vec_init(n * d0);
            slong j, c, k, want = 0, cnt;
            ulong *rows, S;
            jac_data_t D;
            fmpq theta[4], *lam = _fmpq_vec_init(n);
            int ok = 1;
            for (j = 0; j < n; j++)
            {
                fmpz_t t;
                fmpz_init(t);
                for (c = 0; c < d0; c++)
                {
                    fmpz_set_si(t, j - 2);
                    fmpz_pow_ui(t, t, (ulong) c + 1);
                    fmpq_set_fmpz(x + j * d0 + c, t);
                }
                fmpz_clear(t);
            }
            for (k = 0; k <= d0 && k <= n - 1; k++)
            {
                fmpz_t b;
                fmpz_init(b);
                fmpz_bin_uiui(b, (ulong) n - 1, (ulong) k);
                want += 2 * fmpz_get_si(b);
                fmpz_clear(b);
            }
            jac_data_init(D, n, d0);
            jac_data_set_fmpq(D, x);
            cnt = jac_rows_realisable(&rows, D);
            for (c = 0; c <= d0; c++)
                fmpq_init(theta + c);
            for (S = 0; S < (UWORD(1) << n); S += 3)
            {
                int a = jac_row_realisable(theta, lam, D, &S);
                ok &= row_cert_ok(a, theta, lam, D, S);
            }
            if (cnt != want || !ok)
                TEST_REPORT("Cover's count of dichotomies", "d0=%ld n=%ld count=%ld want=%ld certs %d",
                            (long) d0, (long) n, (long) cnt, (long) want, ok);
            CU_ASSERT_EQUAL(cnt, want);
            CU_ASSERT(ok);
            for (c = 0; c <= d0; c++)
                fmpq_clear(theta + c);
            flint_free(rows);
            jac_data_clear(D);
            _fmpq_vec_clear(x, n * d0);
            _fmpq_vec_clear(lam, n);
        }
}

/* J theta = y and strict signs, evaluated here */
static int
zero_loss_ok(const fmpq *theta, const jac_data_t D, const fmpq *y, const jac_pattern_t A, const fmpq *v)
{
    slong i, j, c, d0 = D->d0, e = D->e;
    int ok = 1;
    fmpq_t pre, f;
    fmpq_init(pre);
    fmpq_init(f);
    for (j = 0; j < D->n; j++)
    {
        fmpq_zero(f);
        for (i = 0; i < A->d1; i++)
        {
            fmpq_set(pre, theta + i * e + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(pre, theta + i * e + c, D->x + j * d0 + c);
            if (jac_pattern_get(A, i, j))
            {
                ok &= fmpq_sgn(pre) > 0;
                fmpq_addmul(f, v + i, pre);
            }
            else
                ok &= fmpq_sgn(pre) < 0;
        }
        ok &= fmpq_equal(f, y + j);
    }
    fmpq_clear(pre);
    fmpq_clear(f);
    return ok;
}

static void
test_zero_loss(void)
{
    /* x = 1, 2, 3, y = (0, 1, 0): the hat 2 [x - 3/2]_+ - 6 [x - 5/2]_+
       fits it in the region {2, 3}, {3} with v = (2, -6) (or any v of those
       signs); with both v_i > 0 the fit is convex and impossible; with both
       neurons active everywhere the fit is affine and impossible */
    jac_data_t D;
    jac_pattern_t A;
    fmpq x[3], y[3], v[2], th[4];
    slong j;
    truth_t t;
    for (j = 0; j < 3; j++)
    {
        fmpq_init(x + j);
        fmpq_init(y + j);
        fmpq_set_si(x + j, j + 1, 1);
    }
    fmpq_one(y + 1);
    for (j = 0; j < 4; j++)
        fmpq_init(th + j);
    fmpq_init(v);
    fmpq_init(v + 1);
    jac_data_init(D, 3, 1);
    jac_data_set_fmpq(D, x);
    jac_pattern_init(A, 2, 3);
    jac_pattern_set(A, 0, 1, 1);
    jac_pattern_set(A, 0, 2, 1);
    jac_pattern_set(A, 1, 2, 1);
    fmpq_set_si(v, 1, 1);
    fmpq_set_si(v + 1, -1, 1);
    t = jac_region_zero_loss(th, D, y, A, v, NULL, 0);
    CU_ASSERT_EQUAL(t, BC_TRUE);
    CU_ASSERT(t == BC_TRUE && zero_loss_ok(th, D, y, A, v));
    fmpq_set_si(v + 1, 3, 1);
    CU_ASSERT_EQUAL(jac_region_zero_loss(th, D, y, A, v, NULL, 0), BC_FALSE);
    for (j = 0; j < 3; j++)
    {
        jac_pattern_set(A, 0, j, 1);
        jac_pattern_set(A, 1, j, 1);
    }
    fmpq_set_si(v + 1, -1, 1);
    CU_ASSERT_EQUAL(jac_region_zero_loss(th, D, y, A, v, NULL, 0), BC_FALSE);
    /* too large for the given budget, no start: undecided */
    CU_ASSERT_EQUAL(jac_region_zero_loss(th, D, y, A, v, NULL, 10), BC_UNDECIDED);
    for (j = 0; j < 3; j++)
    {
        fmpq_clear(x + j);
        fmpq_clear(y + j);
    }
    for (j = 0; j < 4; j++)
        fmpq_clear(th + j);
    fmpq_clear(v);
    fmpq_clear(v + 1);
    jac_pattern_clear(A);
    jac_data_clear(D);
}

static void
test_zero_loss_random(void)
{
    /* targets produced by a point of the region itself: the region holds
       a zero-loss point, found by the quick witness (start given) and by
       the LP (no start); with a target of the wrong sign where every
       active neuron has v > 0 there is none */
    rng_t r;
    slong it, iters = test_iters(40);
    rng_init(r, test_seed(), rng_stream_id("t-lpq.zeroloss"), 0);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) rng_below(r, 5), d0 = 1 + (slong) rng_below(r, 2),
              d1 = 1 + (slong) rng_below(r, 3);
        slong e = d0 + 1, P = d1 * e, i, j, c, z;
        fmpq *x = _fmpq_vec_init(n * d0), *th0 = _fmpq_vec_init(P), *th = _fmpq_vec_init(P);
        fmpq *y = _fmpq_vec_init(n), *v = _fmpq_vec_init(d1), *W = _fmpq_vec_init(d1 * d0),
             *b = _fmpq_vec_init(d1);
        jac_data_t D;
        jac_pattern_t A;
        fmpq_t pre;
        truth_t t1, t2;
        fmpq_init(pre);
        for (j = 0; j < n * d0; j++)
            fmpq_set_si(x + j, (slong) rng_below(r, 9) - 4, 1 + (slong) rng_below(r, 2));
        for (i = 0; i < d1; i++)
        {
            for (c = 0; c < d0; c++)
                fmpq_set_si(W + i * d0 + c, (slong) rng_below(r, 9) - 4, 1);
            /* w.x is a multiple of 1/2 and b = odd / 5, |odd| < 5: never a root */
            fmpq_set_si(b + i, 2 * (slong) rng_below(r, 4) - 3, 5);
            fmpq_set_si(v + i, rng_below(r, 2) ? 1 : -2, 1);
            for (c = 0; c < d0; c++)
                fmpq_set(th0 + i * e + c, W + i * d0 + c);
            fmpq_set(th0 + i * e + d0, b + i);
        }
        jac_data_init(D, n, d0);
        jac_data_set_fmpq(D, x);
        jac_pattern_init(A, d1, n);
        z = jac_pattern_set_weights(A, NULL, NULL, D, W, b);
        CU_ASSERT_EQUAL(z, 0);
        for (j = 0; j < n; j++)
            for (i = 0; i < d1; i++)
                if (jac_pattern_get(A, i, j))
                {
                    fmpq_set(pre, b + i);
                    for (c = 0; c < d0; c++)
                        fmpq_addmul(pre, W + i * d0 + c, x + j * d0 + c);
                    fmpq_addmul(y + j, v + i, pre);
                }
        t1 = jac_region_zero_loss(th, D, y, A, v, th0, 0);
        CU_ASSERT(t1 == BC_TRUE && zero_loss_ok(th, D, y, A, v));
        t2 = jac_region_zero_loss(th, D, y, A, v, NULL, 0);
        CU_ASSERT(t2 == BC_TRUE && zero_loss_ok(th, D, y, A, v));
        /* all v > 0: outputs are >= 0, so a negative target is out of reach */
        for (i = 0; i < d1; i++)
            fmpq_one(v + i);
        fmpq_set_si(y + 0, -1, 1);
        CU_ASSERT_EQUAL(jac_region_zero_loss(th, D, y, A, v, th0, 0), BC_FALSE);
        fmpq_clear(pre);
        jac_pattern_clear(A);
        jac_data_clear(D);
        _fmpq_vec_clear(x, n * d0);
        _fmpq_vec_clear(th0, P);
        _fmpq_vec_clear(th, P);
        _fmpq_vec_clear(y, n);
        _fmpq_vec_clear(v, d1);
        _fmpq_vec_clear(W, d1 * d0);
        _fmpq_vec_clear(b, d1);
    }
}

static const test_case suite_tests[] = {
    {"planted feasible and infeasible", test_planted},      {"1-D rows: LP vs step vectors", test_rows_1d},
    {"Cover's count in general position", test_rows_cover}, {"zero-loss points, hand-solved", test_zero_loss},
    {"zero-loss points, planted", test_zero_loss_random},
};

int
t_lpq_register(void)
{
    return TEST_SUITE("lpq", suite_tests);
}

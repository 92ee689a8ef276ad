/* t-basin.c -- the certified basin-value engine (Def 2, Lemma 1):
   hand-solved instances, degenerate cases, boundary detection, and
   random instances against an exhaustive exact active-set oracle. */
#include <math.h>
#include <string.h>

#include "basin.h"
#include "rng.h"
#include "testutil.h"

/* Sets X (m x d) from integers given row by row. */
static void
mat_set_si(fmpq_mat_t X, const slong *v)
{
    slong t, i;
    for (t = 0; t < fmpq_mat_nrows(X); t++)
        for (i = 0; i < fmpq_mat_ncols(X); i++)
            fmpq_set_si(fmpq_mat_entry(X, t, i), v[t * fmpq_mat_ncols(X) + i], 1);
}

/* Every certificate in R is re-checked here: z in the cone with
   f(z) = upper, (r, mu) a valid dual certificate with bound = lower
   (unless lower is the trivial 0), lower <= upper. */
static int
certificates_ok(const basin_result_t R, const basin_t B)
{
    fmpq_t f;
    int ok = 1;
    fmpq_init(f);
    if (!R->certified || !basin_is_feasible(B, R->z, NULL, NULL))
        ok = 0;
    basin_objective(f, B, R->z);
    if (!fmpq_equal(f, R->upper))
        ok = 0;
    if (!R->lower_trivial)
    {
        if (!basin_dual_bound(f, B, R->r, R->mu) || !fmpq_equal(f, R->lower))
            ok = 0;
    }
    else if (fmpq_cmp_ui(R->lower, 0) != 0)
        ok = 0;
    fmpq_sub(f, R->upper, R->lower);
    if (fmpq_sgn(f) < 0)
        ok = 0;
    if (R->is_exact && (!fmpq_equal(R->lower, R->upper) || !fmpq_equal(R->exact, R->upper)))
        ok = 0;
    fmpq_clear(f);
    return ok;
}

/* Value of the pattern basin (a, b) on integer data; checks that the
   result is exact and equals num/den. */
static void
check_pattern(const char *what, slong m, slong d, slong n, const slong *x, const slong *yv, const int *a,
              const int *b, slong num, slong den)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    basin_t B;
    basin_result_t R;
    fmpq_t want;
    slong t;

    fmpq_mat_init(X, m, d);
    mat_set_si(X, x);
    for (t = 0; t < m; t++)
        fmpq_set_si(y + t, yv[t], 1);
    fmpq_init(want);
    fmpq_set_si(want, num, den);
    basin_init(B);
    basin_result_init(R);
    CU_ASSERT_EQUAL_FATAL(basin_set_pattern(B, X, y, a, b, n), BASIN_OK);
    basin_value(R, B, 64);
    if (!R->is_exact || !fmpq_equal(R->exact, want) || !certificates_ok(R, B))
    {
        TEST_REPORT(what, "exact=%d lower=%s upper=%s want %ld/%ld", R->is_exact,
                    fmpq_get_str(NULL, 10, R->lower), fmpq_get_str(NULL, 10, R->upper), (long) num,
                    (long) den);
        CU_FAIL(what);
    }
    basin_result_clear(R);
    basin_clear(B);
    fmpq_clear(want);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

static void
test_hand_solved(void)
{
    /* one neuron, orthogonal data: z >= 0 coordinatewise,
       f = ((z1 - 3)^2 + (z2 + 2)^2) / 2, minimum at (3, 0) on a face: 2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("one neuron orthogonal, face optimum", 2, 2, 1, x, y, a, b, 2, 1);
    }
    /* same, b = -1: z <= 0, optimum (0, -2), value 9/2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, 1}, b[] = {-1};
        check_pattern("one neuron orthogonal, b=-1", 2, 2, 1, x, y, a, b, 9, 2);
    }
    /* a_{1,2} = -1: point 2 is not predicted, its constraint z2 <= 0
       does not matter for f: (0 + 4)/2 with z1 = 3 -> 2 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {3, -2};
        int a[] = {1, -1}, b[] = {1};
        check_pattern("one neuron, one point inactive", 2, 2, 1, x, y, a, b, 2, 1);
    }
    /* cone {0}: x1 = 1, x2 = -1, both active with b = +1 -> z = 0,
       f = (1 + 4) / 2 */
    {
        slong x[] = {1, -1}, y[] = {1, 2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("cone {0}", 2, 1, 1, x, y, a, b, 5, 2);
    }
    /* inactive neurons: nothing predicted, f = |y|^2 / m = (1+4+9)/3 */
    {
        slong x[] = {1, 2, -1, 0, 3, 1}, y[] = {1, -2, 3};
        int a[] = {-1, -1, -1, -1, -1, -1}, b[] = {1, -1};
        check_pattern("inactive neurons", 3, 2, 2, x, y, a, b, 14, 3);
    }
    /* n = 1, m = 1: <z, x> >= 0 reaches y = 5 -> 0; with b = -1 the best
       prediction is 0 -> 25 */
    {
        slong x[] = {2, 1}, y[] = {5};
        int a[] = {1}, b[] = {1}, bm[] = {-1};
        check_pattern("n=1 m=1 realisable", 1, 2, 1, x, y, a, b, 0, 1);
        check_pattern("n=1 m=1 wrong sign", 1, 2, 1, x, y, a, bm, 25, 1);
    }
    /* duplicated points with different targets: best common prediction
       is the mean: points (1), (1), targets 1, 3 -> pred 2, f = 1 */
    {
        slong x[] = {1, 1}, y[] = {1, 3};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("duplicated points", 2, 1, 1, x, y, a, b, 1, 1);
    }
    /* zero targets: value 0 */
    {
        slong x[] = {1, 2, 3, -1, 0, 1}, y[] = {0, 0, 0};
        int a[] = {1, -1, 1, 1, 1, -1}, b[] = {1, -1};
        check_pattern("zero targets", 3, 2, 2, x, y, a, b, 0, 1);
    }
    /* rank-deficient X, data on a line in R^3: x_t = t * (1, 1, 0),
       t = 1, 2, 3, one neuron b = +1, all active: prediction c t, c >= 0;
       targets 1, 1, 1 -> c = 6/14, f = (1/3)(3 - 36/14) = 1/7 */
    {
        slong x[] = {1, 1, 0, 2, 2, 0, 3, 3, 0}, y[] = {1, 1, 1};
        int a[] = {1, 1, 1}, b[] = {1};
        check_pattern("rank-deficient X", 3, 3, 1, x, y, a, b, 1, 7);
    }
    /* a zero data point: its constraint is trivial, its prediction 0:
       x = (0), (1); y = 4, 2; f = (16 + 0) / 2 = 8 */
    {
        slong x[] = {0, 1}, y[] = {4, 2};
        int a[] = {1, 1}, b[] = {1};
        check_pattern("zero data point", 2, 1, 1, x, y, a, b, 8, 1);
    }
    /* two neurons sharing the work, opposite output signs: points
       x1 = (1, 0), x2 = (0, 1); neuron 1 (b=+1) active on both,
       neuron 2 (b=-1) active on x2 only: y = (2, -3) is reachable -> 0 */
    {
        slong x[] = {1, 0, 0, 1}, y[] = {2, -3};
        int a[] = {1, 1, -1, 1}, b[] = {1, -1};
        check_pattern("two neurons, opposite signs", 2, 2, 2, x, y, a, b, 0, 1);
    }
}

static void
test_negative_control(void)
{
    /* the checker must notice a wrong expected value: recompute the
       first hand instance and compare with a deliberately wrong 3 */
    fmpq_mat_t X;
    fmpq y[2];
    basin_t B;
    basin_result_t R;
    slong x[] = {1, 0, 0, 1};
    int a[] = {1, 1}, b[] = {1};
    fmpq_t wrong;
    fmpq_mat_init(X, 2, 2);
    mat_set_si(X, x);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_set_si(y + 0, 3, 1);
    fmpq_set_si(y + 1, -2, 1);
    fmpq_init(wrong);
    fmpq_set_si(wrong, 3, 1);
    basin_init(B);
    basin_result_init(R);
    basin_set_pattern(B, X, y, a, b, 1);
    basin_value(R, B, 64);
    CU_ASSERT(R->is_exact);
    CU_ASSERT(!fmpq_equal(R->exact, wrong));
    /* a tampered certificate is refused */
    fmpq_add_si(R->mu + 0, R->mu + 0, 1);
    {
        fmpq_t lb;
        fmpq_init(lb);
        CU_ASSERT(!basin_dual_bound(lb, B, R->r, R->mu));
        fmpq_clear(lb);
    }
    fmpq_set_si(R->z + 0, -1, 1);
    CU_ASSERT(!basin_is_feasible(B, R->z, NULL, NULL));
    basin_result_clear(R);
    basin_clear(B);
    fmpq_clear(wrong);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    fmpq_mat_clear(X);
}

static void
test_boundary(void)
{
    fmpq_mat_t X, W;
    fmpq y[2], v[2];
    basin_t B;
    slong x[] = {1, 0, 1, 1}, w[] = {1, 1, 0, 1}; /* <w_2, x_1> = 0 */
    slong bj = -7, bt = -7, k;
    fmpq_mat_init(X, 2, 2);
    fmpq_mat_init(W, 2, 2);
    mat_set_si(X, x);
    mat_set_si(W, w);
    for (k = 0; k < 2; k++)
    {
        fmpq_init(y + k);
        fmpq_init(v + k);
        fmpq_set_si(y + k, k + 1, 1);
        fmpq_set_si(v + k, 1, 1);
    }
    basin_init(B);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_BOUNDARY_W);
    CU_ASSERT(bj == 1 && bt == 0);
    fmpq_zero(v + 0);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_BOUNDARY_V);
    CU_ASSERT(bj == 0 && bt == -1);
    /* interior point: pattern taken from the signs */
    fmpq_set_si(v + 0, -3, 2);
    fmpq_set_si(fmpq_mat_entry(W, 1, 0), 1, 3);
    CU_ASSERT_EQUAL(basin_pattern(B, X, y, W, v, 2, &bj, &bt), BASIN_OK);
    CU_ASSERT(B->b[0] == -1 && B->b[1] == 1 && B->a[0] == 1 && B->a[1] == 1 && B->a[2] == 1 && B->a[3] == 1);
    /* bad signs in a pattern are refused */
    {
        int a[] = {1, 0, 1, 1}, b[] = {1, 1};
        CU_ASSERT_EQUAL(basin_set_pattern(B, X, y, a, b, 2), BASIN_BAD_INPUT);
    }
    basin_clear(B);
    for (k = 0; k < 2; k++)
    {
        fmpq_clear(y + k);
        fmpq_clear(v + k);
    }
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
}

/* Oracle: exhaustive enumeration of the active sets S (each constraint
   held with equality or not).  For each S the face least-squares problem
   is solved exactly; when its minimiser is unique (full column rank) and
   lies in the cone, its value is a candidate.  The minimum over
   candidates is Bas whenever the optimal face has a unique minimiser
   (generic data, every neuron predicting some point, n d <= m); it is an
   upper bound on Bas in every case.  Returns 0 if no candidate. */
static int
oracle_value(fmpq_t best, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, nm = n * m, S, j, t, i, l, k, K;
    int found = 0;
    fmpq *z = _fmpq_vec_init(n * d);
    fmpq_t f, s;
    fmpq_init(f);
    fmpq_init(s);
    for (S = 0; S < ((slong) 1 << nm); S++)
    {
        fmpz_mat_struct N[4];
        slong kj[4];
        fmpq_mat_t A, G, h, u;
        int ok = 1;
        K = 0;
        for (j = 0; j < n; j++)
        {
            slong w = 0;
            fmpz_mat_t R;
            for (t = 0; t < m; t++)
                w += (S >> (j * m + t)) & 1;
            fmpz_mat_init(R, FLINT_MAX(w, 1), d);
            w = 0;
            for (t = 0; t < m; t++)
                if ((S >> (j * m + t)) & 1)
                {
                    fmpz_t den;
                    fmpz_init(den);
                    fmpz_one(den);
                    for (i = 0; i < d; i++)
                        fmpz_lcm(den, den, fmpq_denref(fmpq_mat_entry(B->X, t, i)));
                    for (i = 0; i < d; i++)
                    {
                        fmpq_mul_fmpz(s, fmpq_mat_entry(B->X, t, i), den);
                        fmpz_set(fmpz_mat_entry(R, w, i), fmpq_numref(s));
                    }
                    fmpz_clear(den);
                    w++;
                }
            fmpz_mat_init(N + j, d, d);
            kj[j] = fmpz_mat_nullspace(N + j, R);
            K += kj[j];
            fmpz_mat_clear(R);
        }
        for (i = 0; i < n * d; i++)
            fmpq_zero(z + i);
        if (K > 0)
        {
            fmpq_mat_init(A, m, K);
            fmpq_mat_init(G, K, K);
            fmpq_mat_init(h, K, 1);
            fmpq_mat_init(u, K, 1);
            k = 0;
            for (j = 0; j < n; j++)
                for (l = 0; l < kj[j]; l++, k++)
                    for (t = 0; t < m; t++)
                        if (B->a[j * m + t] > 0)
                            for (i = 0; i < d; i++)
                            {
                                fmpq_mul_fmpz(s, fmpq_mat_entry(B->X, t, i), fmpz_mat_entry(N + j, i, l));
                                fmpq_add(fmpq_mat_entry(A, t, k), fmpq_mat_entry(A, t, k), s);
                            }
            for (k = 0; k < K; k++)
            {
                for (l = 0; l < K; l++)
                    for (t = 0; t < m; t++)
                        fmpq_addmul(fmpq_mat_entry(G, k, l), fmpq_mat_entry(A, t, k),
                                    fmpq_mat_entry(A, t, l));
                for (t = 0; t < m; t++)
                    fmpq_addmul(fmpq_mat_entry(h, k, 0), fmpq_mat_entry(A, t, k), B->y + t);
            }
            ok = fmpq_mat_solve(u, G, h); /* 0: not unique, skip */
            if (ok)
            {
                k = 0;
                for (j = 0; j < n; j++)
                    for (l = 0; l < kj[j]; l++, k++)
                        for (i = 0; i < d; i++)
                        {
                            fmpq_mul_fmpz(s, fmpq_mat_entry(u, k, 0), fmpz_mat_entry(N + j, i, l));
                            fmpq_add(z + j * d + i, z + j * d + i, s);
                        }
            }
            fmpq_mat_clear(A);
            fmpq_mat_clear(G);
            fmpq_mat_clear(h);
            fmpq_mat_clear(u);
        }
        for (j = 0; j < n; j++)
            fmpz_mat_clear(N + j);
        if (!ok)
            continue;
        /* own feasibility and objective loops (not the engine's) */
        fmpq_zero(f);
        for (t = 0; t < m && ok; t++)
        {
            fmpq_t p;
            fmpq_init(p);
            for (j = 0; j < n; j++)
            {
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, z + j * d + i, fmpq_mat_entry(B->X, t, i));
                if (fmpq_sgn(s) * B->a[j * m + t] * B->b[j] < 0)
                    ok = 0;
                if (B->a[j * m + t] > 0)
                    fmpq_add(p, p, s);
            }
            fmpq_sub(p, p, B->y + t);
            fmpq_addmul(f, p, p);
            fmpq_clear(p);
        }
        if (!ok)
            continue;
        if (!found || fmpq_cmp(f, best) < 0)
            fmpq_set(best, f);
        found = 1;
    }
    _fmpq_vec_clear(z, n * d);
    fmpq_clear(f);
    fmpq_clear(s);
    return found;
}

static void
test_random_vs_oracle(void)
{
    slong iters = test_iters(150), it, agree = 0, generic = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 1 + (slong) (it % 2), d = 1 + (slong) ((it / 2) % 2), m, j, t, i;
        fmpq_mat_t X;
        fmpq *y;
        int a[12], b[2], each_active = 1;
        basin_t B;
        basin_result_t R;
        fmpq_t orc, mm;

        rng_init(r, test_seed(), rng_stream_id("t-basin oracle"), (uint64_t) it);
        m = n * d + (slong) rng_below(r, 2); /* n d <= m <= 5, n m <= 10 */
        if (n * m > 10)
            m = 10 / n;
        fmpq_mat_init(X, m, d);
        y = _fmpq_vec_init(m);
        for (t = 0; t < m; t++)
        {
            /* small dyadic data: exact, quick, and sometimes degenerate */
            for (i = 0; i < d; i++)
                fmpq_set_si(fmpq_mat_entry(X, t, i), (slong) rng_below(r, 9) - 4, 2);
            fmpq_set_si(y + t, (slong) rng_below(r, 13) - 6, 3);
        }
        for (j = 0; j < n; j++)
        {
            slong cnt = 0;
            b[j] = rng_below(r, 2) ? 1 : -1;
            for (t = 0; t < m; t++)
            {
                a[j * m + t] = rng_below(r, 3) ? 1 : -1;
                cnt += a[j * m + t] > 0;
            }
            each_active &= cnt > 0;
        }
        basin_init(B);
        basin_result_init(R);
        fmpq_init(orc);
        fmpq_init(mm);
        basin_set_pattern(B, X, y, a, b, n);
        basin_value(R, B, 64);
        if (!certificates_ok(R, B))
        {
            TEST_REPORT("basin certificates", "iteration %ld n=%ld d=%ld m=%ld", (long) it, (long) n,
                        (long) d, (long) m);
            CU_FAIL("basin certificates");
        }
        if (oracle_value(orc, B))
        {
            fmpq_set_si(mm, m, 1);
            fmpq_div(orc, orc, mm); /* the oracle sums squares; f divides by m */
            /* always: Bas <= oracle, so lower <= oracle */
            if (fmpq_cmp(R->lower, orc) > 0)
            {
                TEST_REPORT("lower <= oracle", "iteration %ld: lower %s oracle %s", (long) it,
                            fmpq_get_str(NULL, 10, R->lower), fmpq_get_str(NULL, 10, orc));
                CU_FAIL("lower <= oracle");
            }
            /* the oracle is exhaustive when face minimisers are unique
               (every neuron predicts some point): exact must equal it */
            if (R->is_exact && each_active)
            {
                generic++;
                agree += fmpq_equal(R->exact, orc);
            }
        }
        fmpq_clear(orc);
        fmpq_clear(mm);
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        _fmpq_vec_clear(y, m);
    }
    /* most exact values must coincide with the oracle's */
    if (agree * 10 < generic * 8)
    {
        TEST_REPORT("exact == oracle", "agree %ld of %ld exact", (long) agree, (long) generic);
        CU_FAIL("exact == oracle");
    }
}

/* Random networks: certified bounds, exactness on most, exact and
   interval paths consistent (lower <= exact <= upper). */
static void
test_random_networks(void)
{
    slong iters = test_iters(20), it, nex = 0, tot = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong n = 2 + (slong) (it % 5), d = 2 + (slong) (it % 3), m = 3 + (slong) (it % 6);
        slong j, t, i, bj, bt;
        fmpq_mat_t X, W;
        fmpq *y, *v;
        basin_t B;
        basin_result_t R;
        rng_init(r, test_seed(), rng_stream_id("t-basin networks"), (uint64_t) it);
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, i), rng_normal(r));
            bc_fmpq_set_d(y + t, rng_normal(r));
        }
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(W, j, i), rng_normal(r));
            bc_fmpq_set_d(v + j, rng_normal(r));
        }
        basin_init(B);
        basin_result_init(R);
        if (basin_pattern(B, X, y, W, v, n, &bj, &bt) == BASIN_OK)
        {
            fmpq_t fw;
            tot++;
            basin_value(R, B, 64);
            nex += R->is_exact;
            if (!certificates_ok(R, B))
            {
                TEST_REPORT("network certificates", "iteration %ld", (long) it);
                CU_FAIL("network certificates");
            }
            /* the interval path (no exact rounds) must contain the
               exact value; its upper bound comes from the float point */
            {
                basin_result_t I;
                basin_result_init(I);
                basin_value_rounds(I, B, 64, 0);
                if (!certificates_ok(I, B) || fmpq_cmp(I->lower, R->upper) > 0 ||
                    fmpq_cmp(I->upper, R->lower) < 0 ||
                    (R->is_exact &&
                     fmpq_get_d(I->upper) - fmpq_get_d(R->exact) > 1e-6 * (1.0 + fmpq_get_d(R->exact))))
                {
                    TEST_REPORT("interval path agrees", "iteration %ld: [%g, %g] vs [%g, %g]", (long) it,
                                fmpq_get_d(I->lower), fmpq_get_d(I->upper), fmpq_get_d(R->lower),
                                fmpq_get_d(R->upper));
                    CU_FAIL("interval path agrees");
                }
                basin_result_clear(I);
            }
            /* the network's own point is in its basin: Bas <= L(W, v) */
            fmpq_init(fw);
            basin_objective(fw, B, B->start);
            CU_ASSERT(fmpq_cmp(R->lower, fw) <= 0);
            fmpq_clear(fw);
        }
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
    }
    CU_ASSERT(nex * 10 >= tot * 8);
}

/* Overspecified instances whose value is 0 by construction: targets
   y = M z' from a witness z' of the closed cone (checked here with the
   test's own loops), either (i) z'_j = c_j v_j w_j for a random network
   (c_j in {0, 1/2, 1, 2}: some neurons dead), or (ii) a pattern built
   around a random z' in which one point t0 has y_{t0} = 0 with every
   neuron active there of output sign +1 and orthogonal to x_{t0}: the
   constraints at t0 are then forced to equality in every interpolating
   point.  In every other instance of (ii) y_{t0} is then set to a
   negative value: p_{t0} >= 0 on the whole cone, so
   Bas = y_{t0}^2 / m exactly, attained by z'.  The engine must return
   exactly that value with a minimiser that the test checks on its own
   (cone, predictions); the float path (_basin_solve_d, then
   _basin_interp_d) must succeed on most. */
static void
test_interpolating(void)
{
    slong iters = test_iters(24), it, tot = 0, fast = 0;
    for (it = 0; it < iters; it++)
    {
        rng_t r;
        slong d = 2 + (slong) (it % 3), m = 3 + (slong) ((it / 3) % 4),
              n = (m + d) / d + 1 + (slong) (it % 2);
        slong j, t, i, t0 = 0;
        int forced = it % 2, clamp = forced && (it / 2) % 2,
            *a = flint_malloc(sizeof(int) * (size_t) (n * m)), *b = flint_malloc(sizeof(int) * (size_t) n);
        fmpq_mat_t X, W;
        fmpq *y, *v, *zw;
        fmpq_t s, q, want;
        basin_t B;
        basin_result_t R;
        int ok = 1;

        rng_init(r, test_seed(), rng_stream_id("t-basin interpolating"), (uint64_t) it);
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        y = _fmpq_vec_init(m);
        v = _fmpq_vec_init(n);
        zw = _fmpq_vec_init(n * d);
        fmpq_init(s);
        fmpq_init(q);
        fmpq_init(want);
        basin_init(B);
        basin_result_init(R);
        for (t = 0; t < m; t++)
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, i), rng_normal(r));
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                bc_fmpq_set_d(fmpq_mat_entry(W, j, i), rng_normal(r));
            bc_fmpq_set_d(v + j, rng_normal(r));
        }
        if (!forced)
        {
            if (basin_pattern(B, X, y, W, v, n, NULL, NULL) != BASIN_OK)
                goto next;
            for (j = 0; j < n; j++)
            {
                slong c = (slong) rng_below(r, 4); /* 0, 1/2, 1, 2 */
                fmpq_set_si(q, c == 0 ? 0 : (c == 1 ? 1 : (c == 2 ? 2 : 4)), 2);
                for (i = 0; i < d; i++)
                {
                    fmpq_mul(zw + j * d + i, fmpq_mat_entry(W, j, i), v + j);
                    fmpq_mul(zw + j * d + i, zw + j * d + i, q);
                }
            }
        }
        else
        {
            /* z'_j = w_j, b_j = sign v_j; at t0 neurons with b = +1 are
               projected onto x_{t0}^perp and active, those with b = -1
               reflected to <z'_j, x_{t0}> > 0, hence inactive */
            fmpq_t xx;
            fmpq_init(xx);
            t0 = (slong) rng_below(r, (ulong) m);
            for (i = 0; i < d; i++)
                fmpq_addmul(xx, fmpq_mat_entry(X, t0, i), fmpq_mat_entry(X, t0, i));
            for (j = 0; j < n; j++)
            {
                b[j] = fmpq_sgn(v + j) >= 0 ? 1 : -1;
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                {
                    fmpq_set(zw + j * d + i, fmpq_mat_entry(W, j, i));
                    fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t0, i));
                }
                if (b[j] > 0 || fmpq_sgn(s) < 0)
                {
                    fmpq_div(q, s, xx);
                    if (b[j] < 0)
                        fmpq_mul_2exp(q, q, 1);
                    for (i = 0; i < d; i++)
                        fmpq_submul(zw + j * d + i, q, fmpq_mat_entry(X, t0, i));
                }
                for (t = 0; t < m; t++)
                {
                    fmpq_zero(s);
                    for (i = 0; i < d; i++)
                        fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t, i));
                    a[j * m + t] = t == t0 ? b[j] : b[j] * (fmpq_sgn(s) >= 0 ? 1 : -1);
                }
            }
            fmpq_clear(xx);
        }
        /* y = M z', and z' in the cone, with the test's own loops */
        for (t = 0; t < m; t++)
        {
            fmpq_zero(y + t);
            for (j = 0; j < n; j++)
            {
                int aj = forced ? a[j * m + t] : B->a[j * m + t], bj = forced ? b[j] : B->b[j];
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, zw + j * d + i, fmpq_mat_entry(X, t, i));
                if (fmpq_sgn(s) * aj * bj < 0)
                    ok = 0;
                if (aj > 0)
                    fmpq_add(y + t, y + t, s);
            }
        }
        if (forced)
        {
            CU_ASSERT(fmpq_is_zero(y + t0));
            if (clamp)
            {
                /* y_{t0} < 0: the loss there is y_{t0}^2 on the whole cone */
                fmpq_set_si(y + t0, -1 - (slong) rng_below(r, 7), 4);
                fmpq_mul(want, y + t0, y + t0);
                fmpq_set_si(q, m, 1);
                fmpq_div(want, want, q);
            }
            CU_ASSERT_EQUAL_FATAL(basin_set_pattern(B, X, y, a, b, n), BASIN_OK);
        }
        else
            for (t = 0; t < m; t++)
                fmpq_set(B->y + t, y + t);
        CU_ASSERT_FATAL(ok);
        tot++;
        basin_value(R, B, 64);
        /* the engine's minimiser, checked with the test's own loops */
        for (t = 0; t < m && ok; t++)
        {
            fmpq_zero(q);
            for (j = 0; j < n; j++)
            {
                fmpq_zero(s);
                for (i = 0; i < d; i++)
                    fmpq_addmul(s, R->z + j * d + i, fmpq_mat_entry(X, t, i));
                if (fmpq_sgn(s) * B->a[j * m + t] * B->b[j] < 0)
                    ok = 0;
                if (B->a[j * m + t] > 0)
                    fmpq_add(q, q, s);
            }
            /* the prediction is y_t, except 0 at a clamped t0 */
            ok &= (clamp && t == t0) ? fmpq_is_zero(q) : fmpq_equal(q, y + t);
        }
        if (!R->is_exact || !fmpq_equal(R->exact, want) || !ok || !certificates_ok(R, B))
        {
            TEST_REPORT("instance with known Bas", "iteration %ld n=%ld d=%ld m=%ld forced=%d clamp=%d",
                        (long) it, (long) n, (long) d, (long) m, forced, clamp);
            CU_FAIL("instance with known Bas");
        }
        /* the float interpolation path itself */
        {
            double *zd = flint_malloc(sizeof(double) * (size_t) (n * d));
            double *lam = flint_malloc(sizeof(double) * (size_t) (n * m));
            int *work = flint_malloc(sizeof(int) * (size_t) (n * m));
            slong *rows = flint_malloc(sizeof(slong) * (size_t) (m + n * m));
            slong *piv = flint_malloc(sizeof(slong) * (size_t) (m + n * m));
            slong zexp, its, neq;
            _basin_solve_d(zd, &zexp, work, lam, &its, B);
            fast += _basin_interp_d(zd, rows, piv, &neq, B, zexp);
            flint_free(zd);
            flint_free(lam);
            flint_free(work);
            flint_free(rows);
            flint_free(piv);
        }
    next:
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
        _fmpq_vec_clear(zw, n * d);
        fmpq_clear(s);
        fmpq_clear(q);
        fmpq_clear(want);
        flint_free(a);
        flint_free(b);
    }
    if (fast * 10 < tot * 8)
    {
        TEST_REPORT("interpolation path taken", "%ld of %ld", (long) fast, (long) tot);
        CU_FAIL("interpolation path taken");
    }
}

int
t_basin_register(void)
{
    CU_pSuite s = CU_add_suite("basin", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "hand-solved and degenerate instances", test_hand_solved) ||
        !CU_add_test(s, "negative control and tampered certificates", test_negative_control) ||
        !CU_add_test(s, "boundary detection", test_boundary) ||
        !CU_add_test(s, "random patterns vs exhaustive oracle", test_random_vs_oracle) ||
        !CU_add_test(s, "random networks certified", test_random_networks) ||
        !CU_add_test(s, "interpolating and clamped instances: known Bas exactly", test_interpolating))
        return 1;
    return 0;
}

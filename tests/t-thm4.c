/* t-thm4.c -- Theorem 4: the exact probabilities against the enumeration
   of all sign patterns (orthogonal data, where every pattern has
   probability 2^-(n(m+1))), the solid angles against the Van
   Oosterom-Strackee formula, the closed-form basin value against the
   certified engine, the B.6 construction on hand-made instances (one
   where it succeeds with a known W', ones where it must fail), the sign
   filter against exact signs, the bound, the data reader's messages, and
   the module's input errors (tests/t-modules.c runs its table). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "paper.h"
#include "thm4.h"
#include "testutil.h"

static void
set_data(thm4_data_t D, slong m, slong d, const slong *xnum, const slong *xden, const slong *yn,
         const slong *yd)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    slong i;
    fmpq_mat_init(X, m, d);
    for (i = 0; i < m * d; i++)
        fmpq_set_si(fmpq_mat_entry(X, i / d, i % d), xnum[i], xden == NULL ? 1 : (ulong) xden[i]);
    for (i = 0; i < m; i++)
        fmpq_set_si(y + i, yn[i], yd == NULL ? 1 : (ulong) yd[i]);
    thm4_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

/* B.6's event by its definition, written independently */
static int
oracle_event(const int *a, const int *b, const fmpq *ybar, slong n, slong m)
{
    slong t, i;
    for (t = 0; t < m; t++)
    {
        int ok = 0;
        for (i = 0; i < n; i++)
        {
            int s = fmpq_sgn(ybar + t);
            if (a[i * m + t] == 1 && (s == 0 || s == b[i]))
                ok = 1;
        }
        if (!ok)
            return 0;
    }
    return 1;
}

/* orthogonal data: sign patterns are uniform; enumerate them all and
   decide Bas <= alpha with the certified engine (small cases) */
static void
test_prob_bruteforce(void)
{
    static const slong yv[3][3] = {{3, -1, 1}, {2, 5, 0}, {-1, -2, 4}};
    slong m, n, yi, bad = 0;
    for (yi = 0; yi < 3; yi++)
        for (m = 1; m <= 3; m++)
            for (n = 1; n <= 3 && n * (m + 1) <= 12; n++)
            {
                /* rows of a 4 x 4 Hadamard matrix, scaled: orthogonal */
                static const slong H[16] = {1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1};
                slong xs[12], i, bits = n * (m + 1);
                thm4_data_t D;
                fmpq *ybar = _fmpq_vec_init(m);
                fmpq_t alpha, Pg, Pb, cg, cb;
                arb_t A;
                int *a = flint_malloc(sizeof(int) * (size_t) (n * m + n)), *b = a + n * m, rat;
                ulong M, good = 0, ev = 0;
                int use_engine = bits <= 8;

                for (i = 0; i < 4 * m; i++)
                    xs[i] = H[i] * (1 + i / 4);
                thm4_data_init(D);
                set_data(D, m, 4, xs, NULL, yv[yi], NULL);
                fmpq_init(alpha);
                fmpq_init(Pg);
                fmpq_init(Pb);
                fmpq_init(cg);
                fmpq_init(cb);
                arb_init(A);
                thm4_alpha(alpha, ybar, D, n);
                for (M = 0; M < ((ulong) 1 << bits); M++)
                {
                    fmpq_t bas;
                    fmpq_init(bas);
                    for (i = 0; i < n * m; i++)
                        a[i] = (M >> i & 1) ? 1 : -1;
                    for (i = 0; i < n; i++)
                        b[i] = (M >> (n * m + i) & 1) ? 1 : -1;
                    if (use_engine)
                    {
                        basin_t B;
                        basin_result_t R;
                        basin_init(B);
                        basin_result_init(R);
                        basin_set_pattern(B, D->X, D->y, a, b, n);
                        basin_value(R, B, 64);
                        CU_ASSERT(R->is_exact);
                        fmpq_set(bas, R->exact);
                        basin_result_clear(R);
                        basin_clear(B);
                    }
                    else
                        thm4_bas_closed(bas, a, b, D->y, n, m);
                    good += fmpq_cmp(bas, alpha) <= 0;
                    ev += oracle_event(a, b, ybar, n, m);
                    fmpq_clear(bas);
                }
                fmpq_set_si(cg, (slong) good, 1);
                fmpq_div_2exp(cg, cg, (ulong) bits);
                fmpq_set_si(cb, (slong) ev, 1);
                fmpq_div_2exp(cb, cb, (ulong) bits);
                thm4_prob_good(A, Pg, &rat, D, n, 128);
                CU_ASSERT(rat);
                thm4_prob_b6(A, Pb, &rat, D, n, 128);
                if (!fmpq_equal(cg, Pg) || !fmpq_equal(cb, Pb))
                {
                    TEST_REPORT("exact probability = enumeration",
                                "m=%ld n=%ld targets %ld: good %lu, event %lu of 2^%ld", (long) m, (long) n,
                                (long) yi, good, ev, (long) bits);
                    bad++;
                }
                if (n >= 2)
                {
                    /* inclusion-exclusion (generic code path) contains the rational */
                    int need[3];
                    arb_t Q;
                    arb_init(Q);
                    thm4_need_good(need, D->y, m);
                    CU_ASSERT(thm4_prob_ie_arb(Q, D, need, n, 128));
                    arb_set_fmpq(A, cg, 128);
                    if (!arb_overlaps(Q, A))
                    {
                        TEST_REPORT("inclusion-exclusion = enumeration", "m=%ld n=%ld", (long) m, (long) n);
                        bad++;
                    }
                    arb_clear(Q);
                }
                flint_free(a);
                fmpq_clear(alpha);
                fmpq_clear(Pg);
                fmpq_clear(Pb);
                fmpq_clear(cg);
                fmpq_clear(cb);
                arb_clear(A);
                _fmpq_vec_clear(ybar, m);
                thm4_data_clear(D);
            }
    CU_ASSERT_EQUAL(bad, 0);
}

/* the per-point events are not independent: the product formula is wrong */
static void
test_not_independent(void)
{
    static const slong xs[8] = {1, 0, 0, 0, 0, 1, 0, 0};
    static const slong y[2] = {1, -1};
    thm4_data_t D;
    fmpq_t P, prod;
    arb_t A;
    int rat;
    thm4_data_init(D);
    set_data(D, 2, 4, xs, NULL, y, NULL);
    fmpq_init(P);
    fmpq_init(prod);
    arb_init(A);
    thm4_prob_good(A, P, &rat, D, 2, 128);
    /* by hand: j = 1 neuron with v > 0 (prob 1/2), both active on their
       point: 1/2 * 1/2 * 1/2 = 1/8 */
    fmpq_set_si(prod, 1, 8);
    CU_ASSERT(fmpq_equal(P, prod));
    /* (1 - (3/4)^2)^2 = 49/256 differs */
    fmpq_set_si(prod, 49, 256);
    CU_ASSERT(!fmpq_equal(P, prod));
    fmpq_clear(P);
    fmpq_clear(prod);
    arb_clear(A);
    thm4_data_clear(D);
}

/* solid angle of {w : X w > 0}, X square 3 x 3, by Van Oosterom-Strackee
   on the cone's edges (the columns of X^-1) */
static double
oracle_solid3(const double *X)
{
    double inv[9], det, e[3][3], n[3], num, den, cr[3];
    slong i, j;
    det = X[0] * (X[4] * X[8] - X[5] * X[7]) - X[1] * (X[3] * X[8] - X[5] * X[6]) +
          X[2] * (X[3] * X[7] - X[4] * X[6]);
    inv[0] = (X[4] * X[8] - X[5] * X[7]) / det;
    inv[1] = (X[2] * X[7] - X[1] * X[8]) / det;
    inv[2] = (X[1] * X[5] - X[2] * X[4]) / det;
    inv[3] = (X[5] * X[6] - X[3] * X[8]) / det;
    inv[4] = (X[0] * X[8] - X[2] * X[6]) / det;
    inv[5] = (X[2] * X[3] - X[0] * X[5]) / det;
    inv[6] = (X[3] * X[7] - X[4] * X[6]) / det;
    inv[7] = (X[1] * X[6] - X[0] * X[7]) / det;
    inv[8] = (X[0] * X[4] - X[1] * X[3]) / det;
    for (j = 0; j < 3; j++)
    {
        n[j] = 0.0;
        for (i = 0; i < 3; i++)
        {
            e[j][i] = inv[i * 3 + j];
            n[j] += e[j][i] * e[j][i];
        }
        n[j] = sqrt(n[j]);
    }
    cr[0] = e[1][1] * e[2][2] - e[1][2] * e[2][1];
    cr[1] = e[1][2] * e[2][0] - e[1][0] * e[2][2];
    cr[2] = e[1][0] * e[2][1] - e[1][1] * e[2][0];
    num = fabs(e[0][0] * cr[0] + e[0][1] * cr[1] + e[0][2] * cr[2]);
    den = n[0] * n[1] * n[2];
    for (i = 0; i < 3; i++)
    {
        den += (e[0][i] * e[1][i]) * n[2] + (e[0][i] * e[2][i]) * n[1] + (e[1][i] * e[2][i]) * n[0];
    }
    return 2.0 * atan2(num, den) / (16.0 * atan(1.0));
}

static void
test_solid_angle(void)
{
    slong it, iters = test_iters(20), bad = 0;
    rng_t r;
    for (it = 0; it < iters; it++)
    {
        thm4_data_t D;
        fmpq_mat_t X;
        fmpq *y = _fmpq_vec_init(3);
        double Xd[9];
        int need[3] = {THM4_NEED_PLUS, THM4_NEED_PLUS, THM4_NEED_PLUS};
        arb_t P;
        slong i;
        rng_init(r, test_seed(), rng_stream_id("t-thm4.solid"), (uint64_t) it);
        fmpq_mat_init(X, 3, 3);
        for (i = 0; i < 9; i++)
        {
            Xd[i] = rng_normal(r);
            bc_fmpq_set_d(fmpq_mat_entry(X, i / 3, i % 3), Xd[i]);
        }
        for (i = 0; i < 3; i++)
            fmpq_one(y + i);
        thm4_data_init(D);
        thm4_data_set(D, X, y);
        arb_init(P);
        /* all PLUS, n = 1: P = q(all) / 2 */
        CU_ASSERT(thm4_prob_ie_arb(P, D, need, 1, 128));
        arb_mul_2exp_si(P, P, 1);
        if (fabs(arf_get_d(arb_midref(P), ARF_RND_NEAR) - oracle_solid3(Xd)) > 1e-9)
        {
            TEST_REPORT("solid angle = Van Oosterom-Strackee", "iteration %ld: %.12f vs %.12f", (long) it,
                        arf_get_d(arb_midref(P), ARF_RND_NEAR), oracle_solid3(Xd));
            bad++;
        }
        arb_clear(P);
        fmpq_mat_clear(X);
        _fmpq_vec_clear(y, 3);
        thm4_data_clear(D);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_closed_vs_engine(void)
{
    slong it, iters = test_iters(60), bad = 0, n = 3, m = 3, i;
    rng_t r;
    thm4_data_t D;
    rng_init(r, test_seed(), rng_stream_id("t-thm4.closed.data"), 0);
    thm4_data_init(D);
    thm4_data_generate(D, THM4_DATA_GAUSS, m, 4, r);
    for (it = 0; it < iters; it++)
    {
        int a[9], b[3];
        basin_t B;
        basin_result_t R;
        fmpq_t bas;
        for (i = 0; i < n * m; i++)
            a[i] = (rng_u32(r) & 1) ? 1 : -1;
        for (i = 0; i < n; i++)
            b[i] = (rng_u32(r) & 1) ? 1 : -1;
        basin_init(B);
        basin_result_init(R);
        fmpq_init(bas);
        basin_set_pattern(B, D->X, D->y, a, b, n);
        basin_value(R, B, 64);
        thm4_bas_closed(bas, a, b, D->y, n, m);
        if (!R->is_exact || !fmpq_equal(R->exact, bas))
        {
            TEST_REPORT("closed form = engine", "iteration %ld", (long) it);
            bad++;
        }
        fmpq_clear(bas);
        basin_result_clear(R);
        basin_clear(B);
    }
    thm4_data_clear(D);
    CU_ASSERT_EQUAL(bad, 0);
}

/* basin-data.csv: x = (1,0,0), (0,2,0), (0,0,1/2), y = (3, -1, 1/4) */
static const slong hx[9] = {1, 0, 0, 0, 2, 0, 0, 0, 1};
static const slong hxd[9] = {1, 1, 1, 1, 1, 1, 1, 1, 2};
static const slong hy[3] = {3, -1, 1};
static const slong hyd[3] = {1, 1, 4};

static void
test_b6_hand(void)
{
    thm4_data_t D;
    thm4_b6_t C;
    fmpq *ybar = _fmpq_vec_init(3);
    fmpq_t alpha, e, bas;
    int a[6], b[2];
    slong chosen[3];
    static const double W1[6] = {1, 1, 1, -1, 1, -1}, v1[2] = {1, -1};
    static const double W2[6] = {1, 1, 1, 1, 1, 1}, v2[2] = {1, 2};
    static const double W3[3] = {1, -1, 1}, v3[1] = {1};
    static const slong want[6][2] = {{3, 1}, {0, 1}, {1, 2}, {0, 1}, {1, 2}, {0, 1}};
    slong i;

    thm4_data_init(D);
    set_data(D, 3, 3, hx, hxd, hy, hyd);
    CU_ASSERT(D->full && D->orthogonal && D->rank == 3);
    thm4_b6_init(C);
    fmpq_init(alpha);
    fmpq_init(e);
    fmpq_init(bas);

    /* success: neuron 0 (v > 0) serves points 0 and 2, neuron 1 (v < 0)
       point 1; W' = ((3, 0, 1/2), (0, 1/2, 0)) by hand */
    thm4_alpha(alpha, ybar, D, 2);
    CU_ASSERT(fmpq_is_zero(alpha));
    CU_ASSERT_EQUAL(thm4_b6_construct(C, D, ybar, alpha, W1, v1, 2, 1), THM4_B6_OK);
    CU_ASSERT(C->chosen[0] == 0 && C->chosen[1] == 1 && C->chosen[2] == 0);
    CU_ASSERT(C->solved && C->in_cell && C->attains && C->have_w);
    for (i = 0; i < 6; i++)
    {
        fmpq_set_si(e, want[i][0], (ulong) want[i][1]);
        if (!fmpq_equal(fmpq_mat_entry(C->W, i / 3, i % 3), e))
        {
            TEST_REPORT("W' by hand", "entry %ld", (long) i);
            CU_FAIL("W' entry");
        }
    }

    /* failure: both output weights positive, point 1 (y = -1) has no
       neuron; the engine's value is 1/3 > 0 */
    CU_ASSERT_EQUAL(thm4_b6_construct(C, D, ybar, alpha, W2, v2, 2, 0), THM4_B6_NO_NEURON);
    CU_ASSERT_EQUAL(C->bad_t, 1);
    CU_ASSERT_EQUAL(thm4_signs(a, b, D, W2, v2, 2, NULL), 0);
    thm4_bas_closed(bas, a, b, D->y, 2, 3);
    fmpq_set_si(e, 1, 3);
    CU_ASSERT(fmpq_equal(bas, e));

    /* width 1: alpha = S-/m = 1/3 with ybar = (3, 0, 1/4); the neuron is
       inactive on point 1, so B.6's event fails (ybar_1 = 0 asks for an
       active neuron) while the basin is good: Bas = 1/3 = alpha */
    thm4_alpha(alpha, ybar, D, 1);
    CU_ASSERT(fmpq_equal(alpha, e));
    CU_ASSERT(fmpq_is_zero(ybar + 1));
    CU_ASSERT_EQUAL(thm4_b6_construct(C, D, ybar, alpha, W3, v3, 1, 0), THM4_B6_NO_NEURON);
    thm4_signs(a, b, D, W3, v3, 1, NULL);
    CU_ASSERT_EQUAL(thm4_event_b6(chosen, a, b, ybar, 1, 3), 0);
    thm4_bas_closed(bas, a, b, D->y, 1, 3);
    CU_ASSERT(fmpq_equal(bas, alpha));

    /* boundary: <w, x_0> = 0 */
    {
        static const double Wz[3] = {0, 1, 1}, vz[1] = {1};
        CU_ASSERT_EQUAL(thm4_b6_construct(C, D, ybar, alpha, Wz, vz, 1, 0), THM4_B6_BOUNDARY);
        CU_ASSERT_EQUAL(thm4_signs(a, b, D, Wz, vz, 1, NULL), 1);
    }
    fmpq_clear(alpha);
    fmpq_clear(e);
    fmpq_clear(bas);
    _fmpq_vec_clear(ybar, 3);
    thm4_b6_clear(C);
    thm4_data_clear(D);
}

/* rank-deficient data: the event holds but the systems are not solvable */
static void
test_b6_rank(void)
{
    static const slong xs[6] = {1, 0, 2, 0}; /* x_2 = 2 x_1 in R^2 */
    static const slong y[2] = {1, 1};
    static const double W[4] = {1, 0, 1, 1}, v[2] = {1, 1};
    thm4_data_t D;
    thm4_b6_t C;
    fmpq *ybar = _fmpq_vec_init(2), *u = _fmpq_vec_init(2);
    fmpq_t alpha;
    thm4_data_init(D);
    set_data(D, 2, 2, xs, NULL, y, NULL);
    CU_ASSERT_EQUAL(D->rank, 1);
    CU_ASSERT(!D->full);
    CU_ASSERT_EQUAL(thm4_first_dependent(D->X), 1);
    fmpq_init(alpha);
    thm4_alpha(alpha, ybar, D, 2);
    thm4_b6_init(C);
    CU_ASSERT_EQUAL(thm4_b6_construct(C, D, ybar, alpha, W, v, 2, 0), THM4_B6_RANK);
    /* neuron 0 serves both points: X z = (1, 1) has no solution */
    fmpq_one(u);
    fmpq_one(u + 1);
    CU_ASSERT(!thm4_solvable(D->X, u));
    fmpq_set_si(u + 1, 2, 1);
    CU_ASSERT(thm4_solvable(D->X, u));
    thm4_b6_clear(C);
    fmpq_clear(alpha);
    _fmpq_vec_clear(ybar, 2);
    _fmpq_vec_clear(u, 2);
    thm4_data_clear(D);
}

/* random constructions: always verified when the event holds, and the
   filter's signs are the exact ones */
static void
test_b6_random(void)
{
    slong it, iters = test_iters(100), k, bad = 0, n = 5;
    thm4_data_t D;
    thm4_b6_t C;
    rng_t r;
    fmpq *ybar;
    fmpq_t alpha;
    rng_init(r, test_seed(), rng_stream_id("t-thm4.random"), 0);
    thm4_data_init(D);
    thm4_data_generate(D, THM4_DATA_ILLCOND, 4, 8, r);
    ybar = _fmpq_vec_init(4);
    fmpq_init(alpha);
    thm4_alpha(alpha, ybar, D, n);
    thm4_b6_init(C);
    for (it = 0; it < iters; it++)
    {
        double W[40], v[5];
        int a[20], b[5], st;
        slong chosen[4];
        for (k = 0; k < 40; k++)
            W[k] = rng_normal(r);
        for (k = 0; k < 5; k++)
            v[k] = rng_normal(r);
        st = thm4_b6_construct(C, D, ybar, alpha, W, v, n, 0);
        thm4_signs(a, b, D, W, v, n, NULL);
        for (k = 0; k < 20; k++)
            bad += a[k] != C->a[k];
        if (thm4_event_b6(chosen, a, b, ybar, n, 4) != (st == THM4_B6_OK))
        {
            TEST_REPORT("construction succeeds iff the event holds", "iteration %ld status %d", (long) it,
                        st);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    thm4_b6_clear(C);
    fmpq_clear(alpha);
    _fmpq_vec_clear(ybar, 4);
    thm4_data_clear(D);
}

/* the bound 1 - m c^n against hand values and against its own
   expansion by repeated multiplication */
static void
test_bound(void)
{
    fmpq_t b, e, c, p;
    slong m, n, k;
    fmpq_init(b);
    fmpq_init(e);
    fmpq_init(c);
    fmpq_init(p);
    paper_side_fail(c);
    thm4_bound(b, c, 1, 1);
    fmpq_set_si(e, 1, 4);
    CU_ASSERT(fmpq_equal(b, e));
    thm4_bound(b, c, 2, 2);
    fmpq_set_si(e, -1, 8);
    CU_ASSERT(fmpq_equal(b, e));
    fmpq_set_si(c, 2, 3);
    thm4_bound(b, c, 1, 3);
    fmpq_set_si(e, 19, 27);
    CU_ASSERT(fmpq_equal(b, e));
    for (m = 1; m <= 16; m *= 2)
        for (n = 1; n <= 40; n += 3)
        {
            fmpq_set_si(p, m, 1);
            for (k = 0; k < n; k++)
            {
                fmpq_mul(p, p, c);
            }
            fmpq_one(e);
            fmpq_sub(e, e, p);
            thm4_bound(b, c, m, n);
            if (!fmpq_equal(b, e))
            {
                TEST_REPORT("1 - m c^n", "m=%ld n=%ld", (long) m, (long) n);
                CU_FAIL("bound");
            }
        }
    fmpq_clear(b);
    fmpq_clear(e);
    fmpq_clear(c);
    fmpq_clear(p);
}

static void
test_data_read(void)
{
    char err[1024], *path = test_tmp_file("thm4", "# comment\n1,0,0,3\n0,1,0,1\n\n1,1,0,2\n");
    thm4_data_t D;
    thm4_data_init(D);
    CU_ASSERT_EQUAL(thm4_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, ":5: point 3 is a linear combination") != NULL);
    CU_ASSERT(strchr(err, '\n') == NULL);
    test_rewrite(path, "1,0,0,3\n0,1,0,1/3\n");
    CU_ASSERT_EQUAL(thm4_data_read(D, path, err, sizeof err), 0);
    CU_ASSERT(D->m == 2 && D->d == 3 && D->full && D->orthogonal);
    test_rewrite(path, "1,0,x\n");
    CU_ASSERT_EQUAL(thm4_data_read(D, path, err, sizeof err), 1);
    CU_ASSERT(strstr(err, ":1:") != NULL);
    thm4_data_clear(D);
    remove(path);
    flint_free(path);
}

/* data without a width, a missing file, a width too large: input errors
   (exit 2), before any record */
static void
test_input_errors(void)
{
    checklist_t L;
    run_opts o;
    run_t R;
    char *sel[1] = {"thm4.user"};

    test_quick_opts(&o, 1);
    o.nselect = 1;
    o.select = sel;
    o.data = "/nonexistent/thm4.csv";
    checklist_init(L);
    run_init(R, &module_thm4, &o, L);
    CU_ASSERT_EQUAL(module_thm4.exec(R), 2);
    o.width = 3;
    CU_ASSERT_EQUAL(module_thm4.exec(R), 2);
    o.data = NULL;
    o.width = 5000;
    CU_ASSERT_EQUAL(module_thm4.exec(R), 2);
    CU_ASSERT_EQUAL(L->nchecks, 0);
    checklist_clear(L);
}

/* the bench hook: registered under "thm4" (the program reaches it by
   name); a bad option is one line and status 2 */
static void
test_bench_hook(void)
{
    char *bad1[] = {"thm4", "--samples", "abc"}, *bad2[] = {"thm4", "--threads", "0"};
    char *bad3[] = {"thm4", "--nosuch"}, *bad4[] = {"thm4", "--seed"};
    CU_ASSERT(module_thm4.bench == thm4_bench && !strcmp(module_thm4.bench_name, "thm4"));
    CU_ASSERT_EQUAL(thm4_bench(3, bad1), 2);
    CU_ASSERT_EQUAL(thm4_bench(3, bad2), 2);
    CU_ASSERT_EQUAL(thm4_bench(2, bad3), 2);
    CU_ASSERT_EQUAL(thm4_bench(2, bad4), 2);
}

static const test_case suite_tests[] = {
    {"exact probabilities = enumeration of sign patterns", test_prob_bruteforce},
    {"per-point events are not independent", test_not_independent},
    {"solid angles = Van Oosterom-Strackee", test_solid_angle},
    {"closed-form basin value = engine", test_closed_vs_engine},
    {"B.6 on hand-made instances", test_b6_hand},
    {"B.6 on rank-deficient data", test_b6_rank},
    {"B.6 random: succeeds iff the event holds", test_b6_random},
    {"bound", test_bound},
    {"data reader", test_data_read},
    {"input errors", test_input_errors},
    {"bench hook", test_bench_hook},
};

int
t_thm4_register(void)
{
    return TEST_SUITE("thm4", suite_tests);
}

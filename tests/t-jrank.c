/* t-jrank.c -- the module jrank's mathematics (seed 004, reconstructed)
   against independent oracles: the tuple counts and the pattern counts
   by brute force over every tuple and every pattern (with the Jacobian
   written out here and FLINT's rank over Q); the GF(2) product by brute
   force over binary matrices (a Gaussian elimination over GF(2) written
   here); the critical residual by the normal equations; the certified
   local minimum of the one-dimensional instance against its closed form
   2/9; the witnessed dimension of zero-loss sets against P minus FLINT's
   rank; the loss from the ReLU against J theta inside the region. */
#include <flint/fmpq_vec.h>
#include <flint/fmpz_vec.h>

#include "jrank.h"
#include "rng.h"
#include "testutil.h"

/* the Jacobian of A on D at v written out from the bits (v NULL: 1) */
static void
oracle_jacobian(fmpq_mat_t J, const jac_data_t D, const jac_pattern_t A, const fmpq *v)
{
    slong i, j, c, e = D->d0 + 1;
    fmpq_mat_init(J, D->n, A->d1 * e);
    for (j = 0; j < D->n; j++)
        for (i = 0; i < A->d1; i++)
            if ((jac_pattern_row(A, i)[j / FLINT_BITS] >> (j % FLINT_BITS)) & 1)
                for (c = 0; c < e; c++)
                {
                    fmpq *q = fmpq_mat_entry(J, j, i * e + c);
                    if (c < D->d0)
                        fmpq_set(q, D->x + j * D->d0 + c);
                    else
                        fmpq_one(q);
                    if (v != NULL)
                        fmpq_mul(q, q, v + i);
                }
}

/* rank over Q by FLINT's reduced row echelon form */
static slong
mat_rank(const fmpq_mat_t J)
{
    fmpq_mat_t B;
    slong r;
    fmpq_mat_init(B, J->r, J->c);
    r = fmpq_mat_rref(B, J);
    fmpq_mat_clear(B);
    return r;
}

static slong
oracle_rank(const jac_data_t D, const jac_pattern_t A)
{
    fmpq_mat_t J;
    slong r;
    oracle_jacobian(J, D, A, NULL);
    r = mat_rank(J);
    fmpq_mat_clear(J);
    return r;
}

/* data with small rational coordinates k/4, |k| <= 8 (ties possible) */
static void
small_data(jac_data_t D, rng_t g)
{
    slong k, m = D->n * D->d0;
    fmpq *x = _fmpq_vec_init(m);
    for (k = 0; k < m; k++)
        fmpq_set_si(x + k, (slong) rng_below(g, 17) - 8, 4);
    jac_data_set_fmpq(D, x);
    _fmpq_vec_clear(x, m);
}

/* ------------------------------------------------------ counting */

static void
test_tuples_onto(void)
{
    slong k, d1, bad = 0;
    fmpz_t c, s, b;
    fmpz_init(c);
    fmpz_init(s);
    fmpz_init(b);
    for (k = 0; k <= 4; k++)
        for (d1 = 1; d1 <= 6; d1++)
        {
            /* brute force: tuples over {0 = empty, 1..k} using every 1..k */
            ulong tot = 1, t, hits = 0;
            slong i;
            for (i = 0; i < d1; i++)
                tot *= (ulong) (k + 1);
            for (t = 0; t < tot; t++)
            {
                ulong u = t, seen = 0;
                for (i = 0; i < d1; i++, u /= (ulong) (k + 1))
                    if (u % (ulong) (k + 1) != 0)
                        seen |= UWORD(1) << (u % (ulong) (k + 1));
                hits += seen == ((UWORD(1) << (k + 1)) - 2);
            }
            jrank_tuples_onto(c, k, d1);
            if (!fmpz_equal_ui(c, hits))
            {
                TEST_REPORT("tuples onto a k-set = brute force", "k = %ld d1 = %ld: %lu", (long) k, (long) d1,
                            (unsigned long) hits);
                bad++;
            }
        }
    /* sum_k C(N, k) onto(k, d1) = (N + 1)^d1 */
    fmpz_zero(s);
    for (k = 0; k <= 5; k++)
    {
        jrank_tuples_onto(c, k, 5);
        fmpz_bin_uiui(b, 9, (ulong) k);
        fmpz_addmul(s, c, b);
    }
    fmpz_set_ui(b, 10);
    fmpz_pow_ui(b, b, 5);
    CU_ASSERT(fmpz_equal(s, b));
    CU_ASSERT_EQUAL(bad, 0);
    fmpz_clear(c);
    fmpz_clear(s);
    fmpz_clear(b);
}

static int
full_n(void *ctx, const jac_data_t D, const jac_pattern_t A, jac_rank_t K)
{
    (void) ctx;
    jac_rank(K, D, A, JAC_DECIDE);
    return K->full_rank == BC_TRUE && K->P >= K->n;
}

/* jrank_count_patterns against every pattern decided by FLINT's rank */
static void
test_count_patterns(void)
{
    static const slong cfg[][3] = {{3, 1, 2}, {3, 1, 3}, {4, 1, 2}, {3, 2, 2},
                                   {4, 2, 3}, {4, 3, 2}, {2, 1, 4}};
    slong it, iters = test_iters(2);
    for (it = 0; it < iters; it++)
    {
        slong q;
        for (q = 0; q < (slong) (sizeof(cfg) / sizeof(cfg[0])); q++)
        {
            slong n = cfg[q][0], d0 = cfg[q][1], d1 = cfg[q][2], i;
            ulong p, tot = UWORD(1) << (n * d1), full = 0, mask = (UWORD(1) << n) - 1;
            jac_data_t D;
            jac_pattern_t A;
            fmpz_t f, t;
            rng_t g;
            rng_init(g, test_seed(), rng_stream_id("t-jrank/count"), (uint64_t) (it * 16 + q));
            jac_data_init(D, n, d0);
            small_data(D, g);
            jac_pattern_init(A, d1, n);
            for (p = 0; p < tot; p++)
            {
                for (i = 0; i < d1; i++)
                    jac_pattern_row(A, i)[0] = (p >> (i * n)) & mask;
                full += oracle_rank(D, A) == n;
            }
            fmpz_init(f);
            fmpz_init(t);
            jrank_count_patterns(f, t, NULL, D, d1, full_n, NULL);
            if (!fmpz_equal_ui(f, full) || !fmpz_equal_ui(t, tot))
            {
                TEST_REPORT("full-rank pattern count = brute force", "n = %ld d0 = %ld d1 = %ld: %lu of %lu",
                            (long) n, (long) d0, (long) d1, (unsigned long) full, (unsigned long) tot);
                CU_FAIL("count");
            }
            fmpz_clear(f);
            fmpz_clear(t);
            jac_pattern_clear(A);
            jac_data_clear(D);
            rng_clear(g);
        }
    }
}

/* columns of a binary matrix (columns as bit masks, d1 <= 8 bits)
   independent over GF(2): a basis indexed by leading bit, written here */
static int
gf2_independent(const ulong *col, slong m)
{
    ulong basis[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    slong i, bit;
    for (i = 0; i < m; i++)
    {
        ulong v = col[i];
        for (bit = 7; bit >= 0 && v != 0; bit--)
            if ((v >> bit) & 1)
            {
                if (basis[bit] == 0)
                {
                    basis[bit] = v;
                    break;
                }
                v ^= basis[bit];
            }
        if (v == 0)
            return 0;
    }
    return 1;
}

/* the product bound against the exact GF(2) probability per group */
static void
test_bound_product(void)
{
    slong n, g, d1;
    for (n = 1; n <= 7; n++)
        for (g = 1; g <= n; g++)
            for (d1 = 1; d1 <= 4 && ((n + g - 1) / g) * d1 <= 16; d1++)
            {
                fmpq_t B, E, p;
                slong k;
                fmpq_init(B);
                fmpq_init(E);
                fmpq_init(p);
                fmpq_one(E);
                for (k = 0; k < g; k++)
                {
                    /* group k: the points j < n with j mod g = k */
                    slong m = (n - k + g - 1) / g, i;
                    ulong t, tot = UWORD(1) << (m * d1), ind = 0, col[8];
                    for (t = 0; t < tot; t++)
                    {
                        for (i = 0; i < m; i++)
                            col[i] = (t >> (i * d1)) & ((UWORD(1) << d1) - 1);
                        ind += (ulong) gf2_independent(col, m);
                    }
                    fmpq_set_ui(p, ind, tot);
                    fmpq_mul(E, E, p);
                }
                jrank_bound_product(B, n, g, d1);
                if (!fmpq_equal(B, E))
                {
                    TEST_REPORT("GF(2) product = exact GF(2) probability", "n = %ld g = %ld d1 = %ld",
                                (long) n, (long) g, (long) d1);
                    CU_FAIL("product");
                }
                /* the union form is below it */
                jrank_bound_simple(p, n, g, g, d1);
                CU_ASSERT(fmpq_cmp(p, B) <= 0);
                fmpq_clear(B);
                fmpq_clear(E);
                fmpq_clear(p);
            }
}

/* X0: every point a unit vector or 0, groups by j mod (d0 + 1) */
static void
test_data_x0(void)
{
    jac_data_t D;
    slong j, c;
    jac_data_init(D, 7, 2);
    jrank_data_x0(D);
    for (j = 0; j < 7; j++)
        for (c = 0; c < 2; c++)
            CU_ASSERT(fmpq_equal_si(D->x + j * 2 + c, j % 3 == c ? 1 : 0));
    jac_data_clear(D);
}

/* ------------------------------------------------------ D1 and D2 */

/* a random region: small rational data, hidden weights k/4 (pattern of
   those weights, 0 when some pre-activation vanishes), v = +-k/2 */
static int
random_region(jac_data_t D, jac_pattern_t A, fmpq *theta, fmpq *v, rng_t g)
{
    slong d1 = A->d1, d0 = D->d0, e = d0 + 1, i, c;
    fmpq *W = _fmpq_vec_init(d1 * d0), *b = _fmpq_vec_init(d1);
    int ok;
    small_data(D, g);
    for (i = 0; i < d1; i++)
    {
        for (c = 0; c < e; c++)
            fmpq_set_si(theta + i * e + c, (slong) rng_below(g, 17) - 8, 4);
        for (c = 0; c < d0; c++)
            fmpq_set(W + i * d0 + c, theta + i * e + c);
        fmpq_set(b + i, theta + i * e + d0);
        fmpq_set_si(v + i, (slong) rng_below(g, 4) + 1, 2);
        if (rng_below(g, 2))
            fmpq_neg(v + i, v + i);
    }
    ok = jac_pattern_set_weights(A, NULL, NULL, D, W, b) == 0;
    _fmpq_vec_clear(W, d1 * d0);
    _fmpq_vec_clear(b, d1);
    return ok;
}

/* the residual against the normal equations J^T J t = J^T y solved by
   FLINT (r = y - J t), and the loss from the ReLU against |J theta - y|^2 */
static void
test_residual(void)
{
    slong it, iters = test_iters(40);
    for (it = 0; it < iters; it++)
    {
        slong n = 2 + (slong) (it % 6), d0 = 1 + (slong) (it % 3), d1 = 1 + (slong) ((it / 3) % 4);
        slong P = d1 * (d0 + 1), j, q;
        jac_data_t D;
        jac_pattern_t A;
        fmpq *theta = _fmpq_vec_init(P), *v = _fmpq_vec_init(d1), *y = _fmpq_vec_init(n);
        fmpq *r = _fmpq_vec_init(n), *tc = _fmpq_vec_init(P);
        fmpq_mat_t J, Jt, G, b, t, yv, Jtv;
        fmpq_t L, M, z;
        rng_t g;
        rng_init(g, test_seed(), rng_stream_id("t-jrank/residual"), (uint64_t) it);
        jac_data_init(D, n, d0);
        jac_pattern_init(A, d1, n);
        if (!random_region(D, A, theta, v, g))
            goto next;
        for (j = 0; j < n; j++)
            fmpq_set_si(y + j, (slong) rng_below(g, 9) - 4, 2);
        q = jrank_crit_residual(r, tc, D, A, v, y);
        oracle_jacobian(J, D, A, v);
        fmpq_mat_init(Jt, P, n);
        fmpq_mat_transpose(Jt, J);
        fmpq_mat_init(G, P, P);
        fmpq_mat_mul(G, Jt, J);
        fmpq_mat_init(yv, n, 1);
        for (j = 0; j < n; j++)
            fmpq_set(fmpq_mat_entry(yv, j, 0), y + j);
        fmpq_mat_init(b, P, 1);
        fmpq_mat_mul(b, Jt, yv);
        fmpq_mat_init(t, P, 1);
        CU_ASSERT(fmpq_mat_can_solve(t, G, b));
        fmpq_mat_init(Jtv, n, 1);
        fmpq_mat_mul(Jtv, J, t);
        CU_ASSERT_EQUAL(q, n - mat_rank(J));
        for (j = 0; j < n; j++)
        {
            fmpq_sub(fmpq_mat_entry(Jtv, j, 0), fmpq_mat_entry(yv, j, 0), fmpq_mat_entry(Jtv, j, 0));
            if (!fmpq_equal(fmpq_mat_entry(Jtv, j, 0), r + j))
            {
                TEST_REPORT("critical residual = normal equations", "it = %ld n = %ld d0 = %ld d1 = %ld",
                            (long) it, (long) n, (long) d0, (long) d1);
                CU_FAIL("residual");
                break;
            }
        }
        /* inside the region the ReLU loss at theta is |J theta - y|^2 / n */
        fmpq_init(L);
        fmpq_init(M);
        fmpq_init(z);
        jrank_net_loss(L, D, theta, v, d1, y);
        for (j = 0; j < n; j++)
        {
            slong l;
            fmpq_neg(z, y + j);
            for (l = 0; l < P; l++)
                fmpq_addmul(z, fmpq_mat_entry(J, j, l), theta + l);
            fmpq_addmul(M, z, z);
        }
        fmpq_set_si(z, 1, n);
        fmpq_mul(M, M, z);
        CU_ASSERT(fmpq_equal(L, M));
        fmpq_clear(L);
        fmpq_clear(M);
        fmpq_clear(z);
        fmpq_mat_clear(J);
        fmpq_mat_clear(Jt);
        fmpq_mat_clear(G);
        fmpq_mat_clear(b);
        fmpq_mat_clear(t);
        fmpq_mat_clear(yv);
        fmpq_mat_clear(Jtv);
    next:
        _fmpq_vec_clear(theta, P);
        _fmpq_vec_clear(v, d1);
        _fmpq_vec_clear(y, n);
        _fmpq_vec_clear(r, n);
        _fmpq_vec_clear(tc, P);
        jac_pattern_clear(A);
        jac_data_clear(D);
        rng_clear(g);
    }
}

/* the line x = 1, 2, 3 with neurons (w_i, b_i) and v = 1 */
static void
line_region(jac_data_t D, jac_pattern_t A, fmpq *theta, fmpq *v, const slong *wb2, slong d1)
{
    fmpq x[3], W[2], b[2];
    slong i, j;
    for (j = 0; j < 3; j++)
    {
        fmpq_init(x + j);
        fmpq_set_si(x + j, j + 1, 1);
    }
    jac_data_set_fmpq(D, x);
    for (i = 0; i < d1; i++)
    {
        fmpq_init(W + i);
        fmpq_init(b + i);
        fmpq_set_si(W + i, wb2[2 * i], 1);
        fmpq_set_si(b + i, wb2[2 * i + 1], 2);
        fmpq_set(theta + 2 * i, W + i);
        fmpq_set(theta + 2 * i + 1, b + i);
        fmpq_one(v + i);
    }
    jac_pattern_set_weights(A, NULL, NULL, D, W, b);
    for (j = 0; j < 3; j++)
        fmpq_clear(x + j);
    for (i = 0; i < d1; i++)
    {
        fmpq_clear(W + i);
        fmpq_clear(b + i);
    }
}

/* the counterpart of D1: value 2/9 (the best affine fit of (0, 1, 0) on
   1, 2, 3 has slope 0, intercept 1/3), and none on the full-rank region */
static void
test_local_min(void)
{
    static const slong flat[4] = {0, 2, 0, 2}, full[4] = {0, 2, 1, -3};
    jac_data_t D;
    jac_pattern_t A;
    fmpq theta[4], v[2], y[3], th[4];
    fmpq_t val, q;
    slong j;
    for (j = 0; j < 4; j++)
    {
        fmpq_init(theta + j);
        fmpq_init(th + j);
    }
    for (j = 0; j < 3; j++)
        fmpq_init(y + j);
    fmpq_init(v + 0);
    fmpq_init(v + 1);
    fmpq_init(val);
    fmpq_init(q);
    fmpq_one(y + 1);
    jac_data_init(D, 3, 1);
    jac_pattern_init(A, 2, 3);
    line_region(D, A, theta, v, flat, 2);
    CU_ASSERT_EQUAL(jrank_local_min(val, th, D, A, v, y, 128), BC_TRUE);
    fmpq_set_si(q, 2, 9);
    CU_ASSERT(fmpq_equal(val, q));
    /* th is a critical point inside the region: slope 0, w_i = 0 */
    CU_ASSERT(fmpq_is_zero(th + 0) && fmpq_is_zero(th + 2));
    line_region(D, A, theta, v, full, 2);
    CU_ASSERT_EQUAL(jrank_local_min(val, th, D, A, v, y, 128), BC_FALSE);
    CU_ASSERT(fmpq_is_zero(val));
    /* D2 on it: full rank (3 = n) yet no zero-loss point in the region */
    CU_ASSERT_EQUAL(oracle_rank(D, A), 3);
    CU_ASSERT_EQUAL(jrank_zero_dim(&j, th, D, A, v, y, NULL), BC_FALSE);
    CU_ASSERT_EQUAL(j, -1);
    jac_pattern_clear(A);
    jac_data_clear(D);
    for (j = 0; j < 4; j++)
    {
        fmpq_clear(theta + j);
        fmpq_clear(th + j);
    }
    for (j = 0; j < 3; j++)
        fmpq_clear(y + j);
    fmpq_clear(v + 0);
    fmpq_clear(v + 1);
    fmpq_clear(val);
    fmpq_clear(q);
}

/* D2: on random regions with the region's own outputs as targets, the
   witnessed dimension is P minus FLINT's rank of the written-out J */
static void
test_zero_dim(void)
{
    slong it, iters = test_iters(30);
    for (it = 0; it < iters; it++)
    {
        slong n = 2 + (slong) (it % 5), d0 = 1 + (slong) (it % 2), d1 = 1 + (slong) ((it / 2) % 4);
        slong P = d1 * (d0 + 1), j, l, dim;
        jac_data_t D;
        jac_pattern_t A;
        fmpq *theta = _fmpq_vec_init(P), *v = _fmpq_vec_init(d1), *y = _fmpq_vec_init(n);
        fmpq *th = _fmpq_vec_init(P);
        fmpq_mat_t J;
        rng_t g;
        rng_init(g, test_seed(), rng_stream_id("t-jrank/zero"), (uint64_t) it);
        jac_data_init(D, n, d0);
        jac_pattern_init(A, d1, n);
        if (random_region(D, A, theta, v, g))
        {
            oracle_jacobian(J, D, A, v);
            for (j = 0; j < n; j++)
                for (l = 0; l < P; l++)
                    fmpq_addmul(y + j, fmpq_mat_entry(J, j, l), theta + l);
            /* from the linear programme, and from the teacher as start */
            if (jrank_zero_dim(&dim, th, D, A, v, y, NULL) != BC_TRUE || dim != P - mat_rank(J) ||
                jrank_zero_dim(&dim, th, D, A, v, y, theta) != BC_TRUE || dim != P - mat_rank(J))
            {
                TEST_REPORT("zero-loss dimension = P - rank J", "it = %ld n = %ld d0 = %ld d1 = %ld",
                            (long) it, (long) n, (long) d0, (long) d1);
                CU_FAIL("dimension");
            }
            fmpq_mat_clear(J);
        }
        _fmpq_vec_clear(theta, P);
        _fmpq_vec_clear(th, P);
        _fmpq_vec_clear(v, d1);
        _fmpq_vec_clear(y, n);
        jac_pattern_clear(A);
        jac_data_clear(D);
        rng_clear(g);
    }
}

/* D5: the transfer matrix against every set of step rows on sorted
   distinct points, ranks by FLINT */
static void
test_line(void)
{
    slong n;
    jrank_line_reading rd = {2, 2};
    for (n = 1; n <= 5; n++)
    {
        slong nr = 2 * n - 1, j;
        ulong rows[9], set, tot = UWORD(1) << nr;
        fmpz *N = _fmpz_vec_init(2 * n);
        slong cnt[10] = {0};
        jac_data_t D;
        fmpq x[5];
        for (j = 0; j < n; j++)
        {
            fmpq_init(x + j);
            fmpq_set_si(x + j, j * j + 3 * j - 2, 3); /* increasing */
        }
        jac_data_init(D, n, 1);
        jac_data_set_fmpq(D, x);
        jrank_line_rows(rows, n);
        for (set = 0; set < tot; set++)
        {
            slong k = 0, i = 0;
            jac_pattern_t A;
            jac_pattern_init(A, FLINT_MAX(1, nr), n);
            for (j = 0; j < nr; j++)
                if ((set >> j) & 1)
                    jac_pattern_row(A, i++)[0] = rows[j];
            k = i;
            cnt[k] += oracle_rank(D, A) == n;
            jac_pattern_clear(A);
        }
        jrank_line_full_sets(N, n, &rd);
        for (j = 0; j < 2 * n; j++)
            if (!fmpz_equal_si(N + j, cnt[j]))
            {
                TEST_REPORT("transfer matrix = brute force over step-row sets", "n = %ld k = %ld: %ld",
                            (long) n, (long) j, (long) cnt[j]);
                CU_FAIL("line");
            }
        /* the rows are the step vectors: each realisable (exact LP) */
        for (j = 0; j < nr; j++)
            CU_ASSERT(jac_row_realisable_1d(D, rows + j));
        jac_data_clear(D);
        for (j = 0; j < n; j++)
            fmpq_clear(x + j);
        _fmpz_vec_clear(N, 2 * n);
    }
}

/* D4 in 1-D: the weighted transfer matrix against the sum over every
   tuple of rows of its probability, ranks by FLINT */
static void
test_line_prob(void)
{
    static const slong cfg[][2] = {{1, 2}, {2, 2}, {3, 3}, {4, 3}, {3, 4}};
    jrank_line_reading rd = {2, 2};
    slong q;
    for (q = 0; q < (slong) (sizeof(cfg) / sizeof(cfg[0])); q++)
    {
        slong n = cfg[q][0], d1 = cfg[q][1], j, i;
        ulong rows[8], t, tot = 1;
        fmpq x[4], qr[8], qc[3];
        fmpq_t qE, q0, P, S, w;
        jac_data_t D;
        for (j = 0; j < n; j++)
        {
            fmpq_init(x + j);
            fmpq_set_si(x + j, 3 * j * j + 1, 32); /* increasing, in [0, 1] */
        }
        for (j = 0; j < 8; j++)
            fmpq_init(qr + j);
        for (j = 0; j < 3; j++)
            fmpq_init(qc + j);
        fmpq_init(qE);
        fmpq_init(q0);
        fmpq_init(P);
        fmpq_init(S);
        fmpq_init(w);
        jac_data_init(D, n, 1);
        jac_data_set_fmpq(D, x);
        jrank_line_q_torch(qc, qE, q0, x, n);
        /* rows[0] = empty, rows[1] = E, then prefix/suffix of each cut */
        rows[0] = 0;
        jrank_line_rows(rows + 1, n);
        fmpq_set(qr + 0, q0);
        fmpq_set(qr + 1, qE);
        for (j = 1; j < n; j++)
        {
            fmpq_set(qr + 2 * j, qc + j - 1);
            fmpq_set(qr + 2 * j + 1, qc + j - 1);
        }
        /* the q's are a probability law */
        fmpq_zero(w);
        for (j = 0; j < 2 * n; j++)
            fmpq_add(w, w, qr + j);
        CU_ASSERT(fmpq_is_one(w));
        for (i = 0; i < d1; i++)
            tot *= (ulong) (2 * n);
        for (t = 0; t < tot; t++)
        {
            jac_pattern_t A;
            ulong u = t;
            jac_pattern_init(A, d1, n);
            fmpq_one(w);
            for (i = 0; i < d1; i++, u /= (ulong) (2 * n))
            {
                jac_pattern_row(A, i)[0] = rows[u % (ulong) (2 * n)];
                fmpq_mul(w, w, qr + u % (ulong) (2 * n));
            }
            if (oracle_rank(D, A) == n)
                fmpq_add(S, S, w);
            jac_pattern_clear(A);
        }
        jrank_line_prob(P, qc, qE, q0, n, d1, &rd);
        if (!fmpq_equal(P, S))
        {
            TEST_REPORT("weighted transfer matrix = sum over tuples", "n = %ld d1 = %ld", (long) n,
                        (long) d1);
            CU_FAIL("line prob");
        }
        jac_data_clear(D);
        for (j = 0; j < n; j++)
            fmpq_clear(x + j);
        for (j = 0; j < 8; j++)
            fmpq_clear(qr + j);
        for (j = 0; j < 3; j++)
            fmpq_clear(qc + j);
        fmpq_clear(qE);
        fmpq_clear(q0);
        fmpq_clear(P);
        fmpq_clear(S);
        fmpq_clear(w);
    }
}

int
t_jrank_register(void)
{
    CU_pSuite s = CU_add_suite("jrank", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "tuples onto a set of rows vs brute force", test_tuples_onto) == NULL ||
        CU_add_test(s, "full-rank pattern counts vs every pattern", test_count_patterns) == NULL ||
        CU_add_test(s, "GF(2) product vs binary matrices", test_bound_product) == NULL ||
        CU_add_test(s, "specialised data X0", test_data_x0) == NULL ||
        CU_add_test(s, "critical residual vs normal equations", test_residual) == NULL ||
        CU_add_test(s, "the 2/9 local minimum and the full-rank control", test_local_min) == NULL ||
        CU_add_test(s, "zero-loss dimension vs P - rank", test_zero_dim) == NULL ||
        CU_add_test(s, "one-dimensional transfer matrix vs brute force", test_line) == NULL ||
        CU_add_test(s, "initialisation probability vs every tuple", test_line_prob) == NULL)
        return -1;
    return 0;
}

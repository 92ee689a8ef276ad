/* t-ldl.c -- the exact LDL^T semidefiniteness test (ldl.h) against an
   independent oracle (all principal minors, fmpq_mat_det) on hand and
   random matrices, and its factors against their contract (the
   reconstruction P H P^T = L D L^T, the Schur complement holding the
   offending entry, the rank by the row echelon form). */
#include <flint/fmpq_vec.h>

#include "ldl.h"
#include "rng.h"
#include "testutil.h"

/* PSD iff every principal minor is >= 0 (all 2^n - 1 of them). */
static int
oracle_psd(const fmpq_mat_t H)
{
    slong n = fmpq_mat_nrows(H), i, j, k, cnt;
    ulong S;
    int psd = 1;
    fmpq_t det;
    fmpq_init(det);
    for (S = 1; S < ((ulong) 1 << n) && psd; S++)
    {
        slong idx[16];
        fmpq_mat_t P;
        cnt = 0;
        for (k = 0; k < n; k++)
            if (S >> k & 1)
                idx[cnt++] = k;
        fmpq_mat_init(P, cnt, cnt);
        for (i = 0; i < cnt; i++)
            for (j = 0; j < cnt; j++)
                fmpq_set(fmpq_mat_entry(P, i, j), fmpq_mat_entry(H, idx[i], idx[j]));
        fmpq_mat_det(det, P);
        if (fmpq_sgn(det) < 0)
            psd = 0;
        fmpq_mat_clear(P);
    }
    fmpq_clear(det);
    return psd;
}

static void
mat_from(fmpq_mat_t H, slong n, const slong *e)
{
    slong i, j;
    fmpq_mat_clear(H);
    fmpq_mat_init(H, n, n);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            fmpq_set_si(fmpq_mat_entry(H, i, j), e[i * n + j], 1);
}

/* The contract of ldl.h on the factors of H, checked from H alone:
   perm is a permutation, L unit lower triangular with identity columns
   from rank on, D > 0 before rank and 0 after, minpiv its least positive
   entry, and S = P H P^T - L_{:,<r} diag(D) L_{:,<r}^T vanishes outside
   the trailing block, which is 0 when H is PSD (then P H P^T = L D L^T
   and rank = rank H) and holds the offending entry at (i, j) otherwise. */
static int
factors_ok(const fmpq_mat_t H, const ldl_t F, int psd)
{
    slong n = fmpq_mat_nrows(H), r = F->rank, k, l, c, *pos;
    int ok = 1;
    fmpq_mat_t S;
    fmpq_t t, mn;

    if (F->n != n || fmpq_mat_nrows(F->L) != n || fmpq_mat_ncols(F->L) != n || r < 0 || r > n)
        return 0;
    pos = flint_malloc(sizeof(slong) * (size_t) (n > 0 ? n : 1));
    for (k = 0; k < n; k++)
        pos[k] = -1;
    for (k = 0; k < n && ok; k++)
    {
        if (F->perm[k] < 0 || F->perm[k] >= n || pos[F->perm[k]] >= 0)
            ok = 0;
        else
            pos[F->perm[k]] = k;
    }
    fmpq_init(t);
    fmpq_init(mn);
    for (k = 0; k < n && ok; k++)
    {
        if (k < r ? fmpq_sgn(F->D + k) <= 0 : !fmpq_is_zero(F->D + k))
            ok = 0;
        if (k < r && (k == 0 || fmpq_cmp(F->D + k, mn) < 0))
            fmpq_set(mn, F->D + k);
        for (l = 0; l < n; l++)
        {
            const fmpq *e = fmpq_mat_entry(F->L, k, l);
            if (l == k ? !fmpq_is_one(e) : ((l > k || l >= r) && !fmpq_is_zero(e)))
                ok = 0;
        }
    }
    if (ok && !fmpq_equal(mn, F->minpiv))
        ok = 0;
    fmpq_mat_init(S, n, n);
    for (k = 0; k < n && ok; k++)
        for (l = 0; l < n; l++)
        {
            fmpq_set(fmpq_mat_entry(S, k, l), fmpq_mat_entry(H, F->perm[k], F->perm[l]));
            for (c = 0; c < r; c++)
            {
                fmpq_mul(t, fmpq_mat_entry(F->L, k, c), fmpq_mat_entry(F->L, l, c));
                fmpq_mul(t, t, F->D + c);
                fmpq_sub(fmpq_mat_entry(S, k, l), fmpq_mat_entry(S, k, l), t);
            }
            if ((k < r || l < r || psd) && !fmpq_is_zero(fmpq_mat_entry(S, k, l)))
                ok = 0;
        }
    if (ok && psd)
        ok = F->reason == LDL_PSD && r == test_fmpq_mat_rank(H);
    else if (ok)
    {
        const fmpq *e = fmpq_mat_entry(S, pos[F->i], pos[F->j]);
        ok = F->step == r && pos[F->i] >= r && pos[F->j] >= r && fmpq_equal(e, F->bad);
        if (F->reason == LDL_NEG_DIAG)
            ok = ok && F->i == F->j && fmpq_sgn(e) < 0;
        else if (F->reason == LDL_ZERO_PIV)
        {
            ok = ok && F->i != F->j && !fmpq_is_zero(e);
            for (k = r; k < n; k++)
                ok = ok && fmpq_is_zero(fmpq_mat_entry(S, k, k));
        }
        else
            ok = 0;
    }
    fmpq_mat_clear(S);
    fmpq_clear(t);
    fmpq_clear(mn);
    flint_free(pos);
    return ok;
}

static void
test_ldl_hand(void)
{
    static const slong psd1[] = {1, 1, 1, 1};                /* rank 1 */
    static const slong pd[] = {2, 1, 1, 2};                  /* PD */
    static const slong zp[] = {0, 1, 1, 0};                  /* zero pivot, indefinite */
    static const slong zp3[] = {1, 0, 0, 0, 0, 1, 0, 1, 0};  /* zero pivot after a step */
    static const slong ind[] = {1, 2, 2, 1};                 /* det -3 */
    static const slong zero[] = {0, 0, 0, 0};                /* PSD, rank 0 */
    static const slong late[] = {1, 1, 1, 1, 1, 1, 1, 1, 0}; /* Schur diag -1 after one step */
    fmpq_mat_t H;
    ldl_t info;

    fmpq_mat_init(H, 0, 0);
    ldl_init(info);

    mat_from(H, 2, psd1);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
    CU_ASSERT_EQUAL(info->rank, 1);
    /* [1 1; 1 1] = [1 0; 1 1] diag(1, 0) [1 1; 0 1] */
    CU_ASSERT(info->perm[0] == 0 && info->perm[1] == 1 && fmpq_is_one(fmpq_mat_entry(info->L, 1, 0)) &&
              fmpq_is_one(info->D + 0) && fmpq_is_zero(info->D + 1));
    mat_from(H, 2, pd);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
    CU_ASSERT_EQUAL(info->rank, 2);
    CU_ASSERT(fmpq_cmp_si(info->minpiv, 1) > 0); /* pivots 2, 3/2 */
    mat_from(H, 2, zp);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
    CU_ASSERT_EQUAL(info->reason, LDL_ZERO_PIV);
    mat_from(H, 3, zp3);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
    CU_ASSERT_EQUAL(info->reason, LDL_ZERO_PIV);
    CU_ASSERT_EQUAL(info->step, 1);
    CU_ASSERT(info->i == 1 && info->j == 2 && fmpq_is_one(info->bad));
    CU_ASSERT(factors_ok(H, info, 0));
    /* a later pivot first: [0 0; 0 2] eliminates index 1, then the zero block */
    {
        static const slong late_piv[] = {0, 0, 0, 2};
        mat_from(H, 2, late_piv);
        CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
        CU_ASSERT(info->rank == 1 && info->perm[0] == 1 && info->perm[1] == 0 &&
                  fmpq_equal_si(info->D + 0, 2));
        CU_ASSERT(factors_ok(H, info, 1));
    }
    mat_from(H, 2, ind);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
    CU_ASSERT_EQUAL(info->reason, LDL_NEG_DIAG);
    mat_from(H, 2, zero);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
    CU_ASSERT_EQUAL(info->rank, 0);
    mat_from(H, 3, late);
    CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
    CU_ASSERT_EQUAL(info->reason, LDL_NEG_DIAG);
    CU_ASSERT(fmpq_equal_si(info->bad, -1));
    /* non-symmetric input is refused */
    {
        static const slong ns[] = {1, 2, 0, 1};
        mat_from(H, 2, ns);
        CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
        CU_ASSERT_EQUAL(info->reason, LDL_NOT_SQUARE);
        CU_ASSERT(info->i == 1 && info->j == 0 && info->n == 0);
        fmpq_mat_clear(H);
        fmpq_mat_init(H, 2, 3);
        CU_ASSERT_EQUAL(ldl_psd(info, H), 0);
        CU_ASSERT_EQUAL(info->reason, LDL_NOT_SQUARE);
        /* the empty matrix is PSD */
        fmpq_mat_clear(H);
        fmpq_mat_init(H, 0, 0);
        CU_ASSERT_EQUAL(ldl_psd(info, H), 1);
        CU_ASSERT(info->rank == 0 && info->n == 0);
    }
    ldl_clear(info);
    fmpq_mat_clear(H);
}

/* random symmetric matrices: G^T G (PSD, often singular), G^T G - c e e^T
   and small integer matrices, against the minors oracle; the factors
   against their contract (factors_ok) */
static void
test_ldl_random(void)
{
    slong it, iters = test_iters(400), bad = 0, npsd = 0, i, j, k;
    fmpq_mat_t H, G;
    ldl_t info;
    rng_t r;

    fmpq_mat_init(H, 0, 0);
    ldl_init(info);
    for (it = 0; it < iters; it++)
    {
        slong n = 1 + (slong) (it % 5), rk, kind;
        int a, b;
        rng_init(r, test_seed(), rng_stream_id("t-ldl/random"), (uint64_t) it);
        rk = (slong) rng_below(r, (uint64_t) n + 1);
        kind = (slong) rng_below(r, 3);
        fmpq_mat_clear(H);
        fmpq_mat_init(H, n, n);
        if (kind < 2)
        {
            fmpq_mat_init(G, rk > 0 ? rk : 1, n);
            for (i = 0; i < fmpq_mat_nrows(G); i++)
                for (j = 0; j < n; j++)
                    fmpq_set_si(fmpq_mat_entry(G, i, j), (slong) rng_below(r, 7) - 3,
                                1 + (ulong) rng_below(r, 3));
            if (rk == 0)
                fmpq_mat_zero(G);
            for (i = 0; i < n; i++)
                for (j = 0; j < n; j++)
                    for (k = 0; k < fmpq_mat_nrows(G); k++)
                        fmpq_addmul(fmpq_mat_entry(H, i, j), fmpq_mat_entry(G, k, i),
                                    fmpq_mat_entry(G, k, j));
            if (kind == 1)
            {
                /* subtract c e_p e_q^T + c e_q e_p^T: often indefinite */
                slong p = (slong) rng_below(r, (uint64_t) n), q = (slong) rng_below(r, (uint64_t) n);
                fmpq_t c;
                fmpq_init(c);
                fmpq_set_si(c, 1 + (slong) rng_below(r, 4), 4);
                fmpq_sub(fmpq_mat_entry(H, p, q), fmpq_mat_entry(H, p, q), c);
                if (p != q)
                    fmpq_sub(fmpq_mat_entry(H, q, p), fmpq_mat_entry(H, q, p), c);
                fmpq_clear(c);
            }
            fmpq_mat_clear(G);
        }
        else
            for (i = 0; i < n; i++)
                for (j = i; j < n; j++)
                {
                    fmpq_set_si(fmpq_mat_entry(H, i, j), (slong) rng_below(r, 5) - (i == j ? 1 : 2), 1);
                    fmpq_set(fmpq_mat_entry(H, j, i), fmpq_mat_entry(H, i, j));
                }
        a = ldl_psd(info, H);
        b = oracle_psd(H);
        npsd += b;
        if (a != b || !factors_ok(H, info, a))
        {
            TEST_REPORT("LDL^T PSD test == principal minors, factors as documented",
                        "iteration %ld n %ld kind %ld: ldl %d oracle %d", (long) it, (long) n, (long) kind, a,
                        b);
            fmpq_mat_print(H);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* both outcomes exercised */
    CU_ASSERT(npsd > iters / 10 && npsd < iters - iters / 10);
    ldl_clear(info);
    fmpq_mat_clear(H);
}

static const test_case suite_tests[] = {
    {"LDL^T on hand matrices", test_ldl_hand},
    {"LDL^T == principal minors, factors as documented, random", test_ldl_random},
};

int
t_ldl_register(void)
{
    return TEST_SUITE("ldl", suite_tests);
}

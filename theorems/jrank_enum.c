/* jrank_enum.c -- (D3) counting the full-rank patterns among all binary
   patterns, the specialised data X0 of the proof, and the bounds
   (jrank.tex, Proposition D3). */
#include <flint/fmpz_vec.h>

#include "jrank.h"

void
jrank_tuples_onto(fmpz_t c, slong k, slong d1)
{
    fmpz_t t, b;
    slong i;
    fmpz_init(t);
    fmpz_init(b);
    fmpz_zero(c);
    /* inclusion-exclusion over the rows of R that are missed */
    for (i = 0; i <= k; i++)
    {
        fmpz_bin_uiui(b, (ulong) k, (ulong) i);
        fmpz_set_ui(t, (ulong) (k + 1 - i));
        fmpz_pow_ui(t, t, (ulong) d1);
        fmpz_mul(t, t, b);
        if (i % 2 == 0)
            fmpz_add(c, c, t);
        else
            fmpz_sub(c, c, t);
    }
    fmpz_clear(t);
    fmpz_clear(b);
}

/* advances the k-subset c[0] < ... < c[k-1] of {0..N-1} in lexicographic
   order; returns 0 after the last */
static int
next_subset(slong *c, slong k, slong N)
{
    slong i = k - 1;
    while (i >= 0 && c[i] == N - k + i)
        i--;
    if (i < 0)
        return 0;
    c[i]++;
    for (i = i + 1; i < k; i++)
        c[i] = c[i - 1] + 1;
    return 1;
}

slong
jrank_count_rows(fmpz_t full, fmpz *by_size, const jac_data_t D, const ulong *rows, slong nrows, slong d1,
                 jrank_full_fn fn, void *ctx)
{
    slong n = D->n, k, i, dec = 0;
    slong *c;
    jac_pattern_t A;
    jac_rank_t K;
    fmpz_t w, cnt;

    c = flint_malloc(sizeof(slong) * (size_t) (d1 + 1));
    jac_pattern_init(A, d1, n);
    jac_rank_init(K);
    fmpz_init(w);
    fmpz_init(cnt);
    fmpz_zero(full);
    if (by_size != NULL)
        _fmpz_vec_zero(by_size, d1 + 1);
    for (k = 1; k <= d1 && k <= nrows; k++)
    {
        jrank_tuples_onto(w, k, d1);
        fmpz_zero(cnt);
        for (i = 0; i < k; i++)
            c[i] = i;
        do
        {
            jac_pattern_zero(A);
            for (i = 0; i < k; i++)
                jac_pattern_row(A, i)[0] = rows[c[i]];
            dec++;
            if (fn(ctx, D, A, K))
                fmpz_add_ui(cnt, cnt, 1);
        } while (next_subset(c, k, nrows));
        if (by_size != NULL)
            fmpz_set(by_size + k, cnt);
        fmpz_addmul(full, cnt, w);
    }
    fmpz_clear(w);
    fmpz_clear(cnt);
    jac_rank_clear(K);
    jac_pattern_clear(A);
    flint_free(c);
    return dec;
}

void
jrank_count_patterns(fmpz_t full, fmpz_t total, slong *decisions, const jac_data_t D, slong d1,
                     jrank_full_fn fn, void *ctx)
{
    slong n = D->n, N, j, dec;
    ulong *rows;

    if (n > 24 || d1 < 1)
        flint_abort();      /* a programming error: 2^n rows must fit in memory */
    N = (WORD(1) << n) - 1; /* the non-empty rows 1..2^n - 1 */
    rows = flint_malloc(sizeof(ulong) * (size_t) N);
    for (j = 0; j < N; j++)
        rows[j] = (ulong) (j + 1);
    dec = jrank_count_rows(full, NULL, D, rows, N, d1, fn, ctx);
    fmpz_one(total);
    fmpz_mul_2exp(total, total, (ulong) (d1 * n));
    if (decisions != NULL)
        *decisions = dec;
    flint_free(rows);
}

void
jrank_data_x0(jac_data_t D)
{
    slong n = D->n, d0 = D->d0, j;
    double *x = flint_calloc((size_t) (n * d0), sizeof(double));
    for (j = 0; j < n; j++)
    {
        slong k = j % (d0 + 1);
        if (k < d0)
            x[j * d0 + k] = 1.0;
    }
    jac_data_set_d(D, x);
    flint_free(x);
}

/* the sizes of the g groups: n mod g of size ceil(n/g), the rest floor */
static slong
group_size(slong n, slong g, slong k)
{
    return n / g + (k < n % g ? 1 : 0);
}

void
jrank_bound_product(fmpq_t B, slong n, slong g, slong d1)
{
    fmpq_t f;
    slong k, i;
    fmpq_init(f);
    fmpq_one(B);
    for (k = 0; k < g; k++)
        for (i = 0; i < group_size(n, g, k); i++)
        {
            /* the i-th column of a group avoids the span of the previous
               i over GF(2): probability 1 - 2^(i - d1) */
            if (i >= d1)
            {
                fmpq_zero(B);
                goto done;
            }
            fmpq_one(f);
            fmpz_mul_2exp(fmpq_denref(f), fmpq_denref(f), (ulong) (d1 - i));
            fmpq_sub_si(f, f, 1);
            fmpq_neg(f, f);
            fmpq_mul(B, B, f);
        }
done:
    fmpq_clear(f);
}

void
jrank_bound_simple(fmpq_t B, slong n, slong g, slong factor, slong d1)
{
    slong m = (n + g - 1) / g;
    fmpq_t t;
    fmpq_init(t);
    /* 1 - factor 2^(m - d1) */
    fmpz_set_si(fmpq_numref(t), factor);
    fmpz_one(fmpq_denref(t));
    if (m >= d1)
        fmpz_mul_2exp(fmpq_numref(t), fmpq_numref(t), (ulong) (m - d1));
    else
        fmpz_mul_2exp(fmpq_denref(t), fmpq_denref(t), (ulong) (d1 - m));
    fmpq_canonicalise(t);
    fmpq_one(B);
    fmpq_sub(B, B, t);
    if (fmpq_sgn(B) < 0)
        fmpq_zero(B);
    fmpq_clear(t);
}

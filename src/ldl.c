/* ldl.c -- the exact symmetric LDL^T with diagonal pivoting and the
   positive-semidefiniteness test (ldl.h). */
#include <flint/fmpq_vec.h>

#include "ldl.h"

void
ldl_init(ldl_t F)
{
    F->reason = LDL_PSD;
    F->rank = 0;
    F->step = -1;
    F->i = F->j = -1;
    fmpq_init(F->minpiv);
    fmpq_init(F->bad);
    F->n = 0;
    F->perm = NULL;
    fmpq_mat_init(F->L, 0, 0);
    F->D = NULL;
    F->alloc = 0;
}

void
ldl_clear(ldl_t F)
{
    fmpq_clear(F->minpiv);
    fmpq_clear(F->bad);
    flint_free(F->perm);
    fmpq_mat_clear(F->L);
    if (F->D != NULL)
        _fmpq_vec_clear(F->D, F->alloc);
}

/* F's factors sized for order n: L zero, D zero */
static void
fit(ldl_t F, slong n)
{
    slong k;
    if (F->alloc < n)
    {
        if (F->D != NULL)
            _fmpq_vec_clear(F->D, F->alloc);
        F->D = _fmpq_vec_init(n);
        F->perm = flint_realloc(F->perm, sizeof(slong) * (size_t) n);
        F->alloc = n;
    }
    for (k = 0; k < n; k++)
        fmpq_zero(F->D + k);
    if (fmpq_mat_nrows(F->L) != n || fmpq_mat_ncols(F->L) != n)
    {
        fmpq_mat_clear(F->L);
        fmpq_mat_init(F->L, n, n);
    }
    else
        fmpq_mat_zero(F->L);
    F->n = n;
}

/* F->L holds the multipliers by H's row index (column k: step k); sets
   F->perm (the pivots, then the rows not eliminated in increasing order),
   moves row perm[k] of F->L to row k (in place, cycle by cycle; only the
   first rank columns are non-zero) and sets the unit diagonal.  Entries
   above the diagonal stay 0: row perm[k], k <= c, was eliminated by step
   c and so never received a multiplier of step c. */
static void
order_factors(ldl_t F, const slong *pivot, const int *alive, int *seen)
{
    slong n = F->n, k, c, i, j;

    for (k = 0; k < F->rank; k++)
        F->perm[k] = pivot[k];
    for (i = 0; i < n; i++)
        if (alive[i])
            F->perm[k++] = i;
    for (k = 0; k < n; k++)
        seen[k] = 0;
    for (k = 0; k < n; k++)
    {
        if (seen[k])
            continue;
        for (j = k; F->perm[j] != k; j = F->perm[j])
        {
            for (c = 0; c < F->rank; c++)
                fmpq_swap(fmpq_mat_entry(F->L, j, c), fmpq_mat_entry(F->L, F->perm[j], c));
            seen[j] = 1;
        }
        seen[j] = 1;
    }
    for (k = 0; k < n; k++)
        fmpq_one(fmpq_mat_entry(F->L, k, k));
}

int
ldl_psd(ldl_t F, const fmpq_mat_t H)
{
    slong n = fmpq_mat_nrows(H), step, i, j, p, *pivot;
    int *alive, psd = 1, done = 0;
    fmpq_mat_t A;
    fmpq_t f, g, mp;

    F->reason = LDL_PSD;
    F->rank = 0;
    F->step = -1;
    F->i = F->j = -1;
    fmpq_zero(F->minpiv);
    fmpq_zero(F->bad);
    if (fmpq_mat_ncols(H) != n)
    {
        F->reason = LDL_NOT_SQUARE;
        fit(F, 0);
        return 0;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++)
            if (!fmpq_equal(fmpq_mat_entry(H, i, j), fmpq_mat_entry(H, j, i)))
            {
                F->reason = LDL_NOT_SQUARE;
                F->i = i;
                F->j = j;
                fit(F, 0);
                return 0;
            }

    fit(F, n);
    fmpq_mat_init_set(A, H);
    alive = flint_malloc(sizeof(int) * (size_t) (n > 0 ? 2 * n : 1));
    pivot = flint_malloc(sizeof(slong) * (size_t) (n > 0 ? n : 1));
    for (i = 0; i < n; i++)
        alive[i] = 1;
    fmpq_init(f);
    fmpq_init(g);
    fmpq_init(mp);

    for (step = 0; step < n && !done; step++)
    {
        /* a negative diagonal entry anywhere in the complement decides */
        p = -1;
        for (i = 0; i < n && psd; i++)
        {
            if (!alive[i])
                continue;
            if (fmpq_sgn(fmpq_mat_entry(A, i, i)) < 0)
            {
                psd = 0;
                F->reason = LDL_NEG_DIAG;
                F->step = step;
                F->i = F->j = i;
                fmpq_set(F->bad, fmpq_mat_entry(A, i, i));
            }
            else if (p < 0 && fmpq_sgn(fmpq_mat_entry(A, i, i)) > 0)
                p = i;
        }
        if (!psd)
            break;
        if (p < 0)
        {
            /* zero pivots only: PSD iff the remaining block is zero */
            for (i = 0; i < n && psd; i++)
                for (j = i + 1; j < n && psd; j++)
                    if (alive[i] && alive[j] && !fmpq_is_zero(fmpq_mat_entry(A, i, j)))
                    {
                        psd = 0;
                        F->reason = LDL_ZERO_PIV;
                        F->step = step;
                        F->i = i;
                        F->j = j;
                        fmpq_set(F->bad, fmpq_mat_entry(A, i, j));
                    }
            done = 1;
            break;
        }
        /* eliminate pivot p: A_ij -= A_ip A_pj / A_pp on the alive block */
        if (F->rank == 0 || fmpq_cmp(fmpq_mat_entry(A, p, p), mp) < 0)
            fmpq_set(mp, fmpq_mat_entry(A, p, p));
        fmpq_set(F->D + F->rank, fmpq_mat_entry(A, p, p));
        pivot[F->rank] = p;
        alive[p] = 0;
        for (i = 0; i < n; i++)
        {
            if (!alive[i] || fmpq_is_zero(fmpq_mat_entry(A, i, p)))
                continue;
            fmpq_div(f, fmpq_mat_entry(A, i, p), fmpq_mat_entry(A, p, p));
            fmpq_set(fmpq_mat_entry(F->L, i, F->rank), f);
            for (j = i; j < n; j++)
            {
                if (!alive[j])
                    continue;
                fmpq_mul(g, f, fmpq_mat_entry(A, p, j));
                fmpq_sub(fmpq_mat_entry(A, i, j), fmpq_mat_entry(A, i, j), g);
                if (j != i)
                    fmpq_set(fmpq_mat_entry(A, j, i), fmpq_mat_entry(A, i, j));
            }
        }
        F->rank++;
    }

    order_factors(F, pivot, alive, alive + n);
    fmpq_swap(F->minpiv, mp);
    fmpq_clear(f);
    fmpq_clear(g);
    fmpq_clear(mp);
    flint_free(alive);
    flint_free(pivot);
    fmpq_mat_clear(A);
    return psd;
}

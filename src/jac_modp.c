/* jac_modp.c -- the modular ranks of the Gram matrices (jac.h): a
   symmetric elimination that costs n^3 / 6 Shoup multiplications, with
   FLINT's LU as the fallback. */
#include "jac.h"

slong
_jac_nmod_sym_rank(slong *piv, nmod_mat_t G)
{
    /* LDL^T on the lower triangle, pivots in the given order.  G = M^T M
       over Q is positive semidefinite, so there a zero diagonal entry has
       a zero row; over Z/p a zero diagonal entry can sit in a non-zero
       row (an isotropic vector), and then this elimination stops and
       returns -1 (the caller uses a general LU).  The pivots found are
       indices whose principal minor of G is non-singular mod p. */
    slong n = G->r, k, i, j, r = 0;
    ulong p = G->mod.n;
    nmod_t mod = G->mod;
    for (k = 0; k < n; k++)
    {
        ulong d = nmod_mat_entry(G, k, k), dinv;
        if (d == 0)
        {
            for (i = k + 1; i < n; i++)
                if (nmod_mat_entry(G, i, k) != 0)
                    return -1;
            continue;
        }
        piv[r++] = k;
        dinv = n_invmod(d, p);
        for (i = k + 1; i < n; i++)
        {
            ulong l, lp, *gi = G->rows[i];
            if (gi[k] == 0)
                continue;
            l = nmod_mul(gi[k], dinv, mod);
            lp = n_mulmod_precomp_shoup(l, p);
            for (j = k + 1; j <= i; j++)
            {
                ulong t = n_mulmod_shoup(l, G->rows[j][k], lp, p);
                gi[j] = nmod_sub(gi[j], t, mod);
            }
        }
    }
    return r;
}

slong
_jac_nmod_rank_pivots(slong *piv, const nmod_mat_t G)
{
    slong r, n = G->r;
    nmod_mat_t T;
    nmod_mat_init_set(T, G);
    r = _jac_nmod_sym_rank(piv, T);
    if (r < 0)
    {
        /* general LU: the first r rows of the permuted matrix are
           independent */
        slong *perm = flint_malloc(sizeof(slong) * (size_t) n), k;
        nmod_mat_set(T, G);
        r = nmod_mat_lu(perm, T, 0);
        for (k = 0; k < n; k++)
            piv[k] = perm[k];
        flint_free(perm);
    }
    nmod_mat_clear(T);
    return r;
}

slong
_jac_nmod_rank(nmod_mat_t A)
{
    /* Gaussian elimination with Shoup multiplications (r c min(r, c) / 3
       of them at most) */
    slong r = A->r, c = A->c, rank = 0, col, i, j, piv;
    ulong p = A->mod.n;
    nmod_t mod = A->mod;
    for (col = 0; col < c && rank < r; col++)
    {
        ulong inv;
        for (piv = rank; piv < r; piv++)
            if (A->rows[piv][col] != 0)
                break;
        if (piv == r)
            continue;
        if (piv != rank)
        {
            ulong *t = A->rows[piv];
            A->rows[piv] = A->rows[rank];
            A->rows[rank] = t;
        }
        inv = n_invmod(A->rows[rank][col], p);
        for (i = rank + 1; i < r; i++)
        {
            ulong l, lp, *ri = A->rows[i];
            const ulong *rk = A->rows[rank];
            if (ri[col] == 0)
                continue;
            l = nmod_mul(ri[col], inv, mod);
            lp = n_mulmod_precomp_shoup(l, p);
            for (j = col + 1; j < c; j++)
                ri[j] = nmod_sub(ri[j], n_mulmod_shoup(l, rk[j], lp, p), mod);
            ri[col] = 0;
        }
        rank++;
    }
    return rank;
}

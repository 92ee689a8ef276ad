/* cert_ldl.c -- rational LDL^T with diagonal pivoting, and the positive
   (semi)definiteness witness built on it (kind "psd").

   With a pivot S_pp > 0 of the current Schur complement S, S is PSD iff
   its complement S / S_pp is (the congruence [1 0; -S_qp/S_pp I] splits
   S into S_pp (+) S / S_pp).  So eliminating positive diagonal pivots
   gives P A P^T = L D L^T with D >= 0 exactly when A is PSD; when it
   stops (a negative diagonal entry, or a zero diagonal with a non-zero
   entry: the 2 x 2 minor 0 * 0 - S_ij^2 < 0) the partial factors give a
   vector x with x^T A x < 0: with y in the complement's coordinates and
   L_k the partial unit factor, x = P^T L_k^{-T} y has
   x^T A x = y^T (D_k (+) S) y. */
#include <flint/fmpq_vec.h>

#include "cert.h"

/* x^T A x */
static void
quad_form(fmpq_t res, const fmpq_mat_t A, const fmpq *x)
{
    slong n = fmpq_mat_nrows(A), i, j;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(res);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
        {
            fmpq_mul(t, x + i, x + j);
            fmpq_addmul(res, t, fmpq_mat_entry(A, i, j));
        }
    fmpq_clear(t);
}

static int
is_symmetric(const fmpq_mat_t A)
{
    slong n = fmpq_mat_nrows(A), i, j;
    if (fmpq_mat_ncols(A) != n)
        return 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++)
            if (!fmpq_equal(fmpq_mat_entry(A, i, j), fmpq_mat_entry(A, j, i)))
                return 0;
    return 1;
}

int
cert_ldl(slong *perm, fmpq_mat_t L, fmpq *D, fmpq *x, slong *done, const fmpq_mat_t A, int definite)
{
    slong n = fmpq_mat_nrows(A), k, i, j, p, r, s, fi = -1, fj = -1;
    int *alive, ok = 1;
    fmpq_mat_t S, Mul; /* Mul(i, k): multiplier of original index i at step k */
    fmpq_t f, g;
    fmpq *y, *xp;

    if (!is_symmetric(A))
    {
        flint_printf("cert_ldl: the matrix is not square and symmetric\n");
        flint_abort();
    }
    fmpq_mat_init_set(S, A);
    fmpq_mat_init(Mul, n, n);
    fmpq_init(f);
    fmpq_init(g);
    alive = flint_malloc(sizeof(int) * (size_t) (n + 1));
    for (i = 0; i < n; i++)
        alive[i] = 1;

    for (k = 0; k < n && ok; k++)
    {
        p = -1;
        for (i = 0; i < n && fi < 0; i++)
        {
            if (!alive[i])
                continue;
            if (fmpq_sgn(fmpq_mat_entry(S, i, i)) < 0)
                fi = fj = i;
            else if (p < 0 && fmpq_sgn(fmpq_mat_entry(S, i, i)) > 0)
                p = i;
        }
        if (fi < 0 && p < 0)
        {
            /* every remaining diagonal entry is 0 */
            for (i = 0; i < n && fi < 0; i++)
                for (j = i + 1; j < n && fi < 0; j++)
                    if (alive[i] && alive[j] && !fmpq_is_zero(fmpq_mat_entry(S, i, j)))
                    {
                        fi = i;
                        fj = j;
                    }
            if (fi < 0 && definite)
                for (i = 0; i < n && fi < 0; i++)
                    if (alive[i])
                        fi = fj = i; /* a zero pivot: e_i^T S e_i = 0 */
            if (fi < 0)
            {
                /* the complement is the zero matrix: pivots 0 */
                for (i = 0; i < n; i++)
                    if (alive[i])
                    {
                        perm[k] = i;
                        fmpq_zero(D + k);
                        alive[i] = 0;
                        k++;
                    }
                break;
            }
        }
        if (fi >= 0)
        {
            ok = 0;
            break;
        }
        perm[k] = p;
        fmpq_set(D + k, fmpq_mat_entry(S, p, p));
        alive[p] = 0;
        for (i = 0; i < n; i++)
            if (alive[i])
                fmpq_div(fmpq_mat_entry(Mul, i, k), fmpq_mat_entry(S, i, p), fmpq_mat_entry(S, p, p));
        for (i = 0; i < n; i++)
        {
            if (!alive[i] || fmpq_is_zero(fmpq_mat_entry(Mul, i, k)))
                continue;
            for (j = i; j < n; j++)
            {
                if (!alive[j])
                    continue;
                fmpq_mul(g, fmpq_mat_entry(Mul, i, k), fmpq_mat_entry(S, p, j));
                fmpq_sub(fmpq_mat_entry(S, i, j), fmpq_mat_entry(S, i, j), g);
                fmpq_set(fmpq_mat_entry(S, j, i), fmpq_mat_entry(S, i, j));
            }
        }
    }
    *done = k;
    /* the rest of the permutation: the remaining indices in order */
    for (i = 0, r = k; i < n; i++)
        if (alive[i])
        {
            perm[r++] = i;
            alive[i] = 0;
        }

    fmpq_mat_clear(L);
    fmpq_mat_init(L, n, n);
    for (r = 0; r < n; r++)
    {
        fmpq_one(fmpq_mat_entry(L, r, r));
        for (s = 0; s < r && s < k; s++)
            fmpq_set(fmpq_mat_entry(L, r, s), fmpq_mat_entry(Mul, perm[r], s));
    }

    if (!ok)
    {
        /* y in permuted coordinates, supported on the complement */
        y = _fmpq_vec_init(n);
        xp = _fmpq_vec_init(n);
        for (r = k; r < n; r++)
        {
            if (perm[r] == fi)
                fmpq_one(y + r);
            if (perm[r] == fj && fj != fi)
                fmpq_set_si(y + r, fmpq_sgn(fmpq_mat_entry(S, fi, fj)) > 0 ? -1 : 1, 1);
        }
        /* L^T xp = y, back substitution (L unit lower triangular) */
        for (r = n - 1; r >= 0; r--)
        {
            fmpq_set(xp + r, y + r);
            for (s = r + 1; s < n; s++)
                fmpq_submul(xp + r, fmpq_mat_entry(L, s, r), xp + s);
        }
        for (r = 0; r < n; r++)
            fmpq_set(x + perm[r], xp + r);
        /* the witness must do what it claims (a failure here is a bug) */
        quad_form(f, A, x);
        if (fmpq_sgn(f) > 0 || (fmpq_sgn(f) == 0 && !definite))
        {
            flint_printf("cert_ldl: internal error, the negative direction is not\n");
            flint_abort();
        }
        _fmpq_vec_clear(y, n);
        _fmpq_vec_clear(xp, n);
    }

    flint_free(alive);
    fmpq_mat_clear(S);
    fmpq_mat_clear(Mul);
    fmpq_clear(f);
    fmpq_clear(g);
    return ok;
}

int
_cert_ldl_members(cert_t c, const fmpq_mat_t A, int definite)
{
    slong n = fmpq_mat_nrows(A), done;
    slong *perm = flint_malloc(sizeof(slong) * (size_t) (n + 1));
    fmpq *D = _fmpq_vec_init(n + 1), *x = _fmpq_vec_init(n + 1);
    fmpq_mat_t L;
    fmpq_t v;
    int ok;

    fmpq_mat_init(L, 0, 0);
    fmpq_init(v);
    ok = cert_ldl(perm, L, D, x, &done, A, definite);
    if (ok)
    {
        cert_si_vec(c, "perm", perm, n);
        cert_fmpq_mat(c, "L", L);
        cert_fmpq_vec(c, "D", D, n);
    }
    else
    {
        quad_form(v, A, x);
        cert_fmpq_vec(c, "vector", x, n);
        cert_fmpq(c, "value", v);
    }
    fmpq_clear(v);
    fmpq_mat_clear(L);
    _fmpq_vec_clear(D, n + 1);
    _fmpq_vec_clear(x, n + 1);
    flint_free(perm);
    return ok;
}

truth_t
cert_psd(check_t chk, const char *label, const fmpq_mat_t A, int definite)
{
    cert_t c;
    int ok;

    if (!is_symmetric(A))
        return BC_UNDECIDED;
    cert_init(c, "psd", NULL, label);
    cert_str(c, "property", definite ? "pd" : "psd");
    cert_si(c, "n", fmpq_mat_nrows(A));
    cert_fmpq_mat(c, "matrix", A);
    ok = _cert_ldl_members(c, A, definite);
    cert_str(c, "verdict", ok ? "holds" : "fails");
    cert_attach(chk, c);
    return ok ? BC_TRUE : BC_FALSE;
}

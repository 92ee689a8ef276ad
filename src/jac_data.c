/* jac_data.c -- the data of the Jacobian: exact inputs, their integer
   rows L_j (x_j, 1) and the modular images the rank stages share. */
#include <math.h>
#include <stdlib.h>

#include "jac.h"

void
jac_data_init(jac_data_t D, slong n, slong d0)
{
    slong j;
    if (n < 1 || d0 < 1)
        flint_abort();
    D->n = n;
    D->d0 = d0;
    D->e = d0 + 1;
    D->x = _fmpq_vec_init(n * d0);
    D->xd = NULL;
    fmpz_mat_init(D->Z, n, D->e);
    D->L = _fmpz_vec_init(n);
    for (j = 0; j < n; j++)
    {
        fmpz_one(D->L + j);
        fmpz_one(fmpz_mat_entry(D->Z, j, d0));
    }
    D->p = JAC_PRIME;
    nmod_mat_init(D->Zp, n, D->e, D->p);
    nmod_mat_init(D->Kp, 0, 0, D->p);
    D->zrank = -1;
    D->zbits = 1;
    jac_data_set_prime(D, D->p);
}

void
jac_data_clear(jac_data_t D)
{
    _fmpq_vec_clear(D->x, D->n * D->d0);
    flint_free(D->xd);
    fmpz_mat_clear(D->Z);
    _fmpz_vec_clear(D->L, D->n);
    nmod_mat_clear(D->Zp);
    nmod_mat_clear(D->Kp);
}

/* Z and L from x: row j scaled by the lcm of its denominators (a non-zero
   row scale changes neither the rank of J nor its right kernel). */
static void
jac_data_rescale(jac_data_t D)
{
    slong j, c, n = D->n, d0 = D->d0, b = 0;
    fmpz_t t;
    fmpz_init(t);
    for (j = 0; j < n; j++)
    {
        /* dyadic rows (the common case) by shifts, others by lcm */
        slong maxv = 0;
        int dyadic = 1;
        for (c = 0; c < d0 && dyadic; c++)
        {
            const fmpz *q = fmpq_denref(D->x + j * d0 + c);
            slong v = (slong) fmpz_val2(q);
            if ((slong) fmpz_bits(q) != v + 1)
                dyadic = 0;
            else if (v > maxv)
                maxv = v;
        }
        if (dyadic)
        {
            fmpz_one(D->L + j);
            fmpz_mul_2exp(D->L + j, D->L + j, (ulong) maxv);
            for (c = 0; c < d0; c++)
            {
                const fmpq *q = D->x + j * d0 + c;
                fmpz_mul_2exp(fmpz_mat_entry(D->Z, j, c), fmpq_numref(q),
                              (ulong) (maxv - (slong) fmpz_val2(fmpq_denref(q))));
            }
        }
        else
        {
            fmpz_one(D->L + j);
            for (c = 0; c < d0; c++)
                fmpz_lcm(D->L + j, D->L + j, fmpq_denref(D->x + j * d0 + c));
            for (c = 0; c < d0; c++)
            {
                const fmpq *q = D->x + j * d0 + c;
                fmpz_divexact(t, D->L + j, fmpq_denref(q));
                fmpz_mul(fmpz_mat_entry(D->Z, j, c), t, fmpq_numref(q));
            }
        }
        fmpz_set(fmpz_mat_entry(D->Z, j, d0), D->L + j);
        for (c = 0; c <= d0; c++)
            b = FLINT_MAX(b, (slong) fmpz_bits(fmpz_mat_entry(D->Z, j, c)));
    }
    D->zbits = b;
    fmpz_clear(t);
}

/* Z Z^T mod p into K: in exact 64-bit integer arithmetic when the
   entries are small enough (2 zbits + bits(e) <= 62: no overflow), which
   is the case of data on the float32 grids, else by FLINT. */
void
_jac_data_gram_rows(nmod_mat_t K, const jac_data_t D)
{
    slong n = D->n, e = D->e, j, k, c;
    nmod_mat_init(K, n, n, D->p);
    if (2 * D->zbits + (slong) FLINT_BIT_COUNT((ulong) e) <= 62)
    {
        slong *z = flint_malloc(sizeof(slong) * (size_t) (n * e));
        for (j = 0; j < n; j++)
            for (c = 0; c < e; c++)
                z[j * e + c] = fmpz_get_si(fmpz_mat_entry(D->Z, j, c));
        for (j = 0; j < n; j++)
            for (k = 0; k <= j; k++)
            {
                slong s = 0;
                ulong u;
                const slong *a = z + j * e, *b = z + k * e;
                for (c = 0; c < e; c++)
                    s += a[c] * b[c];
                u = s >= 0 ? (ulong) s % D->p : D->p - 1 - ((ulong) (-(s + 1)) % D->p);
                nmod_mat_entry(K, j, k) = u;
                nmod_mat_entry(K, k, j) = u;
            }
        flint_free(z);
    }
    else
    {
        nmod_mat_t T;
        nmod_mat_init(T, e, n, D->p);
        nmod_mat_transpose(T, D->Zp);
        nmod_mat_mul(K, D->Zp, T);
        nmod_mat_clear(T);
    }
}

slong
_jac_data_zrank(const jac_data_t D)
{
    slong n = D->n, e = D->e, j, c, r;
    nmod_mat_t S;
    if (e < n)
        flint_abort();
    nmod_mat_init(S, n, n, D->p);
    for (j = 0; j < n; j++)
    {
        for (c = 0; c + 1 < n; c++)
            nmod_mat_entry(S, j, c) = nmod_mat_entry(D->Zp, j, c);
        nmod_mat_entry(S, j, n - 1) = nmod_mat_entry(D->Zp, j, e - 1);
    }
    r = _jac_nmod_rank(S);
    nmod_mat_clear(S);
    if (r < n)
    {
        nmod_mat_init_set(S, D->Zp);
        r = _jac_nmod_rank(S);
        nmod_mat_clear(S);
    }
    return r;
}

void
jac_data_prepare(jac_data_t D)
{
    nmod_mat_clear(D->Kp);
    _jac_data_gram_rows(D->Kp, D);
    D->zrank = D->e >= D->n ? _jac_data_zrank(D) : -1;
}

void
jac_data_set_prime(jac_data_t D, ulong p)
{
    slong j, c, n = D->n, e = D->e;
    if (p == 0)
        p = JAC_PRIME;
    D->p = p;
    nmod_mat_clear(D->Zp);
    nmod_mat_init(D->Zp, n, e, p);
    for (j = 0; j < n; j++)
        for (c = 0; c < e; c++)
            nmod_mat_entry(D->Zp, j, c) = fmpz_fdiv_ui(fmpz_mat_entry(D->Z, j, c), p);
    nmod_mat_clear(D->Kp);
    nmod_mat_init(D->Kp, 0, 0, p);
    D->zrank = -1;
}

void
jac_data_set_fmpq(jac_data_t D, const fmpq *x)
{
    slong k;
    for (k = 0; k < D->n * D->d0; k++)
        fmpq_set(D->x + k, x + k);
    flint_free(D->xd);
    D->xd = NULL;
    jac_data_rescale(D);
    jac_data_set_prime(D, D->p);
}

/* q = d exactly, canonical (odd numerator over a power of two) without
   a gcd; d finite */
static void
set_dyadic(fmpq_t q, double d)
{
    int ex;
    double m;
    slong M, t;
    if (d == 0.0)
    {
        fmpq_zero(q);
        return;
    }
    if (!isfinite(d))
        flint_abort();
    m = frexp(d, &ex);        /* d = m 2^ex, 1/2 <= |m| < 1 */
    M = (slong) ldexp(m, 53); /* exact: |m| 2^53 < 2^53 */
    ex -= 53;
    t = __builtin_ctzll((unsigned long long) (M < 0 ? -M : M));
    M /= (slong) 1 << t; /* exact */
    ex += (int) t;
    fmpz_set_si(fmpq_numref(q), M);
    fmpz_one(fmpq_denref(q));
    if (ex >= 0)
        fmpz_mul_2exp(fmpq_numref(q), fmpq_numref(q), (ulong) ex);
    else
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), (ulong) -ex);
}

void
jac_data_set_d(jac_data_t D, const double *x)
{
    slong k, m = D->n * D->d0;
    for (k = 0; k < m; k++)
        set_dyadic(D->x + k, x[k]);
    if (D->xd == NULL)
        D->xd = flint_malloc(sizeof(double) * (size_t) m);
    for (k = 0; k < m; k++)
        D->xd[k] = x[k];
    jac_data_rescale(D);
    jac_data_set_prime(D, D->p);
}

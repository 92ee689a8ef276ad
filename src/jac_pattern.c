/* jac_pattern.c -- activation patterns: storage, the exact pattern of
   given weights, and the Jacobian of a region written out. */
#include <math.h>
#include <string.h>

#include "jac.h"

void
jac_pattern_init(jac_pattern_t A, slong d1, slong n)
{
    if (d1 < 1 || n < 1)
        flint_abort();
    A->d1 = d1;
    A->n = n;
    A->words = (n + FLINT_BITS - 1) / FLINT_BITS;
    A->bits = flint_calloc((size_t) (d1 * A->words), sizeof(ulong));
}

void
jac_pattern_clear(jac_pattern_t A)
{
    flint_free(A->bits);
}

void
jac_pattern_zero(jac_pattern_t A)
{
    memset(A->bits, 0, sizeof(ulong) * (size_t) (A->d1 * A->words));
}

void
jac_pattern_set(jac_pattern_t A, slong i, slong j, int bit)
{
    ulong *w = jac_pattern_row(A, i) + j / FLINT_BITS;
    ulong m = UWORD(1) << (j % FLINT_BITS);
    if (bit)
        *w |= m;
    else
        *w &= ~m;
}

slong
jac_pattern_active(const jac_pattern_t A, slong i)
{
    slong k, c = 0;
    const ulong *r = jac_pattern_row(A, i);
    for (k = 0; k < A->words; k++)
        c += (slong) __builtin_popcountl(r[k]);
    return c;
}

void
jac_pattern_set_pattern(jac_pattern_t A, const jac_pattern_t B)
{
    if (A->d1 != B->d1 || A->n != B->n)
        flint_abort();
    memcpy(A->bits, B->bits, sizeof(ulong) * (size_t) (A->d1 * A->words));
}

/* Exact sign of <w, x_j> + b for the integer row Wi (e entries: w scaled
   by a positive integer, then b scaled alike): the sign of
   sum_c Wi_c Z_jc, since Z_j = L_j (x_j, 1) with L_j > 0. */
static int
exact_sign(const fmpz *Wi, const jac_data_t D, slong j, fmpz_t acc)
{
    slong c;
    fmpz_zero(acc);
    for (c = 0; c < D->e; c++)
        fmpz_addmul(acc, Wi + c, fmpz_mat_entry(D->Z, j, c));
    return fmpz_sgn(acc);
}

/* Wi = M (w_i, b_i) with M > 0 the lcm of the denominators. */
static void
integer_row(fmpz *Wi, const fmpq *w, const fmpq *b, slong d0)
{
    fmpz_t M, t;
    slong c;
    fmpz_init(M);
    fmpz_init(t);
    fmpz_set(M, fmpq_denref(b));
    for (c = 0; c < d0; c++)
        fmpz_lcm(M, M, fmpq_denref(w + c));
    for (c = 0; c < d0; c++)
    {
        fmpz_divexact(t, M, fmpq_denref(w + c));
        fmpz_mul(Wi + c, t, fmpq_numref(w + c));
    }
    fmpz_divexact(t, M, fmpq_denref(b));
    fmpz_mul(Wi + d0, t, fmpq_numref(b));
    fmpz_clear(M);
    fmpz_clear(t);
}

slong
jac_pattern_set_weights(jac_pattern_t A, slong *bi, slong *bj, const jac_data_t D, const fmpq *W,
                        const fmpq *b)
{
    slong i, j, zeros = 0, d0 = D->d0;
    fmpz *Wi = _fmpz_vec_init(D->e);
    fmpz_t acc;
    if (A->n != D->n)
        flint_abort();
    fmpz_init(acc);
    jac_pattern_zero(A);
    for (i = 0; i < A->d1; i++)
    {
        integer_row(Wi, W + i * d0, b + i, d0);
        for (j = 0; j < D->n; j++)
        {
            int s = exact_sign(Wi, D, j, acc);
            if (s > 0)
                jac_pattern_set(A, i, j, 1);
            else if (s == 0)
            {
                if (zeros == 0 && bi != NULL && bj != NULL)
                {
                    *bi = i;
                    *bj = j;
                }
                zeros++;
            }
        }
    }
    fmpz_clear(acc);
    _fmpz_vec_clear(Wi, D->e);
    return zeros;
}

slong
jac_pattern_set_weights_d(jac_pattern_t A, slong *bi, slong *bj, const jac_data_t D, const double *W,
                          const double *b)
{
    slong i, j, c, zeros = 0, d0 = D->d0;
    /* naive summation of m = d0 + 1 rounded terms: the error is at most
       gamma_m sum |t_c| (gamma_m = m u / (1 - m u), u = 2^-53), and the
       computed sum of |t_c| is within the same factor of the true one;
       (2m + 4) u times it covers both while m u < 1/8, and m 2^-1074 covers
       subnormal products */
    const double u = ldexp(1.0, -53);
    const double slack = (double) (2 * (d0 + 1) + 4) * u;
    const double tiny = (double) (d0 + 1) * ldexp(1.0, -1074);
    fmpq *wq = NULL, bq[1];
    fmpz *Wi = NULL;
    fmpz_t acc;
    if (D->xd == NULL || A->n != D->n || (double) (d0 + 1) * u > 0.125)
        flint_abort();
    jac_pattern_zero(A);
    fmpz_init(acc);
    for (i = 0; i < A->d1; i++)
    {
        const double *w = W + i * d0;
        int have_exact = 0;
        for (j = 0; j < D->n; j++)
        {
            const double *x = D->xd + j * d0;
            double s = b[i], a = fabs(b[i]);
            int sg;
            for (c = 0; c < d0; c++)
            {
                double t = w[c] * x[c];
                s += t;
                a += fabs(t);
            }
            if (fabs(s) > slack * a + tiny)
                sg = s > 0 ? 1 : -1;
            else
            {
                if (!have_exact)
                {
                    if (wq == NULL)
                    {
                        wq = _fmpq_vec_init(d0);
                        fmpq_init(bq);
                        Wi = _fmpz_vec_init(D->e);
                    }
                    for (c = 0; c < d0; c++)
                        bc_fmpq_set_d(wq + c, w[c]);
                    bc_fmpq_set_d(bq, b[i]);
                    integer_row(Wi, wq, bq, d0);
                    have_exact = 1;
                }
                sg = exact_sign(Wi, D, j, acc);
            }
            if (sg > 0)
                jac_pattern_set(A, i, j, 1);
            else if (sg == 0)
            {
                if (zeros == 0 && bi != NULL && bj != NULL)
                {
                    *bi = i;
                    *bj = j;
                }
                zeros++;
            }
        }
    }
    if (wq != NULL)
    {
        _fmpq_vec_clear(wq, d0);
        fmpq_clear(bq);
        _fmpz_vec_clear(Wi, D->e);
    }
    fmpz_clear(acc);
    return zeros;
}

void
jac_jacobian(fmpq_mat_t J, const jac_data_t D, const jac_pattern_t A, const fmpq *v)
{
    slong i, j, c, e = D->e, d0 = D->d0;
    if (J->r != D->n || J->c != A->d1 * e || A->n != D->n)
        flint_abort();
    fmpq_mat_zero(J);
    for (j = 0; j < D->n; j++)
        for (i = 0; i < A->d1; i++)
        {
            if (!jac_pattern_get(A, i, j))
                continue;
            for (c = 0; c < d0; c++)
            {
                if (v != NULL)
                    fmpq_mul(fmpq_mat_entry(J, j, i * e + c), v + i, D->x + j * d0 + c);
                else
                    fmpq_set(fmpq_mat_entry(J, j, i * e + c), D->x + j * d0 + c);
            }
            if (v != NULL)
                fmpq_set(fmpq_mat_entry(J, j, i * e + d0), v + i);
            else
                fmpq_one(fmpq_mat_entry(J, j, i * e + d0));
        }
}

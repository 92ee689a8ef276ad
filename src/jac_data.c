/* jac_data.c -- the data of the Jacobian: exact inputs, their integer
   rows L_j (x_j, 1) and the modular images the rank stages share. */
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
    slong j, c, n = D->n, d0 = D->d0;
    fmpz_t t;
    fmpz_init(t);
    for (j = 0; j < n; j++)
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
        fmpz_set(fmpz_mat_entry(D->Z, j, d0), D->L + j);
    }
    fmpz_clear(t);
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
    if (e < n)
    {
        nmod_mat_t T;
        nmod_mat_init(T, e, n, p);
        nmod_mat_transpose(T, D->Zp);
        nmod_mat_init(D->Kp, n, n, p);
        nmod_mat_mul(D->Kp, D->Zp, T);
        nmod_mat_clear(T);
        D->zrank = -1;
    }
    else
    {
        nmod_mat_init(D->Kp, 0, 0, p);
        D->zrank = nmod_mat_rank(D->Zp);
    }
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

void
jac_data_set_d(jac_data_t D, const double *x)
{
    slong k, m = D->n * D->d0;
    for (k = 0; k < m; k++)
        bc_fmpq_set_d(D->x + k, x[k]);
    if (D->xd == NULL)
        D->xd = flint_malloc(sizeof(double) * (size_t) m);
    for (k = 0; k < m; k++)
        D->xd[k] = x[k];
    jac_data_rescale(D);
    jac_data_set_prime(D, D->p);
}

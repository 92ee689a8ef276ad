/* shallow_hessian.c -- the design matrix of a cell and the Hessians of
   the squared loss in z and in (W, v) (shallow.h). */
#include <flint/fmpq_vec.h>

#include "shallow.h"

static void
qvec_zero(fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(v + i);
}

void
shallow_design(fmpq_mat_t M, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_mat_clear(M);
    fmpq_mat_init(M, m, n * d);
    for (t = 0; t < m; t++)
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] == 1)
                for (i = 0; i < d; i++)
                    fmpq_set(fmpq_mat_entry(M, t, j * d + i), fmpq_mat_entry(B->X, t, i));
}

void
shallow_hessian(fmpq_mat_t H, const basin_t B)
{
    fmpq_mat_t M, MT;
    fmpq_t c;
    slong nd = B->n * B->d;

    fmpq_mat_init(M, 0, 0);
    shallow_design(M, B);
    fmpq_mat_init(MT, nd, B->m);
    fmpq_mat_transpose(MT, M);
    fmpq_mat_clear(H);
    fmpq_mat_init(H, nd, nd);
    fmpq_mat_mul(H, MT, M);
    fmpq_init(c);
    fmpq_set_si(c, 2, B->m);
    fmpq_mat_scalar_mul_fmpq(H, H, c);
    fmpq_clear(c);
    fmpq_mat_clear(M);
    fmpq_mat_clear(MT);
}

void
shallow_hessian_wv(fmpq_mat_t H, const basin_t B, const fmpq_mat_t W, const fmpq *v)
{
    slong n = B->n, m = B->m, d = B->d, N = n * d + n, j, t, i, k, l;
    fmpq *gr = _fmpq_vec_init(N);
    fmpq_t r, s, c;

    fmpq_init(r);
    fmpq_init(s);
    fmpq_init(c);
    fmpq_mat_clear(H);
    fmpq_mat_init(H, N, N);
    for (t = 0; t < m; t++)
    {
        /* residual r_t and gradient of r_t in theta */
        qvec_zero(gr, N);
        fmpq_neg(r, B->y + t);
        for (j = 0; j < n; j++)
        {
            if (B->a[j * m + t] != 1)
                continue;
            fmpq_zero(s);
            for (i = 0; i < d; i++)
            {
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(B->X, t, i));
                fmpq_mul(gr + j * d + i, v + j, fmpq_mat_entry(B->X, t, i));
            }
            fmpq_set(gr + n * d + j, s);
            fmpq_addmul(r, v + j, s);
        }
        for (k = 0; k < N; k++)
            for (l = 0; l < N; l++)
                fmpq_addmul(fmpq_mat_entry(H, k, l), gr + k, gr + l);
        /* r_t times the second derivative d^2 r_t / dw_{j,i} dv_j = x_{t,i} */
        for (j = 0; j < n; j++)
        {
            if (B->a[j * m + t] != 1)
                continue;
            for (i = 0; i < d; i++)
            {
                fmpq_mul(c, r, fmpq_mat_entry(B->X, t, i));
                fmpq_add(fmpq_mat_entry(H, j * d + i, n * d + j), fmpq_mat_entry(H, j * d + i, n * d + j), c);
                fmpq_add(fmpq_mat_entry(H, n * d + j, j * d + i), fmpq_mat_entry(H, n * d + j, j * d + i), c);
            }
        }
    }
    fmpq_set_si(c, 2, m);
    fmpq_mat_scalar_mul_fmpq(H, H, c);
    fmpq_clear(r);
    fmpq_clear(s);
    fmpq_clear(c);
    _fmpq_vec_clear(gr, N);
}

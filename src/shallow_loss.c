/* shallow_loss.c -- the network's loss with its ReLUs over Q, the closed
   cell test and z = (v_j w_j)_j (shallow.h). */
#include <flint/fmpq_vec.h>

#include "shallow.h"

/* f = g / k, k != 0 (FLINT 2.9 has no fmpq_div_si) */
static void
q_div_si(fmpq_t f, const fmpq_t g, slong k)
{
    fmpz_t kk;
    fmpz_init_set_si(kk, k);
    fmpq_div_fmpz(f, g, kk);
    fmpz_clear(kk);
}

void
shallow_net_predict(fmpq *p, const fmpq_mat_t X, const fmpq_mat_t W, const fmpq *v)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), n = fmpq_mat_nrows(W), t, j, i;
    fmpq_t s;
    fmpq_init(s);
    for (t = 0; t < m; t++)
    {
        fmpq_zero(p + t);
        for (j = 0; j < n; j++)
        {
            fmpq_zero(s);
            for (i = 0; i < d; i++)
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(X, t, i));
            if (fmpq_sgn(s) > 0)
                fmpq_addmul(p + t, v + j, s);
        }
    }
    fmpq_clear(s);
}

void
shallow_loss_of_pred(fmpq_t L, const fmpq *p, const fmpq *y, slong m)
{
    fmpq_t e;
    slong t;
    fmpq_init(e);
    fmpq_zero(L);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(e, p + t, y + t);
        fmpq_addmul(L, e, e);
    }
    q_div_si(L, L, m);
    fmpq_clear(e);
}

void
shallow_net_loss(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v)
{
    slong m = fmpq_mat_nrows(X);
    fmpq *p = _fmpq_vec_init(m);
    shallow_net_predict(p, X, W, v);
    shallow_loss_of_pred(L, p, y, m);
    _fmpq_vec_clear(p, m);
}

int
shallow_in_closed_cell(const basin_t B, const fmpq_mat_t W, const fmpq *v)
{
    slong j, t, i;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < B->n && ok; j++)
    {
        if (fmpq_sgn(v + j) * B->b[j] < 0)
            ok = 0;
        for (t = 0; t < B->m && ok; t++)
        {
            fmpq_zero(s);
            for (i = 0; i < B->d; i++)
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(B->X, t, i));
            if (fmpq_sgn(s) * B->a[j * B->m + t] < 0)
                ok = 0;
        }
    }
    fmpq_clear(s);
    return ok;
}

void
shallow_z_of(fmpq *z, const fmpq_mat_t W, const fmpq *v)
{
    slong n = fmpq_mat_nrows(W), d = fmpq_mat_ncols(W), j, i;
    for (j = 0; j < n; j++)
        for (i = 0; i < d; i++)
            fmpq_mul(z + j * d + i, v + j, fmpq_mat_entry(W, j, i));
}

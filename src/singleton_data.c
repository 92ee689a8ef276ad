/* singleton_data.c -- singleton data: the hypothesis decided exactly,
   the side sums of thm2.tex and the Appendix C data set (singleton.h). */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "appc.h"
#include "singleton.h"

void
singleton_data_init(singleton_data_t D)
{
    memset(D, 0, sizeof(singleton_data_struct));
    fmpq_mat_init(D->X, 0, 0);
    D->bad_t = -1;
}

void
singleton_data_clear(singleton_data_t D)
{
    fmpq_mat_clear(D->X);
    if (D->y != NULL)
        _fmpq_vec_clear(D->y, D->m);
    if (D->sa != NULL)
    {
        _fmpq_vec_clear(D->sa, 2 * D->d);
        _fmpq_vec_clear(D->sb, 2 * D->d);
        _fmpq_vec_clear(D->sc, 2 * D->d);
        _fmpq_vec_clear(D->opt, 2 * D->d);
        _fmpq_vec_clear(D->cc, 4 * D->d);
        _fmpq_vec_clear(D->tot, 9);
    }
    flint_free(D->hist);
    flint_free(D->coord);
    flint_free(D->sgn);
    flint_free(D->count);
    flint_free(D->need);
    memset(D, 0, sizeof(singleton_data_struct));
}

slong
singleton_row_nonzeros(const fmpq_mat_t X, slong t, slong *first)
{
    slong j, c = 0;
    *first = -1;
    for (j = 0; j < fmpq_mat_ncols(X); j++)
        if (!fmpq_is_zero(fmpq_mat_entry(X, t, j)))
        {
            if (c++ == 0)
                *first = j;
        }
    return c;
}

slong
singleton_first_nonsingleton(const fmpq_mat_t X)
{
    slong t, j;
    for (t = 0; t < fmpq_mat_nrows(X); t++)
        if (singleton_row_nonzeros(X, t, &j) != 1)
            return t;
    return -1;
}

int
singleton_data_set(singleton_data_t D, const fmpq_mat_t X, const fmpq *y)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, k;
    fmpq_t q;

    singleton_data_clear(D);
    singleton_data_init(D);
    D->m = m;
    D->d = d;
    fmpq_mat_clear(D->X);
    fmpq_mat_init_set(D->X, X);
    D->y = _fmpq_vec_init(m);
    for (t = 0; t < m; t++)
        fmpq_set(D->y + t, y + t);
    D->bad_t = singleton_first_nonsingleton(X);
    D->singleton = D->bad_t < 0;
    if (!D->singleton)
        return 0;

    D->coord = flint_malloc(sizeof(slong) * (size_t) m);
    D->sgn = flint_malloc(sizeof(int) * (size_t) m);
    D->count = flint_calloc((size_t) (2 * d), sizeof(slong));
    D->need = flint_calloc((size_t) (2 * d), sizeof(int));
    D->sa = _fmpq_vec_init(2 * d);
    D->sb = _fmpq_vec_init(2 * d);
    D->sc = _fmpq_vec_init(2 * d);
    D->opt = _fmpq_vec_init(2 * d);
    D->cc = _fmpq_vec_init(4 * d);
    D->tot = _fmpq_vec_init(9);
    D->hist = flint_calloc(2 * 9 * 512, sizeof(slong));
    fmpq_init(q);
    for (t = 0; t < m; t++)
    {
        const fmpq *s;
        singleton_row_nonzeros(X, t, D->coord + t);
        s = fmpq_mat_entry(X, t, D->coord[t]);
        D->sgn[t] = fmpq_sgn(s);
        k = 2 * D->coord[t] + (D->sgn[t] < 0);
        D->count[k]++;
        /* A += s^2, B += |s| y, C += y^2 */
        fmpq_mul(q, s, s);
        fmpq_add(D->sa + k, D->sa + k, q);
        fmpq_mul(q, s, D->y + t);
        if (D->sgn[t] < 0)
            fmpq_neg(q, q);
        fmpq_add(D->sb + k, D->sb + k, q);
        fmpq_mul(q, D->y + t, D->y + t);
        fmpq_add(D->sc + k, D->sc + k, q);
    }
    for (k = 0; k < 2 * d; k++)
    {
        if (D->count[k] == 0)
            continue;
        /* opt = C - B^2 / A: the 1-D least-squares value of the side */
        fmpq_mul(q, D->sb + k, D->sb + k);
        fmpq_div(q, q, D->sa + k);
        fmpq_sub(D->opt + k, D->sc + k, q);
        D->need[k] = fmpq_sgn(D->sb + k);
        D->needy += D->need[k] != 0;
    }
    for (k = 0; k < d; k++)
    {
        slong a, b;
        D->used += (D->count[2 * k] + D->count[2 * k + 1]) > 0;
        /* a side whose need is not met predicts 0 and loses C_k */
        for (a = 0; a < 2; a++)
            for (b = 0; b < 2; b++)
                fmpq_add(D->cc + 4 * k + 2 * a + b, a ? D->opt + 2 * k : D->sc + 2 * k,
                         b ? D->opt + 2 * k + 1 : D->sc + 2 * k + 1);
    }
    _singleton_regimes(D);
    fmpq_clear(q);
    return 1;
}

void
singleton_data_appc(singleton_data_t D, const fmpq_t eps, slong d)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(2 * d);
    fmpq_mat_init(X, 2 * d, d);
    appc_data(X, y, eps, d);
    singleton_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, 2 * d);
}

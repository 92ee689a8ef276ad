/* jrank_zero.c -- (D2) the local dimension of a region's zero-loss set,
   witnessed exactly (jrank.tex, Statement D2). */
#include <flint/fmpq_vec.h>
#include <flint/fmpz_vec.h>

#include "jrank.h"

/* the smallest signed pre-activation (2 a_ij - 1) <theta_i, xt_j> over
   all neurons i and points j, into m */
static void
region_margin(fmpq_t m, const jac_data_t D, const jac_pattern_t A, const fmpq *theta)
{
    slong i, j, c, d0 = D->d0, e = D->e;
    fmpq_t z;
    fmpq_init(z);
    for (i = 0; i < A->d1; i++)
        for (j = 0; j < D->n; j++)
        {
            fmpq_set(z, theta + i * e + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(z, theta + i * e + c, D->x + j * d0 + c);
            if (!jac_pattern_get(A, i, j))
                fmpq_neg(z, z);
            if ((i == 0 && j == 0) || fmpq_cmp(z, m) < 0)
                fmpq_set(m, z);
        }
    fmpq_clear(z);
}

/* the largest |<k_i, xt_j>| over neurons and points, k of length P */
static void
direction_size(fmpq_t s, const jac_data_t D, slong d1, const fmpq *k)
{
    slong i, j, c, d0 = D->d0, e = D->e;
    fmpq_t z;
    fmpq_init(z);
    fmpq_zero(s);
    for (i = 0; i < d1; i++)
        for (j = 0; j < D->n; j++)
        {
            fmpq_set(z, k + i * e + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(z, k + i * e + c, D->x + j * d0 + c);
            fmpq_abs(z, z);
            if (fmpq_cmp(z, s) > 0)
                fmpq_set(s, z);
        }
    fmpq_clear(z);
}

/* 1 when J theta = y exactly */
static int
fits(const fmpq_mat_t J, const fmpq *theta, const fmpq *y)
{
    slong j, l;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < J->r && ok; j++)
    {
        fmpq_zero(s);
        for (l = 0; l < J->c; l++)
            fmpq_addmul(s, fmpq_mat_entry(J, j, l), theta + l);
        ok = fmpq_equal(s, y + j);
    }
    fmpq_clear(s);
    return ok;
}

truth_t
jrank_zero_dim(slong *dim, fmpq *theta, const jac_data_t D, const jac_pattern_t A, const fmpq *v,
               const fmpq *y, const fmpq *start)
{
    slong d1 = A->d1, P = d1 * D->e, q, l, i, ok = 1;
    fmpq_mat_t J;
    fmpz_mat_t K;
    fmpq *k = _fmpq_vec_init(P), *tp = _fmpq_vec_init(P);
    fmpq_t mu, s, step, m2;
    truth_t t;

    *dim = -1;
    t = jac_region_zero_loss(theta, D, y, A, v, start, 0);
    if (t != BC_TRUE)
    {
        _fmpq_vec_clear(k, P);
        _fmpq_vec_clear(tp, P);
        return t;
    }
    fmpq_init(mu);
    fmpq_init(s);
    fmpq_init(step);
    fmpq_init(m2);
    fmpq_mat_init(J, D->n, P);
    jac_jacobian(J, D, A, v);
    region_margin(mu, D, A, theta);
    ok = fmpq_sgn(mu) > 0 && fits(J, theta, y);
    q = jrank_kernel_basis(K, J);
    /* the basis is independent: its rank is q (fmpz_mat_rank, not the
       nullspace routine) */
    ok = ok && fmpz_mat_rank(K) == q;
    for (l = 0; l < q && ok; l++)
    {
        for (i = 0; i < P; i++)
            fmpq_set_fmpz(k + i, fmpz_mat_entry(K, i, l));
        direction_size(s, D, d1, k);
        /* step = mu / (2 s + 1): the margin drops by at most s step < mu */
        fmpq_mul_2exp(step, s, 1);
        fmpq_add_si(step, step, 1);
        fmpq_div(step, mu, step);
        for (i = 0; i < P; i++)
        {
            fmpq_mul(tp + i, k + i, step);
            fmpq_add(tp + i, tp + i, theta + i);
        }
        region_margin(m2, D, A, tp);
        ok = fmpq_sgn(m2) > 0 && fits(J, tp, y);
    }
    if (ok)
        *dim = q;
    fmpz_mat_clear(K);
    fmpq_mat_clear(J);
    fmpq_clear(mu);
    fmpq_clear(s);
    fmpq_clear(step);
    fmpq_clear(m2);
    _fmpq_vec_clear(k, P);
    _fmpq_vec_clear(tp, P);
    return ok ? BC_TRUE : BC_UNDECIDED;
}

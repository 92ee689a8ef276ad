/* jrank_crit.c -- (D1) the critical points of a region's quadratic and the
   certified non-zero local minimum of a rank-deficient region
   (jrank.tex, Statement D1 and its counterpart). */
#include <flint/fmpq_vec.h>

#include "jrank.h"

/* x = x / n for n >= 1 */
static void
div_si(fmpq_t x, slong n)
{
    fmpz_t t;
    fmpz_init_set_si(t, n);
    fmpq_div_fmpz(x, x, t);
    fmpz_clear(t);
}

/* the n x P Jacobian of A on D at v, exactly */
static void
jacobian_new(fmpq_mat_t J, const jac_data_t D, const jac_pattern_t A, const fmpq *v)
{
    fmpq_mat_init(J, D->n, A->d1 * D->e);
    jac_jacobian(J, D, A, v);
}

slong
jrank_kernel_basis(fmpz_mat_t K, const fmpq_mat_t M)
{
    fmpz_mat_t Mz, N;
    fmpz *den;
    slong q, i, j;
    fmpz_mat_init(Mz, M->r, M->c);
    den = _fmpz_vec_init(M->r);
    /* scaling an equation by a non-zero integer keeps the kernel */
    fmpq_mat_get_fmpz_mat_rowwise(Mz, den, M);
    fmpz_mat_init(N, M->c, M->c);
    q = fmpz_mat_nullspace(N, Mz);
    fmpz_mat_init(K, M->c, q);
    for (i = 0; i < M->c; i++)
        for (j = 0; j < q; j++)
            fmpz_set(fmpz_mat_entry(K, i, j), fmpz_mat_entry(N, i, j));
    fmpz_mat_clear(N);
    _fmpz_vec_clear(den, M->r);
    fmpz_mat_clear(Mz);
    return q;
}

/* r = the orthogonal projection of y (column) onto the span of the
   columns of K (independent), exactly */
static void
project(fmpq_mat_t r, const fmpz_mat_t K, const fmpq_mat_t y)
{
    slong q = K->c;
    fmpq_mat_t Kq, Kt, G, b, c;
    if (q == 0)
    {
        fmpq_mat_zero(r);
        return;
    }
    fmpq_mat_init(Kq, K->r, q);
    fmpq_mat_init(Kt, q, K->r);
    fmpq_mat_init(G, q, q);
    fmpq_mat_init(b, q, 1);
    fmpq_mat_init(c, q, 1);
    fmpq_mat_set_fmpz_mat(Kq, K);
    fmpq_mat_transpose(Kt, Kq);
    fmpq_mat_mul(G, Kt, Kq);
    fmpq_mat_mul(b, Kt, y);
    if (!fmpq_mat_solve(c, G, b))
        flint_abort(); /* the Gram matrix of independent columns is invertible */
    fmpq_mat_mul(r, Kq, c);
    fmpq_mat_clear(Kq);
    fmpq_mat_clear(Kt);
    fmpq_mat_clear(G);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
}

slong
jrank_crit_residual(fmpq *r, fmpq *theta, const jac_data_t D, const jac_pattern_t A, const fmpq *v,
                    const fmpq *y)
{
    slong n = D->n, P = A->d1 * D->e, q, j, ok;
    fmpq_mat_t J, Jt, yv, rv, t, th, chk;
    fmpz_mat_t K;

    jacobian_new(J, D, A, v);
    fmpq_mat_init(Jt, P, n);
    fmpq_mat_transpose(Jt, J);
    q = jrank_kernel_basis(K, Jt); /* ker J^T, the left kernel of J */
    fmpq_mat_init(yv, n, 1);
    fmpq_mat_init(rv, n, 1);
    fmpq_mat_init(t, n, 1);
    fmpq_mat_init(th, P, 1);
    fmpq_mat_init(chk, P, 1);
    for (j = 0; j < n; j++)
        fmpq_set(fmpq_mat_entry(yv, j, 0), y + j);
    project(rv, K, yv);
    fmpq_mat_sub(t, yv, rv);
    /* the checks: J^T r = 0, and y - r = J theta is solvable */
    fmpq_mat_mul(chk, Jt, rv);
    ok = fmpq_mat_is_zero(chk) && fmpq_mat_can_solve(th, J, t);
    if (ok)
    {
        fmpq_mat_t Jth;
        fmpq_mat_init(Jth, n, 1);
        fmpq_mat_mul(Jth, J, th);
        ok = fmpq_mat_equal(Jth, t);
        fmpq_mat_clear(Jth);
    }
    for (j = 0; j < n; j++)
        fmpq_set(r + j, fmpq_mat_entry(rv, j, 0));
    for (j = 0; j < P; j++)
        fmpq_set(theta + j, fmpq_mat_entry(th, j, 0));
    fmpq_mat_clear(J);
    fmpq_mat_clear(Jt);
    fmpq_mat_clear(yv);
    fmpq_mat_clear(rv);
    fmpq_mat_clear(t);
    fmpq_mat_clear(th);
    fmpq_mat_clear(chk);
    fmpz_mat_clear(K);
    return ok ? q : -1;
}

void
jrank_net_loss(fmpq_t L, const jac_data_t D, const fmpq *theta, const fmpq *v, slong d1, const fmpq *y)
{
    slong n = D->n, d0 = D->d0, e = D->e, i, j, c;
    fmpq_t f, z, t;
    fmpq_init(f);
    fmpq_init(z);
    fmpq_init(t);
    fmpq_zero(L);
    for (j = 0; j < n; j++)
    {
        fmpq_zero(f);
        for (i = 0; i < d1; i++)
        {
            /* z = <w_i, x_j> + b_i, then v_i [z]_+ */
            fmpq_set(z, theta + i * e + d0);
            for (c = 0; c < d0; c++)
                fmpq_addmul(z, theta + i * e + c, D->x + j * d0 + c);
            if (fmpq_sgn(z) > 0)
                fmpq_addmul(f, v + i, z);
        }
        fmpq_sub(t, f, y + j);
        fmpq_addmul(L, t, t);
    }
    div_si(L, n);
    fmpq_clear(f);
    fmpq_clear(z);
    fmpq_clear(t);
}

/* the certified basin value of the network (theta, v) on D with the bias
   lifted into the data (rows (x_j, 1), no biases), as the basin engine
   defines it: BC_TRUE when exactly value, BC_FALSE when certified apart
   from it, else BC_UNDECIDED */
static truth_t
basin_equals(const jac_data_t D, const fmpq *theta, const fmpq *v, slong d1, const fmpq *y,
             const fmpq_t value, slong prec)
{
    slong n = D->n, e = D->e, i, j, c;
    fmpq_mat_t X, W;
    basin_t B;
    basin_result_t res;
    truth_t t = BC_UNDECIDED;

    fmpq_mat_init(X, n, e);
    fmpq_mat_init(W, d1, e);
    for (j = 0; j < n; j++)
    {
        for (c = 0; c < D->d0; c++)
            fmpq_set(fmpq_mat_entry(X, j, c), D->x + j * D->d0 + c);
        fmpq_one(fmpq_mat_entry(X, j, D->d0));
    }
    for (i = 0; i < d1; i++)
        for (c = 0; c < e; c++)
            fmpq_set(fmpq_mat_entry(W, i, c), theta + i * e + c);
    basin_init(B);
    basin_result_init(res);
    if (basin_pattern(B, X, y, W, v, d1, NULL, NULL) == BASIN_OK)
    {
        basin_value(res, B, prec);
        if (res->certified && res->is_exact)
            t = fmpq_equal(res->exact, value) ? BC_TRUE : BC_FALSE;
        else if (res->certified && (fmpq_cmp(res->upper, value) < 0 || fmpq_cmp(res->lower, value) > 0))
            t = BC_FALSE;
    }
    basin_result_clear(res);
    basin_clear(B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(W);
    return t;
}

truth_t
jrank_local_min(fmpq_t value, fmpq *theta, const jac_data_t D, const jac_pattern_t A, const fmpq *v,
                const fmpq *y, slong prec)
{
    slong n = D->n, d1 = A->d1, P = d1 * D->e, j;
    fmpq *r = _fmpq_vec_init(n), *yt = _fmpq_vec_init(n), *tc = _fmpq_vec_init(P);
    fmpq_t L;
    truth_t t;

    fmpq_init(L);
    fmpq_zero(value);
    if (jrank_crit_residual(r, tc, D, A, v, y) < 0)
    {
        t = BC_UNDECIDED;
        goto done;
    }
    for (j = 0; j < n && fmpq_is_zero(r + j); j++)
        ;
    if (j == n)
    {
        t = BC_FALSE; /* every critical point of the region has zero loss */
        goto done;
    }
    /* value = |r|^2 / n, the loss of every critical point */
    for (j = 0; j < n; j++)
        fmpq_addmul(value, r + j, r + j);
    div_si(value, n);
    /* a critical point inside the open region: J theta = y - r there */
    for (j = 0; j < n; j++)
        fmpq_sub(yt + j, y + j, r + j);
    t = jac_region_zero_loss(theta, D, yt, A, v, tc, 0);
    if (t != BC_TRUE)
        goto done;
    jrank_net_loss(L, D, theta, v, d1, y);
    if (!fmpq_equal(L, value))
    {
        t = BC_UNDECIDED; /* a defect of the residual: never expected */
        goto done;
    }
    t = basin_equals(D, theta, v, d1, y, value, prec);
done:
    fmpq_clear(L);
    _fmpq_vec_clear(r, n);
    _fmpq_vec_clear(yt, n);
    _fmpq_vec_clear(tc, P);
    return t;
}

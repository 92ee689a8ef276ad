/* basin_pattern.c -- basins from networks or sign patterns (Def 2), the
   exact objective, feasibility and the weak-duality certificate check. */
#include <stdlib.h>

#include <flint/fmpq_vec.h>

#include "basin.h"

void
basin_init(basin_t B)
{
    B->n = B->m = B->d = 0;
    fmpq_mat_init(B->X, 0, 0);
    B->y = NULL;
    B->a = NULL;
    B->b = NULL;
    B->loss = BASIN_LOSS_SQUARED;
    B->start = NULL;
    B->progress = NULL;
    B->progress_ctx = NULL;
}

void
basin_clear(basin_t B)
{
    if (B->y != NULL)
        _fmpq_vec_clear(B->y, B->m);
    flint_free(B->a);
    flint_free(B->b);
    if (B->start != NULL)
        _fmpq_vec_clear(B->start, B->n * B->d);
    fmpq_mat_clear(B->X);
    basin_init(B); /* an empty 0 x 0 matrix owns no memory */
}

/* Resizes B and copies the data (X, y). */
static void
basin_set_data(basin_t B, const fmpq_mat_t X, const fmpq *y, slong n)
{
    slong t;
    basin_clear(B);
    B->n = n;
    B->m = fmpq_mat_nrows(X);
    B->d = fmpq_mat_ncols(X);
    fmpq_mat_clear(B->X);
    fmpq_mat_init_set(B->X, X);
    B->y = _fmpq_vec_init(B->m);
    for (t = 0; t < B->m; t++)
        fmpq_set(B->y + t, y + t);
    B->a = flint_malloc(sizeof(int) * (size_t) (n * B->m));
    B->b = flint_malloc(sizeof(int) * (size_t) n);
}

int
basin_set_pattern(basin_t B, const fmpq_mat_t X, const fmpq *y, const int *a, const int *b, slong n)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), k;
    basin_clear(B);
    if (n <= 0 || m <= 0 || d <= 0)
        return BASIN_BAD_INPUT;
    for (k = 0; k < n * m; k++)
        if (a[k] != 1 && a[k] != -1)
            return BASIN_BAD_INPUT;
    for (k = 0; k < n; k++)
        if (b[k] != 1 && b[k] != -1)
            return BASIN_BAD_INPUT;
    basin_set_data(B, X, y, n);
    for (k = 0; k < n * m; k++)
        B->a[k] = a[k];
    for (k = 0; k < n; k++)
        B->b[k] = b[k];
    return BASIN_OK;
}

int
basin_pattern(basin_t B, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v, slong n,
              slong *bad_j, slong *bad_t)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), j, t, i;
    int *a, *b, ret = BASIN_OK;
    fmpq_t s, p;

    basin_clear(B);
    if (n <= 0 || m <= 0 || d <= 0 || fmpq_mat_nrows(W) != n || fmpq_mat_ncols(W) != d)
        return BASIN_BAD_INPUT;
    a = flint_malloc(sizeof(int) * (size_t) (n * m));
    b = flint_malloc(sizeof(int) * (size_t) n);
    fmpq_init(s);
    fmpq_init(p);
    /* v_j = 0 puts the point on the boundary of the b_j-orthants */
    for (j = 0; j < n && ret == BASIN_OK; j++)
    {
        b[j] = fmpq_sgn(v + j);
        if (b[j] == 0)
        {
            ret = BASIN_BOUNDARY_V;
            if (bad_j != NULL)
                *bad_j = j;
            if (bad_t != NULL)
                *bad_t = -1;
        }
    }
    for (j = 0; j < n && ret == BASIN_OK; j++)
        for (t = 0; t < m && ret == BASIN_OK; t++)
        {
            fmpq_zero(s);
            for (i = 0; i < d; i++)
            {
                fmpq_mul(p, fmpq_mat_entry(W, j, i), fmpq_mat_entry(X, t, i));
                fmpq_add(s, s, p);
            }
            a[j * m + t] = fmpq_sgn(s);
            if (a[j * m + t] == 0)
            {
                ret = BASIN_BOUNDARY_W;
                if (bad_j != NULL)
                    *bad_j = j;
                if (bad_t != NULL)
                    *bad_t = t;
            }
        }
    if (ret == BASIN_OK)
        ret = basin_set_pattern(B, X, y, a, b, n);
    if (ret == BASIN_OK)
    {
        B->start = _fmpq_vec_init(n * d);
        for (j = 0; j < n; j++)
            for (i = 0; i < d; i++)
                fmpq_mul(B->start + j * d + i, v + j, fmpq_mat_entry(W, j, i));
    }
    fmpq_clear(s);
    fmpq_clear(p);
    flint_free(a);
    flint_free(b);
    return ret;
}

/* f = f / k for k > 0 */
static void
div_slong(fmpq_t f, const fmpq_t g, slong k)
{
    fmpz_t kk;
    fmpz_init_set_si(kk, k);
    fmpq_div_fmpz(f, g, kk);
    fmpz_clear(kk);
}

/* Integer form of the rows of X and of the blocks of z: x_t = Xz_t / xs_t
   and z_j = Zz_j / zs_j with positive scales, so that the sign of
   <z_j, x_t> is the sign of an integer dot product (no gcds). */
static void
rows_to_fmpz(fmpz *out, fmpz_t scale, const fmpq *row, slong d, slong stride)
{
    slong i;
    fmpz_one(scale);
    for (i = 0; i < d; i++)
        fmpz_lcm(scale, scale, fmpq_denref(row + i * stride));
    for (i = 0; i < d; i++)
    {
        fmpz_divexact(out + i, scale, fmpq_denref(row + i * stride));
        fmpz_mul(out + i, out + i, fmpq_numref(row + i * stride));
    }
}

void
basin_predict(fmpq *p, const basin_t B, const fmpq *z)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    fmpz *Xz = _fmpz_vec_init(m * d), *Zz = _fmpz_vec_init(n * d);
    fmpz *xs = _fmpz_vec_init(m), *zs = _fmpz_vec_init(n);
    fmpz_t D, c, s;
    fmpz_init(D);
    fmpz_init(c);
    fmpz_init(s);
    /* p_t = sum_j [a_{j,t} = +1] <Zz_j, Xz_t> (D / zs_j) / (D xs_t) with
       D = lcm zs_j: one canonicalisation per point */
    for (t = 0; t < m; t++)
        rows_to_fmpz(Xz + t * d, xs + t, fmpq_mat_entry(B->X, t, 0), d, 1);
    fmpz_one(D);
    for (j = 0; j < n; j++)
    {
        rows_to_fmpz(Zz + j * d, zs + j, z + j * d, d, 1);
        fmpz_lcm(D, D, zs + j);
    }
    for (j = 0; j < n; j++)
    {
        fmpz_divexact(c, D, zs + j);
        _fmpz_vec_scalar_mul_fmpz(Zz + j * d, Zz + j * d, d, c);
    }
    for (t = 0; t < m; t++)
    {
        fmpz_zero(fmpq_numref(p + t));
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
            {
                _fmpz_vec_dot(s, Zz + j * d, Xz + t * d, d);
                fmpz_add(fmpq_numref(p + t), fmpq_numref(p + t), s);
            }
        fmpz_mul(fmpq_denref(p + t), D, xs + t);
        fmpq_canonicalise(p + t);
    }
    fmpz_clear(D);
    fmpz_clear(c);
    fmpz_clear(s);
    _fmpz_vec_clear(Xz, m * d);
    _fmpz_vec_clear(Zz, n * d);
    _fmpz_vec_clear(xs, m);
    _fmpz_vec_clear(zs, n);
}

void
basin_objective(fmpq_t f, const basin_t B, const fmpq *z)
{
    slong t;
    fmpq *p = _fmpq_vec_init(B->m);
    fmpq_t e;
    fmpq_init(e);
    basin_predict(p, B, z);
    fmpq_zero(f);
    for (t = 0; t < B->m; t++)
    {
        fmpq_sub(e, p + t, B->y + t);
        fmpq_addmul(f, e, e);
    }
    div_slong(f, f, B->m);
    fmpq_clear(e);
    _fmpq_vec_clear(p, B->m);
}

int
basin_is_feasible(const basin_t B, const fmpq *z, slong *jj, slong *tt)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    fmpz *Xz = _fmpz_vec_init(m * d), *Zz = _fmpz_vec_init(d);
    fmpz_t sc, s;
    int ok = 1;
    fmpz_init(sc);
    fmpz_init(s);
    for (t = 0; t < m; t++)
        rows_to_fmpz(Xz + t * d, sc, fmpq_mat_entry(B->X, t, 0), d, 1);
    for (j = 0; j < n && ok; j++)
    {
        rows_to_fmpz(Zz, sc, z + j * d, d, 1);
        for (t = 0; t < m && ok; t++)
        {
            _fmpz_vec_dot(s, Zz, Xz + t * d, d);
            if (fmpz_sgn(s) * B->a[j * m + t] * B->b[j] < 0)
            {
                ok = 0;
                if (jj != NULL)
                    *jj = j;
                if (tt != NULL)
                    *tt = t;
            }
        }
    }
    fmpz_clear(sc);
    fmpz_clear(s);
    _fmpz_vec_clear(Xz, m * d);
    _fmpz_vec_clear(Zz, d);
    return ok;
}

int
basin_repair(fmpq *z, const basin_t B, const fmpq *z0)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    fmpq_t c, c0, th, q;
    int ok = 1;

    fmpq_init(c);
    fmpq_init(c0);
    fmpq_init(th);
    fmpq_init(q);
    for (j = 0; j < n && ok; j++)
    {
        fmpq_zero(th);
        for (t = 0; t < m && ok; t++)
        {
            int s = B->a[j * m + t] * B->b[j];
            _fmpq_vec_dot(c, z + j * d, fmpq_mat_entry(B->X, t, 0), d);
            if (fmpq_sgn(c) * s >= 0)
                continue;
            _fmpq_vec_dot(c0, z0 + j * d, fmpq_mat_entry(B->X, t, 0), d);
            if (fmpq_sgn(c0) * s <= 0)
            {
                ok = 0;
                break;
            }
            /* c + theta (c0 - c) has the sign s from theta = c / (c - c0) on */
            fmpq_sub(q, c, c0);
            fmpq_div(q, c, q);
            if (fmpq_cmp(q, th) > 0)
                fmpq_set(th, q);
        }
        if (ok && !fmpq_is_zero(th))
        {
            slong i;
            for (i = 0; i < d; i++)
            {
                fmpq_sub(q, z0 + j * d + i, z + j * d + i);
                fmpq_addmul(z + j * d + i, th, q);
            }
        }
    }
    fmpq_clear(c);
    fmpq_clear(c0);
    fmpq_clear(th);
    fmpq_clear(q);
    return ok;
}

int
basin_dual_bound(fmpq_t lb, const basin_t B, const fmpq *r, const fmpq *mu)
{
    slong j, t, i, n = B->n, m = B->m, d = B->d;
    int ok = 1;
    fmpz *Xz, *xs, *R, *acc;
    fmpz_t Dr, L, Dm, c, e, q;
    fmpq_t lhs, cq;

    for (j = 0; j < n * m; j++)
        if (fmpq_sgn(mu + j) < 0)
            return 0;
    /* stationarity, neuron by neuron: sum_{t: a=+1} r_t x_t =
       sum_t mu_{j,t} s_{j,t} x_t, decided on integers.  With
       x_t = Xz_t / xs_t, L = lcm xs_t, r_t = R_t / Dr and
       mu_{j,t} = Mu_{j,t} / Dm (Dm the common denominator of neuron j's
       multipliers), the equation times Dr Dm L is
       sum_t c_t Xz_t = 0,  c_t = (L / xs_t) ([a_{j,t} = +1] Dm R_t - s_{j,t} Dr Mu_{j,t}). */
    Xz = _fmpz_vec_init(m * d);
    xs = _fmpz_vec_init(m);
    R = _fmpz_vec_init(m);
    acc = _fmpz_vec_init(d);
    fmpz_init(Dr);
    fmpz_init(L);
    fmpz_init(Dm);
    fmpz_init(c);
    fmpz_init(e);
    fmpz_init(q);
    fmpz_one(Dr);
    fmpz_one(L);
    for (t = 0; t < m; t++)
    {
        rows_to_fmpz(Xz + t * d, xs + t, fmpq_mat_entry(B->X, t, 0), d, 1);
        fmpz_lcm(L, L, xs + t);
        fmpz_lcm(Dr, Dr, fmpq_denref(r + t));
    }
    for (t = 0; t < m; t++)
    {
        fmpz_divexact(R + t, Dr, fmpq_denref(r + t));
        fmpz_mul(R + t, R + t, fmpq_numref(r + t));
        fmpz_divexact(xs + t, L, xs + t); /* xs_t now holds L / xs_t */
    }
    for (j = 0; j < n && ok; j++)
    {
        fmpz_one(Dm);
        for (t = 0; t < m; t++)
            fmpz_lcm(Dm, Dm, fmpq_denref(mu + j * m + t));
        _fmpz_vec_zero(acc, d);
        for (t = 0; t < m; t++)
        {
            fmpz_zero(c);
            if (B->a[j * m + t] > 0)
                fmpz_mul(c, Dm, R + t);
            if (!fmpq_is_zero(mu + j * m + t))
            {
                fmpz_divexact(q, Dm, fmpq_denref(mu + j * m + t));
                fmpz_mul(q, q, fmpq_numref(mu + j * m + t));
                fmpz_mul(e, q, Dr);
                if (B->a[j * m + t] * B->b[j] > 0)
                    fmpz_sub(c, c, e);
                else
                    fmpz_add(c, c, e);
            }
            if (fmpz_is_zero(c))
                continue;
            fmpz_mul(c, c, xs + t);
            for (i = 0; i < d; i++)
                fmpz_addmul(acc + i, c, Xz + t * d + i);
        }
        for (i = 0; i < d && ok; i++)
            ok = fmpz_is_zero(acc + i);
    }
    if (ok)
    {
        /* lb = (|y|^2 - |y + r|^2) / m */
        fmpq_init(lhs);
        fmpq_init(cq);
        for (t = 0; t < m; t++)
        {
            fmpq_addmul(lhs, B->y + t, B->y + t);
            fmpq_add(cq, B->y + t, r + t);
            fmpq_submul(lhs, cq, cq);
        }
        div_slong(lb, lhs, m);
        fmpq_clear(lhs);
        fmpq_clear(cq);
    }
    _fmpz_vec_clear(Xz, m * d);
    _fmpz_vec_clear(xs, m);
    _fmpz_vec_clear(R, m);
    _fmpz_vec_clear(acc, d);
    fmpz_clear(Dr);
    fmpz_clear(L);
    fmpz_clear(Dm);
    fmpz_clear(c);
    fmpz_clear(e);
    fmpz_clear(q);
    return ok;
}

void
basin_result_init(basin_result_t R)
{
    R->status = BASIN_UNSUPPORTED;
    R->is_exact = 0;
    R->certified = 0;
    fmpq_init(R->exact);
    fmpq_init(R->lower);
    fmpq_init(R->upper);
    fmpq_init(R->width);
    arb_init(R->enclosure);
    R->n = R->d = R->m = 0;
    R->z = R->r = R->mu = NULL;
    R->lower_trivial = 1;
    R->iterations = R->active = R->rounds = 0;
    R->float_value = 0.0;
}

void
basin_result_clear(basin_result_t R)
{
    if (R->z != NULL)
        _fmpq_vec_clear(R->z, R->n * R->d);
    if (R->r != NULL)
        _fmpq_vec_clear(R->r, R->m);
    if (R->mu != NULL)
        _fmpq_vec_clear(R->mu, R->n * R->m);
    fmpq_clear(R->exact);
    fmpq_clear(R->lower);
    fmpq_clear(R->upper);
    fmpq_clear(R->width);
    arb_clear(R->enclosure);
}

double
basin_cost_estimate(const fmpq_mat_t X, const fmpq *y, slong n, slong *bits, slong *row)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, i, b = 0, at = 0;
    double k;
    for (t = 0; t < m; t++)
        for (i = 0; i <= d; i++)
        {
            const fmpq *q = i < d ? fmpq_mat_entry(X, t, i) : y + t;
            slong e = (slong) (fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q)));
            if (e > b)
            {
                b = e;
                at = t;
            }
        }
    if (bits != NULL)
        *bits = b;
    if (row != NULL)
        *row = at;
    k = (double) FLINT_MIN(m, n * d);
    return k * k * k * (double) b * (double) b;
}

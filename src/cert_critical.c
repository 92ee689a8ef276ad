/* cert_critical.c -- critical points and their Hessians (kind "critical").

   The squared loss of the two-layer ReLU network on data (X, y),
       L(W, v) = (1/m) sum_t r_t^2,  r_t = sum_j v_j [u_jt]_+ - y_t,
       u_jt = <w_j, x_t>,
   is a polynomial in theta = (w_1, ..., w_n, v) on each open cell where
   no u_jt vanishes (the ReLUs are then fixed: s_jt = [u_jt > 0]), with
       dr_t/dw_{j,i} = v_j s_jt x_{t,i},  dr_t/dv_j = s_jt u_jt,
       d^2 r_t / dw_{j,i} dv_j = s_jt x_{t,i} (all other second
       derivatives 0),
   so grad L = (2/m) sum_t r_t grad r_t and
   Hess L = (2/m) sum_t (grad r_t grad r_t^T + r_t Hess r_t).
   The basin objective f(z) = |M z - y|^2 / m (basin.h) has
   grad f = (2/m) M^T (M z - y) and Hess f = (2/m) M^T M. */
#include <flint/fmpq_vec.h>

#include "cert.h"
#include "cert_net.h"

static int
vec_is_zero(const fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(v + i))
            return 0;
    return 1;
}

static void
vec_scale(fmpq *v, slong len, const fmpq_t c)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_mul(v + i, v + i, c);
}

static const char *const claim_names[] = {"stationary", "second_order", "strict_local_min"};

/* Writes the gradient, the Hessian and its witness, and the verdict. */
static truth_t
finish(check_t chk, cert_t c, const fmpq *g, const fmpq_mat_t H, slong N, int claim)
{
    int stationary = vec_is_zero(g, N), ok;
    cert_fmpq_vec(c, "gradient", g, N);
    if (claim == CERT_CRIT_STATIONARY || !stationary)
        ok = stationary;
    else
    {
        cert_begin_object(c, "hessian");
        cert_fmpq_mat(c, "matrix", H);
        ok = _cert_ldl_members(c, H, claim == CERT_CRIT_STRICT);
        cert_end_object(c);
    }
    cert_str(c, "verdict", ok ? "holds" : "fails");
    cert_attach(chk, c);
    return ok ? BC_TRUE : BC_FALSE;
}

truth_t
cert_critical_relu(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W,
                   const fmpq *v, int claim)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), n = fmpq_mat_nrows(W), N = n * d + n;
    slong t, j, i, k, l;
    fmpq *u, *gr, *g;
    fmpq_mat_t H;
    fmpq_t r, c2, e;
    cert_t c;
    truth_t res;

    if (fmpq_mat_ncols(W) != d || m == 0 || n == 0 || claim < 0 || claim > CERT_CRIT_STRICT)
        return BC_UNDECIDED;
    u = _fmpq_vec_init(n * m);
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                fmpq_addmul(u + j * m + t, fmpq_mat_entry(W, j, i), fmpq_mat_entry(X, t, i));
            if (fmpq_is_zero(u + j * m + t))
            {
                /* on a cell boundary: L is not differentiable there */
                _fmpq_vec_clear(u, n * m);
                return BC_UNDECIDED;
            }
        }
    gr = _fmpq_vec_init(N);
    g = _fmpq_vec_init(N);
    fmpq_mat_init(H, N, N);
    fmpq_init(r);
    fmpq_init(c2);
    fmpq_init(e);
    for (t = 0; t < m; t++)
    {
        for (k = 0; k < N; k++)
            fmpq_zero(gr + k);
        fmpq_neg(r, y + t);
        for (j = 0; j < n; j++)
        {
            if (fmpq_sgn(u + j * m + t) <= 0)
                continue;
            fmpq_addmul(r, v + j, u + j * m + t);
            for (i = 0; i < d; i++)
                fmpq_mul(gr + j * d + i, v + j, fmpq_mat_entry(X, t, i));
            fmpq_set(gr + n * d + j, u + j * m + t);
        }
        for (k = 0; k < N; k++)
        {
            fmpq_addmul(g + k, r, gr + k);
            for (l = 0; l < N; l++)
                fmpq_addmul(fmpq_mat_entry(H, k, l), gr + k, gr + l);
        }
        for (j = 0; j < n; j++)
        {
            if (fmpq_sgn(u + j * m + t) <= 0)
                continue;
            for (i = 0; i < d; i++)
            {
                fmpq_mul(e, r, fmpq_mat_entry(X, t, i));
                fmpq_add(fmpq_mat_entry(H, j * d + i, n * d + j), fmpq_mat_entry(H, j * d + i, n * d + j), e);
                fmpq_add(fmpq_mat_entry(H, n * d + j, j * d + i), fmpq_mat_entry(H, n * d + j, j * d + i), e);
            }
        }
    }
    fmpq_set_si(c2, 2, m);
    vec_scale(g, N, c2);
    fmpq_mat_scalar_mul_fmpq(H, H, c2);

    cert_init(c, "critical", NULL, label);
    cert_str(c, "function", "relu2");
    cert_str(c, "claim", claim_names[claim]);
    cert_fmpq_mat(c, "X", X);
    cert_fmpq_vec(c, "y", y, m);
    cert_fmpq_mat(c, "W", W);
    cert_fmpq_vec(c, "v", v, n);
    res = finish(chk, c, g, H, N, claim);

    _fmpq_vec_clear(u, n * m);
    _fmpq_vec_clear(gr, N);
    _fmpq_vec_clear(g, N);
    fmpq_mat_clear(H);
    fmpq_clear(r);
    fmpq_clear(c2);
    fmpq_clear(e);
    return res;
}

truth_t
cert_critical_basin(check_t chk, const char *label, const basin_t B, const fmpq *z, int claim)
{
    slong n = B->n, m = B->m, d = B->d, N = n * d, t, j, i;
    fmpq_mat_t M, MT, H;
    fmpq *res, *g;
    fmpq_t c2;
    cert_t c;
    truth_t out;

    if (n == 0 || m == 0 || claim < 0 || claim > CERT_CRIT_STRICT)
        return BC_UNDECIDED;
    fmpq_mat_init(M, m, N);
    fmpq_mat_init(MT, N, m);
    fmpq_mat_init(H, N, N);
    res = _fmpq_vec_init(m);
    g = _fmpq_vec_init(N);
    fmpq_init(c2);
    for (t = 0; t < m; t++)
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] == 1)
                for (i = 0; i < d; i++)
                    fmpq_set(fmpq_mat_entry(M, t, j * d + i), fmpq_mat_entry(B->X, t, i));
    fmpq_mat_transpose(MT, M);
    fmpq_mat_mul(H, MT, M);
    for (t = 0; t < m; t++)
    {
        fmpq_neg(res + t, B->y + t);
        for (i = 0; i < N; i++)
            fmpq_addmul(res + t, fmpq_mat_entry(M, t, i), z + i);
    }
    for (i = 0; i < N; i++)
        for (t = 0; t < m; t++)
            fmpq_addmul(g + i, fmpq_mat_entry(M, t, i), res + t);
    fmpq_set_si(c2, 2, m);
    vec_scale(g, N, c2);
    fmpq_mat_scalar_mul_fmpq(H, H, c2);

    cert_init(c, "critical", NULL, label);
    cert_str(c, "function", "basin_quadratic");
    cert_str(c, "claim", claim_names[claim]);
    cert_fmpq_mat(c, "X", B->X);
    cert_fmpq_vec(c, "y", B->y, m);
    cert_begin_array(c, "a");
    for (j = 0; j < n; j++)
        cert_int_vec(c, NULL, B->a + j * m, m);
    cert_end_array(c);
    cert_int_vec(c, "b", B->b, n);
    cert_begin_array(c, "z");
    for (j = 0; j < n; j++)
        cert_fmpq_vec(c, NULL, z + j * d, d);
    cert_end_array(c);
    out = finish(chk, c, g, H, N, claim);

    fmpq_mat_clear(M);
    fmpq_mat_clear(MT);
    fmpq_mat_clear(H);
    _fmpq_vec_clear(res, m);
    _fmpq_vec_clear(g, N);
    fmpq_clear(c2);
    return out;
}

/* ------------------------------------------- Theorem 1's path hypotheses */

truth_t
cert_relu_path(check_t chk, const char *label, const net_t N, const data_t S, loss_kind kind,
               const double *knots, slong nknots, const char *claim, truth_t t)
{
    slong i, j, t2;
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    cert_init(c, "relu_path", t == BC_TRUE ? "holds" : "fails", label);
    cert_str(c, "claim", claim);
    cert_str(c, "loss", kind == LOSS_SQUARED ? "squared" : "xent");
    cert_si_vec(c, "widths", N->width, N->depth + 1);
    cert_begin_array(c, "X");
    for (t2 = 0; t2 < S->m; t2++)
    {
        cert_begin_array(c, NULL);
        for (j = 0; j < S->d; j++)
            cert_d(c, NULL, data_x(S, t2)[j]);
        cert_end_array(c);
    }
    cert_end_array(c);
    if (kind == LOSS_SQUARED)
    {
        cert_begin_array(c, "Y");
        for (t2 = 0; t2 < S->m; t2++)
        {
            cert_begin_array(c, NULL);
            for (j = 0; j < S->k; j++)
                cert_d(c, NULL, data_y(S, t2)[j]);
            cert_end_array(c);
        }
        cert_end_array(c);
    }
    else
        cert_si_vec(c, "labels", S->lab, S->m);
    cert_begin_array(c, "knots");
    for (i = 0; i < nknots; i++)
    {
        cert_begin_array(c, NULL);
        for (j = 0; j < N->npar; j++)
            cert_d(c, NULL, knots[i * N->npar + j]);
        cert_end_array(c);
    }
    cert_end_array(c);
    cert_attach(chk, c);
    return t;
}

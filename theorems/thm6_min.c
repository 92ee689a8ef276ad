/* thm6_min.c -- the d-dimensional objective of App. C, its certified
   local minima, and the single-neuron basin value (thm6.tex, Lemmas
   6.B and 6.C).

   Everything here works on the d-dimensional data matrix itself: the
   objective evaluates the neuron at every data point, the certificate
   of a minimum uses the gradient and Hessian of the d-dimensional
   quadratic on the point's activation cell.  Separability is what the
   module CHECKS against these, never what it computes them with. */
#include <flint/fmpq_vec.h>

#include "appc.h"
#include "ldl.h"
#include "shallow.h"
#include "thm6.h"

/* W (1 x d) from w, v = (1): the network of one neuron with output
   weight +1, so that the two-layer code evaluates [<w, x>]_+ */
static void
neuron_of(fmpq_mat_t W, fmpq_t v, const fmpq *w, slong d)
{
    slong i;
    for (i = 0; i < d; i++)
        fmpq_set(fmpq_mat_entry(W, 0, i), w + i);
    fmpq_one(v);
}

void
thm6_loss_d(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq *w)
{
    slong d = fmpq_mat_ncols(X);
    fmpq_mat_t W;
    fmpq_t v;
    fmpq_mat_init(W, 1, d);
    fmpq_init(v);
    neuron_of(W, v, w, d);
    shallow_net_loss(L, X, y, W, v);
    fmpq_mat_clear(W);
    fmpq_clear(v);
}

void
thm6_loss_sep(fmpq_t L, const fmpq *x1, const fmpq *y1, slong k, const fmpq *w, slong d)
{
    fmpq_t s;
    slong j;
    fmpq_init(s);
    fmpq_zero(L);
    for (j = 0; j < d; j++)
    {
        thm6_loss1(s, x1, y1, k, w + j);
        fmpq_add(L, L, s);
    }
    fmpq_set_si(s, 1, (ulong) d);
    fmpq_mul(L, L, s);
    fmpq_clear(s);
}

int
thm6_certify_min(fmpq_t value, const fmpq_mat_t X, const fmpq *y, const fmpq *w)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), r, i, bj, bt;
    fmpq_mat_t W, M, H, z, p, g;
    fmpq_t v;
    basin_t B;
    ldl_t info;
    int ret = THM6_CERT_OK;

    fmpq_mat_init(W, 1, d);
    fmpq_init(v);
    neuron_of(W, v, w, d);
    shallow_net_loss(value, X, y, W, v);
    basin_init(B);
    /* the activation cell of w: BASIN_BOUNDARY_W when some <w, x_r> = 0 */
    if (basin_pattern(B, X, y, W, v, 1, &bj, &bt) != BASIN_OK)
    {
        basin_clear(B);
        fmpq_mat_clear(W);
        fmpq_clear(v);
        return THM6_CERT_KINK;
    }
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(H, 0, 0);
    fmpq_mat_init(z, d, 1);
    fmpq_mat_init(p, m, 1);
    fmpq_mat_init(g, d, 1);
    /* on the cell L_d(w) = |M w - y|^2 / m (z = v w = w), so the gradient
       is (2/m) M^T (M w - y) and the Hessian (2/m) M^T M */
    shallow_design(M, B);
    for (i = 0; i < d; i++)
        fmpq_set(fmpq_mat_entry(z, i, 0), w + i);
    fmpq_mat_mul(p, M, z);
    for (r = 0; r < m; r++)
        fmpq_sub(fmpq_mat_entry(p, r, 0), fmpq_mat_entry(p, r, 0), y + r);
    {
        fmpq_mat_t Mt;
        fmpq_mat_init(Mt, d, m);
        fmpq_mat_transpose(Mt, M);
        fmpq_mat_mul(g, Mt, p);
        fmpq_mat_clear(Mt);
    }
    /* the factor 2/m does not change whether g is zero */
    if (!fmpq_mat_is_zero(g))
        ret = THM6_CERT_GRAD;
    else
    {
        ldl_init(info);
        shallow_hessian(H, B);
        if (!ldl_psd(info, H) || info->rank != d)
            ret = THM6_CERT_HESS;
        ldl_clear(info);
    }
    fmpq_mat_clear(M);
    fmpq_mat_clear(H);
    fmpq_mat_clear(z);
    fmpq_mat_clear(p);
    fmpq_mat_clear(g);
    basin_clear(B);
    fmpq_mat_clear(W);
    fmpq_clear(v);
    return ret;
}

void
thm6_min_point(fmpq *w, const fmpq_t q, ulong mask, slong d)
{
    slong j;
    for (j = 0; j < d; j++)
    {
        if (mask >> j & 1)
            fmpq_neg(w + j, q);
        else
            fmpq_one(w + j);
    }
}

void
thm6_min_value(fmpq_t v, const fmpq_t epsp, slong k, slong d)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_set_si(t, 1, 2);
    fmpq_sub(t, t, epsp);
    fmpq_mul_si(t, t, k);
    {
        fmpq_t r;
        fmpq_init(r);
        fmpq_set_si(r, 1, (ulong) d);
        fmpq_mul(t, t, r);
        fmpq_clear(r);
    }
    fmpq_add(v, epsp, t);
    fmpq_clear(t);
}

static slong
popcount(ulong x)
{
    slong n = 0;
    for (; x != 0; x &= x - 1)
        n++;
    return n;
}

int
thm6_enumerate(thm6_enum_struct *E, const fmpq_t eps, slong d)
{
    slong m = 2 * d;
    ulong mask, n;
    fmpq_mat_t X;
    fmpq *y, *w;
    fmpq_t q, epsp, val, want;
    double t0 = bc_seconds();

    if (d < 1 || d > 20)
    {
        flint_printf("thm6_enumerate: d = %wd outside 1..20\n", d);
        flint_abort();
    }
    n = UWORD(1) << d;
    y = _fmpq_vec_init(m);
    w = _fmpq_vec_init(d);
    fmpq_mat_init(X, m, d);
    fmpq_init(q);
    fmpq_init(epsp);
    fmpq_init(val);
    fmpq_init(want);
    appc_data(X, y, eps, d);
    appc_target(q, eps);
    fmpq_mul(epsp, q, q);
    fmpq_div_2exp(epsp, epsp, 1);
    E->d = d;
    E->count = n;
    E->certified = E->value_ok = 0;
    E->bad_mask = 0;
    E->bad_reason = THM6_CERT_OK;
    for (mask = 0; mask < n; mask++)
    {
        int r, same;
        thm6_min_point(w, q, mask, d);
        r = thm6_certify_min(val, X, y, w);
        thm6_min_value(want, epsp, popcount(mask), d);
        same = fmpq_equal(val, want);
        if ((r != THM6_CERT_OK || !same) && E->certified == mask && E->value_ok == mask)
        {
            /* the first failure */
            E->bad_mask = mask;
            E->bad_reason = r != THM6_CERT_OK ? r : -1;
        }
        E->certified += (r == THM6_CERT_OK);
        E->value_ok += same;
    }
    /* the points differ in some coordinate whenever -q != 1 (q > 0) */
    E->distinct = fmpq_sgn(q) > 0 ? n : 1;
    E->seconds = bc_seconds() - t0;
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
    _fmpq_vec_clear(w, d);
    fmpq_clear(q);
    fmpq_clear(epsp);
    fmpq_clear(val);
    fmpq_clear(want);
    return E->certified == n && E->value_ok == n;
}

int
thm6_bas_closed(fmpq_t bas, slong *K, const double *w, slong d, const fmpq_t epsp)
{
    slong j, neg = 0;
    for (j = 0; j < d; j++)
    {
        if (w[j] == 0.0)
            return 1;
        neg += w[j] < 0.0;
    }
    if (K != NULL)
        *K = neg;
    thm6_min_value(bas, epsp, neg, d);
    return 0;
}

int
thm6_bas_engine(basin_result_t R, const fmpq_mat_t X, const fmpq *y, const double *w, slong d, slong prec)
{
    fmpq_mat_t W;
    fmpq_t v;
    basin_t B;
    slong j, bj, bt;
    int r;
    fmpq_mat_init(W, 1, d);
    fmpq_init(v);
    fmpq_one(v);
    for (j = 0; j < d; j++)
        bc_fmpq_set_d(fmpq_mat_entry(W, 0, j), w[j]);
    basin_init(B);
    r = basin_pattern(B, X, y, W, v, 1, &bj, &bt);
    if (r == BASIN_OK)
        basin_value(R, B, prec);
    basin_clear(B);
    fmpq_mat_clear(W);
    fmpq_clear(v);
    return r;
}

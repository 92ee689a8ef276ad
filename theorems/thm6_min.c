/* thm6_min.c -- the d-dimensional objective of App. C, its certified
   local minima, and the single-neuron basin value (thm6.tex, Lemmas
   6.B and 6.C).

   Everything here works on the d-dimensional data matrix itself: the
   objective evaluates the neuron at every data point, the certificate
   of a minimum uses the gradient and Hessian of the d-dimensional
   quadratic on the point's activation cell.  Separability is what the
   module CHECKS against these, never what it computes them with. */
#include <string.h>

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

/* the r^d points and the product count as an integer: r^d <= 2^20 */
static ulong
points_count(slong r, slong d)
{
    ulong n = 1;
    slong j;
    if (r < 1 || d < 1 || d > 20)
        return 0;
    for (j = 0; j < d && n <= (UWORD(1) << 20); j++)
        n *= (ulong) r;
    return n <= (UWORD(1) << 20) ? n : 0;
}

/* w = the point p of cand^d, want = (1/d) sum_j val[i_j] */
static void
enum_point(fmpq *w, fmpq_t want, const fmpq *cand, const fmpq *val, slong r, slong d, ulong p)
{
    slong j;
    fmpz_t dd;
    fmpz_init_set_ui(dd, (ulong) d);
    fmpq_zero(want);
    for (j = 0; j < d; j++, p /= (ulong) r)
    {
        fmpq_set(w + j, cand + p % (ulong) r);
        fmpq_add(want, want, val + p % (ulong) r);
    }
    fmpq_div_fmpz(want, want, dd);
    fmpz_clear(dd);
}

int
thm6_enumerate(thm6_enum_struct *E, const fmpq *x1, const fmpq *y1, slong k, const fmpq *cand,
               const fmpq *val, slong r, slong d)
{
    slong m = k * d, i, j;
    ulong p, n = points_count(r, d);
    fmpq_mat_t X;
    fmpq *y, *w;
    fmpq_t value, want;

    if (n == 0)
    {
        flint_printf("thm6_enumerate: %wd^%wd points (d in 1..20, at most 2^20 points)\n", r, d);
        flint_abort();
    }
    y = _fmpq_vec_init(m);
    w = _fmpq_vec_init(d);
    fmpq_mat_init(X, m, d);
    fmpq_init(value);
    fmpq_init(want);
    appc_extend(X, y, x1, y1, k, d);
    E->d = d;
    E->count = n;
    E->certified = E->value_ok = 0;
    E->bad_index = 0;
    E->bad_reason = THM6_CERT_OK;
    for (p = 0; p < n; p++)
    {
        int c, same;
        enum_point(w, want, cand, val, r, d, p);
        c = thm6_certify_min(value, X, y, w);
        same = fmpq_equal(value, want);
        if ((c != THM6_CERT_OK || !same) && E->certified == p && E->value_ok == p)
        {
            /* the first failure */
            E->bad_index = p;
            E->bad_reason = c != THM6_CERT_OK ? c : -1;
        }
        E->certified += (c == THM6_CERT_OK);
        E->value_ok += same;
    }
    /* two points differ in the coordinate where their digits differ,
       when the candidates are pairwise distinct */
    E->distinct = n;
    for (i = 0; i < r; i++)
        for (j = i + 1; j < r; j++)
            if (fmpq_equal(cand + i, cand + j))
                E->distinct = 1;
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
    _fmpq_vec_clear(w, d);
    fmpq_clear(value);
    fmpq_clear(want);
    return E->certified == n && E->value_ok == n;
}

slong
thm6_minima_count(thm6_enum_struct *E, const fmpq *x1, const fmpq *y1, slong k, slong d)
{
    thm6_land_t A;
    slong i, count = -1;
    int strict = 1;
    memset(E, 0, sizeof(thm6_enum_struct));
    E->d = d;
    thm6_land_init(A);
    thm6_land_analyse(A, x1, y1, k);
    for (i = 0; i < A->nmin; i++)
        strict = strict && A->strict[i];
    /* Lemma 6.B: without a flat piece and with strict minima only, the
       local minima of L_d are exactly the products; none when L_1 has
       none */
    if (!A->flat_pos && !A->flat_neg && strict)
    {
        if (A->nmin == 0)
            count = 0;
        else if (thm6_enumerate(E, x1, y1, k, A->w, A->val, A->nmin, d) && E->distinct == E->count)
            count = (slong) E->count;
    }
    thm6_land_clear(A);
    return count;
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

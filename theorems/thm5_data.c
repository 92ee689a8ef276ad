/* thm5_data.c -- Theorem 5 instances: the nearest-centre assignment and
   exact radii, the clustering of user data, the singular values of C^T
   and the checker of the theorem's hypotheses (statement of Thm 5, Sec. 3
   of the paper; the talk's slide keeps the list). */
#include <string.h>

#include <acb.h>
#include <arb_fmpz_poly.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpz_poly_factor.h>

#include "sphere.h"
#include "thm5.h"

void
_thm5_fmpq_div_si(fmpq_t x, const fmpq_t a, slong n)
{
    fmpz_t z;
    fmpz_init_set_si(z, n);
    fmpq_div_fmpz(x, a, z);
    fmpz_clear(z);
}

/* |x - y|^2 for rows of (possibly different) matrices, exact */
static void
row_dist2(fmpq_t r, const fmpq_mat_t A, slong i, const fmpq_mat_t B, slong j)
{
    slong l;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(r);
    for (l = 0; l < A->c; l++)
    {
        fmpq_sub(t, fmpq_mat_entry(A, i, l), fmpq_mat_entry(B, j, l));
        fmpq_addmul(r, t, t);
    }
    fmpq_clear(t);
}

static void
row_norm2(fmpq_t r, const fmpq_mat_t A, slong i)
{
    slong l;
    fmpq_zero(r);
    for (l = 0; l < A->c; l++)
        fmpq_addmul(r, fmpq_mat_entry(A, i, l), fmpq_mat_entry(A, i, l));
}

void
thm5_inst_init(thm5_inst_t I)
{
    I->m = I->d = I->k = 0;
    fmpq_mat_init(I->X, 0, 0);
    fmpq_mat_init(I->C, 0, 0);
    I->y = NULL;
    I->cl = NULL;
    I->delta2 = NULL;
    I->size = NULL;
    I->rep = NULL;
}

void
thm5_inst_clear(thm5_inst_t I)
{
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->C);
    if (I->y != NULL)
        _fmpq_vec_clear(I->y, I->m);
    if (I->delta2 != NULL)
        _fmpq_vec_clear(I->delta2, I->k);
    flint_free(I->cl);
    flint_free(I->size);
    flint_free(I->rep);
    thm5_inst_init(I);
}

void
thm5_inst_set(thm5_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t C)
{
    slong t, j;
    fmpq_t best, r;

    thm5_inst_clear(I);
    I->m = X->r;
    I->d = X->c;
    I->k = C->r;
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->C);
    fmpq_mat_init_set(I->X, X);
    fmpq_mat_init_set(I->C, C);
    I->y = _fmpq_vec_init(I->m);
    for (t = 0; t < I->m; t++)
        fmpq_set(I->y + t, y + t);
    I->cl = flint_malloc(sizeof(slong) * I->m);
    I->delta2 = _fmpq_vec_init(I->k);
    I->size = flint_calloc(I->k, sizeof(slong));
    I->rep = flint_malloc(sizeof(slong) * I->k);
    for (j = 0; j < I->k; j++)
        I->rep[j] = -1;
    fmpq_init(best);
    fmpq_init(r);
    for (t = 0; t < I->m; t++)
    {
        slong jb = 0;
        row_dist2(best, X, t, C, 0);
        for (j = 1; j < I->k; j++)
        {
            row_dist2(r, X, t, C, j);
            if (fmpq_cmp(r, best) < 0)
                fmpq_swap(r, best), jb = j;
        }
        I->cl[t] = jb;
        I->size[jb]++;
        if (I->rep[jb] < 0)
            I->rep[jb] = t;
        if (fmpq_cmp(best, I->delta2 + jb) > 0)
            fmpq_set(I->delta2 + jb, best);
    }
    fmpq_clear(best);
    fmpq_clear(r);
}

void
thm5_inst_set_si(thm5_inst_t I, slong m, slong d, slong k, const slong *pts, const slong *ys, slong yden,
                 const slong *cs, slong den)
{
    fmpq_mat_t X, C;
    fmpq *y = _fmpq_vec_init(m);
    slong t, l;
    fmpq_mat_init(X, m, d);
    fmpq_mat_init(C, k, d);
    for (t = 0; t < m; t++)
    {
        for (l = 0; l < d; l++)
            fmpq_set_si(fmpq_mat_entry(X, t, l), pts[t * d + l], den);
        fmpq_set_si(y + t, ys[t], yden);
    }
    for (t = 0; t < k; t++)
        for (l = 0; l < d; l++)
            fmpq_set_si(fmpq_mat_entry(C, t, l), cs[t * d + l], den);
    thm5_inst_set(I, X, y, C);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, m);
}

/* ------------------------------------------------------ clustering */

static slong
uf_find(slong *p, slong a)
{
    while (p[a] != a)
        a = p[a] = p[p[a]];
    return a;
}

void
thm5_cluster(fmpq_mat_t C, const fmpq_mat_t X, slong k)
{
    slong m = X->r, d = X->c, i, j, e, u;
    slong *parent = flint_malloc(sizeof(slong) * m), *order = flint_malloc(sizeof(slong) * m);
    slong *uf = flint_malloc(sizeof(slong) * m), *label = flint_malloc(sizeof(slong) * m);
    slong *cnt, *cut = flint_calloc(m, sizeof(slong));
    int *in = flint_calloc(m, sizeof(int));
    fmpq *best = _fmpq_vec_init(m), *w = _fmpq_vec_init(m);
    fmpq_t r;

    fmpq_init(r);
    /* Prim from point 0: order[e] is the e-th vertex added, joined by the
       edge (parent[order[e]], order[e]) of weight w[e] (e >= 1) */
    for (i = 0; i < m; i++)
        parent[i] = -1;
    u = 0;
    in[0] = 1;
    order[0] = 0;
    for (e = 1; e < m; e++)
    {
        slong nb = -1;
        for (i = 0; i < m; i++)
        {
            if (in[i])
                continue;
            row_dist2(r, X, u, X, i);
            if (parent[i] < 0 || fmpq_cmp(r, best + i) < 0)
                fmpq_set(best + i, r), parent[i] = u;
            if (nb < 0 || fmpq_cmp(best + i, best + nb) < 0)
                nb = i;
        }
        in[nb] = 1;
        order[e] = nb;
        fmpq_set(w + e, best + nb);
        u = nb;
    }
    /* cut the k - 1 heaviest edges (ties: the later edge first) */
    for (j = 0; j < k - 1; j++)
    {
        slong eb = -1;
        for (e = 1; e < m; e++)
            if (!cut[e] && (eb < 0 || fmpq_cmp(w + e, w + eb) >= 0))
                eb = e;
        if (eb >= 0)
            cut[eb] = 1;
    }
    for (i = 0; i < m; i++)
        uf[i] = i;
    for (e = 1; e < m; e++)
        if (!cut[e])
        {
            slong a = uf_find(uf, order[e]), b = uf_find(uf, parent[order[e]]);
            if (a != b)
                uf[a] = b;
        }
    /* label clusters in order of their first point */
    for (i = 0; i < m; i++)
        label[i] = -1;
    j = 0;
    for (i = 0; i < m; i++)
    {
        slong root = uf_find(uf, i);
        if (label[root] < 0)
            label[root] = j++;
    }
    fmpq_mat_clear(C);
    fmpq_mat_init(C, k, d);
    cnt = flint_calloc(k, sizeof(slong));
    for (i = 0; i < m; i++)
    {
        slong c = label[uf_find(uf, i)];
        cnt[c]++;
        for (e = 0; e < d; e++)
            fmpq_add(fmpq_mat_entry(C, c, e), fmpq_mat_entry(C, c, e), fmpq_mat_entry(X, i, e));
    }
    for (j = 0; j < k; j++)
        for (e = 0; e < d; e++)
            if (cnt[j] > 0)
                _thm5_fmpq_div_si(fmpq_mat_entry(C, j, e), fmpq_mat_entry(C, j, e), cnt[j]);
    fmpq_clear(r);
    _fmpq_vec_clear(best, m);
    _fmpq_vec_clear(w, m);
    flint_free(parent);
    flint_free(order);
    flint_free(uf);
    flint_free(label);
    flint_free(cnt);
    flint_free(cut);
    flint_free(in);
}

/* ------------------------------------------------ singular values */

int
thm5_gram_eigs(arb_t lmin, arb_t lmax, const fmpq_mat_t C, slong prec)
{
    slong k = C->r, i;
    fmpq_mat_t Ct, G;
    fmpq_poly_t cp;
    fmpz_poly_t p;
    fmpz_poly_factor_t fac;
    fmpq_t det;
    int sgn, first = 1;

    fmpq_mat_init(Ct, C->c, k);
    fmpq_mat_init(G, k, k);
    fmpq_mat_transpose(Ct, C);
    fmpq_mat_mul(G, C, Ct);
    fmpq_init(det);
    fmpq_mat_det(det, G);
    sgn = fmpq_sgn(det);
    fmpq_poly_init(cp);
    fmpz_poly_init(p);
    fmpz_poly_factor_init(fac);
    fmpq_mat_charpoly(cp, G);
    fmpq_poly_get_numerator(p, cp);
    fmpz_poly_factor_squarefree(fac, p);
    arb_zero(lmin);
    arb_zero(lmax);
    for (i = 0; i < fac->num; i++)
    {
        slong deg = fmpz_poly_degree(fac->p + i), r;
        acb_ptr roots;
        if (deg < 1)
            continue;
        roots = _acb_vec_init(deg);
        /* G is symmetric: every root is real; the routine isolates them
           rigorously and returns real roots with exact zero imaginary part */
        arb_fmpz_poly_complex_roots(roots, fac->p + i, 0, prec);
        for (r = 0; r < deg; r++)
        {
            if (first)
            {
                arb_set(lmin, acb_realref(roots + r));
                arb_set(lmax, acb_realref(roots + r));
                first = 0;
            }
            else
            {
                arb_min(lmin, lmin, acb_realref(roots + r), prec);
                arb_max(lmax, lmax, acb_realref(roots + r), prec);
            }
        }
        _acb_vec_clear(roots, deg);
    }
    /* a zero eigenvalue is exact: det = 0 */
    if (sgn == 0)
        arb_zero(lmin);
    fmpz_poly_factor_clear(fac);
    fmpz_poly_clear(p);
    fmpq_poly_clear(cp);
    fmpq_clear(det);
    fmpq_mat_clear(Ct);
    fmpq_mat_clear(G);
    return sgn != 0;
}

/* ------------------------------------------------------ hypotheses */

const char *
thm5_hyp_name(int h)
{
    static const char *const names[THM5_NHYP] = {
        "k<=d",   "non-empty clusters", "general position", "unique cluster",
        "radius", "|c_j|>=c",           "|x_t|<=B",         "Lipschitz targets"};
    return (h >= 0 && h < THM5_NHYP) ? names[h] : "?";
}

void
thm5_hyp_init(thm5_hyp_t H)
{
    int h;
    for (h = 0; h < THM5_NHYP; h++)
    {
        H->holds[h] = BC_UNDECIDED;
        H->why[h] = NULL;
    }
}

void
thm5_hyp_clear(thm5_hyp_t H)
{
    int h;
    for (h = 0; h < THM5_NHYP; h++)
    {
        if (H->why[h] != NULL)
            flint_free(H->why[h]);
        H->why[h] = NULL;
    }
}

static void
set_hyp(thm5_hyp_t H, int h, truth_t t, char *why)
{
    H->holds[h] = t;
    if (H->why[h] != NULL)
        flint_free(H->why[h]);
    H->why[h] = why;
}

static char *
qstr(const fmpq_t q)
{
    return fmpq_get_str(NULL, 10, q);
}

/* delta2 / |c|^2 <= rho_d^2, decided with Arb at rising precision */
static truth_t
radius_ok(const fmpq_t delta2, const fmpq_t cn2, ulong d)
{
    slong prec;
    truth_t res = BC_UNDECIDED;
    arb_t rho, q;
    if (fmpq_is_zero(cn2))
        return fmpq_is_zero(delta2) ? BC_UNDECIDED : BC_FALSE;
    arb_init(rho);
    arb_init(q);
    for (prec = 64; prec <= 1024 && res == BC_UNDECIDED; prec *= 2)
    {
        sphere_band_radius(rho, d, prec);
        arb_sqr(rho, rho, prec);
        arb_set_fmpq(q, delta2, prec);
        arb_div_fmpz(q, q, fmpq_numref(cn2), prec);
        arb_mul_fmpz(q, q, fmpq_denref(cn2), prec);
        if (arb_le(q, rho))
            res = BC_TRUE;
        else if (arb_gt(q, rho))
            res = BC_FALSE;
    }
    arb_clear(rho);
    arb_clear(q);
    return res;
}

int
thm5_hyp_check(thm5_hyp_t H, const thm5_inst_t I, const fmpq_t B2, const fmpq_t c2, const fmpq_t gamma2)
{
    slong t, u, j, l;
    fmpq_t a, b, r;
    int h;

    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(r);

    /* k <= d */
    set_hyp(H, THM5_H_KD, I->k <= I->d ? BC_TRUE : BC_FALSE,
            bc_aprintf("k = %ld clusters, d = %ld", (long) I->k, (long) I->d));

    /* every centre has a point */
    {
        slong empty = -1;
        for (j = 0; j < I->k && empty < 0; j++)
            if (I->size[j] == 0)
                empty = j;
        set_hyp(H, THM5_H_NONEMPTY, empty < 0 ? BC_TRUE : BC_FALSE,
                empty < 0 ? bc_aprintf("every centre has a data point")
                          : bc_aprintf("centre %ld has no data point (no target yhat_%ld)",
                                       (long) (empty + 1), (long) (empty + 1)));
    }

    /* general position: det(C C^T) != 0 */
    {
        arb_t lo, hi;
        int gp;
        arb_init(lo);
        arb_init(hi);
        gp = thm5_gram_eigs(lo, hi, I->C, 128);
        if (gp)
        {
            char *s1 = bc_arb_str(lo, 8), *s2 = bc_arb_str(hi, 8);
            set_hyp(H, THM5_H_GENERAL, BC_TRUE,
                    bc_aprintf("sigma_min(C^T)^2 in %s, sigma_max(C^T)^2 in %s", s1, s2));
            flint_free(s1);
            flint_free(s2);
        }
        else
            set_hyp(H, THM5_H_GENERAL, BC_FALSE,
                    bc_aprintf(
                        "det(C C^T) = 0 exactly: the %ld centres are linearly dependent, sigma_min(C^T) = 0",
                        (long) I->k));
        arb_clear(lo);
        arb_clear(hi);
    }

    /* unique cluster */
    {
        slong bt = -1, bj1 = -1, bj2 = -1;
        for (t = 0; t < I->m && bt < 0; t++)
            for (j = 0; j < I->k && bt < 0; j++)
            {
                if (j == I->cl[t])
                    continue;
                row_dist2(r, I->X, t, I->C, j);
                if (fmpq_cmp(r, I->delta2 + j) <= 0)
                    bt = t, bj1 = I->cl[t], bj2 = j;
            }
        set_hyp(H, THM5_H_UNIQUE, bt < 0 ? BC_TRUE : BC_FALSE,
                bt < 0 ? bc_aprintf("each point is within delta_j of its own centre only")
                       : bc_aprintf("data point %ld is within delta of centres %ld and %ld", (long) (bt + 1),
                                    (long) (bj1 + 1), (long) (bj2 + 1)));
    }

    /* radius */
    {
        truth_t all = BC_TRUE;
        slong bad = -1;
        for (j = 0; j < I->k; j++)
        {
            truth_t o;
            row_norm2(r, I->C, j);
            o = radius_ok(I->delta2 + j, r, (ulong) I->d);
            if (o != BC_TRUE && all == BC_TRUE)
                all = o, bad = j;
            else if (o == BC_FALSE)
                all = BC_FALSE, bad = (bad < 0 ? j : bad);
        }
        if (bad < 0)
            set_hyp(
                H, THM5_H_RADIUS, BC_TRUE,
                bc_aprintf("delta_j/|c_j| <= 2 sin(sqrt(2 pi)/(16 d sqrt d)) for all %ld clusters, d = %ld",
                           (long) I->k, (long) I->d));
        else
        {
            char *s1 = qstr(I->delta2 + bad);
            row_norm2(r, I->C, bad);
            {
                char *s2 = qstr(r);
                set_hyp(H, THM5_H_RADIUS, all,
                        bc_aprintf(
                            "cluster %ld: delta^2 = %s, |c|^2 = %s: delta/|c| %s 2 sin(sqrt(2 pi)/(16 d "
                            "sqrt d)) (d = %ld)",
                            (long) (bad + 1), s1, s2, all == BC_FALSE ? ">" : "not decided <=", (long) I->d));
                flint_free(s2);
            }
            flint_free(s1);
        }
    }

    /* |c_j| >= c > 0 */
    {
        slong bad = -1;
        for (j = 0; j < I->k && bad < 0; j++)
        {
            row_norm2(r, I->C, j);
            if (fmpq_cmp(r, c2) < 0)
                bad = j;
        }
        if (fmpq_sgn(c2) <= 0)
            set_hyp(H, THM5_H_CNORM, BC_FALSE, bc_aprintf("c = 0: the theorem needs |c_j| >= c > 0"));
        else if (bad >= 0)
        {
            char *s1, *s2;
            row_norm2(r, I->C, bad);
            s1 = qstr(r);
            s2 = qstr(c2);
            set_hyp(H, THM5_H_CNORM, BC_FALSE,
                    bc_aprintf("centre %ld: |c|^2 = %s < c^2 = %s", (long) (bad + 1), s1, s2));
            flint_free(s1);
            flint_free(s2);
        }
        else
            set_hyp(H, THM5_H_CNORM, BC_TRUE, bc_aprintf("every |c_j|^2 >= c^2"));
    }

    /* |x_t| <= B */
    {
        slong bad = -1;
        for (t = 0; t < I->m && bad < 0; t++)
        {
            row_norm2(r, I->X, t);
            if (fmpq_cmp(r, B2) > 0)
                bad = t;
        }
        if (bad >= 0)
        {
            char *s1, *s2;
            row_norm2(r, I->X, bad);
            s1 = qstr(r);
            s2 = qstr(B2);
            set_hyp(H, THM5_H_BNORM, BC_FALSE,
                    bc_aprintf("data point %ld: |x|^2 = %s > B^2 = %s", (long) (bad + 1), s1, s2));
            flint_free(s1);
            flint_free(s2);
        }
        else
            set_hyp(H, THM5_H_BNORM, BC_TRUE, bc_aprintf("every |x_t|^2 <= B^2"));
    }

    /* gamma-Lipschitz targets inside each cluster */
    {
        slong bt = -1, bu = -1;
        for (t = 0; t < I->m && bt < 0; t++)
            for (u = t + 1; u < I->m && bt < 0; u++)
            {
                if (I->cl[t] != I->cl[u])
                    continue;
                fmpq_sub(a, I->y + t, I->y + u);
                fmpq_mul(a, a, a);
                row_dist2(r, I->X, t, I->X, u);
                fmpq_mul(b, r, gamma2);
                if (fmpq_cmp(a, b) > 0)
                    bt = t, bu = u;
            }
        set_hyp(H, THM5_H_LIPSCHITZ, bt < 0 ? BC_TRUE : BC_FALSE,
                bt < 0
                    ? bc_aprintf("|y_t - y_t'| <= gamma |x_t - x_t'| within every cluster")
                    : bc_aprintf("data points %ld and %ld of cluster %ld: |y_t - y_t'| > gamma |x_t - x_t'|",
                                 (long) (bt + 1), (long) (bu + 1), (long) (I->cl[bt] + 1)));
    }
    (void) l;

    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(r);
    for (h = 0; h < THM5_NHYP; h++)
        if (H->holds[h] != BC_TRUE)
            return h;
    return -1;
}

int
thm5_tight_constants(fmpq_t B2, fmpq_t c2, fmpq_t gamma2, const thm5_inst_t I)
{
    slong t, u, j;
    int inf = 0;
    fmpq_t r, a;
    fmpq_init(r);
    fmpq_init(a);
    fmpq_zero(B2);
    fmpq_zero(gamma2);
    for (t = 0; t < I->m; t++)
    {
        row_norm2(r, I->X, t);
        if (fmpq_cmp(r, B2) > 0)
            fmpq_set(B2, r);
    }
    for (j = 0; j < I->k; j++)
    {
        row_norm2(r, I->C, j);
        if (j == 0 || fmpq_cmp(r, c2) < 0)
            fmpq_set(c2, r);
    }
    for (t = 0; t < I->m; t++)
        for (u = t + 1; u < I->m; u++)
        {
            if (I->cl[t] != I->cl[u])
                continue;
            fmpq_sub(a, I->y + t, I->y + u);
            fmpq_mul(a, a, a);
            row_dist2(r, I->X, t, I->X, u);
            if (fmpq_is_zero(r))
            {
                if (!fmpq_is_zero(a))
                    inf = 1;
                continue;
            }
            fmpq_div(a, a, r);
            if (fmpq_cmp(a, gamma2) > 0)
                fmpq_set(gamma2, a);
        }
    fmpq_clear(r);
    fmpq_clear(a);
    return inf;
}

void
thm5_delta2(fmpq_t delta2, const thm5_inst_t I)
{
    slong j;
    fmpq_zero(delta2);
    for (j = 0; j < I->k; j++)
        if (fmpq_cmp(I->delta2 + j, delta2) > 0)
            fmpq_set(delta2, I->delta2 + j);
}

void
thm5_yhat2(fmpq_t yhat2, const thm5_inst_t I)
{
    slong j;
    fmpq_zero(yhat2);
    for (j = 0; j < I->k; j++)
        if (I->rep[j] >= 0)
            fmpq_addmul(yhat2, I->y + I->rep[j], I->y + I->rep[j]);
}

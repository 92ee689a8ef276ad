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

/* ------------------------------------------------- the module's own */

/* The Figure 1 centres c_1 = (1, 1), c_2 = (-2, 1/2); eight exact points
   per cluster at c_j + r u, u = (0,1), (1,0), (0,-1), (-1,0) and half
   that radius along (3,4)/5, (-4,3)/5, (-3,-4)/5, (4,-3)/5; radii
   r_1 = 1/(8 s), r_2 = 1/(5 s) (rho_j = r_j/|c_j| ~ 0.088/s, 0.097/s,
   below rho_2 ~ 0.1107); targets y = yhat_j + |<x - c_j, e_1>|/2 with
   yhat = (1, -1/2), so gamma = 1/2 and the first point carries yhat_j. */
void
thm5_fig1_instance(thm5_inst_t I, slong scale)
{
    static const slong ux[8][3] = {{0, 1, 1},  {1, 0, 1},   {0, -1, 1},   {-1, 0, 1},
                                   {3, 4, 10}, {-4, 3, 10}, {-3, -4, 10}, {4, -3, 10}};
    static const slong cen[2][4] = {{1, 1, 1, 1}, {-2, 1, 1, 2}}; /* num/den pairs */
    static const slong rden[2] = {8, 5};
    static const slong yh[2][2] = {{1, 1}, {-1, 2}};
    fmpq_mat_t X, C;
    fmpq *y;
    fmpq_t r, t;
    slong j, p, e;

    fmpq_mat_init(X, 16, 2);
    fmpq_mat_init(C, 2, 2);
    y = _fmpq_vec_init(16);
    fmpq_init(r);
    fmpq_init(t);
    for (j = 0; j < 2; j++)
    {
        fmpq_set_si(fmpq_mat_entry(C, j, 0), cen[j][0], cen[j][1]);
        fmpq_set_si(fmpq_mat_entry(C, j, 1), cen[j][2], cen[j][3]);
        fmpq_set_si(r, 1, rden[j] * scale);
        for (p = 0; p < 8; p++)
        {
            slong row = 8 * j + p;
            for (e = 0; e < 2; e++)
            {
                fmpq_set_si(t, ux[p][e], ux[p][2]);
                fmpq_mul(t, t, r);
                fmpq_add(fmpq_mat_entry(X, row, e), fmpq_mat_entry(C, j, e), t);
            }
            fmpq_set_si(t, ux[p][0], ux[p][2]);
            fmpq_abs(t, t);
            fmpq_mul(t, t, r);
            _thm5_fmpq_div_si(t, t, 2);
            fmpq_set_si(y + row, yh[j][0], yh[j][1]);
            fmpq_add(y + row, y + row, t);
        }
    }
    thm5_inst_set(I, X, y, C);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, 16);
    fmpq_clear(r);
    fmpq_clear(t);
}

/* The instance at the radius limit: d = k = 4, centres c_j = e_j, seven
   points per cluster, the centre and c_j +- delta e_i (i != j), delta =
   5/128, so rho_j = 5/128 ~ 0.99742 rho_4; targets
   yhat_j + <x - c_j, e_{j+1 mod 4}>/2 with yhat = (1, -1, 1, -1),
   1/2-Lipschitz, the centre (the first point) carrying yhat_j. */
void
thm5_limit_instance(thm5_inst_t I)
{
    fmpq_mat_t X, C;
    fmpq *y = _fmpq_vec_init(28);
    fmpq_t t;
    slong j, i, s, row = 0;
    fmpq_mat_init(X, 28, 4);
    fmpq_mat_init(C, 4, 4);
    fmpq_init(t);
    for (j = 0; j < 4; j++)
    {
        fmpq_one(fmpq_mat_entry(C, j, j));
        fmpq_one(fmpq_mat_entry(X, row, j));
        fmpq_set_si(y + row, j % 2 == 0 ? 1 : -1, 1);
        row++;
        for (i = 0; i < 4; i++)
            for (s = -1; s <= 1 && i != j; s += 2)
            {
                fmpq_one(fmpq_mat_entry(X, row, j));
                fmpq_set_si(fmpq_mat_entry(X, row, i), 5 * s, 128);
                fmpq_set_si(y + row, j % 2 == 0 ? 1 : -1, 1);
                if (i == (j + 1) % 4)
                {
                    fmpq_div_2exp(t, fmpq_mat_entry(X, row, i), 1);
                    fmpq_add(y + row, y + row, t);
                }
                row++;
            }
    }
    thm5_inst_set(I, X, y, C);
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    _fmpq_vec_clear(y, 28);
    fmpq_clear(t);
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
    H->prec = 0;
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

typedef struct
{
    const fmpq *delta2;
    const fmpq *cn2;
    ulong d;
} radius_ctx;

/* delta2 / |c|^2 <= rho_d^2 at precision prec */
static truth_t
radius_le(void *ctx, slong prec)
{
    const radius_ctx *X = ctx;
    arb_t rho, q;
    truth_t res;
    arb_init(rho);
    arb_init(q);
    sphere_band_radius(rho, X->d, prec);
    arb_sqr(rho, rho, prec);
    arb_set_fmpq(q, X->delta2, prec);
    arb_div_fmpz(q, q, fmpq_numref(X->cn2), prec);
    arb_mul_fmpz(q, q, fmpq_denref(X->cn2), prec);
    res = bc_arb_le(q, rho);
    arb_clear(rho);
    arb_clear(q);
    return res;
}

/* delta2 / |c|^2 <= rho_d^2, decided at rising precision (an exact tie
   cannot occur: rho_d^2 is irrational); *prec receives the precision
   reached when larger */
static truth_t
radius_ok(const fmpq_t delta2, const fmpq_t cn2, ulong d, slong *prec)
{
    radius_ctx X;
    slong reached = 0;
    truth_t res;
    if (fmpq_is_zero(cn2))
        return fmpq_is_zero(delta2) ? BC_UNDECIDED : BC_FALSE;
    X.delta2 = delta2;
    X.cn2 = cn2;
    X.d = d;
    res = bc_decide_prec(&reached, radius_le, &X, 64);
    if (reached > *prec)
        *prec = reached;
    return res;
}

/* k <= d, and every centre has a point */
static void
hyp_counts(thm5_hyp_t H, const thm5_inst_t I)
{
    slong j, empty = -1;
    set_hyp(H, THM5_H_KD, I->k <= I->d ? BC_TRUE : BC_FALSE,
            bc_aprintf("k = %ld clusters, d = %ld", (long) I->k, (long) I->d));
    for (j = 0; j < I->k && empty < 0; j++)
        if (I->size[j] == 0)
            empty = j;
    set_hyp(H, THM5_H_NONEMPTY, empty < 0 ? BC_TRUE : BC_FALSE,
            empty < 0 ? bc_aprintf("every centre has a data point")
                      : bc_aprintf("centre %ld has no data point (no target yhat_%ld)", (long) (empty + 1),
                                   (long) (empty + 1)));
}

/* general position: det(C C^T) != 0 */
static void
hyp_general(thm5_hyp_t H, const thm5_inst_t I)
{
    arb_t lo, hi;
    arb_init(lo);
    arb_init(hi);
    if (thm5_gram_eigs(lo, hi, I->C, 128))
    {
        char *s1 = bc_arb_str(lo, 8), *s2 = bc_arb_str(hi, 8);
        set_hyp(H, THM5_H_GENERAL, BC_TRUE,
                bc_aprintf("sigma_min(C^T)^2 in %s, sigma_max(C^T)^2 in %s", s1, s2));
        flint_free(s1);
        flint_free(s2);
    }
    else
        set_hyp(
            H, THM5_H_GENERAL, BC_FALSE,
            bc_aprintf("det(C C^T) = 0 exactly: the %ld centres are linearly dependent, sigma_min(C^T) = 0",
                       (long) I->k));
    arb_clear(lo);
    arb_clear(hi);
}

/* each point within delta_j of its own centre only */
static void
hyp_unique(thm5_hyp_t H, const thm5_inst_t I)
{
    slong t, j, bt = -1, bj1 = -1, bj2 = -1;
    fmpq_t r;
    fmpq_init(r);
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
    fmpq_clear(r);
}

/* delta_j / |c_j| <= 2 sin(sqrt(2 pi) / (16 d sqrt d)) for every cluster */
static void
hyp_radius(thm5_hyp_t H, const thm5_inst_t I)
{
    truth_t all = BC_TRUE;
    slong j, bad = -1;
    fmpq_t r;
    fmpq_init(r);
    for (j = 0; j < I->k; j++)
    {
        truth_t o;
        row_norm2(r, I->C, j);
        o = radius_ok(I->delta2 + j, r, (ulong) I->d, &H->prec);
        if (o != BC_TRUE && all == BC_TRUE)
            all = o, bad = j;
        else if (o == BC_FALSE)
            all = BC_FALSE, bad = (bad < 0 ? j : bad);
    }
    if (bad < 0)
        set_hyp(H, THM5_H_RADIUS, BC_TRUE,
                bc_aprintf("delta_j/|c_j| <= 2 sin(sqrt(2 pi)/(16 d sqrt d)) for all %ld clusters, d = %ld",
                           (long) I->k, (long) I->d));
    else
    {
        char *s1 = qstr(I->delta2 + bad), *s2;
        row_norm2(r, I->C, bad);
        s2 = qstr(r);
        set_hyp(
            H, THM5_H_RADIUS, all,
            bc_aprintf("cluster %ld: delta^2 = %s, |c|^2 = %s: delta/|c| %s 2 sin(sqrt(2 pi)/(16 d sqrt d)) "
                       "(d = %ld)",
                       (long) (bad + 1), s1, s2, all == BC_FALSE ? ">" : "not decided <=", (long) I->d));
        flint_free(s1);
        flint_free(s2);
    }
    fmpq_clear(r);
}

/* hypothesis h on the squared norms of the rows of A against b2: every
   row at least b2 (below = 0: |c_j| >= c) or at most b2 (below = 1:
   |x_t| <= B); row names what the rows are, var and bound the letters */
static void
hyp_norm(thm5_hyp_t H, int h, const fmpq_mat_t A, const fmpq_t b2, int below, const char *row,
         const char *var, const char *bound)
{
    slong i, bad = -1;
    fmpq_t r;
    fmpq_init(r);
    for (i = 0; i < A->r && bad < 0; i++)
    {
        row_norm2(r, A, i);
        if (below ? fmpq_cmp(r, b2) > 0 : fmpq_cmp(r, b2) < 0)
            bad = i;
    }
    if (bad < 0)
        set_hyp(H, h, BC_TRUE, bc_aprintf("every |%s|^2 %s %s^2", var, below ? "<=" : ">=", bound));
    else
    {
        char *s1, *s2;
        row_norm2(r, A, bad);
        s1 = qstr(r);
        s2 = qstr(b2);
        set_hyp(H, h, BC_FALSE,
                bc_aprintf("%s %ld: |%s|^2 = %s %s %s^2 = %s", row, (long) (bad + 1), var, s1,
                           below ? ">" : "<", bound, s2));
        flint_free(s1);
        flint_free(s2);
    }
    fmpq_clear(r);
}

/* |c_j| >= c > 0 and |x_t| <= B */
static void
hyp_norms(thm5_hyp_t H, const thm5_inst_t I, const fmpq_t B2, const fmpq_t c2)
{
    if (fmpq_sgn(c2) <= 0)
        set_hyp(H, THM5_H_CNORM, BC_FALSE, bc_aprintf("c = 0: the theorem needs |c_j| >= c > 0"));
    else
        hyp_norm(H, THM5_H_CNORM, I->C, c2, 0, "centre", "c_j", "c");
    hyp_norm(H, THM5_H_BNORM, I->X, B2, 1, "data point", "x_t", "B");
}

/* gamma-Lipschitz targets inside each cluster */
static void
hyp_lipschitz(thm5_hyp_t H, const thm5_inst_t I, const fmpq_t gamma2)
{
    slong t, u, bt = -1, bu = -1;
    fmpq_t a, b, r;
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(r);
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
            bt < 0 ? bc_aprintf("|y_t - y_t'| <= gamma |x_t - x_t'| within every cluster")
                   : bc_aprintf("data points %ld and %ld of cluster %ld: |y_t - y_t'| > gamma |x_t - x_t'|",
                                (long) (bt + 1), (long) (bu + 1), (long) (I->cl[bt] + 1)));
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(r);
}

int
thm5_hyp_check(thm5_hyp_t H, const thm5_inst_t I, const fmpq_t B2, const fmpq_t c2, const fmpq_t gamma2)
{
    int h;
    hyp_counts(H, I);
    hyp_general(H, I);
    hyp_unique(H, I);
    hyp_radius(H, I);
    hyp_norms(H, I, B2, c2);
    hyp_lipschitz(H, I, gamma2);
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

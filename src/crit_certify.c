/* crit_certify.c -- refinement, Krawczyk's test, the least-eigenvalue
   enclosure and the classification of a critical point (crit.h). */
#include <float.h>
#include <math.h>
#include <string.h>

#include "crit.h"
#include "dla.h"

/* refinement: at most this many double Newton steps */
#define CRIT_NEWTON_MAX 60
/* first box half-width relative to the Newton correction, and the floor */
#define CRIT_R_FACTOR 64.0
#define CRIT_R_FLOOR 0x1p-44
/* largest automatic half-width, relative to the largest entry */
#define CRIT_R_MAX 0x1p-20

const char *
crit_kind_str(crit_kind kind)
{
    switch (kind)
    {
    case CRIT_MINIMUM:
        return "minimum";
    case CRIT_SADDLE:
        return "saddle";
    case CRIT_NOT_CRITICAL:
        return "not_critical";
    default:
        return "undecided";
    }
}

void
crit_opts_default(crit_opts *o)
{
    o->prec = 64;
    o->refine = 1;
    o->max_move = 0;
    o->radius = 0;
}

void
crit_result_init(crit_result_t R)
{
    memset(R, 0, sizeof(crit_result_struct));
    arb_init(R->F);
    arb_init(R->lmin);
    arb_init(R->curv);
    arb_init(R->gnorm);
    R->kind = CRIT_UNDECIDED;
    R->exists = R->global = R->pd = BC_UNDECIDED;
}

void
crit_result_clear(crit_result_t R)
{
    arb_clear(R->F);
    arb_clear(R->lmin);
    arb_clear(R->curv);
    arb_clear(R->gnorm);
    flint_free(R->W);
    flint_free(R->dir);
}

void
crit_box(arb_mat_t X, const double *W, slong n, slong d, double r)
{
    slong i;
    for (i = 0; i < n * d; i++)
    {
        arb_ptr x = arb_mat_entry(X, i / d, i % d);
        arb_set_d(x, W[i]);
        if (r > 0)
            mag_set_d(arb_radref(x), r);
    }
}

static void
mat_mid_d(double *M, const arb_mat_t A)
{
    slong i, j, c = arb_mat_ncols(A);
    for (i = 0; i < arb_mat_nrows(A); i++)
        for (j = 0; j < c; j++)
            M[i * c + j] = arf_get_d(arb_midref(arb_mat_entry(A, i, j)), ARF_RND_NEAR);
}

/* the gradient at the exact point W (doubles), at prec */
static int
grad_at(arb_mat_t G, const double *W, slong n, const arb_mat_t V, slong prec)
{
    arb_mat_t X;
    int fl;
    arb_mat_init(X, n, arb_mat_ncols(V));
    crit_box(X, W, n, arb_mat_ncols(V), 0);
    fl = pop_eval(NULL, G, NULL, X, V, prec);
    arb_mat_clear(X);
    return fl;
}

/* ---- double products with rigorous error bounds ----

   A dot product of m terms computed in binary64 with rounding to nearest,
   in any order and with or without fused multiply-adds, is within
   gamma_m sum |a_l b_l| of the exact value, gamma_m = m u / (1 - m u),
   u = 2^-53 (Higham, Accuracy and Stability of Numerical Algorithms, 2nd
   ed., Sec. 3.1), plus at most m 2^-1074 from gradual underflow; the
   computed Cholesky factor of an m x m matrix A satisfies
   L L^T = A + dA, |dA| <= gamma_{m+1} |L| |L^T| (ibid., Thm 10.3).  The
   bounds below take gamma_m <= 1.01 m u (m u < 1/100) and add an
   absolute 2^-900 per entry for underflow; their own sums are done in
   mag arithmetic (rounded upward).  They need double expressions
   evaluated in double: */
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
#error "crit_certify.c: the error bounds need FLT_EVAL_METHOD == 0 (double evaluated in double)"
#endif
#ifdef __FAST_MATH__
#error "crit_certify.c: the error bounds do not hold under -ffast-math"
#endif

#define CRIT_SLACK 0x1p-900

static void
gamma_mag(mag_t g, slong m)
{
    mag_set_d(g, 1.01 * (double) m * 0x1p-53);
}

/* Hm = the midpoints of H rounded to double; er[l] >= sum_j |H_lj - Hm_lj|
   over the balls (row sums of the radii plus the rounding), and ec the
   column sums likewise. */
static void
mid_and_radius(double *Hm, mag_ptr er, mag_ptr ec, const arb_mat_t H)
{
    slong N = arb_mat_nrows(H), i, j;
    mag_t m;
    arf_t t;
    mag_init(m);
    arf_init(t);
    for (i = 0; i < N; i++)
        mag_zero(er + i);
    if (ec != NULL)
        for (i = 0; i < N; i++)
            mag_zero(ec + i);
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
        {
            arb_srcptr h = arb_mat_entry(H, i, j);
            double x = arf_get_d(arb_midref(h), ARF_RND_NEAR);
            Hm[i * N + j] = x;
            arf_set_d(t, x);
            arf_sub(t, arb_midref(h), t, MAG_BITS, ARF_RND_UP);
            arf_get_mag(m, t);
            mag_add(m, m, arb_radref(h));
            mag_add(er + i, er + i, m);
            if (ec != NULL)
                mag_add(ec + j, ec + j, m);
        }
    mag_clear(m);
    arf_clear(t);
}

/* res = sum_l |C_il| w_l (upper bound), row i of the N x N double C */
static void
absrow_dot(mag_t res, const double *Ci, mag_srcptr w, slong N)
{
    slong l;
    mag_t m;
    mag_init(m);
    mag_zero(res);
    for (l = 0; l < N; l++)
        if (Ci[l] != 0)
        {
            mag_set_d(m, Ci[l]);
            mag_mul(m, m, w + l);
            mag_add(res, res, m);
        }
    mag_clear(m);
}

truth_t
crit_krawczyk(const double *Wc, slong n, double r, const arb_mat_t V, const arb_mat_t HX, slong prec)
{
    slong d = arb_mat_ncols(V), N = n * d, i, j, l;
    double *Hm = flint_malloc(sizeof(double) * N * N), *C = flint_malloc(sizeof(double) * N * N);
    double *P = flint_malloc(sizeof(double) * N * N);
    mag_ptr er = _mag_vec_init(N), hs = _mag_vec_init(N);
    arb_mat_t G;
    arb_ptr y;
    truth_t res = BC_UNDECIDED;
    int inside = 1, outside = 0;
    mag_t rad, m, rm, gam, s, lo;
    arb_t t;

    mid_and_radius(Hm, er, NULL, HX);
    arb_mat_init(G, n, d);
    y = _arb_vec_init(N);
    mag_init(rad);
    mag_init(m);
    mag_init(rm);
    mag_init(gam);
    mag_init(s);
    mag_init(lo);
    arb_init(t);
    if (dla_inv(C, Hm, N) != 0)
        goto done;
    if (grad_at(G, Wc, n, V, 2 * prec) & POP_ZERO)
        goto done;
    /* y = C g(x~) in balls */
    for (i = 0; i < N; i++)
    {
        arb_zero(y + i);
        for (l = 0; l < N; l++)
        {
            arb_set_d(t, C[i * N + l]);
            arb_addmul(y + i, t, arb_mat_entry(G, l / d, l % d), 2 * prec);
        }
    }
    /* P = fl(C Hm); hs = row sums of |Hm| */
    for (i = 0; i < N; i++)
    {
        double *Pi = P + i * N;
        const double *Ci = C + i * N;
        for (j = 0; j < N; j++)
            Pi[j] = 0;
        for (l = 0; l < N; l++)
        {
            const double c = Ci[l], *Hl = Hm + l * N;
            if (c != 0)
                for (j = 0; j < N; j++)
                    Pi[j] += c * Hl[j];
        }
    }
    for (l = 0; l < N; l++)
    {
        mag_zero(hs + l);
        for (j = 0; j < N; j++)
        {
            mag_set_d(m, Hm[l * N + j]);
            mag_add(hs + l, hs + l, m);
        }
    }
    gamma_mag(gam, N);
    mag_set_d(rm, r);
    for (i = 0; i < N; i++)
    {
        /* sum_j |(I - C H)_ij| <= sum_j |I - P|_ij + gamma_N (|C| |Hm| 1)_i
           + (|C| er)_i + N slack */
        mag_zero(rad);
        for (j = 0; j < N; j++)
        {
            if (i == j)
            {
                arb_set_d(t, P[i * N + j]);
                arb_sub_ui(t, t, 1, 128);
                arb_get_mag(m, t);
            }
            else
                mag_set_d(m, P[i * N + j]);
            mag_add(rad, rad, m);
        }
        absrow_dot(s, C + i * N, hs, N);
        mag_mul(s, s, gam);
        mag_add(rad, rad, s);
        absrow_dot(s, C + i * N, er, N);
        mag_add(rad, rad, s);
        mag_set_d(s, (double) N * CRIT_SLACK);
        mag_add(rad, rad, s);
        mag_mul(rad, rad, rm);
        /* K_i - x~_i = -y_i + [-rad, rad] */
        arb_get_mag(m, y + i);
        mag_add(m, m, rad);
        if (mag_cmp(m, rm) >= 0)
            inside = 0;
        arb_get_mag_lower(lo, y + i);
        mag_sub_lower(lo, lo, rad);
        if (mag_cmp(lo, rm) > 0)
            outside = 1;
    }
    if (inside)
        res = BC_TRUE;
    else if (outside)
        res = BC_FALSE;
done:
    arb_mat_clear(G);
    _arb_vec_clear(y, N);
    _mag_vec_clear(er, N);
    _mag_vec_clear(hs, N);
    mag_clear(rad);
    mag_clear(m);
    mag_clear(rm);
    mag_clear(gam);
    mag_clear(s);
    mag_clear(lo);
    arb_clear(t);
    flint_free(Hm);
    flint_free(C);
    flint_free(P);
    return res;
}

/* q = v^T H v / v^T v over the ball matrix H, v exact doubles */
static void
rayleigh(arb_t q, const arb_mat_t H, const double *v, slong prec)
{
    slong N = arb_mat_nrows(H), i;
    arb_ptr x = _arb_vec_init(N);
    arb_t vv, hv;
    arb_init(vv);
    arb_init(hv);
    for (i = 0; i < N; i++)
        arb_set_d(x + i, v[i]);
    arb_zero(q);
    for (i = 0; i < N; i++)
    {
        arb_dot(hv, NULL, 0, arb_mat_entry(H, i, 0), 1, x, 1, N, prec);
        arb_addmul(q, x + i, hv, prec);
    }
    arb_dot(vv, NULL, 0, x, 1, x, 1, N, prec);
    arb_div(q, q, vv, prec);
    _arb_vec_clear(x, N);
    arb_clear(vv);
    arb_clear(hv);
}

int
crit_lmin(arb_t lmin, double *vec, arb_t q, const arb_mat_t H, slong prec)
{
    slong N = arb_mat_nrows(H), i, j, attempt;
    double *Hm = flint_malloc(sizeof(double) * N * N), *L = flint_malloc(sizeof(double) * N * N);
    double lam, scale = 0, gap;
    mag_ptr er = _mag_vec_init(N), ec = _mag_vec_init(N), cs = _mag_vec_init(N);
    mag_t e2, m, T, gam, rowt;
    arb_t qq;
    arf_t lob, hib, x;
    int ok = -1;

    mag_init(e2);
    mag_init(m);
    mag_init(T);
    mag_init(gam);
    mag_init(rowt);
    arb_init(qq);
    arf_init(lob);
    arf_init(hib);
    arf_init(x);
    mid_and_radius(Hm, er, ec, H);
    /* |H - Hm|_2 <= max(max row sum, max column sum) of the radii */
    mag_zero(e2);
    for (i = 0; i < N; i++)
    {
        mag_max(e2, e2, er + i);
        mag_max(e2, e2, ec + i);
    }
    for (i = 0; i < N * N; i++)
        if (fabs(Hm[i]) > scale)
            scale = fabs(Hm[i]);
    lam = dla_sym_eig(vec, Hm, N, 0);
    if (!isfinite(lam))
    {
        for (i = 0; i < N; i++)
            vec[i] = 0;
        arb_indeterminate(lmin);
        if (q != NULL)
            arb_indeterminate(q);
        goto done;
    }
    /* the upper bound: the Rayleigh quotient of the eigenvector */
    rayleigh(qq, H, vec, 2 * prec);
    if (arb_is_finite(qq))
        arb_get_ubound_arf(hib, qq, prec);
    else
        arf_pos_inf(hib);
    if (q != NULL)
        arb_set(q, qq);

    /* the lower bound: with A' = fl(Hm - s I) and L L^T = A' + dA,
       H - s I = L L^T + (H - Hm) + (Hm - s I - A') - dA
               >= -(|H - Hm|_2 + |Hm - s I - A'|_2 + |dA|_2) I */
    gamma_mag(gam, N + 1);
    gap = 4 * mag_get_d(e2) + 4 * (double) N * 0x1p-53 * scale + 1e-300;
    for (attempt = 0; attempt < 8; attempt++)
    {
        double s = lam - gap;
        if (dla_cholesky_shift(L, Hm, s, N) == 0)
        {
            /* T = max_i sum_l |L_il| cs_l, cs_l = sum_j |L_jl| (= | |L||L^T| |_oo) */
            for (j = 0; j < N; j++)
                mag_zero(cs + j);
            for (i = 0; i < N; i++)
                for (j = 0; j <= i; j++)
                    if (L[i * N + j] != 0)
                    {
                        mag_set_d(m, L[i * N + j]);
                        mag_add(cs + j, cs + j, m);
                    }
            mag_zero(T);
            for (i = 0; i < N; i++)
            {
                absrow_dot(rowt, L + i * N, cs, N);
                mag_max(T, T, rowt);
            }
            mag_mul(T, T, gam);
            mag_add(T, T, e2);
            /* Cholesky ran on fl(Hm - s I): its diagonal rounding, at most
               u (|Hm_jj| + |s|) */
            {
                double dmax = 0;
                for (i = 0; i < N; i++)
                    if (fabs(Hm[i * N + i]) > dmax)
                        dmax = fabs(Hm[i * N + i]);
                mag_set_d(m, (dmax + fabs(s)) * 0x1p-52);
                mag_add(T, T, m);
            }
            mag_set_d(m, (double) N * CRIT_SLACK);
            mag_add(T, T, m);
            /* lo = s - T, rounded down */
            arf_set_d(lob, s);
            arf_set_mag(x, T);
            arf_sub(lob, lob, x, prec, ARF_RND_FLOOR);
            ok = 0;
            break;
        }
        gap *= 8;
    }
    if (ok != 0)
        arf_neg_inf(lob);
    if (arf_cmp(lob, hib) > 0)
    {
        /* impossible for a symmetric member of H: keep the answer honest */
        arb_indeterminate(lmin);
        ok = -1;
    }
    else
        arb_set_interval_arf(lmin, lob, hib, prec);
done:
    _mag_vec_clear(er, N);
    _mag_vec_clear(ec, N);
    _mag_vec_clear(cs, N);
    mag_clear(e2);
    mag_clear(m);
    mag_clear(T);
    mag_clear(gam);
    mag_clear(rowt);
    arb_clear(qq);
    arf_clear(lob);
    arf_clear(hib);
    arf_clear(x);
    flint_free(Hm);
    flint_free(L);
    return ok;
}

/* Newton refinement in double from W (updated), then two steps with a
   ball gradient; returns the number of steps. */
static slong
refine(double *W, slong n, const double *Vd, slong k, const arb_mat_t V, slong d)
{
    slong N = n * d, steps = 0, i, it, worse = 0;
    double *G = flint_malloc(sizeof(double) * N), *H = flint_malloc(sizeof(double) * N * N);
    double *dx = flint_malloc(sizeof(double) * N), *best = flint_malloc(sizeof(double) * N);
    double gbest;
    arb_mat_t Ga;

    pop_eval_d(NULL, G, NULL, W, n, Vd, k, d);
    gbest = dla_norm(G, N);
    memcpy(best, W, sizeof(double) * N);
    for (it = 0; it < CRIT_NEWTON_MAX && isfinite(gbest) && gbest > 0; it++)
    {
        double g;
        pop_eval_d(NULL, G, H, W, n, Vd, k, d);
        if (dla_solve(dx, H, G, N) != 0)
            break;
        for (i = 0; i < N; i++)
            W[i] -= dx[i];
        steps++;
        pop_eval_d(NULL, G, NULL, W, n, Vd, k, d);
        g = dla_norm(G, N);
        if (!isfinite(g))
            break;
        if (g < gbest)
        {
            gbest = g;
            memcpy(best, W, sizeof(double) * N);
            worse = 0;
        }
        else if (++worse >= 3)
            break;
    }
    memcpy(W, best, sizeof(double) * N);
    /* two steps with the gradient enclosed at 128 bits (beyond double's
       rounding of the sums) */
    arb_mat_init(Ga, n, d);
    for (it = 0; it < 2; it++)
    {
        if (grad_at(Ga, W, n, V, 128) & POP_ZERO)
            break;
        mat_mid_d(G, Ga);
        pop_eval_d(NULL, NULL, H, W, n, Vd, k, d);
        if (dla_solve(dx, H, G, N) != 0)
            break;
        for (i = 0; i < N; i++)
            best[i] = W[i] - dx[i];
        if (dla_norm(dx, N) == 0)
            break;
        memcpy(W, best, sizeof(double) * N);
        steps++;
    }
    arb_mat_clear(Ga);
    flint_free(G);
    flint_free(H);
    flint_free(dx);
    flint_free(best);
    return steps;
}

/* n = k and X contains, row for row, a permutation of the exact teacher
   (every teacher row exact and non-zero): then that permutation is the
   critical point in X (it is critical: F >= 0 = F there and F is
   differentiable, no zero neuron). */
static int
box_holds_teacher(const arb_mat_t X, const arb_mat_t V)
{
    slong n = arb_mat_nrows(X), k = arb_mat_nrows(V), d = arb_mat_ncols(V), i, j, a;
    int *used, ok = 1;
    if (n != k)
        return 0;
    for (j = 0; j < k; j++)
        for (a = 0; a < d; a++)
            if (!arb_is_exact(arb_mat_entry(V, j, a)))
                return 0;
    used = flint_calloc(k + 1, sizeof(int));
    for (i = 0; i < n && ok; i++)
    {
        int found = 0;
        for (j = 0; j < k && !found; j++)
        {
            int in = !used[j];
            for (a = 0; a < d && in; a++)
                in = arb_contains(arb_mat_entry(X, i, a), arb_mat_entry(V, j, a));
            if (in)
            {
                used[j] = 1;
                found = 1;
            }
        }
        ok = found;
    }
    flint_free(used);
    return ok;
}

/* x* is the permutation of the teacher in X: make it the centre, with
   radius 0, when every entry is a double. */
static void
exact_teacher_centre(crit_result_t R, const arb_mat_t X, const arb_mat_t V)
{
    slong n = arb_mat_nrows(X), d = arb_mat_ncols(V), i, j, a;
    int *used = flint_calloc(n + 1, sizeof(int)), ok = 1;
    double *W = flint_malloc(sizeof(double) * n * d);
    for (i = 0; i < n && ok; i++)
    {
        int found = 0;
        for (j = 0; j < n && !found; j++)
        {
            int in = !used[j];
            for (a = 0; a < d && in; a++)
                in = arb_contains(arb_mat_entry(X, i, a), arb_mat_entry(V, j, a));
            if (in)
            {
                used[j] = found = 1;
                for (a = 0; a < d; a++)
                {
                    arf_srcptr m = arb_midref(arb_mat_entry(V, j, a));
                    double x = arf_get_d(m, ARF_RND_NEAR);
                    if (arf_cmp_d(m, x) != 0)
                        ok = 0;
                    W[i * d + a] = x;
                }
            }
        }
        ok = ok && found;
    }
    if (ok)
    {
        memcpy(R->W, W, sizeof(double) * n * d);
        R->radius = 0;
    }
    flint_free(used);
    flint_free(W);
}

static slong
teacher_rank(const arb_mat_t V)
{
    slong j, a, r = 0;
    for (j = 0; j < arb_mat_nrows(V); j++)
    {
        int z = 1;
        for (a = 0; a < arb_mat_ncols(V); a++)
            if (!arb_is_zero(arb_mat_entry(V, j, a)))
                z = 0;
        r += !z;
    }
    return r;
}

/* Returns the half-width of the first Krawczyk box around the centre W
   (o->radius if given, else sized by the Newton correction there, within
   CRIT_R_FLOOR and CRIT_R_MAX of max(1, max |W|)).  Sets R->gnorm to
   |grad F| at W, and R->reason when the Hessian in double is singular. */
static double
box_radius(crit_result_t R, const double *W, slong n, const double *Vd, slong k, const arb_mat_t V,
           const crit_opts *o, slong prec)
{
    slong d = arb_mat_ncols(V), N = n * d, i;
    double r, e;
    arb_mat_t G;

    arb_mat_init(G, n, d);
    /* the Newton correction at the centre sizes the box */
    {
        double *Hd = flint_malloc(sizeof(double) * N * N), *g = flint_malloc(sizeof(double) * N),
               *dx = flint_malloc(sizeof(double) * N);
        grad_at(G, W, n, V, 2 * prec);
        mat_mid_d(g, G);
        pop_eval_d(NULL, NULL, Hd, W, n, Vd, k, d);
        e = dla_solve(dx, Hd, g, N) == 0 ? dla_norm(dx, N) : INFINITY;
        flint_free(Hd);
        flint_free(g);
        flint_free(dx);
        /* |grad F| at the centre */
        arb_zero(R->gnorm);
        for (i = 0; i < N; i++)
            arb_addmul(R->gnorm, arb_mat_entry(G, i / d, i % d), arb_mat_entry(G, i / d, i % d), 2 * prec);
        arb_sqrtpos(R->gnorm, R->gnorm, 2 * prec);
    }
    {
        double wmax = 0;
        for (i = 0; i < N; i++)
            if (fabs(W[i]) > wmax)
                wmax = fabs(W[i]);
        r = o->radius > 0 ? o->radius : fmax(CRIT_R_FACTOR * e, CRIT_R_FLOOR * fmax(1, wmax));
        /* a box this wide is not a certificate of anything near x~ */
        if (o->radius <= 0 && r > CRIT_R_MAX * fmax(1, wmax))
            r = CRIT_R_MAX * fmax(1, wmax);
    }
    if (!isfinite(r))
    {
        snprintf(R->reason, sizeof R->reason, "the Hessian at the refined point is singular in double");
        r = CRIT_R_FLOOR;
    }

    arb_mat_clear(G);
    return r;
}

/* Sets R->lmin and R->curv (the least eigenvalue of the Hessian enclosure
   H and the curvature along its direction), R->pd, R->kind and, for a
   saddle only, R->dir (the direction); R->reason when the sign is not
   decided. */
static void
classify(crit_result_t R, const arb_mat_t H, slong prec)
{
    slong N = arb_mat_nrows(H);

    R->dir = flint_malloc(sizeof(double) * N);
    crit_lmin(R->lmin, R->dir, R->curv, H, prec);
    {
        arf_t lo, hi;
        arf_init(lo);
        arf_init(hi);
        arb_get_lbound_arf(lo, R->lmin, prec);
        arb_get_ubound_arf(hi, R->curv, prec);
        if (arf_sgn(lo) > 0)
            R->pd = BC_TRUE;
        else if (arf_sgn(hi) < 0)
            R->pd = BC_FALSE;
        arf_clear(lo);
        arf_clear(hi);
    }
    if (R->pd == BC_TRUE)
        R->kind = CRIT_MINIMUM;
    else if (R->pd == BC_FALSE)
        R->kind = CRIT_SADDLE;
    else
        snprintf(R->reason, sizeof R->reason,
                 "a unique critical point is certified but the sign of the least Hessian eigenvalue is not "
                 "decided");
    if (R->kind != CRIT_SADDLE)
    {
        /* the direction is only a certificate for saddles */
        flint_free(R->dir);
        R->dir = NULL;
    }
}

void
crit_certify(crit_result_t R, const arb_mat_t W0, const arb_mat_t V, const crit_opts *o)
{
    slong n = arb_mat_nrows(W0), d = arb_mat_ncols(W0), k = arb_mat_nrows(V), N = n * d, i, attempt;
    slong prec = o->prec > 0 ? o->prec : 64;
    double *Vd = flint_malloc(sizeof(double) * (k * d + 1)), *W, *Win;
    double t0 = bc_seconds(), r, max_move;
    arb_mat_t X, H;
    int fl, rejected = 0;

    R->n = n;
    R->d = d;
    R->kind = CRIT_UNDECIDED;
    R->exists = R->global = R->pd = BC_UNDECIDED;
    R->reason[0] = '\0';
    R->rejected = 0;
    flint_free(R->W);
    flint_free(R->dir);
    R->dir = NULL;
    R->W = W = flint_malloc(sizeof(double) * N);
    Win = flint_malloc(sizeof(double) * N);
    mat_mid_d(W, W0);
    mat_mid_d(Vd, V);
    memcpy(Win, W, sizeof(double) * N);
    arb_mat_init(X, n, d);
    arb_mat_init(H, N, N);
    arb_indeterminate(R->F);
    arb_indeterminate(R->lmin);
    arb_indeterminate(R->curv);
    arb_indeterminate(R->gnorm);

    for (i = 0; i < n; i++)
        if (dla_norm(W + i * d, d) == 0)
        {
            snprintf(R->reason, sizeof R->reason,
                     "neuron %ld is zero (its midpoint in double): F is not differentiable there (only "
                     "one-sided derivatives)",
                     (long) i + 1);
            goto done;
        }

    /* refinement */
    max_move = o->max_move > 0 ? o->max_move : 0.1 * (1 + dla_norm(W, N));
    R->newton = 0;
    if (o->refine)
    {
        R->newton = refine(W, n, Vd, k, V, d);
        for (i = 0; i < N; i++)
            Win[i] -= W[i];
        R->move = dla_norm(Win, N);
        if (!(R->move <= max_move))
        {
            /* rejected: certify around the input itself */
            mat_mid_d(W, W0);
            R->move = 0;
            rejected = R->rejected = 1;
        }
    }
    for (i = 0; i < n; i++)
        if (dla_norm(W + i * d, d) == 0)
        {
            snprintf(R->reason, sizeof R->reason, "neuron %ld of the refined point is zero", (long) i + 1);
            goto done;
        }

    r = box_radius(R, W, n, Vd, k, V, o, prec);

    /* Krawczyk on X, retried with a larger and a smaller box */
    for (attempt = 0; attempt < 3; attempt++)
    {
        double rr = attempt == 0 ? r : (attempt == 1 ? r * 256 : r / 16);
        if (o->radius > 0 && attempt > 0)
            break;
        crit_box(X, W, n, d, rr);
        fl = pop_eval(NULL, NULL, H, X, V, prec);
        R->flags = fl;
        if (fl & POP_ZERO)
        {
            snprintf(R->reason, sizeof R->reason, "a neuron of the box may be zero: F is not C^1 there");
            R->radius = rr;
            goto done;
        }
        R->exists = crit_krawczyk(W, n, rr, V, H, prec);
        R->radius = rr;
        if (R->exists != BC_UNDECIDED)
            break;
    }
    if (R->exists == BC_FALSE)
    {
        R->kind = CRIT_NOT_CRITICAL;
        snprintf(R->reason, sizeof R->reason,
                 "Krawczyk's operator misses the box of half-width %.3g around the %s point: no critical "
                 "point there",
                 R->radius, o->refine && !R->rejected ? "refined" : "given");
        goto done;
    }
    if (R->exists == BC_UNDECIDED)
    {
        snprintf(R->reason, sizeof R->reason,
                 "Krawczyk's test undecided on boxes of half-width %.3g..%.3g (Hessian singular or "
                 "nearly so, or the point is not near a critical point)",
                 r / 16, r * 256);
        goto done;
    }
    /* value, least eigenvalue, direction */
    pop_eval(R->F, NULL, NULL, X, V, 2 * prec);
    classify(R, H, prec);

    /* global or not */
    if (box_holds_teacher(X, V))
    {
        R->global = BC_TRUE;
        arb_zero(R->F);
        exact_teacher_centre(R, X, V);
    }
    else if (n >= teacher_rank(V) && arb_is_positive(R->F))
        R->global = BC_FALSE;

done:
    if (rejected && (R->kind == CRIT_UNDECIDED || R->kind == CRIT_NOT_CRITICAL))
    {
        size_t len = strlen(R->reason);
        snprintf(R->reason + len, sizeof R->reason - len,
                 "%sNewton's refinement moved farther than %.3g and was discarded", len ? "; " : "",
                 max_move);
    }
    arb_mat_clear(X);
    arb_mat_clear(H);
    flint_free(Vd);
    flint_free(Win);
    R->seconds = bc_seconds() - t0;
}

truth_t
crit_descent(double *t, arb_t dF, const crit_result_t R, const double *dir, const arb_mat_t V, slong prec)
{
    slong n = R->n, d = R->d, N = n * d, i, j;
    arb_mat_t X, Xt, P, Pt, G, Gt;
    arb_t F0, F1, D, m;
    truth_t res = BC_UNDECIDED;

    *t = 0;
    arb_indeterminate(dF);
    if (R->exists != BC_TRUE)
        return BC_UNDECIDED;
    arb_mat_init(X, n, d);
    arb_mat_init(Xt, n, d);
    arb_mat_init(P, n, d);
    arb_mat_init(Pt, n, d);
    arb_mat_init(G, n, d);
    arb_mat_init(Gt, n, d);
    arb_init(F0);
    arb_init(F1);
    arb_init(D);
    arb_init(m);
    crit_box(X, R->W, n, d, R->radius);
    crit_box(P, R->W, n, d, 0);
    pop_eval(F0, G, NULL, X, V, prec);
    pop_eval(F0, NULL, NULL, P, V, 2 * prec);
    for (j = 1; j <= 48 && res != BC_TRUE; j++)
    {
        double tt = ldexp(1, (int) -j);
        /* the shifted point and box: y + t dir (t dir exact: a power of two) */
        for (i = 0; i < N; i++)
        {
            arb_set_d(m, tt);
            arb_set_d(arb_mat_entry(Pt, i / d, i % d), dir[i]);
            arb_mul(arb_mat_entry(Pt, i / d, i % d), arb_mat_entry(Pt, i / d, i % d), m, ARF_PREC_EXACT);
            arb_add(arb_mat_entry(Pt, i / d, i % d), arb_mat_entry(Pt, i / d, i % d),
                    arb_mat_entry(P, i / d, i % d), ARF_PREC_EXACT);
            arb_set(arb_mat_entry(Xt, i / d, i % d), arb_mat_entry(Pt, i / d, i % d));
            mag_set_d(arb_radref(arb_mat_entry(Xt, i / d, i % d)), R->radius);
        }
        if (pop_eval(F1, NULL, NULL, Pt, V, 2 * prec) & POP_ZERO)
            continue;
        if (pop_eval(NULL, Gt, NULL, Xt, V, prec) & POP_ZERO)
            continue;
        /* D = F(x~ + t dir) - F(x~) + sum_l (Gt - G)_l [-r, r] */
        arb_sub(D, F1, F0, 2 * prec);
        {
            mag_t acc, e;
            mag_init(acc);
            mag_init(e);
            for (i = 0; i < N; i++)
            {
                arb_sub(m, arb_mat_entry(Gt, i / d, i % d), arb_mat_entry(G, i / d, i % d), prec);
                arb_get_mag(e, m);
                mag_add(acc, acc, e);
            }
            mag_set_d(e, R->radius);
            mag_mul(acc, acc, e);
            arb_add_error_mag(D, acc);
            mag_clear(acc);
            mag_clear(e);
        }
        if (arb_is_negative(D))
        {
            *t = tt;
            arb_set(dF, D);
            res = BC_TRUE;
        }
    }
    arb_mat_clear(X);
    arb_mat_clear(Xt);
    arb_mat_clear(P);
    arb_mat_clear(Pt);
    arb_mat_clear(G);
    arb_mat_clear(Gt);
    arb_clear(F0);
    arb_clear(F1);
    arb_clear(D);
    arb_clear(m);
    return res;
}

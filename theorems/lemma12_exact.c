/* lemma12_exact.c -- the exact steps of the Lemma 1-2 proofs (App. A)
   on the core's shallow.h: the rescaling of Lemma 4 and the path of
   App. A.1, the padding witness of App. A.2, and the Hessian of the
   network's loss from exact differences of the loss itself.  Everything
   here decides over Q; nothing reuses the basin engine's algebra except
   where a check compares against it on purpose. */
#include <flint/fmpq_vec.h>

#include "lemma12.h"
#include "shallow.h"

/* ------------------------------------------------------- rescaling */

void
lemma12_rescale(fmpq_mat_t Wl, fmpq *vl, const fmpq_mat_t W, const fmpq *v, const fmpq_t lambda)
{
    slong n = fmpq_mat_nrows(W), d = fmpq_mat_ncols(W), j, i;
    fmpq_t al, one_m;
    fmpq_init(al);
    fmpq_init(one_m);
    fmpq_one(one_m);
    fmpq_sub(one_m, one_m, lambda);
    for (j = 0; j < n; j++)
    {
        /* alpha_j = 1 - lambda + lambda |v_j| (Lemma 4, App. A) */
        fmpq_abs(al, v + j);
        fmpq_mul(al, al, lambda);
        fmpq_add(al, al, one_m);
        for (i = 0; i < d; i++)
            fmpq_mul(fmpq_mat_entry(Wl, j, i), fmpq_mat_entry(W, j, i), al);
        fmpq_div(vl + j, v + j, al);
    }
    fmpq_clear(al);
    fmpq_clear(one_m);
}

/* ------------------------------------------------------- the path */

void
lemma12_path_init(lemma12_path_t P)
{
    P->points = 0;
    P->ok_cell = P->ok_cell_seg = P->ok_constant = P->ok_unit = P->ok_joined = 0;
    P->ok_quadratic = P->ok_convex = P->ok_level = 0;
    fmpq_init(P->margin);
    fmpq_init(P->A);
}

void
lemma12_path_clear(lemma12_path_t P)
{
    fmpq_clear(P->margin);
    fmpq_clear(P->A);
}

/* One rescaling piece: checks cell membership and constant loss on the
   grid, leaves the end point (lambda = 1) in (E, ev) and its loss in
   L0.  Updates the running max. */
static void
rescale_piece(lemma12_path_t P, fmpq_t mx, fmpq_t L0, fmpq_mat_t E, fmpq *ev, const basin_t B,
              const fmpq_mat_t W, const fmpq *v, slong grid)
{
    slong k, j;
    fmpq_t lam, L;
    fmpq_mat_t Wl;
    fmpq *vl = _fmpq_vec_init(B->n);

    fmpq_init(lam);
    fmpq_init(L);
    fmpq_mat_init(Wl, B->n, B->d);
    shallow_net_loss(L0, B->X, B->y, W, v);
    for (k = 0; k <= grid; k++)
    {
        fmpq_set_si(lam, k, grid);
        lemma12_rescale(Wl, vl, W, v, lam);
        P->points++;
        if (!shallow_in_closed_cell(B, Wl, vl))
            P->ok_cell = 0;
        shallow_net_loss(L, B->X, B->y, Wl, vl);
        if (!fmpq_equal(L, L0))
            P->ok_constant = 0;
        if (fmpq_cmp(L, mx) > 0)
            fmpq_set(mx, L);
    }
    /* the end: |v_j(1)| = 1 with sign b_j */
    for (j = 0; j < B->n; j++)
    {
        if (fmpq_cmp_si(vl + j, B->b[j]) != 0)
            P->ok_unit = 0;
        fmpq_set(ev + j, vl + j);
    }
    fmpq_mat_set(E, Wl);
    fmpq_mat_clear(Wl);
    _fmpq_vec_clear(vl, B->n);
    fmpq_clear(lam);
    fmpq_clear(L);
}

/* The coefficients of the segment's loss A mu^2 + Bc mu + C, mu in
   [0, 1], from the end predictions p1, p2 (valid where the segment stays
   in the closed cell, on which the ReLUs are linear): with c = p2 - p1
   and e = p1 - y, A = |c|^2 / m, Bc = 2 c.e / m, C = |e|^2 / m. */
static void
segment_coefficients(fmpq_t A, fmpq_t Bc, fmpq_t C, const fmpq *p1, const fmpq *p2, const fmpq *y, slong m)
{
    slong t;
    fmpq_t c, e, im;
    fmpq_init(c);
    fmpq_init(e);
    fmpq_init(im);
    fmpq_zero(A);
    fmpq_zero(Bc);
    fmpq_zero(C);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(c, p2 + t, p1 + t);
        fmpq_sub(e, p1 + t, y + t);
        fmpq_addmul(A, c, c);
        fmpq_addmul(Bc, c, e);
        fmpq_addmul(C, e, e);
    }
    fmpq_set_si(im, 1, m);
    fmpq_mul(A, A, im);
    fmpq_mul(C, C, im);
    fmpq_mul_si(Bc, Bc, 2);
    fmpq_mul(Bc, Bc, im);
    fmpq_clear(c);
    fmpq_clear(e);
    fmpq_clear(im);
}

/* The segment W(mu) = (1 - mu) E1 + mu E2 with v = ev on the grid: in the
   closed cell, its loss equal to the quadratic (A, Bc, C); updates the
   running max. */
static void
segment_piece(lemma12_path_t P, fmpq_t mx, const basin_t B, const fmpq_mat_t E1, const fmpq_mat_t E2,
              const fmpq *ev, const fmpq_t A, const fmpq_t Bc, const fmpq_t C, slong grid)
{
    slong k, j, i;
    fmpq_t mu, one_m, L, q;
    fmpq_mat_t Wm;
    fmpq_init(mu);
    fmpq_init(one_m);
    fmpq_init(L);
    fmpq_init(q);
    fmpq_mat_init(Wm, B->n, B->d);
    for (k = 0; k <= grid; k++)
    {
        fmpq_set_si(mu, k, grid);
        fmpq_one(one_m);
        fmpq_sub(one_m, one_m, mu);
        for (j = 0; j < B->n; j++)
            for (i = 0; i < B->d; i++)
            {
                fmpq_mul(fmpq_mat_entry(Wm, j, i), fmpq_mat_entry(E1, j, i), one_m);
                fmpq_addmul(fmpq_mat_entry(Wm, j, i), fmpq_mat_entry(E2, j, i), mu);
            }
        P->points++;
        if (!shallow_in_closed_cell(B, Wm, ev))
            P->ok_cell_seg = 0;
        shallow_net_loss(L, B->X, B->y, Wm, ev);
        /* q = (A mu + Bc) mu + C */
        fmpq_mul(q, A, mu);
        fmpq_add(q, q, Bc);
        fmpq_mul(q, q, mu);
        fmpq_add(q, q, C);
        if (!fmpq_equal(q, L))
            P->ok_quadratic = 0;
        if (fmpq_cmp(L, mx) > 0)
            fmpq_set(mx, L);
    }
    fmpq_clear(mu);
    fmpq_clear(one_m);
    fmpq_clear(L);
    fmpq_clear(q);
    fmpq_mat_clear(Wm);
}

int
lemma12_check_path(lemma12_path_t P, const basin_t B, const fmpq_mat_t W1, const fmpq *v1,
                   const fmpq_mat_t W2, const fmpq *v2, const fmpq_t alpha, slong grid)
{
    slong n = B->n, m = B->m, d = B->d, j;
    fmpq_mat_t E1, E2;
    fmpq *e1 = _fmpq_vec_init(n), *e2 = _fmpq_vec_init(n);
    fmpq *p1 = _fmpq_vec_init(m), *p2 = _fmpq_vec_init(m);
    fmpq_t mx, L1, L2, q, Ac, Bc, Cc;

    fmpq_init(mx);
    fmpq_init(L1);
    fmpq_init(L2);
    fmpq_init(q);
    fmpq_init(Ac);
    fmpq_init(Bc);
    fmpq_init(Cc);
    fmpq_mat_init(E1, n, d);
    fmpq_mat_init(E2, n, d);

    P->points = 0;
    P->ok_cell = P->ok_cell_seg = P->ok_constant = P->ok_unit = P->ok_joined = 1;
    P->ok_quadratic = P->ok_convex = P->ok_level = 1;

    rescale_piece(P, mx, L1, E1, e1, B, W1, v1, grid);
    fmpq_set(mx, L1);
    rescale_piece(P, mx, L2, E2, e2, B, W2, v2, grid);

    /* the segment joins the two rescaled ends, both with v = b */
    for (j = 0; j < n; j++)
        if (!fmpq_equal(e1 + j, e2 + j))
            P->ok_joined = 0;

    shallow_net_predict(p1, B->X, E1, e1);
    shallow_net_predict(p2, B->X, E2, e2);
    segment_coefficients(Ac, Bc, Cc, p1, p2, B->y, m);
    if (fmpq_sgn(Ac) < 0)
        P->ok_convex = 0;
    segment_piece(P, mx, B, E1, E2, e1, Ac, Bc, Cc, grid);

    /* a convex quadratic on [0, 1] attains its max at an endpoint, and the
       endpoints are the rescaled ends with losses L1, L2: so with A >= 0
       the max over the whole segment is max(L1, L2), which mx contains */
    if (!fmpq_equal(Cc, L1))
        P->ok_quadratic = 0;
    fmpq_add(q, Ac, Bc);
    fmpq_add(q, q, Cc);
    if (!fmpq_equal(q, L2))
        P->ok_quadratic = 0;
    fmpq_sub(P->margin, alpha, mx);
    if (fmpq_sgn(P->margin) < 0)
        P->ok_level = 0;
    fmpq_swap(P->A, Ac);

    fmpq_clear(mx);
    fmpq_clear(L1);
    fmpq_clear(L2);
    fmpq_clear(q);
    fmpq_clear(Ac);
    fmpq_clear(Bc);
    fmpq_clear(Cc);
    fmpq_mat_clear(E1);
    fmpq_mat_clear(E2);
    _fmpq_vec_clear(e1, n);
    _fmpq_vec_clear(e2, n);
    _fmpq_vec_clear(p1, m);
    _fmpq_vec_clear(p2, m);
    return P->ok_cell && P->ok_cell_seg && P->ok_constant && P->ok_unit && P->ok_joined && P->ok_quadratic &&
           P->ok_convex && P->ok_level;
}

/* ------------------------------------------------------ the witness */

int
lemma12_pad_witness(fmpq_t fval, fmpq *zpad, const basin_t Bfull, const basin_t Bsub, const slong *I, slong k,
                    const fmpq *zsub)
{
    slong d = Bfull->d, m = Bfull->m, q, t, i;
    int ok = 1;
    fmpq_t fs;

    if (Bsub->n != k || Bsub->d != d || Bsub->m != m)
        return 0;
    /* (a) clamping the other neurons keeps the sub-network's signs: its
       pattern is the rows I of the full one (App. A.2) */
    for (q = 0; q < k; q++)
    {
        if (I[q] < 0 || I[q] >= Bfull->n || (q > 0 && I[q] <= I[q - 1]))
            return 0;
        if (Bsub->b[q] != Bfull->b[I[q]])
            ok = 0;
        for (t = 0; t < m; t++)
            if (Bsub->a[q * m + t] != Bfull->a[I[q] * m + t])
                ok = 0;
    }
    for (i = 0; i < Bfull->n * d; i++)
        fmpq_zero(zpad + i);
    for (q = 0; q < k; q++)
        for (i = 0; i < d; i++)
            fmpq_set(zpad + I[q] * d + i, zsub + q * d + i);
    /* (b) z_j = 0 satisfies every constraint of neuron j with equality */
    if (!basin_is_feasible(Bfull, zpad, NULL, NULL))
        ok = 0;
    /* (c) the clamped neurons add nothing to any prediction */
    fmpq_init(fs);
    basin_objective(fval, Bfull, zpad);
    basin_objective(fs, Bsub, zsub);
    if (!fmpq_equal(fval, fs))
        ok = 0;
    fmpq_clear(fs);
    return ok;
}

/* ------------------------------------------ the loss in its variables */

void
lemma12_net_of_z(fmpq_mat_t W, fmpq *v, const basin_t B, const fmpq *z)
{
    slong j, i;
    /* v_j w_j = b_j^2 z_j = z_j */
    for (j = 0; j < B->n; j++)
    {
        fmpq_set_si(v + j, B->b[j], 1);
        for (i = 0; i < B->d; i++)
            fmpq_mul_si(fmpq_mat_entry(W, j, i), z + j * B->d + i, B->b[j]);
    }
}

void
lemma12_net_loss_z(fmpq_t L, const basin_t B, const fmpq *z)
{
    lemma12_loss_at(L, B, LEMMA12_VARS_Z, z);
}

slong
lemma12_nvars(const basin_t B, int vars)
{
    return B->n * B->d + (vars == LEMMA12_VARS_WV ? B->n : 0);
}

void
lemma12_loss_at(fmpq_t L, const basin_t B, int vars, const fmpq *theta)
{
    slong n = B->n, d = B->d, j, i;
    fmpq_mat_t W;
    fmpq *v = _fmpq_vec_init(n);
    fmpq_mat_init(W, n, d);
    if (vars == LEMMA12_VARS_Z)
        lemma12_net_of_z(W, v, B, theta);
    else
        for (j = 0; j < n; j++)
        {
            for (i = 0; i < d; i++)
                fmpq_set(fmpq_mat_entry(W, j, i), theta + j * d + i);
            fmpq_set(v + j, theta + n * d + j);
        }
    shallow_net_loss(L, B->X, B->y, W, v);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(v, n);
}

/* ---------------------------------------- the Hessian from the loss */

/* L = the loss at theta0 + sh (u_a + u_c) (c < 0: theta0 + sh u_a), u_a
   row a of U or, U = NULL, the unit vector e_a; pt is scratch of p
   entries. */
static void
loss_along(fmpq_t L, const basin_t B, int vars, const fmpq *theta0, const fmpq *U, slong p, slong a, slong c,
           const fmpq_t sh, fmpq *pt)
{
    slong i;
    for (i = 0; i < p; i++)
        fmpq_set(pt + i, theta0 + i);
    if (U == NULL)
    {
        fmpq_add(pt + a, pt + a, sh);
        if (c >= 0)
            fmpq_add(pt + c, pt + c, sh);
    }
    else
        for (i = 0; i < p; i++)
        {
            fmpq_addmul(pt + i, sh, U + a * p + i);
            if (c >= 0)
                fmpq_addmul(pt + i, sh, U + c * p + i);
        }
    lemma12_loss_at(L, B, vars, pt);
}

/* Z, a quadratic: forward differences,
   H_ac = (L(h u_a + h u_c) - L(h u_a) - L(h u_c) + L(0)) / h^2 */
static void
hessian_quadratic(fmpq_mat_t H, const basin_t B, const fmpq *theta0, const fmpq *U, slong k, const fmpq_t h)
{
    slong p = lemma12_nvars(B, LEMMA12_VARS_Z), a, c;
    fmpq *pt = _fmpq_vec_init(p), *L1 = _fmpq_vec_init(k);
    fmpq_t L0, L, hh;
    fmpq_init(L0);
    fmpq_init(L);
    fmpq_init(hh);
    fmpq_mul(hh, h, h);
    lemma12_loss_at(L0, B, LEMMA12_VARS_Z, theta0);
    for (a = 0; a < k; a++)
        loss_along(L1 + a, B, LEMMA12_VARS_Z, theta0, U, p, a, -1, h, pt);
    for (a = 0; a < k; a++)
        for (c = a; c < k; c++)
        {
            loss_along(L, B, LEMMA12_VARS_Z, theta0, U, p, a, c, h, pt);
            fmpq_sub(L, L, L1 + a);
            fmpq_sub(L, L, L1 + c);
            fmpq_add(L, L, L0);
            fmpq_div(fmpq_mat_entry(H, a, c), L, hh);
            fmpq_set(fmpq_mat_entry(H, c, a), fmpq_mat_entry(H, a, c));
        }
    _fmpq_vec_clear(pt, p);
    _fmpq_vec_clear(L1, k);
    fmpq_clear(L0);
    fmpq_clear(L);
    fmpq_clear(hh);
}

/* Q = u^T H u along u = u_a + u_c (c < 0: u_a) by the five-point central
   difference, exact up to degree 5 */
static void
quartic_curvature(fmpq_t Q, const basin_t B, const fmpq *theta0, const fmpq *U, slong p, slong a, slong c,
                  const fmpq_t h, const fmpq_t L0, fmpq *pt)
{
    static const slong weight[5] = {-1, 16, -30, 16, -1};
    slong s;
    fmpq_t sh, L;
    fmpq_init(sh);
    fmpq_init(L);
    fmpq_mul_si(Q, L0, weight[2]);
    for (s = -2; s <= 2; s++)
        if (s != 0)
        {
            fmpq_mul_si(sh, h, s);
            loss_along(L, B, LEMMA12_VARS_WV, theta0, U, p, a, c, sh, pt);
            fmpq_mul_si(L, L, weight[s + 2]);
            fmpq_add(Q, Q, L);
        }
    fmpq_mul(sh, h, h);
    fmpq_mul_si(sh, sh, 12);
    fmpq_div(Q, Q, sh);
    fmpq_clear(sh);
    fmpq_clear(L);
}

/* (W, v), a quartic: H_aa = Q(u_a), H_ac = (Q(u_a + u_c) - Q(u_a) - Q(u_c)) / 2 */
static void
hessian_quartic(fmpq_mat_t H, const basin_t B, const fmpq *theta0, const fmpq *U, slong k, const fmpq_t h)
{
    slong p = lemma12_nvars(B, LEMMA12_VARS_WV), a, c;
    fmpq *pt = _fmpq_vec_init(p);
    fmpq_t L0, q;
    fmpq_init(L0);
    fmpq_init(q);
    lemma12_loss_at(L0, B, LEMMA12_VARS_WV, theta0);
    for (a = 0; a < k; a++)
        quartic_curvature(fmpq_mat_entry(H, a, a), B, theta0, U, p, a, -1, h, L0, pt);
    for (a = 0; a < k; a++)
        for (c = a + 1; c < k; c++)
        {
            quartic_curvature(q, B, theta0, U, p, a, c, h, L0, pt);
            fmpq_sub(q, q, fmpq_mat_entry(H, a, a));
            fmpq_sub(q, q, fmpq_mat_entry(H, c, c));
            fmpq_div_2exp(fmpq_mat_entry(H, a, c), q, 1);
            fmpq_set(fmpq_mat_entry(H, c, a), fmpq_mat_entry(H, a, c));
        }
    _fmpq_vec_clear(pt, p);
    fmpq_clear(L0);
    fmpq_clear(q);
}

void
lemma12_loss_hessian(fmpq_mat_t H, const basin_t B, int vars, const fmpq *theta0, const fmpq *U, slong k,
                     const fmpq_t h)
{
    fmpq_mat_clear(H);
    fmpq_mat_init(H, k, k);
    if (vars == LEMMA12_VARS_Z)
        hessian_quadratic(H, B, theta0, U, k, h);
    else
        hessian_quartic(H, B, theta0, U, k, h);
}

/* lo = min(lo, s / x) over a positive slack s and bound x > 0 (lo < 0:
   none yet) */
static void
ratio_min(fmpq_t lo, const fmpq_t s, const fmpq_t x)
{
    fmpq_t r;
    fmpq_init(r);
    fmpq_div(r, s, x);
    if (fmpq_sgn(lo) < 0 || fmpq_cmp(r, lo) < 0)
        fmpq_set(lo, r);
    fmpq_clear(r);
}

int
lemma12_diff_step(fmpq_t h, const basin_t B, int vars, const fmpq *theta0)
{
    slong n = B->n, m = B->m, d = B->d, reach = vars == LEMMA12_VARS_Z ? 1 : 2, j, t, i;
    fmpq_t s, xm, c, lo;
    int ok = 1;
    fmpq_init(s);
    fmpq_init(xm);
    fmpq_init(c);
    fmpq_init(lo);
    /* theta0 + s h (e_a + e_c), 0 <= s <= 1 in z, |s| <= 2 in (W, v),
       moves at most two
       coordinates of w_j (or z_j) by reach h each, so changes
       a_{j,t} <w_j, x_t> by at most 2 reach h max_i |x_{t,i}|, and v_j by
       at most 2 reach h: a step with these below every slack keeps every
       point in the open cell */
    fmpq_set_si(lo, -1, 1);
    for (j = 0; j < n && ok; j++)
    {
        if (vars == LEMMA12_VARS_WV)
        {
            fmpq_mul_si(s, theta0 + n * d + j, B->b[j]);
            fmpq_set_si(xm, 2 * reach, 1);
            if (fmpq_sgn(s) <= 0)
                ok = 0;
            else
                ratio_min(lo, s, xm);
        }
        for (t = 0; t < m && ok; t++)
        {
            fmpq_zero(xm);
            for (i = 0; i < d; i++)
            {
                fmpq_abs(c, fmpq_mat_entry(B->X, t, i));
                if (fmpq_cmp(c, xm) > 0)
                    fmpq_set(xm, c);
            }
            if (fmpq_is_zero(xm))
                continue; /* x_t = 0: no constraint */
            _fmpq_vec_dot(s, theta0 + j * d, fmpq_mat_entry(B->X, t, 0), d);
            /* in Z the constraint is a b <z_j, x_t> >= 0, in (W, v) a <w_j, x_t> >= 0 */
            if (B->a[j * m + t] * (vars == LEMMA12_VARS_Z ? B->b[j] : 1) < 0)
                fmpq_neg(s, s);
            fmpq_mul_si(xm, xm, 2 * reach);
            if (fmpq_sgn(s) <= 0)
                ok = 0;
            else
                ratio_min(lo, s, xm);
        }
    }
    if (ok)
    {
        /* the largest power of two below lo, at most 1 */
        fmpq_one(h);
        while (fmpq_sgn(lo) > 0 && fmpq_cmp(h, lo) >= 0)
            fmpq_div_2exp(h, h, 1);
    }
    fmpq_clear(s);
    fmpq_clear(xm);
    fmpq_clear(c);
    fmpq_clear(lo);
    return ok;
}

/* lemma12_exact.c -- the exact building blocks of the Lemma 1-2 checks:
   the rescaling of Lemma 4, the proof path of App. A.1, the padding
   witness of App. A.2 and the second-difference Hessian, on the core's
   shallow.h (the descent and the KKT certificate: lemma12_kkt.c).  Everything here
   decides over Q; nothing reuses basin.c's algebra except where a check
   compares against it on purpose. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "lemma12.h"
#include "shallow.h"

/* f = g / k, k != 0 (FLINT 2.9 has no fmpq_div_si) */
static void
q_div_si(fmpq_t f, const fmpq_t g, slong k)
{
    fmpz_t kk;
    fmpz_init_set_si(kk, k);
    fmpq_div_fmpz(f, g, kk);
    fmpz_clear(kk);
}

static void
qvec_zero(fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(v + i);
}

static void
qvec_set(fmpq *v, const fmpq *u, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_set(v + i, u + i);
}

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
        if (fmpq_cmp_si(vl + j, B->b[j]) != 0)
            P->ok_unit = 0;
    fmpq_mat_set(E, Wl);
    qvec_set(ev, vl, B->n);
    fmpq_mat_clear(Wl);
    _fmpq_vec_clear(vl, B->n);
    fmpq_clear(lam);
    fmpq_clear(L);
}

int
lemma12_check_path(lemma12_path_t P, const basin_t B, const fmpq_mat_t W1, const fmpq *v1,
                   const fmpq_mat_t W2, const fmpq *v2, const fmpq_t alpha, slong grid)
{
    slong n = B->n, m = B->m, d = B->d, k, t, j, i;
    fmpq_mat_t E1, E2, Wm;
    fmpq *e1 = _fmpq_vec_init(n), *e2 = _fmpq_vec_init(n);
    fmpq *p1 = _fmpq_vec_init(m), *p2 = _fmpq_vec_init(m);
    fmpq_t mx, L1, L2, L, q, mu, one_m, c, Ac, Bc, Cc, e, mg;

    fmpq_init(mx);
    fmpq_init(L1);
    fmpq_init(L2);
    fmpq_init(L);
    fmpq_init(q);
    fmpq_init(mu);
    fmpq_init(one_m);
    fmpq_init(c);
    fmpq_init(Ac);
    fmpq_init(Bc);
    fmpq_init(mg);
    fmpq_init(Cc);
    fmpq_init(e);
    fmpq_mat_init(E1, n, d);
    fmpq_mat_init(E2, n, d);
    fmpq_mat_init(Wm, n, d);

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

    /* its loss is the quadratic A mu^2 + B mu + C in mu, computed from
       the end predictions (valid only if the segment stays in the closed
       cell, where the ReLUs are linear; the grid check below confirms) */
    shallow_net_predict(p1, B->X, E1, e1);
    shallow_net_predict(p2, B->X, E2, e2);
    fmpq_zero(Ac);
    fmpq_zero(Bc);
    fmpq_zero(Cc);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(c, p2 + t, p1 + t);
        fmpq_sub(e, p1 + t, B->y + t);
        fmpq_addmul(Ac, c, c);
        fmpq_addmul(Bc, c, e);
        fmpq_addmul(Cc, e, e);
    }
    q_div_si(Ac, Ac, m);
    fmpq_mul_si(Bc, Bc, 2);
    q_div_si(Bc, Bc, m);
    q_div_si(Cc, Cc, m);
    if (fmpq_sgn(Ac) < 0)
        P->ok_convex = 0;

    for (k = 0; k <= grid; k++)
    {
        fmpq_set_si(mu, k, grid);
        fmpq_one(one_m);
        fmpq_sub(one_m, one_m, mu);
        for (j = 0; j < n; j++)
            for (i = 0; i < d; i++)
            {
                fmpq_mul(fmpq_mat_entry(Wm, j, i), fmpq_mat_entry(E1, j, i), one_m);
                fmpq_addmul(fmpq_mat_entry(Wm, j, i), fmpq_mat_entry(E2, j, i), mu);
            }
        P->points++;
        if (!shallow_in_closed_cell(B, Wm, e1))
            P->ok_cell_seg = 0;
        shallow_net_loss(L, B->X, B->y, Wm, e1);
        /* q = (A mu + B) mu + C */
        fmpq_mul(q, Ac, mu);
        fmpq_add(q, q, Bc);
        fmpq_mul(q, q, mu);
        fmpq_add(q, q, Cc);
        if (!fmpq_equal(q, L))
            P->ok_quadratic = 0;
        if (fmpq_cmp(L, mx) > 0)
            fmpq_set(mx, L);
    }
    /* a convex quadratic on [0, 1] attains its max at an endpoint, and the
       endpoints are the rescaled ends with losses L1, L2: so with A >= 0
       the max over the whole segment is max(L1, L2), which mx contains */
    if (!fmpq_equal(Cc, L1))
        P->ok_quadratic = 0;
    fmpq_add(q, Ac, Bc);
    fmpq_add(q, q, Cc);
    if (!fmpq_equal(q, L2))
        P->ok_quadratic = 0;
    fmpq_sub(mg, alpha, mx);
    if (fmpq_sgn(mg) < 0)
        P->ok_level = 0;
    fmpq_swap(P->margin, mg);
    fmpq_swap(P->A, Ac);

    fmpq_clear(mx);
    fmpq_clear(L1);
    fmpq_clear(L2);
    fmpq_clear(L);
    fmpq_clear(q);
    fmpq_clear(mu);
    fmpq_clear(one_m);
    fmpq_clear(c);
    fmpq_clear(Ac);
    fmpq_clear(Bc);
    fmpq_clear(mg);
    fmpq_clear(Cc);
    fmpq_clear(e);
    fmpq_mat_clear(E1);
    fmpq_mat_clear(E2);
    fmpq_mat_clear(Wm);
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
    qvec_zero(zpad, Bfull->n * d);
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

/* ------------------------------------------- second-difference Hessian */

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
    slong n = B->n, d = B->d;
    fmpq_mat_t W;
    fmpq *v = _fmpq_vec_init(n);
    fmpq_mat_init(W, n, d);
    lemma12_net_of_z(W, v, B, z);
    shallow_net_loss(L, B->X, B->y, W, v);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(v, n);
}

void
lemma12_hessian_diff(fmpq_mat_t H, const basin_t B, const fmpq *z0, const fmpq *U, slong k, const fmpq_t h)
{
    slong nd = B->n * B->d, a, c, i;
    fmpq *za = _fmpq_vec_init(nd), *L1 = _fmpq_vec_init(k);
    fmpq_t L0, Lab, hh;
    fmpq_init(L0);
    fmpq_init(Lab);
    fmpq_init(hh);
    fmpq_mat_clear(H);
    fmpq_mat_init(H, k, k);
    fmpq_mul(hh, h, h);
    lemma12_net_loss_z(L0, B, z0);
    /* z0 + h u_a, its loss L1[a]; then z0 + h (u_a + u_c) */
    for (a = 0; a < k; a++)
    {
        for (i = 0; i < nd; i++)
        {
            fmpq_set(za + i, z0 + i);
            if (U == NULL)
            {
                if (i == a)
                    fmpq_add(za + i, za + i, h);
            }
            else
                fmpq_addmul(za + i, h, U + a * nd + i);
        }
        lemma12_net_loss_z(L1 + a, B, za);
    }
    for (a = 0; a < k; a++)
        for (c = a; c < k; c++)
        {
            for (i = 0; i < nd; i++)
            {
                fmpq_set(za + i, z0 + i);
                if (U == NULL)
                {
                    if (i == a)
                        fmpq_add(za + i, za + i, h);
                    if (i == c)
                        fmpq_add(za + i, za + i, h);
                }
                else
                {
                    fmpq_addmul(za + i, h, U + a * nd + i);
                    fmpq_addmul(za + i, h, U + c * nd + i);
                }
            }
            lemma12_net_loss_z(Lab, B, za);
            fmpq_sub(Lab, Lab, L1 + a);
            fmpq_sub(Lab, Lab, L1 + c);
            fmpq_add(Lab, Lab, L0);
            fmpq_div(fmpq_mat_entry(H, a, c), Lab, hh);
            fmpq_set(fmpq_mat_entry(H, c, a), fmpq_mat_entry(H, a, c));
        }
    _fmpq_vec_clear(za, nd);
    _fmpq_vec_clear(L1, k);
    fmpq_clear(L0);
    fmpq_clear(Lab);
    fmpq_clear(hh);
}

int
lemma12_diff_step(fmpq_t h, const basin_t B, const fmpq *z0)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_t s, xm, c, lo;
    int ok = 1;
    fmpq_init(s);
    fmpq_init(xm);
    fmpq_init(c);
    fmpq_init(lo);
    /* z0 + h (e_a + e_c) changes s_{j,t} <z_j, x_t> by at most
       2 h max_i |x_{t,i}|: h with 2 h max_i |x_{t,i}| < slack for every
       constraint keeps all the points in the open cell */
    fmpq_set_si(lo, -1, 1); /* the smallest slack / (2 max |x_t|), -1: none yet */
    for (j = 0; j < n && ok; j++)
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
            _fmpq_vec_dot(s, z0 + j * d, fmpq_mat_entry(B->X, t, 0), d);
            if (B->a[j * m + t] * B->b[j] < 0)
                fmpq_neg(s, s);
            if (fmpq_sgn(s) <= 0)
                ok = 0;
            else
            {
                fmpq_div(s, s, xm);
                fmpq_div_2exp(s, s, 1);
                if (fmpq_sgn(lo) < 0 || fmpq_cmp(s, lo) < 0)
                    fmpq_set(lo, s);
            }
        }
    if (ok)
    {
        /* the largest power of two below lo (1 when unconstrained) */
        fmpq_one(h);
        if (fmpq_sgn(lo) > 0)
        {
            while (fmpq_cmp(h, lo) >= 0)
                fmpq_div_2exp(h, h, 1);
            fmpq_mul_2exp(c, h, 1);
            while (fmpq_cmp(c, lo) < 0)
            {
                fmpq_set(h, c);
                fmpq_mul_2exp(c, h, 1);
            }
        }
    }
    fmpq_clear(s);
    fmpq_clear(xm);
    fmpq_clear(c);
    fmpq_clear(lo);
    return ok;
}

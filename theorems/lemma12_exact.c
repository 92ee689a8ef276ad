/* lemma12_exact.c -- the exact building blocks of the Lemma 1-2 checks:
   the LDL^T semidefiniteness test, the Hessians, the direct network
   loss, the proof path of App. A.1 and the padding witness of App. A.2.
   Everything here decides over Q; nothing reuses basin.c's algebra
   except where a check compares against it on purpose. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "lemma12.h"

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

/* ------------------------------------------------------------- LDL^T */

void
lemma12_ldl_init(lemma12_ldl_t L)
{
    L->reason = LEMMA12_LDL_PSD;
    L->rank = 0;
    L->step = -1;
    L->i = L->j = -1;
    fmpq_init(L->minpiv);
    fmpq_init(L->bad);
}

void
lemma12_ldl_clear(lemma12_ldl_t L)
{
    fmpq_clear(L->minpiv);
    fmpq_clear(L->bad);
}

/* Symmetric Gaussian elimination with pivots taken on the diagonal.
   With A_pp > 0, A is PSD iff its Schur complement A / A_pp is (the
   congruence [1 0; -A_qp/A_pp I] splits A into A_pp (+) Schur).  A
   negative diagonal entry e_i^T S e_i < 0 of a Schur complement, or a
   zero diagonal with a non-zero entry S_ij (the 2 x 2 principal minor
   0 * S_jj - S_ij^2 < 0), proves indefiniteness; a Schur complement with
   zero diagonal and zero off-diagonal is the zero matrix, hence PSD. */
int
lemma12_psd_ldl(lemma12_ldl_t info, const fmpq_mat_t H)
{
    slong n = fmpq_mat_nrows(H), step, i, j, p;
    int *alive, psd = 1, done = 0;
    fmpq_mat_t A;
    fmpq_t f, g, mp;

    info->reason = LEMMA12_LDL_PSD;
    info->rank = 0;
    info->step = -1;
    info->i = info->j = -1;
    fmpq_zero(info->minpiv);
    fmpq_zero(info->bad);
    if (fmpq_mat_ncols(H) != n)
    {
        info->reason = LEMMA12_LDL_NOT_SQUARE;
        return 0;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++)
            if (!fmpq_equal(fmpq_mat_entry(H, i, j), fmpq_mat_entry(H, j, i)))
            {
                info->reason = LEMMA12_LDL_NOT_SQUARE;
                info->i = i;
                info->j = j;
                return 0;
            }

    fmpq_mat_init_set(A, H);
    alive = flint_malloc(sizeof(int) * (size_t) (n > 0 ? n : 1));
    for (i = 0; i < n; i++)
        alive[i] = 1;
    fmpq_init(f);
    fmpq_init(g);
    fmpq_init(mp);

    for (step = 0; step < n && !done; step++)
    {
        /* a negative diagonal entry anywhere in the complement decides */
        p = -1;
        for (i = 0; i < n && psd; i++)
        {
            if (!alive[i])
                continue;
            if (fmpq_sgn(fmpq_mat_entry(A, i, i)) < 0)
            {
                psd = 0;
                info->reason = LEMMA12_LDL_NEG_DIAG;
                info->step = step;
                info->i = info->j = i;
                fmpq_set(info->bad, fmpq_mat_entry(A, i, i));
            }
            else if (p < 0 && fmpq_sgn(fmpq_mat_entry(A, i, i)) > 0)
                p = i;
        }
        if (!psd)
            break;
        if (p < 0)
        {
            /* zero pivots only: PSD iff the remaining block is zero */
            for (i = 0; i < n && psd; i++)
                for (j = i + 1; j < n && psd; j++)
                    if (alive[i] && alive[j] && !fmpq_is_zero(fmpq_mat_entry(A, i, j)))
                    {
                        psd = 0;
                        info->reason = LEMMA12_LDL_ZERO_PIV;
                        info->step = step;
                        info->i = i;
                        info->j = j;
                        fmpq_set(info->bad, fmpq_mat_entry(A, i, j));
                    }
            done = 1;
            break;
        }
        /* eliminate pivot p: A_ij -= A_ip A_pj / A_pp on the alive block */
        if (info->rank == 0 || fmpq_cmp(fmpq_mat_entry(A, p, p), mp) < 0)
            fmpq_set(mp, fmpq_mat_entry(A, p, p));
        info->rank++;
        alive[p] = 0;
        for (i = 0; i < n; i++)
        {
            if (!alive[i] || fmpq_is_zero(fmpq_mat_entry(A, i, p)))
                continue;
            fmpq_div(f, fmpq_mat_entry(A, i, p), fmpq_mat_entry(A, p, p));
            for (j = i; j < n; j++)
            {
                if (!alive[j])
                    continue;
                fmpq_mul(g, f, fmpq_mat_entry(A, p, j));
                fmpq_sub(fmpq_mat_entry(A, i, j), fmpq_mat_entry(A, i, j), g);
                if (j != i)
                    fmpq_set(fmpq_mat_entry(A, j, i), fmpq_mat_entry(A, i, j));
            }
        }
    }

    fmpq_swap(info->minpiv, mp);
    fmpq_clear(f);
    fmpq_clear(g);
    fmpq_clear(mp);
    flint_free(alive);
    fmpq_mat_clear(A);
    return psd;
}

/* ---------------------------------------------------------- Hessians */

void
lemma12_design(fmpq_mat_t M, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_mat_clear(M);
    fmpq_mat_init(M, m, n * d);
    for (t = 0; t < m; t++)
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] == 1)
                for (i = 0; i < d; i++)
                    fmpq_set(fmpq_mat_entry(M, t, j * d + i), fmpq_mat_entry(B->X, t, i));
}

void
lemma12_hessian(fmpq_mat_t H, const basin_t B)
{
    fmpq_mat_t M, MT;
    fmpq_t c;
    slong nd = B->n * B->d;

    fmpq_mat_init(M, 0, 0);
    lemma12_design(M, B);
    fmpq_mat_init(MT, nd, B->m);
    fmpq_mat_transpose(MT, M);
    fmpq_mat_clear(H);
    fmpq_mat_init(H, nd, nd);
    fmpq_mat_mul(H, MT, M);
    fmpq_init(c);
    fmpq_set_si(c, 2, B->m);
    fmpq_mat_scalar_mul_fmpq(H, H, c);
    fmpq_clear(c);
    fmpq_mat_clear(M);
    fmpq_mat_clear(MT);
}

void
lemma12_hessian_wv(fmpq_mat_t H, const basin_t B, const fmpq_mat_t W, const fmpq *v)
{
    slong n = B->n, m = B->m, d = B->d, N = n * d + n, j, t, i, k, l;
    fmpq *gr = _fmpq_vec_init(N);
    fmpq_t r, s, c;

    fmpq_init(r);
    fmpq_init(s);
    fmpq_init(c);
    fmpq_mat_clear(H);
    fmpq_mat_init(H, N, N);
    for (t = 0; t < m; t++)
    {
        /* residual r_t and gradient of r_t in theta */
        qvec_zero(gr, N);
        fmpq_neg(r, B->y + t);
        for (j = 0; j < n; j++)
        {
            if (B->a[j * m + t] != 1)
                continue;
            fmpq_zero(s);
            for (i = 0; i < d; i++)
            {
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(B->X, t, i));
                fmpq_mul(gr + j * d + i, v + j, fmpq_mat_entry(B->X, t, i));
            }
            fmpq_set(gr + n * d + j, s);
            fmpq_addmul(r, v + j, s);
        }
        for (k = 0; k < N; k++)
            for (l = 0; l < N; l++)
                fmpq_addmul(fmpq_mat_entry(H, k, l), gr + k, gr + l);
        /* r_t times the second derivative d^2 r_t / dw_{j,i} dv_j = x_{t,i} */
        for (j = 0; j < n; j++)
        {
            if (B->a[j * m + t] != 1)
                continue;
            for (i = 0; i < d; i++)
            {
                fmpq_mul(c, r, fmpq_mat_entry(B->X, t, i));
                fmpq_add(fmpq_mat_entry(H, j * d + i, n * d + j), fmpq_mat_entry(H, j * d + i, n * d + j), c);
                fmpq_add(fmpq_mat_entry(H, n * d + j, j * d + i), fmpq_mat_entry(H, n * d + j, j * d + i), c);
            }
        }
    }
    fmpq_set_si(c, 2, m);
    fmpq_mat_scalar_mul_fmpq(H, H, c);
    fmpq_clear(r);
    fmpq_clear(s);
    fmpq_clear(c);
    _fmpq_vec_clear(gr, N);
}

/* -------------------------------------------------- network, cell, z */

/* p_t = sum_j v_j [<w_j, x_t>]_+, directly with ReLUs */
static void
net_pred(fmpq *p, const fmpq_mat_t X, const fmpq_mat_t W, const fmpq *v)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), n = fmpq_mat_nrows(W), t, j, i;
    fmpq_t s;
    fmpq_init(s);
    for (t = 0; t < m; t++)
    {
        fmpq_zero(p + t);
        for (j = 0; j < n; j++)
        {
            fmpq_zero(s);
            for (i = 0; i < d; i++)
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(X, t, i));
            if (fmpq_sgn(s) > 0)
                fmpq_addmul(p + t, v + j, s);
        }
    }
    fmpq_clear(s);
}

static void
loss_of_pred(fmpq_t L, const fmpq *p, const fmpq *y, slong m)
{
    fmpq_t e;
    slong t;
    fmpq_init(e);
    fmpq_zero(L);
    for (t = 0; t < m; t++)
    {
        fmpq_sub(e, p + t, y + t);
        fmpq_addmul(L, e, e);
    }
    q_div_si(L, L, m);
    fmpq_clear(e);
}

void
lemma12_net_loss(fmpq_t L, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v)
{
    slong m = fmpq_mat_nrows(X);
    fmpq *p = _fmpq_vec_init(m);
    net_pred(p, X, W, v);
    loss_of_pred(L, p, y, m);
    _fmpq_vec_clear(p, m);
}

int
lemma12_in_closed_cell(const basin_t B, const fmpq_mat_t W, const fmpq *v)
{
    slong j, t, i;
    int ok = 1;
    fmpq_t s;
    fmpq_init(s);
    for (j = 0; j < B->n && ok; j++)
    {
        if (fmpq_sgn(v + j) * B->b[j] < 0)
            ok = 0;
        for (t = 0; t < B->m && ok; t++)
        {
            fmpq_zero(s);
            for (i = 0; i < B->d; i++)
                fmpq_addmul(s, fmpq_mat_entry(W, j, i), fmpq_mat_entry(B->X, t, i));
            if (fmpq_sgn(s) * B->a[j * B->m + t] < 0)
                ok = 0;
        }
    }
    fmpq_clear(s);
    return ok;
}

void
lemma12_z_of(fmpq *z, const fmpq_mat_t W, const fmpq *v)
{
    slong n = fmpq_mat_nrows(W), d = fmpq_mat_ncols(W), j, i;
    for (j = 0; j < n; j++)
        for (i = 0; i < d; i++)
            fmpq_mul(z + j * d + i, v + j, fmpq_mat_entry(W, j, i));
}

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
    lemma12_net_loss(L0, B->X, B->y, W, v);
    for (k = 0; k <= grid; k++)
    {
        fmpq_set_si(lam, k, grid);
        lemma12_rescale(Wl, vl, W, v, lam);
        P->points++;
        if (!lemma12_in_closed_cell(B, Wl, vl))
            P->ok_cell = 0;
        lemma12_net_loss(L, B->X, B->y, Wl, vl);
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
    net_pred(p1, B->X, E1, e1);
    net_pred(p2, B->X, E2, e2);
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
        if (!lemma12_in_closed_cell(B, Wm, e1))
            P->ok_cell_seg = 0;
        lemma12_net_loss(L, B->X, B->y, Wm, e1);
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

/* ------------------------------------------------------- descent */

/* Projection of u (length d <= 8) onto the polyhedral cone
   { s_t <u, x_t> >= 0, t < m } of one neuron, by its KKT conditions:
   for subsets S of the constraints (by increasing size, at most d, rows
   independent) the candidate u + C_S^T lambda with C_S (u + C_S^T lambda)
   = 0 is the projection as soon as lambda >= 0 and it is feasible (the
   problem is convex, so KKT suffices).  Doubles, candidates only: the
   exact repair and checks decide.  Returns 0 if no subset passed the
   (tolerant) KKT test; u is then left unchanged. */
static int
project_neuron(double *u, const double *X, const int *s, slong m, slong d)
{
    slong size, i, k, r, c, t;
    ulong S;
    double nu = 0.0, cu[8];

    for (i = 0; i < d; i++)
        nu += fabs(u[i]);
    /* feasible already? */
    for (t = 0; t < m; t++)
    {
        double v = 0.0;
        for (i = 0; i < d; i++)
            v += X[t * d + i] * u[i];
        if (s[t] * v < 0.0)
            break;
    }
    if (t == m)
        return 1;
    for (size = 1; size <= d && size <= m; size++)
        for (S = 1; S < ((ulong) 1 << m); S++)
        {
            slong rows[8], cnt = 0;
            double G[8][9], lam[8], cand[8];
            int ok = 1;
            for (t = 0; t < m; t++)
                if (S >> t & 1)
                    rows[cnt++] = t;
            if (cnt != size)
                continue;
            /* G lambda = -C_S u, G = C_S C_S^T */
            for (r = 0; r < cnt; r++)
            {
                for (c = 0; c < cnt; c++)
                {
                    double g = 0.0;
                    for (i = 0; i < d; i++)
                        g += X[rows[r] * d + i] * X[rows[c] * d + i];
                    G[r][c] = g * s[rows[r]] * s[rows[c]];
                }
                cu[r] = 0.0;
                for (i = 0; i < d; i++)
                    cu[r] += X[rows[r] * d + i] * u[i];
                G[r][cnt] = -cu[r] * s[rows[r]];
            }
            for (k = 0; k < cnt && ok; k++)
            {
                slong piv = k;
                for (r = k + 1; r < cnt; r++)
                    if (fabs(G[r][k]) > fabs(G[piv][k]))
                        piv = r;
                if (fabs(G[piv][k]) <= 1e-12 * (1.0 + fabs(G[k][k])))
                    ok = 0;
                else
                {
                    for (c = 0; c <= cnt; c++)
                    {
                        double tmp = G[k][c];
                        G[k][c] = G[piv][c];
                        G[piv][c] = tmp;
                    }
                    for (r = k + 1; r < cnt; r++)
                    {
                        double f = G[r][k] / G[k][k];
                        for (c = k; c <= cnt; c++)
                            G[r][c] -= f * G[k][c];
                    }
                }
            }
            if (!ok)
                continue;
            for (k = cnt - 1; k >= 0; k--)
            {
                double v = G[k][cnt];
                for (c = k + 1; c < cnt; c++)
                    v -= G[k][c] * lam[c];
                lam[k] = v / G[k][k];
                if (lam[k] < -1e-13 * (1.0 + nu))
                    ok = 0;
            }
            if (!ok)
                continue;
            for (i = 0; i < d; i++)
            {
                cand[i] = u[i];
                for (r = 0; r < cnt; r++)
                    cand[i] += lam[r] * s[rows[r]] * X[rows[r] * d + i];
            }
            for (t = 0; t < m && ok; t++)
            {
                double v = 0.0, xn = 0.0;
                if (S >> t & 1)
                    continue;
                for (i = 0; i < d; i++)
                {
                    v += X[t * d + i] * cand[i];
                    xn += fabs(X[t * d + i]);
                }
                if (s[t] * v < -1e-13 * xn * (1.0 + nu))
                    ok = 0;
            }
            if (!ok)
                continue;
            for (i = 0; i < d; i++)
                u[i] = cand[i];
            return 1;
        }
    return 0;
}

static double
obj_d(const double *z, const double *X, const double *y, const int *a, slong n, slong m, slong d, double *r)
{
    slong t, j, i;
    double f = 0.0;
    for (t = 0; t < m; t++)
    {
        double p = 0.0;
        for (j = 0; j < n; j++)
            if (a[j * m + t] == 1)
                for (i = 0; i < d; i++)
                    p += z[j * d + i] * X[t * d + i];
        r[t] = p - y[t];
        f += r[t] * r[t];
    }
    return f / (double) m;
}

slong
lemma12_descent_d(double *z, const basin_t B, const double *zstart, slong maxit)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, it;
    double *X = flint_malloc(sizeof(double) * (size_t) (m * d));
    double *xx = flint_malloc(sizeof(double) * (size_t) m);
    double *y = flint_malloc(sizeof(double) * (size_t) m);
    double *r = flint_malloc(sizeof(double) * (size_t) m);
    double *g = flint_malloc(sizeof(double) * (size_t) nd);
    double *yv = flint_malloc(sizeof(double) * (size_t) nd);
    double *xn = flint_malloc(sizeof(double) * (size_t) nd);
    int *s = flint_malloc(sizeof(int) * (size_t) (n * m));
    double Lc = 0.0, tk = 1.0, fx, fn;

    if (d > 8 || m > 8)
        flint_abort(); /* project_neuron's buffers; the module uses d <= 4, m <= 6 */
    for (t = 0; t < m; t++)
    {
        xx[t] = 0.0;
        for (i = 0; i < d; i++)
        {
            X[t * d + i] = fmpq_get_d(fmpq_mat_entry(B->X, t, i));
            xx[t] += X[t * d + i] * X[t * d + i];
        }
        y[t] = fmpq_get_d(B->y + t);
    }
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
            s[j * m + t] = B->a[j * m + t] * B->b[j];
    /* step 1/Lc, Lc ~ the largest eigenvalue of the Hessian (2/m) M^T M:
       power iteration on M^T M in doubles (a candidate generator only),
       with a 10% margin, capped by the trace, which bounds it above */
    for (t = 0; t < m; t++)
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] == 1)
                Lc += xx[t];
    {
        double lam = 0.0, nrm;
        slong k;
        for (i = 0; i < nd; i++)
            yv[i] = 1.0 + 0.1 * (double) i;
        for (k = 0; k < 200; k++)
        {
            obj_d(yv, X, y, B->a, n, m, d, r);
            /* r = M yv - y: use M yv = r + y */
            for (i = 0; i < nd; i++)
                g[i] = 0.0;
            for (t = 0; t < m; t++)
                for (j = 0; j < n; j++)
                    if (B->a[j * m + t] == 1)
                        for (i = 0; i < d; i++)
                            g[j * d + i] += (r[t] + y[t]) * X[t * d + i];
            nrm = 0.0;
            for (i = 0; i < nd; i++)
                nrm += g[i] * g[i];
            nrm = sqrt(nrm);
            if (nrm == 0.0)
                break;
            lam = 0.0;
            for (i = 0; i < nd; i++)
                lam += yv[i] * g[i];
            {
                double yy = 0.0;
                for (i = 0; i < nd; i++)
                    yy += yv[i] * yv[i];
                lam /= yy;
            }
            for (i = 0; i < nd; i++)
                yv[i] = g[i] / nrm;
        }
        if (lam > 0.0 && 1.1 * lam < Lc)
            Lc = 1.1 * lam;
    }
    Lc = 2.0 * Lc / (double) m + 1e-300;

    for (i = 0; i < nd; i++)
        z[i] = zstart[i];
    for (j = 0; j < n; j++)
        project_neuron(z + j * d, X, s + j * m, m, d);
    for (i = 0; i < nd; i++)
        yv[i] = z[i];
    fx = obj_d(z, X, y, B->a, n, m, d, r);

    for (it = 0; it < maxit; it++)
    {
        double tn, diff = 0.0, nz = 0.0;
        obj_d(yv, X, y, B->a, n, m, d, r);
        for (i = 0; i < nd; i++)
            g[i] = 0.0;
        for (t = 0; t < m; t++)
            for (j = 0; j < n; j++)
                if (B->a[j * m + t] == 1)
                    for (i = 0; i < d; i++)
                        g[j * d + i] += 2.0 * r[t] * X[t * d + i] / (double) m;
        for (i = 0; i < nd; i++)
            xn[i] = yv[i] - g[i] / Lc;
        for (j = 0; j < n; j++)
            project_neuron(xn + j * d, X, s + j * m, m, d);
        fn = obj_d(xn, X, y, B->a, n, m, d, r);
        if (fn > fx && tk > 1.0)
        {
            /* adaptive restart (O'Donoghue-Candes): momentum overshot */
            tk = 1.0;
            for (i = 0; i < nd; i++)
                yv[i] = z[i];
            continue;
        }
        tn = 0.5 * (1.0 + sqrt(1.0 + 4.0 * tk * tk));
        for (i = 0; i < nd; i++)
        {
            diff += fabs(xn[i] - z[i]);
            nz += fabs(xn[i]);
            yv[i] = xn[i] + ((tk - 1.0) / tn) * (xn[i] - z[i]);
            z[i] = xn[i];
        }
        tk = tn;
        fx = fn;
        if (it > 50 && diff <= 1e-15 * (1.0 + nz))
            break;
    }

    flint_free(X);
    flint_free(xx);
    flint_free(y);
    flint_free(r);
    flint_free(g);
    flint_free(yv);
    flint_free(xn);
    flint_free(s);
    return it;
}

int
lemma12_repair(fmpq *z, const basin_t B, const fmpq *z0)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq_t c, c0, th, q;
    int ok = 1;

    fmpq_init(c);
    fmpq_init(c0);
    fmpq_init(th);
    fmpq_init(q);
    for (j = 0; j < n && ok; j++)
    {
        fmpq_zero(th);
        for (t = 0; t < m; t++)
        {
            int s = B->a[j * m + t] * B->b[j];
            fmpq_zero(c);
            fmpq_zero(c0);
            for (i = 0; i < d; i++)
            {
                fmpq_addmul(c, z + j * d + i, fmpq_mat_entry(B->X, t, i));
                fmpq_addmul(c0, z0 + j * d + i, fmpq_mat_entry(B->X, t, i));
            }
            if (s < 0)
            {
                fmpq_neg(c, c);
                fmpq_neg(c0, c0);
            }
            if (fmpq_sgn(c0) <= 0)
            {
                ok = 0;
                break;
            }
            if (fmpq_sgn(c) < 0)
            {
                /* c + theta (c0 - c) >= 0 iff theta >= -c / (c0 - c) */
                fmpq_sub(q, c0, c);
                fmpq_div(q, c, q);
                fmpq_neg(q, q);
                if (fmpq_cmp(q, th) > 0)
                    fmpq_set(th, q);
            }
        }
        if (ok && !fmpq_is_zero(th))
            for (i = 0; i < d; i++)
            {
                fmpq_sub(q, z0 + j * d + i, z + j * d + i);
                fmpq_addmul(z + j * d + i, th, q);
            }
    }
    fmpq_clear(c);
    fmpq_clear(c0);
    fmpq_clear(th);
    fmpq_clear(q);
    return ok;
}

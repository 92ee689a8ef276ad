/* lemma12_exact.c -- the exact building blocks of the Lemma 1-2 checks:
   the rescaling of Lemma 4, the proof path of App. A.1, the padding
   witness of App. A.2, the second-difference Hessian, the descent and
   the KKT certificate, on the core's shallow.h.  Everything here
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

/* ------------------------------------------------------- descent */

/* Projection of u (length d) onto the polyhedral cone
   K_j = { w : s_t <w, x_t> >= 0, t < m } of one neuron, by its dual
   (Moreau): w = u + sum_t lambda_t s_t x_t with lambda >= 0 minimising
   |u + C lambda|^2 (C the columns s_t x_t), a non-negative least-squares
   problem solved by the active-set method of Lawson and Hanson; the
   columns of the passive set stay independent, so each inner solve is a
   small positive definite system (Cholesky).  Doubles, candidates only:
   the exact certificate decides.  A constraint with s[t] = 0 is left
   out.  On return ws[0..m) holds lambda.  Returns 1, or 0 if the
   iteration limit was hit (u is still moved to the last iterate). */
static int
project_neuron(double *u, const double *X, const int *s, slong m, slong d, double *ws)
{
    slong t, i, k, it, np, maxit = 3 * m + 10;
    double *lam = ws, *zeta = ws + m, *res = ws + 2 * m, *G = ws + 2 * m + d, *h = G + m * m;
    slong *P = (slong *) (h + m);
    int *inP = (int *) (P + m), ok = 1;
    double un = 0.0;

    for (i = 0; i < d; i++)
        un += u[i] * u[i];
    un = sqrt(un);
    for (t = 0; t < m; t++)
    {
        lam[t] = 0.0;
        inP[t] = 0;
    }
    np = 0;
    for (it = 0;; it++)
    {
        slong best = -1;
        double gbest = 0.0;
        /* residual and the gradient <c_t, res> outside P */
        for (i = 0; i < d; i++)
            res[i] = u[i];
        for (k = 0; k < np; k++)
            for (i = 0; i < d; i++)
                res[i] += lam[P[k]] * s[P[k]] * X[P[k] * d + i];
        for (t = 0; t < m; t++)
        {
            double g = 0.0, xn = 0.0;
            if (inP[t])
                continue;
            for (i = 0; i < d; i++)
            {
                g += s[t] * X[t * d + i] * res[i];
                xn += X[t * d + i] * X[t * d + i];
            }
            xn = sqrt(xn);
            if (xn > 0.0 && g < -1e-14 * xn * (un + 1e-300) && g / xn < gbest)
            {
                gbest = g / xn;
                best = t;
            }
        }
        if (best < 0)
            break;
        if (it >= maxit || np >= d)
        {
            ok = 0;
            break;
        }
        P[np++] = best;
        inP[best] = 1;
        for (;;)
        {
            /* unconstrained least squares on P: (C_P^T C_P) zeta = -C_P^T u */
            slong a, b, c, amin;
            int pd = 1;
            double alpha = 1.0;
            for (a = 0; a < np; a++)
            {
                for (b = 0; b <= a; b++)
                {
                    double g = 0.0;
                    for (i = 0; i < d; i++)
                        g += X[P[a] * d + i] * X[P[b] * d + i];
                    G[a * m + b] = g * s[P[a]] * s[P[b]];
                }
                h[a] = 0.0;
                for (i = 0; i < d; i++)
                    h[a] -= s[P[a]] * X[P[a] * d + i] * u[i];
            }
            for (a = 0; a < np && pd; a++)
            {
                double x = G[a * m + a];
                for (c = 0; c < a; c++)
                    x -= G[a * m + c] * G[a * m + c];
                if (!(x > 1e-13 * (G[a * m + a] + 1e-300)))
                    pd = 0;
                else
                {
                    G[a * m + a] = sqrt(x);
                    for (b = a + 1; b < np; b++)
                    {
                        double y = G[b * m + a];
                        for (c = 0; c < a; c++)
                            y -= G[b * m + c] * G[a * m + c];
                        G[b * m + a] = y / G[a * m + a];
                    }
                }
            }
            if (!pd)
            {
                /* the new column depends on the others: drop it */
                inP[P[--np]] = 0;
                ok = 0;
                break;
            }
            for (a = 0; a < np; a++)
            {
                for (c = 0; c < a; c++)
                    h[a] -= G[a * m + c] * h[c];
                h[a] /= G[a * m + a];
            }
            for (a = np - 1; a >= 0; a--)
            {
                for (c = a + 1; c < np; c++)
                    h[a] -= G[c * m + a] * zeta[c];
                zeta[a] = h[a] / G[a * m + a];
            }
            for (a = 0, amin = -1; a < np; a++)
                if (zeta[a] <= 0.0)
                {
                    double l = lam[P[a]], q = l / (l - zeta[a]);
                    if (q < alpha)
                    {
                        alpha = q;
                        amin = a;
                    }
                }
            if (amin < 0)
            {
                for (a = 0; a < np; a++)
                    lam[P[a]] = zeta[a];
                break;
            }
            /* step towards zeta until a multiplier reaches 0; drop it
               (the one that defines the step exactly, whatever the
               rounding of the others) */
            for (a = 0, c = 0; a < np; a++)
            {
                lam[P[a]] += alpha * (zeta[a] - lam[P[a]]);
                if (a == amin || lam[P[a]] <= 0.0)
                {
                    lam[P[a]] = 0.0;
                    inP[P[a]] = 0;
                }
                else
                    P[c++] = P[a];
            }
            np = c;
            if (np == 0)
                break;
        }
        if (!ok)
            break;
    }
    for (k = 0; k < np; k++)
        for (i = 0; i < d; i++)
            u[i] += lam[P[k]] * s[P[k]] * X[P[k] * d + i];
    return ok;
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
    double *ws = flint_malloc(sizeof(double) * (size_t) (m * m + 5 * m + d)); /* project_neuron's */
    double Lc = 0.0, tk = 1.0, fx, fn;

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
        project_neuron(z + j * d, X, s + j * m, m, d, ws);
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
            project_neuron(xn + j * d, X, s + j * m, m, d, ws);
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
    flint_free(ws);
    return it;
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

/* ------------------------------------------------ KKT certificate */

void
lemma12_kkt_init(lemma12_kkt_t K, const basin_t B)
{
    K->ok = 0;
    K->reason = LEMMA12_KKT_INCONSISTENT;
    K->active = K->free = 0;
    K->n = B->n;
    K->m = B->m;
    K->d = B->d;
    K->z = _fmpq_vec_init(B->n * B->d);
    K->mu = _fmpq_vec_init(B->n * B->m);
    fmpq_init(K->value);
}

void
lemma12_kkt_clear(lemma12_kkt_t K)
{
    _fmpq_vec_clear(K->z, K->n * K->d);
    _fmpq_vec_clear(K->mu, K->n * K->m);
    fmpq_clear(K->value);
}

/* s_{j,t} <z_j, x_t> */
static void
slack_q(fmpq_t s, const basin_t B, const fmpq *z, slong j, slong t)
{
    _fmpq_vec_dot(s, z + j * B->d, fmpq_mat_entry(B->X, t, 0), B->d);
    if (B->a[j * B->m + t] * B->b[j] < 0)
        fmpq_neg(s, s);
}

int
lemma12_kkt_verify(fmpq_t value, const basin_t B, const fmpq *z, const fmpq *mu)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    fmpq *p = _fmpq_vec_init(m), *g = _fmpq_vec_init(d);
    fmpq_t s, e;
    int ok = 1;
    fmpq_init(s);
    fmpq_init(e);
    /* primal feasibility, complementary slackness, dual signs */
    for (j = 0; j < n && ok; j++)
        for (t = 0; t < m && ok; t++)
        {
            slack_q(s, B, z, j, t);
            if (fmpq_sgn(s) < 0 || fmpq_sgn(mu + j * m + t) < 0 ||
                (!fmpq_is_zero(mu + j * m + t) && !fmpq_is_zero(s)))
                ok = 0;
        }
    /* stationarity: sum_{t: a=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t per
       neuron, r = M z - y from the network's own predictions */
    if (ok)
    {
        fmpq_mat_t W;
        fmpq *v = _fmpq_vec_init(n);
        fmpq_mat_init(W, n, d);
        lemma12_net_of_z(W, v, B, z);
        shallow_net_predict(p, B->X, W, v);
        shallow_loss_of_pred(value, p, B->y, m);
        for (t = 0; t < m; t++)
            fmpq_sub(p + t, p + t, B->y + t);
        for (j = 0; j < n && ok; j++)
        {
            qvec_zero(g, d);
            for (t = 0; t < m; t++)
            {
                fmpq_zero(e);
                if (B->a[j * m + t] > 0)
                    fmpq_set(e, p + t);
                if (B->a[j * m + t] * B->b[j] > 0)
                    fmpq_sub(e, e, mu + j * m + t);
                else
                    fmpq_add(e, e, mu + j * m + t);
                if (!fmpq_is_zero(e))
                    for (i = 0; i < d; i++)
                        fmpq_addmul(g + i, e, fmpq_mat_entry(B->X, t, i));
            }
            for (i = 0; i < d && ok; i++)
                ok = fmpq_is_zero(g + i);
        }
        fmpq_mat_clear(W);
        _fmpq_vec_clear(v, n);
    }
    _fmpq_vec_clear(p, m);
    _fmpq_vec_clear(g, d);
    fmpq_clear(s);
    fmpq_clear(e);
    return ok;
}

/* Appends the row r (length len, rational) to the integer matrix A as
   row k, scaled by the lcm of its denominators. */
static void
int_row(fmpz_mat_t A, slong k, const fmpq *r, slong len)
{
    fmpz_t l;
    slong i;
    fmpz_init(l);
    fmpz_one(l);
    for (i = 0; i < len; i++)
        fmpz_lcm(l, l, fmpq_denref(r + i));
    for (i = 0; i < len; i++)
    {
        fmpz_divexact(fmpz_mat_entry(A, k, i), l, fmpq_denref(r + i));
        fmpz_mul(fmpz_mat_entry(A, k, i), fmpz_mat_entry(A, k, i), fmpq_numref(r + i));
    }
    fmpz_clear(l);
}

int
lemma12_kkt(lemma12_kkt_t K, const basin_t B, const double *zd, double tol)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, k, l, q, ne = 0, np = 0, N, rows, rank;
    slong *ej = flint_malloc(sizeof(slong) * (size_t) (n * m)),
          *et = flint_malloc(sizeof(slong) * (size_t) (n * m));
    slong *pj = flint_malloc(sizeof(slong) * (size_t) (n * m)),
          *pt = flint_malloc(sizeof(slong) * (size_t) (n * m));
    slong *pivc;
    double *X = flint_malloc(sizeof(double) * (size_t) (m * d)),
           *r = flint_malloc(sizeof(double) * (size_t) m);
    double *lam0 = flint_malloc(sizeof(double) * (size_t) (n * m)),
           *u = flint_malloc(sizeof(double) * (size_t) d);
    double *ws = flint_malloc(sizeof(double) * (size_t) (m * m + 5 * m + d));
    int *tight = flint_calloc((size_t) (n * m), sizeof(int)), *sg = flint_malloc(sizeof(int) * (size_t) m);
    double Zs = 0.0;
    fmpq *row, *zq = _fmpq_vec_init(nd);
    fmpz_mat_t A, R;
    fmpz_t den;
    int *isfree;

    K->ok = 0;
    K->free = 0;
    for (i = 0; i < nd; i++)
        bc_fmpq_set_d(zq + i, isfinite(zd[i]) ? zd[i] : 0.0);
    for (t = 0; t < m; t++)
        for (i = 0; i < d; i++)
            X[t * d + i] = fmpq_get_d(fmpq_mat_entry(B->X, t, i));
    for (j = 0; j < n; j++)
    {
        double zn = 0.0;
        for (i = 0; i < d; i++)
            zn += zd[j * d + i] * zd[j * d + i];
        Zs = FLINT_MAX(Zs, sqrt(zn));
    }
    {
        /* and never below the size of a z that predicts targets of the
           data's size, |y|_max / |x|_max (z = 0 is a common minimiser) */
        double ym = 0.0, xm = 0.0;
        for (t = 0; t < m; t++)
        {
            double xn = 0.0;
            for (i = 0; i < d; i++)
                xn += X[t * d + i] * X[t * d + i];
            xm = FLINT_MAX(xm, sqrt(xn));
            ym = FLINT_MAX(ym, fabs(fmpq_get_d(B->y + t)));
        }
        if (xm > 0.0)
            Zs = FLINT_MAX(Zs, ym / xm);
    }
    /* the constraints tight at zd, relative to the scale of the whole
       point (a neuron with z_j ~ 0 has all of its constraints tight) */
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
        {
            double sl = 0.0, xn = 0.0;
            for (i = 0; i < d; i++)
            {
                sl += X[t * d + i] * zd[j * d + i];
                xn += X[t * d + i] * X[t * d + i];
            }
            sl *= B->a[j * m + t] * B->b[j];
            tight[j * m + t] = xn > 0.0 && sl <= tol * sqrt(xn) * Zs;
        }
    /* equalities: per neuron the tight rows independent of those kept
       (a dependent row's equality follows from them) */
    for (j = 0; j < n; j++)
    {
        fmpq_mat_t S, T;
        slong kept = 0;
        fmpq_mat_init(S, d, d);
        for (t = 0; t < m && kept < d; t++)
        {
            if (!tight[j * m + t])
                continue;
            fmpq_mat_init(T, kept + 1, d);
            for (k = 0; k < kept; k++)
                for (i = 0; i < d; i++)
                    fmpq_set(fmpq_mat_entry(T, k, i), fmpq_mat_entry(S, k, i));
            for (i = 0; i < d; i++)
                fmpq_set(fmpq_mat_entry(T, kept, i), fmpq_mat_entry(B->X, t, i));
            if (fmpq_mat_rref(T, T) == kept + 1)
            {
                for (i = 0; i < d; i++)
                    fmpq_set(fmpq_mat_entry(S, kept, i), fmpq_mat_entry(B->X, t, i));
                kept++;
                ej[ne] = j;
                et[ne] = t;
                ne++;
            }
            fmpq_mat_clear(T);
        }
        fmpq_mat_clear(S);
    }
    /* multipliers: where they may be non-zero is guessed by a
       non-negative least-squares fit of the float gradient
       g_j = sum_{t: a=+1} r_t x_t by the tight s_{j,t} x_t (at a vertex
       with more tight rows than dimensions, an arbitrary independent
       subset would often need a negative multiplier) */
    for (t = 0; t < m; t++)
    {
        r[t] = -fmpq_get_d(B->y + t);
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    r[t] += zd[j * d + i] * X[t * d + i];
    }
    for (j = 0; j < n; j++)
    {
        for (i = 0; i < d; i++)
            u[i] = 0.0;
        for (t = 0; t < m; t++)
        {
            sg[t] = tight[j * m + t] ? B->a[j * m + t] * B->b[j] : 0;
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    u[i] -= r[t] * X[t * d + i];
        }
        project_neuron(u, X, sg, m, d, ws);
        for (t = 0; t < m; t++)
        {
            lam0[j * m + t] = ws[t];
            if (ws[t] > 0.0)
            {
                pj[np] = j;
                pt[np] = t;
                np++;
            }
        }
    }
    K->active = ne;
    /* the KKT system in (z, mu_P): M^T M z - C_P^T mu = M^T y and
       C_E z = 0 (C the rows s_{j,t} x_t in block j) */
    N = nd + np;
    rows = nd + ne;
    row = _fmpq_vec_init(N + 1);
    fmpz_mat_init(A, rows, N + 1);
    fmpz_mat_init(R, rows, N + 1);
    fmpz_init(den);
    for (j = 0; j < n; j++)
        for (i = 0; i < d; i++)
        {
            qvec_zero(row, N + 1);
            for (t = 0; t < m; t++)
            {
                if (B->a[j * m + t] < 0)
                    continue;
                /* (M^T M)_{(j,i),(k,l)} = sum_t [a_jt = a_kt = +1] x_ti x_tl */
                for (k = 0; k < n; k++)
                    if (B->a[k * m + t] > 0)
                        for (l = 0; l < d; l++)
                            fmpq_addmul(row + k * d + l, fmpq_mat_entry(B->X, t, i),
                                        fmpq_mat_entry(B->X, t, l));
                fmpq_addmul(row + N, fmpq_mat_entry(B->X, t, i), B->y + t);
            }
            for (q = 0; q < np; q++)
                if (pj[q] == j)
                {
                    if (B->a[j * m + pt[q]] * B->b[j] > 0)
                        fmpq_sub(row + nd + q, row + nd + q, fmpq_mat_entry(B->X, pt[q], i));
                    else
                        fmpq_add(row + nd + q, row + nd + q, fmpq_mat_entry(B->X, pt[q], i));
                }
            int_row(A, j * d + i, row, N + 1);
        }
    for (q = 0; q < ne; q++)
    {
        qvec_zero(row, N + 1);
        for (i = 0; i < d; i++)
            fmpq_mul_si(row + ej[q] * d + i, fmpq_mat_entry(B->X, et[q], i),
                        B->a[ej[q] * m + et[q]] * B->b[ej[q]]);
        int_row(A, nd + q, row, N + 1);
    }
    rank = fmpz_mat_rref(R, den, A);
    /* pivot columns; a pivot in the right-hand side: no solution */
    pivc = flint_malloc(sizeof(slong) * (size_t) (rank + 1));
    isfree = flint_malloc(sizeof(int) * (size_t) (N + 1));
    for (i = 0; i <= N; i++)
        isfree[i] = 1;
    for (k = 0, l = 0; k < rank; k++)
    {
        while (fmpz_is_zero(fmpz_mat_entry(R, k, l)))
            l++;
        pivc[k] = l;
        isfree[l] = 0;
    }
    K->reason = LEMMA12_KKT_INCONSISTENT;
    if (rank == 0 || pivc[rank - 1] < N)
    {
        /* free unknowns from the float point and multipliers; pivots
           from the rref: den x_p + sum_f R_{k,f} x_f = R_{k,N} */
        fmpq *x = _fmpq_vec_init(N);
        fmpq_t c;
        fmpq_init(c);
        for (i = 0; i < N; i++)
            if (isfree[i])
            {
                K->free++;
                if (i < nd)
                    fmpq_set(x + i, zq + i);
                else
                    bc_fmpq_set_d(x + i, lam0[pj[i - nd] * m + pt[i - nd]]);
            }
        for (k = 0; k < rank; k++)
        {
            fmpq_set_fmpz_frac(x + pivc[k], fmpz_mat_entry(R, k, N), den);
            for (i = pivc[k] + 1; i < N; i++)
                if (isfree[i] && !fmpz_is_zero(fmpz_mat_entry(R, k, i)))
                {
                    fmpq_set_fmpz_frac(c, fmpz_mat_entry(R, k, i), den);
                    fmpq_submul(x + pivc[k], c, x + i);
                }
        }
        qvec_set(K->z, x, nd);
        qvec_zero(K->mu, n * m);
        for (q = 0; q < np; q++)
            fmpq_set(K->mu + pj[q] * m + pt[q], x + nd + q);
        /* decided from scratch, whatever the solve did */
        K->ok = lemma12_kkt_verify(K->value, B, K->z, K->mu);
        if (K->ok)
            K->reason = LEMMA12_KKT_OK;
        else
        {
            /* why: a violated constraint, else a negative multiplier */
            fmpq_t sl;
            fmpq_init(sl);
            for (j = 0; j < n; j++)
                for (t = 0; t < m; t++)
                {
                    slack_q(sl, B, K->z, j, t);
                    if (fmpq_sgn(sl) < 0)
                        K->reason = LEMMA12_KKT_INFEASIBLE;
                    else if (fmpq_sgn(K->mu + j * m + t) < 0 && K->reason != LEMMA12_KKT_INFEASIBLE)
                        K->reason = LEMMA12_KKT_NEGATIVE;
                }
            fmpq_clear(sl);
        }
        _fmpq_vec_clear(x, N);
        fmpq_clear(c);
    }
    flint_free(pivc);
    flint_free(isfree);
    flint_free(ej);
    flint_free(et);
    flint_free(pj);
    flint_free(pt);
    flint_free(X);
    flint_free(r);
    flint_free(lam0);
    flint_free(u);
    flint_free(ws);
    flint_free(tight);
    flint_free(sg);
    _fmpq_vec_clear(row, N + 1);
    _fmpq_vec_clear(zq, nd);
    fmpz_mat_clear(A);
    fmpz_mat_clear(R);
    fmpz_clear(den);
    return K->ok;
}

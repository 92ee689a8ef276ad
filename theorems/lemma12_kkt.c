/* lemma12_kkt.c -- the local-minimum step of Lemma 1 (App. A.1): a
   projected-gradient descent over the cone of a cell, in doubles, that
   proposes end points, and the exact KKT certificate that decides them
   over Q (lemma12.h).  The doubles only propose; every statement is
   decided by lemma12_kkt_verify, independently of the basin engine. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "lemma12.h"
#include "shallow.h"

/* ------------------------------------------- projection onto a cone */

/* The workspace of project_neuron for m constraints in dimension d,
   carved from m^2 + 5 m + d doubles. */
typedef struct
{
    double *lam, *zeta, *res, *G, *h;
    slong *P;
    int *inP;
} nnls_ws;

static void
nnls_ws_set(nnls_ws *w, double *ws, slong m, slong d)
{
    w->lam = ws;
    w->zeta = ws + m;
    w->res = ws + 2 * m;
    w->G = ws + 2 * m + d;
    w->h = w->G + m * m;
    w->P = (slong *) (w->h + m);
    w->inP = (int *) (w->P + m);
}

/* The most violated dual constraint outside the passive set: the residual
   res = u + sum_P lam_t s_t x_t, then the t with the most negative
   <s_t x_t, res> / |x_t| (below a relative threshold), or -1. */
static slong
nnls_violated(nnls_ws *w, slong np, const double *u, const double *X, const int *s, slong m, slong d,
              double un)
{
    slong t, i, k, best = -1;
    double gbest = 0.0;
    for (i = 0; i < d; i++)
        w->res[i] = u[i];
    for (k = 0; k < np; k++)
        for (i = 0; i < d; i++)
            w->res[i] += w->lam[w->P[k]] * s[w->P[k]] * X[w->P[k] * d + i];
    for (t = 0; t < m; t++)
    {
        double g = 0.0, xn = 0.0;
        if (w->inP[t])
            continue;
        for (i = 0; i < d; i++)
        {
            g += s[t] * X[t * d + i] * w->res[i];
            xn += X[t * d + i] * X[t * d + i];
        }
        xn = sqrt(xn);
        if (xn > 0.0 && g < -1e-14 * xn * (un + 1e-300) && g / xn < gbest)
        {
            gbest = g / xn;
            best = t;
        }
    }
    return best;
}

/* The unconstrained least squares on the passive set P:
   (C_P^T C_P) zeta = -C_P^T u by Cholesky (C the columns s_t x_t).
   Returns 0 when C_P^T C_P is not numerically positive definite. */
static int
nnls_passive_solve(nnls_ws *w, slong np, const double *u, const double *X, const int *s, slong m, slong d)
{
    slong a, b, c, i;
    double *G = w->G, *h = w->h;
    const slong *P = w->P;
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
    for (a = 0; a < np; a++)
    {
        double x = G[a * m + a];
        for (c = 0; c < a; c++)
            x -= G[a * m + c] * G[a * m + c];
        if (!(x > 1e-13 * (G[a * m + a] + 1e-300)))
            return 0;
        G[a * m + a] = sqrt(x);
        for (b = a + 1; b < np; b++)
        {
            double y = G[b * m + a];
            for (c = 0; c < a; c++)
                y -= G[b * m + c] * G[a * m + c];
            G[b * m + a] = y / G[a * m + a];
        }
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
            h[a] -= G[c * m + a] * w->zeta[c];
        w->zeta[a] = h[a] / G[a * m + a];
    }
    return 1;
}

/* One inner step of Lawson-Hanson after a passive solve: when every
   zeta_a > 0, lam_P = zeta and *done = 1; else lam moves towards zeta
   until a multiplier reaches 0, which leaves P (the one that defines the
   step exactly, whatever the rounding of the others).  Returns the new
   size of P. */
static slong
nnls_step(nnls_ws *w, slong np, int *done)
{
    slong a, c, amin = -1;
    double alpha = 1.0;
    for (a = 0; a < np; a++)
        if (w->zeta[a] <= 0.0)
        {
            double l = w->lam[w->P[a]], q = l / (l - w->zeta[a]);
            if (q < alpha)
            {
                alpha = q;
                amin = a;
            }
        }
    *done = amin < 0;
    if (*done)
    {
        for (a = 0; a < np; a++)
            w->lam[w->P[a]] = w->zeta[a];
        return np;
    }
    for (a = 0, c = 0; a < np; a++)
    {
        double *l = w->lam + w->P[a];
        *l += alpha * (w->zeta[a] - *l);
        if (a == amin || *l <= 0.0)
        {
            *l = 0.0;
            w->inP[w->P[a]] = 0;
        }
        else
            w->P[c++] = w->P[a];
    }
    return c;
}

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
    slong t, i, k, it, np = 0, maxit = 3 * m + 10;
    nnls_ws w;
    int ok = 1, done;
    double un = 0.0;

    nnls_ws_set(&w, ws, m, d);
    for (i = 0; i < d; i++)
        un += u[i] * u[i];
    un = sqrt(un);
    for (t = 0; t < m; t++)
    {
        w.lam[t] = 0.0;
        w.inP[t] = 0;
    }
    for (it = 0; ok; it++)
    {
        slong best = nnls_violated(&w, np, u, X, s, m, d, un);
        if (best < 0)
            break;
        if (it >= maxit || np >= d)
        {
            ok = 0;
            break;
        }
        w.P[np++] = best;
        w.inP[best] = 1;
        do
        {
            if (!nnls_passive_solve(&w, np, u, X, s, m, d))
            {
                /* the new column depends on the others: drop it */
                w.inP[w.P[--np]] = 0;
                ok = 0;
                break;
            }
            np = nnls_step(&w, np, &done);
        } while (!done && np > 0);
    }
    for (k = 0; k < np; k++)
        for (i = 0; i < d; i++)
            u[i] += w.lam[w.P[k]] * s[w.P[k]] * X[w.P[k] * d + i];
    return ok;
}

/* ----------------------------------------------------------- descent */

/* The data of B in doubles, for the descent and the certificate's guesses:
   X (m x d), |x_t|^2, y, the signs s_{j,t} = a_{j,t} b_j. */
typedef struct
{
    slong n, m, d;
    double *X, *xx, *y;
    int *s;
    const int *a;
} data_d;

static void
data_d_init(data_d *D, const basin_t B)
{
    slong t, i, j;
    D->n = B->n;
    D->m = B->m;
    D->d = B->d;
    D->a = B->a;
    D->X = flint_malloc(sizeof(double) * (size_t) (B->m * B->d));
    D->xx = flint_malloc(sizeof(double) * (size_t) B->m);
    D->y = flint_malloc(sizeof(double) * (size_t) B->m);
    D->s = flint_malloc(sizeof(int) * (size_t) (B->n * B->m));
    for (t = 0; t < B->m; t++)
    {
        D->xx[t] = 0.0;
        for (i = 0; i < B->d; i++)
        {
            D->X[t * B->d + i] = fmpq_get_d(fmpq_mat_entry(B->X, t, i));
            D->xx[t] += D->X[t * B->d + i] * D->X[t * B->d + i];
        }
        D->y[t] = fmpq_get_d(B->y + t);
    }
    for (j = 0; j < B->n; j++)
        for (t = 0; t < B->m; t++)
            D->s[j * B->m + t] = B->a[j * B->m + t] * B->b[j];
}

static void
data_d_clear(data_d *D)
{
    flint_free(D->X);
    flint_free(D->xx);
    flint_free(D->y);
    flint_free(D->s);
}

/* f(z) = |M z - y|^2 / m in doubles; r = M z - y */
static double
obj_d(const double *z, const data_d *D, double *r)
{
    slong t, j, i;
    double f = 0.0;
    for (t = 0; t < D->m; t++)
    {
        double p = 0.0;
        for (j = 0; j < D->n; j++)
            if (D->a[j * D->m + t] == 1)
                for (i = 0; i < D->d; i++)
                    p += z[j * D->d + i] * D->X[t * D->d + i];
        r[t] = p - D->y[t];
        f += r[t] * r[t];
    }
    return f / (double) D->m;
}

/* g = M^T e / div (g of length n d) */
static void
mt_apply(double *g, const data_d *D, const double *e, double div)
{
    slong t, j, i;
    for (i = 0; i < D->n * D->d; i++)
        g[i] = 0.0;
    for (t = 0; t < D->m; t++)
        for (j = 0; j < D->n; j++)
            if (D->a[j * D->m + t] == 1)
                for (i = 0; i < D->d; i++)
                    g[j * D->d + i] += e[t] * D->X[t * D->d + i] / div;
}

/* The step 1/Lc of the descent: Lc ~ the largest eigenvalue of the
   Hessian (2/m) M^T M, by power iteration on M^T M in doubles (a
   candidate generator only), with a 10% margin, capped by the trace,
   which bounds it above.  r, e, g, yv: scratch of m, m, n d, n d. */
static double
step_constant(const data_d *D, double *r, double *e, double *g, double *yv)
{
    slong nd = D->n * D->d, t, j, i, k;
    double Lc = 0.0, lam = 0.0;
    for (t = 0; t < D->m; t++)
        for (j = 0; j < D->n; j++)
            if (D->a[j * D->m + t] == 1)
                Lc += D->xx[t];
    for (i = 0; i < nd; i++)
        yv[i] = 1.0 + 0.1 * (double) i;
    for (k = 0; k < 200; k++)
    {
        double nrm = 0.0, yy = 0.0;
        /* M yv = r + y */
        obj_d(yv, D, r);
        for (t = 0; t < D->m; t++)
            e[t] = r[t] + D->y[t];
        mt_apply(g, D, e, 1.0);
        for (i = 0; i < nd; i++)
            nrm += g[i] * g[i];
        nrm = sqrt(nrm);
        if (nrm == 0.0)
            break;
        lam = 0.0;
        for (i = 0; i < nd; i++)
            lam += yv[i] * g[i];
        for (i = 0; i < nd; i++)
            yy += yv[i] * yv[i];
        lam /= yy;
        for (i = 0; i < nd; i++)
            yv[i] = g[i] / nrm;
    }
    if (lam > 0.0 && 1.1 * lam < Lc)
        Lc = 1.1 * lam;
    return 2.0 * Lc / (double) D->m + 1e-300;
}

slong
lemma12_descent_d(double *z, const basin_t B, const double *zstart, slong maxit)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, t, i, it;
    data_d D;
    double *r = flint_malloc(sizeof(double) * (size_t) m), *e = flint_malloc(sizeof(double) * (size_t) m);
    double *g = flint_malloc(sizeof(double) * (size_t) nd), *yv = flint_malloc(sizeof(double) * (size_t) nd);
    double *xn = flint_malloc(sizeof(double) * (size_t) nd);
    double *ws = flint_malloc(sizeof(double) * (size_t) (m * m + 5 * m + d)); /* project_neuron's */
    double Lc, tk = 1.0, fx, fn;

    data_d_init(&D, B);
    Lc = step_constant(&D, r, e, g, yv);
    for (i = 0; i < nd; i++)
        z[i] = zstart[i];
    for (j = 0; j < n; j++)
        project_neuron(z + j * d, D.X, D.s + j * m, m, d, ws);
    for (i = 0; i < nd; i++)
        yv[i] = z[i];
    fx = obj_d(z, &D, r);

    for (it = 0; it < maxit; it++)
    {
        double tn, diff = 0.0, nz = 0.0;
        obj_d(yv, &D, r);
        for (t = 0; t < m; t++)
            e[t] = 2.0 * r[t];
        mt_apply(g, &D, e, (double) m);
        for (i = 0; i < nd; i++)
            xn[i] = yv[i] - g[i] / Lc;
        for (j = 0; j < n; j++)
            project_neuron(xn + j * d, D.X, D.s + j * m, m, d, ws);
        fn = obj_d(xn, &D, r);
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

    data_d_clear(&D);
    flint_free(r);
    flint_free(e);
    flint_free(g);
    flint_free(yv);
    flint_free(xn);
    flint_free(ws);
    return it;
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

static void
qvec_zero(fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(v + i);
}

/* s_{j,t} <z_j, x_t> */
static void
slack_q(fmpq_t s, const basin_t B, const fmpq *z, slong j, slong t)
{
    _fmpq_vec_dot(s, z + j * B->d, fmpq_mat_entry(B->X, t, 0), B->d);
    if (B->a[j * B->m + t] * B->b[j] < 0)
        fmpq_neg(s, s);
}

/* Stationarity at z with residuals p - y (p the network's predictions):
   for every neuron sum_{t: a=+1} r_t x_t = sum_t mu_{j,t} s_{j,t} x_t. */
static int
kkt_stationary(const basin_t B, const fmpq *r, const fmpq *mu)
{
    slong m = B->m, d = B->d, j, t, i;
    fmpq *g = _fmpq_vec_init(d);
    fmpq_t e;
    int ok = 1;
    fmpq_init(e);
    for (j = 0; j < B->n && ok; j++)
    {
        qvec_zero(g, d);
        for (t = 0; t < m; t++)
        {
            fmpq_zero(e);
            if (B->a[j * m + t] > 0)
                fmpq_set(e, r + t);
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
    _fmpq_vec_clear(g, d);
    fmpq_clear(e);
    return ok;
}

int
lemma12_kkt_verify(fmpq_t value, const basin_t B, const fmpq *z, const fmpq *mu)
{
    slong n = B->n, m = B->m, d = B->d, j, t;
    fmpq *p = _fmpq_vec_init(m);
    fmpq_t s;
    int ok = 1;
    fmpq_init(s);
    /* primal feasibility, complementary slackness, dual signs */
    for (j = 0; j < n && ok; j++)
        for (t = 0; t < m && ok; t++)
        {
            slack_q(s, B, z, j, t);
            if (fmpq_sgn(s) < 0 || fmpq_sgn(mu + j * m + t) < 0 ||
                (!fmpq_is_zero(mu + j * m + t) && !fmpq_is_zero(s)))
                ok = 0;
        }
    /* stationarity with r = M z - y from the network's own predictions */
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
        ok = kkt_stationary(B, p, mu);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(v, n);
    }
    _fmpq_vec_clear(p, m);
    fmpq_clear(s);
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

/* The guesses of the certificate from the float point, and the KKT
   system they define: the active equalities (ne constraints (ej, et)),
   the multipliers' support (np constraints (pj, pt)) and their float
   values lam0 (n m). */
typedef struct
{
    slong ne, np;
    slong *ej, *et, *pj, *pt;
    double *lam0;
} kkt_guess;

static void
kkt_guess_init(kkt_guess *G, slong n, slong m)
{
    G->ne = G->np = 0;
    G->ej = flint_malloc(sizeof(slong) * (size_t) (n * m));
    G->et = flint_malloc(sizeof(slong) * (size_t) (n * m));
    G->pj = flint_malloc(sizeof(slong) * (size_t) (n * m));
    G->pt = flint_malloc(sizeof(slong) * (size_t) (n * m));
    G->lam0 = flint_malloc(sizeof(double) * (size_t) (n * m));
}

static void
kkt_guess_clear(kkt_guess *G)
{
    flint_free(G->ej);
    flint_free(G->et);
    flint_free(G->pj);
    flint_free(G->pt);
    flint_free(G->lam0);
}

/* The constraints tight at zd, relative to the scale of the whole point
   (a neuron with z_j ~ 0 has all of its constraints tight), never below
   the size |y|_max / |x|_max of a z that predicts targets of the data's
   size (z = 0 is a common minimiser). */
static void
kkt_tight(int *tight, const data_d *D, const double *zd, double tol)
{
    slong n = D->n, m = D->m, d = D->d, j, t, i;
    double Zs = 0.0, ym = 0.0, xm = 0.0;
    for (j = 0; j < n; j++)
    {
        double zn = 0.0;
        for (i = 0; i < d; i++)
            zn += zd[j * d + i] * zd[j * d + i];
        Zs = FLINT_MAX(Zs, sqrt(zn));
    }
    for (t = 0; t < m; t++)
    {
        xm = FLINT_MAX(xm, sqrt(D->xx[t]));
        ym = FLINT_MAX(ym, fabs(D->y[t]));
    }
    if (xm > 0.0)
        Zs = FLINT_MAX(Zs, ym / xm);
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
        {
            double sl = 0.0;
            for (i = 0; i < d; i++)
                sl += D->X[t * d + i] * zd[j * d + i];
            sl *= D->s[j * m + t];
            tight[j * m + t] = D->xx[t] > 0.0 && sl <= tol * sqrt(D->xx[t]) * Zs;
        }
}

/* equalities: per neuron the tight rows independent of those kept (a
   dependent row's equality follows from them) */
static void
kkt_equalities(kkt_guess *G, const basin_t B, const int *tight)
{
    slong d = B->d, m = B->m, j, t, k, i;
    for (j = 0; j < B->n; j++)
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
                G->ej[G->ne] = j;
                G->et[G->ne] = t;
                G->ne++;
            }
            fmpq_mat_clear(T);
        }
        fmpq_mat_clear(S);
    }
}

/* multipliers: where they may be non-zero is guessed by a non-negative
   least-squares fit of the float gradient g_j = sum_{t: a=+1} r_t x_t by
   the tight s_{j,t} x_t (at a vertex with more tight rows than
   dimensions, an arbitrary independent subset would often need a
   negative multiplier) */
static void
kkt_support(kkt_guess *G, const data_d *D, const double *zd, const int *tight)
{
    slong n = D->n, m = D->m, d = D->d, j, t, i;
    double *r = flint_malloc(sizeof(double) * (size_t) m), *u = flint_malloc(sizeof(double) * (size_t) d);
    double *ws = flint_malloc(sizeof(double) * (size_t) (m * m + 5 * m + d));
    int *sg = flint_malloc(sizeof(int) * (size_t) m);
    for (t = 0; t < m; t++)
    {
        r[t] = -D->y[t];
        for (j = 0; j < n; j++)
            if (D->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    r[t] += zd[j * d + i] * D->X[t * d + i];
    }
    for (j = 0; j < n; j++)
    {
        for (i = 0; i < d; i++)
            u[i] = 0.0;
        for (t = 0; t < m; t++)
        {
            sg[t] = tight[j * m + t] ? D->s[j * m + t] : 0;
            if (D->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    u[i] -= r[t] * D->X[t * d + i];
        }
        project_neuron(u, D->X, sg, m, d, ws);
        for (t = 0; t < m; t++)
        {
            G->lam0[j * m + t] = ws[t];
            if (ws[t] > 0.0)
            {
                G->pj[G->np] = j;
                G->pt[G->np] = t;
                G->np++;
            }
        }
    }
    flint_free(r);
    flint_free(u);
    flint_free(ws);
    flint_free(sg);
}

/* The KKT system in (z, mu_P) as integer rows of A (nd + ne rows,
   N + 1 = nd + np + 1 columns, the last the right-hand side):
   M^T M z - C_P^T mu = M^T y and C_E z = 0, C the rows s_{j,t} x_t in
   block j. */
static void
kkt_system(fmpz_mat_t A, const basin_t B, const kkt_guess *G)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, N = nd + G->np, j, t, i, k, l, q;
    fmpq *row = _fmpq_vec_init(N + 1);
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
            for (q = 0; q < G->np; q++)
                if (G->pj[q] == j)
                {
                    if (B->a[j * m + G->pt[q]] * B->b[j] > 0)
                        fmpq_sub(row + nd + q, row + nd + q, fmpq_mat_entry(B->X, G->pt[q], i));
                    else
                        fmpq_add(row + nd + q, row + nd + q, fmpq_mat_entry(B->X, G->pt[q], i));
                }
            int_row(A, j * d + i, row, N + 1);
        }
    for (q = 0; q < G->ne; q++)
    {
        qvec_zero(row, N + 1);
        for (i = 0; i < d; i++)
            fmpq_mul_si(row + G->ej[q] * d + i, fmpq_mat_entry(B->X, G->et[q], i),
                        B->a[G->ej[q] * m + G->et[q]] * B->b[G->ej[q]]);
        int_row(A, nd + q, row, N + 1);
    }
    _fmpq_vec_clear(row, N + 1);
}

/* why (z, mu) failed lemma12_kkt_verify: a violated constraint, else a
   negative multiplier, else the system's solution is not stationary */
static int
kkt_reason(const basin_t B, const fmpq *z, const fmpq *mu)
{
    slong j, t;
    int reason = LEMMA12_KKT_INCONSISTENT;
    fmpq_t sl;
    fmpq_init(sl);
    for (j = 0; j < B->n; j++)
        for (t = 0; t < B->m; t++)
        {
            slack_q(sl, B, z, j, t);
            if (fmpq_sgn(sl) < 0)
                reason = LEMMA12_KKT_INFEASIBLE;
            else if (fmpq_sgn(mu + j * B->m + t) < 0 && reason != LEMMA12_KKT_INFEASIBLE)
                reason = LEMMA12_KKT_NEGATIVE;
        }
    fmpq_clear(sl);
    return reason;
}

/* Solves the reduced system R (rank rows, den its common denominator):
   free unknowns from the float point zq and multipliers lam0, pivots
   from the rref, den x_p + sum_f R_{k,f} x_f = R_{k,N}; then decides the
   result from scratch. */
static void
kkt_solve(lemma12_kkt_t K, const basin_t B, const kkt_guess *G, const fmpz_mat_t R, const fmpz_t den,
          slong rank, const slong *pivc, const int *isfree, const fmpq *zq)
{
    slong nd = B->n * B->d, N = nd + G->np, i, k, q;
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
                bc_fmpq_set_d(x + i, G->lam0[G->pj[i - nd] * B->m + G->pt[i - nd]]);
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
    for (i = 0; i < nd; i++)
        fmpq_set(K->z + i, x + i);
    qvec_zero(K->mu, B->n * B->m);
    for (q = 0; q < G->np; q++)
        fmpq_set(K->mu + G->pj[q] * B->m + G->pt[q], x + nd + q);
    /* decided from scratch, whatever the solve did */
    K->ok = lemma12_kkt_verify(K->value, B, K->z, K->mu);
    K->reason = K->ok ? LEMMA12_KKT_OK : kkt_reason(B, K->z, K->mu);
    _fmpq_vec_clear(x, N);
    fmpq_clear(c);
}

int
lemma12_kkt(lemma12_kkt_t K, const basin_t B, const double *zd, double tol)
{
    slong n = B->n, m = B->m, nd = n * B->d, N, rows, rank, i, k, l;
    int *tight = flint_calloc((size_t) (n * m), sizeof(int)), *isfree;
    slong *pivc;
    fmpq *zq = _fmpq_vec_init(nd);
    fmpz_mat_t A, R;
    fmpz_t den;
    data_d D;
    kkt_guess G;

    K->ok = 0;
    K->free = 0;
    for (i = 0; i < nd; i++)
        bc_fmpq_set_d(zq + i, isfinite(zd[i]) ? zd[i] : 0.0);
    data_d_init(&D, B);
    kkt_guess_init(&G, n, m);
    kkt_tight(tight, &D, zd, tol);
    kkt_equalities(&G, B, tight);
    kkt_support(&G, &D, zd, tight);
    K->active = G.ne;
    N = nd + G.np;
    rows = nd + G.ne;
    fmpz_mat_init(A, rows, N + 1);
    fmpz_mat_init(R, rows, N + 1);
    fmpz_init(den);
    kkt_system(A, B, &G);
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
        kkt_solve(K, B, &G, R, den, rank, pivc, isfree, zq);
    flint_free(pivc);
    flint_free(isfree);
    flint_free(tight);
    _fmpq_vec_clear(zq, nd);
    fmpz_mat_clear(A);
    fmpz_mat_clear(R);
    fmpz_clear(den);
    data_d_clear(&D);
    kkt_guess_clear(&G);
    return K->ok;
}

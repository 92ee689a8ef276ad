/* basin_solve.c -- floating-point solve of the basin QP (Def 2): a primal
   active-set method.

   Why this method: the feasible set is a cone containing z = 0, so a
   feasible start is free; the objective is a least-squares function,
   bounded below, so every equality-constrained subproblem has a minimiser
   (the least-norm step is taken when the Hessian is singular, e.g. for
   inactive neurons or rank-deficient X); and the final working set is
   exactly what the exact certification (basin_certify.c) needs: the face
   on which to solve the KKT system over Q.  The output only guides the
   certificate, so its tolerances affect tightness, never soundness.

   Working set W_j of neuron j: points t with <z_j, x_t> = 0 held; the
   x_t (t in W_j) are kept linearly independent (a blocking constraint
   always is, since the step is orthogonal to the others and not to it).
   With Pi_j the projector onto span{x_t : t in W_j}^perp, the least-norm
   step minimising |M(z + p) - y|^2 over p_j in range(Pi_j) is
   p_j = Pi_j sum_{t: a=+1} c_t x_t with c = -(A A^T)^+ r, where
   (A A^T)_{t,u} = sum_{j: a_{j,t}=a_{j,u}=+1} <Pi_j x_t, Pi_j x_u> (m x m,
   small), r = Mz - y. */
#include <math.h>
#include <string.h>

#include "basin.h"

/* Symmetric eigen-decomposition A = V diag(w) V^T by cyclic Jacobi
   (A overwritten).  Small m: accuracy matters more than speed here. */
static void
jacobi_eig(double *A, double *V, double *w, slong m)
{
    slong i, j, k, sweep;
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
            V[i * m + j] = (i == j);
    for (sweep = 0; sweep < 60; sweep++)
    {
        double off = 0.0, tot = 0.0;
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
            {
                tot += A[i * m + j] * A[i * m + j];
                if (i != j)
                    off += A[i * m + j] * A[i * m + j];
            }
        if (off <= 1e-26 * tot || off == 0.0)
            break;
        for (i = 0; i < m; i++)
            for (j = i + 1; j < m; j++)
            {
                double aij = A[i * m + j], th, t, c, s;
                if (fabs(aij) < 1e-300)
                    continue;
                th = (A[j * m + j] - A[i * m + i]) / (2.0 * aij);
                t = (th >= 0 ? 1.0 : -1.0) / (fabs(th) + sqrt(th * th + 1.0));
                c = 1.0 / sqrt(t * t + 1.0);
                s = t * c;
                for (k = 0; k < m; k++)
                {
                    double aki = A[k * m + i], akj = A[k * m + j];
                    A[k * m + i] = c * aki - s * akj;
                    A[k * m + j] = s * aki + c * akj;
                }
                for (k = 0; k < m; k++)
                {
                    double aik = A[i * m + k], ajk = A[j * m + k];
                    A[i * m + k] = c * aik - s * ajk;
                    A[j * m + k] = s * aik + c * ajk;
                }
                for (k = 0; k < m; k++)
                {
                    double vki = V[k * m + i], vkj = V[k * m + j];
                    V[k * m + i] = c * vki - s * vkj;
                    V[k * m + j] = s * vki + c * vkj;
                }
            }
    }
    for (i = 0; i < m; i++)
        w[i] = A[i * m + i];
}

static double
dotd(const double *u, const double *v, slong d)
{
    double s = 0.0;
    slong i;
    for (i = 0; i < d; i++)
        s += u[i] * v[i];
    return s;
}

/* log2 size of a rational, within 1 */
static slong
qexp(const fmpq_t q)
{
    return (slong) fmpz_bits(fmpq_numref(q)) - (slong) fmpz_bits(fmpq_denref(q));
}

/* Orthonormal basis U (k x d rows) of span{x_t : work_j[t]}; returns k. */
static slong
span_basis(double *U, const double *X, const int *wj, slong m, slong d)
{
    slong t, k = 0, l, pass;
    double *v = flint_malloc(sizeof(double) * (size_t) d);
    for (t = 0; t < m; t++)
    {
        double nx, nv;
        if (!wj[t])
            continue;
        memcpy(v, X + t * d, sizeof(double) * (size_t) d);
        nx = sqrt(dotd(v, v, d));
        for (pass = 0; pass < 2; pass++) /* twice is enough (Kahan) */
            for (l = 0; l < k; l++)
            {
                double c = dotd(U + l * d, v, d);
                slong i;
                for (i = 0; i < d; i++)
                    v[i] -= c * U[l * d + i];
            }
        nv = sqrt(dotd(v, v, d));
        if (nv <= 1e-12 * nx || nv == 0.0)
            continue;
        for (l = 0; l < d; l++)
            U[k * d + l] = v[l] / nv;
        k++;
    }
    flint_free(v);
    return k;
}

/* out = Pi x = x - U^T U x */
static void
project(double *out, const double *U, slong k, const double *x, slong d)
{
    slong l, i;
    memcpy(out, x, sizeof(double) * (size_t) d);
    for (l = 0; l < k; l++)
    {
        double c = dotd(U + l * d, x, d);
        for (i = 0; i < d; i++)
            out[i] -= c * U[l * d + i];
    }
}

/* Orthonormal basis Z (rows) of the orthogonal complement of the rows of
   U (k x d, orthonormal): greedy over the unit vectors, the one with the
   largest residual first (the residual norms squared sum to d - k, so
   the chosen ones are never tiny).  Returns the number of rows. */
static slong
complement_basis(double *Z, const double *U, slong k, slong d, double *v)
{
    slong q = 0, i, l, pass, best;
    while (q < d - k)
    {
        double bn = 1e-16;
        best = -1;
        for (i = 0; i < d; i++)
        {
            double nv;
            memset(v, 0, sizeof(double) * (size_t) d);
            v[i] = 1.0;
            for (pass = 0; pass < 2; pass++)
            {
                for (l = 0; l < k; l++)
                {
                    double c = dotd(U + l * d, v, d);
                    slong ii;
                    for (ii = 0; ii < d; ii++)
                        v[ii] -= c * U[l * d + ii];
                }
                for (l = 0; l < q; l++)
                {
                    double c = dotd(Z + l * d, v, d);
                    slong ii;
                    for (ii = 0; ii < d; ii++)
                        v[ii] -= c * Z[l * d + ii];
                }
            }
            nv = dotd(v, v, d);
            if (nv > bn)
            {
                bn = nv;
                best = i;
                memcpy(Z + q * d, v, sizeof(double) * (size_t) d);
            }
        }
        if (best < 0)
            break;
        bn = sqrt(bn);
        for (l = 0; l < d; l++)
            Z[q * d + l] /= bn;
        q++;
    }
    return q;
}

/* Workspace of the reduced (null-space) step. */
typedef struct
{
    double *H;  /* nd x nd Hessian M^T M, blocks sum_{t: a_jt = a_kt = +1} x_t x_t^T */
    double *Zc; /* nd x d: face basis vectors, Zc[c * d + i] */
    slong *cj;  /* nd: neuron of basis vector c */
    double *T;  /* nd x nd: H Z */
    double *Hr; /* nd x nd: Z^T H Z */
    double *V;  /* nd x nd: eigenvectors */
    double *w;  /* nd: eigenvalues, then scratch */
    double *g;  /* nd: M^T r, then Z^T M^T r */
    double *u;  /* nd */
    int have_h;
} reduced_ws;

/* The least-norm step p minimising |M(z + p) - y|^2 over p_j orthogonal
   to the working rows (U_j, kj[j]), in the K = sum_j (d - kj[j])
   coordinates of the face: p = Z u, u = -(Z^T H Z)^+ Z^T M^T r.  Used
   when K < m: the face dimension, not the number of points, sets the
   cost, and H is formed once per solve.  Z^T H Z = (MZ)^T (MZ) has the
   non-zero spectrum of M Pi M^T, so the cut-off cut means the same as
   in the m x m formulation; Z is orthonormal per block, so the least-norm
   u gives the least-norm p. */
static void
reduced_step(double *p, reduced_ws *S, const double *U, const slong *kj, const double *X, const double *r,
             const basin_t B, double cut)
{
    slong n = B->n, m = B->m, d = B->d, nd = n * d, j, k, t, i, i2, c, c2, K = 0;
    double *v = S->w; /* scratch until the eigenvalues */
    if (!S->have_h)
    {
        memset(S->H, 0, sizeof(double) * (size_t) (nd * nd));
        for (t = 0; t < m; t++)
            for (j = 0; j < n; j++)
                if (B->a[j * m + t] > 0)
                    for (k = 0; k < n; k++)
                        if (B->a[k * m + t] > 0)
                            for (i = 0; i < d; i++)
                                for (i2 = 0; i2 < d; i2++)
                                    S->H[(j * d + i) * nd + k * d + i2] += X[t * d + i] * X[t * d + i2];
        S->have_h = 1;
    }
    for (j = 0; j < n; j++)
    {
        slong q = complement_basis(S->Zc + K * d, U + j * d * d, kj[j], d, v);
        for (c = K; c < K + q; c++)
            S->cj[c] = j;
        K += q;
    }
    memset(p, 0, sizeof(double) * (size_t) nd);
    if (K == 0)
        return;
    /* g = M^T r blockwise, then its face coordinates */
    memset(S->g, 0, sizeof(double) * (size_t) nd);
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    S->g[j * d + i] += r[t] * X[t * d + i];
    for (c = 0; c < K; c++)
        S->u[c] = dotd(S->Zc + c * d, S->g + S->cj[c] * d, d);
    /* T = H Z (nd x K), Hr = Z^T T */
    for (i = 0; i < nd; i++)
        for (c = 0; c < K; c++)
            S->T[i * K + c] = dotd(S->H + i * nd + S->cj[c] * d, S->Zc + c * d, d);
    for (c = 0; c < K; c++)
        for (c2 = 0; c2 <= c; c2++)
        {
            double s = 0.0;
            for (i = 0; i < d; i++)
                s += S->Zc[c * d + i] * S->T[(S->cj[c] * d + i) * K + c2];
            S->Hr[c * K + c2] = S->Hr[c2 * K + c] = s;
        }
    jacobi_eig(S->Hr, S->V, S->w, K);
    /* g (reused) = -(Hr)^+ (Z^T M^T r) with the relative cut-off */
    for (c = 0; c < K; c++)
        S->g[c] = 0.0;
    for (c2 = 0; c2 < K; c2++)
    {
        double s = 0.0;
        if (S->w[c2] <= cut || S->w[c2] <= 0.0)
            continue;
        for (c = 0; c < K; c++)
            s += S->V[c * K + c2] * S->u[c];
        s /= S->w[c2];
        for (c = 0; c < K; c++)
            S->g[c] -= s * S->V[c * K + c2];
    }
    for (c = 0; c < K; c++)
        for (i = 0; i < d; i++)
            p[S->cj[c] * d + i] += S->g[c] * S->Zc[c * d + i];
}

/* Least-squares solve of the small SPD-ish system G mu = h (k x k) by
   Gaussian elimination with partial pivoting; singular pivots give 0. */
static void
small_solve(double *mu, double *G, double *h, slong k)
{
    slong i, j, l;
    for (i = 0; i < k; i++)
    {
        slong p = i;
        for (j = i + 1; j < k; j++)
            if (fabs(G[j * k + i]) > fabs(G[p * k + i]))
                p = j;
        if (p != i)
        {
            for (l = 0; l < k; l++)
            {
                double tmp = G[i * k + l];
                G[i * k + l] = G[p * k + l];
                G[p * k + l] = tmp;
            }
            {
                double tmp = h[i];
                h[i] = h[p];
                h[p] = tmp;
            }
        }
        if (fabs(G[i * k + i]) < 1e-300)
            continue;
        for (j = i + 1; j < k; j++)
        {
            double f = G[j * k + i] / G[i * k + i];
            for (l = i; l < k; l++)
                G[j * k + l] -= f * G[i * k + l];
            h[j] -= f * h[i];
        }
    }
    for (i = k - 1; i >= 0; i--)
    {
        double s = h[i];
        for (l = i + 1; l < k; l++)
            s -= G[i * k + l] * mu[l];
        mu[i] = fabs(G[i * k + i]) < 1e-300 ? 0.0 : s / G[i * k + i];
    }
}

double
_basin_solve_d(double *z, slong *zexp, int *work, double *lam, slong *iters, const basin_t B)
{
    slong n = B->n, m = B->m, d = B->d, j, t, u, i, it, maxit;
    slong ex = WORD_MIN, ey = WORD_MIN, zexp0, Ktot;
    double wmax = 0.0;
    reduced_ws S;
    double *X, *y, *r, *U, *kU, *PX, *AA, *V, *w, *c, *p, *xn, fval = 0.0;
    double *G, *h, *mu;
    slong *kj, *idx;
    fmpq_t q;

    fmpq_init(q);
    /* power-of-two scaling so that data and targets are O(1) in double
       (exact data may be far outside the double range) */
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
            if (!fmpq_is_zero(fmpq_mat_entry(B->X, t, i)))
                ex = FLINT_MAX(ex, qexp(fmpq_mat_entry(B->X, t, i)));
        if (!fmpq_is_zero(B->y + t))
            ey = FLINT_MAX(ey, qexp(B->y + t));
    }
    if (ex == WORD_MIN)
        ex = 0;
    if (ey == WORD_MIN)
        ey = 0;
    *zexp = ey - ex;
    zexp0 = *zexp;
    X = flint_malloc(sizeof(double) * (size_t) (m * d));
    y = flint_malloc(sizeof(double) * (size_t) m);
    xn = flint_malloc(sizeof(double) * (size_t) m);
    for (t = 0; t < m; t++)
    {
        for (i = 0; i < d; i++)
        {
            if (ex >= 0)
                fmpq_div_2exp(q, fmpq_mat_entry(B->X, t, i), (ulong) ex);
            else
                fmpq_mul_2exp(q, fmpq_mat_entry(B->X, t, i), (ulong) (-ex));
            X[t * d + i] = fmpq_get_d(q);
        }
        if (ey >= 0)
            fmpq_div_2exp(q, B->y + t, (ulong) ey);
        else
            fmpq_mul_2exp(q, B->y + t, (ulong) (-ey));
        y[t] = fmpq_get_d(q);
        xn[t] = sqrt(dotd(X + t * d, X + t * d, d));
    }
    fmpq_clear(q);

    r = flint_malloc(sizeof(double) * (size_t) m);
    U = flint_malloc(sizeof(double) * (size_t) (n * d * d));
    kU = NULL;
    kj = flint_malloc(sizeof(slong) * (size_t) n);
    PX = flint_malloc(sizeof(double) * (size_t) (n * m * d));
    AA = flint_malloc(sizeof(double) * (size_t) (m * m));
    V = flint_malloc(sizeof(double) * (size_t) (m * m));
    w = flint_malloc(sizeof(double) * (size_t) m);
    c = flint_malloc(sizeof(double) * (size_t) m);
    p = flint_malloc(sizeof(double) * (size_t) (n * d));
    G = flint_malloc(sizeof(double) * (size_t) (m * m));
    h = flint_malloc(sizeof(double) * (size_t) m);
    mu = flint_malloc(sizeof(double) * (size_t) m);
    idx = flint_malloc(sizeof(slong) * (size_t) m);
    (void) kU;

    /* start at z = 0 (always feasible) or at the network's own point
       z_j = v_j w_j (interior: fewer degenerate zero steps) */
    for (i = 0; i < n * d; i++)
        z[i] = 0.0;
    if (B->start != NULL)
    {
        fmpq_init(q);
        for (i = 0; i < n * d; i++)
        {
            if (zexp0 >= 0)
                fmpq_div_2exp(q, B->start + i, (ulong) zexp0);
            else
                fmpq_mul_2exp(q, B->start + i, (ulong) (-zexp0));
            z[i] = fmpq_get_d(q);
            if (!isfinite(z[i]))
                z[i] = 0.0;
        }
        fmpq_clear(q);
    }
    for (i = 0; i < n * m; i++)
    {
        work[i] = 0;
        lam[i] = 0.0;
    }
    maxit = 20 * (n * m + n * d) + 100;

    /* eigenvalue cut-off relative to the unprojected scale, so that a
       face on which no prediction can move (all of A ~ 0) gives a zero
       step */
    for (t = 0; t < m; t++)
    {
        double s = 0.0;
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                s += xn[t] * xn[t];
        wmax = FLINT_MAX(wmax, s);
    }
    S.H = flint_malloc(sizeof(double) * (size_t) (n * d * n * d));
    S.Zc = flint_malloc(sizeof(double) * (size_t) (n * d * d));
    S.cj = flint_malloc(sizeof(slong) * (size_t) (n * d));
    S.T = flint_malloc(sizeof(double) * (size_t) (n * d * n * d));
    S.Hr = flint_malloc(sizeof(double) * (size_t) (n * d * n * d));
    S.V = flint_malloc(sizeof(double) * (size_t) (n * d * n * d));
    S.w = flint_malloc(sizeof(double) * (size_t) (n * d));
    S.g = flint_malloc(sizeof(double) * (size_t) (n * d));
    S.u = flint_malloc(sizeof(double) * (size_t) (n * d));
    S.have_h = 0;

    for (it = 0; it < maxit; it++)
    {
        double pn = 0.0, zn = 0.0, alpha = 1.0;
        slong bj = -1, bt = -1;
        int stationary = 0;

        /* residual r = Mz - y */
        for (t = 0; t < m; t++)
        {
            r[t] = -y[t];
            for (j = 0; j < n; j++)
                if (B->a[j * m + t] > 0)
                    r[t] += dotd(z + j * d, X + t * d, d);
        }
        Ktot = 0;
        for (j = 0; j < n; j++)
        {
            kj[j] = span_basis(U + j * d * d, X, work + j * m, m, d);
            Ktot += d - kj[j];
        }
        if (Ktot < m)
            reduced_step(p, &S, U, kj, X, r, B, 1e-12 * wmax);
        else
        {
            /* the m x m formulation: fewer points than face dimensions */
            for (j = 0; j < n; j++)
                for (t = 0; t < m; t++)
                    if (B->a[j * m + t] > 0)
                        project(PX + (j * m + t) * d, U + j * d * d, kj[j], X + t * d, d);
            for (t = 0; t < m; t++)
                for (u = 0; u <= t; u++)
                {
                    double s = 0.0;
                    for (j = 0; j < n; j++)
                        if (B->a[j * m + t] > 0 && B->a[j * m + u] > 0)
                            s += dotd(PX + (j * m + t) * d, PX + (j * m + u) * d, d);
                    AA[t * m + u] = AA[u * m + t] = s;
                }
            jacobi_eig(AA, V, w, m);
            /* c = -(AA)^+ r with a relative eigenvalue cut-off */
            for (t = 0; t < m; t++)
                c[t] = 0.0;
            for (u = 0; u < m; u++)
            {
                double s;
                if (w[u] <= 1e-12 * wmax || w[u] <= 0.0)
                    continue;
                s = 0.0;
                for (t = 0; t < m; t++)
                    s += V[t * m + u] * r[t];
                s /= w[u];
                for (t = 0; t < m; t++)
                    c[t] -= s * V[t * m + u];
            }
            for (j = 0; j < n; j++)
            {
                for (i = 0; i < d; i++)
                    p[j * d + i] = 0.0;
                for (t = 0; t < m; t++)
                    if (B->a[j * m + t] > 0)
                        for (i = 0; i < d; i++)
                            p[j * d + i] += c[t] * PX[(j * m + t) * d + i];
            }
        }
        pn = sqrt(dotd(p, p, n * d));
        zn = sqrt(dotd(z, z, n * d));
        if (pn <= 1e-14 * (1.0 + zn))
            stationary = 1;
        else
        {
            /* ratio test over the constraints outside the working set */
            for (j = 0; j < n; j++)
            {
                double pjn = sqrt(dotd(p + j * d, p + j * d, d));
                if (pjn == 0.0)
                    continue;
                for (t = 0; t < m; t++)
                {
                    double s = B->a[j * m + t] * B->b[j], sig, rho, at;
                    if (work[j * m + t] || xn[t] == 0.0)
                        continue;
                    rho = s * dotd(p + j * d, X + t * d, d);
                    if (rho >= -1e-12 * pjn * xn[t])
                        continue;
                    sig = s * dotd(z + j * d, X + t * d, d);
                    at = (sig > 0 ? sig : 0.0) / (-rho);
                    if (at < alpha)
                    {
                        alpha = at;
                        bj = j;
                        bt = t;
                    }
                }
            }
            for (i = 0; i < n * d; i++)
                z[i] += alpha * p[i];
            if (bj >= 0)
                work[bj * m + bt] = 1;
            else
                stationary = 1; /* full step: minimiser on the face */
        }
        if (stationary)
        {
            /* multipliers: sum_{t in W_j} mu_t s_t x_t = sum_{t: a=+1} r_t x_t */
            double worst = 0.0, rmax = 0.0;
            slong wj = -1, wt = -1;
            for (t = 0; t < m; t++)
            {
                r[t] = -y[t];
                for (j = 0; j < n; j++)
                    if (B->a[j * m + t] > 0)
                        r[t] += dotd(z + j * d, X + t * d, d);
                rmax = FLINT_MAX(rmax, fabs(r[t]));
            }
            for (j = 0; j < n; j++)
            {
                slong k = 0, kk;
                double *gj = p; /* reuse p as scratch for the gradient block */
                for (i = 0; i < d; i++)
                    gj[i] = 0.0;
                for (t = 0; t < m; t++)
                    if (B->a[j * m + t] > 0)
                        for (i = 0; i < d; i++)
                            gj[i] += r[t] * X[t * d + i];
                for (t = 0; t < m; t++)
                    if (work[j * m + t])
                        idx[k++] = t;
                for (kk = 0; kk < k; kk++)
                {
                    double skk = B->a[j * m + idx[kk]] * B->b[j];
                    for (u = 0; u < k; u++)
                    {
                        double su = B->a[j * m + idx[u]] * B->b[j];
                        G[kk * k + u] = skk * su * dotd(X + idx[kk] * d, X + idx[u] * d, d);
                    }
                    h[kk] = skk * dotd(X + idx[kk] * d, gj, d);
                }
                small_solve(mu, G, h, k);
                for (kk = 0; kk < k; kk++)
                {
                    double v = mu[kk] * xn[idx[kk]];
                    lam[j * m + idx[kk]] = mu[kk];
                    if (v < worst)
                    {
                        worst = v;
                        wj = j;
                        wt = idx[kk];
                    }
                }
            }
            if (wj < 0 || worst >= -1e-11 * (1.0 + rmax))
            {
                fval = 0.0;
                for (t = 0; t < m; t++)
                    fval += r[t] * r[t];
                fval /= (double) m;
                it++;
                break;
            }
            work[wj * m + wt] = 0; /* drop the most negative multiplier */
            lam[wj * m + wt] = 0.0;
        }
    }
    *iters = it;
    fval = ldexp(fval, (int) FLINT_MIN(FLINT_MAX(2 * ey, -2000), 2000));

    flint_free(X);
    flint_free(y);
    flint_free(xn);
    flint_free(r);
    flint_free(U);
    flint_free(kj);
    flint_free(PX);
    flint_free(AA);
    flint_free(V);
    flint_free(w);
    flint_free(c);
    flint_free(p);
    flint_free(G);
    flint_free(h);
    flint_free(mu);
    flint_free(idx);
    flint_free(S.H);
    flint_free(S.Zc);
    flint_free(S.cj);
    flint_free(S.T);
    flint_free(S.Hr);
    flint_free(S.V);
    flint_free(S.w);
    flint_free(S.g);
    flint_free(S.u);
    return fval;
}

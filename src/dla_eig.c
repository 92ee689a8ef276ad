/* dla_eig.c -- one eigenpair of a symmetric matrix in double:
   Householder reduction to tridiagonal form (Golub and Van Loan,
   Alg. 8.3.1), Sturm-sequence bisection for the eigenvalue of a given
   rank, inverse iteration on the full matrix for its vector (dla.h). */
#include <math.h>
#include <string.h>

#include "dla.h"

/* Reduces the symmetric n x n matrix T (lower triangle read, destroyed)
   to tridiagonal form: diagonal dg[0..n-1], off-diagonal of[0..n-2]. */
static void
tridiag(double *T, double *dg, double *of, slong n)
{
    slong k, i, j;
    double *v = flint_malloc(sizeof(double) * n), *p = flint_malloc(sizeof(double) * n);
    /* symmetrise from the lower triangle */
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            T[i * n + j] = T[j * n + i];
    for (k = 0; k + 2 < n; k++)
    {
        slong m = n - k - 1;
        double alpha, sigma = 0, beta, vv, K;
        for (i = 0; i < m; i++)
        {
            v[i] = T[(k + 1 + i) * n + k];
            sigma += v[i] * v[i];
        }
        sigma = sqrt(sigma);
        if (sigma == 0)
        {
            of[k] = 0;
            continue;
        }
        alpha = v[0] >= 0 ? -sigma : sigma;
        v[0] -= alpha;
        vv = 0;
        for (i = 0; i < m; i++)
            vv += v[i] * v[i];
        beta = 2 / vv;
        /* p = beta A v on the trailing block */
        for (i = 0; i < m; i++)
        {
            double s = 0;
            const double *row = T + (k + 1 + i) * n + k + 1;
            for (j = 0; j < m; j++)
                s += row[j] * v[j];
            p[i] = beta * s;
        }
        K = 0;
        for (i = 0; i < m; i++)
            K += p[i] * v[i];
        K *= beta / 2;
        for (i = 0; i < m; i++)
            p[i] -= K * v[i];
        for (i = 0; i < m; i++)
        {
            double *row = T + (k + 1 + i) * n + k + 1;
            for (j = 0; j < m; j++)
                row[j] -= v[i] * p[j] + p[i] * v[j];
        }
        of[k] = alpha;
    }
    for (i = 0; i < n; i++)
        dg[i] = T[i * n + i];
    if (n >= 2)
        of[n - 2] = T[(n - 1) * n + n - 2];
    flint_free(v);
    flint_free(p);
}

/* Number of eigenvalues of the tridiagonal matrix below x. */
static slong
sturm(const double *dg, const double *of, slong n, double x)
{
    slong i, cnt = 0;
    double q = 1;
    for (i = 0; i < n; i++)
    {
        double e2 = i > 0 ? of[i - 1] * of[i - 1] : 0;
        q = dg[i] - x - (i > 0 ? e2 / q : 0);
        if (q == 0)
            q = -1e-300;
        if (q < 0)
            cnt++;
    }
    return cnt;
}

double
dla_sym_eig(double *vec, const double *A, slong n, slong r)
{
    double *T, *dg, *of, lo, hi, lam;
    slong i, it;

    for (i = 0; i < n * n; i++)
        if (!isfinite(A[i]))
            return NAN;
    T = flint_malloc(sizeof(double) * n * n);
    dg = flint_malloc(sizeof(double) * n);
    of = flint_malloc(sizeof(double) * (n + 1));
    memcpy(T, A, sizeof(double) * n * n);
    tridiag(T, dg, of, n);
    /* Gershgorin interval of the tridiagonal matrix */
    lo = hi = dg[0];
    for (i = 0; i < n; i++)
    {
        double rad = (i > 0 ? fabs(of[i - 1]) : 0) + (i + 1 < n ? fabs(of[i]) : 0);
        if (dg[i] - rad < lo)
            lo = dg[i] - rad;
        if (dg[i] + rad > hi)
            hi = dg[i] + rad;
    }
    {
        double pad = 1e-12 * (fabs(lo) + fabs(hi)) + 1e-300;
        lo -= pad;
        hi += pad;
    }
    /* the (r+1)-th smallest: the least x with sturm(x) >= r + 1 */
    for (it = 0; it < 200 && hi - lo > 4e-16 * (fabs(lo) + fabs(hi)); it++)
    {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            break;
        if (sturm(dg, of, n, mid) >= r + 1)
            hi = mid;
        else
            lo = mid;
    }
    lam = lo + (hi - lo) / 2;
    if (vec != NULL)
    {
        /* inverse iteration with A - lam I (slightly shifted so that the
           factorisation exists) */
        double *M = T;
        slong *perm = flint_malloc(sizeof(slong) * n);
        double shift = lam - 1e-13 * (fabs(lam) + 1e-300) - 1e-300;
        double nrm;
        int ok;
        for (i = 0; i < n * n; i++)
            M[i] = A[i];
        for (i = 0; i < n; i++)
            for (it = i + 1; it < n; it++)
                M[i * n + it] = A[it * n + i];
        for (i = 0; i < n; i++)
            M[i * n + i] -= shift;
        ok = dla_lu(M, perm, n);
        if (ok != 0)
        {
            /* exactly singular: perturb the shift */
            for (i = 0; i < n * n; i++)
                M[i] = A[i];
            for (i = 0; i < n; i++)
                for (it = i + 1; it < n; it++)
                    M[i * n + it] = A[it * n + i];
            shift = lam - 1e-9 * (fabs(lam) + 1);
            for (i = 0; i < n; i++)
                M[i * n + i] -= shift;
            ok = dla_lu(M, perm, n);
        }
        for (i = 0; i < n; i++)
            vec[i] = 1.0 + 0.001 * (double) ((i * 7919) % 97);
        if (ok == 0)
            for (it = 0; it < 4; it++)
            {
                dla_lu_solve(vec, M, perm, vec, n);
                nrm = dla_norm(vec, n);
                if (!(nrm > 0) || !isfinite(nrm))
                    break;
                for (i = 0; i < n; i++)
                    vec[i] /= nrm;
            }
        flint_free(perm);
    }
    flint_free(T);
    flint_free(dg);
    flint_free(of);
    return lam;
}

/* dla_lu.c -- LU with partial pivoting, solves, inverse and the shifted
   Cholesky factor, in double (dla.h). */
#include <math.h>
#include <string.h>

#include "dla.h"

int
dla_lu(double *A, slong *perm, slong n)
{
    slong i, j, k;
    for (i = 0; i < n; i++)
        perm[i] = i;
    for (k = 0; k < n; k++)
    {
        slong p = k;
        double best = fabs(A[k * n + k]);
        for (i = k + 1; i < n; i++)
            if (fabs(A[i * n + k]) > best)
            {
                best = fabs(A[i * n + k]);
                p = i;
            }
        if (!(best > 0) || !isfinite(best))
            return -1;
        if (p != k)
        {
            slong t = perm[k];
            perm[k] = perm[p];
            perm[p] = t;
            for (j = 0; j < n; j++)
            {
                double x = A[k * n + j];
                A[k * n + j] = A[p * n + j];
                A[p * n + j] = x;
            }
        }
        for (i = k + 1; i < n; i++)
        {
            double m = A[i * n + k] / A[k * n + k];
            double *ri = A + i * n;
            const double *rk = A + k * n;
            ri[k] = m;
            if (m != 0)
                for (j = k + 1; j < n; j++)
                    ri[j] -= m * rk[j];
        }
    }
    return 0;
}

void
dla_lu_solve(double *x, const double *LU, const slong *perm, const double *b, slong n)
{
    slong i, j;
    double *y = flint_malloc(sizeof(double) * n);
    for (i = 0; i < n; i++)
    {
        double s = b[perm[i]];
        for (j = 0; j < i; j++)
            s -= LU[i * n + j] * y[j];
        y[i] = s;
    }
    for (i = n - 1; i >= 0; i--)
    {
        double s = y[i];
        for (j = i + 1; j < n; j++)
            s -= LU[i * n + j] * y[j];
        y[i] = s / LU[i * n + i];
    }
    memcpy(x, y, sizeof(double) * n);
    flint_free(y);
}

int
dla_inv(double *X, const double *A, slong n)
{
    slong i, j, k;
    double *LU = flint_malloc(sizeof(double) * n * n);
    slong *perm = flint_malloc(sizeof(slong) * n);
    int r;
    memcpy(LU, A, sizeof(double) * n * n);
    r = dla_lu(LU, perm, n);
    if (r == 0)
    {
        /* solve L U X = P for all columns at once, row by row, so that the
           inner loops are contiguous updates (no reductions) */
        for (i = 0; i < n * n; i++)
            X[i] = 0;
        for (i = 0; i < n; i++)
            X[i * n + perm[i]] = 1;
        for (i = 0; i < n; i++)
        {
            double *xi = X + i * n;
            for (k = 0; k < i; k++)
            {
                const double l = LU[i * n + k], *xk = X + k * n;
                if (l != 0)
                    for (j = 0; j < n; j++)
                        xi[j] -= l * xk[j];
            }
        }
        for (i = n - 1; i >= 0; i--)
        {
            double *xi = X + i * n, p = LU[i * n + i];
            for (k = i + 1; k < n; k++)
            {
                const double u = LU[i * n + k], *xk = X + k * n;
                if (u != 0)
                    for (j = 0; j < n; j++)
                        xi[j] -= u * xk[j];
            }
            for (j = 0; j < n; j++)
                xi[j] /= p;
        }
    }
    flint_free(LU);
    flint_free(perm);
    return r;
}

int
dla_solve(double *x, const double *A, const double *b, slong n)
{
    double *LU = flint_malloc(sizeof(double) * n * n);
    slong *perm = flint_malloc(sizeof(slong) * n);
    int r;
    memcpy(LU, A, sizeof(double) * n * n);
    r = dla_lu(LU, perm, n);
    if (r == 0)
        dla_lu_solve(x, LU, perm, b, n);
    flint_free(LU);
    flint_free(perm);
    return r;
}

int
dla_cholesky_shift(double *L, const double *A, double s, slong n)
{
    slong i, j, k;
    for (i = 0; i < n * n; i++)
        L[i] = 0;
    for (j = 0; j < n; j++)
    {
        double x = A[j * n + j] - s;
        const double *lj = L + j * n;
        for (k = 0; k < j; k++)
            x -= lj[k] * lj[k];
        if (!(x > 0) || !isfinite(x))
            return -1;
        x = sqrt(x);
        L[j * n + j] = x;
        for (i = j + 1; i < n; i++)
        {
            double y = A[i * n + j];
            const double *li = L + i * n;
            for (k = 0; k < j; k++)
                y -= li[k] * lj[k];
            L[i * n + j] = y / x;
        }
    }
    return 0;
}

double
dla_norm(const double *x, slong len)
{
    slong i;
    double s = 0, m = 0;
    for (i = 0; i < len; i++)
        if (fabs(x[i]) > m)
            m = fabs(x[i]);
    if (m == 0 || !isfinite(m))
        return m;
    for (i = 0; i < len; i++)
        s += (x[i] / m) * (x[i] / m);
    return m * sqrt(s);
}

/* pop_d.c -- the objective, its gradient and Hessian in double (no error
   bound): the engine of descents and of the refinement that precedes a
   certificate.  Same formulas as the ball version (pop.h). */
#include <math.h>
#include <string.h>

#include "pop.h"

#define PI_D 3.14159265358979323846

/* A pair in double: S, pi - theta, and a, b (when S > 0). */
typedef struct
{
    double nu2, nv2, c, S, pmt;
    int deg; /* 0 generic, 1 parallel, 2 antiparallel */
} pair_d;

/* Below this relative size of S^2 the minors replace |u|^2|v|^2 - c^2,
   which cancels for nearly parallel vectors. */
#define NEAR_PARALLEL 1e-6

static void
pair_d_set(pair_d *P, double *a, double *b, const double *u, const double *v, slong d)
{
    slong i, j;
    double nu2 = 0, nv2 = 0, c = 0, s2;
    for (i = 0; i < d; i++)
    {
        nu2 += u[i] * u[i];
        nv2 += v[i] * v[i];
        c += u[i] * v[i];
    }
    s2 = nu2 * nv2 - c * c;
    P->nu2 = nu2;
    P->nv2 = nv2;
    P->c = c;
    if (s2 < NEAR_PARALLEL * nu2 * nv2)
    {
        s2 = 0;
        for (i = 0; i < d; i++)
            a[i] = b[i] = 0;
        for (i = 0; i < d; i++)
            for (j = i + 1; j < d; j++)
            {
                double m = u[i] * v[j] - u[j] * v[i];
                s2 += m * m;
                a[j] += u[i] * m;
                a[i] -= u[j] * m;
                b[i] += v[j] * m;
                b[j] -= v[i] * m;
            }
    }
    else
        for (i = 0; i < d; i++)
        {
            a[i] = nu2 * v[i] - c * u[i];
            b[i] = nv2 * u[i] - c * v[i];
        }
    P->S = sqrt(s2);
    P->deg = 0;
    if (P->S == 0)
        P->deg = c > 0 ? 1 : 2;
    P->pmt = PI_D - atan2(P->S, c);
}

static double
pair_d_f(const pair_d *P)
{
    if (P->deg == 1)
        return P->c / 2;
    if (P->deg == 2)
        return 0;
    return (P->S + P->pmt * P->c) / (2 * PI_D);
}

/* g += s * g(u, v) */
static void
pair_d_g(double *g, double s, const pair_d *P, const double *u, const double *v, slong d)
{
    slong i;
    double su, sv;
    if (P->deg == 1)
    {
        for (i = 0; i < d; i++)
            g[i] += s * v[i] / 2;
        return;
    }
    if (P->deg == 2)
        return;
    su = s * P->S / P->nu2 / (2 * PI_D);
    sv = s * P->pmt / (2 * PI_D);
    for (i = 0; i < d; i++)
        g[i] += su * u[i] + sv * v[i];
}

/* H (row stride ld) += s * h1(u, v) */
static void
pair_d_h1(double *H, slong ld, double s, const pair_d *P, const double *u, const double *a, slong d)
{
    slong i, j;
    double kap, kn, ga;
    if (P->deg)
        return;
    kap = s * P->S / P->nu2 / (2 * PI_D);
    kn = kap / P->nu2;
    ga = s / (2 * PI_D * P->nu2 * P->nu2 * P->S);
    for (i = 0; i < d; i++)
    {
        H[i * ld + i] += kap;
        for (j = 0; j < d; j++)
            H[i * ld + j] += ga * a[i] * a[j] - kn * u[i] * u[j];
    }
}

/* H (row stride ld) = h2(u, v) */
static void
pair_d_h2(double *H, slong ld, const pair_d *P, const double *u, const double *v, const double *a,
          const double *b, slong d)
{
    slong i, j;
    double dg, be, ga;
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
            H[i * ld + j] = 0;
    if (P->deg == 2)
        return;
    if (P->deg == 1)
    {
        for (i = 0; i < d; i++)
            H[i * ld + i] = 0.5;
        return;
    }
    dg = P->pmt / (2 * PI_D);
    be = P->S / (P->nu2 * P->nv2) / (2 * PI_D);
    ga = 1 / (2 * PI_D * P->nu2 * P->nv2 * P->S);
    for (i = 0; i < d; i++)
    {
        H[i * ld + i] = dg;
        for (j = 0; j < d; j++)
            H[i * ld + j] += be * u[i] * v[j] + ga * a[i] * b[j];
    }
}

static int
row_zero(const double *u, slong d)
{
    slong i;
    for (i = 0; i < d; i++)
        if (u[i] != 0)
            return 0;
    return 1;
}

double
pop_eval_d(double *F, double *G, double *H, const double *W, slong n, const double *V, slong k, slong d)
{
    slong i, i2, j, j2, a, N = n * d;
    double f = 0;
    double *A = flint_malloc(sizeof(double) * 2 * d), *B = A + d;
    pair_d P;
    int zero = 0;

    for (i = 0; i < n; i++)
        if (row_zero(W + i * d, d))
            zero = 1;
    if (G != NULL)
        for (i = 0; i < N; i++)
            G[i] = zero ? NAN : 0.5 * W[i];
    if (H != NULL)
        for (i = 0; i < N * N; i++)
            H[i] = zero ? NAN : 0;
    if (H != NULL && !zero)
        for (i = 0; i < N; i++)
            H[i * N + i] = 0.5;
    if (zero)
    {
        G = NULL;
        H = NULL;
    }
    for (i = 0; i < n; i++)
        for (a = 0; a < d; a++)
            f += W[i * d + a] * W[i * d + a] / 4;
    for (j = 0; j < k; j++)
        for (a = 0; a < d; a++)
            f += V[j * d + a] * V[j * d + a] / 4;

    for (i = 0; i < n; i++)
        for (i2 = i + 1; i2 < n; i2++)
        {
            const double *u = W + i * d, *v = W + i2 * d;
            if (row_zero(u, d) || row_zero(v, d))
                continue;
            pair_d_set(&P, A, B, u, v, d);
            f += pair_d_f(&P);
            if (G != NULL)
            {
                pair_d_g(G + i * d, 1, &P, u, v, d);
                /* g(v, u): roles exchanged */
                {
                    pair_d Q = P;
                    Q.nu2 = P.nv2;
                    Q.nv2 = P.nu2;
                    pair_d_g(G + i2 * d, 1, &Q, v, u, d);
                }
            }
            if (H != NULL)
            {
                pair_d Q = P;
                Q.nu2 = P.nv2;
                Q.nv2 = P.nu2;
                pair_d_h2(H + i * d * N + i2 * d, N, &P, u, v, A, B, d);
                for (a = 0; a < d; a++)
                    for (j = 0; j < d; j++)
                        H[(i2 * d + j) * N + i * d + a] = H[(i * d + a) * N + i2 * d + j];
                pair_d_h1(H + i * d * N + i * d, N, 1, &P, u, A, d);
                pair_d_h1(H + i2 * d * N + i2 * d, N, 1, &Q, v, B, d);
            }
        }
    for (i = 0; i < n; i++)
        for (j = 0; j < k; j++)
        {
            const double *u = W + i * d, *v = V + j * d;
            if (row_zero(u, d) || row_zero(v, d))
                continue;
            pair_d_set(&P, A, B, u, v, d);
            f -= pair_d_f(&P);
            if (G != NULL)
                pair_d_g(G + i * d, -1, &P, u, v, d);
            if (H != NULL)
                pair_d_h1(H + i * d * N + i * d, N, -1, &P, u, A, d);
        }
    for (j = 0; j < k; j++)
        for (j2 = j + 1; j2 < k; j2++)
        {
            const double *u = V + j * d, *v = V + j2 * d;
            if (row_zero(u, d) || row_zero(v, d))
                continue;
            pair_d_set(&P, A, B, u, v, d);
            f += pair_d_f(&P);
        }
    flint_free(A);
    if (F != NULL)
        *F = f;
    return f;
}

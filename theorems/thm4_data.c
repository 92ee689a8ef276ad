/* thm4_data.c -- Theorem 4's data sets: rank(X) = m decided exactly,
   the exact right inverse P = X^T (X X^T)^{-1} used by the construction
   of B.6, the generators (orthogonal, Gaussian, nearly dependent), the
   user's file, and the exact activation signs of a network on them. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "csv.h"
#include "thm4.h"

#define U_ROUND 0x1p-53
#define ETA 0x1p-1074

/* scale of the perturbation of the nearly dependent data */
#define ILLCOND_EXP (-20)

static const char *const kind_names[THM4_DATA_COUNT] = {"orth", "gauss", "illcond"};

const char *
thm4_data_name(thm4_data_kind kind)
{
    return (kind >= 0 && kind < THM4_DATA_COUNT) ? kind_names[kind] : "?";
}

void
thm4_data_init(thm4_data_t D)
{
    memset(D, 0, sizeof(thm4_data_struct));
    fmpq_mat_init(D->X, 0, 0);
    fmpz_mat_init(D->Xn, 0, 0);
    fmpz_mat_init(D->Pn, 0, 0);
    fmpz_init(D->delta);
    fmpz_init(D->pi);
}

void
thm4_data_clear(thm4_data_t D)
{
    fmpq_mat_clear(D->X);
    fmpz_mat_clear(D->Xn);
    fmpz_mat_clear(D->Pn);
    fmpz_clear(D->delta);
    fmpz_clear(D->pi);
    if (D->y != NULL)
        _fmpq_vec_clear(D->y, D->m);
    flint_free(D->Xd);
    flint_free(D->Pd);
    flint_free(D->comp);
    memset(D, 0, sizeof(thm4_data_struct));
}

/* union-find root with path halving */
static slong
uf_root(slong *p, slong i)
{
    while (p[i] != i)
    {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

slong
thm4_data_set(thm4_data_t D, const fmpq_mat_t X, const fmpq *y)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, s, j;
    fmpz_mat_t G, Gi, XnT, T;
    fmpz_t den, g;

    thm4_data_clear(D);
    thm4_data_init(D);
    D->m = m;
    D->d = d;
    fmpq_mat_clear(D->X);
    fmpq_mat_init(D->X, m, d);
    fmpq_mat_set(D->X, X);
    D->y = _fmpq_vec_init(m);
    for (t = 0; t < m; t++)
        fmpq_set(D->y + t, y + t);
    D->Xd = flint_malloc(sizeof(double) * (size_t) (m * d));
    D->Pd = flint_calloc((size_t) (m * d), sizeof(double));
    D->comp = flint_malloc(sizeof(slong) * (size_t) m);

    /* doubles, and whether they are the data exactly */
    D->dyadic = 1;
    {
        fmpq_t q;
        fmpq_init(q);
        for (t = 0; t < m; t++)
            for (j = 0; j < d; j++)
            {
                double x = fmpq_get_d(fmpq_mat_entry(X, t, j));
                D->Xd[t * d + j] = x;
                if (!isfinite(x))
                    D->dyadic = 0;
                else
                {
                    bc_fmpq_set_d(q, x);
                    if (!fmpq_equal(q, fmpq_mat_entry(X, t, j)))
                        D->dyadic = 0;
                }
            }
        fmpq_clear(q);
    }

    /* Xn = delta X with delta the common denominator; rank over Q is
       the rank of the integer matrix (delta > 0) */
    fmpz_mat_clear(D->Xn);
    fmpz_mat_init(D->Xn, m, d);
    fmpq_mat_get_fmpz_mat_matwise(D->Xn, D->delta, X);
    D->rank = fmpz_mat_rank(D->Xn);

    /* the orthogonality graph, from the exact Gram matrix */
    fmpz_mat_init(G, m, m);
    fmpz_mat_init(XnT, d, m);
    fmpz_mat_transpose(XnT, D->Xn);
    fmpz_mat_mul(G, D->Xn, XnT);
    for (t = 0; t < m; t++)
        D->comp[t] = t;
    D->orthogonal = 1;
    for (t = 0; t < m; t++)
        for (s = t + 1; s < m; s++)
            if (!fmpz_is_zero(fmpz_mat_entry(G, t, s)))
            {
                slong a = uf_root(D->comp, t), b = uf_root(D->comp, s);
                D->orthogonal = 0;
                if (a != b)
                    D->comp[a < b ? b : a] = a < b ? a : b;
            }
    for (t = 0; t < m; t++)
        D->comp[t] = uf_root(D->comp, t);
    /* renumber components 0..ncomp-1 in order of first point */
    {
        slong *lab = flint_malloc(sizeof(slong) * (size_t) m);
        for (t = 0; t < m; t++)
            lab[t] = -1;
        D->ncomp = 0;
        for (t = 0; t < m; t++)
        {
            if (lab[D->comp[t]] < 0)
                lab[D->comp[t]] = D->ncomp++;
            D->comp[t] = lab[D->comp[t]];
        }
        flint_free(lab);
    }

    if (D->rank == m)
    {
        /* P = X^T (X X^T)^{-1} = delta Xn^T Gn^{-1}, Gn^{-1} = Gi / den */
        fmpz_mat_init(Gi, m, m);
        fmpz_mat_init(T, m, m);
        fmpz_init(den);
        fmpz_init(g);
        if (!fmpz_mat_inv(Gi, den, G))
            flint_abort(); /* rank m implies X X^T invertible */
        if (fmpz_sgn(den) < 0)
        {
            fmpz_neg(den, den);
            fmpz_mat_neg(Gi, Gi);
        }
        fmpz_mat_clear(D->Pn);
        fmpz_mat_init(D->Pn, d, m);
        fmpz_mat_mul(D->Pn, XnT, Gi);
        fmpz_mat_scalar_mul_fmpz(D->Pn, D->Pn, D->delta);
        fmpz_set(D->pi, den);
        /* reduce Pn / pi by the common content */
        fmpz_mat_content(g, D->Pn);
        fmpz_gcd(g, g, D->pi);
        if (!fmpz_is_zero(g) && !fmpz_is_one(g))
        {
            fmpz_mat_scalar_divexact_fmpz(D->Pn, D->Pn, g);
            fmpz_divexact(D->pi, D->pi, g);
        }
        /* X P = I exactly: Xn Pn = delta pi I */
        fmpz_mat_mul(T, D->Xn, D->Pn);
        fmpz_mul(g, D->delta, D->pi);
        D->full = 1;
        for (t = 0; t < m; t++)
            for (s = 0; s < m; s++)
                if (t == s ? !fmpz_equal(fmpz_mat_entry(T, t, s), g) : !fmpz_is_zero(fmpz_mat_entry(T, t, s)))
                    D->full = 0;
        for (j = 0; j < d; j++)
            for (t = 0; t < m; t++)
            {
                fmpq_t q;
                fmpq_init(q);
                fmpq_set_fmpz_frac(q, fmpz_mat_entry(D->Pn, j, t), D->pi);
                D->Pd[j * m + t] = fmpq_get_d(q);
                fmpq_clear(q);
            }
        fmpz_mat_clear(Gi);
        fmpz_mat_clear(T);
        fmpz_clear(den);
        fmpz_clear(g);
    }
    fmpz_mat_clear(G);
    fmpz_mat_clear(XnT);
    return D->rank;
}

slong
thm4_data_generate(thm4_data_t D, thm4_data_kind kind, slong m, slong d, rng_t rng)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    double *u = flint_malloc(sizeof(double) * (size_t) d);
    slong t, j, r;

    fmpq_mat_init(X, m, d);
    if (kind == THM4_DATA_ORTH)
    {
        /* m distinct rows of the Sylvester Hadamard matrix
           H_{t,j} = (-1)^{popcount(t & j)}, random column signs and
           row scales in {1, 9/8, ..., 2}: orthogonal rows, exactly */
        slong *perm = flint_malloc(sizeof(slong) * (size_t) d);
        if ((d & (d - 1)) != 0 || m > d)
            flint_abort();
        for (j = 0; j < d; j++)
            perm[j] = j;
        for (j = d - 1; j > 0; j--)
        {
            slong k = (slong) rng_below(rng, (uint64_t) (j + 1)), tmp = perm[j];
            perm[j] = perm[k];
            perm[k] = tmp;
        }
        for (j = 0; j < d; j++)
            u[j] = (rng_u32(rng) & 1) ? 1.0 : -1.0;
        for (t = 0; t < m; t++)
        {
            double sc = (double) (8 + (slong) rng_below(rng, 9)) / 8.0;
            for (j = 0; j < d; j++)
            {
                int par = __builtin_popcountl((unsigned long) (perm[t] & j)) & 1;
                bc_fmpq_set_d(fmpq_mat_entry(X, t, j), (par ? -1.0 : 1.0) * u[j] * sc);
            }
        }
        flint_free(perm);
    }
    else if (kind == THM4_DATA_ILLCOND)
    {
        for (j = 0; j < d; j++)
            u[j] = rng_normal(rng);
        for (t = 0; t < m; t++)
            for (j = 0; j < d; j++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, j), u[j] + ldexp(rng_normal(rng), ILLCOND_EXP));
    }
    else
    {
        for (t = 0; t < m; t++)
            for (j = 0; j < d; j++)
                bc_fmpq_set_d(fmpq_mat_entry(X, t, j), rng_normal(rng));
    }
    for (t = 0; t < m; t++)
        bc_fmpq_set_d(y + t, rng_normal(rng));
    r = thm4_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
    flint_free(u);
    return r;
}

slong
thm4_first_dependent(const fmpq_mat_t X)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, j;
    fmpz_mat_t A;
    fmpz_t den;
    fmpq_mat_t R;
    slong res = -1;

    fmpz_init(den);
    for (t = 1; t <= m && res < 0; t++)
    {
        fmpq_mat_init(R, t, d);
        fmpz_mat_init(A, t, d);
        for (j = 0; j < t * d; j++)
            fmpq_set(fmpq_mat_entry(R, j / d, j % d), fmpq_mat_entry(X, j / d, j % d));
        fmpq_mat_get_fmpz_mat_matwise(A, den, R);
        if (fmpz_mat_rank(A) < t)
            res = t - 1;
        fmpz_mat_clear(A);
        fmpq_mat_clear(R);
    }
    fmpz_clear(den);
    return res;
}

int
thm4_data_read(thm4_data_t D, const char *path, char *err, size_t errlen)
{
    csv_table_t T;
    fmpq_mat_t X;
    fmpq *y;
    slong m, d, t, j, bad;
    int rc = 0;

    csv_table_init(T);
    if (csv_read(T, path, err, errlen) != 0)
    {
        csv_table_clear(T);
        return 1;
    }
    m = T->rows;
    d = T->cols - 1;
    if (d < 1)
    {
        snprintf(err, errlen, "%s: expected at least 2 columns per line (x_1,...,x_d,y), found %ld", path,
                 (long) T->cols);
        csv_table_clear(T);
        return 1;
    }
    fmpq_mat_init(X, m, d);
    y = _fmpq_vec_init(m);
    for (t = 0; t < m; t++)
    {
        for (j = 0; j < d; j++)
            fmpq_set(fmpq_mat_entry(X, t, j), csv_table_entry(T, t, j));
        fmpq_set(y + t, csv_table_entry(T, t, d));
    }
    if (thm4_data_set(D, X, y) < m || !D->full)
    {
        slong *lines = csv_row_lines(path, m);
        bad = thm4_first_dependent(X);
        if (bad < 0)
            bad = m - 1;
        if (lines != NULL)
            snprintf(err, errlen,
                     "%s:%ld: point %ld is a linear combination of the points above it: rank(X) = %ld < m = "
                     "%ld%s (Theorem 4 needs rank(X) = m)",
                     path, (long) lines[bad], (long) (bad + 1), (long) D->rank, (long) m,
                     m > d ? ", more points than dimensions" : "");
        else
            snprintf(err, errlen,
                     "%s: point %ld is a linear combination of the points above it: rank(X) = %ld < m = %ld "
                     "(Theorem 4 needs rank(X) = m)",
                     path, (long) (bad + 1), (long) D->rank, (long) m);
        flint_free(lines);
        rc = 1;
    }
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
    csv_table_clear(T);
    return rc;
}

/* exact sign of <w, x_t> with w given as doubles */
static int
sign_exact(const thm4_data_t D, const double *w, slong t)
{
    fmpq_t acc, q;
    slong j;
    int s;
    fmpq_init(acc);
    fmpq_init(q);
    for (j = 0; j < D->d; j++)
    {
        bc_fmpq_set_d(q, w[j]);
        fmpq_addmul(acc, q, fmpq_mat_entry(D->X, t, j));
    }
    s = fmpq_sgn(acc);
    fmpq_clear(acc);
    fmpq_clear(q);
    return s;
}

int
thm4_signs(int *a, int *b, const thm4_data_t D, const double *W, const double *v, slong n, ulong *escal)
{
    slong i, t, j, m = D->m, d = D->d;
    int boundary = 0;
    /* recursive summation of d products (Higham Thm 3.1 with underflow),
       the bound's own rounding covered as in net_eval_d.c */
    double gam = 1.01 * (double) (d + 1) * U_ROUND;
    double inflate = 1.0 + 4.0 * (double) (d + 8) * U_ROUND;

    for (i = 0; i < n; i++)
    {
        const double *w = W + i * d;
        b[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        if (b[i] == 0)
            boundary = 1;
        for (t = 0; t < m; t++)
        {
            int s = 2; /* undecided */
            if (D->dyadic)
            {
                const double *x = D->Xd + t * d;
                double z = 0.0, A = 0.0, bound;
                for (j = 0; j < d; j++)
                {
                    double p = w[j] * x[j];
                    z += p;
                    A += fabs(p);
                }
                bound = gam * A * inflate + (double) (d + 2) * ETA;
                if (isfinite(z) && isfinite(bound))
                    s = z > bound ? 1 : (z < -bound ? -1 : 2);
            }
            if (s == 2)
            {
                s = sign_exact(D, w, t);
                if (escal != NULL)
                    (*escal)++;
            }
            a[i * m + t] = s;
            if (s == 0)
                boundary = 1;
        }
    }
    return boundary;
}

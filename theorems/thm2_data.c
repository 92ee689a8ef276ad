/* thm2_data.c -- Theorem 2's singleton data (singleton.h): the
   generators (chosen sides, random), the user's file, and the exact
   signs of a network on them. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "csv.h"
#include "thm2.h"

/* shuffles the rows of (X, y) in place (Fisher-Yates) */
static void
shuffle_rows(fmpq_mat_t X, fmpq *y, rng_t rng)
{
    slong t, j, m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X);
    for (t = m - 1; t > 0; t--)
    {
        slong u = (slong) rng_below(rng, (uint64_t) (t + 1));
        if (u == t)
            continue;
        for (j = 0; j < d; j++)
            fmpq_swap(fmpq_mat_entry(X, t, j), fmpq_mat_entry(X, u, j));
        fmpq_swap(y + t, y + u);
    }
}

void
thm2_data_sides(singleton_data_t D, slong d, const slong *count, const int *need, rng_t rng)
{
    slong k, m = 0, t = 0, i;
    fmpq_mat_t X;
    fmpq *y;

    for (k = 0; k < 2 * d; k++)
        m += count[k];
    fmpq_mat_init(X, m, d);
    y = _fmpq_vec_init(m);
    for (k = 0; k < 2 * d; k++)
    {
        int sg = (k & 1) ? -1 : 1;
        for (i = 0; i < count[k]; i++, t++)
        {
            /* |s| in {1/2, 3/4, ..., 2}, |y| = (1 + r) 2^e in (1/4, 4] */
            slong sn = 2 + (slong) rng_below(rng, 7);
            double yv = ldexp(1.0 + (double) rng_below(rng, 1024) / 1024.0, (int) rng_below(rng, 4) - 2);
            fmpq_set_si(fmpq_mat_entry(X, t, k / 2), sg * sn, 4);
            if (need[k] == 0)
            {
                /* a zero side sum: y = 0 alone, else pairs (s, y), (s, -y)
                   with the last of an odd count at y = 0 */
                if (i % 2 == 1)
                {
                    fmpq_set(fmpq_mat_entry(X, t, k / 2), fmpq_mat_entry(X, t - 1, k / 2));
                    fmpq_neg(y + t, y + t - 1);
                }
                else if (i + 1 < count[k])
                    bc_fmpq_set_d(y + t, yv);
                else
                    fmpq_zero(y + t);
            }
            else
                bc_fmpq_set_d(y + t, need[k] > 0 ? yv : -yv);
        }
    }
    shuffle_rows(X, y, rng);
    singleton_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

void
thm2_data_random(singleton_data_t D, slong m, slong d, rng_t rng)
{
    slong t;
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    fmpq_mat_init(X, m, d);
    for (t = 0; t < m; t++)
    {
        slong j = (slong) rng_below(rng, (uint64_t) d);
        double s = ldexp(1.0 + rng_uniform(rng), (int) rng_below(rng, 5) - 2);
        if (rng_u32(rng) & 1)
            s = -s;
        bc_fmpq_set_d(fmpq_mat_entry(X, t, j), s);
        bc_fmpq_set_d(y + t, rng_normal(rng));
    }
    singleton_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

/* appends ", x_<j+1>" names of the non-zero coordinates of row t to buf
   (at most 8, then the number left) */
static void
nonzero_names(char *buf, size_t len, const fmpq_mat_t X, slong t)
{
    slong j, c = 0, total = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (j = 0; j < fmpq_mat_ncols(X); j++)
        if (!fmpq_is_zero(fmpq_mat_entry(X, t, j)))
        {
            total++;
            if (c < 8 && used < len)
            {
                int w = snprintf(buf + used, len - used, "%sx_%ld", c ? ", " : "", (long) (j + 1));
                if (w > 0)
                    used += (size_t) w;
                c++;
            }
        }
    if (total > c && used < len)
        snprintf(buf + used, len - used, " and %ld more", (long) (total - c));
}

/* D from the table T read from name; the error rule of thm2_data_read */
static int
data_from_table(singleton_data_t D, const csv_table_t T, const char *name, char *err, size_t errlen)
{
    fmpq_mat_t X;
    fmpq *y;
    slong m = T->rows, d = T->cols - 1;
    int rc = 0;

    if (d < 1)
    {
        snprintf(err, errlen, "%s: expected at least 2 columns per line (x_1,...,x_d,y), found %ld", name,
                 (long) T->cols);
        return 1;
    }
    fmpq_mat_init(X, m, d);
    y = _fmpq_vec_init(m);
    csv_table_split(X, y, T);
    if (!singleton_data_set(D, X, y))
    {
        slong bad = D->bad_t, first, nz = singleton_row_nonzeros(X, bad, &first);
        char where[64], names[256];
        snprintf(where, sizeof where, ":%ld", (long) csv_table_row_line(T, bad));
        if (nz == 0)
            snprintf(err, errlen,
                     "%s%s: point %ld is zero: Theorem 2 needs exactly one non-zero coordinate per point "
                     "(singleton data)",
                     name, where, (long) (bad + 1));
        else
        {
            nonzero_names(names, sizeof names, X, bad);
            snprintf(err, errlen,
                     "%s%s: point %ld is not a singleton: %ld non-zero coordinates (%s); Theorem 2 needs "
                     "exactly one per point",
                     name, where, (long) (bad + 1), (long) nz, names);
        }
        rc = 1;
    }
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
    return rc;
}

int
thm2_data_read(singleton_data_t D, const char *path, char *err, size_t errlen)
{
    csv_table_t T;
    int rc;

    csv_table_init(T);
    if (csv_read(T, path, err, errlen) != 0)
    {
        csv_table_clear(T);
        return 1;
    }
    rc = data_from_table(D, T, path, err, errlen);
    csv_table_clear(T);
    return rc;
}

int
thm2_data_read_mem(singleton_data_t D, const char *name, const char *buf, size_t len, char *err,
                   size_t errlen)
{
    csv_table_t T;
    int rc;

    csv_table_init(T);
    if (csv_read_mem(T, name, buf, len, err, errlen) != 0)
    {
        csv_table_clear(T);
        return 1;
    }
    rc = data_from_table(D, T, name, err, errlen);
    csv_table_clear(T);
    return rc;
}

int
thm2_signs(int *ws, int *vs, const singleton_data_t D, const double *W, const double *v, slong n)
{
    slong i, j, d = D->d;
    int boundary = 0;
    for (i = 0; i < n; i++)
    {
        vs[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        boundary |= vs[i] == 0;
        for (j = 0; j < d; j++)
        {
            double w = W[i * d + j];
            ws[i * d + j] = w > 0.0 ? 1 : (w < 0.0 ? -1 : 0);
            /* <w_i, x_t> = w_ij s_t = 0 for every t on coordinate j */
            if (ws[i * d + j] == 0 && D->count[2 * j] + D->count[2 * j + 1] > 0)
                boundary = 1;
        }
    }
    return boundary;
}

void
thm2_pattern(int *a, const singleton_data_t D, const int *ws, slong n)
{
    slong i, t, m = D->m, d = D->d;
    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
            a[i * m + t] = ws[i * d + D->coord[t]] * D->sgn[t];
}

void
thm2_sign_pattern(int *ws, int *vs, ulong M, slong n, slong d)
{
    slong i;
    for (i = 0; i < n * d; i++)
        ws[i] = (M >> i & 1) ? 1 : -1;
    for (i = 0; i < n; i++)
        vs[i] = (M >> (n * d + i) & 1) ? 1 : -1;
}

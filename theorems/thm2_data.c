/* thm2_data.c -- Theorem 2's singleton data (singleton.h): the
   generators (chosen sides, random), the user's file, the exact signs of
   a network on them, the module's data sets and the checks of the
   singleton hypothesis. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "cert.h"
#include "csv.h"
#include "thm2_run.h"

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

/* ------------------------------------------------ the module's data */

const char *const thm2_ds_names[THM2_NDS] = {"one",    "appc1",  "appc2",  "appc4", "appc8",
                                             "appc16", "appc32", "appc64", "mixed", "small",
                                             "rand2",  "rand3",  "rand8",  "rand16"};

/* the chosen sides: counts and needs per side k = 2j (S_j^+), 2j + 1 */
static const slong one_count[2] = {1, 0};
static const int one_need[2] = {1, 0};
static const slong mixed_count[10] = {2, 1, 1, 3, 2, 2, 3, 0, 0, 2};
static const int mixed_need[10] = {1, -1, 1, 1, -1, -1, 0, 0, 0, -1};
static const slong small_count[4] = {1, 2, 2, 1};
static const int small_need[4] = {1, 1, -1, -1};

/* the random data sets: points m and dimension d */
static const slong rand_md[4][2] = {{5, 2}, {12, 3}, {32, 8}, {64, 16}};

void
thm2_eps(fmpq_t eps)
{
    fmpq_set_si(eps, 1, 10);
}

void
thm2_sets_init(thm2_sets *S, uint64_t seed)
{
    slong k;
    fmpq_t eps;
    fmpq_init(eps);
    thm2_eps(eps);
    for (k = 0; k < THM2_NDS; k++)
    {
        rng_t r;
        char *s = bc_aprintf("thm2/data/%s", thm2_ds_names[k]);
        rng_init(r, seed, rng_stream_id(s), 0);
        singleton_data_init(S->D[k]);
        if (k == THM2_ONE)
            thm2_data_sides(S->D[k], 1, one_count, one_need, r);
        else if (k == THM2_MIXED)
            thm2_data_sides(S->D[k], 5, mixed_count, mixed_need, r);
        else if (k == THM2_SMALL)
            thm2_data_sides(S->D[k], 2, small_count, small_need, r);
        else if (k >= THM2_RAND2)
            thm2_data_random(S->D[k], rand_md[k - THM2_RAND2][0], rand_md[k - THM2_RAND2][1], r);
        else /* appc<d> */
            singleton_data_appc(S->D[k], eps, (slong) 1 << (k - THM2_APPC1));
        flint_free(s);
    }
    fmpq_clear(eps);
}

void
thm2_sets_clear(thm2_sets *S)
{
    slong k;
    for (k = 0; k < THM2_NDS; k++)
        singleton_data_clear(S->D[k]);
}

/* 1 when side j of data set k is as chosen: the chosen counts and needs;
   Appendix C's data have (1, 1) on S_j^+ and (-1, q) on S_j^-, both
   asking for a neuron with v > 0 */
static int
side_as_chosen(const singleton_data_struct *D, slong k, slong j)
{
    const slong *cnt = k == THM2_ONE ? one_count : (k == THM2_MIXED ? mixed_count : small_count);
    const int *nd = k == THM2_ONE ? one_need : (k == THM2_MIXED ? mixed_need : small_need);
    if (k >= THM2_APPC1 && k <= THM2_APPC64)
        return D->count[j] == 1 && D->need[j] == 1;
    if (k == THM2_ONE || k == THM2_MIXED || k == THM2_SMALL)
        return D->count[j] == cnt[j] && D->need[j] == nd[j];
    return 1; /* random: nothing chosen */
}

void
thm2_check_singleton(run_t R, const thm2_sets *S)
{
    check_t c;
    slong k, j, bad = 0, chosen_bad = 0;
    char *wit = NULL;

    run_check(R, c, "thm2.data.singleton");
    for (k = 0; k < THM2_NDS; k++)
    {
        const singleton_data_struct *D = S->D[k];
        if (!D->singleton || singleton_first_nonsingleton(D->X) >= 0)
        {
            bad++;
            if (wit == NULL)
                wit = bc_aprintf("%s: point %ld", thm2_ds_names[k], (long) (D->bad_t + 1));
            continue;
        }
        for (j = 0; j < 2 * D->d; j++)
            if (!side_as_chosen(D, k, j))
            {
                chosen_bad++;
                if (wit == NULL)
                    wit = bc_aprintf("%s: side %ld has %ld points and need %d", thm2_ds_names[k], (long) j,
                                     (long) D->count[j], D->need[j]);
            }
    }
    check_field_add(c, "data sets", "%d", THM2_NDS);
    check_field_add(c, "not singleton", "%ld", (long) bad);
    check_field_add(c, "sides not as chosen", "%ld", (long) chosen_bad);
    thm2_push_count(R, c, bad + chosen_bad, 0, wit,
                    "data from rng streams thm2/data/<name> under the run seed");
}

/* rand3 with one more point, (1, 1/2, 0) -> 1, inserted as point m/2 + 1;
   the mutant that restores the hypothesis inserts (1, 0, 0) */
static void
insert_point(fmpq_mat_t X, fmpq *y, const singleton_data_struct *D, int restored)
{
    slong t, j, m = D->m;
    for (t = 0; t < m + 1; t++)
    {
        slong src = t < m / 2 ? t : t - 1;
        if (t == m / 2)
            continue;
        for (j = 0; j < D->d; j++)
            fmpq_set(fmpq_mat_entry(X, t, j), fmpq_mat_entry(D->X, src, j));
        fmpq_set(y + t, D->y + src);
    }
    fmpq_set_si(fmpq_mat_entry(X, m / 2, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(X, m / 2, 1), restored ? 0 : 1, 2);
    fmpq_one(y + m / 2);
}

/* The certificate that row t of X is not a singleton (kind "inequality"):
   with i, j its first two non-zero entries, a singleton row has
   x_ti^2 x_tj^2 <= 0, which fails here (a row of zeros: x_ti^2 >= 1/huge
   is not claimed; nothing is attached). */
static void
nonsingleton_cert(check_t c, const fmpq_mat_t X, slong t)
{
    slong i, k = 0, ij[2];
    fmpq_t p;
    arb_t a, z;
    char *e, *lab;
    for (i = 0; i < fmpq_mat_ncols(X) && k < 2; i++)
        if (!fmpq_is_zero(fmpq_mat_entry(X, t, i)))
            ij[k++] = i;
    if (k < 2)
        return;
    fmpq_init(p);
    arb_init(a);
    arb_init(z);
    fmpq_mul(p, fmpq_mat_entry(X, t, ij[0]), fmpq_mat_entry(X, t, ij[1]));
    fmpq_mul(p, p, p);
    arb_set_fmpq(a, p, 256);
    e = cert_e_fn("mul", 2, cert_e_fn("pow", 2, cert_e_q(fmpq_mat_entry(X, t, ij[0])), cert_e_si(2)),
                  cert_e_fn("pow", 2, cert_e_q(fmpq_mat_entry(X, t, ij[1])), cert_e_si(2)));
    lab = bc_aprintf("point %ld, coordinates %ld and %ld: at most one non-zero", (long) (t + 1),
                     (long) (ij[0] + 1), (long) (ij[1] + 1));
    {
        char *zero = cert_e_si(0);
        cert_inequality_expr(c, lab, e, a, "<=", zero, z);
        flint_free(zero);
    }
    flint_free(e);
    flint_free(lab);
    fmpq_clear(p);
    arb_clear(a);
    arb_clear(z);
}

void
thm2_check_nonsingleton(run_t R, const thm2_sets *S)
{
    const singleton_data_struct *Q = S->D[THM2_RAND3];
    singleton_data_t D;
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(Q->m + 1);
    slong m = Q->m, first;
    check_t c;
    truth_t t;

    run_check(R, c, "thm2.control.nonsingleton");
    fmpq_mat_init(X, m + 1, Q->d);
    insert_point(X, y, Q, run_mutant(R, "thm2.mutant.nonsingleton_restored"));
    singleton_data_init(D);
    /* inapplicable only when the point found is the inserted one; another
       point would be a fault of the hypothesis check: undecided */
    if (singleton_data_set(D, X, y))
        t = BC_TRUE;
    else
        t = D->bad_t == m / 2 ? BC_FALSE : BC_UNDECIDED;
    c->statement =
        bc_aprintf("Here the point is inserted as point %ld of \\texttt{rand3}.", (long) (m / 2 + 1));
    check_field_add(c, "first point that is not a singleton", "%ld", (long) (D->bad_t + 1));
    if (t == BC_FALSE)
    {
        check_set_witness(c, "point %ld has %ld non-zero coordinates", (long) (D->bad_t + 1),
                          (long) singleton_row_nonzeros(X, D->bad_t, &first));
        nonsingleton_cert(c, X, D->bad_t);
    }
    else
        check_set_witness(c, "every point has exactly one non-zero coordinate");
    check_hypothesis(c, t);
    run_push(R, c);
    singleton_data_clear(D);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, Q->m + 1);
}

void
thm2_describe_sets(run_t R, const thm2_sets *S)
{
    char *list = bc_aprintf("%s", ""), *t;
    slong k;
    for (k = 0; k < THM2_NDS; k++)
    {
        const singleton_data_struct *D = S->D[k];
        t = bc_aprintf("%s%s\\texttt{%s} ($m=%ld$, $d=%ld$, $N=%ld$)", list, k > 0 ? ", " : "",
                       thm2_ds_names[k], (long) D->m, (long) D->d, (long) D->needy);
        flint_free(list);
        list = t;
    }
    run_add_instance(R,
                     "\\textbf{Data sets} (seed %llu; $N$ the number of sides with a need): %s. The random "
                     "and the chosen ones are drawn from rng streams \\texttt{thm2/data/<name>} under the "
                     "run seed.",
                     (unsigned long long) R->opts->seed, list);
    flint_free(list);
}

/* lemma12_inst.c -- the instance families of the Lemma 1-2 checks
   (lemma12.h): networks interior to their cells on dyadic, decimal and
   larger data, drawn from named streams of the counter-based generator,
   and their certified basin values. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "csv.h"
#include "lemma12.h"

void
lemma12_inst_init(lemma12_inst_t I)
{
    I->kind = LEMMA12_SMALL;
    I->n = I->m = I->d = 0;
    fmpq_mat_init(I->X, 0, 0);
    fmpq_mat_init(I->W, 0, 0);
    I->y = NULL;
    I->v = NULL;
    basin_init(I->B);
    basin_result_init(I->R);
    I->valued = 0;
    I->redraws = 0;
}

/* frees the data and the network of I */
static void
inst_free(lemma12_inst_t I)
{
    fmpq_mat_clear(I->X);
    fmpq_mat_clear(I->W);
    if (I->y != NULL)
        _fmpq_vec_clear(I->y, I->m);
    if (I->v != NULL)
        _fmpq_vec_clear(I->v, I->n);
}

void
lemma12_inst_clear(lemma12_inst_t I)
{
    inst_free(I);
    basin_clear(I->B);
    basin_result_clear(I->R);
}

/* frees I's arrays and allocates them for the sizes n, m, d (zero) */
static void
inst_resize(lemma12_inst_t I, slong n, slong m, slong d)
{
    inst_free(I);
    I->n = n;
    I->m = m;
    I->d = d;
    fmpq_mat_init(I->X, m, d);
    fmpq_mat_init(I->W, n, d);
    I->y = _fmpq_vec_init(m);
    I->v = _fmpq_vec_init(n);
    I->valued = 0;
    I->redraws = 0;
}

void
lemma12_dyadic_draw(fmpq_t x, rng_t r)
{
    double u = rng_normal(r);
    bc_fmpq_set_d(x, ldexp(nearbyint(ldexp(u, LEMMA12_GRID_BITS)), -LEMMA12_GRID_BITS));
}

/* Appends to buf (a growing string) the decimal k / 10^digits, e.g.
   "-0.25", from a N(0, 1) draw rounded to that many digits. */
static void
decimal_append(char **buf, size_t *len, size_t *cap, rng_t r, int digits, int last)
{
    long scale = digits == 1 ? 10 : 100, k = (long) nearbyint((double) scale * rng_normal(r)), a = labs(k);
    char tmp[64];
    int w = snprintf(tmp, sizeof tmp, "%s%ld.%0*ld%c", k < 0 ? "-" : "", a / scale, digits, a % scale,
                     last ? '\n' : ',');
    if (*len + (size_t) w + 1 > *cap)
    {
        *cap = 2 * (*cap + (size_t) w + 1);
        *buf = flint_realloc(*buf, *cap);
    }
    memcpy(*buf + *len, tmp, (size_t) w + 1);
    *len += (size_t) w;
}

/* Draws rows x cols + 1 decimals as CSV text and reads them into A | last
   with the exact parser; the text is ours, so a failure is a harness
   bug. */
static void
decimal_rows(fmpq_mat_t A, fmpq *last, rng_t r, int digits)
{
    slong rows = fmpq_mat_nrows(A), cols = fmpq_mat_ncols(A), t, i;
    char *buf = NULL, err[256];
    size_t len = 0, cap = 0;
    csv_table_t T;

    for (t = 0; t < rows; t++)
        for (i = 0; i <= cols; i++)
            decimal_append(&buf, &len, &cap, r, digits, i == cols);
    csv_table_init(T);
    err[0] = '\0';
    if (csv_read_mem(T, "lemma12 instance", buf, len, err, sizeof err) != 0 || T->rows != rows ||
        T->cols != cols + 1)
    {
        fprintf(stderr, "basincheck: lemma12: internal error reading an instance: %s\n", err);
        flint_abort();
    }
    csv_table_split(A, last, T);
    csv_table_clear(T);
    flint_free(buf);
}

/* 1 when some row of X is zero */
static int
zero_row(const fmpq_mat_t X)
{
    slong t, i;
    for (t = 0; t < fmpq_mat_nrows(X); t++)
    {
        int z = 1;
        for (i = 0; i < fmpq_mat_ncols(X); i++)
            z &= fmpq_is_zero(fmpq_mat_entry(X, t, i));
        if (z)
            return 1;
    }
    return 0;
}

/* the data of a dyadic family: a row whose first two coordinates are
   both 0 is redrawn (d >= 2), then its target */
static void
dyadic_data(lemma12_inst_t I, rng_t r)
{
    slong t, i;
    for (t = 0; t < I->m; t++)
    {
        do
        {
            for (i = 0; i < I->d; i++)
                lemma12_dyadic_draw(fmpq_mat_entry(I->X, t, i), r);
        } while (fmpq_is_zero(fmpq_mat_entry(I->X, t, 0)) && fmpq_is_zero(fmpq_mat_entry(I->X, t, 1)));
        lemma12_dyadic_draw(I->y + t, r);
    }
}

void
lemma12_inst_draw(lemma12_inst_t I, int kind, slong nmin, slong nmax, uint64_t seed, const char *stream,
                  ulong idx)
{
    rng_t r;
    slong n, m, d, redraws = 0, j, i;
    int digits = 1;

    rng_init(r, seed, rng_stream_id(stream), idx);
    n = nmin + (slong) rng_below(r, (uint64_t) (nmax - nmin + 1));
    if (kind == LEMMA12_LARGE)
    {
        d = 4 + (slong) rng_below(r, 3);
        m = 8 + (slong) rng_below(r, 5);
    }
    else if (kind == LEMMA12_DECIMAL)
    {
        d = 2 + (slong) rng_below(r, 3);
        m = 2 + (slong) rng_below(r, 7);
        digits = 1 + (int) rng_below(r, 2);
    }
    else
    {
        d = 2 + (slong) rng_below(r, 3);
        m = 2 + (slong) rng_below(r, 5);
    }
    inst_resize(I, n, m, d);
    I->kind = kind;
    if (kind == LEMMA12_DECIMAL)
        do
            decimal_rows(I->X, I->y, r, digits);
        while (zero_row(I->X));
    else
        dyadic_data(I, r);
    for (;; redraws++)
    {
        if (kind == LEMMA12_DECIMAL)
            decimal_rows(I->W, I->v, r, digits);
        else
            for (j = 0; j < n; j++)
            {
                for (i = 0; i < d; i++)
                    lemma12_dyadic_draw(fmpq_mat_entry(I->W, j, i), r);
                lemma12_dyadic_draw(I->v + j, r);
            }
        if (basin_pattern(I->B, I->X, I->y, I->W, I->v, n, NULL, NULL) == BASIN_OK)
            break;
    }
    I->redraws = redraws;
    rng_clear(r);
}

int
lemma12_inst_set(lemma12_inst_t I, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t W, const fmpq *v,
                 slong n)
{
    slong j;
    inst_resize(I, n, fmpq_mat_nrows(X), fmpq_mat_ncols(X));
    I->kind = LEMMA12_SMALL;
    fmpq_mat_set(I->X, X);
    fmpq_mat_set(I->W, W);
    for (j = 0; j < I->m; j++)
        fmpq_set(I->y + j, y + j);
    for (j = 0; j < n; j++)
        fmpq_set(I->v + j, v + j);
    return basin_pattern(I->B, I->X, I->y, I->W, I->v, n, NULL, NULL);
}

void
lemma12_inst_value(lemma12_inst_t I)
{
    if (I->kind == LEMMA12_INTERVAL)
        basin_value_rounds(I->R, I->B, 64, 0);
    else
        basin_value(I->R, I->B, 64);
    I->valued = 1;
}

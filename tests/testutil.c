#include <stdlib.h>
#include <string.h>

#include "basin.h"
#include "testutil.h"

uint64_t
test_seed(void)
{
    const char *s = getenv("BC_TEST_SEED");
    if (s != NULL && *s != '\0')
        return strtoull(s, NULL, 0);
    return UINT64_C(20161101);
}

slong
test_iters(slong base)
{
    const char *s = getenv("BC_TEST_MULT");
    long mult = 1;
    if (s != NULL && *s != '\0')
    {
        mult = strtol(s, NULL, 10);
        if (mult < 1)
            mult = 1;
    }
    return base * (slong) mult;
}

void
test_quick_opts(run_opts *o, int threads)
{
    memset(o, 0, sizeof *o);
    o->seed = test_seed();
    o->size = SIZE_QUICK;
    o->threads = threads;
    o->tail = 1e-4;
}

int
test_add_suite(const char *name, const test_case *cases, size_t n)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    size_t i;
    if (s == NULL)
        return 1;
    for (i = 0; i < n; i++)
        if (CU_add_test(s, cases[i].name, cases[i].fn) == NULL)
            return 1;
    return 0;
}

void
test_singleton_points(singleton_data_t D, slong m, slong d, const slong *pts, ulong sden, ulong yden)
{
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(m);
    slong t;
    fmpq_mat_init(X, m, d);
    for (t = 0; t < m; t++)
    {
        fmpq_set_si(fmpq_mat_entry(X, t, pts[3 * t]), pts[3 * t + 1], sden);
        fmpq_set_si(y + t, pts[3 * t + 2], yden);
    }
    singleton_data_set(D, X, y);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m);
}

void
test_singleton_engine(fmpq_t val, int *exact, const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    slong i, t, j, m = D->m, d = D->d;
    int *a = flint_malloc(sizeof(int) * (size_t) (n * m));
    basin_t B;
    basin_result_t R;
    fmpq_t s;
    fmpq_init(s);
    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
        {
            fmpq_zero(s);
            for (j = 0; j < d; j++)
                if (ws[i * d + j] > 0)
                    fmpq_add(s, s, fmpq_mat_entry(D->X, t, j));
                else
                    fmpq_sub(s, s, fmpq_mat_entry(D->X, t, j));
            a[i * m + t] = fmpq_sgn(s);
        }
    basin_init(B);
    basin_result_init(R);
    basin_set_pattern(B, D->X, D->y, a, vs, n);
    basin_value(R, B, 64);
    *exact = R->is_exact;
    fmpq_set(val, R->upper);
    basin_result_clear(R);
    basin_clear(B);
    fmpq_clear(s);
    flint_free(a);
}

slong
test_fmpq_mat_rank(const fmpq_mat_t A)
{
    fmpq_mat_t R;
    slong r;
    fmpq_mat_init(R, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    r = fmpq_mat_rref(R, A);
    fmpq_mat_clear(R);
    return r;
}

char *
test_tmp_file(const char *name, const char *text)
{
    const char *dir = getenv("TMPDIR");
    char *path = bc_aprintf("%s/t-%s-XXXXXX", dir != NULL ? dir : "/tmp", name);
    int fd = mkstemp(path);
    FILE *f;
    if (fd < 0)
        return path;
    f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

void
test_rewrite(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return;
    fputs(text, f);
    fclose(f);
}

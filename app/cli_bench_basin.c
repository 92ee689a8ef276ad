/* cli_bench_basin.c -- `basincheck bench basin`: the cost of certifying
   basin values (basin_value: float active-set solve, then exact
   rational certificates) against the float solve alone
   (_basin_solve_d), on K random networks of width 16 over m = 16 points
   in d = 8 with targets from a random width-4 teacher.

   The same K basins are also certified by the interval path
   (basin_value_rounds with no exact rounds: a feasible rational point
   and the bound f >= 0), so that the cost of a certified interval is
   measured too: the engine finds the exact value for all or nearly all
   of these networks, and the fallback would otherwise go untimed.

   The target compares the certified run with an off-the-shelf
   floating-point QP solver.  That solver is not a dependency: with
   --export DIR every instance's QP (quadratic objective and cone
   constraints in z, exact rationals) and basincheck's certified bounds
   are written to DIR in the text format described in bench_help, and
   tests/bench-qp.py solves the same QPs with cvxopt, times them, and
   checks that cvxopt's optimal values lie in the certified intervals.

   Every draw is reproducible: the data and the teacher come from the
   stream (seed, "bench.basin.data", 0), network i from
   (seed, "bench.basin", i).  A network whose pattern lies on a basin
   boundary (probability 0 for Gaussian weights, possible after rounding
   to double) is redrawn from the continuation of its own stream. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "basin.h"
#include "cli.h"
#include "outfile.h"
#include "rng.h"

#define BENCH_N 16 /* student width */
#define BENCH_D 8  /* input dimension */
#define BENCH_M 16 /* data points */
#define BENCH_K 4  /* teacher width */
#define BENCH_SAMPLES 200
#define BENCH_MAX_SAMPLES 1000000
#define BENCH_MAX_REDRAWS 1000

static void
bench_help(FILE *f)
{
    fputs("Usage: basincheck bench basin [--samples K] [--seed S] [--export DIR]\n"
          "       basincheck bench basin --limits [--seed S]\n"
          "Times the certified basin value (float solve plus exact certificates) of K\n"
          "random width-16 networks (Gaussian weights) on m = 16 points in d = 8\n"
          "(x ~ N(0, I), targets from a random width-4 teacher), against the float\n"
          "solve alone, and the interval path (a feasible rational point and f >= 0, no\n"
          "exact face solve) on the same basins.  The last line reads\n"
          "  bench basin: instances=K seconds=S exact=E interval=I median_width=W\n"
          "(W: median width of the non-exact values, 0 if none).\n"
          "\n"
          "  --samples K   networks, 1..1000000 (default 200)\n"
          "  --seed S      run seed, 0 <= S < 2^64 (default 1)\n"
          "  --export DIR  also write every instance's QP to DIR (created if missing)\n"
          "                for an outside QP solver: tests/bench-qp.py solves them with\n"
          "                cvxopt and compares times and values\n"
          "  --limits      instead, time one network of each of five shapes at the size\n"
          "                limits of 'basincheck basin' (6-digit decimal data and\n"
          "                weights, random targets); the last line reads\n"
          "                bench basin limits: shapes=5 seconds=S max_seconds=M\n"
          "  -h, --help    this help\n"
          "\n"
          "Export format: DIR/summary.txt holds 'key value' lines (instances, seed,\n"
          "certified_seconds, interval_seconds, float_seconds, n, d, m).  DIR/qp-K.txt\n"
          "(K = 0000, 0001, ...) holds one QP in z in R^N (N = n d, z_{j,i} is variable\n"
          "j d + i), one item per line, numbers exact ('p/q' or an integer):\n"
          "  size N M C         N variables, M residual rows, C constraints\n"
          "  y T VALUE          target of row T (M lines)\n"
          "  M T K VALUE        non-zero entry (T, K) of the prediction matrix M\n"
          "  G C K VALUE        non-zero entry (C, K) of the constraint matrix G\n"
          "  exact VALUE        Bas (certified), or the line 'exact none'\n"
          "  bounds LOW HIGH    certified bounds of the full engine\n"
          "  interval LOW HIGH  certified bounds of the interval path\n"
          "  end\n"
          "The QP is: minimise f(z) = (1/M) sum_T (sum_K M[T,K] z_K - y_T)^2\n"
          "subject to sum_K G[C,K] z_K >= 0 for every C; '#' lines are comments.\n",
          f);
}

/* One line on stderr; arg (a command-line word, quoted) may be NULL. */
static int
bench_fail(const char *msg, const char *arg)
{
    return cli_fail("bench basin: %s%s%s%s (see 'basincheck bench basin --help')", msg,
                    arg != NULL ? " '" : "", arg != NULL ? arg : "", arg != NULL ? "'" : "");
}

static int
bench_parse(uint64_t *K, uint64_t *seed, const char **dir, int *limits, int argc, char **argv)
{
    int i, have_k = 0, have_s = 0;
    *K = BENCH_SAMPLES;
    *seed = 1;
    *dir = NULL;
    *limits = 0;
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        {
            bench_help(stdout);
            return -1;
        }
        else if (!strcmp(a, "--samples"))
        {
            if (have_k)
                return bench_fail("option --samples given twice", NULL);
            if (v == NULL)
                return bench_fail("option --samples needs a value", NULL);
            if (cli_parse_u64(K, v) != 0 || *K < 1 || *K > BENCH_MAX_SAMPLES)
                return bench_fail("--samples expects an integer from 1 to 1000000, got", v);
            have_k = 1;
            i++;
        }
        else if (!strcmp(a, "--seed"))
        {
            if (have_s)
                return bench_fail("option --seed given twice", NULL);
            if (v == NULL)
                return bench_fail("option --seed needs a value", NULL);
            if (cli_parse_u64(seed, v) != 0)
                return bench_fail("--seed expects an integer in [0, 2^64), got", v);
            have_s = 1;
            i++;
        }
        else if (!strcmp(a, "--limits"))
        {
            if (*limits)
                return bench_fail("option --limits given twice", NULL);
            *limits = 1;
        }
        else if (!strcmp(a, "--export"))
        {
            if (*dir != NULL)
                return bench_fail("option --export given twice", NULL);
            if (v == NULL || v[0] == '\0')
                return bench_fail("option --export needs a directory name", NULL);
            *dir = v;
            i++;
        }
        else if (a[0] == '-' && a[1] != '\0')
            return bench_fail("unknown option", a);
        else
            return bench_fail("unexpected argument", a);
    }
    if (*limits && (have_k || *dir != NULL))
        return bench_fail("--limits takes no --samples or --export", NULL);
    return 0;
}

/* Sets q to the exact value of a standard normal draw. */
static void
normal_q(fmpq_t q, rng_t r)
{
    bc_fmpq_set_d(q, rng_normal(r));
}

static int
cmp_fmpq(const void *a, const void *b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* Median of the len (> 0) rationals v (sorted in place), exactly (the
   mean of the two middle ones for an even count), as a double. */
static double
median_d(fmpq *v, slong len)
{
    fmpq_t s;
    double w;
    qsort(v, (size_t) len, sizeof(fmpq), cmp_fmpq);
    fmpq_init(s);
    if (len % 2)
        fmpq_set(s, v + len / 2);
    else
    {
        fmpq_add(s, v + len / 2 - 1, v + len / 2);
        fmpq_div_2exp(s, s, 1);
    }
    w = fmpq_get_d(s);
    fmpq_clear(s);
    return w;
}

/* The certified results kept for the export: per instance the engine's
   bounds (exact when lower = upper) and the interval path's. */
typedef struct
{
    fmpq *lo, *hi, *ilo, *ihi;
    int *exact;
} bench_results;

/* Creates dir if missing; fails (one line on stderr, CLI_EXIT_USAGE) if
   it cannot be created or is not a directory. */
static int
export_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return cli_fail("bench basin: cannot create directory '%s': %s", dir, strerror(errno));
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_fail("bench basin: '%s' is not a directory", dir);
    return 0;
}

/* Opens DIR/NAME for writing through o (written whole on export_close,
   outfile.h); NULL after a one-line message. */
static FILE *
export_open(outfile_t o, char **path, const char *dir, const char *name)
{
    *path = bc_aprintf("%s/%s", dir, name);
    if (outfile_open(o, *path, "bench basin: ") != 0)
        return NULL;
    return o->f;
}

/* Writes o to its path, reporting a write error; frees path; returns 0
   or CLI_EXIT_USAGE. */
static int
export_close(outfile_t o, char *path)
{
    int bad = ferror(o->f) != 0;
    if (bad)
    {
        cli_fail("bench basin: error writing '%s'", path);
        outfile_abort(o);
    }
    else
        bad = outfile_commit(o) != 0;
    flint_free(path);
    return bad ? CLI_EXIT_USAGE : 0;
}

/* Writes instance k's QP in z and its certified bounds (format in
   bench_help): the prediction matrix M[t, j d + i] = x_{t,i} where
   a_{j,t} = +1, and the constraints s_{j,t} <z_j, x_t> >= 0 as rows
   (j m + t) of G. */
static int
export_qp(const char *dir, slong k, const basin_t B, const bench_results *Z)
{
    slong n = B->n, m = B->m, d = B->d, j, t, i;
    char name[32], *path;
    FILE *f;
    outfile_t o;
    fmpq_t g;
    snprintf(name, sizeof name, "qp-%04ld.txt", (long) k);
    f = export_open(o, &path, dir, name);
    if (f == NULL)
    {
        flint_free(path);
        return CLI_EXIT_USAGE;
    }
    fprintf(f, "# basincheck bench basin: QP of instance %ld (format: basincheck bench basin --help)\n",
            (long) k);
    fprintf(f, "size %ld %ld %ld\n", (long) (n * d), (long) m, (long) (n * m));
    for (t = 0; t < m; t++)
    {
        fprintf(f, "y %ld ", (long) t);
        fmpq_fprint(f, B->y + t);
        fputc('\n', f);
    }
    for (t = 0; t < m; t++)
        for (j = 0; j < n; j++)
            if (B->a[j * m + t] > 0)
                for (i = 0; i < d; i++)
                    if (!fmpq_is_zero(fmpq_mat_entry(B->X, t, i)))
                    {
                        fprintf(f, "M %ld %ld ", (long) t, (long) (j * d + i));
                        fmpq_fprint(f, fmpq_mat_entry(B->X, t, i));
                        fputc('\n', f);
                    }
    fmpq_init(g);
    for (j = 0; j < n; j++)
        for (t = 0; t < m; t++)
            for (i = 0; i < d; i++)
                if (!fmpq_is_zero(fmpq_mat_entry(B->X, t, i)))
                {
                    fmpq_mul_si(g, fmpq_mat_entry(B->X, t, i), B->a[j * m + t] * B->b[j]);
                    fprintf(f, "G %ld %ld ", (long) (j * m + t), (long) (j * d + i));
                    fmpq_fprint(f, g);
                    fputc('\n', f);
                }
    fmpq_clear(g);
    fputs("exact ", f);
    if (Z->exact[k])
        fmpq_fprint(f, Z->lo + k);
    else
        fputs("none", f);
    fputs("\nbounds ", f);
    fmpq_fprint(f, Z->lo + k);
    fputc(' ', f);
    fmpq_fprint(f, Z->hi + k);
    fputs("\ninterval ", f);
    fmpq_fprint(f, Z->ilo + k);
    fputc(' ', f);
    fmpq_fprint(f, Z->ihi + k);
    fputs("\nend\n", f);
    return export_close(o, path);
}

/* Certifies the K basins Bs (basin_value if rounds < 0, else
   basin_value_rounds with that many rounds) and returns the seconds
   taken; lo, hi (and exact, if not NULL) receive each result's bounds,
   widths the widths of the *nint certified non-exact ones, *nuncert the
   number not certified.  Copying the bounds out is timed with the
   solves: it is negligible next to them. */
static double
certify_all(fmpq *lo, fmpq *hi, int *exact, fmpq *widths, slong *nint, slong *nuncert, const basin_struct *Bs,
            slong K, slong rounds)
{
    slong k;
    double t0 = bc_seconds();
    *nint = *nuncert = 0;
    for (k = 0; k < K; k++)
    {
        basin_result_t R;
        basin_result_init(R);
        if (rounds < 0)
            basin_value(R, Bs + k, 128);
        else
            basin_value_rounds(R, Bs + k, 128, rounds);
        if (!R->certified)
            (*nuncert)++;
        else if (!R->is_exact)
            fmpq_set(widths + (*nint)++, R->width);
        if (exact != NULL)
            exact[k] = R->certified && R->is_exact;
        fmpq_set(lo + k, R->lower);
        fmpq_set(hi + k, R->upper);
        basin_result_clear(R);
    }
    return bc_seconds() - t0;
}

/* DIR/summary.txt: the timings the outside solver is compared with. */
static int
export_summary(const char *dir, uint64_t seed, slong K, double tcert, double tint, double tfloat)
{
    char *path;
    outfile_t o;
    FILE *f = export_open(o, &path, dir, "summary.txt");
    if (f == NULL)
    {
        flint_free(path);
        return CLI_EXIT_USAGE;
    }
    fprintf(f,
            "# basincheck bench basin: timings of the exported instances (one thread)\n"
            "instances %ld\nseed %lu\nn %d\nd %d\nm %d\ncertified_seconds %.6f\n"
            "interval_seconds %.6f\nfloat_seconds %.6f\n",
            (long) K, (unsigned long) seed, BENCH_N, BENCH_D, BENCH_M, tcert, tint, tfloat);
    return export_close(o, path);
}

/* Sets q to a standard normal draw rounded to 6 decimals, exactly
   (k / 10^6): the kind of number a user's CSV file holds. */
static void
decimal6_q(fmpq_t q, rng_t r)
{
    fmpq_set_si(q, (slong) nearbyint(1e6 * rng_normal(r)), 1000000);
}

/* --limits: one network per shape at the limits of `basincheck basin`
   (n m d <= 250000, m <= 256), data, targets and weights N(0, 1) with 6
   decimals, from stream (seed, "bench.basin.limits", shape). */
static int
bench_limits(uint64_t seed)
{
    static const slong shapes[][3] = {
        {100, 256, 9}, {256, 256, 3}, {25, 256, 39}, {10, 256, 97}, {976, 256, 1}};
    slong k, ns = (slong) (sizeof(shapes) / sizeof(shapes[0]));
    double total = 0.0, worst = 0.0;
    int rc = CLI_EXIT_OK;
    for (k = 0; k < ns; k++)
    {
        slong n = shapes[k][0], m = shapes[k][1], d = shapes[k][2], t, i, j, tries;
        fmpq_mat_t X, W;
        fmpq *y = _fmpq_vec_init(m), *v = _fmpq_vec_init(n);
        basin_t B;
        basin_result_t R;
        rng_t r;
        double t0, sec;
        fmpq_mat_init(X, m, d);
        fmpq_mat_init(W, n, d);
        basin_init(B);
        basin_result_init(R);
        rng_init(r, seed, rng_stream_id("bench.basin.limits"), (uint64_t) k);
        for (t = 0; t < m; t++)
        {
            for (i = 0; i < d; i++)
                decimal6_q(fmpq_mat_entry(X, t, i), r);
            decimal6_q(y + t, r);
        }
        for (tries = 0;; tries++)
        {
            for (j = 0; j < n; j++)
            {
                for (i = 0; i < d; i++)
                    decimal6_q(fmpq_mat_entry(W, j, i), r);
                decimal6_q(v + j, r);
            }
            if (basin_pattern(B, X, y, W, v, n, NULL, NULL) == BASIN_OK)
                break;
            if (tries >= BENCH_MAX_REDRAWS)
            {
                fprintf(stderr, "basincheck: bench basin: shape %ld stays on a basin boundary\n", (long) k);
                abort();
            }
        }
        t0 = bc_seconds();
        basin_value(R, B, 128);
        sec = bc_seconds() - t0;
        total += sec;
        worst = FLINT_MAX(worst, sec);
        printf("bench basin limits: n=%ld m=%ld d=%ld (n m d = %ld) seconds=%.2f iterations=%ld status=%s "
               "numerator_bits=%lu\n",
               (long) n, (long) m, (long) d, (long) (n * m * d), sec, (long) R->iterations,
               !R->certified ? "UNCERTIFIED" : (R->is_exact ? "exact" : "interval"),
               (unsigned long) fmpz_bits(fmpq_numref(R->upper)));
        fflush(stdout);
        if (!R->certified)
            rc = CLI_EXIT_MISMATCH;
        basin_result_clear(R);
        basin_clear(B);
        fmpq_mat_clear(X);
        fmpq_mat_clear(W);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(v, n);
    }
    printf("bench basin limits: shapes=%ld seconds=%.2f max_seconds=%.2f\n", (long) ns, total, worst);
    return rc;
}

/* Data x_t ~ N(0, I_d) and a width-4 teacher with Gaussian weights:
   sets X (m x d) and y (m, zero on entry) to y_t = sum_k u_k
   [<c_k, x_t>]_+, computed exactly from the (exactly converted) double
   draws of the seed's data stream. */
static void
teacher_data(fmpq_mat_t X, fmpq *y, uint64_t seed)
{
    slong t, k, i;
    fmpq_mat_t T;
    fmpq *tv = _fmpq_vec_init(BENCH_K);
    fmpq_t s, p;
    rng_t r;
    fmpq_mat_init(T, BENCH_K, BENCH_D);
    fmpq_init(s);
    fmpq_init(p);
    rng_init(r, seed, rng_stream_id("bench.basin.data"), 0);
    for (t = 0; t < BENCH_M; t++)
        for (i = 0; i < BENCH_D; i++)
            normal_q(fmpq_mat_entry(X, t, i), r);
    for (k = 0; k < BENCH_K; k++)
    {
        for (i = 0; i < BENCH_D; i++)
            normal_q(fmpq_mat_entry(T, k, i), r);
        normal_q(tv + k, r);
    }
    for (t = 0; t < BENCH_M; t++)
        for (k = 0; k < BENCH_K; k++)
        {
            fmpq_zero(s);
            for (i = 0; i < BENCH_D; i++)
                fmpq_addmul(s, fmpq_mat_entry(T, k, i), fmpq_mat_entry(X, t, i));
            if (fmpq_sgn(s) > 0)
            {
                fmpq_mul(p, s, tv + k);
                fmpq_add(y + t, y + t, p);
            }
        }
    fmpq_mat_clear(T);
    _fmpq_vec_clear(tv, BENCH_K);
    fmpq_clear(s);
    fmpq_clear(p);
}

/* Initialises Bs[0..K-1] to the basins of K student networks drawn from
   the seed's stream k, redrawing a network that lies on a basin
   boundary; returns the number of redraws. */
static slong
student_basins(basin_struct *Bs, const fmpq_mat_t X, const fmpq *y, slong K, uint64_t seed)
{
    slong k, j, i, redraws = 0;
    fmpq_mat_t W;
    fmpq *v = _fmpq_vec_init(BENCH_N);
    rng_t r;
    fmpq_mat_init(W, BENCH_N, BENCH_D);
    for (k = 0; k < K; k++)
    {
        slong tries;
        basin_init(Bs + k);
        rng_init(r, seed, rng_stream_id("bench.basin"), (uint64_t) k);
        for (tries = 0;; tries++)
        {
            for (j = 0; j < BENCH_N; j++)
            {
                for (i = 0; i < BENCH_D; i++)
                    normal_q(fmpq_mat_entry(W, j, i), r);
                normal_q(v + j, r);
            }
            if (basin_pattern(Bs + k, X, y, W, v, BENCH_N, NULL, NULL) == BASIN_OK)
                break;
            if (tries >= BENCH_MAX_REDRAWS)
            {
                /* cannot happen with a working generator: stop rather
                   than loop */
                fprintf(stderr, "basincheck: bench basin: network %ld stays on a basin boundary\n", (long) k);
                abort();
            }
            redraws++;
        }
    }
    fmpq_mat_clear(W);
    _fmpq_vec_clear(v, BENCH_N);
    return redraws;
}

/* Seconds the float solver alone takes on the K basins. */
static double
time_float(const basin_struct *Bs, slong K)
{
    double *zd = flint_malloc(sizeof(double) * BENCH_N * BENCH_D);
    double *lam = flint_malloc(sizeof(double) * BENCH_N * BENCH_M);
    int *work = flint_malloc(sizeof(int) * BENCH_N * BENCH_M);
    volatile double sink = 0.0; /* keep the solves observable */
    slong zexp, iters, k;
    double t0 = bc_seconds(), tfloat;
    for (k = 0; k < K; k++)
        sink += _basin_solve_d(zd, &zexp, work, lam, &iters, Bs + k);
    tfloat = bc_seconds() - t0;
    (void) sink;
    flint_free(zd);
    flint_free(lam);
    flint_free(work);
    return tfloat;
}

int
cli_bench_basin(int argc, char **argv)
{
    uint64_t K64, seed;
    slong K, k, redraws, nexact = 0, ninterval = 0, nuncert = 0, iint = 0, iuncert = 0, inconsistent = 0;
    fmpq_mat_t X;
    fmpq *y, *widths;
    basin_struct *Bs;
    bench_results Z;
    double tcert, tint, tfloat, wmed = 0.0, iwmed = 0.0;
    const char *dir;
    int rc, limits;

    rc = bench_parse(&K64, &seed, &dir, &limits, argc, argv);
    if (rc != 0)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (limits)
        return bench_limits(seed);
    K = (slong) K64;
    if (dir != NULL && (rc = export_dir(dir)) != 0)
        return rc;

    fmpq_mat_init(X, BENCH_M, BENCH_D);
    y = _fmpq_vec_init(BENCH_M);
    teacher_data(X, y, seed);

    /* the K student networks and their basins (set up untimed: both
       solvers below start from the same basin_t) */
    Bs = flint_malloc(sizeof(basin_struct) * (size_t) K);
    redraws = student_basins(Bs, X, y, K, seed);
    Z.lo = _fmpq_vec_init(K);
    Z.hi = _fmpq_vec_init(K);
    Z.ilo = _fmpq_vec_init(K);
    Z.ihi = _fmpq_vec_init(K);
    Z.exact = flint_calloc((size_t) K, sizeof(int));

    /* certified values, then the interval path on the same basins (no
       exact face solve) */
    widths = _fmpq_vec_init(K);
    tcert = certify_all(Z.lo, Z.hi, Z.exact, widths, &ninterval, &nuncert, Bs, K, -1);
    nexact = K - ninterval - nuncert;
    if (ninterval > 0)
        wmed = median_d(widths, ninterval);
    tint = certify_all(Z.ilo, Z.ihi, NULL, widths, &iint, &iuncert, Bs, K, 0);
    if (iint > 0)
        iwmed = median_d(widths, iint);
    /* both enclose Bas, so they must overlap (untimed) */
    for (k = 0; k < K; k++)
        if (fmpq_cmp(Z.ilo + k, Z.hi + k) > 0 || fmpq_cmp(Z.lo + k, Z.ihi + k) > 0)
            inconsistent++;

    tfloat = time_float(Bs, K);

    if (dir != NULL)
    {
        rc = export_summary(dir, seed, K, tcert, tint, tfloat);
        for (k = 0; k < K && rc == 0; k++)
            rc = export_qp(dir, k, Bs + k, &Z);
    }

    if (rc == 0)
    {
        printf("bench basin: n=%d d=%d m=%d, teacher width %d, squared loss, seed=%lu, "
               "1 thread, redraws=%ld%s%s\n",
               BENCH_N, BENCH_D, BENCH_M, BENCH_K, (unsigned long) seed, (long) redraws,
               nuncert || iuncert ? ", UNCERTIFIED results present" : "",
               inconsistent ? ", INCONSISTENT intervals present" : "");
        printf("bench basin: float solver alone seconds=%.3f, certified/float time ratio=%.1f\n", tfloat,
               tfloat > 0.0 ? tcert / tfloat : 0.0);
        printf("bench basin: interval path (no exact face solve): instances=%ld seconds=%.3f interval=%ld "
               "median_width=%.3g\n",
               (long) K, tint, (long) iint, iwmed);
        if (dir != NULL)
            printf("bench basin: exported %ld QPs to %s (compare: tests/bench-qp.py %s)\n", (long) K, dir,
                   dir);
        printf("bench basin: instances=%ld seconds=%.3f exact=%ld interval=%ld median_width=%.3g\n", (long) K,
               tcert, (long) nexact, (long) ninterval, wmed);
        rc = nuncert || iuncert || inconsistent ? CLI_EXIT_MISMATCH : CLI_EXIT_OK;
    }

    for (k = 0; k < K; k++)
        basin_clear(Bs + k);
    flint_free(Bs);
    _fmpq_vec_clear(widths, K);
    _fmpq_vec_clear(Z.lo, K);
    _fmpq_vec_clear(Z.hi, K);
    _fmpq_vec_clear(Z.ilo, K);
    _fmpq_vec_clear(Z.ihi, K);
    flint_free(Z.exact);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, BENCH_M);
    return rc;
}

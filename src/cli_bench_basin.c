/* cli_bench_basin.c -- `basincheck bench basin`: the cost of certifying
   basin values (basin_value: float active-set solve, then exact
   rational certificates) against the float solve alone
   (_basin_solve_d), on K random networks of width 16 over m = 16 points
   in d = 8 with targets from a random width-4 teacher.

   Every draw is reproducible: the data and the teacher come from the
   stream (seed, "bench.basin.data", 0), network i from
   (seed, "bench.basin", i).  A network whose pattern lies on a basin
   boundary (probability 0 for Gaussian weights, possible after rounding
   to double) is redrawn from the continuation of its own stream. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "basin.h"
#include "cli.h"
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
    fputs("Usage: basincheck bench basin [--samples K] [--seed S]\n"
          "Times the certified basin value (float solve plus exact certificates) of K\n"
          "random width-16 networks (Gaussian weights) on m = 16 points in d = 8\n"
          "(x ~ N(0, I), targets from a random width-4 teacher), against the float\n"
          "solve alone.  The last line reads\n"
          "  bench basin: instances=K seconds=S exact=E interval=I median_width=W\n"
          "(W: median width of the non-exact values, 0 if none).\n"
          "\n"
          "  --samples K   networks, 1..1000000 (default 200)\n"
          "  --seed S      run seed, 0 <= S < 2^64 (default 1)\n"
          "  -h, --help    this help\n",
          f);
}

/* One line on stderr; arg (a command-line word, quoted) may be NULL. */
static int
bench_fail(const char *msg, const char *arg)
{
    fprintf(stderr, "basincheck: bench basin: %s%s%s%s (see 'basincheck bench basin --help')\n", msg,
            arg != NULL ? " '" : "", arg != NULL ? arg : "", arg != NULL ? "'" : "");
    return CLI_EXIT_USAGE;
}

static int
bench_parse(uint64_t *K, uint64_t *seed, int argc, char **argv)
{
    int i, have_k = 0, have_s = 0;
    *K = BENCH_SAMPLES;
    *seed = 1;
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
        else if (a[0] == '-' && a[1] != '\0')
            return bench_fail("unknown option", a);
        else
            return bench_fail("unexpected argument", a);
    }
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

int
cli_bench_basin(int argc, char **argv)
{
    uint64_t K64, seed;
    slong K, k, t, i, j, redraws = 0, nexact = 0, ninterval = 0, nuncert = 0;
    fmpq_mat_t X, W, T;
    fmpq *y, *v, *tv, *widths;
    fmpq_t s, p;
    basin_struct *Bs;
    rng_t r;
    double t0, tcert, tfloat, wmed = 0.0;
    int rc;

    rc = bench_parse(&K64, &seed, argc, argv);
    if (rc != 0)
        return rc < 0 ? CLI_EXIT_OK : rc;
    K = (slong) K64;

    /* data x_t ~ N(0, I_d) and a width-4 teacher with Gaussian weights:
       y_t = sum_k u_k [<c_k, x_t>]_+, computed exactly from the (exactly
       converted) double draws */
    fmpq_mat_init(X, BENCH_M, BENCH_D);
    fmpq_mat_init(T, BENCH_K, BENCH_D);
    y = _fmpq_vec_init(BENCH_M);
    tv = _fmpq_vec_init(BENCH_K);
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

    /* the K student networks and their basins (set up untimed: both
       solvers below start from the same basin_t) */
    Bs = flint_malloc(sizeof(basin_struct) * (size_t) K);
    fmpq_mat_init(W, BENCH_N, BENCH_D);
    v = _fmpq_vec_init(BENCH_N);
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

    /* certified values */
    widths = _fmpq_vec_init(K);
    t0 = bc_seconds();
    for (k = 0; k < K; k++)
    {
        basin_result_t R;
        basin_result_init(R);
        basin_value(R, Bs + k, 128);
        if (!R->certified)
            nuncert++;
        else if (R->is_exact)
            nexact++;
        else
            fmpq_set(widths + ninterval++, R->width);
        basin_result_clear(R);
    }
    tcert = bc_seconds() - t0;

    /* the float solver alone on the same basins */
    {
        double *zd = flint_malloc(sizeof(double) * BENCH_N * BENCH_D);
        double *lam = flint_malloc(sizeof(double) * BENCH_N * BENCH_M);
        int *work = flint_malloc(sizeof(int) * BENCH_N * BENCH_M);
        volatile double sink = 0.0; /* keep the solves observable */
        slong zexp, iters;
        t0 = bc_seconds();
        for (k = 0; k < K; k++)
            sink += _basin_solve_d(zd, &zexp, work, lam, &iters, Bs + k);
        tfloat = bc_seconds() - t0;
        (void) sink;
        flint_free(zd);
        flint_free(lam);
        flint_free(work);
    }

    if (ninterval > 0)
    {
        /* median of the widths, exactly (mean of the two middle ones for
           an even count), then rounded for display */
        qsort(widths, (size_t) ninterval, sizeof(fmpq), cmp_fmpq);
        if (ninterval % 2)
            fmpq_set(s, widths + ninterval / 2);
        else
        {
            fmpq_add(s, widths + ninterval / 2 - 1, widths + ninterval / 2);
            fmpq_div_2exp(s, s, 1);
        }
        wmed = fmpq_get_d(s);
    }

    printf("bench basin: n=%d d=%d m=%d, teacher width %d, squared loss, seed=%lu, "
           "1 thread, redraws=%ld%s\n",
           BENCH_N, BENCH_D, BENCH_M, BENCH_K, (unsigned long) seed, (long) redraws,
           nuncert ? ", UNCERTIFIED results present" : "");
    printf("bench basin: float solver alone seconds=%.3f, certified/float time ratio=%.1f\n", tfloat,
           tfloat > 0.0 ? tcert / tfloat : 0.0);
    printf("bench basin: instances=%ld seconds=%.3f exact=%ld interval=%ld median_width=%.3g\n", (long) K,
           tcert, (long) nexact, (long) ninterval, wmed);

    for (k = 0; k < K; k++)
        basin_clear(Bs + k);
    flint_free(Bs);
    _fmpq_vec_clear(widths, K);
    fmpq_mat_clear(X);
    fmpq_mat_clear(T);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(y, BENCH_M);
    _fmpq_vec_clear(tv, BENCH_K);
    _fmpq_vec_clear(v, BENCH_N);
    fmpq_clear(s);
    fmpq_clear(p);
    return nuncert ? CLI_EXIT_MISMATCH : CLI_EXIT_OK;
}

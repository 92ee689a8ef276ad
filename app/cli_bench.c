/* cli_bench.c -- `basincheck bench NAME`: performance figures, kept out
   of the test suite.

   bench prop1 decides Proposition 1's event, L(P) > L(0) for the squared
   loss, for K random networks 16-64-64-1 with biases (every parameter
   N(0, 1), Assumption 1's Gaussian law) on m = 32 points in d = 16:
   the network is drawn from its stream (seed, "bench.prop1", i), its
   outputs on all 32 points come from the block filter
   (net_eval_d_block: double outputs with rigorous error bounds, in one
   pass), the loss gap's sign from loss_sq_gap_d when the bounds settle
   it, and otherwise (an escalation, counted) from the exact dyadic
   evaluation of Proposition 1's module (prop12_event_exact).  The same
   networks are also evaluated in plain unguarded double, the float-only
   layers alone on one network held in cache (the roofline of the
   workload's arithmetic), and the time of each phase is reported.
   --compare runs the NumPy reference tests/bench-prop1.py (embedded at
   build time) and prints the ratio of the rates. */
#include <errno.h>
#include <math.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "data.h"
#include "mc.h"
#include "net.h"
#include "prop12.h"

#include "bench_prop1_py.h"

#define BENCH_M 32
#define BENCH_D 16
#define BENCH_DEFAULT_SAMPLES 50000
#define BENCH_NUMPY_SAMPLES 20000

#if defined(__x86_64__) && defined(__GNUC__)
#define BENCH_X86 1
#include <immintrin.h>
#endif

enum
{
    BENCH_EXACT,
    BENCH_DOUBLE
};

typedef struct
{
    const data_struct *S;
    slong depth;
    const slong *width;
    int mode;
} bench_ctx;

/* One worker's buffers and its time per phase (thread-seconds). */
typedef struct
{
    net_t N;
    double *P, *Perr, *work;
    double t_sample, t_layers, t_decide, t_escalate;
} bench_ws;

static void
bench_sample(mc_outcome *out, const void *ctx, void *wsv, rng_t rng, ulong index)
{
    const bench_ctx *b = ctx;
    bench_ws *w = wsv;
    const data_struct *S = b->S;
    double t0, t1, t2, t3;
    (void) index;

    t0 = bc_seconds();
    net_randomize(w->N, SAMPLER_GAUSS, 1.0, rng);
    t1 = bc_seconds();
    out->nevents = 1;
    if (b->mode == BENCH_EXACT)
    {
        truth_t r = BC_UNDECIDED;
        int fail = net_eval_d_block(w->P, w->Perr, w->N, S->X, S->m, w->work);
        t2 = bc_seconds();
        if (!fail)
        {
            double gap, err;
            /* |gap - exact gap| <= err */
            if (loss_sq_gap_d(&gap, &err, w->P, w->Perr, S) == 0)
                r = gap > err ? BC_TRUE : (gap < -err ? BC_FALSE : BC_UNDECIDED);
        }
        t3 = bc_seconds();
        if (r == BC_UNDECIDED)
        {
            out->escalations++;
            r = prop12_event_exact(w->N, LOSS_SQUARED, S);
            w->t_escalate += bc_seconds() - t3;
        }
        out->event[0] = r;
    }
    else
    {
        slong t;
        double s = 0.0;
        net_eval_d_block(w->P, NULL, w->N, S->X, S->m, w->work);
        t2 = bc_seconds();
        for (t = 0; t < S->m; t++)
            s += w->P[t] * (w->P[t] - 2.0 * S->Y[t]);
        out->event[0] = s > 0.0 ? BC_TRUE : BC_FALSE;
        t3 = bc_seconds();
    }
    w->t_sample += t1 - t0;
    w->t_layers += t2 - t1;
    w->t_decide += t3 - t2;
}

/* A run of the bench with fresh workspaces; sets T and the phase times
   summed over the threads. */
static void
bench_run(mc_tally_t T, double ph[4], double *cpu, const bench_ctx *ctx, int threads, ulong K, uint64_t seed,
          const char *label, int progress)
{
    clock_t c0;
    bench_ws *ws = flint_calloc(threads, sizeof(bench_ws));
    void **wp = flint_calloc(threads, sizeof(void *));
    mc_opts mo;
    int t;

    for (t = 0; t < threads; t++)
    {
        net_init(ws[t].N, ctx->depth, ctx->width);
        ws[t].P = flint_malloc(sizeof(double) * 2 * ctx->S->m);
        ws[t].Perr = ws[t].P + ctx->S->m;
        ws[t].work = flint_malloc(sizeof(double) * net_eval_d_block_worksize(ws[t].N));
        wp[t] = ws + t;
    }
    mo.threads = threads;
    mo.progress = progress;
    mo.label = label;
    /* the process's CPU time over the run: the threads' sum */
    c0 = clock();
    mc_run_ws(T, bench_sample, ctx, wp, K, seed, rng_stream_id("bench.prop1"), &mo);
    *cpu = (double) (clock() - c0) / CLOCKS_PER_SEC;
    ph[0] = ph[1] = ph[2] = ph[3] = 0.0;
    for (t = 0; t < threads; t++)
    {
        ph[0] += ws[t].t_sample;
        ph[1] += ws[t].t_layers;
        ph[2] += ws[t].t_decide;
        ph[3] += ws[t].t_escalate;
        net_clear(ws[t].N);
        flint_free(ws[t].P);
        flint_free(ws[t].work);
    }
    flint_free(ws);
    flint_free(wp);
}

/* The float-only layers of the workload: network 0 of the run, held in
   cache, evaluated on the 32 points again and again (no sampling, no
   bound, no decision), one thread.  Returns evaluations per second. */
static double
bench_roofline(const bench_ctx *ctx, uint64_t seed, double min_seconds)
{
    net_t N;
    rng_t r;
    double *P = flint_malloc(sizeof(double) * ctx->S->m), *work, t0, el, sink = 0.0;
    ulong reps = 0, q;

    net_init(N, ctx->depth, ctx->width);
    rng_init(r, seed, rng_stream_id("bench.prop1"), 0);
    net_randomize(N, SAMPLER_GAUSS, 1.0, r);
    work = flint_malloc(sizeof(double) * net_eval_d_block_worksize(N));
    t0 = bc_seconds();
    do
    {
        for (q = 0; q < 256; q++)
        {
            net_eval_d_block(P, NULL, N, ctx->S->X, ctx->S->m, work);
            sink += P[0];
        }
        reps += 256;
        el = bc_seconds() - t0;
    } while (el < min_seconds);
    if (sink == 12345.678) /* keep the loop */
        fputs("", stdout);
    net_clear(N);
    flint_free(P);
    flint_free(work);
    return (double) reps / el;
}

/* The generator alone: seconds per Philox4x32-10 block, by the
   vectorised block function on refills of RNG_BUF_BLOCKS (one thread). */
static double
bench_philox_block(double min_seconds)
{
    uint32_t out[4 * RNG_BUF_BLOCKS], ctr[4] = {1, 2, 0, 0}, key[2] = {3, 4}, sink = 0;
    double t0 = bc_seconds(), el;
    ulong blocks = 0, q;
    do
    {
        for (q = 0; q < 1000; q++)
        {
            _rng_philox4x32_blocks(out, ctr, key, RNG_BUF_BLOCKS);
            ctr[2] += RNG_BUF_BLOCKS;
            sink ^= out[0];
        }
        blocks += 1000 * RNG_BUF_BLOCKS;
        el = bc_seconds() - t0;
    } while (el < min_seconds);
    if (sink == 12345)
        fputs("", stdout);
    return el / (double) blocks;
}

/* The machine's peak of double-precision multiply-adds on one core:
   twelve independent FMA chains (enough to cover the latency) in
   registers.  Returns flop/s (2 per FMA and lane), or 0 when the build
   has no such loop. */
#ifdef BENCH_X86
#define PEAK_STEP(a)                                                                                         \
    do                                                                                                       \
    {                                                                                                        \
        a = _mm256_fmadd_pd(a, x, y);                                                                        \
        __asm__ __volatile__("" : "+x"(a)); /* uses the value: the loop cannot be folded */                  \
    } while (0)

__attribute__((target("avx2,fma"))) static double
bench_peak_avx2(double min_seconds)
{
    __m256d x = _mm256_set1_pd(1.0 + 0x1p-30), y = _mm256_set1_pd(1.0 - 0x1p-30);
    __m256d a0 = _mm256_set1_pd(0.0), a1 = _mm256_set1_pd(1.0), a2 = _mm256_set1_pd(2.0),
            a3 = _mm256_set1_pd(3.0), a4 = _mm256_set1_pd(4.0), a5 = _mm256_set1_pd(5.0),
            a6 = _mm256_set1_pd(6.0), a7 = _mm256_set1_pd(7.0), a8 = _mm256_set1_pd(8.0),
            a9 = _mm256_set1_pd(9.0), a10 = _mm256_set1_pd(10.0), a11 = _mm256_set1_pd(11.0);
    double t0 = bc_seconds(), el, s[4];
    ulong it = 0, q;
    do
    {
        for (q = 0; q < 100000; q++)
        {
            PEAK_STEP(a0);
            PEAK_STEP(a1);
            PEAK_STEP(a2);
            PEAK_STEP(a3);
            PEAK_STEP(a4);
            PEAK_STEP(a5);
            PEAK_STEP(a6);
            PEAK_STEP(a7);
            PEAK_STEP(a8);
            PEAK_STEP(a9);
            PEAK_STEP(a10);
            PEAK_STEP(a11);
        }
        it += 100000;
        el = bc_seconds() - t0;
    } while (el < min_seconds);
    a0 = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3)),
                       _mm256_add_pd(_mm256_add_pd(a4, a5), _mm256_add_pd(a6, a7)));
    a0 = _mm256_add_pd(a0, _mm256_add_pd(_mm256_add_pd(a8, a9), _mm256_add_pd(a10, a11)));
    _mm256_storeu_pd(s, a0);
    if (s[0] == 12345.678)
        fputs("", stdout);
    return (double) it * 12 * 4 * 2 / el;
}
#undef PEAK_STEP
#endif

static double
bench_peak(double min_seconds)
{
#ifdef BENCH_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return bench_peak_avx2(min_seconds);
#endif
    (void) min_seconds;
    return 0.0;
}

/* Runs the NumPy reference with K samples and seed; sets *rate.  Returns
   0, or an exit status after printing one line. */
static int
bench_numpy(double *rate, double *cpu_rate, ulong K, uint64_t seed)
{
    const char *py = getenv("PYTHON");
    char ks[32], ss[32], line[512];
    int fd[2], status = 0;
    pid_t pid;
    FILE *f;

    if (py == NULL || py[0] == '\0')
        py = "python3";
    snprintf(ks, sizeof(ks), "%lu", (unsigned long) K);
    snprintf(ss, sizeof(ss), "%llu", (unsigned long long) seed);
    fflush(stdout);
    fflush(stderr);
    if (pipe(fd) != 0)
    {
        return cli_fail("bench prop1 --compare: cannot create a pipe: %s", strerror(errno));
    }
    pid = fork();
    if (pid < 0)
    {
        int e = errno;
        close(fd[0]);
        close(fd[1]);
        return cli_fail("bench prop1 --compare: cannot fork: %s", strerror(e));
    }
    if (pid == 0)
    {
        char *args[8];
        args[0] = (char *) py;
        args[1] = (char *) "-c";
        args[2] = (char *) bench_prop1_py;
        args[3] = (char *) "--samples";
        args[4] = ks;
        args[5] = (char *) "--seed";
        args[6] = ss;
        args[7] = NULL;
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execvp(py, args);
        cli_fail("bench prop1 --compare: cannot run '%s': %s (set PYTHON to a python3 with numpy)", py,
                 strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    f = fdopen(fd[0], "r");
    *rate = 0.0;
    while (f != NULL && fgets(line, sizeof(line), f) != NULL)
    {
        const char *p = strstr(line, "rate="), *c = strstr(line, "cpu=");
        fputs(line, stdout);
        if (p != NULL)
            *rate = strtod(p + 5, NULL);
        if (c != NULL && (c = strstr(c, "(")) != NULL)
            *cpu_rate = strtod(c + 1, NULL);
    }
    if (f != NULL)
        fclose(f);
    else
        close(fd[0]);
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !(*rate > 0.0))
    {
        int code = (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        if (code == 3)
            return cli_fail(
                "bench prop1 --compare: '%s' has no numpy (install it, or set PYTHON to a python3 "
                "that has it)",
                py);
        if (code != 127)
            return cli_fail("bench prop1 --compare: the NumPy reference failed (exit status %d)", code);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static void
bench_prop1_help(FILE *f)
{
    fputs("Usage: basincheck bench prop1 [--samples K] [--seed S] [--threads T] [--compare] [--quiet]\n"
          "Decides Proposition 1's event L(P) > L(0) (squared loss) exactly for K random\n"
          "networks 16-64-64-1 with biases (parameters N(0, 1)) on m = 32 points in d = 16:\n"
          "block double filter with rigorous error bounds, exact dyadic evaluation when the\n"
          "bounds leave the sign open (an escalation).  Also: the same networks in plain\n"
          "double, the float-only layers alone (the roofline), the machine's FMA peak, the\n"
          "time per phase (sampling, layers with bounds, decision, escalations) and, with\n"
          "T > 1, the exact run on one thread (the thread scaling).  The last line reads\n"
          "  bench prop1: samples=K seconds=S rate=R/s escalations=E\n"
          "(the exact run on T threads).\n"
          "\n"
          "  --samples K   networks (default 50000)\n"
          "  --seed S      run seed, 0 <= S < 2^64 (default 1)\n"
          "  --threads T   worker threads (default: online CPUs)\n"
          "  --compare     first run the NumPy reference tests/bench-prop1.py (the same\n"
          "                workload in float64 with NumPy, batches of 500, one thread;\n"
          "                20000 samples) with python3 from PATH, or $PYTHON, and print\n"
          "                the ratio of the rates; exit status 2 if it cannot run\n"
          "  --quiet       no progress bar\n",
          f);
}

static int
cli_bench_prop1(int argc, char **argv)
{
    cli_opts o;
    int rc, compare = 0, i, nargs = 0, threads;
    static const slong width[4] = {BENCH_D, 64, 64, 1};
    char **args = flint_calloc(argc + 1, sizeof(char *));
    data_t S;
    rng_t r;
    bench_ctx ctx;
    mc_tally_t Te, Td, T1;
    ulong K;
    double phe[4], phd[4], ph1[4], np_rate = 0.0, np_cpu = 0.0, roof, peak, rate_e, rate_1 = 0.0, tot, blk;
    double cpu_e, cpu_d, cpu_1 = 0.0;
    double flops = 2.0 * BENCH_M * (double) (BENCH_D * 64 + 64 * 64 + 64);

    /* --compare is this bench's own; the rest are run options */
    for (i = 0; i < argc; i++)
    {
        if (i > 0 && !strcmp(argv[i], "--compare"))
            compare = 1;
        else if (i > 0 && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")))
        {
            bench_prop1_help(stdout);
            flint_free(args);
            return CLI_EXIT_OK;
        }
        else
            args[nargs++] = argv[i];
    }
    rc = cli_parse_run(&o, nargs, args, 0);
    flint_free(args);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    K = o.run.samples > 0 ? (ulong) o.run.samples : BENCH_DEFAULT_SAMPLES;
    threads = o.run.threads;

    if (compare)
    {
        printf("bench prop1: NumPy reference (tests/bench-prop1.py, %d samples):\n", BENCH_NUMPY_SAMPLES);
        rc = bench_numpy(&np_rate, &np_cpu, BENCH_NUMPY_SAMPLES, o.run.seed);
        if (rc != 0)
        {
            cli_opts_clear(&o);
            return rc;
        }
    }

    /* the benchmark's data: m = 32 points in d = 16, x ~ N(0, I/d),
       y ~ N(0, 1) */
    data_init(S, BENCH_M, BENCH_D, 1);
    rng_init(r, o.run.seed, rng_stream_id("bench.prop1.data"), 0);
    data_randomize(S, 1.0, 1.0, r);
    ctx.S = S;
    ctx.depth = 3;
    ctx.width = width;

    ctx.mode = BENCH_DOUBLE;
    bench_run(Td, phd, &cpu_d, &ctx, threads, K, o.run.seed, "bench prop1 (double)", !o.quiet);
    ctx.mode = BENCH_EXACT;
    bench_run(Te, phe, &cpu_e, &ctx, threads, K, o.run.seed, "bench prop1 (exact)", !o.quiet);
    if (threads > 1)
        bench_run(T1, ph1, &cpu_1, &ctx, 1, K, o.run.seed, "bench prop1 (exact, 1 thread)", !o.quiet);
    else
        cpu_1 = cpu_e;
    roof = bench_roofline(&ctx, o.run.seed, 1.0);
    peak = bench_peak(0.5);
    blk = bench_philox_block(0.3);

    rate_e = (double) K / Te->seconds;
    rate_1 = threads > 1 ? (double) K / T1->seconds : rate_e;
    tot = phe[0] + phe[1] + phe[2] + phe[3];
    printf("bench prop1: network 16-64-64-1 with biases, m=32, d=16, squared loss, threads=%d\n", threads);
    printf("bench prop1: plain double  samples=%lu seconds=%.3f rate=%.0f/s events=%lu\n", (unsigned long) K,
           Td->seconds, (double) K / Td->seconds, (unsigned long) Td->hits[0]);
    printf("bench prop1: exact/double rate ratio=%.3f, decisions agreeing with plain double: %s\n",
           Td->seconds / Te->seconds, Te->hits[0] == Td->hits[0] ? "all counts equal" : "counts differ");
    printf("bench prop1: exact events=%lu undecided=%lu\n", (unsigned long) Te->hits[0],
           (unsigned long) Te->undecided[0]);
    printf("bench prop1: time per sample (exact run, thread-seconds): sampling %.2f us (%.0f%%), layers with "
           "bounds %.2f us (%.0f%%), decision %.2f us (%.0f%%), escalations %.2f us (%.0f%%)\n",
           1e6 * phe[0] / K, 100 * phe[0] / tot, 1e6 * phe[1] / K, 100 * phe[1] / tot, 1e6 * phe[2] / K,
           100 * phe[2] / tot, 1e6 * phe[3] / K, 100 * phe[3] / tot);
    printf("bench prop1: plain double run: sampling %.2f us, layers %.2f us, gap %.2f us per sample\n",
           1e6 * phd[0] / K, 1e6 * phd[1] / K, 1e6 * phd[2] / K);
    printf("bench prop1: float-only roofline (the layers alone, one network in cache, one thread): %.0f "
           "samples/s = %.1f GFLOP/s",
           roof, roof * flops * 1e-9);
    if (peak > 0.0)
        printf(" (machine FMA peak %.1f GFLOP/s, %.0f%% of it)", peak * 1e-9, 100 * roof * flops / peak);
    printf("\n");
    printf("bench prop1: exact rate on one thread %.0f/s = %.0f%% of the float-only roofline\n", rate_1,
           100 * rate_1 / roof);
    {
        /* a sample's normals take one 64-bit word each (98.5%), two per
           Philox block */
        double nb = 0.5 * (double) (BENCH_D * 64 + 64 + 64 * 64 + 64 + 64);
        printf("bench prop1: Philox4x32-10 alone: %.2f ns per block, %.1f us for a sample's %.0f blocks (the "
               "generator's floor: %.0f samples/s)\n",
               1e9 * blk, 1e6 * blk * nb, nb, 1.0 / (blk * nb));
    }
    if (threads > 1)
        printf("bench prop1: thread scaling: %d threads %.0f/s, one thread %.0f/s: %.2fx\n", threads, rate_e,
               rate_1, rate_e / rate_1);
    printf("bench prop1: CPU time (all threads): exact %.0f samples per CPU-second on one thread", K / cpu_1);
    if (threads > 1)
        printf(", %.0f on %d threads (parallel efficiency %.2f)", K / cpu_e, threads, cpu_1 / cpu_e);
    printf("; plain double %.0f\n", K / cpu_d);
    if (compare)
    {
        printf("bench prop1: NumPy %.0f/s; exact decisions one thread %.0f/s = %.2fx NumPy", np_rate, rate_1,
               rate_1 / np_rate);
        if (threads > 1)
            printf("; %d threads %.0f/s = %.2fx NumPy", threads, rate_e, rate_e / np_rate);
        printf("\n");
        if (np_cpu > 0.0)
            printf("bench prop1: per CPU-second: NumPy %.0f, exact decisions %.0f = %.2fx NumPy\n", np_cpu,
                   K / cpu_1, K / cpu_1 / np_cpu);
    }
    printf("bench prop1: samples=%lu seconds=%.3f rate=%.0f/s escalations=%lu\n", (unsigned long) K,
           Te->seconds, rate_e, (unsigned long) Te->escalations);
    data_clear(S);
    cli_opts_clear(&o);
    return CLI_EXIT_OK;
}

int
cli_bench(int argc, char **argv)
{
    slong i;

    if (argc < 2 || argv[1][0] == '-')
    {
        if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
        {
            cli_usage(stdout);
            return CLI_EXIT_OK;
        }
        return cli_fail("bench needs a benchmark name (prop1, basin, audit, thm4, jacobian, critical) (see "
                        "'basincheck --help')");
    }
    if (!strcmp(argv[1], "basin"))
        return cli_bench_basin(argc - 1, argv + 1);
    for (i = 0; i < theorem_nmodules; i++)
        if (theorem_modules[i]->bench != NULL && !strcmp(argv[1], theorem_modules[i]->bench_name))
            return theorem_modules[i]->bench(argc - 1, argv + 1);
    if (!strcmp(argv[1], "critical"))
        return cli_bench_critical(argc - 1, argv + 1);
    if (!strcmp(argv[1], "jacobian"))
        return cli_bench_jacobian(argc - 1, argv + 1);
    if (strcmp(argv[1], "prop1") != 0)
    {
        return cli_fail("unknown benchmark '%s' (known: prop1, basin, audit, thm4, jacobian, critical)",
                        argv[1]);
    }
    return cli_bench_prop1(argc - 1, argv + 1);
}

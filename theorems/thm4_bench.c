/* thm4_bench.c -- `basincheck bench thm4` (the module's bench hook): the construction of
   Theorem 4's proof (App. B.6) with its exact verification, per sample,
   on m = 8 orthogonal points in d = 16 at widths 4, 8, 16, 32 (10^4
   samples each unless --samples says otherwise), then the same
   construction in plain double on the same networks, and the ratio.
   Each worker keeps its buffers (and the construction's workspace)
   from sample to sample, for both paths alike.  Each path runs twice,
   alternately, and the faster run counts; the CPU-time ratio is given
   beside the wall-clock one. */
#include <string.h>
#include <time.h>

#include <flint/fmpq_vec.h>

#include "mc.h"
#include "thm4.h"

#define BENCH_M 8
#define BENCH_D 16

static const slong bench_widths[4] = {4, 8, 16, 32};

/* the options (module_bench_opts) */
typedef struct
{
    run_opts run;
} bench4_opts;

typedef struct
{
    const thm4_data_struct *D;
    slong n;
    const fmpq *ybar;
    const fmpq *alpha;
    const double *ybar_d;
    int exact;
} bench4_ctx;

/* One worker's buffers, kept from sample to sample (both paths alike). */
typedef struct
{
    thm4_b6_t C;
    double *W;
} bench4_ws;

static void
bench4_sample(mc_outcome *out, const void *ctx, void *wsv, rng_t rng, ulong index)
{
    const bench4_ctx *b = ctx;
    bench4_ws *w = wsv;
    slong n = b->n, d = b->D->d, i;
    double *W = w->W, *v = W + n * d, *Wp = v + n, *work = Wp + n * d;

    (void) index;
    for (i = 0; i < n; i++)
        sampler_draw(W + i * d, d, SAMPLER_GAUSS, 1.0, rng);
    sampler_draw(v, n, SAMPLER_GAUSS, 1.0, rng);
    out->nevents = 2;
    if (b->exact)
    {
        int st = thm4_b6_construct(w->C, b->D, b->ybar, b->alpha, W, v, n, 0);
        out->event[0] =
            st == THM4_B6_NO_NEURON ? BC_FALSE : (st == THM4_B6_BOUNDARY ? BC_UNDECIDED : BC_TRUE);
        out->event[1] = st == THM4_B6_OK ? BC_TRUE : BC_FALSE;
    }
    else
    {
        int ok = thm4_b6_construct_d(Wp, b->D, b->ybar_d, W, v, n, work);
        out->event[0] = out->event[1] = ok ? BC_TRUE : BC_FALSE;
    }
}

/* A run with fresh workspaces for threads workers; *cpu receives the
   process's CPU time over the run (all threads). */
static void
bench4_run(mc_tally_t T, double *cpu, const bench4_ctx *ctx, ulong K, uint64_t seed, const mc_opts *mo)
{
    clock_t c0;
    int t, nt = mo->threads < 1 ? 1 : mo->threads;
    slong n = ctx->n, d = ctx->D->d, m = ctx->D->m;
    bench4_ws *ws = flint_calloc(nt, sizeof(bench4_ws));
    void **wp = flint_calloc(nt, sizeof(void *));
    for (t = 0; t < nt; t++)
    {
        thm4_b6_init(ws[t].C);
        ws[t].W = flint_malloc(sizeof(double) * (size_t) (2 * n * d + n + 2 * n * m + 2 * m));
        wp[t] = ws + t;
    }
    c0 = clock();
    mc_run_ws(T, bench4_sample, ctx, wp, K, seed, rng_stream_id("bench.thm4"), mo);
    *cpu = (double) (clock() - c0) / CLOCKS_PER_SEC;
    for (t = 0; t < nt; t++)
    {
        thm4_b6_clear(ws[t].C);
        flint_free(ws[t].W);
    }
    flint_free(ws);
    flint_free(wp);
}

int
thm4_bench(int argc, char **argv)
{
    bench4_opts o;
    int rc;
    thm4_data_t D;
    rng_t r;
    fmpq *ybar;
    double *ybar_d;
    fmpq_t alpha;
    ulong K, tot = 0, built = 0, events = 0;
    double secs = 0.0, secs_d = 0.0, cpu = 0.0, cpu_d = 0.0;
    slong q, t;
    mc_opts mo;

    rc = module_bench_opts(&o.run, argc, argv,
                           "usage: basincheck bench thm4 [--seed S] [--threads T] [--samples K] [--quiet]");
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    K = o.run.samples > 0 ? (ulong) o.run.samples : 10000;

    thm4_data_init(D);
    rng_init(r, o.run.seed, rng_stream_id("bench.thm4.data"), 0);
    thm4_data_generate(D, THM4_DATA_ORTH, BENCH_M, BENCH_D, r);
    ybar = _fmpq_vec_init(BENCH_M);
    ybar_d = flint_malloc(sizeof(double) * BENCH_M);
    fmpq_init(alpha);
    mo.threads = o.run.threads;
    mo.progress = o.run.progress;

    printf("bench thm4: m=%d orthogonal points in d=%d, rank %ld, threads=%d, %lu samples per width\n",
           BENCH_M, BENCH_D, (long) D->rank, o.run.threads, (unsigned long) K);
    for (q = 0; q < 4; q++)
    {
        bench4_ctx ctx;
        mc_tally_t Te, Td;
        slong n = bench_widths[q];
        thm4_alpha(alpha, ybar, D, n);
        for (t = 0; t < BENCH_M; t++)
            ybar_d[t] = fmpq_get_d(ybar + t);
        ctx.D = D;
        ctx.n = n;
        ctx.ybar = ybar;
        ctx.alpha = alpha;
        ctx.ybar_d = ybar_d;
        {
            /* each path twice, alternately, the faster run of each kept:
               on a machine shared with other work, a burst of load
               during one run then does not decide the ratio */
            mc_tally_t Te2, Td2;
            double ce, cd, ce2, cd2;
            ctx.exact = 1;
            mo.label = "bench thm4 (exact)";
            bench4_run(Te, &ce, &ctx, K, o.run.seed, &mo);
            ctx.exact = 0;
            mo.label = "bench thm4 (double)";
            bench4_run(Td, &cd, &ctx, K, o.run.seed, &mo);
            ctx.exact = 1;
            mo.label = "bench thm4 (exact)";
            bench4_run(Te2, &ce2, &ctx, K, o.run.seed, &mo);
            ctx.exact = 0;
            mo.label = "bench thm4 (double)";
            bench4_run(Td2, &cd2, &ctx, K, o.run.seed, &mo);
            if (Te2->seconds < Te->seconds)
                Te->seconds = Te2->seconds;
            if (Td2->seconds < Td->seconds)
                Td->seconds = Td2->seconds;
            ce = ce2 < ce ? ce2 : ce;
            cd = cd2 < cd ? cd2 : cd;
            printf(
                "bench thm4: n=%ld exact: event %lu, built and verified %lu, %.3f s (%.0f/s); double: built "
                "%lu, %.3f s (%.0f/s); exact/double time ratio %.1f (CPU time %.1f)\n",
                (long) n, (unsigned long) Te->hits[0], (unsigned long) Te->hits[1], Te->seconds,
                (double) K / Te->seconds, (unsigned long) Td->hits[1], Td->seconds, (double) K / Td->seconds,
                Te->seconds / Td->seconds, ce / cd);
            cpu += ce;
            cpu_d += cd;
        }
        tot += K;
        built += Te->hits[1];
        events += Te->hits[0];
        secs += Te->seconds;
        secs_d += Td->seconds;
    }
    printf("bench thm4: double-only construction samples=%lu seconds=%.3f rate=%.0f/s; exact/double time "
           "ratio %.1f (CPU time %.1f)\n",
           (unsigned long) tot, secs_d, (double) tot / secs_d, secs / secs_d, cpu / cpu_d);
    printf("bench thm4: events=%lu constructions verified=%lu%s\n", (unsigned long) events,
           (unsigned long) built, events == built ? "" : " (MISMATCH)");
    printf("bench thm4: samples=%lu seconds=%.3f rate=%.0f/s\n", (unsigned long) tot, secs,
           (double) tot / secs);

    fmpq_clear(alpha);
    _fmpq_vec_clear(ybar, BENCH_M);
    flint_free(ybar_d);
    thm4_data_clear(D);
    return events == built ? 0 : 1;
}

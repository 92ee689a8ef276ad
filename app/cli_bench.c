/* cli_bench.c -- `basincheck bench NAME`: performance figures, kept out
   of the test suite.  bench prop1 decides Proposition 1's event exactly
   (double filter, escalation to exact arithmetic) for K random networks
   and, on the same networks, in plain unguarded double, and reports
   both rates. */
#include <string.h>

#include "cli.h"
#include "data.h"
#include "mc.h"
#include "net.h"
#include "prop12.h"

typedef struct
{
    const data_t *S;
    slong depth;
    const slong *width;
    int exact; /* 1: filtered exact decision; 0: plain double */
} bench_ctx;

static void
bench_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const bench_ctx *b = ctx;
    net_t N;
    double *work;
    (void) index;
    net_init(N, b->depth, b->width);
    net_randomize(N, SAMPLER_GAUSS, 1.0, rng);
    work = flint_malloc(prop12_worksize(N, *b->S) * sizeof(double));
    out->nevents = 1;
    if (b->exact)
        out->event[0] = prop12_event_decide(N, LOSS_SQUARED, *b->S, work, &out->escalations);
    else
        out->event[0] = prop12_event_double(N, LOSS_SQUARED, *b->S, work) ? BC_TRUE : BC_FALSE;
    flint_free(work);
    net_clear(N);
}

int
cli_bench(int argc, char **argv)
{
    cli_opts o;
    int rc;
    static const slong width[4] = {16, 64, 64, 1};
    data_t S;
    rng_t r;
    bench_ctx ctx;
    mc_tally_t Te, Td;
    mc_opts mo;
    ulong K;
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
    rc = cli_parse_run(&o, argc - 1, argv + 1, 0);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    K = o.run.samples > 0 ? (ulong) o.run.samples : 20000;

    /* the benchmark's data: m = 32 points in d = 16, x ~ N(0, I/d),
       y ~ N(0, 1) */
    data_init(S, 32, 16, 1);
    rng_init(r, o.run.seed, rng_stream_id("bench.prop1.data"), 0);
    data_randomize(S, 1.0, 1.0, r);

    ctx.S = (const data_t *) &S;
    ctx.depth = 3;
    ctx.width = width;
    mo.threads = o.run.threads;
    mo.progress = !o.quiet;
    mo.label = "bench prop1 (double)";
    ctx.exact = 0;
    mc_run(Td, bench_sample, &ctx, K, o.run.seed, rng_stream_id("bench.prop1"), &mo);
    mo.label = "bench prop1 (exact)";
    ctx.exact = 1;
    mc_run(Te, bench_sample, &ctx, K, o.run.seed, rng_stream_id("bench.prop1"), &mo);

    printf("bench prop1: network 16-64-64-1 with biases, m=32, d=16, squared loss, threads=%d\n",
           o.run.threads);
    printf("bench prop1: plain double  samples=%lu seconds=%.3f rate=%.0f/s events=%lu\n", (unsigned long) K,
           Td->seconds, (double) K / Td->seconds, (unsigned long) Td->hits[0]);
    printf("bench prop1: exact/double rate ratio=%.3f, decisions agreeing with plain double: %s\n",
           Td->seconds / Te->seconds, Te->hits[0] == Td->hits[0] ? "all counts equal" : "counts differ");
    printf("bench prop1: samples=%lu seconds=%.3f rate=%.0f/s escalations=%lu\n", (unsigned long) K,
           Te->seconds, (double) K / Te->seconds, (unsigned long) Te->escalations);
    data_clear(S);
    cli_opts_clear(&o);
    return CLI_EXIT_OK;
}

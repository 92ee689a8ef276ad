/* cli_bench_jacobian.c -- `basincheck bench jacobian [--full]`: exact
   full-rank decisions for the Jacobians of activation regions met by
   random weights (jac.h), as in the authors' experiments (seed 004,
   kedar2/loss-landscape: data uniform on [0, 1]^d0, torch's default
   initialisation), one fresh data set and network per decision.

   Default: n = 190, d0 = 95, d1 = 1..15, K decisions per d1 (--samples,
   default 100).  --full: the authors' whole grids, d0 = n/4, n/2, n, 2n
   (rounded up) with n = 10, 30, .., 190 and d1 = 1..15, and d0 = 1, 2,
   3, 5 with n = 10, 20, .., 100 and d1 = 30, 60, .., 300: K decisions per
   cell (10^5 in all at K = 100).  Prints decisions per second and how
   each decision was certified. */
#include <string.h>
#include <time.h>

#include "cli.h"
#include "jac.h"
#include "mc.h"

typedef struct
{
    slong n, d0, d1;
} jbench_ctx;

/* events: 0 full rank, 1 deficient by a structural count, 2 cover test,
   3 full by the modular rank, 4 exact kernel vector, 5 repaired minor */
#define JB_EVENTS 6

static void
jbench_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const jbench_ctx *b = ctx;
    jac_data_t D;
    jac_pattern_t A;
    jac_rank_t R;
    (void) index;
    jac_data_init(D, b->n, b->d0);
    jac_pattern_init(A, b->d1, b->n);
    jac_rank_init(R);
    jac_data_sample(D, JAC_DATA_UNIFORM, rng);
    jac_pattern_sample(A, D, JAC_INIT_TORCH, rng);
    jac_rank(R, D, A, JAC_DECIDE);
    out->nevents = JB_EVENTS;
    out->event[0] = R->full_rank;
    out->event[1] =
        R->full_rank == BC_FALSE && (R->cert_hi == JAC_CERT_ZERO_ROWS || R->cert_hi == JAC_CERT_COUNT ||
                                     R->cert_hi == JAC_CERT_ATOMS || R->cert_hi == JAC_CERT_TRIVIAL)
            ? BC_TRUE
            : BC_FALSE;
    out->event[2] = R->cert_lo == JAC_CERT_COVER ? BC_TRUE : BC_FALSE;
    out->event[3] = R->full_rank == BC_TRUE && R->cert_lo == JAC_CERT_MODP ? BC_TRUE : BC_FALSE;
    out->event[4] = R->cert_hi == JAC_CERT_KERNEL ? BC_TRUE : BC_FALSE;
    out->event[5] = R->cert_lo == JAC_CERT_MINOR ? BC_TRUE : BC_FALSE;
    out->escalations = (ulong) R->solves;
    jac_rank_clear(R);
    jac_pattern_clear(A);
    jac_data_clear(D);
}

typedef struct
{
    ulong decisions, full, by[JB_EVENTS], solves;
    double seconds, cpu; /* wall-clock, and processor time of all threads */
} jbench_sum;

static void
jbench_cell(jbench_sum *S, slong n, slong d0, slong d1, ulong K, const cli_opts *o)
{
    jbench_ctx ctx;
    mc_tally_t T;
    mc_opts mo;
    char name[96];
    int k;
    clock_t c0;
    ctx.n = n;
    ctx.d0 = d0;
    ctx.d1 = d1;
    mo.threads = o->run.threads;
    mo.progress = 0;
    mo.label = "bench jacobian";
    snprintf(name, sizeof name, "bench.jacobian/%ld/%ld/%ld", (long) n, (long) d0, (long) d1);
    c0 = clock();
    mc_run(T, jbench_sample, &ctx, K, o->run.seed, rng_stream_id(name), &mo);
    S->cpu += (double) (clock() - c0) / CLOCKS_PER_SEC;
    S->decisions += K;
    S->full += T->hits[0];
    for (k = 0; k < JB_EVENTS; k++)
        S->by[k] += T->hits[k];
    S->solves += T->escalations;
    S->seconds += T->seconds;
}

/* T += S: the totals over every grid */
static void
jbench_add(jbench_sum *T, const jbench_sum *S)
{
    int e;
    T->decisions += S->decisions;
    T->full += S->full;
    T->seconds += S->seconds;
    T->cpu += S->cpu;
    T->solves += S->solves;
    for (e = 0; e < JB_EVENTS; e++)
        T->by[e] += S->by[e];
}

static void
jbench_print(const char *label, const jbench_sum *S)
{
    /* on a shared machine the wall-clock rate says little: the processor
       time of all threads is printed beside it */
    printf(
        "bench jacobian: %s decisions=%lu seconds=%.3f rate=%.0f/s cpu-seconds=%.3f cpu-rate=%.0f/s full=%lu "
        "certified-by: modp=%lu cover=%lu structure=%lu kernel=%lu minor=%lu exact-solves=%lu\n",
        label, (unsigned long) S->decisions, S->seconds,
        S->seconds > 0 ? (double) S->decisions / S->seconds : 0.0, S->cpu,
        S->cpu > 0 ? (double) S->decisions / S->cpu : 0.0, (unsigned long) S->full, (unsigned long) S->by[3],
        (unsigned long) S->by[2], (unsigned long) S->by[1], (unsigned long) S->by[4],
        (unsigned long) S->by[5], (unsigned long) S->solves);
}

int
cli_bench_jacobian(int argc, char **argv)
{
    cli_opts o;
    int rc, full;
    ulong K;
    slong n, d1, g;
    jbench_sum tot;

    rc = cli_parse_run(&o, argc, argv, 0);
    if (rc != 0)
    {
        cli_opts_clear(&o);
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    K = o.run.samples > 0 ? (ulong) o.run.samples : 100;
    full = o.run.size == SIZE_FULL;
    memset(&tot, 0, sizeof tot);
    printf("bench jacobian: data uniform on [0,1]^d0, torch default initialisation, one fresh data set and "
           "network per decision, threads=%d, %lu per cell\n",
           o.run.threads, (unsigned long) K);
    if (!full)
    {
        for (d1 = 1; d1 <= 15; d1++)
            jbench_cell(&tot, 190, 95, d1, K, &o);
        jbench_print("n=190 d0=95 d1=1..15", &tot);
    }
    else
    {
        static const slong num[4] = {1, 1, 1, 2}, den[4] = {4, 2, 1, 1}, fixed[4] = {1, 2, 3, 5};
        for (g = 0; g < 4; g++)
        {
            jbench_sum S;
            char label[64];
            memset(&S, 0, sizeof S);
            for (n = 10; n <= 190; n += 20)
                for (d1 = 1; d1 <= 15; d1++)
                    jbench_cell(&S, n, (n * num[g] + den[g] - 1) / den[g], d1, K, &o);
            snprintf(label, sizeof label, "grid d0=%ld/%ld*n", (long) num[g], (long) den[g]);
            jbench_print(label, &S);
            jbench_add(&tot, &S);
        }
        for (g = 0; g < 4; g++)
        {
            jbench_sum S;
            char label[64];
            memset(&S, 0, sizeof S);
            for (n = 10; n <= 100; n += 10)
                for (d1 = 30; d1 <= 300; d1 += 30)
                    jbench_cell(&S, n, fixed[g], d1, K, &o);
            snprintf(label, sizeof label, "grid d0=%ld", (long) fixed[g]);
            jbench_print(label, &S);
            jbench_add(&tot, &S);
        }
        jbench_print("all grids", &tot);
    }
    cli_opts_clear(&o);
    return CLI_EXIT_OK;
}

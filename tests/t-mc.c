/* t-mc.c -- the Monte Carlo engine: tallies independent of the thread
   count and equal to a direct sequential recomputation (the oracle), and
   the sample-size rule. */
#include <math.h>
#include <string.h>

#include "mc.h"
#include "testutil.h"

typedef struct
{
    double p;
} coin_ctx;

static void
coin_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const coin_ctx *c = ctx;
    double u = rng_uniform(rng);
    (void) index;
    out->nevents = 3;
    out->event[0] = u < c->p ? BC_TRUE : BC_FALSE;
    out->event[1] = (rng_u32(rng) & 1) ? BC_TRUE : BC_FALSE;
    out->event[2] = u < 1e-3 ? BC_UNDECIDED : BC_TRUE;
    out->escalations = u < 0.01;
}

static void
test_thread_independence(void)
{
    coin_ctx ctx = {0.3};
    mc_tally_t T1, T2, T3;
    mc_opts o = {1, 0, "test"};
    ulong n = (ulong) test_iters(20000), i, h0 = 0, h1 = 0, j01 = 0, und = 0, esc = 0;
    uint64_t seed = test_seed();

    mc_run(T1, coin_sample, &ctx, n, seed, 42, &o);
    o.threads = 2;
    mc_run(T2, coin_sample, &ctx, n, seed, 42, &o);
    o.threads = 3;
    mc_run(T3, coin_sample, &ctx, n, seed, 42, &o);

    /* oracle: the same streams walked sequentially, here in the test */
    for (i = 0; i < n; i++)
    {
        rng_t r;
        double u;
        int a, b;
        rng_init(r, seed, 42, i);
        u = rng_uniform(r);
        a = u < ctx.p;
        b = rng_u32(r) & 1;
        h0 += a;
        h1 += b;
        j01 += a && b;
        und += u < 1e-3;
        esc += u < 0.01;
    }
    if (T1->hits[0] != h0 || T1->hits[1] != h1 || T1->joint[0][1] != j01 || T1->undecided[2] != und ||
        T1->escalations != esc || T1->samples != n)
    {
        TEST_REPORT("tally equals the sequential recomputation", "hits %lu/%lu %lu/%lu",
                    (unsigned long) T1->hits[0], (unsigned long) h0, (unsigned long) T1->hits[1],
                    (unsigned long) h1);
        CU_FAIL("tally differs from oracle");
    }
    if (memcmp(T1->hits, T2->hits, sizeof T1->hits) || memcmp(T1->hits, T3->hits, sizeof T1->hits) ||
        memcmp(T1->joint, T3->joint, sizeof T1->joint) || T1->escalations != T3->escalations)
    {
        TEST_REPORT("tally independent of thread count", "n=%lu", (unsigned long) n);
        CU_FAIL("thread count changes the tally");
    }
    /* negative control: another seed must change the tally */
    mc_run(T2, coin_sample, &ctx, n, seed + 1, 42, &o);
    CU_ASSERT(memcmp(T1->hits, T2->hits, sizeof T1->hits) != 0);
}

static void
test_samples_for_slack(void)
{
    /* normal approximation: N ~ z^2 / (4 slack^2), z = 2.5758 for a
       0.005 tail; the exact rule lies within 15% of it */
    ulong n = mc_samples_for_slack(0.02, 0.005);
    double approx = 2.5758 * 2.5758 / (4.0 * 0.02 * 0.02);
    if (fabs((double) n - approx) > 0.15 * approx)
    {
        TEST_REPORT("samples for slack 0.02 at tail 0.005", "n=%lu approx=%g", (unsigned long) n, approx);
        CU_FAIL("sample size rule");
    }
    CU_ASSERT(mc_samples_for_slack(0.01, 0.005) > 3 * n);
}

static const test_case suite_tests[] = {
    {"thread independence (oracle: sequential streams)", test_thread_independence},
    {"sample size for a slack", test_samples_for_slack},
};

int
t_mc_register(void)
{
    return TEST_SUITE("mc", suite_tests);
}

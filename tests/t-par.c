/* t-par.c -- the parallel context without launching ranks: the blocks of
   par_block partition the items, and the Monte Carlo of every rank of a
   decomposition (a context of size k whose collectives are the serial
   identity) sums to the tally of one process (the oracle: mc_run), also
   for sample functions that read their index. */
#include <string.h>

#include "mc.h"
#include "par.h"
#include "testutil.h"

static void
test_blocks(void)
{
    ulong n, iters = (ulong) test_iters(200);
    int size;
    flint_rand_t st;
    flint_randinit(st);
    flint_randseed(st, test_seed(), 7);
    for (n = 0; n < iters; n++)
    {
        ulong items = n < 20 ? n : n_randint(st, 100000);
        for (size = 1; size <= 9; size++)
        {
            par_t P;
            ulong next = 0, lo = UWORD_MAX, hi = 0;
            int r;
            par_serial(P);
            P->size = size;
            for (r = 0; r < size; r++)
            {
                ulong first, count;
                par_block(&first, &count, P, r, items);
                /* contiguous, in rank order, the larger blocks first */
                if (first != next || (r > 0 && count > hi))
                {
                    TEST_REPORT("blocks partition the items in rank order", "n=%lu size=%d rank=%d first=%lu",
                                (unsigned long) items, size, r, (unsigned long) first);
                    CU_FAIL("par_block");
                }
                next = first + count;
                lo = count < lo ? count : lo;
                hi = count > hi ? count : hi;
            }
            if (next != items || hi - lo > 1)
            {
                TEST_REPORT("blocks cover the items, sizes within one",
                            "n=%lu size=%d end=%lu sizes %lu..%lu", (unsigned long) items, size,
                            (unsigned long) next, (unsigned long) lo, (unsigned long) hi);
                CU_FAIL("par_block");
            }
        }
    }
    flint_randclear(st);
}

/* an outcome that depends on the draws and on the index: a block that
   passed the wrong index or stream would change the tally */
static void
index_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    double u = rng_uniform(rng);
    (void) ctx;
    out->nevents = 3;
    out->event[0] = u < 0.4 ? BC_TRUE : BC_FALSE;
    out->event[1] = (index % 3 == 0) ? BC_TRUE : BC_FALSE;
    out->event[2] = u < 0.01 ? BC_UNDECIDED : ((rng_u32(rng) & 1) ? BC_TRUE : BC_FALSE);
    out->escalations = (index % 7 == 0) + (u < 0.05);
}

static void
test_mc_blocks(void)
{
    ulong n = (ulong) test_iters(5000), sizes[] = {0, 1, 2, 5, n};
    uint64_t seed = test_seed();
    size_t q;
    for (q = 0; q < sizeof sizes / sizeof sizes[0]; q++)
    {
        mc_tally_t S, T, U;
        mc_opts o = {2, 0, "t-par"};
        int size, r, a;
        mc_run(S, index_sample, NULL, sizes[q], seed, 99, &o);
        for (size = 1; size <= 4; size++)
        {
            mc_tally_init(U);
            for (r = 0; r < size; r++)
            {
                par_t P;
                par_serial(P);
                P->size = size;
                P->rank = r;
                o.threads = 1 + r % 2;
                par_mc_run(P, T, index_sample, NULL, sizes[q], seed, 99, &o);
                U->samples += T->samples;
                U->escalations += T->escalations;
                for (a = 0; a < MC_MAX_EVENTS; a++)
                {
                    int b;
                    U->hits[a] += T->hits[a];
                    U->undecided[a] += T->undecided[a];
                    for (b = 0; b < MC_MAX_EVENTS; b++)
                        U->joint[a][b] += T->joint[a][b];
                }
            }
            if (U->samples != S->samples || U->escalations != S->escalations ||
                memcmp(U->hits, S->hits, sizeof S->hits) ||
                memcmp(U->undecided, S->undecided, sizeof S->undecided) ||
                memcmp(U->joint, S->joint, sizeof S->joint))
            {
                TEST_REPORT("blocks of every rank sum to one process's tally", "n=%lu ranks=%d hits %lu/%lu",
                            (unsigned long) sizes[q], size, (unsigned long) U->hits[0],
                            (unsigned long) S->hits[0]);
                CU_FAIL("par_mc_run");
            }
        }
    }
}

static void
test_serial_sync(void)
{
    par_t P;
    par_serial(P);
    CU_ASSERT(par_root(P) && P->size == 1 && P->local == 1);
    CU_ASSERT(par_sync(P, 0) == -1);
    CU_ASSERT(par_sync(P, 1) == 0);
}

int
t_par_register(void)
{
    CU_pSuite s = CU_add_suite("par", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "blocks partition the items", test_blocks) ||
        !CU_add_test(s, "rank blocks sum to one process's tally (oracle: mc_run)", test_mc_blocks) ||
        !CU_add_test(s, "serial failure exchange", test_serial_sync))
        return 1;
    return 0;
}

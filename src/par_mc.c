/* par_mc.c -- Monte Carlo divided over the ranks (par.h): a wrapper of
   mc_run that runs one contiguous block of the samples and sums the
   tallies.  The sample function sees the sample's global index and its
   stream, so the outcome of sample i is the same on whichever rank and
   thread runs it. */
#include <string.h>

#include "par.h"
#include "rng.h"

/* the words of a tally that are sums of per-sample counts */
#define PAR_MC_WORDS (2 + 2 * MC_MAX_EVENTS + MC_MAX_EVENTS * MC_MAX_EVENTS)

typedef struct
{
    mc_sample_fn fn;
    const void *ctx;
    ulong first;
    uint64_t seed;
    uint64_t stream;
} par_mc_block;

/* sample i of the block is sample first + i of the check */
static void
block_sample(mc_outcome *out, const void *arg, rng_t rng, ulong i)
{
    const par_mc_block *b = arg;
    rng_t r;
    (void) rng;
    rng_init(r, b->seed, b->stream, b->first + i);
    b->fn(out, b->ctx, r, b->first + i);
    rng_clear(r);
}

static void
tally_pack(ulong *w, const mc_tally_t T)
{
    int a, b, k = 0;
    w[k++] = T->samples;
    w[k++] = T->escalations;
    for (a = 0; a < MC_MAX_EVENTS; a++)
    {
        w[k++] = T->hits[a];
        w[k++] = T->undecided[a];
        for (b = 0; b < MC_MAX_EVENTS; b++)
            w[k++] = T->joint[a][b];
    }
}

static void
tally_unpack(mc_tally_t T, const ulong *w)
{
    int a, b, k = 0;
    T->samples = w[k++];
    T->escalations = w[k++];
    for (a = 0; a < MC_MAX_EVENTS; a++)
    {
        T->hits[a] = w[k++];
        T->undecided[a] = w[k++];
        for (b = 0; b < MC_MAX_EVENTS; b++)
            T->joint[a][b] = w[k++];
    }
}

void
par_mc_run(const par_t P, mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong nsamples, uint64_t seed,
           uint64_t stream, const mc_opts *opts)
{
    par_mc_block b;
    mc_opts o = *opts;
    ulong count, w[PAR_MC_WORDS];

    if (P->size == 1)
    {
        mc_run(T, fn, ctx, nsamples, seed, stream, opts);
        return;
    }
    b.fn = fn;
    b.ctx = ctx;
    b.seed = seed;
    b.stream = stream;
    par_block(&b.first, &count, P, P->rank, nsamples);
    o.progress = opts->progress && par_root(P) && count > 0;
    mc_run(T, block_sample, &b, count, seed, stream, &o);
    tally_pack(w, T);
    par_reduce(P, w, PAR_MC_WORDS);
    tally_unpack(T, w);
}

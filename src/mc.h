/* mc.h -- the Monte Carlo engine.

   Sample i of a check draws only from rng stream (seed, stream, i), so a
   tally is a sum of per-sample outcomes that does not depend on the
   number of threads or the order of evaluation.  Memory is constant in
   the number of samples. */
#ifndef MC_H
#define MC_H

#include "bc.h"
#include "rng.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define MC_MAX_EVENTS 8

    /* What one sample reports: the truth of up to MC_MAX_EVENTS events, and
   whether deciding them needed an escalation beyond the double filter. */
    typedef struct
    {
        int nevents;
        truth_t event[MC_MAX_EVENTS];
        ulong escalations;
    } mc_outcome;

    /* Evaluates one sample: fills out from the stream rng.  index is the
   sample number (for diagnostics only; the stream already encodes it).
   Must be thread-safe with respect to ctx (read-only). */
    typedef void (*mc_sample_fn)(mc_outcome *out, const void *ctx, rng_t rng, ulong index);

    typedef struct
    {
        ulong samples;
        ulong hits[MC_MAX_EVENTS];
        ulong undecided[MC_MAX_EVENTS];
        ulong escalations;
        double seconds;
        /* joint counts of (event a true and event b true) for conditioning */
        ulong joint[MC_MAX_EVENTS][MC_MAX_EVENTS];
    } mc_tally_struct;

    typedef mc_tally_struct mc_tally_t[1];

    void mc_tally_init(mc_tally_t T);

    typedef struct
    {
        int threads;       /* >= 1 */
        int progress;      /* 1: draw a progress bar on stderr when it is a terminal */
        const char *label; /* shown in the progress bar */
    } mc_opts;

    /* Runs fn for samples 0..nsamples-1 on streams (seed, stream, i) with
   opts->threads threads and sets T to the tally. */
    void mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong nsamples, uint64_t seed,
                uint64_t stream, const mc_opts *opts);

    /* The same with a per-thread workspace: fn receives ws[t] when worker t
   (0 <= t < threads) evaluates the sample.  A workspace lets a sample
   function keep its buffers (a network, the filter's arrays) from one
   sample to the next instead of allocating them each time, and lets it
   accumulate per-thread statistics (e.g. timings) without locks.  ws
   holds at least opts->threads pointers (threads < 1 counts as 1).  The
   tally does not depend on which worker ran which sample, provided fn's
   outcome depends only on ctx, rng and index (not on what earlier
   samples left in ws). */
    typedef void (*mc_sample_ws_fn)(mc_outcome *out, const void *ctx, void *ws, rng_t rng, ulong index);

    void mc_run_ws(mc_tally_t T, mc_sample_ws_fn fn, const void *ctx, void *const *ws, ulong nsamples,
                   uint64_t seed, uint64_t stream, const mc_opts *opts);

    /* Number of samples such that a Clopper-Pearson interval at per-side
   tail level tail has half-width at most slack whatever the rate (the
   worst case, rate 1/2); never less than 100. */
    ulong mc_samples_for_slack(double slack, double tail);

#ifdef __cplusplus
}
#endif

#endif

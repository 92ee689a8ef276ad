/* mc.c -- the Monte Carlo engine: threads over samples, constant memory,
   tallies independent of the schedule. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "binom.h"
#include "mc.h"

#define MC_CHUNK 32

void
mc_tally_init(mc_tally_t T)
{
    memset(T, 0, sizeof(mc_tally_struct));
}

typedef struct
{
    mc_sample_fn fn;       /* one of fn, */
    mc_sample_ws_fn fn_ws; /* fn_ws is set */
    void *const *ws;
    const void *ctx;
    ulong nsamples;
    uint64_t seed;
    uint64_t stream;
    atomic_ulong next;
    atomic_ulong done;
    const mc_opts *opts;
    double t0;
    int bar;
} mc_shared;

typedef struct
{
    mc_shared *sh;
    int tid;
    mc_tally_struct tally;
} mc_worker;

static void
mc_progress(mc_shared *sh, ulong done, int final)
{
    double el = bc_seconds() - sh->t0, rate = el > 0 ? (double) done / el : 0.0;
    double left = rate > 0 ? (double) (sh->nsamples - done) / rate : 0.0;
    int width = 30, filled = (int) ((double) width * (double) done / (double) sh->nsamples), i;
    char bar[64];
    for (i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r%-28.28s [%s] %lu/%lu %.0f/s %.0fs left ", sh->opts->label ? sh->opts->label : "", bar,
            (unsigned long) done, (unsigned long) sh->nsamples, rate, left);
    if (final)
        fprintf(stderr, "\r%*s\r", 100, "");
    fflush(stderr);
}

static void *
mc_work(void *arg)
{
    mc_worker *w = arg;
    mc_shared *sh = w->sh;
    double last = bc_seconds();

    for (;;)
    {
        ulong start = atomic_fetch_add(&sh->next, MC_CHUNK), i, end;
        if (start >= sh->nsamples)
            break;
        end = start + MC_CHUNK < sh->nsamples ? start + MC_CHUNK : sh->nsamples;
        for (i = start; i < end; i++)
        {
            mc_outcome out;
            rng_t rng;
            int a, b;
            memset(&out, 0, sizeof(out));
            rng_init(rng, sh->seed, sh->stream, i);
            if (sh->fn_ws != NULL)
                sh->fn_ws(&out, sh->ctx, sh->ws[w->tid], rng, i);
            else
                sh->fn(&out, sh->ctx, rng, i);
            w->tally.samples++;
            w->tally.escalations += out.escalations;
            for (a = 0; a < out.nevents; a++)
            {
                if (out.event[a] == BC_TRUE)
                    w->tally.hits[a]++;
                else if (out.event[a] == BC_UNDECIDED)
                    w->tally.undecided[a]++;
                for (b = 0; b < out.nevents; b++)
                    if (out.event[a] == BC_TRUE && out.event[b] == BC_TRUE)
                        w->tally.joint[a][b]++;
            }
        }
        atomic_fetch_add(&sh->done, end - start);
        if (sh->bar && w->tid == 0 && bc_seconds() - last > 0.2)
        {
            last = bc_seconds();
            mc_progress(sh, atomic_load(&sh->done), 0);
        }
    }
    /* Arb keeps per-thread caches (constants, factorials); a worker
       thread frees its own before it ends */
    if (w->tid > 0)
        flint_cleanup();
    return NULL;
}

static void
mc_run_any(mc_tally_t T, mc_sample_fn fn, mc_sample_ws_fn fn_ws, const void *ctx, void *const *ws,
           ulong nsamples, uint64_t seed, uint64_t stream, const mc_opts *opts)
{
    mc_shared sh;
    mc_worker *w;
    pthread_t *th;
    int nt = opts->threads < 1 ? 1 : opts->threads, t, a, b;

    sh.fn = fn;
    sh.fn_ws = fn_ws;
    sh.ws = ws;
    sh.ctx = ctx;
    sh.nsamples = nsamples;
    sh.seed = seed;
    sh.stream = stream;
    atomic_init(&sh.next, 0);
    atomic_init(&sh.done, 0);
    sh.opts = opts;
    sh.t0 = bc_seconds();
    sh.bar = opts->progress && isatty(2);

    w = flint_calloc(nt, sizeof(mc_worker));
    th = flint_calloc(nt, sizeof(pthread_t));
    for (t = 0; t < nt; t++)
    {
        w[t].sh = &sh;
        w[t].tid = t;
    }
    for (t = 1; t < nt; t++)
        if (pthread_create(th + t, NULL, mc_work, w + t) != 0)
        {
            /* fall back to fewer threads: the tally does not depend on it */
            w[t].tid = -1;
        }
    mc_work(w);
    for (t = 1; t < nt; t++)
        if (w[t].tid != -1)
            pthread_join(th[t], NULL);

    mc_tally_init(T);
    for (t = 0; t < nt; t++)
    {
        T->samples += w[t].tally.samples;
        T->escalations += w[t].tally.escalations;
        for (a = 0; a < MC_MAX_EVENTS; a++)
        {
            T->hits[a] += w[t].tally.hits[a];
            T->undecided[a] += w[t].tally.undecided[a];
            for (b = 0; b < MC_MAX_EVENTS; b++)
                T->joint[a][b] += w[t].tally.joint[a][b];
        }
    }
    T->seconds = bc_seconds() - sh.t0;
    if (sh.bar)
        mc_progress(&sh, nsamples, 1);
    flint_free(w);
    flint_free(th);
}

void
mc_run(mc_tally_t T, mc_sample_fn fn, const void *ctx, ulong nsamples, uint64_t seed, uint64_t stream,
       const mc_opts *opts)
{
    mc_run_any(T, fn, NULL, ctx, NULL, nsamples, seed, stream, opts);
}

void
mc_run_ws(mc_tally_t T, mc_sample_ws_fn fn, const void *ctx, void *const *ws, ulong nsamples, uint64_t seed,
          uint64_t stream, const mc_opts *opts)
{
    mc_run_any(T, NULL, fn, ctx, ws, nsamples, seed, stream, opts);
}

ulong
mc_samples_for_slack(double slack, double tail)
{
    ulong lo = 100, hi = 100, mid;
    arf_t a, b;
    arf_init(a);
    arf_init(b);

    /* the interval is widest at rate 1/2; grow N until its half-width is
       at most slack, then bisect for the least such N (to 1%) */
    for (;;)
    {
        binom_cp_interval(a, b, hi, hi / 2, tail);
        arf_sub(b, b, a, 53, ARF_RND_UP);
        if (arf_get_d(b, ARF_RND_UP) <= 2.0 * slack || hi > (UWORD(1) << 40))
            break;
        lo = hi;
        hi *= 2;
    }
    while (hi - lo > hi / 100 + 1)
    {
        mid = lo + (hi - lo) / 2;
        binom_cp_interval(a, b, mid, mid / 2, tail);
        arf_sub(b, b, a, 53, ARF_RND_UP);
        if (arf_get_d(b, ARF_RND_UP) <= 2.0 * slack)
            hi = mid;
        else
            lo = mid;
    }
    arf_clear(a);
    arf_clear(b);
    return hi;
}

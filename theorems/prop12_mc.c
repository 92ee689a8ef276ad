/* prop12_mc.c -- the instances of Propositions 1 and 2: the module's
   data sets, one Monte Carlo sample (W(0) drawn by Assumption 1's law,
   its events decided exactly) and, for the mutation test only, the
   constructions of W(0) that break Assumption 1 (prop12.h). */
#include <math.h>
#include <string.h>

#include "prop12.h"

/* ---------------------------------------------------------------- data */

static const char *const data_names[PROP12_DATA_COUNT] = {"gdata", "single", "far", "pos"};

/* the single point: dyadic, not on a coordinate axis, |(x, 1)| ~ 1.85 */
static const double single_x[4] = {0.75, -0.5, 1.25, 0.25};

const char *
prop12_data_name(prop12_dataset which)
{
    return (which >= 0 && which < PROP12_DATA_COUNT) ? data_names[which] : "?";
}

void
prop12_data_init(data_t S, prop12_dataset which, loss_kind kind, uint64_t seed)
{
    slong k = kind == LOSS_SQUARED ? 1 : 3, t, j;
    rng_t rng;

    switch (which)
    {
    case PROP12_DATA_SINGLE:
        /* one point and a target far above any output of a law of scale
           <= 1 on shallow nets: then L(P) > L(0) iff P < 0 (or P > 2y),
           which makes Prop 1's bound nearly tight (B.3: P[P = 0] = 2^-n
           exactly for one point) */
        data_init(S, 1, 4, k);
        for (j = 0; j < 4; j++)
            data_x(S, 0)[j] = single_x[j];
        for (j = 0; j < k; j++)
            data_y(S, 0)[j] = 1024.0;
        S->lab[0] = 0;
        break;
    case PROP12_DATA_FAR:
        data_init(S, 8, 3, k);
        rng_init(rng, seed, rng_stream_id("prop12/data/far"), 0);
        data_randomize(S, 1.0, 1.0, rng);
        for (t = 0; t < S->m; t++)
            for (j = 0; j < k; j++)
                data_y(S, t)[j] += 16.0;
        break;
    case PROP12_DATA_POSITIVE:
        /* positive inputs and a large positive target: the setting in
           which a law with positive mean makes the output positive and
           hence L(P) < L(0) (negative control) */
        data_init(S, 4, 8, k);
        rng_init(rng, seed, rng_stream_id("prop12/data/pos"), 0);
        for (t = 0; t < S->m; t++)
        {
            for (j = 0; j < S->d; j++)
                data_x(S, t)[j] = fabs(rng_normal(rng));
            for (j = 0; j < k; j++)
                data_y(S, t)[j] = 100.0;
            S->lab[t] = 0;
        }
        break;
    case PROP12_DATA_GDATA:
    default:
        data_init(S, 16, 6, k);
        rng_init(rng, seed, rng_stream_id("prop12/data/gdata"), 0);
        data_randomize(S, 1.0, 1.0, rng);
        break;
    }
}

/* ---------------------------------------------------- the alterations */

/* the output layer: the k x n_{h-1} block at the end of the parameters */
static double *
output_layer(const net_t N, slong *len)
{
    *len = N->npar - N->offset[N->depth - 1];
    return N->par + N->offset[N->depth - 1];
}

/* PROP12_ALTER_DESCENT.  With V = 0 the gradient of V -> L(V H) is
   G H^T (G the gradient of L at P = 0, H the last hidden activations);
   V = -eps G H^T gives P = -eps G H^T H and L(P) - L(0) =
   -eps |G H^T|^2 + O(eps^2) < 0 for eps small unless G H^T = 0.  eps is
   only searched in double: the event itself is decided exactly on the
   network this builds. */
static void
alter_descent(net_t N, loss_kind kind, const data_t S)
{
    slong i, j, nv;
    double *V = output_layer(N, &nv), L0;
    double *grad = flint_malloc((size_t) N->npar * sizeof(double));
    double *g = flint_malloc((size_t) nv * sizeof(double));
    int zero = 1;

    for (i = 0; i < nv; i++)
        V[i] = 0.0;
    L0 = net_loss_grad_d(grad, N, kind, S);
    for (i = 0; i < nv; i++)
    {
        g[i] = grad[N->offset[N->depth - 1] + i];
        zero &= g[i] == 0.0;
    }
    for (j = 0; j <= 60 && !zero; j++)
    {
        for (i = 0; i < nv; i++)
            V[i] = -ldexp(g[i], (int) -j);
        if (net_loss_grad_d(grad, N, kind, S) < L0)
            break;
    }
    flint_free(grad);
    flint_free(g);
}

/* every neuron of layer i a copy of its first */
static void
alter_share(net_t N, slong i)
{
    slong j, len = net_neuron_len(N, i);
    for (j = 1; j < N->width[i]; j++)
        memcpy(net_neuron(N, i, j), net_neuron(N, i, 0), (size_t) len * sizeof(double));
}

static void
alter_net(net_t N, const prop12_instance *I)
{
    if (I->alter == PROP12_ALTER_DESCENT)
        alter_descent(N, I->loss, I->S);
    else if (I->alter == PROP12_ALTER_SHARED)
        alter_share(N, N->depth - 1);
    else if (I->alter == PROP12_ALTER_EQUAL_ROWS)
        alter_share(N, N->depth);
}

/* --------------------------------------------------------- Monte Carlo */

void
prop12_instance_init(prop12_instance *I, const data_struct *S, slong depth, slong n, slong inner,
                     loss_kind loss, sampler_kind smp, double scale)
{
    slong i;
    memset(I, 0, sizeof(prop12_instance));
    I->depth = depth;
    I->width[0] = S->d;
    for (i = 1; i < depth - 1; i++)
        I->width[i] = inner;
    I->width[depth - 1] = n;
    I->width[depth] = S->k;
    I->loss = loss;
    I->sampler = smp;
    I->scale = scale;
    I->S = S;
}

void
prop12_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const prop12_instance *I = ctx;
    net_t N;
    double *work;
    prop12_events ev;

    (void) index;
    net_init(N, I->depth, I->width);
    net_randomize(N, I->sampler, I->scale, rng);
    alter_net(N, I);
    work = flint_malloc((size_t) prop12_worksize(N, I->S) * sizeof(double));
    prop12_events_decide(&ev, N, I->loss, I->S, work);
    flint_free(work);
    net_clear(N);

    out->nevents = 8;
    out->event[PROP12_EV_EVENT] = ev.event;
    out->event[PROP12_EV_NONZERO] = ev.nonzero;
    out->event[PROP12_EV_CONVEX] = ev.convex;
    out->event[PROP12_EV_CONVEX_OPEN] =
        (ev.nonzero == BC_TRUE && ev.convex == BC_UNDECIDED) ? BC_TRUE : BC_FALSE;
    out->event[PROP12_EV_FLIP] = ev.flip;
    out->event[PROP12_EV_FLIP_OPEN] = (ev.nonzero == BC_TRUE && ev.flip == BC_UNDECIDED) ? BC_TRUE : BC_FALSE;
    /* the tally sums events; a maximum of the precision cannot travel
       through it, so it records whether the loop ran and went beyond its
       first precision */
    out->event[PROP12_EV_PREC_RAISED] = ev.prec > 0 ? BC_TRUE : BC_FALSE;
    out->event[PROP12_EV_PREC_BEYOND] = ev.prec > PROP12_EXACT_PREC0 ? BC_TRUE : BC_FALSE;
    out->escalations = (ulong) ev.escalated;
}

void
prop12_mc_run(mc_tally_t T, const prop12_instance *inst, ulong nsamples, uint64_t seed, uint64_t stream,
              int threads, int progress, const char *label)
{
    mc_opts o;
    o.threads = threads;
    o.progress = progress;
    o.label = label;
    mc_run(T, prop12_sample, inst, nsamples, seed, stream, &o);
}

/* prop12.h -- Propositions 1 and 2 of the paper: with Assumption 1, a
   random initialisation starts above the zero predictor,
       P[ L(P(W(0))) > L(0) ] >= (1/2) (1 - 2^{-n_{h-1}})       (Prop 1),
   and its reconstructed general form with the strict-convexity rate r
   (Prop 2, proofs B.2-B.3).

   The per-sample decisions below are exact: a double-precision filter
   with rigorous error bounds decides almost every sample, and the rest
   are escalated to exact (dyadic) network evaluation (prop12_decide.c).
   They are public so that `basincheck bench prop1` can time them against
   an unguarded plain-double decision.  The data sets and the Monte Carlo
   sample are in prop12_mc.c, the module in prop12.c. */
#ifndef PROP12_H
#define PROP12_H

#include "bc.h"
#include "check.h"
#include "data.h"
#include "loss.h"
#include "mc.h"
#include "net.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* The events decided on one initialisation W(0) with predictions
   P = P(W(0)) on the data set. */
    typedef struct
    {
        truth_t event;   /* E:    L(P) > L(0) (Prop 1) */
        truth_t nonzero; /* NZ:   P != 0 */
        truth_t convex;  /* SC:   c -> L(cP) strictly convex (Prop 2's hypothesis) */
        truth_t flip;    /* FLIP: L(P) + L(-P) > 2 L(0) (the step of B.3) */
        int escalated;   /* 1 when the double filter left some event open */
        slong prec;      /* highest precision the exact cross-entropy gap needed (bc_decide_prec), 0: none */
    } prop12_events;

    /* Number of doubles of workspace the decisions below need for the
   network N on the data set S: the predictions and their error bounds
   (2 m k) and the workspace of net_eval_d. */
    slong prop12_worksize(const net_t N, const data_t S);

    /* Decides the event E = [L(P(W)) > L(0)] of Prop 1 exactly for the
   network N (its parameters are W) on S with loss kind.  work holds
   prop12_worksize(N, S) doubles.  S must match N: S->d = width[0] and
   S->k = width[depth]; labels in [0, k) for LOSS_XENT.

   Pipeline: (1) net_eval_d on every point; squared loss: loss_sq_gap_d
   decides when |gap| > err; cross-entropy: the predictions become balls
   (double midpoint, error bound rounded up as radius) and the sign of
   loss_gap_arb at 64 bits decides when it excludes 0.  (2) Otherwise
   (or on overflow) the network is evaluated exactly over the dyadic
   rationals; squared loss: the exact sign of sum_t p_t (p_t - 2 y_t);
   cross-entropy: if every row of P is constant the gap is exactly 0,
   else its sign is found at rising precision from 128 bits up to
   BC_PREC_MAX through bc_decide_prec (it is non-zero then, so this
   terminates in principle).  A gap of exactly 0
   gives BC_FALSE: the event is strict.

   When escalations is not NULL, *escalations is incremented by one when
   step (2) was needed.  Returns BC_UNDECIDED only if even the highest
   precision failed.  The squared-loss filter path allocates nothing. */
    truth_t prop12_event_decide(const net_t N, loss_kind kind, const data_t S, double *work,
                                ulong *escalations);

    /* The same event decided by the exact path alone (step (2) above, no
   filter).  For tests and for auditing the filter. */
    truth_t prop12_event_exact(const net_t N, loss_kind kind, const data_t S);

    /* Unguarded plain-double decision of the same event: a forward pass and
   the loss gap in double arithmetic, no error analysis.  Returns 1 when
   the computed gap is > 0, else 0.  work as above.  Only for the
   benchmark: its answer can be wrong near ties. */
    int prop12_event_double(const net_t N, loss_kind kind, const data_t S, double *work);

    /* Sets every field of ev for N on S: E as prop12_event_decide, NZ, SC
   (loss_ray_strictly_convex) and FLIP, each first from the filter; if
   any stays open, the open ones from one exact evaluation of the network
   (then ev->escalated = 1, else 0; ev->prec is the highest precision the
   cross-entropy gaps of E and FLIP needed on that path, 0 when none was
   raised).  A field is BC_UNDECIDED only if the highest precision failed
   (never for NZ and SC, which are exact).
   work as above; allocates (ball arithmetic) for both losses. */
    void prop12_events_decide(prop12_events *ev, const net_t N, loss_kind kind, const data_t S, double *work);

    /* The data sets of the module.  Each sets S (initialised here; the
   caller clears it) for loss kind: k = 1 real targets for the squared
   loss, k = 3 classes for the cross-entropy.
   PROP12_DATA_GDATA:  m = 16 points in d = 6, x ~ N(0, I/d), y ~ N(0, 1),
                       labels uniform; drawn from rng stream
                       (seed, rng_stream_id("prop12/data/gdata"), 0).
   PROP12_DATA_SINGLE: m = 1, d = 4, x = (3/4, -1/2, 5/4, 1/4),
                       y = 1024, label 0 (no randomness).
   PROP12_DATA_FAR:    m = 8 points in d = 3, x ~ N(0, I/d),
                       y = 16 + N(0, 1), labels uniform; stream
                       (seed, rng_stream_id("prop12/data/far"), 0).
   PROP12_DATA_POSITIVE: the negative-control set, m = 4 points in d = 8
                       with coordinates |N(0, 1)|, y = 100, label 0;
                       stream (seed, rng_stream_id("prop12/data/pos"), 0).
   prop12_data_init initialises S (the caller clears it with data_clear);
   a value outside the enumeration gives PROP12_DATA_GDATA. */
    typedef enum
    {
        PROP12_DATA_GDATA = 0,
        PROP12_DATA_SINGLE,
        PROP12_DATA_FAR,
        PROP12_DATA_POSITIVE,
        PROP12_DATA_COUNT
    } prop12_dataset;

    /* Short name of a data set: "gdata", "single", "far", "pos". */
    const char *prop12_data_name(prop12_dataset which);

    void prop12_data_init(data_t S, prop12_dataset which, loss_kind kind, uint64_t seed);

    /* Constructions of W(0) that break Assumption 1 on purpose, for the
   mutation test (module.h): each makes a claim of the module false a
   priori.  Applied to the network drawn from the instance's law.
   PROP12_ALTER_DESCENT:   the output layer replaced by a small step down
                           the loss gradient at the zero output layer,
                           -eps grad_V L(V H) at V = 0, eps = 2^-j the
                           largest (j <= 60) at which a plain-double
                           evaluation shows L(P) < L(0): the law depends on
                           the data and is not symmetric, and L(P) < L(0)
                           whenever that gradient is non-zero;
   PROP12_ALTER_SHARED:    every neuron of the last hidden layer a copy of
                           its first (independence broken): on one point
                           P = 0 with probability 1/2 whatever n_{h-1};
   PROP12_ALTER_EQUAL_ROWS: every output neuron a copy of the first: each
                           row of P constant, c -> L(cP) constant for the
                           cross-entropy (no effect when k = 1). */
    typedef enum
    {
        PROP12_ALTER_NONE = 0,
        PROP12_ALTER_DESCENT,
        PROP12_ALTER_SHARED,
        PROP12_ALTER_EQUAL_ROWS
    } prop12_alter;

    /* One Monte Carlo instance: architecture, loss, law and data (and,
   for the mutation test only, an alteration of the law).  Used by the
   module and by the tests. */
    typedef struct
    {
        slong depth;    /* h, 2..4 */
        slong width[5]; /* width[0] = d, ..., width[h] = k */
        loss_kind loss;
        sampler_kind sampler;
        double scale; /* the law's scale for every neuron */
        const data_struct *S;
        prop12_alter alter; /* PROP12_ALTER_NONE but in mutant runs */
    } prop12_instance;

    /* Sets I to the instance of depth h = depth (2..4) on S: input width
   S->d, the hidden layers before the last of width inner, last hidden
   width n, output width S->k; loss, law smp of scale scale; no
   alteration.  S is referenced, not copied. */
    void prop12_instance_init(prop12_instance *I, const data_struct *S, slong depth, slong n, slong inner,
                              loss_kind loss, sampler_kind smp, double scale);

    /* One sample of the instance ctx (a prop12_instance), an mc_sample_fn:
   W(0) drawn by the instance's law from the sample's stream (altered as
   inst->alter says), then its events decided by prop12_events_decide.
   Event indices: PROP12_EV_* below; out->escalations is 1 when the exact
   path was needed.  The instance must satisfy the conditions of
   prop12_event_decide. */
    void prop12_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index);

    /* Runs nsamples samples of inst (prop12_sample) on streams (seed,
   stream, i) with threads threads (progress bar labelled label when
   progress is set); sets T, which need not be initialised. */
    void prop12_mc_run(mc_tally_t T, const prop12_instance *inst, ulong nsamples, uint64_t seed,
                       uint64_t stream, int threads, int progress, const char *label);

    /* Event indices of a sample: E, NZ, SC, [NZ and SC undecided], FLIP,
   [NZ and FLIP undecided], [the exact cross-entropy gap was enclosed at
   rising precision], [it needed more than its first precision, 128 bits]. */
#define PROP12_EV_EVENT 0
#define PROP12_EV_NONZERO 1
#define PROP12_EV_CONVEX 2
#define PROP12_EV_CONVEX_OPEN 3
#define PROP12_EV_FLIP 4
#define PROP12_EV_FLIP_OPEN 5
#define PROP12_EV_PREC_RAISED 6
#define PROP12_EV_PREC_BEYOND 7
#define PROP12_EXACT_PREC0 128

    /* The module (its tables and exec, prop12.c) and its LaTeX fragment
   (prop12.tex). */
    extern const module_struct module_prop12;
    extern const char *const fragment_prop12[];

#ifdef __cplusplus
}
#endif

#endif

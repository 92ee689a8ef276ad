/* thm2_mc.c -- the Theorem 2 module's Monte Carlo runs: per sample of
   (W, v), B.4's event and Bas <= alpha decided exactly from the signs
   (the closed form of Lemma 2.A), the certified engine beside it, and
   B.4's construction built and verified; the B.4 runs and the check of
   the closed form against the engine. */
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "shallow.h"
#include "thm2_run.h"

typedef struct
{
    const singleton_data_struct *D;
    slong n;
    sampler_kind law;
    const fmpq *alpha; /* one fmpq */
    ulong engine;      /* the samples below this index also run the certified engine */
    int construct;     /* also build B.4's W' (with the engine) */
    int any_sign;      /* mutant: B.4's event without the needed output sign */
    int unscaled;      /* mutant: W' without the division by |v_i| */
} sample_ctx;

#define EV_GOOD 0       /* closed-form Bas <= alpha */
#define EV_EVENT 1      /* B.4's event */
#define EV_IMPL 2       /* event => Bas <= alpha */
#define EV_ENG_EQ 3     /* engine value = closed form */
#define EV_ENGINE 4     /* the engine ran on the sample */
#define EV_SIGNS 5      /* engine's sign pattern = thm2's */
#define EV_BUILT 6      /* W' built and verified (construct only) */
#define EV_GOOD_AGREE 7 /* the engine's decision of Bas <= alpha = the closed form's */
#define NEV 8

/* B.4's W' built on (W, v) (exact: vq) and verified by the code of the
   two-layer network over Q: in the closed cell B of (W, v), with loss
   alpha evaluated with its ReLUs */
static truth_t
built_verified(const sample_ctx *g, const basin_t B, const int *ws, const int *vs, const fmpq *vq)
{
    const singleton_data_struct *D = g->D;
    slong n = g->n, d = D->d, i, j;
    fmpq_mat_t Wp;
    fmpq_t L, a;
    truth_t r = BC_FALSE;
    fmpq_mat_init(Wp, n, d);
    fmpq_init(L);
    fmpq_init(a);
    if (thm2_b4_construct(Wp, D, ws, vs, vq, n))
    {
        if (g->unscaled)
            for (i = 0; i < n; i++)
            {
                fmpq_abs(a, vq + i);
                for (j = 0; j < d; j++)
                    fmpq_mul(fmpq_mat_entry(Wp, i, j), fmpq_mat_entry(Wp, i, j), a);
            }
        shallow_net_loss(L, D->X, D->y, Wp, vq);
        r = (shallow_in_closed_cell(B, Wp, vq) && fmpq_equal(L, g->alpha)) ? BC_TRUE : BC_FALSE;
    }
    fmpq_mat_clear(Wp);
    fmpq_clear(L);
    fmpq_clear(a);
    return r;
}

/* the engine's value R of the cell B against the closed form bas */
static void
engine_compare(mc_outcome *out, const sample_ctx *g, const basin_result_t R, const fmpq_t bas)
{
    truth_t good = BC_UNDECIDED;
    if (R->is_exact)
        out->event[EV_ENG_EQ] = fmpq_equal(R->exact, bas) ? BC_TRUE : BC_FALSE;
    else if (fmpq_cmp(bas, R->lower) < 0 || fmpq_cmp(bas, R->upper) > 0)
        out->event[EV_ENG_EQ] = BC_FALSE;
    if (fmpq_cmp(R->upper, g->alpha) <= 0)
        good = BC_TRUE;
    else if (fmpq_cmp(R->lower, g->alpha) > 0)
        good = BC_FALSE;
    if (good != BC_UNDECIDED)
        out->event[EV_GOOD_AGREE] = good == out->event[EV_GOOD] ? BC_TRUE : BC_FALSE;
}

/* the certified engine on (W, v) itself (its own signs), and B.4's W' */
static void
engine_events(mc_outcome *out, const sample_ctx *g, const double *W, const double *v, const int *ws,
              const int *vs, const fmpq_t bas)
{
    const singleton_data_struct *D = g->D;
    slong n = g->n, m = D->m, d = D->d, i, j;
    fmpq_mat_t Wq;
    fmpq *vq = _fmpq_vec_init(n);
    int *a = flint_malloc(sizeof(int) * (size_t) (n * m));
    basin_t B;
    basin_result_t R;

    fmpq_mat_init(Wq, n, d);
    for (i = 0; i < n; i++)
    {
        for (j = 0; j < d; j++)
            bc_fmpq_set_d(fmpq_mat_entry(Wq, i, j), W[i * d + j]);
        bc_fmpq_set_d(vq + i, v[i]);
    }
    basin_init(B);
    basin_result_init(R);
    out->event[EV_ENGINE] = BC_TRUE;
    if (basin_pattern(B, D->X, D->y, Wq, vq, n, NULL, NULL) == BASIN_OK)
    {
        int same = 1;
        thm2_pattern(a, D, ws, n);
        for (i = 0; i < n * m && same; i++)
            same = a[i] == B->a[i];
        for (i = 0; i < n && same; i++)
            same = vs[i] == B->b[i];
        out->event[EV_SIGNS] = same ? BC_TRUE : BC_FALSE;
        basin_value(R, B, 64);
        if (!R->is_exact)
            basin_value_rounds(R, B, 64, 48); /* more exact rounds */
        engine_compare(out, g, R, bas);
        if (g->construct)
            out->event[EV_BUILT] = built_verified(g, B, ws, vs, vq);
    }
    else /* thm2_signs saw no boundary: a contradiction */
        out->event[EV_SIGNS] = out->event[EV_ENG_EQ] = out->event[EV_GOOD_AGREE] = BC_FALSE;
    basin_result_clear(R);
    basin_clear(B);
    fmpq_mat_clear(Wq);
    _fmpq_vec_clear(vq, n);
    flint_free(a);
}

static void
run_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const sample_ctx *g = ctx;
    const singleton_data_struct *D = g->D;
    slong n = g->n, d = D->d, k;
    double *W = flint_malloc(sizeof(double) * (size_t) (n * d + n)), *v = W + n * d;
    int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d;

    sampler_draw_net(W, v, n, d, g->law, rng);
    out->nevents = NEV;
    out->escalations = 0; /* signs of doubles are exact: nothing to escalate */
    for (k = 0; k < NEV; k++)
        out->event[k] = BC_UNDECIDED;
    if (!thm2_signs(ws, vs, D, W, v, n))
    {
        /* the mutant's event asks for no output sign: false a priori as a
           sufficient condition, a neuron of the wrong output sign leaves
           the side at C_k > opt_k (Lemma 2.A) */
        int ev = thm2_event(D, ws, g->any_sign ? NULL : vs, n);
        fmpq_t bas;
        fmpq_init(bas);
        thm2_bas_closed(bas, D, ws, vs, n);
        out->event[EV_GOOD] = fmpq_cmp(bas, g->alpha) <= 0 ? BC_TRUE : BC_FALSE;
        out->event[EV_EVENT] = ev ? BC_TRUE : BC_FALSE;
        out->event[EV_IMPL] = (ev && out->event[EV_GOOD] == BC_FALSE) ? BC_FALSE : BC_TRUE;
        if (index < g->engine)
            engine_events(out, g, W, v, ws, vs, bas);
        fmpq_clear(bas);
    }
    flint_free(W);
    flint_free(ws);
}

/* the tallies of T (the engine's are 0 when it did not run) */
static void
tally_set(thm2_tally *e, const mc_tally_t T)
{
    memset(e, 0, sizeof(thm2_tally));
    e->N = T->samples;
    e->good = T->hits[EV_GOOD];
    e->event = T->hits[EV_EVENT];
    e->und = T->undecided[EV_GOOD];
    e->impl_bad = T->samples - T->hits[EV_IMPL] - T->undecided[EV_IMPL];
    e->seconds = T->seconds;
    /* the engine's events are decided (or left open by an interval) only
       on the samples it ran on: a false one is a contradiction */
    e->eng = T->hits[EV_ENGINE];
    e->eng_eq = T->hits[EV_ENG_EQ];
    e->eng_bad = T->samples - T->hits[EV_ENG_EQ] - T->undecided[EV_ENG_EQ];
    e->eng_und = e->eng - e->eng_eq - e->eng_bad;
    e->signs_bad = e->eng - T->hits[EV_SIGNS];
    e->good_bad = T->samples - T->hits[EV_GOOD_AGREE] - T->undecided[EV_GOOD_AGREE];
    e->good_und = e->eng - T->hits[EV_GOOD_AGREE] - e->good_bad;
    e->built = T->hits[EV_BUILT];
}

/* the engine's agreement of run e, for thm2.closedform */
static void
acc_add(thm2_engine_acc *A, const thm2_tally *e)
{
    if (e->eng == 0)
    {
        A->closed_seconds += e->seconds;
        A->closed_samples += e->N;
        return;
    }
    A->samples += e->eng;
    A->eq += e->eng_eq;
    A->und += e->eng_und;
    A->bad += e->eng_bad;
    A->signs_bad += e->signs_bad;
    A->good_mismatch += e->good_bad;
    A->eng_seconds += e->seconds;
    A->eng_samples += e->N;
}

sampler_kind
thm2_law(slong i)
{
    static const sampler_kind laws[4] = {SAMPLER_GAUSS, SAMPLER_SPHERE, SAMPLER_BALL, SAMPLER_CAUCHY};
    return laws[i % 4];
}

void
thm2_mc_run(thm2_tally *e, run_t R, thm2_state *X, const singleton_data_t D, slong n, sampler_kind law,
            ulong N, thm2_run_mode mode, const char *stream)
{
    sample_ctx g;
    mc_tally_t T;
    fmpq_t alpha;
    fmpq_init(alpha);
    singleton_alpha(alpha, NULL, D, n);
    g.D = D;
    g.n = n;
    g.law = law;
    g.alpha = alpha;
    g.engine = mode == THM2_RUN_B4 ? N : (mode == THM2_RUN_PLAIN ? X->engine_quota : 0);
    g.construct = mode == THM2_RUN_B4;
    g.any_sign = run_mutant(R, "thm2.mutant.event_any_sign");
    g.unscaled = g.construct && run_mutant(R, "thm2.mutant.b4_unscaled");
    run_mc(R, T, run_sample, &g, N, stream);
    tally_set(e, T);
    acc_add(&X->acc, e);
    fmpq_clear(alpha);
}

/* ------------------------------------------------------- B.4 runs */

typedef struct
{
    const char *id;
    thm2_ds ds;
    slong n;
} b4_config;

/* the B.4 runs: fixed data sets and widths (their ids name them) */
static const b4_config b4_configs[] = {{"thm2.b4.appc4.n6", THM2_APPC4, 6},
                                       {"thm2.b4.mixed.n8", THM2_MIXED, 8},
                                       {"thm2.b4.small.n3", THM2_SMALL, 3},
                                       {"thm2.b4.rand8.n10", THM2_RAND8, 10},
                                       {"thm2.b4.appc16.n15", THM2_APPC16, 15}};
#define NB4 ((slong) (sizeof(b4_configs) / sizeof(b4_configs[0])))

/* samples of each B.4 run (quick, default, full): exact decisions with
   the certified engine on every sample, not a Monte Carlo rate, so
   --samples does not size them */
static const slong b4_sizes[3] = {30, 400, 4000};

/* the contradictions of a B.4 run: the event without Bas <= alpha, W' not
   built or not verified, the engine against the closed form; when alpha
   is the naive value an unmet need costs B_k^2 / A_k > 0, so good <=>
   event, and when it is not the event is impossible (it would give
   Bas = naive) */
static ulong
b4_contradictions(const thm2_tally *e, int naive)
{
    ulong bad = e->impl_bad + e->eng_bad + e->signs_bad + e->good_bad;
    bad += e->event > e->built ? e->event - e->built : e->built - e->event;
    /* samples with Bas <= alpha and no event: good - (event - impl_bad) */
    bad += naive ? e->good + e->impl_bad - e->event : e->event;
    return bad;
}

static void
b4_fields(check_t c, const thm2_tally *e, const fmpq_t alpha, const fmpq_t nv)
{
    char *sa = thm2_q_str(alpha), *sn = thm2_q_str(nv);
    check_field_add(c, "samples", "%lu", e->N);
    check_field_add(c, "B.4 event", "%lu", e->event);
    check_field_add(c, "W' built and verified", "%lu", e->built);
    check_field_add(c, "Bas <= alpha (closed form)", "%lu", e->good);
    check_field_add(c, "Bas <= alpha while the event fails", "%lu", e->good + e->impl_bad - e->event);
    check_field_add(c, "engine = closed form", "%lu of %lu (%lu intervals containing it)", e->eng_eq, e->eng,
                    e->eng_und);
    check_field_add(c, "engine sign pattern = thm2's", "%lu of %lu", e->eng - e->signs_bad, e->eng);
    check_field_add(c, "engine seconds per sample", "%.2e", e->seconds / (double) FLINT_MAX(e->N, 1));
    check_field_add(c, "alpha", "%s", sa);
    check_field_add(c, "naive value", "%s", sn);
    flint_free(sa);
    flint_free(sn);
}

static void
b4_run(run_t R, thm2_state *X, slong q)
{
    const b4_config *cf = b4_configs + q;
    const singleton_data_struct *D = X->S->D[cf->ds];
    sampler_kind law = thm2_law(q);
    thm2_tally e;
    check_t c;
    int naive;
    char *what;
    fmpq_t alpha, nv;
    fmpq_init(alpha);
    fmpq_init(nv);

    run_check(R, c, cf->id);
    singleton_alpha(alpha, NULL, D, cf->n);
    thm2_alpha_naive(nv, D);
    naive = fmpq_equal(alpha, nv);
    thm2_mc_run(&e, R, X, D, cf->n, law, (ulong) run_size_pick(R, b4_sizes), THM2_RUN_B4, cf->id);
    c->statement =
        bc_aprintf("Data \\texttt{%s} ($m=%ld$, $d=%ld$), width $n=%ld$, law \\texttt{%s}, %lu samples.",
                   thm2_ds_names[cf->ds], (long) D->m, (long) D->d, (long) cf->n, sampler_name(law), e.N);
    b4_fields(c, &e, alpha, nv);
    if (!naive)
        check_add_note(c,
                       "At this width the needs cannot all be met ($\\alpha$ exceeds the naive value), so "
                       "B.4's event is impossible; %lu samples still start in a basin with "
                       "$\\mathrm{Bas}=\\alpha$, meeting the needs that an optimal network meets.",
                       e.good);
    what = bc_aprintf("B.4's event, W' and the engine per sample; data thm2/data/%s", thm2_ds_names[cf->ds]);
    check_set_stream_witness(c, R->opts->seed, cf->id, what);
    flint_free(what);
    /* an engine interval containing the closed form is reported, not a
       contradiction */
    check_count(c, (slong) b4_contradictions(&e, naive), (slong) (e.und + e.eng_und + e.good_und));
    run_push(R, c);
    fmpq_clear(alpha);
    fmpq_clear(nv);
}

void
thm2_check_b4(run_t R, thm2_state *X)
{
    slong q;
    for (q = 0; q < NB4; q++)
        if (X->need_all || run_wants(R, b4_configs[q].id))
            b4_run(R, X, q);
}

void
thm2_check_closedform(run_t R, const thm2_state *X)
{
    const thm2_engine_acc *A = &X->acc;
    check_t c;
    run_check(R, c, "thm2.closedform");
    if (X->engine_quota > 0)
        c->statement =
            bc_aprintf("At this size: every sample of the B.4 runs and the first %lu samples of every "
                       "other run of the module (grid, controls, \\checkref{thm2.user}).",
                       X->engine_quota);
    else
        c->statement = bc_aprintf("At this size: every sample of the B.4 runs.");
    check_field_add(c, "samples", "%lu", A->samples);
    check_field_add(c, "exactly equal", "%lu", A->eq);
    check_field_add(c, "engine interval containing the closed form", "%lu", A->und);
    check_field_add(c, "contradictions", "%lu", A->bad);
    check_field_add(c, "engine sign pattern differs", "%lu", A->signs_bad);
    check_field_add(c, "Bas <= alpha decided differently", "%lu", A->good_mismatch);
    check_field_add(c, "wall-clock per sample of the runs with the engine", "%.2e s (%lu samples)",
                    A->eng_seconds / (double) FLINT_MAX(A->eng_samples, 1), A->eng_samples);
    if (A->closed_samples > 0)
        check_field_add(c, "wall-clock per sample, closed form only", "%.2e s (%lu samples)",
                        A->closed_seconds / (double) A->closed_samples, A->closed_samples);
    check_set_witness(c, "the samples of the thm2 runs with the engine");
    /* no sample with the engine is no evidence */
    check_count(c, (slong) (A->bad + A->signs_bad + A->good_mismatch + (A->samples == 0)), (slong) A->und);
    run_push(R, c);
}

/* thm4_proof.c -- the steps of B.6 checked on instances: alpha (Lemma
   4.A) against every cell of the basin partition, and the construction
   of B.6 built and verified exactly on sampled networks, with the
   certified engine's Bas <= alpha and the closed form of Lemma 4.B
   beside it (thm4.alpha, thm4.b6.*, thm4.closedform). */
#include <flint/fmpq_vec.h>

#include "basin.h"
#include "shallow.h"
#include "thm4_run.h"

/* ------------------------------------------------------------ alpha */

/* the explicit width-n network attaining alpha (Lemma 4.A): neurons
   fitting ybar^+ with v = 1 and ybar^- with v = -1 */
static void
alpha_witness(fmpq_mat_t W, fmpq *v, const thm4_data_t D, const fmpq *ybar, slong n)
{
    slong t, j, i, m = D->m, d = D->d;
    fmpq_t q, e;
    fmpq_init(q);
    fmpq_init(e);
    fmpq_mat_zero(W);
    for (i = 0; i < n; i++)
        fmpq_zero(v + i);
    for (i = 0; i < 2; i++)
    {
        /* the part of sign sg: X w = max(sg ybar, 0), v = sg; for n = 1
           ybar is one-signed and one neuron carries it */
        int sg = i == 0 ? 1 : -1, any = 0;
        slong row = n == 1 ? 0 : i;
        for (t = 0; t < m; t++)
            any |= fmpq_sgn(ybar + t) == sg;
        if (!any || row >= n)
            continue;
        fmpq_set_si(v + row, sg, 1);
        for (j = 0; j < d; j++)
        {
            fmpq_zero(q);
            for (t = 0; t < m; t++)
            {
                if (fmpq_sgn(ybar + t) != sg)
                    continue;
                fmpq_set_fmpz_frac(e, fmpz_mat_entry(D->Pn, j, t), D->pi);
                if (sg < 0)
                    fmpq_neg(e, e);
                fmpq_addmul(q, e, ybar + t);
            }
            fmpq_set(fmpq_mat_entry(W, row, j), q);
        }
    }
    fmpq_clear(q);
    fmpq_clear(e);
}

/* the least certified lower and upper basin values over all 2^(n(m+1))
   sign patterns of width n on D (every pattern is a non-empty cell when
   rank(X) = m, and every network lies in the closure of one); returns
   the number of cells */
static slong
min_over_cells(fmpq_t lo, fmpq_t up, const thm4_data_t D, slong n)
{
    slong m = D->m, bits = n * (m + 1), i;
    int *a = flint_malloc(sizeof(int) * (size_t) (n * m + n)), *b = a + n * m;
    ulong M;
    for (M = 0; M < ((ulong) 1 << bits); M++)
    {
        basin_t B;
        basin_result_t R;
        for (i = 0; i < n * m; i++)
            a[i] = (M >> i & 1) ? 1 : -1;
        for (i = 0; i < n; i++)
            b[i] = (M >> (n * m + i) & 1) ? 1 : -1;
        basin_init(B);
        basin_result_init(R);
        basin_set_pattern(B, D->X, D->y, a, b, n);
        basin_value(R, B, 64);
        if (M == 0 || fmpq_cmp(R->lower, lo) < 0)
            fmpq_set(lo, R->lower);
        if (M == 0 || fmpq_cmp(R->upper, up) < 0)
            fmpq_set(up, R->upper);
        basin_result_clear(R);
        basin_clear(B);
    }
    flint_free(a);
    return (slong) 1 << bits;
}

/* alpha of width n on D against the cells and the explicit network;
   returns 1 when all three agree, and adds the cells to *cells */
static int
alpha_agrees(check_t c, thm4_mod_t M, thm4_data_kind k, slong n, slong *cells)
{
    const thm4_data_struct *D = thm4_mod_small_data(M, k);
    fmpq *ybar = _fmpq_vec_init(D->m), *v = _fmpq_vec_init(n);
    fmpq_t alpha, lo, up, Lw;
    fmpq_mat_t W;
    int ok;

    fmpq_init(alpha);
    fmpq_init(lo);
    fmpq_init(up);
    fmpq_init(Lw);
    fmpq_mat_init(W, n, D->d);
    thm4_mod_alpha(alpha, ybar, M, D, n);
    *cells += min_over_cells(lo, up, D, n);
    alpha_witness(W, v, D, ybar, n);
    shallow_net_loss(Lw, D->X, D->y, W, v);
    ok = fmpq_equal(lo, alpha) && fmpq_equal(up, alpha) && fmpq_equal(Lw, alpha);
    if (!ok && c->witness == NULL)
    {
        char *sa = fmpq_get_str(NULL, 10, alpha), *sl = fmpq_get_str(NULL, 10, lo);
        char *su = fmpq_get_str(NULL, 10, up), *sw = fmpq_get_str(NULL, 10, Lw);
        check_set_witness(c,
                          "data %s m=3 d=4, n=%ld: alpha=%s, min lower=%s, min upper=%s, explicit network %s",
                          thm4_data_name(k), (long) n, sa, sl, su, sw);
        flint_free(sa);
        flint_free(sl);
        flint_free(su);
        flint_free(sw);
    }
    if (k == THM4_DATA_GAUSS)
        check_field_fmpq(c, n == 1 ? "alpha gauss n=1" : "alpha gauss n=2", alpha);
    fmpq_mat_clear(W);
    _fmpq_vec_clear(ybar, D->m);
    _fmpq_vec_clear(v, n);
    fmpq_clear(alpha);
    fmpq_clear(lo);
    fmpq_clear(up);
    fmpq_clear(Lw);
    return ok;
}

void
thm4_check_alpha(thm4_mod_t M)
{
    check_t c;
    slong k, n, cells = 0, bad = 0;
    run_check(M->R, c, "thm4.alpha");
    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (n = 1; n <= 2; n++)
            bad += !alpha_agrees(c, M, (thm4_data_kind) k, n, &cells);
    check_field_add(c, "cells", "%ld", (long) cells);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_count(c, bad, 0);
    run_push(M->R, c);
}

/* ------------------------------------------------------------ B.6 runs */

/* the events of a B.6 sample: the construction, the independent check
   of W' (the network's loss with its ReLUs), the certified engine */
#define B6_EVENT 0
#define B6_BUILT 1
#define B6_ENGINE_GOOD 2
#define B6_CLOSED_GOOD 3
#define B6_CLOSED_EQ 4
#define B6_SIGNS_EQ 5
#define B6_WPRIME_OK 6
#define B6_NEV 7

/* a B.6 run: the sample context, and the targets the construction is
   given (ybar; -ybar under thm4.mutant.b6_targets) */
typedef struct
{
    thm4_sample_ctx g;
    fmpq *targets;
} b6_ctx;

/* the certified engine on the cell of (a, b): Bas <= alpha decided, and
   whether the closed-form value bas lies in its result */
static void
b6_engine(mc_outcome *out, const thm4_data_struct *D, const int *a, const int *b, slong n, const fmpq_t alpha,
          const fmpq_t bas)
{
    basin_t B;
    basin_result_t R;
    basin_init(B);
    basin_result_init(R);
    basin_set_pattern(B, D->X, D->y, a, b, n);
    basin_value(R, B, 64);
    if (fmpq_cmp(R->upper, alpha) > 0 && fmpq_cmp(R->lower, alpha) <= 0)
        basin_value_rounds(R, B, 64, 48); /* undecided: more exact rounds */
    if (fmpq_cmp(R->upper, alpha) <= 0)
        out->event[B6_ENGINE_GOOD] = BC_TRUE;
    else if (fmpq_cmp(R->lower, alpha) > 0)
        out->event[B6_ENGINE_GOOD] = BC_FALSE;
    out->event[B6_CLOSED_EQ] = (R->is_exact ? fmpq_equal(R->exact, bas)
                                            : (fmpq_cmp(R->lower, bas) <= 0 && fmpq_cmp(bas, R->upper) <= 0))
                                   ? BC_TRUE
                                   : BC_FALSE;
    basin_result_clear(R);
    basin_clear(B);
}

/* W' itself, checked by code independent of the construction: in the
   closed cell of (W, v), and the network's loss with its ReLUs = alpha */
static truth_t
b6_wprime_ok(const thm4_b6_t C, const thm4_data_struct *D, const int *a, const int *b, const double *v,
             slong n, const fmpq_t alpha)
{
    fmpq *vq = _fmpq_vec_init(n);
    fmpq_t L;
    basin_t B;
    slong i;
    int ok;
    fmpq_init(L);
    basin_init(B);
    basin_set_pattern(B, D->X, D->y, a, b, n);
    for (i = 0; i < n; i++)
        bc_fmpq_set_d(vq + i, v[i]);
    shallow_net_loss(L, D->X, D->y, C->W, vq);
    ok = shallow_in_closed_cell(B, C->W, vq) && fmpq_equal(L, alpha);
    basin_clear(B);
    fmpq_clear(L);
    _fmpq_vec_clear(vq, n);
    return ok ? BC_TRUE : BC_FALSE;
}

static void
b6_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const b6_ctx *x = ctx;
    const thm4_data_struct *D = x->g.D;
    slong n = x->g.n, m = D->m, d = D->d, i, k;
    double *W = flint_malloc(sizeof(double) * (size_t) (n * d + n));
    double *v = W + n * d;
    int *a = flint_malloc(sizeof(int) * (size_t) (n * m + n)), *b = a + n * m, st, same;
    thm4_b6_t C;
    fmpq_t bas;

    (void) index;
    sampler_draw_net(W, v, n, d, x->g.law, rng);
    out->nevents = B6_NEV;
    out->escalations = 0;
    for (k = 0; k < B6_NEV; k++)
        out->event[k] = BC_UNDECIDED;
    thm4_b6_init(C);
    st = thm4_b6_construct(C, D, x->targets, x->g.alpha, W, v, n, 1);
    if (st != THM4_B6_BOUNDARY)
    {
        same = !thm4_signs(a, b, D, W, v, n, &out->escalations);
        for (k = 0; same && k < n * m; k++)
            same = a[k] == C->a[k];
        for (i = 0; same && i < n; i++)
            same = b[i] == C->b[i];
        out->event[B6_SIGNS_EQ] = same ? BC_TRUE : BC_FALSE;
        out->event[B6_EVENT] = st == THM4_B6_NO_NEURON ? BC_FALSE : BC_TRUE;
        out->event[B6_BUILT] = st == THM4_B6_OK ? BC_TRUE : BC_FALSE;
        fmpq_init(bas);
        thm4_bas_closed(bas, C->a, C->b, D->y, n, m);
        out->event[B6_CLOSED_GOOD] = fmpq_cmp(bas, x->g.alpha) <= 0 ? BC_TRUE : BC_FALSE;
        b6_engine(out, D, C->a, C->b, n, x->g.alpha, bas);
        out->event[B6_WPRIME_OK] =
            st == THM4_B6_OK ? b6_wprime_ok(C, D, C->a, C->b, v, n, x->g.alpha) : BC_FALSE;
        fmpq_clear(bas);
    }
    thm4_b6_clear(C);
    flint_free(W);
    flint_free(a);
}

typedef struct
{
    const char *id;
    thm4_data_kind kind;
    slong mi; /* index into thm4_grid_m */
    slong n;
    ulong samples[3];
} b6_config;

/* at width 1 the event has probability 2^-(m+1) = 1/32: enough samples
   that it occurs at every size */
static const b6_config b6_configs[] = {{"thm4.b6.orth.m4.n1", THM4_DATA_ORTH, 2, 1, {400, 600, 4000}},
                                       {"thm4.b6.orth.m4.n6", THM4_DATA_ORTH, 2, 6, {100, 600, 4000}},
                                       {"thm4.b6.gauss.m4.n6", THM4_DATA_GAUSS, 2, 6, {100, 600, 4000}},
                                       {"thm4.b6.illcond.m4.n6", THM4_DATA_ILLCOND, 2, 6, {100, 600, 4000}},
                                       {"thm4.b6.orth.m8.n8", THM4_DATA_ORTH, 3, 8, {100, 600, 4000}}};
#define NB6 5

/* the totals of the B.6 runs, for thm4.closedform */
typedef struct
{
    ulong samples, closed_eq, closed_und, good_no_event;
} b6_totals;

static void
b6_record(thm4_mod_t M, const b6_config *cf, const thm4_sample_ctx *g, mc_tally_t T)
{
    ulong N = T->samples, und = 0, eund = T->undecided[B6_ENGINE_GOOD], ev = T->hits[B6_EVENT];
    ulong built = T->hits[B6_BUILT], eg = T->hits[B6_ENGINE_GOOD], cg = T->hits[B6_CLOSED_GOOD];
    ulong eg_noev = eg - T->joint[B6_EVENT][B6_ENGINE_GOOD];
    check_t c;
    slong k;
    int ok;

    for (k = 0; k < B6_NEV; k++)
        und += T->undecided[k];
    /* contradictions only: an undecided engine (a certified interval
       containing alpha) is reported, not a failure -- the closed form
       lies in its interval and the construction certifies Bas <= alpha */
    ok = und == eund && built == ev && T->joint[B6_BUILT][B6_ENGINE_GOOD] + eund >= built &&
         T->hits[B6_WPRIME_OK] == built && T->hits[B6_CLOSED_EQ] == N && T->hits[B6_SIGNS_EQ] == N &&
         T->joint[B6_ENGINE_GOOD][B6_CLOSED_GOOD] == eg && eg + eund >= cg && eg <= cg;
    run_check(M->R, c, cf->id);
    c->statement = bc_aprintf("%s data, $m=%ld$, $d=%ld$, width $n=%ld$, law \\texttt{%s}, %lu samples.",
                              thm4_data_name(cf->kind), (long) g->D->m, (long) g->D->d, (long) cf->n,
                              sampler_name(g->law), (unsigned long) N);
    check_field_add(c, "samples", "%lu", (unsigned long) N);
    check_field_add(c, "B.6 event", "%lu", (unsigned long) ev);
    check_field_add(c, "construction succeeded (exactly verified)", "%lu", (unsigned long) built);
    check_field_add(c, "engine Bas <= alpha", "%lu", (unsigned long) eg);
    check_field_add(c, "engine good while the event fails", "%lu of %lu", (unsigned long) eg_noev,
                    (unsigned long) (N - ev));
    check_field_add(c, "closed form = engine", "%lu of %lu", (unsigned long) T->hits[B6_CLOSED_EQ],
                    (unsigned long) N);
    check_field_add(c, "filter signs = exact signs", "%lu of %lu (%lu exact escalations)",
                    (unsigned long) T->hits[B6_SIGNS_EQ], (unsigned long) N, (unsigned long) T->escalations);
    check_field_add(c, "engine undecided (interval contains alpha)", "%lu", (unsigned long) eund);
    check_field_add(c, "closed form Bas <= alpha", "%lu", (unsigned long) cg);
    if (eg_noev > 0)
        check_add_note(c,
                       "The engine finds a good basin on %lu samples where B.6's event fails: the event "
                       "asks, at points with $\\bar y_t=0$, for an active neuron that the optimum does not "
                       "need (width 1: the points whose target has the losing sign).",
                       (unsigned long) eg_noev);
    check_set_stream_witness(c, M->R->opts->seed, cf->id, "networks; data from stream thm4/data/<kind>/m<m>");
    check_decide(c, ok ? BC_TRUE : BC_FALSE);
    run_push(M->R, c);
}

/* one B.6 run: records it when wanted, adds to the totals */
static void
b6_run(thm4_mod_t M, const b6_config *cf, sampler_kind law, b6_totals *tot)
{
    b6_ctx x;
    mc_tally_t T;
    slong t;
    ulong N = run_samples(M->R, cf->id, cf->samples, 0);

    thm4_sample_ctx_init(&x.g, M, thm4_mod_grid_data(M, cf->kind, cf->mi), cf->n, law, 1);
    x.targets = _fmpq_vec_init(x.g.D->m);
    for (t = 0; t < x.g.D->m; t++)
        if (run_mutant(M->R, "thm4.mutant.b6_targets"))
            fmpq_neg(x.targets + t, x.g.ybar + t);
        else
            fmpq_set(x.targets + t, x.g.ybar + t);
    run_mc(M->R, T, b6_sample, &x, N, cf->id);
    if (run_wants(M->R, cf->id))
        b6_record(M, cf, &x.g, T);
    tot->samples += T->samples;
    tot->closed_eq += T->hits[B6_CLOSED_EQ];
    tot->closed_und += T->undecided[B6_CLOSED_EQ];
    tot->good_no_event += T->hits[B6_ENGINE_GOOD] - T->joint[B6_EVENT][B6_ENGINE_GOOD];
    _fmpq_vec_clear(x.targets, x.g.D->m);
    thm4_sample_ctx_clear(&x.g);
}

void
thm4_check_b6(thm4_mod_t M)
{
    b6_totals tot = {0, 0, 0, 0};
    int closed = run_wants(M->R, "thm4.closedform");
    check_t c;
    slong q;

    for (q = 0; q < NB6; q++)
        if (closed || run_wants(M->R, b6_configs[q].id))
            b6_run(M, b6_configs + q, thm4_laws[q % 4], &tot);
    if (!closed)
        return;
    run_check(M->R, c, "thm4.closedform");
    check_field_add(c, "samples", "%lu", (unsigned long) tot.samples);
    check_field_add(c, "agreeing", "%lu", (unsigned long) tot.closed_eq);
    check_field_add(c, "engine good while B.6's event fails (all runs)", "%lu",
                    (unsigned long) tot.good_no_event);
    check_set_witness(c, "the samples of the thm4.b6.* checks");
    check_count(c, (slong) (tot.samples - tot.closed_eq - tot.closed_und), (slong) tot.closed_und);
    run_push(M->R, c);
}

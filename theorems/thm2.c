/* thm2.c -- the Theorem 2 module: singleton data (App. B.4).

   Checks: the singleton hypothesis of every data set, alpha (the split
   formula against every cell of the basin partition through the
   certified engine, attained by an explicit network), the closed-form
   basin value against the engine on every sample that runs it, B.4's
   construction built and verified exactly per sample, the exact
   probabilities against the enumeration of all sign patterns, the chain
   P[Bas <= alpha] >= P[B.4's event] >= 1 - 2d (3/4)^n on a grid of data
   sets and widths, Monte Carlo rates against the bound and against the
   exact probabilities (exact binomial tests), the corollary on Appendix
   C's data (a single neuron against a width-n network, and the width at
   which the good basin becomes likely), the user's own data, and the
   negative controls (skewed law, tightened constant, non-singleton data,
   the naive alpha).  See thm2.tex for the mathematics. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "binom.h"
#include "mc.h"
#include "escape.h"
#include "sampler.h"
#include "shallow.h"
#include "thm2.h"

#define CLAIM "Theorem 2"
#define PREC 128
#define MAXN 64 /* widths of the exact grid: 1..MAXN */
#define COR_NMAX 256

/* Assumption-1 laws rotated over the runs */
static const sampler_kind laws[4] = {SAMPLER_GAUSS, SAMPLER_SPHERE, SAMPLER_BALL, SAMPLER_CAUCHY};

/* ------------------------------------------------------ data sets */

typedef enum
{
    DS_ONE = 0, /* d = 1, one point on S_1^+: one needy side */
    DS_APPC1,
    DS_APPC2,
    DS_APPC4,
    DS_APPC8,
    DS_APPC16,
    DS_APPC32,
    DS_APPC64,
    DS_MIXED,  /* d = 5, every kind of side (chosen) */
    DS_SMALL,  /* d = 2, needs (+,+) and (-,-): the naive alpha fails for n <= 3 */
    DS_RAND2,  /* random, d = 2, m = 5 */
    DS_RAND3,  /* random, d = 3, m = 12 */
    DS_RAND8,  /* random, d = 8, m = 32 */
    DS_RAND16, /* random, d = 16, m = 64 */
    NDS
} ds_id;

static const char *const ds_names[NDS] = {"one",    "appc1", "appc2", "appc4", "appc8", "appc16", "appc32",
                                          "appc64", "mixed", "small", "rand2", "rand3", "rand8",  "rand16"};

/* the chosen sides: counts and needs per side k = 2j (S_j^+), 2j + 1 */
static const slong mixed_count[10] = {2, 1, 1, 3, 2, 2, 3, 0, 0, 2};
static const int mixed_need[10] = {1, -1, 1, 1, -1, -1, 0, 0, 0, -1};
static const slong small_count[4] = {1, 2, 2, 1};
static const int small_need[4] = {1, 1, -1, -1};

typedef struct
{
    singleton_data_t D[NDS];
} data_sets;

static void
eps_tenth(fmpq_t eps)
{
    fmpq_set_si(eps, 1, 10);
}

static void
data_sets_init(data_sets *S, uint64_t seed)
{
    slong k;
    fmpq_t eps;
    fmpq_init(eps);
    eps_tenth(eps);
    for (k = 0; k < NDS; k++)
    {
        rng_t r;
        char *s = bc_aprintf("thm2/data/%s", ds_names[k]);
        rng_init(r, seed, rng_stream_id(s), 0);
        singleton_data_init(S->D[k]);
        switch ((ds_id) k)
        {
        case DS_ONE:
        {
            slong c[2] = {1, 0};
            int nd[2] = {1, 0};
            thm2_data_sides(S->D[k], 1, c, nd, r);
            break;
        }
        case DS_MIXED:
            thm2_data_sides(S->D[k], 5, mixed_count, mixed_need, r);
            break;
        case DS_SMALL:
            thm2_data_sides(S->D[k], 2, small_count, small_need, r);
            break;
        case DS_RAND2:
            thm2_data_random(S->D[k], 5, 2, r);
            break;
        case DS_RAND3:
            thm2_data_random(S->D[k], 12, 3, r);
            break;
        case DS_RAND8:
            thm2_data_random(S->D[k], 32, 8, r);
            break;
        case DS_RAND16:
            thm2_data_random(S->D[k], 64, 16, r);
            break;
        default: /* appc<d> */
            singleton_data_appc(S->D[k], eps, (slong) 1 << (k - DS_APPC1));
        }
        flint_free(s);
    }
    fmpq_clear(eps);
}

static void
data_sets_clear(data_sets *S)
{
    slong k;
    for (k = 0; k < NDS; k++)
        singleton_data_clear(S->D[k]);
}

/* the data sets of the Monte Carlo grid */
static const ds_id grid_ds[] = {DS_APPC1, DS_APPC4, DS_APPC16, DS_MIXED, DS_RAND3, DS_RAND8};
#define NGRID_DS 6
static const slong grid_w[] = {1, 2, 3, 5, 8};
#define NGRID_W 5
#define NCELL_W (NGRID_W + 1) /* the widths above and the first with bound >= 1/2 */

/* clang-format off */
#define MC_ROWS(X) X(appc1, 5) X(appc4, 10) X(appc16, 15) X(mixed, 11) X(rand3, 9) X(rand8, 13)
#define MC_SPEC(k, n)                                                                               \
    {"thm2.mc." #k ".n" #n, CHECK_MONTECARLO, ST_CONSISTENT, 0,                                     \
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^" #n ", " #k " data (first width with bound >= 1/2)"},
#define MC_WIDTH(k, n) n,

static const slong mc_width[NGRID_DS] = {MC_ROWS(MC_WIDTH)};

#define B4_ROWS(X) X(appc4, DS_APPC4, 6) X(mixed, DS_MIXED, 8) X(small, DS_SMALL, 3) X(rand8, DS_RAND8, 10) \
    X(appc16, DS_APPC16, 15)
#define B4_SPEC(k, ds, n)                                                                           \
    {"thm2.b4." #k ".n" #n, CHECK_EXACT, ST_HOLDS, 0,                                               \
     "B.4 per sample: event => W' in the closed cell with L(W') = alpha; engine = closed form"},

static const check_spec thm2_specs[] = {
    {"thm2.data.singleton", CHECK_EXACT, ST_HOLDS, 0,
     "every data set of the module is singleton data (decided exactly); chosen sides as chosen"},
    {"thm2.alpha", CHECK_EXACT, ST_HOLDS, 0,
     "alpha by the split formula = min over all 2^(n(d+1)) cells of the certified basin value, attained"},
    {"thm2.closedform", CHECK_EXACT, ST_HOLDS, 0,
     "closed-form Bas for singleton data = the certified engine's value on every sample that runs it"},
    B4_ROWS(B4_SPEC)
    {"thm2.prob.enum", CHECK_EXACT, ST_HOLDS, 0,
     "exact P[Bas <= alpha] and P[B.4 event] = enumeration of all sign patterns with the engine (tiny cases)"},
    {"thm2.grid.exact", CHECK_EXACT, ST_HOLDS, 0,
     "every data set, n = 1..64: P[Bas <= alpha] >= P[B.4 event] >= 1 - 2d (3/4)^n, exact rationals"},
    {"thm2.union.one", CHECK_EXACT, ST_HOLDS, 0,
     "one needy side: P[Bas <= alpha] = 1 - (3/4)^n exactly for n = 1..64 (the per-side 3/4 is attained)"},
    {"thm2.grid.agree", CHECK_EXACT, ST_HOLDS, 0,
     "Monte Carlo rates of both events = exact probabilities on every grid cell (exact binomial tests)"},
    MC_ROWS(MC_SPEC)
    {"thm2.cor.single", CHECK_EXACT, ST_HOLDS, 0,
     "Appendix C data: a single neuron starts in a globally optimal basin with probability 2^-d exactly"},
    {"thm2.cor.transition", CHECK_EXACT, ST_HOLDS, 0,
     "Appendix C data, d = 1..512: n*(d) (least n with P >= 1/2) <= the width the bound guarantees"},
    {"thm2.user", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the user's data (--data, --width; else a built-in example): P[Bas <= alpha] >= 1 - 2d (3/4)^n"},
    {"thm2.control.skewed", CHECK_EXACT, ST_FAILS, 1,
     "non-symmetric law: the exact binomial test against the exact probability must reject"},
    {"thm2.control.tight", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "appc1, n = 8: the constant 3/4 tightened to 2/3 must be violated"},
    {"thm2.control.tight.exact", CHECK_EXACT, ST_FAILS, 1,
     "P[Bas <= alpha] >= 1 - 2d (2/3)^n claimed on every data set for n = 1..64, refuted exactly"},
    {"thm2.control.nonsingleton", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "a point with two non-zero coordinates: the hypothesis check must report the data inapplicable"},
    {"thm2.control.naive", CHECK_EXACT, ST_FAILS, 1,
     "'alpha = the sum of the per-side optima' at small n, against every cell of the engine, must fail"},
};
/* clang-format on */

#define THM2_NSPECS ((slong) (sizeof(thm2_specs) / sizeof(thm2_specs[0])))

static void
start(check_t c, const char *id)
{
    module_check_start(c, thm2_specs, THM2_NSPECS, id, CLAIM);
}

/* q as a rational when short, else a rigorous decimal enclosure */
static char *
q_show(const fmpq_t q)
{
    if (fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q)) <= 200)
        return fmpq_get_str(NULL, 10, q);
    {
        arb_t x;
        char *lo, *hi, *r;
        arb_init(x);
        arb_set_fmpq(x, q, PREC);
        lo = bc_arb_bound_str(x, -1, 20);
        hi = bc_arb_bound_str(x, 1, 20);
        r = bc_aprintf("[%s, %s] (a rational of %ld + %ld bits)", lo, hi, (long) fmpz_bits(fmpq_numref(q)),
                       (long) fmpz_bits(fmpq_denref(q)));
        flint_free(lo);
        flint_free(hi);
        arb_clear(x);
        return r;
    }
}

static void
bound34(fmpq_t b, const singleton_data_t D, slong n)
{
    fmpq_t c;
    fmpq_init(c);
    fmpq_set_si(c, 3, 4);
    thm2_bound(b, 2 * D->d, n, c);
    fmpq_clear(c);
}

/* least n >= 1 with 1 - 2d (3/4)^n >= 1/2 */
static slong
half_width(slong d)
{
    slong n;
    fmpq_t b, c, h;
    fmpq_init(b);
    fmpq_init(c);
    fmpq_init(h);
    fmpq_set_si(c, 3, 4);
    fmpq_set_si(h, 1, 2);
    for (n = 1;; n++)
    {
        thm2_bound(b, 2 * d, n, c);
        if (fmpq_cmp(b, h) >= 0)
            break;
    }
    fmpq_clear(b);
    fmpq_clear(c);
    fmpq_clear(h);
    return n;
}

/* ------------------------------------------------------- sample runs */

typedef struct
{
    const singleton_data_struct *D;
    slong n;
    sampler_kind law;
    const fmpq *alpha; /* one fmpq */
    int engine;        /* also run the certified engine */
    int construct;     /* also build B.4's W' (needs engine) */
} run_ctx;

#define EV_GOOD 0   /* closed-form Bas <= alpha */
#define EV_EVENT 1  /* B.4's event */
#define EV_IMPL 2   /* event => Bas <= alpha */
#define EV_ENG_EQ 3 /* engine value = closed form */
#define EV_ENG_GOOD 4
#define EV_SIGNS 5      /* engine's sign pattern = thm2's */
#define EV_BUILT 6      /* W' built and verified (construct only) */
#define EV_GOOD_AGREE 7 /* the engine's decision of Bas <= alpha = the closed form's */
#define NEV 8

/* the certified engine on (W, v) itself (its own signs), and B.4's W'
   checked by the Lemma 1-2 module's independent code */
static void
engine_events(mc_outcome *out, const run_ctx *g, const double *W, const double *v, const int *ws,
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
    if (basin_pattern(B, D->X, D->y, Wq, vq, n, NULL, NULL) == BASIN_OK)
    {
        int same = 1;
        thm2_pattern(a, (const singleton_data_struct *) D, ws, n);
        for (i = 0; i < n * m && same; i++)
            same = a[i] == B->a[i];
        for (i = 0; i < n && same; i++)
            same = vs[i] == B->b[i];
        out->event[EV_SIGNS] = same ? BC_TRUE : BC_FALSE;
        basin_value(R, B, 64);
        if (!R->is_exact)
            basin_value_rounds(R, B, 64, 48); /* more exact rounds */
        if (R->is_exact)
            out->event[EV_ENG_EQ] = fmpq_equal(R->exact, bas) ? BC_TRUE : BC_FALSE;
        else if (fmpq_cmp(bas, R->lower) < 0 || fmpq_cmp(bas, R->upper) > 0)
            out->event[EV_ENG_EQ] = BC_FALSE;
        if (fmpq_cmp(R->upper, g->alpha) <= 0)
            out->event[EV_ENG_GOOD] = BC_TRUE;
        else if (fmpq_cmp(R->lower, g->alpha) > 0)
            out->event[EV_ENG_GOOD] = BC_FALSE;
        if (out->event[EV_ENG_GOOD] != BC_UNDECIDED)
            out->event[EV_GOOD_AGREE] = out->event[EV_ENG_GOOD] == out->event[EV_GOOD] ? BC_TRUE : BC_FALSE;
        if (g->construct)
        {
            fmpq_mat_t Wp;
            fmpq_t L;
            fmpq_mat_init(Wp, n, d);
            fmpq_init(L);
            if (thm2_b4_construct(Wp, (const singleton_data_struct *) D, ws, vs, vq, n))
            {
                shallow_net_loss(L, D->X, D->y, Wp, vq);
                out->event[EV_BUILT] =
                    (shallow_in_closed_cell(B, Wp, vq) && fmpq_equal(L, g->alpha)) ? BC_TRUE : BC_FALSE;
            }
            else
                out->event[EV_BUILT] = BC_FALSE;
            fmpq_mat_clear(Wp);
            fmpq_clear(L);
        }
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
    const run_ctx *g = ctx;
    const singleton_data_struct *D = g->D;
    slong n = g->n, d = D->d, k;
    double *W = flint_malloc(sizeof(double) * (size_t) (n * d + n)), *v = W + n * d;
    int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d;

    (void) index;
    sampler_draw_net(W, v, n, d, g->law, rng);
    out->nevents = NEV;
    out->escalations = 0; /* signs of doubles are exact: nothing to escalate */
    for (k = 0; k < NEV; k++)
        out->event[k] = BC_UNDECIDED;
    if (!thm2_signs(ws, vs, (const singleton_data_struct *) D, W, v, n))
    {
        fmpq_t bas;
        fmpq_init(bas);
        thm2_bas_closed(bas, (const singleton_data_struct *) D, ws, vs, n);
        out->event[EV_GOOD] = fmpq_cmp(bas, g->alpha) <= 0 ? BC_TRUE : BC_FALSE;
        out->event[EV_EVENT] = thm2_event((const singleton_data_struct *) D, ws, vs, n) ? BC_TRUE : BC_FALSE;
        out->event[EV_IMPL] =
            (out->event[EV_EVENT] == BC_TRUE && out->event[EV_GOOD] == BC_FALSE) ? BC_FALSE : BC_TRUE;
        if (g->engine)
            engine_events(out, g, W, v, ws, vs, bas);
        fmpq_clear(bas);
    }
    flint_free(W);
    flint_free(ws);
}

/* a run's tallies */
typedef struct
{
    ulong N, good, event, und, impl_bad;
    ulong eng;                      /* samples the engine ran on */
    ulong eng_eq, eng_und, eng_bad; /* agreeing, undecided (interval), contradicting */
    ulong signs_bad, eng_good, good_und, good_bad, built;
    double seconds;
} tally;

static void
mc_cell_run(tally *e, const singleton_data_struct *D, slong n, sampler_kind law, const fmpq_t alpha,
            int engine, int construct, ulong N, const run_opts *opts, const char *stream)
{
    run_ctx g;
    mc_tally_t T;
    g.D = D;
    g.n = n;
    g.law = law;
    g.alpha = alpha;
    g.engine = engine || construct;
    g.construct = construct;
    module_mc_run(T, run_sample, &g, N, opts, stream);
    memset(e, 0, sizeof(tally));
    e->N = T->samples;
    e->good = T->hits[EV_GOOD];
    e->event = T->hits[EV_EVENT];
    e->und = T->undecided[EV_GOOD];
    e->impl_bad = T->samples - T->hits[EV_IMPL] - T->undecided[EV_IMPL];
    if (g.engine)
    {
        e->eng = T->samples - T->undecided[EV_GOOD];
        e->eng_eq = T->hits[EV_ENG_EQ];
        e->eng_und = T->undecided[EV_ENG_EQ] - T->undecided[EV_GOOD];
        e->eng_bad = e->eng - e->eng_eq - e->eng_und;
        e->signs_bad = e->eng - T->hits[EV_SIGNS];
        e->eng_good = T->hits[EV_ENG_GOOD];
        e->good_und = T->undecided[EV_GOOD_AGREE] - T->undecided[EV_GOOD];
        e->good_bad = e->eng - T->hits[EV_GOOD_AGREE] - e->good_und;
        e->built = T->hits[EV_BUILT];
    }
    e->seconds = T->seconds;
}

/* engine agreement accumulated over the run, for thm2.closedform */
typedef struct
{
    ulong samples, eq, und, bad, signs_bad, good_mismatch;
    double eng_seconds, closed_seconds;
    ulong eng_samples, closed_samples;
} engine_acc;

static void
acc_add(engine_acc *A, const tally *e)
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

/* ----------------------------------------------------------- sizes */

typedef struct
{
    ulong grid, b4, user, control;
    int engine_all; /* quick: the engine on every sample */
} sizes;

static void
sizes_set(sizes *z, const run_opts *opts)
{
    switch (opts->size)
    {
    case SIZE_QUICK:
        z->grid = 30;
        z->b4 = 30;
        z->user = 500;
        z->control = 2000;
        z->engine_all = 1;
        break;
    case SIZE_FULL:
        z->grid = 40000;
        z->b4 = 4000;
        z->user = 200000;
        z->control = 200000;
        z->engine_all = 0;
        break;
    default:
        z->grid = 4000;
        z->b4 = 400;
        z->user = 20000;
        z->control = 20000;
        z->engine_all = 0;
    }
    if (opts->samples > 0)
        z->grid = z->b4 = z->user = (ulong) opts->samples;
    else if (opts->samples == -1)
        z->grid = z->user = mc_samples_for_slack(opts->slack, opts->tail);
}

/* ------------------------------------------------------- hypothesis */

static void
check_singleton(checklist_t L, const data_sets *S)
{
    check_t c;
    slong k, j, bad = 0, chosen_bad = 0;
    double t0 = bc_seconds();
    char *wit = NULL;

    start(c, "thm2.data.singleton");
    for (k = 0; k < NDS; k++)
    {
        const singleton_data_struct *D = S->D[k];
        const slong *cnt = NULL;
        const int *nd = NULL;
        if (!D->singleton || singleton_first_nonsingleton(D->X) >= 0)
        {
            bad++;
            if (wit == NULL)
                wit = bc_aprintf("%s: point %ld", ds_names[k], (long) (D->bad_t + 1));
            continue;
        }
        if (k == DS_MIXED)
        {
            cnt = mixed_count;
            nd = mixed_need;
        }
        else if (k == DS_SMALL)
        {
            cnt = small_count;
            nd = small_need;
        }
        for (j = 0; j < 2 * D->d; j++)
        {
            int ok = 1;
            if (cnt != NULL)
                ok = D->count[j] == cnt[j] && D->need[j] == nd[j];
            else if (k >= DS_APPC1 && k <= DS_APPC64)
                /* Appendix C: (1, 1) on S_j^+ and (-1, q) on S_j^-, both
                   asking for a neuron with v > 0 */
                ok = D->count[j] == 1 && D->need[j] == 1;
            else if (k == DS_ONE)
                ok = D->count[j] == (j == 0) && D->need[j] == (j == 0);
            if (!ok)
            {
                chosen_bad++;
                if (wit == NULL)
                    wit = bc_aprintf("%s: side %ld has %ld points and need %d", ds_names[k], (long) j,
                                     (long) D->count[j], D->need[j]);
            }
        }
    }
    c->status = (bad == 0 && chosen_bad == 0) ? ST_HOLDS : ST_FAILS;
    c->statement = bc_aprintf(
        "Each of the %d data sets of this module (Appendix~C's for $d=1,2,\\dots,64$, chosen sides "
        "\\texttt{one}, \\texttt{mixed}, \\texttt{small}, random \\texttt{rand2}, \\texttt{rand3}, "
        "\\texttt{rand8}, \\texttt{rand16}) is singleton data: every $\\mathbf x_t$ has exactly one non-zero "
        "coordinate, decided on the exact rationals. The data sets with chosen sides have exactly the "
        "chosen numbers of points per side and side needs $\\operatorname{sign}B_k$.",
        NDS);
    check_field_add(c, "data sets", "%d", NDS);
    check_field_add(c, "not singleton", "%ld", (long) bad);
    check_field_add(c, "sides not as chosen", "%ld", (long) chosen_bad);
    check_set_witness(c, "%s",
                      wit != NULL ? wit : "data from rng streams thm2/data/<name> under the run seed");
    flint_free(wit);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
}

/* ------------------------------------------------- alpha and cells */

/* the certified engine's value on the cell of the sign pattern (ws, vs) */
static void
cell_value(basin_result_t R, const singleton_data_t D, const int *ws, const int *vs, slong n)
{
    basin_t B;
    int *a = flint_malloc(sizeof(int) * (size_t) (n * D->m));
    thm2_pattern(a, D, ws, n);
    basin_init(B);
    basin_set_pattern(B, D->X, D->y, a, vs, n);
    basin_value(R, B, 64);
    if (!R->is_exact)
        basin_value_rounds(R, B, 64, 48);
    basin_clear(B);
    flint_free(a);
}

/* the least certified lower and upper bounds over all 2^(n(d+1)) cells
   (every sign pattern of singleton data is a non-empty cell) */
static slong
cells_min(fmpq_t lo, fmpq_t up, const singleton_data_t D, slong n)
{
    slong d = D->d, bits = n * (d + 1);
    ulong M;
    int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d;
    basin_result_t R;
    basin_result_init(R);
    for (M = 0; M < ((ulong) 1 << bits); M++)
    {
        thm2_sign_pattern(ws, vs, M, n, d);
        cell_value(R, D, ws, vs, n);
        if (M == 0 || fmpq_cmp(R->lower, lo) < 0)
            fmpq_set(lo, R->lower);
        if (M == 0 || fmpq_cmp(R->upper, up) < 0)
            fmpq_set(up, R->upper);
    }
    basin_result_clear(R);
    flint_free(ws);
    return (slong) 1 << bits;
}

typedef struct
{
    ds_id ds;
    slong n;
} inst;

static const inst alpha_inst[] = {{DS_ONE, 1},   {DS_ONE, 3},   {DS_APPC1, 1}, {DS_APPC1, 2}, {DS_APPC1, 3},
                                  {DS_APPC2, 1}, {DS_APPC2, 2}, {DS_SMALL, 1}, {DS_SMALL, 2}, {DS_SMALL, 3},
                                  {DS_RAND2, 1}, {DS_RAND2, 2}, {DS_RAND2, 3}, {DS_RAND3, 1}, {DS_RAND3, 2}};
#define NALPHA ((slong) (sizeof(alpha_inst) / sizeof(alpha_inst[0])))

static void
check_alpha(checklist_t L, const data_sets *S)
{
    check_t c;
    slong q, cells = 0, bad = 0, above = 0;
    double t0 = bc_seconds();
    char *wit = NULL;
    fmpq_t alpha, lo, up, Lw, nv;
    fmpq_init(alpha);
    fmpq_init(lo);
    fmpq_init(up);
    fmpq_init(Lw);
    fmpq_init(nv);

    start(c, "thm2.alpha");
    for (q = 0; q < NALPHA; q++)
    {
        const singleton_data_struct *D = S->D[alpha_inst[q].ds];
        slong n = alpha_inst[q].n;
        fmpq_mat_t W;
        fmpq *v = _fmpq_vec_init(n);
        fmpq_mat_init(W, n, D->d);
        singleton_alpha(alpha, NULL, D, n);
        thm2_alpha_naive(nv, D);
        cells += cells_min(lo, up, D, n);
        thm2_alpha_net(W, v, D, n);
        shallow_net_loss(Lw, D->X, D->y, W, v);
        above += fmpq_cmp(alpha, nv) > 0;
        if (!fmpq_equal(lo, alpha) || !fmpq_equal(up, alpha) || !fmpq_equal(Lw, alpha) ||
            fmpq_cmp(alpha, nv) < 0)
        {
            bad++;
            if (wit == NULL)
            {
                char *sa = fmpq_get_str(NULL, 10, alpha), *sl = fmpq_get_str(NULL, 10, lo),
                     *su = fmpq_get_str(NULL, 10, up), *sw = fmpq_get_str(NULL, 10, Lw);
                wit = bc_aprintf("%s, n=%ld: alpha=%s, min lower=%s, min upper=%s, network %s",
                                 ds_names[alpha_inst[q].ds], (long) n, sa, sl, su, sw);
                flint_free(sa);
                flint_free(sl);
                flint_free(su);
                flint_free(sw);
            }
        }
        if (alpha_inst[q].ds == DS_SMALL)
        {
            char *sa = fmpq_get_str(NULL, 10, alpha), *key = bc_aprintf("alpha small n=%ld", (long) n);
            check_field_add(c, key, "%s", sa);
            flint_free(sa);
            flint_free(key);
        }
        fmpq_mat_clear(W);
        _fmpq_vec_clear(v, n);
    }
    c->status = bad == 0 ? ST_HOLDS : ST_FAILS;
    c->statement = bc_aprintf(
        "The minimal objective of width $n$ on singleton data is "
        "$\\alpha_n=\\tfrac1m\\min_P\\sum_j\\mathrm{cost}_j(P,n-P)$ (Lemma~2.B). Checked on %ld instances "
        "(data sets \\texttt{one}, \\texttt{appc1}, \\texttt{appc2}, \\texttt{small}, \\texttt{rand2}, "
        "\\texttt{rand3}; $n\\le3$): the minimum over all $2^{n(d+1)}$ cells of the basin partition (all "
        "non-empty for singleton data) of the certified engine's lower and upper bounds both equal "
        "$\\alpha_n$, the explicit network of Lemma~2.B attains it (its loss evaluated with its ReLUs, "
        "exactly), and $\\alpha_n$ is at least the naive value $\\tfrac1m\\sum_k\\mathrm{opt}_k$.",
        (long) NALPHA);
    check_field_add(c, "instances", "%ld", (long) NALPHA);
    check_field_add(c, "cells", "%ld", (long) cells);
    check_field_add(c, "instances with alpha above the naive value", "%ld", (long) above);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_set_witness(
        c, "%s",
        wit != NULL ? wit : "the data sets of thm2.data.singleton; every sign pattern of each instance");
    flint_free(wit);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    fmpq_clear(alpha);
    fmpq_clear(lo);
    fmpq_clear(up);
    fmpq_clear(Lw);
    fmpq_clear(nv);
}

static void
check_naive(checklist_t L, const data_sets *S)
{
    static const inst ctl[] = {{DS_SMALL, 2}, {DS_SMALL, 3}, {DS_APPC1, 1}};
    check_t c;
    slong q, refuted = 0;
    double t0 = bc_seconds();
    char *wit = NULL;
    fmpq_t nv, lo, up;
    fmpq_init(nv);
    fmpq_init(lo);
    fmpq_init(up);
    start(c, "thm2.control.naive");
    for (q = 0; q < 3; q++)
    {
        const singleton_data_struct *D = S->D[ctl[q].ds];
        thm2_alpha_naive(nv, D);
        cells_min(lo, up, D, ctl[q].n);
        /* the naive value is attained iff some cell reaches it */
        if (fmpq_cmp(lo, nv) > 0)
        {
            refuted++;
            if (wit == NULL)
            {
                char *a = fmpq_get_str(NULL, 10, nv), *b = fmpq_get_str(NULL, 10, lo);
                wit = bc_aprintf("%s, n=%ld: naive %s < %s = least certified lower bound over all cells",
                                 ds_names[ctl[q].ds], (long) ctl[q].n, a, b);
                flint_free(a);
                flint_free(b);
            }
        }
    }
    c->status = refuted > 0 ? ST_FAILS : ST_HOLDS;
    c->statement = bc_aprintf(
        "Negative control: ``$\\alpha_n$ equals the naive value $\\tfrac1m\\sum_k\\mathrm{opt}_k$, every "
        "side "
        "at its own best'' claimed for \\texttt{small} ($d=2$, the sides of coordinate 1 need $v>0$, those "
        "of coordinate 2 need $v<0$) at $n=2,3$ and for \\texttt{appc1} at $n=1$, decided against the "
        "least certified lower bound over all cells. It must fail: a coordinate whose two sides need the "
        "same sign needs two neurons of that sign, so the needs cannot all be met with $n\\le3$ here.");
    check_field_add(c, "instances", "3");
    check_field_add(c, "refuted", "%ld", (long) refuted);
    if (wit != NULL)
        check_set_witness(c, "%s", wit);
    flint_free(wit);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    fmpq_clear(nv);
    fmpq_clear(lo);
    fmpq_clear(up);
}

/* ------------------------------------------- exact probabilities */

static const inst enum_inst[] = {{DS_ONE, 1},   {DS_ONE, 2},   {DS_ONE, 3},   {DS_ONE, 4},
                                 {DS_APPC1, 1}, {DS_APPC1, 2}, {DS_APPC1, 3}, {DS_APPC1, 4},
                                 {DS_APPC2, 1}, {DS_APPC2, 2}, {DS_SMALL, 1}, {DS_SMALL, 2},
                                 {DS_SMALL, 3}, {DS_RAND2, 1}, {DS_RAND2, 2}, {DS_RAND2, 3}};
#define NENUM ((slong) (sizeof(enum_inst) / sizeof(enum_inst[0])))

static void
check_enum(checklist_t L, const data_sets *S)
{
    check_t c;
    slong q, patterns = 0, bad = 0, inexact = 0;
    double t0 = bc_seconds();
    char *wit = NULL;
    fmpq_t amin, pg, pe, cg, ce, a;
    fmpq_init(amin);
    fmpq_init(pg);
    fmpq_init(pe);
    fmpq_init(cg);
    fmpq_init(ce);
    fmpq_init(a);

    start(c, "thm2.prob.enum");
    for (q = 0; q < NENUM; q++)
    {
        const singleton_data_struct *D = S->D[enum_inst[q].ds];
        slong n = enum_inst[q].n, d = D->d, bits = n * (d + 1), M, NM = (slong) 1 << bits;
        int *ws = flint_malloc(sizeof(int) * (size_t) (n * d + n)), *vs = ws + n * d;
        fmpq *val = _fmpq_vec_init(NM);
        ulong good = 0, ev = 0;
        basin_result_t R;
        basin_result_init(R);
        /* every sign pattern of (W, v) has probability 2^-(n(d+1)) under
           Assumption 1; its basin value from the certified engine */
        for (M = 0; M < NM; M++)
        {
            thm2_sign_pattern(ws, vs, (ulong) M, n, d);
            cell_value(R, D, ws, vs, n);
            if (!R->is_exact)
                inexact++;
            fmpq_set(val + M, R->upper);
            if (M == 0 || fmpq_cmp(val + M, amin) < 0)
                fmpq_set(amin, val + M);
            ev += thm2_event(D, ws, vs, n);
        }
        for (M = 0; M < NM; M++)
            good += fmpq_equal(val + M, amin);
        patterns += NM;
        fmpq_set_ui(cg, good, 1);
        fmpq_div_2exp(cg, cg, (ulong) bits);
        fmpq_set_ui(ce, ev, 1);
        fmpq_div_2exp(ce, ce, (ulong) bits);
        singleton_alpha(a, NULL, D, n);
        singleton_prob_good(pg, D, n);
        singleton_prob_event(pe, D, n);
        if (!fmpq_equal(a, amin) || !fmpq_equal(pg, cg) || !fmpq_equal(pe, ce))
        {
            bad++;
            if (wit == NULL)
            {
                char *s1 = fmpq_get_str(NULL, 10, pg), *s2 = fmpq_get_str(NULL, 10, cg),
                     *s3 = fmpq_get_str(NULL, 10, pe), *s4 = fmpq_get_str(NULL, 10, ce);
                wit = bc_aprintf("%s, n=%ld: P[good] %s vs enumeration %s, P[event] %s vs %s",
                                 ds_names[enum_inst[q].ds], (long) n, s1, s2, s3, s4);
                flint_free(s1);
                flint_free(s2);
                flint_free(s3);
                flint_free(s4);
            }
        }
        basin_result_clear(R);
        _fmpq_vec_clear(val, NM);
        flint_free(ws);
    }
    c->status = bad > 0 ? ST_FAILS : (inexact > 0 ? ST_UNDECIDED : ST_HOLDS);
    c->statement = bc_aprintf(
        "Lemma~2.C against brute force: on %ld tiny instances (data \\texttt{one}, \\texttt{appc1}, "
        "\\texttt{appc2}, \\texttt{small}, \\texttt{rand2}; $n\\le4$) every sign pattern of "
        "$(W,\\mathbf v)$ is enumerated (each has probability $2^{-n(d+1)}$ under Assumption~1), its basin "
        "value is computed by the certified engine, $\\alpha$ is the least of them, and the fractions of "
        "patterns with $\\mathrm{Bas}=\\alpha$ and with B.4's event equal the exact probabilities; "
        "$\\alpha$ equals the split formula.",
        (long) NENUM);
    check_field_add(c, "instances", "%ld", (long) NENUM);
    check_field_add(c, "patterns", "%ld", (long) patterns);
    check_field_add(c, "engine values not exact", "%ld", (long) inexact);
    check_field_add(c, "mismatches", "%ld", (long) bad);
    check_set_witness(c, "%s", wit != NULL ? wit : "every sign pattern of each instance");
    flint_free(wit);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    fmpq_clear(amin);
    fmpq_clear(pg);
    fmpq_clear(pe);
    fmpq_clear(cg);
    fmpq_clear(ce);
    fmpq_clear(a);
}

/* exact probabilities of the grid: pg[k][n-1], pe[k][n-1] for n <= MAXN */
typedef struct
{
    fmpq pg[NDS][MAXN];
    fmpq pe[NDS][MAXN];
} exact_grid;

static void
exact_grid_init(exact_grid *E, const data_sets *S)
{
    slong k, n;
    for (k = 0; k < NDS; k++)
        for (n = 1; n <= MAXN; n++)
        {
            fmpq_init(E->pg[k] + n - 1);
            fmpq_init(E->pe[k] + n - 1);
            singleton_prob_good(E->pg[k] + n - 1, S->D[k], n);
            singleton_prob_event(E->pe[k] + n - 1, S->D[k], n);
        }
}

static void
exact_grid_clear(exact_grid *E)
{
    slong k, n;
    for (k = 0; k < NDS; k++)
        for (n = 0; n < MAXN; n++)
        {
            fmpq_clear(E->pg[k] + n);
            fmpq_clear(E->pe[k] + n);
        }
}

static void
check_grid_exact(checklist_t L, const data_sets *S, const exact_grid *E, double seconds)
{
    check_t c, u;
    slong k, n, bad = 0, badu = 0, tight = 0, kmax = 0, nmax = 0;
    char *wit = NULL;
    double t0 = bc_seconds(), rmin = 2.0, rmax = 0.0;
    fmpq_t b, bn, c34, r1, r2, rgap;
    fmpq_init(rgap);
    fmpq_init(b);
    fmpq_init(bn);
    fmpq_init(c34);
    fmpq_init(r1);
    fmpq_init(r2);
    fmpq_set_si(c34, 3, 4);

    start(c, "thm2.grid.exact");
    for (k = 0; k < NDS; k++)
        for (n = 1; n <= MAXN; n++)
        {
            const singleton_data_struct *D = S->D[k];
            const fmpq *pg = E->pg[k] + n - 1, *pe = E->pe[k] + n - 1;
            bound34(b, D, n);
            /* the union bound over the needy sides only, between them */
            thm2_bound(bn, D->needy, n, c34);
            if (fmpq_cmp(pg, pe) < 0 || fmpq_cmp(pe, bn) < 0 || fmpq_cmp(bn, b) < 0)
            {
                bad++;
                if (wit == NULL)
                    wit = bc_aprintf("%s, n=%ld", ds_names[k], (long) n);
            }
            tight += fmpq_equal(pg, b);
            if (fmpq_cmp_ui(b, 0) > 0)
            {
                /* looseness: exact failure probability / 2d (3/4)^n */
                double f;
                fmpq_sub_si(r1, pg, 1);
                fmpq_sub_si(r2, b, 1);
                fmpq_div(r1, r1, r2);
                f = fmpq_get_d(r1);
                rmin = FLINT_MIN(rmin, f);
                if (f >= rmax)
                {
                    rmax = f;
                    kmax = k;
                    nmax = n;
                    /* 1 - ratio, exactly: how close the bound comes */
                    fmpq_sub_si(rgap, r1, 1);
                    fmpq_neg(rgap, rgap);
                }
            }
        }
    c->status = bad == 0 ? ST_HOLDS : ST_FAILS;
    c->statement = bc_aprintf(
        "On each of the %d data sets and every width $n=1,\\dots,%d$: the exact probabilities of "
        "Lemma~2.C satisfy $\\Pr[\\mathrm{Bas}\\le\\alpha]\\ge\\Pr[\\text{B.4's event}]\\ge1-N(3/4)^n"
        "\\ge1-2d(3/4)^n$, $N$ the number of sides with a need, decided in exact rational arithmetic. On "
        "these instances Theorem~2 and the union bound of B.4 are thereby proved, not sampled.",
        NDS, MAXN);
    check_field_add(c, "cells", "%d", NDS * MAXN);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_field_add(c, "cells where the bound is attained", "%ld", (long) tight);
    check_field_add(c, "(1 - exact) / (2d (3/4)^n) where the bound is positive",
                    "from %.4f to 1 - %.3g (the largest at %s, n=%ld)", rmin, fmpq_get_d(rgap),
                    ds_names[kmax], (long) nmax);
    check_set_witness(c, "%s", wit != NULL ? wit : "the data sets of thm2.data.singleton");
    flint_free(wit);
    c->seconds = bc_seconds() - t0 + seconds;
    checklist_push(L, c);

    /* one needy side: the union bound has one term */
    start(u, "thm2.union.one");
    for (n = 1; n <= MAXN; n++)
    {
        thm2_bound(b, 1, n, c34);
        badu += !fmpq_equal(E->pg[DS_ONE] + n - 1, b);
    }
    u->status = badu == 0 ? ST_HOLDS : ST_FAILS;
    u->statement = bc_aprintf(
        "Data \\texttt{one} ($d=1$, one point on $S_1^+$, nothing on $S_1^-$): "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha]=1-(3/4)^n$ exactly for every $n=1,\\dots,%d$. The per-side "
        "failure probability $3/4$ of B.4 is attained, so it cannot be lowered; the factor $2d=2$ of the "
        "bound counts a side that needs nothing.",
        MAXN);
    check_field_add(u, "widths", "%d", MAXN);
    check_field_add(u, "mismatches", "%ld", (long) badu);
    check_set_witness(u, "data thm2/data/one");
    checklist_push(L, u);
    fmpq_clear(b);
    fmpq_clear(bn);
    fmpq_clear(c34);
    fmpq_clear(r1);
    fmpq_clear(r2);
    fmpq_clear(rgap);
}

/* ------------------------------------------------ Monte Carlo grid */

typedef struct
{
    slong n;
    tally t;
} cell;

static slong
cell_width(slong g, slong w)
{
    return w < NGRID_W ? grid_w[w] : mc_width[g];
}

static void
run_grid(cell cells[NGRID_DS][NCELL_W], const data_sets *S, const sizes *z, const run_opts *opts,
         engine_acc *A)
{
    slong g, w;
    fmpq_t alpha;
    fmpq_init(alpha);
    for (g = 0; g < NGRID_DS; g++)
    {
        const singleton_data_struct *D = S->D[grid_ds[g]];
        /* the Monte Carlo rows sit at the first width whose bound is >= 1/2 */
        if (half_width(D->d) != mc_width[g])
        {
            flint_printf("thm2: table width %wd for %s, first width with bound >= 1/2 is %wd\n", mc_width[g],
                         ds_names[grid_ds[g]], half_width(D->d));
            flint_abort();
        }
        for (w = 0; w < NCELL_W; w++)
        {
            slong n = cell_width(g, w);
            char *s = bc_aprintf("thm2.grid.%s.n%ld", ds_names[grid_ds[g]], (long) n);
            singleton_alpha(alpha, NULL, D, n);
            cells[g][w].n = n;
            mc_cell_run(&cells[g][w].t, D, n, laws[(g + w) % 4], alpha, z->engine_all, 0, z->grid, opts, s);
            acc_add(A, &cells[g][w].t);
            flint_free(s);
        }
    }
    fmpq_clear(alpha);
}

static void
check_agree(checklist_t L, cell cells[NGRID_DS][NCELL_W], const data_sets *S, double tail)
{
    check_t c;
    slong g, w, tests = 2 * NGRID_DS * NCELL_W, rej = 0, undec = 0;
    double minp = 1.0, t0 = bc_seconds(), tau = tail / (double) tests;
    char *wit = NULL;
    fmpq_t p;
    arb_t pb;
    fmpq_init(p);
    arb_init(pb);
    for (g = 0; g < NGRID_DS; g++)
        for (w = 0; w < NCELL_W; w++)
        {
            const tally *e = &cells[g][w].t;
            slong n = cells[g][w].n, ev;
            for (ev = 0; ev < 2; ev++)
            {
                double plo, phi;
                truth_t r;
                if (ev == 0)
                    singleton_prob_good(p, S->D[grid_ds[g]], n);
                else
                    singleton_prob_event(p, S->D[grid_ds[g]], n);
                arb_set_fmpq(pb, p, PREC);
                r = binom_test_two_sided(e->N, ev ? e->event : e->good, pb, tau, &plo, &phi);
                minp = FLINT_MIN(minp, FLINT_MIN(plo, phi));
                if (r == BC_FALSE)
                {
                    rej++;
                    if (wit == NULL)
                    {
                        char *sp = q_show(p);
                        wit = bc_aprintf("%s n=%ld, %s: %lu of %lu against exact %s", ds_names[grid_ds[g]],
                                         (long) n, ev ? "event" : "good", ev ? e->event : e->good, e->N, sp);
                        flint_free(sp);
                    }
                }
                else if (r == BC_UNDECIDED || e->und > 0)
                    undec++;
            }
        }
    start(c, "thm2.grid.agree");
    c->status = rej > 0 ? ST_FAILS : (undec > 0 ? ST_UNDECIDED : ST_HOLDS);
    c->statement = bc_aprintf(
        "In each of the %d Monte Carlo grid cells (data \\texttt{appc1}, \\texttt{appc4}, \\texttt{appc16}, "
        "\\texttt{mixed}, \\texttt{rand3}, \\texttt{rand8}; widths $1,2,3,5,8$ and the first width whose "
        "bound reaches $1/2$; laws rotating over gauss, sphere, ball, cauchy) the counts of "
        "$\\mathrm{Bas}\\le\\alpha$ and of B.4's event agree with the exact probabilities of Lemma~2.C: "
        "exact two-sided binomial tests, each tail at level $\\tau/%ld$ for the run's per-side level "
        "$\\tau$ (Bonferroni over the %ld tests). A rejection is a harness bug.",
        NGRID_DS * NCELL_W, (long) tests, (long) tests);
    check_field_add(c, "cells", "%d", NGRID_DS * NCELL_W);
    check_field_add(c, "tests", "%ld", (long) tests);
    check_field_add(c, "rejections", "%ld", (long) rej);
    check_field_add(c, "smallest tail", "%.3g (threshold %.3g)", minp, tau);
    check_set_witness(c, "%s", wit != NULL ? wit : "the grid samples, streams thm2.grid.<data>.n<n>");
    flint_free(wit);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    fmpq_clear(p);
    arb_clear(pb);
}

static void
check_mc_rows(checklist_t L, cell cells[NGRID_DS][NCELL_W], const data_sets *S, const run_opts *opts)
{
    slong g;
    for (g = 0; g < NGRID_DS; g++)
    {
        const singleton_data_struct *D = S->D[grid_ds[g]];
        const cell *e = &cells[g][NGRID_W];
        check_t c;
        arb_t b;
        fmpq_t bq;
        char *id = bc_aprintf("thm2.mc.%s.n%ld", ds_names[grid_ds[g]], (long) e->n);
        char *btex = bc_aprintf("1-%ld(3/4)^{%ld}", (long) (2 * D->d), (long) e->n);
        arb_init(b);
        fmpq_init(bq);
        bound34(bq, D, e->n);
        arb_set_fmpq(b, bq, PREC);
        start(c, id);
        c->statement = bc_aprintf(
            "$\\Pr[\\mathrm{Bas}(W,\\mathbf v)\\le\\alpha]\\ge1-2d(3/4)^n$ on the data \\texttt{%s} "
            "($m=%ld$ points in $d=%ld$, %ld of the $2d$ sides with a need), $n=%ld$ (the first width whose "
            "bound reaches $1/2$), law \\texttt{%s}; each sample decided exactly (exact signs, the closed "
            "form of Lemma~2.A).",
            ds_names[grid_ds[g]], (long) D->m, (long) D->d, (long) D->needy, (long) e->n,
            sampler_name(laws[(g + NGRID_W) % 4]));
        check_set_mc(c, e->t.N, e->t.good, e->t.und, 0, b, btex);
        check_field_add(c, "B.4 event", "%lu of %lu", e->t.event, e->t.N);
        check_set_witness(c, "seed %llu, stream rng_stream_id(\"thm2.grid.%s.n%ld\"), samples 0..%lu",
                          (unsigned long long) opts->seed, ds_names[grid_ds[g]], (long) e->n, e->t.N - 1);
        c->seconds = e->t.seconds;
        checklist_push(L, c);
        arb_clear(b);
        fmpq_clear(bq);
        flint_free(id);
        flint_free(btex);
    }
}

/* ------------------------------------------------------- B.4 runs */

typedef struct
{
    const char *id;
    ds_id ds;
    slong n;
} b4_config;

#define B4_CONF(k, ds, n) {"thm2.b4." #k ".n" #n, ds, n},
static const b4_config b4_configs[] = {B4_ROWS(B4_CONF)};
#define NB4 ((slong) (sizeof(b4_configs) / sizeof(b4_configs[0])))

static void
check_b4(checklist_t L, const data_sets *S, const sizes *z, const run_opts *opts, engine_acc *A)
{
    slong q;
    fmpq_t alpha, nv;
    fmpq_init(alpha);
    fmpq_init(nv);
    for (q = 0; q < NB4; q++)
    {
        const b4_config *cf = b4_configs + q;
        const singleton_data_struct *D = S->D[cf->ds];
        sampler_kind law = laws[q % 4];
        tally e;
        check_t c;
        int ok;

        singleton_alpha(alpha, NULL, D, cf->n);
        thm2_alpha_naive(nv, D);
        mc_cell_run(&e, D, cf->n, law, alpha, 1, 1, z->b4, opts, cf->id);
        acc_add(A, &e);
        /* contradictions only: an engine interval containing the closed
           form is reported, not a failure.  When alpha is the naive value
           an unmet need costs B_k^2 / A_k > 0, so good <=> event; when it
           is not, the event is impossible (it would give Bas = naive) */
        ok = e.und == 0 && e.impl_bad == 0 && e.built == e.event && e.eng_bad == 0 && e.signs_bad == 0 &&
             e.good_bad == 0 && (fmpq_equal(alpha, nv) ? e.good == e.event : e.event == 0);
        start(c, cf->id);
        c->status = ok ? (e.eng_und > 0 || e.good_und > 0 ? ST_UNDECIDED : ST_HOLDS) : ST_FAILS;
        c->statement = bc_aprintf(
            "The proof of B.4 on the data \\texttt{%s} ($m=%ld$, $d=%ld$), width $n=%ld$, law \\texttt{%s}: "
            "for each of %lu samples $(W,\\mathbf v)$, when every side with a need has an active neuron of "
            "the needed output sign, the point $(W',\\mathbf v)$ that lets the first such neuron carry "
            "$\\pm|\\beta^*_k|/|v_i|$ on each side (every other $w'_{ij}=0$) lies in the closed cell of "
            "$(W,\\mathbf v)$ and its loss, evaluated with its ReLUs by the code of the Lemma~1--2 module, "
            "equals $\\alpha$ exactly. Beside it the certified engine computes "
            "$\\mathrm{Bas}(W,\\mathbf v)$ from its own sign pattern, which must equal the closed form "
            "(Lemma~2.A) and decide $\\mathrm{Bas}\\le\\alpha$ the same way.",
            ds_names[cf->ds], (long) D->m, (long) D->d, (long) cf->n, sampler_name(law), e.N);
        check_field_add(c, "samples", "%lu", e.N);
        check_field_add(c, "B.4 event", "%lu", e.event);
        check_field_add(c, "W' built and verified", "%lu", e.built);
        check_field_add(c, "Bas <= alpha (closed form)", "%lu", e.good);
        check_field_add(c, "Bas <= alpha while the event fails", "%lu", e.good - e.event);
        check_field_add(c, "engine = closed form", "%lu of %lu (%lu intervals containing it)", e.eng_eq,
                        e.eng, e.eng_und);
        check_field_add(c, "engine sign pattern = thm2's", "%lu of %lu", e.eng - e.signs_bad, e.eng);
        check_field_add(c, "engine seconds per sample", "%.2e", e.seconds / (double) FLINT_MAX(e.N, 1));
        {
            char *sa = q_show(alpha), *sn = q_show(nv);
            check_field_add(c, "alpha", "%s", sa);
            check_field_add(c, "naive value", "%s", sn);
            flint_free(sa);
            flint_free(sn);
        }
        if (!fmpq_equal(alpha, nv))
            check_add_note(
                c,
                "At this width the needs cannot all be met ($\\alpha$ exceeds the naive value), so "
                "B.4's event is impossible; %lu samples still start in a basin with "
                "$\\mathrm{Bas}=\\alpha$, meeting the needs that an optimal network meets.",
                e.good);
        check_set_witness(c, "seed %llu, stream rng_stream_id(\"%s\"), samples 0..%lu; data thm2/data/%s",
                          (unsigned long long) opts->seed, cf->id, e.N - 1, ds_names[cf->ds]);
        c->seconds = e.seconds;
        checklist_push(L, c);
    }
    fmpq_clear(alpha);
    fmpq_clear(nv);
}

static void
check_closedform(checklist_t L, const engine_acc *A, const sizes *z)
{
    check_t c;
    start(c, "thm2.closedform");
    c->status = (A->bad == 0 && A->signs_bad == 0 && A->good_mismatch == 0 && A->samples > 0)
                    ? (A->und > 0 ? ST_UNDECIDED : ST_HOLDS)
                    : ST_FAILS;
    c->statement = bc_aprintf(
        "For singleton data the basin value has the closed form "
        "$\\mathrm{Bas}(W,\\mathbf v)=\\tfrac1m\\sum_k\\min_{\\beta\\in C_k}\\sum_{t\\in "
        "S_k}(|s_t|\\beta-y_t)^2$, "
        "$C_k$ the cone spanned by the output signs of the neurons active on side $k$ (Lemma~2.A). It "
        "equals the general certified engine's value, computed from the engine's own sign pattern, on "
        "every sample that runs the engine: %s.",
        z->engine_all ? "at this (quick) size every sample of every run of the module (grid, B.4 runs, "
                        "controls, and the built-in example of \\texttt{thm2.user})"
                      : "the samples of the B.4 runs (at quick size: every sample of the module)");
    check_field_add(c, "samples", "%lu", A->samples);
    check_field_add(c, "exactly equal", "%lu", A->eq);
    check_field_add(c, "engine interval containing the closed form", "%lu", A->und);
    check_field_add(c, "contradictions", "%lu", A->bad);
    check_field_add(c, "engine sign pattern differs", "%lu", A->signs_bad);
    check_field_add(c, "Bas <= alpha decided differently", "%lu", A->good_mismatch);
    check_field_add(c, "wall-clock per sample with the engine", "%.2e s (%lu samples)",
                    A->eng_seconds / (double) FLINT_MAX(A->eng_samples, 1), A->eng_samples);
    if (A->closed_samples > 0)
        check_field_add(c, "wall-clock per sample, closed form only", "%.2e s (%lu samples)",
                        A->closed_seconds / (double) A->closed_samples, A->closed_samples);
    check_set_witness(c, "the samples of the thm2 runs with the engine");
    c->seconds = A->eng_seconds;
    checklist_push(L, c);
}

/* ------------------------------------------------------- corollary */

static const slong cor_d[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
#define NCOR 10
#define COR_FIG 64 /* widths of the figure and table: 1..COR_FIG */

typedef struct
{
    double p[NCOR][COR_FIG]; /* P[Bas <= alpha_n], n = 1..COR_FIG */
    double single[NCOR];     /* the single neuron's probability */
    slong nstar[NCOR];       /* least n with P >= 1/2 */
    slong nbound[NCOR];      /* least n with 1 - 2d (3/4)^n >= 1/2 */
} cor_data;

static void
check_corollary(checklist_t L, cor_data *C)
{
    check_t c, u;
    slong i, n, bad_single = 0, bad_alpha = 0, bad_tr = 0;
    double t0 = bc_seconds();
    char *wit = NULL, *wit2 = NULL;
    fmpq_t eps, p, a1, an, two, half;
    fmpq_init(eps);
    fmpq_init(p);
    fmpq_init(a1);
    fmpq_init(an);
    fmpq_init(two);
    fmpq_init(half);
    eps_tenth(eps);
    fmpq_set_si(half, 1, 2);

    for (i = 0; i < NCOR; i++)
    {
        singleton_data_t D;
        slong d = cor_d[i];
        singleton_data_init(D);
        singleton_data_appc(D, eps, d);
        /* the single neuron: 2^-d exactly */
        singleton_prob_single(p, a1, D);
        fmpq_one(two);
        fmpq_div_2exp(two, two, (ulong) d);
        C->single[i] = fmpq_get_d(p);
        if (!fmpq_equal(p, two))
        {
            bad_single++;
            if (wit == NULL)
                wit = bc_aprintf("d=%ld: single-neuron probability is not 2^-d", (long) d);
        }
        C->nstar[i] = 0;
        C->nbound[i] = half_width(d);
        for (n = 1; n <= COR_NMAX && (n <= COR_FIG || C->nstar[i] == 0); n++)
        {
            if (n <= COR_FIG)
            {
                /* the paper: alpha cannot exceed the single neuron's optimum */
                singleton_alpha(an, NULL, D, n);
                if (fmpq_cmp(an, a1) > 0)
                {
                    bad_alpha++;
                    if (wit == NULL)
                        wit = bc_aprintf("d=%ld, n=%ld: alpha_n above the single neuron's optimum", (long) d,
                                         (long) n);
                }
            }
            singleton_prob_good(p, D, n);
            if (n <= COR_FIG)
                C->p[i][n - 1] = fmpq_get_d(p);
            if (C->nstar[i] == 0 && fmpq_cmp(p, half) >= 0)
                C->nstar[i] = n;
        }
        if (C->nstar[i] == 0 || C->nstar[i] > C->nbound[i])
        {
            bad_tr++;
            if (wit2 == NULL)
                wit2 = bc_aprintf("d=%ld: n*=%ld, bound's width %ld", (long) d, (long) C->nstar[i],
                                  (long) C->nbound[i]);
        }
        singleton_data_clear(D);
    }

    start(c, "thm2.cor.single");
    c->reconstructed = 1;
    c->status = (bad_single == 0 && bad_alpha == 0) ? ST_HOLDS : ST_FAILS;
    c->statement = bc_aprintf(
        "The corollary of Sec.~4.1 on Appendix~C's data (the reconstructed sample $\\{(1,1),(-1,q)\\}$, "
        "$q\\approx\\sqrt{2\\epsilon}$, $\\epsilon=1/10$, copied onto every coordinate; "
        "$d=1,2,4,\\dots,512$). "
        "A single neuron $\\mathbf x\\mapsto[\\langle\\mathbf w,\\mathbf x\\rangle]_+$ with $\\mathbf w$ "
        "drawn "
        "by Assumption~1 starts in a basin whose value is its global minimum with probability exactly "
        "$2^{-d}$ (Lemma~2.C restricted to one neuron with $v=+1$: each coordinate must put the neuron on "
        "$S_j^+$); and, as the paper notes, $\\alpha_n$ never exceeds the single neuron's optimum "
        "($n=1,\\dots,%d$).",
        COR_FIG);
    check_field_add(c, "dimensions", "%d", NCOR);
    check_field_add(c, "single-neuron probability not 2^-d", "%ld", (long) bad_single);
    check_field_add(c, "alpha_n above the single neuron's optimum", "%ld", (long) bad_alpha);
    check_set_witness(c, "%s", wit != NULL ? wit : "appc_data(1/10, d)");
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);

    start(u, "thm2.cor.transition");
    u->reconstructed = 1;
    u->status = bad_tr == 0 ? ST_HOLDS : ST_FAILS;
    u->statement = bc_aprintf(
        "The $n=\\Omega(\\log d)$ transition on Appendix~C's data ($\\epsilon=1/10$): for "
        "$d=1,2,4,\\dots,512$ the least width $n^*(d)$ with exact "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha_n]\\ge1/2$ is at most the least width at which Theorem~2's bound "
        "$1-2d(3/4)^n$ reaches $1/2$, $\\lceil\\log_{4/3}(4d)\\rceil$. Both grow like $\\log d$: "
        "$n^*(d)-2\\log_2d$ stays bounded, while the bound's width grows like $2.41\\log_2d$.");
    for (i = 0; i < NCOR; i++)
    {
        char *key = bc_aprintf("d=%ld", (long) cor_d[i]);
        check_field_add(u, key, "n*=%ld, bound's width %ld, 2 log2 d = %.1f", (long) C->nstar[i],
                        (long) C->nbound[i], 2.0 * log2((double) cor_d[i]));
        flint_free(key);
    }
    check_set_witness(u, "%s", wit2 != NULL ? wit2 : "appc_data(1/10, d), exact probabilities");
    u->seconds = 0.0;
    checklist_push(L, u);
    flint_free(wit);
    flint_free(wit2);
    fmpq_clear(eps);
    fmpq_clear(p);
    fmpq_clear(a1);
    fmpq_clear(an);
    fmpq_clear(two);
    fmpq_clear(half);
}

static void
push_cor_figures(checklist_t L, const cor_data *C)
{
    static const slong show[] = {0, 2, 4, 6, 8, 9}; /* d = 1, 4, 16, 64, 256, 512 */
    figure_t f, h;
    double x[COR_FIG], y[COR_FIG];
    slong i, n;

    figure_init(f, "thm2.cor.prob", CLAIM,
                "The corollary on Appendix~C's data ($\\epsilon=1/10$): the exact probability "
                "$\\Pr[\\mathrm{Bas}\\le\\alpha_n]$ that a width-$n$ network starts in a globally optimal "
                "basin, for several $d$, and (marks at $n=1$) the single neuron's $2^{-d}$.",
                "width $n$", "probability");
    f->logx = 1;
    for (n = 1; n <= COR_FIG; n++)
        x[n - 1] = (double) n;
    for (i = 0; i < 6; i++)
    {
        char *nm = bc_aprintf("$d=%ld$", (long) cor_d[show[i]]);
        figure_add_series(f, nm, x, C->p[show[i]], COR_FIG, 0);
        flint_free(nm);
    }
    for (i = 0; i < 6; i++)
    {
        x[i] = 1.0;
        y[i] = C->single[show[i]];
    }
    figure_add_series(f, "single neuron, $2^{-d}$", x, y, 6, 1);
    checklist_push_figure(L, f);

    figure_init(h, "thm2.cor.width", CLAIM,
                "The width at which the good basin becomes likely on Appendix~C's data: $n^*(d)$, the least "
                "$n$ with exact probability $\\ge1/2$, the width $\\lceil\\log_{4/3}(4d)\\rceil$ at which "
                "Theorem~2's bound reaches $1/2$, and $2\\log_2d$.",
                "dimension $d$", "width $n$");
    h->logx = 1;
    for (i = 0; i < NCOR; i++)
    {
        x[i] = (double) cor_d[i];
        y[i] = (double) C->nstar[i];
    }
    figure_add_series(h, "$n^*(d)$ (exact)", x, y, NCOR, 1);
    for (i = 0; i < NCOR; i++)
        y[i] = (double) C->nbound[i];
    figure_add_series(h, "bound reaches $1/2$", x, y, NCOR, 1);
    for (i = 0; i < NCOR; i++)
        y[i] = 2.0 * log2((double) cor_d[i]);
    figure_add_series(h, "$2\\log_2d$", x, y, NCOR, 0);
    checklist_push_figure(L, h);
}

static void
add_cor_table(checklist_t L, const cor_data *C)
{
    static const slong ns[] = {1, 2, 4, 8, 16, 32, 64};
    char *buf = bc_aprintf(
        "\\textbf{The corollary on Appendix~C's data} ($\\epsilon=1/10$, $m=2d$; exact probabilities of a "
        "globally optimal basin, rounded): a single neuron against a width-$n$ network; $n^*$ the least "
        "width with probability $\\ge1/2$, $n_b$ the least with $1-2d(3/4)^n\\ge1/2$.\n"
        "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrrrrrrrr}\\toprule $d$ & single & $n=1$ & "
        "$2$ & $4$ & $8$ & $16$ & $32$ & $64$ & $n^*$ & $n_b$ & $2\\log_2d$\\\\\\midrule\n");
    slong i, k;
    for (i = 0; i < NCOR; i++)
    {
        char *row = bc_aprintf("%ld & %.3g", (long) cor_d[i], C->single[i]), *nb;
        for (k = 0; k < 7; k++)
        {
            nb = bc_aprintf("%s & %.4g", row, C->p[i][ns[k] - 1]);
            flint_free(row);
            row = nb;
        }
        nb = bc_aprintf("%s%s & %ld & %ld & %.1f\\\\\n", buf, row, (long) C->nstar[i], (long) C->nbound[i],
                        2.0 * log2((double) cor_d[i]));
        flint_free(buf);
        flint_free(row);
        buf = nb;
    }
    checklist_add_instance(L, CLAIM, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
}

/* ------------------------------------------------------------ user */

/* the built-in example: docs/examples/basin-data.csv, singleton data */
static const char builtin_csv[] = "1,0,0,3\n0,2,0,-1\n0,0,0.5,0.25\n";

#define USER_MAX_WIDTH 4096
#define USER_MAX_ND ((slong) 1 << 20)

static int
check_user(checklist_t L, const sizes *z, const run_opts *opts, double tail, engine_acc *A)
{
    singleton_data_t D;
    char err[1024];
    slong n = opts->width > 0 ? opts->width : 4;
    tally e;
    check_t c;
    arb_t b, pb;
    fmpq_t alpha, bq, pq, peq;
    double plo, phi;
    truth_t r;
    char *tname;
    const char *name = opts->data != NULL ? opts->data : "built-in example (docs/examples/basin-data.csv)";

    singleton_data_init(D);
    if (opts->data != NULL && opts->width <= 0)
    {
        fprintf(stderr, "basincheck: thm2: --data needs --width N (the network's width, N >= 1)\n");
        singleton_data_clear(D);
        return 2;
    }
    if ((opts->data != NULL ? thm2_data_read(D, opts->data, err, sizeof err)
                            : thm2_data_read_mem(D, "built-in example", builtin_csv, sizeof builtin_csv - 1,
                                                 err, sizeof err)) != 0)
    {
        module_input_error(err);
        singleton_data_clear(D);
        return 2;
    }
    if (n > USER_MAX_WIDTH || n * D->d > USER_MAX_ND)
    {
        fprintf(
            stderr,
            "basincheck: thm2: --width %ld is too large (at most %d, and width times d = %ld at most %ld)\n",
            (long) n, USER_MAX_WIDTH, (long) D->d, (long) USER_MAX_ND);
        singleton_data_clear(D);
        return 2;
    }

    fmpq_init(alpha);
    fmpq_init(bq);
    fmpq_init(pq);
    fmpq_init(peq);
    arb_init(b);
    arb_init(pb);
    singleton_alpha(alpha, NULL, D, n);
    bound34(bq, D, n);
    arb_set_fmpq(b, bq, PREC);
    singleton_prob_good(pq, D, n);
    singleton_prob_event(peq, D, n);
    arb_set_fmpq(pb, pq, PREC);
    /* the engine beside the closed form on the built-in example only: its
       cost on the user's data has no bound */
    mc_cell_run(&e, D, n, SAMPLER_GAUSS, alpha, z->engine_all && opts->data == NULL, 0, z->user, opts,
                "thm2.user");
    acc_add(A, &e);
    r = binom_test_two_sided(e.N, e.good, pb, tail, &plo, &phi);

    start(c, "thm2.user");
    tname = escape_tex(name); /* a file name in LaTeX text */
    {
        char *btex = bc_aprintf("1-%ld(3/4)^{%ld}", (long) (2 * D->d), (long) n);
        check_set_mc(c, e.N, e.good, e.und, 0, b, btex);
        flint_free(btex);
    }
    c->statement = bc_aprintf(
        "$\\Pr[\\mathrm{Bas}(W,\\mathbf v)\\le\\alpha]\\ge1-2d(3/4)^n$ on %s data: \\texttt{%s}, $m=%ld$ "
        "points in $d=%ld$ (singleton data, checked exactly; %ld of the $2d$ sides with a need), width "
        "$n=%ld$, law \\texttt{gauss}; every sample decided exactly (exact signs, the closed form of "
        "Lemma~2.A), beside the exact probability of Lemma~2.C.",
        opts->data != NULL ? "the user's" : "example", tname, (long) D->m, (long) D->d, (long) D->needy,
        (long) n);
    flint_free(tname);
    {
        char *sa = q_show(alpha), *sb = q_show(bq), *sp = q_show(pq), *se = q_show(peq),
             *ci = binom_cp_str(e.N, e.good, tail, 6);
        check_field_add(c, "alpha", "%s", sa);
        check_field_add(c, "bound", "%s", sb);
        check_field_add(c, "exact_probability", "%s", sp);
        check_field_add(c, "exact_probability_b4_event", "%s", se);
        check_field_add(c, "samples", "%lu", e.N);
        check_field_add(c, "successes", "%lu", e.good);
        check_field_add(c, "ci", "%s", ci);
        flint_free(sa);
        flint_free(sb);
        flint_free(sp);
        flint_free(se);
        flint_free(ci);
    }
    check_field_add(c, "exact_test", "%s (two-sided exact binomial test, tails %.3g and %.3g, level %.3g)",
                    r == BC_TRUE ? "agrees" : (r == BC_FALSE ? "DISAGREES" : "undecided"), plo, phi, tail);
    check_field_add(c, "b4_event", "%lu", e.event);
    check_field_add(c, "width", "%ld", (long) n);
    check_field_add(c, "m", "%ld", (long) D->m);
    check_field_add(c, "d", "%ld", (long) D->d);
    check_field_add(c, "needy_sides", "%ld", (long) D->needy);
    if (r == BC_FALSE)
        check_add_note(c, "The Monte Carlo count disagrees with the exact probability: a harness bug.");
    check_set_witness(c, "seed %llu, stream rng_stream_id(\"thm2.user\"), samples 0..%lu, data %s",
                      (unsigned long long) opts->seed, e.N - 1, name);
    c->seconds = e.seconds;
    checklist_push(L, c);

    fmpq_clear(alpha);
    fmpq_clear(bq);
    fmpq_clear(pq);
    fmpq_clear(peq);
    arb_clear(b);
    arb_clear(pb);
    singleton_data_clear(D);
    return 0;
}

/* -------------------------------------------------------- controls */

static void
check_skewed(checklist_t L, const data_sets *S, const sizes *z, const run_opts *opts, double tail,
             engine_acc *A)
{
    const singleton_data_struct *D = S->D[DS_APPC1];
    slong n = 2;
    tally e;
    check_t c;
    fmpq_t alpha, p;
    arb_t pb;
    double plo, phi;
    truth_t r;

    fmpq_init(alpha);
    fmpq_init(p);
    arb_init(pb);
    singleton_alpha(alpha, NULL, D, n);
    singleton_prob_good(p, D, n);
    arb_set_fmpq(pb, p, PREC);
    mc_cell_run(&e, D, n, SAMPLER_SKEWED, alpha, z->engine_all, 0, z->control, opts, "thm2.control.skewed");
    acc_add(A, &e);
    r = binom_test_two_sided(e.N, e.good, pb, tail, &plo, &phi);
    start(c, "thm2.control.skewed");
    c->status = r == BC_FALSE ? ST_FAILS : (r == BC_TRUE ? ST_HOLDS : ST_UNDECIDED);
    c->statement = bc_aprintf(
        "Negative control: the exact two-sided binomial test of the count of $\\mathrm{Bas}\\le\\alpha$ "
        "against the exact probability under Assumption~1 on \\texttt{appc1}, $n=%ld$, with the weights "
        "drawn from the law \\texttt{skewed} ($N(s/2,s^2)$ coordinates), which violates Assumption~1 (the "
        "signs are no longer fair coins). It must reject.",
        (long) n);
    {
        char *sp = fmpq_get_str(NULL, 10, p);
        check_field_add(c, "exact probability (Assumption 1)", "%s", sp);
        flint_free(sp);
    }
    check_field_add(c, "estimate", "%lu of %lu = %.4f", e.good, e.N, (double) e.good / (double) e.N);
    check_field_add(c, "tails", "%.3g, %.3g (level %.3g)", plo, phi, tail);
    check_set_witness(c, "seed %llu, stream rng_stream_id(\"thm2.control.skewed\"), samples 0..%lu",
                      (unsigned long long) opts->seed, e.N - 1);
    c->seconds = e.seconds;
    checklist_push(L, c);
    fmpq_clear(alpha);
    fmpq_clear(p);
    arb_clear(pb);
}

static void
check_tight(checklist_t L, const data_sets *S, const sizes *z, const run_opts *opts, engine_acc *A)
{
    const singleton_data_struct *D = S->D[DS_APPC1];
    slong n = 8, k, m, fails = 0;
    tally e;
    check_t c, x;
    arb_t b;
    fmpq_t alpha, tb, c23, p;
    char *wit = NULL;

    fmpq_init(alpha);
    fmpq_init(tb);
    fmpq_init(c23);
    fmpq_init(p);
    arb_init(b);
    fmpq_set_si(c23, 2, 3);
    singleton_alpha(alpha, NULL, D, n);
    mc_cell_run(&e, D, n, SAMPLER_GAUSS, alpha, z->engine_all, 0, z->control, opts, "thm2.control.tight");
    acc_add(A, &e);
    thm2_bound(tb, 2 * D->d, n, c23);
    arb_set_fmpq(b, tb, PREC);
    singleton_prob_good(p, D, n);
    start(c, "thm2.control.tight");
    c->statement = bc_aprintf(
        "Negative control: $\\Pr[\\mathrm{Bas}\\le\\alpha]\\ge1-2d(2/3)^n$ claimed on \\texttt{appc1} "
        "($d=1$, both sides need $v>0$), $n=%ld$: the per-neuron constant $3/4$ lowered to $2/3$. The exact "
        "probability is %.6f; it must be reported violated.",
        (long) n, fmpq_get_d(p));
    check_set_mc(c, e.N, e.good, e.und, 0, b, "1-2(2/3)^{8}");
    check_set_witness(c, "seed %llu, stream rng_stream_id(\"thm2.control.tight\"), samples 0..%lu",
                      (unsigned long long) opts->seed, e.N - 1);
    c->seconds = e.seconds;
    checklist_push(L, c);

    start(x, "thm2.control.tight.exact");
    for (k = 0; k < NDS; k++)
        for (m = 1; m <= MAXN; m++)
        {
            thm2_bound(tb, 2 * S->D[k]->d, m, c23);
            singleton_prob_good(p, S->D[k], m);
            if (fmpq_cmp(p, tb) < 0)
            {
                fails++;
                if (wit == NULL)
                {
                    char *s1 = q_show(p), *s2 = q_show(tb);
                    wit = bc_aprintf("%s, n=%ld: exact %s < %s = 1 - 2d (2/3)^n", ds_names[k], (long) m, s1,
                                     s2);
                    flint_free(s1);
                    flint_free(s2);
                }
            }
        }
    x->status = fails > 0 ? ST_FAILS : ST_HOLDS;
    x->statement =
        bc_aprintf("Negative control: $\\Pr[\\mathrm{Bas}\\le\\alpha]\\ge1-2d(2/3)^n$ claimed on each of the "
                   "%d data sets "
                   "for $n=1,\\dots,%d$, decided against the exact probabilities of Lemma~2.C. It must fail.",
                   NDS, MAXN);
    check_field_add(x, "cells refuting", "%ld of %d", (long) fails, NDS * MAXN);
    check_set_witness(x, "%s", wit != NULL ? wit : "none");
    flint_free(wit);
    checklist_push(L, x);
    fmpq_clear(alpha);
    fmpq_clear(tb);
    fmpq_clear(c23);
    fmpq_clear(p);
    arb_clear(b);
}

static void
check_nonsingleton(checklist_t L, const data_sets *S)
{
    const singleton_data_struct *R = S->D[DS_RAND3];
    singleton_data_t D;
    fmpq_mat_t X;
    fmpq *y = _fmpq_vec_init(R->m + 1);
    slong t, j, m = R->m;
    check_t c;
    int ok;

    /* rand3 with one more point, (1, 1/2, 0) -> 1, in the middle */
    fmpq_mat_init(X, m + 1, R->d);
    for (t = 0; t < m + 1; t++)
    {
        slong src = t < m / 2 ? t : t - 1;
        if (t == m / 2)
            continue;
        for (j = 0; j < R->d; j++)
            fmpq_set(fmpq_mat_entry(X, t, j), fmpq_mat_entry(R->X, src, j));
        fmpq_set(y + t, R->y + src);
    }
    fmpq_set_si(fmpq_mat_entry(X, m / 2, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(X, m / 2, 1), 1, 2);
    fmpq_one(y + m / 2);
    singleton_data_init(D);
    ok = singleton_data_set(D, X, y);
    start(c, "thm2.control.nonsingleton");
    /* inapplicable only when the inserted point is the one found */
    c->status = ok ? ST_HOLDS : (D->bad_t == m / 2 ? ST_INAPPLICABLE : ST_FAILS);
    c->statement = bc_aprintf(
        "Negative control (hypothesis violated): the data \\texttt{rand3} with the point $(1,\\tfrac12,0)$, "
        "target $1$, inserted as point %ld. Theorem~2 needs singleton data; the module's exact hypothesis "
        "check must find the point and report the instance inapplicable.",
        (long) (m / 2 + 1));
    check_field_add(c, "first point that is not a singleton", "%ld", (long) (D->bad_t + 1));
    if (!ok)
        check_set_witness(c, "point %ld has 2 non-zero coordinates (x_1, x_2)", (long) (D->bad_t + 1));
    checklist_push(L, c);
    singleton_data_clear(D);
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, m + 1);
}

/* ---------------------------------------------- figures and tables */

static void
push_grid_figures(checklist_t L, cell cells[NGRID_DS][NCELL_W], const data_sets *S, const exact_grid *E)
{
    static const ds_id loose[] = {DS_ONE, DS_APPC1, DS_APPC16, DS_MIXED, DS_RAND8, DS_RAND16};
    const singleton_data_struct *D = S->D[DS_MIXED];
    figure_t f, h;
    double x[MAXN], y[MAXN];
    slong n, k, w, g = 3; /* mixed in the grid */
    fmpq_t b;
    fmpq_init(b);

    figure_init(f, "thm2.prob.mixed", CLAIM,
                "Theorem~2 on the data \\texttt{mixed} ($d=5$, every kind of side): the bound "
                "$1-2d(3/4)^n$ where it is positive, the exact probabilities of B.4's event and of "
                "$\\mathrm{Bas}\\le\\alpha$, and the Monte Carlo estimates of the latter.",
                "width $n$", "probability");
    f->logx = 1;
    for (n = 1, k = 0; n <= MAXN; n++)
    {
        bound34(b, D, n);
        if (fmpq_sgn(b) > 0)
        {
            x[k] = (double) n;
            y[k++] = fmpq_get_d(b);
        }
    }
    figure_add_series(f, "bound $1-2d(3/4)^n$", x, y, k, 0);
    for (n = 1; n <= MAXN; n++)
    {
        x[n - 1] = (double) n;
        y[n - 1] = fmpq_get_d(E->pe[DS_MIXED] + n - 1);
    }
    figure_add_series(f, "exact, B.4's event", x, y, MAXN, 0);
    for (n = 1; n <= MAXN; n++)
        y[n - 1] = fmpq_get_d(E->pg[DS_MIXED] + n - 1);
    figure_add_series(f, "exact $\\Pr[\\mathrm{Bas}\\le\\alpha]$", x, y, MAXN, 0);
    for (w = 0; w < NCELL_W; w++)
    {
        x[w] = (double) cells[g][w].n;
        y[w] = (double) cells[g][w].t.good / (double) FLINT_MAX(cells[g][w].t.N, 1);
    }
    figure_add_series(f, "estimate", x, y, NCELL_W, 1);
    checklist_push_figure(L, f);

    figure_init(
        h, "thm2.looseness", CLAIM,
        "Looseness of the union bound: the exact failure probability $1-\\Pr[\\mathrm{Bas}\\le\\alpha]$ "
        "divided by $2d(3/4)^n$. It tends to $N/(2d)$, $N$ the number of sides with a need: the bound "
        "is asymptotically attained exactly when every side has a need.",
        "width $n$", "$(1-\\Pr)/(2d(3/4)^n)$");
    h->logx = 1;
    for (k = 0; k < 6; k++)
    {
        const singleton_data_struct *Dk = S->D[loose[k]];
        char *nm = bc_aprintf("\\texttt{%s} ($N/2d=%ld/%ld$)", ds_names[loose[k]], (long) Dk->needy,
                              (long) (2 * Dk->d));
        for (n = 1; n <= MAXN; n++)
        {
            x[n - 1] = (double) n;
            y[n - 1] =
                (1.0 - fmpq_get_d(E->pg[loose[k]] + n - 1)) / ((double) (2 * Dk->d) * pow(0.75, (double) n));
        }
        figure_add_series(h, nm, x, y, MAXN, 0);
        flint_free(nm);
    }
    checklist_push_figure(L, h);
    fmpq_clear(b);
}

static void
add_grid_table(checklist_t L, cell cells[NGRID_DS][NCELL_W], const data_sets *S, double tail)
{
    char *buf = bc_aprintf(
        "\\textbf{Bound, exact and estimate on the Monte Carlo grid} (interval: Clopper-Pearson at "
        "per-side level %.2g; ratio $=(1-\\text{exact})/(2d(3/4)^n)$).\n\\begin{center}\\footnotesize"
        "\\begin{tabular}{lrrrrrrr}\\toprule data & $d$ & $n$ & bound & exact B.4 & exact "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha]$ & estimate [interval] & ratio\\\\\\midrule\n",
        tail);
    slong g, w;
    fmpq_t b, pg, pe;
    fmpq_init(b);
    fmpq_init(pg);
    fmpq_init(pe);
    for (g = 0; g < NGRID_DS; g++)
        for (w = 0; w < NCELL_W; w++)
        {
            const singleton_data_struct *D = S->D[grid_ds[g]];
            const cell *e = &cells[g][w];
            arf_t lo, hi;
            char *row, *nb;
            arf_init(lo);
            arf_init(hi);
            bound34(b, D, e->n);
            singleton_prob_good(pg, D, e->n);
            singleton_prob_event(pe, D, e->n);
            binom_cp_interval(lo, hi, e->t.N, e->t.good, tail);
            row = bc_aprintf("\\texttt{%s} & %ld & %ld & %.6f & %.6f & %.6f & %.4f [%.4f, %.4f] & %.3f\\\\\n",
                             ds_names[grid_ds[g]], (long) D->d, (long) e->n, fmpq_get_d(b), fmpq_get_d(pe),
                             fmpq_get_d(pg), (double) e->t.good / (double) FLINT_MAX(e->t.N, 1),
                             arf_get_d(lo, ARF_RND_FLOOR), arf_get_d(hi, ARF_RND_CEIL),
                             (1.0 - fmpq_get_d(pg)) / (1.0 - fmpq_get_d(b)));
            nb = bc_aprintf("%s%s", buf, row);
            flint_free(buf);
            flint_free(row);
            buf = nb;
            arf_clear(lo);
            arf_clear(hi);
        }
    checklist_add_instance(L, CLAIM, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
    fmpq_clear(b);
    fmpq_clear(pg);
    fmpq_clear(pe);
}

/* ------------------------------------------------------------- run */

static int
thm2_run(checklist_t L, const run_opts *opts)
{
    sizes z;
    data_sets *S;
    exact_grid *E;
    cell(*cells)[NCELL_W];
    cor_data *C;
    engine_acc A;
    double tail = (opts->tail > 0.0 && opts->tail < 0.5) ? opts->tail : 0.0005, t0;
    int rc;

    if (opts->samples < -1 || opts->size < SIZE_QUICK || opts->size > SIZE_FULL || opts->width < 0)
    {
        fprintf(stderr, "basincheck: thm2: invalid options\n");
        return 2;
    }
    sizes_set(&z, opts);
    memset(&A, 0, sizeof A);

    /* the user's instance first: bad input stops before any work */
    rc = check_user(L, &z, opts, tail, &A);
    if (rc != 0)
        return rc;

    S = flint_malloc(sizeof(data_sets));
    data_sets_init(S, opts->seed);
    check_singleton(L, S);
    check_alpha(L, S);
    check_enum(L, S);
    check_b4(L, S, &z, opts, &A);

    t0 = bc_seconds();
    E = flint_malloc(sizeof(exact_grid));
    exact_grid_init(E, S);
    check_grid_exact(L, S, E, bc_seconds() - t0);

    cells = flint_malloc(sizeof(cell) * NGRID_DS * NCELL_W);
    run_grid(cells, S, &z, opts, &A);
    check_agree(L, cells, S, tail);
    check_mc_rows(L, cells, S, opts);

    C = flint_malloc(sizeof(cor_data));
    check_corollary(L, C);

    check_skewed(L, S, &z, opts, tail, &A);
    check_tight(L, S, &z, opts, &A);
    check_nonsingleton(L, S);
    check_naive(L, S);
    check_closedform(L, &A, &z);

    push_cor_figures(L, C);
    push_grid_figures(L, cells, S, E);
    add_cor_table(L, C);
    add_grid_table(L, cells, S, tail);
    checklist_add_instance(
        L, CLAIM,
        "\\textbf{Instances.} Appendix~C's data for $\\epsilon=1/10$ (\\texttt{appc<d>}, $m=2d$, both sides "
        "of "
        "every coordinate need $v>0$), $d=1,2,\\dots,64$ and for the corollary up to $512$; chosen sides "
        "\\texttt{one} ($d=1$, one point on $S_1^+$), \\texttt{mixed} ($d=5$, $m=16$: needs $(+,-)$, "
        "$(+,+)$, "
        "$(-,-)$, a side whose targets cancel, empty sides) and \\texttt{small} ($d=2$, needs $(+,+)$ and "
        "$(-,-)$), with $|s_t|\\in\\{\\tfrac12,\\tfrac34,\\dots,2\\}$ and dyadic targets; random singleton "
        "data \\texttt{rand2} ($m=5$), \\texttt{rand3} ($m=12$), \\texttt{rand8} ($m=32$), \\texttt{rand16} "
        "($m=64$), uniform coordinate and sign, $|s_t|=(1+u)2^e$, $N(0,1)$ targets; all drawn from rng "
        "streams \\texttt{thm2/data/<name>} under the run seed. Monte Carlo grid: %lu samples per cell%s; "
        "B.4 runs: %lu samples each; controls: %lu samples.",
        (unsigned long) z.grid, z.engine_all ? " (with the certified engine on every sample)" : "",
        (unsigned long) z.b4, (unsigned long) z.control);

    flint_free(C);
    flint_free(cells);
    exact_grid_clear(E);
    flint_free(E);
    data_sets_clear(S);
    flint_free(S);
    return 0;
}

const module_struct module_thm2 = {
    "thm2",   CLAIM,        "Theorem 2: singleton data", 0, thm2_specs, THM2_NSPECS, fragment_thm2,
    thm2_run, "data width",
};

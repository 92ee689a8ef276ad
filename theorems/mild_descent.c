/* mild_descent.c -- (F) spurious minima for n = k (mild.tex): seeded
   descents from the authors' initialisation (reconstructed from their
   published code: Xavier start N(0, 1/k), fixed step 5/k, gradient norm
   1e-12; ours switches to Newton steps below 1e-6), every end point
   certified by the core (crit_certify: a strict local minimum, global or
   spurious, a saddle, not critical, or undecided), the spurious rate per k
   tested against the authors' reported counts in the run's family, and
   the spurious minima grouped into families by their value. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "binom.h"
#include "mild.h"
#include "rng.h"
#include "sampler.h"

/* the authors' reported counts (reference: THEOREMS.md "003", (F)): seed
   003 (500 runs each) and Safran and Shamir 2018 (1000 runs each) */
typedef struct
{
    slong k;
    ulong runs, spurious; /* seed 003 (0 runs: not reported) */
    ulong runs18, spurious18;
} authors_count;

static const authors_count authors[] = {
    {7, 500, 27, 1000, 55}, {8, 0, 0, 1000, 126}, {10, 500, 160, 0, 0}, {20, 500, 471, 1000, 949}};
#define NAUTHORS ((slong) (sizeof(authors) / sizeof(authors[0])))

/* the claimed lower bound of the rate at k is the lower Clopper-Pearson
   limit of the authors' seed-003 count at one-sided level 0.999 */
#define AUTHORS_TAIL 0.001
/* end points in one family: values within this (double) */
#define FAMILY_TOL 1e-8
/* the witness of existence is asked at every k of the grid from here on
   (rates above 0.3 there: 30 runs all missing has probability < 1e-4) */
#define EXIST_KMIN 10

typedef struct
{
    int converged;
    crit_kind kind;
    truth_t global;
    double F;    /* midpoint of the enclosure */
    double lmin; /* lower bound of the least eigenvalue */
    double *W;   /* the certified box centre (k * k), spurious minima only */
    double seconds;
} end_point;

typedef struct
{
    slong k;
    const double *Vd;
    pop_descent_opts o;
    int near;       /* the mutant's start next to the teacher */
    end_point *out; /* one per sample (distinct slots: thread-safe) */
} descent_ctx;

static void
descent_sample(mc_outcome *res, const void *vctx, rng_t rng, ulong index)
{
    const descent_ctx *X = vctx;
    slong k = X->k, N = k * k, i;
    end_point *e = X->out + index;
    double *W = flint_malloc(sizeof(double) * N);
    pop_descent_info info;
    arb_mat_t W0, V;
    crit_result_t C;
    crit_opts co;
    double t0 = bc_seconds();

    for (i = 0; i < k; i++)
        sampler_draw(W + i * k, k, SAMPLER_GAUSS, X->near ? ldexp(1.0, -10) : X->o.init_std, rng);
    if (X->near)
        for (i = 0; i < N; i++)
            W[i] += X->Vd[i];
    pop_descent_run(&info, W, k, X->Vd, k, k, &X->o);
    e->converged = info.converged;
    arb_mat_init(W0, k, k);
    arb_mat_init(V, k, k);
    mild_teacher(V, k);
    for (i = 0; i < N; i++)
        arb_set_d(arb_mat_entry(W0, i / k, i % k), W[i]);
    crit_opts_default(&co);
    crit_result_init(C);
    crit_certify(C, W0, V, &co);
    e->kind = C->kind;
    e->global = C->global;
    e->F = arf_get_d(arb_midref(C->F), ARF_RND_NEAR);
    e->lmin = NAN;
    if (arb_is_finite(C->lmin))
    {
        arf_t lo;
        arf_init(lo);
        arb_get_lbound_arf(lo, C->lmin, 53);
        e->lmin = arf_get_d(lo, ARF_RND_DOWN);
        arf_clear(lo);
    }
    e->W = NULL;
    res->nevents = 1;
    res->escalations = 0;
    if (C->kind == CRIT_MINIMUM && C->global == BC_FALSE)
    {
        res->event[0] = BC_TRUE;
        e->W = flint_malloc(sizeof(double) * N);
        memcpy(e->W, C->W, sizeof(double) * N);
    }
    else if ((C->kind == CRIT_MINIMUM && C->global == BC_TRUE) || C->kind == CRIT_SADDLE)
        res->event[0] = BC_FALSE;
    else
        res->event[0] = BC_UNDECIDED;
    crit_result_clear(C);
    arb_mat_clear(W0);
    arb_mat_clear(V);
    flint_free(W);
    e->seconds = bc_seconds() - t0;
    (void) index;
}

/* the results at one k */
typedef struct
{
    slong k;
    ulong runs;
    ulong spurious, undecided; /* the tally of the event */
    slong global, saddle, notcrit, undec, unconverged;
    slong families;
    double seconds;
    char stream[32];
} k_result;

static int
cmp_double(const void *a, const void *b)
{
    double x = **(const double *const *) a, y = **(const double *const *) b;
    return (x > y) - (x < y);
}

static int
cmp_plain(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* 1 when the sorted entries of A and B (N each) agree to 1e-6 */
static int
same_entries(const double *A, const double *B, slong N)
{
    double *a = flint_malloc(sizeof(double) * N), *b = flint_malloc(sizeof(double) * N);
    slong i;
    int ok = 1;
    memcpy(a, A, sizeof(double) * N);
    memcpy(b, B, sizeof(double) * N);
    qsort(a, N, sizeof(double), cmp_plain);
    qsort(b, N, sizeof(double), cmp_plain);
    for (i = 0; i < N; i++)
        if (fabs(a[i] - b[i]) > 1e-6)
            ok = 0;
    flint_free(a);
    flint_free(b);
    return ok;
}

/* groups the spurious end points of one k into families of L */
static slong
group_families(mild_families *L, const end_point *E, ulong runs, slong k)
{
    const double **p = flint_malloc(sizeof(double *) * (runs + 1));
    slong n = 0, i, nf = 0;
    for (i = 0; i < (slong) runs; i++)
        if (E[i].W != NULL)
            p[n++] = &E[i].F;
    qsort(p, n, sizeof(double *), cmp_double);
    for (i = 0; i < n; i++)
    {
        const end_point *e = (const end_point *) ((const char *) p[i] - offsetof(end_point, F));
        mild_family *f;
        slong a;
        if (i > 0 && fabs(*p[i] - *p[i - 1]) <= FAMILY_TOL)
        {
            mild_family *g = L->fam + L->nfam - 1;
            g->count++;
            g->same += same_entries(g->W, e->W, k * k);
            continue;
        }
        if (L->nfam == L->alloc)
        {
            L->alloc = 2 * L->alloc + 8;
            L->fam = flint_realloc(L->fam, sizeof(mild_family) * L->alloc);
        }
        f = L->fam + L->nfam++;
        nf++;
        f->k = k;
        f->count = 1;
        f->same = 1;
        f->F = e->F;
        f->lmin = e->lmin;
        f->W = flint_malloc(sizeof(double) * k * k);
        memcpy(f->W, e->W, sizeof(double) * k * k);
        f->normsum = 0;
        for (a = 0; a < k; a++)
        {
            slong b;
            double s = 0;
            for (b = 0; b < k; b++)
                s += e->W[a * k + b] * e->W[a * k + b];
            f->normsum += sqrt(s);
        }
    }
    flint_free(p);
    return nf;
}

static void
run_k(run_t R, k_result *res, mild_families *L, slong k, ulong runs)
{
    descent_ctx X;
    mc_tally_t T;
    double *Vd = flint_calloc(k * k, sizeof(double));
    ulong i;
    slong j;

    for (j = 0; j < k; j++)
        Vd[j * k + j] = 1.0;
    X.k = k;
    X.Vd = Vd;
    pop_descent_opts_default(&X.o, k, k);
    X.o.newton_after = 1;
    X.o.newton_tol = 1e-6;
    X.near = mild_start_near_teacher(R);
    X.out = flint_calloc(runs + 1, sizeof(end_point));
    snprintf(res->stream, sizeof res->stream, "mild.F.k%ld", (long) k);
    run_mc_all(R, T, descent_sample, &X, runs, res->stream);
    memset(res, 0, offsetof(k_result, stream));
    res->k = k;
    res->runs = runs;
    res->spurious = T->hits[0];
    res->undecided = T->undecided[0];
    for (i = 0; i < runs; i++)
    {
        const end_point *e = X.out + i;
        res->seconds += e->seconds;
        res->unconverged += !e->converged;
        if (e->kind == CRIT_MINIMUM && e->global == BC_TRUE)
            res->global++;
        else if (e->kind == CRIT_SADDLE)
            res->saddle++;
        else if (e->kind == CRIT_NOT_CRITICAL)
            res->notcrit++;
        else if (e->kind == CRIT_UNDECIDED)
            res->undec++;
    }
    res->families = group_families(L, X.out, runs, k);
    for (i = 0; i < runs; i++)
        flint_free(X.out[i].W);
    flint_free(X.out);
    flint_free(Vd);
}

static const authors_count *
authors_at(slong k)
{
    slong i;
    for (i = 0; i < NAUTHORS; i++)
        if (authors[i].k == k)
            return authors + i;
    return NULL;
}

/* the claimed bound at k: the lower limit of the authors' count */
static void
authors_bound(arb_t b, const authors_count *a)
{
    arf_t lo, hi;
    arf_init(lo);
    arf_init(hi);
    binom_cp_interval(lo, hi, a->runs, a->spurious, AUTHORS_TAIL);
    arb_set_arf(b, lo);
    arf_clear(lo);
    arf_clear(hi);
}

static void
rate_check(run_t R, check_t c, const k_result *res, slong nk)
{
    slong i, tests = 0;
    arb_t b;
    arb_init(b);
    for (i = 0; i < nk; i++)
    {
        const authors_count *a = authors_at(res[i].k);
        char key[48], lab[32], *tex;
        snprintf(key, sizeof key, "k = %ld", (long) res[i].k);
        check_field_add(c, key,
                        "%lu runs: %lu spurious, %ld global, %ld saddle, %ld not critical, %ld undecided "
                        "(%ld not converged), %ld families",
                        (unsigned long) res[i].runs, (unsigned long) res[i].spurious, (long) res[i].global,
                        (long) res[i].saddle, (long) res[i].notcrit, (long) res[i].undec,
                        (long) res[i].unconverged, (long) res[i].families);
        if (a == NULL)
            continue;
        snprintf(key, sizeof key, "reference: authors at k = %ld", (long) a->k);
        if (a->runs > 0 && a->runs18 > 0)
            check_field_add(c, key, "seed 003: %lu/%lu; 2018: %lu/%lu", (unsigned long) a->spurious,
                            (unsigned long) a->runs, (unsigned long) a->spurious18,
                            (unsigned long) a->runs18);
        else if (a->runs > 0)
            check_field_add(c, key, "seed 003: %lu/%lu", (unsigned long) a->spurious,
                            (unsigned long) a->runs);
        else
            check_field_add(c, key, "2018: %lu/%lu (not tested: the 2018 setting differs)",
                            (unsigned long) a->spurious18, (unsigned long) a->runs18);
        if (a->runs == 0)
            continue;
        authors_bound(b, a);
        snprintf(lab, sizeof lab, "k = %ld", (long) a->k);
        tex = bc_aprintf("\\text{lower 99.9\\%% limit of the authors' } %lu/%lu", (unsigned long) a->spurious,
                         (unsigned long) a->runs);
        check_add_test(c, TEST_BOUND, lab, res[i].runs, res[i].spurious, res[i].undecided, 0, b, tex);
        flint_free(tex);
        tests++;
    }
    check_set_stream_witness(c, R->opts->seed, "mild.F.k<k>",
                             "descents ending at a certified spurious strict local minimum");
    if (tests == 0)
        check_decide(c, BC_UNDECIDED);
    run_push(R, c);
    arb_clear(b);
}

static void
exist_check(run_t R, check_t c, const k_result *res, slong nk)
{
    slong i, bad = 0, und = 0, asked = 0;
    for (i = 0; i < nk; i++)
    {
        char key[32];
        if (res[i].k < EXIST_KMIN)
            continue;
        asked++;
        snprintf(key, sizeof key, "k = %ld", (long) res[i].k);
        check_field_add(c, key, "%lu certified spurious minima of %lu runs", (unsigned long) res[i].spurious,
                        (unsigned long) res[i].runs);
        if (res[i].spurious == 0)
        {
            if (res[i].undecided > 0)
                und++;
            else
            {
                if (bad == 0)
                    check_set_witness(c,
                                      "k = %ld: none of %lu descents (seed %llu, stream %s) ends at a "
                                      "spurious minimum; every end point certified",
                                      (long) res[i].k, (unsigned long) res[i].runs,
                                      (unsigned long long) R->opts->seed, res[i].stream);
                bad++;
            }
        }
    }
    if (bad == 0)
        check_set_stream_witness(c, R->opts->seed, "mild.F.k<k>", "certified spurious minima");
    check_count(c, bad, asked == 0 ? 1 : und);
    run_push(R, c);
}

/* the table of the families of L */
static void
family_instance(run_t R, const mild_families *L)
{
    char *tab = bc_aprintf("%s", "");
    slong i;
    if (L->nfam == 0)
    {
        flint_free(tab);
        return;
    }
    for (i = 0; i < L->nfam; i++)
    {
        const mild_family *f = L->fam + i;
        char *row = bc_aprintf("%ld & %.10f & %ld & %ld & %.6g & %.6f\\\\\n", (long) f->k, f->F,
                               (long) f->count, (long) f->same, f->lmin, f->normsum);
        char *nb = bc_aprintf("%s%s", tab, row);
        flint_free(tab);
        flint_free(row);
        tab = nb;
    }
    run_add_instance(
        R,
        "\\textbf{(F) The families of certified spurious minima} (grouped by the value $F$ to "
        "$10^{-8}$; ``same entries'': members whose sorted entries agree with the first member's to "
        "$10^{-6}$, as permutations of the neurons and of the coordinates, the symmetries of $F$ for "
        "$V=I_k$, require; $\\lambda_{\\min}$: the certified lower bound of the least Hessian "
        "eigenvalue of the first member; $\\sum_i|\\mathbf w_i|$ against the teacher's $k$).\n"
        "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrr}\\toprule $k$ & $F$ & runs & same "
        "entries & $\\lambda_{\\min}\\ge$ & $\\sum_i|\\mathbf w_i|$\\\\\\midrule\n"
        "%s\\bottomrule\\end{tabular}\\end{center}",
        tab);
    flint_free(tab);
}

static void
descent_instance(run_t R, const k_result *res, slong nk)
{
    char *tab = bc_aprintf("%s", "");
    slong i;
    for (i = 0; i < nk; i++)
    {
        const authors_count *a = authors_at(res[i].k);
        char *ref =
            a == NULL
                ? bc_aprintf("%s", "")
                : (a->runs > 0 ? bc_aprintf("%lu/%lu", (unsigned long) a->spurious, (unsigned long) a->runs)
                               : bc_aprintf("(2018: %lu/%lu)", (unsigned long) a->spurious18,
                                            (unsigned long) a->runs18));
        char *row =
            bc_aprintf("%ld & %lu & %lu & %ld & %ld & %ld & %s & %.2f\\\\\n", (long) res[i].k,
                       (unsigned long) res[i].runs, (unsigned long) res[i].spurious, (long) res[i].global,
                       (long) (res[i].saddle + res[i].notcrit + res[i].undec), (long) res[i].families, ref,
                       res[i].seconds / (double) FLINT_MAX(res[i].runs, 1));
        char *nb = bc_aprintf("%s%s", tab, row);
        flint_free(tab);
        flint_free(row);
        flint_free(ref);
        tab = nb;
    }
    run_add_instance(
        R,
        "\\textbf{(F) The seeded descents at $n=k$} (teacher $I_k$; the rates' intervals are in "
        "\\checkref{mild.spurious.rate}, at the family's level). Every end point is certified by "
        "the core; ``other'' counts saddles, points with no critical point in the box and "
        "undecided ones.\n"
        "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrrrr}\\toprule $k$ & runs & spurious & "
        "global & other & families & authors (reference) & s/run\\\\\\midrule\n"
        "%s\\bottomrule\\end{tabular}\\end{center}",
        tab);
    flint_free(tab);
}

/* ------------------------------------------------------------ n = k + 1 */

/* the value below which an end point of width k + 1 counts as next to a
   global minimum (the spurious values at n = k are above 10^-2) */
#define PLUS1_LEVEL 1e-6
#define PLUS1_STEPS 20000

typedef struct
{
    double Fhi;      /* certified upper bound of F at the end point */
    double Flo;      /* certified lower bound */
    double smallest; /* the smallest neuron norm */
    truth_t below;   /* F < PLUS1_LEVEL */
} plus1_point;

typedef struct
{
    slong k;
    const double *Vd;
    pop_descent_opts o;
    const double *start; /* the mutant's start ((k + 1) k doubles), or NULL */
    plus1_point *out;
} plus1_ctx;

static void
plus1_sample(mc_outcome *res, const void *vctx, rng_t rng, ulong index)
{
    const plus1_ctx *X = vctx;
    slong k = X->k, n = k + 1, N = n * k, i;
    plus1_point *e = X->out + index;
    double *W = flint_malloc(sizeof(double) * N);
    pop_descent_info info;
    arb_mat_t W0, V;
    arb_t F, lvl;
    arf_t b;

    for (i = 0; i < n; i++)
        sampler_draw(W + i * k, k, SAMPLER_GAUSS, X->o.init_std, rng);
    if (X->start != NULL)
        memcpy(W, X->start, sizeof(double) * N);
    pop_descent_run(&info, W, n, X->Vd, k, k, &X->o);
    arb_mat_init(W0, n, k);
    arb_mat_init(V, k, k);
    arb_init(F);
    arb_init(lvl);
    arf_init(b);
    mild_teacher(V, k);
    e->smallest = INFINITY;
    for (i = 0; i < n; i++)
    {
        slong a;
        double s = 0;
        for (a = 0; a < k; a++)
        {
            arb_set_d(arb_mat_entry(W0, i, a), W[i * k + a]);
            s += W[i * k + a] * W[i * k + a];
        }
        e->smallest = FLINT_MIN(e->smallest, sqrt(s));
    }
    pop_eval(F, NULL, NULL, W0, V, 128);
    arb_set_d(lvl, PLUS1_LEVEL);
    e->below = arb_lt(F, lvl) ? BC_TRUE : (arb_ge(F, lvl) ? BC_FALSE : BC_UNDECIDED);
    arb_get_ubound_arf(b, F, 53);
    e->Fhi = arf_get_d(b, ARF_RND_UP);
    arb_get_lbound_arf(b, F, 53);
    e->Flo = arf_get_d(b, ARF_RND_DOWN);
    res->nevents = 1;
    res->escalations = 0;
    res->event[0] = e->below;
    arb_mat_clear(W0);
    arb_mat_clear(V);
    arb_clear(F);
    arb_clear(lvl);
    arf_clear(b);
    flint_free(W);
}

/* the mutant's start at k = 6: the split image (alpha = 1/2, neuron 6) of
   the k = 6 spurious minimum, an exact critical point of width 7 with the
   value of the minimum */
static double *
plus1_split_start(void)
{
    arb_mat_t W0, V;
    crit_result_t C;
    crit_opts o;
    double *S = flint_malloc(sizeof(double) * 42);
    slong a;
    arb_mat_init(W0, 6, 6);
    arb_mat_init(V, 6, 6);
    mild_spurious_k6(W0);
    mild_teacher(V, 6);
    crit_opts_default(&o);
    crit_result_init(C);
    crit_certify(C, W0, V, &o);
    memcpy(S, C->W, sizeof(double) * 36);
    for (a = 0; a < 6; a++)
    {
        S[36 + a] = 0.5 * S[5 * 6 + a];
        S[5 * 6 + a] *= 0.5;
    }
    crit_result_clear(C);
    arb_mat_clear(W0);
    arb_mat_clear(V);
    return S;
}

static void
plus1_check(run_t R)
{
    check_t c;
    slong kmax = run_size_pick(R, (const slong[3]){7, 8, 10}), k, bad = 0, und = 0;
    ulong runs = run_samples(R, "mild.plus1.global", (const ulong[3]){3, 8, 20}, 1), i;
    double *start = mild_plus1_split_start(R) ? plus1_split_start() : NULL;
    run_check(R, c, "mild.plus1.global");
    c->statement = bc_aprintf("Here $K=%ld$, %lu runs per $k$.", (long) kmax, (unsigned long) runs);
    for (k = 6; k <= kmax; k++)
    {
        plus1_ctx X;
        mc_tally_t T;
        double *Vd = flint_calloc(k * k, sizeof(double)), Fmax = 0, smin = INFINITY;
        slong small = 0, j;
        char stream[48], key[64];
        for (j = 0; j < k; j++)
            Vd[j * k + j] = 1.0;
        X.k = k;
        X.Vd = Vd;
        pop_descent_opts_default(&X.o, k, k);
        X.o.max_iter = PLUS1_STEPS;
        X.o.newton_after = 1;
        X.o.newton_tol = 1e-6;
        X.start = k == 6 ? start : NULL;
        X.out = flint_calloc(runs + 1, sizeof(plus1_point));
        snprintf(stream, sizeof stream, "mild.F1.k%ld", (long) k);
        run_mc_all(R, T, plus1_sample, &X, runs, stream);
        for (i = 0; i < runs; i++)
        {
            const plus1_point *e = X.out + i;
            Fmax = FLINT_MAX(Fmax, e->Fhi);
            smin = FLINT_MIN(smin, e->smallest);
            small += e->smallest < 1e-2;
            if (e->below == BC_FALSE && bad++ == 0)
                check_set_witness(
                    c, "k = %ld, n = %ld, run %lu (seed %llu, stream %s): F >= %.6g at the end point",
                    (long) k, (long) k + 1, (unsigned long) i, (unsigned long long) R->opts->seed, stream,
                    e->Flo);
            und += e->below == BC_UNDECIDED;
        }
        snprintf(key, sizeof key, "k = %ld, n = %ld", (long) k, (long) k + 1);
        check_field_add(c, key,
                        "%lu runs: largest F <= %.3g (certified), %ld end with a neuron of norm < 1e-2 "
                        "(smallest %.3g)",
                        (unsigned long) runs, Fmax, (long) small, smin);
        flint_free(X.out);
        flint_free(Vd);
    }
    if (bad == 0)
        check_set_stream_witness(c, R->opts->seed, "mild.F1.k<k>", "end values certified below 1e-6");
    check_count(c, bad, und);
    run_push(R, c);
    flint_free(start);
}

/* the figure: the spurious rate against k, beside the authors' counts */
static void
rate_figure(run_t R, const k_result *res, slong nk)
{
    figure_t f;
    double x[64], y[64], ax[NAUTHORS], ay[NAUTHORS], bx[NAUTHORS], by[NAUTHORS];
    slong i, na = 0, nb = 0, n = FLINT_MIN(nk, 64);
    for (i = 0; i < n; i++)
    {
        x[i] = (double) res[i].k;
        y[i] = (double) res[i].spurious / (double) FLINT_MAX(res[i].runs, 1);
    }
    for (i = 0; i < NAUTHORS; i++)
    {
        if (authors[i].runs > 0)
        {
            ax[na] = (double) authors[i].k;
            ay[na++] = (double) authors[i].spurious / (double) authors[i].runs;
        }
        if (authors[i].runs18 > 0)
        {
            bx[nb] = (double) authors[i].k;
            by[nb++] = (double) authors[i].spurious18 / (double) authors[i].runs18;
        }
    }
    figure_init(f, "mild.fig.rate", MILD_CLAIM,
                "(F) The fraction of seeded descents at $n=k$ ending at a certified spurious local minimum, "
                "against $k$ (the intervals are in the records), beside the authors' floating-point "
                "counts (reference values: seed 003, 500 runs; Safran and Shamir 2018, 1000 runs).",
                "$k$", "spurious fraction");
    figure_add_series(f, "certified (this run)", x, y, n, 1);
    figure_add_series(f, "authors, seed 003", ax, ay, na, 1);
    figure_add_series(f, "authors, 2018", bx, by, nb, 1);
    run_add_figure(R, f);
    figure_clear(f);
}

void
mild_check_descents(run_t R, mild_families *L)
{
    slong kmax = run_size_pick(R, (const slong[3]){10, 20, 20}), k, nk = 0;
    k_result *res = flint_calloc(kmax + 1, sizeof(k_result));
    check_t cr, ce;
    int wr = run_wants(R, "mild.spurious.rate"), we = run_wants(R, "mild.spurious.exist");
    /* the records' clocks run over the descents they share */
    if (wr)
        run_check(R, cr, "mild.spurious.rate");
    if (we)
        run_check(R, ce, "mild.spurious.exist");
    for (k = 6; k <= kmax; k++)
    {
        ulong runs = run_samples(R, "mild.spurious.rate",
                                 k <= 14 ? (const ulong[3]){30, 30, 100} : (const ulong[3]){20, 20, 100}, 1);
        run_k(R, res + nk, L, k, runs);
        nk++;
    }
    if (wr)
    {
        if (res[0].runs == res[nk - 1].runs)
            cr->statement = bc_aprintf("Here $k=6,\\dots,%ld$, %lu runs per $k$.", (long) kmax,
                                       (unsigned long) res[0].runs);
        else
            cr->statement =
                bc_aprintf("Here $k=6,\\dots,%ld$, %lu runs per $k$ up to $k=14$ and %lu beyond.",
                           (long) kmax, (unsigned long) res[0].runs, (unsigned long) res[nk - 1].runs);
        rate_check(R, cr, res, nk);
    }
    if (we)
        exist_check(R, ce, res, nk);
    if (run_wants_prefix(R, "mild.spurious."))
    {
        descent_instance(R, res, nk);
        family_instance(R, L);
        rate_figure(R, res, nk);
    }
    flint_free(res);
}

void
mild_check_plus1(run_t R)
{
    plus1_check(R);
}

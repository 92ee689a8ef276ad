/* thm4_grid.c -- the grid of Theorem 4: three kinds of data, m in
   {1, 2, 4, 8, 16} points in d = 16, 14 widths n from 1 to 64.  Every
   cell is sampled once (stream thm4.grid.<kind>.m<m>.n<n>), each sample's
   events decided exactly; the samples feed the agreement tests with the
   exact probabilities (thm4.grid.<kind>.agree, one test per cell and
   event), the theorem's bound at one fixed width per m (thm4.mc.*), the
   figures and the table.  On orthogonal data the exact probabilities
   decide the bound on every cell (thm4.grid.orth.exact) and its
   attainment for m = 1 (thm4.union.m1). */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "cert.h"
#include "thm4_run.h"

/* -------------------------------------------------------- sampling */

void
thm4_sample_ctx_init(thm4_sample_ctx *g, const thm4_mod_t M, const thm4_data_struct *D, slong n,
                     sampler_kind law, int construct)
{
    g->D = D;
    g->n = n;
    g->law = law;
    g->construct = construct;
    g->ybar = _fmpq_vec_init(D->m);
    fmpq_init(g->alpha);
    thm4_mod_alpha(g->alpha, g->ybar, M, D, n);
}

void
thm4_sample_ctx_clear(thm4_sample_ctx *g)
{
    _fmpq_vec_clear(g->ybar, g->D->m);
    fmpq_clear(g->alpha);
}

void
thm4_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const thm4_sample_ctx *g = ctx;
    const thm4_data_struct *D = g->D;
    slong n = g->n, m = D->m, d = D->d;
    double *W = flint_malloc(sizeof(double) * (size_t) (n * d + n));
    double *v = W + n * d;
    int *a = flint_malloc(sizeof(int) * (size_t) (n * m + n)), *b = a + n * m;
    slong *chosen = flint_malloc(sizeof(slong) * (size_t) m);

    (void) index;
    sampler_draw_net(W, v, n, d, g->law, rng);
    out->nevents = g->construct ? 3 : 2;
    out->escalations = 0;
    if (thm4_signs(a, b, D, W, v, n, &out->escalations))
    {
        /* on a basin boundary (probability 0): no basin of its own */
        out->event[THM4_EV_B6] = out->event[THM4_EV_GOOD] = out->event[THM4_EV_BUILT] = BC_UNDECIDED;
    }
    else
    {
        fmpq_t bas;
        fmpq_init(bas);
        out->event[THM4_EV_B6] = thm4_event_b6(chosen, a, b, g->ybar, n, m) ? BC_TRUE : BC_FALSE;
        thm4_bas_closed(bas, a, b, D->y, n, m);
        out->event[THM4_EV_GOOD] = fmpq_cmp(bas, g->alpha) <= 0 ? BC_TRUE : BC_FALSE;
        fmpq_clear(bas);
        if (g->construct)
        {
            thm4_b6_t C;
            thm4_b6_init(C);
            out->event[THM4_EV_BUILT] =
                thm4_b6_construct(C, D, g->ybar, g->alpha, W, v, n, 0) == THM4_B6_OK ? BC_TRUE : BC_FALSE;
            thm4_b6_clear(C);
        }
    }
    flint_free(W);
    flint_free(a);
    flint_free(chosen);
}

/* ------------------------------------------------------------ cells */

static const char *const agree_ids[THM4_DATA_COUNT] = {"thm4.grid.orth.agree", "thm4.grid.gauss.agree",
                                                       "thm4.grid.illcond.agree"};

/* the bound at one fixed width per m: the first width of the grid at
   which 1 - m (3/4)^n reaches 1/2 (fixed here, so that no id depends on
   the claim's constant) */
static const slong mc_width[THM4_NGRID_M] = {3, 5, 8, 10, 13};
static const char *const mc_ids[THM4_DATA_COUNT][THM4_NGRID_M] = {
    {"thm4.mc.orth.m1.n3", "thm4.mc.orth.m2.n5", "thm4.mc.orth.m4.n8", "thm4.mc.orth.m8.n10",
     "thm4.mc.orth.m16.n13"},
    {"thm4.mc.gauss.m1.n3", "thm4.mc.gauss.m2.n5", "thm4.mc.gauss.m4.n8", "thm4.mc.gauss.m8.n10",
     "thm4.mc.gauss.m16.n13"},
    {"thm4.mc.illcond.m1.n3", "thm4.mc.illcond.m2.n5", "thm4.mc.illcond.m4.n8", "thm4.mc.illcond.m8.n10",
     "thm4.mc.illcond.m16.n13"}};

typedef struct
{
    int ran;
    ulong N, good, b6, und_good, und_b6, esc;
    int exact;      /* the exact probabilities are computable */
    int b6_differs; /* B.6's event is not the good-basin event (n = 1, or some y_t = 0) */
    arb_t pg, pb;   /* the exact probabilities of the two events */
} grid_cell;

typedef struct
{
    grid_cell c[THM4_DATA_COUNT][THM4_NGRID_M][THM4_NGRID_N];
    int full; /* every cell ran */
} grid_t;

static slong
width_index(slong n)
{
    slong q;
    for (q = 0; q < THM4_NGRID_N && thm4_grid_n[q] != n; q++)
        ;
    return q;
}

/* 1 when B.6's event differs from the good-basin event at width n: the
   need of some point differs (Lemma 4.C), or n = 1 (the good basin of one
   neuron is not a need condition) */
static int
events_differ(const thm4_sample_ctx *g)
{
    slong t, m = g->D->m;
    int *nb = flint_malloc(sizeof(int) * (size_t) (2 * m)), *ng = nb + m, r = g->n == 1;
    thm4_need_b6(nb, g->ybar, m);
    thm4_need_good(ng, g->D->y, m);
    for (t = 0; t < m; t++)
        r |= nb[t] != ng[t];
    flint_free(nb);
    return r;
}

static void
run_cell(grid_cell *e, thm4_mod_t M, thm4_data_kind k, slong j, slong q)
{
    thm4_sample_ctx g;
    mc_tally_t T;
    fmpq_t r;
    int rat;
    char *s =
        bc_aprintf("thm4.grid.%s.m%ld.n%ld", thm4_data_name(k), (long) thm4_grid_m[j], (long) thm4_grid_n[q]);
    thm4_sample_ctx_init(&g, M, thm4_mod_grid_data(M, k, j), thm4_grid_n[q], thm4_laws[(k + j) % 4], 0);
    run_mc(M->R, T, thm4_sample, &g, run_samples(M->R, agree_ids[k], thm4_grid_samples, 0), s);
    e->ran = 1;
    e->N = T->samples;
    e->good = T->hits[THM4_EV_GOOD];
    e->b6 = T->hits[THM4_EV_B6];
    e->und_good = T->undecided[THM4_EV_GOOD];
    e->und_b6 = T->undecided[THM4_EV_B6];
    e->esc = T->escalations;
    e->b6_differs = events_differ(&g);
    fmpq_init(r);
    e->exact = thm4_mod_prob(e->pg, r, &rat, M, g.D, g.n, THM4_EV_GOOD) &&
               thm4_mod_prob(e->pb, r, &rat, M, g.D, g.n, THM4_EV_B6);
    fmpq_clear(r);
    thm4_sample_ctx_clear(&g);
    flint_free(s);
}

/* runs the cells some wanted check needs; G->full when all ran */
static void
run_grid(grid_t *G, thm4_mod_t M)
{
    slong k, j, q, ran = 0;
    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (j = 0; j < THM4_NGRID_M; j++)
            for (q = 0; q < THM4_NGRID_N; q++)
                if (run_wants(M->R, agree_ids[k]) ||
                    (run_wants(M->R, mc_ids[k][j]) && thm4_grid_n[q] == mc_width[j]))
                {
                    run_cell(&G->c[k][j][q], M, (thm4_data_kind) k, j, q);
                    ran++;
                }
    G->full = ran == THM4_DATA_COUNT * THM4_NGRID_M * THM4_NGRID_N;
}

/* ----------------------------------------------- exact, orthogonal */

/* the counts of PLUS, MINUS and ANY points of event's need profile on D at
   width n; 0 when the profile is not the served-points form (the good
   event at n = 1) */
static int
need_counts(slong pqr[3], const thm4_mod_t M, const thm4_data_t D, slong n, int event)
{
    int *need = flint_malloc(sizeof(int) * (size_t) D->m);
    slong t;
    pqr[0] = pqr[1] = pqr[2] = 0;
    if (event == THM4_EV_GOOD)
    {
        if (n < 2)
        {
            flint_free(need);
            return 0;
        }
        thm4_need_good(need, D->y, D->m);
    }
    else
    {
        fmpq *ybar = _fmpq_vec_init(D->m);
        fmpq_t alpha;
        fmpq_init(alpha);
        thm4_mod_alpha(alpha, ybar, M, D, n);
        thm4_need_b6(need, ybar, D->m);
        _fmpq_vec_clear(ybar, D->m);
        fmpq_clear(alpha);
    }
    for (t = 0; t < D->m; t++)
        pqr[0] += need[t] == THM4_NEED_PLUS, pqr[1] += need[t] == THM4_NEED_MINUS,
            pqr[2] += need[t] == THM4_NEED_ANY;
    flint_free(need);
    return 1;
}

void
thm4_cert_orth_bound(check_t c, const thm4_mod_t M, const thm4_data_t D, slong n, int event, const fmpq_t Pq,
                     const char *rel, slong m, const fmpq_t side, const fmpq_t rhs)
{
    static const char *const names[6] = {"n", "p", "q", "r", "m", "c"};
    slong pqr[3], i;
    fmpq pt[6];
    char *lab;
    if (!D->orthogonal || run_mutant(M->R, "thm4.mutant.sign_dropped") || !need_counts(pqr, M, D, n, event))
        return;
    for (i = 0; i < 6; i++)
        fmpq_init(pt + i);
    fmpq_set_si(pt + 0, n, 1);
    for (i = 0; i < 3; i++)
        fmpq_set_si(pt + 1 + i, pqr[i], 1);
    fmpq_set_si(pt + 4, m, 1);
    fmpq_set(pt + 5, side);
    lab = bc_aprintf("m = %ld, n = %ld, %s", (long) D->m, (long) n,
                     event == THM4_EV_GOOD ? "good basin" : "B.6");
    cert_inequality_fmpq(c, lab, !strcmp(rel, ">=") ? "thm4.orth_served" : "thm4.orth_served_at_most", 6,
                         names, pt, Pq, rel, rhs);
    flint_free(lab);
    for (i = 0; i < 6; i++)
        fmpq_clear(pt + i);
}

void
thm4_cert_orth_vs(check_t c, const thm4_mod_t M, const thm4_data_t D, slong n, const fmpq_t pg,
                  const fmpq_t pb)
{
    static const char *const names[7] = {"n", "p1", "q1", "r1", "p2", "q2", "r2"};
    slong a[3], b[3], i;
    fmpq pt[7];
    char *lab;
    if (!D->orthogonal || run_mutant(M->R, "thm4.mutant.sign_dropped") ||
        !need_counts(a, M, D, n, THM4_EV_GOOD) || !need_counts(b, M, D, n, THM4_EV_B6))
        return;
    for (i = 0; i < 7; i++)
        fmpq_init(pt + i);
    fmpq_set_si(pt + 0, n, 1);
    for (i = 0; i < 3; i++)
    {
        fmpq_set_si(pt + 1 + i, a[i], 1);
        fmpq_set_si(pt + 4 + i, b[i], 1);
    }
    lab = bc_aprintf("m = %ld, n = %ld: good basin against B.6", (long) D->m, (long) n);
    cert_inequality_fmpq(c, lab, "thm4.orth_served_vs", 7, names, pt, pg, ">=", pb);
    flint_free(lab);
    for (i = 0; i < 7; i++)
        fmpq_clear(pt + i);
}

/* the exact rational probability of event on D at width n (orthogonal
   data); 0 when it is not a rational */
static int
prob_q(fmpq_t P, thm4_mod_t M, const thm4_data_struct *D, slong n, int event)
{
    arb_t A;
    int rat = 0, ok;
    arb_init(A);
    ok = thm4_mod_prob(A, P, &rat, M, D, n, event) && rat;
    arb_clear(A);
    return ok;
}

static void
check_grid_exact(thm4_mod_t M)
{
    check_t c;
    slong j, q, bad = 0, und = 0;
    fmpq_t b, pg, pb;

    fmpq_init(b);
    fmpq_init(pg);
    fmpq_init(pb);
    run_check(M->R, c, "thm4.grid.orth.exact");
    for (j = 0; j < THM4_NGRID_M; j++)
        for (q = 0; q < THM4_NGRID_N; q++)
        {
            const thm4_data_struct *D = thm4_mod_grid_data(M, THM4_DATA_ORTH, j);
            slong n = thm4_grid_n[q];
            thm4_mod_bound(b, M, thm4_grid_m[j], n);
            int have = prob_q(pg, M, D, n, THM4_EV_GOOD) && prob_q(pb, M, D, n, THM4_EV_B6);
            if (have)
            {
                thm4_cert_orth_vs(c, M, D, n, pg, pb);
                thm4_cert_orth_bound(c, M, D, n, THM4_EV_B6, pb, ">=", thm4_grid_m[j], M->side, b);
            }
            if (!have)
                und++;
            else if (fmpq_cmp(pg, pb) < 0 || fmpq_cmp(pb, b) < 0)
            {
                if (bad++ == 0)
                {
                    char *sg = fmpq_get_str(NULL, 10, pg), *sb = fmpq_get_str(NULL, 10, pb);
                    char *s = fmpq_get_str(NULL, 10, b);
                    check_set_witness(c, "m=%ld, n=%ld: P[Bas<=alpha] = %s, P[B.6 event] = %s, bound %s",
                                      (long) thm4_grid_m[j], (long) n, sg, sb, s);
                    flint_free(sg);
                    flint_free(sb);
                    flint_free(s);
                }
            }
        }
    check_field_add(c, "cells", "%d", THM4_NGRID_M * THM4_NGRID_N);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_field_add(c, "constant", "%s", M->side_tex);
    check_count(c, bad, und);
    run_push(M->R, c);
    fmpq_clear(b);
    fmpq_clear(pg);
    fmpq_clear(pb);
}

/* m = 1: the union bound has one term and is attained */
static void
check_union(thm4_mod_t M)
{
    const thm4_data_struct *D = thm4_mod_grid_data(M, THM4_DATA_ORTH, 0);
    check_t c;
    slong n, bad = 0, und = 0;
    fmpq_t b, p;

    fmpq_init(b);
    fmpq_init(p);
    run_check(M->R, c, "thm4.union.m1");
    for (n = 1; n <= 64; n++)
    {
        thm4_mod_bound(b, M, 1, n);
        if (!prob_q(p, M, D, n, THM4_EV_GOOD))
        {
            und++;
            continue;
        }
        /* equality: both inequalities */
        thm4_cert_orth_bound(c, M, D, n, THM4_EV_GOOD, p, ">=", 1, M->side, b);
        thm4_cert_orth_bound(c, M, D, n, THM4_EV_GOOD, p, "<=", 1, M->side, b);
        if (!fmpq_equal(p, b) && bad++ == 0)
        {
            char *sp = fmpq_get_str(NULL, 10, p), *sb = fmpq_get_str(NULL, 10, b);
            check_set_witness(c, "n=%ld: exact P[Bas<=alpha] = %s, 1-(%s)^n = %s", (long) n, sp, M->side_tex,
                              sb);
            flint_free(sp);
            flint_free(sb);
        }
    }
    check_field_add(c, "widths", "64");
    check_field_add(c, "mismatches", "%ld", (long) bad);
    check_field_add(c, "constant", "%s", M->side_tex);
    check_count(c, bad, und);
    run_push(M->R, c);
    fmpq_clear(b);
    fmpq_clear(p);
}

/* ---------------------------------------------- statistical checks */

static void
check_agree(thm4_mod_t M, const grid_t *G, thm4_data_kind k)
{
    check_t c;
    slong j, q, cells = 0;
    char *stream = bc_aprintf("thm4.grid.%s.m<m>.n<n>", thm4_data_name(k));

    run_check(M->R, c, agree_ids[k]);
    for (j = 0; j < THM4_NGRID_M; j++)
        for (q = 0; q < THM4_NGRID_N; q++)
        {
            const grid_cell *e = &G->c[k][j][q];
            char *label;
            if (!e->ran || !e->exact)
                continue;
            cells++;
            label = bc_aprintf("m=%ld, n=%ld", (long) thm4_grid_m[j], (long) thm4_grid_n[q]);
            check_add_test(c, TEST_EQUAL, label, e->N, e->good, e->und_good, e->esc, e->pg, NULL);
            flint_free(label);
            if (!e->b6_differs)
                continue;
            label = bc_aprintf("m=%ld, n=%ld: B.6 event", (long) thm4_grid_m[j], (long) thm4_grid_n[q]);
            check_add_test(c, TEST_EQUAL, label, e->N, e->b6, e->und_b6, e->esc, e->pb, NULL);
            flint_free(label);
        }
    c->statement = bc_aprintf("Data \\texttt{%s}: %ld cells with computable exact probabilities, %ld tests.",
                              thm4_data_name(k), (long) cells, (long) c->ntests);
    check_field_add(c, "cells", "%ld", (long) cells);
    check_field_add(c, "tests", "%ld", (long) c->ntests);
    check_set_stream_witness(c, M->R->opts->seed, stream, "networks per cell");
    run_push(M->R, c);
    flint_free(stream);
}

static void
check_mc(thm4_mod_t M, const grid_t *G, thm4_data_kind k, slong j)
{
    slong q = width_index(mc_width[j]), m = thm4_grid_m[j], n = mc_width[j];
    const grid_cell *e = &G->c[k][j][q];
    char *btex = thm4_mod_bound_tex(M, m, n), *stream;
    check_t c;
    fmpq_t b;
    arb_t bb;

    fmpq_init(b);
    arb_init(bb);
    thm4_mod_bound(b, M, m, n);
    arb_set_fmpq(bb, b, THM4_PREC);
    run_check(M->R, c, mc_ids[k][j]);
    c->statement =
        bc_aprintf("$m=%ld$ \\texttt{%s} points in $d=%d$ (Gaussian targets), width $n=%ld$, law "
                   "\\texttt{%s}.",
                   (long) m, thm4_data_name(k), THM4_GRID_D, (long) n, sampler_name(thm4_laws[(k + j) % 4]));
    check_set_mc(c, e->N, e->good, e->und_good, e->esc, bb, btex);
    check_field_fmpq(c, "bound", b);
    check_field_add(c, "B.6 event", "%lu of %lu", (unsigned long) e->b6, (unsigned long) e->N);
    check_field_add(c, "data", "%s m=%ld d=%d", thm4_data_name(k), (long) m, THM4_GRID_D);
    stream = bc_aprintf("thm4.grid.%s.m%ld.n%ld", thm4_data_name(k), (long) m, (long) n);
    check_set_stream_witness(c, M->R->opts->seed, stream, "networks");
    run_push(M->R, c);
    flint_free(stream);
    flint_free(btex);
    fmpq_clear(b);
    arb_clear(bb);
}

/* ------------------------------------------------ figures and table */

static double
mid_d(const arb_t x)
{
    return arf_get_d(arb_midref(x), ARF_RND_NEAR);
}

static double
bound_d(thm4_mod_t M, slong m, slong n)
{
    fmpq_t b;
    double r;
    fmpq_init(b);
    thm4_mod_bound(b, M, m, n);
    r = fmpq_get_d(b);
    fmpq_clear(b);
    return r;
}

static void
add_figure_m8(thm4_mod_t M, const grid_t *G)
{
    const slong j = 3; /* m = 8 */
    const grid_cell *e = G->c[THM4_DATA_ORTH][j];
    double x[THM4_NGRID_N], y[THM4_NGRID_N];
    figure_t f;
    slong q, k;

    figure_init(
        f, "thm4.prob.m8", "Theorem 4",
        "Theorem 4, $m=8$ points in $d=16$: the bound $1-8(3/4)^n$, the exact probabilities of B.6's "
        "event and of $\\mathrm{Bas}\\le\\alpha$ for orthogonal data, and the Monte Carlo estimates of "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha]$ on the three kinds of data.",
        "width $n$", "probability");
    f->logx = 1;
    for (q = 0; q < THM4_NGRID_N; q++)
    {
        x[q] = (double) thm4_grid_n[q];
        y[q] = fmax(0.0, bound_d(M, 8, thm4_grid_n[q])); /* a probability axis: vacuous below 0 */
    }
    figure_add_series(f, "bound $1-m(3/4)^n$", x, y, THM4_NGRID_N, 0);
    for (q = 0; q < THM4_NGRID_N; q++)
        y[q] = mid_d(e[q].pg);
    figure_add_series(f, "exact $\\Pr[\\mathrm{Bas}\\le\\alpha]$ (orth)", x, y, THM4_NGRID_N, 0);
    for (q = 0; q < THM4_NGRID_N; q++)
        y[q] = mid_d(e[q].pb);
    figure_add_series(f, "exact B.6 event (orth)", x, y, THM4_NGRID_N, 0);
    for (k = 0; k < THM4_DATA_COUNT; k++)
    {
        char *nm = bc_aprintf("estimate, %s", thm4_data_name((thm4_data_kind) k));
        for (q = 0; q < THM4_NGRID_N; q++)
            y[q] = (double) G->c[k][j][q].good / (double) FLINT_MAX(G->c[k][j][q].N, 1);
        figure_add_series(f, nm, x, y, THM4_NGRID_N, 1);
        flint_free(nm);
    }
    run_add_figure(M->R, f);
    figure_clear(f);
}

/* the looseness of the union bound: (1 - P) / (1 - bound) = (1 - P) / (m c^n) */
static double
looseness(thm4_mod_t M, const grid_cell *e, slong m, slong n)
{
    return (1.0 - mid_d(e->pg)) / (1.0 - bound_d(M, m, n));
}

static void
add_figure_looseness(thm4_mod_t M, const grid_t *G)
{
    double x[THM4_NGRID_N], y[THM4_NGRID_N];
    figure_t h;
    slong j, q;

    figure_init(
        h, "thm4.looseness", "Theorem 4",
        "Looseness of the union bound on orthogonal data: the exact failure probability "
        "$1-\\Pr[\\mathrm{Bas}\\le\\alpha]$ divided by $m(3/4)^n$, for each $m$ (1 means the bound is "
        "attained; the ratio tends to 1 as $n$ grows).",
        "width $n$", "$(1-\\Pr)/(m(3/4)^n)$");
    h->logx = 1;
    for (q = 0; q < THM4_NGRID_N; q++)
        x[q] = (double) thm4_grid_n[q];
    for (j = 0; j < THM4_NGRID_M; j++)
    {
        char *nm = bc_aprintf("$m=%ld$", (long) thm4_grid_m[j]);
        for (q = 0; q < THM4_NGRID_N; q++)
            y[q] = looseness(M, &G->c[THM4_DATA_ORTH][j][q], thm4_grid_m[j], thm4_grid_n[q]);
        figure_add_series(h, nm, x, y, THM4_NGRID_N, 0);
        flint_free(nm);
    }
    run_add_figure(M->R, h);
    figure_clear(h);
}

static void
add_table(thm4_mod_t M, const grid_t *G)
{
    static const slong show[] = {1, 2, 4, 8, 16, 32, 64};
    char *buf = bc_aprintf(
        "\\textbf{Union bound: bound vs exact vs estimate} (orthogonal data, $d=%d$; the estimate is the "
        "rate of \\checkref{thm4.grid.orth.agree}, whose intervals the check gives; ratio "
        "$=(1-\\text{exact})/(m(3/4)^n)$, the looseness of the union bound).\n\\begin{center}\\footnotesize"
        "\\begin{tabular}{rrrrrrr}\\toprule $m$ & $n$ & bound & exact B.6 & exact "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha]$ & estimate (successes/samples) & ratio\\\\\\midrule\n",
        THM4_GRID_D);
    slong j, s;
    for (j = 0; j < THM4_NGRID_M; j++)
        for (s = 0; s < 7; s++)
        {
            slong q = width_index(show[s]), m = thm4_grid_m[j];
            const grid_cell *e = &G->c[THM4_DATA_ORTH][j][q];
            char *nb = bc_aprintf("%s%ld & %ld & %.6f & %.6f & %.6f & %.4f (%lu/%lu) & %.3f\\\\\n", buf,
                                  (long) m, (long) show[s], bound_d(M, m, show[s]), mid_d(e->pb),
                                  mid_d(e->pg), (double) e->good / (double) e->N, (unsigned long) e->good,
                                  (unsigned long) e->N, looseness(M, e, m, show[s]));
            flint_free(buf);
            buf = nb;
        }
    run_add_instance(M->R, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
}

/* ------------------------------------------------------------- run */

void
thm4_check_grid(thm4_mod_t M)
{
    grid_t *G = flint_calloc(1, sizeof(grid_t));
    slong k, j, q;

    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (j = 0; j < THM4_NGRID_M; j++)
            for (q = 0; q < THM4_NGRID_N; q++)
            {
                arb_init(G->c[k][j][q].pg);
                arb_init(G->c[k][j][q].pb);
            }
    run_grid(G, M);
    if (run_wants(M->R, "thm4.grid.orth.exact"))
        check_grid_exact(M);
    if (run_wants(M->R, "thm4.union.m1"))
        check_union(M);
    for (k = 0; k < THM4_DATA_COUNT; k++)
        if (run_wants(M->R, agree_ids[k]))
            check_agree(M, G, (thm4_data_kind) k);
    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (j = 0; j < THM4_NGRID_M; j++)
            if (run_wants(M->R, mc_ids[k][j]))
                check_mc(M, G, (thm4_data_kind) k, j);
    if (G->full)
    {
        add_figure_m8(M, G);
        add_figure_looseness(M, G);
        add_table(M, G);
    }
    for (k = 0; k < THM4_DATA_COUNT; k++)
        for (j = 0; j < THM4_NGRID_M; j++)
            for (q = 0; q < THM4_NGRID_N; q++)
            {
                arb_clear(G->c[k][j][q].pg);
                arb_clear(G->c[k][j][q].pb);
            }
    flint_free(G);
}

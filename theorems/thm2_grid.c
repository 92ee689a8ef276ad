/* thm2_grid.c -- the Theorem 2 module's Monte Carlo grid: data sets
   times widths, each cell sampled once; the rates of Bas <= alpha and of
   B.4's event against the exact probabilities of Lemma 2.C (two-sided
   tests in the run's family), and the theorem's bound at the first width
   where it reaches 1/2 (the thm2.mc rows); the grid's figures and table. */
#include <math.h>

#include "thm2_run.h"

/* the data sets of the grid, and its widths besides the rows' */
static const thm2_ds grid_ds[] = {THM2_APPC1, THM2_APPC4, THM2_APPC16, THM2_MIXED, THM2_RAND3, THM2_RAND8};
#define NGRID_DS 6
static const slong grid_w[] = {1, 2, 3, 5, 8};
#define NGRID_W 5
#define NCELL_W (NGRID_W + 1) /* the widths above and the row's */

/* The thm2.mc rows, one per data set of the grid: a fixed width, the
   first at which 1 - 2d (3/4)^n reaches 1/2 (a module test checks it
   against the record's field; the id never depends on a computed
   number). */
typedef struct
{
    const char *id;
    slong n;
} mc_row;

static const mc_row mc_rows[NGRID_DS] = {{"thm2.mc.appc1.n5", 5},    {"thm2.mc.appc4.n10", 10},
                                         {"thm2.mc.appc16.n15", 15}, {"thm2.mc.mixed.n11", 11},
                                         {"thm2.mc.rand3.n9", 9},    {"thm2.mc.rand8.n13", 13}};

/* samples per cell (quick, default, full); the rows' cells have more at
   quick size, where a constant below 3/4 must be seen.  Default 16000:
   the agreement intervals' half-widths about 0.015 instead of 0.03, for
   a few CPU-seconds */
static const ulong grid_sizes[3] = {100, 16000, 40000};
static const ulong row_sizes[3] = {1000, 16000, 40000};

typedef struct
{
    slong n;
    thm2_tally t;
} cell;

typedef cell grid_cells[NGRID_DS][NCELL_W];

static slong
cell_width(slong g, slong w)
{
    return w < NGRID_W ? grid_w[w] : mc_rows[g].n;
}

/* runs cell (g, w) */
static void
cell_run(cell *e, run_t R, thm2_state *X, slong g, slong w)
{
    int row = w == NGRID_W;
    ulong N =
        row ? run_samples(R, mc_rows[g].id, row_sizes, 0) : run_samples(R, "thm2.grid.agree", grid_sizes, 0);
    char *s;
    e->n = cell_width(g, w);
    s = bc_aprintf("thm2.grid.%s.n%ld", thm2_ds_names[grid_ds[g]], (long) e->n);
    thm2_mc_run(&e->t, R, X, X->S->D[grid_ds[g]], e->n, thm2_law(g + w), N, THM2_RUN_PLAIN, s);
    flint_free(s);
}

/* one two-sided test of a cell: the rate of Bas <= alpha (ev = 0) or of
   B.4's event (ev = 1) against its exact probability */
static void
agree_test(check_t c, const singleton_data_t D, const cell *e, const char *name, int ev)
{
    fmpq_t p;
    arb_t pb;
    char *tex, *label = bc_aprintf("%s n=%ld: %s", name, (long) e->n, ev ? "B.4 event" : "Bas<=alpha");
    fmpq_init(p);
    arb_init(pb);
    if (ev)
        singleton_prob_event(p, D, e->n);
    else
        singleton_prob_good(p, D, e->n);
    arb_set_fmpq(pb, p, 128);
    /* the target as a fraction when it is short */
    tex = fmpz_bits(fmpq_numref(p)) + fmpz_bits(fmpq_denref(p)) <= 64 ? fmpq_get_str(NULL, 10, p) : NULL;
    check_add_test(c, TEST_EQUAL, label, e->t.N, ev ? e->t.event : e->t.good, e->t.und, 0, pb, tex);
    flint_free(label);
    if (tex != NULL)
        flint_free(tex);
    fmpq_clear(p);
    arb_clear(pb);
}

/* the record of thm2.grid.agree (started by the caller) */
static void
agree_fill(check_t c, run_t R, grid_cells C, const thm2_state *X)
{
    slong g, w;
    for (g = 0; g < NGRID_DS; g++)
        for (w = 0; w < NCELL_W; w++)
        {
            agree_test(c, X->S->D[grid_ds[g]], &C[g][w], thm2_ds_names[grid_ds[g]], 0);
            agree_test(c, X->S->D[grid_ds[g]], &C[g][w], thm2_ds_names[grid_ds[g]], 1);
        }
    c->statement = bc_aprintf("Here %d cells, %lu samples per cell (%lu in the cells of the "
                              "\\texttt{thm2.mc} rows), %d tests.",
                              NGRID_DS * NCELL_W, C[0][0].t.N, C[0][NGRID_W].t.N, 2 * NGRID_DS * NCELL_W);
    check_set_stream_witness(
        c, R->opts->seed, "thm2.grid.<data>.n<n>",
        "the grid's cells, one stream each (laws rotating over gauss, sphere, ball, cauchy)");
}

/* the record of row g (started by the caller) from its cell e */
static void
row_fill(check_t c, run_t R, const cell *e, const thm2_state *X, slong g)
{
    const singleton_data_struct *D = X->S->D[grid_ds[g]];
    arb_t b;
    fmpq_t bq, cst;
    char *btex, *stream = bc_aprintf("thm2.grid.%s.n%ld", thm2_ds_names[grid_ds[g]], (long) e->n);
    arb_init(b);
    fmpq_init(bq);
    fmpq_init(cst);
    thm2_claim_bound(bq, &btex, R, 2 * D->d, e->n);
    thm2_side_fail(cst, R);
    arb_set_fmpq(b, bq, 128);
    c->statement =
        bc_aprintf("Data \\texttt{%s} ($m=%ld$ points in $d=%ld$, %ld of the $2d$ sides with a need), "
                   "$n=%ld$, law \\texttt{%s}.",
                   thm2_ds_names[grid_ds[g]], (long) D->m, (long) D->d, (long) D->needy, (long) e->n,
                   sampler_name(thm2_law(g + NGRID_W)));
    check_set_mc(c, e->t.N, e->t.good, e->t.und, 0, b, btex);
    check_field_add(c, "B.4 event", "%lu of %lu", e->t.event, e->t.N);
    check_field_add(c, "first width with bound >= 1/2", "%ld", (long) thm2_half_width(2 * D->d, cst));
    check_set_stream_witness(c, R->opts->seed, stream, "Bas <= alpha, decided exactly per sample");
    arb_clear(b);
    fmpq_clear(bq);
    fmpq_clear(cst);
    flint_free(btex);
    flint_free(stream);
}

/* ---------------------------------------------- figures and table */

static void
figure_mixed(run_t R, grid_cells C, const thm2_sets *S, const thm2_exact *E)
{
    const singleton_data_struct *D = S->D[THM2_MIXED];
    figure_t f;
    double x[THM2_MAXN], y[THM2_MAXN];
    slong n, k, w, g = 3; /* mixed in the grid */
    fmpq_t b;
    fmpq_init(b);

    figure_init(f, "thm2.prob.mixed", "Theorem 2",
                "Theorem~2 on the data \\texttt{mixed} ($d=5$, every kind of side): the bound "
                "$1-2d(3/4)^n$ where it is positive, the exact probabilities of B.4's event and of "
                "$\\mathrm{Bas}\\le\\alpha$, and the Monte Carlo estimates of the latter.",
                "width $n$", "probability");
    f->logx = 1;
    for (n = 1, k = 0; n <= THM2_MAXN; n++)
    {
        thm2_claim_bound(b, NULL, R, 2 * D->d, n);
        if (fmpq_sgn(b) > 0)
        {
            x[k] = (double) n;
            y[k++] = fmpq_get_d(b);
        }
    }
    figure_add_series(f, "bound $1-2d(3/4)^n$", x, y, k, 0);
    for (n = 1; n <= THM2_MAXN; n++)
    {
        x[n - 1] = (double) n;
        y[n - 1] = fmpq_get_d(E->pe[THM2_MIXED] + n - 1);
    }
    figure_add_series(f, "exact, B.4's event", x, y, THM2_MAXN, 0);
    for (n = 1; n <= THM2_MAXN; n++)
        y[n - 1] = fmpq_get_d(E->pg[THM2_MIXED] + n - 1);
    figure_add_series(f, "exact $\\Pr[\\mathrm{Bas}\\le\\alpha]$", x, y, THM2_MAXN, 0);
    for (w = 0; w < NCELL_W; w++)
    {
        x[w] = (double) C[g][w].n;
        y[w] = (double) C[g][w].t.good / (double) FLINT_MAX(C[g][w].t.N, 1);
    }
    figure_add_series(f, "estimate", x, y, NCELL_W, 1);
    run_add_figure(R, f);
    figure_clear(f);
    fmpq_clear(b);
}

static void
figure_looseness(run_t R, const thm2_sets *S, const thm2_exact *E)
{
    static const thm2_ds loose[] = {THM2_ONE, THM2_APPC1, THM2_APPC16, THM2_MIXED, THM2_RAND8, THM2_RAND16};
    figure_t h;
    double x[THM2_MAXN], y[THM2_MAXN];
    slong n, k;

    figure_init(
        h, "thm2.looseness", "Theorem 2",
        "Looseness of the union bound: the exact failure probability $1-\\Pr[\\mathrm{Bas}\\le\\alpha]$ "
        "divided by $2d(3/4)^n$. It tends to $N/(2d)$, $N$ the number of sides with a need: the bound "
        "is asymptotically attained exactly when every side has a need.",
        "width $n$", "$(1-\\Pr)/(2d(3/4)^n)$");
    h->logx = 1;
    for (k = 0; k < 6; k++)
    {
        const singleton_data_struct *Dk = S->D[loose[k]];
        char *nm = bc_aprintf("\\texttt{%s} ($N/2d=%ld/%ld$)", thm2_ds_names[loose[k]], (long) Dk->needy,
                              (long) (2 * Dk->d));
        for (n = 1; n <= THM2_MAXN; n++)
        {
            x[n - 1] = (double) n;
            y[n - 1] =
                (1.0 - fmpq_get_d(E->pg[loose[k]] + n - 1)) / ((double) (2 * Dk->d) * pow(0.75, (double) n));
        }
        figure_add_series(h, nm, x, y, THM2_MAXN, 0);
        flint_free(nm);
    }
    run_add_figure(R, h);
    figure_clear(h);
}

/* the grid's table: bound, exact probabilities and estimate per cell (the
   intervals are those of the tests of thm2.grid.agree) */
static void
grid_table(run_t R, grid_cells C, const thm2_sets *S)
{
    char *buf = bc_aprintf(
        "\\textbf{Bound, exact and estimate on the Monte Carlo grid} (intervals: the tests of "
        "\\checkref{thm2.grid.agree}; ratio $=(1-\\text{exact})/(2d(3/4)^n)$).\n\\begin{center}\\footnotesize"
        "\\begin{tabular}{lrrrrrrrr}\\toprule data & $d$ & $n$ & samples & bound & exact B.4 & exact "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha]$ & estimate & ratio\\\\\\midrule\n");
    slong g, w;
    fmpq_t b, pg, pe;
    fmpq_init(b);
    fmpq_init(pg);
    fmpq_init(pe);
    for (g = 0; g < NGRID_DS; g++)
        for (w = 0; w < NCELL_W; w++)
        {
            const singleton_data_struct *D = S->D[grid_ds[g]];
            const cell *e = &C[g][w];
            char *row, *nb;
            thm2_claim_bound(b, NULL, R, 2 * D->d, e->n);
            singleton_prob_good(pg, D, e->n);
            singleton_prob_event(pe, D, e->n);
            row =
                bc_aprintf("\\texttt{%s} & %ld & %ld & %lu & %.6f & %.6f & %.6f & %.4f & %.3f\\\\\n",
                           thm2_ds_names[grid_ds[g]], (long) D->d, (long) e->n, e->t.N, fmpq_get_d(b),
                           fmpq_get_d(pe), fmpq_get_d(pg), (double) e->t.good / (double) FLINT_MAX(e->t.N, 1),
                           (1.0 - fmpq_get_d(pg)) / (1.0 - fmpq_get_d(b)));
            nb = bc_aprintf("%s%s", buf, row);
            flint_free(buf);
            flint_free(row);
            buf = nb;
        }
    run_add_instance(R, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
    fmpq_clear(b);
    fmpq_clear(pg);
    fmpq_clear(pe);
}

/* ------------------------------------------------------------ run */

void
thm2_grid(run_t R, thm2_state *X, const thm2_exact *E)
{
    grid_cells *C = flint_calloc(1, sizeof(grid_cells));
    int agree = run_wants(R, "thm2.grid.agree"), all = X->need_all || agree || E != NULL;
    slong g, w;
    check_t a;

    if (agree)
        run_check(R, a, "thm2.grid.agree");
    for (g = 0; g < NGRID_DS; g++)
        for (w = 0; w < NCELL_W; w++)
        {
            if (w == NGRID_W && run_wants(R, mc_rows[g].id))
            {
                check_t c;
                run_check(R, c, mc_rows[g].id);
                cell_run(&(*C)[g][w], R, X, g, w);
                row_fill(c, R, &(*C)[g][w], X, g);
                run_push(R, c);
            }
            else if (all)
                cell_run(&(*C)[g][w], R, X, g, w);
        }
    if (agree)
    {
        agree_fill(a, R, *C, X);
        run_push(R, a);
    }
    if (E != NULL && all)
    {
        figure_mixed(R, *C, X->S, E);
        figure_looseness(R, X->S, E);
        grid_table(R, *C, X->S);
    }
    flint_free(C);
}

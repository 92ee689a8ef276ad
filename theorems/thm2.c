/* thm2.c -- the Theorem 2 module: singleton data (App. B.4).

   The tables (checks and mutants), the claim's constant as every path
   reads it, the user's instance, the sampled negative controls and the
   run.  The other checks are in thm2_data.c (hypothesis), thm2_basin.c
   (alpha and the cells), thm2_prob.c (exact probabilities against the
   bound, the corollary), thm2_mc.c (B.4 per sample, the closed form) and
   thm2_grid.c (the Monte Carlo grid); thm2_run.h says what they share.
   The statements are in thm2.tex. */
#include <string.h>

#include "escape.h"
#include "paper.h"
#include "thm2_run.h"

#define CLAIM "Theorem 2"

/* clang-format off */
static const check_spec thm2_specs[] = {
    {"thm2.user", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the user's data (--data, --width; else a built-in example): P[Bas <= alpha] >= 1 - 2d (3/4)^n",
     STRENGTH_STATISTICAL, "thm2.c", NULL, 0, 1},
    {"thm2.data.singleton", CHECK_EXACT, ST_HOLDS, 0,
     "every data set of the module is singleton data, chosen sides as chosen (sanity: built so; "
     "thm2.control.nonsingleton shows that the decision can fail)",
     STRENGTH_SANITY, "thm2_data.c", NULL, 0, 0},
    {"thm2.alpha", CHECK_EXACT, ST_HOLDS, 0,
     "alpha by Lemma 2.B's split formula = least certified basin value over all 2^(n(d+1)) cells, attained "
     "(sanity: a closed form against the engine computing the same minimum)",
     STRENGTH_SANITY, "thm2_basin.c", NULL, 0, 0},
    {"thm2.prob.enum", CHECK_EXACT, ST_HOLDS, 0,
     "Lemma 2.C's P[Bas <= alpha] and P[B.4 event] = enumeration of all sign patterns with the engine, tiny "
     "cases (sanity: formulas against brute force computing the same numbers)",
     STRENGTH_SANITY, "thm2_basin.c", NULL, 0, 0},
    {"thm2.b4.appc4.n6", CHECK_EXACT, ST_HOLDS, 0,
     "B.4 per sample, appc4, n = 6: event => W' in the closed cell with L(W') = alpha; engine = closed form",
     STRENGTH_DECIDES, "thm2_mc.c", NULL, 0, 0},
    {"thm2.b4.mixed.n8", CHECK_EXACT, ST_HOLDS, 0,
     "B.4 per sample, mixed, n = 8: event => W' in the closed cell with L(W') = alpha; engine = closed form",
     STRENGTH_DECIDES, "thm2_mc.c", NULL, 0, 0},
    {"thm2.b4.small.n3", CHECK_EXACT, ST_HOLDS, 0,
     "B.4 per sample, small, n = 3 (alpha above the naive value: the event is impossible); engine = closed "
     "form",
     STRENGTH_DECIDES, "thm2_mc.c", NULL, 0, 0},
    {"thm2.b4.rand8.n10", CHECK_EXACT, ST_HOLDS, 0,
     "B.4 per sample, rand8, n = 10: event => W' in the closed cell with L(W') = alpha; engine = closed form",
     STRENGTH_DECIDES, "thm2_mc.c", NULL, 0, 0},
    {"thm2.b4.appc16.n15", CHECK_EXACT, ST_HOLDS, 0,
     "B.4 per sample, appc16, n = 15: event => W' in the closed cell with L(W') = alpha; engine = closed form",
     STRENGTH_DECIDES, "thm2_mc.c", NULL, 0, 0},
    {"thm2.grid.exact", CHECK_EXACT, ST_HOLDS, 0,
     "every data set, n = 1..64: P[Bas <= alpha] >= P[B.4 event] >= 1 - 2d (3/4)^n on Lemma 2.C's exact "
     "probabilities (hand-derived formulas, enumerated only on tiny cases)",
     STRENGTH_DECIDES, "thm2_prob.c", NULL, 0, 0},
    {"thm2.union.one", CHECK_EXACT, ST_HOLDS, 0,
     "one needy side, n = 1..64: 1 - P[Bas <= alpha] = c^n exactly with the paper's c = 3/4 (B.4's per-neuron "
     "failure probability is the claimed constant, so it cannot be lowered)",
     STRENGTH_DECIDES, "thm2_prob.c", NULL, 0, 0},
    {"thm2.grid.agree", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "Monte Carlo rates of Bas <= alpha and of B.4's event = Lemma 2.C's exact probabilities on every grid "
     "cell (two-sided tests in the family)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.appc1.n5", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^5, appc1 data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.appc4.n10", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^10, appc4 data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.appc16.n15", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^15, appc16 data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.mixed.n11", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^11, mixed data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.rand3.n9", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^9, rand3 data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.mc.rand8.n13", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "P[Bas(W,v) <= alpha] >= 1 - 2d (3/4)^13, rand8 data (first width with bound >= 1/2)",
     STRENGTH_STATISTICAL, "thm2_grid.c", NULL, 0, 0},
    {"thm2.cor.single", CHECK_EXACT, ST_HOLDS, 0,
     "Appendix C data: a single neuron starts in a globally optimal basin with probability 2^-d exactly, "
     "and alpha_n never exceeds its optimum",
     STRENGTH_DECIDES, "thm2_prob.c", NULL, 1, 0},
    {"thm2.cor.transition", CHECK_EXACT, ST_HOLDS, 0,
     "Appendix C data, d = 1..512: n*(d) (least n with P >= 1/2) <= the width the bound guarantees",
     STRENGTH_DECIDES, "thm2_prob.c", NULL, 1, 0},
    {"thm2.control.skewed", CHECK_AGREEMENT, ST_VIOLATED, 1,
     "non-symmetric law (Assumption 1 broken): the rate against the exact probability under Assumption 1 "
     "must be rejected",
     STRENGTH_STATISTICAL, "thm2.c", NULL, 0, 0},
    {"thm2.control.tight", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "appc1, n = 8: the constant 3/4 lowered to 2/3 must be violated (one needy side alone fails with "
     "probability (3/4)^8 > 2 (2/3)^8)",
     STRENGTH_STATISTICAL, "thm2.c", NULL, 0, 0},
    {"thm2.control.tight.exact", CHECK_EXACT, ST_FAILS, 1,
     "P[Bas <= alpha] >= 1 - 2d (2/3)^n claimed on every data set for n = 1..64, refuted exactly",
     STRENGTH_DECIDES, "thm2_prob.c", NULL, 0, 0},
    {"thm2.control.nonsingleton", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "a point with two non-zero coordinates: the hypothesis check must report the data inapplicable",
     STRENGTH_DECIDES, "thm2_data.c", NULL, 0, 0},
    {"thm2.control.naive", CHECK_EXACT, ST_FAILS, 1,
     "'alpha = the sum of the per-side optima' at small n, against every cell of the engine, must fail",
     STRENGTH_DECIDES, "thm2_basin.c", NULL, 0, 0},
    {"thm2.closedform", CHECK_EXACT, ST_HOLDS, 0,
     "Lemma 2.A's closed-form Bas = the certified engine's value on every sample that runs it (sanity: a "
     "closed form against the engine computing the same value)",
     STRENGTH_SANITY, "thm2_mc.c", NULL, 0, 0},
};
/* clang-format on */

#define THM2_NSPECS ((slong) (sizeof(thm2_specs) / sizeof(thm2_specs[0])))

/* The false variants of the claims, each applied where the module defines
   what it changes: the constant in thm2_side_fail, B.4's event and W' in
   the sample (thm2_mc.c), the controls where they are built. */
static const mutant_spec thm2_mutants[] = {
    {"thm2.mutant.side_fail_2_3",
     "B.4's per-neuron failure probability 3/4 lowered to 2/3 where every path reads it (exact grid, one "
     "needy side, Monte Carlo rows, the user's bound, the corollary's width): false a priori, one needy side "
     "fails with probability exactly (3/4)^n > (2/3)^n",
     "thm2.grid.exact thm2.union.one thm2.mc.appc1.n5 thm2.mc.appc4.n10 thm2.mc.appc16.n15 thm2.mc.mixed.n11 "
     "thm2.mc.rand3.n9 thm2.mc.rand8.n13 thm2.user thm2.cor.transition"},
    {"thm2.mutant.event_any_sign",
     "B.4's event without the output sign (a side counts as served by any neuron active on it): false a "
     "priori as a sufficient condition, a neuron of the wrong output sign leaves the side at C_k > opt_k",
     "thm2.b4.appc4.n6 thm2.b4.mixed.n8 thm2.b4.small.n3 thm2.b4.rand8.n10 thm2.b4.appc16.n15 "
     "thm2.grid.agree"},
    {"thm2.mutant.b4_unscaled",
     "B.4's W' without the division by |v_i|: the serving neuron then predicts |v_i| |beta*_k| |s_t|, not "
     "|s_t| beta*_k, so L(W') != alpha",
     "thm2.b4.appc4.n6 thm2.b4.mixed.n8 thm2.b4.rand8.n10 thm2.b4.appc16.n15"},
    {"thm2.mutant.appc_q_one",
     "Appendix C's data with q = 1 (eps = 1/2, outside its hypothesis eps < 1/2): both sides of a coordinate "
     "tie, so the single neuron is optimal with probability 1, not 2^-d",
     "thm2.cor.single"},
    {"thm2.mutant.unskewed", "the skewed control drawn by the Gaussian law: Assumption 1 restored",
     "thm2.control.skewed"},
    {"thm2.mutant.tight_restored",
     "the tightened controls' constant 2/3 restored to the paper's 3/4: the true claim",
     "thm2.control.tight "
     "thm2.control.tight.exact"},
    {"thm2.mutant.nonsingleton_restored",
     "the control's inserted point (1, 1/2, 0) made a singleton (1, 0, 0): the hypothesis restored",
     "thm2.control.nonsingleton"},
    {"thm2.mutant.naive_wide",
     "the naive-alpha control asked at widths where every need can be met (small at n = 4, appc1 at n = 2, "
     "3): the true claim (Lemma 2.B)",
     "thm2.control.naive"},
};

#define THM2_NMUTANTS ((slong) (sizeof(thm2_mutants) / sizeof(thm2_mutants[0])))

/* ------------------------------------------------- the constants */

void
thm2_side_fail(fmpq_t c, const run_t R)
{
    paper_side_fail(c);
    if (run_mutant(R, "thm2.mutant.side_fail_2_3"))
        fmpq_set_si(c, 2, 3);
}

void
thm2_claim_bound(fmpq_t b, char **tex, const run_t R, slong sides, slong n)
{
    fmpq_t c;
    fmpq_init(c);
    thm2_side_fail(c, R);
    thm2_bound(b, sides, n, c);
    if (tex != NULL)
    {
        char *s = fmpq_get_str(NULL, 10, c);
        *tex = bc_aprintf("1-%ld(%s)^{%ld}", (long) sides, s, (long) n);
        flint_free(s);
    }
    fmpq_clear(c);
}

void
thm2_control_fail(fmpq_t c, const run_t R)
{
    if (run_mutant(R, "thm2.mutant.tight_restored"))
        thm2_side_fail(c, R);
    else
        fmpq_set_si(c, 2, 3);
}

void
thm2_push_count(run_t R, check_t c, slong bad, slong undecided, char *wit, const char *otherwise)
{
    check_set_witness(c, "%s", wit != NULL ? wit : otherwise);
    if (wit != NULL)
        flint_free(wit);
    check_count(c, bad, undecided);
    run_push(R, c);
}

int
thm2_wants_all(const run_t R)
{
    slong j;
    for (j = 0; j < R->mod->nspecs; j++)
        if (!run_wants(R, R->mod->specs[j].id))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ user */

/* the built-in example: docs/examples/basin-data.csv, singleton data, at
   the first width whose bound reaches 1/2 */
static const char builtin_csv[] = "1,0,0,3\n0,2,0,-1\n0,0,0.5,0.25\n";
#define BUILTIN_WIDTH 9

#define USER_MAX_WIDTH 4096
#define USER_MAX_ND ((slong) 1 << 20)

/* samples of the user's check and of the sampled controls (quick,
   default, full); the controls never fewer than CONTROL_MIN */
static const ulong user_sizes[3] = {4000, 20000, 200000};
static const ulong control_sizes[3] = {2000, 20000, 200000};
#define CONTROL_MIN 2000

/* reads the user's data (or the built-in example) into D and its width
   into *n; returns 0, or 2 after a one-line message */
static int
user_load(singleton_data_t D, slong *n, const run_t R)
{
    const run_opts *o = R->opts;
    char err[1024];
    *n = o->width > 0 ? o->width : BUILTIN_WIDTH;
    if (o->data != NULL && o->width <= 0)
    {
        module_input_error("thm2: --data needs --width N (the network's width, N >= 1)");
        return 2;
    }
    if ((o->data != NULL ? thm2_data_read(D, o->data, err, sizeof err)
                         : thm2_data_read_mem(D, "built-in example", builtin_csv, sizeof builtin_csv - 1, err,
                                              sizeof err)) != 0)
    {
        module_input_error(err);
        return 2;
    }
    if (*n > USER_MAX_WIDTH || *n * D->d > USER_MAX_ND)
    {
        snprintf(err, sizeof err,
                 "thm2: --width %ld is too large (at most %d, and width times d = %ld at most %ld)",
                 (long) *n, USER_MAX_WIDTH, (long) D->d, (long) USER_MAX_ND);
        module_input_error(err);
        return 2;
    }
    return 0;
}

static void
user_fields(check_t c, const singleton_data_t D, slong n, const fmpq_t bq, const thm2_tally *e)
{
    fmpq_t q;
    fmpq_init(q);
    singleton_alpha(q, NULL, D, n);
    check_field_fmpq(c, "alpha", q);
    check_field_fmpq(c, "bound", bq);
    singleton_prob_good(q, D, n);
    check_field_fmpq(c, "exact_probability", q);
    singleton_prob_event(q, D, n);
    check_field_fmpq(c, "exact_probability_b4_event", q);
    check_field_add(c, "samples", "%lu", e->N);
    check_field_add(c, "successes", "%lu", e->good);
    check_field_add(c, "b4_event", "%lu", e->event);
    check_field_add(c, "width", "%ld", (long) n);
    check_field_add(c, "m", "%ld", (long) D->m);
    check_field_add(c, "d", "%ld", (long) D->d);
    check_field_add(c, "needy_sides", "%ld", (long) D->needy);
    fmpq_clear(q);
}

static void
check_user(run_t R, thm2_state *X, const singleton_data_t D, slong n)
{
    const char *name =
        R->opts->data != NULL ? R->opts->data : "built-in example (docs/examples/basin-data.csv)";
    thm2_tally e;
    check_t c;
    arb_t b;
    fmpq_t bq;
    char *btex, *tname, *what;

    run_check(R, c, "thm2.user");
    arb_init(b);
    fmpq_init(bq);
    thm2_claim_bound(bq, &btex, R, 2 * D->d, n);
    arb_set_fmpq(b, bq, 128);
    /* the engine beside the closed form on the built-in example only: its
       cost on the user's data has no bound */
    thm2_mc_run(&e, R, X, D, n, SAMPLER_GAUSS, run_samples(R, "thm2.user", user_sizes, 0),
                R->opts->data == NULL ? THM2_RUN_PLAIN : THM2_RUN_CLOSED, "thm2.user");
    check_set_mc(c, e.N, e.good, e.und, 0, b, btex);
    tname = escape_tex(name); /* a file name in LaTeX text */
    c->statement =
        bc_aprintf("Here on %s data \\texttt{%s}: $m=%ld$ points in $d=%ld$ (%ld of the $2d$ sides "
                   "with a need), width $n=%ld$, law \\texttt{gauss}.",
                   R->opts->data != NULL ? "the user's" : "example", tname, (long) D->m, (long) D->d,
                   (long) D->needy, (long) n);
    user_fields(c, D, n, bq, &e);
    what = bc_aprintf("Bas <= alpha per sample, data %s", name);
    check_set_stream_witness(c, R->opts->seed, "thm2.user", what);
    run_push(R, c);
    flint_free(what);
    flint_free(tname);
    flint_free(btex);
    arb_clear(b);
    fmpq_clear(bq);
}

/* -------------------------------------------------------- controls */

/* Assumption 1 broken: the weights drawn from the skewed law (N(s/2, s^2)
   coordinates: the signs are no longer fair coins), the rate against the
   exact probability under Assumption 1, two-sided */
static void
check_skewed(run_t R, thm2_state *X)
{
    const singleton_data_struct *D = X->S->D[THM2_APPC1];
    sampler_kind law = run_mutant(R, "thm2.mutant.unskewed") ? SAMPLER_GAUSS : SAMPLER_SKEWED;
    slong n = 2;
    thm2_tally e;
    check_t c;
    fmpq_t p;
    arb_t pb;
    char *ptex;

    run_check(R, c, "thm2.control.skewed");
    fmpq_init(p);
    arb_init(pb);
    singleton_prob_good(p, D, n);
    arb_set_fmpq(pb, p, 128);
    ptex = fmpq_get_str(NULL, 10, p);
    thm2_mc_run(&e, R, X, D, n, law, run_samples(R, "thm2.control.skewed", control_sizes, CONTROL_MIN),
                THM2_RUN_PLAIN, "thm2.control.skewed");
    check_add_test(c, TEST_EQUAL, NULL, e.N, e.good, e.und, 0, pb, ptex);
    c->statement =
        bc_aprintf("Here \\texttt{appc1}, $n=%ld$, law \\texttt{%s}.", (long) n, sampler_name(law));
    check_field_add(c, "exact probability (Assumption 1)", "%s", ptex);
    check_set_stream_witness(c, R->opts->seed, "thm2.control.skewed", "Bas <= alpha per sample");
    run_push(R, c);
    flint_free(ptex);
    fmpq_clear(p);
    arb_clear(pb);
}

/* the constant lowered to thm2_control_fail on appc1 at n = 8 */
static void
check_tight(run_t R, thm2_state *X)
{
    const singleton_data_struct *D = X->S->D[THM2_APPC1];
    slong n = 8;
    thm2_tally e;
    check_t c;
    arb_t b;
    fmpq_t tb, ct, p;
    char *s, *btex;

    run_check(R, c, "thm2.control.tight");
    fmpq_init(tb);
    fmpq_init(ct);
    fmpq_init(p);
    arb_init(b);
    thm2_control_fail(ct, R);
    thm2_bound(tb, 2 * D->d, n, ct);
    arb_set_fmpq(b, tb, 128);
    s = fmpq_get_str(NULL, 10, ct);
    btex = bc_aprintf("1-%ld(%s)^{%ld}", (long) (2 * D->d), s, (long) n);
    thm2_mc_run(&e, R, X, D, n, SAMPLER_GAUSS,
                run_samples(R, "thm2.control.tight", control_sizes, CONTROL_MIN), THM2_RUN_PLAIN,
                "thm2.control.tight");
    check_set_mc(c, e.N, e.good, e.und, 0, b, btex);
    singleton_prob_good(p, D, n);
    c->statement = bc_aprintf("Here the constant is $%s$; the exact probability is %.6f.", s, fmpq_get_d(p));
    check_field_fmpq(c, "exact probability", p);
    check_set_stream_witness(c, R->opts->seed, "thm2.control.tight", "Bas <= alpha per sample");
    run_push(R, c);
    flint_free(s);
    flint_free(btex);
    fmpq_clear(tb);
    fmpq_clear(ct);
    fmpq_clear(p);
    arb_clear(b);
}

/* ------------------------------------------------------------- run */

/* the exact checks, the grid, the corollary and the sampled controls */
static void
exact_and_grid(run_t R, thm2_state *X, int all)
{
    thm2_exact *E = thm2_exact_checks(R, X->S, all);
    thm2_grid(R, X, all ? E : NULL);
    if (run_wants(R, "thm2.cor.single") || run_wants(R, "thm2.cor.transition") || all)
        thm2_corollary(R);
    if (X->need_all || run_wants(R, "thm2.control.skewed"))
        check_skewed(R, X);
    if (X->need_all || run_wants(R, "thm2.control.tight"))
        check_tight(R, X);
    if (run_wants(R, "thm2.control.tight.exact"))
        thm2_check_tight_exact(R, X->S, E);
    if (E != NULL)
    {
        thm2_exact_clear(E);
        flint_free(E);
    }
}

static int
thm2_exec(run_t R)
{
    thm2_state X;
    singleton_data_t U;
    slong un;
    int all = thm2_wants_all(R);

    memset(&X, 0, sizeof X);
    /* the closed form against the engine needs every sampled run; at
       quick size the engine runs beside the first samples of each */
    X.need_all = run_wants(R, "thm2.closedform");
    X.engine_quota = R->opts->size == SIZE_QUICK && X.need_all ? 30 : 0;

    /* the user's instance first: bad input stops before any work */
    singleton_data_init(U);
    if (user_load(U, &un, R) != 0)
    {
        singleton_data_clear(U);
        return 2;
    }
    X.S = flint_malloc(sizeof(thm2_sets));
    thm2_sets_init(X.S, R->opts->seed);
    if (X.need_all || run_wants(R, "thm2.user"))
        check_user(R, &X, U, un);
    if (run_wants(R, "thm2.data.singleton"))
        thm2_check_singleton(R, X.S);
    if (run_wants(R, "thm2.alpha"))
        thm2_check_alpha(R, X.S);
    if (run_wants(R, "thm2.prob.enum"))
        thm2_check_enum(R, X.S);
    thm2_check_b4(R, &X);
    exact_and_grid(R, &X, all);
    if (run_wants(R, "thm2.control.nonsingleton"))
        thm2_check_nonsingleton(R, X.S);
    if (run_wants(R, "thm2.control.naive"))
        thm2_check_naive(R, X.S);
    if (X.need_all)
        thm2_check_closedform(R, &X);
    if (all)
        thm2_describe_sets(R, X.S);

    thm2_sets_clear(X.S);
    flint_free(X.S);
    singleton_data_clear(U);
    return 0;
}

const module_struct module_thm2 = {
    "thm2",
    CLAIM,
    "Theorem 2: singleton data",
    0,
    thm2_specs,
    THM2_NSPECS,
    fragment_thm2,
    "data width",
    thm2_exec,
    thm2_mutants,
    THM2_NMUTANTS,
    NULL,
    NULL,
};

/* t-check.c -- check records: the setters of a verdict, the judgement of
   statistical tests with undecided samples against an exact oracle, and
   the rising-precision loop. */
#include <string.h>

#include "binom.h"
#include "check.h"
#include "mc.h"
#include "module.h"
#include "paper.h"
#include "rng.h"
#include "testutil.h"

/* P[Bin(N, p) <= k] >= a and P[Bin(N, p) >= k] >= a, decided exactly */
static int
cdf_ge(ulong N, const fmpq_t p, slong k, const fmpq_t a)
{
    fmpq_t t;
    int r;
    if (k < 0)
        return fmpq_sgn(a) <= 0;
    fmpq_init(t);
    binom_cdf_fmpq(t, N, p, (ulong) k);
    r = fmpq_cmp(t, a) >= 0;
    fmpq_clear(t);
    return r;
}

static int
sf_ge(ulong N, const fmpq_t p, ulong k, const fmpq_t a)
{
    /* P[X >= k] = 1 - P[X <= k - 1] */
    fmpq_t t;
    int r;
    fmpq_init(t);
    if (k == 0)
        fmpq_one(t);
    else
    {
        binom_cdf_fmpq(t, N, p, k - 1);
        fmpq_sub_si(t, t, 1);
        fmpq_neg(t, t);
    }
    r = fmpq_cmp(t, a) >= 0;
    fmpq_clear(t);
    return r;
}

/* p inside the Clopper-Pearson interval of k successes at per-side a */
static int
inside(ulong N, const fmpq_t p, ulong k, const fmpq_t a)
{
    return cdf_ge(N, p, (slong) k, a) && sf_ge(N, p, k, a);
}

/* judges one test through a checklist, returns its status */
static check_status
judge_one(check_test_kind kind, ulong N, ulong K, ulong U, const fmpq_t p, double tail)
{
    checklist_t L;
    check_t c;
    arb_t t;
    check_status st;
    checklist_init(L);
    check_init(c);
    arb_init(t);
    arb_set_fmpq(t, p, 256);
    c->id = bc_aprintf("t.one");
    c->claim = bc_aprintf("t");
    c->kind = kind == TEST_EQUAL ? CHECK_AGREEMENT : CHECK_MONTECARLO;
    check_add_test(c, kind, "cell", N, K, U, 0, t, NULL);
    checklist_push(L, c);
    checklist_judge(L, tail);
    st = L->checks[0].status;
    CU_ASSERT(L->checks[0].tests[0].status == st);
    arb_clear(t);
    check_clear(c);
    checklist_clear(L);
    return st;
}

static void
test_judge_oracle(void)
{
    rng_t r;
    slong it, iters = test_iters(300), bad = 0;
    fmpq_t p, a;
    fmpq_init(p);
    fmpq_init(a);
    rng_init(r, test_seed(), 0x636865636bULL, 0);
    for (it = 0; it < iters; it++)
    {
        ulong N = 1 + rng_u64(r) % 40, K = rng_u64(r) % (N + 1), U = rng_u64(r) % (N - K + 1);
        ulong q = 2 + rng_u64(r) % 30, j;
        double tail = (it % 3 == 0) ? 0.05 : (it % 3 == 1 ? 0.005 : 0.2);
        int cons, viol;
        check_status st;
        fmpq_set_si(p, (slong) (rng_u64(r) % (q + 1)), q);
        bc_fmpq_set_d(a, tail);
        /* equality: consistent iff p inside every interval K..K+U,
           violated iff inside none */
        cons = 1;
        viol = 1;
        for (j = K; j <= K + U; j++)
        {
            int in = inside(N, p, j, a);
            cons &= in;
            viol &= !in;
        }
        st = judge_one(TEST_EQUAL, N, K, U, p, tail);
        if (st != (cons ? ST_CONSISTENT : (viol ? ST_VIOLATED : ST_UNDECIDED)))
        {
            char *ps = fmpq_get_str(NULL, 10, p);
            TEST_REPORT("equality test = exact oracle", "N=%lu K=%lu U=%lu p=%s tail=%g: %s", N, K, U, ps,
                        tail, check_status_str(st));
            flint_free(ps);
            bad++;
        }
        /* bound P >= p: consistent iff the upper limit of K reaches p
           (P[Bin(N, p) <= K] >= a), violated iff that of K + U does not */
        cons = K >= N || fmpq_sgn(p) == 0 || cdf_ge(N, p, (slong) K, a);
        viol = !(K + U >= N || fmpq_sgn(p) == 0 || cdf_ge(N, p, (slong) (K + U), a));
        st = judge_one(TEST_BOUND, N, K, U, p, tail);
        if (st != (cons ? ST_CONSISTENT : (viol ? ST_VIOLATED : ST_UNDECIDED)))
        {
            char *ps = fmpq_get_str(NULL, 10, p);
            TEST_REPORT("bound test = exact oracle", "N=%lu K=%lu U=%lu b=%s tail=%g: %s", N, K, U, ps, tail,
                        check_status_str(st));
            flint_free(ps);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    fmpq_clear(p);
    fmpq_clear(a);
}

/* undecided samples may never turn a verdict into a pass: the same tally
   with the undecided samples counted as failures would be consistent,
   counted as successes violated - the judgement must say undecided */
static void
test_undecided_not_optimistic(void)
{
    fmpq_t b;
    fmpq_init(b);
    /* 95 of 100 plus 5 undecided against P >= 0.97: with the 5 as
       successes (100/100) the claim is consistent, with them as failures
       (95/100) the upper limit 0.989.. still reaches 0.97 at tail 0.005?
       the oracle decides; the record must be consistent only if the
       pessimistic count is */
    fmpq_set_si(b, 99, 100);
    CU_ASSERT(judge_one(TEST_BOUND, 1000, 950, 50, b, 0.005) == ST_UNDECIDED);
    CU_ASSERT(judge_one(TEST_BOUND, 1000, 1000, 0, b, 0.005) == ST_CONSISTENT);
    CU_ASSERT(judge_one(TEST_BOUND, 1000, 950, 0, b, 0.005) == ST_VIOLATED);
    fmpq_set_si(b, 1, 2);
    CU_ASSERT(judge_one(TEST_EQUAL, 1000, 450, 100, b, 0.005) == ST_UNDECIDED);
    CU_ASSERT(judge_one(TEST_EQUAL, 1000, 450, 0, b, 0.005) == ST_VIOLATED);
    CU_ASSERT(judge_one(TEST_EQUAL, 1000, 500, 0, b, 0.005) == ST_CONSISTENT);
    fmpq_clear(b);
}

static void
test_setters(void)
{
    check_t c;
    check_init(c);
    check_decide(c, BC_TRUE);
    CU_ASSERT(c->status == ST_HOLDS);
    check_decide(c, BC_FALSE);
    CU_ASSERT(c->status == ST_FAILS);
    check_decide(c, BC_UNDECIDED);
    CU_ASSERT(c->status == ST_UNDECIDED);
    check_count(c, 0, 0);
    CU_ASSERT(c->status == ST_HOLDS);
    check_count(c, 1, 5);
    CU_ASSERT(c->status == ST_FAILS);
    check_count(c, 0, 1);
    CU_ASSERT(c->status == ST_UNDECIDED);
    check_refute(c, BC_TRUE);
    CU_ASSERT(c->status == ST_FAILS);
    /* a refutation that does not go through is never a pass */
    check_refute(c, BC_FALSE);
    CU_ASSERT(c->status == ST_UNDECIDED);
    check_refute(c, BC_UNDECIDED);
    CU_ASSERT(c->status == ST_UNDECIDED);
    check_hypothesis(c, BC_FALSE);
    CU_ASSERT(c->status == ST_INAPPLICABLE);
    check_hypothesis(c, BC_TRUE);
    CU_ASSERT(c->status == ST_HOLDS);
    /* what kills a mutant */
    CU_ASSERT(check_status_flipped(ST_FAILS, ST_HOLDS));
    CU_ASSERT(check_status_flipped(ST_VIOLATED, ST_CONSISTENT));
    CU_ASSERT(check_status_flipped(ST_HOLDS, ST_FAILS));
    CU_ASSERT(check_status_flipped(ST_CONSISTENT, ST_VIOLATED));
    CU_ASSERT(check_status_flipped(ST_HOLDS, ST_INAPPLICABLE));
    CU_ASSERT(!check_status_flipped(ST_UNDECIDED, ST_HOLDS));
    CU_ASSERT(!check_status_flipped(ST_UNDECIDED, ST_FAILS));
    CU_ASSERT(!check_status_flipped(ST_HOLDS, ST_HOLDS));
    CU_ASSERT(check_status_flipped(ST_INAPPLICABLE, ST_HOLDS));
    CU_ASSERT(!check_status_flipped(ST_INAPPLICABLE, ST_FAILS));
    check_clear(c);
}

/* x > 1/3 for x = 1/3 + 2^-e: needs about e bits */
static truth_t
above_third(void *ctx, slong prec)
{
    slong e = *(slong *) ctx;
    arb_t x, t;
    truth_t r;
    arb_init(x);
    arb_init(t);
    arb_set_ui(x, 1);
    arb_mul_2exp_si(x, x, -e);
    arb_set_ui(t, 1);
    arb_div_ui(t, t, 3, prec);
    arb_add(x, x, t, prec);
    arb_sub(x, x, t, prec);
    r = bc_arb_gt_zero(x);
    arb_clear(x);
    arb_clear(t);
    return r;
}

static void
test_decide_prec(void)
{
    check_t c;
    slong e = 300, reached = 0;
    check_init(c);
    CU_ASSERT(check_decide_prec(c, above_third, &e, 64) == BC_TRUE);
    CU_ASSERT(c->prec >= 300 && c->prec <= 1024);
    e = 100000; /* beyond BC_PREC_MAX: undecided, never a guess */
    CU_ASSERT(bc_decide_prec(&reached, above_third, &e, 64) == BC_UNDECIDED);
    CU_ASSERT(reached <= BC_PREC_MAX && 2 * reached > BC_PREC_MAX);
    check_clear(c);
}

/* the paper's constants against their statements, computed here */
static void
test_paper(void)
{
    fmpq_t q, w;
    slong n;
    fmpq_init(q);
    fmpq_init(w);
    paper_side_fail(q);
    fmpq_set_si(w, 3, 4);
    CU_ASSERT(fmpq_equal(q, w));
    paper_thm3_rate(q);
    fmpq_set_si(w, 1, 4);
    CU_ASSERT(fmpq_equal(q, w));
    paper_thm5_neuron_fail(q);
    fmpq_set_si(w, 7, 8);
    CU_ASSERT(fmpq_equal(q, w));
    paper_thm6_rate(q);
    fmpq_set_si(w, 1, 16);
    CU_ASSERT(fmpq_equal(q, w));
    for (n = 1; n < 10; n++)
    {
        paper_lemma8_noisy(q, n);
        fmpq_set_si(w, 1, 4 * n);
        CU_ASSERT(fmpq_equal(q, w));
    }
    for (n = 0; n < 70; n++)
    {
        /* 1/2 (1 - 2^-n) by its own arithmetic */
        fmpq_one(w);
        fmpq_div_2exp(w, w, (ulong) n);
        fmpq_sub_si(w, w, 1);
        fmpq_neg(w, w);
        fmpq_div_2exp(w, w, 1);
        paper_prop1_level(q, n);
        CU_ASSERT(fmpq_equal(q, w));
    }
    fmpq_clear(q);
    fmpq_clear(w);
}

/* --samples auto sizes the statistical checks only (a slack is that of an
   interval); --samples K every check; the user column on a user run */
static void
test_run_samples(void)
{
    static const check_spec specs[] = {
        {"t.mc", CHECK_MONTECARLO, ST_CONSISTENT, 0, "", STRENGTH_STATISTICAL, "t-check.c", NULL, 0, 1},
        {"t.agree", CHECK_AGREEMENT, ST_CONSISTENT, 0, "", STRENGTH_STATISTICAL, "t-check.c", NULL, 0, 0},
        {"t.exact", CHECK_EXACT, ST_HOLDS, 0, "", STRENGTH_DECIDES, "t-check.c", NULL, 0, 0},
    };
    static const ulong sizes[3] = {10, 20, 30};
    module_struct m;
    run_opts o;
    checklist_t L;
    run_t R;
    ulong autoN;

    memset(&m, 0, sizeof m);
    m.name = "t";
    m.specs = specs;
    m.nspecs = 3;
    test_quick_opts(&o, 1);
    o.samples = -1;
    o.slack = 0.02;
    checklist_init(L);
    run_init(R, &m, &o, L);
    autoN = mc_samples_for_slack(o.slack, o.tail);
    CU_ASSERT(autoN > 30);
    CU_ASSERT_EQUAL(run_samples(R, "t.mc", sizes, 0), autoN);
    CU_ASSERT_EQUAL(run_samples(R, "t.agree", sizes, 0), autoN);
    CU_ASSERT_EQUAL(run_samples(R, "t.exact", sizes, 0), 10);
    CU_ASSERT_EQUAL(run_samples(R, "t.exact", sizes, 15), 15);
    o.samples = 7;
    CU_ASSERT_EQUAL(run_samples(R, "t.exact", sizes, 0), 7);
    CU_ASSERT_EQUAL(run_samples(R, "t.agree", sizes, 9), 9);
    /* a user run: only the user's checks take --samples */
    o.width = 3;
    CU_ASSERT_EQUAL(run_samples(R, "t.mc", sizes, 0), 7);
    CU_ASSERT_EQUAL(run_samples(R, "t.agree", sizes, 0), 10);
    checklist_clear(L);
}

/* a benchmark's options: defaults, every option, one-line refusals */
static void
test_bench_opts(void)
{
    char *good[] = {"b",         "--quick", "--seed", "18446744073709551615", "--threads", "3",
                    "--samples", "5",       "--quiet"};
    char *bad[][3] = {{"b", "--samples", "abc"}, {"b", "--samples", "0"}, {"b", "--threads", "257"},
                      {"b", "--seed", "-1"},     {"b", "--nosuch", "1"},  {"b", "--quick", "--full"}};
    char *missing[] = {"b", "--seed"};
    run_opts o;
    slong i;

    CU_ASSERT_EQUAL(module_bench_opts(&o, 1, good, "usage"), 0);
    CU_ASSERT(o.seed == 1 && o.size == SIZE_DEFAULT && o.samples == 0 && o.progress == 1 && o.threads >= 1);
    CU_ASSERT_EQUAL(module_bench_opts(&o, 9, good, "usage"), 0);
    CU_ASSERT(o.seed == UINT64_MAX && o.size == SIZE_QUICK && o.threads == 3 && o.samples == 5 &&
              o.progress == 0);
    for (i = 0; i < 6; i++)
        if (module_bench_opts(&o, 3, bad[i], "usage") != 2)
        {
            TEST_REPORT("bad benchmark options refused", "%s %s", bad[i][1], bad[i][2]);
            CU_FAIL("accepted");
        }
    CU_ASSERT_EQUAL(module_bench_opts(&o, 2, missing, "usage"), 2);
}

static const test_case suite_tests[] = {
    {"bound and equality tests with undecided samples = exact oracle", test_judge_oracle},
    {"undecided samples never pass", test_undecided_not_optimistic},
    {"the setters of a verdict", test_setters},
    {"the rising-precision loop", test_decide_prec},
    {"the paper's constants", test_paper},
    {"--samples: auto for statistical checks, the user column", test_run_samples},
    {"a benchmark's options", test_bench_opts},
};

int
t_check_register(void)
{
    return TEST_SUITE("check", suite_tests);
}

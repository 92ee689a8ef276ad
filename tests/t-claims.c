/* t-claims.c -- the claims on sphere caps: the decisions of the Gamma-ratio
   inequalities against MPFR's log-Gamma (an independent evaluation of
   R(d) = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2))), with the statement's
   constant and with the tightened constants of the controls (the first
   violating d must be the one MPFR finds); the verdict rule of a range
   check (a certified counterexample fails it, whatever else is left);
   the pointwise confirmation against exact integer comparisons.  The
   module's records are checked against its table by t-modules, its
   mutants by tests/mutants. */
#include <mpfr.h>
#include <string.h>

#include "claims.h"
#include "rng.h"
#include "sphere.h"
#include "testutil.h"

#define NMAX 2000

/* log R(d) in MPFR at 256 bits */
static void
mpfr_log_ratio(mpfr_t out, slong d)
{
    mpfr_t a, b;
    mpfr_inits2(256, a, b, (mpfr_ptr) 0);
    mpfr_set_si(a, d, MPFR_RNDN);
    mpfr_div_ui(a, a, 2, MPFR_RNDN);
    mpfr_lngamma(out, a, MPFR_RNDN);
    mpfr_set_si(a, d - 1, MPFR_RNDN);
    mpfr_div_ui(a, a, 2, MPFR_RNDN);
    mpfr_lngamma(b, a, MPFR_RNDN);
    mpfr_sub(out, out, b, MPFR_RNDN);
    mpfr_const_pi(a, MPFR_RNDN);
    mpfr_log(a, a, MPFR_RNDN);
    mpfr_div_ui(a, a, 2, MPFR_RNDN);
    mpfr_sub(out, out, a, MPFR_RNDN);
    mpfr_clears(a, b, (mpfr_ptr) 0);
}

/* the first d in 2..N where inequality `which` with K fails, by MPFR
   (logs: margin = log(right side) - log(left side), fails when < 0), or
   -1; margins within 2^-200 of 0 do not occur for these K */
static slong
oracle_first_false(claims_ratio_ineq which, slong N, slong knum, slong kden)
{
    slong d;
    mpfr_t lk, l, r, t, lp;
    mpfr_inits2(256, lk, l, r, t, lp, (mpfr_ptr) 0);
    mpfr_set_si(lk, knum, MPFR_RNDN);
    mpfr_div_si(lk, lk, kden, MPFR_RNDN);
    mpfr_log(lk, lk, MPFR_RNDN);
    mpfr_const_pi(lp, MPFR_RNDN);
    mpfr_mul_ui(lp, lp, 2, MPFR_RNDN);
    mpfr_log(lp, lp, MPFR_RNDN); /* log(2 pi) */
    for (d = 2; d <= N; d++)
    {
        int fails;
        switch (which)
        {
        case CLAIMS_RATIO_MONO: /* log K + log R(d) < log R(d+1) */
            mpfr_log_ratio(l, d);
            mpfr_add(l, l, lk, MPFR_RNDN);
            mpfr_log_ratio(r, d + 1);
            fails = mpfr_cmp(l, r) >= 0;
            break;
        case CLAIMS_RATIO_LO: /* log K + log(d-1) - log(2 pi d)/2 <= log R(d) */
            mpfr_set_si(t, d - 1, MPFR_RNDN);
            mpfr_log(l, t, MPFR_RNDN);
            mpfr_set_si(t, d, MPFR_RNDN);
            mpfr_log(t, t, MPFR_RNDN);
            mpfr_add(t, t, lp, MPFR_RNDN);
            mpfr_div_ui(t, t, 2, MPFR_RNDN);
            mpfr_sub(l, l, t, MPFR_RNDN);
            mpfr_add(l, l, lk, MPFR_RNDN);
            mpfr_log_ratio(r, d);
            fails = mpfr_cmp(l, r) > 0;
            break;
        default: /* log R(d [+1]) <= log K + (log(d-1 [d]) - log(2 pi))/2 */
            mpfr_log_ratio(l, which == CLAIMS_RATIO_C3 ? d + 1 : d);
            mpfr_set_si(t, which == CLAIMS_RATIO_C3 ? d : d - 1, MPFR_RNDN);
            mpfr_log(r, t, MPFR_RNDN);
            mpfr_sub(r, r, lp, MPFR_RNDN);
            mpfr_div_ui(r, r, 2, MPFR_RNDN);
            mpfr_add(r, r, lk, MPFR_RNDN);
            fails = mpfr_cmp(l, r) > 0;
            break;
        }
        if (fails)
        {
            mpfr_clears(lk, l, r, t, lp, (mpfr_ptr) 0);
            return d;
        }
    }
    mpfr_clears(lk, l, r, t, lp, (mpfr_ptr) 0);
    return -1;
}

static void
test_ratio_decisions(void)
{
    static const struct
    {
        claims_ratio_ineq which;
        slong knum, kden;
    } cases[] = {{CLAIMS_RATIO_MONO, 1, 1},    {CLAIMS_RATIO_LO, 1, 1},         {CLAIMS_RATIO_HI, 1, 1},
                 {CLAIMS_RATIO_C3, 1, 1},      {CLAIMS_RATIO_MONO, 1001, 1000}, {CLAIMS_RATIO_LO, 1001, 1000},
                 {CLAIMS_RATIO_HI, 999, 1000}, {CLAIMS_RATIO_C3, 999, 1000},    {CLAIMS_RATIO_MONO, 101, 100},
                 {CLAIMS_RATIO_C3, 99, 100}};
    arb_ptr T = _arb_vec_init(NMAX + 2);
    size_t i;
    sphere_omega_ratio_table(T, NMAX + 1, 256);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
        slong held, df, dop, want = oracle_first_false(cases[i].which, NMAX, cases[i].knum, cases[i].kden);
        truth_t t =
            claims_ratio_decide(cases[i].which, T, NMAX, cases[i].knum, cases[i].kden, 256, &held, &df, &dop);
        if (df != want || dop != -1 || t != (want < 0 ? BC_TRUE : BC_FALSE))
            TEST_REPORT("ratio decision vs MPFR log-Gamma",
                        "inequality %d, K = %ld/%ld: first false %ld (MPFR %ld), first open %ld, truth %d",
                        (int) cases[i].which, (long) cases[i].knum, (long) cases[i].kden, (long) df,
                        (long) want, (long) dop, (int) t);
        CU_ASSERT_EQUAL(df, want);
        CU_ASSERT_EQUAL(dop, -1);
        CU_ASSERT_EQUAL(t, want < 0 ? BC_TRUE : BC_FALSE);
        /* the statements hold on the whole range; every control fails inside it */
        CU_ASSERT((cases[i].knum == 1) == (want < 0));
    }
    /* a ball that cannot decide: R(d) widened to +/- 1 is undecided, never true or false */
    {
        slong held, df, dop;
        arb_add_error_2exp_si(T + 100, 0);
        CU_ASSERT_EQUAL(claims_ratio_decide(CLAIMS_RATIO_MONO, T, NMAX, 1, 1, 256, &held, &df, &dop),
                        BC_UNDECIDED);
        CU_ASSERT_EQUAL(dop, 99);
        CU_ASSERT_EQUAL(df, -1);
    }
    _arb_vec_clear(T, NMAX + 2);
}

/* the verdict of a range check for every prover status and count of
   certified counterexamples */
static void
test_range_truth(void)
{
    static const struct
    {
        truth_t prover;
        slong ncex;
        truth_t want;
    } cases[] = {
        {BC_TRUE, 0, BC_TRUE},
        {BC_FALSE, 0, BC_FALSE},
        {BC_UNDECIDED, 0, BC_UNDECIDED},
        /* a refutation certified elsewhere refutes what the prover left open */
        {BC_UNDECIDED, 1, BC_FALSE},
        {BC_FALSE, 3, BC_FALSE},
        /* a proof contradicted by a certified counterexample: no verdict */
        {BC_TRUE, 1, BC_UNDECIDED},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
        truth_t t = claims_range_truth(cases[i].prover, cases[i].ncex);
        if (t != cases[i].want)
            TEST_REPORT("range verdict: a certified counterexample fails, a contradicted proof is undecided",
                        "prover %d, %ld counterexamples: %d (want %d)", (int) cases[i].prover,
                        (long) cases[i].ncex, (int) t, (int) cases[i].want);
        CU_ASSERT_EQUAL(t, cases[i].want);
    }
}

/* h(theta) = theta - a on a box, a = ctx, by interval evaluation */
static void
linear_value(arb_t res, const arb_t x, const arb_t lo, const arb_t hi, slong par, void *ctx, slong prec)
{
    (void) lo;
    (void) hi;
    (void) par;
    arb_set_fmpq(res, (const fmpq *) ctx, prec);
    arb_sub(res, x, res, prec);
}

/* claims_pointwise on h = theta - a, a = p/q, at theta_j = j hi / G:
   h < 0 (a certified counterexample) iff j hi_num q < p G hi_den, by
   integer comparison; h = 0 is never decided (open) */
static void
test_pointwise(void)
{
    slong it, iters = test_iters(200);
    rng_t rng;
    rng_init(rng, test_seed(), rng_stream_id("t-claims/pointwise"), 0);
    for (it = 0; it < iters; it++)
    {
        slong p = 1 + (slong) rng_below(rng, 40), q = 1 + (slong) rng_below(rng, 12);
        slong G = 1 + (slong) rng_below(rng, 16), hn = 1 + (slong) rng_below(rng, 5),
              hd = 1 + (slong) rng_below(rng, 3);
        slong dlo = 2 + (slong) rng_below(rng, 3), dhi = dlo + (slong) rng_below(rng, 3);
        slong skip = rng_below(rng, 2) ? dlo : -1, j, want = 0, nd = dhi - dlo + 1 - (skip >= 0), got;
        range_problem_t P;
        fmpq_t a, hi;
        check_t c;

        range_problem_init(P);
        fmpq_init(a);
        fmpq_init(hi);
        check_init(c);
        fmpq_set_si(a, p, (ulong) q);
        fmpq_set_si(hi, hn, (ulong) hd);
        P->value = linear_value;
        P->ctx = a;
        P->par_lo = dlo;
        P->par_hi = dhi;
        for (j = 1; j <= G; j++)
            want += j * hn * q < p * G * hd;
        want *= nd;
        got = claims_pointwise(c, P, G, hi, "hi", skip);
        if (got != want || (want > 0) != (c->witness != NULL) || c->nfields != 1)
            TEST_REPORT("pointwise counterexamples = exact count",
                        "a = %ld/%ld, hi = %ld/%ld, grid %ld, d in [%ld, %ld], "
                        "skip %ld: %ld (want %ld)",
                        (long) p, (long) q, (long) hn, (long) hd, (long) G, (long) dlo, (long) dhi,
                        (long) skip, (long) got, (long) want);
        CU_ASSERT_EQUAL(got, want);
        CU_ASSERT_EQUAL(want > 0, c->witness != NULL);
        CU_ASSERT_EQUAL(c->nfields, 1);
        check_clear(c);
        fmpq_clear(a);
        fmpq_clear(hi);
        range_problem_clear(P);
    }
    rng_clear(rng);
}

static const test_case suite_tests[] = {
    {"Gamma-ratio decisions vs MPFR, statements and controls", test_ratio_decisions},
    {"range verdict: certified refutations fail", test_range_truth},
    {"pointwise confirmation vs exact integer comparisons", test_pointwise},
};

int
t_claims_register(void)
{
    return TEST_SUITE("claims", suite_tests);
}

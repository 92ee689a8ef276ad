/* t-claims.c -- the claims on sphere caps: the decisions of the Gamma-ratio
   inequalities against MPFR's log-Gamma (an independent evaluation of
   R(d) = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2))), with the statement's
   constant and with the tightened constants of the controls (the first
   violating d must be the one MPFR finds), and the module's records. */
#include <mpfr.h>
#include <string.h>

#include "claims.h"
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

static void
test_module_records(void)
{
    run_opts o;
    test_quick_opts(&o, 2);
    CU_ASSERT_EQUAL(test_module_table(&module_claims, &o, 1), 0);
}

int
t_claims_register(void)
{
    CU_pSuite s = CU_add_suite("claims", NULL, NULL);
    if (s == NULL)
        return 1;
    if (CU_add_test(s, "Gamma-ratio decisions vs MPFR, statements and controls", test_ratio_decisions) ==
            NULL ||
        CU_add_test(s, "module records match the table", test_module_records) == NULL)
        return 1;
    return 0;
}

/* t-range.c -- the range prover on inequalities whose truth is known:
   sin x <= x on [0, 2] (holds; touches at 0), x^2 <= x on [0, 2] (fails
   on (1, 2]: a verified counterexample is required), 1 - cos x >= 0 on
   [0, 1] (touches at 0: holds only through the monotonicity argument),
   a parametrised family, random sub-ranges, and the budget. */
#include <math.h>
#include <string.h>

#include "range.h"
#include "rng.h"
#include "testutil.h"

/* --------------------------------------------------------- functions */

/* h = x - sin x by plain interval evaluation on x */
static void
h_x_minus_sin(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    (void) a, (void) b, (void) par, (void) ctx;
    arb_sin(res, x, prec);
    arb_sub(res, x, res, prec);
}

/* h' = 1 - cos x = 2 sin^2(x/2), a square: its enclosure is cut at 0 */
static void
d_x_minus_sin(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    (void) a, (void) b, (void) par, (void) ctx;
    arb_mul_2exp_si(res, x, -1);
    arb_sin(res, res, prec);
    arb_sqr(res, res, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_nonnegative_part(res, res);
}

/* h = x - x^2 = x (1 - x) */
static void
h_x_minus_sq(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t t;
    (void) a, (void) b, (void) par, (void) ctx;
    arb_init(t);
    arb_sub_ui(t, x, 1, prec);
    arb_neg(t, t);
    arb_mul(res, x, t, prec);
    arb_clear(t);
}

/* h = 1 - cos x, interval evaluation (its enclosure near 0 straddles 0) */
static void
h_one_minus_cos(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    (void) a, (void) b, (void) par, (void) ctx;
    arb_cos(res, x, prec);
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
}

/* h' = sin x, increasing on [0, 1] (< pi/2): enclosed by its values at the
   end points, so the box [0, B] gives exactly [0, sin B] */
static void
d_one_minus_cos(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t t;
    (void) x, (void) par, (void) ctx;
    arb_init(t);
    arb_sin(t, a, prec);
    arb_sin(res, b, prec);
    range_hull(res, t, res, prec);
    arb_clear(t);
}

/* family: h_p(x) = x^p - x^{p+1} >= 0 on [0, 1] for p = 1..par_hi; with
   ctx = &c, h = c x^p - x^{p+1}, false for c < 1 near x = 1 */
static void
h_family(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t t, c;
    (void) a, (void) b;
    arb_init(t);
    arb_init(c);
    arb_set_d(c, ctx == NULL ? 1.0 : *(const double *) ctx);
    arb_pow_ui(t, x, (ulong) par, prec);
    arb_mul(res, t, c, prec);
    arb_mul(t, t, x, prec);
    arb_sub(res, res, t, prec);
    arb_clear(t);
    arb_clear(c);
}

/* --------------------------------------------------------------- tests */

static void
test_holds_sin(void)
{
    range_problem_t P;
    range_result_t R;
    range_problem_init(P);
    range_result_init(R);
    P->value = h_x_minus_sin;
    P->deriv = d_x_minus_sin;
    arb_zero(P->lo);
    arb_set_ui(P->hi, 2);
    P->touch_lo = 1;
    range_prove(R, P);
    if (R->status != BC_TRUE)
    {
        char *s = range_result_str(R, P);
        TEST_REPORT("sin x <= x on [0, 2] holds", "%s", s);
        flint_free(s);
    }
    CU_ASSERT_EQUAL(R->status, BC_TRUE);
    CU_ASSERT(R->nproved_monotone >= 1);
    CU_ASSERT_FALSE(R->touch_contradicted);

    /* without the derivative the box at 0 can never be settled */
    P->deriv = NULL;
    P->max_depth = 12;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_UNDECIDED);
    CU_ASSERT(R->nleft >= 1);
    CU_ASSERT(R->nstored >= 1);
    /* the box left is the one at 0 */
    CU_ASSERT(arb_is_zero(R->left_lo + 0));
    range_problem_clear(P);
    range_result_clear(R);
}

static void
test_fails_square(void)
{
    range_problem_t P;
    range_result_t R;
    arb_t v, one;
    range_problem_init(P);
    range_result_init(R);
    arb_init(v);
    arb_init(one);
    P->value = h_x_minus_sq;
    arb_zero(P->lo);
    arb_set_ui(P->hi, 2);
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_FALSE);
    /* the counterexample is an exact point of (1, 2] with x - x^2 < 0,
       checked here independently in exact rational arithmetic */
    CU_ASSERT(arb_is_exact(R->cex_x));
    arb_one(one);
    CU_ASSERT(arb_gt(R->cex_x, one));
    CU_ASSERT(arb_le(R->cex_x, P->hi));
    CU_ASSERT(arb_is_negative(R->cex_value));
    {
        fmpq_t q, r;
        fmpq_init(q);
        fmpq_init(r);
        arf_get_fmpq(q, arb_midref(R->cex_x));
        fmpq_mul(r, q, q);
        fmpq_sub(r, q, r);
        CU_ASSERT(fmpq_sgn(r) < 0);
        fmpq_clear(q);
        fmpq_clear(r);
    }
    {
        char *s = range_result_str(R, P);
        CU_ASSERT(strncmp(s, "fails:", 6) == 0);
        flint_free(s);
    }
    arb_clear(v);
    arb_clear(one);
    range_problem_clear(P);
    range_result_clear(R);
}

static void
test_touch_cos(void)
{
    range_problem_t P;
    range_result_t R;
    range_problem_init(P);
    range_result_init(R);
    P->value = h_one_minus_cos;
    P->deriv = d_one_minus_cos;
    arb_zero(P->lo);
    arb_one(P->hi);
    P->touch_lo = 1;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_TRUE);
    CU_ASSERT(R->nproved_monotone >= 1);

    /* no touch assertion: the point enclosure at 0 is exactly 0 here
       (cos 0 = 1 exactly), so the prover still knows h(0) >= 0 */
    P->touch_lo = 0;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_TRUE);

    /* without the derivative: undecided, never holds, never fails */
    P->deriv = NULL;
    P->max_depth = 10;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_UNDECIDED);
    range_problem_clear(P);
    range_result_clear(R);
}

static void
test_family(void)
{
    range_problem_t P;
    range_result_t R;
    double c = 0.999;
    range_problem_init(P);
    range_result_init(R);
    P->value = h_family;
    arb_zero(P->lo);
    arb_one(P->hi);
    P->par_lo = 1;
    P->par_hi = 6;
    P->max_depth = 30;
    /* x^p (1 - x) >= 0 touches at both ends: without derivatives the two
       end boxes stay open at every depth */
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_UNDECIDED);
    CU_ASSERT_EQUAL(R->nparams, 6);
    /* 0.999 x^p - x^{p+1} < 0 on (0.999, 1]: a counterexample at p = 1 */
    P->ctx = &c;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_FALSE);
    CU_ASSERT_EQUAL(R->cex_par, 1);
    CU_ASSERT(arb_is_negative(R->cex_value));
    range_problem_clear(P);
    range_result_clear(R);
}

/* random sub-ranges [u, v] of [0, 2] for sin x <= x, and of [1, 2] for
   x^2 <= x, which must fail there */
static void
test_random(void)
{
    slong it, n = test_iters(20);
    rng_t r;
    range_problem_t P;
    range_result_t R;
    range_problem_init(P);
    range_result_init(R);
    rng_init(r, test_seed(), rng_stream_id("t-range/random"), 0);
    for (it = 0; it < n; it++)
    {
        double u = 2.0 * rng_uniform(r), w = 2.0 * rng_uniform(r);
        double lo = u < w ? u : w, hi = u < w ? w : u;
        if (hi - lo < 1e-6)
            continue;
        P->value = h_x_minus_sin;
        P->deriv = d_x_minus_sin;
        P->touch_lo = 0;
        arb_set_d(P->lo, lo);
        arb_set_d(P->hi, hi);
        range_prove(R, P);
        if (R->status != BC_TRUE)
            TEST_REPORT("sin x <= x on a sub-range", "[%.17g, %.17g] status %d", lo, hi, (int) R->status);
        CU_ASSERT_EQUAL(R->status, BC_TRUE);

        P->value = h_x_minus_sq;
        P->deriv = NULL;
        arb_set_d(P->lo, 1.0 + 0.5 * lo);
        arb_set_d(P->hi, 1.0 + 0.5 * hi);
        range_prove(R, P);
        if (R->status != BC_FALSE)
            TEST_REPORT("x^2 <= x fails on a sub-range of (1, 2]", "[%.17g, %.17g] status %d", 1.0 + 0.5 * lo,
                        1.0 + 0.5 * hi, (int) R->status);
        CU_ASSERT_EQUAL(R->status, BC_FALSE);
        CU_ASSERT(arb_ge(R->cex_x, P->lo) && arb_le(R->cex_x, P->hi));
    }
    range_problem_clear(P);
    range_result_clear(R);
}

static void
test_budget(void)
{
    range_problem_t P;
    range_result_t R;
    range_problem_init(P);
    range_result_init(R);
    P->value = h_x_minus_sin;
    arb_zero(P->lo);
    arb_set_ui(P->hi, 2);
    P->max_boxes = 5;
    range_prove(R, P);
    CU_ASSERT_EQUAL(R->status, BC_UNDECIDED);
    CU_ASSERT(R->nboxes <= 5);
    CU_ASSERT(R->nleft >= 1);
    CU_ASSERT(R->nstored <= RANGE_LEFT_MAX);
    range_problem_clear(P);
    range_result_clear(R);
}

static const test_case suite_tests[] = {
    {"sin x <= x holds (monotone at 0)", test_holds_sin},
    {"x^2 <= x fails with a verified point", test_fails_square},
    {"1 - cos x >= 0 touches at 0", test_touch_cos},
    {"parametrised family", test_family},
    {"random sub-ranges", test_random},
    {"box budget", test_budget},
};

int
t_range_register(void)
{
    return TEST_SUITE("range", suite_tests);
}

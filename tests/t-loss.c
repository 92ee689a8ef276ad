/* t-loss.c -- losses against hand-computed values and MPFR, the squared
   gap filter against an exact rational oracle, the ray predicates. */
#include <math.h>

#include "loss.h"
#include "testutil.h"

static int
ball_contains_mpfr(const arb_t x, const mpfr_t v)
{
    arb_t t;
    int ok;
    arb_init(t);
    arf_set_mpfr(arb_midref(t), v);
    ok = arb_contains(x, t);
    arb_clear(t);
    return ok;
}

static void
test_hand_values(void)
{
    data_t S;
    arb_ptr P;
    arb_t v, z;
    fmpq_t q;
    mpfr_t ref, e;

    /* squared: P = (1, 2), y = (0, 1): L = ((1-0)^2 + (2-1)^2)/2 = 1,
       L(0) = (0 + 1)/2 = 1/2, gap = 1/2 */
    data_init(S, 2, 1, 1);
    S->Y[0] = 0.0;
    S->Y[1] = 1.0;
    P = _arb_vec_init(2);
    arb_set_si(P + 0, 1);
    arb_set_si(P + 1, 2);
    arb_init(v);
    arb_init(z);
    fmpq_init(q);
    loss_value_arb(v, LOSS_SQUARED, P, S, 64);
    CU_ASSERT(arb_is_one(v));
    loss_zero_arb(z, LOSS_SQUARED, S, 64);
    fmpq_set_si(q, 1, 2);
    CU_ASSERT(arb_contains_fmpq(z, q));
    loss_gap_arb(v, LOSS_SQUARED, P, S, ARF_PREC_EXACT);
    CU_ASSERT(arb_is_exact(v) && arb_contains_fmpq(v, q));
    _arb_vec_clear(P, 2);
    data_clear(S);

    /* m = 3 at exact precision (division by 3 cannot be exact): P = (1, 1, 1),
       y = (1/2, 1/2, 1/2) gives gap exactly 0, which must stay an exact
       zero; y = (1, 0, 0) gives gap (1 - 2 + 1 + 1)/3 = 1/3, enclosed */
    data_init(S, 3, 1, 1);
    P = _arb_vec_init(3);
    arb_one(P + 0);
    arb_one(P + 1);
    arb_one(P + 2);
    S->Y[0] = S->Y[1] = S->Y[2] = 0.5;
    loss_gap_arb(v, LOSS_SQUARED, P, S, ARF_PREC_EXACT);
    CU_ASSERT(arb_is_zero(v));
    S->Y[0] = 1.0;
    S->Y[1] = S->Y[2] = 0.0;
    loss_gap_arb(v, LOSS_SQUARED, P, S, ARF_PREC_EXACT);
    fmpq_set_si(q, 1, 3);
    CU_ASSERT(arb_contains_fmpq(v, q) && arb_is_positive(v));
    loss_value_arb(v, LOSS_SQUARED, P, S, ARF_PREC_EXACT);
    fmpq_set_si(q, 2, 3);
    CU_ASSERT(arb_contains_fmpq(v, q));
    _arb_vec_clear(P, 3);
    data_clear(S);

    /* cross-entropy, k = 2, one point of label 0 with scores (1, 0):
       L = log(e + 1) - 1 = log(1 + 1/e); L(0) = log 2 */
    data_init(S, 1, 1, 2);
    S->lab[0] = 0;
    P = _arb_vec_init(2);
    arb_set_si(P + 0, 1);
    arb_zero(P + 1);
    mpfr_init2(ref, 300);
    mpfr_init2(e, 300);
    mpfr_set_si(e, -1, MPFR_RNDN);
    mpfr_exp(e, e, MPFR_RNDN);
    mpfr_log1p(ref, e, MPFR_RNDN);
    loss_value_arb(v, LOSS_XENT, P, S, 128);
    if (!ball_contains_mpfr(v, ref) || arb_rel_accuracy_bits(v) < 100)
    {
        TEST_REPORT("cross-entropy value log(1 + 1/e)", "got %s", arb_get_str(v, 30, 0));
        CU_FAIL("xent value");
    }
    loss_zero_arb(z, LOSS_XENT, S, 128);
    mpfr_set_ui(ref, 2, MPFR_RNDN);
    mpfr_log(ref, ref, MPFR_RNDN);
    CU_ASSERT(ball_contains_mpfr(z, ref));
    /* ray predicates: scores (1, 0) with label 0: label is the argmax, so
       the sufficient condition for Thm 1 (i) fails; the row is not
       constant, so the ray is strictly convex */
    CU_ASSERT(loss_ray_unbounded(LOSS_XENT, P, S) == BC_FALSE);
    CU_ASSERT(loss_ray_strictly_convex(LOSS_XENT, P, S) == BC_TRUE);
    S->lab[0] = 1;
    CU_ASSERT(loss_ray_unbounded(LOSS_XENT, P, S) == BC_TRUE);
    arb_set_si(P + 1, 1);
    CU_ASSERT(loss_ray_strictly_convex(LOSS_XENT, P, S) == BC_FALSE);
    arb_add_error_2exp_si(P + 1, -20);
    CU_ASSERT(loss_ray_strictly_convex(LOSS_XENT, P, S) == BC_UNDECIDED);
    _arb_vec_clear(P, 2);
    data_clear(S);

    mpfr_clear(ref);
    mpfr_clear(e);
    arb_clear(v);
    arb_clear(z);
    fmpq_clear(q);
}

static void
test_sq_filter(void)
{
    /* the filter's error bound holds against the exact rational gap,
       including near-ties where P = 2y or P is within ulps of it, and
       with inexact predictions (exact value P + delta, |delta| <= E) */
    slong it, n = test_iters(2000), fails = 0;
    rng_t r;
    rng_init(r, test_seed(), 21, 0);
    for (it = 0; it < n; it++)
    {
        slong m = 1 + (slong) rng_below(r, 6), t;
        data_t S;
        double *P = flint_malloc(m * sizeof(double)), *E = flint_malloc(m * sizeof(double));
        double *D = flint_malloc(m * sizeof(double));
        double gap, err;
        fmpq_t ex, a, b, y, g;
        data_init(S, m, 1, 1);
        fmpq_init(ex);
        fmpq_init(a);
        fmpq_init(b);
        fmpq_init(y);
        fmpq_init(g);
        for (t = 0; t < m; t++)
        {
            S->Y[t] = rng_normal(r);
            P[t] = (it % 2) ? 2.0 * S->Y[t] : rng_normal(r);
            if (it % 4 == 1)
                P[t] = nextafter(P[t], rng_below(r, 2) ? INFINITY : -INFINITY);
            D[t] = (it % 3 == 0) ? ldexp(rng_uniform(r) - 0.5, -30) * P[t] : 0.0;
            E[t] = fabs(D[t]);
        }
        if (loss_sq_gap_d(&gap, &err, P, E, S) == 0)
        {
            fmpq_zero(ex);
            for (t = 0; t < m; t++)
            {
                bc_fmpq_set_d(a, P[t]);
                bc_fmpq_set_d(b, D[t]);
                fmpq_add(a, a, b); /* the exact prediction */
                bc_fmpq_set_d(y, S->Y[t]);
                fmpq_mul_2exp(y, y, 1);
                fmpq_sub(b, a, y);
                fmpq_addmul(ex, a, b);
            }
            {
                fmpz_t mm;
                fmpz_init_set_si(mm, m);
                fmpq_div_fmpz(ex, ex, mm);
                fmpz_clear(mm);
            }
            bc_fmpq_set_d(g, gap);
            fmpq_sub(g, g, ex);
            fmpq_abs(g, g);
            bc_fmpq_set_d(a, err);
            if (fmpq_cmp(g, a) > 0 && fails++ == 0)
            {
                TEST_REPORT("|filtered gap - exact gap| <= err", "it=%ld m=%ld gap=%a err=%a", (long) it,
                            (long) m, gap, err);
                CU_FAIL("squared gap filter bound violated");
            }
        }
        fmpq_clear(ex);
        fmpq_clear(a);
        fmpq_clear(b);
        fmpq_clear(y);
        fmpq_clear(g);
        flint_free(P);
        flint_free(E);
        flint_free(D);
        data_clear(S);
    }
}

static const test_case suite_tests[] = {
    {"hand-computed values (oracle: MPFR)", test_hand_values},
    {"squared gap filter (oracle: fmpq)", test_sq_filter},
};

int
t_loss_register(void)
{
    return TEST_SUITE("loss", suite_tests);
}

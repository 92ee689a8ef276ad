/* t-mild.c -- the formulas the module "mild" states (mild.tex), each
   against an independent computation:
   - (A): the Hessian at W = V = I_k equals the hand-derived operator
     H W = (W + J W)/4 + (W^T + tr(W) I - 2 Diag W)/(2 pi) (built here
     entry by entry), and the exact eigenvectors of the least eigenvalue
     (antisymmetric off-diagonal part, zero column sums) have the Rayleigh
     quotient (pi - 2)/(4 pi) over the core's Hessian;
   - (E): at the split image of any point (critical or not), the curvature
     along (a, -a) on the two copies, taken from the core's Hessian of the
     width-(n+1) objective, equals a^T B_i a / (alpha (1 - alpha)) with
     B_i from pop_block at the width-n point;
   - mild_decide_near against a double oracle on exact balls. */
#include <math.h>

#include "mild.h"
#include "rng.h"
#include "testutil.h"

#define PREC 128

static double
rand_dyadic(rng_t r)
{
    return ldexp(floor(ldexp(2 * rng_uniform(r) - 1, 20)), -20);
}

/* the operator's matrix: entry ((i,a), (j,b)) of H W = (W + J W)/4 +
   (W^T + tr(W) I - 2 Diag W)/(2 pi), (H W)_{ia} = sum H_{(i,a),(j,b)} W_jb */
static void
operator_entry(arb_t e, slong k, slong i, slong a, slong j, slong b, const arb_t inv2pi)
{
    arb_t q;
    arb_init(q);
    arb_zero(e);
    /* (W + J W)/4: (JW)_{ia} = sum_j W_ja */
    if (a == b)
    {
        arb_set_d(q, (i == j) ? 0.5 : 0.25);
        arb_add(e, e, q, PREC);
    }
    /* W^T: (W^T)_{ia} = W_ai */
    if (j == a && b == i)
        arb_add(e, e, inv2pi, PREC);
    /* tr(W) I: i = a, j = b */
    if (i == a && j == b)
        arb_add(e, e, inv2pi, PREC);
    /* -2 Diag W: i = a = j = b */
    if (i == a && j == i && b == i)
        arb_submul_ui(e, inv2pi, 2, PREC);
    (void) k;
    arb_clear(q);
}

static void
test_hessian_operator(void)
{
    slong k, bad = 0;
    arb_t inv2pi, e;
    arb_init(inv2pi);
    arb_init(e);
    arb_const_pi(inv2pi, PREC);
    arb_mul_2exp_si(inv2pi, inv2pi, 1);
    arb_inv(inv2pi, inv2pi, PREC);
    for (k = 2; k <= 6; k++)
    {
        arb_mat_t V, H;
        slong i, a, j, b;
        arb_mat_init(V, k, k);
        arb_mat_init(H, k * k, k * k);
        arb_mat_one(V);
        pop_eval(NULL, NULL, H, V, V, PREC);
        for (i = 0; i < k; i++)
            for (a = 0; a < k; a++)
                for (j = 0; j < k; j++)
                    for (b = 0; b < k; b++)
                    {
                        operator_entry(e, k, i, a, j, b, inv2pi);
                        if (!arb_overlaps(e, arb_mat_entry(H, i * k + a, j * k + b)))
                        {
                            if (bad++ < 5)
                                TEST_REPORT("Hessian at I_k = the operator of mild.tex (A)",
                                            "k = %ld, entry ((%ld,%ld),(%ld,%ld))", (long) k, (long) i,
                                            (long) a, (long) j, (long) b);
                        }
                    }
        arb_mat_clear(V);
        arb_mat_clear(H);
    }
    CU_ASSERT_EQUAL(bad, 0);
    arb_clear(inv2pi);
    arb_clear(e);
}

/* random eigenvectors of the least eigenvalue: off-diagonal part
   antisymmetric, diagonal fixed by zero column sums */
static void
test_eigenvectors(void)
{
    rng_t r;
    slong it, bad = 0;
    arb_t c, q, den;
    rng_init(r, test_seed(), rng_stream_id("t-mild.eigen"), 0);
    arb_init(c);
    arb_init(q);
    arb_init(den);
    for (it = 0; it < test_iters(10); it++)
    {
        slong k = 2 + (slong) rng_below(r, 6), N = k * k, i, a;
        arb_mat_t V, H;
        arb_ptr u = _arb_vec_init(N), Hu = _arb_vec_init(N);
        run_t R;
        run_opts o;
        checklist_t L;
        arb_mat_init(V, k, k);
        arb_mat_init(H, N, N);
        arb_mat_one(V);
        pop_eval(NULL, NULL, H, V, V, PREC);
        for (i = 0; i < k; i++)
            for (a = i + 1; a < k; a++)
            {
                double x = rand_dyadic(r);
                arb_set_d(u + i * k + a, x);
                arb_set_d(u + a * k + i, -x);
            }
        for (a = 0; a < k; a++)
        {
            /* W_aa = -sum_{i != a} W_ia */
            for (i = 0; i < k; i++)
                if (i != a)
                    arb_sub(u + a * k + a, u + a * k + a, u + i * k + a, PREC);
        }
        for (i = 0; i < N; i++)
            arb_dot(Hu + i, NULL, 0, arb_mat_entry(H, i, 0), 1, u, 1, N, PREC);
        arb_dot(q, NULL, 0, u, 1, Hu, 1, N, PREC);
        arb_dot(den, NULL, 0, u, 1, u, 1, N, PREC);
        test_quick_opts(&o, 1);
        checklist_init(L);
        run_init(R, &module_mild, &o, L);
        mild_lmin_closed(c, R, PREC);
        checklist_clear(L);
        if (!arb_is_zero(den))
        {
            arb_div(q, q, den, PREC);
            if (!arb_overlaps(q, c))
            {
                bad++;
                TEST_REPORT("Rayleigh quotient of an exact eigenvector = (pi - 2)/(4 pi)",
                            "k = %ld, seed %llu", (long) k, (unsigned long long) test_seed());
            }
            /* and H u = c u entrywise */
            for (i = 0; i < N; i++)
            {
                arb_mul(den, c, u + i, PREC);
                if (!arb_overlaps(den, Hu + i))
                {
                    bad++;
                    TEST_REPORT("H u = c u", "k = %ld, entry %ld, seed %llu", (long) k, (long) i,
                                (unsigned long long) test_seed());
                    break;
                }
            }
        }
        _arb_vec_clear(u, N);
        _arb_vec_clear(Hu, N);
        arb_mat_clear(V);
        arb_mat_clear(H);
    }
    CU_ASSERT_EQUAL(bad, 0);
    rng_clear(r);
    arb_clear(c);
    arb_clear(q);
    arb_clear(den);
}

/* (E): u^T H' u at the split image = a^T B_i a / (alpha (1 - alpha)) */
static void
test_split_curvature(void)
{
    rng_t r;
    slong it, bad = 0;
    rng_init(r, test_seed(), rng_stream_id("t-mild.split"), 0);
    for (it = 0; it < test_iters(10); it++)
    {
        slong k = 2 + (slong) rng_below(r, 4), n = k, d = k, i = (slong) rng_below(r, (ulong) n), a, b;
        const double alphas[3] = {0.5, 0.25, 0.375};
        double al = alphas[rng_below(r, 3)];
        arb_mat_t W, V, Y, H, B;
        arb_ptr av = _arb_vec_init(d);
        arb_t lhs, rhs, m;
        arb_mat_init(W, n, d);
        arb_mat_init(V, k, d);
        arb_mat_init(Y, n + 1, d);
        arb_mat_init(H, (n + 1) * d, (n + 1) * d);
        arb_mat_init(B, d, d);
        arb_init(lhs);
        arb_init(rhs);
        arb_init(m);
        for (a = 0; a < n * d; a++)
            arb_set_d(arb_mat_entry(W, a / d, a % d), rand_dyadic(r));
        for (a = 0; a < k * d; a++)
            arb_set_d(arb_mat_entry(V, a / d, a % d), rand_dyadic(r));
        for (a = 0; a < d; a++)
            arb_set_d(av + a, rand_dyadic(r));
        /* the split image: rows i and n are alpha w_i and (1 - alpha) w_i */
        for (a = 0; a < n * d; a++)
            arb_set(arb_mat_entry(Y, a / d, a % d), arb_mat_entry(W, a / d, a % d));
        for (a = 0; a < d; a++)
        {
            arb_mul_2exp_si(m, arb_mat_entry(W, i, a), 0);
            arb_set_d(lhs, al);
            arb_mul(arb_mat_entry(Y, i, a), m, lhs, PREC);
            arb_set_d(lhs, 1.0 - al);
            arb_mul(arb_mat_entry(Y, n, a), m, lhs, PREC);
        }
        pop_eval(NULL, NULL, H, Y, V, PREC);
        pop_block(B, W, V, i, PREC);
        /* lhs = sum over the (p, p), (q, q), (p, q) blocks */
        arb_zero(lhs);
        arb_zero(rhs);
        for (a = 0; a < d; a++)
            for (b = 0; b < d; b++)
            {
                arb_mul(m, av + a, av + b, PREC);
                arb_add(rhs, arb_mat_entry(H, i * d + a, i * d + b), arb_mat_entry(H, n * d + a, n * d + b),
                        PREC);
                arb_submul_ui(rhs, arb_mat_entry(H, i * d + a, n * d + b), 2, PREC);
                arb_addmul(lhs, rhs, m, PREC);
            }
        arb_zero(rhs);
        for (a = 0; a < d; a++)
            for (b = 0; b < d; b++)
            {
                arb_mul(m, av + a, av + b, PREC);
                arb_addmul(rhs, arb_mat_entry(B, a, b), m, PREC);
            }
        arb_set_d(m, al * (1.0 - al));
        arb_div(rhs, rhs, m, PREC);
        if (!arb_overlaps(lhs, rhs))
        {
            bad++;
            TEST_REPORT("split curvature = a^T B_i a / (alpha (1 - alpha))",
                        "k = %ld, i = %ld, alpha = %g, seed %llu", (long) k, (long) i, al,
                        (unsigned long long) test_seed());
        }
        _arb_vec_clear(av, d);
        arb_mat_clear(W);
        arb_mat_clear(V);
        arb_mat_clear(Y);
        arb_mat_clear(H);
        arb_mat_clear(B);
        arb_clear(lhs);
        arb_clear(rhs);
        arb_clear(m);
    }
    CU_ASSERT_EQUAL(bad, 0);
    rng_clear(r);
}

static void
test_decide_near(void)
{
    rng_t r;
    slong it, bad = 0;
    arb_t x, c;
    rng_init(r, test_seed(), rng_stream_id("t-mild.near"), 0);
    arb_init(x);
    arb_init(c);
    for (it = 0; it < test_iters(1000); it++)
    {
        double xm = rand_dyadic(r), cm = rand_dyadic(r), rad = ldexp(rng_uniform(r), -8),
               tol = ldexp(1.0, -6);
        truth_t t, want;
        double lo, hi;
        arb_set_d(x, xm);
        mag_set_d(arb_radref(x), rad);
        arb_set_d(c, cm);
        /* the oracle: the interval [xm - rad', xm + rad'] with the radius as
           Arb stores it (rounded up), against [cm - tol, cm + tol] */
        lo = xm - mag_get_d(arb_radref(x)) - cm;
        hi = xm + mag_get_d(arb_radref(x)) - cm;
        if (lo > -tol && hi < tol)
            want = BC_TRUE;
        else if (lo >= tol || hi <= -tol)
            want = BC_FALSE;
        else
            want = BC_UNDECIDED;
        t = mild_decide_near(x, c, tol, PREC);
        /* lo, hi in double are exact here (dyadics of at most 30 bits) */
        if (t != want)
        {
            bad++;
            TEST_REPORT("mild_decide_near against the interval oracle", "x = %g +/- %g, c = %g, seed %llu",
                        xm, rad, cm, (unsigned long long) test_seed());
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    rng_clear(r);
    arb_clear(x);
    arb_clear(c);
}

int
t_mild_register(void)
{
    CU_pSuite s = CU_add_suite("mild", NULL, NULL);
    if (s == NULL)
        return 1;
    if (CU_add_test(s, "(A) Hessian at I_k against the hand-derived operator", test_hessian_operator) ==
            NULL ||
        CU_add_test(s, "(A) exact eigenvectors of (pi - 2)/(4 pi)", test_eigenvectors) == NULL ||
        CU_add_test(s, "(E) split curvature against the width-(n+1) Hessian", test_split_curvature) == NULL ||
        CU_add_test(s, "the tolerance decision against an interval oracle", test_decide_near) == NULL)
        return 1;
    return 0;
}

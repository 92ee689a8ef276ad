/* t-thm1.c -- the Theorem 1 machinery: the double gradient against
   central differences, the squared-loss closed form of c~ and the
   cross-entropy root isolation against the network itself, the
   hypothesis-(i) interval checker on a path through the zero predictor
   and on a zero at a knot, the squared-loss end decision against Vieta's
   formula, a hand-made instance whose rescaled path must be certified decreasing,
   and negative controls for the monotonicity decision. */
#include <math.h>
#include <string.h>

#include "thm1.h"
#include "testutil.h"

/* Smallest |pre-activation| of a hidden unit over the data: the
   objective is smooth in the parameters when this is positive. */
static double
min_abs_preact(const net_t N, const data_t S)
{
    slong t, layer, i, j, n, wmax = 0;
    double *h, *h2, *tmp, best = INFINITY;

    for (i = 0; i <= N->depth; i++)
        wmax = FLINT_MAX(wmax, N->width[i]);
    h = flint_malloc(wmax * sizeof(double));
    h2 = flint_malloc(wmax * sizeof(double));
    for (t = 0; t < S->m; t++)
    {
        n = S->d;
        memcpy(h, data_x(S, t), n * sizeof(double));
        for (layer = 1; layer < N->depth; layer++)
        {
            for (j = 0; j < N->width[layer]; j++)
            {
                const double *w = net_neuron(N, layer, j);
                double z = w[n];
                for (i = 0; i < n; i++)
                    z += w[i] * h[i];
                best = FLINT_MIN(best, fabs(z));
                h2[j] = z > 0.0 ? z : 0.0;
            }
            tmp = h;
            h = h2;
            h2 = tmp;
            n = N->width[layer];
        }
    }
    flint_free(h);
    flint_free(h2);
    return best;
}

static void
test_gradient(void)
{
    slong iter, q, iters = test_iters(20), done = 0;
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        loss_kind kind = iter % 2 ? LOSS_XENT : LOSS_SQUARED;
        slong depth = 2 + (iter / 2) % 3, k = kind == LOSS_XENT ? 3 : 1;
        slong width[5] = {3, 4, 3, 3, 0};
        net_t N;
        data_t S;
        double *g, fd, h = 1e-6, l0;
        int tries = 0;

        width[depth] = k;
        net_init(N, depth, width);
        data_init(S, 5, 3, k);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.grad"), (uint64_t) iter);
        data_randomize(S, 1.0, 1.0, rng);
        /* a point away from the ReLU kinks, so the derivative exists and
           central differences with step h see no kink */
        do
            net_randomize(N, SAMPLER_GAUSS, 0.8, rng);
        while (min_abs_preact(N, S) < 1e-2 && ++tries < 100);
        rng_clear(rng);
        if (tries >= 100)
        {
            net_clear(N);
            data_clear(S);
            continue;
        }

        g = flint_malloc(N->npar * sizeof(double));
        l0 = net_loss_grad_d(g, N, kind, S);
        done++;
        CU_ASSERT(isfinite(l0));
        for (q = 0; q < N->npar; q++)
        {
            double keep = N->par[q], lp, lm, *tmp = flint_malloc(N->npar * sizeof(double));
            N->par[q] = keep + h;
            lp = net_loss_grad_d(tmp, N, kind, S);
            N->par[q] = keep - h;
            lm = net_loss_grad_d(tmp, N, kind, S);
            N->par[q] = keep;
            flint_free(tmp);
            fd = (lp - lm) / (2.0 * h);
            if (fabs(fd - g[q]) > 1e-5 * FLINT_MAX(1.0, fabs(g[q])))
            {
                TEST_REPORT("gradient = central difference",
                            "loss %s depth %ld iter %ld par %ld: "
                            "backprop %.17g, difference %.17g",
                            loss_name(kind), (long) depth, (long) iter, (long) q, g[q], fd);
                CU_FAIL("gradient");
                break;
            }
        }
        flint_free(g);
        net_clear(N);
        data_clear(S);
    }
    CU_ASSERT(done >= iters / 2); /* the kink filter rarely rejects */
}

/* c~ from the formula, checked against the network: the output layer of
   W is scaled by the ball c~, the network evaluated with balls, and the
   loss enclosure must contain the target v. */
static void
test_root_vs_network(void)
{
    slong iter, q, iters = test_iters(20), done = 0;
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        loss_kind kind = iter % 2 ? LOSS_XENT : LOSS_SQUARED;
        slong depth = 2 + (iter / 2) % 2, k = kind == LOSS_XENT ? 3 : 1;
        slong width[4] = {3, 5, 4, 0}, mk;
        thm1_inst_t I;
        arb_ptr par, P, Q;
        arb_t c, v, L, Lz, lo;
        truth_t r;
        double vd;

        width[depth] = k;
        thm1_inst_init(I, kind, depth, width, 6, 2);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.root"), (uint64_t) iter);
        data_randomize(I->S, 1.0, 1.0, rng);
        net_randomize(I->N, SAMPLER_GAUSS, 1.0, rng);
        rng_clear(rng);
        mk = I->S->m * k;
        par = _arb_vec_init(I->N->npar);
        P = _arb_vec_init(mk);
        Q = _arb_vec_init(mk);
        arb_init(c);
        arb_init(v);
        arb_init(L);
        arb_init(Lz);
        arb_init(lo);
        net_get_arb(par, I->N);
        thm1_pred(P, I, par, ARF_PREC_EXACT);
        if (loss_ray_unbounded(kind, P, I->S) != BC_TRUE)
            goto next; /* the target above L(0) may be unreachable */

        /* a target above L(0): v = L(0) rounded up to 2^-10, + 0.5 (an
           exact double); f(0) = L(0) - v < 0 at lo = 0 */
        loss_zero_arb(Lz, kind, I->S, 128);
        vd = ceil(arf_get_d(arb_midref(Lz), ARF_RND_UP) * 1024.0) / 1024.0 + 0.5;
        arb_set_d(v, vd);
        if (kind == LOSS_SQUARED)
            r = thm1_sq_root(c, P, I->S, v, 256);
        else
            r = thm1_ray_root(c, kind, P, I->S, v, lo, 256);
        if (r != BC_TRUE)
        {
            TEST_REPORT("c~ isolated", "loss %s iter %ld: %s", loss_name(kind), (long) iter, bc_truth_str(r));
            CU_FAIL("root");
            goto next;
        }
        done++;
        for (q = I->N->offset[depth - 1]; q < I->N->npar; q++)
            arb_mul(par + q, par + q, c, 256);
        thm1_pred(Q, I, par, 256);
        loss_value_arb(L, kind, Q, I->S, 256);
        if (!arb_contains(L, v))
        {
            TEST_REPORT("L(c~ P) contains v", "loss %s iter %ld: c = %s, L = %s, v = %.17g", loss_name(kind),
                        (long) iter, arb_get_str(c, 20, 0), arb_get_str(L, 20, 0), vd);
            CU_FAIL("L(c~ P) = v");
        }
        /* the root is the largest one: the slope there is positive */
        {
            arb_t sl;
            arb_init(sl);
            arb_set_round(c, c, 256);
            _arb_vec_scalar_mul(Q, P, mk, c, 256);
            thm1_ray_slope(sl, kind, Q, I->S, 256);
            if (!arb_is_positive(sl))
            {
                TEST_REPORT("slope at c~ positive", "loss %s iter %ld", loss_name(kind), (long) iter);
                CU_FAIL("slope");
            }
            arb_clear(sl);
        }
    next:
        _arb_vec_clear(par, I->N->npar);
        _arb_vec_clear(P, mk);
        _arb_vec_clear(Q, mk);
        arb_clear(c);
        arb_clear(v);
        arb_clear(L);
        arb_clear(Lz);
        arb_clear(lo);
        thm1_inst_clear(I);
    }
    CU_ASSERT(done >= iters / 2); /* most random rays are unbounded */
}

/* The first knot lambda = j/K (K = nknots - 1) at which the sufficient
   condition for (i) fails, decided on the exact predictions of the knot's
   parameters: 1 and *where set to it, or 0. */
static int
first_failing_knot(arf_t where, const thm1_inst_t I)
{
    slong j, q, K = I->nknots - 1, mk = I->S->m * I->S->k;
    arb_ptr P = _arb_vec_init(mk), par = _arb_vec_init(I->N->npar);
    int found = 0;
    for (j = 0; j <= K && !found; j++)
    {
        for (q = 0; q < I->N->npar; q++)
            arb_set_d(par + q, thm1_knot(I, j)[q]);
        thm1_pred(P, I, par, ARF_PREC_EXACT);
        if (loss_ray_unbounded(I->kind, P, I->S) == BC_FALSE)
        {
            arf_set_si(where, j);
            arf_div_si(where, where, K, ARF_PREC_EXACT, ARF_RND_DOWN);
            found = 1;
        }
    }
    _arb_vec_clear(P, mk);
    _arb_vec_clear(par, I->N->npar);
    return found;
}

/* Paths through the zero predictor.  Variant 0: W(1) = W(0) with the
   output layer negated, so P(W(1/2)) = 0 exactly at the midpoint of the
   only segment; variants 1 and 2: a knot with a zero output layer (W(1/2)
   of three knots, W(1) of two), which the bisection never tests exactly
   (it is an end of its intervals).  The checker must return 1/2 for
   variant 0 and the zero knot for the others, unless the condition
   already fails at an earlier knot (decided from the knot's exact
   predictions: cross-entropy may classify every point correctly or with
   ties there), where it must return the first such knot. */
static void
test_zero_predictor(void)
{
    slong iter, q, j, iters = test_iters(12);
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        loss_kind kind = iter % 2 ? LOSS_XENT : LOSS_SQUARED;
        slong variant = (iter / 2) % 3, depth = 2 + (iter / 6) % 3, k = kind == LOSS_XENT ? 3 : 1;
        slong width[5] = {3, 4, 3, 3, 0}, nint, nleft, dmax, nknots = variant == 1 ? 3 : 2;
        thm1_inst_t I;
        arf_t where, want;
        truth_t r;

        width[depth] = k;
        thm1_inst_init(I, kind, depth, width, 5, nknots);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.zero"), (uint64_t) iter);
        data_randomize(I->S, 1.0, 1.0, rng);
        for (j = 0; j < nknots; j++)
        {
            net_randomize(I->N, SAMPLER_GAUSS, 1.0, rng);
            memcpy(thm1_knot(I, j), variant == 0 ? thm1_knot(I, 0) : I->N->par, I->N->npar * sizeof(double));
        }
        rng_clear(rng);
        for (q = I->N->offset[depth - 1]; q < I->N->npar; q++)
            thm1_knot(I, 1)[q] = variant == 0 ? -thm1_knot(I, 1)[q] : 0.0;
        arf_init(where);
        arf_init(want);
        if (!first_failing_knot(want, I))
            arf_set_d(want, 0.5);
        r = thm1_hyp_i(&nint, &nleft, &dmax, where, I, 30, 100000);
        if (r != BC_FALSE || !arf_equal(where, want))
        {
            TEST_REPORT("hypothesis (i) fails exactly at the zero predictor or the first knot where it fails",
                        "loss %s depth %ld variant %ld iter %ld: result %s, where %s", loss_name(kind),
                        (long) depth, (long) variant, (long) iter, bc_truth_str(r), arf_get_str(where, 20));
            CU_FAIL("zero predictor");
        }
        arf_clear(where);
        arf_clear(want);
        thm1_inst_clear(I);
    }
}

/* m L(c p) = sum_q (c p_q - y_q)^2 from the doubles p, exactly */
static void
direct_mloss(fmpq_t out, const double *p, const fmpq_t c, const data_t S)
{
    slong q;
    fmpq_t a, y;
    fmpq_init(a);
    fmpq_init(y);
    fmpq_zero(out);
    for (q = 0; q < S->m; q++)
    {
        bc_fmpq_set_d(a, p[q]);
        bc_fmpq_set_d(y, S->Y[q]);
        fmpq_mul(a, a, c);
        fmpq_sub(a, a, y);
        fmpq_addmul(out, a, a);
    }
    fmpq_clear(a);
    fmpq_clear(y);
}

/* The end decision of the squared loss against Vieta: along the ray of
   p the objective is f(c) = A c^2 - 2 B c + C, with A, B, C interpolated
   here from f(0), f(1), f(2) evaluated entry by entry; the level f(1) is
   reached at c = 1 and at 2B/A - 1, so the end root at T = L(p) is the
   larger of the two, exactly; a level above L(p) is reached at a point
   whose loss, evaluated from the predictions, is that level and not L(p);
   a level below the minimum C - B^2/A is never reached. */
static void
test_sq_ray_end(void)
{
    slong iter, q, iters = test_iters(30);
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        slong m = 2 + iter % 5;
        double p[6];
        data_t S;
        arb_ptr P = _arb_vec_init(m);
        fmpq_t f[3], A, B, c, mT, cq, vieta;
        arb_t e, L, Tb;
        int rational;
        truth_t t;

        data_init(S, m, 1, 1);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.sqend"), (uint64_t) iter);
        data_randomize(S, 1.0, 1.0, rng);
        for (q = 0; q < m; q++)
        {
            p[q] = ldexp(floor(ldexp(rng_normal(rng), 20)), -20);
            arb_set_d(P + q, p[q]);
        }
        rng_clear(rng);
        for (q = 0; q < 3; q++)
            fmpq_init(f[q]);
        fmpq_init(A);
        fmpq_init(B);
        fmpq_init(c);
        fmpq_init(mT);
        fmpq_init(cq);
        fmpq_init(vieta);
        arb_init(e);
        arb_init(L);
        arb_init(Tb);
        for (q = 0; q < 3; q++)
        {
            fmpq_set_si(c, q, 1);
            direct_mloss(f[q], p, c, S);
        }
        /* A = (f2 - 2 f1 + f0) / 2, 2B = A - (f1 - f0) */
        fmpq_sub(A, f[2], f[1]);
        fmpq_sub(A, A, f[1]);
        fmpq_add(A, A, f[0]);
        fmpq_div_2exp(A, A, 1);
        fmpq_sub(B, f[1], f[0]);
        fmpq_sub(B, A, B);
        fmpq_div_2exp(B, B, 1);
        fmpq_div(vieta, B, A);
        fmpq_mul_2exp(vieta, vieta, 1);
        fmpq_sub_si(vieta, vieta, 1);
        if (fmpq_cmp_si(vieta, 1) < 0)
            fmpq_one(vieta);
        t = thm1_sq_ray_end(e, cq, &rational, P, S, f[1]);
        if (t != BC_TRUE || !rational || !fmpq_equal(cq, vieta))
        {
            TEST_REPORT("end root at T = L(P) is Vieta's larger root", "iter %ld: %s, rational %d",
                        (long) iter, bc_truth_str(t), rational);
            CU_FAIL("end root");
        }

        /* a level above L(P): its root is a point on that level, not on L(P) */
        fmpq_add_si(mT, f[1], 1);
        t = thm1_sq_ray_end(e, cq, &rational, P, S, mT);
        loss_ray_arb(L, LOSS_SQUARED, e, P, S, 512);
        arb_set_fmpq(Tb, mT, 512);
        arb_div_si(Tb, Tb, m, 512);
        if (t != BC_FALSE || !arb_contains(L, Tb))
        {
            TEST_REPORT("a level above L(P) ends above L(P)", "iter %ld: %s", (long) iter, bc_truth_str(t));
            CU_FAIL("end above");
        }

        /* a level below the minimum C - B^2/A of the ray is not reached */
        fmpq_mul(mT, B, B);
        fmpq_div(mT, mT, A);
        fmpq_sub(mT, f[0], mT);
        fmpq_sub_si(mT, mT, 1);
        t = thm1_sq_ray_end(e, cq, &rational, P, S, mT);
        CU_ASSERT_EQUAL(t, BC_FALSE);

        /* the zero ray reaches nothing: undecided, never a verdict */
        _arb_vec_zero(P, m);
        t = thm1_sq_ray_end(e, cq, &rational, P, S, f[0]);
        CU_ASSERT_EQUAL(t, BC_UNDECIDED);

        for (q = 0; q < 3; q++)
            fmpq_clear(f[q]);
        fmpq_clear(A);
        fmpq_clear(B);
        fmpq_clear(c);
        fmpq_clear(mT);
        fmpq_clear(cq);
        fmpq_clear(vieta);
        arb_clear(e);
        arb_clear(L);
        arb_clear(Tb);
        _arb_vec_clear(P, m);
        data_clear(S);
    }
}

/* Hand-made depth-2 instance: d = 1, two hidden units, x = 1, -1,
   targets 1, 1.  W0: units relu(x), relu(-x), output (-1, -1), so
   P(W0) = (-1, -1), L0 = 4 > L(0) = 1.  W1: units relu(x), relu(-2x),
   output (1, 1/2), so P(W1) = (1, 1), L1 = 0.  Along the straight line
   the predictions vanish at lambda = 1/2 and 2/3 on different points,
   never together, so (i) holds.  The rescaled path must be certified
   decreasing, start at W0 and end at W1 itself (|p|^2 = 2 >= <p,y> =
   2, so the end root is exactly 1). */
static void
test_hand_instance(void)
{
    static const double w0[6] = {1, 0, -1, 0, -1, -1};
    static const double w1[6] = {1, 0, -2, 0, 1, 0.5};
    slong width[3] = {1, 2, 1}, nint, nleft, dmax, bad, maxprec, n = 256;
    thm1_inst_t I;
    thm1_rescale_t R;
    arb_ptr L;
    arf_t where;
    truth_t r;

    thm1_inst_init(I, LOSS_SQUARED, 2, width, 2, 2);
    I->S->X[0] = 1.0;
    I->S->X[1] = -1.0;
    I->S->Y[0] = 1.0;
    I->S->Y[1] = 1.0;
    memcpy(thm1_knot(I, 0), w0, sizeof(w0));
    memcpy(thm1_knot(I, 1), w1, sizeof(w1));

    arf_init(where);
    r = thm1_hyp_i(&nint, &nleft, &dmax, where, I, 30, 100000);
    CU_ASSERT_EQUAL(r, BC_TRUE);
    arf_clear(where);

    thm1_rescale_init(R, n);
    r = thm1_rescale_build(R, I);
    CU_ASSERT_EQUAL(r, BC_TRUE);
    CU_ASSERT_EQUAL(R->start, BC_TRUE);
    CU_ASSERT_EQUAL(R->end, BC_TRUE);
    CU_ASSERT_EQUAL(R->end_case, 1);
    CU_ASSERT(R->c[0] == 1.0 && R->c[n] == 1.0);
    L = _arb_vec_init(n + 1);
    r = thm1_rescale_decreasing(&bad, &maxprec, L, R, I);
    if (r != BC_TRUE)
    {
        TEST_REPORT("hand instance: rescaled path decreasing", "result %s, pair %ld", bc_truth_str(r),
                    (long) bad);
        CU_FAIL("hand instance");
    }
    /* L at s = 0 is 4, at s = 2 it is 0, exactly representable */
    {
        arb_t e;
        arb_init(e);
        arb_set_si(e, 4);
        CU_ASSERT(arb_contains(L, e));
        arb_zero(e);
        CU_ASSERT(arb_contains(L + n, e));
        arb_clear(e);
    }
    _arb_vec_clear(L, n + 1);
    thm1_rescale_clear(R);
    thm1_inst_clear(I);
}

/* The monotonicity decision can fail: a sequence that rises, one whose
   neighbours overlap, and the rise search on them. */
static void
test_monotone_control(void)
{
    arb_ptr L = _arb_vec_init(4);
    slong bad, i1, i2;
    truth_t r;

    arb_set_si(L + 0, 3);
    arb_set_si(L + 1, 2);
    arb_set_d(L + 2, 2.5);
    arb_set_si(L + 3, 1);
    r = thm1_seq_decreasing(&bad, L, 4);
    CU_ASSERT_EQUAL(r, BC_FALSE);
    CU_ASSERT_EQUAL(bad, 1);
    r = thm1_find_rise(&i1, &i2, L, 4);
    CU_ASSERT(r == BC_TRUE && i1 == 1 && i2 == 2);

    /* overlapping balls: undecided, never a pass */
    arb_set_d(L + 2, 1.75);
    mag_set_d(arb_radref(L + 2), 0.5);
    r = thm1_seq_decreasing(&bad, L, 4);
    CU_ASSERT_EQUAL(r, BC_UNDECIDED);
    CU_ASSERT_EQUAL(bad, 1);

    /* equal neighbours are not strictly decreasing */
    arb_set_si(L + 2, 2);
    r = thm1_seq_decreasing(&bad, L, 4);
    CU_ASSERT_EQUAL(r, BC_FALSE);

    /* and a strictly decreasing sequence passes, with no rise */
    arb_set_d(L + 2, 1.5);
    r = thm1_seq_decreasing(&bad, L, 4);
    CU_ASSERT_EQUAL(r, BC_TRUE);
    r = thm1_find_rise(&i1, &i2, L, 4);
    CU_ASSERT_EQUAL(r, BC_FALSE);
    _arb_vec_clear(L, 4);
}

static const test_case suite_tests[] = {
    {"net_loss_grad_d against central differences", test_gradient},
    {"c~ (closed form / root isolation) against the network", test_root_vs_network},
    {"hypothesis (i) checker finds the zero predictor, at 1/2 or at a knot", test_zero_predictor},
    {"squared-loss end decision against Vieta and the predictions", test_sq_ray_end},
    {"hand-made depth-2 instance: rescaled path decreasing", test_hand_instance},
    {"monotonicity decision negative controls", test_monotone_control},
};

int
t_thm1_register(void)
{
    return TEST_SUITE("thm1", suite_tests);
}

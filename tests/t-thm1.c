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

/* W(1) = W(0) with the output layer negated: P(W(1/2)) = 0 exactly and
   the interval checker must find lambda = 1/2, unless the condition
   already fails at an end of the path (the knots are decided first; for
   cross-entropy W(1) may classify every point correctly or with ties),
   where it must find the first such end. */
static void
test_zero_predictor(void)
{
    slong iter, q, iters = test_iters(6);
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        loss_kind kind = iter % 2 ? LOSS_XENT : LOSS_SQUARED;
        slong depth = 2 + (iter / 2) % 3, k = kind == LOSS_XENT ? 3 : 1;
        slong width[5] = {3, 4, 3, 3, 0}, nint, nleft, dmax;
        thm1_inst_t I;
        arf_t where, half; /* where the failure is expected */
        truth_t r;

        width[depth] = k;
        thm1_inst_init(I, kind, depth, width, 5, 2);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.zero"), (uint64_t) iter);
        data_randomize(I->S, 1.0, 1.0, rng);
        net_randomize(I->N, SAMPLER_GAUSS, 1.0, rng);
        rng_clear(rng);
        memcpy(thm1_knot(I, 0), I->N->par, I->N->npar * sizeof(double));
        memcpy(thm1_knot(I, 1), I->N->par, I->N->npar * sizeof(double));
        for (q = I->N->offset[depth - 1]; q < I->N->npar; q++)
            thm1_knot(I, 1)[q] = -thm1_knot(I, 1)[q];
        arf_init(where);
        arf_init(half);
        arf_set_d(half, 0.5);
        first_failing_knot(half, I);
        r = thm1_hyp_i(&nint, &nleft, &dmax, where, I, 30, 100000);
        if (r != BC_FALSE || !arf_equal(where, half))
        {
            TEST_REPORT("hypothesis (i) fails exactly at lambda = 1/2 or at the first end where it fails",
                        "loss %s depth %ld iter "
                        "%ld: result %s, where %s",
                        loss_name(kind), (long) depth, (long) iter, bc_truth_str(r), arf_get_str(where, 20));
            CU_FAIL("zero predictor");
        }
        arf_clear(where);
        arf_clear(half);
        thm1_inst_clear(I);
    }
}

/* The end decision of the squared loss against Vieta: along the ray of P
   the level L(P) is reached at c = 1 and at 2 <p,y>/|p|^2 - 1 (the roots
   of c^2 |p|^2 - 2 c <p,y> = |p|^2 - 2 <p,y> sum to 2 <p,y>/|p|^2), so
   the end root at T = L(P) is the larger of the two, exactly; a level
   above L(P) is reached at a point whose loss, evaluated from the
   predictions, is that level and not L(P); a level below the ray's
   minimum |y|^2 - <p,y>^2/|p|^2 (times 1/m) is never reached. */
static void
test_sq_ray_end(void)
{
    slong iter, q, iters = test_iters(30);
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        slong m = 2 + iter % 5, n = m;
        data_t S;
        arb_ptr P = _arb_vec_init(n);
        fmpq_t pp, py, yy, a, mT, cq, vieta;
        arb_t c, L, Tb;
        int rational;
        truth_t t;

        data_init(S, m, 1, 1);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.sqend"), (uint64_t) iter);
        data_randomize(S, 1.0, 1.0, rng);
        for (q = 0; q < n; q++)
            arb_set_d(P + q, ldexp(floor(ldexp(rng_normal(rng), 20)), -20));
        rng_clear(rng);
        fmpq_init(pp);
        fmpq_init(py);
        fmpq_init(yy);
        fmpq_init(a);
        fmpq_init(mT);
        fmpq_init(cq);
        fmpq_init(vieta);
        arb_init(c);
        arb_init(L);
        arb_init(Tb);
        /* the oracle's sums, entry by entry */
        for (q = 0; q < n; q++)
        {
            fmpq_t p, y;
            fmpq_init(p);
            fmpq_init(y);
            bc_fmpq_set_d(p, arf_get_d(arb_midref(P + q), ARF_RND_NEAR));
            bc_fmpq_set_d(y, S->Y[q]);
            fmpq_addmul(pp, p, p);
            fmpq_addmul(py, p, y);
            fmpq_addmul(yy, y, y);
            fmpq_clear(p);
            fmpq_clear(y);
        }
        /* m L(P) = |p|^2 - 2 <p,y> + |y|^2, and Vieta's larger root */
        fmpq_mul_2exp(a, py, 1);
        fmpq_sub(mT, pp, a);
        fmpq_add(mT, mT, yy);
        fmpq_div(vieta, a, pp);
        fmpq_sub_si(vieta, vieta, 1);
        if (fmpq_cmp_si(vieta, 1) < 0)
            fmpq_one(vieta);
        t = thm1_sq_ray_end(c, cq, &rational, P, S, mT);
        if (t != BC_TRUE || !rational || !fmpq_equal(cq, vieta))
        {
            TEST_REPORT("end root at T = L(P) is Vieta's larger root", "iter %ld: %s, rational %d",
                        (long) iter, bc_truth_str(t), rational);
            CU_FAIL("end root");
        }

        /* a level above L(P): its root is a point on that level, not on L(P) */
        fmpq_add_si(mT, mT, 1);
        t = thm1_sq_ray_end(c, cq, &rational, P, S, mT);
        loss_ray_arb(L, LOSS_SQUARED, c, P, S, 512);
        arb_set_fmpq(Tb, mT, 512);
        arb_div_si(Tb, Tb, m, 512);
        if (t != BC_FALSE || !arb_contains(L, Tb))
        {
            TEST_REPORT("a level above L(P) ends above L(P)", "iter %ld: %s", (long) iter, bc_truth_str(t));
            CU_FAIL("end above");
        }

        /* a level below the minimum of the ray is not reached */
        fmpq_mul(a, py, py);
        fmpq_div(a, a, pp);
        fmpq_sub(mT, yy, a);
        fmpq_sub_si(mT, mT, 1);
        t = thm1_sq_ray_end(c, cq, &rational, P, S, mT);
        CU_ASSERT_EQUAL(t, BC_FALSE);

        /* the zero ray reaches nothing: undecided, never a verdict */
        _arb_vec_zero(P, n);
        t = thm1_sq_ray_end(c, cq, &rational, P, S, yy);
        CU_ASSERT_EQUAL(t, BC_UNDECIDED);

        fmpq_clear(pp);
        fmpq_clear(py);
        fmpq_clear(yy);
        fmpq_clear(a);
        fmpq_clear(mT);
        fmpq_clear(cq);
        fmpq_clear(vieta);
        arb_clear(c);
        arb_clear(L);
        arb_clear(Tb);
        _arb_vec_clear(P, n);
        data_clear(S);
    }
}

/* A failure of (i) exactly at a knot, which the bisection never tests
   exactly: the knot W(1/2) of a three-knot path, or W(1) of a straight
   one, has a zero output layer, so P = 0 there; the checker must return
   the first knot where the condition fails (that one, or an earlier
   knot where cross-entropy classifies every point correctly or with
   ties). */
static void
test_knot_failure(void)
{
    slong iter, q, iters = test_iters(6);
    rng_t rng;

    for (iter = 0; iter < iters; iter++)
    {
        loss_kind kind = iter % 2 ? LOSS_XENT : LOSS_SQUARED;
        slong nknots = 2 + (iter / 2) % 2, k = kind == LOSS_XENT ? 3 : 1;
        slong width[3] = {3, 4, 0}, nint, nleft, dmax, j;
        thm1_inst_t I;
        arf_t where, want;
        truth_t r;

        width[2] = k;
        thm1_inst_init(I, kind, 2, width, 5, nknots);
        rng_init(rng, test_seed(), rng_stream_id("t-thm1.knot"), (uint64_t) iter);
        data_randomize(I->S, 1.0, 1.0, rng);
        for (j = 0; j < nknots; j++)
        {
            net_randomize(I->N, SAMPLER_GAUSS, 1.0, rng);
            memcpy(thm1_knot(I, j), I->N->par, I->N->npar * sizeof(double));
        }
        rng_clear(rng);
        for (q = I->N->offset[1]; q < I->N->npar; q++)
            thm1_knot(I, 1)[q] = 0.0; /* lambda = 1/2 with three knots, 1 with two */
        arf_init(where);
        arf_init(want);
        first_failing_knot(want, I);
        r = thm1_hyp_i(&nint, &nleft, &dmax, where, I, 30, 100000);
        if (r != BC_FALSE || !arf_equal(where, want))
        {
            TEST_REPORT("hypothesis (i) fails exactly at the zero knot",
                        "loss %s knots %ld iter %ld: %s at %s", loss_name(kind), (long) nknots, (long) iter,
                        bc_truth_str(r), arf_get_str(where, 20));
            CU_FAIL("knot failure");
        }
        arf_clear(where);
        arf_clear(want);
        thm1_inst_clear(I);
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

int
t_thm1_register(void)
{
    CU_pSuite s = CU_add_suite("thm1", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "net_loss_grad_d against central differences", test_gradient) ||
        !CU_add_test(s, "c~ (closed form / root isolation) against the network", test_root_vs_network) ||
        !CU_add_test(s, "hypothesis (i) checker finds the zero predictor at 1/2", test_zero_predictor) ||
        !CU_add_test(s, "squared-loss end decision against Vieta and the predictions", test_sq_ray_end) ||
        !CU_add_test(s, "hypothesis (i) checker finds a failure at a knot", test_knot_failure) ||
        !CU_add_test(s, "hand-made depth-2 instance: rescaled path decreasing", test_hand_instance) ||
        !CU_add_test(s, "monotonicity decision negative controls", test_monotone_control))
        return 1;
    return 0;
}

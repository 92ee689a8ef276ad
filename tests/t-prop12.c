/* t-prop12.c -- Propositions 1-2: the per-sample decisions against an
   independent exact oracle (networks evaluated over Q with fmpq, the
   squared gap exactly, the cross-entropy gap from the exact rational
   scores at rising precision), on random and on adversarial near-tie
   instances; hand-computed events; the exact rate of the one-point
   instance; the skewed law detected; the selection honoured (t-modules
   holds the module's records to its table). */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "mc.h"
#include "prop12.h"
#include "testutil.h"

/* ------------------------------------------------------------ oracle */

/* Exact predictions over Q: P[t k + j], computed from the doubles of N
   and S with bc_fmpq_set_d (independent of net_eval_arb). */
static void
oracle_predictions(fmpq *P, const net_t N, const data_t S)
{
    slong wmax = 0, layer, i, j, t, n;
    fmpq *h, *h2, *tmp;
    fmpq_t w, z;

    for (i = 0; i <= N->depth; i++)
        wmax = N->width[i] > wmax ? N->width[i] : wmax;
    h = _fmpq_vec_init(wmax);
    h2 = _fmpq_vec_init(wmax);
    fmpq_init(w);
    fmpq_init(z);
    for (t = 0; t < S->m; t++)
    {
        n = S->d;
        for (i = 0; i < n; i++)
            bc_fmpq_set_d(h + i, data_x(S, t)[i]);
        for (layer = 1; layer <= N->depth; layer++)
        {
            int hidden = layer < N->depth;
            for (j = 0; j < N->width[layer]; j++)
            {
                const double *v = net_neuron(N, layer, j);
                if (hidden)
                    bc_fmpq_set_d(z, v[n]);
                else
                    fmpq_zero(z);
                for (i = 0; i < n; i++)
                {
                    bc_fmpq_set_d(w, v[i]);
                    fmpq_addmul(z, w, h + i);
                }
                if (hidden)
                {
                    if (fmpq_sgn(z) < 0)
                        fmpq_zero(z);
                    fmpq_set(h2 + j, z);
                }
                else
                    fmpq_set(P + t * S->k + j, z);
            }
            if (hidden)
            {
                tmp = h;
                h = h2;
                h2 = tmp;
                n = N->width[layer];
            }
        }
    }
    _fmpq_vec_clear(h, wmax);
    _fmpq_vec_clear(h2, wmax);
    fmpq_clear(w);
    fmpq_clear(z);
}

static int
oracle_rows_constant(const fmpq *P, const data_t S)
{
    slong t, j;
    for (t = 0; t < S->m; t++)
        for (j = 1; j < S->k; j++)
            if (!fmpq_equal(P + t * S->k + j, P + t * S->k))
                return 0;
    return 1;
}

/* Sets out to an enclosure of m (L(P) - L(0)) (flip = 0) or of
   m (L(P) + L(-P) - 2 L(0)) (flip = 1) for exact P, and scale to an
   enclosure of the sum of the absolute values of its terms.  Squared:
   terms p (p - 2y) (and p (p + 2y)); cross-entropy: terms
   log sum_j e^{+-q_tj} with q_tj = p_tj - p_t,label computed exactly,
   and the m log k (or 2 m log k) subtracted. */
static void
oracle_mgap(arb_t out, arb_t scale, const fmpq *P, loss_kind kind, const data_t S, int flip, slong prec)
{
    slong t, j, k = S->k, pass;
    arb_t s, e, q;
    fmpq_t d, a, y;

    arb_init(s);
    arb_init(e);
    arb_init(q);
    fmpq_init(d);
    fmpq_init(a);
    fmpq_init(y);
    arb_zero(out);
    arb_zero(scale);
    for (pass = 0; pass <= flip; pass++)
    {
        if (kind == LOSS_SQUARED)
        {
            for (t = 0; t < S->m * k; t++)
            {
                /* (+-p)(+-p - 2y) = p (p -+ 2y) */
                bc_fmpq_set_d(y, S->Y[t]);
                fmpq_mul_2exp(y, y, 1);
                if (pass)
                    fmpq_add(a, P + t, y);
                else
                    fmpq_sub(a, P + t, y);
                fmpq_mul(d, a, P + t);
                arb_set_fmpq(q, d, prec);
                arb_add(out, out, q, prec);
                arb_abs(q, q);
                arb_add(scale, scale, q, prec);
            }
            continue;
        }
        for (t = 0; t < S->m; t++)
        {
            arb_zero(s);
            for (j = 0; j < k; j++)
            {
                fmpq_sub(d, P + t * k + j, P + t * k + S->lab[t]);
                if (pass)
                    fmpq_neg(d, d);
                arb_set_fmpq(q, d, prec);
                arb_exp(e, q, prec);
                arb_add(s, s, e, prec);
            }
            arb_log(s, s, prec);
            arb_add(out, out, s, prec);
            arb_abs(s, s);
            arb_add(scale, scale, s, prec);
        }
        arb_set_ui(e, (ulong) k);
        arb_log(e, e, prec);
        arb_mul_si(e, e, S->m, prec);
        arb_sub(out, out, e, prec);
        arb_add(scale, scale, e, prec);
    }
    arb_clear(s);
    arb_clear(e);
    arb_clear(q);
    fmpq_clear(d);
    fmpq_clear(a);
    fmpq_clear(y);
}

/* Sign (+1, 0, -1) of L(P) - L(0) (flip = 0) or L(P) + L(-P) - 2 L(0)
   (flip = 1) for exact P; 2 if the precision ran out. */
static int
oracle_sign(const fmpq *P, loss_kind kind, const data_t S, int flip)
{
    slong t, prec;
    int r = 2;
    arb_t g, sc;

    if (kind == LOSS_SQUARED)
    {
        fmpq_t s, a, y;
        fmpq_init(s);
        fmpq_init(a);
        fmpq_init(y);
        for (t = 0; t < S->m * S->k; t++)
        {
            /* p (p - 2y) + [flip] p (p + 2y) */
            bc_fmpq_set_d(y, S->Y[t]);
            fmpq_mul_2exp(y, y, 1);
            fmpq_sub(a, P + t, y);
            fmpq_addmul(s, a, P + t);
            if (flip)
            {
                fmpq_add(a, P + t, y);
                fmpq_addmul(s, a, P + t);
            }
        }
        r = fmpq_sgn(s);
        fmpq_clear(s);
        fmpq_clear(a);
        fmpq_clear(y);
        return r;
    }

    /* cross-entropy: zero iff all rows constant (Lindemann-Weierstrass,
       see prop12.c); otherwise rising precision */
    if (oracle_rows_constant(P, S))
        return 0;
    arb_init(g);
    arb_init(sc);
    for (prec = 128; prec <= 8192 && r == 2; prec *= 2)
    {
        oracle_mgap(g, sc, P, kind, S, flip, prec);
        if (arb_is_positive(g))
            r = 1;
        else if (arb_is_negative(g))
            r = -1;
    }
    arb_clear(g);
    arb_clear(sc);
    return r;
}

/* 1 when the exact gap m (L(P) - L(0)) is within 2^-40 of the sum of the
   magnitudes of its terms: a near-tie, where an unguarded double
   evaluation may get the sign wrong. */
static int
oracle_near_tie(const fmpq *P, loss_kind kind, const data_t S)
{
    arb_t g, sc;
    int r;
    arb_init(g);
    arb_init(sc);
    oracle_mgap(g, sc, P, kind, S, 0, 256);
    arb_abs(g, g);
    arb_mul_2exp_si(sc, sc, -40);
    r = !arb_gt(g, sc);
    arb_clear(g);
    arb_clear(sc);
    return r;
}

/* Checks every decision of the module on N against the oracle; returns 1
   when all agree.  *esc counts escalations of prop12_event_decide. */
static int
agrees_with_oracle(const net_t N, loss_kind kind, const data_t S, ulong *esc, const char *what)
{
    slong n = S->m * S->k, q;
    fmpq *P = _fmpq_vec_init(n);
    double *work = flint_malloc(prop12_worksize(N, S) * sizeof(double));
    prop12_events ev;
    truth_t dec, ex, want_e, want_nz, want_sc, want_fl;
    int se, sf, nz = 0, ok, prec_ok;

    oracle_predictions(P, N, S);
    for (q = 0; q < n; q++)
        nz |= !fmpq_is_zero(P + q);
    se = oracle_sign(P, kind, S, 0);
    sf = oracle_sign(P, kind, S, 1);
    want_e = se == 1 ? BC_TRUE : BC_FALSE;
    want_fl = sf == 1 ? BC_TRUE : BC_FALSE;
    want_nz = nz ? BC_TRUE : BC_FALSE;
    want_sc = (kind == LOSS_SQUARED ? nz : !oracle_rows_constant(P, S)) ? BC_TRUE : BC_FALSE;

    dec = prop12_event_decide(N, kind, S, work, esc);
    ex = prop12_event_exact(N, kind, S);
    prop12_events_decide(&ev, N, kind, S, work);

    /* the precision the exact gaps reached: none without escalation or
       for the squared loss, else a doubling of 128 bits up to the cap */
    prec_ok = (!ev.escalated || kind == LOSS_SQUARED)
                  ? ev.prec == 0
                  : (ev.prec == 0 || (ev.prec >= PROP12_EXACT_PREC0 && ev.prec <= BC_PREC_MAX &&
                                      ev.prec % PROP12_EXACT_PREC0 == 0));
    ok = se != 2 && sf != 2 && dec == want_e && ex == want_e && ev.event == want_e && ev.nonzero == want_nz &&
         ev.convex == want_sc && ev.flip == want_fl && prec_ok;
    if (!ok)
        TEST_REPORT("prop12 decision == exact oracle",
                    "%s: loss %s depth %ld m %ld: oracle E %d flip %d nz %d; decide %s exact %s "
                    "events (%s, %s, %s, %s), escalated %d at %ld bits",
                    what, loss_name(kind), (long) N->depth, (long) S->m, se, sf, nz, bc_truth_str(dec),
                    bc_truth_str(ex), bc_truth_str(ev.event), bc_truth_str(ev.nonzero),
                    bc_truth_str(ev.convex), bc_truth_str(ev.flip), ev.escalated, (long) ev.prec);
    _fmpq_vec_clear(P, n);
    flint_free(work);
    return ok;
}

/* A random shape, law and data set. */
static void
random_instance(net_t N, data_t S, loss_kind kind, rng_t rng)
{
    slong width[5], depth = 2 + (slong) rng_below(rng, 3), i;
    static const double scales[3] = {1.0, 0.125, 8.0};
    sampler_kind smp = (sampler_kind) rng_below(rng, SAMPLER_SYMMETRIC_COUNT);
    double scale = scales[rng_below(rng, 3)];

    width[0] = 1 + (slong) rng_below(rng, 4);
    for (i = 1; i < depth; i++)
        width[i] = 1 + (slong) rng_below(rng, 5);
    width[depth] = kind == LOSS_SQUARED ? 1 : 3;
    net_init(N, depth, width);
    net_randomize(N, smp, scale, rng);
    data_init(S, 1 + (slong) rng_below(rng, 6), width[0], width[depth]);
    data_randomize(S, 1.0, 1.0 + 4.0 * (double) rng_below(rng, 2), rng);
}

/* The instance of iteration it of a randomised test on the named stream:
   the losses alternate. */
static loss_kind
iteration_instance(net_t N, data_t S, const char *stream, slong it)
{
    rng_t rng;
    loss_kind kind = (it & 1) ? LOSS_XENT : LOSS_SQUARED;
    rng_init(rng, test_seed(), rng_stream_id(stream), (uint64_t) it);
    random_instance(N, S, kind, rng);
    return kind;
}

static void
test_random_agree(void)
{
    slong it, iters = test_iters(300), bad = 0, disagree_double = 0, near_tie_double = 0;
    ulong esc = 0;

    for (it = 0; it < iters; it++)
    {
        net_t N;
        data_t S;
        loss_kind kind;
        double *work;
        truth_t t;

        kind = iteration_instance(N, S, "t-prop12/random", it);
        bad += !agrees_with_oracle(N, kind, S, &esc, "random");

        /* the unguarded double decision agrees away from ties; it may
           err near one (the cross-entropy of tiny outputs loses the gap
           to the rounding of log and exp) */
        work = flint_malloc(prop12_worksize(N, S) * sizeof(double));
        t = prop12_event_decide(N, kind, S, work, NULL);
        if ((t == BC_TRUE) != prop12_event_double(N, kind, S, work))
        {
            fmpq *P = _fmpq_vec_init(S->m * S->k);
            oracle_predictions(P, N, S);
            if (oracle_near_tie(P, kind, S))
                near_tie_double++;
            else
                disagree_double++;
            _fmpq_vec_clear(P, S->m * S->k);
        }
        flint_free(work);
        net_clear(N);
        data_clear(S);
    }
    CU_ASSERT_EQUAL(bad, 0);
    if (disagree_double != 0)
        TEST_REPORT("plain double agrees away from ties", "%ld disagreements away from ties (%ld near ties)",
                    (long) disagree_double, (long) near_tie_double);
    CU_ASSERT_EQUAL(disagree_double, 0);
}

/* Plain double evaluation of L(cP) - L(0) on N with its output scaled
   by c (for locating near-ties; never used for a verdict). */
static double
gap_double_scaled(const net_t N, loss_kind kind, const data_t S, double c)
{
    slong t, j, k = S->k;
    double s = 0.0, out[8], err[8];
    double *nw = flint_malloc(net_eval_d_worksize(N) * sizeof(double));
    for (t = 0; t < S->m; t++)
    {
        net_eval_d(out, err, N, data_x(S, t), nw);
        if (kind == LOSS_SQUARED)
            s += c * out[0] * (c * out[0] - 2.0 * data_y(S, t)[0]);
        else
        {
            double mx = c * out[0], e = 0.0;
            for (j = 1; j < k; j++)
                mx = c * out[j] > mx ? c * out[j] : mx;
            for (j = 0; j < k; j++)
                e += exp(c * out[j] - mx);
            s += mx + log(e) - c * out[S->lab[t]] - log((double) k);
        }
    }
    flint_free(nw);
    return s / (double) S->m;
}

/* Finds c != 0 with L(cP) = L(0) up to rounding, or returns 0. */
static double
find_tie_scale(const net_t N, loss_kind kind, const data_t S)
{
    double dir, lo, hi, mid, f0;
    slong i;

    /* the sign of the slope at 0 decides the direction with a root */
    f0 = gap_double_scaled(N, kind, S, 1e-6);
    if (f0 == 0.0 || !isfinite(f0))
        return 0.0;
    dir = f0 < 0.0 ? 1.0 : -1.0;
    lo = 1e-6;
    hi = 1.0;
    for (i = 0; i < 80 && gap_double_scaled(N, kind, S, dir * hi) < 0.0; i++)
    {
        lo = hi;
        hi *= 2.0;
    }
    if (gap_double_scaled(N, kind, S, dir * hi) < 0.0)
        return 0.0;
    for (i = 0; i < 200; i++)
    {
        mid = 0.5 * (lo + hi);
        if (mid == lo || mid == hi)
            break;
        if (gap_double_scaled(N, kind, S, dir * mid) < 0.0)
            lo = mid;
        else
            hi = mid;
    }
    return dir * lo;
}

static void
test_near_ties(void)
{
    slong it, iters = test_iters(60), bad = 0, d, raised = 0;
    ulong esc = 0;

    /* output layers scaled so that L(cP) = L(0) up to a few ulps */
    for (it = 0; it < iters; it++)
    {
        net_t N, M;
        data_t S;
        loss_kind kind;
        double c;

        kind = iteration_instance(N, S, "t-prop12/ties", it);
        c = find_tie_scale(N, kind, S);
        if (c != 0.0)
        {
            net_init(M, N->depth, N->width);
            for (d = -3; d <= 3; d++)
            {
                double *work = flint_malloc(prop12_worksize(M, S) * sizeof(double));
                prop12_events ev;
                net_set(M, N);
                net_scale_output(M, c * (1.0 + (double) d * 0x1p-52));
                bad += !agrees_with_oracle(M, kind, S, &esc, "scaled tie");
                prop12_events_decide(&ev, M, kind, S, work);
                raised += ev.prec >= PROP12_EXACT_PREC0;
                flint_free(work);
            }
            net_clear(M);
        }
        net_clear(N);
        data_clear(S);
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* the ties must have driven the filter to the exact path */
    if (esc == 0)
        TEST_REPORT("near ties escalate", "no escalation in %ld tie instances", (long) iters);
    CU_ASSERT(esc > 0);
    /* and the cross-entropy ties to the rising-precision loop */
    if (raised == 0)
        TEST_REPORT("cross-entropy ties raise the precision", "none in %ld tie instances", (long) iters);
    CU_ASSERT(raised > 0);
}

/* depth 2, d = 1, one hidden neuron (w, b), output weights v[0..k-1] */
static void
tiny_net(net_t N, slong k, double w, double b, const double *v)
{
    slong width[3], j;
    width[0] = 1;
    width[1] = 1;
    width[2] = k;
    net_init(N, 2, width);
    net_neuron(N, 1, 0)[0] = w;
    net_neuron(N, 1, 0)[1] = b;
    for (j = 0; j < k; j++)
        net_neuron(N, 2, j)[0] = v[j];
}

static void
expect_events(const net_t N, loss_kind kind, const data_t S, truth_t e, truth_t nz, truth_t sc, truth_t fl,
              int must_escalate, const char *what)
{
    double *work = flint_malloc(prop12_worksize(N, S) * sizeof(double));
    prop12_events ev;
    ulong esc = 0;
    truth_t t = prop12_event_decide(N, kind, S, work, &esc);
    ulong dummy = 0;

    prop12_events_decide(&ev, N, kind, S, work);
    if (t != e || ev.event != e || ev.nonzero != nz || ev.convex != sc || ev.flip != fl ||
        (must_escalate && esc == 0) || !agrees_with_oracle(N, kind, S, &dummy, what))
    {
        TEST_REPORT("hand-computed events", "%s: got E %s (esc %lu), events (%s,%s,%s,%s)", what,
                    bc_truth_str(t), (unsigned long) esc, bc_truth_str(ev.event), bc_truth_str(ev.nonzero),
                    bc_truth_str(ev.convex), bc_truth_str(ev.flip));
        CU_FAIL("hand-computed events");
    }
    flint_free(work);
}

static void
test_hand_values(void)
{
    net_t N;
    data_t S;
    double v1 = 1.0, vm = -1.0, v3[3];

    /* squared loss, x = 2: P = v [2 w + b]_+, gap = P (P - 2y) */
    data_init(S, 1, 1, 1);
    S->X[0] = 2.0;

    S->Y[0] = 1.0;
    tiny_net(N, 1, 1.0, 0.0, &v1); /* P = 2: gap = 2 (2 - 2) = 0, strict: false */
    expect_events(N, LOSS_SQUARED, S, BC_FALSE, BC_TRUE, BC_TRUE, BC_TRUE, 1, "P=2,y=1 tie");
    net_clear(N);

    S->Y[0] = 0.5; /* gap = 2 (2 - 1) = 2 */
    tiny_net(N, 1, 1.0, 0.0, &v1);
    expect_events(N, LOSS_SQUARED, S, BC_TRUE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "P=2,y=1/2");
    net_clear(N);

    S->Y[0] = 1.0; /* P = -2: gap = -2 (-2 - 2) = 8 */
    tiny_net(N, 1, 1.0, 0.0, &vm);
    expect_events(N, LOSS_SQUARED, S, BC_TRUE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "P=-2,y=1");
    net_clear(N);

    /* dead: 2 - 3 < 0, P = 0 exactly */
    tiny_net(N, 1, 1.0, -3.0, &v1);
    expect_events(N, LOSS_SQUARED, S, BC_FALSE, BC_FALSE, BC_FALSE, BC_FALSE, 1, "dead");
    net_clear(N);

    /* the kink: 2 - 2 = 0 exactly, P = 0; the filter cannot tell */
    tiny_net(N, 1, 1.0, -2.0, &v1);
    expect_events(N, LOSS_SQUARED, S, BC_FALSE, BC_FALSE, BC_FALSE, BC_FALSE, 1, "kink");
    net_clear(N);

    /* P = 15 with y = 7.5 (exact tie) and y one ulp either side */
    S->X[0] = 5.0;
    v1 = 3.0;
    S->Y[0] = 7.5;
    tiny_net(N, 1, 1.0, 0.0, &v1);
    expect_events(N, LOSS_SQUARED, S, BC_FALSE, BC_TRUE, BC_TRUE, BC_TRUE, 1, "P=15,y=7.5");
    S->Y[0] = nextafter(7.5, 8.0); /* gap = 15 (15 - 2y) < 0 */
    expect_events(N, LOSS_SQUARED, S, BC_FALSE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "y=7.5+ulp");
    S->Y[0] = nextafter(7.5, 7.0); /* gap > 0 by 15 * 2 ulp */
    expect_events(N, LOSS_SQUARED, S, BC_TRUE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "y=7.5-ulp");
    net_clear(N);
    data_clear(S);

    /* cross-entropy, k = 3, x = 2, h = 2, v = (1, 0, -1): p = (2, 0, -2);
       log(e^2 + 1 + e^-2) = 2.14297...; L(0) = log 3 = 1.09861...
       label 0: 0.14297 < log 3 (false); label 1: 2.14297 (true);
       label 2: 4.14297 (true).  FLIP: L(p) + L(-p) = 4.28 > 2 log 3. */
    data_init(S, 1, 1, 3);
    S->X[0] = 2.0;
    v3[0] = 1.0;
    v3[1] = 0.0;
    v3[2] = -1.0;
    tiny_net(N, 3, 1.0, 0.0, v3);
    S->lab[0] = 0;
    expect_events(N, LOSS_XENT, S, BC_FALSE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "xent label 0");
    S->lab[0] = 1;
    expect_events(N, LOSS_XENT, S, BC_TRUE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "xent label 1");
    S->lab[0] = 2;
    expect_events(N, LOSS_XENT, S, BC_TRUE, BC_TRUE, BC_TRUE, BC_TRUE, 0, "xent label 2");
    net_clear(N);

    /* constant row p = (2, 2, 2): L = log(3 e^2) - 2 = log 3 exactly,
       c -> L(cP) is constant (not strictly convex), flip sum exactly 0 */
    v3[0] = v3[1] = v3[2] = 1.0;
    tiny_net(N, 3, 1.0, 0.0, v3);
    S->lab[0] = 1;
    expect_events(N, LOSS_XENT, S, BC_FALSE, BC_TRUE, BC_FALSE, BC_FALSE, 1, "xent constant row");
    net_clear(N);

    /* dead for cross-entropy: P = 0, gap exactly 0 */
    v3[0] = 1.0;
    v3[1] = -2.0;
    v3[2] = 0.5;
    tiny_net(N, 3, 1.0, -5.0, v3);
    expect_events(N, LOSS_XENT, S, BC_FALSE, BC_FALSE, BC_FALSE, BC_FALSE, 1, "xent dead");
    net_clear(N);
    data_clear(S);
}

static void
test_adversarial_exact(void)
{
    slong it, iters = test_iters(40), bad = 0, j;
    ulong esc = 0;

    for (it = 0; it < iters; it++)
    {
        net_t N;
        data_t S;
        loss_kind kind;
        slong L = 0, q;

        kind = iteration_instance(N, S, "t-prop12/adversarial", it);
        L = N->depth;

        if (it % 4 < 2)
        {
            /* last hidden layer dead on every point: output exactly 0 */
            for (j = 0; j < N->width[L - 1]; j++)
            {
                double *w = net_neuron(N, L - 1, j);
                slong len = net_neuron_len(N, L - 1);
                for (q = 0; q < len - 1; q++)
                    w[q] *= 1e-3;
                w[len - 1] = -1e6;
            }
        }
        else if (kind == LOSS_XENT)
        {
            /* equal output rows: every row of P constant, gap exactly 0 */
            for (j = 1; j < N->width[L]; j++)
                memcpy(net_neuron(N, L, j), net_neuron(N, L, 0), net_neuron_len(N, L) * sizeof(double));
        }
        else
        {
            /* one point with y = P/2 rounded: gap = P (P - 2y) within ulps */
            double out[1], err[1];
            double *nw = flint_malloc(net_eval_d_worksize(N) * sizeof(double));
            S->m = 1;
            net_eval_d(out, err, N, data_x(S, 0), nw);
            S->Y[0] = 0.5 * out[0];
            flint_free(nw);
        }
        bad += !agrees_with_oracle(N, kind, S, &esc, "adversarial");
        net_clear(N);
        data_clear(S);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(esc > 0);
}

/* A Monte Carlo instance on S (inner hidden width 8) with alteration
   alter. */
static void
test_instance(prop12_instance *I, const data_t S, slong depth, slong n, loss_kind loss, sampler_kind smp,
              double scale, prop12_alter alter)
{
    prop12_instance_init(I, S, depth, n, 8, loss, smp, scale);
    I->alter = alter;
}

/* The one-point instance of the tight control: depth 2, n_1 = 1, law
   gauss of scale 2^-4, x = (3/4, -1/2, 5/4, 1/4), y = 1024.  By hand:
   P = v [<w, x> + b]_+ with |v|, |w_i|, |b| <= 8.66 * 2^-4 (Box-Muller
   normals in double are bounded by sqrt(2 * 54 log 2) < 8.66), so
   |P| <= 2^-8 * 8.66^2 * sqrt(5) * |(x, 1)| < 2 < 2y and L(P) > L(0) iff
   P < 0 (gap P (P - 2y)), iff
   v < 0 and <w, x> + b > 0: probability 1/2 * 1/2 = 1/4 (the event
   <w, x> + b = 0 is a null set up to double rounding).  P != 0 has
   probability exactly 1/2. */
static void
test_single_point_rate(void)
{
    data_t S;
    prop12_instance I;
    mc_tally_t T;
    ulong N = (ulong) test_iters(20000);
    double r, r0, sd, sd0;

    prop12_data_init(S, PROP12_DATA_SINGLE, LOSS_SQUARED, test_seed());
    test_instance(&I, S, 2, 1, LOSS_SQUARED, SAMPLER_GAUSS, 0.0625, PROP12_ALTER_NONE);
    prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/single"), 2, 0, NULL);
    r = (double) T->hits[PROP12_EV_EVENT] / (double) N;
    r0 = (double) T->hits[PROP12_EV_NONZERO] / (double) N;
    sd = sqrt(0.25 * 0.75 / (double) N);
    sd0 = sqrt(0.25 / (double) N);
    if (fabs(r - 0.25) > 5.0 * sd || fabs(r0 - 0.5) > 5.0 * sd0 || T->undecided[0] != 0)
        TEST_REPORT("single-point rate is 1/4", "N %lu: rate %.5f (sd %.5f), P[P!=0] %.5f", (unsigned long) N,
                    r, sd, r0);
    CU_ASSERT(fabs(r - 0.25) <= 5.0 * sd);
    CU_ASSERT(fabs(r0 - 0.5) <= 5.0 * sd0);
    CU_ASSERT_EQUAL(T->undecided[0], 0);
    /* every zero output needs the exact path, nothing else should */
    CU_ASSERT(T->escalations >= N - T->hits[PROP12_EV_NONZERO]);
    data_clear(S);
}

/* The skewed law (coordinates N(s/2, s^2)) on positive inputs with large
   positive targets: the output is positive almost always, so the rate
   falls far below (1/2)(1 - 2^-32); the same instance with the Gaussian
   law respects the bound. */
static void
test_skewed_detected(void)
{
    data_t S;
    prop12_instance I;
    mc_tally_t T;
    ulong N = (ulong) test_iters(3000);
    double b = 0.5 * (1.0 - ldexp(1.0, -32)), sd = sqrt(b * (1.0 - b) / (double) N), r;

    prop12_data_init(S, PROP12_DATA_POSITIVE, LOSS_SQUARED, test_seed());
    test_instance(&I, S, 3, 32, LOSS_SQUARED, SAMPLER_SKEWED, 0.125, PROP12_ALTER_NONE);
    prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/skewed"), 2, 0, NULL);
    r = (double) T->hits[PROP12_EV_EVENT] / (double) N;
    if (!(r + 5.0 * sd < b))
        TEST_REPORT("skewed law detected", "rate %.5f, bound %.5f, sd %.5f", r, b, sd);
    CU_ASSERT(r + 5.0 * sd < b);

    I.sampler = SAMPLER_GAUSS;
    prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/twin"), 2, 0, NULL);
    r = (double) T->hits[PROP12_EV_EVENT] / (double) N;
    if (!(r > b - 5.0 * sd))
        TEST_REPORT("symmetric twin respects the bound", "rate %.5f, bound %.5f", r, b);
    CU_ASSERT(r > b - 5.0 * sd);
    data_clear(S);
}

/* The constructions of the mutation test do what prop12.h says, by
   their mathematics: the descent step puts L(P) below L(0) whenever the
   output gradient is non-zero (on 16 Gaussian points, all but a null
   set); shared last hidden neurons make P = 0 on one point with
   probability 1/2 whatever their number; equal output neurons make every
   row of P constant, so that neither strict convexity nor the flip
   inequality nor E can hold for the cross-entropy. */
static void
test_alterations(void)
{
    data_t S;
    prop12_instance I;
    mc_tally_t T;
    ulong N = (ulong) test_iters(1000);
    slong l;
    double r, sd = sqrt(0.25 / (double) N);

    for (l = 0; l < 2; l++)
    {
        prop12_data_init(S, PROP12_DATA_GDATA, (loss_kind) l, test_seed());
        test_instance(&I, S, 3, 4, (loss_kind) l, SAMPLER_GAUSS, 1.0, PROP12_ALTER_DESCENT);
        prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/descent"), 2, 0, NULL);
        if (100 * T->hits[PROP12_EV_EVENT] > N)
            TEST_REPORT("the descent step puts L(P) below L(0)", "loss %s: E on %lu of %lu samples",
                        loss_name((loss_kind) l), (unsigned long) T->hits[PROP12_EV_EVENT],
                        (unsigned long) N);
        CU_ASSERT(100 * T->hits[PROP12_EV_EVENT] <= N);
        data_clear(S);
    }

    prop12_data_init(S, PROP12_DATA_SINGLE, LOSS_XENT, test_seed());
    test_instance(&I, S, 2, 8, LOSS_XENT, SAMPLER_SPHERE, 1.0, PROP12_ALTER_SHARED);
    prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/shared"), 2, 0, NULL);
    r = (double) T->hits[PROP12_EV_NONZERO] / (double) N;
    if (fabs(r - 0.5) > 5.0 * sd)
        TEST_REPORT("shared last hidden neurons: P[P != 0] = 1/2", "%.4f (sd %.4f, N %lu)", r, sd,
                    (unsigned long) N);
    CU_ASSERT(fabs(r - 0.5) <= 5.0 * sd);

    test_instance(&I, S, 2, 2, LOSS_XENT, SAMPLER_SPHERE, 1.0, PROP12_ALTER_EQUAL_ROWS);
    prop12_mc_run(T, &I, N, test_seed(), rng_stream_id("t-prop12/rows"), 2, 0, NULL);
    if (T->hits[PROP12_EV_CONVEX] + T->hits[PROP12_EV_FLIP] + T->hits[PROP12_EV_EVENT] != 0 ||
        T->hits[PROP12_EV_NONZERO] == 0)
        TEST_REPORT("equal output neurons: constant rows", "SC %lu, FLIP %lu, E %lu, NZ %lu of %lu",
                    (unsigned long) T->hits[PROP12_EV_CONVEX], (unsigned long) T->hits[PROP12_EV_FLIP],
                    (unsigned long) T->hits[PROP12_EV_EVENT], (unsigned long) T->hits[PROP12_EV_NONZERO],
                    (unsigned long) N);
    CU_ASSERT_EQUAL(T->hits[PROP12_EV_CONVEX] + T->hits[PROP12_EV_FLIP] + T->hits[PROP12_EV_EVENT], 0);
    CU_ASSERT(T->hits[PROP12_EV_NONZERO] > 0);
    data_clear(S);
}

/* The module honours the run's selection: a run that selects one control
   computes that control and nothing of the cover (no configuration, no
   figure), and a run of one dead-layer check computes only its
   configuration.  The module is called directly, so that every record it
   made is seen (the driver would drop unselected ones). */
static slong
records_for(const char *sel, const char *prefix, slong *nfig, int *have)
{
    checklist_t L;
    run_opts o;
    run_t R;
    char *s[1];
    slong i, n = 0;

    test_quick_opts(&o, 2);
    s[0] = (char *) sel;
    o.nselect = 1;
    o.select = s;
    checklist_init(L);
    run_init(R, &module_prop12, &o, L);
    CU_ASSERT_EQUAL(module_prop12.exec(R), 0);
    *have = 0;
    for (i = 0; i < L->nchecks; i++)
    {
        *have |= !strcmp(L->checks[i].id, sel);
        n += !strncmp(L->checks[i].id, prefix, strlen(prefix));
    }
    *nfig = L->nfigures;
    checklist_clear(L);
    return n;
}

static void
test_selection(void)
{
    slong nfig, n;
    int have;

    n = records_for("prop1.control.tight", "prop1.h", &nfig, &have);
    if (!have || n != 0 || nfig != 0)
        TEST_REPORT("a selected control runs alone", "have %d, %ld configuration records, %ld figures", have,
                    (long) n, (long) nfig);
    CU_ASSERT(have && n == 0 && nfig == 0);

    n = records_for("prop2.dead.h4.n1.sq.ball", "prop", &nfig, &have);
    if (!have || n != 1 || nfig != 0)
        TEST_REPORT("a selected dead-layer check produces itself alone", "have %d, %ld records, %ld figures",
                    have, (long) n, (long) nfig);
    CU_ASSERT(have && n == 1 && nfig == 0);
}

static const test_case suite_tests[] = {
    {"hand-computed events", test_hand_values},
    {"filter == exact oracle, random", test_random_agree},
    {"filter == exact oracle, scaled near-ties", test_near_ties},
    {"filter == exact oracle, exact ties", test_adversarial_exact},
    {"one-point rate is exactly 1/4", test_single_point_rate},
    {"skewed law detected", test_skewed_detected},
    {"the mutation test's constructions", test_alterations},
    {"the module honours the selection", test_selection},
};

int
t_prop12_register(void)
{
    return TEST_SUITE("prop12", suite_tests);
}

/* t-thm3.c -- Theorem 3: p_eps and the width against a hand computation,
   the exact cap test and the proof's witness on a hand-made rank-2
   instance (oracle: the closed-form angle and objective in double with
   wide margins), the hypothesis checker on instances that break each
   hypothesis, bad user files, the regime's instances, and the cover
   bound against the arctangent and against the basin engine (the module's
   records against its table are t-modules'). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <flint/fmpq_vec.h>

#include "basin.h"
#include "thm3.h"
#include "testutil.h"

/* The hand instance: d = 3, data x_1 = (1, 0, 0), x_2 = (0, 1/2, 0),
   x_3 = (3/5, 4/5, 0) (rank 2, U = span(e_1, e_2)), teacher n = 1,
   w* = (1, 0, 0), v* = 1, so y = (1, 0, 3/5); B = 1, eps = 1/4, so
   rho = 1/4, cos theta = 7/8. */
static void
hand_raw(fmpq_mat_t X, fmpq *y, fmpq_mat_t W, fmpq *v, fmpq_t B, fmpq_t eps)
{
    fmpq_mat_zero(X);
    fmpq_mat_zero(W);
    fmpq_set_si(fmpq_mat_entry(X, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(X, 1, 1), 1, 2);
    fmpq_set_si(fmpq_mat_entry(X, 2, 0), 3, 5);
    fmpq_set_si(fmpq_mat_entry(X, 2, 1), 4, 5);
    fmpq_set_si(y + 0, 1, 1);
    fmpq_set_si(y + 1, 0, 1);
    fmpq_set_si(y + 2, 3, 5);
    fmpq_set_si(fmpq_mat_entry(W, 0, 0), 1, 1);
    fmpq_set_si(v + 0, 1, 1);
    fmpq_set_si(B, 1, 1);
    fmpq_set_si(eps, 1, 4);
}

typedef struct
{
    fmpq_mat_t X, W;
    fmpq *y, *v;
    fmpq_t B, eps;
} hand_t;

static void
hand_init(hand_t *H)
{
    fmpq_mat_init(H->X, 3, 3);
    fmpq_mat_init(H->W, 1, 3);
    H->y = _fmpq_vec_init(3);
    H->v = _fmpq_vec_init(1);
    fmpq_init(H->B);
    fmpq_init(H->eps);
    hand_raw(H->X, H->y, H->W, H->v, H->B, H->eps);
}

static void
hand_clear(hand_t *H)
{
    fmpq_mat_clear(H->X);
    fmpq_mat_clear(H->W);
    _fmpq_vec_clear(H->y, 3);
    _fmpq_vec_clear(H->v, 1);
    fmpq_clear(H->B);
    fmpq_clear(H->eps);
}

static void
test_peps_hand(void)
{
    hand_t H;
    thm3_inst_t I;
    arb_t p, h, t;
    fmpq_t rho;
    char msg[256];
    hand_init(&H);
    thm3_inst_init(I);
    arb_init(p);
    arb_init(h);
    arb_init(t);
    fmpq_init(rho);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    CU_ASSERT_EQUAL(I->r, 2);
    CU_ASSERT_EQUAL(I->nlive, 1);
    /* hand: delta = 1/2, sin theta = (1/2) sqrt(15/16), p = sqrt(15) / (16 pi) */
    thm3_peps(p, I, 128);
    arb_sqrt_ui(h, 15, 128);
    arb_const_pi(t, 128);
    arb_mul_ui(t, t, 16, 128);
    arb_div(h, h, t, 128);
    if (!arb_overlaps(p, h) || arb_rel_accuracy_bits(p) < 100)
        TEST_REPORT("p_eps hand r=2", "got %s", bc_arb_str(p, 20));
    CU_ASSERT(arb_overlaps(p, h));
    /* the exact cap probability: F_2(theta)/2 = theta/(2 pi), theta = 2 asin(1/4) */
    thm3_capprob(p, I, 128);
    arb_set_ui(h, 1);
    arb_mul_2exp_si(h, h, -2);
    arb_asin(h, h, 128);
    arb_const_pi(t, 128);
    arb_div(h, h, t, 128);
    CU_ASSERT(arb_overlaps(p, h));
    /* N = c ceil(16 pi / sqrt 15) = c * 13 (16 pi / sqrt 15 = 12.98) */
    CU_ASSERT_EQUAL(thm3_width(I, 4, 1000), 26);
    CU_ASSERT_EQUAL(thm3_width(I, 6, 1000), 39);
    CU_ASSERT_EQUAL(thm3_width(I, 8, 1000), 52);
    CU_ASSERT_EQUAL(thm3_width(I, 8, 51), 0);
    /* r = 3, rho = 1/4: p = (1/4)(15/16) / (4 pi) = 15 / (256 pi) */
    fmpq_set_si(rho, 1, 4);
    {
        ulong N = thm3_width_rho(3, rho, 2, 4, 1, 100000);
        /* 2 / p = 512 pi / 15 = 107.23 -> 108 -> N = 216 */
        CU_ASSERT_EQUAL(N, 216);
        /* 8 p: 2 / (8 p) = 13.40 -> 14 -> 28 */
        CU_ASSERT_EQUAL(thm3_width_rho(3, rho, 2, 4, 8, 100000), 28);
    }
    fmpq_clear(rho);
    arb_clear(p);
    arb_clear(h);
    arb_clear(t);
    thm3_inst_clear(I);
    hand_clear(&H);
}

/* oracle: the projected and the full angle against w* = e_1 */
static int
oracle_cap(const double *w, int full)
{
    double n2 = w[0] * w[0] + w[1] * w[1] + (full ? w[2] * w[2] : 0.0);
    return w[0] > 0 && w[0] / sqrt(n2) >= 7.0 / 8.0;
}

static void
test_cap_hand(void)
{
    hand_t H;
    thm3_inst_t I;
    arb_ptr y;
    arb_t pn;
    rng_t rng;
    slong it, bad = 0;
    char msg[256];
    static const double fixed[][3] = {{1, 0.5, 100}, {1, 0.6, 0}, {-1, 0.1, 0}, {2, -0.9, 0.1}, {0, 0, 1}};
    static const int want[][2] = {{1, 0}, {0, 0}, {0, 0}, {1, 1}, {0, 0}};
    hand_init(&H);
    thm3_inst_init(I);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    y = _arb_vec_init(I->r);
    arb_init(pn);
    for (it = 0; it < 5; it++)
    {
        thm3_proj(y, pn, I, fixed[it]);
        CU_ASSERT_EQUAL(thm3_cap(I, 0, y, pn), want[it][0]);
        CU_ASSERT_EQUAL(thm3_cap_full(I, 0, y, fixed[it]), want[it][1]);
    }
    /* random directions, away from the boundary cos = 7/8 */
    rng_init(rng, test_seed(), rng_stream_id("t-thm3/cap"), 0);
    for (it = 0; it < test_iters(2000); it++)
    {
        double w[3], c2, c3;
        int k;
        for (k = 0; k < 3; k++)
            w[k] = rng_normal(rng);
        c2 = w[0] / sqrt(w[0] * w[0] + w[1] * w[1]);
        c3 = w[0] / sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        if (fabs(c2 - 0.875) < 1e-9 || fabs(c3 - 0.875) < 1e-9)
            continue;
        thm3_proj(y, pn, I, w);
        if (thm3_cap(I, 0, y, pn) != oracle_cap(w, 0) || thm3_cap_full(I, 0, y, w) != oracle_cap(w, 1))
        {
            TEST_REPORT("exact cap test = closed-form angle", "w = (%.17g, %.17g, %.17g)", w[0], w[1], w[2]);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    arb_clear(pn);
    _arb_vec_clear(y, I->r);
    thm3_inst_clear(I);
    hand_clear(&H);
}

static void
test_witness_hand(void)
{
    hand_t H;
    thm3_inst_t I;
    thm3_witness_t Wt;
    slong match[1];
    char msg[256];
    double W[9] = {1, 0.5, 100, 0, 1, 0, -1, 0, 0};
    double v[3] = {0.7, 1, -1};
    double s, e1, e2, e3, obj;
    hand_init(&H);
    thm3_inst_init(I);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    CU_ASSERT_EQUAL(thm3_match(match, I, W, v, 3), 1);
    CU_ASSERT_EQUAL(match[0], 0);
    thm3_witness_init(Wt, 1);
    thm3_witness(Wt, I, W, v, 3, match);
    /* hand: s = |v*| ||u|| / ||P_U w_0|| = 1 / sqrt(1.25); predictions
       s <w_0, x_t>_+ = s, s/4, s (3/5 + 2/5) against y = 1, 0, 3/5 */
    s = 1.0 / sqrt(1.25);
    e1 = s - 1.0;
    e2 = s * 0.25;
    e3 = s - 0.6;
    obj = (e1 * e1 + e2 * e2 + e3 * e3) / 3.0;
    CU_ASSERT(Wt->closure);
    CU_ASSERT(fabs(fmpq_get_d(Wt->s + 0) - s) < 1e-12);
    if (fabs(fmpq_get_d(Wt->obj) - obj) > 1e-12)
        TEST_REPORT("witness objective = hand value", "got %.17g want %.17g", fmpq_get_d(Wt->obj), obj);
    CU_ASSERT(fabs(fmpq_get_d(Wt->obj) - obj) < 1e-12);
    CU_ASSERT_EQUAL(Wt->ok, obj <= 0.25);
    /* the wrong output sign: no neuron is well-initialised */
    v[0] = -0.7;
    CU_ASSERT_EQUAL(thm3_match(match, I, W, v, 3), 0);
    CU_ASSERT_EQUAL(match[0], -1);
    /* in the cap only in the second position: still found */
    v[0] = 0.7;
    W[0] = -1;
    W[3] = 1;
    W[4] = 0.2;
    CU_ASSERT_EQUAL(thm3_match(match, I, W, v, 3), 1);
    CU_ASSERT_EQUAL(match[0], 1);
    thm3_witness_clear(Wt, 1);
    thm3_inst_clear(I);
    hand_clear(&H);
}

static void
test_hypotheses(void)
{
    hand_t H;
    thm3_inst_t I;
    slong bad;
    char msg[256];
    thm3_raw_t R;
    hand_init(&H);
    thm3_inst_init(I);
    /* ||x_2|| > 1 (targets unchanged: still realizable, y_2 = 0) */
    fmpq_set_si(fmpq_mat_entry(H.X, 1, 1), 11, 10);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg), THM3_ERR_XNORM);
    CU_ASSERT_EQUAL(bad, 1);
    hand_raw(H.X, H.y, H.W, H.v, H.B, H.eps);
    /* |v| ||w|| = 1 > B = 99/100 */
    fmpq_set_si(H.B, 99, 100);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg),
                    THM3_ERR_TEACHER);
    CU_ASSERT_EQUAL(bad, 0);
    hand_raw(H.X, H.y, H.W, H.v, H.B, H.eps);
    /* B exactly the norm product is allowed */
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg), THM3_OK);
    /* a target the teacher does not fit */
    fmpq_set_si(H.y + 2, 3, 4);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg),
                    THM3_ERR_REALIZE);
    CU_ASSERT_EQUAL(bad, 2);
    hand_raw(H.X, H.y, H.W, H.v, H.B, H.eps);
    /* eps = 0 and eps > 4 (nB)^2 */
    fmpq_zero(H.eps);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg), THM3_ERR_EPS);
    fmpq_set_si(H.eps, 5, 1);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg), THM3_ERR_EPS);
    hand_raw(H.X, H.y, H.W, H.v, H.B, H.eps);
    /* rank 1: every point on the first axis */
    fmpq_zero(fmpq_mat_entry(H.X, 1, 1));
    fmpq_zero(fmpq_mat_entry(H.X, 2, 1));
    fmpq_set_si(fmpq_mat_entry(H.X, 1, 0), 1, 2);
    fmpq_set_si(H.y + 1, 1, 2);
    CU_ASSERT_EQUAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, &bad, msg, sizeof msg), THM3_ERR_RANK);
    /* the built-in controls are refused, the built-in instances accepted */
    thm3_raw_init(R, 1, 1, 1);
    thm3_generated(R, THM3_GEN_XNORM);
    CU_ASSERT_EQUAL(thm3_inst_set(I, R->X, R->y, R->W, R->v, R->B, R->eps, &bad, msg, sizeof msg),
                    THM3_ERR_XNORM);
    thm3_generated(R, THM3_GEN_TEACHER);
    CU_ASSERT_EQUAL(thm3_inst_set(I, R->X, R->y, R->W, R->v, R->B, R->eps, &bad, msg, sizeof msg),
                    THM3_ERR_TEACHER);
    thm3_generated(R, THM3_GEN_MAIN);
    CU_ASSERT_EQUAL(thm3_inst_set(I, R->X, R->y, R->W, R->v, R->B, R->eps, &bad, msg, sizeof msg), THM3_OK);
    CU_ASSERT_EQUAL(I->r, 3);
    CU_ASSERT_EQUAL(I->d, 32);
    CU_ASSERT(fmpq_cmp(I->L0, I->eps) > 0);
    thm3_raw_clear(R);
    thm3_inst_clear(I);
    hand_clear(&H);
}

static void
test_user_input(void)
{
    thm3_inst_t I;
    char *good = test_tmp_file("thm3", "1,0,0,1\n0,0.5,0,0\n# comment\n0.6,0.8,0,0.6\n");
    char *net = test_tmp_file("thm3", "1,0,0,1\n");
    char *far = test_tmp_file("thm3", "1,0,0,1\n0,1.5,0,0\n0.6,0.8,0,0.6\n");
    char *unfit = test_tmp_file("thm3", "1,0,0,1\n0,0.5,0,0\n0.6,0.8,0,0.7\n");
    char *narrow = test_tmp_file("thm3", "1,0,1\n");
    thm3_inst_init(I);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, net, "1/4"), 0);
    CU_ASSERT_EQUAL(I->r, 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, far, net, "1/4"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, unfit, net, "1/4"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, narrow, "1/4"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, net, "-1"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, net, "1/4x"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, net, "1,2"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, good, NULL, "1/4"), 2);
    CU_ASSERT_EQUAL(thm3_read_user(I, "/nonexistent/thm3.csv", net, "1/4"), 2);
    thm3_inst_clear(I);
    remove(good);
    remove(net);
    remove(far);
    remove(unfit);
    remove(narrow);
    flint_free(good);
    flint_free(net);
    flint_free(far);
    flint_free(unfit);
    flint_free(narrow);
}

/* The regime's instances: the hypotheses, r = 2 inside d = 3, rho = 1/16,
   B = 1, every teacher neuron live, L_S(0) > eps; the data norms 1 and
   3/4 against the generator's description, computed here. */
static void
test_regime_instance(void)
{
    static const slong ns[4] = {2, 15, 24, 40};
    thm3_raw_t R;
    thm3_inst_t I;
    fmpq_t q, s, t;
    char msg[256];
    slong k, i, j;
    thm3_raw_init(R, 1, 1, 1);
    thm3_inst_init(I);
    fmpq_init(q);
    fmpq_init(s);
    fmpq_init(t);
    for (k = 0; k < 4; k++)
    {
        thm3_generated_regime(R, ns[k]);
        CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, R->X, R->y, R->W, R->v, R->B, R->eps, NULL, msg, sizeof msg),
                              THM3_OK);
        CU_ASSERT_EQUAL(I->r, 2);
        CU_ASSERT_EQUAL(I->d, 3);
        CU_ASSERT_EQUAL(I->m, 12);
        CU_ASSERT_EQUAL(I->nlive, ns[k]);
        CU_ASSERT(fmpq_is_one(I->B));
        fmpq_set_si(q, 1, 16);
        CU_ASSERT(fmpq_equal(I->rho, q));
        CU_ASSERT(fmpq_cmp(I->L0, I->eps) > 0);
        for (i = 0; i < 12; i++)
        {
            fmpq_zero(s);
            for (j = 0; j < 3; j++)
                fmpq_addmul(s, fmpq_mat_entry(R->X, i, j), fmpq_mat_entry(R->X, i, j));
            fmpq_set_si(t, i % 2 == 0 ? 1 : 9, i % 2 == 0 ? 1 : 16);
            if (!fmpq_equal(s, t))
                TEST_REPORT("regime data norms 1 and 3/4", "n = %ld, point %ld", (long) ns[k], (long) i);
            CU_ASSERT(fmpq_equal(s, t));
        }
    }
    fmpq_clear(q);
    fmpq_clear(s);
    fmpq_clear(t);
    thm3_inst_clear(I);
    thm3_raw_clear(R);
}

/* The cover bound on the hand instance: one class, the cone
   {w_1 > 0, 3 w_1 + 4 w_2 > 0} (x_2 is orthogonal to u), so Theta is the
   angle between x_1 and x_3, atan2(4, 3) (oracle: the arctangent, where
   the module uses the arccosine), mu = (pi - Theta)/(2 pi) and the sum is
   (1 - mu/2)^N. */
static void
test_cover_hand(void)
{
    hand_t H;
    thm3_inst_t I;
    arb_t miss, mu, th, want, pi;
    slong nc, N;
    char msg[256];
    hand_init(&H);
    thm3_inst_init(I);
    arb_init(miss);
    arb_init(mu);
    arb_init(th);
    arb_init(want);
    arb_init(pi);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    arb_set_ui(th, 4);
    arb_set_ui(want, 3);
    arb_atan2(th, th, want, 128);
    arb_const_pi(pi, 128);
    for (N = 1; N <= 64; N *= 2)
    {
        thm3_cover_miss(miss, &nc, mu, I, (ulong) N, 128);
        CU_ASSERT_EQUAL(nc, 1);
        arb_sub(want, pi, th, 128);
        arb_div(want, want, pi, 128);
        arb_mul_2exp_si(want, want, -1);
        if (!arb_overlaps(mu, want))
            TEST_REPORT("cover mu = (pi - atan2(4, 3))/(2 pi)", "got %s", bc_arb_str(mu, 20));
        CU_ASSERT(arb_overlaps(mu, want));
        arb_mul_2exp_si(want, want, -1);
        arb_sub_ui(want, want, 1, 128);
        arb_neg(want, want);
        arb_pow_ui(want, want, (ulong) N, 128);
        if (!arb_overlaps(miss, want) || arb_rel_accuracy_bits(miss) < 90)
            TEST_REPORT("cover sum = (1 - mu/2)^N", "N = %ld: got %s", (long) N, bc_arb_str(miss, 20));
        CU_ASSERT(arb_overlaps(miss, want));
    }
    arb_clear(miss);
    arb_clear(mu);
    arb_clear(th);
    arb_clear(want);
    arb_clear(pi);
    thm3_inst_clear(I);
    hand_clear(&H);
}

/* The cover argument against the basin engine: on the hand instance, a
   network with a neuron of positive output weight in the teacher's cone
   {w_1 > 0, 3 w_1 + 4 w_2 > 0} has Bas(W, v) = 0, certified by the
   engine; and the rate of networks without such a neuron is the cover
   sum (one class: the bound is the exact probability). */
static void
test_cover_engine(void)
{
    hand_t H;
    thm3_inst_t I;
    rng_t rng;
    arb_t miss, mu;
    slong it, nc, covered = 0, bad = 0, iters = test_iters(300);
    const slong N = 4;
    char msg[256];
    double lo, hi, p, sd;
    hand_init(&H);
    thm3_inst_init(I);
    arb_init(miss);
    arb_init(mu);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    rng_init(rng, test_seed(), rng_stream_id("t-thm3/cover"), 0);
    for (it = 0; it < iters; it++)
    {
        fmpq_mat_t Wq;
        fmpq *vq = _fmpq_vec_init(N);
        basin_t B;
        basin_result_t Rs;
        slong i, k, bj, bt;
        int cov = 0;
        double W[3 * 4], v[4];
        sampler_draw_net(W, v, N, 3, SAMPLER_GAUSS, rng);
        fmpq_mat_init(Wq, N, 3);
        for (i = 0; i < N; i++)
        {
            cov |= v[i] > 0 && W[3 * i] > 1e-9 && 3 * W[3 * i] + 4 * W[3 * i + 1] > 1e-9;
            bc_fmpq_set_d(vq + i, v[i]);
            for (k = 0; k < 3; k++)
                bc_fmpq_set_d(fmpq_mat_entry(Wq, i, k), W[3 * i + k]);
        }
        covered += cov;
        basin_init(B);
        basin_result_init(Rs);
        if (cov && basin_pattern(B, H.X, H.y, Wq, vq, N, &bj, &bt) == BASIN_OK)
        {
            basin_value(Rs, B, 128);
            if (!Rs->certified || !fmpq_is_zero(Rs->upper))
            {
                TEST_REPORT("covered => Bas = 0 (engine)", "iteration %ld", (long) it);
                bad++;
            }
        }
        basin_result_clear(Rs);
        basin_clear(B);
        fmpq_mat_clear(Wq);
        _fmpq_vec_clear(vq, N);
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* P[not covered] = (1 - mu/2)^N exactly: 6 standard deviations */
    thm3_cover_miss(miss, &nc, mu, I, (ulong) N, 64);
    p = arf_get_d(arb_midref(miss), ARF_RND_NEAR);
    sd = sqrt(p * (1 - p) / (double) iters);
    lo = p - 6 * sd;
    hi = p + 6 * sd;
    if ((double) (iters - covered) / iters < lo || (double) (iters - covered) / iters > hi)
        TEST_REPORT("rate of uncovered networks = the cover sum", "%ld of %ld, sum %g",
                    (long) (iters - covered), (long) iters, p);
    CU_ASSERT((double) (iters - covered) / iters >= lo && (double) (iters - covered) / iters <= hi);
    arb_clear(miss);
    arb_clear(mu);
    thm3_inst_clear(I);
    hand_clear(&H);
}

/* Without the output sign (the mutant's rule) a neuron in the cap with
   the wrong sign is matched; with it, it is not. */
static void
test_sign_rule(void)
{
    hand_t H;
    thm3_inst_t I;
    slong match[1];
    char msg[256];
    double W[3] = {1, 0.1, 0};
    double v[1] = {-1};
    hand_init(&H);
    thm3_inst_init(I);
    CU_ASSERT_EQUAL_FATAL(thm3_inst_set(I, H.X, H.y, H.W, H.v, H.B, H.eps, NULL, msg, sizeof msg), THM3_OK);
    CU_ASSERT_EQUAL(thm3_match(match, I, W, v, 1), 0);
    CU_ASSERT_EQUAL(thm3_match_rule(match, I, W, v, 1, 0), 1);
    CU_ASSERT_EQUAL(match[0], 0);
    v[0] = 1;
    CU_ASSERT_EQUAL(thm3_match_rule(match, I, W, v, 1, 1), 1);
    thm3_inst_clear(I);
    hand_clear(&H);
}

static const test_case suite_tests[] = {
    {"p_eps and the width against a hand computation", test_peps_hand},
    {"exact cap test against the closed-form angle", test_cap_hand},
    {"the proof's witness on a hand rank-2 instance", test_witness_hand},
    {"hypothesis checker on violating instances", test_hypotheses},
    {"bad user files", test_user_input},
    {"the regime's instances", test_regime_instance},
    {"the cover bound on the hand instance against the arctangent", test_cover_hand},
    {"the cover argument against the basin engine", test_cover_engine},
    {"well-initialised with and without the output sign", test_sign_rule},
};

int
t_thm3_register(void)
{
    return TEST_SUITE("thm3", suite_tests);
}

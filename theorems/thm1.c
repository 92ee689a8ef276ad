/* thm1.c -- the module checking Theorem 1 (Sec. 3; proof in App. B.1,
   construction of v(lambda), clip and c~ in the talk's appendix).

   Instances: depth 2, 3, 4 ReLU networks with biases, squared loss (k = 1)
   and softmax cross-entropy (k = 3).  W(0) is drawn under Assumption 1;
   W(1) is found by plain gradient descent in double and then taken
   exactly.  The path is the straight line from W(0) to W(1), except for
   depth 3, where it makes a detour through a point of higher loss so
   that the original path is visibly non-monotone.  Each instance is
   selected by resampling W(0) until the theorem's hypotheses ((ii),
   L1 < L0, (i) on the continuum) are decided true; the rejections are
   counted and reported.  The machinery is in thm1_path.c; the statements
   of the checks are in thm1.tex. */
#include <string.h>

#include "cert_net.h"
#include "thm1.h"

#define NLOSS 2
#define NDEPTH 3

/* standard deviation of the Gaussian initialisation (Assumption 1):
   keeps the outputs of depth 2-4 networks of these widths of order 1 */
#define THM1_INIT_SCALE 0.7

/* Why the construction's checks are sanity: the loss at the root of
   L(c P(W(s))) = v(s) is v(s) by the root's definition, v decreases by its
   formula, and the roots exist by (i), (ii) and L1 < L0, which the
   hypothesis checks decide; the end loss is L1 by the end root's
   definition.  They test the construction's code, not the claim. */
static const check_spec thm1_specs[] = {
    {"thm1.hyp_i.sq.depth2", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), squared loss, depth 2",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.sq.depth2", CHECK_EXACT, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), exactly, squared loss, depth 2",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.sq.depth2", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, squared, depth 2 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.sq.depth2", CHECK_EXACT, ST_HOLDS, 0,
     "rescaled path ends at loss exactly L(P(W1)), squared loss, depth 2 (sanity: the end root's defining "
     "equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.hyp_i.sq.depth3", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), squared loss, depth 3",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.sq.depth3", CHECK_EXACT, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), exactly, squared loss, depth 3",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.sq.depth3", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, squared, depth 3 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.sq.depth3", CHECK_EXACT, ST_HOLDS, 0,
     "rescaled path ends at loss exactly L(P(W1)), squared loss, depth 3 (sanity: the end root's defining "
     "equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.hyp_i.sq.depth4", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), squared loss, depth 4",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.sq.depth4", CHECK_EXACT, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), exactly, squared loss, depth 4",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.sq.depth4", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, squared, depth 4 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.sq.depth4", CHECK_EXACT, ST_HOLDS, 0,
     "rescaled path ends at loss exactly L(P(W1)), squared loss, depth 4 (sanity: the end root's defining "
     "equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.hyp_i.xent.depth2", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), cross-entropy, depth 2",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.xent.depth2", CHECK_BALL, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), balls, cross-entropy, depth 2",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.xent.depth2", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, xent, depth 2 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.xent.depth2", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path ends at loss L(P(W1)) (certified end root), cross-entropy, depth 2 (sanity: the end "
     "root's defining equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.hyp_i.xent.depth3", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), cross-entropy, depth 3",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.xent.depth3", CHECK_BALL, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), balls, cross-entropy, depth 3",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.xent.depth3", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, xent, depth 3 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.xent.depth3", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path ends at loss L(P(W1)) (certified end root), cross-entropy, depth 3 (sanity: the end "
     "root's defining equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.hyp_i.xent.depth4", CHECK_RANGE, ST_HOLDS, 0,
     "hypothesis (i) on every lambda in [0,1] (interval subdivision), cross-entropy, depth 4",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.hyp_ii.xent.depth4", CHECK_BALL, ST_HOLDS, 0,
     "hypothesis (ii) L(P(W0)) > L(0) and L(P(W1)) < L(P(W0)), balls, cross-entropy, depth 4",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.rescale.xent.depth4", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path starts at W0, loss decreasing on the grid, xent, depth 4 (sanity: its loss is the "
     "decreasing target by construction)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.end.xent.depth4", CHECK_BALL, ST_HOLDS, 0,
     "rescaled path ends at loss L(P(W1)) (certified end root), cross-entropy, depth 4 (sanity: the end "
     "root's defining equation)",
     STRENGTH_SANITY, "thm1.c", NULL, 1, 0},
    {"thm1.nonmonotone.sq.depth3", CHECK_BALL, ST_HOLDS, 0,
     "the original depth-3 squared-loss path is not monotone (sanity: the detour is scaled until it rises)",
     STRENGTH_SANITY, "thm1.c", NULL, 0, 0},
    {"thm1.nonmonotone.xent.depth3", CHECK_BALL, ST_HOLDS, 0,
     "the original depth-3 cross-entropy path is not monotone (sanity: the detour is scaled until it rises)",
     STRENGTH_SANITY, "thm1.c", NULL, 0, 0},
    {"thm1.control.start_below_zero", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "control: W0 with L(P(W0)) < L(0); hypothesis (ii) fails, the construction refuses the path",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.control.zero_predictor", CHECK_RANGE, ST_FAILS, 1,
     "control: path through the zero predictor; hypothesis (i) fails at lambda = 1/2 exactly",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
    {"thm1.control.end_strict", CHECK_BALL, ST_FAILS, 1,
     "control: the proof's targets alone (v to v(2) > M >= L1, no last piece) end at L(P(W1)); false",
     STRENGTH_DECIDES, "thm1.c", NULL, 0, 0},
};

#define THM1_NSPECS ((slong) (sizeof(thm1_specs) / sizeof(thm1_specs[0])))

/* The false variants of the claims, each applied where the module defines
   what it changes (ii_sign, path_middle, the two controls). */
static const mutant_spec thm1_mutants[] = {
    {"thm1.mutant.ii_reversed",
     "hypothesis (ii) reversed in the selection of W(0): the instances are drawn with L(P(W0)) < L(0) (about "
     "half of all draws, Prop. 1), so (ii) is false on them; the control's start then satisfies (ii) and the "
     "construction accepts it",
     "thm1.hyp_ii.sq.depth2 thm1.hyp_ii.sq.depth3 thm1.hyp_ii.sq.depth4 thm1.hyp_ii.xent.depth2 "
     "thm1.hyp_ii.xent.depth3 thm1.hyp_ii.xent.depth4 thm1.control.start_below_zero"},
    {"thm1.mutant.through_zero",
     "hypothesis (i) broken: every path goes through a point W(1/2) whose output layer is zero, where "
     "L(c P) = L(0) < L(P(W0)) for every c",
     "thm1.hyp_i.sq.depth2 thm1.hyp_i.sq.depth3 thm1.hyp_i.sq.depth4 thm1.hyp_i.xent.depth2 "
     "thm1.hyp_i.xent.depth3 thm1.hyp_i.xent.depth4"},
    {"thm1.mutant.zero_path_kept",
     "the control's path keeps the output layer of W(0) instead of negating it: the constant path satisfies "
     "(i) (restores the true hypothesis)",
     "thm1.control.zero_predictor"},
    {"thm1.mutant.end_piece",
     "the proof's construction given the module's last piece (end target L(P(W1)) instead of v(2)): "
     "restores the true claim that the path ends at L(P(W1))",
     "thm1.control.end_strict"},
};

#define THM1_NMUTANTS ((slong) (sizeof(thm1_mutants) / sizeof(thm1_mutants[0])))

/* the check ids of one instance (loss, depth) */
typedef struct
{
    const char *hyp_i;
    const char *hyp_ii;
    const char *rescale;
    const char *end;
    const char *nonmonotone; /* NULL: not checked at this depth */
} inst_ids;

static const inst_ids thm1_ids[NLOSS][NDEPTH] = {
    {{"thm1.hyp_i.sq.depth2", "thm1.hyp_ii.sq.depth2", "thm1.rescale.sq.depth2", "thm1.end.sq.depth2", NULL},
     {"thm1.hyp_i.sq.depth3", "thm1.hyp_ii.sq.depth3", "thm1.rescale.sq.depth3", "thm1.end.sq.depth3",
      "thm1.nonmonotone.sq.depth3"},
     {"thm1.hyp_i.sq.depth4", "thm1.hyp_ii.sq.depth4", "thm1.rescale.sq.depth4", "thm1.end.sq.depth4", NULL}},
    {{"thm1.hyp_i.xent.depth2", "thm1.hyp_ii.xent.depth2", "thm1.rescale.xent.depth2", "thm1.end.xent.depth2",
      NULL},
     {"thm1.hyp_i.xent.depth3", "thm1.hyp_ii.xent.depth3", "thm1.rescale.xent.depth3", "thm1.end.xent.depth3",
      "thm1.nonmonotone.xent.depth3"},
     {"thm1.hyp_i.xent.depth4", "thm1.hyp_ii.xent.depth4", "thm1.rescale.xent.depth4", "thm1.end.xent.depth4",
      NULL}},
};

/* ---------------------------------------------------------------- */
/* small helpers                                                     */

static const char *
loss_tag(loss_kind kind)
{
    return kind == LOSS_SQUARED ? "sq" : "xent";
}

/* The exact dyadic x as a fraction p/q (flint_free the result). */
static char *
arf_dec(const arf_t x)
{
    fmpq_t q;
    char *s;
    fmpq_init(q);
    arf_get_fmpq(q, x);
    s = fmpq_get_str(NULL, 10, q);
    fmpq_clear(q);
    return s;
}

/* ---------------------------------------------------------------- */
/* sizes and instances                                               */

typedef struct
{
    slong d;
    slong m;
    slong hidden[3]; /* widths of up to three hidden layers */
    slong grid;      /* n: grid s_i = 2 i / n */
    slong gd_iters;
    slong hyp_depth; /* bisection depth limit for hypothesis (i) */
} thm1_size;

static void
size_params(thm1_size *z, const run_t R)
{
    z->d = run_size_pick(R, (const slong[3]){3, 4, 4});
    z->m = run_size_pick(R, (const slong[3]){6, 8, 8});
    z->hidden[0] = run_size_pick(R, (const slong[3]){4, 6, 6});
    z->hidden[1] = run_size_pick(R, (const slong[3]){3, 5, 5});
    z->hidden[2] = run_size_pick(R, (const slong[3]){3, 4, 4});
    z->grid = run_size_pick(R, (const slong[3]){1024, 8192, 32768}); /* n + 1 grid points */
    z->gd_iters = run_size_pick(R, (const slong[3]){1500, 4000, 4000});
    z->hyp_depth = 40;
}

/* Per-instance record of how it was generated (for witnesses). */
typedef struct
{
    char w0_stream[64];
    char data_stream[64];
    char detour_stream[64];
    slong w0_index;        /* accepted sample index of W(0), -1: none */
    slong rej_ii;          /* draws rejected: (ii) not decided as wanted */
    slong rej_descent;     /* draws rejected: L1 < L0 not decided true */
    slong rej_i;           /* draws rejected: (i) not certified on [0, 1] */
    char rej_i_where[200]; /* where (i) failed for the rejected draws */
    double gd_loss;        /* final objective of gradient descent (double) */
    slong detour_exp;      /* detour scale 2^e, or DETOUR_NONE */
    int through_zero;      /* the path's middle knot has a zero output layer */
    truth_t hyp_ii;
    truth_t descent; /* L1 < L0 */
    truth_t hyp_i;
    slong prec_ii; /* precision the decisions of (ii) and L1 < L0 reached */
    slong hyp_nint, hyp_nleft, hyp_dmax;
    arf_t hyp_where;
    arb_t gap; /* L(P(W0)) - L(0) */
    arb_t L0;
    arb_t L1;
} inst_info;

#define DETOUR_NONE (-100)
#define MAX_DRAWS 100

static void
info_init(inst_info *info)
{
    memset(info, 0, sizeof(inst_info));
    arb_init(info->gap);
    arb_init(info->L0);
    arb_init(info->L1);
    arf_init(info->hyp_where);
    info->w0_index = -1;
    info->hyp_ii = info->descent = info->hyp_i = BC_UNDECIDED;
    info->detour_exp = DETOUR_NONE;
}

static void
info_clear(inst_info *info)
{
    arf_clear(info->hyp_where);
    arb_clear(info->gap);
    arb_clear(info->L0);
    arb_clear(info->L1);
}

/* Exact predictions at the double parameters w. */
static void
pred_params(arb_ptr P, const thm1_inst_t I, const double *w)
{
    slong q, npar = I->N->npar;
    arb_ptr par = _arb_vec_init(npar);
    for (q = 0; q < npar; q++)
        arb_set_d(par + q, w[q]);
    thm1_pred(P, I, par, ARF_PREC_EXACT);
    _arb_vec_clear(par, npar);
}

typedef struct
{
    arb_ptr La;
    arb_ptr Lb;
    arb_ptr d;
    arb_srcptr Pa;
    arb_srcptr Pb; /* NULL: the zero predictor */
    const thm1_inst_struct *I;
} diff_ctx;

/* L(Pa) - L(Pb) > 0 at precision prec (d: the difference) */
static truth_t
loss_diff_positive(void *vctx, slong prec)
{
    diff_ctx *x = vctx;
    loss_value_arb(x->La, x->I->kind, x->Pa, x->I->S, prec);
    if (x->Pb != NULL)
        loss_value_arb(x->Lb, x->I->kind, x->Pb, x->I->S, prec);
    else
        loss_zero_arb(x->Lb, x->I->kind, x->I->S, prec);
    arb_sub(x->d, x->La, x->Lb, prec);
    return bc_arb_gt_zero(x->d);
}

/* Decides L(P) > L(0) at exact predictions P: exactly for the squared
   loss (m (L(P) - L(0)) = |p|^2 - 2 <p,y>), with rising precision for
   cross-entropy (*prec: the precision reached, 0 when exact).  Sets gap
   to an enclosure of L(P) - L(0). */
static truth_t
decide_gap(arb_t gap, slong *prec, arb_srcptr P, const thm1_inst_t I)
{
    arb_t a, b;
    diff_ctx x = {a, b, gap, P, NULL, I};
    truth_t t;
    *prec = 0;
    if (I->kind == LOSS_SQUARED)
    {
        fmpq_t pp, py, yy;
        fmpq_init(pp);
        fmpq_init(py);
        fmpq_init(yy);
        thm1_sq_ray_exact(pp, py, yy, P, I->S);
        fmpq_mul_2exp(py, py, 1);
        fmpq_sub(pp, pp, py);
        t = fmpq_sgn(pp) > 0 ? BC_TRUE : BC_FALSE;
        fmpq_clear(pp);
        fmpq_clear(py);
        fmpq_clear(yy);
        loss_gap_arb(gap, I->kind, P, I->S, 128);
        return t;
    }
    arb_init(a);
    arb_init(b);
    t = bc_decide_prec(prec, loss_diff_positive, &x, 64);
    arb_clear(a);
    arb_clear(b);
    return t;
}

/* Decides L(P1) < L(P0) (exact predictions): exactly for the squared
   loss, with rising precision for cross-entropy (*prec as decide_gap);
   sets L0, L1 enclosures. */
static truth_t
decide_descent(arb_t L0, arb_t L1, slong *prec, arb_srcptr P0, arb_srcptr P1, const thm1_inst_t I)
{
    arb_t d;
    diff_ctx x = {L0, L1, d, P0, P1, I};
    truth_t t;
    *prec = 0;
    if (I->kind == LOSS_SQUARED)
    {
        fmpq_t a, b;
        fmpq_init(a);
        fmpq_init(b);
        thm1_sq_loss_exact(a, P0, NULL, I->S);
        thm1_sq_loss_exact(b, P1, NULL, I->S);
        t = fmpq_cmp(b, a) < 0 ? BC_TRUE : BC_FALSE;
        fmpq_clear(a);
        fmpq_clear(b);
        loss_value_arb(L0, I->kind, P0, I->S, 128);
        loss_value_arb(L1, I->kind, P1, I->S, 128);
        return t;
    }
    arb_init(d);
    t = bc_decide_prec(prec, loss_diff_positive, &x, 64);
    arb_clear(d);
    return t;
}

/* The sign of L(P(W0)) - L(0) the selection of W(0) asks for: +1 for the
   instances (hypothesis (ii)), -1 for the control's start.  The one
   definition of the selection, where the mutant reverses it. */
static int
ii_sign(const run_t R, int control)
{
    int s = run_mutant(R, "thm1.mutant.ii_reversed") ? -1 : 1;
    return control ? -s : s;
}

/* 1 when a draw whose gap L(P(W0)) - L(0) was decided t (enclosure gap)
   has the sign wanted: decided positive, or certified negative. */
static int
gap_accepted(truth_t t, const arb_t gap, int want)
{
    return want > 0 ? t == BC_TRUE : (t == BC_FALSE && !arb_contains_zero(gap));
}

/* Draws W(0) as sample i of stream name into I->N->par (Assumption 1:
   Gaussian, every neuron vector with its bias), sets P to its exact
   predictions and decides the gap L(P) - L(0) (decide_gap). */
static truth_t
draw_start(arb_ptr P, arb_t gap, slong *prec, thm1_inst_t I, const char *name, slong i, uint64_t seed)
{
    rng_t rng;
    rng_init(rng, seed, rng_stream_id(name), (uint64_t) i);
    net_randomize(I->N, SAMPLER_GAUSS, THM1_INIT_SCALE, rng);
    rng_clear(rng);
    pred_params(P, I, I->N->par);
    return decide_gap(gap, prec, P, I);
}

/* Training data of an instance: x_t ~ N(0, I/d), targets N(0, 1) or
   uniform labels.  For cross-entropy the input x_0 is repeated four
   times with labels a, a, b, c (the three classes; label noise).  A copy
   is strictly misclassified unless its label attains the maximal score,
   so hypothesis (i) can fail on such a path only where the three scores
   on x_0 tie exactly, a codimension-2 event that a generic path avoids;
   and the best scores on x_0 (probabilities 1/2, 1/4, 1/4) are not a
   tie, so good fits keep (i).  (With two copies, or copies a, a, b, the
   set where (i) fails has codimension 1 and paths cross it.) */
static void
make_data(thm1_inst_t I, const char *name, uint64_t seed)
{
    rng_t rng;
    slong j;
    rng_init(rng, seed, rng_stream_id(name), 0);
    data_randomize(I->S, 1.0, 1.0, rng);
    rng_clear(rng);
    if (I->kind == LOSS_XENT)
    {
        slong t;
        for (t = 1; t < 4; t++)
            for (j = 0; j < I->S->d; j++)
                data_x(I->S, t)[j] = data_x(I->S, 0)[j];
        I->S->lab[1] = I->S->lab[0];
        I->S->lab[2] = (I->S->lab[0] + 1) % I->S->k;
        I->S->lab[3] = (I->S->lab[0] + 2) % I->S->k;
    }
}

/* Depth 3: the path W(0) -> Wd -> W(1) with knots at lambda = 0, 1/2, 1,
   where Wd is (W0 + W1)/2 with the output layer moved by 2^e G,
   G ~ N(0, I) from its own stream, for the least e >= -2 for which
   L(P(Wd)) > L(P(W0)) is decided: the original loss then rises above
   its start, and the detour leaves the hidden layers on the straight
   line so that it does not kill ReLUs.  Returns e. */
static slong
make_detour(thm1_inst_t I, const arb_t L0, const char *stream, slong index, uint64_t seed)
{
    slong q, e, npar = I->N->npar, mk = I->S->m * I->S->k;
    slong out0 = I->N->offset[I->N->depth - 1];
    double *w0 = thm1_knot(I, 0), *w1 = thm1_knot(I, 2), *wd = thm1_knot(I, 1);
    double *G = flint_malloc((npar + 1) * sizeof(double));
    arb_ptr Pd = _arb_vec_init(mk);
    arb_t Ld, d;
    rng_t rng;

    arb_init(Ld);
    arb_init(d);
    rng_init(rng, seed, rng_stream_id(stream), (uint64_t) index);
    for (q = out0; q < npar; q++)
        G[q] = rng_normal(rng);
    rng_clear(rng);
    for (e = -2; e <= 12; e++)
    {
        for (q = 0; q < npar; q++)
            wd[q] = 0.5 * (w0[q] + w1[q]) + (q >= out0 ? ldexp(G[q], (int) e) : 0.0);
        pred_params(Pd, I, wd);
        loss_value_arb(Ld, I->kind, Pd, I->S, 128);
        arb_sub(d, Ld, L0, 128);
        if (arb_is_positive(d))
            break;
    }
    arb_clear(Ld);
    arb_clear(d);
    _arb_vec_clear(Pd, mk);
    flint_free(G);
    return e;
}

/* The middle knot of a three-knot path: the detour of depth 3, or, under
   the mutant that breaks hypothesis (i), the midpoint (W0 + W1)/2 with a
   zero output layer, where P = 0 and L(c P) = L(0) < L0 for every c. */
static void
path_middle(thm1_inst_t I, inst_info *info, slong index, uint64_t seed)
{
    slong q, npar = I->N->npar, out0 = I->N->offset[I->N->depth - 1];
    if (!info->through_zero)
    {
        info->detour_exp = make_detour(I, info->L0, info->detour_stream, index, seed);
        return;
    }
    for (q = 0; q < npar; q++)
        thm1_knot(I, 1)[q] = q >= out0 ? 0.0 : 0.5 * (thm1_knot(I, 0)[q] + thm1_knot(I, 2)[q]);
}

/* Draw i of the selection: W(0), hypothesis (ii) (the sign want),
   W(1) by gradient descent and L1 < L0, the path's middle knot, and
   hypothesis (i) on the continuum.  Returns DRAW_ACCEPTED, or counts the
   rejection and returns DRAW_REJECTED_I when (i) was decided on the
   draw, else DRAW_REJECTED. */
#define DRAW_REJECTED 0
#define DRAW_ACCEPTED 1
#define DRAW_REJECTED_I 2

static int
select_draw(thm1_inst_t I, inst_info *info, arb_ptr P0, arb_ptr P1, const thm1_size *z, slong i, int want,
            uint64_t seed)
{
    slong j, npar = I->N->npar, nknots = I->nknots, p1;
    char *ws;
    size_t wlen;

    info->hyp_ii = info->descent = info->hyp_i = BC_UNDECIDED;
    info->w0_index = i;
    info->hyp_ii = draw_start(P0, info->gap, &info->prec_ii, I, info->w0_stream, i, seed);
    for (j = 0; j < nknots; j++)
        memcpy(thm1_knot(I, j), I->N->par, npar * sizeof(double));
    if (!gap_accepted(info->hyp_ii, info->gap, want))
    {
        info->rej_ii++;
        return DRAW_REJECTED;
    }

    /* W(1): gradient descent from W(0) in double, then exact */
    info->gd_loss = thm1_descend(I->N, I->kind, I->S, z->gd_iters);
    memcpy(thm1_knot(I, nknots - 1), I->N->par, npar * sizeof(double));
    pred_params(P1, I, thm1_knot(I, nknots - 1));
    info->descent = decide_descent(info->L0, info->L1, &p1, P0, P1, I);
    info->prec_ii = FLINT_MAX(info->prec_ii, p1);
    if (info->descent != BC_TRUE)
    {
        info->rej_descent++;
        return DRAW_REJECTED;
    }
    if (nknots == 3)
        path_middle(I, info, i, seed);

    /* hypothesis (i) on the continuum */
    info->hyp_i = thm1_hyp_i(&info->hyp_nint, &info->hyp_nleft, &info->hyp_dmax, info->hyp_where, I,
                             z->hyp_depth, 400000);
    if (info->hyp_i == BC_TRUE)
        return DRAW_ACCEPTED;
    info->rej_i++;
    wlen = strlen(info->rej_i_where);
    if (wlen + 40 < sizeof(info->rej_i_where))
    {
        ws = arf_dec(info->hyp_where);
        snprintf(info->rej_i_where + wlen, sizeof(info->rej_i_where) - wlen, "%s#%ld:%s", wlen ? ", " : "",
                 (long) i, info->hyp_i == BC_FALSE ? ws : "undecided");
        flint_free(ws);
    }
    return DRAW_REJECTED_I;
}

/* Builds the instance (loss, depth) and its generation record.

   The instance is *selected*: W(0) is drawn (sample 0, 1, 2, ... of its
   stream) until the hypotheses of Thm 1 are decided true for it: (ii),
   then L1 < L0 for the gradient-descent end point W1, then (i) on the
   whole path.  The numbers of rejected draws are recorded and reported;
   a draw rejected for (i) is not a counterexample to Thm 1, whose
   conclusion is only claimed under its hypotheses.  When no draw is
   accepted, the instance is the last draw on which (i) was decided (drawn
   again, its rejection not counted twice), so that the records report
   the hypotheses decided on one instance. */
static void
build_instance(thm1_inst_t I, inst_info *info, loss_kind kind, slong depth, const thm1_size *z, const run_t R)
{
    slong width[5], i, k = kind == LOSS_SQUARED ? 1 : 3, mk, last_i = -1;
    uint64_t seed = R->opts->seed;
    int want = ii_sign(R, 0);
    arb_ptr P0, P1;

    info->through_zero = run_mutant(R, "thm1.mutant.through_zero");
    width[0] = z->d;
    for (i = 1; i < depth; i++)
        width[i] = z->hidden[i - 1];
    width[depth] = k;
    thm1_inst_init(I, kind, depth, width, z->m, depth == 3 || info->through_zero ? 3 : 2);
    mk = I->S->m * k;

    snprintf(info->data_stream, sizeof(info->data_stream), "thm1.data.%s.depth%ld", loss_tag(kind),
             (long) depth);
    snprintf(info->w0_stream, sizeof(info->w0_stream), "thm1.w0.%s.depth%ld", loss_tag(kind), (long) depth);
    snprintf(info->detour_stream, sizeof(info->detour_stream), "thm1.detour.%s.depth%ld", loss_tag(kind),
             (long) depth);
    make_data(I, info->data_stream, seed);

    P0 = _arb_vec_init(mk);
    P1 = _arb_vec_init(mk);
    for (i = 0; i < MAX_DRAWS; i++)
    {
        int r = select_draw(I, info, P0, P1, z, i, want, seed);
        if (r == DRAW_ACCEPTED)
            break;
        if (r == DRAW_REJECTED_I)
            last_i = i;
    }
    if (i == MAX_DRAWS && last_i >= 0 && last_i < MAX_DRAWS - 1)
    {
        slong rej[3] = {info->rej_ii, info->rej_descent, info->rej_i};
        char where[sizeof(info->rej_i_where)];
        memcpy(where, info->rej_i_where, sizeof(where));
        select_draw(I, info, P0, P1, z, last_i, want, seed);
        info->rej_ii = rej[0];
        info->rej_descent = rej[1];
        info->rej_i = rej[2];
        memcpy(info->rej_i_where, where, sizeof(where));
    }
    _arb_vec_clear(P0, mk);
    _arb_vec_clear(P1, mk);
}

static char *
widths_str(const thm1_inst_t I)
{
    char buf[128];
    size_t len = 0;
    slong i;
    buf[0] = '\0';
    for (i = 0; i <= I->N->depth; i++)
        len += (size_t) snprintf(buf + len, sizeof(buf) - len, i ? "-%ld" : "%ld", (long) I->N->width[i]);
    return bc_aprintf("%s", buf);
}

/* How the instance was generated, for the witnesses (flint_free). */
static char *
instance_witness(const thm1_inst_t I, const inst_info *info, const thm1_size *z, uint64_t seed)
{
    char *w = widths_str(I), *path, *wit;
    if (info->through_zero)
        path = bc_aprintf("W0 -> Wz -> W1 with knots at lambda = 0, 1/2, 1, Wz = (W0+W1)/2 with a zero "
                          "output layer");
    else if (info->detour_exp != DETOUR_NONE)
        path = bc_aprintf("W0 -> Wd -> W1 with knots at lambda = 0, 1/2, 1, Wd = (W0+W1)/2 "
                          "with output layer + 2^%ld G, G ~ N(0,I) from stream %s index %ld",
                          (long) info->detour_exp, info->detour_stream, (long) info->w0_index);
    else
        path = bc_aprintf("straight line W0 -> W1");
    wit = bc_aprintf("seed=%llu; loss=%s; widths %s (d-hidden-k), m=%ld; data stream %s index 0; "
                     "W0 stream %s index %ld (Gaussian, sd %g); draws rejected: %ld for (ii), "
                     "%ld for L1 < L0, %ld for (i)%s%s%s; W1 = %ld steps of gradient descent "
                     "from W0 (double, then taken exactly); path: %s",
                     (unsigned long long) seed, loss_name(I->kind), w, (long) I->S->m, info->data_stream,
                     info->w0_stream, (long) info->w0_index, THM1_INIT_SCALE, (long) info->rej_ii,
                     (long) info->rej_descent, (long) info->rej_i,
                     info->rej_i ? " [index:lambda where (i) failed: " : "", info->rej_i_where,
                     info->rej_i ? "]" : "", (long) z->gd_iters, path);
    flint_free(w);
    flint_free(path);
    return wit;
}

/* The instance paragraph of the report: what this run drew. */
static void
add_instance_text(run_t R, const thm1_inst_t I, const inst_info *info, const thm1_size *z)
{
    char *tag = widths_str(I);
    run_add_instance(
        R,
        "%s, depth %ld (widths %s), $m = %ld$ points in $\\mathbb{R}^{%ld}$%s. $W^{(0)}$: Gaussian with "
        "standard deviation %g, sample %ld of stream \\texttt{%s} (%ld draws rejected for (ii), %ld for "
        "$L(P(W^{(1)})) < L(P(W^{(0)}))$, %ld for "
        "(i) on the path). $W^{(1)}$: %ld steps of gradient descent (objective $\\approx %.6g$). Path: %s.",
        I->kind == LOSS_SQUARED ? "Squared loss" : "Softmax cross-entropy", (long) I->N->depth, tag,
        (long) I->S->m, (long) I->S->d,
        I->kind == LOSS_XENT ? " with 3 classes, the first input repeated four times with labels $a, a, b, c$"
                             : " with targets $y_t \\sim N(0,1)$",
        THM1_INIT_SCALE, (long) info->w0_index, info->w0_stream, (long) info->rej_ii,
        (long) info->rej_descent, (long) info->rej_i, (long) z->gd_iters, info->gd_loss,
        info->through_zero ? "through a point with a zero output layer at $\\lambda = \\tfrac12$"
        : info->detour_exp == DETOUR_NONE ? "the straight line"
                                          : "the detour $W^{(0)} \\to W_d \\to W^{(1)}$");
    flint_free(tag);
}

/* ---------------------------------------------------------------- */
/* the checks of one instance                                        */

#define NPTS 256 /* the original path is searched for a rise on lambda = j/NPTS */

/* One instance and what the run computed on it. */
typedef struct
{
    const inst_ids *ids;
    thm1_inst_t I;
    inst_info info;
    char *wit; /* how the instance was generated */
    int have_rescale;
    thm1_rescale_t Rs; /* the construction (when have_rescale) */
    truth_t build;
    arb_ptr Lp; /* original path losses at lambda = j/NPTS, or NULL */
    truth_t rise;
    slong i1, i2;
    arb_ptr Lg; /* rescaled path losses on the grid, or NULL */
    truth_t dec;
    slong bad, maxprec;
} inst_run;

/* the hypotheses fail on the instance, so the construction does not apply */
static int
inapplicable(const inst_run *x)
{
    return x->info.hyp_i == BC_FALSE || x->build == BC_FALSE;
}

static void
check_hyp_i(run_t R, const inst_run *x, const thm1_size *z)
{
    check_t c;
    run_check(R, c, x->ids->hyp_i);
    check_field_add(c, "intervals", "%ld", (long) x->info.hyp_nint);
    check_field_add(c, "undecided_intervals", "%ld", (long) x->info.hyp_nleft);
    check_field_add(c, "max_bisection_depth", "%ld", (long) x->info.hyp_dmax);
    check_field_add(c, "draws_rejected_for_hyp_i", "%ld", (long) x->info.rej_i);
    if (x->info.hyp_i == BC_FALSE)
    {
        char *ws = arf_dec(x->info.hyp_where);
        check_field_add(c, "fails_at_lambda", "%s", ws);
        flint_free(ws);
    }
    check_set_witness(c, "%s; bisection depth limit %ld", x->wit, (long) z->hyp_depth);
    cert_relu_path(c, NULL, x->I->N, x->I->S, x->I->kind, x->I->knot, x->I->nknots, "hyp_i", x->info.hyp_i);
    check_hypothesis(c, x->info.hyp_i);
    run_push(R, c);
}

static void
check_hyp_ii(run_t R, const inst_run *x)
{
    check_t c;
    run_check(R, c, x->ids->hyp_ii);
    check_field_arb(c, "L0_minus_Lzero", x->info.gap, 20);
    check_field_arb(c, "L0", x->info.L0, 20);
    check_field_arb(c, "L1", x->info.L1, 20);
    check_field_add(c, "w0_sample_index", "%ld", (long) x->info.w0_index);
    check_field_add(c, "draws_rejected_for_hyp_ii", "%ld", (long) x->info.rej_ii);
    check_note_prec(c, x->info.prec_ii);
    check_set_witness(c, "%s", x->wit);
    cert_relu_path(c, NULL, x->I->N, x->I->S, x->I->kind, x->I->knot, x->I->nknots, "hyp_ii",
                   bc_truth_and(x->info.hyp_ii, x->info.descent));
    check_hypothesis(c, bc_truth_and(x->info.hyp_ii, x->info.descent));
    run_push(R, c);
}

/* W~(0) = W(0): identical parameter vectors */
static truth_t
start_is_w0(const inst_run *x)
{
    slong i, npar = x->I->N->npar;
    arb_ptr par = _arb_vec_init(npar);
    arb_t w;
    truth_t same = BC_TRUE;
    arb_init(w);
    thm1_rescale_par(par, x->Rs, x->I, 0);
    for (i = 0; i < npar; i++)
    {
        arb_set_d(w, thm1_knot(x->I, 0)[i]);
        if (!arb_equal(w, par + i))
            same = BC_FALSE;
    }
    arb_clear(w);
    _arb_vec_clear(par, npar);
    return same;
}

static void
check_rescale(run_t R, const inst_run *x)
{
    const thm1_rescale_struct *Rs = x->Rs;
    slong i, n = Rs->n;
    double cmin = Rs->c[0], cmax = Rs->c[0];
    truth_t t;
    check_t c;

    for (i = 0; i <= n; i++)
    {
        cmin = FLINT_MIN(cmin, Rs->c[i]);
        cmax = FLINT_MAX(cmax, Rs->c[i]);
    }
    run_check(R, c, x->ids->rescale);
    c->statement = bc_aprintf("Grid: $n = %ld$, %ld points.", (long) n, (long) (n + 1));
    check_field_add(c, "grid_points", "%ld", (long) (n + 1));
    check_field_add(c, "original_path_certified_rise", "%s (grid lambda = j/%d)", bc_truth_str(x->rise),
                    NPTS);
    check_field_add(c, "roots_not_isolated", "%ld", (long) Rs->nroot_fail);
    check_field_add(c, "c_tilde_range", "[%.17g, %.17g]", cmin, cmax);
    check_field_add(c, "start_c_is_one", "%s", bc_truth_str(Rs->start));
    check_field_arb(c, "loss_at_s0", x->Lg, 20);
    check_field_arb(c, "loss_at_s1", x->Lg + n / 2, 20);
    check_field_arb(c, "loss_at_s2", x->Lg + n, 20);
    if (x->bad >= 0)
        check_field_add(c, "first_unresolved_or_failing_pair", "s = %ld/%ld, %ld/%ld", (long) (2 * x->bad),
                        (long) n, (long) (2 * x->bad + 2), (long) n);
    check_note_prec(c, x->maxprec);
    check_set_witness(c, "%s; grid s_i = 2i/%ld, i = 0..%ld; c~(s_i) rounded to double", x->wit, (long) n,
                      (long) n);
    if (inapplicable(x))
        check_hypothesis(c, BC_FALSE);
    else
    {
        t = bc_truth_and(bc_truth_and(x->dec, Rs->start), start_is_w0(x));
        check_decide(c, bc_truth_and(t, Rs->nroot_fail == 0 ? BC_TRUE : BC_UNDECIDED));
    }
    run_push(R, c);
}

static void
check_end(run_t R, const inst_run *x)
{
    const thm1_rescale_struct *Rs = x->Rs;
    arb_t e;
    check_t c;

    arb_init(e);
    run_check(R, c, x->ids->end);
    check_field_add(c, "end_case", "%s",
                    Rs->end_case == 1   ? "c_end = 1: the path ends at W1 itself"
                    : Rs->end_case == 2 ? "c_end > 1: the path ends at a rescaled W1, not W1"
                                        : "undecided");
    if (x->I->kind == LOSS_SQUARED && Rs->end_case != 0)
    {
        char *q = fmpq_get_str(NULL, 10, Rs->cend_q);
        if (strlen(q) <= 80)
            check_field_add(c, "c_end_exact", "%s", q);
        else
            check_field_add(c, "c_end_exact",
                            "rational p/q with %ld-bit numerator and %ld-bit "
                            "denominator (recomputable exactly from W1)",
                            (long) fmpz_bits(fmpq_numref(Rs->cend_q)),
                            (long) fmpz_bits(fmpq_denref(Rs->cend_q)));
        flint_free(q);
    }
    check_field_arb(c, "c_end", Rs->cend, 25);
    if (Rs->end_case == 2)
    {
        arb_sub_ui(e, Rs->cend, 1, 256);
        check_field_arb(c, "c_end_minus_1", e, 10);
        check_add_note(c, "Finding: gradient descent stopped where scaling the output layer up "
                          "still lowers the loss, so the rescaled path ends at $c_{\\mathrm{end}} "
                          "W^{(1)}$ (output layer), a different point with the same loss, as the "
                          "theorem's conclusion allows.");
    }
    check_field_arb(c, "L1", Rs->L1, 20);
    thm1_rescale_loss(e, Rs, x->I, Rs->n, 128);
    check_field_arb(c, "loss_at_last_grid_point", e, 20);
    check_note_prec(c, Rs->prec);
    check_set_witness(c, "%s", x->wit);
    if (inapplicable(x))
        check_hypothesis(c, BC_FALSE);
    else
        check_decide(c, Rs->end);
    run_push(R, c);
    arb_clear(e);
}

static void
check_nonmonotone(run_t R, const inst_run *x)
{
    check_t c;
    run_check(R, c, x->ids->nonmonotone);
    if (x->rise == BC_TRUE)
    {
        check_field_add(c, "lambda1", "%ld/%d", (long) x->i1, NPTS);
        check_field_add(c, "lambda2", "%ld/%d", (long) x->i2, NPTS);
        check_field_arb(c, "loss_at_lambda1", x->Lp + x->i1, 20);
        check_field_arb(c, "loss_at_lambda2", x->Lp + x->i2, 20);
    }
    check_set_witness(c, "%s; lambda1 = %ld/%d, lambda2 = %ld/%d", x->wit, (long) x->i1, NPTS, (long) x->i2,
                      NPTS);
    check_decide(c, x->rise);
    run_push(R, c);
}

/* The figure of the depth-3 instance of one loss: the original path, and
   the rescaled path subsampled.  Midpoints of the computed balls. */
static void
push_figure(run_t R, const inst_run *x)
{
    slong j, n = x->Rs->n, stride = FLINT_MAX(1, n / 256), cnt = 0;
    double *lam = flint_malloc((NPTS + 1) * sizeof(double)), *Lo = flint_malloc((NPTS + 1) * sizeof(double));
    double *s = flint_malloc((n / stride + 2) * sizeof(double)),
           *Lr = flint_malloc((n / stride + 2) * sizeof(double));
    figure_t f;
    char id[64], *cap;

    for (j = 0; j <= NPTS; j++)
    {
        lam[j] = (double) j / (double) NPTS;
        Lo[j] = arf_get_d(arb_midref(x->Lp + j), ARF_RND_NEAR);
    }
    for (j = 0; j <= n; j += stride, cnt++)
    {
        s[cnt] = 2.0 * (double) j / (double) n;
        Lr[cnt] = arf_get_d(arb_midref(x->Lg + j), ARF_RND_NEAR);
    }
    snprintf(id, sizeof(id), "thm1.path.%s", loss_tag(x->I->kind));
    cap = bc_aprintf("Theorem 1, %s, depth-3 instance: the objective along the original path "
                     "$W^{(\\lambda)}$, $\\lambda \\in [0,1]$ (not monotone), and along the rescaled path "
                     "$\\tilde W^{(s)}$, $s \\in [0,2]$ (strictly decreasing; $s \\in [1,2]$ is the final "
                     "segment along the ray of $W^{(1)}$). Midpoints of the computed balls.",
                     x->I->kind == LOSS_SQUARED ? "squared loss" : "cross-entropy");
    figure_init(f, id, R->mod->claim, cap, "$\\lambda$ (original), $s$ (rescaled)", "objective");
    figure_add_series(f, "original $L(P(W^{(\\lambda)}))$", lam, Lo, NPTS + 1, 0);
    figure_add_series(f, "rescaled $L(P(\\tilde W^{(s)}))$", s, Lr, cnt, 0);
    run_add_figure(R, f);
    flint_free(cap);
    flint_free(lam);
    flint_free(Lo);
    flint_free(s);
    flint_free(Lr);
}

/* Builds instance (kind, depth) into x and runs its wanted checks; the
   construction runs only for the checks that read it (the end
   certificate alone on a grid of two intervals). */
static void
run_instance(run_t R, inst_run *x, loss_kind kind, slong depth, const thm1_size *z)
{
    int want_res = run_wants(R, x->ids->rescale), want_end = run_wants(R, x->ids->end);
    int want_mono = x->ids->nonmonotone != NULL && run_wants(R, x->ids->nonmonotone);

    info_init(&x->info);
    build_instance(x->I, &x->info, kind, depth, z, R);
    x->wit = instance_witness(x->I, &x->info, z, R->opts->seed);
    add_instance_text(R, x->I, &x->info, z);
    x->build = BC_UNDECIDED;
    if (want_res || want_mono)
    {
        /* the original path on lambda = j/NPTS: for the figure, and to
           see whether it is monotone */
        x->Lp = _arb_vec_init(NPTS + 1);
        thm1_path_losses(x->Lp, x->I, NPTS, 128);
        x->rise = thm1_find_rise(&x->i1, &x->i2, x->Lp, NPTS + 1);
    }
    if (want_res || want_end)
    {
        thm1_rescale_init(x->Rs, want_res ? z->grid : 2);
        x->have_rescale = 1;
        x->build = thm1_rescale_build(x->Rs, x->I);
    }
    if (want_res)
    {
        x->Lg = _arb_vec_init(x->Rs->n + 1);
        x->dec = thm1_rescale_decreasing(&x->bad, &x->maxprec, x->Lg, x->Rs, x->I);
    }
    if (run_wants(R, x->ids->hyp_i))
        check_hyp_i(R, x, z);
    if (run_wants(R, x->ids->hyp_ii))
        check_hyp_ii(R, x);
    if (want_res)
        check_rescale(R, x);
    if (want_end)
        check_end(R, x);
    if (want_mono)
        check_nonmonotone(R, x);
    if (want_res && depth == 3)
        push_figure(R, x);
}

static void
inst_run_clear(inst_run *x)
{
    if (x->Lp != NULL)
        _arb_vec_clear(x->Lp, NPTS + 1);
    if (x->Lg != NULL)
        _arb_vec_clear(x->Lg, x->Rs->n + 1);
    if (x->have_rescale)
        thm1_rescale_clear(x->Rs);
    if (x->wit != NULL)
    {
        flint_free(x->wit);
        info_clear(&x->info);
        thm1_inst_clear(x->I);
    }
}

/* ---------------------------------------------------------------- */
/* negative controls                                                 */

/* Draws W(0) from stream name, indices 0, 1, ..., until the gap
   L(P(W0)) - L(0) has the sign want (gap_accepted).  Returns the accepted
   index or -1. */
static slong
draw_w0(double *w, slong *rejected, arb_t gap, thm1_inst_t I, const char *name, int want, uint64_t seed)
{
    slong i, prec, mk = I->S->m * I->S->k;
    arb_ptr P = _arb_vec_init(mk);
    slong found = -1;

    *rejected = 0;
    for (i = 0; i < 200 && found < 0; i++)
    {
        truth_t t = draw_start(P, gap, &prec, I, name, i, seed);
        if (gap_accepted(t, gap, want))
        {
            memcpy(w, I->N->par, I->N->npar * sizeof(double));
            found = i;
        }
        else
            (*rejected)++;
    }
    _arb_vec_clear(P, mk);
    return found;
}

/* (a) A start with L(P(W0)) < L(0): the path to a gradient-descent W(1)
   from it is handed to the proof's construction, which must refuse it
   on hypothesis (ii). */
static void
control_start_below_zero(run_t R, const thm1_size *z)
{
    thm1_inst_t I;
    slong width[3], idx, rej;
    uint64_t seed = R->opts->seed;
    arb_t gap;
    check_t c;
    truth_t built = BC_UNDECIDED;
    const char *stream = "thm1.control.w0_below";

    run_check(R, c, "thm1.control.start_below_zero");
    width[0] = z->d;
    width[1] = z->hidden[0];
    width[2] = 1;
    thm1_inst_init(I, LOSS_SQUARED, 2, width, z->m, 2);
    make_data(I, "thm1.data.sq.depth2", seed);
    arb_init(gap);
    idx = draw_w0(thm1_knot(I, 0), &rej, gap, I, stream, ii_sign(R, 1), seed);
    if (idx >= 0)
    {
        thm1_rescale_t Rs;
        slong npar = I->N->npar;
        memcpy(I->N->par, thm1_knot(I, 0), (size_t) npar * sizeof(double));
        thm1_descend(I->N, LOSS_SQUARED, I->S, z->gd_iters);
        memcpy(thm1_knot(I, 1), I->N->par, (size_t) npar * sizeof(double));
        thm1_rescale_init(Rs, 64);
        built = thm1_rescale_build(Rs, I);
        thm1_rescale_clear(Rs);
    }
    check_field_add(c, "construction", "%s", bc_truth_str(built));
    check_field_arb(c, "L0_minus_Lzero", gap, 20);
    check_set_witness(c,
                      "seed=%llu; squared loss, widths %ld-%ld-1, m=%ld; data stream "
                      "thm1.data.sq.depth2 index 0; W0 stream %s index %ld (first draw with "
                      "the gap decided %s, %ld rejected)",
                      (unsigned long long) seed, (long) z->d, (long) z->hidden[0], (long) z->m, stream,
                      (long) idx, ii_sign(R, 1) < 0 ? "negative" : "positive", (long) rej);
    /* the construction's own decision of its hypotheses: inapplicable when
       it refuses the path, holds when it accepts it; the certificate is of
       hypothesis (ii) on the path, which the refusal is about */
    if (idx >= 0)
        cert_relu_path(c, NULL, I->N, I->S, I->kind, I->knot, I->nknots, "hyp_ii", built);
    check_hypothesis(c, built);
    run_push(R, c);
    arb_clear(gap);
    thm1_inst_clear(I);
}

/* (b) The path from W(0) of instance J to W(0) with the output layer
   negated passes through the zero predictor at lambda = 1/2: the interval
   check of (i) must fail there. */
static void
control_zero_predictor(run_t R, const thm1_inst_t J, const inst_info *info)
{
    thm1_inst_t I;
    slong q, nint, nleft, dmax, mk, i, width[5];
    arf_t where, half;
    arb_ptr P;
    truth_t r;
    int zero = 1, negate = !run_mutant(R, "thm1.mutant.zero_path_kept");
    char *ws;
    check_t c;

    run_check(R, c, "thm1.control.zero_predictor");
    for (i = 0; i <= J->N->depth; i++)
        width[i] = J->N->width[i];
    thm1_inst_init(I, J->kind, J->N->depth, width, J->S->m, 2);
    memcpy(I->S->X, J->S->X, J->S->m * J->S->d * sizeof(double));
    memcpy(I->S->Y, J->S->Y, J->S->m * J->S->k * sizeof(double));
    memcpy(I->S->lab, J->S->lab, J->S->m * sizeof(slong));
    /* W(1) = W(0) with the output layer negated: W(1/2) has a zero
       output layer, so P(W(1/2)) = 0 and no rescaling can lift its loss
       above L(0) < L0 */
    memcpy(thm1_knot(I, 0), thm1_knot(J, 0), I->N->npar * sizeof(double));
    memcpy(thm1_knot(I, 1), thm1_knot(J, 0), I->N->npar * sizeof(double));
    for (q = I->N->offset[I->N->depth - 1]; negate && q < I->N->npar; q++)
        thm1_knot(I, 1)[q] = -thm1_knot(I, 1)[q];

    arf_init(where);
    arf_init(half);
    r = thm1_hyp_i(&nint, &nleft, &dmax, where, I, 40, 400000);
    arf_set_d(half, 0.5);
    mk = I->S->m * I->S->k;
    P = _arb_vec_init(mk);
    thm1_pred_at(P, I, half);
    for (q = 0; q < mk; q++)
        zero &= arb_is_zero(P + q);

    ws = arf_dec(where);
    if (r == BC_FALSE)
        check_field_add(c, "fails_at_lambda", "%s", ws);
    check_field_add(c, "located_at_one_half", "%s", r == BC_FALSE && arf_equal(where, half) ? "yes" : "no");
    check_field_add(c, "prediction_at_one_half_exactly_zero", "%s", zero ? "yes" : "no");
    check_field_add(c, "intervals_certified_before", "%ld", (long) nint);
    check_set_witness(c,
                      "seed=%llu; W0 = knot 0 of the squared-loss depth-3 instance (stream "
                      "%s index %ld); W1 = W0 with output layer %s; straight path; "
                      "interval checker result %s at lambda = %s; P(W(1/2)) = 0 exactly: %s",
                      (unsigned long long) R->opts->seed, info->w0_stream, (long) info->w0_index,
                      negate ? "negated" : "kept", bc_truth_str(r), r == BC_FALSE ? ws : "-",
                      zero ? "yes" : "no");
    cert_relu_path(c, NULL, I->N, I->S, I->kind, I->knot, I->nknots, "hyp_i", r);
    check_decide(c, r);
    run_push(R, c);

    flint_free(ws);
    _arb_vec_clear(P, mk);
    arf_clear(where);
    arf_clear(half);
    thm1_inst_clear(I);
}

/* Sets T to m times the end target of the proof's construction as the
   talk writes it, v(2) = L0 + w(2) (M - L0), from the exact predictions P0, P1 and
   the data (squared loss, exact) */
static void
sq_paper_end_target(fmpq_t T, arb_srcptr P0, arb_srcptr P1, const data_t S)
{
    fmpq_t L0, L1, Lz, w;
    fmpq_init(L0);
    fmpq_init(L1);
    fmpq_init(Lz);
    fmpq_init(w);
    thm1_sq_loss_exact(L0, P0, NULL, S);
    thm1_sq_loss_exact(L1, P1, NULL, S);
    fmpq_zero(w);
    thm1_sq_loss_exact(Lz, P0, w, S); /* c = 0: m L(0) */
    if (fmpq_cmp(L1, Lz) > 0)
        fmpq_swap(L1, Lz); /* Lz = m M */
    fmpq_set_si(w, 2, 1);
    thm1_v_weight(w, w);
    fmpq_sub(T, Lz, L0);
    fmpq_mul(T, T, w);
    fmpq_add(T, T, L0);
    fmpq_clear(L0);
    fmpq_clear(L1);
    fmpq_clear(Lz);
    fmpq_clear(w);
}

/* (c) The construction without its last piece: the talk's targets v on
   [0, 2] through clip end on the ray of W(1) at v(2) = L0/3 + 2M/3 > M >=
   L1, so its end point does not have the loss L1 the theorem states.
   Decided exactly by the end decision of the rescaled path
   (thm1_sq_ray_end) on the squared-loss depth-3 instance. */
static void
control_end_strict(run_t R, const thm1_inst_t I, const inst_info *info)
{
    slong mk = I->S->m * I->S->k;
    arb_ptr P0 = _arb_vec_init(mk), P1 = _arb_vec_init(mk);
    int completed = run_mutant(R, "thm1.mutant.end_piece"), rational;
    fmpq_t mT, mL1, cq;
    fmpz_t m;
    arf_t lam;
    arb_t cend, d;
    truth_t t;
    check_t c;

    run_check(R, c, "thm1.control.end_strict");
    fmpq_init(mT);
    fmpq_init(mL1);
    fmpq_init(cq);
    fmpz_init_set_si(m, I->S->m);
    arf_init(lam);
    arb_init(cend);
    arb_init(d);
    arf_zero(lam);
    thm1_pred_at(P0, I, lam);
    arf_one(lam);
    thm1_pred_at(P1, I, lam);
    thm1_sq_loss_exact(mL1, P1, NULL, I->S);
    if (completed)
        fmpq_set(mT, mL1); /* the module's last piece: the target ends at L1 */
    else
        sq_paper_end_target(mT, P0, P1, I->S);
    t = thm1_sq_ray_end(cend, cq, &rational, P1, I->S, mT);

    /* the end target minus L1, (m T - m L1) / m */
    fmpq_sub(mT, mT, mL1);
    fmpq_div_fmpz(mT, mT, m);
    arb_set_fmpq(d, mT, 128);
    check_field_arb(c, "end_target_minus_L1", d, 20);
    check_field_arb(c, "end_factor", cend, 20);
    check_field_add(c, "end_factor_rational", "%s", rational ? "yes" : "no");
    check_set_witness(c,
                      "seed=%llu; the squared-loss depth-3 instance (W0 stream %s index %ld); end target %s, "
                      "which minus L1 is %s",
                      (unsigned long long) R->opts->seed, info->w0_stream, (long) info->w0_index,
                      completed ? "L1 (the last piece)" : "v(2) = L0/3 + 2M/3",
                      fmpq_sgn(mT) > 0 ? "positive" : (fmpq_sgn(mT) < 0 ? "negative" : "zero"));
    check_decide(c, t);
    run_push(R, c);

    fmpq_clear(mT);
    fmpq_clear(mL1);
    fmpq_clear(cq);
    fmpz_clear(m);
    arf_clear(lam);
    arb_clear(cend);
    arb_clear(d);
    _arb_vec_clear(P0, mk);
    _arb_vec_clear(P1, mk);
}

/* ---------------------------------------------------------------- */

/* 1 when some check that reads instance (loss li, depth index di) is
   wanted: its own, and the controls (b), (c) on the squared-loss depth-3
   instance */
static int
instance_wanted(const run_t R, slong li, slong di)
{
    const inst_ids *ids = &thm1_ids[li][di];
    if (run_wants(R, ids->hyp_i) || run_wants(R, ids->hyp_ii) || run_wants(R, ids->rescale) ||
        run_wants(R, ids->end) || (ids->nonmonotone != NULL && run_wants(R, ids->nonmonotone)))
        return 1;
    return li == 0 && di == 1 &&
           (run_wants(R, "thm1.control.zero_predictor") || run_wants(R, "thm1.control.end_strict"));
}

static int
thm1_exec(run_t R)
{
    static const loss_kind kinds[NLOSS] = {LOSS_SQUARED, LOSS_XENT};
    inst_run X[NLOSS][NDEPTH];
    thm1_size z;
    slong li, di;

    memset(X, 0, sizeof(X));
    size_params(&z, R);
    for (li = 0; li < NLOSS; li++)
        for (di = 0; di < NDEPTH; di++)
        {
            X[li][di].ids = &thm1_ids[li][di];
            if (instance_wanted(R, li, di))
                run_instance(R, &X[li][di], kinds[li], di + 2, &z);
        }

    /* negative controls; (b) and (c) reuse the squared-loss depth-3
       instance */
    if (run_wants(R, "thm1.control.start_below_zero"))
        control_start_below_zero(R, &z);
    if (run_wants(R, "thm1.control.zero_predictor"))
        control_zero_predictor(R, X[0][1].I, &X[0][1].info);
    if (run_wants(R, "thm1.control.end_strict"))
        control_end_strict(R, X[0][1].I, &X[0][1].info);

    for (li = 0; li < NLOSS; li++)
        for (di = 0; di < NDEPTH; di++)
            inst_run_clear(&X[li][di]);
    return 0;
}

const module_struct module_thm1 = {
    "thm1",
    "Theorem 1",
    "A strictly decreasing path by rescaling the output layer (networks of any depth)",
    0, /* the claim is given; its rows mark the last rescaling piece, which B.1 gives in words */
    thm1_specs,
    THM1_NSPECS,
    fragment_thm1,
    NULL,
    thm1_exec,
    thm1_mutants,
    THM1_NMUTANTS,
    NULL,
    NULL,
};

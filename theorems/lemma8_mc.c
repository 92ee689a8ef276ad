/* lemma8_mc.c -- the Monte Carlo checks of the module "lemma8" (Lemma 8
   and Claim 2 of Theorem 5, B.7).

   One sample draws a direction w (uniform, or adversarially close to
   the edges of the noisy band) and a set of points x of the ball
   B(c, delta): the two extreme points c -+ delta w/|w|, exact rational
   points of the sphere |x - c| = delta (uniform, and concentrated near
   the two extreme points), and exact rational points just inside the
   sphere.  The rule under test declares w sign-constant or noisy; the
   points show the signs <w, x> actually takes.  The sample agrees when
   the rule says "constant" and every point has the same non-zero sign,
   or the rule says "noisy" and the points show two different signs (a
   zero counts as a sign).  Every decision is exact (lemma8.h).

   The extreme points decide the "noisy" side completely (if |<w, c>| <=
   delta |w| they show two signs); the "constant" side is the statement
   min over the ball = <w, c> - delta |w| > 0, which the sampled sphere
   and interior points test without using it. */
#include <math.h>
#include <string.h>

#include "lemma8.h"
#include "mc.h"
#include "sphere.h"

#define PREC 128
#define L8_D 8
#define L8_NSPHERE 4 /* uniform sphere points per sample */
#define L8_NNEAR 4   /* sphere points near the extreme points */
#define L8_NINNER 2  /* rational points just inside the sphere */

/* The instance: d = 8, c = (3, 1, 1, 1, 1, 1, 1, 1) with |c| = 4 exactly
   (so delta = rho |c| is dyadic and the sphere points are rational),
   rho = 7/512 <= rho_8 = 2 sin(sqrt(2 pi)/(16 * 8 sqrt 8)) ~ 0.013847
   (checked in the run), the largest multiple of 2^-9 below the stated
   radius. */
static const slong l8_c[L8_D] = {3, 1, 1, 1, 1, 1, 1, 1};
#define L8_CNORM 4
#define L8_RHO_NUM 7
#define L8_RHO_EXP 9

typedef struct
{
    slong d;
    lemma8_rule rule;
    int adversarial;
    double chat[L8_D]; /* c/|c| in doubles: candidates only */
    arf_struct c[L8_D];
    arf_t r2;    /* rho^2 */
    arf_t delta; /* rho |c|, dyadic */
    arf_t delta2;
    double edges[2]; /* band half-widths whose edges the adversary targets */
} l8_ctx;

static void
l8_ctx_init(l8_ctx *X, lemma8_rule rule, int adversarial)
{
    slong i;
    double a, h;
    memset(X, 0, sizeof *X);
    X->d = L8_D;
    X->rule = rule;
    X->adversarial = adversarial;
    for (i = 0; i < L8_D; i++)
    {
        arf_init(X->c + i);
        arf_set_si(X->c + i, l8_c[i]);
        X->chat[i] = (double) l8_c[i] / (double) L8_CNORM;
    }
    arf_init(X->r2);
    arf_init(X->delta);
    arf_init(X->delta2);
    arf_set_si_2exp_si(X->delta, L8_RHO_NUM * L8_CNORM, -L8_RHO_EXP);
    arf_mul(X->delta2, X->delta, X->delta, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_set_si_2exp_si(X->r2, L8_RHO_NUM * L8_RHO_NUM, -2 * L8_RHO_EXP);
    /* the adversary's targets: the true edge and the rule's edge (the
       disagreements of a wrong rule live between the two) */
    h = ldexp((double) L8_RHO_NUM, -L8_RHO_EXP);
    a = asin(h);
    X->edges[0] = a;
    switch (rule)
    {
    case LEMMA8_RULE_PAPER:
        X->edges[1] = 2.0 * asin(h / 2.0);
        break;
    case LEMMA8_RULE_HALF:
        X->edges[1] = a / 2.0;
        break;
    case LEMMA8_RULE_WIDE:
        X->edges[1] = 2.0 * a;
        break;
    default:
        X->edges[1] = a;
    }
}

static void
l8_ctx_clear(l8_ctx *X)
{
    slong i;
    for (i = 0; i < L8_D; i++)
        arf_clear(X->c + i);
    arf_clear(X->r2);
    arf_clear(X->delta);
    arf_clear(X->delta2);
}

static void
gauss_vec(double *v, slong d, rng_t rng)
{
    slong i;
    double n2;
    do
    {
        n2 = 0.0;
        for (i = 0; i < d; i++)
        {
            v[i] = rng_normal(rng);
            n2 += v[i] * v[i];
        }
    } while (n2 == 0.0);
}

static void
normalise(double *v, slong d)
{
    slong i;
    double n2 = 0.0, n;
    for (i = 0; i < d; i++)
        n2 += v[i] * v[i];
    n = sqrt(n2);
    for (i = 0; i < d; i++)
        v[i] /= n;
}

/* log-uniform in [10^-hi, 10^-lo] */
static double
log_uniform(rng_t rng, double lo, double hi)
{
    return pow(10.0, -(lo + (hi - lo) * rng_uniform(rng)));
}

/* A direction at angle phi from c: cos(phi) chat + sin(phi) u with u a
   uniform unit vector orthogonal to chat.  Doubles: the exact angle of
   the rounded vector is what the sample then decides on. */
static void
direction_at_angle(double *w, const l8_ctx *X, double phi, rng_t rng)
{
    double u[L8_D], p = 0.0, n2 = 0.0;
    slong i, d = X->d;
    do
    {
        gauss_vec(u, d, rng);
        p = 0.0;
        for (i = 0; i < d; i++)
            p += u[i] * X->chat[i];
        n2 = 0.0;
        for (i = 0; i < d; i++)
        {
            u[i] -= p * X->chat[i];
            n2 += u[i] * u[i];
        }
    } while (n2 < 1e-6);
    normalise(u, d);
    for (i = 0; i < d; i++)
        w[i] = cos(phi) * X->chat[i] + sin(phi) * u[i];
}

/* Records the sign s in the evidence flags. */
static void
note_sign(int s, int *pos, int *neg, int *zero)
{
    if (s > 0)
        *pos = 1;
    else if (s < 0)
        *neg = 1;
    else
        *zero = 1;
}

static void
l8_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const l8_ctx *X = ctx;
    slong d = X->d, i, k;
    double w[L8_D], u[L8_D];
    arf_struct W[L8_D], T[L8_D - 1];
    arf_t A, Q, p1, p2, r;
    int R, pos = 0, neg = 0, zero = 0, s, sA, obs_const;

    (void) index;
    for (i = 0; i < d; i++)
        arf_init(W + i);
    for (i = 0; i < d - 1; i++)
        arf_init(T + i);
    arf_init(A);
    arf_init(Q);
    arf_init(p1);
    arf_init(p2);
    arf_init(r);

    /* the direction */
    if (!X->adversarial)
        gauss_vec(w, d, rng);
    else
    {
        /* an edge (true or the rule's; lower pi/2 - h or upper pi/2 + h),
           a side and a margin in [1e-15, 1e-3] radians */
        double h = X->edges[rng_below(rng, 2)];
        double phi = 1.5707963267948966 + (rng_below(rng, 2) ? h : -h);
        double m = log_uniform(rng, 3.0, 15.0);
        phi += rng_below(rng, 2) ? m : -m;
        direction_at_angle(w, X, phi, rng);
    }
    for (i = 0; i < d; i++)
        arf_set_d(W + i, w[i]);
    R = lemma8_rule_constant(X->rule, W, X->c, d, X->r2);

    /* A = <w, c>, Q = |w|^2, exact */
    for (i = 0; i < d; i++)
    {
        arf_mul(p1, W + i, X->c + i, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_add(A, A, p1, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul(p1, W + i, W + i, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_add(Q, Q, p1, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    sA = arf_sgn(A);

    /* the extreme points c -+ delta w/|w|: <w, x> = A -+ sqrt(delta^2 Q) */
    arf_mul(p1, A, A, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_mul(p2, X->delta2, Q, ARF_PREC_EXACT, ARF_RND_DOWN);
    note_sign(lemma8_sign_sqrt_sum(sA, p1, -1, p2), &pos, &neg, &zero);
    note_sign(lemma8_sign_sqrt_sum(sA, p1, +1, p2), &pos, &neg, &zero);

    /* points of the sphere |x - c| = delta: uniform, then near the two
       extreme points (direction -+ w/|w| plus a small perturbation),
       then just inside (radius delta (1 - 2^-k), k in 20..50) */
    for (k = 0; k < L8_NSPHERE + L8_NNEAR + L8_NINNER; k++)
    {
        double wn = 0.0;
        if (k < L8_NSPHERE || k >= L8_NSPHERE + L8_NNEAR)
            gauss_vec(u, d, rng);
        else
        {
            double eta = log_uniform(rng, 1.0, 12.0), sg = (k % 2 == 0) ? -1.0 : 1.0;
            for (i = 0; i < d; i++)
                wn += w[i] * w[i];
            wn = sqrt(wn);
            gauss_vec(u, d, rng);
            for (i = 0; i < d; i++)
                u[i] = sg * w[i] / wn + eta * u[i];
        }
        normalise(u, d);
        lemma8_stereo_params(T, &s, u, d);
        arf_set(r, X->delta);
        if (k >= L8_NSPHERE + L8_NNEAR)
        {
            /* delta (1 - 2^-e), exact, inside the ball */
            arf_mul_2exp_si(p1, X->delta, -(slong) (20 + rng_below(rng, 31)));
            arf_sub(r, r, p1, ARF_PREC_EXACT, ARF_RND_DOWN);
        }
        note_sign(lemma8_sign_at_sphere_point(W, X->c, d, r, T, s), &pos, &neg, &zero);
    }

    obs_const = (pos && !neg && !zero) || (neg && !pos && !zero);
    out->nevents = 3;
    out->event[0] = (R == obs_const) ? BC_TRUE : BC_FALSE;
    out->event[1] = R ? BC_FALSE : BC_TRUE;
    out->event[2] = R ? BC_TRUE : BC_FALSE;
    out->escalations = 0;

    for (i = 0; i < d; i++)
        arf_clear(W + i);
    for (i = 0; i < d - 1; i++)
        arf_clear(T + i);
    arf_clear(A);
    arf_clear(Q);
    arf_clear(p1);
    arf_clear(p2);
    arf_clear(r);
}

typedef struct
{
    const char *id;
    const char *stream;
    lemma8_rule rule;
    int adversarial;
    int control;
} l8_run;

static const l8_run l8_runs[] = {
    {"lemma8.mc.agree.uniform", "lemma8/agree/uniform", LEMMA8_RULE_CORRECT, 0, 0},
    {"lemma8.mc.agree.adversarial", "lemma8/agree/adversarial", LEMMA8_RULE_CORRECT, 1, 0},
    {"lemma8.control.paper_angle", "lemma8/control/paper", LEMMA8_RULE_PAPER, 1, 1},
    {"lemma8.control.half_width", "lemma8/control/half", LEMMA8_RULE_HALF, 0, 1},
    {"lemma8.control.wide_width", "lemma8/control/wide", LEMMA8_RULE_WIDE, 1, 1},
};

static const char *
rule_tex(lemma8_rule rule)
{
    switch (rule)
    {
    case LEMMA8_RULE_PAPER:
        return "the paper's cap: $w$ declared sign-constant iff $\\angle(w,\\pm c)<\\frac\\pi2-2\\arcsin"
               "\\frac\\rho2$, i.e.\\ $|\\cos\\angle(w,c)|>\\rho\\sqrt{1-\\rho^2/4}$";
    case LEMMA8_RULE_HALF:
        return "a band of half the correct half-width: constant iff $|\\cos\\angle(w,c)|>"
               "\\sin(\\frac12\\arcsin\\rho)$";
    case LEMMA8_RULE_WIDE:
        return "a band of twice the correct half-width: constant iff $|\\cos\\angle(w,c)|>"
               "\\sin(2\\arcsin\\rho)$";
    default:
        return "the characterisation: constant iff $|\\langle w,c\\rangle|>\\delta\\|w\\|$, i.e.\\ "
               "$|\\cos\\angle(w,c)|>\\rho$";
    }
}

void
_lemma8_run_mc(checklist_t L, const lemma8_sizes *z, const run_opts *opts,
               void (*start)(check_t c, const char *id, const char *claim, int rec))
{
    slong q, nq = (slong) (sizeof(l8_runs) / sizeof(l8_runs[0]));
    mc_opts o;
    arb_t one, band, rho, rd, t;
    char *bs, *rs;
    int rho_ok;

    arb_init(one);
    arb_init(band);
    arb_init(rho);
    arb_init(rd);
    arb_init(t);
    arb_one(one);
    arb_set_si(rho, L8_RHO_NUM);
    arb_mul_2exp_si(rho, rho, -L8_RHO_EXP);
    sphere_band_prob(band, L8_D, rho, PREC);
    sphere_band_radius(rd, L8_D, PREC);
    /* the instance's rho must respect the hypothesis of Theorem 5 */
    rho_ok = arb_lt(rho, rd);
    bs = bc_arb_str(band, 15);
    rs = bc_arb_str(rd, 12);

    o.threads = opts->threads;
    o.progress = opts->progress;
    for (q = 0; q < nq; q++)
    {
        const l8_run *P = l8_runs + q;
        l8_ctx X;
        mc_tally_t T;
        check_t c;
        ulong n = P->control ? z->control : z->agree;

        l8_ctx_init(&X, P->rule, P->adversarial);
        o.label = P->id;
        mc_run(T, l8_sample, &X, n, opts->seed, rng_stream_id(P->stream), &o);

        start(c, P->id, "Lemma 8 (Thm 5)", 1);
        c->statement = bc_aprintf(
            "%s$d=%d$, $c=(3,1,1,1,1,1,1,1)$, $\\|c\\|=4$, $\\rho=\\delta/\\|c\\|=7/512\\le\\rho_8$: for "
            "%s directions $w$, %s agrees with the signs of $\\langle w,x\\rangle$ at the two extreme "
            "points $c\\mp\\delta w/\\|w\\|$, at %d exact rational points of the sphere "
            "$\\|x-c\\|=\\delta$ (%d uniform, %d near the extreme points) and at %d rational points just "
            "inside it: $\\Pr[\\text{agree}]\\ge1$, so one disagreement makes it violated.",
            P->control ? "Negative control. " : "(Reconstructed region.) ", L8_D,
            P->adversarial ? "adversarial (angle to $c$ within $10^{-15}$--$10^{-3}$ of an edge of the "
                             "true band or of the rule's band, both sides)"
                           : "uniform",
            rule_tex(P->rule), L8_NSPHERE + L8_NNEAR, L8_NSPHERE, L8_NNEAR, L8_NINNER);
        check_set_mc(c, T->samples, T->hits[0], T->undecided[0], T->escalations, one, "1");
        check_field_add(c, "samples", "%lu", (unsigned long) T->samples);
        check_field_add(c, "agree", "%lu", (unsigned long) T->hits[0]);
        check_field_add(c, "disagree", "%lu", (unsigned long) (T->samples - T->hits[0]));
        check_field_add(c, "declared_noisy", "%lu", (unsigned long) T->hits[1]);
        check_field_add(c, "rho", "7/512, stated maximum rho_8 = %s (%s)", rs,
                        rho_ok ? "below" : "NOT decided below");
        check_set_witness(c, "seed %llu, rng stream \"%s\", samples 0..%lu%s",
                          (unsigned long long) opts->seed, P->stream, (unsigned long) (T->samples - 1),
                          T->hits[0] < T->samples ? " (the disagreeing samples are in this range)" : "");
        if (!rho_ok)
        {
            c->status = ST_UNDECIDED;
            check_add_note(c, "The instance's rho could not be shown below the stated radius. ");
        }
        if (P->rule == LEMMA8_RULE_PAPER)
            check_add_note(c, "Expected violated: between the angles $\\frac\\pi2-\\arcsin\\rho$ and "
                              "$\\frac\\pi2-2\\arcsin\\frac\\rho2$ (a sliver of width $\\approx\\rho^3/8"
                              "\\approx3\\cdot10^{-7}$ here) the paper's cap declares $w$ sign-constant "
                              "while the extreme point $c-\\delta w/\\|w\\|$ of the ball has "
                              "$\\langle w,x\\rangle<0$: the erratum \\texttt{audit.thm5.cap\\_angle} seen "
                              "by sampling at a radius allowed by Theorem~5. Uniform directions would "
                              "essentially never hit the sliver; the adversarial ones do.");
        else if (P->rule == LEMMA8_RULE_HALF)
            check_add_note(c, "Expected violated: directions between the half band and the true band "
                              "(probability $\\approx$ half the band) are declared constant but show two "
                              "signs; caught by uniform sampling.");
        else if (P->rule == LEMMA8_RULE_WIDE)
            check_add_note(c, "Expected violated: directions between the true band and the doubled band "
                              "are declared noisy, yet every sampled point (the extreme points included) "
                              "has the same sign; this control tests the other direction of the "
                              "equivalence.");
        else
            check_add_note(c,
                           "Each sample is decided exactly: doubles are dyadic, $c$ is integral and "
                           "$\\delta=7/128$, so $\\langle w,c\\rangle$, $\\|w\\|^2$ and the points "
                           "$c+\\delta u$ with $u=(2t,s(1-|t|^2))/(1+|t|^2)$ (exact rational unit "
                           "vectors, $t$ dyadic) give exact signs; $\\langle w,c\\rangle\\mp\\delta\\|w\\|$ "
                           "is decided by comparing squares.");
        c->seconds = T->seconds;
        checklist_push(L, c);
        check_clear(c);

        if (q == 0)
        {
            /* the rate, both directions, from the uniform run's tally */
            arb_t lo, hi;
            char *ls, *hs;
            arb_init(lo);
            arb_init(hi);
            arb_zero(lo);
            arb_get_lbound_arf(arb_midref(lo), band, PREC);
            arb_zero(hi);
            arb_get_ubound_arf(arb_midref(hi), band, PREC);
            arb_sub_ui(hi, hi, 1, PREC);
            arb_neg(hi, hi);
            ls = bc_arb_bound_str(lo, -1, 12);
            hs = bc_arb_bound_str(hi, -1, 12);

            start(c, "lemma8.mc.rate.noisy", "Lemma 8 (Thm 5)", 1);
            c->statement = bc_aprintf(
                "For uniform directions in $\\mathbb{R}^{%d}$ and the instance above, $\\Pr[w\\text{ "
                "noisy}]\\ge\\mathrm{band}_{%d}(7/512)$ (lower end of its enclosure), where "
                "$\\mathrm{band}_d(\\rho)=1-I_{1-\\rho^2}(\\frac{d-1}2,\\frac12)$ is the exact probability.",
                L8_D, L8_D);
            check_set_mc(c, T->samples, T->hits[1], T->undecided[1], T->escalations, lo, ls);
            check_field_add(c, "exact_probability", "%s", bs);
            check_field_add(c, "hits", "%lu", (unsigned long) T->hits[1]);
            check_set_witness(c, "seed %llu, rng stream \"%s\" (the tally of lemma8.mc.agree.uniform)",
                              (unsigned long long) opts->seed, P->stream);
            check_add_note(c, "With \\texttt{lemma8.mc.rate.constant} a two-sided test: the rate can be "
                              "neither too low (this record) nor too high (the other).");
            c->seconds = 0;
            checklist_push(L, c);
            check_clear(c);

            start(c, "lemma8.mc.rate.constant", "Lemma 8 (Thm 5)", 1);
            c->statement = bc_aprintf("For the same samples, $\\Pr[w\\text{ sign-constant}]\\ge"
                                      "1-\\mathrm{band}_{%d}(7/512)$ (upper end of the enclosure of the "
                                      "band).",
                                      L8_D);
            check_set_mc(c, T->samples, T->hits[2], T->undecided[2], T->escalations, hi, hs);
            check_field_add(c, "exact_probability", "1 - %s", bs);
            check_field_add(c, "hits", "%lu", (unsigned long) T->hits[2]);
            check_set_witness(c, "seed %llu, rng stream \"%s\" (the tally of lemma8.mc.agree.uniform)",
                              (unsigned long long) opts->seed, P->stream);
            c->seconds = 0;
            checklist_push(L, c);
            check_clear(c);
            flint_free(ls);
            flint_free(hs);
            arb_clear(lo);
            arb_clear(hi);
        }
        l8_ctx_clear(&X);
    }
    checklist_add_instance(L, "Lemma 8 (Thm 5)",
                           "\\textbf{Monte Carlo instance.} $d=%d$, $c=(3,1,1,1,1,1,1,1)$, $\\|c\\|=4$, "
                           "$\\delta=7/128$, $\\rho=7/512$ (stated maximum $\\rho_8=%s$); exact noisy "
                           "probability $\\mathrm{band}_8(\\rho)=%s$. Streams \\texttt{lemma8/agree/*} "
                           "(%lu samples each) and \\texttt{lemma8/control/*} (%lu samples each).",
                           L8_D, rs, bs, (unsigned long) z->agree, (unsigned long) z->control);
    flint_free(bs);
    flint_free(rs);
    arb_clear(one);
    arb_clear(band);
    arb_clear(rho);
    arb_clear(rd);
    arb_clear(t);
}

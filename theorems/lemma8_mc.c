/* lemma8_mc.c -- the exact decisions of the module "lemma8" (Lemma 8 and
   Claim 2 of Theorem 5, B.7) and its Monte Carlo sample.

   The decisions: the sign of a sum of two square roots, the rules "sign
   constant on the ball" (the characterisation and the false variants the
   module checks it against), the sign of <w, x> at an exact rational
   point of a sphere, and the stereographic parametrisation that makes
   such points.  All exact (lemma8.h).

   The sample draws a direction w (uniform, or adversarially close to the
   edges of a band) and exact rational points x of the ball B(c, delta):
   the points of the sphere |x - c| = delta in the directions -+ w/|w|
   rounded to doubles (the extreme points, up to an angle of about
   10^-16), uniform sphere points, sphere points near the extreme points
   and points just inside the sphere.  The rule under test declares w
   sign-constant or noisy; the points show the signs <w, x> takes, computed
   over Q without the rule's algebra.  When |<w, c>| <= delta |w| cos(theta),
   theta the angle between the rounded extreme direction and w/|w|, the
   extreme point shows a sign change: the noisy side is witnessed by a
   point, not by the inequality the rule evaluates.  The constant side is
   the statement min over the ball = <w, c> - delta |w| > 0 (Cauchy-Schwarz),
   which the sampled points test. */
#include <math.h>
#include <string.h>

#include "lemma8.h"

/* ------------------------------------------------- exact decisions */

int
lemma8_sign_sqrt_sum(int s1, const arf_t p1, int s2, const arf_t p2)
{
    int c;
    if (s1 == 0 || arf_is_zero(p1))
        return (s2 == 0 || arf_is_zero(p2)) ? 0 : s2;
    if (s2 == 0 || arf_is_zero(p2))
        return s1;
    if (s1 == s2)
        return s1;
    /* opposite signs: the larger square root wins */
    c = arf_cmp(p1, p2);
    return c > 0 ? s1 : (c < 0 ? s2 : 0);
}

/* x = a * b, exact */
static void
xmul(arf_t x, const arf_t a, const arf_t b)
{
    arf_mul(x, a, b, ARF_PREC_EXACT, ARF_RND_DOWN);
}

int
lemma8_rule_constant(lemma8_rule rule, arf_srcptr w, arf_srcptr c, slong d, const arf_t r2)
{
    arf_t A, Q, N, t, thr;
    slong i;
    int res;

    arf_init(A);
    arf_init(Q);
    arf_init(N);
    arf_init(t);
    arf_init(thr);
    for (i = 0; i < d; i++)
    {
        xmul(t, w + i, c + i);
        arf_add(A, A, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        xmul(t, w + i, w + i);
        arf_add(Q, Q, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        xmul(t, c + i, c + i);
        arf_add(N, N, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    /* cos^2 angle(w, c) = A^2 / (N Q); every rule compares it with a
       threshold, multiplied out so that no division is needed */
    xmul(A, A, A);
    xmul(N, N, Q);
    switch (rule)
    {
    case LEMMA8_RULE_PAPER:
        /* sin^2(2 arcsin(rho/2)) = rho^2 (1 - rho^2/4) */
        arf_mul_2exp_si(t, r2, -2);
        arf_sub_ui(t, t, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_neg(t, t);
        xmul(thr, t, r2);
        xmul(thr, thr, N);
        res = arf_cmp(A, thr) > 0;
        break;
    case LEMMA8_RULE_WIDE:
        /* sin^2(2 arcsin rho) = 4 rho^2 (1 - rho^2) */
        arf_sub_ui(t, r2, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_neg(t, t);
        xmul(thr, t, r2);
        arf_mul_2exp_si(thr, thr, 2);
        xmul(thr, thr, N);
        res = arf_cmp(A, thr) > 0;
        break;
    case LEMMA8_RULE_HALF:
        /* sin^2(arcsin(rho)/2) = (1 - sqrt(1 - rho^2))/2:
           A^2/(NQ) > that  <=>  (2 A^2 - NQ) + NQ sqrt(1 - rho^2) > 0 */
        arf_mul_2exp_si(thr, A, 1);
        arf_sub(thr, thr, N, ARF_PREC_EXACT, ARF_RND_DOWN);
        {
            int s1 = arf_sgn(thr);
            arf_t p1, p2;
            arf_init(p1);
            arf_init(p2);
            xmul(p1, thr, thr);
            arf_sub_ui(t, r2, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_neg(t, t);
            xmul(p2, N, N);
            xmul(p2, p2, t);
            res = lemma8_sign_sqrt_sum(s1, p1, 1, p2) > 0;
            arf_clear(p1);
            arf_clear(p2);
        }
        break;
    default:
        xmul(thr, r2, N);
        res = arf_cmp(A, thr) > 0;
    }
    arf_clear(A);
    arf_clear(Q);
    arf_clear(N);
    arf_clear(t);
    arf_clear(thr);
    return res;
}

int
lemma8_sign_at_sphere_point(arf_srcptr w, arf_srcptr c, slong d, const arf_t r, arf_srcptr t, int s)
{
    arf_t A, T, B, p;
    slong i;
    int res;
    arf_init(A);
    arf_init(T);
    arf_init(B);
    arf_init(p);
    /* (1 + T) <w, c + r u> = A (1 + T) + r (2 <w', t> + s w_d (1 - T)),
       with 1 + T > 0, so the sign is that of the right side */
    for (i = 0; i < d; i++)
    {
        xmul(p, w + i, c + i);
        arf_add(A, A, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    for (i = 0; i < d - 1; i++)
    {
        xmul(p, t + i, t + i);
        arf_add(T, T, p, ARF_PREC_EXACT, ARF_RND_DOWN);
        xmul(p, w + i, t + i);
        arf_mul_2exp_si(p, p, 1);
        arf_add(B, B, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    arf_sub_ui(p, T, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_neg(p, p);
    xmul(p, p, w + d - 1);
    if (s < 0)
        arf_neg(p, p);
    arf_add(B, B, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    xmul(B, B, r);
    arf_add_ui(T, T, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    xmul(A, A, T);
    arf_add(A, A, B, ARF_PREC_EXACT, ARF_RND_DOWN);
    res = arf_sgn(A);
    arf_clear(A);
    arf_clear(T);
    arf_clear(B);
    arf_clear(p);
    return res;
}

void
lemma8_stereo_params(arf_ptr t, int *s, const double *u, slong d)
{
    slong i;
    double a = fabs(u[d - 1]);
    /* projection from the pole opposite to u's hemisphere keeps |t| <= 1 */
    for (i = 0; i < d - 1; i++)
        arf_set_d(t + i, u[i] / (1.0 + a));
    *s = u[d - 1] >= 0.0 ? 1 : -1;
}

void
lemma8_stereo_point(fmpq *u, const fmpq *t, int s, slong d)
{
    fmpq_t T, den;
    slong i;
    fmpq_init(T);
    fmpq_init(den);
    for (i = 0; i < d - 1; i++)
        fmpq_addmul(T, t + i, t + i);
    fmpq_add_ui(den, T, 1);
    for (i = 0; i < d - 1; i++)
    {
        fmpq_mul_2exp(u + i, t + i, 1);
        fmpq_div(u + i, u + i, den);
    }
    fmpq_sub_ui(T, T, 1);
    fmpq_div(u + d - 1, T, den);
    if (s > 0)
        fmpq_neg(u + d - 1, u + d - 1);
    fmpq_clear(T);
    fmpq_clear(den);
}

/* ------------------------------------------------- the sample */

#define NSPHERE 4 /* uniform sphere points */
#define NNEAR 4   /* sphere points near the extreme points */
#define NINNER 2  /* rational points just inside the sphere */

/* The instance: d = 8, c = (3, 1, 1, 1, 1, 1, 1, 1) with |c| = 4 exactly
   (so delta = rho |c| is dyadic and the sphere points are rational),
   rho = 7/512, the largest multiple of 2^-9 below the stated radius
   rho_8 = 2 sin(sqrt(2 pi)/(16 * 8 sqrt 8)) ~ 0.013847 (decided by the
   module). */
static const slong mc_c[LEMMA8_MC_D] = {3, 1, 1, 1, 1, 1, 1, 1};
#define MC_CNORM 4
#define MC_RHO_NUM 7
#define MC_RHO_EXP 9

void
lemma8_mc_rho(arb_t rho)
{
    arb_set_si(rho, MC_RHO_NUM);
    arb_mul_2exp_si(rho, rho, -MC_RHO_EXP);
}

/* the half-width of the band of rule for the ratio h (doubles: only where
   the adversary aims) */
static double
rule_edge(lemma8_rule rule, double h)
{
    double a = asin(h);
    switch (rule)
    {
    case LEMMA8_RULE_PAPER:
        return 2.0 * asin(h / 2.0);
    case LEMMA8_RULE_HALF:
        return a / 2.0;
    case LEMMA8_RULE_WIDE:
        return 2.0 * a;
    default:
        return a;
    }
}

void
lemma8_mc_init(lemma8_mc_t X, lemma8_rule rule, int adversarial)
{
    slong i;
    double h = ldexp((double) MC_RHO_NUM, -MC_RHO_EXP);
    memset(X, 0, sizeof *X);
    X->rule = rule;
    X->adversarial = adversarial;
    for (i = 0; i < LEMMA8_MC_D; i++)
    {
        arf_init(X->c + i);
        arf_set_si(X->c + i, mc_c[i]);
        X->chat[i] = (double) mc_c[i] / (double) MC_CNORM;
    }
    arf_init(X->r2);
    arf_init(X->delta);
    arf_set_si_2exp_si(X->delta, MC_RHO_NUM * MC_CNORM, -MC_RHO_EXP);
    arf_set_si_2exp_si(X->r2, MC_RHO_NUM * MC_RHO_NUM, -2 * MC_RHO_EXP);
    /* the adversary's targets: the true edge and the rule's edge (the
       disagreements of a wrong rule live between the two) */
    X->edges[0] = rule_edge(LEMMA8_RULE_CORRECT, h);
    X->edges[1] = rule_edge(rule, h);
}

void
lemma8_mc_clear(lemma8_mc_t X)
{
    slong i;
    for (i = 0; i < LEMMA8_MC_D; i++)
        arf_clear(X->c + i);
    arf_clear(X->r2);
    arf_clear(X->delta);
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
direction_at_angle(double *w, const lemma8_mc_struct *X, double phi, rng_t rng)
{
    double u[LEMMA8_MC_D], p = 0.0, n2 = 0.0;
    slong i, d = LEMMA8_MC_D;
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

/* the direction of a sample: uniform, or at an edge (true or the rule's;
   lower pi/2 - h or upper pi/2 + h), on a side, with a margin in
   [1e-15, 1e-3] radians */
static void
draw_direction(double *w, const lemma8_mc_struct *X, rng_t rng)
{
    if (!X->adversarial)
        gauss_vec(w, LEMMA8_MC_D, rng);
    else
    {
        double h = X->edges[rng_below(rng, 2)];
        double phi = 1.5707963267948966 + (rng_below(rng, 2) ? h : -h);
        double m = log_uniform(rng, 3.0, 15.0);
        phi += rng_below(rng, 2) ? m : -m;
        direction_at_angle(w, X, phi, rng);
    }
}

/* the unit direction of the k-th point of a sample (see the file's head):
   k = 0, 1 the extreme directions -+ w/|w|; then uniform, near the extreme
   points, and (the last NINNER) uniform again for the inner points */
static void
point_direction(double *u, const double *w, slong k, rng_t rng)
{
    slong i, d = LEMMA8_MC_D;
    double wn = 0.0, eta = 0.0, sg = (k % 2 == 0) ? -1.0 : 1.0;
    if (k >= 2 && k < 2 + NSPHERE)
    {
        gauss_vec(u, d, rng);
        return;
    }
    if (k >= 2 + NSPHERE + NNEAR)
    {
        gauss_vec(u, d, rng);
        return;
    }
    for (i = 0; i < d; i++)
        wn += w[i] * w[i];
    wn = sqrt(wn);
    if (k >= 2)
    {
        eta = log_uniform(rng, 1.0, 12.0);
        gauss_vec(u, d, rng);
    }
    for (i = 0; i < d; i++)
        u[i] = sg * w[i] / wn + (k >= 2 ? eta * u[i] : 0.0);
}

void
lemma8_mc_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const lemma8_mc_struct *X = ctx;
    slong d = LEMMA8_MC_D, i, k, npts = 2 + NSPHERE + NNEAR + NINNER;
    double w[LEMMA8_MC_D], u[LEMMA8_MC_D];
    arf_struct W[LEMMA8_MC_D], T[LEMMA8_MC_D - 1];
    arf_t p, r;
    int R, pos = 0, neg = 0, zero = 0, s, seen_noisy;

    (void) index;
    for (i = 0; i < d; i++)
        arf_init(W + i);
    for (i = 0; i < d - 1; i++)
        arf_init(T + i);
    arf_init(p);
    arf_init(r);

    draw_direction(w, X, rng);
    for (i = 0; i < d; i++)
        arf_set_d(W + i, w[i]);
    R = lemma8_rule_constant(X->rule, W, X->c, d, X->r2);

    /* the points, each an exact rational point of the closed ball */
    for (k = 0; k < npts; k++)
    {
        point_direction(u, w, k, rng);
        normalise(u, d);
        lemma8_stereo_params(T, &s, u, d);
        arf_set(r, X->delta);
        if (k >= npts - NINNER)
        {
            /* delta (1 - 2^-e), exact, inside the ball */
            arf_mul_2exp_si(p, X->delta, -(slong) (20 + rng_below(rng, 31)));
            arf_sub(r, r, p, ARF_PREC_EXACT, ARF_RND_DOWN);
        }
        s = lemma8_sign_at_sphere_point(W, X->c, d, r, T, s);
        pos |= s > 0;
        neg |= s < 0;
        zero |= s == 0;
    }

    /* a zero or two signs: a point of the ball witnesses that w is noisy */
    seen_noisy = zero || (pos && neg);
    out->nevents = 3;
    out->event[LEMMA8_EV_AGREE] = (R == !seen_noisy) ? BC_TRUE : BC_FALSE;
    out->event[LEMMA8_EV_NOISY] = R ? BC_FALSE : BC_TRUE;
    out->event[LEMMA8_EV_CONSTANT] = R ? BC_TRUE : BC_FALSE;
    out->escalations = 0;

    for (i = 0; i < d; i++)
        arf_clear(W + i);
    for (i = 0; i < d - 1; i++)
        arf_clear(T + i);
    arf_clear(p);
    arf_clear(r);
}

/* lemma8.c -- the module "lemma8": Lemma 8 and Claim 2 of Theorem 5
   (B.7), the noisy region of a cluster and its probability.

   The seed lost Lemma 8's display and the statement of Claim 2; what it
   keeps (the caps S(+-c_j, pi/2 - 2 arcsin(delta_j/(2|c_j|))), Claim 3,
   omega_{d-1}/omega_d <= sqrt(d/(2 pi)) and the radius
   2 sin(sqrt(2 pi)/(16 d sqrt d)) of Theorem 5) pins down the chain:

     noisy_j  =  band around the great sphere orthogonal to c_j   (Claim 2)
     band_d(alpha) <= 2 alpha omega_{d-2}/omega_{d-1}             (Claim 3)
                   <= 2 alpha sqrt(d/(2 pi))                      (Leopardi)
                    = 1/(4d)  for alpha = 2 arcsin(rho_d/2)
                              = sqrt(2 pi)/(8 d sqrt d)
     P[noisy for some cluster] <= k/(4d) <= 1/4                   (k <= d)
     P[neuron good for cluster j] >= (1/2 - 1/4) * 1/2 = 1/8      (Thm 4's event)

   so that no neuron is good for cluster j with probability <= (7/8)^n.
   The correct half-width of the band is arcsin(rho), not the paper's
   2 arcsin(rho/2) (audit.thm5.cap_angle); this module checks every step
   with both angles.  The exact decisions and the Monte Carlo sample are
   in lemma8_mc.c; the statements of the checks in lemma8.tex. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "cert.h"
#include "lemma8.h"
#include "paper.h"
#include "range.h"
#include "sphere.h"

#define PREC 128
#define DMAX 64

/* clang-format off */
#define L8(id, kind, expected, control, summary, strength, claim) \
    {id, kind, expected, control, summary, strength, "lemma8.c", claim, 1, 0}

static const check_spec lemma8_specs[] = {
    L8("lemma8.region.exact", CHECK_EXACT, ST_HOLDS, 0,
       "sign(<w,x>) constant on B(c,delta) iff |<w,c>| > delta |w|: hand cases and exact rational directions "
       "at the band edges (d = 2, 3), against exact rational points of the ball",
       STRENGTH_DECIDES, "Claim 2"),
    L8("claim2.inclusion", CHECK_EXACT, ST_FAILS, 0,
       "erratum: the paper's cap S(c, pi/2 - 2 arcsin(rho/2)) is not sign-constant, at the stated radius of "
       "every d = 2..64",
       STRENGTH_DECIDES, "Claim 2"),
    L8("lemma8.band_probability", CHECK_BALL, ST_HOLDS, 0,
       "exact noisy probability band_d = 1 - I_{1-rho^2}((d-1)/2, 1/2), d = 1..64: two beta routes, closed "
       "forms d = 2, 3, 4, quadrature (enclosures of one quantity agree: tests code)",
       STRENGTH_SANITY, NULL),
    L8("lemma8.claim3_band", CHECK_RANGE, ST_HOLDS, 0,
       "band_d(alpha) <= 2 alpha omega_{d-2}/omega_{d-1} for alpha in [0, pi/2], d in [2, 64] (quick: 16)",
       STRENGTH_DECIDES, NULL),
    L8("lemma8.bound.chain", CHECK_BALL, ST_HOLDS, 0,
       "the reconstructed chain with the paper's angle: 1/(4d) per cluster, 1/4 in all, 7/8; d = 2..64",
       STRENGTH_DECIDES, NULL),
    L8("lemma8.bound.chain_corrected", CHECK_BALL, ST_FAILS, 0,
       "erratum: with the correct angle arcsin(rho_d) the chain's last step 2 alpha sqrt(d/(2 pi)) <= "
       "1/(4d) fails for every d = 2..64 (repaired by the exact omega ratio)",
       STRENGTH_DECIDES, NULL),
    L8("lemma8.bound.d", CHECK_BALL, ST_HOLDS, 0,
       "exact noisy probability <= 1/(4d) at the stated radius, correct and paper angle, d = 1..64",
       STRENGTH_DECIDES, NULL),
    L8("lemma8.mc.agree.uniform", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "Monte Carlo, uniform directions, d = 8: the characterisation agrees with the signs at exact rational "
       "points of the ball (the noisy side witnessed by a point)",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.mc.rate.noisy", CHECK_AGREEMENT, ST_CONSISTENT, 0,
       "Monte Carlo: P[noisy] = band_8(7/512), the exact probability (two-sided)",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.mc.rate.constant", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "Monte Carlo: P[sign-constant] >= 1 - 1/(4d), Lemma 8's bound, d = 8",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.mc.agree.adversarial", CHECK_MONTECARLO, ST_CONSISTENT, 0,
       "Monte Carlo, directions within 1e-15..1e-3 of the band edges: agreement with exact rational points",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.control.paper_angle", CHECK_MONTECARLO, ST_VIOLATED, 1,
       "control: the paper's cap as the sign-constant region; the adversarial sampler finds disagreements",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.control.half_width", CHECK_MONTECARLO, ST_VIOLATED, 1,
       "control: band of half the correct width; uniform sampling finds disagreements",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.control.wide_width", CHECK_MONTECARLO, ST_VIOLATED, 1,
       "control: band of twice the correct width (declares constant directions noisy)",
       STRENGTH_STATISTICAL, NULL),
    L8("lemma8.control.bound_half", CHECK_BALL, ST_FAILS, 1,
       "control: the exact noisy probability is NOT < 1/(8d): the bound 1/(4d) is within a constant of tight",
       STRENGTH_DECIDES, NULL),
    L8("lemma8.control.band_closed_form", CHECK_BALL, ST_FAILS, 1,
       "control of a sanity check: the closed forms (d = 2, 3, 4) times 101/100 must disagree with the beta "
       "routes (the comparison's resolution, not the claim)",
       STRENGTH_SANITY, NULL),
    L8("lemma8.control.chain_eighth", CHECK_BALL, ST_FAILS, 1,
       "control: the chain with the per-cluster bound 1/(8d): its identity (iv) must fail",
       STRENGTH_DECIDES, NULL),
};
/* clang-format on */

#define LEMMA8_NSPECS ((slong) (sizeof(lemma8_specs) / sizeof(lemma8_specs[0])))

/* The false variants of the claims, each applied where the module defines
   what it changes (the readers below, and the controls' rules). */
static const mutant_spec lemma8_mutants[] = {
    {"lemma8.mutant.half_band",
     "the characterisation's band half-width arcsin(rho) halved: false, since for |<w,c>| <= delta|w| the "
     "point c - sign<w,c> delta w/|w| of the ball has <w,x> of the other sign or zero (Cauchy-Schwarz)",
     "lemma8.region.exact lemma8.mc.agree.uniform lemma8.mc.agree.adversarial lemma8.mc.rate.noisy"},
    {"lemma8.mutant.noisy_eighth",
     "Lemma 8's per-cluster bound 1/(4d) tightened to 1/(8d): false, the chain's identity (iv) gives "
     "exactly 1/(4d), and band_2(rho_2) = (2/pi) arcsin(rho_2) = 0.0706 > 1/16",
     "lemma8.bound.d lemma8.bound.chain lemma8.mc.rate.constant"},
    {"lemma8.mutant.three_quarters",
     "Theorem 5's per-neuron failure 7/8 replaced by 3/4: false, a neuron is good for a cluster with "
     "probability (1 - P[noisy])/4 < 1/4 (sign of v, side of c_j, noisy mass > 0)",
     "lemma8.bound.chain"},
    {"lemma8.mutant.claim3_half",
     "Claim 3's factor 2 in band_d(alpha) <= 2 alpha omega_{d-2}/omega_{d-1} halved: false, the band is "
     "2 alpha omega_{d-2}/omega_{d-1} (1 + O(alpha^2)) as alpha -> 0",
     "lemma8.claim3_band lemma8.bound.chain"},
    {"lemma8.mutant.cap_inside",
     "Claim 2's cap read with the half-width 2 arcsin(rho) of a band twice the correct one, a cap inside "
     "the sign-constant region (restores a true Claim 2): the erratum must stop failing",
     "claim2.inclusion"},
    {"lemma8.mutant.exact_ratio",
     "the corrected chain's last step with the exact ratio omega_{d-2}/omega_{d-1} in place of Leopardi's "
     "sqrt(d/(2 pi)) (the repair): true for every d, the erratum must stop failing",
     "lemma8.bound.chain_corrected"},
    {"lemma8.mutant.unhalved",
     "the controls' halving of Lemma 8's 1/(4d) removed: their claims are then the lemma's, true, and the "
     "controls must stop failing",
     "lemma8.control.bound_half lemma8.control.chain_eighth"},
    {"lemma8.mutant.true_rule",
     "the controls' rules replaced by the characterisation |<w,c>| > delta|w| (the true region): the "
     "controls must stop being violated",
     "lemma8.control.paper_angle lemma8.control.half_width lemma8.control.wide_width"},
};

#define LEMMA8_NMUTANTS ((slong) (sizeof(lemma8_mutants) / sizeof(lemma8_mutants[0])))

/* ------------------------------------- the claimed constants, read once */

/* The rule the module claims for the sign-constant region (Claim 2,
   corrected): |<w, c>| > delta |w|. */
static lemma8_rule
claimed_rule(const run_t R)
{
    return run_mutant(R, "lemma8.mutant.half_band") ? LEMMA8_RULE_HALF : LEMMA8_RULE_CORRECT;
}

/* Lemma 8's per-cluster bound 1/(4d) (paper.h). */
static void
noisy_bound(fmpq_t q, const run_t R, slong d)
{
    paper_lemma8_noisy(q, d);
    if (run_mutant(R, "lemma8.mutant.noisy_eighth"))
        fmpq_div_2exp(q, q, 1);
}

/* Theorem 5's per-neuron failure 7/8 (paper.h). */
static void
neuron_fail(fmpq_t q, const run_t R)
{
    paper_thm5_neuron_fail(q);
    if (run_mutant(R, "lemma8.mutant.three_quarters"))
        fmpq_set_si(q, 3, 4);
}

/* Claim 3's factor 2 in band_d(alpha) <= 2 alpha omega_{d-2}/omega_{d-1}. */
static slong
claim3_factor(const run_t R)
{
    return run_mutant(R, "lemma8.mutant.claim3_half") ? 1 : 2;
}

/* sin^2 of the half-width of the band Claim 2 leaves out of the cap, as
   a function of rho^2 = r2: the paper's 2 arcsin(rho/2) gives
   rho^2 (1 - rho^2/4). */
static void
claim2_sin2(arb_t res, const run_t R, const arb_t r2, slong prec)
{
    arb_t t;
    arb_init(t);
    if (run_mutant(R, "lemma8.mutant.cap_inside"))
    {
        /* sin^2(2 arcsin rho) = 4 rho^2 (1 - rho^2) */
        arb_sub_ui(t, r2, 1, prec);
        arb_neg(t, t);
        arb_mul(res, t, r2, prec);
        arb_mul_2exp_si(res, res, 2);
    }
    else
    {
        arb_mul_2exp_si(t, r2, -2);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(res, t, r2, prec);
    }
    arb_clear(t);
}

/* res = r2 (1 - r2/4), the paper's sin^2 of the cap's angle (aliasing
   allowed) */
static void
claim2_paper_sin2(arb_t res, const arb_t r2, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_mul_2exp_si(t, r2, -2);
    arb_sub_ui(t, t, 1, prec);
    arb_neg(t, t);
    arb_mul(res, t, r2, prec);
    arb_clear(t);
}

/* sin of the paper's half-width 2 arcsin(rho_d/2) = 2 s_d: the radius
   whose correct band has the paper's angle */
static void
paper_rho(arb_t res, ulong d, slong prec)
{
    sphere_band_radius_arg(res, d, prec + 10);
    arb_mul_2exp_si(res, res, 1);
    arb_sin(res, res, prec);
}

/* Appends "sep item" to the list *s (NULL: empty). */
static void
list_append(char **s, const char *item)
{
    char *n = bc_aprintf("%s%s%s", *s == NULL ? "" : *s, *s == NULL ? "" : "; ", item);
    if (*s != NULL)
        flint_free(*s);
    *s = n;
}

/* Two enclosures of one number: overlapping balls agree (which does not
   prove equality: "enclosure agreement"), disjoint finite balls are a
   decided disagreement, a non-finite ball decides nothing. */
static truth_t
encl_agree(const arb_t a, const arb_t b)
{
    if (!arb_is_finite(a) || !arb_is_finite(b))
        return BC_UNDECIDED;
    return arb_overlaps(a, b) ? BC_TRUE : BC_FALSE;
}

/* a < b decided: true, a >= b: false, else undecided */
static truth_t
arb_lt_truth(const arb_t a, const arb_t b)
{
    return arb_lt(a, b) ? BC_TRUE : (arb_ge(a, b) ? BC_FALSE : BC_UNDECIDED);
}

/* ------------------------------------------------- region.exact */

/* The hand cases on c = (3, 4), |c| = 5, delta = 3, by the core's exact
   test; returns 1 when all are as stated (lemma8.tex). */
static int
region_hand_cases(void)
{
    fmpq *C = _fmpq_vec_init(2), *w = _fmpq_vec_init(2);
    fmpq_t dl2, t;
    int ok = 1;
    fmpq_init(dl2);
    fmpq_init(t);
    fmpq_set_si(C + 0, 3, 1);
    fmpq_set_si(C + 1, 4, 1);
    fmpq_set_si(dl2, 9, 1);
    /* w = (-4, 3), orthogonal to c: noisy; <w, c +- (3/5) w> = +-15 */
    fmpq_set_si(w + 0, -4, 1);
    fmpq_set_si(w + 1, 3, 1);
    ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 0;
    /* w = c: constant; min over the ball 25 - 3 * 5 = 10 > 0 */
    fmpq_set_si(w + 0, 3, 1);
    fmpq_set_si(w + 1, 4, 1);
    ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 1;
    /* w = (1, 0): <w, c> = 3 = delta |w|, the boundary: noisy, since
       x = (0, 4) is in the ball with <w, x> = 0 */
    fmpq_set_si(w + 0, 1, 1);
    fmpq_zero(w + 1);
    ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 0;
    /* and a slightly smaller ball makes it constant */
    fmpq_set_si(t, 1, 1 << 20);
    fmpq_sub(dl2, dl2, t);
    ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 1;
    _fmpq_vec_clear(C, 2);
    _fmpq_vec_clear(w, 2);
    fmpq_clear(dl2);
    fmpq_clear(t);
    return ok;
}

/* The rule on a rational direction w: applied to the integer vector
   den * w (den the common denominator; a positive multiple has the same
   verdict), with integer centre C and rho^2 = r2. */
static int
rule_on_rational(lemma8_rule rule, const fmpq *w, const fmpq *C, slong d, const arf_t r2)
{
    arf_struct W[3], CA[3];
    fmpz_t den;
    fmpq_t s;
    slong i;
    int res;
    fmpz_init(den);
    fmpq_init(s);
    fmpz_one(den);
    for (i = 0; i < d; i++)
        fmpz_lcm(den, den, fmpq_denref(w + i));
    for (i = 0; i < d; i++)
    {
        arf_init(W + i);
        arf_init(CA + i);
        fmpq_mul_fmpz(s, w + i, den);
        arf_set_fmpz(W + i, fmpq_numref(s));
        arf_set_fmpz(CA + i, fmpq_numref(C + i));
    }
    res = lemma8_rule_constant(rule, W, CA, d, r2);
    for (i = 0; i < d; i++)
    {
        arf_clear(W + i);
        arf_clear(CA + i);
    }
    fmpz_clear(den);
    fmpq_clear(s);
    return res;
}

/* One exact instance in R^d with a unit rational direction w and the
   rule's verdict: the two extreme points c -+ delta w (rational, at
   distance exactly delta) and nrand further rational sphere points (unit
   double directions dirs).  Returns 1 when they agree with the verdict. */
static int
region_instance(const fmpq *w, const fmpq *c, slong d, const fmpq_t delta, int constant, slong nrand,
                const double *dirs)
{
    fmpq_t A, t, m;
    fmpq *u = _fmpq_vec_init(d), *tt = _fmpq_vec_init(d);
    slong i, k;
    int sm, sp, ok = 1;

    fmpq_init(A);
    fmpq_init(t);
    fmpq_init(m);
    for (i = 0; i < d; i++)
        fmpq_addmul(A, w + i, c + i);
    /* <w, c -+ delta w> = A -+ delta, as |w| = 1 */
    fmpq_sub(t, A, delta);
    sm = fmpq_sgn(t);
    fmpq_add(t, A, delta);
    sp = fmpq_sgn(t);
    if (!constant)
        ok = !(sm == sp && sm != 0); /* declared noisy: the extreme points must differ */
    else
    {
        ok = sm == sp && sm != 0;
        /* further rational sphere points never contradict it */
        for (k = 0; k < nrand; k++)
        {
            for (i = 0; i < d - 1; i++)
                bc_fmpq_set_d(tt + i, dirs[k * d + i] / (1.0 + fabs(dirs[k * d + d - 1])));
            lemma8_stereo_point(u, tt, dirs[k * d + d - 1] >= 0.0 ? 1 : -1, d);
            fmpq_zero(m);
            for (i = 0; i < d; i++)
            {
                fmpq_mul(t, u + i, delta);
                fmpq_add(t, t, c + i);
                fmpq_addmul(m, w + i, t);
            }
            if (fmpq_sgn(m) != sp)
                ok = 0;
        }
    }
    fmpq_clear(A);
    fmpq_clear(t);
    fmpq_clear(m);
    _fmpq_vec_clear(u, d);
    _fmpq_vec_clear(tt, d);
    return ok;
}

/* The grid instance of dimension d: d = 2, c = (3, 4), delta = 5/8;
   d = 3, c = (1, 2, 2), delta = 3/8 (rho = 1/8 both); ch = c/|c|, e1, e2
   an orthonormal pair orthogonal to it (doubles, where the grid aims), and
   eight spread unit test directions */
typedef struct
{
    slong d;
    fmpq C[3];
    fmpq_t delta;
    double ch[3], e1[3], e2[3];
    double dirs[8 * 3];
} region_grid;

static void
region_grid_init(region_grid *G, slong d)
{
    static const slong cs[2][3] = {{3, 4, 0}, {1, 2, 2}};
    static const double e[2][2][3] = {{{-0.8, 0.6, 0}, {0, 0, 0}},
                                      {{2.0 / 3, 1.0 / 3, -2.0 / 3}, {2.0 / 3, -2.0 / 3, 1.0 / 3}}};
    slong i, k, q = d - 2;
    double nc = d == 2 ? 5.0 : 3.0;
    G->d = d;
    fmpq_init(G->delta);
    fmpq_set_si(G->delta, d == 2 ? 5 : 3, 8);
    for (i = 0; i < 3; i++)
    {
        fmpq_init(G->C + i);
        fmpq_set_si(G->C + i, cs[q][i], 1);
        G->ch[i] = cs[q][i] / nc;
        G->e1[i] = e[q][0][i];
        G->e2[i] = e[q][1][i];
    }
    for (k = 0; k < 8; k++)
    {
        double nn = 0;
        for (i = 0; i < d; i++)
        {
            G->dirs[k * d + i] = cos(0.7 * k + 1.3 * i) + 0.1 * i;
            nn += G->dirs[k * d + i] * G->dirs[k * d + i];
        }
        for (i = 0; i < d; i++)
            G->dirs[k * d + i] /= sqrt(nn);
    }
}

static void
region_grid_clear(region_grid *G)
{
    slong i;
    for (i = 0; i < 3; i++)
        fmpq_clear(G->C + i);
    fmpq_clear(G->delta);
}

/* The exact unit rational direction j of the grid: j < 60 at the edges
   pi/2 -+ a (a = arcsin(1/8)), both sides, margin 10^-(1 + j/4 mod 15);
   then 32 angles spread over [0, pi] */
static void
region_direction(fmpq *w, const region_grid *G, slong j)
{
    double phi, u[3], psi = 0.37 * j, a = asin(0.125);
    fmpq tt[2];
    slong i, d = G->d;
    if (j < 60)
    {
        double m = pow(10.0, -(double) (1 + (j / 4) % 15));
        phi = 1.5707963267948966 + ((j & 1) ? a : -a) + ((j & 2) ? m : -m);
    }
    else
        phi = 3.141592653589793 * (j - 60) / 31.0;
    for (i = 0; i < d; i++)
    {
        double perp = d == 2 ? G->e1[i] : cos(psi) * G->e1[i] + sin(psi) * G->e2[i];
        u[i] = cos(phi) * G->ch[i] + sin(phi) * perp;
    }
    for (i = 0; i < d - 1; i++)
    {
        fmpq_init(tt + i);
        bc_fmpq_set_d(tt + i, u[i] / (1.0 + fabs(u[d - 1])));
    }
    lemma8_stereo_point(w, tt, u[d - 1] >= 0.0 ? 1 : -1, d);
    for (i = 0; i < d - 1; i++)
        fmpq_clear(tt + i);
}

static void
check_region_exact(run_t R)
{
    check_t c;
    lemma8_rule rule = claimed_rule(R);
    slong d, j, n = 0, nbad = 0, nnoisy = 0, ncross = 0;
    int hand_ok;
    fmpq *w = _fmpq_vec_init(3);
    fmpq_t dl2;
    arf_t r2;

    run_check(R, c, "lemma8.region.exact");
    fmpq_init(dl2);
    arf_init(r2);
    arf_set_si_2exp_si(r2, 1, -6); /* rho^2 = 1/64 on both grids */
    hand_ok = region_hand_cases();
    for (d = 2; d <= 3; d++)
    {
        region_grid G;
        region_grid_init(&G, d);
        fmpq_mul(dl2, G.delta, G.delta);
        for (j = 0; j < 4 * 15 + 32; j++)
        {
            int constant;
            region_direction(w, &G, j);
            constant = rule_on_rational(rule, w, G.C, d, r2);
            n++;
            nnoisy += !constant;
            /* the core's exact test (used by Theorem 5) is the same rule */
            ncross += sphere_ball_sign_constant_fmpq(w, G.C, d, dl2) != constant;
            if (!region_instance(w, G.C, d, G.delta, constant, 8, G.dirs))
            {
                if (nbad++ == 0)
                    check_set_witness(c,
                                      "d = %ld, grid direction %ld: declared %s, the points of the ball "
                                      "say otherwise",
                                      (long) d, (long) j, constant ? "constant" : "noisy");
            }
        }
        region_grid_clear(&G);
    }
    check_count(c, nbad + ncross + !hand_ok, 0);
    check_field_add(c, "hand_cases", "%s", hand_ok ? "all as stated" : "NOT as stated");
    check_field_add(c, "grid",
                    "%ld of %ld directions agree with the extreme points and 8 rational sphere points "
                    "each; %ld declared noisy",
                    (long) (n - nbad), (long) n, (long) nnoisy);
    check_field_add(c, "core_vs_rule", "%ld disagreements between the core's exact test and the rule",
                    (long) ncross);
    run_push(R, c);
    _fmpq_vec_clear(w, 3);
    fmpq_clear(dl2);
    arf_clear(r2);
}

/* ------------------------------------------------- claim2.inclusion */

/* h(rho) = arcsin(rho) - 2 arcsin(rho/2) on [0, 1/2]: the correct
   half-width minus the paper's */
static void
angle_gap_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t lo, hi, t;
    (void) x, (void) par, (void) ctx;
    arb_init(lo);
    arb_init(hi);
    arb_init(t);
    /* both terms increase: h in [asin A - 2 asin(B/2), asin B - 2 asin(A/2)] */
    arb_asin(lo, a, prec);
    arb_mul_2exp_si(t, b, -1);
    arb_asin(t, t, prec);
    arb_submul_ui(lo, t, 2, prec);
    arb_asin(hi, b, prec);
    arb_mul_2exp_si(t, a, -1);
    arb_asin(t, t, prec);
    arb_submul_ui(hi, t, 2, prec);
    range_hull(res, lo, hi, prec);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(t);
}

/* h' = 1/sqrt(1-r^2) - 1/sqrt(1-r^2/4)
      = (3 r^2/4) / (D1 D2 (D1 + D2)),  D1 = sqrt(1-r^2/4), D2 = sqrt(1-r^2),
   increasing in r on [0, 1) (numerator up, denominator down), so on
   [A, B] it lies in [g(A), g(B)], with g(0) = 0 exactly */
static void
angle_gap_g(arb_t res, const arb_t r, slong prec)
{
    arb_t r2, d1, d2, t;
    arb_init(r2);
    arb_init(d1);
    arb_init(d2);
    arb_init(t);
    arb_sqr(r2, r, prec);
    arb_mul_2exp_si(d1, r2, -2);
    arb_sub_ui(d1, d1, 1, prec);
    arb_neg(d1, d1);
    arb_sqrt(d1, d1, prec);
    arb_sub_ui(d2, r2, 1, prec);
    arb_neg(d2, d2);
    arb_sqrt(d2, d2, prec);
    arb_add(t, d1, d2, prec);
    arb_mul(t, t, d1, prec);
    arb_mul(t, t, d2, prec);
    arb_mul_ui(res, r2, 3, prec);
    arb_mul_2exp_si(res, res, -2);
    arb_div(res, res, t, prec);
    arb_clear(r2);
    arb_clear(d1);
    arb_clear(d2);
    arb_clear(t);
}

static void
angle_gap_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t lo;
    (void) x, (void) par, (void) ctx;
    arb_init(lo);
    angle_gap_g(lo, a, prec);
    angle_gap_g(res, b, prec);
    range_hull(res, lo, res, prec);
    arb_clear(lo);
}

/* rho_d = 2 sin(sqrt(2 pi) / (16 d sqrt d)), Theorem 5's radius, as an
   expression */
static char *
rho_expr(ulong d)
{
    return cert_e_fn(
        "mul", 2, cert_e_si(2),
        cert_e_fn("sin", 1,
                  cert_e_fn("div", 2,
                            cert_e_fn("sqrt", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))),
                            cert_e_fn("mul", 2, cert_e_si(16 * (slong) d),
                                      cert_e_fn("sqrt", 1, cert_e_si((slong) d))))));
}

/* s_d = sqrt(2 pi) / (16 d sqrt d) as an expression */
static char *
sd_expr(ulong d)
{
    return cert_e_fn(
        "div", 2, cert_e_fn("sqrt", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))),
        cert_e_fn("mul", 2, cert_e_si(16 * (slong) d), cert_e_fn("sqrt", 1, cert_e_si((slong) d))));
}

/* sqrt(k / (2 pi)) as an expression */
static char *
sqrt_k_2pi_expr(ulong k)
{
    return cert_e_fn(
        "sqrt", 1,
        cert_e_fn("div", 2, cert_e_si((slong) k), cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))));
}

/* lhs rel rhs for two expressions (taken over) with the harness's
   enclosures */
static void
expr_cert(check_t c, const char *label, char *lhs, const arb_t lv, const char *rel, char *rhs, const arb_t rv)
{
    cert_inequality_expr(c, label, lhs, lv, rel, rhs, rv);
    flint_free(lhs);
    flint_free(rhs);
}

/* The certificate of Claim 2's counterexample at d (kind "inequality", in
   expressions of rho_d and the exact a, s the checker evaluates): with
   w = (a, 1), c = e_1, x = c - s w, Q = |w|^2 = a^2 + 1, w lies in the
   paper's cap (a^2 > rho^2 (1 - rho^2/4) Q), x in the ball
   (s^2 Q <= rho^2), and the conclusion <w, x> = a - s Q > 0 fails. */
static void
inclusion_cert(check_t c, ulong d, const fmpq_t a, const fmpq_t s, const fmpq_t Q, const arb_t rho)
{
    char *lab = bc_aprintf("d = %lu", d);
    arb_t l, r;
    fmpq_t q;
    slong prec = 4 * PREC;
    arb_init(l);
    arb_init(r);
    fmpq_init(q);
    /* a^2 > rho^2 (1 - rho^2/4) (a^2 + 1) */
    fmpq_mul(q, a, a);
    arb_set_fmpq(l, q, prec);
    arb_sqr(r, rho, prec);
    claim2_paper_sin2(r, r, prec);
    arb_set_fmpq(l, Q, prec);
    arb_mul(r, r, l, prec);
    fmpq_mul(q, a, a);
    arb_set_fmpq(l, q, prec);
    expr_cert(c, lab, cert_e_fn("pow", 2, cert_e_q(a), cert_e_si(2)), l, ">",
              cert_e_fn("mul", 3, cert_e_fn("pow", 2, rho_expr(d), cert_e_si(2)),
                        cert_e_fn("sub", 2, cert_e_si(1),
                                  cert_e_fn("div", 2, cert_e_fn("pow", 2, rho_expr(d), cert_e_si(2)),
                                            cert_e_si(4))),
                        cert_e_fn("add", 2, cert_e_fn("pow", 2, cert_e_q(a), cert_e_si(2)), cert_e_si(1))),
              r);
    /* s^2 (a^2 + 1) <= rho^2 */
    fmpq_mul(q, s, s);
    fmpq_mul(q, q, Q);
    arb_set_fmpq(l, q, prec);
    arb_sqr(r, rho, prec);
    expr_cert(c, lab,
              cert_e_fn("mul", 2, cert_e_fn("pow", 2, cert_e_q(s), cert_e_si(2)),
                        cert_e_fn("add", 2, cert_e_fn("pow", 2, cert_e_q(a), cert_e_si(2)), cert_e_si(1))),
              l, "<=", cert_e_fn("pow", 2, rho_expr(d), cert_e_si(2)), r);
    /* <w, x> = a - s (a^2 + 1) > 0: fails */
    fmpq_mul(q, s, Q);
    fmpq_sub(q, a, q);
    arb_set_fmpq(l, q, prec);
    arb_zero(r);
    expr_cert(c, lab,
              cert_e_fn("sub", 2, cert_e_q(a),
                        cert_e_fn("mul", 2, cert_e_q(s),
                                  cert_e_fn("add", 2, cert_e_fn("pow", 2, cert_e_q(a), cert_e_si(2)),
                                            cert_e_si(1)))),
              l, ">", cert_e_si(0), r);
    flint_free(lab);
    arb_clear(l);
    arb_clear(r);
    fmpq_clear(q);
}

/* Claim 2 at dimension d and the stated radius rho_d, decided in the
   plane of e_1, e_2 with c = e_1, delta = rho_d: false when the witness
   w = (a, 1) in the claimed cap, x = c - s w in the ball with <w, x> < 0
   is certified; true when the claimed cap lies inside the sign-constant
   region (sin^2 of its band's half-width > rho^2: then every direction of
   the cap has |cos angle(w, c)| > rho, lemma8.region.exact); else
   undecided.  The witness, when wit is not NULL, is described there. */
static truth_t
inclusion_decide(const run_t R, ulong d, char **wit, check_t cc)
{
    arb_t rho, r2, thr, t, u;
    fmpq_t a, s, Q, q;
    double rd, tau, ad, sd;
    int in_cap, in_ball, neg;
    truth_t res;

    arb_init(rho);
    arb_init(r2);
    arb_init(thr);
    arb_init(t);
    arb_init(u);
    fmpq_init(a);
    fmpq_init(s);
    fmpq_init(Q);
    fmpq_init(q);
    sphere_band_radius(rho, d, PREC);
    arb_sqr(r2, rho, PREC);
    claim2_sin2(thr, R, r2, PREC);
    /* candidates in doubles: cos^2 angle = rho^2 (1 - rho^2/8), between
       the paper's rho^2 (1 - rho^2/4) and the true rho^2 */
    rd = arf_get_d(arb_midref(rho), ARF_RND_NEAR);
    tau = rd * rd * (1.0 - rd * rd / 8.0);
    ad = sqrt(tau / (1.0 - tau));
    bc_fmpq_set_d(a, ad);
    fmpq_mul(Q, a, a);
    fmpq_add_ui(Q, Q, 1);
    /* s between a/Q and rho/sqrt(Q) */
    sd = 0.5 * (ad / (ad * ad + 1.0) + rd / sqrt(ad * ad + 1.0));
    bc_fmpq_set_d(s, sd);

    /* in the claimed cap: a^2 > thr Q */
    arb_set_fmpq(t, Q, PREC);
    arb_mul(t, t, thr, PREC);
    fmpq_mul(q, a, a);
    arb_set_fmpq(u, q, PREC);
    in_cap = arb_gt(u, t);
    /* x = c - s w in the ball: |x - c|^2 = s^2 Q <= rho^2 */
    fmpq_mul(q, s, s);
    fmpq_mul(q, q, Q);
    arb_set_fmpq(u, q, PREC);
    in_ball = arb_le(u, r2);
    /* <w, x> = a - s Q < 0, exact */
    fmpq_mul(q, s, Q);
    fmpq_sub(q, a, q);
    neg = fmpq_sgn(q) < 0;
    res = (in_cap && in_ball && neg) ? BC_FALSE : (arb_gt(thr, r2) ? BC_TRUE : BC_UNDECIDED);
    /* the counterexample's certificate (of the paper's cap: a mutant's
       cap has none) */
    if (cc != NULL && res == BC_FALSE && !run_mutant(R, "lemma8.mutant.cap_inside"))
        inclusion_cert(cc, d, a, s, Q, rho);
    if (wit != NULL && res == BC_FALSE)
    {
        char *rs = bc_arb_str(rho, 15);
        *wit = bc_aprintf("d = %lu: c = e_1, delta = rho_d = %s, w = (a, 1, 0, ...) with a = %.17g (exact "
                          "double), x = c - s w with s = %.17g (exact double): a^2 > rho^2 (1 - rho^2/4) "
                          "(a^2 + 1) [in the paper's cap], s^2 (a^2 + 1) <= rho^2 [x in the ball], "
                          "<w, x> = a - s (a^2 + 1) < 0",
                          d, rs, ad, sd);
        flint_free(rs);
    }
    arb_clear(rho);
    arb_clear(r2);
    arb_clear(thr);
    arb_clear(t);
    arb_clear(u);
    fmpq_clear(a);
    fmpq_clear(s);
    fmpq_clear(Q);
    fmpq_clear(q);
    return res;
}

static void
check_inclusion(run_t R)
{
    check_t c;
    ulong d;
    slong nbad = 0, nund = 0;
    char *wit = NULL, *str;
    range_problem_t P;
    range_result_t G;

    run_check(R, c, "claim2.inclusion");
    for (d = 2; d <= DMAX; d++)
    {
        truth_t t = inclusion_decide(R, d, wit == NULL ? &wit : NULL, c);
        nbad += t == BC_FALSE;
        nund += t == BC_UNDECIDED;
    }
    check_count(c, nbad, nund);
    check_field_add(c, "counterexamples", "%ld of %d dimensions (d = 2..%d) verified; %ld undecided",
                    (long) nbad, DMAX - 1, DMAX, (long) nund);
    if (wit != NULL)
    {
        check_set_witness(c, "%s", wit);
        flint_free(wit);
    }
    /* why, for every rho in (0, 1/2]: the paper's angle is smaller */
    range_problem_init(P);
    P->value = angle_gap_value;
    P->deriv = angle_gap_deriv;
    arb_zero(P->lo);
    arb_one(P->hi);
    arb_mul_2exp_si(P->hi, P->hi, -1);
    P->touch_lo = 1; /* h(0) = asin 0 - 2 asin 0 = 0 exactly */
    P->prec = PREC;
    range_result_init(G);
    range_prove(G, P);
    str = range_result_str(G, P);
    check_field_add(c, "angle_gap", "arcsin(rho) - 2 arcsin(rho/2) >= 0 on [0, 1/2]: %s", str);
    flint_free(str);
    run_push(R, c);
    range_result_clear(G);
    range_problem_clear(P);
}

/* ------------------------------------------------- band probability */

/* The closed form of band_d(rho) for d = 2, 3, 4 (a = arcsin rho):
   d = 2: the arcs within a of +-pi/2, total 4a of 2 pi;
   d = 3: Archimedes, the zone |z| <= rho has area 2 pi * 2 rho of 4 pi;
   d = 4: 1 - 2 F_4(pi/2 - a), F_4(th) = (th - sin th cos th)/pi */
static void
band_closed_form(arb_t e, ulong d, const arb_t rho, const arb_t a, const arb_t pi, slong prec)
{
    arb_t t;
    arb_init(t);
    if (d == 2)
    {
        arb_mul_2exp_si(e, a, 1);
        arb_div(e, e, pi, prec);
    }
    else if (d == 3)
        arb_set(e, rho);
    else
    {
        arb_sqr(t, rho, prec);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_sqrt(t, t, prec);
        arb_mul(t, t, rho, prec);
        arb_add(e, a, t, prec);
        arb_mul_2exp_si(e, e, 1);
        arb_div(e, e, pi, prec);
    }
    arb_clear(t);
}

/* band = 1 - 2 R(d) int_0^{pi/2 - a} sin^{d-2}, by rigorous quadrature;
   an indeterminate ball when the quadrature fails */
static void
band_quadrature(arb_t e, ulong d, const arb_t a, const arb_t pi, slong prec)
{
    arb_t th, R;
    arb_init(th);
    arb_init(R);
    arb_mul_2exp_si(th, pi, -1);
    arb_sub(th, th, a, 4 * prec);
    if (sphere_sinpow_integral_quad(e, th, d - 2, prec) == 0)
    {
        sphere_omega_ratio(R, d, prec);
        arb_mul(e, e, R, prec);
        arb_mul_2exp_si(e, e, 1);
        arb_sub_ui(e, e, 1, prec);
        arb_neg(e, e);
    }
    else
        arb_indeterminate(e);
    arb_clear(th);
    arb_clear(R);
}

typedef struct
{
    check_struct *c;
    slong ncmp, nagree;
    truth_t all;
} band_cmp;

/* records one comparison of the cosine route x with another enclosure y
   of the same number (named what) at dimension d */
static void
band_compare(band_cmp *B, ulong d, const char *what, const arb_t x, const arb_t y)
{
    truth_t r = encl_agree(x, y);
    B->ncmp++;
    B->nagree += r == BC_TRUE;
    if (r == BC_FALSE && B->c->witness == NULL)
    {
        char *sx = bc_arb_str(x, 15), *sy = bc_arb_str(y, 15);
        check_set_witness(B->c, "d = %lu: band_d(rho_d) = %s (cosine beta route) and %s = %s are disjoint", d,
                          sx, what, sy);
        flint_free(sx);
        flint_free(sy);
    }
    B->all = bc_truth_and(B->all, r);
}

/* band_1 = 0 and band_d in (0, 1) for d >= 2, decided */
static truth_t
band_in_range(ulong d, const arb_t b)
{
    arb_t one;
    truth_t in;
    arb_init(one);
    arb_one(one);
    if (d == 1)
        in = arb_is_zero(b) ? BC_TRUE : (arb_contains_zero(b) ? BC_UNDECIDED : BC_FALSE);
    else
        in = (arb_is_positive(b) && arb_lt(b, one))
                 ? BC_TRUE
                 : ((arb_is_nonpositive(b) || arb_ge(b, one)) ? BC_FALSE : BC_UNDECIDED);
    arb_clear(one);
    return in;
}

/* The band probability at the stated radius rho_d, d = 1..DMAX, by two
   beta routes, against the closed forms for d = 2, 3, 4 multiplied by
   K = knum/kden (K = 1: the check; another K: its control) and rigorous
   quadrature, and its range.  Adds the fields and, for the first decided
   disagreement, the witness; returns the conjunction of the decisions. */
static truth_t
band_probability(check_t c, slong knum, slong kden)
{
    ulong d;
    slong nin = 0;
    band_cmp B;
    arb_t rho, b1, b2, e, a, pi;
    char *tab = NULL;

    B.c = c;
    B.ncmp = B.nagree = 0;
    B.all = BC_TRUE;
    arb_init(rho);
    arb_init(b1);
    arb_init(b2);
    arb_init(e);
    arb_init(a);
    arb_init(pi);
    arb_const_pi(pi, 4 * PREC);
    for (d = 1; d <= DMAX; d++)
    {
        truth_t in;
        sphere_band_radius(rho, d, 4 * PREC);
        sphere_band_prob(b1, d, rho, PREC);
        sphere_band_prob_angle(b2, d, rho, PREC);
        band_compare(&B, d, "the angle beta route", b1, b2);
        in = band_in_range(d, b1);
        nin += in == BC_TRUE;
        if (in == BC_FALSE && c->witness == NULL)
        {
            char *sx = bc_arb_str(b1, 15);
            check_set_witness(c, "d = %lu: band_d(rho_d) = %s is not %s", d, sx, d == 1 ? "0" : "in (0, 1)");
            flint_free(sx);
        }
        B.all = bc_truth_and(B.all, in);
        arb_asin(a, rho, 4 * PREC);
        if (d >= 2 && d <= 4)
        {
            band_closed_form(e, d, rho, a, pi, 4 * PREC);
            arb_mul_si(e, e, knum, 4 * PREC);
            arb_div_si(e, e, kden, 4 * PREC);
            band_compare(&B, d, "the closed form", b1, e);
        }
        if (d == 5 || d == 8 || d == 16 || d == 33 || d == 64)
        {
            band_quadrature(e, d, a, pi, PREC);
            band_compare(&B, d, "the quadrature", b1, e);
        }
        if (d == 1 || d == 2 || d == 3 || d == 8 || d == 16 || d == 64)
        {
            char *sb = bc_arb_str(b1, 12), *r = bc_arb_str(rho, 8), *n;
            n = bc_aprintf("d=%lu: rho_d %s, band %s", d, r, sb);
            list_append(&tab, n);
            flint_free(n);
            flint_free(sb);
            flint_free(r);
        }
    }
    check_field_add(c, "agreements",
                    "%ld of %ld comparisons overlap (a disjoint pair is a decided disagreement)",
                    (long) B.nagree, (long) B.ncmp);
    check_field_add(c, "in_range", "%ld of %d values in (0, 1) (d = 1: exactly 0)", (long) nin, DMAX);
    check_field_add(c, "table", "%s", tab);
    flint_free(tab);
    arb_clear(rho);
    arb_clear(b1);
    arb_clear(b2);
    arb_clear(e);
    arb_clear(a);
    arb_clear(pi);
    return B.all;
}

static void
check_band_probability(run_t R, const char *id, slong knum, slong kden)
{
    check_t c;
    run_check(R, c, id);
    check_decide(c, band_probability(c, knum, kden));
    run_push(R, c);
}

/* ------------------------------------------------- Claim 3 on the band */

/* band_d(alpha) = 1 - 2 F_d(pi/2 - alpha), the probability of the band of
   half-width alpha around the great sphere orthogonal to c */
static void
band_of_angle(arb_t res, const arb_t al, ulong d, slong prec)
{
    arb_t th;
    arb_init(th);
    arb_const_pi(th, prec);
    arb_mul_2exp_si(th, th, -1);
    arb_sub(th, th, al, prec);
    sphere_cap_fraction(res, th, d, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
    arb_clear(th);
}

/* h(alpha) = f alpha R(d) - band_d(alpha) on [0, pi/2] (f = *ctx, Claim 3's
   factor 2), with band_d increasing in alpha: on [A, B],
   h in [f A R - band(B), f B R - band(A)] */
static void
c3_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    ulong d = (ulong) par;
    slong f = *(const slong *) ctx;
    arb_t R, lo, hi, t;
    (void) x;
    arb_init(R);
    arb_init(lo);
    arb_init(hi);
    arb_init(t);
    sphere_omega_ratio(R, d, prec);
    arb_mul_si(R, R, f, prec);
    band_of_angle(t, b, d, prec);
    arb_mul(lo, a, R, prec);
    arb_sub(lo, lo, t, prec);
    band_of_angle(t, a, d, prec);
    arb_mul(hi, b, R, prec);
    arb_sub(hi, hi, t, prec);
    range_hull(res, lo, hi, prec);
    arb_clear(R);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(t);
}

/* h' = R(d) (f - 2 cos^{d-2} alpha): cos decreases on [0, pi/2], so on
   [A, B] h' lies in [h'(A), h'(B)]; at A = 0 cos^{d-2} = 1 exactly */
static void
c3_hprime(arb_t res, const arb_t al, ulong d, slong f, slong prec)
{
    arb_t R, unit;
    arb_init(R);
    arb_init(unit);
    /* [0, 1], where cos lies on [0, pi/2] */
    arb_one(unit);
    arb_mul_2exp_si(unit, unit, -1);
    mag_one(arb_radref(unit));
    mag_mul_2exp_si(arb_radref(unit), arb_radref(unit), -1);
    arb_cos(res, al, prec);
    if (!arb_intersection(res, res, unit, prec))
        arb_indeterminate(res);
    arb_pow_ui(res, res, d - 2, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_sub_si(res, res, f, prec);
    arb_neg(res, res);
    sphere_omega_ratio(R, d, prec);
    arb_mul(res, res, R, prec);
    arb_clear(R);
    arb_clear(unit);
}

static void
c3_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t lo;
    slong f = *(const slong *) ctx;
    (void) x;
    arb_init(lo);
    c3_hprime(lo, a, (ulong) par, f, prec);
    c3_hprime(res, b, (ulong) par, f, prec);
    range_hull(res, lo, res, prec);
    arb_clear(lo);
}

static void
check_claim3_band(run_t R, slong dmax)
{
    check_t c;
    range_problem_t P;
    range_result_t G;
    char *s;
    slong d, j, npos = 0, nbad = 0, ngrid = 0, f = claim3_factor(R);
    static const char *const names[1] = {"K"};
    cert_range_t T;
    fmpq_t fq;
    arb_t al, v;

    run_check(R, c, "lemma8.claim3_band");
    range_problem_init(P);
    P->value = c3_value;
    P->deriv = c3_deriv;
    P->ctx = &f;
    arb_zero(P->lo);
    arb_const_pi(P->hi, PREC);
    arb_mul_2exp_si(P->hi, P->hi, -1);
    P->par_lo = 2;
    P->par_hi = dmax;
    /* h(0) = 0 - (1 - 2 F_d(pi/2)) = 0: the half sphere */
    P->touch_lo = 1;
    P->prec = PREC;
    P->max_depth = 40;
    P->max_boxes = 20000;
    range_result_init(G);
    cert_range_init(T);
    cert_range_attach(T, P);
    range_prove(G, P);
    fmpq_init(fq);
    fmpq_set_si(fq, f, 1);
    cert_range(c, NULL, T, P, G, "lemma8.claim3_band", 1, names, fq, "\"0\"",
               "{\"fn\": \"mul\", \"args\": [\"1/2\", {\"fn\": \"pi\"}]}");
    fmpq_clear(fq);
    P->record = NULL;
    cert_range_clear(T);
    s = range_result_str(G, P);
    check_field_add(c, "prover", "%s", s);
    flint_free(s);

    /* pointwise, by enclosure alone: h(alpha_j) > 0 for d >= 3; a point
       with h < 0 decided is a counterexample */
    arb_init(al);
    arb_init(v);
    for (d = 3; d <= dmax; d++)
        for (j = 1; j <= 16; j++)
        {
            arb_set_si(al, 157 * j);
            arb_div_ui(al, al, 1600, PREC);
            c3_value(v, al, al, al, d, &f, PREC);
            ngrid++;
            npos += arb_is_positive(v);
            nbad += arb_is_negative(v);
        }
    check_field_add(c, "pointwise",
                    "%ld points alpha = 1.57 j/16, d = 3..%ld: %ld with h > 0, %ld with h < 0", (long) ngrid,
                    (long) dmax, (long) npos, (long) nbad);
    check_decide(c, bc_truth_and(G->status, nbad > 0 ? BC_FALSE : BC_TRUE));
    c->statement = bc_aprintf("Here $d_{\\max}=%ld$.", (long) dmax);
    run_push(R, c);
    range_result_clear(G);
    range_problem_clear(P);
    arb_clear(al);
    arb_clear(v);
}

/* ------------------------------------------------- the chain */

/* sqrt(k / (2 pi)), the bound of omega_{k-1}/omega_k (Leopardi) */
static void
sqrt_k_2pi(arb_t res, ulong k, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_const_pi(t, prec);
    arb_mul_2exp_si(t, t, 1);
    arb_set_ui(res, k);
    arb_div(res, res, t, prec);
    arb_sqrt(res, res, prec);
    arb_clear(t);
}

typedef struct
{
    check_struct *c;
    truth_t all;
    slong n_id, n_leo, n_leo1, n_c3, n_eq;
} chain_tally;

/* adds the decision t of a step to the chain; the first decided failure
   becomes the witness (fmt takes d) */
static void
chain_step(chain_tally *T, truth_t t, const char *fmt, ulong d)
{
    if (t == BC_FALSE && T->c->witness == NULL)
    {
        char *w = bc_aprintf(fmt, d);
        check_set_witness(T->c, "%s", w);
        flint_free(w);
    }
    T->all = bc_truth_and(T->all, t);
}

/* Steps (i)-(iii) at dimension d with Claim 3's factor f; sets s2 to the
   enclosure of 2 s_d = alpha_p and sq to sqrt(d/(2 pi)). */
static void
chain_steps_angle(chain_tally *T, ulong d, slong f, arb_t s2, arb_t sq)
{
    arb_t rho, ap, R, sq1, u, bd, hp;
    truth_t t;
    arb_init(rho);
    arb_init(ap);
    arb_init(R);
    arb_init(sq1);
    arb_init(u);
    arb_init(bd);
    arb_init(hp);
    /* (i) alpha_p = 2 arcsin(rho_d/2) = 2 s_d: arcsin(sin s) = s on
       [-pi/2, pi/2], so proved by deciding 0 <= s_d <= pi/2; the two
       enclosures must also agree (a check of the code) */
    sphere_band_radius(rho, d, PREC);
    arb_mul_2exp_si(ap, rho, -1);
    arb_asin(ap, ap, PREC);
    arb_mul_2exp_si(ap, ap, 1);
    sphere_band_radius_arg(s2, d, PREC);
    arb_const_pi(hp, PREC);
    arb_mul_2exp_si(hp, hp, -1);
    t = (arb_is_nonnegative(s2) && arb_le(s2, hp))
            ? BC_TRUE
            : ((arb_is_negative(s2) || arb_gt(s2, hp)) ? BC_FALSE : BC_UNDECIDED);
    chain_step(T, t, "(i) d = %lu: s_d is not in [0, pi/2]", d);
    if (t != BC_UNDECIDED)
    {
        /* s_d <= pi/2 (s_d >= 0 is plain from its form) */
        char *lab = bc_aprintf("(i) d = %lu", d);
        expr_cert(T->c, lab, sd_expr(d), s2, "<=", cert_e_fn("div", 2, cert_e_fn("pi", 0), cert_e_si(2)), hp);
        flint_free(lab);
    }
    arb_mul_2exp_si(s2, s2, 1);
    t = encl_agree(ap, s2);
    chain_step(T, t, "(i) d = %lu: the enclosures of 2 arcsin(rho_d/2) and 2 s_d are disjoint", d);
    T->n_id += t == BC_TRUE;
    /* (ii) R(d) < sqrt(d/(2 pi)) */
    sphere_omega_ratio(R, d, PREC);
    sqrt_k_2pi(sq, d, PREC);
    sqrt_k_2pi(sq1, d - 1, PREC);
    t = arb_lt_truth(R, sq);
    chain_step(T, t, "(ii) d = %lu: omega_{d-2}/omega_{d-1} >= sqrt(d/(2 pi))", d);
    if (t != BC_UNDECIDED)
    {
        char *lab = bc_aprintf("(ii) d = %lu", d);
        expr_cert(T->c, lab, cert_e_fn("omega_ratio", 1, cert_e_si((slong) d)), R, "<", sqrt_k_2pi_expr(d),
                  sq);
        flint_free(lab);
    }
    T->n_leo += t == BC_TRUE;
    T->n_leo1 += arb_le(R, sq1);
    /* (iii) band_d(alpha_p) <= f alpha_p R(d) (Claim 3), decided for
       d >= 3; d = 2 is an identity (band_2 = 2 alpha/pi) */
    band_of_angle(bd, s2, d, PREC);
    arb_mul(u, s2, R, PREC);
    arb_mul_si(u, u, f, PREC);
    t = d == 2 ? encl_agree(bd, u) : arb_lt_truth(bd, u);
    chain_step(T, t, "(iii) d = %lu: band_d(alpha_p) > 2 alpha_p omega_{d-2}/omega_{d-1}", d);
    if (d > 2 && t != BC_UNDECIDED)
    {
        /* band_d(2 s_d) = 1 - 2 F_d(pi/2 - 2 s_d) < f 2 s_d R(d) */
        char *lab = bc_aprintf("(iii) d = %lu", d);
        expr_cert(
            T->c, lab,
            cert_e_fn(
                "sub", 2, cert_e_si(1),
                cert_e_fn("mul", 2, cert_e_si(2),
                          cert_e_fn("cap_fraction", 2, cert_e_si((slong) d),
                                    cert_e_fn("sub", 2, cert_e_fn("div", 2, cert_e_fn("pi", 0), cert_e_si(2)),
                                              cert_e_fn("mul", 2, cert_e_si(2), sd_expr(d)))))),
            bd, "<",
            cert_e_fn("mul", 3, cert_e_si(f), cert_e_fn("mul", 2, cert_e_si(2), sd_expr(d)),
                      cert_e_fn("omega_ratio", 1, cert_e_si((slong) d))),
            u);
        flint_free(lab);
    }
    T->n_c3 += t == BC_TRUE;
    arb_clear(rho);
    arb_clear(ap);
    arb_clear(R);
    arb_clear(sq1);
    arb_clear(u);
    arb_clear(bd);
    arb_clear(hp);
}

/* Step (iv) at dimension d: 2 alpha_p sqrt(d/(2 pi)) <= qk, exact after
   squaring: with (i) and the definition s_d^2 = 2 pi / (256 d^3), pi
   cancels and the left side squared is exactly 16 d s_d^2 / (2 pi) =
   1/(16 d^2).  The enclosure of the left side must also agree with that
   value (a check of the code). */
static void
chain_step_identity(chain_tally *T, ulong d, const fmpq_t qk, const arb_t s2, const arb_t sq)
{
    fmpq_t lhs, h;
    fmpz_t d3;
    arb_t u, e;
    truth_t t;
    fmpq_init(lhs);
    fmpq_init(h);
    fmpz_init_set_ui(d3, d);
    arb_init(u);
    arb_init(e);
    fmpz_pow_ui(d3, d3, 3);
    fmpz_mul_ui(d3, d3, 256);
    fmpq_one(lhs);
    fmpq_div_fmpz(lhs, lhs, d3); /* s_d^2 / (2 pi) = 1/(256 d^3) */
    fmpq_mul_ui(lhs, lhs, 16 * d);
    fmpq_mul(h, qk, qk);
    t = fmpq_cmp(lhs, h) <= 0 ? BC_TRUE : BC_FALSE;
    chain_step(T, t, "(iv) d = %lu: 2 alpha_p sqrt(d/(2 pi)) = 1/(4d) exceeds the per-cluster bound", d);
    {
        /* (2 alpha_p sqrt(d/(2 pi)))^2 = 16 d s_d^2/(2 pi) = 1/(16 d^2) (pi
           cancels: algebra), against the squared per-cluster bound */
        char *lab = bc_aprintf("(iv) d = %lu: 1/(16 d^2) against the squared bound", d);
        cert_inequality_fmpq(T->c, lab, NULL, 0, NULL, NULL, lhs, "<=", h);
        flint_free(lab);
    }
    T->n_eq += fmpq_equal(lhs, h);
    arb_mul(u, s2, sq, PREC);
    arb_mul_2exp_si(u, u, 1);
    arb_sqr(u, u, PREC);
    arb_set_fmpq(e, lhs, PREC);
    t = encl_agree(u, e);
    chain_step(T, t, "(iv) d = %lu: the enclosure of (2 alpha_p sqrt(d/(2 pi)))^2 misses 1/(16 d^2)", d);
    fmpq_clear(lhs);
    fmpq_clear(h);
    fmpz_clear(d3);
    arb_clear(u);
    arb_clear(e);
}

/* Steps (v) and (vi): over k <= d clusters the noisy mass is at most
   k qk <= d qk, which (v) bounds by Lemma 8's total 1/4 (reconstructed:
   "noisy for some cluster with probability at most 1/4"); then a neuron
   is good for cluster j with probability >= (1/2 - 1/4) * 1/2 (Theorem
   4's event), so it fails with probability f = 1 - (1/2 - 1/4)/2, and
   (vi) decides f <= kappa, Theorem 5's per-neuron constant.  Exact; sets
   the fields. */
static void
chain_steps_union(chain_tally *T, const run_t R, slong knum, slong kden)
{
    fmpq_t q, k, quarter, f, kappa;
    ulong d, dbad = 0;
    truth_t t;
    char *fs, *ks;
    fmpq_init(q);
    fmpq_init(k);
    fmpq_init(quarter);
    fmpq_init(f);
    fmpq_init(kappa);
    fmpq_set_si(k, knum, kden);
    fmpq_set_si(quarter, 1, 4);
    for (d = 1; d <= DMAX; d++)
    {
        noisy_bound(q, R, (slong) d);
        fmpq_mul(q, q, k);
        fmpq_mul_ui(q, q, d); /* d qk: the union over k <= d clusters */
        {
            char *lab = bc_aprintf("(v) d = %lu: d qk <= 1/4", d);
            cert_inequality_fmpq(T->c, lab, NULL, 0, NULL, NULL, q, "<=", quarter);
            flint_free(lab);
        }
        if (fmpq_cmp(q, quarter) > 0 && dbad == 0)
            dbad = d;
    }
    chain_step(T, dbad == 0 ? BC_TRUE : BC_FALSE, "(v) d = %lu: d qk > 1/4", dbad);
    if (dbad == 0)
        check_field_add(T->c, "v_union", "d qk <= 1/4 for d = 1..%d (exact)", DMAX);
    else
        check_field_add(T->c, "v_union", "d qk > 1/4 at d = %lu", dbad);
    /* (vi) */
    fmpq_set_si(f, 1, 2);
    fmpq_sub(f, f, quarter);
    fmpq_div_2exp(f, f, 1);
    fmpq_sub_ui(f, f, 1);
    fmpq_neg(f, f);
    neuron_fail(kappa, R);
    t = fmpq_cmp(f, kappa) <= 0 ? BC_TRUE : BC_FALSE;
    cert_inequality_fmpq(T->c, "(vi) 1 - (1/2 - 1/4)/2 <= the per-neuron constant", NULL, 0, NULL, NULL, f,
                         "<=", kappa);
    fs = fmpq_get_str(NULL, 10, f);
    ks = fmpq_get_str(NULL, 10, kappa);
    if (t == BC_FALSE && T->c->witness == NULL)
        check_set_witness(T->c, "(vi) 1 - (1/2 - 1/4)/2 = %s exceeds Theorem 5's per-neuron constant %s", fs,
                          ks);
    T->all = bc_truth_and(T->all, t);
    check_field_add(T->c, "vi_per_neuron", "1 - (1/2 - 1/4)/2 = %s %s %s, Theorem 5's constant (exact)", fs,
                    t == BC_TRUE ? "<=" : ">", ks);
    flint_free(fs);
    flint_free(ks);
    fmpq_clear(q);
    fmpq_clear(k);
    fmpq_clear(quarter);
    fmpq_clear(f);
    fmpq_clear(kappa);
}

/* The reconstructed chain of Lemma 8 (B.7) for d = 2..DMAX with the
   per-cluster bound K q(d), K = knum/kden (K = 1: the chain; K = 1/2: its
   negative control), q Lemma 8's 1/(4d); every step three-valued (see the
   steps).  Adds the fields and the first failure as witness; returns the
   conjunction. */
static truth_t
chain_decide(check_t c, const run_t R, slong knum, slong kden)
{
    chain_tally T;
    ulong d;
    slong f = claim3_factor(R);
    arb_t s2, sq;
    fmpq_t qk, K;

    T.c = c;
    T.all = BC_TRUE;
    T.n_id = T.n_leo = T.n_leo1 = T.n_c3 = T.n_eq = 0;
    arb_init(s2);
    arb_init(sq);
    fmpq_init(qk);
    fmpq_init(K);
    fmpq_set_si(K, knum, kden);
    for (d = 2; d <= DMAX; d++)
    {
        chain_steps_angle(&T, d, f, s2, sq);
        noisy_bound(qk, R, (slong) d);
        fmpq_mul(qk, qk, K);
        chain_step_identity(&T, d, qk, s2, sq);
    }
    check_field_add(c, "i_angle_identity",
                    "s_d in [0, pi/2] decided (so arcsin(sin s_d) = s_d); enclosures agree for %ld of %d",
                    (long) T.n_id, DMAX - 1);
    check_field_add(c, "ii_omega_ratio_lt_sqrt(d/2pi)", "%ld of %d decided true", (long) T.n_leo, DMAX - 1);
    check_field_add(c, "ii_sharper_sqrt((d-1)/2pi)", "%ld of %d decided true", (long) T.n_leo1, DMAX - 1);
    check_field_add(c, "iii_claim3_at_paper_angle", "%ld of %d (d = 2 an identity: enclosure agreement)",
                    (long) T.n_c3, DMAX - 1);
    check_field_add(c, "iv_per_cluster_bound",
                    "(2 alpha_p sqrt(d/(2 pi)))^2 = 1/(16 d^2) exactly (pi cancels); equal to the squared "
                    "per-cluster bound for %ld of %d, K = %ld/%ld",
                    (long) T.n_eq, DMAX - 1, (long) knum, (long) kden);
    chain_steps_union(&T, R, knum, kden);
    arb_clear(s2);
    arb_clear(sq);
    fmpq_clear(qk);
    fmpq_clear(K);
    return T.all;
}

/* the controls' factor of the per-cluster bound: 1/2, or 1 under the
   mutant that removes the halving */
static slong
control_kden(const run_t R)
{
    return run_mutant(R, "lemma8.mutant.unhalved") ? 1 : 2;
}

static void
check_chain(run_t R, const char *id, slong knum, slong kden)
{
    check_t c;
    run_check(R, c, id);
    check_decide(c, chain_decide(c, R, knum, kden));
    run_push(R, c);
}

/* The chain with the corrected angle arcsin(rho_d): its last step as
   written, 2 arcsin(rho_d) sqrt(d/(2 pi)) <= 1/(4d), for d = 2..DMAX (the
   erratum), and repaired with the exact ratio R(d) (a field; the mutant
   lemma8.mutant.exact_ratio puts the repair in the step). */
static void
check_chain_corrected(run_t R)
{
    check_t c;
    ulong d;
    slong n_fix = 0, nfail = 0, nund = 0;
    int repaired = run_mutant(R, "lemma8.mutant.exact_ratio");
    arb_t rho, ac, Rd, sq, t, u, pb;
    fmpq_t q;

    run_check(R, c, "lemma8.bound.chain_corrected");
    arb_init(rho);
    arb_init(ac);
    arb_init(Rd);
    arb_init(sq);
    arb_init(t);
    arb_init(u);
    arb_init(pb);
    fmpq_init(q);
    for (d = 2; d <= DMAX; d++)
    {
        truth_t s;
        sphere_band_radius(rho, d, PREC);
        sphere_omega_ratio(Rd, d, PREC);
        sqrt_k_2pi(sq, d, PREC);
        noisy_bound(q, R, (slong) d);
        arb_set_fmpq(pb, q, PREC);
        arb_asin(ac, rho, PREC);
        arb_mul(t, ac, repaired ? Rd : sq, PREC);
        arb_mul_2exp_si(t, t, 1);
        s = bc_arb_le(t, pb);
        if (s != BC_UNDECIDED && !repaired)
        {
            /* 2 arcsin(rho_d) sqrt(d/(2 pi)) <= 1/(4d), arcsin = pi/2 - arccos */
            char *lab = bc_aprintf("d = %lu", d);
            expr_cert(c, lab,
                      cert_e_fn("mul", 3, cert_e_si(2),
                                cert_e_fn("sub", 2, cert_e_fn("div", 2, cert_e_fn("pi", 0), cert_e_si(2)),
                                          cert_e_fn("acos", 1, rho_expr(d))),
                                cert_e_fn("sqrt", 1,
                                          cert_e_fn("div", 2, cert_e_si((slong) d),
                                                    cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))))),
                      t, "<=", cert_e_q(q), pb);
            flint_free(lab);
        }
        nfail += s == BC_FALSE;
        nund += s == BC_UNDECIDED;
        if (s == BC_FALSE && c->witness == NULL)
        {
            char *a, *b = bc_arb_str(t, 15), *e = bc_arb_str(pb, 15);
            arb_sub(u, t, pb, PREC);
            a = bc_arb_bound_str(u, -1, 6);
            check_set_witness(c,
                              "d = %lu: 2 arcsin(rho_d) sqrt(d/(2 pi)) = %s > 1/(4d) = %s (difference >= %s)",
                              d, b, e, a);
            flint_free(a);
            flint_free(b);
            flint_free(e);
        }
        arb_mul(t, ac, Rd, PREC);
        arb_mul_2exp_si(t, t, 1);
        n_fix += arb_lt(t, pb);
    }
    check_count(c, nfail, nund);
    check_field_add(c, "fails_at", "%ld of %d dimensions (undecided: %ld)", (long) nfail, DMAX - 1,
                    (long) nund);
    check_field_add(c, "repair_with_exact_ratio",
                    "2 arcsin(rho_d) omega_{d-2}/omega_{d-1} < 1/(4d): %ld of %d", (long) n_fix, DMAX - 1);
    run_push(R, c);
    arb_clear(rho);
    arb_clear(ac);
    arb_clear(Rd);
    arb_clear(sq);
    arb_clear(t);
    arb_clear(u);
    arb_clear(pb);
    fmpq_clear(q);
}

/* ------------------------------------------------- bound per d */

/* The noisy probabilities at the stated radius, d = 1..DMAX: with the
   correct half-width (bc) and the paper's (bp). */
static void
bands_at_radius(arb_ptr bc, arb_ptr bp)
{
    ulong d;
    arb_t rho;
    arb_init(rho);
    for (d = 1; d <= DMAX; d++)
    {
        sphere_band_radius(rho, d, 2 * PREC);
        sphere_band_prob(bc + d - 1, d, rho, PREC);
        paper_rho(rho, d, 2 * PREC);
        sphere_band_prob(bp + d - 1, d, rho, PREC);
    }
    arb_clear(rho);
}

/* Decides band[d-1] < (knum/kden) q(d) for d = 1..DMAX (band: enclosures
   of the noisy probability at one angle, q Lemma 8's bound): counts the d
   decided true, records the first d decided false in *wit when it is
   still NULL, and returns the conjunction. */
/* band_d at the stated radius as an expression: with the correct
   half-width arcsin rho_d, 1 - 2 F_d(arccos rho_d); with the paper's
   2 arcsin(rho_d/2) = 2 s_d, 1 - 2 F_d(pi/2 - 2 s_d), s_d = sqrt(2 pi) /
   (16 d sqrt d); d = 1: 0 (S^0 has no direction in the band) */
static char *
band_at_radius_expr(ulong d, int paper)
{
    char *th;
    if (d == 1)
        return cert_e_si(0);
    if (paper)
        th = cert_e_fn(
            "sub", 2, cert_e_fn("div", 2, cert_e_fn("pi", 0), cert_e_si(2)),
            cert_e_fn("mul", 2, cert_e_si(2),
                      cert_e_fn("div", 2,
                                cert_e_fn("sqrt", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))),
                                cert_e_fn("mul", 2, cert_e_si(16 * (slong) d),
                                          cert_e_fn("sqrt", 1, cert_e_si((slong) d))))));
    else
        th = cert_e_fn("acos", 1, rho_expr(d));
    return cert_e_fn(
        "sub", 2, cert_e_si(1),
        cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("cap_fraction", 2, cert_e_si((slong) d), th)));
}

static truth_t
bound_d_decide(const run_t R, const arb_struct *band, slong knum, slong kden, const char *angle, slong *ntrue,
               char **wit, check_t c)
{
    ulong d;
    truth_t all = BC_TRUE, t;
    arb_t pb;
    fmpq_t q, K;
    arb_init(pb);
    fmpq_init(q);
    fmpq_init(K);
    fmpq_set_si(K, knum, kden);
    *ntrue = 0;
    for (d = 1; d <= DMAX; d++)
    {
        noisy_bound(q, R, (slong) d);
        fmpq_mul(q, q, K);
        arb_set_fmpq(pb, q, PREC);
        t = arb_lt_truth(band + d - 1, pb);
        if (t != BC_UNDECIDED)
        {
            char *lab = bc_aprintf("d = %lu, %s angle", d, angle);
            expr_cert(c, lab, band_at_radius_expr(d, !strcmp(angle, "paper")), band + d - 1, "<", cert_e_q(q),
                      pb);
            flint_free(lab);
        }
        *ntrue += t == BC_TRUE;
        if (t == BC_FALSE && *wit == NULL)
        {
            char *a = bc_arb_str(band + d - 1, 15), *e = fmpq_get_str(NULL, 10, q);
            *wit = bc_aprintf("d = %lu, %s angle: band_d(rho_d) = %s >= %s", d, angle, a, e);
            flint_free(a);
            flint_free(e);
        }
        all = bc_truth_and(all, t);
    }
    arb_clear(pb);
    fmpq_clear(q);
    fmpq_clear(K);
    return all;
}

/* the figure of the noisy probabilities against Lemma 8's bound */
static void
noisy_figure(run_t R, const arb_struct *bc, const arb_struct *bp)
{
    figure_t F;
    double x[DMAX], yc[DMAX], yp[DMAX], yb[DMAX];
    ulong d;
    fmpq_t q;
    fmpq_init(q);
    for (d = 1; d <= DMAX; d++)
    {
        noisy_bound(q, R, (slong) d);
        x[d - 1] = (double) d;
        yc[d - 1] = arf_get_d(arb_midref(bc + d - 1), ARF_RND_NEAR);
        yp[d - 1] = arf_get_d(arb_midref(bp + d - 1), ARF_RND_NEAR);
        yb[d - 1] = fmpq_get_d(q);
    }
    figure_init(F, "lemma8.noisy_vs_d", R->mod->claim,
                "Lemma~8 (B.7): the exact probability that a uniformly random direction is noisy for one "
                "cluster of the stated maximal radius $\\rho_d=2\\sin(\\sqrt{2\\pi}/(16d\\sqrt d))$, with "
                "the correct band half-width $\\arcsin\\rho_d$ and the paper's $2\\arcsin(\\rho_d/2)$, "
                "against the reconstructed bound $1/(4d)$ (log-log).",
                "$d$", "noisy probability per cluster");
    F->logx = 1;
    F->logy = 1;
    figure_add_series(F, "$\\mathrm{band}_d(\\rho_d)$, correct angle $\\arcsin\\rho_d$", x, yc, DMAX, 1);
    figure_add_series(F, "paper's angle $2\\arcsin(\\rho_d/2)$", x, yp, DMAX, 0);
    figure_add_series(F, "reconstructed bound $1/(4d)$", x, yb, DMAX, 0);
    run_add_figure(R, F);
    figure_clear(F);
    fmpq_clear(q);
}

/* the ratios band / (1/(4d)) (correct angle): a table at a few d and the
   largest */
static void
bound_d_fields(check_t c, const run_t R, const arb_struct *bc, const arb_struct *bp)
{
    ulong d, worst_d = 0;
    double worst = 0.0;
    char *tab = NULL;
    arb_t r;
    fmpq_t q;
    arb_init(r);
    fmpq_init(q);
    for (d = 1; d <= DMAX; d++)
    {
        noisy_bound(q, R, (slong) d);
        arb_set_fmpq(r, q, PREC);
        arb_div(r, bc + d - 1, r, PREC);
        if (arf_get_d(arb_midref(r), ARF_RND_NEAR) > worst)
        {
            worst = arf_get_d(arb_midref(r), ARF_RND_NEAR);
            worst_d = d;
        }
        if (d == 2 || d == 3 || d == 8 || d == 16 || d == 64)
        {
            char *a = bc_arb_str(bc + d - 1, 8), *e = bc_arb_str(bp + d - 1, 8), *s = bc_arb_str(r, 6), *n;
            n = bc_aprintf("d=%lu: band(correct) %s, band(paper) %s, ratio to the bound %s", d, a, e, s);
            list_append(&tab, n);
            flint_free(n);
            flint_free(a);
            flint_free(e);
            flint_free(s);
        }
    }
    check_field_add(c, "max_ratio_to_bound", "%.6f at d = %lu (band / (1/(4d)), correct angle)", worst,
                    worst_d);
    check_field_add(c, "table", "%s", tab);
    flint_free(tab);
    arb_clear(r);
    fmpq_clear(q);
}

static void
check_bound_d(run_t R)
{
    check_t c;
    slong nc, np, nhalf;
    arb_ptr bc = _arb_vec_init(DMAX), bp = _arb_vec_init(DMAX);
    char *wit = NULL;

    bands_at_radius(bc, bp);
    if (run_wants(R, "lemma8.bound.d"))
    {
        truth_t tc, tp;
        run_check(R, c, "lemma8.bound.d");
        tc = bound_d_decide(R, bc, 1, 1, "correct", &nc, &wit, c);
        tp = bound_d_decide(R, bp, 1, 1, "paper", &np, &wit, c);
        check_decide(c, bc_truth_and(tc, tp));
        if (wit != NULL)
        {
            check_set_witness(c, "%s", wit);
            flint_free(wit);
            wit = NULL;
        }
        check_field_add(c, "correct_angle", "%ld of %d decided true", (long) nc, DMAX);
        check_field_add(c, "paper_angle", "%ld of %d decided true", (long) np, DMAX);
        bound_d_fields(c, R, bc, bp);
        run_push(R, c);
        noisy_figure(R, bc, bp);
    }
    if (run_wants(R, "lemma8.control.bound_half"))
    {
        /* the same decision with the bound halved */
        run_check(R, c, "lemma8.control.bound_half");
        check_decide(c, bound_d_decide(R, bc, 1, control_kden(R), "correct", &nhalf, &wit, c));
        check_field_add(c, "decided_true", "%ld of %d dimensions (d = 1: band 0)", (long) nhalf, DMAX);
        if (wit != NULL)
        {
            check_set_witness(c, "%s", wit);
            flint_free(wit);
        }
        run_push(R, c);
    }
    _arb_vec_clear(bc, DMAX);
    _arb_vec_clear(bp, DMAX);
}

/* ------------------------------------------------- Monte Carlo */

/* samples: quick, default, full; a control draws at least CONTROL_MIN
   (its disagreements have probability >= 0.01, so it fails whatever
   --samples asks) */
static const ulong agree_sizes[3] = {20000, 200000, 1000000};
static const ulong control_sizes[3] = {4000, 20000, 50000};
#define CONTROL_MIN 2000

typedef struct
{
    const char *id;
    const char *stream;
    lemma8_rule rule; /* the false rule of a control; LEMMA8_RULE_CORRECT: the claimed rule */
    int adversarial;
    int control;
} mc_run_spec;

static const mc_run_spec mc_runs[] = {
    {"lemma8.mc.agree.uniform", "lemma8/agree/uniform", LEMMA8_RULE_CORRECT, 0, 0},
    {"lemma8.mc.agree.adversarial", "lemma8/agree/adversarial", LEMMA8_RULE_CORRECT, 1, 0},
    {"lemma8.control.paper_angle", "lemma8/control/paper", LEMMA8_RULE_PAPER, 1, 1},
    {"lemma8.control.half_width", "lemma8/control/half", LEMMA8_RULE_HALF, 0, 1},
    {"lemma8.control.wide_width", "lemma8/control/wide", LEMMA8_RULE_WIDE, 1, 1},
};

#define NMC ((slong) (sizeof(mc_runs) / sizeof(mc_runs[0])))

/* the rule a Monte Carlo check samples */
static lemma8_rule
mc_rule(const run_t R, const mc_run_spec *P)
{
    if (!P->control)
        return claimed_rule(R);
    return run_mutant(R, "lemma8.mutant.true_rule") ? LEMMA8_RULE_CORRECT : P->rule;
}

/* rho = 7/512 decided below the stated radius rho_8: the instance
   satisfies Theorem 5's hypothesis */
static int
mc_rho_ok(void)
{
    arb_t rho, rd;
    int ok;
    arb_init(rho);
    arb_init(rd);
    lemma8_mc_rho(rho);
    sphere_band_radius(rd, LEMMA8_MC_D, PREC);
    ok = arb_lt(rho, rd);
    arb_clear(rho);
    arb_clear(rd);
    return ok;
}

/* the agreement check of run P from its tally */
static void
mc_agree_record(run_t R, check_t c, const mc_run_spec *P, const mc_tally_t T, int rho_ok)
{
    arb_t one;
    arb_init(one);
    arb_one(one);
    if (rho_ok)
        check_set_mc(c, T->samples, T->hits[LEMMA8_EV_AGREE], T->undecided[LEMMA8_EV_AGREE], T->escalations,
                     one, "1");
    else
        check_add_note(c, "The instance's $\\rho$ could not be shown below the stated radius: no test.");
    check_field_add(c, "samples", "%lu", (unsigned long) T->samples);
    check_field_add(c, "agree", "%lu", (unsigned long) T->hits[LEMMA8_EV_AGREE]);
    check_field_add(c, "disagree", "%lu", (unsigned long) (T->samples - T->hits[LEMMA8_EV_AGREE]));
    check_field_add(c, "declared_noisy", "%lu", (unsigned long) T->hits[LEMMA8_EV_NOISY]);
    check_set_stream_witness(c, R->opts->seed, P->stream,
                             T->hits[LEMMA8_EV_AGREE] < T->samples
                                 ? "samples whose rule disagrees with the points of the ball"
                                 : "every sample agrees");
    run_push(R, c);
    arb_clear(one);
}

/* the two rate checks from the uniform tally: P[noisy] = band_8(7/512)
   (two-sided) and P[constant] >= 1 - q(8), Lemma 8's bound */
static void
mc_rate_records(run_t R, const mc_tally_t T, int rho_ok)
{
    check_t c;
    arb_t band, rho, b;
    fmpq_t q;
    char *bs, *qs, *tex;

    arb_init(band);
    arb_init(rho);
    arb_init(b);
    fmpq_init(q);
    lemma8_mc_rho(rho);
    sphere_band_prob(band, LEMMA8_MC_D, rho, PREC);
    bs = bc_arb_str(band, 15);
    if (run_wants(R, "lemma8.mc.rate.noisy"))
    {
        run_check(R, c, "lemma8.mc.rate.noisy");
        if (rho_ok)
            check_add_test(c, TEST_EQUAL, NULL, T->samples, T->hits[LEMMA8_EV_NOISY],
                           T->undecided[LEMMA8_EV_NOISY], T->escalations, band, "\\mathrm{band}_8(7/512)");
        check_field_add(c, "exact_probability", "%s", bs);
        check_field_add(c, "hits", "%lu", (unsigned long) T->hits[LEMMA8_EV_NOISY]);
        check_set_stream_witness(c, R->opts->seed, "lemma8/agree/uniform",
                                 "the tally of lemma8.mc.agree.uniform");
        run_push(R, c);
    }
    if (run_wants(R, "lemma8.mc.rate.constant"))
    {
        noisy_bound(q, R, LEMMA8_MC_D);
        arb_set_fmpq(b, q, PREC);
        arb_sub_ui(b, b, 1, PREC);
        arb_neg(b, b);
        qs = fmpq_get_str(NULL, 10, q);
        tex = bc_aprintf("1-%s", qs);
        run_check(R, c, "lemma8.mc.rate.constant");
        if (rho_ok)
            check_set_mc(c, T->samples, T->hits[LEMMA8_EV_CONSTANT], T->undecided[LEMMA8_EV_CONSTANT],
                         T->escalations, b, tex);
        check_field_add(c, "exact_probability", "1 - %s", bs);
        check_field_add(c, "lemma8_bound", "1 - %s", qs);
        check_field_add(c, "hits", "%lu", (unsigned long) T->hits[LEMMA8_EV_CONSTANT]);
        check_set_stream_witness(c, R->opts->seed, "lemma8/agree/uniform",
                                 "the tally of lemma8.mc.agree.uniform");
        run_push(R, c);
        flint_free(qs);
        flint_free(tex);
    }
    flint_free(bs);
    arb_clear(band);
    arb_clear(rho);
    arb_clear(b);
    fmpq_clear(q);
}

static void
check_mc(run_t R)
{
    slong q;
    int rho_ok = mc_rho_ok();
    for (q = 0; q < NMC; q++)
    {
        const mc_run_spec *P = mc_runs + q;
        int want = run_wants(R, P->id), rates = q == 0 && run_wants_prefix(R, "lemma8.mc.rate.");
        lemma8_mc_t X;
        mc_tally_t T;
        check_t c;
        ulong n;
        if (!want && !rates)
            continue;
        n = P->control ? run_samples(R, P->id, control_sizes, CONTROL_MIN)
                       : run_samples(R, P->id, agree_sizes, 0);
        lemma8_mc_init(X, mc_rule(R, P), P->adversarial);
        if (want)
            run_check(R, c, P->id); /* its clock runs with the sampling */
        run_mc(R, T, lemma8_mc_sample, X, n, P->stream);
        if (want)
            mc_agree_record(R, c, P, T, rho_ok);
        if (rates)
            mc_rate_records(R, T, rho_ok);
        lemma8_mc_clear(X);
    }
}

/* ------------------------------------------------------------ run */

static void
add_instances(run_t R, slong c3max)
{
    arb_t rho, band;
    char *bs, *rs;
    arb_init(rho);
    arb_init(band);
    run_add_instance(R,
                     "\\textbf{Ranges.} Exact and ball checks for $d=1..%d$ at the stated radius $\\rho_d$; "
                     "Claim~3 on the band proved for $d\\in[2,%ld]$%s at %d bits.",
                     DMAX, (long) c3max, R->opts->size == SIZE_QUICK ? " (quick size)" : "", PREC);
    sphere_band_radius(rho, LEMMA8_MC_D, PREC);
    rs = bc_arb_str(rho, 12);
    lemma8_mc_rho(rho);
    sphere_band_prob(band, LEMMA8_MC_D, rho, PREC);
    bs = bc_arb_str(band, 15);
    run_add_instance(R,
                     "\\textbf{Monte Carlo instance.} $d=%d$, $c=(3,1,1,1,1,1,1,1)$, $\\|c\\|=4$, "
                     "$\\delta=7/128$, $\\rho=7/512$ (stated maximum $\\rho_8=%s$); exact noisy probability "
                     "$\\mathrm{band}_8(\\rho)=%s$. Streams \\texttt{lemma8/agree/*} (%lu samples each) and "
                     "\\texttt{lemma8/control/*} (%lu samples each).",
                     LEMMA8_MC_D, rs, bs,
                     (unsigned long) run_samples(R, "lemma8.mc.agree.uniform", agree_sizes, 0),
                     (unsigned long) run_samples(R, "lemma8.control.half_width", control_sizes, CONTROL_MIN));
    flint_free(bs);
    flint_free(rs);
    arb_clear(rho);
    arb_clear(band);
}

static int
lemma8_exec(run_t R)
{
    slong c3max = run_size_pick(R, (const slong[3]){16, DMAX, DMAX});
    if (run_wants(R, "lemma8.region.exact"))
        check_region_exact(R);
    if (run_wants(R, "claim2.inclusion"))
        check_inclusion(R);
    if (run_wants(R, "lemma8.band_probability"))
        check_band_probability(R, "lemma8.band_probability", 1, 1);
    if (run_wants(R, "lemma8.control.band_closed_form"))
        check_band_probability(R, "lemma8.control.band_closed_form", 101, 100);
    if (run_wants(R, "lemma8.claim3_band"))
        check_claim3_band(R, c3max);
    if (run_wants(R, "lemma8.bound.chain"))
        check_chain(R, "lemma8.bound.chain", 1, 1);
    if (run_wants(R, "lemma8.control.chain_eighth"))
        check_chain(R, "lemma8.control.chain_eighth", 1, control_kden(R));
    if (run_wants(R, "lemma8.bound.chain_corrected"))
        check_chain_corrected(R);
    if (run_wants(R, "lemma8.bound.d") || run_wants(R, "lemma8.control.bound_half"))
        check_bound_d(R);
    check_mc(R);
    add_instances(R, c3max);
    return 0;
}

const module_struct module_lemma8 = {
    "lemma8",
    "Lemma 8 (Thm 5)",
    "The noisy region of a cluster (Claim 2) and its probability (Lemma 8), Theorem 5",
    1,
    lemma8_specs,
    LEMMA8_NSPECS,
    fragment_lemma8,
    NULL,
    lemma8_exec,
    lemma8_mutants,
    LEMMA8_NMUTANTS,
    NULL,
    NULL,
};

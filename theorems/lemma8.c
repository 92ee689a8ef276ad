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
   with both angles.  See lemma8.tex and lemma8.h. */
#include <math.h>
#include <string.h>

#include "lemma8.h"
#include "mc.h"
#include "range.h"
#include "sphere.h"

#define PREC 128
#define DMAX 64

static const char *LEMMA8 = "Lemma 8 (Thm 5)";
static const char *CLAIM2 = "Claim 2 (Thm 5)";

static const check_spec lemma8_specs[] = {
    {"lemma8.region.exact", CHECK_EXACT, ST_HOLDS, 0,
     "sign(<w,x>) constant on B(c,delta) iff |<w,c>| > delta |w|: hand cases and exact rational directions "
     "at the band edges (d = 2, 3)"},
    {"claim2.inclusion", CHECK_EXACT, ST_FAILS, 0,
     "erratum: the paper's cap S(c, pi/2 - 2 arcsin(rho/2)) is not sign-constant, at the stated radius of "
     "every d = 2..64"},
    {"lemma8.band_probability", CHECK_BALL, ST_HOLDS, 0,
     "exact noisy probability band_d = 1 - I_{1-rho^2}((d-1)/2, 1/2), d = 1..64: two beta routes, closed "
     "forms d = 2, 3, 4, quadrature"},
    {"lemma8.claim3_band", CHECK_RANGE, ST_HOLDS, 0,
     "band_d(alpha) <= 2 alpha omega_{d-2}/omega_{d-1} for alpha in [0, pi/2], d in [2, 64] (quick: 16)"},
    {"lemma8.bound.chain", CHECK_BALL, ST_HOLDS, 0,
     "the reconstructed chain with the paper's angle: 1/(4d) per cluster, 1/4 in all, 7/8; d = 2..64"},
    {"lemma8.bound.chain_corrected", CHECK_BALL, ST_FAILS, 0,
     "erratum: with the correct angle arcsin(rho_d) the chain's last step 2 alpha sqrt(d/(2 pi)) <= "
     "1/(4d) fails for every d = 2..64 (repaired by the exact omega ratio)"},
    {"lemma8.bound.d", CHECK_BALL, ST_HOLDS, 0,
     "exact noisy probability <= 1/(4d) at the stated radius, correct and paper angle, d = 1..64"},
    {"lemma8.mc.agree.uniform", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, uniform directions, d = 8: the characterisation agrees with exact signs on the ball"},
    {"lemma8.mc.rate.noisy", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo: P[noisy] >= exact band (lower end)"},
    {"lemma8.mc.rate.constant", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo: P[sign-constant] >= 1 - exact band (upper end)"},
    {"lemma8.mc.agree.adversarial", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, directions within 1e-15..1e-3 of the band edges: agreement with exact signs"},
    {"lemma8.control.paper_angle", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: the paper's cap as the sign-constant region; the adversarial sampler finds disagreements"},
    {"lemma8.control.half_width", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: band of half the correct width; uniform sampling finds disagreements"},
    {"lemma8.control.wide_width", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: band of twice the correct width (declares constant directions noisy)"},
    {"lemma8.control.bound_half", CHECK_BALL, ST_FAILS, 1,
     "control: the exact noisy probability is NOT < 1/(8d): the bound 1/(4d) is within a constant of tight"},
    {"lemma8.control.band_closed_form", CHECK_BALL, ST_FAILS, 1,
     "control: the band's closed forms (d = 2, 3, 4) times 101/100 must disagree with the beta routes"},
    {"lemma8.control.chain_eighth", CHECK_BALL, ST_FAILS, 1,
     "control: the chain with the per-cluster bound 1/(8d): its identity and its 7/8 must fail"},
};

#define LEMMA8_NSPECS ((slong) (sizeof(lemma8_specs) / sizeof(lemma8_specs[0])))

static void
check_start(check_t c, const char *id, const char *claim, int reconstructed)
{
    module_check_start(c, lemma8_specs, LEMMA8_NSPECS, id, claim);
    c->reconstructed = reconstructed;
}

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

/* sin of the paper's half-width 2 arcsin(rho_d/2) = 2 s_d: the radius
   whose correct band has the paper's angle */
static void
paper_rho(arb_t res, ulong d, slong prec)
{
    sphere_band_radius_arg(res, d, prec + 10);
    arb_mul_2exp_si(res, res, 1);
    arb_sin(res, res, prec);
}

/* ------------------------------------------------- region.exact */

/* One exact instance in R^d with a unit rational direction w: the rule
   against the two extreme points c -+ delta w (rational, at distance
   exactly delta) and nrand further rational sphere points.  Returns 1
   when they agree; *noisy receives the rule's verdict. */
static int
region_instance(const fmpq *w, const fmpq *c, slong d, const fmpq_t delta, int *noisy, slong nrand,
                const double *dirs)
{
    fmpq_t A, dl2, t, m;
    fmpq *u, *tt;
    slong i, k;
    int R, sm, sp, ok = 1;

    fmpq_init(A);
    fmpq_init(dl2);
    fmpq_init(t);
    fmpq_init(m);
    u = _fmpq_vec_init(d);
    tt = _fmpq_vec_init(d);
    fmpq_mul(dl2, delta, delta);
    R = sphere_ball_sign_constant_fmpq(w, c, d, dl2);
    *noisy = !R;
    for (i = 0; i < d; i++)
        fmpq_addmul(A, w + i, c + i);
    /* <w, c -+ delta w> = A -+ delta, as |w| = 1 */
    fmpq_sub(t, A, delta);
    sm = fmpq_sgn(t);
    fmpq_add(t, A, delta);
    sp = fmpq_sgn(t);
    if (R)
    {
        /* constant: Cauchy-Schwarz gives min = A - delta > 0 or
           max = A + delta < 0; both extreme points have that sign */
        if (!(sm == sp && sm != 0))
            ok = 0;
        /* and further rational sphere points never contradict it */
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
    else if (sm == sp && sm != 0)
        ok = 0; /* declared noisy, yet the extreme points agree */
    fmpq_clear(A);
    fmpq_clear(dl2);
    fmpq_clear(t);
    fmpq_clear(m);
    _fmpq_vec_clear(u, d);
    _fmpq_vec_clear(tt, d);
    return ok;
}

static void
run_region_exact(checklist_t L)
{
    check_t c;
    fmpq *C, *w, *tt;
    fmpq_t delta, dl2, t;
    slong d, i, j, k, n = 0, nagree = 0, nnoisy = 0, ncross = 0;
    int hand_ok = 1, noisy;
    double t0 = bc_seconds(), dirs[8 * 3];
    char *fail = NULL;

    check_start(c, "lemma8.region.exact", CLAIM2, 1);
    C = _fmpq_vec_init(3);
    w = _fmpq_vec_init(3);
    tt = _fmpq_vec_init(3);
    fmpq_init(delta);
    fmpq_init(dl2);
    fmpq_init(t);

    /* hand cases: c = (3, 4), |c| = 5, delta = 3 */
    fmpq_set_si(C + 0, 3, 1);
    fmpq_set_si(C + 1, 4, 1);
    fmpq_set_si(dl2, 9, 1);
    /* w = (-4, 3), orthogonal to c: noisy; <w, c +- (3/5) w> = +-15 */
    fmpq_set_si(w + 0, -4, 1);
    fmpq_set_si(w + 1, 3, 1);
    hand_ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 0;
    /* w = c: constant; min over the ball 25 - 3 * 5 = 10 > 0, attained at
       x = (2/5) c */
    fmpq_set_si(w + 0, 3, 1);
    fmpq_set_si(w + 1, 4, 1);
    hand_ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 1;
    /* w = (1, 0): <w, c> = 3 = delta |w|, the boundary: noisy, since
       x = (0, 4) is in the ball (|x - c|^2 = 9) with <w, x> = 0 while
       <w, c> = 3 > 0 */
    fmpq_set_si(w + 0, 1, 1);
    fmpq_zero(w + 1);
    hand_ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 0;
    /* and a slightly smaller ball makes it constant */
    fmpq_set_si(t, 1, 1 << 20);
    fmpq_sub(dl2, dl2, t);
    hand_ok &= sphere_ball_sign_constant_fmpq(w, C, 2, dl2) == 1;

    /* grids at the band edges: d = 2, c = (3, 4), delta = 5/8 (rho = 1/8);
       d = 3, c = (1, 2, 2), delta = 3/8 */
    for (d = 2; d <= 3; d++)
    {
        double ch[3], a = asin(0.125), e1[3], e2[3];
        if (d == 2)
        {
            fmpq_set_si(C + 0, 3, 1);
            fmpq_set_si(C + 1, 4, 1);
            fmpq_set_si(delta, 5, 8);
            ch[0] = 0.6, ch[1] = 0.8;
            e1[0] = -0.8, e1[1] = 0.6;
        }
        else
        {
            fmpq_set_si(C + 0, 1, 1);
            fmpq_set_si(C + 1, 2, 1);
            fmpq_set_si(C + 2, 2, 1);
            fmpq_set_si(delta, 3, 8);
            ch[0] = 1.0 / 3, ch[1] = 2.0 / 3, ch[2] = 2.0 / 3;
            /* an orthonormal pair orthogonal to c/3 */
            e1[0] = 2.0 / 3, e1[1] = 1.0 / 3, e1[2] = -2.0 / 3;
            e2[0] = 2.0 / 3, e2[1] = -2.0 / 3, e2[2] = 1.0 / 3;
        }
        /* fixed rational test points on the unit sphere, spread out */
        for (k = 0; k < 8; k++)
            for (i = 0; i < d; i++)
                dirs[k * d + i] = cos(0.7 * k + 1.3 * i) + 0.1 * i;
        for (k = 0; k < 8; k++)
        {
            double nn = 0;
            for (i = 0; i < d; i++)
                nn += dirs[k * d + i] * dirs[k * d + i];
            for (i = 0; i < d; i++)
                dirs[k * d + i] /= sqrt(nn);
        }
        for (j = 0; j < 4 * 15 + 32; j++)
        {
            double phi, u[3], psi = 0.37 * j;
            if (j < 60)
            {
                /* edge (pi/2 -+ a), side, margin 10^-(1 + j/4 % 15) */
                double m = pow(10.0, -(double) (1 + (j / 4) % 15));
                phi = 1.5707963267948966 + ((j & 1) ? a : -a) + ((j & 2) ? m : -m);
            }
            else
                phi = 3.141592653589793 * (j - 60) / 31.0;
            for (i = 0; i < d; i++)
            {
                double perp = d == 2 ? e1[i] : cos(psi) * e1[i] + sin(psi) * e2[i];
                u[i] = cos(phi) * ch[i] + sin(phi) * perp;
            }
            /* exact unit rational w near u */
            for (i = 0; i < d - 1; i++)
                bc_fmpq_set_d(tt + i, u[i] / (1.0 + fabs(u[d - 1])));
            lemma8_stereo_point(w, tt, u[d - 1] >= 0.0 ? 1 : -1, d);
            n++;
            if (region_instance(w, C, d, delta, &noisy, 8, dirs))
                nagree++;
            else if (fail == NULL)
                fail = bc_aprintf("d = %ld, grid direction %ld", (long) d, (long) j);
            nnoisy += noisy;
            /* the arf rule on the dyadic multiple (1 + |t|^2) w agrees */
            {
                arf_struct W[3], CA[3];
                arf_t r2;
                fmpz_t den;
                fmpq_t s;
                fmpz_init(den);
                fmpq_init(s);
                arf_init(r2);
                for (i = 0; i < d; i++)
                {
                    arf_init(W + i);
                    arf_init(CA + i);
                    arf_set_fmpz(CA + i, fmpq_numref(C + i));
                }
                /* w_i = num_i / den_i with den_i = 1 + |t|^2 up to
                   cancellation: multiply by the lcm-free common factor
                   prod den_i (a dyadic multiple of a positive rational
                   times w is not needed: any positive scale works) */
                fmpz_one(den);
                for (i = 0; i < d; i++)
                    fmpz_lcm(den, den, fmpq_denref(w + i));
                for (i = 0; i < d; i++)
                {
                    fmpq_mul_fmpz(s, w + i, den);
                    arf_set_fmpz(W + i, fmpq_numref(s));
                }
                arf_set_si_2exp_si(r2, 1, -6);
                if (lemma8_rule_constant(LEMMA8_RULE_CORRECT, W, CA, d, r2) != !noisy)
                    ncross++;
                for (i = 0; i < d; i++)
                {
                    arf_clear(W + i);
                    arf_clear(CA + i);
                }
                arf_clear(r2);
                fmpz_clear(den);
                fmpq_clear(s);
            }
        }
    }

    c->status = (hand_ok && nagree == n && ncross == 0) ? ST_HOLDS : ST_FAILS;
    c->statement = bc_aprintf(
        "(Reconstructed Claim~2, corrected.) For a cluster with centre $c$ and radius $0<\\delta<\\|c\\|$ "
        "and $w\\ne0$: $\\mathrm{sign}\\langle w,x\\rangle$ is constant on $B(c,\\delta)$ iff "
        "$|\\langle w,c\\rangle|>\\delta\\|w\\|$, i.e.\\ $w$ is noisy iff $\\angle(w,c)\\in"
        "[\\frac\\pi2-\\arcsin\\rho,\\frac\\pi2+\\arcsin\\rho]$, $\\rho=\\delta/\\|c\\|$. Proof: "
        "$\\min_{B}\\langle w,x\\rangle=\\langle w,c\\rangle-\\delta\\|w\\|$ and "
        "$\\max_B=\\langle w,c\\rangle+\\delta\\|w\\|$ (Cauchy--Schwarz, attained at "
        "$c\\mp\\delta w/\\|w\\|$). Checked exactly on hand cases and on %ld rational unit directions "
        "($d=2$: $c=(3,4)$, $\\delta=5/8$; $d=3$: $c=(1,2,2)$, $\\delta=3/8$) within $10^{-1}$--"
        "$10^{-15}$ of both edges, both sides, plus a uniform grid of angles.",
        (long) n);
    check_field_add(c, "hand_cases",
                    "%s: w=(-4,3) noisy, w=c constant (min 10), w=(1,0) boundary <w,c>=3=delta|w| noisy "
                    "(x=(0,4): <w,x>=0), delta^2=9-2^-20 constant; c=(3,4), delta=3",
                    hand_ok ? "all as stated" : "NOT as stated");
    check_field_add(c, "grid",
                    "%ld of %ld directions agree with the extreme points and 8 rational sphere "
                    "points each; %ld declared noisy",
                    (long) nagree, (long) n, (long) nnoisy);
    check_field_add(c, "arf_vs_fmpq", "%ld disagreements between the two implementations of the rule",
                    (long) ncross);
    if (fail != NULL)
    {
        check_set_witness(c, "%s", fail);
        flint_free(fail);
    }
    check_add_note(c, "At the boundary $|\\langle w,c\\rangle|=\\delta\\|w\\|$ the sign takes the value $0$ "
                      "at a point of the ball (closed ball, $\\delta>0$), so the boundary belongs to the "
                      "noisy region: the sign-constant set is the \\emph{open} double cap "
                      "$S^\\circ(\\pm c,\\frac\\pi2-\\arcsin\\rho)$. The Monte Carlo checks "
                      "\\texttt{lemma8.mc.agree.*} test the same equivalence in $d=8$ with sampled "
                      "points.");
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);
    _fmpq_vec_clear(C, 3);
    _fmpq_vec_clear(w, 3);
    _fmpq_vec_clear(tt, 3);
    fmpq_clear(delta);
    fmpq_clear(dl2);
    fmpq_clear(t);
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

/* The witness at dimension d (the plane of e_1, e_2; c = e_1, delta =
   rho_d): w = (a, 1) in the paper's cap, x = c - s w in the ball with
   <w, x> < 0.  Returns 1 when all three facts are decided true. */
static int
inclusion_witness(ulong d, double *a_out, double *s_out, char **wit)
{
    arb_t rho, r2, t, u, Qb;
    fmpq_t a, s, Q, q;
    double rd, tau, ad, sd;
    int in_cap, in_ball, neg;

    arb_init(rho);
    arb_init(r2);
    arb_init(t);
    arb_init(u);
    arb_init(Qb);
    fmpq_init(a);
    fmpq_init(s);
    fmpq_init(Q);
    fmpq_init(q);
    sphere_band_radius(rho, d, PREC);
    arb_sqr(r2, rho, PREC);
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

    /* in the paper's cap: a^2 > rho^2 (1 - rho^2/4) Q */
    arb_mul_2exp_si(t, r2, -2);
    arb_sub_ui(t, t, 1, PREC);
    arb_neg(t, t);
    arb_mul(t, t, r2, PREC);
    arb_set_fmpq(Qb, Q, PREC);
    arb_mul(t, t, Qb, PREC);
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
    if (wit != NULL)
    {
        char *rs = bc_arb_str(rho, 15);
        *wit = bc_aprintf("d = %lu: c = e_1, delta = rho_d = %s, w = (a, 1, 0, ...) with a = %.17g (exact "
                          "double), x = c - s w with s = %.17g (exact double): a^2 > rho^2 (1 - rho^2/4) "
                          "(a^2 + 1) [in the paper's cap], s^2 (a^2 + 1) <= rho^2 [x in the ball], "
                          "<w, x> = a - s (a^2 + 1) < 0",
                          d, rs, ad, sd);
        flint_free(rs);
    }
    *a_out = ad;
    *s_out = sd;
    arb_clear(rho);
    arb_clear(r2);
    arb_clear(t);
    arb_clear(u);
    arb_clear(Qb);
    fmpq_clear(a);
    fmpq_clear(s);
    fmpq_clear(Q);
    fmpq_clear(q);
    return in_cap && in_ball && neg;
}

static void
run_inclusion(checklist_t L)
{
    check_t c;
    ulong d;
    slong nwit = 0;
    double t0 = bc_seconds(), a, s;
    char *wit = NULL, *str;
    range_problem_t P;
    range_result_t R;

    check_start(c, "claim2.inclusion", CLAIM2, 1);
    for (d = 2; d <= DMAX; d++)
        nwit += inclusion_witness(d, &a, &s, d == 2 ? &wit : NULL);

    range_problem_init(P);
    P->value = angle_gap_value;
    P->deriv = angle_gap_deriv;
    arb_zero(P->lo);
    arb_one(P->hi);
    arb_mul_2exp_si(P->hi, P->hi, -1);
    /* h(0) = asin 0 - 2 asin 0 = 0 exactly */
    P->touch_lo = 1;
    P->prec = PREC;
    range_result_init(R);
    range_prove(R, P);

    c->status = nwit == DMAX - 1 ? ST_FAILS : ST_UNDECIDED;
    c->statement = bc_aprintf(
        "\\textbf{Erratum (reconstructed Claim~2 of B.7, at the radii of Theorem~5).} Claim~2 read as: "
        "$w\\in S(c,\\frac\\pi2-2\\arcsin\\frac{\\delta}{2\\|c\\|})\\Rightarrow\\langle w,x\\rangle>0$ for "
        "all $\\|x-c\\|\\le\\delta$, for every $\\delta/\\|c\\|\\le\\rho_d=2\\sin(\\sqrt{2\\pi}/"
        "(16d\\sqrt d))$. Checked at $\\delta/\\|c\\|=\\rho_d$ for every $d=2..%d$ with a verified "
        "counterexample $(w,x)$ per $d$.",
        DMAX);
    check_field_add(c, "counterexamples", "%ld of %d dimensions (d = 2..%d) verified", (long) nwit, DMAX - 1,
                    DMAX);
    str = range_result_str(R, P);
    check_field_add(c, "angle_gap", "arcsin(rho) - 2 arcsin(rho/2) >= 0 on [0, 1/2]: %s", str);
    flint_free(str);
    check_field_add(c, "d1", "d = 1: S^0 = {+-1}, angles 0 and pi; rho_1 < 1, so the inclusion holds");
    if (wit != NULL)
    {
        check_set_witness(c, "%s", wit);
        flint_free(wit);
    }
    check_add_note(
        c, "The erratum \\texttt{audit.thm5.cap\\_angle} refutes the claim at $\\delta/\\|c\\|=1/2$; here it "
           "is refuted at the theorem's own (tiny) radii. Why it fails for every $\\rho\\in(0,1)$: the "
           "sign-constant directions are those at angle $<\\frac\\pi2-\\arcsin\\rho$ from $\\pm c$ "
           "(\\texttt{lemma8.region.exact}), and $h(\\rho)=\\arcsin\\rho-2\\arcsin\\frac\\rho2$ has "
           "$h(0)=0$, $h'(\\rho)=\\frac{3\\rho^2/4}{D_1D_2(D_1+D_2)}>0$ ($D_1=\\sqrt{1-\\rho^2/4}$, "
           "$D_2=\\sqrt{1-\\rho^2}$), so the paper's cap is strictly larger (proved on $[0,\\frac12]$ by "
           "the range prover, field \\texttt{angle\\_gap}); the excess sliver has angular width "
           "$h(\\rho)\\approx\\rho^3/8$. \\emph{Consequence for Theorem~5:} the noisy region is the "
           "band of half-width $\\arcsin\\rho$, not $2\\arcsin\\frac\\rho2$; Lemma~8's bound survives "
           "with the corrected angle (\\texttt{lemma8.bound.d}), but not through the chain as written "
           "(\\texttt{lemma8.bound.chain\\_corrected}).");
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);
}

/* ------------------------------------------------- band probability */

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

/* The band probability at the stated radius rho_d, d = 1..DMAX, by two
   beta routes, against the closed forms for d = 2, 3, 4 multiplied by
   K = knum/kden (K = 1: the check; another K: its negative control) and
   rigorous quadrature, and its range (0 for d = 1, in (0, 1) else).
   Adds the fields and, for the first decided disagreement, the witness;
   returns the conjunction of the decisions. */
static truth_t
band_probability(check_t c, slong knum, slong kden)
{
    ulong d;
    slong nagree = 0, ncmp = 0, nin = 0;
    truth_t all = BC_TRUE;
    arb_t rho, b1, b2, e, a, pi, t, K;
    char *tab = NULL;

    arb_init(rho);
    arb_init(b1);
    arb_init(b2);
    arb_init(e);
    arb_init(a);
    arb_init(pi);
    arb_init(t);
    arb_init(K);
    arb_const_pi(pi, 4 * PREC);
    arb_set_si(K, knum);
    arb_div_si(K, K, kden, 4 * PREC);
#define BAND_CMP(what, x, y)                                                                                 \
    do                                                                                                       \
    {                                                                                                        \
        truth_t r_ = encl_agree(x, y);                                                                       \
        ncmp++;                                                                                              \
        nagree += r_ == BC_TRUE;                                                                             \
        if (r_ == BC_FALSE && c->witness == NULL)                                                            \
        {                                                                                                    \
            char *sx_ = bc_arb_str(x, 15), *sy_ = bc_arb_str(y, 15);                                         \
            check_set_witness(c, "d = %lu: band_d(rho_d) = %s (cosine beta route) and %s = %s are disjoint", \
                              d, sx_, what, sy_);                                                            \
            flint_free(sx_);                                                                                 \
            flint_free(sy_);                                                                                 \
        }                                                                                                    \
        all = bc_truth_and(all, r_);                                                                         \
    } while (0)
    for (d = 1; d <= DMAX; d++)
    {
        truth_t in;
        sphere_band_radius(rho, d, 4 * PREC);
        sphere_band_prob(b1, d, rho, PREC);
        sphere_band_prob_angle(b2, d, rho, PREC);
        BAND_CMP("the angle beta route", b1, b2);
        /* a probability, and for d >= 2 a positive one below 1 */
        arb_one(t);
        if (d == 1)
            in = arb_is_zero(b1) ? BC_TRUE : (arb_contains_zero(b1) ? BC_UNDECIDED : BC_FALSE);
        else
            in = (arb_is_positive(b1) && arb_lt(b1, t))
                     ? BC_TRUE
                     : ((arb_is_nonpositive(b1) || arb_ge(b1, t)) ? BC_FALSE : BC_UNDECIDED);
        nin += in == BC_TRUE;
        if (in == BC_FALSE && c->witness == NULL)
        {
            char *sx = bc_arb_str(b1, 15);
            check_set_witness(c, "d = %lu: band_d(rho_d) = %s is not %s", d, sx, d == 1 ? "0" : "in (0, 1)");
            flint_free(sx);
        }
        all = bc_truth_and(all, in);
        arb_asin(a, rho, 4 * PREC);
        if (d == 2 || d == 3 || d == 4)
        {
            /* d = 2: the arcs within a of +-pi/2, total 4a of 2 pi;
               d = 3: Archimedes, the zone |z| <= rho has area 2 pi * 2 rho of 4 pi;
               d = 4: 1 - 2 F_4(pi/2 - a), F_4(th) = (th - sin th cos th)/pi */
            if (d == 2)
            {
                arb_mul_2exp_si(e, a, 1);
                arb_div(e, e, pi, 4 * PREC);
            }
            else if (d == 3)
                arb_set(e, rho);
            else
            {
                arb_sqr(t, rho, 4 * PREC);
                arb_sub_ui(t, t, 1, 4 * PREC);
                arb_neg(t, t);
                arb_sqrt(t, t, 4 * PREC);
                arb_mul(t, t, rho, 4 * PREC);
                arb_add(e, a, t, 4 * PREC);
                arb_mul_2exp_si(e, e, 1);
                arb_div(e, e, pi, 4 * PREC);
            }
            arb_mul(e, e, K, 4 * PREC);
            BAND_CMP("the closed form", b1, e);
        }
        if (d == 5 || d == 8 || d == 16 || d == 33 || d == 64)
        {
            /* quadrature: band = 1 - 2 R(d) int_0^{pi/2 - a} sin^{d-2} */
            arb_t th, R;
            arb_init(th);
            arb_init(R);
            arb_mul_2exp_si(th, pi, -1);
            arb_sub(th, th, a, 4 * PREC);
            if (sphere_sinpow_integral_quad(e, th, d - 2, PREC) == 0)
            {
                sphere_omega_ratio(R, d, PREC);
                arb_mul(e, e, R, PREC);
                arb_mul_2exp_si(e, e, 1);
                arb_sub_ui(e, e, 1, PREC);
                arb_neg(e, e);
            }
            BAND_CMP("the quadrature", b1, e);
            arb_clear(th);
            arb_clear(R);
        }
        if (d == 1 || d == 2 || d == 3 || d == 8 || d == 16 || d == 64)
        {
            char *sb = bc_arb_str(b1, 12), *r = bc_arb_str(rho, 8), *n;
            n = bc_aprintf("%s%sd=%lu: rho_d %s, band %s", tab == NULL ? "" : tab, tab == NULL ? "" : "; ", d,
                           r, sb);
            if (tab != NULL)
                flint_free(tab);
            tab = n;
            flint_free(sb);
            flint_free(r);
        }
    }
#undef BAND_CMP
    check_field_add(c, "agreements",
                    "%ld of %ld comparisons overlap (a disjoint pair is a decided disagreement)",
                    (long) nagree, (long) ncmp);
    check_field_add(c, "in_range", "%ld of %d values in (0, 1) (d = 1: exactly 0)", (long) nin, DMAX);
    check_field_add(c, "table", "%s", tab);
    flint_free(tab);
    arb_clear(rho);
    arb_clear(b1);
    arb_clear(b2);
    arb_clear(e);
    arb_clear(a);
    arb_clear(pi);
    arb_clear(t);
    arb_clear(K);
    return all;
}

static void
run_band_probability(checklist_t L)
{
    check_t c;
    double t0 = bc_seconds();

    check_start(c, "lemma8.band_probability", LEMMA8, 1);
    c->status = check_status_from_truth(band_probability(c, 1, 1));
    c->statement = bc_aprintf(
        "(Reconstructed Lemma~8 quantity.) For a uniformly random direction on $S^{d-1}$ and a cluster "
        "with $\\delta/\\|c\\|=\\rho<1$, $\\Pr[w\\text{ noisy}]=\\mathrm{band}_d(\\rho)=1-2F_d(\\frac\\pi2-"
        "\\arcsin\\rho)=1-I_{1-\\rho^2}(\\frac{d-1}2,\\frac12)$, enclosed at the stated radius $\\rho_d$ "
        "for $d=1..%d$ by two incomplete-beta routes (cosine and angle form), which must agree (overlapping "
        "enclosures; disjoint ones refute the computation); "
        "closed forms $\\mathrm{band}_2=2\\arcsin(\\rho)/\\pi$, $\\mathrm{band}_3=\\rho$ (Archimedes: the "
        "zone between two parallel planes has area proportional to its height), "
        "$\\mathrm{band}_4=2(\\arcsin\\rho+\\rho\\sqrt{1-\\rho^2})/\\pi$; rigorous quadrature of "
        "$\\sin^{d-2}$ for $d\\in\\{5,8,16,33,64\\}$; $\\mathrm{band}_1=0$ and $\\mathrm{band}_d\\in(0,1)$ "
        "for $d\\ge2$, decided.",
        DMAX);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);

    /* control: the closed forms with a wrong constant must disagree */
    check_start(c, "lemma8.control.band_closed_form", LEMMA8, 1);
    c->status = check_status_from_truth(band_probability(c, 101, 100));
    c->statement = bc_aprintf("Negative control (tightened constant): the comparisons of "
                              "\\texttt{lemma8.band\\_probability} with the closed forms of $d=2,3,4$ "
                              "multiplied by $\\frac{101}{100}$ (e.g.\\ $\\mathrm{band}_3=1.01\\rho$); the "
                              "enclosures must be found disjoint.");
    checklist_push(L, c);
    check_clear(c);
}

/* ------------------------------------------------- Claim 3 on the band */

/* h(alpha) = 2 alpha R(d) - band_d(alpha) on [0, pi/2], with band_d(alpha)
   = 1 - 2 F_d(pi/2 - alpha) increasing in alpha: on [A, B],
   h in [2 A R - band(B), 2 B R - band(A)] */
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

static void
c3_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    ulong d = (ulong) par;
    arb_t R, lo, hi, t;
    (void) x, (void) ctx;
    arb_init(R);
    arb_init(lo);
    arb_init(hi);
    arb_init(t);
    sphere_omega_ratio(R, d, prec);
    arb_mul_2exp_si(R, R, 1);
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

/* h' = 2 R(d) (1 - cos^{d-2} alpha): cos decreases on [0, pi/2], so on
   [A, B] h' lies in [h'(A), h'(B)]; at A = 0 cos^{d-2} = 1 exactly */
static void
c3_hprime(arb_t res, const arb_t al, ulong d, slong prec)
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
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
    sphere_omega_ratio(R, d, prec);
    arb_mul(res, res, R, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_clear(R);
    arb_clear(unit);
}

static void
c3_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    arb_t lo;
    (void) x, (void) ctx;
    arb_init(lo);
    c3_hprime(lo, a, (ulong) par, prec);
    c3_hprime(res, b, (ulong) par, prec);
    range_hull(res, lo, res, prec);
    arb_clear(lo);
}

static void
run_claim3_band(checklist_t L, slong dmax)
{
    check_t c;
    range_problem_t P;
    range_result_t R;
    char *s;
    slong d, j, npos = 0, nbad = 0, ngrid = 0;
    arb_t al, v;

    check_start(c, "lemma8.claim3_band", LEMMA8, 1);
    range_problem_init(P);
    P->value = c3_value;
    P->deriv = c3_deriv;
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
    range_result_init(R);
    range_prove(R, P);
    c->status = check_status_from_truth(R->status);
    s = range_result_str(R, P);
    check_field_add(c, "prover", "%s", s);
    flint_free(s);

    /* pointwise, by enclosure alone: h(alpha_j) > 0 for d >= 3 */
    arb_init(al);
    arb_init(v);
    for (d = 3; d <= dmax; d++)
        for (j = 1; j <= 16; j++)
        {
            arb_set_si(al, 157 * j);
            arb_div_ui(al, al, 1600, PREC);
            c3_value(v, al, al, al, d, NULL, PREC);
            ngrid++;
            if (arb_is_positive(v))
                npos++;
            else if (arb_is_negative(v))
                nbad++;
        }
    check_field_add(c, "pointwise",
                    "%ld points alpha = 1.57 j/16, d = 3..%ld: %ld with h > 0, %ld with h < 0", (long) ngrid,
                    (long) dmax, (long) npos, (long) nbad);
    if (nbad > 0)
        c->status = ST_UNDECIDED;
    c->statement = bc_aprintf(
        "(Lemma~8's use of Claim~3, B.7.) For every $d\\in[2,%ld]$ and $\\alpha\\in[0,\\frac\\pi2]$: the "
        "band of half-width $\\alpha$ around the great sphere orthogonal to $c$ has probability "
        "$\\mathrm{band}_d(\\alpha)=1-2F_d(\\frac\\pi2-\\alpha)\\le2\\alpha\\,\\frac{\\omega_{d-2}}"
        "{\\omega_{d-1}}$.",
        (long) dmax);
    check_add_note(c, "Equivalent to Claim~3 ($\\int_0^{\\pi/2-\\alpha}\\sin^{d-2}\\ge\\frac{\\omega_{d-1}}"
                      "{2\\omega_{d-2}}-\\alpha$, proved as \\texttt{claim3.integral} of the module "
                      "\\texttt{claims}) multiplied by $2\\omega_{d-2}/\\omega_{d-1}$; here proved directly "
                      "on the probability: $h(0)=0$, $h'(\\alpha)=2\\frac{\\omega_{d-2}}{\\omega_{d-1}}"
                      "(1-\\cos^{d-2}\\alpha)\\ge0$. For $d=2$ it is an identity ($\\mathrm{band}_2="
                      "2\\alpha/\\pi$).");
    c->seconds = R->seconds;
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
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

/* Records the first decided failure of the chain as the witness. */
static void
chain_fail(check_t c, truth_t t, const char *fmt, ulong d)
{
    if (t == BC_FALSE && c->witness == NULL)
    {
        char *w = bc_aprintf(fmt, d);
        check_set_witness(c, "%s", w);
        flint_free(w);
    }
}

/* The reconstructed chain of Lemma 8 (B.7) for d = 2..DMAX with the
   per-cluster bound K/(4d), K = knum/kden (K = 1: the chain; K = 1/2: its
   negative control), every step three-valued:
     (i)   alpha_p = 2 arcsin(rho_d/2) = 2 s_d: arcsin(sin s) = s on
           [-pi/2, pi/2], so proved by deciding 0 <= s_d <= pi/2; the two
           enclosures must also agree (a check of the code);
     (ii)  R(d) < sqrt(d/(2 pi)), decided;
     (iii) band_d(alpha_p) <= 2 alpha_p R(d) (Claim 3), decided for d >= 3;
           d = 2 is an identity (band_2 = 2 alpha/pi), enclosure agreement;
     (iv)  2 alpha_p sqrt(d/(2 pi)) <= K/(4d), exact: squared, with (i)
           and the definition s_d^2 = 2 pi / (256 d^3), pi cancels and the
           left side is exactly 1/(16 d^2), an identity for K = 1;
     (v)   k K/(4d) <= 1/4 for 1 <= k <= d, exact;
     (vi)  1 - (1/2 - K/4)/2 = 7/8, exact.
   Adds the fields and the first failure as witness; returns the
   conjunction. */
static truth_t
chain_decide(check_t c, slong knum, slong kden)
{
    ulong d;
    slong n_id = 0, n_leo = 0, n_leo1 = 0, n_c3 = 0, n_eq = 0;
    truth_t all = BC_TRUE, t, v_ok = BC_TRUE, vi_ok;
    arb_t rho, ap, s, R, sq, sq1, u, bd, pb, hp;
    fmpq_t q, h;

    arb_init(rho);
    arb_init(ap);
    arb_init(s);
    arb_init(R);
    arb_init(sq);
    arb_init(sq1);
    arb_init(u);
    arb_init(bd);
    arb_init(pb);
    arb_init(hp);
    fmpq_init(q);
    fmpq_init(h);

    for (d = 2; d <= DMAX; d++)
    {
        sphere_band_radius(rho, d, PREC);
        /* (i) */
        arb_mul_2exp_si(ap, rho, -1);
        arb_asin(ap, ap, PREC);
        arb_mul_2exp_si(ap, ap, 1);
        sphere_band_radius_arg(s, d, PREC);
        arb_const_pi(hp, PREC);
        arb_mul_2exp_si(hp, hp, -1);
        t = (arb_is_nonnegative(s) && arb_le(s, hp))
                ? BC_TRUE
                : ((arb_is_negative(s) || arb_gt(s, hp)) ? BC_FALSE : BC_UNDECIDED);
        chain_fail(c, t, "(i) d = %lu: s_d is not in [0, pi/2]", d);
        all = bc_truth_and(all, t);
        arb_mul_2exp_si(s, s, 1); /* 2 s_d */
        t = encl_agree(ap, s);
        chain_fail(c, t, "(i) d = %lu: the enclosures of 2 arcsin(rho_d/2) and 2 s_d are disjoint", d);
        all = bc_truth_and(all, t);
        n_id += t == BC_TRUE;
        /* (ii) */
        sphere_omega_ratio(R, d, PREC);
        sqrt_k_2pi(sq, d, PREC);
        sqrt_k_2pi(sq1, d - 1, PREC);
        t = arb_lt(R, sq) ? BC_TRUE : (arb_ge(R, sq) ? BC_FALSE : BC_UNDECIDED);
        chain_fail(c, t, "(ii) d = %lu: omega_{d-2}/omega_{d-1} >= sqrt(d/(2 pi))", d);
        all = bc_truth_and(all, t);
        n_leo += t == BC_TRUE;
        n_leo1 += arb_le(R, sq1);
        /* (iii) */
        band_of_angle(bd, s, d, PREC);
        arb_mul(u, s, R, PREC);
        arb_mul_2exp_si(u, u, 1);
        if (d == 2)
            t = encl_agree(bd, u);
        else
            t = arb_lt(bd, u) ? BC_TRUE : (arb_ge(bd, u) ? BC_FALSE : BC_UNDECIDED);
        chain_fail(c, t, "(iii) d = %lu: band_d(alpha_p) > 2 alpha_p omega_{d-2}/omega_{d-1}", d);
        all = bc_truth_and(all, t);
        n_c3 += t == BC_TRUE;
        /* (iv) exact: (2 alpha_p sqrt(d/(2 pi)))^2 = 16 d s_d^2 / (2 pi) with
           s_d^2 / (2 pi) = 1/(256 d^3), against (K/(4d))^2 */
        {
            fmpz_t d3;
            fmpz_init_set_ui(d3, d);
            fmpz_pow_ui(d3, d3, 3);
            fmpz_mul_ui(d3, d3, 256);
            fmpq_one(q);
            fmpq_div_fmpz(q, q, d3); /* s_d^2 / (2 pi) = 1/(256 d^3) */
            fmpz_clear(d3);
        }
        fmpq_mul_ui(q, q, 16 * d);                    /* the left side squared: 1/(16 d^2) */
        fmpq_set_si(h, knum, (slong) (4 * d) * kden); /* K/(4d) */
        fmpq_mul(h, h, h);
        t = fmpq_cmp(q, h) <= 0 ? BC_TRUE : BC_FALSE;
        chain_fail(c, t, "(iv) d = %lu: 2 alpha_p sqrt(d/(2 pi)) = 1/(4d) exceeds the per-cluster bound", d);
        all = bc_truth_and(all, t);
        n_eq += fmpq_equal(q, h);
        /* and the enclosures of the two sides, a check of the code */
        arb_mul(u, s, sq, PREC);
        arb_mul_2exp_si(u, u, 1);
        sphere_band_bound(pb, d, PREC);
        t = encl_agree(u, pb);
        chain_fail(c, t, "(iv) d = %lu: the enclosures of 2 alpha_p sqrt(d/(2 pi)) and 1/(4d) are disjoint",
                   d);
        all = bc_truth_and(all, t);
    }
    /* (v) the union over k <= d clusters; (vi) the event of Theorem 4's
       proof: P >= (1/2 - K/4) * 1/2, so 1 - 1/8 = 7/8 needs K = 1 */
    for (d = 1; d <= DMAX; d++)
    {
        ulong k;
        for (k = 1; k <= d; k++)
        {
            fmpq_set_si(q, (slong) k * knum, (slong) (4 * d) * kden); /* k K/(4d) */
            fmpq_set_si(h, 1, 4);
            if (fmpq_cmp(q, h) > 0 && v_ok == BC_TRUE)
            {
                v_ok = BC_FALSE;
                chain_fail(c, BC_FALSE, "(v) d = %lu: k K/(4d) > 1/4 for k = d", d);
            }
        }
    }
    all = bc_truth_and(all, v_ok);
    fmpq_set_si(q, knum, 4 * kden); /* K/4 */
    fmpq_set_si(h, 1, 2);
    fmpq_sub(q, h, q);
    fmpq_div_2exp(q, q, 1);
    fmpq_sub_ui(q, q, 1);
    fmpq_neg(q, q);
    fmpq_set_si(h, 7, 8);
    vi_ok = fmpq_equal(q, h) ? BC_TRUE : BC_FALSE;
    if (vi_ok == BC_FALSE && c->witness == NULL)
    {
        char *a = fmpq_get_str(NULL, 10, q);
        check_set_witness(c, "(vi) 1 - (1/2 - K/4)/2 = %s, not 7/8", a);
        flint_free(a);
    }
    all = bc_truth_and(all, vi_ok);

    check_field_add(c, "i_angle_identity",
                    "s_d in [0, pi/2] decided (so arcsin(sin s_d) = s_d); enclosures agree for %ld of %d",
                    (long) n_id, DMAX - 1);
    check_field_add(c, "ii_omega_ratio_lt_sqrt(d/2pi)", "%ld of %d decided true", (long) n_leo, DMAX - 1);
    check_field_add(c, "ii_sharper_sqrt((d-1)/2pi)", "%ld of %d decided true", (long) n_leo1, DMAX - 1);
    check_field_add(c, "iii_claim3_at_paper_angle", "%ld of %d (d = 2 an identity: enclosure agreement)",
                    (long) n_c3, DMAX - 1);
    check_field_add(
        c, "iv_per_cluster_bound",
        "(2 alpha_p sqrt(d/(2 pi)))^2 = 1/(16 d^2) exactly (pi cancels); equal to (K/(4d))^2 for %ld "
        "of %d, K = %ld/%ld",
        (long) n_eq, DMAX - 1, (long) knum, (long) kden);
    check_field_add(c, "v_union", "%s",
                    v_ok == BC_TRUE ? "k K/(4d) <= 1/4 for 1 <= k <= d <= 64 (exact)" : "FAILS");
    {
        char *a = fmpq_get_str(NULL, 10, q);
        check_field_add(c, "vi_seven_eighths", "1 - (1/2 - K/4)/2 = %s (exact)%s", a,
                        vi_ok == BC_TRUE ? "" : ", not 7/8");
        flint_free(a);
    }
    arb_clear(rho);
    arb_clear(ap);
    arb_clear(s);
    arb_clear(R);
    arb_clear(sq);
    arb_clear(sq1);
    arb_clear(u);
    arb_clear(bd);
    arb_clear(pb);
    arb_clear(hp);
    fmpq_clear(q);
    fmpq_clear(h);
    return all;
}

static void
run_chain(checklist_t L)
{
    check_t c;
    ulong d;
    slong n_fix = 0, n_corr_fail = 0, n_corr_undec = 0;
    double t0 = bc_seconds();
    arb_t rho, ac, s, R, sq, t, u, pb;
    char *wit = NULL;

    check_start(c, "lemma8.bound.chain", LEMMA8, 1);
    c->status = check_status_from_truth(chain_decide(c, 1, 1));
    c->statement = bc_aprintf(
        "(Reconstructed Lemma~8 and its use, B.7.) With $\\rho_d=2\\sin s_d$, $s_d=\\sqrt{2\\pi}/"
        "(16d\\sqrt d)$, and the paper's half-width $\\alpha_p=2\\arcsin(\\rho_d/2)$: (i) $\\alpha_p=2s_d="
        "\\sqrt{2\\pi}/(8d\\sqrt d)$ (proved: $s_d\\in[0,\\pi/2]$ is decided); (ii) "
        "$\\omega_{d-2}/\\omega_{d-1}<\\sqrt{d/(2\\pi)}$; (iii) "
        "$\\mathrm{band}_d(\\alpha_p)\\le2\\alpha_p\\,\\omega_{d-2}/\\omega_{d-1}$ (Claim~3); (iv) "
        "$2\\alpha_p\\sqrt{d/(2\\pi)}=\\frac1{4d}$ (exact: squared, $\\pi$ cancels), so the per-cluster "
        "noisy "
        "probability is $\\le\\frac1{4d}$; (v) over $k\\le d$ clusters $\\le\\frac k{4d}\\le\\frac14$; (vi) "
        "a "
        "neuron is active on $c_j$, noisy for no cluster and has the right output sign with probability "
        "$\\ge(\\frac12-\\frac14)\\cdot\\frac12=\\frac18$, hence no neuron is good for cluster $j$ with "
        "probability $\\le(\\frac78)^n$ and the union over $k\\le d$ clusters gives $d(\\frac78)^n$. "
        "Checked for $d=2..%d$; each step decided, a decided violation fails.",
        DMAX);
    check_add_note(
        c,
        "Reconstruction: the seed keeps Claim~3, the bound $\\omega_{d-1}/\\omega_d\\le\\sqrt{d/(2\\pi)}$ "
        "and the radius; the only reading under which they produce the radius's constant is the chain "
        "above, which gives exactly $\\frac1{4d}$ per cluster (identity (iv)), i.e.\\ noisy mass "
        "$\\le\\frac14$ over $k\\le d$ clusters, and $\\frac78=1-(\\frac12-\\frac14)\\frac12$ (the "
        "noisy mass taken, in the worst case, entirely from the active half). A per-cluster $\\frac1{8d}$ "
        "would not give $\\frac78$ ($1-(\\frac12-\\frac18)\\frac12=\\frac{13}{16}$): "
        "\\texttt{lemma8.control.chain\\_eighth} runs this chain with it and must fail, and it is false "
        "at the stated radius (\\texttt{lemma8.control.bound\\_half}). Using the symmetry $w\\mapsto-w$ of "
        "the noisy set would even give $1-\\frac12(1-\\frac14)\\frac12=\\frac{13}{16}$. The ratio "
        "bound (ii) is Leopardi's lemma applied at $d-1$ (then $\\le\\sqrt{(d-1)/(2\\pi)}$), "
        "\\texttt{claim3.omega\\_ratio\\_bound} of \\texttt{claims} checks it at $d$. The identities (i) "
        "and (iv) are proved as stated; the agreement of their enclosures is only a check of the code.");
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);

    check_start(c, "lemma8.control.chain_eighth", LEMMA8, 1);
    c->status = check_status_from_truth(chain_decide(c, 1, 2));
    c->statement =
        bc_aprintf("Negative control (tightened constant): the chain of \\texttt{lemma8.bound.chain} "
                   "with the per-cluster bound $\\frac1{8d}$ in place of $\\frac1{4d}$; its step (iv) "
                   "and its $\\frac78$ must fail.");
    checklist_push(L, c);
    check_clear(c);

    /* the chain with the corrected angle arcsin(rho_d): the last step as
       written (with sqrt(d/(2 pi))) and repaired (with R(d)) */
    arb_init(rho);
    arb_init(ac);
    arb_init(s);
    arb_init(R);
    arb_init(sq);
    arb_init(t);
    arb_init(u);
    arb_init(pb);
    for (d = 2; d <= DMAX; d++)
    {
        sphere_band_radius(rho, d, PREC);
        sphere_omega_ratio(R, d, PREC);
        sqrt_k_2pi(sq, d, PREC);
        sphere_band_bound(pb, d, PREC);
        arb_asin(ac, rho, PREC);
        arb_mul(t, ac, sq, PREC);
        arb_mul_2exp_si(t, t, 1);
        arb_sub(u, t, pb, PREC);
        if (arb_is_positive(u))
        {
            n_corr_fail++;
            if (wit == NULL)
            {
                char *a = bc_arb_bound_str(u, -1, 6), *b = bc_arb_str(t, 15), *e = bc_arb_str(pb, 15);
                wit = bc_aprintf("d = %lu: 2 arcsin(rho_d) sqrt(d/(2 pi)) = %s > 1/(4d) = %s (difference "
                                 ">= %s)",
                                 d, b, e, a);
                flint_free(a);
                flint_free(b);
                flint_free(e);
            }
        }
        else if (!arb_is_nonpositive(u))
            n_corr_undec++;
        arb_mul(t, ac, R, PREC);
        arb_mul_2exp_si(t, t, 1);
        n_fix += arb_lt(t, pb);
    }
    check_start(c, "lemma8.bound.chain_corrected", LEMMA8, 1);
    c->status = n_corr_fail == DMAX - 1 ? ST_FAILS : (n_corr_undec > 0 ? ST_UNDECIDED : ST_HOLDS);
    c->statement = bc_aprintf(
        "\\textbf{Erratum (the chain with the corrected angle).} With the correct half-width "
        "$\\alpha_c=\\arcsin\\rho_d$ (\\texttt{lemma8.region.exact}) in place of $\\alpha_p$, the chain's "
        "last step as written, $2\\alpha_c\\sqrt{d/(2\\pi)}\\le\\frac1{4d}$, checked for $d=2..%d$.",
        DMAX);
    check_field_add(c, "fails_at", "%ld of %d dimensions (undecided: %ld)", (long) n_corr_fail, DMAX - 1,
                    (long) n_corr_undec);
    check_field_add(c, "repair_with_exact_ratio",
                    "2 arcsin(rho_d) omega_{d-2}/omega_{d-1} < 1/(4d): %ld of %d", (long) n_fix, DMAX - 1);
    if (wit != NULL)
    {
        check_set_witness(c, "%s", wit);
        flint_free(wit);
    }
    check_add_note(
        c, "Since $2s_d=\\alpha_p<\\alpha_c$ for every $\\rho_d>0$ (field \\texttt{angle\\_gap} of "
           "\\texttt{claim2.inclusion}) and (iv) is an identity, the step fails for every $d$, by the "
           "relative amount $\\alpha_c/\\alpha_p-1\\approx\\rho_d^2/8\\approx0.012/d^3$. \\emph{Consequence "
           "for Theorem~5:} none, once the step keeps the exact ratio: $2\\alpha_c\\,\\omega_{d-2}/"
           "\\omega_{d-1}<\\frac1{4d}$ for every $d=2..64$ (field), because $\\omega_{d-2}/\\omega_{d-1}\\le"
           "\\sqrt{(d-1)/(2\\pi)}$ leaves a relative margin $\\approx\\frac3{4d}\\gg\\rho_d^2/8$; and the "
           "exact noisy probability is below $\\frac1{4d}$ (\\texttt{lemma8.bound.d}, and "
           "\\texttt{audit.thm5.radius}). So the stated radius and the $\\frac78$ stand; the proof needs "
           "the corrected angle \\emph{and} the sharper ratio bound.");
    c->seconds = 0;
    checklist_push(L, c);
    check_clear(c);

    arb_clear(rho);
    arb_clear(ac);
    arb_clear(s);
    arb_clear(R);
    arb_clear(sq);
    arb_clear(t);
    arb_clear(u);
    arb_clear(pb);
}

/* ------------------------------------------------- bound per d */

/* Decides band[d-1] < K/(4d) for d = 1..DMAX (band: enclosures of the
   noisy probability at one angle), K = knum/kden: counts the d decided
   true, records the first d decided false (with both sides) in *wit when
   it is still NULL, and returns the conjunction. */
static truth_t
bound_d_decide(const arb_struct *band, slong knum, slong kden, const char *angle, slong *ntrue, char **wit)
{
    ulong d;
    truth_t all = BC_TRUE, t;
    arb_t pb;
    arb_init(pb);
    *ntrue = 0;
    for (d = 1; d <= DMAX; d++)
    {
        sphere_band_bound(pb, d, PREC);
        arb_mul_si(pb, pb, knum, PREC);
        arb_div_si(pb, pb, kden, PREC);
        t = arb_lt(band + d - 1, pb) ? BC_TRUE : (arb_ge(band + d - 1, pb) ? BC_FALSE : BC_UNDECIDED);
        *ntrue += t == BC_TRUE;
        if (t == BC_FALSE && *wit == NULL)
        {
            char *a = bc_arb_str(band + d - 1, 15), *e = bc_arb_str(pb, 15);
            *wit = bc_aprintf("d = %lu, %s angle: band_d(rho_d) = %s >= %ld/(%ld * 4d) = %s", d, angle, a,
                              knum, kden, e);
            flint_free(a);
            flint_free(e);
        }
        all = bc_truth_and(all, t);
    }
    arb_clear(pb);
    return all;
}

static void
run_bound_d(checklist_t L, figure_t F)
{
    check_t c, k;
    ulong d;
    slong nc, np, nhalf;
    double t0 = bc_seconds(), x[DMAX], yc[DMAX], yp[DMAX], yb[DMAX], worst = 0.0;
    ulong worst_d = 0;
    arb_ptr bc = _arb_vec_init(DMAX), bpv = _arb_vec_init(DMAX);
    arb_t rho, pb, t, r;
    truth_t tc, tp, th;
    char *tab = NULL, *wit = NULL;

    arb_init(rho);
    arb_init(pb);
    arb_init(t);
    arb_init(r);
    for (d = 1; d <= DMAX; d++)
    {
        sphere_band_radius(rho, d, 2 * PREC);
        sphere_band_prob(bc + d - 1, d, rho, PREC);
        paper_rho(t, d, 2 * PREC);
        sphere_band_prob(bpv + d - 1, d, t, PREC);
        sphere_band_bound(pb, d, PREC);
        /* tightness: band / (1/(4d)) */
        arb_div(r, bc + d - 1, pb, PREC);
        if (arf_get_d(arb_midref(r), ARF_RND_NEAR) > worst)
        {
            worst = arf_get_d(arb_midref(r), ARF_RND_NEAR);
            worst_d = d;
        }
        x[d - 1] = (double) d;
        yc[d - 1] = arf_get_d(arb_midref(bc + d - 1), ARF_RND_NEAR);
        yp[d - 1] = arf_get_d(arb_midref(bpv + d - 1), ARF_RND_NEAR);
        yb[d - 1] = 1.0 / (4.0 * (double) d);
        if (d == 2 || d == 3 || d == 8 || d == 16 || d == 64)
        {
            char *a = bc_arb_str(bc + d - 1, 8), *e = bc_arb_str(bpv + d - 1, 8), *q = bc_arb_str(r, 6), *n;
            n = bc_aprintf("%s%sd=%lu: band(correct) %s, band(paper) %s, ratio to 1/(4d) %s",
                           tab == NULL ? "" : tab, tab == NULL ? "" : "; ", d, a, e, q);
            if (tab != NULL)
                flint_free(tab);
            tab = n;
            flint_free(a);
            flint_free(e);
            flint_free(q);
        }
    }

    check_start(c, "lemma8.bound.d", LEMMA8, 1);
    tc = bound_d_decide(bc, 1, 1, "correct", &nc, &wit);
    tp = bound_d_decide(bpv, 1, 1, "paper", &np, &wit);
    c->status = check_status_from_truth(bc_truth_and(tc, tp));
    if (wit != NULL)
    {
        check_set_witness(c, "%s", wit);
        flint_free(wit);
        wit = NULL;
    }
    c->statement = bc_aprintf(
        "(Reconstructed Lemma~8.) At the stated maximal radius $\\rho_d=2\\sin(\\sqrt{2\\pi}/(16d\\sqrt d))$ "
        "the exact per-cluster noisy probability satisfies $\\mathrm{band}_d(\\rho_d)<\\frac1{4d}$ for "
        "$d=1..%d$, with the correct half-width $\\arcsin\\rho_d$; and also with the paper's "
        "$2\\arcsin(\\rho_d/2)$. Each $d$ decided; a decided $\\ge$ fails.",
        DMAX);
    check_field_add(c, "correct_angle", "%ld of %d decided true", (long) nc, DMAX);
    check_field_add(c, "paper_angle", "%ld of %d decided true", (long) np, DMAX);
    check_field_add(c, "max_ratio_to_bound", "%.6f at d = %lu (band / (1/(4d)), correct angle)", worst,
                    worst_d);
    check_field_add(c, "table", "%s", tab);
    check_add_note(c,
                   "The same inequality as \\texttt{audit.thm5.radius} ($d\\cdot\\mathrm{band}\\le\\frac14$, "
                   "$d=2..64$, from the incomplete beta function directly); here from the cosine form "
                   "of the cap fraction, including $d=1$ and the paper's angle. The ratio tends to 1 as "
                   "$d$ grows: the bound $\\frac1{4d}$ is asymptotically tight at the stated radius.");
    flint_free(tab);
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);

    /* the control: the same decision with the bound halved */
    check_start(k, "lemma8.control.bound_half", LEMMA8, 0);
    th = bound_d_decide(bc, 1, 2, "correct", &nhalf, &wit);
    k->status = check_status_from_truth(th);
    k->statement =
        bc_aprintf("Negative control (tightened constant): $\\mathrm{band}_d(\\rho_d)<\\frac1{8d}$ for "
                   "$d=1..%d$ (half the reconstructed per-cluster bound), through the decision of "
                   "\\texttt{lemma8.bound.d}.",
                   DMAX);
    check_field_add(k, "decided_true", "%ld of %d dimensions (d = 1: band 0)", (long) nhalf, DMAX);
    if (wit != NULL)
    {
        check_set_witness(k, "%s", wit);
        flint_free(wit);
    }
    check_add_note(k, "Expected to fail: the exact probability is close to $\\frac1{4d}$ (ratio in "
                      "\\texttt{lemma8.bound.d}), so a bound of $\\frac1{8d}$ per cluster (noisy mass "
                      "$\\frac18$) is not what the radius gives.");
    k->seconds = 0;
    checklist_push(L, k);
    check_clear(k);

    figure_add_series(F, "$\\mathrm{band}_d(\\rho_d)$, correct angle $\\arcsin\\rho_d$", x, yc, DMAX, 1);
    figure_add_series(F, "paper's angle $2\\arcsin(\\rho_d/2)$", x, yp, DMAX, 0);
    figure_add_series(F, "reconstructed bound $1/(4d)$", x, yb, DMAX, 0);

    _arb_vec_clear(bc, DMAX);
    _arb_vec_clear(bpv, DMAX);
    arb_clear(rho);
    arb_clear(pb);
    arb_clear(t);
    arb_clear(r);
}

/* ------------------------------------------------------------ run */

static int
lemma8_run(checklist_t L, const run_opts *opts)
{
    lemma8_sizes z;
    slong c3max;
    figure_t F;

    if (opts->samples < -1 || opts->threads < 1 || opts->size < SIZE_QUICK || opts->size > SIZE_FULL)
    {
        fprintf(stderr, "basincheck: lemma8: invalid options (samples %ld, threads %d)\n", opts->samples,
                opts->threads);
        return 2;
    }
    if (opts->size == SIZE_QUICK)
        z.agree = 20000, z.control = 4000, c3max = 16;
    else if (opts->size == SIZE_DEFAULT)
        z.agree = 200000, z.control = 20000, c3max = DMAX;
    else
        z.agree = 1000000, z.control = 50000, c3max = DMAX;
    if (opts->samples > 0)
        z.agree = (ulong) opts->samples;
    else if (opts->samples == -1)
        z.agree = mc_samples_for_slack(opts->slack, opts->tail);

    run_region_exact(L);
    run_inclusion(L);
    run_band_probability(L);
    run_claim3_band(L, c3max);
    run_chain(L);
    figure_init(F, "lemma8.noisy_vs_d", LEMMA8,
                "Lemma~8 (B.7): the exact probability that a uniformly random direction is noisy for one "
                "cluster of the stated maximal radius $\\rho_d=2\\sin(\\sqrt{2\\pi}/(16d\\sqrt d))$, with "
                "the correct band half-width $\\arcsin\\rho_d$ and the paper's $2\\arcsin(\\rho_d/2)$, "
                "against the reconstructed bound $1/(4d)$ (log-log).",
                "$d$", "noisy probability per cluster");
    F->logx = 1;
    F->logy = 1;
    run_bound_d(L, F);
    _lemma8_run_mc(L, &z, opts, check_start);
    checklist_push_figure(L, F);
    figure_clear(F);
    checklist_add_instance(L, LEMMA8,
                           "\\textbf{Ranges.} Exact and ball checks for $d=1..%d$ at the stated radius "
                           "$\\rho_d$; Claim~3 on the band proved for $d\\in[2,%ld]$%s at %d bits.",
                           DMAX, (long) c3max, opts->size == SIZE_QUICK ? " (quick size)" : "", PREC);
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
    lemma8_run,
    NULL,
};

/* lemma8.h -- the module "lemma8": Lemma 8 and Claim 2 of Theorem 5
   (B.7), the probability that a neuron's direction lands in the noisy
   region of a cluster.

   Cluster j has centre c and radius delta (rho = delta/|c| < 1).  A
   direction w != 0 is noisy for the cluster when sign(<w, x>) is not
   constant on the ball B(c, delta).  Because
       min_{|x - c| <= delta} <w, x> = <w, c> - delta |w|,
       max_{|x - c| <= delta} <w, x> = <w, c> + delta |w|
   (Cauchy-Schwarz, attained at x = c -+ delta w/|w|), the sign is
   constant on the ball iff |<w, c>| > delta |w| (strict), i.e. iff the
   angle between w and c lies outside the closed band
   [pi/2 - arcsin rho, pi/2 + arcsin rho].  A uniform direction on
   S^{d-1} is noisy with probability
       band_d(rho) = 1 - 2 F_d(pi/2 - arcsin rho) = 1 - I_{1-rho^2}((d-1)/2, 1/2).
   The band, the exact sign test and the stated radius are the core's
   sphere_band_* and sphere_ball_sign_constant_fmpq (sphere.h); the bound
   1/(4d) is Lemma 8's constant of paper.h.  The module (lemma8.c) uses
   the exact decisions and the Monte Carlo sample of lemma8_mc.c, which
   needs nothing of the module.

   Everything a sample decides is decided exactly: the doubles drawn are
   dyadic rationals, the centres integer vectors, the radii dyadic, so
   every inner product and square is an exact arf, and the signs of
   expressions with one square root are decided by comparing squares
   (lemma8_sign_sqrt_sum).  See lemma8.tex. */
#ifndef LEMMA8_H
#define LEMMA8_H

#include "bc.h"
#include "check.h"
#include "mc.h"
#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* The rules "sign constant on the ball" tested by the module: the
   correct one (|cos angle(w, c)| > rho), the paper's cap angle
   pi/2 - 2 arcsin(rho/2) (|cos| > rho sqrt(1 - rho^2/4); the erratum of
   audit.thm5.cap_angle), and two deliberately wrong band widths for the
   negative controls: half the correct half-width (|cos| >
   sin(arcsin(rho)/2)) and twice it (|cos| > sin(2 arcsin rho)). */
    typedef enum
    {
        LEMMA8_RULE_CORRECT = 0,
        LEMMA8_RULE_PAPER,
        LEMMA8_RULE_HALF,
        LEMMA8_RULE_WIDE
    } lemma8_rule;

    /* Sign (-1, 0, +1) of s1 sqrt(p1) + s2 sqrt(p2) for exact p1, p2 >= 0
   and s1, s2 in {-1, 0, 1}: decided by comparing p1 with p2 when the
   signs differ.  Exact. */
    int lemma8_sign_sqrt_sum(int s1, const arf_t p1, int s2, const arf_t p2);

    /* 1 if the rule declares sign(<w, x>) constant on B(c, delta), 0 if it
   declares w noisy, for exact w, c in Q^d (dyadic arf), w != 0, with
   r2 = rho^2 = delta^2/|c|^2 exact (rho <= 1/sqrt 2 for the wide rule).
   Exact. */
    int lemma8_rule_constant(lemma8_rule rule, arf_srcptr w, arf_srcptr c, slong d, const arf_t r2);

    /* Sign of <w, x> at the rational point x = c + r u of the sphere of
   radius r around c, where u is the exact rational unit vector given by
   the stereographic parameters t (d - 1 entries, dyadic) and the pole
   sign s = +-1: u = (2 t, s (1 - |t|^2)) / (1 + |t|^2).  Exact. */
    int lemma8_sign_at_sphere_point(arf_srcptr w, arf_srcptr c, slong d, const arf_t r, arf_srcptr t, int s);

    /* Stereographic parameters (t, s) of an exact rational unit vector
   close to the double unit vector u (d >= 2): t_i = u_i / (1 + |u_d|)
   rounded to doubles, s = sign of u_d.  The point is exact whatever the
   rounding; only its closeness to u depends on it. */
    void lemma8_stereo_params(arf_ptr t, int *s, const double *u, slong d);

    /* u = (2 t, s (1 - |t|^2)) / (1 + |t|^2) over Q. */
    void lemma8_stereo_point(fmpq *u, const fmpq *t, int s, slong d);

    /* The Monte Carlo instance of the module: d = LEMMA8_MC_D = 8,
   c = (3, 1, 1, 1, 1, 1, 1, 1), |c| = 4, rho = delta/|c| = 7/512 (so
   delta = 7/128 is dyadic and the sphere points are rational).
   lemma8_mc_rho sets rho to 7/512 exactly. */
#define LEMMA8_MC_D 8
    void lemma8_mc_rho(arb_t rho);

    /* The context of a sample: the rule under test and the law of the
   direction (uniform, or adversarial: within 10^-15..10^-3 radians of an
   edge of the true band or of the rule's band). */
    typedef struct
    {
        lemma8_rule rule;
        int adversarial;
        double chat[LEMMA8_MC_D]; /* c/|c| in doubles: where the adversary aims */
        arf_struct c[LEMMA8_MC_D];
        arf_t r2;        /* rho^2 */
        arf_t delta;     /* rho |c|, dyadic */
        double edges[2]; /* the band half-widths whose edges the adversary targets */
    } lemma8_mc_struct;

    typedef lemma8_mc_struct lemma8_mc_t[1];

    void lemma8_mc_init(lemma8_mc_t X, lemma8_rule rule, int adversarial);
    void lemma8_mc_clear(lemma8_mc_t X);

    /* The events of a sample (lemma8_mc_sample, an mc_sample_fn on a
   lemma8_mc_t): the rule agrees with what the sampled points of the ball
   show (a sign change or a zero: noisy; one sign: constant); the rule
   declares w noisy; the rule declares w sign-constant.  Exact. */
#define LEMMA8_EV_AGREE 0
#define LEMMA8_EV_NOISY 1
#define LEMMA8_EV_CONSTANT 2
    void lemma8_mc_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index);

    extern const module_struct module_lemma8;
    extern const char *const fragment_lemma8[];

#ifdef __cplusplus
}
#endif

#endif

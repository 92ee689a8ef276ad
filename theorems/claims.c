/* claims.c -- the module "claims": Claim 1 and Lemma 7 (Thm 3, B.5) and
   Claim 3 (Thm 5, B.7), the statements about caps of S^{d-1} that the two
   theorems rest on.  The tables of checks and mutants, and the module;
   the checks are produced by the files the table names (claims.h). */
#include "claims.h"

#define C1 "Claim 1 (Thm 3)"
#define C3 "Claim 3 (Thm 5)"
#define L7 "Lemma 7 (Thm 3)"
#define F1 "claims_claim1.c"
#define F3 "claims_claim3.c"
#define FR "claims_ratio.c"
#define F7 "claims_lemma7.c"

static const check_spec claims_specs[] = {
    /* id, kind, expected, control, summary, strength, file, claim, reconstructed, user */
    {"claim1.integral", CHECK_RANGE, ST_HOLDS, 0,
     "int_0^theta sin^{d-2} >= sin^{d-1}(theta)/(d-1) for all theta in [0, pi], d in [2, 200] (quick: 40)",
     STRENGTH_DECIDES, F1, C1, 0, 0},
    {"claim1.cap_bound", CHECK_RANGE, ST_HOLDS, 0,
     "cap fraction F_d(theta) >= sin^{d-1}(theta)/(pi (d-1)) for theta in [0, pi], d in [2, 200] (quick: 40)",
     STRENGTH_DECIDES, F1, C1, 0, 0},
    {"claims.control.integral_const", CHECK_RANGE, ST_FAILS, 1,
     "control: Claim 1's integral bound with 1/(d-1) raised to 1.1/(d-1); false near theta = 0",
     STRENGTH_DECIDES, F1, C1, 0, 0},
    {"claims.control.cap_double", CHECK_RANGE, ST_FAILS, 1,
     "control: Claim 1's cap bound multiplied by 2; false for d = 2, 3", STRENGTH_DECIDES, F1, C1, 0, 0},
    {"claims.control.touch", CHECK_RANGE, ST_HOLDS, 0,
     "Claim 1's cap bound at d = 2, (theta - sin theta)/pi >= 0 on [0, pi]: touches 0 at theta = 0, provable "
     "only by monotonicity (a positive control of the method, not a negative control)",
     STRENGTH_DECIDES, F1, C1, 0, 0},
    {"claim1.omega_ratio_monotone", CHECK_BALL, ST_HOLDS, 0,
     "omega_{d-2}/omega_{d-1} < omega_{d-1}/omega_d for d = 2..10^4 (so >= omega_0/omega_1 = 1/pi)",
     STRENGTH_DECIDES, FR, C1, 0, 0},
    {"claim1.omega_ratio_limit", CHECK_BALL, ST_HOLDS, 0,
     "(d-1)/sqrt(2 pi d) <= omega_{d-2}/omega_{d-1} <= sqrt((d-1)/(2 pi)), d = 2..10^4: ratio ~ sqrt(d/(2 "
     "pi))",
     STRENGTH_DECIDES, FR, C1, 0, 0},
    {"claim3.omega_ratio_bound", CHECK_BALL, ST_HOLDS, 0,
     "omega_{d-1}/omega_d <= sqrt(d/(2 pi)) for d = 2..10^4 (Leopardi 2007, Lemma 2.3.20)", STRENGTH_DECIDES,
     FR, C3, 0, 0},
    {"claims.control.ratio_monotone", CHECK_BALL, ST_FAILS, 1,
     "control: (1001/1000) omega_{d-2}/omega_{d-1} < omega_{d-1}/omega_d, d = 2..10^4: false for d >= 1001 "
     "since R(d+1)/R(d) < R(d+2)/R(d) = d/(d-1)",
     STRENGTH_DECIDES, FR, C1, 0, 0},
    {"claims.control.ratio_limit", CHECK_BALL, ST_FAILS, 1,
     "control: Wendel's bounds with 1001/1000 and 999/1000 factors, d = 2..10^4: false for d >= 501, the two "
     "bounds being within a factor sqrt(d/(d-1))",
     STRENGTH_DECIDES, FR, C1, 0, 0},
    {"claims.control.ratio_bound", CHECK_BALL, ST_FAILS, 1,
     "control: omega_{d-1}/omega_d <= (999/1000) sqrt(d/(2 pi)), d = 2..10^4: false for d >= 500 by Wendel's "
     "lower bound",
     STRENGTH_DECIDES, FR, C3, 0, 0},
    {"claim3.integral", CHECK_RANGE, ST_HOLDS, 0,
     "int_0^{pi/2-theta} sin^{d-2} >= omega_{d-1}/(2 omega_{d-2}) - theta, theta in [0, pi/2], d in [2, 200] "
     "(quick: 40)",
     STRENGTH_DECIDES, F3, C3, 0, 0},
    {"lemma7.cap_vs_peps", CHECK_BALL, ST_HOLDS, 0,
     "exact F_r(2 arcsin(delta/2))/2 >= p_eps on a grid of r and eps/(nB)^2 (reconstructed angle)",
     STRENGTH_DECIDES, F7, L7, 1, 0},
    {"lemma7.mc.reduced", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, uniform direction on S^{r-1} and sign: P[within angle, right sign] >= p_eps",
     STRENGTH_STATISTICAL, F7, L7, 1, 0},
    {"lemma7.mc.full", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, uniform direction in R^d projected on an r-dim subspace: P >= p_eps", STRENGTH_STATISTICAL,
     F7, L7, 1, 0},
    {"lemma7.mc.equal", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "the reduction: both sampled rates (S^3, and R^16 projected on U) = the exact F_4(theta)/2 (two "
     "equality tests, in the family)",
     STRENGTH_STATISTICAL, F7, L7, 1, 0},
};

#define CLAIMS_NSPECS ((slong) (sizeof(claims_specs) / sizeof(claims_specs[0])))

/* Each mutant is applied where the module reads the constant it changes
   (claims_claim1_constant, claim3_slope, ratio_claim_constant,
   l7_full_dim), so that every path sees it. */
static const mutant_spec claims_mutants[] = {
    {"claims.mutant.claim1_tripled",
     "Claim 1's constant tripled (bounds 3 sin^{d-1}/(d-1) and 3 sin^{d-1}/(pi (d-1)), p_eps times 3): "
     "false, "
     "the integral is sin^{d-1}/(d-1) (1 + O(theta^2)) near 0, the cap at d = 2 is theta/pi (1/2 < 3/pi at "
     "pi/2), and F_4(theta)/2 = 0.0361 < 3 p_eps = 0.0460 on the Monte Carlo instance",
     "claim1.integral claim1.cap_bound claims.control.touch lemma7.cap_vs_peps lemma7.mc.reduced "
     "lemma7.mc.full"},
    {"claims.mutant.claim1_halved",
     "Claim 1's constant halved (true, weaker): the controls' raised constants become 11/20 and 1, which "
     "hold",
     "claims.control.integral_const claims.control.cap_double"},
    {"claims.mutant.claim3_half_slope",
     "Claim 3's slope 1 (the - theta) lowered to 1/2: false, the left side is omega_{d-1}/(2 omega_{d-2}) - "
     "theta + O(theta^3) near 0 (exactly that for d = 2), so h = -theta/2 + O(theta^3)",
     "claim3.integral"},
    {"claims.mutant.ratio_step",
     "Claim 1's monotonicity claimed with a margin, (101/100) R(d) < R(d+1): false for d >= 101, since "
     "R(d+1)/R(d) < R(d+2)/R(d) = d/(d-1)",
     "claim1.omega_ratio_monotone"},
    {"claims.mutant.wendel_tight",
     "Wendel's bounds tightened, (101/100) (d-1)/sqrt(2 pi d) <= R(d) <= (99/100) sqrt((d-1)/(2 pi)): false "
     "for d >= 51, the two bounds being within a factor sqrt(d/(d-1))",
     "claim1.omega_ratio_limit"},
    {"claims.mutant.claim3_ratio_tight",
     "Claim 3's bound tightened, omega_{d-1}/omega_d <= (99/100) sqrt(d/(2 pi)): false for d >= 50 by "
     "Wendel's lower bound d/sqrt(2 pi (d+1))",
     "claim3.omega_ratio_bound"},
    {"claims.mutant.ratio_controls_true",
     "the four Gamma-ratio constants weakened by the controls' factor (1000/1001, 1000/999; true): the "
     "controls' tightened constants become 1, the true statements",
     "claims.control.ratio_monotone claims.control.ratio_limit claims.control.ratio_bound"},
    {"claims.mutant.lemma7_ambient",
     "Lemma 7's reduction dropped: the full sampler's direction put on the ambient sphere S^15 instead of "
     "the "
     "sphere of U, probability F_16(theta)/2 instead of F_4(theta)/2: false, the cap fraction strictly "
     "decreases in the dimension for theta < pi/2",
     "lemma7.mc.equal"},
};

static int
claims_exec(run_t R)
{
    claims_records_claim1(R);
    claims_records_ratios(R);
    claims_records_claim3(R);
    claims_records_lemma7(R);
    if (run_wants_prefix(R, "claim1.") || run_wants_prefix(R, "claim3."))
        run_add_instance(
            R,
            "\\textbf{Ranges.} The inequalities in $\\theta$ are proved for every "
            "$d\\in[2,%ld]$%s by the range prover at %d bits; the Gamma-ratio statements for "
            "every $d\\in[2,10000]$.",
            (long) claims_range_dmax(R),
            R->opts->size == SIZE_QUICK ? " (quick size: a sub-range; the default size takes 200)" : "",
            CLAIMS_PREC);
    return 0;
}

const module_struct module_claims = {
    "claims",
    "Cap claims",
    "Cap areas behind Theorems 3 and 5: Claims 1 and 3, the omega ratios, and Lemma 7",
    0,
    claims_specs,
    CLAIMS_NSPECS,
    fragment_claims,
    NULL,
    claims_exec,
    claims_mutants,
    (slong) (sizeof(claims_mutants) / sizeof(claims_mutants[0])),
    NULL,
    NULL,
};

/* audit.c -- the module "audit": every constant of Theorems 2-5 and
   Proposition 1 against the proof step that produces it.

   The static table lists every record with its expected status.  Two
   kinds of expected `fails' appear: negative controls (control = 1),
   each a constant the mathematics says is too tight (or a construction
   altered) run through the same decision as its claim, and documented
   errata (control = 0), where exact computation refutes a step of the
   paper's proof; the erratum records carry their witness, and the
   fragment says what the refutation means for the theorem and which
   corrected statement is checked instead (expected `holds').  The
   mutant table lists, for every check, a false variant of its claim
   that must turn its verdict.  See audit.tex. */
#include "audit.h"

#define C3 "Theorem 3 (constants)"
#define C24 "Theorems 2 and 4 (constants)"
#define C5 "Theorem 5 (constants)"
#define RT "audit_rec_thm3.c"
#define RU "audit_rec_union.c"
#define RC "audit_rec_caps.c"

static const check_spec audit_specs[] = {
    /* id, kind, expected, control, summary, strength, file, claim, reconstructed */
    {"audit.thm3.chernoff.c2", CHECK_AUDIT, ST_FAILS, 0,
     "ERRATUM: Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4) is false for c = 2 (exact witness)",
     STRENGTH_DECIDES, RT, C3, 1, 0},
    {"audit.thm3.chernoff.c2_5", CHECK_AUDIT, ST_FAILS, 0,
     "ERRATUM: Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4) is false for c = 2.5",
     STRENGTH_DECIDES, RT, C3, 1, 0},
    {"audit.thm3.chernoff.c3", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 3, audit grid; tightest constant",
     STRENGTH_DECIDES, RT, C3, 1, 0},
    {"audit.thm3.chernoff.c4", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 4, audit grid; tightest constant",
     STRENGTH_DECIDES, RT, C3, 1, 0},
    {"audit.thm3.chernoff.c8", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 8, audit grid; tightest constant",
     STRENGTH_DECIDES, RT, C3, 1, 0},
    {"audit.thm3.chernoff_corrected.c2", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)) (chernoff.h), c = 2, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_corrected.c2_5", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)) (chernoff.h), c = 2.5, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_corrected.c3", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)) (chernoff.h), c = 3, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_corrected.c4", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)) (chernoff.h), c = 4, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_corrected.c8", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)) (chernoff.h), c = 8, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_mult", CHECK_AUDIT, ST_HOLDS, 0,
     "multiplicative corrections exp(-(c-1)^2 n/(2c)) and exp(-cn/8) (chernoff.h), all five c, audit grid",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm3.chernoff_threshold", CHECK_AUDIT, ST_HOLDS, 0,
     "c* = 2.6150... in (2, 3): the stated exp(-cn/4) follows for every c >= c*, all n, p, and fails below",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.control.chernoff_wrong_tail", CHECK_AUDIT, ST_FAILS, 1,
     "control: the c = 4 Chernoff audit fed the tail of Bin(ceil(n/p), p) (width without c)",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.control.kappa_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: the stated rate doubled, exp(-cn/2) at c = 4, above the Poisson limit's (c-1-ln c)/c = 0.4034",
     STRENGTH_DECIDES, RT, C3, 0, 0},
    {"audit.thm24.three_quarters", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "Thms 2, 4 (B.4, B.6): per-neuron failure 3/4 = the sampled rates of the four laws (9 two-sided tests)",
     STRENGTH_STATISTICAL, RU, C24, 0, 0},
    {"audit.control.three_quarters", CHECK_AGREEMENT, ST_VIOLATED, 1,
     "control: per-neuron failure probability claimed = 3/4 - 1/64 against the same sampled rates",
     STRENGTH_STATISTICAL, RU, C24, 0, 0},
    {"audit.thm4.union_bound", CHECK_EXACT, ST_HOLDS, 0,
     "Thm 4: exact P[some point uncovered] <= m (3/4)^n for orthogonal data; tightest factor",
     STRENGTH_DECIDES, RU, "Theorem 4 (constants)", 0, 0},
    {"audit.control.union_tighter", CHECK_EXACT, ST_FAILS, 1,
     "control: Thm 4 union bound over one point fewer, 7 (3/4)^24 at m = 8 (false by Bonferroni)",
     STRENGTH_DECIDES, RU, "Theorem 4 (constants)", 0, 0},
    {"audit.thm2.union_bound", CHECK_EXACT, ST_HOLDS, 0,
     "Thm 2: exact P[some S_j^+- uncovered] <= 2d (3/4)^n for singleton data; tightest factor",
     STRENGTH_DECIDES, RU, "Theorem 2 (constants)", 0, 0},
    {"audit.prop1.half", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "Prop 1: P[P = 0] = 2^-n and 1/2 (1 - 2^-n) <= P[L(P) > L(0)] <= it + n|x|^2/(8y^2), sampled, n = 1..8",
     STRENGTH_STATISTICAL, RU, "Proposition 1 (constants)", 0, 0},
    {"audit.thm3.cap_constant", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 Claim 1: cap_d(theta) >= sin^{d-1}(theta)/(pi(d-1)) vs the exact cap, d = 2..64",
     STRENGTH_DECIDES, RC, C3, 0, 0},
    {"audit.control.cap_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: Claim 1 with its constant doubled, 2/pi: false at d = 2 (cap = theta/pi)", STRENGTH_DECIDES,
     RC, C3, 0, 0},
    {"audit.thm5.cap_angle", CHECK_EXACT, ST_FAILS, 0,
     "ERRATUM (reconstructed Claim 2, B.7): cap S(c, pi/2 - 2 arcsin(delta/2|c|)) not sign-constant",
     STRENGTH_DECIDES, RC, C5, 1, 0},
    {"audit.thm5.radius", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 5 radius 2 sin(sqrt(2 pi)/(16 d sqrt d)): noisy mass band_d <= 1/(4d), exact band, d = 2..64",
     STRENGTH_DECIDES, RC, C5, 1, 0},
    {"audit.thm5.seven_eighths", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 5 (B.7): per-neuron failure 3/4 + (d/2) band_d <= 7/8 at the stated radius, d = 2..64; tightest",
     STRENGTH_DECIDES, RC, C5, 1, 0},
    {"audit.control.seven_eighths_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: Thm 5's per-neuron failure claimed <= 7/8 - 1/64 (f_d tends to 7/8 as d grows)",
     STRENGTH_DECIDES, RC, C5, 1, 0},
};

#define AUDIT_NSPECS ((slong) (sizeof(audit_specs) / sizeof(audit_specs[0])))

static const mutant_spec audit_mutants[] = {
    {"audit.mutant.thm3_rate_one",
     "Theorem 3's rate 1/4 raised to 1 (the bound exp(-c n)): false, the Poisson limit's rate (c - 1 - ln "
     "c)/c "
     "is below 1 for every c",
     "audit.thm3.chernoff.c3 audit.thm3.chernoff.c4 audit.thm3.chernoff.c8 audit.thm3.chernoff_threshold"},
    {"audit.mutant.thm3_rate_eighth",
     "Theorem 3's rate 1/4 lowered to 1/8, the multiplicative Chernoff bound's (true for c >= 2): the errata "
     "for c = 2, 2.5 then hold, the control's doubled rate 1/4 holds at c = 4, and c* falls below 2",
     "audit.thm3.chernoff.c2 audit.thm3.chernoff.c2_5 audit.control.kappa_tighter "
     "audit.thm3.chernoff_threshold"},
    {"audit.mutant.chernoff_doubled",
     "the exponents of the corrected bounds (chernoff.h's Poisson and multiplicative forms) doubled, mean "
     "and "
     "threshold scaled by 2: false, the binomial's lower tail attains the rate c - 1 - ln c as p -> 0",
     "audit.thm3.chernoff_corrected.c2 audit.thm3.chernoff_corrected.c2_5 audit.thm3.chernoff_corrected.c3 "
     "audit.thm3.chernoff_corrected.c4 audit.thm3.chernoff_corrected.c8 audit.thm3.chernoff_mult"},
    {"audit.mutant.control_width_restored",
     "the control's width ceil(n/p) given back its factor c = 4: the control then audits the true step at c "
     "= 4",
     "audit.control.chernoff_wrong_tail"},
    {"audit.mutant.side_fail_two_thirds",
     "the per-neuron failure probability 3/4 of Theorems 2 and 4 lowered to 2/3: false, it is exactly 3/4 by "
     "the symmetry of Assumption 1",
     "audit.thm24.three_quarters audit.thm4.union_bound audit.thm2.union_bound"},
    {"audit.mutant.side_fail_49_64",
     "3/4 raised to 49/64: false (exactly 3/4); the control's 3/4 - 1/64 becomes the true 3/4, and the union "
     "bound over one point fewer, 7 (49/64)^24, exceeds the exact probability",
     "audit.thm24.three_quarters audit.control.three_quarters audit.control.union_tighter"},
    {"audit.mutant.prop1_level",
     "Proposition 1's level 1/2 (1 - 2^-n) read as 1/2 (1 - 2^-(n+1)), i.e. P[P = 0] = 2^-(n+1): false, each "
     "of the n neurons is inactive with probability exactly 1/2, independently",
     "audit.prop1.half"},
    {"audit.mutant.claim1_doubled",
     "Claim 1's constant 1/pi doubled: false at d = 2, where the cap is theta/pi < 2 sin(theta)/pi",
     "audit.thm3.cap_constant"},
    {"audit.mutant.claim1_halved",
     "Claim 1's constant halved to 1/(2 pi) (true, weaker): the control's doubled constant is then the "
     "paper's "
     "1/pi, which holds",
     "audit.control.cap_tighter"},
    {"audit.mutant.cap_angle_corrected",
     "Claim 2's cap angle 2 arcsin(delta/(2|c|)) replaced by the corrected arcsin(delta/|c|): the claim is "
     "then "
     "proved on the instance",
     "audit.thm5.cap_angle"},
    {"audit.mutant.noisy_eighth",
     "Lemma 8's noisy budget 1/(4d) halved to 1/(8d): false at the stated radius, which is tuned to 1/(4d) "
     "(d band_d -> 1/4)",
     "audit.thm5.radius"},
    {"audit.mutant.thm5_13_16",
     "Theorem 5's 7/8 lowered to 13/16: false, f_d = 3/4 + (d/2) band_d exceeds 13/16 from d = 2 on and "
     "tends "
     "to 7/8",
     "audit.thm5.seven_eighths"},
    {"audit.mutant.thm5_15_16",
     "Theorem 5's 7/8 raised to 15/16 (true, weaker): the control's 15/16 - 1/64 then holds",
     "audit.control.seven_eighths_tighter"},
};

char *
audit_encl(const arb_t x, slong digits)
{
    char *lo = bc_arb_bound_str(x, -1, digits);
    char *hi = bc_arb_bound_str(x, 1, digits);
    char *s = bc_aprintf("[%s, %s]", lo, hi);
    flint_free(lo);
    flint_free(hi);
    return s;
}

void
audit_list_append(char **list, char *row)
{
    char *s = bc_aprintf("%s%s%s", *list == NULL ? "" : *list, *list == NULL ? "" : "; ", row);
    if (*list != NULL)
        flint_free(*list);
    flint_free(row);
    *list = s;
}

static int
audit_exec(run_t R)
{
    audit_records_thm3(R);
    audit_records_union(R);
    audit_records_prop1(R);
    audit_records_caps(R);
    return 0;
}

const module_struct module_audit = {
    "audit",
    "Constants (audit)",
    "Audit of the constants of Theorems 2-5 and Proposition 1 against their proof steps",
    0,
    audit_specs,
    AUDIT_NSPECS,
    fragment_audit,
    NULL,
    audit_exec,
    audit_mutants,
    (slong) (sizeof(audit_mutants) / sizeof(audit_mutants[0])),
    "audit",
    audit_bench,
};

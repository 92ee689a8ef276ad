/* audit.c -- the module "audit": every constant of Theorems 2-5 and
   Proposition 1 against the proof step that produces it.

   The static table lists every record with its expected status.  Two
   kinds of expected `fails' appear: negative controls (control = 1),
   which check that each audit can fail, and documented errata
   (control = 0), where exact computation refutes a step of the paper's
   proof; the erratum records carry their witness and their note says
   what the refutation means for the theorem and which corrected
   statement is checked instead (expected `holds').  See audit.tex. */
#include <stdarg.h>
#include <string.h>

#include "audit.h"

static const check_spec audit_specs[] = {
    {"audit.thm3.chernoff.c2", CHECK_AUDIT, ST_FAILS, 0,
     "ERRATUM: Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4) is false for c = 2 (exact witness)"},
    {"audit.thm3.chernoff.c2_5", CHECK_AUDIT, ST_FAILS, 0,
     "ERRATUM: Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4) is false for c = 2.5"},
    {"audit.thm3.chernoff.c3", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 3, audit grid; tightest constant"},
    {"audit.thm3.chernoff.c4", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 4, audit grid; tightest constant"},
    {"audit.thm3.chernoff.c8", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 (B.5) Chernoff step P[Bin(N,p) < n] <= exp(-cn/4), c = 8, audit grid; tightest constant"},
    {"audit.thm3.chernoff_corrected.c2", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)), c = 2, audit grid"},
    {"audit.thm3.chernoff_corrected.c2_5", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)), c = 2.5, audit grid"},
    {"audit.thm3.chernoff_corrected.c3", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)), c = 3, audit grid"},
    {"audit.thm3.chernoff_corrected.c4", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)), c = 4, audit grid"},
    {"audit.thm3.chernoff_corrected.c8", CHECK_AUDIT, ST_HOLDS, 0,
     "corrected Thm 3 step P[Bin(N,p) < n] <= exp(-n(c - 1 - ln c)), c = 8, audit grid"},
    {"audit.thm3.chernoff_mult", CHECK_AUDIT, ST_HOLDS, 0,
     "multiplicative corrections exp(-(c-1)^2 n/(2c)) and exp(-cn/8), all five c, audit grid"},
    {"audit.thm3.chernoff_threshold", CHECK_AUDIT, ST_HOLDS, 0,
     "c - 1 - ln c >= c/4 iff c >= c* = 2.6150...: the stated bound follows for c >= c*, all n, p"},
    {"audit.thm24.three_quarters", CHECK_AUDIT, ST_CONSISTENT, 0,
     "Thms 2, 4 (B.4, B.6): per-neuron failure 3/4 vs the sampled rates of the four laws; (3/4)^n exact"},
    {"audit.thm4.union_bound", CHECK_EXACT, ST_HOLDS, 0,
     "Thm 4: exact P[some point uncovered] <= m (3/4)^n for orthogonal data; tightest factor"},
    {"audit.thm2.union_bound", CHECK_EXACT, ST_HOLDS, 0,
     "Thm 2: exact P[some S_j^+- uncovered] <= 2d (3/4)^n for singleton data; tightest factor"},
    {"audit.prop1.half", CHECK_EXACT, ST_HOLDS, 0,
     "Prop 1: 1/2 and 2^-n tight on the one-point instance (exact bracket of the probability)"},
    {"audit.thm3.cap_constant", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 3 Claim 1: cap_d(theta) >= sin^{d-1}(theta)/(pi(d-1)) vs the exact cap, d = 2..64"},
    {"audit.thm5.cap_angle", CHECK_EXACT, ST_FAILS, 0,
     "ERRATUM (reconstructed Claim 2, B.7): cap S(c, pi/2 - 2 arcsin(delta/2|c|)) not sign-constant"},
    {"audit.thm5.radius", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 5 radius 2 sin(sqrt(2 pi)/(16 d sqrt d)): noisy mass d * band <= 1/4, exact band, d = 2..64"},
    {"audit.thm5.seven_eighths", CHECK_AUDIT, ST_HOLDS, 0,
     "Thm 5 (B.7): per-neuron failure 3/4 + (d/2) band_d <= 7/8 at the stated radius, d = 2..64; tightest"},
    {"audit.control.chernoff_wrong_tail", CHECK_AUDIT, ST_FAILS, 1,
     "control: the c = 4 Chernoff audit fed the tail of Bin(ceil(n/p), p) (width without c)"},
    {"audit.control.kappa_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: exp(-1.1 kappa_4 c n) with kappa_4 the tightest grid constant for c = 4"},
    {"audit.control.three_quarters", CHECK_AUDIT, ST_VIOLATED, 1,
     "control: per-neuron failure probability claimed = 3/4 - 1/64 against the same sampled rates"},
    {"audit.control.union_tighter", CHECK_EXACT, ST_FAILS, 1,
     "control: Thm 4 union bound with the tightest factor lowered by 10%"},
    {"audit.control.seven_eighths_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: Thm 5's per-neuron failure claimed <= 3/4 (the noisy regions ignored)"},
    {"audit.control.cap_tighter", CHECK_AUDIT, ST_FAILS, 1,
     "control: Claim 1 with the tightest grid cap constant raised by 10%"},
};

#define AUDIT_NSPECS ((slong) (sizeof(audit_specs) / sizeof(audit_specs[0])))

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
audit_check_start(check_t c, const char *id, const char *claim)
{
    module_check_start(c, audit_specs, AUDIT_NSPECS, id, claim);
}

static int
audit_run(checklist_t out, const run_opts *opts)
{
    audit_records_thm3(out, opts);
    audit_records_union(out, opts);
    audit_records_prop1(out, opts);
    audit_records_caps(out, opts);
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
    audit_run,
    NULL,
};

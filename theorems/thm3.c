/* thm3.c -- Theorem 3 (low intrinsic dimension, Sec. 4.2, proof B.5):
   the spec and mutant tables, the claim's constants (one definition
   each, where the mutants apply), the instances with their widths, and
   the module's entry point.  The records are made in thm3_exact.c,
   thm3_mc.c and thm3_regime.c; the statements are in thm3.tex. */
#include <math.h>
#include <string.h>

#include "escape.h"
#include "paper.h"
#include "thm3.h"

#define PREC 128

/* The statuses of the Monte Carlo and agreement checks are judged by the
   driver in the run's family; the table says what each verdict is
   evidence of. */
static const check_spec thm3_specs[] = {
    {"thm3.hyp", CHECK_EXACT, ST_HOLDS, 0,
     "instances satisfy the hypotheses, decided exactly (sanity: the built-in instances are built to, and a "
     "user's instance that breaks one is refused before the run)",
     STRENGTH_SANITY, "thm3_exact.c", NULL, 0, 1},
    {"thm3.peps", CHECK_BALL, ST_HOLDS, 0,
     "p_eps <= the exact cap probability F_r(theta)/2 (Claim 1 through Lemma 7); N = c ceil(n/p_eps) decided",
     STRENGTH_DECIDES, "thm3_exact.c", NULL, 1, 1},
    {"thm3.control.peps8", CHECK_BALL, ST_FAILS, 1,
     "control: 8 p_eps <= F_r(theta)/2 at the module's instances (tightened constant through thm3.peps)",
     STRENGTH_DECIDES, "thm3_exact.c", NULL, 1, 0},
    {"thm3.main.witness.c2", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "main instance, c = 2: P[the proof's witness exists and has objective <= eps] >= 1 - exp(-c n/4)",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 1},
    {"thm3.main.witness.c3", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "main instance, c = 3: P[witness, objective <= eps] >= 1 - exp(-c n/4)", STRENGTH_STATISTICAL,
     "thm3_mc.c", NULL, 1, 1},
    {"thm3.main.witness.c4", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "main instance, c = 4: P[witness, objective <= eps] >= 1 - exp(-c n/4)", STRENGTH_STATISTICAL,
     "thm3_mc.c", NULL, 1, 1},
    {"thm3.engine.basin.c2", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "engine instance, c = 2: P[certified Bas(W, v) <= eps] >= 1 - exp(-c n/4) (the statement)",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 0},
    {"thm3.engine.basin.c3", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "engine instance, c = 3: P[Bas(W, v) <= eps] >= 1 - exp(-c n/4)", STRENGTH_STATISTICAL, "thm3_mc.c",
     NULL, 1, 0},
    {"thm3.engine.basin.c4", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "engine instance, c = 4: P[Bas(W, v) <= eps] >= 1 - exp(-c n/4)", STRENGTH_STATISTICAL, "thm3_mc.c",
     NULL, 1, 0},
    {"thm3.witness.closure", CHECK_EXACT, ST_HOLDS, 0,
     "every sample with n well-initialised neurons: rescaled witness in the closed basin, objective <= eps; "
     "engine lower bound <= witness objective",
     STRENGTH_DECIDES, "thm3_mc.c", NULL, 1, 1},
    {"thm3.law", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "rate of n well-initialised neurons = the exact P[Bin(N, F_r(theta)/2) >= n], per instance and c",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 1},
    {"thm3.tail", CHECK_BALL, ST_HOLDS, 0,
     "the Chernoff step at the instances: P[Bin(N, p_eps) < n] <= exp(-c n/4), c = 2, 3, 4", STRENGTH_DECIDES,
     "thm3_exact.c", NULL, 0, 1},
    {"thm3.witness_law", CHECK_BALL, ST_HOLDS, 0,
     "the exact witness law at the instances: P[Bin(N, F_r(theta)/2) >= n] >= 1 - exp(-c n/4), c = 2, 3, 4",
     STRENGTH_DECIDES, "thm3_exact.c", NULL, 1, 1},
    {"thm3.erratum.c2", CHECK_AUDIT, ST_FAILS, 0,
     "erratum: Theorem-3-shaped instances (r = 2, 3; eps/(nB)^2 in {1/2, 1/4, 1/16}; n <= 40) where "
     "P[Bin(N, p_eps) < n] > exp(-n/2) for c = 2",
     STRENGTH_DECIDES, "thm3_exact.c", NULL, 1, 0},
    {"thm3.lemma7", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "Lemma 7 on the samples: the rate of well-initialised neurons (angle on span(X)) = F_r(theta)/2",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 1},
    {"thm3.control.lemma7_full", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: the angle measured in R^d instead of on span(X): P >= F_r(theta)/2 is violated",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 0},
    {"thm3.control.xnorm", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "control: a data point with ||x|| > 1 is detected (hypothesis violated)", STRENGTH_DECIDES,
     "thm3_exact.c", NULL, 0, 0},
    {"thm3.control.teacher", CHECK_EXACT, ST_INAPPLICABLE, 1,
     "control: a teacher neuron with |v| ||w|| > B is detected (hypothesis violated)", STRENGTH_DECIDES,
     "thm3_exact.c", NULL, 0, 0},
    {"thm3.control.width8", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: tightened constant, width c ceil(n/(8 p_eps)): P[witness] >= 1 - exp(-c n/4) violated",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 0},
    {"thm3.control.biased", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: biased (skewed, not spherically symmetric) initialisation: P[witness] >= 1 - exp(-c n/4) "
     "violated",
     STRENGTH_STATISTICAL, "thm3_mc.c", NULL, 1, 0},
    {"thm3.regime.n15.law", CHECK_BALL, ST_FAILS, 0,
     "erratum of the proof: r = 2, eps/(nB)^2 = 1/16, c = 2, n = 15: the exact witness law "
     "P[Bin(N, F_r/2) >= n] < 1 - exp(-n/2)",
     STRENGTH_DECIDES, "thm3_regime.c", NULL, 1, 0},
    {"thm3.regime.n15.cover", CHECK_BALL, ST_HOLDS, 0,
     "the conclusion at the regime's instance, n = 15: P[Bas = 0] >= 1 - sum (1 - mu_j/2)^N >= 1 - exp(-n/2)",
     STRENGTH_DECIDES, "thm3_regime.c", NULL, 0, 0},
    {"thm3.regime.n15.basin", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the statement at the regime's instance, n = 15: P[certified Bas(W, v) <= eps] >= 1 - exp(-n/2)",
     STRENGTH_STATISTICAL, "thm3_regime.c", NULL, 0, 0},
    {"thm3.regime.n24.law", CHECK_BALL, ST_FAILS, 0,
     "erratum of the proof: r = 2, eps/(nB)^2 = 1/16, c = 2, n = 24: P[Bin(N, F_r/2) >= n] < 1 - exp(-n/2)",
     STRENGTH_DECIDES, "thm3_regime.c", NULL, 1, 0},
    {"thm3.regime.n24.cover", CHECK_BALL, ST_HOLDS, 0,
     "the conclusion at the regime's instance, n = 24, decided by the cover bound", STRENGTH_DECIDES,
     "thm3_regime.c", NULL, 0, 0},
    {"thm3.regime.n24.basin", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the statement at the regime's instance, n = 24: P[certified Bas <= eps] >= 1 - exp(-n/2)",
     STRENGTH_STATISTICAL, "thm3_regime.c", NULL, 0, 0},
    {"thm3.regime.n40.law", CHECK_BALL, ST_FAILS, 0,
     "erratum of the proof: r = 2, eps/(nB)^2 = 1/16, c = 2, n = 40: P[Bin(N, F_r/2) >= n] < 1 - exp(-n/2)",
     STRENGTH_DECIDES, "thm3_regime.c", NULL, 1, 0},
    {"thm3.regime.n40.cover", CHECK_BALL, ST_HOLDS, 0,
     "the conclusion at the regime's instance, n = 40, decided by the cover bound", STRENGTH_DECIDES,
     "thm3_regime.c", NULL, 0, 0},
    {"thm3.regime.n40.basin", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the statement at the regime's instance, n = 40: P[certified Bas <= eps] >= 1 - exp(-n/2)",
     STRENGTH_STATISTICAL, "thm3_regime.c", NULL, 0, 0},
};

#define THM3_NSPECS ((slong) (sizeof(thm3_specs) / sizeof(thm3_specs[0])))

/* The false variants of the claim, each applied where the module defines
   what it changes: thm3_claim_init (the constants and rules), the
   sampler of the controls (thm3_mc.c) and the instances of the
   hypothesis controls (thm3_exact.c). */
static const mutant_spec thm3_mutants[] = {
    {"thm3.mutant.rate_one",
     "the rate 1/4 of 1 - exp(-c n/4) raised to 1: the exact binomial tails at the instances are above "
     "exp(-c n) (0.087 > exp(-4) at the main instance, c = 2), the engine instance's witness law 0.929 is "
     "below 1 - exp(-4), and the regime's cover bound is above exp(-2n)",
     "thm3.tail thm3.witness_law thm3.regime.n15.cover thm3.regime.n24.cover thm3.regime.n40.cover"},
    {"thm3.mutant.rate_kl",
     "the rate 1/4 replaced by the relative-entropy rate (c - 1 - ln c)/c, a true bound of the Chernoff step "
     "since N p_eps >= c n (Hoeffding): restores the claim the errata refute",
     "thm3.erratum.c2 thm3.regime.n15.law thm3.regime.n24.law thm3.regime.n40.law"},
    {"thm3.mutant.peps_x8",
     "p_eps read 8 times too large (the constant 1/(2 pi (r-1)) of Claim 1 replaced by 4/(pi (r-1))): "
     "8 p_eps > F_r(theta)/2 at the module's instances (for small angles F_r/2 is about pi R(r) p_eps < 8 "
     "p_eps), and the widths shrink eightfold, where the exact witness law is below the bound (0.22 < "
     "1 - exp(-1) at the main instance, c = 2)",
     "thm3.peps thm3.witness_law thm3.main.witness.c2 thm3.main.witness.c3 thm3.main.witness.c4"},
    {"thm3.mutant.no_sign",
     "well-initialised without the output sign sign(v_i) = sign(v_j*): a matched neuron then has the wrong "
     "sign with probability 1/2 and its rescaled witness v'_i = sign(v_j*) leaves the closed basin, and "
     "the per-neuron rate doubles to F_r(theta)",
     "thm3.witness.closure thm3.law thm3.lemma7"},
    {"thm3.mutant.negative_v",
     "Assumption 1 broken: every output weight drawn as -|v_i|; the targets are >= 0, so every network of "
     "the basin predicts <= 0 and Bas >= L_S(0) > eps on every sample, and no neuron is well-initialised",
     "thm3.main.witness.c2 thm3.main.witness.c3 thm3.main.witness.c4 thm3.engine.basin.c2 "
     "thm3.engine.basin.c3 thm3.engine.basin.c4 thm3.regime.n15.basin thm3.regime.n24.basin "
     "thm3.regime.n40.basin"},
    {"thm3.mutant.tighten_one",
     "the controls' tightening factor 8 of p_eps restored to 1: p_eps <= F_r(theta)/2 holds and the "
     "theorem's own width meets the bound (restores the true claims of the controls)",
     "thm3.control.peps8 thm3.control.width8"},
    {"thm3.mutant.full_on_u",
     "the control's cap measured on span(X), as Lemma 7 says, instead of in R^d (restores the true claim)",
     "thm3.control.lemma7_full"},
    {"thm3.mutant.biased_symmetric",
     "the biased control drawn from the Gaussian law of Assumption 1 (restores the true claim: the exact "
     "witness law at that width is 0.929 > 1 - exp(-1))",
     "thm3.control.biased"},
    {"thm3.mutant.xnorm_kept", "the control's first point kept at its norm <= 1 (restores the hypothesis)",
     "thm3.control.xnorm"},
    {"thm3.mutant.teacher_kept",
     "the control's B kept at the teacher's norm product (restores the hypothesis)", "thm3.control.teacher"},
};

#define THM3_NMUTANTS ((slong) (sizeof(thm3_mutants) / sizeof(thm3_mutants[0])))

const ulong thm3_c2s[THM3_NC] = {4, 6, 8};
const char *const thm3_cstr[THM3_NC] = {"2", "3", "4"};

/* ------------------------------------------------ the claim's constants */

void
thm3_claim_init(thm3_claim_struct *K, const run_t R)
{
    fmpq_init(K->rate);
    paper_thm3_rate(K->rate);
    if (run_mutant(R, "thm3.mutant.rate_one"))
        fmpq_one(K->rate);
    K->rate_kl = run_mutant(R, "thm3.mutant.rate_kl");
    K->peps_mult = run_mutant(R, "thm3.mutant.peps_x8") ? 8 : 1;
    K->tighten = run_mutant(R, "thm3.mutant.tighten_one") ? 1 : 8;
    K->sign_rule = !run_mutant(R, "thm3.mutant.no_sign");
    K->v_negative = run_mutant(R, "thm3.mutant.negative_v");
}

void
thm3_claim_clear(thm3_claim_struct *K)
{
    fmpq_clear(K->rate);
}

void
thm3_claim_fail(arb_t res, const thm3_claim_struct *K, ulong c2, ulong n, slong prec)
{
    arb_t c, t;
    arb_init(c);
    arb_init(t);
    arb_set_ui(c, c2);
    arb_mul_2exp_si(c, c, -1);
    if (K->rate_kl)
    {
        /* n (c - 1 - ln c) */
        arb_log(t, c, prec);
        arb_sub(t, c, t, prec);
        arb_sub_ui(t, t, 1, prec);
        arb_mul_ui(t, t, n, prec);
    }
    else
    {
        /* c n kappa */
        arb_set_fmpq(t, K->rate, prec);
        arb_mul(t, t, c, prec);
        arb_mul_ui(t, t, n, prec);
    }
    arb_neg(t, t);
    arb_exp(res, t, prec);
    arb_clear(c);
    arb_clear(t);
}

void
thm3_claim_bound(arb_t res, const thm3_claim_struct *K, ulong c2, ulong n, slong prec)
{
    thm3_claim_fail(res, K, c2, n, prec);
    arb_sub_ui(res, res, 1, prec);
    arb_neg(res, res);
}

/* ------------------------------------------------ the slots */

/* The one-line error for a user eps whose width N = c ceil(n/p_eps) is
   above THM3_MAX_N (or undecided).  p_eps = (rho (1 - rho/4))^{(r-1)/2} /
   (2 pi (r-1)), rho = eps/(nB)^2 in (0, 4], is largest at rho = 2 and
   tends to 0 at both ends, so eps is either too small or too close to
   4 (nB)^2.  Every c = 2, 3, 4 fits when 4 ceil(n/p_eps) <= THM3_MAX_N,
   i.e. p_eps >= n / floor(THM3_MAX_N / 4) =: P0, i.e. rho (1 - rho/4) >=
   g = (2 pi (r-1) P0)^{2/(r-1)}: rho in [2 - 2 sqrt(1-g), 2 + 2 sqrt(1-g)]
   when g <= 1, else no eps.  The range is advice (in double, "about"). */
static void
eps_advice(const thm3_inst_struct *I, const char *eps_text, const arb_t p, slong ci)
{
    char *ps = bc_arb_str(p, 8);
    double rho = fmpq_get_d(I->rho), nb2, r1 = (double) (I->r - 1);
    double P0 = (double) I->n / (double) (THM3_MAX_N / 4), g;
    fmpq_t q;
    fmpq_init(q);
    fmpq_div(q, I->eps, I->rho); /* (nB)^2 */
    nb2 = fmpq_get_d(q);
    fmpq_clear(q);
    g = pow(2.0 * 3.141592653589793 * r1 * P0, 2.0 / r1);
    if (g > 1.0)
        fprintf(
            stderr,
            "basincheck: --eps:1:1: eps = %s gives p_eps = %s and a width N = %s ceil(n/p_eps) above the "
            "limit %d (or undecided); no eps does better here: p_eps <= 1/(2 pi (r-1)) at eps = 2 (nB)^2 = "
            "%.6g, and n = %ld, r = %ld need more than %d neurons\n",
            eps_text, ps, thm3_cstr[ci], THM3_MAX_N, 2.0 * nb2, (long) I->n, (long) I->r, THM3_MAX_N);
    else
    {
        /* the ends 2 -+ 2 sqrt(1 - g) are symmetric about 2: the upper
           one is 4 - lo, printed so (it is often within 1e-7 of 4);
           lo = 2 g / (1 + sqrt(1 - g)) without cancellation */
        double lo = 2.0 * g / (1.0 + sqrt(1.0 - g));
        fprintf(stderr,
                "basincheck: --eps:1:1: eps = %s gives p_eps = %s and a width N = %s ceil(n/p_eps) above the "
                "limit %d (or undecided): eps is %s; widths within the limit need eps/(nB)^2 in about "
                "[%.6g, 4 - %.6g], i.e. eps in about [%.6g, %.6g - %.6g] ((nB)^2 = %.6g)\n",
                eps_text, ps, thm3_cstr[ci], THM3_MAX_N,
                rho < 2.0 ? "too small" : "too close to 4 (nB)^2, where p_eps = 0", lo, lo, lo * nb2,
                4.0 * nb2, lo * nb2, nb2);
    }
    flint_free(ps);
}

int
thm3_slot_init(thm3_slot_struct *Z, const char *name, thm3_inst_struct *I, int user, const char *eps_text,
               const thm3_claim_struct *K)
{
    slong ci;
    memset(Z, 0, sizeof(*Z));
    Z->name = name;
    Z->stream = name;
    Z->I = I;
    Z->user = user;
    arb_init(Z->p);
    arb_init(Z->q);
    thm3_peps_rho(Z->p, (ulong) I->r, I->rho, K->peps_mult, PREC);
    thm3_capprob(Z->q, I, PREC);
    for (ci = 0; ci < THM3_NC; ci++)
    {
        Z->N[ci] = thm3_width_rho((ulong) I->r, I->rho, (ulong) I->n, thm3_c2s[ci], K->peps_mult, THM3_MAX_N);
        if (Z->N[ci] == 0 && user)
        {
            eps_advice(I, eps_text, Z->p, ci);
            return 2;
        }
    }
    return 0;
}

void
thm3_slot_clear(thm3_slot_struct *Z)
{
    arb_clear(Z->p);
    arb_clear(Z->q);
}

char *
thm3_inst_desc(const thm3_slot_struct *Z)
{
    const thm3_inst_struct *I = Z->I;
    char *B = fmpq_get_str(NULL, 10, I->B), *e = fmpq_get_str(NULL, 10, I->eps),
         *rho = fmpq_get_str(NULL, 10, I->rho), *s;
    arb_t L;
    char *Ls;
    arb_init(L);
    arb_set_fmpq(L, I->L0, PREC);
    Ls = bc_arb_str(L, 8);
    s = bc_aprintf("%s: m = %ld, d = %ld, r = rank(X) = %ld, n = %ld, B = %s, eps = %s, eps/(nB)^2 = %s, "
                   "L_S(0) = %s",
                   Z->name, (long) I->m, (long) I->d, (long) I->r, (long) I->n, B, e, rho, Ls);
    flint_free(B);
    flint_free(e);
    flint_free(rho);
    flint_free(Ls);
    arb_clear(L);
    return s;
}

/* ------------------------------------------------ the module */

/* The module's instances: the engine and the built-in main instance, the
   user's when given, and the regime's grid. */
typedef struct
{
    thm3_inst_t IE, IB, IM;
    thm3_inst_t IR[THM3_NREGIME];
    char fail[512]; /* a built-in instance that broke a hypothesis, or "" */
} thm3_insts;

static void
insts_init(thm3_insts *S)
{
    slong k;
    thm3_inst_init(S->IE);
    thm3_inst_init(S->IB);
    thm3_inst_init(S->IM);
    for (k = 0; k < THM3_NREGIME; k++)
        thm3_inst_init(S->IR[k]);
    S->fail[0] = '\0';
}

static void
insts_clear(thm3_insts *S)
{
    slong k;
    thm3_inst_clear(S->IE);
    thm3_inst_clear(S->IB);
    thm3_inst_clear(S->IM);
    for (k = 0; k < THM3_NREGIME; k++)
        thm3_inst_clear(S->IR[k]);
}

/* Sets I from the raw instance, recording in S->fail the first built-in
   instance that breaks a hypothesis (the module then stops after
   thm3.hyp: nothing else is meaningful on it). */
static void
inst_from_raw(thm3_insts *S, thm3_inst_t I, const thm3_raw_t Rw, const char *name)
{
    char msg[400];
    slong bad;
    if (thm3_inst_set(I, Rw->X, Rw->y, Rw->W, Rw->v, Rw->B, Rw->eps, &bad, msg, sizeof msg) != THM3_OK &&
        S->fail[0] == '\0')
        snprintf(S->fail, sizeof S->fail, "the built-in %s instance: %s", name, msg);
}

static void
insts_build(thm3_insts *S, const run_t R)
{
    thm3_raw_t Rw;
    slong k;
    thm3_raw_init(Rw, 1, 1, 1);
    thm3_generated(Rw, THM3_GEN_ENGINE);
    inst_from_raw(S, S->IE, Rw, "engine");
    thm3_generated(Rw, THM3_GEN_MAIN);
    inst_from_raw(S, S->IB, Rw, "main");
    for (k = 0; k < THM3_NREGIME; k++)
        if (thm3_regime_wanted(R, k) || run_wants(R, "thm3.hyp"))
        {
            thm3_generated_regime(Rw, thm3_regime_n[k]);
            inst_from_raw(S, S->IR[k], Rw, "regime");
        }
    thm3_raw_clear(Rw);
}

/* The paragraph of each instance Z[0..nz-1]: its sizes, widths and what
   was sampled on it (regime: the width c = 2 on stream thm3/regime/NAME). */
static void
add_instances(run_t R, const thm3_slot_struct *Z, slong nz, const thm3_slot_struct *own, int regime)
{
    slong k;
    for (k = 0; k < nz; k++)
    {
        char *s0 = thm3_inst_desc(Z + k);
        char *s = escape_tex(s0), *nm = escape_tex(Z[k].name), *how, *widths;
        flint_free(s0);
        if (!Z[k].sampled)
            how = bc_aprintf("not sampled in this run");
        else if (regime)
            how = bc_aprintf("%lu samples (stream \\texttt{thm3/regime/%s}, seed %llu)",
                             (unsigned long) Z[k].S, Z[k].stream, (unsigned long long) R->opts->seed);
        else
            how = bc_aprintf("%lu samples per width sampled (streams \\texttt{thm3/%s/c$c$}, seed %llu)",
                             (unsigned long) Z[k].S, Z[k].stream, (unsigned long long) R->opts->seed);
        if (regime)
            widths = bc_aprintf("Width $N=%lu$ for $c=2$", (unsigned long) Z[k].N[0]);
        else
            widths = bc_aprintf("Widths $N=%lu,%lu,%lu$ for $c=2,3,4$", (unsigned long) Z[k].N[0],
                                (unsigned long) Z[k].N[1], (unsigned long) Z[k].N[2]);
        run_add_instance(R, "\\textbf{%s instance%s.} %s. %s; %s%s%s.", nm, Z[k].user ? " (user files)" : "",
                         s, widths, how, Z[k].engine ? "; certified $\\mathrm{Bas}$ by the basin engine" : "",
                         Z + k == own ? "; the negative controls run on this instance" : "");
        flint_free(how);
        flint_free(widths);
        flint_free(s);
        flint_free(nm);
    }
}

/* The checks on the main and engine instances (Z[0], Z[1]) and the
   controls (own: the built-in main instance). */
static void
run_instances(run_t R, thm3_slot_struct *Z, thm3_slot_struct *own, const thm3_claim_struct *K)
{
    thm3_slot_struct *all[3], *mine[2];
    slong k, nz = own == Z ? 2 : 3;

    Z[0].S = run_samples(R, "thm3.main.witness.c2", (const ulong[3]){400, 3000, 20000}, 0);
    Z[1].S = run_samples(R, "thm3.engine.basin.c2", (const ulong[3]){150, 1000, 5000}, 0);
    Z[1].engine = 1;
    for (k = 0; k < nz; k++)
        all[k] = k < 2 ? Z + k : own;
    mine[0] = own;
    mine[1] = Z + 1;
    thm3_rec_peps(R, all, nz, mine, K);
    thm3_rec_mc(R, Z, K);
    if (run_wants(R, "thm3.witness.closure"))
        thm3_rec_closure(R, Z, 2, K);
    if (run_wants(R, "thm3.law"))
        thm3_rec_law(R, Z, 2, K);
    if (run_wants(R, "thm3.tail"))
        thm3_rec_binomial(R, "thm3.tail", Z, 2, K, 0);
    if (run_wants(R, "thm3.witness_law"))
        thm3_rec_binomial(R, "thm3.witness_law", Z, 2, K, 1);
    if (run_wants(R, "thm3.lemma7"))
        thm3_rec_lemma7(R, Z, 2, K);
    thm3_rec_controls_mc(R, own, Z + 1, K);
    add_instances(R, Z, 2, own, 0);
    if (own != Z)
        add_instances(R, own, 1, own, 0);
}

static int
thm3_exec(run_t R)
{
    const run_opts *o = R->opts;
    thm3_claim_struct K;
    thm3_insts S;
    /* Z[0] the main instance (the user's when given), Z[1] the engine
       instance, Z[2] the built-in main instance when the user's replaces
       it (the controls run on the module's own instances only, where
       they are known to fail), then the regime's instances */
    thm3_slot_struct Z[3 + THM3_NREGIME], *own;
    slong k, nz = 0, rz[THM3_NREGIME];
    int ret = 0, user = o->data != NULL || o->teacher != NULL || o->eps != NULL;

    thm3_claim_init(&K, R);
    insts_init(&S);
    insts_build(&S, R);
    if (user && thm3_read_user(S.IM, o->data, o->teacher, o->eps) != 0)
    {
        ret = 2;
        goto out;
    }
    if (S.fail[0] != '\0')
    {
        /* a built-in instance broke a hypothesis: its record says which */
        thm3_rec_hyp(R, Z, 0, S.fail);
        goto out;
    }
    if (thm3_slot_init(Z + 0, "main", user ? S.IM : S.IB, user, o->eps, &K) != 0)
    {
        thm3_slot_clear(Z + 0);
        ret = 2;
        goto out;
    }
    thm3_slot_init(Z + 1, "engine", S.IE, 0, NULL, &K);
    nz = 2;
    own = Z;
    if (user)
    {
        thm3_slot_init(Z + 2, "builtin", S.IB, 0, NULL, &K);
        own = Z + 2;
        nz = 3;
    }
    for (k = 0; k < THM3_NREGIME; k++)
    {
        rz[k] = -1;
        if (S.IR[k]->n > 0)
        {
            rz[k] = nz;
            thm3_slot_init(Z + nz++, thm3_regime_name[k], S.IR[k], 0, NULL, &K);
        }
    }
    if (run_wants(R, "thm3.hyp"))
        thm3_rec_hyp(R, Z, nz, NULL);
    run_instances(R, Z, own, &K);
    if (run_wants(R, "thm3.erratum.c2"))
        thm3_rec_erratum(R, &K);
    thm3_rec_hyp_controls(R);
    for (k = 0; k < THM3_NREGIME; k++)
        if (rz[k] >= 0 && thm3_regime_wanted(R, k))
        {
            thm3_rec_regime(R, k, Z + rz[k], &K);
            add_instances(R, Z + rz[k], 1, own, 1);
        }
    for (k = 0; k < nz; k++)
        thm3_slot_clear(Z + k);
out:
    insts_clear(&S);
    thm3_claim_clear(&K);
    return ret;
}

const module_struct module_thm3 = {
    "thm3",
    "Theorem 3",
    "Theorem 3: data of low intrinsic dimension, the proof's witness and the certified basin value",
    0, /* the statement is given; the rows mark what the proof's reconstruction reads */
    thm3_specs,
    THM3_NSPECS,
    fragment_thm3,
    "data teacher eps",
    thm3_exec,
    thm3_mutants,
    THM3_NMUTANTS,
    NULL,
    NULL,
};

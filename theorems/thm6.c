/* thm6.c -- the module "thm6": Theorem 6 (App. C), a single ReLU neuron
   whose basin is bad with probability tending to 1 exponentially in d.

   The statement and the explicit sample of C.2 are reconstructions
   (appc.h, thm6.tex); every record says so.  Checks: the 1-D landscape of
   S_1(eps) for several rationals, the separability identity, the 2^d
   certified minima and their count, the closed-form basin value against
   the certified engine, the exact probabilities and the Chernoff step,
   the rate of the tail, the Monte Carlo family and its agreement with
   the exact law, the user's instance, the negative controls, the
   contrast with Theorem 2; Figures 2 and 3 of the paper.  The statements
   are the checktext blocks of thm6.tex. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "appc.h"
#include "basin.h"
#include "cert.h"
#include "chernoff.h"
#include "csv.h"
#include "mc.h"
#include "paper.h"
#include "rng.h"
#include "sampler.h"
#include "singleton.h"
#include "thm6.h"

#define CLAIM "Theorem 6"
#define PREC 128
/* the dimensions of the exhaustive enumeration, at every size (4096
   minima at d = 12 take a fraction of a second) */
#define ENUM_DMAX 12
/* the exact probability and the Chernoff audit run over d = 1..AUDIT_DMAX */
#define AUDIT_DMAX 256
/* the user's dimension: enumeration up to ENUM_DMAX, Monte Carlo (and
   certified representative minima) up to USER_DMAX */
#define USER_DMAX 256
#define USER_DEFAULT_DIM 8

/* the Monte Carlo dimensions (the ids thm6.mc.d<d> are built from this
   fixed grid) */
static const slong mc_dims[] = {2, 4, 8, 16, 32, 64, 128, 256};
#define NMC 8
/* the engine runs: small d, where the general basin engine is cheap */
static const slong engine_dims[] = {1, 2, 3, 4, 6, 8};
#define NENGINE 6
/* the landscape rationals eps = num / den: 1/8, 1/50 and 49/200 make
   2 eps a rational square */
static const slong land_eps[][2] = {{1, 10}, {1, 8}, {1, 50}, {49, 200}, {1, 3}, {1, 1000}, {49, 100}};
#define NLAND 7
/* the dimensions of the contrast with Theorem 2 */
static const slong contrast_dims[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
#define NCONTRAST 9

static const sampler_kind laws[4] = {SAMPLER_GAUSS, SAMPLER_SPHERE, SAMPLER_BALL, SAMPLER_CAUCHY};

/* Monte Carlo sizes (quick, default, full); a control draws at least
   CONTROL_MIN samples whatever --samples says.  Default 80000: a
   second of CPU for half-widths of 0.0064 at most (0.0128 with 20000) */
static const ulong mc_sizes[3] = {2000, 80000, 200000};
static const ulong engine_sizes[3] = {100, 1000, 5000};
#define CONTROL_MIN 20000

/* clang-format off */
#define MC_SPEC(d)                                                                                     \
    {"thm6.mc.d" #d, CHECK_MONTECARLO, ST_CONSISTENT, 0,                                               \
     "reconstructed Thm 6, d = " #d ": P[Bas(w) - min L_d >= c/2] >= 1 - exp(-d/16), exact decisions", \
     STRENGTH_STATISTICAL, "thm6.c", NULL, 1, 0},

static const check_spec thm6_specs[] = {
    {"thm6.landscape.1d", CHECK_EXACT, ST_HOLDS, 0,
     "S_1(eps), 7 rationals: exactly two local minima, w = 1 (eps' <= eps) and w = -q (1/2); kink a local max",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.separable", CHECK_EXACT, ST_HOLDS, 0,
     "L_d(w) from the 2d data points = (1/d) sum_j L_1(w_j), random rational w, d = 1..64 (sanity: an "
     "identity of the construction, Lemma 6.B(i), that holds for any 1-D sample; it tests the two "
     "evaluations)",
     STRENGTH_SANITY, "thm6.c", NULL, 1, 0},
    {"thm6.minima.enum", CHECK_EXACT, ST_HOLDS, 0,
     "every point of {1,-q}^d a certified strict local minimum of L_d, value eps' + (k/d)(1/2 - eps'), d <= 12",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.minima.count", CHECK_EXACT, ST_HOLDS, 0,
     "L_d has exactly 2^d local minima, d = 1..12 (Lemma 6.B on the 1-D landscape, products certified on L_d)",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.basin.closedform", CHECK_EXACT, ST_HOLDS, 0,
     "Bas(w) = eps' + (K/d) L_0 (Lemma 6.C) equals the certified engine (n = 1, v = +1) on every engine-run sample",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.prob.exact", CHECK_BALL, ST_HOLDS, 0,
     "exact P[Bas - min >= c/2] = P[Bin(d,1/2) >= d/4] >= 1 - exp(-d/16), d = 1..256; mean excess = c",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.chernoff.rate", CHECK_AUDIT, ST_HOLDS, 0,
     "Chernoff constant 1/16: tightest exponent per d = 1..256 (Arb) > ln 2 - H(1/4), its limit",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    MC_SPEC(2) MC_SPEC(4) MC_SPEC(8) MC_SPEC(16) MC_SPEC(32) MC_SPEC(64) MC_SPEC(128) MC_SPEC(256)
    {"thm6.mc.agree", CHECK_AGREEMENT, ST_CONSISTENT, 0,
     "Monte Carlo counts of thm6.mc.d* = exact binomial probabilities (one equality test per d, in the family)",
     STRENGTH_STATISTICAL, "thm6.c", NULL, 1, 0},
    {"thm6.user.minima", CHECK_EXACT, ST_HOLDS, 0,
     "the user's instance (--dim, --eps; default 8, 1/10): landscape and certified minima",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 1},
    {"thm6.user.mc", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "the user's instance: P[Bas - min >= c/2] >= 1 - exp(-d/16)",
     STRENGTH_STATISTICAL, "thm6.c", NULL, 1, 1},
    {"thm6.control.lose_bad", CHECK_EXACT, ST_FAILS, 1,
     "control: y_2 = -q loses the bad minimum; the landscape claim must fail",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.control.count", CHECK_EXACT, ST_FAILS, 1,
     "control: 2^d local minima claimed for the sample with y_2 = -q (one 1-D minimum), d = 1..12, refuted",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.control.skewed", CHECK_AGREEMENT, ST_VIOLATED, 1,
     "control: non-symmetric law; the equality test against the exact Assumption-1 probability must reject",
     STRENGTH_STATISTICAL, "thm6.c", NULL, 1, 0},
    {"thm6.control.rate", CHECK_BALL, ST_FAILS, 1,
     "control: exponent 3/20 > ln 2 - H(1/4): P[K < d/4] <= exp(-3d/20) refuted exactly for some d <= 256",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.control.tight_mc", CHECK_MONTECARLO, ST_VIOLATED, 1,
     "control: d = 16, exponent 1/16 raised to 1/2: P >= 1 - exp(-8) must be violated",
     STRENGTH_STATISTICAL, "thm6.c", NULL, 1, 0},
    {"thm6.contrast.width", CHECK_EXACT, ST_HOLDS, 0,
     "same data, width-n network (Thm 2): P[optimal basin] >= 1 - 1/(2d) at n_d = O(log d), single neuron 2^-d",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
    {"thm6.control.fixed_width", CHECK_EXACT, ST_FAILS, 1,
     "control: a width independent of d (n = 12) claimed to give P[optimal basin] >= 1/2 for every d <= 256",
     STRENGTH_DECIDES, "thm6.c", NULL, 1, 0},
};

/* Each mutant is applied where the module reads the constant or the
   construction it changes (the readers below), so that every path sees
   it. */
static const mutant_spec thm6_mutants[] = {
    {"thm6.mutant.target_sign",
     "the sample's second target q negated, S_1 = {(1, 1), (-1, -q)}: by Lemma 6.A its only local minimum is "
     "w = 1, so the landscape, the 2^d minima and the bad basin value 1/2 are false; the controls, which "
     "negate it again, get the true sample",
     "thm6.landscape.1d thm6.minima.enum thm6.minima.count thm6.basin.closedform thm6.user.minima "
     "thm6.control.lose_bad thm6.control.count"},
    {"thm6.mutant.rate",
     "Theorem 6's exponent 1/16 raised to 1: false for every d, since P[K < d/4] >= P[K = 0] = 2^-d > e^-d",
     "thm6.prob.exact thm6.mc.d2 thm6.mc.d4 thm6.mc.d8 thm6.mc.d16 thm6.user.mc"},
    {"thm6.mutant.law",
     "Assumption 1 broken: the coordinates of w given one common sign (|w_j| times the sign of w_1), so K "
     "is 0 or d with probability 1/2 each and P[K >= d/4] = 1/2 < 1 - exp(-d/16) for d >= 12",
     "thm6.mc.d16 thm6.mc.d32 thm6.mc.d64 thm6.mc.d128 thm6.mc.d256 thm6.mc.agree"},
    {"thm6.mutant.limit",
     "Lemma 6.E's limit ln 2 - H(1/4) replaced by ln 2 - H(1/5) ~ 0.193: kappa_d tends to ln 2 - H(1/4) ~ "
     "0.131, so kappa_d > 0.193 fails for large d",
     "thm6.chernoff.rate"},
    {"thm6.mutant.side_fail",
     "Theorem 2's per-side failure probability 3/4 lowered to 1/2 in the contrast's width n_d: a side fails "
     "with probability exactly (3/4)^n, so the width is too small for 1 - 1/(2d)",
     "thm6.contrast.width"},
    {"thm6.mutant.ctl_rate",
     "the rate control's exponent 3/20 lowered to 1/8 < ln 2 - H(1/4): valid for every d (Lemma 6.E), so the "
     "control must hold",
     "thm6.control.rate"},
    {"thm6.mutant.ctl_tight",
     "the Monte Carlo control's exponent 1/2 lowered to the stated 1/16, which Theorem 6 proves at d = 16: "
     "the control must be consistent",
     "thm6.control.tight_mc"},
    {"thm6.mutant.ctl_symmetric",
     "the skewed control's law replaced by the Gaussian, which satisfies Assumption 1: the signs are fair "
     "coins and the control must be consistent",
     "thm6.control.skewed"},
    {"thm6.mutant.ctl_width",
     "the fixed-width control's width 12 raised to 48, where Theorem 2's bound 1 - 2d (3/4)^48 >= 1/2 for "
     "every d <= 256: the control must hold",
     "thm6.control.fixed_width"},
};
/* clang-format on */

#define THM6_NSPECS ((slong) (sizeof(thm6_specs) / sizeof(thm6_specs[0])))
#define THM6_NMUTANTS ((slong) (sizeof(thm6_mutants) / sizeof(thm6_mutants[0])))

/* ------------------------------- the claim's constants, read once */

/* Theorem 6's exponent kappa of 1 - exp(-kappa d) (paper.h), read by the
   exact, the Monte Carlo and the user's paths */
static void
claimed_rate(fmpq_t kappa, const run_t R)
{
    paper_thm6_rate(kappa);
    if (run_mutant(R, "thm6.mutant.rate"))
        fmpq_one(kappa);
}

/* 1 when Assumption 1's law is replaced by the common-sign one */
static int
law_broken(const run_t R)
{
    return run_mutant(R, "thm6.mutant.law");
}

/* Theorem 2's per-side failure probability, as the contrast reads it */
static void
side_fail(fmpq_t p, const run_t R)
{
    paper_side_fail(p);
    if (run_mutant(R, "thm6.mutant.side_fail"))
        fmpq_set_si(p, 1, 2);
}

/* Lemma 6.E's limit of kappa_d, D(a || 1/2) with a = 1/4 (a = 1/5 under
   the mutant) */
static void
rate_limit(arb_t out, int mutated, slong prec)
{
    if (mutated)
    {
        arb_t a, p;
        arb_init(a);
        arb_init(p);
        arb_set_ui(a, 1);
        arb_div_ui(a, a, 5, prec);
        arb_set_d(p, 0.5);
        chernoff_kl_div(out, a, p, prec);
        arb_clear(a);
        arb_clear(p);
    }
    else
        thm6_rate_limit(out, prec);
}

/* the controls' false constants (the mutants restore true ones) */
static void
control_rate(fmpq_t kappa, const run_t R)
{
    fmpq_set_si(kappa, 3, 20);
    if (run_mutant(R, "thm6.mutant.ctl_rate"))
        fmpq_set_si(kappa, 1, 8);
}

static void
control_tight(fmpq_t kappa, const run_t R)
{
    fmpq_set_si(kappa, 1, 2);
    if (run_mutant(R, "thm6.mutant.ctl_tight"))
        paper_thm6_rate(kappa);
}

static sampler_kind
control_law(const run_t R)
{
    return run_mutant(R, "thm6.mutant.ctl_symmetric") ? SAMPLER_GAUSS : SAMPLER_SKEWED;
}

static slong
control_width(const run_t R)
{
    return run_mutant(R, "thm6.mutant.ctl_width") ? 48 : 12;
}

/* ------------------------------------------------------ the instance */

static char *
qstr(const fmpq_t q)
{
    char *s = fmpq_get_str(NULL, 10, q);
    char *r = bc_aprintf("%s", s);
    flint_free(s);
    return r;
}

/* the exponent kappa d of e^{-kappa d} in LaTeX: "d/16", "3d/20", "d" */
static char *
exponent_tex(const fmpq_t kappa)
{
    char *n = fmpz_get_str(NULL, 10, fmpq_numref(kappa)), *q = fmpz_get_str(NULL, 10, fmpq_denref(kappa));
    char *r =
        bc_aprintf("%sd%s%s", fmpz_is_one(fmpq_numref(kappa)) ? "" : n,
                   fmpz_is_one(fmpq_denref(kappa)) ? "" : "/", fmpz_is_one(fmpq_denref(kappa)) ? "" : q);
    flint_free(n);
    flint_free(q);
    return r;
}

/* The instance of one eps: S_1(eps) and the constants of Theorem 6. */
typedef struct
{
    fmpq_t eps;
    fmpq_t q;        /* the target y_2 (appc_target) */
    fmpq_t epsp;     /* eps' = q^2/2 = min L_d */
    fmpq_t L0;       /* L_0 = 1/2 - eps' */
    fmpq_t thr;      /* c/2 = L_0/4: the excess of the theorem's event */
    fmpq x[2], y[2]; /* S_1(eps) as the module reads it */
    int exact;       /* q^2 = 2 eps */
} s1_struct;

typedef s1_struct s1_t[1];

/* S_1(eps) from appc.h; the construction mutant negates its second
   target here, where every path of the module reads the sample */
static void
s1_init(s1_t S, const fmpq_t eps, const run_t R)
{
    slong t;
    fmpq_init(S->eps);
    fmpq_init(S->q);
    fmpq_init(S->epsp);
    fmpq_init(S->L0);
    fmpq_init(S->thr);
    for (t = 0; t < 2; t++)
    {
        fmpq_init(S->x + t);
        fmpq_init(S->y + t);
    }
    fmpq_set(S->eps, eps);
    S->exact = appc_target(S->q, eps);
    appc_sample_1d(S->x, S->y, eps);
    if (run_mutant(R, "thm6.mutant.target_sign"))
        fmpq_neg(S->y + 1, S->y + 1);
    fmpq_mul(S->epsp, S->q, S->q);
    fmpq_div_2exp(S->epsp, S->epsp, 1);
    fmpq_set_si(S->L0, 1, 2);
    fmpq_sub(S->L0, S->L0, S->epsp);
    fmpq_div_2exp(S->thr, S->L0, 2);
}

/* S_1(p / r) */
static void
s1_init_si(s1_t S, slong p, ulong r, const run_t R)
{
    fmpq_t e;
    fmpq_init(e);
    fmpq_set_si(e, p, r);
    s1_init(S, e, R);
    fmpq_clear(e);
}

/* A certificate of a statement about the one-dimensional sample (x, y)
   (kind "inequality", the checker's statements thm6.*, which analyse the
   landscape themselves, Lemmas 6.A and 6.B): name "thm6.landscape"
   (parameters x, y, q), "thm6.minima_products" (x, y, q, dmax) or
   "thm6.minima_count" (x, y, dmax), with the harness's count held of
   total (the statement holds when held >= total). */
static void
s1_cert(check_t c, const char *label, const char *name, const fmpq *x, const fmpq *y, const fmpq_t q,
        slong dmax, slong held, slong total)
{
    const char *names[6] = {"x1", "x2", "y1", "y2", "q", "dmax"};
    fmpq pt[6];
    fmpq_t a, b;
    slong i, n = 5;
    for (i = 0; i < 6; i++)
        fmpq_init(pt + i);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_set(pt + 0, x + 0);
    fmpq_set(pt + 1, x + 1);
    fmpq_set(pt + 2, y + 0);
    fmpq_set(pt + 3, y + 1);
    if (q != NULL)
        fmpq_set(pt + 4, q);
    if (!strcmp(name, "thm6.minima_products"))
    {
        fmpq_set_si(pt + 5, dmax, 1);
        n = 6;
    }
    else if (!strcmp(name, "thm6.minima_count"))
    {
        names[4] = "dmax";
        fmpq_set_si(pt + 4, dmax, 1);
    }
    fmpq_set_si(a, held, 1);
    fmpq_set_si(b, total, 1);
    cert_inequality_fmpq(c, label, name, n, names, pt, a, ">=", b);
    for (i = 0; i < 6; i++)
        fmpq_clear(pt + i);
    fmpq_clear(a);
    fmpq_clear(b);
}

static void
s1_clear(s1_t S)
{
    slong t;
    fmpq_clear(S->eps);
    fmpq_clear(S->q);
    fmpq_clear(S->epsp);
    fmpq_clear(S->L0);
    fmpq_clear(S->thr);
    for (t = 0; t < 2; t++)
    {
        fmpq_clear(S->x + t);
        fmpq_clear(S->y + t);
    }
}

/* The d-dimensional data of S (appc_extend of its sample): X 2d x d and
   y, initialised here (data_clear) */
static void
data_init(fmpq_mat_t X, fmpq **y, const s1_t S, slong d)
{
    fmpq_mat_init(X, 2 * d, d);
    *y = _fmpq_vec_init(2 * d);
    appc_extend(X, *y, S->x, S->y, 2, d);
}

static void
data_clear(fmpq_mat_t X, fmpq *y, slong d)
{
    fmpq_mat_clear(X);
    _fmpq_vec_clear(y, 2 * d);
}

/* ------------------------------------------------------- landscape */

/* 1 when the rational s is the square of a rational (numerator and
   denominator in lowest terms are squares) */
static int
is_rational_square(const fmpq_t s)
{
    return fmpq_sgn(s) >= 0 && fmpz_is_square(fmpq_numref(s)) && fmpz_is_square(fmpq_denref(s));
}

/* eps-realizable: the global minimum eps' is at most eps, equal exactly
   when 2 eps is a rational square, within 2^-32, and below 1/2 (the good
   minimum is better than the bad one); sets gap = eps - eps' */
static int
realizable(fmpq_t gap, const s1_t S)
{
    fmpq_t s;
    int ok;
    fmpq_init(s);
    fmpq_mul_2exp(s, S->eps, 1);
    fmpq_sub(gap, S->eps, S->epsp);
    ok = fmpq_sgn(gap) >= 0 && (fmpq_is_zero(gap) == is_rational_square(s)) &&
         (S->exact == is_rational_square(s));
    fmpq_set_si(s, 1, 1);
    fmpq_div_2exp(s, s, APPC_Q_BITS);
    ok = ok && fmpq_cmp(gap, s) < 0;
    fmpq_mul_2exp(s, S->epsp, 1);
    ok = ok && fmpq_cmp_si(s, 1) < 0;
    fmpq_clear(s);
    return ok;
}

/* the minima of A, named when they are the claimed ones (flint_free) */
static char *
minima_text(const thm6_land_t A, const s1_t S)
{
    char *mins = bc_aprintf("%s", "");
    fmpq_t mq;
    slong i;
    fmpq_init(mq);
    fmpq_neg(mq, S->q);
    for (i = 0; i < A->nmin; i++)
    {
        char *a = fmpq_equal(A->w + i, mq) ? bc_aprintf("-q")
                  : fmpq_is_one(A->w + i)  ? bc_aprintf("1")
                                           : qstr(A->w + i);
        char *b = fmpq_equal(A->val + i, S->epsp) ? bc_aprintf("eps'") : qstr(A->val + i);
        char *n =
            bc_aprintf("%s%s(w=%s, L=%s%s)", mins, i ? ", " : "", a, b, A->strict[i] ? "" : ", non-strict");
        flint_free(a);
        flint_free(b);
        flint_free(mins);
        mins = n;
    }
    fmpq_clear(mq);
    return mins;
}

/* The landscape claim for S_1(eps) (Lemma 6.A applied) on the sample
   (x, y) (S's own, or a perturbed one): analysis, confirmation by direct
   evaluation, the claimed shape, and eps-realizability.  Returns 1 when
   everything holds; *verified receives the direct-evaluation verdict
   alone.  text (if not NULL) receives a one-line description
   (flint_free). */
static int
landscape_appc(const s1_t S, const fmpq *x, const fmpq *y, int *verified, char **text)
{
    thm6_land_t A;
    fmpq_t gap;
    const char *why = NULL;
    int ok, ver;

    thm6_land_init(A);
    fmpq_init(gap);
    thm6_land_analyse(A, x, y, 2);
    ver = thm6_land_verify(A, x, y, 2, &why);
    ok = realizable(gap, S) && ver && thm6_land_is_appc(A, S->q);
    if (verified != NULL)
        *verified = ver;
    if (text != NULL)
    {
        char *se = qstr(S->eps), *sq = qstr(S->q), *mins = minima_text(A, S);
        *text = bc_aprintf("eps=%s, q=%s (%s), eps'=q^2/2=%.15g, eps-eps'=%.3g; L'(0+)=%.10g, L'(0-)=%.10g, "
                           "kink %s; minima %s%s%s%s",
                           se, sq, S->exact ? "sqrt(2 eps)" : "rounded down", fmpq_get_d(S->epsp),
                           fmpq_get_d(gap), fmpq_get_d(A->dright), fmpq_get_d(A->dleft),
                           A->kink == THM6_KINK_MAX   ? "a local max"
                           : A->kink == THM6_KINK_MIN ? "a local min"
                                                      : "neither min nor max",
                           A->nmin ? mins : "none", A->flat_pos || A->flat_neg ? "; a flat piece" : "",
                           ver ? "" : "; direct evaluation disagrees: ", ver ? "" : why);
        flint_free(se);
        flint_free(sq);
        flint_free(mins);
    }
    thm6_land_clear(A);
    fmpq_clear(gap);
    return ok;
}

static void
check_landscape(run_t R)
{
    check_t c;
    slong i, bad = 0;
    char *list = bc_aprintf("%s", "");

    run_check(R, c, "thm6.landscape.1d");
    for (i = 0; i < NLAND; i++)
    {
        s1_t S;
        char *text, *key, *nl;
        s1_init_si(S, land_eps[i][0], (ulong) land_eps[i][1], R);
        key = bc_aprintf("S_1(%ld/%ld)", (long) land_eps[i][0], (long) land_eps[i][1]);
        int ok = landscape_appc(S, S->x, S->y, NULL, &text);
        s1_cert(c, key, "thm6.landscape", S->x, S->y, S->q, 0, ok, 1);
        if (!ok && bad++ == 0)
            check_set_witness(c, "%s", text);
        check_field_add(c, key, "%s", text);
        nl = bc_aprintf("%s%s%ld/%ld", list, i ? ", " : "", (long) land_eps[i][0], (long) land_eps[i][1]);
        flint_free(list);
        list = nl;
        flint_free(text);
        flint_free(key);
        s1_clear(S);
    }
    check_field_add(c, "values of eps", "%d", NLAND);
    check_field_add(c, "failures", "%ld", (long) bad);
    c->statement = bc_aprintf("Here $\\epsilon\\in\\{%s\\}$.", list);
    flint_free(list);
    check_count(c, bad, 0);
    run_push(R, c);
}

/* control: the perturbed sample, S_1's second target negated */
static void
check_lose_bad(run_t R)
{
    check_t c;
    s1_t S;
    fmpq y[2];
    char *text;
    int ok, ver;

    run_check(R, c, "thm6.control.lose_bad");
    s1_init_si(S, 1, 10, R);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_set(y + 0, S->y + 0);
    fmpq_neg(y + 1, S->y + 1);
    ok = landscape_appc(S, S->x, y, &ver, &text);
    if (ver)
        s1_cert(c, "y_2 negated", "thm6.landscape", S->x, y, S->q, 0, ok, 1);
    check_set_witness(c, "the sample with y_2 = %s: %s", fmpq_sgn(y + 1) < 0 ? "-q" : "q", text);
    /* a disagreement of the analysis with direct evaluation would be a
       harness bug, not the expected failure: undecided */
    check_decide(c, !ver ? BC_UNDECIDED : (ok ? BC_TRUE : BC_FALSE));
    run_push(R, c);
    flint_free(text);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    s1_clear(S);
}

/* ----------------------------------------------------- separability */

/* a random rational coordinate: k/den with k in [-40, 40], den in
   1..16, and with probability 1/16 each one of the special points 0
   (the kink), 1 and -q (the minima) */
static void
random_coord(fmpq_t w, const fmpq_t q, rng_t r)
{
    uint64_t u = rng_below(r, 16);
    if (u == 0)
        fmpq_zero(w);
    else if (u == 1)
        fmpq_one(w);
    else if (u == 2)
        fmpq_neg(w, q);
    else
        fmpq_set_si(w, (slong) rng_below(r, 81) - 40, (ulong) rng_below(r, 16) + 1);
}

static void
check_separable(run_t R)
{
    static const slong dims[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 32, 64};
    check_t c;
    slong di, p, j, pts = 0, bad = 0, per = run_size_pick(R, (const slong[3]){8, 40, 40});
    fmpq_t Ld, Ls;
    s1_t S;

    run_check(R, c, "thm6.separable");
    s1_init_si(S, 1, 10, R);
    fmpq_init(Ld);
    fmpq_init(Ls);
    for (di = 0; di < (slong) (sizeof dims / sizeof dims[0]); di++)
    {
        slong d = dims[di];
        fmpq_mat_t X;
        fmpq *y, *w = _fmpq_vec_init(d);
        data_init(X, &y, S, d);
        for (p = 0; p < per; p++)
        {
            rng_t r;
            rng_init(r, R->opts->seed, rng_stream_id("thm6/separable"), (uint64_t) (d * 1000 + p));
            for (j = 0; j < d; j++)
                random_coord(w + j, S->q, r);
            thm6_loss_d(Ld, X, y, w);
            thm6_loss_sep(Ls, S->x, S->y, 2, w, d);
            pts++;
            if (!fmpq_equal(Ld, Ls) && bad++ == 0)
            {
                char *a = qstr(Ld), *b = qstr(Ls);
                check_set_witness(c, "d=%ld point %ld (stream thm6/separable, index %ld): L_d=%s, sum=%s",
                                  (long) d, (long) p, (long) (d * 1000 + p), a, b);
                flint_free(a);
                flint_free(b);
            }
        }
        data_clear(X, y, d);
        _fmpq_vec_clear(w, d);
    }
    c->statement = bc_aprintf("Here %ld points.", (long) pts);
    check_field_add(c, "points", "%ld", (long) pts);
    check_field_add(c, "mismatches", "%ld", (long) bad);
    if (bad == 0)
        check_set_witness(c, "points from rng stream thm6/separable, index 1000 d + p, under the run seed");
    check_count(c, bad, 0);
    run_push(R, c);
    s1_clear(S);
    fmpq_clear(Ld);
    fmpq_clear(Ls);
}

/* ---------------------------------------------------------- minima */

/* The claimed minima of one coordinate (thm6.tex, Lemma 6.A on S_1):
   cand = {1, -q} with the values val = {eps', 1/2}; both vectors of 2
   are allocated here (_fmpq_vec_clear) */
static void
claimed_1d(fmpq **cand, fmpq **val, const s1_t S)
{
    *cand = _fmpq_vec_init(2);
    *val = _fmpq_vec_init(2);
    fmpq_one(*cand + 0);
    fmpq_neg(*cand + 1, S->q);
    fmpq_set(*val + 0, S->epsp);
    fmpq_set_si(*val + 1, 1, 2);
}

/* every claimed point {1, -q}^d with its claimed value (the 1-D values
   eps' and 1/2), d = 1..ENUM_DMAX */
static void
check_minima_enum(run_t R)
{
    check_t c;
    slong d, bad = 0;
    ulong total = 0;
    s1_t S;
    fmpq *cand, *val;

    run_check(R, c, "thm6.minima.enum");
    s1_init_si(S, 1, 10, R);
    claimed_1d(&cand, &val, S);
    for (d = 1; d <= ENUM_DMAX; d++)
    {
        thm6_enum_struct E;
        char *key = bc_aprintf("d = %ld", (long) d);
        if (!thm6_enumerate(&E, S->x, S->y, 2, cand, val, 2, d) && bad++ == 0)
            check_set_witness(c,
                              "d=%ld: first failing point %lu (coordinates at -q = its set bits), reason %d",
                              (long) d, (unsigned long) E.bad_index, E.bad_reason);
        total += E.count;
        check_field_add(c, key, "%lu of %lu certified, %lu values as stated", (unsigned long) E.certified,
                        (unsigned long) E.count, (unsigned long) E.value_ok);
        flint_free(key);
    }
    c->statement = bc_aprintf("Here $d=1,\\dots,%d$, %lu points in all.", ENUM_DMAX, (unsigned long) total);
    s1_cert(c, NULL, "thm6.minima_products", S->x, S->y, S->q, ENUM_DMAX, ENUM_DMAX - bad, ENUM_DMAX);
    check_count(c, bad, 0);
    run_push(R, c);
    _fmpq_vec_clear(cand, 2);
    _fmpq_vec_clear(val, 2);
    s1_clear(S);
}

/* The claim "L_d has exactly 2^d local minima", d = 1..ENUM_DMAX, on the
   extension of the 1-D sample (x, y), decided with thm6_minima_count:
   one dimension with another established count refutes it, one whose
   count is not established leaves it undecided.  The claim's check and
   its control both decide here. */
static void
count_decide(check_t c, const fmpq *x, const fmpq *y, slong nmin1)
{
    slong d, bad = 0, und = 0;
    char *counts = bc_aprintf("%s", "");
    for (d = 1; d <= ENUM_DMAX; d++)
    {
        thm6_enum_struct E;
        slong cnt = thm6_minima_count(&E, x, y, 2, d);
        char *n = bc_aprintf("%s%s%ld", counts, d > 1 ? ", " : "", (long) cnt);
        flint_free(counts);
        counts = n;
        if (cnt < 0)
            und++;
        else if (cnt != (WORD(1) << d) && bad++ == 0)
            check_set_witness(c,
                              "d=%ld: %ld local minima established (Lemma 6.B: the products of the %ld local "
                              "minima of L_1, each certified on L_%ld), %ld claimed",
                              (long) d, (long) cnt, (long) nmin1, (long) d, (long) (WORD(1) << d));
    }
    check_field_add(c, "local minima of L_d, d = 1..12", "%s (-1: not established)", counts);
    check_field_add(c, "dimensions refuting", "%ld of %d", (long) bad, ENUM_DMAX);
    flint_free(counts);
    if (und == 0)
        s1_cert(c, NULL, "thm6.minima_count", x, y, NULL, ENUM_DMAX, ENUM_DMAX - bad, ENUM_DMAX);
    check_count(c, bad, und);
}

/* the count for S_1(1/10), and the control on the sample whose second
   target is negated (Lemma 6.A: one 1-D minimum, so one minimum of L_d) */
static void
check_count_minima(run_t R, int control)
{
    check_t c;
    s1_t S;
    fmpq y[2];
    thm6_land_t A;

    run_check(R, c, control ? "thm6.control.count" : "thm6.minima.count");
    s1_init_si(S, 1, 10, R);
    fmpq_init(y + 0);
    fmpq_init(y + 1);
    fmpq_set(y + 0, S->y + 0);
    fmpq_set(y + 1, S->y + 1);
    if (control)
        fmpq_neg(y + 1, y + 1);
    thm6_land_init(A);
    thm6_land_analyse(A, S->x, y, 2);
    check_field_add(c, "minima of L_1", "%ld", (long) A->nmin);
    check_field_add(c, "flat pieces", "%s", A->flat_pos || A->flat_neg ? "yes" : "no");
    check_field_add(c, "y_2", "%s", fmpq_sgn(y + 1) < 0 ? "-q" : "q");
    count_decide(c, S->x, y, A->nmin);
    run_push(R, c);
    thm6_land_clear(A);
    fmpq_clear(y + 0);
    fmpq_clear(y + 1);
    s1_clear(S);
}

/* ------------------------------------------------------ Monte Carlo */

typedef struct
{
    slong d;
    sampler_kind law;
    int common_sign;          /* the law mutant: every coordinate takes the sign of w_1 */
    const s1_struct *S;       /* eps' and c/2 */
    const fmpq_mat_struct *X; /* the data (engine runs only) */
    const fmpq *y;
    cert_mc_struct *M; /* the per-sample record of the certificate, or NULL */
} gap_ctx;

#define EV_GAP 0   /* Bas(w) - min L_d >= c/2, exact closed form */
#define EV_EQ 1    /* engine runs: the engine's value equals the closed form */
#define EV_EXACT 2 /* engine runs: the engine's value is exact */

/* the engine's value of the basin of w against the closed form bas */
static void
engine_events(mc_outcome *out, const gap_ctx *g, const double *w, const fmpq_t bas)
{
    basin_result_t B;
    basin_result_init(B);
    if (thm6_bas_engine(B, g->X, g->y, w, g->d, 64) == BASIN_OK)
    {
        out->event[EV_EXACT] = B->is_exact ? BC_TRUE : BC_FALSE;
        /* an interval result must still contain the closed form */
        out->event[EV_EQ] = (B->is_exact ? fmpq_equal(B->exact, bas)
                                         : fmpq_cmp(B->lower, bas) <= 0 && fmpq_cmp(bas, B->upper) <= 0)
                                ? BC_TRUE
                                : BC_FALSE;
    }
    basin_result_clear(B);
}

/* w by the law (one neuron: one vector), its basin value exactly by the
   closed form and, when g->X is set, by the certified engine */
static void
basin_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const gap_ctx *g = ctx;
    double *w = flint_malloc(sizeof(double) * (size_t) g->d);
    fmpq_t bas;
    slong K, k;

    fmpq_init(bas);
    sampler_draw(w, g->d, g->law, 1.0, rng);
    if (g->common_sign)
        for (k = 1; k < g->d; k++)
            w[k] = copysign(w[k], w[0]);
    out->nevents = g->X != NULL ? 3 : 1;
    out->escalations = 0;
    for (k = 0; k < out->nevents; k++)
        out->event[k] = BC_UNDECIDED; /* stays so on a boundary, probability 0 */
    if (!thm6_bas_closed(bas, &K, w, g->d, g->S->epsp))
    {
        if (g->X != NULL)
            engine_events(out, g, w, bas);
        fmpq_sub(bas, bas, g->S->epsp); /* min L_d = eps' */
        out->event[EV_GAP] = fmpq_cmp(bas, g->S->thr) >= 0 ? BC_TRUE : BC_FALSE;
    }
    if (g->M != NULL)
    {
        /* distinct samples touch distinct slots: safe across threads */
        cert_mc_outcome(g->M, index, out->event[EV_GAP]);
        cert_mc_draws(g->M, index, w, g->d);
    }
    fmpq_clear(bas);
    flint_free(w);
}

typedef struct
{
    ulong N, hits, und;
    int done;
} mc_cell;

/* one Monte Carlo run of the gap event in dimension d under the law
   (the law mutant gives the coordinates one sign) */
static void
run_gap(run_t R, mc_cell *e, slong d, sampler_kind law, ulong N, const s1_t S, const char *stream,
        cert_mc_struct *M)
{
    gap_ctx g;
    mc_tally_t T;
    g.d = d;
    g.law = law;
    g.common_sign = law_broken(R);
    g.S = S;
    g.X = NULL;
    g.y = NULL;
    g.M = M;
    /* the certificate records every sample's outcome in M: all ranks
       then run every sample, so that rank 0's record is whole */
    if (M != NULL)
        run_mc_all(R, T, basin_sample, &g, N, stream);
    else
        run_mc(R, T, basin_sample, &g, N, stream);
    e->N = T->samples;
    e->hits = T->hits[EV_GAP];
    e->und = T->undecided[EV_GAP];
    e->done = 1;
}

/* the bound 1 - exp(-kappa d) as a ball */
static void
bound_arb(arb_t b, slong d, const fmpq_t kappa)
{
    thm6_exp_bound(b, (ulong) d, kappa, PREC);
    arb_sub_ui(b, b, 1, PREC);
    arb_neg(b, b);
}

/* the claim P[Bas - min L_d >= c/2] >= 1 - exp(-kappa d) on the tally e:
   its test, the bound and the exact law beside it, the stream */
static void
set_bound_test(check_t c, const mc_cell *e, slong d, sampler_kind law, const fmpq_t kappa, const char *epstex,
               const run_t R, const char *stream)
{
    arb_t b, kl, half;
    fmpq_t P;
    char *kt = exponent_tex(kappa), *btex = bc_aprintf("1-e^{-%s}", kt), *sb, *se, *sk;
    arb_init(b);
    arb_init(kl);
    arb_init(half);
    fmpq_init(P);
    bound_arb(b, d, kappa);
    check_set_mc(c, e->N, e->hits, e->und, 0, b, btex);
    sb = bc_arb_str(b, 10);
    check_field_add(c, "bound", "%s", sb);
    /* the exact tail beside the claimed Chernoff bound and the
       relative-entropy one */
    arb_set_d(half, 0.5);
    chernoff_binom_below_kl(kl, (ulong) d, half, thm6_kmin((ulong) d), PREC);
    thm6_exp_bound(b, (ulong) d, kappa, PREC);
    se = bc_arb_str(b, 8);
    sk = bc_arb_str(kl, 8);
    thm6_tail_exact(P, (ulong) d);
    check_field_add(c, "exact probability", "P[Bin(%ld,1/2) >= %lu] = 1 - %.8g", (long) d,
                    (unsigned long) thm6_kmin((ulong) d), fmpq_get_d(P));
    check_field_add(c, "tail P[K < d/4]", "exact %.8g; Chernoff exp(-%s) = %s; relative entropy %s",
                    fmpq_get_d(P), kt, se, sk);
    c->statement =
        bc_aprintf("Here $d=%ld$, $\\epsilon=%s$, the law \\texttt{%s}%s, the bound $1-e^{-%s}$.", (long) d,
                   epstex, sampler_name(law), law_broken(R) ? " with one common sign (mutant)" : "", kt);
    check_set_stream_witness(c, R->opts->seed, stream, "the samples with Bas(w) - min L_d >= c/2");
    flint_free(kt);
    flint_free(btex);
    flint_free(sb);
    flint_free(se);
    flint_free(sk);
    arb_clear(b);
    arb_clear(kl);
    arb_clear(half);
    fmpq_clear(P);
}

/* The Monte Carlo certificate of thm6.mc.d<d> (kind "montecarlo"): every
   sample's outcome and the spot samples' draws, the event K >= ceil(d/4)
   (Lemma 6.C), the bound 1 - exp(-kappa d); judged at the per-side level
   2^-40, far below the run's family level (a claim consistent there is
   consistent at 2^-40; the family's judgement is the test witness's) */
static void
mc_cert(check_t c, const cert_mc_t M, slong d, const fmpq_t kappa)
{
    char *ev = bc_aprintf("{\"d\": \"%ld\", \"k\": \"%lu\"}", (long) d, (unsigned long) thm6_kmin((ulong) d)),
         *bx = cert_e_fn(
             "sub", 2, cert_e_si(1),
             cert_e_fn("exp", 1, cert_e_fn("neg", 1, cert_e_fn("mul", 2, cert_e_q(kappa), cert_e_si(d)))));
    arb_t b;
    arb_init(b);
    bound_arb(b, d, kappa);
    cert_mc(c, NULL, M, "negatives_at_least", ev, ldexp(1.0, -40), b, bx);
    arb_clear(b);
    flint_free(ev);
    flint_free(bx);
}

/* the Monte Carlo family thm6.mc.d<d>: the cells of the wanted ids, and
   all of them when the agreement test is wanted */
static void
check_mc_family(run_t R, mc_cell cells[NMC])
{
    slong i;
    s1_t S;
    fmpq_t kappa;
    int agree = run_wants(R, "thm6.mc.agree");
    ulong N = run_samples(R, "thm6.mc.d2", mc_sizes, 0);
    s1_init_si(S, 1, 10, R);
    fmpq_init(kappa);
    claimed_rate(kappa, R);
    for (i = 0; i < NMC; i++)
    {
        char *id = bc_aprintf("thm6.mc.d%ld", (long) mc_dims[i]);
        int want = run_wants(R, id);
        check_t c;
        cells[i].done = 0;
        if (want || agree)
        {
            cert_mc_t M;
            /* the per-sample record (outcomes, 4 spot samples' draws) of
               the claim's certificate; none under the law mutant */
            cert_mc_init(M, R->opts->seed, id, N, 4);
            if (want)
                run_check(R, c, id);
            run_gap(R, cells + i, mc_dims[i], laws[i % 4], N, S, id, want && !law_broken(R) ? M : NULL);
            if (want)
            {
                set_bound_test(c, cells + i, mc_dims[i], laws[i % 4], kappa, "1/10", R, id);
                if (!law_broken(R))
                    mc_cert(c, M, mc_dims[i], kappa);
                run_push(R, c);
            }
            cert_mc_clear(M);
        }
        flint_free(id);
    }
    s1_clear(S);
    fmpq_clear(kappa);
}

/* the exact law of the count: one equality test per dimension */
static void
check_agree(run_t R, const mc_cell cells[NMC])
{
    check_t c;
    slong i;
    arb_t p;
    fmpq_t P;
    arb_init(p);
    fmpq_init(P);
    run_check(R, c, "thm6.mc.agree");
    for (i = 0; i < NMC; i++)
    {
        slong d = mc_dims[i];
        char *label = bc_aprintf("d = %ld", (long) d);
        char *tex = bc_aprintf("\\Pr[\\mathrm{Bin}(%ld,\\tfrac12)\\ge%lu]", (long) d,
                               (unsigned long) thm6_kmin((ulong) d));
        thm6_prob_exact(P, (ulong) d);
        arb_set_fmpq(p, P, PREC);
        check_add_test(c, TEST_EQUAL, label, cells[i].N, cells[i].hits, cells[i].und, 0, p, tex);
        flint_free(label);
        flint_free(tex);
    }
    check_field_add(c, "tests", "%d", NMC);
    check_set_witness(c,
                      "seed %llu: the samples of thm6.mc.d<d>, rng streams \"thm6.mc.d<d>\" (sample i reads "
                      "Philox stream (seed, \"thm6.mc.d<d>\", i))",
                      (unsigned long long) R->opts->seed);
    run_push(R, c);
    arb_clear(p);
    fmpq_clear(P);
}

/* the engine runs: closed form = certified engine */
static void
check_engine(run_t R)
{
    check_t c;
    slong i;
    ulong tot = 0, eq = 0, ex = 0, und = 0, N = run_samples(R, "thm6.basin.closedform", engine_sizes, 0);
    s1_t S;

    run_check(R, c, "thm6.basin.closedform");
    s1_init_si(S, 1, 10, R);
    for (i = 0; i < NENGINE; i++)
    {
        slong d = engine_dims[i];
        gap_ctx g;
        mc_tally_t T;
        fmpq_mat_t X;
        fmpq *y;
        char *s = bc_aprintf("thm6.engine.d%ld", (long) d);
        data_init(X, &y, S, d);
        g.d = d;
        g.law = laws[i % 4];
        g.common_sign = law_broken(R);
        g.S = S;
        g.X = X;
        g.y = y;
        g.M = NULL;
        run_mc(R, T, basin_sample, &g, N, s);
        tot += T->samples;
        eq += T->hits[EV_EQ];
        ex += T->hits[EV_EXACT];
        und += T->undecided[EV_EQ];
        if (T->hits[EV_EQ] + T->undecided[EV_EQ] != T->samples && c->witness == NULL)
            check_set_witness(c, "d=%ld: %lu of %lu agree (seed %llu, stream %s)", (long) d,
                              (unsigned long) T->hits[EV_EQ], (unsigned long) T->samples,
                              (unsigned long long) R->opts->seed, s);
        check_field_add(c, s, "%lu of %lu agree, %lu exact, law %s", (unsigned long) T->hits[EV_EQ],
                        (unsigned long) T->samples, (unsigned long) T->hits[EV_EXACT], sampler_name(g.law));
        flint_free(s);
        data_clear(X, y, d);
    }
    c->statement = bc_aprintf("Here %lu samples.", (unsigned long) tot);
    check_field_add(c, "samples", "%lu", (unsigned long) tot);
    check_field_add(c, "agreeing", "%lu", (unsigned long) eq);
    check_field_add(c, "engine exact", "%lu", (unsigned long) ex);
    if (c->witness == NULL)
        check_set_witness(c, "seed %llu, rng streams \"thm6.engine.d<d>\"",
                          (unsigned long long) R->opts->seed);
    check_count(c, (slong) (tot - eq - und), (slong) und);
    run_push(R, c);
    s1_clear(S);
}

/* ------------------------------------------- probabilities, Chernoff */

/* T[d] = P[K < d/4] exactly for d = 1..AUDIT_DMAX */
static fmpq *
tails_new(void)
{
    fmpq *T = _fmpq_vec_init(AUDIT_DMAX + 1);
    slong d;
    for (d = 1; d <= AUDIT_DMAX; d++)
        thm6_tail_exact(T + d, (ulong) d);
    return T;
}

/* Exact identities behind the reduction to K in dimension d: the event
   Bas - min L_d >= c/2 of the closed form (Lemma 6.C) is K >= ceil(d/4)
   for every K = 0..d, and E[K] = d/2 (sum_k k C(d, k) = d 2^(d-1)), so
   that c = L_0/2 is the mean excess.  Returns the number that fail. */
static slong
reduction_bad(const s1_t S, slong d)
{
    fmpz_t s, b;
    fmpq_t v;
    slong k, bad = 0;
    fmpz_init(s);
    fmpz_init(b);
    fmpq_init(v);
    for (k = 0; k <= d; k++)
    {
        thm6_min_value(v, S->epsp, k, d);
        fmpq_sub(v, v, S->epsp);
        bad += (fmpq_cmp(v, S->thr) >= 0) != ((ulong) k >= thm6_kmin((ulong) d));
        fmpz_bin_uiui(b, (ulong) d, (ulong) k);
        fmpz_addmul_ui(s, b, (ulong) k);
    }
    fmpz_one(b);
    fmpz_mul_2exp(b, b, (ulong) (d - 1));
    fmpz_mul_ui(b, b, (ulong) d);
    bad += !fmpz_equal(s, b);
    fmpz_clear(s);
    fmpz_clear(b);
    fmpq_clear(v);
    return bad;
}

/* ------------------------------------------- certificates of the tails */

/* P[K < d/4] = P[Bin(d, 1/2) <= ceil(d/4) - 1] as an expression */
static char *
tail_expr(slong d)
{
    return cert_e_fn("binom_cdf", 3, cert_e_si(d), bc_aprintf("\"1/2\""),
                     cert_e_si((slong) thm6_kmin((ulong) d) - 1));
}

/* The certificate of T = P[K < d/4] <= exp(-kappa d) (kind "inequality",
   the checker sums the tail itself), at rising precision. */
static void
tail_cert(check_t c, slong d, const fmpq_t T, const fmpq_t kappa)
{
    char *l = tail_expr(d),
         *r = cert_e_fn("exp", 1, cert_e_fn("neg", 1, cert_e_fn("mul", 2, cert_e_q(kappa), cert_e_si(d)))),
         *lab = bc_aprintf("d = %ld", (long) d);
    arb_t t, e;
    slong prec;
    arb_init(t);
    arb_init(e);
    for (prec = 64; prec <= 4096; prec *= 2)
    {
        arb_set_fmpq(t, T, prec);
        thm6_exp_bound(e, (ulong) d, kappa, prec);
        if (cert_inequality_expr(c, lab, l, t, "<=", r, e) != BC_UNDECIDED)
            break;
    }
    flint_free(l);
    flint_free(r);
    flint_free(lab);
    arb_clear(t);
    arb_clear(e);
}

/* D(k/d || 1/2) = a ln(2a) + (1 - a) ln(2(1 - a)), a = k/d, as an
   expression (ln 2 at k = 0) */
static char *
kl_expr(slong k, slong d)
{
    fmpq_t a, b;
    char *s;
    if (k == 0)
        return cert_e_fn("log", 1, cert_e_si(2));
    fmpq_init(a);
    fmpq_init(b);
    fmpq_set_si(a, k, (ulong) d);
    fmpq_sub_si(b, a, 1);
    fmpq_neg(b, b);
    s = cert_e_fn(
        "add", 2,
        cert_e_fn("mul", 2, cert_e_q(a), cert_e_fn("log", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_q(a)))),
        cert_e_fn("mul", 2, cert_e_q(b),
                  cert_e_fn("log", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_q(b)))));
    fmpq_clear(a);
    fmpq_clear(b);
    return s;
}

/* The certificate of inequality `which` of Lemma 6.E at d (rate_at):
   0: lim < kappa_d, 1: D_d <= kappa_d, 2: kappa_d < D_d + ln(d+1)/d, with
   kappa_d = -ln(T)/d and D_d = D((ceil(d/4) - 1)/d || 1/2), the limit
   D(1/4 || 1/2) (D(1/5 || 1/2) under the mutant); at k = 0, inequality 1
   is the exact T <= 2^-d (an equality). */
static void
rate_cert(check_t c, slong d, int which, int mut)
{
    slong k = (slong) thm6_kmin((ulong) d) - 1, prec;
    char *kap = cert_e_fn("neg", 1, cert_e_fn("div", 2, cert_e_fn("log", 1, tail_expr(d)), cert_e_si(d))), *l,
         *r, *lab = bc_aprintf("d = %ld", (long) d);
    arb_t a, b, t;
    arb_init(a);
    arb_init(b);
    arb_init(t);
    if (which == 1 && k == 0)
    {
        fmpq_t T, p;
        fmpq_init(T);
        fmpq_init(p);
        thm6_tail_exact(T, (ulong) d);
        fmpq_one(p);
        fmpq_div_2exp(p, p, (ulong) d);
        flint_free(kap);
        l = tail_expr(d);
        r = cert_e_q(p);
        for (prec = 64; prec <= 4096; prec *= 2)
        {
            arb_set_fmpq(a, T, prec);
            arb_set_fmpq(b, p, prec);
            if (cert_inequality_expr(c, lab, l, a, "<=", r, b) != BC_UNDECIDED)
                break;
        }
        fmpq_clear(T);
        fmpq_clear(p);
    }
    else
    {
        if (which == 0)
        {
            l = mut ? kl_expr(1, 5) : kl_expr(1, 4);
            r = kap;
        }
        else if (which == 1)
        {
            l = kl_expr(k, d);
            r = kap;
        }
        else
        {
            l = kap;
            r = cert_e_fn("add", 2, kl_expr(k, d),
                          cert_e_fn("div", 2, cert_e_fn("log", 1, cert_e_si(d + 1)), cert_e_si(d)));
        }
        for (prec = 64; prec <= 4096; prec *= 2)
        {
            thm6_rate(t, (ulong) d, prec);
            if (which == 0)
                rate_limit(a, mut, prec);
            else
                thm6_rate_kl(a, (ulong) d, prec);
            if (which == 2)
            {
                arb_set_ui(b, (ulong) d + 1);
                arb_log(b, b, prec);
                arb_div_ui(b, b, (ulong) d, prec);
                arb_add(b, b, a, prec);
                arb_set(a, t);
            }
            else
                arb_set(b, t);
            if (cert_inequality_expr(c, lab, l, a, which == 1 ? "<=" : "<", r, b) != BC_UNDECIDED)
                break;
        }
    }
    flint_free(l);
    flint_free(r);
    flint_free(lab);
    arb_clear(a);
    arb_clear(b);
    arb_clear(t);
}

static void
check_prob_exact(run_t R, const fmpq *T)
{
    check_t c;
    slong d, bad = 0, und = 0, red_bad = 0, dworst = 1, reached;
    double worst = 0.0;
    fmpq_t kappa;
    arb_t e, r;
    s1_t S;
    char *kt;

    run_check(R, c, "thm6.prob.exact");
    fmpq_init(kappa);
    arb_init(e);
    arb_init(r);
    s1_init_si(S, 1, 10, R);
    claimed_rate(kappa, R);
    kt = exponent_tex(kappa);
    for (d = 1; d <= AUDIT_DMAX; d++)
    {
        truth_t t = thm6_tail_le_exp(&reached, T + d, (ulong) d, kappa);
        check_note_prec(c, reached);
        if (t != BC_UNDECIDED)
            tail_cert(c, d, T + d, kappa);
        if (t == BC_FALSE && bad++ == 0)
            check_set_witness(c, "d=%ld: P[K < d/4] = %.12g > exp(-%s)", (long) d, fmpq_get_d(T + d), kt);
        und += t == BC_UNDECIDED;
        /* the ratio tail / bound, for the report */
        thm6_exp_bound(e, (ulong) d, kappa, PREC);
        arb_set_fmpq(r, T + d, PREC);
        arb_div(r, r, e, PREC);
        if (arf_get_d(arb_midref(r), ARF_RND_NEAR) > worst)
        {
            worst = arf_get_d(arb_midref(r), ARF_RND_NEAR);
            dworst = d;
        }
        red_bad += reduction_bad(S, d);
    }
    c->statement = bc_aprintf("Here $d=1,\\dots,%d$ and the bound $1-e^{-%s}$.", AUDIT_DMAX, kt);
    check_field_add(c, "dimensions", "%d", AUDIT_DMAX);
    check_field_add(c, "refuted", "%ld", (long) bad);
    check_field_add(c, "undecided", "%ld", (long) und);
    check_field_add(c, "reduction or mean excess failures", "%ld", (long) red_bad);
    check_field_add(c, "closest to the bound", "d = %ld: P[K < d/4] / exp(-%s) = %.6g", (long) dworst, kt,
                    worst);
    if (red_bad > 0 && bad == 0)
        check_set_witness(c, "the reduction to K or the mean excess fails in %ld cases", (long) red_bad);
    check_count(c, bad + red_bad, und);
    run_push(R, c);
    flint_free(kt);
    fmpq_clear(kappa);
    arb_clear(e);
    arb_clear(r);
    s1_clear(S);
}

/* the sides compared in the rate audit:
   which = 0: lim < kappa_d;  1: kl_d < kappa_d;  2: kappa_d < kl_d + ln(d+1)/d */
typedef struct
{
    slong d;
    int which;
    int limit_mutated;
} rate_ctx;

static truth_t
rate_at(void *ctx, slong prec)
{
    const rate_ctx *x = ctx;
    truth_t r = BC_UNDECIDED;
    arb_t a, b, t;
    arb_init(a);
    arb_init(b);
    arb_init(t);
    thm6_rate(b, (ulong) x->d, prec);
    if (x->which == 0)
        rate_limit(a, x->limit_mutated, prec);
    else
        thm6_rate_kl(a, (ulong) x->d, prec);
    if (x->which == 2)
    {
        arb_set_ui(t, (ulong) x->d + 1);
        arb_log(t, t, prec);
        arb_div_ui(t, t, (ulong) x->d, prec);
        arb_add(t, t, a, prec);
        arb_swap(a, b);
        arb_swap(b, t);
    }
    if (arb_lt(a, b))
        r = BC_TRUE;
    else if (arb_ge(a, b))
        r = BC_FALSE;
    arb_clear(a);
    arb_clear(b);
    arb_clear(t);
    return r;
}

/* the three inequalities of Lemma 6.E in dimension d; T the exact tail */
static void
rate_decide3(truth_t t[3], check_t c, slong d, const fmpq_t T, int limit_mutated)
{
    rate_ctx x;
    x.d = d;
    x.limit_mutated = limit_mutated;
    x.which = 0;
    t[0] = check_decide_prec(c, rate_at, &x, 64);
    x.which = 2;
    t[2] = check_decide_prec(c, rate_at, &x, 64);
    if (thm6_kmin((ulong) d) == 1)
    {
        /* k = 0: the tail is 2^-d, kappa_d = ln 2 = D(0 || 1/2) exactly */
        fmpq_t pw;
        fmpq_init(pw);
        fmpq_one(pw);
        fmpq_div_2exp(pw, pw, (ulong) d);
        t[1] = fmpq_equal(pw, T) ? BC_TRUE : BC_FALSE;
        fmpq_clear(pw);
    }
    else
    {
        x.which = 1;
        t[1] = check_decide_prec(c, rate_at, &x, 64);
    }
}

static void
check_rate(run_t R, const fmpq *T)
{
    check_t c;
    slong d, i, bad = 0, und = 0, dmin = 1;
    int mut = run_mutant(R, "thm6.mutant.limit");
    arb_t k, lim, kmin;
    fmpq_t kappa;
    char *s;

    run_check(R, c, "thm6.chernoff.rate");
    arb_init(k);
    arb_init(lim);
    arb_init(kmin);
    fmpq_init(kappa);
    rate_limit(lim, mut, PREC);
    claimed_rate(kappa, R);
    for (d = 1; d <= AUDIT_DMAX; d++)
    {
        truth_t t[3];
        thm6_rate(k, (ulong) d, PREC);
        if (d == 1 || arf_cmp(arb_midref(k), arb_midref(kmin)) < 0)
        {
            arb_set(kmin, k);
            dmin = d;
        }
        rate_decide3(t, c, d, T + d, mut);
        for (i = 0; i < 3; i++)
            if (t[i] != BC_UNDECIDED)
                rate_cert(c, d, (int) i, mut);
        if (t[0] == BC_FALSE || t[1] == BC_FALSE || t[2] == BC_FALSE)
        {
            if (bad++ == 0)
                check_set_witness(c, "d=%ld: lim<kappa %s, kl<=kappa %s, kappa<kl+ln(d+1)/d %s", (long) d,
                                  bc_truth_str(t[0]), bc_truth_str(t[1]), bc_truth_str(t[2]));
        }
        else if (t[0] != BC_TRUE || t[1] != BC_TRUE || t[2] != BC_TRUE)
            und++;
        if (d == 16 || d == 64 || d == AUDIT_DMAX)
        {
            char *key = bc_aprintf("kappa_%ld", (long) d);
            s = bc_arb_str(k, 10);
            check_field_add(c, key, "%s", s);
            flint_free(s);
            flint_free(key);
        }
    }
    s = qstr(kappa);
    c->statement =
        bc_aprintf("Here $d=1,\\dots,%d$; the stated exponent $%s$ is about %.2f times smaller than "
                   "the limit%s.",
                   AUDIT_DMAX, s, arf_get_d(arb_midref(lim), ARF_RND_NEAR) / fmpq_get_d(kappa),
                   mut ? " (the mutant's $\\ln2-H(\\tfrac15)$)" : "");
    flint_free(s);
    s = bc_arb_str(lim, 15);
    check_field_add(c, mut ? "ln 2 - H(1/5) (mutant)" : "ln 2 - H(1/4)", "%s", s);
    flint_free(s);
    s = bc_arb_str(kmin, 10);
    check_field_add(c, "smallest kappa_d", "%s at d = %ld", s, (long) dmin);
    flint_free(s);
    s = qstr(kappa);
    check_field_add(c, "stated exponent", "%s = %.6g", s, fmpq_get_d(kappa));
    flint_free(s);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_field_add(c, "undecided", "%ld", (long) und);
    check_count(c, bad, und);
    run_push(R, c);
    arb_clear(k);
    arb_clear(lim);
    arb_clear(kmin);
    fmpq_clear(kappa);
}

static void
check_rate_control(run_t R, const fmpq *T)
{
    check_t c;
    slong d, refuted = 0, und = 0, first = 0, reached;
    fmpq_t kap;
    char *kt;

    run_check(R, c, "thm6.control.rate");
    fmpq_init(kap);
    control_rate(kap, R);
    kt = exponent_tex(kap);
    for (d = 1; d <= AUDIT_DMAX; d++)
    {
        truth_t t = thm6_tail_le_exp(&reached, T + d, (ulong) d, kap);
        check_note_prec(c, reached);
        if (t != BC_UNDECIDED)
            tail_cert(c, d, T + d, kap);
        if (t == BC_FALSE && refuted++ == 0)
            first = d;
        und += t == BC_UNDECIDED;
    }
    c->statement = bc_aprintf("Here the claimed bound is $e^{-%s}$, $d=1,\\dots,%d$.", kt, AUDIT_DMAX);
    check_field_add(c, "dimensions refuting", "%ld of %d", (long) refuted, AUDIT_DMAX);
    if (first > 0)
    {
        arb_t e;
        char *s;
        arb_init(e);
        thm6_exp_bound(e, (ulong) first, kap, PREC);
        s = bc_arb_str(e, 12);
        check_set_witness(c, "d=%ld: P[K < d/4] = P[Bin(%ld,1/2) <= %lu] = %.12g > exp(-%s) = %s",
                          (long) first, (long) first, (unsigned long) (thm6_kmin((ulong) first) - 1),
                          fmpq_get_d(T + first), kt, s);
        flint_free(s);
        arb_clear(e);
    }
    check_count(c, refuted, und);
    run_push(R, c);
    flint_free(kt);
    fmpq_clear(kap);
}

/* -------------------------------------------------- sampler controls */

/* a law that is not symmetric: the signs are no longer fair coins */
static void
check_skewed(run_t R)
{
    check_t c;
    mc_cell e;
    arb_t p;
    fmpq_t P;
    s1_t S;
    sampler_kind law = control_law(R);
    ulong N = run_samples(R, "thm6.control.skewed", mc_sizes, CONTROL_MIN);

    run_check(R, c, "thm6.control.skewed");
    arb_init(p);
    fmpq_init(P);
    s1_init_si(S, 1, 10, R);
    run_gap(R, &e, 8, law, N, S, "thm6.control.skewed", NULL);
    thm6_prob_exact(P, 8);
    arb_set_fmpq(p, P, PREC);
    check_add_test(c, TEST_EQUAL, "d = 8", e.N, e.hits, e.und, 0, p, "\\Pr[\\mathrm{Bin}(8,\\tfrac12)\\ge2]");
    c->statement = bc_aprintf("Here the law \\texttt{%s}.", sampler_name(law));
    check_set_stream_witness(c, R->opts->seed, "thm6.control.skewed",
                             "the samples with Bas(w) - min L_d >= c/2");
    run_push(R, c);
    arb_clear(p);
    fmpq_clear(P);
    s1_clear(S);
}

/* the exponent raised to 1/2 at d = 16: 1 - exp(-8) > the exact rate */
static void
check_tight_mc(run_t R)
{
    check_t c;
    mc_cell e;
    fmpq_t kap;
    s1_t S;
    ulong N = run_samples(R, "thm6.control.tight_mc", mc_sizes, CONTROL_MIN);

    run_check(R, c, "thm6.control.tight_mc");
    fmpq_init(kap);
    s1_init_si(S, 1, 10, R);
    control_tight(kap, R);
    run_gap(R, &e, 16, SAMPLER_GAUSS, N, S, "thm6.control.tight_mc", NULL);
    set_bound_test(c, &e, 16, SAMPLER_GAUSS, kap, "1/10", R, "thm6.control.tight_mc");
    run_push(R, c);
    fmpq_clear(kap);
    s1_clear(S);
}

/* ------------------------------------------------------------ user */

/* Reads --eps (exact, in (0, 1/2); default 1/10) and --dim (1..USER_DMAX;
   default USER_DEFAULT_DIM).  Returns 0, or 2 after printing one line. */
static int
user_parse(fmpq_t eps, slong *d, const run_opts *opts)
{
    csv_table_t E;
    char err[512];
    int bad = 0;

    fmpq_set_si(eps, 1, 10);
    *d = opts->dim > 0 ? opts->dim : USER_DEFAULT_DIM;
    if (opts->dim < 0 || opts->dim > USER_DMAX)
    {
        snprintf(err, sizeof err,
                 "thm6: --dim %ld is out of range (1 to %d: enumeration up to %d, Monte Carlo beyond)",
                 opts->dim, USER_DMAX, ENUM_DMAX);
        module_input_error(err);
        return 2;
    }
    if (opts->eps == NULL)
        return 0;
    csv_table_init(E);
    if (csv_read_mem(E, "--eps", opts->eps, strlen(opts->eps), err, sizeof err) != 0)
        bad = 1;
    else if (E->rows != 1 || E->cols != 1)
    {
        snprintf(err, sizeof err, "--eps:1:1: expected one number");
        bad = 1;
    }
    else
    {
        fmpq_mul_2exp(eps, csv_table_entry(E, 0, 0), 1);
        if (fmpq_sgn(eps) <= 0 || fmpq_cmp_si(eps, 1) >= 0)
        {
            char *g = qstr(csv_table_entry(E, 0, 0));
            snprintf(err, sizeof err, "--eps: expected a number in (0, 1/2) (Theorem 6's sample), got %s", g);
            flint_free(g);
            bad = 1;
        }
        fmpq_div_2exp(eps, eps, 1);
    }
    csv_table_clear(E);
    if (bad)
        module_input_error(err);
    return bad ? 2 : 0;
}

/* w with its first k coordinates at -q, the others at 1 */
static void
first_bad_point(fmpq *w, const fmpq_t q, slong k, slong d)
{
    slong j;
    for (j = 0; j < d; j++)
    {
        if (j < k)
            fmpq_neg(w + j, q);
        else
            fmpq_one(w + j);
    }
}

/* The user's minima for d <= ENUM_DMAX: every claimed point certified
   with its value, and the count established (Lemma 6.B).  Returns the
   failures; adds to *und the dimensions whose count is not established. */
static slong
user_minima_all(check_t c, const s1_t S, slong d, slong *und)
{
    thm6_enum_struct E;
    fmpq *cand, *val;
    slong cnt, bad = 0;
    char *se;
    claimed_1d(&cand, &val, S);
    if (!thm6_enumerate(&E, S->x, S->y, 2, cand, val, 2, d) && bad++ == 0 && c->witness == NULL)
        check_set_witness(c, "the point %lu (coordinates at -q = its set bits) fails (reason %d)",
                          (unsigned long) E.bad_index, E.bad_reason);
    check_field_add(c, "minima", "%lu of %lu certified with their values", (unsigned long) E.certified,
                    (unsigned long) E.count);
    cnt = thm6_minima_count(&E, S->x, S->y, 2, d);
    check_field_add(c, "local minima established", "%ld (-1: not established)", (long) cnt);
    if (cnt < 0)
        (*und)++;
    else if (cnt != (WORD(1) << d) && bad++ == 0 && c->witness == NULL)
        check_set_witness(c, "%ld local minima established, 2^%ld claimed", (long) cnt, (long) d);
    se = qstr(S->eps);
    c->statement = bc_aprintf("Here $\\epsilon=%s$, $d=%ld$: all $2^{%ld}$ points of $\\{1,-q\\}^d$.", se,
                              (long) d, (long) d);
    flint_free(se);
    _fmpq_vec_clear(cand, 2);
    _fmpq_vec_clear(val, 2);
    return bad;
}

/* The user's minima for d > ENUM_DMAX: five representatives (the first
   k in {0, 1, d/2, d - 1, d} coordinates at -q) certified with their
   values.  Returns the failures. */
static slong
user_minima_some(check_t c, const s1_t S, slong d)
{
    slong ks[5], i, good = 0;
    fmpq_mat_t X;
    fmpq *y, *w = _fmpq_vec_init(d);
    fmpq_t val, want;
    char *se;
    data_init(X, &y, S, d);
    fmpq_init(val);
    fmpq_init(want);
    ks[0] = 0;
    ks[1] = 1;
    ks[2] = d / 2;
    ks[3] = d - 1;
    ks[4] = d;
    for (i = 0; i < 5; i++)
    {
        int r;
        first_bad_point(w, S->q, ks[i], d);
        r = thm6_certify_min(val, X, y, w);
        thm6_min_value(want, S->epsp, ks[i], d);
        if (r == THM6_CERT_OK && fmpq_equal(val, want))
            good++;
        else if (c->witness == NULL)
            check_set_witness(c, "the minimum with the first %ld coordinates at -q: reason %d", (long) ks[i],
                              r);
    }
    check_field_add(c, "representatives certified", "%ld of 5 (k = 0, 1, %ld, %ld, %ld coordinates at -q)",
                    (long) good, (long) (d / 2), (long) (d - 1), (long) d);
    se = qstr(S->eps);
    c->statement =
        bc_aprintf("Here $\\epsilon=%s$, $d=%ld>%d$: five representatives.", se, (long) d, ENUM_DMAX);
    flint_free(se);
    data_clear(X, y, d);
    _fmpq_vec_clear(w, d);
    fmpq_clear(val);
    fmpq_clear(want);
    return 5 - good;
}

static void
check_user(run_t R, const fmpq_t eps, slong d)
{
    s1_t S;
    char *se = qstr(eps);
    s1_init(S, eps, R);
    if (run_wants(R, "thm6.user.minima"))
    {
        check_t c;
        char *text;
        slong bad = 0, und = 0;
        run_check(R, c, "thm6.user.minima");
        int ok = landscape_appc(S, S->x, S->y, NULL, &text), bmin;
        if (!ok)
        {
            bad++;
            check_set_witness(c, "the 1-D landscape: %s", text);
        }
        check_field_add(c, "landscape", "%s", text);
        flint_free(text);
        bmin = d <= ENUM_DMAX ? user_minima_all(c, S, d, &und) : user_minima_some(c, S, d);
        bad += bmin;
        /* the certificate: the landscape, and by Lemma 6.B every product
           point in every dimension up to d (which implies the
           representatives of d > 12 and the count 2^d) */
        s1_cert(c, "landscape", "thm6.landscape", S->x, S->y, S->q, 0, ok, 1);
        if (und == 0 && bmin == 0)
        {
            s1_cert(c, "minima", "thm6.minima_products", S->x, S->y, S->q, d, d, d);
            if (d <= ENUM_DMAX)
                s1_cert(c, "count", "thm6.minima_count", S->x, S->y, NULL, d, d, d);
        }
        check_count(c, bad, und);
        run_push(R, c);
    }
    if (run_wants(R, "thm6.user.mc"))
    {
        check_t c;
        mc_cell e;
        fmpq_t kappa;
        fmpq_init(kappa);
        claimed_rate(kappa, R);
        run_check(R, c, "thm6.user.mc");
        run_gap(R, &e, d, SAMPLER_GAUSS, run_samples(R, "thm6.user.mc", mc_sizes, 0), S, "thm6.user", NULL);
        set_bound_test(c, &e, d, SAMPLER_GAUSS, kappa, se, R, "thm6.user");
        run_push(R, c);
        fmpq_clear(kappa);
    }
    flint_free(se);
    s1_clear(S);
}

/* ------------------------------------- the contrast with Theorem 2 */

/* n_d: the least n with 2d p^n <= 1/(2d) for Theorem 2's per-side
   failure p = a/b, i.e. 4 d^2 a^n <= b^n: the width at which Theorem 2's
   bound 1 - 2d p^n reaches 1 - 1/(2d) ("overwhelming probability" with
   n = Omega(log d)); exact integer comparison */
static slong
width_overwhelming(slong d, const fmpq_t p)
{
    fmpz_t a, b;
    slong n;
    fmpz_init(a);
    fmpz_init(b);
    for (n = 1;; n++)
    {
        fmpz_pow_ui(a, fmpq_numref(p), (ulong) n);
        fmpz_mul_ui(a, a, (ulong) (4 * d * d));
        fmpz_pow_ui(b, fmpq_denref(p), (ulong) n);
        if (fmpz_cmp(a, b) <= 0)
            break;
    }
    fmpz_clear(a);
    fmpz_clear(b);
    return n;
}

typedef struct
{
    slong d, nstar, nd;
    double single, bad, at_nd, at_fixed; /* for the table and the figure */
    int agree;                           /* the single neuron = 2^-d, its minimum = eps' */
    int meets;                           /* exact P at n_d >= 1 - 1/(2d) */
    int fixed_ok;                        /* exact P at the fixed width >= 1/2 */
} contrast_row;

/* One dimension: the single neuron of this module against the width-n
   network on the same data S_d(1/10), with the exact probabilities of
   singleton.h.  The single neuron is computed twice, independently
   (here K ~ Bin(d, 1/2), there the per-coordinate split formula): the two
   must agree. */
static void
contrast_row_compute(contrast_row *r, slong d, const s1_t S, const fmpq *T, const fmpq_t sf, slong fixed)
{
    singleton_data_t D;
    fmpq_t p, a1, want, half, lim;
    slong n;

    singleton_data_init(D);
    fmpq_init(p);
    fmpq_init(a1);
    fmpq_init(want);
    fmpq_init(half);
    fmpq_init(lim);
    singleton_data_appc(D, S->eps, d);
    r->d = d;
    singleton_prob_single(p, a1, D);
    fmpq_one(want);
    fmpq_div_2exp(want, want, (ulong) d); /* P[K = 0] */
    r->agree = fmpq_equal(p, want) && fmpq_equal(a1, S->epsp);
    r->single = fmpq_get_d(p);
    r->bad = 1.0 - fmpq_get_d(T + d);
    r->nd = width_overwhelming(d, sf);
    fmpq_set_si(half, 1, 2);
    fmpq_set_si(lim, 2 * d - 1, (ulong) (2 * d)); /* 1 - 1/(2d) */
    r->nstar = -1;
    for (n = 1; n <= FLINT_MAX(r->nd, fixed) || r->nstar < 0; n++)
    {
        singleton_prob_good(p, D, n);
        if (r->nstar < 0 && fmpq_cmp(p, half) >= 0)
            r->nstar = n;
        if (n == fixed)
        {
            r->fixed_ok = fmpq_cmp(p, half) >= 0;
            r->at_fixed = fmpq_get_d(p);
        }
        if (n == r->nd)
        {
            r->meets = fmpq_cmp(p, lim) >= 0;
            r->at_nd = fmpq_get_d(p);
        }
    }
    singleton_data_clear(D);
    fmpq_clear(p);
    fmpq_clear(a1);
    fmpq_clear(want);
    fmpq_clear(half);
    fmpq_clear(lim);
}

/* the table and the figure of the contrast */
static void
contrast_report(run_t R, const contrast_row *rows, slong fixed)
{
    figure_t f;
    double x[NCONTRAST], y[4][NCONTRAST];
    char *tab, *nb, *name;
    slong i;

    tab = bc_aprintf(
        "\\textbf{The contrast with Theorem 2} (same data $S_d(1/10)$; exact probabilities; "
        "\\checkref{thm6.contrast.width}). $n^*$ is the least width with "
        "$\\Pr[\\mathrm{Bas}\\le\\alpha_n]\\ge\\tfrac12$, $n_d$ the width at which Theorem~2's bound reaches "
        "$1-1/(2d)$.\n"
        "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrrr}\\toprule $d$ & single: optimal & single: "
        "$\\ge c/2$ above & $n^*$ & $n_d$ & width $n_d$: optimal & width %ld: optimal\\\\\\midrule\n",
        (long) fixed);
    for (i = 0; i < NCONTRAST; i++)
    {
        const contrast_row *r = rows + i;
        char *row = bc_aprintf("%ld & %.3g & %.6f & %ld & %ld & %.10f & %.6f\\\\\n", (long) r->d, r->single,
                               r->bad, (long) r->nstar, (long) r->nd, r->at_nd, r->at_fixed);
        nb = bc_aprintf("%s%s", tab, row);
        flint_free(tab);
        flint_free(row);
        tab = nb;
        x[i] = (double) r->d;
        y[0][i] = r->single;
        y[1][i] = r->bad;
        y[2][i] = r->at_nd;
        y[3][i] = r->at_fixed;
    }
    run_add_instance(R, "%s\\bottomrule\\end{tabular}\\end{center}", tab);
    flint_free(tab);

    figure_init(f, "thm6.contrast", CLAIM,
                "The brittleness of Appendix~C's hardness to overspecification, on the same data "
                "$S_d(1/10)$ (exact probabilities): a single neuron starts in a globally optimal basin "
                "with probability $2^{-d}$ and in a basin at least $c/2$ above the optimum with "
                "probability tending to 1, while a width-$n_d$ network ($n_d=O(\\log d)$) starts in a "
                "globally optimal basin with probability at least $1-1/(2d)$; a fixed width degrades as "
                "$d$ grows.",
                "dimension $d$", "probability");
    f->logx = 1;
    figure_add_series(f, "single neuron: optimal basin ($2^{-d}$)", x, y[0], NCONTRAST, 0);
    figure_add_series(f, "single neuron: $\\ge c/2$ above the optimum", x, y[1], NCONTRAST, 0);
    figure_add_series(f, "width $n_d$: optimal basin", x, y[2], NCONTRAST, 0);
    name = bc_aprintf("width %ld: optimal basin", (long) fixed);
    figure_add_series(f, name, x, y[3], NCONTRAST, 0);
    flint_free(name);
    run_add_figure(R, f);
    figure_clear(f);
}

static void
check_contrast(run_t R, const fmpq *T)
{
    contrast_row rows[NCONTRAST];
    s1_t S;
    fmpq_t sf;
    slong i, bad = 0, fixed_bad = 0, fixed_fail = -1, fixed = control_width(R);

    s1_init_si(S, 1, 10, R);
    fmpq_init(sf);
    side_fail(sf, R);
    for (i = 0; i < NCONTRAST; i++)
    {
        contrast_row_compute(rows + i, contrast_dims[i], S, T, sf, fixed);
        bad += !rows[i].agree || !rows[i].meets;
        if (!rows[i].fixed_ok && fixed_bad++ == 0)
            fixed_fail = i;
    }
    if (run_wants(R, "thm6.contrast.width"))
    {
        check_t c;
        char *sp = qstr(sf);
        run_check(R, c, "thm6.contrast.width");
        check_field_add(c, "per-side failure of Theorem 2", "%s", sp);
        flint_free(sp);
        check_field_add(c, "dimensions", "%d", NCONTRAST);
        check_field_add(c, "failures", "%ld", (long) bad);
        for (i = 0; i < NCONTRAST; i++)
        {
            char key[32];
            snprintf(key, sizeof key, "d = %ld", (long) rows[i].d);
            check_field_add(c, key, "n* = %ld, n_d = %ld, P(n_d) = %.12g, single 2^-d = %.3g%s%s",
                            (long) rows[i].nstar, (long) rows[i].nd, rows[i].at_nd, rows[i].single,
                            rows[i].meets ? "" : " (below 1 - 1/(2d))",
                            rows[i].agree ? "" : " (single neuron disagrees)");
        }
        check_set_witness(c, "S_d(1/10) of appc.h for d in {1,2,4,...,256}; singleton_prob_good(D, n) for "
                             "n = 1..n_d; singleton_prob_single against 2^-d and eps'");
        check_count(c, bad, 0);
        run_push(R, c);
        contrast_report(R, rows, fixed);
    }
    if (run_wants(R, "thm6.control.fixed_width"))
    {
        check_t k;
        run_check(R, k, "thm6.control.fixed_width");
        k->statement = bc_aprintf("Here the width is $n=%ld$.", (long) fixed);
        if (fixed_fail >= 0)
            check_set_witness(k, "d = %ld: P[Bas <= alpha_%ld] = %.12g < 1/2 (exact, singleton_prob_good)",
                              (long) rows[fixed_fail].d, (long) fixed, rows[fixed_fail].at_fixed);
        check_field_add(k, "dimensions refuting", "%ld of %d", (long) fixed_bad, NCONTRAST);
        check_count(k, fixed_bad, 0);
        run_push(R, k);
    }
    fmpq_clear(sf);
    s1_clear(S);
}

/* --------------------------------------------------------- figures */

/* Figure 2: L_1 on [-3/2, 2], exact values rounded for drawing, with the
   minima and the kink found by Lemma 6.A */
static void
figure_landscape(run_t R, const s1_t S)
{
    figure_t f;
    thm6_land_t A;
    fmpq_t w, v;
    double xs[141], ys[141], mx[4], my[4];
    slong i;

    thm6_land_init(A);
    thm6_land_analyse(A, S->x, S->y, 2);
    fmpq_init(w);
    fmpq_init(v);
    figure_init(f, "thm6.fig2", CLAIM,
                "Figure~2 of the paper with the reconstructed sample $S_1(0.1)=\\{(1,1),(-1,q)\\}$, "
                "$q\\approx\\sqrt{0.2}$: the single-neuron objective $L_1(w)$, exact values at $w=k/40$. The "
                "good minimum $w=1$ has value $\\epsilon'\\approx0.1$, the bad one $w=-q$ value $\\tfrac12$; "
                "the kink $w=0$ is a local maximum.",
                "$w$", "$L_1(w)$");
    for (i = 0; i <= 140; i++)
    {
        fmpq_set_si(w, i - 60, 40);
        thm6_loss1(v, S->x, S->y, 2, w);
        xs[i] = fmpq_get_d(w);
        ys[i] = fmpq_get_d(v);
    }
    figure_add_series(f, "$L_1(w)$", xs, ys, 141, 0);
    for (i = 0; i < A->nmin && i < 3; i++)
    {
        mx[i] = fmpq_get_d(A->w + i);
        my[i] = fmpq_get_d(A->val + i);
    }
    figure_add_series(f, "local minima ($w=-q$, $w=1$)", mx, my, FLINT_MIN(A->nmin, 3), 1);
    mx[3] = 0.0;
    my[3] = fmpq_get_d(A->L0);
    figure_add_series(f, A->kink == THM6_KINK_MAX ? "kink (local maximum)" : "kink", mx + 3, my + 3, 1, 1);
    run_add_figure(R, f);
    figure_clear(f);
    thm6_land_clear(A);
    fmpq_clear(w);
    fmpq_clear(v);
}

/* Figure 3: the surface of L_2 on the 2-D extension, with its minima */
static void
figure_surface(run_t R, const s1_t S)
{
    figure_t g;
    fmpq_t v;
    fmpq_mat_t X;
    fmpq *y, *w2 = _fmpq_vec_init(2);
    double mx[4], my[4], mz[4], *sx, *sy, *sz;
    slong i, j, n;
    const slong G = 25; /* grid of Figure 3: w_j = -5/4 + i/8 */

    fmpq_init(v);
    data_init(X, &y, S, 2);
    n = G * G;
    sx = flint_malloc(sizeof(double) * (size_t) n);
    sy = flint_malloc(sizeof(double) * (size_t) n);
    sz = flint_malloc(sizeof(double) * (size_t) n);
    for (j = 0; j < G; j++)
        for (i = 0; i < G; i++)
        {
            fmpq_set_si(w2 + 0, i - 10, 8);
            fmpq_set_si(w2 + 1, j - 10, 8);
            thm6_loss_d(v, X, y, w2);
            sx[j * G + i] = fmpq_get_d(w2 + 0);
            sy[j * G + i] = fmpq_get_d(w2 + 1);
            sz[j * G + i] = fmpq_get_d(v);
        }
    figure_init(
        g, "thm6.fig3", CLAIM,
        "Figure~3 of the paper, reconstructed: the objective $L_2(\\mathbf w)$ of the 2-D extension of "
        "$S_1(0.1)$ (four data points $x_t\\mathbf e_j$), exact values on the grid $w_j=k/8$, with its "
        "four local minima: the optimal $(1,1)$ (value $\\epsilon'$), the bad $(-q,-q)$ (value "
        "$\\tfrac12$) and the two average ones $(1,-q)$, $(-q,1)$ (value "
        "$\\tfrac12(\\epsilon'+\\tfrac12)$).",
        "$w_1$", "$w_2$");
    figure_set_3d(g, "$L_2(\\mathbf w)$");
    figure_add_series3(g, "$L_2$", sx, sy, sz, n, G, 0);
    for (i = 0; i < 4; i++)
    {
        /* i = 0: optimal, 3: bad, 1 and 2: average (bit j: coordinate j bad) */
        thm6_min_point(w2, S->q, (ulong) i, 2);
        thm6_loss_d(v, X, y, w2);
        mx[i] = fmpq_get_d(w2 + 0);
        my[i] = fmpq_get_d(w2 + 1);
        mz[i] = fmpq_get_d(v);
    }
    figure_add_series3(g, "optimal minimum", mx, my, mz, 1, 0, 1);
    figure_add_series3(g, "bad minimum", mx + 3, my + 3, mz + 3, 1, 0, 1);
    figure_add_series3(g, "average minima", mx + 1, my + 1, mz + 1, 2, 0, 1);
    run_add_figure(R, g);
    figure_clear(g);
    flint_free(sx);
    flint_free(sy);
    flint_free(sz);
    data_clear(X, y, 2);
    _fmpq_vec_clear(w2, 2);
    fmpq_clear(v);
}

/* ------------------------------------------------------- instances */

/* the instance S_1(1/10), and the table of the Monte Carlo cells that ran
   (their intervals are in the records, at the family's level) */
static void
add_instances(run_t R, const mc_cell cells[NMC], const fmpq *T)
{
    s1_t S;
    fmpq_t kappa;
    arb_t e, kl, half;
    char *sq, *kt, *buf;
    slong i, n = 0;

    for (i = 0; i < NMC; i++)
        n += cells[i].done;
    if (n == 0)
        return;
    s1_init_si(S, 1, 10, R);
    fmpq_init(kappa);
    arb_init(e);
    arb_init(kl);
    arb_init(half);
    claimed_rate(kappa, R);
    kt = exponent_tex(kappa);
    arb_set_d(half, 0.5);
    sq = qstr(S->q);
    run_add_instance(
        R,
        "\\textbf{Instances (reconstructed).} The one-dimensional sample $S_1(\\epsilon)=\\{(1,1),(-1,q)\\}$ "
        "of \\texttt{src/appc.h}; for $\\epsilon=1/10$, $2\\epsilon$ is not a rational square and "
        "$q=\\texttt{%s}\\approx%.12f$, $\\epsilon'=q^2/2\\approx%.15f$, "
        "$L_0=\\tfrac12-\\epsilon'\\approx%.12f$, "
        "$c=L_0/2$. Its $d$-dimensional extension has the $2d$ points $x_t\\mathbf e_j$ (singleton data).",
        sq, fmpq_get_d(S->q), fmpq_get_d(S->epsp), fmpq_get_d(S->L0));
    buf =
        bc_aprintf("\\textbf{Exact probability, bound and estimate} ($\\epsilon=1/10$; Chernoff (KL) is "
                   "$e^{-dD(k/d\\|1/2)}$, $k=\\lceil d/4\\rceil-1$; the intervals are in the records "
                   "\\checkref{thm6.mc.d2}, \\dots, \\checkref{thm6.mc.d256}).\n"
                   "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrrr}\\toprule $d$ & law & exact "
                   "$\\Pr[K<d/4]$ & $e^{-%s}$ & Chernoff (KL) & exact $\\Pr[\\mathrm{Bas}-\\min\\ge c/2]$ & "
                   "estimate ($N$)\\\\\\midrule\n",
                   kt);
    for (i = 0; i < NMC; i++)
    {
        slong d = mc_dims[i];
        char *row, *nb;
        if (!cells[i].done)
            continue;
        thm6_exp_bound(e, (ulong) d, kappa, PREC);
        chernoff_binom_below_kl(kl, (ulong) d, half, thm6_kmin((ulong) d), PREC);
        row = bc_aprintf("%ld & %s & %.6g & %.6g & %.6g & %.10f & %.5f (%lu)\\\\\n", (long) d,
                         sampler_name(laws[i % 4]), fmpq_get_d(T + d), arf_get_d(arb_midref(e), ARF_RND_NEAR),
                         arf_get_d(arb_midref(kl), ARF_RND_NEAR), 1.0 - fmpq_get_d(T + d),
                         (double) cells[i].hits / (double) FLINT_MAX(cells[i].N, 1),
                         (unsigned long) cells[i].N);
        nb = bc_aprintf("%s%s", buf, row);
        flint_free(buf);
        flint_free(row);
        buf = nb;
    }
    run_add_instance(R, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
    flint_free(sq);
    flint_free(kt);
    s1_clear(S);
    fmpq_clear(kappa);
    arb_clear(e);
    arb_clear(kl);
    arb_clear(half);
}

/* ------------------------------------------------------------- run */

/* 1 when the run wants a check that reads the exact tails */
static int
wants_tails(const run_t R)
{
    return run_wants(R, "thm6.prob.exact") || run_wants(R, "thm6.chernoff.rate") ||
           run_wants(R, "thm6.control.rate") || run_wants_prefix(R, "thm6.contrast.") ||
           run_wants(R, "thm6.control.fixed_width") || run_wants_prefix(R, "thm6.mc.");
}

static int
thm6_exec(run_t R)
{
    mc_cell cells[NMC];
    fmpq *T = NULL;
    fmpq_t ueps;
    slong ud, i;

    /* the user's instance first: bad input stops before any work */
    fmpq_init(ueps);
    if (user_parse(ueps, &ud, R->opts) != 0)
    {
        fmpq_clear(ueps);
        return 2;
    }
    if (run_wants(R, "thm6.landscape.1d"))
        check_landscape(R);
    if (run_wants(R, "thm6.control.lose_bad"))
        check_lose_bad(R);
    if (run_wants(R, "thm6.separable"))
        check_separable(R);
    if (run_wants(R, "thm6.minima.enum"))
        check_minima_enum(R);
    if (run_wants(R, "thm6.minima.count"))
        check_count_minima(R, 0);
    if (run_wants(R, "thm6.control.count"))
        check_count_minima(R, 1);
    if (run_wants(R, "thm6.basin.closedform"))
        check_engine(R);
    if (wants_tails(R))
        T = tails_new();
    if (run_wants(R, "thm6.prob.exact"))
        check_prob_exact(R, T);
    if (run_wants(R, "thm6.chernoff.rate"))
        check_rate(R, T);
    if (run_wants(R, "thm6.control.rate"))
        check_rate_control(R, T);
    for (i = 0; i < NMC; i++)
        cells[i].done = 0;
    if (run_wants_prefix(R, "thm6.mc."))
        check_mc_family(R, cells);
    if (run_wants(R, "thm6.mc.agree"))
        check_agree(R, cells);
    if (run_wants_prefix(R, "thm6.user."))
        check_user(R, ueps, ud);
    if (run_wants(R, "thm6.control.skewed"))
        check_skewed(R);
    if (run_wants(R, "thm6.control.tight_mc"))
        check_tight_mc(R);
    if (run_wants(R, "thm6.contrast.width") || run_wants(R, "thm6.control.fixed_width"))
        check_contrast(R, T);
    if (run_wants(R, "thm6.landscape.1d") || run_wants(R, "thm6.minima.enum"))
    {
        s1_t S;
        s1_init_si(S, 1, 10, R);
        if (run_wants(R, "thm6.landscape.1d"))
            figure_landscape(R, S);
        if (run_wants(R, "thm6.minima.enum"))
            figure_surface(R, S);
        s1_clear(S);
    }
    if (T != NULL)
        add_instances(R, cells, T);
    if (T != NULL)
        _fmpq_vec_clear(T, AUDIT_DMAX + 1);
    fmpq_clear(ueps);
    return 0;
}

const module_struct module_thm6 = {
    "thm6",
    CLAIM,
    "Theorem 6 (reconstructed): a single ReLU neuron, exponentially many local minima and a bad basin",
    1,
    thm6_specs,
    THM6_NSPECS,
    fragment_thm6,
    "dim eps",
    thm6_exec,
    thm6_mutants,
    THM6_NMUTANTS,
    NULL,
    NULL,
};

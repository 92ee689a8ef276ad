/* claims.c -- the module "claims": Claim 1 and Lemma 7 (Thm 3, B.5) and
   Claim 3 (Thm 5, B.7), the statements about caps of S^{d-1} that the two
   theorems rest on.

   The inequalities in the angle are proved for every theta of a range
   and every d of a range by the range prover (src/range.h): enclosures
   of h = (right side) - (left side) on boxes, built from the values of
   the monotone pieces at the box ends, and, where h touches 0 at
   theta = 0, the paper's own monotonicity argument (h(0) = 0 exactly,
   h' >= 0 on the box) with h' enclosed the same way.  The statements in
   d alone (the Gamma ratios) are decided one d at a time.  Lemma 7 is
   compared with p_eps exactly on a grid and by Monte Carlo, in the
   rank(X)-dimensional reduction and in the full dimension.  See
   claims.tex. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <flint/fmpz_mat.h>

#include "binom.h"
#include "claims.h"
#include "mc.h"
#include "range.h"
#include "sphere.h"

#define PREC 128

static const check_spec claims_specs[] = {
    {"claim1.integral", CHECK_RANGE, ST_HOLDS, 0,
     "int_0^theta sin^{d-2} >= sin^{d-1}(theta)/(d-1) for all theta in [0, pi], d in [2, 200] (quick: 40)"},
    {"claim1.omega_ratio_monotone", CHECK_BALL, ST_HOLDS, 0,
     "omega_{d-2}/omega_{d-1} < omega_{d-1}/omega_d for d = 2..10^4 (so >= omega_0/omega_1 = 1/pi)"},
    {"claim1.omega_ratio_limit", CHECK_BALL, ST_HOLDS, 0,
     "(d-1)/sqrt(2 pi d) <= omega_{d-2}/omega_{d-1} <= sqrt((d-1)/(2 pi)), d = 2..10^4: ratio ~ sqrt(d/(2 "
     "pi))"},
    {"claim1.cap_bound", CHECK_RANGE, ST_HOLDS, 0,
     "cap fraction F_d(theta) >= sin^{d-1}(theta)/(pi (d-1)) for theta in [0, pi], d in [2, 200] (quick: "
     "40)"},
    {"claim3.integral", CHECK_RANGE, ST_HOLDS, 0,
     "int_0^{pi/2-theta} sin^{d-2} >= omega_{d-1}/(2 omega_{d-2}) - theta, theta in [0, pi/2], d in [2, "
     "200]"},
    {"claim3.omega_ratio_bound", CHECK_BALL, ST_HOLDS, 0,
     "omega_{d-1}/omega_d <= sqrt(d/(2 pi)) for d = 2..10^4 (Leopardi 2007, Lemma 2.3.20)"},
    {"lemma7.cap_vs_peps", CHECK_BALL, ST_HOLDS, 0,
     "exact F_r(2 arcsin(delta/2))/2 >= p_eps on a grid of r and eps/(nB)^2 (reconstructed angle)"},
    {"lemma7.mc.reduced", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, uniform direction on S^{r-1} and sign: P[within angle, right sign] >= p_eps"},
    {"lemma7.mc.full", CHECK_MONTECARLO, ST_CONSISTENT, 0,
     "Monte Carlo, uniform direction in R^d projected on an r-dim subspace: P >= p_eps"},
    {"lemma7.mc.equal", CHECK_AUDIT, ST_CONSISTENT, 0,
     "the reduced and full-dimension probabilities agree (two-sample Clopper-Pearson test)"},
    {"claims.control.integral_const", CHECK_RANGE, ST_FAILS, 1,
     "control: Claim 1's integral bound with 1/(d-1) raised to 1.1/(d-1); false near theta = 0"},
    {"claims.control.cap_double", CHECK_RANGE, ST_FAILS, 1,
     "control: Claim 1's cap bound multiplied by 2; false for d = 2, 3"},
    {"claims.control.touch", CHECK_RANGE, ST_HOLDS, 1,
     "control: (theta - sin theta)/pi >= 0 (cap bound, d = 2) touches at 0: holds only by monotonicity"},
    {"claims.control.ratio_monotone", CHECK_BALL, ST_FAILS, 1,
     "control: (1001/1000) omega_{d-2}/omega_{d-1} < omega_{d-1}/omega_d, d = 2..10^4 (fails near d = 500)"},
    {"claims.control.ratio_limit", CHECK_BALL, ST_FAILS, 1,
     "control: Wendel's bounds with 1001/1000 and 999/1000 factors, d = 2..10^4"},
    {"claims.control.ratio_bound", CHECK_BALL, ST_FAILS, 1,
     "control: omega_{d-1}/omega_d <= (999/1000) sqrt(d/(2 pi)), d = 2..10^4"},
};

#define CLAIMS_NSPECS ((slong) (sizeof(claims_specs) / sizeof(claims_specs[0])))

/* ------------------------------------------------------------ helpers */

static void
check_start(check_t c, const char *id, const char *claim, int reconstructed)
{
    module_check_start(c, claims_specs, CLAIMS_NSPECS, id, claim);
    c->reconstructed = reconstructed;
}

static const char *CLAIM1 = "Claim 1 (Thm 3)";
static const char *CLAIM3 = "Claim 3 (Thm 5)";
static const char *LEMMA7 = "Lemma 7 (Thm 3)";
static const char *CONTROL = "Claim 1 (Thm 3)";

/* Interval product [p, q] x [l, u] from balls enclosing the four ends:
   the hull of the four end products.  (arb_mul of two hull balls would
   lose the exact lower end 0 that the touch arguments need.) */
static void
ivl_mul(arb_t res, const arb_t p, const arb_t q, const arb_t l, const arb_t u, slong prec)
{
    arb_t a, b, t;
    arb_init(a);
    arb_init(b);
    arb_init(t);
    arb_mul(a, p, l, prec);
    arb_mul(t, p, u, prec);
    range_hull(a, a, t, prec);
    arb_mul(b, q, l, prec);
    arb_mul(t, q, u, prec);
    range_hull(b, b, t, prec);
    range_hull(res, a, b, prec);
    arb_clear(a);
    arb_clear(b);
    arb_clear(t);
}

/* 1 - cos x = 2 sin^2(x/2) >= 0 without cancellation */
static void
one_minus_cos(arb_t res, const arb_t x, slong prec)
{
    arb_mul_2exp_si(res, x, -1);
    arb_sin(res, res, prec);
    arb_sqr(res, res, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_nonnegative_part(res, res);
}

/* R(d) - K/pi with R(d) = omega_{d-2}/omega_{d-1} from its exact form:
   R(d) = q_d / pi for even d (q_2 = 1), R(d) = q_d for odd d (q_3 = 1/2),
   q_d = q_{d-2} (d-2)/(d-3).  For even d the difference is the exact
   rational (q_d - K) over pi, so it is an exact 0 when q_d = K (d = 2 with
   K = 1, d = 4 with K = 2), which a touch argument can use. */
static void
ratio_minus(arb_t res, ulong d, slong knum, slong kden, slong prec)
{
    fmpq_t q, K;
    ulong e;
    arb_t pi, t;

    fmpq_init(q);
    fmpq_init(K);
    fmpq_set_si(K, knum, kden);
    arb_init(pi);
    arb_init(t);
    if (d % 2 == 0)
        fmpq_one(q);
    else
        fmpq_set_si(q, 1, 2);
    for (e = (d % 2 == 0) ? 4 : 5; e <= d; e += 2)
    {
        fmpz_t m;
        fmpz_init_set_ui(m, e - 2);
        fmpq_mul_fmpz(q, q, m);
        fmpz_set_ui(m, e - 3);
        fmpq_div_fmpz(q, q, m);
        fmpz_clear(m);
    }
    arb_const_pi(pi, prec + 10);
    if (d % 2 == 0)
    {
        fmpq_sub(q, q, K);
        arb_set_fmpq(t, q, prec + 10);
        arb_div(res, t, pi, prec);
    }
    else
    {
        arb_set_fmpq(res, q, prec + 10);
        arb_set_fmpq(t, K, prec + 10);
        arb_div(t, t, pi, prec + 10);
        arb_sub(res, res, t, prec);
    }
    fmpq_clear(q);
    fmpq_clear(K);
    arb_clear(pi);
    arb_clear(t);
}

/* --------------------------------------------------- range functions */

/* Context of the Claim 1 problems: the constant K of the bound (1 for
   the claim, 11/10 or 2 in the controls) and whether the bound is on the
   integral or on the cap fraction. */
typedef struct
{
    slong knum; /* K = knum / kden */
    slong kden;
    int cap; /* 0: int_0^theta sin^{d-2}; 1: the cap fraction F_d */
} claim1_ctx;

static void
claim1_K(arb_t res, const claim1_ctx *C, slong prec)
{
    arb_set_si(res, C->knum);
    arb_div_si(res, res, C->kden, prec);
}

/* the left side L(theta): int_0^theta sin^{d-2} or F_d(theta), both
   increasing in theta */
static void
claim1_lhs(arb_t res, const arb_t t, ulong d, const claim1_ctx *C, slong prec)
{
    if (C->cap)
        sphere_cap_fraction(res, t, d, prec);
    else
        sphere_sinpow_integral(res, t, d - 2, prec);
}

/* the bound K sin^{d-1}(theta)/(d-1), divided by pi for the cap */
static void
claim1_rhs(arb_t res, const arb_t t, ulong d, const claim1_ctx *C, slong prec)
{
    arb_t k;
    arb_init(k);
    sphere_sin_nonneg(res, t, prec);
    arb_pow_ui(res, res, d - 1, prec);
    /* a power of sin >= 0 on [0, pi]: the mid-radius power of a ball at 0
       may dip below 0, which the touch arguments cannot afford */
    arb_nonnegative_part(res, res);
    claim1_K(k, C, prec);
    arb_mul(res, res, k, prec);
    arb_div_ui(res, res, d - 1, prec);
    if (C->cap)
    {
        arb_const_pi(k, prec);
        arb_div(res, res, k, prec);
    }
    arb_clear(k);
}

/* h = L - bound on the box [A, B] of [0, pi]: L increasing, so L(A) and
   L(B) bound it; the bound is K sin^{d-1}/(d-1) with sin unimodal on
   [0, pi], so its minimum is at an end and its maximum at B if
   B <= pi/2, at A if A >= pi/2, else at pi/2 (the value K/(d-1)). */
static void
claim1_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    const claim1_ctx *C = ctx;
    ulong d = (ulong) par;
    arb_t La, Lb, sa, sb, smax, half_pi, t;

    (void) x;
    arb_init(La);
    arb_init(Lb);
    arb_init(sa);
    arb_init(sb);
    arb_init(smax);
    arb_init(half_pi);
    arb_init(t);

    claim1_lhs(La, a, d, C, prec);
    claim1_rhs(sa, a, d, C, prec);
    if (arb_equal(a, b))
    {
        arb_sub(res, La, sa, prec);
        goto done;
    }
    claim1_lhs(Lb, b, d, C, prec);
    claim1_rhs(sb, b, d, C, prec);
    arb_const_pi(half_pi, prec);
    arb_mul_2exp_si(half_pi, half_pi, -1);
    if (arb_le(b, half_pi))
        arb_set(smax, sb);
    else if (arb_ge(a, half_pi))
        arb_set(smax, sa);
    else
    {
        /* sin(pi/2) = 1 exactly: K/(d-1) (over pi for the cap) */
        claim1_K(smax, C, prec);
        arb_div_ui(smax, smax, d - 1, prec);
        if (C->cap)
        {
            arb_const_pi(t, prec);
            arb_div(smax, smax, t, prec);
        }
    }
    /* min over the box of L - s >= L(A) - max s; max <= L(B) - min s */
    arb_sub(t, La, smax, prec);
    arb_sub(res, Lb, sa, prec);
    arb_sub(sa, Lb, sb, prec);
    range_hull(res, res, sa, prec);
    range_hull(res, t, res, prec);
done:
    arb_clear(La);
    arb_clear(Lb);
    arb_clear(sa);
    arb_clear(sb);
    arb_clear(smax);
    arb_clear(half_pi);
    arb_clear(t);
}

/* h' = sin^{d-2}(theta) g(theta) with
     g = 1 - K cos theta = (1 - K) + K (1 - cos theta)          (integral),
     g = R(d) - K cos(theta)/pi
       = (R(d) - K/pi) + K (1 - cos theta)/pi                   (cap, B.5).
   On [A, B] in [0, pi]: sin^{d-2} lies between its end values (min) and
   its maximum as in claim1_value, both >= 0; g is increasing (1 - cos
   is), so it lies in [g(A), g(B)]; the product is the hull of the end
   products.  The constant terms are exact for K = 1 (1 - K = 0, and
   R(2) - 1/pi = 0), which the touch at theta = 0 needs. */
static void
claim1_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    const claim1_ctx *C = ctx;
    ulong d = (ulong) par;
    arb_t c0, ga, gb, sa, sb, smin, smax, k, t, half_pi;

    (void) x;
    arb_init(c0);
    arb_init(ga);
    arb_init(gb);
    arb_init(sa);
    arb_init(sb);
    arb_init(smin);
    arb_init(smax);
    arb_init(k);
    arb_init(t);
    arb_init(half_pi);

    claim1_K(k, C, prec);
    if (C->cap)
    {
        ratio_minus(c0, d, C->knum, C->kden, prec);
        arb_const_pi(t, prec);
        arb_div(k, k, t, prec);
    }
    else
    {
        /* 1 - K = (kden - knum)/kden, exact 0 for K = 1 */
        arb_set_si(c0, C->kden - C->knum);
        arb_div_si(c0, c0, C->kden, prec);
    }
    one_minus_cos(ga, a, prec);
    arb_mul(ga, ga, k, prec);
    arb_add(ga, ga, c0, prec);
    one_minus_cos(gb, b, prec);
    arb_mul(gb, gb, k, prec);
    arb_add(gb, gb, c0, prec);

    /* sin^{d-2} >= 0 on [0, pi] (see claim1_rhs) */
    sphere_sin_nonneg(sa, a, prec);
    arb_pow_ui(sa, sa, d - 2, prec);
    arb_nonnegative_part(sa, sa);
    sphere_sin_nonneg(sb, b, prec);
    arb_pow_ui(sb, sb, d - 2, prec);
    arb_nonnegative_part(sb, sb);
    arb_const_pi(half_pi, prec);
    arb_mul_2exp_si(half_pi, half_pi, -1);
    /* the minimum of sin^{d-2}: the smaller end value, as a ball whose
       lower end is that of the smaller one */
    range_hull(smin, sa, sb, prec);
    arb_get_lbound_arf(arb_midref(t), smin, prec);
    mag_zero(arb_radref(t));
    arb_set(smin, t);
    if (arb_le(b, half_pi))
        arb_set(smax, sb);
    else if (arb_ge(a, half_pi))
        arb_set(smax, sa);
    else
        arb_one(smax);
    ivl_mul(res, smin, smax, ga, gb, prec);

    arb_clear(c0);
    arb_clear(ga);
    arb_clear(gb);
    arb_clear(sa);
    arb_clear(sb);
    arb_clear(smin);
    arb_clear(smax);
    arb_clear(k);
    arb_clear(t);
    arb_clear(half_pi);
}

/* Claim 3: h(theta) = int_0^{pi/2 - theta} sin^{d-2} - 1/(2 R(d)) + theta on
   [0, pi/2] (omega_{d-1}/(2 omega_{d-2}) = 1/(2 R(d))).  The integral is
   decreasing in theta and theta increasing: on [A, B],
   h in [J(pi/2 - B) + A, J(pi/2 - A) + B] - 1/(2 R(d)). */
static void
claim3_J(arb_t res, const arb_t t, ulong d, slong prec)
{
    arb_t u;
    arb_init(u);
    arb_const_pi(u, prec);
    arb_mul_2exp_si(u, u, -1);
    arb_sub(u, u, t, prec);
    sphere_sinpow_integral(res, u, d - 2, prec);
    arb_clear(u);
}

static void
claim3_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    ulong d = (ulong) par;
    arb_t lo, hi, c;
    (void) x;
    (void) ctx;
    arb_init(lo);
    arb_init(hi);
    arb_init(c);
    sphere_omega_ratio(c, d, prec);
    arb_inv(c, c, prec);
    arb_mul_2exp_si(c, c, -1);
    claim3_J(hi, a, d, prec);
    if (arb_equal(a, b))
    {
        arb_add(res, hi, a, prec);
        arb_sub(res, res, c, prec);
    }
    else
    {
        arb_add(hi, hi, b, prec);
        arb_sub(hi, hi, c, prec);
        claim3_J(lo, b, d, prec);
        arb_add(lo, lo, a, prec);
        arb_sub(lo, lo, c, prec);
        range_hull(res, lo, hi, prec);
    }
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(c);
}

/* h' = 1 - cos^{d-2}(theta) (B.7): cos is decreasing on [0, pi/2] with
   values in [0, 1], so h' in [1 - cos^{d-2}(A), 1 - cos^{d-2}(B)]; at
   A = 0 the lower end is 1 - 1 = 0 exactly, and for d = 2 h' = 0. */
static void
claim3_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    ulong d = (ulong) par;
    arb_t lo, hi, unit;
    (void) x;
    (void) ctx;
    arb_init(lo);
    arb_init(hi);
    arb_init(unit);
    /* [1/2 +/- 1/2] = [0, 1], where cos lies on [0, pi/2] */
    arb_one(unit);
    arb_mul_2exp_si(unit, unit, -1);
    mag_one(arb_radref(unit));
    mag_mul_2exp_si(arb_radref(unit), arb_radref(unit), -1);

    arb_cos(lo, a, prec);
    if (!arb_intersection(lo, lo, unit, prec))
        arb_indeterminate(lo);
    arb_pow_ui(lo, lo, d - 2, prec);
    arb_sub_ui(lo, lo, 1, prec);
    arb_neg(lo, lo);
    arb_cos(hi, b, prec);
    if (!arb_intersection(hi, hi, unit, prec))
        arb_indeterminate(hi);
    arb_pow_ui(hi, hi, d - 2, prec);
    arb_sub_ui(hi, hi, 1, prec);
    arb_neg(hi, hi);
    /* 1 - cos^{d-2} at A: with cos A = 1 exactly this is an exact 0 */
    range_hull(res, lo, hi, prec);
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(unit);
}

/* --------------------------------------------------------- sizes */

typedef struct
{
    slong dmax;       /* d in [2, dmax] for the range checks */
    slong ratio_dmax; /* d in [2, ratio_dmax] for the Gamma-ratio checks */
    slong grid;       /* pointwise confirmation points per d */
    slong ctrl_dmax;  /* d range of the negative controls */
    slong rho_steps;  /* Lemma 7 grid: rho = 4 * 2^-k, k = 0..rho_steps */
    ulong mc_samples; /* per Monte Carlo check */
} claims_size;

static void
size_params(claims_size *z, const run_opts *opts)
{
    z->ratio_dmax = 10000;
    z->ctrl_dmax = 40;
    if (opts->size == SIZE_QUICK)
    {
        z->dmax = 40;
        z->grid = 16;
        z->rho_steps = 20;
        z->mc_samples = 20000;
    }
    else if (opts->size == SIZE_DEFAULT)
    {
        z->dmax = 200;
        z->grid = 64;
        z->rho_steps = 40;
        z->mc_samples = 200000;
    }
    else
    {
        z->dmax = 200;
        z->grid = 256;
        z->rho_steps = 60;
        z->mc_samples = 1000000;
    }
    if (opts->samples > 0)
        z->mc_samples = (ulong) opts->samples;
    else if (opts->samples == -1)
        z->mc_samples = mc_samples_for_slack(opts->slack, opts->tail);
}

/* ------------------------------------------------- range checks */

/* The exact dyadic x as "p/q (~ decimal)"; flint_free the result. */
static char *
exact_point_str(const arb_t x)
{
    fmpq_t q;
    char *a, *b, *s;
    fmpq_init(q);
    arf_get_fmpq(q, arb_midref(x));
    a = fmpq_get_str(NULL, 10, q);
    b = bc_arb_str(x, 20);
    s = bc_aprintf("%s (~ %s)", a, b);
    flint_free(a);
    flint_free(b);
    fmpq_clear(q);
    return s;
}

/* Moves the prover's verdict, counts and witness into c. */
static void
range_to_check(check_t c, const range_result_t R, const range_problem_t P, const char *par_name)
{
    char *s = range_result_str(R, P);
    c->status = check_status_from_truth(R->status);
    check_field_add(c, "prover", "%s", s);
    flint_free(s);
    check_field_add(c, "range", "%s in [%ld, %ld]", par_name, (long) P->par_lo, (long) P->par_hi);
    check_field_add(c, "boxes", "%ld", (long) R->nboxes);
    check_field_add(c, "by_enclosure", "%ld", (long) R->nproved_enclosure);
    check_field_add(c, "by_monotonicity", "%ld", (long) R->nproved_monotone);
    check_field_add(c, "point_enclosures", "%ld", (long) R->nprobes);
    check_field_add(c, "max_depth", "%ld", (long) R->depth);
    if (R->touch_contradicted)
        check_add_note(c, "The touch assertion at an end point was contradicted by its enclosure and was "
                          "not used. ");
    if (R->status == BC_FALSE)
    {
        char *x = exact_point_str(R->cex_x), *v = bc_arb_bound_str(R->cex_value, +1, 12);
        check_set_witness(c, "%s = %ld, theta = %s: h(theta) <= %s < 0 (enclosure at %ld bits)", par_name,
                          (long) R->cex_par, x, v, (long) R->cex_prec);
        flint_free(x);
        flint_free(v);
    }
    else if (R->status == BC_UNDECIDED && R->nstored > 0)
    {
        char *a = bc_arb_bound_str(R->left_lo + 0, -1, 15), *b = bc_arb_bound_str(R->left_hi + 0, +1, 15);
        check_set_witness(c, "%ld boxes left; first: %s = %ld, theta in [%s, %s]", (long) R->nleft, par_name,
                          (long) R->left_par[0], a, b);
        flint_free(a);
        flint_free(b);
    }
    c->seconds = R->seconds;
}

/* Pointwise confirmation, independent of the monotonicity arguments:
   h(theta_j) > 0 decided by enclosure at theta_j = j hi_num/(grid hi_den)
   for j = 1..grid and every d of the problem (skip_d: a d where h is
   identically 0).  Returns the number of points where h < 0 was decided
   (a contradiction with a proof) and sets *npos, *nopen. */
static slong
pointwise(const range_problem_t P, slong grid, slong hi_num, slong hi_den, slong skip_d, slong *npos,
          slong *nopen)
{
    slong d, j, nneg = 0;
    arb_t t, v;
    arb_init(t);
    arb_init(v);
    *npos = *nopen = 0;
    for (d = P->par_lo; d <= P->par_hi; d++)
    {
        if (d == skip_d)
            continue;
        for (j = 1; j <= grid; j++)
        {
            slong prec;
            truth_t r = BC_UNDECIDED;
            for (prec = PREC; prec <= 4 * PREC && r == BC_UNDECIDED; prec *= 2)
            {
                fmpq_t q;
                fmpq_init(q);
                fmpq_set_si(q, j * hi_num, grid * hi_den);
                arb_set_fmpq(t, q, prec + 20);
                fmpq_clear(q);
                P->value(v, t, t, t, d, P->ctx, prec);
                r = bc_arb_gt_zero(v);
                if (r == BC_FALSE && !arb_is_negative(v))
                    r = BC_UNDECIDED;
            }
            if (r == BC_TRUE)
                (*npos)++;
            else if (r == BC_FALSE)
                nneg++;
            else
                (*nopen)++;
        }
    }
    arb_clear(t);
    arb_clear(v);
    return nneg;
}

static void
setup_claim1(range_problem_t P, claim1_ctx *C, int cap, slong knum, slong kden, slong dlo, slong dhi)
{
    range_problem_init(P);
    C->knum = knum;
    C->kden = kden;
    C->cap = cap;
    P->value = claim1_value;
    P->deriv = claim1_deriv;
    P->ctx = C;
    arb_zero(P->lo);
    arb_const_pi(P->hi, PREC);
    P->par_lo = dlo;
    P->par_hi = dhi;
    /* h(0) = 0 - 0 exactly: both sides vanish at theta = 0 */
    P->touch_lo = 1;
    P->prec = PREC;
    P->max_depth = 40;
    P->max_boxes = 20000;
}

static void
run_claim1_range(checklist_t L, const claims_size *z, int cap)
{
    check_t c;
    range_problem_t P;
    range_result_t R;
    claim1_ctx C;
    slong npos, nopen, nneg;
    double t0;

    check_start(c, cap ? "claim1.cap_bound" : "claim1.integral", CLAIM1, 0);
    if (cap)
        c->statement = bc_aprintf(
            "For every $d\\in[2,%ld]$ and every $\\theta\\in[0,\\pi]$, the fraction of $S^{d-1}$ in a cap "
            "of angular radius $\\theta$ satisfies $F_d(\\theta)=\\frac{\\omega_{d-2}}{\\omega_{d-1}}"
            "\\int_0^\\theta\\sin^{d-2}\\xi\\,d\\xi\\ge\\frac{\\sin^{d-1}\\theta}{\\pi(d-1)}$.",
            (long) z->dmax);
    else
        c->statement =
            bc_aprintf("For every $d\\in[2,%ld]$ and every $\\theta\\in[0,\\pi]$: "
                       "$\\int_0^\\theta\\sin^{d-2}\\xi\\,d\\xi\\ge\\frac{\\sin^{d-1}\\theta}{d-1}$.",
                       (long) z->dmax);
    setup_claim1(P, &C, cap, 1, 1, 2, z->dmax);
    range_result_init(R);
    t0 = bc_seconds();
    range_prove(R, P);
    range_to_check(c, R, P, "d");
    nneg = pointwise(P, z->grid, 314, 100, -1, &npos, &nopen);
    check_field_add(c, "pointwise",
                    "%ld points theta = 3.14 j/%ld: %ld with h > 0 decided, %ld open, %ld with "
                    "h < 0",
                    (long) (npos + nopen + nneg), (long) z->grid, (long) npos, (long) nopen, (long) nneg);
    if (nneg > 0)
    {
        c->status = ST_UNDECIDED;
        check_add_note(c,
                       "Contradiction: the pointwise enclosures found h < 0 where the prover found h >= 0. ");
    }
    {
        /* the same statement away from the touch point by enclosure alone
           (no derivative): the prover's other route, on small d where
           the boxes needed stay few */
        range_result_t R2;
        char *s;
        slong dm = z->dmax < 100 ? 6 : 12;
        range_result_init(R2);
        P->deriv = NULL;
        P->touch_lo = 0;
        arb_one(P->lo);
        arb_mul_2exp_si(P->lo, P->lo, -2);
        P->par_hi = dm;
        P->max_boxes = 50000;
        range_prove(R2, P);
        s = range_result_str(R2, P);
        check_field_add(c, "enclosure_only", "theta in [1/4, pi], d in [2, %ld], no derivative: %s",
                        (long) dm, s);
        flint_free(s);
        if (R2->status == BC_FALSE)
        {
            c->status = ST_UNDECIDED;
            check_add_note(c, "Contradiction: the enclosure-only run found a counterexample. ");
        }
        range_result_clear(R2);
    }
    c->seconds = bc_seconds() - t0;
    if (cap)
        check_add_note(
            c, "B.5: $F_d=R(d)\\int_0^\\theta\\sin^{d-2}$ with $R(d)=\\omega_{d-2}/\\omega_{d-1}\\ge"
               "1/\\pi$. Proved on $[0,\\pi]$, which contains the range $[0,\\pi/2]$ of the brief and "
               "every angle $2\\arcsin(\\delta/2)$, $\\delta\\le2$, Lemma 7 uses. Monotonicity: $h'="
               "\\sin^{d-2}\\theta\\,((R(d)-1/\\pi)+(1-\\cos\\theta)/\\pi)\\ge0$, with $R(d)-1/\\pi$ "
               "exact ($0$ for $d=2$). ");
    else
        check_add_note(c, "B.5: $h(0)=0$ and $h'(\\theta)=\\sin^{d-2}\\theta\\,(1-\\cos\\theta)\\ge0$; the "
                          "prover checks the derivative enclosure box by box. ");
    check_add_note(c,
                   "Pointwise values (strict, by enclosure alone) and an enclosure-only run of the prover "
                   "on $[1/4,\\pi]$ for small $d$ confirm the inequality independently of the monotonicity "
                   "argument.");
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);
}

static void
run_claim3_range(checklist_t L, const claims_size *z)
{
    check_t c;
    range_problem_t P;
    range_result_t R;
    slong npos, nopen, nneg;
    double t0;

    check_start(c, "claim3.integral", CLAIM3, 0);
    c->statement = bc_aprintf("For every $d\\in[2,%ld]$ and every $\\theta\\in[0,\\pi/2]$: "
                              "$\\int_0^{\\pi/2-\\theta}\\sin^{d-2}\\xi\\,d\\xi\\ge"
                              "\\frac{\\omega_{d-1}}{2\\omega_{d-2}}-\\theta$.",
                              (long) z->dmax);
    range_problem_init(P);
    P->value = claim3_value;
    P->deriv = claim3_deriv;
    arb_zero(P->lo);
    arb_const_pi(P->hi, PREC);
    arb_mul_2exp_si(P->hi, P->hi, -1);
    P->par_lo = 2;
    P->par_hi = z->dmax;
    /* h(0) = int_0^{pi/2} sin^{d-2} - omega_{d-1}/(2 omega_{d-2}) = 0: the
       half sphere is half the area */
    P->touch_lo = 1;
    P->prec = PREC;
    P->max_depth = 40;
    P->max_boxes = 20000;
    range_result_init(R);
    t0 = bc_seconds();
    range_prove(R, P);
    range_to_check(c, R, P, "d");
    nneg = pointwise(P, z->grid, 157, 100, 2, &npos, &nopen);
    check_field_add(c, "pointwise",
                    "%ld points theta = 1.57 j/%ld, d >= 3: %ld with h > 0 decided, %ld open, "
                    "%ld with h < 0",
                    (long) (npos + nopen + nneg), (long) z->grid, (long) npos, (long) nopen, (long) nneg);
    if (nneg > 0)
    {
        c->status = ST_UNDECIDED;
        check_add_note(c,
                       "Contradiction: the pointwise enclosures found h < 0 where the prover found h >= 0. ");
    }
    c->seconds = bc_seconds() - t0;
    check_add_note(c, "B.7: the left side decreases with derivative $-\\cos^{d-2}\\theta\\ge-1$, so "
                      "$h'(\\theta)=1-\\cos^{d-2}\\theta\\ge0$ and $h(0)=0$ (the half sphere). For $d=2$ "
                      "$h\\equiv0$: no enclosure of $h$ on a box can be $\\ge0$ there, only the monotonicity "
                      "argument proves it. The statement is used in B.7 for $\\theta=2\\arcsin(\\delta_j/"
                      "(2\\|c_j\\|))\\le\\pi/2$; the range checked is $[0,\\pi/2]$.");
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);
}

/* ----------------------------------------------- the Gamma ratios */

/* R[d] = omega_{d-2}/omega_{d-1} for d = 2..dmax (recurrence), checked
   against the Gamma form at a sample of d; returns the number of
   disagreements (0 expected). */
static slong
ratio_table(arb_ptr T, slong dmax, slong prec, slong *nchecked)
{
    slong d, bad = 0;
    arb_t g;
    arb_init(g);
    sphere_omega_ratio_table(T, (ulong) dmax, prec);
    *nchecked = 0;
    for (d = 2; d <= dmax; d++)
        if (d < 50 || d % 250 == 0 || d == dmax)
        {
            sphere_omega_ratio(g, (ulong) d, prec);
            (*nchecked)++;
            if (!arb_overlaps(g, T + d))
                bad++;
        }
    arb_clear(g);
    return bad;
}

truth_t
claims_ratio_decide(claims_ratio_ineq which, arb_srcptr T, slong N, slong knum, slong kden, slong prec,
                    slong *nheld, slong *dfalse, slong *dopen)
{
    slong d;
    truth_t all = BC_TRUE;
    arb_t pi, K, lhs, rhs, t;
    arb_init(pi);
    arb_init(K);
    arb_init(lhs);
    arb_init(rhs);
    arb_init(t);
    arb_const_pi(pi, prec);
    arb_set_si(K, knum);
    arb_div_si(K, K, kden, prec);
    *nheld = 0;
    *dfalse = *dopen = -1;
    for (d = 2; d <= N; d++)
    {
        truth_t r;
        if (which == CLAIMS_RATIO_MONO)
        {
            /* K R(d) < R(d+1): false when K R(d) >= R(d+1) for the whole balls */
            arb_mul(lhs, K, T + d, prec);
            r = arb_lt(lhs, T + d + 1) ? BC_TRUE : (arb_ge(lhs, T + d + 1) ? BC_FALSE : BC_UNDECIDED);
        }
        else
        {
            /* squared forms, every side positive:
               LO  K^2 (d-1)^2 <= 2 pi d R(d)^2
               HI  2 pi R(d)^2 <= K^2 (d-1)
               C3  2 pi R(d+1)^2 <= K^2 d */
            arb_sqr(t, K, prec);
            arb_sqr(rhs, which == CLAIMS_RATIO_C3 ? T + d + 1 : T + d, prec);
            arb_mul(rhs, rhs, pi, prec);
            arb_mul_2exp_si(rhs, rhs, 1);
            if (which == CLAIMS_RATIO_LO)
            {
                arb_mul_ui(rhs, rhs, (ulong) d, prec);
                arb_set_ui(lhs, (ulong) (d - 1));
                arb_sqr(lhs, lhs, prec);
                arb_mul(lhs, lhs, t, prec);
                r = bc_arb_le(lhs, rhs);
            }
            else
            {
                arb_set_ui(lhs, (ulong) (which == CLAIMS_RATIO_C3 ? d : d - 1));
                arb_mul(lhs, lhs, t, prec);
                r = bc_arb_le(rhs, lhs);
            }
        }
        if (r == BC_TRUE)
            (*nheld)++;
        else if (r == BC_FALSE && *dfalse < 0)
            *dfalse = d;
        else if (r == BC_UNDECIDED && *dopen < 0)
            *dopen = d;
        all = bc_truth_and(all, r);
    }
    arb_clear(pi);
    arb_clear(K);
    arb_clear(lhs);
    arb_clear(rhs);
    arb_clear(t);
    return all;
}

/* the two sides of inequality `which` at d with constant K, as decimals,
   for a witness */
static char *
ratio_sides(claims_ratio_ineq which, arb_srcptr T, slong d, slong knum, slong kden, slong prec)
{
    arb_t a, b, K, pi;
    char *sa, *sb, *s;
    static const char *const form[4] = {"K R(d) = %s, R(d+1) = %s", "K (d-1)/sqrt(2 pi d) = %s, R(d) = %s",
                                        "R(d) = %s, K sqrt((d-1)/(2 pi)) = %s",
                                        "R(d+1) = omega_{d-1}/omega_d = %s, K sqrt(d/(2 pi)) = %s"};
    arb_init(a);
    arb_init(b);
    arb_init(K);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_set_si(K, knum);
    arb_div_si(K, K, kden, prec);
    switch (which)
    {
    case CLAIMS_RATIO_MONO:
        arb_mul(a, K, T + d, prec);
        arb_set(b, T + d + 1);
        break;
    case CLAIMS_RATIO_LO:
        arb_mul_ui(a, pi, 2 * (ulong) d, prec);
        arb_sqrt(a, a, prec);
        arb_ui_div(a, (ulong) (d - 1), a, prec);
        arb_mul(a, a, K, prec);
        arb_set(b, T + d);
        break;
    default:
        arb_set(a, which == CLAIMS_RATIO_C3 ? T + d + 1 : T + d);
        arb_set_ui(b, (ulong) (which == CLAIMS_RATIO_C3 ? d : d - 1));
        arb_div(b, b, pi, prec);
        arb_mul_2exp_si(b, b, -1);
        arb_sqrt(b, b, prec);
        arb_mul(b, b, K, prec);
        break;
    }
    sa = bc_arb_str(a, 20);
    sb = bc_arb_str(b, 20);
    s = bc_aprintf(form[which], sa, sb);
    flint_free(sa);
    flint_free(sb);
    arb_clear(a);
    arb_clear(b);
    arb_clear(K);
    arb_clear(pi);
    return s;
}

/* One inequality of a ratio record decided with constant K: appends the
   field key ("k of N-1 decided...") and, on a decided violation, the
   witness (the first such d, with both sides).  Returns the decision. */
static truth_t
ratio_part(check_t c, const char *key, claims_ratio_ineq which, arb_srcptr T, slong N, slong knum, slong kden,
           slong prec)
{
    slong held, df, dop;
    truth_t t = claims_ratio_decide(which, T, N, knum, kden, prec, &held, &df, &dop);
    check_field_add(c, key, "%ld of %ld decided true%s", (long) held, (long) (N - 1),
                    t == BC_TRUE ? "" : (t == BC_FALSE ? " (a decided violation)" : " (some undecided)"));
    if (df >= 0)
    {
        char *s = ratio_sides(which, T, df, knum, kden, prec);
        if (c->witness == NULL)
            check_set_witness(c, "%s: first violation at d = %ld with K = %ld/%ld: %s", key, (long) df,
                              (long) knum, (long) kden, s);
        flint_free(s);
    }
    else if (dop >= 0)
        check_field_add(c, "first_undecided", "%s: d = %ld", key, (long) dop);
    return t;
}

/* the status of a ratio record: the decisions, and the Gamma cross-check
   (a disagreement of the two evaluations of R would make every decision
   suspect: undecided, never a pass) */
static check_status
ratio_status(truth_t t, slong bad)
{
    if (bad > 0 && t != BC_FALSE)
        return ST_UNDECIDED;
    return check_status_from_truth(t);
}

static void
run_ratios(checklist_t L, const claims_size *z)
{
    slong N = z->ratio_dmax, nchk, bad, prec = 256;
    arb_ptr T = _arb_vec_init(N + 2);
    arb_t pi, t;
    check_t c;
    double t0 = bc_seconds(), secs;
    truth_t r1, r2;
    char *s;

    arb_init(pi);
    arb_init(t);
    arb_const_pi(pi, prec);
    bad = ratio_table(T, N + 1, prec, &nchk);
    secs = bc_seconds() - t0;

    /* claim1.omega_ratio_monotone */
    check_start(c, "claim1.omega_ratio_monotone", CLAIM1, 0);
    c->statement = bc_aprintf("$\\frac{\\omega_{d-2}}{\\omega_{d-1}}<\\frac{\\omega_{d-1}}{\\omega_d}$ for "
                              "$d=2,\\dots,%ld$; hence $\\frac{\\omega_{d-2}}{\\omega_{d-1}}\\ge"
                              "\\frac{\\omega_0}{\\omega_1}=\\frac1\\pi$ on that range.",
                              (long) N);
    r1 = ratio_part(c, "decided", CLAIMS_RATIO_MONO, T, N, 1, 1, prec);
    c->status = ratio_status(r1, bad);
    check_field_add(c, "gamma_crosscheck",
                    "%ld values of the recurrence against Gamma(d/2)/(sqrt(pi) "
                    "Gamma((d-1)/2)), %ld disagreements",
                    (long) nchk, (long) bad);
    s = bc_arb_str(T + 2, 20);
    check_field_add(c, "R(2)", "%s", s);
    flint_free(s);
    s = bc_arb_str(T + N, 20);
    check_field_add(c, "R(max)", "%s", s);
    flint_free(s);
    check_add_note(
        c,
        "$R(d)=\\omega_{d-2}/\\omega_{d-1}=\\Gamma(d/2)/(\\sqrt\\pi\\,\\Gamma((d-1)/2))$, computed "
        "by the exact recurrence $R(d+2)=R(d)\\,d/(d-1)$ from $R(2)=1/\\pi$, $R(3)=1/2$ at %ld bits "
        "and cross-checked against the Gamma form. For all $d$: $R(d+1)/R(d)=\\Gamma(\\frac{d+1}2)"
        "\\Gamma(\\frac{d-1}2)/\\Gamma(\\frac d2)^2>1$ by the strict log-convexity of $\\Gamma$; the "
        "check decides each comparison up to %ld (a comparison decided the other way is a failure, "
        "\\texttt{claims.control.ratio\\_monotone} feeds a tightened constant through the same "
        "decision).",
        (long) prec, (long) N);
    c->seconds = secs;
    checklist_push(L, c);
    check_clear(c);

    /* claim1.omega_ratio_limit */
    check_start(c, "claim1.omega_ratio_limit", CLAIM1, 0);
    c->statement = bc_aprintf("$\\frac{d-1}{\\sqrt{2\\pi d}}\\le\\frac{\\omega_{d-2}}{\\omega_{d-1}}\\le"
                              "\\sqrt{\\frac{d-1}{2\\pi}}$ for $d=2,\\dots,%ld$, so the ratio grows like "
                              "$\\sqrt{d/(2\\pi)}$ (ratio to it $\\to1$).",
                              (long) N);
    r1 = ratio_part(c, "lower_decided", CLAIMS_RATIO_LO, T, N, 1, 1, prec);
    r2 = ratio_part(c, "upper_decided", CLAIMS_RATIO_HI, T, N, 1, 1, prec);
    c->status = ratio_status(bc_truth_and(r1, r2), bad);
    /* R(N) / sqrt(N/(2 pi)) */
    arb_mul_ui(t, pi, 2, prec);
    arb_div_ui(t, t, (ulong) N, prec);
    arb_sqrt(t, t, prec);
    arb_mul(t, t, T + N, prec);
    s = bc_arb_str(t, 15);
    check_field_add(c, "R(max)/sqrt(max/(2 pi))", "%s", s);
    flint_free(s);
    check_add_note(
        c, "Wendel's inequality $(x/(x+\\frac12))^{1/2}\\le\\Gamma(x+\\frac12)/(x^{1/2}\\Gamma(x))\\le1$ "
           "with $x=(d-1)/2$ gives these bounds for all $d\\ge2$; the check decides them for each "
           "$d$ in the range (squared, both sides positive). Limit: $R(d)\\sim\\sqrt{d/(2\\pi)}$, so $R$ "
           "is unbounded and its minimum over $d\\ge2$ is $R(2)=1/\\pi$, the constant of Claim 1.");
    c->seconds = secs;
    checklist_push(L, c);
    check_clear(c);

    /* claim3.omega_ratio_bound */
    check_start(c, "claim3.omega_ratio_bound", CLAIM3, 0);
    c->statement = bc_aprintf(
        "$\\frac{\\omega_{d-1}}{\\omega_d}\\le\\sqrt{\\frac{d}{2\\pi}}$ for $d=2,\\dots,%ld$.", (long) N);
    r1 = ratio_part(c, "decided", CLAIMS_RATIO_C3, T, N, 1, 1, prec);
    c->status = ratio_status(r1, bad);
    arb_mul_ui(t, pi, 2, prec);
    arb_div_ui(t, t, (ulong) N, prec);
    arb_sqrt(t, t, prec);
    arb_mul(t, t, T + N + 1, prec);
    s = bc_arb_str(t, 15);
    check_field_add(c, "ratio_at_max", "omega_{d-1}/omega_d / sqrt(d/(2 pi)) at d = %ld: %s", (long) N, s);
    flint_free(s);
    check_add_note(
        c, "$\\omega_{d-1}/\\omega_d=R(d+1)=\\Gamma(\\frac{d+1}2)/(\\sqrt\\pi\\,\\Gamma(\\frac d2))$; the "
           "bound is Wendel's upper inequality with $x=d/2$, tight as $d\\to\\infty$ (the ratio to "
           "$\\sqrt{d/(2\\pi)}$ is $1-1/(4d)+O(d^{-2})$).");
    c->seconds = secs;
    checklist_push(L, c);
    check_clear(c);

    /* the controls: the same decisions with tightened constants; each
       inequality is tight as d grows (ratios 1 + 1/(2d), 1 + 1/(4d),
       1 - 1/(4d)), so a factor 1 -+ 1/1000 breaks it near d ~ 250..500 */
    check_start(c, "claims.control.ratio_monotone", CLAIM1, 0);
    c->statement =
        bc_aprintf("Negative control (tightened constant): $\\frac{1001}{1000}\\,"
                   "\\frac{\\omega_{d-2}}{\\omega_{d-1}}<\\frac{\\omega_{d-1}}{\\omega_d}$ for "
                   "$d=2,\\dots,%ld$, through the decision of \\texttt{claim1.omega\\_ratio\\_monotone}.",
                   (long) N);
    c->status = ratio_status(ratio_part(c, "decided", CLAIMS_RATIO_MONO, T, N, 1001, 1000, prec), bad);
    checklist_push(L, c);
    check_clear(c);

    check_start(c, "claims.control.ratio_limit", CLAIM1, 0);
    c->statement =
        bc_aprintf("Negative control (tightened constants): $\\frac{1001}{1000}\\frac{d-1}{\\sqrt{2\\pi "
                   "d}}\\le\\frac{\\omega_{d-2}}{\\omega_{d-1}}\\le\\frac{999}{1000}"
                   "\\sqrt{\\frac{d-1}{2\\pi}}$ for $d=2,\\dots,%ld$, through the decisions of "
                   "\\texttt{claim1.omega\\_ratio\\_limit}.",
                   (long) N);
    r1 = ratio_part(c, "lower_decided", CLAIMS_RATIO_LO, T, N, 1001, 1000, prec);
    r2 = ratio_part(c, "upper_decided", CLAIMS_RATIO_HI, T, N, 999, 1000, prec);
    c->status = ratio_status(bc_truth_and(r1, r2), bad);
    checklist_push(L, c);
    check_clear(c);

    check_start(c, "claims.control.ratio_bound", CLAIM3, 0);
    c->statement = bc_aprintf("Negative control (tightened constant): $\\frac{\\omega_{d-1}}{\\omega_d}\\le"
                              "\\frac{999}{1000}\\sqrt{\\frac{d}{2\\pi}}$ for $d=2,\\dots,%ld$, through the "
                              "decision of \\texttt{claim3.omega\\_ratio\\_bound}.",
                              (long) N);
    c->status = ratio_status(ratio_part(c, "decided", CLAIMS_RATIO_C3, T, N, 999, 1000, prec), bad);
    checklist_push(L, c);
    check_clear(c);

    _arb_vec_clear(T, N + 2);
    arb_clear(pi);
    arb_clear(t);
}

/* ------------------------------------------------------- Lemma 7 */

static const ulong lemma7_r[] = {2, 3, 4, 5, 6, 8, 10, 16, 25, 32, 50, 64, 100};

static void
run_lemma7_grid(checklist_t L, const claims_size *z)
{
    slong i, k, n = 0, ndec = 0;
    double t0 = bc_seconds();
    arb_t P, p, t, best;
    fmpq_t rho;
    ulong best_r = 0;
    slong best_k = -1;
    char *s;
    check_t c;

    arb_init(P);
    arb_init(p);
    arb_init(t);
    arb_init(best);
    fmpq_init(rho);
    arb_pos_inf(best);
    check_start(c, "lemma7.cap_vs_peps", LEMMA7, 1);
    for (i = 0; i < (slong) (sizeof(lemma7_r) / sizeof(lemma7_r[0])); i++)
        for (k = 0; k <= z->rho_steps; k++)
        {
            ulong r = lemma7_r[i];
            slong prec;
            truth_t dec = BC_UNDECIDED;
            /* rho = eps/(n B)^2 = 4 * 2^-k: delta = 2^{1 - k/2} */
            fmpq_one(rho);
            fmpq_mul_2exp(rho, rho, 2);
            fmpq_div_2exp(rho, rho, (ulong) k);
            for (prec = PREC; prec <= 4 * PREC && dec == BC_UNDECIDED; prec *= 2)
            {
                sphere_chord_prob(P, r, rho, prec);
                sphere_chord_prob_lower(p, r, rho, prec);
                arb_sub(t, P, p, prec);
                if (arb_is_nonnegative(t))
                    dec = BC_TRUE;
                else if (arb_is_negative(t))
                    dec = BC_FALSE;
            }
            n++;
            if (dec == BC_TRUE)
                ndec++;
            else if (dec == BC_FALSE && c->witness == NULL)
            {
                char *a = bc_arb_str(P, 15), *b = bc_arb_str(p, 15);
                check_set_witness(c, "r = %lu, rho = 4*2^-%ld: P = %s < p_eps = %s", r, (long) k, a, b);
                flint_free(a);
                flint_free(b);
            }
            if (arb_is_positive(p))
            {
                arb_div(t, P, p, PREC);
                if (arb_lt(t, best) || best_k < 0)
                {
                    arb_set(best, t);
                    best_r = r;
                    best_k = k;
                }
            }
        }
    c->statement = bc_aprintf(
        "(Reconstructed.) For $\\delta=\\sqrt\\epsilon/(nB)\\in(0,2]$ and $\\theta=2\\arcsin(\\delta/2)$ "
        "(the "
        "angle of the chord $\\delta$ on the unit sphere), a uniformly random neuron direction on "
        "$S^{r-1}$, $r=\\mathrm{rank}(X)$, lies in $S(w_i^*,\\theta)$ and its output weight has the sign of "
        "$v_i^*$ with probability $\\tfrac12F_r(\\theta)\\ge p_\\epsilon=\\frac{1}{2\\pi(r-1)}\\bigl("
        "\\delta\\sqrt{1-\\delta^2/4}\\bigr)^{r-1}$; checked exactly for $r\\in\\{2,\\dots,100\\}$ (13 "
        "values) and $\\epsilon/(nB)^2=4\\cdot2^{-k}$, $k=0,\\dots,%ld$.",
        (long) z->rho_steps);
    c->status = ndec == n ? ST_HOLDS : (c->witness != NULL ? ST_FAILS : ST_UNDECIDED);
    check_field_add(c, "decided", "%ld of %ld grid points", (long) ndec, (long) n);
    s = bc_arb_str(best, 12);
    check_field_add(c, "min_ratio", "min P/p_eps = %s at r = %lu, eps/(nB)^2 = 4*2^-%ld", s, best_r,
                    (long) best_k);
    flint_free(s);
    check_add_note(
        c, "Reading of B.5 (the seed lost the displays): Lemma 7 bounds the probability of the cap "
           "$S(w_i^*,2\\arcsin(\\delta/2))$, i.e. of the unit vectors within distance $\\delta$ of "
           "$w_i^*$; Claim 1 with $\\sin(2\\arcsin(\\delta/2))=\\delta\\sqrt{1-\\delta^2/4}$ (the "
           "identities the seed names) gives $F_r\\ge(\\delta\\sqrt{1-\\delta^2/4})^{r-1}/(\\pi(r-1))$, "
           "and the independent output sign contributes $\\tfrac12$. With $\\delta=\\sqrt\\epsilon/(nB)$ "
           "this is exactly the $p_\\epsilon$ of Theorem 3 as given in the talk. Exact inputs: "
           "$\\cos\\theta=1-\\delta^2/2$ is rational. The ratio tends to $\\pi R(r)\\ge1$ as "
           "$\\delta\\to0$ (equality only for $r=2$: the bound is tight for small caps on the circle).");
    c->seconds = bc_seconds() - t0;
    checklist_push(L, c);
    check_clear(c);
    arb_clear(P);
    arb_clear(p);
    arb_clear(t);
    arb_clear(best);
    fmpq_clear(rho);
}

/* The Monte Carlo instance of Lemma 7: r = 4, eps/(nB)^2 = 1/2, so
   cos theta = 3/4; the full space is R^16 and U = span of the columns of
   an integer 16 x 4 matrix A (not orthogonal), w* = A beta/|A beta|. */
#define L7_R 4
#define L7_D 16
#define L7_CNUM 3
#define L7_CDEN 4

typedef struct
{
    slong r;
    slong d;              /* d == r: the reduced sampler (w* = e_1) */
    slong A[L7_D * L7_R]; /* A[i r + j] */
    slong B[L7_R * L7_R]; /* G^{-1} = B / den, G = A^T A */
    slong den;            /* > 0 */
    slong beta[L7_R];
    slong q; /* beta^T G beta = |A beta|^2 */
} l7_ctx;

static void
l7_full_init(l7_ctx *X)
{
    fmpz_mat_t A, At, G, Bm;
    fmpz_t den;
    slong i, j;
    static const slong beta[L7_R] = {1, -1, 2, 1};

    X->r = L7_R;
    X->d = L7_D;
    fmpz_mat_init(A, L7_D, L7_R);
    fmpz_mat_init(At, L7_R, L7_D);
    fmpz_mat_init(G, L7_R, L7_R);
    fmpz_mat_init(Bm, L7_R, L7_R);
    fmpz_init(den);
    for (i = 0; i < L7_D; i++)
        for (j = 0; j < L7_R; j++)
        {
            X->A[i * L7_R + j] = ((3 * i + 5 * j + i * j) % 7) - 3;
            fmpz_set_si(fmpz_mat_entry(A, i, j), X->A[i * L7_R + j]);
        }
    fmpz_mat_transpose(At, A);
    fmpz_mat_mul(G, At, A);
    if (fmpz_mat_rank(A) != L7_R || !fmpz_mat_inv(Bm, den, G))
    {
        flint_printf("claims: the Lemma 7 subspace matrix is singular\n");
        flint_abort();
    }
    if (fmpz_sgn(den) < 0)
    {
        fmpz_neg(den, den);
        fmpz_mat_neg(Bm, Bm);
    }
    X->den = fmpz_get_si(den);
    for (i = 0; i < L7_R; i++)
        for (j = 0; j < L7_R; j++)
            X->B[i * L7_R + j] = fmpz_get_si(fmpz_mat_entry(Bm, i, j));
    X->q = 0;
    for (i = 0; i < L7_R; i++)
    {
        X->beta[i] = beta[i];
        for (j = 0; j < L7_R; j++)
            X->q += beta[i] * fmpz_get_si(fmpz_mat_entry(G, i, j)) * beta[j];
    }
    fmpz_mat_clear(A);
    fmpz_mat_clear(At);
    fmpz_mat_clear(G);
    fmpz_mat_clear(Bm);
    fmpz_clear(den);
}

/* One sample: a Gaussian vector (uniform direction) and a Gaussian output
   weight.  The event is decided exactly: every quantity below is a
   polynomial with integer coefficients in the dyadic doubles drawn, so
   arb at ARF_PREC_EXACT computes it without rounding.
     reduced: angle(y, e_1) <= theta  <=>  y_1 >= 0 and
              cden^2 y_1^2 >= cnum^2 |y|^2;
     full:    angle(P_U x, w*) <= theta with y = A^T x, s = <x, A beta>,
              |P_U x|^2 = y^T G^{-1} y  <=>  s >= 0 and
              den cden^2 s^2 >= cnum^2 q (y^T B y). */
static void
l7_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const l7_ctx *X = ctx;
    arb_t y[L7_R], t, s, Q, lhs, rhs;
    slong i, j;
    int cap;
    double v;

    (void) index;
    for (j = 0; j < L7_R; j++)
        arb_init(y[j]);
    arb_init(t);
    arb_init(s);
    arb_init(Q);
    arb_init(lhs);
    arb_init(rhs);

    if (X->d == X->r)
    {
        for (j = 0; j < X->r; j++)
            arb_set_d(y[j], rng_normal(rng));
        arb_set(s, y[0]);
        for (j = 0; j < X->r; j++)
            arb_addmul(Q, y[j], y[j], ARF_PREC_EXACT);
        arb_sqr(lhs, s, ARF_PREC_EXACT);
        arb_mul_ui(lhs, lhs, L7_CDEN * L7_CDEN, ARF_PREC_EXACT);
        arb_mul_ui(rhs, Q, L7_CNUM * L7_CNUM, ARF_PREC_EXACT);
    }
    else
    {
        for (i = 0; i < X->d; i++)
        {
            arb_set_d(t, rng_normal(rng));
            for (j = 0; j < X->r; j++)
                arb_addmul_si(y[j], t, X->A[i * X->r + j], ARF_PREC_EXACT);
        }
        for (j = 0; j < X->r; j++)
            arb_addmul_si(s, y[j], X->beta[j], ARF_PREC_EXACT);
        for (i = 0; i < X->r; i++)
            for (j = 0; j < X->r; j++)
            {
                arb_mul(t, y[i], y[j], ARF_PREC_EXACT);
                arb_addmul_si(Q, t, X->B[i * X->r + j], ARF_PREC_EXACT);
            }
        arb_sqr(lhs, s, ARF_PREC_EXACT);
        arb_mul_ui(lhs, lhs, (ulong) X->den * L7_CDEN * L7_CDEN, ARF_PREC_EXACT);
        arb_mul_ui(rhs, Q, L7_CNUM * L7_CNUM, ARF_PREC_EXACT);
        arb_mul_ui(rhs, rhs, (ulong) X->q, ARF_PREC_EXACT);
    }
    /* exact balls: the comparisons are exact */
    cap = arb_is_nonnegative(s) && arb_ge(lhs, rhs);
    v = rng_normal(rng);
    out->nevents = 1;
    out->event[0] = (cap && v > 0.0) ? BC_TRUE : BC_FALSE;
    out->escalations = 0;

    for (j = 0; j < L7_R; j++)
        arb_clear(y[j]);
    arb_clear(t);
    arb_clear(s);
    arb_clear(Q);
    arb_clear(lhs);
    arb_clear(rhs);
}

static void
run_lemma7_mc(checklist_t L, const claims_size *z, const run_opts *opts)
{
    l7_ctx red, full;
    mc_tally_t T[2];
    mc_opts o;
    arb_t P, p;
    fmpq_t rho;
    arf_t lo[2], hi[2];
    const char *ids[2] = {"lemma7.mc.reduced", "lemma7.mc.full"};
    const char *streams[2] = {"claims/lemma7/reduced", "claims/lemma7/full"};
    const char *bound_tex =
        "p_\\epsilon=\\frac{1}{2\\pi(r-1)}\\bigl(\\delta\\sqrt{1-\\delta^2/4}\\bigr)^{r-1},"
        "\\ r=4,\\ \\delta^2=\\tfrac12";
    char *Ps, *ps;
    slong q;
    check_t c;

    memset(&red, 0, sizeof red);
    red.r = red.d = L7_R;
    l7_full_init(&full);
    arb_init(P);
    arb_init(p);
    fmpq_init(rho);
    fmpq_set_si(rho, 1, 2);
    sphere_chord_prob(P, L7_R, rho, PREC);
    sphere_chord_prob_lower(p, L7_R, rho, PREC);
    Ps = bc_arb_str(P, 12);
    ps = bc_arb_str(p, 12);

    o.threads = opts->threads;
    o.progress = opts->progress;
    for (q = 0; q < 2; q++)
    {
        o.label = ids[q];
        mc_run(T[q], l7_sample, q == 0 ? (const void *) &red : (const void *) &full, z->mc_samples,
               opts->seed, rng_stream_id(streams[q]), &o);
        check_start(c, ids[q], LEMMA7, 1);
        if (q == 0)
            c->statement =
                bc_aprintf("(Reconstructed.) $r=4$, $\\epsilon/(nB)^2=\\tfrac12$: for $w$ uniform on "
                           "$S^{3}$ and an independent symmetric output weight $v$, "
                           "$\\Pr[\\angle(w,e_1)\\le2\\arcsin(\\delta/2),\\ v>0]\\ge p_\\epsilon$.");
        else
            c->statement = bc_aprintf(
                "(Reconstructed.) $r=4$ inside $d=%d$, $\\epsilon/(nB)^2=\\tfrac12$: for $w$ uniform on "
                "$S^{%d}$, $U$ the span of the columns of a fixed integer $%d\\times4$ matrix $A$ and "
                "$w^*=A\\beta/\\|A\\beta\\|$, $\\Pr[\\angle(P_Uw,w^*)\\le2\\arcsin(\\delta/2),\\ v>0]\\ge "
                "p_\\epsilon$.",
                L7_D, L7_D - 1, L7_D);
        check_set_mc(c, T[q]->samples, T[q]->hits[0], T[q]->undecided[0], T[q]->escalations, p, bound_tex);
        check_field_add(c, "exact_probability", "F_4(theta)/2 = %s (cos theta = 3/4)", Ps);
        check_field_add(c, "p_eps", "%s", ps);
        check_field_add(c, "samples", "%lu", (unsigned long) T[q]->samples);
        check_field_add(c, "hits", "%lu", (unsigned long) T[q]->hits[0]);
        check_set_witness(c, "seed %llu, rng stream \"%s\", samples 0..%lu", (unsigned long long) opts->seed,
                          streams[q], (unsigned long) (T[q]->samples - 1));
        check_add_note(c,
                       "Each sample draws a Gaussian vector (a uniform direction) and a Gaussian output "
                       "weight; the angle condition is decided exactly in dyadic arithmetic (no rounding). "
                       "The exact probability of the event is $F_4(\\theta)/2$ (Lemma 7: only the "
                       "projection on $U$ matters, and it is uniform on the sphere of $U$).");
        c->seconds = T[q]->seconds;
        checklist_push(L, c);
        check_clear(c);
    }

    /* the two-sample test: Clopper-Pearson intervals at per-side tail
       tail/2 each; if the two probabilities are equal, each interval
       misses the common value with probability <= tail, so disjoint
       intervals occur with probability <= 2 tail, the check's share of the
       family-wise level (two sides of one interval) */
    {
        double a = opts->tail / 2.0;
        char *l0, *h0, *l1, *h1;
        slong k;
        for (k = 0; k < 2; k++)
        {
            arf_init(lo[k]);
            arf_init(hi[k]);
            binom_cp_interval(lo[k], hi[k], T[k]->samples, T[k]->hits[0], a);
        }
        check_start(c, "lemma7.mc.equal", LEMMA7, 1);
        c->statement =
            bc_aprintf("(Lemma 7's reduction.) The probability of the event is the same for a uniform "
                       "direction in $\\mathbb{R}^{%d}$ projected on the 4-dimensional $U$ as for a "
                       "uniform direction in $\\mathbb{R}^4$.",
                       L7_D);
        c->status = (arf_cmp(lo[0], hi[1]) <= 0 && arf_cmp(lo[1], hi[0]) <= 0) ? ST_CONSISTENT : ST_VIOLATED;
        l0 = arf_get_str(lo[0], 10);
        h0 = arf_get_str(hi[0], 10);
        l1 = arf_get_str(lo[1], 10);
        h1 = arf_get_str(hi[1], 10);
        check_field_add(c, "reduced", "%lu / %lu, CP interval [%s, %s]", (unsigned long) T[0]->hits[0],
                        (unsigned long) T[0]->samples, l0, h0);
        check_field_add(c, "full", "%lu / %lu, CP interval [%s, %s]", (unsigned long) T[1]->hits[0],
                        (unsigned long) T[1]->samples, l1, h1);
        check_field_add(c, "per_side_tail", "%.3g", a);
        check_field_add(c, "exact_probability", "%s", Ps);
        flint_free(l0);
        flint_free(h0);
        flint_free(l1);
        flint_free(h1);
        check_add_note(
            c, "Two-sample test: the Clopper-Pearson intervals of the two estimates, each at "
               "per-side tail level $\\tau/2$ ($\\tau$ the run's per-side level), must overlap. "
               "Under equality each interval misses the common probability with probability at "
               "most $\\tau$, so a false verdict \\emph{violated} has probability at most $2\\tau$. "
               "The record has no tally of its own (it compares the tallies of "
               "\\texttt{lemma7.mc.reduced} and \\texttt{lemma7.mc.full}), so it is filed as an "
               "audit, outside the Bonferroni family of intervals: its level $2\\tau$ comes on top of "
               "the family-wise level.");
        c->seconds = T[0]->seconds + T[1]->seconds;
        checklist_push(L, c);
        check_clear(c);
        for (k = 0; k < 2; k++)
        {
            arf_clear(lo[k]);
            arf_clear(hi[k]);
        }
    }
    checklist_add_instance(
        L, LEMMA7,
        "\\textbf{Monte Carlo instance.} $r=4$, $\\epsilon/(nB)^2=\\tfrac12$, so $\\delta=2^{-1/2}$, "
        "$\\cos\\theta=1-\\delta^2/2=\\tfrac34$, exact probability $F_4(\\theta)/2=%s$ against "
        "$p_\\epsilon=%s$. Reduced sampler: $w\\in\\mathbb{R}^4$ Gaussian, target $e_1$. Full sampler: "
        "$w\\in\\mathbb{R}^{%d}$ Gaussian, $A_{ij}=((3i+5j+ij)\\bmod7)-3$ ($0\\le i<%d$, $0\\le j<4$), "
        "$\\beta=(1,-1,2,1)$, $|A\\beta|^2=%ld$, $G^{-1}=B/%ld$. Streams \\texttt{claims/lemma7/reduced} "
        "and \\texttt{claims/lemma7/full}, %lu samples each.",
        Ps, ps, L7_D, L7_D, (long) full.q, (long) full.den, (unsigned long) z->mc_samples);
    flint_free(Ps);
    flint_free(ps);
    arb_clear(P);
    arb_clear(p);
    fmpq_clear(rho);
}

/* ------------------------------------------------------- controls */

static void
run_controls(checklist_t L, const claims_size *z)
{
    check_t c;
    range_problem_t P;
    range_result_t R;
    claim1_ctx C;

    /* Claim 1 with 1.1/(d-1): false near 0, where the integral is
       sin^{d-1}/(d-1) (1 + O(theta^2)) */
    check_start(c, "claims.control.integral_const", CONTROL, 0);
    c->statement = bc_aprintf("Negative control: $\\int_0^\\theta\\sin^{d-2}\\xi\\,d\\xi\\ge\\frac{1.1\\,"
                              "\\sin^{d-1}\\theta}{d-1}$ for all $\\theta\\in[0,\\pi]$, $d\\in[2,%ld]$.",
                              (long) z->ctrl_dmax);
    setup_claim1(P, &C, 0, 11, 10, 2, z->ctrl_dmax);
    range_result_init(R);
    range_prove(R, P);
    range_to_check(c, R, P, "d");
    check_add_note(c,
                   "Deliberately false: as $\\theta\\to0$ the ratio of the two sides tends to $1/1.1$. The "
                   "prover must return a verified counterexample (the first $d$ at which it finds one ends "
                   "the search).");
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);

    /* the cap bound times 2: false for d = 2, 3 (R(d) < 2/pi), where the
       first counterexample is found */
    check_start(c, "claims.control.cap_double", CONTROL, 0);
    c->statement =
        bc_aprintf("Negative control: $F_d(\\theta)\\ge\\frac{2\\sin^{d-1}\\theta}{\\pi(d-1)}$ for all "
                   "$\\theta\\in[0,\\pi]$, $d\\in[2,%ld]$.",
                   (long) z->ctrl_dmax);
    setup_claim1(P, &C, 1, 2, 1, 2, z->ctrl_dmax);
    range_result_init(R);
    range_prove(R, P);
    range_to_check(c, R, P, "d");
    check_add_note(c, "Deliberately false: near $\\theta=0$ the ratio of the sides tends to $\\pi R(d)/2$, "
                      "which is $<1$ for $d=2,3$ ($R(2)=1/\\pi$, $R(3)=1/2$).");
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);

    /* touching at an end point: must hold, and only via monotonicity */
    check_start(c, "claims.control.touch", CONTROL, 0);
    c->statement = bc_aprintf("Control: $F_2(\\theta)=\\theta/\\pi\\ge\\sin\\theta/\\pi$ on $[0,\\pi]$ "
                              "(Claim 1's cap bound for $d=2$), an inequality with equality at $\\theta=0$ "
                              "and ratio $\\to1$ there.");
    setup_claim1(P, &C, 1, 1, 1, 2, 2);
    range_result_init(R);
    range_prove(R, P);
    range_to_check(c, R, P, "d");
    {
        /* the same problem without the derivative: no box at 0 can be
           settled by enclosure, so the prover must come out undecided */
        range_result_t R2;
        char *s;
        range_result_init(R2);
        P->deriv = NULL;
        P->max_depth = 24;
        range_prove(R2, P);
        s = range_result_str(R2, P);
        check_field_add(c, "without_monotonicity", "%s", s);
        flint_free(s);
        if (R2->status != BC_UNDECIDED)
            check_add_note(c, "Unexpected: without the derivative the prover did not come out undecided. ");
        range_result_clear(R2);
    }
    check_add_note(c, "$h(\\theta)=(\\theta-\\sin\\theta)/\\pi$ vanishes at $0$ and every enclosure of $h$ "
                      "on a box $[0,b]$ contains negative numbers; the statement must come out \\emph{holds} "
                      "(not undecided) through $h(0)=0$ and $h'=(1-\\cos\\theta)/\\pi\\ge0$.");
    checklist_push(L, c);
    check_clear(c);
    range_result_clear(R);
    range_problem_clear(P);
}

/* --------------------------------------------------------- figure */

static void
push_figure(checklist_t L)
{
    static const ulong ds[3] = {3, 10, 30};
    figure_t f;
    slong i, j, n = 64;
    double x[64], y[64], yb[64];
    arb_t t, v;

    arb_init(t);
    arb_init(v);
    figure_init(f, "claims.cap_fraction", CLAIM1,
                "Claim 1 (B.5): the exact fraction $F_d(\\theta)$ of $S^{d-1}$ in a cap of angular radius "
                "$\\theta$ (regularised incomplete beta function) and the lower bound "
                "$\\sin^{d-1}\\theta/(\\pi(d-1))$, for $d=3,10,30$ (log scale).",
                "$\\theta$", "fraction of the sphere");
    f->logy = 1;
    for (i = 0; i < 3; i++)
    {
        char *name;
        for (j = 0; j < n; j++)
        {
            x[j] = 1.5707963267948966 * (double) (j + 1) / (double) n;
            arb_set_d(t, x[j]);
            sphere_cap_fraction(v, t, ds[i], PREC);
            y[j] = arf_get_d(arb_midref(v), ARF_RND_NEAR);
            sphere_cap_lower_bound(v, t, ds[i], PREC);
            yb[j] = arf_get_d(arb_midref(v), ARF_RND_NEAR);
        }
        name = bc_aprintf("$F_{%lu}(\\theta)$", ds[i]);
        figure_add_series(f, name, x, y, n, 0);
        flint_free(name);
        name = bc_aprintf("bound, $d=%lu$", ds[i]);
        figure_add_series(f, name, x, yb, n, 0);
        flint_free(name);
    }
    checklist_push_figure(L, f);
    figure_clear(f);
    arb_clear(t);
    arb_clear(v);
}

/* ------------------------------------------------------------ run */

static int
claims_run(checklist_t L, const run_opts *opts)
{
    claims_size z;

    if (opts->samples < -1 || opts->threads < 1 || opts->size < SIZE_QUICK || opts->size > SIZE_FULL)
    {
        fprintf(stderr, "basincheck: claims: invalid options (samples %ld, threads %d)\n", opts->samples,
                opts->threads);
        return 2;
    }
    size_params(&z, opts);

    run_claim1_range(L, &z, 0);
    run_ratios(L, &z);
    run_claim1_range(L, &z, 1);
    run_claim3_range(L, &z);
    run_lemma7_grid(L, &z);
    run_lemma7_mc(L, &z, opts);
    run_controls(L, &z);
    push_figure(L);

    checklist_add_instance(
        L, CLAIM1,
        "\\textbf{Ranges.} The inequalities in $\\theta$ are proved for every $d\\in[2,%ld]$%s "
        "by the range prover at %d bits; the Gamma-ratio statements for every "
        "$d\\in[2,%ld]$. Pointwise confirmation at %ld angles per $d$.",
        (long) z.dmax,
        opts->size == SIZE_QUICK ? " (quick size: a sub-range; the default size takes 200)" : "", PREC,
        (long) z.ratio_dmax, (long) z.grid);
    return 0;
}

const module_struct module_claims = {
    "claims",
    "Cap claims",
    "Cap areas behind Theorems 3 and 5: Claims 1 and 3, the omega ratios, and Lemma 7",
    1,
    claims_specs,
    CLAIMS_NSPECS,
    fragment_claims,
    claims_run,
    NULL,
};

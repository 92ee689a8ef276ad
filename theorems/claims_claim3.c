/* claims_claim3.c -- Claim 3 (Thm 5, B.7) over its range:
   int_0^{pi/2-theta} sin^{d-2} >= omega_{d-1}/(2 omega_{d-2}) - theta for
   every theta in [0, pi/2] and every d of a range, by the range prover
   with the paper's argument h(0) = 0 (the half sphere), h' >= 0.  See
   claims.tex. */
#include "cert.h"
#include "claims.h"
#include "sphere.h"

/* Claim 3's slope: the coefficient s of theta in the bound
   omega_{d-1}/(2 omega_{d-2}) - s theta, 1 in the claim (the mutant
   halves it) */
static void
claim3_slope(fmpq_t s, run_t R)
{
    fmpq_one(s);
    if (run_mutant(R, "claims.mutant.claim3_half_slope"))
        fmpq_set_si(s, 1, 2);
}

/* h(theta) = J(theta) - 1/(2 R(d)) + s theta on [0, pi/2], with
   J(theta) = int_0^{pi/2 - theta} sin^{d-2} and
   omega_{d-1}/(2 omega_{d-2}) = 1/(2 R(d)), and its derivative
   h'(theta) = s - cos^{d-2}(theta) (B.7, s = 1).  Each is a decreasing
   piece of theta plus an increasing one, evaluated at the box ends by
   claim3_end(t, u): t the argument of the decreasing piece, u that of the
   increasing one,
     value:       J(t) + s u - 1/(2 R(d))   (J decreasing, s u increasing),
     derivative:  s - cos^{d-2}(u)          (cos decreasing on [0, pi/2],
                                             taken in [0, 1]),
   so that on [A, B] the enclosure is the hull of claim3_end(B, A) and
   claim3_end(A, B).  At A = 0 the derivative's lower end is 1 - 1 = 0
   exactly for s = 1, and for d = 2 h' = s - 1. */
static void
claim3_end(arb_t res, const arb_t t, const arb_t u, const arb_t s, const arb_t c, ulong d, int deriv,
           slong prec)
{
    arb_t v;
    arb_init(v);
    if (deriv)
    {
        /* [1/2 +/- 1/2] = [0, 1], where cos lies on [0, pi/2] */
        arb_one(v);
        arb_mul_2exp_si(v, v, -1);
        mag_one(arb_radref(v));
        mag_mul_2exp_si(arb_radref(v), arb_radref(v), -1);
        arb_cos(res, u, prec);
        if (!arb_intersection(res, res, v, prec))
            arb_indeterminate(res);
        arb_pow_ui(res, res, d - 2, prec);
        arb_sub(res, s, res, prec);
    }
    else
    {
        arb_const_pi(v, prec);
        arb_mul_2exp_si(v, v, -1);
        arb_sub(v, v, t, prec);
        sphere_sinpow_integral(res, v, d - 2, prec);
        arb_mul(v, s, u, prec);
        arb_add(res, res, v, prec);
        arb_sub(res, res, c, prec);
    }
    arb_clear(v);
}

static void
claim3_enclose(arb_t res, const arb_t a, const arb_t b, slong par, const fmpq *slope, int deriv, slong prec)
{
    ulong d = (ulong) par;
    arb_t lo, hi, c, s;
    arb_init(lo);
    arb_init(hi);
    arb_init(c);
    arb_init(s);
    arb_set_fmpq(s, slope, prec);
    if (!deriv)
    {
        sphere_omega_ratio(c, d, prec);
        arb_inv(c, c, prec);
        arb_mul_2exp_si(c, c, -1);
    }
    claim3_end(hi, a, b, s, c, d, deriv, prec);
    if (arb_equal(a, b))
        arb_swap(res, hi);
    else
    {
        claim3_end(lo, b, a, s, c, d, deriv, prec);
        range_hull(res, lo, hi, prec);
    }
    arb_clear(lo);
    arb_clear(hi);
    arb_clear(c);
    arb_clear(s);
}

static void
claim3_value(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    (void) x;
    claim3_enclose(res, a, b, par, ctx, 0, prec);
}

static void
claim3_deriv(arb_t res, const arb_t x, const arb_t a, const arb_t b, slong par, void *ctx, slong prec)
{
    (void) x;
    claim3_enclose(res, a, b, par, ctx, 1, prec);
}

static void
record_claim3(run_t R)
{
    slong dmax = claims_range_dmax(R), ncex = 0;
    check_t c;
    range_problem_t P;
    range_result_t res;
    cert_range_t T;
    fmpq_t slope, hi;
    truth_t t;

    if (!run_wants(R, "claim3.integral"))
        return;
    run_check(R, c, "claim3.integral");
    fmpq_init(slope);
    fmpq_init(hi);
    claim3_slope(slope, R);
    range_problem_init(P);
    P->value = claim3_value;
    P->deriv = claim3_deriv;
    P->ctx = slope;
    arb_zero(P->lo);
    arb_const_pi(P->hi, CLAIMS_PREC);
    arb_mul_2exp_si(P->hi, P->hi, -1);
    P->par_lo = 2;
    P->par_hi = dmax;
    /* h(0) = int_0^{pi/2} sin^{d-2} - omega_{d-1}/(2 omega_{d-2}) = 0: the
       half sphere is half the area */
    P->touch_lo = 1;
    P->prec = CLAIMS_PREC;
    P->max_depth = 40;
    P->max_boxes = 20000;
    range_result_init(res);
    cert_range_init(T);
    if (fmpq_is_one(slope)) /* the checker's statement is the claim's, slope 1 */
        cert_range_attach(T, P);
    range_prove(res, P);
    if (fmpq_is_one(slope))
        cert_range(c, NULL, T, P, res, "claim3.integral", 0, NULL, NULL, "\"0\"",
                   "{\"fn\": \"mul\", \"args\": [\"1/2\", {\"fn\": \"pi\"}]}");
    P->record = NULL;
    cert_range_clear(T);
    claims_range_fields(c, res, P, "d");
    if (res->status != BC_FALSE)
    {
        /* d = 2: h = (1 - s) theta, identically 0 in the claim */
        fmpq_set_si(hi, 157, 100);
        ncex = claims_pointwise(c, P, claims_range_grid(R), hi, "1.57", 2);
    }
    t = claims_range_truth(res->status, ncex);
    if (res->status == BC_TRUE && ncex > 0)
        check_add_note(c, "Contradiction: the pointwise enclosures certified h < 0 where the prover proved "
                          "h >= 0. ");
    c->statement = bc_aprintf("Here $d\\in[2,%ld]$.", (long) dmax);
    check_decide(c, t);
    run_push(R, c);
    range_result_clear(res);
    range_problem_clear(P);
    fmpq_clear(slope);
    fmpq_clear(hi);
}

void
claims_records_claim3(run_t R)
{
    record_claim3(R);
}

/* claims_claim1.c -- Claim 1 (Thm 3, B.5) over ranges: the integral
   inequality int_0^theta sin^{d-2} >= sin^{d-1}(theta)/(d-1) and the cap
   bound F_d(theta) >= sin^{d-1}(theta)/(pi (d-1)) for every theta in
   [0, pi] and every d of a range, by the range prover (src/range.h):
   enclosures of h = (left side) - (bound) on boxes, built from the values
   of the monotone pieces at the box ends, and, where h touches 0 at
   theta = 0, the paper's own monotonicity argument (h(0) = 0 exactly,
   h' >= 0 on the box) with h' enclosed the same way.  Also the negative
   controls with a raised constant, the touch case d = 2, and the figure
   of the cap fraction against the bound.  See claims.tex. */
#include "cert.h"
#include "claims.h"
#include "sphere.h"

#define CTRL_DMAX 40 /* d range of the controls */

void
claims_claim1_constant(fmpq_t K, run_t R)
{
    fmpq_one(K);
    if (run_mutant(R, "claims.mutant.claim1_tripled"))
        fmpq_set_si(K, 3, 1);
    if (run_mutant(R, "claims.mutant.claim1_halved"))
        fmpq_set_si(K, 1, 2);
}

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
ratio_minus(arb_t res, ulong d, const fmpq_t K, slong prec)
{
    fmpq_t q, f;
    ulong e;
    arb_t pi, t;

    fmpq_init(q);
    fmpq_init(f);
    arb_init(pi);
    arb_init(t);
    fmpq_set_si(q, 1, d % 2 == 0 ? 1 : 2);
    for (e = (d % 2 == 0) ? 4 : 5; e <= d; e += 2)
    {
        fmpq_set_si(f, (slong) (e - 2), e - 3);
        fmpq_mul(q, q, f);
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
    fmpq_clear(f);
    arb_clear(pi);
    arb_clear(t);
}

/* --------------------------------------------------- range functions */

/* Context of the Claim 1 problems: the constant K by which the bound is
   multiplied (Claim 1's constant as read by claims_claim1_constant; the
   controls raise it) and whether the bound is on the integral or on the
   cap fraction. */
typedef struct
{
    const fmpq *K; /* owned by the caller */
    int cap;       /* 0: int_0^theta sin^{d-2}; 1: the cap fraction F_d */
} claim1_ctx;

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

/* The bound: K times the core's sphere_cap_lower_bound, sin^{d-1}/(pi (d-1))
   (Claim 1 (c)), and for the integral (Claim 1 (a)) pi times that,
   sin^{d-1}/(d-1): one definition of the bound for both.  It is >= 0 on
   [0, pi]; the mid-radius power of a ball at 0 may dip below 0, which the
   touch arguments cannot afford, so the negative part is cut off. */
static void
claim1_bound(arb_t res, const arb_t t, ulong d, const claim1_ctx *C, slong prec)
{
    arb_t k;
    arb_init(k);
    sphere_cap_lower_bound(res, t, d, prec);
    arb_set_fmpq(k, C->K, prec);
    arb_mul(res, res, k, prec);
    if (!C->cap)
    {
        arb_const_pi(k, prec);
        arb_mul(res, res, k, prec);
    }
    arb_nonnegative_part(res, res);
    arb_clear(k);
}

/* h = L - bound on the box [A, B] of [0, pi]: L increasing, so L(A) and
   L(B) bound it; the bound is a multiple of sin^{d-1} with sin unimodal
   on [0, pi], so its minimum is at an end and its maximum at B if
   B <= pi/2, at A if A >= pi/2, else at pi/2. */
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
    claim1_bound(sa, a, d, C, prec);
    if (arb_equal(a, b))
    {
        arb_sub(res, La, sa, prec);
        goto done;
    }
    claim1_lhs(Lb, b, d, C, prec);
    claim1_bound(sb, b, d, C, prec);
    arb_const_pi(half_pi, prec);
    arb_mul_2exp_si(half_pi, half_pi, -1);
    if (arb_le(b, half_pi))
        arb_set(smax, sb);
    else if (arb_ge(a, half_pi))
        arb_set(smax, sa);
    else
        claim1_bound(smax, half_pi, d, C, prec);
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

/* g(theta) on one end of a box (see claim1_deriv): c0 + k (1 - cos theta) */
static void
claim1_g(arb_t res, const arb_t theta, const arb_t c0, const arb_t k, slong prec)
{
    one_minus_cos(res, theta, prec);
    arb_mul(res, res, k, prec);
    arb_add(res, res, c0, prec);
}

/* sin^{d-2} >= 0 at one end of a box (see claim1_bound) */
static void
sin_pow_nonneg(arb_t res, const arb_t theta, ulong e, slong prec)
{
    sphere_sin_nonneg(res, theta, prec);
    arb_pow_ui(res, res, e, prec);
    arb_nonnegative_part(res, res);
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
    fmpq_t q;

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
    fmpq_init(q);

    arb_set_fmpq(k, C->K, prec);
    if (C->cap)
    {
        ratio_minus(c0, d, C->K, prec);
        arb_const_pi(t, prec);
        arb_div(k, k, t, prec);
    }
    else
    {
        /* 1 - K, exact 0 for K = 1 */
        fmpq_sub_si(q, C->K, 1);
        fmpq_neg(q, q);
        arb_set_fmpq(c0, q, prec);
    }
    claim1_g(ga, a, c0, k, prec);
    claim1_g(gb, b, c0, k, prec);

    sin_pow_nonneg(sa, a, d - 2, prec);
    sin_pow_nonneg(sb, b, d - 2, prec);
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
    fmpq_clear(q);
}

/* The problem h >= 0 on [0, pi] for d in [dlo, dhi] with the bound
   multiplied by K (C points to K, which must outlive P). */
static void
setup_claim1(range_problem_t P, claim1_ctx *C, int cap, const fmpq_t K, slong dlo, slong dhi)
{
    range_problem_init(P);
    C->K = K;
    C->cap = cap;
    P->value = claim1_value;
    P->deriv = claim1_deriv;
    P->ctx = C;
    arb_zero(P->lo);
    arb_const_pi(P->hi, CLAIMS_PREC);
    P->par_lo = dlo;
    P->par_hi = dhi;
    /* h(0) = 0 - 0 exactly: both sides vanish at theta = 0 */
    P->touch_lo = 1;
    P->prec = CLAIMS_PREC;
    P->max_depth = 40;
    P->max_boxes = 20000;
}

/* A Claim 1 problem with Claim 1's constant (claims_claim1_constant)
   times num/den, over d in [2, dmax]. */
typedef struct
{
    fmpq_t K;
    claim1_ctx C;
    range_problem_t P;
} claim1_problem;

static void
claim1_problem_init(claim1_problem *Q, run_t R, int cap, slong num, slong den, slong dmax)
{
    fmpq_t f;
    fmpq_init(f);
    fmpq_init(Q->K);
    claims_claim1_constant(Q->K, R);
    fmpq_set_si(f, num, (ulong) den);
    fmpq_mul(Q->K, Q->K, f);
    setup_claim1(Q->P, &Q->C, cap, Q->K, 2, dmax);
    fmpq_clear(f);
}

static void
claim1_problem_clear(claim1_problem *Q)
{
    range_problem_clear(Q->P);
    fmpq_clear(Q->K);
}

/* The certificate of a run of the prover on Q (src/cert.h, kind "range"):
   the subdivision the prover settled, or its counterexample, which the
   checker re-decides with its own enclosures of the same function.  The
   prover stops recording. */
static void
claim1_cert(check_t c, const cert_range_t T, claim1_problem *Q, const range_result_t res, int cap)
{
    static const char *const names[1] = {"K"};
    cert_range(c, NULL, T, Q->P, res, cap ? "claim1.cap" : "claim1.integral", 1, names, Q->K, "\"0\"",
               "{\"fn\": \"pi\"}");
    Q->P->record = NULL;
    Q->P->record_ctx = NULL;
}

/* -------------------------------------------------------- the checks */

/* The same statement away from the touch point by enclosure alone (no
   derivative): the prover's other route, on [1/4, pi] for small d, where
   the boxes needed stay few.  Returns 1 when it certifies a
   counterexample (then the witness of c, when c has none), else 0. */
static slong
enclosure_only(check_t c, range_problem_t P, slong dmax)
{
    range_result_t res;
    char *s;
    slong dm = dmax < 100 ? 6 : 12, cex;
    range_result_init(res);
    P->deriv = NULL;
    P->touch_lo = 0;
    arb_one(P->lo);
    arb_mul_2exp_si(P->lo, P->lo, -2);
    P->par_hi = dm;
    P->max_boxes = 50000;
    range_prove(res, P);
    s = range_result_str(res, P);
    check_field_add(c, "enclosure_only", "theta in [1/4, pi], d in [2, %ld], no derivative: %s", (long) dm,
                    s);
    flint_free(s);
    cex = res->status == BC_FALSE;
    claims_range_witness(c, res, "d");
    range_result_clear(res);
    return cex;
}

/* claim1.integral (cap = 0) and claim1.cap_bound (cap = 1) */
static void
record_range(run_t R, int cap)
{
    const char *id = cap ? "claim1.cap_bound" : "claim1.integral";
    slong dmax = claims_range_dmax(R), ncex = 0;
    check_t c;
    claim1_problem Q;
    range_result_t res;
    cert_range_t T;
    fmpq_t hi;
    truth_t t;

    if (!run_wants(R, id))
        return;
    run_check(R, c, id);
    fmpq_init(hi);
    claim1_problem_init(&Q, R, cap, 1, 1, dmax);
    range_result_init(res);
    cert_range_init(T);
    cert_range_attach(T, Q.P);
    range_prove(res, Q.P);
    claim1_cert(c, T, &Q, res, cap);
    cert_range_clear(T);
    claims_range_fields(c, res, Q.P, "d");
    /* the confirmations look for a contradiction with a proof, or a
       refutation the prover missed; after a certified counterexample
       there is nothing left for them to decide */
    if (res->status != BC_FALSE)
    {
        fmpq_set_si(hi, 314, 100);
        ncex += claims_pointwise(c, Q.P, claims_range_grid(R), hi, "3.14", -1);
        ncex += enclosure_only(c, Q.P, dmax);
    }
    t = claims_range_truth(res->status, ncex);
    if (res->status == BC_TRUE && ncex > 0)
        check_add_note(c, "Contradiction: a confirmation certified h < 0 where the prover proved h >= 0. ");
    c->statement = bc_aprintf("Here $d\\in[2,%ld]$.", (long) dmax);
    check_decide(c, t);
    run_push(R, c);
    range_result_clear(res);
    claim1_problem_clear(&Q);
    fmpq_clear(hi);
}

/* Starts control `id` (when the run wants it; returns 0 otherwise):
   Claim 1's problem with its constant times num/den over d in [2, dmax],
   proved into res (initialised here). */
static int
control_start(check_t c, claim1_problem *Q, range_result_t res, run_t R, const char *id, int cap, slong num,
              slong den, slong dmax)
{
    cert_range_t T;
    if (!run_wants(R, id))
        return 0;
    run_check(R, c, id);
    claim1_problem_init(Q, R, cap, num, den, dmax);
    check_field_fmpq(c, "constant", Q->K);
    range_result_init(res);
    cert_range_init(T);
    cert_range_attach(T, Q->P);
    range_prove(res, Q->P);
    claim1_cert(c, T, Q, res, cap);
    cert_range_clear(T);
    claims_range_fields(c, res, Q->P, "d");
    return 1;
}

/* claims.control.integral_const (cap = 0: the constant times 11/10) and
   claims.control.cap_double (cap = 1: times 2), through the prover alone */
static void
record_control(run_t R, int cap)
{
    check_t c;
    claim1_problem Q;
    range_result_t res;

    if (!control_start(c, &Q, res, R, cap ? "claims.control.cap_double" : "claims.control.integral_const",
                       cap, cap ? 2 : 11, cap ? 1 : 10, CTRL_DMAX))
        return;
    c->statement = bc_aprintf("Here $d\\in[2,%d]$.", CTRL_DMAX);
    check_decide(c, res->status);
    run_push(R, c);
    range_result_clear(res);
    claim1_problem_clear(&Q);
}

/* claims.control.touch: the cap bound at d = 2, (theta - sin theta)/pi
   >= 0, which touches 0 at theta = 0: holds only through monotonicity */
static void
record_touch(run_t R)
{
    check_t c;
    claim1_problem Q;
    range_result_t res, R2;
    char *s;

    if (!control_start(c, &Q, res, R, "claims.control.touch", 1, 1, 1, 2))
        return;
    /* the same problem without the derivative: no box at 0 can be
       settled by enclosure, so the prover must come out undecided */
    range_result_init(R2);
    Q.P->deriv = NULL;
    Q.P->max_depth = 24;
    Q.P->max_boxes = 2000;
    range_prove(R2, Q.P);
    s = range_result_str(R2, Q.P);
    check_field_add(c, "without_monotonicity", "%s", s);
    flint_free(s);
    if (R2->status != BC_UNDECIDED)
        check_add_note(c, "Unexpected: without the derivative the prover did not come out undecided. ");
    check_decide(c, claims_range_truth(res->status, R2->status == BC_FALSE));
    run_push(R, c);
    range_result_clear(R2);
    range_result_clear(res);
    claim1_problem_clear(&Q);
}

/* ----------------------------------------------------------- figure */

static void
push_figure(run_t R)
{
    static const ulong ds[3] = {3, 10, 30};
    figure_t f;
    slong i, j, n = 64;
    double x[64], y[64], yb[64];
    arb_t t, v, k;
    fmpq_t K;

    if (!run_wants(R, "claim1.cap_bound"))
        return;
    arb_init(t);
    arb_init(v);
    arb_init(k);
    fmpq_init(K);
    claims_claim1_constant(K, R);
    arb_set_fmpq(k, K, CLAIMS_PREC);
    figure_init(f, "claims.cap_fraction", "Claim 1 (Thm 3)",
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
            sphere_cap_fraction(v, t, ds[i], CLAIMS_PREC);
            y[j] = arf_get_d(arb_midref(v), ARF_RND_NEAR);
            sphere_cap_lower_bound(v, t, ds[i], CLAIMS_PREC);
            arb_mul(v, v, k, CLAIMS_PREC);
            yb[j] = arf_get_d(arb_midref(v), ARF_RND_NEAR);
        }
        name = bc_aprintf("$F_{%lu}(\\theta)$", ds[i]);
        figure_add_series(f, name, x, y, n, 0);
        flint_free(name);
        name = bc_aprintf("bound, $d=%lu$", ds[i]);
        figure_add_series(f, name, x, yb, n, 0);
        flint_free(name);
    }
    run_add_figure(R, f);
    figure_clear(f);
    arb_clear(t);
    arb_clear(v);
    arb_clear(k);
    fmpq_clear(K);
}

void
claims_records_claim1(run_t R)
{
    record_range(R, 0);
    record_range(R, 1);
    record_control(R, 0);
    record_control(R, 1);
    record_touch(R);
    push_figure(R);
}

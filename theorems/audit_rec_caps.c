/* audit_rec_caps.c -- records for the cap constants: Claim 1 of B.5
   (the 1/(pi (d-1)) behind 1/(2 pi (r-1)) in p_eps, Thm 3), the
   reconstructed Claim 2 of B.7, and the chain of Lemma 8 / Claims 2-3
   behind the cluster radius 2 sin(sqrt(2 pi)/(16 d sqrt d)) and the 7/8
   of Thm 5.  Cap fractions, bands and radii come from sphere.h, the
   claimed constants from sphere.h (Claim 1's bound) and paper.h, where
   the mutants change them. */
#include <string.h>

#include "audit.h"
#include "cert.h"
#include "paper.h"
#include "sphere.h"

#define CAP_PREC 128
#define NTHETA 32 /* theta_j = j pi / 64, j = 1..32 */
#define D5_MAX 64 /* Theorem 5's audit: d = 2..64 */

/* -------------------------------------------------------- Claim 1 */

/* The decisions of Claim 1 over the grid of (d, theta): the proof's
   integral inequality cap >= R(d) sin^{d-1}/(d-1) and the claim
   cap >= factor * sin^{d-1}/(pi (d-1)) (sphere_cap_lower_bound; factor 1
   is the paper's constant), with the tightest constant
   K = min cap (d-1) / sin^{d-1}. */
typedef struct
{
    slong bad_int, und_int, bad_claim, und_claim;
    slong wit_d, wit_j; /* the first cell refuting the claim (0: none) */
    slong argd, argj;   /* the cell of the smallest K (midpoints) */
    arf_t lo, hi;       /* [min lower, min upper] of K */
    char *perd, *peps;  /* per-d fields */
} claim1_tally;

/* R(d) >= 1/pi and R increasing, d = 2..65 (d = 2 is the equality
   R(2) = 1/pi, which balls cannot decide; every d > 2 is then covered by
   the strict increase); adds the failures to *bad, *und */
static void
omega_monotone(slong *bad, slong *und)
{
    arb_t w, wprev, invpi;
    ulong d;
    arb_init(w);
    arb_init(wprev);
    arb_init(invpi);
    arb_const_pi(invpi, CAP_PREC);
    arb_inv(invpi, invpi, CAP_PREC);
    for (d = 2; d <= 65; d++)
    {
        sphere_omega_ratio(w, d, CAP_PREC);
        if (d > 2 && !arb_ge(w, invpi))
            *bad += arb_lt(w, invpi), *und += !arb_lt(w, invpi);
        if (d > 2 && !arb_gt(w, wprev))
            *bad += arb_le(w, wprev), *und += !arb_le(w, wprev);
        arb_swap(w, wprev);
    }
    arb_clear(w);
    arb_clear(wprev);
    arb_clear(invpi);
}

/* theta_j = j pi / 64 */
static void
theta_j(arb_t th, slong j)
{
    arb_const_pi(th, CAP_PREC);
    arb_mul_ui(th, th, (ulong) j, CAP_PREC);
    arb_div_ui(th, th, 64, CAP_PREC);
}

/* theta_j = j pi / 64 as an expression */
static char *
theta_expr(slong j)
{
    fmpq_t q;
    char *s;
    fmpq_init(q);
    fmpq_set_si(q, j, 64);
    s = cert_e_fn("mul", 2, cert_e_q(q), cert_e_fn("pi", 0));
    fmpq_clear(q);
    return s;
}

/* sin(theta_j)^(d-1) / (d-1) as an expression */
static char *
sinpow_expr(ulong d, slong j)
{
    return cert_e_fn("div", 2,
                     cert_e_fn("pow", 2, cert_e_fn("sin", 1, theta_expr(j)), cert_e_si((slong) d - 1)),
                     cert_e_si((slong) d - 1));
}

/* The certificates of cell (d, theta_j) of Claim 1 (kind "inequality", two
   expressions the checker evaluates itself): the proof's integral
   inequality cap >= R(d) sin^{d-1}/(d-1) (integral = 1) and the claim
   cap >= factor sin^{d-1}/(pi (d-1)) with factor exact (fq). */
static void
claim1_cell_cert(check_t c, ulong d, slong j, const arb_t cap, const arb_t bound, const fmpq_t fq,
                 int integral)
{
    char *lhs = cert_e_fn("cap_fraction", 2, cert_e_si((slong) d), theta_expr(j)), *rhs;
    if (integral)
        rhs = cert_e_fn("mul", 2, cert_e_fn("omega_ratio", 1, cert_e_si((slong) d)), sinpow_expr(d, j));
    else
        rhs = cert_e_fn("div", 2, cert_e_fn("mul", 2, cert_e_q(fq), sinpow_expr(d, j)), cert_e_fn("pi", 0));
    cert_inequality_expr(c, NULL, lhs, cap, ">=", rhs, bound);
    flint_free(lhs);
    flint_free(rhs);
}

/* the per-d fields: the grid minimum of K at d and the p_eps factor */
static void
claim1_fields(claim1_tally *T, ulong d, const arf_t dl, const arf_t dh, const arb_t w)
{
    arb_t kd, t;
    char *a, *b;
    arb_init(kd);
    arb_init(t);
    if (d == 2 || d == 3 || d == 4 || d == 8 || d == 16 || d == 32 || d == 64)
    {
        arb_set_interval_arf(kd, dl, dh, 64);
        a = audit_encl(kd, 6);
        b = audit_encl(w, 6);
        audit_list_append(&T->perd,
                          bc_aprintf("d=%lu: grid min %s, omega ratio %s", (unsigned long) d, a, b));
        flint_free(a);
        flint_free(b);
    }
    if (d <= 10)
    {
        /* p_eps prefactor: stated 1/(2 pi (r-1)), chain-tight (1/2) R(r) / (r-1) */
        arb_const_pi(kd, CAP_PREC);
        arb_mul_ui(t, kd, 2 * (d - 1), CAP_PREC);
        arb_inv(t, t, CAP_PREC);
        arb_mul(kd, kd, w, CAP_PREC); /* improvement factor pi R(r) */
        a = audit_encl(kd, 5);
        b = audit_encl(t, 6);
        audit_list_append(&T->peps,
                          bc_aprintf("r=%lu: 1/(2 pi (r-1)) in %s, factor %s", (unsigned long) d, b, a));
        flint_free(a);
        flint_free(b);
    }
    arb_clear(kd);
    arb_clear(t);
}

/* one d of the grid */
static void
claim1_d(claim1_tally *T, ulong d, const arb_t factor, int fields, check_t cc, const fmpq *fq)
{
    arb_t th, cap, sp, w, t, K;
    arf_t l, h, dl, dh;
    slong j;
    arb_init(th);
    arb_init(cap);
    arb_init(sp);
    arb_init(w);
    arb_init(t);
    arb_init(K);
    arf_init(l);
    arf_init(h);
    arf_init(dl);
    arf_init(dh);
    arf_pos_inf(dl);
    arf_pos_inf(dh);
    sphere_omega_ratio(w, d, CAP_PREC);
    for (j = 1; j <= NTHETA; j++)
    {
        theta_j(th, j);
        sphere_cap_fraction(cap, th, d, CAP_PREC);
        /* sin^{d-1} / (d-1) */
        sphere_sin_nonneg(sp, th, CAP_PREC);
        arb_pow_ui(sp, sp, d - 1, CAP_PREC);
        arb_div_ui(sp, sp, d - 1, CAP_PREC);
        /* the proof's inequality: cap >= R(d) sin^{d-1}/(d-1) */
        arb_mul(t, sp, w, CAP_PREC);
        if (!arb_ge(cap, t))
            T->bad_int += arb_lt(cap, t), T->und_int += !arb_lt(cap, t);
        if (cc != NULL && fields)
            claim1_cell_cert(cc, d, j, cap, t, fq, 1);
        /* the claim, through the one definition of its bound */
        sphere_cap_lower_bound(t, th, d, CAP_PREC);
        arb_mul(t, t, factor, CAP_PREC);
        /* the claim's certificate: every cell for the claim (fields), the
           refuting ones for the control */
        if (cc != NULL && fq != NULL && (fields || arb_lt(cap, t)))
            claim1_cell_cert(cc, d, j, cap, t, fq, 0);
        if (!arb_ge(cap, t))
        {
            T->bad_claim += arb_lt(cap, t), T->und_claim += !arb_lt(cap, t);
            if (T->wit_d == 0 && arb_lt(cap, t))
                T->wit_d = (slong) d, T->wit_j = j;
        }
        /* K = cap (d-1) / sin^{d-1} */
        arb_div(K, cap, sp, CAP_PREC);
        arb_get_lbound_arf(l, K, 64);
        arb_get_ubound_arf(h, K, 64);
        if (arf_cmp(l, T->lo) < 0)
            arf_set(T->lo, l), T->argd = (slong) d, T->argj = j;
        if (arf_cmp(h, T->hi) < 0)
            arf_set(T->hi, h);
        if (arf_cmp(l, dl) < 0)
            arf_set(dl, l);
        if (arf_cmp(h, dh) < 0)
            arf_set(dh, h);
    }
    if (fields)
        claim1_fields(T, d, dl, dh, w);
    arb_clear(th);
    arb_clear(cap);
    arb_clear(sp);
    arb_clear(w);
    arb_clear(t);
    arb_clear(K);
    arf_clear(l);
    arf_clear(h);
    arf_clear(dl);
    arf_clear(dh);
}

/* Claim 1 over d in the size's list and theta_j, the claim's bound
   times factor; fields: with the per-d fields */
static void
claim1_grid(claim1_tally *T, run_t R, const arb_t factor, int fields, check_t cc, const fmpq *fq)
{
    static const ulong dquick[] = {2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 48, 64};
    slong i;
    memset(T, 0, sizeof(*T));
    arf_init(T->lo);
    arf_init(T->hi);
    arf_pos_inf(T->lo);
    arf_pos_inf(T->hi);
    if (R->opts->size == SIZE_QUICK)
        for (i = 0; i < (slong) (sizeof(dquick) / sizeof(dquick[0])); i++)
            claim1_d(T, dquick[i], factor, fields, cc, fq);
    else
        for (i = 2; i <= 64; i++)
            claim1_d(T, (ulong) i, factor, fields, cc, fq);
}

static void
claim1_tally_clear(claim1_tally *T)
{
    arf_clear(T->lo);
    arf_clear(T->hi);
    if (T->perd != NULL)
        flint_free(T->perd);
    if (T->peps != NULL)
        flint_free(T->peps);
}

/* the witness of a refuted cell (d, j) against factor times the bound */
static void
claim1_witness(check_t c, slong d, slong j, const arb_t factor, const char *what)
{
    arb_t th, cap, t;
    char *a, *b;
    arb_init(th);
    arb_init(cap);
    arb_init(t);
    theta_j(th, j);
    sphere_cap_fraction(cap, th, (ulong) d, CAP_PREC);
    sphere_cap_lower_bound(t, th, (ulong) d, CAP_PREC);
    arb_mul(t, t, factor, CAP_PREC);
    a = audit_encl(cap, 10);
    b = audit_encl(t, 10);
    check_set_witness(c, "d=%ld, theta=%ld pi/64: cap in %s < %s sin^(d-1)/(pi (d-1)) in %s", (long) d,
                      (long) j, a, what, b);
    flint_free(a);
    flint_free(b);
    arb_clear(th);
    arb_clear(cap);
    arb_clear(t);
}

/* Claim 1's bound as the audit reads it: sphere_cap_lower_bound times
   this factor (1; a mutant doubles or halves the constant 1/pi) */
static void
claim1_factor(run_t R, arb_t f)
{
    arb_one(f);
    if (run_mutant(R, "audit.mutant.claim1_doubled"))
        arb_mul_2exp_si(f, f, 1);
    if (run_mutant(R, "audit.mutant.claim1_halved"))
        arb_mul_2exp_si(f, f, -1);
}

/* claim1_factor, exactly */
static void
claim1_factor_q(run_t R, fmpq_t f)
{
    fmpq_one(f);
    if (run_mutant(R, "audit.mutant.claim1_doubled"))
        fmpq_mul_2exp(f, f, 1);
    if (run_mutant(R, "audit.mutant.claim1_halved"))
        fmpq_div_2exp(f, f, 1);
}

/* The certificates of omega_monotone: R(d) < R(d + 1) for every d = 2..64
   (the checker's statement over a range) and R(d) >= 1/pi for d = 3..65
   (expressions). */
static void
omega_cert(check_t c)
{
    static const char *const names[2] = {"dmax", "K"};
    fmpq pt[2];
    fmpq_t n;
    arb_t w, invpi;
    ulong d;
    fmpq_init(pt + 0);
    fmpq_init(pt + 1);
    fmpq_init(n);
    arb_init(w);
    arb_init(invpi);
    fmpq_set_si(pt + 0, 64, 1);
    fmpq_one(pt + 1);
    fmpq_set_si(n, 63, 1);
    cert_inequality_fmpq(c, "R increasing, d = 2..65", "claims.ratio_monotone_all", 2, names, pt, n, ">=", n);
    arb_const_pi(invpi, CAP_PREC);
    arb_inv(invpi, invpi, CAP_PREC);
    for (d = 3; d <= 65; d++)
    {
        char *l = cert_e_fn("omega_ratio", 1, cert_e_si((slong) d)),
             *r = cert_e_fn("div", 2, cert_e_si(1), cert_e_fn("pi", 0));
        sphere_omega_ratio(w, d, CAP_PREC);
        cert_inequality_expr(c, NULL, l, w, ">=", r, invpi);
        flint_free(l);
        flint_free(r);
    }
    fmpq_clear(pt + 0);
    fmpq_clear(pt + 1);
    fmpq_clear(n);
    arb_clear(w);
    arb_clear(invpi);
}

static void
record_cap(run_t R, const arb_t factor)
{
    claim1_tally T;
    slong bad_omega = 0, und_omega = 0;
    check_t c;
    fmpq_t fq;
    arb_t t, kmin;
    char *s;

    if (!run_wants(R, "audit.thm3.cap_constant"))
        return;
    run_check(R, c, "audit.thm3.cap_constant");
    arb_init(t);
    arb_init(kmin);
    fmpq_init(fq);
    claim1_factor_q(R, fq);
    omega_monotone(&bad_omega, &und_omega);
    omega_cert(c);
    claim1_grid(&T, R, factor, 1, c, fq);
    fmpq_clear(fq);
    arb_set_interval_arf(kmin, T.lo, T.hi, 64);
    c->statement =
        bc_aprintf("Here $d\\in$ %s.", R->opts->size == SIZE_QUICK ? "$\\{2,3,4,5,6,8,12,16,24,32,48,64\\}$"
                                                                   : "$\\{2,\\dots,64\\}$");
    check_field_add(c, "cells_refuted", "integral inequality %ld, omega ratio %ld, claim %ld",
                    (long) T.bad_int, (long) bad_omega, (long) T.bad_claim);
    check_field_add(c, "cells_not_decided", "integral inequality %ld, omega ratio %ld, claim %ld",
                    (long) T.und_int, (long) und_omega, (long) T.und_claim);
    s = audit_encl(kmin, 8);
    check_field_add(c, "tightest_constant_grid", "%s", s);
    flint_free(s);
    check_field_add(c, "tightest_argmin", "d=%ld, theta=%ld pi/64", (long) T.argd, (long) T.argj);
    arb_const_pi(t, CAP_PREC);
    arb_div(t, factor, t, CAP_PREC);
    s = audit_encl(t, 8);
    check_field_add(c, "stated", "%s", s);
    flint_free(s);
    arb_sub(t, kmin, t, CAP_PREC);
    s = audit_encl(t, 6);
    check_field_add(c, "margin", "%s", s);
    flint_free(s);
    check_field_add(c, "per_d", "%s", T.perd);
    check_field_add(c, "p_eps_improvement_factor_pi_omega_ratio", "%s", T.peps);
    if (T.wit_d > 0)
        claim1_witness(c, T.wit_d, T.wit_j, factor, "the claimed");
    /* a certified refutation of any part fails the check, whatever is
       undecided elsewhere */
    check_count(c, T.bad_int + bad_omega + T.bad_claim, T.und_int + und_omega + T.und_claim);
    run_push(R, c);
    claim1_tally_clear(&T);
    arb_clear(t);
    arb_clear(kmin);
}

/* The control: Claim 1 with its constant doubled, 2/pi.  False a priori
   at d = 2, where the cap is exactly theta/pi and theta < 2 sin theta on
   (0, pi/2]; decided through the grid of audit.thm3.cap_constant. */
static void
control_cap(run_t R, const arb_t factor)
{
    claim1_tally T;
    check_t c;
    fmpq_t fq;
    arb_t f2;

    if (!run_wants(R, "audit.control.cap_tighter"))
        return;
    run_check(R, c, "audit.control.cap_tighter");
    arb_init(f2);
    arb_mul_2exp_si(f2, factor, 1);
    fmpq_init(fq);
    claim1_factor_q(R, fq);
    fmpq_mul_2exp(fq, fq, 1);
    claim1_grid(&T, R, f2, 0, c, fq);
    fmpq_clear(fq);
    check_field_add(c, "cells_refuted", "%ld", (long) T.bad_claim);
    check_field_add(c, "cells_not_decided", "%ld", (long) T.und_claim);
    if (T.wit_d > 0)
        claim1_witness(c, T.wit_d, T.wit_j, f2, "twice the claimed");
    check_count(c, T.bad_claim, T.und_claim);
    run_push(R, c);
    claim1_tally_clear(&T);
    arb_clear(f2);
}

/* -------------------------------------------------------- Claim 2 */

/* lhs rel rhs for two expressions with exact values (a local shorthand) */
static truth_t
expr_q(check_t c, const char *label, char *lhs, const fmpq_t lv, const char *rel, char *rhs, const fmpq_t rv)
{
    arb_t a, b;
    truth_t t;
    arb_init(a);
    arb_init(b);
    arb_set_fmpq(a, lv, 256);
    arb_set_fmpq(b, rv, 256);
    t = cert_inequality_expr(c, label, lhs, a, rel, rhs, b);
    flint_free(lhs);
    flint_free(rhs);
    arb_clear(a);
    arb_clear(b);
    return t;
}

/* The certificate of Claim 2's instance (audit_cap_angle_decide's point:
   c = (1, 0), delta = 1/2, x = (4/5, -9/20), w = (1, 9/5)), every number
   an expression the checker evaluates: refuted, the hypotheses hold (x in
   the ball, w in the cap: <w, c> > 0 and <w, c>^2 > sin^2 alpha |w|^2
   |c|^2) and the conclusion <w, x> > 0 fails; proved (the corrected
   angle), sin^2 alpha >= (delta/|c|)^2 = 1/4. */
static void
cap_angle_cert(check_t c, truth_t t, const fmpq_t sin2, const fmpq_t xc2, const fmpq_t lhs, const fmpq_t rhs,
               const fmpq_t wx)
{
    fmpq_t q, z;
    fmpq_init(q);
    fmpq_init(z);
    fmpq_set_si(q, 1, 4);
    if (t == BC_FALSE)
    {
        fmpq_one(z);
        expr_q(c, "x in the ball: |x - c|^2 <= delta^2",
               bc_aprintf("{\"fn\": \"add\", \"args\": [{\"fn\": \"pow\", \"args\": [{\"fn\": \"sub\", "
                          "\"args\": [\"4/5\", \"1\"]}, 2]}, {\"fn\": \"pow\", \"args\": [\"-9/20\", 2]}]}"),
               xc2, "<=", bc_aprintf("\"1/4\""), q);
        fmpq_zero(q);
        expr_q(c, "<w, c> > 0",
               bc_aprintf("{\"fn\": \"add\", \"args\": [{\"fn\": \"mul\", \"args\": "
                          "[\"1\", \"1\"]}, {\"fn\": \"mul\", \"args\": [\"9/5\", \"0\"]}]}"),
               z, ">", bc_aprintf("\"0\""), q);
        expr_q(c, "w in the cap: <w, c>^2 > sin^2(alpha) |w|^2 |c|^2",
               bc_aprintf("{\"fn\": \"pow\", \"args\": [{\"fn\": \"add\", \"args\": [{\"fn\": \"mul\", "
                          "\"args\": [\"1\", \"1\"]}, {\"fn\": \"mul\", \"args\": [\"9/5\", \"0\"]}]}, 2]}"),
               lhs, ">",
               cert_e_fn("mul", 3, cert_e_q(sin2),
                         bc_aprintf("{\"fn\": \"add\", \"args\": [{\"fn\": \"pow\", \"args\": [\"1\", 2]}, "
                                    "{\"fn\": \"pow\", \"args\": [\"9/5\", 2]}]}"),
                         bc_aprintf("{\"fn\": \"add\", \"args\": [{\"fn\": \"pow\", \"args\": [\"1\", 2]}, "
                                    "{\"fn\": \"pow\", \"args\": [\"0\", 2]}]}")),
               rhs);
        expr_q(c, "the conclusion <w, x> > 0",
               bc_aprintf("{\"fn\": \"add\", \"args\": [{\"fn\": \"mul\", "
                          "\"args\": [\"1\", \"4/5\"]}, {\"fn\": \"mul\", "
                          "\"args\": [\"9/5\", \"-9/20\"]}]}"),
               wx, ">", bc_aprintf("\"0\""), q);
    }
    else if (t == BC_TRUE)
        expr_q(c, "sin^2(alpha) >= (delta/|c|)^2", cert_e_q(sin2), sin2, ">=", cert_e_q(q), q);
    fmpq_clear(q);
    fmpq_clear(z);
}

/* The reconstructed Claim 2 of B.7 decided on its instance: refuted by
   an exact counterexample, or proved when the cap's angle is the
   corrected one (a mutant restores it). */
static void
record_cap_angle(run_t R)
{
    check_t c;
    fmpq_t sin2, xc2, lhs, rhs, wx;
    truth_t t;
    char *a, *b, *e, *w;

    if (!run_wants(R, "audit.thm5.cap_angle"))
        return;
    run_check(R, c, "audit.thm5.cap_angle");
    fmpq_init(sin2);
    fmpq_init(xc2);
    fmpq_init(lhs);
    fmpq_init(rhs);
    fmpq_init(wx);
    /* s = delta/|c| = 1/2: the paper's alpha = 2 arcsin(s/2) has
       sin^2 alpha = s^2 (1 - s^2/4) = 15/64; the corrected arcsin s, 1/4 */
    fmpq_set_si(sin2, 15, 64);
    if (run_mutant(R, "audit.mutant.cap_angle_corrected"))
        fmpq_set_si(sin2, 1, 4);
    t = audit_cap_angle_decide(xc2, lhs, rhs, wx, sin2);
    a = fmpq_get_str(NULL, 10, xc2);
    b = fmpq_get_str(NULL, 10, lhs);
    e = fmpq_get_str(NULL, 10, rhs);
    w = fmpq_get_str(NULL, 10, wx);
    check_set_witness(c,
                      "c=(1,0), delta=1/2, x=(4/5,-9/20), w=(1,9/5): |x-c|^2=%s (<= 1/4: %s); "
                      "<w,c>^2=%s %s sin^2(alpha)|w|^2|c|^2=%s; <w,x>=%s",
                      a, t == BC_FALSE ? "yes" : "see the status", b, fmpq_cmp(lhs, rhs) > 0 ? ">" : "<=", e,
                      w);
    flint_free(a);
    flint_free(b);
    flint_free(e);
    flint_free(w);
    check_field_fmpq(c, "sin2_alpha", sin2);
    cap_angle_cert(c, t, sin2, xc2, lhs, rhs, wx);
    check_decide(c, t);
    run_push(R, c);
    fmpq_clear(sin2);
    fmpq_clear(xc2);
    fmpq_clear(lhs);
    fmpq_clear(rhs);
    fmpq_clear(wx);
}

/* -------------------------------------------------- Thm 5's radius */

/* Lemma 8's budget per cluster as the audit reads it: 1/(4d) (paper.h) */
static void
noisy_budget_q(run_t R, fmpq_t q, ulong d)
{
    paper_lemma8_noisy(q, (slong) d);
    if (run_mutant(R, "audit.mutant.noisy_eighth"))
        fmpq_div_2exp(q, q, 1);
}

static void
noisy_budget(run_t R, arb_t out, ulong d)
{
    fmpq_t q;
    fmpq_init(q);
    noisy_budget_q(R, q, d);
    arb_set_fmpq(out, q, CAP_PREC);
    fmpq_clear(q);
}

/* rho_d = 2 sin(sqrt(2 pi) / (16 d sqrt d)), Theorem 5's radius, and
   band_d(rho_d) = 1 - 2 F_d(arccos rho_d) (sphere.h: F_d(pi/2 - arcsin
   rho)), as expressions */
static char *
band_expr(ulong d)
{
    char *rho = cert_e_fn(
        "mul", 2, cert_e_si(2),
        cert_e_fn("sin", 1,
                  cert_e_fn("div", 2,
                            cert_e_fn("sqrt", 1, cert_e_fn("mul", 2, cert_e_si(2), cert_e_fn("pi", 0))),
                            cert_e_fn("mul", 2, cert_e_si(16 * (slong) d),
                                      cert_e_fn("sqrt", 1, cert_e_si((slong) d))))));
    return cert_e_fn(
        "sub", 2, cert_e_si(1),
        cert_e_fn("mul", 2, cert_e_si(2),
                  cert_e_fn("cap_fraction", 2, cert_e_si((slong) d), cert_e_fn("acos", 1, rho))));
}

/* The certificate of band_d(rho_d) <= budget (radius: 1) or of
   f_d = 3/4 + (d/2) band_d(rho_d) <= kappa (radius: 0), both sides
   re-evaluated by the checker; value encloses the left side, bound is
   exact. */
static void
band_cert(check_t c, ulong d, int radius, const arb_t value, const fmpq_t bound)
{
    char *l = band_expr(d), *r = cert_e_q(bound), *lab = bc_aprintf("d = %lu", (unsigned long) d);
    arb_t b;
    fmpq_t q;
    arb_init(b);
    fmpq_init(q);
    if (!radius)
    {
        fmpq_set_si(q, 3, 4);
        l = cert_e_fn("add", 2, cert_e_q(q),
                      cert_e_fn("mul", 2, cert_e_fn("div", 2, cert_e_si((slong) d), cert_e_si(2)), l));
    }
    arb_set_fmpq(b, bound, CAP_PREC);
    cert_inequality_expr(c, lab, l, value, "<=", r, b);
    flint_free(l);
    flint_free(r);
    flint_free(lab);
    arb_clear(b);
    fmpq_clear(q);
}

/* band_d(rho) <= budget decided: BC_TRUE, BC_FALSE or BC_UNDECIDED */
static truth_t
budget_ok(ulong d, const arb_t rho, const arb_t budget)
{
    arb_t bd;
    truth_t r;
    arb_init(bd);
    sphere_band_prob(bd, d, rho, CAP_PREC);
    r = arb_le(bd, budget) ? BC_TRUE : (arb_gt(bd, budget) ? BC_FALSE : BC_UNDECIDED);
    arb_clear(bd);
    return r;
}

/* the paper's chain at d, with its own angle alpha = 2 arcsin(rho/2) =
   2 s_d: band <= 2 alpha R(d) (Claim 3; an equality for d = 2, which
   balls cannot decide) and R(d) <= sqrt((d-1)/(2 pi)) (Leopardi); sets
   dband to d times the band at the paper's angle */
static int
chain_ok(ulong d, arb_t dband)
{
    arb_t alpha, bd, w, t;
    int ok = 1;
    arb_init(alpha);
    arb_init(bd);
    arb_init(w);
    arb_init(t);
    sphere_band_radius_arg(alpha, d, CAP_PREC);
    arb_mul_2exp_si(alpha, alpha, 1);
    arb_sin(t, alpha, CAP_PREC);
    sphere_band_prob(bd, d, t, CAP_PREC);
    sphere_omega_ratio(w, d, CAP_PREC);
    arb_mul(t, alpha, w, CAP_PREC);
    arb_mul_2exp_si(t, t, 1);
    if (d > 2 && !arb_le(bd, t))
        ok = 0;
    arb_const_pi(t, CAP_PREC);
    arb_mul_2exp_si(t, t, 1);
    arb_inv(t, t, CAP_PREC);
    arb_mul_ui(t, t, d - 1, CAP_PREC);
    arb_sqrt(t, t, CAP_PREC);
    if (!arb_le(w, t))
        ok = 0;
    arb_mul_ui(dband, bd, d, CAP_PREC);
    arb_clear(alpha);
    arb_clear(bd);
    arb_clear(w);
    arb_clear(t);
    return ok;
}

/* the largest radius meeting the budget, from below: bisection on
   [stated, 1) keeping budget_ok(lo) true; sets lo */
static void
tightest_radius(arf_t lo, ulong d, const arb_t rho, const arb_t budget, slong iters)
{
    arf_t hi, mid;
    arb_t x;
    slong it;
    arf_init(hi);
    arf_init(mid);
    arb_init(x);
    arb_get_lbound_arf(lo, rho, CAP_PREC);
    arb_set_arf(x, lo);
    if (budget_ok(d, x, budget) != BC_TRUE)
        arf_zero(lo);
    arf_one(hi);
    for (it = 0; it < iters; it++)
    {
        arf_add(mid, lo, hi, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(mid, mid, -1);
        arb_set_arf(x, mid);
        if (budget_ok(d, x, budget) == BC_TRUE)
            arf_swap(lo, mid);
        else
            arf_swap(hi, mid);
    }
    arf_clear(hi);
    arf_clear(mid);
    arb_clear(x);
}

/* the table row of d: stated radius, tightest from below, d band at the
   paper's angle */
static void
radius_row(char **tab, ulong d, const arb_t rho, const arf_t lo, const arb_t dband)
{
    arb_t z;
    char *a = audit_encl(rho, 6), *b, *e;
    arb_init(z);
    arb_set_arf(z, lo);
    b = bc_arb_bound_str(z, -1, 6);
    e = audit_encl(dband, 5);
    audit_list_append(tab, bc_aprintf("d=%lu: stated %s, tightest >= %s, d*band(paper angle) %s",
                                      (unsigned long) d, a, b, e));
    flint_free(a);
    flint_free(b);
    flint_free(e);
    arb_clear(z);
}

static void
record_radius(run_t R)
{
    check_t c;
    ulong d, worst_d = 0, bad_d = 0;
    slong bad = 0, und = 0, iters = run_size_pick(R, (const slong[3]){20, 32, 32});
    int ok_chain = 1;
    arb_t rho, budget, dband, t, rmin;
    arf_t lo;
    char *tab = NULL, *s;
    double worst = 1e300;

    if (!run_wants(R, "audit.thm5.radius"))
        return;
    run_check(R, c, "audit.thm5.radius");
    arb_init(rho);
    arb_init(budget);
    arb_init(dband);
    arb_init(t);
    arb_init(rmin);
    arf_init(lo);
    for (d = 2; d <= D5_MAX; d++)
    {
        truth_t r;
        double ratio;
        sphere_band_radius(rho, d, CAP_PREC);
        noisy_budget(R, budget, d);
        r = budget_ok(d, rho, budget);
        if (r != BC_UNDECIDED)
        {
            fmpq_t bq;
            fmpq_init(bq);
            noisy_budget_q(R, bq, d);
            sphere_band_prob(t, d, rho, CAP_PREC);
            band_cert(c, d, 1, t, bq);
            fmpq_clear(bq);
        }
        bad += r == BC_FALSE;
        und += r == BC_UNDECIDED;
        if (r == BC_FALSE && bad_d == 0)
            bad_d = d;
        ok_chain &= chain_ok(d, dband);
        tightest_radius(lo, d, rho, budget, iters);
        /* rho* >= lo; the ratio lo / stated (midpoint: a label) */
        arb_set_arf(t, lo);
        arb_div(t, t, rho, CAP_PREC);
        ratio = arf_get_d(arb_midref(t), ARF_RND_DOWN);
        if (ratio < worst)
            worst = ratio, worst_d = d, arb_set(rmin, t);
        if (d == 2 || d == 3 || d == 8 || d == 16 || d == 32 || d == 64)
            radius_row(&tab, d, rho, lo, dband);
    }
    c->statement = bc_aprintf("Tightest radius by bisection, %ld steps.", (long) iters);
    check_field_add(c, "chain_claim3_and_leopardi_hold", "%s", ok_chain ? "yes (d=2..64, decided)" : "no");
    sphere_band_radius(rho, 1, CAP_PREC);
    s = audit_encl(rho, 6);
    check_field_add(c, "d1", "stated radius %s < 1: on S^0 no direction is noisy, the budget holds trivially",
                    s);
    flint_free(s);
    if (worst_d > 0)
    {
        s = audit_encl(rmin, 6);
        check_field_add(c, "min_over_d_tightest_over_stated", "%s at d=%lu", s, (unsigned long) worst_d);
        flint_free(s);
    }
    check_field_add(c, "table", "%s", tab);
    flint_free(tab);
    if (bad_d > 0)
    {
        char *bs;
        noisy_budget(R, budget, bad_d);
        sphere_band_radius(rho, bad_d, CAP_PREC);
        sphere_band_prob(t, bad_d, rho, CAP_PREC);
        s = audit_encl(t, 8);
        bs = audit_encl(budget, 8);
        check_set_witness(c, "d = %lu: band_d(rho_d) in %s > the budget %s", (unsigned long) bad_d, s, bs);
        flint_free(s);
        flint_free(bs);
    }
    check_count(c, bad, und);
    run_push(R, c);
    arb_clear(rho);
    arb_clear(budget);
    arb_clear(dband);
    arb_clear(t);
    arb_clear(rmin);
    arf_clear(lo);
}

/* --------------------------------------------------- Thm 5's 7/8 */

/* f_d <= kappa for d = 2..64: counts the refuted and undecided d; sets
   *dmax and fmax to the largest f_d, *dbad to the first refuted d */
static void
failure_bound(slong *bad, slong *und, ulong *dmax, arb_t fmax, ulong *dbad, const arb_t kappa, check_t c,
              const fmpq_t kq)
{
    ulong d;
    arb_t f;
    arb_init(f);
    *bad = *und = 0;
    *dmax = *dbad = 0;
    for (d = 2; d <= D5_MAX; d++)
    {
        audit_thm5_fail(f, d, CAP_PREC);
        band_cert(c, d, 0, f, kq);
        if (*dmax == 0 || arb_gt(f, fmax))
        {
            arb_set(fmax, f);
            *dmax = d;
        }
        if (arb_gt(f, kappa))
        {
            if ((*bad)++ == 0)
                *dbad = d;
        }
        else if (!arb_le(f, kappa))
            (*und)++;
    }
    arb_clear(f);
}

/* Theorem 5's per-neuron constant as the audit reads it: 7/8 (paper.h) */
static void
thm5_constant(run_t R, fmpq_t k)
{
    paper_thm5_neuron_fail(k);
    if (run_mutant(R, "audit.mutant.thm5_13_16"))
        fmpq_set_si(k, 13, 16);
    if (run_mutant(R, "audit.mutant.thm5_15_16"))
        fmpq_set_si(k, 15, 16);
}

/* one record: f_d <= k for d = 2..64 */
static void
record_failure_bound(run_t R, const char *id, const fmpq_t k)
{
    check_t c;
    arb_t kappa, fmax;
    ulong dmax, dbad;
    slong bad, und;
    char *e, *ks;

    if (!run_wants(R, id))
        return;
    run_check(R, c, id);
    arb_init(kappa);
    arb_init(fmax);
    arb_set_fmpq(kappa, k, CAP_PREC);
    failure_bound(&bad, &und, &dmax, fmax, &dbad, kappa, c, k);
    e = audit_encl(fmax, 8);
    ks = fmpq_get_str(NULL, 10, k);
    check_field_add(c, "tightest", "max f_d = %s at d = %lu", e, (unsigned long) dmax);
    check_field_add(c, "stated", "%s", ks);
    arb_sub(fmax, kappa, fmax, CAP_PREC);
    flint_free(e);
    e = audit_encl(fmax, 4);
    check_field_add(c, "room", "%s - max f_d = %s", ks, e);
    if (bad > 0)
    {
        audit_thm5_fail(fmax, dbad, CAP_PREC);
        flint_free(e);
        e = audit_encl(fmax, 8);
        check_set_witness(c,
                          "d = %lu: f_d = 3/4 + (d/2) band_d(arcsin rho_d) in %s > %s, rho_d = "
                          "2 sin(sqrt(2 pi)/(16 d sqrt d)), band from the regularised beta function",
                          (unsigned long) dbad, e, ks);
    }
    flint_free(e);
    flint_free(ks);
    check_count(c, bad, und);
    run_push(R, c);
    arb_clear(kappa);
    arb_clear(fmax);
}

/* Theorem 5's 7/8, and the control: 7/8 - 1/64, false a priori because
   the stated radius is tuned to the budget (d band_d -> 1/4, so
   f_d -> 7/8 as d grows) */
static void
records_seven_eighths(run_t R)
{
    fmpq_t k, kc;
    fmpq_init(k);
    fmpq_init(kc);
    thm5_constant(R, k);
    record_failure_bound(R, "audit.thm5.seven_eighths", k);
    fmpq_set_si(kc, 1, 64);
    fmpq_sub(kc, k, kc);
    record_failure_bound(R, "audit.control.seven_eighths_tighter", kc);
    fmpq_clear(k);
    fmpq_clear(kc);
}

void
audit_records_caps(run_t R)
{
    arb_t factor;
    arb_init(factor);
    claim1_factor(R, factor);
    record_cap(R, factor);
    control_cap(R, factor);
    record_cap_angle(R);
    record_radius(R);
    records_seven_eighths(R);
    arb_clear(factor);
}

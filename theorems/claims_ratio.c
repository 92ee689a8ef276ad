/* claims_ratio.c -- the statements in d alone, about the Gamma ratio
   R(d) = omega_{d-2}/omega_{d-1} = Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)):
   Claim 1's monotonicity (Thm 3, B.5), Wendel's two bounds (the limit
   sqrt(d/(2 pi))) and Claim 3's bound omega_{d-1}/omega_d <= sqrt(d/(2 pi))
   (Thm 5, B.7), each decided for d = 2..10^4 with its constant, and the
   negative controls: the same decisions with the constants tightened by
   1/1000, false a priori because every one of these inequalities is tight
   as d grows.  See claims.tex. */
#include "cert.h"
#include "claims.h"
#include "sphere.h"

#define RATIO_DMAX 10000 /* d = 2..RATIO_DMAX, at every size */
#define RATIO_PREC 256

/* The constant of each inequality as the statement has it (1), under
   the run's mutant. */
static void
ratio_claim_constant(fmpq_t K, claims_ratio_ineq which, run_t R)
{
    int upper = which == CLAIMS_RATIO_HI || which == CLAIMS_RATIO_C3;
    fmpq_one(K);
    if ((which == CLAIMS_RATIO_MONO && run_mutant(R, "claims.mutant.ratio_step")) ||
        (which == CLAIMS_RATIO_LO && run_mutant(R, "claims.mutant.wendel_tight")) ||
        (which == CLAIMS_RATIO_HI && run_mutant(R, "claims.mutant.wendel_tight")) ||
        (which == CLAIMS_RATIO_C3 && run_mutant(R, "claims.mutant.claim3_ratio_tight")))
        fmpq_set_si(K, upper ? 99 : 101, 100);
    if (run_mutant(R, "claims.mutant.ratio_controls_true"))
        fmpq_set_si(K, 1000, upper ? 999 : 1001);
}

/* The constant of the control of inequality `which`: the statement's
   constant tightened by 1/1000 (raised for the lower bounds and the
   monotonicity, lowered for the upper bounds). */
static void
ratio_control_constant(fmpq_t K, claims_ratio_ineq which, run_t R)
{
    int upper = which == CLAIMS_RATIO_HI || which == CLAIMS_RATIO_C3;
    fmpq_t f;
    fmpq_init(f);
    fmpq_set_si(f, upper ? 999 : 1001, 1000);
    ratio_claim_constant(K, which, R);
    fmpq_mul(K, K, f);
    fmpq_clear(f);
}

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

/* the decision of inequality `which` at one d with constant K and pi
   (see claims_ratio_decide) */
static truth_t
ratio_decide_one(claims_ratio_ineq which, arb_srcptr T, slong d, const arb_t K, const arb_t pi, slong prec)
{
    arb_t lhs, rhs, t;
    truth_t r;
    arb_init(lhs);
    arb_init(rhs);
    arb_init(t);
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
    arb_clear(lhs);
    arb_clear(rhs);
    arb_clear(t);
    return r;
}

truth_t
claims_ratio_decide(claims_ratio_ineq which, arb_srcptr T, slong N, slong knum, slong kden, slong prec,
                    slong *nheld, slong *dfalse, slong *dopen)
{
    slong d;
    truth_t all = BC_TRUE;
    arb_t pi, K;
    arb_init(pi);
    arb_init(K);
    arb_const_pi(pi, prec);
    arb_set_si(K, knum);
    arb_div_si(K, K, kden, prec);
    *nheld = 0;
    *dfalse = *dopen = -1;
    for (d = 2; d <= N; d++)
    {
        truth_t r = ratio_decide_one(which, T, d, K, pi, prec);
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
    return all;
}

/* the two sides a, b of inequality `which` at d with constant K (a < b,
   or a <= b) */
static void
ratio_sides_arb(arb_t a, arb_t b, claims_ratio_ineq which, arb_srcptr T, slong d, const fmpq_t Kq, slong prec)
{
    arb_t K, pi;
    arb_init(K);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_set_fmpq(K, Kq, prec);
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
    arb_clear(K);
    arb_clear(pi);
}

/* the checker's names of the inequalities (recheck/bcrecheck/statements.py) */
static const char *const ratio_cert_name[4] = {"claims.ratio_monotone", "claims.wendel_lower",
                                               "claims.wendel_upper", "claims.claim3_ratio"};

/* the two sides of inequality `which` at d with constant K, as decimals,
   for a witness */
static char *
ratio_sides(claims_ratio_ineq which, arb_srcptr T, slong d, const fmpq_t Kq, slong prec)
{
    arb_t a, b;
    char *sa, *sb, *s;
    static const char *const form[4] = {"K R(d) = %s, R(d+1) = %s", "K (d-1)/sqrt(2 pi d) = %s, R(d) = %s",
                                        "R(d) = %s, K sqrt((d-1)/(2 pi)) = %s",
                                        "R(d+1) = omega_{d-1}/omega_d = %s, K sqrt(d/(2 pi)) = %s"};
    arb_init(a);
    arb_init(b);
    ratio_sides_arb(a, b, which, T, d, Kq, prec);
    sa = bc_arb_str(a, 20);
    sb = bc_arb_str(b, 20);
    s = bc_aprintf(form[which], sa, sb);
    flint_free(sa);
    flint_free(sb);
    arb_clear(a);
    arb_clear(b);
    return s;
}

/* The table shared by the records: R(d) for d = 2..RATIO_DMAX + 1 and the
   Gamma cross-check. */
typedef struct
{
    arb_ptr T;
    slong nchecked; /* values cross-checked against the Gamma form */
    slong bad;      /* disagreements among them */
} ratio_table_t;

/* The certificate of one inequality (src/cert.h, kind "inequality"): when
   it holds for every d = 2..N, the statement over the whole range, whose
   left side is the number of d at which it holds (the checker decides each
   d again); when it fails, the first violating d with both sides. */
static void
ratio_cert(check_t c, claims_ratio_ineq which, arb_srcptr T, slong N, const fmpq_t K, truth_t t, slong df)
{
    static const char *const all_names[2] = {"dmax", "K"}, *const at_names[2] = {"d", "K"};
    fmpq pt[2];
    fmpq_t held;
    arb_t a, b;
    char *name;
    fmpq_init(pt + 0);
    fmpq_init(pt + 1);
    fmpq_init(held);
    arb_init(a);
    arb_init(b);
    fmpq_set(pt + 1, K);
    if (t == BC_TRUE)
    {
        name = bc_aprintf("%s_all", ratio_cert_name[which]);
        fmpq_set_si(pt + 0, N, 1);
        fmpq_set_si(held, N - 1, 1);
        cert_inequality_fmpq(c, "every d = 2..dmax", name, 2, all_names, pt, held, ">=", held);
        flint_free(name);
    }
    else if (df >= 0)
    {
        fmpq_set_si(pt + 0, df, 1);
        ratio_sides_arb(a, b, which, T, df, K, RATIO_PREC);
        cert_inequality(c, "the first violation", ratio_cert_name[which], 2, at_names, pt, a,
                        which == CLAIMS_RATIO_MONO ? "<" : "<=", b);
    }
    fmpq_clear(pt + 0);
    fmpq_clear(pt + 1);
    fmpq_clear(held);
    arb_clear(a);
    arb_clear(b);
}

/* One inequality of a ratio record decided with constant K (control = 1:
   the control's constant, else the statement's): appends the field key
   ("k of N-1 decided...") and, on a decided violation, the witness (the
   first such d, with both sides).  Returns the decision. */
static truth_t
ratio_part(check_t c, run_t R, const char *key, claims_ratio_ineq which, const ratio_table_t *X, int control)
{
    slong held, df, dop, N = RATIO_DMAX;
    fmpq_t K;
    truth_t t;
    fmpq_init(K);
    if (control)
        ratio_control_constant(K, which, R);
    else
        ratio_claim_constant(K, which, R);
    t = claims_ratio_decide(which, X->T, N, fmpz_get_si(fmpq_numref(K)), fmpz_get_si(fmpq_denref(K)),
                            RATIO_PREC, &held, &df, &dop);
    check_note_prec(c, RATIO_PREC);
    check_field_add(c, key, "%ld of %ld decided true with K = %ld/%ld%s", (long) held, (long) (N - 1),
                    (long) fmpz_get_si(fmpq_numref(K)), (long) fmpz_get_si(fmpq_denref(K)),
                    t == BC_TRUE ? "" : (t == BC_FALSE ? " (a decided violation)" : " (some undecided)"));
    if (df >= 0)
    {
        char *s = ratio_sides(which, X->T, df, K, RATIO_PREC);
        if (c->witness == NULL)
            check_set_witness(c, "%s: first violation at d = %ld with K = %ld/%ld: %s", key, (long) df,
                              (long) fmpz_get_si(fmpq_numref(K)), (long) fmpz_get_si(fmpq_denref(K)), s);
        flint_free(s);
    }
    else if (dop >= 0)
        check_field_add(c, "first_undecided", "%s: d = %ld", key, (long) dop);
    ratio_cert(c, which, X->T, N, K, t, df);
    fmpq_clear(K);
    return t;
}

/* The verdict of a ratio record from its decisions and the Gamma
   cross-check: a disagreement of the two evaluations of R makes every
   decision suspect (undecided, never a pass), unless a violation was
   decided (which the cross-check cannot undo for the balls used). */
static void
ratio_verdict(check_t c, const ratio_table_t *X, truth_t t)
{
    check_field_add(c, "gamma_crosscheck",
                    "%ld values of the recurrence against Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)), %ld "
                    "disagreements",
                    (long) X->nchecked, (long) X->bad);
    check_decide(c, X->bad > 0 && t != BC_FALSE ? BC_UNDECIDED : t);
}

/* R(index) / sqrt(d/(2 pi)) as a field */
static void
ratio_limit_field(check_t c, const char *key, const ratio_table_t *X, slong index, slong d)
{
    arb_t t;
    arb_init(t);
    arb_const_pi(t, RATIO_PREC);
    arb_mul_ui(t, t, 2, RATIO_PREC);
    arb_div_ui(t, t, (ulong) d, RATIO_PREC);
    arb_sqrt(t, t, RATIO_PREC);
    arb_mul(t, t, X->T + index, RATIO_PREC);
    check_field_arb(c, key, t, 15);
    arb_clear(t);
}

/* A ratio record: its ids (statement, control), its one or two
   inequalities and their field keys. */
typedef struct
{
    const char *id[2];
    claims_ratio_ineq which[2];
    const char *key[2]; /* key[1] NULL: one inequality */
} ratio_rec;

static const ratio_rec ratio_recs[3] = {
    {{"claim1.omega_ratio_monotone", "claims.control.ratio_monotone"},
     {CLAIMS_RATIO_MONO, CLAIMS_RATIO_MONO},
     {"decided", NULL}},
    {{"claim1.omega_ratio_limit", "claims.control.ratio_limit"},
     {CLAIMS_RATIO_LO, CLAIMS_RATIO_HI},
     {"lower_decided", "upper_decided"}},
    {{"claim3.omega_ratio_bound", "claims.control.ratio_bound"},
     {CLAIMS_RATIO_C3, CLAIMS_RATIO_C3},
     {"decided", NULL}},
};

/* the fields of statement k beyond its decisions: where R stands */
static void
ratio_extra_fields(check_t c, const ratio_table_t *X, slong k)
{
    if (k == 0)
    {
        check_field_arb(c, "R(2)", X->T + 2, 20);
        check_field_arb(c, "R(max)", X->T + RATIO_DMAX, 20);
    }
    else if (k == 1)
        ratio_limit_field(c, "R(max)/sqrt(max/(2 pi))", X, RATIO_DMAX, RATIO_DMAX);
    else
        ratio_limit_field(c, "ratio_at_max", X, RATIO_DMAX + 1, RATIO_DMAX);
}

/* record k of ratio_recs, the statement (control = 0) or its control */
static void
record_ratio(run_t R, const ratio_table_t *X, slong k, int control)
{
    const ratio_rec *r = ratio_recs + k;
    check_t c;
    truth_t t;
    if (!run_wants(R, r->id[control]))
        return;
    run_check(R, c, r->id[control]);
    t = ratio_part(c, R, r->key[0], r->which[0], X, control);
    if (r->key[1] != NULL)
        t = bc_truth_and(t, ratio_part(c, R, r->key[1], r->which[1], X, control));
    if (!control)
        ratio_extra_fields(c, X, k);
    ratio_verdict(c, X, t);
    run_push(R, c);
}

void
claims_records_ratios(run_t R)
{
    ratio_table_t X;
    slong k;
    int any = 0, control;

    for (k = 0; k < 3; k++)
        for (control = 0; control <= 1; control++)
            any |= run_wants(R, ratio_recs[k].id[control]);
    if (!any)
        return;
    X.T = _arb_vec_init(RATIO_DMAX + 2);
    X.bad = ratio_table(X.T, RATIO_DMAX + 1, RATIO_PREC, &X.nchecked);
    for (control = 0; control <= 1; control++)
        for (k = 0; k < 3; k++)
            record_ratio(R, &X, k, control);
    _arb_vec_clear(X.T, RATIO_DMAX + 2);
}

/* audit_rec_union.c -- records for 3/4 (Thms 2 and 4, B.4 and B.6), the
   union bounds 2d (3/4)^n and m (3/4)^n, and the constants 1/2 and
   2^{-n_{h-1}} of Proposition 1 (B.2).  The union bounds are exact
   rational arithmetic; the 3/4 and Proposition 1's constants are tested
   through the samplers (Monte Carlo with exact per-sample decisions,
   judged in the run's family).  The constants are read from paper.h, once
   per family, where the mutants change them. */
#include <string.h>

#include "audit.h"
#include "cert.h"
#include "paper.h"
#include "sampler.h"

#define CLAIM24 "Theorems 2 and 4 (constants)"

/* the per-neuron failure probability of one side, 3/4 (paper.h), as the
   audit reads it for every path (sampled rates, union bounds, controls) */
static void
side_fail(run_t R, fmpq_t q)
{
    paper_side_fail(q);
    if (run_mutant(R, "audit.mutant.side_fail_two_thirds"))
        fmpq_set_si(q, 2, 3);
    if (run_mutant(R, "audit.mutant.side_fail_49_64"))
        fmpq_set_si(q, 49, 64);
}

/* decimal of an exact rational, 6 significant digits, outward-rounded */
static char *
q_dec(const fmpq_t x, int dir)
{
    arb_t a;
    char *s;
    arb_init(a);
    arb_set_fmpq(a, x, 128);
    s = bc_arb_bound_str(a, dir, 6);
    arb_clear(a);
    return s;
}

/* ------------------------------------------- the per-neuron 3/4, sampled */

/* The fixed point of the 3/4 audit: x = (3/4, -1/2, 5/4, 1/4), dyadic, so
   <w, x> is computed exactly from the sampled doubles. */
#define TQ_D 4
static const slong tq_x[TQ_D] = {3, -2, 5, 1}; /* times 1/4 */
#define TQ_STREAM "audit.thm24.three_quarters"

/* 4 <w, x> exactly, from the doubles w */
static void
dot_x4(arf_t s, const double *w)
{
    arf_t t;
    slong i;
    arf_init(t);
    arf_zero(s);
    for (i = 0; i < TQ_D; i++)
    {
        arf_set_d(t, w[i]);
        arf_mul_si(t, t, tq_x[i], ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_add(s, s, t, ARF_PREC_EXACT, ARF_RND_DOWN);
    }
    arf_clear(t);
}

/* Events of one neuron (w, v) drawn by the law *ctx (Assumption 1: w and
   v independent; v as a one-entry vector): 0 the neuron fails x when the
   required output sign is +, i.e. not (<w, x> > 0 and v > 0); 1 the same
   for the sign -.  Decided exactly (a zero inner product is inactive). */
static void
tq_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    const sampler_kind *law = ctx;
    double w[TQ_D], v;
    arf_t s;
    int act;
    (void) index;
    sampler_draw(w, TQ_D, *law, 1.0, rng);
    sampler_draw(&v, 1, *law, 1.0, rng);
    arf_init(s);
    dot_x4(s, w);
    act = arf_sgn(s) > 0;
    out->nevents = 2;
    out->escalations = 0;
    out->event[0] = (act && v > 0) ? BC_FALSE : BC_TRUE;
    out->event[1] = (act && v < 0) ? BC_FALSE : BC_TRUE;
    arf_clear(s);
}

/* Tallies of the four Assumption-1 laws (tq_sample, streams
   "audit.thm24.three_quarters/<law>"). */
typedef struct
{
    mc_tally_t T[SAMPLER_SYMMETRIC_COUNT];
} tq_tallies;

static void
tq_run(run_t R, tq_tallies *Q, ulong samples)
{
    slong k;
    for (k = 0; k < SAMPLER_SYMMETRIC_COUNT; k++)
    {
        sampler_kind law = (sampler_kind) k;
        char *stream = bc_aprintf(TQ_STREAM "/%s", sampler_name(law));
        run_mc(R, Q->T[k], tq_sample, &law, samples, stream);
        flint_free(stream);
    }
}

/* The agreement of the sampled failure rates with the claimed per-neuron
   failure probability q: one two-sided test per law and required sign,
   and one of the rate pooled over the four laws (independent streams),
   judged in the run's family; the rates as a field. */
static void
tq_tests(check_t c, const tq_tallies *Q, const fmpq_t q)
{
    arb_t x;
    slong k, e;
    ulong pn = 0, pk = 0, pu = 0;
    char *qs = fmpq_get_str(NULL, 10, q), *rates = NULL;
    arb_init(x);
    arb_set_fmpq(x, q, 128);
    for (k = 0; k < SAMPLER_SYMMETRIC_COUNT; k++)
        for (e = 0; e < 2; e++)
        {
            const mc_tally_struct *T = Q->T[k];
            char *label = bc_aprintf("%s, %s", sampler_name((sampler_kind) k), e == 0 ? "v+" : "v-");
            check_add_test(c, TEST_EQUAL, label, T->samples, T->hits[e], T->undecided[e], T->escalations, x,
                           qs);
            audit_list_append(&rates, bc_aprintf("%s: %lu/%lu", label, (unsigned long) T->hits[e],
                                                 (unsigned long) T->samples));
            flint_free(label);
            if (e == 0)
            {
                pn += T->samples;
                pk += T->hits[0];
                pu += T->undecided[0];
            }
        }
    check_add_test(c, TEST_EQUAL, "pooled over the four laws, v+", pn, pk, pu, 0, x, qs);
    audit_list_append(&rates, bc_aprintf("pooled v+: %lu/%lu", (unsigned long) pk, (unsigned long) pn));
    check_field_add(c, "rates", "%s", rates);
    check_field_add(c, "claimed", "%s", qs);
    flint_free(rates);
    flint_free(qs);
    arb_clear(x);
}

static void
records_three_quarters(run_t R, const fmpq_t q)
{
    static const ulong sizes[3] = {20000, 200000, 1000000};
    int claim = run_wants(R, TQ_STREAM), control = run_wants(R, "audit.control.three_quarters");
    tq_tallies Q;
    check_t c;
    fmpq_t q47;

    if (!claim && !control)
        return;
    /* the claim's clock includes the sampling; the control needs 20000
       neurons per law to refute 47/64 whatever --samples says (the pooled
       rate then has standard error 0.0015 against a distance of 1/64) */
    if (claim)
        run_check(R, c, TQ_STREAM);
    tq_run(R, &Q, run_samples(R, TQ_STREAM, sizes, control ? 20000 : 0));
    if (claim)
    {
        tq_tests(c, &Q, q);
        check_set_stream_witness(
            c, R->opts->seed, TQ_STREAM "/LAW",
            "LAW one of gauss, sphere, ball, cauchy; failing neurons counted per law and sign");
        run_push(R, c);
    }
    if (control)
    {
        /* the claimed 3/4 tightened by 1/64 */
        fmpq_init(q47);
        fmpq_set_si(q47, 1, 64);
        fmpq_sub(q47, q, q47);
        run_check(R, c, "audit.control.three_quarters");
        tq_tests(c, &Q, q47);
        check_set_stream_witness(c, R->opts->seed, TQ_STREAM "/LAW",
                                 "LAW one of gauss, sphere, ball, cauchy; the same tallies as "
                                 "audit.thm24.three_quarters");
        run_push(R, c);
        fmpq_clear(q47);
    }
}

/* ----------------------------------------------------- union bounds */

/* One union bound: the exact probability that some point (set) has no
   good neuron, worst over the sign configurations, against factor q^n. */
typedef void (*worst_fn)(fmpq_t out, ulong *conf, ulong n, ulong size);

/* Decides worst <= factor q^n; sets worst, *conf and bound = factor q^n. */
static truth_t
union_decide(fmpq_t worst, ulong *conf, fmpq_t bound, worst_fn fn, ulong n, ulong size, ulong factor,
             const fmpq_t q)
{
    fn(worst, conf, n, size);
    fmpq_pow_si(bound, q, (slong) n);
    fmpq_mul_ui(bound, bound, factor);
    return fmpq_cmp(worst, bound) <= 0 ? BC_TRUE : BC_FALSE;
}

/* The certificate of one union-bound cell (kind "inequality"): the
   checker re-derives the worst exact probability from the statement named
   (thm4.union_orth, thm2.union_singleton) at (n, size, factor, q). */
static void
union_cert(check_t c, const char *name, const char *size_nm, ulong n, ulong size, ulong factor,
           const fmpq_t q, const fmpq_t worst, const fmpq_t bound)
{
    const char *names[4] = {"n", size_nm, "factor", "q"};
    fmpq pt[4];
    slong i;
    char *label = bc_aprintf("n = %lu, %s = %lu", (unsigned long) n, size_nm, (unsigned long) size);
    for (i = 0; i < 4; i++)
        fmpq_init(pt + i);
    fmpq_set_ui(pt + 0, n, 1);
    fmpq_set_ui(pt + 1, size, 1);
    fmpq_set_ui(pt + 2, factor, 1);
    fmpq_set(pt + 3, q);
    cert_inequality_fmpq(c, label, name, 4, names, pt, worst, "<=", bound);
    for (i = 0; i < 4; i++)
        fmpq_clear(pt + i);
    flint_free(label);
}

typedef struct
{
    const char *id;
    const char *cert_name; /* the checker's statement */
    worst_fn fn;
    const ulong *sizes; /* m (Thm 4) or d (Thm 2) */
    slong nsizes;
    ulong mult;          /* the union bound's factor is mult * size */
    const char *size_nm; /* "m" or "d" */
    const char *conf_nm; /* what the worst configuration counts */
    const char *bound_nm;
    ulong tab_n[4], tab_s[3]; /* the cells listed in the table field */
    int independent;          /* list what independent events would give */
} union_family;

static int
in_list(ulong x, const ulong *v, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

/* the table row of one cell */
static char *
union_row(const union_family *F, const fmpq_t worst, ulong conf, const fmpq_t bound, ulong n, ulong s,
          const fmpq_t q)
{
    fmpq_t t;
    char *a = q_dec(worst, -1), *b = q_dec(bound, 1), *fs, *ind = NULL, *row;
    fmpq_init(t);
    fmpq_pow_si(t, q, (slong) n);
    fmpq_div(t, worst, t);
    fs = q_dec(t, 1);
    if (F->independent)
    {
        /* what the points' events would give if they were independent:
           1 - (1 - q^n)^m */
        fmpq_pow_si(t, q, (slong) n);
        fmpq_neg(t, t);
        fmpq_add_si(t, t, 1);
        fmpq_pow_si(t, t, (slong) s);
        fmpq_neg(t, t);
        fmpq_add_si(t, t, 1);
        ind = q_dec(t, 1);
    }
    row = bc_aprintf("%s=%lu n=%lu: exact %s (worst: %lu %s), %s %s, tightest factor %s%s%s", F->size_nm,
                     (unsigned long) s, (unsigned long) n, a, (unsigned long) conf, F->conf_nm, F->bound_nm,
                     b, fs, ind != NULL ? ", if independent " : "", ind != NULL ? ind : "");
    flint_free(a);
    flint_free(b);
    flint_free(fs);
    if (ind != NULL)
        flint_free(ind);
    fmpq_clear(t);
    return row;
}

static void
record_union(run_t R, const union_family *F, const fmpq_t q)
{
    ulong nmax = (ulong) run_size_pick(R, (const slong[3]){24, 48, 48}), n, conf;
    slong i, bad = 0;
    check_t c;
    fmpq_t worst, ub, r, rmin, rmax;
    char *table = NULL, *a, *b;

    if (!run_wants(R, F->id))
        return;
    run_check(R, c, F->id);
    fmpq_init(worst);
    fmpq_init(ub);
    fmpq_init(r);
    fmpq_init(rmin);
    fmpq_init(rmax);
    fmpq_set_si(rmin, 2, 1);
    for (i = 0; i < F->nsizes; i++)
        for (n = 1; n <= nmax; n++)
        {
            ulong s = F->sizes[i];
            truth_t t = union_decide(worst, &conf, ub, F->fn, n, s, F->mult * s, q);
            union_cert(c, F->cert_name, F->size_nm, n, s, F->mult * s, q, worst, ub);
            if (t != BC_TRUE && bad++ == 0)
            {
                a = fmpq_get_str(NULL, 10, worst);
                b = fmpq_get_str(NULL, 10, ub);
                check_set_witness(c, "%s=%lu, n=%lu, %s=%lu: exact %s > %s = %s", F->size_nm,
                                  (unsigned long) s, (unsigned long) n, F->conf_nm, (unsigned long) conf, a,
                                  F->bound_nm, b);
                flint_free(a);
                flint_free(b);
            }
            /* ratio exact / union bound where the bound is non-trivial (< 1) */
            if (fmpq_cmp_ui(ub, 1) < 0)
            {
                fmpq_div(r, worst, ub);
                if (fmpq_cmp(r, rmin) < 0)
                    fmpq_set(rmin, r);
                if (fmpq_cmp(r, rmax) > 0)
                    fmpq_set(rmax, r);
            }
            if (in_list(n, F->tab_n, 4) && in_list(s, F->tab_s, 3))
                audit_list_append(&table, union_row(F, worst, conf, ub, n, s, q));
        }
    c->statement = bc_aprintf("Here $n=1..%lu$ and the per-neuron constant is $%s$.", (unsigned long) nmax,
                              (a = fmpq_get_str(NULL, 10, q)));
    flint_free(a);
    a = q_dec(rmin, -1);
    b = q_dec(rmax, 1);
    check_field_add(c, "ratio_exact_over_union_min", "%s", a);
    check_field_add(c, "ratio_exact_over_union_max", "%s", b);
    flint_free(a);
    flint_free(b);
    if (table != NULL)
    {
        check_field_add(c, "table", "%s", table);
        flint_free(table);
    }
    check_count(c, bad, 0);
    run_push(R, c);
    fmpq_clear(worst);
    fmpq_clear(ub);
    fmpq_clear(r);
    fmpq_clear(rmin);
    fmpq_clear(rmax);
}

static const ulong thm4_ms[] = {1, 2, 3, 4, 8, 16, 32, 64};
static const ulong thm2_ds[] = {1, 2, 4, 8, 16, 32};

static const union_family thm4_family = {"audit.thm4.union_bound",
                                         "thm4.union_orth",
                                         audit_thm4_worst,
                                         thm4_ms,
                                         sizeof(thm4_ms) / sizeof(thm4_ms[0]),
                                         1,
                                         "m",
                                         "positive targets",
                                         "m(3/4)^n",
                                         {4, 8, 16, 32},
                                         {2, 8, 64},
                                         1};

static const union_family thm2_family = {"audit.thm2.union_bound",
                                         "thm2.union_singleton",
                                         audit_thm2_worst,
                                         thm2_ds,
                                         sizeof(thm2_ds) / sizeof(thm2_ds[0]),
                                         2,
                                         "d",
                                         "same-sign coordinates",
                                         "2d(3/4)^n",
                                         {8, 16, 32, 0},
                                         {1, 8, 32},
                                         0};

/* The control: the union bound over one point fewer, (m - 1) q^n, at
   m = 8, n = 24, through the decision of audit.thm4.union_bound.  False
   a priori (Bonferroni): P[some point uncovered] >= m (3/4)^n -
   C(m, 2) (5/8)^n, a neuron failing two points with probability at most
   5/8, and (6/5)^24 > 79 > C(8, 2) = 28. */
static void
control_union(run_t R, const fmpq_t q)
{
    const ulong m = 8, n = 24;
    check_t c;
    fmpq_t worst, ub;
    ulong conf;
    truth_t t;
    char *a, *b;

    if (!run_wants(R, "audit.control.union_tighter"))
        return;
    run_check(R, c, "audit.control.union_tighter");
    fmpq_init(worst);
    fmpq_init(ub);
    t = union_decide(worst, &conf, ub, audit_thm4_worst, n, m, m - 1, q);
    union_cert(c, "thm4.union_orth", "m", n, m, m - 1, q, worst, ub);
    a = fmpq_get_str(NULL, 10, worst);
    b = fmpq_get_str(NULL, 10, ub);
    check_set_witness(c, "m=8, n=24, positive targets=%lu: exact Pr[fail] = %s %s (m-1)(3/4)^n = %s",
                      (unsigned long) conf, a, t == BC_TRUE ? "<=" : ">", b);
    flint_free(a);
    flint_free(b);
    check_decide(c, t);
    run_push(R, c);
    fmpq_clear(worst);
    fmpq_clear(ub);
}

void
audit_records_union(run_t R)
{
    fmpq_t q;
    fmpq_init(q);
    side_fail(R, q);
    records_three_quarters(R, q);
    record_union(R, &thm4_family, q);
    control_union(R, q);
    record_union(R, &thm2_family, q);
    fmpq_clear(q);
}

/* ------------------------------------------------------ Proposition 1 */

/* The one-point instance: depth 2, width up to PW_MAX with biases,
   x = (3/4, -1/2, 5/4, 1/4) (so x~ = (x, 1), |x~|^2 = 55/16), target
   y = 1024, squared loss, all weights standard Gaussian.  One sample draws
   a width-PW_MAX network; its first n neurons are a network of width n,
   for each n of P1_WIDTHS. */
#define PW_MAX 8
#define P1_NW 4
static const ulong p1_widths[P1_NW] = {1, 2, 4, 8};
#define P1_Y 1024

/* Events 2i and 2i + 1 for width p1_widths[i]: P = 0 (no neuron active),
   and L(P) > L(0), i.e. P < 0 or P > 2y; decided exactly (dyadic
   arithmetic on the sampled doubles). */
static void
p1_sample(mc_outcome *out, const void *ctx, rng_t rng, ulong index)
{
    double wb[PW_MAX * (TQ_D + 1)], v[PW_MAX];
    arf_t pre, t, P;
    slong j, i = 0;
    int active = 0;
    (void) ctx;
    (void) index;
    sampler_draw(wb, PW_MAX * (TQ_D + 1), SAMPLER_GAUSS, 1.0, rng);
    sampler_draw(v, PW_MAX, SAMPLER_GAUSS, 1.0, rng);
    arf_init(pre);
    arf_init(t);
    arf_init(P);
    out->nevents = 2 * P1_NW;
    out->escalations = 0;
    for (j = 0; j < PW_MAX; j++)
    {
        /* 4 (<w_j, x> + b_j), exact */
        dot_x4(pre, wb + j * (TQ_D + 1));
        arf_set_d(t, wb[j * (TQ_D + 1) + TQ_D]);
        arf_mul_2exp_si(t, t, 2);
        arf_add(pre, pre, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        if (arf_sgn(pre) > 0)
        {
            active = 1;
            /* 4 P accumulated: v_j relu(4 pre) */
            arf_set_d(t, v[j]);
            arf_mul(t, t, pre, ARF_PREC_EXACT, ARF_RND_DOWN);
            arf_add(P, P, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        }
        if (i < P1_NW && (ulong) j + 1 == p1_widths[i])
        {
            out->event[2 * i] = active ? BC_FALSE : BC_TRUE;
            /* 4 P < 0 or 4 P > 8 y */
            out->event[2 * i + 1] = (arf_sgn(P) < 0 || arf_cmp_si(P, 8 * P1_Y) > 0) ? BC_TRUE : BC_FALSE;
            i++;
        }
    }
    arf_clear(pre);
    arf_clear(t);
    arf_clear(P);
}

/* the level of Proposition 1 as the audit reads it: 1/2 (1 - 2^-n) */
static void
prop1_level(run_t R, fmpq_t out, ulong n)
{
    paper_prop1_level(out, (slong) n);
    if (run_mutant(R, "audit.mutant.prop1_level"))
        paper_prop1_level(out, (slong) n + 1);
}

/* The three tests of width n from the tally: P[P = 0] = 1 - 2 level
   (= 2^-n), P[L(P) > L(0)] >= level, P[L(P) <= L(0)] >= 1 - level - g,
   g = n |x~|^2 / (8 y^2) >= P[P > 2y] (Markov on P^2). */
static void
p1_tests(run_t R, check_t c, const mc_tally_t T, slong i, char **brackets)
{
    ulong n = p1_widths[i], N = T->samples;
    fmpq_t lev, z, g;
    arb_t x;
    char *label, *tex, *ls, *hs;
    fmpq_init(lev);
    fmpq_init(z);
    fmpq_init(g);
    arb_init(x);
    prop1_level(R, lev, n);
    fmpq_mul_2exp(z, lev, 1);
    fmpq_sub_si(z, z, 1);
    fmpq_neg(z, z);
    arb_set_fmpq(x, z, 128);
    label = bc_aprintf("n = %lu: P[P = 0]", (unsigned long) n);
    tex = fmpq_get_str(NULL, 10, z);
    check_add_test(c, TEST_EQUAL, label, N, T->hits[2 * i], T->undecided[2 * i], 0, x, tex);
    flint_free(label);
    flint_free(tex);
    arb_set_fmpq(x, lev, 128);
    label = bc_aprintf("n = %lu: P[L(P) > L(0)] >= level", (unsigned long) n);
    tex = fmpq_get_str(NULL, 10, lev);
    check_add_test(c, TEST_BOUND, label, N, T->hits[2 * i + 1], T->undecided[2 * i + 1], 0, x, tex);
    flint_free(label);
    flint_free(tex);
    /* g = n (55/16) / (8 y^2) */
    fmpq_set_si(g, 55 * (slong) n, 16 * 8 * P1_Y * P1_Y);
    fmpq_add(g, g, lev);
    ls = fmpq_get_str(NULL, 10, lev);
    hs = fmpq_get_str(NULL, 10, g);
    audit_list_append(brackets, bc_aprintf("n=%lu: P in [%s, %s]", (unsigned long) n, ls, hs));
    flint_free(ls);
    flint_free(hs);
    fmpq_sub_si(g, g, 1);
    fmpq_neg(g, g);
    arb_set_fmpq(x, g, 128);
    label = bc_aprintf("n = %lu: P[L(P) <= L(0)] >= 1 - level - g", (unsigned long) n);
    tex = fmpq_get_str(NULL, 10, g);
    check_add_test(c, TEST_BOUND, label, N, N - T->hits[2 * i + 1] - T->undecided[2 * i + 1],
                   T->undecided[2 * i + 1], 0, x, tex);
    flint_free(label);
    flint_free(tex);
    fmpq_clear(lev);
    fmpq_clear(z);
    fmpq_clear(g);
    arb_clear(x);
}

void
audit_records_prop1(run_t R)
{
    static const ulong sizes[3] = {20000, 200000, 1000000};
    check_t c;
    mc_tally_t T;
    slong i;
    char *brackets = NULL;

    if (!run_wants(R, "audit.prop1.half"))
        return;
    run_check(R, c, "audit.prop1.half");
    run_mc(R, T, p1_sample, NULL, run_samples(R, "audit.prop1.half", sizes, 0), "audit.prop1.half");
    for (i = 0; i < P1_NW; i++)
        p1_tests(R, c, T, i, &brackets);
    check_field_add(c, "brackets", "%s", brackets);
    check_field_add(c, "stated", "1/2 and 2^-n");
    check_field_add(c, "tightest", "1/2 (infimum over targets) and 2^-n (exact on one point)");
    check_set_stream_witness(c, R->opts->seed, "audit.prop1.half",
                             "one width-8 network per sample, its first n neurons the network of width n");
    flint_free(brackets);
    run_push(R, c);
}

/* audit_rec_thm3.c -- the records of the Thm 3 Chernoff audit (B.5):
   the stated step per c (errata for c = 2 and 2.5), the corrected bounds
   (their values from chernoff.h), the threshold c*, the figure of the
   tightest constant, and two negative controls.  The numbers come from
   audit_chernoff.c; Theorem 3's rate from paper.h, where the mutants
   change it. */
#include <string.h>

#include "audit.h"
#include "binom.h"
#include "cert.h"

#define CLAIM3 "Theorem 3 (constants)"

/* exact witnesses are printed in full only when short */
#define WITNESS_MAX_CHARS 400
/* exact rational re-check of a witness for N up to this */
#define WITNESS_EXACT_N 60000

/* p as "a/b (= 0.00012)" */
static char *
p_str(slong pi)
{
    fmpq_t p;
    char *q, *s;
    fmpq_init(p);
    audit_p_get(p, pi);
    q = fmpq_get_str(NULL, 10, p);
    s = bc_aprintf("%s (= %.6g)", q, fmpq_get_d(p));
    flint_free(q);
    fmpq_clear(p);
    return s;
}

/* the exact rational tail of cell C against the bound b (an enclosure at
   prec): "; exact tail ... > bound: yes (decided)" */
static char *
exact_part(const audit_cell *C, const fmpq_t p, const arb_t b, slong prec)
{
    fmpq_t e;
    arb_t te;
    char *q, *ex;
    fmpq_init(e);
    arb_init(te);
    binom_cdf_fmpq(e, C->N, p, C->n - 1);
    arb_set_fmpq(te, e, prec);
    q = fmpq_get_str(NULL, 10, e);
    if (strlen(q) <= WITNESS_MAX_CHARS)
        ex = bc_aprintf("; exact tail P[Bin(N,p) <= n-1] = %s; exact tail > bound: %s", q,
                        arb_gt(te, b) ? "yes (decided)" : "NOT DECIDED");
    else
        ex = bc_aprintf("; exact rational tail (binom_cdf_fmpq(N, p, n-1), %ld digits) > bound: %s",
                        (long) strlen(q), arb_gt(te, b) ? "yes (decided)" : "NOT DECIDED");
    flint_free(q);
    fmpq_clear(e);
    arb_clear(te);
    return ex;
}

/* A witness for cell C refuting tail <= bound b: the cell, the rigorous
   enclosures and, when N is small enough, the exact rational tail with
   an exact-vs-ball re-check. */
static char *
cell_witness(const audit_cell *C, audit_bound b, const audit_rates_t r, const char *bound_tex)
{
    fmpq_t p;
    arb_t t, bd;
    char *ps, *ts, *bs, *ex = NULL, *s;
    slong prec = 256;

    fmpq_init(p);
    arb_init(t);
    arb_init(bd);
    audit_p_get(p, C->pi);
    ps = p_str(C->pi);
    audit_thm3_tail(t, C->N, p, C->n, prec);
    audit_thm3_bound(bd, b, C->n, C->c2, r, prec);
    ts = audit_encl(t, 12);
    bs = audit_encl(bd, 12);
    if (C->N <= WITNESS_EXACT_N)
        ex = exact_part(C, p, bd, prec);
    s = bc_aprintf("n=%lu, p=%s, c=%g, N=ceil(c*ceil(n/p))=%lu: P[Bin(N,p) < n] in %s > %s in %s%s",
                   (unsigned long) C->n, ps, (double) C->c2 / 2.0, (unsigned long) C->N, ts, bound_tex, bs,
                   ex != NULL ? ex : "");
    flint_free(ps);
    flint_free(ts);
    flint_free(bs);
    if (ex != NULL)
        flint_free(ex);
    fmpq_clear(p);
    arb_clear(t);
    arb_clear(bd);
    return s;
}

/* kappa_asym = (c - 1 - ln c) / c, the tightest constant over all n, p */
static void
kappa_asym(arb_t out, ulong c2, slong prec)
{
    arb_t c;
    arb_init(c);
    arb_set_ui(c, c2);
    arb_mul_2exp_si(c, c, -1);
    arb_log(out, c, prec);
    arb_sub(out, c, out, prec);
    arb_sub_ui(out, out, 1, prec);
    arb_div(out, out, c, prec);
    arb_clear(c);
}

typedef struct
{
    slong cells, nfalse, nundec;
    ulong nmin_fail;  /* smallest failing n (0: none) */
    slong nmin_cell;  /* failing cell with the smallest n (ties: the smallest N) */
    slong first_fail; /* failing cell with the smallest N */
    slong worst;      /* failing cell with the largest tail / bound (midpoints) */
    slong argmin;     /* cell of the smallest kappa (midpoints) */
    slong prec;       /* the highest precision a cell's decisions reached */
    arb_t kmin;       /* [min lower, min upper] of kappa over the cells */
} c_summary;

/* the failing cell i of S against the running choices */
static void
note_failure(c_summary *S, const audit_grid_t G, slong i, double lratio, double *worst)
{
    const audit_cell *C = G->cells + i;
    S->nfalse++;
    if (S->nmin_fail == 0 || C->n < S->nmin_fail)
        S->nmin_fail = C->n;
    if (S->nmin_cell < 0 || C->n < G->cells[S->nmin_cell].n ||
        (C->n == G->cells[S->nmin_cell].n && C->N < G->cells[S->nmin_cell].N))
        S->nmin_cell = i;
    if (S->first_fail < 0 || C->N < G->cells[S->first_fail].N)
        S->first_fail = i;
    if (lratio > *worst)
    {
        *worst = lratio;
        S->worst = i;
    }
}

/* The cells of c = c2 / 2 against bound b; kappa (the stated rate, a
   double) only labels the largest-ratio cell: ln(tail / exp(-kappa c n))
   = c n (kappa - kappa_cell). */
static void
summarise(c_summary *S, const audit_grid_t G, ulong c2, audit_bound b, double kappa)
{
    slong i;
    double worst = -1e300, kbest = 1e300;
    arf_t lo, hi, l, h;
    arf_init(lo);
    arf_init(hi);
    arf_init(l);
    arf_init(h);
    memset(S, 0, sizeof(*S) - sizeof(arb_t));
    S->first_fail = S->worst = S->argmin = S->nmin_cell = -1;
    arb_init(S->kmin);
    arf_pos_inf(lo);
    arf_pos_inf(hi);
    for (i = 0; i < G->ncells; i++)
    {
        const audit_cell *C = G->cells + i;
        double k;
        if (C->c2 != c2)
            continue;
        S->cells++;
        if (C->prec > S->prec)
            S->prec = C->prec;
        /* min of balls: [min of lower ends, min of upper ends] */
        arb_get_lbound_arf(l, C->kappa, 64);
        arb_get_ubound_arf(h, C->kappa, 64);
        if (arf_cmp(l, lo) < 0)
            arf_set(lo, l);
        if (arf_cmp(h, hi) < 0)
            arf_set(hi, h);
        /* the argmin is only a label for the report; the enclosure above
           is what is claimed */
        k = arf_get_d(arb_midref(C->kappa), ARF_RND_NEAR);
        if (k < kbest)
        {
            kbest = k;
            S->argmin = i;
        }
        S->nundec += C->holds[b] == BC_UNDECIDED;
        if (C->holds[b] == BC_FALSE)
            note_failure(S, G, i, (double) C->c2 * (double) C->n * (kappa - k), &worst);
    }
    arb_set_interval_arf(S->kmin, lo, hi, 64);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(l);
    arf_clear(h);
}

/* the witness of a refuted stated step: the smallest refuted n, the
   smallest refuting N (different cells in general: c = 2, n = 12 against
   N = 200 at n = 21 on the full grid), then the largest ratio */
static char *
stated_witness(const c_summary *S, const audit_grid_t G, const audit_rates_t r)
{
    char *s, *s2, *s3;
    s = cell_witness(G->cells + S->nmin_cell, AUDIT_STATED, r, "exp(-kappa cn)");
    if (S->nmin_cell != S->first_fail)
    {
        s2 = cell_witness(G->cells + S->first_fail, AUDIT_STATED, r, "exp(-kappa cn)");
        s3 = bc_aprintf("smallest refuted n: %s || smallest-N refuting cell: %s", s, s2);
        flint_free(s2);
    }
    else
        s3 = bc_aprintf("smallest refuted n, also the smallest-N refuting cell: %s", s);
    flint_free(s);
    if (S->worst >= 0 && S->worst != S->first_fail && S->worst != S->nmin_cell)
    {
        s2 = cell_witness(G->cells + S->worst, AUDIT_STATED, r, "exp(-kappa cn)");
        s = bc_aprintf("%s || largest-ratio refuting cell: %s", s3, s2);
        flint_free(s2);
        flint_free(s3);
        s3 = s;
    }
    return s3;
}

/* The certificate of one cell's decision (src/cert.h, kind "inequality"):
   the checker knows the statement by name and re-sums the tail of
   Bin(ceil(cw ceil(n/p)), p) below n itself.  The width's c is cw2 / 2;
   the bound is bound b at c = c2 / 2 under r.  Stated and control bounds
   are exp(-kappa c n) with kappa the rate the check reads, written as the
   named form at the width's c: kappa' = kappa c2 / cw2 (times 2 for the
   control).  Nothing is attached under the mutant that scales the
   corrected exponents (the checker's statements are the true ones), nor
   where the enclosures do not separate by 4096 bits. */
static void
cell_cert(check_t c, ulong n, slong pi, ulong cw2, audit_bound b, ulong c2, const audit_rates_t r)
{
    static const char *const names4[4] = {"n", "p", "c", "kappa"};
    const char *name;
    fmpq vals[4];
    slong prec, k, npar = 3;
    ulong N;
    arb_t t, bd;
    char *label;

    if (r->chernoff_scale != 1 && b != AUDIT_STATED && b != AUDIT_CONTROL)
        return;
    name = b == AUDIT_KL
               ? "thm3.chernoff_corrected"
               : (b == AUDIT_MULT ? "thm3.chernoff_mult"
                                  : (b == AUDIT_MULT_HALF ? "thm3.chernoff_eighth" : "thm3.chernoff_rate"));
    for (k = 0; k < 4; k++)
        fmpq_init(vals + k);
    fmpq_set_ui(vals + 0, n, 1);
    audit_p_get(vals + 1, pi);
    fmpq_set_ui(vals + 2, cw2, 2);
    if (b == AUDIT_STATED || b == AUDIT_CONTROL)
    {
        npar = 4;
        fmpq_mul_ui(vals + 3, r->kappa, c2 << (b == AUDIT_CONTROL));
        fmpq_div_fmpz(vals + 3, vals + 3, fmpq_numref(vals + 2));
        fmpq_mul_fmpz(vals + 3, vals + 3, fmpq_denref(vals + 2));
        fmpq_div_2exp(vals + 3, vals + 3, 1);
    }
    N = audit_thm3_width(n, vals + 1, cw2);
    arb_init(t);
    arb_init(bd);
    label = bc_aprintf("n = %lu, N = %lu", (unsigned long) n, (unsigned long) N);
    for (prec = 128; N > 0 && prec <= 4096; prec *= 2)
    {
        audit_thm3_tail(t, N, vals + 1, n, prec);
        if (audit_thm3_bound(bd, b, n, c2, r, prec) != BC_TRUE)
            break;
        if (cert_inequality(c, label, name, npar, names4, vals, t, "<=", bd) != BC_UNDECIDED)
            break;
    }
    flint_free(label);
    arb_clear(t);
    arb_clear(bd);
    for (k = 0; k < 4; k++)
        fmpq_clear(vals + k);
}

/* the certificates of every decided cell of c = c2 / 2 against bound b */
static void
cells_cert(check_t c, const audit_grid_t G, ulong c2, audit_bound b, const audit_rates_t r)
{
    slong i;
    for (i = 0; i < G->ncells; i++)
        if (G->cells[i].c2 == c2 && G->cells[i].holds[b] != BC_UNDECIDED)
            cell_cert(c, G->cells[i].n, G->cells[i].pi, c2, b, c2, r);
}

/* the fields of the tightest constant of c index k */
static void
kappa_fields(check_t c, const c_summary *S, const audit_grid_t G, slong k, const audit_rates_t r)
{
    arb_t ka, marg;
    char *s;
    arb_init(ka);
    arb_init(marg);
    s = audit_encl(S->kmin, 8);
    check_field_add(c, "kappa_grid_tightest", "%s", s);
    flint_free(s);
    if (S->argmin >= 0)
    {
        s = p_str(G->cells[S->argmin].pi);
        check_field_add(c, "kappa_grid_argmin", "n=%lu, p=%s, N=%lu", (unsigned long) G->cells[S->argmin].n,
                        s, (unsigned long) G->cells[S->argmin].N);
        flint_free(s);
    }
    check_field_fmpq(c, "kappa_stated", r->kappa);
    arb_set_fmpq(marg, r->kappa, 128);
    arb_sub(marg, S->kmin, marg, 128);
    s = audit_encl(marg, 8);
    check_field_add(c, "margin_kappa_grid_minus_stated", "%s", s);
    flint_free(s);
    kappa_asym(ka, audit_c2[k], 128);
    s = audit_encl(ka, 10);
    check_field_add(c, "kappa_whole_range", "%s", s);
    flint_free(s);
    arb_clear(ka);
    arb_clear(marg);
}

/* the statement's grid and the counts of a grid record, under the keys
   given for the cells and the refuting cells */
static void
grid_fields(check_t c, const audit_grid_t G, const char *cells_key, slong cells, const char *refuting,
            slong nf, slong nu, slong prec)
{
    check_note_prec(c, prec);
    c->statement = bc_aprintf("Grid: %s.", G->desc);
    check_field_add(c, "grid", "%s", G->desc);
    check_field_add(c, cells_key, "%ld", (long) cells);
    check_field_add(c, refuting, "%ld", (long) nf);
    check_field_add(c, "cells_undecided", "%ld", (long) nu);
}

static void
record_stated(run_t R, const audit_grid_t G, slong k, const audit_rates_t r)
{
    check_t c;
    c_summary S;
    char id[64];

    snprintf(id, sizeof(id), "audit.thm3.chernoff.%s", audit_c_tag[k]);
    if (!run_wants(R, id))
        return;
    run_check(R, c, id);
    summarise(&S, G, audit_c2[k], AUDIT_STATED, fmpq_get_d(r->kappa));
    grid_fields(c, G, "cells", S.cells, "cells_refuting_stated_bound", S.nfalse, S.nundec, S.prec);
    if (S.nmin_fail > 0)
        check_field_add(c, "smallest_n_refuted", "%lu", (unsigned long) S.nmin_fail);
    kappa_fields(c, &S, G, k, r);
    if (S.first_fail >= 0)
    {
        c->witness = stated_witness(&S, G, r);
        check_add_note(
            c,
            "The step is refuted for $c=%s$: %ld of the %ld grid cells refute it, the smallest "
            "refuted $n$ is %lu; the witness (decided on rigorous enclosures, and re-checked on the "
            "exact rational tail) reproduces from $(n,p,c)$ alone.",
            audit_c_str[k], (long) S.nfalse, (long) S.cells, (unsigned long) S.nmin_fail);
    }
    cells_cert(c, G, audit_c2[k], AUDIT_STATED, r);
    check_count(c, S.nfalse, S.nundec);
    run_push(R, c);
    arb_clear(S.kmin);
}

static void
record_corrected(run_t R, const audit_grid_t G, slong k, const audit_rates_t r)
{
    check_t c;
    c_summary S;
    char id[80], *s;
    arb_t e;

    snprintf(id, sizeof(id), "audit.thm3.chernoff_corrected.%s", audit_c_tag[k]);
    if (!run_wants(R, id))
        return;
    run_check(R, c, id);
    summarise(&S, G, audit_c2[k], AUDIT_KL, fmpq_get_d(r->kappa));
    grid_fields(c, G, "cells", S.cells, "cells_refuting", S.nfalse, S.nundec, S.prec);
    /* c - 1 - ln c, as kappa_asym times c */
    arb_init(e);
    kappa_asym(e, audit_c2[k], 128);
    arb_mul_ui(e, e, audit_c2[k], 128);
    arb_mul_2exp_si(e, e, -1);
    s = audit_encl(e, 10);
    check_field_add(c, "exponent_per_n", "%s", s);
    flint_free(s);
    if (S.first_fail >= 0)
        c->witness = cell_witness(G->cells + S.first_fail, AUDIT_KL, r, "exp(-n(c-1-ln c))");
    cells_cert(c, G, audit_c2[k], AUDIT_KL, r);
    check_count(c, S.nfalse, S.nundec);
    run_push(R, c);
    arb_clear(S.kmin);
    arb_clear(e);
}

static void
record_mult(run_t R, const audit_grid_t G, const audit_rates_t r)
{
    check_t c;
    c_summary S;
    slong k, nf = 0, nu = 0, cells = 0, prec = 0;
    int b;

    if (!run_wants(R, "audit.thm3.chernoff_mult"))
        return;
    run_check(R, c, "audit.thm3.chernoff_mult");
    for (k = 0; k < AUDIT_NC; k++)
        for (b = AUDIT_MULT; b <= AUDIT_MULT_HALF; b++)
        {
            summarise(&S, G, audit_c2[k], (audit_bound) b, fmpq_get_d(r->kappa));
            nf += S.nfalse;
            nu += S.nundec;
            cells += S.cells;
            prec = FLINT_MAX(prec, S.prec);
            if (S.first_fail >= 0 && c->witness == NULL)
                c->witness = cell_witness(G->cells + S.first_fail, (audit_bound) b, r,
                                          b == AUDIT_MULT ? "exp(-(c-1)^2 n/(2c))" : "exp(-cn/8)");
            cells_cert(c, G, audit_c2[k], (audit_bound) b, r);
            arb_clear(S.kmin);
        }
    grid_fields(c, G, "cells_times_two_bounds", cells, "cells_refuting", nf, nu, prec);
    check_count(c, nf, nu);
    run_push(R, c);
}

/* The certificate of c* in (2, 3): the signs of f(c) = (1 - kappa) c - 1 -
   ln c at c = 2 (< 0) and c = 3 (> 0), as expressions the checker
   evaluates itself (f is increasing for c > 1/(1 - kappa)). */
static void
cstar_cert(check_t c, const fmpq_t kappa)
{
    char *ks = fmpq_get_str(NULL, 10, kappa), *e;
    arb_t v, k;
    slong i, prec;
    arb_init(v);
    arb_init(k);
    for (i = 2; i <= 3; i++)
    {
        e = bc_aprintf("{\"fn\": \"sub\", \"args\": [{\"fn\": \"sub\", \"args\": [{\"fn\": \"mul\", "
                       "\"args\": [%ld, {\"fn\": \"sub\", \"args\": [\"1\", \"%s\"]}]}, \"1\"]}, "
                       "{\"fn\": \"log\", \"args\": [%ld]}]}",
                       (long) i, ks, (long) i);
        for (prec = 64; prec <= 4096; prec *= 2)
        {
            arb_t zero;
            truth_t t;
            arb_set_fmpq(k, kappa, prec);
            arb_sub_ui(k, k, 1, prec);
            arb_neg(k, k);
            arb_mul_ui(v, k, (ulong) i, prec);
            arb_sub_ui(v, v, 1, prec);
            arb_set_ui(k, (ulong) i);
            arb_log(k, k, prec);
            arb_sub(v, v, k, prec);
            arb_init(zero);
            t = cert_inequality_expr(c, i == 2 ? "f(2) < 0" : "f(3) > 0", e, v, i == 2 ? "<" : ">", "\"0\"",
                                     zero);
            arb_clear(zero);
            if (t != BC_UNDECIDED)
                break;
        }
        flint_free(e);
    }
    flint_free(ks);
    arb_clear(v);
    arb_clear(k);
}

/* c* for Theorem 3's rate: the stated step holds over the whole range
   exactly for c >= c*; decided: c* in (2, 3) */
static void
record_threshold(run_t R, const audit_rates_t r)
{
    check_t c;
    arb_t cstar, cc;
    slong k, reached = 0;
    truth_t t;
    char *s, *sides = NULL;

    if (!run_wants(R, "audit.thm3.chernoff_threshold"))
        return;
    run_check(R, c, "audit.thm3.chernoff_threshold");
    arb_init(cstar);
    arb_init(cc);
    t = audit_cstar(cstar, r->kappa, 64, &reached);
    check_note_prec(c, reached);
    s = audit_encl(cstar, 18);
    check_field_add(c, "c_star", "%s", s);
    flint_free(s);
    check_field_fmpq(c, "kappa", r->kappa);
    for (k = 0; k < AUDIT_NC && t == BC_TRUE; k++)
    {
        arb_set_ui(cc, audit_c2[k]);
        arb_mul_2exp_si(cc, cc, -1);
        audit_list_append(
            &sides, bc_aprintf("c=%s %s", audit_c_str[k],
                               arb_lt(cc, cstar) ? "below" : (arb_gt(cc, cstar) ? "above" : "undecided")));
    }
    if (sides != NULL)
    {
        check_field_add(c, "grid_c_against_c_star", "%s", sides);
        flint_free(sides);
    }
    else
        check_set_witness(c, "the root of (1 - kappa) c - 1 - ln c is not in (2, 3) for kappa = %g: %s",
                          fmpq_get_d(r->kappa), t == BC_FALSE ? "a sign at c = 2 or 3 decided" : "undecided");
    if (t != BC_UNDECIDED)
        cstar_cert(c, r->kappa);
    check_decide(c, t);
    run_push(R, c);
    arb_clear(cstar);
    arb_clear(cc);
}

/* control 1: the c = 4 audit fed a wrong tail, that of Bin(ceil(n/p), p)
   (the width without the factor c; a mutant gives it back), through the
   decision of the stated step at the c = 4 cells with 10 | n */
static void
control_wrong_tail(run_t R, const audit_grid_t G, const audit_rates_t r)
{
    check_t c;
    slong i, j, nf = 0, nu = 0;
    ulong c2w = 2;
    fmpq_t p;
    arb_t t;
    int want[AUDIT_NBOUNDS] = {1, 0, 0, 0, 0};

    if (!run_wants(R, "audit.control.chernoff_wrong_tail"))
        return;
    run_check(R, c, "audit.control.chernoff_wrong_tail");
    if (run_mutant(R, "audit.mutant.control_width_restored"))
        c2w = audit_c2[AUDIT_C4];
    fmpq_init(p);
    arb_init(t);
    for (j = 0; j < G->np; j++)
        for (i = 0; i < G->nn; i++)
        {
            ulong n = G->nvals[i], N1;
            truth_t res[AUDIT_NBOUNDS];
            if (n % 10 != 0)
                continue;
            audit_p_get(p, G->pidx[j]);
            N1 = audit_thm3_width(n, p, c2w);
            check_note_prec(c, audit_thm3_decide(res, t, N1, p, n, audit_c2[AUDIT_C4], r, want));
            nu += res[AUDIT_STATED] == BC_UNDECIDED;
            if (res[AUDIT_STATED] != BC_UNDECIDED)
                cell_cert(c, n, G->pidx[j], c2w, AUDIT_STATED, audit_c2[AUDIT_C4], r);
            if (res[AUDIT_STATED] == BC_FALSE && nf++ == 0)
            {
                char *ts = audit_encl(t, 10), *ps = p_str(G->pidx[j]), *bs;
                audit_thm3_bound(t, AUDIT_STATED, n, audit_c2[AUDIT_C4], r, 128);
                bs = audit_encl(t, 10);
                check_set_witness(
                    c, "n=%lu, p=%s, wrong width N=ceil(n/p)=%lu: tail in %s > exp(-kappa 4n) in %s",
                    (unsigned long) n, ps, (unsigned long) N1, ts, bs);
                flint_free(ts);
                flint_free(ps);
                flint_free(bs);
            }
        }
    check_field_add(c, "cells_refuting", "%ld", (long) nf);
    check_field_add(c, "cells_undecided", "%ld", (long) nu);
    check_count(c, nf, nu);
    run_push(R, c);
    fmpq_clear(p);
    arb_clear(t);
}

/* control 2: the stated rate doubled, exp(-2 kappa c n) at c = 4: 2 kappa
   = 1/2 exceeds the rate (c - 1 - ln c)/c = 0.4034 the Poisson limit
   attains, so it is false for large n and small p; decided by the grid */
static void
control_kappa(run_t R, const audit_grid_t G, const audit_rates_t r)
{
    check_t c;
    c_summary S;

    if (!run_wants(R, "audit.control.kappa_tighter"))
        return;
    run_check(R, c, "audit.control.kappa_tighter");
    summarise(&S, G, audit_c2[AUDIT_C4], AUDIT_CONTROL, 2 * fmpq_get_d(r->kappa));
    check_note_prec(c, S.prec);
    check_field_add(c, "cells", "%ld", (long) S.cells);
    check_field_add(c, "cells_refuting", "%ld", (long) S.nfalse);
    check_field_add(c, "cells_undecided", "%ld", (long) S.nundec);
    if (S.first_fail >= 0)
        c->witness = cell_witness(G->cells + S.worst, AUDIT_CONTROL, r, "exp(-2 kappa cn)");
    cells_cert(c, G, audit_c2[AUDIT_C4], AUDIT_CONTROL, r);
    check_count(c, S.nfalse, S.nundec);
    run_push(R, c);
    arb_clear(S.kmin);
}

/* the figure of the tightest constant per n and c, against the stated
   rate (only when every c was evaluated) */
static void
add_figure(run_t R, const audit_grid_t G, const audit_rates_t r)
{
    figure_t f;
    double *fx, *fy, ends[2], kap[2];
    slong i, j, k;
    char *q = fmpq_get_str(NULL, 10, r->kappa), *name;

    fx = flint_malloc(G->nn * sizeof(double));
    fy = flint_malloc(G->nn * sizeof(double));
    figure_init(f, "audit.thm3.kappa", CLAIM3,
                "Theorem~3, Chernoff step (B.5): the tightest exponent constant "
                "$\\min_p -\\ln\\Pr[\\mathrm{Bin}(N,p)<n]/(cn)$ over the audit grid of $p$, per $n$ and $c$, "
                "with $N=\\lceil c\\lceil n/p\\rceil\\rceil$ (midpoints of rigorous enclosures), against the "
                "stated rate. Curves below it refute the step.",
                "$n$", "tightest constant $\\kappa$");
    for (k = 0; k < AUDIT_NC; k++)
    {
        char name[32];
        for (i = 0; i < G->nn; i++)
        {
            double m = 1e300;
            for (j = 0; j < G->np; j++)
            {
                double v = arf_get_d(arb_midref(audit_grid_cell(G, k, j, i)->kappa), ARF_RND_NEAR);
                m = v < m ? v : m;
            }
            fx[i] = (double) G->nvals[i];
            fy[i] = m;
        }
        snprintf(name, sizeof(name), "$c=%s$", audit_c_str[k]);
        figure_add_series(f, name, fx, fy, G->nn, 0);
    }
    ends[0] = (double) G->nvals[0];
    ends[1] = (double) G->nvals[G->nn - 1];
    kap[0] = kap[1] = fmpq_get_d(r->kappa);
    name = bc_aprintf("stated $%s$", q);
    figure_add_series(f, name, ends, kap, 2, 0);
    run_add_figure(R, f);
    flint_free(name);
    flint_free(q);
    flint_free(fx);
    flint_free(fy);
}

/* the c values the wanted checks need evaluated; returns how many */
static slong
wanted_c(run_t R, int *cwant)
{
    slong k, n = 0;
    int mult = run_wants(R, "audit.thm3.chernoff_mult");
    for (k = 0; k < AUDIT_NC; k++)
    {
        char a[64], b[80];
        snprintf(a, sizeof(a), "audit.thm3.chernoff.%s", audit_c_tag[k]);
        snprintf(b, sizeof(b), "audit.thm3.chernoff_corrected.%s", audit_c_tag[k]);
        cwant[k] = mult || run_wants(R, a) || run_wants(R, b) ||
                   (k == AUDIT_C4 && run_wants(R, "audit.control.kappa_tighter"));
        n += cwant[k];
    }
    return n;
}

void
audit_records_thm3(run_t R)
{
    audit_grid_t G;
    audit_rates_t r;
    slong k, nc;
    int cwant[AUDIT_NC];

    if (!run_wants_prefix(R, "audit.thm3.chernoff") && !run_wants(R, "audit.control.chernoff_wrong_tail") &&
        !run_wants(R, "audit.control.kappa_tighter"))
        return;
    /* Theorem 3's rate, read once for every bound of the audit */
    audit_rates_init(r);
    if (run_mutant(R, "audit.mutant.thm3_rate_one"))
        fmpq_one(r->kappa);
    if (run_mutant(R, "audit.mutant.thm3_rate_eighth"))
        fmpq_set_si(r->kappa, 1, 8);
    if (run_mutant(R, "audit.mutant.chernoff_doubled"))
        r->chernoff_scale = 2;

    nc = wanted_c(R, cwant);
    audit_grid_run(G, R->opts->size, R->opts->threads, cwant, r);
    for (k = 0; k < AUDIT_NC; k++)
        record_stated(R, G, k, r);
    for (k = 0; k < AUDIT_NC; k++)
        record_corrected(R, G, k, r);
    record_mult(R, G, r);
    record_threshold(R, r);
    control_wrong_tail(R, G, r);
    control_kappa(R, G, r);
    if (nc == AUDIT_NC)
    {
        add_figure(R, G, r);
        run_add_instance(R,
                         "Chernoff audit grid: %s; %ld cells, evaluated in %.2f s with %d thread(s). "
                         "Width $N=\\lceil c\\lceil n/p\\rceil\\rceil$ (the outer ceiling matters only for "
                         "$c=2.5$ and is the choice most favourable to the paper).",
                         G->desc, (long) G->ncells, G->seconds, R->opts->threads);
    }
    audit_rates_clear(r);
    audit_grid_clear(G);
}

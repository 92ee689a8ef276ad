/* thm2_prob.c -- the theorem's bound 1 - 2d (3/4)^n and the exact checks
   on it: the exact probabilities of Lemma 2.C (singleton.h) against the
   bound on every data set and width, the one-needy-side case, the
   tightened constant refuted, and the corollary on Appendix C's data. */
#include <math.h>

#include <flint/fmpq_vec.h>

#include "appc.h"
#include "cert.h"
#include "thm2_run.h"

void
thm2_bound(fmpq_t b, slong sides, slong n, const fmpq_t c)
{
    fmpq_pow_si(b, c, n);
    fmpq_mul_si(b, b, sides);
    fmpq_sub_si(b, b, 1);
    fmpq_neg(b, b);
}

slong
thm2_half_width(slong sides, const fmpq_t c)
{
    slong n;
    fmpq_t b, h;
    fmpq_init(b);
    fmpq_init(h);
    fmpq_set_si(h, 1, 2);
    for (n = 1;; n++)
    {
        thm2_bound(b, sides, n, c);
        if (fmpq_cmp(b, h) >= 0)
            break;
    }
    fmpq_clear(b);
    fmpq_clear(h);
    return n;
}

char *
thm2_q_str(const fmpq_t q)
{
    arb_t x;
    char *lo, *hi, *r;
    if (fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q)) <= 200)
        return fmpq_get_str(NULL, 10, q);
    arb_init(x);
    arb_set_fmpq(x, q, 128);
    lo = bc_arb_bound_str(x, -1, 20);
    hi = bc_arb_bound_str(x, 1, 20);
    r = bc_aprintf("[%s, %s] (a rational of %ld + %ld bits)", lo, hi, (long) fmpz_bits(fmpq_numref(q)),
                   (long) fmpz_bits(fmpq_denref(q)));
    flint_free(lo);
    flint_free(hi);
    arb_clear(x);
    return r;
}

/* ------------------------------------------------- the exact grid */

void
thm2_exact_init(thm2_exact *E, const thm2_sets *S)
{
    slong k, n;
    for (k = 0; k < THM2_NDS; k++)
        for (n = 1; n <= THM2_MAXN; n++)
        {
            fmpq_init(E->pg[k] + n - 1);
            fmpq_init(E->pe[k] + n - 1);
            singleton_prob_good(E->pg[k] + n - 1, S->D[k], n);
            singleton_prob_event(E->pe[k] + n - 1, S->D[k], n);
        }
}

void
thm2_exact_clear(thm2_exact *E)
{
    slong k, n;
    for (k = 0; k < THM2_NDS; k++)
        for (n = 0; n < THM2_MAXN; n++)
        {
            fmpq_clear(E->pg[k] + n);
            fmpq_clear(E->pe[k] + n);
        }
}

/* how loose the bound b is at exact probability p: sets r to
   (1 - p) / (1 - b) */
static void
looseness(fmpq_t r, const fmpq_t p, const fmpq_t b)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_sub_si(r, p, 1);
    fmpq_sub_si(t, b, 1);
    fmpq_div(r, r, t);
    fmpq_clear(t);
}

static void
check_grid_exact(run_t R, check_t c, const thm2_sets *S, const thm2_exact *E)
{
    slong k, n, bad = 0, tight = 0, kmax = 0, nmax = 0;
    char *wit = NULL;
    double rmin = 2.0, rmax = 0.0;
    fmpq_t b, bn, r, rgap;
    fmpq_init(b);
    fmpq_init(bn);
    fmpq_init(r);
    fmpq_init(rgap);

    for (k = 0; k < THM2_NDS; k++)
    {
        static const char *const chain[9] = {
            "good", ">=", "event", "event", ">=", "needy", "needy", ">=", "sides"};
        slong bad0 = bad;
        fmpq_t cs;
        for (n = 1; n <= THM2_MAXN; n++)
        {
            const singleton_data_struct *D = S->D[k];
            const fmpq *pg = E->pg[k] + n - 1, *pe = E->pe[k] + n - 1;
            thm2_claim_bound(b, NULL, R, 2 * D->d, n);
            /* the union bound over the needy sides only, between them */
            thm2_claim_bound(bn, NULL, R, D->needy, n);
            if (fmpq_cmp(pg, pe) < 0 || fmpq_cmp(pe, bn) < 0 || fmpq_cmp(bn, b) < 0)
            {
                bad++;
                if (wit == NULL)
                    wit = bc_aprintf("%s, n=%ld", thm2_ds_names[k], (long) n);
            }
            tight += fmpq_equal(pg, b);
            if (fmpq_sgn(b) > 0)
            {
                double f;
                looseness(r, pg, b);
                f = fmpq_get_d(r);
                rmin = FLINT_MIN(rmin, f);
                if (f >= rmax)
                {
                    rmax = f;
                    kmax = k;
                    nmax = n;
                    fmpq_sub_si(rgap, r, 1); /* how close the bound comes, exactly */
                    fmpq_neg(rgap, rgap);
                }
            }
        }
        /* the certificate of the data set: the chain good >= event >= the
           union over the needy sides >= the theorem's bound, every n */
        fmpq_init(cs);
        thm2_side_fail(cs, R);
        cert_singleton(c, thm2_ds_names[k], S->D[k]->X, S->D[k]->y, 1, THM2_MAXN, cs, 3, chain,
                       bad == bad0 ? BC_TRUE : BC_FALSE);
        fmpq_clear(cs);
    }
    c->statement = bc_aprintf("Data sets: the %d of \\checkref{thm2.data.singleton}; widths $n=1,\\dots,%d$.",
                              THM2_NDS, THM2_MAXN);
    check_field_add(c, "cells", "%d", THM2_NDS * THM2_MAXN);
    check_field_add(c, "failures", "%ld", (long) bad);
    check_field_add(c, "cells where the bound is attained", "%ld", (long) tight);
    check_field_add(c, "(1 - exact) / (2d (3/4)^n) where the bound is positive",
                    "from %.4f to 1 - %.3g (the largest at %s, n=%ld)", rmin, fmpq_get_d(rgap),
                    thm2_ds_names[kmax], (long) nmax);
    thm2_push_count(R, c, bad, 0, wit, "the data sets of thm2.data.singleton");
    fmpq_clear(b);
    fmpq_clear(bn);
    fmpq_clear(r);
    fmpq_clear(rgap);
}

static void
check_union_one(run_t R, const thm2_sets *S)
{
    const singleton_data_struct *D = S->D[THM2_ONE];
    check_t c;
    slong n, low = 0, high = 0;
    char *wit = NULL;
    fmpq_t p, b;
    fmpq_init(p);
    fmpq_init(b);

    run_check(R, c, "thm2.union.one");
    for (n = 1; n <= THM2_MAXN; n++)
    {
        int s;
        singleton_prob_good(p, D, n);
        /* the union bound with its one needy side, 1 - c^n: the claim
           (p >= b) and its sharpness (p <= b) */
        thm2_claim_bound(b, NULL, R, D->needy, n);
        s = fmpq_cmp(p, b);
        low += s < 0;
        high += s > 0;
        if (s != 0 && wit == NULL)
        {
            char *sp = thm2_q_str(p), *sb = thm2_q_str(b);
            wit = bc_aprintf("n=%ld: exact %s %s %s = 1 - c^n", (long) n, sp, s < 0 ? "<" : ">", sb);
            flint_free(sp);
            flint_free(sb);
        }
    }
    {
        static const char *const eq[3] = {"good", "=", "needy"};
        fmpq_t cs;
        fmpq_init(cs);
        thm2_side_fail(cs, R);
        cert_singleton(c, NULL, D->X, D->y, 1, THM2_MAXN, cs, 1, eq, low + high == 0 ? BC_TRUE : BC_FALSE);
        fmpq_clear(cs);
    }
    check_field_add(c, "widths", "%d", THM2_MAXN);
    check_field_add(c, "needy sides", "%ld", (long) D->needy);
    check_field_add(c, "exact below 1 - c^n (the bound fails)", "%ld", (long) low);
    check_field_add(c, "exact above 1 - c^n (c not attained)", "%ld", (long) high);
    thm2_push_count(R, c, low + high, 0, wit, "data thm2/data/one, n = 1..64: 1 - P[good] = c^n exactly");
    fmpq_clear(p);
    fmpq_clear(b);
}

thm2_exact *
thm2_exact_checks(run_t R, const thm2_sets *S, int all)
{
    thm2_exact *E = NULL;
    int grid = run_wants(R, "thm2.grid.exact");
    check_t c;
    /* the record's clock runs from here: its time includes the exact
       probabilities it decides on */
    if (grid)
        run_check(R, c, "thm2.grid.exact");
    if (grid || all || run_wants(R, "thm2.control.tight.exact"))
    {
        E = flint_malloc(sizeof(thm2_exact));
        thm2_exact_init(E, S);
    }
    if (grid)
        check_grid_exact(R, c, S, E);
    if (run_wants(R, "thm2.union.one"))
        check_union_one(R, S);
    return E;
}

void
thm2_check_tight_exact(run_t R, const thm2_sets *S, const thm2_exact *E)
{
    check_t c;
    slong k, n, fails = 0;
    char *wit = NULL;
    fmpq_t tb, ct;
    fmpq_init(tb);
    fmpq_init(ct);

    run_check(R, c, "thm2.control.tight.exact");
    thm2_control_fail(ct, R);
    for (k = 0; k < THM2_NDS; k++)
    {
        static const char *const ge[3] = {"good", ">=", "sides"};
        slong f0 = fails;
        for (n = 1; n <= THM2_MAXN; n++)
        {
            const fmpq *p = E->pg[k] + n - 1;
            thm2_bound(tb, 2 * S->D[k]->d, n, ct);
            if (fmpq_cmp(p, tb) < 0)
            {
                fails++;
                if (wit == NULL)
                {
                    char *s1 = thm2_q_str(p), *s2 = thm2_q_str(tb), *s3 = fmpq_get_str(NULL, 10, ct);
                    wit = bc_aprintf("%s, n=%ld: exact %s < %s = 1 - 2d (%s)^n", thm2_ds_names[k], (long) n,
                                     s1, s2, s3);
                    flint_free(s1);
                    flint_free(s2);
                    flint_free(s3);
                }
            }
        }
        cert_singleton(c, thm2_ds_names[k], S->D[k]->X, S->D[k]->y, 1, THM2_MAXN, ct, 1, ge,
                       fails == f0 ? BC_TRUE : BC_FALSE);
    }
    {
        char *s = fmpq_get_str(NULL, 10, ct);
        c->statement = bc_aprintf("Here the constant is $%s$.", s);
        flint_free(s);
    }
    check_field_add(c, "cells refuting", "%ld of %d", (long) fails, THM2_NDS * THM2_MAXN);
    thm2_push_count(R, c, fails, 0, wit, "no cell refutes the tightened claim");
    fmpq_clear(tb);
    fmpq_clear(ct);
}

/* ------------------------------------------------------- corollary */

static const slong cor_d[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
#define NCOR 10
#define COR_FIG 64   /* widths of the figure and table: 1..COR_FIG */
#define COR_NMAX 256 /* the search for n*(d) */

typedef struct
{
    double p[NCOR][COR_FIG]; /* P[Bas <= alpha_n], n = 1..COR_FIG */
    double single[NCOR];     /* the single neuron's probability */
    slong nstar[NCOR];       /* least n with P >= 1/2 */
    slong nbound[NCOR];      /* least n with 1 - 2d c^n >= 1/2 */
    slong bad_single, bad_alpha, bad_tr;
    char *wit, *wit2;
} cor_data;

/* Appendix C's data in dimension d; under the mutant that breaks its
   hypothesis eps < 1/2, the sample {(1, 1), (-1, 1)} (q = 1, eps = 1/2)
   copied onto every coordinate */
static void
cor_set_data(singleton_data_t D, const run_t R, slong d)
{
    if (run_mutant(R, "thm2.mutant.appc_q_one"))
    {
        fmpq *x1 = _fmpq_vec_init(2), *y1 = _fmpq_vec_init(2);
        fmpq_mat_t X;
        fmpq *y = _fmpq_vec_init(2 * d);
        fmpq_set_si(x1, 1, 1);
        fmpq_set_si(x1 + 1, -1, 1);
        fmpq_set_si(y1, 1, 1);
        fmpq_set_si(y1 + 1, 1, 1);
        fmpq_mat_init(X, 2 * d, d);
        appc_extend(X, y, x1, y1, 2, d);
        singleton_data_set(D, X, y);
        fmpq_mat_clear(X);
        _fmpq_vec_clear(y, 2 * d);
        _fmpq_vec_clear(x1, 2);
        _fmpq_vec_clear(y1, 2);
    }
    else
    {
        fmpq_t eps;
        fmpq_init(eps);
        thm2_eps(eps);
        singleton_data_appc(D, eps, d);
        fmpq_clear(eps);
    }
}

/* the corollary in dimension cor_d[i] */
static void
cor_one(cor_data *C, const run_t R, slong i)
{
    singleton_data_t D;
    slong d = cor_d[i], n;
    fmpq_t p, a1, an, two, half, c;
    fmpq_init(p);
    fmpq_init(a1);
    fmpq_init(an);
    fmpq_init(two);
    fmpq_init(half);
    fmpq_init(c);
    fmpq_set_si(half, 1, 2);
    singleton_data_init(D);
    cor_set_data(D, R, d);
    /* the single neuron: 2^-d exactly */
    singleton_prob_single(p, a1, D);
    fmpq_one(two);
    fmpq_div_2exp(two, two, (ulong) d);
    C->single[i] = fmpq_get_d(p);
    if (!fmpq_equal(p, two))
    {
        if (C->wit == NULL)
            C->wit = bc_aprintf("d=%ld: single-neuron probability %.6g is not 2^-d", (long) d, fmpq_get_d(p));
        C->bad_single++;
    }
    thm2_side_fail(c, R);
    C->nstar[i] = 0;
    C->nbound[i] = thm2_half_width(2 * d, c);
    for (n = 1; n <= COR_NMAX && (n <= COR_FIG || C->nstar[i] == 0); n++)
    {
        if (n <= COR_FIG)
        {
            /* the paper: alpha cannot exceed the single neuron's optimum */
            singleton_alpha(an, NULL, D, n);
            if (fmpq_cmp(an, a1) > 0)
            {
                if (C->wit == NULL)
                    C->wit = bc_aprintf("d=%ld, n=%ld: alpha_n above the single neuron's optimum", (long) d,
                                        (long) n);
                C->bad_alpha++;
            }
        }
        singleton_prob_good(p, D, n);
        if (n <= COR_FIG)
            C->p[i][n - 1] = fmpq_get_d(p);
        if (C->nstar[i] == 0 && fmpq_cmp(p, half) >= 0)
            C->nstar[i] = n;
    }
    if (C->nstar[i] == 0 || C->nstar[i] > C->nbound[i])
    {
        if (C->wit2 == NULL)
            C->wit2 = bc_aprintf("d=%ld: n*=%ld, bound's width %ld", (long) d, (long) C->nstar[i],
                                 (long) C->nbound[i]);
        C->bad_tr++;
    }
    singleton_data_clear(D);
    fmpq_clear(p);
    fmpq_clear(a1);
    fmpq_clear(an);
    fmpq_clear(two);
    fmpq_clear(half);
    fmpq_clear(c);
}

/* fills and pushes c, started before the computation */
static void
check_cor_single(run_t R, check_t c, const cor_data *C)
{
    c->statement = bc_aprintf("Dimensions $d=1,2,4,\\dots,%ld$; widths $n=1,\\dots,%d$.",
                              (long) cor_d[NCOR - 1], COR_FIG);
    check_field_add(c, "dimensions", "%d", NCOR);
    check_field_add(c, "single-neuron probability not 2^-d", "%ld", (long) C->bad_single);
    check_field_add(c, "alpha_n above the single neuron's optimum", "%ld", (long) C->bad_alpha);
    check_set_witness(c, "%s", C->wit != NULL ? C->wit : "appc_data(1/10, d)");
    check_count(c, C->bad_single + C->bad_alpha, 0);
    run_push(R, c);
}

static void
check_cor_transition(run_t R, check_t c, const cor_data *C)
{
    slong i;
    c->statement = bc_aprintf("Dimensions $d=1,2,4,\\dots,%ld$.", (long) cor_d[NCOR - 1]);
    for (i = 0; i < NCOR; i++)
    {
        char *key = bc_aprintf("d=%ld", (long) cor_d[i]);
        check_field_add(c, key, "n*=%ld, bound's width %ld, 2 log2 d = %.1f", (long) C->nstar[i],
                        (long) C->nbound[i], 2.0 * log2((double) cor_d[i]));
        flint_free(key);
    }
    check_set_witness(c, "%s", C->wit2 != NULL ? C->wit2 : "appc_data(1/10, d), exact probabilities");
    check_count(c, C->bad_tr, 0);
    run_push(R, c);
}

static void
cor_prob_figure(run_t R, const cor_data *C)
{
    static const slong show[] = {0, 2, 4, 6, 8, 9}; /* d = 1, 4, 16, 64, 256, 512 */
    figure_t f;
    double x[COR_FIG], y[COR_FIG];
    slong i, n;

    figure_init(f, "thm2.cor.prob", "Theorem 2",
                "The corollary on Appendix~C's data ($\\epsilon=1/10$): the exact probability "
                "$\\Pr[\\mathrm{Bas}\\le\\alpha_n]$ that a width-$n$ network starts in a globally optimal "
                "basin, for several $d$, and (marks at $n=1$) the single neuron's $2^{-d}$.",
                "width $n$", "probability");
    f->logx = 1;
    for (n = 1; n <= COR_FIG; n++)
        x[n - 1] = (double) n;
    for (i = 0; i < 6; i++)
    {
        char *nm = bc_aprintf("$d=%ld$", (long) cor_d[show[i]]);
        figure_add_series(f, nm, x, C->p[show[i]], COR_FIG, 0);
        flint_free(nm);
    }
    for (i = 0; i < 6; i++)
    {
        x[i] = 1.0;
        y[i] = C->single[show[i]];
    }
    figure_add_series(f, "single neuron, $2^{-d}$", x, y, 6, 1);
    run_add_figure(R, f);
    figure_clear(f);
}

static void
cor_width_figure(run_t R, const cor_data *C)
{
    figure_t h;
    double x[NCOR], y[NCOR];
    slong i;

    figure_init(h, "thm2.cor.width", "Theorem 2",
                "The width at which the good basin becomes likely on Appendix~C's data: $n^*(d)$, the least "
                "$n$ with exact probability $\\ge1/2$, the width $\\lceil\\log_{4/3}(4d)\\rceil$ at which "
                "Theorem~2's bound reaches $1/2$, and $2\\log_2d$.",
                "dimension $d$", "width $n$");
    h->logx = 1;
    for (i = 0; i < NCOR; i++)
    {
        x[i] = (double) cor_d[i];
        y[i] = (double) C->nstar[i];
    }
    figure_add_series(h, "$n^*(d)$ (exact)", x, y, NCOR, 1);
    for (i = 0; i < NCOR; i++)
        y[i] = (double) C->nbound[i];
    figure_add_series(h, "bound reaches $1/2$", x, y, NCOR, 1);
    for (i = 0; i < NCOR; i++)
        y[i] = 2.0 * log2((double) cor_d[i]);
    figure_add_series(h, "$2\\log_2d$", x, y, NCOR, 0);
    run_add_figure(R, h);
    figure_clear(h);
}

static void
cor_table(run_t R, const cor_data *C)
{
    static const slong ns[] = {1, 2, 4, 8, 16, 32, 64};
    char *buf = bc_aprintf(
        "\\textbf{The corollary on Appendix~C's data} ($\\epsilon=1/10$, $m=2d$; exact probabilities of a "
        "globally optimal basin, rounded): a single neuron against a width-$n$ network; $n^*$ the least "
        "width with probability $\\ge1/2$, $n_b$ the least with $1-2d(3/4)^n\\ge1/2$.\n"
        "\\begin{center}\\footnotesize\\begin{tabular}{rrrrrrrrrrrr}\\toprule $d$ & single & $n=1$ & "
        "$2$ & $4$ & $8$ & $16$ & $32$ & $64$ & $n^*$ & $n_b$ & $2\\log_2d$\\\\\\midrule\n");
    slong i, k;
    for (i = 0; i < NCOR; i++)
    {
        char *row = bc_aprintf("%ld & %.3g", (long) cor_d[i], C->single[i]), *nb;
        for (k = 0; k < 7; k++)
        {
            nb = bc_aprintf("%s & %.4g", row, C->p[i][ns[k] - 1]);
            flint_free(row);
            row = nb;
        }
        nb = bc_aprintf("%s%s & %ld & %ld & %.1f\\\\\n", buf, row, (long) C->nstar[i], (long) C->nbound[i],
                        2.0 * log2((double) cor_d[i]));
        flint_free(buf);
        flint_free(row);
        buf = nb;
    }
    run_add_instance(R, "%s\\bottomrule\\end{tabular}\\end{center}", buf);
    flint_free(buf);
}

void
thm2_corollary(run_t R)
{
    cor_data *C = flint_calloc(1, sizeof(cor_data));
    int single = run_wants(R, "thm2.cor.single"), transition = run_wants(R, "thm2.cor.transition");
    check_t cs, ct;
    slong i;
    /* the records' clocks run from here: the checks share the computation */
    if (single)
        run_check(R, cs, "thm2.cor.single");
    if (transition)
        run_check(R, ct, "thm2.cor.transition");
    for (i = 0; i < NCOR; i++)
        cor_one(C, R, i);
    if (single)
        check_cor_single(R, cs, C);
    if (transition)
        check_cor_transition(R, ct, C);
    if (thm2_wants_all(R))
    {
        cor_prob_figure(R, C);
        cor_width_figure(R, C);
        cor_table(R, C);
    }
    flint_free(C->wit);
    flint_free(C->wit2);
    flint_free(C);
}

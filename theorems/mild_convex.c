/* mild_convex.c -- (A) strong convexity at W = V for n = k, and (B) no
   local convexity for n = k + 1 (mild.tex): the least Hessian eigenvalue
   at the teacher enclosed and decided against the closed form
   (pi - 2)/(4 pi), its tightened control; the split witness family with
   certified negative curvature at t = 2^-4..2^-60, and its derived
   leading term. */
#include <math.h>

#include "mild.h"

#define PREC 128
/* (A): the tolerance of the closed form's decision */
#define LMIN_TOL_EXP (-30)
/* (B): t = 2^-j for j = TMIN..TMAX; the leading term decided from j = TRATE */
#define TMIN 4
#define TMAX 60
#define TRATE 24
#define RATE_TOL_EXP (-20)

/* ---------------------------------------------------------------- (A) */

typedef struct
{
    slong kmax;
    arb_ptr lmin; /* lmin[k], k = 2..kmax */
} lmin_table;

static void
lmin_compute(lmin_table *T, slong kmax)
{
    slong k;
    T->kmax = kmax;
    T->lmin = _arb_vec_init(kmax + 1);
    for (k = 2; k <= kmax; k++)
    {
        arb_mat_t V, H;
        double *vec = flint_malloc(sizeof(double) * k * k);
        arb_mat_init(V, k, k);
        arb_mat_init(H, k * k, k * k);
        mild_teacher(V, k);
        pop_eval(NULL, NULL, H, V, V, PREC);
        if (crit_lmin(T->lmin + k, vec, NULL, H, PREC) != 0)
            arb_indeterminate(T->lmin + k);
        arb_mat_clear(V);
        arb_mat_clear(H);
        flint_free(vec);
    }
}

static void
lmin_clear(lmin_table *T)
{
    _arb_vec_clear(T->lmin, T->kmax + 1);
}

/* decides |lambda_min(k) - c| < 2^-30 for every k; the record of id */
static void
lmin_check(run_t R, check_t ch, const lmin_table *T, const arb_t c, const char *what)
{
    slong k, bad = 0, und = 0, pd = 0, first_bad = -1;
    double tol = ldexp(1.0, LMIN_TOL_EXP);
    check_field_arb(ch, what, c, 20);
    check_field_add(ch, "k", "2..%ld", (long) T->kmax);
    ch->statement = bc_aprintf("Here $K=%ld$.", (long) T->kmax);
    check_field_add(ch, "tolerance", "2^%d", LMIN_TOL_EXP);
    for (k = 2; k <= T->kmax; k++)
    {
        char key[48];
        truth_t t = mild_decide_near(T->lmin + k, c, tol, PREC);
        snprintf(key, sizeof key, "lambda_min, k = %ld", (long) k);
        check_field_arb(ch, key, T->lmin + k, 16);
        pd += arb_is_positive(T->lmin + k);
        if (t == BC_FALSE && first_bad < 0)
            first_bad = k;
        bad += t == BC_FALSE;
        und += t == BC_UNDECIDED;
    }
    check_field_add(ch, "positive definite (certified lower bound > 0)", "%ld of %ld", (long) pd,
                    (long) T->kmax - 1);
    if (first_bad >= 0)
    {
        char *s = arb_get_str(T->lmin + first_bad, 16, 0);
        check_set_witness(ch, "k = %ld: lambda_min(H(I_k)) in %s, not within 2^%d of the constant",
                          (long) first_bad, s, LMIN_TOL_EXP);
        flint_free(s);
    }
    else
        check_set_witness(ch, "pop_eval Hessian at W = V = I_k (exact cancellation), crit_lmin at %d bits",
                          PREC);
    check_count(ch, bad, und);
    run_push(R, ch);
}

static void
lmin_figure(run_t R, const lmin_table *T, const arb_t c)
{
    figure_t f;
    slong k, n = T->kmax - 1;
    double *x = flint_malloc(sizeof(double) * n), *y = flint_malloc(sizeof(double) * n),
           *z = flint_malloc(sizeof(double) * n);
    for (k = 2; k <= T->kmax; k++)
    {
        x[k - 2] = (double) k;
        y[k - 2] = arf_get_d(arb_midref(T->lmin + k), ARF_RND_NEAR);
        z[k - 2] = arf_get_d(arb_midref(c), ARF_RND_NEAR);
    }
    figure_init(f, "mild.fig.lmin", MILD_CLAIM,
                "(A) The least eigenvalue of the Hessian of $F$ at $W=V=I_k$ ($n=k$), certified enclosures "
                "(widths below $10^{-11}$), against the closed form $(\\pi-2)/(4\\pi)$.",
                "$k$", "$\\lambda_{\\min}(\\nabla^2F(I_k))$");
    figure_add_series(f, "certified enclosure (midpoint)", x, y, n, 1);
    figure_add_series(f, "$(\\pi-2)/(4\\pi)$", x, z, n, 0);
    run_add_figure(R, f);
    figure_clear(f);
    flint_free(x);
    flint_free(y);
    flint_free(z);
}

void
mild_check_convex(run_t R)
{
    lmin_table T;
    arb_t c, ct;
    check_t cl, cc;
    slong kmax = run_size_pick(R, (const slong[3]){10, 20, 30});
    int wl = run_wants(R, "mild.convex.lmin"), wc = run_wants(R, "mild.control.tight");
    arb_init(c);
    arb_init(ct);
    /* the records' clocks run over the eigenvalues they share */
    if (wl)
        run_check(R, cl, "mild.convex.lmin");
    if (wc)
        run_check(R, cc, "mild.control.tight");
    lmin_compute(&T, kmax);
    mild_lmin_closed(c, R, PREC);
    if (wl)
    {
        lmin_check(R, cl, &T, c, "closed form (pi - 2)/(4 pi)");
        lmin_figure(R, &T, c);
    }
    if (wc)
    {
        arb_t off;
        arb_init(off);
        arb_set_d(off, mild_control_offset(R));
        arb_add(ct, c, off, PREC);
        lmin_check(R, cc, &T, ct, "tightened constant (pi - 2)/(4 pi) + 2^-20");
        arb_clear(off);
    }
    lmin_clear(&T);
    arb_clear(c);
    arb_clear(ct);
}

/* ---------------------------------------------------------------- (B) */

/* q = u^T H(W_t) u for the split witness family of width k + 1 (or k under
   the mutant): rows 0 and k the copies alpha e_1 + t e_2 and
   (1 - alpha) e_1 + t e_2, rows 1..k-1 the teacher rows e_2..e_k;
   u = (e_2, 0, ..., 0, -e_2).  Everything is exact dyadic; prec bits. */
static void
witness_curv(arb_t q, slong k, double alpha, double t, int width_k, slong prec)
{
    slong n = width_k ? k : k + 1, d = k, i, p, r;
    arb_mat_t W, V, H;
    arb_mat_init(W, n, d);
    arb_mat_init(V, k, d);
    arb_mat_init(H, n * d, n * d);
    mild_teacher(V, k);
    for (i = 1; i < k; i++)
        arb_one(arb_mat_entry(W, i, i));
    arb_set_d(arb_mat_entry(W, 0, 0), width_k ? 1.0 : alpha);
    arb_set_d(arb_mat_entry(W, 0, 1), t);
    if (!width_k)
    {
        arb_set_d(arb_mat_entry(W, k, 0), 1.0 - alpha);
        arb_set_d(arb_mat_entry(W, k, 1), t);
    }
    pop_eval(NULL, NULL, H, W, V, prec);
    p = 0 * d + 1;
    r = k * d + 1;
    if (width_k)
        arb_set(q, arb_mat_entry(H, p, p));
    else
    {
        arb_add(q, arb_mat_entry(H, p, p), arb_mat_entry(H, r, r), prec);
        arb_submul_ui(q, arb_mat_entry(H, p, r), 2, prec);
    }
    arb_mat_clear(W);
    arb_mat_clear(V);
    arb_mat_clear(H);
}

/* the witness grid: k in {2, 5} (and 10 at full size), alpha in {1/2, 1/4} */
static const double noconvex_alpha[2] = {0.5, 0.25};

typedef struct
{
    slong bad, und, cells;        /* the witness decisions */
    slong rbad, rund, rcells;     /* the leading-term decisions */
    char *first_bad, *first_rbad; /* witnesses of a failure */
} noconvex_tally;

static void
noconvex_cell(run_t R, noconvex_tally *S, check_t cw, check_t cr, slong k, double alpha, const arb_t coeff)
{
    slong j;
    double m = alpha > 0.5 ? alpha : 1.0 - alpha;
    arb_t q, lead, ratio, one;
    arb_init(q);
    arb_init(lead);
    arb_init(ratio);
    arb_init(one);
    arb_one(one);
    for (j = TMIN; j <= TMAX; j++)
    {
        double t = ldexp(1.0, (int) -j);
        slong prec = 64 + 3 * j;
        truth_t w;
        witness_curv(q, k, alpha, t, mild_noconvex_width_k(R), prec);
        w = arb_is_negative(q) ? BC_TRUE : (arb_is_nonnegative(q) ? BC_FALSE : BC_UNDECIDED);
        S->cells++;
        S->bad += w == BC_FALSE;
        S->und += w == BC_UNDECIDED;
        if (w == BC_FALSE && S->first_bad == NULL)
        {
            char *s = arb_get_str(q, 10, 0);
            S->first_bad = bc_aprintf("k = %ld, alpha = %g, t = 2^-%ld: u^T H u = %s >= 0", (long) k, alpha,
                                      (long) j, s);
            flint_free(s);
        }
        /* the leading term -coeff t / m^2 */
        arb_set_d(lead, t / (m * m));
        arb_mul(lead, lead, coeff, prec);
        arb_neg(lead, lead);
        arb_div(ratio, q, lead, prec);
        if (j >= TRATE)
        {
            truth_t r = mild_decide_near(ratio, one, ldexp(1.0, RATE_TOL_EXP), prec);
            S->rcells++;
            S->rbad += r == BC_FALSE;
            S->rund += r == BC_UNDECIDED;
            if (r == BC_FALSE && S->first_rbad == NULL)
            {
                char *s = arb_get_str(ratio, 12, 0);
                S->first_rbad =
                    bc_aprintf("k = %ld, alpha = %g, t = 2^-%ld: ratio %s", (long) k, alpha, (long) j, s);
                flint_free(s);
            }
        }
        if (j == TMIN || j == 8 || j == TRATE || j == TMAX)
        {
            char key[64];
            snprintf(key, sizeof key, "k = %ld, alpha = %g, t = 2^-%ld", (long) k, alpha, (long) j);
            if (cw != NULL)
                check_field_arb(cw, key, q, 10);
            if (cr != NULL)
                check_field_arb(cr, key, ratio, 12);
        }
    }
    arb_clear(q);
    arb_clear(lead);
    arb_clear(ratio);
    arb_clear(one);
}

void
mild_check_noconvex(run_t R)
{
    check_t cw, cr;
    noconvex_tally S = {0, 0, 0, 0, 0, 0, NULL, NULL};
    const slong ks[3] = {2, 5, 10};
    slong nk = run_size_pick(R, (const slong[3]){2, 2, 3}), a, i;
    int ww = run_wants(R, "mild.noconvex.split"), wr = run_wants(R, "mild.noconvex.rate");
    arb_t coeff;
    arb_init(coeff);
    mild_noconvex_coeff(coeff, R, 256);
    if (ww)
        run_check(R, cw, "mild.noconvex.split");
    if (wr)
        run_check(R, cr, "mild.noconvex.rate");
    for (i = 0; i < nk; i++)
        for (a = 0; a < 2; a++)
            noconvex_cell(R, &S, ww ? cw : NULL, wr ? cr : NULL, ks[i], noconvex_alpha[a], coeff);
    if (ww)
    {
        cw->statement = bc_aprintf("Here $k\\in\\{2,5%s\\}$.", nk > 2 ? ",10" : "");
        check_field_add(cw, "cells (k, alpha, t)", "%ld", (long) S.cells);
        check_field_add(cw, "negative curvature certified", "%ld", (long) (S.cells - S.bad - S.und));
        if (S.first_bad != NULL)
            check_set_witness(cw, "%s", S.first_bad);
        else
            check_set_witness(cw, "exact dyadic W_t, u = (e_2, 0, ..., 0, -e_2), pop_eval Hessian at 64 + 3j "
                                  "bits for t = 2^-j");
        check_count(cw, S.bad, S.und);
        run_push(R, cw);
    }
    if (wr)
    {
        check_field_arb(cr, "leading coefficient (2/pi)", coeff, 15);
        check_field_add(cr, "cells decided (t <= 2^-24)", "%ld", (long) S.rcells);
        if (S.first_rbad != NULL)
            check_set_witness(cr, "%s", S.first_rbad);
        else
            check_set_witness(cr,
                              "the ratio u^T H u / (-2 t / (pi max(alpha, 1 - alpha)^2)) enclosed at 64 + 3j "
                              "bits");
        check_count(cr, S.rbad, S.rund);
        run_push(R, cr);
    }
    flint_free(S.first_bad);
    flint_free(S.first_rbad);
    arb_clear(coeff);
}

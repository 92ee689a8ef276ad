/* crit_image.c -- the width-(n+1) images of a certified width-n critical
   point: the neuron split (an exact critical point whose saddle is
   decided by the block B_i) and the zero neuron (an exact one-sided
   expansion) (crit.h). */
#include <math.h>
#include <string.h>

#include "crit.h"
#include "dla.h"

void
crit_split_init(crit_split_t S, slong d)
{
    memset(S, 0, sizeof(crit_split_struct));
    fmpq_init(S->alpha);
    arb_init(S->block_lmin);
    arb_init(S->curv);
    arb_init(S->lmin);
    arb_init(S->dF);
    S->a = flint_calloc(d + 1, sizeof(double));
    S->condition = S->saddle = BC_UNDECIDED;
}

void
crit_split_clear(crit_split_t S)
{
    fmpq_clear(S->alpha);
    arb_clear(S->block_lmin);
    arb_clear(S->curv);
    arb_clear(S->lmin);
    arb_clear(S->dF);
    flint_free(S->a);
}

void
crit_split_box(arb_mat_t Y, const arb_mat_t X, slong i, const arb_t alpha, slong prec)
{
    slong n = arb_mat_nrows(X), d = arb_mat_ncols(X), l, a;
    arb_t beta;
    arb_init(beta);
    arb_sub_ui(beta, alpha, 1, prec);
    arb_neg(beta, beta);
    for (l = 0; l < n; l++)
        for (a = 0; a < d; a++)
            if (l == i)
            {
                arb_mul(arb_mat_entry(Y, l, a), arb_mat_entry(X, l, a), alpha, prec);
                arb_mul(arb_mat_entry(Y, n, a), arb_mat_entry(X, l, a), beta, prec);
            }
            else
                arb_set(arb_mat_entry(Y, l, a), arb_mat_entry(X, l, a));
    arb_clear(beta);
}

/* Y_t = split(X) + t u with u = (a, -a) on rows i and n */
static void
shift_pair(arb_mat_t Y, slong i, const double *a, double t, slong prec)
{
    slong n = arb_mat_nrows(Y) - 1, d = arb_mat_ncols(Y), c;
    arb_t s, tt;
    arb_init(s);
    arb_init(tt);
    arb_set_d(tt, t);
    for (c = 0; c < d; c++)
    {
        arb_set_d(s, a[c]);
        arb_mul(s, s, tt, prec);
        arb_add(arb_mat_entry(Y, i, c), arb_mat_entry(Y, i, c), s, prec);
        arb_sub(arb_mat_entry(Y, n, c), arb_mat_entry(Y, n, c), s, prec);
    }
    arb_clear(s);
    arb_clear(tt);
}

/* Sets S->block_lmin and S->a (the least eigenvalue of the block B = B_i
   over the box X and its direction), S->curv (the curvature
   a^T B a / (alpha (1 - alpha)) along (a, -a), ab = alpha (1 - alpha)) and
   S->condition (whether lambda_min(B_i) < 0). */
static void
split_condition(crit_split_t S, const arb_mat_t B, const arb_mat_t X, slong i, const arb_t ab, slong prec)
{
    slong d = arb_mat_ncols(X), c, j;
    arb_mat_t B2;
    arb_t q, m;

    arb_mat_init(B2, d, d);
    arb_init(q);
    arb_init(m);
    crit_lmin(S->block_lmin, S->a, NULL, B, prec);
    /* curvature along (a, -a): a^T B a / (alpha (1 - alpha)) */
    {
        arb_ptr av = _arb_vec_init(d), Ba = _arb_vec_init(d);
        for (c = 0; c < d; c++)
            arb_set_d(av + c, S->a[c]);
        for (c = 0; c < d; c++)
            arb_dot(Ba + c, NULL, 0, arb_mat_entry(B, c, 0), 1, av, 1, d, 2 * prec);
        arb_dot(q, NULL, 0, av, 1, Ba, 1, d, 2 * prec);
        arb_div(S->curv, q, ab, 2 * prec);
        _arb_vec_clear(av, d);
        _arb_vec_clear(Ba, d);
    }
    if (arb_is_negative(q))
        S->condition = BC_TRUE;
    else if (arb_mat_is_zero(B))
    {
        /* B_i = 0 exactly (x* known exactly, e.g. the teacher itself):
           every curvature along a split direction is 0 */
        S->condition = BC_FALSE;
        arb_zero(S->block_lmin);
    }
    else
    {
        /* B_i w_i = 0: B_i >= 0 iff B_i + w^ w^T > 0 on w^'s complement;
           certify B_i + w^ w^T positive definite */
        arb_t nw;
        arb_init(nw);
        arb_dot(nw, NULL, 0, arb_mat_entry(X, i, 0), 1, arb_mat_entry(X, i, 0), 1, d, 2 * prec);
        arb_mat_set(B2, B);
        for (c = 0; c < d; c++)
            for (j = 0; j < d; j++)
            {
                arb_mul(m, arb_mat_entry(X, i, c), arb_mat_entry(X, i, j), 2 * prec);
                arb_div(m, m, nw, 2 * prec);
                arb_add(arb_mat_entry(B2, c, j), arb_mat_entry(B2, c, j), m, 2 * prec);
            }
        {
            arb_t l2;
            double *v2 = flint_malloc(sizeof(double) * d);
            arb_init(l2);
            crit_lmin(l2, v2, NULL, B2, prec);
            if (arb_is_positive(l2))
                S->condition = BC_FALSE;
            arb_clear(l2);
            flint_free(v2);
        }
        arb_clear(nw);
    }
    arb_mat_clear(B2);
    arb_clear(q);
    arb_clear(m);
}

/* Sets S->t and S->dF: the first step t = 2^-j (j <= 48) along the split
   direction S->a for which sup_{y in X} F'(split(y) + t u) - F(y) < 0 is
   certified by the mean-value form around the box centre P, and that
   bound.  Leaves them unchanged when no step is certified. */
static void
split_descent(crit_split_t S, const crit_result_t R, const arb_mat_t V, const arb_mat_t X, const arb_mat_t P,
              slong i, const arb_t al, slong prec)
{
    slong n = R->n, d = R->d, N = n * d, j, l;
    arb_mat_t Y, Yp, G, G2;
    arb_t aa, F0, F1, D, m;

    arb_mat_init(Y, n + 1, d);
    arb_mat_init(G, n, d);
    arb_mat_init(G2, n + 1, d);
    arb_init(aa);
    arb_init(F0);
    arb_init(F1);
    arb_init(D);
    arb_init(m);
    arb_mat_init(Yp, n + 1, d);
    pop_eval(F0, NULL, NULL, P, V, 2 * prec);
    pop_eval(NULL, G, NULL, X, V, prec);
    for (j = 1; j <= 48 && S->t == 0; j++)
    {
        double t = ldexp(1, (int) -j);
        mag_t acc, e;
        crit_split_box(Yp, P, i, al, 2 * prec);
        shift_pair(Yp, i, S->a, t, 2 * prec);
        if (pop_eval(F1, NULL, NULL, Yp, V, 2 * prec) & POP_ZERO)
            continue;
        crit_split_box(Y, X, i, al, 2 * prec);
        shift_pair(Y, i, S->a, t, 2 * prec);
        if (pop_eval(NULL, G2, NULL, Y, V, prec) & POP_ZERO)
            continue;
        arb_sub(D, F1, F0, 2 * prec);
        mag_init(acc);
        mag_init(e);
        for (l = 0; l < N; l++)
        {
            slong r = l / d, cc = l % d;
            /* (S^T G2)_l - G_l */
            if (r == i)
            {
                /* alpha G2_i + (1 - alpha) G2_n */
                arb_mul(m, arb_mat_entry(G2, i, cc), al, prec);
                arb_set(aa, arb_mat_entry(G2, n, cc));
                arb_submul(aa, arb_mat_entry(G2, n, cc), al, prec);
                arb_add(m, m, aa, prec);
            }
            else
                arb_set(m, arb_mat_entry(G2, r, cc));
            arb_sub(m, m, arb_mat_entry(G, r, cc), prec);
            arb_get_mag(e, m);
            mag_add(acc, acc, e);
        }
        mag_set_d(e, R->radius);
        mag_mul(acc, acc, e);
        arb_add_error_mag(D, acc);
        mag_clear(acc);
        mag_clear(e);
        if (arb_is_negative(D))
        {
            S->t = t;
            arb_set(S->dF, D);
        }
    }
    arb_mat_clear(Yp);
    arb_mat_clear(Y);
    arb_mat_clear(G);
    arb_mat_clear(G2);
    arb_clear(aa);
    arb_clear(F0);
    arb_clear(F1);
    arb_clear(D);
    arb_clear(m);
}

void
crit_split(crit_split_t S, const crit_result_t R, const arb_mat_t V, slong i, const fmpq_t alpha, slong prec)
{
    slong n = R->n, d = R->d;
    arb_mat_t X, P, B, Y, H2;
    arb_t al, ab;
    double *vec;
    int fl;

    S->i = i;
    fmpq_set(S->alpha, alpha);
    S->condition = S->saddle = BC_UNDECIDED;
    S->t = 0;
    S->reason[0] = '\0';
    arb_indeterminate(S->block_lmin);
    arb_indeterminate(S->curv);
    arb_indeterminate(S->lmin);
    arb_indeterminate(S->dF);
    if (R->exists != BC_TRUE)
    {
        snprintf(S->reason, sizeof S->reason,
                 "no critical point certified in width n: the image is not known");
        return;
    }
    if (i < 0 || i >= n || fmpq_sgn(alpha) <= 0 || fmpq_cmp_ui(alpha, 1) >= 0)
    {
        snprintf(S->reason, sizeof S->reason, "the split needs 1 <= i <= n and 0 < alpha < 1");
        return;
    }
    arb_mat_init(X, n, d);
    arb_mat_init(P, n, d);
    arb_mat_init(B, d, d);
    arb_mat_init(Y, n + 1, d);
    arb_mat_init(H2, (n + 1) * d, (n + 1) * d);
    arb_init(al);
    arb_init(ab);
    vec = flint_malloc(sizeof(double) * (n + 1) * d);
    crit_box(X, R->W, n, d, R->radius);
    crit_box(P, R->W, n, d, 0);
    arb_set_fmpq(al, alpha, 2 * prec);
    /* ab = alpha (1 - alpha) */
    arb_sub_ui(ab, al, 1, 2 * prec);
    arb_neg(ab, ab);
    arb_mul(ab, ab, al, 2 * prec);

    /* the block B_i over X, its least eigenvalue and direction */
    fl = pop_block(B, X, V, i, prec);
    if (fl & POP_ZERO)
    {
        snprintf(S->reason, sizeof S->reason, "a neuron of the box may be zero");
        goto done;
    }
    split_condition(S, B, X, i, ab, prec);
    S->saddle = S->condition == BC_TRUE ? BC_TRUE : BC_UNDECIDED;
    if (R->global == BC_TRUE)
    {
        /* F = 0 at the image: a global minimum of width n + 1, never a saddle */
        S->saddle = BC_FALSE;
        snprintf(S->reason, sizeof S->reason, "F = 0 at the image: it is a global minimum of width %ld",
                 (long) n + 1);
    }
    else if (S->condition == BC_FALSE)
    {
        S->saddle = BC_UNDECIDED;
        snprintf(S->reason, sizeof S->reason,
                 "B_%ld is positive semi-definite%s: the curvature along every split direction (a, -a) is "
                 ">= 0, no saddle is certified by it",
                 (long) i + 1, arb_mat_is_zero(B) ? " (exactly 0)" : "");
    }
    else if (S->condition == BC_UNDECIDED)
        snprintf(S->reason, sizeof S->reason,
                 "the sign of the least eigenvalue of B_%ld is not decided (curvature along (a, -a) "
                 "contains 0)",
                 (long) i + 1);

    /* the width-(n+1) Hessian over the split box: its least eigenvalue */
    crit_split_box(Y, X, i, al, 2 * prec);
    fl = pop_eval(NULL, NULL, H2, Y, V, prec);
    if (!(fl & POP_ZERO))
        crit_lmin(S->lmin, vec, NULL, H2, prec);

    /* certified descent along the split direction */
    if (S->condition == BC_TRUE)
        split_descent(S, R, V, X, P, i, al, prec);
done:
    arb_mat_clear(X);
    arb_mat_clear(P);
    arb_mat_clear(B);
    arb_mat_clear(Y);
    arb_mat_clear(H2);
    arb_clear(al);
    arb_clear(ab);
    flint_free(vec);
}

void
crit_zero_init(crit_zero_t Z, slong k)
{
    memset(Z, 0, sizeof(crit_zero_struct));
    Z->k = k;
    Z->slope = _arb_vec_init(k);
    arb_init(Z->dF);
    Z->best = -1;
    Z->descent = BC_UNDECIDED;
}

void
crit_zero_clear(crit_zero_t Z)
{
    _arb_vec_clear(Z->slope, Z->k);
    arb_clear(Z->dF);
}

void
crit_zero(crit_zero_t Z, const crit_result_t R, const arb_mat_t V, slong prec)
{
    slong n = R->n, d = R->d, k = arb_mat_nrows(V), j;
    arb_mat_t X;
    int all_pos = 1;
    arf_t best;

    Z->best = -1;
    Z->descent = BC_UNDECIDED;
    Z->t = 0;
    arb_indeterminate(Z->dF);
    for (j = 0; j < Z->k; j++)
        arb_indeterminate(Z->slope + j);
    if (R->exists != BC_TRUE || k != Z->k)
        return;
    arb_mat_init(X, n, d);
    arf_init(best);
    crit_box(X, R->W, n, d, R->radius);
    for (j = 0; j < k; j++)
    {
        arf_t ub;
        arf_init(ub);
        pop_zero_slope(Z->slope + j, arb_mat_entry(V, j, 0), X, V, 2 * prec);
        if (!arb_is_positive(Z->slope + j))
            all_pos = 0;
        arb_get_ubound_arf(ub, Z->slope + j, prec);
        if (arf_sgn(ub) < 0 && (Z->best < 0 || arf_cmp(ub, best) < 0))
        {
            Z->best = j;
            arf_set(best, ub);
        }
        arf_clear(ub);
    }
    if (Z->best >= 0)
    {
        /* t = -2 D / |v|^2 (the minimiser of t D + t^2 |v|^2 / 4), rounded */
        arb_t vv, t, q;
        arb_init(vv);
        arb_init(t);
        arb_init(q);
        arb_dot(vv, NULL, 0, arb_mat_entry(V, Z->best, 0), 1, arb_mat_entry(V, Z->best, 0), 1, d, 2 * prec);
        arb_div(t, Z->slope + Z->best, vv, 2 * prec);
        arb_mul_si(t, t, -2, 2 * prec);
        Z->t = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        arb_set_d(t, Z->t);
        /* dF = t D + t^2 |v|^2 / 4, exactly the change of F */
        arb_mul(q, t, t, 2 * prec);
        arb_mul(q, q, vv, 2 * prec);
        arb_mul_2exp_si(q, q, -2);
        arb_addmul(q, t, Z->slope + Z->best, 2 * prec);
        arb_set(Z->dF, q);
        Z->descent = arb_is_negative(q) && Z->t > 0 ? BC_TRUE : BC_UNDECIDED;
        arb_clear(vv);
        arb_clear(t);
        arb_clear(q);
    }
    else if (all_pos)
        Z->descent = BC_FALSE;
    arb_mat_clear(X);
    arf_clear(best);
}

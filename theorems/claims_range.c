/* claims_range.c -- the range prover's result as a record, the pointwise
   confirmation of a range statement, and the verdict of a range check
   (claims.h). */
#include "claims.h"

static const slong dmax_sizes[3] = {40, 200, 200};
static const slong grid_sizes[3] = {16, 64, 256};

slong
claims_range_dmax(const run_t R)
{
    return run_size_pick(R, dmax_sizes);
}

slong
claims_range_grid(const run_t R)
{
    return run_size_pick(R, grid_sizes);
}

truth_t
claims_range_truth(truth_t t, slong ncex)
{
    if (ncex > 0)
        return t == BC_TRUE ? BC_UNDECIDED : BC_FALSE;
    return t;
}

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

void
claims_range_witness(check_t c, const range_result_t res, const char *par_name)
{
    char *x, *v;
    if (res->status != BC_FALSE || c->witness != NULL)
        return;
    x = exact_point_str(res->cex_x);
    v = bc_arb_bound_str(res->cex_value, +1, 12);
    check_set_witness(c, "%s = %ld, theta = %s: h(theta) <= %s < 0 (enclosure at %ld bits)", par_name,
                      (long) res->cex_par, x, v, (long) res->cex_prec);
    check_note_prec(c, res->cex_prec);
    flint_free(x);
    flint_free(v);
}

void
claims_range_fields(check_t c, const range_result_t res, const range_problem_t P, const char *par_name)
{
    char *s = range_result_str(res, P);
    check_field_add(c, "prover", "%s", s);
    flint_free(s);
    check_field_add(c, "range", "%s in [%ld, %ld]", par_name, (long) P->par_lo, (long) P->par_hi);
    check_field_add(c, "boxes", "%ld", (long) res->nboxes);
    check_field_add(c, "by_enclosure", "%ld", (long) res->nproved_enclosure);
    check_field_add(c, "by_monotonicity", "%ld", (long) res->nproved_monotone);
    check_field_add(c, "point_enclosures", "%ld", (long) res->nprobes);
    check_field_add(c, "max_depth", "%ld", (long) res->depth);
    check_note_prec(c, P->prec);
    if (res->touch_contradicted)
        check_add_note(c, "The touch assertion at an end point was contradicted by its enclosure and was "
                          "not used. ");
    claims_range_witness(c, res, par_name);
    if (res->status == BC_UNDECIDED && res->nstored > 0)
    {
        char *a = bc_arb_bound_str(res->left_lo + 0, -1, 15), *b = bc_arb_bound_str(res->left_hi + 0, +1, 15);
        check_field_add(c, "left", "%ld boxes; first: %s = %ld, theta in [%s, %s]", (long) res->nleft,
                        par_name, (long) res->left_par[0], a, b);
        flint_free(a);
        flint_free(b);
    }
}

/* one point of the pointwise confirmation: the sign of h(theta) at an
   exact rational theta, decided by enclosure alone */
typedef struct
{
    const range_problem_struct *P;
    const fmpq *theta;
    slong d;
    arb_t value;
} point_ctx;

static truth_t
point_positive(void *vctx, slong prec)
{
    point_ctx *X = vctx;
    arb_t t;
    arb_init(t);
    arb_set_fmpq(t, X->theta, prec + 20);
    X->P->value(X->value, t, t, t, X->d, X->P->ctx, prec);
    arb_clear(t);
    if (arb_is_positive(X->value))
        return BC_TRUE;
    return arb_is_negative(X->value) ? BC_FALSE : BC_UNDECIDED;
}

slong
claims_pointwise(check_t c, const range_problem_t P, slong grid, const fmpq_t hi, const char *hi_str,
                 slong skip_d)
{
    slong d, j, npos = 0, nopen = 0, nneg = 0;
    point_ctx X;
    fmpq_t theta;

    fmpq_init(theta);
    arb_init(X.value);
    X.P = P;
    X.theta = theta;
    for (d = P->par_lo; d <= P->par_hi; d++)
    {
        if (d == skip_d)
            continue;
        X.d = d;
        for (j = 1; j <= grid; j++)
        {
            truth_t r;
            fmpq_set_si(theta, j, (ulong) grid);
            fmpq_mul(theta, theta, hi);
            r = check_decide_prec(c, point_positive, &X, CLAIMS_PREC);
            if (r == BC_TRUE)
                npos++;
            else if (r == BC_UNDECIDED)
                nopen++;
            else if (nneg++ == 0 && c->witness == NULL)
            {
                char *q = fmpq_get_str(NULL, 10, theta), *v = bc_arb_bound_str(X.value, +1, 12);
                check_set_witness(c, "d = %ld, theta = %s: h(theta) <= %s < 0 (pointwise enclosure)",
                                  (long) d, q, v);
                flint_free(q);
                flint_free(v);
            }
        }
    }
    check_field_add(c, "pointwise",
                    "%ld points theta = %s j/%ld%s: %ld with h > 0 decided, %ld open, %ld with h < 0",
                    (long) (npos + nopen + nneg), hi_str, (long) grid,
                    skip_d >= 0 ? ", d with h = 0 skipped" : "", (long) npos, (long) nopen, (long) nneg);
    arb_clear(X.value);
    fmpq_clear(theta);
    return nneg;
}

/* cert_ineq.c -- inequalities at a point (kind "inequality"): errata and
   refutations (a counterexample point, verdict fails) and pointwise
   statements (verdict holds), with both sides as the caller enclosed
   them, for the checker to re-evaluate with its own definitions. */
#include <stdarg.h>
#include <string.h>

#include "cert.h"

/* lhs rel rhs for balls: decided for every pair of points, or undecided */
static truth_t
decide_arb(const arb_t lhs, const char *rel, const arb_t rhs)
{
    if (!strcmp(rel, "<="))
        return arb_le(lhs, rhs) ? BC_TRUE : (arb_gt(lhs, rhs) ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, "<"))
        return arb_lt(lhs, rhs) ? BC_TRUE : (arb_ge(lhs, rhs) ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, ">="))
        return arb_ge(lhs, rhs) ? BC_TRUE : (arb_lt(lhs, rhs) ? BC_FALSE : BC_UNDECIDED);
    if (!strcmp(rel, ">"))
        return arb_gt(lhs, rhs) ? BC_TRUE : (arb_le(lhs, rhs) ? BC_FALSE : BC_UNDECIDED);
    return BC_UNDECIDED;
}

static truth_t
decide_fmpq(const fmpq_t lhs, const char *rel, const fmpq_t rhs)
{
    int s = fmpq_cmp(lhs, rhs);
    if (!strcmp(rel, "<="))
        return s <= 0 ? BC_TRUE : BC_FALSE;
    if (!strcmp(rel, "<"))
        return s < 0 ? BC_TRUE : BC_FALSE;
    if (!strcmp(rel, ">="))
        return s >= 0 ? BC_TRUE : BC_FALSE;
    if (!strcmp(rel, ">"))
        return s > 0 ? BC_TRUE : BC_FALSE;
    return BC_UNDECIDED;
}

static void
head(cert_t c, const char *label, truth_t t, const char *name, slong npar, const char *const *par_names,
     const fmpq *par_values, const char *rel)
{
    slong i;
    cert_init(c, "inequality", t == BC_TRUE ? "holds" : "fails", label);
    if (name != NULL)
    {
        cert_str(c, "name", name);
        cert_begin_object(c, "point");
        for (i = 0; i < npar; i++)
            cert_fmpq(c, par_names[i], par_values + i);
        cert_end_object(c);
    }
    cert_str(c, "rel", rel);
}

truth_t
cert_inequality(check_t chk, const char *label, const char *name, slong npar, const char *const *par_names,
                const fmpq *par_values, const arb_t lhs, const char *rel, const arb_t rhs)
{
    truth_t t = decide_arb(lhs, rel, rhs);
    cert_t c;
    if (t == BC_UNDECIDED || name == NULL)
        return BC_UNDECIDED;
    head(c, label, t, name, npar, par_names, par_values, rel);
    cert_real(c, "lhs_value", lhs);
    cert_real(c, "rhs_value", rhs);
    cert_attach(chk, c);
    return t;
}

truth_t
cert_inequality_fmpq(check_t chk, const char *label, const char *name, slong npar,
                     const char *const *par_names, const fmpq *par_values, const fmpq_t lhs, const char *rel,
                     const fmpq_t rhs)
{
    truth_t t = decide_fmpq(lhs, rel, rhs);
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    head(c, label, t, name, npar, par_names, par_values, rel);
    if (name == NULL)
    {
        /* the sides themselves are the expressions */
        cert_fmpq(c, "lhs", lhs);
        cert_fmpq(c, "rhs", rhs);
    }
    cert_fmpq(c, "lhs_value", lhs);
    cert_fmpq(c, "rhs_value", rhs);
    cert_attach(chk, c);
    return t;
}

truth_t
cert_inequality_expr(check_t chk, const char *label, const char *lhs_expr, const arb_t lhs, const char *rel,
                     const char *rhs_expr, const arb_t rhs)
{
    truth_t t = decide_arb(lhs, rel, rhs);
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    head(c, label, t, NULL, 0, NULL, NULL, rel);
    cert_raw(c, "lhs", lhs_expr);
    cert_raw(c, "rhs", rhs_expr);
    cert_real(c, "lhs_value", lhs);
    cert_real(c, "rhs_value", rhs);
    cert_attach(chk, c);
    return t;
}

/* ------------------------------------------------------ expressions */

char *
cert_e_q(const fmpq_t x)
{
    char *q = fmpq_get_str(NULL, 10, x), *s = bc_aprintf("\"%s\"", q);
    flint_free(q);
    return s;
}

char *
cert_e_si(slong x)
{
    return bc_aprintf("\"%ld\"", (long) x);
}

char *
cert_e_fn(const char *fn, slong nargs, ...)
{
    va_list ap;
    slong i;
    char *s = bc_aprintf("{\"fn\": \"%s\", \"args\": [", fn), *t, *a;
    va_start(ap, nargs);
    for (i = 0; i < nargs; i++)
    {
        a = va_arg(ap, char *);
        t = bc_aprintf("%s%s%s", s, i > 0 ? ", " : "", a);
        flint_free(s);
        flint_free(a);
        s = t;
    }
    va_end(ap);
    t = bc_aprintf("%s]}", s);
    flint_free(s);
    return t;
}

/* ------------------------------------------ hypotheses on clustered data */

truth_t
cert_clusters(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y, const fmpq_mat_t C,
              const fmpq_t B2, const fmpq_t c2, const fmpq_t gamma2, const char *hypothesis, truth_t t)
{
    cert_t c;
    if (t == BC_UNDECIDED)
        return t;
    cert_init(c, "clusters", t == BC_TRUE ? "holds" : "fails", label);
    cert_str(c, "hypothesis", hypothesis);
    cert_fmpq_mat(c, "X", X);
    cert_fmpq_vec(c, "y", y, fmpq_mat_nrows(X));
    cert_fmpq_mat(c, "C", C);
    cert_fmpq(c, "B2", B2);
    cert_fmpq(c, "c2", c2);
    cert_fmpq(c, "gamma2", gamma2);
    cert_attach(chk, c);
    return t;
}

/* ---------------------------------------- probabilities on singleton data */

truth_t
cert_singleton(check_t chk, const char *label, const fmpq_mat_t X, const fmpq *y, slong n0, slong n1,
               const fmpq_t c, slong ncomp, const char *const *comp, truth_t t)
{
    cert_t w;
    slong i, k;
    if (t == BC_UNDECIDED)
        return t;
    cert_init(w, "singleton", t == BC_TRUE ? "holds" : "fails", label);
    cert_fmpq_mat(w, "X", X);
    cert_fmpq_vec(w, "y", y, fmpq_mat_nrows(X));
    cert_begin_array(w, "widths");
    cert_si(w, NULL, n0);
    cert_si(w, NULL, n1);
    cert_end_array(w);
    cert_fmpq(w, "c", c);
    cert_begin_array(w, "compare");
    for (i = 0; i < ncomp; i++)
    {
        cert_begin_array(w, NULL);
        for (k = 0; k < 3; k++)
            cert_str(w, NULL, comp[3 * i + k]);
        cert_end_array(w);
    }
    cert_end_array(w);
    cert_attach(chk, w);
    return t;
}

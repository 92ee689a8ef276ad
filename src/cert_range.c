/* cert_range.c -- range proofs (kind "range"): the subdivision that
   range_prove settled, box by box, recorded through its hook, or its
   counterexample. */
#include <string.h>

#include "cert.h"

void
cert_range_init(cert_range_t T)
{
    memset(T, 0, sizeof(cert_range_struct));
}

static void
drop_boxes(cert_range_t T)
{
    slong i;
    for (i = 0; i < T->alloc; i++)
    {
        arb_clear(T->A + i);
        arb_clear(T->B + i);
        arb_clear(T->enc + i);
    }
    flint_free(T->A);
    flint_free(T->B);
    flint_free(T->enc);
    flint_free(T->par);
    flint_free(T->how);
    memset(T, 0, sizeof(cert_range_struct));
}

void
cert_range_clear(cert_range_t T)
{
    drop_boxes(T);
}

static void
record(void *ctx, slong par, const arb_t A, const arb_t B, int how, const arb_t enc)
{
    cert_range_struct *T = ctx;
    if (T->n == T->alloc)
    {
        slong i, na = 2 * T->alloc + 64;
        T->A = flint_realloc(T->A, na * sizeof(arb_struct));
        T->B = flint_realloc(T->B, na * sizeof(arb_struct));
        T->enc = flint_realloc(T->enc, na * sizeof(arb_struct));
        T->par = flint_realloc(T->par, na * sizeof(slong));
        T->how = flint_realloc(T->how, na * sizeof(int));
        for (i = T->alloc; i < na; i++)
        {
            arb_init(T->A + i);
            arb_init(T->B + i);
            arb_init(T->enc + i);
        }
        T->alloc = na;
    }
    arb_set(T->A + T->n, A);
    arb_set(T->B + T->n, B);
    arb_set(T->enc + T->n, enc);
    T->par[T->n] = par;
    T->how[T->n] = how;
    T->n++;
}

void
cert_range_attach(cert_range_t T, range_problem_t P)
{
    T->n = 0;
    P->record = record;
    P->record_ctx = T;
}

/* A box end: the range's own ends as the caller's expressions (they may
   not be dyadic, e.g. pi), any other end an exact dyadic.  Returns 0 when
   the end is neither (nothing is written). */
static int
write_end(cert_t c, const char *key, const arb_t x, const range_problem_t P, const char *lo_expr,
          const char *hi_expr)
{
    if (arb_equal(x, P->lo))
        cert_raw(c, key, lo_expr);
    else if (arb_equal(x, P->hi))
        cert_raw(c, key, hi_expr);
    else if (arb_is_exact(x) && arb_is_finite(x))
        cert_arb_exact(c, key, x);
    else
        return 0;
    return 1;
}

static const char *const how_names[] = {"enclosure", "increasing", "decreasing"};

truth_t
cert_range(check_t chk, const char *label, const cert_range_t T, const range_problem_t P,
           const range_result_t R, const char *function, slong npar, const char *const *par_names,
           const fmpq *par_values, const char *lo_expr, const char *hi_expr)
{
    cert_t c;
    slong i;
    int ok = 1;

    if (R->status == BC_UNDECIDED)
        return BC_UNDECIDED;
    cert_init(c, "range", R->status == BC_TRUE ? "holds" : "fails", label);
    cert_str(c, "function", function);
    cert_begin_object(c, "params");
    for (i = 0; i < npar; i++)
        cert_fmpq(c, par_names[i], par_values + i);
    cert_end_object(c);
    cert_begin_array(c, "domain");
    cert_raw(c, NULL, lo_expr);
    cert_raw(c, NULL, hi_expr);
    cert_end_array(c);
    cert_begin_array(c, "par_range");
    cert_si(c, NULL, P->par_lo);
    cert_si(c, NULL, P->par_hi);
    cert_end_array(c);
    if (R->status == BC_FALSE)
    {
        cert_begin_object(c, "counterexample");
        cert_si(c, "par", R->cex_par);
        ok = write_end(c, "x", R->cex_x, P, lo_expr, hi_expr);
        cert_arb(c, "value", R->cex_value);
        cert_end_object(c);
    }
    else
    {
        cert_begin_array(c, "boxes");
        for (i = 0; i < T->n && ok; i++)
        {
            cert_begin_object(c, NULL);
            cert_si(c, "par", T->par[i]);
            ok = write_end(c, "lo", T->A + i, P, lo_expr, hi_expr) &&
                 write_end(c, "hi", T->B + i, P, lo_expr, hi_expr);
            cert_str(c, "by", how_names[T->how[i]]);
            cert_arb(c, "enc", T->enc + i);
            cert_end_object(c);
        }
        cert_end_array(c);
    }
    if (!ok)
    {
        cert_clear(c);
        return BC_UNDECIDED;
    }
    cert_attach(chk, c);
    return R->status;
}

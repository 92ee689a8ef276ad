/* loss_value.c -- enclosures of L(P), L(0), L(P) - L(0), L(cP). */
#include "loss.h"

const char *
loss_name(loss_kind kind)
{
    return kind == LOSS_SQUARED ? "squared" : "xent";
}

/* Divides x by m.  Division by m is not exact unless m is a power of
   two, so at ARF_PREC_EXACT it is done at a precision that keeps the
   quotient's sign: an exact zero stays an exact zero, a non-zero exact
   value becomes a ball around it that excludes zero. */
static void
average(arb_t x, slong m, slong prec)
{
    if (prec == ARF_PREC_EXACT)
        prec = FLINT_MAX(128, arb_bits(x) + 64);
    arb_div_si(x, x, m, prec);
}

/* Sum over the data of the per-point loss (not yet averaged). */
static void
loss_sum_arb(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec)
{
    slong t, j, k = S->k;
    arb_t a, y;

    arb_init(a);
    arb_init(y);
    arb_zero(out);
    for (t = 0; t < S->m; t++)
    {
        arb_srcptr p = P + t * k;
        if (kind == LOSS_SQUARED)
        {
            for (j = 0; j < k; j++)
            {
                arb_set_d(y, data_y(S, t)[j]);
                arb_sub(a, p + j, y, prec);
                arb_addmul(out, a, a, prec);
            }
        }
        else
        {
            /* log sum_j exp(p_j) - p_label, shifted by the midpoint of
               the label's score to keep the exponentials moderate. */
            arb_t s, e, shift;
            arb_init(s);
            arb_init(e);
            arb_init(shift);
            arf_set(arb_midref(shift), arb_midref(p + S->lab[t]));
            arb_zero(s);
            for (j = 0; j < k; j++)
            {
                arb_sub(e, p + j, shift, prec);
                arb_exp(e, e, prec);
                arb_add(s, s, e, prec);
            }
            arb_log(s, s, prec);
            arb_add(out, out, s, prec);
            arb_sub(e, shift, p + S->lab[t], prec);
            arb_add(out, out, e, prec);
            arb_clear(s);
            arb_clear(e);
            arb_clear(shift);
        }
    }
    arb_clear(a);
    arb_clear(y);
}

void
loss_value_arb(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec)
{
    loss_sum_arb(out, kind, P, S, prec);
    average(out, S->m, prec);
}

void
loss_zero_arb(arb_t out, loss_kind kind, const data_t S, slong prec)
{
    if (kind == LOSS_SQUARED)
    {
        slong t, j;
        arb_t y;
        arb_init(y);
        arb_zero(out);
        for (t = 0; t < S->m; t++)
            for (j = 0; j < S->k; j++)
            {
                arb_set_d(y, data_y(S, t)[j]);
                arb_addmul(out, y, y, prec);
            }
        average(out, S->m, prec);
        arb_clear(y);
    }
    else
    {
        /* softmax of the zero vector is uniform: loss log k on every point */
        arb_set_si(out, S->k);
        arb_log(out, out, prec);
    }
}

void
loss_gap_arb(arb_t out, loss_kind kind, arb_srcptr P, const data_t S, slong prec)
{
    if (kind == LOSS_SQUARED)
    {
        /* (p - y)^2 - y^2 = p (p - 2y): no cancellation against L(0) */
        slong t, j;
        arb_t a, y;
        arb_init(a);
        arb_init(y);
        arb_zero(out);
        for (t = 0; t < S->m; t++)
            for (j = 0; j < S->k; j++)
            {
                arb_srcptr p = P + t * S->k + j;
                arb_set_d(y, data_y(S, t)[j]);
                arb_mul_2exp_si(y, y, 1);
                arb_sub(a, p, y, prec);
                arb_addmul(out, a, p, prec);
            }
        average(out, S->m, prec);
        arb_clear(a);
        arb_clear(y);
    }
    else
    {
        arb_t z;
        arb_init(z);
        loss_value_arb(out, kind, P, S, prec);
        loss_zero_arb(z, kind, S, prec);
        arb_sub(out, out, z, prec);
        arb_clear(z);
    }
}

void
loss_ray_arb(arb_t out, loss_kind kind, const arb_t c, arb_srcptr P, const data_t S, slong prec)
{
    slong n = S->m * S->k;
    arb_ptr Q = _arb_vec_init(n);
    _arb_vec_scalar_mul(Q, P, n, c, prec);
    loss_value_arb(out, kind, Q, S, prec);
    _arb_vec_clear(Q, n);
}

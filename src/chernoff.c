/* chernoff.c -- rigorous enclosures of Chernoff and Hoeffding bounds.

   See chernoff.h for the exact statements and hypotheses.  The bounds
   are evaluated in ball arithmetic from their closed forms; hypotheses
   are decided on the balls, never on doubles, and when they cannot be
   established the function falls back to the trivial bound 1 (which is
   an upper bound of every probability) and says so in its return value. */
#include "chernoff.h"

/* x <= y decided on balls */
static truth_t
ball_le(const arb_t x, const arb_t y)
{
    if (arb_le(x, y))
        return BC_TRUE;
    if (arb_gt(x, y))
        return BC_FALSE;
    return BC_UNDECIDED;
}

/* a ln(a / b) with the convention 0 ln 0 = 0, for a >= 0 and b > 0: the
   convention is only applied when a is exactly zero (a ball merely
   containing 0 gives an indeterminate log, which is honest). */
static void
xlogxy(arb_t out, const arb_t a, const arb_t b, slong prec)
{
    arb_t t;
    if (arb_is_zero(a))
    {
        arb_zero(out);
        return;
    }
    arb_init(t);
    arb_div(t, a, b, prec);
    arb_log(t, t, prec);
    arb_mul(out, t, a, prec);
    arb_clear(t);
}

truth_t
chernoff_kl_div(arb_t out, const arb_t a, const arb_t p, slong prec)
{
    arb_t u, v, s;
    if (!arb_is_nonnegative(a) || !arb_is_positive(p))
    {
        arb_indeterminate(out);
        return BC_UNDECIDED;
    }
    arb_init(u);
    arb_init(v);
    arb_init(s);
    arb_one(u);
    arb_sub(u, u, a, prec); /* 1 - a */
    arb_one(v);
    arb_sub(v, v, p, prec); /* 1 - p */
    if (!arb_is_nonnegative(u) || !arb_is_positive(v))
    {
        arb_indeterminate(out);
        arb_clear(u);
        arb_clear(v);
        arb_clear(s);
        return BC_UNDECIDED;
    }
    xlogxy(s, a, p, prec);
    xlogxy(out, u, v, prec);
    arb_add(out, out, s, prec);
    arb_clear(u);
    arb_clear(v);
    arb_clear(s);
    return BC_TRUE;
}

truth_t
chernoff_kl_lower(arb_t out, ulong N, const arb_t p, ulong k, slong prec)
{
    arb_t a, mu, kk, D;
    truth_t h;

    arb_init(a);
    arb_init(mu);
    arb_init(kk);
    arb_init(D);

    /* hypothesis: 0 < p < 1 and k <= N p */
    arb_set_ui(kk, k);
    arb_mul_ui(mu, p, N, prec);
    h = BC_TRUE;
    arb_one(a);
    if (!arb_is_positive(p) || !arb_lt(p, a))
        h = BC_UNDECIDED;
    if (h == BC_TRUE)
        h = ball_le(kk, mu);

    if (h != BC_TRUE || N == 0)
    {
        arb_one(out);
    }
    else
    {
        arb_set_ui(a, k);
        arb_div_ui(a, a, N, prec);
        if (chernoff_kl_div(D, a, p, prec) != BC_TRUE)
        {
            arb_one(out);
            h = BC_UNDECIDED;
        }
        else
        {
            arb_mul_ui(D, D, N, prec);
            arb_neg(D, D);
            arb_exp(out, D, prec);
        }
    }

    arb_clear(a);
    arb_clear(mu);
    arb_clear(kk);
    arb_clear(D);
    return h;
}

truth_t
chernoff_poisson_lower(arb_t out, const arb_t mu, const arb_t k, slong prec)
{
    arb_t e, t;
    truth_t h;

    if (!arb_is_nonnegative(k))
    {
        arb_one(out);
        return BC_UNDECIDED;
    }
    h = ball_le(k, mu);
    if (h != BC_TRUE)
    {
        arb_one(out);
        return h;
    }
    if (arb_is_zero(k))
    {
        /* exp(-mu) = P[Poisson(mu) = 0] bound, h(0) = 1 */
        arb_neg(out, mu);
        arb_exp(out, out, prec);
        return BC_TRUE;
    }
    arb_init(e);
    arb_init(t);
    /* exponent mu - k + k ln(k / mu) */
    xlogxy(t, k, mu, prec);
    arb_sub(e, mu, k, prec);
    arb_add(e, e, t, prec);
    arb_neg(e, e);
    arb_exp(out, e, prec);
    arb_clear(e);
    arb_clear(t);
    return BC_TRUE;
}

truth_t
chernoff_mult_lower(arb_t out, const arb_t mu, const arb_t delta, slong prec)
{
    arb_t e;
    truth_t h;

    if (!arb_is_nonnegative(mu) || !arb_is_nonnegative(delta))
    {
        arb_one(out);
        return arb_is_negative(delta) ? BC_FALSE : BC_UNDECIDED;
    }
    arb_init(e);
    arb_one(e);
    h = ball_le(delta, e);
    if (h != BC_TRUE)
    {
        arb_one(out);
        arb_clear(e);
        return h;
    }
    arb_sqr(e, delta, prec);
    arb_mul(e, e, mu, prec);
    arb_mul_2exp_si(e, e, -1);
    arb_neg(e, e);
    arb_exp(out, e, prec);
    arb_clear(e);
    return BC_TRUE;
}

truth_t
hoeffding_lower(arb_t out, ulong N, const arb_t t, slong prec)
{
    arb_t e;
    if (N == 0 || !arb_is_nonnegative(t))
    {
        arb_one(out);
        return (N != 0 && arb_is_negative(t)) ? BC_FALSE : BC_UNDECIDED;
    }
    arb_init(e);
    arb_sqr(e, t, prec);
    arb_mul_2exp_si(e, e, 1);
    arb_div_ui(e, e, N, prec);
    arb_neg(e, e);
    arb_exp(out, e, prec);
    arb_clear(e);
    return BC_TRUE;
}

truth_t
chernoff_binom_below_kl(arb_t out, ulong N, const arb_t p, ulong K, slong prec)
{
    if (K == 0)
    {
        arb_zero(out);
        return BC_TRUE;
    }
    return chernoff_kl_lower(out, N, p, K - 1, prec);
}

truth_t
chernoff_binom_below_mult(arb_t out, ulong N, const arb_t p, ulong K, slong prec)
{
    arb_t mu, delta;
    truth_t h;
    if (K == 0)
    {
        arb_zero(out);
        return BC_TRUE;
    }
    arb_init(mu);
    arb_init(delta);
    arb_mul_ui(mu, p, N, prec);
    if (!arb_is_positive(mu))
    {
        arb_one(out);
        h = BC_UNDECIDED;
    }
    else
    {
        /* (1 - delta) mu = K - 1 */
        arb_set_ui(delta, K - 1);
        arb_div(delta, delta, mu, prec);
        arb_sub_ui(delta, delta, 1, prec);
        arb_neg(delta, delta);
        h = chernoff_mult_lower(out, mu, delta, prec);
    }
    arb_clear(mu);
    arb_clear(delta);
    return h;
}

truth_t
hoeffding_binom_below(arb_t out, ulong N, const arb_t p, ulong K, slong prec)
{
    arb_t t;
    truth_t h;
    if (K == 0)
    {
        arb_zero(out);
        return BC_TRUE;
    }
    arb_init(t);
    arb_mul_ui(t, p, N, prec);
    arb_sub_ui(t, t, K - 1, prec);
    h = hoeffding_lower(out, N, t, prec);
    arb_clear(t);
    return h;
}

/* thm6_land.c -- the landscape of a single ReLU neuron on a finite
   one-dimensional sample (App. C, thm6.tex Lemma 6.A).

   L(w) = (1/2) sum_t ([w x_t]_+ - y_t)^2 has one possible kink, w = 0
   (w x_t = 0 iff w = 0 when x_t != 0), and is a quadratic on each of
   the two open pieces, so every local minimum is either the stationary
   point of a piece lying inside it or the kink itself.  The analysis is
   written for any sample so that the negative controls can perturb S_1. */
#include "thm6.h"

void
thm6_land_init(thm6_land_t A)
{
    slong i;
    fmpq_init(A->apos);
    fmpq_init(A->bpos);
    fmpq_init(A->aneg);
    fmpq_init(A->bneg);
    fmpq_init(A->L0);
    fmpq_init(A->dright);
    fmpq_init(A->dleft);
    for (i = 0; i < THM6_MAXMIN; i++)
    {
        fmpq_init(A->w + i);
        fmpq_init(A->val + i);
        A->strict[i] = A->at_kink[i] = 0;
    }
    A->kink = THM6_KINK_NONE;
    A->kink_strict = A->flat_pos = A->flat_neg = 0;
    A->nmin = 0;
}

void
thm6_land_clear(thm6_land_t A)
{
    slong i;
    fmpq_clear(A->apos);
    fmpq_clear(A->bpos);
    fmpq_clear(A->aneg);
    fmpq_clear(A->bneg);
    fmpq_clear(A->L0);
    fmpq_clear(A->dright);
    fmpq_clear(A->dleft);
    for (i = 0; i < THM6_MAXMIN; i++)
    {
        fmpq_clear(A->w + i);
        fmpq_clear(A->val + i);
    }
}

void
thm6_loss1(fmpq_t L, const fmpq *x, const fmpq *y, slong k, const fmpq_t w)
{
    fmpq_t p;
    slong t;
    fmpq_init(p);
    fmpq_zero(L);
    for (t = 0; t < k; t++)
    {
        fmpq_mul(p, w, x + t);
        if (fmpq_sgn(p) < 0)
            fmpq_zero(p); /* the ReLU */
        fmpq_sub(p, p, y + t);
        fmpq_addmul(L, p, p);
    }
    fmpq_div_2exp(L, L, 1);
    fmpq_clear(p);
}

/* the value of a piece, L(0) + (a/2) w^2 - b w */
static void
piece_value(fmpq_t v, const fmpq_t L0, const fmpq_t a, const fmpq_t b, const fmpq_t w)
{
    fmpq_t s;
    fmpq_init(s);
    fmpq_mul(s, w, w);
    fmpq_mul(s, s, a);
    fmpq_div_2exp(s, s, 1);
    fmpq_submul(s, b, w);
    fmpq_add(v, s, L0);
    fmpq_clear(s);
}

static void
push_min(thm6_land_t A, const fmpq_t w, const fmpq_t v, int strict, int at_kink)
{
    slong i = A->nmin++;
    fmpq_set(A->w + i, w);
    fmpq_set(A->val + i, v);
    A->strict[i] = strict;
    A->at_kink[i] = at_kink;
}

void
thm6_land_analyse(thm6_land_t A, const fmpq *x, const fmpq *y, slong k)
{
    slong t;
    int any = 0, rmin, lmin, rmax, lmax;
    fmpq_t w, v, zero;

    fmpq_init(w);
    fmpq_init(v);
    fmpq_init(zero);
    /* fmpq_set_si rather than the inline fmpq_zero, after which gcc 12
       misjudges the size of *A (a false -Wstringop-overflow) */
    fmpq_set_si(A->apos, 0, 1);
    fmpq_set_si(A->bpos, 0, 1);
    fmpq_set_si(A->aneg, 0, 1);
    fmpq_set_si(A->bneg, 0, 1);
    fmpq_set_si(A->L0, 0, 1);
    A->nmin = 0;
    for (t = 0; t < k; t++)
    {
        const fmpq *xt = x + t, *yt = y + t;
        int s = fmpq_sgn(xt);
        fmpq_addmul(A->L0, yt, yt);
        if (s > 0)
        {
            fmpq_addmul(A->apos, xt, xt);
            fmpq_addmul(A->bpos, xt, yt);
        }
        else if (s < 0)
        {
            fmpq_addmul(A->aneg, xt, xt);
            fmpq_addmul(A->bneg, xt, yt);
        }
        any |= s != 0; /* x_t = 0 only adds the constant y_t^2 / 2 */
    }
    fmpq_div_2exp(A->L0, A->L0, 1);
    fmpq_neg(A->dright, A->bpos);
    fmpq_neg(A->dleft, A->bneg);
    A->flat_pos = fmpq_is_zero(A->apos);
    A->flat_neg = fmpq_is_zero(A->aneg);

    /* the piece w < 0: stationary at bneg / aneg, a minimum of the
       piece's quadratic (aneg > 0), a local minimum of L iff inside */
    if (!A->flat_neg)
    {
        fmpq_div(w, A->bneg, A->aneg);
        if (fmpq_sgn(w) < 0)
        {
            piece_value(v, A->L0, A->aneg, A->bneg, w);
            push_min(A, w, v, 1, 0);
        }
    }

    /* the kink: on the right L(w) - L(0) = (apos/2) w^2 - bpos w, on the
       left (aneg/2) w^2 + bneg |w|.  Not smaller than L(0) near 0 iff
       bpos <= 0 (right) and bneg >= 0 (left); strictly larger iff
       additionally the zero-slope sides curve up. */
    if (!any)
        A->kink = THM6_KINK_NONE;
    else
    {
        rmin = fmpq_sgn(A->bpos) <= 0;
        lmin = fmpq_sgn(A->bneg) >= 0;
        rmax = fmpq_sgn(A->bpos) > 0 || (fmpq_is_zero(A->bpos) && A->flat_pos);
        lmax = fmpq_sgn(A->bneg) < 0 || (fmpq_is_zero(A->bneg) && A->flat_neg);
        if (rmin && lmin)
        {
            A->kink = THM6_KINK_MIN;
            A->kink_strict =
                (fmpq_sgn(A->bpos) < 0 || !A->flat_pos) && (fmpq_sgn(A->bneg) > 0 || !A->flat_neg);
            push_min(A, zero, A->L0, A->kink_strict, 1);
        }
        else if (rmax && lmax)
            A->kink = THM6_KINK_MAX;
        else
            A->kink = THM6_KINK_NEITHER;
    }

    /* the piece w > 0 */
    if (!A->flat_pos)
    {
        fmpq_div(w, A->bpos, A->apos);
        if (fmpq_sgn(w) > 0)
        {
            piece_value(v, A->L0, A->apos, A->bpos, w);
            push_min(A, w, v, 1, 0);
        }
    }
    /* with every x_t = 0 both pieces are flat and L is constant */
    fmpq_clear(w);
    fmpq_clear(v);
    fmpq_clear(zero);
}

/* First and second derivative at w0 of L restricted to one side, from
   direct evaluations at w0 + h and w0 + 2h (and w0): on a quadratic
   f(w0 + s) = f0 + D s + C s^2,
       D  = (4 (f(h) - f0) - (f(2h) - f0)) / (2 h),
       2C = ((f(2h) - f0) - 2 (f(h) - f0)) / h^2,
   exactly. */
static void
derivs(fmpq_t D, fmpq_t C2, const fmpq *x, const fmpq *y, slong k, const fmpq_t w0, const fmpq_t h)
{
    fmpq_t f0, f1, f2, w;
    fmpq_init(f0);
    fmpq_init(f1);
    fmpq_init(f2);
    fmpq_init(w);
    thm6_loss1(f0, x, y, k, w0);
    fmpq_add(w, w0, h);
    thm6_loss1(f1, x, y, k, w);
    fmpq_add(w, w, h);
    thm6_loss1(f2, x, y, k, w);
    fmpq_sub(f1, f1, f0);
    fmpq_sub(f2, f2, f0);
    fmpq_mul_si(D, f1, 4);
    fmpq_sub(D, D, f2);
    fmpq_div(D, D, h);
    fmpq_div_2exp(D, D, 1);
    fmpq_mul_2exp(C2, f1, 1);
    fmpq_sub(C2, f2, C2);
    fmpq_div(C2, C2, h);
    fmpq_div(C2, C2, h);
    fmpq_clear(f0);
    fmpq_clear(f1);
    fmpq_clear(f2);
    fmpq_clear(w);
}

/* a step h of sign s small enough that [w0, w0 + 2h] does not reach the
   kink (|h| <= |w0| / 4 when w0 != 0, else 1) */
static void
step(fmpq_t h, const fmpq_t w0, int s)
{
    if (fmpq_is_zero(w0))
        fmpq_one(h);
    else
    {
        fmpq_abs(h, w0);
        fmpq_div_2exp(h, h, 2);
    }
    if (s < 0)
        fmpq_neg(h, h);
}

int
thm6_land_verify(const thm6_land_t A, const fmpq *x, const fmpq *y, slong k, const char **what)
{
    fmpq_t v, D, C2, h, zero, a;
    slong i;
    int ok = 1;
    const char *why = NULL;

    fmpq_init(v);
    fmpq_init(D);
    fmpq_init(C2);
    fmpq_init(h);
    fmpq_init(zero);
    fmpq_init(a);
    thm6_loss1(v, x, y, k, zero);
    if (!fmpq_equal(v, A->L0))
        ok = 0, why = "L(0)";
    /* one-sided derivatives and curvatures at the kink: on (0, 2] and
       [-2, 0) L is one quadratic */
    step(h, zero, 1);
    derivs(D, C2, x, y, k, zero, h);
    if (ok && (!fmpq_equal(D, A->dright) || !fmpq_equal(C2, A->apos)))
        ok = 0, why = "right derivative or curvature at the kink";
    step(h, zero, -1);
    derivs(D, C2, x, y, k, zero, h);
    /* h < 0: D is the left derivative */
    if (ok && (!fmpq_equal(D, A->dleft) || !fmpq_equal(C2, A->aneg)))
        ok = 0, why = "left derivative or curvature at the kink";
    for (i = 0; i < A->nmin && ok; i++)
    {
        thm6_loss1(v, x, y, k, A->w + i);
        if (!fmpq_equal(v, A->val + i))
        {
            ok = 0, why = "value of a minimum";
            break;
        }
        if (A->at_kink[i])
            continue; /* the kink is covered by the one-sided derivatives */
        /* stationary with positive curvature, from both sides */
        step(h, A->w + i, 1);
        derivs(D, C2, x, y, k, A->w + i, h);
        fmpq_set(a, C2);
        if (!fmpq_is_zero(D) || fmpq_sgn(a) <= 0)
            ok = 0, why = "stationarity or curvature at a minimum (right)";
        step(h, A->w + i, -1);
        derivs(D, C2, x, y, k, A->w + i, h);
        if (ok && (!fmpq_is_zero(D) || !fmpq_equal(C2, a)))
            ok = 0, why = "stationarity or curvature at a minimum (left)";
    }
    if (what != NULL)
        *what = why;
    fmpq_clear(v);
    fmpq_clear(D);
    fmpq_clear(C2);
    fmpq_clear(h);
    fmpq_clear(zero);
    fmpq_clear(a);
    return ok;
}

int
thm6_land_is_appc(const thm6_land_t A, const fmpq_t q)
{
    fmpq_t e, mq;
    int ok;
    fmpq_init(e);
    fmpq_init(mq);
    fmpq_neg(mq, q);
    fmpq_mul(e, q, q);
    fmpq_div_2exp(e, e, 1);
    ok = A->nmin == 2 && !A->flat_pos && !A->flat_neg && A->kink == THM6_KINK_MAX;
    ok = ok && fmpq_equal(A->w + 0, mq) && A->strict[0] && !A->at_kink[0];
    fmpq_mul_2exp(mq, A->val + 0, 1); /* the bad value is 1/2 */
    ok = ok && fmpq_is_one(mq);
    ok = ok && fmpq_is_one(A->w + 1) && fmpq_equal(A->val + 1, e) && A->strict[1] && !A->at_kink[1];
    fmpq_clear(e);
    fmpq_clear(mq);
    return ok;
}

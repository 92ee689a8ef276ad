/* thm6_prob.c -- the probabilities of the reconstructed Theorem 6
   (App. C.1, thm6.tex Lemmas 6.D-6.E): the exact binomial law of the
   number K of bad coordinates, the Chernoff step
   P[K < d/4] <= exp(-d/16), and the exact rate of that tail. */
#include "binom.h"
#include "chernoff.h"
#include "thm6.h"

ulong
thm6_kmin(ulong d)
{
    return (d + 3) / 4;
}

void
thm6_tail_exact(fmpq_t T, ulong d)
{
    fmpq_t half;
    ulong k = thm6_kmin(d);
    fmpq_init(half);
    fmpq_set_si(half, 1, 2);
    /* K < d/4 iff K <= ceil(d/4) - 1; k >= 1 for d >= 1 */
    binom_cdf_fmpq(T, d, half, k - 1);
    fmpq_clear(half);
}

void
thm6_prob_exact(fmpq_t P, ulong d)
{
    fmpq_t T;
    fmpq_init(T);
    thm6_tail_exact(T, d);
    fmpq_one(P);
    fmpq_sub(P, P, T);
    fmpq_clear(T);
}

void
thm6_exp_bound(arb_t out, ulong d, const fmpq_t kappa, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_set_fmpq(t, kappa, prec);
    arb_mul_ui(t, t, d, prec);
    arb_neg(t, t);
    arb_exp(out, t, prec);
    arb_clear(t);
}

typedef struct
{
    const fmpq *T;
    ulong d;
    const fmpq *kappa;
} tail_le_exp_ctx;

/* T <= exp(-kappa d) at precision prec */
static truth_t
tail_le_exp_at(void *ctx, slong prec)
{
    const tail_le_exp_ctx *x = ctx;
    truth_t r = BC_UNDECIDED;
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_set_fmpq(a, x->T, prec);
    thm6_exp_bound(b, x->d, x->kappa, prec);
    if (arb_le(a, b))
        r = BC_TRUE;
    else if (arb_gt(a, b))
        r = BC_FALSE;
    arb_clear(a);
    arb_clear(b);
    return r;
}

truth_t
thm6_tail_le_exp(slong *reached, const fmpq_t T, ulong d, const fmpq_t kappa)
{
    tail_le_exp_ctx x;
    x.T = T;
    x.d = d;
    x.kappa = kappa;
    return bc_decide_prec(reached, tail_le_exp_at, &x, 64);
}

void
thm6_rate(arb_t out, ulong d, slong prec)
{
    fmpq_t T;
    fmpq_init(T);
    thm6_tail_exact(T, d);
    arb_set_fmpq(out, T, prec);
    arb_log(out, out, prec);
    arb_neg(out, out);
    arb_div_ui(out, out, d, prec);
    fmpq_clear(T);
}

void
thm6_rate_kl(arb_t out, ulong d, slong prec)
{
    arb_t a, p;
    arb_init(a);
    arb_init(p);
    arb_set_ui(a, thm6_kmin(d) - 1);
    arb_div_ui(a, a, d, prec);
    arb_set_d(p, 0.5);
    chernoff_kl_div(out, a, p, prec);
    arb_clear(a);
    arb_clear(p);
}

void
thm6_rate_limit(arb_t out, slong prec)
{
    arb_t a, p;
    arb_init(a);
    arb_init(p);
    arb_set_d(a, 0.25);
    arb_set_d(p, 0.5);
    chernoff_kl_div(out, a, p, prec);
    arb_clear(a);
    arb_clear(p);
}

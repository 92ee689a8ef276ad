/* singleton_prob.c -- exact probabilities under Assumption 1 for
   singleton data (thm2.tex, Lemma 2.C; singleton.h): the good basins,
   B.4's event, and the single neuron of the corollary.

   Under Assumption 1 the signs of v are i.i.d. fair coins independent of
   W, and the signs of the w_ij are i.i.d. fair coins (each w_i is
   spherically symmetric, so reflecting one coordinate preserves its
   law).  Given the number P of neurons with v > 0, each coordinate sees
   p1 ~ Bin(P, 1/2) of them and q1 ~ Bin(Q, 1/2) of the others on S_j^+,
   independently over the coordinates.  Only the class of p1 (0, between,
   P) matters, with weights 1, 2^P - 2, 1 out of 2^P. */
#include "singleton.h"

/* weight of class c for P neurons (out of 2^P placements) */
static void
class_weight(fmpz_t w, int c, slong P)
{
    int a, b;
    if (!_singleton_class(&a, &b, c, P))
        fmpz_zero(w);
    else if (c == 1)
    {
        fmpz_one(w);
        fmpz_mul_2exp(w, w, (ulong) P);
        fmpz_sub_ui(w, w, 2);
    }
    else
        fmpz_one(w);
}

/* Sets p to
       sum_{P : use[P]} C(n, P) 2^-n prod_{j used} cnt_j(P) 2^-n,
   cnt_j(P) = sum over the pairs (cp, cq) counted for coordinate j of
   w(cp, P) w(cq, Q), from the histogram hist[r 512 + mask] of the
   coordinates' masks in each regime r (one power per mask); use NULL
   sums every P. */
static void
prob_hist(fmpq_t p, const singleton_data_t D, slong n, const slong *hist, const int *use)
{
    slong P;
    fmpz_t tot, prod, cnt, w1, w2, e;
    fmpz_init(tot);
    fmpz_init(prod);
    fmpz_init(cnt);
    fmpz_init(w1);
    fmpz_init(w2);
    fmpz_init(e);
    for (P = 0; P <= n; P++)
    {
        slong Q = n - P, r = 3 * FLINT_MIN(P, 2) + FLINT_MIN(Q, 2);
        int mk;
        if (use != NULL && !use[P])
            continue;
        fmpz_bin_uiui(prod, (ulong) n, (ulong) P);
        for (mk = 0; mk < 512 && !fmpz_is_zero(prod); mk++)
        {
            int b;
            if (hist[r * 512 + mk] == 0)
                continue;
            fmpz_zero(cnt);
            for (b = 0; b < 9; b++)
                if (mk >> b & 1)
                {
                    class_weight(w1, b / 3, P);
                    class_weight(w2, b % 3, Q);
                    fmpz_addmul(cnt, w1, w2);
                }
            fmpz_pow_ui(e, cnt, (ulong) hist[r * 512 + mk]);
            fmpz_mul(prod, prod, e);
        }
        fmpz_add(tot, tot, prod);
    }
    fmpq_set_fmpz(p, tot);
    fmpq_div_2exp(p, p, (ulong) (n + n * D->used));
    fmpz_clear(tot);
    fmpz_clear(prod);
    fmpz_clear(cnt);
    fmpz_clear(w1);
    fmpz_clear(w2);
    fmpz_clear(e);
}

void
singleton_prob_good(fmpq_t p, const singleton_data_t D, slong n)
{
    int *optP = flint_malloc(sizeof(int) * (size_t) (n + 1));
    fmpq_t alpha;
    fmpq_init(alpha);
    /* Bas >= alpha always; Bas = alpha iff P is a minimiser and every
       coordinate attains cost_j(P, Q) */
    singleton_alpha(alpha, optP, D, n);
    prob_hist(p, D, n, D->hist, optP);
    fmpq_clear(alpha);
    flint_free(optP);
}

void
singleton_prob_event(fmpq_t p, const singleton_data_t D, slong n)
{
    prob_hist(p, D, n, D->hist + 9 * 512, NULL);
}

void
singleton_prob_single(fmpq_t p, fmpq_t alpha1, const singleton_data_t D)
{
    slong mk;
    fmpz_t num, e;
    fmpz_init(num);
    fmpz_init(e);
    fmpz_one(num);
    /* one neuron with v = +1: regime P = 1, Q = 0 (r = 3), no coin for v;
       it lies on S_j^+ (pair 6: class 2) or S_j^- (pair 0: class 0) of
       each coordinate, each with probability 1/2, independently over the
       coordinates */
    for (mk = 0; mk < 512; mk++)
        if (D->hist[3 * 512 + mk] > 0)
        {
            fmpz_set_ui(e, (ulong) ((mk & 1) + (mk >> 6 & 1)));
            fmpz_pow_ui(e, e, (ulong) D->hist[3 * 512 + mk]);
            fmpz_mul(num, num, e);
        }
    fmpq_set_fmpz(p, num);
    fmpq_div_2exp(p, p, (ulong) D->used);
    if (alpha1 != NULL)
    {
        fmpz_set_si(e, D->m);
        fmpq_div_fmpz(alpha1, D->tot + 3, e);
    }
    fmpz_clear(num);
    fmpz_clear(e);
}

/* audit_union.c -- exact probabilities behind 3/4 (Thms 2 and 4, proofs
   B.4 and B.6) and the union bounds 2d (3/4)^n and m (3/4)^n.

   Under Assumption 1 a neuron's direction is uniform on the sphere and
   its output weight v_i is an independent symmetric sign, so for a point
   x != 0 (or a one-signed coordinate set S_j^{+-}) the neuron is active
   with probability exactly 1/2 and has the required output sign with
   probability exactly 1/2: it is good with probability 1/4, bad with
   probability 3/4.  For orthogonal (x_t = e_t) or singleton data the
   activity signs of one neuron on different points are independent fair
   coins, but its output sign v_i is SHARED between points, so the
   per-point events are not independent across points.  Conditioning on
   the signs of v makes them independent, which gives exact rational
   formulas; they are cross-checked against brute-force enumeration in
   the tests. */
#include "audit.h"

/* out = (1 - 2^-k)^e exactly */
static void
one_minus_pow2_pow(fmpq_t out, ulong k, ulong e)
{
    fmpz_t num, den;
    fmpz_init(num);
    fmpz_init(den);
    fmpz_one(den);
    fmpz_mul_2exp(den, den, k);
    fmpz_sub_ui(num, den, 1);
    fmpz_pow_ui(num, num, e);
    fmpz_pow_ui(den, den, e);
    fmpq_set_fmpz_frac(out, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
}

void
audit_thm4_fail_orth(fmpq_t out, ulong n, ulong mpos, ulong mneg)
{
    fmpq_t s, t, u;
    fmpz_t b;
    ulong K;

    fmpq_init(s);
    fmpq_init(t);
    fmpq_init(u);
    fmpz_init(b);
    /* P[all covered] = sum_K C(n, K) 2^-n (1 - 2^-K)^mpos (1 - 2^-(n-K))^mneg */
    for (K = 0; K <= n; K++)
    {
        one_minus_pow2_pow(t, K, mpos);
        one_minus_pow2_pow(u, n - K, mneg);
        fmpq_mul(t, t, u);
        fmpz_bin_uiui(b, n, K);
        fmpq_mul_fmpz(t, t, b);
        fmpq_add(s, s, t);
    }
    fmpq_div_2exp(s, s, n);
    fmpq_one(out);
    fmpq_sub(out, out, s);
    fmpq_clear(s);
    fmpq_clear(t);
    fmpq_clear(u);
    fmpz_clear(b);
}

void
audit_thm2_fail_singleton(fmpq_t out, ulong n, ulong d, ulong same_sign)
{
    fmpq_t s, t, u, a;
    fmpz_t b;
    ulong K;

    fmpq_init(s);
    fmpq_init(t);
    fmpq_init(u);
    fmpq_init(a);
    fmpz_init(b);
    for (K = 0; K <= n; K++)
    {
        /* a coordinate whose two sets need the same sign (say +): among
           the K neurons with v > 0 one must have w_ij > 0 and one w_ij < 0:
           1 - 2 2^-K + [K = 0] */
        if (K == 0)
            fmpq_zero(a);
        else
        {
            fmpq_one(a);
            fmpq_div_2exp(a, a, K - 1);
            fmpq_neg(a, a);
            fmpq_add_si(a, a, 1);
        }
        if (same_sign == 0)
            fmpq_one(t); /* no such coordinate (avoids 0^0) */
        else
            fmpq_pow_si(t, a, (slong) same_sign);
        /* opposite signs: disjoint neuron sets, independent coordinates */
        one_minus_pow2_pow(u, K, d - same_sign);
        fmpq_mul(t, t, u);
        one_minus_pow2_pow(u, n - K, d - same_sign);
        fmpq_mul(t, t, u);
        fmpz_bin_uiui(b, n, K);
        fmpq_mul_fmpz(t, t, b);
        fmpq_add(s, s, t);
    }
    fmpq_div_2exp(s, s, n);
    fmpq_one(out);
    fmpq_sub(out, out, s);
    fmpq_clear(s);
    fmpq_clear(t);
    fmpq_clear(u);
    fmpq_clear(a);
    fmpz_clear(b);
}

void
audit_thm4_fail_orth_brute(fmpq_t out, ulong n, const int *ysign, ulong m)
{
    /* every sign pattern of (v_i) and of (w_i,t) is equally likely:
       2^n 2^(n m) patterns; a point t is covered when some neuron has
       w_i,t > 0 and sign(v_i) = ysign[t] */
    ulong vs, ws, nbad = 0, nw = n * m, total, i, t;
    if (n >= 16 || nw + n >= 40)
        flint_abort(); /* enumeration only for tiny cases */
    for (vs = 0; vs < (UWORD(1) << n); vs++)
        for (ws = 0; ws < (UWORD(1) << nw); ws++)
        {
            int bad = 0;
            for (t = 0; t < m && !bad; t++)
            {
                int cov = 0;
                for (i = 0; i < n && !cov; i++)
                {
                    int vpos = (vs >> i) & 1;
                    int wpos = (ws >> (i * m + t)) & 1;
                    if (wpos && (vpos ? 1 : -1) == ysign[t])
                        cov = 1;
                }
                if (!cov)
                    bad = 1;
            }
            nbad += bad;
        }
    total = UWORD(1) << (n + nw);
    fmpq_set_ui(out, nbad, total);
}

/* the probability of one configuration k of the data (size m or d) */
typedef void (*config_fn)(fmpq_t out, ulong n, ulong size, ulong k);

static void
thm4_config(fmpq_t out, ulong n, ulong m, ulong mpos)
{
    audit_thm4_fail_orth(out, n, mpos, m - mpos);
}

static void
thm2_config(fmpq_t out, ulong n, ulong d, ulong same)
{
    audit_thm2_fail_singleton(out, n, d, same);
}

/* out = max over k = 0..size of fn(n, size, k), *worst the first k
   attaining it */
static void
worst_config(fmpq_t out, ulong *worst, ulong n, ulong size, config_fn fn)
{
    fmpq_t e;
    ulong k;
    fmpq_init(e);
    fmpq_zero(out);
    *worst = 0;
    for (k = 0; k <= size; k++)
    {
        fn(e, n, size, k);
        if (fmpq_cmp(e, out) > 0)
        {
            fmpq_set(out, e);
            *worst = k;
        }
    }
    fmpq_clear(e);
}

void
audit_thm4_worst(fmpq_t out, ulong *mpos_worst, ulong n, ulong m)
{
    worst_config(out, mpos_worst, n, m, thm4_config);
}

void
audit_thm2_worst(fmpq_t out, ulong *same_worst, ulong n, ulong d)
{
    worst_config(out, same_worst, n, d, thm2_config);
}

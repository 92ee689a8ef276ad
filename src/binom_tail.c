/* binom_tail.c -- rigorous binomial tails (ball and exact rational).

   Notation: X ~ Bin(N, p), q = 1 - p, t_j = C(N, j) p^j q^(N - j).

   A tail is summed starting from the term nearest the mode and moving away
   from it, so that the terms decrease.  Every term is kept relative to the
   starting term t_s (r_j = t_j / t_s, via the exact ratio recurrence), and
   t_s itself is computed once in log space with lgamma.  The ratio between
   consecutive terms moving away from the mode decreases monotonically, so
   once it is below 1 the neglected terms are bounded by a geometric
   series; the sum stops when that bound is below 2^-wp of the partial sum,
   and the bound is added to the radius.  Rounding errors grow only
   linearly with the number of terms (each step is one multiplication by a
   ball of relative radius 2^-wp), so guard bits proportional to log2(N)
   keep the result tight even for N in the tens of millions.  A tail on
   the far side of the mode is taken as the complement of the other tail,
   which is then at most about 1/2, so the subtraction costs few bits. */

#include "binom.h"

/* ------------------------------------------------------------------ */
/* Ball arithmetic tails                                                */
/* ------------------------------------------------------------------ */

/* Sets res to an enclosure of log t_s for an exact ball p with
   0 < p <= 1/2 (so that log(1 - p) = log1p(-p) has an exact argument). */
static void
_binom_log_term(arb_t res, ulong N, const arb_t p, ulong s, slong prec)
{
    arb_t t, u;

    arb_init(t);
    arb_init(u);

    /* log C(N, s) = lgamma(N + 1) - lgamma(s + 1) - lgamma(N - s + 1) */
    arb_set_ui(t, N);
    arb_add_ui(t, t, 1, prec);
    arb_lgamma(res, t, prec);
    arb_set_ui(t, s);
    arb_add_ui(t, t, 1, prec);
    arb_lgamma(u, t, prec);
    arb_sub(res, res, u, prec);
    arb_set_ui(t, N - s);
    arb_add_ui(t, t, 1, prec);
    arb_lgamma(u, t, prec);
    arb_sub(res, res, u, prec);

    if (s != 0)
    {
        arb_log(u, p, prec);
        arb_mul_ui(u, u, s, prec);
        arb_add(res, res, u, prec);
    }

    if (N - s != 0)
    {
        arb_neg(t, p);
        arb_log1p(u, t, prec);
        arb_mul_ui(u, u, N - s, prec);
        arb_add(res, res, u, prec);
    }

    arb_clear(t);
    arb_clear(u);
}

/* Sets res to an enclosure of t_s with relative accuracy about 2^-wp, for
   an exact ball p with 0 < p <= 1/2.  The logarithm has magnitude up to
   about N log N + N |log p|, and its absolute error becomes the relative
   error of t_s, so it is computed with that many extra bits; should the
   estimate fall short, the precision is raised (this affects tightness
   only: every attempt returns a valid enclosure). */
static void
_binom_term(arb_t res, ulong N, const arb_t p, ulong s, slong wp)
{
    arb_t lt;
    slong extra, e;
    int attempt;

    arb_init(lt);

    /* |log p| < (1 - e) log 2 when p >= 2^(e - 1) */
    e = arf_abs_bound_lt_2exp_si(arb_midref(p));
    if (e > 0 || e < -(WORD_MAX / 4))
        e = -(WORD_MAX / 4);
    extra = 2 * (slong) FLINT_BIT_COUNT(N) + (slong) FLINT_BIT_COUNT((ulong) (2 - e)) + 16;

    for (attempt = 0;; attempt++)
    {
        _binom_log_term(lt, N, p, s, wp + extra);
        arb_exp(res, lt, wp + extra);

        if (arb_rel_accuracy_bits(res) >= wp - 2 || attempt >= 4)
            break;

        extra = 2 * extra + 64;
    }

    arb_clear(lt);
}

/* Sets res to an enclosure of sum_{j <= s} t_j (down = 1) or
   sum_{j >= s} t_j (down = 0), for an exact p with 0 < p <= 1/2 and
   s <= N.  Meant to be called with s on the side of the mode such that the
   terms decrease away from s (then only O(sqrt(N prec)) terms are summed);
   the result is a valid enclosure in any case. */
static void
_binom_sum_from(arb_t res, ulong N, const arf_t p, ulong s, int down, slong prec)
{
    arb_t pb, qb, base, rho, r, S, ts;
    mag_t mrho, mtail, mden, mS;
    slong wp;
    ulong j;

    /* At most N + 1 terms, each adding a few roundings of relative size
       2^-wp: the accumulated relative error stays below 2^-(prec + 5). */
    wp = prec + (slong) FLINT_BIT_COUNT(N) + 10;

    arb_init(pb);
    arb_init(qb);
    arb_init(base);
    arb_init(rho);
    arb_init(r);
    arb_init(S);
    arb_init(ts);
    mag_init(mrho);
    mag_init(mtail);
    mag_init(mden);
    mag_init(mS);

    arb_set_arf(pb, p);
    arb_one(qb);
    arb_sub(qb, qb, pb, wp);

    /* t_{j-1} / t_j = j q / ((N - j + 1) p),  t_{j+1} / t_j = (N - j) p / ((j + 1) q) */
    if (down)
        arb_div(base, qb, pb, wp);
    else
        arb_div(base, pb, qb, wp);

    arb_one(r);
    arb_one(S);
    j = s;

    while (down ? (j > 0) : (j < N))
    {
        if (down)
        {
            arb_mul_ui(rho, base, j, wp);
            arb_div_ui(rho, rho, N - j + 1, wp);
            j--;
        }
        else
        {
            arb_mul_ui(rho, base, N - j, wp);
            arb_div_ui(rho, rho, j + 1, wp);
            j++;
        }

        /* r = t_j / t_s, with j the index just reached */
        arb_mul(r, r, rho, wp);
        arb_add(S, S, r, wp);

        /* The ratio for the next step (further from the mode) is smaller
           than the ratio rho just used, since j/(N - j + 1) decreases as j
           decreases and (N - j)/(j + 1) decreases as j increases.  Hence
           when rho <= R < 1 the terms beyond j sum to at most
           r (R + R^2 + ...) = r R / (1 - R). */
        arb_get_mag(mrho, rho);
        if (mag_cmp_2exp_si(mrho, 0) < 0)
        {
            arb_get_mag(mtail, r);
            mag_mul(mtail, mtail, mrho);
            mag_one(mden);
            mag_sub_lower(mden, mden, mrho);
            mag_div(mtail, mtail, mden);

            arb_get_mag_lower(mS, S);
            mag_mul_2exp_si(mS, mS, -wp);

            if (mag_cmp(mtail, mS) <= 0)
            {
                arb_add_error_mag(S, mtail);
                break;
            }
        }
    }

    _binom_term(ts, N, pb, s, wp);
    arb_mul(res, ts, S, prec);

    arb_clear(pb);
    arb_clear(qb);
    arb_clear(base);
    arb_clear(rho);
    arb_clear(r);
    arb_clear(S);
    arb_clear(ts);
    mag_clear(mrho);
    mag_clear(mtail);
    mag_clear(mden);
    mag_clear(mS);
}

/* Sets res to an enclosure of P[X <= k] (upper = 0) or P[X >= k]
   (upper = 1) for an exact p in [0, 1]. */
static void
_binom_tail_arf(arb_t res, ulong N, const arf_t p, ulong k, int upper, slong prec)
{
    arf_t m, t;
    int direct;

    if (!upper && k >= N)
    {
        arb_one(res);
        return;
    }
    if (upper && k == 0)
    {
        arb_one(res);
        return;
    }
    if (upper && k > N)
    {
        arb_zero(res);
        return;
    }

    /* From here 0 <= k < N (lower) or 1 <= k <= N (upper). */
    if (arf_is_zero(p))
    {
        /* X = 0 almost surely */
        if (upper)
            arb_zero(res);
        else
            arb_one(res);
        return;
    }
    if (arf_is_one(p))
    {
        /* X = N almost surely */
        if (upper)
            arb_one(res);
        else
            arb_zero(res);
        return;
    }

    if (arf_cmp_2exp_si(p, -1) > 0)
    {
        /* N - X ~ Bin(N, 1 - p), and 1 - p is exact in no more bits than
           p has when p > 1/2, so reflect to keep 0 < p <= 1/2 below:
           P[X <= k] = P[N - X >= N - k], P[X >= k] = P[N - X <= N - k]. */
        arf_init(t);
        arf_one(t);
        arf_sub(t, t, p, ARF_PREC_EXACT, ARF_RND_DOWN);
        _binom_tail_arf(res, N, t, N - k, !upper, prec);
        arf_clear(t);
        return;
    }

    /* The terms increase up to the mode and decrease after it: t_{j-1} <= t_j
       exactly when j <= (N + 1) p.  Sum from k away from the mode when the
       requested tail lies on one side of it; otherwise take the complement
       of the other tail.  In the second case the requested tail contains
       the median (at least 1/2 up to one term), so the subtraction costs
       only a few bits, which the extra 4 bits make up. */
    arf_init(m);
    arf_init(t);
    arf_set_ui(m, N);
    arf_add_ui(m, m, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_mul(m, m, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_set_ui(t, k);

    if (!upper)
    {
        direct = (arf_cmp(t, m) <= 0);
        if (direct)
            _binom_sum_from(res, N, p, k, 1, prec);
        else
            _binom_sum_from(res, N, p, k + 1, 0, prec + 4);
    }
    else
    {
        direct = (arf_cmp(t, m) >= 0);
        if (direct)
            _binom_sum_from(res, N, p, k, 0, prec);
        else
            _binom_sum_from(res, N, p, k - 1, 1, prec + 4);
    }

    if (!direct)
    {
        arb_neg(res, res);
        arb_add_ui(res, res, 1, prec);
    }

    arf_clear(m);
    arf_clear(t);
}

/* Tail for a ball p.  P[X <= k] is non-increasing and P[X >= k]
   non-decreasing in p on [0, 1], so the values over the ball are enclosed
   by the union of the enclosures at its two endpoints (clamped to [0, 1],
   where p is known to lie).  This avoids any derivative bound and stays
   tight for wide balls. */
static void
_binom_tail_ball(arb_t out, ulong N, const arb_t p, ulong k, int upper, slong prec)
{
    arf_t lo, hi;
    arb_t v;

    if ((!upper && k >= N) || (upper && k == 0))
    {
        arb_one(out);
        return;
    }
    if (upper && k > N)
    {
        arb_zero(out);
        return;
    }

    if (arf_is_nan(arb_midref(p)))
    {
        arb_indeterminate(out);
        return;
    }

    if (arb_is_exact(p))
    {
        if (arf_sgn(arb_midref(p)) < 0 || arf_cmp_si(arb_midref(p), 1) > 0)
            arb_indeterminate(out);
        else
            _binom_tail_arf(out, N, arb_midref(p), k, upper, prec);
        return;
    }

    arf_init(lo);
    arf_init(hi);
    arb_init(v);

    arb_get_lbound_arf(lo, p, prec);
    arb_get_ubound_arf(hi, p, prec);

    if (arf_sgn(lo) < 0)
        arf_zero(lo);
    if (arf_cmp_si(hi, 1) > 0)
        arf_one(hi);

    if (arf_cmp_si(lo, 1) > 0 || arf_sgn(hi) < 0)
    {
        /* the ball does not meet [0, 1]: no probability to enclose */
        arb_indeterminate(out);
    }
    else if (arf_equal(lo, hi))
    {
        _binom_tail_arf(out, N, lo, k, upper, prec);
    }
    else
    {
        _binom_tail_arf(v, N, lo, k, upper, prec);
        _binom_tail_arf(out, N, hi, k, upper, prec);
        arb_union(out, out, v, prec);
    }

    arf_clear(lo);
    arf_clear(hi);
    arb_clear(v);
}

void
binom_cdf_arb(arb_t out, ulong N, const arb_t p, ulong k, slong prec)
{
    _binom_tail_ball(out, N, p, k, 0, prec);
}

void
binom_sf_arb(arb_t out, ulong N, const arb_t p, ulong k, slong prec)
{
    _binom_tail_ball(out, N, p, k, 1, prec);
}

/* ------------------------------------------------------------------ */
/* Exact rational tail                                                  */
/* ------------------------------------------------------------------ */

void
binom_cdf_fmpq(fmpq_t out, ulong N, const fmpq_t p, ulong k)
{
    fmpz_t c, T, U, num, den;
    ulong j;

    if (k >= N)
    {
        fmpq_one(out);
        return;
    }

    /* With p = a / b in lowest terms (b > 0) and c = b - a,
       P[X <= k] = c^(N - k) U / b^N,  U = sum_{j <= k} C(N, j) a^j c^(k - j).
       U is formed by Horner's rule, U <- U c + T_j, with
       T_j = C(N, j) a^j updated by T_{j+1} = T_j a (N - j) / (j + 1); the
       division is exact because C(N, j) (N - j) = C(N, j + 1) (j + 1).
       Every step multiplies by a single-limb or small number, so the cost
       is linear in k times the size of the result.  (For p outside [0, 1]
       this is still the value of the same polynomial.) */
    fmpz_init(c);
    fmpz_init(T);
    fmpz_init(U);
    fmpz_init(num);
    fmpz_init(den);

    fmpz_sub(c, fmpq_denref(p), fmpq_numref(p));
    fmpz_one(T);
    fmpz_zero(U);

    for (j = 0;; j++)
    {
        fmpz_mul(U, U, c);
        fmpz_add(U, U, T);
        if (j == k)
            break;
        fmpz_mul(T, T, fmpq_numref(p));
        fmpz_mul_ui(T, T, N - j);
        fmpz_divexact_ui(T, T, j + 1);
    }

    fmpz_pow_ui(num, c, N - k);
    fmpz_mul(num, num, U);
    fmpz_pow_ui(den, fmpq_denref(p), N);
    fmpq_set_fmpz_frac(out, num, den);

    fmpz_clear(c);
    fmpz_clear(T);
    fmpz_clear(U);
    fmpz_clear(num);
    fmpz_clear(den);
}

/* ------------------------------------------------------------------ */
/* Two-sided test                                                       */
/* ------------------------------------------------------------------ */

/* the two tails of binom_test_two_sided against the level, at one
   working precision (the decision of bc_decide_prec) */
typedef struct
{
    ulong N, K;
    const arb_struct *p;
    arb_t lo, hi, tl;
} two_sided_ctx;

static truth_t
_two_sided(void *ctx, slong prec)
{
    two_sided_ctx *C = ctx;
    binom_cdf_arb(C->lo, C->N, C->p, C->K, prec); /* P[Bin <= K] */
    binom_sf_arb(C->hi, C->N, C->p, C->K, prec);  /* P[Bin >= K] */
    if (arb_lt(C->lo, C->tl) || arb_lt(C->hi, C->tl))
        return BC_FALSE;
    if (arb_ge(C->lo, C->tl) && arb_ge(C->hi, C->tl))
        return BC_TRUE;
    return BC_UNDECIDED;
}

truth_t
binom_test_two_sided(ulong N, ulong K, const arb_t p, double tail, double *plo, double *phi)
{
    truth_t res;
    two_sided_ctx C;
    C.N = N;
    C.K = K;
    C.p = p;
    arb_init(C.lo);
    arb_init(C.hi);
    arb_init(C.tl);
    arb_set_d(C.tl, tail);
    res = bc_decide_prec(NULL, _two_sided, &C, 128);
    if (plo != NULL)
        *plo = arf_get_d(arb_midref(C.lo), ARF_RND_NEAR) + mag_get_d(arb_radref(C.lo));
    if (phi != NULL)
        *phi = arf_get_d(arb_midref(C.hi), ARF_RND_NEAR) + mag_get_d(arb_radref(C.hi));
    arb_clear(C.lo);
    arb_clear(C.hi);
    arb_clear(C.tl);
    return res;
}

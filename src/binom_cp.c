/* binom_cp.c -- rigorous Clopper-Pearson limits.

   The upper limit hi solves P[Bin(N, p) <= K] = a.  Since P[Bin(N, p) <= K]
   is strictly decreasing in p on [0, 1] for K < N, any p at which the
   enclosure of the tail (binom_cdf_arb) lies entirely below a is >= the
   exact limit, and any p at which it lies entirely above a is < the exact
   limit.  A long double search finds an estimate; the estimate is
   bracketed by two such certified points (widening outward while needed)
   and the bracket is bisected in ball arithmetic until its width is
   <= 2^-40.  The certified right end is returned.  Nothing rigorous
   depends on the floating-point search: it only saves ball evaluations
   (with an 80-bit long double, two per limit in practice).  The lower
   limit follows from the exact identity
   P[Bin(N, p) >= K] = P[Bin(N, 1 - p) <= N - K]. */

#include <float.h>
#include <math.h>

#include "binom.h"

/* Floating-point estimate of log n!.  (lgammal is avoided: it writes the
   global signgam, which would race when intervals are computed in several
   threads.)  Below 32 the product is formed directly; above, the Stirling
   series for log Gamma(n + 1) with four correction terms has truncation
   error below 10^-17. */
static long double
_binom_log_fac_ld(ulong n)
{
    long double x, x2, r;
    ulong i;

    if (n < 32)
    {
        r = 1.0L;
        for (i = 2; i <= n; i++)
            r *= (long double) i;
        return logl(r);
    }

    x = (long double) n + 1.0L;
    x2 = x * x;
    r = (x - 0.5L) * logl(x) - x + 0.91893853320467274178032973640562L;
    r += (1.0L / 12.0L - (1.0L / 360.0L - (1.0L / 1260.0L - (1.0L / 1680.0L) / x2) / x2) / x2) / x;
    return r;
}

/* Floating-point estimate of log t_j (only used to locate roots; nothing
   rigorous depends on it). */
static long double
_binom_log_term_ld(ulong N, ulong j, long double lp, long double lq)
{
    long double r;

    r = _binom_log_fac_ld(N) - _binom_log_fac_ld(j) - _binom_log_fac_ld(N - j);
    if (j != 0)
        r += (long double) j * lp;
    if (N - j != 0)
        r += (long double) (N - j) * lq;
    return r;
}

/* Floating-point estimate of log of sum_{j <= s} t_j / t_s (down = 1) or
   sum_{j >= s} t_j / t_s (down = 0); same summation as in binom_tail.c. */
static long double
_binom_log_sum_ld(ulong N, long double p, long double q, ulong s, int down)
{
    long double r = 1.0L, S = 1.0L, rho;
    ulong j = s;

    while (down ? (j > 0) : (j < N))
    {
        if (down)
        {
            rho = ((long double) j * q) / ((long double) (N - j + 1) * p);
            j--;
        }
        else
        {
            rho = ((long double) (N - j) * p) / ((long double) (j + 1) * q);
            j++;
        }
        r *= rho;
        S += r;
        if (rho < 1.0L && r * rho <= (1.0L - rho) * S * LDBL_EPSILON * 0.25L)
            break;
    }
    return logl(S);
}

/* Floating-point estimate of log P[Bin(N, p) <= K] for K < N. */
static long double
_binom_log_cdf_ld(ulong N, long double p, ulong K)
{
    long double q, lp, lq, u;

    if (p <= 0.0L)
        return 0.0L;
    if (p >= 1.0L)
        return -INFINITY;

    q = 1.0L - p;
    lp = logl(p);
    lq = log1pl(-p);

    if ((long double) K <= ((long double) N + 1.0L) * p)
        return _binom_log_term_ld(N, K, lp, lq) + _binom_log_sum_ld(N, p, q, K, 1);

    u = expl(_binom_log_term_ld(N, K + 1, lp, lq) + _binom_log_sum_ld(N, p, q, K + 1, 0));
    if (u >= 1.0L)
        u = 1.0L - LDBL_EPSILON;
    return log1pl(-u);
}

/* Estimate of the root p of P[Bin(N, p) <= K] = a, K < N, by bisection on
   the log of the floating-point tail (robust for tiny a). */
static double
_binom_cp_upper_estimate(ulong N, ulong K, double a)
{
    long double lo = 0.0L, hi = 1.0L, mid, la;
    int i;

    la = logl((long double) a);

    for (i = 0; i < 80; i++)
    {
        mid = 0.5L * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        if (_binom_log_cdf_ld(N, mid, K) > la)
            lo = mid;
        else
            hi = mid;
    }
    return (double) (0.5L * (lo + hi));
}

/* P[Bin(N, p) <= K] >= a for an exact p, at one working precision: the
   decision of the rising-precision loop (bc_decide_prec) */
typedef struct
{
    ulong N, K;
    const arf_struct *p;
    const arb_struct *a;
} cdf_ge_ctx;

static truth_t
_cdf_ge(void *ctx, slong prec)
{
    const cdf_ge_ctx *C = ctx;
    arb_t pb, v;
    truth_t r = BC_UNDECIDED;
    arb_init(pb);
    arb_init(v);
    arb_set_arf(pb, C->p);
    binom_cdf_arb(v, C->N, pb, C->K, prec);
    if (arb_ge(v, C->a))
        r = BC_TRUE;
    else if (arb_lt(v, C->a))
        r = BC_FALSE;
    arb_clear(pb);
    arb_clear(v);
    return r;
}

static truth_t
_binom_cdf_ge(ulong N, const arf_t p, ulong K, const arb_t a)
{
    cdf_ge_ctx C;
    C.N = N;
    C.K = K;
    C.p = p;
    C.a = a;
    return bc_decide_prec(NULL, _cdf_ge, &C, 64);
}

/* Compares P[Bin(N, p) <= K] with a for an exact p: returns -1 if the
   enclosure is entirely below a, +1 if it is at least a, 0 if undecided
   even at precision BC_PREC_MAX. */
static int
_binom_cdf_cmp(ulong N, const arf_t p, ulong K, const arb_t a)
{
    truth_t t = _binom_cdf_ge(N, p, K, a);
    return t == BC_TRUE ? 1 : (t == BC_FALSE ? -1 : 0);
}

/* Sets hi to a certified upper bound, within 2^-40, of the root p of
   P[Bin(N, p) <= K] = a (hi = 1 when K >= N). */
static void
_binom_cp_upper(arf_t hi, ulong N, ulong K, double a)
{
    arb_t ab;
    arf_t p0, plo, phi, eps, m, w;
    int s, tries;

    if (K >= N)
    {
        arf_one(hi);
        return;
    }

    arb_init(ab);
    arf_init(p0);
    arf_init(plo);
    arf_init(phi);
    arf_init(eps);
    arf_init(m);
    arf_init(w);

    /* a is a double, hence an exact dyadic ball */
    arb_set_d(ab, a);
    arf_set_d(p0, _binom_cp_upper_estimate(N, K, a));

    /* Right end: certified P[X <= K] < a, so phi > exact root.  At p = 1
       the tail is exactly 0 < a. */
    arf_one(eps);
    arf_mul_2exp_si(eps, eps, -44);
    for (;;)
    {
        arf_add(phi, p0, eps, ARF_PREC_EXACT, ARF_RND_DOWN);
        if (arf_cmp_si(phi, 1) >= 0)
        {
            arf_one(phi);
            break;
        }
        if (_binom_cdf_cmp(N, phi, K, ab) < 0)
            break;
        arf_mul_2exp_si(eps, eps, 4);
    }

    /* Left end: certified P[X <= K] > a, so plo < exact root.  At p = 0 the
       tail is exactly 1 > a. */
    arf_one(eps);
    arf_mul_2exp_si(eps, eps, -44);
    for (;;)
    {
        arf_sub(plo, p0, eps, ARF_PREC_EXACT, ARF_RND_DOWN);
        if (arf_sgn(plo) <= 0)
        {
            arf_zero(plo);
            break;
        }
        if (_binom_cdf_cmp(N, plo, K, ab) > 0)
            break;
        arf_mul_2exp_si(eps, eps, 4);
    }

    /* Bisect the certified bracket (plo, phi) until phi - plo <= 2^-40;
       the root lies strictly inside, so 0 < phi - root < 2^-40. */
    for (;;)
    {
        arf_sub(w, phi, plo, ARF_PREC_EXACT, ARF_RND_DOWN);
        if (arf_cmp_2exp_si(w, -40) <= 0)
            break;

        /* Try the midpoint; if the comparison is undecided there (the tail
           equals a to within 2^-BC_PREC_MAX), move the trial point towards
           phi, which changes the tail by far more than that. */
        arf_mul_2exp_si(w, w, -1);
        arf_add(m, plo, w, ARF_PREC_EXACT, ARF_RND_DOWN);
        for (tries = 0;; tries++)
        {
            s = _binom_cdf_cmp(N, m, K, ab);
            if (s != 0)
                break;
            if (tries >= 8)
            {
                flint_printf("binom_cp_interval: undecidable comparison "
                             "(N = %wu, K = %wu, a = %.17g)\n",
                             N, K, a);
                flint_abort();
            }
            arf_mul_2exp_si(w, w, -1);
            arf_add(m, m, w, ARF_PREC_EXACT, ARF_RND_DOWN);
        }

        if (s < 0)
            arf_set(phi, m);
        else
            arf_set(plo, m);
    }

    arf_set(hi, phi);

    arb_clear(ab);
    arf_clear(p0);
    arf_clear(plo);
    arf_clear(phi);
    arf_clear(eps);
    arf_clear(m);
    arf_clear(w);
}

static void
check_level(const char *fn, double a)
{
    if (!(a > 0.0 && a < 1.0))
    {
        flint_printf("%s: tail level a = %g not in (0, 1)\n", fn, a);
        flint_abort();
    }
}

void
binom_cp_interval(arf_t lo, arf_t hi, ulong N, ulong K, double a)
{
    check_level("binom_cp_interval", a);
    if (K > N)
    {
        flint_printf("binom_cp_interval: K = %wu > N = %wu\n", K, N);
        flint_abort();
    }

    _binom_cp_upper(hi, N, K, a);

    /* P[Bin(N, p) >= K] = P[Bin(N, 1 - p) <= N - K]: if h >= the root of
       the right-hand side (within 2^-40), then 1 - h <= the lower limit
       (within 2^-40).  The subtraction is exact.  K = 0 gives h = 1, lo = 0. */
    _binom_cp_upper(lo, N, N - K, a);
    arf_sub_ui(lo, lo, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_neg(lo, lo);
}

/* Is the exact Clopper-Pearson upper limit u of K successes in N trials
   at tail a at least the exact point p?  The tail P[Bin(N, x) <= K]
   decreases in x, so for p in [0, 1] u >= p exactly when the tail at p
   is >= a (u = 1 when K >= N; u >= 0 >= p for p <= 0; u <= 1 < p for
   p > 1).  BC_UNDECIDED only when the tail at p cannot be separated
   from a by BC_PREC_MAX bits. */
static truth_t
_binom_cp_upper_ge_point(ulong N, ulong K, const arb_t a, const arf_t p)
{
    if (arf_sgn(p) <= 0)
        return BC_TRUE;
    if (arf_cmp_si(p, 1) > 0)
        return BC_FALSE;
    if (K >= N)
        return BC_TRUE;
    return _binom_cdf_ge(N, p, K, a);
}

/* u >= every point of [lo, hi] (BC_TRUE), u < every point (BC_FALSE),
   else undecided: the two ends decide it */
static truth_t
_binom_cp_upper_ge_range(ulong N, ulong K, const arb_t a, const arf_t lo, const arf_t hi)
{
    if (_binom_cp_upper_ge_point(N, K, a, hi) == BC_TRUE)
        return BC_TRUE;
    if (_binom_cp_upper_ge_point(N, K, a, lo) == BC_FALSE)
        return BC_FALSE;
    return BC_UNDECIDED;
}

truth_t
binom_cp_upper_ge(ulong N, ulong K, double a, const arb_t b)
{
    arb_t ab;
    arf_t lo, hi;
    truth_t r;

    check_level("binom_cp_upper_ge", a);
    arb_init(ab);
    arf_init(lo);
    arf_init(hi);
    arb_set_d(ab, a);
    arb_get_lbound_arf(lo, b, ARF_PREC_EXACT);
    arb_get_ubound_arf(hi, b, ARF_PREC_EXACT);
    r = _binom_cp_upper_ge_range(N, K, ab, lo, hi);
    arb_clear(ab);
    arf_clear(lo);
    arf_clear(hi);
    return r;
}

char *
binom_cp_str(ulong N, ulong K, double a, slong digits)
{
    arf_t lo, hi;
    arb_t x;
    char *sl, *sh, *r;
    arf_init(lo);
    arf_init(hi);
    arb_init(x);
    binom_cp_interval(lo, hi, N, K, a);
    arb_set_arf(x, lo);
    sl = bc_arb_bound_str(x, -1, digits);
    arb_set_arf(x, hi);
    sh = bc_arb_bound_str(x, 1, digits);
    r = bc_aprintf("[%s, %s]", sl, sh);
    flint_free(sl);
    flint_free(sh);
    arf_clear(lo);
    arf_clear(hi);
    arb_clear(x);
    return r;
}

/* Sets yl, yu to 1 - xu, 1 - xl (exact): P[Bin(N, p) >= K] = P[Bin(N, 1 - p)
   <= N - K], so x >= l(K) exactly when 1 - x <= u'(N - K). */
static void
_one_minus_range(arf_t yl, arf_t yu, const arf_t xl, const arf_t xu)
{
    arf_sub_ui(yl, xu, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_neg(yl, yl);
    arf_sub_ui(yu, xl, 1, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_neg(yu, yu);
}

truth_t
binom_cp_agrees_range(arf_t lo_out, arf_t hi_out, ulong N, ulong K, ulong U, double a, const arb_t x)
{
    arb_t ab;
    arf_t xl, xu, yl, yu;
    truth_t up_pess, down_pess, up_opt, down_opt, res;

    check_level("binom_cp_agrees", a);
    if (K + U > N || K + U < K)
    {
        flint_printf("binom_cp_agrees_range: K + U > N\n");
        flint_abort();
    }
    arb_init(ab);
    arf_init(xl);
    arf_init(xu);
    arf_init(yl);
    arf_init(yu);
    arb_set_d(ab, a);
    /* the ends of x, outward; x is a probability, so only its part in
       [0, 1] can hold the exact value (a ball 1 - 2^-60 +/- 2^-40 against
       the upper limit 1 of K = N is inside) */
    arb_get_lbound_arf(xl, x, ARF_PREC_EXACT);
    arb_get_ubound_arf(xu, x, ARF_PREC_EXACT);
    if (arf_sgn(xl) < 0)
        arf_zero(xl);
    if (arf_cmp_si(xu, 1) > 0)
        arf_one(xu);
    _one_minus_range(yl, yu, xl, xu);
    /* decided on the exact limits, not on binom_cp_interval's (which are
       only within 2^-40 of them).  The limits increase with the count, so
       x lies in every interval of K + u successes, 0 <= u <= U, exactly
       when x <= u(K) and x >= l(K + U), and in none exactly when
       x > u(K + U) or x < l(K). */
    up_pess = _binom_cp_upper_ge_range(N, K, ab, xl, xu);
    down_pess = _binom_cp_upper_ge_range(N, N - K - U, ab, yl, yu);
    up_opt = U == 0 ? up_pess : _binom_cp_upper_ge_range(N, K + U, ab, xl, xu);
    down_opt = U == 0 ? down_pess : _binom_cp_upper_ge_range(N, N - K, ab, yl, yu);
    /* inside only if the whole ball is; disjoint only if the whole ball is
       above the upper or below the lower limit; a ball across a limit
       decides nothing */
    if (up_pess == BC_TRUE && down_pess == BC_TRUE)
        res = BC_TRUE;
    else if (up_opt == BC_FALSE || down_opt == BC_FALSE)
        res = BC_FALSE;
    else
        res = BC_UNDECIDED;
    if (lo_out != NULL || hi_out != NULL)
    {
        arf_t lo, hi, lo2, hi2;
        arf_init(lo);
        arf_init(hi);
        arf_init(lo2);
        arf_init(hi2);
        binom_cp_interval(lo, hi, N, K, a);
        binom_cp_interval(lo2, hi2, N, K + U, a);
        if (lo_out != NULL)
            arf_set(lo_out, lo);
        if (hi_out != NULL)
            arf_set(hi_out, hi2);
        arf_clear(lo);
        arf_clear(hi);
        arf_clear(lo2);
        arf_clear(hi2);
    }
    arb_clear(ab);
    arf_clear(xl);
    arf_clear(xu);
    arf_clear(yl);
    arf_clear(yu);
    return res;
}

truth_t
binom_cp_agrees(arf_t lo_out, arf_t hi_out, ulong N, ulong K, double a, const arb_t x)
{
    return binom_cp_agrees_range(lo_out, hi_out, N, K, 0, a, x);
}

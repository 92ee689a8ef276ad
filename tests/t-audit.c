/* t-audit.c -- tests of chernoff.c and of the audit module.

   The Chernoff/Hoeffding enclosures are compared with independent MPFR
   evaluations of the closed forms (directed rounding) and with exact
   rational binomial tails (a bound must be >= the exact tail wherever
   its hypotheses hold); the audit's exact formulas with brute-force
   enumeration; the erratum witnesses are re-checked with
   binom_cdf_fmpq and MPFR, independently of Arb. */
#include <math.h>
#include <string.h>

#include "audit.h"
#include "binom.h"
#include "chernoff.h"
#include "rng.h"
#include "sampler.h"
#include "testutil.h"

/* ---------------------------------------------------------- helpers */

/* lower (rnd = MPFR_RNDD) or upper (MPFR_RNDU) bound of the rational q */
static void
mpfr_from_fmpq(mpfr_t r, const fmpq_t q, mpfr_rnd_t rnd)
{
    mpq_t g;
    mpq_init(g);
    fmpq_get_mpq(g, q);
    mpfr_set_q(r, g, rnd);
    mpq_clear(g);
}

/* whether the ball x contains the MPFR value v up to relative 2^-90
   (v is evaluated at 200 bits, round to nearest) */
static int
ball_contains_mpfr(const arb_t x, const mpfr_t v)
{
    arb_t y;
    arf_t a;
    int r;
    arb_init(y);
    arf_init(a);
    arf_set_mpfr(a, v);
    arb_set(y, x);
    arb_add_error_2exp_si(y, arf_abs_bound_lt_2exp_si(a) - 90);
    r = arb_contains_arf(y, a);
    arb_clear(y);
    arf_clear(a);
    return r;
}

/* MPFR closed forms, 200 bits, round to nearest: exp(-N D(k/N || p)),
   exp(-delta^2 mu / 2), exp(-2 t^2 / N) for X ~ Bin(N, p), event X <= k */
static void
mpfr_kl(mpfr_t out, ulong N, double p, ulong k)
{
    mpfr_t a, t, u;
    mpfr_inits2(200, a, t, u, (mpfr_ptr) 0);
    mpfr_set_ui(a, k, MPFR_RNDN);
    mpfr_div_ui(a, a, N, MPFR_RNDN);
    mpfr_set_zero(out, 1);
    if (k > 0)
    {
        mpfr_div_d(t, a, p, MPFR_RNDN);
        mpfr_log(t, t, MPFR_RNDN);
        mpfr_mul(out, t, a, MPFR_RNDN);
    }
    mpfr_ui_sub(t, 1, a, MPFR_RNDN);
    mpfr_set_d(u, 1.0 - p, MPFR_RNDN); /* exact: p dyadic with few bits */
    mpfr_div(u, t, u, MPFR_RNDN);
    mpfr_log(u, u, MPFR_RNDN);
    mpfr_mul(u, u, t, MPFR_RNDN);
    mpfr_add(out, out, u, MPFR_RNDN);
    mpfr_mul_ui(out, out, N, MPFR_RNDN);
    mpfr_neg(out, out, MPFR_RNDN);
    mpfr_exp(out, out, MPFR_RNDN);
    mpfr_clears(a, t, u, (mpfr_ptr) 0);
}

static void
mpfr_mult(mpfr_t out, ulong N, double p, ulong k)
{
    mpfr_t mu, d;
    mpfr_inits2(200, mu, d, (mpfr_ptr) 0);
    mpfr_set_d(mu, p, MPFR_RNDN);
    mpfr_mul_ui(mu, mu, N, MPFR_RNDN);
    mpfr_ui_div(d, k, mu, MPFR_RNDN);
    mpfr_ui_sub(d, 1, d, MPFR_RNDN);
    mpfr_sqr(d, d, MPFR_RNDN);
    mpfr_mul(d, d, mu, MPFR_RNDN);
    mpfr_div_2ui(d, d, 1, MPFR_RNDN);
    mpfr_neg(d, d, MPFR_RNDN);
    mpfr_exp(out, d, MPFR_RNDN);
    mpfr_clears(mu, d, (mpfr_ptr) 0);
}

static void
mpfr_hoef(mpfr_t out, ulong N, double p, ulong k)
{
    mpfr_t t;
    mpfr_init2(t, 200);
    mpfr_set_d(t, p, MPFR_RNDN);
    mpfr_mul_ui(t, t, N, MPFR_RNDN);
    mpfr_sub_ui(t, t, k, MPFR_RNDN);
    mpfr_sqr(t, t, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
    mpfr_div_ui(t, t, N, MPFR_RNDN);
    mpfr_neg(t, t, MPFR_RNDN);
    mpfr_exp(out, t, MPFR_RNDN);
    mpfr_clear(t);
}

/* a random dyadic p = j / 1024 in (0, 1) */
static double
rand_p(rng_t r)
{
    return (double) (1 + rng_below(r, 1023)) / 1024.0;
}

/* --------------------------------------------------- chernoff.c */

static void
test_chernoff_vs_mpfr(void)
{
    rng_t r;
    slong it, iters = test_iters(300);
    arb_t pb, v;
    mpfr_t m;
    int bad = 0;

    rng_init(r, test_seed(), rng_stream_id("t-audit/chernoff-mpfr"), 0);
    arb_init(pb);
    arb_init(v);
    mpfr_init2(m, 200);
    for (it = 0; it < iters && !bad; it++)
    {
        ulong N = 1 + rng_below(r, 100000);
        double p = rand_p(r);
        ulong k = rng_below(r, (ulong) floor(N * p) + 1); /* k <= N p */
        truth_t h;
        arb_set_d(pb, p);

        h = chernoff_binom_below_kl(v, N, pb, k + 1, 128);
        mpfr_kl(m, N, p, k);
        if (h != BC_TRUE || !ball_contains_mpfr(v, m))
        {
            TEST_REPORT("KL enclosure contains the MPFR closed form", "N=%lu p=%.10g k=%lu h=%d",
                        (unsigned long) N, p, (unsigned long) k, (int) h);
            bad = 1;
        }
        h = chernoff_binom_below_mult(v, N, pb, k + 1, 128);
        mpfr_mult(m, N, p, k);
        if (h != BC_TRUE || !ball_contains_mpfr(v, m))
        {
            TEST_REPORT("mult enclosure contains the MPFR closed form", "N=%lu p=%.10g k=%lu",
                        (unsigned long) N, p, (unsigned long) k);
            bad = 1;
        }
        h = hoeffding_binom_below(v, N, pb, k + 1, 128);
        mpfr_hoef(m, N, p, k);
        if (h != BC_TRUE || !ball_contains_mpfr(v, m))
        {
            TEST_REPORT("Hoeffding enclosure contains the MPFR closed form", "N=%lu p=%.10g k=%lu",
                        (unsigned long) N, p, (unsigned long) k);
            bad = 1;
        }
    }
    CU_ASSERT(!bad);
    arb_clear(pb);
    arb_clear(v);
    mpfr_clear(m);
    rng_clear(r);
}

/* every bound >= the exact tail where its hypotheses hold; the KL form
   is the tightest of the four (KL <= Poisson <= mult) */
static void
test_bounds_vs_exact(void)
{
    rng_t r;
    slong it, iters = test_iters(300);
    arb_t pb, t, kl, mu, kk, poi, mul, hoe, d;
    fmpq_t q, e;
    int bad = 0;

    rng_init(r, test_seed(), rng_stream_id("t-audit/bounds-exact"), 0);
    arb_init(pb);
    arb_init(t);
    arb_init(kl);
    arb_init(mu);
    arb_init(kk);
    arb_init(poi);
    arb_init(mul);
    arb_init(hoe);
    arb_init(d);
    fmpq_init(q);
    fmpq_init(e);
    for (it = 0; it < iters && !bad; it++)
    {
        ulong N = 1 + rng_below(r, 300), K, a = 1 + rng_below(r, 96), b = a + 1 + rng_below(r, 200);
        truth_t h1, h2, h3, h4;
        fmpq_set_ui(q, a, b); /* non-dyadic rationals too */
        arb_set_fmpq(pb, q, 200);
        /* K - 1 <= N p */
        K = 1 + rng_below(r, (N * a) / b + 1);
        binom_cdf_fmpq(e, N, q, K - 1);
        arb_set_fmpq(t, e, 200);
        h1 = chernoff_binom_below_kl(kl, N, pb, K, 200);
        h2 = chernoff_binom_below_mult(mul, N, pb, K, 200);
        h3 = hoeffding_binom_below(hoe, N, pb, K, 200);
        arb_mul_ui(mu, pb, N, 200);
        arb_set_ui(kk, K - 1);
        h4 = chernoff_poisson_lower(poi, mu, kk, 200);
        /* K = 1 is the equality P[X = 0] = (1-p)^N = exp(-N D(0 || p)):
           only "not greater" can be decided there */
        if ((h1 == BC_TRUE && (K >= 2 ? !arb_le(t, kl) : arb_gt(t, kl))) ||
            (h2 == BC_TRUE && arb_gt(t, mul)) || (h3 == BC_TRUE && arb_gt(t, hoe)) ||
            (h4 == BC_TRUE && arb_gt(t, poi)) || arb_gt(kl, poi) || arb_gt(poi, mul))
        {
            TEST_REPORT("bounds >= exact tail, KL <= Poisson <= mult", "N=%lu p=%lu/%lu K=%lu h=%d%d%d%d",
                        (unsigned long) N, (unsigned long) a, (unsigned long) b, (unsigned long) K, (int) h1,
                        (int) h2, (int) h3, (int) h4);
            bad = 1;
        }
        /* a hypothesis that fails is reported as such, with the trivial
           bound 1: K2 - 1 = floor(N p) + 1 > N p */
        {
            ulong K2 = (N * a) / b + 2;
            if (chernoff_binom_below_kl(d, N, pb, K2, 200) == BC_TRUE || !arb_is_one(d) ||
                chernoff_binom_below_mult(d, N, pb, K2, 200) == BC_TRUE || !arb_is_one(d))
            {
                TEST_REPORT("hypothesis K - 1 <= N p decided false", "N=%lu p=%lu/%lu K=%lu",
                            (unsigned long) N, (unsigned long) a, (unsigned long) b, (unsigned long) K2);
                bad = 1;
            }
        }
    }
    CU_ASSERT(!bad);
    /* KL divergence at a = p is 0 exactly; D(0 || 1/2) = ln 2 */
    arb_set_d(pb, 0.5);
    chernoff_kl_div(d, pb, pb, 64);
    CU_ASSERT(arb_contains_zero(d));
    arb_zero(kk);
    chernoff_kl_div(d, kk, pb, 64);
    arb_const_log2(t, 64);
    CU_ASSERT(arb_overlaps(d, t));
    arb_clear(pb);
    arb_clear(t);
    arb_clear(kl);
    arb_clear(mu);
    arb_clear(kk);
    arb_clear(poi);
    arb_clear(mul);
    arb_clear(hoe);
    arb_clear(d);
    fmpq_clear(q);
    fmpq_clear(e);
    rng_clear(r);
}

/* ------------------------------------------------- Thm 3 audit */

static void
test_hand_cell(void)
{
    fmpq_t p, e, want;
    arb_t t;
    truth_t h;
    mpfr_t a, b;

    fmpq_init(p);
    fmpq_init(e);
    fmpq_init(want);
    arb_init(t);
    mpfr_inits2(64, a, b, (mpfr_ptr) 0);
    /* n = 1, p = 1/2, c = 2: N = 2 * ceil(1 / (1/2)) = 4,
       P[Bin(4, 1/2) < 1] = 1/16 <= exp(-1/2) */
    fmpq_set_ui(p, 1, 2);
    CU_ASSERT_EQUAL(audit_thm3_width(1, p, 4), 4);
    binom_cdf_fmpq(e, 4, p, 0);
    fmpq_set_ui(want, 1, 16);
    CU_ASSERT(fmpq_equal(e, want));
    h = audit_thm3_decide(t, 4, p, 1, 0, 4);
    CU_ASSERT_EQUAL(h, BC_TRUE);
    CU_ASSERT(arb_contains_fmpq(t, want));
    mpfr_set_d(a, -0.5, MPFR_RNDN);
    mpfr_exp(a, a, MPFR_RNDD);
    CU_ASSERT(mpfr_cmp_d(a, 1.0 / 16.0) > 0);
    /* widths: c = 2.5 rounds up, n = 3, p = 1/10: ceil(2.5 * 30) = 75;
       n = 1, p = 3/25000: ceil(25000/3) = 8334, c = 2.5: 20835 */
    fmpq_set_ui(p, 1, 10);
    CU_ASSERT_EQUAL(audit_thm3_width(3, p, 5), 75);
    fmpq_set_ui(p, 3, 25000);
    CU_ASSERT_EQUAL(audit_thm3_width(1, p, 5), 20835);
    CU_ASSERT_EQUAL(audit_thm3_width(1, p, 4), 16668);
    /* the p grid: ends 1/10000 and 1/2 */
    audit_p_get(p, 0);
    fmpq_set_ui(want, 1, 10000);
    CU_ASSERT(fmpq_equal(p, want));
    audit_p_get(p, AUDIT_NP - 1);
    fmpq_set_ui(want, 1, 2);
    CU_ASSERT(fmpq_equal(p, want));
    fmpq_clear(p);
    fmpq_clear(e);
    fmpq_clear(want);
    arb_clear(t);
    mpfr_clears(a, b, (mpfr_ptr) 0);
}

/* the rigorous tail contains the exact tail (random small cells) */
static void
test_tail_vs_exact(void)
{
    rng_t r;
    slong it, iters = test_iters(100);
    fmpq_t p, e;
    arb_t t;
    int bad = 0;
    rng_init(r, test_seed(), rng_stream_id("t-audit/tail"), 0);
    fmpq_init(p);
    fmpq_init(e);
    arb_init(t);
    for (it = 0; it < iters && !bad; it++)
    {
        slong pi = (slong) rng_below(r, AUDIT_NP);
        ulong n = 1 + rng_below(r, 20), c2 = audit_c2[rng_below(r, AUDIT_NC)], N;
        audit_p_get(p, pi);
        N = audit_thm3_width(n, p, c2);
        if (N > 3000)
            continue;
        binom_cdf_fmpq(e, N, p, n - 1);
        audit_thm3_tail(t, N, p, n, 128);
        if (!arb_contains_fmpq(t, e))
        {
            TEST_REPORT("audit tail contains the exact tail", "n=%lu pi=%ld c2=%lu N=%lu", (unsigned long) n,
                        (long) pi, (unsigned long) c2, (unsigned long) N);
            bad = 1;
        }
    }
    CU_ASSERT(!bad);
    fmpq_clear(p);
    fmpq_clear(e);
    arb_clear(t);
    rng_clear(r);
}

/* The erratum witnesses, independently of Arb: exact rational tail from
   binom_cdf_fmpq rounded down by MPFR, exp(-c n / 4) rounded up. */
static int
refutes(ulong n, ulong pa, ulong pb, ulong c2)
{
    fmpq_t p, e;
    mpfr_t lo, hi;
    ulong N;
    int r;
    fmpq_init(p);
    fmpq_init(e);
    mpfr_inits2(256, lo, hi, (mpfr_ptr) 0);
    fmpq_set_ui(p, pa, pb);
    N = audit_thm3_width(n, p, c2);
    binom_cdf_fmpq(e, N, p, n - 1);
    mpfr_from_fmpq(lo, e, MPFR_RNDD);
    /* -(c2/2) n / 4 = -c2 n / 8, exact in binary */
    mpfr_set_si(hi, -(slong) (c2 * n), MPFR_RNDN);
    mpfr_div_2ui(hi, hi, 3, MPFR_RNDN);
    mpfr_exp(hi, hi, MPFR_RNDU);
    r = mpfr_cmp(lo, hi) > 0;
    fmpq_clear(p);
    fmpq_clear(e);
    mpfr_clears(lo, hi, (mpfr_ptr) 0);
    return r;
}

static void
test_witness_independent(void)
{
    /* c = 2: the smallest-N refuting cell of the grid, n = 30,
       p = 13/50 (0.26), N = 232 */
    fmpq_t p;
    fmpq_init(p);
    fmpq_set_ui(p, 13, 50);
    CU_ASSERT_EQUAL(audit_thm3_width(30, p, 4), 232);
    CU_ASSERT(refutes(30, 13, 50, 4));
    /* the smallest-N refuting cell of the full grid: n = 21, p = 21/100, N = 200 */
    fmpq_set_ui(p, 21, 100);
    CU_ASSERT_EQUAL(audit_thm3_width(21, p, 4), 200);
    CU_ASSERT(refutes(21, 21, 100, 4));
    /* c = 2.5: n = 100, p = 49/5000 (N = 25513) */
    fmpq_set_ui(p, 49, 5000);
    CU_ASSERT_EQUAL(audit_thm3_width(100, p, 5), 25513);
    CU_ASSERT(refutes(100, 49, 5000, 5));
    /* and the step holds on the hand cell and for c = 3 at the same p */
    CU_ASSERT(!refutes(1, 1, 2, 4));
    CU_ASSERT(!refutes(30, 13, 50, 6));
    fmpq_clear(p);
}

static void
test_cstar(void)
{
    arb_t c;
    mpfr_t x, f, t;
    arf_t lo, hi;
    arb_init(c);
    arf_init(lo);
    arf_init(hi);
    mpfr_inits2(128, x, f, t, (mpfr_ptr) 0);
    audit_cstar(c, 64);
    arb_get_lbound_arf(lo, c, 64);
    arb_get_ubound_arf(hi, c, 64);
    /* f(lo) < 0 < f(hi) for f(c) = 3c/4 - 1 - ln c, by MPFR with
       directed rounding (f(lo) rounded up, f(hi) rounded down) */
    arf_get_mpfr(x, lo, MPFR_RNDN);
    mpfr_log(t, x, MPFR_RNDD);
    mpfr_mul_ui(f, x, 3, MPFR_RNDU);
    mpfr_div_2ui(f, f, 2, MPFR_RNDU);
    mpfr_sub_ui(f, f, 1, MPFR_RNDU);
    mpfr_sub(f, f, t, MPFR_RNDU);
    CU_ASSERT(mpfr_sgn(f) < 0);
    arf_get_mpfr(x, hi, MPFR_RNDN);
    mpfr_log(t, x, MPFR_RNDU);
    mpfr_mul_ui(f, x, 3, MPFR_RNDD);
    mpfr_div_2ui(f, f, 2, MPFR_RNDD);
    mpfr_sub_ui(f, f, 1, MPFR_RNDD);
    mpfr_sub(f, f, t, MPFR_RNDD);
    CU_ASSERT(mpfr_sgn(f) > 0);
    CU_ASSERT(arf_cmp_d(lo, 2.615) > 0 && arf_cmp_d(hi, 2.616) < 0);
    arb_clear(c);
    arf_clear(lo);
    arf_clear(hi);
    mpfr_clears(x, f, t, (mpfr_ptr) 0);
}

/* ----------------------------------------- Thms 2 and 4, union bounds */

/* brute force for singleton data: d coordinates, the first `same` need
   sign + on both sets, the others + on S_j^+ and - on S_j^- */
static void
thm2_brute(fmpq_t out, ulong n, ulong d, ulong same)
{
    ulong vs, ws, nbad = 0, i, j;
    for (vs = 0; vs < (UWORD(1) << n); vs++)
        for (ws = 0; ws < (UWORD(1) << (n * d)); ws++)
        {
            int bad = 0;
            for (j = 0; j < d && !bad; j++)
            {
                int covp = 0, covm = 0;
                int needm = j < same ? 1 : -1;
                for (i = 0; i < n; i++)
                {
                    int v = ((vs >> i) & 1) ? 1 : -1;
                    int wpos = (ws >> (i * d + j)) & 1;
                    if (wpos && v == 1)
                        covp = 1;
                    if (!wpos && v == needm)
                        covm = 1;
                }
                bad = !(covp && covm);
            }
            nbad += bad;
        }
    fmpq_set_ui(out, nbad, UWORD(1) << (n + n * d));
}

static void
test_union_exact_vs_brute(void)
{
    fmpq_t a, b;
    ulong n, m, mpos, d, same;
    int bad = 0;
    int ys[4];
    fmpq_init(a);
    fmpq_init(b);
    for (n = 1; n <= 4 && !bad; n++)
        for (m = 1; m <= 3 && !bad; m++)
            for (mpos = 0; mpos <= m && !bad; mpos++)
            {
                ulong t;
                for (t = 0; t < m; t++)
                    ys[t] = t < mpos ? 1 : -1;
                audit_thm4_fail_orth(a, n, mpos, m - mpos);
                audit_thm4_fail_orth_brute(b, n, ys, m);
                if (!fmpq_equal(a, b))
                {
                    TEST_REPORT("Thm 4 exact formula == enumeration", "n=%lu m=%lu mpos=%lu",
                                (unsigned long) n, (unsigned long) m, (unsigned long) mpos);
                    bad = 1;
                }
            }
    for (n = 1; n <= 4 && !bad; n++)
        for (d = 1; d <= 2 && !bad; d++)
            for (same = 0; same <= d && !bad; same++)
            {
                audit_thm2_fail_singleton(a, n, d, same);
                thm2_brute(b, n, d, same);
                if (!fmpq_equal(a, b))
                {
                    TEST_REPORT("Thm 2 exact formula == enumeration", "n=%lu d=%lu same=%lu",
                                (unsigned long) n, (unsigned long) d, (unsigned long) same);
                    bad = 1;
                }
            }
    CU_ASSERT(!bad);
    /* one point: exactly (3/4)^n */
    audit_thm4_fail_orth(a, 5, 1, 0);
    fmpq_set_ui(b, 243, 1024);
    CU_ASSERT(fmpq_equal(a, b));
    fmpq_clear(a);
    fmpq_clear(b);
}

/* -------------------------------------------------------------- caps */

static void
test_cap_closed_forms(void)
{
    rng_t r;
    slong it, iters = test_iters(50);
    arb_t th, c, w, x;
    int bad = 0;
    rng_init(r, test_seed(), rng_stream_id("t-audit/caps"), 0);
    arb_init(th);
    arb_init(c);
    arb_init(w);
    arb_init(x);
    for (it = 0; it < iters && !bad; it++)
    {
        /* theta in (0, pi/2], a dyadic */
        arb_set_ui(th, 1 + rng_below(r, 1608));
        arb_mul_2exp_si(th, th, -10);
        /* d = 2: theta / pi */
        audit_cap_fraction(c, 2, th, 128);
        arb_const_pi(x, 128);
        arb_div(w, th, x, 128);
        bad |= !arb_overlaps(c, w);
        /* d = 3: (1 - cos theta) / 2 */
        audit_cap_fraction(c, 3, th, 128);
        arb_cos(w, th, 128);
        arb_sub_ui(w, w, 1, 128);
        arb_neg(w, w);
        arb_mul_2exp_si(w, w, -1);
        bad |= !arb_overlaps(c, w);
        /* d = 4: (theta - sin theta cos theta) / pi */
        audit_cap_fraction(c, 4, th, 128);
        arb_sin_cos(w, x, th, 128);
        arb_mul(w, w, x, 128);
        arb_sub(w, th, w, 128);
        arb_const_pi(x, 128);
        arb_div(w, w, x, 128);
        bad |= !arb_overlaps(c, w);
        bad |= arb_rel_accuracy_bits(c) < 80;
        if (bad)
            TEST_REPORT("cap fraction == closed forms (d = 2, 3, 4)", "theta=%g",
                        arf_get_d(arb_midref(th), ARF_RND_NEAR));
    }
    CU_ASSERT(!bad);
    /* theta = pi/2: exactly half the sphere, for every d */
    arb_const_pi(th, 128);
    arb_mul_2exp_si(th, th, -1);
    audit_cap_fraction(c, 17, th, 128);
    arb_one(w);
    arb_mul_2exp_si(w, w, -1);
    CU_ASSERT(arb_overlaps(c, w) && arb_rel_accuracy_bits(c) > 60);
    /* omega_0 / omega_1 = 1/pi, omega_1 / omega_2 = 1/2 */
    audit_omega_ratio(c, 2, 128);
    arb_const_pi(x, 128);
    arb_inv(x, x, 128);
    CU_ASSERT(arb_overlaps(c, x));
    audit_omega_ratio(c, 3, 128);
    CU_ASSERT(arb_overlaps(c, w));
    arb_clear(th);
    arb_clear(c);
    arb_clear(w);
    arb_clear(x);
    rng_clear(r);
}

/* ------------------------------------------------------------ module */

static void
test_module_records(void)
{
    checklist_t L;
    run_opts o;
    test_quick_opts(&o, 2);
    /* every spec once with its expected status (controls fail), a witness
       on every erratum and control */
    CU_ASSERT_EQUAL(test_module_table(&module_audit, &o, 0), 0);
    checklist_init(L);
    CU_ASSERT_EQUAL(module_audit.run(L, &o), 0);
    CU_ASSERT(L->nfigures >= 1);
    /* the 3/4 is tested through the four samplers: the rates of every law
       are in the record, and the tightened 47/64 is refuted by the same
       rates (with the stream that does it as witness) */
    {
        slong i, seen = 0;
        for (i = 0; i < L->nchecks; i++)
        {
            const check_struct *c = L->checks + i;
            slong j, k;
            const char *rates = NULL;
            if (strcmp(c->id, "audit.thm24.three_quarters") && strcmp(c->id, "audit.control.three_quarters"))
                continue;
            seen++;
            for (j = 0; j < c->nfields; j++)
                if (!strcmp(c->fields[j].key, "rates"))
                    rates = c->fields[j].value;
            CU_ASSERT_FATAL(rates != NULL);
            for (k = 0; k < SAMPLER_SYMMETRIC_COUNT; k++)
                CU_ASSERT(strstr(rates, sampler_name((sampler_kind) k)) != NULL);
            if (c->control)
            {
                CU_ASSERT(c->status == ST_VIOLATED);
                CU_ASSERT(c->witness != NULL && strstr(c->witness, "audit.thm24.three_quarters/") != NULL);
            }
            else
                CU_ASSERT(c->status == ST_CONSISTENT && strstr(rates, "DISAGREES") == NULL);
        }
        CU_ASSERT_EQUAL(seen, 2);
    }
    /* the c = 2 erratum names the smallest refuted n and the smallest-N
       refuting cell (different cells: n = 12 against n = 30 on the quick
       grid) */
    {
        slong i;
        for (i = 0; i < L->nchecks; i++)
            if (!strcmp(L->checks[i].id, "audit.thm3.chernoff.c2"))
            {
                const char *w = L->checks[i].witness;
                CU_ASSERT_FATAL(w != NULL);
                CU_ASSERT(strstr(w, "smallest refuted n: n=12,") != NULL);
                CU_ASSERT(strstr(w, "smallest-N refuting cell: n=30,") != NULL);
            }
    }
    checklist_clear(L);
}

int
t_audit_register(void)
{
    CU_pSuite s = CU_add_suite("audit", NULL, NULL);
    if (s == NULL)
        return 1;
    if (CU_add_test(s, "Chernoff/Hoeffding enclosures == MPFR closed forms", test_chernoff_vs_mpfr) == NULL ||
        CU_add_test(s, "bounds >= exact binomial tails", test_bounds_vs_exact) == NULL ||
        CU_add_test(s, "hand cell n=1 p=1/2 c=2 and widths", test_hand_cell) == NULL ||
        CU_add_test(s, "audit tail contains exact tail", test_tail_vs_exact) == NULL ||
        CU_add_test(s, "erratum witnesses re-checked with fmpq/MPFR", test_witness_independent) == NULL ||
        CU_add_test(s, "c* sign change (MPFR)", test_cstar) == NULL ||
        CU_add_test(s, "union-bound formulas == enumeration", test_union_exact_vs_brute) == NULL ||
        CU_add_test(s, "cap fraction closed forms", test_cap_closed_forms) == NULL ||
        CU_add_test(s, "module records and controls", test_module_records) == NULL)
        return 1;
    return 0;
}

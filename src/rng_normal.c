/* rng_normal.c -- the standard normal law on the Philox streams: a
   256-layer ziggurat (Marsaglia and Tsang, J. Stat. Softw. 2000) whose
   sign is a bit of the word, with exact decisions, and von Neumann's
   exponential for its tail.

   Definition, bit for bit (for independent re-implementations).

   Notation: f(x) = exp(-x^2/2); RN(z) is the double nearest the real z
   (ties to even); "word" is the next 64-bit word of the stream (rng_u64:
   two 32-bit stream words, the first as the high half); U(w) = w >> 11,
   the top 53 bits of a word as an integer in [0, 2^53).

   Tables (rng_zig_struct; computed once, on first use):
     r   = 0x1.d3bb48209ad33p+1 = 3.654152885361009 (a double: within an
           ulp of the root of the ziggurat equation below; t-sampler checks
           that the root lies between its neighbours),
     v   = r f(r) + sqrt(pi/2) erfc(r / sqrt(2))   (area of every layer),
     x_1 = r,  x_{i+1} = sqrt(-2 log(f(x_i) + v / x_i))  for i = 1..254,
     x_0 = v / f(r)  (pseudo-width of the base layer),
   the reals x_i evaluated with MPFR at 256 bits, every operation rounded
   to nearest (any evaluation to ~200 correct bits rounds the same way),
     x[i]  = RN(x_i) for i = 0..255,  x[256] = 0,
     f[i]  = RN(f(x[i])) for i = 1..255 (of the double x[i]),  f[256] = 1,
     wx[i] = x[i] 2^-52  (exact),
     df[i] = RN(f[i+1] - f[i]) 2^-53  for i = 1..255 (one double
             subtraction, then an exact scaling),
     k[i]  = ceil(2^52 x[i+1] / x[i])  for i = 0..254 (exact rational),
     k[255] = 0.
   Layer i >= 1 is the box [0, x[i]] x [f[i], f[i+1]]; layer 0 is the box
   [0, r] x [0, f(r)] together with the tail x > r; up to the rounding of
   the tables every layer has area v, so the layer index is uniform.

   rng_normal:
     1. w = word; i = w & 255 (layer); s = (w >> 8) & 1 (sign);
        j = w >> 12 (52 bits).  Bits 9 to 11 of w are unused.
     2. If j < k[i] (then j 2^-52 x[i] < x[i+1], inside the part of the
        layer under the curve): return (-1)^s RN(j wx[i]).
     3. If i = 0 (the base layer beyond r): return (-1)^s RN(r + a) with
        a from the tail step below.
     4. Else (1 <= i <= 255, the wedge): X = RN(j wx[i]); u = U(word);
        if f[i] + u df[i] < f(X) (the left side the exact real, the
        comparison decided exactly): return (-1)^s X; else go to 1.
   Tail step (Marsaglia 1964): e1 = E(), e2 = E(), a = RN(e1 / r); if
   2 e2 > a^2 exactly, a is the result, else repeat.  Then r + a has the
   density of the normal law beyond r.
   E() (von Neumann 1951): k = 0; repeat { u1 = U(word); p = u1; n = 1;
   repeat { u = U(word); n = n + 1; if u >= p: stop; p = u } ; if n is
   even: return RN(k + u1 2^-53); else k = k + 1 }.  A descending run
   from u1 = x has even length with probability exp(-x), so the result
   is Exp(1), up to the 2^-53 grid of the uniforms.

   Properties.  The sign bit s of the accepted word enters only at the
   end, as an IEEE negation: flipping bit 8 of that word negates the
   result bit for bit (t-sampler tests it), so v and -v are equally
   likely exactly, which is what the proofs of Prop 1-2 use of
   Assumption 1.  Only integer operations, single correctly rounded IEEE
   operations on defined operands (no contraction is possible: each
   rounded result is one operation) and exact comparisons occur, so the
   draws do not depend on the libm.  The comparison of step 4 is decided
   by a filter: y = fl(f[i] + fl(u df[i])) is within 2^-52 relative of
   the exact left side; e = exp(-fl(X X) / 2) from libm is within
   2^-40 relative of f(X) when libm's exp is accurate to 2^-41 (every
   libm is, by ten orders of magnitude: glibc's to an ulp; t-sampler
   checks it against MPFR); hence y <= e (1 - 2^-30) proves the
   comparison true and y >= e (1 + 2^-30) proves it false.  Otherwise
   (probability ~2^-30 per wedge) Arb decides it at rising precision;
   the two sides are never equal (exp of a non-zero rational is
   irrational).  The tail's comparison 2 e2 > a^2 is exact through the
   fma residual of a^2.

   Cost: one word per draw in 98.5% of the draws (step 2), done with one
   table lookup by the 9 low bits (layer and sign: the signed table entry
   (-1)^s wx[i] gives RN(j (-1)^s wx[i]) = (-1)^s RN(j wx[i]), the same
   bits); the tables fit in 16 KB. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "rng.h"

#define ZIG_R 0x1.d3bb48209ad33p+1
#define ZIG_PREC 256

/* decision margin of the wedge filter */
#define WEDGE_MARGIN 0x1p-30

static rng_zig_struct zig_tab;
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

/* exp(-x^2/2) into out, at out's precision, rounded to nearest; x is a
   double (x^2 / 2 is formed exactly at ZIG_PREC bits) */
static void
zig_f(mpfr_t out, const mpfr_t x, mpfr_t tmp)
{
    mpfr_sqr(tmp, x, MPFR_RNDN);
    mpfr_div_2ui(tmp, tmp, 1, MPFR_RNDN);
    mpfr_neg(tmp, tmp, MPFR_RNDN);
    mpfr_exp(out, tmp, MPFR_RNDN);
}

static void
zig_compute(void)
{
    rng_zig_struct *Z = &zig_tab;
    mpfr_t r, fr, v, x, a, t, c;
    fmpq_t p, q;
    fmpz_t kk;
    int i;

    mpfr_inits2(ZIG_PREC, r, fr, v, x, a, t, c, (mpfr_ptr) 0);
    fmpq_init(p);
    fmpq_init(q);
    fmpz_init(kk);

    mpfr_set_d(r, ZIG_R, MPFR_RNDN);
    zig_f(fr, r, t);
    /* v = r f(r) + sqrt(pi/2) erfc(r / sqrt(2)) */
    mpfr_sqrt_ui(c, 2, MPFR_RNDN);
    mpfr_div(a, r, c, MPFR_RNDN);
    mpfr_erfc(a, a, MPFR_RNDN);
    mpfr_const_pi(c, MPFR_RNDN);
    mpfr_div_2ui(c, c, 1, MPFR_RNDN);
    mpfr_sqrt(c, c, MPFR_RNDN);
    mpfr_mul(a, a, c, MPFR_RNDN);
    mpfr_mul(v, r, fr, MPFR_RNDN);
    mpfr_add(v, v, a, MPFR_RNDN);
    Z->r = ZIG_R;
    Z->v = mpfr_get_d(v, MPFR_RNDN);

    mpfr_div(a, v, fr, MPFR_RNDN);
    Z->x[0] = mpfr_get_d(a, MPFR_RNDN);
    Z->x[1] = ZIG_R;
    mpfr_set(x, r, MPFR_RNDN);
    for (i = 1; i <= 254; i++)
    {
        zig_f(a, x, t);
        mpfr_div(c, v, x, MPFR_RNDN);
        mpfr_add(a, a, c, MPFR_RNDN);
        mpfr_log(a, a, MPFR_RNDN);
        mpfr_mul_si(a, a, -2, MPFR_RNDN);
        mpfr_sqrt(x, a, MPFR_RNDN);
        Z->x[i + 1] = mpfr_get_d(x, MPFR_RNDN);
    }
    Z->x[256] = 0.0;

    /* f[i] correctly rounded from the double x[i] */
    Z->f[0] = 0.0;
    for (i = 1; i <= 255; i++)
    {
        mpfr_set_d(x, Z->x[i], MPFR_RNDN);
        zig_f(a, x, t);
        Z->f[i] = mpfr_get_d(a, MPFR_RNDN);
    }
    Z->f[256] = 1.0;

    for (i = 0; i <= 255; i++)
    {
        Z->wx[i] = ldexp(Z->x[i], -52);
        Z->df[i] = i == 0 ? 0.0 : ldexp(Z->f[i + 1] - Z->f[i], -53);
        if (i == 255)
            Z->k[i] = 0;
        else
        {
            /* k = ceil(2^52 x[i+1] / x[i]) */
            bc_fmpq_set_d(p, Z->x[i + 1]);
            bc_fmpq_set_d(q, Z->x[i]);
            fmpq_div(p, p, q);
            fmpq_mul_2exp(p, p, 52);
            fmpz_cdiv_q(kk, fmpq_numref(p), fmpq_denref(p));
            Z->k[i] = (uint64_t) fmpz_get_ui(kk);
        }
    }

    for (i = 0; i < 512; i++)
    {
        Z->ks[i] = Z->k[i & 255];
        Z->wxs[i] = (i >> 8) ? -Z->wx[i & 255] : Z->wx[i & 255];
    }

    mpfr_clears(r, fr, v, x, a, t, c, (mpfr_ptr) 0);
    fmpq_clear(p);
    fmpq_clear(q);
    fmpz_clear(kk);
    /* the thread's constant cache (pi): freed here so that a worker
       thread that happens to build the tables leaves nothing behind */
    mpfr_free_cache();
}

const rng_zig_struct *
_rng_zig_tables(void)
{
    pthread_once(&zig_once, zig_compute);
    return &zig_tab;
}

/* (-1)^s x for s = bit 8 of w: an IEEE negation, written on the bits so
   that it costs no branch */
static inline double
zig_sign(double x, uint64_t w)
{
    uint64_t b;
    memcpy(&b, &x, sizeof(b));
    b ^= (w & UINT64_C(0x100)) << 55;
    memcpy(&x, &b, sizeof(b));
    return x;
}

double
rng_exponential(rng_t rng)
{
    double k = 0.0;
    for (;;)
    {
        uint64_t u1 = rng_u64(rng) >> 11, p = u1, u;
        int n = 1;
        for (;;)
        {
            u = rng_u64(rng) >> 11;
            n++;
            if (u >= p)
                break;
            p = u;
        }
        if ((n & 1) == 0)
            return k + (double) (int64_t) u1 * 0x1p-53;
        k += 1.0;
    }
}

/* The tail beyond r: a >= 0 with density proportional to
   exp(-r a - a^2/2). */
static double
zig_tail(rng_t rng)
{
    for (;;)
    {
        double e1 = rng_exponential(rng), e2 = rng_exponential(rng);
        double a = e1 / ZIG_R, p = a * a, e2x2 = 2.0 * e2;
        /* 2 e2 > a^2 exactly: p = RN(a^2), and a neighbour of p cannot
           lie strictly between p and a^2 */
        if (e2x2 != p)
        {
            if (e2x2 > p)
                return a;
        }
        else if (fma(a, a, -p) < 0.0)
            return a;
    }
}

int
_rng_zig_wedge_below(const rng_zig_struct *Z, int i, uint64_t u, double X)
{
    double y = (double) (int64_t) u * Z->df[i] + Z->f[i];
    double e = exp(-(X * X) * 0.5);
    int res;
    slong prec;
    arb_t ya, ea, t;

    if (y <= e * (1.0 - WEDGE_MARGIN))
        return 1;
    if (y >= e * (1.0 + WEDGE_MARGIN))
        return 0;

    arb_init(ya);
    arb_init(ea);
    arb_init(t);
    arb_set_d(ya, Z->df[i]);
    arb_mul_ui(ya, ya, (ulong) u, ARF_PREC_EXACT);
    arb_set_d(t, Z->f[i]);
    arb_add(ya, ya, t, ARF_PREC_EXACT);
    arb_set_d(t, X);
    arb_sqr(t, t, ARF_PREC_EXACT);
    arb_mul_2exp_si(t, t, -1);
    arb_neg(t, t);
    res = 0;
    for (prec = 64; prec <= 65536; prec *= 2)
    {
        arb_exp(ea, t, prec);
        if (arb_lt(ya, ea))
        {
            res = 1;
            break;
        }
        if (arb_gt(ya, ea))
            break;
    }
    /* not reached with prec <= 65536 for any table entry and word:
       the sides differ by far more than 2^-60000 */
    arb_clear(ya);
    arb_clear(ea);
    arb_clear(t);
    return res;
}

/* Steps 3-4 for a word w that failed step 2, then steps 1-4 on the next
   words until one is accepted. */
static double
zig_slow(const rng_zig_struct *Z, uint64_t w, rng_t rng)
{
    for (;;)
    {
        int i = (int) (w & 255);
        uint64_t j = w >> 12;
        double X;

        if (j < Z->k[i])
            return zig_sign((double) (int64_t) j * Z->wx[i], w);
        if (i == 0)
            return zig_sign(ZIG_R + zig_tail(rng), w);
        X = (double) (int64_t) j * Z->wx[i];
        if (_rng_zig_wedge_below(Z, i, rng_u64(rng) >> 11, X))
            return zig_sign(X, w);
        w = rng_u64(rng);
    }
}

double
_rng_normal_word(uint64_t w, rng_t rng)
{
    return zig_slow(_rng_zig_tables(), w, rng);
}

double
rng_normal(rng_t rng)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    uint64_t w = rng_u64(rng), j = w >> 12;
    int i = (int) (w & 255);
    if (j < Z->k[i])
        return zig_sign((double) (int64_t) j * Z->wx[i], w);
    return zig_slow(Z, w, rng);
}

/* Step 2 on the words b[2q], b[2q+1] (first as the high half), q = 0,
   1, ...: writes the draws of the words that pass it, in order, and
   returns how many passed before the first that does not (or stop). */
static slong
zig_fast_run(double *v, const uint32_t *b, slong stop, const rng_zig_struct *Z)
{
    slong q;
    for (q = 0; q < stop; q++)
    {
        uint64_t w, j;
        int L;
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* one load: the pair in memory order is lo = first word */
        memcpy(&w, b + 2 * q, sizeof(w));
        w = (w << 32) | (w >> 32);
#else
        w = ((uint64_t) b[2 * q] << 32) | b[2 * q + 1];
#endif
        j = w >> 12;
        L = (int) (w & 511);
        if (j >= Z->ks[L])
            break;
        /* (-1)^s RN(j wx[i]) = RN(j (-1)^s wx[i]) */
        v[q] = (double) (int64_t) j * Z->wxs[L];
    }
    return q;
}

void
rng_normal_fill(double *v, slong n, rng_t rng)
{
    const rng_zig_struct *Z = _rng_zig_tables();
    slong i = 0;

    while (i < n)
    {
        slong avail = (rng->len - rng->pos) / 2, stop, q;
        const uint32_t *b = rng->buf + rng->pos;

        if (avail == 0)
        {
            /* a refill, or a word across two refills: the generic path */
            v[i++] = rng_normal(rng);
            continue;
        }
        stop = n - i < avail ? n - i : avail;
        q = zig_fast_run(v + i, b, stop, Z);
        i += q;
        if (q < stop)
        {
            /* word q failed step 2: consume it, then the slow path reads
               the words after it */
            uint64_t w = ((uint64_t) b[2 * q] << 32) | b[2 * q + 1];
            rng->pos += 2 * (int) (q + 1);
            v[i++] = zig_slow(Z, w, rng);
        }
        else
            rng->pos += 2 * (int) q;
    }
}

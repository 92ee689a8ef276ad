/* thm4_b6.c -- alpha, the closed-form basin value of full-rank data,
   B.6's event, and the construction of B.6 built and verified in exact
   integer arithmetic (and, for timing, in plain double).

   Exact representation of the construction (thm4.tex, "The construction
   in integers"): X = Xn / delta, P = Pn / pi (X P = I checked when the
   data were set), ybar = Yn / eta, Z = (v_i w_i)_i = Zn 2^-s (s >= 0).
   With U the targets of the chosen neurons (Un / eta),
       R  = U - X Z                 = Rn / (eta delta 2^s),
            Rn = delta 2^s Un - eta Xn Zn,
       Z' = Z + P R                 = Zn' / zeta,
            Zn' = pi eta delta Zn + Pn Rn,  zeta = pi eta delta 2^s,
   and the check X Z' = U reads eta Xn Zn' = delta zeta Un, that is
   Xn Zn' = delta^2 pi 2^s Un (zeta contains eta).

   Fixed-width fast path.  For the sizes of the Monte Carlo checks every
   integer above has at most ~200 bits while Xn and Pn have a few: the
   same integers are computed in the ring Z / 2^256 (four 64-bit limbs,
   two's complement; +, - and x are ring operations, so every result is
   the true integer modulo 2^256), which is exact for every quantity
   that is read -- signs of X Z and X Z', the equality X Z' = rhs, the
   entries of Z' -- as long as its true value is below 2^255 in absolute
   value (2^256 for a difference tested for 0).  Bounds on those values
   are derived from the bit sizes of the inputs before the path is
   taken; when one fails (large denominators in the data or targets), or
   when a verification fails, the general fmpz path decides instead.  The
   verification is the same: X Z' recomputed from the built Z' alone.
   The fixed-width integers cost a few machine instructions per
   multiply-add where fmpz calls GMP with its allocations. */
#include <math.h>
#include <string.h>

#include <flint/fmpq_vec.h>

#include "thm4.h"

/* x = x / m, m >= 1 */
static void
div_by_m(fmpq_t x, slong m)
{
    fmpz_t c;
    fmpz_init_set_si(c, m);
    fmpq_div_fmpz(x, x, c);
    fmpz_clear(c);
}

void
thm4_alpha(fmpq_t alpha, fmpq *ybar, const thm4_data_t D, slong n)
{
    slong t, m = D->m;
    fmpq_t sp, sm, q;

    if (n >= 2)
    {
        /* two neurons of opposite output signs fit any target exactly
           (thm4.tex, Lemma "alpha") */
        fmpq_zero(alpha);
        for (t = 0; t < m; t++)
            fmpq_set(ybar + t, D->y + t);
        return;
    }
    fmpq_init(sp);
    fmpq_init(sm);
    fmpq_init(q);
    for (t = 0; t < m; t++)
    {
        fmpq_mul(q, D->y + t, D->y + t);
        if (fmpq_sgn(D->y + t) > 0)
            fmpq_add(sp, sp, q);
        else
            fmpq_add(sm, sm, q);
    }
    /* one neuron predicts a one-signed vector: the better side wins, the
       positive one on a tie */
    if (fmpq_cmp(sm, sp) <= 0)
    {
        for (t = 0; t < m; t++)
            if (fmpq_sgn(D->y + t) > 0)
                fmpq_set(ybar + t, D->y + t);
            else
                fmpq_zero(ybar + t);
        fmpq_set(alpha, sm);
    }
    else
    {
        for (t = 0; t < m; t++)
            if (fmpq_sgn(D->y + t) < 0)
                fmpq_set(ybar + t, D->y + t);
            else
                fmpq_zero(ybar + t);
        fmpq_set(alpha, sp);
    }
    div_by_m(alpha, m);
    fmpq_clear(sp);
    fmpq_clear(sm);
    fmpq_clear(q);
}

void
thm4_bas_closed(fmpq_t bas, const int *a, const int *b, const fmpq *y, slong n, slong m)
{
    slong i, t;
    fmpq_t q;
    fmpq_init(q);
    fmpq_zero(bas);
    for (t = 0; t < m; t++)
    {
        int hp = 0, hm = 0, sy = fmpq_sgn(y + t);
        for (i = 0; i < n; i++)
            if (a[i * m + t] > 0)
            {
                hp |= b[i] > 0;
                hm |= b[i] < 0;
            }
        /* the prediction at x_t ranges over the cone C_t: R, [0, inf),
           (-inf, 0] or {0}; the squared distance of y_t to it */
        if ((hp && hm) || (hp && sy >= 0) || (hm && sy <= 0))
            continue;
        fmpq_mul(q, y + t, y + t);
        fmpq_add(bas, bas, q);
    }
    div_by_m(bas, m);
    fmpq_clear(q);
}

int
thm4_event_b6(slong *chosen, const int *a, const int *b, const fmpq *ybar, slong n, slong m)
{
    slong i, t;
    int all = 1;
    for (t = 0; t < m; t++)
    {
        int sy = fmpq_sgn(ybar + t);
        chosen[t] = -1;
        /* A_i^t: <w_i, x_t> > 0 and v_i ybar_t >= 0; the first such
           neuron predicts x_t (B.6: "not previously predicted by a
           neuron j < i") */
        for (i = 0; i < n && chosen[t] < 0; i++)
            if (a[i * m + t] > 0 && b[i] * sy >= 0)
                chosen[t] = i;
        if (chosen[t] < 0)
            all = 0;
    }
    return all;
}

static void b6_cache_free(void *cache);

void
thm4_b6_init(thm4_b6_t C)
{
    memset(C, 0, sizeof(thm4_b6_struct));
    fmpz_mat_init(C->Zn, 0, 0);
    fmpz_mat_init(C->XZn, 0, 0);
    fmpz_init(C->zden);
    fmpq_init(C->loss);
    fmpq_mat_init(C->W, 0, 0);
}

void
thm4_b6_clear(thm4_b6_t C)
{
    fmpz_mat_clear(C->Zn);
    fmpz_mat_clear(C->XZn);
    fmpz_clear(C->zden);
    fmpq_clear(C->loss);
    fmpq_mat_clear(C->W);
    flint_free(C->chosen);
    flint_free(C->a);
    flint_free(C->b);
    b6_cache_free(C->fastcache);
    memset(C, 0, sizeof(thm4_b6_struct));
}

/* x = man 2^e exactly, |man| < 2^53 (0 for x = 0); x finite.  Read from
   the IEEE bits (libm's frexp and ldexp cost more than the rest of the
   fixed-width path): a normal x is (2^52 + f) 2^(E - 1075), a subnormal
   f 2^-1074. */
static void
d_split(double x, int64_t *man, slong *e)
{
    uint64_t b;
    int64_t f;
    int E;
    memcpy(&b, &x, sizeof(b));
    E = (int) ((b >> 52) & 0x7FF);
    f = (int64_t) (b & ((UINT64_C(1) << 52) - 1));
    if (E != 0)
        f += (int64_t) 1 << 52;
    else
        E = 1;
    *man = (b >> 63) ? -f : f;
    *e = f == 0 ? 0 : (slong) E - 1075;
}

static void
b6_resize(thm4_b6_t C, slong n, slong m, slong d)
{
    if (C->n != n || C->m != m || C->d != d)
    {
        flint_free(C->chosen);
        flint_free(C->a);
        flint_free(C->b);
        C->chosen = flint_malloc(sizeof(slong) * (size_t) m);
        C->a = flint_malloc(sizeof(int) * (size_t) (n * m));
        C->b = flint_malloc(sizeof(int) * (size_t) n);
        fmpz_mat_clear(C->Zn);
        fmpz_mat_clear(C->XZn);
        fmpz_mat_init(C->Zn, d, n);
        fmpz_mat_init(C->XZn, m, n);
        C->n = n;
        C->m = m;
        C->d = d;
    }
    C->status = THM4_B6_VERIFY_FAIL;
    C->bad_t = -1;
    C->solved = C->in_cell = C->attains = 0;
    C->have_w = 0;
    fmpq_zero(C->loss);
}

#if defined(__SIZEOF_INT128__)
#define B6_FAST 1
#define B6_L 4 /* limbs: integers modulo 2^256 */

typedef struct
{
    uint64_t l[B6_L];
} b6w;

typedef unsigned __int128 b6u2;

static void
b6w_set_i128(b6w *x, __int128 a)
{
    uint64_t f = a < 0 ? ~UINT64_C(0) : 0;
    x->l[0] = (uint64_t) a;
    x->l[1] = (uint64_t) (a >> 64);
    x->l[2] = f;
    x->l[3] = f;
}

/* x = a mod 2^256 */
static void
b6w_set_fmpz(b6w *x, const fmpz_t a)
{
    fmpz_get_signed_ui_array((ulong *) x->l, B6_L, a);
}

/* out = x, read as a two's complement integer in (-2^255, 2^255) */
static void
b6w_get_fmpz(fmpz_t out, const b6w *x)
{
    fmpz_set_signed_ui_array(out, (const ulong *) x->l, B6_L);
}

static int
b6w_sgn(const b6w *x)
{
    if ((x->l[0] | x->l[1] | x->l[2] | x->l[3]) == 0)
        return 0;
    return (x->l[B6_L - 1] >> 63) ? -1 : 1;
}

static int
b6w_equal(const b6w *x, const b6w *y)
{
    return x->l[0] == y->l[0] && x->l[1] == y->l[1] && x->l[2] == y->l[2] && x->l[3] == y->l[3];
}

/* r = a + b mod 2^256 (r may alias a or b) */
static inline void
b6w_add(b6w *r, const b6w *a, const b6w *b)
{
    b6u2 t = (b6u2) a->l[0] + b->l[0];
    r->l[0] = (uint64_t) t;
    t = (b6u2) a->l[1] + b->l[1] + (uint64_t) (t >> 64);
    r->l[1] = (uint64_t) t;
    t = (b6u2) a->l[2] + b->l[2] + (uint64_t) (t >> 64);
    r->l[2] = (uint64_t) t;
    r->l[3] = a->l[3] + b->l[3] + (uint64_t) (t >> 64);
}

static slong
b6_clog2(slong k)
{
    slong b = 0;
    while ((WORD(1) << b) < k)
        b++;
    return b;
}

/* C (r x c) = A (r x k) B (k x c) mod 2^256, for |entries of A| <
   2^(62 - log2 k).  Each output is accumulated lazily in registers: the
   integer sum_q c_q 2^(64 q), each c_q a signed 128-bit sum of limb
   products (a product of a limb and |a| fits in 2^126 / k, so k of them
   fit), carried once at the end.  The terms of each row of A are taken
   positive ones first, then negative ones, so that the inner loops have
   no sign branch.  idx holds 2 k slongs. */
static void
b6_matmul_small_generic(b6w *C, const int64_t *A, slong r, slong k, const b6w *B, slong c, slong *idx)
{
    slong t, j, i, np, nn;
    for (t = 0; t < r; t++)
    {
        const int64_t *a = A + t * k;
        slong *pos = idx, *neg = idx + k;
        np = nn = 0;
        for (j = 0; j < k; j++)
        {
            if (a[j] > 0)
                pos[np++] = j;
            else if (a[j] < 0)
                neg[nn++] = j;
        }
        for (i = 0; i < c; i++)
        {
            __int128 c0 = 0, c1 = 0, c2 = 0, c3 = 0, carry, v;
            b6w *o = C + t * c + i;
            for (j = 0; j < np; j++)
            {
                const b6w *b = B + pos[j] * c + i;
                uint64_t u = (uint64_t) a[pos[j]];
                c0 += (__int128) ((b6u2) u * b->l[0]);
                c1 += (__int128) ((b6u2) u * b->l[1]);
                c2 += (__int128) ((b6u2) u * b->l[2]);
                c3 += (__int128) (int64_t) u * (int64_t) b->l[3];
            }
            for (j = 0; j < nn; j++)
            {
                const b6w *b = B + neg[j] * c + i;
                uint64_t u = (uint64_t) 0 - (uint64_t) a[neg[j]];
                c0 -= (__int128) ((b6u2) u * b->l[0]);
                c1 -= (__int128) ((b6u2) u * b->l[1]);
                c2 -= (__int128) ((b6u2) u * b->l[2]);
                c3 -= (__int128) (int64_t) u * (int64_t) b->l[3];
            }
            /* carry (GCC and Clang shift signed integers arithmetically:
               v >> 64 is the floor of v / 2^64) */
            o->l[0] = (uint64_t) c0;
            carry = c0 >> 64;
            v = c1 + carry;
            o->l[1] = (uint64_t) v;
            carry = v >> 64;
            v = c2 + carry;
            o->l[2] = (uint64_t) v;
            carry = v >> 64;
            v = c3 + carry;
            o->l[3] = (uint64_t) v;
        }
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define B6_X86 1
#include <immintrin.h>

/* The same with AVX2: B's entries split into eight 32-bit limbs, each in a
   64-bit lane (Bv: 8 lanes per entry; the top limb is read unsigned,
   which changes nothing modulo 2^256), so that one 32 x 32 -> 64-bit
   multiply instruction makes four limb products; a product of a limb
   and |a| < 2^(31 - log2 k) summed k times stays below 2^63 in its lane
   (the caller checks the stricter bound), and the lanes are carried once
   at the end. */
/* o = sum_q lane[q] 2^(32 q) mod 2^256 (lanes signed, |lane| < 2^63):
   the lanes paired into 64-bit limbs in 128-bit arithmetic, then one
   carry chain (GCC and Clang shift signed integers arithmetically) */
static inline void
b6_lanes_carry(b6w *o, const int64_t *lane)
{
    /* lane * 2^32 as a shift (|lane| < 2^63: no overflow; the conversion
       back from unsigned is modular with GCC and Clang) */
    __int128 v = (__int128) lane[0] + (__int128) ((b6u2) (__int128) lane[1] << 32);
    o->l[0] = (uint64_t) v;
    v = (v >> 64) + (__int128) lane[2] + (__int128) ((b6u2) (__int128) lane[3] << 32);
    o->l[1] = (uint64_t) v;
    v = (v >> 64) + (__int128) lane[4] + (__int128) ((b6u2) (__int128) lane[5] << 32);
    o->l[2] = (uint64_t) v;
    v = (v >> 64) + (__int128) lane[6] + (__int128) ((b6u2) (__int128) lane[7] << 32);
    o->l[3] = (uint64_t) v;
}

#define B6_TERM(acc0, acc1, off, OP)                                                                         \
    do                                                                                                       \
    {                                                                                                        \
        acc0 = OP(acc0, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + (off))), av));            \
        acc1 = OP(acc1, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + (off) + 4)), av));        \
    } while (0)

__attribute__((target("avx2"))) static void
b6_matmul_small_avx2(b6w *C, const int64_t *A, slong r, slong k, const uint64_t *Bv, slong c, slong *idx)
{
    slong t, j, i, np;
    for (t = 0; t < r; t++)
    {
        const int64_t *a = A + t * k;
        slong *ord = idx, nn = 0;
        int64_t lane[32];
        /* the terms of row t: positive coefficients first, then
           negative ones (ord[np..np+nn-1]), so the loops have no sign
           branch */
        np = 0;
        for (j = 0; j < k; j++)
            if (a[j] > 0)
                ord[np++] = j;
        for (j = 0; j < k; j++)
            if (a[j] < 0)
                ord[np + nn++] = j;
        /* four outputs at a time: each row pointer and broadcast serves
           four */
        for (i = 0; i + 4 <= c; i += 4)
        {
            __m256i z = _mm256_setzero_si256(), s0 = z, s1 = z, s2 = z, s3 = z, s4 = z, s5 = z, s6 = z,
                    s7 = z;
            for (j = 0; j < np; j++)
            {
                const uint64_t *b = Bv + 8 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(a[ord[j]]);
                B6_TERM(s0, s1, 0, _mm256_add_epi64);
                B6_TERM(s2, s3, 8, _mm256_add_epi64);
                B6_TERM(s4, s5, 16, _mm256_add_epi64);
                B6_TERM(s6, s7, 24, _mm256_add_epi64);
            }
            for (; j < np + nn; j++)
            {
                const uint64_t *b = Bv + 8 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(-a[ord[j]]);
                B6_TERM(s0, s1, 0, _mm256_sub_epi64);
                B6_TERM(s2, s3, 8, _mm256_sub_epi64);
                B6_TERM(s4, s5, 16, _mm256_sub_epi64);
                B6_TERM(s6, s7, 24, _mm256_sub_epi64);
            }
            _mm256_storeu_si256((__m256i *) lane, s0);
            _mm256_storeu_si256((__m256i *) (lane + 4), s1);
            _mm256_storeu_si256((__m256i *) (lane + 8), s2);
            _mm256_storeu_si256((__m256i *) (lane + 12), s3);
            _mm256_storeu_si256((__m256i *) (lane + 16), s4);
            _mm256_storeu_si256((__m256i *) (lane + 20), s5);
            _mm256_storeu_si256((__m256i *) (lane + 24), s6);
            _mm256_storeu_si256((__m256i *) (lane + 28), s7);
            b6_lanes_carry(C + t * c + i, lane);
            b6_lanes_carry(C + t * c + i + 1, lane + 8);
            b6_lanes_carry(C + t * c + i + 2, lane + 16);
            b6_lanes_carry(C + t * c + i + 3, lane + 24);
        }
        for (; i < c; i++)
        {
            __m256i s0 = _mm256_setzero_si256(), s1 = s0;
            for (j = 0; j < np; j++)
            {
                const uint64_t *b = Bv + 8 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(a[ord[j]]);
                B6_TERM(s0, s1, 0, _mm256_add_epi64);
            }
            for (; j < np + nn; j++)
            {
                const uint64_t *b = Bv + 8 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(-a[ord[j]]);
                B6_TERM(s0, s1, 0, _mm256_sub_epi64);
            }
            _mm256_storeu_si256((__m256i *) lane, s0);
            _mm256_storeu_si256((__m256i *) (lane + 4), s1);
            b6_lanes_carry(C + t * c + i, lane);
        }
    }
}
#undef B6_TERM

/* C (r x c) = A (r x k) Z (k x c) for entries |Z| < 2^127 given as
   Bv4: four 32-bit limbs of Z + 2^127 (non-negative, below 2^128) per
   entry, each in a 64-bit lane: one multiply instruction per term.  The
   offset is taken back by -2^127 sum_j a_j = -2^96 (2^31 sum_j a_j) in
   the top lane.  Same lane bound as b6_matmul_small_avx2. */
static inline void
b6_lanes4_carry(b6w *o, const int64_t *lane)
{
    __int128 v = (__int128) lane[0] + (__int128) ((b6u2) (__int128) lane[1] << 32);
    o->l[0] = (uint64_t) v;
    v = (v >> 64) + (__int128) lane[2] + (__int128) ((b6u2) (__int128) lane[3] << 32);
    o->l[1] = (uint64_t) v;
    v >>= 64;
    o->l[2] = (uint64_t) v;
    o->l[3] = (uint64_t) (v >> 64);
}

__attribute__((target("avx2"))) static void
b6_matmul4_avx2(b6w *C, const int64_t *A, slong r, slong k, const uint64_t *Bv4, slong c, slong *idx)
{
    slong t, j, i, np;
    for (t = 0; t < r; t++)
    {
        const int64_t *a = A + t * k;
        slong *ord = idx, nn = 0;
        int64_t lane[16], corr = 0;
        np = 0;
        for (j = 0; j < k; j++)
        {
            corr += a[j];
            if (a[j] > 0)
                ord[np++] = j;
        }
        for (j = 0; j < k; j++)
            if (a[j] < 0)
                ord[np + nn++] = j;
        corr = -(int64_t) ((uint64_t) corr << 31);
        for (i = 0; i + 4 <= c; i += 4)
        {
            __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
            for (j = 0; j < np; j++)
            {
                const uint64_t *b = Bv4 + 4 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(a[ord[j]]);
                s0 = _mm256_add_epi64(s0, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) b), av));
                s1 =
                    _mm256_add_epi64(s1, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 4)), av));
                s2 =
                    _mm256_add_epi64(s2, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 8)), av));
                s3 = _mm256_add_epi64(s3,
                                      _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 12)), av));
            }
            for (; j < np + nn; j++)
            {
                const uint64_t *b = Bv4 + 4 * (ord[j] * c + i);
                __m256i av = _mm256_set1_epi64x(-a[ord[j]]);
                s0 = _mm256_sub_epi64(s0, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) b), av));
                s1 =
                    _mm256_sub_epi64(s1, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 4)), av));
                s2 =
                    _mm256_sub_epi64(s2, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 8)), av));
                s3 = _mm256_sub_epi64(s3,
                                      _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (b + 12)), av));
            }
            _mm256_storeu_si256((__m256i *) lane, s0);
            _mm256_storeu_si256((__m256i *) (lane + 4), s1);
            _mm256_storeu_si256((__m256i *) (lane + 8), s2);
            _mm256_storeu_si256((__m256i *) (lane + 12), s3);
            lane[3] += corr;
            lane[7] += corr;
            lane[11] += corr;
            lane[15] += corr;
            b6_lanes4_carry(C + t * c + i, lane);
            b6_lanes4_carry(C + t * c + i + 1, lane + 4);
            b6_lanes4_carry(C + t * c + i + 2, lane + 8);
            b6_lanes4_carry(C + t * c + i + 3, lane + 12);
        }
        for (; i < c; i++)
        {
            __m256i s0 = _mm256_setzero_si256();
            for (j = 0; j < np; j++)
                s0 = _mm256_add_epi64(
                    s0, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (Bv4 + 4 * (ord[j] * c + i))),
                                         _mm256_set1_epi64x(a[ord[j]])));
            for (; j < np + nn; j++)
                s0 = _mm256_sub_epi64(
                    s0, _mm256_mul_epu32(_mm256_loadu_si256((const __m256i *) (Bv4 + 4 * (ord[j] * c + i))),
                                         _mm256_set1_epi64x(-a[ord[j]])));
            _mm256_storeu_si256((__m256i *) lane, s0);
            lane[3] += corr;
            b6_lanes4_carry(C + t * c + i, lane);
        }
    }
}

/* Bv (8 lanes per entry) from B */
static void
b6_split32(uint64_t *Bv, const b6w *B, slong len)
{
    slong e;
    for (e = 0; e < len; e++, Bv += 8)
    {
        uint64_t l0 = B[e].l[0], l1 = B[e].l[1], l2 = B[e].l[2], l3 = B[e].l[3];
        Bv[0] = (uint32_t) l0;
        Bv[1] = l0 >> 32;
        Bv[2] = (uint32_t) l1;
        Bv[3] = l1 >> 32;
        Bv[4] = (uint32_t) l2;
        Bv[5] = l2 >> 32;
        Bv[6] = (uint32_t) l3;
        Bv[7] = l3 >> 32;
    }
}
#endif

/* C = A B as above; Bv has room for 8 k c limbs.  The AVX2 kernel when
   simd is set, the processor has it and |A| < 2^(30 - log2 k), else the
   generic one (the same integers). */
static void
b6_matmul_small(b6w *C, const int64_t *A, slong r, slong k, const b6w *B, slong c, slong *idx, uint64_t *Bv,
                slong bA, int simd)
{
#ifdef B6_X86
    if (simd && bA + b6_clog2(k) <= 30 && __builtin_cpu_supports("avx2"))
    {
        b6_split32(Bv, B, k * c);
        b6_matmul_small_avx2(C, A, r, k, Bv, c, idx);
        return;
    }
#endif
    (void) Bv;
    (void) bA;
    (void) simd;
    b6_matmul_small_generic(C, A, r, k, B, c, idx);
}

/* r = a b mod 2^256 (r may alias neither) */
static void
b6w_mul(b6w *r, const b6w *a, const b6w *b)
{
    int i, j;
    memset(r, 0, sizeof(b6w));
    for (i = 0; i < B6_L; i++)
    {
        uint64_t c = 0;
        for (j = 0; i + j < B6_L; j++)
        {
            b6u2 p = (b6u2) a->l[i] * b->l[j] + r->l[i + j] + c;
            r->l[i + j] = (uint64_t) p;
            c = (uint64_t) (p >> 64);
        }
    }
}

/* x = x 2^sh mod 2^256, 0 <= sh */
static void
b6w_shl(b6w *x, slong sh)
{
    uint64_t a0 = x->l[0], a1 = x->l[1], a2 = x->l[2], a3 = x->l[3];
    int rb = (int) (sh & 63);
    if (rb != 0)
    {
        a3 = (a3 << rb) | (a2 >> (64 - rb));
        a2 = (a2 << rb) | (a1 >> (64 - rb));
        a1 = (a1 << rb) | (a0 >> (64 - rb));
        a0 <<= rb;
    }
    switch (sh >> 6)
    {
    case 0:
        x->l[0] = a0, x->l[1] = a1, x->l[2] = a2, x->l[3] = a3;
        break;
    case 1:
        x->l[0] = 0, x->l[1] = a0, x->l[2] = a1, x->l[3] = a2;
        break;
    case 2:
        x->l[0] = 0, x->l[1] = 0, x->l[2] = a0, x->l[3] = a1;
        break;
    case 3:
        x->l[0] = 0, x->l[1] = 0, x->l[2] = 0, x->l[3] = a0;
        break;
    default:
        memset(x, 0, sizeof(b6w));
    }
}

/* A positive scalar factor c = odd 2^sh: one limb times a shift when the
   odd part fits in a limb, else the general product. */
typedef struct
{
    int small;
    uint64_t odd;
    slong sh;
    b6w w;
} b6scal;

static void
b6scal_set(b6scal *S, const fmpz_t c)
{
    fmpz_t o;
    fmpz_init(o);
    S->sh = (slong) fmpz_val2(c);
    fmpz_fdiv_q_2exp(o, c, (ulong) S->sh);
    S->small = fmpz_bits(o) <= 64;
    if (S->small)
        S->odd = fmpz_get_ui(o);
    b6w_set_fmpz(&S->w, c);
    fmpz_clear(o);
}

/* r = c a mod 2^256 (r may alias a) */
static void
b6scal_mul(b6w *r, const b6scal *S, const b6w *a)
{
    if (S->small && S->odd == 1)
    {
        /* a power of two (a dyadic denominator): the shift alone */
        if (r != a)
            *r = *a;
        if (S->sh > 0)
            b6w_shl(r, S->sh);
    }
    else if (S->small)
    {
        /* the product by the odd part (five limbs), then the shift */
        uint64_t p0, p1, p2, p3, p4, c;
        b6u2 t;
        int rb = (int) (S->sh & 63);
        t = (b6u2) a->l[0] * S->odd;
        p0 = (uint64_t) t;
        t = (b6u2) a->l[1] * S->odd + (uint64_t) (t >> 64);
        p1 = (uint64_t) t;
        t = (b6u2) a->l[2] * S->odd + (uint64_t) (t >> 64);
        p2 = (uint64_t) t;
        t = (b6u2) a->l[3] * S->odd + (uint64_t) (t >> 64);
        p3 = (uint64_t) t;
        p4 = (uint64_t) (t >> 64);
        if (rb != 0)
        {
            p4 = (p4 << rb) | (p3 >> (64 - rb));
            p3 = (p3 << rb) | (p2 >> (64 - rb));
            p2 = (p2 << rb) | (p1 >> (64 - rb));
            p1 = (p1 << rb) | (p0 >> (64 - rb));
            p0 <<= rb;
        }
        (void) p4;
        c = 0;
        switch (S->sh >> 6)
        {
        case 0:
            r->l[0] = p0, r->l[1] = p1, r->l[2] = p2, r->l[3] = p3;
            break;
        case 1:
            r->l[0] = c, r->l[1] = p0, r->l[2] = p1, r->l[3] = p2;
            break;
        case 2:
            r->l[0] = c, r->l[1] = c, r->l[2] = p0, r->l[3] = p1;
            break;
        case 3:
            r->l[0] = c, r->l[1] = c, r->l[2] = c, r->l[3] = p0;
            break;
        default:
            memset(r, 0, sizeof(b6w));
        }
    }
    else
    {
        b6w t = *a;
        b6w_mul(r, &S->w, &t);
    }
}

/* r = a - b mod 2^256 (r may alias a or b) */
static inline void
b6w_sub(b6w *r, const b6w *a, const b6w *b)
{
    b6w nb;
    /* -b = ~b + 1 */
    b6u2 t = (b6u2) (~b->l[0]) + 1;
    nb.l[0] = (uint64_t) t;
    t = (b6u2) (~b->l[1]) + (uint64_t) (t >> 64);
    nb.l[1] = (uint64_t) t;
    t = (b6u2) (~b->l[2]) + (uint64_t) (t >> 64);
    nb.l[2] = (uint64_t) t;
    nb.l[3] = ~b->l[3] + (uint64_t) (t >> 64);
    b6w_add(r, a, &nb);
}

/* the integers Xn, Pn as int64 when each fits in 62 bits, else 0 */
static int
b6_small_mat(int64_t *out, const fmpz_mat_t A)
{
    slong i, j, r = fmpz_mat_nrows(A), c = fmpz_mat_ncols(A);
    if (fmpz_mat_max_bits(A) > 62 || fmpz_mat_max_bits(A) < -62)
        return 0;
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            out[i * c + j] = (int64_t) fmpz_get_si(fmpz_mat_entry(A, i, j));
    return 1;
}

/* The data set's tables for the fixed-width path, kept in C from one
   call to the next (C->fastcache): Xn, Pn and Qn as machine integers,
   their bit sizes, and the buffers for width n.  Valid for a data set
   equal to the one they were made from, which every call checks entry
   by entry (not by address: a data set can be set again in place). */
typedef struct
{
    slong m, d, n;
    int full;
    int usable; /* the entries fit the fixed-width path */
    int qok;    /* Qn fits (full data only) */
    fmpz_t delta, pi;
    slong bXn, bPn, bQ;
    int64_t *Xs, *Ps, *Qs;
    b6w *Z;
    slong *idx;
    uint64_t *Bv;
} b6_cache;

static void
b6_cache_free(void *cache)
{
    b6_cache *K = cache;
    if (K == NULL)
        return;
    fmpz_clear(K->delta);
    fmpz_clear(K->pi);
    flint_free(K->Xs);
    flint_free(K->Z);
    flint_free(K->idx);
    flint_free(K->Bv);
    flint_free(K);
}

/* 1 when the int64 matrix S equals A entry by entry */
static int
b6_mat_same(const fmpz_mat_t A, const int64_t *S)
{
    slong i, j, r = fmpz_mat_nrows(A), c = fmpz_mat_ncols(A);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            if (!fmpz_equal_si(fmpz_mat_entry(A, i, j), (slong) S[i * c + j]))
                return 0;
    return 1;
}

/* The cache of C for D and width n, rebuilt when D differs from the data
   it was made from; NULL when D does not fit the fixed-width path. */
static b6_cache *
b6_cache_get(thm4_b6_t C, const thm4_data_t D, slong n)
{
    b6_cache *K = C->fastcache;
    slong m = D->m, d = D->d, i, j, t;
    int same = K != NULL && K->m == m && K->d == d && K->full == D->full && fmpz_equal(K->delta, D->delta) &&
               fmpz_equal(K->pi, D->pi);
    if (same && K->usable)
        same = b6_mat_same(D->Xn, K->Xs) && (!D->full || b6_mat_same(D->Pn, K->Ps));
    if (!same)
    {
        b6_cache_free(K);
        K = flint_calloc(1, sizeof(b6_cache));
        C->fastcache = K;
        K->m = m;
        K->d = d;
        K->full = D->full;
        fmpz_init_set(K->delta, D->delta);
        fmpz_init_set(K->pi, D->pi);
        K->bXn = FLINT_ABS(fmpz_mat_max_bits(D->Xn));
        K->bPn = D->full ? FLINT_ABS(fmpz_mat_max_bits(D->Pn)) : 0;
        /* the lazy accumulators need |X entries| < 2^(62 - log2 d), |P
           entries| < 2^(62 - log2 m) */
        K->usable = K->bXn + b6_clog2(d) <= 62 && K->bPn + b6_clog2(m) <= 62 &&
                    (!D->full || (slong) (fmpz_bits(D->pi) + fmpz_bits(D->delta)) <= 60);
        if (K->usable)
        {
            K->Xs = flint_malloc(sizeof(int64_t) * (size_t) (2 * m * d + d * d));
            K->Ps = K->Xs + m * d;
            K->Qs = K->Ps + m * d;
            b6_small_mat(K->Xs, D->Xn);
            if (D->full)
                b6_small_mat(K->Ps, D->Pn);
            /* Qn = pi delta I - Pn Xn (d x d), exactly: in 64 bits (|Pn
               Xn| < 2^(bPn + bXn + log2 m) <= 2^59 and pi delta < 2^60) */
            K->qok = D->full && K->bPn + K->bXn + b6_clog2(m) <= 59;
            K->bQ = 0;
            if (K->qok)
            {
                int64_t pd = (int64_t) fmpz_get_si(D->pi) * (int64_t) fmpz_get_si(D->delta);
                for (j = 0; j < d; j++)
                {
                    int64_t *qrow = K->Qs + j * d;
                    for (i = 0; i < d; i++)
                        qrow[i] = j == i ? pd : 0;
                    for (t = 0; t < m; t++)
                    {
                        int64_t pj = K->Ps[j * m + t];
                        const int64_t *xr = K->Xs + t * d;
                        for (i = 0; i < d; i++)
                            qrow[i] -= pj * xr[i];
                    }
                    for (i = 0; i < d; i++)
                        K->bQ = FLINT_MAX(
                            K->bQ, (slong) FLINT_BIT_COUNT((ulong) (qrow[i] < 0 ? -qrow[i] : qrow[i])));
                }
            }
            K->idx = flint_malloc(sizeof(slong) * (size_t) (2 * FLINT_MAX(m, d)));
        }
    }
    if (!K->usable)
        return NULL;
    if (K->n < n)
    {
        flint_free(K->Z);
        flint_free(K->Bv);
        K->Z = flint_malloc(sizeof(b6w) * (size_t) (2 * d * n + 3 * m * n));
        K->Bv = flint_malloc(sizeof(uint64_t) * (size_t) (8 * n * FLINT_MAX(m, d)));
        K->n = n;
    }
    return K;
}

/* Returns 0 when B.6's event holds for the signs C->a, C->b (C->chosen then names the
   chosen neuron of each point); else sets C->bad_t to the first point without one and
   returns THM4_B6_NO_NEURON. */
static inline int
b6_event(thm4_b6_t C, const fmpq *ybar, slong n, slong m)
{
    slong t;

    if (thm4_event_b6(C->chosen, C->a, C->b, ybar, n, m))
        return 0;
    for (t = 0; t < m && C->chosen[t] >= 0; t++)
        ;
    C->bad_t = t;
    return THM4_B6_NO_NEURON;
}

/* Sets C->W (n x d) to W'_{i,j} = z'_{i,j} / v_i from C->Zn over C->zden, and C->have_w;
   q, r are scratch. */
static void
b6_set_w(thm4_b6_t C, const double *v, slong n, slong d, fmpq_t q, fmpq_t r)
{
    slong i, j;

    fmpq_mat_clear(C->W);
    fmpq_mat_init(C->W, n, d);
    for (i = 0; i < n; i++)
    {
        bc_fmpq_set_d(r, v[i]);
        for (j = 0; j < d; j++)
        {
            fmpq_set_fmpz_frac(q, fmpz_mat_entry(C->Zn, j, i), C->zden);
            fmpq_div(fmpq_mat_entry(C->W, i, j), q, r);
        }
    }
    C->have_w = 1;
}

/* Sets Zn (d x n, entry (j, i) = v_i w_ij 2^s) from the mantissas and exponents man, ex
   (b6_fast): when four, as the four 32-bit limbs of Zn + 2^127 in Bv (b6_matmul4_avx2),
   else as fixed-width integers in Z; bZ bounds the bits of Zn. */
static inline void
b6_fast_set_z(b6w *Z, uint64_t *Bv, const int64_t *man, const slong *ex, slong s, slong n, slong d, slong bZ,
              int four)
{
    slong i, j;

    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
        {
            __int128 p = (__int128) man[i * d + j] * man[n * d + i];
            slong sh = ex[i * d + j] + ex[n * d + i] + s;
            if (p != 0 && bZ > 126)
            {
                /* beyond 128 bits: shift in the fixed width */
                b6w_set_i128(Z + j * n + i, p);
                b6w_shl(Z + j * n + i, sh);
                continue;
            }
            if (p != 0)
                p = (__int128) ((b6u2) p << sh);
            if (four)
            {
                uint64_t *z4 = Bv + 4 * (j * n + i);
                b6u2 u = (b6u2) p + ((b6u2) 1 << 127);
                z4[0] = (uint32_t) u;
                z4[1] = (uint32_t) (u >> 32);
                z4[2] = (uint32_t) (u >> 64);
                z4[3] = (uint64_t) (u >> 96);
            }
            else
                b6w_set_i128(Z + j * n + i, p);
        }
}

/* Sets the exact signs C->a from X Z (XZ, m x n) and C->b, and C->chosen by B.6's event;
   returns 0, or THM4_B6_BOUNDARY when a sign is zero, or THM4_B6_NO_NEURON (b6_event). */
static inline int
b6_fast_signs(thm4_b6_t C, const b6w *XZ, const fmpq *ybar, slong n, slong m)
{
    slong i, t;

    for (i = 0; i < n; i++)
    {
        if (C->b[i] == 0)
            return THM4_B6_BOUNDARY;
        for (t = 0; t < m; t++)
        {
            C->a[i * m + t] = C->b[i] * b6w_sgn(XZ + t * n + i);
            if (C->a[i * m + t] == 0)
                return THM4_B6_BOUNDARY;
        }
    }
    return b6_event(C, ybar, n, m);
}

/* Sets eta to the lcm of the denominators of ybar and Uw (m x n) to Un = eta U, sparse:
   u_{chosen(t), t} = eta ybar_t; *bUn to the largest bit count of its entries. Returns 0,
   or -1 when an entry exceeds 250 bits; g is scratch. */
static inline int
b6_fast_set_u(b6w *Uw, slong *bUn, fmpz_t eta, fmpz_t g, const slong *chosen, const fmpq *ybar, slong n,
              slong m)
{
    slong t;

    fmpz_one(eta);
    for (t = 0; t < m; t++)
        fmpz_lcm(eta, eta, fmpq_denref(ybar + t));
    memset(Uw, 0, sizeof(b6w) * (size_t) (m * n));
    for (t = 0; t < m; t++)
    {
        fmpz_divexact(g, eta, fmpq_denref(ybar + t));
        fmpz_mul(g, g, fmpq_numref(ybar + t));
        *bUn = FLINT_MAX(*bUn, (slong) fmpz_bits(g));
        if (fmpz_bits(g) > 250)
            return -1;
        b6w_set_fmpz(Uw + t * n + chosen[t], g);
    }
    return 0;
}

/* Adds to Zp (d x n) the product S1 (Pn Un), with Pn in Ps (d x m) and Un in Uw: column
   chosen(t) of Pn Un gains Pn[., t] u_t. */
static inline void
b6_fast_add_pu(b6w *Zp, const int64_t *Ps, const b6w *Uw, const b6scal *S1, const slong *chosen, slong n,
               slong m, slong d)
{
    slong i, j, t;

    for (t = 0; t < m; t++)
    {
        b6w du;
        i = chosen[t];
        b6scal_mul(&du, S1, Uw + t * n + i);
        for (j = 0; j < d; j++)
        {
            int64_t a = Ps[j * m + t];
            b6w pu;
            if (a == 0)
                continue;
            b6scal_mul(&pu, &(b6scal){1, (uint64_t) (a < 0 ? -a : a), 0, {{0, 0, 0, 0}}}, &du);
            if (a < 0)
                b6w_sub(Zp + j * n + i, Zp + j * n + i, &pu);
            else
                b6w_add(Zp + j * n + i, Zp + j * n + i, &pu);
        }
    }
}

/* Returns whether XZp (m x n) equals S1 Un, Un in Uw (0 off the chosen neurons). */
static inline int
b6_fast_verify(const b6w *XZp, const b6w *Uw, const b6scal *S1, const slong *chosen, slong n, slong m)
{
    slong i, t;
    b6w w3;
    int ok = 1;

    for (t = 0; t < m && ok; t++)
        for (i = 0; i < n && ok; i++)
        {
            /* the right side is 0 off the chosen neurons */
            if (i == chosen[t])
                b6scal_mul(&w3, S1, Uw + t * n + i);
            else
                memset(&w3, 0, sizeof(b6w));
            ok = b6w_equal(XZp + t * n + i, &w3);
        }
    return ok;
}

/* Sets C->loss to the loss with the ReLUs once X Z' = U exactly (checked): the prediction
   at x_t is the sum of the u_{i,t} with b_i u_{i,t} > 0; C->attains to whether it equals
   alpha. q, r are scratch. */
static inline void
b6_fast_loss(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha, fmpq_t q, fmpq_t r)
{
    slong i, t, m = D->m;

    fmpq_zero(r);
    for (t = 0; t < m; t++)
    {
        fmpq_zero(q);
        i = C->chosen[t];
        if (C->b[i] * fmpq_sgn(ybar + t) > 0)
            fmpq_set(q, ybar + t);
        fmpq_sub(q, q, D->y + t);
        fmpq_mul(q, q, q);
        fmpq_add(r, r, q);
    }
    div_by_m(r, m);
    fmpq_set(C->loss, r);
    C->attains = fmpq_equal(C->loss, alpha);
}

/* The construction on fixed-width integers, in the form
       Z' = Q Z + P U,  Q = I - P X = Qn / (pi delta),  Qn = pi delta I - Pn Xn,
   the same rational Z' as Z + P (U - X Z) over the same denominator
   zeta = pi eta delta 2^s:  Zn' = eta Qn Zn + delta 2^s Pn Un.  U has
   one non-zero per point, so P U costs m d products and the one large
   product is Qn Zn.  man, ex: the mantissas and exponents of W (n d
   entries) then v (n); s the common shift; maxsh the largest shift of a
   product, so |Zn| < 2^(106 + maxsh).  When signs_known, C->a, C->b and
   C->chosen hold the exact signs and B.6's event holds (from the
   filter); else the signs are decided here from X Z exactly.  Returns
   the status when it decided (THM4_B6_OK with every verification
   passed, or BOUNDARY, NO_NEURON, RANK), or -1 when the general path
   must (a bound too large, or a verification failed: the general path
   then reports it with every field). */
static int
b6_fast(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha, const double *v,
        const int64_t *man, const slong *ex, slong s, slong maxsh, slong n, int build_w, int signs_known,
        int simd)
{
    slong m = D->m, d = D->d, i, j, t, bXn, bPn, bQ, bZ, bXZ, bUn = 0, bZp, bXZp, brhs;
    int four = 0;
    int64_t *Xs, *Ps, *Qs;
    b6w *Z, *XZ, *Zp, *XZp, *Uw;
    b6scal S1, S2;
    slong *acc;
    uint64_t *Bv;
    int status = -1, st;
    fmpz_t eta, g, h;
    fmpq_t q, r;
    b6_cache *K = b6_cache_get(C, D, n);

    if (K == NULL)
        return -1;
    bXn = K->bXn;
    bPn = K->bPn;
    bQ = K->bQ;
    bZ = 106 + maxsh;
    bXZ = bXn + bZ + b6_clog2(d);
    if (bXZ > 254)
        return -1;

    Xs = K->Xs;
    Ps = K->Ps;
    Qs = K->Qs;
    Z = K->Z;
    Zp = Z + d * n;
    XZ = Zp + d * n;
    XZp = XZ + m * n;
    Uw = XZp + m * n;
    acc = K->idx;
    Bv = K->Bv;
    fmpz_init(eta);
    fmpz_init(g);
    fmpz_init(h);
    fmpq_init(q);
    fmpq_init(r);

    /* Zn (d x n, entry (j, i) = v_i w_ij 2^s): when it fits in 127 bits
       and the processor has AVX2, as the four 32-bit limbs of Zn + 2^127
       (b6_matmul4_avx2), else as fixed-width integers */
#ifdef B6_X86
    four = bZ <= 126 && (!K->qok || bQ + b6_clog2(d) <= 30) && bXn + b6_clog2(d) <= 30 && simd &&
           __builtin_cpu_supports("avx2");
#endif
    b6_fast_set_z(Z, Bv, man, ex, s, n, d, bZ, four);

    if (!signs_known)
    {
        /* X Z and the exact signs */
#ifdef B6_X86
        if (four)
            b6_matmul4_avx2(XZ, Xs, m, d, Bv, n, acc);
        else
#endif
            b6_matmul_small(XZ, Xs, m, d, Z, n, acc, Bv, bXn, simd);
        st = b6_fast_signs(C, XZ, ybar, n, m);
        if (st != 0)
        {
            status = st;
            goto done;
        }
    }
    if (!D->full)
    {
        status = THM4_B6_RANK;
        goto done;
    }
    if (!K->qok)
        goto done;

    /* Un = eta U, sparse: u_{chosen(t), t} = eta ybar_t */
    if (b6_fast_set_u(Uw, &bUn, eta, g, C->chosen, ybar, n, m) != 0)
        goto done;
    /* bounds of everything read below */
    fmpz_mul(h, D->pi, eta);
    fmpz_mul(h, h, D->delta);
    bZp = FLINT_MAX((slong) fmpz_bits(eta) + bQ + bZ + b6_clog2(d),
                    (slong) fmpz_bits(D->delta) + s + bPn + bUn + b6_clog2(m)) +
          1;
    bXZp = bXn + bZp + b6_clog2(d);
    brhs = 2 * (slong) fmpz_bits(D->delta) + (slong) fmpz_bits(D->pi) + s + bUn;
    if (bXZp > 254 || bZp > 254 || brhs > 254 || bQ + b6_clog2(d) > 62 || (slong) fmpz_bits(eta) > 250)
        goto done;

        /* Zn' = eta (Qn Zn) + delta 2^s (Pn Un) */
#ifdef B6_X86
    if (four)
        b6_matmul4_avx2(Zp, Qs, d, d, Bv, n, acc);
    else
#endif
        b6_matmul_small(Zp, Qs, d, d, Z, n, acc, Bv, bQ, simd);
    b6scal_set(&S2, eta);
    for (j = 0; j < d * n; j++)
        b6scal_mul(Zp + j, &S2, Zp + j);
    fmpz_mul_2exp(g, D->delta, (ulong) s);
    b6scal_set(&S1, g);
    b6_fast_add_pu(Zp, Ps, Uw, &S1, C->chosen, n, m, d);

    /* verification from the built Z' alone: X Z' = delta^2 pi 2^s Un */
    b6_matmul_small(XZp, Xs, m, d, Zp, n, acc, Bv, bXn, simd);
    fmpz_mul(g, D->delta, D->delta);
    fmpz_mul(g, g, D->pi);
    fmpz_mul_2exp(g, g, (ulong) s);
    b6scal_set(&S1, g);
    if (!b6_fast_verify(XZp, Uw, &S1, C->chosen, n, m))
        goto done;
    C->solved = 1;
    /* the closed cell: a_{i,t} sign <w'_i, x_t> >= 0, sign <w'_i, x_t> =
       b_i sign (X Z')_{t,i} */
    C->in_cell = 1;
    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
            if (C->a[i * m + t] * C->b[i] * b6w_sgn(XZp + t * n + i) < 0)
                C->in_cell = 0;
    if (!C->in_cell)
        goto done;
    b6_fast_loss(C, D, ybar, alpha, q, r);
    if (!C->attains)
        goto done;

    if (build_w)
    {
        /* the fields of the general path: Zn', zeta, X Z', W' */
        for (j = 0; j < d; j++)
            for (i = 0; i < n; i++)
                b6w_get_fmpz(fmpz_mat_entry(C->Zn, j, i), Zp + j * n + i);
        for (t = 0; t < m; t++)
            for (i = 0; i < n; i++)
                b6w_get_fmpz(fmpz_mat_entry(C->XZn, t, i), XZp + t * n + i);
        fmpz_mul_2exp(C->zden, h, (ulong) s);
        b6_set_w(C, v, n, d, q, r);
    }
    status = THM4_B6_OK;

done:
    if (status < 0)
        C->solved = C->in_cell = C->attains = 0;
    fmpz_clear(eta);
    fmpz_clear(g);
    fmpz_clear(h);
    fmpq_clear(q);
    fmpq_clear(r);
    return status;
}
#endif

#ifdef B6_X86
/* The filter below with AVX2, four points at a time (the points
   transposed into xt, d x m4, m4 = m rounded up to 4, padding 0): z by
   fused multiply-adds (one rounding per term instead of two: the same
   bound holds), A by the rounded |w_j x_j|. */
__attribute__((target("avx2,fma"))) static int
b6_signs_filter_avx2(int *a, const double *xt, slong m, slong m4, slong d, const double *W, slong n)
{
    const __m256d gam = _mm256_set1_pd(1.01 * (double) (d + 1) * 0x1p-53),
                  inflate = _mm256_set1_pd(1.0 + 4.0 * (double) (d + 8) * 0x1p-53),
                  eta = _mm256_set1_pd((double) (d + 2) * 0x1p-1074), absmask = _mm256_set1_pd(-0.0),
                  inf = _mm256_set1_pd(INFINITY);
    slong i, t, j, q;
    int undecided = 0;
    for (i = 0; i < n && !undecided; i++)
    {
        const double *w = W + i * d;
        for (t = 0; t < m4; t += 4)
        {
            __m256d z = _mm256_setzero_pd(), A = z, bound, pos, neg, fin;
            int mp, mn, mf;
            for (j = 0; j < d; j++)
            {
                __m256d wj = _mm256_broadcast_sd(w + j), x = _mm256_loadu_pd(xt + j * m4 + t);
                __m256d p = _mm256_mul_pd(wj, x);
                z = _mm256_fmadd_pd(wj, x, z);
                A = _mm256_add_pd(A, _mm256_andnot_pd(absmask, p));
            }
            bound = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(gam, A), inflate), eta);
            pos = _mm256_cmp_pd(z, bound, _CMP_GT_OQ);
            neg = _mm256_cmp_pd(z, _mm256_sub_pd(_mm256_setzero_pd(), bound), _CMP_LT_OQ);
            /* finite: |z| < inf and bound < inf (NaN compares false) */
            fin = _mm256_and_pd(_mm256_cmp_pd(_mm256_andnot_pd(absmask, z), inf, _CMP_LT_OQ),
                                _mm256_cmp_pd(bound, inf, _CMP_LT_OQ));
            mp = _mm256_movemask_pd(_mm256_and_pd(pos, fin));
            mn = _mm256_movemask_pd(_mm256_and_pd(neg, fin));
            mf = mp | mn;
            for (q = 0; q < 4 && t + q < m; q++)
            {
                if (!((mf >> q) & 1))
                    undecided = 1;
                a[i * m + t + q] = ((mp >> q) & 1) ? 1 : -1;
            }
        }
    }
    _mm256_zeroupper();
    return undecided;
}
#endif

/* a[i m + t] = sign <w_i, x_t>, b[i] = sign v_i from doubles, for
   dyadic data (D->Xd exact): four interleaved partial sums (not bound
   by one accumulator's latency) and the a-priori bound of any summation
   order of d products, gamma_d sum |w_j x_j| + d eta (Higham, Sec. 3.1),
   over-estimated as in thm4_signs: 1.01 (d + 1) u, the rounding of the
   bound's own sums covered by the factor 1 + 4 (d + 8) u, plus
   (d + 2) eta.  Returns 0 when every <w_i, x_t> is decided (then
   non-zero; b[i] is 0 for v_i = 0), else 1 (the caller decides
   exactly). */
static int
b6_signs_filter(int *a, int *b, const thm4_data_t D, const double *W, const double *v, slong n, int simd)
{
    slong i, t, j, m = D->m, d = D->d;
    (void) simd;
#ifdef B6_X86
    if (simd && d <= 4096 && m <= 4096 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    {
        slong m4 = (m + 3) & ~(slong) 3;
        double *xt = flint_calloc((size_t) (d * m4), sizeof(double));
        int und;
        for (t = 0; t < m; t++)
            for (j = 0; j < d; j++)
                xt[j * m4 + t] = D->Xd[t * d + j];
        for (i = 0; i < n; i++)
            b[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        und = b6_signs_filter_avx2(a, xt, m, m4, d, W, n);
        flint_free(xt);
        return und;
    }
#endif
    double gam = 1.01 * (double) (d + 1) * 0x1p-53, inflate = 1.0 + 4.0 * (double) (d + 8) * 0x1p-53;
    for (i = 0; i < n; i++)
    {
        const double *w = W + i * d;
        b[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        for (t = 0; t < m; t++)
        {
            const double *x = D->Xd + t * d;
            double z[4] = {0.0, 0.0, 0.0, 0.0}, A[4] = {0.0, 0.0, 0.0, 0.0}, zz, AA, bound;
            for (j = 0; j + 4 <= d; j += 4)
            {
                double p0 = w[j] * x[j], p1 = w[j + 1] * x[j + 1], p2 = w[j + 2] * x[j + 2],
                       p3 = w[j + 3] * x[j + 3];
                z[0] += p0;
                z[1] += p1;
                z[2] += p2;
                z[3] += p3;
                A[0] += fabs(p0);
                A[1] += fabs(p1);
                A[2] += fabs(p2);
                A[3] += fabs(p3);
            }
            for (; j < d; j++)
            {
                double p = w[j] * x[j];
                z[0] += p;
                A[0] += fabs(p);
            }
            zz = (z[0] + z[1]) + (z[2] + z[3]);
            AA = (A[0] + A[1]) + (A[2] + A[3]);
            bound = gam * AA * inflate + (double) (d + 2) * 0x1p-1074;
            if (!isfinite(zz) || !isfinite(bound) || !(zz > bound || zz < -bound))
                return 1;
            a[i * m + t] = zz > bound ? 1 : -1;
        }
    }
    return 0;
}

/* 1 when some sign of (a, b) is 0 */
static int
b6_signs_boundary(const int *a, const int *b, slong n, slong m)
{
    slong i, t;
    for (i = 0; i < n; i++)
    {
        if (b[i] == 0)
            return 1;
        for (t = 0; t < m; t++)
            if (a[i * m + t] == 0)
                return 1;
    }
    return 0;
}

int
thm4_b6_construct(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha, const double *W,
                  const double *v, slong n, int build_w)
{
    return _thm4_b6_construct_impl(C, D, ybar, alpha, W, v, n, build_w, 1);
}

/* Sets man, ex (n (d + 1) entries each) to the mantissas and exponents of W (n x d) then
   v (n), and C->b to the signs of v; returns the common shift s >= 0 that makes every
   nonzero v_i w_ij an integer times 2^-s. */
static slong
b6_split_wv(int64_t *man, slong *ex, thm4_b6_t C, const double *W, const double *v, slong n, slong d)
{
    slong i, j, emin = 0;

    for (i = 0; i < n; i++)
    {
        d_split(v[i], man + n * d + i, ex + n * d + i);
        C->b[i] = v[i] > 0.0 ? 1 : (v[i] < 0.0 ? -1 : 0);
        for (j = 0; j < d; j++)
        {
            d_split(W[i * d + j], man + i * d + j, ex + i * d + j);
            if (man[i * d + j] != 0 && v[i] != 0.0)
                emin = FLINT_MIN(emin, ex[i * d + j] + ex[n * d + i]);
        }
    }
    return -emin;
}

/* Sets C->Zn (d x n) to Zn = (v_i w_i 2^s)_i exactly, from man, ex (b6_split_wv). */
static void
b6_set_zn(thm4_b6_t C, const int64_t *man, const slong *ex, slong s, slong n, slong d)
{
    slong i, j;

    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
        {
            fmpz *z = fmpz_mat_entry(C->Zn, j, i);
            fmpz_set_si(z, (slong) man[i * d + j]);
            fmpz_mul_si(z, z, (slong) man[n * d + i]);
            if (!fmpz_is_zero(z))
                fmpz_mul_2exp(z, z, (ulong) (ex[i * d + j] + ex[n * d + i] + s));
        }
}

/* Sets C->XZn = Xn Zn and the exact signs C->a from it: sign <z_i, x_t> = b_i a_{i,t};
   C->chosen by B.6's event. Returns 0 when the event holds and X has full rank, else the
   status: THM4_B6_BOUNDARY, THM4_B6_NO_NEURON or THM4_B6_RANK. */
static int
b6_exact_signs(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, slong n)
{
    slong i, t, m = D->m;
    int st;

    fmpz_mat_mul(C->XZn, D->Xn, C->Zn);
    for (i = 0; i < n; i++)
    {
        if (C->b[i] == 0)
            return THM4_B6_BOUNDARY;
        for (t = 0; t < m; t++)
        {
            C->a[i * m + t] = C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i));
            if (C->a[i * m + t] == 0)
                return THM4_B6_BOUNDARY;
        }
    }
    st = b6_event(C, ybar, n, m);
    if (st != 0)
        return st;
    if (!D->full)
        return THM4_B6_RANK;
    return 0;
}

/* Sets C->solved, C->in_cell, C->loss and C->attains for Z' = C->Zn / C->zden: whether
   X Z' = U (XZn = Xn Zn' over delta zeta = g, with eta XZn == g Un), whether (W', v) lies
   in the closed cell of (W, v), and the network's loss there with its ReLUs. h, q, r are
   scratch. */
static void
b6_exact_verify(thm4_b6_t C, const thm4_data_t D, const fmpz_mat_t Un, const fmpz_t eta, const fmpz_t g,
                const fmpq_t alpha, slong n, fmpz_t h, fmpq_t q, fmpq_t r)
{
    slong i, t, m = D->m;

    C->solved = 1;
    for (t = 0; t < m && C->solved; t++)
        for (i = 0; i < n && C->solved; i++)
        {
            /* eta XZn == delta zeta Un */
            fmpz_mul(h, fmpz_mat_entry(C->XZn, t, i), eta);
            fmpz_submul(h, fmpz_mat_entry(Un, t, i), g);
            C->solved = fmpz_is_zero(h);
        }

    /* the closed cell of (W, v): a_{i,t} <w'_i, x_t> >= 0, where
       sign <w'_i, x_t> = b_i sign (X Z')_{t,i} */
    C->in_cell = 1;
    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
            if (C->a[i * m + t] * C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i)) < 0)
                C->in_cell = 0;

    /* the network's loss at (W', v) with its ReLUs:
       v_i [<w'_i, x_t>]_+ = (X Z')_{t,i} when <w'_i, x_t> > 0, else 0 */
    fmpq_zero(r);
    for (t = 0; t < m; t++)
    {
        fmpz_zero(h);
        for (i = 0; i < n; i++)
            if (C->b[i] * fmpz_sgn(fmpz_mat_entry(C->XZn, t, i)) > 0)
                fmpz_add(h, h, fmpz_mat_entry(C->XZn, t, i));
        fmpq_set_fmpz_frac(q, h, g);
        fmpq_sub(q, q, D->y + t);
        fmpq_mul(q, q, q);
        fmpq_add(r, r, q);
    }
    div_by_m(r, m);
    fmpq_set(C->loss, r);
    C->attains = fmpq_equal(C->loss, alpha);
}

int
_thm4_b6_construct_impl(thm4_b6_t C, const thm4_data_t D, const fmpq *ybar, const fmpq_t alpha,
                        const double *W, const double *v, slong n, int build_w, int fast)
{
    int signs_known = 0, simd = !(fast & THM4_B6_PORTABLE), status;
    slong m = D->m, d = D->d, i, j, t, s;
    int64_t *man;
    slong *ex;
    fmpz_mat_t Un, Rn, T;
    fmpz_t eta, g, h;
    fmpq_t q, r;

    fast &= ~THM4_B6_PORTABLE;
    b6_resize(C, n, m, d);

    /* the signs first, by a rigorous double filter: most instances of
       small width fail B.6's event, and need nothing else.  When the
       filter cannot tell a sign, the construction below decides them
       all exactly. */
    if (fast && fast != 3 && D->dyadic && b6_signs_filter(C->a, C->b, D, W, v, n, simd) == 0)
    {
        signs_known = 1;
        if (b6_signs_boundary(C->a, C->b, n, m))
        {
            C->status = THM4_B6_BOUNDARY;
            return C->status;
        }
        if (b6_event(C, ybar, n, m) != 0)
        {
            C->status = THM4_B6_NO_NEURON;
            return C->status;
        }
    }

    /* Z = (v_i w_i)_i exactly, over the common exponent -s <= 0 */
    man = flint_malloc(sizeof(int64_t) * (size_t) (n * (d + 1)));
    ex = flint_malloc(sizeof(slong) * (size_t) (n * (d + 1)));
    s = b6_split_wv(man, ex, C, W, v, n, d);
#ifdef B6_FAST
    if (fast)
    {
        slong maxsh = 0;
        int st;
        for (i = 0; i < n; i++)
            for (j = 0; j < d; j++)
                if (man[i * d + j] != 0 && v[i] != 0.0)
                    maxsh = FLINT_MAX(maxsh, ex[i * d + j] + ex[n * d + i] + s);
        st = b6_fast(C, D, ybar, alpha, v, man, ex, s, maxsh, n, build_w, signs_known, simd);
        if (st >= 0 || fast >= 2)
        {
            flint_free(man);
            flint_free(ex);
            C->status = st;
            return st;
        }
    }
#else
    if (fast >= 2)
    {
        flint_free(man);
        flint_free(ex);
        C->status = -1;
        return -1;
    }
#endif
    b6_set_zn(C, man, ex, s, n, d);
    flint_free(man);
    flint_free(ex);

    /* exact signs from X Z */
    status = b6_exact_signs(C, D, ybar, n);
    if (status != 0)
    {
        C->status = status;
        return C->status;
    }

    fmpz_init(eta);
    fmpz_init(g);
    fmpz_init(h);
    fmpq_init(q);
    fmpq_init(r);
    fmpz_mat_init(Un, m, n);
    fmpz_mat_init(Rn, m, n);
    fmpz_mat_init(T, d, n);

    /* Un = eta U: u_{i,t} = ybar_t for the chosen neuron i of t, else 0
       (the y'_{i,t} of B.6) */
    fmpz_one(eta);
    for (t = 0; t < m; t++)
        fmpz_lcm(eta, eta, fmpq_denref(ybar + t));
    for (t = 0; t < m; t++)
    {
        fmpz *u = fmpz_mat_entry(Un, t, C->chosen[t]);
        fmpz_divexact(u, eta, fmpq_denref(ybar + t));
        fmpz_mul(u, u, fmpq_numref(ybar + t));
    }

    /* Rn = delta 2^s Un - eta Xn Zn */
    fmpz_mul_2exp(g, D->delta, (ulong) s);
    fmpz_mat_scalar_mul_fmpz(Rn, Un, g);
    fmpz_mat_scalar_submul_fmpz(Rn, C->XZn, eta);

    /* Zn' = pi eta delta Zn + Pn Rn, zeta = pi eta delta 2^s */
    fmpz_mul(h, D->pi, eta);
    fmpz_mul(h, h, D->delta);
    fmpz_mat_mul(T, D->Pn, Rn);
    fmpz_mat_scalar_mul_fmpz(C->Zn, C->Zn, h);
    fmpz_mat_add(C->Zn, C->Zn, T);
    fmpz_mul_2exp(C->zden, h, (ulong) s);

    /* verification, from the built Z' alone: X Z' = XZn / (delta zeta) */
    fmpz_mat_mul(C->XZn, D->Xn, C->Zn);
    fmpz_mul(g, D->delta, C->zden);
    b6_exact_verify(C, D, Un, eta, g, alpha, n, h, q, r);

    /* W'_{i,j} = z'_{i,j} / v_i */
    if (build_w)
        b6_set_w(C, v, n, d, q, r);
    C->status = (C->solved && C->in_cell && C->attains) ? THM4_B6_OK : THM4_B6_VERIFY_FAIL;

    fmpz_mat_clear(Un);
    fmpz_mat_clear(Rn);
    fmpz_mat_clear(T);
    fmpz_clear(eta);
    fmpz_clear(g);
    fmpz_clear(h);
    fmpq_clear(q);
    fmpq_clear(r);
    return C->status;
}

int
thm4_b6_construct_d(double *Wp, const thm4_data_t D, const double *ybar, const double *W, const double *v,
                    slong n, double *work)
{
    slong m = D->m, d = D->d, i, j, t;
    double *XW = work, *R = work + n * m;
    slong *chosen = (slong *) (work + 2 * n * m); /* m slots (a double holds a slong) */

    for (i = 0; i < n; i++)
        for (t = 0; t < m; t++)
        {
            const double *w = W + i * d, *x = D->Xd + t * d;
            double z = 0.0;
            for (j = 0; j < d; j++)
                z += w[j] * x[j];
            XW[i * m + t] = z;
        }
    for (t = 0; t < m; t++)
    {
        chosen[t] = -1;
        for (i = 0; i < n && chosen[t] < 0; i++)
            if (XW[i * m + t] > 0.0 && v[i] * ybar[t] >= 0.0)
                chosen[t] = i;
        if (chosen[t] < 0)
            return 0;
    }
    for (i = 0; i < n; i++)
    {
        double *wp = Wp + i * d;
        const double *w = W + i * d;
        for (t = 0; t < m; t++)
            R[t] = (chosen[t] == i ? ybar[t] / v[i] : 0.0) - XW[i * m + t];
        for (j = 0; j < d; j++)
        {
            double z = w[j];
            const double *p = D->Pd + j * m;
            for (t = 0; t < m; t++)
                z += p[t] * R[t];
            wp[j] = z;
        }
        /* check X w'_i against its targets */
        for (t = 0; t < m; t++)
        {
            const double *x = D->Xd + t * d;
            double z = 0.0, target = chosen[t] == i ? ybar[t] / v[i] : 0.0, sc = fabs(target) + 1.0;
            for (j = 0; j < d; j++)
                z += wp[j] * x[j];
            if (fabs(z - target) > 1e-9 * sc)
                return 0;
        }
    }
    return 1;
}

int
thm4_solvable(const fmpq_mat_t X, const fmpq *u)
{
    slong m = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), t, j, r1, r2;
    fmpq_mat_t A;
    fmpz_mat_t N;
    fmpz_t den;

    fmpq_mat_init(A, m, d + 1);
    fmpz_mat_init(N, m, d + 1);
    fmpz_init(den);
    for (t = 0; t < m; t++)
    {
        for (j = 0; j < d; j++)
            fmpq_set(fmpq_mat_entry(A, t, j), fmpq_mat_entry(X, t, j));
        fmpq_set(fmpq_mat_entry(A, t, d), u + t);
    }
    fmpq_mat_get_fmpz_mat_matwise(N, den, A);
    r2 = fmpz_mat_rank(N);
    {
        fmpz_mat_t W;
        fmpz_mat_window_init(W, N, 0, 0, m, d);
        r1 = fmpz_mat_rank(W);
        fmpz_mat_window_clear(W);
    }
    fmpq_mat_clear(A);
    fmpz_mat_clear(N);
    fmpz_clear(den);
    return r1 == r2;
}

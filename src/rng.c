/* rng.c -- Philox4x32-10 (Salmon et al., SC 2011) as a counter-based
   generator: the output for counter c under key k is a fixed bijective
   mixing of c, so streams indexed by (seed, check, sample) are
   reproducible and independent of scheduling.

   Bit-level definition (for independent re-implementations).
   - Philox4x32-10: words (c0, c1, c2, c3), key (k0, k1); ten rounds of
       (p0, p1) = (0xD2511F53 c0, 0xCD9E8D57 c2)  as 64-bit products,
       (c0, c1, c2, c3) = (hi(p1) ^ c1 ^ k0, lo(p1), hi(p0) ^ c3 ^ k1, lo(p0)),
       k0 += 0x9E3779B9, k1 += 0xBB67AE85  (mod 2^32),
     the key bumped after each round (the first round uses the key
     itself); the block is (c0, c1, c2, c3) after round ten.  This is the
     Random123 definition; the known-answer tests check it.
   - Key of stream (seed s, stream id c): with
       splitmix64(x): x += 0x9E3779B97F4A7C15;
                      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
                      x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
                      return x ^ (x >> 31)            (all mod 2^64),
     K = splitmix64(s ^ splitmix64(c + 0x632BE59BD9B4E019)),
     k0 = K mod 2^32, k1 = K >> 32.
   - Stream of sample i: blocks b = 0, 1, 2, ... with counter
     (i mod 2^32, i >> 32, b mod 2^32, b >> 32); the word sequence is
     block 0's (c0, c1, c2, c3), then block 1's, ...
   - rng_u32: the next word; rng_u64: (first << 32) | second;
     rng_uniform: ((rng_u64 >> 12) + 1/2) 2^-52 (52 bits: with 53, the
     sum (2^53 - 1) + 1/2 needs 54 bits and rounds to 2^53, giving 1.0,
     and the top half rounds to even); rng_below(n): rng_u64
     redrawn while >= 2^64 - (2^64 mod n) (computed as UINT64_MAX -
     UINT64_MAX mod n), then reduced mod n.
   - Stream identifiers of named streams: FNV-1a 64 of the name's bytes. */
#include <math.h>

#include "rng.h"

#define PHILOX_M0 UINT32_C(0xD2511F53)
#define PHILOX_M1 UINT32_C(0xCD9E8D57)
#define PHILOX_W0 UINT32_C(0x9E3779B9)
#define PHILOX_W1 UINT32_C(0xBB67AE85)

/* Blocks per pass of the vectorised generator: 16 keep the state (4 x 16
   words) in registers and give the multiplier independent work. */
#define PHILOX_LANES 8

#if defined(__x86_64__) && defined(__GNUC__)
#define RNG_X86 1
#include <immintrin.h>
#endif

static uint64_t
splitmix64(uint64_t x)
{
    x += UINT64_C(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
    return x ^ (x >> 31);
}

void
_rng_philox4x32(uint32_t out[4], const uint32_t ctr[4], const uint32_t key[2])
{
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    uint32_t k0 = key[0], k1 = key[1];
    int r;

    for (r = 0; r < 10; r++)
    {
        uint64_t p0 = (uint64_t) PHILOX_M0 * c0;
        uint64_t p1 = (uint64_t) PHILOX_M1 * c2;
        uint32_t hi0 = (uint32_t) (p0 >> 32), lo0 = (uint32_t) p0;
        uint32_t hi1 = (uint32_t) (p1 >> 32), lo1 = (uint32_t) p1;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

/* Vectorised passes of PHILOX_LANES blocks with counters (c0, c1, b + l),
   l = 0..PHILOX_LANES-1, b the 64-bit block number of words 2..3.  Each
   32-bit state word of a block sits in the low half of a 64-bit SIMD
   lane, so that one unsigned 32 x 32 -> 64-bit multiply instruction
   (pmuludq, which reads only the low halves) serves several blocks and
   the high half of the product is one shift away; the junk the xors
   leave in the high halves is never read (the multiplies read low
   halves, the output keeps low halves).  Compilers do not find this
   form from plain C, hence the intrinsics; _rng_philox4x32 is the
   reference they are tested against. */
#ifdef RNG_X86
/* The round keys are kept in vectors and bumped by a vector add: the
   carries out of the low halves go to the high halves, which nothing
   reads. */
#define PHILOX_ROUNDS(V, SET1, MUL, SRLI, XOR, ADD, NV)                                                      \
    do                                                                                                       \
    {                                                                                                        \
        V m0 = SET1(PHILOX_M0), m1 = SET1(PHILOX_M1), w0 = SET1(PHILOX_W0), w1 = SET1(PHILOX_W1);            \
        V kv0 = SET1(key[0]), kv1 = SET1(key[1]);                                                            \
        int q, r;                                                                                            \
        _Pragma("GCC unroll 10") for (r = 0; r < 10; r++)                                                    \
        {                                                                                                    \
            _Pragma("GCC unroll 8") for (q = 0; q < NV; q++)                                                 \
            {                                                                                                \
                V p0 = MUL(c0[q], m0), p1 = MUL(c2[q], m1);                                                  \
                c0[q] = XOR(XOR(SRLI(p1, 32), c1[q]), kv0);                                                  \
                c2[q] = XOR(XOR(SRLI(p0, 32), c3[q]), kv1);                                                  \
                c1[q] = p1;                                                                                  \
                c3[q] = p0;                                                                                  \
            }                                                                                                \
            kv0 = ADD(kv0, w0);                                                                              \
            kv1 = ADD(kv1, w1);                                                                              \
        }                                                                                                    \
    } while (0)

__attribute__((target("avx2"))) static void
philox_pass_avx2(uint32_t *out, uint32_t ctr0, uint32_t ctr1, uint64_t b, const uint32_t key[2])
{
    __m256i c0[PHILOX_LANES / 4], c1[PHILOX_LANES / 4], c2[PHILOX_LANES / 4], c3[PHILOX_LANES / 4];
    __m256i lo = _mm256_set1_epi64x(0xFFFFFFFF);
    int q;
#pragma GCC unroll 8
    for (q = 0; q < PHILOX_LANES / 4; q++)
    {
        uint64_t b0 = b + 4 * (uint64_t) q, b1 = b0 + 1, b2 = b0 + 2, b3 = b0 + 3;
        c0[q] = _mm256_set1_epi64x(ctr0);
        c1[q] = _mm256_set1_epi64x(ctr1);
        c2[q] = _mm256_set_epi64x((uint32_t) b3, (uint32_t) b2, (uint32_t) b1, (uint32_t) b0);
        c3[q] = _mm256_set_epi64x((long long) (b3 >> 32), (long long) (b2 >> 32), (long long) (b1 >> 32),
                                  (long long) (b0 >> 32));
    }
    PHILOX_ROUNDS(__m256i, _mm256_set1_epi64x, _mm256_mul_epu32, _mm256_srli_epi64, _mm256_xor_si256,
                  _mm256_add_epi64, PHILOX_LANES / 4);
#pragma GCC unroll 8
    for (q = 0; q < PHILOX_LANES / 4; q++)
    {
        /* words (0, 1) and (2, 3) of each block as the halves of a 64-bit lane */
        __m256i ab = _mm256_or_si256(_mm256_and_si256(c0[q], lo), _mm256_slli_epi64(c1[q], 32));
        __m256i cd = _mm256_or_si256(_mm256_and_si256(c2[q], lo), _mm256_slli_epi64(c3[q], 32));
        __m256i u0 = _mm256_unpacklo_epi64(ab, cd), u1 = _mm256_unpackhi_epi64(ab, cd);
        _mm256_storeu_si256((__m256i *) (out + 16 * q), _mm256_permute2x128_si256(u0, u1, 0x20));
        _mm256_storeu_si256((__m256i *) (out + 16 * q + 8), _mm256_permute2x128_si256(u0, u1, 0x31));
    }
}

static void
philox_pass_sse2(uint32_t *out, uint32_t ctr0, uint32_t ctr1, uint64_t b, const uint32_t key[2])
{
    __m128i c0[PHILOX_LANES / 2], c1[PHILOX_LANES / 2], c2[PHILOX_LANES / 2], c3[PHILOX_LANES / 2];
    __m128i lo = _mm_set1_epi64x(0xFFFFFFFF);
    int q;
#pragma GCC unroll 8
    for (q = 0; q < PHILOX_LANES / 2; q++)
    {
        uint64_t b0 = b + 2 * (uint64_t) q, b1 = b0 + 1;
        c0[q] = _mm_set1_epi64x(ctr0);
        c1[q] = _mm_set1_epi64x(ctr1);
        c2[q] = _mm_set_epi64x((uint32_t) b1, (uint32_t) b0);
        c3[q] = _mm_set_epi64x((long long) (b1 >> 32), (long long) (b0 >> 32));
    }
    PHILOX_ROUNDS(__m128i, _mm_set1_epi64x, _mm_mul_epu32, _mm_srli_epi64, _mm_xor_si128, _mm_add_epi64,
                  PHILOX_LANES / 2);
#pragma GCC unroll 8
    for (q = 0; q < PHILOX_LANES / 2; q++)
    {
        __m128i ab = _mm_or_si128(_mm_and_si128(c0[q], lo), _mm_slli_epi64(c1[q], 32));
        __m128i cd = _mm_or_si128(_mm_and_si128(c2[q], lo), _mm_slli_epi64(c3[q], 32));
        _mm_storeu_si128((__m128i *) (out + 8 * q), _mm_unpacklo_epi64(ab, cd));
        _mm_storeu_si128((__m128i *) (out + 8 * q + 4), _mm_unpackhi_epi64(ab, cd));
    }
}
#endif

/* One pass: PHILOX_LANES blocks from block number b on, by
   implementation impl (as in _rng_philox4x32_blocks_impl; 0 the
   portable loop).  Returns 0, or -1 if impl is unavailable. */
static int
philox_pass_impl(uint32_t *out, uint32_t ctr0, uint32_t ctr1, uint64_t b, const uint32_t key[2], int impl)
{
    int l;
#ifdef RNG_X86
    if (impl == 2)
    {
        if (!__builtin_cpu_supports("avx2"))
            return -1;
        philox_pass_avx2(out, ctr0, ctr1, b, key);
        return 0;
    }
    if (impl == 1)
    {
        philox_pass_sse2(out, ctr0, ctr1, b, key);
        return 0;
    }
#endif
    if (impl != 0)
        return -1;
    for (l = 0; l < PHILOX_LANES; l++)
    {
        uint32_t c[4];
        uint64_t bl = b + (uint64_t) l;
        c[0] = ctr0;
        c[1] = ctr1;
        c[2] = (uint32_t) bl;
        c[3] = (uint32_t) (bl >> 32);
        _rng_philox4x32(out + 4 * l, c, key);
    }
    return 0;
}

static int
philox_best_impl(void)
{
#ifdef RNG_X86
    return __builtin_cpu_supports("avx2") ? 2 : 1;
#else
    return 0;
#endif
}

int
_rng_philox4x32_blocks_impl(uint32_t *out, const uint32_t ctr[4], const uint32_t key[2], slong nblocks,
                            int impl)
{
    uint64_t b = (uint64_t) ctr[2] | ((uint64_t) ctr[3] << 32);
    slong done = 0;

    if (impl < 0)
        impl = philox_best_impl();
    for (; done + PHILOX_LANES <= nblocks; done += PHILOX_LANES)
        if (philox_pass_impl(out + 4 * done, ctr[0], ctr[1], b + (uint64_t) done, key, impl) != 0)
            return -1;
    for (; done < nblocks; done++)
    {
        uint64_t bl = b + (uint64_t) done;
        uint32_t c[4];
        c[0] = ctr[0];
        c[1] = ctr[1];
        c[2] = (uint32_t) bl;
        c[3] = (uint32_t) (bl >> 32);
        _rng_philox4x32(out + 4 * done, c, key);
    }
    return 0;
}

void
_rng_philox4x32_blocks(uint32_t *out, const uint32_t ctr[4], const uint32_t key[2], slong nblocks)
{
    _rng_philox4x32_blocks_impl(out, ctr, key, nblocks, -1);
}

void
rng_init(rng_t rng, uint64_t seed, uint64_t stream, uint64_t index)
{
    /* The key mixes seed and stream so that nearby seeds and nearby
       stream identifiers give unrelated keys. */
    uint64_t k = splitmix64(seed ^ splitmix64(stream + UINT64_C(0x632BE59BD9B4E019)));
    rng->key[0] = (uint32_t) k;
    rng->key[1] = (uint32_t) (k >> 32);
    rng->ctr[0] = (uint32_t) index;
    rng->ctr[1] = (uint32_t) (index >> 32);
    rng->ctr[2] = 0;
    rng->ctr[3] = 0;
    rng->pos = 0;
    rng->len = 0;
    /* a stream that needs one block pays for one; a long one soon gets
       refills of RNG_BUF_BLOCKS */
    rng->grow = 1;
}

void
rng_clear(rng_t rng)
{
    (void) rng;
}

uint64_t
rng_stream_id(const char *name)
{
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    for (; *name; name++)
    {
        h ^= (unsigned char) *name;
        h *= UINT64_C(0x100000001B3);
    }
    return h;
}

/* Generates the next rng->grow blocks into buf (all of buf consumed). */
static void
rng_refill(rng_t rng)
{
    int nb = rng->grow;
    uint64_t b = (uint64_t) rng->ctr[2] | ((uint64_t) rng->ctr[3] << 32);

    _rng_philox4x32_blocks(rng->buf, rng->ctr, rng->key, nb);
    b += (uint64_t) nb;
    rng->ctr[2] = (uint32_t) b;
    rng->ctr[3] = (uint32_t) (b >> 32);
    rng->pos = 0;
    rng->len = 4 * nb;
    rng->grow = 2 * rng->grow < RNG_BUF_BLOCKS ? 2 * rng->grow : RNG_BUF_BLOCKS;
}

uint32_t
rng_u32(rng_t rng)
{
    if (rng->pos == rng->len)
        rng_refill(rng);
    return rng->buf[rng->pos++];
}

uint64_t
rng_u64(rng_t rng)
{
    uint64_t hi;
    if (rng->len - rng->pos >= 2)
    {
        hi = rng->buf[rng->pos];
        rng->pos += 2;
        return (hi << 32) | rng->buf[rng->pos - 1];
    }
    hi = rng_u32(rng);
    return (hi << 32) | rng_u32(rng);
}

double
rng_uniform_from_u64(uint64_t x)
{
    /* (x >> 12) + 1/2 < 2^52 has at most 53 significant bits: exact */
    return ((double) (x >> 12) + 0.5) * 0x1p-52;
}

double
rng_uniform(rng_t rng)
{
    return rng_uniform_from_u64(rng_u64(rng));
}

uint64_t
rng_below(rng_t rng, uint64_t n)
{
    /* rejection from the largest multiple of n below 2^64 */
    uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;
    do
        x = rng_u64(rng);
    while (x >= lim);
    return x % n;
}

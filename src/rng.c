/* rng.c -- Philox4x32-10 (Salmon et al., SC 2011) as a counter-based
   generator: the output for counter c under key k is a fixed bijective
   mixing of c, so streams indexed by (seed, check, sample) are
   reproducible and independent of scheduling. */
#include <math.h>

#include "rng.h"

#define PHILOX_M0 UINT32_C(0xD2511F53)
#define PHILOX_M1 UINT32_C(0xCD9E8D57)
#define PHILOX_W0 UINT32_C(0x9E3779B9)
#define PHILOX_W1 UINT32_C(0xBB67AE85)

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
    rng->pos = 4;
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

uint32_t
rng_u32(rng_t rng)
{
    if (rng->pos == 4)
    {
        _rng_philox4x32(rng->buf, rng->ctr, rng->key);
        /* words 2..3 of the counter number the blocks of one sample */
        if (++rng->ctr[2] == 0)
            rng->ctr[3]++;
        rng->pos = 0;
    }
    return rng->buf[rng->pos++];
}

uint64_t
rng_u64(rng_t rng)
{
    uint64_t hi = rng_u32(rng);
    return (hi << 32) | rng_u32(rng);
}

double
rng_uniform(rng_t rng)
{
    return ((double) (rng_u64(rng) >> 11) + 0.5) * 0x1p-53;
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

double
rng_normal(rng_t rng)
{
    double u1 = rng_uniform(rng), u2 = rng_uniform(rng);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

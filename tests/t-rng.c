/* t-rng.c -- Philox known answers, stream reproducibility and basic
   distribution properties of the samplers. */
#include <math.h>
#include <string.h>

#include "rng.h"
#include "sampler.h"
#include "testutil.h"

static void
test_philox_kat(void)
{
    /* Known-answer vectors of Philox4x32-10 (Salmon et al. 2011) */
    static const uint32_t ctr[3][4] = {{0, 0, 0, 0},
                                       {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                                       {0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}};
    static const uint32_t key[3][2] = {{0, 0}, {0xffffffffu, 0xffffffffu}, {0xa4093822u, 0x299f31d0u}};
    static const uint32_t want[3][4] = {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u},
                                        {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu},
                                        {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}};
    int v, i;
    for (v = 0; v < 3; v++)
    {
        uint32_t out[4];
        _rng_philox4x32(out, ctr[v], key[v]);
        for (i = 0; i < 4; i++)
            if (out[i] != want[v][i])
            {
                TEST_REPORT("philox known answer", "vector %d word %d: got %08x want %08x", v, i, out[i],
                            want[v][i]);
                CU_FAIL("philox known answer");
            }
    }
}

/* The vectorised block generator, by every implementation this machine
   has, against the reference block function; counters across the carry
   from word 2 to word 3 and across the wrap of the 64-bit block number;
   and the stream of rng_u32 (refills of growing size) against the
   reference blocks of counter (i, b). */
static void
test_philox_blocks(void)
{
    static const uint64_t starts[] = {0, 1, UINT64_C(0xFFFFFFF0), UINT64_C(0xFFFFFFFFFFFFFFF5), 12345};
    uint32_t got[4 * 120], want[4 * 120];
    slong it, nb, b;
    int impl, s, ran[3] = {0, 0, 0};
    rng_t r;

    rng_init(r, test_seed(), rng_stream_id("t-rng/blocks"), 0);
    for (it = 0; it < test_iters(40); it++)
        for (s = 0; s < 5; s++)
        {
            uint32_t ctr[4], key[2];
            uint64_t b0 = starts[s] + (s == 4 ? rng_u64(r) : 0);
            ctr[0] = rng_u32(r);
            ctr[1] = rng_u32(r);
            ctr[2] = (uint32_t) b0;
            ctr[3] = (uint32_t) (b0 >> 32);
            key[0] = rng_u32(r);
            key[1] = rng_u32(r);
            nb = (slong) rng_below(r, 120);
            for (b = 0; b < nb; b++)
            {
                uint32_t c[4];
                uint64_t bb = b0 + (uint64_t) b;
                c[0] = ctr[0];
                c[1] = ctr[1];
                c[2] = (uint32_t) bb;
                c[3] = (uint32_t) (bb >> 32);
                _rng_philox4x32(want + 4 * b, c, key);
            }
            for (impl = 0; impl <= 2; impl++)
            {
                if (_rng_philox4x32_blocks_impl(got, ctr, key, nb, impl) != 0)
                    continue;
                ran[impl]++;
                if (memcmp(got, want, sizeof(uint32_t) * 4 * (size_t) nb) != 0)
                {
                    TEST_REPORT("vectorised Philox equals the reference", "impl=%d start=%llu nblocks=%ld",
                                impl, (unsigned long long) b0, (long) nb);
                    CU_FAIL("philox blocks");
                    return;
                }
            }
        }
    CU_ASSERT(ran[0] > 0);

    /* the stream: word w of sample i is word w mod 4 of block (i, w / 4) */
    for (it = 0; it < 20; it++)
    {
        rng_t a;
        uint64_t seed = test_seed() + (uint64_t) it, idx = rng_u64(r);
        slong w, nw = (slong) rng_below(r, 400);
        rng_init(a, seed, 7, idx);
        for (w = 0; w < nw; w++)
        {
            uint32_t c[4], out[4];
            c[0] = (uint32_t) idx;
            c[1] = (uint32_t) (idx >> 32);
            c[2] = (uint32_t) (w / 4);
            c[3] = 0;
            _rng_philox4x32(out, c, a->key);
            if (rng_u32(a) != out[w % 4])
            {
                TEST_REPORT("stream word = block word", "it=%ld w=%ld", (long) it, (long) w);
                CU_FAIL("stream layout");
                return;
            }
        }
    }
}

static void
test_stream_reproducible(void)
{
    slong it, n = test_iters(200), j;
    uint64_t seed = test_seed();
    for (it = 0; it < n; it++)
    {
        rng_t a, b, c;
        rng_init(a, seed, (uint64_t) it, (uint64_t) (it * 7));
        rng_init(b, seed, (uint64_t) it, (uint64_t) (it * 7));
        rng_init(c, seed, (uint64_t) it, (uint64_t) (it * 7 + 1));
        int same_c = 1;
        for (j = 0; j < 50; j++)
        {
            uint64_t x = rng_u64(a), y = rng_u64(b), z = rng_u64(c);
            if (x != y)
            {
                TEST_REPORT("same stream, same numbers", "it=%ld j=%ld", (long) it, (long) j);
                CU_FAIL("stream not reproducible");
                return;
            }
            same_c &= (x == z);
        }
        if (same_c)
        {
            TEST_REPORT("neighbouring samples differ", "it=%ld", (long) it);
            CU_FAIL("neighbouring streams identical");
        }
    }
    CU_ASSERT(rng_stream_id("thm1") != rng_stream_id("thm2"));
    /* FNV-1a of the empty string is the offset basis */
    CU_ASSERT(rng_stream_id("") == UINT64_C(0xCBF29CE484222325));
}

/* The uniform's conversion against integer arithmetic: u(x) 2^53 is the
   odd integer 2 (x >> 12) + 1 exactly (so u is never 0 or 1), at the
   extremes (x = 0, x = 2^64 - 1, where a 53-bit conversion rounds to 1)
   and on random words; u(x) + u(~x) = 1 exactly. */
static void
test_uniform_exact(void)
{
    rng_t r;
    slong i, n = test_iters(100000);
    rng_init(r, test_seed(), 98, 0);
    for (i = 0; i < n; i++)
    {
        uint64_t x = i == 0 ? 0 : (i == 1 ? UINT64_MAX : (i == 2 ? UINT64_MAX >> 1 : rng_u64(r)));
        double u = rng_uniform_from_u64(x), v = rng_uniform_from_u64(~x), s = ldexp(u, 53);
        if (!(u > 0.0 && u < 1.0) || s != (double) (2 * (x >> 12) + 1) || u + v != 1.0)
        {
            TEST_REPORT("uniform = ((x >> 12) + 1/2) 2^-52 in (0, 1), symmetric", "x=%llx u=%a u(~x)=%a",
                        (unsigned long long) x, u, v);
            CU_FAIL("uniform conversion");
            return;
        }
    }
    CU_ASSERT(rng_uniform_from_u64(UINT64_MAX) == 1.0 - 0x1p-53);
    CU_ASSERT(rng_uniform_from_u64(0) == 0x1p-53);
}

static void
test_uniform_normal(void)
{
    rng_t r;
    slong i, n = test_iters(200000);
    double s = 0.0, s2 = 0.0, mu = 0.0;
    rng_init(r, test_seed(), 99, 0);
    for (i = 0; i < n; i++)
    {
        double u = rng_uniform(r), g = rng_normal(r);
        if (!(u > 0.0 && u < 1.0))
        {
            TEST_REPORT("uniform in (0,1)", "u=%a", u);
            CU_FAIL("uniform out of range");
            return;
        }
        mu += u;
        s += g;
        s2 += g * g;
    }
    mu /= (double) n;
    s /= (double) n;
    s2 /= (double) n;
    /* 6-sigma windows: a failure is a bug, not bad luck */
    if (fabs(mu - 0.5) > 6.0 * sqrt(1.0 / 12.0 / (double) n) || fabs(s) > 6.0 / sqrt((double) n) ||
        fabs(s2 - 1.0) > 6.0 * sqrt(2.0 / (double) n))
    {
        TEST_REPORT("moments", "mean(u)=%g mean(g)=%g mean(g^2)=%g n=%ld", mu, s, s2, (long) n);
        CU_FAIL("moments off");
    }
}

static void
test_samplers_symmetric(void)
{
    /* Assumption 1 laws: a fixed coordinate is positive with probability
       1/2 (6-sigma window); the skewed control law is clearly biased, so
       the same statistic must detect it (the test can fail). */
    int k;
    slong n = test_iters(20000), i;
    for (k = 0; k < SAMPLER_COUNT; k++)
    {
        rng_t r;
        double v[5], frac;
        slong pos = 0;
        rng_init(r, test_seed(), 1000 + (uint64_t) k, 0);
        for (i = 0; i < n; i++)
        {
            int j, nz = 0;
            sampler_draw(v, 5, (sampler_kind) k, 2.0, r);
            for (j = 0; j < 5; j++)
                nz |= (v[j] != 0.0) && isfinite(v[j]);
            if (!nz)
            {
                TEST_REPORT("sampler draws a finite non-zero vector", "sampler=%s", sampler_name(k));
                CU_FAIL("zero or non-finite draw");
                return;
            }
            pos += v[2] > 0.0;
        }
        frac = (double) pos / (double) n;
        if (sampler_is_symmetric(k) != (fabs(frac - 0.5) <= 6.0 * 0.5 / sqrt((double) n)))
        {
            TEST_REPORT("sign of a coordinate is a fair coin exactly for the symmetric laws",
                        "sampler=%s frac=%g n=%ld", sampler_name(k), frac, (long) n);
            CU_FAIL("sampler symmetry");
        }
    }
    /* sphere law: norm equals the scale up to rounding */
    {
        rng_t r;
        double v[7], s = 0.0;
        int j;
        rng_init(r, test_seed(), 77, 0);
        sampler_draw(v, 7, SAMPLER_SPHERE, 3.0, r);
        for (j = 0; j < 7; j++)
            s += v[j] * v[j];
        CU_ASSERT(fabs(sqrt(s) - 3.0) < 1e-14);
    }
}

int
t_rng_register(void)
{
    CU_pSuite s = CU_add_suite("rng", NULL, NULL);
    if (s == NULL)
        return 1;
    if (!CU_add_test(s, "philox known answers", test_philox_kat) ||
        !CU_add_test(s, "philox blocks: vectorised = reference; stream layout", test_philox_blocks) ||
        !CU_add_test(s, "streams reproducible and distinct", test_stream_reproducible) ||
        !CU_add_test(s, "uniform conversion exact, in (0, 1) (oracle: integers)", test_uniform_exact) ||
        !CU_add_test(s, "uniform and normal moments", test_uniform_normal) ||
        !CU_add_test(s, "sampler symmetry (and the skewed control)", test_samplers_symmetric))
        return 1;
    return 0;
}

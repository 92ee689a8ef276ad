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
        !CU_add_test(s, "streams reproducible and distinct", test_stream_reproducible) ||
        !CU_add_test(s, "uniform and normal moments", test_uniform_normal) ||
        !CU_add_test(s, "sampler symmetry (and the skewed control)", test_samplers_symmetric))
        return 1;
    return 0;
}

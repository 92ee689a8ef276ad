/* rng.h -- counter-based random streams (Philox4x32-10).

   Reproducibility is by construction: sample i of the check with stream
   identifier c under run seed s reads the Philox output for key
   K(s, c) and counters (i, 0), (i, 1), ...  A sample's draws therefore do
   not depend on which thread evaluates it or on how many samples came
   before, and every run with the same seed sees the same numbers. */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        uint32_t key[2];
        uint32_t ctr[4];
        uint32_t buf[4];
        int pos; /* next unused word of buf; 4 when buf is spent */
    } rng_struct;

    typedef rng_struct rng_t[1];

    /* Sets rng to the stream of sample index of stream identifier stream
   under run seed seed. */
    void rng_init(rng_t rng, uint64_t seed, uint64_t stream, uint64_t index);

    /* Nothing to free; present for symmetry with the other types. */
    void rng_clear(rng_t rng);

    /* Identifier of a named stream: the 64-bit FNV-1a hash of name. */
    uint64_t rng_stream_id(const char *name);

    /* Raw Philox4x32-10 block function: out = Philox(key, ctr).  Exposed for
   the known-answer tests. */
    void _rng_philox4x32(uint32_t out[4], const uint32_t ctr[4], const uint32_t key[2]);

    /* Next 32 and 64 uniformly distributed bits. */
    uint32_t rng_u32(rng_t rng);
    uint64_t rng_u64(rng_t rng);

    /* Uniform on (0, 1): a multiple of 2^-53 plus 2^-54, never 0 or 1. */
    double rng_uniform(rng_t rng);

    /* Uniform integer in [0, n), n >= 1, without modulo bias. */
    uint64_t rng_below(rng_t rng, uint64_t n);

    /* Standard normal variate (Box-Muller on two uniforms).  The transform
   uses libm, so values are identical on one platform, not across libms. */
    double rng_normal(rng_t rng);

#ifdef __cplusplus
}
#endif

#endif

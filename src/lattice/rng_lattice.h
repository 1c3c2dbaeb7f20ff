/* Internal: the lattice engines' random streams (xoshiro256**, seeded through splitmix64).
 * Stream (seed, k) is a deterministic function of both, so every chain or replica k has its
 * own stream and results do not depend on how chains are scheduled on threads. */
#ifndef MSBI_RNG_LATTICE_H
#define MSBI_RNG_LATTICE_H

#include <stdint.h>

typedef struct msbi_lrng { uint64_t s[4]; } msbi_lrng;

static inline uint64_t msbi_lrng_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static inline void msbi_lrng_seed(msbi_lrng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
    x = msbi_lrng_splitmix(&x) ^ stream;
    for (int k = 0; k < 4; k++) r->s[k] = msbi_lrng_splitmix(&x);
}
static inline uint64_t msbi_lrng_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t msbi_lrng_next(msbi_lrng *r)
{
    uint64_t *s = r->s;
    const uint64_t out = msbi_lrng_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = msbi_lrng_rotl(s[3], 45);
    return out;
}
/* uniform in [0, 1) with 53 random bits */
static inline double msbi_lrng_uniform(msbi_lrng *r)
{
    return (double)(msbi_lrng_next(r) >> 11) * 0x1.0p-53;
}
/* uniform in (0, 1] (for -log) */
static inline double msbi_lrng_uniform_pos(msbi_lrng *r)
{
    return ((double)(msbi_lrng_next(r) >> 11) + 1.0) * 0x1.0p-53;
}
/* integer in [0, n) (Lemire's multiply-shift; bias < n / 2^64, negligible for n < 2^32) */
static inline uint32_t msbi_lrng_below(msbi_lrng *r, uint32_t n)
{
    return (uint32_t)(((msbi_lrng_next(r) >> 32) * (uint64_t)n) >> 32);
}

#endif

/* Internal: an explicit, seedable random stream (xoshiro256**, D. Blackman and S. Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47, 36 (2021)), seeded through
 * splitmix64, with the 2^128-step jump for independent sub-streams. The same seed gives the
 * same sequence on every platform (integer arithmetic; normals by Box-Muller from libm). */
#ifndef MSBI_NUMERICS_RNG_H
#define MSBI_NUMERICS_RNG_H

#include <stdint.h>

#include "core/internal.h"

typedef struct msbi_rng {
    uint64_t s[4];
    int have_spare;
    double spare;
} msbi_rng;

void msbi_rng_seed(msbi_rng *r, uint64_t seed);
uint64_t msbi_rng_next(msbi_rng *r);
/* Uniform in (0, 1) (never 0, so log() is safe). */
double msbi_rng_uniform(msbi_rng *r);
/* Standard normal (Box-Muller, both values used). */
double msbi_rng_normal(msbi_rng *r);
/* Advance by 2^128 draws: call k times to get the k-th independent sub-stream. */
void msbi_rng_jump(msbi_rng *r);

/* Symmetric positive semi-definite n x n matrix C (row-major) -> factor F (n x n row-major)
 * with F F^T = C, by pivoted Cholesky (LAPACKE dpstrf); rank-deficient C (e.g. a parameter
 * without uncertainty) is handled. MSB_EINVAL if C is not PSD within rounding, MSB_ENOMEM. */
msb_status msbi_psd_factor(const char *where, size_t n, const double *C, double *F);

#endif

/* Internal: a branch-free exp() that compilers vectorize inside law kernels.
 *
 * libm's exp is a scalar call (~5-10 ns), which makes a law loop 30x slower than copying its
 * arrays. This version uses only arithmetic, integer bit operations and selects, so a loop over
 * points vectorizes (SSE2/AVX2). Method (Cody & Waite range reduction, as in Cephes and
 * SLEEF, written here): n = round(x / ln 2) by the 1.5*2^52 shifter, r = x - n ln2 in two parts
 * (|r| <= ln2/2), exp(r) by its Taylor series to r^13 (truncation < 4e-18 relative) in Horner
 * form, and 2^n assembled in the exponent bits (two factors, so n down to -1074 gives the
 * correctly scaled subnormals).
 * Accuracy: within 2 ulp of the correctly rounded exp for |x| <= 708, tested against libm on
 * 10^6 points (tests/unit/test_numerics.c). x > 709.782712893384 gives +Inf, x < -745.14 gives 0,
 * NaN propagates. */
#ifndef MSBI_NUMERICS_VEXP_H
#define MSBI_NUMERICS_VEXP_H

#include <stdint.h>
#include <string.h>

/* Kernel attribute: AVX-512F and AVX2 clones beside the baseline one, chosen at load time (GCC
 * target_clones; off in sanitizer builds, whose runtimes do not mix with ifunc resolvers). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(MSB_NO_CLONES)
#define MSBI_KERNEL __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MSBI_KERNEL
#endif

static inline double msbi_bits_to_double(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline uint64_t msbi_double_to_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static inline double msbi_exp(double x)
{
    const double log2e = 1.4426950408889634074;
    const double ln2_hi = 6.93147180369123816490e-01; /* 0x3fe62e42fee00000 */
    const double ln2_lo = 1.90821492927058770002e-10; /* 0x3dea39ef35793c76 */
    const double shifter = 6755399441055744.0;        /* 1.5 * 2^52 */
    /* clamp so that the scale factors below stay representable; the selects at the end give
     * the exact Inf/0 for out-of-range inputs */
    double xc = x > 709.8 ? 709.8 : (x < -745.2 ? -745.2 : x);
    double t = xc * log2e + shifter;
    double n = t - shifter;
    int64_t ni = (int64_t)(msbi_double_to_bits(t) - msbi_double_to_bits(shifter));
    double r = (xc - n * ln2_hi) - n * ln2_lo;
    double p = 1.0 / 6227020800.0;       /* 1/13! */
    p = p * r + 1.0 / 479001600.0;       /* 1/12! */
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    /* 2^n as 2^(n/2) * 2^(n - n/2): each factor's exponent stays in the normal range */
    int64_t n1 = ni >> 1, n2 = ni - n1;
    double s1 = msbi_bits_to_double((uint64_t)(n1 + 1023) << 52);
    double s2 = msbi_bits_to_double((uint64_t)(n2 + 1023) << 52);
    double v = p * s1 * s2;
    v = x > 709.782712893384 ? __builtin_inf() : v;
    v = x < -745.1332191019412 ? 0.0 : v;
    return x != x ? x : v;
}

#endif

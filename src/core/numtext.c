/* Locale-independent number text (numtext.h): a "C" locale object, created once, used through
 * strtod_l and uselocale (POSIX 2008; both per-thread, so other threads are unaffected). */
#define _GNU_SOURCE 1
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

double msbi_strtod(const char *s, char **end)
{
    pthread_once(&once, make_c_locale);
    if (c_locale != (locale_t)0) return strtod_l(s, end, c_locale);
    return strtod(s, end); /* newlocale("C") cannot fail in glibc short of ENOMEM */
}

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 u128; /* GCC and Clang on 64-bit targets */

static int bitlen128(u128 x)
{
    const uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}
#endif

int msbi_decimal_exact(uint64_t m, long e, double *out)
{
#if defined(__SIZEOF_INT128__) && FLT_EVAL_METHOD == 0
    if (m == 0 || e < -21 || e > 19) return 0;
    u128 p10 = 1;
    for (long k = 0; k < (e < 0 ? -e : e); k++) p10 *= 10; /* 10^|e| < 2^70: exact */
    u128 q;
    int bexp, sticky = 0;
    if (e >= 0) {
        q = (u128)m * p10; /* < 2^64 * 10^19 < 2^128: exact */
        bexp = 0;
    } else {
        /* m / 10^k = (m * 2^s / 10^k) * 2^-s with m * 2^s just below 2^127: the quotient has
         * at least 127 - 70 - 1 = 56 bits, the remainder says whether anything is left */
        const int s = 127 - (64 - __builtin_clzll(m));
        const u128 n = (u128)m << s;
        q = n / p10;
        sticky = n % p10 != 0;
        bexp = -s;
    }
    /* value = (q + f) 2^bexp, 0 <= f < 1, f > 0 iff sticky: round q to 53 bits, ties to even */
    const int lq = bitlen128(q);
    uint64_t mant;
    int sh = lq - 53;
    if (sh <= 0) {
        mant = (uint64_t)q << -sh; /* exact (e >= 0 and a short product; sticky is 0) */
    } else {
        mant = (uint64_t)(q >> sh);
        const u128 rest = q & (((u128)1 << sh) - 1), half = (u128)1 << (sh - 1);
        if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
        if (mant == (UINT64_C(1) << 53)) {
            mant >>= 1;
            sh++;
        }
    }
    /* mant in [2^52, 2^53): value = mant * 2^(bexp + sh), a normal double (1e-21 .. 2^128) */
    const int be = bexp + sh + 52 + 1023;
    const uint64_t bits = ((uint64_t)be << 52) | (mant & ((UINT64_C(1) << 52) - 1));
    memcpy(out, &bits, sizeof bits);
    return 1;
#else
    (void)m;
    (void)e;
    (void)out;
    return 0;
#endif
}

const char *msbi_parse_number_slow(const char *p, double *out)
{
    char *end;
    const double v = msbi_strtod(p, &end);
    if (end == p) return NULL;
    *out = v;
    return end;
}

__attribute__((format(printf, 3, 0)))
static int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    pthread_once(&once, make_c_locale);
    locale_t old = (locale_t)0;
    if (c_locale != (locale_t)0) old = uselocale(c_locale);
    int n = vsnprintf(buf, size, fmt, ap);
    if (old != (locale_t)0) uselocale(old);
    return n;
}

int msbi_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vformat(buf, size, fmt, ap);
}

int msbi_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int msbi_format_double(char *buf, size_t size, double v)
{
    return msbi_snprintf_c(buf, size, "%.17g", v);
}

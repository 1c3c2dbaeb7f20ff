/* Internal: locale-independent number parsing and printing. A host program may call
 * setlocale(LC_NUMERIC, "de_DE.UTF-8"), which makes strtod expect a decimal comma; every reader
 * and writer in the library parses and prints through these instead, so files mean the same in
 * every locale. */
#ifndef MSBI_CORE_NUMTEXT_H
#define MSBI_CORE_NUMTEXT_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define MSBI_FORMAT(a, b) __attribute__((format(printf, a, b)))
#else
#define MSBI_FORMAT(a, b)
#endif

/* strtod in the "C" locale, whatever the process or thread locale is. Thread-safe. */
double msbi_strtod(const char *s, char **end);

/* snprintf(buf, size, "%.17g", v) in the "C" locale (17 significant digits: round-trips every
 * double). Returns snprintf's result. Thread-safe. */
int msbi_format_double(char *buf, size_t size, double v);

/* snprintf / vsnprintf in the "C" locale, for writers that format several numbers at once. */
int msbi_snprintf_c(char *buf, size_t size, const char *fmt, ...) MSBI_FORMAT(3, 4);
int msbi_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap) MSBI_FORMAT(3, 0);

/* ---- decimal number parsing ----
 * msbi_parse_number(p, &v) parses the longest prefix of p that strtod would parse in the "C"
 * locale and returns a pointer just after it (NULL, v untouched, if strtod would parse nothing).
 * Value and end pointer are identical to strtod_l(p, &end, C locale) for every input: ordinary
 * decimals take Clinger's exact fast path (W. D. Clinger, "How to read floating point numbers
 * accurately", PLDI 1990): at most 19 digits with an integer significand m <= 2^53 and a power
 * of ten 10^|e|, |e| <= 22, are both exact doubles, so one IEEE multiply or divide (round to
 * nearest) is the correctly rounded result. Significands of up to 19 digits beyond that
 * (full-precision "%.17g" text) are converted exactly by msbi_decimal_exact when
 * -21 <= e <= 19. Everything else (longer significands, large exponents, hex, inf/nan,
 * malformed text) goes to msbi_strtod, which may set errno.
 * Thread-safe. Inline so that the readers' loops keep the fast path in registers. */
#include <float.h>
#include <stdint.h>
#include <string.h>

const char *msbi_parse_number_slow(const char *p, double *out);
/* m * 10^e correctly rounded (to nearest, ties to even) for 0 < m < 2^64 and -21 <= e <= 19,
 * with 128-bit integer arithmetic (exact product, or quotient and remainder): the significands
 * of up to 19 digits that Clinger's path cannot take (full-precision "%.17g" output). Returns
 * 0, *out untouched, outside that range or without 128-bit integers. */
int msbi_decimal_exact(uint64_t m, long e, double *out);

/* -v when neg is 1, v when 0, without a branch: the signs of a column of fluctuating data are
 * random, and a branch on them is mispredicted half the time (about 15 cycles each, a sixth of
 * the cost of a field in the table reader). */
static inline double msbi_with_sign(double v, int neg)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    b ^= (uint64_t)(neg != 0) << 63;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* m * 10^e correctly rounded, the last step of every decimal parser here: Clinger's exact fast
 * path (m <= 2^53 and |e| <= 22: one correctly rounded product or quotient of exact doubles),
 * else msbi_decimal_exact. Returns 0, *out untouched, when neither applies (the caller then
 * takes strtod). */
static inline int msbi_decimal_round(uint64_t m, long e, double *out)
{
#if FLT_EVAL_METHOD == 0
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (m <= (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
        const double v = (double)m;
        *out = e < 0 ? v / p10[-e] : v * p10[e];
        return 1;
    }
#endif
    return msbi_decimal_exact(m, e, out);
}

static inline const char *msbi_parse_number(const char *p, double *out)
{
#if FLT_EVAL_METHOD == 0
    const char *s = p;
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    const char *d0 = s;
    uint64_t m = 0;
    unsigned d;
    while ((d = (unsigned)(unsigned char)*s - '0') < 10) {
        m = m * 10 + d;
        s++;
    }
    size_t nd = (size_t)(s - d0);
    long nfrac = 0;
    if (*s == '.') {
        const char *f0 = ++s;
        if (m == 0) /* zeros after "0." only scale: not significant digits */
            while (*s == '0') s++;
        const char *f1 = s;
        while ((d = (unsigned)(unsigned char)*s - '0') < 10) {
            m = m * 10 + d;
            s++;
        }
        nfrac = (long)(s - f0);
        nd += (size_t)(s - f1);
    }
    /* no digit (inf, nan, '.', text), more than 19 digits (m may have wrapped), or hex "0x" */
    if (nd == 0 || nd > 19 || (*s | 0x20) == 'x') return msbi_parse_number_slow(p, out);
    long e = 0;
    if ((*s | 0x20) == 'e') {
        const char *q = s + 1;
        const int eneg = *q == '-';
        q += (*q == '-' || *q == '+');
        if ((unsigned)(unsigned char)*q - '0' >= 10) return msbi_parse_number_slow(p, out);
        while ((d = (unsigned)(unsigned char)*q - '0') < 10) {
            if (e < 100000) e = e * 10 + (long)d;
            q++;
        }
        e = eneg ? -e : e;
        s = q;
    }
    e -= nfrac;
    double v;
    if (!msbi_decimal_round(m, e, &v)) return msbi_parse_number_slow(p, out);
    *out = msbi_with_sign(v, neg);
    return s;
#else
    return msbi_parse_number_slow(p, out);
#endif
}

/* msbi_parse_number for text with MSBI_PARSE_PAD readable bytes after its terminating NUL (so
 * eight bytes can be read at any position the parse reaches): converts up to eight digits with
 * a few multiplies instead of a loop whose exit the branch predictor keeps missing (the "SWAR"
 * digit technique used by fast_float and simdjson, written out below). Same contract and
 * results as msbi_parse_number. Little-endian only; elsewhere it is msbi_parse_number. */
#define MSBI_PARSE_PAD 16

/* Number of leading ASCII digits in the 8 bytes x (0..8), and their value in *val. */
static inline unsigned msbi_swar_digits(uint64_t x, uint64_t *val)
{
    const uint64_t hi = UINT64_C(0xF0F0F0F0F0F0F0F0), zeros = UINT64_C(0x3030303030303030);
    /* a byte b is a digit iff (b & 0xF0) == 0x30 and ((b + 6) & 0xF0) == 0x30; a carry out of
     * a byte >= 0xFA only disturbs later bytes, and that byte is already a non-digit */
    const uint64_t bad = ((x & hi) ^ zeros) | (((x + UINT64_C(0x0606060606060606)) & hi) ^ zeros);
    const unsigned n = bad ? (unsigned)__builtin_ctzll(bad) >> 3 : 8;
    if (n == 0) {
        *val = 0;
        return 0;
    }
    uint64_t v = (x - zeros) << (8 * (8 - n)); /* the n digits in the top bytes, zeros below */
    /* pairs, then quads, then all eight: byte i holds digit i (most significant first) */
    v = v * 10 + (v >> 8);
    v = (((v & UINT64_C(0x000000FF000000FF)) * UINT64_C(0x000F424000000064)) +
         (((v >> 16) & UINT64_C(0x000000FF000000FF)) * UINT64_C(0x0000271000000001))) >> 32;
    *val = v;
    return n;
}

/* The padded parser's way out of its fast path, through a temporary so that the caller's
 * result variable does not escape (it can then live in a register). */
static inline const char *msbi_parse_number_cold(const char *p, double *out)
{
    double v;
    const char *e = msbi_parse_number(p, &v);
    if (e != NULL) *out = v;
    return e;
}

static inline const char *msbi_parse_number_padded(const char *p, double *out)
{
#if FLT_EVAL_METHOD == 0 && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    static const uint64_t u10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    const char *s = p;
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    uint64_t x, m = 0, c;
    unsigned n, nd = 0;
    do { /* integer digits, eight at a time; more than 19 in all: the plain parser */
        memcpy(&x, s, 8);
        n = msbi_swar_digits(x, &c);
        m = m * u10[n] + c;
        nd += n;
        s += n;
        if (nd > 19) return msbi_parse_number_cold(p, out);
    } while (n == 8);
    long nfrac = 0;
    if (*s == '.') {
        s++;
        if (m == 0) /* zeros after "0." only scale: not significant digits */
            for (; *s == '0'; s++) nfrac++;
        do {
            memcpy(&x, s, 8);
            n = msbi_swar_digits(x, &c);
            m = m * u10[n] + c;
            nd += n;
            nfrac += n;
            s += n;
            if (nd > 19) return msbi_parse_number_cold(p, out);
        } while (n == 8);
    }
    if (nd == 0 || (*s | 0x20) == 'x') return msbi_parse_number_cold(p, out);
    long e = 0;
    if ((*s | 0x20) == 'e') {
        const char *q = s + 1;
        const int eneg = *q == '-';
        q += (*q == '-' || *q == '+');
        uint64_t ev;
        memcpy(&x, q, 8);
        n = msbi_swar_digits(x, &ev);
        if (n == 0 || n > 4) return msbi_parse_number_cold(p, out);
        e = eneg ? -(long)ev : (long)ev;
        s = q + n;
    }
    e -= nfrac;
    double v;
    if (!msbi_decimal_round(m, e, &v)) return msbi_parse_number_cold(p, out);
    *out = msbi_with_sign(v, neg);
    return s;
#else
    return msbi_parse_number_cold(p, out);
#endif
}

#endif

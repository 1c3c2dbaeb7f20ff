/* Numeric column files (msbridge/timeseries.h): the whole file in memory (one read), one pass to
 * count the lines, one pass to parse with an exact fast path for ordinary decimals; large
 * files are split at line starts into one piece per thread for the parse. */
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "core/internal.h"
#include "core/numtext.h"
#include "io/columns.h"
#include "numerics/vexp.h" /* MSBI_KERNEL */
#include "msbridge/timeseries.h"

struct msb_table {
    size_t nrows, ncols;
    double *v;      /* ncols * nrows, column-major */
    size_t *line;   /* nrows, or NULL when row i is on line line0 + i (no gaps) */
    size_t line0;
    char **names;   /* ncols */
};

/* Zero bytes after the terminating NUL of every text parsed here: the number parsers read 16
 * bytes at any position (MSBI_PARSE_PAD), the AVX2 line scanner 128 from any line start. */
#define TEXT_PAD 128
_Static_assert(TEXT_PAD >= MSBI_PARSE_PAD, "the number parsers' padding");

/* Character classes: field separators, line ends, the comment mark. */
enum { C_SEP = 1, C_END = 2, C_HASH = 4 };
static const unsigned char cls[256] = {
    ['\0'] = C_END, ['\n'] = C_END, [' '] = C_SEP, ['\t'] = C_SEP, [','] = C_SEP,
    ['\r'] = C_SEP, ['\v'] = C_SEP, ['\f'] = C_SEP, ['#'] = C_HASH};
static int is_sep(char c) { return cls[(unsigned char)c] & C_SEP; }
static int is_end(char c) { return cls[(unsigned char)c] & C_END; }

/* ---- the common-case field parser ----
 * fast_field(s, &x) converts a field of the form [+-]digits[.digits][(e|E)[+-]d[d[d]]] with at
 * most 19 significant-or-not digits in all, at most 15 before the exponent, ending in a
 * separator, a line end or '#', in one pass: one 16-byte load classifies the digits (SSE2), a
 * second one, ending at the end of the significand, converts all its digits at once (SSE2
 * multiply-adds), and the value m * 10^e is rounded exactly
 * by msbi_decimal_round, as in msbi_parse_number. Anything else
 * (longer fields, other terminators, hex, inf/nan, large exponents) returns NULL and the caller
 * takes the general parser, so results and errors are those of msbi_parse_number_padded
 * (identical to strtod). Needs 16 readable bytes after the text's terminating NUL. */
#if defined(__SSE2__) && FLT_EVAL_METHOD == 0 && defined(__BYTE_ORDER__) &&                   \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HAVE_FAST_FIELD 1
/* The n (0 <= n <= 15) digits d_0 .. d_{n-1} (byte values 0..9) at the top of z (byte
 * 16 - n + k holds d_k), zeros below: their decimal value, with SSE2 multiply-adds (pairs,
 * quads, eights) in place of a loop. */
static inline uint64_t digits_sse2(__m128i z)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i w10 = _mm_set_epi16(1, 10, 1, 10, 1, 10, 1, 10);
    const __m128i w100 = _mm_set_epi16(1, 100, 1, 100, 1, 100, 1, 100);
    const __m128i w1e4 = _mm_set_epi16(1, 10000, 1, 10000, 1, 10000, 1, 10000);
    const __m128i lo = _mm_madd_epi16(_mm_unpacklo_epi8(z, zero), w10); /* 4 pairs, 0..99 */
    const __m128i hi = _mm_madd_epi16(_mm_unpackhi_epi8(z, zero), w10);
    const __m128i q = _mm_madd_epi16(_mm_packs_epi32(lo, hi), w100);     /* 4 quads */
    const __m128i o = _mm_madd_epi16(_mm_packs_epi32(q, q), w1e4);       /* 2 eights */
    const uint64_t h = (uint32_t)_mm_cvtsi128_si32(o);
    const uint64_t l = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(o, 4));
    return h * 100000000u + l;
}

/* The significand at s (after its sign), from the mask nd of the non-digits among the 16 bytes
 * at s (bit i set: byte i is not a digit; bits 16 and up set): *a integer digits, then
 * optionally a point and *f fraction digits; returns the end of the significand, or NULL when
 * it is empty or may go on beyond the window. */
static inline __attribute__((always_inline)) const char *
significand(const char *s, unsigned nd, unsigned *a, unsigned *f)
{
    *a = (unsigned)__builtin_ctz(nd);
    *f = 0;
    if (*a >= 16) return NULL;
    const char *c = s + *a;
    if (*c == '.') {
        *f = (unsigned)__builtin_ctz(nd >> (*a + 1));
        if (*a + 1 + *f >= 16) return NULL;
        c += 1 + *f;
    }
    return *a + *f == 0 ? NULL : c;
}

/* +-10^f (f <= 15): m / (-10^f) = -(m / 10^f) exactly (IEEE division is sign-symmetric), and
 * 0 / -10^f = -0 as strtod gives for "-0.0": the sign costs no instruction of its own. */
static const double p10_15[2][16] = {
    {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15},
    {-1e0, -1e1, -1e2, -1e3, -1e4, -1e5, -1e6, -1e7, -1e8, -1e9, -1e10, -1e11, -1e12, -1e13,
     -1e14, -1e15}};

/* The rest of a field after its significand m (< 10^15, f fraction digits, sign neg), which
 * ends at c: at a separator, line end or '#', m / 10^f (both exact doubles, one correctly
 * rounded division: Clinger's fast path without its range checks); else an exponent of one to
 * three digits, then m * 10^(exponent - f) rounded by msbi_decimal_round; NULL for anything
 * else. Returns the end of the field. */
static inline __attribute__((always_inline)) const char *
field_tail(const char *c, uint64_t m, unsigned f, int neg, double *out)
{
    if (cls[(unsigned char)*c] & (C_SEP | C_END | C_HASH)) {
        *out = (double)m / p10_15[neg][f];
        return c;
    }
    if ((*c | 0x20) != 'e') return NULL;
    const char *q = c + 1;
    const int eneg = *q == '-';
    q += (*q == '-' || *q == '+');
    unsigned d0 = (unsigned)(unsigned char)q[0] - '0', d1, d2;
    if (d0 >= 10) return NULL;
    long ev = (long)d0;
    q++;
    if ((d1 = (unsigned)(unsigned char)*q - '0') < 10) {
        ev = ev * 10 + (long)d1;
        q++;
        if ((d2 = (unsigned)(unsigned char)*q - '0') < 10) {
            ev = ev * 10 + (long)d2;
            q++;
        }
    }
    const long e = (eneg ? -ev : ev) - (long)f;
    c = q;
    if (!(cls[(unsigned char)*c] & (C_SEP | C_END | C_HASH))) return NULL;
    double v;
    if (!msbi_decimal_round(m, e, &v)) return NULL; /* m < 10^15 < 2^53 */
    *out = msbi_with_sign(v, neg);
    return c;
}

/* 16 bytes 0xFF, 16 bytes 0: a 16-byte load at ramp + 16 - n has 0xFF in bytes 0 .. n - 1, a
 * load at ramp + n has 0xFF in bytes 0 .. 15 - n (0 <= n <= 16), without broadcasts. */
static const unsigned char ramp[32] = {255, 255, 255, 255, 255, 255, 255, 255,
                                       255, 255, 255, 255, 255, 255, 255, 255};

/* The digits are re-read from a 16-byte window ending at the end of the significand: s must be
 * at least 15 bytes after the start of the buffer (the caller checks once per line). */
static inline const char *fast_field(const char *s, double *out)
{
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    const __m128i t = _mm_sub_epi8(x, _mm_set1_epi8('0'));
    /* bit i of nd: byte i is not a digit (bits 16.. set: the scan stops in the window) */
    const unsigned nd =
        ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
    unsigned a, f;
    const char *c = significand(s, nd, &a, &f);
    if (c == NULL) return NULL;
    /* bytes of the window below this index (from 16 - f - 1: the point) move up */
    const int cut = c != s + a ? 16 - (int)f : 0;
    /* the significand's bytes right-aligned in a window ending at c; the integer digits move
     * up one byte over the dot, then everything below the a + f digits is cleared */
    const __m128i y = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(c - 16)),
                                   _mm_set1_epi8('0'));
    const __m128i up = _mm_loadu_si128((const __m128i *)(const void *)(ramp + 16 - cut));
    __m128i z = _mm_or_si128(_mm_and_si128(up, _mm_slli_si128(y, 1)), _mm_andnot_si128(up, y));
    z = _mm_andnot_si128(_mm_loadu_si128((const __m128i *)(const void *)(ramp + a + f)), z);
    return field_tail(c, digits_sse2(z), f, neg, out); /* m < 10^15 < 2^53 */
}

#if defined(__GNUC__) && defined(__x86_64__)
/* The same with AVX2 (SSSE3 byte shuffles and multiply-adds, VEX encoding), chosen at run time:
 * the significand's digits are gathered from the first window itself by one byte shuffle from
 * a table indexed by the integer and fraction digit counts (a, f), which drops the dot and
 * right-aligns the a + f digits with zeros above (no second load, no masks), and the pairs
 * step is one unsigned-by-signed byte multiply-add. Same fields, values and NULL cases as
 * fast_field; no window before s is read. */
#define HAVE_FAST_FIELD_AVX2 1
/* gather[a][f][k]: the window byte that goes to byte k (0x80: zero); digit d = k - (16 - a - f)
 * of the significand is window byte d, or d + 1 after the dot (d >= a). Entries with
 * a + f > 15 are never used. */
#define GATHER_D(a, f, k) ((k) - (16 - (a) - (f)))
#define GATHER_E(a, f, k)                                                                         \
    (GATHER_D(a, f, k) < 0 ? 0x80 : GATHER_D(a, f, k) + (GATHER_D(a, f, k) >= (a)))
#define GATHER_ROW(a, f)                                                                          \
    {GATHER_E(a, f, 0),  GATHER_E(a, f, 1),  GATHER_E(a, f, 2),  GATHER_E(a, f, 3),               \
     GATHER_E(a, f, 4),  GATHER_E(a, f, 5),  GATHER_E(a, f, 6),  GATHER_E(a, f, 7),               \
     GATHER_E(a, f, 8),  GATHER_E(a, f, 9),  GATHER_E(a, f, 10), GATHER_E(a, f, 11),              \
     GATHER_E(a, f, 12), GATHER_E(a, f, 13), GATHER_E(a, f, 14), GATHER_E(a, f, 15)}
#define GATHER_A(a)                                                                               \
    {GATHER_ROW(a, 0),  GATHER_ROW(a, 1),  GATHER_ROW(a, 2),  GATHER_ROW(a, 3),                   \
     GATHER_ROW(a, 4),  GATHER_ROW(a, 5),  GATHER_ROW(a, 6),  GATHER_ROW(a, 7),                   \
     GATHER_ROW(a, 8),  GATHER_ROW(a, 9),  GATHER_ROW(a, 10), GATHER_ROW(a, 11),                  \
     GATHER_ROW(a, 12), GATHER_ROW(a, 13), GATHER_ROW(a, 14), GATHER_ROW(a, 15)}
static const unsigned char gather[16][16][16] __attribute__((aligned(16))) = {
    GATHER_A(0),  GATHER_A(1),  GATHER_A(2),  GATHER_A(3),  GATHER_A(4),  GATHER_A(5),
    GATHER_A(6),  GATHER_A(7),  GATHER_A(8),  GATHER_A(9),  GATHER_A(10), GATHER_A(11),
    GATHER_A(12), GATHER_A(13), GATHER_A(14), GATHER_A(15)};

/* k0, k9: 16 bytes '0' and 9, made once by the caller (GCC otherwise rebuilds the broadcasts
 * in the loop) */
__attribute__((target("avx2"))) static inline const char *
fast_field_avx2(const char *s, double *out, __m128i k0, __m128i k9)
{
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    const __m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), k0);
    const unsigned nd = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, k9), t));
    unsigned a, f;
    const char *c = significand(s, nd, &a, &f);
    if (c == NULL) return NULL;
    const __m128i z = _mm_shuffle_epi8(t, _mm_load_si128((const __m128i *)(const void *)
                                                          gather[a][f]));
    /* pairs (<= 99), quads (<= 9999), eights: h (top eight digits) and l in one 64-bit lane */
    const __m128i pr = _mm_maddubs_epi16(z, _mm_set_epi8(1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1,
                                                         10, 1, 10, 1, 10));
    const __m128i q = _mm_madd_epi16(pr, _mm_set_epi16(1, 100, 1, 100, 1, 100, 1, 100));
    const __m128i o = _mm_madd_epi16(_mm_packs_epi32(q, q),
                                     _mm_set_epi16(1, 10000, 1, 10000, 1, 10000, 1, 10000));
    const uint64_t hl = (uint64_t)_mm_cvtsi128_si64(o);
    return field_tail(c, (hl & 0xFFFFFFFFu) * 100000000u + (hl >> 32), f, neg, out);
}

/* Bit i of the result: byte p[i] equals c (i < 64). */
__attribute__((target("avx2"))) static inline uint64_t eq64(__m256i lo, __m256i hi, __m256i c)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, c)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, c)) << 32;
}

/* Bit i of the result: byte p[i] is a field separator of the short path: blank, tab, comma,
 * '\r' or '\v' (the separators of cls but '\f'; a line with '\f' goes field by field). One
 * byte shuffle per 32 bytes: the table holds, at each low nibble, the one separator with that
 * nibble (0xFF where none), and a byte is a separator iff the table entry at its low nibble is
 * the byte itself (bytes >= 0x80 shuffle to 0 and never match). */
__attribute__((target("avx2"))) static inline uint64_t sep64(__m256i lo, __m256i hi)
{
    const __m256i t = _mm256_setr_epi8(
        ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', -1, '\v', ',', '\r', -1, -1,
        ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', -1, '\v', ',', '\r', -1, -1);
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(
               _mm256_cmpeq_epi8(_mm256_shuffle_epi8(t, lo), lo)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(
               _mm256_cmpeq_epi8(_mm256_shuffle_epi8(t, hi), hi))
               << 32;
}

/* The fields of a line whose field-byte mask is fld (bit i: p[i] is in a field), in order. */
#define LINE_FIELDS(TYPE, CTZ)                                                                    \
    TYPE starts = fld & ~(fld << 1), ends = fld & ~(fld >> 1);                                    \
    for (size_t j = 0; j < ncols; j++, dst += cap) {                                              \
        const unsigned b = CTZ(starts), e = CTZ(ends);                                            \
        starts &= starts - 1;                                                                     \
        ends &= ends - 1;                                                                         \
        double x;                                                                                 \
        if (fast_field_avx2(p + b, &x, k0, k9) != p + e + 1) return NULL;                        \
        *dst = x;                                                                                 \
    }

__extension__ typedef unsigned __int128 mask128; /* GCC and Clang on x86-64 */

__attribute__((target("avx2"))) static inline unsigned ctz128(mask128 x)
{
    const uint64_t lo = (uint64_t)x;
    return lo ? (unsigned)__builtin_ctzll(lo) : 64 + (unsigned)__builtin_ctzll((uint64_t)(x >> 64));
}

/* Lines of 64 to 127 bytes (with 128 readable bytes at p): the same with 128-bit masks. */
__attribute__((target("avx2"))) static const char *
line128_avx2(const char *p, size_t ncols, double *dst, size_t cap, __m128i k0, __m128i k9,
             uint64_t sp0)
{
    const __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(p + 64));
    const __m256i d = _mm256_loadu_si256((const __m256i *)(const void *)(p + 96));
    const uint64_t nlm = eq64(c, d, _mm256_set1_epi8('\n'));
    if (nlm == 0) return NULL;
    const unsigned L = 64 + (unsigned)__builtin_ctzll(nlm);
    const mask128 sp = (mask128)sep64(c, d) << 64 | sp0;
    const mask128 fld = ~sp & (((mask128)1 << L) - 1); /* L <= 127 */
    size_t nf = (size_t)__builtin_popcountll((uint64_t)(fld & ~(fld << 1))) +
                (size_t)__builtin_popcountll((uint64_t)((fld & ~(fld << 1)) >> 64));
    if (nf != ncols) return NULL;
    LINE_FIELDS(mask128, ctz128)
    return p + L + 1;
}

/* One whole line of ncols fields, with AVX2: the line (at most 127 bytes before its '\n') is
 * classified in one go from two or four 32-byte loads, the starts and ends of its fields come
 * from the separator mask (sep64), and each field is converted by fast_field_avx2 on its own:
 * a field no longer waits for the end of the previous one (in the field-by-field loop every
 * step depends on the last through the pointer, ~30 cycles of latency per field), so the
 * processor overlaps several. The fields go to dst[0], dst[cap], ...; returns the start of the
 * next line, or NULL (nothing to trust in dst) for anything else: longer lines, a field count
 * other than ncols, a field fast_field_avx2 does not take or that does not end where the mask
 * says (a '#' or '\f' inside it), a last line without '\n'. The caller then parses the line
 * field by field. Needs 128 readable bytes at p. */
__attribute__((target("avx2"))) static inline const char *
line_avx2(const char *p, size_t ncols, double *dst, size_t cap, __m128i k0, __m128i k9)
{
    const __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
    const __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    const uint64_t nlm = eq64(lo, hi, _mm256_set1_epi8('\n'));
    const uint64_t spm = sep64(lo, hi);
    if (nlm == 0) return line128_avx2(p, ncols, dst, cap, k0, k9, spm);
    const unsigned L = (unsigned)__builtin_ctzll(nlm);
    const uint64_t fld = ~spm & ((UINT64_C(1) << L) - 1); /* L <= 63 */
    if ((size_t)__builtin_popcountll(fld & ~(fld << 1)) != ncols) return NULL;
    LINE_FIELDS(uint64_t, (unsigned)__builtin_ctzll)
    return p + L + 1;
}
#else
#define HAVE_FAST_FIELD_AVX2 0
#endif
#else
#define HAVE_FAST_FIELD 0
#define HAVE_FAST_FIELD_AVX2 0
static inline const char *fast_field(const char *s, double *out)
{
    (void)s;
    (void)out;
    return NULL;
}
#endif

const char *msbi_parse_double(const char *p, double *out) { return msbi_parse_number(p, out); }

void msb_table_destroy(msb_table *t)
{
    if (t == NULL) return;
    if (t->names)
        for (size_t j = 0; j < t->ncols; j++) msbi_free(t->names[j]);
    msbi_free(t->names);
    msbi_free(t->v);
    msbi_free(t->line);
    msbi_free(t);
}

/* Skip to the start of the next line; returns pointer after '\n' or at '\0'. */
static const char *next_line(const char *p)
{
    while (!is_end(*p)) p++;
    return *p == '\n' ? p + 1 : p;
}

static const char *skip_sep(const char *p)
{
    while (is_sep(*p)) p++;
    return p;
}

/* Count the fields of a line of names (tokens separated by blanks/commas). */
static size_t count_tokens(const char *p)
{
    size_t n = 0;
    for (;;) {
        p = skip_sep(p);
        if (is_end(*p)) return n;
        n++;
        while (!is_sep(*p) && !is_end(*p)) p++;
    }
}

static msb_status set_names(const char *where, msb_table *t, const char *hdr)
{
    t->names = msbi_calloc(t->ncols, sizeof(char *));
    if (t->names == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    char num[32];
    const char *p = hdr;
    for (size_t j = 0; j < t->ncols; j++) {
        const char *src = num;
        size_t len;
        if (hdr) {
            p = skip_sep(p);
            const char *b = p;
            while (!is_sep(*p) && !is_end(*p)) p++;
            src = b;
            len = (size_t)(p - b);
        } else {
            len = (size_t)snprintf(num, sizeof num, "%zu", j + 1);
        }
        char *s = msbi_malloc(len + 1);
        if (s == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
        memcpy(s, src, len);
        s[len] = '\0';
        t->names[j] = s;
    }
    return MSB_SUCCESS;
}

/* The data lines [begin, end) of one piece of the text (begin and end at line starts), parsed
 * into rows slot0, slot0 + 1, ... of the column-major store (stride cap). */
typedef struct piece {
    const char *begin, *end;
    size_t line0;  /* line number of begin */
    size_t nlines; /* lines in the piece (an upper bound on its rows) */
    size_t slot0;  /* first row slot */
    size_t nrows;  /* rows parsed */
    size_t fast;   /* of which by the AVX2 line scanner */
    int failed;
} piece;

typedef struct job {
    const char *where, *name;
    const char *text; /* the whole buffer */
    double *v;
    size_t cap, ncols;
    piece pc[MSBI_MAX_THREADS];
} job;

/* Parse one piece. With report = 0 (worker threads) a failure only sets pc->failed; the caller
 * then parses again serially with report = 1 for the message of the first bad line. avx2: take
 * fast_field_avx2 (a constant in each of the two instances below). */
static inline __attribute__((always_inline)) msb_status
parse_piece_with(const job *J, piece *pc, int report, const int avx2)
{
    const char *p = pc->begin, *const end = pc->end;
    const size_t ncols = J->ncols, cap = J->cap;
    size_t i = pc->slot0, lineno = pc->line0;
    double *const v = J->v;
    msb_status st = MSB_SUCCESS;
#if HAVE_FAST_FIELD_AVX2
    __m128i k0 = _mm_set1_epi8('0'), k9 = _mm_set1_epi8(9);
    __asm__("" : "+x"(k0), "+x"(k9)); /* opaque: kept in registers, not rebuilt per field */
#endif
    while (p < end) {
#if HAVE_FAST_FIELD_AVX2
        if (avx2) {
            const char *nx = line_avx2(p, ncols, v + i, cap, k0, k9);
            if (nx != NULL) {
                pc->fast++;
                i++;
                lineno++;
                p = nx;
                continue;
            }
        }
#endif
        const char *q = skip_sep(p);
        if (!(cls[(unsigned char)*q] & (C_HASH | C_END))) {
            size_t j = 0;
            /* the common case: fields that fast_field takes (finite numbers), most often one
             * blank apart; anything else goes on in the general loop below at field j */
            double *dst = avx2 || q - J->text >= 15 ? v + i : NULL; /* fast_field's window */
            for (; dst != NULL && j < ncols; dst += cap) {
                double x;
#if HAVE_FAST_FIELD_AVX2
                const char *e = avx2 ? fast_field_avx2(q, &x, k0, k9) : fast_field(q, &x);
#else
                const char *e = fast_field(q, &x);
#endif
                if (e == NULL) break;
                *dst = x;
                j++;
                q = e;
                if (*q == ' ' && cls[(unsigned char)q[1]] == 0) {
                    q++;
                    continue;
                }
                q = skip_sep(q);
                if (cls[(unsigned char)*q] & (C_HASH | C_END)) break;
            }
            if (j == ncols && *q == '\n') { /* the whole line taken: the next one */
                i++;
                lineno++;
                p = q + 1;
                continue;
            }
            for (;;) {
                q = skip_sep(q);
                if (cls[(unsigned char)*q] & (C_HASH | C_END)) break;
                double x;
                const char *e = msbi_parse_number_padded(q, &x);
                if (e == NULL || !cls[(unsigned char)*e]) {
                    st = report ? msbi_error(MSB_EFORMAT, J->where, "%s:%zu: column %zu is not a "
                                             "number", J->name, lineno, j + 1)
                                : MSB_EFORMAT;
                    goto done;
                }
                if (!isfinite(x)) {
                    st = report ? msbi_error(MSB_EFORMAT, J->where, "%s:%zu: column %zu is not "
                                             "finite (%g)", J->name, lineno, j + 1, x)
                                : MSB_EFORMAT;
                    goto done;
                }
                if (j == ncols) {
                    st = report ? msbi_error(MSB_EFORMAT, J->where, "%s:%zu: more than %zu "
                                             "columns", J->name, lineno, ncols)
                                : MSB_EFORMAT;
                    goto done;
                }
                v[j * cap + i] = x;
                j++;
                q = e;
            }
            if (j != ncols) {
                st = report ? msbi_error(MSB_EFORMAT, J->where, "%s:%zu: %zu columns, expected %zu",
                                         J->name, lineno, j, ncols)
                            : MSB_EFORMAT;
                goto done;
            }
            i++;
            p = (*q == '\n') ? q + 1 : next_line(q);
        } else {
            p = next_line(q);
        }
        lineno++;
    }
done:
    pc->nrows = i - pc->slot0;
    pc->failed = st != MSB_SUCCESS;
    return st;
}

/* Newlines in u[0, len), and whether a NUL byte is among them (*nul = 1), in one pass of
 * 32-byte vectors (GCC vector extensions: two SSE2 registers in the baseline clone, one in the
 * AVX2 and AVX-512 clones) with byte-wide counters summed every 255 vectors. */
typedef unsigned char msbi_v32u8 __attribute__((vector_size(32), aligned(1)));
static MSBI_KERNEL size_t count_newlines_nul(const unsigned char *u, size_t len, int *nul)
{
    const msbi_v32u8 vzero = {0}, vnl = vzero + (unsigned char)'\n';
    msbi_v32u8 any0 = vzero;
    size_t n = 0, i = 0;
    while (len - i >= 32) {
        size_t k = (len - i) / 32;
        if (k > 255) k = 255;
        msbi_v32u8 acc = vzero;
        for (; k > 0; k--, i += 32) {
            msbi_v32u8 v;
            memcpy(&v, u + i, 32);
            acc -= (msbi_v32u8)(v == vnl); /* -1 where equal */
            any0 |= (msbi_v32u8)(v == vzero);
        }
        for (int b = 0; b < 32; b++) n += acc[b];
    }
    unsigned char z = 0;
    for (int b = 0; b < 32; b++) z |= any0[b];
    for (; i < len; i++) {
        n += u[i] == '\n';
        z |= u[i] == '\0';
    }
    *nul = z != 0;
    return n;
}

/* Newlines in [b, e). */
static size_t count_newlines(const char *b, const char *e)
{
    int nul;
    return count_newlines_nul((const unsigned char *)b, (size_t)(e - b), &nul);
}

/* Lines in [b, e): newlines, plus one for a last line without one. */
static size_t count_lines(const char *b, const char *e)
{
    return count_newlines(b, e) + (e > b && e[-1] != '\n');
}

static void count_worker(void *ctx, size_t t)
{
    piece *pc = &((job *)ctx)->pc[t];
    pc->nlines = count_lines(pc->begin, pc->end);
}

/* Newline counts of the chunks [at[k], at[k + 1]) of a text read in parallel (k < n; at[n] is
 * the end), so that the line count of any piece follows without a second serial pass. */
typedef struct chunk_counts {
    size_t n;
    size_t at[MSBI_MAX_THREADS + 1];
    size_t nl[MSBI_MAX_THREADS];
} chunk_counts;

/* Newlines in text[0, x), from the chunk counts and a count of the part of x's chunk before x. */
static size_t newlines_before(const chunk_counts *cc, const char *text, const char *x)
{
    const size_t off = (size_t)(x - text);
    size_t n = 0, k = 0;
    for (; k < cc->n && cc->at[k + 1] <= off; k++) n += cc->nl[k];
    return k < cc->n ? n + count_newlines(text + cc->at[k], x) : n;
}

static msb_status parse_piece_base(const job *J, piece *pc, int report)
{
    return parse_piece_with(J, pc, report, 0);
}

#if HAVE_FAST_FIELD_AVX2
__attribute__((target("avx2"))) static msb_status parse_piece_avx2(const job *J, piece *pc,
                                                                     int report)
{
    return parse_piece_with(J, pc, report, 1);
}
#endif

static atomic_int force_baseline;     /* msbi_test_columns_baseline */
static atomic_size_t last_fast_lines; /* msbi_test_columns_fast_lines */

size_t msbi_test_columns_fast_lines(void)
{
    return atomic_load(&last_fast_lines);
}

int msbi_test_columns_baseline(int on)
{
    return atomic_exchange(&force_baseline, on != 0);
}

static msb_status parse_piece(const job *J, piece *pc, int report)
{
#if HAVE_FAST_FIELD_AVX2
    if (!atomic_load_explicit(&force_baseline, memory_order_relaxed) &&
        __builtin_cpu_supports("avx2")) return parse_piece_avx2(J, pc, report);
#endif
    return parse_piece_base(J, pc, report);
}

static void parse_worker(void *ctx, size_t t)
{
    job *J = ctx;
    (void)parse_piece(J, &J->pc[t], 0);
}

/* Pieces of at least this many bytes go to separate threads. */
#define MIN_PIECE_BYTES ((size_t)1 << 20)

/* text: len bytes, NUL-terminated, TEXT_PAD readable zero bytes after the NUL. */
static msb_status parse_text(const char *where, const char *text, size_t len, const char *name,
                             int flags, const chunk_counts *cc, msb_table **out)
{
    if (name == NULL) name = "<string>";
    if (flags != 0 && flags != MSB_TABLE_HEADER && flags != MSB_TABLE_HEADER_COMMENT)
        return msbi_error(MSB_EINVAL, where, "flags must be 0, MSB_TABLE_HEADER or "
                          "MSB_TABLE_HEADER_COMMENT (got %d)", flags);
    /* Pass 1: locate the header and the first data line. */
    const char *p = text, *hdr = NULL, *first = NULL, *last_comment = NULL;
    size_t lineno = 0, first_line = 0, hdr_line = 0;
    while (*p) {
        lineno++;
        const char *q = skip_sep(p);
        if (*q == '#') {
            last_comment = q + 1;
            hdr_line = lineno;
        } else if (!is_end(*q)) {
            if ((flags & MSB_TABLE_HEADER) && hdr == NULL) {
                hdr = q;
                hdr_line = lineno;
            } else {
                first = q;
                first_line = lineno;
                break;
            }
        }
        p = next_line(p);
    }
    if (first == NULL)
        return msbi_error(MSB_EINSUFFICIENT, where, "%s: no data line", name);
    if (flags & MSB_TABLE_HEADER_COMMENT) {
        if (last_comment == NULL)
            return msbi_error(MSB_EFORMAT, where, "%s: MSB_TABLE_HEADER_COMMENT given but no "
                              "comment line precedes the data (line %zu)", name, first_line);
        hdr = last_comment;
    }
    /* Fields of the first data line. */
    size_t ncols = 0;
    {
        const char *r = first;
        for (;;) {
            r = skip_sep(r);
            if (is_end(*r) || *r == '#') break;
            double v;
            const char *e = msbi_parse_number_padded(r, &v);
            if (e == NULL || !(is_sep(*e) || is_end(*e) || *e == '#'))
                return msbi_error(MSB_EFORMAT, where, "%s:%zu: column %zu is not a number",
                                  name, first_line, ncols + 1);
            r = e;
            ncols++;
        }
    }
    if (hdr) {
        size_t nh = count_tokens(hdr);
        if (nh != ncols)
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: header has %zu names but the first "
                              "data line (%zu) has %zu columns", name, hdr_line, nh, first_line,
                              ncols);
    }
    /* Split the data into pieces at line starts, one per thread; count their lines. */
    job J = {.where = where, .name = name, .text = text, .ncols = ncols};
    const char *const end = text + len;
    const size_t data = (size_t)(end - first);
    /* pieces end at the first line start after the chunk boundaries of a parallel read */
    size_t np = cc ? cc->n : msbi_thread_count(data / MIN_PIECE_BYTES);
    const char *b = first;
    for (size_t k = 0; k < np; k++) {
        const char *e = k + 1 == np ? end : cc ? text + cc->at[k + 1]
                                               : first + data / np * (k + 1);
        if (e < b) e = b;
        if (e < end) {
            const char *nl = memchr(e, '\n', (size_t)(end - e));
            e = nl ? nl + 1 : end;
        }
        J.pc[k] = (piece){.begin = b, .end = e};
        b = e;
    }
    /* counting is a fast vectorized pass: on the calling thread (a thread start and join costs
     * about as much, and more on a loaded machine) */
    if (cc) {
        size_t before = newlines_before(cc, text, first);
        for (size_t k = 0; k < np; k++) {
            const size_t upto = newlines_before(cc, text, J.pc[k].end);
            J.pc[k].nlines = upto - before +
                             (J.pc[k].end > J.pc[k].begin && J.pc[k].end[-1] != '\n');
            before = upto;
        }
    } else {
        for (size_t k = 0; k < np; k++) count_worker(&J, k);
    }
    size_t nlines = 0;
    for (size_t k = 0; k < np; k++) {
        J.pc[k].line0 = first_line + nlines;
        J.pc[k].slot0 = nlines;
        nlines += J.pc[k].nlines;
    }
    size_t total;
    if (msbi_mul_size(ncols, nlines, &total))
        return msbi_error(MSB_ESIZE, where, "%s: table too large", name);
    msb_table *t = msbi_calloc(1, sizeof *t);
    if (t == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    t->ncols = ncols;
    t->v = msbi_alloc_array(total, sizeof(double));
    if (t->v == NULL) {
        msb_table_destroy(t);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu x %zu values", nlines, ncols);
    }
    J.v = t->v;
    J.cap = nlines;
    /* Pass 2: parse the pieces (in parallel); on any failure, again serially for the message of
     * the first bad line in file order. */
    msb_status st = MSB_SUCCESS;
    int failed = 0;
    if (np > 1) {
        msbi_run_threads(np, parse_worker, &J);
        for (size_t k = 0; k < np; k++) failed |= J.pc[k].failed;
    }
    if (np == 1 || failed) {
        piece all = {.begin = first, .end = end, .line0 = first_line, .slot0 = 0};
        st = parse_piece(&J, &all, 1);
        if (st) goto done;
        J.pc[0] = all;
        np = 1; /* not reached with failed set: the serial pass finds the failure */
    }
    /* Compact the rows of the pieces (comment and blank lines leave gaps) into columns of
     * nrows: every move goes to a lower or equal address, in address order. */
    size_t nrows = 0;
    size_t fast = 0;
    for (size_t k = 0; k < np; k++) {
        nrows += J.pc[k].nrows;
        fast += J.pc[k].fast;
    }
    atomic_store_explicit(&last_fast_lines, fast, memory_order_relaxed);
    if (nrows < nlines) {
        for (size_t j = 0; j < ncols; j++)
            for (size_t k = 0, r = 0; k < np; r += J.pc[k].nrows, k++)
                memmove(t->v + j * nrows + r, t->v + j * nlines + J.pc[k].slot0,
                        J.pc[k].nrows * sizeof(double));
    }
    t->nrows = nrows;
    t->line0 = first_line;
    if (nrows < nlines) { /* comment or blank lines among the data: note each row's line */
        t->line = msbi_alloc_array(nrows ? nrows : 1, sizeof(size_t));
        if (t->line == NULL) {
            st = msbi_error(MSB_ENOMEM, where, "out of memory for %zu line numbers", nrows);
            goto done;
        }
        size_t i = 0, ln = first_line;
        for (const char *q = first; *q && i < nrows; ln++) {
            const char *s = skip_sep(q);
            if (!(cls[(unsigned char)*s] & (C_HASH | C_END))) t->line[i++] = ln;
            q = next_line(s);
        }
    }
    st = set_names(where, t, hdr);
done:
    if (st != MSB_SUCCESS) {
        msb_table_destroy(t);
        return st;
    }
    *out = t;
    return MSB_SUCCESS;
}

msb_status msb_table_parse(const char *text, const char *name, int flags, msb_table **out)
{
    MSBI_CHECK_NULL(text);
    MSBI_CHECK_NULL(out);
    /* a padded copy: the number parser reads eight bytes at a time */
    const size_t len = strlen(text);
    size_t cap;
    if (msbi_add_size(len, TEXT_PAD + 1, &cap))
        return MSBI_FAIL(MSB_ESIZE, "text too large");
    char *buf = msbi_malloc(cap);
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory for a copy of the text");
    memcpy(buf, text, len);
    memset(buf + len, 0, TEXT_PAD + 1);
    msb_status st = parse_text(__func__, buf, len, name, flags, NULL, out);
    msbi_free(buf);
    return st;
}

/* A regular file of at least this many bytes is read by several threads, each with pread() of
 * its chunk, which it then checks for NUL bytes and counts the newlines of while the chunk is
 * in its cache: the copy from the page cache, the first touch of the buffer and the counting
 * pass run in parallel instead of before the parse. */
#define MIN_PARALLEL_READ_BYTES (2 * MIN_PIECE_BYTES)

typedef struct read_job {
    int fd;
    char *buf;
    chunk_counts cc;
    int err[MSBI_MAX_THREADS]; /* errno of a failed pread, -1 for an early end of file */
    int nul[MSBI_MAX_THREADS];
} read_job;

static void read_worker(void *ctx, size_t t)
{
    read_job *R = ctx;
    const size_t b = R->cc.at[t], e = R->cc.at[t + 1];
    for (size_t off = b; off < e;) {
        const ssize_t got = pread(R->fd, R->buf + off, e - off, (off_t)off);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            R->err[t] = got < 0 ? errno : -1;
            return;
        }
        off += (size_t)got;
    }
    R->cc.nl[t] = count_newlines_nul((const unsigned char *)R->buf + b, e - b, &R->nul[t]);
}

/* Reads and parses a regular file of len bytes with nt > 1 threads. */
static msb_status read_parallel(const char *path, int fd, size_t len, size_t nt, int flags,
                                msb_table **out)
{
    size_t cap;
    if (msbi_add_size(len, TEXT_PAD + 1, &cap))
        return msbi_error(MSB_ESIZE, "msb_table_read", "%s: file too large", path);
    read_job R = {.fd = fd, .buf = msbi_malloc(cap)};
    if (R.buf == NULL)
        return msbi_error(MSB_ENOMEM, "msb_table_read", "out of memory reading %s", path);
    R.cc.n = nt;
    for (size_t k = 0; k <= nt; k++) R.cc.at[k] = k == nt ? len : (len / nt * k) & ~(size_t)63;
    msbi_run_threads(nt, read_worker, &R);
    msb_status st = MSB_SUCCESS;
    for (size_t k = 0; k < nt && st == MSB_SUCCESS; k++) {
        if (R.err[k] > 0)
            st = msbi_error(MSB_EIO, "msb_table_read", "%s: read error: %s", path,
                            strerror(R.err[k]));
        else if (R.err[k] < 0)
            st = msbi_error(MSB_EIO, "msb_table_read", "%s: the file became shorter while it "
                            "was read", path);
    }
    for (size_t k = 0; k < nt && st == MSB_SUCCESS; k++)
        if (R.nul[k])
            st = msbi_error(MSB_EFORMAT, "msb_table_read", "%s: contains a NUL byte (not a "
                            "text file)", path);
    if (st == MSB_SUCCESS) {
        memset(R.buf + len, 0, TEXT_PAD + 1);
        st = parse_text("msb_table_read", R.buf, len, path, flags, &R.cc, out);
    }
    msbi_free(R.buf);
    return st;
}

msb_status msb_table_read(const char *path, int flags, msb_table **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return MSBI_FAIL(MSB_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* Size from fstat when the file is regular (one allocation, one read); grow otherwise. */
    struct stat sb;
    size_t cap = (size_t)1 << 16, len = 0;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uintmax_t)sb.st_size < (uintmax_t)(SIZE_MAX / 4))
        cap = (size_t)sb.st_size + TEXT_PAD + 2;
    if (cap > MIN_PARALLEL_READ_BYTES) {
        const size_t nt = msbi_thread_count(((size_t)sb.st_size) / MIN_PIECE_BYTES);
        if (nt > 1) {
            const msb_status st = read_parallel(path, fd, (size_t)sb.st_size, nt, flags, out);
            close(fd);
            return st;
        }
    }
    char *buf = msbi_malloc(cap);
    msb_status st = MSB_SUCCESS;
    if (buf == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
        goto out;
    }
    for (;;) {
        if (cap - len < TEXT_PAD + 2) {
            char *nb = cap > SIZE_MAX / 4 ? NULL : msbi_realloc_array(buf, cap, 2);
            if (nb == NULL) {
                st = MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
                goto out;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + len, cap - len - TEXT_PAD - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            st = MSBI_FAIL(MSB_EIO, "%s: read error: %s", path, strerror(errno));
            goto out;
        }
        if (got == 0) break;
        len += (size_t)got;
    }
    memset(buf + len, 0, TEXT_PAD + 1);
    if (memchr(buf, '\0', len) != NULL) {
        st = MSBI_FAIL(MSB_EFORMAT, "%s: contains a NUL byte (not a text file)", path);
        goto out;
    }
    st = parse_text(__func__, buf, len, path, flags, NULL, out);
out:
    msbi_free(buf);
    close(fd);
    return st;
}

size_t msb_table_nrows(const msb_table *t) { return t ? t->nrows : 0; }
size_t msb_table_ncols(const msb_table *t) { return t ? t->ncols : 0; }
const char *msb_table_column_name(const msb_table *t, size_t j)
{
    return (t && j < t->ncols) ? t->names[j] : NULL;
}
const double *msb_table_column(const msb_table *t, size_t j)
{
    return (t && j < t->ncols) ? t->v + j * t->nrows : NULL;
}
size_t msb_table_line(const msb_table *t, size_t i)
{
    if (t == NULL || i >= t->nrows) return 0;
    return t->line ? t->line[i] : t->line0 + i;
}

msb_status msb_table_find(const msb_table *t, const char *name, size_t *index)
{
    MSBI_CHECK_NULL(t);
    MSBI_CHECK_NULL(name);
    MSBI_CHECK_NULL(index);
    for (size_t j = 0; j < t->ncols; j++)
        if (strcmp(t->names[j], name) == 0) {
            *index = j;
            return MSB_SUCCESS;
        }
    return MSBI_FAIL(MSB_EINVAL, "no column named '%s'", name);
}

/* Numeric column files (msbridge/timeseries.h): the whole file in memory (one read), one pass to
 * count the lines, one pass to parse with an exact fast path for ordinary decimals; large
 * files are split at line starts into one piece per thread for the parse. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/internal.h"
#include "core/numtext.h"
#include "io/columns.h"
#include "msbridge/timeseries.h"

struct msb_table {
    size_t nrows, ncols;
    double *v;      /* ncols * nrows, column-major */
    size_t *line;   /* nrows, or NULL when row i is on line line0 + i (no gaps) */
    size_t line0;
    char **names;   /* ncols */
};

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
    const unsigned a = (unsigned)__builtin_ctz(nd); /* integer digits, 0..16 */
    if (a >= 16) return NULL;
    const char *c = s + a;
    unsigned f = 0;
    int cut = 0; /* bytes of the window below this index (from 16 - f - 1: the dot) move up */
    if (*c == '.') {
        f = (unsigned)__builtin_ctz(nd >> (a + 1)); /* fraction digits */
        if (a + 1 + f >= 16) return NULL;           /* may go on beyond the window */
        c += 1 + f;
        cut = 16 - (int)f;
    }
    if (a + f == 0) return NULL;
    /* the significand's bytes right-aligned in a window ending at c; the integer digits move
     * up one byte over the dot, then everything below the a + f digits is cleared */
    const __m128i y = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(c - 16)),
                                   _mm_set1_epi8('0'));
    const __m128i up = _mm_loadu_si128((const __m128i *)(const void *)(ramp + 16 - cut));
    __m128i z = _mm_or_si128(_mm_and_si128(up, _mm_slli_si128(y, 1)), _mm_andnot_si128(up, y));
    z = _mm_andnot_si128(_mm_loadu_si128((const __m128i *)(const void *)(ramp + a + f)), z);
    const uint64_t m = digits_sse2(z); /* < 10^15 < 2^53 */
    long e = -(long)f;
    if (!(cls[(unsigned char)*c] & (C_SEP | C_END | C_HASH))) {
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
        e += eneg ? -ev : ev;
        c = q;
        if (!(cls[(unsigned char)*c] & (C_SEP | C_END | C_HASH))) return NULL;
    }
    double v;
    if (!msbi_decimal_round(m, e, &v)) return NULL; /* m < 10^15 < 2^53 */
    *out = neg ? -v : v;
    return c;
}
#else
#define HAVE_FAST_FIELD 0
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
 * then parses again serially with report = 1 for the message of the first bad line. */
static msb_status parse_piece(const job *J, piece *pc, int report)
{
    const char *p = pc->begin, *const end = pc->end;
    const size_t ncols = J->ncols, cap = J->cap;
    size_t i = pc->slot0, lineno = pc->line0;
    double *const v = J->v;
    msb_status st = MSB_SUCCESS;
    while (p < end) {
        const char *q = skip_sep(p);
        if (!(cls[(unsigned char)*q] & (C_HASH | C_END))) {
            size_t j = 0;
            /* the common case: fields that fast_field takes (finite numbers), most often one
             * blank apart; anything else goes on in the general loop below at field j */
            double *dst = q - J->text >= 15 ? v + i : NULL; /* fast_field's window */
            for (; dst != NULL && j < ncols; dst += cap) {
                double x;
                const char *e = fast_field(q, &x);
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

/* Lines in [b, e): newlines, plus one for a last line without one. A plain counting loop (the
 * compiler vectorizes it), not memchr per line. */
static size_t count_lines(const char *b, const char *e)
{
    size_t n = 0;
    const size_t len = (size_t)(e - b);
    const unsigned char *u = (const unsigned char *)b;
    size_t i = 0;
    while (i < len) {
        /* blocks of at most 255 bytes keep a byte-wide counter exact */
        const size_t stop = len - i > 255 ? i + 255 : len;
        unsigned char c = 0;
        for (; i < stop; i++) c += u[i] == '\n';
        n += c;
    }
    return n + (e > b && e[-1] != '\n');
}

static void count_worker(void *ctx, size_t t)
{
    piece *pc = &((job *)ctx)->pc[t];
    pc->nlines = count_lines(pc->begin, pc->end);
}

static void parse_worker(void *ctx, size_t t)
{
    job *J = ctx;
    (void)parse_piece(J, &J->pc[t], 0);
}

/* Pieces of at least this many bytes go to separate threads. */
#define MIN_PIECE_BYTES ((size_t)1 << 20)

/* text: len bytes, NUL-terminated, MSBI_PARSE_PAD readable bytes after the NUL. */
static msb_status parse_text(const char *where, const char *text, size_t len, const char *name,
                             int flags, msb_table **out)
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
    size_t np = msbi_thread_count(data / MIN_PIECE_BYTES);
    const char *b = first;
    for (size_t k = 0; k < np; k++) {
        const char *e = k + 1 == np ? end : first + data / np * (k + 1);
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
    for (size_t k = 0; k < np; k++) count_worker(&J, k);
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
    for (size_t k = 0; k < np; k++) nrows += J.pc[k].nrows;
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
    if (msbi_add_size(len, MSBI_PARSE_PAD + 1, &cap))
        return MSBI_FAIL(MSB_ESIZE, "text too large");
    char *buf = msbi_malloc(cap);
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory for a copy of the text");
    memcpy(buf, text, len);
    memset(buf + len, 0, MSBI_PARSE_PAD + 1);
    msb_status st = parse_text(__func__, buf, len, name, flags, out);
    msbi_free(buf);
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
        cap = (size_t)sb.st_size + MSBI_PARSE_PAD + 2;
    char *buf = msbi_malloc(cap);
    msb_status st = MSB_SUCCESS;
    if (buf == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
        goto out;
    }
    for (;;) {
        if (cap - len < MSBI_PARSE_PAD + 2) {
            char *nb = cap > SIZE_MAX / 4 ? NULL : msbi_realloc_array(buf, cap, 2);
            if (nb == NULL) {
                st = MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
                goto out;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + len, cap - len - MSBI_PARSE_PAD - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            st = MSBI_FAIL(MSB_EIO, "%s: read error: %s", path, strerror(errno));
            goto out;
        }
        if (got == 0) break;
        len += (size_t)got;
    }
    memset(buf + len, 0, MSBI_PARSE_PAD + 1);
    if (memchr(buf, '\0', len) != NULL) {
        st = MSBI_FAIL(MSB_EFORMAT, "%s: contains a NUL byte (not a text file)", path);
        goto out;
    }
    st = parse_text(__func__, buf, len, path, flags, out);
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

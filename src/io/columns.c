/* Numeric column files (msbridge/timeseries.h): whole file in memory, one pass to size the
 * table, one pass to parse with an exact fast path for ordinary decimals. */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/numtext.h"
#include "io/columns.h"
#include "msbridge/timeseries.h"

struct msb_table {
    size_t nrows, ncols;
    double *v;      /* ncols * nrows, column-major */
    size_t *line;   /* nrows */
    char **names;   /* ncols */
};

/* Exact powers of ten representable in a double (10^0 .. 10^22). */
static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_sep(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\v' || c == '\f'; }
static int is_end(char c) { return c == '\n' || c == '\0'; }

/* Parse one number at p (no leading separators). Correctly rounded: the fast path is Clinger's
 * (at most 19 significant digits, |decimal exponent| <= 22, both operands exact, one rounding);
 * anything else goes to strtod. Returns the end pointer, or NULL if no number starts here. */
const char *msbi_parse_double(const char *p, double *out)
{
    const char *s = p;
    int neg = 0;
    if (*s == '+' || *s == '-') neg = (*s++ == '-');
    uint64_t mant = 0;
    int ndig = 0, exp10 = 0, any = 0, overflow = 0;
    while (*s >= '0' && *s <= '9') {
        any = 1;
        if (ndig < 19) {
            if (mant || *s != '0') {
                mant = mant * 10 + (uint64_t)(*s - '0');
                ndig++;
            }
        } else {
            overflow = 1;
            exp10++;
        }
        s++;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            any = 1;
            if (ndig < 19) {
                if (mant || *s != '0') {
                    mant = mant * 10 + (uint64_t)(*s - '0');
                    ndig++;
                }
                exp10--;
            } else {
                overflow = 1;
            }
            s++;
        }
    }
    if (!any) goto slow;
    if (*s == 'e' || *s == 'E') {
        const char *e = s + 1;
        int eneg = 0, ev = 0, edig = 0;
        if (*e == '+' || *e == '-') eneg = (*e++ == '-');
        while (*e >= '0' && *e <= '9') {
            if (ev < 100000) ev = ev * 10 + (*e - '0');
            e++;
            edig = 1;
        }
        if (!edig) goto slow;
        exp10 += eneg ? -ev : ev;
        s = e;
    }
    if (overflow || mant > (UINT64_C(1) << 53) || exp10 < -22 || exp10 > 22) goto slow;
    double v = (double)mant;
    v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
    *out = neg ? -v : v;
    return s;
slow:;
    char *end;
    errno = 0;
    double v2 = msbi_strtod(p, &end);
    if (end == p) return NULL;
    *out = v2;
    return end;
}

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

static msb_status parse_text(const char *where, const char *text, const char *name, int flags,
                             msb_table **out)
{
    if (name == NULL) name = "<string>";
    if (flags != 0 && flags != MSB_TABLE_HEADER && flags != MSB_TABLE_HEADER_COMMENT)
        return msbi_error(MSB_EINVAL, where, "flags must be 0, MSB_TABLE_HEADER or "
                          "MSB_TABLE_HEADER_COMMENT (got %d)", flags);
    /* Pass 1: locate the header and the first data line; count lines (upper bound on rows). */
    const char *p = text, *hdr = NULL, *first = NULL, *last_comment = NULL;
    size_t lineno = 0, first_line = 0, hdr_line = 0, nlines = 0;
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
    {
        const char *r = first, *end = first + strlen(first);
        while ((r = memchr(r, '\n', (size_t)(end - r))) != NULL) {
            nlines++;
            r++;
        }
        nlines++;
    }
    /* Fields of the first data line. */
    size_t ncols = 0;
    {
        const char *r = first;
        for (;;) {
            r = skip_sep(r);
            if (is_end(*r) || *r == '#') break;
            double v;
            const char *e = msbi_parse_double(r, &v);
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
    size_t total;
    if (msbi_mul_size(ncols, nlines, &total))
        return msbi_error(MSB_ESIZE, where, "%s: table too large", name);
    msb_table *t = msbi_calloc(1, sizeof *t);
    if (t == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    t->ncols = ncols;
    t->v = msbi_alloc_array(total, sizeof(double));
    t->line = msbi_alloc_array(nlines, sizeof(size_t));
    if (t->v == NULL || t->line == NULL) {
        msb_table_destroy(t);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu x %zu values", nlines, ncols);
    }
    /* Pass 2: parse. Rows go to v[j * nlines + i]; compacted at the end. */
    size_t i = 0;
    lineno = first_line;
    p = first;
    msb_status st = MSB_SUCCESS;
    while (*p) {
        const char *q = skip_sep(p);
        if (*q != '#' && !is_end(*q)) {
            size_t j = 0;
            for (;;) {
                q = skip_sep(q);
                if (is_end(*q) || *q == '#') break;
                double v;
                const char *e = msbi_parse_double(q, &v);
                if (e == NULL || !(is_sep(*e) || is_end(*e) || *e == '#')) {
                    st = msbi_error(MSB_EFORMAT, where, "%s:%zu: column %zu is not a number",
                                    name, lineno, j + 1);
                    goto done;
                }
                if (!isfinite(v)) {
                    st = msbi_error(MSB_EFORMAT, where, "%s:%zu: column %zu is not finite (%g)",
                                    name, lineno, j + 1, v);
                    goto done;
                }
                if (j == ncols) {
                    st = msbi_error(MSB_EFORMAT, where, "%s:%zu: more than %zu columns", name,
                                    lineno, ncols);
                    goto done;
                }
                t->v[j * nlines + i] = v;
                j++;
                q = e;
            }
            if (j != ncols) {
                st = msbi_error(MSB_EFORMAT, where, "%s:%zu: %zu columns, expected %zu", name,
                                lineno, j, ncols);
                goto done;
            }
            t->line[i++] = lineno;
            p = (*q == '\n') ? q + 1 : next_line(q);
        } else {
            p = next_line(q);
        }
        lineno++;
    }
    t->nrows = i;
    if (i < nlines)
        for (size_t j = 1; j < ncols; j++)
            memmove(t->v + j * i, t->v + j * nlines, i * sizeof(double));
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
    return parse_text(__func__, text, name, flags, out);
}

msb_status msb_table_read(const char *path, int flags, msb_table **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(out);
    FILE *f = fopen(path, "rb");
    if (f == NULL) return MSBI_FAIL(MSB_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* Size from fstat when the file is regular (one allocation, one read); grow otherwise. */
    struct stat sb;
    size_t cap = 1 << 16, len = 0;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uintmax_t)sb.st_size < (uintmax_t)(SIZE_MAX / 2))
        cap = (size_t)sb.st_size + 2;
    char *buf = msbi_malloc(cap);
    if (buf == NULL) {
        fclose(f);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
    }
    for (;;) {
        if (cap - len < 2) {
            char *nb = msbi_realloc_array(buf, cap, 2);
            if (nb == NULL) {
                msbi_free(buf);
                fclose(f);
                return MSBI_FAIL(MSB_ENOMEM, "out of memory reading %s", path);
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        msbi_free(buf);
        return MSBI_FAIL(MSB_EIO, "%s: read error", path);
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len) != NULL) {
        msbi_free(buf);
        return MSBI_FAIL(MSB_EFORMAT, "%s: contains a NUL byte (not a text file)", path);
    }
    msb_status st = parse_text(__func__, buf, path, flags, out);
    msbi_free(buf);
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
size_t msb_table_line(const msb_table *t, size_t i) { return (t && i < t->nrows) ? t->line[i] : 0; }

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

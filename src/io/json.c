/* Small strict JSON reader and writer for law cards (src/io/json.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"
#include "io/json.h"
#include "msbridge/card.h"

#define JSON_MAX_DEPTH 64

typedef struct parser {
    const char *where, *name;
    const char *s;
    size_t len, pos;
    int line, col;
} parser;

static msb_status perr(parser *p, msb_status code, const char *what)
{
    return msbi_error(code, p->where, "%s:%d:%d: %s", p->name, p->line, p->col, what);
}

static msb_status perr_eof(parser *p, const char *what)
{
    return perr(p, MSB_ETRUNCATED, what);
}

static int at_end(const parser *p) { return p->pos >= p->len; }
static char peek(const parser *p) { return at_end(p) ? '\0' : p->s[p->pos]; }

static void advance(parser *p)
{
    if (p->s[p->pos] == '\n') {
        p->line++;
        p->col = 1;
    } else {
        p->col++;
    }
    p->pos++;
}

static void skip_ws(parser *p)
{
    while (!at_end(p)) {
        char c = p->s[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') advance(p);
        else break;
    }
}

static void node_clear(msbi_json *v)
{
    if (v == NULL) return;
    for (size_t i = 0; i < v->count; i++) node_clear(&v->child[i]);
    msbi_free(v->child);
    msbi_free(v->string);
    msbi_free(v->key);
    v->child = NULL;
    v->string = NULL;
    v->key = NULL;
    v->count = 0;
}

void msbi_json_free(msbi_json *root)
{
    if (root == NULL) return;
    node_clear(root);
    msbi_free(root);
}

const msbi_json *msbi_json_get(const msbi_json *obj, const char *key)
{
    if (obj == NULL || obj->type != MSBI_JSON_OBJECT) return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->child[i].key, key) == 0) return &obj->child[i];
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_utf8(msbi_strbuf *b, unsigned long cp)
{
    char u[5] = {0};
    if (cp < 0x80) {
        u[0] = (char)cp;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
    }
    msbi_sb_puts(b, u);
}

static msb_status parse_hex4(parser *p, unsigned long *cp)
{
    unsigned long v = 0;
    for (int k = 0; k < 4; k++) {
        if (at_end(p)) return perr_eof(p, "text ends inside a \\u escape");
        int h = hexval(peek(p));
        if (h < 0) return perr(p, MSB_EFORMAT, "bad hexadecimal digit in a \\u escape");
        v = v * 16 + (unsigned long)h;
        advance(p);
    }
    *cp = v;
    return MSB_SUCCESS;
}

/* At the opening quote. */
static msb_status parse_string(parser *p, char **out)
{
    msbi_strbuf b;
    msbi_sb_init(&b);
    msbi_sb_puts(&b, ""); /* ensure a buffer even for "" */
    advance(p);
    msb_status st = MSB_SUCCESS;
    for (;;) {
        if (at_end(p)) {
            st = perr_eof(p, "text ends inside a string");
            break;
        }
        unsigned char c = (unsigned char)peek(p);
        if (c == '"') {
            advance(p);
            break;
        }
        if (c < 0x20) {
            st = perr(p, MSB_EFORMAT, "control character in a string (escape it)");
            break;
        }
        if (c != '\\') {
            char one[2] = {(char)c, 0};
            msbi_sb_puts(&b, one);
            advance(p);
            continue;
        }
        advance(p);
        if (at_end(p)) {
            st = perr_eof(p, "text ends inside an escape");
            break;
        }
        char e = peek(p);
        const char *rep = NULL;
        switch (e) {
        case '"': rep = "\""; break;
        case '\\': rep = "\\"; break;
        case '/': rep = "/"; break;
        case 'b': rep = "\b"; break;
        case 'f': rep = "\f"; break;
        case 'n': rep = "\n"; break;
        case 'r': rep = "\r"; break;
        case 't': rep = "\t"; break;
        case 'u': break;
        default: st = perr(p, MSB_EFORMAT, "unknown escape in a string"); break;
        }
        if (st) break;
        advance(p);
        if (rep != NULL) {
            msbi_sb_puts(&b, rep);
            continue;
        }
        unsigned long cp;
        if ((st = parse_hex4(p, &cp))) break;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
                st = perr(p, MSB_EFORMAT, "unpaired UTF-16 high surrogate");
                break;
            }
            advance(p);
            advance(p);
            unsigned long lo;
            if ((st = parse_hex4(p, &lo))) break;
            if (!(lo >= 0xDC00 && lo <= 0xDFFF)) {
                st = perr(p, MSB_EFORMAT, "unpaired UTF-16 high surrogate");
                break;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            st = perr(p, MSB_EFORMAT, "unpaired UTF-16 low surrogate");
            break;
        } else if (cp == 0) {
            st = perr(p, MSB_EFORMAT, "\\u0000 is not allowed in a card string");
            break;
        }
        put_utf8(&b, cp);
    }
    if (st == MSB_SUCCESS && b.failed) st = msbi_error(MSB_ENOMEM, p->where, "out of memory");
    if (st != MSB_SUCCESS) {
        msbi_sb_free(&b);
        return st;
    }
    *out = b.s;
    return MSB_SUCCESS;
}

static msb_status parse_number(parser *p, double *out)
{
    size_t start = p->pos;
    if (peek(p) == '-') advance(p);
    if (peek(p) == '0') {
        advance(p);
    } else if (peek(p) >= '1' && peek(p) <= '9') {
        while (peek(p) >= '0' && peek(p) <= '9') advance(p);
    } else {
        return at_end(p) ? perr_eof(p, "text ends inside a number")
                         : perr(p, MSB_EFORMAT, "malformed number");
    }
    if (peek(p) == '.') {
        advance(p);
        if (!(peek(p) >= '0' && peek(p) <= '9'))
            return at_end(p) ? perr_eof(p, "text ends inside a number")
                             : perr(p, MSB_EFORMAT, "malformed number (digit expected after '.')");
        while (peek(p) >= '0' && peek(p) <= '9') advance(p);
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        advance(p);
        if (peek(p) == '+' || peek(p) == '-') advance(p);
        if (!(peek(p) >= '0' && peek(p) <= '9'))
            return at_end(p) ? perr_eof(p, "text ends inside a number")
                             : perr(p, MSB_EFORMAT, "malformed number (exponent digits expected)");
        while (peek(p) >= '0' && peek(p) <= '9') advance(p);
    }
    size_t n = p->pos - start;
    char buf[512];
    if (n >= sizeof buf) return perr(p, MSB_EFORMAT, "number literal too long");
    memcpy(buf, p->s + start, n);
    buf[n] = '\0';
    double v = msbi_strtod(buf, NULL);
    if (!isfinite(v)) return perr(p, MSB_EFORMAT, "number overflows a double");
    *out = v;
    return MSB_SUCCESS;
}

static msb_status expect_word(parser *p, const char *w)
{
    for (const char *c = w; *c; c++) {
        if (at_end(p)) return perr_eof(p, "text ends inside a literal");
        if (peek(p) != *c) return perr(p, MSB_EFORMAT, "unexpected character (value expected)");
        advance(p);
    }
    return MSB_SUCCESS;
}

static msb_status parse_value(parser *p, msbi_json *v, int depth);

static msb_status push_child(parser *p, msbi_json *v, size_t *cap, msbi_json **slot)
{
    if (v->count == *cap) {
        size_t nc = *cap ? 2 * *cap : 4;
        msbi_json *c = msbi_realloc_array(v->child, nc, sizeof *c);
        if (c == NULL) return msbi_error(MSB_ENOMEM, p->where, "out of memory parsing %s", p->name);
        v->child = c;
        *cap = nc;
    }
    *slot = &v->child[v->count];
    memset(*slot, 0, sizeof **slot);
    return MSB_SUCCESS;
}

static msb_status parse_container(parser *p, msbi_json *v, int depth, int is_object)
{
    char close = is_object ? '}' : ']';
    size_t cap = 0;
    advance(p);
    skip_ws(p);
    if (peek(p) == close) {
        advance(p);
        return MSB_SUCCESS;
    }
    for (;;) {
        skip_ws(p);
        if (at_end(p)) return perr_eof(p, is_object ? "text ends inside an object"
                                                    : "text ends inside an array");
        msbi_json *slot = NULL;
        MSBI_TRY(push_child(p, v, &cap, &slot));
        char *key = NULL;
        if (is_object) {
            if (peek(p) != '"') return perr(p, MSB_EFORMAT, "object key (a string) expected");
            int kl = p->line, kc = p->col;
            MSBI_TRY(parse_string(p, &key));
            for (size_t i = 0; i < v->count; i++) {
                if (strcmp(v->child[i].key, key) == 0) {
                    msbi_free(key);
                    return msbi_error(MSB_EFORMAT, p->where, "%s:%d:%d: duplicate key", p->name,
                                      kl, kc);
                }
            }
            skip_ws(p);
            if (at_end(p)) {
                msbi_free(key);
                return perr_eof(p, "text ends inside an object");
            }
            if (peek(p) != ':') {
                msbi_free(key);
                return perr(p, MSB_EFORMAT, "':' expected after an object key");
            }
            advance(p);
            skip_ws(p);
        }
        slot->key = key;
        v->count++; /* owned by v from here, even if the value fails */
        MSBI_TRY(parse_value(p, slot, depth + 1));
        skip_ws(p);
        if (at_end(p)) return perr_eof(p, is_object ? "text ends inside an object"
                                                    : "text ends inside an array");
        if (peek(p) == ',') {
            advance(p);
            skip_ws(p);
            if (peek(p) == close) return perr(p, MSB_EFORMAT, "trailing comma");
            continue;
        }
        if (peek(p) == close) {
            advance(p);
            return MSB_SUCCESS;
        }
        return perr(p, MSB_EFORMAT, is_object ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static msb_status parse_value(parser *p, msbi_json *v, int depth)
{
    if (depth > JSON_MAX_DEPTH) return perr(p, MSB_EFORMAT, "nesting deeper than 64 levels");
    skip_ws(p);
    if (at_end(p)) return perr_eof(p, "text ends where a value is expected");
    v->line = p->line;
    v->col = p->col;
    char c = peek(p);
    switch (c) {
    case '{': v->type = MSBI_JSON_OBJECT; return parse_container(p, v, depth, 1);
    case '[': v->type = MSBI_JSON_ARRAY; return parse_container(p, v, depth, 0);
    case '"': v->type = MSBI_JSON_STRING; return parse_string(p, &v->string);
    case 't': v->type = MSBI_JSON_BOOL; v->boolean = 1; return expect_word(p, "true");
    case 'f': v->type = MSBI_JSON_BOOL; v->boolean = 0; return expect_word(p, "false");
    case 'n': v->type = MSBI_JSON_NULL; return expect_word(p, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            v->type = MSBI_JSON_NUMBER;
            return parse_number(p, &v->number);
        }
        return perr(p, MSB_EFORMAT, "unexpected character (value expected)");
    }
}

msb_status msbi_json_parse(const char *where, const char *name, const char *text, size_t len,
                           msbi_json **out)
{
    parser p = {where, name ? name : "<string>", text, len, 0, 1, 1};
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        return perr(&p, MSB_EFORMAT, "byte-order mark not allowed");
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0') {
            p.pos = i;
            return msbi_error(MSB_EFORMAT, where, "%s: NUL byte at offset %zu", p.name, i);
        }
    msbi_json *root = msbi_calloc(1, sizeof *root);
    if (root == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory parsing %s", p.name);
    msb_status st = parse_value(&p, root, 0);
    if (st == MSB_SUCCESS) {
        skip_ws(&p);
        if (!at_end(&p)) st = perr(&p, MSB_EFORMAT, "unexpected text after the top-level value");
    }
    if (st != MSB_SUCCESS) {
        msbi_json_free(root);
        return st;
    }
    *out = root;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ writer */

void msbi_sb_init(msbi_strbuf *b) { memset(b, 0, sizeof *b); }

void msbi_sb_free(msbi_strbuf *b)
{
    msbi_free(b->s);
    memset(b, 0, sizeof *b);
}

static int sb_reserve(msbi_strbuf *b, size_t extra)
{
    if (b->failed) return 0;
    size_t need;
    if (msbi_add_size(b->len, extra + 1, &need)) {
        b->failed = 1;
        return 0;
    }
    if (need <= b->cap) return 1;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < need) {
        if (msbi_mul_size(nc, 2, &nc)) {
            b->failed = 1;
            return 0;
        }
    }
    char *s = msbi_realloc_array(b->s, nc, 1);
    if (s == NULL) {
        b->failed = 1;
        return 0;
    }
    b->s = s;
    b->cap = nc;
    return 1;
}

void msbi_sb_puts(msbi_strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (!sb_reserve(b, n)) return;
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void msbi_sb_printf(msbi_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    /* "C" locale: numbers in cards and exports never get a decimal comma */
    int n = msbi_vsnprintf_c(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
    } else if (sb_reserve(b, (size_t)n)) {
        msbi_vsnprintf_c(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void msbi_sb_json_string(msbi_strbuf *b, const char *s)
{
    msbi_sb_puts(b, "\"");
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '"': msbi_sb_puts(b, "\\\""); break;
        case '\\': msbi_sb_puts(b, "\\\\"); break;
        case '\n': msbi_sb_puts(b, "\\n"); break;
        case '\r': msbi_sb_puts(b, "\\r"); break;
        case '\t': msbi_sb_puts(b, "\\t"); break;
        default:
            if (*c < 0x20) {
                msbi_sb_printf(b, "\\u%04x", (unsigned)*c);
            } else {
                char one[2] = {(char)*c, 0};
                msbi_sb_puts(b, one);
            }
        }
    }
    msbi_sb_puts(b, "\"");
}

void msbi_sb_json_number(msbi_strbuf *b, double v) { msbi_sb_printf(b, "%.17g", v); }

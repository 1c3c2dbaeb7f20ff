/* Internal: a small strict JSON (RFC 8259) reader and writer for law cards.
 *
 * Reader: a DOM of msbi_json nodes, built from a NUL-terminated text. Strict: no comments, no
 * trailing commas, no NaN/Infinity, no duplicate object keys, no control characters in strings,
 * nothing after the top value, nesting depth <= 64. Errors are MSB_EFORMAT (or MSB_ETRUNCATED
 * when the text ends inside a value) with "name:line:column: what" in the message. Numbers keep
 * their value parsed by strtod (correctly rounded, so %.17g text round-trips bitwise). Parsing and
 * printing use the C locale's '.' decimal point (the library never calls setlocale).
 *
 * Writer: a growable buffer with helpers that emit valid JSON text (doubles with %.17g). */
#ifndef MSBI_IO_JSON_H
#define MSBI_IO_JSON_H

#include <stddef.h>

#include "core/internal.h"

typedef enum msbi_json_type {
    MSBI_JSON_NULL, MSBI_JSON_BOOL, MSBI_JSON_NUMBER, MSBI_JSON_STRING, MSBI_JSON_ARRAY,
    MSBI_JSON_OBJECT
} msbi_json_type;

typedef struct msbi_json msbi_json;
struct msbi_json {
    msbi_json_type type;
    int line, col;    /* position of the value in the text (1-based) */
    int boolean;
    double number;
    char *string;     /* STRING: value (NUL-terminated UTF-8, no embedded NUL) */
    char *key;        /* member of an OBJECT: its key */
    size_t count;     /* ARRAY/OBJECT: number of children */
    msbi_json *child; /* ARRAY/OBJECT: children array */
};

/* Parse `text` (len bytes, need not be NUL-terminated); `name` labels messages (file name).
 * On success *out is the root (free with msbi_json_free). */
msb_status msbi_json_parse(const char *where, const char *name, const char *text, size_t len,
                           msbi_json **out);
void msbi_json_free(msbi_json *root);
/* Member `key` of an object, or NULL. */
const msbi_json *msbi_json_get(const msbi_json *obj, const char *key);

/* ---- writer ---- */
typedef struct msbi_strbuf {
    char *s;
    size_t len, cap;
    int failed; /* an allocation failed: every later append is a no-op */
} msbi_strbuf;

void msbi_sb_init(msbi_strbuf *b);
void msbi_sb_free(msbi_strbuf *b);
void msbi_sb_puts(msbi_strbuf *b, const char *s);
void msbi_sb_printf(msbi_strbuf *b, const char *fmt, ...) MSBI_PRINTF(2, 3);
/* A JSON string literal (quotes and escapes). */
void msbi_sb_json_string(msbi_strbuf *b, const char *s);
/* A finite double as %.17g (caller ensures finiteness). */
void msbi_sb_json_number(msbi_strbuf *b, double v);

#endif

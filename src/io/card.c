/* Law cards: JSON serialisation of any registered law, crash-safe writing, and exporters
 * (msbridge/card.h, docs/law_cards.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/card_internal.h"
#include "io/json.h"
#include "io/sha256.h"
#include "laws/law_internal.h"
#include "msbridge/card.h"
#include "msbridge/version.h"

#define CARD_FORMAT "msbridge-law-card"
#define CARD_VERSION 1
#define FAMILY_MAX 32

enum { FAM_SCALAR, FAM_ARRAY, FAM_LAW };

typedef struct fam_entry {
    char key[MSBI_NAME_MAX];
    int type;            /* FAM_* */
    double value;        /* FAM_SCALAR */
    size_t n;            /* FAM_ARRAY: count */
    double *arr;         /* FAM_ARRAY: owned copy */
    const msb_law *law;  /* FAM_LAW: a part, written as a nested card under "parts" */
} fam_entry;

struct reader;
struct msbi_card_family {
    const char *where;
    /* writing */
    size_t n;
    fam_entry e[FAMILY_MAX];
    /* reading */
    const char *name;              /* file name for messages */
    const msbi_json *obj;          /* the card's "family" object */
    const msbi_json *parts;        /* the card's "parts" object, or NULL */
    const struct reader *rd;       /* for nested cards */
    unsigned char *used_fam, *used_parts; /* members consumed by card_read */
    const char *out_name[MSB_LAW_MAX_OUTPUTS], *out_unit[MSB_LAW_MAX_OUTPUTS];
    const double *param;
    size_t np;
};

static void fam_free(msbi_card_family *f)
{
    for (size_t i = 0; i < f->n; i++) msbi_free(f->e[i].arr);
    f->n = 0;
}

static msb_status fam_add(msbi_card_family *f, const char *key, int type, fam_entry **out)
{
    if (f->n >= FAMILY_MAX || strlen(key) >= MSBI_NAME_MAX || key[0] == '\0')
        return msbi_error(MSB_EINTERNAL, f->where, "too many or too long family constants");
    for (size_t i = 0; i < f->n; i++)
        if (f->e[i].type == type && strcmp(f->e[i].key, key) == 0)
            return msbi_error(MSB_EINTERNAL, f->where, "family constant '%s' put twice", key);
    fam_entry *e = &f->e[f->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->key, MSBI_NAME_MAX, "%s", key);
    e->type = type;
    *out = e;
    return MSB_SUCCESS;
}

msb_status msbi_card_put(msbi_card_family *f, const char *key, double value)
{
    if (!isfinite(value))
        return msbi_error(MSB_ENONFINITE, f->where, "family constant '%s' is not finite", key);
    fam_entry *e = NULL;
    MSBI_TRY(fam_add(f, key, FAM_SCALAR, &e));
    e->value = value;
    return MSB_SUCCESS;
}

msb_status msbi_card_put_array(msbi_card_family *f, const char *key, size_t n,
                               const double *values)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(values[i]))
            return msbi_error(MSB_ENONFINITE, f->where, "family constant '%s'[%zu] is not "
                              "finite", key, i);
    double *copy = msbi_alloc_array(n ? n : 1, sizeof *copy);
    if (copy == NULL) return msbi_error(MSB_ENOMEM, f->where, "out of memory writing a card");
    fam_entry *e = NULL;
    msb_status st = fam_add(f, key, FAM_ARRAY, &e);
    if (st != MSB_SUCCESS) {
        msbi_free(copy);
        return st;
    }
    if (n) memcpy(copy, values, n * sizeof *copy);
    e->arr = copy;
    e->n = n;
    return MSB_SUCCESS;
}

msb_status msbi_card_put_law(msbi_card_family *f, const char *key, const msb_law *part)
{
    fam_entry *e = NULL;
    MSBI_TRY(fam_add(f, key, FAM_LAW, &e));
    e->law = part;
    return MSB_SUCCESS;
}

/* Index of key in object o, or SIZE_MAX. */
static size_t member_index(const msbi_json *o, const char *key)
{
    if (o == NULL) return SIZE_MAX;
    for (size_t i = 0; i < o->count; i++)
        if (strcmp(o->child[i].key, key) == 0) return i;
    return SIZE_MAX;
}

int msbi_card_has(const msbi_card_family *f, const char *key)
{
    return member_index(f->obj, key) != SIZE_MAX;
}

static msb_status fam_find(const msbi_card_family *f, const char *key, msbi_json_type t,
                           const char *what, const msbi_json **out)
{
    size_t i = member_index(f->obj, key);
    if (i == SIZE_MAX)
        return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: family constant '%s' is missing",
                          f->name, f->obj->line, f->obj->col, key);
    const msbi_json *v = &f->obj->child[i];
    if (v->type != t)
        return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: family constant '%s' must be %s",
                          f->name, v->line, v->col, key, what);
    if (f->used_fam) f->used_fam[i] = 1;
    *out = v;
    return MSB_SUCCESS;
}

msb_status msbi_card_get(const msbi_card_family *f, const char *key, double *value)
{
    const msbi_json *v = NULL;
    MSBI_TRY(fam_find(f, key, MSBI_JSON_NUMBER, "a number", &v));
    *value = v->number;
    return MSB_SUCCESS;
}

msb_status msbi_card_get_array(const msbi_card_family *f, const char *key, size_t min_n,
                               size_t max_n, size_t *n, double **values)
{
    const msbi_json *v = NULL;
    MSBI_TRY(fam_find(f, key, MSBI_JSON_ARRAY, "an array of numbers", &v));
    if (v->count < min_n || v->count > max_n)
        return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: family constant '%s' has %zu "
                          "entries (expected %zu to %zu)", f->name, v->line, v->col, key,
                          v->count, min_n, max_n);
    for (size_t i = 0; i < v->count; i++)
        if (v->child[i].type != MSBI_JSON_NUMBER)
            return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: family constant '%s'[%zu] must "
                              "be a number", f->name, v->child[i].line, v->child[i].col, key, i);
    double *a = msbi_alloc_array(v->count ? v->count : 1, sizeof *a);
    if (a == NULL) return msbi_error(MSB_ENOMEM, f->where, "out of memory reading a card");
    for (size_t i = 0; i < v->count; i++) a[i] = v->child[i].number;
    *n = v->count;
    *values = a;
    return MSB_SUCCESS;
}

msb_status msbi_card_get_int(const msbi_card_family *f, const char *key, long lo, long hi,
                             long *value)
{
    const msbi_json *v = NULL;
    MSBI_TRY(fam_find(f, key, MSBI_JSON_NUMBER, "a number", &v));
    if (!(v->number >= (double)lo && v->number <= (double)hi && v->number == floor(v->number)))
        return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: family constant '%s' must be an "
                          "integer in [%ld, %ld] (got %.17g)", f->name, v->line, v->col, key, lo,
                          hi, v->number);
    *value = (long)v->number;
    return MSB_SUCCESS;
}

const char *msbi_card_where(const msbi_card_family *f) { return f->where; }
const char *msbi_card_output_name(const msbi_card_family *f, size_t k) { return f->out_name[k]; }
const char *msbi_card_output_unit(const msbi_card_family *f, size_t k) { return f->out_unit[k]; }
const double *msbi_card_params(const msbi_card_family *f) { return f->param; }
size_t msbi_card_n_params(const msbi_card_family *f) { return f->np; }

void msb_string_free(char *s) { msbi_free(s); }

/* ------------------------------------------------------------------ domains */

static const char *const domain_names[] = {"real", "positive", "nonnegative", "unit_open",
                                           "unit_closed"};

static int domain_from_name(const char *s, msb_domain_kind *d)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(s, domain_names[i]) == 0) {
            *d = (msb_domain_kind)i;
            return 1;
        }
    return 0;
}

/* ------------------------------------------------------------------ writing */

static void put_bound(msbi_strbuf *b, double v)
{
    if (isinf(v)) msbi_sb_puts(b, "null");
    else msbi_sb_json_number(b, v);
}

typedef struct card_prov {
    size_t n_inputs;
    const char *const *inputs;
    const char *created_by, *note;
} card_prov;

static msb_status card_text(const char *where, const msb_law *law, const card_prov *prov,
                            msbi_strbuf *b, int depth);

/* Append the card of part `law` (a complete card without provenance) indented by `indent`
 * spaces after each newline. */
static msb_status put_part(const char *where, const msb_law *law, msbi_strbuf *b, int depth)
{
    if (depth >= 16)
        return msbi_error(MSB_EBADLAW, where, "laws nested deeper than 16 levels cannot be "
                          "written to a card");
    msbi_strbuf sub;
    msbi_sb_init(&sub);
    msb_status st = card_text(where, law, NULL, &sub, depth + 1);
    if (st == MSB_SUCCESS) {
        if (sub.len > 0 && sub.s[sub.len - 1] == '\n') sub.s[--sub.len] = '\0';
        for (const char *c = sub.s; *c; c++) {
            char ch[2] = {*c, '\0'};
            msbi_sb_puts(b, ch);
            if (*c == '\n') msbi_sb_puts(b, "    ");
        }
    }
    msbi_sb_free(&sub);
    return st;
}

static msb_status card_text_fam(const char *where, const msb_law *law, const card_prov *prov,
                                msbi_strbuf *b, int depth, msbi_card_family *fam);

static msb_status card_text(const char *where, const msb_law *law, const card_prov *prov,
                            msbi_strbuf *b, int depth)
{
    const msbi_law_class *cls = law->shared->cls;
    if (cls->card_read == NULL || msbi_law_registry_find(cls->kind) != cls)
        return msbi_error(MSB_EBADLAW, where, "laws of kind '%s' cannot be written to a card "
                          "(no card hooks registered for this family)", cls->kind);
    msbi_card_family *fam = msbi_calloc(1, sizeof *fam);
    if (fam == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory writing a card");
    fam->where = where;
    msb_status st = MSB_SUCCESS;
    if (cls->card_write != NULL) st = cls->card_write(law, fam);
    if (st == MSB_SUCCESS) st = card_text_fam(where, law, prov, b, depth, fam);
    fam_free(fam);
    msbi_free(fam);
    return st;
}

static msb_status card_text_fam(const char *where, const msb_law *law, const card_prov *prov,
                                msbi_strbuf *b, int depth, msbi_card_family *fam)
{
    const msbi_law_shared *sh = law->shared;
    const msbi_law_class *cls = sh->cls;
    size_t nin_files = prov ? prov->n_inputs : 0;
    if (nin_files > 0 && prov->inputs == NULL)
        return msbi_error(MSB_ENULL, where, "argument 'input_paths' is NULL");
    msbi_sb_puts(b, "{\n  \"format\": \"" CARD_FORMAT "\",\n");
    msbi_sb_printf(b, "  \"format_version\": %d,\n  \"kind\": ", CARD_VERSION);
    msbi_sb_json_string(b, cls->kind);
    msbi_sb_puts(b, ",\n  \"reference\": ");
    msbi_sb_json_string(b, sh->reference);
    msbi_sb_puts(b, ",\n  \"inputs\": [");
    for (size_t j = 0; j < sh->nin; j++) {
        msbi_sb_puts(b, j ? ",\n    {\"name\": " : "\n    {\"name\": ");
        msbi_sb_json_string(b, sh->in[j].name);
        msbi_sb_puts(b, ", \"unit\": ");
        msbi_sb_json_string(b, sh->in[j].unit);
        msbi_sb_printf(b, ", \"domain\": \"%s\", \"validity\": [", domain_names[sh->in[j].domain]);
        put_bound(b, law->lo[j]);
        msbi_sb_puts(b, ", ");
        put_bound(b, law->hi[j]);
        msbi_sb_puts(b, "]}");
    }
    msbi_sb_puts(b, "\n  ],\n  \"outputs\": [");
    for (size_t k = 0; k < sh->nout; k++) {
        msbi_sb_puts(b, k ? ",\n    {\"name\": " : "\n    {\"name\": ");
        msbi_sb_json_string(b, sh->out[k].name);
        msbi_sb_puts(b, ", \"unit\": ");
        msbi_sb_json_string(b, sh->out[k].unit);
        msbi_sb_puts(b, "}");
    }
    msbi_sb_puts(b, "\n  ],\n  \"parameters\": [");
    size_t np = sh->nparam;
    for (size_t m = 0; m < np; m++) {
        msbi_sb_puts(b, m ? ",\n    {\"name\": " : "\n    {\"name\": ");
        msbi_sb_json_string(b, sh->par[m].name);
        msbi_sb_puts(b, ", \"unit\": ");
        msbi_sb_json_string(b, sh->par[m].unit);
        msbi_sb_puts(b, ", \"value\": ");
        msbi_sb_json_number(b, law->param[m]);
        msbi_sb_puts(b, ", \"std\": ");
        msbi_sb_json_number(b, sqrt(law->cov[m * np + m]));
        msbi_sb_puts(b, "}");
    }
    msbi_sb_puts(b, np ? "\n  ],\n  \"covariance\": [" : "],\n  \"covariance\": [");
    for (size_t a = 0; a < np; a++) {
        msbi_sb_puts(b, a ? ",\n    [" : "\n    [");
        for (size_t c = 0; c < np; c++) {
            if (c) msbi_sb_puts(b, ", ");
            msbi_sb_json_number(b, law->cov[a * np + c]);
        }
        msbi_sb_puts(b, "]");
    }
    msbi_sb_puts(b, np ? "\n  ],\n  \"family\": {" : "],\n  \"family\": {");
    size_t nparts = 0, k = 0;
    for (size_t i = 0; i < fam->n; i++) {
        const fam_entry *e = &fam->e[i];
        if (e->type == FAM_LAW) {
            nparts++;
            continue;
        }
        msbi_sb_puts(b, k++ ? ", " : "");
        msbi_sb_json_string(b, e->key);
        msbi_sb_puts(b, ": ");
        if (e->type == FAM_SCALAR) {
            msbi_sb_json_number(b, e->value);
            continue;
        }
        msbi_sb_puts(b, "[");
        for (size_t j = 0; j < e->n; j++) {
            if (j) msbi_sb_puts(b, j % 4 ? ", " : ",\n    ");
            msbi_sb_json_number(b, e->arr[j]);
        }
        msbi_sb_puts(b, "]");
    }
    msbi_sb_puts(b, "}");
    if (nparts > 0) {
        msbi_sb_puts(b, ",\n  \"parts\": {");
        k = 0;
        for (size_t i = 0; i < fam->n; i++) {
            const fam_entry *e = &fam->e[i];
            if (e->type != FAM_LAW) continue;
            msbi_sb_puts(b, k++ ? ",\n    " : "\n    ");
            msbi_sb_json_string(b, e->key);
            msbi_sb_puts(b, ": ");
            MSBI_TRY(put_part(where, e->law, b, depth));
        }
        msbi_sb_puts(b, "\n  }");
    }
    if (prov == NULL) {
        msbi_sb_puts(b, "\n}\n");
        if (b->failed) return msbi_error(MSB_ENOMEM, where, "out of memory writing a card");
        return MSB_SUCCESS;
    }
    msbi_sb_puts(b, ",\n  \"provenance\": {\n    \"library\": \"libmsbridge\",\n"
                    "    \"library_version\": ");
    msbi_sb_json_string(b, MSB_VERSION_STRING);
    if (prov && prov->created_by) {
        msbi_sb_puts(b, ",\n    \"created_by\": ");
        msbi_sb_json_string(b, prov->created_by);
    }
    if (prov && prov->note) {
        msbi_sb_puts(b, ",\n    \"note\": ");
        msbi_sb_json_string(b, prov->note);
    }
    msbi_sb_puts(b, ",\n    \"input_files\": [");
    for (size_t i = 0; i < nin_files; i++) {
        if (prov->inputs[i] == NULL)
            return msbi_error(MSB_ENULL, where, "provenance input path %zu is NULL", i);
        char hex[65];
        msb_status st = msb_sha256_file(prov->inputs[i], hex);
        if (st != MSB_SUCCESS)
            return msbi_error(st, where, "cannot hash provenance input '%s'", prov->inputs[i]);
        msbi_sb_puts(b, i ? ",\n      {\"path\": " : "\n      {\"path\": ");
        msbi_sb_json_string(b, prov->inputs[i]);
        msbi_sb_printf(b, ", \"sha256\": \"%s\"}", hex);
    }
    msbi_sb_puts(b, nin_files ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n");
    if (b->failed) return msbi_error(MSB_ENOMEM, where, "out of memory writing a card");
    return MSB_SUCCESS;
}

msb_status msb_card_to_string(const msb_law *law, size_t n_inputs, const char *const *input_paths,
                              const char *created_by, const char *note, char **json)
{
    const card_prov provv = {n_inputs, input_paths, created_by, note}, *prov = &provv;
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(json);
    msbi_strbuf b;
    msbi_sb_init(&b);
    msb_status st = card_text(__func__, law, prov, &b, 0);
    if (st != MSB_SUCCESS) {
        msbi_sb_free(&b);
        return st;
    }
    *json = b.s;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ crash-safe files */

static _Thread_local long test_fail_after = -1;

void msbi_test_card_write_fail_after(long nbytes) { test_fail_after = nbytes; }

msb_status msbi_write_file_atomic(const char *where, const char *path, const char *data,
                                  size_t len)
{
    static const char suffix[] = ".tmp.XXXXXX";
    size_t plen = strlen(path), tlen;
    if (plen == 0) return msbi_error(MSB_EINVAL, where, "empty path");
    if (msbi_add_size(plen, sizeof suffix, &tlen))
        return msbi_error(MSB_ESIZE, where, "path too long");
    char *tmp = msbi_malloc(tlen);
    if (tmp == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof suffix);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        msb_status st = msbi_error(MSB_EIO, where, "cannot create a temporary file beside '%s': "
                                   "%s", path, strerror(errno));
        msbi_free(tmp);
        return st;
    }
    long fail_after = test_fail_after;
    test_fail_after = -1;
    size_t todo = len;
    if (fail_after >= 0 && (size_t)fail_after < len) todo = (size_t)fail_after;
    size_t done = 0;
    int err = 0;
    while (done < todo) {
        ssize_t w = write(fd, data + done, todo - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        done += (size_t)w;
    }
    if (!err && todo < len) err = ENOSPC; /* simulated failure (test hook) */
    if (!err && fsync(fd) != 0) err = errno;
    if (close(fd) != 0 && !err) err = errno;
    if (!err && rename(tmp, path) != 0) err = errno;
    if (err) {
        unlink(tmp);
        msb_status st = msbi_error(MSB_EIO, where, "cannot write '%s': %s (the previous file, "
                                   "if any, is untouched)", path, strerror(err));
        msbi_free(tmp);
        return st;
    }
    msbi_free(tmp);
    /* Make the rename durable: fsync the folder (best effort; the file itself is complete). */
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (slash == NULL) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return MSB_SUCCESS;
}

msb_status msb_card_write(const msb_law *law, const char *path, size_t n_inputs,
                          const char *const *input_paths, const char *created_by, const char *note)
{
    const card_prov provv = {n_inputs, input_paths, created_by, note}, *prov = &provv;
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(path);
    msbi_strbuf b;
    msbi_sb_init(&b);
    msb_status st = card_text(__func__, law, prov, &b, 0);
    if (st == MSB_SUCCESS) st = msbi_write_file_atomic(__func__, path, b.s, b.len);
    msbi_sb_free(&b);
    return st;
}

msb_status msbi_read_file(const char *where, const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return msbi_error(MSB_EIO, where, "cannot open '%s': %s", path,
                                     strerror(errno));
    msbi_strbuf b;
    msbi_sb_init(&b);
    msbi_sb_puts(&b, "");
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        size_t need;
        if (msbi_add_size(b.len, got + 1, &need)) {
            b.failed = 1;
            break;
        }
        if (need > b.cap) {
            size_t nc = b.cap * 2 > need ? b.cap * 2 : need;
            char *s = msbi_realloc_array(b.s, nc, 1);
            if (s == NULL) {
                b.failed = 1;
                break;
            }
            b.s = s;
            b.cap = nc;
        }
        memcpy(b.s + b.len, buf, got);
        b.len += got;
        b.s[b.len] = '\0';
    }
    int bad = ferror(f);
    fclose(f);
    if (b.failed) {
        msbi_sb_free(&b);
        return msbi_error(MSB_ENOMEM, where, "out of memory reading '%s'", path);
    }
    if (bad) {
        msbi_sb_free(&b);
        return msbi_error(MSB_EIO, where, "read error on '%s'", path);
    }
    *text = b.s;
    *len = b.len;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ reading */

typedef struct reader {
    const char *where, *name;
} reader;
/* (struct reader is forward-declared in msbi_card_family) */

static msb_status bad(const reader *r, const msbi_json *at, const char *what, const char *key)
{
    return msbi_error(MSB_EFORMAT, r->where, "%s:%d:%d: %s%s%s", r->name, at->line, at->col,
                      what, key ? " " : "", key ? key : "");
}

/* Member `key` of object `o` of the given type (required). */
static msb_status member(const reader *r, const msbi_json *o, const char *key, msbi_json_type t,
                         const msbi_json **out)
{
    const msbi_json *v = msbi_json_get(o, key);
    if (v == NULL) return bad(r, o, "missing member", key);
    if (v->type != t) {
        static const char *const tn[] = {"null", "a boolean", "a number", "a string",
                                         "an array", "an object"};
        return msbi_error(MSB_EFORMAT, r->where, "%s:%d:%d: member '%s' must be %s", r->name,
                          v->line, v->col, key, tn[t]);
    }
    *out = v;
    return MSB_SUCCESS;
}

/* Only the listed keys are allowed in object o. */
static msb_status only_keys(const reader *r, const msbi_json *o, const char *const *keys)
{
    for (size_t i = 0; i < o->count; i++) {
        int ok = 0;
        for (const char *const *k = keys; *k; k++)
            if (strcmp(o->child[i].key, *k) == 0) ok = 1;
        if (!ok) return bad(r, &o->child[i], "unknown member", o->child[i].key);
    }
    return MSB_SUCCESS;
}

static msb_status name_field(const reader *r, const msbi_json *o, const char *key,
                             const char **out)
{
    const msbi_json *v = NULL;
    MSBI_TRY(member(r, o, key, MSBI_JSON_STRING, &v));
    if (strlen(v->string) >= MSBI_NAME_MAX)
        return bad(r, v, "string too long for", key);
    *out = v->string;
    return MSB_SUCCESS;
}

static msb_status bound(const reader *r, const msbi_json *v, double inf, double *out)
{
    if (v->type == MSBI_JSON_NULL) *out = inf;
    else if (v->type == MSBI_JSON_NUMBER) *out = v->number;
    else return bad(r, v, "validity bound must be a number or null", NULL);
    return MSB_SUCCESS;
}

typedef struct card_in {
    const msbi_law_class *cls;
    const char *reference;
    size_t nin, nout, np;
    const char *in_name[MSB_LAW_MAX_INPUTS], *in_unit[MSB_LAW_MAX_INPUTS];
    msb_domain_kind in_dom[MSB_LAW_MAX_INPUTS];
    double lo[MSB_LAW_MAX_INPUTS], hi[MSB_LAW_MAX_INPUTS];
    const char *out_name[MSB_LAW_MAX_OUTPUTS], *out_unit[MSB_LAW_MAX_OUTPUTS];
    const char *par_name[MSB_LAW_MAX_PARAMS], *par_unit[MSB_LAW_MAX_PARAMS];
    double param[MSB_LAW_MAX_PARAMS];
    double cov[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    const msbi_json *family, *parts;
} card_in;

static msb_status parse_card(const reader *r, const msbi_json *root, card_in *c)
{
    static const char *const top_keys[] = {"format", "format_version", "kind", "reference",
                                           "inputs", "outputs", "parameters", "covariance",
                                           "family", "parts", "provenance", NULL};
    const msbi_json *v = NULL, *arr = NULL;
    if (root->type != MSBI_JSON_OBJECT) return bad(r, root, "a card must be a JSON object", NULL);
    MSBI_TRY(member(r, root, "format", MSBI_JSON_STRING, &v));
    if (strcmp(v->string, CARD_FORMAT) != 0)
        return bad(r, v, "not a law card: format must be", "\"" CARD_FORMAT "\"");
    MSBI_TRY(member(r, root, "format_version", MSBI_JSON_NUMBER, &v));
    if (!(v->number >= 1 && v->number == floor(v->number)))
        return bad(r, v, "format_version must be a positive integer", NULL);
    if (v->number > CARD_VERSION)
        return msbi_error(MSB_EVERSION, r->where, "%s:%d:%d: card format_version %.0f is newer "
                          "than this library reads (%d)", r->name, v->line, v->col, v->number,
                          CARD_VERSION);
    MSBI_TRY(only_keys(r, root, top_keys));
    MSBI_TRY(member(r, root, "kind", MSBI_JSON_STRING, &v));
    c->cls = msbi_law_registry_find(v->string);
    if (c->cls == NULL)
        return msbi_error(MSB_EBADLAW, r->where, "%s:%d:%d: unknown law kind '%s'", r->name,
                          v->line, v->col, v->string);
    MSBI_TRY(member(r, root, "reference", MSBI_JSON_STRING, &v));
    if (strlen(v->string) >= 256) return bad(r, v, "reference longer than 255 bytes", NULL);
    c->reference = v->string;

    static const char *const in_keys[] = {"name", "unit", "domain", "validity", NULL};
    MSBI_TRY(member(r, root, "inputs", MSBI_JSON_ARRAY, &arr));
    if (arr->count == 0 || arr->count > MSB_LAW_MAX_INPUTS)
        return bad(r, arr, "inputs must have 1 to 16 entries", NULL);
    c->nin = arr->count;
    for (size_t j = 0; j < c->nin; j++) {
        const msbi_json *e = &arr->child[j];
        if (e->type != MSBI_JSON_OBJECT) return bad(r, e, "input must be an object", NULL);
        MSBI_TRY(only_keys(r, e, in_keys));
        MSBI_TRY(name_field(r, e, "name", &c->in_name[j]));
        MSBI_TRY(name_field(r, e, "unit", &c->in_unit[j]));
        MSBI_TRY(member(r, e, "domain", MSBI_JSON_STRING, &v));
        if (!domain_from_name(v->string, &c->in_dom[j]))
            return bad(r, v, "unknown domain", v->string);
        MSBI_TRY(member(r, e, "validity", MSBI_JSON_ARRAY, &v));
        if (v->count != 2) return bad(r, v, "validity must be [lo, hi]", NULL);
        MSBI_TRY(bound(r, &v->child[0], -INFINITY, &c->lo[j]));
        MSBI_TRY(bound(r, &v->child[1], INFINITY, &c->hi[j]));
        if (!(c->lo[j] <= c->hi[j])) return bad(r, v, "validity needs lo <= hi", NULL);
    }
    static const char *const out_keys[] = {"name", "unit", NULL};
    MSBI_TRY(member(r, root, "outputs", MSBI_JSON_ARRAY, &arr));
    if (arr->count == 0 || arr->count > MSB_LAW_MAX_OUTPUTS)
        return bad(r, arr, "outputs must have 1 to 16 entries", NULL);
    c->nout = arr->count;
    for (size_t k = 0; k < c->nout; k++) {
        const msbi_json *e = &arr->child[k];
        if (e->type != MSBI_JSON_OBJECT) return bad(r, e, "output must be an object", NULL);
        MSBI_TRY(only_keys(r, e, out_keys));
        MSBI_TRY(name_field(r, e, "name", &c->out_name[k]));
        MSBI_TRY(name_field(r, e, "unit", &c->out_unit[k]));
        if (c->out_name[k][0] == '\0' || c->out_unit[k][0] == '\0')
            return bad(r, e, "output name and unit must not be empty", NULL);
    }
    static const char *const par_keys[] = {"name", "unit", "value", "std", NULL};
    MSBI_TRY(member(r, root, "parameters", MSBI_JSON_ARRAY, &arr));
    if (arr->count > MSB_LAW_MAX_PARAMS) return bad(r, arr, "more than 64 parameters", NULL);
    c->np = arr->count;
    for (size_t m = 0; m < c->np; m++) {
        const msbi_json *e = &arr->child[m];
        if (e->type != MSBI_JSON_OBJECT) return bad(r, e, "parameter must be an object", NULL);
        MSBI_TRY(only_keys(r, e, par_keys));
        MSBI_TRY(name_field(r, e, "name", &c->par_name[m]));
        MSBI_TRY(name_field(r, e, "unit", &c->par_unit[m]));
        MSBI_TRY(member(r, e, "value", MSBI_JSON_NUMBER, &v));
        c->param[m] = v->number;
        if (msbi_json_get(e, "std") != NULL) MSBI_TRY(member(r, e, "std", MSBI_JSON_NUMBER, &v));
    }
    MSBI_TRY(member(r, root, "covariance", MSBI_JSON_ARRAY, &arr));
    if (arr->count != c->np)
        return msbi_error(MSB_EFORMAT, r->where, "%s:%d:%d: covariance has %zu rows for %zu "
                          "parameters", r->name, arr->line, arr->col, arr->count, c->np);
    for (size_t a = 0; a < c->np; a++) {
        const msbi_json *row = &arr->child[a];
        if (row->type != MSBI_JSON_ARRAY || row->count != c->np)
            return msbi_error(MSB_EFORMAT, r->where, "%s:%d:%d: covariance row %zu must be an "
                              "array of %zu numbers", r->name, row->line, row->col, a, c->np);
        for (size_t b = 0; b < c->np; b++) {
            if (row->child[b].type != MSBI_JSON_NUMBER)
                return bad(r, &row->child[b], "covariance entries must be numbers", NULL);
            c->cov[a * c->np + b] = row->child[b].number;
        }
    }
    if (c->np > 0 && msbi_check_covariance(r->where, c->np, c->cov) != MSB_SUCCESS) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", msb_last_error_message());
        return msbi_error(MSB_EFORMAT, r->where, "%s:%d:%d: invalid covariance (%s)", r->name,
                          arr->line, arr->col, msg);
    }
    MSBI_TRY(member(r, root, "family", MSBI_JSON_OBJECT, &c->family));
    for (size_t i = 0; i < c->family->count; i++) {
        const msbi_json *e = &c->family->child[i];
        if (e->type == MSBI_JSON_ARRAY) {
            for (size_t j = 0; j < e->count; j++)
                if (e->child[j].type != MSBI_JSON_NUMBER)
                    return bad(r, &e->child[j], "family constants must be numbers or arrays of "
                               "numbers", NULL);
        } else if (e->type != MSBI_JSON_NUMBER) {
            return bad(r, e, "family constants must be numbers or arrays of numbers", NULL);
        }
    }
    if (c->family->count > FAMILY_MAX) return bad(r, c->family, "more than 32 family constants", NULL);
    c->parts = NULL;
    if (msbi_json_get(root, "parts") != NULL) {
        MSBI_TRY(member(r, root, "parts", MSBI_JSON_OBJECT, &c->parts));
        if (c->parts->count > FAMILY_MAX) return bad(r, c->parts, "more than 32 parts", NULL);
        for (size_t i = 0; i < c->parts->count; i++)
            if (c->parts->child[i].type != MSBI_JSON_OBJECT)
                return bad(r, &c->parts->child[i], "a part must be a card (an object)", NULL);
    }
    if (msbi_json_get(root, "provenance") != NULL)
        MSBI_TRY(member(r, root, "provenance", MSBI_JSON_OBJECT, &v));
    return MSB_SUCCESS;
}

static msb_status mismatch(const reader *r, const char *what, const char *got, const char *want)
{
    return msbi_error(MSB_EFORMAT, r->where, "%s: %s '%s' does not match the family ('%s')",
                      r->name, what, got, want);
}

static msb_status build(const reader *r, const card_in *c, msb_law **out)
{
    msbi_card_family fam;
    memset(&fam, 0, sizeof fam);
    unsigned char used_fam[FAMILY_MAX] = {0}, used_parts[FAMILY_MAX] = {0};
    fam.where = r->where;
    fam.name = r->name;
    fam.obj = c->family;
    fam.parts = c->parts;
    fam.rd = r;
    fam.used_fam = used_fam;
    fam.used_parts = used_parts;
    for (size_t k = 0; k < c->nout; k++) {
        fam.out_name[k] = c->out_name[k];
        fam.out_unit[k] = c->out_unit[k];
    }
    fam.param = c->param;
    fam.np = c->np;
    msb_law *law;
    MSBI_TRY(c->cls->card_read(&fam, &law));
    msbi_law_shared *sh = law->shared;
    msb_status st = MSB_SUCCESS;
    /* strict: every family constant and part must have been used by the family */
    for (size_t i = 0; i < c->family->count && !st; i++)
        if (!used_fam[i]) st = bad(r, &c->family->child[i], "unknown family constant",
                                   c->family->child[i].key);
    for (size_t i = 0; c->parts && i < c->parts->count && !st; i++)
        if (!used_parts[i]) st = bad(r, &c->parts->child[i], "unknown part",
                                     c->parts->child[i].key);
    if (st) goto fail;
    char want[64];
    if (sh->nin != c->nin || sh->nout != c->nout || sh->nparam != c->np) {
        st = msbi_error(MSB_EFORMAT, r->where, "%s: card has %zu inputs, %zu outputs, %zu "
                        "parameters; kind '%s' has %zu, %zu, %zu", r->name, c->nin, c->nout,
                        c->np, sh->cls->kind, sh->nin, sh->nout, sh->nparam);
        goto fail;
    }
    for (size_t j = 0; j < c->nin && !st; j++) {
        if (strcmp(sh->in[j].name, c->in_name[j]) != 0)
            st = mismatch(r, "input name", c->in_name[j], sh->in[j].name);
        else if (strcmp(sh->in[j].unit, c->in_unit[j]) != 0)
            st = mismatch(r, "input unit", c->in_unit[j], sh->in[j].unit);
        else if (sh->in[j].domain != c->in_dom[j]) {
            snprintf(want, sizeof want, "%s", domain_names[sh->in[j].domain]);
            st = mismatch(r, "input domain", domain_names[c->in_dom[j]], want);
        }
    }
    for (size_t k = 0; k < c->nout && !st; k++) {
        if (strcmp(sh->out[k].name, c->out_name[k]) != 0)
            st = mismatch(r, "output name", c->out_name[k], sh->out[k].name);
        else if (strcmp(sh->out[k].unit, c->out_unit[k]) != 0)
            st = mismatch(r, "output unit", c->out_unit[k], sh->out[k].unit);
    }
    for (size_t m = 0; m < c->np && !st; m++) {
        if (strcmp(sh->par[m].name, c->par_name[m]) != 0)
            st = mismatch(r, "parameter name", c->par_name[m], sh->par[m].name);
        else if (strcmp(sh->par[m].unit, c->par_unit[m]) != 0)
            st = mismatch(r, "parameter unit", c->par_unit[m], sh->par[m].unit);
    }
    if (st == MSB_SUCCESS && sh->cls->check_params != NULL)
        st = sh->cls->check_params(r->where, c->param);
    if (st != MSB_SUCCESS) goto fail;
    /* The handle was just created and is not shared yet: set everything bitwise. */
    memcpy(law->param, c->param, c->np * sizeof(double));
    memcpy(law->cov, c->cov, c->np * c->np * sizeof(double));
    for (size_t j = 0; j < c->nin; j++) msbi_law_set_validity(law, j, c->lo[j], c->hi[j]);
    snprintf(sh->reference, sizeof sh->reference, "%s", c->reference);
    *out = law;
    return MSB_SUCCESS;
fail:
    msb_law_destroy(law);
    return st;
}

static msb_status parse_and_build(const reader *r, const msbi_json *root, msb_law **out)
{
    card_in *c = msbi_malloc(sizeof *c);
    if (c == NULL) return msbi_error(MSB_ENOMEM, r->where, "out of memory");
    msb_status st = parse_card(r, root, c);
    if (st == MSB_SUCCESS) {
        for (size_t m = 0; m < c->np && !st; m++)
            if (!isfinite(c->param[m])) st = msbi_error(MSB_EFORMAT, r->where, "bad parameter");
        if (!st) st = build(r, c, out);
    }
    msbi_free(c);
    return st;
}

msb_status msbi_card_get_law(const msbi_card_family *f, const char *key, msb_law **out)
{
    const reader *r = f->rd;
    size_t i = member_index(f->parts, key);
    if (i == SIZE_MAX) {
        const msbi_json *at = f->parts ? f->parts : f->obj;
        return msbi_error(MSB_EFORMAT, f->where, "%s:%d:%d: part '%s' is missing (expected "
                          "under \"parts\")", f->name, at->line, at->col, key);
    }
    f->used_parts[i] = 1;
    return parse_and_build(r, &f->parts->child[i], out);
}

static msb_status from_text(const char *where, const char *text, size_t len, const char *name,
                            msb_law **out)
{
    reader r = {where, name ? name : "<string>"};
    msbi_json *root;
    MSBI_TRY(msbi_json_parse(where, r.name, text, len, &root));
    msb_status st = parse_and_build(&r, root, out);
    msbi_json_free(root);
    return st;
}

msb_status msb_card_from_string(const char *text, size_t len, const char *name, msb_law **out)
{
    MSBI_CHECK_NULL(text);
    MSBI_CHECK_NULL(out);
    return from_text(__func__, text, len, name, out);
}

msb_status msb_card_read(const char *path, msb_law **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(out);
    char *text;
    size_t len;
    MSBI_TRY(msbi_read_file(__func__, path, &text, &len));
    msb_status st = from_text(__func__, text, len, path, out);
    msbi_free(text);
    return st;
}

/* ------------------------------------------------------------------ exporters */

static int is_identifier(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= 64) return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return 0;
    for (size_t i = 1; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
              (ch >= '0' && ch <= '9')))
            return 0;
    }
    return 1;
}

static msb_status export_prepare(const char *where, const msb_law *law, const char *ident,
                                 char *expr, size_t cap)
{
    if (!is_identifier(ident))
        return msbi_error(MSB_EINVAL, where, "'%s' is not an identifier (letters, digits, '_', "
                          "not starting with a digit, < 64 bytes)", ident);
    const msbi_law_class *cls = law->shared->cls;
    if (cls->export_expr == NULL || law->shared->nout != 1)
        return msbi_error(MSB_EBADLAW, where, "laws of kind '%s' have no exporter (single-"
                          "output families with an export_expr hook only)", cls->kind);
    int n = cls->export_expr(law, expr, cap);
    if (n < 0)
        return msbi_error(MSB_EBADLAW, where, "this law of kind '%s' has no closed-form "
                          "expression to export", cls->kind);
    if ((size_t)n >= cap)
        return msbi_error(MSB_EINTERNAL, where, "export expression of '%s' too long", cls->kind);
    return MSB_SUCCESS;
}

/* Text from a (possibly hand-edited) card made safe inside a Python comment or docstring and
 * a C comment: control characters become spaces, quotes and backslashes are replaced, and
 * comment terminators are broken, so no card can inject code into an exported file. */
static const char *safe(const char *s, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; s[i] && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        char o = (char)c;
        if (c < 0x20 || c == 0x7f) o = ' ';
        else if (c == '"') o = '\'';
        else if (c == '\\') o = '/';
        else if (c == '/' && k > 0 && buf[k - 1] == '*') o = '_';
        buf[k++] = o;
    }
    buf[k] = '\0';
    return buf;
}

/* Comment block shared by both exporters (prefix: "# " or " * "). */
static void export_header(msbi_strbuf *b, const msb_law *law, const char *pre)
{
    const msbi_law_shared *sh = law->shared;
    char t1[260], t2[64];
    msbi_sb_printf(b, "%sGenerated by libmsbridge %s from a law of kind '%s'.\n", pre,
                   MSB_VERSION_STRING, sh->cls->kind);
    msbi_sb_printf(b, "%sReference: %s\n", pre, safe(sh->reference, t1, sizeof t1));
    msbi_sb_printf(b, "%sOutput: %s", pre, safe(sh->out[0].name, t1, sizeof t1));
    msbi_sb_printf(b, " [%s]\n", safe(sh->out[0].unit, t2, sizeof t2));
    for (size_t j = 0; j < sh->nin; j++) {
        msbi_sb_printf(b, "%sInput x%zu = %s", pre, j, safe(sh->in[j].name, t1, sizeof t1));
        msbi_sb_printf(b, " [%s], validity domain [%.17g, %.17g]\n",
                       safe(sh->in[j].unit, t2, sizeof t2), law->lo[j], law->hi[j]);
    }
    size_t np = sh->nparam;
    for (size_t m = 0; m < np; m++) {
        msbi_sb_printf(b, "%sParameter p%zu = %s", pre, m, safe(sh->par[m].name, t1, sizeof t1));
        msbi_sb_printf(b, " [%s] = %.17g +- %.17g\n", safe(sh->par[m].unit, t2, sizeof t2),
                       law->param[m], sqrt(law->cov[m * np + m]));
    }
}

msb_status msb_card_export_pybamm(const msb_law *law, const char *function_name,
                                  const char *path)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(function_name);
    MSBI_CHECK_NULL(path);
    char expr[2048];
    MSBI_TRY(export_prepare(__func__, law, function_name, expr, sizeof expr));
    const msbi_law_shared *sh = law->shared;
    msbi_strbuf b;
    msbi_sb_init(&b);
    export_header(&b, law, "# ");
    msbi_sb_puts(&b, "# exp() comes from pybamm when it is importable (PyBaMM expression trees),\n"
                     "# else numpy (arrays), else math (floats).\n"
                     "try:\n    from pybamm import exp\nexcept ImportError:\n"
                     "    try:\n        from numpy import exp\n    except ImportError:\n"
                     "        from math import exp\n\n\n");
    /* Arguments carry the input names when they are identifiers (T, sigma, ...). */
    int named = 1;
    for (size_t j = 0; j < sh->nin; j++) {
        const char *nm = sh->in[j].name;
        if (!is_identifier(nm) || (nm[0] == 'x' || nm[0] == 'p')) named = 0;
        for (size_t k = 0; k < j; k++)
            if (strcmp(nm, sh->in[k].name) == 0) named = 0;
    }
    msbi_sb_printf(&b, "def %s(", function_name);
    for (size_t j = 0; j < sh->nin; j++) {
        if (named) msbi_sb_printf(&b, "%s%s", j ? ", " : "", sh->in[j].name);
        else msbi_sb_printf(&b, "%sx%zu", j ? ", " : "", j);
    }
    char t1[64], t2[64];
    msbi_sb_printf(&b, "):\n    \"\"\"%s", safe(sh->out[0].name, t1, sizeof t1));
    msbi_sb_printf(&b, " [%s] of", safe(sh->out[0].unit, t2, sizeof t2));
    for (size_t j = 0; j < sh->nin; j++) {
        msbi_sb_printf(&b, "%s %s", j ? "," : "", safe(sh->in[j].name, t1, sizeof t1));
        msbi_sb_printf(&b, " [%s]", safe(sh->in[j].unit, t2, sizeof t2));
    }
    msbi_sb_puts(&b, " (SI units).\"\"\"\n");
    for (size_t j = 0; j < sh->nin && named; j++)
        msbi_sb_printf(&b, "    x%zu = %s\n", j, sh->in[j].name);
    for (size_t m = 0; m < sh->nparam; m++) {
        msbi_sb_printf(&b, "    p%zu = %.17g  # %s", m, law->param[m],
                       safe(sh->par[m].name, t1, sizeof t1));
        msbi_sb_printf(&b, " [%s]\n", safe(sh->par[m].unit, t2, sizeof t2));
    }
    msbi_sb_printf(&b, "    return %s\n", expr);
    msb_status st = b.failed ? MSBI_FAIL(MSB_ENOMEM, "out of memory")
                             : msbi_write_file_atomic(__func__, path, b.s, b.len);
    msbi_sb_free(&b);
    return st;
}

msb_status msb_card_export_c_header(const msb_law *law, const char *prefix, const char *path)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(prefix);
    MSBI_CHECK_NULL(path);
    char expr[2048];
    MSBI_TRY(export_prepare(__func__, law, prefix, expr, sizeof expr));
    const msbi_law_shared *sh = law->shared;
    char up[64];
    size_t i;
    for (i = 0; prefix[i]; i++)
        up[i] = (prefix[i] >= 'a' && prefix[i] <= 'z') ? (char)(prefix[i] - 'a' + 'A') : prefix[i];
    up[i] = '\0';
    msbi_strbuf b;
    msbi_sb_init(&b);
    msbi_sb_puts(&b, "/*\n");
    export_header(&b, law, " * ");
    msbi_sb_puts(&b, " */\n");
    msbi_sb_printf(&b, "#ifndef %s_LAW_H\n#define %s_LAW_H\n\n#include <math.h>\n\n", up, up);
    char t1[64], t2[64];
    for (size_t m = 0; m < sh->nparam; m++) {
        msbi_sb_printf(&b, "#define %s_P%zu %.17g /* %s", up, m, law->param[m],
                       safe(sh->par[m].name, t1, sizeof t1));
        msbi_sb_printf(&b, " [%s] */\n", safe(sh->par[m].unit, t2, sizeof t2));
    }
    for (size_t j = 0; j < sh->nin; j++) {
        safe(sh->in[j].name, t1, sizeof t1);
        safe(sh->in[j].unit, t2, sizeof t2);
        if (isfinite(law->lo[j]))
            msbi_sb_printf(&b, "#define %s_X%zu_MIN %.17g /* %s [%s] */\n", up, j, law->lo[j],
                           t1, t2);
        if (isfinite(law->hi[j]))
            msbi_sb_printf(&b, "#define %s_X%zu_MAX %.17g /* %s [%s] */\n", up, j, law->hi[j],
                           t1, t2);
    }
    msbi_sb_printf(&b, "\n/* %s", safe(sh->out[0].name, t1, sizeof t1));
    msbi_sb_printf(&b, " [%s] */\nstatic inline double %s_eval(",
                   safe(sh->out[0].unit, t2, sizeof t2), prefix);
    for (size_t j = 0; j < sh->nin; j++) msbi_sb_printf(&b, "%sdouble x%zu", j ? ", " : "", j);
    msbi_sb_puts(&b, ")\n{\n");
    for (size_t m = 0; m < sh->nparam; m++)
        msbi_sb_printf(&b, "    const double p%zu = %s_P%zu;\n", m, up, m);
    msbi_sb_printf(&b, "    return %s;\n}\n\n#endif\n", expr);
    msb_status st = b.failed ? MSBI_FAIL(MSB_ENOMEM, "out of memory")
                             : msbi_write_file_atomic(__func__, path, b.s, b.len);
    msbi_sb_free(&b);
    return st;
}

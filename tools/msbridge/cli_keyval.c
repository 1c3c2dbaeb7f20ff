/* Key = value input files for the lattice commands (cli_keyval.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_keyval.h"

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
    return s;
}

static char *dup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    if (d) strcpy(d, s);
    return d;
}

void msbcli_kv_free(msbcli_kv *kv)
{
    for (size_t i = 0; i < kv->n; i++) {
        free(kv->key[i]);
        free(kv->val[i]);
    }
    free(kv->key);
    free(kv->val);
    free(kv->line);
    free(kv->used);
    memset(kv, 0, sizeof *kv);
}

int msbcli_kv_open(const char *cmd, int argc, char **argv, int *json, msbcli_kv *kv)
{
    const char *path;
    memset(kv, 0, sizeof *kv);
    const int usage_rc = msbcli_args_json_file(cmd, argc, argv, json, &path);
    if (usage_rc) return usage_rc;
    return msbcli_kv_read(path, kv);
}

int msbcli_kv_read(const char *path, msbcli_kv *kv)
{
    memset(kv, 0, sizeof *kv);
    kv->path = path;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return MSBCLI_DATA;
    }
    char buf[4096];
    size_t ln = 0, cap = 0;
    while (fgets(buf, sizeof buf, f)) {
        ln++;
        char *h = strchr(buf, '#');
        if (h) *h = '\0';
        char *s = trim(buf);
        if (*s == '\0') continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(stderr, "%s:%zu: expected 'key = value'\n", path, ln);
            goto bad;
        }
        *eq = '\0';
        char *k = trim(s), *v = trim(eq + 1);
        if (*k == '\0' || *v == '\0') {
            fprintf(stderr, "%s:%zu: empty key or value\n", path, ln);
            goto bad;
        }
        for (size_t i = 0; i < kv->n; i++)
            if (strcmp(kv->key[i], k) == 0) {
                fprintf(stderr, "%s:%zu: key '%s' repeated (first on line %zu)\n", path, ln, k,
                        kv->line[i]);
                goto bad;
            }
        if (kv->n == cap) {
            cap = cap ? 2 * cap : 16;
            char **nk = realloc(kv->key, cap * sizeof *nk);
            if (nk) kv->key = nk;
            char **nv = realloc(kv->val, cap * sizeof *nv);
            if (nv) kv->val = nv;
            size_t *nl = realloc(kv->line, cap * sizeof *nl);
            if (nl) kv->line = nl;
            int *nu = realloc(kv->used, cap * sizeof *nu);
            if (nu) kv->used = nu;
            if (!nk || !nv || !nl || !nu) goto oom;
        }
        kv->key[kv->n] = dup(k);
        kv->val[kv->n] = dup(v);
        kv->line[kv->n] = ln;
        kv->used[kv->n] = 0;
        kv->n++;
        if (!kv->key[kv->n - 1] || !kv->val[kv->n - 1]) goto oom;
    }
    fclose(f);
    return MSBCLI_OK;
oom:
    fprintf(stderr, "%s: out of memory\n", path);
bad:
    fclose(f);
    msbcli_kv_free(kv);
    return MSBCLI_DATA;
}

static long find(msbcli_kv *kv, const char *key)
{
    for (size_t i = 0; i < kv->n; i++)
        if (strcmp(kv->key[i], key) == 0) {
            kv->used[i] = 1;
            return (long)i;
        }
    return -1;
}

int msbcli_kv_string(msbcli_kv *kv, const char *key, const char **out)
{
    long i = find(kv, key);
    if (i < 0) return 1;
    *out = kv->val[i];
    return 0;
}

int msbcli_kv_list(msbcli_kv *kv, const char *key, size_t cap, double *out, size_t *n)
{
    long i = find(kv, key);
    if (i < 0) return 1;
    const char *p = kv->val[i];
    size_t m = 0;
    while (*p) {
        while (*p == ',' || isspace((unsigned char)*p)) p++;
        if (!*p) break;
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno == ERANGE || !(v == v) || (*end && *end != ',' &&
                                                         !isspace((unsigned char)*end))) {
            fprintf(stderr, "%s:%zu: '%s': expected number(s)\n", kv->path, kv->line[i], key);
            return MSBCLI_DATA;
        }
        if (m == cap) {
            fprintf(stderr, "%s:%zu: '%s': more than %zu values\n", kv->path, kv->line[i], key, cap);
            return MSBCLI_DATA;
        }
        out[m++] = v;
        p = end;
    }
    *n = m;
    return 0;
}

int msbcli_kv_double(msbcli_kv *kv, const char *key, double *out)
{
    double v;
    size_t n;
    int rc = msbcli_kv_list(kv, key, 1, &v, &n);
    if (rc) return rc;
    if (n != 1) {
        fprintf(stderr, "%s:%zu: '%s': expected one number\n", kv->path,
                kv->line[find(kv, key)], key);
        return MSBCLI_DATA;
    }
    *out = v;
    return 0;
}

int msbcli_kv_size(msbcli_kv *kv, const char *key, size_t *out)
{
    double v;
    int rc = msbcli_kv_double(kv, key, &v);
    if (rc) return rc;
    if (!(v >= 0 && v < 9e15 && v == floor(v))) {
        fprintf(stderr, "%s:%zu: '%s': expected a non-negative integer\n", kv->path,
                kv->line[find(kv, key)], key);
        return MSBCLI_DATA;
    }
    *out = (size_t)v;
    return 0;
}

int msbcli_kv_unused(const msbcli_kv *kv)
{
    int rc = MSBCLI_OK;
    for (size_t i = 0; i < kv->n; i++)
        if (!kv->used[i]) {
            fprintf(stderr, "%s:%zu: unknown key '%s'\n", kv->path, kv->line[i], kv->key[i]);
            rc = MSBCLI_DATA;
        }
    return rc;
}

int msbcli_kv_lattice(msbcli_kv *kv, size_t nshells_min, msb_lattice **lat)
{
    static const char *names[] = {"square", "triangular", "honeycomb", "sc", "bcc", "fcc"};
    const char *name;
    double a, sz[3] = {1, 1, 1};
    size_t nsz = 0, nsh = nshells_min;
    int rc;
    if ((rc = msbcli_kv_string(kv, "lattice", &name))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'lattice'\n", kv->path);
        return MSBCLI_DATA;
    }
    long li = find(kv, "lattice");
    int kind = -1;
    for (int k = 0; k < 6; k++)
        if (strcmp(name, names[k]) == 0) kind = k;
    if (kind < 0) {
        fprintf(stderr, "%s:%zu: unknown lattice '%s' (square, triangular, honeycomb, sc, bcc, "
                "fcc)\n", kv->path, kv->line[li], name);
        return MSBCLI_DATA;
    }
    if ((rc = msbcli_kv_double(kv, "a", &a))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'a' (lattice parameter, m)\n", kv->path);
        return MSBCLI_DATA;
    }
    if ((rc = msbcli_kv_list(kv, "size", 3, sz, &nsz))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'size' (n1 n2 [n3])\n", kv->path);
        return MSBCLI_DATA;
    }
    if (nsz < 2) {
        fprintf(stderr, "%s:%zu: 'size': expected n1 n2 [n3]\n", kv->path, kv->line[find(kv, "size")]);
        return MSBCLI_DATA;
    }
    if (nsz == 2) sz[2] = 1;
    if ((rc = msbcli_kv_size(kv, "shells", &nsh)) == MSBCLI_DATA) return rc;
    if (nsh < nshells_min) nsh = nshells_min;
    for (int k = 0; k < 3; k++)
        if (!(sz[k] >= 1 && sz[k] < 1e6 && sz[k] == floor(sz[k]))) {
            fprintf(stderr, "%s:%zu: 'size': positive integers expected\n", kv->path,
                    kv->line[find(kv, "size")]);
            return MSBCLI_DATA;
        }
    msb_status s = msb_lattice_create((msb_lattice_kind)kind, a, (size_t)sz[0], (size_t)sz[1],
                                      (size_t)sz[2], nsh, lat);
    if (s) {
        fprintf(stderr, "%s:%zu: %s\n", kv->path, kv->line[li], msb_last_error_message());
        return MSBCLI_DATA;
    }
    return MSBCLI_OK;
}

size_t msbcli_kv_line(const msbcli_kv *kv, const char *key)
{
    for (size_t i = 0; i < kv->n; i++)
        if (strcmp(kv->key[i], key) == 0) return kv->line[i];
    return 0;
}

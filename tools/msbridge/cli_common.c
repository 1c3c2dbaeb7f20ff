#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void msbcli_table_free(msbcli_table *t)
{
    free(t->v);
    free(t->line);
    t->v = NULL;
    t->line = NULL;
    t->rows = t->cols = 0;
}

int msbcli_parse_double(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

int msbcli_read_table(const char *path, size_t min_cols, size_t max_cols, msbcli_table *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "msbridge: %s: cannot open: %s\n", path, strerror(errno));
        return MSBCLI_DATA;
    }
    char *buf = NULL;
    size_t cap = 0, rows_cap = 0, lineno = 0;
    ssize_t len;
    int rc = MSBCLI_OK;
    while ((len = getline(&buf, &cap, f)) != -1) {
        lineno++;
        char *hash = strchr(buf, '#');
        if (hash) *hash = '\0';
        double vals[64];
        size_t n = 0;
        char *save = NULL;
        for (char *tok = strtok_r(buf, " \t,\r\n", &save); tok; tok = strtok_r(NULL, " \t,\r\n", &save)) {
            if (n == 64) {
                fprintf(stderr, "%s:%zu: more than 64 columns\n", path, lineno);
                rc = MSBCLI_DATA;
                goto out;
            }
            if (!msbcli_parse_double(tok, &vals[n])) {
                fprintf(stderr, "%s:%zu: column %zu: expected a finite number, found '%s'\n", path,
                        lineno, n + 1, tok);
                rc = MSBCLI_DATA;
                goto out;
            }
            n++;
        }
        if (n == 0) continue;
        if (t->rows == 0) {
            if (n < min_cols || n > max_cols) {
                fprintf(stderr, "%s:%zu: expected %zu to %zu columns, found %zu\n", path, lineno,
                        min_cols, max_cols, n);
                rc = MSBCLI_DATA;
                goto out;
            }
            t->cols = n;
        } else if (n != t->cols) {
            fprintf(stderr, "%s:%zu: expected %zu columns like the first data row, found %zu\n",
                    path, lineno, t->cols, n);
            rc = MSBCLI_DATA;
            goto out;
        }
        if (t->rows == rows_cap) {
            rows_cap = rows_cap ? 2 * rows_cap : 64;
            double *nv = realloc(t->v, rows_cap * t->cols * sizeof(double));
            size_t *nl = realloc(t->line, rows_cap * sizeof(size_t));
            if (nv) t->v = nv;
            if (nl) t->line = nl;
            if (!nv || !nl) {
                fprintf(stderr, "msbridge: %s: out of memory\n", path);
                rc = MSBCLI_FAIL;
                goto out;
            }
        }
        memcpy(t->v + t->rows * t->cols, vals, t->cols * sizeof(double));
        t->line[t->rows++] = lineno;
    }
    if (ferror(f)) {
        fprintf(stderr, "msbridge: %s: read error\n", path);
        rc = MSBCLI_DATA;
    } else if (t->rows == 0) {
        fprintf(stderr, "%s:%zu: no data rows found\n", path, lineno);
        rc = MSBCLI_DATA;
    }
out:
    free(buf);
    fclose(f);
    if (rc != MSBCLI_OK) msbcli_table_free(t);
    return rc;
}

int msbcli_lib_error(const char *what, msb_status s)
{
    fprintf(stderr, "msbridge: %s: %s (%s): %s\n", what, msb_status_string(s),
            msb_status_name(s) ? msb_status_name(s) : "?", msb_last_error_message());
    return (s == MSB_EDOM || s == MSB_ENONFINITE || s == MSB_EINSUFFICIENT || s == MSB_ESINGULAR ||
            s == MSB_EFORMAT || s == MSB_ETRUNCATED || s == MSB_EIO)
               ? MSBCLI_DATA
               : MSBCLI_FAIL;
}

int msbcli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "msbridge %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'msbridge %s --help'.\n", cmd);
    return MSBCLI_USAGE;
}

int msbcli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    if (strcmp(argv[*i], name) != 0) return 0;
    if (*i + 1 >= argc) return -1;
    *value = argv[++*i];
    return 1;
}

void msbcli_json_number(FILE *f, double v)
{
    if (isfinite(v)) fprintf(f, "%.17g", v);
    else fputs("null", f);
}

void msbcli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void json_values(FILE *f, const double *v, size_t n)
{
    if (n == 1) {
        msbcli_json_number(f, v[0]);
        return;
    }
    fputc('[', f);
    for (size_t k = 0; k < n; k++) {
        if (k) fputs(", ", f);
        msbcli_json_number(f, v[k]);
    }
    fputc(']', f);
}

void msbcli_print_estimate(FILE *f, const msb_estimate *est, int json, const char *command,
                           const char *file)
{
    size_t count = msb_estimate_count(est);
    if (json) {
        fprintf(f, "{\"command\": ");
        msbcli_json_string(f, command);
        if (file) {
            fprintf(f, ", \"file\": ");
            msbcli_json_string(f, file);
        }
        fprintf(f, ", \"kind\": ");
        msbcli_json_string(f, msb_estimate_kind(est));
        fprintf(f, ", \"results\": {");
    } else {
        fprintf(f, "%s%s%s\n", msb_estimate_kind(est), file ? " of " : "", file ? file : "");
    }
    for (size_t i = 0; i < count; i++) {
        size_t n = msb_estimate_length(est, i), len;
        double *v = malloc(2 * n * sizeof(double));
        if (v == NULL) continue;
        double *sd = v + n;
        msb_estimate_values(est, i, n, v, sd, &len);
        if (json) {
            fprintf(f, "%s", i ? ", " : "");
            msbcli_json_string(f, msb_estimate_name(est, i));
            fprintf(f, ": {\"value\": ");
            json_values(f, v, n);
            fprintf(f, ", \"std\": ");
            json_values(f, sd, n);
            fprintf(f, ", \"unit\": ");
            msbcli_json_string(f, msb_estimate_unit(est, i));
            fputc('}', f);
        } else {
            for (size_t k = 0; k < n; k++) {
                char label[80];
                if (n == 1) snprintf(label, sizeof label, "%s", msb_estimate_name(est, i));
                else snprintf(label, sizeof label, "%s[%zu]", msb_estimate_name(est, i), k);
                if (isnan(sd[k]))
                    fprintf(f, "  %-16s %-14.8g %-12s %s\n", label, v[k], "", msb_estimate_unit(est, i));
                else
                    fprintf(f, "  %-16s %-14.8g +- %-9.3g %s\n", label, v[k], sd[k], msb_estimate_unit(est, i));
            }
        }
        free(v);
    }
    if (json) fprintf(f, "}}\n");
}

int msbcli_args_json_file(const char *cmd, int argc, char **argv, int *json, const char **path)
{
    *json = 0;
    *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) *json = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return msbcli_usage(cmd, "unknown option '%s'", argv[i]);
        else if (*path) return msbcli_usage(cmd, "one FILE expected");
        else *path = argv[i];
    }
    if (!*path) return msbcli_usage(cmd, "missing FILE");
    return MSBCLI_OK;
}

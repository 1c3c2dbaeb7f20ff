/* Shared helpers of the msbridge command-line tool (not part of the library). */
#ifndef MSBCLI_H
#define MSBCLI_H

#include <stdio.h>
#include <stddef.h>

#include "msbridge.h"

/* Every command's entry point, help text and one-line summary (generated list). */
#define MSBCLI_COMMAND(name)                                                                      \
    int msbcli_cmd_##name(int argc, char **argv);                                                 \
    extern const char *const msbcli_help_##name;                                                  \
    extern const char *const msbcli_summary_##name;
#include "commands.inc"
#undef MSBCLI_COMMAND

/* Exit codes (docs/cli.md): 0 success, 2 bad usage, 3 bad input data, 4 library failure. */
enum { MSBCLI_OK = 0, MSBCLI_USAGE = 2, MSBCLI_DATA = 3, MSBCLI_FAIL = 4 };

/* A numeric table read from a text file: whitespace- or comma-separated columns, '#' comments,
 * blank lines ignored. Every row must have the same number of columns, within [min, max]. */
typedef struct msbcli_table {
    size_t rows, cols;
    double *v;      /* rows * cols, row-major */
    size_t *line;   /* source line of each row, for messages */
} msbcli_table;

/* Returns MSBCLI_OK or MSBCLI_DATA after printing "FILE:LINE: what was expected" to stderr. */
int msbcli_read_table(const char *path, size_t min_cols, size_t max_cols, msbcli_table *t);
void msbcli_table_free(msbcli_table *t);

/* Report a library failure for `what` to stderr with the status and thread-local message. */
int msbcli_lib_error(const char *what, msb_status s);
/* Usage error: message and hint to stderr; returns MSBCLI_USAGE. */
int msbcli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The common command line `msbridge <cmd> [--json] FILE`: sets *json and *path; returns
 * MSBCLI_OK or the usage error already reported. */
int msbcli_args_json_file(const char *cmd, int argc, char **argv, int *json, const char **path);

/* Option parsing: returns 1 if argv[*i] is `name` and consumes its value into *value. */
int msbcli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);
int msbcli_parse_double(const char *text, double *out);

/* JSON output helpers: numbers with 17 significant digits, NaN/Inf as null. */
void msbcli_json_number(FILE *f, double v);
void msbcli_json_string(FILE *f, const char *s);

/* Print an estimate: a table (name, value, sd, unit) or, with json, one JSON object
 * {"command": ..., "file": ..., "kind": ..., "results": {name: {"value": v | [..], "std": ..,
 * "unit": ..}}}. `file` may be NULL. */
void msbcli_print_estimate(FILE *f, const msb_estimate *est, int json, const char *command,
                           const char *file);

#endif

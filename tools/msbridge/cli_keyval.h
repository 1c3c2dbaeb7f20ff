/* Key = value input files of `msbridge mc` and `msbridge kmc` (docs/lattice.md): one
 * `key = value` per line, '#' starts a comment, blank lines ignored; lists are separated by
 * spaces or commas. Every error is reported as FILE:LINE: message on stderr. */
#ifndef MSBCLI_KEYVAL_H
#define MSBCLI_KEYVAL_H

#include <stddef.h>

#include "msbridge.h"

typedef struct msbcli_kv {
    const char *path;
    size_t n;
    char **key, **val;
    size_t *line;
    int *used;
} msbcli_kv;

/* Read; returns 0 (MSBCLI_OK) or MSBCLI_DATA after printing the error. */
int msbcli_kv_read(const char *path, msbcli_kv *kv);
void msbcli_kv_free(msbcli_kv *kv);
/* The command line `msbridge CMD [--json] FILE` of the key = value commands: parses it (*json,
 * kv->path = FILE) and reads FILE. Returns 0, the usage exit code, or MSBCLI_DATA (printed). */
int msbcli_kv_open(const char *cmd, int argc, char **argv, int *json, msbcli_kv *kv);
/* Getters: return 0 on success, 1 if absent (nothing printed; *out untouched), MSBCLI_DATA on a
 * malformed value (printed with FILE:LINE). */
int msbcli_kv_double(msbcli_kv *kv, const char *key, double *out);
int msbcli_kv_size(msbcli_kv *kv, const char *key, size_t *out);
int msbcli_kv_string(msbcli_kv *kv, const char *key, const char **out);
/* list of up to cap doubles */
int msbcli_kv_list(msbcli_kv *kv, const char *key, size_t cap, double *out, size_t *n);
/* Line of key (0 if absent). */
size_t msbcli_kv_line(const msbcli_kv *kv, const char *key);
/* Report keys never read as unknown (FILE:LINE); returns MSBCLI_DATA if any. */
int msbcli_kv_unused(const msbcli_kv *kv);
/* Build the lattice from keys lattice, a, size, shells; MSBCLI_OK or an exit code. */
int msbcli_kv_lattice(msbcli_kv *kv, size_t nshells_min, msb_lattice **lat);

#endif

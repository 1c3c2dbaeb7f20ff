/* Fuzz target: the numeric column / time-series reader (msbridge/timeseries.h).
 * First byte picks the header flags; the rest is the file text. Contract: a defined status;
 * on success a rectangular table of finite numbers with line numbers increasing; on failure a
 * message naming the source. Differential oracle: with flags 0 and no '#' in the text, the table
 * is the text's blank/tab/comma-separated tokens, line by line, each converted by strtod (the
 * fuzzer runs in the "C" locale), bit for bit. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"

/* Every token of text (in row order) equals the table's value, and the counts agree. */
static void check_against_strtod(const char *text, const msb_table *t)
{
    const size_t nr = msb_table_nrows(t), nc = msb_table_ncols(t);
    size_t k = 0;
    const char *p = text;
    while (*p) {
        for (;;) {
            p += strspn(p, " \t,\r\v\f");
            if (*p == '\0' || *p == '\n') break;
            const size_t len = strcspn(p, " \t,\r\v\f\n");
            char tok[512];
            if (len >= sizeof tok) return; /* not checked */
            if (k >= nr * nc) abort();
            memcpy(tok, p, len);
            tok[len] = '\0';
            char *end;
            const double want = strtod(tok, &end), got = msb_table_column(t, k % nc)[k / nc];
            if (*end != '\0' || memcmp(&want, &got, sizeof got) != 0) abort();
            k++;
            p += len;
        }
        if (*p == '\n') p++;
    }
    if (k != nr * nc) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    int flags = data[0] % 4; /* 3 is invalid on purpose */
    char *text = malloc(size);
    if (!text) return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    msb_table *t = NULL;
    msb_clear_error();
    msb_status s = msb_table_parse(text, "fuzz.dat", flags, &t);
    if (s < 0 || s >= msb_status_count()) abort();
    if (s != MSB_SUCCESS) {
        if (t != NULL || msb_last_error_message()[0] == '\0') abort();
    } else {
        size_t nr = msb_table_nrows(t), nc = msb_table_ncols(t);
        if (nr == 0 || nc == 0) abort();
        for (size_t j = 0; j < nc; j++) {
            const double *col = msb_table_column(t, j);
            if (!col || !msb_table_column_name(t, j)) abort();
            for (size_t i = 0; i < nr; i++) if (!isfinite(col[i])) abort();
            size_t idx;
            if (msb_table_find(t, msb_table_column_name(t, j), &idx) != MSB_SUCCESS) abort();
        }
        for (size_t i = 1; i < nr; i++) if (msb_table_line(t, i) <= msb_table_line(t, i - 1)) abort();
        if (flags == 0 && strchr(text, '#') == NULL) check_against_strtod(text, t);
    }
    msb_table_destroy(t);
    free(text);
    return 0;
}

/* Fuzz target: the numeric column / time-series reader (msbridge/timeseries.h).
 * First byte picks the header flags; the rest is the file text. Contract: a defined status;
 * on success a rectangular table of finite numbers with line numbers increasing; on failure a
 * message naming the source. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"

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
    }
    msb_table_destroy(t);
    free(text);
    return 0;
}

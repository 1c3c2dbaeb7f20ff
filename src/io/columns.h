/* Internal: the numeric-field parser of the column reader (reused by other readers). */
#ifndef MSBI_IO_COLUMNS_H
#define MSBI_IO_COLUMNS_H

#include "core/internal.h"

/* msbi_parse_number (core/numtext.h) out of line, for tests: parse one number at p (no leading
 * blanks), identical to strtod in the C locale (fast exact path, strtod
 * otherwise). Returns the pointer after it, or NULL if no number starts at p. May return a
 * non-finite value for "nan"/"inf" text: callers check. */
const char *msbi_parse_double(const char *p, double *out);

/* For tests: with on = 1 the table reader takes its baseline (SSE2) field parser even where
 * the CPU has AVX2, so that both are tested on one machine; 0 restores the run-time choice.
 * Returns the previous setting. Not for concurrent use with table reads. */
int msbi_test_columns_baseline(int on);

/* For tests: how many rows of the last successful table parse (any thread) the AVX2 line
 * scanner took whole (the rest went field by field); 0 without AVX2. */
size_t msbi_test_columns_fast_lines(void);

#endif

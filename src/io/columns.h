/* Internal: the numeric-field parser of the column reader (reused by other readers). */
#ifndef MSBI_IO_COLUMNS_H
#define MSBI_IO_COLUMNS_H

#include "core/internal.h"

/* msbi_parse_number (core/numtext.h) out of line, for tests: parse one number at p (no leading
 * blanks), identical to strtod in the C locale (fast exact path, strtod
 * otherwise). Returns the pointer after it, or NULL if no number starts at p. May return a
 * non-finite value for "nan"/"inf" text: callers check. */
const char *msbi_parse_double(const char *p, double *out);

#endif

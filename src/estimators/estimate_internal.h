/* Internal: building an msb_estimate. */
#ifndef MSBI_ESTIMATE_INTERNAL_H
#define MSBI_ESTIMATE_INTERNAL_H

#include "core/internal.h"
#include "msbridge/estimate.h"

/* New empty estimate of the given kind (static string). NULL on out of memory. */
msb_estimate *msbi_estimate_new(const char *kind);
/* Append an entry: n >= 1 values, std may be NULL (all NaN). Strings are copied. Returns
 * MSB_SUCCESS or MSB_ENOMEM (with the error message set for `where`). */
msb_status msbi_estimate_add(const char *where, msb_estimate *est, const char *name,
                             const char *unit, const char *description, size_t n,
                             const double *values, const double *std);
/* Scalar shorthand; std may be NAN. */
msb_status msbi_estimate_add1(const char *where, msb_estimate *est, const char *name,
                              const char *unit, const char *description, double value, double std);

#endif

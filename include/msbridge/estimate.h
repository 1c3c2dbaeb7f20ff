/* msbridge/estimate.h — what an estimator returns: a named set of values with uncertainties.
 *
 * Every estimator (Arrhenius fit, MSD, Green-Kubo, hull, cluster expansion, fusion, ...)
 * returns an opaque, immutable msb_estimate: an ordered list of entries, each with a name, an
 * SI unit, a one-line description, one or more values and their standard uncertainties (NaN
 * where an entry has none, e.g. a count or a chi2). Diagnostics (fit window, chi2/dof, number of
 * blocks, ...) are entries too. The entry names each estimator produces are listed in its
 * header; they are part of the API (only ever added). No struct layout is exposed, so results
 * can grow without breaking the ABI, and bindings can turn an estimate into a dictionary
 * without mirroring anything.
 *
 * All functions taking a `const msb_estimate *` are thread-safe on a shared handle.
 */
#ifndef MSBRIDGE_ESTIMATE_H
#define MSBRIDGE_ESTIMATE_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef struct msb_estimate msb_estimate;

/* Release. NULL-safe. */
MSB_API void msb_estimate_destroy(msb_estimate *est);

/* Which estimator made it, e.g. "arrhenius_fit"; NULL for NULL. */
MSB_API const char *msb_estimate_kind(const msb_estimate *est);
/* Number of entries; 0 for NULL. */
MSB_API size_t msb_estimate_count(const msb_estimate *est);
/* Entry i's name, SI unit ("1" if dimensionless) and description; NULL if out of range. */
MSB_API const char *msb_estimate_name(const msb_estimate *est, size_t i);
MSB_API const char *msb_estimate_unit(const msb_estimate *est, size_t i);
MSB_API const char *msb_estimate_description(const msb_estimate *est, size_t i);
/* Number of values of entry i (1 for a scalar; 9 for a 3x3 tensor, row-major); 0 if out of
 * range. */
MSB_API size_t msb_estimate_length(const msb_estimate *est, size_t i);

/* Index of the entry called `name`. Errors: MSB_ENULL, MSB_EINVAL (no such entry; the message
 * names it). */
MSB_API msb_status msb_estimate_find(const msb_estimate *est, const char *name, size_t *index);

/* The first value of entry `name` and its standard uncertainty (NaN if it has none); std may
 * be NULL. Errors: MSB_ENULL, MSB_EINVAL (no such entry). */
MSB_API msb_status msb_estimate_get(const msb_estimate *est, const char *name, double *value,
                                    double *std);

/* All values of entry i into values[0..len-1] and, if std is not NULL, their uncertainties.
 * `capacity` is the room in each array. Errors: MSB_ENULL, MSB_ESIZE (i out of range, or
 * capacity < length; *len is still set to the length needed). */
MSB_API msb_status msb_estimate_values(const msb_estimate *est, size_t i, size_t capacity,
                                       double *values, double *std, size_t *len);

MSB_END_DECLS

#endif

/* Internal: FFT correlation of real series (used by MSD, Green-Kubo and Onsager estimators). */
#ifndef MSBI_NUMERICS_CORRELATION_H
#define MSBI_NUMERICS_CORRELATION_H

#include "core/internal.h"

/* Caller-owned scratch for series of length up to n_max (one per thread). Creation only
 * checks and records n_max; the FFT plan and buffers are made by the first msbi_correlate and
 * kept while the padded length stays the same (errors name the public function `where`). */
typedef struct msbi_corr_work msbi_corr_work;

msb_status msbi_corr_work_create(const char *where, size_t n_max, msbi_corr_work **out);
void msbi_corr_work_destroy(msbi_corr_work *w);

/* Correlation sums over all time origins, by zero-padded FFT (O(n log n)):
 *   out[m] = sum_{i=0}^{n-1-m} a[i] * b[i+m],   m = 0 .. n_lag-1,  n_lag <= n <= n_max.
 * The series are padded to the smallest even length 2^a 3^b 5^c >= n + n_lag - 1 (no
 * circular wrap-around into the lags asked for). b == a (same pointer) computes the
 * autocorrelation with one forward transform. Divide by (n - m) for the unbiased mean over
 * origins. Allocation-free when the padded length is that of the previous call; otherwise the
 * plan is remade (MSB_ENOMEM if that fails). */
msb_status msbi_correlate(msbi_corr_work *w, size_t n, const double *a, const double *b,
                          size_t n_lag, double *out);

#endif

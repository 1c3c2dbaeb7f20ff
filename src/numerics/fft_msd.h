/* Internal: spectra-accumulating FFT engine for all-origin MSD tensors (used by msd.c).
 *
 * For many atoms with three series each (x, y, z relative to the first frame, length n), the
 * six symmetric cross terms C_ab(m) + C_ba(m), C_ab(m) = sum_i u_a(i) u_b(i+m), summed over
 * atoms, are the inverse transform of the summed real spectra 2 Re(conj(U_a) U_b). Summing in
 * the frequency domain costs 3 forward real FFTs per atom and 6 inverse FFTs in total (instead
 * of 12 transforms per atom with pairwise correlations). Zero padding to a power of two >= 2n
 * avoids wrap-around. GSL radix-2 transforms: no allocation and no error path inside GSL. */
#ifndef MSBI_NUMERICS_FFT_MSD_H
#define MSBI_NUMERICS_FFT_MSD_H

#include "core/internal.h"

typedef struct msbi_msd_fft msbi_msd_fft;

msb_status msbi_msd_fft_create(const char *where, size_t n_max, msbi_msd_fft **out);
void msbi_msd_fft_destroy(msbi_msd_fft *w);
/* Start a sum for series of length n (1 <= n <= n_max). */
void msbi_msd_fft_begin(msbi_msd_fft *w, size_t n);
/* Add one atom: u[k*n + i], k = 0, 1, 2. */
void msbi_msd_fft_add(msbi_msd_fft *w, const double *u);
/* out[q*n_lag + m] = sum over atoms of C_ab(m) + C_ba(m), m < n_lag <= n, pairs q = xx, yy, zz,
 * xy, xz, yz. */
void msbi_msd_fft_finish(msbi_msd_fft *w, size_t n_lag, double *out);

#endif

/* Internal: spectra-accumulating FFT engine for all-origin MSD tensors (used by msd.c).
 *
 * For many atoms with three series each (x, y, z relative to the first frame, length n), the
 * all-origin sums  D_ab(m) = sum_atoms sum_{i=0}^{n-1-m} (u_a(i+m) - u_a(i)) (u_b(i+m) - u_b(i))
 * split into squares, which come from prefix sums of S_ab(i) = sum_atoms u_a(i) u_b(i), and
 * the cross terms C_ab(m) + C_ba(m), C_ab(m) = sum_i u_a(i) u_b(i+m). Summed over atoms, the
 * cross terms are the inverse transform of the summed real spectra 2 Re(conj(U_a) U_b)
 * (the inverse transform is linear): 3 forward real FFTs per atom and 6 inverse FFTs per
 * call, whatever the number of atoms. Padding to an even 2^a 3^b 5^c length >= n + n_lag - 1
 * avoids wrap-around into the lags asked for.
 *
 * Threads: the atoms are split into a fixed number of blocks (chosen by the caller, never
 * from the thread count); each block has its own accumulators and the blocks are reduced in
 * block order, so the sums do not depend on which worker added which block. Each concurrent
 * worker has its own FFT scratch. */
#ifndef MSBI_NUMERICS_FFT_MSD_H
#define MSBI_NUMERICS_FFT_MSD_H

#include "core/internal.h"

typedef struct msbi_msd_fft msbi_msd_fft;

/* Series of up to n_max frames; n_blocks accumulators, n_workers concurrent workers (both
 * 1 .. MSBI_MAX_THREADS). */
msb_status msbi_msd_fft_create(const char *where, size_t n_max, size_t n_blocks,
                               size_t n_workers, msbi_msd_fft **out);
void msbi_msd_fft_destroy(msbi_msd_fft *w);
/* Start sums for series of length n (1 <= n <= n_max) and lags 0 .. n_lag-1 (1 <= n_lag <= n):
 * zero the accumulators and (re)make the FFT plan when the padded length changes (may fail
 * with MSB_ENOMEM; errors name `where` of creation). */
msb_status msbi_msd_fft_begin(msbi_msd_fft *w, size_t n, size_t n_lag);
/* Add one atom, u[k*n + i] (k = 0, 1, 2), to block `block` using worker scratch `worker`.
 * Calls with distinct blocks and distinct workers may run concurrently. Allocation-free. */
void msbi_msd_fft_add(msbi_msd_fft *w, size_t block, size_t worker, const double *u);
/* out[q*n_lag + m] = D_ab(m), m < n_lag, pairs q = xx, yy, zz, xy, xz, yz, summed over every
 * atom added since begin. Runs its 6 inverse transforms on up to n_workers threads (the
 * result does not depend on how many). Allocation-free. */
void msbi_msd_fft_finish(msbi_msd_fft *w, double *out);

#endif

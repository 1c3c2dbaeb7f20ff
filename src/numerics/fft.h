/* Internal: the library's own fast Fourier transforms (no FFTW: the design card allows no new
 * dependency, and GSL's radix-2 code was the bottleneck of the MSD and ACF estimators).
 *
 * Complex transforms of any length n = 2^a 3^b 5^c (radix-4, 2, 3 and 5 passes of a Stockham
 * autosort FFT on split real/imaginary arrays; for n <= 2^17 consecutive radix-5 passes run
 * fused), and real transforms of even length L through one complex transform of length L/2.
 * Twiddles: the plan stores w^p of every pass (from an octant table computed in long double,
 * within ~0.5 ulp; a real plan of length L keeps the table of L, shared by its half-length
 * plan and its split twiddles); the passes form w^2p .. w^4p by products (~1 ulp each). Accuracy: tested
 * within 16 u log2(n) relative (2-norm) of a long double DFT (tests/unit/test_fft.c).
 * Conventions (unnormalized, as FFTW and numpy's forward):
 *   forward  X_k = sum_j x_j exp(-2 pi i j k / n)
 *   inverse  x_j = sum_k X_k exp(+2 pi i j k / n)      (inverse(forward(x)) = n x)
 * A plan is immutable after creation: one plan may be executed from many threads at once,
 * each with its own data and work arrays. Execution allocates nothing and cannot fail.
 * Inner loops run along contiguous memory so that GCC vectorizes them (the file is compiled
 * with -O3, and the passes carry an AVX2 clone beside the baseline one). */
#ifndef MSBI_NUMERICS_FFT_H
#define MSBI_NUMERICS_FFT_H

#include "core/internal.h"

/* Smallest m >= n with no prime factor above 5 (m = 2^a 3^b 5^c); n = 0 gives 1. Returns 0 if
 * no such m fits in size_t / 8. */
size_t msbi_fft_good_size(size_t n);
/* The same, restricted to even m (lengths for the real transforms): m >= max(n, 2). */
size_t msbi_fft_good_size_even(size_t n);

/* Asks the kernel (Linux; elsewhere a no-op) to back the fresh buffer [p, p + bytes) with
 * transparent huge pages where the system allows it on request (THP "madvise" mode): buffers
 * of tens of MB for long transforms then take a few hundred page faults instead of ~10^4, and
 * the transform passes fewer TLB misses. Contents and results are unaffected. */
void msbi_advise_huge_pages(void *p, size_t bytes);

/* ---- complex transforms ---- */
typedef struct msbi_fft_plan msbi_fft_plan;

/* Plan for length n >= 1 whose prime factors are 2, 3, 5 (else MSB_EINVAL; n = 0: MSB_ESIZE;
 * out of memory: MSB_ENOMEM). Errors are reported for the public function `where`. */
msb_status msbi_fft_plan_create(const char *where, size_t n, msbi_fft_plan **out);
void msbi_fft_plan_destroy(msbi_fft_plan *plan);
size_t msbi_fft_plan_length(const msbi_fft_plan *plan);
/* Doubles of work array the complex transforms need: 2 n. */
size_t msbi_fft_work_size(const msbi_fft_plan *plan);
/* In place on re[0..n-1], im[0..n-1]; work holds msbi_fft_work_size doubles (not aliasing re
 * or im). */
void msbi_fft_forward(const msbi_fft_plan *plan, double *re, double *im, double *work);
void msbi_fft_inverse(const msbi_fft_plan *plan, double *re, double *im, double *work);

/* ---- real transforms of even length L (through a complex plan of length L/2) ---- */
typedef struct msbi_rfft_plan msbi_rfft_plan;

/* L even, L >= 2, L/2 = 2^a 3^b 5^c (else MSB_EINVAL / MSB_ESIZE / MSB_ENOMEM). */
msb_status msbi_rfft_plan_create(const char *where, size_t L, msbi_rfft_plan **out);
void msbi_rfft_plan_destroy(msbi_rfft_plan *plan);
size_t msbi_rfft_plan_length(const msbi_rfft_plan *plan);
/* Doubles of work array the real transforms need: 2 L (the same for every plan of
 * length L, so msbi_rfft_work_size_for(L) sizes buffers before planning; increasing in L). */
size_t msbi_rfft_work_size(const msbi_rfft_plan *plan);
size_t msbi_rfft_work_size_for(size_t L);
/* Forward transform of x[0..n-1] zero-padded to L (n <= L): the non-negative frequencies
 * k = 0 .. L/2 into re[k], im[k] (L/2 + 1 values each; im[0] = im[L/2] = 0). */
void msbi_rfft_forward(const msbi_rfft_plan *plan, size_t n, const double *x, double *re,
                       double *im, double *work);
/* Inverse of a Hermitian spectrum given by k = 0 .. L/2 (re, im; the imaginary parts of k = 0
 * and L/2 are ignored; im = NULL: a real spectrum): x_j = sum over all L frequencies, for
 * j = 0 .. n_out-1 (n_out <= L). inverse(forward(x)) = L x. re and im are not modified. */
void msbi_rfft_inverse(const msbi_rfft_plan *plan, const double *re, const double *im,
                       size_t n_out, double *x, double *work);

/* Plan creation in two steps, for a team to fill the tables: msbi_rfft_plan_alloc (errors as
 * msbi_rfft_plan_create; the plan is unusable until filled), then msbi_rfft_plan_fill run by
 * every member of a team (core/internal.h) before any use: the same plan, bitwise, as
 * msbi_rfft_plan_create's (which runs both steps alone). */
msb_status msbi_rfft_plan_alloc(const char *where, size_t L, msbi_rfft_plan **out);
void msbi_rfft_plan_fill(msbi_rfft_plan *plan, msbi_team_cursor *cur);

/* ---- the same as phases of a team (core/internal.h: every member calls with the same
 * arguments and its own cursor; msbi_team_join(NULL) runs alone). Each phase is split into
 * chunks of its index range that depend on L only, and msbi_rfft_forward / msbi_rfft_inverse
 * run the same phases alone: results are bitwise the same for any team. ---- */
/* Power spectrum of x[0..n-1] zero-padded to L: pw[k] = scale |X_k|^2 (add: pw[k] +=), k = 0 ..
 * L/2. work: msbi_rfft_work_size doubles (shared by the team), not aliasing x or pw. */
void msbi_rfft_power(const msbi_rfft_plan *plan, size_t n, const double *x, double scale,
                     int add, double *pw, double *work, msbi_team_cursor *cur);
/* msbi_rfft_inverse(plan, re, NULL, n_out, x, work) (a real spectrum re[0 .. L/2]); work:
 * msbi_rfft_work_size doubles (shared by the team), not aliasing re or x. */
void msbi_rfft_inverse_real(const msbi_rfft_plan *plan, const double *re, size_t n_out,
                            double *x, double *work, msbi_team_cursor *cur);

#endif

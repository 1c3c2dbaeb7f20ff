/* Internal: linear least squares with parameter covariance. */
#ifndef MSBI_NUMERICS_LSQ_H
#define MSBI_NUMERICS_LSQ_H

#include "core/internal.h"

/* Weighted linear least squares  min sum_i ((y_i - sum_j A_ij beta_j) / sigma_i)^2.
 * A is n x p, row-major (A[i*p + j]); sigma may be NULL (unit weights). Solved by Householder
 * QR (LAPACKE dgeqrf/dormqr) of the weighted design matrix, never the normal equations.
 * Outputs: beta (p), cov = (A^T W A)^-1 (p x p row-major, may be NULL), chi2 (may be NULL).
 * Rank deficiency (|R_jj| <= 1e-12 max|R|) gives MSB_ESINGULAR. Requires n >= p >= 1. */
msb_status msbi_wls(const char *where, size_t n, size_t p, const double *A, const double *y,
                    const double *sigma, double *beta, double *cov, double *chi2);

#endif

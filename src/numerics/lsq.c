/* Weighted linear least squares by QR with covariance (see lsq.h). */
#include <lapacke.h>
#include <string.h>

#include "numerics/lsq.h"

msb_status msbi_wls(const char *where, size_t n, size_t p, const double *A, const double *y,
                    const double *sigma, double *beta, double *cov, double *chi2)
{
    if (p == 0 || n < p)
        return msbi_error(MSB_EINSUFFICIENT, where, "least squares needs at least %zu points for "
                          "%zu parameters (got %zu)", p, p, n);
    if (n > (size_t)INT32_MAX)
        return msbi_error(MSB_ESIZE, where, "too many points for LAPACK (%zu)", n);
    size_t np;
    if (msbi_mul_size(n, p, &np)) return msbi_error(MSB_ESIZE, where, "n * p overflows");
    /* Column-major weighted copy B (n x p), rhs b, tau, R inverse scratch. */
    double *B = msbi_alloc_array(np, sizeof(double));
    double *b = msbi_alloc_array(n, sizeof(double));
    double *tau = msbi_alloc_array(p, sizeof(double));
    msb_status st = MSB_SUCCESS;
    if (B == NULL || b == NULL || tau == NULL) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory in least squares (%zu x %zu)", n, p);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const double w = sigma ? 1.0 / sigma[i] : 1.0;
        if (!isfinite(w) || !isfinite(y[i] * w)) {
            st = msbi_error(MSB_ERANGE, where, "point %zu: uncertainty %g is too small to weight "
                            "by", i, sigma ? sigma[i] : 1.0);
            goto done;
        }
        b[i] = y[i] * w;
        for (size_t j = 0; j < p; j++) B[j * n + i] = A[i * p + j] * w;
    }
    const lapack_int ln = (lapack_int)n, lp = (lapack_int)p;
    lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, ln, lp, B, ln, tau);
    if (info == LAPACK_WORK_MEMORY_ERROR) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory in QR factorisation");
        goto done;
    }
    if (info != 0) {
        st = msbi_error(MSB_EINTERNAL, where, "dgeqrf failed (info %d)", (int)info);
        goto done;
    }
    double rmax = 0.0;
    for (size_t j = 0; j < p; j++) rmax = fmax(rmax, fabs(B[j * n + j]));
    for (size_t j = 0; j < p; j++) {
        if (!(fabs(B[j * n + j]) > 1e-12 * rmax)) {
            st = msbi_error(MSB_ESINGULAR, where, "design matrix is rank deficient (column %zu is "
                            "a combination of the others)", j);
            goto done;
        }
    }
    info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', ln, 1, lp, B, ln, tau, b, ln);
    if (info == LAPACK_WORK_MEMORY_ERROR) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory applying Q^T");
        goto done;
    }
    if (info != 0) {
        st = msbi_error(MSB_EINTERNAL, where, "dormqr failed (info %d)", (int)info);
        goto done;
    }
    if (chi2) {
        double s = 0.0;
        for (size_t i = p; i < n; i++) s += b[i] * b[i];
        if (!isfinite(s)) {
            st = msbi_error(MSB_ERANGE, where, "the weighted residual sum of squares overflows");
            goto done;
        }
        *chi2 = s;
    }
    /* Back substitution R beta = (Q^T b)[0:p]. */
    for (size_t jj = p; jj-- > 0;) {
        double s = b[jj];
        for (size_t k = jj + 1; k < p; k++) s -= B[k * n + jj] * beta[k];
        beta[jj] = s / B[jj * n + jj];
    }
    if (cov) {
        /* cov = R^-1 R^-T: invert the upper triangle in place (column by column), then
         * multiply. p is small in every use (a few to a few hundred). */
        size_t pp;
        double *Ri = msbi_mul_size(p, p, &pp) ? NULL : msbi_calloc(pp, sizeof(double));
        if (Ri == NULL) {
            st = msbi_error(MSB_ENOMEM, where, "out of memory forming the covariance");
            goto done;
        }
        for (size_t j = 0; j < p; j++) {
            /* column j of R^-1: solve R z = e_j (upper triangular, z_k = 0 for k > j) */
            for (size_t ii = j + 1; ii-- > 0;) {
                double s = (ii == j) ? 1.0 : 0.0;
                for (size_t k = ii + 1; k <= j; k++) s -= B[k * n + ii] * Ri[k * p + j];
                Ri[ii * p + j] = s / B[ii * n + ii];
            }
        }
        for (size_t a = 0; a < p; a++)
            for (size_t c = 0; c <= a; c++) {
                double s = 0.0;
                for (size_t k = (a > c ? a : c); k < p; k++) s += Ri[a * p + k] * Ri[c * p + k];
                cov[a * p + c] = s;
                cov[c * p + a] = s;
            }
        msbi_free(Ri);
    }
done:
    msbi_free(B);
    msbi_free(b);
    msbi_free(tau);
    return st;
}

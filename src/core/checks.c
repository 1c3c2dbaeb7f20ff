/* Argument checks shared by every public function. `!(v > 0)` style so that NaN fails too. */
#include "core/internal.h"

msb_status msbi_check_finite(const char *where, const char *name, double v)
{
    if (!isfinite(v)) return msbi_error(MSB_ENONFINITE, where, "%s must be finite (got %g)", name, v);
    return MSB_SUCCESS;
}

msb_status msbi_check_positive(const char *where, const char *name, double v)
{
    MSBI_TRY(msbi_check_finite(where, name, v));
    if (!(v > 0)) return msbi_error(MSB_EDOM, where, "%s must be > 0 (got %g)", name, v);
    return MSB_SUCCESS;
}

msb_status msbi_check_nonneg(const char *where, const char *name, double v)
{
    MSBI_TRY(msbi_check_finite(where, name, v));
    if (!(v >= 0)) return msbi_error(MSB_EDOM, where, "%s must be >= 0 (got %g)", name, v);
    return MSB_SUCCESS;
}

msb_status msbi_check_array_finite(const char *where, const char *name, size_t n, const double *v)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return msbi_error(MSB_ENONFINITE, where, "%s[%zu] must be finite (got %g)", name, i,
                              v[i]);
    return MSB_SUCCESS;
}

msb_status msbi_check_array_positive(const char *where, const char *name, size_t n,
                                     const double *v)
{
    MSBI_TRY(msbi_check_array_finite(where, name, n, v));
    for (size_t i = 0; i < n; i++)
        if (!(v[i] > 0))
            return msbi_error(MSB_EDOM, where, "%s[%zu] must be > 0 (got %g)", name, i, v[i]);
    return MSB_SUCCESS;
}

msb_status msbi_check_covariance(const char *where, size_t n, const double *cov)
{
    if (cov == NULL) return MSB_SUCCESS;
    for (size_t i = 0; i < n * n; i++)
        if (!isfinite(cov[i]))
            return msbi_error(MSB_ENONFINITE, where, "cov[%zu][%zu] must be finite (got %g)",
                              i / n, i % n, cov[i]);
    for (size_t i = 0; i < n; i++) {
        if (!(cov[i * n + i] >= 0))
            return msbi_error(MSB_EINVAL, where, "cov[%zu][%zu] is a variance and must be >= 0 (got %g)",
                              i, i, cov[i * n + i]);
        for (size_t j = 0; j < i; j++) {
            double a = cov[i * n + j], b = cov[j * n + i];
            double scale = sqrt(cov[i * n + i] * cov[j * n + j]);
            if (fabs(a - b) > 1e-12 * (scale > 0 ? scale : fmax(fabs(a), fabs(b))))
                return msbi_error(MSB_EINVAL, where,
                                  "covariance must be symmetric: cov[%zu][%zu] = %g but "
                                  "cov[%zu][%zu] = %g", i, j, a, j, i, b);
        }
    }
    return MSB_SUCCESS;
}

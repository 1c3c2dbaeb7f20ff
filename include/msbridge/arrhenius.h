/* msbridge/arrhenius.h — the Arrhenius law and its estimator.
 *
 *   D(T) = D0 exp(-E_a / (k_B T))
 *
 * S. Arrhenius, Z. Phys. Chem. 4, 226 (1889). The law is parameterised by p = (ln D0, E_a)
 * because ln D is linear in both: the covariance of a weighted fit of ln D against 1/T is then
 * exact, and D0 stays positive under any Gaussian perturbation of ln D0.
 */
#ifndef MSBRIDGE_ARRHENIUS_H
#define MSBRIDGE_ARRHENIUS_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* An Arrhenius law. Input: T (K, > 0). Output: D (m^2/s; the unit of D0 carries through, so
 * the same law serves rates in 1/s — see msb_arrhenius_create_named).
 * D0       prefactor, > 0, finite.
 * Ea_J     activation energy per particle, J, finite (any sign).
 * cov      2x2 covariance of (ln D0, Ea [J]) row-major, or NULL (zeros).
 * Errors: MSB_ENULL (out), MSB_ENONFINITE, MSB_EDOM (D0 <= 0), MSB_EINVAL (covariance not
 *         symmetric within 1e-12 relative, or a negative variance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_arrhenius_create(double D0, double Ea_J, const double *cov,
                                        msb_law **out);

/* As msb_arrhenius_create with the output's name and unit chosen by the caller, e.g. ("k",
 * "1/s") for a rate or ("sigma_T", "S K/m") for a conductivity-temperature product. Names up to
 * 31 bytes, units up to 31 bytes. Errors as above plus MSB_ENULL for name/unit and MSB_EINVAL
 * for an empty or too long string. Thread-safe. */
MSB_API msb_status msb_arrhenius_create_named(double D0, double Ea_J, const double *cov,
                                              const char *output_name, const char *output_unit,
                                              msb_law **out);

/* How the parameter covariance uses the given uncertainties. */
typedef enum msb_sigma_mode {
    /* D_std are true standard deviations: covariance (A^T W A)^-1 as is (the right choice when
     * the uncertainties come from an honest estimator; coverage-tested). */
    MSB_SIGMA_ABSOLUTE = 0,
    /* D_std are relative weights only: covariance scaled by chi2/dof (needs n >= 3). */
    MSB_SIGMA_RELATIVE = 1
} msb_sigma_mode;

/* Weighted least squares of y_i = ln D_i against u_i = 1/(k_B T_i):
 *   ln D = ln D0 - Ea u,   weights w_i = 1/sigma_i^2,  sigma_i = D_std_i / D_i (first order),
 * solved by QR (LAPACKE) on centred abscissae, with the full covariance of (ln D0, Ea) and
 * chi2/dof. D_std may be NULL: then every point has unit weight in ln D and the covariance is
 * scaled by chi2/dof whatever `mode` says (needs n >= 3).
 * n            number of points, >= 2 (>= 3 for MSB_SIGMA_RELATIVE or D_std = NULL).
 * T_K          temperatures, K, finite and > 0, at least two distinct.
 * D            values, finite and > 0 (any unit; D0 comes out in the same unit).
 * D_std        standard uncertainties of D, finite and > 0, or NULL.
 * est_out      if not NULL, receives an estimate (kind "arrhenius_fit") with entries
 *                ln_D0 (ln of D's unit, with sd), D0 (D's unit, first-order sd),
 *                Ea (J, with sd), Ea_eV (eV, with sd), cov (4 values: covariance of
 *                (ln D0, Ea) row-major), corr (correlation of ln D0 and Ea), chi2, dof,
 *                chi2_per_dof, n, T_min (K), T_max (K).
 * law_out      if not NULL, receives the Arrhenius law with the fitted parameters, covariance
 *              and validity domain [T_min, T_max]. At least one of est_out, law_out is needed.
 * Errors: MSB_ENULL, MSB_EINVAL (bad mode), MSB_EINSUFFICIENT (too few points),
 *         MSB_ENONFINITE, MSB_EDOM (T, D or D_std <= 0), MSB_ESINGULAR (all T equal),
 *         MSB_ERANGE, MSB_ENOMEM. Nothing is returned on failure. Thread-safe. */
MSB_API msb_status msb_arrhenius_fit(size_t n, const double *T_K, const double *D,
                                     const double *D_std, msb_sigma_mode mode,
                                     msb_estimate **est_out, msb_law **law_out);

MSB_END_DECLS

#endif

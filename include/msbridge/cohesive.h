/* msbridge/cohesive.h — cohesive-zone laws from cleavage energies.
 *
 * Universal binding-energy relation (UBER; J. H. Rose, J. R. Smith, F. Guinea and J. Ferrante,
 * Phys. Rev. B 29, 2963 (1984)) for the energy per unit area needed to separate two halves of a
 * crystal by an opening delta beyond equilibrium:
 *
 *   Phi(delta) = G_c [1 - (1 + delta/lambda) exp(-delta/lambda)],   G_c = 2 gamma
 *
 * with gamma the surface energy, lambda the characteristic length. Its derivative is the
 * exponential traction-separation law
 *
 *   T(delta) = dPhi/ddelta = G_c (delta/lambda^2) exp(-delta/lambda),
 *
 * peaking at delta = lambda with sigma_max = G_c/(lambda e); the area under T is G_c. The
 * bilinear law has the same G_c and sigma_max, a linear rise to sigma_max at delta_p and a
 * linear fall to zero at delta_f = 2 G_c / sigma_max (so that the area is G_c).
 *
 * Units: delta in m, Phi and G_c in J/m^2, T and sigma_max in Pa. Opening is >= 0 (the laws
 * describe opening only; contact/penetration is the solver's business).
 */
#ifndef MSBRIDGE_COHESIVE_H
#define MSBRIDGE_COHESIVE_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Exponential (UBER-derived) traction-separation law. Input: delta (m, >= 0). Output: T (Pa).
 * Parameters p = (G_c [J/m^2], lambda [m]), both finite and > 0. cov: 2x2 covariance of
 * (G_c, lambda) row-major, or NULL.
 * Errors: MSB_ENULL (out), MSB_ENONFINITE, MSB_EDOM (G_c or lambda <= 0), MSB_EINVAL
 * (covariance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_cohesive_exponential_create(double Gc_Jm2, double lambda_m,
                                                   const double *cov, msb_law **out);

/* Bilinear traction-separation law. Input: delta (m, >= 0). Output: T (Pa).
 *   T = sigma_max delta/delta_p                          0 <= delta <= delta_p
 *   T = sigma_max (delta_f - delta)/(delta_f - delta_p)  delta_p < delta < delta_f
 *   T = 0                                                delta >= delta_f = 2 G_c/sigma_max
 * Parameters p = (G_c [J/m^2], sigma_max [Pa], delta_p [m]), all > 0 with delta_p < delta_f.
 * The derivatives are one-sided at the kinks delta_p and delta_f (the value of the branch
 * written above). A common choice is delta_p = lambda of the exponential law (same peak
 * position). cov: 3x3 covariance or NULL.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (a parameter <= 0, or delta_p >= delta_f),
 * MSB_EINVAL, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_cohesive_bilinear_create(double Gc_Jm2, double sigma_max_Pa,
                                                double delta_p_m, const double *cov,
                                                msb_law **out);

/* Fit of the UBER energy Phi(delta) to cleavage energies by weighted nonlinear least squares
 * (GSL multifit_nlinear, Levenberg-Marquardt with geodesic acceleration off; started from a
 * grid search over lambda with the optimal G_c for each lambda in closed form).
 * n          number of points, >= 2 (>= 3 without energy_std).
 * delta_m    openings beyond equilibrium, m, finite, >= 0, at least two distinct and > 0.
 * energy     Phi(delta), J/m^2, finite (the energy to separate two halves per unit area of the
 *            cleavage plane, i.e. the DFT energy difference divided by the area A of ONE
 *            surface: Phi(inf) = 2 gamma).
 * energy_std standard uncertainties of energy (J/m^2, > 0), or NULL: unit weights and the
 *            covariance scaled by chi2/dof.
 * est_out    if not NULL, receives an estimate (kind "uber_fit") with entries
 *              G_c (J/m^2, = 2 gamma), gamma (J/m^2), lambda (m), sigma_max (Pa, first-order
 *              sd), delta_peak (m, = lambda), cov (2x2 of (G_c, lambda), row-major),
 *              corr, chi2, dof, chi2_per_dof, n, iterations.
 * law_out    if not NULL, receives the exponential traction law with the fitted (G_c, lambda)
 *            and covariance, validity [0, max delta]. At least one of est_out/law_out.
 * Errors: MSB_ENULL, MSB_EINSUFFICIENT, MSB_ENONFINITE, MSB_EDOM (negative delta, std <= 0),
 *         MSB_ESINGULAR (fewer than two distinct positive openings), MSB_ENOCONV (no
 *         convergence or a non-positive fitted G_c or lambda: data not UBER-like),
 *         MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_uber_fit(size_t n, const double *delta_m, const double *energy,
                                const double *energy_std, msb_estimate **est_out,
                                msb_law **law_out);

MSB_END_DECLS

#endif

/* msbridge/thermo.h — free-energy law of an insertion/adsorption lattice: chemical potential,
 * thermodynamic factor, open-circuit voltage and the common-tangent construction, from one
 * object so the thermodynamics stay consistent.
 *
 * Model (per lattice site; x = site fraction of the mobile species, 0 < x < 1):
 *
 *   F(x,T) = E0 x + k_B T [x ln x + (1-x) ln(1-x)] + x (1-x) sum_k L_k(T) (2x-1)^k,
 *   L_k(T) = A_k + B_k T                                  (Redlich-Kister excess; O. Redlich,
 *                                                          A. T. Kister, Ind. Eng. Chem. 40,
 *                                                          345 (1948))
 *   mu    = dF/dx                       (J per particle, relative to the same reference as E0)
 *   Theta = d ln a / d ln x = (x / (k_B T)) dmu/dx                  (thermodynamic factor)
 *   V     = -(mu - mu_ref) / e          (homogeneous-phase voltage vs the reference electrode)
 *
 * The law: inputs (x [1], MSB_DOMAIN_UNIT_OPEN; T [K], positive); outputs, in this order,
 *   0 "mu" (J), 1 "Theta" (1), 2 "F" (J per site), 3 "V" (V),
 * all with analytic input derivatives (so d Theta/dx uses d2mu/dx2, and dV/dT = -(dmu/dT)/e
 * is the entropic coefficient of the same object). Parameters p = (E0, A_0..A_(m-1),
 * B_0..B_(m-1)) in J, J and J/K. The single-phase quantities are what the Darken relation
 * D_chem = D* Theta needs; inside a miscibility gap Theta < 0 (spinodal) or the phase is
 * metastable: use msb_free_energy_binodals / msb_ocv_free_energy_create for the equilibrium
 * two-phase behaviour.
 * Symmetric regular solution: m = 1, A_0 = Omega (per site), which phase-separates below
 * T_c = Omega / (2 k_B).
 */
#ifndef MSBRIDGE_THERMO_H
#define MSBRIDGE_THERMO_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Largest number of Redlich-Kister terms. */
#define MSB_RK_MAX_TERMS 16

/* Free-energy law (header comment) from E0 (J), m Redlich-Kister terms A[k] (J) and B[k]
 * (J/K; B may be NULL for all zeros), m = 0 for an ideal lattice gas (A, B may then be NULL),
 * and mu_ref_J the reference electrode's energy per ion (J; enters V only).
 * cov: (1+2m)^2 covariance of p (row-major) or NULL.
 * Errors: MSB_ENULL (out; A when m > 0), MSB_ESIZE (m > MSB_RK_MAX_TERMS), MSB_ENONFINITE,
 * MSB_EINVAL (covariance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_free_energy_rk_create(double E0_J, size_t m, const double *A_J,
                                             const double *B_J_per_K, double mu_ref_J,
                                             const double *cov, msb_law **out);

/* What a table holds for msb_free_energy_rk_fit. */
typedef enum msb_thermo_table {
    MSB_TABLE_MU = 0, /* chemical potential mu(x, T), J per particle */
    MSB_TABLE_F = 1   /* free energy per site F(x, T), J */
} msb_thermo_table;

/* Free-energy law from a table (e.g. lattice Monte Carlo or DFT): n points (x_i in (0,1),
 * T_i > 0, value_i) at one or several temperatures, with optional standard uncertainties
 * sigma (NULL: unit weights). The model of the header comment is fitted by weighted linear
 * least squares after subtracting the ideal-mixing term: A_0..A_(m-1) always, B_k only when
 * the table holds at least two distinct temperatures (otherwise B = 0). E0 is fitted from a
 * mu table; from an F table too (F is linear in E0). Needs n > number of fitted parameters.
 * Estimate (kind "free_energy_fit") entries: "E0" (J), "A" (m values, J), "B" (m values, J/K),
 * "chi2", "dof", "rms_residual" (J), "n". The law carries the parameter covariance (scaled by
 * chi2/dof when sigma is NULL) and the validity domain of the table.
 * Errors: MSB_ENULL, MSB_ESIZE (m > MSB_RK_MAX_TERMS), MSB_EINSUFFICIENT (too few points),
 * MSB_ENONFINITE, MSB_EDOM (x outside (0,1), T <= 0, sigma <= 0), MSB_EINVAL (unknown kind),
 * MSB_ESINGULAR (compositions do not determine m terms), MSB_ENOMEM. Either output may be NULL.
 * Thread-safe. */
MSB_API msb_status msb_free_energy_rk_fit(size_t n, const double *x, const double *T,
                                          const double *value, const double *sigma,
                                          msb_thermo_table kind, size_t m, double mu_ref_J,
                                          msb_estimate **est, msb_law **law);

/* Common-tangent construction at temperature T for a law made by msb_free_energy_rk_create or
 * msb_free_energy_rk_fit: the miscibility gaps of F(., T) on (0, 1). Each gap k has binodal
 * compositions x_lo[k] < x_hi[k] and the common chemical potential mu[k] (J), equal to the
 * slope of the common tangent. Method: lower convex hull of F on a 4000-point grid, then
 * Newton on mu(a) = mu(b), F(b) - F(a) = mu(a)(b - a) to 1e-13 in x. Gaps narrower than
 * 1e-6 are not reported. Writes at most `capacity` gaps and *ngap (the number found, 0 for a
 * convex F). Errors: MSB_ENULL, MSB_EBADLAW (law of another kind), MSB_EDOM (T <= 0 or not
 * finite), MSB_ESIZE (capacity < gaps found; *ngap set), MSB_ENOCONV, MSB_ENOMEM.
 * Thread-safe. */
MSB_API msb_status msb_free_energy_binodals(const msb_law *law, double T, size_t capacity,
                                            double *x_lo, double *x_hi, double *mu,
                                            size_t *ngap);

MSB_END_DECLS

#endif

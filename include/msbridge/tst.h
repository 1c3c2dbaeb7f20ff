/* msbridge/tst.h — transition-state theory rate laws.
 *
 * Both constructors return an msb_law with one input (T in K) and one output (k in 1/s); see
 * msbridge/law.h for evaluation. Energies are per particle (per event) in joules: multiply
 * electronvolts by MSB_EV.
 */
#ifndef MSBRIDGE_TST_H
#define MSBRIDGE_TST_H

#include <stddef.h>

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Eyring (thermodynamic) transition-state theory, H. Eyring, J. Chem. Phys. 3, 107 (1935):
 *
 *   k(T) = kappa * Gamma_W(T) * (k_B T / h) * exp(-(dH - T dS) / (k_B T))
 *
 * with the optional Wigner tunnelling correction, E. Wigner, Z. Phys. Chem. B 19, 203 (1932):
 *   Gamma_W(T) = 1 + (1/24) (h nu_imag / (k_B T))^2      (Gamma_W = 1 when nu_imag_Hz = 0).
 * Wigner's first-order correction is meaningful only while h nu_imag < k_B T * 2 pi; the law's
 * validity domain is set to T > h nu_imag / (2 pi k_B) (see msb_law_count_outside).
 *
 * dH_J          activation enthalpy dH, J per event, finite (any sign).
 * dS_J_per_K    activation entropy dS, J/K per event, finite.
 * kappa         transmission coefficient, 0 < kappa <= 1.
 * nu_imag_Hz    magnitude of the saddle point's imaginary frequency, Hz (not rad/s), >= 0;
 *               0 disables the Wigner correction.
 * cov           2x2 covariance of (dH [J], dS [J/K]), row-major, or NULL for none (zeros).
 * Parameters: p = (dH, dS). Inputs: T (K, > 0). Output: k (1/s).
 * Errors: MSB_ENULL (out), MSB_ENONFINITE, MSB_EDOM (kappa outside (0,1], nu_imag < 0),
 *         MSB_EINVAL (covariance not symmetric, negative variance), MSB_ENOMEM.
 * Thread-safe. */
MSB_API msb_status msb_tst_eyring_create(double dH_J, double dS_J_per_K, double kappa,
                                         double nu_imag_Hz, const double *cov, msb_law **out);

/* Harmonic transition-state theory, G. H. Vineyard, J. Phys. Chem. Solids 3, 121 (1957):
 *
 *   k(T) = nu* exp(-E_a / (k_B T)),   nu* = prod_{i=1}^{N} nu_i^min / prod_{j=1}^{N-1} nu_j^saddle
 *
 * from the N real normal-mode frequencies at the minimum and the N-1 real ones at the saddle
 * (the imaginary mode excluded). The products are formed as sums of logarithms, so thousands of
 * modes neither overflow nor underflow.
 * n_min, nu_min_Hz        N >= 1 frequencies at the minimum, Hz, each finite and > 0.
 * n_saddle, nu_saddle_Hz  N - 1 real frequencies at the saddle, Hz, each finite and > 0
 *                         (nu_saddle_Hz may be NULL when n_saddle = 0).
 * Ea_J                    static barrier E_saddle - E_min, J per event, finite.
 * cov                     2x2 covariance of (ln nu* [ln Hz], Ea [J]) or NULL.
 * Parameters: p = (ln nu*, Ea). Input: T (K). Output: k (1/s).
 * Errors: MSB_ENULL, MSB_ESIZE (n_min = 0 or n_saddle != n_min - 1), MSB_ENONFINITE,
 *         MSB_EDOM (a frequency <= 0), MSB_EINVAL (covariance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_tst_vineyard_create(size_t n_min, const double *nu_min_Hz, size_t n_saddle,
                                           const double *nu_saddle_Hz, double Ea_J,
                                           const double *cov, msb_law **out);

/* The Vineyard attempt frequency nu* (Hz) from the two frequency lists, with the same
 * conventions and errors as msb_tst_vineyard_create (MSB_ERANGE if nu* overflows a double).
 * Thread-safe. */
MSB_API msb_status msb_tst_vineyard_prefactor(size_t n_min, const double *nu_min_Hz,
                                              size_t n_saddle, const double *nu_saddle_Hz,
                                              double *nu_star_Hz);

MSB_END_DECLS

#endif

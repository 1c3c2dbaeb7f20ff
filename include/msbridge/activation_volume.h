/* msbridge/activation_volume.h — stress-dependent thermally activated laws.
 *
 *   E_m(sigma) = E_m0 - Omega_act sigma
 *   D(T, sigma) = D0 exp(-(E_m0 - Omega_act sigma) / (k_B T))
 *
 * Sign convention: sigma is the stress conjugate to the activation volume, tension positive (a
 * positive Omega_act lowers the barrier under tension). Reference: the activation-volume
 * formalism of transition-state theory, e.g. M. J. Aziz, Appl. Phys. Lett. 70, 2810 (1997),
 * and C. Zener, in Imperfections in Nearly Perfect Crystals (Wiley, 1952).
 */
#ifndef MSBRIDGE_ACTIVATION_VOLUME_H
#define MSBRIDGE_ACTIVATION_VOLUME_H

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Inputs: T (K, > 0), sigma (Pa, any finite). Output: D (unit of D0, m^2/s for a diffusivity).
 * Parameters: p = (ln D0, E_m0 [J], Omega_act [m^3]).
 * D0         prefactor, finite and > 0.
 * Em0_J      barrier at zero stress, J per event, finite.
 * Omega_m3   activation volume, m^3 per event, finite (any sign; often a fraction of the
 *            atomic volume, ~1e-30 m^3).
 * cov        3x3 covariance of (ln D0, Em0, Omega) row-major, or NULL.
 * Errors: MSB_ENULL (out), MSB_ENONFINITE, MSB_EDOM (D0 <= 0), MSB_EINVAL (covariance),
 *         MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_activation_volume_create(double D0, double Em0_J, double Omega_m3,
                                                const double *cov, msb_law **out);

MSB_END_DECLS

#endif

/* msbridge/validate.h — comparing a prediction with an experiment, both with uncertainties.
 *
 * A prediction y_p +- u_p (e.g. a Nernst-Einstein-Haven conductivity from MD diffusivities,
 * propagated with msb_law_eval_uq or msb_propagate_mc) is compared with a measurement
 * y_m +- u_m (e.g. an impedance conductivity). Taking the two as independent,
 *   d = y_p - y_m,   u_c = sqrt(u_p^2 + u_m^2),   z = d / u_c,
 * two-sided p = erfc(|z| / sqrt 2) (the probability of a larger |z| if both are right), and the
 * two agree at coverage factor k when |z| <= k (k = 2: ~95 % for normal errors; GUM, JCGM
 * 100:2008, section 6). Worked cases: docs/uq.md.
 */
#ifndef MSBRIDGE_VALIDATE_H
#define MSBRIDGE_VALIDATE_H

#include "msbridge/estimate.h"

MSB_BEGIN_DECLS

/* Compare. predicted, measured: finite, any unit (the same for both). predicted_std,
 * measured_std: standard uncertainties >= 0, not both 0. k: coverage factor > 0 (e.g. 2).
 * Estimate (kind "validation"), entries: predicted, measured (with their sd), difference
 * (d, sd u_c), combined_std (u_c), z, p_value, k, agree (1 if |z| <= k else 0),
 * ratio (y_p / y_m with first-order sd; NaN if y_m = 0).
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (negative sd, both sd zero, k <= 0),
 * MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_validate(double predicted, double predicted_std, double measured,
                                double measured_std, double k, msb_estimate **out);

/* A short English report of a "validation" estimate, e.g.
 *   "sigma [S/m]: predicted 1.050 +- 0.100, measured 1.070 +- 0.050; difference -0.020 +-
 *    0.112 (z = -0.18, p = 0.86): agrees within k = 2 combined standard uncertainties."
 * quantity and unit label it (NULL: "value", ""). *text: NUL-terminated, free with
 * msb_string_free (msbridge/card.h). Errors: MSB_ENULL, MSB_EINVAL (not a validation
 * estimate), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_validate_report(const msb_estimate *comparison, const char *quantity,
                                       const char *unit, char **text);

MSB_END_DECLS

#endif

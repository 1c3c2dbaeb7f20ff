/* msbridge/propagate.h — uncertainty propagation through laws and compositions of laws.
 *
 * First order: msb_law_eval_uq (msbridge/law.h) propagates the parameter covariance with the
 * parameter derivatives (delta method). This header adds
 *   * composition: feed one law's output into another law's input, giving a new msb_law whose
 *     parameters are the concatenation of both parts' parameters (so both first-order and Monte
 *     Carlo propagation work on chains such as D(T) -> sigma(T) -> R(T));
 *   * Monte Carlo propagation: parameter samples from the multivariate normal N(p, C) drawn
 *     through a pivoted Cholesky factor of C (LAPACKE dpstrf; semi-definite C allowed) and an
 *     explicit seeded xoshiro256** stream: the same seed gives the same result;
 *   * validity-aware evaluation: points outside the law's validity domain are counted and, if
 *     asked, their uncertainty inflated (rule below).
 */
#ifndef MSBRIDGE_PROPAGATE_H
#define MSBRIDGE_PROPAGATE_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Compose: the new law evaluates `inner`, then `outer` with its input `slot` set to inner's
 * output `inner_output`.
 * Inputs of the result: outer's inputs except `slot`, in order, followed by inner's inputs that
 * are not already present; an inner input with the same name AND unit as a remaining outer input
 * is the same input (e.g. T shared by D(T) and sigma(D, T)). Hard domains and validity domains
 * come from the parts (intersected for shared inputs).
 * Outputs: outer's. Parameters: inner's then outer's (names prefixed "inner." / "outer." are not
 * added: names are the parts' own). Covariance: block diagonal (the parts' uncertainties are
 * taken as independent); use msb_law_with_params to set cross-covariances.
 * Derivatives by the chain rule from the parts' analytic derivatives. If inner's value is
 * outside outer's hard domain for `slot` at a point, evaluation fails with MSB_EDOM naming it.
 * The unit of inner's output must equal the unit of outer's input `slot` (MSB_EUNITS).
 * The result holds references to both parts (destroy them in any order). Kind "composed"; it
 * cannot be written to a law card (MSB_EBADLAW).
 * Errors: MSB_ENULL, MSB_ESIZE (slot or inner_output out of range, more than
 * MSB_LAW_MAX_PARAMS parameters or MSB_LAW_MAX_INPUTS inputs), MSB_EUNITS, MSB_ENOMEM.
 * Thread-safe. */
MSB_API msb_status msb_law_compose(const msb_law *outer, size_t slot, const msb_law *inner,
                                   size_t inner_output, msb_law **out);

/* Monte Carlo propagation of the law's parameter covariance to its outputs at n points (n = 0:
 * a no-op).
 * n_samples >= 2 parameter vectors are drawn from N(params, cov) with the seeded stream; for
 * each, the law is evaluated with msb_law_eval_with_params. Outputs (n * nout each, layout as
 * y in msb_law_eval): mean[] = sample mean, std[] = sample standard deviation (n_samples - 1
 * denominator); either may be NULL. samples, if not NULL, receives every evaluation:
 * samples[(s * n + i) * nout + k] (n_samples * n * nout doubles).
 * A sample outside a family's parameter domain or giving a non-finite output fails the call
 * with that status (the message names the sample); mean and std are then untouched (samples
 * may hold the evaluations made before the failing one).
 * Errors: MSB_ENULL, MSB_ESIZE (n_samples < 2), MSB_ENONFINITE / MSB_EDOM (inputs),
 * MSB_EINVAL (covariance not positive semi-definite), MSB_ERANGE, MSB_ENOMEM.
 * Thread-safe (its own stream); the result depends only on (law, x, n_samples, seed). */
MSB_API msb_status msb_propagate_mc(const msb_law *law, size_t n, const double *x,
                                    size_t n_samples, uint64_t seed, double *mean, double *std,
                                    double *samples);

/* Values and standard uncertainties as msb_law_eval_uq, plus the validity-domain check:
 * *n_outside (may be NULL) receives the number of points outside the validity domain in at
 * least one input. If extrapolation_factor > 0, the uncertainty of such a point is inflated:
 *
 *   y_std' = sqrt(y_std^2 + (f * |y(x) - y(x_c)|)^2)
 *
 * where x_c is x clamped into the validity box (the nearest point the data covered) and f =
 * extrapolation_factor: the extrapolation error is taken as f times the change the law predicts
 * beyond its data (f = 1: as large as the extrapolated change itself). Points inside are
 * unchanged; f = 0 only counts. y or y_std may be NULL (then nothing is inflated).
 * Errors: as msb_law_eval_uq, plus MSB_EDOM if a clamped point falls outside the hard domain
 * (a validity bound on the hard-domain boundary) and MSB_EINVAL for a negative or non-finite
 * factor. Thread-safe, allocation-free. */
MSB_API msb_status msb_law_eval_uq_validity(const msb_law *law, double extrapolation_factor,
                                            size_t n, const double *x, double *y, double *y_std,
                                            size_t *n_outside);

MSB_END_DECLS

#endif

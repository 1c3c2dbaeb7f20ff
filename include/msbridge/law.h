/* msbridge/law.h — the law handle: every material law, whatever made it.
 *
 * A law maps nin inputs per point (T, sigma, x, c, ...) to nout outputs, for n points at once,
 * with analytic derivatives with respect to the inputs and to its nparam parameters. It carries
 * the parameters' covariance and returns first-order propagated standard uncertainties. It is
 * immutable after creation: every function taking a `const msb_law *` is safe to call from many
 * threads on the same handle at once and allocates nothing.
 *
 * Array layout (point-major, as in libxc):
 *   inputs       x[i*nin + j]
 *   outputs      y[i*nout + k]
 *   d/d inputs   dydx[(i*nout + k)*nin + j]     = d y_k / d x_j at point i
 *   d/d params   dydp[(i*nout + k)*nparam + m]  = d y_k / d p_m at point i
 * Any output pointer may be NULL: that output is then not computed.
 *
 * Input validation happens for all n points before anything is written: on MSB_ENONFINITE
 * (NaN/Inf input) or MSB_EDOM (e.g. T <= 0) the outputs are untouched and the message names the
 * input and the point. After evaluation every computed value is checked: a non-finite result
 * (overflow) gives MSB_ERANGE naming the point; outputs are then partially written.
 */
#ifndef MSBRIDGE_LAW_H
#define MSBRIDGE_LAW_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef struct msb_law msb_law;

/* Hard domain of one input, checked for every point by the evaluators. */
typedef enum msb_domain_kind {
    MSB_DOMAIN_REAL = 0,       /* any finite value (e.g. stress, heat flux) */
    MSB_DOMAIN_POSITIVE = 1,   /* finite and > 0 (e.g. temperature, pressure) */
    MSB_DOMAIN_NONNEGATIVE = 2,/* finite and >= 0 (e.g. concentration, separation) */
    MSB_DOMAIN_UNIT_OPEN = 3,  /* finite, 0 < x < 1 (e.g. site fraction in a log term) */
    MSB_DOMAIN_UNIT_CLOSED = 4 /* finite, 0 <= x <= 1 */
} msb_domain_kind;

/* ---- lifetime ---- */

/* Release a law. NULL-safe. A law composed from this one keeps its own reference, so parts may
 * be destroyed in any order. Thread safety: do not destroy a handle another thread still uses. */
MSB_API void msb_law_destroy(msb_law *law);

/* A new handle with the same formula but new parameter values (nparam doubles) and, if `cov` is
 * not NULL, a new covariance (nparam x nparam, row-major, symmetric positive semi-definite;
 * NULL keeps the old one). Used for Monte Carlo propagation and for refits.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EINVAL (covariance not symmetric or negative
 * variance), MSB_EDOM (parameter outside the family's domain), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_law_with_params(const msb_law *law, const double *params,
                                       const double *cov, msb_law **out);

/* A new handle whose validity domain (the input ranges the data covered) is [lo[j], hi[j]] for
 * each input j; +-INFINITY means unbounded. Errors: MSB_ENULL, MSB_EINVAL (NaN bound, lo > hi),
 * MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_law_with_domain(const msb_law *law, const double *lo, const double *hi,
                                       msb_law **out);

/* ---- self-description (all thread-safe; strings are owned by the law) ---- */

/* Family identifier, e.g. "arrhenius", "tst_eyring". NULL for a NULL law. */
MSB_API const char *msb_law_kind(const msb_law *law);
/* Citation of the formula, e.g. "H. Eyring, J. Chem. Phys. 3, 107 (1935)". */
MSB_API const char *msb_law_reference(const msb_law *law);
/* Counts; 0 for a NULL law. */
MSB_API size_t msb_law_n_inputs(const msb_law *law);
MSB_API size_t msb_law_n_outputs(const msb_law *law);
MSB_API size_t msb_law_n_params(const msb_law *law);
/* Names and SI units ("K", "m^2/s", "J", "1" for dimensionless); NULL if the index is out of
 * range or the law is NULL. */
MSB_API const char *msb_law_input_name(const msb_law *law, size_t j);
MSB_API const char *msb_law_input_unit(const msb_law *law, size_t j);
MSB_API const char *msb_law_output_name(const msb_law *law, size_t k);
MSB_API const char *msb_law_output_unit(const msb_law *law, size_t k);
MSB_API const char *msb_law_param_name(const msb_law *law, size_t m);
MSB_API const char *msb_law_param_unit(const msb_law *law, size_t m);
/* Hard domain of input j (what the evaluator rejects); MSB_DOMAIN_REAL if out of range. */
MSB_API msb_domain_kind msb_law_input_domain(const msb_law *law, size_t j);

/* Copy the nparam parameter values into params[0..nparam-1]. Errors: MSB_ENULL. */
MSB_API msb_status msb_law_params(const msb_law *law, double *params);
/* Copy the nparam x nparam covariance (row-major) into cov. Errors: MSB_ENULL. */
MSB_API msb_status msb_law_covariance(const msb_law *law, double *cov);
/* Validity domain of input j: the range the law's data covered (+-INFINITY if unbounded, e.g.
 * for a law built from given parameters). Errors: MSB_ENULL, MSB_ESIZE (j >= nin). */
MSB_API msb_status msb_law_validity(const msb_law *law, size_t j, double *lo, double *hi);
/* Count the points of x (n points, packed as for msb_law_eval) that lie outside the validity
 * domain in at least one input (n = 0 gives 0). Errors: MSB_ENULL. */
MSB_API msb_status msb_law_count_outside(const msb_law *law, size_t n, const double *x,
                                         size_t *n_outside);

/* ---- evaluation ---- */

/* Values and input derivatives at n points (layout above; y or dydx may be NULL; n = 0 is a
 * no-op returning MSB_SUCCESS). Errors: MSB_ENULL (law, or x when n > 0), MSB_ENONFINITE,
 * MSB_EDOM, MSB_ERANGE. Thread-safe, allocation-free. */
MSB_API msb_status msb_law_eval(const msb_law *law, size_t n, const double *x, double *y,
                                double *dydx);

/* Values and parameter derivatives (dydp layout above). Errors as msb_law_eval. */
MSB_API msb_status msb_law_eval_dparams(const msb_law *law, size_t n, const double *x, double *y,
                                        double *dydp);

/* Values and their first-order propagated standard uncertainty
 *   y_std[i*nout+k] = sqrt(g^T C g),  g_m = d y_k / d p_m at point i,  C = covariance,
 * the delta method: exact for outputs linear in the parameters, first order otherwise (for a
 * log-normal quantity such as an Arrhenius prefactor use the relative form y_std/y). y or y_std
 * may be NULL. Errors as msb_law_eval. Thread-safe, allocation-free. */
MSB_API msb_status msb_law_eval_uq(const msb_law *law, size_t n, const double *x, double *y,
                                   double *y_std);

/* Values and input derivatives with the given parameter vector instead of the law's own (e.g.
 * one Monte Carlo sample of the parameters). Errors as msb_law_eval, plus MSB_ENULL for params
 * and MSB_ENONFINITE for a non-finite parameter. Thread-safe, allocation-free. */
MSB_API msb_status msb_law_eval_with_params(const msb_law *law, const double *params, size_t n,
                                            const double *x, double *y, double *dydx);

/* Largest nparam and nout a law can have (the uncertainty evaluator works in fixed storage). */
#define MSB_LAW_MAX_PARAMS 64
#define MSB_LAW_MAX_OUTPUTS 16
#define MSB_LAW_MAX_INPUTS 16

MSB_END_DECLS

#endif

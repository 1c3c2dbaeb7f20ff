/* msbridge/fusion.h — Bayesian fusion of estimates from several sources with model discrepancy.
 *
 * Model (hierarchical normal; docs/uq.md). Data points i = 1..n come from sources
 * g(i) in 0..n_sources-1 (e.g. classical MD with force field A, with force field B, ab initio
 * MD). Each point has a sampling standard deviation s_i, and each source a model discrepancy:
 * one bias delta_g shared by all of that source's points,
 *
 *   y_i = x_i^T beta + delta_g(i) + eps_i,   eps_i ~ N(0, s_i^2),   delta_g ~ N(0, tau_g^2),
 *
 * with a flat prior on beta (the fused quantity, or (ln D0, Ea) for Arrhenius). Integrating out
 * the biases, y ~ N(X beta, V), V = diag(s^2) + sum_g tau_g^2 1_g 1_g^T, and
 *   * discrepancies given (every tau_g >= 0): the posterior of beta is normal, closed form:
 *       mean = (X^T V^-1 X)^-1 X^T V^-1 y,   cov = (X^T V^-1 X)^-1
 *     (for one quantity with one point per source this is the precision-weighted mean with
 *     weights 1/(s_i^2 + tau_i^2), Gelman et al., Bayesian Data Analysis, 3rd ed., eq. 5.20);
 *   * discrepancies inferred (tau_g = NaN): all such sources share one unknown discrepancy scale
 *     tau with a half-Cauchy(prior_scale) prior (Gelman, Bayesian Analysis 1, 515 (2006)). Its
 *     marginal posterior p(tau | y) is proportional to prior(tau) times the restricted
 *     likelihood |V|^-1/2 |X^T V^-1 X|^-1/2 exp(-r^T V^-1 r / 2) (exact under the flat prior on
 *     beta, BDA3 eq. 5.21); it is integrated numerically (256-point midpoint rule in
 *     theta = atan(tau / prior_scale), on which the prior is uniform), and the posterior of beta
 *     is the resulting normal mixture: reported mean = E[mean(tau)], covariance =
 *     E[cov(tau)] + Cov[mean(tau)]. Deterministic: no random numbers are needed in 1-D.
 * Needs at least 2 inferred sources to say anything about tau (MSB_EINSUFFICIENT otherwise).
 *
 * Thread safety: all functions are thread-safe.
 */
#ifndef MSBRIDGE_FUSION_H
#define MSBRIDGE_FUSION_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Fuse n estimates of one quantity.
 * value[i], std[i]   estimate and its sampling standard deviation (finite, std > 0), any unit
 *                    (the result is in the same unit; `unit` labels it, may be NULL -> "1").
 * source[i]          source index of point i, < n_sources; every source needs >= 1 point.
 * tau[g]             discrepancy standard deviation of source g (same unit), >= 0, or NaN to
 *                    infer it (shared scale, see above). tau may be NULL: all zero (plain
 *                    precision-weighted mean).
 * prior_scale        scale A > 0 of the half-Cauchy prior on the inferred tau (same unit);
 *                    ignored (may be NaN) when nothing is inferred.
 * Estimate (kind "fusion"), entries:
 *   mean (posterior mean, with posterior sd), n, n_sources,
 *   tau (posterior mean and sd of the inferred scale; NaN when none inferred),
 *   tau_mode (maximum of p(tau|y) on the grid; NaN when none inferred),
 *   chi2 (r^T V^-1 r at the posterior mean with tau at its posterior mean), dof (n - 1),
 *   bias (n_sources values: posterior mean of each source's bias delta_g, with sd).
 * Errors: MSB_ENULL, MSB_ESIZE (n = 0, n_sources = 0, a source index out of range or a source
 * without points), MSB_ENONFINITE, MSB_EDOM (std <= 0, tau < 0, prior_scale <= 0 when needed),
 * MSB_EINSUFFICIENT (fewer than 2 sources with inferred tau), MSB_ESINGULAR, MSB_ENOMEM. */
MSB_API msb_status msb_fuse(size_t n, const double *value, const double *std, const size_t *source,
                            size_t n_sources, const double *tau, double prior_scale,
                            const char *unit, msb_estimate **out);

/* Fuse Arrhenius data from several sources: y_i = ln D_i, x_i = (1, -1/(k_B T_i)),
 * beta = (ln D0, Ea), sampling sd of ln D_i = D_std_i / D_i (first order, as msb_arrhenius_fit),
 * discrepancy tau_g in ln D (a source's constant relative bias in D: tau = 0.2 means about 20 %).
 * T_K, D, D_std: as msb_arrhenius_fit (D_std required). source, n_sources, tau, prior_scale:
 * as msb_fuse, in ln D units. Needs >= 2 distinct temperatures.
 * est_out (may be NULL): kind "fusion_arrhenius", entries ln_D0, D0, Ea, Ea_eV (with posterior
 * sd), cov (4 values: posterior covariance of (ln D0, Ea)), corr, tau, tau_mode, chi2, dof, n,
 * n_sources, bias, T_min, T_max.
 * law_out (may be NULL): the Arrhenius law (output "D", unit "m^2/s") with the posterior mean
 * and covariance, validity domain [T_min, T_max]. At least one of the two is required.
 * Errors: as msb_fuse, plus MSB_EDOM (T, D <= 0), MSB_ESINGULAR (one temperature only). */
MSB_API msb_status msb_fuse_arrhenius(size_t n, const double *T_K, const double *D,
                                      const double *D_std, const size_t *source,
                                      size_t n_sources, const double *tau, double prior_scale,
                                      msb_estimate **est_out, msb_law **law_out);

/* Fuse n estimates of one quantity with a SEPARATE discrepancy scale for every source whose tau
 * is NaN (each with its own half-Cauchy(prior_scale) prior, independent), or, with shared != 0,
 * one scale shared by all of them (the model of msb_fuse, for cross-checking). The posterior of
 * the scales is sampled by Metropolis-within-Gibbs MCMC in theta_g = atan(tau_g / prior_scale)
 * (on which the prior is uniform), a Gaussian random walk reflected at 0 and pi/2, with the
 * step adapted to acceptance 0.44 during burn-in only (Roberts and Rosenthal, J. Comput. Graph.
 * Stat. 18, 349 (2009)) and frozen afterwards. The fused quantity is integrated out exactly
 * given the scales (flat prior, restricted likelihood as msb_fuse), and the reported moments
 * are Rao-Blackwellised: mean = chain average of E[beta | tau], variance = average Var[beta |
 * tau] + variance of E[beta | tau]. Monte Carlo standard errors by batch means (20 batches).
 * value, std, source, n_sources, unit: as msb_fuse. tau[g]: given discrepancy sd (>= 0) or NaN
 * to infer (required, not NULL; at least 1 NaN, at least 2 when shared). prior_scale > 0.
 * n_samples: kept sweeps, >= 400 (burn-in: max(n_samples / 2, 50) more sweeps before them).
 * seed: the random stream (the library's seeded xoshiro256** generator, as msb_propagate_mc):
 * the same seed gives the same result on every platform.
 * Cost: (n_samples * 3 / 2) * (number of scales + 1) evaluations of O(n + n_sources).
 * The posterior of the quantity is a scale mixture of normals, heavier-tailed than a normal
 * when the scales are uncertain, so mean +- sd may hold more than 68.27 % of it: the central
 * 68.27 % credible interval (quantiles of the mixture) and the content of mean +- sd are
 * reported too.
 * Estimate (kind "fusion_mcmc"), entries: mean (posterior mean, sd = posterior sd), var
 * (posterior variance, sd = its Monte Carlo standard error), ci68 (2 values: lower, upper),
 * content_1sd, mean_mc_se, tau and tau_mc_se
 * (n_sources values: posterior mean and sd of each scale; given scales report their value with
 * sd 0), bias (n_sources values: posterior mean and sd of each source's bias), accept,
 * n_samples, n, n_sources.
 * Errors: as msb_fuse, plus MSB_ENULL (tau NULL), MSB_ESIZE (n_samples < 400),
 * MSB_EINSUFFICIENT (no NaN tau; or fewer than 2 with shared). Thread-safe. */
MSB_API msb_status msb_fuse_mcmc(size_t n, const double *value, const double *std,
                                 const size_t *source, size_t n_sources, const double *tau,
                                 double prior_scale, int shared, size_t n_samples, uint64_t seed,
                                 const char *unit, msb_estimate **out);

MSB_END_DECLS

#endif

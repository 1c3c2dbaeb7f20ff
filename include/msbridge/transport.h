/* msbridge/transport.h — transport laws composed from diffusion laws.
 *
 * Composed laws hold their parts by reference (parts may be destroyed in any order). Their
 * parameter vector is the concatenation of the parts' parameters (in the order the parts are
 * given; names prefixed "s<i>_" / "Dstar_" / "theta_"), followed by the law's own parameters;
 * the covariance is block-diagonal (the parts' covariances, the own parameters' variances):
 * parts fitted from independent data are independent. Parameter derivatives are exact chain
 * rules, so msb_law_eval_uq propagates every part's uncertainty.
 * All constructors: thread-safe; errors MSB_ENULL, MSB_ENONFINITE, MSB_EDOM, MSB_EBADLAW (a
 * part with the wrong number of inputs/outputs), MSB_ESIZE (too many parameters in total:
 * MSB_LAW_MAX_PARAMS), MSB_ENOMEM; nothing is returned on failure.
 */
#ifndef MSBRIDGE_TRANSPORT_H
#define MSBRIDGE_TRANSPORT_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/law.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

/* Nernst-Einstein-Haven ionic conductivity
 *   sigma(T) = sum_i n_i (z_i e)^2 D_i(T) / (k_B T H_i)
 * (Nernst 1888, Einstein 1905; Haven ratio: Y. Haven and B. Verkerk, Phys. Chem. Glasses 6, 38
 * (1965)). Input T (K, > 0); output "sigma" (S/m).
 * n_species   1 .. 8.
 * D_laws      n_species laws with one input (T, K) whose first output is the tracer
 *             diffusivity D_i* in m^2/s (e.g. an Arrhenius law from msb_arrhenius_fit).
 * n_per_m3    number densities, > 0.       z  charge numbers (non-zero integers).
 * haven       Haven ratios H_i (> 0) or NULL (all 1 — the uncorrelated Nernst-Einstein limit).
 * haven_std   their standard uncertainties (>= 0) or NULL (0).
 * Parameters: the parts' parameters, then H_1..H_n ("H<i>", unit "1"). */
MSB_API msb_status msb_nernst_einstein_create(size_t n_species, const msb_law *const *D_laws,
                                              const double *n_per_m3, const int *z,
                                              const double *haven, const double *haven_std,
                                              msb_law **out);

/* Area-specific resistance of a layer (e.g. the SEI) of thickness h:  R(T) = h / sigma(T).
 * Input T (K, > 0); output "R_area" (Ohm m^2).
 * sigma_law  one input (T), first output the conductivity in S/m (e.g. Nernst-Einstein).
 * h_m        thickness, m, > 0;  h_std_m its standard uncertainty, >= 0.
 * Parameters: sigma's parameters, then "h" (m). */
MSB_API msb_status msb_sei_resistance_create(const msb_law *sigma_law, double h_m,
                                             double h_std_m, msb_law **out);

/* Nernst-Einstein transference number of the cation in a binary electrolyte
 *   t+ = n+ z+^2 D+ / (n+ z+^2 D+ + n- z-^2 D-),
 * which for a z:z salt (n+ z+ = -n- z-, |z+| = |z-|) is D+ / (D+ + D-). Uncorrelated-ion
 * limit; the Onsager (collective) value comes from msb_onsager_fit.
 * Input T (K); output "t_plus" (1). D_plus, D_minus: one-input laws (first output D, m^2/s).
 * n_plus, n_minus > 0 (m^-3); z_plus > 0 > z_minus. */
MSB_API msb_status msb_transference_ne_create(const msb_law *D_plus, const msb_law *D_minus,
                                              double n_plus, int z_plus, double n_minus,
                                              int z_minus, msb_law **out);

/* Darken chemical diffusivity
 *   D_chem(c, T) = D*(c, T) Theta(c, T),   Theta = d ln a / d ln c = (c / k_B T) d mu / d c
 * (L. S. Darken, Trans. AIME 175, 184 (1948)), mu per particle (J).
 * theta_law   a "thermodynamic-factor law": inputs (composition, T) — names and units are
 *             taken from it — and an output named exactly "Theta" (dimensionless); any other
 *             outputs are ignored. E.g. msb_mu_table_create, or the free-energy laws.
 * D_star      tracer diffusivity law: either one input (T) or two inputs (composition, T)
 *             in the same order as theta_law; its first output is D* (m^2/s).
 * Output "D_chem" (m^2/s) and "Theta" (1), with analytic derivatives in c and T (product rule
 * on the parts' derivatives). Parameters: D*'s ("Dstar_..."), then theta_law's ("theta_..."). */
MSB_API msb_status msb_darken_create(const msb_law *D_star, const msb_law *theta_law,
                                     msb_law **out);

/* Tabulated chemical potential mu(x) (J per particle) of composition x with a natural cubic
 * spline (C^2; linear continuation of the end intervals' cubics is NOT used: outside
 * [x_0, x_{n-1}] the end cubic is extrapolated and the validity domain says so).
 * mu is taken as independent of T (tabulated at T_ref_K; the validity domain in T is
 * [T_ref, T_ref]); the thermodynamic factor is Theta = x mu'(x) / (k_B T).
 * Inputs "x" (1, >= 0) and "T" (K, > 0); outputs "mu" (J) and "Theta" (1).
 * n           3 .. MSB_LAW_MAX_PARAMS nodes, x strictly increasing and finite.
 * mu_J        node values (finite); they are the law's parameters "mu<j>" (J), so
 *             msb_law_eval_uq propagates mu_std (may be NULL: zero) exactly (the spline is
 *             linear in its node values).
 * Errors: MSB_ENULL, MSB_ESIZE (n), MSB_ENONFINITE, MSB_EDOM (x not increasing, T_ref <= 0,
 * mu_std < 0), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_mu_table_create(size_t n, const double *x, const double *mu_J,
                                       const double *mu_std, double T_ref_K, msb_law **out);

MSB_END_DECLS

#endif

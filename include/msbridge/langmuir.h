/* msbridge/langmuir.h — Langmuir adsorption isotherms with K(T) from thermodynamics or rates.
 *
 * I. Langmuir, J. Am. Chem. Soc. 40, 1361 (1918). Coverage theta of one site type:
 *   single-site   theta   = K P / (1 + K P)
 *   dissociative  theta   = sqrt(K P) / (1 + sqrt(K P))          (A2 + 2* -> 2 A*)
 *   competitive   theta_i = K_i P_i / (1 + sum_j K_j P_j)
 * with the equilibrium constant (1/Pa)
 *   K(T) = exp(-(dH_ads - T dS_ads) / (k_B T)) / P_ref
 * (dH_ads, dS_ads per adsorbed particle, J and J/K, relative to the gas at the standard pressure
 * P_ref, e.g. 1e5 Pa), or from transition-state rate constants
 *   K(T) = k_ads(T) / (k_des(T) P_ref)
 * where k_ads is the per-site adsorption rate constant at P = P_ref (1/s) and k_des the
 * desorption rate constant (1/s): detailed balance makes both routes equal when
 * dH_ads = dH_ads^TS - dH_des^TS and dS_ads = dS_ads^TS - dS_des^TS.
 * A concentration c (mol/m^3) may replace P: then P_ref is a reference concentration.
 *
 * Laws: inputs (P [Pa], MSB_DOMAIN_NONNEGATIVE (POSITIVE for the dissociative form, whose
 * dtheta/dP diverges at P = 0); T [K], positive); output "theta" [1]; competitive: inputs
 * (P_1..P_N, T), outputs theta_1..theta_N. Parameters: (dH_ads, dS_ads) per species, or the
 * rate laws' parameters (k_ads's first). Analytic derivatives throughout.
 */
#ifndef MSBRIDGE_LANGMUIR_H
#define MSBRIDGE_LANGMUIR_H

#include <stddef.h>

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Single-site (dissociative = 0) or dissociative (dissociative = 1) isotherm from dH_ads (J),
 * dS_ads (J/K) and the standard pressure P_ref_Pa (> 0). cov: 2x2 of (dH, dS) or NULL.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (P_ref <= 0), MSB_EINVAL (dissociative not 0/1,
 * covariance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_langmuir_create(double dH_ads_J, double dS_ads_J_per_K, double P_ref_Pa,
                                       int dissociative, const double *cov, msb_law **out);

/* Competitive isotherm for N species (1 <= N <= 15): dH_J[N], dS_J_per_K[N]; P_ref_Pa > 0.
 * Parameters (dH_1, dS_1, dH_2, dS_2, ...); cov 2N x 2N or NULL. Errors as
 * msb_langmuir_create plus MSB_ESIZE (N). Thread-safe. */
MSB_API msb_status msb_langmuir_competitive_create(size_t N, const double *dH_J,
                                                   const double *dS_J_per_K, double P_ref_Pa,
                                                   const double *cov, msb_law **out);

/* Single-site or dissociative isotherm with K(T) = k_ads(T) / (k_des(T) P_ref): k_ads and
 * k_des are laws with one input T (K) and one output (1/s) (e.g. msb_tst_eyring_create). The
 * new law holds its own references: the parts may be destroyed at any time. The rate laws'
 * parameters (k_ads's, then k_des's) are the law's parameters, with a block-diagonal
 * covariance. Errors: MSB_ENULL, MSB_EBADLAW (a part without exactly one input and one
 * output), MSB_EDOM (P_ref <= 0), MSB_ESIZE (too many parameters), MSB_EINVAL, MSB_ENOMEM.
 * Evaluation gives MSB_ERANGE if a rate is not > 0 at a point. Thread-safe. */
MSB_API msb_status msb_langmuir_from_rates_create(const msb_law *k_ads, const msb_law *k_des,
                                                  double P_ref_Pa, int dissociative,
                                                  msb_law **out);

/* The inverse of a single-site or dissociative law from this header: the pressure P (Pa) at
 * which coverage theta[i] (0 <= theta < 1) is reached at temperature T[i] (> 0), for n
 * points (n = 0: a no-op): P = theta / (K (1 - theta)) or (theta / (1 - theta))^2 / K. Writes
 * P[0..n-1] only if every point is valid. Errors: MSB_ENULL, MSB_EBADLAW (not a single-species
 * Langmuir law), MSB_ENONFINITE, MSB_EDOM (theta outside [0, 1), T <= 0), MSB_ERANGE.
 * Thread-safe. */
MSB_API msb_status msb_langmuir_pressure(const msb_law *law, size_t n, const double *theta,
                                         const double *T, double *P);

MSB_END_DECLS

#endif

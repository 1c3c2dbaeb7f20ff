/* msbridge/ocv.h — open-circuit-voltage laws for continuum battery models.
 *
 * Every OCV law has inputs (x [1]: ions per host formula unit / stoichiometry, T [K] > 0) and
 * one output "V" (V vs the reference electrode, Li/Li+ by default); dV/dx and dV/dT (the
 * entropic coefficient) are its analytic input derivatives (msb_law_eval's dydx).
 * Three constructions:
 *  - from hull plateaus (piecewise-constant voltage of a 0 K convex hull) with a stated
 *    smoothing width, so Newton solvers see finite derivatives;
 *  - from a free-energy law (msbridge/thermo.h) with the common-tangent construction: flat
 *    across every miscibility gap, the binodals being solved at the evaluation temperature;
 *  - from a measured table with Steffen's monotone C1 interpolant (no overshoot, no ripples).
 */
#ifndef MSBRIDGE_OCV_H
#define MSBRIDGE_OCV_H

#include <stddef.h>

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Smoothed plateau OCV. m >= 1 plateaus: plateau k spans [x_b[k], x_b[k+1]] at voltage V[k]
 * (x_b strictly increasing, m + 1 values; V in volts, finite). With the logistic step
 * s(t) = 1 / (1 + exp(-t)):
 *   V(x) = V[0] + sum_{k=1}^{m-1} (V[k] - V[k-1]) s((x - x_b[k]) / width)
 * so each step between plateaus is smeared over about +-4 width (10-90 % over 4.4 width), and
 * outside [x_b[0], x_b[m]] the end plateaus continue (the validity domain records the range).
 * dV/dT = 0 (0 K energies carry no entropy). width_x > 0 in units of x. Parameters: V[0..m-1]
 * (V). Errors: MSB_ENULL, MSB_ESIZE (m = 0 or m > 64), MSB_ENONFINITE, MSB_EDOM (width <= 0),
 * MSB_EINVAL (x_b not strictly increasing), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_ocv_plateau_create(size_t m, const double *x_b, const double *V,
                                          double width_x, msb_law **out);

/* Plateau OCV straight from entries (msb_hull_plateaus conventions: y ions per host formula
 * unit, G energy per host formula unit in J, mu_ref_J per ion, tol_J) with smoothing width_x.
 * Errors: those of msb_hull_plateaus and msb_ocv_plateau_create. Thread-safe. */
MSB_API msb_status msb_ocv_from_hull_create(size_t n, const double *y, const double *G,
                                            double mu_ref_J, double tol_J, double width_x,
                                            msb_law **out);

/* OCV from a measured table: n >= 2 points with x strictly increasing and V monotone: every
 * step V[i+1] - V[i] must have the sign of V[n-1] - V[0] or reverse by at most
 * reversal_tol_V (>= 0; measurement noise on a plateau, e.g. 5e-3 V for the LG M50 graphite
 * data of Chen et al. 2020; 0 demands strict monotonicity). Larger reversals are rejected. The
 * interpolant never leaves the range of the two neighbouring points on any interval. Optional
 * entropic coefficient table dVdT (V/K, n values, NULL for none) about T_ref_K:
 *   V(x, T) = V_tab(x) + (T - T_ref) dVdT_tab(x),
 * both interpolated with Steffen's monotone C1 cubic (M. Steffen, Astron. Astrophys. 239,
 * 443 (1990)); linear extrapolation with the end slopes outside the table (validity domain:
 * the table's x range). No parameters. Errors: MSB_ENULL, MSB_ESIZE (n < 2), MSB_ENONFINITE,
 * MSB_EINVAL (x not strictly increasing, V not monotone; the message names the index),
 * MSB_EDOM (T_ref <= 0 when dVdT is given, reversal_tol_V < 0), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_ocv_table_create(size_t n, const double *x, const double *V,
                                        const double *dVdT, double T_ref_K,
                                        double reversal_tol_V, msb_law **out);

/* OCV from a free-energy law `fe` (msb_free_energy_rk_create / _fit; here x is its site
 * fraction): V = -(mu - mu_ref)/e of the homogeneous phase outside the miscibility gaps and
 * V = -(mu_t - mu_ref)/e inside a gap [a(T), b(T)], mu_t the common-tangent slope, with
 * dV/dx = 0 and dV/dT = -[(dF/dT)(b) - (dF/dT)(a)] / ((b - a) e) (envelope theorem). The gaps
 * are tabulated at construction on 65 temperatures spanning [T_min_K, T_max_K] and refined
 * by Newton at each evaluation temperature (allocation-free); within a grid step of the
 * critical temperature a gap that opens between two tabulated temperatures may be missed.
 * The law's parameters are fe's; its validity domain is T in [T_min, T_max].
 * Errors: MSB_ENULL, MSB_EBADLAW (fe not a free-energy law), MSB_ENONFINITE, MSB_EDOM
 * (T_min <= 0, T_max < T_min), MSB_ESIZE (more than 4 gaps at a tabulated temperature),
 * MSB_ENOCONV, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_ocv_free_energy_create(const msb_law *fe, double T_min_K, double T_max_K,
                                              msb_law **out);

/* Binodals used by an msb_ocv_free_energy_create law at temperature T: up to `capacity` gaps
 * (x_lo, x_hi) and *ngap. Errors: MSB_ENULL, MSB_EBADLAW, MSB_EDOM (T <= 0 or not finite),
 * MSB_ESIZE (capacity too small; *ngap set). Thread-safe. */
MSB_API msb_status msb_ocv_binodals(const msb_law *ocv, double T, size_t capacity,
                                    double *x_lo, double *x_hi, size_t *ngap);

MSB_END_DECLS

#endif

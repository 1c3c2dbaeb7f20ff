/* msbridge/kapitza.h — interfacial thermal (Kapitza) resistance as a continuum closure.
 *
 *   R_K = 1 / G,        Delta T = T_left - T_right = q R_K(T)
 *
 * P. L. Kapitza, J. Phys. (USSR) 4, 181 (1941); E. T. Swartz & R. O. Pohl, Rev. Mod. Phys. 61,
 * 605 (1989). G (W/(m^2 K)) is the interfacial conductance (e.g. from msb_gk_running with
 * MSB_GK_INTERFACE), q the heat-flux density across the interface (W/m^2, positive from left to
 * right) and Delta T the temperature drop across it (K). Sign convention: heat flows from hot to
 * cold, so q > 0 gives Delta T > 0 (the left side is hotter).
 * Details and validation: docs/laws/kapitza.md.
 */
#ifndef MSBRIDGE_KAPITZA_H
#define MSBRIDGE_KAPITZA_H

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* R_K = 1/G and its first-order standard uncertainty sigma_R = sigma_G / G^2.
 * G_W_m2K > 0 finite; G_std >= 0 finite. R_std may be NULL.
 * Errors: MSB_ENULL (R), MSB_ENONFINITE, MSB_EDOM (G <= 0, G_std < 0), MSB_ERANGE. Outputs
 * untouched on failure. Thread-safe. */
MSB_API msb_status msb_kapitza_resistance(double G_W_m2K, double G_std, double *R_m2K_W,
                                          double *R_std);

/* The law Delta T(q) = q R_K. Input q (W/m^2, any real). Output dT (K). Parameter R_K
 * (m^2 K/W), >= 0 finite, with variance R_var >= 0 (0 for none).
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (R_K < 0 or R_var < 0), MSB_ENOMEM.
 * Thread-safe. */
MSB_API msb_status msb_kapitza_create(double R_m2K_W, double R_var, msb_law **out);

/* As msb_kapitza_create with R_K = 1/G and var(R_K) = (G_std / G^2)^2. */
MSB_API msb_status msb_kapitza_from_conductance(double G_W_m2K, double G_std, msb_law **out);

/* Temperature-dependent closure Delta T(q, T) = q [R0 + R1 (T - T_ref)], e.g. from a straight
 * line through R_K measured at several temperatures. Inputs q (W/m^2, real) and T (K, > 0).
 * Output dT (K). Parameters (R0 (m^2 K/W), R1 (m^2/W)) with 2x2 covariance cov (row-major, or
 * NULL). T_ref > 0 (K) is fixed. Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (T_ref <= 0),
 * MSB_EINVAL (bad covariance), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_kapitza_linear_create(double R0_m2K_W, double R1_m2_W, double T_ref_K,
                                             const double *cov, msb_law **out);

MSB_END_DECLS

#endif

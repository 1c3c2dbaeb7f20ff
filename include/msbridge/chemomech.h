/* msbridge/chemomech.h — chemo-mechanical couplings: partial molar volume and the pressure
 * dependence of an electrode potential, stress-dependent (activation-volume) diffusion in scalar
 * and tensorial form, barodiffusion, and thin-film fracture under a mismatch strain.
 *
 * Sign conventions (all functions here):
 *  - Stress: tension positive. Hydrostatic stress sigma_h = tr(sigma)/3; pressure p = -sigma_h
 *    (compression positive).
 *  - Voigt order 11, 22, 33, 23, 13, 12 for stress 6-vectors (tensor components, no factor 2).
 *  - Partial molar volume Vbar = dV/dN_inserted x N_A (m^3/mol) of the inserted species in the
 *    host (positive when insertion swells the host).
 *  - Potential: U is the electrode potential (V) of the reaction host + n e- + ion -> host(ion),
 *    U = -Delta G/(n F). With d(Delta G)/dp = Vbar (the solid volume change per mole of
 *    insertion), dU/dp = -Vbar/(n F): compression lowers the potential of a swelling electrode.
 *    This is the Larche-Cahn result; see e.g. F. Larche and J. W. Cahn, Acta Metall. 21, 1051
 *    (1973) and, for batteries, X. Zhang, W. Shyy, A. M. Sastry, J. Electrochem. Soc. 154, A910
 *    (2007).
 */
#ifndef MSBRIDGE_CHEMOMECH_H
#define MSBRIDGE_CHEMOMECH_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* ---------------------------------------------------------------- partial molar volume ---- */

/* Weighted linear least squares V = V0 + v x (QR, msbi_wls), with x the number of inserted atoms
 * in the cell whose volume is V (for volumes per formula unit against a composition x, v is the
 * volume per inserted atom just the same).
 * n        >= 2 points (>= 3 without V_std), at least two distinct x.
 * x        inserted atoms per cell (dimensionless, finite, any sign).
 * V_m3     cell volumes in m^3 (finite, > 0).
 * V_std    standard uncertainties (m^3, > 0) or NULL (covariance scaled by chi2/dof).
 * est_out  receives an estimate (kind "partial_molar_volume") with entries
 *            Vbar (m^3/mol, with sd), v_atom (m^3, with sd), v_atom_A3 (A^3, with sd),
 *            V0 (m^3, with sd), cov (2x2 of (V0, v_atom)), chi2, dof, n, x_min, x_max.
 * Errors: MSB_ENULL, MSB_EINSUFFICIENT, MSB_ENONFINITE, MSB_EDOM (V or V_std <= 0),
 *         MSB_ESINGULAR (all x equal), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_partial_molar_volume_fit(size_t n, const double *x, const double *V_m3,
                                                const double *V_std, msb_estimate **est_out);

/* Potential-pressure law U(p) = U0 - Vbar (p - p0)/(n_e F).
 * Input: p (Pa, finite, any sign). Output: U (V). Parameters p = (U0 [V], Vbar [m^3/mol]);
 * p0 (Pa, finite) and n_e (electrons per inserted species, > 0) are fixed constants.
 * cov: 2x2 covariance of (U0, Vbar) or NULL.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (n_e <= 0), MSB_EINVAL, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_voltage_pressure_create(double U0_V, double Vbar_m3mol, double p0_Pa,
                                               double n_e, const double *cov, msb_law **out);

/* ------------------------------------------------------------------- activation volume ---- */

/* Fit of barriers against stress, E_m(sigma) = E_m0 - Omega sigma (weighted least squares).
 * n        >= 2 points (>= 3 without Em_std), at least two distinct sigma.
 * sigma_Pa stresses (Pa, tension positive, finite).
 * Em_J     barriers per event (J, finite).
 * Em_std   standard uncertainties (J, > 0) or NULL (covariance scaled by chi2/dof).
 * D0       prefactor for the law (> 0) — used only when law_out is not NULL.
 * est_out  if not NULL: estimate (kind "activation_volume_fit") with entries Em0 (J), Em0_eV,
 *          Omega (m^3), Omega_A3 (A^3), cov (2x2 of (Em0, Omega)), corr, chi2, dof, n,
 *          sigma_min (Pa), sigma_max (Pa).
 * law_out  if not NULL: the msb_activation_volume_create law D(T, sigma) with (ln D0, Em0,
 *          Omega), covariance [[0, 0], [0, cov]] (D0 taken as exact), validity in sigma =
 *          [sigma_min, sigma_max].
 * Errors: MSB_ENULL (arrays; both outputs NULL), MSB_EINSUFFICIENT, MSB_ENONFINITE, MSB_EDOM
 *         (Em_std <= 0; D0 <= 0 with law_out), MSB_ESINGULAR (all sigma equal), MSB_ENOMEM.
 *         Thread-safe. */
MSB_API msb_status msb_activation_volume_fit(size_t n, const double *sigma_Pa, const double *Em_J,
                                             const double *Em_std, double D0,
                                             msb_estimate **est_out, msb_law **law_out);

/* Tensorial activation volume:  E_m(sigma) = E_m0 - Omega_ij sigma_ij  (double contraction,
 *   Omega:sigma = O11 s11 + O22 s22 + O33 s33 + 2 (O23 s23 + O13 s13 + O12 s12)),
 *   D(T, sigma) = D0 exp(-(E_m0 - Omega:sigma)/(k_B T)).
 * Inputs: T (K, > 0), s11, s22, s33, s23, s13, s12 (Pa, tension positive). Output: D.
 * Parameters p = (ln D0, Em0 [J], O11, O22, O33, O23, O13, O12 [m^3]) — tensor components.
 * Omega6 the 6 components in that order; cov 8x8 or NULL. The isotropic case
 * Omega_ij = (Omega_act/3) delta_ij gives Omega:sigma = Omega_act sigma_h.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (D0 <= 0), MSB_EINVAL, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_activation_volume_tensor_create(double D0, double Em0_J,
                                                       const double *Omega6_m3,
                                                       const double *cov, msb_law **out);

/* Fit of E_m0 and the 6 components Omega_ij from barriers under n stress states (n x 6 Voigt
 * stresses, Pa): linear least squares with 7 unknowns; n >= 7 (>= 8 without Em_std).
 * est_out: estimate (kind "activation_volume_tensor_fit") with entries Em0 (J), Omega (m^3, 6
 * values O11 O22 O33 O23 O13 O12, with sd), Omega_trace (m^3, O11+O22+O33: the activation
 * volume conjugate to sigma_h), cov (7x7 of (Em0, Omega...)), chi2, dof, n.
 * law_out (optional, needs D0 > 0): the tensorial law with covariance (ln D0 exact).
 * Errors: as msb_activation_volume_fit; MSB_ESINGULAR when the stress states do not determine
 * all six components. Thread-safe. */
MSB_API msb_status msb_activation_volume_tensor_fit(size_t n, const double *sigma6_Pa,
                                                    const double *Em_J, const double *Em_std,
                                                    double D0, msb_estimate **est_out,
                                                    msb_law **law_out);

/* ------------------------------------------------------------------------ barodiffusion ---- */

/* Flux of a species with partial molar volume Vbar in a stress field:
 *   J = -D grad c + (D c Vbar / (R T)) grad sigma_h
 * (sigma_h hydrostatic stress, tension positive: a species that swells its host, Vbar > 0,
 * is driven up the gradient of sigma_h, toward tensile regions; chemical potential
 * mu = mu0 + R T ln c - Vbar sigma_h). Inputs (8): c (mol/m^3, >= 0), T (K, > 0), dc/dx,
 * dc/dy, dc/dz (mol/m^4), dsh/dx, dsh/dy, dsh/dz (Pa/m). Outputs (3): J_x, J_y, J_z
 * (mol/(m^2 s)). The input derivatives are the Jacobian of the flux with respect to c, T,
 * grad c and grad sigma_h (dydx layout of msb_law_eval). Parameters p = (D [m^2/s], Vbar
 * [m^3/mol]); cov 2x2 or NULL. For a stress- or temperature-dependent D, compose externally.
 * References: F. Larche and J. W. Cahn, Acta Metall. 33, 331 (1985); for intercalation
 * electrodes X. Zhang, W. Shyy, A. M. Sastry, J. Electrochem. Soc. 154, A910 (2007).
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (D <= 0), MSB_EINVAL, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_barodiffusion_create(double D_m2s, double Vbar_m3mol, const double *cov,
                                            msb_law **out);

/* ----------------------------------------------------------------- thin-film fracture ---- */

/* Dimensionless driving-force coefficients Z for a film on a substrate without elastic mismatch
 * (Dundurs alpha = beta = 0), from J. W. Hutchinson and Z. Suo, Adv. Appl. Mech. 29, 63 (1992),
 * Fig. 2 / Table: G = Z sigma^2 h / Ebar_f. Cracks need a tensile film stress, spalling a
 * compressive one; delamination's steady state is sign-independent. */
#define MSB_Z_SURFACE_CRACK 3.951
#define MSB_Z_CHANNEL_CRACK 1.976
#define MSB_Z_SUBSTRATE_DAMAGE 3.951
#define MSB_Z_SPALLING 0.343
#define MSB_Z_DEBOND_INITIATION 1.028
#define MSB_Z_DEBOND_STEADY 0.5

/* Equi-biaxial film stress from a mismatch strain: sigma = E_f eps_m / (1 - nu_f).
 * eps_m: in-plane strain the substrate imposes on the stress-free film (positive: the film is
 * stretched and its stress tensile; e.g. an SEI formed on a particle that then expands by a
 * linear strain e has eps_m = e > 0). E_f (Pa, > 0), nu_f in (-1, 0.5), eps_m finite.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM. Thread-safe. */
MSB_API msb_status msb_thin_film_stress(double E_f_Pa, double nu_f, double eps_m,
                                        double *sigma_Pa);

/* Fracture of a film of thickness h under film stress sigma:
 *   Ebar_f = E_f/(1 - nu_f^2)  (plane-strain modulus, as in Hutchinson and Suo)
 *   G = Z sigma^2 h / Ebar_f;   h_c = G_c Ebar_f / (Z sigma^2).
 * Z > 0 (one of the MSB_Z_* constants or a value for a mismatched pair), G_c (J/m^2, > 0) the
 * film toughness (or the interface toughness for debonding), h (m, > 0), sigma (Pa, finite,
 * non-zero).
 * est_out: estimate (kind "thin_film_fracture") with entries sigma (Pa), Ebar_f (Pa),
 *   G (J/m^2), h_c (m), G_over_Gc (1; >= 1: the film cracks/debonds), Z (1).
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (E_f, h, Z, G_c <= 0; nu_f outside (-1, 0.5);
 *         sigma == 0: no driving force), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_thin_film_fracture(double E_f_Pa, double nu_f, double sigma_Pa,
                                          double h_m, double Z, double Gc_Jm2,
                                          msb_estimate **est_out);

MSB_END_DECLS

#endif

/* msbridge/elastic.h — linear elasticity of single crystals: polycrystal averages
 * (Voigt-Reuss-Hill), mechanical (Born) stability, directional Young's modulus, and the fit of
 * the stiffness tensor from strain-stress pairs.
 *
 * Conventions (binding for every function here):
 *  - Voigt order 1..6 = 11, 22, 33, 23, 13, 12 (IEEE / Materials Project / pymatgen order).
 *  - ENGINEERING SHEAR STRAINS: the strain 6-vector is (e11, e22, e33, 2 e23, 2 e13, 2 e12)
 *    (gamma = 2 epsilon), the stress 6-vector is (s11, s22, s33, s23, s13, s12), and
 *    sigma_a = sum_b C_ab e_b. With this convention C_44 = C_2323 (no factor 2 or 4 in C) and
 *    the compliance S = C^-1 carries the factors (S_44 = 4 S_2323). Passing tensor shear
 *    strains e23 instead of 2 e23 to the fit doubles the fitted shear constants: the classic
 *    factor-of-2 bug.
 *  - A stiffness tensor is a 6x6 matrix in Pa, row-major double[36], symmetric.
 *
 * Averages: W. Voigt, Lehrbuch der Kristallphysik (Teubner, 1928); A. Reuss, Z. Angew. Math.
 * Mech. 9, 49 (1929); R. Hill, Proc. Phys. Soc. A 65, 349 (1952). Universal anisotropy index
 * A^U = 5 G_V/G_R + K_V/K_R - 6: S. I. Ranganathan and M. Ostoja-Starzewski, Phys. Rev. Lett.
 * 101, 055504 (2008). Zener ratio A_Z = 2 C44/(C11 - C12): C. Zener, Elasticity and Anelasticity
 * of Metals (1948) — meaningful for cubic crystals only. Born stability (positive definite C):
 * M. Born and K. Huang, Dynamical Theory of Crystal Lattices (1954); F. Mouhat and F.-X.
 * Coudert, Phys. Rev. B 90, 224104 (2014).
 */
#ifndef MSBRIDGE_ELASTIC_H
#define MSBRIDGE_ELASTIC_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Index of each property in the array written by msb_elastic_moduli (values are API: only
 * appended). Moduli in Pa, ratios dimensionless. */
typedef enum msb_elastic_property {
    MSB_ELASTIC_K_VOIGT = 0,  /* (C11+C22+C33 + 2(C12+C13+C23))/9 */
    MSB_ELASTIC_K_REUSS = 1,  /* 1/(S11+S22+S33 + 2(S12+S13+S23)) */
    MSB_ELASTIC_K_VRH = 2,    /* (K_V + K_R)/2 */
    MSB_ELASTIC_G_VOIGT = 3,  /* (C11+C22+C33 - C12-C13-C23 + 3(C44+C55+C66))/15 */
    MSB_ELASTIC_G_REUSS = 4,  /* 15/(4(S11+S22+S33) - 4(S12+S13+S23) + 3(S44+S55+S66)) */
    MSB_ELASTIC_G_VRH = 5,    /* (G_V + G_R)/2 */
    MSB_ELASTIC_E_VRH = 6,    /* Young's modulus 9 K G/(3K + G) from the Hill averages */
    MSB_ELASTIC_NU_VRH = 7,   /* Poisson's ratio (3K - 2G)/(2(3K + G)) from the Hill averages */
    MSB_ELASTIC_A_U = 8,      /* universal anisotropy 5 G_V/G_R + K_V/K_R - 6 (0 if isotropic) */
    MSB_ELASTIC_A_ZENER = 9,  /* 2 C44/(C11 - C12); NaN if C11 == C12; cubic crystals only */
    MSB_ELASTIC_MIN_EIGEN = 10, /* smallest eigenvalue of C (Pa); > 0 iff Born-stable */
    MSB_ELASTIC_NPROP = 11
} msb_elastic_property;

/* Moduli of one or more stiffness tensors.
 * n        number of tensors, >= 1.
 * C        n 6x6 Voigt stiffness matrices in Pa, row-major, 36 doubles each; finite, symmetric
 *          (|C_ab - C_ba| <= 1e-12 max|C|), not singular.
 * props    n * MSB_ELASTIC_NPROP doubles: tensor i's property k at props[i*NPROP + k].
 * stable   NULL or n ints: 1 if tensor i is Born-stable (positive definite: its Cholesky
 *          factorisation succeeds), else 0. Unstable tensors still get every property (the
 *          Reuss bounds use the inverse, which exists), so they can be compared with other codes;
 *          do not use such moduli as material data.
 * Errors: MSB_ENULL, MSB_ESIZE (n == 0), MSB_ENONFINITE, MSB_EINVAL (not symmetric; names the
 *         tensor and the component), MSB_ESINGULAR (reciprocal condition number < 1e-13: no
 *         compliance). Input validation of all n tensors precedes any output; a singular tensor
 *         is found while computing, and then the rows of tensors before it are already
 *         written (the message names its index). Allocation-free. Thread-safe. */
MSB_API msb_status msb_elastic_moduli(size_t n, const double *C, double *props, int *stable);

/* The moduli of one tensor as an estimate (kind "elastic_moduli") with entries K_V, K_R, K_VRH,
 * G_V, G_R, G_VRH, E_VRH (Pa), nu_VRH, A_U, A_Zener (1), min_eigen (Pa), stable (1 or 0),
 * E_100, E_010, E_001, E_111 (directional Young's moduli, Pa; NaN if unstable along it).
 * No uncertainties (NaN). Errors as msb_elastic_moduli plus MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_elastic_analyze(const double *C, msb_estimate **est_out);

/* Born stability of one tensor by Cholesky factorisation: *stable = 1 if C is positive definite.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EINVAL (not symmetric). Thread-safe. */
MSB_API msb_status msb_elastic_is_stable(const double *C, int *stable);

/* Compliance S = C^-1 (Pa^-1, engineering shear convention: S_44 = 4 S_2323).
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EINVAL, MSB_ESINGULAR. Thread-safe. */
MSB_API msb_status msb_elastic_compliance(const double *C, double *S);

/* Directional Young's modulus E(n) = 1 / (S_ijkl n_i n_j n_k n_l) = 1 / (m^T S m) with
 * m = (n1^2, n2^2, n3^2, n2 n3, n1 n3, n1 n2) for unit n (directions are normalised here).
 * ndir >= 1 directions (3 doubles each, not zero). E gets ndir values in Pa; a direction with
 * m^T S m <= 0 (unstable tensor) gives MSB_EDOM.
 * Errors: MSB_ENULL, MSB_ESIZE, MSB_ENONFINITE, MSB_EINVAL, MSB_ESINGULAR, MSB_EDOM (zero
 * direction or non-positive compliance along it). Thread-safe. */
MSB_API msb_status msb_elastic_young_direction(const double *C, size_t ndir, const double *dirs,
                                               double *E);

/* Least-squares fit of a symmetric 6x6 stiffness from strain-stress pairs:
 *   sigma_a = sigma0_a + sum_b C_ab e_b     (sigma0 only if fit_offset != 0, else 0)
 * with C symmetric (21 unknowns, + 6 for sigma0), solved by Householder QR (LAPACKE).
 * n            number of strain states, 6 n >= 21 (+6 with offset): n >= 4 (5 with offset).
 * strain       n x 6 Voigt strains, ENGINEERING shear (e11, e22, e33, 2e23, 2e13, 2e12), finite.
 * stress       n x 6 Voigt stresses in Pa, finite. Sign: tension positive (VASP prints
 *              pressure-like stresses, i.e. the negative: convert before calling).
 * stress_std   standard uncertainty of each stress component (Pa, > 0), or <= 0 / NaN to
 *              estimate the scatter from the residuals (covariance scaled by chi2/dof,
 *              needs 6 n > unknowns).
 * est_out      receives an estimate (kind "elastic_fit") with entries
 *                C (Pa, 36 values row-major, with sd), sigma0 (Pa, 6 values, with sd; zeros
 *                without offset), stable (1 if the fitted C is Born-stable), min_eigen (Pa),
 *                K_VRH (Pa), G_VRH (Pa) (no sd: see the covariance for propagation),
 *                cov_C (Pa^2, 21x21 = 441 values: covariance of the upper-triangle components
 *                in the order C11 C12 ... C16 C22 ... C26 C33 ... C66), chi2 (weighted; NaN
 *                without stress_std), rms_residual (Pa), dof, n.
 * Errors: MSB_ENULL, MSB_EINSUFFICIENT (too few states), MSB_ENONFINITE, MSB_ESINGULAR (the
 *         strain states do not determine C, e.g. all states proportional), MSB_ENOMEM.
 *         Thread-safe. */
MSB_API msb_status msb_elastic_fit(size_t n, const double *strain, const double *stress,
                                   double stress_std, int fit_offset, msb_estimate **est_out);

MSB_END_DECLS

#endif

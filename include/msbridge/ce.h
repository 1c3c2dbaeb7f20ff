/* msbridge/ce.h — binary cluster expansion: correlation functions, effective cluster
 * interactions (ECIs) by regularized least squares with leave-one-out cross-validation, and
 * predicted energies with uncertainty.
 *
 * Basis: spins s_i = 2 n_i - 1 (n_i = 1 occupied, e.g. Li; 0 vacancy). The energy per site is
 *     E/M = sum_a J_a Phi_a,
 * with correlation functions Phi (the cluster-orbit averages of products of spins) in the
 * order: [0] empty cluster (1), [1] point <s>, then one pair orbit per shell 0 .. npair - 1
 * (average of s_i s_j over all pairs at that distance), then the triplet orbits with all three
 * sides in shells 0 .. ntrip_shells - 1 in the order of msb_lattice_triplet_orbits (average
 * of s_i s_j s_k over all such triangles). Orbits are distance classes (see msbridge/lattice.h
 * for the symmetry level). All energies are J per site.
 * Thread safety: all functions are re-entrant; estimates and lattices may be shared.
 */
#ifndef MSBRIDGE_CE_H
#define MSBRIDGE_CE_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/export.h"
#include "msbridge/lattice.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

/* Number of correlation functions for npair pair shells and triplets within ntrip_shells
 * shells (0: no triplets). Errors: MSB_ENULL, MSB_ESIZE (npair or ntrip_shells > nshells). */
MSB_API msb_status msb_ce_basis_size(const msb_lattice *lat, size_t npair, size_t ntrip_shells,
                                     size_t *ncorr);

/* Correlation functions of nconfig configurations. occ: nconfig x nsites occupations (0 or 1,
 * row-major); corr: nconfig x ncorr (row-major, ncorr from msb_ce_basis_size).
 * Errors: MSB_ENULL, MSB_ESIZE (nconfig = 0, shells out of range, more than 64 triplet
 * orbits), MSB_EDOM (an occupation not 0 or 1; corr untouched), MSB_ENOMEM. */
MSB_API msb_status msb_ce_correlations(const msb_lattice *lat, size_t npair, size_t ntrip_shells,
                                       size_t nconfig, const unsigned char *occ, double *corr);

/* Fit ECIs: minimise sum_i (E_i - sum_a corr_ia J_a)^2 + lambda sum_a J_a^2 (ridge; lambda >= 0
 * dimensionless, 0 = ordinary least squares) by Householder QR of the augmented system
 * (LAPACKE). Energies in J per site.
 * Entries (kind "ce_fit"):
 *   "eci"        J    (ncorr) with standard errors sigma^2 (C - lambda C^2), C = (X^T X +
 *                     lambda I)^-1, sigma^2 = RSS / (n - tr H)
 *   "eci_cov"    J^2  (ncorr x ncorr, row-major) that covariance
 *   "cv_rmse"    J    leave-one-out cross-validation score sqrt(mean (e_i / (1 - H_ii))^2),
 *                     exact for ridge regression (no refits)
 *   "rmse"       J    root-mean-square fit residual; "sigma" J residual scatter estimate
 *   "lambda" 1, "n_configs" 1, "effective_params" 1 (tr H)
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (lambda < 0), MSB_ESIZE (ncorr = 0),
 * MSB_EINSUFFICIENT (n <= ncorr with lambda = 0, or n - tr H < 0.5: no degrees of freedom left
 * for the scatter), MSB_ESINGULAR (rank-deficient design with lambda = 0), MSB_ENOMEM. */
MSB_API msb_status msb_ce_fit(size_t nconfig, size_t ncorr, const double *corr,
                              const double *energy_J, double lambda, msb_estimate **out);

/* Predicted energies per site of n configurations (n = 0: a no-op) from a "ce_fit" estimate:
 * E = corr . eci and the predictive standard deviation sqrt(c^T Cov c + sigma^2) (E_std may be
 * NULL).
 * Errors: MSB_ENULL, MSB_EBADLAW (estimate not from msb_ce_fit), MSB_ESIZE (ncorr mismatch),
 * MSB_ENONFINITE. */
MSB_API msb_status msb_ce_predict(const msb_estimate *fit, size_t n, size_t ncorr,
                                  const double *corr, double *E_J, double *E_std_J);

/* Map point and pair ECIs (spin basis, J per site, in the order above with no triplets:
 * ncorr = 2 + npair) of a one-site (Bravais) lattice to the occupation-basis pair Hamiltonian
 * of msbridge/mc.h and msbridge/kmc.h: V[s] = 8 J_s / z_s, e_point = 2 J_1 - 4 sum_s J_s, and
 * the constant e0 = J_0 - J_1 + sum_s J_s (J per site) so that
 * E = M e0 + e_point N + sum_s V_s P_s. Errors: MSB_ENULL, MSB_EINVAL (multi-site lattice),
 * MSB_ESIZE (npair > nshells), MSB_ENONFINITE. */
MSB_API msb_status msb_ce_to_pair(const msb_lattice *lat, size_t npair, const double *eci_J,
                                  double *e0_J, double *e_point_J, double *V_J);

/* Cluster-expansion Hamiltonian for the lattice engines: point, pair (shells 0 .. npair - 1) and
 * triplet (all sides in shells 0 .. ntrip_shells - 1) clusters with the ECIs eci_J (J per site,
 * spin basis, ncorr = msb_ce_basis_size values in the order above, e.g. the "eci" entry of a
 * msb_ce_fit), so that the total energy is E = M sum_a J_a Phi_a exactly as msb_ce_correlations
 * defines Phi. The engines (msb_mc_sgc_ce, msb_mc_canonical_ce in msbridge/mc.h,
 * msb_kmc_vacancy_ce in msbridge/kmc.h) and msb_ce_hamiltonian_energy report energies relative
 * to the empty lattice (all n_i = 0), the reference of the pair Hamiltonian of msbridge/mc.h:
 * E_rel = E - E(empty). Local updates: flipping site i changes E by
 *   -2 s_i [J_1 + sum_s c_s sum_{j in shell s of i} s_j + sum_{triangles (i,j,k)} c_t s_j s_k],
 * c_s = 2 M J_s / (ordered pairs in shell s), c_t = 3 M J_t / (vertex-centred triangles of
 * orbit t), which reads only the neighbours of i within max(npair, ntrip_shells) shells.
 * The handle keeps a pointer to `lat`, which must outlive it. Memory: the triangle list of the
 * basis sites (independent of the supercell size).
 * Errors: MSB_ENULL, MSB_ESIZE (shells out of range, more than 64 triplet orbits),
 * MSB_ENONFINITE (an ECI), MSB_ENOMEM. Thread safety: the handle is immutable after creation
 * and may be shared by threads. */
typedef struct msb_ce_hamiltonian msb_ce_hamiltonian;
MSB_API msb_status msb_ce_hamiltonian_create(const msb_lattice *lat, size_t npair,
                                             size_t ntrip_shells, const double *eci_J,
                                             msb_ce_hamiltonian **out);

/* Release. NULL-safe. */
MSB_API void msb_ce_hamiltonian_destroy(msb_ce_hamiltonian *h);

/* Total energy (J, relative to the empty lattice) of the configuration occ (nsites
 * occupations 0 or 1), by the cluster sums over all sites. Errors: MSB_ENULL, MSB_EDOM (an
 * occupation not 0 or 1). Thread-safe. */
MSB_API msb_status msb_ce_hamiltonian_energy(const msb_ce_hamiltonian *h,
                                             const unsigned char *occ, double *E_J);

/* Energy change (J) of a local move on occ by the local update the engines use: i == j flips
 * site i; i != j exchanges the occupations of sites i and j (0 when they are equal). occ is not
 * modified. Errors: MSB_ENULL, MSB_ESIZE (i or j >= nsites), MSB_EDOM (an occupation not 0 or
 * 1). Thread-safe. */
MSB_API msb_status msb_ce_hamiltonian_delta(const msb_ce_hamiltonian *h,
                                            const unsigned char *occ, size_t i, size_t j,
                                            double *dE_J);

MSB_END_DECLS

#endif

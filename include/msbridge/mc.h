/* msbridge/mc.h — Metropolis Monte Carlo of a binary lattice gas (Li/vacancy, A/B) with a pair
 * Hamiltonian, producing <x>(mu, T), the thermodynamic factor and F(x, T).
 *
 * Hamiltonian (occupation basis, n_i in {0, 1}, energies in J):
 *     E = e_point * sum_i n_i + sum_{s < nv} V[s] * sum_{pairs <ij> in shell s} n_i n_j
 * (each pair counted once). V[s] < 0 is attraction. The Ising model with coupling J
 * (H = -J sum s_i s_j, s = 2n - 1) is V[0] = -4 J. A cluster expansion in the spin basis maps to
 * this form with msb_ce_to_pair (msbridge/ce.h) when it holds only point and pair clusters.
 *
 * Moves use local energy updates (only the neighbours of the touched sites are read). One sweep
 * = nsites trial moves; one sample is taken after each sweep. Statistics: n_sweeps >= 16; the samples are cut into 16 blocks; standard errors of means are
 * the block standard errors, those of fluctuation quantities (thermodynamic factor, heat
 * capacity) are delete-one-block jackknife errors. Burn-in: n_equil sweeps are discarded at each
 * state point.
 *
 * Randomness: state point k uses stream (seed, k) of the library's xoshiro256** generator; the
 * result is a deterministic function of the arguments (no threads are used; nothing depends on
 * the thread count). Cancellation: `progress` (may be NULL) is called after every sweep with
 * done/total sweeps; a non-zero return stops the run with MSB_ECANCELLED, frees everything and
 * leaves *out untouched.
 * Thread safety: re-entrant; the lattice may be shared.
 */
#ifndef MSBRIDGE_MC_H
#define MSBRIDGE_MC_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/core.h"
#include "msbridge/estimate.h"
#include "msbridge/lattice.h"

MSB_BEGIN_DECLS

/* Semi-grand-canonical (mu-driven flip) Metropolis at temperature T_K (> 0) for nmu chemical
 * potentials mu_J[k] (J per particle, strictly increasing). Point k starts from the last
 * configuration of point k - 1 (point 0 from the empty lattice), so a scan through a
 * first-order transition shows the hysteresis of a slow ramp; run the scan both ways to see it.
 * nv <= msb_lattice_nshells(lat) interaction shells (nv = 0: non-interacting lattice gas).
 *
 * Entries (kind "mc_sgc"; per point unless stated):
 *   "mu"                    J      the chemical potentials (copied)
 *   "x"                     1      <N>/nsites with block standard error
 *   "thermodynamic_factor"  1      Theta = (1/kT) dmu/dln x = <N>/var(N) (jackknife error;
 *                                  NaN if N never fluctuated)
 *   "energy"                J      <E>/nsites (Hamiltonian above, without -mu N)
 *   "heat_capacity"         J/K    per site at constant mu: var(E - mu N)/(k T^2 nsites)
 *   "abs_magnetization"     1      <|2N/nsites - 1|> (Ising order parameter)
 *   "grand_potential"       J      omega = Omega/nsites by thermodynamic integration
 *                                  omega_k = omega_0 - int_{mu_0}^{mu_k} x dmu (trapezoid), with
 *                                  omega_0 = -kT ln(1 + exp((mu_0 - e_point)/kT)), exact for
 *                                  nv = 0 and accurate when x(mu_0) << 1
 *   "F"                     J      Helmholtz free energy per site F/nsites = omega + mu x
 *                                  (uncertainties from the x errors, treated as independent)
 *   "acceptance"            1      fraction of accepted flips
 *   "T" K; "n_sweeps" 1; "n_blocks" 1
 * Feeding (x, mu), (x, Theta) or (x, F) into a free-energy/OCV law: V = -(mu - mu_ref)/e.
 *
 * Errors: MSB_ENULL (lat, mu_J, out; V when nv > 0), MSB_ENONFINITE, MSB_EDOM (T_K <= 0),
 * MSB_EINVAL (mu not strictly increasing), MSB_ESIZE (nv > nshells, nmu = 0),
 * MSB_EINSUFFICIENT (n_sweeps < 16), MSB_ECANCELLED, MSB_ENOMEM. */
MSB_API msb_status msb_mc_sgc(const msb_lattice *lat, double e_point_J, size_t nv,
                              const double *V_J, double T_K, size_t nmu, const double *mu_J,
                              size_t n_equil, size_t n_sweeps, uint64_t seed,
                              msb_progress_fn progress, void *user, msb_estimate **out);

/* Canonical Metropolis with particle-vacancy exchanges between two random sites (Kawasaki
 * moves with global range: trial moves on equal occupations count as rejected) at nx
 * compositions x[k] in [0, 1]; N = round(x nsites) particles, placed at random from stream
 * (seed, k). Entries (kind "mc_canonical"; per point): "x" 1 (the realised N/nsites), "energy" J
 * per site, "heat_capacity" J/K per site (var(E)/(k T^2 nsites), jackknife error),
 * "nn_pair_fraction" 1 (<number of occupied nearest-neighbour pairs> / (nsites z0 / 2)),
 * "acceptance" 1, "T" K, "n_sweeps" 1, "n_blocks" 1.
 * Errors as msb_mc_sgc, with MSB_EDOM for x outside [0, 1] (an impossible composition). */
MSB_API msb_status msb_mc_canonical(const msb_lattice *lat, double e_point_J, size_t nv,
                                    const double *V_J, double T_K, size_t nx, const double *x,
                                    size_t n_equil, size_t n_sweeps, uint64_t seed,
                                    msb_progress_fn progress, void *user, msb_estimate **out);

MSB_END_DECLS

#endif

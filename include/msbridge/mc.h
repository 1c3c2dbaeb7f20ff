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
 * result is a deterministic function of the arguments, whatever the thread count. The points
 * of an SGC scan form one chain (each starts from the previous state) and run on the calling
 * thread; the canonical points are independent chains and run on up to min(nx, 8, online
 * CPUs) threads (MSB_NUM_THREADS overrides; with a progress callback, on the calling thread),
 * with bitwise identical results. Cancellation: `progress` (may be NULL) is called after every sweep with
 * done/total sweeps; a non-zero return stops the run with MSB_ECANCELLED, frees everything and
 * leaves *out untouched.
 * Thread safety: re-entrant; the lattice may be shared.
 */
#ifndef MSBRIDGE_MC_H
#define MSBRIDGE_MC_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/ce.h"
#include "msbridge/core.h"
#include "msbridge/estimate.h"
#include "msbridge/lattice.h"
#include "msbridge/law.h"

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

/* Free-energy law F(x, T) from semi-grand-canonical scans (results of msb_mc_sgc, each at one
 * temperature; several temperatures make the Redlich-Kister B terms, i.e. the excess entropy)
 * by thermodynamic integration, F(x) = F(x0) + int_{x0}^{x} mu dx', then fitted by
 * msb_free_energy_rk_fit (msbridge/thermo.h) with m Redlich-Kister terms so that the
 * common-tangent machinery (msb_free_energy_binodals, msb_ocv_free_energy_create) turns it into
 * V(x, T) with plateaus. F is per site, in J, relative to the empty lattice (F(0) = 0, the
 * occupation-basis Hamiltonian of this header having E = 0 there).
 *
 * Per scan (points with 0 < x < 1 only; x = 0 or 1 carries no information):
 *  - reference state, dilute end: the scan must start at x0 <= 0.05, where
 *    Omega/M = kT ln(1 - x0) (exact for the non-interacting gas; error second order in x0 for
 *    interacting ones), F(x0) = Omega/M + mu0 x0;
 *  - integration by the trapezoid rule in x along the scan;
 *  - a first-order transition shows up as a jump in x: the largest composition step of the
 *    scan counts as one when it exceeds 0.05 and 4 times the step the fluctuations predict,
 *    dx = dmu x / (kT Theta), at the smaller of its two ends. When the scan also ends at
 *    x >= 0.95 (saturated end), the points after the jump are integrated downwards from
 *    F = <E>/M + kT [x ln x + (1-x) ln(1-x)] at the last point (ideal dilute vacancies, first
 *    order in 1 - x). Each branch is thus integrated from its own end and never across the
 *    jump, so hysteresis of the scan does not bias F. Otherwise all points are integrated from
 *    the dilute end (across a jump, with the hysteresis error). A state caught mid-transition
 *    (x error more than 5 times both neighbours') is dropped;
 *  - two-phase region: with both branches present, the equilibrium F across the jump is the
 *    common tangent of the branches, i.e. the edge of the lower convex hull of the (x, F)
 *    points that spans the jump (its end points are the binodals, resolved to the spacing of
 *    the scan); points inside it are metastable states of the scan and are dropped, and the
 *    tangent is sampled at 24 compositions so that the fit follows it (region narrower than
 *    0.05 in x: not treated). A Redlich-Kister polynomial follows a smooth F well but cannot
 *    reproduce a sharp first-order gap reliably (its common tangent may split the gap or miss
 *    the binodals by more than the grid spacing): use the "binodal_*" entries or msb_mc_ocv
 *    for the voltage plateau of such a scan;
 *  - uncertainties of F at the point's own x: first-order propagation of the x standard errors
 *    along the path (treated as independent), plus the energy's standard error for the top
 *    branch; the points of a branch are correlated through the shared path, which the fit
 *    ignores (its covariance is indicative).
 * The fit needs more table points than 1 + m (+ m with several temperatures) parameters.
 * Outputs (either may be NULL, not both): est gets the "free_energy_fit" estimate of
 * msb_free_energy_rk_fit with the table appended: "x_table" (1, with the MC errors),
 * "F_table" (J, with the propagated errors), "mu_table" (J), "T_table" (K), and per scan
 * "binodal_lo", "binodal_hi" (1) and "mu_coexist" (J) (NaN without a two-phase region; at most
 * the first 64 scans); law gets the
 * free_energy_rk law (inputs x, T; outputs mu, Theta, F, V with mu_ref_J the reference
 * electrode's energy per ion).
 * Errors: MSB_ENULL (scans or a scan NULL, both outputs NULL), MSB_ESIZE (nscan = 0,
 * m > MSB_RK_MAX_TERMS), MSB_EBADLAW (an estimate that is not a msb_mc_sgc result),
 * MSB_ENONFINITE (mu_ref_J), MSB_EDOM (a scan that does not start in the dilute limit),
 * MSB_EINSUFFICIENT (fewer than 2 usable points in a scan, too few for the fit), the errors of
 * msb_free_energy_rk_fit, MSB_ENOMEM. Thread safety: re-entrant; the estimates may be shared. */
MSB_API msb_status msb_mc_free_energy(size_t nscan, const msb_estimate *const *scans, size_t m,
                                      double mu_ref_J, msb_estimate **est, msb_law **law);

/* Open-circuit voltage V(x) at the temperature of one semi-grand-canonical scan (a msb_mc_sgc
 * result), through the free energy of msb_mc_free_energy: V = -(mu - mu_ref_J)/e on the
 * equilibrium states of the scan and, across a two-phase region, the plateau at the
 * common-tangent potential between the binodals (both binodal points carry it, so the
 * monotone interpolant is exactly flat between them). Built with msb_ocv_table_create
 * (inputs x, T; T is ignored: the table holds one temperature; validity domain the scanned x
 * range); points whose x does not increase along the scan (noise at the dilute ends) are
 * dropped and reversals of V up to 0.05 kT/e (statistical noise of x) are tolerated.
 * Errors: MSB_ENULL, MSB_ENONFINITE (mu_ref_J), those of msb_mc_free_energy's integration
 * (MSB_EBADLAW, MSB_EDOM, MSB_EINSUFFICIENT) and of msb_ocv_table_create, MSB_ENOMEM.
 * Thread safety: re-entrant. */
MSB_API msb_status msb_mc_ocv(const msb_estimate *scan, double mu_ref_J, msb_law **out);

/* msb_mc_sgc and msb_mc_canonical with a cluster-expansion Hamiltonian (point, pair and
 * triplet clusters; msb_ce_hamiltonian_create in msbridge/ce.h) instead of the pair one: the
 * same moves, random streams, statistics, entries and errors, with every trial energy from the
 * local update of msbridge/ce.h (flip: one site's clusters; exchange: the two sites' clusters
 * in turn). Energies ("energy", the heat capacity) are relative to the empty lattice. For the
 * SGC grand-potential reference, e_point is the energy of one particle on the empty lattice
 * (averaged over the basis sites). Errors: MSB_ENULL (h) and those of msb_mc_sgc /
 * msb_mc_canonical. Thread safety: re-entrant; h may be shared. */
MSB_API msb_status msb_mc_sgc_ce(const msb_ce_hamiltonian *h, double T_K, size_t nmu,
                                 const double *mu_J, size_t n_equil, size_t n_sweeps,
                                 uint64_t seed, msb_progress_fn progress, void *user,
                                 msb_estimate **out);
MSB_API msb_status msb_mc_canonical_ce(const msb_ce_hamiltonian *h, double T_K, size_t nx,
                                       const double *x, size_t n_equil, size_t n_sweeps,
                                       uint64_t seed, msb_progress_fn progress, void *user,
                                       msb_estimate **out);

MSB_END_DECLS

#endif

/* msbridge/kmc.h — rejection-free kinetic Monte Carlo (n-fold way / BKL) of vacancy-mediated
 * diffusion on a lattice, giving the tracer diffusion tensor, the jump (collective) diffusion
 * tensor D_J, the tracer correlation factor and the chemical diffusivity D_chem = Theta D_J.
 *
 * Model: n_atoms atoms and nsites - n_atoms vacancies; an atom hops to a vacant nearest
 * neighbour (shell 0) with the transition-state rate
 *     Gamma = nu exp(-(E_kra + dE/2) / kT),
 * the kinetically resolved activation barrier (Van der Ven, Ceder, Asta & Tepesch, Phys. Rev.
 * B 64, 184307 (2001)): E_kra is the barrier of a hop with no energy change and dE the change of
 * the pair energy E = sum_s V[s] sum_{pairs in shell s} n_i n_j (the same Hamiltonian as
 * msbridge/mc.h; the point term cancels). Rates obey detailed balance with respect to that
 * Hamiltonian for any E_kra.
 *
 * Event selection: a binary sum tree over all (site, direction) hops, O(log N) per selection
 * and per rate update; only the hops whose rate can change (sites within one hop of the
 * interaction range of the two changed sites) are recomputed. Time advances by -ln(u)/R_total.
 * Memory is linear in the number of sites.
 *
 * Observables: unwrapped atom displacements R_i after n_equil_events discarded events;
 * D*_ab = sum_i R_ia R_ib / (2 N t), D_J,ab = S_a S_b / (2 N t) accumulated over 64 consecutive
 * segments of each replica (S = sum_i R_i over a segment; t the simulated time), f =
 * sum_i |R_i|^2 / sum_jumps l^2. Each replica k uses random stream (seed, k) and starts from an
 * independent random arrangement; values are the replica means and uncertainties the standard
 * errors over replicas (NaN for one replica). The replicas run concurrently on up to
 * min(n_replicas, 8, online CPUs) threads (environment variable MSB_NUM_THREADS overrides the
 * count; with a progress callback the run stays on the calling thread). Results are bitwise
 * independent of the thread count: replica k always uses stream (seed, k), the reduction runs
 * in replica order, and a failure is reported for the first failing replica in that order.
 *
 * Cancellation: `progress` (may be NULL) is called every 2^16 events with done/total events; a
 * non-zero return stops the run with MSB_ECANCELLED, frees everything, *out untouched.
 * Thread safety: re-entrant; the lattice may be shared.
 */
#ifndef MSBRIDGE_KMC_H
#define MSBRIDGE_KMC_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/ce.h"
#include "msbridge/core.h"
#include "msbridge/estimate.h"
#include "msbridge/lattice.h"

MSB_BEGIN_DECLS

/* Vacancy-mediated diffusion KMC.
 *   n_atoms       1 .. nsites - 1 (at least one atom and one vacancy)
 *   nu_Hz         attempt frequency (1/s, > 0); E_kra_J barrier (J, finite)
 *   nv, V_J       pair interactions of the first nv shells (nv = 0: no interactions)
 *   T_K           temperature (K, > 0)
 *   n_events      events per replica after n_equil_events (>= 64); n_replicas >= 1
 *   theta         thermodynamic factor to form D_chem (e.g. from msb_mc_sgc), or NaN; theta_std
 *                 its standard uncertainty (or NaN)
 * Entries (kind "kmc_vacancy"):
 *   "D_tracer" m^2/s (9, row-major 3x3), "D_tracer_scalar" m^2/s (trace / dim),
 *   "D_J" m^2/s (9), "D_J_scalar" m^2/s, "correlation_factor" 1,
 *   "D_chem" m^2/s = theta D_J_scalar, "D_darken" m^2/s = theta D_tracer_scalar (Darken's
 *   approximation, for comparison; both NaN without theta),
 *   "hop_rate" 1/s (hops per atom per second), "x" 1 (n_atoms/nsites),
 *   "time" s (mean simulated time per replica), "n_events" 1, "n_replicas" 1.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (nu <= 0, T <= 0, n_atoms = 0 or >= nsites:
 * impossible composition), MSB_ESIZE (nv > nshells, n_replicas = 0), MSB_EINSUFFICIENT
 * (n_events < 64), MSB_ERANGE (total rate 0 or not finite, e.g. exp overflow), MSB_ECANCELLED,
 * MSB_ENOMEM. */
MSB_API msb_status msb_kmc_vacancy(const msb_lattice *lat, size_t n_atoms, double nu_Hz,
                                   double E_kra_J, size_t nv, const double *V_J, double T_K,
                                   size_t n_equil_events, size_t n_events, size_t n_replicas,
                                   double theta, double theta_std, uint64_t seed,
                                   msb_progress_fn progress, void *user, msb_estimate **out);

/* msb_kmc_vacancy with a cluster-expansion Hamiltonian (point, pair and triplet clusters;
 * msb_ce_hamiltonian_create in msbridge/ce.h): the kinetically resolved barrier uses the
 * exchange energy dE of the hop from the local update of msbridge/ce.h, and after a hop the
 * rates of every site within the Hamiltonian's range (max(npair, ntrip_shells) shells) plus one
 * hop are recomputed. Same arguments (lat from h), entries, threads and errors as
 * msb_kmc_vacancy, plus MSB_ENULL for h. Thread safety: re-entrant; h may be shared. */
MSB_API msb_status msb_kmc_vacancy_ce(const msb_ce_hamiltonian *h, size_t n_atoms, double nu_Hz,
                                      double E_kra_J, double T_K, size_t n_equil_events,
                                      size_t n_events, size_t n_replicas, double theta,
                                      double theta_std, uint64_t seed, msb_progress_fn progress,
                                      void *user, msb_estimate **out);

MSB_END_DECLS

#endif

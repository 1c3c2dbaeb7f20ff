/* msbridge/surface_kmc.h — kinetic Monte Carlo of a surface process on a 2-D lattice
 * (adsorption, desorption, adatom hopping, bimolecular surface reaction), coarse-grained into
 * the continuum parameters a reactor-scale model consumes: coverage theta(P), turnover
 * frequency TOF(P), the effective second-order rate constant and the collective surface
 * diffusion coefficient.
 *
 * Model (one adsorbate A on the sites of a 2-D lattice, single occupancy):
 *   adsorption   empty site -> A            rate k_ads P          (k_ads in 1/(Pa s); from
 *                                            Hertz-Knudsen or TST, see msbridge/tst.h)
 *   desorption   A -> empty                 rate k_des            (1/s)
 *   hopping      A -> empty nearest neighbour, rate k_hop per direction (1/s)
 *   reaction     A + A (nearest neighbours) -> A2(g), both sites emptied, rate k_rxn per pair
 * Rejection-free selection with a sum tree over sites (O(log N)); only the touched sites and
 * their neighbours are recomputed after an event.
 * Mean-field (Langmuir) limit, exact for k_rxn = 0 at any k_hop:
 *   theta = K P / (1 + K P), K = k_ads / k_des;
 * with reaction and fast hopping (well mixed): k_ads P (1 - theta) = k_des theta + z k_rxn
 * theta^2 and TOF = (z/2) k_rxn theta^2.
 *
 * Randomness: pressure point p, replica r uses stream (seed, p * n_replicas + r); every replica
 * starts from the empty surface, discards n_equil events and measures over n_events.
 * Cancellation: `progress` every 2^16 events; non-zero -> MSB_ECANCELLED, nothing returned.
 * Thread safety: re-entrant; the lattice may be shared.
 */
#ifndef MSBRIDGE_SURFACE_KMC_H
#define MSBRIDGE_SURFACE_KMC_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge/core.h"
#include "msbridge/estimate.h"
#include "msbridge/lattice.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Surface KMC at nP partial pressures P_Pa[k] (> 0). k_ads_per_Pa > 0, k_des >= 0, k_hop >= 0,
 * k_rxn >= 0 (all finite; k_des + k_rxn > 0 so that the surface does not simply fill up).
 * Entries (kind "kmc_surface"; per pressure, replica means and standard errors):
 *   "P" Pa; "coverage" 1 (time average); "tof" 1/s (reaction events per site per second);
 *   "k_eff" 1/s = tof / ((z/2) theta^2), the effective pair rate constant a mean-field model
 *   would need (equals k_rxn in the well-mixed limit);
 *   "D_J_surface" m^2/s, collective (jump) diffusion coefficient of the adatoms from the
 *   centre-of-mass displacement of hops, sum over 64 segments |S|^2 / (2 d <N_A> t);
 *   "adsorption_rate" 1/s per site; "n_events" 1; "n_replicas" 1.
 * Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (negative or zero rates as stated above,
 * P <= 0), MSB_EINVAL (lattice not 2-D), MSB_ESIZE (nP = 0, n_replicas = 0),
 * MSB_EINSUFFICIENT (n_events < 64), MSB_ECANCELLED, MSB_ENOMEM. */
MSB_API msb_status msb_kmc_surface(const msb_lattice *lat, size_t nP, const double *P_Pa,
                                   double k_ads_per_Pa, double k_des, double k_hop, double k_rxn,
                                   size_t n_equil, size_t n_events, size_t n_replicas,
                                   uint64_t seed, msb_progress_fn progress, void *user,
                                   msb_estimate **out);

/* Coarse-grain the surface process into a turnover-frequency law TOF(T) at partial pressure
 * P_Pa: runs msb_kmc_surface at each of the nT >= 2 temperatures (at least two distinct) with the
 * rate constants taken from four one-input laws of T (K -> 1/(Pa s) for k_ads, 1/s for the
 * others; e.g. msb_tst_eyring_create or msb_arrhenius_create_named), then fits
 * TOF = TOF0 exp(-Ea_eff/(k_B T)) by msb_arrhenius_fit with the replica standard errors as
 * absolute uncertainties (n_replicas >= 2). Temperature point k uses seed
 * seed + 0x9e3779b97f4a7c15 * (k + 1).
 * est_out (may be NULL) gets the "arrhenius_fit" estimate (ln_D0 = ln TOF0, Ea = Ea_eff, ...)
 * with the entries "T" (K), "tof" (1/s) and "coverage" (1) appended; law_out (may be NULL,
 * but not both) gets the Arrhenius law of T (output named "D" by the fit; values in 1/s) with
 * covariance and validity domain [T_min, T_max].
 * `progress` is passed to each run (done/total restart at every temperature).
 * Errors: as msb_kmc_surface; MSB_ENULL (a law, T_K, both outputs NULL), MSB_EBADLAW (a law
 * without exactly one input and one output), MSB_ESIZE (nT < 2, n_replicas < 2), MSB_ERANGE (no
 * reaction event at some T: TOF = 0 cannot be fitted), errors of the laws' evaluation and of
 * the fit. Thread safety: re-entrant. */
MSB_API msb_status msb_kmc_surface_tof_law(const msb_lattice *lat, double P_Pa, size_t nT,
                                           const double *T_K, const msb_law *k_ads,
                                           const msb_law *k_des, const msb_law *k_hop,
                                           const msb_law *k_rxn, size_t n_equil, size_t n_events,
                                           size_t n_replicas, uint64_t seed,
                                           msb_progress_fn progress, void *user,
                                           msb_estimate **est_out, msb_law **law_out);

MSB_END_DECLS

#endif

/* msbridge/hull.h — binary convex hull, energies above the hull, decomposition products and
 * voltage plateaus of an insertion host.
 *
 * Conventions. A binary system A_(1-x) B_x is described by the atom fraction x of B (0 <= x
 * <= 1) and an energy per atom e (J per atom; formation energies or total energies give the
 * same hull, since adding a linear function of x changes neither the stable set nor the
 * distances above the hull). Voltages are per transferred ion of charge e (one electron per
 * ion): between adjacent stable phases 1 and 2 of the host, normalised per host formula unit,
 *
 *   V = -[G(y2) - G(y1) - (y2 - y1) mu_ref] / ((y2 - y1) e)
 *
 * where y is the number of inserted ions per host formula unit, G the energy per host formula
 * unit and mu_ref the energy per ion of the reference electrode (Li metal by default: the x = 1
 * end member). The host normalisation cancels in V.
 *
 * Tolerance. `tol_J` (J per atom, >= 0) decides near-degenerate cases: a phase is stable only
 * if it lies below the line joining its stable neighbours by more than tol_J. Collinear phases
 * (and phases within tol_J of the hull) have e_above_hull ~ 0 but are not stable. Duplicates
 * (equal x) keep the lowest energy (ties: the lowest index) as the only candidate.
 * 0 reproduces an exact hull; 1e-9 eV (1.602e-28 J) is a good default for DFT data.
 */
#ifndef MSBRIDGE_HULL_H
#define MSBRIDGE_HULL_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Hull analysis of n entries (x[i] in [0, 1], e[i] in J per atom).
 * Outputs (each may be NULL; n values each):
 *   stable[i]        1 if entry i is a hull vertex, else 0;
 *   e_above_hull[i]  e[i] - hull(x[i]) in J per atom (0 for stable ones; >= -tol_J: a phase
 *                    within tol_J below the chord is not stable and reports its small
 *                    negative distance);
 *   decomp_lo[i], decomp_hi[i]  indices of the stable entries bracketing x[i] into which entry
 *                    i decomposes (both i for a stable entry; equal for x at a stable
 *                    composition);
 *   frac_lo[i]       fraction (per atom) of decomp_lo[i] in that decomposition, in [0, 1].
 * Errors: MSB_ENULL (x, e), MSB_ESIZE (n = 0), MSB_ENONFINITE (NaN/Inf in x or e, naming the
 * index), MSB_EDOM (x outside [0, 1], tol_J < 0 or not finite), MSB_ENOMEM. Outputs untouched on
 * failure. Thread-safe. O(n log n). */
MSB_API msb_status msb_hull_analyze(size_t n, const double *x, const double *e, double tol_J,
                                    int *stable, double *e_above_hull, size_t *decomp_lo,
                                    size_t *decomp_hi, double *frac_lo);

/* Voltage plateaus of an insertion host from n entries given per host formula unit:
 * y[i] >= 0 ions per host formula unit, G[i] energy per host formula unit (J), mu_ref_J the
 * reference energy per ion (J; e.g. the energy per atom of Li metal). The lower hull of (y, G)
 * (tolerance tol_J in J per formula unit) gives the stable phases y_0 < y_1 < ... < y_m and
 * m plateaus: plateau k spans [y_k, y_(k+1)] at V_k (formula in the header comment), in
 * decreasing order of V for increasing y. Writes x_lo, x_hi, V (room for `capacity` each)
 * and *nplat = m. Errors: MSB_ENULL, MSB_ESIZE (n < 2, or capacity < m: *nplat is still set),
 * MSB_ENONFINITE, MSB_EDOM (y < 0, tol_J < 0 or not finite), MSB_EINSUFFICIENT (fewer than
 * two distinct y), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_hull_plateaus(size_t n, const double *y, const double *G, double mu_ref_J,
                                     double tol_J, size_t capacity, double *x_lo, double *x_hi,
                                     double *V, size_t *nplat);

/* Hull estimator: msb_hull_analyze as an msb_estimate (kind "hull"). Entries:
 *   "n_stable"       number of stable phases;
 *   "stable"         n values, 1 or 0;
 *   "e_above_hull"   n values, J per atom;
 *   "decomp_lo", "decomp_hi", "decomp_frac_lo"   as in msb_hull_analyze (indices as doubles);
 *   "hull_x", "hull_e"   the stable phases' x and e (J per atom), increasing x;
 *   "plateau_x_lo", "plateau_x_hi", "plateau_V"  present only if an x = 1 entry exists and at
 *                    least two stable phases have x < 1: insertion plateaus of the host (the
 *                    x = 0 side) against the lowest-energy x = 1 entry as reference, with y =
 *                    x/(1-x) ions per host atom and G = e/(1-x); voltages in V;
 *   "tol"            the tolerance used, J per atom.
 * Uncertainties are NaN (the inputs carry none). Errors as msb_hull_analyze. Thread-safe. */
MSB_API msb_status msb_hull_estimate(size_t n, const double *x, const double *e, double tol_J,
                                     msb_estimate **est);

MSB_END_DECLS

#endif

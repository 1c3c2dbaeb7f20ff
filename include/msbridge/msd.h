/* msbridge/msd.h — mean-squared displacement and the Einstein diffusion coefficient.
 *
 * MSD tensor over time origins, for the atoms of one type (or all):
 *   M_ab(m) = < (r_a(t0 + m dt) - r_a(t0)) (r_b(t0 + m dt) - r_b(t0)) >_{atoms, t0},
 * with all N - m origins (MSB_MSD_ALL_ORIGINS, computed by FFT in O(N log N) per atom and
 * component: the sum of squares splits into two prefix sums and a correlation, see
 * docs/estimators/msd.md) or the first frame only (MSB_MSD_FIRST_ORIGIN, what LAMMPS
 * `compute msd` prints). The isotropic MSD is the trace M_xx + M_yy + M_zz.
 * Frames must be evenly spaced in time (relative 1e-6). Positions are the trajectory's unwrapped
 * ones (msbridge/trajectory.h).
 *
 * Centre-of-mass drift (remove_com = 1): every frame's unweighted centre of ALL atoms (equal
 * masses) is subtracted from every position first, as LAMMPS `compute msd ... com yes` does for
 * equal masses.
 *
 * Threads: the all-origin MSD (msb_msd_compute, msb_einstein_fit, the self terms of
 * msb_onsager_fit) splits the atoms over up to min(online CPUs, 8) threads, or MSB_NUM_THREADS
 * from the environment, once there are >= 65536 atom-frames; the atoms go to 8 fixed blocks
 * reduced in block order, so the results are bitwise the same for any thread count.
 */
#ifndef MSBRIDGE_MSD_H
#define MSBRIDGE_MSD_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/export.h"
#include "msbridge/status.h"
#include "msbridge/trajectory.h"

MSB_BEGIN_DECLS

typedef enum msb_msd_origins {
    MSB_MSD_ALL_ORIGINS = 0,
    MSB_MSD_FIRST_ORIGIN = 1
} msb_msd_origins;

/* MSD of the atoms of `type` (type < 0: all atoms) for lags 0 .. n_lag-1 frames (n_lag = 0:
 * all frames).
 * Estimate kind "msd", entries:
 *   lag_time   (s, n_lag values)     time lag m dt
 *   msd        (m^2, n_lag values)   isotropic MSD (trace)
 *   msd_tensor (m^2, 9 n_lag values) M_ab(m) at [9 m + 3 a + b]
 *   n_atoms    (1)                   atoms averaged
 *   n_frames   (1)
 * Uncertainties are NaN here (see msb_einstein_fit for D with an honest uncertainty).
 * Errors: MSB_ENULL, MSB_EINVAL (origins value; frames not evenly spaced), MSB_ESIZE
 * (n_lag > n_frames), MSB_EINSUFFICIENT (no atom of that type), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_msd_compute(const msb_trajectory *traj, int type, msb_msd_origins origins,
                                   int remove_com, size_t n_lag, msb_estimate **out);

/* Einstein self-diffusion coefficient D = lim M(t) / (6 t) for the atoms of `type` (< 0: all),
 * with the tensor D_ab = lim M_ab(t) / (2 t).
 * Fit: ordinary least squares of M(t) = c + 6 D t over the lags of the window [t_min, t_max]
 * on the all-origin MSD of the whole trajectory.
 * Uncertainty: MSD values at different lags are strongly correlated, so the scatter about the
 * line says little about the error of D (plain least squares underestimates it several-fold;
 * its value is reported as D_ols_std for comparison). Instead the trajectory is cut into
 * n_blocks independent consecutive time blocks; the same fit is done on each block's own
 * all-origin MSD, and sigma_D = sd(D_block) / sqrt(n_blocks) (standard error of the mean of
 * nearly independent block estimates; Flyvbjerg & Petersen, J. Chem. Phys. 91, 461 (1989)).
 * Window: t_max <= 0 picks half a block length; t_min <= 0 picks the first lag m >= 1 from
 * which the log-log slope ln(M(2m)/M(m)) / ln 2 is within 0.1 of 1 (diffusive regime), at
 * most t_max / 2. Explicit windows must lie within a block (t_max <= block length).
 * traj        trajectory (needs n_blocks x 8 frames at least).
 * n_blocks    >= 2 (0: 10).
 * Estimate kind "einstein_diffusion", entries:
 *   D           (m^2/s, with sd)       isotropic self-diffusion coefficient
 *   D_tensor    (m^2/s, 9, with sd)    row-major
 *   D_ols_std   (m^2/s)                naive least-squares sd of D (diagnostic; not honest)
 *   D_blocks    (m^2/s, n_blocks)      block estimates
 *   t_min, t_max (s)                   fit window
 *   loglog_slope (1)                   d ln M / d ln t between t_min and t_max
 *   n_blocks, n_atoms, n_frames (1)
 * Errors: MSB_ENULL, MSB_EINVAL (frames not evenly spaced, t_min >= t_max), MSB_EDOM (window
 * outside (0, block length]), MSB_EINSUFFICIENT (too few frames, fewer than 3 lags in the
 * window, no diffusive regime found, no atom of the type), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_einstein_fit(const msb_trajectory *traj, int type, int remove_com,
                                    double t_min_s, double t_max_s, size_t n_blocks,
                                    msb_estimate **out);

/* Onsager transport coefficients and Einstein-Helfand conductivity from collective
 * displacements (charge/centre-of-mass displacement including cross terms):
 *   R_a(t) = sum_{i in species a} r_i(t),
 *   L_ab   = lim  < dR_a(t) . dR_b(t) > / (6 V k_B T t)             (1/(J m s))
 *   sigma  = e^2 sum_ab z_a z_b L_ab                                   (Einstein-Helfand, S/m)
 *   t_a    = z_a sum_b z_b L_ab / sum_cd z_c z_d L_cd                  (Onsager transference)
 *   sigma_NE = e^2 / (V k_B T) sum_a N_a z_a^2 D_a*,  H = sigma_NE / sigma  (Haven ratio)
 * (E. Helfand, Phys. Rev. 119, 1 (1960); Onsager-coefficient route: N. M. Vargas-Barbosa and
 * B. Roling, ChemElectroChem 7, 367 (2020); K. D. Fong et al., Macromolecules 53, 9503 (2020)).
 * The slopes are least-squares slopes over the window of the all-origin collective MSDs; the
 * window and the block scheme are those of msb_einstein_fit (automatic window from the self MSD
 * of all atoms). Every reported quantity is the mean of its n_blocks block values with the
 * standard error of that mean (ratios such as t_a and H are formed per block).
 * Centre-of-mass drift is removed (equal masses) when remove_com = 1 (recommended: the L_ab
 * are then barycentric; sigma of a neutral system does not depend on it).
 * n_species   1 .. 8;  types[a]: the trajectory type of species a;  z[a]: its charge number.
 * T_K         temperature of the run, > 0. The volume is the mean cell volume (needs a cell).
 * Estimate kind "onsager", entries:
 *   sigma_EH (S/m), sigma_NE (S/m), haven_ratio (1), t (1, n_species values: t_a),
 *   L (1/(J m s), n_species^2 values, row-major), D_self (m^2/s, n_species values),
 *   t_min, t_max (s), n_blocks (1), volume (m^3)      — all with block standard errors.
 * Errors: MSB_ENULL, MSB_ESIZE (n_species), MSB_EDOM (T_K <= 0, window), MSB_EINVAL (no cell,
 * uneven frames, a type listed twice), MSB_EINSUFFICIENT (a species without atoms, too few
 * frames), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_onsager_fit(const msb_trajectory *traj, size_t n_species, const int *types,
                                   const int *z, double T_K, int remove_com, double t_min_s,
                                   double t_max_s, size_t n_blocks, msb_estimate **out);

/* Yeh-Hummer finite-size correction for self-diffusion in a cubic periodic box:
 *   D_inf = D_pbc + xi k_B T / (6 pi eta L),  xi = 2.837297
 * (I.-C. Yeh and G. Hummer, J. Phys. Chem. B 108, 15873 (2004)). D_pbc in m^2/s, T_K > 0,
 * eta_Pa_s shear viscosity > 0, L_m box edge > 0. Errors: MSB_ENULL, MSB_ENONFINITE, MSB_EDOM.
 * Thread-safe. */
MSB_API msb_status msb_yeh_hummer_correction(double D_pbc, double T_K, double eta_Pa_s,
                                             double L_m, double *D_inf);

MSB_END_DECLS

#endif

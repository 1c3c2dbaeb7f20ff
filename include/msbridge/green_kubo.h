/* msbridge/green_kubo.h — Green-Kubo transport coefficients from equilibrium fluctuations.
 *
 * Accepted definitions (the `kind` argument says which one the series is; all in SI):
 *
 *  MSB_GK_HEAT_JV        series = J V = sum_i e_i v_i + sum_i S_i v_i, energy x velocity (J m/s):
 *                        exactly what LAMMPS `compute heat/flux` outputs (its manual: "J = ...
 *                        is the heat flux times the volume"), converted with
 *                        msb_units_to_si(MSB_Q_HEAT_FLUX). `geom` = V (m^3):
 *                          kappa = 1/(V k_B T^2) * int_0^inf <JV(0) JV(t)> dt   [W/(m K)]
 *  MSB_GK_HEAT_FLUX      series = heat-flux density J (W/m^2). `geom` = V (m^3):
 *                          kappa = V/(k_B T^2) * int_0^inf <J(0) J(t)> dt       [W/(m K)]
 *  MSB_GK_INTERFACE      series = Q, the heat current (power) across an interface of area A
 *                        (W), e.g. the rate of change of one side's energy. `geom` = A (m^2):
 *                          G = 1/(A k_B T^2) * int_0^inf <Q(0) Q(t)> dt        [W/(m^2 K)]
 *                        (Puech, Bonfait, Castaing, J. Low Temp. Phys. 62, 349 (1986);
 *                        Barrat & Chiaruttini, Mol. Phys. 101, 1605 (2003)). For a finite
 *                        periodic system the integral of <QQ> decays back to zero at long times
 *                        (energy conservation); the plateau before that is the estimate, which
 *                        the automatic cutoff below finds when the plateau is well separated.
 *
 * The series is `ncomp` equivalent components (e.g. x, y, z of an isotropic flux) of n samples
 * each, stored component after component: x[c * n + i] (a Fortran array x(n, ncomp), a numpy
 * array of shape (ncomp, n), or adjacent columns of an msb_table). The components are treated as
 * independent samples of the same process: their correlations are averaged ("/3" for an
 * isotropic kappa with ncomp = 3). The mean of the series is NOT subtracted (the fluxes of an
 * equilibrium run have zero mean; subtract it yourself if yours has a drift you know to be
 * spurious). T is the mean temperature of the run (K), n the number of samples, dt the sampling
 * interval (s).
 *
 * Two estimators of the same integral (Sci. Rep. 7, 15835 (2017) discusses why integrating to
 * the end of the correlation function is wrong):
 *   msb_gk_running  — running integral of the unbiased autocorrelation up to an automatic (or
 *                     given) cutoff, with a statistical error from independent segments;
 *   msb_gk_cepstral — cepstral analysis of the low-frequency periodogram (Ercole, Marcolongo,
 *                     Baroni, Sci. Rep. 7, 15835 (2017)), with the number of cepstral
 *                     coefficients chosen by the Akaike information criterion.
 * Details, validation and references: docs/estimators/green_kubo.md.
 *
 * All functions are thread-safe (no shared state) and allocate only their own scratch.
 * Threads: msb_gk_acf and msb_gk_running correlate the components concurrently (series of
 * >= 4096 samples with >= 2 components) on up to min(ncomp, online CPUs, 8) threads, or
 * MSB_NUM_THREADS from the environment; the components are reduced in a fixed order, so the
 * results are bitwise the same for any thread count.
 */
#ifndef MSBRIDGE_GREEN_KUBO_H
#define MSBRIDGE_GREEN_KUBO_H

#include <stddef.h>

#include "msbridge/estimate.h"
#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef enum msb_gk_kind {
    MSB_GK_HEAT_JV = 0,
    MSB_GK_HEAT_FLUX = 1,
    MSB_GK_INTERFACE = 2
} msb_gk_kind;

/* Component-averaged unbiased autocorrelation of the series (layout above):
 *   acf[m] = mean_c  1/(n - m) sum_{i=0}^{n-1-m} x_c[i] x_c[i+m],   m = 0 .. n_lag - 1,
 * by FFT, and if acf_sd is not NULL the standard error of that mean over the components
 * (sd / sqrt(ncomp); NaN when ncomp = 1). Units: those of x squared.
 * Errors: MSB_ENULL; MSB_ESIZE (n = 0, ncomp = 0, n_lag = 0 or n_lag > n); MSB_ENONFINITE (a
 * non-finite sample: the message names component and index); MSB_ENOMEM. Outputs untouched on
 * failure. Thread-safe. */
MSB_API msb_status msb_gk_acf(size_t n, size_t ncomp, const double *x, size_t n_lag,
                              double *acf, double *acf_sd);

/* Running-integral Green-Kubo estimate.
 * kind, n, ncomp, x, dt_s, geom, T_K: as described above; n >= 64 samples.
 * t_cut_s   0 for the automatic cutoff, else the upper limit of the integral (s), > 0, at most
 *           n dt / 8 (so that >= 4 independent segments of >= 2 cutoffs each fit).
 * Automatic cutoff (Sokal's self-consistent window; A. D. Sokal, "Monte Carlo methods in
 * statistical mechanics", Cargese lectures 1996, sec. 3; Madras & Sokal, J. Stat. Phys. 50,
 * 109 (1988)), applied to |C| so that oscillating correlations do not stop it early: the
 * smallest lag M >= 1 such that M >= 6 tau_abs(M), with tau_abs(M) = int_0^M |C| / (dt C(0))
 * (trapezoid). For an exponential correlation this stops at about 6 correlation times
 * (truncation bias exp(-6) = 0.25 %). Then a settling ladder: while the full-series running
 * integral leaves I(M) +- 2 sigma(I(M)) somewhere in [M, 2M] (a slow tail under a large fast
 * oscillating part, e.g. amorphous silica), M grows by a quarter; if no M <= n/16 settles,
 * MSB_EINSUFFICIENT (give t_cut_s, or use msb_gk_cepstral). docs/estimators/green_kubo.md.
 * Error: the series is cut into B = min(16, n / (4 (M + 1))) >= 4 segments; the integral up to
 * M is computed on each segment and component, and sigma = sd(those B ncomp values) /
 * sqrt(B ncomp) (segments longer than the correlation time are independent). Coverage is
 * tested on Ornstein-Uhlenbeck series.
 * est_out receives an estimate of kind "green_kubo" with entries:
 *   kappa (W/(m K); kinds HEAT_JV, HEAT_FLUX) or G (W/(m^2 K); kind INTERFACE), with sd;
 *   integral      (x-unit^2 s) int_0^tcut <x(0)x(t)> dt, with sd;
 *   t_cut (s), n_cut (lags), tau_int (s: I(M)/C(0)), n_segments, n_sokal (Sokal's M before
 *   the ladder; 0 for a given t_cut), n, ncomp, dt (s), T (K),
 *   acf0 (x-unit^2: C(0)), time (s: lags 0 .. n_out-1), running (kappa or G units: the running
 *   integral times the prefactor at those lags; n_out = min(n/2, 4 M + 1)).
 * Errors: MSB_ENULL; MSB_EINVAL (unknown kind); MSB_ESIZE (ncomp = 0); MSB_EINSUFFICIENT
 * (n < 64; no cutoff found within n/8 lags; the running integral does not settle; t_cut too
 * long for 4 segments); MSB_ENONFINITE; MSB_EDOM (dt, geom or T not > 0, t_cut < 0 or shorter
 * than dt); MSB_ERANGE;
 * MSB_ENOMEM. Nothing is returned on failure. Thread-safe. */
MSB_API msb_status msb_gk_running(msb_gk_kind kind, size_t n, size_t ncomp, const double *x,
                                  double dt_s, double geom, double T_K, double t_cut_s,
                                  msb_estimate **est_out);

/* Cepstral Green-Kubo estimate (Ercole, Marcolongo, Baroni, Sci. Rep. 7, 15835 (2017)).
 * kind, n, ncomp, x, dt_s, geom, T_K: as above; ncomp = the number of equivalent components
 * (l in the paper; their periodograms are averaged).
 * f_star_Hz  highest frequency kept (Hz), > 0, or 0 for the Nyquist frequency 1/(2 dt). Only
 *            the periodogram below f* is analysed: this is what resampling to f* with an
 *            ideal low-pass filter does (sportran's "FSTAR"); choose f* below the first
 *            high-frequency peak of the spectrum, where log S is smooth.
 * Method: the series is trimmed to the longest prefix whose length has no prime factor above
 * 5 (loses < 1 % for any n >= 1000); periodogram S_k = dt/n |sum_j x_j e^{-2 pi i jk/n}|^2
 * averaged over components, for frequencies f_k = k/(n dt) <= f*; L_k = ln S_k - (psi(l) -
 * ln l); cepstral coefficients C_p = DCT-I of L (normalized as the inverse DFT of the
 * symmetric spectrum of length N = 2 (NF - 1)); P* coefficients chosen by minimising
 * AIC(P) = sum_{p >= P} C_p^2 / var_p + 2 P, var_p = psi'(l)/N (2 psi'(l)/N at the ends);
 * L0(P) = C_0 + 2 sum_{p=1}^{P-1} C_p with var(L0(P)) = psi'(l) (4 P - 2) / N. The paper's
 * estimate is L0(P*) ("kappa_aic", "L0_aic": sd conditional on P*, which under-covers because
 * P* is chosen by the same noise: 0.60 instead of 0.68 on Ornstein-Uhlenbeck series). The main
 * output is the Akaike-weighted model average over P, w_P = exp(-(AIC_P - AIC_min)/2), with
 * Buckland's unconditional sd = sum w_P sqrt(var_P + (L0(P) - L0avg)^2) / sum w_P (Buckland,
 * Burnham, Augustin, Biometrics 53, 603 (1997)); coverage 0.73 +- 0.03 in the same test. The
 * k = 0 term (and k = n/2 at Nyquist) is real, chi2_l: its bias is psi(l/2) - ln(l/2).
 * S0 = exp(L0), kappa = prefactor * S0 / 2, sigma = kappa sd(L0). AIC search over P <= 4096.
 * est_out receives an estimate of kind "green_kubo_cepstral" with entries:
 *   kappa or G (as above, with sd: model average); kappa_aic or G_aic (the paper's, with its
 *   sd); L0, L0_aic (ln of x-unit^2 s, with sd); dof (l); S0 (x-unit^2 s: the
 *   zero-frequency spectrum int_-inf^inf <x(0)x(t)> dt); P_star; f_star (Hz); n_freq (NF);
 *   n_used (samples after trimming); ncomp; dt (s); T (K).
 * Errors: MSB_ENULL; MSB_EINVAL (unknown kind); MSB_ESIZE (ncomp = 0); MSB_EINSUFFICIENT
 * (n < 64 or fewer than 16 frequencies below f*); MSB_ENONFINITE; MSB_EDOM (dt, geom, T not
 * > 0; f* < 0 or above Nyquist; a periodogram value of zero); MSB_ERANGE; MSB_ENOMEM.
 * Nothing is returned on failure. Thread-safe. */
MSB_API msb_status msb_gk_cepstral(msb_gk_kind kind, size_t n, size_t ncomp, const double *x,
                                   double dt_s, double geom, double T_K, double f_star_Hz,
                                   msb_estimate **est_out);

/* Multi-component cepstral Green-Kubo estimate (Bertossa, Grasselli, Ercole, Baroni, Phys. Rev.
 * Lett. 122, 255901 (2019)): the transport coefficient of flux 0 when nflux - 1 further
 * conserved fluxes (e.g. the centre-of-mass velocity of one species in a binary molten salt)
 * are present, kappa = prefactor / (2 (S^-1)_00(0)), S the fluxes' zero-frequency spectral
 * matrix. This is the coefficient with the other fluxes held at zero, which removes the
 * non-diffusive (convective) part that makes the plain energy-flux integral ill defined for
 * multi-component fluids.
 * x         nflux x ncomp series of n samples, flux-major: x[(f * ncomp + c) * n + i], flux
 *           f = 0 the one whose coefficient is wanted, in the unit `kind` says; the other
 *           fluxes in any consistent unit (the result does not depend on their scale).
 * ncomp     equivalent components l (3 for an isotropic fluid), >= nflux.
 * nflux     number of fluxes Q, 1 .. 8 (nflux = 1 is msb_gk_cepstral).
 * Method: as msb_gk_cepstral, with the periodogram replaced by the Schur complement
 * 1 / (S_k^-1)_00 of the component-averaged matrix periodogram S_k, distributed as
 * S chi2_{2 (l - Q + 1)} / (2 l): bias psi(l - Q + 1) - ln l, variance psi'(l - Q + 1) (the
 * estimate's entry "dof" = l - Q + 1).
 * est_out receives an estimate of kind "green_kubo_cepstral_multi" with the entries of
 * msb_gk_cepstral.
 * Errors: as msb_gk_cepstral; MSB_ESIZE also for nflux = 0 or > 8 or ncomp < nflux; MSB_EDOM
 * also when the spectral matrix is singular at some frequency. Thread-safe. */
MSB_API msb_status msb_gk_cepstral_multi(msb_gk_kind kind, size_t n, size_t ncomp, size_t nflux,
                                         const double *x, double dt_s, double geom, double T_K,
                                         double f_star_Hz, msb_estimate **est_out);

MSB_END_DECLS

#endif

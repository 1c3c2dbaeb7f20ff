/* Internal: argument checks and prefactors shared by the Green-Kubo estimators. */
#ifndef MSBI_GK_INTERNAL_H
#define MSBI_GK_INTERNAL_H

#include "core/internal.h"
#include "msbridge/green_kubo.h"

/* Validate (kind, n >= n_min, ncomp, x finite, dt, geom, T) and return the prefactor that
 * turns int <x x> dt into kappa or G, and the output's name and unit. */
msb_status msbi_gk_check(const char *where, msb_gk_kind kind, size_t n, size_t n_min,
                         size_t ncomp, const double *x, double dt_s, double geom, double T_K,
                         double *prefactor, const char **name, const char **unit);

/* Cepstral analysis of a spectrum estimate (cepstral.c). L[k], k < NF (overwritten): the
 * spectrum estimate at f_k = k / (nu dt) (x-unit^2 s), distributed as S(f_k) chi2_{2 dof} / (2 l)
 * (chi2_dof / l at k = 0 and k = nu / 2, which are real); K = NF - 1. pref, oname, ounit from
 * msbi_gk_check. Scratch: ctab (2 (NF - 1)), cc and aic (MSBI_CEP_MAX_P + 1 each). */
#define MSBI_CEP_MAX_P 4096
/* Frequency grid of the cepstral estimators: checks f_star_Hz (finite: MSB_ENONFINITE; 0 or in
 * (0, Nyquist]: MSB_EDOM), trims n to the longest length nu <= n with no prime factor above 5,
 * and gives the number NF = K + 1 of frequencies kept (MSB_EINSUFFICIENT below 16). */
msb_status msbi_gk_cepstral_grid(const char *where, size_t n, double dt_s, double f_star_Hz,
                                 size_t *nu, size_t *NF);
msb_status msbi_gk_cepstral_core(const char *where, const char *est_kind, msb_gk_kind kind,
                                 double *L, size_t NF, size_t nu, size_t K, int dof, int l,
                                 double dt_s, double pref, const char *oname, const char *ounit,
                                 size_t ncomp, double T_K, double *ctab, double *cc, double *aic,
                                 msb_estimate **est_out);

#endif

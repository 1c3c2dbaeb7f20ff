/* Multi-component cepstral analysis (msbridge/green_kubo.h): Bertossa, Grasselli, Ercole,
 * Baroni, Phys. Rev. Lett. 122, 255901 (2019). The transport coefficient of flux 0 with the
 * other (conserved) fluxes held at zero is 1 / (S^-1)_00 at zero frequency, S the fluxes'
 * spectral matrix; its sample estimate at each frequency is the Schur complement of the
 * component-averaged matrix periodogram, distributed as S chi2_{2 (l - Q + 1)} / (2 l). */
#include <gsl/gsl_errno.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "estimators/gk_internal.h"
#include "msbridge/green_kubo.h"
#include "numerics/fft.h"

#define CEPM_MIN_SAMPLES 64
#define CEPM_MAX_FLUX 8


/* Schur complement of the trailing block of a Hermitian Q x Q matrix (re, im row-major, both
 * overwritten): S_00 - s_0r S_rr^-1 s_r0 by eliminating pivots Q-1 .. 1. Returns 0 and the
 * value in *out, or -1 if a pivot is not positive (singular matrix). */
static int schur00(size_t Q, double *re, double *im, double *out)
{
    for (size_t p = Q - 1; p >= 1; p--) {
        const double d = re[p * Q + p];
        if (!(d > 0)) return -1;
        for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < p; j++) {
                /* S_ij -= S_ip S_pj / S_pp */
                const double ar = re[i * Q + p], ai = im[i * Q + p];
                const double br = re[p * Q + j], bi = im[p * Q + j];
                re[i * Q + j] -= (ar * br - ai * bi) / d;
                im[i * Q + j] -= (ar * bi + ai * br) / d;
            }
    }
    *out = re[0];
    return 0;
}

msb_status msb_gk_cepstral_multi(msb_gk_kind kind, size_t n, size_t ncomp, size_t nflux,
                                 const double *x, double dt_s, double geom, double T_K,
                                 double f_star_Hz, msb_estimate **est_out)
{
    MSBI_CHECK_NULL(est_out);
    if (nflux == 0 || nflux > CEPM_MAX_FLUX)
        return MSBI_FAIL(MSB_ESIZE, "nflux must be 1 .. %d (got %zu)", CEPM_MAX_FLUX, nflux);
    if (ncomp < nflux)
        return MSBI_FAIL(MSB_ESIZE, "need ncomp >= nflux (the periodogram's chi2 has "
                         "2 (ncomp - nflux + 1) degrees of freedom; got ncomp = %zu, nflux = "
                         "%zu)", ncomp, nflux);
    size_t nser;
    if (msbi_mul_size(ncomp, nflux, &nser)) return MSBI_FAIL(MSB_ESIZE, "ncomp * nflux overflows");
    double pref = 0.0;
    const char *oname = NULL, *ounit = NULL;
    MSBI_TRY(msbi_gk_check(__func__, kind, n, CEPM_MIN_SAMPLES, nser, x, dt_s, geom, T_K, &pref,
                           &oname, &ounit));
    size_t nu, NF;
    MSBI_TRY(msbi_gk_cepstral_grid(__func__, n, dt_s, f_star_Hz, &nu, &NF));
    const size_t K = NF - 1;
    const size_t N = 2 * (NF - 1), Q = nflux, Q2 = nflux * nflux;

    msbi_gsl_ensure_policy();
    /* Scratch: FFTs of the Q fluxes of one component (Q nu), the matrix periodogram (2 Q^2 NF),
     * one matrix (2 Q^2), the spectrum NF, cos table N, coefficients and AIC. */
    size_t total = 0, a2;
    if (msbi_mul_size(2 * Q2, NF, &a2) ||
        msbi_add_size(0, a2, &total) || msbi_add_size(total, 2 * Q2 + NF + N, &total) ||
        msbi_add_size(total, 2 * (MSBI_CEP_MAX_P + 1), &total))
        return MSBI_FAIL(MSB_ESIZE, "series too long");
    double *buf = msbi_alloc_array(total, sizeof(double));
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
    double *Sre = buf, *Sim = Sre + Q2 * NF, *mre = Sim + Q2 * NF,
           *mim = mre + Q2, *L = mim + Q2, *ctab = L + NF, *cc = ctab + N,
           *aic = cc + MSBI_CEP_MAX_P + 1;
    msb_status st = MSB_SUCCESS;
    msb_estimate *est = NULL;
    /* complex transforms of the real series (nu may be odd): re and im of each flux, work */
    msbi_fft_plan *plan = NULL;
    double *fre = NULL;
    st = msbi_fft_plan_create(__func__, nu, &plan);
    if (st) goto done;
    fre = msbi_alloc_array(2 * Q * nu + msbi_fft_work_size(plan), sizeof(double));
    if (fre == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory for %zu %zu-point FFTs", Q, nu);
        goto done;
    }
    memset(Sre, 0, 2 * Q2 * NF * sizeof(double));
    const double norm = dt_s / ((double)nu * (double)ncomp);
    for (size_t c = 0; c < ncomp; c++) {
        for (size_t f = 0; f < Q; f++) {
            double *re = fre + 2 * f * nu, *im = re + nu;
            memcpy(re, x + (f * ncomp + c) * n, nu * sizeof(double));
            memset(im, 0, nu * sizeof(double));
            msbi_fft_forward(plan, re, im, fre + 2 * Q * nu);
        }
        /* S_fg += X_f conj(X_g) */
        for (size_t k = 0; k < NF; k++)
            for (size_t f = 0; f < Q; f++)
                for (size_t g = 0; g < Q; g++) {
                    const double *u = fre + 2 * f * nu, *v = fre + 2 * g * nu;
                    const double ar = u[k], ai = u[nu + k], br = v[k], bi = v[nu + k];
                    Sre[k * Q2 + f * Q + g] += (ar * br + ai * bi) * norm;
                    Sim[k * Q2 + f * Q + g] += (ai * br - ar * bi) * norm;
                }
    }
    for (size_t k = 0; k < NF; k++) {
        memcpy(mre, Sre + k * Q2, Q2 * sizeof(double));
        memcpy(mim, Sim + k * Q2, Q2 * sizeof(double));
        if (schur00(Q, mre, mim, &L[k]) != 0) {
            st = MSBI_FAIL(MSB_EDOM, "the fluxes' spectral matrix is singular at frequency "
                           "index %zu (%g Hz): a flux is zero or the fluxes are linearly "
                           "dependent there", k, (double)k / ((double)nu * dt_s));
            goto done;
        }
    }
    {
        const int l = ncomp > 100000 ? 100000 : (int)ncomp;
        st = msbi_gk_cepstral_core(__func__, "green_kubo_cepstral_multi", kind, L, NF, nu, K,
                                   l - (int)Q + 1, l, dt_s, pref, oname, ounit, ncomp, T_K,
                                   ctab, cc, aic, &est);
    }
done:
    msbi_fft_plan_destroy(plan);
    msbi_free(fre);
    msbi_free(buf);
    if (st == MSB_SUCCESS) *est_out = est;
    return st;
}

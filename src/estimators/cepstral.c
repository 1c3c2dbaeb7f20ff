/* Cepstral analysis of a flux's low-frequency spectrum (msbridge/green_kubo.h):
 * Ercole, Marcolongo, Baroni, Sci. Rep. 7, 15835 (2017). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_psi.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "estimators/gk_internal.h"
#include "msbridge/green_kubo.h"
#include "numerics/fft.h"

#define CEP_MIN_SAMPLES 64
#define CEP_MIN_FREQ 16
#define CEP_MAX_P MSBI_CEP_MAX_P

/* Largest m <= n with no prime factor above 5 (the lengths numerics/fft.h takes). */
static size_t smooth_length(size_t n)
{
    for (size_t m = n; m > 1; m--) {
        size_t r = m;
        while (r % 2 == 0) r /= 2;
        while (r % 3 == 0) r /= 3;
        while (r % 5 == 0) r /= 5;
        if (r == 1) return m;
    }
    return 1;
}

msb_status msbi_gk_cepstral_grid(const char *where, size_t n, double dt_s, double f_star_Hz,
                                 size_t *nu_out, size_t *NF_out)
{
    if (!isfinite(f_star_Hz))
        return msbi_error(MSB_ENONFINITE, where, "f_star_Hz is not finite (%g)", f_star_Hz);
    const size_t nu = smooth_length(n);
    const double f_ny = 0.5 / dt_s;
    if (!(f_star_Hz >= 0) || f_star_Hz > f_ny * (1 + 1e-12))
        return msbi_error(MSB_EDOM, where, "f_star_Hz must be 0 (Nyquist) or in (0, %g] Hz "
                          "(got %g)", f_ny, f_star_Hz);
    size_t K = nu / 2;
    if (f_star_Hz > 0) {
        const double kf = f_star_Hz * (double)nu * dt_s;
        if (kf < (double)K) K = (size_t)kf;
    }
    if (K + 1 < CEP_MIN_FREQ)
        return msbi_error(MSB_EINSUFFICIENT, where, "only %zu frequencies below f* = %g Hz "
                          "(need %d): series too short or f* too low", K + 1, f_star_Hz,
                          CEP_MIN_FREQ);
    *nu_out = nu;
    *NF_out = K + 1;
    return MSB_SUCCESS;
}

/* Shared with the multi-flux estimator (cepstral_multi.c). */
msb_status msbi_gk_cepstral_core(const char *where, const char *est_kind, msb_gk_kind kind,
                                 double *L, size_t NF, size_t nu, size_t K, int dof, int l,
                                 double dt_s, double pref, const char *oname, const char *ounit,
                                 size_t ncomp, double T_K, double *ctab, double *cc, double *aic,
                                 msb_estimate **est_out)
{
    msb_status st = MSB_SUCCESS;
    msb_estimate *est = NULL;
    const size_t N = 2 * (NF - 1);
    const double lam = gsl_sf_psi_int(dof) - log((double)l);  /* mean of ln(chi2_2dof / 2l) */
    const double trig = gsl_sf_psi_1_int(dof);                 /* its variance */
    /* The zero-frequency term (and the Nyquist term, when f* is the Nyquist frequency of an
     * even-length series) is real: chi2 with dof, not 2 dof, degrees of freedom, so its log has
     * mean psi(dof/2) - ln(l/2). */
    const double lam_real = gsl_sf_psi(0.5 * (double)dof) - log(0.5 * (double)l);
    if (msbi_gsl_take_error()) {
        return MSB_EINTERNAL;
    }
    double sumL2 = 0.0;
    for (size_t k = 0; k < NF; k++) {
        const double s = L[k];
        if (!(s > 0)) {
            st = msbi_error(MSB_EDOM, where, "periodogram is zero at frequency index %zu (%g Hz): the "
                           "series has no power there", k, (double)k / ((double)nu * dt_s));
            return st;
        }
        L[k] = log(s) - ((k == 0 || 2 * k == nu) ? lam_real : lam);
        const double m = (k == 0 || k == NF - 1) ? 1.0 : 2.0;
        sumL2 += m * L[k] * L[k];
    }
    for (size_t j = 0; j < N; j++) ctab[j] = cos(2.0 * MSBI_PI * (double)j / (double)N);
    /* C_p = (1/N) [L_0 + (-1)^p L_{NF-1} + 2 sum_{j=1}^{NF-2} L_j cos(pi j p / (NF-1))].
     * AIC(P) = sum_{p >= P} C_p^2 / var_p + 2P, using Parseval for the tail:
     * sum_{p=0}^{NF-1} m_p C_p^2 = (1/N) sum_j m_j L_j^2 (m = 1 at the ends, 2 inside) and
     * C_p^2 / var_p = N m_p C_p^2 / (2 psi'). */
    const size_t Pmax = NF < CEP_MAX_P ? NF : CEP_MAX_P;
    double head = 0.0, best_aic = INFINITY;
    size_t best_P = 1;
    for (size_t p = 0; p < Pmax; p++) {
        double s = L[0] + ((p % 2) ? -L[NF - 1] : L[NF - 1]);
        size_t idx = 0;
        for (size_t j = 1; j + 1 < NF; j++) {
            idx += p;
            if (idx >= N) idx -= N;
            s += 2.0 * L[j] * ctab[idx];
        }
        cc[p] = s / (double)N;
        const double m = (p == 0 || p == NF - 1) ? 1.0 : 2.0;
        head += m * cc[p] * cc[p];
        const size_t P = p + 1;
        double tail = (sumL2 / (double)N - head) * (double)N / (2.0 * trig);
        if (tail < 0) tail = 0;
        aic[p] = tail + 2.0 * (double)P;
        if (aic[p] < best_aic) {
            best_aic = aic[p];
            best_P = P;
        }
    }
    /* The paper's estimate: P* coefficients, variance conditional on P*. */
    double L0_aic = cc[0];
    for (size_t p = 1; p < best_P; p++) L0_aic += (p == NF - 1 ? 1.0 : 2.0) * cc[p];
    const double sd_aic = sqrt(trig * (4.0 * (double)best_P - 2.0) / (double)N);
    /* Model average over P with Akaike weights w_P = exp(-(AIC_P - AIC_min)/2) and the
     * unconditional standard error of Buckland, Burnham & Augustin (Biometrics 53, 603
     * (1997)): sd = sum_P w_P sqrt(var_P + (L0_P - L0_avg)^2) / sum_P w_P. Conditioning on
     * the chosen P* ignores that P* itself depends on the noise (coefficients enter when they
     * happen to be large), which makes the paper's interval cover ~0.56 instead of 0.68 on
     * Ornstein-Uhlenbeck series; the average restores it (docs/estimators/green_kubo.md). */
    double wsum = 0.0, wl = 0.0;
    {
        double l0 = cc[0];
        for (size_t p = 0; p < Pmax; p++) {
            if (p > 0) l0 += (p == NF - 1 ? 1.0 : 2.0) * cc[p];
            const double wp = exp(-0.5 * (aic[p] - best_aic));
            wsum += wp;
            wl += wp * l0;
        }
    }
    const double L0 = wl / wsum;
    double sdL0 = 0.0;
    {
        double l0 = cc[0];
        for (size_t p = 0; p < Pmax; p++) {
            if (p > 0) l0 += (p == NF - 1 ? 1.0 : 2.0) * cc[p];
            const double wp = exp(-0.5 * (aic[p] - best_aic));
            const double vp = trig * (4.0 * (double)(p + 1) - 2.0) / (double)N;
            sdL0 += wp * sqrt(vp + (l0 - L0) * (l0 - L0));
        }
        sdL0 /= wsum;
    }
    const double S0 = exp(L0);
    const double val = pref * 0.5 * S0, sd = val * sdL0;
    const double val_aic = pref * 0.5 * exp(L0_aic), sdv_aic = val_aic * sd_aic;
    if (!isfinite(val) || !isfinite(sd) || S0 == 0.0 || !isfinite(val_aic) || val_aic == 0.0) {
        st = msbi_error(MSB_ERANGE, where, "result not representable (L0 = %g)", L0);
        return st;
    }
    est = msbi_estimate_new(est_kind);
    const char *wh = where;
    st = est == NULL ? msbi_error(MSB_ENOMEM, where, "out of memory") : MSB_SUCCESS;
    if (!st) st = msbi_estimate_add1(wh, est, oname, ounit, "Green-Kubo transport coefficient "
                                     "(cepstral analysis, AIC model average)", val, sd);
    if (!st) st = msbi_estimate_add1(wh, est, "L0", "ln(x^2 s)", "cepstral estimate of ln S(0) (AIC model average)", L0, sdL0);
    if (!st) st = msbi_estimate_add1(wh, est, kind == MSB_GK_INTERFACE ? "G_aic" : "kappa_aic",
                                     ounit, "the published estimator: P* coefficients, sd "
                                     "conditional on P*", val_aic, sdv_aic);
    if (!st) st = msbi_estimate_add1(wh, est, "L0_aic", "ln(x^2 s)", "ln S(0) from P* coefficients, sd conditional on P*", L0_aic, sd_aic);
    if (!st) st = msbi_estimate_add1(wh, est, "S0", "x^2 s", "zero-frequency spectrum, 2 int_0^inf <x(0)x(t)> dt", S0, S0 * sdL0);
    if (!st) st = msbi_estimate_add1(wh, est, "P_star", "1", "cepstral coefficients kept (AIC)", (double)best_P, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "f_star", "Hz", "highest frequency analysed", (double)K / ((double)nu * dt_s), NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n_freq", "1", "frequencies analysed", (double)NF, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n_used", "1", "samples used per component", (double)nu, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "ncomp", "1", "equivalent components averaged", (double)ncomp, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "dof", "1", "degrees of freedom of the periodogram's chi2 (l - fluxes + 1)", (double)dof, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "dt", "s", "sampling interval", dt_s, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "T", "K", "temperature", T_K, NAN);
    if (st) {
        msb_estimate_destroy(est);
        est = NULL;
    }
    if (st == MSB_SUCCESS) *est_out = est;
    return st;
}

msb_status msb_gk_cepstral(msb_gk_kind kind, size_t n, size_t ncomp, const double *x,
                           double dt_s, double geom, double T_K, double f_star_Hz,
                           msb_estimate **est_out)
{
    MSBI_CHECK_NULL(est_out);
    double pref = 0.0;
    const char *oname = NULL, *ounit = NULL;
    MSBI_TRY(msbi_gk_check(__func__, kind, n, CEP_MIN_SAMPLES, ncomp, x, dt_s, geom, T_K, &pref,
                           &oname, &ounit));
    size_t nu, NF;
    MSBI_TRY(msbi_gk_cepstral_grid(__func__, n, dt_s, f_star_Hz, &nu, &NF));
    const size_t K = NF - 1;
    const size_t N = 2 * (NF - 1);

    msbi_gsl_ensure_policy();
    /* Scratch: psd NF, cos table N, coefficients and AIC up to CEP_MAX_P. */
    size_t total = 0;
    if (msbi_add_size(0, NF, &total) || msbi_add_size(total, N, &total) ||
        msbi_add_size(total, 2 * (CEP_MAX_P + 1), &total))
        return MSBI_FAIL(MSB_ESIZE, "series too long");
    double *buf = msbi_alloc_array(total, sizeof(double));
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
    double *L = buf, *ctab = L + NF, *cc = ctab + N, *aic = cc + CEP_MAX_P + 1;
    msb_status st = MSB_SUCCESS;
    msb_estimate *est = NULL;
    /* complex transform of the real series (nu may be odd): re, im, work */
    msbi_fft_plan *plan = NULL;
    double *fre = NULL;
    st = msbi_fft_plan_create(__func__, nu, &plan);
    if (st) goto done;
    fre = msbi_alloc_array(2 * nu + msbi_fft_work_size(plan), sizeof(double));
    if (fre == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory for a %zu-point FFT", nu);
        goto done;
    }
    memset(L, 0, NF * sizeof(double));
    /* the component average folded into the normalisation, as in msb_gk_cepstral_multi (so
     * that nflux = 1 there gives the same bits) */
    const double norm = dt_s / ((double)nu * (double)ncomp);
    for (size_t c = 0; c < ncomp; c++) {
        double *fim = fre + nu;
        memcpy(fre, x + c * n, nu * sizeof(double));
        memset(fim, 0, nu * sizeof(double));
        msbi_fft_forward(plan, fre, fim, fim + nu);
        for (size_t k = 0; k < NF; k++) L[k] += (fre[k] * fre[k] + fim[k] * fim[k]) * norm;
    }
    {
        const int l = ncomp > 100000 ? 100000 : (int)ncomp;
        st = msbi_gk_cepstral_core(__func__, "green_kubo_cepstral", kind, L, NF, nu, K, l, l,
                                   dt_s, pref, oname, ounit, ncomp, T_K, ctab, cc, aic, &est);
    }
done:
    msbi_fft_plan_destroy(plan);
    msbi_free(fre);
    msbi_free(buf);
    if (st == MSB_SUCCESS) *est_out = est;
    return st;
}

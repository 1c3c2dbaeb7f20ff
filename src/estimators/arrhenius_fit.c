/* Arrhenius fit: weighted least squares of ln D against 1/(k_B T) (msbridge/arrhenius.h). */
#include <string.h>

#include "laws/arrhenius_internal.h"
#include "msbridge/arrhenius.h"
#include "estimators/estimate_internal.h"
#include "numerics/lsq.h"

msb_status msb_arrhenius_fit(size_t n, const double *T_K, const double *D, const double *D_std,
                             msb_sigma_mode mode, msb_estimate **est_out, msb_law **law_out)
{
    MSBI_CHECK_NULL(T_K);
    MSBI_CHECK_NULL(D);
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    if (mode != MSB_SIGMA_ABSOLUTE && mode != MSB_SIGMA_RELATIVE)
        return MSBI_FAIL(MSB_EINVAL, "mode must be MSB_SIGMA_ABSOLUTE or MSB_SIGMA_RELATIVE (got %d)",
                         (int)mode);
    const int scale_by_chi2 = (D_std == NULL || mode == MSB_SIGMA_RELATIVE);
    const size_t need = scale_by_chi2 ? 3 : 2;
    if (n < need)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "an Arrhenius fit %s needs at least %zu points (got %zu)",
                         scale_by_chi2 ? "that estimates its own scatter" : "", need, n);
    MSBI_TRY(msbi_check_array_positive(__func__, "T_K", n, T_K));
    MSBI_TRY(msbi_check_array_positive(__func__, "D", n, D));
    if (D_std) MSBI_TRY(msbi_check_array_positive(__func__, "D_std", n, D_std));

    double Tmin = T_K[0], Tmax = T_K[0];
    for (size_t i = 1; i < n; i++) {
        Tmin = fmin(Tmin, T_K[i]);
        Tmax = fmax(Tmax, T_K[i]);
    }
    if (!(Tmax > Tmin))
        return MSBI_FAIL(MSB_ESINGULAR, "all %zu temperatures are equal (%g K): the activation "
                         "energy is undetermined", n, Tmin);

    size_t bytes_n;
    if (msbi_mul_size(n, 4, &bytes_n)) return MSBI_FAIL(MSB_ESIZE, "n = %zu too large", n);
    double *work = msbi_alloc_array(bytes_n, sizeof(double));
    if (work == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
    double *A = work, *y = work + 2 * n, *sig = work + 3 * n;

    /* Centre the abscissa u = 1/(kB T) at its mean so that the two columns are orthogonal-ish:
     * ln D = a + b (u - ubar) with b = -Ea, a = ln D0 - Ea ubar. */
    double ubar = 0.0;
    for (size_t i = 0; i < n; i++) ubar += 1.0 / (MSB_K_B * T_K[i]);
    ubar /= (double)n;
    /* Scale the slope column to O(1): u is ~1e20 1/J. */
    const double uscale = ubar;
    for (size_t i = 0; i < n; i++) {
        const double u = 1.0 / (MSB_K_B * T_K[i]);
        A[2 * i] = 1.0;
        A[2 * i + 1] = (u - ubar) / uscale;
        y[i] = log(D[i]);
        sig[i] = D_std ? D_std[i] / D[i] : 1.0;
    }
    double beta[2], c[4], chi2;
    msb_status st = msbi_wls(__func__, n, 2, A, y, sig, beta, c, &chi2);
    msbi_free(work);
    if (st != MSB_SUCCESS) return st;

    /* Back to (ln D0, Ea): Ea = -b = -beta1/uscale; ln D0 = a + Ea ubar = beta0 - beta1 ubar/uscale
     * Jacobian J = [[1, -ubar/uscale], [0, -1/uscale]];  cov = J c J^T. */
    const double J[4] = {1.0, -ubar / uscale, 0.0, -1.0 / uscale};
    const size_t dof = n - 2;
    const double s2 = scale_by_chi2 ? chi2 / (double)dof : 1.0;
    double cov[4];
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            double s = 0.0;
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < 2; l++) s += J[2 * a + k] * c[2 * k + l] * J[2 * b + l];
            cov[2 * a + b] = s * s2;
        }
    cov[1] = cov[2] = 0.5 * (cov[1] + cov[2]);

    const double Ea = -beta[1] / uscale;
    const double lnD0 = beta[0] + Ea * ubar;
    const double D0 = exp(lnD0);
    if (!isfinite(D0) || D0 == 0.0 || !isfinite(Ea))
        return MSBI_FAIL(MSB_ERANGE, "fitted prefactor exp(%g) is not representable", lnD0);
    for (int k = 0; k < 4; k++)
        if (!isfinite(cov[k]) || !isfinite(D0 * sqrt(cov[0])))
            return MSBI_FAIL(MSB_ERANGE, "the parameter covariance overflows for temperatures "
                             "%g..%g K", Tmin, Tmax);
    msb_law *law = NULL;
    msb_estimate *est = NULL;
    if (law_out != NULL) {
        MSBI_TRY(msbi_arrhenius_build(__func__, 0, lnD0, Ea, cov, "D", "m^2/s",
                                      "S. Arrhenius, Z. Phys. Chem. 4, 226 (1889); weighted "
                                      "least-squares fit of ln D against 1/(k_B T)", &law));
        msbi_law_set_validity(law, 0, Tmin, Tmax);
    }
    if (est_out != NULL) {
        est = msbi_estimate_new("arrhenius_fit");
        const double sd_lnD0 = sqrt(cov[0]), sd_Ea = sqrt(cov[3]);
        const char *w = __func__;
        st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
        if (!st) st = msbi_estimate_add1(w, est, "ln_D0", "ln(unit of D)", "log prefactor", lnD0, sd_lnD0);
        if (!st) st = msbi_estimate_add1(w, est, "D0", "unit of D", "prefactor (first-order sd)", D0, D0 * sd_lnD0);
        if (!st) st = msbi_estimate_add1(w, est, "Ea", "J", "activation energy per particle", Ea, sd_Ea);
        if (!st) st = msbi_estimate_add1(w, est, "Ea_eV", "eV", "activation energy per particle", Ea / MSB_EV, sd_Ea / MSB_EV);
        if (!st) st = msbi_estimate_add(w, est, "cov", "mixed", "covariance of (ln D0, Ea), row-major", 4, cov, NULL);
        if (!st) st = msbi_estimate_add1(w, est, "corr", "1", "correlation of ln D0 and Ea", (sd_lnD0 > 0 && sd_Ea > 0) ? cov[1] / (sd_lnD0 * sd_Ea) : 0.0, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "sum of squared weighted residuals of ln D", chi2, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "degrees of freedom n - 2", (double)dof, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "chi2_per_dof", "1", "reduced chi-square", dof ? chi2 / (double)dof : NAN, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of points", (double)n, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "T_min", "K", "lowest fitted temperature", Tmin, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "T_max", "K", "highest fitted temperature", Tmax, NAN);
        if (st) {
            msb_estimate_destroy(est);
            msb_law_destroy(law);
            return st;
        }
        *est_out = est;
    }
    if (law_out != NULL) *law_out = law;
    return MSB_SUCCESS;
}

/* Chemo-mechanical estimators: partial molar volume, activation volume (scalar and tensor),
 * thin-film fracture (msbridge/chemomech.h). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "laws/law_internal.h"
#include "msbridge/activation_volume.h"
#include "msbridge/chemomech.h"
#include "numerics/lsq.h"

/* Straight-line fit y = a + b x by weighted least squares on centred, scaled x; returns (a, b)
 * and their covariance (scaled by chi2/dof when sd == NULL). */
static msb_status line_fit(const char *where, size_t n, const double *x, const double *y,
                           const double *sd, double *ab, double *cov, double *chi2_out,
                           double *xmin_out, double *xmax_out)
{
    double xmin = x[0], xmax = x[0], xbar = 0.0;
    for (size_t i = 0; i < n; i++) {
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
        xbar += x[i];
    }
    xbar /= (double)n;
    if (!(xmax > xmin))
        return msbi_error(MSB_ESINGULAR, where, "all %zu abscissae are equal (%g): the slope is "
                          "undetermined", n, xmin);
    const double xs = xmax - xmin;
    size_t n3;
    if (msbi_mul_size(n, 4, &n3)) return msbi_error(MSB_ESIZE, where, "n = %zu too large", n);
    double *A = msbi_alloc_array(n3, sizeof(double));
    if (A == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory (n = %zu)", n);
    double *b = A + 2 * n, *s = A + 3 * n;
    for (size_t i = 0; i < n; i++) {
        A[2 * i] = 1.0;
        A[2 * i + 1] = (x[i] - xbar) / xs;
        b[i] = y[i];
        s[i] = sd ? sd[i] : 1.0;
    }
    double beta[2], c[4], chi2;
    msb_status st = msbi_wls(where, n, 2, A, b, s, beta, c, &chi2);
    msbi_free(A);
    if (st) return st;
    const double s2 = sd ? 1.0 : chi2 / (double)(n - 2);
    /* a = beta0 - beta1 xbar/xs, b = beta1/xs */
    const double J[4] = {1.0, -xbar / xs, 0.0, 1.0 / xs};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double v = 0.0;
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < 2; l++) v += J[2 * i + k] * c[2 * k + l] * J[2 * j + l];
            cov[2 * i + j] = v * s2;
        }
    cov[1] = cov[2] = 0.5 * (cov[1] + cov[2]);
    ab[0] = beta[0] - beta[1] * xbar / xs;
    ab[1] = beta[1] / xs;
    *chi2_out = chi2;
    *xmin_out = xmin;
    *xmax_out = xmax;
    return MSB_SUCCESS;
}

msb_status msb_partial_molar_volume_fit(size_t n, const double *x, const double *V_m3,
                                        const double *V_std, msb_estimate **est_out)
{
    MSBI_CHECK_NULL(x);
    MSBI_CHECK_NULL(V_m3);
    MSBI_CHECK_NULL(est_out);
    const size_t need = V_std ? 2 : 3;
    if (n < need)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "a partial molar volume fit needs at least %zu points "
                         "(got %zu)", need, n);
    MSBI_TRY(msbi_check_array_finite(__func__, "x", n, x));
    MSBI_TRY(msbi_check_array_positive(__func__, "V_m3", n, V_m3));
    if (V_std) MSBI_TRY(msbi_check_array_positive(__func__, "V_std", n, V_std));
    double ab[2], cov[4], chi2, xmin, xmax;
    MSBI_TRY(line_fit(__func__, n, x, V_m3, V_std, ab, cov, &chi2, &xmin, &xmax));
    const double sv = sqrt(cov[3]), s0 = sqrt(cov[0]);
    const size_t dof = n - 2;
    msb_estimate *est = msbi_estimate_new("partial_molar_volume");
    const char *w = __func__;
    msb_status st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
    if (!st) st = msbi_estimate_add1(w, est, "Vbar", "m^3/mol", "partial molar volume of the inserted species", ab[1] * MSB_N_A, sv * MSB_N_A);
    if (!st) st = msbi_estimate_add1(w, est, "v_atom", "m^3", "volume per inserted atom dV/dx", ab[1], sv);
    if (!st) st = msbi_estimate_add1(w, est, "v_atom_A3", "A^3", "volume per inserted atom", ab[1] * 1e30, sv * 1e30);
    if (!st) st = msbi_estimate_add1(w, est, "V0", "m^3", "volume at x = 0", ab[0], s0);
    if (!st) st = msbi_estimate_add(w, est, "cov", "mixed", "covariance of (V0, v_atom), row-major", 4, cov, NULL);
    if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "sum of squared weighted residuals", chi2, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "n - 2", (double)dof, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of points", (double)n, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "x_min", "1", "smallest x", xmin, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "x_max", "1", "largest x", xmax, NAN);
    if (st) {
        msb_estimate_destroy(est);
        return st;
    }
    *est_out = est;
    return MSB_SUCCESS;
}

msb_status msb_activation_volume_fit(size_t n, const double *sigma_Pa, const double *Em_J,
                                     const double *Em_std, double D0, msb_estimate **est_out,
                                     msb_law **law_out)
{
    MSBI_CHECK_NULL(sigma_Pa);
    MSBI_CHECK_NULL(Em_J);
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    const size_t need = Em_std ? 2 : 3;
    if (n < need)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "an activation-volume fit needs at least %zu points "
                         "(got %zu)", need, n);
    MSBI_TRY(msbi_check_array_finite(__func__, "sigma_Pa", n, sigma_Pa));
    MSBI_TRY(msbi_check_array_finite(__func__, "Em_J", n, Em_J));
    if (Em_std) MSBI_TRY(msbi_check_array_positive(__func__, "Em_std", n, Em_std));
    if (law_out) MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    double ab[2], c[4], chi2, smin, smax;
    MSBI_TRY(line_fit(__func__, n, sigma_Pa, Em_J, Em_std, ab, c, &chi2, &smin, &smax));
    /* Em = Em0 - Omega sigma: Em0 = a, Omega = -b; cov(Em0, Omega) = -cov(a, b) */
    const double Em0 = ab[0], Om = -ab[1];
    const double cov[4] = {c[0], -c[1], -c[2], c[3]};
    const double s0 = sqrt(cov[0]), so = sqrt(cov[3]);
    msb_law *law = NULL;
    if (law_out) {
        const double c3[9] = {0, 0, 0, 0, cov[0], cov[1], 0, cov[2], cov[3]};
        MSBI_TRY(msb_activation_volume_create(D0, Em0, Om, c3, &law));
        msbi_law_set_validity(law, 1, smin, smax);
    }
    if (est_out) {
        const size_t dof = n - 2;
        msb_estimate *est = msbi_estimate_new("activation_volume_fit");
        const char *w = __func__;
        msb_status st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
        if (!st) st = msbi_estimate_add1(w, est, "Em0", "J", "barrier at zero stress", Em0, s0);
        if (!st) st = msbi_estimate_add1(w, est, "Em0_eV", "eV", "barrier at zero stress", Em0 / MSB_EV, s0 / MSB_EV);
        if (!st) st = msbi_estimate_add1(w, est, "Omega", "m^3", "activation volume -dEm/dsigma", Om, so);
        if (!st) st = msbi_estimate_add1(w, est, "Omega_A3", "A^3", "activation volume", Om * 1e30, so * 1e30);
        if (!st) st = msbi_estimate_add(w, est, "cov", "mixed", "covariance of (Em0, Omega), row-major", 4, cov, NULL);
        if (!st) st = msbi_estimate_add1(w, est, "corr", "1", "correlation of Em0 and Omega", (s0 > 0 && so > 0) ? cov[1] / (s0 * so) : 0.0, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "sum of squared weighted residuals", chi2, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "n - 2", (double)dof, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of points", (double)n, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "sigma_min", "Pa", "smallest stress", smin, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "sigma_max", "Pa", "largest stress", smax, NAN);
        if (st) {
            msb_estimate_destroy(est);
            msb_law_destroy(law);
            return st;
        }
        *est_out = est;
    }
    if (law_out) *law_out = law;
    return MSB_SUCCESS;
}

msb_status msb_activation_volume_tensor_fit(size_t n, const double *sigma6_Pa, const double *Em_J,
                                            const double *Em_std, double D0,
                                            msb_estimate **est_out, msb_law **law_out)
{
    MSBI_CHECK_NULL(sigma6_Pa);
    MSBI_CHECK_NULL(Em_J);
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    const size_t need = Em_std ? 7 : 8;
    if (n < need)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "a tensorial activation-volume fit (7 unknowns) needs "
                         "at least %zu stress states (got %zu)", need, n);
    size_t n6, n9;
    if (msbi_mul_size(n, 6, &n6) || msbi_mul_size(n, 9, &n9))
        return MSBI_FAIL(MSB_ESIZE, "n = %zu too large", n);
    MSBI_TRY(msbi_check_array_finite(__func__, "sigma6_Pa", n6, sigma6_Pa));
    MSBI_TRY(msbi_check_array_finite(__func__, "Em_J", n, Em_J));
    if (Em_std) MSBI_TRY(msbi_check_array_positive(__func__, "Em_std", n, Em_std));
    if (law_out) MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    /* scale: stresses by their largest magnitude, energies by theirs */
    double smax = 0.0, emax = 0.0;
    for (size_t k = 0; k < n6; k++) smax = fmax(smax, fabs(sigma6_Pa[k]));
    for (size_t i = 0; i < n; i++) emax = fmax(emax, fabs(Em_J[i]));
    if (!(smax > 0)) return MSBI_FAIL(MSB_ESINGULAR, "all stresses are zero: Omega is undetermined");
    if (!(emax > 0)) emax = 1.0;
    double *A = msbi_alloc_array(n9, sizeof(double));
    if (A == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
    double *y = A + 7 * n, *s = A + 8 * n;
    static const double w6[6] = {1, 1, 1, 2, 2, 2};
    for (size_t i = 0; i < n; i++) {
        A[7 * i] = 1.0;
        for (int a = 0; a < 6; a++) A[7 * i + 1 + (size_t)a] = -w6[a] * sigma6_Pa[6 * i + (size_t)a] / smax;
        y[i] = Em_J[i] / emax;
        s[i] = Em_std ? Em_std[i] / emax : 1.0;
    }
    double beta[7], c[49], chi2;
    msb_status st = msbi_wls(__func__, n, 7, A, y, s, beta, c, &chi2);
    msbi_free(A);
    if (st) return st;
    const double s2 = Em_std ? 1.0 : chi2 / (double)(n - 7);
    double sc[7] = {emax}, cov[49], p[7], sd[7];
    for (int a = 1; a < 7; a++) sc[a] = emax / smax;
    for (int a = 0; a < 7; a++) {
        p[a] = beta[a] * sc[a];
        for (int b = 0; b < 7; b++) cov[7 * a + b] = c[7 * a + b] * s2 * sc[a] * sc[b];
    }
    for (int a = 0; a < 7; a++) sd[a] = sqrt(cov[8 * a]);
    if (!Em_std) chi2 *= emax * emax;
    msb_law *law = NULL;
    if (law_out) {
        double c8[64] = {0};
        for (int a = 0; a < 7; a++)
            for (int b = 0; b < 7; b++) c8[8 * (a + 1) + (b + 1)] = cov[7 * a + b];
        MSBI_TRY(msb_activation_volume_tensor_create(D0, p[0], p + 1, c8, &law));
    }
    if (est_out) {
        const double tr = p[1] + p[2] + p[3];
        const double trsd = sqrt(fmax(0.0, cov[8] + cov[16] + cov[24] + 2 * (cov[9] + cov[10] + cov[17])));
        msb_estimate *est = msbi_estimate_new("activation_volume_tensor_fit");
        const char *w = __func__;
        st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
        if (!st) st = msbi_estimate_add1(w, est, "Em0", "J", "barrier at zero stress", p[0], sd[0]);
        if (!st) st = msbi_estimate_add(w, est, "Omega", "m^3", "activation volume tensor O11 O22 O33 O23 O13 O12", 6, p + 1, sd + 1);
        if (!st) st = msbi_estimate_add1(w, est, "Omega_trace", "m^3", "O11 + O22 + O33 (conjugate to sigma_h)", tr, trsd);
        if (!st) st = msbi_estimate_add(w, est, "cov", "mixed", "covariance of (Em0, O11..O12), 7x7 row-major", 49, cov, NULL);
        if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "sum of squared (weighted) residuals", chi2, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "n - 7", (double)(n - 7), NAN);
        if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of stress states", (double)n, NAN);
        if (st) {
            msb_estimate_destroy(est);
            msb_law_destroy(law);
            return st;
        }
        *est_out = est;
    }
    if (law_out) *law_out = law;
    return MSB_SUCCESS;
}

static msb_status check_film(const char *where, double E, double nu)
{
    MSBI_TRY(msbi_check_positive(where, "E_f_Pa", E));
    MSBI_TRY(msbi_check_finite(where, "nu_f", nu));
    if (!(nu > -1.0 && nu < 0.5))
        return msbi_error(MSB_EDOM, where, "nu_f must be in (-1, 0.5) (got %g)", nu);
    return MSB_SUCCESS;
}

msb_status msb_thin_film_stress(double E_f_Pa, double nu_f, double eps_m, double *sigma_Pa)
{
    MSBI_CHECK_NULL(sigma_Pa);
    MSBI_TRY(check_film(__func__, E_f_Pa, nu_f));
    MSBI_TRY(msbi_check_finite(__func__, "eps_m", eps_m));
    *sigma_Pa = E_f_Pa * eps_m / (1.0 - nu_f);
    return MSB_SUCCESS;
}

msb_status msb_thin_film_fracture(double E_f_Pa, double nu_f, double sigma_Pa, double h_m,
                                  double Z, double Gc_Jm2, msb_estimate **est_out)
{
    MSBI_CHECK_NULL(est_out);
    MSBI_TRY(check_film(__func__, E_f_Pa, nu_f));
    MSBI_TRY(msbi_check_finite(__func__, "sigma_Pa", sigma_Pa));
    if (sigma_Pa == 0.0) return MSBI_FAIL(MSB_EDOM, "sigma_Pa is 0: no driving force for fracture");
    MSBI_TRY(msbi_check_positive(__func__, "h_m", h_m));
    MSBI_TRY(msbi_check_positive(__func__, "Z", Z));
    MSBI_TRY(msbi_check_positive(__func__, "Gc_Jm2", Gc_Jm2));
    const double Eb = E_f_Pa / (1.0 - nu_f * nu_f);
    const double G = Z * sigma_Pa * sigma_Pa * h_m / Eb;
    const double hc = Gc_Jm2 * Eb / (Z * sigma_Pa * sigma_Pa);
    if (!isfinite(G) || !isfinite(hc))
        return MSBI_FAIL(MSB_ERANGE, "G = %g or h_c = %g not representable", G, hc);
    msb_estimate *est = msbi_estimate_new("thin_film_fracture");
    const char *w = __func__;
    msb_status st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
    if (!st) st = msbi_estimate_add1(w, est, "sigma", "Pa", "film stress (tension positive)", sigma_Pa, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "Ebar_f", "Pa", "plane-strain modulus E/(1 - nu^2)", Eb, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "G", "J/m^2", "energy release rate Z sigma^2 h/Ebar", G, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "h_c", "m", "critical thickness G_c Ebar/(Z sigma^2)", hc, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "G_over_Gc", "1", ">= 1: the film cracks/debonds", G / Gc_Jm2, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "Z", "1", "Hutchinson-Suo driving-force coefficient", Z, NAN);
    if (st) {
        msb_estimate_destroy(est);
        return st;
    }
    *est_out = est;
    return MSB_SUCCESS;
}

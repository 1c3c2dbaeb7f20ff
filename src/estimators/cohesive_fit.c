/* UBER fit of cleavage energies by GSL nonlinear least squares (msbridge/cohesive.h). */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "estimators/estimate_internal.h"
#include "laws/law_internal.h"
#include "msbridge/cohesive.h"

#define MSBI_E_NUM 2.71828182845904523536

typedef struct uber_data {
    size_t n;
    const double *d, *E, *sd; /* sd may be NULL */
    double gs, ls;            /* scales: G_c = gs x0, lambda = ls x1 */
} uber_data;

/* shape s(d; l) = 1 - (1 + d/l) e^{-d/l};  ds/dl = -(d^2/l^3) e^{-d/l} */
static double uber_shape(double d, double l) { return 1.0 - (1.0 + d / l) * exp(-d / l); }

static int uber_f(const gsl_vector *x, void *params, gsl_vector *f)
{
    const uber_data *u = params;
    const double G = u->gs * gsl_vector_get(x, 0), l = u->ls * gsl_vector_get(x, 1);
    for (size_t i = 0; i < u->n; i++) {
        const double w = u->sd ? 1.0 / u->sd[i] : 1.0 / u->gs;
        gsl_vector_set(f, i, (G * uber_shape(u->d[i], l) - u->E[i]) * w);
    }
    return GSL_SUCCESS;
}

static int uber_df(const gsl_vector *x, void *params, gsl_matrix *J)
{
    const uber_data *u = params;
    const double G = u->gs * gsl_vector_get(x, 0), l = u->ls * gsl_vector_get(x, 1);
    for (size_t i = 0; i < u->n; i++) {
        const double w = u->sd ? 1.0 / u->sd[i] : 1.0 / u->gs, d = u->d[i];
        gsl_matrix_set(J, i, 0, u->gs * uber_shape(d, l) * w);
        gsl_matrix_set(J, i, 1, u->ls * G * (-(d * d) / (l * l * l)) * exp(-d / l) * w);
    }
    return GSL_SUCCESS;
}

/* For fixed lambda the weighted optimum of G is closed form; return its chi2. */
static double profile(const uber_data *u, double l, double *Gopt)
{
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (size_t i = 0; i < u->n; i++) {
        const double w = u->sd ? 1.0 / (u->sd[i] * u->sd[i]) : 1.0;
        const double s = uber_shape(u->d[i], l);
        sxy += w * s * u->E[i];
        sxx += w * s * s;
        syy += w * u->E[i] * u->E[i];
    }
    *Gopt = sxx > 0 ? sxy / sxx : 0.0;
    return syy - (sxx > 0 ? sxy * sxy / sxx : 0.0);
}

msb_status msb_uber_fit(size_t n, const double *delta_m, const double *energy,
                        const double *energy_std, msb_estimate **est_out, msb_law **law_out)
{
    MSBI_CHECK_NULL(delta_m);
    MSBI_CHECK_NULL(energy);
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    const size_t need = energy_std ? 2 : 3;
    if (n < need)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "a UBER fit needs at least %zu points%s (got %zu)",
                         need, energy_std ? "" : " when it estimates its own scatter", n);
    MSBI_TRY(msbi_check_array_finite(__func__, "delta_m", n, delta_m));
    MSBI_TRY(msbi_check_array_finite(__func__, "energy", n, energy));
    if (energy_std) MSBI_TRY(msbi_check_array_positive(__func__, "energy_std", n, energy_std));
    double dmin = INFINITY, dmax = 0.0, emax = 0.0;
    size_t npos = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(delta_m[i] >= 0))
            return MSBI_FAIL(MSB_EDOM, "delta_m[%zu] = %g must be >= 0", i, delta_m[i]);
        if (delta_m[i] > 0) {
            npos++;
            dmin = fmin(dmin, delta_m[i]);
        }
        dmax = fmax(dmax, delta_m[i]);
        emax = fmax(emax, fabs(energy[i]));
    }
    if (npos < 2 || !(dmax > dmin))
        return MSBI_FAIL(MSB_ESINGULAR, "need at least two distinct positive openings (got %zu "
                         "positive, range [%g, %g] m)", npos, dmin, dmax);
    if (!(emax > 0)) return MSBI_FAIL(MSB_ENOCONV, "all energies are zero: no binding curve");

    uber_data u = {n, delta_m, energy, energy_std, emax, 0.0};
    /* grid search over lambda, log-spaced from dmin/20 to 20 dmax */
    double best = INFINITY, lbest = dmax, Gbest = emax;
    for (int k = 0; k <= 200; k++) {
        const double l = dmin / 20.0 * pow(400.0 * dmax / dmin, k / 200.0);
        double G;
        const double c2 = profile(&u, l, &G);
        if (G > 0 && c2 < best) {
            best = c2;
            lbest = l;
            Gbest = G;
        }
    }
    u.gs = Gbest;
    u.ls = lbest;

    msbi_gsl_ensure_policy();
    const gsl_multifit_nlinear_type *T = gsl_multifit_nlinear_trust;
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(T, &fp, n, 2);
    gsl_matrix *covar = gsl_matrix_alloc(2, 2);
    gsl_vector *x0 = gsl_vector_alloc(2);
    msb_status st = MSB_SUCCESS;
    if (!w || !covar || !x0) {
        (void)msbi_gsl_take_error();
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory in the GSL workspace (n = %zu)", n);
        goto done;
    }
    gsl_multifit_nlinear_fdf fdf = {.f = uber_f, .df = uber_df, .fvv = NULL, .n = n, .p = 2,
                                    .params = &u};
    gsl_vector_set(x0, 0, 1.0);
    gsl_vector_set(x0, 1, 1.0);
    int info = 0;
    int gs = gsl_multifit_nlinear_init(x0, &fdf, w);
    if (gs == GSL_SUCCESS) gs = gsl_multifit_nlinear_driver(200, 1e-12, 1e-12, 1e-12, NULL, NULL,
                                                            &info, w);
    /* GSL_ENOPROG: no further decrease possible at machine precision — a converged fit */
    if (gs == GSL_ENOPROG) {
        (void)msbi_gsl_take_error();
        gs = GSL_SUCCESS;
    }
    if (gs != GSL_SUCCESS && gs != GSL_EMAXITER) {
        (void)msbi_gsl_take_error();
        st = MSBI_FAIL(MSB_ENOCONV, "GSL nonlinear least squares failed: %s", gsl_strerror(gs));
        goto done;
    }
    const gsl_vector *xs = gsl_multifit_nlinear_position(w);
    const double Gc = u.gs * gsl_vector_get(xs, 0), lam = u.ls * gsl_vector_get(xs, 1);
    if (gs == GSL_EMAXITER || !(Gc > 0) || !(lam > 0) || !isfinite(Gc) || !isfinite(lam)) {
        st = MSBI_FAIL(MSB_ENOCONV, "UBER fit did not converge to positive parameters (G_c = "
                       "%g J/m^2, lambda = %g m): are the data a binding curve?", Gc, lam);
        goto done;
    }
    const gsl_matrix *J = gsl_multifit_nlinear_jac(w);
    if (gsl_multifit_nlinear_covar(J, 1e-14, covar) != GSL_SUCCESS || msbi_gsl_take_error()) {
        st = MSBI_FAIL(MSB_ESINGULAR, "UBER fit: singular Jacobian (parameters undetermined)");
        goto done;
    }
    const gsl_vector *f = gsl_multifit_nlinear_residual(w);
    double chi2;
    gsl_blas_ddot(f, f, &chi2);
    if (!energy_std) chi2 *= u.gs * u.gs; /* back to J^2/m^4 residual sum, scale below */
    const size_t dof = n - 2;
    const double s2 = energy_std ? 1.0 : chi2 / (double)dof;
    /* with unit weights 1/gs the GSL covariance is (J'J)^-1 in scaled units with the residual
     * measured in units of gs: multiply by s2/gs^2 to get the usual s^2 (A'A)^-1 */
    const double wscale = energy_std ? 1.0 : s2 / (u.gs * u.gs);
    const double sc[2] = {u.gs, u.ls};
    double cov[4];
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            cov[2 * a + b] = gsl_matrix_get(covar, (size_t)a, (size_t)b) * sc[a] * sc[b] * wscale;
    cov[1] = cov[2] = 0.5 * (cov[1] + cov[2]);
    const double sdG = sqrt(cov[0]), sdl = sqrt(cov[3]);
    const double smax = Gc / (lam * MSBI_E_NUM);
    const double g0 = 1.0 / (lam * MSBI_E_NUM), g1 = -Gc / (lam * lam * MSBI_E_NUM);
    const double sds = sqrt(fmax(0.0, g0 * g0 * cov[0] + 2 * g0 * g1 * cov[1] + g1 * g1 * cov[3]));
    msb_law *law = NULL;
    if (law_out) {
        st = msb_cohesive_exponential_create(Gc, lam, cov, &law);
        if (st) goto done;
        msbi_law_set_validity(law, 0, 0.0, dmax);
    }
    if (est_out) {
        msb_estimate *est = msbi_estimate_new("uber_fit");
        const char *wh = __func__;
        st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
        if (!st) st = msbi_estimate_add1(wh, est, "G_c", "J/m^2", "critical energy release rate 2 gamma", Gc, sdG);
        if (!st) st = msbi_estimate_add1(wh, est, "gamma", "J/m^2", "surface energy", 0.5 * Gc, 0.5 * sdG);
        if (!st) st = msbi_estimate_add1(wh, est, "lambda", "m", "UBER characteristic length", lam, sdl);
        if (!st) st = msbi_estimate_add1(wh, est, "sigma_max", "Pa", "peak traction G_c/(lambda e) (first-order sd)", smax, sds);
        if (!st) st = msbi_estimate_add1(wh, est, "delta_peak", "m", "opening at the peak traction (= lambda)", lam, sdl);
        if (!st) st = msbi_estimate_add(wh, est, "cov", "mixed", "covariance of (G_c, lambda), row-major", 4, cov, NULL);
        if (!st) st = msbi_estimate_add1(wh, est, "corr", "1", "correlation of G_c and lambda", (sdG > 0 && sdl > 0) ? cov[1] / (sdG * sdl) : 0.0, NAN);
        if (!st) st = msbi_estimate_add1(wh, est, "chi2", "1", "sum of squared weighted residuals (J^2/m^4 without energy_std)", chi2, NAN);
        if (!st) st = msbi_estimate_add1(wh, est, "dof", "1", "n - 2", (double)dof, NAN);
        if (!st) st = msbi_estimate_add1(wh, est, "chi2_per_dof", "1", "reduced chi-square", dof ? chi2 / (double)dof : NAN, NAN);
        if (!st) st = msbi_estimate_add1(wh, est, "n", "1", "number of points", (double)n, NAN);
        if (!st) st = msbi_estimate_add1(wh, est, "iterations", "1", "trust-region iterations", (double)gsl_multifit_nlinear_niter(w), NAN);
        if (st) {
            msb_estimate_destroy(est);
            msb_law_destroy(law);
            goto done;
        }
        *est_out = est;
    }
    if (law_out) *law_out = law;
done:
    if (w) gsl_multifit_nlinear_free(w);
    if (covar) gsl_matrix_free(covar);
    if (x0) gsl_vector_free(x0);
    return st;
}

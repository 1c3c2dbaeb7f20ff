/* Traction-separation laws: the UBER-derived exponential law and the bilinear law
 * (msbridge/cohesive.h). */
#include "core/numtext.h"
#include "laws/law_internal.h"
#include "numerics/vexp.h"
#include "msbridge/cohesive.h"

/* T = G d/l^2 e^{-d/l}
 * dT/dd = G/l^2 e^{-d/l} (1 - d/l);  dT/dG = T/G;  dT/dl = T (d/l^2 - 2/l)
 * Values and values + dT/dd get their own branch-free loops (msbi_exp, restrict) so that they
 * vectorize; every path evaluates the same expressions, so the results are bitwise equal. */
MSBI_KERNEL static void expo_values(size_t n, double G, double l, const double *restrict x,
                                    double *restrict y, double *restrict dydx)
{
    if (dydx == NULL) {
        for (size_t i = 0; i < n; i++) {
            const double d = x[i], e = msbi_exp(-d / l);
            y[i] = G * d / (l * l) * e;
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const double d = x[i], e = msbi_exp(-d / l);
        y[i] = G * d / (l * l) * e;
        dydx[i] = G / (l * l) * e * (1.0 - d / l);
    }
}

static msb_status expo_eval(const msb_law *law, const double *p, size_t n, const double *x,
                            double *y, double *dydx, double *dydp)
{
    (void)law;
    const double G = p[0], l = p[1];
    if (y && !dydp) {
        expo_values(n, G, l, x, y, dydx);
        return MSB_SUCCESS;
    }
    for (size_t i = 0; i < n; i++) {
        const double d = x[i], e = msbi_exp(-d / l), T = G * d / (l * l) * e;
        if (y) y[i] = T;
        if (dydx) dydx[i] = G / (l * l) * e * (1.0 - d / l);
        if (dydp) {
            dydp[2 * i] = d / (l * l) * e;
            dydp[2 * i + 1] = T * (d / (l * l) - 2.0 / l);
        }
    }
    return MSB_SUCCESS;
}

static msb_status expo_check(const char *where, const double *p)
{
    if (!(p[0] > 0)) return msbi_error(MSB_EDOM, where, "G_c must be > 0 (got %g)", p[0]);
    if (!(p[1] > 0)) return msbi_error(MSB_EDOM, where, "lambda must be > 0 (got %g)", p[1]);
    return MSB_SUCCESS;
}

/* Law cards: no family constants; the constructor validates the parameters. */
static msb_status expo_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msb_cohesive_exponential_create(p[0], p[1], NULL, out);
}

/* T = G d/l^2 exp(-d/l) */
static int expo_export_expr(const msb_law *law, char *buf, size_t cap)
{
    (void)law;
    return msbi_snprintf_c(buf, cap, "p0 * x0 / (p1 * p1) * exp(-x0 / p1)");
}

const msbi_law_class msbi_cohesive_expo_class = {.kind = "cohesive_exponential",
                                                 .eval = expo_eval,
                                                 .check_params = expo_check,
                                                 .card_read = expo_card_read,
                                                 .export_expr = expo_export_expr};

msb_status msb_cohesive_exponential_create(double Gc_Jm2, double lambda_m, const double *cov,
                                           msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "Gc_Jm2", Gc_Jm2));
    MSBI_TRY(msbi_check_positive(__func__, "lambda_m", lambda_m));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    const msbi_var in = {"delta", "m", MSB_DOMAIN_NONNEGATIVE};
    const msbi_var outv = {"T", "Pa", MSB_DOMAIN_REAL};
    const msbi_var par[2] = {{"G_c", "J/m^2", MSB_DOMAIN_POSITIVE},
                             {"lambda", "m", MSB_DOMAIN_POSITIVE}};
    const double p[2] = {Gc_Jm2, lambda_m};
    const msbi_law_spec spec = {&msbi_cohesive_expo_class, NULL,
                                "UBER: J. H. Rose, J. R. Smith, F. Guinea, J. Ferrante, Phys. "
                                "Rev. B 29, 2963 (1984); T = dPhi/ddelta",
                                1, 1, 2, &in, &outv, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

/* Bilinear: p = (G, s, dp), df = 2G/s, D = df - dp.
 * rise:  T = s d/dp;          dT/dd = s/dp; dT/dG = 0; dT/ds = d/dp; dT/ddp = -s d/dp^2
 * fall:  T = s (df - d)/D;    dT/dd = -s/D; with a = dT/ddf = s (d - dp)/D^2:
 *        dT/dG = a 2/s; dT/ds = (df - d)/D - a df/s; dT/ddp = s (df - d)/D^2
 * beyond df: T = 0 and all derivatives 0.                                                       */
static msb_status bilin_eval(const msb_law *law, const double *p, size_t n, const double *x,
                             double *y, double *dydx, double *dydp)
{
    (void)law;
    const double G = p[0], s = p[1], dp = p[2], df = 2.0 * G / s, D = df - dp;
    for (size_t i = 0; i < n; i++) {
        const double d = x[i];
        double T, dTd, g[3];
        if (d <= dp) {
            T = s * d / dp;
            dTd = s / dp;
            g[0] = 0.0;
            g[1] = d / dp;
            g[2] = -s * d / (dp * dp);
        } else if (d < df) {
            const double a = s * (d - dp) / (D * D);
            T = s * (df - d) / D;
            dTd = -s / D;
            g[0] = a * 2.0 / s;
            g[1] = (df - d) / D - a * df / s;
            g[2] = s * (df - d) / (D * D);
        } else {
            T = dTd = g[0] = g[1] = g[2] = 0.0;
        }
        if (y) y[i] = T;
        if (dydx) dydx[i] = dTd;
        if (dydp)
            for (int k = 0; k < 3; k++) dydp[3 * i + (size_t)k] = g[k];
    }
    return MSB_SUCCESS;
}

static msb_status bilin_check(const char *where, const double *p)
{
    if (!(p[0] > 0)) return msbi_error(MSB_EDOM, where, "G_c must be > 0 (got %g)", p[0]);
    if (!(p[1] > 0)) return msbi_error(MSB_EDOM, where, "sigma_max must be > 0 (got %g)", p[1]);
    if (!(p[2] > 0)) return msbi_error(MSB_EDOM, where, "delta_p must be > 0 (got %g)", p[2]);
    const double df = 2.0 * p[0] / p[1];
    if (!(p[2] < df))
        return msbi_error(MSB_EDOM, where, "delta_p = %g m must be below delta_f = 2 G_c/"
                          "sigma_max = %g m", p[2], df);
    return MSB_SUCCESS;
}

/* Law cards: no family constants (piecewise: no closed-form export). */
static msb_status bilin_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msb_cohesive_bilinear_create(p[0], p[1], p[2], NULL, out);
}

const msbi_law_class msbi_cohesive_bilin_class = {.kind = "cohesive_bilinear",
                                                  .eval = bilin_eval,
                                                  .check_params = bilin_check,
                                                  .card_read = bilin_card_read};

msb_status msb_cohesive_bilinear_create(double Gc_Jm2, double sigma_max_Pa, double delta_p_m,
                                        const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "Gc_Jm2", Gc_Jm2));
    MSBI_TRY(msbi_check_positive(__func__, "sigma_max_Pa", sigma_max_Pa));
    MSBI_TRY(msbi_check_positive(__func__, "delta_p_m", delta_p_m));
    const double p[3] = {Gc_Jm2, sigma_max_Pa, delta_p_m};
    MSBI_TRY(bilin_check(__func__, p));
    MSBI_TRY(msbi_check_covariance(__func__, 3, cov));
    const msbi_var in = {"delta", "m", MSB_DOMAIN_NONNEGATIVE};
    const msbi_var outv = {"T", "Pa", MSB_DOMAIN_REAL};
    const msbi_var par[3] = {{"G_c", "J/m^2", MSB_DOMAIN_POSITIVE},
                             {"sigma_max", "Pa", MSB_DOMAIN_POSITIVE},
                             {"delta_p", "m", MSB_DOMAIN_POSITIVE}};
    const msbi_law_spec spec = {&msbi_cohesive_bilin_class, NULL,
                                "bilinear cohesive law, e.g. P. H. Geubelle and J. S. Baylor, "
                                "Composites B 29, 589 (1998); area G_c",
                                1, 1, 3, &in, &outv, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

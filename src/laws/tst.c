/* Transition-state theory rate laws (msbridge/tst.h). */
#include <stdio.h>

#include "core/numtext.h"
#include "laws/arrhenius_internal.h"
#include "msbridge/tst.h"
#include "numerics/vexp.h"

typedef struct eyring_data {
    double kappa;
    double wigner_c; /* (1/24) (h nu_imag / k_B)^2, K^2: Gamma_W = 1 + wigner_c / T^2 */
} eyring_data;

/* k = kappa Gamma_W(T) (kB T/h) exp(dS/kB) exp(-dH/(kB T))
 * d ln k/dT = 1/T + dH/(kB T^2) + Gamma_W'(T)/Gamma_W,  Gamma_W' = -2 wigner_c / T^3
 * dk/d dH = -k/(kB T);  dk/d dS = k/kB                                                        */
/* values (and dk/dT if dydx) in branch-free loops that vectorize; the same expressions as the
 * general loop below, so every path gives bitwise equal values */
MSBI_KERNEL static void eyring_values(size_t n, double kappa, double wc, double dH, double dS,
                                      const double *restrict x, double *restrict y,
                                      double *restrict dydx)
{
    if (dydx == NULL) {
        for (size_t i = 0; i < n; i++) {
            const double T = x[i];
            const double kT = MSB_K_B * T;
            const double gw = 1.0 + wc / (T * T);
            y[i] = kappa * gw * (kT / MSB_H) * msbi_exp(dS / MSB_K_B - dH / kT);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const double T = x[i];
        const double kT = MSB_K_B * T;
        const double gw = 1.0 + wc / (T * T);
        const double k = kappa * gw * (kT / MSB_H) * msbi_exp(dS / MSB_K_B - dH / kT);
        y[i] = k;
        const double dlngw = -2.0 * wc / (T * T * T) / gw;
        dydx[i] = k * (1.0 / T + dH / (kT * T) + dlngw);
    }
}

static msb_status eyring_eval(const msb_law *law, const double *p, size_t n, const double *x,
                              double *y, double *dydx, double *dydp)
{
    const eyring_data *d = msbi_law_data(law);
    const double dH = p[0], dS = p[1];
    if (y && !dydp) {
        eyring_values(n, d->kappa, d->wigner_c, dH, dS, x, y, dydx);
        return MSB_SUCCESS;
    }
    for (size_t i = 0; i < n; i++) {
        const double T = x[i];
        const double kT = MSB_K_B * T;
        const double gw = 1.0 + d->wigner_c / (T * T);
        const double k = d->kappa * gw * (kT / MSB_H) * msbi_exp(dS / MSB_K_B - dH / kT);
        if (y) y[i] = k;
        if (dydx) {
            const double dlngw = -2.0 * d->wigner_c / (T * T * T) / gw;
            dydx[i] = k * (1.0 / T + dH / (kT * T) + dlngw);
        }
        if (dydp) {
            dydp[2 * i] = -k / kT;
            dydp[2 * i + 1] = k / MSB_K_B;
        }
    }
    return MSB_SUCCESS;
}

static void eyring_free(void *data) { msbi_free(data); }

static msb_status eyring_card_write(const msb_law *law, msbi_card_family *f)
{
    const eyring_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "kappa", d->kappa));
    return msbi_card_put(f, "wigner_c_K2", d->wigner_c);
}

static msb_status eyring_card_read(const msbi_card_family *f, msb_law **out);

/* kappa (1 + c/T^2) (kB T/h) exp(dS/kB - dH/(kB T)) */
static int eyring_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const eyring_data *d = msbi_law_data(law);
    return msbi_snprintf_c(buf, cap,
                    "%.17g * (1.0 + %.17g / (x0 * x0)) * (%.17g * x0 / %.17g) * "
                    "exp(p1 / %.17g - p0 / (%.17g * x0))",
                    d->kappa, d->wigner_c, MSB_K_B, MSB_H, MSB_K_B, MSB_K_B);
}

const msbi_law_class msbi_eyring_class = {.kind = "tst_eyring",
                                          .eval = eyring_eval,
                                          .free_data = eyring_free,
                                          .card_write = eyring_card_write,
                                          .card_read = eyring_card_read,
                                          .export_expr = eyring_export_expr};

static msb_status check_kappa(const char *where, double kappa)
{
    MSBI_TRY(msbi_check_positive(where, "kappa", kappa));
    if (!(kappa <= 1.0))
        return msbi_error(MSB_EDOM, where, "kappa is a transmission coefficient and must be in "
                          "(0, 1] (got %g)", kappa);
    return MSB_SUCCESS;
}

/* Build from validated dH, dS, kappa and the Wigner constant c = (h nu/kB)^2/24 (K^2). */
static msb_status eyring_build(const char *where, double dH_J, double dS_J_per_K, double kappa,
                               double wigner_c, const double *cov, msb_law **out)
{
    eyring_data *d = msbi_malloc(sizeof *d);
    if (d == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    d->kappa = kappa;
    d->wigner_c = wigner_c;
    const msbi_var in = {"T", "K", MSB_DOMAIN_POSITIVE};
    const msbi_var outv = {"k", "1/s", MSB_DOMAIN_REAL};
    const msbi_var par[2] = {{"dH", "J", MSB_DOMAIN_REAL}, {"dS", "J/K", MSB_DOMAIN_REAL}};
    const double p[2] = {dH_J, dS_J_per_K};
    const msbi_law_spec spec = {&msbi_eyring_class, d,
                                "H. Eyring, J. Chem. Phys. 3, 107 (1935); Wigner correction: "
                                "E. Wigner, Z. Phys. Chem. B 19, 203 (1932)",
                                1, 1, 2, &in, &outv, par, p, cov};
    return msbi_law_create(where, &spec, out);
}

static msb_status eyring_card_read(const msbi_card_family *f, msb_law **out)
{
    const char *where = msbi_card_where(f);
    double kappa, c;
    MSBI_TRY(msbi_card_get(f, "kappa", &kappa));
    MSBI_TRY(msbi_card_get(f, "wigner_c_K2", &c));
    MSBI_TRY(check_kappa(where, kappa));
    MSBI_TRY(msbi_check_nonneg(where, "wigner_c_K2", c));
    const double *p = msbi_card_params(f);
    return eyring_build(where, p[0], p[1], kappa, c, NULL, out);
}

msb_status msb_tst_eyring_create(double dH_J, double dS_J_per_K, double kappa, double nu_imag_Hz,
                                 const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "dH_J", dH_J));
    MSBI_TRY(msbi_check_finite(__func__, "dS_J_per_K", dS_J_per_K));
    MSBI_TRY(check_kappa(__func__, kappa));
    MSBI_TRY(msbi_check_nonneg(__func__, "nu_imag_Hz", nu_imag_Hz));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    const double u = MSB_H * nu_imag_Hz / MSB_K_B; /* K */
    const double wigner_c = u * u / 24.0;
    if (!isfinite(wigner_c))
        return MSBI_FAIL(MSB_ERANGE, "nu_imag_Hz = %g is too large", nu_imag_Hz);
    msb_law *law;
    MSBI_TRY(eyring_build(__func__, dH_J, dS_J_per_K, kappa, wigner_c, cov, &law));
    /* Wigner's expansion in (h nu / kB T) diverges for h nu > 2 pi kB T. */
    if (nu_imag_Hz > 0) msbi_law_set_validity(law, 0, u / (2.0 * MSBI_PI), INFINITY);
    *out = law;
    return MSB_SUCCESS;
}

static msb_status vineyard_log_prefactor(const char *where, size_t n_min, const double *nu_min,
                                         size_t n_saddle, const double *nu_saddle,
                                         double *ln_nu_star)
{
    if (nu_min == NULL) return msbi_error(MSB_ENULL, where, "argument 'nu_min_Hz' is NULL");
    if (n_min == 0)
        return msbi_error(MSB_ESIZE, where, "n_min must be >= 1 (the minimum has N >= 1 modes)");
    if (n_saddle != n_min - 1)
        return msbi_error(MSB_ESIZE, where, "the saddle must have n_min - 1 = %zu real modes "
                          "(got n_saddle = %zu)", n_min - 1, n_saddle);
    if (n_saddle > 0 && nu_saddle == NULL)
        return msbi_error(MSB_ENULL, where, "argument 'nu_saddle_Hz' is NULL");
    MSBI_TRY(msbi_check_array_positive(where, "nu_min_Hz", n_min, nu_min));
    MSBI_TRY(msbi_check_array_positive(where, "nu_saddle_Hz", n_saddle, nu_saddle));
    /* Sum of logarithms, pairing terms to keep the partial sums small (Vineyard 1957 eq. 5.5). */
    double s = log(nu_min[n_min - 1]);
    for (size_t i = 0; i < n_saddle; i++) s += log(nu_min[i]) - log(nu_saddle[i]);
    *ln_nu_star = s;
    return MSB_SUCCESS;
}

msb_status msb_tst_vineyard_prefactor(size_t n_min, const double *nu_min_Hz, size_t n_saddle,
                                      const double *nu_saddle_Hz, double *nu_star_Hz)
{
    MSBI_CHECK_NULL(nu_star_Hz);
    double s = 0.0;
    MSBI_TRY(vineyard_log_prefactor(__func__, n_min, nu_min_Hz, n_saddle, nu_saddle_Hz, &s));
    double v = exp(s);
    if (!isfinite(v) || v == 0.0)
        return MSBI_FAIL(MSB_ERANGE, "nu* = exp(%g) is not representable", s);
    *nu_star_Hz = v;
    return MSB_SUCCESS;
}

msb_status msb_tst_vineyard_create(size_t n_min, const double *nu_min_Hz, size_t n_saddle,
                                   const double *nu_saddle_Hz, double Ea_J, const double *cov,
                                   msb_law **out)
{
    MSBI_CHECK_NULL(out);
    double s = 0.0;
    MSBI_TRY(vineyard_log_prefactor(__func__, n_min, nu_min_Hz, n_saddle, nu_saddle_Hz, &s));
    MSBI_TRY(msbi_check_finite(__func__, "Ea_J", Ea_J));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    return msbi_arrhenius_build(__func__, 1, s, Ea_J, cov, "k", "1/s",
                                "G. H. Vineyard, J. Phys. Chem. Solids 3, 121 (1957)", out);
}

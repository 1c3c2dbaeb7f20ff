/* Arrhenius law D(T) = D0 exp(-Ea/(k_B T)) with p = (ln D0, Ea). Also the kernel of the
 * Vineyard harmonic-TST rate (msbridge/tst.h), which has the same form with D0 = nu*. */
#include <stdio.h>
#include <string.h>

#include "core/numtext.h"
#include "laws/arrhenius_internal.h"
#include "msbridge/arrhenius.h"
#include "numerics/vexp.h"

/* y = exp(lnA - Ea/(kB T))
 * dy/dT = y Ea/(kB T^2);  dy/dlnA = y;  dy/dEa = -y/(kB T)
 * The common requests get their own branch-free loops over points so that they vectorize
 * (msbi_exp, restrict, one dispatch per batch); MSBI_KERNEL adds an AVX2 clone. */
MSBI_KERNEL static void arrhenius_values(size_t n, double lnA, double Ea, const double *restrict T,
                                         double *restrict y)
{
    /* same operations as the other loops, so every path gives bitwise equal values */
    for (size_t i = 0; i < n; i++) {
        const double beta = 1.0 / (MSB_K_B * T[i]);
        y[i] = msbi_exp(lnA - Ea * beta);
    }
}

MSBI_KERNEL static void arrhenius_values_dT(size_t n, double lnA, double Ea,
                                            const double *restrict T, double *restrict y,
                                            double *restrict dydT)
{
    for (size_t i = 0; i < n; i++) {
        const double beta = 1.0 / (MSB_K_B * T[i]);
        const double v = msbi_exp(lnA - Ea * beta);
        y[i] = v;
        dydT[i] = v * Ea * beta / T[i];
    }
}

static msb_status arrhenius_eval(const msb_law *law, const double *p, size_t n, const double *x,
                                 double *y, double *dydx, double *dydp)
{
    (void)law;
    const double lnA = p[0], Ea = p[1];
    if (y && !dydx && !dydp) {
        arrhenius_values(n, lnA, Ea, x, y);
        return MSB_SUCCESS;
    }
    if (y && dydx && !dydp) {
        arrhenius_values_dT(n, lnA, Ea, x, y, dydx);
        return MSB_SUCCESS;
    }
    for (size_t i = 0; i < n; i++) {
        const double T = x[i];
        const double beta = 1.0 / (MSB_K_B * T);
        const double v = msbi_exp(lnA - Ea * beta);
        if (y) y[i] = v;
        if (dydx) dydx[i] = v * Ea * beta / T;
        if (dydp) {
            dydp[2 * i] = v;
            dydp[2 * i + 1] = -v * beta;
        }
    }
    return MSB_SUCCESS;
}

/* Law cards: no family constants; the output name and unit come from the card. */
static msb_status arrhenius_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msbi_arrhenius_build(msbi_card_where(f), 0, p[0], p[1], NULL,
                                msbi_card_output_name(f, 0), msbi_card_output_unit(f, 0), "",
                                out);
}

static msb_status vineyard_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msbi_arrhenius_build(msbi_card_where(f), 1, p[0], p[1], NULL,
                                msbi_card_output_name(f, 0), msbi_card_output_unit(f, 0), "",
                                out);
}

static int arrhenius_export_expr(const msb_law *law, char *buf, size_t cap)
{
    (void)law;
    return msbi_snprintf_c(buf, cap, "exp(p0 - p1 / (%.17g * x0))", MSB_K_B);
}

const msbi_law_class msbi_arrhenius_class = {.kind = "arrhenius",
                                             .eval = arrhenius_eval,
                                             .card_read = arrhenius_card_read,
                                             .export_expr = arrhenius_export_expr};
const msbi_law_class msbi_vineyard_class = {.kind = "tst_vineyard",
                                            .eval = arrhenius_eval,
                                            .card_read = vineyard_card_read,
                                            .export_expr = arrhenius_export_expr};

msb_status msbi_arrhenius_build(const char *where, int vineyard, double lnA, double Ea_J,
                                const double *cov, const char *out_name, const char *out_unit,
                                const char *reference, msb_law **out)
{
    msbi_var in = {"T", "K", MSB_DOMAIN_POSITIVE};
    msbi_var outv = {"", "", MSB_DOMAIN_REAL};
    snprintf(outv.name, sizeof outv.name, "%s", out_name);
    snprintf(outv.unit, sizeof outv.unit, "%s", out_unit);
    msbi_var par[2] = {{"ln_prefactor", "1", MSB_DOMAIN_REAL}, {"Ea", "J", MSB_DOMAIN_REAL}};
    if (vineyard) snprintf(par[0].name, sizeof par[0].name, "ln_nu_star");
    else snprintf(par[0].name, sizeof par[0].name, "ln_%s0", out_name);
    snprintf(par[0].unit, sizeof par[0].unit, "ln(%s)", out_unit);
    double p[2] = {lnA, Ea_J};
    msbi_law_spec spec = {vineyard ? &msbi_vineyard_class : &msbi_arrhenius_class, NULL, reference,
                          1, 1, 2, &in, &outv, par, p, cov};
    return msbi_law_create(where, &spec, out);
}

static msb_status check_name(const char *where, const char *what, const char *s)
{
    if (s == NULL) return msbi_error(MSB_ENULL, where, "argument '%s' is NULL", what);
    size_t len = strlen(s);
    if (len == 0 || len >= MSBI_NAME_MAX)
        return msbi_error(MSB_EINVAL, where, "%s must have 1 to %d bytes (got %zu)", what,
                          MSBI_NAME_MAX - 1, len);
    return MSB_SUCCESS;
}

static const char arrhenius_reference[] = "S. Arrhenius, Z. Phys. Chem. 4, 226 (1889)";

msb_status msb_arrhenius_create_named(double D0, double Ea_J, const double *cov,
                                      const char *output_name, const char *output_unit,
                                      msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(check_name(__func__, "output_name", output_name));
    MSBI_TRY(check_name(__func__, "output_unit", output_unit));
    MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    MSBI_TRY(msbi_check_finite(__func__, "Ea_J", Ea_J));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    return msbi_arrhenius_build(__func__, 0, log(D0), Ea_J, cov, output_name, output_unit,
                                arrhenius_reference, out);
}

msb_status msb_arrhenius_create(double D0, double Ea_J, const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    MSBI_TRY(msbi_check_finite(__func__, "Ea_J", Ea_J));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    return msbi_arrhenius_build(__func__, 0, log(D0), Ea_J, cov, "D", "m^2/s",
                                arrhenius_reference, out);
}

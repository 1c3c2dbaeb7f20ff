/* Stress-dependent activated law D(T, sigma) = D0 exp(-(Em0 - Omega sigma)/(k_B T))
 * (msbridge/activation_volume.h), p = (ln D0, Em0, Omega). */
#include <stdio.h>

#include "core/numtext.h"
#include "laws/law_internal.h"
#include "msbridge/activation_volume.h"
#include "numerics/vexp.h"

/* With E = Em0 - Omega sigma and beta = 1/(kB T):
 * dD/dT = D E / (kB T^2);  dD/dsigma = D Omega beta;
 * dD/dlnD0 = D;  dD/dEm0 = -D beta;  dD/dOmega = D sigma beta                                  */
/* values (and input derivatives if dydx) in branch-free loops that vectorize; the same
 * expressions as the general loop below, so every path gives bitwise equal values */
MSBI_KERNEL static void actvol_values(size_t n, double lnD0, double Em0, double Omega,
                                      const double *restrict x, double *restrict y,
                                      double *restrict dydx)
{
    if (dydx == NULL) {
        for (size_t i = 0; i < n; i++) {
            const double T = x[2 * i], sigma = x[2 * i + 1];
            const double beta = 1.0 / (MSB_K_B * T);
            const double E = Em0 - Omega * sigma;
            y[i] = msbi_exp(lnD0 - E * beta);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const double T = x[2 * i], sigma = x[2 * i + 1];
        const double beta = 1.0 / (MSB_K_B * T);
        const double E = Em0 - Omega * sigma;
        const double D = msbi_exp(lnD0 - E * beta);
        y[i] = D;
        dydx[2 * i] = D * E * beta / T;
        dydx[2 * i + 1] = D * Omega * beta;
    }
}

static msb_status actvol_eval(const msb_law *law, const double *p, size_t n, const double *x,
                              double *y, double *dydx, double *dydp)
{
    (void)law;
    const double lnD0 = p[0], Em0 = p[1], Omega = p[2];
    if (y && !dydp) {
        actvol_values(n, lnD0, Em0, Omega, x, y, dydx);
        return MSB_SUCCESS;
    }
    for (size_t i = 0; i < n; i++) {
        const double T = x[2 * i], sigma = x[2 * i + 1];
        const double beta = 1.0 / (MSB_K_B * T);
        const double E = Em0 - Omega * sigma;
        const double D = msbi_exp(lnD0 - E * beta);
        if (y) y[i] = D;
        if (dydx) {
            dydx[2 * i] = D * E * beta / T;
            dydx[2 * i + 1] = D * Omega * beta;
        }
        if (dydp) {
            dydp[3 * i] = D;
            dydp[3 * i + 1] = -D * beta;
            dydp[3 * i + 2] = D * sigma * beta;
        }
    }
    return MSB_SUCCESS;
}

static msb_status actvol_card_read(const msbi_card_family *f, msb_law **out);

/* D = exp(p0 - (p1 - p2 x1) / (kB x0)) */
static int actvol_export_expr(const msb_law *law, char *buf, size_t cap)
{
    (void)law;
    return msbi_snprintf_c(buf, cap, "exp(p0 - (p1 - p2 * x1) / (%.17g * x0))", MSB_K_B);
}

const msbi_law_class msbi_actvol_class = {.kind = "activation_volume",
                                          .eval = actvol_eval,
                                          .card_read = actvol_card_read,
                                          .export_expr = actvol_export_expr};

static msb_status actvol_build(const char *where, const double p[3], const double *cov,
                               msb_law **out)
{
    const msbi_var in[2] = {{"T", "K", MSB_DOMAIN_POSITIVE}, {"sigma", "Pa", MSB_DOMAIN_REAL}};
    const msbi_var outv = {"D", "m^2/s", MSB_DOMAIN_REAL};
    const msbi_var par[3] = {{"ln_D0", "ln(m^2/s)", MSB_DOMAIN_REAL},
                             {"Em0", "J", MSB_DOMAIN_REAL},
                             {"Omega_act", "m^3", MSB_DOMAIN_REAL}};
    const msbi_law_spec spec = {&msbi_actvol_class, NULL,
                                "activation volume in transition-state theory: M. J. Aziz, "
                                "Appl. Phys. Lett. 70, 2810 (1997)",
                                2, 1, 3, in, &outv, par, p, cov};
    return msbi_law_create(where, &spec, out);
}

static msb_status actvol_card_read(const msbi_card_family *f, msb_law **out)
{
    return actvol_build(msbi_card_where(f), msbi_card_params(f), NULL, out);
}

msb_status msb_activation_volume_create(double D0, double Em0_J, double Omega_m3,
                                        const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    MSBI_TRY(msbi_check_finite(__func__, "Em0_J", Em0_J));
    MSBI_TRY(msbi_check_finite(__func__, "Omega_m3", Omega_m3));
    MSBI_TRY(msbi_check_covariance(__func__, 3, cov));
    const double p[3] = {log(D0), Em0_J, Omega_m3};
    return actvol_build(__func__, p, cov, out);
}

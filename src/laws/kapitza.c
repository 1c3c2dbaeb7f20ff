/* Kapitza (interfacial thermal) resistance laws (msbridge/kapitza.h). */
#include "core/numtext.h"
#include "laws/law_internal.h"
#include "msbridge/kapitza.h"

msb_status msb_kapitza_resistance(double G_W_m2K, double G_std, double *R_m2K_W, double *R_std)
{
    MSBI_CHECK_NULL(R_m2K_W);
    MSBI_TRY(msbi_check_positive(__func__, "G_W_m2K", G_W_m2K));
    MSBI_TRY(msbi_check_nonneg(__func__, "G_std", G_std));
    const double R = 1.0 / G_W_m2K, s = G_std / (G_W_m2K * G_W_m2K);
    if (!isfinite(R) || !isfinite(s))
        return MSBI_FAIL(MSB_ERANGE, "1/G not representable (G = %g +- %g)", G_W_m2K, G_std);
    *R_m2K_W = R;
    if (R_std) *R_std = s;
    return MSB_SUCCESS;
}

/* dT = q R;  d dT/dq = R;  d dT/dR = q */
static msb_status kapitza_eval(const msb_law *law, const double *p, size_t n, const double *x,
                               double *y, double *dydx, double *dydp)
{
    (void)law;
    for (size_t i = 0; i < n; i++) {
        if (y) y[i] = x[i] * p[0];
        if (dydx) dydx[i] = p[0];
        if (dydp) dydp[i] = x[i];
    }
    return MSB_SUCCESS;
}

static msb_status kapitza_build(const char *where, double R, double var, msb_law **out);

/* Law cards: no family constants (R_K is the parameter). */
static msb_status kapitza_card_read(const msbi_card_family *f, msb_law **out)
{
    return kapitza_build(msbi_card_where(f), msbi_card_params(f)[0], 0.0, out);
}

/* dT = q R */
static int kapitza_export_expr(const msb_law *law, char *buf, size_t cap)
{
    (void)law;
    return msbi_snprintf_c(buf, cap, "x0 * p0");
}

const msbi_law_class msbi_kapitza_class = {.kind = "kapitza",
                                           .eval = kapitza_eval,
                                           .card_read = kapitza_card_read,
                                           .export_expr = kapitza_export_expr};

static const char kapitza_ref[] = "P. L. Kapitza, J. Phys. (USSR) 4, 181 (1941); E. T. Swartz "
                                  "and R. O. Pohl, Rev. Mod. Phys. 61, 605 (1989)";

static msb_status kapitza_build(const char *where, double R, double var, msb_law **out)
{
    if (out == NULL) return msbi_error(MSB_ENULL, where, "argument 'out' is NULL");
    MSBI_TRY(msbi_check_nonneg(where, "R_K", R));
    MSBI_TRY(msbi_check_nonneg(where, "R_var", var));
    const msbi_var in = {"q", "W/m^2", MSB_DOMAIN_REAL};
    const msbi_var outv = {"dT", "K", MSB_DOMAIN_REAL};
    const msbi_var par = {"R_K", "m^2 K/W", MSB_DOMAIN_NONNEGATIVE};
    const msbi_law_spec spec = {&msbi_kapitza_class, NULL, kapitza_ref, 1, 1, 1, &in, &outv, &par,
                                &R, &var};
    return msbi_law_create(where, &spec, out);
}

msb_status msb_kapitza_create(double R_m2K_W, double R_var, msb_law **out)
{
    return kapitza_build(__func__, R_m2K_W, R_var, out);
}

msb_status msb_kapitza_from_conductance(double G_W_m2K, double G_std, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "G_W_m2K", G_W_m2K));
    MSBI_TRY(msbi_check_nonneg(__func__, "G_std", G_std));
    const double R = 1.0 / G_W_m2K, s = G_std / (G_W_m2K * G_W_m2K);
    if (!isfinite(R) || !isfinite(s * s))
        return MSBI_FAIL(MSB_ERANGE, "1/G not representable (G = %g +- %g)", G_W_m2K, G_std);
    return kapitza_build(__func__, R, s * s, out);
}

typedef struct kapitza_lin_data { double T_ref; } kapitza_lin_data;

/* dT = q (R0 + R1 (T - Tr)); d/dq = R0 + R1 (T - Tr); d/dT = q R1; d/dR0 = q; d/dR1 = q (T-Tr) */
static msb_status kapitza_lin_eval(const msb_law *law, const double *p, size_t n,
                                   const double *x, double *y, double *dydx, double *dydp)
{
    const kapitza_lin_data *d = msbi_law_data(law);
    for (size_t i = 0; i < n; i++) {
        const double q = x[2 * i], u = x[2 * i + 1] - d->T_ref;
        const double R = p[0] + p[1] * u;
        if (y) y[i] = q * R;
        if (dydx) {
            dydx[2 * i] = R;
            dydx[2 * i + 1] = q * p[1];
        }
        if (dydp) {
            dydp[2 * i] = q;
            dydp[2 * i + 1] = q * u;
        }
    }
    return MSB_SUCCESS;
}

static void kapitza_lin_free(void *data) { msbi_free(data); }

/* Law cards: the reference temperature T_ref_K as held. */
static msb_status kapitza_lin_card_write(const msb_law *law, msbi_card_family *f)
{
    return msbi_card_put(f, "T_ref_K", ((const kapitza_lin_data *)msbi_law_data(law))->T_ref);
}

static msb_status kapitza_lin_card_read(const msbi_card_family *f, msb_law **out)
{
    double T_ref;
    MSBI_TRY(msbi_card_get(f, "T_ref_K", &T_ref));
    const double *p = msbi_card_params(f);
    return msb_kapitza_linear_create(p[0], p[1], T_ref, NULL, out);
}

/* dT = q (R0 + R1 (T - T_ref)) */
static int kapitza_lin_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const kapitza_lin_data *d = msbi_law_data(law);
    return msbi_snprintf_c(buf, cap, "x0 * (p0 + p1 * (x1 - %.17g))", d->T_ref);
}

const msbi_law_class msbi_kapitza_lin_class = {.kind = "kapitza_linear",
                                               .eval = kapitza_lin_eval,
                                               .free_data = kapitza_lin_free,
                                               .card_write = kapitza_lin_card_write,
                                               .card_read = kapitza_lin_card_read,
                                               .export_expr = kapitza_lin_export_expr};

msb_status msb_kapitza_linear_create(double R0_m2K_W, double R1_m2_W, double T_ref_K,
                                     const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "R0_m2K_W", R0_m2K_W));
    MSBI_TRY(msbi_check_finite(__func__, "R1_m2_W", R1_m2_W));
    MSBI_TRY(msbi_check_positive(__func__, "T_ref_K", T_ref_K));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    kapitza_lin_data *d = msbi_malloc(sizeof *d);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->T_ref = T_ref_K;
    const msbi_var in[2] = {{"q", "W/m^2", MSB_DOMAIN_REAL}, {"T", "K", MSB_DOMAIN_POSITIVE}};
    const msbi_var outv = {"dT", "K", MSB_DOMAIN_REAL};
    const msbi_var par[2] = {{"R0", "m^2 K/W", MSB_DOMAIN_REAL}, {"R1", "m^2/W", MSB_DOMAIN_REAL}};
    const double p[2] = {R0_m2K_W, R1_m2_W};
    const msbi_law_spec spec = {&msbi_kapitza_lin_class, d, kapitza_ref, 2, 1, 2, in, &outv, par, p,
                                cov};
    return msbi_law_create(__func__, &spec, out);
}

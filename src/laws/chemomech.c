/* Chemo-mechanical laws: U(p), tensorial activation volume, barodiffusion flux
 * (msbridge/chemomech.h). */
#include "core/numtext.h"
#include "laws/law_internal.h"
#include "numerics/vexp.h"
#include "msbridge/chemomech.h"

/* ---- U(p) = U0 - Vbar (p - p0)/(n F); dU/dp = -Vbar/(nF); dU/dU0 = 1; dU/dVbar = -(p-p0)/(nF) */
typedef struct up_data {
    double p0, nF;
} up_data;

static msb_status up_eval(const msb_law *law, const double *p, size_t n, const double *x,
                          double *y, double *dydx, double *dydp)
{
    const up_data *d = msbi_law_data(law);
    for (size_t i = 0; i < n; i++) {
        const double dp = x[i] - d->p0;
        if (y) y[i] = p[0] - p[1] * dp / d->nF;
        if (dydx) dydx[i] = -p[1] / d->nF;
        if (dydp) {
            dydp[2 * i] = 1.0;
            dydp[2 * i + 1] = -dp / d->nF;
        }
    }
    return MSB_SUCCESS;
}

/* Law cards: p0 and n F as held (n F is not recomputed from n, so it round-trips bitwise). */
static msb_status up_card_write(const msb_law *law, msbi_card_family *f)
{
    const up_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "p0_Pa", d->p0));
    return msbi_card_put(f, "nF_C_per_mol", d->nF);
}

static msb_status up_card_read(const msbi_card_family *f, msb_law **out)
{
    double p0, nF;
    MSBI_TRY(msbi_card_get(f, "p0_Pa", &p0));
    MSBI_TRY(msbi_card_get(f, "nF_C_per_mol", &nF));
    const double *p = msbi_card_params(f);
    msb_law *law;
    MSBI_TRY(msb_voltage_pressure_create(p[0], p[1], p0, nF / MSB_F, NULL, &law));
    ((up_data *)msbi_law_data(law))->nF = nF; /* not shared yet */
    *out = law;
    return MSB_SUCCESS;
}

/* U = U0 - Vbar (p - p0)/(n F) */
static int up_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const up_data *d = msbi_law_data(law);
    return msbi_snprintf_c(buf, cap, "p0 - p1 * (x0 - %.17g) / %.17g", d->p0, d->nF);
}

const msbi_law_class msbi_voltage_pressure_class = {.kind = "voltage_pressure",
                                                    .eval = up_eval,
                                                    .free_data = msbi_free,
                                                    .card_write = up_card_write,
                                                    .card_read = up_card_read,
                                                    .export_expr = up_export_expr};

msb_status msb_voltage_pressure_create(double U0_V, double Vbar_m3mol, double p0_Pa, double n_e,
                                       const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "U0_V", U0_V));
    MSBI_TRY(msbi_check_finite(__func__, "Vbar_m3mol", Vbar_m3mol));
    MSBI_TRY(msbi_check_finite(__func__, "p0_Pa", p0_Pa));
    MSBI_TRY(msbi_check_positive(__func__, "n_e", n_e));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    up_data *d = msbi_malloc(sizeof *d);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->p0 = p0_Pa;
    d->nF = n_e * MSB_F;
    const msbi_var in = {"p", "Pa", MSB_DOMAIN_REAL};
    const msbi_var outv = {"U", "V", MSB_DOMAIN_REAL};
    const msbi_var par[2] = {{"U0", "V", MSB_DOMAIN_REAL}, {"Vbar", "m^3/mol", MSB_DOMAIN_REAL}};
    const double p[2] = {U0_V, Vbar_m3mol};
    const msbi_law_spec spec = {&msbi_voltage_pressure_class, d,
                                "dU/dp = -Vbar/(nF): F. Larche, J. W. Cahn, Acta Metall. 21, "
                                "1051 (1973)",
                                1, 1, 2, &in, &outv, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

/* ---- tensorial activation volume; w = Voigt contraction weights (1,1,1,2,2,2) ---- */
static const double voigt_w[6] = {1, 1, 1, 2, 2, 2};

static msb_status actvol6_eval(const msb_law *law, const double *p, size_t n, const double *x,
                               double *y, double *dydx, double *dydp)
{
    (void)law;
    for (size_t i = 0; i < n; i++) {
        const double *xi = x + 7 * i;
        const double T = xi[0], beta = 1.0 / (MSB_K_B * T);
        double os = 0.0;
        for (int a = 0; a < 6; a++) os += voigt_w[a] * p[2 + a] * xi[1 + a];
        const double E = p[1] - os;
        const double D = msbi_exp(p[0] - E * beta);
        if (y) y[i] = D;
        if (dydx) {
            dydx[7 * i] = D * E * beta / T;
            for (int a = 0; a < 6; a++) dydx[7 * i + 1 + (size_t)a] = D * beta * voigt_w[a] * p[2 + a];
        }
        if (dydp) {
            dydp[8 * i] = D;
            dydp[8 * i + 1] = -D * beta;
            for (int a = 0; a < 6; a++) dydp[8 * i + 2 + (size_t)a] = D * beta * voigt_w[a] * xi[1 + a];
        }
    }
    return MSB_SUCCESS;
}

/* Law cards: no family constants. ln D0 is the parameter: the constructor gets exp(ln D0)
 * and card.c then sets the parameters bitwise from the card. */
static msb_status actvol6_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msb_activation_volume_tensor_create(exp(p[0]), p[1], p + 2, NULL, out);
}

/* D = exp(p0 - (p1 - sum_a w_a Omega_a s_a) / (kB T)), Voigt weights (1,1,1,2,2,2) */
static int actvol6_export_expr(const msb_law *law, char *buf, size_t cap)
{
    (void)law;
    return msbi_snprintf_c(buf, cap,
                           "exp(p0 - (p1 - (p2 * x1 + p3 * x2 + p4 * x3 + 2.0 * p5 * x4 + "
                           "2.0 * p6 * x5 + 2.0 * p7 * x6)) / (%.17g * x0))",
                           MSB_K_B);
}

const msbi_law_class msbi_actvol6_class = {.kind = "activation_volume_tensor",
                                           .eval = actvol6_eval,
                                           .card_read = actvol6_card_read,
                                           .export_expr = actvol6_export_expr};

msb_status msb_activation_volume_tensor_create(double D0, double Em0_J, const double *Omega6_m3,
                                               const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(Omega6_m3);
    MSBI_TRY(msbi_check_positive(__func__, "D0", D0));
    MSBI_TRY(msbi_check_finite(__func__, "Em0_J", Em0_J));
    MSBI_TRY(msbi_check_array_finite(__func__, "Omega6_m3", 6, Omega6_m3));
    MSBI_TRY(msbi_check_covariance(__func__, 8, cov));
    const msbi_var in[7] = {{"T", "K", MSB_DOMAIN_POSITIVE},    {"s11", "Pa", MSB_DOMAIN_REAL},
                            {"s22", "Pa", MSB_DOMAIN_REAL},     {"s33", "Pa", MSB_DOMAIN_REAL},
                            {"s23", "Pa", MSB_DOMAIN_REAL},     {"s13", "Pa", MSB_DOMAIN_REAL},
                            {"s12", "Pa", MSB_DOMAIN_REAL}};
    const msbi_var outv = {"D", "m^2/s", MSB_DOMAIN_REAL};
    const msbi_var par[8] = {{"ln_D0", "ln(m^2/s)", MSB_DOMAIN_REAL}, {"Em0", "J", MSB_DOMAIN_REAL},
                             {"O11", "m^3", MSB_DOMAIN_REAL},         {"O22", "m^3", MSB_DOMAIN_REAL},
                             {"O33", "m^3", MSB_DOMAIN_REAL},         {"O23", "m^3", MSB_DOMAIN_REAL},
                             {"O13", "m^3", MSB_DOMAIN_REAL},         {"O12", "m^3", MSB_DOMAIN_REAL}};
    double p[8] = {log(D0), Em0_J};
    for (int a = 0; a < 6; a++) p[2 + a] = Omega6_m3[a];
    const msbi_law_spec spec = {&msbi_actvol6_class, NULL,
                                "activation-volume tensor: M. J. Aziz, Appl. Phys. Lett. 70, "
                                "2810 (1997)",
                                7, 1, 8, in, &outv, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

/* ---- barodiffusion: J_k = -D gc_k + (D c Vbar/(R T)) gs_k ----
 * dJk/dc = D Vbar gs_k/(RT); dJk/dT = -D c Vbar gs_k/(R T^2); dJk/dgc_j = -D d_kj;
 * dJk/dgs_j = D c Vbar/(RT) d_kj; dJk/dD = -gc_k + c Vbar gs_k/(RT); dJk/dVbar = D c gs_k/(RT). */
static msb_status baro_eval(const msb_law *law, const double *p, size_t n, const double *x,
                            double *y, double *dydx, double *dydp)
{
    (void)law;
    const double D = p[0], Vb = p[1];
    for (size_t i = 0; i < n; i++) {
        const double *xi = x + 8 * i;
        const double c = xi[0], T = xi[1], rt = 1.0 / (MSB_R * T);
        for (int k = 0; k < 3; k++) {
            const double gc = xi[2 + k], gs = xi[5 + k];
            const size_t row = 3 * i + (size_t)k;
            if (y) y[row] = -D * gc + D * c * Vb * rt * gs;
            if (dydx) {
                double *g = dydx + row * 8;
                for (int j = 0; j < 8; j++) g[j] = 0.0;
                g[0] = D * Vb * gs * rt;
                g[1] = -D * c * Vb * gs * rt / T;
                g[2 + k] = -D;
                g[5 + k] = D * c * Vb * rt;
            }
            if (dydp) {
                dydp[row * 2] = -gc + c * Vb * rt * gs;
                dydp[row * 2 + 1] = D * c * gs * rt;
            }
        }
    }
    return MSB_SUCCESS;
}

static msb_status baro_check(const char *where, const double *p)
{
    if (!(p[0] > 0)) return msbi_error(MSB_EDOM, where, "D must be > 0 (got %g)", p[0]);
    return MSB_SUCCESS;
}

/* Law cards: no family constants (three outputs: no single-expression export). */
static msb_status baro_card_read(const msbi_card_family *f, msb_law **out)
{
    const double *p = msbi_card_params(f);
    return msb_barodiffusion_create(p[0], p[1], NULL, out);
}

const msbi_law_class msbi_barodiffusion_class = {.kind = "barodiffusion",
                                                 .eval = baro_eval,
                                                 .check_params = baro_check,
                                                 .card_read = baro_card_read};

msb_status msb_barodiffusion_create(double D_m2s, double Vbar_m3mol, const double *cov,
                                    msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "D_m2s", D_m2s));
    MSBI_TRY(msbi_check_finite(__func__, "Vbar_m3mol", Vbar_m3mol));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    const msbi_var in[8] = {{"c", "mol/m^3", MSB_DOMAIN_NONNEGATIVE}, {"T", "K", MSB_DOMAIN_POSITIVE},
                            {"dc_dx", "mol/m^4", MSB_DOMAIN_REAL},    {"dc_dy", "mol/m^4", MSB_DOMAIN_REAL},
                            {"dc_dz", "mol/m^4", MSB_DOMAIN_REAL},    {"dsh_dx", "Pa/m", MSB_DOMAIN_REAL},
                            {"dsh_dy", "Pa/m", MSB_DOMAIN_REAL},      {"dsh_dz", "Pa/m", MSB_DOMAIN_REAL}};
    const msbi_var outv[3] = {{"J_x", "mol/(m^2 s)", MSB_DOMAIN_REAL},
                              {"J_y", "mol/(m^2 s)", MSB_DOMAIN_REAL},
                              {"J_z", "mol/(m^2 s)", MSB_DOMAIN_REAL}};
    const msbi_var par[2] = {{"D", "m^2/s", MSB_DOMAIN_POSITIVE}, {"Vbar", "m^3/mol", MSB_DOMAIN_REAL}};
    const double p[2] = {D_m2s, Vbar_m3mol};
    const msbi_law_spec spec = {&msbi_barodiffusion_class, NULL,
                                "F. Larche, J. W. Cahn, Acta Metall. 33, 331 (1985); tension "
                                "positive",
                                8, 3, 2, in, outv, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

/* Nernst-Einstein-Haven conductivity, layer resistance and NE transference number
 * (msbridge/transport.h). */
#include "laws/transport_compose.h"
#include "msbridge/transport.h"

typedef enum { NE_SIGMA, NE_RSEI, NE_TPLUS } ne_kind;

typedef struct ne_data {
    msbi_parts P;
    ne_kind kind;
    double w[MSBI_MAX_PARTS]; /* n_i (z_i e)^2 for sigma; n_i z_i^2 for t+ */
} ne_data;

static void ne_free(void *data)
{
    ne_data *d = data;
    if (d == NULL) return;
    msbi_parts_free(&d->P);
    msbi_free(d);
}

/* Value, dT and parameter gradient (into g, length np_part) of part i at T. */
static msb_status part1(const ne_data *d, size_t i, const double *p, double T, double *v,
                        double *dv, double *g)
{
    const msb_law *law = d->P.part[i];
    const size_t nout = msb_law_n_outputs(law), np = msb_law_n_params(law);
    double y[MSB_LAW_MAX_OUTPUTS], dy[MSB_LAW_MAX_OUTPUTS], dp[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    MSBI_TRY(msbi_law_eval_raw(law, p + d->P.off[i], 1, &T, y, dy, g ? dp : NULL));
    *v = y[0];
    *dv = dy[0];
    if (g)
        for (size_t m = 0; m < np; m++) g[m] = dp[m];
    (void)nout;
    return MSB_SUCCESS;
}

static msb_status ne_eval(const msb_law *law, const double *p, size_t n, const double *x,
                          double *y, double *dydx, double *dydp)
{
    const ne_data *d = msbi_law_data(law);
    const size_t ns = d->P.n, np = msb_law_n_params(law);
    double v[MSBI_MAX_PARTS], dv[MSBI_MAX_PARTS], g[MSB_LAW_MAX_PARAMS];
    for (size_t i = 0; i < n; i++) {
        const double T = x[i];
        double *gi = dydp ? dydp + i * np : NULL;
        for (size_t s = 0; s < ns; s++)
            MSBI_TRY(part1(d, s, p, T, &v[s], &dv[s], gi ? g + d->P.off[s] : NULL));
        if (d->kind == NE_SIGMA) {
            const double *H = p + d->P.off[ns];
            double sig = 0, dsig = 0;
            for (size_t s = 0; s < ns; s++) {
                const double c = d->w[s] / (MSB_K_B * H[s]);
                sig += c * v[s] / T;
                dsig += c * (dv[s] / T - v[s] / (T * T));
                if (gi) {
                    for (size_t m = d->P.off[s]; m < d->P.off[s + 1]; m++) gi[m] = c / T * g[m];
                    gi[d->P.off[ns] + s] = -c * v[s] / (T * H[s]);
                }
            }
            if (y) y[i] = sig;
            if (dydx) dydx[i] = dsig;
        } else if (d->kind == NE_RSEI) {
            const double h = p[d->P.off[1]], s0 = v[0];
            if (!(s0 > 0)) return MSBI_FAIL(MSB_EDOM, "conductivity %g S/m at T = %g K is not > 0", s0, T);
            if (y) y[i] = h / s0;
            if (dydx) dydx[i] = -h * dv[0] / (s0 * s0);
            if (gi) {
                for (size_t m = 0; m < d->P.off[1]; m++) gi[m] = -h / (s0 * s0) * g[m];
                gi[d->P.off[1]] = 1.0 / s0;
            }
        } else {
            const double a = d->w[0] * v[0], b = d->w[1] * v[1], S = a + b;
            if (!(S > 0)) return MSBI_FAIL(MSB_EDOM, "D+ and D- at T = %g K give a non-positive sum", T);
            /* t = a/S: dt/da = b/S^2, dt/db = -a/S^2 */
            const double ta = b / (S * S), tb = -a / (S * S);
            if (y) y[i] = a / S;
            if (dydx) dydx[i] = ta * d->w[0] * dv[0] + tb * d->w[1] * dv[1];
            if (gi) {
                for (size_t m = d->P.off[0]; m < d->P.off[1]; m++) gi[m] = ta * d->w[0] * g[m];
                for (size_t m = d->P.off[1]; m < d->P.off[2]; m++) gi[m] = tb * d->w[1] * g[m];
            }
        }
    }
    return MSB_SUCCESS;
}

static const msbi_law_class ne_class = {.kind = "nernst_einstein", .eval = ne_eval, .free_data = ne_free};
static const msbi_law_class sei_class = {.kind = "layer_resistance", .eval = ne_eval, .free_data = ne_free};
static const msbi_law_class tp_class = {.kind = "transference_ne", .eval = ne_eval, .free_data = ne_free};

static const char *const PREFIX[MSBI_MAX_PARTS] = {"s0_", "s1_", "s2_", "s3_", "s4_", "s5_", "s6_", "s7_"};

static msb_status build(const char *where, ne_kind kind, size_t ns, const msb_law *const *laws,
                        const double *w, size_t n_own, const double *own, const double *own_var,
                        const msbi_var *own_par, const msbi_var *outv, const char *ref, msb_law **out)
{
    ne_data *d = msbi_calloc(1, sizeof *d);
    if (d == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    msbi_var par[MSB_LAW_MAX_PARAMS];
    double p[MSB_LAW_MAX_PARAMS], cov[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    msb_status st = msbi_parts_init(where, &d->P, ns, laws, 1, 1, PREFIX, n_own, par, p, cov);
    if (st) {
        msbi_free(d);
        return st;
    }
    d->kind = kind;
    for (size_t s = 0; s < ns; s++) d->w[s] = w[s];
    const size_t o = d->P.off[ns], np = o + n_own;
    for (size_t k = 0; k < n_own; k++) {
        p[o + k] = own[k];
        cov[(o + k) * np + o + k] = own_var[k];
        par[o + k] = own_par[k];
    }
    const msbi_var in = {"T", "K", MSB_DOMAIN_POSITIVE};
    const msbi_law_class *cls = kind == NE_SIGMA ? &ne_class : kind == NE_RSEI ? &sei_class : &tp_class;
    const msbi_law_spec spec = {cls, d, ref, 1, 1, np, &in, outv, par, p, cov};
    msb_law *law;
    MSBI_TRY(msbi_law_create(where, &spec, &law));
    /* validity: intersection of the parts' T ranges */
    double lo = -INFINITY, hi = INFINITY;
    for (size_t s = 0; s < ns; s++) {
        double a, b;
        if (msb_law_validity(laws[s], 0, &a, &b) == MSB_SUCCESS) {
            lo = fmax(lo, a);
            hi = fmin(hi, b);
        }
    }
    msbi_law_set_validity(law, 0, lo, hi);
    *out = law;
    return MSB_SUCCESS;
}

static msb_status check_parts(const char *where, size_t n, const msb_law *const *laws)
{
    for (size_t i = 0; i < n; i++) {
        if (laws[i] == NULL) return msbi_error(MSB_ENULL, where, "part law %zu is NULL", i);
        if (msb_law_n_inputs(laws[i]) != 1 || msb_law_input_domain(laws[i], 0) != MSB_DOMAIN_POSITIVE)
            return msbi_error(MSB_EBADLAW, where, "part law %zu ('%s') must have one positive input "
                              "(T in K)", i, msb_law_kind(laws[i]));
    }
    return MSB_SUCCESS;
}

msb_status msb_nernst_einstein_create(size_t n_species, const msb_law *const *D_laws,
                                      const double *n_per_m3, const int *z, const double *haven,
                                      const double *haven_std, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(D_laws);
    MSBI_CHECK_NULL(n_per_m3);
    MSBI_CHECK_NULL(z);
    if (n_species < 1 || n_species > MSBI_MAX_PARTS)
        return MSBI_FAIL(MSB_ESIZE, "n_species must be in 1..%d (got %zu)", MSBI_MAX_PARTS, n_species);
    MSBI_TRY(check_parts(__func__, n_species, D_laws));
    MSBI_TRY(msbi_check_array_positive(__func__, "n_per_m3", n_species, n_per_m3));
    double H[MSBI_MAX_PARTS], Hv[MSBI_MAX_PARTS], w[MSBI_MAX_PARTS];
    msbi_var hp[MSBI_MAX_PARTS];
    for (size_t s = 0; s < n_species; s++) {
        if (z[s] == 0) return MSBI_FAIL(MSB_EDOM, "z[%zu] must be non-zero", s);
        H[s] = haven ? haven[s] : 1.0;
        Hv[s] = haven_std ? haven_std[s] * haven_std[s] : 0.0;
        if (haven) MSBI_TRY(msbi_check_positive(__func__, "haven", H[s]));
        if (haven_std) MSBI_TRY(msbi_check_nonneg(__func__, "haven_std", haven_std[s]));
        const double q = z[s] * MSB_E;
        w[s] = n_per_m3[s] * q * q;
        if (!isfinite(w[s])) return MSBI_FAIL(MSB_ERANGE, "n_per_m3[%zu] = %g too large", s, n_per_m3[s]);
        snprintf(hp[s].name, MSBI_NAME_MAX, "H%zu", s);
        snprintf(hp[s].unit, MSBI_NAME_MAX, "1");
        hp[s].domain = MSB_DOMAIN_POSITIVE;
    }
    const msbi_var outv = {"sigma", "S/m", MSB_DOMAIN_REAL};
    return build(__func__, NE_SIGMA, n_species, D_laws, w, n_species, H, Hv, hp, &outv,
                 "Nernst-Einstein relation (W. Nernst, Z. Phys. Chem. 2, 613 (1888); A. Einstein, "
                 "Ann. Phys. 17, 549 (1905)) with Haven ratios (Y. Haven, B. Verkerk, Phys. Chem. "
                 "Glasses 6, 38 (1965))", out);
}

static msb_status check_h(const char *where, const double *p)
{
    (void)p;
    (void)where;
    return MSB_SUCCESS;
}

msb_status msb_sei_resistance_create(const msb_law *sigma_law, double h_m, double h_std_m,
                                     msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(sigma_law);
    const msb_law *parts[1] = {sigma_law};
    MSBI_TRY(check_parts(__func__, 1, parts));
    MSBI_TRY(msbi_check_positive(__func__, "h_m", h_m));
    MSBI_TRY(msbi_check_nonneg(__func__, "h_std_m", h_std_m));
    (void)check_h;
    const msbi_var hp = {"h", "m", MSB_DOMAIN_POSITIVE};
    const double hv = h_std_m * h_std_m, w = 1.0;
    const msbi_var outv = {"R_area", "Ohm m^2", MSB_DOMAIN_REAL};
    return build(__func__, NE_RSEI, 1, parts, &w, 1, &h_m, &hv, &hp, &outv,
                 "Ohm's law for a uniform layer: R = h / sigma", out);
}

msb_status msb_transference_ne_create(const msb_law *D_plus, const msb_law *D_minus, double n_plus,
                                      int z_plus, double n_minus, int z_minus, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(D_plus);
    MSBI_CHECK_NULL(D_minus);
    const msb_law *parts[2] = {D_plus, D_minus};
    MSBI_TRY(check_parts(__func__, 2, parts));
    MSBI_TRY(msbi_check_positive(__func__, "n_plus", n_plus));
    MSBI_TRY(msbi_check_positive(__func__, "n_minus", n_minus));
    if (z_plus <= 0 || z_minus >= 0)
        return MSBI_FAIL(MSB_EDOM, "need z_plus > 0 > z_minus (got %d, %d)", z_plus, z_minus);
    const double w[2] = {n_plus * z_plus * z_plus, n_minus * z_minus * z_minus};
    const msbi_var outv = {"t_plus", "1", MSB_DOMAIN_REAL};
    return build(__func__, NE_TPLUS, 2, parts, w, 0, NULL, NULL, NULL, &outv,
                 "Nernst-Einstein transference number t+ = n+ z+^2 D+ / sum_i n_i z_i^2 D_i", out);
}

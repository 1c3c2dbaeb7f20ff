/* Darken chemical diffusivity and the tabulated chemical-potential law (msbridge/transport.h). */
#include "laws/transport_compose.h"
#include "msbridge/transport.h"

/* ---------------- tabulated mu(x): natural cubic spline ---------------- */

typedef struct mu_data {
    size_t n;
    double *x; /* n */
    double *G; /* n x n: spline second derivatives M = G y */
} mu_data;

static void mu_free(void *data)
{
    mu_data *d = data;
    if (d == NULL) return;
    msbi_free(d->x);
    msbi_free(d->G);
    msbi_free(d);
}

static size_t interval(const double *x, size_t n, double v)
{
    if (v <= x[0]) return 0;
    if (v >= x[n - 2]) return n - 2;
    size_t lo = 0, hi = n - 2; /* x[lo] <= v < x[hi+1] */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (x[mid] <= v) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* Spline S(x) = A y_k + B y_{k+1} + C M_k + D M_{k+1} (Numerical Recipes, 3rd ed., sec. 3.3):
 * A = (x_{k+1} - x)/h, B = 1 - A, C = (A^3 - A) h^2/6, D = (B^3 - B) h^2/6. */
static msb_status mu_eval(const msb_law *law, const double *p, size_t n, const double *x,
                          double *y, double *dydx, double *dydp)
{
    const mu_data *d = msbi_law_data(law);
    const size_t nn = d->n;
    for (size_t i = 0; i < n; i++) {
        const double v = x[2 * i], T = x[2 * i + 1];
        const size_t k = interval(d->x, nn, v);
        const double h = d->x[k + 1] - d->x[k];
        const double A = (d->x[k + 1] - v) / h, B = 1.0 - A;
        const double C = (A * A * A - A) * h * h / 6.0, D = (B * B * B - B) * h * h / 6.0;
        const double *Gk = d->G + k * nn, *Gk1 = d->G + (k + 1) * nn;
        double Mk = 0, Mk1 = 0;
        for (size_t j = 0; j < nn; j++) {
            Mk += Gk[j] * p[j];
            Mk1 += Gk1[j] * p[j];
        }
        const double yk = p[k], yk1 = p[k + 1];
        const double S = A * yk + B * yk1 + C * Mk + D * Mk1;
        const double cA = -(3 * A * A - 1) * h / 6.0, cB = (3 * B * B - 1) * h / 6.0;
        const double S1 = (yk1 - yk) / h + cA * Mk + cB * Mk1;
        const double S2 = A * Mk + B * Mk1;
        const double kT = MSB_K_B * T, th = v * S1 / kT;
        if (y) {
            y[2 * i] = S;
            y[2 * i + 1] = th;
        }
        if (dydx) {
            double *r = dydx + 4 * i;
            r[0] = S1;
            r[1] = 0.0;
            r[2] = (S1 + v * S2) / kT;
            r[3] = -th / T;
        }
        if (dydp) {
            double *g0 = dydp + (2 * i) * nn, *g1 = dydp + (2 * i + 1) * nn;
            for (size_t j = 0; j < nn; j++) {
                const double dS = C * Gk[j] + D * Gk1[j] + (j == k ? A : 0.0) + (j == k + 1 ? B : 0.0);
                const double dS1 = cA * Gk[j] + cB * Gk1[j] + (j == k ? -1.0 / h : 0.0) +
                                   (j == k + 1 ? 1.0 / h : 0.0);
                g0[j] = dS;
                g1[j] = v * dS1 / kT;
            }
        }
    }
    return MSB_SUCCESS;
}

static const msbi_law_class mu_class = {.kind = "mu_table", .eval = mu_eval, .free_data = mu_free};

msb_status msb_mu_table_create(size_t n, const double *x, const double *mu_J, const double *mu_std,
                               double T_ref_K, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(x);
    MSBI_CHECK_NULL(mu_J);
    if (n < 3 || n > MSB_LAW_MAX_PARAMS)
        return MSBI_FAIL(MSB_ESIZE, "n must be in 3..%d (got %zu)", MSB_LAW_MAX_PARAMS, n);
    MSBI_TRY(msbi_check_array_finite(__func__, "x", n, x));
    MSBI_TRY(msbi_check_array_finite(__func__, "mu_J", n, mu_J));
    for (size_t j = 1; j < n; j++)
        if (!(x[j] > x[j - 1]))
            return MSBI_FAIL(MSB_EDOM, "x must increase strictly (x[%zu] = %g after %g)", j, x[j], x[j - 1]);
    if (!(x[0] >= 0)) return MSBI_FAIL(MSB_EDOM, "x[0] = %g must be >= 0", x[0]);
    MSBI_TRY(msbi_check_positive(__func__, "T_ref_K", T_ref_K));
    if (mu_std) {
        MSBI_TRY(msbi_check_array_finite(__func__, "mu_std", n, mu_std));
        for (size_t j = 0; j < n; j++)
            if (!(mu_std[j] >= 0)) return MSBI_FAIL(MSB_EDOM, "mu_std[%zu] = %g must be >= 0", j, mu_std[j]);
    }
    mu_data *d = msbi_calloc(1, sizeof *d);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->n = n;
    d->x = msbi_alloc_array(n, sizeof(double));
    d->G = msbi_calloc(n * n, sizeof(double));
    double *work = msbi_alloc_array(n, 3 * sizeof(double));
    double *cov = msbi_calloc(n * n, sizeof(double));
    msbi_var *par = msbi_calloc(n, sizeof(msbi_var));
    if (!d->x || !d->G || !work || !cov || !par) {
        mu_free(d);
        msbi_free(work);
        msbi_free(cov);
        msbi_free(par);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    }
    memcpy(d->x, x, n * sizeof(double));
    /* Natural spline: M_0 = M_{n-1} = 0; for 1 <= k <= n-2:
     * h_{k-1} M_{k-1} + 2 (h_{k-1} + h_k) M_k + h_k M_{k+1} = 6 (dy_k/h_k - dy_{k-1}/h_{k-1}).
     * Column j of G = solution for y = e_j (Thomas algorithm; the matrix is diagonally
     * dominant). */
    const size_t m = n - 2;
    double *cp = work, *dp = work + n, *rhs = work + 2 * n;
    for (size_t j = 0; j < n; j++) {
        for (size_t k = 1; k <= m; k++) {
            const double hl = x[k] - x[k - 1], hr = x[k + 1] - x[k];
            const double ykm = (k - 1 == j), yk = (k == j), ykp = (k + 1 == j);
            rhs[k - 1] = 6.0 * ((ykp - yk) / hr - (yk - ykm) / hl);
        }
        for (size_t k = 1; k <= m; k++) {
            const double hl = x[k] - x[k - 1], hr = x[k + 1] - x[k];
            const double a = k > 1 ? hl : 0.0, b = 2.0 * (hl + hr), c = hr;
            const double den = b - (k > 1 ? a * cp[k - 2] : 0.0);
            cp[k - 1] = c / den;
            dp[k - 1] = (rhs[k - 1] - (k > 1 ? a * dp[k - 2] : 0.0)) / den;
        }
        for (size_t k = m; k >= 1; k--) {
            const double next = k < m ? d->G[(k + 1) * n + j] : 0.0;
            d->G[k * n + j] = dp[k - 1] - cp[k - 1] * next;
        }
    }
    for (size_t j = 0; j < n; j++) {
        snprintf(par[j].name, MSBI_NAME_MAX, "mu%zu", j);
        snprintf(par[j].unit, MSBI_NAME_MAX, "J");
        par[j].domain = MSB_DOMAIN_REAL;
        if (mu_std) cov[j * n + j] = mu_std[j] * mu_std[j];
    }
    msbi_free(work);
    const msbi_var in[2] = {{"x", "1", MSB_DOMAIN_NONNEGATIVE}, {"T", "K", MSB_DOMAIN_POSITIVE}};
    const msbi_var outv[2] = {{"mu", "J", MSB_DOMAIN_REAL}, {"Theta", "1", MSB_DOMAIN_REAL}};
    const msbi_law_spec spec = {&mu_class, d,
                                "tabulated chemical potential, natural cubic spline; Theta = x "
                                "mu'(x)/(k_B T) (mu independent of T)",
                                2, 2, n, in, outv, par, mu_J, cov};
    msb_law *law;
    msb_status st = msbi_law_create(__func__, &spec, &law);
    msbi_free(cov);
    msbi_free(par);
    if (st) return st;
    msbi_law_set_validity(law, 0, x[0], x[n - 1]);
    msbi_law_set_validity(law, 1, T_ref_K, T_ref_K);
    *out = law;
    return MSB_SUCCESS;
}

/* ---------------- Darken ---------------- */

typedef struct darken_data {
    msbi_parts P; /* part 0: D*, part 1: theta law */
    size_t theta_out;
    size_t dstar_nin;
} darken_data;

static void darken_free(void *data)
{
    darken_data *d = data;
    if (d == NULL) return;
    msbi_parts_free(&d->P);
    msbi_free(d);
}

static msb_status darken_eval(const msb_law *law, const double *p, size_t n, const double *x,
                              double *y, double *dydx, double *dydp)
{
    const darken_data *d = msbi_law_data(law);
    const msb_law *ds = d->P.part[0], *th = d->P.part[1];
    const size_t nod = msb_law_n_outputs(ds), not_ = msb_law_n_outputs(th);
    const size_t npd = msb_law_n_params(ds), npt = msb_law_n_params(th), np = npd + npt;
    double yd[MSB_LAW_MAX_OUTPUTS], dxd[MSB_LAW_MAX_OUTPUTS * 2], dpd[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    double yt[MSB_LAW_MAX_OUTPUTS], dxt[MSB_LAW_MAX_OUTPUTS * 2], dpt[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    (void)nod;
    (void)not_;
    const size_t k = d->theta_out;
    for (size_t i = 0; i < n; i++) {
        const double *xi = x + 2 * i;
        const double *xd = d->dstar_nin == 1 ? xi + 1 : xi;
        MSBI_TRY(msbi_law_eval_raw(ds, p, 1, xd, yd, dxd, dydp ? dpd : NULL));
        MSBI_TRY(msbi_law_eval_raw(th, p + npd, 1, xi, yt, dxt, dydp ? dpt : NULL));
        const double D = yd[0], Th = yt[k];
        const double dDc = d->dstar_nin == 1 ? 0.0 : dxd[0];
        const double dDT = d->dstar_nin == 1 ? dxd[0] : dxd[1];
        const double dTc = dxt[2 * k], dTT = dxt[2 * k + 1];
        if (y) {
            y[2 * i] = D * Th;
            y[2 * i + 1] = Th;
        }
        if (dydx) {
            double *r = dydx + 4 * i;
            r[0] = dDc * Th + D * dTc;
            r[1] = dDT * Th + D * dTT;
            r[2] = dTc;
            r[3] = dTT;
        }
        if (dydp) {
            double *g0 = dydp + 2 * i * np, *g1 = g0 + np;
            for (size_t m = 0; m < npd; m++) {
                g0[m] = dpd[m] * Th; /* output 0 of D*: row 0 */
                g1[m] = 0.0;
            }
            for (size_t m = 0; m < npt; m++) {
                g0[npd + m] = D * dpt[k * npt + m];
                g1[npd + m] = dpt[k * npt + m];
            }
        }
    }
    return MSB_SUCCESS;
}

static const msbi_law_class darken_class = {.kind = "darken", .eval = darken_eval, .free_data = darken_free};

msb_status msb_darken_create(const msb_law *D_star, const msb_law *theta_law, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(D_star);
    MSBI_CHECK_NULL(theta_law);
    if (msb_law_n_inputs(theta_law) != 2)
        return MSBI_FAIL(MSB_EBADLAW, "theta_law ('%s') must have two inputs (composition, T); it "
                         "has %zu", msb_law_kind(theta_law), msb_law_n_inputs(theta_law));
    size_t k = msb_law_n_outputs(theta_law);
    for (size_t j = 0; j < msb_law_n_outputs(theta_law); j++)
        if (strcmp(msb_law_output_name(theta_law, j), "Theta") == 0) {
            k = j;
            break;
        }
    if (k == msb_law_n_outputs(theta_law))
        return MSBI_FAIL(MSB_EBADLAW, "theta_law ('%s') has no output named 'Theta'", msb_law_kind(theta_law));
    const size_t nd = msb_law_n_inputs(D_star);
    if (nd != 1 && nd != 2)
        return MSBI_FAIL(MSB_EBADLAW, "D_star ('%s') must have 1 input (T) or 2 (composition, T); "
                         "it has %zu", msb_law_kind(D_star), nd);
    const size_t jT = nd == 1 ? 0 : 1;
    if (msb_law_input_domain(D_star, jT) != MSB_DOMAIN_POSITIVE ||
        strcmp(msb_law_input_unit(D_star, jT), "K") != 0 ||
        strcmp(msb_law_input_unit(theta_law, 1), "K") != 0)
        return MSBI_FAIL(MSB_EBADLAW, "the temperature inputs of D_star and theta_law must be in K");
    darken_data *d = msbi_calloc(1, sizeof *d);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    msbi_var par[MSB_LAW_MAX_PARAMS];
    double p[MSB_LAW_MAX_PARAMS], cov[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    const msb_law *parts[2] = {D_star, theta_law};
    static const char *const prefix[2] = {"Dstar_", "theta_"};
    msb_status st = msbi_parts_init(__func__, &d->P, 2, parts, 1, 2, prefix, 0, par, p, cov);
    if (st) {
        msbi_free(d);
        return st;
    }
    d->theta_out = k;
    d->dstar_nin = nd;
    msbi_var in[2];
    for (size_t j = 0; j < 2; j++) {
        msbi_copy_name(in[j].name, msb_law_input_name(theta_law, j));
        msbi_copy_name(in[j].unit, msb_law_input_unit(theta_law, j));
        in[j].domain = msb_law_input_domain(theta_law, j);
    }
    /* D*'s inputs must be at least as permissive as the theta law's */
    if (nd == 2 && msb_law_input_domain(D_star, 0) != in[0].domain) {
        darken_free(d);
        return MSBI_FAIL(MSB_EBADLAW, "D_star's composition input domain differs from theta_law's");
    }
    const msbi_var outv[2] = {{"D_chem", "m^2/s", MSB_DOMAIN_REAL}, {"Theta", "1", MSB_DOMAIN_REAL}};
    const size_t np = d->P.off[2];
    const msbi_law_spec spec = {&darken_class, d, "L. S. Darken, Trans. AIME 175, 184 (1948)", 2, 2,
                                np, in, outv, par, p, cov};
    msb_law *law;
    MSBI_TRY(msbi_law_create(__func__, &spec, &law));
    for (size_t j = 0; j < 2; j++) {
        double lo = -INFINITY, hi = INFINITY, a, b;
        if (msb_law_validity(theta_law, j, &a, &b) == MSB_SUCCESS) {
            lo = a;
            hi = b;
        }
        const int has = nd == 2 || j == 1;
        if (has && msb_law_validity(D_star, nd == 2 ? j : 0, &a, &b) == MSB_SUCCESS) {
            lo = fmax(lo, a);
            hi = fmin(hi, b);
        }
        msbi_law_set_validity(law, j, lo, hi); /* lo > hi: disjoint parts, every point outside */
    }
    *out = law;
    return MSB_SUCCESS;
}

/* Open-circuit-voltage laws (msbridge/ocv.h). */
#include "msbridge/ocv.h"

#include <float.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/numtext.h"
#include "laws/thermo_internal.h"
#include "msbridge/hull.h"
#include "msbridge/thermo.h"
#include "numerics/interp.h"
#include "numerics/vexp.h"

static const msbi_var ocv_in[2] = {{"x", "1", MSB_DOMAIN_REAL}, {"T", "K", MSB_DOMAIN_POSITIVE}};
static const msbi_var ocv_out = {"V", "V", MSB_DOMAIN_REAL};

/* ---------------- smoothed plateaus ---------------- */

typedef struct plateau_data {
    size_t m;
    double w;
    double xb[]; /* m + 1 */
} plateau_data;

/* The logistic step of plateau k at reduced distance t. Beyond |t| = 40 the logistic is 0 or 1
 * to below double rounding (e^-40 = 4e-18): the selects give those exactly. */
static inline double plateau_step(double t)
{
    const double s = 1.0 / (1.0 + msbi_exp(-t));
    return t > 40.0 ? 1.0 : (t < -40.0 ? 0.0 : s);
}

/* Values (and dV/dx, dV/dT = 0) with the plateau loop outside the point loop, so that the point
 * loop vectorizes; each point accumulates its steps in the same order as the general loop below,
 * so both give the same bits. */
MSBI_KERNEL static void plateau_values(size_t n, size_t m, const double *restrict xb,
                                       const double *restrict p, double iw,
                                       const double *restrict x, double *restrict y,
                                       double *restrict dydx)
{
    for (size_t i = 0; i < n; i++) y[i] = p[0];
    if (dydx)
        for (size_t i = 0; i < 2 * n; i++) dydx[i] = 0.0;
    for (size_t k = 1; k < m; k++) {
        const double c = xb[k], step = p[k] - p[k - 1];
        if (dydx) {
            for (size_t i = 0; i < n; i++) {
                const double s = plateau_step((x[2 * i] - c) * iw);
                y[i] += step * s;
                dydx[2 * i] += step * s * (1.0 - s) * iw;
            }
        } else {
            for (size_t i = 0; i < n; i++) y[i] += step * plateau_step((x[2 * i] - c) * iw);
        }
    }
}

static msb_status plateau_eval(const msb_law *law, const double *p, size_t n, const double *x,
                               double *y, double *dydx, double *dydp)
{
    const plateau_data *d = msbi_law_data(law);
    const size_t m = d->m;
    const double iw = 1.0 / d->w;
    if (y && !dydp) {
        plateau_values(n, m, d->xb, p, iw, x, y, dydx);
        return MSB_SUCCESS;
    }
    for (size_t i = 0; i < n; i++) {
        const double xi = x[2 * i];
        double V = p[0], dV = 0.0, sprev = 1.0;
        for (size_t k = 1; k < m; k++) {
            const double t = (xi - d->xb[k]) * iw, step = p[k] - p[k - 1];
            const double s = plateau_step(t);
            V += step * s;
            dV += step * s * (1.0 - s) * iw;
            if (dydp) dydp[i * m + k - 1] = sprev - s;
            sprev = s;
        }
        if (dydp) dydp[i * m + m - 1] = sprev;
        if (y) y[i] = V;
        if (dydx) {
            dydx[2 * i] = dV;
            dydx[2 * i + 1] = 0.0;
        }
    }
    return MSB_SUCCESS;
}

static void plain_free(void *data) { msbi_free(data); }

/* Law cards: the smoothing width and the m + 1 plateau boundaries as held. */
static msb_status plateau_card_write(const msb_law *law, msbi_card_family *f)
{
    const plateau_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "width_x", d->w));
    return msbi_card_put_array(f, "x_b", d->m + 1, d->xb);
}

static msb_status plateau_card_read(const msbi_card_family *f, msb_law **out)
{
    double w, *xb;
    size_t nb;
    const size_t m = msbi_card_n_params(f);
    MSBI_TRY(msbi_card_get(f, "width_x", &w));
    MSBI_TRY(msbi_card_get_array(f, "x_b", m + 1, m + 1, &nb, &xb));
    msb_status st = msb_ocv_plateau_create(m, xb, msbi_card_params(f), w, out);
    msbi_free(xb);
    return st;
}

/* V = V0 + sum_k (V_k - V_{k-1}) / (1 + exp(-(x - x_b[k]) / w)) (the kernel's cut-off at
 * |t| > 40 changes the value by < 5e-18 relative). */
static int plateau_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const plateau_data *d = msbi_law_data(law);
    size_t len = 0;
    int n = msbi_snprintf_c(buf, cap, "p0");
    if (n < 0) return -1;
    len += (size_t)n;
    for (size_t k = 1; k < d->m; k++) {
        n = msbi_snprintf_c(len < cap ? buf + len : NULL, len < cap ? cap - len : 0,
                            " + (p%zu - p%zu) / (1.0 + exp(-(x0 - %.17g) / %.17g))", k, k - 1,
                            d->xb[k], d->w);
        if (n < 0) return -1;
        len += (size_t)n;
    }
    return len > (size_t)INT_MAX ? -1 : (int)len;
}

const msbi_law_class msbi_ocv_plateau_class = {.kind = "ocv_plateau",
                                               .eval = plateau_eval,
                                               .free_data = plain_free,
                                               .card_write = plateau_card_write,
                                               .card_read = plateau_card_read,
                                               .export_expr = plateau_export_expr};

msb_status msb_ocv_plateau_create(size_t m, const double *x_b, const double *V, double width_x,
                                  msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(x_b);
    MSBI_CHECK_NULL(V);
    if (m == 0 || m > MSB_LAW_MAX_PARAMS)
        return MSBI_FAIL(MSB_ESIZE, "m must be in 1..%d plateaus (got %zu)", MSB_LAW_MAX_PARAMS, m);
    MSBI_TRY(msbi_check_array_finite(__func__, "x_b", m + 1, x_b));
    MSBI_TRY(msbi_check_array_finite(__func__, "V", m, V));
    MSBI_TRY(msbi_check_positive(__func__, "width_x", width_x));
    for (size_t k = 0; k < m; k++)
        if (!(x_b[k + 1] > x_b[k]))
            return MSBI_FAIL(MSB_EINVAL, "x_b must be strictly increasing (x_b[%zu] = %g, "
                             "x_b[%zu] = %g)", k, x_b[k], k + 1, x_b[k + 1]);
    plateau_data *d = msbi_malloc(sizeof *d + (m + 1) * sizeof(double));
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->m = m;
    d->w = width_x;
    memcpy(d->xb, x_b, (m + 1) * sizeof(double));
    msbi_var par[MSB_LAW_MAX_PARAMS];
    for (size_t k = 0; k < m; k++) {
        par[k] = (msbi_var){"", "V", MSB_DOMAIN_REAL};
        snprintf(par[k].name, MSBI_NAME_MAX, "V%zu", k);
    }
    const msbi_law_spec spec = {&msbi_ocv_plateau_class, d,
                                "plateaus between adjacent hull phases: M. K. Aydinol et al., "
                                "Phys. Rev. B 56, 1354 (1997); logistic smoothing",
                                2, 1, m, ocv_in, &ocv_out, par, V, NULL};
    msb_law *law;
    MSBI_TRY(msbi_law_create(__func__, &spec, &law));
    msbi_law_set_validity(law, 0, x_b[0], x_b[m]);
    *out = law;
    return MSB_SUCCESS;
}

msb_status msb_ocv_from_hull_create(size_t n, const double *y, const double *G, double mu_ref_J,
                                    double tol_J, double width_x, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    if (n < 2) return MSBI_FAIL(MSB_ESIZE, "n must be >= 2 entries (got %zu)", n);
    double *buf = msbi_alloc_array(n, 3 * sizeof *buf);
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *lo = buf, *hi = buf + n, *V = buf + 2 * n;
    size_t m = 0;
    msb_status st = msb_hull_plateaus(n, y, G, mu_ref_J, tol_J, n, lo, hi, V, &m);
    if (!st) {
        lo[m] = hi[m - 1]; /* boundaries: lo[0..m-1] and the last hi */
        st = msb_ocv_plateau_create(m, lo, V, width_x, out);
    }
    msbi_free(buf);
    return st;
}

/* ---------------- measured table ---------------- */

typedef struct table_data {
    size_t n, nb;
    int has_T;
    double T_ref;
    double *x, *V, *dV, *S, *dS; /* all inside this allocation */
    size_t *bucket;              /* nb interval lookups, after the doubles */
    double store[];
} table_data;

static msb_status table_eval(const msb_law *law, const double *p, size_t n, const double *x,
                             double *y, double *dydx, double *dydp)
{
    (void)p;
    (void)dydp;
    const table_data *d = msbi_law_data(law);
    for (size_t i = 0; i < n; i++) {
        const double xi = x[2 * i], T = x[2 * i + 1];
        double f, df, s = 0.0, ds = 0.0;
        msbi_hermite_eval_idx(d->n, d->x, d->V, d->dV, d->nb, d->bucket, xi, &f, &df);
        if (d->has_T)
            msbi_hermite_eval_idx(d->n, d->x, d->S, d->dS, d->nb, d->bucket, xi, &s, &ds);
        const double dT = T - d->T_ref;
        if (y) y[i] = d->has_T ? f + dT * s : f;
        if (dydx) {
            dydx[2 * i] = d->has_T ? df + dT * ds : df;
            dydx[2 * i + 1] = s;
        }
    }
    return MSB_SUCCESS;
}

/* Law cards: the table points x, V and (when temperature-dependent) dV/dT with T_ref as held.
 * The Steffen slopes and the bucket index are recomputed from them by the same code, so the
 * interpolant is bitwise the same. The original reversal tolerance is not kept: a card is
 * read back with no monotonicity limit (the table passed it when it was built). */
static msb_status table_card_write(const msb_law *law, msbi_card_family *f)
{
    const table_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put_array(f, "x", d->n, d->x));
    MSBI_TRY(msbi_card_put_array(f, "V", d->n, d->V));
    if (!d->has_T) return MSB_SUCCESS;
    MSBI_TRY(msbi_card_put_array(f, "dVdT", d->n, d->S));
    return msbi_card_put(f, "T_ref_K", d->T_ref);
}

static msb_status table_card_read(const msbi_card_family *f, msb_law **out)
{
    double *x = NULL, *V = NULL, *S = NULL, T_ref = 0.0;
    size_t n = 0, nv = 0, ns = 0;
    const size_t big = (size_t)1 << 40;
    msb_status st = msbi_card_get_array(f, "x", 2, big, &n, &x);
    if (!st) st = msbi_card_get_array(f, "V", n, n, &nv, &V);
    if (!st && (msbi_card_has(f, "dVdT") || msbi_card_has(f, "T_ref_K"))) {
        st = msbi_card_get_array(f, "dVdT", n, n, &ns, &S);
        if (!st) st = msbi_card_get(f, "T_ref_K", &T_ref);
    }
    if (!st) st = msb_ocv_table_create(n, x, V, S, T_ref, DBL_MAX, out);
    msbi_free(x);
    msbi_free(V);
    msbi_free(S);
    return st;
}

const msbi_law_class msbi_ocv_table_class = {.kind = "ocv_table",
                                             .eval = table_eval,
                                             .free_data = plain_free,
                                             .card_write = table_card_write,
                                             .card_read = table_card_read};

msb_status msb_ocv_table_create(size_t n, const double *x, const double *V, const double *dVdT,
                                double T_ref_K, double reversal_tol_V, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(x);
    MSBI_CHECK_NULL(V);
    if (n < 2) return MSBI_FAIL(MSB_ESIZE, "n must be >= 2 table points (got %zu)", n);
    MSBI_TRY(msbi_check_array_finite(__func__, "x", n, x));
    MSBI_TRY(msbi_check_array_finite(__func__, "V", n, V));
    if (dVdT) {
        MSBI_TRY(msbi_check_array_finite(__func__, "dVdT", n, dVdT));
        MSBI_TRY(msbi_check_positive(__func__, "T_ref_K", T_ref_K));
    }
    MSBI_TRY(msbi_check_nonneg(__func__, "reversal_tol_V", reversal_tol_V));
    const double dir = (V[n - 1] > V[0]) - (V[n - 1] < V[0]);
    for (size_t i = 0; i + 1 < n; i++) {
        if (!(x[i + 1] > x[i]))
            return MSBI_FAIL(MSB_EINVAL, "x must be strictly increasing (x[%zu] = %g, x[%zu] = "
                             "%g)", i, x[i], i + 1, x[i + 1]);
        if ((V[i + 1] - V[i]) * dir < -reversal_tol_V ||
            (dir == 0 && fabs(V[i + 1] - V[i]) > reversal_tol_V))
            return MSBI_FAIL(MSB_EINVAL, "V is not monotone: V[%zu] = %.9g -> V[%zu] = %.9g "
                             "reverses the overall trend by more than reversal_tol_V = %g V",
                             i, V[i], i + 1, V[i + 1], reversal_tol_V);
    }
    /* 5 n doubles, then 2 n bucket indices */
    size_t cnt, nb, bytes, bbytes;
    if (msbi_mul_size(n, 5 * sizeof(double), &cnt) || msbi_mul_size(n, 2, &nb) ||
        msbi_mul_size(nb, sizeof(size_t), &bbytes) || msbi_add_size(cnt, bbytes, &bytes) ||
        msbi_add_size(bytes, sizeof(table_data), &bytes))
        return MSBI_FAIL(MSB_ENOMEM, "table too large");
    table_data *d = msbi_malloc(bytes);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->n = n;
    d->nb = nb;
    d->bucket = (size_t *)(void *)(d->store + 5 * n);
    d->has_T = dVdT != NULL;
    d->T_ref = dVdT ? T_ref_K : 0.0;
    d->x = d->store;
    d->V = d->x + n;
    d->dV = d->V + n;
    d->S = d->dV + n;
    d->dS = d->S + n;
    memcpy(d->x, x, n * sizeof(double));
    memcpy(d->V, V, n * sizeof(double));
    msbi_steffen_slopes(n, d->x, d->V, d->dV);
    msbi_hermite_buckets(n, d->x, nb, d->bucket);
    if (dVdT) {
        memcpy(d->S, dVdT, n * sizeof(double));
        msbi_steffen_slopes(n, d->x, d->S, d->dS);
    }
    const msbi_law_spec spec = {&msbi_ocv_table_class, d,
                                "monotone C1 interpolation: M. Steffen, Astron. Astrophys. 239, "
                                "443 (1990)",
                                2, 1, 0, ocv_in, &ocv_out, NULL, NULL, NULL};
    msb_law *law;
    MSBI_TRY(msbi_law_create(__func__, &spec, &law));
    msbi_law_set_validity(law, 0, x[0], x[n - 1]);
    *out = law;
    return MSB_SUCCESS;
}

/* ---------------- free energy with the common tangent ---------------- */

#define FE_NT 65
#define FE_MAXGAP 4

typedef struct fe_data {
    msb_law *fe;
    size_t m;
    double mu_ref;
    double T0, dT;
    unsigned char ngap[FE_NT];
    double a[FE_NT][FE_MAXGAP], b[FE_NT][FE_MAXGAP];
} fe_data;

static void fe_free(void *data)
{
    fe_data *d = data;
    msb_law_destroy(d->fe);
    msbi_free(d);
}

/* Gaps at T (refined from the nearest tabulated temperature); returns the count. */
static size_t fe_gaps_at(const fe_data *d, const double *p, double T, double *a, double *b,
                         double *mu)
{
    double t = d->dT > 0 ? (T - d->T0) / d->dT : 0.0;
    size_t j = t <= 0 ? 0 : t >= FE_NT - 1 ? FE_NT - 1 : (size_t)(t + 0.5);
    size_t k = 0;
    for (size_t g = 0; g < d->ngap[j]; g++) {
        double aa = d->a[j][g], bb = d->b[j][g], mm;
        if (msbi_rk_tangent(d->m, p, T, &aa, &bb, &mm) == 0) {
            a[k] = aa;
            b[k] = bb;
            mu[k] = mm;
            k++;
        }
    }
    return k;
}

static msb_status fe_eval(const msb_law *law, const double *p, size_t n, const double *x,
                          double *y, double *dydx, double *dydp)
{
    const fe_data *d = msbi_law_data(law);
    const size_t m = d->m, np = 1 + 2 * m;
    double cT = NAN, a[FE_MAXGAP], b[FE_MAXGAP], mu[FE_MAXGAP];
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        const double xi = x[2 * i], T = x[2 * i + 1];
        if (T != cT) { /* points at one temperature share the tangent solve */
            ng = fe_gaps_at(d, p, T, a, b, mu);
            cT = T;
        }
        size_t g = 0;
        while (g < ng && !(xi >= a[g] && xi <= b[g])) g++;
        if (g < ng) {
            msbi_rk_vals va, vb;
            msbi_rk_point(m, p, a[g], T, &va);
            msbi_rk_point(m, p, b[g], T, &vb);
            const double w = b[g] - a[g];
            if (y) y[i] = -(mu[g] - d->mu_ref) / MSB_E;
            if (dydx) {
                dydx[2 * i] = 0.0;
                dydx[2 * i + 1] = -((vb.F_T - va.F_T) / w) / MSB_E;
            }
            if (dydp) {
                double fa[1 + 2 * MSB_RK_MAX_TERMS], fb[1 + 2 * MSB_RK_MAX_TERMS];
                double ma[1 + 2 * MSB_RK_MAX_TERMS];
                msbi_rk_dparams(m, a[g], T, fa, ma);
                msbi_rk_dparams(m, b[g], T, fb, ma);
                for (size_t q = 0; q < np; q++) dydp[i * np + q] = -((fb[q] - fa[q]) / w) / MSB_E;
            }
        } else {
            if (!(xi > 0.0 && xi < 1.0))
                return msbi_error(MSB_EDOM, "msb_law_eval",
                                  "input 'x' must be in (0, 1) (got %g) at point %zu", xi, i);
            msbi_rk_vals v;
            msbi_rk_point(m, p, xi, T, &v);
            if (y) y[i] = -(v.mu - d->mu_ref) / MSB_E;
            if (dydx) {
                dydx[2 * i] = -v.mu_x / MSB_E;
                dydx[2 * i + 1] = -v.mu_T / MSB_E;
            }
            if (dydp) {
                double fa[1 + 2 * MSB_RK_MAX_TERMS], ma[1 + 2 * MSB_RK_MAX_TERMS];
                msbi_rk_dparams(m, xi, T, fa, ma);
                for (size_t q = 0; q < np; q++) dydp[i * np + q] = -ma[q] / MSB_E;
            }
        }
    }
    return MSB_SUCCESS;
}

/* Law cards: the free-energy law as the part "free_energy"; T0 and dT of the tangent table as
 * held (the table of miscibility gaps is recomputed from them by the same code). */
static msb_status fe_card_write(const msb_law *law, msbi_card_family *f)
{
    const fe_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "T0_K", d->T0));
    MSBI_TRY(msbi_card_put(f, "dT_K", d->dT));
    return msbi_card_put_law(f, "free_energy", d->fe);
}

static msb_status fe_card_read(const msbi_card_family *f, msb_law **out)
{
    double T0, dT;
    MSBI_TRY(msbi_card_get(f, "T0_K", &T0));
    MSBI_TRY(msbi_card_get(f, "dT_K", &dT));
    if (!(dT >= 0) || !isfinite(dT))
        return msbi_error(MSB_EDOM, msbi_card_where(f), "dT_K must be finite and >= 0 (got %g)",
                          dT);
    msb_law *fe, *law;
    MSBI_TRY(msbi_card_get_law(f, "free_energy", &fe));
    msb_status st = msb_ocv_free_energy_create(fe, T0, T0 + (FE_NT - 1) * dT, &law);
    msb_law_destroy(fe);
    MSBI_TRY(st);
    fe_data *d = msbi_law_data(law); /* not shared yet */
    if (d->dT != dT) { /* the grid step as held: re-tabulate the gaps on it */
        d->dT = dT;
        for (size_t j = 0; j < FE_NT && !st; j++) {
            double mu[FE_MAXGAP];
            size_t ng = 0;
            st = msbi_rk_gaps(msbi_card_where(f), d->m, d->fe->param, d->T0 + (double)j * d->dT,
                              FE_MAXGAP, d->a[j], d->b[j], mu, &ng);
            d->ngap[j] = (unsigned char)ng;
        }
    }
    if (st) {
        msb_law_destroy(law);
        return st;
    }
    *out = law;
    return MSB_SUCCESS;
}

const msbi_law_class msbi_ocv_free_energy_class = {.kind = "ocv_free_energy",
                                                   .eval = fe_eval,
                                                   .free_data = fe_free,
                                                   .card_write = fe_card_write,
                                                   .card_read = fe_card_read};

msb_status msb_ocv_free_energy_create(const msb_law *fe, double T_min_K, double T_max_K,
                                      msb_law **out)
{
    MSBI_CHECK_NULL(fe);
    MSBI_CHECK_NULL(out);
    if (!msbi_is_rk_law(fe))
        return MSBI_FAIL(MSB_EBADLAW, "law of kind '%s' is not a free_energy_rk law",
                         msb_law_kind(fe));
    if (!isfinite(T_min_K) || !isfinite(T_max_K))
        return MSBI_FAIL(MSB_ENONFINITE, "T_min_K = %g, T_max_K = %g must be finite", T_min_K,
                         T_max_K);
    if (!(T_min_K > 0) || !(T_max_K >= T_min_K))
        return MSBI_FAIL(MSB_EDOM, "need 0 < T_min_K <= T_max_K (got %g, %g)", T_min_K, T_max_K);
    fe_data *d = msbi_calloc(1, sizeof *d);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    const msbi_rk_data *rd = msbi_law_data(fe);
    d->m = rd->m;
    d->mu_ref = rd->mu_ref;
    d->T0 = T_min_K;
    d->dT = (T_max_K - T_min_K) / (FE_NT - 1);
    msb_status st = MSB_SUCCESS;
    for (size_t j = 0; j < FE_NT && !st; j++) {
        double mu[FE_MAXGAP];
        size_t ng;
        st = msbi_rk_gaps(__func__, d->m, fe->param, d->T0 + (double)j * d->dT, FE_MAXGAP,
                          d->a[j], d->b[j], mu, &ng);
        d->ngap[j] = (unsigned char)ng;
    }
    if (!st) st = msbi_law_ref(__func__, fe, &d->fe);
    if (st) {
        fe_free(d);
        return st;
    }
    const size_t np = msb_law_n_params(fe);
    msbi_var par[MSB_LAW_MAX_PARAMS];
    double p[MSB_LAW_MAX_PARAMS], cov[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    for (size_t q = 0; q < np; q++) {
        par[q] = (msbi_var){"", "", MSB_DOMAIN_REAL};
        snprintf(par[q].name, MSBI_NAME_MAX, "%s", msb_law_param_name(fe, q));
        snprintf(par[q].unit, MSBI_NAME_MAX, "%s", msb_law_param_unit(fe, q));
    }
    msb_law_params(fe, p);
    msb_law_covariance(fe, cov);
    const msbi_var in[2] = {{"x", "1", MSB_DOMAIN_UNIT_OPEN}, {"T", "K", MSB_DOMAIN_POSITIVE}};
    const msbi_law_spec spec = {&msbi_ocv_free_energy_class, d,
                                "common-tangent construction on a Redlich-Kister free energy "
                                "(O. Redlich, A. T. Kister, Ind. Eng. Chem. 40, 345 (1948))",
                                2, 1, np, in, &ocv_out, par, p, cov};
    msb_law *law;
    MSBI_TRY(msbi_law_create(__func__, &spec, &law));
    msbi_law_set_validity(law, 1, T_min_K, T_max_K);
    *out = law;
    return MSB_SUCCESS;
}

msb_status msb_ocv_binodals(const msb_law *ocv, double T, size_t capacity, double *x_lo,
                            double *x_hi, size_t *ngap)
{
    MSBI_CHECK_NULL(ocv);
    MSBI_CHECK_NULL(ngap);
    if (msbi_law_class_of(ocv) != &msbi_ocv_free_energy_class)
        return MSBI_FAIL(MSB_EBADLAW, "law of kind '%s' is not an ocv_free_energy law",
                         msb_law_kind(ocv));
    if (!(T > 0) || !isfinite(T)) return MSBI_FAIL(MSB_EDOM, "T must be > 0 (got %g)", T);
    if (capacity > 0) {
        MSBI_CHECK_NULL(x_lo);
        MSBI_CHECK_NULL(x_hi);
    }
    double a[FE_MAXGAP], b[FE_MAXGAP], mu[FE_MAXGAP];
    const size_t ng = fe_gaps_at(msbi_law_data(ocv), ocv->param, T, a, b, mu);
    *ngap = ng;
    if (ng > capacity) return MSBI_FAIL(MSB_ESIZE, "capacity %zu < %zu gaps", capacity, ng);
    for (size_t g = 0; g < ng; g++) {
        x_lo[g] = a[g];
        x_hi[g] = b[g];
    }
    return MSB_SUCCESS;
}

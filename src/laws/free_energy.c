/* Redlich-Kister lattice free energy: mu, Theta, F, V and the common tangent (msbridge/thermo.h). */
#include "msbridge/thermo.h"

#include <stdio.h>

#include "estimators/estimate_internal.h"
#include "laws/thermo_internal.h"
#include "numerics/hull.h"
#include "numerics/lsq.h"

/* q_k(u) = (u^k - u^(k+2)) / 4 and its first three u-derivatives; u = 2x - 1. */
static void rk_basis(size_t k, const double *pw, double q[4])
{
    const double a = (double)k, b = (double)(k + 2);
    /* u^j for j possibly negative: coefficients vanish there */
    const double um3 = k >= 3 ? pw[k - 3] : 0.0, um2 = k >= 2 ? pw[k - 2] : 0.0;
    const double um1 = k >= 1 ? pw[k - 1] : 0.0;
    q[0] = 0.25 * (pw[k] - pw[k + 2]);
    q[1] = 0.25 * (a * um1 - b * pw[k + 1]);
    q[2] = 0.25 * (a * (a - 1) * um2 - b * (b - 1) * pw[k]);
    q[3] = 0.25 * (a * (a - 1) * (a - 2) * um3 - b * (b - 1) * (b - 2) * um1);
}

static void powers(double u, size_t top, double *pw)
{
    pw[0] = 1.0;
    for (size_t j = 1; j <= top; j++) pw[j] = pw[j - 1] * u;
}

void msbi_rk_point(size_t m, const double *p, double x, double T, msbi_rk_vals *v)
{
    const double kT = MSB_K_B * T, y = 1.0 - x, u = 2.0 * x - 1.0;
    const double lx = log(x), ly = log1p(-x);
    const double s = x * lx + y * ly, lr = lx - ly;
    double pw[MSB_RK_MAX_TERMS + 3];
    powers(u, m + 2, pw);
    double g[4] = {0, 0, 0, 0}, gT[4] = {0, 0, 0, 0};
    for (size_t k = 0; k < m; k++) {
        double q[4];
        rk_basis(k, pw, q);
        const double A = p[1 + k], B = p[1 + m + k], L = A + B * T;
        for (int j = 0; j < 4; j++) {
            g[j] += L * q[j];
            gT[j] += B * q[j];
        }
    }
    /* d/dx = 2 d/du */
    v->F = p[0] * x + kT * s + g[0];
    v->mu = p[0] + kT * lr + 2.0 * g[1];
    v->mu_x = kT / (x * y) + 4.0 * g[2];
    v->mu_xx = kT * (x - y) / (x * x * y * y) + 8.0 * g[3];
    v->F_T = MSB_K_B * s + gT[0];
    v->mu_T = MSB_K_B * lr + 2.0 * gT[1];
    v->mu_xT = MSB_K_B / (x * y) + 4.0 * gT[2];
}

static msb_status rk_eval(const msb_law *law, const double *p, size_t n, const double *xin,
                          double *y, double *dydx, double *dydp)
{
    const msbi_rk_data *d = msbi_law_data(law);
    const size_t m = d->m, np = 1 + 2 * m;
    for (size_t i = 0; i < n; i++) {
        const double x = xin[2 * i], T = xin[2 * i + 1], kT = MSB_K_B * T;
        msbi_rk_vals v;
        msbi_rk_point(m, p, x, T, &v);
        const double Th = x * v.mu_x / kT;
        if (y) {
            y[4 * i + 0] = v.mu;
            y[4 * i + 1] = Th;
            y[4 * i + 2] = v.F;
            y[4 * i + 3] = -(v.mu - d->mu_ref) / MSB_E;
        }
        if (dydx) {
            double *g = dydx + 8 * i;
            g[0] = v.mu_x;
            g[1] = v.mu_T;
            g[2] = (v.mu_x + x * v.mu_xx) / kT;
            g[3] = x / MSB_K_B * (v.mu_xT / T - v.mu_x / (T * T));
            g[4] = v.mu;
            g[5] = v.F_T;
            g[6] = -v.mu_x / MSB_E;
            g[7] = -v.mu_T / MSB_E;
        }
        if (dydp) {
            double *r0 = dydp + (4 * i) * np, *r1 = r0 + np, *r2 = r1 + np, *r3 = r2 + np;
            r0[0] = 1.0;
            r1[0] = 0.0;
            r2[0] = x;
            r3[0] = -1.0 / MSB_E;
            double pw[MSB_RK_MAX_TERMS + 3];
            powers(2.0 * x - 1.0, m + 2, pw);
            for (size_t k = 0; k < m; k++) {
                double q[4];
                rk_basis(k, pw, q);
                const size_t a = 1 + k, b = 1 + m + k;
                r0[a] = 2.0 * q[1];
                r1[a] = 4.0 * x * q[2] / kT;
                r2[a] = q[0];
                r3[a] = -2.0 * q[1] / MSB_E;
                r0[b] = T * r0[a];
                r1[b] = 4.0 * x * q[2] / MSB_K_B;
                r2[b] = T * q[0];
                r3[b] = T * r3[a];
            }
        }
    }
    return MSB_SUCCESS;
}

static void rk_free(void *data) { msbi_free(data); }

/* Law cards: mu_ref_J as held; the number of terms m follows from the parameter count
 * (1 + 2 m). Four outputs: no single-expression export. */
static msb_status rk_card_write(const msb_law *law, msbi_card_family *f)
{
    return msbi_card_put(f, "mu_ref_J", ((const msbi_rk_data *)msbi_law_data(law))->mu_ref);
}

static msb_status rk_card_read(const msbi_card_family *f, msb_law **out)
{
    double mu_ref;
    MSBI_TRY(msbi_card_get(f, "mu_ref_J", &mu_ref));
    const size_t np = msbi_card_n_params(f);
    if (np % 2 != 1 || (np - 1) / 2 > MSB_RK_MAX_TERMS)
        return msbi_error(MSB_EFORMAT, msbi_card_where(f), "a free_energy_rk card needs 1 + 2 m "
                          "parameters, m <= %d (got %zu)", MSB_RK_MAX_TERMS, np);
    const size_t m = (np - 1) / 2;
    const double *p = msbi_card_params(f);
    return msb_free_energy_rk_create(p[0], m, p + 1, p + 1 + m, mu_ref, NULL, out);
}

const msbi_law_class msbi_free_energy_rk_class = {.kind = "free_energy_rk",
                                                  .eval = rk_eval,
                                                  .free_data = rk_free,
                                                  .card_write = rk_card_write,
                                                  .card_read = rk_card_read};

int msbi_is_rk_law(const msb_law *law)
{
    return msbi_law_class_of(law) == &msbi_free_energy_rk_class;
}

static const char rk_reference[] =
    "lattice gas with Redlich-Kister excess: O. Redlich, A. T. Kister, Ind. Eng. Chem. 40, 345 "
    "(1948); thermodynamic factor: L. S. Darken, Trans. AIME 175, 184 (1948)";

static msb_status rk_build(const char *where, size_t m, const double *p, double mu_ref,
                           const double *cov, msb_law **out)
{
    msbi_rk_data *d = msbi_malloc(sizeof *d);
    if (d == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    d->m = m;
    d->mu_ref = mu_ref;
    static const char *const anames[MSB_RK_MAX_TERMS] = {"A0", "A1", "A2", "A3", "A4", "A5",
        "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15"};
    static const char *const bnames[MSB_RK_MAX_TERMS] = {"B0", "B1", "B2", "B3", "B4", "B5",
        "B6", "B7", "B8", "B9", "B10", "B11", "B12", "B13", "B14", "B15"};
    msbi_var par[1 + 2 * MSB_RK_MAX_TERMS] = {{"E0", "J", MSB_DOMAIN_REAL}};
    for (size_t k = 0; k < m; k++) {
        par[1 + k] = (msbi_var){"", "J", MSB_DOMAIN_REAL};
        par[1 + m + k] = (msbi_var){"", "J/K", MSB_DOMAIN_REAL};
        snprintf(par[1 + k].name, MSBI_NAME_MAX, "%s", anames[k]);
        snprintf(par[1 + m + k].name, MSBI_NAME_MAX, "%s", bnames[k]);
    }
    const msbi_var in[2] = {{"x", "1", MSB_DOMAIN_UNIT_OPEN}, {"T", "K", MSB_DOMAIN_POSITIVE}};
    const msbi_var ov[4] = {{"mu", "J", MSB_DOMAIN_REAL}, {"Theta", "1", MSB_DOMAIN_REAL},
                            {"F", "J", MSB_DOMAIN_REAL}, {"V", "V", MSB_DOMAIN_REAL}};
    const msbi_law_spec spec = {&msbi_free_energy_rk_class, d, rk_reference, 2, 4, 1 + 2 * m, in, ov, par, p, cov};
    return msbi_law_create(where, &spec, out);
}

msb_status msb_free_energy_rk_create(double E0_J, size_t m, const double *A_J,
                                     const double *B_J_per_K, double mu_ref_J, const double *cov,
                                     msb_law **out)
{
    MSBI_CHECK_NULL(out);
    if (m > MSB_RK_MAX_TERMS)
        return MSBI_FAIL(MSB_ESIZE, "m = %zu Redlich-Kister terms exceeds %d", m,
                         MSB_RK_MAX_TERMS);
    if (m > 0 && A_J == NULL) return MSBI_FAIL(MSB_ENULL, "argument 'A_J' is NULL");
    MSBI_TRY(msbi_check_finite(__func__, "E0_J", E0_J));
    MSBI_TRY(msbi_check_finite(__func__, "mu_ref_J", mu_ref_J));
    MSBI_TRY(msbi_check_array_finite(__func__, "A_J", m, A_J));
    if (B_J_per_K) MSBI_TRY(msbi_check_array_finite(__func__, "B_J_per_K", m, B_J_per_K));
    MSBI_TRY(msbi_check_covariance(__func__, 1 + 2 * m, cov));
    double p[1 + 2 * MSB_RK_MAX_TERMS];
    p[0] = E0_J;
    for (size_t k = 0; k < m; k++) {
        p[1 + k] = A_J[k];
        p[1 + m + k] = B_J_per_K ? B_J_per_K[k] : 0.0;
    }
    return rk_build(__func__, m, p, mu_ref_J, cov, out);
}

msb_status msb_free_energy_rk_fit(size_t n, const double *x, const double *T, const double *value,
                                  const double *sigma, msb_thermo_table kind, size_t m,
                                  double mu_ref_J, msb_estimate **est, msb_law **law)
{
    MSBI_CHECK_NULL(x);
    MSBI_CHECK_NULL(T);
    MSBI_CHECK_NULL(value);
    if (kind != MSB_TABLE_MU && kind != MSB_TABLE_F)
        return MSBI_FAIL(MSB_EINVAL, "kind = %d is neither MSB_TABLE_MU nor MSB_TABLE_F",
                         (int)kind);
    if (m > MSB_RK_MAX_TERMS)
        return MSBI_FAIL(MSB_ESIZE, "m = %zu Redlich-Kister terms exceeds %d", m,
                         MSB_RK_MAX_TERMS);
    MSBI_TRY(msbi_check_finite(__func__, "mu_ref_J", mu_ref_J));
    MSBI_TRY(msbi_check_array_finite(__func__, "x", n, x));
    MSBI_TRY(msbi_check_array_positive(__func__, "T", n, T));
    MSBI_TRY(msbi_check_array_finite(__func__, "value", n, value));
    if (sigma) MSBI_TRY(msbi_check_array_positive(__func__, "sigma", n, sigma));
    for (size_t i = 0; i < n; i++)
        if (!(x[i] > 0.0 && x[i] < 1.0))
            return MSBI_FAIL(MSB_EDOM, "x[%zu] = %g is outside (0, 1)", i, x[i]);
    int multiT = 0;
    double Tmin = n ? T[0] : 0, Tmax = Tmin, xmin = n ? x[0] : 0, xmax = xmin;
    for (size_t i = 0; i < n; i++) {
        if (T[i] != T[0]) multiT = 1;
        Tmin = fmin(Tmin, T[i]);
        Tmax = fmax(Tmax, T[i]);
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
    }
    const size_t nb = multiT ? m : 0, q = 1 + m + nb;
    if (n <= q)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "%zu points for %zu parameters: need at least %zu",
                         n, q, q + 1);
    size_t sz;
    if (msbi_mul_size(n, q + 1, &sz)) return MSBI_FAIL(MSB_ENOMEM, "table too large");
    double *A = msbi_alloc_array(sz, sizeof *A);
    double *cov = msbi_alloc_array(q * q + q, sizeof *cov);
    msb_status st = MSB_SUCCESS;
    msb_estimate *r = NULL;
    msb_law *L = NULL;
    if (A == NULL || cov == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto out;
    }
    double *yv = A + n * q, *beta = cov + q * q;
    for (size_t i = 0; i < n; i++) {
        double pw[MSB_RK_MAX_TERMS + 3];
        powers(2.0 * x[i] - 1.0, m + 2, pw);
        const double kT = MSB_K_B * T[i], xi = x[i];
        double *row = A + i * q;
        if (kind == MSB_TABLE_MU) {
            row[0] = 1.0;
            yv[i] = value[i] - kT * (log(xi) - log1p(-xi));
        } else {
            row[0] = xi;
            yv[i] = value[i] - kT * (xi * log(xi) + (1 - xi) * log1p(-xi));
        }
        for (size_t k = 0; k < m; k++) {
            double b[4];
            rk_basis(k, pw, b);
            const double f = kind == MSB_TABLE_MU ? 2.0 * b[1] : b[0];
            row[1 + k] = f;
            if (nb) row[1 + m + k] = f * T[i];
        }
    }
    double chi2;
    st = msbi_wls(__func__, n, q, A, yv, sigma, beta, cov, &chi2);
    if (st) goto out;
    const size_t dof = n - q;
    if (sigma == NULL)
        for (size_t j = 0; j < q * q; j++) cov[j] *= chi2 / (double)dof;
    /* full parameter vector (B = 0 when not fitted) and covariance */
    const size_t np = 1 + 2 * m;
    double p[1 + 2 * MSB_RK_MAX_TERMS] = {0};
    double *C = msbi_calloc(np * np, sizeof *C);
    if (C == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t a = 0; a < q; a++) {
        p[a] = beta[a];
        for (size_t b = 0; b < q; b++) C[a * np + b] = cov[a * q + b];
    }
    double sA[MSB_RK_MAX_TERMS + 1], sB[MSB_RK_MAX_TERMS + 1];
    for (size_t k = 0; k < m; k++) {
        sA[k] = sqrt(C[(1 + k) * np + 1 + k]);
        sB[k] = sqrt(C[(1 + m + k) * np + 1 + m + k]);
    }
    double rss = 0;
    for (size_t i = 0; i < n; i++) {
        double f = 0;
        for (size_t j = 0; j < q; j++) f += A[i * q + j] * beta[j];
        rss += (yv[i] - f) * (yv[i] - f);
    }
    if (law) {
        st = rk_build(__func__, m, p, mu_ref_J, C, &L);
        if (!st) {
            msbi_law_set_validity(L, 0, xmin, xmax);
            msbi_law_set_validity(L, 1, Tmin, Tmax);
        }
    }
    if (!st && est) {
        const char *w = __func__;
        r = msbi_estimate_new("free_energy_fit");
        if (r == NULL) st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        if (!st) st = msbi_estimate_add1(w, r, "E0", "J", "site energy", p[0], sqrt(C[0]));
        if (!st && m) st = msbi_estimate_add(w, r, "A", "J", "Redlich-Kister A_k", m, p + 1, sA);
        if (!st && m) st = msbi_estimate_add(w, r, "B", "J/K", "Redlich-Kister B_k (0 if one T)", m, p + 1 + m, sB);
        if (!st) st = msbi_estimate_add1(w, r, "chi2", "1", "weighted residual sum of squares", chi2, NAN);
        if (!st) st = msbi_estimate_add1(w, r, "dof", "1", "degrees of freedom", (double)dof, NAN);
        if (!st) st = msbi_estimate_add1(w, r, "rms_residual", "J", "root-mean-square residual", sqrt(rss / (double)n), NAN);
        if (!st) st = msbi_estimate_add1(w, r, "n", "1", "number of points", (double)n, NAN);
    }
    msbi_free(C);
out:
    msbi_free(A);
    msbi_free(cov);
    if (st) {
        msb_law_destroy(L);
        msb_estimate_destroy(r);
        return st;
    }
    if (law) *law = L;
    if (est) *est = r;
    return MSB_SUCCESS;
}

int msbi_rk_tangent(size_t m, const double *p, double T, double *a_io, double *b_io, double *mu)
{
    double a = *a_io, b = *b_io;
    for (int it = 0; it < 100; it++) {
        msbi_rk_vals va, vb;
        msbi_rk_point(m, p, a, T, &va);
        msbi_rk_point(m, p, b, T, &vb);
        const double f1 = va.mu - vb.mu;
        const double f2 = (vb.F - va.F) - va.mu * (b - a);
        const double j11 = va.mu_x, j12 = -vb.mu_x;
        const double j21 = -va.mu_x * (b - a), j22 = vb.mu - va.mu;
        const double det = j11 * j22 - j12 * j21;
        if (!(fabs(det) > 0) || !isfinite(det)) return 1;
        double da = -(f1 * j22 - j12 * f2) / det, db = -(j11 * f2 - j21 * f1) / det;
        /* damp to stay inside (0, 1) and ordered */
        double lam = 1.0;
        while (lam > 1e-6 && !(a + lam * da > 0 && a + lam * da < 1 && b + lam * db > 0 &&
                               b + lam * db < 1 && b + lam * db > a + lam * da))
            lam *= 0.5;
        a += lam * da;
        b += lam * db;
        if (fabs(lam * da) < 1e-14 && fabs(lam * db) < 1e-14) {
            if (!(b - a > 1e-6)) return 1;
            msbi_rk_vals v;
            msbi_rk_point(m, p, a, T, &v);
            *a_io = a;
            *b_io = b;
            *mu = v.mu;
            return 0;
        }
    }
    return 1;
}

#define RK_GRID 4000

void msbi_rk_dparams(size_t m, double x, double T, double *dF, double *dmu)
{
    double pw[MSB_RK_MAX_TERMS + 3];
    powers(2.0 * x - 1.0, m + 2, pw);
    dF[0] = x;
    dmu[0] = 1.0;
    for (size_t k = 0; k < m; k++) {
        double q[4];
        rk_basis(k, pw, q);
        dF[1 + k] = q[0];
        dmu[1 + k] = 2.0 * q[1];
        dF[1 + m + k] = T * q[0];
        dmu[1 + m + k] = 2.0 * T * q[1];
    }
}

msb_status msbi_rk_gaps(const char *where, size_t m, const double *p, double T, size_t capacity,
                        double *x_lo, double *x_hi, double *mu, size_t *ngap)
{
    double *buf = msbi_alloc_array(RK_GRID, 2 * sizeof *buf);
    size_t *vert = msbi_alloc_array(RK_GRID, sizeof *vert);
    msb_status st = MSB_SUCCESS;
    if (buf == NULL || vert == NULL) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory");
        goto out;
    }
    double *gx = buf, *gF = buf + RK_GRID;
    for (size_t j = 0; j < RK_GRID; j++) {
        msbi_rk_vals v;
        gx[j] = ((double)j + 0.5) / RK_GRID;
        msbi_rk_point(m, p, gx[j], T, &v);
        gF[j] = v.F;
    }
    size_t nv;
    st = msbi_lower_hull(where, RK_GRID, gx, gF, 0.0, vert, &nv);
    if (st) goto out;
    size_t found = 0;
    for (size_t k = 0; k + 1 < nv; k++) {
        if (vert[k + 1] - vert[k] < 3) continue; /* grid skips of rounding size */
        double a = gx[vert[k]], b = gx[vert[k + 1]], mc;
        if (msbi_rk_tangent(m, p, T, &a, &b, &mc)) {
            st = msbi_error(MSB_ENOCONV, where, "common tangent near x = %g .. %g at T = %g did "
                            "not converge", gx[vert[k]], gx[vert[k + 1]], T);
            goto out;
        }
        if (found < capacity) {
            x_lo[found] = a;
            x_hi[found] = b;
            mu[found] = mc;
        }
        found++;
    }
    *ngap = found;
    if (found > capacity)
        st = msbi_error(MSB_ESIZE, where, "capacity %zu < %zu miscibility gaps", capacity, found);
out:
    msbi_free(buf);
    msbi_free(vert);
    return st;
}

msb_status msb_free_energy_binodals(const msb_law *law, double T, size_t capacity, double *x_lo,
                                    double *x_hi, double *mu, size_t *ngap)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(ngap);
    if (capacity > 0) {
        MSBI_CHECK_NULL(x_lo);
        MSBI_CHECK_NULL(x_hi);
        MSBI_CHECK_NULL(mu);
    }
    if (!msbi_is_rk_law(law))
        return MSBI_FAIL(MSB_EBADLAW, "law of kind '%s' is not a free_energy_rk law",
                         msb_law_kind(law));
    if (!(T > 0) || !isfinite(T)) return MSBI_FAIL(MSB_EDOM, "T must be > 0 (got %g)", T);
    const msbi_rk_data *d = msbi_law_data(law);
    return msbi_rk_gaps(__func__, d->m, law->param, T, capacity, x_lo, x_hi, mu, ngap);
}

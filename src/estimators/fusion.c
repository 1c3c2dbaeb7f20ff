/* Bayesian fusion with per-source model discrepancy (msbridge/fusion.h, docs/uq.md). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "laws/arrhenius_internal.h"
#include "msbridge/fusion.h"
#include "numerics/rng.h"

#define FUSE_P_MAX 2
#define FUSE_GRID 256

typedef struct fuse_in {
    size_t n, p, ng;
    const double *X;   /* n x p row-major */
    const double *y, *s;
    const size_t *src;
} fuse_in;

/* Per-source sums, independent of tau (w_i = 1/s_i^2):
 *   W = sum w, S = sum w x, Sy = sum w y, M = sum w (x - xbar)(x - xbar)^T,
 *   m = sum w (x - xbar)(y - ybar),  xbar = S/W, ybar = Sy/W.
 * V is block diagonal with blocks D_g + tau_g^2 1 1^T, so by Sherman-Morrison
 *   X_g^T V_g^-1 X_g = M + S S^T / (W (1 + tau^2 W)),  X_g^T V_g^-1 y_g = m + S Sy / (W (1 + tau^2 W)),
 *   log |V_g| = sum log s_i^2 + log(1 + tau^2 W),
 *   a^T V_g^-1 b = sum w a b - tau^2 (sum w a)(sum w b) / (1 + tau^2 W):
 * every tau costs O(n_sources + n) and no n x n matrix is formed; the centred form has no
 * cancellation when tau^2 W >> 1. */
#define GRP_STRIDE (3 + FUSE_P_MAX + FUSE_P_MAX * FUSE_P_MAX + FUSE_P_MAX)
typedef struct fuse_work {
    double *grp; /* ng x GRP_STRIDE: W, Sy, R (scratch), S[p], M[p*p], m[p] */
    double logdet_s;
} fuse_work;

#define G_W(w, g) ((w)->grp[(g) * GRP_STRIDE])
#define G_SY(w, g) ((w)->grp[(g) * GRP_STRIDE + 1])
#define G_R(w, g) ((w)->grp[(g) * GRP_STRIDE + 2])
#define G_S(w, g) ((w)->grp + (g) * GRP_STRIDE + 3)
#define G_M(w, g) ((w)->grp + (g) * GRP_STRIDE + 3 + FUSE_P_MAX)
#define G_m(w, g) ((w)->grp + (g) * GRP_STRIDE + 3 + FUSE_P_MAX + FUSE_P_MAX * FUSE_P_MAX)

typedef struct fuse_out {
    double beta[FUSE_P_MAX], cov[FUSE_P_MAX * FUSE_P_MAX];
    double loglik, chi2;
    double *bias, *bias_var; /* ng each (may be NULL: skipped) */
} fuse_out;

static void precompute(const fuse_in *in, fuse_work *w)
{
    const size_t n = in->n, p = in->p, ng = in->ng;
    for (size_t k = 0; k < ng * GRP_STRIDE; k++) w->grp[k] = 0.0;
    w->logdet_s = 0.0;
    for (size_t i = 0; i < n; i++) {
        const size_t g = in->src[i];
        const double wi = 1.0 / (in->s[i] * in->s[i]);
        G_W(w, g) += wi;
        G_SY(w, g) += wi * in->y[i];
        for (size_t a = 0; a < p; a++) G_S(w, g)[a] += wi * in->X[i * p + a];
        w->logdet_s += 2.0 * log(in->s[i]);
    }
    for (size_t i = 0; i < n; i++) {
        const size_t g = in->src[i];
        const double wi = 1.0 / (in->s[i] * in->s[i]), W = G_W(w, g);
        const double dy = in->y[i] - G_SY(w, g) / W;
        double dx[FUSE_P_MAX];
        for (size_t a = 0; a < p; a++) dx[a] = in->X[i * p + a] - G_S(w, g)[a] / W;
        for (size_t a = 0; a < p; a++) {
            G_m(w, g)[a] += wi * dx[a] * dy;
            for (size_t c = 0; c < p; c++) G_M(w, g)[a * p + c] += wi * dx[a] * dx[c];
        }
    }
}

/* Posterior of beta (and the biases) for given per-source discrepancy variances tau2[g].
 * loglik = restricted log likelihood (up to a constant). */
static msb_status gls(const char *where, const fuse_in *in, const double *tau2, fuse_work *w,
                      fuse_out *o)
{
    const size_t n = in->n, p = in->p, ng = in->ng;
    double A[FUSE_P_MAX * FUSE_P_MAX] = {0}, b[FUSE_P_MAX] = {0};
    double logdet = w->logdet_s;
    for (size_t g = 0; g < ng; g++) {
        const double W = G_W(w, g), t = tau2[g], h = 1.0 / (W * (1.0 + t * W));
        const double *S = G_S(w, g), *M = G_M(w, g), *m = G_m(w, g);
        for (size_t a = 0; a < p; a++) {
            b[a] += m[a] + S[a] * G_SY(w, g) * h;
            for (size_t c = 0; c < p; c++) A[a * p + c] += M[a * p + c] + S[a] * S[c] * h;
        }
        logdet += log1p(t * W);
    }
    double det, Ai[FUSE_P_MAX * FUSE_P_MAX];
    if (p == 1) {
        det = A[0];
        if (!(det > 0)) return msbi_error(MSB_ESINGULAR, where, "singular design");
        Ai[0] = 1.0 / A[0];
    } else {
        det = A[0] * A[3] - A[1] * A[2];
        if (!(det > 1e-12 * A[0] * A[3]))
            return msbi_error(MSB_ESINGULAR, where, "singular design (need at least two "
                              "distinct temperatures)");
        Ai[0] = A[3] / det;
        Ai[3] = A[0] / det;
        Ai[1] = Ai[2] = -A[1] / det;
    }
    for (size_t a = 0; a < p; a++) {
        o->beta[a] = 0.0;
        for (size_t c = 0; c < p; c++) o->beta[a] += Ai[a * p + c] * b[c];
    }
    memcpy(o->cov, Ai, p * p * sizeof(double));
    /* r^T V^-1 r from explicit residuals (no cancellation). */
    double q = 0.0;
    for (size_t g = 0; g < ng; g++) G_R(w, g) = 0.0;
    for (size_t i = 0; i < n; i++) {
        double r = in->y[i];
        for (size_t a = 0; a < p; a++) r -= in->X[i * p + a] * o->beta[a];
        const double wi = 1.0 / (in->s[i] * in->s[i]);
        q += wi * r * r;
        G_R(w, in->src[i]) += wi * r;
    }
    for (size_t g = 0; g < ng; g++) {
        const double t = tau2[g], W = G_W(w, g), R = G_R(w, g);
        q -= t * R * R / (1.0 + t * W);
    }
    o->chi2 = q;
    o->loglik = -0.5 * (logdet + log(det) + q);
    if (o->bias == NULL) return MSB_SUCCESS;
    /* Biases (BLUP): delta_g = tau^2 1^T V_g^-1 r = tau^2 R / (1 + tau^2 W);
     * Var = tau^2 - tau^4 (1^T V_g^-1 1 - z^T A^-1 z), 1^T V_g^-1 1 = W / (1 + tau^2 W),
     * z = X_g^T V_g^-1 1 = S / (1 + tau^2 W)   (Henderson's mixed-model equations). */
    for (size_t g = 0; g < ng; g++) {
        const double t = tau2[g], W = G_W(w, g), u = 1.0 / (1.0 + t * W);
        if (!(t > 0)) {
            o->bias[g] = 0.0;
            o->bias_var[g] = 0.0;
            continue;
        }
        const double *S = G_S(w, g);
        double quad = 0.0;
        for (size_t a = 0; a < p; a++)
            for (size_t c = 0; c < p; c++) quad += S[a] * u * Ai[a * p + c] * S[c] * u;
        o->bias[g] = t * G_R(w, g) * u;
        const double var = t - t * t * (W * u - quad);
        o->bias_var[g] = var > 0 ? var : 0.0;
    }
    return MSB_SUCCESS;
}

typedef struct fuse_result {
    double beta[FUSE_P_MAX], cov[FUSE_P_MAX * FUSE_P_MAX];
    double tau_mean, tau_sd, tau_mode, chi2;
    double *bias, *bias_sd; /* ng each, caller-owned */
} fuse_result;

static msb_status check_sources(const char *where, size_t n, const size_t *source,
                                size_t n_sources, const double *tau, double prior_scale,
                                int allow_single, size_t *n_inferred)
{
    if (n_sources == 0) return msbi_error(MSB_ESIZE, where, "n_sources must be >= 1");
    for (size_t i = 0; i < n; i++)
        if (source[i] >= n_sources)
            return msbi_error(MSB_ESIZE, where, "source[%zu] = %zu out of range (n_sources = "
                              "%zu)", i, source[i], n_sources);
    for (size_t g = 0; g < n_sources; g++) {
        int seen = 0;
        for (size_t i = 0; i < n && !seen; i++) seen = source[i] == g;
        if (!seen) return msbi_error(MSB_ESIZE, where, "source %zu has no data points", g);
    }
    size_t ninf = 0;
    for (size_t g = 0; tau && g < n_sources; g++) {
        if (isnan(tau[g])) {
            ninf++;
            continue;
        }
        if (!isfinite(tau[g]))
            return msbi_error(MSB_ENONFINITE, where, "tau[%zu] is infinite", g);
        if (!(tau[g] >= 0))
            return msbi_error(MSB_EDOM, where, "tau[%zu] must be >= 0 (got %g): a discrepancy "
                              "is a standard deviation", g, tau[g]);
    }
    if (ninf == 1 && !allow_single)
        return msbi_error(MSB_EINSUFFICIENT, where, "only one source has an inferred "
                          "discrepancy: a shared scale needs at least 2 such sources");
    if (ninf > 0) {
        if (!isfinite(prior_scale) && !isnan(prior_scale))
            return msbi_error(MSB_ENONFINITE, where, "prior_scale must be finite (got %g)",
                              prior_scale);
        if (!(prior_scale > 0))
            return msbi_error(MSB_EDOM, where, "prior_scale must be > 0 (got %g) when a "
                              "discrepancy is inferred", prior_scale);
    }
    *n_inferred = ninf;
    return MSB_SUCCESS;
}

static msb_status fuse_core(const char *where, const fuse_in *in, const double *tau,
                            double prior_scale, size_t n_inferred, fuse_result *res)
{
    const size_t p = in->p, ng = in->ng;
    size_t ngrp;
    if (msbi_mul_size(ng, GRP_STRIDE, &ngrp))
        return msbi_error(MSB_ESIZE, where, "too many sources (%zu)", ng);
    fuse_work w = {msbi_alloc_array(ngrp, sizeof(double)), 0.0};
    double *tau2 = msbi_alloc_array(ng, sizeof(double));
    double *bm = msbi_calloc(4 * ng, sizeof(double));
    double *lw = msbi_alloc_array(FUSE_GRID, sizeof(double));
    msb_status st = MSB_SUCCESS;
    if (!w.grp || !tau2 || !bm || !lw) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory");
        goto done;
    }
    precompute(in, &w);
    double *bias = bm, *bvar = bm + ng, *bacc = bm + 2 * ng, *bacc2 = bm + 3 * ng;
    fuse_out o = {{0}, {0}, 0, 0, bias, bvar};
    if (n_inferred == 0) {
        for (size_t g = 0; g < ng; g++) tau2[g] = tau ? tau[g] * tau[g] : 0.0;
        if ((st = gls(where, in, tau2, &w, &o))) goto done;
        memcpy(res->beta, o.beta, sizeof o.beta);
        memcpy(res->cov, o.cov, sizeof o.cov);
        res->chi2 = o.chi2;
        res->tau_mean = res->tau_sd = res->tau_mode = NAN;
        for (size_t g = 0; g < ng; g++) {
            res->bias[g] = bias[g];
            res->bias_sd[g] = sqrt(bvar[g]);
        }
        goto done;
    }
    /* Grid in theta = atan(tau / A): the half-Cauchy prior is uniform there. */
    double lmax = -INFINITY;
    size_t kmax = 0;
    for (size_t k = 0; k < FUSE_GRID; k++) {
        double th = (k + 0.5) / FUSE_GRID * (MSBI_PI / 2), t = prior_scale * tan(th);
        for (size_t g = 0; g < ng; g++) tau2[g] = isnan(tau[g]) ? t * t : tau[g] * tau[g];
        o.bias = NULL;
        if ((st = gls(where, in, tau2, &w, &o))) goto done;
        lw[k] = o.loglik;
        if (lw[k] > lmax) {
            lmax = lw[k];
            kmax = k;
        }
    }
    double wsum = 0.0, t1 = 0.0, t2 = 0.0, m1[FUSE_P_MAX] = {0}, m2[FUSE_P_MAX * FUSE_P_MAX] = {0},
           c1[FUSE_P_MAX * FUSE_P_MAX] = {0};
    for (size_t k = 0; k < FUSE_GRID; k++) {
        double wk = exp(lw[k] - lmax);
        if (!(wk > 1e-300)) continue;
        double th = (k + 0.5) / FUSE_GRID * (MSBI_PI / 2), t = prior_scale * tan(th);
        for (size_t g = 0; g < ng; g++) tau2[g] = isnan(tau[g]) ? t * t : tau[g] * tau[g];
        o.bias = bias;
        o.bias_var = bvar;
        if ((st = gls(where, in, tau2, &w, &o))) goto done;
        wsum += wk;
        t1 += wk * t;
        t2 += wk * t * t;
        for (size_t a = 0; a < p; a++) {
            m1[a] += wk * o.beta[a];
            for (size_t c = 0; c < p; c++) {
                m2[a * p + c] += wk * o.beta[a] * o.beta[c];
                c1[a * p + c] += wk * o.cov[a * p + c];
            }
        }
        for (size_t g = 0; g < ng; g++) {
            bacc[g] += wk * bias[g];
            bacc2[g] += wk * (bvar[g] + bias[g] * bias[g]);
        }
    }
    for (size_t a = 0; a < p; a++) res->beta[a] = m1[a] / wsum;
    for (size_t a = 0; a < p; a++)
        for (size_t c = 0; c < p; c++)
            res->cov[a * p + c] = c1[a * p + c] / wsum + m2[a * p + c] / wsum -
                                  res->beta[a] * res->beta[c];
    res->tau_mean = t1 / wsum;
    double tv = t2 / wsum - res->tau_mean * res->tau_mean;
    res->tau_sd = sqrt(tv > 0 ? tv : 0.0);
    res->tau_mode = prior_scale * tan((kmax + 0.5) / FUSE_GRID * (MSBI_PI / 2));
    for (size_t g = 0; g < ng; g++) {
        res->bias[g] = bacc[g] / wsum;
        double v = bacc2[g] / wsum - res->bias[g] * res->bias[g];
        res->bias_sd[g] = sqrt(v > 0 ? v : 0.0);
    }
    /* chi2 at the posterior mean of beta with tau at its posterior mean */
    for (size_t g = 0; g < ng; g++)
        tau2[g] = isnan(tau[g]) ? res->tau_mean * res->tau_mean : tau[g] * tau[g];
    o.bias = NULL;
    if ((st = gls(where, in, tau2, &w, &o))) goto done;
    res->chi2 = o.chi2;
done:
    msbi_free(w.grp);
    msbi_free(tau2);
    msbi_free(bm);
    msbi_free(lw);
    return st;
}

static msb_status check_values(const char *where, size_t n, const double *value,
                               const double *std)
{
    MSBI_TRY(msbi_check_array_finite(where, "value", n, value));
    MSBI_TRY(msbi_check_array_positive(where, "std", n, std));
    return MSB_SUCCESS;
}

msb_status msb_fuse(size_t n, const double *value, const double *std, const size_t *source,
                    size_t n_sources, const double *tau, double prior_scale, const char *unit,
                    msb_estimate **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(value);
    MSBI_CHECK_NULL(std);
    MSBI_CHECK_NULL(source);
    if (n == 0) return MSBI_FAIL(MSB_ESIZE, "n must be >= 1 (empty source list)");
    MSBI_TRY(check_values(__func__, n, value, std));
    size_t ninf = 0;
    MSBI_TRY(check_sources(__func__, n, source, n_sources, tau, prior_scale, 0, &ninf));
    double *X = msbi_alloc_array(n, sizeof(double));
    double *bb = msbi_alloc_array(2 * n_sources, sizeof(double));
    msb_estimate *est = NULL;
    msb_status st = MSB_SUCCESS;
    if (X == NULL || bb == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) X[i] = 1.0;
    fuse_in in = {n, 1, n_sources, X, value, std, source};
    fuse_result r;
    r.bias = bb;
    r.bias_sd = bb + n_sources;
    if ((st = fuse_core(__func__, &in, tau, prior_scale, ninf, &r))) goto done;
    const char *u = unit ? unit : "1";
    est = msbi_estimate_new("fusion");
    if (est == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto done;
    }
    const char *w = __func__;
    st = msbi_estimate_add1(w, est, "mean", u, "posterior mean of the fused quantity (sd: "
                            "posterior standard deviation)", r.beta[0], sqrt(r.cov[0]));
    if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of data points", (double)n, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n_sources", "1", "number of sources",
                                     (double)n_sources, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "tau", u, "posterior mean (sd) of the inferred "
                                     "discrepancy scale", r.tau_mean, r.tau_sd);
    if (!st) st = msbi_estimate_add1(w, est, "tau_mode", u, "posterior mode of the inferred "
                                     "discrepancy scale (grid)", r.tau_mode, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "generalized chi2 r^T V^-1 r", r.chi2,
                                     NAN);
    if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "n - 1", (double)n - 1.0, NAN);
    if (!st) st = msbi_estimate_add(w, est, "bias", u, "posterior mean (sd) of each source's "
                                    "bias", n_sources, r.bias, r.bias_sd);
done:
    msbi_free(X);
    msbi_free(bb);
    if (st) {
        msb_estimate_destroy(est);
        return st;
    }
    *out = est;
    return MSB_SUCCESS;
}

msb_status msb_fuse_arrhenius(size_t n, const double *T_K, const double *D, const double *D_std,
                              const size_t *source, size_t n_sources, const double *tau,
                              double prior_scale, msb_estimate **est_out, msb_law **law_out)
{
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    MSBI_CHECK_NULL(T_K);
    MSBI_CHECK_NULL(D);
    MSBI_CHECK_NULL(D_std);
    MSBI_CHECK_NULL(source);
    if (n == 0) return MSBI_FAIL(MSB_ESIZE, "n must be >= 1 (empty source list)");
    MSBI_TRY(msbi_check_array_positive(__func__, "T_K", n, T_K));
    MSBI_TRY(msbi_check_array_positive(__func__, "D", n, D));
    MSBI_TRY(msbi_check_array_positive(__func__, "D_std", n, D_std));
    size_t ninf = 0;
    MSBI_TRY(check_sources(__func__, n, source, n_sources, tau, prior_scale, 0, &ninf));
    double *buf = msbi_alloc_array(4 * n + 2 * n_sources, sizeof(double));
    msb_estimate *est = NULL;
    msb_law *law = NULL;
    msb_status st = MSB_SUCCESS;
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *X = buf, *y = buf + 2 * n, *s = buf + 3 * n, *bb = buf + 4 * n;
    /* Centre and scale u = 1/(kB T): column z = -(u - ubar)/su, ln D = c1 + c2 z;
     * Ea = c2/su, ln D0 = c1 + c2 ubar/su. */
    double ubar = 0.0, Tmin = INFINITY, Tmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        ubar += 1.0 / (MSB_K_B * T_K[i]);
        Tmin = fmin(Tmin, T_K[i]);
        Tmax = fmax(Tmax, T_K[i]);
    }
    ubar /= (double)n;
    double su = 0.0;
    for (size_t i = 0; i < n; i++) su = fmax(su, fabs(1.0 / (MSB_K_B * T_K[i]) - ubar));
    if (!(su > 0)) {
        msbi_free(buf);
        return MSBI_FAIL(MSB_ESINGULAR, "all temperatures are equal (%g K): Ea is undetermined",
                         T_K[0]);
    }
    for (size_t i = 0; i < n; i++) {
        X[2 * i] = 1.0;
        X[2 * i + 1] = -(1.0 / (MSB_K_B * T_K[i]) - ubar) / su;
        y[i] = log(D[i]);
        s[i] = D_std[i] / D[i];
    }
    fuse_in in = {n, 2, n_sources, X, y, s, source};
    fuse_result r;
    r.bias = bb;
    r.bias_sd = bb + n_sources;
    if ((st = fuse_core(__func__, &in, tau, prior_scale, ninf, &r))) goto done;
    const double J[4] = {1.0, ubar / su, 0.0, 1.0 / su};
    double p[2] = {r.beta[0] + r.beta[1] * ubar / su, r.beta[1] / su}, C[4], JC[4];
    for (int a = 0; a < 2; a++)
        for (int c = 0; c < 2; c++) JC[a * 2 + c] = J[a * 2] * r.cov[c] + J[a * 2 + 1] * r.cov[2 + c];
    for (int a = 0; a < 2; a++)
        for (int c = 0; c < 2; c++) C[a * 2 + c] = JC[a * 2] * J[c * 2] + JC[a * 2 + 1] * J[c * 2 + 1];
    C[1] = C[2] = 0.5 * (C[1] + C[2]);
    if (!isfinite(p[0]) || !isfinite(exp(p[0]))) {
        st = MSBI_FAIL(MSB_ERANGE, "fused ln D0 = %g is not representable", p[0]);
        goto done;
    }
    if (law_out) {
        if ((st = msbi_arrhenius_build(__func__, 0, p[0], p[1], C, "D", "m^2/s",
                                       "fusion of sources: hierarchical normal model "
                                       "(docs/uq.md); S. Arrhenius, Z. Phys. Chem. 4, 226 (1889)",
                                       &law)))
            goto done;
        msbi_law_set_validity(law, 0, Tmin, Tmax);
    }
    if (est_out) {
        const char *w = __func__;
        est = msbi_estimate_new("fusion_arrhenius");
        if (est == NULL) {
            st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
            goto done;
        }
        double corr = C[1] / sqrt(C[0] * C[3]);
        st = msbi_estimate_add1(w, est, "ln_D0", "1", "posterior mean (sd) of ln D0", p[0],
                                sqrt(C[0]));
        if (!st) st = msbi_estimate_add1(w, est, "D0", "m^2/s", "exp(ln_D0), first-order sd",
                                         exp(p[0]), exp(p[0]) * sqrt(C[0]));
        if (!st) st = msbi_estimate_add1(w, est, "Ea", "J", "posterior mean (sd) of Ea", p[1],
                                         sqrt(C[3]));
        if (!st) st = msbi_estimate_add1(w, est, "Ea_eV", "eV", "Ea in eV", p[1] / MSB_EV,
                                         sqrt(C[3]) / MSB_EV);
        if (!st) st = msbi_estimate_add(w, est, "cov", "mixed", "posterior covariance of "
                                        "(ln D0, Ea), row-major", 4, C, NULL);
        if (!st) st = msbi_estimate_add1(w, est, "corr", "1", "posterior correlation of ln D0 "
                                         "and Ea", corr, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "tau", "1", "posterior mean (sd) of the "
                                         "inferred discrepancy scale in ln D", r.tau_mean,
                                         r.tau_sd);
        if (!st) st = msbi_estimate_add1(w, est, "tau_mode", "1", "posterior mode of the "
                                         "inferred discrepancy scale (grid)", r.tau_mode, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "generalized chi2", r.chi2, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "n - 2", (double)n - 2.0, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of points", (double)n, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "n_sources", "1", "number of sources",
                                         (double)n_sources, NAN);
        if (!st) st = msbi_estimate_add(w, est, "bias", "1", "posterior mean (sd) of each "
                                        "source's bias in ln D", n_sources, r.bias, r.bias_sd);
        if (!st) st = msbi_estimate_add1(w, est, "T_min", "K", "lowest temperature", Tmin, NAN);
        if (!st) st = msbi_estimate_add1(w, est, "T_max", "K", "highest temperature", Tmax, NAN);
    }
done:
    msbi_free(buf);
    if (st) {
        msb_estimate_destroy(est);
        msb_law_destroy(law);
        return st;
    }
    if (est_out) *est_out = est;
    if (law_out) *law_out = law;
    return MSB_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * Per-source discrepancies inferred by Metropolis-within-Gibbs MCMC (msb_fuse_mcmc).
 * Parameters: theta_j = atan(tau_j / A) in (0, pi/2), one per inferred source (or one shared by
 * all inferred sources); the half-Cauchy(A) prior on tau_j is uniform in theta_j. Target: the
 * restricted likelihood of gls() (beta integrated out exactly under its flat prior) times the
 * prior. Each sweep updates every theta_j in turn with a Gaussian random-walk proposal reflected
 * at 0 and pi/2 (symmetric, so the Metropolis ratio is the target ratio). During burn-in the
 * step of each coordinate is adapted every 50 sweeps towards acceptance 0.44 (Roberts and
 * Rosenthal, J. Comput. Graph. Stat. 18, 349 (2009)); after burn-in it is frozen, so the kept
 * chain is a plain Metropolis chain. Kept sweeps are Rao-Blackwellised: beta | tau is normal
 * with the closed-form mean and covariance, so the posterior mean of beta is the chain average
 * of mean(tau) and its variance the average of cov(tau) plus the variance of mean(tau).
 * Monte Carlo standard errors: batch means over 20 batches. */
#define MCMC_BATCHES 20
#define MCMC_ADAPT 50

static double reflect_half_pi(double x)
{
    const double L = MSBI_PI / 2, P = MSBI_PI;
    double y = fmod(x, P);
    if (y < 0) y += P;
    if (y > L) y = P - y;
    return y;
}

static double batch_se(const double *x, size_t n)
{
    const size_t nb = MCMC_BATCHES, bs = n / nb;
    double mean = 0.0, m2 = 0.0;
    for (size_t b = 0; b < nb; b++) {
        double a = 0.0;
        for (size_t k = b * bs; k < (b + 1) * bs; k++) a += x[k];
        a /= (double)bs;
        mean += a;
        m2 += a * a;
    }
    mean /= (double)nb;
    double v = (m2 / (double)nb - mean * mean) * (double)nb / (double)(nb - 1);
    return sqrt((v > 0 ? v : 0.0) / (double)nb);
}

typedef struct mcmc_result {
    double mean, var, mean_se, var_se, accept, ci[2], content_1sd;
    double *tau, *tau_sd, *tau_se, *bias, *bias_sd; /* ng each, caller-owned */
} mcmc_result;

/* CDF of the Rao-Blackwellised posterior: the equal-weight mixture of N(m_k, c_k). */
static double mixture_cdf(const double *m, const double *c, size_t n, double x)
{
    double F = 0.0;
    for (size_t k = 0; k < n; k++) F += 0.5 * erfc(-(x - m[k]) / sqrt(2.0 * c[k]));
    return F / (double)n;
}

/* x with mixture_cdf(x) = q, by bisection on a bracket holding every component to 12 sd. */
static double mixture_quantile(const double *m, const double *c, size_t n, double q)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        const double w = 12.0 * sqrt(c[k]);
        lo = fmin(lo, m[k] - w);
        hi = fmax(hi, m[k] + w);
    }
    const double w0 = hi - lo; /* ~24 sd or more: 1e-9 of it is far below the MC error */
    for (int it = 0; it < 200 && hi - lo > 1e-9 * w0; it++) {
        const double mid = 0.5 * (lo + hi);
        if (mixture_cdf(m, c, n, mid) < q) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

static msb_status mcmc_core(const char *where, const fuse_in *in, const double *tau, double A,
                            int shared, size_t n_keep, uint64_t seed, mcmc_result *res)
{
    const size_t ng = in->ng;
    size_t ngrp, nbuf;
    if (msbi_mul_size(ng, GRP_STRIDE, &ngrp) || msbi_mul_size(ng, 8, &nbuf))
        return msbi_error(MSB_ESIZE, where, "too many sources (%zu)", ng);
    fuse_work w = {msbi_alloc_array(ngrp, sizeof(double)), 0.0};
    double *gb = msbi_calloc(nbuf, sizeof(double));
    size_t *map = msbi_alloc_array(ng, sizeof(size_t));
    double *chain = NULL, *tchain = NULL;
    msb_status st = MSB_SUCCESS;
    size_t nchain;
    if (msbi_mul_size(n_keep, 2, &nchain)) {
        st = msbi_error(MSB_ESIZE, where, "n_samples too large");
        goto done;
    }
    chain = msbi_alloc_array(nchain, sizeof(double));
    if (!w.grp || !gb || !map || !chain) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory");
        goto done;
    }
    /* parameter index of each source (SIZE_MAX: given) */
    size_t np = 0;
    for (size_t g = 0; g < ng; g++) {
        if (isnan(tau[g])) map[g] = shared ? 0 : np++;
        else map[g] = SIZE_MAX;
    }
    if (shared) np = 1;
    size_t ntc;
    if (msbi_mul_size(n_keep, np, &ntc) || !(tchain = msbi_alloc_array(ntc, sizeof(double)))) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory");
        goto done;
    }
    double *tau2 = gb, *bias = gb + ng, *bvar = gb + 2 * ng, *bacc = gb + 3 * ng,
           *bacc2 = gb + 4 * ng, *th = gb + 5 * ng, *step = gb + 6 * ng, *acc = gb + 7 * ng;
    precompute(in, &w);
    fuse_out o = {{0}, {0}, 0, 0, NULL, NULL};
    for (size_t j = 0; j < np; j++) {
        th[j] = MSBI_PI / 4; /* tau = A: the prior median */
        step[j] = 0.5;
        acc[j] = 0.0;
    }
#define SET_TAU2()                                                                                 \
    for (size_t g = 0; g < ng; g++) {                                                              \
        if (map[g] == SIZE_MAX) tau2[g] = tau[g] * tau[g];                                         \
        else {                                                                                     \
            const double t_ = A * tan(th[map[g]]);                                                 \
            tau2[g] = t_ * t_;                                                                     \
        }                                                                                          \
    }
    SET_TAU2();
    if ((st = gls(where, in, tau2, &w, &o))) goto done;
    double ll = o.loglik;
    msbi_rng rng;
    msbi_rng_seed(&rng, seed);
    const size_t n_burn = n_keep / 2 > MCMC_ADAPT ? n_keep / 2 : MCMC_ADAPT; /* adaptive */
    double m1 = 0.0, nacc = 0.0;
    for (size_t sweep = 0; sweep < n_burn + n_keep; sweep++) {
        for (size_t j = 0; j < np; j++) {
            const double old = th[j];
            th[j] = reflect_half_pi(old + step[j] * msbi_rng_normal(&rng));
            SET_TAU2();
            st = gls(where, in, tau2, &w, &o);
            if (st == MSB_ESINGULAR) { /* a numerically singular extreme proposal: reject */
                st = MSB_SUCCESS;
                o.loglik = -INFINITY;
            }
            if (st) goto done;
            const double u = msbi_rng_uniform(&rng);
            if (isfinite(o.loglik) && log(u) < o.loglik - ll) {
                ll = o.loglik;
                acc[j] += 1.0;
                if (sweep >= n_burn) nacc += 1.0;
            } else {
                th[j] = old;
            }
        }
        if (sweep < n_burn && (sweep + 1) % MCMC_ADAPT == 0) {
            for (size_t j = 0; j < np; j++) {
                const double rate = acc[j] / MCMC_ADAPT;
                step[j] *= exp(2.0 * (rate - 0.44));
                step[j] = fmin(fmax(step[j], 1e-4), MSBI_PI / 2);
                acc[j] = 0.0;
            }
        }
        if (sweep < n_burn) continue;
        const size_t k = sweep - n_burn;
        SET_TAU2();
        o.bias = bias;
        o.bias_var = bvar;
        st = gls(where, in, tau2, &w, &o);
        o.bias = NULL;
        if (st) goto done;
        chain[k] = o.beta[0];
        chain[n_keep + k] = o.cov[0];
        m1 += o.beta[0];
        for (size_t j = 0; j < np; j++) tchain[j * n_keep + k] = A * tan(th[j]);
        for (size_t g = 0; g < ng; g++) {
            bacc[g] += bias[g];
            bacc2[g] += bvar[g] + bias[g] * bias[g];
        }
    }
#undef SET_TAU2
    const double nk = (double)n_keep;
    res->mean = m1 / nk;
    double cbar = 0.0, mv = 0.0;
    for (size_t k = 0; k < n_keep; k++) {
        cbar += chain[n_keep + k];
        mv += (chain[k] - res->mean) * (chain[k] - res->mean);
    }
    res->var = cbar / nk + mv / nk;
    {
        /* central 68.27 % credible interval and the content of mean +- sd */
        const double sd = sqrt(res->var), *cm = chain, *cc = chain + n_keep;
        res->ci[0] = mixture_quantile(cm, cc, n_keep, 0.5 * erfc(1.0 / sqrt(2.0)));
        res->ci[1] = mixture_quantile(cm, cc, n_keep, 1.0 - 0.5 * erfc(1.0 / sqrt(2.0)));
        res->content_1sd = mixture_cdf(cm, cc, n_keep, res->mean + sd) -
                           mixture_cdf(cm, cc, n_keep, res->mean - sd);
    }
    res->mean_se = batch_se(chain, n_keep);
    for (size_t k = 0; k < n_keep; k++) {
        const double d = chain[k] - res->mean;
        chain[n_keep + k] += d * d; /* per-sample contribution to the variance */
    }
    res->var_se = batch_se(chain + n_keep, n_keep);
    res->accept = nacc / (nk * (double)np);
    for (size_t g = 0; g < ng; g++) {
        res->bias[g] = bacc[g] / nk;
        const double v = bacc2[g] / nk - res->bias[g] * res->bias[g];
        res->bias_sd[g] = sqrt(v > 0 ? v : 0.0);
        if (map[g] == SIZE_MAX) {
            res->tau[g] = tau[g];
            res->tau_sd[g] = res->tau_se[g] = 0.0;
            continue;
        }
        const double *tc = tchain + map[g] * n_keep;
        double t1 = 0.0, t2 = 0.0;
        for (size_t k = 0; k < n_keep; k++) {
            t1 += tc[k];
            t2 += tc[k] * tc[k];
        }
        t1 /= nk;
        const double tv = t2 / nk - t1 * t1;
        res->tau[g] = t1;
        res->tau_sd[g] = sqrt(tv > 0 ? tv : 0.0);
        res->tau_se[g] = batch_se(tc, n_keep);
    }
done:
    msbi_free(w.grp);
    msbi_free(gb);
    msbi_free(map);
    msbi_free(chain);
    msbi_free(tchain);
    return st;
}

msb_status msb_fuse_mcmc(size_t n, const double *value, const double *std, const size_t *source,
                         size_t n_sources, const double *tau, double prior_scale, int shared,
                         size_t n_samples, uint64_t seed, const char *unit, msb_estimate **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(value);
    MSBI_CHECK_NULL(std);
    MSBI_CHECK_NULL(source);
    MSBI_CHECK_NULL(tau);
    if (n == 0) return MSBI_FAIL(MSB_ESIZE, "n must be >= 1 (empty source list)");
    if (n_samples < 20 * MCMC_BATCHES)
        return MSBI_FAIL(MSB_ESIZE, "n_samples must be >= %d (got %zu): the Monte Carlo error "
                         "is estimated from %d batches", 20 * MCMC_BATCHES, n_samples,
                         MCMC_BATCHES);
    MSBI_TRY(check_values(__func__, n, value, std));
    size_t ninf = 0;
    MSBI_TRY(check_sources(__func__, n, source, n_sources, tau, prior_scale, !shared, &ninf));
    if (ninf == 0)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "no source has an inferred discrepancy (tau = NaN): "
                         "nothing to sample; msb_fuse gives the closed form");
    double *buf = msbi_alloc_array(n + 5 * n_sources, sizeof(double));
    msb_estimate *est = NULL;
    msb_status st = MSB_SUCCESS;
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *X = buf;
    for (size_t i = 0; i < n; i++) X[i] = 1.0;
    mcmc_result r = {0};
    r.tau = buf + n;
    r.tau_sd = r.tau + n_sources;
    r.tau_se = r.tau_sd + n_sources;
    r.bias = r.tau_se + n_sources;
    r.bias_sd = r.bias + n_sources;
    fuse_in in = {n, 1, n_sources, X, value, std, source};
    if ((st = mcmc_core(__func__, &in, tau, prior_scale, shared != 0, n_samples, seed, &r)))
        goto done;
    const char *u = unit ? unit : "1", *w = __func__;
    est = msbi_estimate_new("fusion_mcmc");
    if (est == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto done;
    }
    st = msbi_estimate_add1(w, est, "mean", u, "posterior mean of the fused quantity (sd: "
                            "posterior standard deviation)", r.mean, sqrt(r.var));
    if (!st) st = msbi_estimate_add1(w, est, "var", u, "posterior variance (unit squared; sd: "
                                     "its Monte Carlo standard error)", r.var, r.var_se);
    if (!st) st = msbi_estimate_add(w, est, "ci68", u, "central 68.27 % credible interval "
                                    "(lower, upper) of the posterior mixture", 2, r.ci, NULL);
    if (!st) st = msbi_estimate_add1(w, est, "content_1sd", "1", "posterior probability of "
                                     "[mean - sd, mean + sd] (0.6827 only if the posterior is "
                                     "normal)", r.content_1sd, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "mean_mc_se", u, "Monte Carlo standard error of "
                                     "the posterior mean (batch means)", r.mean_se, NAN);
    if (!st) st = msbi_estimate_add(w, est, "tau", u, "posterior mean (sd) of each source's "
                                    "discrepancy scale (given ones: the value, sd 0)", n_sources,
                                    r.tau, r.tau_sd);
    if (!st) st = msbi_estimate_add(w, est, "tau_mc_se", u, "Monte Carlo standard error of "
                                    "each posterior mean tau", n_sources, r.tau_se, NULL);
    if (!st) st = msbi_estimate_add(w, est, "bias", u, "posterior mean (sd) of each source's "
                                    "bias", n_sources, r.bias, r.bias_sd);
    if (!st) st = msbi_estimate_add1(w, est, "accept", "1", "Metropolis acceptance rate after "
                                     "burn-in", r.accept, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n_samples", "1", "kept sweeps (burn-in: half as "
                                     "many more)", (double)n_samples, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of data points", (double)n, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n_sources", "1", "number of sources",
                                     (double)n_sources, NAN);
done:
    msbi_free(buf);
    if (st) {
        msb_estimate_destroy(est);
        return st;
    }
    *out = est;
    return MSB_SUCCESS;
}

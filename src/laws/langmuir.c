/* Langmuir isotherms (msbridge/langmuir.h). */
#include "msbridge/langmuir.h"

#include <stdio.h>

#include "core/numtext.h"
#include "laws/law_internal.h"
#include "numerics/vexp.h"

enum { LG_THERMO = 0, LG_RATES = 1, LG_COMPETITIVE = 2 };

typedef struct lg_data {
    int form;         /* LG_* */
    int dissociative; /* 0 or 1 */
    size_t N;         /* species (competitive) */
    double ln_pref;   /* ln P_ref */
    msb_law *ka, *kd; /* LG_RATES: references to the rate laws */
    size_t npa, npd;  /* their parameter counts */
} lg_data;

static void lg_free(void *data)
{
    lg_data *d = data;
    msb_law_destroy(d->ka);
    msb_law_destroy(d->kd);
    msbi_free(d);
}

/* ln K, d lnK/dT and d lnK/dp (np values into g) at T for species/form of d. */
static msb_status lg_lnK(const msb_law *law, const lg_data *d, const double *p, size_t sp,
                         double T, double *lnK, double *dT, double *g)
{
    if (d->form != LG_RATES) {
        const double dH = p[2 * sp], dS = p[2 * sp + 1], kT = MSB_K_B * T;
        *lnK = -dH / kT + dS / MSB_K_B - d->ln_pref;
        *dT = dH / (kT * T);
        if (g) {
            g[0] = -1.0 / kT;
            g[1] = 1.0 / MSB_K_B;
        }
        return MSB_SUCCESS;
    }
    double ka, kd, dka, dkd;
    double ga[MSB_LAW_MAX_PARAMS], gd[MSB_LAW_MAX_PARAMS];
    MSBI_TRY(msbi_law_eval_raw(d->ka, p, 1, &T, &ka, &dka, g ? ga : NULL));
    MSBI_TRY(msbi_law_eval_raw(d->kd, p + d->npa, 1, &T, &kd, &dkd, g ? gd : NULL));
    if (!(ka > 0) || !(kd > 0) || !isfinite(ka) || !isfinite(kd))
        return msbi_error(MSB_ERANGE, msb_law_kind(law),
                          "rate constants must be finite and > 0 (k_ads = %g, k_des = %g at "
                          "T = %g)", ka, kd, T);
    *lnK = log(ka) - log(kd) - d->ln_pref;
    *dT = dka / ka - dkd / kd;
    if (g) {
        for (size_t m = 0; m < d->npa; m++) g[m] = ga[m] / ka;
        for (size_t m = 0; m < d->npd; m++) g[d->npa + m] = -gd[m] / kd;
    }
    return MSB_SUCCESS;
}

static msb_status lg_eval(const msb_law *law, const double *p, size_t n, const double *x,
                          double *y, double *dydx, double *dydp)
{
    const lg_data *d = msbi_law_data(law);
    if (d->form == LG_COMPETITIVE) {
        const size_t N = d->N, nin = N + 1, np = 2 * N;
        for (size_t i = 0; i < n; i++) {
            const double *xi = x + i * nin, T = xi[N];
            double K[MSB_LAW_MAX_OUTPUTS], lT[MSB_LAW_MAX_OUTPUTS], g2[2];
            double D = 1.0;
            for (size_t j = 0; j < N; j++) {
                double lnK;
                lg_lnK(law, d, p, j, T, &lnK, &lT[j], g2);
                K[j] = msbi_exp(lnK);
                D += K[j] * xi[j];
            }
            double th[MSB_LAW_MAX_OUTPUTS];
            for (size_t j = 0; j < N; j++) th[j] = K[j] * xi[j] / D;
            double sT = 0; /* sum_j theta_j dlnK_j/dT */
            for (size_t j = 0; j < N; j++) sT += th[j] * lT[j];
            for (size_t a = 0; a < N; a++) {
                if (y) y[i * N + a] = th[a];
                if (dydx) {
                    double *r = dydx + (i * N + a) * nin;
                    for (size_t j = 0; j < N; j++) r[j] = ((a == j ? K[a] : 0.0) - th[a] * K[j]) / D;
                    r[N] = th[a] * (lT[a] - sT);
                }
                if (dydp) {
                    double *r = dydp + (i * N + a) * np;
                    const double kT = MSB_K_B * T;
                    for (size_t j = 0; j < N; j++) {
                        const double dl = (a == j ? th[a] : 0.0) - th[a] * th[j]; /* dtheta_a/dlnK_j */
                        r[2 * j] = -dl / kT;
                        r[2 * j + 1] = dl / MSB_K_B;
                    }
                }
            }
        }
        return MSB_SUCCESS;
    }
    const size_t np = msb_law_n_params(law);
    const double nu = d->dissociative ? 0.5 : 1.0;
    for (size_t i = 0; i < n; i++) {
        const double P = x[2 * i], T = x[2 * i + 1];
        double lnK, lT, g[MSB_LAW_MAX_PARAMS];
        MSBI_TRY(lg_lnK(law, d, p, 0, T, &lnK, &lT, dydp ? g : NULL));
        const double K = msbi_exp(lnK);
        const double s = d->dissociative ? sqrt(K * P) : K * P;
        const double th = s / (1.0 + s), w = th * (1.0 - th); /* dtheta/dln s */
        if (y) y[i] = th;
        if (dydx) {
            /* dtheta/dP = w * dln s/dP; for P = 0 (single-site) use the limit K */
            dydx[2 * i] = d->dissociative ? w * 0.5 / P : K / ((1.0 + s) * (1.0 + s));
            dydx[2 * i + 1] = w * nu * lT;
        }
        if (dydp)
            for (size_t m = 0; m < np; m++) dydp[i * np + m] = w * nu * g[m];
    }
    return MSB_SUCCESS;
}

/* Law cards: "form" (0 single species from dH/dS, 1 from rate laws, 2 competitive),
 * "dissociative" (0/1) and ln_P_ref as held; the form-1 rate laws are the parts "k_ads" and
 * "k_des"; the competitive species count follows from the parameter count (2 N). */
static msb_status lg_card_write(const msb_law *law, msbi_card_family *f)
{
    const lg_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "form", (double)d->form));
    MSBI_TRY(msbi_card_put(f, "dissociative", (double)d->dissociative));
    MSBI_TRY(msbi_card_put(f, "ln_P_ref", d->ln_pref));
    if (d->form == LG_RATES) {
        MSBI_TRY(msbi_card_put_law(f, "k_ads", d->ka));
        MSBI_TRY(msbi_card_put_law(f, "k_des", d->kd));
    }
    return MSB_SUCCESS;
}

static msb_status lg_card_read(const msbi_card_family *f, msb_law **out)
{
    const char *where = msbi_card_where(f);
    long form, dissoc;
    double ln_pref;
    MSBI_TRY(msbi_card_get_int(f, "form", 0, 2, &form));
    MSBI_TRY(msbi_card_get_int(f, "dissociative", 0, 1, &dissoc));
    MSBI_TRY(msbi_card_get(f, "ln_P_ref", &ln_pref));
    const double P_ref = exp(ln_pref); /* validated by the constructor; ln_P_ref set below */
    const double *p = msbi_card_params(f);
    const size_t np = msbi_card_n_params(f);
    msb_law *law = NULL;
    if (form == LG_THERMO) {
        if (np != 2)
            return msbi_error(MSB_EFORMAT, where, "a single-species Langmuir card needs 2 "
                              "parameters (got %zu)", np);
        MSBI_TRY(msb_langmuir_create(p[0], p[1], P_ref, (int)dissoc, NULL, &law));
    } else if (form == LG_COMPETITIVE) {
        if (np % 2 != 0 || np < 2 || dissoc != 0)
            return msbi_error(MSB_EFORMAT, where, "a competitive Langmuir card needs 2 N "
                              "parameters and dissociative = 0 (got %zu, %ld)", np, dissoc);
        double dH[MSB_LAW_MAX_PARAMS / 2], dS[MSB_LAW_MAX_PARAMS / 2];
        for (size_t j = 0; j < np / 2; j++) {
            dH[j] = p[2 * j];
            dS[j] = p[2 * j + 1];
        }
        MSBI_TRY(msb_langmuir_competitive_create(np / 2, dH, dS, P_ref, NULL, &law));
    } else {
        msb_law *ka = NULL, *kd = NULL;
        msb_status st = msbi_card_get_law(f, "k_ads", &ka);
        if (!st) st = msbi_card_get_law(f, "k_des", &kd);
        if (!st) st = msb_langmuir_from_rates_create(ka, kd, P_ref, (int)dissoc, &law);
        msb_law_destroy(ka);
        msb_law_destroy(kd);
        MSBI_TRY(st);
    }
    ((lg_data *)msbi_law_data(law))->ln_pref = ln_pref; /* not shared yet */
    *out = law;
    return MSB_SUCCESS;
}

/* Single-site (non-dissociative) form only: theta = K P / (1 + K P) with
 * K = exp(-dH/(kB T) + dS/kB - ln P_ref). Others have no exp-only closed form (sqrt, rate
 * laws, several outputs). */
static int lg_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const lg_data *d = msbi_law_data(law);
    if (d->form != LG_THERMO || d->dissociative) return -1;
    return msbi_snprintf_c(buf, cap,
                           "exp(-p0 / (%.17g * x1) + p1 / %.17g - %.17g) * x0 / "
                           "(1.0 + exp(-p0 / (%.17g * x1) + p1 / %.17g - %.17g) * x0)",
                           MSB_K_B, MSB_K_B, d->ln_pref, MSB_K_B, MSB_K_B, d->ln_pref);
}

const msbi_law_class msbi_langmuir_class = {.kind = "langmuir",
                                            .eval = lg_eval,
                                            .free_data = lg_free,
                                            .card_write = lg_card_write,
                                            .card_read = lg_card_read,
                                            .export_expr = lg_export_expr};

static const char lg_reference[] = "I. Langmuir, J. Am. Chem. Soc. 40, 1361 (1918)";

static msb_status check_common(const char *where, double P_ref, int dissociative)
{
    if (isnan(P_ref) || isinf(P_ref))
        return msbi_error(MSB_ENONFINITE, where, "P_ref_Pa is not finite (got %g)", P_ref);
    if (!(P_ref > 0)) return msbi_error(MSB_EDOM, where, "P_ref_Pa must be > 0 (got %g)", P_ref);
    if (dissociative != 0 && dissociative != 1)
        return msbi_error(MSB_EINVAL, where, "dissociative must be 0 or 1 (got %d)",
                          dissociative);
    return MSB_SUCCESS;
}

static lg_data *lg_new(int form, int dissociative, size_t N, double P_ref)
{
    lg_data *d = msbi_calloc(1, sizeof *d);
    if (d == NULL) return NULL;
    d->form = form;
    d->dissociative = dissociative;
    d->N = N;
    d->ln_pref = log(P_ref);
    return d;
}

static const msbi_var lg_in[2] = {{"P", "Pa", MSB_DOMAIN_NONNEGATIVE},
                                  {"T", "K", MSB_DOMAIN_POSITIVE}};
static const msbi_var lg_in_dissoc[2] = {{"P", "Pa", MSB_DOMAIN_POSITIVE},
                                         {"T", "K", MSB_DOMAIN_POSITIVE}};
static const msbi_var lg_out = {"theta", "1", MSB_DOMAIN_REAL};

msb_status msb_langmuir_create(double dH_ads_J, double dS_ads_J_per_K, double P_ref_Pa,
                               int dissociative, const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "dH_ads_J", dH_ads_J));
    MSBI_TRY(msbi_check_finite(__func__, "dS_ads_J_per_K", dS_ads_J_per_K));
    MSBI_TRY(check_common(__func__, P_ref_Pa, dissociative));
    MSBI_TRY(msbi_check_covariance(__func__, 2, cov));
    lg_data *d = lg_new(LG_THERMO, dissociative, 1, P_ref_Pa);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    const msbi_var par[2] = {{"dH_ads", "J", MSB_DOMAIN_REAL}, {"dS_ads", "J/K", MSB_DOMAIN_REAL}};
    const double p[2] = {dH_ads_J, dS_ads_J_per_K};
    const msbi_law_spec spec = {&msbi_langmuir_class, d, lg_reference, 2, 1, 2,
                                dissociative ? lg_in_dissoc : lg_in, &lg_out, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

msb_status msb_langmuir_competitive_create(size_t N, const double *dH_J, const double *dS_J_per_K,
                                           double P_ref_Pa, const double *cov, msb_law **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(dH_J);
    MSBI_CHECK_NULL(dS_J_per_K);
    if (N == 0 || N >= MSB_LAW_MAX_INPUTS)
        return MSBI_FAIL(MSB_ESIZE, "N must be in 1..%d species (got %zu)",
                         MSB_LAW_MAX_INPUTS - 1, N);
    MSBI_TRY(msbi_check_array_finite(__func__, "dH_J", N, dH_J));
    MSBI_TRY(msbi_check_array_finite(__func__, "dS_J_per_K", N, dS_J_per_K));
    MSBI_TRY(check_common(__func__, P_ref_Pa, 0));
    MSBI_TRY(msbi_check_covariance(__func__, 2 * N, cov));
    lg_data *d = lg_new(LG_COMPETITIVE, 0, N, P_ref_Pa);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    msbi_var in[MSB_LAW_MAX_INPUTS], ov[MSB_LAW_MAX_OUTPUTS], par[2 * MSB_LAW_MAX_OUTPUTS];
    double p[2 * MSB_LAW_MAX_OUTPUTS];
    for (size_t j = 0; j < N; j++) {
        in[j] = (msbi_var){"", "Pa", MSB_DOMAIN_NONNEGATIVE};
        ov[j] = (msbi_var){"", "1", MSB_DOMAIN_REAL};
        par[2 * j] = (msbi_var){"", "J", MSB_DOMAIN_REAL};
        par[2 * j + 1] = (msbi_var){"", "J/K", MSB_DOMAIN_REAL};
        snprintf(in[j].name, MSBI_NAME_MAX, "P_%zu", j + 1);
        snprintf(ov[j].name, MSBI_NAME_MAX, "theta_%zu", j + 1);
        snprintf(par[2 * j].name, MSBI_NAME_MAX, "dH_ads_%zu", j + 1);
        snprintf(par[2 * j + 1].name, MSBI_NAME_MAX, "dS_ads_%zu", j + 1);
        p[2 * j] = dH_J[j];
        p[2 * j + 1] = dS_J_per_K[j];
    }
    in[N] = (msbi_var){"T", "K", MSB_DOMAIN_POSITIVE};
    const msbi_law_spec spec = {&msbi_langmuir_class, d, lg_reference, N + 1, N, 2 * N, in, ov, par, p, cov};
    return msbi_law_create(__func__, &spec, out);
}

msb_status msb_langmuir_from_rates_create(const msb_law *k_ads, const msb_law *k_des,
                                          double P_ref_Pa, int dissociative, msb_law **out)
{
    MSBI_CHECK_NULL(k_ads);
    MSBI_CHECK_NULL(k_des);
    MSBI_CHECK_NULL(out);
    MSBI_TRY(check_common(__func__, P_ref_Pa, dissociative));
    const msb_law *parts[2] = {k_ads, k_des};
    for (int j = 0; j < 2; j++)
        if (msb_law_n_inputs(parts[j]) != 1 || msb_law_n_outputs(parts[j]) != 1)
            return MSBI_FAIL(MSB_EBADLAW, "%s must have one input (T) and one output (got %zu, "
                             "%zu)", j ? "k_des" : "k_ads", msb_law_n_inputs(parts[j]),
                             msb_law_n_outputs(parts[j]));
    const size_t npa = msb_law_n_params(k_ads), npd = msb_law_n_params(k_des);
    if (npa + npd > MSB_LAW_MAX_PARAMS)
        return MSBI_FAIL(MSB_ESIZE, "%zu + %zu parameters exceed %d", npa, npd,
                         MSB_LAW_MAX_PARAMS);
    lg_data *d = lg_new(LG_RATES, dissociative, 1, P_ref_Pa);
    if (d == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    d->npa = npa;
    d->npd = npd;
    msb_status st = msbi_law_ref(__func__, k_ads, &d->ka);
    if (!st) st = msbi_law_ref(__func__, k_des, &d->kd);
    const size_t np = npa + npd;
    double *cov = st ? NULL : msbi_calloc(np ? np * np : 1, sizeof *cov);
    if (!st && cov == NULL) st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
    if (st) {
        lg_free(d);
        msbi_free(cov);
        return st;
    }
    msbi_var par[MSB_LAW_MAX_PARAMS];
    double p[MSB_LAW_MAX_PARAMS], ca[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    msb_law_params(k_ads, p);
    msb_law_params(k_des, p + npa);
    msb_law_covariance(k_ads, ca);
    for (size_t a = 0; a < npa; a++)
        for (size_t b = 0; b < npa; b++) cov[a * np + b] = ca[a * npa + b];
    msb_law_covariance(k_des, ca);
    for (size_t a = 0; a < npd; a++)
        for (size_t b = 0; b < npd; b++) cov[(npa + a) * np + npa + b] = ca[a * npd + b];
    for (size_t m = 0; m < np; m++) {
        const msb_law *src = m < npa ? k_ads : k_des;
        const size_t mm = m < npa ? m : m - npa;
        par[m] = (msbi_var){"", "", MSB_DOMAIN_REAL};
        snprintf(par[m].name, MSBI_NAME_MAX, "%s_%s", m < npa ? "ads" : "des",
                 msb_law_param_name(src, mm));
        snprintf(par[m].unit, MSBI_NAME_MAX, "%s", msb_law_param_unit(src, mm));
    }
    const msbi_law_spec spec = {&msbi_langmuir_class, d,
                                "I. Langmuir, J. Am. Chem. Soc. 40, 1361 (1918); K = k_ads/k_des "
                                "(detailed balance)",
                                2, 1, np, dissociative ? lg_in_dissoc : lg_in, &lg_out, par, p,
                                cov};
    st = msbi_law_create(__func__, &spec, out);
    msbi_free(cov);
    return st;
}

msb_status msb_langmuir_pressure(const msb_law *law, size_t n, const double *theta,
                                 const double *T, double *P)
{
    MSBI_CHECK_NULL(law);
    if (n == 0) return MSB_SUCCESS;
    MSBI_CHECK_NULL(theta);
    MSBI_CHECK_NULL(T);
    MSBI_CHECK_NULL(P);
    if (msbi_law_class_of(law) != &msbi_langmuir_class || ((const lg_data *)msbi_law_data(law))->form ==
                                                   LG_COMPETITIVE)
        return MSBI_FAIL(MSB_EBADLAW, "law of kind '%s' is not a single-species Langmuir law",
                         msb_law_kind(law));
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(theta[i]) || !isfinite(T[i]))
            return MSBI_FAIL(MSB_ENONFINITE, "theta or T is not finite at point %zu", i);
        if (!(theta[i] >= 0 && theta[i] < 1))
            return MSBI_FAIL(MSB_EDOM, "theta must be in [0, 1) (got %g at point %zu)",
                             theta[i], i);
        if (!(T[i] > 0)) return MSBI_FAIL(MSB_EDOM, "T must be > 0 (got %g at point %zu)", T[i], i);
    }
    const lg_data *d = msbi_law_data(law);
    for (size_t i = 0; i < n; i++) {
        double lnK, lT;
        MSBI_TRY(lg_lnK(law, d, law->param, 0, T[i], &lnK, &lT, NULL));
        const double r = theta[i] / (1.0 - theta[i]);
        const double v = (d->dissociative ? r * r : r) * exp(-lnK);
        if (!isfinite(v)) return MSBI_FAIL(MSB_ERANGE, "P overflows at point %zu", i);
        P[i] = v;
    }
    return MSB_SUCCESS;
}

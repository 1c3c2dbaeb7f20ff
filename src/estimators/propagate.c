/* Composition of laws, Monte Carlo propagation and validity-aware evaluation
 * (msbridge/propagate.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laws/law_internal.h"
#include "msbridge/propagate.h"
#include "numerics/rng.h"

/* ------------------------------------------------------------------ composition */

typedef struct compose_data {
    msb_law *inner, *outer;
    size_t slot, k;
    size_t outer_map[MSB_LAW_MAX_INPUTS]; /* outer input j -> composed input (slot unused) */
    size_t inner_map[MSB_LAW_MAX_INPUTS]; /* inner input j -> composed input */
} compose_data;

static int in_hard_domain(msb_domain_kind d, double v)
{
    switch (d) {
    case MSB_DOMAIN_POSITIVE: return v > 0;
    case MSB_DOMAIN_NONNEGATIVE: return v >= 0;
    case MSB_DOMAIN_UNIT_OPEN: return v > 0 && v < 1;
    case MSB_DOMAIN_UNIT_CLOSED: return v >= 0 && v <= 1;
    default: return isfinite(v);
    }
}

/* The stricter of two hard domains (conservative where neither contains the other). */
static msb_domain_kind stricter(msb_domain_kind a, msb_domain_kind b)
{
    if (a == b || b == MSB_DOMAIN_REAL) return a;
    if (a == MSB_DOMAIN_REAL) return b;
    if (a == MSB_DOMAIN_UNIT_OPEN || b == MSB_DOMAIN_UNIT_OPEN) return MSB_DOMAIN_UNIT_OPEN;
    if ((a == MSB_DOMAIN_POSITIVE && b == MSB_DOMAIN_NONNEGATIVE) ||
        (b == MSB_DOMAIN_POSITIVE && a == MSB_DOMAIN_NONNEGATIVE))
        return MSB_DOMAIN_POSITIVE;
    if ((a == MSB_DOMAIN_UNIT_CLOSED && b == MSB_DOMAIN_NONNEGATIVE) ||
        (b == MSB_DOMAIN_UNIT_CLOSED && a == MSB_DOMAIN_NONNEGATIVE))
        return MSB_DOMAIN_UNIT_CLOSED;
    return MSB_DOMAIN_UNIT_OPEN; /* unit_closed with positive: (0,1] -> (0,1), conservative */
}

static msb_status compose_eval(const msb_law *law, const double *p, size_t n, const double *x,
                               double *y, double *dydx, double *dydp)
{
    const compose_data *d = msbi_law_data(law);
    const msbi_law_shared *si = d->inner->shared, *so = d->outer->shared;
    const size_t nin = law->shared->nin, nout = so->nout;
    const size_t nii = si->nin, nio = so->nin, npi = si->nparam, npo = so->nparam;
    const size_t np = npi + npo;
    const int need_d = dydx != NULL || dydp != NULL;
    double xi[MSB_LAW_MAX_INPUTS], xo[MSB_LAW_MAX_INPUTS];
    double yi[MSB_LAW_MAX_OUTPUTS], yo[MSB_LAW_MAX_OUTPUTS];
    double dyi_dx[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_INPUTS];
    double dyo_dx[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_INPUTS];
    double dyi_dp[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    double dyo_dp[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    for (size_t i = 0; i < n; i++) {
        const double *xp = x + i * nin;
        for (size_t j = 0; j < nii; j++) xi[j] = xp[d->inner_map[j]];
        MSBI_TRY(msbi_law_eval_raw(d->inner, p, 1, xi, yi, need_d ? dyi_dx : NULL,
                                   dydp ? dyi_dp : NULL));
        const double v = yi[d->k];
        if (!isfinite(v))
            return msbi_error(MSB_ERANGE, "msb_law_eval", "inner law output '%s' is not finite "
                              "(%g) at point %zu", si->out[d->k].name, v, i);
        if (!in_hard_domain(so->in[d->slot].domain, v))
            return msbi_error(MSB_EDOM, "msb_law_eval", "inner law output '%s' = %g is outside "
                              "the domain of outer input '%s' at point %zu", si->out[d->k].name,
                              v, so->in[d->slot].name, i);
        for (size_t j = 0; j < nio; j++) xo[j] = (j == d->slot) ? v : xp[d->outer_map[j]];
        MSBI_TRY(msbi_law_eval_raw(d->outer, p + npi, 1, xo, yo, need_d ? dyo_dx : NULL,
                                   dydp ? dyo_dp : NULL));
        for (size_t m = 0; m < nout; m++) {
            if (y) y[i * nout + m] = yo[m];
            const double g = need_d ? dyo_dx[m * nio + d->slot] : 0.0;
            if (dydx) {
                double *row = dydx + (i * nout + m) * nin;
                for (size_t c = 0; c < nin; c++) row[c] = 0.0;
                for (size_t j = 0; j < nio; j++)
                    if (j != d->slot) row[d->outer_map[j]] += dyo_dx[m * nio + j];
                for (size_t j = 0; j < nii; j++)
                    row[d->inner_map[j]] += g * dyi_dx[d->k * nii + j];
            }
            if (dydp) {
                double *row = dydp + (i * nout + m) * np;
                for (size_t a = 0; a < npi; a++) row[a] = g * dyi_dp[d->k * npi + a];
                for (size_t b = 0; b < npo; b++) row[npi + b] = dyo_dp[m * npo + b];
            }
        }
    }
    return MSB_SUCCESS;
}

static void compose_free(void *data)
{
    compose_data *d = data;
    msb_law_destroy(d->inner);
    msb_law_destroy(d->outer);
    msbi_free(d);
}

/* Law cards: the slot and inner output, and the inner and outer laws as nested cards (parts
 * "inner" and "outer"). The composite's own parameters and covariance are set from the card
 * (they may differ from the parts', e.g. after msb_law_with_params). */
static msb_status compose_card_write(const msb_law *law, msbi_card_family *f)
{
    const compose_data *d = msbi_law_data(law);
    MSBI_TRY(msbi_card_put(f, "slot", (double)d->slot));
    MSBI_TRY(msbi_card_put(f, "inner_output", (double)d->k));
    MSBI_TRY(msbi_card_put_law(f, "inner", d->inner));
    return msbi_card_put_law(f, "outer", d->outer);
}

static msb_status compose_card_read(const msbi_card_family *f, msb_law **out)
{
    long slot, k;
    MSBI_TRY(msbi_card_get_int(f, "slot", 0, MSB_LAW_MAX_INPUTS - 1, &slot));
    MSBI_TRY(msbi_card_get_int(f, "inner_output", 0, MSB_LAW_MAX_OUTPUTS - 1, &k));
    msb_law *inner = NULL, *outer = NULL;
    msb_status st = msbi_card_get_law(f, "inner", &inner);
    if (!st) st = msbi_card_get_law(f, "outer", &outer);
    if (!st) st = msb_law_compose(outer, (size_t)slot, inner, (size_t)k, out);
    msb_law_destroy(inner);
    msb_law_destroy(outer);
    return st;
}

/* Append text to buf (cap bytes) at *len with snprintf semantics (*len counts what is needed). */
static void expr_put(char *buf, size_t cap, size_t *len, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++, (*len)++)
        if (*len + 1 < cap) buf[*len] = text[i];
    if (cap > 0) buf[*len < cap ? *len : cap - 1] = '\0';
}

/* Copy expression e renaming the variables x<j> -> x<xmap[j]> and p<m> -> p<m + poff>; the slot
 * input x<slot> becomes "(" sub ")" when sub is not NULL. Numbers (including exponents such as
 * 1.5e-23) and other identifiers (exp) are copied unchanged. */
static void expr_rename(char *buf, size_t cap, size_t *len, const char *e, const size_t *xmap,
                        size_t nx, size_t poff, size_t slot, const char *sub)
{
    size_t i = 0;
    while (e[i]) {
        const char c = e[i];
        if ((c >= '0' && c <= '9') || c == '.') {
            size_t j = i;
            while ((e[j] >= '0' && e[j] <= '9') || e[j] == '.') j++;
            if (e[j] == 'e' || e[j] == 'E') {
                j++;
                if (e[j] == '+' || e[j] == '-') j++;
                while (e[j] >= '0' && e[j] <= '9') j++;
            }
            expr_put(buf, cap, len, e + i, j - i);
            i = j;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
            size_t j = i + 1;
            while ((e[j] >= 'a' && e[j] <= 'z') || (e[j] >= 'A' && e[j] <= 'Z') || e[j] == '_' ||
                   (e[j] >= '0' && e[j] <= '9'))
                j++;
            int var = (c == 'x' || c == 'p') && j > i + 1;
            for (size_t k = i + 1; k < j && var; k++) var = e[k] >= '0' && e[k] <= '9';
            if (!var) {
                expr_put(buf, cap, len, e + i, j - i);
            } else {
                const size_t idx = (size_t)strtoul(e + i + 1, NULL, 10);
                char t[32];
                int n;
                if (c == 'p') n = snprintf(t, sizeof t, "p%zu", idx + poff);
                else if (sub != NULL && idx == slot) n = -2;
                else n = snprintf(t, sizeof t, "x%zu", idx < nx ? xmap[idx] : idx);
                if (n == -2) {
                    expr_put(buf, cap, len, "(", 1);
                    expr_put(buf, cap, len, sub, strlen(sub));
                    expr_put(buf, cap, len, ")", 1);
                } else {
                    expr_put(buf, cap, len, t, (size_t)n);
                }
            }
            i = j;
        } else {
            expr_put(buf, cap, len, e + i, 1);
            i++;
        }
    }
}

/* outer(x_outer with input `slot` replaced by inner output 0): both parts need a closed form
 * (their export_expr) and the inner output used must be output 0. The composite's parameters
 * are (inner, outer), its inputs are mapped by outer_map / inner_map. */
static int compose_export_expr(const msb_law *law, char *buf, size_t cap)
{
    const compose_data *d = msbi_law_data(law);
    const msbi_law_class *ci = d->inner->shared->cls, *co = d->outer->shared->cls;
    if (ci->export_expr == NULL || co->export_expr == NULL || d->k != 0) return -1;
    char ie[2048], oe[2048], isub[4096];
    const int ni = ci->export_expr(d->inner, ie, sizeof ie);
    const int no = co->export_expr(d->outer, oe, sizeof oe);
    if (ni < 0 || no < 0 || (size_t)ni >= sizeof ie || (size_t)no >= sizeof oe) return -1;
    size_t len = 0;
    expr_rename(isub, sizeof isub, &len, ie, d->inner_map, d->inner->shared->nin, 0, 0, NULL);
    if (len >= sizeof isub) return -1;
    len = 0;
    if (cap > 0) buf[0] = '\0';
    expr_rename(buf, cap, &len, oe, d->outer_map, d->outer->shared->nin,
                d->inner->shared->nparam, d->slot, isub);
    return len > (size_t)INT_MAX ? -1 : (int)len;
}

const msbi_law_class msbi_compose_class = {.kind = "composed",
                                           .eval = compose_eval,
                                           .free_data = compose_free,
                                           .card_write = compose_card_write,
                                           .card_read = compose_card_read,
                                           .export_expr = compose_export_expr};

msb_status msb_law_compose(const msb_law *outer, size_t slot, const msb_law *inner,
                           size_t inner_output, msb_law **out)
{
    MSBI_CHECK_NULL(outer);
    MSBI_CHECK_NULL(inner);
    MSBI_CHECK_NULL(out);
    const msbi_law_shared *so = outer->shared, *si = inner->shared;
    if (slot >= so->nin)
        return MSBI_FAIL(MSB_ESIZE, "slot %zu out of range (outer law has %zu inputs)", slot,
                         so->nin);
    if (inner_output >= si->nout)
        return MSBI_FAIL(MSB_ESIZE, "inner_output %zu out of range (inner law has %zu outputs)",
                         inner_output, si->nout);
    if (strcmp(si->out[inner_output].unit, so->in[slot].unit) != 0)
        return MSBI_FAIL(MSB_EUNITS, "inner output '%s' is in '%s' but outer input '%s' is in "
                         "'%s'", si->out[inner_output].name, si->out[inner_output].unit,
                         so->in[slot].name, so->in[slot].unit);
    if (si->nparam + so->nparam > MSB_LAW_MAX_PARAMS)
        return MSBI_FAIL(MSB_ESIZE, "the composition would have %zu parameters (at most %d)",
                         si->nparam + so->nparam, MSB_LAW_MAX_PARAMS);
    msbi_var in[MSB_LAW_MAX_INPUTS];
    double lo[MSB_LAW_MAX_INPUTS], hi[MSB_LAW_MAX_INPUTS];
    size_t outer_map[MSB_LAW_MAX_INPUTS], inner_map[MSB_LAW_MAX_INPUTS], nin = 0;
    for (size_t j = 0; j < so->nin; j++) {
        if (j == slot) continue;
        in[nin] = so->in[j];
        lo[nin] = outer->lo[j];
        hi[nin] = outer->hi[j];
        outer_map[j] = nin++;
    }
    for (size_t j = 0; j < si->nin; j++) {
        size_t c = SIZE_MAX;
        for (size_t q = 0; q < nin; q++)
            if (strcmp(in[q].name, si->in[j].name) == 0 && strcmp(in[q].unit, si->in[j].unit) == 0)
                c = q;
        if (c == SIZE_MAX) {
            if (nin >= MSB_LAW_MAX_INPUTS)
                return MSBI_FAIL(MSB_ESIZE, "the composition would have more than %d inputs",
                                 MSB_LAW_MAX_INPUTS);
            in[nin] = si->in[j];
            lo[nin] = inner->lo[j];
            hi[nin] = inner->hi[j];
            c = nin++;
        } else {
            in[c].domain = stricter(in[c].domain, si->in[j].domain);
            lo[c] = fmax(lo[c], inner->lo[j]);
            hi[c] = fmin(hi[c], inner->hi[j]);
        }
        inner_map[j] = c;
    }
    if (nin == 0)
        return MSBI_FAIL(MSB_ESIZE, "the composition would have no inputs");
    size_t np = si->nparam + so->nparam;
    msbi_var par[MSB_LAW_MAX_PARAMS];
    double p[MSB_LAW_MAX_PARAMS];
    double *cov = msbi_calloc(np > 0 ? np * np : 1, sizeof(double));
    compose_data *d = msbi_calloc(1, sizeof *d);
    if (cov == NULL || d == NULL) {
        msbi_free(cov);
        msbi_free(d);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < si->nparam; a++) {
        par[a] = si->par[a];
        p[a] = inner->param[a];
        for (size_t b = 0; b < si->nparam; b++)
            cov[a * np + b] = inner->cov[a * si->nparam + b];
    }
    for (size_t a = 0; a < so->nparam; a++) {
        size_t A = si->nparam + a;
        par[A] = so->par[a];
        p[A] = outer->param[a];
        for (size_t b = 0; b < so->nparam; b++)
            cov[A * np + si->nparam + b] = outer->cov[a * so->nparam + b];
    }
    d->slot = slot;
    d->k = inner_output;
    memcpy(d->outer_map, outer_map, sizeof outer_map);
    memcpy(d->inner_map, inner_map, sizeof inner_map);
    msb_status st = msbi_law_ref(__func__, inner, &d->inner);
    if (st == MSB_SUCCESS) st = msbi_law_ref(__func__, outer, &d->outer);
    if (st != MSB_SUCCESS) {
        msb_law_destroy(d->inner);
        msbi_free(d);
        msbi_free(cov);
        return st;
    }
    char ref[320];
    snprintf(ref, sizeof ref, "composition: [%.120s] of [%.120s]", so->reference, si->reference);
    const msbi_law_spec spec = {&msbi_compose_class, d, ref, nin, so->nout, np, in, so->out, par, p,
                                cov};
    msb_law *law;
    st = msbi_law_create(__func__, &spec, &law); /* owns d on failure too */
    msbi_free(cov);
    if (st != MSB_SUCCESS) return st;
    for (size_t c = 0; c < nin; c++) msbi_law_set_validity(law, c, lo[c], hi[c]);
    *out = law;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ Monte Carlo */

msb_status msb_propagate_mc(const msb_law *law, size_t n, const double *x, size_t n_samples,
                            uint64_t seed, double *mean, double *std, double *samples)
{
    MSBI_CHECK_NULL(law);
    if (n > 0) MSBI_CHECK_NULL(x);
    if (n_samples < 2)
        return MSBI_FAIL(MSB_ESIZE, "n_samples must be >= 2 (got %zu)", n_samples);
    const size_t np = law->shared->nparam, nout = law->shared->nout;
    size_t ny, total;
    if (msbi_mul_size(n, nout, &ny) || msbi_mul_size(ny, n_samples, &total))
        return MSBI_FAIL(MSB_ESIZE, "n * nout * n_samples overflows");
    if (n == 0) return MSB_SUCCESS;
    /* Validate the inputs (and the nominal evaluation) before anything else. */
    double *acc = msbi_alloc_array(3 * ny + (np > 0 ? np * np + 2 * np : 1), sizeof(double));
    if (acc == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *ybuf = acc, *mu = acc + ny, *m2 = acc + 2 * ny, *F = acc + 3 * ny, *z = F + np * np,
           *ps = z + np;
    msb_status st = msb_law_eval(law, n, x, ybuf, NULL);
    if (st == MSB_SUCCESS && np > 0) st = msbi_psd_factor(__func__, np, law->cov, F);
    if (st != MSB_SUCCESS) {
        msbi_free(acc);
        return st;
    }
    for (size_t i = 0; i < ny; i++) mu[i] = m2[i] = 0.0;
    msbi_rng rng;
    msbi_rng_seed(&rng, seed);
    for (size_t s = 0; s < n_samples; s++) {
        for (size_t a = 0; a < np; a++) z[a] = msbi_rng_normal(&rng);
        for (size_t a = 0; a < np; a++) {
            double v = law->param[a];
            for (size_t b = 0; b < np; b++) v += F[a * np + b] * z[b];
            ps[a] = v;
        }
        st = msb_law_eval_with_params(law, ps, n, x, ybuf, NULL);
        if (st != MSB_SUCCESS) {
            char msg[400];
            snprintf(msg, sizeof msg, "%s", msb_last_error_message());
            msbi_free(acc);
            return msbi_error(st, __func__, "Monte Carlo sample %zu: %s", s, msg);
        }
        /* Welford's running mean and sum of squared deviations. */
        double inv = 1.0 / (double)(s + 1);
        for (size_t i = 0; i < ny; i++) {
            double dlt = ybuf[i] - mu[i];
            mu[i] += dlt * inv;
            m2[i] += dlt * (ybuf[i] - mu[i]);
        }
        if (samples) memcpy(samples + s * ny, ybuf, ny * sizeof(double));
    }
    if (mean) memcpy(mean, mu, ny * sizeof(double));
    if (std)
        for (size_t i = 0; i < ny; i++) std[i] = sqrt(m2[i] / (double)(n_samples - 1));
    msbi_free(acc);
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ validity */

msb_status msb_law_eval_uq_validity(const msb_law *law, double extrapolation_factor, size_t n,
                                    const double *x, double *y, double *y_std, size_t *n_outside)
{
    MSBI_CHECK_NULL(law);
    if (!(extrapolation_factor >= 0) || !isfinite(extrapolation_factor))
        return MSBI_FAIL(MSB_EINVAL, "extrapolation_factor must be finite and >= 0 (got %g)",
                         extrapolation_factor);
    if (n > 0) MSBI_CHECK_NULL(x);
    size_t count = 0;
    MSBI_TRY(msb_law_count_outside(law, n, x, &count));
    MSBI_TRY(msb_law_eval_uq(law, n, x, y, y_std));
    if (n_outside) *n_outside = count;
    if (count == 0 || !(extrapolation_factor > 0) || y_std == NULL) return MSB_SUCCESS;
    const size_t nin = law->shared->nin, nout = law->shared->nout;
    double xc[MSB_LAW_MAX_INPUTS], yx[MSB_LAW_MAX_OUTPUTS], yc[MSB_LAW_MAX_OUTPUTS];
    for (size_t i = 0; i < n; i++) {
        const double *xp = x + i * nin;
        int outside = 0;
        for (size_t j = 0; j < nin; j++) {
            double v = xp[j];
            if (v < law->lo[j]) { v = law->lo[j]; outside = 1; }
            if (v > law->hi[j]) { v = law->hi[j]; outside = 1; }
            xc[j] = v;
        }
        if (!outside) continue;
        MSBI_TRY(msb_law_eval(law, 1, xp, yx, NULL));
        msb_status st = msb_law_eval(law, 1, xc, yc, NULL);
        if (st != MSB_SUCCESS) {
            char msg[400];
            snprintf(msg, sizeof msg, "%s", msb_last_error_message());
            return msbi_error(st, __func__, "point %zu clamped into the validity domain: %s", i,
                              msg);
        }
        for (size_t k = 0; k < nout; k++) {
            double e = extrapolation_factor * fabs(yx[k] - yc[k]);
            y_std[i * nout + k] = hypot(y_std[i * nout + k], e);
        }
    }
    return MSB_SUCCESS;
}

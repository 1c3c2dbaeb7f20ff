/* The msb_law handle: construction, self-description, validated batch evaluation and
 * first-order uncertainty propagation (msbridge/law.h). */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include "laws/law_internal.h"

/* ------------------------------------------------------------------ lifetime */

static void shared_release(msbi_law_shared *sh)
{
    if (sh == NULL) return;
    if (atomic_fetch_sub(&sh->refs, 1) != 1) return;
    if (sh->cls->free_data != NULL && sh->data != NULL) sh->cls->free_data(sh->data);
    msbi_free(sh->par);
    msbi_free(sh);
}

/* One block: struct, param, cov, lo, hi. */
static msb_law *handle_alloc(msbi_law_shared *sh)
{
    size_t np = sh->nparam, ni = sh->nin, ndoubles, bytes;
    if (msbi_mul_size(np, np, &ndoubles) || msbi_add_size(ndoubles, np + 2 * ni, &ndoubles) ||
        msbi_mul_size(ndoubles, sizeof(double), &bytes) ||
        msbi_add_size(bytes, sizeof(msb_law), &bytes))
        return NULL;
    msb_law *law = msbi_malloc(bytes);
    if (law == NULL) return NULL;
    double *block = (double *)(law + 1);
    law->shared = sh;
    law->param = block;
    law->cov = block + np;
    law->lo = law->cov + np * np;
    law->hi = law->lo + ni;
    return law;
}

msb_status msbi_law_create(const char *where, const msbi_law_spec *spec, msb_law **out)
{
    msbi_law_shared *sh = NULL;
    if (spec->nin == 0 || spec->nin > MSB_LAW_MAX_INPUTS || spec->nout == 0 ||
        spec->nout > MSB_LAW_MAX_OUTPUTS || spec->nparam > MSB_LAW_MAX_PARAMS) {
        if (spec->cls->free_data != NULL && spec->data != NULL) spec->cls->free_data(spec->data);
        return msbi_error(MSB_ESIZE, where, "law shape %zu inputs, %zu outputs, %zu parameters "
                          "exceeds the limits (%d, %d, %d)", spec->nin, spec->nout, spec->nparam,
                          MSB_LAW_MAX_INPUTS, MSB_LAW_MAX_OUTPUTS, MSB_LAW_MAX_PARAMS);
    }
    sh = msbi_calloc(1, sizeof *sh);
    if (sh == NULL) goto nomem;
    atomic_init(&sh->refs, 1);
    sh->cls = spec->cls;
    sh->data = spec->data;
    sh->nin = spec->nin;
    sh->nout = spec->nout;
    sh->nparam = spec->nparam;
    memcpy(sh->in, spec->in, spec->nin * sizeof(msbi_var));
    memcpy(sh->out, spec->out, spec->nout * sizeof(msbi_var));
    if (spec->nparam > 0) {
        sh->par = msbi_alloc_array(spec->nparam, sizeof(msbi_var));
        if (sh->par == NULL) {
            sh->data = NULL; /* freed below through spec */
            msbi_free(sh);
            sh = NULL;
            goto nomem;
        }
        memcpy(sh->par, spec->par, spec->nparam * sizeof(msbi_var));
    }
    snprintf(sh->reference, sizeof sh->reference, "%s", spec->reference ? spec->reference : "");
    msb_law *law = handle_alloc(sh);
    if (law == NULL) {
        shared_release(sh); /* frees data */
        return msbi_error(MSB_ENOMEM, where, "out of memory creating a '%s' law", spec->cls->kind);
    }
    size_t np = spec->nparam;
    if (np > 0) memcpy(law->param, spec->param, np * sizeof(double));
    if (spec->cov != NULL && np > 0)
        memcpy(law->cov, spec->cov, np * np * sizeof(double));
    else
        for (size_t i = 0; i < np * np; i++) law->cov[i] = 0.0;
    for (size_t j = 0; j < spec->nin; j++) {
        law->lo[j] = -INFINITY;
        law->hi[j] = INFINITY;
    }
    *out = law;
    return MSB_SUCCESS;
nomem:
    if (spec->cls->free_data != NULL && spec->data != NULL) spec->cls->free_data(spec->data);
    return msbi_error(MSB_ENOMEM, where, "out of memory creating a '%s' law", spec->cls->kind);
}

void msbi_law_set_validity(msb_law *law, size_t j, double lo, double hi)
{
    law->lo[j] = lo;
    law->hi[j] = hi;
}

static msb_status copy_handle(const char *where, const msb_law *law, msb_law **out)
{
    msbi_law_shared *sh = law->shared;
    atomic_fetch_add(&sh->refs, 1);
    msb_law *copy = handle_alloc(sh);
    if (copy == NULL) {
        shared_release(sh);
        return msbi_error(MSB_ENOMEM, where, "out of memory copying a '%s' law", sh->cls->kind);
    }
    size_t np = sh->nparam;
    memcpy(copy->param, law->param, (np + np * np + 2 * sh->nin) * sizeof(double));
    *out = copy;
    return MSB_SUCCESS;
}

msb_status msbi_law_ref(const char *where, const msb_law *law, msb_law **out)
{
    return copy_handle(where, law, out);
}

void msb_law_destroy(msb_law *law)
{
    if (law == NULL) return;
    msbi_law_shared *sh = law->shared;
    msbi_free(law);
    shared_release(sh);
}

msb_status msb_law_with_params(const msb_law *law, const double *params, const double *cov,
                               msb_law **out)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(out);
    size_t np = law->shared->nparam;
    if (np > 0) MSBI_CHECK_NULL(params);
    MSBI_TRY(msbi_check_array_finite(__func__, "params", np, params));
    MSBI_TRY(msbi_check_covariance(__func__, np, cov));
    if (law->shared->cls->check_params != NULL)
        MSBI_TRY(law->shared->cls->check_params(__func__, params));
    msb_law *copy;
    MSBI_TRY(copy_handle(__func__, law, &copy));
    if (np > 0) memcpy(copy->param, params, np * sizeof(double));
    if (cov != NULL && np > 0) memcpy(copy->cov, cov, np * np * sizeof(double));
    *out = copy;
    return MSB_SUCCESS;
}

msb_status msb_law_with_domain(const msb_law *law, const double *lo, const double *hi,
                               msb_law **out)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(lo);
    MSBI_CHECK_NULL(hi);
    MSBI_CHECK_NULL(out);
    for (size_t j = 0; j < law->shared->nin; j++) {
        if (isnan(lo[j]) || isnan(hi[j]) || !(lo[j] <= hi[j]))
            return MSBI_FAIL(MSB_EINVAL, "validity bounds of input '%s' must be ordered numbers "
                             "(got lo = %g, hi = %g)", law->shared->in[j].name, lo[j], hi[j]);
    }
    msb_law *copy;
    MSBI_TRY(copy_handle(__func__, law, &copy));
    for (size_t j = 0; j < law->shared->nin; j++) msbi_law_set_validity(copy, j, lo[j], hi[j]);
    *out = copy;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ self-description */

const char *msb_law_kind(const msb_law *law) { return law ? law->shared->cls->kind : NULL; }
const char *msb_law_reference(const msb_law *law) { return law ? law->shared->reference : NULL; }
size_t msb_law_n_inputs(const msb_law *law) { return law ? law->shared->nin : 0; }
size_t msb_law_n_outputs(const msb_law *law) { return law ? law->shared->nout : 0; }
size_t msb_law_n_params(const msb_law *law) { return law ? law->shared->nparam : 0; }

const char *msb_law_input_name(const msb_law *law, size_t j)
{
    return (law && j < law->shared->nin) ? law->shared->in[j].name : NULL;
}
const char *msb_law_input_unit(const msb_law *law, size_t j)
{
    return (law && j < law->shared->nin) ? law->shared->in[j].unit : NULL;
}
const char *msb_law_output_name(const msb_law *law, size_t k)
{
    return (law && k < law->shared->nout) ? law->shared->out[k].name : NULL;
}
const char *msb_law_output_unit(const msb_law *law, size_t k)
{
    return (law && k < law->shared->nout) ? law->shared->out[k].unit : NULL;
}
const char *msb_law_param_name(const msb_law *law, size_t m)
{
    return (law && m < law->shared->nparam) ? law->shared->par[m].name : NULL;
}
const char *msb_law_param_unit(const msb_law *law, size_t m)
{
    return (law && m < law->shared->nparam) ? law->shared->par[m].unit : NULL;
}
msb_domain_kind msb_law_input_domain(const msb_law *law, size_t j)
{
    return (law && j < law->shared->nin) ? law->shared->in[j].domain : MSB_DOMAIN_REAL;
}

msb_status msb_law_params(const msb_law *law, double *params)
{
    MSBI_CHECK_NULL(law);
    if (law->shared->nparam == 0) return MSB_SUCCESS;
    MSBI_CHECK_NULL(params);
    memcpy(params, law->param, law->shared->nparam * sizeof(double));
    return MSB_SUCCESS;
}

msb_status msb_law_covariance(const msb_law *law, double *cov)
{
    MSBI_CHECK_NULL(law);
    size_t np = law->shared->nparam;
    if (np == 0) return MSB_SUCCESS;
    MSBI_CHECK_NULL(cov);
    memcpy(cov, law->cov, np * np * sizeof(double));
    return MSB_SUCCESS;
}

msb_status msb_law_validity(const msb_law *law, size_t j, double *lo, double *hi)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(lo);
    MSBI_CHECK_NULL(hi);
    if (j >= law->shared->nin)
        return MSBI_FAIL(MSB_ESIZE, "input index %zu out of range (law has %zu inputs)", j,
                         law->shared->nin);
    *lo = law->lo[j];
    *hi = law->hi[j];
    return MSB_SUCCESS;
}

msb_status msb_law_count_outside(const msb_law *law, size_t n, const double *x, size_t *n_outside)
{
    MSBI_CHECK_NULL(law);
    MSBI_CHECK_NULL(n_outside);
    if (n > 0) MSBI_CHECK_NULL(x);
    size_t nin = law->shared->nin, count = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < nin; j++) {
            double v = x[i * nin + j];
            if (!(v >= law->lo[j] && v <= law->hi[j])) {
                count++;
                break;
            }
        }
    }
    *n_outside = count;
    return MSB_SUCCESS;
}

/* ------------------------------------------------------------------ evaluation */

static const char *domain_text(msb_domain_kind d)
{
    switch (d) {
    case MSB_DOMAIN_POSITIVE: return "> 0";
    case MSB_DOMAIN_NONNEGATIVE: return ">= 0";
    case MSB_DOMAIN_UNIT_OPEN: return "in (0, 1)";
    case MSB_DOMAIN_UNIT_CLOSED: return "in [0, 1]";
    default: return "finite";
    }
}

static int in_domain(msb_domain_kind d, double v)
{
    switch (d) {
    case MSB_DOMAIN_POSITIVE: return v > 0;
    case MSB_DOMAIN_NONNEGATIVE: return v >= 0;
    case MSB_DOMAIN_UNIT_OPEN: return v > 0 && v < 1;
    case MSB_DOMAIN_UNIT_CLOSED: return v >= 0 && v <= 1;
    default: return 1;
    }
}

/* The closed interval [lo, hi] of doubles that are finite and inside domain d (the strict
 * bounds become the neighbouring doubles: v > 0 <=> v >= 2^-1074, v < 1 <=> v <= 1 - 2^-53). */
static void domain_interval(msb_domain_kind d, double *lo, double *hi)
{
    switch (d) {
    case MSB_DOMAIN_POSITIVE: *lo = DBL_TRUE_MIN; *hi = DBL_MAX; break;
    case MSB_DOMAIN_NONNEGATIVE: *lo = 0.0; *hi = DBL_MAX; break;
    case MSB_DOMAIN_UNIT_OPEN: *lo = DBL_TRUE_MIN; *hi = 1.0 - DBL_EPSILON / 2; break;
    case MSB_DOMAIN_UNIT_CLOSED: *lo = 0.0; *hi = 1.0; break;
    default: *lo = -DBL_MAX; *hi = DBL_MAX; break;
    }
}

/* Fast path of the input check: one branch-free pass per input that the compiler vectorizes
 * (NaN fails both comparisons). Accepts exactly the values the per-point loop accepts; when it
 * finds a bad value, that loop runs to name the first one. */
static int inputs_all_in_domain(const msbi_law_shared *sh, size_t n, const double *restrict x)
{
    const size_t nin = sh->nin;
    double bad = 0.0; /* a count of bad values, exact below 2^53; a double so that it vectorizes */
    for (size_t j = 0; j < nin; j++) {
        double lo, hi;
        domain_interval(sh->in[j].domain, &lo, &hi);
        if (nin == 1) {
            for (size_t i = 0; i < n; i++) bad += (x[i] >= lo && x[i] <= hi) ? 0.0 : 1.0;
        } else {
            for (size_t i = 0; i < n; i++) {
                const double v = x[i * nin + j];
                bad += (v >= lo && v <= hi) ? 0.0 : 1.0;
            }
        }
    }
    return bad == 0.0;
}

static msb_status validate_inputs(const char *where, const msb_law *law, size_t n, const double *x)
{
    const msbi_law_shared *sh = law->shared;
    size_t nin = sh->nin;
    if (inputs_all_in_domain(sh, n, x)) return MSB_SUCCESS;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < nin; j++) {
            double v = x[i * nin + j];
            if (!isfinite(v))
                return msbi_error(MSB_ENONFINITE, where, "input '%s' must be finite (got %g) at "
                                  "point %zu", sh->in[j].name, v, i);
            if (!in_domain(sh->in[j].domain, v))
                return msbi_error(MSB_EDOM, where, "input '%s' must be %s (got %g) at point %zu",
                                  sh->in[j].name, domain_text(sh->in[j].domain), v, i);
        }
    }
    return MSB_SUCCESS;
}

static msb_status check_outputs(const char *where, const msb_law *law, size_t first, size_t n,
                                const double *v, size_t per_point, const char *what)
{
    if (v == NULL) return MSB_SUCCESS;
    size_t nout = law->shared->nout, per_output = per_point / nout;
    /* fast path: a branch-free pass that vectorizes; the loop below names the first bad value */
    double bad = 0.0;
    for (size_t i = 0; i < n * per_point; i++) bad += (v[i] >= -DBL_MAX && v[i] <= DBL_MAX) ? 0.0 : 1.0;
    if (bad == 0.0) return MSB_SUCCESS;
    for (size_t i = 0; i < n * per_point; i++) {
        if (!isfinite(v[i])) {
            size_t point = i / per_point, k = (i % per_point) / per_output;
            return msbi_error(MSB_ERANGE, where, "%s of output '%s' is not finite (%g) at point "
                              "%zu", what, law->shared->out[k].name, v[i], first + point);
        }
    }
    return MSB_SUCCESS;
}

/* Points per kernel call in eval_checked: the kernel's outputs for one block are checked
 * while they are still in cache, so the output check costs no extra trip through memory.
 * About 64 KiB of inputs and outputs per block, at least 256 points. */
static size_t eval_block(const msbi_law_shared *sh, int want_dydx, int want_dydp)
{
    size_t per = sh->nin + sh->nout;
    if (want_dydx) per += sh->nout * sh->nin;
    if (want_dydp) per += sh->nout * sh->nparam;
    size_t b = 8192 / per;
    return b < 256 ? 256 : b;
}

/* Input check over all points first (so that a bad input leaves every output untouched), then
 * the kernel and the output check block by block. Laws are pointwise, so the blocks give the
 * same bits as one call over all points. */
static msb_status eval_checked(const char *where, const msb_law *law, const double *p, size_t n,
                               const double *x, double *y, double *dydx, double *dydp)
{
    if (law == NULL) return msbi_error(MSB_ENULL, where, "argument 'law' is NULL");
    if (n == 0) return MSB_SUCCESS;
    if (x == NULL) return msbi_error(MSB_ENULL, where, "argument 'x' is NULL");
    if (y == NULL && dydx == NULL && dydp == NULL) return MSB_SUCCESS;
    MSBI_TRY(validate_inputs(where, law, n, x));
    const msbi_law_shared *sh = law->shared;
    const size_t nin = sh->nin, nout = sh->nout, nyx = nout * nin, nyp = nout * sh->nparam;
    const size_t block = eval_block(sh, dydx != NULL, dydp != NULL);
    for (size_t s = 0; s < n; s += block) {
        const size_t m = n - s < block ? n - s : block;
        double *yb = y ? y + s * nout : NULL;
        double *dxb = dydx ? dydx + s * nyx : NULL;
        double *dpb = dydp ? dydp + s * nyp : NULL;
        MSBI_TRY(sh->cls->eval(law, p, m, x + s * nin, yb, dxb, dpb));
        MSBI_TRY(check_outputs(where, law, s, m, yb, nout, "value"));
        MSBI_TRY(check_outputs(where, law, s, m, dxb, nyx, "input derivative"));
        MSBI_TRY(check_outputs(where, law, s, m, dpb, nyp, "parameter derivative"));
    }
    return MSB_SUCCESS;
}

msb_status msb_law_eval(const msb_law *law, size_t n, const double *x, double *y, double *dydx)
{
    return eval_checked(__func__, law, law ? law->param : NULL, n, x, y, dydx, NULL);
}

msb_status msb_law_eval_dparams(const msb_law *law, size_t n, const double *x, double *y,
                                double *dydp)
{
    return eval_checked(__func__, law, law ? law->param : NULL, n, x, y, NULL, dydp);
}

msb_status msb_law_eval_with_params(const msb_law *law, const double *params, size_t n,
                                    const double *x, double *y, double *dydx)
{
    if (law == NULL) return MSBI_FAIL(MSB_ENULL, "argument 'law' is NULL");
    size_t np = law->shared->nparam;
    if (np > 0) MSBI_CHECK_NULL(params);
    MSBI_TRY(msbi_check_array_finite(__func__, "params", np, params));
    if (law->shared->cls->check_params != NULL)
        MSBI_TRY(law->shared->cls->check_params(__func__, params));
    return eval_checked(__func__, law, params, n, x, y, dydx, NULL);
}

msb_status msbi_law_eval_raw(const msb_law *law, const double *p, size_t n, const double *x,
                             double *y, double *dydx, double *dydp)
{
    return law->shared->cls->eval(law, p ? p : law->param, n, x, y, dydx, dydp);
}

msb_status msb_law_eval_uq(const msb_law *law, size_t n, const double *x, double *y,
                           double *y_std)
{
    if (y_std == NULL) return eval_checked(__func__, law, law ? law->param : NULL, n, x, y, NULL, NULL);
    if (law == NULL) return MSBI_FAIL(MSB_ENULL, "argument 'law' is NULL");
    if (n == 0) return MSB_SUCCESS;
    MSBI_CHECK_NULL(x);
    const msbi_law_shared *sh = law->shared;
    size_t nin = sh->nin, nout = sh->nout, np = sh->nparam;
    MSBI_TRY(validate_inputs(__func__, law, n, x));
    /* Fixed storage: parameter gradients for a chunk of points. */
    double grad[MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_PARAMS];
    size_t per_point = nout * (np > 0 ? np : 1);
    size_t chunk = (sizeof grad / sizeof grad[0]) / per_point;
    for (size_t start = 0; start < n; start += chunk) {
        size_t m = n - start < chunk ? n - start : chunk;
        const double *xc = x + start * nin;
        double *yc = y ? y + start * nout : NULL;
        if (np == 0) {
            if (yc) MSBI_TRY(sh->cls->eval(law, law->param, m, xc, yc, NULL, NULL));
            for (size_t i = 0; i < m * nout; i++) y_std[start * nout + i] = 0.0;
            continue;
        }
        MSBI_TRY(sh->cls->eval(law, law->param, m, xc, yc, NULL, grad));
        for (size_t i = 0; i < m * nout; i++) {
            const double *g = grad + i * np;
            double var = 0.0;
            for (size_t a = 0; a < np; a++) {
                double row = 0.0;
                for (size_t b = 0; b < np; b++) row += law->cov[a * np + b] * g[b];
                var += g[a] * row;
            }
            /* A covariance that is only positive semi-definite up to rounding can give a tiny
             * negative quadratic form; clamp it. */
            y_std[start * nout + i] = sqrt(var > 0 ? var : 0.0);
        }
    }
    MSBI_TRY(check_outputs(__func__, law, 0, n, y, nout, "value"));
    MSBI_TRY(check_outputs(__func__, law, 0, n, y_std, nout, "standard uncertainty"));
    return MSB_SUCCESS;
}

/* The conformance suite every law passes (see msb_test.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "msb_test.h"

#define SENTINEL 12345.678

static double *alloc_filled(size_t count)
{
    double *v = malloc((count ? count : 1) * sizeof(double));
    assert_non_null(v);
    for (size_t i = 0; i < count; i++) v[i] = SENTINEL;
    return v;
}

static void assert_untouched(const double *v, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (v[i] != SENTINEL) fail_msg("output[%zu] was written (%g) by a failing call", i, v[i]);
}

static void check_description(const msb_law *law)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law), np = msb_law_n_params(law);
    assert_true(nin >= 1 && nin <= MSB_LAW_MAX_INPUTS);
    assert_true(nout >= 1 && nout <= MSB_LAW_MAX_OUTPUTS);
    assert_true(np <= MSB_LAW_MAX_PARAMS);
    assert_non_null(msb_law_kind(law));
    assert_true(strlen(msb_law_kind(law)) > 0);
    assert_true(strlen(msb_law_reference(law)) > 0);
    for (size_t j = 0; j < nin; j++) {
        assert_true(strlen(msb_law_input_name(law, j)) > 0);
        assert_true(strlen(msb_law_input_unit(law, j)) > 0);
    }
    for (size_t k = 0; k < nout; k++) {
        assert_true(strlen(msb_law_output_name(law, k)) > 0);
        assert_true(strlen(msb_law_output_unit(law, k)) > 0);
    }
    for (size_t m = 0; m < np; m++) {
        assert_true(strlen(msb_law_param_name(law, m)) > 0);
        assert_true(strlen(msb_law_param_unit(law, m)) > 0);
    }
    assert_null(msb_law_input_name(law, nin));
    assert_null(msb_law_output_unit(law, nout));
    assert_null(msb_law_param_name(law, np));
    assert_null(msb_law_kind(NULL));
    assert_int_equal(msb_law_n_inputs(NULL), 0);
}

static void check_null_and_empty(const msb_law *law, size_t n, const double *x)
{
    size_t nout = msb_law_n_outputs(law), nin = msb_law_n_inputs(law);
    double *y = alloc_filled(n * nout);
    double *dydx = alloc_filled(n * nout * nin);
    assert_status(msb_law_eval(NULL, n, x, y, dydx), MSB_ENULL);
    assert_status(msb_law_eval_uq(NULL, n, x, y, dydx), MSB_ENULL);
    assert_status(msb_law_eval_dparams(NULL, n, x, y, dydx), MSB_ENULL);
    assert_status(msb_law_eval(law, n, NULL, y, dydx), MSB_ENULL);
    assert_status(msb_law_eval_uq(law, n, NULL, y, dydx), MSB_ENULL);
    assert_true(strlen(msb_last_error_message()) > 0);
    assert_ok(msb_law_eval(law, 0, x, y, dydx));
    assert_ok(msb_law_eval_uq(law, 0, x, y, dydx));
    assert_untouched(y, n * nout);
    assert_untouched(dydx, n * nout * nin);
    assert_ok(msb_law_eval(law, n, x, NULL, NULL)); /* nothing requested */
    free(y);
    free(dydx);
}

static void expect_rejected(const msb_law *law, size_t n, const double *x, size_t j, double bad,
                            int code)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law);
    double *xb = malloc(n * nin * sizeof(double));
    memcpy(xb, x, n * nin * sizeof(double));
    xb[(n - 1) * nin + j] = bad;
    double *y = alloc_filled(n * nout), *dydx = alloc_filled(n * nout * nin);
    msb_clear_error();
    int s = msb_law_eval(law, n, xb, y, dydx);
    if (s != code)
        fail_msg("input '%s' = %g: expected %s, got %s", msb_law_input_name(law, j), bad,
                 msb_status_name(code), msb_status_name(s));
    if (strstr(msb_last_error_message(), msb_law_input_name(law, j)) == NULL)
        fail_msg("message '%s' does not name input '%s'", msb_last_error_message(),
                 msb_law_input_name(law, j));
    assert_untouched(y, n * nout);
    assert_untouched(dydx, n * nout * nin);
    assert_status(msb_law_eval_uq(law, n, xb, y, dydx), code);
    assert_untouched(y, n * nout);
    free(xb);
    free(y);
    free(dydx);
}

static void check_bad_inputs(const msb_law *law, size_t n, const double *x)
{
    for (size_t j = 0; j < msb_law_n_inputs(law); j++) {
        expect_rejected(law, n, x, j, NAN, MSB_ENONFINITE);
        expect_rejected(law, n, x, j, INFINITY, MSB_ENONFINITE);
        expect_rejected(law, n, x, j, -INFINITY, MSB_ENONFINITE);
        switch (msb_law_input_domain(law, j)) {
        case MSB_DOMAIN_POSITIVE:
            expect_rejected(law, n, x, j, 0.0, MSB_EDOM);
            expect_rejected(law, n, x, j, -3.0, MSB_EDOM);
            break;
        case MSB_DOMAIN_NONNEGATIVE: expect_rejected(law, n, x, j, -1e-3, MSB_EDOM); break;
        case MSB_DOMAIN_UNIT_OPEN:
            expect_rejected(law, n, x, j, 0.0, MSB_EDOM);
            expect_rejected(law, n, x, j, 1.0, MSB_EDOM);
            break;
        case MSB_DOMAIN_UNIT_CLOSED:
            expect_rejected(law, n, x, j, -0.01, MSB_EDOM);
            expect_rejected(law, n, x, j, 1.01, MSB_EDOM);
            break;
        default: break;
        }
    }
}

static void check_null_outputs(const msb_law *law, size_t n, const double *x)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law);
    double *y1 = alloc_filled(n * nout), *d1 = alloc_filled(n * nout * nin);
    double *y2 = alloc_filled(n * nout), *d2 = alloc_filled(n * nout * nin);
    assert_ok(msb_law_eval(law, n, x, y1, d1));
    assert_ok(msb_law_eval(law, n, x, y2, NULL));
    assert_ok(msb_law_eval(law, n, x, NULL, d2));
    assert_memory_equal(y1, y2, n * nout * sizeof(double));
    assert_memory_equal(d1, d2, n * nout * nin * sizeof(double));
    free(y1);
    free(d1);
    free(y2);
    free(d2);
}

/* Central difference; agreement |a - fd| <= 1e-6 (|a| + |fd|) + floor, with the floor the
 * rounding error of the difference quotient, 1e3 eps |f| / h. */
static void compare_derivative(const char *what, size_t i, size_t k, size_t j, double analytic,
                               double fp, double fm, double h, double fscale)
{
    double fd = (fp - fm) / (2 * h);
    double floor_ = 1e3 * 2.2e-16 * fscale / h;
    if (!(fabs(analytic - fd) <= 1e-6 * (fabs(analytic) + fabs(fd)) + floor_))
        fail_msg("%s derivative d y%zu / d %zu at point %zu: analytic %.12g, central difference "
                 "%.12g", what, k, j, i, analytic, fd);
}

static void check_input_derivatives(const msb_law *law, size_t n, const double *x,
                                    const double *step)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law);
    double *y = alloc_filled(nout), *d = alloc_filled(nout * nin);
    double *yp = alloc_filled(nout), *ym = alloc_filled(nout);
    double xp[MSB_LAW_MAX_INPUTS];
    for (size_t i = 0; i < n; i++) {
        assert_ok(msb_law_eval(law, 1, x + i * nin, y, d));
        for (size_t j = 0; j < nin; j++) {
            double x0 = x[i * nin + j];
            double h = x0 != 0 ? 1e-5 * fabs(x0) : (step ? step[j] : 1e-6);
            if (msb_law_input_domain(law, j) != MSB_DOMAIN_REAL && x0 - h <= 0) h = 0.5 * x0;
            memcpy(xp, x + i * nin, nin * sizeof(double));
            xp[j] = x0 + h;
            assert_ok(msb_law_eval(law, 1, xp, yp, NULL));
            xp[j] = x0 - h;
            assert_ok(msb_law_eval(law, 1, xp, ym, NULL));
            for (size_t k = 0; k < nout; k++)
                compare_derivative("input", i, k, j, d[k * nin + j], yp[k], ym[k], h,
                                   fmax(fabs(y[k]), fmax(fabs(yp[k]), fabs(ym[k]))));
        }
    }
    free(y);
    free(d);
    free(yp);
    free(ym);
}

static void check_param_derivatives(const msb_law *law, size_t n, const double *x)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law), np = msb_law_n_params(law);
    if (np == 0) return;
    double p[MSB_LAW_MAX_PARAMS], pp[MSB_LAW_MAX_PARAMS];
    assert_ok(msb_law_params(law, p));
    double *y = alloc_filled(nout), *g = alloc_filled(nout * np);
    double *yp = alloc_filled(nout), *ym = alloc_filled(nout);
    for (size_t i = 0; i < n; i++) {
        assert_ok(msb_law_eval_dparams(law, 1, x + i * nin, y, g));
        for (size_t m = 0; m < np; m++) {
            double h = p[m] != 0 ? 1e-6 * fabs(p[m]) : 1e-6;
            memcpy(pp, p, np * sizeof(double));
            pp[m] = p[m] + h;
            assert_ok(msb_law_eval_with_params(law, pp, 1, x + i * nin, yp, NULL));
            pp[m] = p[m] - h;
            assert_ok(msb_law_eval_with_params(law, pp, 1, x + i * nin, ym, NULL));
            for (size_t k = 0; k < nout; k++)
                compare_derivative("parameter", i, k, m, g[k * np + m], yp[k], ym[k], h,
                                   fmax(fabs(y[k]), fmax(fabs(yp[k]), fabs(ym[k]))));
        }
    }
    free(y);
    free(g);
    free(yp);
    free(ym);
}

static void check_uq(const msb_law *law, size_t n, const double *x)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law), np = msb_law_n_params(law);
    double cov[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    assert_ok(msb_law_covariance(law, cov));
    double *y = alloc_filled(nout), *s = alloc_filled(nout), *g = alloc_filled(nout * (np + 1));
    for (size_t i = 0; i < n; i++) {
        assert_ok(msb_law_eval_uq(law, 1, x + i * nin, y, s));
        assert_ok(msb_law_eval_dparams(law, 1, x + i * nin, NULL, g));
        for (size_t k = 0; k < nout; k++) {
            double var = 0;
            for (size_t a = 0; a < np; a++)
                for (size_t b = 0; b < np; b++) var += g[k * np + a] * cov[a * np + b] * g[k * np + b];
            assert_close_abs(s[k], sqrt(fmax(var, 0)), 1e-12 * (s[k] + fabs(y[k])) + 1e-300);
        }
    }
    free(y);
    free(s);
    free(g);
}

typedef struct thread_job {
    const msb_law *law;
    size_t n;
    const double *x;
    double *y, *d, *s;
    int status;
} thread_job;

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    job->status = 0;
    for (int rep = 0; rep < 50 && job->status == 0; rep++) {
        job->status = msb_law_eval(job->law, job->n, job->x, job->y, job->d);
        if (job->status == 0) job->status = msb_law_eval_uq(job->law, job->n, job->x, NULL, job->s);
    }
    return NULL;
}

static void check_threads(const msb_law *law, size_t n, const double *x)
{
    enum { NT = 8 };
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law);
    double *y0 = alloc_filled(n * nout), *d0 = alloc_filled(n * nout * nin), *s0 = alloc_filled(n * nout);
    assert_ok(msb_law_eval(law, n, x, y0, d0));
    assert_ok(msb_law_eval_uq(law, n, x, NULL, s0));
    pthread_t th[NT];
    thread_job jobs[NT];
    for (int t = 0; t < NT; t++) {
        jobs[t] = (thread_job){law, n, x, alloc_filled(n * nout), alloc_filled(n * nout * nin),
                               alloc_filled(n * nout), -1};
        assert_int_equal(pthread_create(&th[t], NULL, thread_main, &jobs[t]), 0);
    }
    for (int t = 0; t < NT; t++) {
        pthread_join(th[t], NULL);
        assert_int_equal(jobs[t].status, 0);
        assert_memory_equal(jobs[t].y, y0, n * nout * sizeof(double));
        assert_memory_equal(jobs[t].d, d0, n * nout * nin * sizeof(double));
        assert_memory_equal(jobs[t].s, s0, n * nout * sizeof(double));
        free(jobs[t].y);
        free(jobs[t].d);
        free(jobs[t].s);
    }
    free(y0);
    free(d0);
    free(s0);
}

void msbt_law_conformance(const msb_law *law, size_t n, const double *x, const double *step)
{
    assert_non_null(law);
    assert_true(n >= 1);
    check_description(law);
    check_null_and_empty(law, n, x);
    check_bad_inputs(law, n, x);
    check_null_outputs(law, n, x);
    check_input_derivatives(law, n, x, step);
    check_param_derivatives(law, n, x);
    check_uq(law, n, x);
    check_threads(law, n, x);
}

static void *same_law_calloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    assert_non_null(p);
    return p;
}

/* Everything observable about two laws is bitwise equal at the n points x. */
void msbt_assert_same_law(const msb_law *a, const msb_law *b, size_t n, const double *x)
{
    assert_string_equal(msb_law_kind(a), msb_law_kind(b));
    assert_string_equal(msb_law_reference(a), msb_law_reference(b));
    const size_t nin = msb_law_n_inputs(a), nout = msb_law_n_outputs(a), np = msb_law_n_params(a);
    assert_int_equal(nin, msb_law_n_inputs(b));
    assert_int_equal(nout, msb_law_n_outputs(b));
    assert_int_equal(np, msb_law_n_params(b));
    for (size_t j = 0; j < nin; j++) {
        assert_string_equal(msb_law_input_name(a, j), msb_law_input_name(b, j));
        assert_string_equal(msb_law_input_unit(a, j), msb_law_input_unit(b, j));
        assert_int_equal(msb_law_input_domain(a, j), msb_law_input_domain(b, j));
        double la, ha, lb, hb;
        assert_ok(msb_law_validity(a, j, &la, &ha));
        assert_ok(msb_law_validity(b, j, &lb, &hb));
        assert_memory_equal(&la, &lb, sizeof la);
        assert_memory_equal(&ha, &hb, sizeof ha);
    }
    for (size_t k = 0; k < nout; k++) {
        assert_string_equal(msb_law_output_name(a, k), msb_law_output_name(b, k));
        assert_string_equal(msb_law_output_unit(a, k), msb_law_output_unit(b, k));
    }
    double *pa = same_law_calloc(np + 1, 8), *pb = same_law_calloc(np + 1, 8);
    double *ca = same_law_calloc(np * np + 1, 8), *cb = same_law_calloc(np * np + 1, 8);
    assert_ok(msb_law_params(a, pa));
    assert_ok(msb_law_params(b, pb));
    assert_memory_equal(pa, pb, np * sizeof(double));
    assert_ok(msb_law_covariance(a, ca));
    assert_ok(msb_law_covariance(b, cb));
    assert_memory_equal(ca, cb, np * np * sizeof(double));
    for (size_t m = 0; m < np; m++) {
        assert_string_equal(msb_law_param_name(a, m), msb_law_param_name(b, m));
        assert_string_equal(msb_law_param_unit(a, m), msb_law_param_unit(b, m));
    }
    const size_t ny = n * nout;
    double *ya = same_law_calloc(ny, 8), *yb = same_law_calloc(ny, 8), *sa = same_law_calloc(ny, 8), *sb = same_law_calloc(ny, 8);
    double *da = same_law_calloc(ny * nin, 8), *db = same_law_calloc(ny * nin, 8);
    double *ga = same_law_calloc(ny * np + 1, 8), *gb = same_law_calloc(ny * np + 1, 8);
    assert_ok(msb_law_eval_uq(a, n, x, ya, sa));
    assert_ok(msb_law_eval_uq(b, n, x, yb, sb));
    assert_memory_equal(ya, yb, ny * sizeof(double));
    assert_memory_equal(sa, sb, ny * sizeof(double));
    assert_ok(msb_law_eval(a, n, x, NULL, da));
    assert_ok(msb_law_eval(b, n, x, NULL, db));
    assert_memory_equal(da, db, ny * nin * sizeof(double));
    assert_ok(msb_law_eval_dparams(a, n, x, NULL, ga));
    assert_ok(msb_law_eval_dparams(b, n, x, NULL, gb));
    assert_memory_equal(ga, gb, ny * np * sizeof(double));
    free(pa), free(pb), free(ca), free(cb), free(ya), free(yb), free(sa), free(sb);
    free(da), free(db), free(ga), free(gb);
}

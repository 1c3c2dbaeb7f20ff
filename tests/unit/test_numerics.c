/* Internal numerics: FFT correlation against the direct O(n^2) sums; least squares against a
 * closed form. */
#include <stdlib.h>

#include "msb_test.h"
#include "numerics/correlation.h"
#include "numerics/lsq.h"
#include "numerics/vexp.h"

static void direct(size_t n, const double *a, const double *b, size_t nl, double *out)
{
    for (size_t m = 0; m < nl; m++) {
        long double s = 0;
        for (size_t i = 0; i + m < n; i++) s += (long double)a[i] * b[i + m];
        out[m] = (double)s;
    }
}

static void test_correlation_matches_direct_sums(void **state)
{
    (void)state;
    const size_t sizes[] = {1, 2, 3, 7, 64, 100, 1000, 1537};
    msbt_rng r;
    msbt_rng_seed(&r, 3);
    msbi_corr_work *w;
    assert_ok(msbi_corr_work_create("test", 1537, &w));
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double));
        double *f = malloc(n * sizeof(double)), *d = malloc(n * sizeof(double));
        for (size_t i = 0; i < n; i++) {
            a[i] = msbt_normal(&r) + 0.5;
            b[i] = msbt_normal(&r) - 0.2;
        }
        /* FFT round-off ~ eps log2(len) times the largest sum; the scale is sum a_i^2 ~ n */
        assert_ok(msbi_correlate(w, n, a, a, n, f));
        direct(n, a, a, n, d);
        for (size_t m = 0; m < n; m++) assert_close_abs(f[m], d[m], 1e-12 * (double)n);
        assert_ok(msbi_correlate(w, n, a, b, n, f));
        direct(n, a, b, n, d);
        for (size_t m = 0; m < n; m++) assert_close_abs(f[m], d[m], 1e-12 * (double)n);
        free(a);
        free(b);
        free(f);
        free(d);
    }
    double x[4] = {1, 2, 3, 4}, o[4];
    assert_status(msbi_correlate(w, 2000, x, x, 4, o), MSB_ESIZE);
    assert_status(msbi_correlate(w, 4, x, x, 5, o), MSB_ESIZE);
    /* the plan is remade when the padded length changes: a failed allocation there reports
     * ENOMEM and leaves a workspace that works on the next call (closed form: sum_i x_i^2 = 30,
     * sum_i x_i x_(i+1) = 20) */
    for (long k = 1; k < 50; k++) {
        msbi_test_alloc_fail_at(k);
        const msb_status st = msbi_correlate(w, 4, x, x, 2, o);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) break;
        assert_int_equal(st, MSB_ENOMEM);
        assert_ok(msbi_correlate(w, 3, x, x, 1, o)); /* another length: replans */
    }
    assert_ok(msbi_correlate(w, 4, x, x, 2, o));
    assert_close_abs(o[0], 30.0, 1e-13);
    assert_close_abs(o[1], 20.0, 1e-13);
    msbi_corr_work_destroy(w);
    assert_status(msbi_corr_work_create("test", 0, &w), MSB_ESIZE);
}

/* y = 2 + 3 t exactly: beta recovered, chi2 = 0; rank-deficient design rejected. */
static void test_wls(void **state)
{
    (void)state;
    double A[10], y[5], beta[2], cov[4], chi2;
    for (int i = 0; i < 5; i++) {
        A[2 * i] = 1;
        A[2 * i + 1] = i;
        y[i] = 2 + 3 * i;
    }
    assert_ok(msbi_wls("t", 5, 2, A, y, NULL, beta, cov, &chi2));
    assert_close_rel(beta[0], 2, 1e-14);
    assert_close_rel(beta[1], 3, 1e-14);
    assert_true(chi2 < 1e-24);
    /* (A^T A)^-1 for t = 0..4: [[S_tt, -S_t], [-S_t, n]] / (n S_tt - S_t^2) = [[30,-10],[-10,5]]/50 */
    assert_close_rel(cov[0], 0.6, 1e-14);
    assert_close_rel(cov[1], -0.2, 1e-14);
    assert_close_rel(cov[3], 0.1, 1e-14);
    for (int i = 0; i < 5; i++) A[2 * i + 1] = 2 * A[2 * i];
    assert_status(msbi_wls("t", 5, 2, A, y, NULL, beta, cov, &chi2), MSB_ESINGULAR);
    assert_status(msbi_wls("t", 1, 2, A, y, NULL, beta, cov, &chi2), MSB_EINSUFFICIENT);
}

/* msbi_exp against glibc's exp (itself < 1 ulp) on 10^6 random points: within 2 ulp
 * (relative 4.5e-16) for |x| <= 708; exact Inf/0/NaN at the edges. */
static void test_vexp(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 11);
    double worst = 0;
    for (int i = 0; i < 1000000; i++) {
        double x = -708 + 1416 * msbt_uniform(&r);
        if (i % 4 == 0) x = -2 + 4 * msbt_uniform(&r); /* the common range of law exponents */
        double a = msbi_exp(x), b = exp(x);
        double e = fabs(a - b) / b;
        if (e > worst) worst = e;
    }
    if (worst > 4.5e-16) fail_msg("msbi_exp worst relative error %.3g > 2 ulp", worst);
    assert_true(msbi_exp(0.0) == 1.0);
    assert_true(isinf(msbi_exp(710.0)) && isinf(msbi_exp(1e300)));
    assert_true(msbi_exp(-746.0) == 0.0 && msbi_exp(-1e300) == 0.0);
    assert_true(isnan(msbi_exp(NAN)));
    assert_true(isinf(msbi_exp(INFINITY)) && msbi_exp(-INFINITY) == 0.0);
    /* subnormal results are scaled correctly */
    assert_close_rel(msbi_exp(-740.0), exp(-740.0), 1e-3);
    assert_close_rel(msbi_exp(709.7), exp(709.7), 4.5e-16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_correlation_matches_direct_sums),
        cmocka_unit_test(test_wls),
        cmocka_unit_test(test_vexp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

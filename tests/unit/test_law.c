/* Generic law handle operations: copies with new parameters or validity domain, reference
 * lifetime, eval_with_params. */
#include <string.h>

#include "msb_test.h"

static void test_with_params_and_lifetime(void **state)
{
    (void)state;
    msb_law *base, *copy;
    assert_ok(msb_arrhenius_create(1e-7, 0.3 * MSB_EV, NULL, &base));
    const double p[2] = {log(2e-7), 0.2 * MSB_EV};
    const double cov[4] = {0.01, 0, 0, 1e-42};
    assert_ok(msb_law_with_params(base, p, cov, &copy));
    msb_law_destroy(base); /* the copy shares the description and must outlive the base */
    double T = 300, D;
    assert_ok(msb_law_eval(copy, 1, &T, &D, NULL));
    assert_close_rel(D, 2e-7 * exp(-0.2 * MSB_EV / (MSB_K_B * 300)), 4e-15);
    double c[4];
    assert_ok(msb_law_covariance(copy, c));
    assert_close_rel(c[0], 0.01, 0);
    const double pn[2] = {NAN, 0};
    msb_law *bad = NULL;
    assert_status(msb_law_with_params(copy, pn, NULL, &bad), MSB_ENONFINITE);
    assert_status(msb_law_with_params(NULL, p, NULL, &bad), MSB_ENULL);
    assert_status(msb_law_with_params(copy, NULL, NULL, &bad), MSB_ENULL);
    const double asym[4] = {1, 2, 3, 1};
    assert_status(msb_law_with_params(copy, p, asym, &bad), MSB_EINVAL);
    assert_null(bad);
    /* eval_with_params does not change the law */
    double D2;
    assert_ok(msb_law_eval_with_params(copy, p, 1, &T, &D2, NULL));
    assert_close_rel(D2, D, 0);
    assert_status(msb_law_eval_with_params(copy, pn, 1, &T, &D2, NULL), MSB_ENONFINITE);
    msb_law_destroy(copy);
    msb_law_destroy(NULL); /* NULL-safe */
}

static void test_with_domain(void **state)
{
    (void)state;
    msb_law *base, *dom = NULL;
    assert_ok(msb_activation_volume_create(1e-7, 0.3 * MSB_EV, 1e-30, NULL, &base));
    double lo, hi;
    assert_ok(msb_law_validity(base, 1, &lo, &hi));
    assert_true(isinf(lo) && lo < 0 && isinf(hi) && hi > 0);
    assert_status(msb_law_validity(base, 2, &lo, &hi), MSB_ESIZE);
    const double l[2] = {250, -1e9}, h[2] = {400, 1e9}, hbad[2] = {200, 1e9};
    assert_status(msb_law_with_domain(base, l, hbad, &dom), MSB_EINVAL);
    const double lnan[2] = {NAN, 0};
    assert_status(msb_law_with_domain(base, lnan, h, &dom), MSB_EINVAL);
    assert_ok(msb_law_with_domain(base, l, h, &dom));
    const double x[6] = {300, 0, 300, 2e9, 500, 0};
    size_t n_out;
    assert_ok(msb_law_count_outside(dom, 3, x, &n_out));
    assert_int_equal(n_out, 2);
    assert_ok(msb_law_count_outside(base, 3, x, &n_out));
    assert_int_equal(n_out, 0);
    assert_status(msb_law_count_outside(dom, 3, NULL, &n_out), MSB_ENULL);
    msb_law_destroy(base);
    msb_law_destroy(dom);
}

/* msb_law_eval runs the kernel block by block (src/laws/law.c eval_checked). Laws are
 * pointwise, so a long call must give the same bits as one call per point, and a non-finite
 * output in a later block must be reported at its global index. Reference: the same law
 * evaluated one point at a time (no blocking can happen for n = 1). */
static void test_blocked_eval(void **state)
{
    (void)state;
    msb_law *law;
    /* negative Ea: D grows without bound as T -> 0, so a tiny T overflows to +Inf */
    assert_ok(msb_arrhenius_create(1e-7, -0.5 * MSB_EV, NULL, &law));
    enum { N = 20011 };
    static double T[N], y[N], dy[N], y1, dy1;
    for (size_t i = 0; i < N; i++) T[i] = 200.0 + 0.037 * (double)i;
    assert_ok(msb_law_eval(law, N, T, y, dy));
    for (size_t i = 0; i < N; i += 1) {
        assert_ok(msb_law_eval(law, 1, &T[i], &y1, &dy1));
        assert_memory_equal(&y1, &y[i], sizeof y1);
        assert_memory_equal(&dy1, &dy[i], sizeof dy1);
    }
    T[17003] = 1e-3; /* exp(0.5 eV / (k_B * 1 mK)) overflows */
    assert_status(msb_law_eval(law, N, T, y, NULL), MSB_ERANGE);
    assert_non_null(strstr(msb_last_error_message(), "point 17003"));
    msb_law_destroy(law);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_with_params_and_lifetime),
        cmocka_unit_test(test_with_domain),
        cmocka_unit_test(test_blocked_eval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

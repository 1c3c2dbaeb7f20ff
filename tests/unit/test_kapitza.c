/* Kapitza resistance laws (msbridge/kapitza.h). References: the closed forms R = 1/G,
 * sigma_R = sigma_G / G^2 (first-order propagation), Delta T = q R. */
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static void test_resistance(void **state)
{
    (void)state;
    double R = -1, s = -1;
    assert_ok(msb_kapitza_resistance(2.5e8, 5e6, &R, &s));
    assert_close_rel(R, 4e-9, 1e-15);
    assert_close_rel(s, 5e6 / (2.5e8 * 2.5e8), 1e-15);
    assert_ok(msb_kapitza_resistance(2.5e8, 0, &R, NULL));
    R = 7;
    assert_status(msb_kapitza_resistance(0, 1, &R, &s), MSB_EDOM);
    assert_status(msb_kapitza_resistance(-1, 1, &R, &s), MSB_EDOM);
    assert_status(msb_kapitza_resistance(NAN, 1, &R, &s), MSB_ENONFINITE);
    assert_status(msb_kapitza_resistance(1, -1, &R, &s), MSB_EDOM);
    assert_status(msb_kapitza_resistance(1e-320, 0, &R, &s), MSB_ERANGE);
    assert_status(msb_kapitza_resistance(1, 0, NULL, &s), MSB_ENULL);
    assert_true(R == 7);
}

static void test_law(void **state)
{
    (void)state;
    msb_law *law;
    const double G = 3e8, sG = 3e7;
    assert_ok(msb_kapitza_from_conductance(G, sG, &law));
    assert_string_equal(msb_law_input_name(law, 0), "q");
    assert_string_equal(msb_law_output_unit(law, 0), "K");
    assert_string_equal(msb_law_param_name(law, 0), "R_K");
    const double q[4] = {-1e7, 0, 2e6, 5e9};
    double y[4], dy[4], ys[4];
    assert_ok(msb_law_eval(law, 4, q, y, dy));
    for (int i = 0; i < 4; i++) {
        assert_close_rel(y[i], q[i] / G, 1e-15);
        assert_close_rel(dy[i], 1 / G, 1e-15);
    }
    /* uncertainty: |q| sigma_R */
    assert_ok(msb_law_eval_uq(law, 4, q, y, ys));
    for (int i = 0; i < 4; i++) assert_close_rel(ys[i], fabs(q[i]) * sG / (G * G), 1e-12);
    msbt_law_conformance(law, 4, q, (const double[]){1.0});
    msb_law_destroy(law);
    assert_ok(msb_kapitza_create(1e-9, 1e-20, &law));
    msbt_law_conformance(law, 4, q, (const double[]){1.0});
    msb_law_destroy(law);
}

static void test_linear_law(void **state)
{
    (void)state;
    msb_law *law;
    const double cov[4] = {1e-20, -1e-23, -1e-23, 4e-26};
    assert_ok(msb_kapitza_linear_create(3e-9, -2e-12, 300, cov, &law));
    const double x[6] = {1e7, 250, -3e6, 300, 5e8, 800};
    double y[3], dy[6];
    assert_ok(msb_law_eval(law, 3, x, y, dy));
    for (int i = 0; i < 3; i++) {
        const double R = 3e-9 - 2e-12 * (x[2 * i + 1] - 300);
        assert_close_rel(y[i], x[2 * i] * R, 1e-14);
        assert_close_rel(dy[2 * i], R, 1e-14);
        assert_close_rel(dy[2 * i + 1], x[2 * i] * -2e-12, 1e-14);
    }
    msbt_law_conformance(law, 3, x, (const double[]){1.0, 1e-3});
    msb_law_destroy(law);
}

static void test_bad_args(void **state)
{
    (void)state;
    msb_law *law = NULL;
    assert_status(msb_kapitza_create(-1e-9, 0, &law), MSB_EDOM);
    assert_status(msb_kapitza_create(1e-9, -1, &law), MSB_EDOM);
    assert_status(msb_kapitza_create(NAN, 0, &law), MSB_ENONFINITE);
    assert_status(msb_kapitza_create(1e-9, 0, NULL), MSB_ENULL);
    assert_status(msb_kapitza_from_conductance(0, 0, &law), MSB_EDOM);
    assert_status(msb_kapitza_from_conductance(INFINITY, 0, &law), MSB_ENONFINITE);
    assert_status(msb_kapitza_from_conductance(1, -1, &law), MSB_EDOM);
    assert_status(msb_kapitza_linear_create(1e-9, 0, 0, NULL, &law), MSB_EDOM);
    assert_status(msb_kapitza_linear_create(1e-9, NAN, 300, NULL, &law), MSB_ENONFINITE);
    const double badcov[4] = {1, 2, 3, 4};
    assert_status(msb_kapitza_linear_create(1e-9, 0, 300, badcov, &law), MSB_EINVAL);
    assert_status(msb_kapitza_linear_create(1e-9, 0, 300, NULL, NULL), MSB_ENULL);
    assert_null(law);
    assert_true(strlen(msb_last_error_message()) > 0);
}

typedef msb_status (*ctor_fn)(msb_law **out);
static msb_status mk1(msb_law **o) { return msb_kapitza_create(1e-9, 0, o); }
static msb_status mk2(msb_law **o) { return msb_kapitza_from_conductance(1e9, 1e7, o); }
static msb_status mk3(msb_law **o) { return msb_kapitza_linear_create(1e-9, 1e-12, 300, NULL, o); }

static void test_alloc_failures(void **state)
{
    (void)state;
    ctor_fn ctors[] = {mk1, mk2, mk3};
    for (size_t c = 0; c < 3; c++) {
        msbi_test_alloc_fail_at(0);
        msb_law *law = NULL;
        assert_ok(ctors[c](&law));
        msb_law_destroy(law);
        long total = msbi_test_alloc_fail_at(0);
        for (long k = 1; k <= total; k++) {
            msb_law *bad = NULL;
            msbi_test_alloc_fail_at(k);
            assert_status(ctors[c](&bad), MSB_ENOMEM);
            assert_null(bad);
        }
        msbi_test_alloc_fail_at(0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resistance), cmocka_unit_test(test_law),
        cmocka_unit_test(test_linear_law), cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

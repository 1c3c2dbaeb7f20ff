/* Activation-volume law D(T, sigma) = D0 exp(-(Em0 - Omega sigma)/(k_B T)). */
#include "msb_test.h"

static void test_closed_form(void **state)
{
    (void)state;
    const double D0 = 1e-6, Em0 = 0.5 * MSB_EV, Om = 2e-30;
    msb_law *law;
    assert_ok(msb_activation_volume_create(D0, Em0, Om, NULL, &law));
    const double x[4] = {300, 0, 300, 1e9}; /* 1 GPa tension */
    double D[2], d[4];
    assert_ok(msb_law_eval(law, 2, x, D, d));
    assert_close_rel(D[0], D0 * exp(-Em0 / (MSB_K_B * 300)), 4e-15);
    /* 1 GPa x 2e-30 m^3 = 2e-21 J lowers the barrier: ratio exp(2e-21/(kB 300)) */
    assert_close_rel(D[1] / D[0], exp(2e-21 / (MSB_K_B * 300)), 1e-13);
    assert_close_rel(d[3], D[1] * Om / (MSB_K_B * 300), 1e-14);
    assert_int_equal(msb_law_n_inputs(law), 2);
    assert_string_equal(msb_law_input_name(law, 1), "sigma");
    assert_string_equal(msb_law_input_unit(law, 1), "Pa");
    msb_law_destroy(law);
}

static void test_conformance(void **state)
{
    (void)state;
    const double cov[9] = {0.04, 0, 0, 0, pow(0.01 * MSB_EV, 2), 0, 0, 0, pow(0.5e-30, 2)};
    msb_law *law;
    assert_ok(msb_activation_volume_create(1e-7, 0.4 * MSB_EV, 1.5e-30, cov, &law));
    const double x[8] = {300, 0, 350, -2e9, 500, 1e8, 800, 3e9};
    const double step[2] = {1e-3, 1e3};
    msbt_law_conformance(law, 4, x, step);
    msb_law_destroy(law);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    msb_law *law = NULL;
    assert_status(msb_activation_volume_create(-1, 1e-20, 1e-30, NULL, &law), MSB_EDOM);
    assert_status(msb_activation_volume_create(1, NAN, 1e-30, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_activation_volume_create(1, 1e-20, INFINITY, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_activation_volume_create(1, 1e-20, 1e-30, NULL, NULL), MSB_ENULL);
    const double bad[9] = {1, 0, 0, 0, -1, 0, 0, 0, 1};
    assert_status(msb_activation_volume_create(1, 1e-20, 1e-30, bad, &law), MSB_EINVAL);
    assert_null(law);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_form),
        cmocka_unit_test(test_conformance),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

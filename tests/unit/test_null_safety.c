/* Every accessor and destructor of the core API is NULL-safe: a NULL handle gives NULL, 0, the
 * documented default, or MSB_ENULL — never a crash. */
#include "msb_test.h"

static void test_law_accessors(void **state)
{
    (void)state;
    assert_null(msb_law_kind(NULL));
    assert_null(msb_law_reference(NULL));
    assert_int_equal(msb_law_n_inputs(NULL), 0);
    assert_int_equal(msb_law_n_outputs(NULL), 0);
    assert_int_equal(msb_law_n_params(NULL), 0);
    assert_null(msb_law_input_name(NULL, 0));
    assert_null(msb_law_input_unit(NULL, 0));
    assert_null(msb_law_output_name(NULL, 0));
    assert_null(msb_law_output_unit(NULL, 0));
    assert_null(msb_law_param_name(NULL, 0));
    assert_null(msb_law_param_unit(NULL, 0));
    assert_int_equal(msb_law_input_domain(NULL, 0), MSB_DOMAIN_REAL);
    double buf[4];
    assert_status(msb_law_params(NULL, buf), MSB_ENULL);
    assert_status(msb_law_covariance(NULL, buf), MSB_ENULL);
    msb_law *law;
    assert_ok(msb_arrhenius_create(1e-7, 1e-20, NULL, &law));
    assert_status(msb_law_params(law, NULL), MSB_ENULL);
    assert_status(msb_law_covariance(law, NULL), MSB_ENULL);
    double lo, hi;
    assert_status(msb_law_validity(NULL, 0, &lo, &hi), MSB_ENULL);
    assert_status(msb_law_validity(law, 0, NULL, &hi), MSB_ENULL);
    msb_law *out = NULL;
    assert_status(msb_law_with_domain(NULL, &lo, &hi, &out), MSB_ENULL);
    assert_status(msb_law_with_domain(law, &lo, &hi, NULL), MSB_ENULL);
    assert_null(out);
    msb_law_destroy(law);
    msb_law_destroy(NULL);
}

static void test_estimate_accessors(void **state)
{
    (void)state;
    assert_null(msb_estimate_kind(NULL));
    assert_int_equal(msb_estimate_count(NULL), 0);
    assert_null(msb_estimate_name(NULL, 0));
    assert_null(msb_estimate_unit(NULL, 0));
    assert_null(msb_estimate_description(NULL, 0));
    assert_int_equal(msb_estimate_length(NULL, 0), 0);
    double v, s;
    size_t i, len;
    assert_status(msb_estimate_get(NULL, "Ea", &v, &s), MSB_ENULL);
    assert_status(msb_estimate_find(NULL, "Ea", &i), MSB_ENULL);
    assert_status(msb_estimate_values(NULL, 0, 1, &v, &s, &len), MSB_ENULL);
    const double T[3] = {300, 350, 400}, D[3] = {1e-12, 3e-12, 8e-12};
    msb_estimate *e;
    assert_ok(msb_arrhenius_fit(3, T, D, NULL, MSB_SIGMA_RELATIVE, &e, NULL));
    assert_status(msb_estimate_get(e, NULL, &v, &s), MSB_ENULL);
    assert_status(msb_estimate_get(e, "Ea", NULL, &s), MSB_ENULL);
    assert_status(msb_estimate_get(e, "nothing", &v, &s), MSB_EINVAL);
    assert_ok(msb_estimate_get(e, "Ea", &v, NULL));
    msb_estimate_destroy(e);
    msb_estimate_destroy(NULL);
}

static void test_misc(void **state)
{
    (void)state;
    assert_null(msb_units_name(NULL));
    assert_int_equal(msb_last_error_status() >= 0, 1);
    assert_true(msb_gsl_policy() >= MSB_GSL_POLICY_NOT_YET);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_law_accessors),
        cmocka_unit_test(test_estimate_accessors),
        cmocka_unit_test(test_misc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

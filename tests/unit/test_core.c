/* Core: status list, error messages, constants, version, allocation helper, GSL policy. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static void test_status_list_is_contiguous_and_pinned(void **state)
{
    (void)state;
    /* Pinned values: these numbers are ABI and must never change (msbridge/status.h). */
    assert_int_equal(MSB_SUCCESS, 0);
    assert_int_equal(MSB_EINVAL, 1);
    assert_int_equal(MSB_ENULL, 2);
    assert_int_equal(MSB_EDOM, 3);
    assert_int_equal(MSB_ENONFINITE, 4);
    assert_int_equal(MSB_ERANGE, 5);
    assert_int_equal(MSB_ENOMEM, 6);
    assert_int_equal(MSB_ESIZE, 7);
    assert_int_equal(MSB_EBADLAW, 8);
    assert_int_equal(MSB_EIO, 9);
    assert_int_equal(MSB_EFORMAT, 10);
    assert_int_equal(MSB_ETRUNCATED, 11);
    assert_int_equal(MSB_ENOCONV, 12);
    assert_int_equal(MSB_ESINGULAR, 13);
    assert_int_equal(MSB_EINSUFFICIENT, 14);
    assert_int_equal(MSB_ECANCELLED, 15);
    assert_int_equal(MSB_EVERSION, 16);
    assert_int_equal(MSB_EUNITS, 17);
    assert_int_equal(MSB_EINTERNAL, 18);
    assert_true(msb_status_count() >= 19);
    for (int c = 0; c < msb_status_count(); c++) {
        assert_non_null(msb_status_name(c));
        assert_true(strncmp(msb_status_name(c), "MSB_", 4) == 0);
        assert_true(strlen(msb_status_string(c)) > 0);
    }
    assert_null(msb_status_name(-1));
    assert_null(msb_status_name(msb_status_count()));
    assert_string_equal(msb_status_string(9999), "unknown status code");
    assert_string_equal(msb_status_name(MSB_EDOM), "MSB_EDOM");
}

static void test_error_message_names_function_and_value(void **state)
{
    (void)state;
    msb_clear_error();
    assert_string_equal(msb_last_error_message(), "");
    msb_law *law = NULL;
    assert_status(msb_arrhenius_create(-2.0, 1e-20, NULL, &law), MSB_EDOM);
    assert_null(law);
    assert_int_equal(msb_last_error_status(), MSB_EDOM);
    const char *m = msb_last_error_message();
    assert_non_null(strstr(m, "msb_arrhenius_create"));
    assert_non_null(strstr(m, "D0"));
    assert_non_null(strstr(m, "-2"));
}

/* Exact SI-2019 defining constants (BIPM SI Brochure, 9th ed., 2019, Table 1) to every digit,
 * and the derived F = N_A e and R = N_A k_B against their exact decimal products (CODATA 2018
 * lists them as exact: 96 485.332 12... and 8.314 462 618...). */
static void test_constants_exact(void **state)
{
    (void)state;
    assert_true(MSB_K_B == strtod("1.380649e-23", NULL));
    assert_true(MSB_H == strtod("6.62607015e-34", NULL));
    assert_true(MSB_E == strtod("1.602176634e-19", NULL));
    assert_true(MSB_N_A == strtod("6.02214076e23", NULL));
    assert_true(MSB_EV == MSB_E);
    /* 6.02214076e23 * 1.602176634e-19 = 96485.3321233100184 exactly (finite decimal product) */
    assert_true(MSB_F == strtod("96485.3321233100184", NULL));
    /* 6.02214076e23 * 1.380649e-23 = 8.31446261815324 exactly */
    assert_true(MSB_R == strtod("8.31446261815324", NULL));
    /* The double products agree to rounding with the exact values. */
    assert_close_rel(MSB_N_A * MSB_E, MSB_F, 2.3e-16);
    assert_close_rel(MSB_N_A * MSB_K_B, MSB_R, 2.3e-16);
    /* hbar = h / 2pi = 1.054571817646156391...e-34 */
    assert_close_rel(MSB_HBAR, 1.0545718176461563912624e-34, 1.2e-16);
    assert_close_rel(msb_ev_to_j(1.0), 1.602176634e-19, 0);
    assert_close_rel(msb_j_to_ev(msb_ev_to_j(0.37)), 0.37, 2.3e-16);
    assert_close_rel(msb_j_to_j_per_mol(MSB_EV), 96485.3321233100184, 2.3e-16);
    assert_close_rel(msb_j_per_mol_to_j(MSB_R), MSB_K_B, 2.3e-16);
}

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(msb_version_number(), MSB_VERSION_NUMBER);
    assert_int_equal(MSB_VERSION_NUMBER, MSB_VERSION_MAJOR * 10000 + MSB_VERSION_MINOR * 100 +
                                             MSB_VERSION_PATCH);
    assert_string_equal(msb_version_string(), MSB_VERSION_STRING);
}

static void test_alloc_helper(void **state)
{
    (void)state;
    assert_null(msbi_malloc(0));
    assert_null(msbi_alloc_array(SIZE_MAX / 2, 4)); /* overflow */
    assert_null(msbi_calloc(SIZE_MAX / 2, 4));
    size_t r;
    assert_int_equal(msbi_mul_size(SIZE_MAX, 2, &r), 1);
    assert_int_equal(msbi_add_size(SIZE_MAX, 1, &r), 1);
    assert_int_equal(msbi_mul_size(3, 4, &r), 0);
    assert_int_equal(r, 12);
    msbi_test_alloc_fail_at(2);
    void *a = msbi_malloc(8);
    void *b = msbi_malloc(8);
    void *c = msbi_malloc(8);
    assert_non_null(a);
    assert_null(b);
    assert_non_null(c);
    msbi_free(a);
    msbi_free(c);
    msbi_test_alloc_fail_at(0);
}

/* Every constructor, with its k-th allocation failing for each k: MSB_ENOMEM, no handle, no
 * leak (leaks are caught by the sanitizer run). */
typedef msb_status (*ctor_fn)(msb_law **out);
static msb_status make_eyring(msb_law **o) { return msb_tst_eyring_create(1e-19, 1e-23, 1, 1e12, NULL, o); }
static msb_status make_vineyard(msb_law **o)
{
    const double a[3] = {1e13, 2e13, 3e13}, b[2] = {1e13, 2e13};
    return msb_tst_vineyard_create(3, a, 2, b, 1e-19, NULL, o);
}
static msb_status make_arrhenius(msb_law **o) { return msb_arrhenius_create(1e-7, 5e-20, NULL, o); }
static msb_status make_actvol(msb_law **o) { return msb_activation_volume_create(1e-7, 5e-20, 1e-30, NULL, o); }
static msb_status make_fit(msb_law **o)
{
    const double T[3] = {300, 400, 500}, D[3] = {1e-12, 1e-11, 5e-11}, s[3] = {1e-13, 1e-12, 5e-12};
    msb_estimate *e = NULL;
    msb_status st = msb_arrhenius_fit(3, T, D, s, MSB_SIGMA_ABSOLUTE, &e, o);
    if (st == MSB_SUCCESS && e == NULL) st = MSB_EINTERNAL;
    msb_estimate_destroy(e);
    return st;
}
static msb_status make_copy(msb_law **o)
{
    msb_law *base;
    msb_status s = msb_arrhenius_create(1e-7, 5e-20, NULL, &base);
    if (s) return s;
    const double lo = 300, hi = 400;
    s = msb_law_with_domain(base, &lo, &hi, o);
    msb_law_destroy(base);
    return s;
}

static void test_allocation_failure_injection(void **state)
{
    (void)state;
    ctor_fn ctors[] = {make_eyring, make_vineyard, make_arrhenius, make_actvol, make_fit, make_copy};
    for (size_t c = 0; c < sizeof ctors / sizeof ctors[0]; c++) {
        msbi_test_alloc_fail_at(0);
        msb_law *law = NULL;
        assert_ok(ctors[c](&law));
        msb_law_destroy(law);
        long total = msbi_test_alloc_fail_at(0);
        assert_true(total >= 1);
        for (long k = 1; k <= total; k++) {
            msb_law *bad = NULL;
            msbi_test_alloc_fail_at(k);
            msb_status s = ctors[c](&bad);
            msbi_test_alloc_fail_at(0);
            if (s != MSB_ENOMEM) fail_msg("constructor %zu, allocation %ld failing: got %s", c, k, msb_status_name(s));
            assert_null(bad);
        }
    }
}

static void test_gsl_policy(void **state)
{
    (void)state;
    /* This process installed no GSL handler, so the library installs its recording handler on
     * first use and a GSL domain error no longer aborts. */
    msbi_gsl_ensure_policy();
    assert_int_equal(msb_gsl_policy(), MSB_GSL_POLICY_LIBRARY);
    gsl_sf_result r;
    int e = gsl_sf_gamma_e(-1.0, &r); /* pole: GSL_EDOM, which would abort under the default */
    assert_int_equal(e, GSL_EDOM);
    assert_int_equal(msbi_gsl_take_error(), GSL_EDOM);
    assert_int_equal(msbi_gsl_take_error(), 0);
    assert_non_null(strstr(msb_last_error_message(), "GSL"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_list_is_contiguous_and_pinned),
        cmocka_unit_test(test_error_message_names_function_and_value),
        cmocka_unit_test(test_constants_exact),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_alloc_helper),
        cmocka_unit_test(test_allocation_failure_injection),
        cmocka_unit_test(test_gsl_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

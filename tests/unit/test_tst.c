/* Transition-state theory laws against closed forms. */
#include <stdlib.h>
#include <string.h>

#include "msb_test.h"

/* k(300 K) for dG = 0.5 eV, kappa = 1: (k_B T/h) exp(-dG/(k_B T)) evaluated by hand from the
 * exact SI constants with 40-digit arithmetic (mpmath): 24906.81523560058651... 1/s. The
 * library's double evaluation must agree to 1e-12 relative (a handful of roundings in exp of an
 * argument ~19, each ~1e-16 relative, amplified by at most the argument: < 1e-14). */
static void test_eyring_closed_form(void **state)
{
    (void)state;
    msb_law *law;
    assert_ok(msb_tst_eyring_create(0.5 * MSB_EV, 0.0, 1.0, 0.0, NULL, &law));
    double T = 300.0, k;
    assert_ok(msb_law_eval(law, 1, &T, &k, NULL));
    assert_close_rel(k, 24906.81523560058651, 1e-12);
    assert_string_equal(msb_law_kind(law), "tst_eyring");
    assert_string_equal(msb_law_output_unit(law, 0), "1/s");
    msb_law_destroy(law);
}

/* dH = 0.6 eV, dS = 3 k_B, kappa = 0.8, Wigner with nu = 5 THz at 350 K:
 * 0.8 (1 + (h nu/k_B T)^2/24) (k_B T/h) exp(3 - dH/(k_B T)) = 273950.8813283864028... 1/s
 * (mpmath, 40 digits). */
static void test_eyring_entropy_kappa_wigner(void **state)
{
    (void)state;
    msb_law *law;
    assert_ok(msb_tst_eyring_create(0.6 * MSB_EV, 3 * MSB_K_B, 0.8, 5e12, NULL, &law));
    double T = 350.0, k;
    assert_ok(msb_law_eval(law, 1, &T, &k, NULL));
    assert_close_rel(k, 273950.8813283864028, 1e-12);
    /* Wigner is valid above h nu / (2 pi k_B) = 38.2 K: 20 K is flagged, 350 K is not. */
    double lo, hi;
    assert_ok(msb_law_validity(law, 0, &lo, &hi));
    assert_close_rel(lo, MSB_H * 5e12 / (2 * 3.141592653589793 * MSB_K_B), 1e-15);
    double Ts[2] = {20.0, 350.0};
    size_t outside;
    assert_ok(msb_law_count_outside(law, 2, Ts, &outside));
    assert_int_equal(outside, 1);
    msb_law_destroy(law);
}

static void test_eyring_conformance(void **state)
{
    (void)state;
    const double cov[4] = {pow(0.02 * MSB_EV, 2), 0.3 * 0.02 * MSB_EV * 0.5 * MSB_K_B,
                           0.3 * 0.02 * MSB_EV * 0.5 * MSB_K_B, pow(0.5 * MSB_K_B, 2)};
    msb_law *law;
    assert_ok(msb_tst_eyring_create(0.45 * MSB_EV, 1.5 * MSB_K_B, 0.9, 8e12, cov, &law));
    const double T[5] = {150, 250, 300, 400, 900};
    msbt_law_conformance(law, 5, T, NULL);
    /* uq closed form: var(ln k) = var(dH)/(kT)^2 - 2 cov/(kT kB) + var(dS)/kB^2 */
    double k, s;
    double t = 300;
    assert_ok(msb_law_eval_uq(law, 1, &t, &k, &s));
    double kT = MSB_K_B * t;
    double var = cov[0] / (kT * kT) - 2 * cov[1] / (kT * MSB_K_B) + cov[3] / (MSB_K_B * MSB_K_B);
    assert_close_rel(s / k, sqrt(var), 1e-12);
    msb_law_destroy(law);
}

static void test_eyring_bad_arguments(void **state)
{
    (void)state;
    msb_law *law = NULL;
    assert_status(msb_tst_eyring_create(NAN, 0, 1, 0, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_tst_eyring_create(1e-19, INFINITY, 1, 0, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_tst_eyring_create(1e-19, 0, 0, 0, NULL, &law), MSB_EDOM);
    assert_status(msb_tst_eyring_create(1e-19, 0, 1.5, 0, NULL, &law), MSB_EDOM);
    assert_status(msb_tst_eyring_create(1e-19, 0, -1, 0, NULL, &law), MSB_EDOM);
    assert_status(msb_tst_eyring_create(1e-19, 0, 1, -1e12, NULL, &law), MSB_EDOM);
    assert_status(msb_tst_eyring_create(1e-19, 0, 1, 0, NULL, NULL), MSB_ENULL);
    const double asym[4] = {1, 0.5, 0.2, 1};
    assert_status(msb_tst_eyring_create(1e-19, 0, 1, 0, asym, &law), MSB_EINVAL);
    const double negvar[4] = {-1, 0, 0, 1};
    assert_status(msb_tst_eyring_create(1e-19, 0, 1, 0, negvar, &law), MSB_EINVAL);
    const double nanc[4] = {1, NAN, NAN, 1};
    assert_status(msb_tst_eyring_create(1e-19, 0, 1, 0, nanc, &law), MSB_ENONFINITE);
    assert_null(law);
    /* Overflow at tiny T is reported, not returned as Inf. */
    assert_ok(msb_tst_eyring_create(-1.0 * MSB_EV, 0, 1, 0, NULL, &law));
    double T = 1.0, k;
    assert_status(msb_law_eval(law, 1, &T, &k, NULL), MSB_ERANGE);
    msb_law_destroy(law);
}

/* Vineyard's prefactor when the saddle keeps every mode of the minimum but one: the products
 * cancel and nu* is the frequency of the lost mode (Vineyard 1957, the one-dimensional limit). */
static void test_vineyard_separable_closed_form(void **state)
{
    (void)state;
    enum { N = 3000 };
    double *nm = malloc(N * sizeof(double)), *ns = malloc((N - 1) * sizeof(double));
    msbt_rng r;
    msbt_rng_seed(&r, 7);
    for (int i = 0; i < N - 1; i++) nm[i] = ns[i] = 1e12 + 2e13 * msbt_uniform(&r);
    nm[N - 1] = 4.2e12;
    double nu;
    assert_ok(msb_tst_vineyard_prefactor(N, nm, N - 1, ns, &nu));
    /* 3000 products of ~1e13 overflow a double; the sum of logs does not. The cancellation
     * error is ~N eps |ln nu| ~ 3e-11 relative. */
    assert_close_rel(nu, 4.2e12, 1e-10);
    msb_law *law;
    assert_ok(msb_tst_vineyard_create(N, nm, N - 1, ns, 0.3 * MSB_EV, NULL, &law));
    double T = 400, k;
    assert_ok(msb_law_eval(law, 1, &T, &k, NULL));
    assert_close_rel(k, 4.2e12 * exp(-0.3 * MSB_EV / (MSB_K_B * 400)), 1e-10);
    assert_string_equal(msb_law_kind(law), "tst_vineyard");
    msb_law_destroy(law);
    free(nm);
    free(ns);
}

/* Two-mode case: nu* = nu1 nu2 / nu_s, here (5 THz)(8 THz)/(2 THz) = 20 THz. */
static void test_vineyard_small_case(void **state)
{
    (void)state;
    const double nm[2] = {5e12, 8e12}, ns[1] = {2e12};
    double nu;
    assert_ok(msb_tst_vineyard_prefactor(2, nm, 1, ns, &nu));
    /* exp of a sum of logs: rounding ~ |ln nu*| eps = 31 x 1.1e-16 */
    assert_close_rel(nu, 2e13, 5e-15);
    const double one[1] = {7e12};
    assert_ok(msb_tst_vineyard_prefactor(1, one, 0, NULL, &nu));
    assert_close_rel(nu, 7e12, 5e-15);
    msb_law *law;
    const double cov[4] = {0.04, 0, 0, pow(0.01 * MSB_EV, 2)};
    assert_ok(msb_tst_vineyard_create(2, nm, 1, ns, 0.25 * MSB_EV, cov, &law));
    const double T[4] = {200, 300, 500, 1200};
    msbt_law_conformance(law, 4, T, NULL);
    msb_law_destroy(law);
}

static void test_vineyard_bad_arguments(void **state)
{
    (void)state;
    const double nm[2] = {5e12, 8e12}, ns[1] = {2e12}, bad[2] = {5e12, -1};
    double nu;
    msb_law *law = NULL;
    assert_status(msb_tst_vineyard_prefactor(0, nm, 0, ns, &nu), MSB_ESIZE);
    assert_status(msb_tst_vineyard_prefactor(2, nm, 2, ns, &nu), MSB_ESIZE);
    assert_status(msb_tst_vineyard_prefactor(2, NULL, 1, ns, &nu), MSB_ENULL);
    assert_status(msb_tst_vineyard_prefactor(2, nm, 1, NULL, &nu), MSB_ENULL);
    assert_status(msb_tst_vineyard_prefactor(2, bad, 1, ns, &nu), MSB_EDOM);
    assert_non_null(strstr(msb_last_error_message(), "nu_min_Hz[1]"));
    const double nanv[1] = {NAN};
    assert_status(msb_tst_vineyard_prefactor(2, nm, 1, nanv, &nu), MSB_ENONFINITE);
    assert_status(msb_tst_vineyard_create(2, nm, 1, ns, NAN, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_tst_vineyard_create(2, nm, 1, ns, 1e-19, NULL, NULL), MSB_ENULL);
    assert_null(law);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eyring_closed_form),
        cmocka_unit_test(test_eyring_entropy_kappa_wigner),
        cmocka_unit_test(test_eyring_conformance),
        cmocka_unit_test(test_eyring_bad_arguments),
        cmocka_unit_test(test_vineyard_separable_closed_form),
        cmocka_unit_test(test_vineyard_small_case),
        cmocka_unit_test(test_vineyard_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

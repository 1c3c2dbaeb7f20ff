/* Arrhenius law and its weighted least-squares estimator. */
#include <stdlib.h>
#include <string.h>

#include "msb_test.h"

typedef struct fitres {
    double ln_D0, D0, Ea_J, Ea_std_J, chi2, chi2_per_dof, T_min_K, T_max_K, cov[4];
    size_t dof;
} fitres;

/* Read the estimate's entries through the public accessors. */
static void unpack(const msb_estimate *e, fitres *r)
{
    double v, sd;
    size_t i, len;
    assert_string_equal(msb_estimate_kind(e), "arrhenius_fit");
    assert_ok(msb_estimate_get(e, "ln_D0", &r->ln_D0, NULL));
    assert_ok(msb_estimate_get(e, "D0", &r->D0, NULL));
    assert_ok(msb_estimate_get(e, "Ea", &r->Ea_J, &r->Ea_std_J));
    assert_ok(msb_estimate_get(e, "chi2", &r->chi2, &sd));
    assert_true(isnan(sd));
    assert_ok(msb_estimate_get(e, "chi2_per_dof", &r->chi2_per_dof, NULL));
    assert_ok(msb_estimate_get(e, "dof", &v, NULL));
    r->dof = (size_t)v;
    assert_ok(msb_estimate_get(e, "T_min", &r->T_min_K, NULL));
    assert_ok(msb_estimate_get(e, "T_max", &r->T_max_K, NULL));
    assert_ok(msb_estimate_find(e, "cov", &i));
    assert_int_equal(msb_estimate_length(e, i), 4);
    assert_ok(msb_estimate_values(e, i, 4, r->cov, NULL, &len));
    assert_int_equal(len, 4);
}

static void test_law_closed_form(void **state)
{
    (void)state;
    msb_law *law;
    assert_ok(msb_arrhenius_create(2.5e-7, 0.42 * MSB_EV, NULL, &law));
    double T[3] = {250, 300, 400}, D[3], dD[3];
    assert_ok(msb_law_eval(law, 3, T, D, dD));
    for (int i = 0; i < 3; i++) {
        double ref = 2.5e-7 * exp(-0.42 * MSB_EV / (MSB_K_B * T[i]));
        assert_close_rel(D[i], ref, 4e-15);
        assert_close_rel(dD[i], ref * 0.42 * MSB_EV / (MSB_K_B * T[i] * T[i]), 4e-15);
    }
    double p[2];
    assert_ok(msb_law_params(law, p));
    assert_close_rel(p[0], log(2.5e-7), 1e-15);
    assert_string_equal(msb_law_param_name(law, 0), "ln_D0");
    assert_string_equal(msb_law_param_unit(law, 1), "J");
    msb_law_destroy(law);
}

static void test_law_conformance(void **state)
{
    (void)state;
    const double cov[4] = {0.09, -0.6 * 0.3 * 0.03 * MSB_EV, -0.6 * 0.3 * 0.03 * MSB_EV,
                           pow(0.03 * MSB_EV, 2)};
    msb_law *law, *named;
    assert_ok(msb_arrhenius_create(1e-8, 0.3 * MSB_EV, cov, &law));
    const double T[4] = {200, 298.15, 350, 1000};
    msbt_law_conformance(law, 4, T, NULL);
    assert_ok(msb_arrhenius_create_named(1e13, 0.5 * MSB_EV, cov, "k", "1/s", &named));
    assert_string_equal(msb_law_output_name(named, 0), "k");
    assert_string_equal(msb_law_param_name(named, 0), "ln_k0");
    msbt_law_conformance(named, 4, T, NULL);
    /* uq: ln D is linear in (ln D0, Ea), so y_std/y equals the exact sd of ln D:
     * var = c00 - 2 c01 /(kT) + c11/(kT)^2 */
    double t = 330, y, s, kT = MSB_K_B * 330;
    assert_ok(msb_law_eval_uq(law, 1, &t, &y, &s));
    assert_close_rel(s / y, sqrt(cov[0] - 2 * cov[1] / kT + cov[3] / (kT * kT)), 1e-12);
    msb_law_destroy(law);
    msb_law_destroy(named);
}

static void test_law_bad_arguments(void **state)
{
    (void)state;
    msb_law *law = NULL;
    assert_status(msb_arrhenius_create(0, 1e-20, NULL, &law), MSB_EDOM);
    assert_status(msb_arrhenius_create(NAN, 1e-20, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_arrhenius_create(1, -INFINITY, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_arrhenius_create(1, 1e-20, NULL, NULL), MSB_ENULL);
    assert_status(msb_arrhenius_create_named(1, 1e-20, NULL, "", "1/s", &law), MSB_EINVAL);
    assert_status(msb_arrhenius_create_named(1, 1e-20, NULL, "k", NULL, &law), MSB_ENULL);
    assert_status(msb_arrhenius_create_named(1, 1e-20, NULL,
                  "a_name_that_is_far_too_long_for_the_law", "1/s", &law), MSB_EINVAL);
    assert_null(law);
}

/* Noise-free data are reproduced exactly (to rounding). */
static void test_fit_exact_data(void **state)
{
    (void)state;
    const double D0 = 3e-6, Ea = 0.55 * MSB_EV;
    double T[6] = {260, 300, 340, 380, 420, 460}, D[6], s[6];
    for (int i = 0; i < 6; i++) {
        D[i] = D0 * exp(-Ea / (MSB_K_B * T[i]));
        s[i] = 0.05 * D[i];
    }
    fitres r;
    msb_law *law;
    msb_estimate *e;
    assert_ok(msb_arrhenius_fit(6, T, D, s, MSB_SIGMA_ABSOLUTE, &e, &law));
    unpack(e, &r);
    /* accessor edge cases */
    size_t idx, len;
    double buf[2];
    assert_status(msb_estimate_find(e, "no_such_entry", &idx), MSB_EINVAL);
    assert_ok(msb_estimate_find(e, "cov", &idx));
    assert_status(msb_estimate_values(e, idx, 2, buf, NULL, &len), MSB_ESIZE);
    assert_int_equal(len, 4);
    assert_status(msb_estimate_values(e, 999, 2, buf, NULL, &len), MSB_ESIZE);
    assert_null(msb_estimate_name(e, 999));
    assert_int_equal(msb_estimate_count(NULL), 0);
    for (size_t k = 0; k < msb_estimate_count(e); k++) {
        assert_true(strlen(msb_estimate_name(e, k)) > 0);
        assert_true(strlen(msb_estimate_unit(e, k)) > 0);
        assert_true(strlen(msb_estimate_description(e, k)) > 0);
    }
    msb_estimate_destroy(e);
    assert_close_rel(r.Ea_J, Ea, 1e-10);
    assert_close_rel(r.D0, D0, 1e-9);
    assert_true(r.chi2 < 1e-18);
    assert_int_equal(r.dof, 4);
    assert_close_rel(r.T_min_K, 260, 0);
    assert_close_rel(r.T_max_K, 460, 0);
    double lo, hi;
    assert_ok(msb_law_validity(law, 0, &lo, &hi));
    assert_true(lo == 260 && hi == 460);
    double outside_T[3] = {250, 300, 500};
    size_t nout;
    assert_ok(msb_law_count_outside(law, 3, outside_T, &nout));
    assert_int_equal(nout, 2);
    /* Covariance against the closed form of two-parameter weighted least squares
     * (e.g. Bevington & Robinson, Data Reduction and Error Analysis, 3rd ed., eq. 6.21):
     * with u = 1/(kT), w = 1/sigma_lnD^2: Delta = S Suu - Su^2, var(ln D0) = Suu/Delta,
     * var(Ea) = S/Delta, cov = Su/Delta (since ln D = ln D0 - Ea u). */
    double S = 0, Su = 0, Suu = 0;
    for (int i = 0; i < 6; i++) {
        double u = 1 / (MSB_K_B * T[i]), w = 1 / (0.05 * 0.05);
        S += w;
        Su += w * u;
        Suu += w * u * u;
    }
    double Delta = S * Suu - Su * Su;
    assert_close_rel(r.cov[0], Suu / Delta, 1e-8);
    assert_close_rel(r.cov[3], S / Delta, 1e-8);
    assert_close_rel(r.cov[1], Su / Delta, 1e-8);
    assert_close_rel(r.cov[2], r.cov[1], 0);
    msb_law_destroy(law);
}

/* Coverage: 4000 synthetic data sets, 8 temperatures, 10 % log-normal noise with the true
 * sigma given. The fraction of 1-sigma intervals holding the truth is binomial with p = 0.6827:
 * sd = sqrt(p(1-p)/4000) = 0.0074; we accept +-0.025 (3.4 sd). A covariance that were too
 * small by 20 % would give 0.57 and fail. */
static void test_fit_coverage(void **state)
{
    (void)state;
    const double D0 = 1e-7, Ea = 0.35 * MSB_EV, rel = 0.10;
    const int sets = 4000;
    int hit_Ea = 0, hit_lnD0 = 0, hit_pred = 0;
    msbt_rng rng;
    msbt_rng_seed(&rng, 20261124);
    double T[8], D[8], s[8];
    for (int k = 0; k < sets; k++) {
        for (int i = 0; i < 8; i++) {
            T[i] = 250 + 25 * i;
            D[i] = D0 * exp(-Ea / (MSB_K_B * T[i])) * exp(rel * msbt_normal(&rng));
            s[i] = rel * D[i]; /* sd of ln D is rel */
        }
        fitres r;
        msb_law *law;
        msb_estimate *e;
        assert_ok(msb_arrhenius_fit(8, T, D, s, MSB_SIGMA_ABSOLUTE, &e, &law));
        unpack(e, &r);
        msb_estimate_destroy(e);
        if (fabs(r.Ea_J - Ea) <= r.Ea_std_J) hit_Ea++;
        if (fabs(r.ln_D0 - log(D0)) <= sqrt(r.cov[0])) hit_lnD0++;
        double t = 300, y, ys;
        assert_ok(msb_law_eval_uq(law, 1, &t, &y, &ys));
        /* ln D(300 K) is linear in the parameters: y_std / y is its exact sd */
        double truth = D0 * exp(-Ea / (MSB_K_B * t));
        if (fabs(log(y) - log(truth)) <= ys / y) hit_pred++;
        msb_law_destroy(law);
    }
    double fEa = hit_Ea / (double)sets, fD0 = hit_lnD0 / (double)sets, fp = hit_pred / (double)sets;
    if (fabs(fEa - 0.6827) > 0.025 || fabs(fD0 - 0.6827) > 0.025 || fabs(fp - 0.6827) > 0.025)
        fail_msg("coverage Ea %.3f, ln D0 %.3f, prediction %.3f (expected 0.683 +- 0.025)", fEa, fD0, fp);
}

/* Relative mode: with sigma unknown (weights only), chi2/dof rescaling restores coverage. */
static void test_fit_relative_mode_coverage(void **state)
{
    (void)state;
    const double D0 = 1e-7, Ea = 0.35 * MSB_EV, rel = 0.10;
    const int sets = 4000;
    int hit = 0;
    msbt_rng rng;
    msbt_rng_seed(&rng, 99);
    double T[10], D[10];
    for (int k = 0; k < sets; k++) {
        for (int i = 0; i < 10; i++) {
            T[i] = 250 + 25 * i;
            D[i] = D0 * exp(-Ea / (MSB_K_B * T[i])) * exp(rel * msbt_normal(&rng));
        }
        fitres r;
        msb_estimate *e;
        assert_ok(msb_arrhenius_fit(10, T, D, NULL, MSB_SIGMA_RELATIVE, &e, NULL));
        unpack(e, &r);
        msb_estimate_destroy(e);
        if (fabs(r.Ea_J - Ea) <= r.Ea_std_J) hit++;
    }
    /* With 8 dof the estimated-sd interval covers P(|t_8| <= 1) = 0.6534 (Student t). */
    double f = hit / (double)sets;
    if (fabs(f - 0.6534) > 0.025) fail_msg("relative-mode coverage %.3f, expected 0.653", f);
}

static void test_fit_bad_input(void **state)
{
    (void)state;
    double T[3] = {300, 350, 400}, D[3] = {1e-12, 2e-12, 4e-12}, s[3] = {1e-13, 1e-13, 1e-13};
    msb_estimate *r = NULL;
    msb_law *law = NULL;
    assert_status(msb_arrhenius_fit(3, T, D, s, MSB_SIGMA_ABSOLUTE, NULL, NULL), MSB_ENULL);
    assert_status(msb_arrhenius_fit(1, T, D, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_EINSUFFICIENT);
    assert_status(msb_arrhenius_fit(2, T, D, NULL, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_EINSUFFICIENT);
    assert_status(msb_arrhenius_fit(3, NULL, D, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_ENULL);
    assert_status(msb_arrhenius_fit(3, T, D, s, (msb_sigma_mode)7, &r, &law), MSB_EINVAL);
    double Tbad[3] = {300, -350, 400};
    assert_status(msb_arrhenius_fit(3, Tbad, D, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_EDOM);
    assert_non_null(strstr(msb_last_error_message(), "T_K[1]"));
    double Dnan[3] = {1e-12, NAN, 4e-12};
    assert_status(msb_arrhenius_fit(3, T, Dnan, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_ENONFINITE);
    double szero[3] = {1e-13, 0, 1e-13};
    assert_status(msb_arrhenius_fit(3, T, D, szero, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_EDOM);
    double Tsame[3] = {300, 300, 300};
    assert_status(msb_arrhenius_fit(3, Tsame, D, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_ESINGULAR);
    /* Found by fuzzing: absurd temperatures overflow the covariance, absurdly small
     * uncertainties overflow chi2 -> MSB_ERANGE, never Inf in the result. */
    double Thuge[3] = {4.7e226, 5.9e228, 6e228}, Dh[3] = {1e-12, 2e-12, 4e-12};
    assert_status(msb_arrhenius_fit(3, Thuge, Dh, s, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_ERANGE);
    double stiny[3] = {1e-13, 1e-13, 1e-320}, Tz[3] = {300, 350, 400}, Dz[3] = {1e-12, 2e-12, 4e-9};
    assert_status(msb_arrhenius_fit(3, Tz, Dz, stiny, MSB_SIGMA_ABSOLUTE, &r, &law), MSB_ERANGE);
    assert_null(law);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_law_closed_form),
        cmocka_unit_test(test_law_conformance),
        cmocka_unit_test(test_law_bad_arguments),
        cmocka_unit_test(test_fit_exact_data),
        cmocka_unit_test(test_fit_coverage),
        cmocka_unit_test(test_fit_relative_mode_coverage),
        cmocka_unit_test(test_fit_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

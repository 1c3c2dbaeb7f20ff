/* Free-energy law (Redlich-Kister lattice gas) against closed forms; common tangent against the
 * closed-form symmetric regular solution. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static void test_conformance(void **state)
{
    (void)state;
    const double A[3] = {0.12 * MSB_EV, -0.03 * MSB_EV, 0.02 * MSB_EV};
    const double B[3] = {1.0 * MSB_K_B, 0.5 * MSB_K_B, -0.2 * MSB_K_B};
    double cov[49] = {0};
    for (int k = 0; k < 7; k++) cov[k * 8] = pow(0.01 * MSB_EV, 2) * (k < 4 ? 1 : 1e-6);
    cov[1] = cov[7] = 0.3 * 0.01 * MSB_EV * 0.01 * MSB_EV;
    msb_law *law;
    assert_ok(msb_free_energy_rk_create(-0.1 * MSB_EV, 3, A, B, -1.9 * MSB_EV, cov, &law));
    assert_string_equal(msb_law_kind(law), "free_energy_rk");
    assert_string_equal(msb_law_output_name(law, 0), "mu");
    assert_string_equal(msb_law_output_name(law, 1), "Theta");
    assert_string_equal(msb_law_output_name(law, 3), "V");
    const double x[10] = {0.05, 300, 0.3, 450, 0.5, 600, 0.71, 800, 0.97, 1200};
    msbt_law_conformance(law, 5, x, NULL);
    msb_law_destroy(law);
}

/* Ideal lattice gas (m = 0): mu = E0 + kT ln(x/(1-x)), Theta = 1/(1-x), V = -(mu - mu_ref)/e,
 * dV/dT = -(k/e) ln(x/(1-x)) (closed forms). Regular solution A0 = Omega: mu = E0 + kT ln(..) +
 * Omega (1-2x), Theta = 1/(1-x) - 2 Omega x/(kT). Tolerance 1e-13 relative: a few roundings. */
static void test_closed_forms(void **state)
{
    (void)state;
    msb_law *ideal, *reg;
    const double E0 = -0.2 * MSB_EV, mref = -1.9 * MSB_EV, Om = 0.1 * MSB_EV;
    assert_ok(msb_free_energy_rk_create(E0, 0, NULL, NULL, mref, NULL, &ideal));
    assert_ok(msb_free_energy_rk_create(E0, 1, &Om, NULL, mref, NULL, &reg));
    const double pt[2] = {0.3, 350.0}, kT = MSB_K_B * 350.0, l = log(0.3 / 0.7);
    double y[4], d[8];
    assert_ok(msb_law_eval(ideal, 1, pt, y, d));
    assert_close_rel(y[0], E0 + kT * l, 1e-13);
    assert_close_rel(y[1], 1.0 / 0.7, 1e-13);
    assert_close_rel(y[3], -(E0 + kT * l - mref) / MSB_E, 1e-13);
    assert_close_rel(d[7], -(MSB_K_B / MSB_E) * l, 1e-13);
    assert_ok(msb_law_eval(reg, 1, pt, y, d));
    assert_close_rel(y[0], E0 + kT * l + Om * 0.4, 1e-13);
    assert_close_rel(y[1], 1.0 / 0.7 - 2 * Om * 0.3 / kT, 1e-13);
    assert_close_rel(y[2], E0 * 0.3 + kT * (0.3 * log(0.3) + 0.7 * log(0.7)) + Om * 0.21, 1e-13);
    msb_law_destroy(ideal);
    msb_law_destroy(reg);
}

/* Symmetric regular solution with Omega > 2 k_B T: the binodal x_b solves
 * kT ln(x/(1-x)) = Omega (2x - 1), so T(x_b) = Omega (1 - 2 x_b) / (k ln((1-x_b)/x_b)) in closed
 * form. At that T the common tangent must give x_b and 1 - x_b, and its chemical potential
 * mu(0.5) = E0. Newton converges to ~1e-15; the tolerance 1e-10 allows for the conditioning of
 * the tangent equations (they are flat to second order in the gap width). */
static void test_regular_solution_binodals(void **state)
{
    (void)state;
    const double Om = 0.1 * MSB_EV, E0 = -0.15 * MSB_EV;
    const double xs[3] = {0.02, 0.1, 0.3};
    msb_law *law;
    assert_ok(msb_free_energy_rk_create(E0, 1, &Om, NULL, 0.0, NULL, &law));
    for (int t = 0; t < 3; t++) {
        const double xb = xs[t];
        const double T = Om * (1 - 2 * xb) / (MSB_K_B * log((1 - xb) / xb));
        assert_true(Om > 2 * MSB_K_B * T);
        double lo[2], hi[2], mu[2];
        size_t ng;
        assert_ok(msb_free_energy_binodals(law, T, 2, lo, hi, mu, &ng));
        assert_int_equal(ng, 1);
        assert_close_abs(lo[0], xb, 1e-10);
        assert_close_abs(hi[0], 1 - xb, 1e-10);
        assert_close_abs(mu[0], E0, 1e-10 * fabs(E0));
        /* the homogeneous mu at x = 0.5 is the plateau chemical potential */
        double pt[2] = {0.5, T}, y[4];
        assert_ok(msb_law_eval(law, 1, pt, y, NULL));
        assert_close_abs(y[0], mu[0], 1e-10 * fabs(E0));
    }
    /* Above T_c = Omega/(2 k) the free energy is convex: no gap. */
    size_t ng = 9;
    double lo, hi, mu;
    assert_ok(msb_free_energy_binodals(law, 1.05 * Om / (2 * MSB_K_B), 1, &lo, &hi, &mu, &ng));
    assert_int_equal(ng, 0);
    msb_law_destroy(law);
}

/* A mu(x, T) table at three temperatures generated from known parameters (the truth) is fitted
 * back exactly (noise-free; 1e-7 relative allows for the conditioning of the polynomial
 * basis), and an F table gives the same parameters. */
static void test_fit_from_table(void **state)
{
    (void)state;
    const double A[2] = {0.09 * MSB_EV, -0.02 * MSB_EV}, B[2] = {0.8 * MSB_K_B, 0.1 * MSB_K_B};
    const double E0 = -0.12 * MSB_EV;
    msb_law *truth;
    assert_ok(msb_free_energy_rk_create(E0, 2, A, B, 0.0, NULL, &truth));
    enum { N = 60 };
    double x[N], T[N], mu[N], F[N], y[4];
    for (int i = 0; i < N; i++) {
        x[i] = 0.02 + 0.96 * (i % 20) / 19.0;
        T[i] = 250.0 + 150.0 * (i / 20);
        double pt[2] = {x[i], T[i]};
        assert_ok(msb_law_eval(truth, 1, pt, y, NULL));
        mu[i] = y[0];
        F[i] = y[2];
    }
    for (int kind = 0; kind < 2; kind++) {
        msb_estimate *est;
        msb_law *fit;
        assert_ok(msb_free_energy_rk_fit(N, x, T, kind ? F : mu, NULL, (msb_thermo_table)kind,
                                         2, 0.0, &est, &fit));
        double p[5];
        assert_ok(msb_law_params(fit, p));
        assert_close_rel(p[0], E0, 1e-7);
        assert_close_rel(p[1], A[0], 1e-7);
        assert_close_rel(p[2], A[1], 1e-7);
        assert_close_rel(p[3], B[0], 1e-7);
        assert_close_rel(p[4], B[1], 1e-7);
        double v, s;
        assert_ok(msb_estimate_get(est, "rms_residual", &v, &s));
        assert_true(v < 1e-12 * MSB_EV);
        double lo, hi;
        assert_ok(msb_law_validity(fit, 1, &lo, &hi));
        assert_true(lo == 250.0 && hi == 550.0);
        msb_estimate_destroy(est);
        msb_law_destroy(fit);
    }
    /* One temperature: B is not fitted (0). */
    msb_law *one;
    assert_ok(msb_free_energy_rk_fit(20, x, T, mu, NULL, MSB_TABLE_MU, 2, 0.0, NULL, &one));
    double p[5];
    assert_ok(msb_law_params(one, p));
    assert_true(p[3] == 0.0 && p[4] == 0.0);
    msb_law_destroy(one);
    msb_law_destroy(truth);
}

/* Coverage of the fit's standard uncertainties on synthetic data with known truth: mu tables at
 * two temperatures with Gaussian noise of known sigma (passed to the fit). The 1-sigma interval
 * of A0 and of B0 must hold the truth in 68.27 % of 400 trials; binomial sd sqrt(p(1-p)/400) =
 * 0.023, tolerance 3 sd = 0.07. (Model linear in the parameters: the intervals are exact.) */
static void test_fit_coverage(void **state)
{
    (void)state;
    const double A[2] = {0.09 * MSB_EV, -0.02 * MSB_EV}, B[2] = {0.8 * MSB_K_B, 0.1 * MSB_K_B};
    const double E0 = -0.12 * MSB_EV, sig = 2e-3 * MSB_EV;
    msb_law *truth;
    assert_ok(msb_free_energy_rk_create(E0, 2, A, B, 0.0, NULL, &truth));
    enum { N = 30, TRIALS = 400 };
    double x[N], T[N], mu0[N], mu[N], sg[N], y[4];
    for (int i = 0; i < N; i++) {
        x[i] = 0.05 + 0.9 * (i % 15) / 14.0;
        T[i] = i < 15 ? 300.0 : 500.0;
        double pt[2] = {x[i], T[i]};
        assert_ok(msb_law_eval(truth, 1, pt, y, NULL));
        mu0[i] = y[0];
        sg[i] = sig;
    }
    msbt_rng rng;
    msbt_rng_seed(&rng, 20261124);
    int hitA = 0, hitB = 0;
    for (int t = 0; t < TRIALS; t++) {
        for (int i = 0; i < N; i++) mu[i] = mu0[i] + sig * msbt_normal(&rng);
        msb_estimate *est;
        assert_ok(msb_free_energy_rk_fit(N, x, T, mu, sg, MSB_TABLE_MU, 2, 0.0, &est, NULL));
        double v[2], s[2];
        size_t len, idx;
        assert_ok(msb_estimate_find(est, "A", &idx));
        assert_ok(msb_estimate_values(est, idx, 2, v, s, &len));
        hitA += fabs(v[0] - A[0]) <= s[0];
        assert_ok(msb_estimate_find(est, "B", &idx));
        assert_ok(msb_estimate_values(est, idx, 2, v, s, &len));
        hitB += fabs(v[0] - B[0]) <= s[0];
        msb_estimate_destroy(est);
    }
    assert_close_abs(hitA / (double)TRIALS, 0.6827, 0.07);
    assert_close_abs(hitB / (double)TRIALS, 0.6827, 0.07);
    msb_law_destroy(truth);
}

static void test_bad_input(void **state)
{
    (void)state;
    msb_law *law = (msb_law *)0x1;
    const double A[1] = {NAN};
    assert_status(msb_free_energy_rk_create(0, 1, A, NULL, 0, NULL, &law), MSB_ENONFINITE);
    assert_true(law == (msb_law *)0x1 && msb_last_error_message()[0] != '\0');
    assert_status(msb_free_energy_rk_create(0, 1, NULL, NULL, 0, NULL, &law), MSB_ENULL);
    assert_status(msb_free_energy_rk_create(0, 17, A, NULL, 0, NULL, &law), MSB_ESIZE);
    assert_status(msb_free_energy_rk_create(0, 0, NULL, NULL, INFINITY, NULL, &law),
                  MSB_ENONFINITE);
    double x[3] = {0.2, 0.5, 1.0}, T[3] = {300, 300, 300}, v[3] = {0, 0, 0};
    assert_status(msb_free_energy_rk_fit(3, x, T, v, NULL, MSB_TABLE_MU, 1, 0, NULL, &law),
                  MSB_EDOM);
    x[2] = 0.7;
    assert_status(msb_free_energy_rk_fit(2, x, T, v, NULL, MSB_TABLE_MU, 1, 0, NULL, &law),
                  MSB_EINSUFFICIENT);
    v[1] = NAN;
    assert_status(msb_free_energy_rk_fit(3, x, T, v, NULL, MSB_TABLE_MU, 1, 0, NULL, &law),
                  MSB_ENONFINITE);
    assert_true(law == (msb_law *)0x1);
    msb_law *arr;
    assert_ok(msb_arrhenius_create(1.0, 0.1 * MSB_EV, NULL, &arr));
    double lo, hi, mu;
    size_t ng;
    assert_status(msb_free_energy_binodals(arr, 300, 1, &lo, &hi, &mu, &ng), MSB_EBADLAW);
    msb_law_destroy(arr);
    msb_law *reg;
    const double Om = 0.1 * MSB_EV;
    assert_ok(msb_free_energy_rk_create(0, 1, &Om, NULL, 0, NULL, &reg));
    assert_status(msb_free_energy_binodals(reg, -1, 1, &lo, &hi, &mu, &ng), MSB_EDOM);
    assert_status(msb_free_energy_binodals(reg, 300, 0, NULL, NULL, NULL, &ng), MSB_ESIZE);
    assert_int_equal(ng, 1);
    msb_law_destroy(reg);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const double Om = 0.1 * MSB_EV;
    for (long k = 1; k < 20; k++) {
        msb_law *law = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_free_energy_rk_create(0, 1, &Om, NULL, 0, NULL, &law);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_law_destroy(law);
            break;
        }
        assert_int_equal(s, MSB_ENOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conformance),
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_regular_solution_binodals),
        cmocka_unit_test(test_fit_from_table),
        cmocka_unit_test(test_fit_coverage),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Uncertainty propagation: Monte Carlo against first order on laws linear in their parameters
 * (where the delta method is exact), against the closed-form log-normal moments of an Arrhenius
 * law, composition by the chain rule (conformance suite), validity-domain inflation, seeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laws/law_internal.h"
#include "msb_test.h"
#include "numerics/rng.h"

/* y = p0 + p1 x: linear in the parameters, so first order is exact. */
static msb_status lin_eval(const msb_law *law, const double *p, size_t n, const double *x,
                           double *y, double *dydx, double *dydp)
{
    (void)law;
    for (size_t i = 0; i < n; i++) {
        if (y) y[i] = p[0] + p[1] * x[i];
        if (dydx) dydx[i] = p[1];
        if (dydp) {
            dydp[2 * i] = 1.0;
            dydp[2 * i + 1] = x[i];
        }
    }
    return MSB_SUCCESS;
}
static const msbi_law_class lin_class = {.kind = "test_linear", .eval = lin_eval};

static msb_law *linear_law(double a, double b, const double *cov, const char *in_name,
                           const char *in_unit, const char *out_name, const char *out_unit)
{
    msbi_var in = {"", "", MSB_DOMAIN_REAL}, out = {"", "", MSB_DOMAIN_REAL};
    snprintf(in.name, sizeof in.name, "%s", in_name);
    snprintf(in.unit, sizeof in.unit, "%s", in_unit);
    snprintf(out.name, sizeof out.name, "%s", out_name);
    snprintf(out.unit, sizeof out.unit, "%s", out_unit);
    const msbi_var par[2] = {{"a", "1", MSB_DOMAIN_REAL}, {"b", "1", MSB_DOMAIN_REAL}};
    const double p[2] = {a, b};
    const msbi_law_spec spec = {&lin_class, NULL, "test", 1, 1, 2, &in, &out, par, p, cov};
    msb_law *law;
    assert_ok(msbi_law_create("test", &spec, &law));
    return law;
}

/* Monte Carlo mean and sd vs exact first order on a linear law with correlated parameters.
 * Tolerances: the sample mean has sd sigma/sqrt(N); the sample sd has relative sd
 * ~1/sqrt(2(N-1)) for normal outputs; we allow 5 of each (a false failure rate < 1e-6). */
static void test_mc_vs_first_order_linear(void **state)
{
    (void)state;
    const double cov[4] = {0.04, -0.018, -0.018, 0.0225}; /* sd 0.2, 0.15, rho = -0.6 */
    msb_law *law = linear_law(1.5, -0.7, cov, "x", "1", "y", "1");
    const double x[4] = {-2.0, 0.0, 0.5, 3.0};
    const size_t N = 20000;
    double y[4], s[4], m[4], sd[4];
    assert_ok(msb_law_eval_uq(law, 4, x, y, s));
    assert_ok(msb_propagate_mc(law, 4, x, N, 12345, m, sd, NULL));
    for (int i = 0; i < 4; i++) {
        double exact = sqrt(0.04 + 2 * -0.018 * x[i] + 0.0225 * x[i] * x[i]);
        assert_close_rel(s[i], exact, 1e-14);
        assert_close_abs(m[i], y[i], 5 * exact / sqrt((double)N));
        assert_close_abs(sd[i], exact, 5 * exact / sqrt(2.0 * (N - 1)));
    }
    /* same seed: bitwise the same; another seed: different */
    double m2[4], sd2[4];
    assert_ok(msb_propagate_mc(law, 4, x, N, 12345, m2, sd2, NULL));
    assert_memory_equal(m, m2, sizeof m);
    assert_memory_equal(sd, sd2, sizeof sd);
    assert_ok(msb_propagate_mc(law, 4, x, N, 54321, m2, sd2, NULL));
    assert_true(memcmp(m, m2, sizeof m) != 0);
    /* samples: their mean is the reported mean */
    double *smp = malloc(100 * 4 * sizeof(double));
    assert_ok(msb_propagate_mc(law, 4, x, 100, 7, m, NULL, smp));
    double acc = 0;
    for (int k = 0; k < 100; k++) acc += smp[k * 4 + 3];
    assert_close_rel(acc / 100, m[3], 1e-12);
    free(smp);
    msb_law_destroy(law);
}

/* Arrhenius: ln D is normal with mean lnD0 - Ea/(kB T) and variance g^T C g, g = (1, -1/(kB T)),
 * so D is log-normal: E[D] = exp(mu + s^2/2), sd[D] = E[D] sqrt(exp(s^2) - 1) (exact). */
static void test_mc_lognormal_arrhenius(void **state)
{
    (void)state;
    const double e = MSB_EV, sl = 0.3, se = 0.02 * e, rho = 0.8;
    const double cov[4] = {sl * sl, rho * sl * se, rho * sl * se, se * se};
    msb_law *law;
    assert_ok(msb_arrhenius_create(1e-7, 0.5 * e, cov, &law));
    const double T[2] = {300, 900};
    const size_t N = 40000;
    double m[2], sd[2];
    assert_ok(msb_propagate_mc(law, 2, T, N, 2024, m, sd, NULL));
    for (int i = 0; i < 2; i++) {
        double g1 = -1.0 / (MSB_K_B * T[i]);
        double mu = log(1e-7) + g1 * 0.5 * e;
        double s2 = sl * sl + 2 * g1 * rho * sl * se + g1 * g1 * se * se;
        double Em = exp(mu + s2 / 2), Sd = Em * sqrt(exp(s2) - 1);
        assert_close_abs(m[i], Em, 5 * Sd / sqrt((double)N));
        /* sd of a log-normal sample sd: use 5 x the normal-theory value inflated by the
         * kurtosis factor sqrt((kurt - 1)/4) with kurt of the log-normal (<= 3.6 here) */
        double w = exp(s2), kurt = w * w * w * w + 2 * w * w * w + 3 * w * w - 3;
        assert_close_abs(sd[i], Sd, 5 * Sd * sqrt((kurt + 2) / (4.0 * N)));
    }
    msb_law_destroy(law);
}

/* A composed chain: sigma(T) = Arrhenius (output named "sigma", unit "Pa") feeding the stress
 * input of the activation-volume law D(T, sigma): D(T) = D0 exp(-(Em0 - Omega sigma(T))/kBT). */
static void test_compose_chain(void **state)
{
    (void)state;
    const double e = MSB_EV;
    const double ci[4] = {0.01, 0, 0, pow(0.01 * e, 2)};
    const double co[9] = {0.04, 0, 0, 0, pow(0.02 * e, 2), 0, 0, 0, 1e-62};
    msb_law *inner, *outer, *chain;
    assert_ok(msb_arrhenius_create_named(3e9, 0.05 * e, ci, "sigma", "Pa", &inner));
    assert_ok(msb_activation_volume_create(1e-7, 0.6 * e, 2e-30, co, &outer));
    assert_ok(msb_law_compose(outer, 1, inner, 0, &chain));
    assert_int_equal(msb_law_n_inputs(chain), 1); /* T shared */
    assert_int_equal(msb_law_n_params(chain), 5);
    assert_string_equal(msb_law_kind(chain), "composed");
    assert_string_equal(msb_law_param_name(chain, 0), "ln_sigma0");
    assert_string_equal(msb_law_param_name(chain, 2), "ln_D0");
    /* destroy the parts first: the chain keeps references */
    msb_law_destroy(inner);
    msb_law_destroy(outer);
    const double T[4] = {300, 450, 700, 1000};
    double D[4];
    assert_ok(msb_law_eval(chain, 4, T, D, NULL));
    for (int i = 0; i < 4; i++) {
        double sig = 3e9 * exp(-0.05 * e / (MSB_K_B * T[i]));
        double ref = 1e-7 * exp(-(0.6 * e - 2e-30 * sig) / (MSB_K_B * T[i]));
        assert_close_rel(D[i], ref, 1e-13);
    }
    msbt_law_conformance(chain, 4, T, NULL);
    /* block-diagonal covariance */
    double C[25];
    assert_ok(msb_law_covariance(chain, C));
    assert_true(C[0 * 5 + 0] == 0.01 && C[2 * 5 + 2] == 0.04 && C[0 * 5 + 2] == 0.0);
    /* first order vs Monte Carlo on the chain with the covariance scaled by 1e-2 (relative sd
     * of D <= 0.08 -> nearly linear): the log-normal skew shifts MC's mean by ~s^2/2 < 0.4 %
     * and its sd by ~s^2 < 1 %, the sampling error is < 0.6 % (5 sigma): 2 % */
    double P[5], y[4], s[4], m[4], sd[4];
    assert_ok(msb_law_params(chain, P));
    for (int k = 0; k < 25; k++) C[k] *= 1e-2;
    msb_law *small;
    assert_ok(msb_law_with_params(chain, P, C, &small));
    assert_ok(msb_law_eval_uq(small, 4, T, y, s));
    assert_ok(msb_propagate_mc(small, 4, T, 20000, 99, m, sd, NULL));
    for (int i = 0; i < 4; i++) {
        assert_true(s[i] / y[i] < 0.09);
        assert_close_rel(m[i], y[i], 0.02);
        assert_close_rel(sd[i], s[i], 0.02);
    }
    msb_law_destroy(small);
    assert_true(strlen(msb_law_reference(chain)) > 0);
    char *txt;
    assert_status(msb_card_to_string(chain, 0, NULL, NULL, NULL, &txt), MSB_EBADLAW);
    msb_law_destroy(chain);
}

/* Two linear laws composed: y = a2 + b2 (a1 + b1 x) with only a1, a2 uncertain is linear in the
 * uncertain parameters: MC and first order must agree within sampling error. */
static void test_compose_linear_mc(void **state)
{
    (void)state;
    const double c1[4] = {0.09, 0, 0, 0}, c2[4] = {0.16, 0, 0, 0};
    msb_law *in1 = linear_law(1.0, 2.0, c1, "x", "m", "u", "K");
    msb_law *in2 = linear_law(-3.0, 0.5, c2, "u", "K", "y", "1");
    msb_law *ch;
    assert_ok(msb_law_compose(in2, 0, in1, 0, &ch));
    const double x[3] = {-1, 0, 2};
    double y[3], s[3], m[3], sd[3];
    const size_t N = 20000;
    assert_ok(msb_law_eval_uq(ch, 3, x, y, s));
    assert_ok(msb_propagate_mc(ch, 3, x, N, 5, m, sd, NULL));
    double exact = sqrt(0.25 * 0.09 + 0.16); /* b2^2 var(a1) + var(a2) */
    for (int i = 0; i < 3; i++) {
        assert_close_rel(y[i], -3.0 + 0.5 * (1.0 + 2.0 * x[i]), 1e-15);
        assert_close_rel(s[i], exact, 1e-14);
        assert_close_abs(m[i], y[i], 5 * exact / sqrt((double)N));
        assert_close_abs(sd[i], exact, 5 * exact / sqrt(2.0 * (N - 1)));
    }
    msbt_law_conformance(ch, 3, x, NULL);
    msb_law_destroy(ch);
    /* bad compositions */
    assert_status(msb_law_compose(in1, 0, in1, 0, &ch), MSB_EUNITS); /* K into m */
    assert_non_null(strstr(msb_last_error_message(), "'K'"));
    assert_status(msb_law_compose(in2, 1, in1, 0, &ch), MSB_ESIZE);
    assert_status(msb_law_compose(in2, 0, in1, 3, &ch), MSB_ESIZE);
    assert_status(msb_law_compose(NULL, 0, in1, 0, &ch), MSB_ENULL);
    for (long k = 1; k < 50; k++) {
        msb_law *o = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_law_compose(in2, 0, in1, 0, &o);
        long made = msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            assert_true(made < k);
            msb_law_destroy(o);
            break;
        }
        assert_status(st, MSB_ENOMEM);
        assert_null(o);
    }
    msb_law_destroy(in1);
    msb_law_destroy(in2);
}

/* Inner output outside the outer law's hard domain -> MSB_EDOM at evaluation. */
static void test_compose_domain(void **state)
{
    (void)state;
    msb_law *in1 = linear_law(-500.0, 1.0, NULL, "x", "1", "T", "K");
    msb_law *arr, *ch;
    assert_ok(msb_arrhenius_create(1e-7, 0.3 * MSB_EV, NULL, &arr));
    assert_ok(msb_law_compose(arr, 0, in1, 0, &ch));
    double x[2] = {900, 100}, y[2] = {-1, -1};
    assert_status(msb_law_eval(ch, 2, x, y, NULL), MSB_EDOM);
    assert_non_null(strstr(msb_last_error_message(), "point 1"));
    msb_law_destroy(ch);
    msb_law_destroy(arr);
    msb_law_destroy(in1);
}

/* Validity inflation: y_std' = hypot(y_std, f |y(x) - y(x_clamped)|) outside, unchanged inside. */
static void test_validity_inflation(void **state)
{
    (void)state;
    const double cov[4] = {0.04, 0, 0, pow(0.01 * MSB_EV, 2)};
    msb_law *law, *dom;
    assert_ok(msb_arrhenius_create(1e-7, 0.4 * MSB_EV, cov, &law));
    const double lo = 300, hi = 600;
    assert_ok(msb_law_with_domain(law, &lo, &hi, &dom));
    const double T[4] = {250, 400, 600, 800};
    double y[4], s[4], y0[4], s0[4];
    size_t nout = 99;
    assert_ok(msb_law_eval_uq(dom, 4, T, y0, s0));
    assert_ok(msb_law_eval_uq_validity(dom, 0.0, 4, T, y, s, &nout));
    assert_int_equal(nout, 2);
    assert_memory_equal(s, s0, sizeof s);
    assert_ok(msb_law_eval_uq_validity(dom, 0.5, 4, T, y, s, &nout));
    assert_memory_equal(y, y0, sizeof y);
    assert_true(s[1] == s0[1] && s[2] == s0[2]);
    double D300 = 1e-7 * exp(-0.4 * MSB_EV / (MSB_K_B * 300));
    double D600 = 1e-7 * exp(-0.4 * MSB_EV / (MSB_K_B * 600));
    assert_close_rel(s[0], hypot(s0[0], 0.5 * fabs(y0[0] - D300)), 1e-12);
    assert_close_rel(s[3], hypot(s0[3], 0.5 * fabs(y0[3] - D600)), 1e-12);
    assert_true(s[3] > s0[3]);
    assert_status(msb_law_eval_uq_validity(dom, -1.0, 4, T, y, s, NULL), MSB_EINVAL);
    assert_status(msb_law_eval_uq_validity(dom, NAN, 4, T, y, s, NULL), MSB_EINVAL);
    assert_status(msb_law_eval_uq_validity(NULL, 1.0, 4, T, y, s, NULL), MSB_ENULL);
    msb_law_destroy(dom);
    msb_law_destroy(law);
}

static void test_mc_bad_input(void **state)
{
    (void)state;
    const double bad_cov[4] = {1.0, 2.0, 2.0, 1.0}; /* symmetric, indefinite */
    msb_law *law = linear_law(0, 1, bad_cov, "x", "1", "y", "1");
    double x[2] = {1, 2}, m[2] = {-7, -7}, sd[2] = {-7, -7};
    assert_status(msb_propagate_mc(law, 2, x, 100, 1, m, sd, NULL), MSB_EINVAL);
    assert_true(m[0] == -7 && sd[1] == -7);
    msb_law_destroy(law);
    msb_law *arr;
    assert_ok(msb_arrhenius_create(1e-7, 0.3 * MSB_EV, NULL, &arr));
    double T[2] = {300, NAN};
    assert_status(msb_propagate_mc(arr, 2, T, 100, 1, m, sd, NULL), MSB_ENONFINITE);
    T[1] = -5;
    assert_status(msb_propagate_mc(arr, 2, T, 100, 1, m, sd, NULL), MSB_EDOM);
    T[1] = 400;
    assert_status(msb_propagate_mc(arr, 2, T, 1, 1, m, sd, NULL), MSB_ESIZE);
    assert_status(msb_propagate_mc(NULL, 2, T, 10, 1, m, sd, NULL), MSB_ENULL);
    assert_status(msb_propagate_mc(arr, 2, NULL, 10, 1, m, sd, NULL), MSB_ENULL);
    assert_true(m[0] == -7 && sd[1] == -7);
    /* zero covariance: every sample equals the nominal value, sd 0 */
    assert_ok(msb_propagate_mc(arr, 2, T, 10, 1, m, sd, NULL));
    assert_true(sd[0] == 0 && sd[1] == 0);
    for (long k = 1; k < 20; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_propagate_mc(arr, 2, T, 10, 1, m, sd, NULL);
        long made = msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            assert_true(made < k);
            break;
        }
        assert_status(st, MSB_ENOMEM);
    }
    msb_law_destroy(arr);
}

/* The library's stream: moments of the normals, jump gives a different stream, seeding is
 * deterministic. 1e5 draws: mean sd 3.2e-3, variance sd 4.5e-3 -> 5 sigma bounds. */
static void test_rng(void **state)
{
    (void)state;
    msbi_rng a, b;
    msbi_rng_seed(&a, 42);
    msbi_rng_seed(&b, 42);
    assert_true(msbi_rng_next(&a) == msbi_rng_next(&b));
    msbi_rng_jump(&b);
    assert_true(msbi_rng_next(&a) != msbi_rng_next(&b));
    double s1 = 0, s2 = 0;
    const int N = 100000;
    for (int i = 0; i < N; i++) {
        double z = msbi_rng_normal(&a);
        s1 += z;
        s2 += z * z;
    }
    assert_close_abs(s1 / N, 0.0, 5 * 1.0 / sqrt(N));
    assert_close_abs(s2 / N, 1.0, 5 * sqrt(2.0 / N));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mc_vs_first_order_linear),
        cmocka_unit_test(test_mc_lognormal_arrhenius),
        cmocka_unit_test(test_compose_chain),
        cmocka_unit_test(test_compose_linear_mc),
        cmocka_unit_test(test_compose_domain),
        cmocka_unit_test(test_validity_inflation),
        cmocka_unit_test(test_mc_bad_input),
        cmocka_unit_test(test_rng),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

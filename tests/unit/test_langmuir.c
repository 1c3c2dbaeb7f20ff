/* Langmuir isotherms against closed forms; K from rates equals K from dG (detailed balance). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static const double P0 = 1e5;

static void test_conformance(void **state)
{
    (void)state;
    const double cov[4] = {pow(0.02 * MSB_EV, 2), 0, 0, pow(1.0 * MSB_K_B, 2)};
    const double pts[10] = {10, 300, 1e3, 400, 1e5, 500, 3e6, 600, 2e4, 900};
    for (int dis = 0; dis < 2; dis++) {
        msb_law *law;
        assert_ok(msb_langmuir_create(-0.5 * MSB_EV, -8 * MSB_K_B, P0, dis, cov, &law));
        msbt_law_conformance(law, 5, pts, NULL);
        msb_law_destroy(law);
    }
    const double dH[3] = {-0.4 * MSB_EV, -0.6 * MSB_EV, -0.3 * MSB_EV};
    const double dS[3] = {-10 * MSB_K_B, -12 * MSB_K_B, -7 * MSB_K_B};
    msb_law *comp;
    assert_ok(msb_langmuir_competitive_create(3, dH, dS, P0, NULL, &comp));
    assert_string_equal(msb_law_input_name(comp, 3), "T");
    assert_string_equal(msb_law_output_name(comp, 1), "theta_2");
    const double cp[12] = {1e3, 2e3, 5e4, 400, 10, 1e5, 3e2, 600, 1e6, 1e4, 1e2, 800};
    msbt_law_conformance(comp, 3, cp, NULL);
    msb_law_destroy(comp);
    msb_law *ka, *kd, *lr;
    assert_ok(msb_tst_eyring_create(0.1 * MSB_EV, -5 * MSB_K_B, 1.0, 0.0, cov, &ka));
    assert_ok(msb_tst_eyring_create(0.7 * MSB_EV, 3 * MSB_K_B, 1.0, 0.0, cov, &kd));
    assert_ok(msb_langmuir_from_rates_create(ka, kd, P0, 0, &lr));
    msb_law_destroy(ka); /* the composed law holds its own references */
    msb_law_destroy(kd);
    msbt_law_conformance(lr, 5, pts, NULL);
    msb_law_destroy(lr);
}

/* theta = KP/(1+KP), K = exp(-(dH - T dS)/kT)/P0; dissociative sqrt(KP)/(1+sqrt(KP));
 * competitive K_i P_i/(1 + sum K_j P_j). Closed forms evaluated here; 1e-14 relative (a few
 * roundings of exp with arguments ~10). Also theta(P = 0) = 0 with slope K. */
static void test_closed_forms(void **state)
{
    (void)state;
    const double dH = -0.45 * MSB_EV, dS = -9 * MSB_K_B, T = 450, P = 2500;
    const double K = exp(-(dH - T * dS) / (MSB_K_B * T)) / P0;
    msb_law *s, *d;
    assert_ok(msb_langmuir_create(dH, dS, P0, 0, NULL, &s));
    assert_ok(msb_langmuir_create(dH, dS, P0, 1, NULL, &d));
    double pt[2] = {P, T}, th, g[2];
    assert_ok(msb_law_eval(s, 1, pt, &th, g));
    assert_close_rel(th, K * P / (1 + K * P), 1e-14);
    assert_ok(msb_law_eval(d, 1, pt, &th, NULL));
    assert_close_rel(th, sqrt(K * P) / (1 + sqrt(K * P)), 1e-14);
    pt[0] = 0;
    assert_ok(msb_law_eval(s, 1, pt, &th, g));
    assert_true(th == 0.0);
    assert_close_rel(g[0], K, 1e-14);
    double dHc[2] = {dH, -0.3 * MSB_EV}, dSc[2] = {dS, -6 * MSB_K_B}, x[3] = {P, 4e4, T}, tc[2];
    msb_law *c;
    assert_ok(msb_langmuir_competitive_create(2, dHc, dSc, P0, NULL, &c));
    assert_ok(msb_law_eval(c, 1, x, tc, NULL));
    const double K2 = exp(-(dHc[1] - T * dSc[1]) / (MSB_K_B * T)) / P0;
    assert_close_rel(tc[0], K * P / (1 + K * P + K2 * 4e4), 1e-14);
    assert_close_rel(tc[1], K2 * 4e4 / (1 + K * P + K2 * 4e4), 1e-14);
    /* inverse: P(theta) closed form and round trip */
    double thq[2] = {0.25, 0.8}, Tq[2] = {T, T}, Pq[2];
    assert_ok(msb_langmuir_pressure(s, 2, thq, Tq, Pq));
    assert_close_rel(Pq[0], (0.25 / 0.75) / K, 1e-14);
    assert_ok(msb_langmuir_pressure(d, 2, thq, Tq, Pq));
    assert_close_rel(Pq[1], 16.0 / K, 1e-13);
    double back[2 * 2] = {Pq[0], T, Pq[1], T}, tb[2];
    assert_ok(msb_law_eval(d, 2, back, tb, NULL));
    assert_close_rel(tb[0], 0.25, 1e-14);
    assert_close_rel(tb[1], 0.8, 1e-14);
    msb_law_destroy(s);
    msb_law_destroy(d);
    msb_law_destroy(c);
}

/* Detailed balance: with Eyring k_ads (dH_a, dS_a) at P0 and k_des (dH_d, dS_d), K = k_a/(k_d P0)
 * = exp(-(dH - T dS)/kT)/P0 with dH = dH_a - dH_d, dS = dS_a - dS_d (the k_B T/h prefactors
 * cancel). Both routes must agree to rounding (1e-13) at every T, including dtheta/dT. */
static void test_rates_equal_thermo(void **state)
{
    (void)state;
    const double dHa = 0.12 * MSB_EV, dSa = -6 * MSB_K_B, dHd = 0.85 * MSB_EV, dSd = 2 * MSB_K_B;
    msb_law *ka, *kd, *lr, *lt;
    assert_ok(msb_tst_eyring_create(dHa, dSa, 1.0, 0.0, NULL, &ka));
    assert_ok(msb_tst_eyring_create(dHd, dSd, 1.0, 0.0, NULL, &kd));
    for (int dis = 0; dis < 2; dis++) {
        assert_ok(msb_langmuir_from_rates_create(ka, kd, P0, dis, &lr));
        assert_ok(msb_langmuir_create(dHa - dHd, dSa - dSd, P0, dis, NULL, &lt));
        const double pts[8] = {1.0, 300, 1e3, 500, 1e5, 700, 1e7, 1000};
        double y1[4], y2[4], g1[8], g2[8];
        assert_ok(msb_law_eval(lr, 4, pts, y1, g1));
        assert_ok(msb_law_eval(lt, 4, pts, y2, g2));
        for (int i = 0; i < 4; i++) {
            assert_close_rel(y1[i], y2[i], 1e-13);
            assert_close_rel(g1[2 * i + 1], g2[2 * i + 1], 1e-12);
        }
        double th = 0.5, T = 600, Pr, Pt;
        assert_ok(msb_langmuir_pressure(lr, 1, &th, &T, &Pr));
        assert_ok(msb_langmuir_pressure(lt, 1, &th, &T, &Pt));
        assert_close_rel(Pr, Pt, 1e-13);
        msb_law_destroy(lr);
        msb_law_destroy(lt);
    }
    msb_law_destroy(ka);
    msb_law_destroy(kd);
}

static void test_bad_input(void **state)
{
    (void)state;
    msb_law *law = (msb_law *)0x1, *ok;
    assert_status(msb_langmuir_create(NAN, 0, P0, 0, NULL, &law), MSB_ENONFINITE);
    assert_status(msb_langmuir_create(0, 0, -1, 0, NULL, &law), MSB_EDOM);
    assert_status(msb_langmuir_create(0, 0, P0, 2, NULL, &law), MSB_EINVAL);
    assert_status(msb_langmuir_create(0, 0, P0, 0, NULL, NULL), MSB_ENULL);
    double h = 0, s = 0;
    assert_status(msb_langmuir_competitive_create(0, &h, &s, P0, NULL, &law), MSB_ESIZE);
    assert_status(msb_langmuir_from_rates_create(NULL, NULL, P0, 0, &law), MSB_ENULL);
    assert_true(law == (msb_law *)0x1);
    assert_true(msb_last_error_message()[0] != '\0');
    assert_ok(msb_langmuir_create(-0.3 * MSB_EV, 0, P0, 0, NULL, &ok));
    assert_status(msb_langmuir_from_rates_create(ok, ok, P0, 0, &law), MSB_EBADLAW);
    double th[2] = {0.5, 1.0}, T[2] = {300, 300}, P[2] = {7, 7};
    assert_status(msb_langmuir_pressure(ok, 2, th, T, P), MSB_EDOM);
    assert_true(P[0] == 7 && P[1] == 7);
    th[1] = NAN;
    assert_status(msb_langmuir_pressure(ok, 2, th, T, P), MSB_ENONFINITE);
    double pt[2] = {-1, 300}, y = 5;
    assert_status(msb_law_eval(ok, 1, pt, &y, NULL), MSB_EDOM);
    assert_true(y == 5);
    msb_law *ar;
    assert_ok(msb_arrhenius_create(1, 0.1 * MSB_EV, NULL, &ar));
    th[1] = 0.2;
    assert_status(msb_langmuir_pressure(ar, 2, th, T, P), MSB_EBADLAW);
    msb_law_destroy(ar);
    msb_law_destroy(ok);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    msb_law *ka, *kd;
    assert_ok(msb_tst_eyring_create(0.1 * MSB_EV, 0, 1.0, 0.0, NULL, &ka));
    assert_ok(msb_tst_eyring_create(0.7 * MSB_EV, 0, 1.0, 0.0, NULL, &kd));
    for (long k = 1; k < 40; k++) {
        msb_law *law = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_langmuir_from_rates_create(ka, kd, P0, 0, &law);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_law_destroy(law);
            break;
        }
        assert_int_equal(s, MSB_ENOMEM);
        assert_null(law);
    }
    msb_law_destroy(ka);
    msb_law_destroy(kd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conformance),
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_rates_equal_thermo),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

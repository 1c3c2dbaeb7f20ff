/* OCV laws: Steffen monotone interpolant (closed forms, shape preservation on measured graphite
 * data), smoothed plateaus, and the common-tangent OCV of a regular solution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

/* A quadratic is reproduced exactly by Steffen's interpolant where the limiter is inactive:
 * y = (x + 1)^2 on x = 0, 0.25, ..., 2 (the three-point parabola slopes are exact, and
 * min(|s0|,|s1|,|p|/2)*2 = p there since x + 1 >= h). Hermite cubic with exact slopes = the
 * quadratic: 1e-14 relative (rounding). */
static void test_steffen_quadratic(void **state)
{
    (void)state;
    double x[9], V[9];
    for (int i = 0; i < 9; i++) {
        x[i] = 0.25 * i;
        V[i] = (x[i] + 1) * (x[i] + 1);
    }
    msb_law *law;
    assert_ok(msb_ocv_table_create(9, x, V, NULL, 0, 0, &law));
    for (int k = 0; k <= 80; k++) {
        double pt[2] = {0.025 * k, 300}, y, d[2];
        assert_ok(msb_law_eval(law, 1, pt, &y, d));
        assert_close_rel(y, (pt[0] + 1) * (pt[0] + 1), 1e-14);
        assert_close_rel(d[0], 2 * (pt[0] + 1), 1e-13);
        assert_true(d[1] == 0.0);
    }
    msb_law_destroy(law);
}

static size_t read_chen(double *x, double *V, size_t cap)
{
    FILE *f = fopen(msbt_data_path("battery_ocv/graphite_LGM50_ocp_Chen2020.csv"), "r");
    assert_non_null(f);
    char line[256];
    size_t n = 0;
    while (fgets(line, sizeof line, f))
        if (line[0] != '#' && n < cap && sscanf(line, "%lf,%lf", &x[n], &V[n]) == 2) n++;
    fclose(f);
    return n;
}

/* Measured graphite OCP (Chen et al., J. Electrochem. Soc. 167, 080534 (2020); PyBaMM's added
 * extrapolation points removed): the interpolant passes through every point, and on every
 * interval stays within the two end values (no overshoot, no ripple: Steffen 1990, sec. 2) —
 * checked on 50 sub-points per interval. Conformance (derivatives vs finite differences). */
static void test_measured_graphite(void **state)
{
    (void)state;
    static double x[400], V[400];
    size_t n = read_chen(x, V, 400);
    assert_int_equal(n, 236);
    msb_law *law;
    /* strictly monotone is too strict for measured data (noise up to 4.4 mV on the plateaus) */
    assert_status(msb_ocv_table_create(n, x, V, NULL, 0, 0.0, &law), MSB_EINVAL);
    assert_non_null(strstr(msb_last_error_message(), "monotone"));
    assert_ok(msb_ocv_table_create(n, x, V, NULL, 0, 5e-3, &law));
    for (size_t i = 0; i + 1 < n; i++) {
        const double lo = fmin(V[i], V[i + 1]), hi = fmax(V[i], V[i + 1]);
        for (int k = 0; k <= 50; k++) {
            double pt[2] = {x[i] + (x[i + 1] - x[i]) * k / 50.0, 298.15}, y;
            if (k == 50) pt[0] = x[i + 1];
            assert_ok(msb_law_eval(law, 1, pt, &y, NULL));
            assert_true(y >= lo - 1e-15 && y <= hi + 1e-15);
            if (k == 0) assert_true(y == V[i]);
        }
    }
    /* dV/dx at the midpoints of the four widest intervals against central differences with
     * h = 1e-8: the measured curve is so curved (third derivative ~1e5) that the conformance
     * suite's step 1e-5 x has a truncation error ~1e-6; here h^2 f'''/6 ~ 1e-11 and the
     * rounding floor eps V/h ~ 4e-9, so 1e-6 relative is a safe bound. (The table law passes
     * the conformance suite in test_entropic_table.) */
    double pts[8];
    for (int c = 0; c < 4; c++) {
        size_t best = 0;
        double wbest = -1;
        for (size_t i = 0; i + 1 < n; i++) {
            double w = x[i + 1] - x[i], mid = 0.5 * (x[i] + x[i + 1]);
            int used = 0;
            for (int q = 0; q < c; q++) used |= pts[2 * q] == mid;
            if (w > wbest && !used) {
                wbest = w;
                best = i;
            }
        }
        pts[2 * c] = 0.5 * (x[best] + x[best + 1]);
        pts[2 * c + 1] = 300 + 10 * c;
    }
    for (int c = 0; c < 4; c++) {
        double d[2], yp, ym, y0, pp[2] = {pts[2 * c] + 1e-8, pts[2 * c + 1]};
        double pm[2] = {pts[2 * c] - 1e-8, pts[2 * c + 1]};
        assert_ok(msb_law_eval(law, 1, pts + 2 * c, &y0, d));
        assert_ok(msb_law_eval(law, 1, pp, &yp, NULL));
        assert_ok(msb_law_eval(law, 1, pm, &ym, NULL));
        assert_close_rel(d[0], (yp - ym) / 2e-8, 1e-6);
    }
    double lo, hi;
    assert_ok(msb_law_validity(law, 0, &lo, &hi));
    assert_true(lo == x[0] && hi == x[n - 1]);
    msb_law_destroy(law);
}

/* Entropic table: V(x, T) = V_tab(x) + (T - T_ref) S_tab(x); with linear S the closed form holds
 * exactly (Steffen reproduces straight lines): dV/dT = S(x). */
static void test_entropic_table(void **state)
{
    (void)state;
    const double x[4] = {0.1, 0.4, 0.7, 0.9}, V[4] = {0.3, 0.2, 0.15, 0.1};
    const double S[4] = {-1e-4, -0.4e-4, 0.2e-4, 0.6e-4}; /* linear in x: S = 2e-4 x - 1.2e-4 */
    msb_law *law;
    assert_ok(msb_ocv_table_create(4, x, V, S, 298.15, 0, &law));
    double pt[2] = {0.55, 318.15}, y, d[2], y0;
    assert_ok(msb_law_eval(law, 1, pt, &y, d));
    assert_close_rel(d[1], 2e-4 * 0.55 - 1.2e-4, 1e-12);
    pt[1] = 298.15;
    assert_ok(msb_law_eval(law, 1, pt, &y0, NULL));
    assert_close_rel(y - y0, 20 * (2e-4 * 0.55 - 1.2e-4), 1e-10);
    const double pts[6] = {0.15, 280, 0.5, 300, 0.8, 330};
    msbt_law_conformance(law, 3, pts, NULL);
    msb_law_destroy(law);
}

/* Plateaus: deep inside plateau k (> 20 widths from a step) V = V_k to exp(-20) of the step;
 * at a boundary exactly the mean of the two plateaus (logistic s(0) = 1/2). */
static void test_plateaus(void **state)
{
    (void)state;
    const double xb[4] = {0.0, 0.25, 0.5, 1.0}, V[3] = {0.22, 0.13, 0.09};
    msb_law *law;
    assert_ok(msb_ocv_plateau_create(3, xb, V, 0.005, &law));
    double pt[2] = {0.1, 300}, y;
    assert_ok(msb_law_eval(law, 1, pt, &y, NULL));
    assert_close_abs(y, 0.22, 0.1 * exp(-20));
    pt[0] = 0.75;
    assert_ok(msb_law_eval(law, 1, pt, &y, NULL));
    assert_close_abs(y, 0.09, 0.1 * exp(-20));
    pt[0] = 0.25;
    assert_ok(msb_law_eval(law, 1, pt, &y, NULL));
    assert_close_abs(y, 0.5 * (0.22 + 0.13), 1e-6 * exp(-50));
    const double pts[8] = {0.05, 300, 0.248, 300, 0.26, 310, 0.49, 320};
    msbt_law_conformance(law, 4, pts, NULL);
    msb_law_destroy(law);
    /* From hull entries: C (y = 0), LiC12 (y = 1/12 per C), LiC6 (1/6): G per C atom. Energies
     * chosen so the plateaus are 0.2 V and 0.1 V vs mu_ref = 0 (hand algebra):
     * G(1/12) = -0.2/12 eV, G(1/6) = G(1/12) - 0.1/12 eV. */
    const double y3[3] = {0, 1.0 / 12, 1.0 / 6};
    const double G3[3] = {0, -0.2 / 12 * MSB_EV, (-0.2 / 12 - 0.1 / 12) * MSB_EV};
    assert_ok(msb_ocv_from_hull_create(3, y3, G3, 0.0, 0.0, 1e-3, &law));
    double p[2];
    assert_ok(msb_law_params(law, p));
    assert_close_rel(p[0], 0.2, 1e-13);
    assert_close_rel(p[1], 0.1, 1e-13);
    msb_law_destroy(law);
}

/* Regular solution, Omega = 0.1 eV: at T(x_b) = Omega (1 - 2x_b)/(k ln((1-x_b)/x_b)) the gap is
 * [x_b, 1 - x_b] in closed form; inside it V = -(mu(0.5) - mu_ref)/e = -(E0 - mu_ref)/e,
 * dV/dx = 0 and, by symmetry, dV/dT = 0 even with a temperature-dependent L = A + B T;
 * outside it V equals the homogeneous law's V. */
static void test_common_tangent_ocv(void **state)
{
    (void)state;
    const double Om = 0.1 * MSB_EV, B = 0.5 * MSB_K_B, E0 = -0.15 * MSB_EV, mref = -0.3 * MSB_EV;
    msb_law *fe, *ocv;
    assert_ok(msb_free_energy_rk_create(E0, 1, &Om, &B, mref, NULL, &fe));
    assert_ok(msb_ocv_free_energy_create(fe, 200, 500, &ocv));
    const double xb = 0.1;
    /* with L(T) = Om + B T: T solves k T ln((1-xb)/xb) = (Om + B T)(1 - 2 xb) */
    const double T = Om * (1 - 2 * xb) / (MSB_K_B * log((1 - xb) / xb) - B * (1 - 2 * xb));
    double lo[2], hi[2];
    size_t ng;
    assert_ok(msb_ocv_binodals(ocv, T, 2, lo, hi, &ng));
    assert_int_equal(ng, 1);
    assert_close_abs(lo[0], xb, 1e-10);
    assert_close_abs(hi[0], 1 - xb, 1e-10);
    double pt[2] = {0.37, T}, y, d[2];
    assert_ok(msb_law_eval(ocv, 1, pt, &y, d));
    assert_close_abs(y, -(E0 - mref) / MSB_E, 1e-12);
    assert_true(d[0] == 0.0);
    assert_close_abs(d[1], 0.0, 1e-15);
    pt[0] = 0.05;
    double yf[4], df[8];
    assert_ok(msb_law_eval(ocv, 1, pt, &y, d));
    assert_ok(msb_law_eval(fe, 1, pt, yf, df));
    assert_close_rel(y, yf[3], 1e-14);
    assert_close_rel(d[0], df[6], 1e-14);
    assert_close_rel(d[1], df[7], 1e-14);
    /* conformance away from the binodals (the OCV has kinks there) */
    const double pts[8] = {0.03, 300, 0.5, 300, 0.95, 320, 0.3, 250};
    msbt_law_conformance(ocv, 4, pts, NULL);
    msb_law_destroy(fe); /* the OCV law holds its own reference */
    pt[0] = 0.5;
    assert_ok(msb_law_eval(ocv, 1, pt, &y, NULL));
    msb_law_destroy(ocv);
}

static void test_bad_input(void **state)
{
    (void)state;
    msb_law *law = (msb_law *)0x1;
    double x[3] = {0.1, 0.5, 0.4}, V[3] = {0.3, 0.2, 0.1};
    assert_status(msb_ocv_table_create(3, x, V, NULL, 0, 0, &law), MSB_EINVAL);
    x[2] = 0.9;
    V[1] = 0.35;
    assert_status(msb_ocv_table_create(3, x, V, NULL, 0, 0, &law), MSB_EINVAL);
    assert_non_null(strstr(msb_last_error_message(), "monotone"));
    V[1] = NAN;
    assert_status(msb_ocv_table_create(3, x, V, NULL, 0, 0, &law), MSB_ENONFINITE);
    assert_status(msb_ocv_table_create(1, x, V, NULL, 0, 0, &law), MSB_ESIZE);
    V[1] = 0.2;
    assert_status(msb_ocv_table_create(3, x, V, V, -1, 0, &law), MSB_EDOM);
    assert_status(msb_ocv_table_create(3, x, V, NULL, 0, -1, &law), MSB_EDOM);
    assert_status(msb_ocv_table_create(3, NULL, V, NULL, 0, 0, &law), MSB_ENULL);
    const double xb[3] = {0, 0.5, 0.4};
    assert_status(msb_ocv_plateau_create(2, xb, V, 0.01, &law), MSB_EINVAL);
    assert_status(msb_ocv_plateau_create(1, xb, V, 0.0, &law), MSB_EDOM);
    assert_status(msb_ocv_plateau_create(0, xb, V, 0.01, &law), MSB_ESIZE);
    double y1[1] = {0.0}, G1[1] = {0.0};
    assert_status(msb_ocv_from_hull_create(1, y1, G1, 0, 0, 0.01, &law), MSB_ESIZE);
    msb_law *arr;
    assert_ok(msb_arrhenius_create(1, 0.1 * MSB_EV, NULL, &arr));
    assert_status(msb_ocv_free_energy_create(arr, 300, 400, &law), MSB_EBADLAW);
    msb_law *fe;
    assert_ok(msb_free_energy_rk_create(0, 0, NULL, NULL, 0, NULL, &fe));
    assert_status(msb_ocv_free_energy_create(fe, 400, 300, &law), MSB_EDOM);
    assert_true(law == (msb_law *)0x1);
    size_t ng;
    double lo, hi;
    assert_status(msb_ocv_binodals(arr, 300, 1, &lo, &hi, &ng), MSB_EBADLAW);
    msb_law_destroy(fe);
    msb_law_destroy(arr);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const double Om = 0.1 * MSB_EV;
    msb_law *fe;
    assert_ok(msb_free_energy_rk_create(0, 1, &Om, NULL, 0, NULL, &fe));
    const double x[3] = {0.1, 0.5, 0.9}, V[3] = {0.3, 0.2, 0.1};
    for (int which = 0; which < 2; which++) {
        /* count the constructor's allocations, then fail the first three and the last three
         * (the free-energy OCV makes two per tabulated temperature in between, all alike) */
        msb_law *law = NULL;
        msbi_test_alloc_fail_at(0);
        assert_ok(which ? msb_ocv_free_energy_create(fe, 300, 400, &law)
                        : msb_ocv_table_create(3, x, V, NULL, 0, 0, &law));
        msb_law_destroy(law);
        const long total = msbi_test_alloc_fail_at(0);
        for (long k = 1; k <= total; k++) {
            if (k > 3 && k < total - 3) continue;
            law = NULL;
            msbi_test_alloc_fail_at(k);
            msb_status s = which ? msb_ocv_free_energy_create(fe, 300, 400, &law)
                                 : msb_ocv_table_create(3, x, V, NULL, 0, 0, &law);
            msbi_test_alloc_fail_at(0);
            assert_int_equal(s, MSB_ENOMEM);
            assert_null(law);
        }
    }
    msb_law_destroy(fe);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steffen_quadratic),
        cmocka_unit_test(test_measured_graphite),
        cmocka_unit_test(test_entropic_table),
        cmocka_unit_test(test_plateaus),
        cmocka_unit_test(test_common_tangent_ocv),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Binary hull and plateaus on hand-checkable sets (closed forms), robustness cases, bad input
 * and allocation failures. pymatgen comparisons: tests/python/test_hull_pymatgen.py. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

/* C (x=0, e=0), LiC6 (x=1/7, -0.03 eV), LiC12 (x=1/13, -0.012 eV), Li (x=1, 0), a high phase at
 * x=0.5 (+0.1 eV), and a duplicate of LiC6 0.005 eV higher. Hull: C, LiC6, Li. By hand:
 * LiC12 lies at 7/13 of the way to LiC6: e_hull = -0.03*7/13, e_above = -0.012 + 0.21/13;
 * x=0.5 lies between LiC6 and Li: e_hull = -0.03*(1-0.5)/(1-1/7) = -0.0175, e_above = 0.1175;
 * the duplicate is 0.005 above and decomposes into LiC6 alone. 1e-15 eV absolute (rounding). */
static void test_hand_set(void **state)
{
    (void)state;
    const double x[6] = {0.0, 1.0 / 7, 1.0 / 13, 1.0, 0.5, 1.0 / 7};
    double e[6] = {0.0, -0.03, -0.012, 0.0, 0.1, -0.025};
    for (int i = 0; i < 6; i++) e[i] *= MSB_EV;
    int st[6];
    double eah[6], flo[6];
    size_t lo[6], hi[6];
    assert_ok(msb_hull_analyze(6, x, e, 0.0, st, eah, lo, hi, flo));
    const int want[6] = {1, 1, 0, 1, 0, 0};
    for (int i = 0; i < 6; i++) assert_int_equal(st[i], want[i]);
    assert_close_abs(eah[2] / MSB_EV, -0.012 + 0.21 / 13, 1e-15);
    assert_close_abs(eah[4] / MSB_EV, 0.1175, 1e-15);
    assert_close_abs(eah[5] / MSB_EV, 0.005, 1e-15);
    assert_true(lo[2] == 0 && hi[2] == 1);
    assert_close_abs(flo[2], 6.0 / 13, 1e-15); /* lever rule: (1/7 - 1/13)/(1/7) */
    assert_true(lo[4] == 1 && hi[4] == 3);
    assert_true(lo[5] == 1 && hi[5] == 1 && flo[5] == 1.0);
    assert_true(lo[1] == 1 && hi[1] == 1 && eah[1] == 0.0);
    /* estimate: plateau C -> LiC6 vs Li at 0.03 eV * 7 = 0.21 V per Li, y = 1/6 per C */
    msb_estimate *est;
    assert_ok(msb_hull_estimate(6, x, e, 1e-9 * MSB_EV, &est));
    double v, s;
    assert_ok(msb_estimate_get(est, "plateau_V", &v, &s));
    assert_close_rel(v, 0.21, 1e-13);
    assert_true(isnan(s));
    assert_ok(msb_estimate_get(est, "plateau_x_hi", &v, NULL));
    assert_close_rel(v, 1.0 / 6, 1e-15);
    assert_ok(msb_estimate_get(est, "n_stable", &v, NULL));
    assert_true(v == 3);
    msb_estimate_destroy(est);
}

/* Collinear points are on the hull but not stable; a point 1e-6 below the chord is stable with
 * tol = 1e-9 and not with tol = 1e-5 (the documented tolerance rule). */
static void test_collinear_and_tolerance(void **state)
{
    (void)state;
    double x[5] = {0.0, 0.25, 0.5, 0.75, 1.0}, e[5] = {0.0, -0.25, -0.5, -0.25, 0.0};
    int st[5];
    double eah[5];
    assert_ok(msb_hull_analyze(5, x, e, 0.0, st, eah, NULL, NULL, NULL));
    assert_true(st[0] && !st[1] && st[2] && !st[3] && st[4]);
    assert_true(fabs(eah[1]) < 1e-16 && fabs(eah[3]) < 1e-16);
    e[1] = -0.25 - 1e-6;
    assert_ok(msb_hull_analyze(5, x, e, 1e-9, st, NULL, NULL, NULL, NULL));
    assert_true(st[1]);
    assert_ok(msb_hull_analyze(5, x, e, 1e-5, st, eah, NULL, NULL, NULL));
    assert_true(!st[1]);
    assert_close_abs(eah[1], -1e-6, 1e-15); /* reported, not hidden: slightly below the hull */
    /* a single entry and a single composition are valid hulls */
    assert_ok(msb_hull_analyze(1, x, e, 0.0, st, eah, NULL, NULL, NULL));
    assert_true(st[0] == 1 && eah[0] == 0.0);
}

/* Plateaus with mu_ref: G(y) per host; V_k = -(dG/dy - mu_ref)/e, by hand. */
static void test_plateaus(void **state)
{
    (void)state;
    const double y[4] = {0.0, 0.5, 1.0, 0.75};
    const double mu = -1.9 * MSB_EV;
    /* slopes -2.1 eV (0 -> 0.5) and -2.0 eV (0.5 -> 1): V = 0.2 and 0.1 V; y = 0.75 above */
    const double G[4] = {0.0, -1.05 * MSB_EV, -2.05 * MSB_EV, -1.5 * MSB_EV};
    double lo[3], hi[3], V[3];
    size_t m;
    assert_ok(msb_hull_plateaus(4, y, G, mu, 0.0, 3, lo, hi, V, &m));
    assert_int_equal(m, 2);
    assert_close_rel(V[0], 0.2, 1e-13);
    assert_close_rel(V[1], 0.1, 1e-13);
    assert_true(lo[0] == 0.0 && hi[0] == 0.5 && lo[1] == 0.5 && hi[1] == 1.0);
    assert_status(msb_hull_plateaus(4, y, G, mu, 0.0, 1, lo, hi, V, &m), MSB_ESIZE);
    assert_int_equal(m, 2);
}

static void test_bad_input(void **state)
{
    (void)state;
    double x[3] = {0.0, 0.5, 1.0}, e[3] = {0.0, NAN, 0.0}, eah[3] = {7, 7, 7};
    assert_status(msb_hull_analyze(3, x, e, 0.0, NULL, eah, NULL, NULL, NULL), MSB_ENONFINITE);
    assert_non_null(strstr(msb_last_error_message(), "e"));
    assert_true(eah[0] == 7 && eah[1] == 7);
    e[1] = 0.0;
    x[1] = 1.5;
    assert_status(msb_hull_analyze(3, x, e, 0.0, NULL, eah, NULL, NULL, NULL), MSB_EDOM);
    x[1] = -0.1;
    assert_status(msb_hull_analyze(3, x, e, 0.0, NULL, eah, NULL, NULL, NULL), MSB_EDOM);
    x[1] = 0.5;
    assert_status(msb_hull_analyze(0, x, e, 0.0, NULL, eah, NULL, NULL, NULL), MSB_ESIZE);
    assert_status(msb_hull_analyze(3, NULL, e, 0.0, NULL, eah, NULL, NULL, NULL), MSB_ENULL);
    assert_status(msb_hull_analyze(3, x, e, -1.0, NULL, eah, NULL, NULL, NULL), MSB_EDOM);
    assert_status(msb_hull_analyze(3, x, e, NAN, NULL, eah, NULL, NULL, NULL), MSB_EDOM);
    assert_true(eah[2] == 7);
    msb_estimate *est = (msb_estimate *)0x1;
    assert_status(msb_hull_estimate(0, x, e, 0.0, &est), MSB_ESIZE);
    assert_true(est == (msb_estimate *)0x1);
    double lo[2], hi[2], V[2];
    size_t m = 99;
    const double ysame[2] = {0.5, 0.5};
    assert_status(msb_hull_plateaus(1, x, e, 0, 0, 2, lo, hi, V, &m), MSB_ESIZE);
    assert_status(msb_hull_plateaus(2, ysame, e, 0, 0, 2, lo, hi, V, &m), MSB_EINSUFFICIENT);
    const double yneg[2] = {-1, 0.5};
    assert_status(msb_hull_plateaus(2, yneg, e, 0, 0, 2, lo, hi, V, &m), MSB_EDOM);
    assert_status(msb_hull_plateaus(2, x, e, NAN, 0, 2, lo, hi, V, &m), MSB_ENONFINITE);
    assert_true(m == 99);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const double x[4] = {0.0, 0.2, 0.6, 1.0}, e[4] = {0.0, -0.1, -0.2, 0.0};
    for (int which = 0; which < 3; which++) {
        msbi_test_alloc_fail_at(0);
        msb_estimate *est = NULL;
        double lo[4], hi[4], V[4]; /* V doubles as e_above_hull (4 entries) */
        size_t m;
        if (which == 0) assert_ok(msb_hull_estimate(4, x, e, 0, &est));
        else if (which == 1) assert_ok(msb_hull_analyze(4, x, e, 0, NULL, V, NULL, NULL, NULL));
        else assert_ok(msb_hull_plateaus(4, x, e, 0, 0, 3, lo, hi, V, &m));
        msb_estimate_destroy(est);
        const long total = msbi_test_alloc_fail_at(0);
        assert_true(total >= 1);
        for (long k = 1; k <= total; k++) {
            est = NULL;
            msbi_test_alloc_fail_at(k);
            msb_status s = which == 0 ? msb_hull_estimate(4, x, e, 0, &est)
                           : which == 1 ? msb_hull_analyze(4, x, e, 0, NULL, V, NULL, NULL, NULL)
                                        : msb_hull_plateaus(4, x, e, 0, 0, 3, lo, hi, V, &m);
            msbi_test_alloc_fail_at(0);
            assert_int_equal(s, MSB_ENOMEM);
            assert_null(est);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_set),
        cmocka_unit_test(test_collinear_and_tolerance),
        cmocka_unit_test(test_plateaus),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit systems against the LAMMPS manual's `units` definitions and exact conversions. */
#include "msb_test.h"

static double f(const msb_units *u, msb_quantity q)
{
    double v = -1;
    assert_ok(msb_units_to_si(u, q, &v));
    return v;
}

static void test_metal_real(void **state)
{
    (void)state;
    msb_units *m, *r;
    assert_ok(msb_units_create("metal", &m));
    assert_string_equal(msb_units_name(m), "metal");
    assert_close_rel(f(m, MSB_Q_LENGTH), 1e-10, 0);
    assert_close_rel(f(m, MSB_Q_TIME), 1e-12, 0);
    assert_close_rel(f(m, MSB_Q_ENERGY), 1.602176634e-19, 0);
    assert_close_rel(f(m, MSB_Q_PRESSURE), 1e5, 0);        /* bar */
    assert_close_rel(f(m, MSB_Q_MASS), 1e-3 / 6.02214076e23, 1e-15);
    assert_close_rel(f(m, MSB_Q_DIFFUSIVITY), 1e-8, 1e-15); /* A^2/ps = 1e-8 m^2/s */
    assert_close_rel(f(m, MSB_Q_HEAT_FLUX), 1.602176634e-19 * 100, 1e-15); /* eV A/ps */
    assert_close_rel(f(m, MSB_Q_VOLUME), 1e-30, 1e-15);
    assert_ok(msb_units_create("real", &r));
    assert_close_rel(f(r, MSB_Q_ENERGY), 4184.0 / 6.02214076e23, 1e-15); /* kcal/mol */
    assert_close_rel(f(r, MSB_Q_TIME), 1e-15, 0);
    assert_close_rel(f(r, MSB_Q_PRESSURE), 101325.0, 0); /* atm */
    msb_units_destroy(m);
    msb_units_destroy(r);
}

/* Argon-like LJ: sigma 3.405 A, epsilon/k_B 119.8 K, m 39.948 u -> tau = 2.156 ps (a textbook
 * value, e.g. Allen & Tildesley, Computer Simulation of Liquids, 2nd ed., Table 1.1: ~2.16 ps). */
static void test_lj(void **state)
{
    (void)state;
    msb_units *u;
    const double sig = 3.405e-10, eps = 119.8 * MSB_K_B, m = 39.948e-3 / MSB_N_A;
    assert_ok(msb_units_create_lj(sig, eps, m, &u));
    assert_close_rel(f(u, MSB_Q_TIME), 2.156e-12, 2e-3);
    assert_close_rel(f(u, MSB_Q_TEMPERATURE), 119.8, 1e-14);
    assert_close_rel(f(u, MSB_Q_DIFFUSIVITY), sig * sig / f(u, MSB_Q_TIME), 1e-15);
    msb_units_destroy(u);
}

static void test_bad(void **state)
{
    (void)state;
    msb_units *u = NULL;
    assert_status(msb_units_create("lj", &u), MSB_EUNITS);
    assert_status(msb_units_create("imperial", &u), MSB_EUNITS);
    assert_status(msb_units_create(NULL, &u), MSB_ENULL);
    assert_status(msb_units_create_lj(0, 1, 1, &u), MSB_EDOM);
    assert_status(msb_units_create_lj(1, NAN, 1, &u), MSB_ENONFINITE);
    assert_status(msb_units_create_scales(1, 1, 1, 1, -1, 1, &u), MSB_EDOM);
    assert_null(u);
    assert_ok(msb_units_create_scales(2, 3, 5, 7, 11, 13, &u));
    double v;
    assert_status(msb_units_to_si(u, (msb_quantity)99, &v), MSB_EINVAL);
    assert_status(msb_units_to_si(NULL, MSB_Q_TIME, &v), MSB_ENULL);
    assert_close_rel(f(u, MSB_Q_VELOCITY), 2.0 / 3.0, 1e-15);
    msb_units_destroy(u);
    msb_units_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metal_real),
        cmocka_unit_test(test_lj),
        cmocka_unit_test(test_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

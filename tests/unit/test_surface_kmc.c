/* Surface KMC (msbridge/surface_kmc.h): the Langmuir isotherm theta = KP/(1 + KP) (exact for a
 * non-reacting, non-interacting adsorbate at any hop rate: sites adsorb and desorb
 * independently and hopping preserves the product Bernoulli measure; I. Langmuir, JACS 40, 1361
 * (1918)); the collective diffusion coefficient of that lattice gas D_J = k_hop a^2 (1 - theta)
 * on the square lattice (centre of mass is a martingale; Ala-Nissila, Ferrando & Ying, Adv.
 * Phys. 51, 949 (2002)); with an A + A reaction and fast hopping the mean-field steady state
 * k_ads P (1 - theta) = k_des theta + z k_rxn theta^2, TOF = (z/2) k_rxn theta^2, all computed
 * here in closed form. */
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static const double A = 3e-10;

static double at(const msb_estimate *e, const char *name, size_t k, double *sd)
{
    size_t i, len;
    double v[16], s[16];
    assert_ok(msb_estimate_find(e, name, &i));
    assert_ok(msb_estimate_values(e, i, 16, v, s, &len));
    if (sd) *sd = s[k];
    return v[k];
}

static void test_langmuir_and_diffusion(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 16, 16, 1, 1, &lat));
    const double ka = 2.0, kd = 100.0, kh = 500.0, P[3] = {10, 50, 200};
    msb_estimate *e;
    assert_ok(msb_kmc_surface(lat, 3, P, ka, kd, kh, 0.0, 10000, 100000, 8, 42, NULL, NULL, &e));
    assert_string_equal(msb_estimate_kind(e), "kmc_surface");
    for (int k = 0; k < 3; k++) {
        double K = ka / kd, th_ref = K * P[k] / (1 + K * P[k]);
        double s, th = at(e, "coverage", k, &s), sD, DJ = at(e, "D_J_surface", k, &sD);
        print_message("P = %g Pa: theta = %.4f +- %.4f (Langmuir %.4f); D_J = %.4e +- %.1e "
                      "(%.4e)\n", P[k], th, s, th_ref, DJ, sD, kh * A * A * (1 - th_ref));
        /* 8 replicas: 4.5 standard errors (t, 7 dof: two-sided p ~ 0.003) */
        assert_close_abs(th, th_ref, 4.5 * s);
        assert_close_abs(DJ, kh * A * A * (1 - th_ref), 4.5 * sD);
        assert_close_abs(at(e, "tof", k, NULL), 0.0, 0.0);
    }
    msb_estimate_destroy(e);
    msb_lattice_destroy(lat);
}

static void test_reaction_mean_field_limit(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 12, 12, 1, 1, &lat));
    const double ka = 1.0, kd = 5.0, kr = 20.0, z = 4, P[2] = {20, 100};
    msb_estimate *fast;
    /* hops are ~97 % of the events (total rate ~3e5 /s on 144 sites): 8e4 discarded events
     * are ~0.3 s of surface time, ten relaxation times 1/(k_ads P + k_des + 2 z k_rxn theta) */
    assert_ok(msb_kmc_surface(lat, 2, P, ka, kd, 2e3, kr, 80000, 200000, 8, 7, NULL, NULL,
                              &fast));
    for (int k = 0; k < 2; k++) {
        /* z kr th^2 + (kd + ka P) th - ka P = 0 */
        double a = z * kr, b = kd + ka * P[k], c = -ka * P[k];
        double th = (-b + sqrt(b * b - 4 * a * c)) / (2 * a), tof = 0.5 * z * kr * th * th;
        double s1, s2, s3;
        double thk = at(fast, "coverage", k, &s1), tofk = at(fast, "tof", k, &s2),
               kef = at(fast, "k_eff", k, &s3);
        print_message("P = %g: theta %.4f +- %.4f (mean field %.4f), TOF %.4f +- %.4f (%.4f), "
                      "k_eff %.3f (k_rxn %g)\n", P[k], thk, s1, th, tofk,
                      s2, tof, kef, kr);
        /* well mixed (k_hop / k_rxn = 100): residual pair correlations are O(k_rxn / k_hop)
         * ~ 1 %; tolerance 4.5 standard errors plus 2 % (coverage) / 4 % (TOF ~ theta^2) */
        assert_close_abs(thk, th, 4.5 * s1 + 0.02 * th);
        assert_close_abs(tofk, tof, 4.5 * s2 + 0.04 * tof);
        assert_close_abs(kef, kr, 4.5 * s3 + 0.04 * kr);
    }
    msb_estimate_destroy(fast);
    msb_lattice_destroy(lat);
}

/* TOF(T) law from TST/Arrhenius rate laws: the fitted apparent activation energy against the
 * local slope -d ln TOF / d(1/kT) of the mean-field TOF at 600 K (closed form above, slope by a
 * +-0.1 % central difference), and the KMC TOF against mean field. Hops are only 5 x faster than
 * the reaction here (to keep the test short), so pair depletion lowers the KMC TOF by O(k_rxn /
 * k_hop) — a few % — almost uniformly in T (E_hop = E_rxn): tolerances 4 sigma + 5 % on TOF and
 * 4 sigma + 0.005 eV on Ea (the T-dependence of that bias over 550-650 K). */
static double mf_tof(double T, double *theta)
{
    const double kT = MSB_K_B * T, ka = 4 * exp(-0.05 * MSB_EV / kT) * 20,
                 kd = 1e4 * exp(-0.2 * MSB_EV / kT), kr = 1e5 * exp(-0.3 * MSB_EV / kT);
    const double a = 4 * kr, b = kd + ka, c = -ka, th = (-b + sqrt(b * b - 4 * a * c)) / (2 * a);
    if (theta) *theta = th;
    return 2 * kr * th * th;
}

static void test_tof_law(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 10, 10, 1, 1, &lat));
    msb_law *la, *ld, *lh, *lr, *law;
    assert_ok(msb_arrhenius_create_named(4, 0.05 * MSB_EV, NULL, "k", "1/(Pa s)", &la));
    assert_ok(msb_arrhenius_create_named(1e4, 0.2 * MSB_EV, NULL, "k", "1/s", &ld));
    assert_ok(msb_arrhenius_create_named(5e5, 0.3 * MSB_EV, NULL, "k", "1/s", &lh));
    assert_ok(msb_arrhenius_create_named(1e5, 0.3 * MSB_EV, NULL, "k", "1/s", &lr));
    const double T[3] = {550, 600, 650};
    msb_estimate *e;
    assert_ok(msb_kmc_surface_tof_law(lat, 20, 3, T, la, ld, lh, lr, 20000, 200000, 6, 1, NULL,
                                      NULL, &e, &law));
    double Ea, sEa;
    assert_ok(msb_estimate_get(e, "Ea", &Ea, &sEa));
    const double u1 = 1 / (MSB_K_B * 600 * 1.001), u0 = 1 / (MSB_K_B * 600 / 1.001);
    const double slope = -(log(mf_tof(600 * 1.001, NULL)) - log(mf_tof(600 / 1.001, NULL))) /
                         (u1 - u0);
    print_message("TOF law: Ea_eff = %.4f +- %.4f eV (mean-field slope %.4f eV)\n", Ea / MSB_EV,
                  sEa / MSB_EV, slope / MSB_EV);
    assert_close_abs(Ea, slope, 4 * sEa + 0.005 * MSB_EV);
    for (int k = 0; k < 3; k++) {
        double s, v = at(e, "tof", k, &s), m = mf_tof(T[k], NULL);
        assert_close_abs(v, m, 4 * s + 0.05 * m);
    }
    double lo, hi, y;
    assert_ok(msb_law_validity(law, 0, &lo, &hi));
    assert_close_abs(lo, 550, 1e-9);
    assert_close_abs(hi, 650, 1e-9);
    const double t600 = 600;
    assert_ok(msb_law_eval(law, 1, &t600, &y, NULL));
    double s600, v600 = at(e, "tof", 1, &s600);
    assert_close_abs(y, v600, 4 * s600);
    /* bad input */
    msb_estimate *o = (msb_estimate *)0x1;
    assert_status(msb_kmc_surface_tof_law(lat, 20, 1, T, la, ld, lh, lr, 0, 100, 2, 1, NULL, NULL,
                                          &o, NULL), MSB_ESIZE);
    assert_status(msb_kmc_surface_tof_law(lat, 20, 3, T, la, ld, lh, lr, 0, 100, 1, 1, NULL, NULL,
                                          &o, NULL), MSB_ESIZE);
    assert_status(msb_kmc_surface_tof_law(lat, 20, 3, T, NULL, ld, lh, lr, 0, 100, 2, 1, NULL,
                                          NULL, &o, NULL), MSB_ENULL);
    assert_status(msb_kmc_surface_tof_law(lat, -1, 3, T, la, ld, lh, lr, 0, 100, 2, 1, NULL, NULL,
                                          &o, NULL), MSB_EDOM);
    msb_law *zero;
    assert_ok(msb_arrhenius_create_named(1e-30, 0.3 * MSB_EV, NULL, "k", "1/s", &zero));
    assert_status(msb_kmc_surface_tof_law(lat, 20, 3, T, la, ld, lh, zero, 0, 100, 2, 1, NULL,
                                          NULL, &o, NULL), MSB_ERANGE);
    assert_ptr_equal(o, (msb_estimate *)0x1);
    msb_law_destroy(zero);
    /* every allocation failing: MSB_ENOMEM, nothing returned (ASan checks leaks) */
    msbi_test_alloc_fail_at(0);
    msb_estimate *ok = NULL;
    msb_law *okl = NULL;
    assert_ok(msb_kmc_surface_tof_law(lat, 20, 2, T, la, ld, lh, lr, 0, 2000, 2, 1, NULL, NULL,
                                      &ok, &okl));
    msb_estimate_destroy(ok);
    msb_law_destroy(okl);
    long total = msbi_test_alloc_fail_at(0);
    for (long k = 1; k <= total; k++) {
        msb_estimate *bad = NULL;
        msb_law *badl = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_kmc_surface_tof_law(lat, 20, 2, T, la, ld, lh, lr, 0, 2000, 2, 1,
                                                NULL, NULL, &bad, &badl);
        msbi_test_alloc_fail_at(0);
        assert_int_equal(st, MSB_ENOMEM);
        assert_null(bad);
        assert_null(badl);
    }
    msb_estimate_destroy(e);
    msb_law_destroy(law);
    msb_law_destroy(la);
    msb_law_destroy(ld);
    msb_law_destroy(lh);
    msb_law_destroy(lr);
    msb_lattice_destroy(lat);
}

static int cancel(void *u, double d, double t)
{
    (void)u;
    (void)d;
    (void)t;
    return 1;
}

static void test_surface_bad_input(void **state)
{
    (void)state;
    msb_lattice *lat, *sc;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 8, 8, 1, 1, &lat));
    assert_ok(msb_lattice_create(MSB_LATTICE_SC, A, 4, 4, 4, 1, &sc));
    const double P[2] = {1, 2}, Pbad[2] = {1, 0}, Pnan[1] = {NAN};
    msb_estimate *out = (msb_estimate *)0x1;
    assert_status(msb_kmc_surface(sc, 1, P, 1, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_EINVAL);
    assert_status(msb_kmc_surface(NULL, 1, P, 1, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_ENULL);
    assert_status(msb_kmc_surface(lat, 2, Pbad, 1, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_EDOM);
    assert_status(msb_kmc_surface(lat, 1, Pnan, 1, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_ENONFINITE);
    assert_status(msb_kmc_surface(lat, 1, P, 0, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out), MSB_EDOM);
    assert_status(msb_kmc_surface(lat, 1, P, 1, -1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_EDOM);
    assert_status(msb_kmc_surface(lat, 1, P, 1, 0, 1, 0, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_EDOM); /* zero rates: nothing leaves */
    assert_status(msb_kmc_surface(lat, 1, P, 1, 1, INFINITY, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_ENONFINITE);
    assert_status(msb_kmc_surface(lat, 0, P, 1, 1, 1, 1, 0, 100, 1, 1, NULL, NULL, &out),
                  MSB_ESIZE);
    assert_status(msb_kmc_surface(lat, 1, P, 1, 1, 1, 1, 0, 10, 1, 1, NULL, NULL, &out),
                  MSB_EINSUFFICIENT);
    assert_status(msb_kmc_surface(lat, 1, P, 1, 1, 1, 1, 0, 1 << 18, 1, 1, cancel, NULL, &out),
                  MSB_ECANCELLED);
    assert_true(strlen(msb_last_error_message()) > 0);
    assert_ptr_equal(out, (msb_estimate *)0x1);
    msb_estimate *a, *b;
    assert_ok(msb_kmc_surface(lat, 2, P, 1, 1, 1, 1, 0, 1000, 2, 5, NULL, NULL, &a));
    assert_ok(msb_kmc_surface(lat, 2, P, 1, 1, 1, 1, 0, 1000, 2, 5, NULL, NULL, &b));
    assert_true(at(a, "coverage", 1, NULL) == at(b, "coverage", 1, NULL));
    msb_estimate_destroy(a);
    msb_estimate_destroy(b);
    msbi_test_alloc_fail_at(0);
    assert_ok(msb_kmc_surface(lat, 2, P, 1, 1, 1, 1, 0, 100, 2, 5, NULL, NULL, &a));
    msb_estimate_destroy(a);
    long total = msbi_test_alloc_fail_at(0);
    for (long k = 1; k <= total; k++) {
        msb_estimate *bad = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_kmc_surface(lat, 2, P, 1, 1, 1, 1, 0, 100, 2, 5, NULL, NULL, &bad);
        msbi_test_alloc_fail_at(0);
        assert_int_equal(s, MSB_ENOMEM);
        assert_null(bad);
    }
    msb_lattice_destroy(lat);
    msb_lattice_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_langmuir_and_diffusion),
        cmocka_unit_test(test_reaction_mean_field_limit),
        cmocka_unit_test(test_tof_law),
        cmocka_unit_test(test_surface_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

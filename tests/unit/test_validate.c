/* Validation helpers: z-score, agreement and report against closed forms, two worked cases
 * (Nernst-Einstein-Haven conductivity vs an impedance conductivity; a Nernst-Einstein
 * transference number vs a PFG-NMR one). The electrolyte numbers are ILLUSTRATIVE (see
 * docs/uq.md): they test the arithmetic, not the physics. */
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static double get(const msb_estimate *e, const char *name, double *sd)
{
    double v;
    assert_ok(msb_estimate_get(e, name, &v, sd));
    return v;
}

static void test_closed_form(void **state)
{
    (void)state;
    msb_estimate *e;
    assert_ok(msb_validate(10.0, 3.0, 6.0, 4.0, 2.0, &e));
    assert_string_equal(msb_estimate_kind(e), "validation");
    double sd;
    assert_close_rel(get(e, "difference", &sd), 4.0, 1e-15);
    assert_close_rel(sd, 5.0, 1e-15); /* 3-4-5 */
    assert_close_rel(get(e, "z", NULL), 0.8, 1e-15);
    /* p = erfc(0.8/sqrt2) = 0.42371 (normal table: P(|Z| > 0.8) = 2 x 0.21186) */
    assert_close_abs(get(e, "p_value", NULL), 0.42371, 1e-5);
    assert_true(get(e, "agree", NULL) == 1.0);
    assert_close_rel(get(e, "ratio", &sd), 10.0 / 6.0, 1e-15);
    assert_close_rel(sd, 10.0 / 6.0 * hypot(0.3, 4.0 / 6.0), 1e-14);
    char *txt;
    assert_ok(msb_validate_report(e, "D", "m^2/s", &txt));
    assert_non_null(strstr(txt, "D [m^2/s]"));
    assert_non_null(strstr(txt, "z = 0.80"));
    assert_non_null(strstr(txt, "agrees within k = 2"));
    msb_string_free(txt);
    msb_estimate_destroy(e);
    assert_ok(msb_validate(10.0, 1.0, 6.0, 1.0, 2.0, &e)); /* z = 2.83 */
    assert_true(get(e, "agree", NULL) == 0.0);
    assert_ok(msb_validate_report(e, NULL, NULL, &txt));
    assert_non_null(strstr(txt, "DISAGREES"));
    msb_string_free(txt);
    msb_estimate_destroy(e);
}

/* Worked case 1 (illustrative numbers): Nernst-Einstein-Haven conductivity of a 1:1 salt,
 *   sigma = F^2 c (D+ + D-) / (R T H),
 * with MD-like D+ = (1.4 +- 0.1)e-10, D- = (2.3 +- 0.15)e-10 m^2/s, H = 1.4 +- 0.2, c = 1000
 * mol/m^3, T = 298.15 K, first-order uncertainty (independent inputs), against an EIS-like
 * conductivity of 1.00 +- 0.03 S/m (10 mS/cm, the order of magnitude of 1 M LiPF6 in EC/DMC
 * at 25 C; not a quoted measurement). */
static void test_worked_neh_conductivity(void **state)
{
    (void)state;
    const double T = 298.15, c = 1000, Dp = 1.4e-10, sDp = 0.1e-10, Dm = 2.3e-10, sDm = 0.15e-10,
                 H = 1.4, sH = 0.2;
    const double pref = MSB_F * MSB_F * c / (MSB_R * T);
    const double sig = pref * (Dp + Dm) / H;
    const double ssig = sig * hypot(hypot(sDp, sDm) / (Dp + Dm), sH / H);
    msb_estimate *e;
    assert_ok(msb_validate(sig, ssig, 1.00, 0.03, 2.0, &e));
    double z = get(e, "z", NULL);
    assert_close_rel(z, (sig - 1.0) / hypot(ssig, 0.03), 1e-14);
    assert_true(fabs(z) < 2.0);
    assert_true(get(e, "agree", NULL) == 1.0);
    char *txt;
    assert_ok(msb_validate_report(e, "sigma_NEH vs EIS", "S/m", &txt));
    print_message("%s\n", txt);
    msb_string_free(txt);
    msb_estimate_destroy(e);
}

/* Worked case 2 (illustrative numbers): t+ = D+ / (D+ + D-) from MD diffusivities
 * (1.4 +- 0.1, 2.3 +- 0.15)e-10 vs the same ratio from PFG-NMR self-diffusion coefficients
 * (1.1 +- 0.05, 2.0 +- 0.1)e-10 m^2/s. dt/dD+ = D-/(D+ + D-)^2, dt/dD- = -D+/(D+ + D-)^2. */
static void test_worked_transference(void **state)
{
    (void)state;
    double tp[2], st[2];
    const double D[2][4] = {{1.4e-10, 0.1e-10, 2.3e-10, 0.15e-10},
                            {1.1e-10, 0.05e-10, 2.0e-10, 0.1e-10}};
    for (int k = 0; k < 2; k++) {
        double s = D[k][0] + D[k][2];
        tp[k] = D[k][0] / s;
        st[k] = hypot(D[k][2] / (s * s) * D[k][1], D[k][0] / (s * s) * D[k][3]);
    }
    msb_estimate *e;
    assert_ok(msb_validate(tp[0], st[0], tp[1], st[1], 2.0, &e));
    assert_close_rel(get(e, "z", NULL), (tp[0] - tp[1]) / hypot(st[0], st[1]), 1e-14);
    assert_true(get(e, "agree", NULL) == 1.0);
    char *txt;
    assert_ok(msb_validate_report(e, "t+ (NE from MD vs PFG-NMR)", "1", &txt));
    print_message("%s\n", txt);
    msb_string_free(txt);
    msb_estimate_destroy(e);
}

static void test_bad_input(void **state)
{
    (void)state;
    msb_estimate *e = (msb_estimate *)0x1;
    assert_status(msb_validate(NAN, 1, 1, 1, 2, &e), MSB_ENONFINITE);
    assert_status(msb_validate(1, INFINITY, 1, 1, 2, &e), MSB_ENONFINITE);
    assert_status(msb_validate(1, -1, 1, 1, 2, &e), MSB_EDOM);
    assert_status(msb_validate(1, 1, 1, -1, 2, &e), MSB_EDOM);
    assert_status(msb_validate(1, 0, 1, 0, 2, &e), MSB_EDOM);
    assert_status(msb_validate(1, 1, 1, 1, 0, &e), MSB_EDOM);
    assert_status(msb_validate(1, 1, 1, 1, 2, NULL), MSB_ENULL);
    assert_ptr_equal(e, (msb_estimate *)0x1);
    char *t = (char *)0x1;
    msb_estimate *fit;
    const double T[3] = {300, 400, 500}, D[3] = {1e-9, 3e-9, 6e-9};
    assert_ok(msb_arrhenius_fit(3, T, D, NULL, MSB_SIGMA_RELATIVE, &fit, NULL));
    assert_status(msb_validate_report(fit, "x", "1", &t), MSB_EINVAL);
    assert_status(msb_validate_report(NULL, "x", "1", &t), MSB_ENULL);
    assert_ptr_equal(t, (char *)0x1);
    msb_estimate_destroy(fit);
    /* every allocation failing in turn: MSB_ENOMEM, nothing returned */
    for (long k = 1; k < 100; k++) {
        msb_estimate *v = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st2 = msb_validate(1, 1, 2, 1, 2, &v);
        long made = msbi_test_alloc_fail_at(0);
        if (st2 == MSB_SUCCESS) {
            assert_true(made < k);
            for (long j = 1; j < 10; j++) {
                char *txt = NULL;
                msbi_test_alloc_fail_at(j);
                msb_status st3 = msb_validate_report(v, "q", "1", &txt);
                long made2 = msbi_test_alloc_fail_at(0);
                if (st3 == MSB_SUCCESS) {
                    assert_true(made2 < j);
                    msb_string_free(txt);
                    break;
                }
                assert_status(st3, MSB_ENOMEM);
                assert_null(txt);
            }
            msb_estimate_destroy(v);
            break;
        }
        assert_status(st2, MSB_ENOMEM);
        assert_null(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_form),
        cmocka_unit_test(test_worked_neh_conductivity),
        cmocka_unit_test(test_worked_transference),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

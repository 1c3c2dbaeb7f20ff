/* Validation helpers: z-score, agreement and report against closed forms, and two worked cases
 * with published numbers for 1 M LiPF6 in carbonate electrolytes (Nernst-Einstein conductivity
 * vs an impedance conductivity; a Nernst-Einstein transference number vs PFG-NMR transport and
 * transference numbers). Sources and their grades are listed at each case and in docs/uq.md. */
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

/* Published inputs of the worked cases.
 * [H] K. Hayamizu, J. Chem. Eng. Data 57, 2012-2017 (2012): PFG-NMR (7Li, 19F) self-diffusion
 *     in 1 M LiPF6, EC:DEC 4:6, 303 K: D_Li = 1.70e-10, D_PF6 = 2.61e-10 m^2/s. GRADE: these two
 *     values are as transcribed in a secondary compilation (GitHub research log, "Hayamizu, J.
 *     Chem. Eng. Data 57 (2012) ... EC/DEC 4:6 at 303 K"); the paper's table could not be
 *     opened here. The abstract (read) states the ionicity alpha = sigma_EIS / sigma_NE at
 *     303 K rises from 0.17 to 0.71 as the EC fraction goes from 0 to 100 %.
 *     Uncertainty: 5 % per coefficient (assumed typical PFG-NMR reproducibility; not quoted).
 * [VR] L. O. Valoen and J. N. Reimers, J. Electrochem. Soc. 152, A882 (2005), eq. 17 (as
 *     implemented in PyBaMM, electrolyte_conductivity_Valoen2005): impedance conductivity of
 *     LiPF6 in a PC/EC/DMC mixture, kappa [mS/cm] = c (a(T) + b(T) c + d(T) c^2)^2, c in mol/L.
 *     Uncertainty: 5 % (assumed; the fit residual is not quoted here).
 * [K] S. A. Krachkovskiy et al., J. Electrochem. Soc. 164, A912 (2017), abstract: 1 M LiPF6 in
 *     EC:DMC and EC:EMC, PFG-NMR + conductivity: Li+ transference numbers 0.31-0.35 (corrected
 *     for ion pairing), "significantly lower" than the NMR transport numbers; ion pairing
 *     36-67 %.
 * [HB] Handbook of Battery Materials, 2nd ed., C. Daniel and J. O. Besenhard (eds.), Wiley-VCH
 *     (2011), ch. 17, Table 17.18, p. 604: LiPF6 in EC/EMC (2/8), 0.02-1.5 M, NMR: t_Li+ =
 *     0.37-0.42 (its ref. [455]; consistent with C. Capiglia et al., J. Power Sources 81-82,
 *     859 (1999), abstract: PFG-NMR cation transport numbers 0.37-0.49 in EC:EMC).
 * A range [a, b] is used as a uniform distribution: mean (a + b)/2, sd (b - a)/sqrt(12). */
#define H_DLI 1.70e-10
#define H_DPF6 2.61e-10
#define H_T 303.15

static double valoen_reimers_S_per_m(double c_molar, double T)
{
    double a = -10.5 + 0.0740 * T - 6.96e-5 * T * T;
    double b = 0.668 - 0.0178 * T + 2.80e-5 * T * T;
    double d = 0.494 - 8.86e-4 * T;
    double q = a + b * c_molar + d * c_molar * c_molar;
    return 0.1 * c_molar * q * q; /* mS/cm -> S/m */
}

/* Worked case 1: Nernst-Einstein conductivity sigma_NE = F^2 c (D+ + D-) / (R T) (Haven ratio
 * 1) from the PFG-NMR self-diffusion coefficients [H] against the impedance conductivity [VR]
 * at the same c = 1 mol/L and T = 303.15 K. Result (printed): sigma_NE = 1.59 +- 0.06 S/m,
 * sigma_EIS = 1.30 +- 0.07 S/m, z = 3.3: they DISAGREE, as the physics says they should: ion
 * pairs and correlated ion motion carry no net current but do diffuse, so sigma_EIS/sigma_NE
 * (the ionicity, 1/H) is below 1 ([H] 0.17-0.71, [K] ion pairing 36-67 %). Asserted: the
 * arithmetic (z, ratio to closed form), and the physics: 0.17 <= sigma_EIS/sigma_NE < 1. The
 * ratio found, 0.82, is above [H]'s EC:DEC range because [VR]'s solvent is a different,
 * DMC-rich carbonate mix (no impedance value for Hayamizu's own EC:DEC 4:6 could be verified
 * here); the solvent mismatch is part of the reported difference. */
static void test_worked_ne_conductivity(void **state)
{
    (void)state;
    const double c = 1000.0, pref = MSB_F * MSB_F * c / (MSB_R * H_T);
    const double sig = pref * (H_DLI + H_DPF6);
    const double ssig = pref * hypot(0.05 * H_DLI, 0.05 * H_DPF6);
    const double meas = valoen_reimers_S_per_m(1.0, H_T), smeas = 0.05 * meas;
    msb_estimate *e;
    assert_ok(msb_validate(sig, ssig, meas, smeas, 2.0, &e));
    double z = get(e, "z", NULL), rsd, ratio = get(e, "ratio", &rsd);
    assert_close_rel(z, (sig - meas) / hypot(ssig, smeas), 1e-14);
    assert_close_rel(ratio, sig / meas, 1e-14);
    const double ionicity = meas / sig;
    assert_true(ionicity < 1.0 && ionicity >= 0.17);
    assert_true(get(e, "agree", NULL) == (fabs(z) <= 2.0 ? 1.0 : 0.0));
    char *txt;
    assert_ok(msb_validate_report(e, "sigma_NE [H] vs sigma_EIS [VR], 1 M LiPF6, 303 K", "S/m",
                                  &txt));
    print_message("%s\nionicity sigma_EIS/sigma_NE = %.3f (published: [H] 0.17-0.71 in EC:DEC)\n",
                  txt, ionicity);
    msb_string_free(txt);
    msb_estimate_destroy(e);
}

/* Worked case 2: the Nernst-Einstein transference (transport) number t+ = D+ / (D+ + D-) from
 * [H]'s self-diffusion coefficients, first-order sd (dt/dD+ = D-/(D+ + D-)^2, dt/dD- =
 * -D+/(D+ + D-)^2), against (a) the PFG-NMR transport numbers of LiPF6 in EC/EMC [HB]
 * (0.37-0.42): the same physical quantity in a similar solvent -> must agree within k = 2;
 * (b) the ion-pair-corrected transference numbers of [K] (0.31-0.35), which the authors find
 * "significantly lower" than transport numbers: t_NE must exceed [K]'s whole range. Printed:
 * t_NE = 0.394 +- 0.017; (a) z = -0.02; (b) z = +3.1. */
static void test_worked_transference(void **state)
{
    (void)state;
    const double sum = H_DLI + H_DPF6, t = H_DLI / sum;
    const double st = hypot(H_DPF6 / (sum * sum) * 0.05 * H_DLI,
                            H_DLI / (sum * sum) * 0.05 * H_DPF6);
    const double r12 = sqrt(12.0);
    const double nmr = 0.5 * (0.37 + 0.42), snmr = (0.42 - 0.37) / r12;
    const double kt = 0.5 * (0.31 + 0.35), skt = (0.35 - 0.31) / r12;
    msb_estimate *e;
    char *txt;
    assert_ok(msb_validate(t, st, nmr, snmr, 2.0, &e));
    assert_close_rel(get(e, "z", NULL), (t - nmr) / hypot(st, snmr), 1e-14);
    assert_true(get(e, "agree", NULL) == 1.0);
    assert_ok(msb_validate_report(e, "t+ NE [H] vs PFG-NMR transport number [HB]", "1", &txt));
    print_message("%s\n", txt);
    msb_string_free(txt);
    msb_estimate_destroy(e);
    assert_ok(msb_validate(t, st, kt, skt, 2.0, &e));
    assert_close_rel(get(e, "z", NULL), (t - kt) / hypot(st, skt), 1e-14);
    assert_true(t > 0.35);
    assert_ok(msb_validate_report(e, "t+ NE [H] vs ion-pair-corrected transference [K]", "1",
                                  &txt));
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
        cmocka_unit_test(test_worked_ne_conductivity),
        cmocka_unit_test(test_worked_transference),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

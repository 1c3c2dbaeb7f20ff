/* Elastic tensors: Voigt-Reuss-Hill moduli, Born stability, directional Young's modulus and the
 * stiffness fit. References are closed forms: an isotropic tensor from (lambda, mu) has
 * K_V = K_R = lambda + 2mu/3, G_V = G_R = mu and A^U = 0 (Hill 1952); cubic tensors have the
 * closed forms K = (C11 + 2 C12)/3, G_V = (C11 - C12 + 3 C44)/5 and
 * G_R = 5 (C11 - C12) C44 / (4 C44 + 3 (C11 - C12)), and E<100> = (C11 - C12)(C11 + 2C12)/(C11 + C12)
 * (J. F. Nye, Physical Properties of Crystals, 1957). The 93-tensor comparison with pymatgen is in
 * tests/python/test_mechanics.py. */
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static void isotropic(double lam, double mu, double *C)
{
    memset(C, 0, 36 * sizeof(double));
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) C[6 * a + b] = lam + (a == b ? 2 * mu : 0);
    for (int a = 3; a < 6; a++) C[6 * a + a] = mu;
}

static void cubic(double c11, double c12, double c44, double *C)
{
    memset(C, 0, 36 * sizeof(double));
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) C[6 * a + b] = a == b ? c11 : c12;
    for (int a = 3; a < 6; a++) C[6 * a + a] = c44;
}

static void test_isotropic(void **state)
{
    (void)state;
    double C[36], p[MSB_ELASTIC_NPROP];
    int st;
    const double lam = 60e9, mu = 27e9; /* aluminium-like */
    isotropic(lam, mu, C);
    assert_ok(msb_elastic_moduli(1, C, p, &st));
    assert_int_equal(st, 1);
    const double K = lam + 2 * mu / 3;
    /* closed forms; 1e-14 covers a 6x6 LU inverse's rounding */
    assert_close_rel(p[MSB_ELASTIC_K_VOIGT], K, 1e-14);
    assert_close_rel(p[MSB_ELASTIC_K_REUSS], K, 1e-13);
    assert_close_rel(p[MSB_ELASTIC_G_VOIGT], mu, 1e-14);
    assert_close_rel(p[MSB_ELASTIC_G_REUSS], mu, 1e-13);
    assert_close_rel(p[MSB_ELASTIC_E_VRH], mu * (3 * lam + 2 * mu) / (lam + mu), 1e-13);
    assert_close_rel(p[MSB_ELASTIC_NU_VRH], lam / (2 * (lam + mu)), 1e-13);
    assert_close_abs(p[MSB_ELASTIC_A_U], 0.0, 1e-12);
    assert_close_rel(p[MSB_ELASTIC_A_ZENER], 1.0, 1e-15);
    assert_close_rel(p[MSB_ELASTIC_MIN_EIGEN], mu, 1e-12); /* eigenvalues 3K, 2mu (x5)... and mu */
    double E[2];
    const double dirs[6] = {1, 0, 0, 1, 1, 1};
    assert_ok(msb_elastic_young_direction(C, 2, dirs, E));
    assert_close_rel(E[0], p[MSB_ELASTIC_E_VRH], 1e-13);
    assert_close_rel(E[1], p[MSB_ELASTIC_E_VRH], 1e-13);
}

static void test_cubic(void **state)
{
    (void)state;
    /* Copper, C11 = 168.4, C12 = 121.4, C44 = 75.4 GPa (Simmons & Wang 1971) */
    const double c11 = 168.4e9, c12 = 121.4e9, c44 = 75.4e9;
    double C[36], p[MSB_ELASTIC_NPROP];
    cubic(c11, c12, c44, C);
    assert_ok(msb_elastic_moduli(1, C, p, NULL));
    const double K = (c11 + 2 * c12) / 3, GV = (c11 - c12 + 3 * c44) / 5;
    const double GR = 5 * (c11 - c12) * c44 / (4 * c44 + 3 * (c11 - c12));
    assert_close_rel(p[MSB_ELASTIC_K_VOIGT], K, 1e-14);
    assert_close_rel(p[MSB_ELASTIC_K_REUSS], K, 1e-13);
    assert_close_rel(p[MSB_ELASTIC_G_VOIGT], GV, 1e-14);
    assert_close_rel(p[MSB_ELASTIC_G_REUSS], GR, 1e-13);
    assert_close_rel(p[MSB_ELASTIC_A_U], 5 * GV / GR - 5, 1e-12);
    assert_close_rel(p[MSB_ELASTIC_A_ZENER], 2 * c44 / (c11 - c12), 1e-15);
    const double dirs[6] = {1, 0, 0, 1, 1, 1};
    double E[2];
    assert_ok(msb_elastic_young_direction(C, 2, dirs, E));
    assert_close_rel(E[0], (c11 - c12) * (c11 + 2 * c12) / (c11 + c12), 1e-13);
    /* 1/E<111> = 1/(3 K_... ) closed form: S11 - 2(S11 - S12 - S44/2)/3 */
    const double S11 = (c11 + c12) / ((c11 - c12) * (c11 + 2 * c12));
    const double S12 = -c12 / ((c11 - c12) * (c11 + 2 * c12)), S44 = 1 / c44;
    assert_close_rel(E[1], 1 / (S11 - 2 * (S11 - S12 - S44 / 2) / 3), 1e-13);
    double S[36];
    assert_ok(msb_elastic_compliance(C, S));
    assert_close_rel(S[0], S11, 1e-13);
    assert_close_rel(S[1], S12, 1e-13);
    assert_close_rel(S[21], S44, 1e-13); /* engineering shear: S44 = 1/C44 */
}

static void test_analyze(void **state)
{
    (void)state;
    const double c11 = 168.4e9, c12 = 121.4e9, c44 = 75.4e9;
    double C[36];
    cubic(c11, c12, c44, C);
    msb_estimate *est;
    assert_ok(msb_elastic_analyze(C, &est));
    double v, st;
    assert_ok(msb_estimate_get(est, "E_100", &v, NULL));
    assert_close_rel(v, (c11 - c12) * (c11 + 2 * c12) / (c11 + c12), 1e-13);
    assert_ok(msb_estimate_get(est, "K_VRH", &v, NULL));
    assert_close_rel(v, (c11 + 2 * c12) / 3, 1e-13);
    assert_ok(msb_estimate_get(est, "stable", &st, NULL));
    assert_true(st == 1);
    msb_estimate_destroy(est);
    est = NULL;
    for (long k = 1; k <= 40; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_elastic_analyze(C, &est);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_estimate_destroy(est);
            est = NULL;
        } else {
            assert_int_equal(s, MSB_ENOMEM);
            assert_null(est);
        }
    }
    C[1] = NAN;
    assert_status(msb_elastic_analyze(C, &est), MSB_ENONFINITE);
    assert_status(msb_elastic_analyze(NULL, &est), MSB_ENULL);
    assert_null(est);
}

static void test_unstable_and_bad(void **state)
{
    (void)state;
    double C[36], p[MSB_ELASTIC_NPROP];
    int st = 7;
    cubic(100e9, 120e9, 50e9, C); /* C11 < C12: Born-unstable (C11 - C12 > 0 violated) */
    assert_ok(msb_elastic_is_stable(C, &st));
    assert_int_equal(st, 0);
    assert_ok(msb_elastic_moduli(1, C, p, &st));
    assert_int_equal(st, 0);
    assert_true(p[MSB_ELASTIC_MIN_EIGEN] < 0);
    const double dir[3] = {1, 0, 0};
    double E = 42;
    assert_status(msb_elastic_young_direction(C, 1, dir, &E), MSB_EDOM);
    assert_true(E == 42);
    /* singular: C11 = C12 */
    cubic(100e9, 100e9, 50e9, C);
    for (int k = 0; k < MSB_ELASTIC_NPROP; k++) p[k] = -1;
    assert_status(msb_elastic_moduli(1, C, p, &st), MSB_ESINGULAR);
    assert_true(strlen(msb_last_error_message()) > 0);
    assert_true(p[0] == -1);
    /* non-symmetric */
    cubic(200e9, 100e9, 50e9, C);
    C[1] += 1e6;
    assert_status(msb_elastic_moduli(1, C, p, &st), MSB_EINVAL);
    assert_non_null(strstr(msb_last_error_message(), "symmetric"));
    C[1] = NAN;
    assert_status(msb_elastic_moduli(1, C, p, &st), MSB_ENONFINITE);
    C[1] = INFINITY;
    assert_status(msb_elastic_is_stable(C, &st), MSB_ENONFINITE);
    assert_status(msb_elastic_moduli(1, NULL, p, &st), MSB_ENULL);
    assert_status(msb_elastic_moduli(0, C, p, &st), MSB_ESIZE);
    assert_true(p[0] == -1);
    const double zero[3] = {0, 0, 0};
    cubic(200e9, 100e9, 50e9, C);
    assert_status(msb_elastic_young_direction(C, 1, zero, &E), MSB_EDOM);
}

/* Synthetic strain-stress data from a known triclinic-ish tensor with Gaussian stress noise of
 * known sd: the fit must recover C within its error bars. Coverage: over R replicates x 21
 * components the 1-sigma interval holds the truth with probability 0.6827; tolerance 4 binomial
 * sd of the pooled fraction (components within a replicate are correlated, so the effective
 * count is smaller: we use R, not 21 R, for the sd). */
static void make_truth(double *C)
{
    cubic(160e9, 70e9, 45e9, C);
    C[2] = C[12] = 60e9;
    C[14] = 180e9;
    C[3] = C[18] = 5e9;
    C[35] = 40e9;
    C[17] = C[32] = -3e9;
}

static void test_fit_coverage(void **state)
{
    (void)state;
    double Ct[36];
    make_truth(Ct);
    msbt_rng rng;
    msbt_rng_seed(&rng, 77);
    const int R = 200, n = 12;
    const double sd = 0.2e9, h = 0.01;
    int hits = 0, total = 0, chi_ok = 0;
    for (int r = 0; r < R; r++) {
        double e[12 * 6], s[12 * 6];
        for (int i = 0; i < n; i++) {
            /* +-h along each Voigt direction (6 x 2 = 12 states), engineering shears */
            for (int a = 0; a < 6; a++) e[6 * i + a] = 0;
            e[6 * i + i % 6] = (i < 6 ? 1 : -1) * h;
            for (int a = 0; a < 6; a++) {
                double v = 0;
                for (int b = 0; b < 6; b++) v += Ct[6 * a + b] * e[6 * i + b];
                s[6 * i + a] = v + sd * msbt_normal(&rng);
            }
        }
        msb_estimate *est;
        assert_ok(msb_elastic_fit((size_t)n, e, s, sd, 0, &est));
        size_t idx, len;
        double C[36], Csd[36], chi2;
        assert_ok(msb_estimate_find(est, "C", &idx));
        assert_ok(msb_estimate_values(est, idx, 36, C, Csd, &len));
        assert_int_equal(len, 36);
        assert_ok(msb_estimate_get(est, "chi2", &chi2, NULL));
        chi_ok += chi2 < 72 - 21 + 3 * sqrt(2.0 * 51);
        for (int a = 0; a < 6; a++)
            for (int b = a; b < 6; b++) {
                assert_true(C[6 * a + b] == C[6 * b + a]);
                hits += fabs(C[6 * a + b] - Ct[6 * a + b]) <= Csd[6 * a + b];
                total++;
            }
        /* closed form of the sd for this design: diagonal C_aa is seen by 2 states with +-h, so
         * sd(C_aa) = sd / (h sqrt 2) */
        assert_close_rel(Csd[0], sd / (h * sqrt(2.0)), 1e-10);
        msb_estimate_destroy(est);
    }
    const double frac = (double)hits / total, bsd = sqrt(0.6827 * 0.3173 / R);
    if (fabs(frac - 0.6827) > 4 * bsd) fail_msg("coverage %.3f vs 0.683 (4 sd = %.3f)", frac, 4 * bsd);
    assert_true(chi_ok >= R * 95 / 100);
}

static void test_fit_offset_and_errors(void **state)
{
    (void)state;
    double Ct[36];
    make_truth(Ct);
    /* noiseless, 8 states: +-h along each direction plus two mixed states; with residual
     * stress sigma0 fitted */
    const double s0[6] = {1e8, -2e8, 3e7, 0, 5e6, -1e6};
    double e[10 * 6] = {0}, s[10 * 6];
    for (int i = 0; i < 6; i++) e[6 * i + i] = 0.01;
    for (int a = 0; a < 6; a++) e[36 + a] = -0.005 * (a + 1);
    for (int a = 0; a < 6; a++) e[42 + a] = 0.003 * (a % 2 ? 1 : -1);
    const int n = 8;
    for (int i = 0; i < n; i++)
        for (int a = 0; a < 6; a++) {
            double v = s0[a];
            for (int b = 0; b < 6; b++) v += Ct[6 * a + b] * e[6 * i + b];
            s[6 * i + a] = v;
        }
    msb_estimate *est = NULL;
    assert_ok(msb_elastic_fit((size_t)n, e, s, NAN, 1, &est));
    size_t idx, len;
    double C[36], so[6], stab;
    assert_ok(msb_estimate_find(est, "C", &idx));
    assert_ok(msb_estimate_values(est, idx, 36, C, NULL, &len));
    for (int k = 0; k < 36; k++) assert_close_abs(C[k], Ct[k], 1e-6 * 180e9); /* rounding only */
    assert_ok(msb_estimate_find(est, "sigma0", &idx));
    assert_ok(msb_estimate_values(est, idx, 6, so, NULL, &len));
    for (int k = 0; k < 6; k++) assert_close_abs(so[k], s0[k], 1e-8 * 180e9);
    assert_ok(msb_estimate_get(est, "stable", &stab, NULL));
    assert_true(stab == 1);
    msb_estimate_destroy(est);
    est = NULL;
    /* fewer strain states than unknowns */
    assert_status(msb_elastic_fit(3, e, s, 1e6, 0, &est), MSB_EINSUFFICIENT);
    assert_true(strlen(msb_last_error_message()) > 0);
    assert_status(msb_elastic_fit(4, e, s, 1e6, 1, &est), MSB_EINSUFFICIENT);
    /* rank deficient: all states along e11 only */
    double e2[8 * 6] = {0};
    for (int i = 0; i < 8; i++) e2[6 * i] = 0.001 * (i + 1);
    assert_status(msb_elastic_fit(8, e2, s, 1e6, 0, &est), MSB_ESINGULAR);
    s[3] = NAN;
    assert_status(msb_elastic_fit((size_t)n, e, s, 1e6, 0, &est), MSB_ENONFINITE);
    assert_status(msb_elastic_fit((size_t)n, e, s, INFINITY, 0, &est), MSB_ENONFINITE);
    assert_status(msb_elastic_fit((size_t)n, NULL, s, 1e6, 0, &est), MSB_ENULL);
    assert_null(est);
    /* allocation failures */
    s[3] = 0;
    for (long k = 1; k <= 8; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_elastic_fit((size_t)n, e, s, 1e6, 0, &est);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_estimate_destroy(est);
            est = NULL;
        } else {
            assert_int_equal(st, MSB_ENOMEM);
            assert_null(est);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_isotropic),
        cmocka_unit_test(test_cubic),
        cmocka_unit_test(test_analyze),
        cmocka_unit_test(test_unstable_and_bad),
        cmocka_unit_test(test_fit_coverage),
        cmocka_unit_test(test_fit_offset_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

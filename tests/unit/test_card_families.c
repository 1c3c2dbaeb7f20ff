/* Law cards for every family beyond the rate laws (kapitza, langmuir, free_energy_rk, the OCV
 * laws, cohesive, chemomech, composed): bitwise round trips (parameters, covariance, validity,
 * values, input derivatives, uncertainties compared with memcmp; re-written text identical),
 * array constants and nested part cards, corrupted and truncated family data rejected with
 * file:line:column, and the new exporters checked by running their output (Python with
 * /usr/bin/python3, the C header with the system cc) against msb_law_eval.
 *
 * References: the round trips are self-referential by design (issue 8: "reading it back gives an
 * identical law, bitwise"): equality of the read-back law with the written one is the property
 * under test. The exporter references are the library's own kernels, which each family's unit
 * test checks against closed forms; the exported expression is an independent re-implementation
 * of the same formula evaluated by another language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"
#include "laws/law_internal.h"
#include "msb_test.h"
#include "msbridge.h"

/* a fresh scratch folder per test group (tests/unit/support) */
static int setup(void **state)
{
    (void)state;
    return msbt_tmpdir_create("/tmp/msb_test_cardfam_");
}

static int teardown(void **state)
{
    (void)state;
    return msbt_tmpdir_remove();
}

#define tpath msbt_tmp_path

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    assert_non_null(p);
    return p;
}

#define assert_same_law msbt_assert_same_law

/* Write to a file, read back, compare bitwise; the re-written text equals the first. Returns
 * the card text (free with msb_string_free). */
static char *round_trip(const msb_law *law, size_t n, const double *x, const char *file)
{
    assert_ok(msb_card_write(law, tpath(file), 0, NULL, "test_card_families", NULL));
    msb_law *back = NULL;
    assert_ok(msb_card_read(tpath(file), &back));
    assert_same_law(law, back, n, x);
    char *t1, *t2;
    assert_ok(msb_card_to_string(law, 0, NULL, "test_card_families", NULL, &t1));
    assert_ok(msb_card_to_string(back, 0, NULL, "test_card_families", NULL, &t2));
    assert_string_equal(t1, t2);
    msb_string_free(t2);
    /* and once more from the text of the read-back law */
    msb_law *again = NULL;
    assert_ok(msb_card_from_string(t1, strlen(t1), file, &again));
    assert_same_law(law, again, n, x);
    msb_law_destroy(again);
    msb_law_destroy(back);
    return t1;
}

/* Replace the first occurrence of `from` with `to` (malloc'ed result). */
static char *subst(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (at == NULL) fail_msg("'%s' not in the card", from);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *r = malloc(n + 1);
    size_t pre = (size_t)(at - s);
    memcpy(r, s, pre);
    strcpy(r + pre, to);
    strcat(r, at + strlen(from));
    return r;
}

/* The text must fail with `code`, name card.json:LINE:COL (when want_pos) and contain needle. */
static void expect_bad(const char *text, msb_status code, int want_pos, const char *needle)
{
    msb_law *law = (msb_law *)0x1;
    assert_status(msb_card_from_string(text, strlen(text), "card.json", &law), code);
    assert_ptr_equal(law, (msb_law *)0x1);
    const char *msg = msb_last_error_message();
    assert_true(strlen(msg) > 0);
    if (needle && !strstr(msg, needle)) fail_msg("message '%s' lacks '%s'", msg, needle);
    if (want_pos) {
        const char *at = strstr(msg, "card.json:");
        int line = 0, col = 0;
        if (at == NULL || sscanf(at, "card.json:%d:%d:", &line, &col) != 2 || line < 1 ||
            col < 1)
            fail_msg("message '%s' has no card.json:line:column", msg);
    }
}

static void expect_bad_sub(const char *good, const char *from, const char *to, msb_status code,
                           int want_pos, const char *needle)
{
    char *t = subst(good, from, to);
    expect_bad(t, code, want_pos, needle);
    free(t);
}

/* Every prefix of a card fails with MSB_ETRUNCATED or MSB_EFORMAT (never a law). Long cards are
 * cut at every byte near the start and end and every 7th byte in between. */
static void expect_all_cuts_fail(const char *good)
{
    const size_t n = strlen(good);
    for (size_t cut = 0; cut + 1 < n; cut += (cut < 400 || cut + 400 > n) ? 1 : 7) {
        msb_law *out = NULL;
        msb_status st = msb_card_from_string(good, cut, "cut.json", &out);
        if (st != MSB_ETRUNCATED && st != MSB_EFORMAT) fail_msg("cut at %zu gave %d", cut, st);
        assert_null(out);
    }
}

/* ---------------------------------------------------------------- kapitza */

static void test_kapitza(void **state)
{
    (void)state;
    msb_law *law, *dom;
    assert_ok(msb_kapitza_create(2.3456789012345e-9, 1.1e-20 / 3, &law));
    const double q[3] = {1.0e6 / 3, -3.3e5, 7.77e7};
    const double lo[1] = {-1e8 / 3}, hi[1] = {1e8 / 7};
    assert_ok(msb_law_with_domain(law, lo, hi, &dom));
    char *t = round_trip(dom, 3, q, "kapitza.json");
    assert_non_null(strstr(t, "\"family\": {}"));
    msb_string_free(t);
    msb_law_destroy(dom);
    msb_law_destroy(law);

    const double c2[4] = {1e-20 / 3, 1e-23 / 7, 1e-23 / 7, 1e-24 / 3};
    assert_ok(msb_kapitza_linear_create(3.3e-9 / 3, -1.7e-12 / 7, 300.123456789, c2, &law));
    const double qT[6] = {1e6 / 3, 250.5, -2e5, 300.123456789, 5e7, 611.1};
    t = round_trip(law, 3, qT, "kapitza_lin.json");
    expect_bad_sub(t, "\"T_ref_K\": ", "\"T_ref_K\": -", MSB_EDOM, 0, "T_ref_K");
    expect_bad_sub(t, "\"T_ref_K\": ", "\"T_rf_K\": ", MSB_EFORMAT, 1, "'T_ref_K' is missing");
    expect_bad_sub(t, "\"T_ref_K\": ", "\"T_ref_K\": [300], \"x\": ", MSB_EFORMAT, 1,
                   "must be a number");
    expect_bad_sub(t, "\"T_ref_K\": ", "\"T_rf\": 1, \"T_ref_K\": ", MSB_EFORMAT, 1,
                   "unknown family constant T_rf");
    expect_bad_sub(t, "\"T_ref_K\": ", "\"T_ref_K\": \"300\", \"x\": ", MSB_EFORMAT, 1,
                   "numbers");
    expect_all_cuts_fail(t);
    msb_string_free(t);
    msb_law_destroy(law);
}

/* ---------------------------------------------------------------- langmuir */

static void test_langmuir(void **state)
{
    (void)state;
    const double e = MSB_EV;
    const double c2[4] = {pow(0.01 * e, 2), 1e-3 * e * 1e-24, 1e-3 * e * 1e-24, 1e-46};
    msb_law *law;
    char *t;
    for (int dis = 0; dis <= 1; dis++) {
        assert_ok(msb_langmuir_create(-0.4 * e / 3, -1.1e-22 / 3, 1e5 / 3, dis, c2, &law));
        const double x[6] = {1e3 / 3, 300.1, dis ? 1e-3 : 0.0, 400.0, 5e4 / 7, 500.5};
        t = round_trip(law, 3, x, dis ? "langmuir_dis.json" : "langmuir.json");
        /* ln P_ref is stored as held (not recomputed from P_ref) */
        assert_non_null(strstr(t, "\"ln_P_ref\": "));
        expect_bad_sub(t, "\"form\": 0", "\"form\": 3", MSB_EFORMAT, 1, "form");
        expect_bad_sub(t, "\"form\": 0", "\"form\": 0.5", MSB_EFORMAT, 1, "integer");
        expect_bad_sub(t, "\"form\": 0", "\"form\": 1", MSB_EFORMAT, 1, "k_ads");
        expect_bad_sub(t, "\"form\": 0, ", "", MSB_EFORMAT, 1, "form");
        msb_string_free(t);
        msb_law_destroy(law);
    }

    /* competitive, N = 3: 4 inputs, 3 outputs, 6 parameters */
    const double dH[3] = {-0.3 * e / 3, -0.45 * e / 7, -0.2 * e / 9};
    const double dS[3] = {-1e-22 / 3, -0.9e-22 / 7, -1.2e-22 / 9};
    double c6[36] = {0};
    for (int i = 0; i < 6; i++) c6[i * 7] = i % 2 ? 1e-47 : pow(0.005 * e, 2);
    c6[1] = c6[6] = 2e-3 * e * 1e-24;
    assert_ok(msb_langmuir_competitive_create(3, dH, dS, 101325.0 / 3, c6, &law));
    const double xc[8] = {1e3 / 3, 2e4 / 7, 3e2, 350.5, 0.0, 1e5, 1e4 / 3, 600.25};
    t = round_trip(law, 2, xc, "langmuir_comp.json");
    expect_bad_sub(t, "\"dissociative\": 0", "\"dissociative\": 1", MSB_EFORMAT, 0,
                   "competitive");
    msb_string_free(t);
    msb_law_destroy(law);

    /* from rate laws: k_ads Eyring (with Wigner constant), k_des Arrhenius named k [1/s] */
    msb_law *ka, *kd;
    assert_ok(msb_tst_eyring_create(0.3 * e / 7, -1e-23 / 3, 0.7 / 3, 2.345e12, c2, &ka));
    assert_ok(msb_arrhenius_create_named(1.2345e13 / 3, 0.9 * e / 7, c2, "k", "1/s", &kd));
    for (int dis = 0; dis <= 1; dis++) {
        assert_ok(msb_langmuir_from_rates_create(ka, kd, 1e5 / 7, dis, &law));
        const double x[6] = {1e3 / 3, 300.1, 2.5e2, 400.0, 5e4 / 7, 500.5};
        t = round_trip(law, 3, x, "langmuir_rates.json");
        assert_non_null(strstr(t, "\"parts\": {\n    \"k_ads\": {"));
        assert_non_null(strstr(t, "\"kind\": \"tst_eyring\""));
        /* a corrupted nested card: its position is reported in the outer file */
        expect_bad_sub(t, "\"kappa\": ", "\"kapa\": 0.5, \"kappa\": ", MSB_EFORMAT, 1,
                       "unknown family constant kapa");
        expect_bad_sub(t, "\"kind\": \"tst_eyring\"", "\"kind\": \"nonesuch\"", MSB_EBADLAW, 1,
                       "nonesuch");
        expect_bad_sub(t, "\"k_des\": {", "\"k_dez\": {", MSB_EFORMAT, 1, "k_des");
        expect_bad_sub(t, "\"k_ads\": {", "\"extra\": {}, \"k_ads\": {", MSB_EFORMAT, 1, NULL);
        expect_bad_sub(t, "\"k_ads\": {", "\"k_ads\": [", MSB_EFORMAT, 1, NULL);
        expect_all_cuts_fail(t);
        msb_string_free(t);
        msb_law_destroy(law);
    }
    msb_law_destroy(ka);
    msb_law_destroy(kd);
}

/* ---------------------------------------------------------------- thermodynamics / OCV */

static void test_free_energy_and_ocv(void **state)
{
    (void)state;
    const double e = MSB_EV;
    /* regular-solution-like RK law: A0 = 0.1 eV > 2 kB T below 580 K -> a miscibility gap */
    const double A[2] = {0.1 * e / 1.0000000001, 0.013 * e / 3}, B[2] = {1e-5 * e / 3, 0.0};
    double c5[25] = {0};
    for (int i = 0; i < 5; i++) c5[i * 6] = pow(1e-3 * e / (i + 1), 2);
    c5[1] = c5[5] = 1e-7 * e * e / 3;
    msb_law *fe, *dom;
    assert_ok(msb_free_energy_rk_create(-0.31 * e / 3, 2, A, B, -3.9 * e / 7, c5, &fe));
    const double lo[2] = {0.01 / 3, 250.0 / 3}, hi[2] = {0.99, 700.0 / 3 * 2};
    assert_ok(msb_law_with_domain(fe, lo, hi, &dom));
    const double xT[6] = {0.2 / 3, 300.1, 0.5, 350.0, 0.81, 400.0 / 3};
    char *t = round_trip(dom, 3, xT, "free_energy_rk.json");
    expect_bad_sub(t, "\"mu_ref_J\": ", "\"mu_rf_J\": ", MSB_EFORMAT, 1, "mu_ref_J");
    msb_string_free(t);
    msb_law_destroy(dom);

    /* OCV from the free energy: the part is a nested free_energy_rk card */
    msb_law *ocv;
    assert_ok(msb_ocv_free_energy_create(fe, 250.0 / 3 * 3, 350.0 + 1.0 / 3, &ocv));
    const double xo[8] = {0.05, 300.0 + 1.0 / 7, 0.5, 300.0 + 1.0 / 7, 0.93, 320.0, 0.4, 260.5};
    size_t ng = 0;
    double gl[4], gh[4];
    assert_ok(msb_ocv_binodals(ocv, 300.0, 4, gl, gh, &ng));
    assert_int_equal(ng, 1); /* x = 0.5 is inside the gap: the plateau branch is covered */
    t = round_trip(ocv, 4, xo, "ocv_fe.json");
    assert_non_null(strstr(t, "\"free_energy\": {"));
    msb_law *back;
    assert_ok(msb_card_from_string(t, strlen(t), "ocv.json", &back));
    size_t ng2 = 0;
    double gl2[4], gh2[4];
    assert_ok(msb_ocv_binodals(back, 300.0, 4, gl2, gh2, &ng2));
    assert_int_equal(ng2, ng);
    assert_memory_equal(gl, gl2, ng * sizeof(double));
    assert_memory_equal(gh, gh2, ng * sizeof(double));
    msb_law_destroy(back);
    expect_bad_sub(t, "\"dT_K\": ", "\"dT_K\": -", MSB_EDOM, 0, "dT_K");
    expect_bad_sub(t, "\"free_energy\": {", "\"free_energi\": {", MSB_EFORMAT, 1, "free_energy");
    expect_bad_sub(t, "\"kind\": \"free_energy_rk\"", "\"kind\": \"arrhenius\"", MSB_EFORMAT, 0,
                   NULL);
    expect_all_cuts_fail(t);
    msb_string_free(t);
    msb_law_destroy(ocv);
    msb_law_destroy(fe);

    /* plateaus (array constant x_b) */
    const double xb[4] = {0.0, 0.25 / 3, 0.6, 1.0}, V[3] = {3.9 / 3 * 3, 3.6 + 1e-9 / 7, 3.4};
    assert_ok(msb_ocv_plateau_create(3, xb, V, 0.01 / 3, &ocv));
    const double xp[8] = {0.01, 300, 0.25 / 3, 310, 0.59, 320, 0.95, 330};
    t = round_trip(ocv, 4, xp, "ocv_plateau.json");
    assert_non_null(strstr(t, "\"x_b\": [0, 0.083333333333333329"));
    expect_bad_sub(t, "\"x_b\": [0, ", "\"x_b\": [", MSB_EFORMAT, 1, "x_b");
    expect_bad_sub(t, "\"x_b\": [0, ", "\"x_b\": [null, ", MSB_EFORMAT, 1, NULL);
    expect_bad_sub(t, "\"x_b\": [0, ", "\"x_b\": [0.5, ", MSB_EINVAL, 0, "increasing");
    expect_bad_sub(t, "\"x_b\": [0, ", "\"x_b\": 0, \"y\": [0, ", MSB_EFORMAT, 1, "x_b");
    expect_bad_sub(t, "\"x_b\": [0, ", "\"x_b\": [[0], ", MSB_EFORMAT, 1, "numbers");
    expect_all_cuts_fail(t);
    msb_string_free(t);
    msb_law_destroy(ocv);

    /* measured tables with and without dV/dT (Steffen slopes recomputed bitwise) */
    enum { N = 41 };
    double x[N], v[N], s[N];
    for (int i = 0; i < N; i++) {
        x[i] = 0.02 + 0.96 * i / (N - 1.0);
        v[i] = 4.2 - 0.9 * x[i] - 0.05 * log(x[i] / (1 - x[i])) / 3;
        s[i] = -1e-4 * (x[i] - 0.3) / 7;
    }
    for (int withT = 0; withT <= 1; withT++) {
        assert_ok(msb_ocv_table_create(N, x, v, withT ? s : NULL, 298.15, 0.0, &ocv));
        const double xt[8] = {0.02, 250.0, 0.3333333333, 298.15, 0.71, 330.5, 0.98, 310.0};
        t = round_trip(ocv, 4, xt, withT ? "ocv_table_T.json" : "ocv_table.json");
        assert_int_equal(strstr(t, "\"dVdT\"") != NULL, withT);
        expect_bad_sub(t, "\"V\": [", "\"V\": [1, ", MSB_EFORMAT, 1, "'V' has 42 entries");
        if (withT) {
            expect_bad_sub(t, "\"T_ref_K\": ", "\"T_rf_K\": ", MSB_EFORMAT, 1, "T_ref_K");
            expect_bad_sub(t, "\"dVdT\": [", "\"dVdT\": [1, ", MSB_EFORMAT, 1, "dVdT");
        }
        expect_all_cuts_fail(t);
        msb_string_free(t);
        msb_law_destroy(ocv);
    }
}

/* ---------------------------------------------------------------- cohesive, chemomech */

static void test_cohesive_chemomech(void **state)
{
    (void)state;
    msb_law *law;
    char *t;
    const double c2[4] = {0.01 / 3, 1e-12, 1e-12, 1e-20 / 7};
    assert_ok(msb_cohesive_exponential_create(2.5 / 3, 0.3e-9 / 7, c2, &law));
    const double d[3] = {0.0, 1e-11 / 3, 2e-9};
    t = round_trip(law, 3, d, "coh_exp.json");
    expect_bad_sub(t, "\"name\": \"G_c\", \"unit\": \"J/m^2\", \"value\": ",
                   "\"name\": \"G_c\", \"unit\": \"J/m^2\", \"value\": -", MSB_EDOM, 0, NULL);
    msb_string_free(t);
    msb_law_destroy(law);

    const double c3[9] = {0.01 / 3, 0, 0, 0, 1e14 / 7, 0, 0, 0, 1e-24};
    assert_ok(msb_cohesive_bilinear_create(2.5 / 3, 3e9 / 7, 1e-10 / 3, c3, &law));
    const double db[4] = {0.0, 1e-11 / 7, 5e-10, 2e-8};
    t = round_trip(law, 4, db, "coh_bilin.json");
    msb_string_free(t);
    msb_law_destroy(law);

    const double cu[4] = {1e-6 / 3, 1e-14, 1e-14, 1e-12 / 7};
    assert_ok(msb_voltage_pressure_create(3.7 / 3 * 2, 5.5e-6 / 3, 1.01325e5 / 7, 1.0, cu, &law));
    const double p[3] = {0.0, 1e8 / 3, -2e9 / 7};
    t = round_trip(law, 3, p, "volt_press.json");
    expect_bad_sub(t, "\"nF_C_per_mol\": ", "\"nF_C_per_mol\": -", MSB_EDOM, 0, NULL);
    expect_bad_sub(t, "\"p0_Pa\": ", "\"p0_pa\": ", MSB_EFORMAT, 1, "p0_Pa");
    msb_string_free(t);
    msb_law_destroy(law);

    double c8[64] = {0};
    for (int i = 0; i < 8; i++) c8[i * 9] = i < 2 ? (i ? pow(0.01 * MSB_EV, 2) : 0.04) : 1e-62;
    const double O6[6] = {1e-30 / 3, 2e-30 / 7, -1e-30 / 9, 0.5e-30 / 3, 0.0, -0.25e-30 / 7};
    assert_ok(msb_activation_volume_tensor_create(1.23e-7 / 3, 0.8 * MSB_EV / 7, O6, c8, &law));
    const double xs[14] = {300.5, 1e8, -2e8, 3e8, 1e7, 0, -5e7,
                           900.0 / 7, -1e9 / 3, 0, 0, 2e8, 3e8, 1e6};
    t = round_trip(law, 2, xs, "actvol6.json");
    msb_string_free(t);
    msb_law_destroy(law);

    const double cb[4] = {1e-22 / 3, 0, 0, 1e-14 / 7};
    assert_ok(msb_barodiffusion_create(1.1e-10 / 3, 7.7e-6 / 3, cb, &law));
    const double xb[16] = {1e3 / 3, 300.5, 1e5, -2e5 / 3, 0, 1e10, 2e9 / 7, -3e9,
                           0.0,     350.0, 1,   2,        3, 4,    5,       6};
    t = round_trip(law, 2, xb, "baro.json");
    msb_string_free(t);
    msb_law_destroy(law);
}

/* ---------------------------------------------------------------- composed */

static void test_composed(void **state)
{
    (void)state;
    const double e = MSB_EV;
    const double ci[4] = {0.01 / 3, 1e-3 * e * 1e-3, 1e-3 * e * 1e-3, pow(0.002 * e, 2) / 7};
    const double co[9] = {0.04 / 3, 0, 0, 0, pow(0.02 * e, 2) / 7, 0, 0, 0, 1e-62 / 3};
    msb_law *inner, *outer, *chain, *dom, *chain2;
    assert_ok(msb_arrhenius_create_named(3e9 / 7, 0.05 * e / 3, ci, "sigma", "Pa", &inner));
    assert_ok(msb_activation_volume_create(1e-7 / 3, 0.6 * e / 7, 2e-30 / 3, co, &outer));
    assert_ok(msb_law_compose(outer, 1, inner, 0, &chain));
    const double T[3] = {350.0 / 3 * 3, 500.5, 1000.0 / 7};
    const double lo[1] = {300.0 / 7 * 7}, hi[1] = {1200.0 / 3};
    assert_ok(msb_law_with_domain(chain, lo, hi, &dom));
    char *t = round_trip(dom, 3, T, "composed.json");
    assert_non_null(strstr(t, "\"inner\": {\n      \"format\": \"msbridge-law-card\""));
    expect_bad_sub(t, "\"slot\": 1", "\"slot\": 0", MSB_EUNITS, 0, NULL);
    expect_bad_sub(t, "\"slot\": 1", "\"slot\": -1", MSB_EFORMAT, 1, "slot");
    expect_bad_sub(t, "\"slot\": 1", "\"slot\": 99", MSB_EFORMAT, 1, "slot");
    expect_bad_sub(t, "\"inner\": {", "\"innr\": {", MSB_EFORMAT, 1, "inner");
    expect_bad_sub(t, "\"inner\": {\n      \"format\": \"msbridge-law-card\"",
                   "\"inner\": {\n      \"format\": \"other\"", MSB_EFORMAT, 1, "not a law card");
    expect_bad_sub(t, "\"inner\": {\n      \"format\": \"msbridge-law-card\",\n      "
                   "\"format_version\": 1", "\"inner\": {\n      \"format\": \"msbridge-law-card\",\n"
                   "      \"format_version\": 2", MSB_EVERSION, 1, NULL);
    /* the composite's input description must still match what the parts imply */
    expect_bad_sub(t, "\"name\": \"Em0\"", "\"name\": \"Em1\"", MSB_EFORMAT, 0, "Em1");
    expect_all_cuts_fail(t);
    msb_string_free(t);

    /* the composite's own parameters (msb_law_with_params) differ from its parts' */
    double P[5], C[25];
    assert_ok(msb_law_params(chain, P));
    assert_ok(msb_law_covariance(chain, C));
    P[0] += 0.125 / 3;
    P[3] *= 1.0 + 1.0 / 7;
    for (int k = 0; k < 25; k++) C[k] *= 0.5 / 3;
    assert_ok(msb_law_with_params(chain, P, C, &chain2));
    t = round_trip(chain2, 3, T, "composed_params.json");
    msb_string_free(t);

    /* a composition of a composition (parts nested two deep): sigma(T = q R) from a Kapitza
     * law feeding an Arrhenius "sigma" [Pa], which feeds the activation-volume law's stress */
    msb_law *kap, *sig, *sig_q, *deep;
    assert_ok(msb_kapitza_create(1e-9 / 3, 1e-22 / 7, &kap));
    assert_ok(msb_arrhenius_create_named(3e9 / 7, 0.05 * e / 3, ci, "sigma", "Pa", &sig));
    assert_ok(msb_law_compose(sig, 0, kap, 0, &sig_q));
    assert_ok(msb_law_compose(outer, 1, sig_q, 0, &deep));
    assert_int_equal(msb_law_n_inputs(deep), 2); /* T and q */
    const double Tq[6] = {350.0 / 3 * 3, 9e11 + 1.0 / 3, 500.5, 1.2e12, 1000.0 / 7, 1.5e12 / 7};
    t = round_trip(deep, 3, Tq, "composed_deep.json");
    assert_non_null(strstr(t, "\"kind\": \"kapitza\""));
    expect_bad_sub(t, "\"kind\": \"kapitza\"", "\"kind\": \"kapitza_linear\"", MSB_EFORMAT, 1,
                   "T_ref_K");
    expect_all_cuts_fail(t);
    msb_string_free(t);
    msb_law_destroy(deep);
    msb_law_destroy(sig_q);
    msb_law_destroy(sig);
    msb_law_destroy(kap);
    msb_law_destroy(chain2);
    msb_law_destroy(dom);
    msb_law_destroy(chain);
    msb_law_destroy(outer);
    msb_law_destroy(inner);
}

/* ---------------------------------------------------------------- transport (issue 3) */

static void test_transport(void **state)
{
    (void)state;
    const double e = MSB_EV;
    const double ca[4] = {0.01 / 3, 1e-3 * e * 1e-3, 1e-3 * e * 1e-3, pow(0.003 * e, 2) / 7};
    msb_law *Dp, *Dm, *sig, *R, *tp;
    assert_ok(msb_arrhenius_create(1.1e-7 / 3, 0.35 * e / 7, ca, &Dp));
    assert_ok(msb_tst_eyring_create(0.4 * e / 3, 1e-23 / 7, 0.9, 1e12 / 3, ca, &Dm)); /* any 1/s law */
    msb_law *D2;
    assert_ok(msb_arrhenius_create(2.3e-8 / 7, 0.28 * e / 3, ca, &D2));
    const msb_law *parts[2] = {Dp, D2};
    const double n[2] = {1.2e28 / 3, 1.2e28 / 7}, H[2] = {0.4 / 3, 0.9}, Hs[2] = {0.02, 0.05 / 3};
    const int z[2] = {1, -1};
    assert_ok(msb_nernst_einstein_create(2, parts, n, z, H, Hs, &sig));
    const double T[3] = {300.5, 450.0 / 7 * 7 + 1.0 / 3, 800.25};
    char *t = round_trip(sig, 3, T, "nernst_einstein.json");
    assert_non_null(strstr(t, "\"D_1\": {"));
    expect_bad_sub(t, "\"w\": [", "\"w\": [1, ", MSB_EFORMAT, 1, "part 'D_2' is missing");
    expect_bad_sub(t, "\"w\": [", "\"w\": [-", MSB_EDOM, 0, NULL);
    expect_bad_sub(t, "\"D_1\": {", "\"D_2\": {", MSB_EFORMAT, 1, "D_1");
    expect_all_cuts_fail(t);
    msb_string_free(t);

    assert_ok(msb_sei_resistance_create(sig, 20e-9 / 3, 5e-9 / 7, &R));
    t = round_trip(R, 3, T, "layer_resistance.json"); /* nested two deep: R -> sigma -> D_i */
    expect_bad_sub(t, "\"sigma\": {", "\"sigma\": {\"x\": 1, ", MSB_EFORMAT, 1, "unknown member");
    msb_string_free(t);

    assert_ok(msb_transference_ne_create(Dp, D2, 1e27 / 3, 1, 2e27 / 7, -2, &tp));
    t = round_trip(tp, 3, T, "transference_ne.json");
    expect_bad_sub(t, "\"D_minus\": {", "\"D_minu\": {", MSB_EFORMAT, 1, "D_minus");
    msb_string_free(t);

    /* tabulated mu (spline matrix recomputed bitwise) and Darken on top of it */
    enum { N = 21 };
    double x[N], mu[N], sd[N];
    for (int i = 0; i < N; i++) {
        x[i] = 0.02 + 0.9 * i / (N - 1.0) + 1e-3 * (i % 3) / 7;
        mu[i] = MSB_K_B * 300 * log(x[i] / (1.0 - x[i])) - 0.05 * e * x[i] / 3;
        sd[i] = 1e-3 * e / (i + 3);
    }
    msb_law *mt, *dk, *dk2;
    assert_ok(msb_mu_table_create(N, x, mu, sd, 300.0 + 1.0 / 3, &mt));
    const double xT[6] = {0.02, 300.0 + 1.0 / 3, 0.3 / 7 * 3, 300.0 + 1.0 / 3, 0.9, 350.0};
    t = round_trip(mt, 3, xT, "mu_table.json");
    expect_bad_sub(t, "\"x\": [", "\"x\": [0.01, ", MSB_EFORMAT, 1, "'x' has 22 entries");
    msb_string_free(t);
    assert_ok(msb_darken_create(Dp, mt, &dk));
    t = round_trip(dk, 3, xT, "darken.json");
    expect_bad_sub(t, "\"theta_law\": {", "\"theta\": {", MSB_EFORMAT, 1, "theta_law");
    expect_all_cuts_fail(t);
    msb_string_free(t);
    assert_ok(msb_darken_create(dk, mt, &dk2)); /* a Darken law as the D* part of another */
    t = round_trip(dk2, 3, xT, "darken2.json");
    msb_string_free(t);

    msb_law_destroy(dk2);
    msb_law_destroy(dk);
    msb_law_destroy(mt);
    msb_law_destroy(tp);
    msb_law_destroy(R);
    msb_law_destroy(sig);
    msb_law_destroy(D2);
    msb_law_destroy(Dm);
    msb_law_destroy(Dp);
}

/* ---------------------------------------------------------------- exporters */

/* Export `law` to Python and to a C header, run both on the n points x (nin inputs each) and
 * compare with msb_law_eval. Tolerance 1e-13 relative: the exported expression performs the
 * kernel's operations with a different grouping in places (e.g. division vs multiplication by a
 * reciprocal), a few ulps amplified at most by exp of an argument of order 10-50. */
static void check_export(const msb_law *law, size_t n, const double *x)
{
    const size_t nin = msb_law_n_inputs(law);
    assert_ok(msb_card_export_pybamm(law, "law_fn", tpath("law_fn.py")));
    assert_ok(msb_card_export_c_header(law, "law", tpath("law.h")));
    FILE *f = fopen(tpath("points.txt"), "w");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < nin; j++) fprintf(f, "%.17g%s", x[i * nin + j], j + 1 < nin ? " " : "\n");
    fclose(f);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && /usr/bin/python3 -c 'import law_fn\n"
             "for line in open(\"points.txt\"):\n"
             "    print(repr(float(law_fn.law_fn(*[float(v) for v in line.split()]))))'",
             msbt_tmpdir());
    FILE *pp = popen(cmd, "r");
    assert_non_null(pp);
    double *py = xcalloc(n, 8), *ch = xcalloc(n, 8), *y = xcalloc(n, 8);
    for (size_t i = 0; i < n; i++) assert_int_equal(fscanf(pp, "%lf", &py[i]), 1);
    assert_int_equal(pclose(pp), 0);
    char call[256] = "";
    for (size_t j = 0; j < nin; j++)
        snprintf(call + strlen(call), sizeof call - strlen(call), "%sv[%zu]", j ? ", " : "", j);
    FILE *cf = fopen(tpath("main.c"), "w");
    fprintf(cf, "#include <stdio.h>\n#include \"law.h\"\nint main(void){\n"
                "FILE *f = fopen(\"points.txt\", \"r\"); double v[16];\n"
                "for (;;) { for (int j = 0; j < %zu; j++) if (fscanf(f, \"%%lf\", &v[j]) != 1)"
                " return 0;\n printf(\"%%.17g\\n\", law_eval(%s)); }\n}\n", nin, call);
    fclose(cf);
    snprintf(cmd, sizeof cmd, "cd '%s' && cc -std=c11 -Wall -Werror -o main main.c -lm && "
             "./main", msbt_tmpdir());
    pp = popen(cmd, "r");
    assert_non_null(pp);
    for (size_t i = 0; i < n; i++) assert_int_equal(fscanf(pp, "%lf", &ch[i]), 1);
    assert_int_equal(pclose(pp), 0);
    assert_ok(msb_law_eval(law, n, x, y, NULL));
    for (size_t i = 0; i < n; i++) {
        assert_close_rel(py[i], y[i], 1e-13);
        assert_close_rel(ch[i], y[i], 1e-13);
    }
    free(py), free(ch), free(y);
}

static void test_exporters(void **state)
{
    (void)state;
    const double e = MSB_EV;
    msb_law *law;
    assert_ok(msb_kapitza_create(2.3456789e-9 / 3, 0.0, &law));
    const double q[3] = {1e6 / 3, -3.3e5, 7.77e7};
    check_export(law, 3, q);
    msb_law_destroy(law);

    assert_ok(msb_kapitza_linear_create(3.3e-9 / 3, -1.7e-12 / 7, 300.123456789, NULL, &law));
    const double qT[6] = {1e6 / 3, 250.5, -2e5, 333.3, 5e7, 611.1};
    check_export(law, 3, qT);
    msb_law_destroy(law);

    assert_ok(msb_langmuir_create(-0.4 * e / 3, -1.1e-22 / 3, 1e5 / 3, 0, NULL, &law));
    const double PT[8] = {1e3 / 3, 300.1, 1e-2, 400.0, 5e4 / 7, 500.5, 2e6, 800.0};
    check_export(law, 4, PT);
    msb_law_destroy(law);

    assert_ok(msb_cohesive_exponential_create(2.5 / 3, 0.3e-9 / 7, NULL, &law));
    const double d[3] = {1e-13, 1e-11 / 3, 2e-10};
    check_export(law, 3, d);
    msb_law_destroy(law);

    assert_ok(msb_voltage_pressure_create(3.7 / 3 * 2, 5.5e-6 / 3, 1.01325e5 / 7, 2.0, NULL, &law));
    const double p[3] = {0.0, 1e8 / 3, -2e9 / 7};
    check_export(law, 3, p);
    msb_law_destroy(law);

    const double O6[6] = {1e-30 / 3, 2e-30 / 7, -1e-30 / 9, 0.5e-30 / 3, 0.1e-30, -0.25e-30 / 7};
    assert_ok(msb_activation_volume_tensor_create(1.23e-7 / 3, 0.8 * e / 7, O6, NULL, &law));
    const double xs[14] = {300.5, 1e8, -2e8, 3e8, 1e7, 0, -5e7,
                           900.0 / 7, -1e9 / 3, 0, 0, 2e8, 3e8, 1e6};
    check_export(law, 2, xs);
    msb_law_destroy(law);

    const double xb[4] = {0.0, 0.25 / 3, 0.6, 1.0}, V[3] = {3.9, 3.6 + 1e-9 / 7, 3.4};
    assert_ok(msb_ocv_plateau_create(3, xb, V, 0.01 / 3, &law));
    const double xp[10] = {0.0, 300, 0.25 / 3, 310, 0.3, 300, 0.59, 320, 1.0, 330};
    check_export(law, 5, xp);
    msb_law_destroy(law);

    /* composed laws: the outer expression with the inner one substituted for its slot
     * (parameters renumbered inner first, inputs mapped); nested two deep */
    msb_law *inner, *outer, *chain, *kap, *sig_q, *deep, *bil, *nochain;
    assert_ok(msb_arrhenius_create_named(3e9 / 7, 0.05 * e / 3, NULL, "sigma", "Pa", &inner));
    assert_ok(msb_activation_volume_create(1e-7 / 3, 0.6 * e / 7, 2e-30 / 3, NULL, &outer));
    assert_ok(msb_law_compose(outer, 1, inner, 0, &chain));
    const double Tc[3] = {350.0, 500.5, 1000.0 / 7};
    check_export(chain, 3, Tc);
    assert_ok(msb_kapitza_create(1e-9 / 3, 0.0, &kap));
    assert_ok(msb_law_compose(inner, 0, kap, 0, &sig_q));
    assert_ok(msb_law_compose(outer, 1, sig_q, 0, &deep));
    const double Tq[6] = {350.0, 9e11 + 1.0 / 3, 500.5, 1.2e12, 1000.0 / 7, 1.5e12 / 7};
    check_export(deep, 3, Tq);
    assert_ok(msb_cohesive_bilinear_create(2.5, 3e9, 1e-10, NULL, &bil));
    assert_ok(msb_law_compose(outer, 1, bil, 0, &nochain)); /* T [Pa] of a piecewise law */
    assert_status(msb_card_export_pybamm(nochain, "f", tpath("none.py")), MSB_EBADLAW);
    assert_int_equal(access(tpath("none.py"), F_OK), -1);
    msb_law_destroy(nochain);
    msb_law_destroy(bil);
    msb_law_destroy(deep);
    msb_law_destroy(sig_q);
    msb_law_destroy(kap);
    msb_law_destroy(chain);
    msb_law_destroy(outer);
    msb_law_destroy(inner);

    /* no closed form (piecewise, sqrt, rate laws, several outputs): MSB_EBADLAW, nothing written */
    msb_law *ka, *kd, *no[5];
    assert_ok(msb_cohesive_bilinear_create(2.5, 3e9, 1e-10, NULL, &no[0]));
    assert_ok(msb_langmuir_create(-0.4 * e, -1e-22, 1e5, 1, NULL, &no[1]));
    assert_ok(msb_arrhenius_create_named(1e13, 0.5 * e, NULL, "k", "1/s", &ka));
    assert_ok(msb_arrhenius_create_named(1e13, 0.9 * e, NULL, "k", "1/s", &kd));
    assert_ok(msb_langmuir_from_rates_create(ka, kd, 1e5, 0, &no[2]));
    assert_ok(msb_barodiffusion_create(1e-10, 7e-6, NULL, &no[3]));
    const double A[1] = {0.05 * e};
    assert_ok(msb_free_energy_rk_create(0.0, 1, A, NULL, 0.0, NULL, &no[4]));
    for (int i = 0; i < 5; i++) {
        assert_status(msb_card_export_pybamm(no[i], "f", tpath("none.py")), MSB_EBADLAW);
        assert_true(strlen(msb_last_error_message()) > 0);
        assert_status(msb_card_export_c_header(no[i], "f", tpath("none.h")), MSB_EBADLAW);
        assert_int_equal(access(tpath("none.py"), F_OK), -1);
        assert_int_equal(access(tpath("none.h"), F_OK), -1);
        msb_law_destroy(no[i]);
    }
    msb_law_destroy(ka);
    msb_law_destroy(kd);
}

/* Allocation failures while writing and reading a card with parts and one with an array: always
 * MSB_ENOMEM, never a leak (ASan) or a half-built law. */
static void test_alloc_failures(void **state)
{
    (void)state;
    msb_law *ka, *kd, *ocv;
    assert_ok(msb_arrhenius_create_named(1e13, 0.5 * MSB_EV, NULL, "k", "1/s", &ka));
    assert_ok(msb_tst_eyring_create(0.9 * MSB_EV, 1e-23, 0.5, 1e12, NULL, &kd));
    assert_ok(msb_langmuir_from_rates_create(ka, kd, 1e5, 0, &ocv)); /* nested parts */
    const double xb[3] = {0.0, 0.5, 1.0}, V[2] = {3.9, 3.4};
    msb_law *pl, *laws[2];
    assert_ok(msb_ocv_plateau_create(2, xb, V, 0.01, &pl));
    laws[0] = ocv;
    laws[1] = pl;
    for (int l = 0; l < 2; l++) {
        char *good;
        assert_ok(msb_card_to_string(laws[l], 0, NULL, NULL, NULL, &good));
        for (long k = 1; k < 400; k++) {
            char *s = (char *)0x1;
            msbi_test_alloc_fail_at(k);
            msb_status st = msb_card_to_string(laws[l], 0, NULL, NULL, NULL, &s);
            long made = msbi_test_alloc_fail_at(0);
            if (st == MSB_SUCCESS) {
                assert_true(made < k);
                assert_string_equal(s, good);
                msb_string_free(s);
                break;
            }
            assert_status(st, MSB_ENOMEM);
            assert_ptr_equal(s, (char *)0x1);
        }
        for (long k = 1; k < 2000; k++) {
            msb_law *out = NULL;
            msbi_test_alloc_fail_at(k);
            msb_status st = msb_card_from_string(good, strlen(good), NULL, &out);
            long made = msbi_test_alloc_fail_at(0);
            if (st == MSB_SUCCESS) {
                assert_true(made < k);
                msb_law_destroy(out);
                break;
            }
            assert_status(st, MSB_ENOMEM);
            assert_null(out);
        }
        msb_string_free(good);
    }
    msb_law_destroy(pl);
    msb_law_destroy(ocv);
    msb_law_destroy(ka);
    msb_law_destroy(kd);
}

/* The registry: every kind once, each with a card_read hook (a second class with the same kind
 * would make cards ambiguous). 22 kinds: the rate laws (4), kapitza (2), langmuir,
 * free_energy_rk, OCV (3), cohesive (2), chemomech (3), composed, transport (5). */
static void test_registry(void **state)
{
    (void)state;
    size_t n = 0;
    for (; msbi_law_registry[n] != NULL; n++) {
        assert_non_null(msbi_law_registry[n]->card_read);
        assert_ptr_equal(msbi_law_registry_find(msbi_law_registry[n]->kind), msbi_law_registry[n]);
        for (size_t k = 0; k < n; k++)
            assert_string_not_equal(msbi_law_registry[k]->kind, msbi_law_registry[n]->kind);
    }
    assert_int_equal(n, 22);
    assert_null(msbi_law_registry_find("nonesuch"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_kapitza),
        cmocka_unit_test(test_langmuir),
        cmocka_unit_test(test_free_energy_and_ocv),
        cmocka_unit_test(test_cohesive_chemomech),
        cmocka_unit_test(test_composed),
        cmocka_unit_test(test_transport),
        cmocka_unit_test(test_exporters),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

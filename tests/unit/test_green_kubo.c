/* Green-Kubo estimators (msbridge/green_kubo.h).
 * References: direct O(n m) sums (the definition), the published cepstral analysis of
 * sportran's Silica.dat (Ercole, Marcolongo, Baroni, Sci. Rep. 7, 15835 (2017);
 * tests/data/sportran/Silica_output_ref.log: kappa = 2.205099 +- 0.215248 W/(m K), cutoffK =
 * P* - 1 = 33, L0 sd 0.097614), and AR(1) (discrete Ornstein-Uhlenbeck) series whose integral
 * is known in closed form. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

/* AR(1): x' = phi x + sqrt(1 - phi^2) xi, stationary unit variance, C(m) = phi^m. Exact
 * discrete Green-Kubo integral (trapezoid of the exact C, = S(0)/2 of the process):
 *   dt [1/2 + sum_{m>=1} phi^m] = dt (1 + phi) / (2 (1 - phi)). */
static void ar1(msbt_rng *r, size_t n, size_t ncomp, double phi, double *x)
{
    const double s = sqrt(1 - phi * phi);
    for (size_t c = 0; c < ncomp; c++) {
        double v = msbt_normal(r);
        for (size_t i = 0; i < n; i++) {
            x[c * n + i] = v;
            v = phi * v + s * msbt_normal(r);
        }
    }
}
static double ar1_truth(double phi, double dt) { return dt * (1 + phi) / (2 * (1 - phi)); }

/* kind HEAT_FLUX with geom = k_B and T = 1 K: prefactor V/(k_B T^2) = 1, kappa = integral. */
#define UNIT_GEOM MSB_K_B

static void test_acf_direct(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 1);
    const size_t n = 300, nc = 3, nl = 40;
    double x[900], acf[40], sd[40], acf_mean[40], y[900];
    for (size_t i = 0; i < n * nc; i++) x[i] = msbt_normal(&r) + 0.3;
    assert_ok(msb_gk_acf(n, nc, x, nl, acf, sd));
    /* mean only (acf_sd = NULL: summed power spectra, one inverse), and that path written over
     * its own input (acf = x, allowed: the result is written after the input is read) */
    assert_ok(msb_gk_acf(n, nc, x, nl, acf_mean, NULL));
    memcpy(y, x, sizeof x);
    assert_ok(msb_gk_acf(n, nc, y, nl, y, NULL));
    for (size_t m = 0; m < nl; m++) {
        double v[3], mean = 0, ss = 0;
        for (size_t c = 0; c < nc; c++) {
            double s = 0;
            for (size_t i = 0; i + m < n; i++) s += x[c * n + i] * x[c * n + i + m];
            v[c] = s / (double)(n - m);
            mean += v[c] / 3;
        }
        for (size_t c = 0; c < nc; c++) ss += (v[c] - mean) * (v[c] - mean);
        /* FFT rounding: a few ulps of sum |x|^2 */
        assert_close_abs(acf[m], mean, 1e-12);
        assert_close_abs(sd[m], sqrt(ss / 2 / 3), 1e-12);
        assert_close_abs(acf_mean[m], mean, 1e-12);
        assert_close_abs(y[m], mean, 1e-12);
    }
    double one[1];
    assert_ok(msb_gk_acf(n, 1, x, 1, one, sd));
    assert_true(isnan(sd[0]));
    assert_status(msb_gk_acf(n, 1, x, n + 1, one, NULL), MSB_ESIZE);
    assert_status(msb_gk_acf(0, 1, x, 1, one, NULL), MSB_ESIZE);
    assert_status(msb_gk_acf(n, 1, NULL, 1, one, NULL), MSB_ENULL);
    x[17] = NAN;
    one[0] = 42;
    assert_status(msb_gk_acf(n, 1, x, 1, one, NULL), MSB_ENONFINITE);
    assert_true(one[0] == 42);
}

/* Silica.dat in LAMMPS metal units -> SI: J V in eV A/ps (MSB_Q_HEAT_FLUX), dt = 1 fs,
 * V = 3130.431110818 A^3, T = mean of the Temp column over sportran's 100000 rows. */
typedef struct silica {
    size_t n;
    double *x, V, T, dt;
} silica;

static void load_silica(silica *s)
{
    msb_table *t;
    assert_ok(msb_table_read(msbt_data_path("sportran/Silica.dat"), MSB_TABLE_HEADER, &t));
    msb_units *u;
    assert_ok(msb_units_create("metal", &u));
    double fj, fl, ft;
    assert_ok(msb_units_to_si(u, MSB_Q_HEAT_FLUX, &fj));
    assert_ok(msb_units_to_si(u, MSB_Q_LENGTH, &fl));
    assert_ok(msb_units_to_si(u, MSB_Q_TIME, &ft));
    /* independent check of the conversion: eV A / ps = 1.602176634e-19 J * 1e-10 m / 1e-12 s */
    assert_close_rel(fj, 1.602176634e-19 * 1e-10 / 1e-12, 1e-15);
    s->n = 100000;
    s->x = malloc(3 * s->n * sizeof(double));
    const double *T = msb_table_column(t, 0);
    s->T = 0;
    for (size_t i = 0; i < s->n; i++) s->T += T[i] / (double)s->n;
    for (size_t c = 0; c < 3; c++)
        for (size_t i = 0; i < s->n; i++) s->x[c * s->n + i] = msb_table_column(t, 1 + c)[i] * fj;
    s->V = 3130.431110818 * fl * fl * fl;
    s->dt = 1.0 * 1e-3 * ft; /* 1 fs = 1e-3 ps */
    msb_units_destroy(u);
    msb_table_destroy(t);
}

static void test_silica_cepstral(void **state)
{
    (void)state;
    silica s;
    load_silica(&s);
    msb_estimate *e = NULL;
    /* sportran resampled to f* = f_Ny / TSKIP = 500 THz / 18 = 27.7778 THz (log: "Resampling
     * freq f* = 27.77778 THz", 2778 frequencies); we keep the same 2778 frequencies. */
    assert_ok(msb_gk_cepstral(MSB_GK_HEAT_JV, s.n, 3, s.x, s.dt, s.V, s.T, 500e12 / 18, &e));
    double k, sk, P, nf, L0, sL0, ka, ska;
    assert_ok(msb_estimate_get(e, "kappa_aic", &k, &sk));
    assert_ok(msb_estimate_get(e, "kappa", &ka, &ska));
    assert_ok(msb_estimate_get(e, "P_star", &P, NULL));
    assert_ok(msb_estimate_get(e, "n_freq", &nf, NULL));
    assert_ok(msb_estimate_get(e, "L0_aic", &L0, &sL0));
    print_message("Silica cepstral: kappa(P*) = %.4f +- %.4f W/(m K), P* = %g (published 2.2051 "
                  "+- 0.2152, P* = 34); AIC model average %.4f +- %.4f\n", k, sk, P, ka, ska);
    assert_int_equal((int)nf, 2778);
    /* AIC on the same spectrum picks the same number of coefficients as the reference */
    assert_int_equal((int)P, 34);
    /* sd(L0) = psi'(3) (4 P* - 2) / N is a closed form of (P*, N): reference 0.097614 */
    assert_close_abs(sL0, 0.097614, 5e-7);
    /* agreement within the combined uncertainty (issue 4's criterion); our filter is ideal,
     * sportran's is not, so the values differ by a small fraction of sigma */
    const double ref = 2.205099, sref = 0.215248;
    assert_true(fabs(k - ref) <= sqrt(sk * sk + sref * sref));
    assert_close_rel(sk, sref, 0.03);
    /* the model average (our default output) must agree with the published value too */
    assert_true(fabs(ka - ref) <= sqrt(ska * ska + sref * sref));
    msb_estimate_destroy(e);
    free(s.x);
}

static void test_silica_running(void **state)
{
    (void)state;
    silica s;
    load_silica(&s);
    msb_estimate *e = NULL;
    double k, sk, tc;
    /* Cutoff 1 ps, where the running integral of this sample has levelled off (see
     * docs/estimators/green_kubo.md); the cepstral reference must lie within the combined
     * uncertainty. */
    assert_ok(msb_gk_running(MSB_GK_HEAT_JV, s.n, 3, s.x, s.dt, s.V, s.T, 1e-12, &e));
    assert_ok(msb_estimate_get(e, "kappa", &k, &sk));
    assert_ok(msb_estimate_get(e, "t_cut", &tc, NULL));
    print_message("Silica running integral to %g s: kappa = %.3f +- %.3f W/(m K)\n", tc, k, sk);
    assert_close_rel(tc, 1e-12, 1e-12);
    assert_true(fabs(k - 2.205099) <= sqrt(sk * sk + 0.215248 * 0.215248));
    msb_estimate_destroy(e);
    /* Automatic cutoff: Sokal's window on |C| stops at 0.22 ps, in the fast oscillation of
     * this correlation (the running integral swings between -0.6 and 3.4 W/(m K) there); the
     * settling ladder must carry it past 0.5 ps (where the swings have died out, docs) and the
     * result must agree with the published cepstral value within the combined uncertainty. */
    double Ms;
    assert_ok(msb_gk_running(MSB_GK_HEAT_JV, s.n, 3, s.x, s.dt, s.V, s.T, 0, &e));
    assert_ok(msb_estimate_get(e, "t_cut", &tc, NULL));
    assert_ok(msb_estimate_get(e, "kappa", &k, &sk));
    assert_ok(msb_estimate_get(e, "n_sokal", &Ms, NULL));
    print_message("Silica automatic cutoff %g s (Sokal's window %g fs): kappa = %.3f +- %.3f\n",
                  tc, Ms, k, sk);
    assert_true(Ms < 300 && tc > 0.5e-12);
    assert_true(fabs(k - 2.205099) <= sqrt(sk * sk + 0.215248 * 0.215248));
    msb_estimate_destroy(e);
    /* A fifth of the run (20 ps): the swings are as large but the errors sqrt(5) larger; the
     * ladder either settles or reports MSB_EINSUFFICIENT, never a value outside 2 combined sd */
    msb_status st = msb_gk_running(MSB_GK_HEAT_JV, s.n / 5, 3, s.x, s.dt, s.V, s.T, 0, &e);
    if (st == MSB_SUCCESS) {
        assert_ok(msb_estimate_get(e, "kappa", &k, &sk));
        print_message("Silica 20 ps, automatic cutoff: kappa = %.3f +- %.3f\n", k, sk);
        assert_true(fabs(k - 2.205099) <= 2 * sqrt(sk * sk + 0.215248 * 0.215248));
        msb_estimate_destroy(e);
    } else {
        assert_status(st, MSB_EINSUFFICIENT);
    }
    free(s.x);
}

/* MSB_TEST_LIGHT=1 (the valgrind pass) cuts the repetitions of the coverage tests; the
 * binomial tolerance below widens accordingly, so the assertions stay valid, only weaker. */
static size_t reps(size_t full, size_t light)
{
    const char *v = getenv("MSB_TEST_LIGHT");
    return (v != NULL && strcmp(v, "1") == 0) ? light : full;
}

/* Coverage on AR(1) series: the 1-sigma interval must hold the truth 68.27 % of the time.
 * With S independent seeds the number of hits is binomial(S, p): its sd is sqrt(p (1-p) / S)
 * in the fraction (0.027 for S = 300), and a correct interval falls outside 3 sd with
 * probability 0.3 %; we accept 3 sd. Also the mean of the estimates must be within 4 standard
 * errors of the truth. */
static void coverage(int cepstral, size_t S, size_t n, double phi, double fstar)
{
    msbt_rng r;
    msbt_rng_seed(&r, cepstral ? 777 : 555);
    double *x = malloc(3 * n * sizeof(double));
    const double truth = ar1_truth(phi, 1.0);
    size_t hit = 0, hit_pub = 0;
    double sum = 0, sum_sd2 = 0;
    for (size_t k = 0; k < S; k++) {
        ar1(&r, n, 3, phi, x);
        msb_estimate *e = NULL;
        if (cepstral)
            assert_ok(msb_gk_cepstral(MSB_GK_HEAT_FLUX, n, 3, x, 1.0, UNIT_GEOM, 1.0, fstar, &e));
        else
            assert_ok(msb_gk_running(MSB_GK_HEAT_FLUX, n, 3, x, 1.0, UNIT_GEOM, 1.0, 0, &e));
        double v, sd;
        assert_ok(msb_estimate_get(e, "kappa", &v, &sd));
        if (fabs(v - truth) <= sd) hit++;
        if (cepstral) {
            double va, sda;
            assert_ok(msb_estimate_get(e, "kappa_aic", &va, &sda));
            if (fabs(va - truth) <= sda) hit_pub++;
        }
        sum += v;
        sum_sd2 += sd * sd;
        msb_estimate_destroy(e);
    }
    const double frac = (double)hit / (double)S, p = 0.682689;
    const double bsd = sqrt(p * (1 - p) / (double)S);
    const double mean = sum / (double)S, se = sqrt(sum_sd2 / (double)S / (double)S);
    print_message("%s coverage %.3f (expected %.3f +- %.3f), mean %.4f truth %.4f (se %.4f)\n",
                  cepstral ? "cepstral" : "running", frac, p, bsd, mean, truth, se);
    /* The cepstral sigma is the AIC model average's unconditional one (the published sigma,
     * conditional on P*, covers only ~0.56 here: see test_coverage_cepstral_published). */
    assert_true(frac >= p - 3 * bsd && frac <= p + 3 * bsd);
    assert_true(fabs(mean - truth) <= 4 * se);
    if (cepstral) {
        /* The published estimator (kappa_aic: P* coefficients, var(L0) = psi'(l) (4 P* - 2) / N
         * conditional on P*) under-covers because P* is chosen by the same noise (0.56 over
         * 300 seeds in an independent numpy re-implementation). This documents why the model
         * average is the default: with the full count its coverage must lie below the 2-sd
         * lower edge of the binomial band. */
        const double fpub = (double)hit_pub / (double)S;
        print_message("cepstral, published sigma: coverage %.3f\n", fpub);
        if (S >= 300) assert_true(fpub < p - 2 * bsd);
    }
    free(x);
}

static void test_coverage_running(void **state)
{
    (void)state;
    coverage(0, reps(300, 40), 16384, exp(-1.0 / 10.0), 0);
}

static void test_coverage_cepstral(void **state)
{
    (void)state;
    /* f* = 0.03 / dt keeps ~500 frequencies: twice the knee of the AR(1) spectrum
     * ((1 - phi) / (2 pi) = 0.015 / dt), where the log-spectrum is smooth. At much higher f*
     * (0.1 / dt, or Nyquist) the truncation of the slowly decaying, same-sign cepstrum biases
     * L0 low by 0.4 sigma (1.3 sigma at Nyquist) and coverage falls to 0.62 (0.39): documented in
     * docs/estimators/green_kubo.md, the reason f* must be chosen near the low-frequency peak. */
    coverage(1, reps(300, 40), 16384, exp(-1.0 / 10.0), 0.03);
}

/* The automatic cutoff: Sokal's window on |C| stops at M >= 6 tau. For AR(1) with tau = 10
 * steps (C = e^{-m/10}), tau_abs(M) -> 10 (+ noise), so M is 60 .. ~70. */
static void test_cutoff_rule(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 9);
    const size_t n = 200000;
    double *x = malloc(3 * n * sizeof(double));
    ar1(&r, n, 3, exp(-0.1), x);
    msb_estimate *e;
    assert_ok(msb_gk_running(MSB_GK_HEAT_FLUX, n, 3, x, 2.0, UNIT_GEOM, 1.0, 0, &e));
    double M, tc, tau;
    assert_ok(msb_estimate_get(e, "n_cut", &M, NULL));
    assert_ok(msb_estimate_get(e, "t_cut", &tc, NULL));
    assert_ok(msb_estimate_get(e, "tau_int", &tau, NULL));
    /* exact tau of the trapezoid-integrated e^{-m/10}: (1+phi)/(2(1-phi)) = 9.9917 steps; with
     * n = 2e5 x 3 the noise in sum |C| up to 60 lags is < 1 step */
    assert_true(M >= 58 && M <= 70);
    assert_close_rel(tc, 2.0 * M, 1e-15);
    assert_close_rel(tau, 2.0 * ar1_truth(exp(-0.1), 1.0), 0.05);
    size_t i, len;
    assert_ok(msb_estimate_find(e, "running", &i));
    len = msb_estimate_length(e, i);
    assert_int_equal(len, 4 * (size_t)M + 1);
    msb_estimate_destroy(e);
    free(x);
}

/* The settling ladder's refusal: unit-variance AR(1) noise (tau = 1 step) plus an undamped
 * sinusoid of variance 0.09 and period 100 steps. Sokal's window stops within a few steps (the
 * fast part dominates |C| there), but the sinusoid's correlation 0.09 cos(2 pi m / 100) makes
 * the running integral swing by +- 0.09 * 100 / (2 pi) = 1.4 for ever, far beyond the segment
 * sigma (the segments see the same swing), so no cutoff settles: MSB_EINSUFFICIENT with a
 * message that says so. Without the sinusoid the same noise settles at once (control). */
static void test_cutoff_refuses_oscillation(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 21);
    const size_t n = 16384;
    double *x = malloc(n * sizeof(double));
    ar1(&r, n, 1, exp(-1.0), x);
    msb_estimate *e = NULL;
    assert_ok(msb_gk_running(MSB_GK_HEAT_FLUX, n, 1, x, 1.0, UNIT_GEOM, 1.0, 0, &e));
    double Ms, M;
    assert_ok(msb_estimate_get(e, "n_sokal", &Ms, NULL));
    assert_ok(msb_estimate_get(e, "n_cut", &M, NULL));
    assert_true(M == Ms && M < 20);
    msb_estimate_destroy(e);
    const double ph = 2 * MSBI_PI * msbt_uniform(&r);
    for (size_t i = 0; i < n; i++) x[i] += 0.3 * sqrt(2.0) * sin(2 * MSBI_PI * (double)i / 100 + ph);
    e = (msb_estimate *)0x1;
    assert_status(msb_gk_running(MSB_GK_HEAT_FLUX, n, 1, x, 1.0, UNIT_GEOM, 1.0, 0, &e),
                  MSB_EINSUFFICIENT);
    assert_true(e == (msb_estimate *)0x1);
    assert_non_null(strstr(msb_last_error_message(), "does not settle"));
    free(x);
}

static void test_bad_input(void **state)
{
    (void)state;
    double x[3 * 256];
    msbt_rng r;
    msbt_rng_seed(&r, 3);
    for (int i = 0; i < 3 * 256; i++) x[i] = msbt_normal(&r);
    msb_estimate *e = (msb_estimate *)0x1;
    const msb_gk_kind K = MSB_GK_HEAT_JV;
#define BAD(call, code)                                                                           \
    do {                                                                                          \
        assert_status(call, code);                                                                \
        assert_true(e == (msb_estimate *)0x1);                                                    \
        assert_true(strlen(msb_last_error_message()) > 0);                                        \
    } while (0)
    for (int cep = 0; cep < 2; cep++) {
#define CALL(kind, n, nc, xx, dt, g, T, extra)                                                    \
    (cep ? msb_gk_cepstral(kind, n, nc, xx, dt, g, T, extra, &e)                                  \
         : msb_gk_running(kind, n, nc, xx, dt, g, T, extra, &e))
        BAD(CALL(K, 256, 3, NULL, 1, 1, 300, 0), MSB_ENULL);
        BAD(CALL((msb_gk_kind)7, 256, 3, x, 1, 1, 300, 0), MSB_EINVAL);
        BAD(CALL(K, 256, 0, x, 1, 1, 300, 0), MSB_ESIZE);
        BAD(CALL(K, 10, 3, x, 1, 1, 300, 0), MSB_EINSUFFICIENT);
        BAD(CALL(K, 256, 3, x, 0, 1, 300, 0), MSB_EDOM);
        BAD(CALL(K, 256, 3, x, 1, -1, 300, 0), MSB_EDOM);
        BAD(CALL(K, 256, 3, x, 1, 1, 0, 0), MSB_EDOM);
        BAD(CALL(K, 256, 3, x, 1, 1, -5, 0), MSB_EDOM);
        BAD(CALL(K, 256, 3, x, 1, 1, NAN, 0), MSB_ENONFINITE);
        BAD(CALL(MSB_GK_INTERFACE, 256, 3, x, 1, 0, 300, 0), MSB_EDOM);
        assert_non_null(strstr(msb_last_error_message(), "area"));
        BAD(CALL(K, 256, 3, x, 1, 1, 300, -1), MSB_EDOM);
        BAD(CALL(K, 256, 3, x, 1, 1, 300, INFINITY), MSB_ENONFINITE);
        x[300] = NAN;
        BAD(CALL(K, 256, 3, x, 1, 1, 300, 0), MSB_ENONFINITE);
        assert_non_null(strstr(msb_last_error_message(), "component 1, sample 44"));
        x[300] = 0.5;
        if (cep) assert_status(msb_gk_cepstral(K, 256, 3, x, 1, 1, 300, 0, NULL), MSB_ENULL);
        else assert_status(msb_gk_running(K, 256, 3, x, 1, 1, 300, 0, NULL), MSB_ENULL);
#undef CALL
    }
    BAD(msb_gk_running(K, 256, 3, x, 1, 1, 300, 100, &e), MSB_EINSUFFICIENT); /* > n/8 */
    BAD(msb_gk_cepstral(K, 256, 3, x, 1, 1, 300, 0.01, &e), MSB_EINSUFFICIENT); /* 3 freqs */
    BAD(msb_gk_cepstral(K, 256, 3, x, 1, 1, 300, 0.6, &e), MSB_EDOM); /* above Nyquist */
    double z[3 * 256] = {0};
    BAD(msb_gk_running(K, 256, 3, z, 1, 1, 300, 0, &e), MSB_EDOM);
    BAD(msb_gk_cepstral(K, 256, 3, z, 1, 1, 300, 0, &e), MSB_EDOM);
#undef BAD
}

static void test_alloc_failures(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 4);
    const size_t n = 1024;
    double *x = malloc(3 * n * sizeof(double));
    ar1(&r, n, 3, 0.5, x);
    for (int cep = 0; cep < 2; cep++) {
        msbi_test_alloc_fail_at(0);
        msb_estimate *e = NULL;
        if (cep) assert_ok(msb_gk_cepstral(MSB_GK_INTERFACE, n, 3, x, 1e-15, 1e-18, 300, 0, &e));
        else assert_ok(msb_gk_running(MSB_GK_INTERFACE, n, 3, x, 1e-15, 1e-18, 300, 0, &e));
        double G;
        assert_ok(msb_estimate_get(e, "G", &G, NULL));
        msb_estimate_destroy(e);
        long total = msbi_test_alloc_fail_at(0);
        assert_true(total >= 3);
        for (long k = 1; k <= total; k++) {
            msb_estimate *bad = NULL;
            msbi_test_alloc_fail_at(k);
            msb_status st = cep ? msb_gk_cepstral(MSB_GK_INTERFACE, n, 3, x, 1e-15, 1e-18, 300, 0, &bad)
                                : msb_gk_running(MSB_GK_INTERFACE, n, 3, x, 1e-15, 1e-18, 300, 0, &bad);
            assert_status(st, MSB_ENOMEM);
            assert_null(bad);
        }
        msbi_test_alloc_fail_at(0);
    }
    free(x);
}

/* Prefactors: the three kinds on the same series differ by the documented factors. */
static void test_prefactors(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 5);
    const size_t n = 4096;
    double *x = malloc(3 * n * sizeof(double));
    ar1(&r, n, 3, 0.3, x);
    const double V = 2e-27, T = 500, A = 3e-18;
    double kj, kf, g, I;
    msb_estimate *e;
    assert_ok(msb_gk_running(MSB_GK_HEAT_JV, n, 3, x, 1e-15, V, T, 0, &e));
    assert_ok(msb_estimate_get(e, "kappa", &kj, NULL));
    assert_ok(msb_estimate_get(e, "integral", &I, NULL));
    msb_estimate_destroy(e);
    assert_close_rel(kj, I / (V * MSB_K_B * T * T), 1e-14);
    assert_ok(msb_gk_running(MSB_GK_HEAT_FLUX, n, 3, x, 1e-15, V, T, 0, &e));
    assert_ok(msb_estimate_get(e, "kappa", &kf, NULL));
    msb_estimate_destroy(e);
    assert_close_rel(kf, I * V / (MSB_K_B * T * T), 1e-14);
    assert_ok(msb_gk_running(MSB_GK_INTERFACE, n, 3, x, 1e-15, A, T, 0, &e));
    assert_ok(msb_estimate_get(e, "G", &g, NULL));
    msb_estimate_destroy(e);
    assert_close_rel(g, I / (A * MSB_K_B * T * T), 1e-14);
    free(x);
}

/* A real LAMMPS run (tests/data/lammps_lj: 864 LJ atoms, rho* = 0.7, rc = 2.5 sigma, NVE at
 * T* = 1.040, 1000 tau) against the Green-Kubo database of the 12-6 LJ fluid
 * (tests/data/lj_transport, row rho* = 0.7, T* = 1.03: kappa* = 4.583 +- 0.185). The data go
 * through lj units with argon-like scales (the result is independent of them) and back to
 * kappa* = kappa sigma^2 sqrt(m/eps) / k_B. Differences expected from the reference: our
 * cutoff 2.5 sigma vs the database's longer-ranged potential, 864 atoms, 1 % higher T*. We
 * require agreement within 2 combined sd for both estimators and print the numbers. */
static void test_lammps_lj_fluid(void **state)
{
    (void)state;
    msb_table *t, *ref;
    assert_ok(msb_table_read(msbt_data_path("lammps_lj/flux.dat"), 0, &t));
    assert_ok(msb_table_read(msbt_data_path("lj_transport/lj1206_thermal_conductivity.csv"),
                             MSB_TABLE_HEADER, &ref));
    size_t jr, jt, jk, js;
    assert_ok(msb_table_find(ref, "rho*", &jr));
    assert_ok(msb_table_find(ref, "T*", &jt));
    assert_ok(msb_table_find(ref, "thermal_conductivity", &jk));
    assert_ok(msb_table_find(ref, "thermal_conductivity_std", &js));
    double kref = NAN, sref = NAN;
    for (size_t i = 0; i < msb_table_nrows(ref); i++)
        if (msb_table_column(ref, jr)[i] == 0.7 && msb_table_column(ref, jt)[i] == 1.03) {
            kref = msb_table_column(ref, jk)[i];
            sref = msb_table_column(ref, js)[i];
        }
    assert_false(isnan(kref));
    const double sig = 3.4e-10, eps = 1.65e-21, m = 6.63e-26;
    msb_units *u;
    assert_ok(msb_units_create_lj(sig, eps, m, &u));
    double fq, ft, fT, fL;
    assert_ok(msb_units_to_si(u, MSB_Q_HEAT_FLUX, &fq));
    assert_ok(msb_units_to_si(u, MSB_Q_TIME, &ft));
    assert_ok(msb_units_to_si(u, MSB_Q_TEMPERATURE, &fT));
    assert_ok(msb_units_to_si(u, MSB_Q_LENGTH, &fL));
    msb_units_destroy(u);
    const size_t n = msb_table_nrows(t);
    double *x = malloc(3 * n * sizeof(double));
    const double *J = msb_table_column(t, 1), *Tc = msb_table_column(t, 0);
    double T = 0;
    for (size_t i = 0; i < n; i++) T += Tc[i] / (double)n;
    for (size_t i = 0; i < 3 * n; i++) x[i] = J[i] * fq;
    const double V = 864 / 0.7 * fL * fL * fL, dt = 0.02 * ft;
    const double to_red = sig * sig * sqrt(m / eps) / MSB_K_B;
    msb_estimate *e;
    double k, sk, tc;
    assert_ok(msb_gk_running(MSB_GK_HEAT_JV, n, 3, x, dt, V, T * fT, 0, &e));
    assert_ok(msb_estimate_get(e, "kappa", &k, &sk));
    assert_ok(msb_estimate_get(e, "t_cut", &tc, NULL));
    msb_estimate_destroy(e);
    print_message("LJ rho*=0.7 T*=%.3f: running (auto cutoff %.2f tau) kappa* = %.3f +- %.3f; "
                  "database %.3f +- %.3f\n", T, tc / ft, k * to_red, sk * to_red, kref, sref);
    assert_true(fabs(k * to_red - kref) <= 2 * hypot(sk * to_red, sref));
    assert_ok(msb_gk_cepstral(MSB_GK_HEAT_JV, n, 3, x, dt, V, T * fT, 1.0 / ft, &e));
    assert_ok(msb_estimate_get(e, "kappa", &k, &sk));
    msb_estimate_destroy(e);
    print_message("LJ cepstral (f* = 1/tau) kappa* = %.3f +- %.3f\n", k * to_red, sk * to_red);
    assert_true(fabs(k * to_red - kref) <= 2 * hypot(sk * to_red, sref));
    free(x);
    msb_table_destroy(t);
    msb_table_destroy(ref);
}

/* The ACF's thread split (green_kubo.c, acf_run), the mean alone and with the sd over
 * components, in both modes: transform length L = 60000 (< GK_TEAM_MIN_LEN: component mode,
 * each thread transforming whole components) and 216000 (shared mode: every transform split
 * into chunks shared by the threads), both long enough for several chunks per phase. Bitwise
 * equal for 1..4 threads, for ncomp a multiple of the thread count or not (1, 2, 3, 5, 9
 * components; 9 > 8 blocks), and with the outputs written over the input. Reference for the
 * bitwise checks: the one-thread call (the property is independence of the thread count).
 * Accuracy reference: the direct sums C_c(m) = sum_i x_i x_(i+m) / (n - m) in long double at a
 * few lags, their mean and standard error over components; tolerance: the FFT's rounding,
 * 16 u log2(L) (test_fft.c) relative to the scale sum_i x_i^2 / (n - m) of the terms (for the
 * sd twice that: it is the spread of values each within that tolerance). */
static void test_mean_threads_bitwise(void **state)
{
    (void)state;
    const size_t sizes[2][2] = {{40000, 60000}, {144000, 216000}}; /* n, L */
    const size_t ncs[] = {1, 2, 3, 5, 9};
    msbt_rng r;
    msbt_rng_seed(&r, 23);
    for (int z = 0; z < 2; z++) {
        const size_t n = sizes[z][0], nl = n / 2, L = sizes[z][1];
        const size_t lags[] = {0, 1, 2, 7, 1000, nl - 1};
        double *x = malloc(n * 9 * sizeof *x), *y = malloc(n * 9 * sizeof *y);
        double *a[4], *b[4], *sd[4];
        assert_non_null(x);
        assert_non_null(y);
        ar1(&r, n, 9, 0.8, x);
        for (size_t i = 0; i < n * 9; i++) x[i] += 0.2;
        for (int k = 0; k < 4; k++) {
            a[k] = malloc(nl * sizeof(double));
            b[k] = malloc(nl * sizeof(double));
            sd[k] = malloc(nl * sizeof(double));
            assert_non_null(a[k]);
            assert_non_null(b[k]);
            assert_non_null(sd[k]);
        }
        for (size_t t = 0; t < sizeof ncs / sizeof ncs[0]; t++) {
            const size_t nc = ncs[t];
            for (int k = 0; k < 4; k++) {
                msbi_test_set_threads(k + 1);
                assert_ok(msb_gk_acf(n, nc, x, nl, a[k], NULL));
                assert_ok(msb_gk_acf(n, nc, x, nl, b[k], sd[k]));
                if (k > 0 && (memcmp(a[0], a[k], nl * sizeof(double)) != 0 ||
                              memcmp(b[0], b[k], nl * sizeof(double)) != 0 ||
                              memcmp(sd[0], sd[k], nl * sizeof(double)) != 0))
                    fail_msg("n = %zu, ncomp = %zu: %d threads differ from one", n, nc, k + 1);
            }
            /* in place (acf = x) on two threads */
            memcpy(y, x, n * nc * sizeof(double));
            msbi_test_set_threads(2);
            assert_ok(msb_gk_acf(n, nc, y, nl, y, NULL));
            assert_memory_equal(y, a[0], nl * sizeof(double));
            /* with sd, outputs over the input (through the private buffer) */
            memcpy(y, x, n * nc * sizeof(double));
            assert_ok(msb_gk_acf(n, nc, y, nl, y + nl, y));
            assert_memory_equal(y + nl, b[0], nl * sizeof(double));
            assert_memory_equal(y, sd[0], nl * sizeof(double));
            msbi_test_set_threads(0);
            long double sx2 = 0;
            for (size_t i = 0; i < n * nc; i++) sx2 += (long double)x[i] * x[i];
            for (size_t l = 0; l < sizeof lags / sizeof lags[0]; l++) {
                const size_t m = lags[l];
                long double v[9], mean = 0, ss = 0;
                for (size_t cc = 0; cc < nc; cc++) {
                    long double c = 0;
                    for (size_t i = 0; i + m < n; i++)
                        c += (long double)x[cc * n + i] * x[cc * n + i + m];
                    v[cc] = c / (long double)(n - m);
                    mean += v[cc] / (long double)nc;
                }
                for (size_t cc = 0; cc < nc; cc++) ss += (v[cc] - mean) * (v[cc] - mean);
                const double scale = (double)(sx2 / (long double)(n - m) / (long double)nc);
                const double tol = 16 * 1.1102230246251565e-16 * log2((double)L) * scale;
                assert_close_abs(a[0][m], (double)mean, tol);
                assert_close_abs(b[0][m], (double)mean, tol);
                if (nc > 1)
                    assert_close_abs(sd[0][m], (double)sqrtl(ss / (long double)(nc - 1) / nc),
                                     2 * tol);
                else
                    assert_true(isnan(sd[0][m]));
            }
        }
        for (int k = 0; k < 4; k++) {
            free(a[k]);
            free(b[k]);
            free(sd[k]);
        }
        free(x);
        free(y);
    }
}

/* Thread split (issue 11): the components' correlations run on several threads and are reduced
 * in component order, so results must be bitwise equal for 1, 2 and 3 threads. Reference: the
 * same call on one thread (the property under test is independence of the thread count). */
static void test_threads_bitwise(void **state)
{
    (void)state;
    const size_t n = 8192, nc = 5, nl = 2048;
    double *x = malloc(n * nc * sizeof *x);
    double *a[3], *sd[3], *am[3], kappa[3], kappa_sd[3];
    assert_non_null(x);
    msbt_rng r;
    msbt_rng_seed(&r, 11);
    ar1(&r, n, nc, 0.9, x);
    for (int k = 0; k < 3; k++) {
        a[k] = malloc(nl * sizeof(double));
        sd[k] = malloc(nl * sizeof(double));
        am[k] = malloc(nl * sizeof(double));
        assert_non_null(a[k]);
        assert_non_null(sd[k]);
        assert_non_null(am[k]);
        msbi_test_set_threads(k + 1);
        assert_ok(msb_gk_acf(n, nc, x, nl, a[k], sd[k]));
        assert_ok(msb_gk_acf(n, nc, x, nl, am[k], NULL)); /* mean only: summed spectra */
        msb_estimate *e = NULL;
        assert_ok(msb_gk_running(MSB_GK_HEAT_FLUX, n, nc, x, 1.0, UNIT_GEOM, 1.0, 0, &e));
        assert_ok(msb_estimate_get(e, "kappa", &kappa[k], &kappa_sd[k]));
        msb_estimate_destroy(e);
    }
    msbi_test_set_threads(0);
    for (int k = 1; k < 3; k++) {
        assert_memory_equal(a[0], a[k], nl * sizeof(double));
        assert_memory_equal(sd[0], sd[k], nl * sizeof(double));
        assert_memory_equal(am[0], am[k], nl * sizeof(double));
        assert_memory_equal(&kappa[0], &kappa[k], sizeof(double));
        assert_memory_equal(&kappa_sd[0], &kappa_sd[k], sizeof(double));
    }
    for (int k = 0; k < 3; k++) {
        free(a[k]);
        free(sd[k]);
        free(am[k]);
    }
    free(x);
}

/* Multi-component cepstral analysis on sportran's molten NaCl (tests/data/sportran/NaCl.dat:
 * energy flux c_flux[1..3] in eV A/ps and the Na centre-of-mass velocity c_vcm[1][1..3], every
 * 5 fs, V = 65013.301261 A^3). Reference: sportran's published analysis of this file with the
 * same f* (examples/04_cmdline_example_NaCl/output_ref.log in sissaschool/sportran, Bertossa
 * et al., PRL 122, 255901 (2019)): kappa = 0.498310 +- 0.028018 W/(m K), P* = 4 (cutoffK 3),
 * sd(L0) = 0.056227, f* = 100/7 THz (1429 frequencies). */
static void test_nacl_multi(void **state)
{
    (void)state;
    msb_table *t;
    assert_ok(msb_table_read(msbt_data_path("sportran/NaCl.dat"), MSB_TABLE_HEADER, &t));
    msb_units *u;
    assert_ok(msb_units_create("metal", &u));
    double fj, fl;
    assert_ok(msb_units_to_si(u, MSB_Q_HEAT_FLUX, &fj));
    assert_ok(msb_units_to_si(u, MSB_Q_LENGTH, &fl));
    msb_units_destroy(u);
    const size_t n = msb_table_nrows(t);
    assert_int_equal(n, 20000);
    double *x = malloc(6 * n * sizeof(double));
    double T = 0;
    for (size_t i = 0; i < n; i++) T += msb_table_column(t, 0)[i] / (double)n;
    for (size_t c = 0; c < 3; c++)
        for (size_t i = 0; i < n; i++) {
            x[c * n + i] = msb_table_column(t, 1 + c)[i] * fj;
            x[(3 + c) * n + i] = msb_table_column(t, 4 + c)[i]; /* any unit: scale-free */
        }
    const double V = 65013.301261 * fl * fl * fl, dt = 5e-15;
    msb_estimate *e;
    assert_ok(msb_gk_cepstral_multi(MSB_GK_HEAT_JV, n, 3, 2, x, dt, V, T, 100e12 / 7, &e));
    double k, sk, ka, ska, P, nf, L0, sL0, dof;
    assert_ok(msb_estimate_get(e, "kappa_aic", &k, &sk));
    assert_ok(msb_estimate_get(e, "kappa", &ka, &ska));
    assert_ok(msb_estimate_get(e, "P_star", &P, NULL));
    assert_ok(msb_estimate_get(e, "n_freq", &nf, NULL));
    assert_ok(msb_estimate_get(e, "L0_aic", &L0, &sL0));
    assert_ok(msb_estimate_get(e, "dof", &dof, NULL));
    print_message("NaCl multi-component: kappa(P*) = %.4f +- %.4f W/(m K), P* = %g; model "
                  "average %.4f +- %.4f (published 0.4983 +- 0.0280, P* = 4)\n", k, sk, P, ka,
                  ska);
    assert_int_equal((int)nf, 1429);
    assert_int_equal((int)dof, 2);
    /* P* may differ from sportran's 4: sportran low-pass filters and resamples the spectrum
     * (TSKIP = 7) before the analysis, which changes log S near f*; we keep the raw
     * periodogram below f* (an ideal filter). The values must agree within the combined
     * uncertainty. */
    /* sd(L0) = psi'(2) (4 P* - 2) / N in closed form; equals the reference's 0.056227 at P* = 4 */
    const double trig2 = MSBI_PI * MSBI_PI / 6 - 1;
    assert_close_rel(sL0, sqrt(trig2 * (4 * P - 2) / 2856.0), 1e-12);
    const double ref = 0.498310, sref = 0.028018;
    assert_true(fabs(k - ref) <= sqrt(sk * sk + sref * sref));
    assert_true(fabs(ka - ref) <= sqrt(ska * ska + sref * sref));
    msb_estimate_destroy(e);
    free(x);
    msb_table_destroy(t);
}

/* Multi-component coverage with a known truth: x0 = u + 2 y, x1 = y with u, y independent
 * AR(1) (tau 10 and 4 steps). Holding x1 at zero leaves u: 1/(S^-1)_00 = S_u, and the truth is
 * u's closed-form integral. Binomial tolerance as in coverage(). */
static void test_multi_coverage(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 4242);
    const size_t S = reps(200, 20), n = 16384;
    const double phi = exp(-0.1), truth = ar1_truth(phi, 1.0);
    double *x = malloc(6 * n * sizeof(double)), *y = malloc(3 * n * sizeof(double));
    size_t hit = 0;
    double sum = 0, sum_sd2 = 0;
    for (size_t k = 0; k < S; k++) {
        ar1(&r, n, 3, phi, x);
        ar1(&r, n, 3, exp(-0.25), y);
        for (size_t i = 0; i < 3 * n; i++) {
            x[i] += 2 * y[i];
            x[3 * n + i] = y[i];
        }
        msb_estimate *e;
        assert_ok(msb_gk_cepstral_multi(MSB_GK_HEAT_FLUX, n, 3, 2, x, 1.0, UNIT_GEOM, 1.0, 0.03, &e));
        double v, sd;
        assert_ok(msb_estimate_get(e, "kappa", &v, &sd));
        if (fabs(v - truth) <= sd) hit++;
        sum += v;
        sum_sd2 += sd * sd;
        msb_estimate_destroy(e);
    }
    const double frac = (double)hit / (double)S, p = 0.682689, bsd = sqrt(p * (1 - p) / (double)S);
    const double mean = sum / (double)S, se = sqrt(sum_sd2) / (double)S;
    print_message("multi-component coverage %.3f (expected %.3f +- %.3f), mean %.3f truth %.3f "
                  "(se %.3f)\n", frac, p, bsd, mean, truth, se);
    assert_true(frac >= p - 3 * bsd && frac <= p + 3 * bsd);
    assert_true(fabs(mean - truth) <= 4 * se);
    free(x);
    free(y);
}

static void test_multi_bad_input(void **state)
{
    (void)state;
    double x[6 * 256];
    msbt_rng r;
    msbt_rng_seed(&r, 8);
    for (int i = 0; i < 6 * 256; i++) x[i] = msbt_normal(&r);
    msb_estimate *e = (msb_estimate *)0x1;
    const msb_gk_kind K = MSB_GK_HEAT_JV;
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, 300, 0, NULL), MSB_ENULL);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, NULL, 1, 1, 300, 0, &e), MSB_ENULL);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 0, x, 1, 1, 300, 0, &e), MSB_ESIZE);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 9, x, 1, 1, 300, 0, &e), MSB_ESIZE);
    assert_status(msb_gk_cepstral_multi(K, 256, 1, 2, x, 1, 1, 300, 0, &e), MSB_ESIZE);
    assert_status(msb_gk_cepstral_multi((msb_gk_kind)9, 256, 3, 2, x, 1, 1, 300, 0, &e), MSB_EINVAL);
    assert_status(msb_gk_cepstral_multi(K, 10, 3, 2, x, 1, 1, 300, 0, &e), MSB_EINSUFFICIENT);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, -3, 0, &e), MSB_EDOM);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, 300, 0.9, &e), MSB_EDOM);
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, 300, NAN, &e), MSB_ENONFINITE);
    /* flux 1 identical to flux 0: singular spectral matrix */
    memcpy(x + 3 * 256, x, 3 * 256 * sizeof(double));
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, 300, 0, &e), MSB_EDOM);
    x[5 * 256 + 7] = INFINITY;
    assert_status(msb_gk_cepstral_multi(K, 256, 3, 2, x, 1, 1, 300, 0, &e), MSB_ENONFINITE);
    assert_true(e == (msb_estimate *)0x1);
    /* one flux: identical to msb_gk_cepstral */
    msb_estimate *a, *b;
    assert_ok(msb_gk_cepstral_multi(K, 256, 3, 1, x, 1, 1, 300, 0, &a));
    assert_ok(msb_gk_cepstral(K, 256, 3, x, 1, 1, 300, 0, &b));
    double va, vb;
    assert_ok(msb_estimate_get(a, "kappa", &va, NULL));
    assert_ok(msb_estimate_get(b, "kappa", &vb, NULL));
    assert_true(va == vb);
    msb_estimate_destroy(a);
    msb_estimate_destroy(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acf_direct), cmocka_unit_test(test_threads_bitwise),
        cmocka_unit_test(test_mean_threads_bitwise),        cmocka_unit_test(test_silica_cepstral),
        cmocka_unit_test(test_silica_running),    cmocka_unit_test(test_coverage_running),
        cmocka_unit_test(test_coverage_cepstral), cmocka_unit_test(test_cutoff_rule),
        cmocka_unit_test(test_bad_input),         cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_prefactors),        cmocka_unit_test(test_lammps_lj_fluid),
        cmocka_unit_test(test_nacl_multi),        cmocka_unit_test(test_multi_coverage),
        cmocka_unit_test(test_multi_bad_input),   cmocka_unit_test(test_cutoff_refuses_oscillation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Transport laws: Nernst-Einstein-Haven conductivity, layer (SEI) resistance, NE transference
 * number, tabulated mu, Darken. References: the closed forms evaluated here from the parts'
 * own values; regular-solution thermodynamic factor (closed form) for the spline. */
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static msb_law *arr(double D0, double Ea_eV, double sd_lnD0, double sd_Ea_eV)
{
    const double c = 0.3 * sd_lnD0 * sd_Ea_eV * MSB_EV;
    const double cov[4] = {sd_lnD0 * sd_lnD0, c, c, pow(sd_Ea_eV * MSB_EV, 2)};
    msb_law *l;
    assert_ok(msb_arrhenius_create(D0, Ea_eV * MSB_EV, cov, &l));
    return l;
}

static double D_of(const msb_law *l, double T)
{
    double y;
    assert_ok(msb_law_eval(l, 1, &T, &y, NULL));
    return y;
}

static void test_nernst_einstein(void **state)
{
    (void)state;
    msb_law *Dp = arr(1e-7, 0.3, 0.2, 0.02), *Dm = arr(3e-7, 0.35, 0.1, 0.01);
    const msb_law *parts[2] = {Dp, Dm};
    const double n[2] = {6e26, 6e26}, H[2] = {0.6, 0.9}, Hs[2] = {0.05, 0.08};
    const int z[2] = {1, -1};
    msb_law *s;
    assert_ok(msb_nernst_einstein_create(2, parts, n, z, H, Hs, &s));
    msb_law_destroy(Dp); /* the composed law holds its own references */
    Dp = arr(1e-7, 0.3, 0.2, 0.02);
    parts[0] = Dp;
    assert_string_equal(msb_law_output_name(s, 0), "sigma");
    assert_int_equal(msb_law_n_params(s), 6);
    assert_string_equal(msb_law_param_name(s, 0), "s0_ln_D0");
    assert_string_equal(msb_law_param_name(s, 4), "H0");
    const double T[3] = {250, 300, 400};
    for (int i = 0; i < 3; i++) {
        double y;
        assert_ok(msb_law_eval(s, 1, &T[i], &y, NULL));
        const double ref = n[0] * MSB_E * MSB_E * (D_of(Dp, T[i]) / H[0] + D_of(Dm, T[i]) / H[1]) /
                           (MSB_K_B * T[i]);
        assert_close_rel(y, ref, 1e-14);
    }
    msbt_law_conformance(s, 3, T, NULL);
    /* uq: independent blocks, so var = sum of each part's contribution (delta method) */
    double y, sd, ydp, sdp, ydm, sdm;
    const double t = 320;
    assert_ok(msb_law_eval_uq(s, 1, &t, &y, &sd));
    assert_ok(msb_law_eval_uq(Dp, 1, &t, &ydp, &sdp));
    assert_ok(msb_law_eval_uq(Dm, 1, &t, &ydm, &sdm));
    const double k = n[0] * MSB_E * MSB_E / (MSB_K_B * t);
    const double var = pow(k * sdp / H[0], 2) + pow(k * sdm / H[1], 2) +
                       pow(k * ydp / (H[0] * H[0]) * Hs[0], 2) + pow(k * ydm / (H[1] * H[1]) * Hs[1], 2);
    assert_close_rel(sd, sqrt(var), 1e-10);

    /* SEI resistance R = h / sigma, transference number */
    msb_law *R, *tp;
    assert_ok(msb_sei_resistance_create(s, 20e-9, 5e-9, &R));
    double r;
    assert_ok(msb_law_eval(R, 1, &t, &r, NULL));
    assert_close_rel(r, 20e-9 / y, 1e-14);
    msbt_law_conformance(R, 3, T, NULL);
    assert_ok(msb_transference_ne_create(Dp, Dm, 1e27, 1, 1e27, -1, &tp));
    double tt;
    assert_ok(msb_law_eval(tp, 1, &t, &tt, NULL));
    assert_close_rel(tt, ydp / (ydp + ydm), 1e-14);
    msbt_law_conformance(tp, 3, T, NULL);
    /* bad arguments: outputs untouched, message set */
    msb_law *bad = (msb_law *)&y;
    const double nbad[2] = {6e26, -1};
    assert_status(msb_nernst_einstein_create(2, parts, nbad, z, NULL, NULL, &bad), MSB_EDOM);
    const int z0[2] = {1, 0};
    assert_status(msb_nernst_einstein_create(2, parts, n, z0, NULL, NULL, &bad), MSB_EDOM);
    assert_status(msb_nernst_einstein_create(0, parts, n, z, NULL, NULL, &bad), MSB_ESIZE);
    assert_status(msb_nernst_einstein_create(2, NULL, n, z, NULL, NULL, &bad), MSB_ENULL);
    const msb_law *with_null[2] = {Dp, NULL};
    assert_status(msb_nernst_einstein_create(2, with_null, n, z, NULL, NULL, &bad), MSB_ENULL);
    const double Hbad[2] = {0.5, NAN};
    assert_status(msb_nernst_einstein_create(2, parts, n, z, Hbad, NULL, &bad), MSB_ENONFINITE);
    assert_status(msb_sei_resistance_create(s, 0, 0, &bad), MSB_EDOM);
    assert_status(msb_sei_resistance_create(s, 1e-8, -1, &bad), MSB_EDOM);
    assert_status(msb_transference_ne_create(Dp, Dm, 1, -1, 1, 1, &bad), MSB_EDOM);
    msb_law *mu2;
    const double xs[3] = {0.1, 0.2, 0.3}, ms[3] = {0, 1e-21, 3e-21};
    assert_ok(msb_mu_table_create(3, xs, ms, NULL, 300, &mu2));
    assert_status(msb_sei_resistance_create(mu2, 1e-8, 0, &bad), MSB_EBADLAW);
    assert_ptr_equal(bad, (msb_law *)&y);
    assert_true(strlen(msb_last_error_message()) > 0);
    for (long kk = 1; kk < 20; kk++) {
        msbi_test_alloc_fail_at(kk);
        msb_status st = msb_nernst_einstein_create(2, parts, n, z, H, Hs, &bad);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_law_destroy(bad);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
    msb_law_destroy(mu2);
    msb_law_destroy(R);
    msb_law_destroy(tp);
    msb_law_destroy(s);
    msb_law_destroy(Dp);
    msb_law_destroy(Dm);
}

/* Regular solution at T_ref: mu = kT ln(x/(1-x)) + W (1 - 2x), so
 * Theta = x mu'/(kT) = 1/(1-x) - 2 W x/(kT) (closed form). 41 nodes on [0.05, 0.95]: the
 * natural spline's error in mu' is O(h^2 max|mu'''|); 2e-3 relative in the interior, checked
 * away from the ends where the natural end condition (mu'' = 0) is wrong. */
static void test_mu_table_darken(void **state)
{
    (void)state;
    const double T0 = 350, kT = MSB_K_B * T0, W = 0.8 * kT;
    double x[41], mu[41], sd[41];
    for (int j = 0; j < 41; j++) {
        x[j] = 0.05 + 0.9 * j / 40.0;
        mu[j] = kT * log(x[j] / (1 - x[j])) + W * (1 - 2 * x[j]);
        sd[j] = 1e-3 * kT;
    }
    msb_law *mt;
    assert_ok(msb_mu_table_create(41, x, mu, sd, T0, &mt));
    assert_string_equal(msb_law_output_name(mt, 1), "Theta");
    for (double v = 0.2; v <= 0.8; v += 0.05) {
        const double in[2] = {v, T0};
        double y[2];
        assert_ok(msb_law_eval(mt, 1, in, y, NULL));
        assert_close_abs(y[0], kT * log(v / (1 - v)) + W * (1 - 2 * v), 1e-4 * kT);
        assert_close_rel(y[1], 1 / (1 - v) - 2 * W * v / kT, 2e-3);
    }
    /* node values are reproduced exactly (interpolation) */
    const double at_node[2] = {x[7], T0};
    double yn[2];
    assert_ok(msb_law_eval(mt, 1, at_node, yn, NULL));
    assert_close_rel(yn[0], mu[7], 1e-13);
    const double pts[6] = {0.3, 300, 0.55, 350, 0.97, 420};
    msbt_law_conformance(mt, 3, pts, NULL);
    size_t nout;
    assert_ok(msb_law_count_outside(mt, 3, pts, &nout));
    assert_int_equal(nout, 3 - 1); /* only (0.55, 350) lies inside */

    /* Darken with a T-only D* law and with the same as a (x, T) law */
    msb_law *Ds = arr(2e-8, 0.4, 0.1, 0.01), *dk;
    assert_ok(msb_darken_create(Ds, mt, &dk));
    assert_string_equal(msb_law_input_name(dk, 0), "x");
    assert_string_equal(msb_law_output_name(dk, 0), "D_chem");
    const double q[2] = {0.4, 360};
    double yd[2], ym[2];
    assert_ok(msb_law_eval(dk, 1, q, yd, NULL));
    assert_ok(msb_law_eval(mt, 1, q, ym, NULL));
    assert_close_rel(yd[0], D_of(Ds, 360) * ym[1], 1e-14);
    assert_close_rel(yd[1], ym[1], 0);
    msbt_law_conformance(dk, 3, pts, NULL);
    msb_law *bad = (msb_law *)&yd;
    /* a 2-input D* (here itself a Darken law on an 11-node table; 64 parameters at most) */
    msb_law *small, *dks, *dk2;
    double xs[11], ms[11];
    for (int j = 0; j < 11; j++) {
        xs[j] = x[4 * j];
        ms[j] = mu[4 * j];
    }
    assert_ok(msb_mu_table_create(11, xs, ms, NULL, T0, &small));
    assert_ok(msb_darken_create(Ds, small, &dks));
    assert_ok(msb_darken_create(dks, small, &dk2));
    double y2[2], ys[2], yk[2];
    assert_ok(msb_law_eval(dk2, 1, q, y2, NULL));
    assert_ok(msb_law_eval(dks, 1, q, yk, NULL));
    assert_ok(msb_law_eval(small, 1, q, ys, NULL));
    assert_close_rel(y2[0], yk[0] * ys[1], 1e-14);
    msbt_law_conformance(dk2, 3, pts, NULL);
    assert_status(msb_darken_create(dk, mt, &bad), MSB_ESIZE);
    msb_law_destroy(small);
    msb_law_destroy(dks);
    /* bad */
    assert_status(msb_darken_create(mt, Ds, &bad), MSB_EBADLAW); /* Ds has no Theta */
    assert_status(msb_darken_create(NULL, mt, &bad), MSB_ENULL);
    assert_status(msb_darken_create(Ds, Ds, &bad), MSB_EBADLAW);
    const double xbad[3] = {0.1, 0.1, 0.3};
    assert_status(msb_mu_table_create(3, xbad, mu, NULL, T0, &bad), MSB_EDOM);
    assert_status(msb_mu_table_create(2, x, mu, NULL, T0, &bad), MSB_ESIZE);
    assert_status(msb_mu_table_create(3, x, mu, NULL, 0, &bad), MSB_EDOM);
    double mubad[3] = {0, NAN, 1};
    assert_status(msb_mu_table_create(3, x, mubad, NULL, T0, &bad), MSB_ENONFINITE);
    assert_ptr_equal(bad, (msb_law *)&yd);
    for (long kk = 1; kk < 20; kk++) {
        msbi_test_alloc_fail_at(kk);
        msb_status st = msb_darken_create(Ds, mt, &bad);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_law_destroy(bad);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
    for (long kk = 1; kk < 20; kk++) {
        msbi_test_alloc_fail_at(kk);
        msb_status st = msb_mu_table_create(41, x, mu, sd, T0, &bad);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_law_destroy(bad);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
    msb_law_destroy(dk2);
    msb_law_destroy(dk);
    msb_law_destroy(Ds);
    msb_law_destroy(mt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nernst_einstein),
        cmocka_unit_test(test_mu_table_darken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Onsager coefficients / Einstein-Helfand conductivity from collective displacements.
 * References (closed forms): for independent random walkers L_ab = delta_ab N_a D_a/(V k_B T),
 * so sigma_EH = sigma_NE, H = 1 and t+ = N+ D+ / (N+ D+ + N- D-); for cation-anion pairs that
 * move together the charge displacement vanishes identically, so sigma_EH = 0. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static msb_trajectory *ions(uint64_t seed, size_t nf, size_t npair, double Dp, double Dm,
                            int paired, double dt, double Lbox)
{
    msbt_rng r;
    msbt_rng_seed(&r, seed);
    const size_t na = 2 * npair;
    double *p = malloc(nf * na * 3 * sizeof(double));
    int *ty = malloc(na * sizeof(int));
    for (size_t a = 0; a < na; a++) {
        ty[a] = a < npair ? 1 : 2;
        for (int k = 0; k < 3; k++) p[a * 3 + k] = Lbox * msbt_uniform(&r);
    }
    for (size_t f = 1; f < nf; f++)
        for (size_t a = 0; a < na; a++)
            for (int k = 0; k < 3; k++) {
                double step;
                if (paired && a >= npair)
                    step = p[(f * na + a - npair) * 3 + k] - p[((f - 1) * na + a - npair) * 3 + k];
                else
                    step = sqrt(2 * (a < npair ? Dp : Dm) * dt) * msbt_normal(&r);
                p[(f * na + a) * 3 + k] = p[((f - 1) * na + a) * 3 + k] + step;
            }
    const double cell[9] = {Lbox, 0, 0, 0, Lbox, 0, 0, 0, Lbox};
    msb_trajectory *t;
    assert_ok(msb_trajectory_create(nf, na, p, ty, cell, dt, 0, &t));
    free(p);
    free(ty);
    return t;
}

static void get(const msb_estimate *e, const char *name, double *v, double *s, size_t n)
{
    size_t i, len;
    assert_ok(msb_estimate_find(e, name, &i));
    assert_ok(msb_estimate_values(e, i, n, v, s, &len));
    assert_int_equal(len, n);
}

/* Tolerance: 4 block standard errors (10 blocks: t-distribution with 9 dof, two-sided
 * P(|t| > 4) = 0.003 per check). */
static void test_independent(void **state)
{
    (void)state;
    const double Dp = 1e-9, Dm = 2.5e-9, T = 300, Lb = 3e-9;
    msb_trajectory *t = ions(11, 2000, 40, Dp, Dm, 0, 1e-12, Lb);
    const int types[2] = {1, 2}, z[2] = {1, -1};
    msb_estimate *e;
    assert_ok(msb_onsager_fit(t, 2, types, z, T, 0, 1e-12, 50e-12, 10, &e));
    double H, Hs, tp[2], tps[2], L[4], Ls[4], D[2], Dsd[2], sEH, sEHs, sNE;
    get(e, "haven_ratio", &H, &Hs, 1);
    get(e, "t", tp, tps, 2);
    get(e, "L", L, Ls, 4);
    get(e, "D_self", D, Dsd, 2);
    assert_ok(msb_estimate_get(e, "sigma_EH", &sEH, &sEHs));
    assert_ok(msb_estimate_get(e, "sigma_NE", &sNE, NULL));
    print_message("independent ions: H = %.3f +- %.3f, t+ = %.3f +- %.3f (NE %.3f), sigma_EH = %.4g "
                  "+- %.2g S/m, sigma_NE = %.4g S/m\n", H, Hs, tp[0], tps[0], Dp / (Dp + Dm), sEH,
                  sEHs, sNE);
    const double V = Lb * Lb * Lb, kT = MSB_K_B * T;
    assert_close_abs(D[0], Dp, 4 * Dsd[0]);
    assert_close_abs(D[1], Dm, 4 * Dsd[1]);
    assert_close_abs(L[0], 40 * Dp / (V * kT), 4 * Ls[0]);
    assert_close_abs(L[3], 40 * Dm / (V * kT), 4 * Ls[3]);
    assert_close_abs(L[1], 0.0, 4 * Ls[1]);
    assert_close_rel(L[1], L[2], 1e-12);
    assert_close_abs(H, 1.0, 4 * Hs);
    assert_close_abs(tp[0], Dp / (Dp + Dm), 4 * tps[0]);
    assert_close_rel(tp[0] + tp[1], 1.0, 1e-12);
    assert_close_abs(sNE, MSB_E * MSB_E * 40 * (Dp + Dm) / (V * kT), 4 * sEHs);
    msb_estimate_destroy(e);
    msb_trajectory_destroy(t);
}

static void test_pairs(void **state)
{
    (void)state;
    msb_trajectory *t = ions(12, 400, 20, 1e-9, 1e-9, 1, 1e-12, 3e-9);
    const int types[2] = {1, 2}, z[2] = {1, -1};
    msb_estimate *e;
    assert_ok(msb_onsager_fit(t, 2, types, z, 300, 1, 0, 0, 5, &e));
    double sEH, sNE;
    assert_ok(msb_estimate_get(e, "sigma_EH", &sEH, NULL));
    assert_ok(msb_estimate_get(e, "sigma_NE", &sNE, NULL));
    assert_true(sNE > 0);
    assert_true(fabs(sEH) <= 1e-9 * sNE); /* rounding only */
    msb_estimate_destroy(e);
    /* bad input */
    msb_estimate *bad = (msb_estimate *)&sEH;
    assert_status(msb_onsager_fit(NULL, 2, types, z, 300, 1, 0, 0, 5, &bad), MSB_ENULL);
    assert_status(msb_onsager_fit(t, 0, types, z, 300, 1, 0, 0, 5, &bad), MSB_ESIZE);
    assert_status(msb_onsager_fit(t, 2, types, z, -3, 1, 0, 0, 5, &bad), MSB_EDOM);
    assert_status(msb_onsager_fit(t, 2, types, z, NAN, 1, 0, 0, 5, &bad), MSB_ENONFINITE);
    const int dup[2] = {1, 1}, none[2] = {1, 7};
    assert_status(msb_onsager_fit(t, 2, dup, z, 300, 1, 0, 0, 5, &bad), MSB_EINVAL);
    assert_status(msb_onsager_fit(t, 2, none, z, 300, 1, 0, 0, 5, &bad), MSB_EINSUFFICIENT);
    assert_status(msb_onsager_fit(t, 2, types, z, 300, 1, 0, 0, 100, &bad), MSB_EINSUFFICIENT);
    assert_status(msb_onsager_fit(t, 2, types, z, 300, 1, 0, 1e-9, 5, &bad), MSB_EDOM);
    assert_ptr_equal(bad, (msb_estimate *)&sEH);
    double p[6] = {0, 0, 0, 1, 1, 1};
    msb_trajectory *nocell;
    assert_ok(msb_trajectory_create(2, 1, p, NULL, NULL, 1, 0, &nocell));
    const int one = 1;
    assert_status(msb_onsager_fit(nocell, 1, &one, z, 300, 0, 0, 0, 2, &bad), MSB_EINVAL);
    msb_trajectory_destroy(nocell);
    for (long k = 1; k < 20; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_onsager_fit(t, 2, types, z, 300, 1, 0, 0, 5, &bad);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_estimate_destroy(bad);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
    msb_trajectory_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_independent),
        cmocka_unit_test(test_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

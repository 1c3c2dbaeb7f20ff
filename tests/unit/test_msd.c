/* MSD and Einstein diffusion: against LAMMPS's own `compute msd` (tests/data/lj_md, regenerated
 * by its script), a direct O(T^2) sum, the lj1206 self-diffusivity database, and random walks
 * with known D (coverage of the 1-sigma interval). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static msb_trajectory *read_lj(void)
{
    msb_units *u;
    assert_ok(msb_units_create_lj(1.0, 1.0, 1.0, &u)); /* reduced units carried as "SI" */
    msb_trajectory *t = NULL;
    assert_ok(msb_trajectory_read_lammps(msbt_data_path("lj_md/lj256.dump"), u, 0.005, 0, 0, &t));
    msb_units_destroy(u);
    assert_int_equal(msb_trajectory_n_atoms(t), 256);
    assert_int_equal(msb_trajectory_n_frames(t), 201);
    assert_int_equal(msb_trajectory_unwrap_method(t), MSB_UNWRAP_IMAGE_FLAGS);
    return t;
}

static const double *entry(const msb_estimate *e, const char *name, size_t *len)
{
    size_t i;
    assert_ok(msb_estimate_find(e, name, &i));
    static double buf[8][4096];
    static int slot;
    slot = (slot + 1) % 8;
    assert_ok(msb_estimate_values(e, i, 4096, buf[slot], NULL, len));
    return buf[slot];
}

/* LAMMPS `compute msd` (com no) is the single-origin MSD from the first production frame,
 * written at %.17g by fix ave/time; both files hold the same run, so agreement is limited by the
 * dump's 17-digit positions only. Tolerance 1e-9 relative (the issue asks <= 1e-6). */
static void test_lammps_single_origin(void **state)
{
    (void)state;
    msb_trajectory *t = read_lj();
    FILE *f = fopen(msbt_data_path("lj_md/msd_lammps.txt"), "r");
    assert_non_null(f);
    char line[2048];
    double ref[201][9];
    size_t nr = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        double *r = ref[nr];
        assert_int_equal(sscanf(line, "%lf %lf %lf %lf %lf %lf %lf %lf %lf", &r[0], &r[1], &r[2],
                                &r[3], &r[4], &r[5], &r[6], &r[7], &r[8]), 9);
        nr++;
    }
    fclose(f);
    assert_int_equal(nr, 201);
    for (int ty = -1; ty <= 1; ty += 2) {
        msb_estimate *e;
        assert_ok(msb_msd_compute(t, ty, MSB_MSD_FIRST_ORIGIN, 0, 0, &e));
        size_t n, n2;
        const double *msd = entry(e, "msd", &n);
        const double *ten = entry(e, "msd_tensor", &n2);
        assert_int_equal(n, 201);
        const int off = ty < 0 ? 1 : 5;
        for (size_t m = 1; m < n; m++) {
            assert_close_rel(msd[m], ref[m][off + 3], 1e-9);
            for (int k = 0; k < 3; k++) assert_close_rel(ten[9 * m + 4 * k], ref[m][off + k], 1e-9);
        }
        msb_estimate_destroy(e);
    }
    msb_trajectory_destroy(t);
}

/* All-origin FFT MSD tensor against the direct O(T^2) average written here. Rounding of the FFT
 * route (prefix sums and correlations of O(10) numbers) stays near 1e-12 relative; 1e-9. */
static void test_multi_origin_direct(void **state)
{
    (void)state;
    msb_trajectory *t = read_lj();
    const size_t nf = 201, na = 256, nl = 120;
    const double *p = msb_trajectory_positions(t);
    const int *ty = msb_trajectory_types(t);
    for (int com = 0; com <= 1; com++) {
        msb_estimate *e;
        assert_ok(msb_msd_compute(t, 2, MSB_MSD_ALL_ORIGINS, com, nl, &e));
        size_t n;
        const double *ten = entry(e, "msd_tensor", &n);
        assert_int_equal(n, 9 * nl);
        double *c = calloc(nf * 3, sizeof(double));
        for (size_t f = 0; f < nf && com; f++)
            for (size_t a = 0; a < na; a++)
                for (int k = 0; k < 3; k++) c[3 * f + k] += p[(f * na + a) * 3 + k] / (double)na;
        for (size_t m = 1; m < nl; m += 7) {
            double ref[9] = {0};
            size_t cnt = 0;
            for (size_t a = 0; a < na; a++) {
                if (ty[a] != 2) continue;
                cnt++;
                double s[9] = {0};
                for (size_t i = 0; i + m < nf; i++) {
                    double d[3];
                    for (int k = 0; k < 3; k++)
                        d[k] = p[((i + m) * na + a) * 3 + k] - c[3 * (i + m) + k] -
                               (p[(i * na + a) * 3 + k] - c[3 * i + k]);
                    for (int q = 0; q < 9; q++) s[q] += d[q / 3] * d[q % 3];
                }
                for (int q = 0; q < 9; q++) ref[q] += s[q] / (double)(nf - m);
            }
            for (int q = 0; q < 9; q++) {
                ref[q] /= (double)cnt;
                if (q % 4 == 0) assert_close_rel(ten[9 * m + q], ref[q], 1e-9);
                else assert_close_abs(ten[9 * m + q], ref[q], 1e-9 * (ref[0] + ref[4] + ref[8]));
            }
        }
        free(c);
        msb_estimate_destroy(e);
    }
    msb_trajectory_destroy(t);
}

/* D* of the 256-atom run against the lj1206 database (tests/data/lj_transport: rho* = 0.85,
 * T* = 0.9, D* = 0.04483 +- 0.00040, eta* = 2.97 +- 0.23), both at finite size in periodic
 * boxes. Observed (see the printed line): D*_pbc = 0.0453 +- 0.0009, 1 % above the database.
 * The two differ in (a) cutoff: ours is cut and shifted at 2.5 sigma, which weakens the
 * attraction and speeds diffusion by a few per cent at this density; (b) size: our box is
 * L = 6.70 sigma, for which the Yeh-Hummer correction 2.837 T/(6 pi eta L) adds 0.0068 (15 %);
 * the database's own box size is not in the CSV, so its own finite-size bias is unknown and we
 * compare the raw periodic values. D*_inf is printed for the report. Tolerance: 3 combined sd
 * plus 5 % of D_db for the cutoff difference. */
static void test_D_vs_database(void **state)
{
    (void)state;
    msb_trajectory *t = read_lj();
    msb_estimate *e;
    assert_ok(msb_einstein_fit(t, -1, 1, 0, 0, 5, &e));
    double D, sd, tmin, tmax, sl, ols;
    assert_ok(msb_estimate_get(e, "D", &D, &sd));
    assert_ok(msb_estimate_get(e, "t_min", &tmin, NULL));
    assert_ok(msb_estimate_get(e, "t_max", &tmax, NULL));
    assert_ok(msb_estimate_get(e, "loglog_slope", &sl, NULL));
    assert_ok(msb_estimate_get(e, "D_ols_std", &ols, NULL));
    double L = cbrt(msb_trajectory_volume(t, 0)), Dinf;
    assert_ok(msb_yeh_hummer_correction(D, 0.9 / MSB_K_B, 2.97052147097939, L, &Dinf));
    const double Ddb = 0.0448255199109664, sddb = 0.0003968454676911;
    const double corr_sd = (Dinf - D) * 0.231501890978942 / 2.97052147097939;
    print_message("LJ rho*=0.85 T*=0.9: D*_pbc = %.5f +- %.5f (OLS sd %.2g), window [%g, %g] tau, "
                  "slope %.3f; Yeh-Hummer D*_inf = %.5f; database %.5f +- %.5f; diff (pbc) %.1f %%, (inf) %.1f %%\n",
                  D, sd, ols, tmin, tmax, sl, Dinf, Ddb, sddb, 100 * (D - Ddb) / Ddb, 100 * (Dinf - Ddb) / Ddb);
    assert_true(Dinf > D && corr_sd > 0);
    const double tol = 3 * sqrt(sd * sd + sddb * sddb) + 0.05 * Ddb;
    assert_close_abs(D, Ddb, tol);
    msb_estimate_destroy(e);
    msb_trajectory_destroy(t);
}

/* Random walk: Gaussian steps of variance 2 D_k dt per axis; the Einstein D and tensor are
 * known exactly. */
static msb_trajectory *walk(msbt_rng *r, size_t nf, size_t na, const double D[3], double dt)
{
    double *p = malloc(nf * na * 3 * sizeof(double));
    for (size_t a = 0; a < na; a++)
        for (int k = 0; k < 3; k++) p[a * 3 + k] = 10 * msbt_uniform(r);
    for (size_t f = 1; f < nf; f++)
        for (size_t a = 0; a < na; a++)
            for (int k = 0; k < 3; k++)
                p[(f * na + a) * 3 + k] =
                    p[((f - 1) * na + a) * 3 + k] + sqrt(2 * D[k] * dt) * msbt_normal(r);
    msb_trajectory *t;
    assert_ok(msb_trajectory_create(nf, na, p, NULL, NULL, dt, 0, &t));
    free(p);
    return t;
}

/* Coverage: over 300 seeds the block 1-sigma interval must hold the true D with frequency near
 * 0.683 (10 blocks: a t-interval with 9 dof covers 0.657; the binomial sd over 300 seeds is
 * 0.027, so accept [0.57, 0.78]). The naive OLS sd of the same fits must fail this: the lag
 * correlation makes it several times too small (observed coverage far below 0.5). */
static void test_random_walk_coverage(void **state)
{
    (void)state;
    const double Dk[3] = {1.0, 1.0, 1.0}, dt = 0.1;
    const int nseed = 300;
    int hit = 0, hit_ols = 0;
    for (int s = 0; s < nseed; s++) {
        msbt_rng r;
        msbt_rng_seed(&r, 1000 + (uint64_t)s);
        msb_trajectory *t = walk(&r, 400, 8, Dk, dt);
        msb_estimate *e;
        assert_ok(msb_einstein_fit(t, -1, 0, 0, 0, 10, &e));
        double D, sd, ols;
        assert_ok(msb_estimate_get(e, "D", &D, &sd));
        assert_ok(msb_estimate_get(e, "D_ols_std", &ols, NULL));
        hit += fabs(D - 1.0) <= sd;
        hit_ols += fabs(D - 1.0) <= ols;
        msb_estimate_destroy(e);
        msb_trajectory_destroy(t);
    }
    const double cov = (double)hit / nseed, cov_ols = (double)hit_ols / nseed;
    print_message("random-walk coverage of the 1-sigma interval: blocks %.3f, plain OLS %.3f\n",
                  cov, cov_ols);
    assert_true(cov >= 0.57 && cov <= 0.78);
    assert_true(cov_ols < 0.5);
}

/* Anisotropic walk: the diagonal of D_tensor recovers (0.5, 1, 2) within 4 sd; off-diagonal 0. */
static void test_tensor(void **state)
{
    (void)state;
    const double Dk[3] = {0.5, 1.0, 2.0};
    msbt_rng r;
    msbt_rng_seed(&r, 77);
    msb_trajectory *t = walk(&r, 2000, 20, Dk, 0.05);
    msb_estimate *e;
    assert_ok(msb_einstein_fit(t, -1, 0, 0.05, 2.0, 10, &e));
    size_t i, len;
    double v[9], sd[9];
    assert_ok(msb_estimate_find(e, "D_tensor", &i));
    assert_ok(msb_estimate_values(e, i, 9, v, sd, &len));
    for (int q = 0; q < 9; q++) {
        const double truth = q % 4 == 0 ? Dk[q / 4] : 0.0;
        assert_true(sd[q] > 0);
        assert_close_abs(v[q], truth, 4 * sd[q]);
    }
    double D;
    assert_ok(msb_estimate_get(e, "D", &D, NULL));
    assert_close_rel(D, (v[0] + v[4] + v[8]) / 3, 1e-12);
    msb_estimate_destroy(e);
    msb_trajectory_destroy(t);
}

/* Threads: the atoms go to a fixed set of blocks reduced in order, so 1, 2 and 3 threads give
 * the same bits (msd_tensor and Einstein D). Sizes above the library's one-thread threshold
 * (65536 atom-frames); 37 atoms split unevenly over the blocks, and 5 atoms leave blocks
 * empty. The threaded result is also checked against the direct O(T^2) sum at a few lags
 * (1e-9 relative, as in test_multi_origin_direct). */
static void test_threads_bitwise(void **state)
{
    (void)state;
    const double Dk[3] = {1.0, 0.7, 1.3};
    const size_t cases[2][2] = {{3000, 37}, {14000, 5}}; /* frames, atoms */
    for (int c = 0; c < 2; c++) {
        const size_t nf = cases[c][0], na = cases[c][1], nl = 400;
        msbt_rng r;
        msbt_rng_seed(&r, 4242 + (uint64_t)c);
        msb_trajectory *t = walk(&r, nf, na, Dk, 0.01);
        double *ten[3];
        double D[3];
        for (int th = 1; th <= 3; th++) {
            const int prev = msbi_test_set_threads(th);
            msb_estimate *e, *f;
            assert_ok(msb_msd_compute(t, -1, MSB_MSD_ALL_ORIGINS, 1, nl, &e));
            assert_ok(msb_einstein_fit(t, -1, 0, 0.2, 1.0, 10, &f));
            msbi_test_set_threads(prev);
            size_t n;
            const double *v = entry(e, "msd_tensor", &n);
            assert_int_equal(n, 9 * nl);
            ten[th - 1] = malloc(n * sizeof(double));
            memcpy(ten[th - 1], v, n * sizeof(double));
            assert_ok(msb_estimate_get(f, "D", &D[th - 1], NULL));
            msb_estimate_destroy(e);
            msb_estimate_destroy(f);
        }
        assert_memory_equal(ten[0], ten[1], 9 * nl * sizeof(double));
        assert_memory_equal(ten[0], ten[2], 9 * nl * sizeof(double));
        assert_memory_equal(&D[0], &D[1], sizeof(double));
        assert_memory_equal(&D[0], &D[2], sizeof(double));
        const double *p = msb_trajectory_positions(t);
        double *com = calloc(3 * nf, sizeof(double));
        for (size_t f = 0; f < nf; f++)
            for (size_t a = 0; a < na; a++)
                for (int k = 0; k < 3; k++) com[3 * f + k] += p[(f * na + a) * 3 + k] / (double)na;
        const size_t lags[3] = {1, 57, nl - 1};
        for (int l = 0; l < 3; l++) {
            const size_t m = lags[l];
            double ref[9] = {0};
            for (size_t a = 0; a < na; a++)
                for (size_t i = 0; i + m < nf; i++) {
                    double d[3];
                    for (int k = 0; k < 3; k++)
                        d[k] = p[((i + m) * na + a) * 3 + k] - com[3 * (i + m) + k] -
                               (p[(i * na + a) * 3 + k] - com[3 * i + k]);
                    for (int q = 0; q < 9; q++)
                        ref[q] += d[q / 3] * d[q % 3] / (double)(nf - m) / (double)na;
                }
            for (int q = 0; q < 9; q++)
                assert_close_abs(ten[2][9 * m + q], ref[q], 1e-9 * (ref[0] + ref[4] + ref[8]));
        }
        free(com);
        for (int th = 0; th < 3; th++) free(ten[th]);
        msb_trajectory_destroy(t);
    }
}

/* Pipeline of the issue: Einstein D at five temperatures (random walks whose D follows
 * D0 exp(-Ea/(k_B T)), D0 = 1e-7 m^2/s, Ea = 0.3 eV) -> msb_arrhenius_fit with the block sd as
 * absolute uncertainties -> a D(T) law with covariance that reports evaluation outside the
 * fitted range. Checks: Ea within 4 sd of the truth, chi2/dof plausible (< 5), count_outside. */
static void test_arrhenius_pipeline(void **state)
{
    (void)state;
    const double T[5] = {300, 350, 400, 450, 500}, Ea = 0.3 * MSB_EV, dt = 1e-12;
    double D[5], sd[5];
    for (int i = 0; i < 5; i++) {
        const double Dt = 1e-7 * exp(-Ea / (MSB_K_B * T[i]));
        const double Dk[3] = {Dt, Dt, Dt};
        msbt_rng r;
        msbt_rng_seed(&r, 500 + (uint64_t)i);
        msb_trajectory *t = walk(&r, 1000, 20, Dk, dt);
        msb_estimate *e;
        assert_ok(msb_einstein_fit(t, -1, 0, 0, 0, 10, &e));
        assert_ok(msb_estimate_get(e, "D", &D[i], &sd[i]));
        msb_estimate_destroy(e);
        msb_trajectory_destroy(t);
    }
    msb_estimate *fe;
    msb_law *law;
    assert_ok(msb_arrhenius_fit(5, T, D, sd, MSB_SIGMA_ABSOLUTE, &fe, &law));
    double Ea_fit, Ea_sd, chi2;
    assert_ok(msb_estimate_get(fe, "Ea", &Ea_fit, &Ea_sd));
    assert_ok(msb_estimate_get(fe, "chi2_per_dof", &chi2, NULL));
    print_message("Arrhenius from Einstein D: Ea = %.4f +- %.4f eV (truth 0.3), chi2/dof %.2f\n",
                  Ea_fit / MSB_EV, Ea_sd / MSB_EV, chi2);
    assert_close_abs(Ea_fit, Ea, 4 * Ea_sd);
    assert_true(chi2 < 5);
    const double q[3] = {280, 420, 600};
    size_t nout;
    assert_ok(msb_law_count_outside(law, 3, q, &nout));
    assert_int_equal(nout, 2);
    double y[3], ys[3];
    assert_ok(msb_law_eval_uq(law, 3, q, y, ys));
    assert_true(ys[0] > 0 && ys[2] / y[2] > ys[1] / y[1]);
    msb_estimate_destroy(fe);
    msb_law_destroy(law);
}

/* Yeh & Hummer (2004) eq. 10, closed form. */
static void test_yeh_hummer(void **state)
{
    (void)state;
    double d = -1;
    assert_ok(msb_yeh_hummer_correction(1e-9, 300, 1e-3, 3e-9, &d));
    assert_close_rel(d, 1e-9 + 2.837297 * MSB_K_B * 300 / (6 * 3.14159265358979323846 * 1e-3 * 3e-9), 1e-14);
    assert_status(msb_yeh_hummer_correction(1e-9, 0, 1e-3, 3e-9, &d), MSB_EDOM);
    assert_status(msb_yeh_hummer_correction(NAN, 300, 1e-3, 3e-9, &d), MSB_ENONFINITE);
    assert_status(msb_yeh_hummer_correction(1e-9, 300, -1, 3e-9, &d), MSB_EDOM);
    assert_status(msb_yeh_hummer_correction(1e-9, 300, 1e-3, 3e-9, NULL), MSB_ENULL);
}

static void test_bad(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 5);
    const double Dk[3] = {1, 1, 1};
    msb_trajectory *t = walk(&r, 40, 2, Dk, 0.1);
    msb_estimate *e = (msb_estimate *)&r;
    assert_status(msb_msd_compute(NULL, -1, MSB_MSD_ALL_ORIGINS, 0, 0, &e), MSB_ENULL);
    assert_status(msb_msd_compute(t, -1, MSB_MSD_ALL_ORIGINS, 0, 0, NULL), MSB_ENULL);
    assert_status(msb_msd_compute(t, -1, (msb_msd_origins)7, 0, 0, &e), MSB_EINVAL);
    assert_status(msb_msd_compute(t, -1, MSB_MSD_ALL_ORIGINS, 0, 41, &e), MSB_ESIZE);
    assert_status(msb_msd_compute(t, 9, MSB_MSD_ALL_ORIGINS, 0, 0, &e), MSB_EINSUFFICIENT);
    assert_status(msb_einstein_fit(t, -1, 0, 0, 0, 10, &e), MSB_EINSUFFICIENT);
    assert_status(msb_einstein_fit(t, -1, 0, 0, 0, 1, &e), MSB_EINVAL);
    assert_status(msb_einstein_fit(t, -1, 0, NAN, 0, 2, &e), MSB_ENONFINITE);
    assert_status(msb_einstein_fit(t, -1, 0, 0, 100, 2, &e), MSB_EDOM);
    assert_status(msb_einstein_fit(t, -1, 0, 1.0, 0.5, 2, &e), MSB_EINVAL);
    assert_ptr_equal(e, (msb_estimate *)&r);
    assert_true(strlen(msb_last_error_message()) > 0);
    /* uneven frames */
    double p[3 * 4] = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0};
    msb_trajectory *u;
    assert_status(msb_trajectory_create(4, 1, p, NULL, NULL, 0, 0, &u), MSB_EDOM);
    assert_status(msb_trajectory_create(4, 1, p, NULL, NULL, 1, 1, &u), MSB_EINVAL);
    p[4] = NAN;
    assert_status(msb_trajectory_create(4, 1, p, NULL, NULL, 1, 0, &u), MSB_ENONFINITE);
    /* allocation failures: every allocation in turn (up to the first k that succeeds, which
     * must be reached: FFT plans for the whole run and for the blocks included); nothing
     * leaks (ASan/valgrind), each reports ENOMEM */
    int reached = 0;
    for (long k = 1; k < 400 && !reached; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_einstein_fit(t, -1, 1, 0, 0, 2, &e);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_estimate_destroy(e);
            reached = 1;
            break;
        }
        assert_int_equal(s, MSB_ENOMEM);
    }
    assert_true(reached);
    reached = 0;
    for (long k = 1; k < 400 && !reached; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_msd_compute(t, -1, MSB_MSD_ALL_ORIGINS, 0, 0, &e);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_estimate_destroy(e);
            reached = 1;
            break;
        }
        assert_int_equal(s, MSB_ENOMEM);
    }
    assert_true(reached);
    msb_trajectory_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lammps_single_origin), cmocka_unit_test(test_multi_origin_direct),
        cmocka_unit_test(test_D_vs_database),        cmocka_unit_test(test_random_walk_coverage),
        cmocka_unit_test(test_tensor),               cmocka_unit_test(test_yeh_hummer),
        cmocka_unit_test(test_arrhenius_pipeline),
        cmocka_unit_test(test_bad),                  cmocka_unit_test(test_threads_bitwise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

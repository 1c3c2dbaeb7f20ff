/* Kinetic Monte Carlo of vacancy-mediated diffusion (msbridge/kmc.h).
 * References:
 *  - tracer correlation factors of the vacancy mechanism in the dilute-vacancy limit:
 *    K. Compaan and Y. Haven, Trans. Faraday Soc. 52, 786 (1956) and 54, 1498 (1958);
 *    J. R. Manning, Diffusion Kinetics for Atoms in Crystals (Van Nostrand, 1968), table 3-1:
 *    square 0.46694, simple cubic 0.65311, fcc 0.78145.
 *  - non-interacting lattice gas (symmetric exclusion): the centre-of-mass displacement has zero
 *    drift in every configuration (the hop rates in +d and -d pair up), so it is a martingale and
 *    D_J = <#hops> l^2 / (2 d N t) = z Gamma l^2 (M - N) / ((M - 1) 2 d) exactly (uniform
 *    stationary measure); Theta = 1/(1 - x) and D_chem = Theta D_J -> Gamma l^2 z/(2d)
 *    (R. Gomer, Rep. Prog. Phys. 53, 917 (1990); T. Ala-Nissila, R. Ferrando, S. C. Ying,
 *    Adv. Phys. 51, 949 (2002)).
 *  - a single atom performs an uncorrelated random walk: f = 1, D* = z Gamma l^2 / (2 d). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static const double A = 3e-10, NU = 1e13, EB = 0.5 * MSB_EV, T = 600;

/* MSB_TEST_LIGHT=1 (set by the valgrind pass) cuts events and repetitions; tolerances that
 * depend on the run length follow. */
static int test_light(void)
{
    const char *e = getenv("MSB_TEST_LIGHT");
    return e != NULL && strcmp(e, "1") == 0;
}

static double gamma0(void) { return NU * exp(-EB / (MSB_K_B * T)); }

static void check_f(msb_lattice_kind kind, size_t L, size_t n_events, double f_ref,
                    const char *name)
{
    msb_lattice *lat;
    int two_d = kind == MSB_LATTICE_SQUARE;
    assert_ok(msb_lattice_create(kind, A, L, L, two_d ? 1 : L, 1, &lat));
    size_t M = msb_lattice_nsites(lat);
    msb_estimate *e;
    assert_ok(msb_kmc_vacancy(lat, M - 1, NU, EB, 0, NULL, T, 0, n_events, 8, NAN, NAN, 2024,
                              NULL, NULL, &e));
    double f, fs;
    assert_ok(msb_estimate_get(e, "correlation_factor", &f, &fs));
    print_message("%s (%zu sites, 1 vacancy, 8 x %zu events): f = %.5f +- %.5f (published "
                  "%.5f)\n", name, M, n_events, f, fs, f_ref);
    /* 4 standard errors of the replica mean (8 replicas: the t-distribution with 7 dof puts
     * 99.5 % within 4 sigma), plus the systematic effects: the correlated jumps cut off at the
     * end of the run, (1 - f) / (jumps per atom) (0.002 for the full run, ~0.009 in the light
     * one), and the periodic finite-size correction of one vacancy in ~1000 sites (~0.003,
     * Allnatt & Lidiard, Atomic Transport in Solids, 1993, ch. 12) */
    const double jumps_per_atom = (double)n_events / (double)(M - 1);
    assert_close_abs(f, f_ref, 4 * fs + 0.003 + (1 - f_ref) / jumps_per_atom);
    msb_estimate_destroy(e);
    msb_lattice_destroy(lat);
}

static void test_correlation_factors(void **state)
{
    (void)state;
    const size_t cut = test_light() ? 4 : 1;
    check_f(MSB_LATTICE_SQUARE, 32, 250000 / cut, 0.46694, "square");
    check_f(MSB_LATTICE_SC, 10, 200000 / cut, 0.65311, "simple cubic");
    check_f(MSB_LATTICE_FCC, 10, 200000 / cut, 0.78145, "fcc");
}

static void test_lattice_gas_DJ_closed_form(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 32, 32, 1, 1, &lat));
    const size_t M = 1024, N = 512;
    const double x = 0.5, theta = 1.0 / (1.0 - x);
    msb_estimate *e;
    const size_t cut = test_light() ? 4 : 1;
    assert_ok(msb_kmc_vacancy(lat, N, NU, EB, 0, NULL, T, 10000 / cut, 100000 / cut, 16, theta,
                              0.0, 77, NULL, NULL, &e));
    const double G = gamma0(), vac = (double)(M - N) / (double)(M - 1);
    double DJ, sDJ, hr, shr, Dc, sDc, Dt, sDt;
    assert_ok(msb_estimate_get(e, "D_J_scalar", &DJ, &sDJ));
    assert_ok(msb_estimate_get(e, "hop_rate", &hr, &shr));
    assert_ok(msb_estimate_get(e, "D_chem", &Dc, &sDc));
    assert_ok(msb_estimate_get(e, "D_tracer_scalar", &Dt, &sDt));
    const double DJ_ref = G * A * A * vac; /* z/(2d) = 1 on the square lattice */
    print_message("lattice gas x = 1/2: D_J = %.4e +- %.1e (closed form %.4e); hop rate %.4e +- "
                  "%.1e (%.4e); D_chem = %.4e (Gamma a^2 = %.4e); D* = %.4e\n", DJ, sDJ, DJ_ref,
                  hr, shr, 4 * G * vac, Dc, G * A * A, Dt);
    /* 16 replicas: 4.5 standard errors leave < 0.1 % false alarms (t with 15 dof) */
    assert_close_abs(DJ, DJ_ref, 4.5 * sDJ);
    assert_close_abs(hr, 4 * G * vac, 4.5 * shr);
    assert_close_abs(Dc, theta * DJ, 1e-12 * Dc);
    assert_close_abs(Dc, G * A * A * theta * vac, 4.5 * sDc);
    /* correlated tracer: D* < D_J at half filling (f(1/2) ~ 0.63 on the square lattice) */
    assert_true(Dt < 0.8 * DJ_ref);
    /* the tensor is isotropic: Dxy ~ 0, Dxx ~ Dyy, Dzz = 0 in 2-D */
    size_t i, len;
    double Dten[9], sten[9];
    assert_ok(msb_estimate_find(e, "D_J", &i));
    assert_ok(msb_estimate_values(e, i, 9, Dten, sten, &len));
    assert_close_abs(Dten[1], 0.0, 4.5 * sten[1]);
    assert_close_abs(Dten[0], Dten[4], 4.5 * sqrt(sten[0] * sten[0] + sten[4] * sten[4]));
    assert_true(Dten[8] == 0.0);
    msb_estimate_destroy(e);

    /* one atom: uncorrelated walk, f = 1 and D* = Gamma a^2 */
    assert_ok(msb_kmc_vacancy(lat, 1, NU, EB, 0, NULL, T, 0, 20000, 16, NAN, NAN, 5, NULL, NULL,
                              &e));
    double f, fs;
    assert_ok(msb_estimate_get(e, "correlation_factor", &f, &fs));
    assert_ok(msb_estimate_get(e, "D_tracer_scalar", &Dt, &sDt));
    assert_close_abs(f, 1.0, 4.5 * fs);
    assert_close_abs(Dt, G * A * A, 4.5 * sDt);
    assert_ok(msb_estimate_get(e, "D_chem", &Dc, &sDc));
    assert_true(isnan(Dc) && isnan(sDc));
    msb_estimate_destroy(e);
    msb_lattice_destroy(lat);
}

/* Coverage check of nominal 1-sigma error bars: `hits[j]` of `n` intervals held the truth with
 * the error bar scaled by 1, 2 and 1/2 (j = 0, 1, 2); p1, p2, ph the coverage expected at those
 * scales. Tolerance: 3 binomial standard deviations sqrt(p (1 - p) / n) (0.27 % false alarms
 * per check) plus `sys` for known departures from the reference distribution. The doubled and
 * halved bars must fall outside the band (the check can see an error bar off by 2). */
static void assert_coverage(const char *what, int n, const int hits[3], double p1, double p2,
                            double ph, double sys)
{
    const double c1 = (double)hits[0] / n, c2 = (double)hits[1] / n, ch = (double)hits[2] / n;
    const double tol = 3 * sqrt(p1 * (1 - p1) / n) + sys;
    print_message("%s: 1-sigma coverage %.3f (expected %.3f +- %.3f) over %d intervals; with "
                  "the bar x2: %.3f (%.3f), x1/2: %.3f (%.3f)\n", what, c1, p1, tol, n, c2, p2,
                  ch, ph);
    assert_true(fabs(c1 - p1) <= tol);
    assert_true(fabs(c2 - p1) > tol);
    assert_true(fabs(ch - p1) > tol);
}

/* Coverage of the KMC error bars (standard errors over independent replicas) on systems with a
 * closed-form truth, repeated with independent seeds:
 *  - tracer D of a single atom: an uncorrelated walk, D* = Gamma a^2 (square lattice,
 *    z / (2 d) = 1). One replica's estimate |R|^2 / (4 t) is nearly exponentially distributed
 *    (|R|^2 of a long 2-D walk is chi-square with 2 degrees of freedom), so the mean of 32
 *    replicas is skewed: mean +- se of 32 exponential samples covers the mean 0.662 of the time
 *    (0.924 at 2 se, 0.372 at se/2; numpy simulation of 2e5 sets, +-0.001), against 0.675 for
 *    Gaussian data (t with 31 dof). Reference 0.662, with 0.01 allowance for the finite walk
 *    and the random time.
 *  - D_J and the hop rate of the non-interacting gas at x = 1/2: D_J = Gamma a^2 (M - N)/(M - 1)
 *    and hop rate 4 Gamma (M - N)/(M - 1) (header of this file). One replica's D_J sums 64
 *    segments x 2 components of squared centre-of-mass displacements (nearly chi-square with
 *    128 degrees of freedom, i.e. nearly Gaussian), so with 8 replicas (mean - truth)/se is
 *    Student's t with 7 dof: P(|t_7| < 1) = 0.6494, < 2: 0.9144, < 1/2: 0.3676
 *    (scipy.stats.t.cdf). The initial random arrangement is already the stationary
 *    (uniform) measure, so no burn-in is needed. */
static void test_kmc_error_bar_coverage(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 16, 16, 1, 1, &lat));
    const size_t M = 256, N = 128;
    const double G = gamma0(), vac = (double)(M - N) / (double)(M - 1);
    const int runs = test_light() ? 100 : 400;
    const double scale[3] = {1, 2, 0.5};
    int hT[3] = {0, 0, 0}, hJ[3] = {0, 0, 0}, hR[3] = {0, 0, 0};
    for (int r = 0; r < runs; r++) {
        msb_estimate *e;
        double v, s;
        assert_ok(msb_kmc_vacancy(lat, 1, NU, EB, 0, NULL, T, 0, 256, 32, NAN, NAN,
                                  9000 + (uint64_t)r, NULL, NULL, &e));
        assert_ok(msb_estimate_get(e, "D_tracer_scalar", &v, &s));
        for (int j = 0; j < 3; j++) hT[j] += fabs(v - G * A * A) <= scale[j] * s;
        msb_estimate_destroy(e);
        assert_ok(msb_kmc_vacancy(lat, N, NU, EB, 0, NULL, T, 0, 512, 8, NAN, NAN,
                                  19000 + (uint64_t)r, NULL, NULL, &e));
        assert_ok(msb_estimate_get(e, "D_J_scalar", &v, &s));
        for (int j = 0; j < 3; j++) hJ[j] += fabs(v - G * A * A * vac) <= scale[j] * s;
        assert_ok(msb_estimate_get(e, "hop_rate", &v, &s));
        for (int j = 0; j < 3; j++) hR[j] += fabs(v - 4 * G * vac) <= scale[j] * s;
        msb_estimate_destroy(e);
    }
    assert_coverage("KMC tracer D (one atom)", runs, hT, 0.662, 0.924, 0.372, 0.01);
    assert_coverage("KMC D_J (x = 1/2)", runs, hJ, 0.6494, 0.9144, 0.3676, 0.0);
    assert_coverage("KMC hop rate (x = 1/2)", runs, hR, 0.6494, 0.9144, 0.3676, 0.0);
    msb_lattice_destroy(lat);
}

/* Environment-dependent barriers: with a single vacancy on a Bravais lattice every hop leaves
 * the pair energy unchanged (the moving atom loses and gains the same z - 1 bonds), so the
 * kinetically resolved barrier equals E_kra and the run must be bitwise identical to the
 * non-interacting one with the same seed. With two atoms on a 6 x 6 square lattice, the
 * detailed-balance-consistent rates make the bound state (nearest neighbours) live
 * exp(-V/kT)-times longer: checked through the hop rate, whose exact mean follows from the
 * stationary (Boltzmann) weights of bound (24 per 36 * 35/2 pairs... see below) states. */
static void test_kra_barriers(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_FCC, A, 6, 6, 6, 2, &lat));
    const size_t M = msb_lattice_nsites(lat);
    const double V[2] = {-0.03 * MSB_EV, 0.01 * MSB_EV};
    msb_estimate *e0, *e1;
    assert_ok(msb_kmc_vacancy(lat, M - 1, NU, EB, 0, NULL, T, 0, 5000, 2, NAN, NAN, 11, NULL,
                              NULL, &e0));
    assert_ok(msb_kmc_vacancy(lat, M - 1, NU, EB, 2, V, T, 0, 5000, 2, NAN, NAN, 11, NULL, NULL,
                              &e1));
    double f0, f1, h0, h1;
    assert_ok(msb_estimate_get(e0, "correlation_factor", &f0, NULL));
    assert_ok(msb_estimate_get(e1, "correlation_factor", &f1, NULL));
    assert_ok(msb_estimate_get(e0, "hop_rate", &h0, NULL));
    assert_ok(msb_estimate_get(e1, "hop_rate", &h1, NULL));
    assert_true(f0 == f1);
    assert_close_rel(h0, h1, 1e-12);
    msb_estimate_destroy(e0);
    msb_estimate_destroy(e1);
    msb_lattice_destroy(lat);

    /* two atoms on a 6 x 6 square lattice with nearest-neighbour attraction V: the stationary
     * measure is Boltzmann, w(bound) = exp(-V/kT). Of the C(36,2) = 630 pair placements, 72 are
     * nearest neighbours. Bound: each atom has 3 free neighbours, every hop breaks the bond
     * (rate G exp(+V/2kT)), total 6 G e^{V/2kT}. Unbound: each atom has 4 free neighbours
     * (minus the hops landing next to the partner, which gain the bond: rate G e^{-V/2kT}).
     * The exact mean hop rate per atom is sum_states w R / (2 sum_states w), computed here by
     * enumerating the 630 placements. */
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 1, &lat));
    const double Vb = -0.04 * MSB_EV, kT = MSB_K_B * T, G = gamma0();
    double Zw = 0, ZR = 0;
    for (int p = 0; p < 36; p++)
        for (int q = p + 1; q < 36; q++) {
            int px = p % 6, py = p / 6, qx = q % 6, qy = q / 6;
            int dx = abs(px - qx), dy = abs(py - qy);
            dx = dx > 3 ? 6 - dx : dx;
            dy = dy > 3 ? 6 - dy : dy;
            int bound = dx + dy == 1;
            double w = bound ? exp(-Vb / kT) : 1.0, R = 0;
            int pos[2][2] = {{px, py}, {qx, qy}};
            for (int a = 0; a < 2; a++)
                for (int d = 0; d < 4; d++) {
                    int nx = (pos[a][0] + (d == 0) - (d == 1) + 6) % 6;
                    int ny = (pos[a][1] + (d == 2) - (d == 3) + 6) % 6;
                    int ox = pos[1 - a][0], oy = pos[1 - a][1];
                    if (nx == ox && ny == oy) continue;
                    int ex = abs(nx - ox), ey = abs(ny - oy);
                    ex = ex > 3 ? 6 - ex : ex;
                    ey = ey > 3 ? 6 - ey : ey;
                    int bound_after = ex + ey == 1;
                    double dE = Vb * (bound_after - bound);
                    R += G * exp(-dE / (2 * kT));
                }
            Zw += w;
            ZR += w * R;
        }
    /* time-average of the hop rate = events / (N t): with exponential waiting times the
     * estimator n / t converges to 1 / <1/R_total>_stationary-by-visits... equivalently to
     * the stationary mean of R_total / N (events per unit time in the stationary state) */
    const double hop_ref = ZR / Zw / 2;
    msb_estimate *e;
    assert_ok(msb_kmc_vacancy(lat, 2, NU, EB, 1, &Vb, T, 1000, 100000 / (test_light() ? 4 : 1),
                              8, NAN, NAN, 3, NULL, NULL, &e));
    double hr, shr;
    assert_ok(msb_estimate_get(e, "hop_rate", &hr, &shr));
    print_message("two atoms, V = -0.04 eV: hop rate %.5e +- %.1e, exact %.5e\n", hr, shr,
                  hop_ref);
    assert_close_abs(hr, hop_ref, 4.5 * shr);
    msb_estimate_destroy(e);
    msb_lattice_destroy(lat);
}

/* Issue 11: the replicas run on msbi_thread_count threads (MSB_NUM_THREADS); every entry of the
 * result must be bitwise identical for 1, 2 and 3 threads (replica k always uses stream
 * (seed, k) and the reduction runs in replica order). 5 replicas: uneven shares. */
static void test_kmc_threads_bitwise(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 12, 12, 1, 2, &lat));
    const double V[2] = {0.02 * MSB_EV, -0.01 * MSB_EV};
    msb_estimate *e[3];
    for (int t = 0; t < 3; t++) {
        const int old = msbi_test_set_threads(t + 1);
        assert_ok(msb_kmc_vacancy(lat, 60, NU, EB, 2, V, T, 100, 2000, 5, 1.3, 0.1, 4711, NULL,
                                  NULL, &e[t]));
        msbi_test_set_threads(old);
    }
    const size_t ne = msb_estimate_count(e[0]);
    assert_true(ne > 5);
    for (int t = 1; t < 3; t++) {
        assert_int_equal(msb_estimate_count(e[t]), ne);
        for (size_t i = 0; i < ne; i++) {
            double a[9], sa[9], b[9], sb[9];
            size_t la, lb;
            assert_ok(msb_estimate_values(e[0], i, 9, a, sa, &la));
            assert_ok(msb_estimate_values(e[t], i, 9, b, sb, &lb));
            assert_int_equal(la, lb);
            assert_memory_equal(a, b, la * sizeof(double));
            assert_memory_equal(sa, sb, la * sizeof(double));
        }
    }
    for (int t = 0; t < 3; t++) msb_estimate_destroy(e[t]);
    msb_lattice_destroy(lat);
}

/* Triplet clusters in the KMC Hamiltonian: three atoms on the triangular 4 x 4 periodic lattice
 * with point, nearest-neighbour pair and elementary-triangle ECIs (msb_ce_hamiltonian). The
 * rates obey detailed balance, so the stationary measure is Boltzmann and the mean hop rate per
 * atom is sum_s w_s R_s / (3 sum_s w_s) over the C(16,3) = 560 placements, with every hop energy
 * recomputed in full as E = M sum_a J_a Phi_a (msb_ce_correlations) — independent of the local
 * update under test. Tolerance: 4.5 standard errors of 8 replicas (t with 7 dof: < 0.5 %). */
static double full_E(const msb_lattice *lat, const double *eci, const unsigned char *occ)
{
    double c[4];
    assert_ok(msb_ce_correlations(lat, 1, 1, 1, occ, c));
    return 16.0 * (eci[0] * c[0] + eci[1] * c[1] + eci[2] * c[2] + eci[3] * c[3]);
}

static void test_kmc_ce_triplets_exact(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 4, 4, 1, 1, &lat));
    const double eci[4] = {0, 0.01 * MSB_EV, -0.02 * MSB_EV, 0.015 * MSB_EV};
    msb_ce_hamiltonian *h;
    assert_ok(msb_ce_hamiltonian_create(lat, 1, 1, eci, &h));
    const double kT = MSB_K_B * T, G = gamma0();
    size_t nb[16][6];
    for (size_t i = 0; i < 16; i++) {
        size_t n;
        assert_ok(msb_lattice_neighbors(lat, i, 0, 6, nb[i], NULL, &n));
        assert_int_equal(n, 6);
    }
    double Zw = 0, ZR = 0;
    unsigned char occ[16];
    for (unsigned st = 0; st < 65536; st++) {
        if (__builtin_popcount(st) != 3) continue;
        for (int i = 0; i < 16; i++) occ[i] = (st >> i) & 1;
        const double E = full_E(lat, eci, occ);
        double R = 0;
        for (int i = 0; i < 16; i++) {
            if (!occ[i]) continue;
            for (int q = 0; q < 6; q++) {
                const size_t j = nb[i][q];
                if (occ[j]) continue;
                occ[i] = 0;
                occ[j] = 1;
                R += G * exp(-(full_E(lat, eci, occ) - E) / (2 * kT));
                occ[i] = 1;
                occ[j] = 0;
            }
        }
        const double w = exp(-E / kT);
        Zw += w;
        ZR += w * R;
    }
    const double hop_ref = ZR / Zw / 3;
    msb_estimate *e;
    const size_t nev = test_light() ? 20000 : 80000;
    assert_ok(msb_kmc_vacancy_ce(h, 3, NU, EB, T, 1000, nev, 8, NAN, NAN, 21, NULL, NULL, &e));
    double hr, shr;
    assert_ok(msb_estimate_get(e, "hop_rate", &hr, &shr));
    print_message("triplet CE, 3 atoms on 4x4 triangular: hop rate %.5e +- %.1e, exact %.5e "
                  "(non-interacting %.5e)\n", hr, shr, hop_ref, 6 * G * 13.0 / 15.0);
    assert_close_abs(hr, hop_ref, 4.5 * shr);
    /* the interactions matter at this resolution (else the check would be empty) */
    assert_true(fabs(hop_ref - 6 * G * 13.0 / 15.0) > 10 * shr);
    msb_estimate_destroy(e);
    /* bad input */
    msb_estimate *out = (msb_estimate *)0x1;
    assert_status(msb_kmc_vacancy_ce(NULL, 3, NU, EB, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL,
                                     &out), MSB_ENULL);
    assert_status(msb_kmc_vacancy_ce(h, 0, NU, EB, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL, &out),
                  MSB_EDOM);
    assert_status(msb_kmc_vacancy_ce(h, 3, NU, EB, -T, 0, 100, 1, NAN, NAN, 1, NULL, NULL, &out),
                  MSB_EDOM);
    assert_status(msb_kmc_vacancy_ce(h, 3, NU, EB, T, 0, 10, 1, NAN, NAN, 1, NULL, NULL, &out),
                  MSB_EINSUFFICIENT);
    assert_status(msb_kmc_vacancy_ce(h, 3, NU, EB, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL, NULL),
                  MSB_ENULL);
    assert_ptr_equal(out, (msb_estimate *)0x1);
    msb_ce_hamiltonian_destroy(h);
    msb_lattice_destroy(lat);
}

static int cancel_now(void *user, double done, double total)
{
    (void)done;
    (void)total;
    ++*(int *)user;
    return 1;
}

static void test_kmc_reproducible_cancel_bad_input(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 16, 16, 1, 1, &lat));
    const double V = 0.02 * MSB_EV;
    msb_estimate *a, *b, *c;
    assert_ok(msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 10, 1000, 3, NAN, NAN, 8, NULL, NULL, &a));
    assert_ok(msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 10, 1000, 3, NAN, NAN, 8, NULL, NULL, &b));
    assert_ok(msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 10, 1000, 3, NAN, NAN, 9, NULL, NULL, &c));
    double va, vb, vc;
    assert_ok(msb_estimate_get(a, "D_tracer_scalar", &va, NULL));
    assert_ok(msb_estimate_get(b, "D_tracer_scalar", &vb, NULL));
    assert_ok(msb_estimate_get(c, "D_tracer_scalar", &vc, NULL));
    assert_true(va == vb);
    assert_true(va != vc);
    msb_estimate_destroy(a);
    msb_estimate_destroy(b);
    msb_estimate_destroy(c);

    msb_estimate *out = (msb_estimate *)0x1;
    int calls = 0;
    assert_status(msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 0, 200000, 1, NAN, NAN, 1,
                                  cancel_now, &calls, &out), MSB_ECANCELLED);
    assert_int_equal(calls, 1);
    assert_ptr_equal(out, (msb_estimate *)0x1);
#define BAD(code, ...) assert_status(msb_kmc_vacancy(__VA_ARGS__, &out), code)
    BAD(MSB_ENULL, NULL, 100, NU, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_ENULL, lat, 100, NU, EB, 1, NULL, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 0, NU, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 256, NU, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 100, 0.0, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 100, -NU, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_ENONFINITE, lat, 100, NAN, EB, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_ENONFINITE, lat, 100, NU, INFINITY, 1, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 100, NU, EB, 1, &V, 0.0, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 100, NU, EB, 1, &V, -1.0, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_ESIZE, lat, 100, NU, EB, 2, &V, T, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_ESIZE, lat, 100, NU, EB, 1, &V, T, 0, 100, 0, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EINSUFFICIENT, lat, 100, NU, EB, 1, &V, T, 0, 10, 1, NAN, NAN, 1, NULL, NULL);
    BAD(MSB_EDOM, lat, 100, NU, EB, 1, &V, T, 0, 100, 1, -1.0, NAN, 1, NULL, NULL);
    /* a rate that underflows to zero: E_kra = 10 eV at 10 K */
    BAD(MSB_ERANGE, lat, 100, NU, 10 * MSB_EV, 1, &V, 10.0, 0, 100, 1, NAN, NAN, 1, NULL, NULL);
#undef BAD
    assert_true(strlen(msb_last_error_message()) > 0);
    assert_ptr_equal(out, (msb_estimate *)0x1);

    msbi_test_alloc_fail_at(0);
    msb_estimate *ok = NULL;
    assert_ok(msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 0, 100, 2, 1.5, 0.1, 1, NULL, NULL, &ok));
    msb_estimate_destroy(ok);
    long total = msbi_test_alloc_fail_at(0);
    for (long k = 1; k <= total; k++) {
        msb_estimate *bad = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_kmc_vacancy(lat, 100, NU, EB, 1, &V, T, 0, 100, 2, 1.5, 0.1, 1, NULL,
                                       NULL, &bad);
        msbi_test_alloc_fail_at(0);
        assert_int_equal(s, MSB_ENOMEM);
        assert_null(bad);
    }
    msb_lattice_destroy(lat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_correlation_factors),
        cmocka_unit_test(test_lattice_gas_DJ_closed_form),
        cmocka_unit_test(test_kmc_error_bar_coverage),
        cmocka_unit_test(test_kra_barriers),
        cmocka_unit_test(test_kmc_reproducible_cancel_bad_input),
        cmocka_unit_test(test_kmc_threads_bitwise),
        cmocka_unit_test(test_kmc_ce_triplets_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

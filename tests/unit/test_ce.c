/* Cluster expansion (msbridge/ce.h): correlation functions against direct counts and known
 * orderings, exact recovery of interactions, noisy fits (error-bar coverage), ridge normal
 * equations, the spin -> occupation mapping, bad input. References: J. M. Sanchez, F. Ducastelle
 * and D. Gratias, Physica A 128, 334 (1984) (spin-basis cluster expansion); the closed-form
 * leave-one-out residual e_i / (1 - H_ii) of linear smoothers (Hastie, Tibshirani & Friedman,
 * Elements of Statistical Learning, 2nd ed., eq. 7.52). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "msb_test.h"

static const double A = 3e-10;

static void test_correlations_known_orderings(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 3, &lat));
    size_t nc;
    assert_ok(msb_ce_basis_size(lat, 3, 2, &nc));
    assert_int_equal(nc, 6); /* empty, point, 3 pairs, triplet (0,0,1) */
    unsigned char occ[3 * 36];
    for (int i = 0; i < 36; i++) {
        occ[i] = 1;
        occ[36 + i] = 0;
        occ[72 + i] = (unsigned char)(((i % 6) + (i / 6)) % 2); /* checkerboard */
    }
    double c[18];
    assert_ok(msb_ce_correlations(lat, 3, 2, 3, occ, c));
    const double full[6] = {1, 1, 1, 1, 1, 1}, empty[6] = {1, -1, 1, 1, 1, -1},
                 check[6] = {1, 0, -1, 1, 1, 0};
    for (int a = 0; a < 6; a++) {
        assert_close_abs(c[a], full[a], 1e-15);
        assert_close_abs(c[6 + a], empty[a], 1e-15);
        assert_close_abs(c[12 + a], check[a], 1e-15);
    }
    /* random configuration: pair and triplet averages by direct lattice arithmetic */
    msbt_rng r;
    msbt_rng_seed(&r, 4);
    for (int i = 0; i < 36; i++) occ[i] = msbt_uniform(&r) < 0.4;
    assert_ok(msb_ce_correlations(lat, 3, 2, 1, occ, c));
#define S(x, y) (2.0 * occ[(((y) + 6) % 6) * 6 + (((x) + 6) % 6)] - 1.0)
    double p1 = 0, p2 = 0, p3 = 0, t = 0, pt = 0;
    for (int y = 0; y < 6; y++)
        for (int x = 0; x < 6; x++) {
            pt += S(x, y);
            p1 += S(x, y) * (S(x + 1, y) + S(x, y + 1));
            p2 += S(x, y) * (S(x + 1, y + 1) + S(x + 1, y - 1));
            p3 += S(x, y) * (S(x + 2, y) + S(x, y + 2));
            /* right-angle corner at (x,y) with legs along +-x and +-y: 4 triangles per corner */
            for (int dx = -1; dx <= 1; dx += 2)
                for (int dy = -1; dy <= 1; dy += 2) t += S(x, y) * S(x + dx, y) * S(x, y + dy);
        }
#undef S
    assert_close_abs(c[1], pt / 36, 1e-14);
    assert_close_abs(c[2], p1 / 72, 1e-14);
    assert_close_abs(c[3], p2 / 72, 1e-14);
    assert_close_abs(c[4], p3 / 72, 1e-14);
    assert_close_abs(c[5], t / 144, 1e-14);
    msb_lattice_destroy(lat);
}

/* random configurations of varying composition on a 6 x 6 square lattice */
static void make_training(msb_lattice *lat, size_t n, unsigned seed, double *X)
{
    unsigned char *occ = malloc(n * 36);
    msbt_rng r;
    msbt_rng_seed(&r, seed);
    for (size_t c = 0; c < n; c++) {
        double x = msbt_uniform(&r);
        for (int i = 0; i < 36; i++) occ[c * 36 + i] = msbt_uniform(&r) < x;
    }
    assert_ok(msb_ce_correlations(lat, 3, 2, n, occ, X));
    free(occ);
}

static void test_fit_exact_recovery_and_prediction(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 3, &lat));
    enum { N = 40, P = 6 };
    double X[N * P], E[N];
    make_training(lat, N, 11, X);
    const double Jt[P] = {-0.5 * MSB_EV, 0.12 * MSB_EV, 0.03 * MSB_EV, -0.01 * MSB_EV,
                          0.004 * MSB_EV, 0.002 * MSB_EV};
    for (int i = 0; i < N; i++) {
        E[i] = 0;
        for (int a = 0; a < P; a++) E[i] += X[i * P + a] * Jt[a];
    }
    msb_estimate *fit;
    assert_ok(msb_ce_fit(N, P, X, E, 0.0, &fit));
    size_t ie, len;
    double J[P], Js[P], cv, rmse;
    assert_ok(msb_estimate_find(fit, "eci", &ie));
    assert_ok(msb_estimate_values(fit, ie, P, J, Js, &len));
    for (int a = 0; a < P; a++) assert_close_abs(J[a], Jt[a], 1e-9 * 0.5 * MSB_EV);
    assert_ok(msb_estimate_get(fit, "cv_rmse", &cv, NULL));
    assert_ok(msb_estimate_get(fit, "rmse", &rmse, NULL));
    assert_true(cv < 1e-10 * MSB_EV && rmse < 1e-10 * MSB_EV);
    double Ep[2], Es[2];
    assert_ok(msb_ce_predict(fit, 2, P, X, Ep, Es));
    assert_close_rel(Ep[0], E[0], 1e-9);
    assert_true(Es[1] < 1e-9 * MSB_EV);
    msb_estimate_destroy(fit);

    /* ridge: the solution satisfies (X^T X + lambda I) J = X^T E (checked in eV units) */
    const double lam = 0.3;
    assert_ok(msb_ce_fit(N, P, X, E, lam, &fit));
    assert_ok(msb_estimate_values(fit, ie, P, J, NULL, &len));
    for (int a = 0; a < P; a++) {
        double lhs = lam * J[a] / MSB_EV, rhs = 0;
        for (int i = 0; i < N; i++) {
            double f = 0;
            for (int b = 0; b < P; b++) f += X[i * P + b] * J[b];
            lhs += X[i * P + a] * f / MSB_EV;
            rhs += X[i * P + a] * E[i] / MSB_EV;
        }
        assert_close_abs(lhs, rhs, 1e-10);
    }
    double cvr;
    assert_ok(msb_estimate_get(fit, "cv_rmse", &cvr, NULL));
    assert_true(cvr > 0);
    /* brute-force leave-one-out for ridge: refit without point 0 and compare its error */
    msb_estimate *f0;
    assert_ok(msb_ce_fit(N - 1, P, X + P, E + 1, lam, &f0));
    double e0, dummy;
    assert_ok(msb_ce_predict(f0, 1, P, X, &e0, &dummy));
    double sq = 0;
    for (int k = 0; k < N; k++) {
        /* refit without k */
        double Xk[(N - 1) * P], Ek[N - 1];
        for (int i = 0, m = 0; i < N; i++)
            if (i != k) {
                memcpy(Xk + m * P, X + i * P, sizeof(double) * P);
                Ek[m++] = E[i];
            }
        msb_estimate *fk;
        assert_ok(msb_ce_fit(N - 1, P, Xk, Ek, lam, &fk));
        double ek;
        assert_ok(msb_ce_predict(fk, 1, P, X + k * P, &ek, NULL));
        sq += (ek - E[k]) * (ek - E[k]);
        msb_estimate_destroy(fk);
    }
    assert_close_rel(cvr, sqrt(sq / N), 1e-8);
    msb_estimate_destroy(f0);
    msb_estimate_destroy(fit);
    msb_lattice_destroy(lat);
}

/* Noise of known sd: the 1-sigma intervals of the ECIs hold the truth ~68 % of the time (t with
 * 34 dof: 67.6 %); 200 repetitions per ECI give a binomial sd of 3.3 %, tolerance 3.5 sd. The
 * cross-validation score estimates the prediction error sqrt(sigma^2 (1 + p/n)) ~ 1.07 sigma:
 * its mean over repetitions must be within 10 % of that. */
static void test_fit_noise_coverage(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 3, &lat));
    enum { N = 40, P = 6, REP = 200 };
    double X[N * P], E[N];
    make_training(lat, N, 12, X);
    const double Jt[P] = {-0.5 * MSB_EV, 0.12 * MSB_EV, 0.03 * MSB_EV, -0.01 * MSB_EV,
                          0.004 * MSB_EV, 0.002 * MSB_EV};
    const double sig = 0.002 * MSB_EV;
    int hits[P] = {0};
    double cvsum = 0;
    msbt_rng r;
    msbt_rng_seed(&r, 99);
    for (int rep = 0; rep < REP; rep++) {
        for (int i = 0; i < N; i++) {
            E[i] = sig * msbt_normal(&r);
            for (int a = 0; a < P; a++) E[i] += X[i * P + a] * Jt[a];
        }
        msb_estimate *fit;
        assert_ok(msb_ce_fit(N, P, X, E, 0.0, &fit));
        size_t ie, len;
        double J[P], Js[P], cv;
        assert_ok(msb_estimate_find(fit, "eci", &ie));
        assert_ok(msb_estimate_values(fit, ie, P, J, Js, &len));
        for (int a = 0; a < P; a++) hits[a] += fabs(J[a] - Jt[a]) <= Js[a];
        assert_ok(msb_estimate_get(fit, "cv_rmse", &cv, NULL));
        cvsum += cv;
        msb_estimate_destroy(fit);
    }
    for (int a = 0; a < P; a++) {
        double cov = hits[a] / (double)REP;
        assert_close_abs(cov, 0.676, 3.5 * sqrt(0.676 * 0.324 / REP));
    }
    print_message("CE noise: mean cv_rmse / sigma = %.3f (expected ~%.3f)\n", cvsum / REP / sig,
                  sqrt(1 + (double)P / N));
    assert_close_rel(cvsum / REP, sig * sqrt(1 + (double)P / N), 0.10);
    msb_lattice_destroy(lat);
}

static void test_spin_to_pair_mapping(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 2, &lat));
    const double J[4] = {-0.3 * MSB_EV, 0.05 * MSB_EV, 0.02 * MSB_EV, -0.007 * MSB_EV};
    double e0, ep, V[2];
    assert_ok(msb_ce_to_pair(lat, 2, J, &e0, &ep, V));
    msbt_rng r;
    msbt_rng_seed(&r, 5);
    for (int trial = 0; trial < 5; trial++) {
        unsigned char occ[36];
        for (int i = 0; i < 36; i++) occ[i] = msbt_uniform(&r) < 0.5;
        double c[4];
        assert_ok(msb_ce_correlations(lat, 2, 0, 1, occ, c));
        double Ece = 36 * (J[0] * c[0] + J[1] * c[1] + J[2] * c[2] + J[3] * c[3]);
        int N = 0, P1 = 0, P2 = 0;
#define O(x, y) occ[(((y) + 6) % 6) * 6 + (((x) + 6) % 6)]
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 6; x++) {
                N += O(x, y);
                P1 += O(x, y) * (O(x + 1, y) + O(x, y + 1));
                P2 += O(x, y) * (O(x + 1, y + 1) + O(x + 1, y - 1));
            }
#undef O
        double Epair = 36 * e0 + ep * N + V[0] * P1 + V[1] * P2;
        assert_close_rel(Epair, Ece, 1e-12);
    }
    msb_lattice_destroy(lat);
}

static void test_ce_bad_input(void **state)
{
    (void)state;
    msb_lattice *lat, *hc;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, A, 6, 6, 1, 2, &lat));
    assert_ok(msb_lattice_create(MSB_LATTICE_HONEYCOMB, A, 4, 4, 1, 2, &hc));
    size_t nc;
    assert_status(msb_ce_basis_size(lat, 3, 0, &nc), MSB_ESIZE);
    assert_status(msb_ce_basis_size(NULL, 1, 0, &nc), MSB_ENULL);
    unsigned char occ[36] = {0};
    double c[8];
    occ[3] = 2;
    assert_status(msb_ce_correlations(lat, 2, 0, 1, occ, c), MSB_EDOM);
    assert_true(strlen(msb_last_error_message()) > 0);
    occ[3] = 1;
    assert_status(msb_ce_correlations(lat, 2, 0, 0, occ, c), MSB_ESIZE);
    assert_status(msb_ce_correlations(lat, 2, 0, 1, NULL, c), MSB_ENULL);
    double X[12] = {1, 0, 1, 1, 1, -1, 1, 0.5, 1, 0.2, 1, 0.1}, E[6] = {0, 1e-20, 2e-20, 0, 0, 0};
    msb_estimate *out = (msb_estimate *)0x1;
    assert_status(msb_ce_fit(2, 2, X, E, 0.0, &out), MSB_EINSUFFICIENT);
    assert_status(msb_ce_fit(3, 2, X, E, -1.0, &out), MSB_EDOM);
    assert_status(msb_ce_fit(3, 2, X, E, NAN, &out), MSB_ENONFINITE);
    assert_status(msb_ce_fit(3, 0, X, E, 0.0, &out), MSB_ESIZE);
    assert_status(msb_ce_fit(3, 2, NULL, E, 0.0, &out), MSB_ENULL);
    E[1] = INFINITY;
    assert_status(msb_ce_fit(3, 2, X, E, 0.0, &out), MSB_ENONFINITE);
    E[1] = 1e-20;
    double Xs[6] = {1, 2, 1, 2, 1, 2}; /* collinear columns */
    assert_status(msb_ce_fit(3, 2, Xs, E, 0.0, &out), MSB_ESINGULAR);
    assert_ptr_equal(out, (msb_estimate *)0x1);
    double e0, ep, V[2], J[4] = {0, 0, 0, 0};
    assert_status(msb_ce_to_pair(hc, 2, J, &e0, &ep, V), MSB_EINVAL);
    assert_status(msb_ce_to_pair(lat, 3, J, &e0, &ep, V), MSB_ESIZE);
    J[2] = NAN;
    assert_status(msb_ce_to_pair(lat, 2, J, &e0, &ep, V), MSB_ENONFINITE);
    /* predict with a foreign estimate */
    msb_estimate *mc;
    const double mu = 0;
    assert_ok(msb_mc_sgc(lat, 0, 0, NULL, 300, 1, &mu, 0, 16, 1, NULL, NULL, &mc));
    double Ep;
    assert_status(msb_ce_predict(mc, 1, 2, X, &Ep, NULL), MSB_EBADLAW);
    msb_estimate *fit;
    assert_ok(msb_ce_fit(6, 2, X, E, 0.0, &fit));
    assert_status(msb_ce_predict(fit, 1, 3, X, &Ep, NULL), MSB_ESIZE);
    msb_estimate_destroy(fit);
    msb_estimate_destroy(mc);
    /* allocation failures */
    msbi_test_alloc_fail_at(0);
    assert_ok(msb_ce_fit(6, 2, X, E, 0.1, &fit));
    msb_estimate_destroy(fit);
    long total = msbi_test_alloc_fail_at(0);
    for (long k = 1; k <= total; k++) {
        msb_estimate *bad = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_ce_fit(6, 2, X, E, 0.1, &bad);
        msbi_test_alloc_fail_at(0);
        assert_int_equal(s, MSB_ENOMEM);
        assert_null(bad);
    }
    msb_lattice_destroy(lat);
    msb_lattice_destroy(hc);
}

/* E = M sum_a J_a Phi_a from msb_ce_correlations: the full recomputation the local updates are
 * checked against (an independent code path: cluster averages over the whole configuration). */
static double ce_full_energy(const msb_lattice *lat, size_t np, size_t nt, size_t nc,
                             const double *eci, const unsigned char *occ)
{
    double corr[64];
    assert_true(nc <= 64);
    assert_ok(msb_ce_correlations(lat, np, nt, 1, occ, corr));
    double E = 0;
    for (size_t a = 0; a < nc; a++) E += eci[a] * corr[a];
    return E * (double)msb_lattice_nsites(lat);
}

/* Triplet clusters in the MC/KMC Hamiltonian: on the triangular lattice with pairs in two
 * shells and every triplet orbit within two shells, the local flip and exchange energies of
 * msb_ce_hamiltonian_delta (the update msb_mc_*_ce and msb_kmc_vacancy_ce use) equal the
 * difference of two full recomputations of E = M sum J Phi, and msb_ce_hamiltonian_energy equals
 * E - E(empty), for random configurations at several compositions. Tolerance: rounding of
 * sums of ~10^3 terms (10^3 x 1.1e-16 relative, worst case): 1e-13 of M sum |J|. */
static void test_ce_hamiltonian_triplets_local_equals_full(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 6, 6, 1, 2, &lat));
    const size_t M = msb_lattice_nsites(lat), np = 2, nt = 2;
    size_t nc, norb;
    assert_ok(msb_ce_basis_size(lat, np, nt, &nc));
    assert_ok(msb_lattice_triplet_orbits(lat, nt - 1, 0, NULL, &norb));
    assert_int_equal(nc, 2 + np + norb);
    assert_true(norb >= 2); /* the elementary triangle and larger ones */
    double eci[64];
    srand(12345);
    double scale = 0;
    for (size_t a = 0; a < nc; a++) {
        eci[a] = (rand() / (double)RAND_MAX - 0.5) * 0.1 * MSB_EV;
        scale += fabs(eci[a]);
    }
    const double tol = 1e-13 * scale * (double)M;
    msb_ce_hamiltonian *h;
    assert_ok(msb_ce_hamiltonian_create(lat, np, nt, eci, &h));
    unsigned char occ[36], empty[36] = {0}, tmp[36];
    const double E_empty = ce_full_energy(lat, np, nt, nc, eci, empty);
    double worst = 0;
    for (int c = 0; c < 40; c++) {
        const double frac = (c % 5 + 0.5) / 5.0;
        for (size_t i = 0; i < M; i++) occ[i] = rand() / (double)RAND_MAX < frac;
        const double E0 = ce_full_energy(lat, np, nt, nc, eci, occ);
        double Eh;
        assert_ok(msb_ce_hamiltonian_energy(h, occ, &Eh));
        worst = fmax(worst, fabs(Eh - (E0 - E_empty)) / tol);
        for (int mv = 0; mv < 10; mv++) {
            const size_t i = (size_t)rand() % M, j = (i + 1 + (size_t)rand() % (M - 1)) % M;
            double dflip, dexch;
            assert_ok(msb_ce_hamiltonian_delta(h, occ, i, i, &dflip));
            memcpy(tmp, occ, M);
            tmp[i] ^= 1;
            worst = fmax(worst, fabs(dflip - (ce_full_energy(lat, np, nt, nc, eci, tmp) - E0)) /
                                    tol);
            assert_ok(msb_ce_hamiltonian_delta(h, occ, i, j, &dexch));
            memcpy(tmp, occ, M);
            tmp[i] = occ[j];
            tmp[j] = occ[i];
            worst = fmax(worst, fabs(dexch - (ce_full_energy(lat, np, nt, nc, eci, tmp) - E0)) /
                                    tol);
        }
    }
    print_message("triangular CE with %zu triplet orbits: worst |local - full| = %.3g of the "
                  "1e-13 M sum|J| tolerance\n", norb, worst);
    assert_true(worst <= 1.0);
    /* the local update must see the triplets: with only the triplet ECIs non-zero a flip next to
     * two occupied neighbours costs energy */
    msb_ce_hamiltonian_destroy(h);
    msb_lattice_destroy(lat);
}

/* The MC engines with a triplet Hamiltonian against exact enumeration: triangular 4 x 4
 * periodic lattice (16 sites, nearest-neighbour shell only), point + pair + elementary-triangle
 * ECIs; all 2^16 configurations enumerated with the full recomputation E = M sum J Phi give the
 * exact grand-canonical <x> and <E>, and canonical <E> at N = 6. MC within 4.2 standard errors
 * (block errors; < 3e-5 two-sided false alarms per comparison). */
static void test_mc_ce_triplets_exact_enumeration(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 4, 4, 1, 1, &lat));
    size_t nc;
    assert_ok(msb_ce_basis_size(lat, 1, 1, &nc));
    assert_int_equal(nc, 4); /* empty, point, NN pair, elementary triangle */
    const double eci[4] = {0.01 * MSB_EV, 0.02 * MSB_EV, -0.01 * MSB_EV, 0.008 * MSB_EV};
    msb_ce_hamiltonian *h;
    assert_ok(msb_ce_hamiltonian_create(lat, 1, 1, eci, &h));
    const double T = 600, kT = MSB_K_B * T;
    unsigned char occ[16], empty[16] = {0};
    const double E_empty = ce_full_energy(lat, 1, 1, 4, eci, empty);
    double *Eall = malloc(65536 * sizeof(double));
    assert_non_null(Eall);
    for (unsigned st = 0; st < 65536; st++) {
        for (int i = 0; i < 16; i++) occ[i] = (st >> i) & 1;
        Eall[st] = ce_full_energy(lat, 1, 1, 4, eci, occ) - E_empty;
    }
    /* mu where the lattice is about half full */
    const double mu[2] = {-0.05 * MSB_EV, 0.0};
    msb_estimate *est;
    assert_ok(msb_mc_sgc_ce(h, T, 2, mu, 200, 20000, 17, NULL, NULL, &est));
    for (int k = 0; k < 2; k++) {
        double Z = 0, sN = 0, sE = 0, m0 = INFINITY;
        for (unsigned st = 0; st < 65536; st++)
            m0 = fmin(m0, (Eall[st] - mu[k] * __builtin_popcount(st)) / kT);
        for (unsigned st = 0; st < 65536; st++) {
            const int N = __builtin_popcount(st);
            const double w = exp(-((Eall[st] - mu[k] * N) / kT - m0));
            Z += w;
            sN += w * N;
            sE += w * Eall[st];
        }
        size_t i, len;
        double x[2], sx[2], E[2], sEm[2];
        assert_ok(msb_estimate_find(est, "x", &i));
        assert_ok(msb_estimate_values(est, i, 2, x, sx, &len));
        assert_ok(msb_estimate_find(est, "energy", &i));
        assert_ok(msb_estimate_values(est, i, 2, E, sEm, &len));
        print_message("triplet CE 4x4 exact: x %.5f (MC %.5f +- %.5f), E/M %.4e (MC %.4e +- "
                      "%.1e)\n", sN / Z / 16, x[k], sx[k], sE / Z / 16, E[k], sEm[k]);
        assert_close_abs(x[k], sN / Z / 16, 4.2 * sx[k]);
        assert_close_abs(E[k], sE / Z / 16, 4.2 * sEm[k]);
    }
    msb_estimate_destroy(est);
    const double xs[1] = {6.0 / 16};
    assert_ok(msb_mc_canonical_ce(h, T, 1, xs, 200, 20000, 19, NULL, NULL, &est));
    {
        double Z = 0, sE = 0, m0 = INFINITY;
        for (unsigned st = 0; st < 65536; st++)
            if (__builtin_popcount(st) == 6) m0 = fmin(m0, Eall[st] / kT);
        for (unsigned st = 0; st < 65536; st++) {
            if (__builtin_popcount(st) != 6) continue;
            const double w = exp(-(Eall[st] / kT - m0));
            Z += w;
            sE += w * Eall[st];
        }
        double E, sEm;
        size_t i, len;
        assert_ok(msb_estimate_find(est, "energy", &i));
        assert_ok(msb_estimate_values(est, i, 1, &E, &sEm, &len));
        print_message("triplet CE 4x4 canonical N = 6: E/M %.4e (MC %.4e +- %.1e)\n", sE / Z / 16,
                      E, sEm);
        assert_close_abs(E, sE / Z / 16, 4.2 * sEm);
    }
    msb_estimate_destroy(est);
    free(Eall);
    msb_ce_hamiltonian_destroy(h);
    msb_lattice_destroy(lat);
}

static void test_ce_hamiltonian_bad_input(void **state)
{
    (void)state;
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_TRIANGULAR, A, 6, 6, 1, 2, &lat));
    const double eci[8] = {0, 1e-21, 1e-21, 0, 1e-21, 1e-21, 1e-21, 1e-21};
    double bad[8];
    memcpy(bad, eci, sizeof bad);
    bad[2] = NAN;
    msb_ce_hamiltonian *h = (msb_ce_hamiltonian *)0x1;
    assert_status(msb_ce_hamiltonian_create(NULL, 1, 1, eci, &h), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_create(lat, 1, 1, NULL, &h), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_create(lat, 1, 1, eci, NULL), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_create(lat, 3, 1, eci, &h), MSB_ESIZE);
    assert_status(msb_ce_hamiltonian_create(lat, 1, 3, eci, &h), MSB_ESIZE);
    assert_status(msb_ce_hamiltonian_create(lat, 1, 1, bad, &h), MSB_ENONFINITE);
    assert_ptr_equal(h, (msb_ce_hamiltonian *)0x1);
    msb_ce_hamiltonian_destroy(NULL);
    assert_ok(msb_ce_hamiltonian_create(lat, 1, 1, eci, &h));
    unsigned char occ[36] = {0};
    double E;
    assert_status(msb_ce_hamiltonian_energy(NULL, occ, &E), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_energy(h, NULL, &E), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_energy(h, occ, NULL), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_delta(NULL, occ, 0, 0, &E), MSB_ENULL);
    assert_status(msb_ce_hamiltonian_delta(h, occ, 36, 0, &E), MSB_ESIZE);
    assert_status(msb_ce_hamiltonian_delta(h, occ, 0, 99, &E), MSB_ESIZE);
    assert_status(msb_ce_hamiltonian_delta(h, occ, 0, 1, NULL), MSB_ENULL);
    occ[5] = 2;
    assert_status(msb_ce_hamiltonian_energy(h, occ, &E), MSB_EDOM);
    assert_status(msb_ce_hamiltonian_delta(h, occ, 0, 1, &E), MSB_EDOM);
    assert_true(strlen(msb_last_error_message()) > 0);
    /* the MC engines with it */
    msb_estimate *out = (msb_estimate *)0x1;
    const double mu[2] = {0, 1e-21}, xs[1] = {0.5}, xb[1] = {1.5};
    assert_status(msb_mc_sgc_ce(NULL, 300, 2, mu, 1, 16, 1, NULL, NULL, &out), MSB_ENULL);
    assert_status(msb_mc_sgc_ce(h, 0, 2, mu, 1, 16, 1, NULL, NULL, &out), MSB_EDOM);
    assert_status(msb_mc_sgc_ce(h, 300, 2, NULL, 1, 16, 1, NULL, NULL, &out), MSB_ENULL);
    assert_status(msb_mc_sgc_ce(h, 300, 2, mu, 1, 8, 1, NULL, NULL, &out), MSB_EINSUFFICIENT);
    assert_status(msb_mc_canonical_ce(NULL, 300, 1, xs, 1, 16, 1, NULL, NULL, &out), MSB_ENULL);
    assert_status(msb_mc_canonical_ce(h, 300, 1, xb, 1, 16, 1, NULL, NULL, &out), MSB_EDOM);
    assert_status(msb_mc_canonical_ce(h, NAN, 1, xs, 1, 16, 1, NULL, NULL, &out),
                  MSB_ENONFINITE);
    assert_ptr_equal(out, (msb_estimate *)0x1);
    msb_ce_hamiltonian_destroy(h);
    /* every allocation of create failing */
    msbi_test_alloc_fail_at(0);
    assert_ok(msb_ce_hamiltonian_create(lat, 2, 2, eci, &h));
    msb_ce_hamiltonian_destroy(h);
    long total = msbi_test_alloc_fail_at(0);
    for (long k = 1; k <= total; k++) {
        msb_ce_hamiltonian *hb = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_ce_hamiltonian_create(lat, 2, 2, eci, &hb);
        msbi_test_alloc_fail_at(0);
        assert_int_equal(st, MSB_ENOMEM);
        assert_null(hb);
    }
    msb_lattice_destroy(lat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_correlations_known_orderings),
        cmocka_unit_test(test_fit_exact_recovery_and_prediction),
        cmocka_unit_test(test_fit_noise_coverage),
        cmocka_unit_test(test_spin_to_pair_mapping),
        cmocka_unit_test(test_ce_bad_input),
        cmocka_unit_test(test_ce_hamiltonian_triplets_local_equals_full),
        cmocka_unit_test(test_mc_ce_triplets_exact_enumeration),
        cmocka_unit_test(test_ce_hamiltonian_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

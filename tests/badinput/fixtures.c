/* Known-good objects for the bad-input matrix. Every argument here is inside its documented
 * domain; a fixture that fails to build aborts the run (the matrix would be meaningless). */
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define KB 1.380649e-23

static void need(msb_status st, const char *what)
{
    if (st != MSB_SUCCESS) {
        printf("fixture %s failed: %s: %s\n", what, msb_status_name(st), msb_last_error_message());
        exit(2);
    }
}

msb_law *fx_arrhenius(void)
{
    msb_law *l = NULL;
    const double cov[4] = {1e-2, 0, 0, 1e-42};
    need(msb_arrhenius_create(1e-6, 0.5 * MSB_EV, cov, &l), "arrhenius");
    return l;
}

msb_law *fx_arrhenius_named_k(void)
{
    msb_law *l = NULL;
    need(msb_arrhenius_create_named(1e13, 0.3 * MSB_EV, NULL, "k", "1/s", &l), "rate law");
    return l;
}

msb_law *fx_langmuir(void)
{
    msb_law *l = NULL;
    need(msb_langmuir_create(-0.5 * MSB_EV, -1e-3 * MSB_EV, 1e5, 0, NULL, &l), "langmuir");
    return l;
}

msb_law *fx_free_energy(void)
{
    msb_law *l = NULL;
    const double A[1] = {4.0 * KB * 300.0};
    need(msb_free_energy_rk_create(0.0, 1, A, NULL, 0.0, NULL, &l), "free energy");
    return l;
}

msb_law *fx_ocv_free_energy(void)
{
    msb_law *fe = fx_free_energy(), *l = NULL;
    need(msb_ocv_free_energy_create(fe, 250.0, 350.0, &l), "ocv free energy");
    msb_law_destroy(fe);
    return l;
}

msb_law *fx_mu_table(void)
{
    msb_law *l = NULL;
    const double x[4] = {0.1, 0.3, 0.5, 0.7}, mu[4] = {-1e-20, -5e-21, 0.0, 5e-21};
    need(msb_mu_table_create(4, x, mu, NULL, 300.0, &l), "mu table");
    return l;
}

msb_law *fx_sigma_law(void)
{
    msb_law *D = fx_arrhenius(), *l = NULL;
    const msb_law *parts[1] = {D};
    const double n[1] = {1e28};
    const int z[1] = {1};
    need(msb_nernst_einstein_create(1, parts, n, z, NULL, NULL, &l), "nernst-einstein");
    msb_law_destroy(D);
    return l;
}

msb_estimate *fx_estimate(void)
{
    msb_estimate *e = NULL;
    need(msb_validate(1.05, 0.1, 1.07, 0.05, 2.0, &e), "validation estimate");
    return e;
}

msb_estimate *fx_ce_fit(void)
{
    /* 6 configurations, 3 correlation functions, energies linear plus a small scatter */
    const double X[18] = {1, -1, 1, 1, -0.5, 0.2, 1, 0, -0.3, 1, 0.5, 0.1, 1, 1, 1, 1, 0.2, 0.6};
    double E[6];
    for (int i = 0; i < 6; i++)
        E[i] = 1e-20 * (0.5 + 0.3 * X[3 * i + 1] - 0.2 * X[3 * i + 2]) + 1e-23 * ((i % 3) - 1);
    msb_estimate *e = NULL;
    need(msb_ce_fit(6, 3, X, E, 0.0, &e), "ce fit");
    return e;
}

msb_lattice *fx_square(void)
{
    msb_lattice *l = NULL;
    need(msb_lattice_create(MSB_LATTICE_SQUARE, 3e-10, 8, 8, 1, 3, &l), "square lattice");
    return l;
}

msb_ce_hamiltonian *fx_ce_ham(const msb_lattice *lat)
{
    /* point, two pair shells and the (1, 1, sqrt 2) triplet orbit of the square lattice:
     * ncorr = 5 (msb_ce_basis_size(lat, 2, 2)); J per site, spin basis */
    const double eci[5] = {1e-21, -5e-22, 2e-21, -5e-22, 3e-22};
    msb_ce_hamiltonian *h = NULL;
    need(msb_ce_hamiltonian_create(lat, 2, 2, eci, &h), "ce hamiltonian");
    return h;
}

msb_estimate *fx_sgc_scan(double T_K, double mu_lo_kT, double mu_hi_kT, size_t nmu)
{
    /* non-interacting lattice gas (nv = 0) on an 8 x 8 square lattice, nmu >= 2 equally spaced
     * chemical potentials in units of kT, 32 sweeps per point */
    msb_lattice *l = fx_square();
    double mu[64];
    if (nmu < 2 || nmu > 64) {
        printf("fx_sgc_scan: nmu = %zu\n", nmu);
        exit(2);
    }
    for (size_t k = 0; k < nmu; k++)
        mu[k] = MSB_K_B * T_K *
                (mu_lo_kT + (mu_hi_kT - mu_lo_kT) * (double)k / (double)(nmu - 1));
    msb_estimate *e = NULL;
    need(msb_mc_sgc(l, 0.0, 0, NULL, T_K, nmu, mu, 0, 32, 11, NULL, NULL, &e), "sgc scan");
    msb_lattice_destroy(l);
    return e;
}

int fx_cancel(void *user, double done, double total)
{
    (void)user, (void)done, (void)total;
    return 1; /* stop at the first call */
}

static uint64_t lcg = 88172645463325252ull;
static double urand(void) /* [0, 1), xorshift64 */
{
    lcg ^= lcg << 13;
    lcg ^= lcg >> 7;
    lcg ^= lcg << 17;
    return (double)(lcg >> 11) * 0x1.0p-53;
}

msb_trajectory *fx_traj(void)
{
    enum { NF = 200, NA = 16 };
    static double pos[NF * NA * 3];
    int types[NA];
    const double L = 20e-10, cell[9] = {L, 0, 0, 0, L, 0, 0, 0, L};
    lcg = 88172645463325252ull;
    for (int a = 0; a < NA; a++) {
        types[a] = 1 + a % 2;
        for (int k = 0; k < 3; k++) pos[a * 3 + k] = L * urand();
    }
    for (int f = 1; f < NF; f++)
        for (int a = 0; a < NA; a++)
            for (int k = 0; k < 3; k++)
                pos[(f * NA + a) * 3 + k] =
                    pos[((f - 1) * NA + a) * 3 + k] + 2e-11 * (urand() - 0.5);
    msb_trajectory *t = NULL;
    need(msb_trajectory_create(NF, NA, pos, types, cell, 1e-12, 0, &t), "trajectory");
    return t;
}

msb_table *fx_table(void)
{
    msb_table *t = NULL;
    need(msb_table_parse("a b\n1 2\n3 4\n5 6\n", "fixture", MSB_TABLE_HEADER, &t), "table");
    return t;
}

msb_units *fx_units(void)
{
    msb_units *u = NULL;
    need(msb_units_create("metal", &u), "units");
    return u;
}

const double *fx_flux(void)
{
    static double x[3 * 4096];
    static int done;
    if (!done) {
        lcg = 0x9e3779b97f4a7c15ull;
        for (int c = 0; c < 3; c++) {
            double v = 0;
            for (int i = 0; i < 4096; i++) {
                /* AR(1), phi = 0.9, uniform innovations of variance 1 */
                v = 0.9 * v + sqrt(12.0) * (urand() - 0.5);
                x[c * 4096 + i] = v;
            }
        }
        done = 1;
    }
    return x;
}

/* ---- scratch folder ---- */
static char dir[64];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static void remove_dir(void)
{
    if (dir[0]) nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(fx_path(name), "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("cannot write %s\n", fx_path(name));
        exit(2);
    }
}

const char *fx_path(const char *name)
{
    static char buf[4][256];
    static int k;
    if (!dir[0]) {
        strcpy(dir, "/tmp/msb_badinput_XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
        atexit(remove_dir);
        char sub[128];
        snprintf(sub, sizeof sub, "%s/newdir", dir);
        mkdir(sub, 0700);
        write_file("table.dat", "# a b\n1 2\n3 4\n5 6\n");
        write_file("data.bin", "abc");
        const char *frame = "ITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n"
                            "0 10\nITEM: ATOMS id type xu yu zu\n";
        char dump[1024];
        snprintf(dump, sizeof dump,
                 "ITEM: TIMESTEP\n0\n%s1 1 1.0 1.0 1.0\n2 2 5.0 5.0 5.0\n"
                 "ITEM: TIMESTEP\n10\n%s1 1 1.1 1.0 1.0\n2 2 5.0 5.2 5.0\n", frame, frame);
        write_file("traj.dump", dump);
        write_file("traj.xyz",
                   "2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3\n"
                   "Li 1.0 1.0 1.0\nO 5.0 5.0 5.0\n"
                   "2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3\n"
                   "Li 1.1 1.0 1.0\nO 5.0 5.2 5.0\n");
        msb_law *l = fx_arrhenius();
        need(msb_card_write(l, fx_path("card.json"), 0, NULL, NULL, NULL), "card file");
        msb_law_destroy(l);
    }
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

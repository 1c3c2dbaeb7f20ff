/* battery_pipeline — the libmsbridge demo: atomistic data in, material laws and a continuum
 * battery simulation out, with uncertainties, on data shipped in the repository.
 *
 *   1. formation energies of Li_yC6 -> convex hull -> plateau OCV law      (hull.h, ocv.h)
 *   2. Li hop in LiC6: harmonic TST rate -> D(T) = a^2 k / (2 d)           (tst.h, arrhenius.h)
 *   3. LAMMPS trajectories at 4 temperatures -> MSD -> Einstein D -> Arrhenius fit ->
 *      Nernst-Einstein-Haven conductivity -> SEI resistance  (trajectory.h, msd.h, transport.h)
 *   4. Green-Kubo on amorphous-silica heat fluxes -> kappa -> Kapitza film (green_kubo.h,
 *                                                                           kapitza.h)
 *   5. Voigt-Reuss-Hill moduli of LiF (an SEI component) from its tensor -> thin-film
 *      fracture check of an SEI film                                  (elastic.h, chemomech.h)
 *   6. single-particle model of a graphite particle at 1C: OCV from 1, D_chem from the Darken
 *      law (D* from 2, Theta from a free-energy law), R_SEI from 3    (examples/spm, thermo.h)
 * and writes law cards (card.h), CSV tables for the plots and a summary into the output folder.
 *
 * Usage: battery_pipeline [--data REPO_ROOT] [--out DIR]
 * REPO_ROOT defaults to the source tree this program was built from; DIR to ./out.
 * Every number used is either read from a shipped file or stated (with its source) below.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "msbridge.h"
#include "../spm/spm_model.h"

#ifndef MSB_DEMO_SOURCE_ROOT
#define MSB_DEMO_SOURCE_ROOT "."
#endif

static const char *g_root = MSB_DEMO_SOURCE_ROOT;
static const char *g_out = "out";

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int fail(msb_status s, const char *what)
{
    if (s == MSB_SUCCESS) return 0;
    fprintf(stderr, "battery_pipeline: %s failed: %s: %s\n", what, msb_status_string(s),
            msb_last_error_message());
    return 1;
}

static void path_in(char *buf, size_t cap, const char *base, const char *rel)
{
    snprintf(buf, cap, "%s/%s", base, rel);
}

static FILE *open_out(const char *rel)
{
    char p[4096];
    path_in(p, sizeof p, g_out, rel);
    FILE *f = fopen(p, "w");
    if (!f) fprintf(stderr, "battery_pipeline: cannot write %s: %s\n", p, strerror(errno));
    return f;
}

static int write_card(const msb_law *law, const char *rel, const char *input, const char *note)
{
    char p[4096], in[4096];
    path_in(p, sizeof p, g_out, rel);
    const char *inputs[1] = {in};
    if (input) path_in(in, sizeof in, g_root, input);
    if (fail(msb_card_write(law, p, input ? 1 : 0, input ? inputs : NULL,
                            "examples/demo/battery_pipeline", note),
             "writing a law card"))
        return 1;
    printf("      card: %s\n", p);
    return 0;
}

/* ---- 1. hull -> OCV ---- */
static int step_hull(msb_law **ocv)
{
    char p[4096];
    path_in(p, sizeof p, g_root, "examples/demo/data/li_graphite_formation.csv");
    msb_table *t = NULL;
    if (fail(msb_table_read(p, MSB_TABLE_HEADER, &t), "reading the formation energies"))
        return 1;
    size_t n = msb_table_nrows(t), iy, iG;
    if (fail(msb_table_find(t, "y", &iy), "column y") ||
        fail(msb_table_find(t, "G_eV", &iG), "column G_eV")) {
        msb_table_destroy(t);
        return 1;
    }
    const double *y = msb_table_column(t, iy), *GeV = msb_table_column(t, iG);
    double *x = malloc(3 * n * sizeof *x);
    if (!x) {
        msb_table_destroy(t);
        return 1;
    }
    double *e = x + n, *G = x + 2 * n;
    for (size_t i = 0; i < n; i++) {
        G[i] = GeV[i] * MSB_EV;           /* J per C6 host formula unit */
        x[i] = y[i] / (6.0 + y[i]);       /* atom fraction of Li in Li_yC6 */
        e[i] = G[i] / (6.0 + y[i]);       /* J per atom */
    }
    const double tol = 1e-9 * MSB_EV;
    msb_estimate *est = NULL;
    int bad = fail(msb_hull_estimate(n, x, e, tol, &est), "hull");
    double pV[16], plo[16], phi[16];
    size_t np = 0;
    if (!bad) bad = fail(msb_hull_plateaus(n, y, G, 0.0, tol * 7, 16, plo, phi, pV, &np),
                         "plateaus");
    if (!bad) {
        double ns;
        msb_estimate_get(est, "n_stable", &ns, NULL);
        size_t ie;
        msb_estimate_find(est, "e_above_hull", &ie);
        double eah[64];
        size_t len = 0;
        msb_estimate_values(est, ie, 64, eah, NULL, &len);
        printf("      %zu entries, %d on the hull; plateaus (V vs Li/Li+):", n, (int)ns);
        for (size_t k = 0; k < np; k++) printf(" %.4f [%.3g, %.3g]", pV[k], plo[k], phi[k]);
        printf("\n");
        FILE *f = open_out("hull.csv");
        if (f) {
            fprintf(f, "y,x_atom,G_eV,e_above_hull_meV_per_atom\n");
            for (size_t i = 0; i < n && i < len; i++)
                fprintf(f, "%.6g,%.6g,%.6g,%.6g\n", y[i], x[i], GeV[i], eah[i] / MSB_EV * 1e3);
            fclose(f);
        } else {
            bad = 1;
        }
    }
    /* OCV law straight from the entries, steps smoothed over 0.01 in y */
    if (!bad) bad = fail(msb_ocv_from_hull_create(n, y, G, 0.0, tol * 7, 0.01, ocv), "OCV law");
    if (!bad) {
        FILE *f = open_out("ocv_law.csv");
        if (!f) {
            bad = 1;
        } else {
            fprintf(f, "x,V\n");
            for (int i = 0; i <= 200 && !bad; i++) {
                double in[2] = {0.005 * i, 298.15}, V;
                bad = fail(msb_law_eval(*ocv, 1, in, &V, NULL), "OCV evaluation");
                if (!bad) fprintf(f, "%.6g,%.8g\n", in[0], V);
            }
            fclose(f);
        }
    }
    msb_estimate_destroy(est);
    free(x);
    msb_table_destroy(t);
    return bad;
}

/* ---- 2. TST hop -> D(T) ----
 * Li in-plane hop in LiC6: E_a = 0.308 eV (K. Persson et al., Phys. Rev. B 82, 125416 (2010)),
 * sd 0.03 eV (typical DFT barrier uncertainty); nu* = 1e13 Hz with sd(ln nu*) = 1; hop distance
 * a = 4.26 A, d = 2 (in-plane), correlation factor 1: D = a^2 k / (2 d). */
static int step_tst(msb_law **rate, msb_law **diff)
{
    const double Ea = 0.308 * MSB_EV, Ea_sd = 0.03 * MSB_EV, nu = 1e13;
    const double a = 4.26e-10, dim = 2, D0 = a * a * nu / (2 * dim);
    const double cov[4] = {1.0, 0, 0, Ea_sd * Ea_sd};
    if (fail(msb_tst_vineyard_create(1, &nu, 0, NULL, Ea, cov, rate), "Vineyard rate") ||
        fail(msb_arrhenius_create(D0, Ea, cov, diff), "Arrhenius D(T)"))
        return 1;
    double T = 298.15, k, ksd, D, Dsd;
    if (fail(msb_law_eval_uq(*rate, 1, &T, &k, &ksd), "rate") ||
        fail(msb_law_eval_uq(*diff, 1, &T, &D, &Dsd), "D(T)"))
        return 1;
    printf("      k(298 K) = %.3e 1/s (sd of ln k %.2f); D(298 K) = %.3e m^2/s\n", k, ksd / k,
           D);
    return write_card(*rate, "cards/li_hop_rate.json", NULL,
                      "Li in-plane hop in LiC6, harmonic TST (demo parameters)") ||
           write_card(*diff, "cards/li_diffusivity_tst.json", NULL,
                      "D(T) = a^2 k / (2 d) from the TST hop rate, a = 4.26 A, d = 2");
}

/* ---- 3. MD at four temperatures -> Einstein D -> Arrhenius -> Nernst-Einstein -> SEI ----
 * No SEI trajectories are shipped, so a Lennard-Jones liquid stands in for the MD step: four
 * LAMMPS runs at T* = 0.8, 1.0, 1.25, 1.6 (rho* = 0.85, 256 atoms, 50 tau each;
 * examples/demo/data/md, regenerate.sh). Reduced units are converted explicitly, with a
 * Li-like particle: sigma = 2.5 A, epsilon/k_B = 300 K, m = 6.94 u (T = 240 .. 480 K). The
 * resulting D is that of a liquid, far above a real SEI's: the step shows the pipeline, not
 * SEI physics. Carriers: n = 1e27 m^-3 of z = +1 (illustrative), Haven ratio 1 (+- 0.2);
 * film h = 20 +- 5 nm. */
static int step_md(msb_law **D_md, msb_law **r_sei)
{
    static const char *const Ts[4] = {"0.8", "1.0", "1.25", "1.6"};
    const double sigma = 2.5e-10, eps = 300.0 * MSB_K_B, mass = 6.94 * 1.66053906660e-27;
    msb_units *u = NULL;
    if (fail(msb_units_create_lj(sigma, eps, mass, &u), "LJ units")) return 1;
    double T[4], D[4], Dsd[4];
    FILE *f = open_out("md_diffusivity.csv");
    if (!f) {
        msb_units_destroy(u);
        return 1;
    }
    fprintf(f, "T_K,D_m2_s,D_sd_m2_s\n");
    int bad = 0;
    for (int i = 0; i < 4 && !bad; i++) {
        char rel[256], p[4096];
        snprintf(rel, sizeof rel, "examples/demo/data/md/lj_T%s.dump", Ts[i]);
        path_in(p, sizeof p, g_root, rel);
        msb_trajectory *tr = NULL;
        msb_estimate *e = NULL;
        printf("      [%d/4] %s: reading ...", i + 1, rel);
        fflush(stdout);
        bad = fail(msb_trajectory_read_lammps(p, u, 0.005, 0, 0, &tr), "reading a trajectory");
        if (!bad) bad = fail(msb_einstein_fit(tr, -1, 1, 0, 0, 5, &e), "Einstein fit");
        if (!bad) {
            T[i] = atof(Ts[i]) * eps / MSB_K_B;
            msb_estimate_get(e, "D", &D[i], &Dsd[i]);
            printf(" %zu frames, T = %.0f K, D = %.3e +- %.1e m^2/s\n",
                   msb_trajectory_n_frames(tr), T[i], D[i], Dsd[i]);
            fprintf(f, "%.6g,%.8e,%.8e\n", T[i], D[i], Dsd[i]);
        }
        msb_estimate_destroy(e);
        msb_trajectory_destroy(tr);
    }
    fclose(f);
    msb_units_destroy(u);
    if (bad) return 1;
    msb_estimate *fit = NULL;
    if (fail(msb_arrhenius_fit(4, T, D, Dsd, MSB_SIGMA_ABSOLUTE, &fit, D_md), "Arrhenius fit"))
        return 1;
    double Ea, Easd, chi2;
    msb_estimate_get(fit, "Ea_eV", &Ea, &Easd);
    msb_estimate_get(fit, "chi2_per_dof", &chi2, NULL);
    msb_estimate_destroy(fit);
    printf("      Arrhenius fit: E_a = %.4f +- %.4f eV, chi2/dof = %.2f\n", Ea, Easd, chi2);
    const double n = 1e27, H = 1.0, Hsd = 0.2;
    const int z = 1;
    const msb_law *parts[1] = {*D_md};
    msb_law *sigma_law = NULL;
    if (fail(msb_nernst_einstein_create(1, parts, &n, &z, &H, &Hsd, &sigma_law), "NEH") ||
        fail(msb_sei_resistance_create(sigma_law, 20e-9, 5e-9, r_sei), "SEI resistance")) {
        msb_law_destroy(sigma_law);
        return 1;
    }
    double T0 = 298.15, sg, sgsd, R, Rsd;
    bad = fail(msb_law_eval_uq(sigma_law, 1, &T0, &sg, &sgsd), "sigma(T)") ||
          fail(msb_law_eval_uq(*r_sei, 1, &T0, &R, &Rsd), "R_SEI(T)");
    msb_law_destroy(sigma_law);
    if (bad) return 1;
    printf("      Nernst-Einstein-Haven: sigma(298 K) = %.3g +- %.2g S/m; R_SEI = %.3g +- %.2g "
           "Ohm m^2 (20 +- 5 nm)\n", sg, sgsd, R, Rsd);
    f = open_out("diffusivity.csv");
    if (!f) return 1;
    fprintf(f, "T_K,D_m2_s,D_sd_m2_s\n");
    for (int i = 0; i <= 60 && !bad; i++) {
        double Ti = 220.0 + 5.0 * i, Di, Di_sd;
        bad = fail(msb_law_eval_uq(*D_md, 1, &Ti, &Di, &Di_sd), "D(T)");
        if (!bad) fprintf(f, "%.6g,%.8e,%.8e\n", Ti, Di, Di_sd);
    }
    fclose(f);
    char in0[256];
    snprintf(in0, sizeof in0, "examples/demo/data/md/lj_T%s.dump", Ts[0]);
    return bad || write_card(*D_md, "cards/md_diffusivity_arrhenius.json", in0,
                             "Einstein D of the LJ stand-in at 4 temperatures, Arrhenius fit");
}

/* ---- 4. Green-Kubo -> kappa -> Kapitza ---- */
static int step_gk(double *kappa_out)
{
    char p[4096];
    path_in(p, sizeof p, g_root, "tests/data/sportran/Silica.dat");
    msb_table *t = NULL;
    msb_units *u = NULL;
    if (fail(msb_table_read(p, MSB_TABLE_HEADER, &t), "reading Silica.dat") ||
        fail(msb_units_create("metal", &u), "metal units")) {
        msb_table_destroy(t);
        return 1;
    }
    double fj, fl, ft;
    msb_units_to_si(u, MSB_Q_HEAT_FLUX, &fj);
    msb_units_to_si(u, MSB_Q_LENGTH, &fl);
    msb_units_to_si(u, MSB_Q_TIME, &ft);
    msb_units_destroy(u);
    const size_t n = msb_table_nrows(t);
    double *x = malloc(3 * n * sizeof *x);
    if (!x || msb_table_ncols(t) < 4) {
        free(x);
        msb_table_destroy(t);
        return 1;
    }
    double T = 0;
    for (size_t i = 0; i < n; i++) T += msb_table_column(t, 0)[i] / (double)n;
    for (size_t c = 0; c < 3; c++)
        for (size_t i = 0; i < n; i++) x[c * n + i] = msb_table_column(t, 1 + c)[i] * fj;
    msb_table_destroy(t);
    /* sportran's published analysis of this file (Silica_output_ref.log) uses
     * f* = 500 THz / 18; cell volume 3130.431110818 A^3, dt = 1 fs */
    const double V = 3130.431110818 * fl * fl * fl, dt = 1e-3 * ft;
    printf("      %zu samples x 3 components, T = %.1f K; cepstral analysis ...\n", n, T);
    fflush(stdout);
    msb_estimate *est = NULL;
    if (fail(msb_gk_cepstral(MSB_GK_HEAT_JV, n, 3, x, dt, V, T, 500e12 / 18, &est),
             "Green-Kubo")) {
        free(x);
        return 1;
    }
    free(x);
    double k, ksd, P;
    msb_estimate_get(est, "kappa", &k, &ksd);
    msb_estimate_get(est, "P_star", &P, NULL);
    msb_estimate_destroy(est);
    printf("      kappa(a-SiO2) = %.3f +- %.3f W/(m K)  (sportran, same data: 2.205 +- 0.215)\n",
           k, ksd);
    *kappa_out = k;
    /* Kapitza: an a-SiO2 film of 20 nm on Si with an interface conductance G = 5e8 W/(m^2 K)
     * (order of SiO2/Si interfaces), sd 10 %: R_K = 1/G, Kapitza length l_K = kappa R_K, and
     * the film's total resistance L/kappa + R_K. */
    msb_law *kap = NULL;
    if (fail(msb_kapitza_from_conductance(5e8, 5e7, &kap), "Kapitza law")) return 1;
    double q = 1e9, dT, dTsd, R = 0;
    if (fail(msb_law_eval_uq(kap, 1, &q, &dT, &dTsd), "Kapitza law")) {
        msb_law_destroy(kap);
        return 1;
    }
    msb_law_params(kap, &R);
    msb_law_destroy(kap);
    const double L = 20e-9, Rfilm = L / k;
    printf("      Kapitza: R_K = %.2e m^2K/W, l_K = kappa R_K = %.1f nm; 20 nm film: R_film = "
           "%.2e, R_K share %.0f %%; jump at 1e9 W/m^2: %.2f +- %.2f K\n",
           R, k * R * 1e9, Rfilm, 100 * R / (R + Rfilm), dT, dTsd);
    return 0;
}

/* ---- 5. Voigt-Reuss-Hill for LiF (mp-1138) from the shipped Materials Project tensors ---- */
static int read_tensor(const char *path, const char *id, double *C)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 1;
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = 0;
    char key[64];
    snprintf(key, sizeof key, "\"%s\"", id);
    const char *s = strstr(buf, key);
    if (!s) return 1;
    s = strstr(s, "\"elastic_tensor_voigt_GPa\"");
    if (!s) return 1;
    s += strlen("\"elastic_tensor_voigt_GPa\"");
    for (int i = 0; i < 36; i++) {
        while (*s && !(*s == '-' || (*s >= '0' && *s <= '9'))) s++;
        char *end;
        double v = strtod(s, &end);
        if (end == s) return 1;
        C[i] = v * 1e9; /* GPa -> Pa */
        s = end;
    }
    return 0;
}

static int step_vrh(void)
{
    char p[4096];
    path_in(p, sizeof p, g_root, "tests/data/elastic/mp_li_compounds_elastic.json");
    double C[36], props[MSB_ELASTIC_NPROP];
    int stable = 0;
    if (read_tensor(p, "mp-1138", C)) {
        fprintf(stderr, "battery_pipeline: no tensor for mp-1138 in %s\n", p);
        return 1;
    }
    if (fail(msb_elastic_moduli(1, C, props, &stable), "Voigt-Reuss-Hill")) return 1;
    printf("      LiF (mp-1138): K_V = %.1f, G_V = %.1f GPa (Materials Project, rounded: 70, 52); "
           "Hill: K = %.1f, G = %.1f, E = %.1f GPa, nu = %.3f; Born-stable: %s\n",
           props[MSB_ELASTIC_K_VOIGT] / 1e9, props[MSB_ELASTIC_G_VOIGT] / 1e9,
           props[MSB_ELASTIC_K_VRH] / 1e9, props[MSB_ELASTIC_G_VRH] / 1e9,
           props[MSB_ELASTIC_E_VRH] / 1e9, props[MSB_ELASTIC_NU_VRH], stable ? "yes" : "no");
    /* SEI fracture check: a 20 nm LiF film with those Hill moduli on a particle that swells by
     * a linear strain of 1 % after the film formed (equi-biaxial tension), film toughness
     * G_c = 0.5 J/m^2 (illustrative, as in examples/sei_fracture); channel cracking with
     * Z = 1.976 (J. W. Hutchinson and Z. Suo, Adv. Appl. Mech. 29, 63 (1992)). */
    const double E = props[MSB_ELASTIC_E_VRH], nu = props[MSB_ELASTIC_NU_VRH];
    double sig, hc, ratio;
    msb_estimate *fr = NULL;
    if (fail(msb_thin_film_stress(E, nu, 0.01, &sig), "film stress") ||
        fail(msb_thin_film_fracture(E, nu, sig, 20e-9, MSB_Z_CHANNEL_CRACK, 0.5, &fr),
             "film fracture"))
        return 1;
    msb_estimate_get(fr, "h_c", &hc, NULL);
    msb_estimate_get(fr, "G_over_Gc", &ratio, NULL);
    msb_estimate_destroy(fr);
    printf("      SEI film (LiF, 1 %% swelling): sigma = %.2f GPa, channel-crack critical "
           "thickness %.1f nm: a 20 nm film %s (G/G_c = %.2f)\n", sig / 1e9, hc * 1e9,
           ratio >= 1 ? "cracks" : "holds", ratio);
    return 0;
}

/* ---- 6. single-particle model ---- */
static int step_spm(const msb_law *ocv, const msb_law *D_star, const msb_law *r_sei,
                    double *cap_out, double *t_out)
{
    /* D_chem(x, T) = D*(T) Theta(x, T) (Darken): D* from the TST hop law, Theta from a
     * regular-solution free energy of the Li sublattice, Omega = 0.03 eV per site (single
     * phase at 298 K: T_c = Omega / 2 k_B = 174 K), illustrative */
    msb_law *fe = NULL, *diff = NULL;
    const double Omega = 0.03 * MSB_EV;
    if (fail(msb_free_energy_rk_create(0.0, 1, &Omega, NULL, 0.0, NULL, &fe), "free energy") ||
        fail(msb_darken_create(D_star, fe, &diff), "Darken law")) {
        msb_law_destroy(fe);
        return 1;
    }
    msb_law_destroy(fe);
    double xT[4] = {0.1, 298.15, 0.9, 298.15}, Dc[4];
    if (fail(msb_law_eval(diff, 2, xT, Dc, NULL), "D_chem")) {
        msb_law_destroy(diff);
        return 1;
    }
    printf("      Darken: D_chem(x = 0.1) = %.3e, D_chem(x = 0.9) = %.3e m^2/s (Theta %.2f, "
           "%.2f); R_SEI from step 3\n", Dc[0], Dc[2], Dc[1], Dc[3]);
    /* graphite particle of the LG M50 cell (Chen et al. 2020): R = 5.86 um, c_max = 33133
     * mol/m^3; charge transfer: Eyring TST with dH = 0.72 eV (i0 ~ 2 A/m^2 at x = 1/2, n_s = 1e-5
     * mol/m^2, the order fitted by Chen et al.) */
    msb_law *ct = NULL;
    if (fail(msb_tst_eyring_create(0.72 * MSB_EV, 0.0, 1.0, 0.0, NULL, &ct), "Eyring")) {
        msb_law_destroy(diff);
        return 1;
    }
    spm_params p = {.radius_m = 5.86e-6, .c_max = 33133.0, .site_density = 1e-5,
                    .T_K = 298.15, .n_shells = 40, .ocv = ocv, .diff = diff, .rate = ct,
                    .r_sei = r_sei};
    spm_state s;
    /* the hull OCV is in y = Li per C6, which is x = c / c_max for c_max of LiC6 */
    const double x0 = 0.95, rho = 2260.0;
    if (spm_init(&p, x0, &s)) {
        msb_law_destroy(ct);
        msb_law_destroy(diff);
        return 1;
    }
    const double onec = MSB_F * p.c_max * p.radius_m / 3.0 / 3600.0, dt = 3600.0 / 400;
    FILE *f = open_out("discharge.csv");
    if (!f) {
        spm_free(&s);
        msb_law_destroy(ct);
        msb_law_destroy(diff);
        return 1;
    }
    fprintf(f, "time_s,capacity_mAh_per_g,x_mean,x_surf,V,U,eta\n");
    spm_result r = {0};
    int rc, steps = 0;
    const double n0 = spm_total_lithium(&p, &s);
    while ((rc = spm_step(&p, &s, -onec, dt, &r)) == 0 && r.x_surf > 0.01) {
        steps++;
        fprintf(f, "%.6g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g\n", s.time_s,
                MSB_F * p.c_max * (x0 - r.x_mean) / rho / 3600.0, r.x_mean, r.x_surf, r.V, r.U,
                r.eta);
    }
    fclose(f);
    const double S = 4 * 3.14159265358979323846 * p.radius_m * p.radius_m;
    const double lost = (n0 - spm_total_lithium(&p, &s)) - onec * S * s.time_s / MSB_F;
    printf("      1C: %d implicit steps, %.0f s to the cut-off, %.1f mAh/g; lithium balance "
           "error %.1e of the inventory\n",
           steps, s.time_s, MSB_F * p.c_max * (x0 - r.x_mean) / rho / 3600.0, fabs(lost) / n0);
    *cap_out = MSB_F * p.c_max * (x0 - r.x_mean) / rho / 3600.0;
    *t_out = s.time_s;
    spm_free(&s);
    msb_law_destroy(ct);
    msb_law_destroy(diff);
    if (rc == 1 || rc == 2) {
        fprintf(stderr, "battery_pipeline: SPM step failed: %s\n", msb_last_error_message());
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--data") && a + 1 < argc) g_root = argv[++a];
        else if (!strcmp(argv[a], "--out") && a + 1 < argc) g_out = argv[++a];
        else {
            fprintf(stderr, "usage: battery_pipeline [--data REPO_ROOT] [--out DIR]\n");
            return 2;
        }
    }
    char cards[4096];
    path_in(cards, sizeof cards, g_out, "cards");
    if ((mkdir(g_out, 0777) && errno != EEXIST) || (mkdir(cards, 0777) && errno != EEXIST)) {
        fprintf(stderr, "battery_pipeline: cannot create %s: %s\n", cards, strerror(errno));
        return 1;
    }
    printf("libmsbridge %s: battery pipeline (data: %s, output: %s)\n", msb_version_string(),
           g_root, g_out);
    const double t0 = now_s();
    double t = t0, kappa = 0, cap = 0, tdis = 0;
    msb_law *ocv = NULL, *rate = NULL, *diff = NULL, *D_md = NULL, *r_sei = NULL;
    int bad = 0;
#define STEP(k, title, call)                                                                   \
    do {                                                                                       \
        if (bad) break;                                                                        \
        printf("[%d/6] %s\n", k, title);                                                       \
        fflush(stdout);                                                                        \
        bad = (call);                                                                          \
        printf("      (%.2f s)\n", now_s() - t);                                               \
        t = now_s();                                                                           \
    } while (0)
    STEP(1, "formation energies -> convex hull -> OCV law", step_hull(&ocv));
    STEP(2, "Li hop: harmonic TST rate -> D(T)", step_tst(&rate, &diff));
    STEP(3, "MD at 4 temperatures -> MSD -> D(T) -> Arrhenius -> Nernst-Einstein -> SEI",
         step_md(&D_md, &r_sei));
    STEP(4, "Green-Kubo (a-SiO2 heat flux) -> kappa -> Kapitza interface", step_gk(&kappa));
    STEP(5, "Voigt-Reuss-Hill moduli of LiF -> SEI film fracture check", step_vrh());
    STEP(6, "single-particle model: 1C discharge of graphite (Darken D, SEI film)",
         step_spm(ocv, diff, r_sei, &cap, &tdis));
#undef STEP
    msb_law_destroy(ocv);
    msb_law_destroy(rate);
    msb_law_destroy(diff);
    msb_law_destroy(D_md);
    msb_law_destroy(r_sei);
    if (bad) {
        fprintf(stderr, "battery_pipeline: stopped after an error\n");
        return 1;
    }
    printf("\nsummary: kappa(a-SiO2) %.2f W/(m K); 1C capacity %.0f mAh/g in %.0f s; "
           "outputs in %s/ (cards/, *.csv); total %.1f s\n",
           kappa, cap, tdis, g_out, now_s() - t0);
    return 0;
}

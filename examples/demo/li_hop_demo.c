/* li_hop_demo — the first step of the battery pipeline: a Li hop rate from transition-state
 * theory and the diffusivity D(T) it implies, with its uncertainty, over 250-400 K.
 *
 * Parameters (illustrative, of the order reported for in-plane Li migration in stage-I LiC6):
 *   E_a    = 0.308 eV     DFT-NEB barrier scale of K. Persson et al., Phys. Rev. B 82, 125416
 *                         (2010); we attach sd 0.03 eV, a typical DFT barrier uncertainty.
 *   nu*    = 1e13 Hz      harmonic attempt frequency (one mode along the hop: the
 *                         one-dimensional Vineyard limit), uncertain by a factor e (sd of
 *                         ln nu* = 1).
 *   a      = 4.26 A       in-plane Li-Li hop distance in LiC6 (a-axis lattice constant 4.31 A,
 *                         nearest Li sites ~4.3 A apart).
 *   d      = 2            in-plane diffusion: D = a^2 Gamma / (2 d) with Gamma = k
 *                         (random-walk limit, correlation factor 1).
 * The rate is also given by Eyring TST with dH = E_a, dS = 0 for comparison: the two differ by
 * nu* / (k_B T/h), the usual harmonic vs thermodynamic prefactor.
 */
#include <math.h>
#include <stdio.h>

#include "msbridge.h"

static int check(msb_status s, const char *what)
{
    if (s == MSB_SUCCESS) return 0;
    fprintf(stderr, "li_hop_demo: %s failed: %s: %s\n", what, msb_status_string(s),
            msb_last_error_message());
    return 1;
}

int main(void)
{
    const double Ea = 0.308 * MSB_EV, Ea_sd = 0.03 * MSB_EV;
    const double nu = 1e13, ln_nu_sd = 1.0;
    const double a = 4.26e-10, dim = 2;
    const double D0 = a * a * nu / (2 * dim);

    msb_law *vineyard = NULL, *eyring = NULL, *diff = NULL;
    const double cov[4] = {ln_nu_sd * ln_nu_sd, 0, 0, Ea_sd * Ea_sd};
    const double nu_min[1] = {nu};
    if (check(msb_tst_vineyard_create(1, nu_min, 0, NULL, Ea, cov, &vineyard), "Vineyard law") ||
        check(msb_tst_eyring_create(Ea, 0.0, 1.0, 0.0, NULL, &eyring), "Eyring law") ||
        check(msb_arrhenius_create(D0, Ea, cov, &diff), "Arrhenius law")) {
        msb_law_destroy(vineyard);
        msb_law_destroy(eyring);
        return 1;
    }
    printf("libmsbridge %s demo: Li hop in LiC6 (in-plane), E_a = %.3f +- %.3f eV, "
           "nu* = %.1e Hz\n", msb_version_string(), Ea / MSB_EV, Ea_sd / MSB_EV, nu);
    printf("D(T) = a^2 k / (2d) = D0 exp(-E_a / k_B T), D0 = %.3e m^2/s\n\n", D0);
    printf("%7s  %12s  %12s  %12s  %10s  %9s  %12s\n", "T/K", "k_hTST/(1/s)", "k_Eyring/(1/s)",
           "D/(m^2/s)", "sd(D)/D", "dlnD/dT", "sd(lnD)");
    enum { NT = 7 };
    double T[NT], k[NT], kE[NT], D[NT], Dsd[NT], dD[NT];
    for (int i = 0; i < NT; i++) T[i] = 250.0 + 25.0 * i;
    int bad = check(msb_law_eval(vineyard, NT, T, k, NULL), "rate evaluation") ||
              check(msb_law_eval(eyring, NT, T, kE, NULL), "Eyring evaluation") ||
              check(msb_law_eval_uq(diff, NT, T, D, Dsd), "D(T) with uncertainty") ||
              check(msb_law_eval(diff, NT, T, NULL, dD), "dD/dT");
    if (!bad)
        for (int i = 0; i < NT; i++)
            printf("%7.1f  %12.4e  %14.4e  %12.4e  %10.3f  %9.5f  %12.4f\n", T[i], k[i], kE[i],
                   D[i], Dsd[i] / D[i], dD[i] / D[i], Dsd[i] / D[i]);
    printf("\nsd(D)/D is the first-order propagated uncertainty from cov(ln nu*, E_a); for this\n"
           "log-normal quantity it is the standard deviation of ln D.\n");
    msb_law_destroy(vineyard);
    msb_law_destroy(eyring);
    msb_law_destroy(diff);
    return bad;
}

/* SEI worked example (docs/laws/chemomechanics.md): a LiF-rich SEI (E = 65 GPa, nu = 0.26,
 * toughness 0.5 J/m^2) on a particle that expands after the SEI formed. For each swelling
 * strain: film stress, channel-crack critical thickness (Hutchinson-Suo Z = 1.976) and the
 * steady-state delamination thickness for an interface toughness of 0.1 J/m^2. Then a
 * cohesive law for the film: from synthetic UBER-like cleavage energies (G_c = 0.5 J/m^2,
 * lambda = 0.5 A) to the exponential and bilinear traction-separation laws. Illustrative
 * numbers, not recommended data. */
#include <math.h>
#include <stdio.h>

#include "msbridge.h"

static int check(msb_status s, const char *what)
{
    if (s != MSB_SUCCESS) fprintf(stderr, "%s: %s\n", what, msb_last_error_message());
    return s != MSB_SUCCESS;
}

int main(void)
{
    const double E = 65e9, nu = 0.26;
    printf("eps_m    sigma/GPa   h_c(channel)/nm   h_c(delamination)/nm\n");
    for (int k = 1; k <= 5; k++) {
        const double eps = 0.005 * k;
        double sig, hc1, hc2;
        msb_estimate *a = NULL, *b = NULL;
        if (check(msb_thin_film_stress(E, nu, eps, &sig), "stress")) return 1;
        if (check(msb_thin_film_fracture(E, nu, sig, 10e-9, MSB_Z_CHANNEL_CRACK, 0.5, &a), "channel"))
            return 1;
        if (check(msb_thin_film_fracture(E, nu, sig, 10e-9, MSB_Z_DEBOND_STEADY, 0.1, &b), "debond"))
            return 1;
        msb_estimate_get(a, "h_c", &hc1, NULL);
        msb_estimate_get(b, "h_c", &hc2, NULL);
        printf("%.3f   %8.3f   %14.1f   %18.1f\n", eps, sig / 1e9, hc1 * 1e9, hc2 * 1e9);
        msb_estimate_destroy(a);
        msb_estimate_destroy(b);
    }

    double d[12], Phi[12];
    for (int i = 0; i < 12; i++) {
        d[i] = 0.2e-10 * i;
        const double u = d[i] / 0.5e-10;
        Phi[i] = 0.5 * (1 - (1 + u) * exp(-u)) * (1 + 0.01 * ((i % 3) - 1)); /* 1 % scatter */
    }
    msb_estimate *fit = NULL;
    msb_law *expo = NULL, *bil = NULL;
    if (check(msb_uber_fit(12, d, Phi, NULL, &fit, &expo), "uber fit")) return 1;
    double Gc, Gcs, lam, smax;
    msb_estimate_get(fit, "G_c", &Gc, &Gcs);
    msb_estimate_get(fit, "lambda", &lam, NULL);
    msb_estimate_get(fit, "sigma_max", &smax, NULL);
    printf("\nUBER fit: G_c = %.4f +- %.4f J/m^2, lambda = %.3f A, sigma_max = %.2f GPa\n", Gc, Gcs,
           lam * 1e10, smax / 1e9);
    if (check(msb_cohesive_bilinear_create(Gc, smax, lam, NULL, &bil), "bilinear")) return 1;
    printf("delta/A   T_exp/GPa   T_bilinear/GPa\n");
    for (int i = 0; i <= 6; i++) {
        const double x = 0.5e-10 * i;
        double t1, t2;
        msb_law_eval(expo, 1, &x, &t1, NULL);
        msb_law_eval(bil, 1, &x, &t2, NULL);
        printf("%6.2f   %9.3f   %12.3f\n", x * 1e10, t1 / 1e9, t2 / 1e9);
    }
    msb_law_destroy(expo);
    msb_law_destroy(bil);
    msb_estimate_destroy(fit);
    return 0;
}

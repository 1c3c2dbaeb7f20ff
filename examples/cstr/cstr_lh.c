/* cstr_lh — isothermal continuous stirred-tank reactor with Langmuir-Hinshelwood kinetics,
 * every material law from libmsbridge, solved to steady state by Newton.
 *
 *   A(g) + B(g) -> P(g) on one site type:  r = k(T) theta_A theta_B   (turnover, 1/s per site)
 *   theta_A, theta_B: competitive Langmuir isotherm (msb_langmuir_competitive_create) at the
 *                     reactor's partial pressures (the well-mixed tank is at outlet composition)
 *   k(T):             Eyring transition-state theory (msb_tst_eyring_create)
 *   steady balances (dilute in an inert carrier: constant total flow F, P_i = y_i P_tot):
 *     g_A = F (y_A0 - y_A) - N_s r = 0,   g_B = F (y_B0 - y_B) - N_s r = 0
 * Newton on (y_A, y_B) with the Jacobian from the isotherm's analytic derivatives
 * d theta_i / d P_j (msb_law_eval's dydx), damped so that mole fractions stay positive.
 *
 * Parameters (illustrative, of the order of CO oxidation on a noble metal): T = 500 K,
 * P_tot = 1e5 Pa, y_A0 = 0.02, y_B0 = 0.01; adsorption dH_A = -1.0 eV, dH_B = -0.9 eV,
 * dS = -1.5e-3 eV/K for both (loss of most gas-phase entropy), P_ref = 1e5 Pa; surface
 * reaction dH = 1.0 eV, dS = 0; F = 1e-3 mol/s; N_s = 1.7e-7 mol of sites.
 *
 * --check compares the Newton solution with an independent one: the two balances give
 * y_A0 - y_A = y_B0 - y_B = xi, and xi solves one scalar equation that the check builds from
 * the closed-form Langmuir and Eyring expressions (written out below, not from the library)
 * and brackets by bisection to 1e-15; agreement to 1e-10 relative in xi (Newton stops at
 * |g| <= 1e-14 F; bisection is exact to rounding), and the residuals are <= 1e-12 F.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "msbridge.h"

typedef struct reactor {
    double T, P, yA0, yB0, F, Ns;
    const msb_law *iso;  /* (P_A, P_B, T) -> (theta_A, theta_B) */
    const msb_law *rate; /* T -> k */
} reactor;

static const double dHA_eV = -1.0, dHB_eV = -0.9, dS_eV = -1.5e-3, Pref = 1e5;
static const double dHr_eV = 1.0;

static int check(msb_status s, const char *what)
{
    if (s == MSB_SUCCESS) return 0;
    fprintf(stderr, "cstr_lh: %s: %s: %s\n", what, msb_status_string(s),
            msb_last_error_message());
    return 1;
}

/* residuals g and Jacobian J (row-major 2x2, d g / d y) at (yA, yB) */
static int residual(const reactor *R, const double y[2], double g[2], double J[4], double *r_out,
                    double th_out[2])
{
    double in[3] = {y[0] * R->P, y[1] * R->P, R->T}, th[2], dth[6], k;
    if (check(msb_law_eval(R->iso, 1, in, th, dth), "isotherm") ||
        check(msb_law_eval(R->rate, 1, &R->T, &k, NULL), "rate"))
        return 1;
    /* dth[(0*2 + i)*3 + j] = d theta_i / d x_j, x = (P_A, P_B, T) */
    const double r = k * th[0] * th[1];
    double dr[2];
    for (int j = 0; j < 2; j++)
        dr[j] = k * (dth[0 * 3 + j] * th[1] + th[0] * dth[1 * 3 + j]) * R->P; /* d r / d y_j */
    g[0] = R->F * (R->yA0 - y[0]) - R->Ns * r;
    g[1] = R->F * (R->yB0 - y[1]) - R->Ns * r;
    J[0] = -R->F - R->Ns * dr[0];
    J[1] = -R->Ns * dr[1];
    J[2] = -R->Ns * dr[0];
    J[3] = -R->F - R->Ns * dr[1];
    if (r_out) *r_out = r;
    if (th_out) memcpy(th_out, th, sizeof th);
    return 0;
}

static int solve(const reactor *R, double y[2], int *iters)
{
    y[0] = R->yA0;
    y[1] = R->yB0;
    for (int it = 0; it < 100; it++) {
        double g[2], J[4];
        if (residual(R, y, g, J, NULL, NULL)) return 1;
        if (fabs(g[0]) <= 1e-14 * R->F && fabs(g[1]) <= 1e-14 * R->F) {
            *iters = it;
            return 0;
        }
        const double det = J[0] * J[3] - J[1] * J[2];
        double d0 = -(J[3] * g[0] - J[1] * g[1]) / det, d1 = -(-J[2] * g[0] + J[0] * g[1]) / det;
        double lam = 1.0; /* damping: keep the mole fractions positive */
        while (y[0] + lam * d0 <= 0 || y[1] + lam * d1 <= 0) lam *= 0.5;
        y[0] += lam * d0;
        y[1] += lam * d1;
    }
    return 1;
}

/* independent scalar equation in xi from the closed forms:
 * K_i = exp(-(dH_i - T dS)/(k_B T)) / P_ref, theta_i = K_i P_i / (1 + K_A P_A + K_B P_B),
 * k = (k_B T / h) exp(-dH_r / (k_B T)) (Eyring, kappa = 1, dS = 0) */
static double scalar_residual(const reactor *R, double xi)
{
    const double kT = MSB_K_B * R->T;
    const double KA = exp(-(dHA_eV - R->T * dS_eV) * MSB_EV / kT) / Pref;
    const double KB = exp(-(dHB_eV - R->T * dS_eV) * MSB_EV / kT) / Pref;
    const double PA = (R->yA0 - xi) * R->P, PB = (R->yB0 - xi) * R->P;
    const double den = 1 + KA * PA + KB * PB;
    const double k = kT / MSB_H * exp(-dHr_eV * MSB_EV / kT);
    return R->F * xi - R->Ns * k * (KA * PA / den) * (KB * PB / den);
}

int main(int argc, char **argv)
{
    int do_check = argc > 1 && !strcmp(argv[1], "--check");
    msb_law *iso = NULL, *rate = NULL;
    const double dH[2] = {dHA_eV * MSB_EV, dHB_eV * MSB_EV}, dS[2] = {dS_eV * MSB_EV,
                                                                       dS_eV * MSB_EV};
    if (check(msb_langmuir_competitive_create(2, dH, dS, Pref, NULL, &iso), "isotherm") ||
        check(msb_tst_eyring_create(dHr_eV * MSB_EV, 0.0, 1.0, 0.0, NULL, &rate), "rate")) {
        msb_law_destroy(iso);
        return 1;
    }
    reactor R = {.T = 500.0, .P = 1e5, .yA0 = 0.02, .yB0 = 0.01, .F = 1e-3, .Ns = 1.7e-7,
                 .iso = iso, .rate = rate};
    double y[2], g[2], J[4], r, th[2];
    int it = 0, bad = solve(&R, y, &it) || residual(&R, y, g, J, &r, th);
    if (!bad) {
        printf("steady state after %d Newton steps: y_A = %.6e, y_B = %.6e\n", it, y[0], y[1]);
        printf("coverages theta_A = %.4f, theta_B = %.4f; turnover %.4g 1/s; conversion of B "
               "%.2f %%\n", th[0], th[1], r, 100 * (R.yB0 - y[1]) / R.yB0);
        printf("residuals %.2e %.2e (of F = %g mol/s)\n", g[0], g[1], R.F);
    }
    if (!bad && do_check) {
        /* bisection on xi in (0, y_B0): at xi = 0 the residual is -N_s r(inlet) < 0, at
         * xi = y_B0 (no B left, theta_B = 0) it is F y_B0 > 0 */
        double lo = 0, hi = R.yB0;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * R.yB0; i++) {
            double mid = 0.5 * (lo + hi);
            if (scalar_residual(&R, mid) < 0) lo = mid;
            else hi = mid;
        }
        const double xi_ref = 0.5 * (lo + hi), xi = R.yB0 - y[1];
        const double err = fabs(xi - xi_ref) / xi_ref;
        printf("check: xi(Newton) = %.15e, xi(closed form + bisection) = %.15e, rel. diff "
               "%.1e (tolerance 1e-10); A and B consumed equally: %.1e\n", xi, xi_ref, err,
               fabs((R.yA0 - y[0]) - xi));
        bad = !(err <= 1e-10) || !(fabs(g[0]) <= 1e-12 * R.F) || !(fabs(g[1]) <= 1e-12 * R.F) ||
              !(fabs((R.yA0 - y[0]) - xi) <= 1e-12 * xi) || it > 30;
    }
    msb_law_destroy(iso);
    msb_law_destroy(rate);
    return bad;
}

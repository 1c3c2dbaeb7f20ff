/* heat_conduction — 1-D steady and transient heat conduction through two materials joined by
 * a Kapitza interface, by finite volumes, using libmsbridge's Kapitza law as the interface
 * closure (Delta T = q R_K, R_K = 1/G).
 *
 *   material A: x in [0, L_A], conductivity k_A, volumetric heat capacity c_A
 *   material B: x in [L_A, L_A + L_B], k_B, c_B
 *   T(0) = T_hot, T(L) = T_cold (Dirichlet), interface: q = -k dT/dx is continuous and
 *   T(L_A^-) - T(L_A^+) = Delta T(q) from the law.
 *
 * Analytic steady solution (series resistances):
 *   q = (T_hot - T_cold) / (L_A/k_A + R_K + L_B/k_B),
 *   T(x) = T_hot - q x / k_A (x < L_A);  T(x) = T_cold + q (L - x) / k_B (x > L_A);
 *   jump at the interface q R_K.
 * The cell-centred scheme with half-cell conductances at the boundaries and at the interface
 * reproduces piecewise-linear profiles exactly, so the steady check is to rounding (1e-9
 * relative). The interface closure is applied through the law's value and derivative
 * (Newton on the interface flux); for the linear Kapitza law one Newton step is exact, and a
 * nonlinear closure would converge the same way.
 * The transient run (implicit Euler from a uniform T_cold) must approach the steady profile.
 *
 * Parameters (illustrative): A = amorphous silica, k = 2.2 W/(m K) (the Green-Kubo value of
 * tests/data/sportran/Silica.dat), c = 1.6e6 J/(m^3 K); B = silicon, k = 150 W/(m K),
 * c = 1.66e6 J/(m^3 K); G = 5e8 W/(m^2 K) (order of SiO2/Si interfaces), sd 10 %; layers of
 * 20 nm and 100 nm. Usage: heat_conduction [--check]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"

#define NA 40
#define NB 100
#define NC (NA + NB)

typedef struct problem {
    double LA, LB, kA, kB, cA, cB, Thot, Tcold;
    const msb_law *kapitza; /* dT(q) */
} problem;

static int check(msb_status s, const char *what)
{
    if (s == MSB_SUCCESS) return 0;
    fprintf(stderr, "heat_conduction: %s failed: %s: %s\n", what, msb_status_string(s),
            msb_last_error_message());
    return 1;
}

/* Thomas algorithm: a[i] T[i-1] + b[i] T[i] + c[i] T[i+1] = d[i]. */
static void tridiag(int n, const double *a, const double *b, const double *c, double *d,
                    double *T)
{
    double cp[NC], dp[NC];
    cp[0] = c[0] / b[0];
    dp[0] = d[0] / b[0];
    for (int i = 1; i < n; i++) {
        double m = b[i] - a[i] * cp[i - 1];
        cp[i] = c[i] / m;
        dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
    }
    T[n - 1] = dp[n - 1];
    for (int i = n - 2; i >= 0; i--) T[i] = dp[i] - cp[i] * T[i + 1];
    (void)d;
}

/* One linear solve of (C/dt) (T - Told) = div(k grad T) (dt = INFINITY: steady) with the
 * interface closure linearised at flux q0: Delta T(q) ~ dT0 + R (q - q0), so the interface
 * flux is q = (T_a - T_b - dT0 + R q0) / (hA + R + hB), hA, hB the half-cell resistances. */
static int solve(const problem *p, double dt, const double *Told, double q0, double *T,
                 double *q_out)
{
    const double dxA = p->LA / NA, dxB = p->LB / NB;
    double dT0, R;
    if (check(msb_law_eval(p->kapitza, 1, &q0, &dT0, &R), "Kapitza law")) return 1;
    const double Rtot = dxA / (2 * p->kA) + R + dxB / (2 * p->kB);
    const double off = -dT0 + R * q0; /* q = (Ta - Tb + off) / Rtot */
    double a[NC], b[NC], c[NC], d[NC];
    for (int i = 0; i < NC; i++) {
        const int inA = i < NA;
        const double dx = inA ? dxA : dxB, k = inA ? p->kA : p->kB, cap = inA ? p->cA : p->cB;
        const double acc = isinf(dt) ? 0.0 : cap * dx / dt;
        double gw, ge, src = acc * (isinf(dt) ? 0.0 : Told[i]);
        /* west face */
        if (i == 0) {
            gw = 2 * k / dx;
            src += gw * p->Thot;
        } else if (i == NA) {
            gw = 1 / Rtot;
            src -= off / Rtot; /* flux in from the west = (T_{i-1} - T_i + off)/Rtot */
        } else {
            gw = k / dx;
        }
        /* east face */
        if (i == NC - 1) {
            ge = 2 * k / dx;
            src += ge * p->Tcold;
        } else if (i == NA - 1) {
            ge = 1 / Rtot;
            src += off / Rtot; /* flux out to the east = (T_i - T_{i+1} + off)/Rtot */
        } else {
            ge = k / dx;
        }
        a[i] = (i == 0) ? 0 : -gw;
        c[i] = (i == NC - 1) ? 0 : -ge;
        b[i] = acc + gw + ge;
        d[i] = src;
    }
    tridiag(NC, a, b, c, d, T);
    *q_out = (T[NA - 1] - T[NA] + off) / Rtot;
    return 0;
}

/* Newton on the interface flux: re-linearise the closure at the new flux until it stops
 * changing (one extra step for a linear law). */
static int step(const problem *p, double dt, const double *Told, double *q, double *T)
{
    for (int it = 0; it < 20; it++) {
        double qn;
        if (solve(p, dt, Told, *q, T, &qn)) return 1;
        const double change = fabs(qn - *q);
        *q = qn;
        if (change <= 1e-13 * fabs(qn)) return 0;
    }
    fprintf(stderr, "heat_conduction: interface Newton did not converge\n");
    return 1;
}

int main(int argc, char **argv)
{
    const int check_only = argc > 1 && strcmp(argv[1], "--check") == 0;
    msb_law *law;
    const double G = 5e8, G_sd = 5e7;
    if (check(msb_kapitza_from_conductance(G, G_sd, &law), "msb_kapitza_from_conductance"))
        return 1;
    problem p = {20e-9, 100e-9, 2.2, 150.0, 1.6e6, 1.66e6, 310.0, 300.0, law};
    double T[NC], q = 0.0;
    int bad = step(&p, INFINITY, NULL, &q, T);
    /* analytic */
    const double R = 1 / G, Rsum = p.LA / p.kA + R + p.LB / p.kB;
    const double q_ref = (p.Thot - p.Tcold) / Rsum;
    double err = fabs(q - q_ref) / q_ref;
    const double dxA = p.LA / NA, dxB = p.LB / NB;
    for (int i = 0; i < NC && !bad; i++) {
        const double x = i < NA ? (i + 0.5) * dxA : p.LA + (i - NA + 0.5) * dxB;
        const double Tr = x < p.LA ? p.Thot - q_ref * x / p.kA
                                   : p.Tcold + q_ref * (p.LA + p.LB - x) / p.kB;
        err = fmax(err, fabs(T[i] - Tr) / (p.Thot - p.Tcold));
    }
    /* interface jump from the extrapolated face temperatures */
    const double Ta = T[NA - 1] - q * dxA / (2 * p.kA), Tb = T[NA] + q * dxB / (2 * p.kB);
    const double jump = Ta - Tb, jump_ref = q_ref * R;
    double jump_sd;
    bad |= check(msb_law_eval_uq(law, 1, &q, &(double){0}, &jump_sd), "msb_law_eval_uq");
    err = fmax(err, fabs(jump - jump_ref) / jump_ref);
    printf("steady: q = %.6e W/m^2 (analytic %.6e), interface jump %.6f K (q R_K = %.6f K, "
           "+- %.6f K from sd(G)), max relative error %.2e\n", q, q_ref, jump, jump_ref,
           jump_sd, err);
    if (err > 1e-9) bad = 1;
    /* transient: implicit Euler from uniform T_cold; the slowest mode decays on
     * ~ c L^2 / k of layer A (~ 0.3 ns); run 200 ns */
    double Tt[NC], Tn[NC], qt = 0.0;
    for (int i = 0; i < NC; i++) Tt[i] = p.Tcold;
    const double dt = 1e-10;
    for (int s = 0; s < 2000 && !bad; s++) {
        bad |= step(&p, dt, Tt, &qt, Tn);
        memcpy(Tt, Tn, sizeof Tt);
        if (!check_only && (s == 0 || s == 9 || s == 99 || s == 1999))
            printf("transient t = %.1e s: T at interface (A side) = %.4f K, q = %.4e W/m^2\n",
                   (s + 1) * dt, Tt[NA - 1], qt);
    }
    double terr = 0;
    for (int i = 0; i < NC; i++) terr = fmax(terr, fabs(Tt[i] - T[i]) / (p.Thot - p.Tcold));
    printf("transient after 200 ns: max |T - T_steady| / (T_hot - T_cold) = %.2e\n", terr);
    if (terr > 1e-8) bad = 1;
    if (!check_only) {
        printf("# x (m)  T (K)\n");
        for (int i = 0; i < NC; i++)
            printf("%.6e %.8f\n", i < NA ? (i + 0.5) * dxA : p.LA + (i - NA + 0.5) * dxB, T[i]);
    }
    msb_law_destroy(law);
    if (bad) fprintf(stderr, "heat_conduction: check FAILED\n");
    return bad;
}

#include "spm_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Shell geometry: cell k spans [k, k+1] dr; volume (4pi/3)(r_{k+1}^3 - r_k^3); face k+1/2 at
 * r_{k+1} with area 4 pi r_{k+1}^2. */
static void geometry(const spm_params *p, double *vol, double *area, double *dr)
{
    size_t n = p->n_shells;
    *dr = p->radius_m / (double)n;
    for (size_t k = 0; k < n; k++) {
        double r0 = *dr * (double)k, r1 = *dr * (double)(k + 1);
        vol[k] = 4.0 / 3.0 * M_PI * (r1 * r1 * r1 - r0 * r0 * r0);
        area[k] = 4.0 * M_PI * r1 * r1; /* outer face of cell k */
    }
}

int spm_init(const spm_params *p, double x0, spm_state *s)
{
    if (!(p->n_shells >= 2) || !(x0 > 0 && x0 < 1)) return -1;
    s->c = malloc(p->n_shells * sizeof(double));
    if (!s->c) return -2;
    for (size_t k = 0; k < p->n_shells; k++) s->c[k] = x0 * p->c_max;
    s->time_s = 0;
    s->charge_C_per_m2 = 0;
    return 0;
}

void spm_free(spm_state *s)
{
    free(s->c);
    s->c = NULL;
}

double spm_total_lithium(const spm_params *p, const spm_state *s)
{
    size_t n = p->n_shells;
    double *vol = malloc(2 * n * sizeof(double)), dr, total = 0;
    if (!vol) return NAN;
    geometry(p, vol, vol + n, &dr);
    for (size_t k = 0; k < n; k++) total += vol[k] * s->c[k];
    free(vol);
    return total;
}

/* Thomas algorithm: a sub-, b main, c super-diagonal, d rhs -> d solution. */
static void tridiag(size_t n, double *a, double *b, double *c, double *d)
{
    for (size_t k = 1; k < n; k++) {
        double m = a[k] / b[k - 1];
        b[k] -= m * c[k - 1];
        d[k] -= m * d[k - 1];
    }
    d[n - 1] /= b[n - 1];
    for (size_t k = n - 1; k-- > 0;) d[k] = (d[k] - c[k] * d[k + 1]) / b[k];
}

/* Evaluate the diffusivity law at the n-1 faces: D (output 0) and dD/dx (0 if the law has the
 * single input T). The law's inputs are (T) or (x, T). Returns 0, 2 (law failed) or 3 (a face
 * composition outside (0, 1): the particle is full or empty). */
static int face_diffusivity(const spm_params *p, size_t nf, const double *c, double *xin,
                            double *yout, double *dout, double *Df, double *dDf)
{
    const size_t nin = msb_law_n_inputs(p->diff), nout = msb_law_n_outputs(p->diff);
    for (size_t k = 0; k < nf; k++) {
        double x = 0.5 * (c[k] + c[k + 1]) / p->c_max;
        if (nin == 2 && !(x > 0 && x < 1)) return 3; /* the particle is full or empty */
        if (nin == 2) {
            xin[2 * k] = x;
            xin[2 * k + 1] = p->T_K;
        } else {
            xin[k] = p->T_K;
        }
    }
    if (msb_law_eval(p->diff, nf, xin, yout, dout) != MSB_SUCCESS) return 2;
    for (size_t k = 0; k < nf; k++) {
        Df[k] = yout[k * nout];
        /* dydx[(i*nout + 0)*nin + 0] = dD/dx at face k */
        dDf[k] = nin == 2 ? dout[k * nout * nin] : 0.0;
    }
    return 0;
}

int spm_step(const spm_params *p, spm_state *s, double i_A_per_m2, double dt, spm_result *out)
{
    const size_t n = p->n_shells;
    const double F = MSB_F, T = p->T_K, cmax = p->c_max;
    const double R = p->radius_m, surface = 4.0 * M_PI * R * R;
    const double j = i_A_per_m2 / F; /* mol/(m^2 s) into the particle */
    const size_t nin = msb_law_n_inputs(p->diff), nout = msb_law_n_outputs(p->diff);
    if (!(nin == 1 || nin == 2) || nout < 1 || nout > MSB_LAW_MAX_OUTPUTS || n < 2 ||
        !(dt > 0))
        return 2;
    /* per-cell arrays (9n) + per-face law buffers: inputs nin, outputs nout, derivatives
     * nout*nin per face */
    const size_t per_face = nin + nout + nout * nin;
    double *work = malloc((9 * n + per_face * n) * sizeof(double));
    if (!work) return 2;
    double *vol = work, *area = work + n, *cold = work + 2 * n, *a = work + 3 * n;
    double *b = work + 4 * n, *cc = work + 5 * n, *rhs = work + 6 * n, *Df = work + 7 * n;
    double *dDx = work + 8 * n;
    double *xin = work + 9 * n, *yout = xin + nin * n, *dout = yout + nout * n;
    double dr;
    geometry(p, vol, area, &dr);
    memcpy(cold, s->c, n * sizeof(double));
    int rc = 1, it;
    double last_update = INFINITY;
    for (it = 0; it < 50; it++) {
        /* face diffusivities at the mean composition of the two cells, with dD/dx */
        const int frc = face_diffusivity(p, n - 1, s->c, xin, yout, dout, Df, dDx);
        if (frc) {
            rc = frc;
            goto done;
        }
        /* residual r_k = V_k (c_k - c_k^old)/dt - (flux in through faces); face flux from k
         * to k+1: q_k = -A_k D_k (c_{k+1} - c_k)/dr. Surface: +j * surface into the last. */
        double rnorm = 0, cnorm = 0;
        for (size_t k = 0; k < n; k++) {
            double res = vol[k] * (s->c[k] - cold[k]) / dt;
            a[k] = cc[k] = 0;
            b[k] = vol[k] / dt;
            if (k + 1 < n) {
                double g = area[k] * Df[k] / dr, dc = s->c[k + 1] - s->c[k];
                double dg = area[k] * dDx[k] / dr * 0.5 / cmax; /* dg/dc_k = dg/dc_k+1 */
                res -= g * dc;
                b[k] += g - dg * dc;
                cc[k] = -g - dg * dc;
            }
            if (k > 0) {
                double g = area[k - 1] * Df[k - 1] / dr, dc = s->c[k] - s->c[k - 1];
                double dg = area[k - 1] * dDx[k - 1] / dr * 0.5 / cmax;
                res += g * dc;
                b[k] += g + dg * dc;
                a[k] = -g + dg * dc;
            }
            if (k == n - 1) res -= j * surface;
            rhs[k] = -res;
            rnorm = fmax(rnorm, fabs(res) * dt / vol[k]);
            cnorm = fmax(cnorm, fabs(s->c[k]));
        }
        if (!(rnorm == rnorm)) break; /* NaN: give up */
        /* converged: residual at rounding level, or the last Newton update was (with a large
         * dt the residual's rounding floor grows like D dt / dr^2, the update's does not) */
        if (it > 0 && (rnorm <= 1e-13 * cnorm || last_update <= 1e-13 * cnorm)) {
            rc = 0;
            break;
        }
        tridiag(n, a, b, cc, rhs);
        last_update = 0;
        for (size_t k = 0; k < n; k++) {
            s->c[k] += rhs[k];
            last_update = fmax(last_update, fabs(rhs[k]));
        }
    }
    if (rc != 0) goto done;
    const double xs = s->c[n - 1] / cmax;
    if (!(xs > 0 && xs < 1)) {
        rc = 3;
        goto done;
    }
    /* surface: OCV, exchange current, overpotential, film drop */
    double xsT[2] = {xs, T}, U, k, Rsei = 0;
    if (msb_law_eval(p->ocv, 1, xsT, &U, NULL) || msb_law_eval(p->rate, 1, &T, &k, NULL) ||
        (p->r_sei && msb_law_eval(p->r_sei, 1, &T, &Rsei, NULL))) {
        rc = 2;
        goto done;
    }
    const double i0 = F * k * p->site_density * sqrt(xs * (1 - xs));
    const double eta = 2.0 * MSB_R * T / F * asinh(i_A_per_m2 / (2.0 * i0));
    double xm = 0, vt = 0;
    for (size_t q = 0; q < n; q++) {
        xm += vol[q] * s->c[q];
        vt += vol[q];
    }
    s->time_s += dt;
    s->charge_C_per_m2 += i_A_per_m2 * dt;
    out->U = U;
    out->eta = eta;
    out->V = U - eta - i_A_per_m2 * Rsei;
    out->x_surf = xs;
    out->x_mean = xm / vt / cmax;
    out->newton_iters = it;
done:
    if (rc != 0) memcpy(s->c, cold, n * sizeof(double)); /* a failed step changes nothing */
    free(work);
    return rc;
}

/* Binary cluster expansion: correlations, ridge fit with LOO-CV, prediction (msbridge/ce.h). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "lattice/lattice_internal.h"
#include "msbridge/ce.h"
#include "numerics/lsq.h"

#define MS 16

msb_status msb_ce_basis_size(const msb_lattice *lat, size_t npair, size_t ntrip_shells,
                             size_t *ncorr)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(ncorr);
    if (npair > lat->nshells || ntrip_shells > lat->nshells)
        return MSBI_FAIL(MSB_ESIZE, "npair = %zu / ntrip_shells = %zu exceed the %zu tabulated "
                         "shells", npair, ntrip_shells, lat->nshells);
    size_t nt = 0;
    if (ntrip_shells > 0) MSBI_TRY(msb_lattice_triplet_orbits(lat, ntrip_shells - 1, 0, NULL, &nt));
    *ncorr = 2 + npair + nt;
    return MSB_SUCCESS;
}

/* Triangles through each basis site: pairs (j, k) of template neighbours (offsets within the
 * site's neighbour list, shells 0 .. ntrip_shells - 1) that form a triangle with all sides in
 * those shells, and the orbit index of each (msb_lattice_triplet_orbits order). *tl and
 * *tstart (nb + 1 entries) are allocated here; the caller frees them. Errors (MSB_ESIZE for more
 * than 64 orbits, MSB_ENOMEM) name `where`, the public caller. */
msb_status msbi_ce_triangles(const char *where, const msb_lattice *lat, size_t ntrip_shells,
                             msbi_tri **tl_out, size_t **tstart_out, size_t *norb)
{
    const size_t S = lat->nshells, nb = lat->nb;
    size_t orb_sh[3 * 64], c;
    int lookup[MS * MS * MS];
    for (size_t q = 0; q < MS * MS * MS; q++) lookup[q] = -1;
    MSBI_TRY(msb_lattice_triplet_orbits(lat, ntrip_shells - 1, 0, NULL, &c));
    if (c > 64)
        return msbi_error(MSB_ESIZE, where, "ntrip_shells = %zu gives %zu triplet orbits (limit "
                          "64)", ntrip_shells, c);
    MSBI_TRY(msb_lattice_triplet_orbits(lat, ntrip_shells - 1, 64, orb_sh, &c));
    for (size_t t = 0; t < c; t++)
        lookup[(orb_sh[3 * t] * MS + orb_sh[3 * t + 1]) * MS + orb_sh[3 * t + 2]] = (int)t;
    size_t cap = 0;
    for (size_t b = 0; b < nb; b++) {
        size_t z = lat->toff[b * S + ntrip_shells] - lat->toff[b * S];
        cap += z * z / 2 + 1;
    }
    msbi_tri *tl = msbi_alloc_array(cap, sizeof *tl);
    size_t *tstart = msbi_alloc_array(nb + 1, sizeof *tstart);
    if (!tl || !tstart) {
        msbi_free(tl);
        msbi_free(tstart);
        return msbi_error(MSB_ENOMEM, where, "out of memory");
    }
    size_t m = 0;
    for (size_t b = 0; b < nb; b++) {
        tstart[b] = m;
        size_t g0 = lat->toff[b * S], g1 = lat->toff[b * S + ntrip_shells];
        for (size_t j = g0; j < g1; j++)
            for (size_t k = j + 1; k < g1; k++) {
                const double *u = lat->tdisp + 3 * j, *v = lat->tdisp + 3 * k;
                double d = sqrt((u[0] - v[0]) * (u[0] - v[0]) + (u[1] - v[1]) * (u[1] - v[1]) +
                                (u[2] - v[2]) * (u[2] - v[2]));
                int sjk = msbi_lattice_shell_of(lat, d);
                if (sjk < 0 || (size_t)sjk >= ntrip_shells) continue;
                size_t sj = 0, sk = 0;
                for (size_t s = 0; s < ntrip_shells; s++) {
                    if (j >= lat->toff[b * S + s] && j < lat->toff[b * S + s + 1]) sj = s;
                    if (k >= lat->toff[b * S + s] && k < lat->toff[b * S + s + 1]) sk = s;
                }
                size_t a[3] = {sj, sk, (size_t)sjk}, x;
                if (a[0] > a[1]) { x = a[0]; a[0] = a[1]; a[1] = x; }
                if (a[1] > a[2]) { x = a[1]; a[1] = a[2]; a[2] = x; }
                if (a[0] > a[1]) { x = a[0]; a[0] = a[1]; a[1] = x; }
                tl[m].j = (uint32_t)(j - g0);
                tl[m].k = (uint32_t)(k - g0);
                tl[m].orbit = (uint32_t)lookup[(a[0] * MS + a[1]) * MS + a[2]];
                m++;
            }
    }
    tstart[nb] = m;
    *tl_out = tl;
    *tstart_out = tstart;
    *norb = c;
    return MSB_SUCCESS;
}

msb_status msb_ce_correlations(const msb_lattice *lat, size_t npair, size_t ntrip_shells,
                               size_t nconfig, const unsigned char *occ, double *corr)
{
    size_t ncorr;
    MSBI_TRY(msb_ce_basis_size(lat, npair, ntrip_shells, &ncorr));
    MSBI_CHECK_NULL(occ);
    MSBI_CHECK_NULL(corr);
    if (nconfig == 0) return MSBI_FAIL(MSB_ESIZE, "nconfig = 0");
    const size_t M = lat->nsites, S = lat->nshells, nb = lat->nb;
    size_t tot;
    if (msbi_mul_size(nconfig, M, &tot)) return MSBI_FAIL(MSB_ESIZE, "nconfig x nsites overflows");
    for (size_t q = 0; q < tot; q++)
        if (occ[q] > 1)
            return MSBI_FAIL(MSB_EDOM, "occupation %u at configuration %zu, site %zu is not 0 or 1",
                             occ[q], q / M, q % M);
    const size_t ntri_orb = ncorr - 2 - npair;
    msbi_tri *tl = NULL;
    size_t *tstart = NULL;
    double *sum = NULL, *cnt = NULL;
    msb_status st = MSB_ENOMEM;
    if (ntri_orb > 0) {
        size_t c;
        MSBI_TRY(msbi_ce_triangles(__func__, lat, ntrip_shells, &tl, &tstart, &c));
    }
    sum = msbi_calloc(ncorr, sizeof(double));
    cnt = msbi_calloc(ncorr, sizeof(double));
    if (!sum || !cnt) goto nomem;
    for (size_t c = 0; c < nconfig; c++) {
        const unsigned char *n = occ + c * M;
        memset(sum, 0, ncorr * sizeof(double));
        memset(cnt, 0, ncorr * sizeof(double));
        for (size_t i = 0; i < M; i++) {
            const double si = 2.0 * n[i] - 1.0;
            sum[1] += si;
            for (size_t s = 0; s < npair; s++)
                for (size_t q = lat->off[i * S + s]; q < lat->off[i * S + s + 1]; q++) {
                    sum[2 + s] += si * (2.0 * n[lat->nbr[q]] - 1.0);
                    cnt[2 + s] += 1;
                }
            if (ntri_orb) {
                const size_t b = i % nb, base = lat->off[i * S];
                for (size_t t = tstart[b]; t < tstart[b + 1]; t++) {
                    const double sj = 2.0 * n[lat->nbr[base + tl[t].j]] - 1.0,
                                 sk = 2.0 * n[lat->nbr[base + tl[t].k]] - 1.0;
                    sum[2 + npair + tl[t].orbit] += si * sj * sk;
                    cnt[2 + npair + tl[t].orbit] += 1;
                }
            }
        }
        double *out = corr + c * ncorr;
        out[0] = 1.0;
        out[1] = sum[1] / (double)M;
        for (size_t a = 2; a < ncorr; a++) out[a] = cnt[a] > 0 ? sum[a] / cnt[a] : 0.0;
    }
    st = MSB_SUCCESS;
    goto done;
nomem:
    st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
done:
    msbi_free(tl);
    msbi_free(tstart);
    msbi_free(sum);
    msbi_free(cnt);
    return st;
}

msb_status msb_ce_fit(size_t nconfig, size_t ncorr, const double *corr, const double *energy_J,
                      double lambda, msb_estimate **out)
{
    MSBI_CHECK_NULL(corr);
    MSBI_CHECK_NULL(energy_J);
    MSBI_CHECK_NULL(out);
    if (ncorr == 0 || ncorr > 4096) return MSBI_FAIL(MSB_ESIZE, "ncorr = %zu (need 1..4096)", ncorr);
    MSBI_TRY(msbi_check_finite(__func__, "lambda", lambda));
    if (!(lambda >= 0)) return MSBI_FAIL(MSB_EDOM, "lambda must be >= 0 (got %g)", lambda);
    if (nconfig < 2 || (lambda == 0 && nconfig <= ncorr))
        return MSBI_FAIL(MSB_EINSUFFICIENT, "%zu configurations for %zu ECIs%s", nconfig, ncorr,
                         lambda == 0 ? " (least squares with cross-validation needs more "
                         "configurations than ECIs)" : "");
    size_t ncx;
    if (msbi_mul_size(nconfig, ncorr, &ncx)) return MSBI_FAIL(MSB_ESIZE, "size overflow");
    MSBI_TRY(msbi_check_array_finite(__func__, "corr", ncx, corr));
    MSBI_TRY(msbi_check_array_finite(__func__, "energy_J", nconfig, energy_J));
    const size_t n = nconfig, p = ncorr, rows = lambda > 0 ? n + p : n;
    size_t arows;
    if (msbi_mul_size(rows, p, &arows)) return MSBI_FAIL(MSB_ESIZE, "size overflow");
    msb_status st = MSB_ENOMEM;
    msb_estimate *est = NULL;
    double *A = msbi_calloc(arows, sizeof(double));
    double *y = msbi_calloc(rows, sizeof(double));
    double *beta = msbi_alloc_array(p, sizeof(double));
    double *C = msbi_alloc_array(p * p, sizeof(double));
    double *cov = msbi_alloc_array(p * p, sizeof(double));
    double *sd = msbi_alloc_array(p, sizeof(double));
    if (!A || !y || !beta || !C || !cov || !sd) goto nomem;
    /* energies are ~1e-20 J: scale to O(1) for the solver and back */
    double ys = 0;
    for (size_t i = 0; i < n; i++) ys = fmax(ys, fabs(energy_J[i]));
    if (!(ys > 0)) ys = 1;
    memcpy(A, corr, n * p * sizeof(double));
    for (size_t i = 0; i < n; i++) y[i] = energy_J[i] / ys;
    const double sl = sqrt(lambda);
    if (lambda > 0)
        for (size_t a = 0; a < p; a++) A[(n + a) * p + a] = sl;
    st = msbi_wls(__func__, rows, p, A, y, NULL, beta, C, NULL);
    if (st) goto fail;
    /* residuals, leverages */
    double rss = 0, cv = 0, trh = 0;
    int perfect = 0;
    for (size_t i = 0; i < n; i++) {
        const double *x = corr + i * p;
        double f = 0, h = 0;
        for (size_t a = 0; a < p; a++) {
            f += x[a] * beta[a];
            double cx = 0;
            for (size_t b = 0; b < p; b++) cx += C[a * p + b] * x[b];
            h += x[a] * cx;
        }
        const double e = y[i] - f;
        rss += e * e;
        trh += h;
        if (1 - h < 1e-10) perfect = 1;
        else cv += (e / (1 - h)) * (e / (1 - h));
    }
    if (perfect || !(n - trh >= 0.5)) {
        st = MSBI_FAIL(MSB_EINSUFFICIENT, "a configuration has leverage 1 (tr H = %.3g of %zu "
                       "configurations): cross-validation is undefined; add configurations or "
                       "increase lambda", trh, n);
        goto fail;
    }
    const double s2 = rss / ((double)n - trh);
    /* Cov(beta) = s2 (C - lambda C^2), in J^2 */
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            double c2 = 0;
            if (lambda > 0)
                for (size_t k = 0; k < p; k++) c2 += C[a * p + k] * C[k * p + b];
            cov[a * p + b] = s2 * (C[a * p + b] - lambda * c2) * ys * ys;
        }
    for (size_t a = 0; a < p; a++) {
        beta[a] *= ys;
        sd[a] = sqrt(fmax(cov[a * p + a], 0.0));
    }
    est = msbi_estimate_new("ce_fit");
    if (!est) goto nomem;
    st = msbi_estimate_add(__func__, est, "eci", "J", "effective cluster interactions per site",
                           p, beta, sd);
    if (!st) st = msbi_estimate_add(__func__, est, "eci_cov", "J^2", "covariance of the ECIs",
                                    p * p, cov, NULL);
    if (!st) st = msbi_estimate_add1(__func__, est, "cv_rmse", "J",
                                     "leave-one-out cross-validation RMS error",
                                     ys * sqrt(cv / (double)n), NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "rmse", "J", "RMS fit residual",
                                     ys * sqrt(rss / (double)n), NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "sigma", "J", "residual scatter estimate",
                                     ys * sqrt(s2), NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "lambda", "1", "ridge parameter", lambda, NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "n_configs", "1", "configurations", (double)n,
                                     NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "effective_params", "1", "trace of the hat "
                                     "matrix", trh, NAN);
    if (st) goto fail;
    *out = est;
    est = NULL;
    st = MSB_SUCCESS;
    goto done;
nomem:
    st = MSBI_FAIL(MSB_ENOMEM, "out of memory (%zu configurations x %zu ECIs)", n, p);
fail:
    msb_estimate_destroy(est);
done:
    msbi_free(A);
    msbi_free(y);
    msbi_free(beta);
    msbi_free(C);
    msbi_free(cov);
    msbi_free(sd);
    return st;
}

msb_status msb_ce_predict(const msb_estimate *fit, size_t n, size_t ncorr, const double *corr,
                          double *E_J, double *E_std_J)
{
    MSBI_CHECK_NULL(fit);
    MSBI_CHECK_NULL(corr);
    MSBI_CHECK_NULL(E_J);
    const char *kind = msb_estimate_kind(fit);
    if (strcmp(kind, "ce_fit") != 0)
        return MSBI_FAIL(MSB_EBADLAW, "estimate of kind '%s' is not a cluster-expansion fit", kind);
    size_t ie, ic, p, pp;
    MSBI_TRY(msb_estimate_find(fit, "eci", &ie));
    MSBI_TRY(msb_estimate_find(fit, "eci_cov", &ic));
    p = msb_estimate_length(fit, ie);
    if (ncorr != p) return MSBI_FAIL(MSB_ESIZE, "ncorr = %zu but the fit has %zu ECIs", ncorr, p);
    size_t np;
    if (msbi_mul_size(n, p, &np)) return MSBI_FAIL(MSB_ESIZE, "size overflow");
    MSBI_TRY(msbi_check_array_finite(__func__, "corr", np, corr));
    double *buf = msbi_alloc_array(p + p * p, sizeof(double));
    if (!buf) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *eci = buf, *cov = buf + p, sigma;
    msb_estimate_values(fit, ie, p, eci, NULL, &pp);
    msb_estimate_values(fit, ic, p * p, cov, NULL, &pp);
    msb_estimate_get(fit, "sigma", &sigma, NULL);
    for (size_t i = 0; i < n; i++) {
        const double *x = corr + i * p;
        double e = 0, v = sigma * sigma;
        for (size_t a = 0; a < p; a++) {
            e += x[a] * eci[a];
            for (size_t b = 0; b < p; b++) v += x[a] * cov[a * p + b] * x[b];
        }
        E_J[i] = e;
        if (E_std_J) E_std_J[i] = sqrt(fmax(v, 0.0));
    }
    msbi_free(buf);
    return MSB_SUCCESS;
}

msb_status msb_ce_to_pair(const msb_lattice *lat, size_t npair, const double *eci_J,
                          double *e0_J, double *e_point_J, double *V_J)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(eci_J);
    MSBI_CHECK_NULL(e0_J);
    MSBI_CHECK_NULL(e_point_J);
    if (npair > 0) MSBI_CHECK_NULL(V_J);
    if (lat->nb != 1)
        return MSBI_FAIL(MSB_EINVAL, "the pair mapping needs a one-site (Bravais) lattice (this "
                         "one has %zu sites per cell)", lat->nb);
    if (npair > lat->nshells)
        return MSBI_FAIL(MSB_ESIZE, "npair = %zu > %zu shells", npair, lat->nshells);
    MSBI_TRY(msbi_check_array_finite(__func__, "eci_J", 2 + npair, eci_J));
    double e0 = eci_J[0] - eci_J[1], ep = 2 * eci_J[1];
    for (size_t s = 0; s < npair; s++) {
        const double J = eci_J[2 + s];
        e0 += J;
        ep -= 4 * J;
        V_J[s] = 8 * J / (double)lat->shell_z[s];
    }
    *e0_J = e0;
    *e_point_J = ep;
    return MSB_SUCCESS;
}

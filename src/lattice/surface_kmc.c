/* Surface kinetic Monte Carlo: adsorption, desorption, hopping, A + A reaction
 * (msbridge/surface_kmc.h). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "lattice/kmc_tree.h"
#include "lattice/lattice_internal.h"
#include "lattice/rng_lattice.h"
#include "msbridge/arrhenius.h"
#include "msbridge/surface_kmc.h"

#define NSEG 64
#define NQ 7 /* per-pressure quantities */

typedef struct surf {
    const msb_lattice *lat;
    size_t S;
    unsigned char *n;
    double ka, kd, kh, kr;
    msbi_sumtree tree;
} surf;

/* total rate of the events owned by site i: ads/des at i, hops out of i, reactions of i with
 * each neighbour (each pair owned by both ends at half rate) */
static double site_rate(const surf *s, size_t i)
{
    const size_t q0 = s->lat->off[i * s->S], q1 = s->lat->off[i * s->S + 1];
    if (!s->n[i]) return s->ka;
    double r = s->kd;
    for (size_t q = q0; q < q1; q++) r += s->n[s->lat->nbr[q]] ? 0.5 * s->kr : s->kh;
    return r;
}

msb_status msb_kmc_surface(const msb_lattice *lat, size_t nP, const double *P_Pa,
                           double k_ads_per_Pa, double k_des, double k_hop, double k_rxn,
                           size_t n_equil, size_t n_events, size_t n_replicas, uint64_t seed,
                           msb_progress_fn progress, void *user, msb_estimate **out)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(P_Pa);
    MSBI_CHECK_NULL(out);
    if (lat->dim != 2)
        return MSBI_FAIL(MSB_EINVAL, "surface KMC needs a 2-D lattice (this one is %d-D)",
                         lat->dim);
    if (nP == 0) return MSBI_FAIL(MSB_ESIZE, "no pressures (nP = 0)");
    if (n_replicas == 0) return MSBI_FAIL(MSB_ESIZE, "n_replicas = 0");
    if (n_events < NSEG)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "n_events = %zu: at least %d needed", n_events, NSEG);
    MSBI_TRY(msbi_check_array_finite(__func__, "P_Pa", nP, P_Pa));
    MSBI_TRY(msbi_check_array_positive(__func__, "P_Pa", nP, P_Pa));
    MSBI_TRY(msbi_check_finite(__func__, "k_ads_per_Pa", k_ads_per_Pa));
    MSBI_TRY(msbi_check_positive(__func__, "k_ads_per_Pa", k_ads_per_Pa));
    MSBI_TRY(msbi_check_finite(__func__, "k_des", k_des));
    MSBI_TRY(msbi_check_nonneg(__func__, "k_des", k_des));
    MSBI_TRY(msbi_check_finite(__func__, "k_hop", k_hop));
    MSBI_TRY(msbi_check_nonneg(__func__, "k_hop", k_hop));
    MSBI_TRY(msbi_check_finite(__func__, "k_rxn", k_rxn));
    MSBI_TRY(msbi_check_nonneg(__func__, "k_rxn", k_rxn));
    if (!(k_des + k_rxn > 0))
        return MSBI_FAIL(MSB_EDOM, "k_des and k_rxn are both zero: nothing leaves the surface "
                         "(zero rates)");
    const size_t M = lat->nsites;
    const double z = (double)lat->shell_z[0], l2 = lat->shell_dist[0] * lat->shell_dist[0];
    msb_status st = MSB_ENOMEM;
    msb_estimate *est = NULL;
    surf s;
    memset(&s, 0, sizeof s);
    s.lat = lat;
    s.S = lat->nshells;
    s.kd = k_des;
    s.kh = k_hop;
    s.kr = k_rxn;
    s.n = msbi_calloc(M, 1);
    double *rep = msbi_alloc_array(n_replicas, NQ * sizeof(double));
    double *res = msbi_alloc_array(nP, 2 * NQ * sizeof(double));
    if (!s.n || !rep || !res) goto nomem;
    if (msbi_sumtree_init(&s.tree, M)) goto nomem;
    const double total = (double)nP * (double)n_replicas * (double)(n_equil + n_events);
    double done = 0;
    for (size_t p = 0; p < nP; p++) {
        s.ka = k_ads_per_Pa * P_Pa[p];
        for (size_t r = 0; r < n_replicas; r++) {
            msbi_lrng rng;
            msbi_lrng_seed(&rng, seed, p * n_replicas + r);
            memset(s.n, 0, M);
            msbi_sumtree_clear(&s.tree);
            for (size_t i = 0; i < M; i++) msbi_sumtree_set(&s.tree, i, s.ka);
            double t = 0, cov_int = 0, NA = 0, nrx = 0, nads = 0, Sx = 0, Sy = 0, dj = 0;
            for (size_t ev = 0; ev < n_equil + n_events; ev++) {
                if (ev == n_equil) t = cov_int = nrx = nads = Sx = Sy = dj = 0;
                const double R = msbi_sumtree_total(&s.tree);
                if (!(R > 0)) { /* cannot happen: k_ads P > 0 on any empty site */
                    st = MSBI_FAIL(MSB_EINTERNAL, "total rate vanished");
                    goto fail;
                }
                size_t i;
                double u = msbi_lrng_uniform(&rng) * R;
                if (msbi_sumtree_select_u(&s.tree, &u, &i)) {
                    st = MSBI_FAIL(MSB_EINTERNAL, "event selection failed");
                    goto fail;
                }
                const double dt = -log(msbi_lrng_uniform_pos(&rng)) / R;
                t += dt;
                cov_int += NA * dt;
                size_t j = SIZE_MAX;
                const size_t q0 = lat->off[i * s.S], q1 = lat->off[i * s.S + 1];
                if (!s.n[i]) {
                    s.n[i] = 1;
                    NA += 1;
                    nads += 1;
                } else if (u < s.kd) {
                    s.n[i] = 0;
                    NA -= 1;
                } else {
                    u -= s.kd;
                    size_t q = q0;
                    for (; q < q1; q++) {
                        double rq = s.n[lat->nbr[q]] ? 0.5 * s.kr : s.kh;
                        if (u < rq && rq > 0) break;
                        u -= rq;
                    }
                    if (q == q1) /* round-off: take the last possible event */
                        for (q = q1; q-- > q0;)
                            if ((s.n[lat->nbr[q]] ? 0.5 * s.kr : s.kh) > 0) break;
                    j = lat->nbr[q];
                    if (s.n[j]) { /* reaction */
                        s.n[i] = s.n[j] = 0;
                        NA -= 2;
                        nrx += 1;
                    } else { /* hop */
                        const double *d = lat->tdisp + 3 * (lat->toff[(i % lat->nb) * s.S] + (q - q0));
                        s.n[i] = 0;
                        s.n[j] = 1;
                        Sx += d[0];
                        Sy += d[1];
                    }
                }
                /* recompute i, j and their neighbours */
                size_t c2[2] = {i, j};
                for (int c = 0; c < 2; c++) {
                    size_t a = c2[c];
                    if (a == SIZE_MAX) continue;
                    msbi_sumtree_set(&s.tree, a, site_rate(&s, a));
                    for (size_t q = lat->off[a * s.S]; q < lat->off[a * s.S + 1]; q++)
                        msbi_sumtree_set(&s.tree, lat->nbr[q], site_rate(&s, lat->nbr[q]));
                }
                if (ev >= n_equil) {
                    size_t e = ev - n_equil;
                    if ((e + 1) * NSEG / n_events != e * NSEG / n_events) {
                        dj += Sx * Sx + Sy * Sy;
                        Sx = Sy = 0;
                    }
                }
                if (progress && ((ev + 1) & 0xffff) == 0) {
                    done += 65536;
                    if (progress(user, done, total)) {
                        st = MSBI_FAIL(MSB_ECANCELLED, "cancelled by the progress callback after "
                                       "%.0f of %.0f events", done, total);
                        goto fail;
                    }
                }
            }
            double *o = rep + NQ * r;
            const double theta = cov_int / (t * (double)M);
            o[0] = theta;
            o[1] = nrx / ((double)M * t);
            o[2] = theta > 0 ? o[1] / (0.5 * z * theta * theta) : NAN;
            o[3] = cov_int > 0 ? dj / (2.0 * 2.0 * cov_int) : NAN; /* sum |S|^2/(2 d int N dt) */
            o[4] = nads / ((double)M * t);
            (void)l2;
        }
        for (int qn = 0; qn < 5; qn++) {
            double m = 0, v = 0;
            for (size_t r = 0; r < n_replicas; r++) m += rep[NQ * r + qn];
            m /= (double)n_replicas;
            for (size_t r = 0; r < n_replicas; r++) v += pow(rep[NQ * r + qn] - m, 2);
            res[qn * nP + p] = m;
            res[(NQ + qn) * nP + p] =
                n_replicas > 1 ? sqrt(v / (double)(n_replicas - 1) / (double)n_replicas) : NAN;
        }
    }
    est = msbi_estimate_new("kmc_surface");
    if (!est) goto nomem;
    st = msbi_estimate_add(__func__, est, "P", "Pa", "partial pressure", nP, P_Pa, NULL);
    if (!st) st = msbi_estimate_add(__func__, est, "coverage", "1", "time-averaged coverage", nP,
                                    res, res + NQ * nP);
    if (!st) st = msbi_estimate_add(__func__, est, "tof", "1/s",
                                    "turnover frequency per site", nP, res + nP,
                                    res + (NQ + 1) * nP);
    if (!st) st = msbi_estimate_add(__func__, est, "k_eff", "1/s",
                                    "effective pair rate constant tof/((z/2) theta^2)", nP,
                                    res + 2 * nP, res + (NQ + 2) * nP);
    if (!st) st = msbi_estimate_add(__func__, est, "D_J_surface", "m^2/s",
                                    "collective surface diffusion coefficient of the adatoms",
                                    nP, res + 3 * nP, res + (NQ + 3) * nP);
    if (!st) st = msbi_estimate_add(__func__, est, "adsorption_rate", "1/s",
                                    "adsorption events per site per second", nP, res + 4 * nP,
                                    res + (NQ + 4) * nP);
    if (!st) st = msbi_estimate_add1(__func__, est, "n_events", "1", "events per replica",
                                     (double)n_events, NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "n_replicas", "1", "replicas per pressure",
                                     (double)n_replicas, NAN);
    if (st) goto fail;
    *out = est;
    est = NULL;
    st = MSB_SUCCESS;
    goto done;
nomem:
    st = MSBI_FAIL(MSB_ENOMEM, "out of memory (%zu sites)", M);
fail:
    msb_estimate_destroy(est);
done:
    msbi_sumtree_free(&s.tree);
    msbi_free(s.n);
    msbi_free(rep);
    msbi_free(res);
    return st;
}

msb_status msb_kmc_surface_tof_law(const msb_lattice *lat, double P_Pa, size_t nT,
                                   const double *T_K, const msb_law *k_ads, const msb_law *k_des,
                                   const msb_law *k_hop, const msb_law *k_rxn, size_t n_equil,
                                   size_t n_events, size_t n_replicas, uint64_t seed,
                                   msb_progress_fn progress, void *user, msb_estimate **est_out,
                                   msb_law **law_out)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(T_K);
    MSBI_CHECK_NULL(k_ads);
    MSBI_CHECK_NULL(k_des);
    MSBI_CHECK_NULL(k_hop);
    MSBI_CHECK_NULL(k_rxn);
    if (est_out == NULL && law_out == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est_out and law_out are NULL: nothing to return");
    if (nT < 2) return MSBI_FAIL(MSB_ESIZE, "nT = %zu: at least two temperatures needed", nT);
    if (n_replicas < 2)
        return MSBI_FAIL(MSB_ESIZE, "n_replicas = %zu: at least two needed for the TOF "
                         "uncertainties", n_replicas);
    MSBI_TRY(msbi_check_finite(__func__, "P_Pa", P_Pa));
    MSBI_TRY(msbi_check_positive(__func__, "P_Pa", P_Pa));
    MSBI_TRY(msbi_check_array_finite(__func__, "T_K", nT, T_K));
    MSBI_TRY(msbi_check_array_positive(__func__, "T_K", nT, T_K));
    const msb_law *laws[4] = {k_ads, k_des, k_hop, k_rxn};
    static const char *const names[4] = {"k_ads", "k_des", "k_hop", "k_rxn"};
    for (int q = 0; q < 4; q++)
        if (msb_law_n_inputs(laws[q]) != 1 || msb_law_n_outputs(laws[q]) != 1)
            return MSBI_FAIL(MSB_EBADLAW, "law '%s' must map T to one rate (it has %zu inputs and "
                             "%zu outputs)", names[q], msb_law_n_inputs(laws[q]),
                             msb_law_n_outputs(laws[q]));
    double *buf = msbi_alloc_array(nT, 4 * sizeof(double));
    if (!buf) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    double *tof = buf, *tsd = buf + nT, *cov = buf + 2 * nT, *csd = buf + 3 * nT;
    msb_status st = MSB_SUCCESS;
    msb_estimate *fit = NULL;
    msb_law *law = NULL;
    for (size_t k = 0; k < nT && !st; k++) {
        double kv[4];
        for (int q = 0; q < 4 && !st; q++) st = msb_law_eval(laws[q], 1, &T_K[k], &kv[q], NULL);
        if (st) break;
        msb_estimate *e = NULL;
        st = msb_kmc_surface(lat, 1, &P_Pa, kv[0], kv[1], kv[2], kv[3], n_equil, n_events,
                             n_replicas, seed + 0x9e3779b97f4a7c15ULL * (k + 1), progress, user,
                             &e);
        if (st) break;
        size_t i, len;
        msb_estimate_find(e, "tof", &i);
        msb_estimate_values(e, i, 1, &tof[k], &tsd[k], &len);
        msb_estimate_find(e, "coverage", &i);
        msb_estimate_values(e, i, 1, &cov[k], &csd[k], &len);
        msb_estimate_destroy(e);
        if (!(tof[k] > 0) || !(tsd[k] > 0))
            st = MSBI_FAIL(MSB_ERANGE, "no reaction events (or no spread) at T = %g K: TOF = %g "
                           "cannot be fitted; run longer or raise k_rxn", T_K[k], tof[k]);
    }
    if (!st) st = msb_arrhenius_fit(nT, T_K, tof, tsd, MSB_SIGMA_ABSOLUTE, est_out ? &fit : NULL,
                                    law_out ? &law : NULL);
    if (!st && fit) {
        st = msbi_estimate_add(__func__, fit, "T", "K", "temperatures of the KMC runs", nT, T_K,
                               NULL);
        if (!st) st = msbi_estimate_add(__func__, fit, "tof", "1/s",
                                        "KMC turnover frequency per site", nT, tof, tsd);
        if (!st) st = msbi_estimate_add(__func__, fit, "coverage", "1", "KMC coverage", nT, cov,
                                        csd);
    }
    msbi_free(buf);
    if (st) {
        msb_estimate_destroy(fit);
        msb_law_destroy(law);
        return st;
    }
    if (est_out) *est_out = fit;
    if (law_out) *law_out = law;
    return MSB_SUCCESS;
}

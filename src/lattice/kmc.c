/* Rejection-free kinetic Monte Carlo of vacancy-mediated diffusion (msbridge/kmc.h). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "lattice/kmc_tree.h"
#include "lattice/lattice_internal.h"
#include "lattice/rng_lattice.h"
#include "msbridge/kmc.h"

#define NSEG 64
#define FAILW(where, status, ...) msbi_error((status), (where), __VA_ARGS__)

typedef struct kmc {
    const msb_lattice *lat;
    size_t M, S, nv;
    const double *V;
    double g0, beta, Ekra;
    const msb_ce_hamiltonian *h; /* cluster-expansion Hamiltonian, or NULL for the pairs */
    unsigned char *n;
    size_t *h0;        /* first leaf of each site (shell-0 directions) */
    double *hrate;     /* rate of every (site, direction) hop */
    msbi_sumtree tree;
    uint32_t *list;    /* scratch: sites whose hops need recomputing */
    size_t list_cap;
    int32_t *id;       /* atom on each site, -1 for a vacancy */
    uint32_t *perm;    /* scratch for the random placement */
    double *R;         /* unwrapped displacement of each atom */
    size_t n_atoms, n_equil, n_events;
    uint64_t seed;
} kmc;

static inline double field(const kmc *k, size_t i)
{
    const size_t *off = k->lat->off + i * k->S;
    const uint32_t *nbr = k->lat->nbr;
    double h = 0;
    for (size_t s = 0; s < k->nv; s++) {
        unsigned c = 0;
        for (size_t q = off[s]; q < off[s + 1]; q++) c += k->n[nbr[q]];
        h += k->V[s] * (double)c;
    }
    return h;
}

static inline double hop_rate(kmc *k, size_t i, size_t j)
{
    if (!k->n[i] || k->n[j]) return 0.0;
    if (k->h) { /* exchange energy: flip i, then j with i already emptied */
        double dE = msbi_ce_flip(k->h, k->n, i);
        k->n[i] = 0;
        dE += msbi_ce_flip(k->h, k->n, j);
        k->n[i] = 1;
        return k->g0 * exp(-k->beta * 0.5 * dE);
    }
    if (k->nv == 0) return k->g0;
    double hi = field(k, i);
    k->n[i] = 0;
    double hj = field(k, j);
    k->n[i] = 1;
    return k->g0 * exp(-k->beta * 0.5 * (hj - hi));
}

/* recompute the hops out of site i and the site's total in the tree (one leaf per site) */
static void update_site(kmc *k, size_t i)
{
    const size_t q0 = k->lat->off[i * k->S], q1 = k->lat->off[i * k->S + 1];
    double *h = k->hrate + k->h0[i], sum = 0;
    if (k->n[i])
        for (size_t q = q0; q < q1; q++) {
            h[q - q0] = hop_rate(k, i, k->lat->nbr[q]);
            sum += h[q - q0];
        }
    else
        for (size_t q = q0; q < q1; q++) h[q - q0] = 0;
    msbi_sumtree_set(&k->tree, i, sum);
}

/* sites whose outgoing hop rates may change when site c changes */
static size_t collect(kmc *k, size_t c, size_t m)
{
    const size_t *off = k->lat->off;
    const uint32_t *nbr = k->lat->nbr;
    const size_t S = k->S;
    k->list[m++] = (uint32_t)c;
    for (size_t q = off[c * S]; q < off[c * S + 1]; q++) k->list[m++] = nbr[q];
    if (k->nv > 0)
        for (size_t q = off[c * S]; q < off[c * S + k->nv]; q++) {
            size_t l = nbr[q];
            k->list[m++] = (uint32_t)l;
            for (size_t r = off[l * S]; r < off[l * S + 1]; r++) k->list[m++] = nbr[r];
        }
    return m;
}

/* Outcome of one replica (workers never set the thread's error message). */
enum { RS_OK = 0, RS_RATE, RS_SELECT, RS_CANCEL };
typedef struct rep_status {
    int code;
    size_t ev;
    double rate, done;
} rep_status;

/* Shared state of the replica pool: replica rr runs on thread rr % nth into rep[24 rr]. The
 * progress callback is only used single-threaded (done counts events over all replicas). */
typedef struct pool {
    kmc *ws;
    size_t nth, nrep;
    double *rep;
    rep_status *rst;
    msb_progress_fn progress;
    void *user;
    double total, done;
} pool;

/* One replica on workspace k: stream (seed, rr), random start, n_equil + n_events events.
 * Writes the 24 per-replica quantities to o. */
static void run_replica(kmc *k, size_t rr, pool *pl, double *o, rep_status *rs)
{
    const msb_lattice *lat = k->lat;
    const size_t M = k->M, n_atoms = k->n_atoms, n_equil_events = k->n_equil,
                 n_events = k->n_events;
    const int dim = lat->dim;
    int32_t *id = k->id;
    uint32_t *perm = k->perm;
    double *R = k->R;
    msbi_lrng rng;
    msbi_lrng_seed(&rng, k->seed, rr);
    for (size_t i = 0; i < M; i++) perm[i] = (uint32_t)i;
    memset(k->n, 0, M);
    for (size_t i = 0; i < M; i++) id[i] = -1;
    for (size_t a = 0; a < n_atoms; a++) {
        size_t j = a + msbi_lrng_below(&rng, (uint32_t)(M - a));
        uint32_t t = perm[a];
        perm[a] = perm[j];
        perm[j] = t;
        k->n[perm[a]] = 1;
        id[perm[a]] = (int32_t)a;
    }
    msbi_sumtree_clear(&k->tree);
    for (size_t i = 0; i < M; i++) update_site(k, i);
    double t = 0, jl2 = 0, S[3] = {0, 0, 0};
    double DJ[9] = {0};
    memset(R, 0, n_atoms * 3 * sizeof(double));
    const size_t ntot = n_equil_events + n_events;
    for (size_t ev = 0; ev < ntot; ev++) {
        if (ev == n_equil_events) { /* start measuring */
            t = 0;
            jl2 = 0;
            memset(S, 0, sizeof S);
            memset(R, 0, n_atoms * 3 * sizeof(double));
        }
        const double Rt = msbi_sumtree_total(&k->tree);
        if (!(Rt > 0) || !isfinite(Rt)) {
            *rs = (rep_status){RS_RATE, ev, Rt, 0};
            return;
        }
        size_t i;
        double u = msbi_lrng_uniform(&rng) * Rt;
        if (msbi_sumtree_select_u(&k->tree, &u, &i)) {
            *rs = (rep_status){RS_SELECT, ev, Rt, 0};
            return;
        }
        t += -log(msbi_lrng_uniform_pos(&rng)) / Rt;
        /* direction within the site: linear scan of its z hops with the remainder u */
        const size_t zi = k->h0[i + 1] - k->h0[i];
        size_t q = 0;
        {
            const double *h = k->hrate + k->h0[i];
            while (q + 1 < zi && (u >= h[q] || h[q] <= 0)) {
                u -= h[q];
                q++;
            }
            while (h[q] <= 0 && q > 0) q--; /* round-off landed past the last hop */
        }
        const size_t j = lat->nbr[lat->off[i * k->S] + q];
        const double *d = lat->tdisp + 3 * (lat->toff[(i % lat->nb) * k->S] + q);
        const int32_t a = id[i];
        R[3 * a] += d[0];
        R[3 * a + 1] += d[1];
        R[3 * a + 2] += d[2];
        for (int c = 0; c < 3; c++) S[c] += d[c];
        jl2 += d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        id[j] = a;
        id[i] = -1;
        k->n[i] = 0;
        k->n[j] = 1;
        {
            size_t m = collect(k, i, 0);
            m = collect(k, j, m);
            for (size_t w = 0; w < m; w++) update_site(k, k->list[w]);
        }
        if (ev >= n_equil_events) {
            size_t e = ev - n_equil_events;
            if ((e + 1) * NSEG / n_events != e * NSEG / n_events) { /* segment ends */
                for (int p = 0; p < 3; p++)
                    for (int c = 0; c < 3; c++) DJ[3 * p + c] += S[p] * S[c];
                memset(S, 0, sizeof S);
            }
        }
        if (pl->progress && ((ev + 1) & 0xffff) == 0) {
            pl->done += 65536;
            if (pl->progress(pl->user, pl->done, pl->total)) {
                *rs = (rep_status){RS_CANCEL, ev, Rt, pl->done};
                return;
            }
        }
    }
    if (pl->progress) pl->done += (double)(ntot & 0xffff); /* single-threaded only */
    const double Nn = (double)n_atoms;
    double Dt[9] = {0}, r2 = 0;
    for (size_t a = 0; a < n_atoms; a++)
        for (int p = 0; p < 3; p++) {
            r2 += R[3 * a + p] * R[3 * a + p];
            for (int c = 0; c < 3; c++) Dt[3 * p + c] += R[3 * a + p] * R[3 * a + c];
        }
    for (int p = 0; p < 9; p++) {
        o[p] = Dt[p] / (2 * Nn * t);
        o[9 + p] = DJ[p] / (2 * Nn * t);
    }
    o[18] = (o[0] + o[4] + o[8]) / dim;
    o[19] = (o[9] + o[13] + o[17]) / dim;
    o[20] = r2 / jl2;
    o[21] = (double)n_events / (Nn * t);
    o[22] = t;
    o[23] = 0;
    rs->code = RS_OK;
}

/* thread t runs replicas t, t + nth, ...; stops its own share at the first failure (the
 * caller reports the first failing replica in replica order, so the outcome does not depend
 * on the thread count) */
static void pool_piece(void *ctx, size_t t)
{
    pool *pl = ctx;
    for (size_t rr = t; rr < pl->nrep; rr += pl->nth) {
        run_replica(&pl->ws[t], rr, pl, pl->rep + 24 * rr, &pl->rst[rr]);
        if (pl->rst[rr].code != RS_OK) return;
    }
}

static msb_status kmc_impl(const char *where, const msb_lattice *lat,
                           const msb_ce_hamiltonian *ham, size_t n_atoms, double nu_Hz,
                           double E_kra_J, size_t nv, const double *V_J, double T_K,
                           size_t n_equil_events, size_t n_events, size_t n_replicas,
                           double theta, double theta_std, uint64_t seed,
                           msb_progress_fn progress, void *user, msb_estimate **out)
{
    if (lat == NULL) return msbi_error(MSB_ENULL, where, "argument 'lat' is NULL");
    if (out == NULL) return msbi_error(MSB_ENULL, where, "argument 'out' is NULL");
    if (nv > lat->nshells)
        return FAILW(where, MSB_ESIZE, "nv = %zu interaction shells but the lattice has only %zu",
                         nv, lat->nshells);
    if (nv > 0 && !ham) {
        if (V_J == NULL) return msbi_error(MSB_ENULL, where, "argument 'V_J' is NULL");
        MSBI_TRY(msbi_check_array_finite(where, "V_J", nv, V_J));
    }
    MSBI_TRY(msbi_check_finite(where, "nu_Hz", nu_Hz));
    MSBI_TRY(msbi_check_positive(where, "nu_Hz", nu_Hz));
    MSBI_TRY(msbi_check_finite(where, "E_kra_J", E_kra_J));
    MSBI_TRY(msbi_check_finite(where, "T_K", T_K));
    MSBI_TRY(msbi_check_positive(where, "T_K", T_K));
    if (!isnan(theta)) {
        MSBI_TRY(msbi_check_finite(where, "theta", theta));
        MSBI_TRY(msbi_check_positive(where, "theta", theta));
    }
    if (!isnan(theta_std)) MSBI_TRY(msbi_check_nonneg(where, "theta_std", theta_std));
    const size_t M = lat->nsites;
    if (n_atoms == 0 || n_atoms >= M)
        return FAILW(where, MSB_EDOM, "impossible composition: n_atoms = %zu on %zu sites (need at "
                         "least one atom and one vacancy)", n_atoms, M);
    if (n_replicas == 0) return FAILW(where, MSB_ESIZE, "n_replicas = 0");
    if (n_events < NSEG)
        return FAILW(where, MSB_EINSUFFICIENT,
                     "n_events = %zu: at least %d needed", n_events, NSEG);
    const double kT = MSB_K_B * T_K;
    const double g0 = nu_Hz * exp(-E_kra_J / kT);
    if (!(g0 > 0) || !isfinite(g0))
        return FAILW(where, MSB_ERANGE, "rate nu exp(-E_kra/kT) = %g is zero or not finite "
                         "(nu = %g 1/s, E_kra = %g J, T = %g K)", g0, nu_Hz, E_kra_J, T_K);

    msb_status st = MSB_ENOMEM;
    msb_estimate *est = NULL;
    /* one workspace per thread, all allocated here (workers never allocate) */
    const size_t nth = progress ? 1 : msbi_thread_count(n_replicas);
    kmc ws[MSBI_MAX_THREADS];
    memset(ws, 0, sizeof ws);
    size_t *h0 = msbi_alloc_array(M + 1, sizeof(size_t));
    double *rep = msbi_alloc_array(n_replicas, 24 * sizeof(double));
    rep_status *rst = msbi_calloc(n_replicas, sizeof *rst);
    size_t nleaf = 0, zmax = 0, list_cap;
    if (!h0 || !rep || !rst) goto nomem;
    for (size_t i = 0; i < M; i++) {
        h0[i] = nleaf;
        size_t z = lat->off[i * lat->nshells + 1] - lat->off[i * lat->nshells];
        if (z > zmax) zmax = z;
        nleaf += z;
    }
    h0[M] = nleaf;
    {
        size_t zint = 0;
        for (size_t s = 0; s < nv; s++) zint += lat->shell_z[s];
        /* per changed site: 1 + z0 + zint (1 + z0); two changed sites */
        list_cap = 2 * (1 + zmax + zint * (1 + zmax));
    }
    for (size_t t = 0; t < nth; t++) {
        kmc *k = &ws[t];
        k->lat = lat;
        k->M = M;
        k->S = lat->nshells;
        k->nv = nv;
        k->V = V_J;
        k->h = ham;
        k->g0 = g0;
        k->beta = 1.0 / kT;
        k->h0 = h0;
        k->list_cap = list_cap;
        k->n_atoms = n_atoms;
        k->n_equil = n_equil_events;
        k->n_events = n_events;
        k->seed = seed;
        k->n = msbi_calloc(M, 1);
        k->hrate = msbi_alloc_array(lat->off[M * lat->nshells] + 1, sizeof(double));
        k->id = msbi_alloc_array(M, sizeof(int32_t));
        k->perm = msbi_alloc_array(M, sizeof(uint32_t));
        k->R = msbi_alloc_array(n_atoms, 3 * sizeof(double));
        k->list = msbi_alloc_array(list_cap, sizeof(uint32_t));
        if (!k->n || !k->hrate || !k->id || !k->perm || !k->R || !k->list) goto nomem;
        if (msbi_sumtree_init(&k->tree, M)) goto nomem;
    }
    {
        pool pl = {ws, nth, n_replicas, rep, rst, progress, user,
                   (double)n_replicas * (double)(n_equil_events + n_events), 0.0};
        if (nth > 1) msbi_run_threads(nth, pool_piece, &pl);
        else pool_piece(&pl, 0);
    }
    /* failures are reported for the first failing replica, in replica order */
    for (size_t rr = 0; rr < n_replicas; rr++) {
        if (rst[rr].code == RS_OK) continue;
        if (rst[rr].code == RS_CANCEL)
            st = FAILW(where, MSB_ECANCELLED, "cancelled by the progress callback after %.0f "
                           "events", rst[rr].done);
        else if (rst[rr].code == RS_RATE)
            st = FAILW(where, MSB_ERANGE, "total rate %g is zero or not finite at event %zu of "
                           "replica %zu (check V_J and E_kra_J against kT)", rst[rr].rate,
                           rst[rr].ev, rr);
        else
            st = FAILW(where, MSB_EINTERNAL, "event selection failed at event %zu of replica %zu",
                           rst[rr].ev, rr);
        goto fail;
    }
    /* replica means and standard errors */
    double mean[24], se[24];
    for (int p = 0; p < 24; p++) {
        double s = 0, v = 0;
        for (size_t rr = 0; rr < n_replicas; rr++) s += rep[24 * rr + p];
        mean[p] = s / (double)n_replicas;
        for (size_t rr = 0; rr < n_replicas; rr++)
            v += (rep[24 * rr + p] - mean[p]) * (rep[24 * rr + p] - mean[p]);
        se[p] = n_replicas > 1 ? sqrt(v / (double)(n_replicas - 1) / (double)n_replicas) : NAN;
    }
    double th_s = isnan(theta_std) ? 0.0 : theta_std;
    double Dc = theta * mean[19], Dd = theta * mean[18];
    double Dcs = sqrt(pow(theta * se[19], 2) + pow(th_s * mean[19], 2));
    double Dds = sqrt(pow(theta * se[18], 2) + pow(th_s * mean[18], 2));
    est = msbi_estimate_new("kmc_vacancy");
    if (!est) goto nomem;
    st = msbi_estimate_add(where, est, "D_tracer", "m^2/s", "tracer diffusion tensor", 9,
                           mean, se);
    if (!st) st = msbi_estimate_add1(where, est, "D_tracer_scalar", "m^2/s",
                                     "tracer diffusivity trace/dim", mean[18], se[18]);
    if (!st) st = msbi_estimate_add(where, est, "D_J", "m^2/s",
                                    "jump (collective) diffusion tensor", 9, mean + 9, se + 9);
    if (!st) st = msbi_estimate_add1(where, est, "D_J_scalar", "m^2/s",
                                     "jump diffusivity trace/dim", mean[19], se[19]);
    if (!st) st = msbi_estimate_add1(where, est, "correlation_factor", "1",
                                     "tracer correlation factor sum R^2 / sum l^2", mean[20],
                                     se[20]);
    if (!st) st = msbi_estimate_add1(where, est, "D_chem", "m^2/s",
                                     "chemical diffusivity Theta D_J", Dc,
                                      isnan(theta) ? NAN : Dcs);
    if (!st) st = msbi_estimate_add1(where, est, "D_darken", "m^2/s",
                                     "Darken approximation Theta D*", Dd, isnan(theta) ? NAN : Dds);
    if (!st) st = msbi_estimate_add1(where, est, "hop_rate", "1/s", "hops per atom per second",
                                     mean[21], se[21]);
    if (!st) st = msbi_estimate_add1(where, est, "x", "1", "atom site fraction",
                                     (double)n_atoms / (double)M, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "time", "s", "simulated time per replica",
                                     mean[22], se[22]);
    if (!st) st = msbi_estimate_add1(where, est, "n_events", "1", "events per replica",
                                     (double)n_events, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "n_replicas", "1", "independent replicas",
                                     (double)n_replicas, NAN);
    if (st) goto fail;
    *out = est;
    est = NULL;
    st = MSB_SUCCESS;
    goto done;
nomem:
    st = FAILW(where, MSB_ENOMEM, "out of memory (%zu sites)", M);
fail:
    msb_estimate_destroy(est);
done:
    for (size_t t = 0; t < MSBI_MAX_THREADS; t++) {
        msbi_sumtree_free(&ws[t].tree);
        msbi_free(ws[t].list);
        msbi_free(ws[t].n);
        msbi_free(ws[t].hrate);
        msbi_free(ws[t].id);
        msbi_free(ws[t].perm);
        msbi_free(ws[t].R);
    }
    msbi_free(h0);
    msbi_free(rep);
    msbi_free(rst);
    return st;
}

msb_status msb_kmc_vacancy(const msb_lattice *lat, size_t n_atoms, double nu_Hz, double E_kra_J,
                           size_t nv, const double *V_J, double T_K, size_t n_equil_events,
                           size_t n_events, size_t n_replicas, double theta, double theta_std,
                           uint64_t seed, msb_progress_fn progress, void *user,
                           msb_estimate **out)
{
    return kmc_impl(__func__, lat, NULL, n_atoms, nu_Hz, E_kra_J, nv, V_J, T_K, n_equil_events,
                    n_events, n_replicas, theta, theta_std, seed, progress, user, out);
}

msb_status msb_kmc_vacancy_ce(const msb_ce_hamiltonian *h, size_t n_atoms, double nu_Hz,
                              double E_kra_J, double T_K, size_t n_equil_events, size_t n_events,
                              size_t n_replicas, double theta, double theta_std, uint64_t seed,
                              msb_progress_fn progress, void *user, msb_estimate **out)
{
    MSBI_CHECK_NULL(h);
    /* the interaction range (shells) decides which hop rates a move can change */
    return kmc_impl(__func__, h->lat, h, n_atoms, nu_Hz, E_kra_J, h->range, NULL, T_K,
                    n_equil_events, n_events, n_replicas, theta, theta_std, seed, progress, user,
                    out);
}

/* Metropolis Monte Carlo of a binary lattice gas with a pair Hamiltonian (msbridge/mc.h). */
#include <string.h>

#include "estimators/estimate_internal.h"
#include "lattice/lattice_internal.h"
#include "lattice/rng_lattice.h"
#include "msbridge/mc.h"

#define NBLK 16

typedef struct mc {
    const msb_lattice *lat;
    size_t M, nv, S;
    const double *V;
    unsigned char *n;
    const msb_ce_hamiltonian *h; /* cluster-expansion Hamiltonian, or NULL for the pair one */
} mc;

/* interaction field at site i: sum_s V[s] * (occupied neighbours of i in shell s) */
static inline double field(const mc *m, size_t i)
{
    const size_t *off = m->lat->off + i * m->S;
    const uint32_t *nbr = m->lat->nbr;
    double h = 0;
    for (size_t s = 0; s < m->nv; s++) {
        unsigned c = 0;
        for (size_t k = off[s]; k < off[s + 1]; k++) c += m->n[nbr[k]];
        h += m->V[s] * (double)c;
    }
    return h;
}
static inline unsigned count0(const mc *m, size_t i)
{
    const size_t *off = m->lat->off + i * m->S;
    const uint32_t *nbr = m->lat->nbr;
    unsigned c = 0;
    for (size_t k = off[0]; k < off[1]; k++) c += m->n[nbr[k]];
    return c;
}
static double total_energy(const mc *m, double e)
{
    if (m->h) return msbi_ce_total(m->h, m->n);
    double E = 0;
    for (size_t i = 0; i < m->M; i++)
        if (m->n[i]) E += e + 0.5 * field(m, i);
    return E;
}

/* per-block accumulators of a quantity: count, sum, sum of squares */
typedef struct blk { double c[NBLK], s1[NBLK], s2[NBLK]; } blk;
static void blk_add(blk *b, size_t k, double v)
{
    b->c[k] += 1;
    b->s1[k] += v;
    b->s2[k] += v * v;
}
/* mean and block standard error */
static void blk_mean(const blk *b, double *mean, double *se)
{
    double c = 0, s = 0;
    for (int k = 0; k < NBLK; k++) {
        c += b->c[k];
        s += b->s1[k];
    }
    *mean = s / c;
    double v = 0;
    for (int k = 0; k < NBLK; k++) {
        double d = b->s1[k] / b->c[k] - *mean;
        v += d * d;
    }
    *se = sqrt(v / (NBLK - 1) / NBLK);
}
/* fluctuation estimator g(mean, variance) with a delete-one-block jackknife error */
typedef double (*fluct_fn)(double mean, double var, const void *arg);
static void blk_jack(const blk *b, fluct_fn g, const void *arg, double *val, double *se)
{
    double C = 0, S1 = 0, S2 = 0;
    for (int k = 0; k < NBLK; k++) {
        C += b->c[k];
        S1 += b->s1[k];
        S2 += b->s2[k];
    }
    double mu = S1 / C;
    *val = g(mu, fmax(S2 / C - mu * mu, 0.0), arg);
    double jk[NBLK], jm = 0;
    for (int k = 0; k < NBLK; k++) {
        double c = C - b->c[k], m1 = (S1 - b->s1[k]) / c;
        jk[k] = g(m1, fmax((S2 - b->s2[k]) / c - m1 * m1, 0.0), arg);
        jm += jk[k] / NBLK;
    }
    double v = 0;
    for (int k = 0; k < NBLK; k++) v += (jk[k] - jm) * (jk[k] - jm);
    *se = sqrt(v * (NBLK - 1) / NBLK);
}
static double theta_fn(double mean, double var, const void *arg)
{
    (void)arg;
    return var > 0 ? mean / var : NAN;
}
static double cv_fn(double mean, double var, const void *arg)
{
    (void)mean;
    const double *p = arg; /* k T^2 M */
    return var / p[0];
}

#define FAILW(where, status, ...) msbi_error((status), (where), __VA_ARGS__)

/* energy of one particle on the empty lattice, averaged over the basis sites: the e_point of
 * the dilute-limit reference of the grand potential */
static double isolated_energy(const msb_ce_hamiltonian *h)
{
    const size_t nb = h->lat->nb;
    double e = 0;
    for (size_t b = 0; b < nb; b++) e += msbi_ce_flip_empty(h, b);
    return e / (double)nb;
}

static msb_status check_common(const char *where, const msb_lattice *lat, size_t nv,
                               const double *V, double e, double T, size_t npts,
                               size_t n_sweeps, msb_estimate **out)
{
    if (lat == NULL) return msbi_error(MSB_ENULL, where, "argument 'lat' is NULL");
    if (out == NULL) return msbi_error(MSB_ENULL, where, "argument 'out' is NULL");
    if (nv > lat->nshells)
        return msbi_error(MSB_ESIZE, where, "nv = %zu interaction shells but the lattice has "
                          "only %zu", nv, lat->nshells);
    if (nv > 0 && V == NULL) return msbi_error(MSB_ENULL, where, "argument 'V_J' is NULL");
    if (nv > 0) MSBI_TRY(msbi_check_array_finite(where, "V_J", nv, V));
    MSBI_TRY(msbi_check_finite(where, "e_point_J", e));
    MSBI_TRY(msbi_check_finite(where, "T_K", T));
    MSBI_TRY(msbi_check_positive(where, "T_K", T));
    if (npts == 0) return msbi_error(MSB_ESIZE, where, "no state points (count 0)");
    if (n_sweeps < NBLK)
        return msbi_error(MSB_EINSUFFICIENT, where, "n_sweeps = %zu: at least %d are needed "
                          "for the block error analysis", n_sweeps, NBLK);
    return MSB_SUCCESS;
}

static msb_status sgc_impl(const char *where, const msb_lattice *lat,
                           const msb_ce_hamiltonian *ham, double e_point_J, size_t nv,
                           const double *V_J, double T_K, size_t nmu, const double *mu_J,
                           size_t n_equil, size_t n_sweeps, uint64_t seed,
                           msb_progress_fn progress, void *user, msb_estimate **out)
{
    MSBI_TRY(check_common(where, lat, nv, V_J, e_point_J, T_K, nmu, n_sweeps, out));
    if (mu_J == NULL) return msbi_error(MSB_ENULL, where, "argument 'mu_J' is NULL");
    MSBI_TRY(msbi_check_array_finite(where, "mu_J", nmu, mu_J));
    for (size_t k = 1; k < nmu; k++)
        if (!(mu_J[k] > mu_J[k - 1]))
            return FAILW(where, MSB_EINVAL, "mu_J must be strictly increasing (mu_J[%zu] = %g <= "
                             "mu_J[%zu] = %g)", k, mu_J[k], k - 1, mu_J[k - 1]);
    const double kT = MSB_K_B * T_K, beta = 1.0 / kT;
    const size_t M = lat->nsites, zmax = lat->shell_z[0];
    msb_status st = MSB_ENOMEM;
    mc m = {lat, M, nv, lat->nshells, V_J, NULL, ham};
    double *res = NULL, *table = NULL;
    msb_estimate *est = NULL;
    m.n = msbi_calloc(M, 1);
    res = msbi_alloc_array(nmu, 12 * sizeof(double));
    table = msbi_alloc_array(2 * (zmax + 1), sizeof(double));
    if (!m.n || !res || !table) goto nomem;
    double *rx = res, *rxs = res + nmu, *rth = res + 2 * nmu, *rths = res + 3 * nmu,
           *rE = res + 4 * nmu, *rEs = res + 5 * nmu, *rcv = res + 6 * nmu, *rcvs = res + 7 * nmu,
           *ram = res + 8 * nmu, *rams = res + 9 * nmu, *racc = res + 10 * nmu,
           *rw = res + 11 * nmu;
    const double total = (double)nmu * (double)(n_equil + n_sweeps);
    double done = 0;
    for (size_t p = 0; p < nmu; p++) {
        const double mu = mu_J[p];
        msbi_lrng r;
        msbi_lrng_seed(&r, seed, p);
        if (nv == 1 && !ham) /* acceptance probability by (n_i, occupied nearest neighbours) */
            for (unsigned ni = 0; ni < 2; ni++)
                for (size_t c = 0; c <= zmax; c++) {
                    double dO = (ni ? -1.0 : 1.0) * (e_point_J - mu + V_J[0] * (double)c);
                    table[ni * (zmax + 1) + c] = dO <= 0 ? 2.0 : exp(-beta * dO);
                }
        double N = 0, E = 0;
        for (size_t i = 0; i < M; i++) N += m.n[i];
        E = total_energy(&m, e_point_J);
        blk bN, bE, bG, bA;
        memset(&bN, 0, sizeof bN);
        memset(&bE, 0, sizeof bE);
        memset(&bG, 0, sizeof bG);
        memset(&bA, 0, sizeof bA);
        double acc = 0;
        for (size_t sw = 0; sw < n_equil + n_sweeps; sw++) {
            size_t nacc = 0;
            for (size_t t = 0; t < M; t++) {
                const uint32_t i = msbi_lrng_below(&r, (uint32_t)M);
                const unsigned ni = m.n[i];
                double dE, pacc;
                if (ham) {
                    dE = msbi_ce_flip(ham, m.n, i);
                    const double dO = dE - (ni ? -1.0 : 1.0) * mu;
                    pacc = dO <= 0 ? 2.0 : exp(-beta * dO);
                } else if (nv == 1) {
                    unsigned c = count0(&m, i);
                    pacc = table[ni * (zmax + 1) + c];
                    dE = (ni ? -1.0 : 1.0) * (e_point_J + V_J[0] * (double)c);
                } else {
                    double h = nv ? field(&m, i) : 0.0;
                    double dO = (ni ? -1.0 : 1.0) * (e_point_J - mu + h);
                    dE = (ni ? -1.0 : 1.0) * (e_point_J + h);
                    pacc = dO <= 0 ? 2.0 : exp(-beta * dO);
                }
                if (pacc >= 1.0 || msbi_lrng_uniform(&r) < pacc) {
                    m.n[i] = (unsigned char)(1u - ni);
                    N += ni ? -1.0 : 1.0;
                    E += dE;
                    nacc++;
                }
            }
            if (sw >= n_equil) {
                size_t k = (sw - n_equil) * NBLK / n_sweeps;
                blk_add(&bN, k, N);
                blk_add(&bE, k, E / (double)M);
                blk_add(&bG, k, E - mu * N);
                blk_add(&bA, k, fabs(2.0 * N / (double)M - 1.0));
                acc += (double)nacc;
            }
            done += 1;
            if (progress && progress(user, done, total)) {
                st = FAILW(where, MSB_ECANCELLED,
                           "cancelled by the progress callback after %.0f of %.0f sweeps", done,
                           total);
                goto fail;
            }
        }
        double mN, sN;
        blk_mean(&bN, &mN, &sN);
        rx[p] = mN / (double)M;
        rxs[p] = sN / (double)M;
        blk_jack(&bN, theta_fn, NULL, &rth[p], &rths[p]);
        blk_mean(&bE, &rE[p], &rEs[p]);
        const double cvarg = kT * T_K * (double)M;
        blk_jack(&bG, cv_fn, &cvarg, &rcv[p], &rcvs[p]);
        blk_mean(&bA, &ram[p], &rams[p]);
        racc[p] = acc / ((double)n_sweeps * (double)M);
        (void)rw;
    }
    /* thermodynamic integration of the grand potential per site */
    double *om = msbi_alloc_array(nmu, 4 * sizeof(double));
    if (!om) goto nomem;
    double *oms = om + nmu, *F = om + 2 * nmu, *Fs = om + 3 * nmu;
    {
        const double a = (mu_J[0] - e_point_J) / kT;
        om[0] = -kT * (a > 0 ? a + log1p(exp(-a)) : log1p(exp(a)));
        double var = 0;
        oms[0] = 0;
        /* omega_k = omega_0 - sum_j (x_{j-1} + x_j)/2 dmu_j; var from independent x errors */
        double *w = msbi_calloc(nmu, sizeof(double));
        if (!w) {
            msbi_free(om);
            goto nomem;
        }
        for (size_t k = 1; k < nmu; k++) {
            const double dmu = mu_J[k] - mu_J[k - 1];
            om[k] = om[k - 1] - 0.5 * (rx[k - 1] + rx[k]) * dmu;
            w[k - 1] += 0.5 * dmu;
            w[k] += 0.5 * dmu;
            var = 0;
            for (size_t j = 0; j <= k; j++) var += (w[j] * rxs[j]) * (w[j] * rxs[j]);
            oms[k] = sqrt(var);
        }
        msbi_free(w);
        for (size_t k = 0; k < nmu; k++) {
            F[k] = om[k] + mu_J[k] * rx[k];
            Fs[k] = sqrt(oms[k] * oms[k] + (mu_J[k] * rxs[k]) * (mu_J[k] * rxs[k]));
        }
    }
    est = msbi_estimate_new("mc_sgc");
    if (!est) {
        msbi_free(om);
        goto nomem;
    }
    st = msbi_estimate_add(where, est, "mu", "J", "chemical potential per particle", nmu, mu_J,
                           NULL);
    if (!st) st = msbi_estimate_add(where, est, "x", "1", "mean site fraction <N>/nsites", nmu,
                                    rx, rxs);
    if (!st) st = msbi_estimate_add(where, est, "thermodynamic_factor", "1",
                                    "Theta = <N>/var(N) = dln(a)/dln(x)", nmu, rth, rths);
    if (!st) st = msbi_estimate_add(where, est, "energy", "J", "mean energy per site", nmu, rE,
                                    rEs);
    if (!st) st = msbi_estimate_add(where, est, "heat_capacity", "J/K",
                                    "heat capacity per site at constant mu", nmu, rcv, rcvs);
    if (!st) st = msbi_estimate_add(where, est, "abs_magnetization", "1",
                                    "Ising order parameter <|2x - 1|>", nmu, ram, rams);
    if (!st) st = msbi_estimate_add(where, est, "grand_potential", "J",
                                    "grand potential per site by thermodynamic integration", nmu,
                                    om, oms);
    if (!st) st = msbi_estimate_add(where, est, "F", "J",
                                    "Helmholtz free energy per site omega + mu x", nmu, F, Fs);
    if (!st) st = msbi_estimate_add(where, est, "acceptance", "1", "accepted fraction of flips",
                                    nmu, racc, NULL);
    if (!st) st = msbi_estimate_add1(where, est, "T", "K", "temperature", T_K, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "n_sweeps", "1", "sampled sweeps per point",
                                     (double)n_sweeps, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "n_blocks", "1", "blocks for error bars",
                                     NBLK, NAN);
    msbi_free(om);
    if (st) goto fail;
    msbi_free(m.n);
    msbi_free(res);
    msbi_free(table);
    *out = est;
    return MSB_SUCCESS;
nomem:
    st = FAILW(where, MSB_ENOMEM, "out of memory (%zu sites, %zu points)", M, nmu);
fail:
    msb_estimate_destroy(est);
    msbi_free(m.n);
    msbi_free(res);
    msbi_free(table);
    return st;
}

msb_status msb_mc_sgc(const msb_lattice *lat, double e_point_J, size_t nv, const double *V_J,
                      double T_K, size_t nmu, const double *mu_J, size_t n_equil,
                      size_t n_sweeps, uint64_t seed, msb_progress_fn progress, void *user,
                      msb_estimate **out)
{
    return sgc_impl(__func__, lat, NULL, e_point_J, nv, V_J, T_K, nmu, mu_J, n_equil, n_sweeps,
                    seed, progress, user, out);
}

msb_status msb_mc_sgc_ce(const msb_ce_hamiltonian *h, double T_K, size_t nmu, const double *mu_J,
                         size_t n_equil, size_t n_sweeps, uint64_t seed, msb_progress_fn progress,
                         void *user, msb_estimate **out)
{
    MSBI_CHECK_NULL(h);
    return sgc_impl(__func__, h->lat, h, isolated_energy(h), 0, NULL, T_K, nmu, mu_J, n_equil,
                    n_sweeps, seed, progress, user, out);
}

/* Shared inputs and outputs of the canonical state points; point p runs on workspace
 * p % nth with stream (seed, p), so results do not depend on the thread count. */
typedef struct canon_ctx {
    const msb_ce_hamiltonian *ham;
    const double *V, *x, *table;
    size_t nv, nx, n_equil, n_sweeps, nth;
    double e_point, beta, kT, T, npairs;
    uint64_t seed;
    mc *ws;
    uint32_t **perm;
    double *rx, *rE, *rEs, *rcv, *rcvs, *rp, *rps, *racc;
    msb_progress_fn progress; /* single-threaded only */
    void *user;
    double total, done;
    int cancelled;
} canon_ctx;

/* One canonical state point p on workspace m; returns 1 when cancelled. */
static int canon_point(canon_ctx *c, mc *m, uint32_t *perm, size_t p)
{
    const size_t M = m->M, zmax = m->lat->shell_z[0];
    msbi_lrng r;
    msbi_lrng_seed(&r, c->seed, p);
    size_t N = (size_t)floor(c->x[p] * (double)M + 0.5);
    if (N > M) N = M;
    /* random placement: partial Fisher-Yates */
    for (size_t i = 0; i < M; i++) perm[i] = (uint32_t)i;
    memset(m->n, 0, M);
    for (size_t i = 0; i < N; i++) {
        size_t j = i + msbi_lrng_below(&r, (uint32_t)(M - i));
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        m->n[perm[i]] = 1;
    }
    double E = total_energy(m, c->e_point);
    blk bE, bP;
    memset(&bE, 0, sizeof bE);
    memset(&bP, 0, sizeof bP);
    double acc = 0;
    for (size_t sw = 0; sw < c->n_equil + c->n_sweeps; sw++) {
        size_t nacc = 0;
        if (N > 0 && N < M)
            for (size_t t = 0; t < M; t++) {
                uint32_t i = msbi_lrng_below(&r, (uint32_t)M),
                         j = msbi_lrng_below(&r, (uint32_t)M);
                if (m->n[i] == m->n[j]) continue;
                if (!m->n[i]) {
                    uint32_t tt = i;
                    i = j;
                    j = tt;
                }
                /* move the particle from i to j */
                double dE, pacc;
                if (c->ham) {
                    dE = msbi_ce_flip(c->ham, m->n, i);
                    m->n[i] = 0;
                    dE += msbi_ce_flip(c->ham, m->n, j);
                    pacc = dE <= 0 ? 2.0 : exp(-c->beta * dE);
                } else if (c->nv == 1) {
                    unsigned ci = count0(m, i);
                    m->n[i] = 0;
                    unsigned cj = count0(m, j);
                    dE = c->V[0] * ((double)cj - (double)ci);
                    pacc = c->table[cj + zmax - ci];
                } else {
                    double hi = c->nv ? field(m, i) : 0.0;
                    m->n[i] = 0;
                    double hj = c->nv ? field(m, j) : 0.0;
                    dE = hj - hi;
                    pacc = dE <= 0 ? 2.0 : exp(-c->beta * dE);
                }
                if (pacc >= 1.0 || msbi_lrng_uniform(&r) < pacc) {
                    m->n[j] = 1;
                    E += dE;
                    nacc++;
                } else {
                    m->n[i] = 1;
                }
            }
        if (sw >= c->n_equil) {
            size_t k = (sw - c->n_equil) * NBLK / c->n_sweeps;
            double P = 0;
            for (size_t i = 0; i < M; i++)
                if (m->n[i]) P += count0(m, i);
            blk_add(&bE, k, E);
            blk_add(&bP, k, 0.5 * P / c->npairs);
            acc += (double)nacc;
        }
        if (c->progress) {
            c->done += 1;
            if (c->progress(c->user, c->done, c->total)) return 1;
        }
    }
    c->rx[p] = (double)N / (double)M;
    double mE, sE;
    blk_mean(&bE, &mE, &sE);
    c->rE[p] = mE / (double)M;
    c->rEs[p] = sE / (double)M;
    const double cvarg = c->kT * c->T * (double)M;
    blk_jack(&bE, cv_fn, &cvarg, &c->rcv[p], &c->rcvs[p]);
    blk_mean(&bP, &c->rp[p], &c->rps[p]);
    c->racc[p] = acc / ((double)c->n_sweeps * (double)M);
    return 0;
}

static void canon_piece(void *ctx, size_t t)
{
    canon_ctx *c = ctx;
    for (size_t p = t; p < c->nx; p += c->nth)
        if (canon_point(c, &c->ws[t], c->perm[t], p)) {
            c->cancelled = 1;
            return;
        }
}

static msb_status canonical_impl(const char *where, const msb_lattice *lat,
                                 const msb_ce_hamiltonian *ham, double e_point_J, size_t nv,
                                 const double *V_J, double T_K, size_t nx, const double *x,
                                 size_t n_equil, size_t n_sweeps, uint64_t seed,
                                 msb_progress_fn progress, void *user, msb_estimate **out)
{
    MSBI_TRY(check_common(where, lat, nv, V_J, e_point_J, T_K, nx, n_sweeps, out));
    if (x == NULL) return msbi_error(MSB_ENULL, where, "argument 'x' is NULL");
    MSBI_TRY(msbi_check_array_finite(where, "x", nx, x));
    for (size_t k = 0; k < nx; k++)
        if (!(x[k] >= 0 && x[k] <= 1))
            return FAILW(where, MSB_EDOM, "impossible composition x[%zu] = %g (must be in [0, 1])",
                             k, x[k]);
    const double kT = MSB_K_B * T_K, beta = 1.0 / kT;
    const size_t M = lat->nsites, zmax = lat->shell_z[0];
    msb_status st = MSB_ENOMEM;
    /* independent state points on up to msbi_thread_count threads (one workspace each,
     * allocated here: workers never allocate); with a progress callback, one thread */
    const size_t nth = progress ? 1 : msbi_thread_count(nx);
    mc ws[MSBI_MAX_THREADS];
    uint32_t *perms[MSBI_MAX_THREADS] = {NULL};
    double *res = NULL, *table = NULL;
    msb_estimate *est = NULL;
    for (size_t t = 0; t < nth; t++) ws[t] = (mc){lat, M, nv, lat->nshells, V_J, NULL, ham};
    res = msbi_alloc_array(nx, 9 * sizeof(double));
    table = msbi_alloc_array(2 * zmax + 1, sizeof(double));
    if (!res || !table) goto nomem;
    for (size_t t = 0; t < nth; t++) {
        ws[t].n = msbi_calloc(M, 1);
        perms[t] = msbi_alloc_array(M, sizeof(uint32_t));
        if (!ws[t].n || !perms[t]) goto nomem;
    }
    double *rx = res, *rE = res + nx, *rEs = res + 2 * nx, *rcv = res + 3 * nx,
           *rcvs = res + 4 * nx, *rp = res + 5 * nx, *rps = res + 6 * nx, *racc = res + 7 * nx;
    if (nv == 1 && !ham)
        for (size_t c = 0; c <= 2 * zmax; c++) {
            double dE = V_J[0] * ((double)c - (double)zmax);
            table[c] = dE <= 0 ? 2.0 : exp(-beta * dE);
        }
    canon_ctx c = {ham, V_J, x, table, nv, nx, n_equil, n_sweeps, nth, e_point_J, beta, kT,
                   T_K, 0.5 * (double)M * (double)zmax, seed, ws, perms, rx, rE, rEs, rcv, rcvs,
                   rp, rps, racc, progress, user, (double)nx * (double)(n_equil + n_sweeps), 0.0,
                   0};
    if (nth > 1) msbi_run_threads(nth, canon_piece, &c);
    else canon_piece(&c, 0);
    if (c.cancelled) {
        st = FAILW(where, MSB_ECANCELLED,
                   "cancelled by the progress callback after %.0f of %.0f sweeps", c.done,
                   c.total);
        goto fail;
    }
    est = msbi_estimate_new("mc_canonical");
    if (!est) goto nomem;
    st = msbi_estimate_add(where, est, "x", "1", "site fraction N/nsites", nx, rx, NULL);
    if (!st) st = msbi_estimate_add(where, est, "energy", "J", "mean energy per site", nx, rE,
                                    rEs);
    if (!st) st = msbi_estimate_add(where, est, "heat_capacity", "J/K",
                                    "heat capacity per site at constant N", nx, rcv, rcvs);
    if (!st) st = msbi_estimate_add(where, est, "nn_pair_fraction", "1",
                                    "occupied nearest-neighbour pairs / all nearest-neighbour "
                                    "pairs", nx, rp, rps);
    if (!st) st = msbi_estimate_add(where, est, "acceptance", "1",
                                    "accepted fraction of trial exchanges", nx, racc, NULL);
    if (!st) st = msbi_estimate_add1(where, est, "T", "K", "temperature", T_K, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "n_sweeps", "1", "sampled sweeps per point",
                                     (double)n_sweeps, NAN);
    if (!st) st = msbi_estimate_add1(where, est, "n_blocks", "1", "blocks for error bars",
                                     NBLK, NAN);
    if (st) goto fail;
    *out = est;
    est = NULL;
    st = MSB_SUCCESS;
    goto done;
nomem:
    st = FAILW(where, MSB_ENOMEM, "out of memory (%zu sites, %zu points)", M, nx);
fail:
    msb_estimate_destroy(est);
done:
    for (size_t t = 0; t < nth; t++) {
        msbi_free(ws[t].n);
        msbi_free(perms[t]);
    }
    msbi_free(res);
    msbi_free(table);
    return st;
}

msb_status msb_mc_canonical(const msb_lattice *lat, double e_point_J, size_t nv,
                            const double *V_J, double T_K, size_t nx, const double *x,
                            size_t n_equil, size_t n_sweeps, uint64_t seed,
                            msb_progress_fn progress, void *user, msb_estimate **out)
{
    return canonical_impl(__func__, lat, NULL, e_point_J, nv, V_J, T_K, nx, x, n_equil,
                          n_sweeps, seed, progress, user, out);
}

msb_status msb_mc_canonical_ce(const msb_ce_hamiltonian *h, double T_K, size_t nx,
                               const double *x, size_t n_equil, size_t n_sweeps, uint64_t seed,
                               msb_progress_fn progress, void *user, msb_estimate **out)
{
    MSBI_CHECK_NULL(h);
    return canonical_impl(__func__, h->lat, h, 0.0, 0, NULL, T_K, nx, x, n_equil, n_sweeps,
                          seed, progress, user, out);
}

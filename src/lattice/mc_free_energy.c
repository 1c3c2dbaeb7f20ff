/* Free energy F(x, T) from semi-grand-canonical Monte Carlo scans by thermodynamic integration,
 * fitted to the Redlich-Kister free-energy law (msbridge/mc.h, msbridge/thermo.h). */
#include <stdlib.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "lattice/lattice_internal.h"
#include "msbridge/mc.h"
#include "msbridge/ocv.h"
#include "msbridge/thermo.h"

/* the largest site fraction of the minority species at a dilute end of a scan */
#define DILUTE_MAX 0.05
/* narrowest two-phase region filled with the common tangent, and its number of samples */
#define GAP_MIN 0.05
#define NFILL 24
/* mid-transition state: x error above this multiple of both neighbours' */
#define MIDTRANS 5.0
/* a composition step counts as a jump when it exceeds this multiple of the step predicted by
 * the fluctuations, dx = dmu x / (kT Theta), at the smaller of its two ends */
#define JUMP_FACTOR 4.0

/* x ln x + (1 - x) ln(1 - x) for 0 < x < 1 */
static double mixing(double x) { return x * log(x) + (1 - x) * log1p(-x); }

/* a table point for the convex hull: composition, free energy, index on the scan path */
typedef struct xf_pt {
    double x, F;
    size_t idx;
} xf_pt;

static int cmp_xf(const void *a, const void *b)
{
    const xf_pt *p = a, *q = b;
    if (p->x != q->x) return (p->x > q->x) - (p->x < q->x);
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/* One scan -> table rows (x, F, sigma_F) appended at *nrow. */
static msb_status integrate_scan(const char *where, size_t s, const msb_estimate *e,
                                 double *tx, double *tF, double *tsF, double *tT, double *tmu,
                                 double *txs, unsigned char *fill, double bin[3], size_t *nrow)
{
    const char *kind = msb_estimate_kind(e);
    if (strcmp(kind, "mc_sgc") != 0)
        return msbi_error(MSB_EBADLAW, where, "scan %zu is an estimate of kind '%s', not a "
                          "semi-grand-canonical run (mc_sgc)", s, kind);
    size_t imu, ix, iE, ith, n, len;
    double T;
    MSBI_TRY(msb_estimate_find(e, "mu", &imu));
    MSBI_TRY(msb_estimate_find(e, "x", &ix));
    MSBI_TRY(msb_estimate_find(e, "energy", &iE));
    MSBI_TRY(msb_estimate_find(e, "thermodynamic_factor", &ith));
    MSBI_TRY(msb_estimate_get(e, "T", &T, NULL));
    n = msb_estimate_length(e, imu);
    double *buf = msbi_alloc_array(n, 8 * sizeof(double));
    size_t *v = msbi_alloc_array(n, sizeof(size_t));
    msb_status st = MSB_SUCCESS;
    if (!buf || !v) {
        st = msbi_error(MSB_ENOMEM, where, "out of memory (%zu points)", n);
        goto done;
    }
    double *mu = buf, *x = buf + n, *sx = buf + 2 * n, *E = buf + 3 * n, *sE = buf + 4 * n,
           *F = buf + 5 * n, *var = buf + 6 * n, *th = buf + 7 * n;
    msb_estimate_values(e, imu, n, mu, NULL, &len);
    msb_estimate_values(e, ix, n, x, sx, &len);
    msb_estimate_values(e, iE, n, E, sE, &len);
    msb_estimate_values(e, ith, n, th, NULL, &len);
    const double kT = MSB_K_B * T;
    /* points with both species present (x = 0 or 1 carries no information on F) */
    /* A state caught mid-transition (the blocks mix the two phases) has an x error far above
     * both neighbours' and is not an equilibrium state of either phase: dropped when it
     * exceeds MIDTRANS times both. */
    size_t nv = 0;
    for (size_t k = 0; k < n; k++) {
        if (!(x[k] > 0 && x[k] < 1 && isfinite(sx[k]))) continue;
        if (k > 0 && k + 1 < n && sx[k] > MIDTRANS * sx[k - 1] && sx[k] > MIDTRANS * sx[k + 1])
            continue;
        v[nv++] = k;
    }
    if (nv < 2) {
        st = msbi_error(MSB_EINSUFFICIENT, where, "scan %zu has %zu points with 0 < x < 1: at "
                        "least 2 are needed", s, nv);
        goto done;
    }
    if (!(x[v[0]] <= DILUTE_MAX)) {
        st = msbi_error(MSB_EDOM, where, "scan %zu starts at x = %g: thermodynamic integration "
                        "needs the scan to start in the dilute limit (x <= %g)", s, x[v[0]],
                        DILUTE_MAX);
        goto done;
    }
    /* split after the largest composition step (a first-order transition, if any) */
    size_t J = 0;
    for (size_t a = 1; a + 1 < nv; a++)
        if (x[v[a + 1]] - x[v[a]] > x[v[J + 1]] - x[v[J]]) J = a;
    const size_t L = nv - 1;
    int top = x[v[L]] >= 1 - DILUTE_MAX;
    if (top) { /* a real jump, or just a wide step of a continuous scan? */
        const size_t a = v[J], b = v[J + 1];
        const double dmu = (mu[b] - mu[a]) / kT;
        const double pa = th[a] > 0 ? dmu * x[a] / th[a] : 0.0,
                     pb = th[b] > 0 ? dmu * x[b] / th[b] : 0.0;
        if (!(x[b] - x[a] > JUMP_FACTOR * fmin(pa, pb) && x[b] - x[a] >= GAP_MIN)) top = 0;
    }
    const size_t last_bottom = top ? J : L;
    /* bottom branch: Omega/M = kT ln(1 - x0) (exact for the ideal gas, first order in x0 for
     * interacting ones), F = Omega/M + mu x, then F_k = F_(k-1) + (mu_(k-1) + mu_k)/2 dx. */
    {
        const size_t p0 = v[0];
        F[0] = kT * log1p(-x[p0]) + mu[p0] * x[p0];
        for (size_t a = 1; a <= last_bottom; a++)
            F[a] = F[a - 1] + 0.5 * (mu[v[a - 1]] + mu[v[a]]) * (x[v[a]] - x[v[a - 1]]);
        /* variance at fixed abscissa: derivatives w.r.t. the x_j on the path, less the slope
         * mu_k of F at the point's own x (moving x_k moves the point along the curve) */
        for (size_t a = 0; a <= last_bottom; a++) {
            double w = 0;
            for (size_t j = 0; j <= a; j++) {
                double c;
                if (a == 0) c = -kT / (1 - x[v[0]]);
                else if (j == 0) c = -kT / (1 - x[v[0]]) - 0.5 * (mu[v[1]] - mu[v[0]]);
                else if (j == a) c = 0.5 * (mu[v[a - 1]] - mu[v[a]]);
                else c = 0.5 * (mu[v[j - 1]] - mu[v[j + 1]]);
                w += (c * sx[v[j]]) * (c * sx[v[j]]);
            }
            var[a] = w;
        }
    }
    /* top branch (saturated end): F = <E>/M + kT [x ln x + (1 - x) ln(1 - x)], ideal dilute
     * vacancies (first order in 1 - x), then integrated downwards. Its uncertainty takes the
     * energy's standard error as independent of x's (conservative: the two are positively
     * correlated along the curve). */
    if (top) {
        const size_t pL = v[L];
        F[L] = E[pL] + kT * mixing(x[pL]);
        for (size_t a = L; a-- > J + 1;)
            F[a] = F[a + 1] - 0.5 * (mu[v[a]] + mu[v[a + 1]]) * (x[v[a + 1]] - x[v[a]]);
        for (size_t a = J + 1; a <= L; a++) {
            double w = sE[pL] * sE[pL];
            for (size_t j = a; j <= L; j++) {
                double c;
                if (j == a && a == L) c = 0;
                else if (j == L) c = 0.5 * (mu[v[L]] - mu[v[L - 1]]);
                else if (j == a) c = 0.5 * (mu[v[a + 1]] - mu[v[a]]);
                else c = 0.5 * (mu[v[j + 1]] - mu[v[j - 1]]);
                w += (c * sx[v[j]]) * (c * sx[v[j]]);
            }
            var[a] = w;
        }
    }
    const size_t used = top ? nv : last_bottom + 1;
    /* Two-phase region: with both branches present, the equilibrium F across the jump is the
     * common tangent of the two branches, i.e. the edge of the lower convex hull of the
     * (x, F) points that spans the jump. Points strictly inside that edge are metastable
     * (superheated/supercooled states of the scan) and are dropped; the edge itself is
     * sampled at NFILL interior compositions so that the fitted law follows the tangent
     * instead of an unconstrained polynomial through the gap. */
    size_t lo = SIZE_MAX, hi = SIZE_MAX;
    if (top) {
        /* lower convex hull of the (x, F) points (monotone chain, O(n log n)); the bridging
         * edge is the first hull edge from a bottom-branch vertex to a top-branch vertex */
        xf_pt *pt = msbi_alloc_array(nv, sizeof *pt);
        size_t *hull = msbi_alloc_array(nv, sizeof *hull);
        if (!pt || !hull) {
            msbi_free(pt);
            msbi_free(hull);
            st = msbi_error(MSB_ENOMEM, where, "out of memory (%zu points)", nv);
            goto done;
        }
        for (size_t c = 0; c < nv; c++) pt[c] = (xf_pt){x[v[c]], F[c], c};
        qsort(pt, nv, sizeof *pt, cmp_xf);
        size_t h = 0;
        for (size_t c = 0; c < nv; c++) {
            while (h >= 2) {
                const xf_pt *o = &pt[hull[h - 2]], *p1 = &pt[hull[h - 1]], *q = &pt[c];
                const double cross =
                    (p1->x - o->x) * (q->F - o->F) - (p1->F - o->F) * (q->x - o->x);
                if (cross <= 0) h--;
                else break;
            }
            hull[h++] = c;
        }
        for (size_t c = 0; c + 1 < h; c++) {
            const size_t ia = pt[hull[c]].idx, ib = pt[hull[c + 1]].idx;
            if (ia <= J && ib > J) {
                lo = ia;
                hi = ib;
                break;
            }
        }
        msbi_free(pt);
        msbi_free(hull);
        if (lo != SIZE_MAX && !(x[v[hi]] - x[v[lo]] >= GAP_MIN)) lo = hi = SIZE_MAX;
    }
    size_t r = *nrow;
    bin[0] = bin[1] = bin[2] = NAN;
    if (lo != SIZE_MAX) {
        /* the hull vertices are the scan states closest to coexistence; the binodals are
         * where each branch reaches the tangent potential mu_t, extrapolated to first order
         * with the branch's own susceptibility dx/dmu = x / (kT Theta) (the ascending scan
         * overshoots mu_t on the high side by its hysteresis) */
        const size_t a = v[lo], b = v[hi];
        const double mut = (F[hi] - F[lo]) / (x[b] - x[a]);
        /* susceptibility: the smaller of the vertex's and its outward neighbour's, since a
         * state near the jump may be inflated by a transition under way (conservative: the
         * true one grows towards coexistence) */
        double ca = th[a] > 0 ? x[a] / th[a] : 0.0, cb = th[b] > 0 ? x[b] / th[b] : 0.0;
        if (lo > 0 && th[v[lo - 1]] > 0) ca = fmin(ca, x[v[lo - 1]] / th[v[lo - 1]]);
        if (hi < L && th[v[hi + 1]] > 0) cb = fmin(cb, x[v[hi + 1]] / th[v[hi + 1]]);
        const double xa = x[a] + (mut - mu[a]) / kT * ca, xb = x[b] - (mu[b] - mut) / kT * cb;
        bin[0] = fmin(fmax(xa, x[a]), 0.5 * (x[a] + x[b]));
        bin[1] = fmax(fmin(xb, x[b]), 0.5 * (x[a] + x[b]));
        bin[2] = mut;
    }
    for (size_t a = 0; a < used; a++) {
        if (lo != SIZE_MAX && x[v[a]] > x[v[lo]] && x[v[a]] < x[v[hi]]) continue;
        tx[r] = x[v[a]];
        txs[r] = sx[v[a]];
        tF[r] = F[a];
        /* floor: a weight may not be infinite when x never fluctuated */
        tsF[r] = fmax(sqrt(var[a]), 1e-9 * kT);
        tT[r] = T;
        tmu[r] = mu[v[a]];
        fill[r] = 0;
        r++;
        if (lo != SIZE_MAX && a == lo) {
            const double slope = (F[hi] - F[lo]) / (x[v[hi]] - x[v[lo]]);
            const double sig = fmax(sqrt(fmax(var[lo], var[hi])), 1e-9 * kT);
            for (int f = 1; f <= NFILL; f++) {
                const double xf = x[v[lo]] + (x[v[hi]] - x[v[lo]]) * f / (NFILL + 1.0);
                tx[r] = xf;
                txs[r] = 0;
                tF[r] = F[lo] + slope * (xf - x[v[lo]]);
                tsF[r] = sig;
                tT[r] = T;
                tmu[r] = slope;
                fill[r] = 1;
                r++;
            }
        }
    }
    *nrow = r;
done:
    msbi_free(buf);
    msbi_free(v);
    return st;
}

/* The integrated table of all scans (rows in scan order; fill[r] marks the common-tangent
 * samples) and per scan the two-phase region (binodal x_lo, x_hi and the coexistence mu; NaN
 * without one). Caller frees *tab (one block) on success. */
typedef struct fe_table {
    size_t n;
    double *x, *F, *sF, *T, *mu, *sx, *bin;
    unsigned char *fill;
} fe_table;

static msb_status build_table(const char *where, size_t nscan, const msb_estimate *const *scans,
                              fe_table *t)
{
    size_t ntot = 0;
    for (size_t s = 0; s < nscan; s++) {
        if (scans[s] == NULL) return msbi_error(MSB_ENULL, where, "scans[%zu] is NULL", s);
        size_t i;
        if (strcmp(msb_estimate_kind(scans[s]), "mc_sgc") != 0 ||
            msb_estimate_find(scans[s], "mu", &i) != MSB_SUCCESS)
            return msbi_error(MSB_EBADLAW, where, "scans[%zu] (kind '%s') is not a msb_mc_sgc "
                              "result", s, msb_estimate_kind(scans[s]));
        ntot += msb_estimate_length(scans[s], i) + NFILL;
    }
    double *tab = msbi_alloc_array(ntot, 6 * sizeof(double) + 1);
    double *bin = msbi_alloc_array(nscan, 3 * sizeof(double));
    if (!tab || !bin) {
        msbi_free(tab);
        msbi_free(bin);
        return msbi_error(MSB_ENOMEM, where, "out of memory (%zu points)", ntot);
    }
    t->x = tab;
    t->F = tab + ntot;
    t->sF = tab + 2 * ntot;
    t->T = tab + 3 * ntot;
    t->mu = tab + 4 * ntot;
    t->sx = tab + 5 * ntot;
    t->fill = (unsigned char *)(tab + 6 * ntot);
    t->bin = bin;
    t->n = 0;
    msb_status st = MSB_SUCCESS;
    for (size_t s = 0; s < nscan && !st; s++)
        st = integrate_scan(where, s, scans[s], t->x, t->F, t->sF, t->T, t->mu, t->sx, t->fill,
                            bin + 3 * s, &t->n);
    if (st) {
        msbi_free(tab);
        msbi_free(bin);
    }
    return st;
}

static void free_table(fe_table *t)
{
    msbi_free(t->x);
    msbi_free(t->bin);
}

msb_status msb_mc_free_energy(size_t nscan, const msb_estimate *const *scans, size_t m,
                              double mu_ref_J, msb_estimate **est, msb_law **law)
{
    MSBI_CHECK_NULL(scans);
    if (est == NULL && law == NULL)
        return MSBI_FAIL(MSB_ENULL, "both est and law are NULL: nothing to return");
    if (nscan == 0) return MSBI_FAIL(MSB_ESIZE, "no scans (nscan = 0)");
    if (m > MSB_RK_MAX_TERMS)
        return MSBI_FAIL(MSB_ESIZE, "m = %zu Redlich-Kister terms exceeds %d", m,
                         MSB_RK_MAX_TERMS);
    MSBI_TRY(msbi_check_finite(__func__, "mu_ref_J", mu_ref_J));
    fe_table t;
    MSBI_TRY(build_table(__func__, nscan, scans, &t));
    msb_estimate *fit = NULL;
    msb_law *L = NULL;
    msb_status st = msb_free_energy_rk_fit(t.n, t.x, t.T, t.F, t.sF, MSB_TABLE_F, m, mu_ref_J,
                                           est ? &fit : NULL, law ? &L : NULL);
    if (!st && fit) {
        double b[3 * 64];
        st = msbi_estimate_add(__func__, fit, "x_table", "1",
                               "site fractions of the integrated table (common-tangent samples "
                               "have zero error)", t.n, t.x, t.sx);
        if (!st) st = msbi_estimate_add(__func__, fit, "F_table", "J",
                                        "free energy per site by thermodynamic integration",
                                        t.n, t.F, t.sF);
        if (!st) st = msbi_estimate_add(__func__, fit, "mu_table", "J",
                                        "chemical potentials of the table", t.n, t.mu, NULL);
        if (!st) st = msbi_estimate_add(__func__, fit, "T_table", "K",
                                        "temperatures of the table", t.n, t.T, NULL);
        for (size_t q = 0; q < 3 && !st; q++) {
            static const char *const nm[3] = {"binodal_lo", "binodal_hi", "mu_coexist"};
            static const char *const un[3] = {"1", "1", "J"};
            static const char *const ds[3] = {
                "low-x binodal of each scan (NaN: no two-phase region)",
                "high-x binodal of each scan (NaN: no two-phase region)",
                "coexistence chemical potential of each scan (common-tangent slope)"};
            const size_t k = nscan < 64 ? nscan : 64;
            for (size_t s = 0; s < k; s++) b[s] = t.bin[3 * s + q];
            st = msbi_estimate_add(__func__, fit, nm[q], un[q], ds[q], k, b, NULL);
        }
    }
    free_table(&t);
    if (st) {
        msb_estimate_destroy(fit);
        msb_law_destroy(L);
        return st;
    }
    if (est) *est = fit;
    if (law) *law = L;
    return MSB_SUCCESS;
}

msb_status msb_mc_ocv(const msb_estimate *scan, double mu_ref_J, msb_law **out)
{
    MSBI_CHECK_NULL(scan);
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "mu_ref_J", mu_ref_J));
    fe_table t;
    const msb_estimate *scans[1] = {scan};
    MSBI_TRY(build_table(__func__, 1, scans, &t));
    /* V = -(mu - mu_ref)/e on the equilibrium states, the two binodals at the common-tangent
     * potential (an exact plateau between them); rows out of x order (noise at the dilute
     * ends) are dropped so that x increases strictly */
    double *xv = t.F, *Vv = t.sF; /* reuse: F and sF are no longer needed */
    size_t n = 0;
    const double kT = MSB_K_B * t.T[0];
    for (size_t r = 0; r < t.n; r++) {
        if (t.fill[r]) continue;
        if (n > 0 && !(t.x[r] > xv[n - 1])) continue;
        double xr = t.x[r], muv = t.mu[r];
        if (!isnan(t.bin[0]) && xr > t.bin[0] && xr < t.bin[1]) continue;
        xv[n] = xr;
        Vv[n] = -(muv - mu_ref_J) / MSB_E;
        n++;
        if (!isnan(t.bin[0]) && r + 1 < t.n && t.fill[r + 1]) { /* the gap follows */
            if (t.bin[0] > xr) {
                xv[n] = t.bin[0];
                Vv[n++] = -(t.bin[2] - mu_ref_J) / MSB_E;
            } else Vv[n - 1] = -(t.bin[2] - mu_ref_J) / MSB_E;
            xv[n] = t.bin[1];
            Vv[n++] = -(t.bin[2] - mu_ref_J) / MSB_E;
        }
    }
    /* statistical noise of the x estimates can reverse V by a fraction of kT/e at the dilute
     * ends: tolerated up to 0.05 kT/e */
    msb_status st = msb_ocv_table_create(n, xv, Vv, NULL, 0.0, 0.05 * kT / MSB_E, out);
    free_table(&t);
    return st;
}

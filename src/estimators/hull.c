/* Binary convex hull, energies above the hull and voltage plateaus (msbridge/hull.h). */
#include "msbridge/hull.h"

#include "estimators/estimate_internal.h"
#include "numerics/hull.h"

static msb_status check_xe(const char *where, size_t n, const double *x, const double *e,
                           double tol, int unit_x)
{
    if (x == NULL) return msbi_error(MSB_ENULL, where, "argument 'x' is NULL");
    if (e == NULL) return msbi_error(MSB_ENULL, where, "argument 'e' is NULL");
    if (n == 0) return msbi_error(MSB_ESIZE, where, "n must be >= 1 (got 0 entries)");
    if (isnan(tol) || !(tol >= 0) || isinf(tol))
        return msbi_error(MSB_EDOM, where, "tol_J must be finite and >= 0 (got %g)", tol);
    MSBI_TRY(msbi_check_array_finite(where, unit_x ? "x" : "y", n, x));
    MSBI_TRY(msbi_check_array_finite(where, unit_x ? "e" : "G", n, e));
    for (size_t i = 0; i < n; i++) {
        if (unit_x && !(x[i] >= 0.0 && x[i] <= 1.0))
            return msbi_error(MSB_EDOM, where, "x[%zu] = %g is outside [0, 1]", i, x[i]);
        if (!unit_x && !(x[i] >= 0.0))
            return msbi_error(MSB_EDOM, where, "y[%zu] = %g must be >= 0", i, x[i]);
    }
    return MSB_SUCCESS;
}

/* Hull of validated data: vertex indices (room n) and their coordinates (room n each). */
static msb_status hull_core(const char *where, size_t n, const double *x, const double *e,
                            double tol, size_t *vert, double *vx, double *ve, size_t *nv)
{
    MSBI_TRY(msbi_lower_hull(where, n, x, e, tol, vert, nv));
    for (size_t k = 0; k < *nv; k++) {
        vx[k] = x[vert[k]];
        ve[k] = e[vert[k]];
    }
    return MSB_SUCCESS;
}

/* Per-entry analysis from a computed hull. */
static void analyze_entries(size_t n, const double *x, const double *e, size_t nv,
                            const size_t *vert, const double *vx, const double *ve, int *stable,
                            double *eah, size_t *dlo, size_t *dhi, double *flo)
{
    for (size_t i = 0; i < n; i++) {
        if (stable) stable[i] = 0;
    }
    for (size_t k = 0; k < nv; k++)
        if (stable) stable[vert[k]] = 1;
    for (size_t i = 0; i < n; i++) {
        size_t seg;
        const double h = msbi_hull_height(nv, vx, ve, x[i], &seg);
        size_t a, b;
        double fa;
        int is_vertex = 0;
        for (size_t k = seg; k < nv && k <= seg + 1; k++)
            if (vert[k] == i) is_vertex = 1;
        if (is_vertex) {
            a = b = i;
            fa = 1.0;
        } else if (seg + 1 >= nv || x[i] == vx[seg]) {
            a = b = vert[seg];
            fa = 1.0;
        } else {
            a = vert[seg];
            b = vert[seg + 1];
            fa = (vx[seg + 1] - x[i]) / (vx[seg + 1] - vx[seg]);
        }
        if (eah) eah[i] = is_vertex ? 0.0 : e[i] - h;
        if (dlo) dlo[i] = a;
        if (dhi) dhi[i] = b;
        if (flo) flo[i] = fa;
    }
}

msb_status msb_hull_analyze(size_t n, const double *x, const double *e, double tol_J,
                            int *stable, double *e_above_hull, size_t *decomp_lo,
                            size_t *decomp_hi, double *frac_lo)
{
    MSBI_TRY(check_xe(__func__, n, x, e, tol_J, 1));
    size_t *vert = msbi_alloc_array(n, sizeof *vert);
    double *vx = msbi_alloc_array(n, 2 * sizeof *vx);
    if (vert == NULL || vx == NULL) {
        msbi_free(vert);
        msbi_free(vx);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory (%zu entries)", n);
    }
    double *ve = vx + n;
    size_t nv;
    msb_status st = hull_core(__func__, n, x, e, tol_J, vert, vx, ve, &nv);
    if (!st)
        analyze_entries(n, x, e, nv, vert, vx, ve, stable, e_above_hull, decomp_lo, decomp_hi,
                        frac_lo);
    msbi_free(vert);
    msbi_free(vx);
    return st;
}

/* Plateaus from hull vertices (vy, vG) sorted by y: m = nv - 1 plateaus. */
static void plateaus_from_vertices(size_t nv, const double *vy, const double *vG, double mu_ref,
                                   double *x_lo, double *x_hi, double *V)
{
    for (size_t k = 0; k + 1 < nv; k++) {
        const double dy = vy[k + 1] - vy[k];
        x_lo[k] = vy[k];
        x_hi[k] = vy[k + 1];
        V[k] = -((vG[k + 1] - vG[k]) - dy * mu_ref) / (dy * MSB_E);
    }
}

msb_status msb_hull_plateaus(size_t n, const double *y, const double *G, double mu_ref_J,
                             double tol_J, size_t capacity, double *x_lo, double *x_hi,
                             double *V, size_t *nplat)
{
    if (y == NULL) return MSBI_FAIL(MSB_ENULL, "argument 'y' is NULL");
    if (G == NULL) return MSBI_FAIL(MSB_ENULL, "argument 'G' is NULL");
    MSBI_CHECK_NULL(nplat);
    if (capacity > 0) {
        MSBI_CHECK_NULL(x_lo);
        MSBI_CHECK_NULL(x_hi);
        MSBI_CHECK_NULL(V);
    }
    if (n < 2) return MSBI_FAIL(MSB_ESIZE, "n must be >= 2 entries for a plateau (got %zu)", n);
    MSBI_TRY(msbi_check_finite(__func__, "mu_ref_J", mu_ref_J));
    MSBI_TRY(check_xe(__func__, n, y, G, tol_J, 0));
    size_t *vert = msbi_alloc_array(n, sizeof *vert);
    double *vy = msbi_alloc_array(n, 2 * sizeof *vy);
    if (vert == NULL || vy == NULL) {
        msbi_free(vert);
        msbi_free(vy);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory (%zu entries)", n);
    }
    double *vG = vy + n;
    size_t nv;
    msb_status st = hull_core(__func__, n, y, G, tol_J, vert, vy, vG, &nv);
    if (!st && nv < 2)
        st = MSBI_FAIL(MSB_EINSUFFICIENT, "all %zu entries have the same y = %g: no plateau", n,
                       y[0]);
    if (!st && capacity < nv - 1) {
        *nplat = nv - 1;
        st = MSBI_FAIL(MSB_ESIZE, "capacity %zu < %zu plateaus", capacity, nv - 1);
    }
    if (!st) {
        double *tmp = msbi_alloc_array(nv, 3 * sizeof *tmp);
        if (tmp == NULL) {
            st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        } else {
            plateaus_from_vertices(nv, vy, vG, mu_ref_J, tmp, tmp + nv, tmp + 2 * nv);
            for (size_t k = 0; k + 1 < nv; k++) {
                x_lo[k] = tmp[k];
                x_hi[k] = tmp[nv + k];
                V[k] = tmp[2 * nv + k];
            }
            *nplat = nv - 1;
            msbi_free(tmp);
        }
    }
    msbi_free(vert);
    msbi_free(vy);
    return st;
}

msb_status msb_hull_estimate(size_t n, const double *x, const double *e, double tol_J,
                             msb_estimate **est)
{
    MSBI_CHECK_NULL(est);
    MSBI_TRY(check_xe(__func__, n, x, e, tol_J, 1));
    const char *w = __func__;
    size_t *vert = msbi_alloc_array(n, 3 * sizeof *vert);
    double *buf = msbi_alloc_array(n, 9 * sizeof *buf);
    int *stable = msbi_alloc_array(n, sizeof *stable);
    msb_estimate *r = NULL;
    msb_status st = MSB_SUCCESS;
    if (vert == NULL || buf == NULL || stable == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory (%zu entries)", n);
        goto out;
    }
    size_t *dlo = vert + n, *dhi = vert + 2 * n;
    double *vx = buf, *ve = buf + n, *eah = buf + 2 * n, *flo = buf + 3 * n, *tmp = buf + 4 * n;
    double *py = buf + 5 * n, *pG = buf + 6 * n, *pV = buf + 7 * n, *phi = buf + 8 * n;
    size_t nv;
    st = hull_core(w, n, x, e, tol_J, vert, vx, ve, &nv);
    if (st) goto out;
    analyze_entries(n, x, e, nv, vert, vx, ve, stable, eah, dlo, dhi, flo);
    r = msbi_estimate_new("hull");
    if (r == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto out;
    }
    st = msbi_estimate_add1(w, r, "n_stable", "1", "number of stable phases", (double)nv, NAN);
    for (size_t i = 0; i < n; i++) tmp[i] = stable[i];
    if (!st) st = msbi_estimate_add(w, r, "stable", "1", "1 if the entry is on the hull", n, tmp, NULL);
    if (!st) st = msbi_estimate_add(w, r, "e_above_hull", "J", "energy above the hull per atom", n, eah, NULL);
    for (size_t i = 0; i < n; i++) tmp[i] = (double)dlo[i];
    if (!st) st = msbi_estimate_add(w, r, "decomp_lo", "1", "index of the lower-x decomposition product", n, tmp, NULL);
    for (size_t i = 0; i < n; i++) tmp[i] = (double)dhi[i];
    if (!st) st = msbi_estimate_add(w, r, "decomp_hi", "1", "index of the higher-x decomposition product", n, tmp, NULL);
    if (!st) st = msbi_estimate_add(w, r, "decomp_frac_lo", "1", "atom fraction of decomp_lo in the decomposition", n, flo, NULL);
    if (!st) st = msbi_estimate_add(w, r, "hull_x", "1", "composition of the stable phases", nv, vx, NULL);
    if (!st) st = msbi_estimate_add(w, r, "hull_e", "J", "energy per atom of the stable phases", nv, ve, NULL);
    /* Plateaus against the x = 1 end member (a stable vertex if present: the last one). */
    if (!st && vx[nv - 1] == 1.0 && nv >= 3) {
        const double mu_ref = ve[nv - 1];
        const size_t m = nv - 1; /* host-side vertices with x < 1 */
        for (size_t k = 0; k < m; k++) {
            py[k] = vx[k] / (1.0 - vx[k]);
            pG[k] = ve[k] / (1.0 - vx[k]);
        }
        /* The fraction hull maps onto the per-host hull (a projective map keeps convexity). */
        plateaus_from_vertices(m, py, pG, mu_ref, tmp, phi, pV);
        st = msbi_estimate_add(w, r, "plateau_x_lo", "1", "ions per host atom at the plateau start", m - 1, tmp, NULL);
        if (!st) st = msbi_estimate_add(w, r, "plateau_x_hi", "1", "ions per host atom at the plateau end", m - 1, phi, NULL);
        if (!st) st = msbi_estimate_add(w, r, "plateau_V", "V", "plateau voltage vs the x = 1 end member", m - 1, pV, NULL);
    }
    if (!st) st = msbi_estimate_add1(w, r, "tol", "J", "hull tolerance per atom", tol_J, NAN);
out:
    msbi_free(vert);
    msbi_free(buf);
    msbi_free(stable);
    if (st) {
        msb_estimate_destroy(r);
        return st;
    }
    *est = r;
    return MSB_SUCCESS;
}

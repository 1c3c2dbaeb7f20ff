/* Periodic lattices, neighbour shells and triplet orbits (msbridge/lattice.h). */
#include <stdlib.h>
#include <string.h>

#include "lattice/lattice_internal.h"
#include "msbridge/lattice.h"

#define MSBI_MAX_SHELLS 16
#define MSBI_REL_TOL 1e-6

typedef struct cand {
    double d, v[3];
    long dn[3];
    size_t b2;
} cand;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

void msb_lattice_destroy(msb_lattice *lat)
{
    if (lat == NULL) return;
    msbi_free(lat->frac);
    msbi_free(lat->shell_dist);
    msbi_free(lat->shell_z);
    msbi_free(lat->off);
    msbi_free(lat->nbr);
    msbi_free(lat->toff);
    msbi_free(lat->tdisp);
    msbi_free(lat);
}

int msbi_lattice_shell_of(const msb_lattice *lat, double d)
{
    for (size_t s = 0; s < lat->nshells; s++)
        if (fabs(d - lat->shell_dist[s]) <= MSBI_REL_TOL * lat->shell_dist[s]) return (int)s;
    return -1;
}

static void frac_to_cart(const double *cell, const double f[3], double out[3])
{
    for (int k = 0; k < 3; k++) out[k] = f[0] * cell[k] + f[1] * cell[3 + k] + f[2] * cell[6 + k];
}

static double det3(const double *m)
{
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
           m[2] * (m[3] * m[7] - m[4] * m[6]);
}

/* Build everything; `where` is the public function's name. */
static msb_status build(const char *where, int dim, const double cell[9], size_t nb,
                        const double *frac, size_t n1, size_t n2, size_t n3, size_t nshells,
                        msb_lattice **out)
{
    size_t ncell, nsites;
    if (n1 == 0 || n2 == 0 || n3 == 0 || nb == 0)
        return msbi_error(MSB_ESIZE, where, "empty lattice: n1 = %zu, n2 = %zu, n3 = %zu, "
                          "nbasis = %zu (all must be >= 1)", n1, n2, n3, nb);
    if (dim == 2 && n3 != 1)
        return msbi_error(MSB_ESIZE, where, "a 2-D lattice needs n3 = 1 (got %zu)", n3);
    if (nshells < 1 || nshells > MSBI_MAX_SHELLS)
        return msbi_error(MSB_ESIZE, where, "nshells must be in 1..%d (got %zu)",
                          MSBI_MAX_SHELLS, nshells);
    if (msbi_mul_size(n1, n2, &ncell) || msbi_mul_size(ncell, n3, &ncell) ||
        msbi_mul_size(ncell, nb, &nsites) || nsites > (size_t)INT32_MAX)
        return msbi_error(MSB_ESIZE, where, "too many sites (limit 2^31)");
    double m[9];
    memcpy(m, cell, sizeof m);
    if (dim == 2) { /* third vector: unit normal, scaled to the in-plane size */
        double nz[3] = {m[1] * m[5] - m[2] * m[4], m[2] * m[3] - m[0] * m[5],
                        m[0] * m[4] - m[1] * m[3]};
        double nn = sqrt(nz[0] * nz[0] + nz[1] * nz[1] + nz[2] * nz[2]);
        if (!(nn > 0))
            return msbi_error(MSB_EDOM, where, "degenerate 2-D cell (parallel vectors)");
        for (int k = 0; k < 3; k++) m[6 + k] = nz[k] / nn * sqrt(nn);
    }
    const double vol = det3(m);
    double scale = 0;
    for (int k = 0; k < 9; k++) scale = fmax(scale, fabs(m[k]));
    if (!(fabs(vol) > 1e-9 * scale * scale * scale))
        return msbi_error(MSB_EDOM, where, "degenerate cell (volume %g m^3)", vol);
    for (size_t b = 0; b < nb; b++)
        for (int k = 0; k < dim; k++)
            if (!(frac[3 * b + k] >= 0 && frac[3 * b + k] < 1))
                return msbi_error(MSB_EDOM, where, "site %zu lies outside the cell: fractional "
                                  "coordinate %d = %g not in [0, 1)", b, k, frac[3 * b + k]);
    /* interplanar spacings h_k = |vol| / |a_l x a_m| */
    double hmin = INFINITY;
    for (int k = 0; k < dim; k++) {
        const double *p = m + 3 * ((k + 1) % 3), *q = m + 3 * ((k + 2) % 3);
        double c[3] = {p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2],
                       p[0] * q[1] - p[1] * q[0]};
        hmin = fmin(hmin, fabs(vol) / sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]));
    }

    msb_status st = MSB_ENOMEM;
    msb_lattice *lat = msbi_calloc(1, sizeof *lat);
    cand *cs = NULL;
    double *dl = NULL;
    size_t *chk = NULL;
    if (lat == NULL) goto nomem;
    lat->dim = dim;
    lat->nb = nb;
    lat->n[0] = n1;
    lat->n[1] = n2;
    lat->n[2] = n3;
    lat->nsites = nsites;
    lat->nshells = nshells;
    memcpy(lat->cell, m, sizeof m);
    lat->frac = msbi_alloc_array(nb, 3 * sizeof(double));
    lat->shell_dist = msbi_calloc(nshells, sizeof(double));
    lat->shell_z = msbi_calloc(nshells, sizeof(size_t));
    if (!lat->frac || !lat->shell_dist || !lat->shell_z) goto nomem;
    for (size_t b = 0; b < nb; b++)
        for (int k = 0; k < 3; k++) lat->frac[3 * b + k] = (dim == 2 && k == 2) ? 0 : frac[3 * b + k];

    /* coincident sites */
    for (size_t b = 0; b < nb; b++)
        for (size_t c = b + 1; c < nb; c++) {
            double d = 0;
            for (int k = 0; k < 3; k++) d += fabs(lat->frac[3 * b + k] - lat->frac[3 * c + k]);
            if (!(d > 1e-9)) {
                st = msbi_error(MSB_EDOM, where, "sites %zu and %zu coincide", b, c);
                goto fail;
            }
        }

    /* candidate neighbours: grow the search range r until the nshells-th distinct distance is
     * inside the complete radius r * hmin */
    long r = 1;
    size_t ncand = 0;
    for (;; r++) {
        if (r > 64) {
            st = msbi_error(MSB_EINTERNAL, where, "neighbour search did not close");
            goto fail;
        }
        long w = 2 * r + 1, w3 = dim == 2 ? 1 : w;
        size_t cap = (size_t)(w * w * w3) * nb * nb;
        msbi_free(cs);
        msbi_free(dl);
        cs = msbi_alloc_array(cap, sizeof *cs);
        dl = msbi_alloc_array(cap, sizeof *dl);
        if (!cs || !dl) goto nomem;
        ncand = 0;
        for (size_t b = 0; b < nb; b++)
            for (size_t b2 = 0; b2 < nb; b2++)
                for (long i = -r; i <= r; i++)
                    for (long j = -r; j <= r; j++)
                        for (long l = (dim == 2 ? 0 : -r); l <= (dim == 2 ? 0 : r); l++) {
                            double f[3] = {(double)i + lat->frac[3 * b2] - lat->frac[3 * b],
                                           (double)j + lat->frac[3 * b2 + 1] - lat->frac[3 * b + 1],
                                           (double)l + lat->frac[3 * b2 + 2] - lat->frac[3 * b + 2]};
                            double v[3];
                            frac_to_cart(m, f, v);
                            double d = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                            if (d < 1e-9 * scale) continue;
                            dl[ncand++] = d;
                        }
        qsort(dl, ncand, sizeof *dl, cmp_double);
        size_t ns = 0;
        double last = -1;
        for (size_t k = 0; k < ncand && ns < nshells; k++)
            if (dl[k] > last * (1 + MSBI_REL_TOL)) {
                lat->shell_dist[ns++] = dl[k];
                last = dl[k];
            }
        if (ns == nshells && lat->shell_dist[nshells - 1] * (1 + 10 * MSBI_REL_TOL) < (double)r * hmin)
            break;
    }
    /* templates per (b, s) */
    size_t nt = nb * nshells;
    lat->toff = msbi_calloc(nt + 1, sizeof(size_t));
    if (!lat->toff) goto nomem;
    ncand = 0;
    {
        long w = 2 * r + 1, w3 = dim == 2 ? 1 : w;
        size_t cap = (size_t)(w * w * w3) * nb * nb;
        (void)cap;
        for (size_t b = 0; b < nb; b++)
            for (size_t s = 0; s < nshells; s++) {
                lat->toff[b * nshells + s] = ncand;
                for (size_t b2 = 0; b2 < nb; b2++)
                    for (long i = -r; i <= r; i++)
                        for (long j = -r; j <= r; j++)
                            for (long l = (dim == 2 ? 0 : -r); l <= (dim == 2 ? 0 : r); l++) {
                                double f[3] = {(double)i + lat->frac[3 * b2] - lat->frac[3 * b],
                                               (double)j + lat->frac[3 * b2 + 1] - lat->frac[3 * b + 1],
                                               (double)l + lat->frac[3 * b2 + 2] - lat->frac[3 * b + 2]};
                                double v[3];
                                frac_to_cart(m, f, v);
                                double d = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                                if (msbi_lattice_shell_of(lat, d) != (int)s) continue;
                                cand *c = &cs[ncand++];
                                c->d = d;
                                memcpy(c->v, v, sizeof v);
                                c->dn[0] = i;
                                c->dn[1] = j;
                                c->dn[2] = l;
                                c->b2 = b2;
                            }
                size_t z = ncand - lat->toff[b * nshells + s];
                if (z > lat->shell_z[s]) lat->shell_z[s] = z;
            }
        lat->toff[nt] = ncand;
    }
    lat->tdisp = msbi_alloc_array(ncand, 3 * sizeof(double));
    if (!lat->tdisp) goto nomem;
    for (size_t k = 0; k < ncand; k++) memcpy(lat->tdisp + 3 * k, cs[k].v, 3 * sizeof(double));

    /* supercell size check on the cell at the origin: all neighbours distinct and not self */
    chk = msbi_alloc_array(ncand + 1, sizeof *chk);
    if (!chk) goto nomem;
    for (size_t b = 0; b < nb; b++) {
        size_t c0 = lat->toff[b * nshells], c1 = lat->toff[(b + 1) * nshells], nc = 0;
        for (size_t k = c0; k < c1; k++) {
            size_t idx = 0;
            for (int d = 2; d >= 0; d--) {
                long nn = (long)lat->n[d];
                long x = ((cs[k].dn[d] % nn) + nn) % nn;
                idx = idx * (size_t)nn + (size_t)x;
            }
            chk[nc++] = idx * nb + cs[k].b2;
        }
        chk[nc++] = b;
        qsort(chk, nc, sizeof *chk, cmp_size);
        for (size_t k = 1; k < nc; k++)
            if (chk[k] == chk[k - 1]) {
                st = msbi_error(MSB_ESIZE, where, "supercell %zu x %zu x %zu is too small for %zu "
                                "neighbour shells (a neighbour would be the site itself or "
                                "appear twice)", n1, n2, n3, nshells);
                goto fail;
            }
    }

    /* CSR neighbour lists */
    size_t nkeys, nent = 0;
    if (msbi_mul_size(nsites, nshells, &nkeys) || msbi_add_size(nkeys, 1, &nkeys)) goto toolarge;
    lat->off = msbi_alloc_array(nkeys, sizeof(size_t));
    if (!lat->off) goto nomem;
    for (size_t site = 0; site < nsites; site++)
        for (size_t s = 0; s < nshells; s++) {
            size_t b = site % nb;
            lat->off[site * nshells + s] = nent;
            nent += lat->toff[b * nshells + s + 1] - lat->toff[b * nshells + s];
        }
    lat->off[nsites * nshells] = nent;
    lat->nbr = msbi_alloc_array(nent, sizeof(uint32_t));
    if (!lat->nbr) goto nomem;
    for (size_t site = 0; site < nsites; site++) {
        size_t b = site % nb, c = site / nb;
        long ic[3] = {(long)(c % n1), (long)((c / n1) % n2), (long)(c / (n1 * n2))};
        size_t e = lat->off[site * nshells];
        for (size_t k = lat->toff[b * nshells]; k < lat->toff[(b + 1) * nshells]; k++) {
            size_t idx = 0;
            for (int d = 2; d >= 0; d--) {
                long nn = (long)lat->n[d];
                long x = (((ic[d] + cs[k].dn[d]) % nn) + nn) % nn;
                idx = idx * (size_t)nn + (size_t)x;
            }
            lat->nbr[e++] = (uint32_t)(idx * nb + cs[k].b2);
        }
    }
    msbi_free(cs);
    msbi_free(dl);
    msbi_free(chk);
    *out = lat;
    return MSB_SUCCESS;
toolarge:
    st = msbi_error(MSB_ESIZE, where, "too many sites");
    goto fail;
nomem:
    st = msbi_error(MSB_ENOMEM, where, "out of memory building the lattice");
fail:
    msbi_free(cs);
    msbi_free(dl);
    msbi_free(chk);
    msb_lattice_destroy(lat);
    return st;
}

msb_status msb_lattice_create(msb_lattice_kind kind, double a, size_t n1, size_t n2, size_t n3,
                              size_t nshells, msb_lattice **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "a", a));
    MSBI_TRY(msbi_check_positive(__func__, "a", a));
    double c[9] = {0}, f[6] = {0};
    size_t nb = 1;
    int dim = 3;
    const double s3 = sqrt(3.0);
    switch (kind) {
    case MSB_LATTICE_SQUARE:
        dim = 2;
        c[0] = a; c[4] = a; c[8] = a;
        break;
    case MSB_LATTICE_TRIANGULAR:
        dim = 2;
        c[0] = a; c[3] = a / 2; c[4] = a * s3 / 2; c[8] = a;
        break;
    case MSB_LATTICE_HONEYCOMB:
        dim = 2;
        nb = 2;
        c[0] = s3 * a; c[3] = s3 * a / 2; c[4] = 1.5 * a; c[8] = a;
        f[3] = 1.0 / 3; f[4] = 1.0 / 3;
        break;
    case MSB_LATTICE_SC:
        c[0] = a; c[4] = a; c[8] = a;
        break;
    case MSB_LATTICE_BCC:
        c[0] = -a / 2; c[1] = a / 2; c[2] = a / 2;
        c[3] = a / 2; c[4] = -a / 2; c[5] = a / 2;
        c[6] = a / 2; c[7] = a / 2; c[8] = -a / 2;
        break;
    case MSB_LATTICE_FCC:
        c[1] = a / 2; c[2] = a / 2;
        c[3] = a / 2; c[5] = a / 2;
        c[6] = a / 2; c[7] = a / 2;
        break;
    default:
        return MSBI_FAIL(MSB_EINVAL, "unknown lattice kind %d", (int)kind);
    }
    return build(__func__, dim, c, nb, f, n1, n2, n3, nshells, out);
}

msb_status msb_lattice_create_custom(int dim, const double cell[9], size_t nbasis,
                                     const double *frac, size_t n1, size_t n2, size_t n3,
                                     size_t nshells, msb_lattice **out)
{
    MSBI_CHECK_NULL(cell);
    MSBI_CHECK_NULL(frac);
    MSBI_CHECK_NULL(out);
    if (dim != 2 && dim != 3) return MSBI_FAIL(MSB_EINVAL, "dim must be 2 or 3 (got %d)", dim);
    MSBI_TRY(msbi_check_array_finite(__func__, "cell", 9, cell));
    if (nbasis == 0) return MSBI_FAIL(MSB_ESIZE, "empty lattice: nbasis = 0");
    if (nbasis > 4096) return MSBI_FAIL(MSB_ESIZE, "nbasis = %zu too large (limit 4096)", nbasis);
    MSBI_TRY(msbi_check_array_finite(__func__, "frac", 3 * nbasis, frac));
    return build(__func__, dim, cell, nbasis, frac, n1, n2, n3, nshells, out);
}

size_t msb_lattice_nsites(const msb_lattice *lat) { return lat ? lat->nsites : 0; }
int msb_lattice_dim(const msb_lattice *lat) { return lat ? lat->dim : 0; }
size_t msb_lattice_nshells(const msb_lattice *lat) { return lat ? lat->nshells : 0; }

msb_status msb_lattice_shell(const msb_lattice *lat, size_t s, double *distance,
                             size_t *coordination)
{
    MSBI_CHECK_NULL(lat);
    if (s >= lat->nshells)
        return MSBI_FAIL(MSB_ESIZE, "shell %zu out of range (%zu shells)", s, lat->nshells);
    if (distance) *distance = lat->shell_dist[s];
    if (coordination) *coordination = lat->shell_z[s];
    return MSB_SUCCESS;
}

msb_status msb_lattice_site_position(const msb_lattice *lat, size_t i, double xyz[3])
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(xyz);
    if (i >= lat->nsites)
        return MSBI_FAIL(MSB_ESIZE, "site %zu out of range (%zu sites)", i, lat->nsites);
    size_t b = i % lat->nb, c = i / lat->nb;
    double f[3] = {(double)(c % lat->n[0]) + lat->frac[3 * b],
                   (double)((c / lat->n[0]) % lat->n[1]) + lat->frac[3 * b + 1],
                   (double)(c / (lat->n[0] * lat->n[1])) + lat->frac[3 * b + 2]};
    frac_to_cart(lat->cell, f, xyz);
    return MSB_SUCCESS;
}

msb_status msb_lattice_neighbors(const msb_lattice *lat, size_t i, size_t s, size_t cap,
                                 size_t *idx, double *disp, size_t *n)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(n);
    if (i >= lat->nsites)
        return MSBI_FAIL(MSB_ESIZE, "site %zu out of range (%zu sites)", i, lat->nsites);
    if (s >= lat->nshells)
        return MSBI_FAIL(MSB_ESIZE, "shell %zu out of range (%zu shells)", s, lat->nshells);
    size_t k0 = lat->off[i * lat->nshells + s], k1 = lat->off[i * lat->nshells + s + 1];
    *n = k1 - k0;
    if (cap < k1 - k0)
        return MSBI_FAIL(MSB_ESIZE, "capacity %zu < %zu neighbours", cap, k1 - k0);
    MSBI_CHECK_NULL(idx);
    size_t b = i % lat->nb, t0 = lat->toff[b * lat->nshells + s];
    for (size_t k = 0; k < k1 - k0; k++) {
        idx[k] = lat->nbr[k0 + k];
        if (disp) memcpy(disp + 3 * k, lat->tdisp + 3 * (t0 + k), 3 * sizeof(double));
    }
    return MSB_SUCCESS;
}

msb_status msb_lattice_triplet_orbits(const msb_lattice *lat, size_t max_shell, size_t cap,
                                      size_t *shells, size_t *count)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(count);
    if (max_shell >= lat->nshells)
        return MSBI_FAIL(MSB_ESIZE, "max_shell %zu >= nshells %zu", max_shell, lat->nshells);
    /* a bitmap over the (at most 16^3) sorted triples */
    unsigned char seen[MSBI_MAX_SHELLS * MSBI_MAX_SHELLS * MSBI_MAX_SHELLS] = {0};
    const size_t S = lat->nshells;
    for (size_t b = 0; b < lat->nb; b++) {
        size_t t0 = lat->toff[b * S], t1 = lat->toff[b * S + max_shell + 1];
        for (size_t j = t0; j < t1; j++)
            for (size_t k = j + 1; k < t1; k++) {
                const double *u = lat->tdisp + 3 * j, *v = lat->tdisp + 3 * k;
                double d = sqrt((u[0] - v[0]) * (u[0] - v[0]) + (u[1] - v[1]) * (u[1] - v[1]) +
                                (u[2] - v[2]) * (u[2] - v[2]));
                int sjk = msbi_lattice_shell_of(lat, d);
                if (sjk < 0 || (size_t)sjk > max_shell) continue;
                size_t sj = 0, sk = 0;
                for (size_t s = 0; s <= max_shell; s++) {
                    if (j >= lat->toff[b * S + s] && j < lat->toff[b * S + s + 1]) sj = s;
                    if (k >= lat->toff[b * S + s] && k < lat->toff[b * S + s + 1]) sk = s;
                }
                size_t t[3] = {sj, sk, (size_t)sjk};
                qsort(t, 3, sizeof(size_t), cmp_size);
                seen[(t[0] * MSBI_MAX_SHELLS + t[1]) * MSBI_MAX_SHELLS + t[2]] = 1;
            }
    }
    size_t c = 0;
    for (size_t x = 0; x < sizeof seen; x++)
        if (seen[x]) {
            if (shells && c < cap) {
                shells[3 * c] = x / (MSBI_MAX_SHELLS * MSBI_MAX_SHELLS);
                shells[3 * c + 1] = (x / MSBI_MAX_SHELLS) % MSBI_MAX_SHELLS;
                shells[3 * c + 2] = x % MSBI_MAX_SHELLS;
            }
            c++;
        }
    *count = c;
    if (shells && cap < c) return MSBI_FAIL(MSB_ESIZE, "capacity %zu < %zu orbits", cap, c);
    return MSB_SUCCESS;
}

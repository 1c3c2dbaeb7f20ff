/* Cluster-expansion Hamiltonian with point, pair and triplet clusters for the MC and KMC
 * engines: local energy changes of flips and exchanges (msbridge/ce.h). */
#include <string.h>

#include "lattice/lattice_internal.h"
#include "msbridge/ce.h"

void msb_ce_hamiltonian_destroy(msb_ce_hamiltonian *h)
{
    if (h == NULL) return;
    msbi_free(h->tl);
    msbi_free(h->tstart);
    msbi_free(h);
}

msb_status msb_ce_hamiltonian_create(const msb_lattice *lat, size_t npair, size_t ntrip_shells,
                                     const double *eci_J, msb_ce_hamiltonian **out)
{
    MSBI_CHECK_NULL(lat);
    MSBI_CHECK_NULL(eci_J);
    MSBI_CHECK_NULL(out);
    size_t ncorr;
    MSBI_TRY(msb_ce_basis_size(lat, npair, ntrip_shells, &ncorr));
    MSBI_TRY(msbi_check_array_finite(__func__, "eci_J", ncorr, eci_J));
    const size_t M = lat->nsites, S = lat->nshells, nb = lat->nb, ncell = M / nb;
    msb_ce_hamiltonian *h = msbi_calloc(1, sizeof *h);
    if (!h) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    h->lat = lat;
    h->npair = npair;
    h->ntrip_shells = ntrip_shells;
    h->ntri_orb = ncorr - 2 - npair;
    h->J1 = eci_J[1];
    double e_empty = -eci_J[1]; /* per site, without the constant J0 */
    /* E = M sum_a J_a Phi_a with Phi the average over ordered (pairs) or vertex-centred
     * (triangles) clusters: per unordered pair 2 M J_s / (ordered count), per triangle
     * 3 M J_t / (centred count) */
    for (size_t s = 0; s < npair; s++) {
        double cnt = 0;
        for (size_t b = 0; b < nb; b++)
            cnt += (double)ncell * (double)(lat->toff[b * S + s + 1] - lat->toff[b * S + s]);
        h->cp[s] = cnt > 0 ? 2.0 * (double)M * eci_J[2 + s] / cnt : 0.0;
        if (cnt > 0) e_empty += eci_J[2 + s];
    }
    if (h->ntri_orb > 0) {
        size_t norb;
        msb_status st = msbi_ce_triangles(__func__, lat, ntrip_shells, &h->tl, &h->tstart,
                                           &norb);
        if (st) {
            msb_ce_hamiltonian_destroy(h);
            return st;
        }
        double cnt[64] = {0};
        for (size_t b = 0; b < nb; b++)
            for (size_t t = h->tstart[b]; t < h->tstart[b + 1]; t++) cnt[h->tl[t].orbit] += ncell;
        for (size_t o = 0; o < h->ntri_orb; o++) {
            const double J = eci_J[2 + npair + o];
            h->ct[o] = cnt[o] > 0 ? 3.0 * (double)M * J / cnt[o] : 0.0;
            if (cnt[o] > 0) e_empty -= J; /* (-1)^3 on the empty lattice */
        }
    }
    h->e_empty = (double)M * e_empty;
    h->range = npair > ntrip_shells ? npair : ntrip_shells;
    *out = h;
    return MSB_SUCCESS;
}

/* occupation of site x, with site `ov` read as toggled (SIZE_MAX: none) */
static inline int occ_at(const unsigned char *n, size_t x, size_t ov)
{
    return x == ov ? 1 - n[x] : n[x];
}

static inline double flip_ov(const msb_ce_hamiltonian *h, const unsigned char *n, size_t i,
                             size_t ov)
{
    const msb_lattice *lat = h->lat;
    const size_t S = lat->nshells, *off = lat->off + i * S;
    const uint32_t *nbr = lat->nbr;
    double f = h->J1;
    for (size_t s = 0; s < h->npair; s++) {
        int c = 0;
        for (size_t q = off[s]; q < off[s + 1]; q++) c += 2 * occ_at(n, nbr[q], ov) - 1;
        f += h->cp[s] * (double)c;
    }
    if (h->ntri_orb) {
        const size_t b = i % lat->nb, base = off[0];
        for (size_t t = h->tstart[b]; t < h->tstart[b + 1]; t++) {
            const int sj = 2 * occ_at(n, nbr[base + h->tl[t].j], ov) - 1,
                      sk = 2 * occ_at(n, nbr[base + h->tl[t].k], ov) - 1;
            f += h->ct[h->tl[t].orbit] * (double)(sj * sk);
        }
    }
    return -2.0 * (2.0 * occ_at(n, i, ov) - 1.0) * f;
}

double msbi_ce_flip(const msb_ce_hamiltonian *h, const unsigned char *n, size_t i)
{
    return flip_ov(h, n, i, SIZE_MAX);
}

double msbi_ce_total(const msb_ce_hamiltonian *h, const unsigned char *n)
{
    const msb_lattice *lat = h->lat;
    const size_t S = lat->nshells, M = lat->nsites;
    const uint32_t *nbr = lat->nbr;
    double E = 0;
    for (size_t i = 0; i < M; i++) {
        const size_t *off = lat->off + i * S;
        const double si = 2.0 * n[i] - 1.0;
        double f = h->J1;
        for (size_t s = 0; s < h->npair; s++) {
            int c = 0;
            for (size_t q = off[s]; q < off[s + 1]; q++) c += 2 * n[nbr[q]] - 1;
            f += 0.5 * h->cp[s] * (double)c;
        }
        if (h->ntri_orb) {
            const size_t b = i % lat->nb, base = off[0];
            for (size_t t = h->tstart[b]; t < h->tstart[b + 1]; t++) {
                const int sj = 2 * n[nbr[base + h->tl[t].j]] - 1,
                          sk = 2 * n[nbr[base + h->tl[t].k]] - 1;
                f += h->ct[h->tl[t].orbit] * (double)(sj * sk) / 3.0;
            }
        }
        E += si * f;
    }
    /* E is the cluster sum without the constant M J0; e_empty is the same sum on the empty
     * lattice */
    return E - h->e_empty;
}

static msb_status check_occ(const char *where, const msb_ce_hamiltonian *h,
                            const unsigned char *occ)
{
    for (size_t i = 0; i < h->lat->nsites; i++)
        if (occ[i] > 1)
            return msbi_error(MSB_EDOM, where, "occupation %u at site %zu is not 0 or 1", occ[i],
                              i);
    return MSB_SUCCESS;
}

msb_status msb_ce_hamiltonian_energy(const msb_ce_hamiltonian *h, const unsigned char *occ,
                                     double *E_J)
{
    MSBI_CHECK_NULL(h);
    MSBI_CHECK_NULL(occ);
    MSBI_CHECK_NULL(E_J);
    MSBI_TRY(check_occ(__func__, h, occ));
    *E_J = msbi_ce_total(h, occ);
    return MSB_SUCCESS;
}

msb_status msb_ce_hamiltonian_delta(const msb_ce_hamiltonian *h, const unsigned char *occ,
                                    size_t i, size_t j, double *dE_J)
{
    MSBI_CHECK_NULL(h);
    MSBI_CHECK_NULL(occ);
    MSBI_CHECK_NULL(dE_J);
    const size_t M = h->lat->nsites;
    if (i >= M || j >= M)
        return MSBI_FAIL(MSB_ESIZE, "site %zu out of range (%zu sites)", i >= M ? i : j, M);
    MSBI_TRY(check_occ(__func__, h, occ));
    if (i == j) *dE_J = flip_ov(h, occ, i, SIZE_MAX);
    else if (occ[i] == occ[j]) *dE_J = 0.0;
    else *dE_J = flip_ov(h, occ, i, SIZE_MAX) + flip_ov(h, occ, j, i);
    return MSB_SUCCESS;
}

double msbi_ce_flip_empty(const msb_ce_hamiltonian *h, size_t b)
{
    const msb_lattice *lat = h->lat;
    const size_t S = lat->nshells;
    double f = h->J1;
    for (size_t s = 0; s < h->npair; s++)
        f -= h->cp[s] * (double)(lat->toff[b * S + s + 1] - lat->toff[b * S + s]);
    if (h->ntri_orb)
        for (size_t t = h->tstart[b]; t < h->tstart[b + 1]; t++) f += h->ct[h->tl[t].orbit];
    return 2.0 * f; /* s_i = -1 -> +1 */
}

/* Internal: lattice layout shared by the cluster expansion, MC and KMC engines. */
#ifndef MSBI_LATTICE_INTERNAL_H
#define MSBI_LATTICE_INTERNAL_H

#include <stdint.h>

#include "core/internal.h"
#include "msbridge/ce.h"
#include "msbridge/lattice.h"

struct msb_lattice {
    int dim;
    size_t nb, n[3], nsites, nshells;
    double cell[9];   /* rows = cell vectors, m */
    double *frac;     /* nb x 3 */
    double *shell_dist; /* nshells */
    size_t *shell_z;    /* nshells: max coordination over basis */
    /* neighbour lists, CSR: entries of (site, shell) are nbr[off[site*nshells+s] ..
     * off[site*nshells+s+1]) */
    size_t *off;
    uint32_t *nbr;
    /* displacement templates per (basis b, shell s): tdisp[3*(toff[b*nshells+s] + k)] */
    size_t *toff;
    double *tdisp;
};

/* Shell index of a distance (m), or -1 if it matches none of the tabulated shells. */
int msbi_lattice_shell_of(const msb_lattice *lat, double d);

/* A triangle through a site: template-neighbour offsets j < k within the site's neighbour list
 * (shells 0 .. ntrip_shells - 1 concatenated) and its triplet orbit. */
typedef struct msbi_tri { uint32_t j, k, orbit; } msbi_tri;
msb_status msbi_ce_triangles(const char *where, const msb_lattice *lat, size_t ntrip_shells,
                             msbi_tri **tl, size_t **tstart, size_t *norb);

/* Cluster-expansion Hamiltonian (msbridge/ce.h), read by the MC and KMC engines. Energies
 * relative to the empty lattice; spin s = 2n - 1. Flipping site i changes E by
 * -2 s_i [J1 + sum_s cp[s] sum_{j in shell s} s_j + sum_{triangles (i,j,k)} ct[orbit] s_j s_k]. */
struct msb_ce_hamiltonian {
    const msb_lattice *lat;
    size_t npair, ntrip_shells, ntri_orb, range; /* range: shells an energy change reaches */
    double J1, cp[16], ct[64], e_empty;
    msbi_tri *tl;
    size_t *tstart;
};
double msbi_ce_flip(const msb_ce_hamiltonian *h, const unsigned char *n, size_t i);
double msbi_ce_total(const msb_ce_hamiltonian *h, const unsigned char *n);
/* energy of putting one particle on basis site b of an otherwise empty lattice */
double msbi_ce_flip_empty(const msb_ce_hamiltonian *h, size_t b);

#endif

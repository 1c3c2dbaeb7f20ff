/* Internal: lattice layout shared by the cluster expansion, MC and KMC engines. */
#ifndef MSBI_LATTICE_INTERNAL_H
#define MSBI_LATTICE_INTERNAL_H

#include <stdint.h>

#include "core/internal.h"
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

#endif

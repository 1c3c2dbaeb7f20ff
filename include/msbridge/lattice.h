/* msbridge/lattice.h — periodic lattices, neighbour shells and cluster orbits for the lattice
 * engines (cluster expansion msbridge/ce.h, Monte Carlo msbridge/mc.h, kinetic Monte Carlo
 * msbridge/kmc.h).
 *
 * A lattice is a periodic supercell n1 x n2 x n3 of a primitive cell (three cell vectors, in m)
 * holding `nbasis` sites given in fractional coordinates. Sites are numbered
 *     site = ((i3 * n2 + i2) * n1 + i1) * nbasis + b.
 * Two-dimensional lattices (square, triangular, honeycomb, or a custom lattice with dim = 2) are
 * periodic in the first two directions only and must have n3 = 1.
 *
 * Neighbour shells: all site pairs are grouped by distance (relative tolerance 1e-6) into
 * shells 0, 1, ... (shell 0 = nearest neighbours); the first `nshells` are tabulated. Orbits
 * (symmetry level reached, documented in docs/lattice.md): pair orbits are distance shells;
 * triplet orbits are the classes of triangles with the same sorted triple of shell indices.
 * This equals the full space-group orbit for the built-in Bravais lattices up to the shells
 * where two inequivalent pairs happen to share a distance (e.g. none within 3 shells for
 * square/sc/fcc/bcc); for user-defined multi-site cells it can merge inequivalent clusters.
 *
 * The supercell must be large enough that every tabulated neighbour is a distinct site and not
 * the site itself (MSB_ESIZE otherwise). Memory is linear in the number of sites.
 * A lattice is immutable after creation: thread-safe to share.
 */
#ifndef MSBRIDGE_LATTICE_H
#define MSBRIDGE_LATTICE_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef struct msb_lattice msb_lattice;

typedef enum msb_lattice_kind {
    MSB_LATTICE_SQUARE = 0,      /* 2-D, nearest-neighbour distance a, z = 4 */
    MSB_LATTICE_TRIANGULAR = 1,  /* 2-D, a, z = 6 */
    MSB_LATTICE_HONEYCOMB = 2,   /* 2-D, 2-site cell, nearest-neighbour distance a, z = 3 */
    MSB_LATTICE_SC = 3,          /* simple cubic, a, z = 6 */
    MSB_LATTICE_BCC = 4,         /* body-centred cubic, conventional cube edge a; primitive cell */
    MSB_LATTICE_FCC = 5          /* face-centred cubic, conventional cube edge a; primitive cell */
} msb_lattice_kind;

/* Built-in lattice. `a` (m, > 0): nearest-neighbour distance for square, triangular,
 * honeycomb and sc; the conventional cubic edge for bcc and fcc. n1, n2, n3 >= 1 primitive
 * cells along each vector (n3 must be 1 for 2-D kinds); 1 <= nshells <= 16 shells tabulated.
 * Errors: MSB_ENULL, MSB_EINVAL (unknown kind), MSB_EDOM (a <= 0), MSB_ENONFINITE, MSB_ESIZE
 * (zero size, supercell too small for the shells, > 2^31 sites), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_lattice_create(msb_lattice_kind kind, double a, size_t n1, size_t n2,
                                      size_t n3, size_t nshells, msb_lattice **out);

/* User-defined lattice: `cell` holds the three cell vectors as rows (m, row-major 3 x 3; for
 * dim = 2 the third row is ignored except that it must be finite), `frac` the nbasis fractional
 * positions (nbasis x 3; each in [0, 1); the third ignored for dim = 2). dim is 2 or 3.
 * Errors as msb_lattice_create, plus MSB_EDOM for a degenerate cell, a site outside the cell
 * or two coincident sites. Thread-safe. */
MSB_API msb_status msb_lattice_create_custom(int dim, const double cell[9], size_t nbasis,
                                             const double *frac, size_t n1, size_t n2, size_t n3,
                                             size_t nshells, msb_lattice **out);

/* Release. NULL-safe. */
MSB_API void msb_lattice_destroy(msb_lattice *lat);

/* Number of sites; 0 for NULL. */
MSB_API size_t msb_lattice_nsites(const msb_lattice *lat);
/* Spatial dimension (2 or 3); 0 for NULL. */
MSB_API int msb_lattice_dim(const msb_lattice *lat);
/* Number of tabulated shells; 0 for NULL. */
MSB_API size_t msb_lattice_nshells(const msb_lattice *lat);

/* Distance (m) of shell s and its coordination number (neighbours per site; for multi-site
 * cells the largest over the basis sites); either output may be NULL (not written).
 * Errors: MSB_ENULL (lat), MSB_ESIZE (s out of range). */
MSB_API msb_status msb_lattice_shell(const msb_lattice *lat, size_t s, double *distance,
                                     size_t *coordination);

/* Cartesian position (m) of site i. Errors: MSB_ENULL, MSB_ESIZE. */
MSB_API msb_status msb_lattice_site_position(const msb_lattice *lat, size_t i, double xyz[3]);

/* Neighbours of site i in shell s: indices into idx (capacity `cap`) and, if disp is not NULL,
 * the displacement vectors (m, 3 per neighbour). *n gets the count (also when cap is too
 * small, then MSB_ESIZE). Errors: MSB_ENULL, MSB_ESIZE. */
MSB_API msb_status msb_lattice_neighbors(const msb_lattice *lat, size_t i, size_t s, size_t cap,
                                         size_t *idx, double *disp, size_t *n);

/* Triplet orbits whose three sides all lie within shells 0..max_shell (max_shell <
 * nshells): *count gets their number and, if shells is not NULL (capacity 3 * cap), the sorted
 * shell triple of each orbit, in lexicographic order. Errors: MSB_ENULL, MSB_ESIZE. */
MSB_API msb_status msb_lattice_triplet_orbits(const msb_lattice *lat, size_t max_shell,
                                              size_t cap, size_t *shells, size_t *count);

MSB_END_DECLS

#endif

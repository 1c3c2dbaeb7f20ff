/* Internal: lower convex hull of points in the plane (composition, energy). */
#ifndef MSBI_NUMERICS_HULL_H
#define MSBI_NUMERICS_HULL_H

#include "core/internal.h"

/* Lower convex hull of the n points (x[i], e[i]) (finite; not checked here).
 *
 * Robustness rules, in this order:
 *  - points with exactly equal x are duplicates: only the lowest e is a hull candidate (ties:
 *    the lowest index);
 *  - a candidate B between its hull neighbours A and C is dropped unless it lies below the
 *    chord AC by more than `tol` (same unit as e, >= 0): collinear points and points within
 *    tol of the chord are not vertices (their energy above the hull is ~0 but they are not
 *    stable);
 *  - the end members (smallest and largest x) are always vertices.
 * Monotone chain (A. M. Andrew, Inf. Process. Lett. 9, 216 (1979)) after a sort: O(n log n).
 * Writes the vertex indices (into x/e) in increasing x to vert[0..*nvert-1] (room for n).
 * Allocates n records of scratch; MSB_ENOMEM (with the message for `where`) on failure.
 * Requires n >= 1. */
msb_status msbi_lower_hull(const char *where, size_t n, const double *x, const double *e,
                           double tol, size_t *vert, size_t *nvert);

/* Height of the hull at xq (vertices vx/ve sorted by x, nv >= 1): linear interpolation on the
 * bracketing segment found by bisection; *seg = index of the left vertex of that segment
 * (nv - 1 for a single vertex, or xq at the last vertex). xq outside [vx[0], vx[nv-1]] is
 * clamped to the end segment (extrapolated linearly). */
double msbi_hull_height(size_t nv, const double *vx, const double *ve, double xq, size_t *seg);

#endif

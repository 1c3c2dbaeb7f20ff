/* Internal: shape-preserving monotone C1 interpolation (Steffen). */
#ifndef MSBI_NUMERICS_INTERP_H
#define MSBI_NUMERICS_INTERP_H

#include "core/internal.h"

/* Node slopes d[0..n-1] of the cubic Hermite interpolant of M. Steffen, Astron. Astrophys. 239,
 * 443 (1990): on every interval the interpolant is monotone where the data are, has no extremum
 * that is not at a node (no overshoot, no ripples), and is C1. x strictly increasing, n >= 2
 * (validated by the caller). n = 2 gives the straight line. */
void msbi_steffen_slopes(size_t n, const double *x, const double *y, double *d);

/* Value and first derivative at xq of the Hermite interpolant with node slopes d. Outside
 * [x[0], x[n-1]] the end tangent line is used (linear extrapolation). Bisection: O(log n),
 * allocation-free, thread-safe. */
void msbi_hermite_eval(size_t n, const double *x, const double *y, const double *d, double xq,
                       double *f, double *df);

/* O(1) interval lookup for msbi_hermite_eval_idx: nb buckets over [x[0], x[n-1]]; bucket[b]
 * is the interval containing the bucket's left edge. Fill with msbi_hermite_buckets (nb >= 1,
 * room for nb entries). */
void msbi_hermite_buckets(size_t n, const double *x, size_t nb, size_t *bucket);

/* As msbi_hermite_eval, locating the interval through the buckets (then a short walk). */
void msbi_hermite_eval_idx(size_t n, const double *x, const double *y, const double *d,
                           size_t nb, const size_t *bucket, double xq, double *f, double *df);

#endif

/* Internal: the Redlich-Kister lattice free energy shared by the free-energy and OCV laws. */
#ifndef MSBI_THERMO_INTERNAL_H
#define MSBI_THERMO_INTERNAL_H

#include "laws/law_internal.h"

typedef struct msbi_rk_data {
    size_t m;      /* number of Redlich-Kister terms */
    double mu_ref; /* J per ion */
} msbi_rk_data;

/* F and its derivatives at one point (per site, J). */
typedef struct msbi_rk_vals {
    double F, mu, mu_x, mu_xx; /* F, dF/dx, d2F/dx2, d3F/dx3 */
    double F_T, mu_T, mu_xT;   /* dF/dT, d2F/dxdT, d3F/dx2dT */
} msbi_rk_vals;

/* Evaluate at (x, T), 0 < x < 1, T > 0, with p = (E0, A[m], B[m]). */
void msbi_rk_point(size_t m, const double *p, double x, double T, msbi_rk_vals *v);

/* The law is a Redlich-Kister free-energy law (made by msb_free_energy_rk_*). */
int msbi_is_rk_law(const msb_law *law);

/* Common tangents at T with the law's own parameters: see msb_free_energy_binodals.
 * The grid-free refinement msbi_rk_tangent refines a guess (a, b) in place; returns 0 on
 * convergence to a gap wider than 1e-6, 1 otherwise. Allocation-free. */
int msbi_rk_tangent(size_t m, const double *p, double T, double *a, double *b, double *mu);

/* Parameter derivatives of F and mu at (x, T): dF[1+2m], dmu[1+2m]. */
void msbi_rk_dparams(size_t m, double x, double T, double *dF, double *dmu);

/* Grid + hull + Newton gaps (allocates); see msb_free_energy_binodals. */
msb_status msbi_rk_gaps(const char *where, size_t m, const double *p, double T, size_t capacity,
                        double *x_lo, double *x_hi, double *mu, size_t *ngap);

#endif

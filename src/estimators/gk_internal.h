/* Internal: argument checks and prefactors shared by the Green-Kubo estimators. */
#ifndef MSBI_GK_INTERNAL_H
#define MSBI_GK_INTERNAL_H

#include "core/internal.h"
#include "msbridge/green_kubo.h"

/* Validate (kind, n >= n_min, ncomp, x finite, dt, geom, T) and return the prefactor that
 * turns int <x x> dt into kappa or G, and the output's name and unit. */
msb_status msbi_gk_check(const char *where, msb_gk_kind kind, size_t n, size_t n_min,
                         size_t ncomp, const double *x, double dt_s, double geom, double T_K,
                         double *prefactor, const char **name, const char **unit);

#endif

/* msbridge/core.h — version, exact physical constants, unit helpers and the GSL error policy.
 *
 * Units: SI at every API boundary (J, K, m, s, mol, Pa, V, S/m). Per-particle energies are in
 * joules; MSB_EV converts from electronvolts.
 */
#ifndef MSBRIDGE_CORE_H
#define MSBRIDGE_CORE_H

#include "msbridge/export.h"
#include "msbridge/status.h"
#include "msbridge/version.h"

MSB_BEGIN_DECLS

/* ---- Exact SI-2019 defining constants (CODATA 2018; exact by definition). Never use GSL's
 * gsl_const_mksa.h values: they are CODATA 2006. ---- */
#define MSB_K_B 1.380649e-23        /* Boltzmann constant, J/K (exact) */
#define MSB_H 6.62607015e-34        /* Planck constant, J s (exact) */
#define MSB_E 1.602176634e-19       /* elementary charge, C (exact) */
#define MSB_N_A 6.02214076e23       /* Avogadro constant, 1/mol (exact) */
/* Derived, also exact as real numbers; these literals are the doubles nearest the exact
 * products (tested). */
#define MSB_F 96485.3321233100184   /* Faraday constant N_A e, C/mol */
#define MSB_R 8.31446261815324      /* molar gas constant N_A k_B, J/(mol K) */
#define MSB_HBAR 1.054571817646156391e-34 /* h / (2 pi), J s (to 19 digits) */
#define MSB_EV 1.602176634e-19      /* one electronvolt in joules (exact) */
#define MSB_ANGSTROM 1e-10          /* m */

/* eV <-> J and per-particle J <-> J/mol conversions. Pure, thread-safe, no error reporting. */
MSB_API double msb_ev_to_j(double energy_eV);
MSB_API double msb_j_to_ev(double energy_J);
MSB_API double msb_j_to_j_per_mol(double energy_J);
MSB_API double msb_j_per_mol_to_j(double energy_J_per_mol);

/* Version of the library that is running (not the header you compiled against):
 * major * 10000 + minor * 100 + patch. Bindings compare it with MSB_VERSION_NUMBER. */
MSB_API int msb_version_number(void);
/* "major.minor.patch"; static string. */
MSB_API const char *msb_version_string(void);

/* ---- GSL error policy ----
 * GSL reports errors by calling gsl_error(), whose default handler aborts the process. The
 * library guarantees that none of its calls can reach an abort:
 *  1. every argument is validated before GSL sees it, so GSL's documented error branches are
 *     unreachable from valid library calls;
 *  2. before the first GSL call, the library checks the process's GSL handler once: if the
 *     host installed none (GSL's aborting default is active), the library installs its own
 *     handler, which records the error for the calling thread and returns, so that the library
 *     turns it into a status code. If the host already installed a handler, it is left exactly
 *     as it is: the library never overrides a handler the host chose.
 * msb_gsl_policy() reports which case applies. Thread-safe. */
typedef enum msb_gsl_policy_kind {
    MSB_GSL_POLICY_NOT_YET = 0,   /* no GSL call has been made by the library yet */
    MSB_GSL_POLICY_LIBRARY = 1,   /* the library's recording handler is installed */
    MSB_GSL_POLICY_HOST = 2       /* the host's own handler was found and left in place */
} msb_gsl_policy_kind;
MSB_API msb_gsl_policy_kind msb_gsl_policy(void);

/* Progress callback for long-running calls: `done` out of `total` units of work; return
 * non-zero to cancel (the call then returns MSB_ECANCELLED and frees what it allocated). Called
 * from the thread that made the call. */
typedef int (*msb_progress_fn)(void *user, double done, double total);

MSB_END_DECLS

#endif

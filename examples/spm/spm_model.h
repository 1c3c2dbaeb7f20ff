/* Single-particle model (SPM) of one Li-ion electrode, driven by libmsbridge laws.
 *
 * Spherical diffusion in a particle of radius R, finite volumes on N shells, backward Euler in
 * time with Newton iterations whose Jacobian uses the diffusivity law's analytic derivative;
 * Butler-Volmer kinetics whose exchange current density comes from a TST rate constant; the
 * open-circuit voltage from an OCV law; an SEI film resistance from a resistance law. Every
 * material law is an msb_law handle, so the same solver runs with laws built from DFT, MD or
 * Monte Carlo data, or from measured tables.
 *
 *   dc/dt = (1/r^2) d/dr (r^2 D(x, T) dc/dr),   x = c / c_max
 *   -D dc/dr |_R = j = i / F                   (i > 0: lithium enters the particle)
 *   i0 = F k(T) n_s sqrt(x_s (1 - x_s))        (site density n_s, TST rate k)
 *   eta = (2 R_g T / F) asinh(i / (2 i0))      (symmetric Butler-Volmer, alpha = 1/2)
 *   V = U(x_s, T) - eta - i R_SEI(T)           (i > 0 lowers the voltage of a lithiating host
 *                                               relative to its OCV: cathodic overpotential)
 * with the sign of eta chosen so that lithiation (i > 0) gives V < U.
 *
 * Discretisation: N equal shells, the unknown of each is its volume-averaged concentration; the
 * face flux uses D at the mean composition of the two neighbouring cells, and its derivative
 * with respect to both cells enters the Newton Jacobian (tridiagonal, Thomas algorithm). The sum
 * of the face fluxes telescopes, so the lithium inventory changes by exactly the surface flux
 * (to the Newton tolerance, 1e-13 of the largest concentration per step). The surface
 * composition x_s is taken as the outermost cell's value (first order in dr). A failed step
 * leaves the state unchanged. */
#ifndef SPM_MODEL_H
#define SPM_MODEL_H

#include <stddef.h>

#include "msbridge.h"

typedef struct spm_params {
    double radius_m;        /* particle radius */
    double c_max;           /* mol/m^3, lithium sites per volume */
    double site_density;    /* n_s, mol/m^2 of reaction sites on the surface */
    double T_K;             /* isothermal temperature */
    size_t n_shells;        /* finite-volume shells */
    const msb_law *ocv;     /* inputs (x, T) -> output 0: U in V */
    const msb_law *diff;    /* inputs (x, T) or (T) -> output 0: D in m^2/s (e.g. a Darken
                             * law D_chem(x, T) or an Arrhenius D(T)); other outputs ignored */
    const msb_law *rate;    /* input T -> output 0: k in 1/s */
    const msb_law *r_sei;   /* input T -> output 0: R in ohm m^2 (may be NULL) */
} spm_params;

typedef struct spm_state {
    double *c;      /* n_shells concentrations */
    double time_s;
    double charge_C_per_m2; /* integral of i dt */
} spm_state;

typedef struct spm_result {
    double V;        /* terminal voltage of the electrode, V */
    double U;        /* OCV at the surface composition, V */
    double eta;      /* overpotential, V */
    double x_surf;   /* surface composition */
    double x_mean;   /* volume-averaged composition */
    int newton_iters;
} spm_result;

/* Allocate the state at uniform composition x0. Returns 0 or a negative errno-like code. */
int spm_init(const spm_params *p, double x0, spm_state *s);
void spm_free(spm_state *s);

/* Advance by dt at constant current density i (A/m^2 of particle surface). Returns 0 on
 * success, 1 if Newton failed, 2 if a law evaluation failed (msb_last_error_message() says
 * why), 3 if the surface composition (or, for a law D(x, T), any face composition) left
 * (0, 1): the particle is full or empty. On failure the state is unchanged. */
int spm_step(const spm_params *p, spm_state *s, double i_A_per_m2, double dt_s, spm_result *out);

/* Total lithium in the particle, mol (volume integral of c). */
double spm_total_lithium(const spm_params *p, const spm_state *s);

#endif

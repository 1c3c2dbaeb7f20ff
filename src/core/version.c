/* Run-time version and unit helpers (msbridge/core.h). */
#include "core/internal.h"
#include "msbridge/version.h"

int msb_version_number(void) { return MSB_VERSION_NUMBER; }
const char *msb_version_string(void) { return MSB_VERSION_STRING; }

double msb_ev_to_j(double energy_eV) { return energy_eV * MSB_EV; }
double msb_j_to_ev(double energy_J) { return energy_J / MSB_EV; }
double msb_j_to_j_per_mol(double energy_J) { return energy_J * MSB_N_A; }
double msb_j_per_mol_to_j(double energy_J_per_mol) { return energy_J_per_mol / MSB_N_A; }

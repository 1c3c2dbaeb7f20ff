/* msbridge/units.h — explicit unit systems of simulation files (never guessed).
 *
 * Readers and estimators that take simulation output accept a unit system and convert to SI at
 * the boundary. The LAMMPS systems are those of the LAMMPS `units` command (LAMMPS manual,
 * "units" page); "lj" is reduced and needs the three scales sigma, epsilon and mass.
 */
#ifndef MSBRIDGE_UNITS_H
#define MSBRIDGE_UNITS_H

#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef struct msb_units msb_units;

/* Physical quantities whose scale a unit system defines. */
typedef enum msb_quantity {
    MSB_Q_LENGTH = 0,      /* m */
    MSB_Q_TIME = 1,        /* s */
    MSB_Q_ENERGY = 2,      /* J (per particle) */
    MSB_Q_MASS = 3,        /* kg (per particle) */
    MSB_Q_TEMPERATURE = 4, /* K */
    MSB_Q_CHARGE = 5,      /* C */
    MSB_Q_VELOCITY = 6,    /* m/s */
    MSB_Q_PRESSURE = 7,    /* Pa */
    MSB_Q_VOLUME = 8,      /* m^3 */
    MSB_Q_AREA = 9,        /* m^2 */
    MSB_Q_DIFFUSIVITY = 10,/* m^2/s */
    MSB_Q_HEAT_FLUX = 11,  /* energy x velocity (LAMMPS compute heat/flux output): J m/s */
    MSB_Q_POWER = 12,      /* W */
    MSB_Q_COUNT_ = 13
} msb_quantity;

/* A LAMMPS unit system by name: "si", "metal" (A, ps, eV, g/mol, bar, e), "real" (A, fs,
 * kcal/mol, g/mol, atm, e), "cgs", "electron" (bohr, fs, Hartree, amu, Pa, e), "micro", "nano".
 * Masses in g/mol are converted per particle (divided by N_A); kcal/mol likewise.
 * "lj" is rejected here (use msb_units_create_lj). Errors: MSB_ENULL, MSB_EUNITS (unknown
 * name), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_units_create(const char *system, msb_units **out);

/* LAMMPS "lj" reduced units with length sigma_m (m), energy epsilon_J (J) and mass mass_kg (kg)
 * per particle: time tau = sigma sqrt(m/epsilon), temperature epsilon/k_B, etc. Errors:
 * MSB_ENULL, MSB_ENONFINITE, MSB_EDOM (a scale <= 0), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_units_create_lj(double sigma_m, double epsilon_J, double mass_kg,
                                       msb_units **out);

/* Explicit scale factors: how many SI units one file unit of length, time, energy, mass,
 * temperature and charge is (each finite and > 0); derived quantities follow. Errors:
 * MSB_ENULL, MSB_ENONFINITE, MSB_EDOM, MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_units_create_scales(double length_m, double time_s, double energy_J,
                                           double mass_kg, double temperature_K, double charge_C,
                                           msb_units **out);

MSB_API void msb_units_destroy(msb_units *units);

/* SI value of one unit of quantity q in this system (multiply file values by it). Errors:
 * MSB_ENULL, MSB_EINVAL (unknown quantity). Thread-safe. */
MSB_API msb_status msb_units_to_si(const msb_units *units, msb_quantity q, double *factor);

/* The system's name ("metal", "lj", "scales", ...); NULL for NULL. */
MSB_API const char *msb_units_name(const msb_units *units);

MSB_END_DECLS

#endif

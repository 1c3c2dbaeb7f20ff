/* Unit systems (msbridge/units.h). LAMMPS definitions from the LAMMPS manual, `units` command;
 * conversion constants: 1 eV = e J (exact), 1 kcal = 4184 J (thermochemical calorie, exact),
 * 1 bar = 1e5 Pa, 1 atm = 101325 Pa, 1 g/mol per particle = 1e-3/N_A kg, 1 bohr =
 * 0.529177210903e-10 m and 1 Hartree = 4.3597447222071e-18 J (CODATA 2018), 1 amu =
 * 1.66053906660e-27 kg (CODATA 2018). */
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "msbridge/units.h"

struct msb_units {
    char name[16];
    double f[MSB_Q_COUNT_];
};

static msb_status finish(msb_units *u, const char *name, double L, double t, double E, double m,
                         double T, double q, double P, msb_units **out)
{
    snprintf(u->name, sizeof u->name, "%s", name);
    u->f[MSB_Q_LENGTH] = L;
    u->f[MSB_Q_TIME] = t;
    u->f[MSB_Q_ENERGY] = E;
    u->f[MSB_Q_MASS] = m;
    u->f[MSB_Q_TEMPERATURE] = T;
    u->f[MSB_Q_CHARGE] = q;
    u->f[MSB_Q_VELOCITY] = L / t;
    /* pressure: LAMMPS names its own pressure unit; for scale-defined systems energy/volume */
    u->f[MSB_Q_PRESSURE] = P > 0 ? P : E / (L * L * L);
    u->f[MSB_Q_VOLUME] = L * L * L;
    u->f[MSB_Q_AREA] = L * L;
    u->f[MSB_Q_DIFFUSIVITY] = L * L / t;
    u->f[MSB_Q_HEAT_FLUX] = E * L / t;
    u->f[MSB_Q_POWER] = E / t;
    *out = u;
    return MSB_SUCCESS;
}

msb_status msb_units_create(const char *system, msb_units **out)
{
    MSBI_CHECK_NULL(system);
    MSBI_CHECK_NULL(out);
    const double A = 1e-10, gmol = 1e-3 / MSB_N_A, kcalmol = 4184.0 / MSB_N_A;
    struct row { const char *name; double L, t, E, m, T, q, P; } rows[] = {
        {"si", 1, 1, 1, 1, 1, 1, 1},
        {"metal", A, 1e-12, MSB_EV, gmol, 1, MSB_E, 1e5},
        {"real", A, 1e-15, kcalmol, gmol, 1, MSB_E, 101325.0},
        {"cgs", 1e-2, 1, 1e-7, 1e-3, 1, 3.33564095198152e-10 /* statC */, 0.1},
        {"electron", 0.529177210903e-10, 1e-15, 4.3597447222071e-18, 1.66053906660e-27, 1, MSB_E, 1},
        {"micro", 1e-6, 1e-6, 1e-15 /* pg um^2/us^2 */, 1e-15, 1, 1e-12, 1e-15 / 1e-18 /* pg/(um us^2) */},
        {"nano", 1e-9, 1e-9, 1e-18 /* ag nm^2/ns^2 */, 1e-21, 1, MSB_E, 1e-18 / 1e-27},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (strcmp(system, rows[i].name) != 0) continue;
        msb_units *u = msbi_calloc(1, sizeof *u);
        if (u == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
        return finish(u, rows[i].name, rows[i].L, rows[i].t, rows[i].E, rows[i].m, rows[i].T,
                      rows[i].q, rows[i].P, out);
    }
    if (strcmp(system, "lj") == 0)
        return MSBI_FAIL(MSB_EUNITS, "'lj' units need sigma, epsilon and mass: use "
                         "msb_units_create_lj");
    return MSBI_FAIL(MSB_EUNITS, "unknown unit system '%s' (known: si, metal, real, cgs, electron, "
                     "micro, nano, and lj via msb_units_create_lj)", system);
}

msb_status msb_units_create_lj(double sigma_m, double epsilon_J, double mass_kg, msb_units **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "sigma_m", sigma_m));
    MSBI_TRY(msbi_check_positive(__func__, "epsilon_J", epsilon_J));
    MSBI_TRY(msbi_check_positive(__func__, "mass_kg", mass_kg));
    msb_units *u = msbi_calloc(1, sizeof *u);
    if (u == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    /* LAMMPS lj: tau = sigma sqrt(m/epsilon), T* = epsilon/k_B, P* = epsilon/sigma^3; charge
     * q* = sqrt(4 pi eps0 sigma epsilon) is left at 1 C scale (not needed by any estimator). */
    const double tau = sigma_m * sqrt(mass_kg / epsilon_J);
    return finish(u, "lj", sigma_m, tau, epsilon_J, mass_kg, epsilon_J / MSB_K_B, 1.0, 0, out);
}

msb_status msb_units_create_scales(double length_m, double time_s, double energy_J,
                                   double mass_kg, double temperature_K, double charge_C,
                                   msb_units **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "length_m", length_m));
    MSBI_TRY(msbi_check_positive(__func__, "time_s", time_s));
    MSBI_TRY(msbi_check_positive(__func__, "energy_J", energy_J));
    MSBI_TRY(msbi_check_positive(__func__, "mass_kg", mass_kg));
    MSBI_TRY(msbi_check_positive(__func__, "temperature_K", temperature_K));
    MSBI_TRY(msbi_check_positive(__func__, "charge_C", charge_C));
    msb_units *u = msbi_calloc(1, sizeof *u);
    if (u == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    return finish(u, "scales", length_m, time_s, energy_J, mass_kg, temperature_K, charge_C, 0, out);
}

void msb_units_destroy(msb_units *units) { msbi_free(units); }

msb_status msb_units_to_si(const msb_units *units, msb_quantity q, double *factor)
{
    MSBI_CHECK_NULL(units);
    MSBI_CHECK_NULL(factor);
    if ((int)q < 0 || q >= MSB_Q_COUNT_)
        return MSBI_FAIL(MSB_EINVAL, "unknown quantity %d", (int)q);
    *factor = units->f[q];
    return MSB_SUCCESS;
}

const char *msb_units_name(const msb_units *units) { return units ? units->name : NULL; }

/* msbridge kmc FILE: vacancy-mediated diffusion KMC from a key = value input file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_keyval.h"

const char *const msbcli_summary_kmc = "vacancy kinetic Monte Carlo: D*, D_J, f, D_chem (input file)";
const char *const msbcli_help_kmc =
    "usage: msbridge kmc [--json] FILE\n"
    "\n"
    "Rejection-free kinetic Monte Carlo of atoms hopping into vacant nearest-neighbour sites\n"
    "with rates nu exp(-(E_kra + dE/2)/kT) (docs/lattice.md). FILE holds key = value lines:\n"
    "  lattice, a, size        as for 'msbridge mc'                           (required)\n"
    "  T          temperature, K                                              (required)\n"
    "  x          atom site fraction (rounded to a whole number of atoms), or\n"
    "  n_atoms    number of atoms                                   (one of them required)\n"
    "  nu         attempt frequency, 1/s (default 1e13)\n"
    "  E_kra_eV   barrier of a hop with no energy change, eV                 (required)\n"
    "  V_eV       pair interactions of shells 0, 1, ..., eV (default none)\n"
    "  events     events per replica (default 100000, >= 64); equil (default 0)\n"
    "  replicas   independent replicas (default 8); seed (default 1)\n"
    "  theta      thermodynamic factor for D_chem = theta D_J (optional)\n"
    "Errors are reported as FILE:LINE: message.\n"
    "\n"
    "example:\n"
    "  printf 'lattice = fcc\\na = 4.05e-10\\nsize = 10 10 10\\nT = 600\\nn_atoms = 999\\n"
    "E_kra_eV = 0.6\\n' > kmc.in\n"
    "  msbridge kmc kmc.in\n";

int msbcli_cmd_kmc(int argc, char **argv)
{
    int json;
    msbcli_kv kv;
    int rc = msbcli_kv_open("kmc", argc, argv, &json, &kv);
    if (rc) return rc;
    const char *path = kv.path;
    msb_lattice *lat = NULL;
    msb_estimate *est = NULL;
    double V[16], T = 0, nu = 1e13, Ek = 0, x = NAN, theta = NAN;
    size_t nV = 0, n_atoms = 0, events = 100000, equil = 0, reps = 8, seed = 1;
    if ((rc = msbcli_kv_list(&kv, "V_eV", 16, V, &nV)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_lattice(&kv, nV ? nV : 1, &lat))) goto out;
    if ((rc = msbcli_kv_double(&kv, "T", &T))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'T' (K)\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    if ((rc = msbcli_kv_double(&kv, "E_kra_eV", &Ek))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'E_kra_eV'\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    int have_n = 0, have_x = 0;
    if ((rc = msbcli_kv_size(&kv, "n_atoms", &n_atoms)) == MSBCLI_DATA) goto out;
    have_n = rc == 0;
    if ((rc = msbcli_kv_double(&kv, "x", &x)) == MSBCLI_DATA) goto out;
    have_x = rc == 0;
    if (have_n == have_x) {
        fprintf(stderr, "%s: give exactly one of 'x' and 'n_atoms'\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    if (have_x) {
        if (!(x >= 0 && x <= 1)) {
            fprintf(stderr, "%s:%zu: impossible composition x = %g\n", path,
                    msbcli_kv_line(&kv, "x"), x);
            rc = MSBCLI_DATA;
            goto out;
        }
        n_atoms = (size_t)floor(x * (double)msb_lattice_nsites(lat) + 0.5);
    }
    if ((rc = msbcli_kv_double(&kv, "nu", &nu)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_double(&kv, "theta", &theta)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "events", &events)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "equil", &equil)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "replicas", &reps)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "seed", &seed)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_unused(&kv))) goto out;
    for (size_t s = 0; s < nV; s++) V[s] *= MSB_EV;
    msb_status s = msb_kmc_vacancy(lat, n_atoms, nu, Ek * MSB_EV, nV, V, T, equil, events, reps,
                                   theta, NAN, seed, NULL, NULL, &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "kmc", path);
    rc = MSBCLI_OK;
out:
    msb_estimate_destroy(est);
    msb_lattice_destroy(lat);
    msbcli_kv_free(&kv);
    return rc;
}

/* msbridge mc FILE: Metropolis Monte Carlo of a lattice gas from a key = value input file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_keyval.h"

const char *const msbcli_summary_mc = "lattice-gas Monte Carlo: <x>(mu,T), Theta, F (input file)";
const char *const msbcli_help_mc =
    "usage: msbridge mc [--json] FILE\n"
    "\n"
    "Semi-grand-canonical or canonical Metropolis Monte Carlo of a binary lattice gas with the\n"
    "pair Hamiltonian E = e_point N + sum_s V_s P_s (docs/lattice.md). FILE holds key = value\n"
    "lines ('#' comments; lists separated by spaces or commas):\n"
    "  lattice    square | triangular | honeycomb | sc | bcc | fcc        (required)\n"
    "  a          lattice parameter, m                                    (required)\n"
    "  size       n1 n2 [n3] primitive cells                              (required)\n"
    "  T          temperature, K                                          (required)\n"
    "  mode       sgc (default) | canonical\n"
    "  e_point_eV site energy, eV (default 0)\n"
    "  V_eV       pair interactions of shells 0, 1, ..., eV (default none)\n"
    "  mu_eV      list of chemical potentials, eV (sgc; strictly increasing), or\n"
    "  mu_range_eV  start stop count\n"
    "  x          list of compositions in [0, 1] (canonical)\n"
    "  sweeps     sampled sweeps per point (default 2000, >= 16); equil (default 500)\n"
    "  seed       random seed (default 1)\n"
    "Errors are reported as FILE:LINE: message.\n"
    "\n"
    "example:\n"
    "  printf 'lattice = square\\na = 3e-10\\nsize = 32 32\\nT = 300\\nV_eV = -0.1\\n"
    "mu_range_eV = -0.4 0.2 13\\n' > mc.in\n"
    "  msbridge mc --json mc.in\n";

int msbcli_cmd_mc(int argc, char **argv)
{
    int json;
    msbcli_kv kv;
    int rc = msbcli_kv_open("mc", argc, argv, &json, &kv);
    if (rc) return rc;
    const char *path = kv.path;
    msb_lattice *lat = NULL;
    msb_estimate *est = NULL;
    enum { CAP = 4096 };
    double *pts = malloc(CAP * sizeof(double)), V[16], T = 0, e = 0, range[3];
    size_t nV = 0, npts = 0, sweeps = 2000, equil = 500, seed = 1, nr;
    const char *mode = "sgc";
    if (!pts) {
        rc = MSBCLI_FAIL;
        goto out;
    }
    if ((rc = msbcli_kv_list(&kv, "V_eV", 16, V, &nV)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_lattice(&kv, nV ? nV : 1, &lat))) goto out;
    if ((rc = msbcli_kv_double(&kv, "T", &T))) {
        if (rc == 1) fprintf(stderr, "%s: missing key 'T' (K)\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    if ((rc = msbcli_kv_double(&kv, "e_point_eV", &e)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_string(&kv, "mode", &mode)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "sweeps", &sweeps)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "equil", &equil)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "seed", &seed)) == MSBCLI_DATA) goto out;
    for (size_t s = 0; s < nV; s++) V[s] *= MSB_EV;
    e *= MSB_EV;
    int canonical = strcmp(mode, "canonical") == 0;
    if (!canonical && strcmp(mode, "sgc") != 0) {
        fprintf(stderr, "%s: mode must be 'sgc' or 'canonical' (got '%s')\n", path, mode);
        rc = MSBCLI_DATA;
        goto out;
    }
    if (canonical) {
        if ((rc = msbcli_kv_list(&kv, "x", CAP, pts, &npts))) {
            if (rc == 1) fprintf(stderr, "%s: canonical mode needs key 'x'\n", path);
            rc = MSBCLI_DATA;
            goto out;
        }
    } else {
        rc = msbcli_kv_list(&kv, "mu_eV", CAP, pts, &npts);
        if (rc == MSBCLI_DATA) goto out;
        if (rc == 1) {
            rc = msbcli_kv_list(&kv, "mu_range_eV", 3, range, &nr);
            if (rc == 1) fprintf(stderr, "%s: sgc mode needs 'mu_eV' or 'mu_range_eV'\n", path);
            if (rc) {
                rc = MSBCLI_DATA;
                goto out;
            }
            if (nr != 3 || !(range[2] >= 1 && range[2] <= CAP)) {
                fprintf(stderr, "%s: 'mu_range_eV' needs start stop count (1..%d)\n", path, CAP);
                rc = MSBCLI_DATA;
                goto out;
            }
            npts = (size_t)range[2];
            for (size_t k = 0; k < npts; k++)
                pts[k] = npts == 1 ? range[0]
                                   : range[0] + (range[1] - range[0]) * (double)k / (double)(npts - 1);
        }
        for (size_t k = 0; k < npts; k++) pts[k] *= MSB_EV;
    }
    if ((rc = msbcli_kv_unused(&kv))) goto out;
    msb_status s = canonical
                       ? msb_mc_canonical(lat, e, nV, V, T, npts, pts, equil, sweeps, seed, NULL,
                                          NULL, &est)
                       : msb_mc_sgc(lat, e, nV, V, T, npts, pts, equil, sweeps, seed, NULL, NULL,
                                    &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "mc", path);
    rc = MSBCLI_OK;
out:
    msb_estimate_destroy(est);
    msb_lattice_destroy(lat);
    free(pts);
    msbcli_kv_free(&kv);
    return rc;
}

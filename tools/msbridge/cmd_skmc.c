/* msbridge skmc FILE: surface kinetic Monte Carlo (adsorption, desorption, hopping, A + A
 * reaction) from a key = value input file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_keyval.h"

const char *const msbcli_summary_skmc =
    "surface kinetic Monte Carlo: coverage, TOF, k_eff, D_J (input file)";
const char *const msbcli_help_skmc =
    "usage: msbridge skmc [--json] FILE\n"
    "\n"
    "Rejection-free kinetic Monte Carlo of one adsorbate on a 2-D lattice: adsorption k_ads P\n"
    "on empty sites, desorption k_des, hops k_hop to empty nearest neighbours and the reaction\n"
    "A + A -> A2(g) of nearest-neighbour pairs k_rxn (docs/lattice.md). FILE holds key = value\n"
    "lines:\n"
    "  lattice, a, size        as for 'msbridge mc' (square, triangular or honeycomb) (required)\n"
    "  P          partial pressures, Pa (list, > 0)                          (required)\n"
    "  k_ads      adsorption rate constant, 1/(Pa s) (> 0)                   (required)\n"
    "  k_des      desorption rate, 1/s (>= 0; default 0)\n"
    "  k_hop      hop rate per direction, 1/s (>= 0; default 0)\n"
    "  k_rxn      reaction rate per nearest-neighbour pair, 1/s (>= 0; default 0)\n"
    "             (k_des + k_rxn > 0)\n"
    "  events     events per replica (default 100000, >= 64); equil (default 10000)\n"
    "  replicas   independent replicas per pressure (default 8); seed (default 1)\n"
    "Errors are reported as FILE:LINE: message.\n"
    "\n"
    "example (Langmuir isotherm theta = K P/(1 + K P), K = k_ads/k_des):\n"
    "  printf 'lattice = square\\na = 3e-10\\nsize = 16 16\\nP = 10 50 200\\nk_ads = 2\\n"
    "k_des = 100\\nk_hop = 1000\\n' > skmc.in\n"
    "  msbridge skmc skmc.in\n";

/* optional non-negative rate; MSBCLI_OK or MSBCLI_DATA (printed) */
static int get_rate(msbcli_kv *kv, const char *path, const char *key, double *out, int positive)
{
    int rc = msbcli_kv_double(kv, key, out);
    if (rc == MSBCLI_DATA) return rc;
    if (rc == 1) {
        if (!positive) return MSBCLI_OK;
        fprintf(stderr, "%s: missing key '%s'\n", path, key);
        return MSBCLI_DATA;
    }
    if (!isfinite(*out) || *out < 0 || (positive && !(*out > 0))) {
        fprintf(stderr, "%s:%zu: %s = %g must be %s\n", path, msbcli_kv_line(kv, key), key, *out,
                positive ? "> 0" : ">= 0");
        return MSBCLI_DATA;
    }
    return MSBCLI_OK;
}

int msbcli_cmd_skmc(int argc, char **argv)
{
    int json;
    msbcli_kv kv;
    int rc = msbcli_kv_open("skmc", argc, argv, &json, &kv);
    if (rc) return rc;
    const char *path = kv.path;
    msb_lattice *lat = NULL;
    msb_estimate *est = NULL;
    double P[256], ka = 0, kd = 0, kh = 0, kr = 0;
    size_t nP = 0, events = 100000, equil = 10000, reps = 8, seed = 1;
    if ((rc = msbcli_kv_lattice(&kv, 1, &lat))) goto out;
    if (msb_lattice_dim(lat) != 2) {
        fprintf(stderr, "%s:%zu: surface KMC needs a 2-D lattice (square, triangular, "
                "honeycomb)\n", path, msbcli_kv_line(&kv, "lattice"));
        rc = MSBCLI_DATA;
        goto out;
    }
    rc = msbcli_kv_list(&kv, "P", 256, P, &nP);
    if (rc == MSBCLI_DATA) goto out;
    if (rc == 1 || nP == 0) {
        fprintf(stderr, "%s: missing key 'P' (Pa)\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    for (size_t k = 0; k < nP; k++)
        if (!(P[k] > 0) || !isfinite(P[k])) {
            fprintf(stderr, "%s:%zu: pressure P = %g must be > 0\n", path,
                    msbcli_kv_line(&kv, "P"), P[k]);
            rc = MSBCLI_DATA;
            goto out;
        }
    if ((rc = get_rate(&kv, path, "k_ads", &ka, 1))) goto out;
    if ((rc = get_rate(&kv, path, "k_des", &kd, 0))) goto out;
    if ((rc = get_rate(&kv, path, "k_hop", &kh, 0))) goto out;
    if ((rc = get_rate(&kv, path, "k_rxn", &kr, 0))) goto out;
    if (!(kd + kr > 0)) {
        fprintf(stderr, "%s: k_des and k_rxn are both zero: nothing leaves the surface\n", path);
        rc = MSBCLI_DATA;
        goto out;
    }
    if ((rc = msbcli_kv_size(&kv, "events", &events)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "equil", &equil)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "replicas", &reps)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_size(&kv, "seed", &seed)) == MSBCLI_DATA) goto out;
    if ((rc = msbcli_kv_unused(&kv))) goto out;
    msb_status s = msb_kmc_surface(lat, nP, P, ka, kd, kh, kr, equil, events, reps, seed, NULL,
                                   NULL, &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "skmc", path);
    rc = MSBCLI_OK;
out:
    msb_estimate_destroy(est);
    msb_lattice_destroy(lat);
    msbcli_kv_free(&kv);
    return rc;
}

/* msbridge tst: Eyring rate constant over a temperature range. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_tst = "Eyring TST rate k(T) from dH, dS (eV, k_B units)";
const char *const msbcli_help_tst =
    "usage: msbridge tst --dH EV [--dS KB] [--kappa K] [--nu-imag HZ] [--T T | --T0 A --T1 B\n"
    "                    --nT N] [--json]\n"
    "\n"
    "k(T) = kappa Gamma_W (k_B T/h) exp(dS/k_B) exp(-dH/(k_B T)) (Eyring 1935; Wigner tunnelling\n"
    "correction Gamma_W when --nu-imag is given, in Hz).\n"
    "  --dH EV       activation enthalpy in eV (required)\n"
    "  --dS KB       activation entropy in units of k_B (default 0)\n"
    "  --kappa K     transmission coefficient in (0, 1] (default 1)\n"
    "  --T T         a single temperature in K (default 300), or a range --T0 --T1 --nT\n"
    "\n"
    "example:\n"
    "  msbridge tst --dH 0.5 --T0 250 --T1 400 --nT 4\n";

int msbcli_cmd_tst(int argc, char **argv)
{
    double dH = NAN, dS = 0, kappa = 1, nu = 0, T0 = 300, T1 = 300;
    long nT = 1;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        double *target = NULL;
        int r;
        if (strcmp(argv[i], "--json") == 0) { json = 1; continue; }
        if ((r = msbcli_opt_value(argc, argv, &i, "--dH", &v))) target = &dH;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--dS", &v))) target = &dS;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--kappa", &v))) target = &kappa;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--nu-imag", &v))) target = &nu;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--T", &v))) { target = &T0; }
        else if ((r = msbcli_opt_value(argc, argv, &i, "--T0", &v))) target = &T0;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--T1", &v))) target = &T1;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--nT", &v))) {
            char *end;
            nT = strtol(v, &end, 10);
            if (*end || nT < 1 || nT > 100000) return msbcli_usage("tst", "--nT must be 1..100000");
            continue;
        } else return msbcli_usage("tst", "unknown argument '%s'", argv[i]);
        if (r < 0) return msbcli_usage("tst", "%s needs a value", argv[i]);
        if (!msbcli_parse_double(v, target)) return msbcli_usage("tst", "'%s' is not a number", v);
        if (strcmp(argv[i - 1], "--T") == 0) T1 = T0;
    }
    if (!(dH == dH)) return msbcli_usage("tst", "--dH is required");
    if (nT == 1) T1 = T0;
    msb_law *law;
    msb_status s = msb_tst_eyring_create(dH * MSB_EV, dS * MSB_K_B, kappa, nu, NULL, &law);
    if (s) return msbcli_lib_error("tst", s);
    if (json) printf("{\"command\": \"tst\", \"points\": [");
    else printf("%10s  %14s\n", "T/K", "k/(1/s)");
    int rc = MSBCLI_OK;
    for (long i = 0; i < nT; i++) {
        double T = nT > 1 ? T0 + (T1 - T0) * (double)i / (double)(nT - 1) : T0, k;
        s = msb_law_eval(law, 1, &T, &k, NULL);
        if (s) {
            rc = msbcli_lib_error("tst", s);
            break;
        }
        if (json) {
            printf("%s{\"T\": ", i ? ", " : "");
            msbcli_json_number(stdout, T);
            printf(", \"k\": ");
            msbcli_json_number(stdout, k);
            printf("}");
        } else printf("%10.3f  %14.6e\n", T, k);
    }
    if (json && rc == MSBCLI_OK) printf("]}\n");
    msb_law_destroy(law);
    return rc;
}

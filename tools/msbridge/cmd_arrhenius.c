/* msbridge arrhenius FILE: fit D(T) = D0 exp(-Ea/(k_B T)) to columns T D [D_std]. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_arrhenius = "fit an Arrhenius law to (T, D [, D_std]) columns";
const char *const msbcli_help_arrhenius =
    "usage: msbridge arrhenius [--json] [--relative] FILE\n"
    "\n"
    "Weighted least squares of ln D against 1/(k_B T). FILE has two or three columns\n"
    "(whitespace or commas, '#' comments): T in K, D in any unit (D0 comes out in the same unit),\n"
    "and optionally the standard uncertainty of D. Without the third column, or with\n"
    "--relative, the covariance is scaled by chi2/dof (needs >= 3 rows).\n"
    "\n"
    "  --json       one JSON object on stdout instead of a table\n"
    "  --relative   treat D_std as relative weights only\n"
    "\n"
    "example:\n"
    "  printf '300 1.1e-12 1e-13\\n350 5.2e-12 4e-13\\n400 1.9e-11 2e-12\\n' > d.txt\n"
    "  msbridge arrhenius --json d.txt\n";

int msbcli_cmd_arrhenius(int argc, char **argv)
{
    int json = 0;
    msb_sigma_mode mode = MSB_SIGMA_ABSOLUTE;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--relative") == 0) mode = MSB_SIGMA_RELATIVE;
        else if (argv[i][0] == '-' && argv[i][1] != '\0') return msbcli_usage("arrhenius", "unknown option '%s'", argv[i]);
        else if (path) return msbcli_usage("arrhenius", "one FILE expected");
        else path = argv[i];
    }
    if (!path) return msbcli_usage("arrhenius", "missing FILE");
    msbcli_table t;
    int rc = msbcli_read_table(path, 2, 3, &t);
    if (rc) return rc;
    double *T = malloc(t.rows * sizeof(double)), *D = malloc(t.rows * sizeof(double));
    double *S = t.cols == 3 ? malloc(t.rows * sizeof(double)) : NULL;
    if (!T || !D || (t.cols == 3 && !S)) {
        fprintf(stderr, "msbridge: out of memory\n");
        rc = MSBCLI_FAIL;
        goto out;
    }
    for (size_t r = 0; r < t.rows; r++) {
        T[r] = t.v[r * t.cols];
        D[r] = t.v[r * t.cols + 1];
        if (S) S[r] = t.v[r * t.cols + 2];
        const char *bad = !(T[r] > 0) ? "T must be > 0" : !(D[r] > 0) ? "D must be > 0"
                          : (S && !(S[r] > 0)) ? "D_std must be > 0" : NULL;
        if (bad) {
            fprintf(stderr, "%s:%zu: %s\n", path, t.line[r], bad);
            rc = MSBCLI_DATA;
            goto out;
        }
    }
    msb_estimate *est = NULL;
    msb_status s = msb_arrhenius_fit(t.rows, T, D, S, mode, &est, NULL);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "arrhenius", path);
    msb_estimate_destroy(est);
out:
    free(T);
    free(D);
    free(S);
    msbcli_table_free(&t);
    return rc;
}

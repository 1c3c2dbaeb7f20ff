/* msbridge hull FILE: binary convex hull, energies above the hull, decomposition and plateaus. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_hull =
    "binary convex hull of (x, energy per atom): stable phases, e_above_hull, plateaus";
const char *const msbcli_help_hull =
    "usage: msbridge hull --unit eV|J [--tol E] [--json] FILE\n"
    "\n"
    "FILE has two columns (whitespace or commas, '#' comments): the atom fraction x of the\n"
    "second element in A_(1-x) B_x (0 <= x <= 1) and the energy per atom (formation or total\n"
    "energy; the hull is the same). Reports the stable phases, every entry's energy above the\n"
    "hull and decomposition (indices count data rows from 0), and, when an x = 1 entry exists\n"
    "(e.g. Li metal), the insertion voltage plateaus of the x = 0 host against it (per\n"
    "transferred ion, one electron each). Energies in the output are in J per atom.\n"
    "\n"
    "  --unit eV|J  energy unit of the second column (required: no guessing)\n"
    "  --tol E      hull tolerance in the same unit (default 1e-9 eV): phases within E of the\n"
    "               line joining their neighbours are not stable\n"
    "  --json       one JSON object on stdout instead of a table\n"
    "\n"
    "example:\n"
    "  printf '0 0\\n0.142857 -0.03\\n0.076923 -0.012\\n1 0\\n' > lic.txt\n"
    "  msbridge hull --unit eV --json lic.txt\n";

int msbcli_cmd_hull(int argc, char **argv)
{
    int json = 0;
    const char *path = NULL, *unit = NULL, *tol_text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int r;
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if ((r = msbcli_opt_value(argc, argv, &i, "--unit", &v)) != 0) {
            if (r < 0) return msbcli_usage("hull", "--unit needs a value");
            unit = v;
        } else if ((r = msbcli_opt_value(argc, argv, &i, "--tol", &v)) != 0) {
            if (r < 0) return msbcli_usage("hull", "--tol needs a value");
            tol_text = v;
        }
        else if (argv[i][0] == '-' && argv[i][1] != '\0') return msbcli_usage("hull", "unknown option '%s'", argv[i]);
        else if (path) return msbcli_usage("hull", "one FILE expected");
        else path = argv[i];
    }
    if (!path) return msbcli_usage("hull", "missing FILE");
    if (!unit) return msbcli_usage("hull", "missing --unit eV|J (the energy unit of column 2)");
    double scale;
    if (strcmp(unit, "eV") == 0) scale = MSB_EV;
    else if (strcmp(unit, "J") == 0) scale = 1.0;
    else return msbcli_usage("hull", "--unit must be eV or J (got '%s')", unit);
    double tol = 1e-9 * MSB_EV;
    if (tol_text) {
        if (!msbcli_parse_double(tol_text, &tol) || !(tol >= 0))
            return msbcli_usage("hull", "--tol must be a finite number >= 0 (got '%s')", tol_text);
        tol *= scale;
    }
    msbcli_table t;
    int rc = msbcli_read_table(path, 2, 2, &t);
    if (rc) return rc;
    double *x = malloc((t.rows ? t.rows : 1) * sizeof(double));
    double *e = malloc((t.rows ? t.rows : 1) * sizeof(double));
    if (!x || !e) {
        fprintf(stderr, "msbridge: out of memory\n");
        rc = MSBCLI_FAIL;
        goto out;
    }
    for (size_t r = 0; r < t.rows; r++) {
        x[r] = t.v[r * 2];
        e[r] = t.v[r * 2 + 1] * scale;
        const char *bad = !(x[r] >= 0 && x[r] <= 1) ? "x must be in [0, 1]"
                          : !isfinite(e[r]) ? "energy must be finite" : NULL;
        if (bad) {
            fprintf(stderr, "%s:%zu: %s\n", path, t.line[r], bad);
            rc = MSBCLI_DATA;
            goto out;
        }
    }
    msb_estimate *est = NULL;
    msb_status s = msb_hull_estimate(t.rows, x, e, tol, &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "hull", path);
    msb_estimate_destroy(est);
out:
    free(x);
    free(e);
    msbcli_table_free(&t);
    return rc;
}

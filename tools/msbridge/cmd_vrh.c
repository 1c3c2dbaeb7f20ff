/* msbridge vrh FILE: Voigt-Reuss-Hill moduli of a 6x6 stiffness tensor given in GPa. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_vrh =
    "Voigt-Reuss-Hill moduli, stability and anisotropy of a 6x6 stiffness (GPa)";
const char *const msbcli_help_vrh =
    "usage: msbridge vrh [--json] FILE\n"
    "\n"
    "FILE holds a 6x6 Voigt stiffness matrix in GPa (6 rows of 6 numbers, whitespace or\n"
    "commas, '#' comments), order 11 22 33 23 13 12 (IEEE/Materials Project), engineering shear\n"
    "strains. Prints the Voigt, Reuss and Hill bulk and shear moduli, Young's modulus, Poisson's\n"
    "ratio, the universal anisotropy index, the Zener ratio, the smallest eigenvalue, the Born\n"
    "stability flag and directional Young's moduli, all in SI units (Pa).\n"
    "\n"
    "  --json       one JSON object on stdout instead of a table\n"
    "\n"
    "example:\n"
    "  printf '168 121 121 0 0 0\\n121 168 121 0 0 0\\n121 121 168 0 0 0\\n"
    "0 0 0 75 0 0\\n0 0 0 0 75 0\\n0 0 0 0 0 75\\n' > cu.txt\n"
    "  msbridge vrh --json cu.txt\n";

int msbcli_cmd_vrh(int argc, char **argv)
{
    int json;
    const char *path;
    int usage_rc = msbcli_args_json_file("vrh", argc, argv, &json, &path);
    if (usage_rc) return usage_rc;
    msbcli_table t;
    int rc = msbcli_read_table(path, 6, 6, &t);
    if (rc) return rc;
    if (t.rows != 6) {
        fprintf(stderr, "%s: expected 6 rows of 6 numbers (a 6x6 tensor in GPa), got %zu rows\n",
                path, t.rows);
        msbcli_table_free(&t);
        return MSBCLI_DATA;
    }
    double C[36];
    for (int k = 0; k < 36; k++) C[k] = t.v[k] * 1e9;
    msbcli_table_free(&t);
    msb_estimate *est = NULL;
    msb_status s = msb_elastic_analyze(C, &est);
    if (s) return msbcli_lib_error(path, s);
    msbcli_print_estimate(stdout, est, json, "vrh", path);
    msb_estimate_destroy(est);
    return MSBCLI_OK;
}

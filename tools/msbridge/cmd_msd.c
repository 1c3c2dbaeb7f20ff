/* msbridge msd FILE: Einstein self-diffusion (and optionally the MSD curve) from a LAMMPS dump
 * or an extended XYZ trajectory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_msd = "MSD and Einstein D (with block errors) from a trajectory";
const char *const msbcli_help_msd =
    "usage: msbridge msd [options] FILE\n"
    "\n"
    "Reads a LAMMPS text dump (default) or an extended XYZ file (--xyz), unwraps it (image\n"
    "flags, unwrapped columns, or minimum image between frames), computes the all-origin MSD by\n"
    "FFT and fits D over the diffusive window with an uncertainty from independent time blocks.\n"
    "Results are in SI units.\n"
    "\n"
    "  --units NAME     LAMMPS unit system of the dump: metal, real, si, cgs, electron, micro,\n"
    "                   nano, or lj (reduced units reported as if sigma = 1 m, tau = 1 s)\n"
    "  --dt X           the LAMMPS timestep in the run's time unit (required for dumps)\n"
    "  --xyz            FILE is extended XYZ; then --length-unit (m, default 1e-10) and\n"
    "                   --frame-dt (s, required) apply\n"
    "  --type N         only atoms of type N (default: all)\n"
    "  --com            remove the centre-of-mass drift (equal masses)\n"
    "  --tmin S --tmax S  fit window in s (default: automatic, docs/estimators/msd.md)\n"
    "  --blocks K       number of time blocks for the uncertainty (default 10)\n"
    "  --curve          print the MSD curve (lag_time, msd, msd_tensor) instead of the fit\n"
    "  --json           one JSON object on stdout instead of a table\n"
    "\n"
    "example:\n"
    "  msbridge msd --units lj --dt 0.005 --blocks 5 --json tests/data/lj_md/lj256.dump\n";

int msbcli_cmd_msd(int argc, char **argv)
{
    int json = 0, com = 0, curve = 0, xyz = 0, type = -1;
    const char *path = NULL, *units_name = NULL, *v;
    double dt = NAN, tmin = 0, tmax = 0, lunit = 1e-10, fdt = NAN, blocks = 10;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--com") == 0) com = 1;
        else if (strcmp(argv[i], "--curve") == 0) curve = 1;
        else if (strcmp(argv[i], "--xyz") == 0) xyz = 1;
        else if (msbcli_opt_value(argc, argv, &i, "--units", &units_name)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--dt", &v)) {
            if (!msbcli_parse_double(v, &dt)) return msbcli_usage("msd", "bad --dt '%s'", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--tmin", &v)) {
            if (!msbcli_parse_double(v, &tmin)) return msbcli_usage("msd", "bad --tmin '%s'", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--tmax", &v)) {
            if (!msbcli_parse_double(v, &tmax)) return msbcli_usage("msd", "bad --tmax '%s'", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--length-unit", &v)) {
            if (!msbcli_parse_double(v, &lunit)) return msbcli_usage("msd", "bad --length-unit '%s'", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--frame-dt", &v)) {
            if (!msbcli_parse_double(v, &fdt)) return msbcli_usage("msd", "bad --frame-dt '%s'", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--blocks", &v)) {
            if (!msbcli_parse_double(v, &blocks) || !(blocks >= 2) || blocks > 1e6 || blocks != floor(blocks))
                return msbcli_usage("msd", "bad --blocks '%s' (an integer >= 2)", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--type", &v)) {
            double d;
            if (!msbcli_parse_double(v, &d) || d != floor(d) || d < 0 || d > 1e9)
                return msbcli_usage("msd", "bad --type '%s'", v);
            type = (int)d;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') return msbcli_usage("msd", "unknown option '%s'", argv[i]);
        else if (path) return msbcli_usage("msd", "one FILE expected");
        else path = argv[i];
    }
    if (!path) return msbcli_usage("msd", "missing FILE");
    msb_trajectory *t = NULL;
    msb_status s;
    if (xyz) {
        if (isnan(fdt)) return msbcli_usage("msd", "--xyz needs --frame-dt (s)");
        s = msb_trajectory_read_xyz(path, lunit, fdt, 0, 0, &t);
    } else {
        if (!units_name) return msbcli_usage("msd", "--units is required (the dump's unit system is never guessed)");
        if (isnan(dt)) return msbcli_usage("msd", "--dt (the LAMMPS timestep) is required");
        msb_units *u = NULL;
        s = strcmp(units_name, "lj") == 0 ? msb_units_create_lj(1.0, 1.0, 1.0, &u)
                                          : msb_units_create(units_name, &u);
        if (s) return msbcli_lib_error("--units", s);
        s = msb_trajectory_read_lammps(path, u, dt, 0, 0, &t);
        msb_units_destroy(u);
    }
    if (s) return msbcli_lib_error(path, s);
    msb_estimate *e = NULL;
    s = curve ? msb_msd_compute(t, type, MSB_MSD_ALL_ORIGINS, com, 0, &e)
              : msb_einstein_fit(t, type, com, tmin, tmax, (size_t)blocks, &e);
    msb_trajectory_destroy(t);
    if (s) return msbcli_lib_error(path, s);
    msbcli_print_estimate(stdout, e, json, "msd", path);
    msb_estimate_destroy(e);
    return MSBCLI_OK;
}

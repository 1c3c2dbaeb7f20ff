/* msbridge gk FILE: Green-Kubo kappa or G from flux columns (cepstral or running integral). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_gk = "Green-Kubo thermal conductivity or interface conductance";
const char *const msbcli_help_gk =
    "usage: msbridge gk FILE --units SYSTEM --dt DT (--volume V | --area A)\n"
    "                   (--temperature T | --temperature-column COL) [options]\n"
    "\n"
    "Reads numeric columns (whitespace or commas, '#' comments) and estimates\n"
    "  kappa = 1/(V k_B T^2) int <JV(0) JV(t)> dt / ncomp   (--kind jv, default: LAMMPS\n"
    "          compute heat/flux output, energy x velocity, e.g. eV A/ps in metal units)\n"
    "  kappa = V/(k_B T^2) int <J(0) J(t)> dt               (--kind flux: flux density,\n"
    "          energy/(area time) in file units)\n"
    "  G     = 1/(A k_B T^2) int <Q(0) Q(t)> dt             (--kind interface: heat current\n"
    "          across the interface, energy/time in file units)\n"
    "All quantities given on the command line are in the file's unit system.\n"
    "\n"
    "  --units SYSTEM          LAMMPS unit system: metal, real, si, cgs, electron, micro, nano\n"
    "  --lj SIGMA,EPS,MASS     LAMMPS lj units with these SI scales (m, J, kg) instead\n"
    "  --dt DT                 time between rows (file time unit, e.g. ps for metal)\n"
    "  --volume V | --area A   cell volume (length^3) for kappa, interface area (length^2) for G\n"
    "  --temperature T         mean temperature (K for metal/real)\n"
    "  --temperature-column C  or: the mean of column C (name or 1-based index)\n"
    "  --columns C1,C2,...     flux components (names or 1-based indices); default: every\n"
    "                          column except the temperature column\n"
    "  --mass-columns C1,...   cepstral: further conserved fluxes (e.g. one species'\n"
    "                          centre-of-mass velocity), as many columns per flux as\n"
    "                          --columns, any unit: multi-component analysis (Bertossa et\n"
    "                          al., PRL 122, 255901 (2019)) for molten salts and mixtures\n"
    "  --kind jv|flux|interface  what the columns are (default jv)\n"
    "  --method cepstral|running (default cepstral)\n"
    "  --fstar F               cepstral: highest frequency kept (1/time unit; default Nyquist)\n"
    "  --tcut T                running: cutoff time (time unit; default automatic)\n"
    "  --header                first non-comment line holds column names\n"
    "  --header-comment        last comment line before the data holds them (fix ave/time)\n"
    "  --json                  one JSON object on stdout instead of a table\n"
    "\n"
    "example (sportran's Silica.dat, LAMMPS metal units, 1 fs rows):\n"
    "  msbridge gk Silica.dat --header --units metal --dt 0.001 --volume 3130.431110818 \\\n"
    "      --temperature-column Temp --fstar 27.7778 --json\n";

static int find_col(const msb_table *t, const char *spec, size_t *j)
{
    char *end;
    unsigned long v = strtoul(spec, &end, 10);
    if (*spec && *end == '\0' && v >= 1 && v <= msb_table_ncols(t)) {
        *j = (size_t)(v - 1);
        return 0;
    }
    return msb_table_find(t, spec, j) == MSB_SUCCESS ? 0 : 1;
}

int msbcli_cmd_gk(int argc, char **argv)
{
    int json = 0, flags = 0, cepstral = 1;
    const char *path = NULL, *units_name = NULL, *lj = NULL, *tcol = NULL, *cols = NULL;
    const char *mcols = NULL;
    const char *kind_s = "jv", *v;
    double dt = NAN, volume = NAN, area = NAN, T = NAN, fstar = 0, tcut = 0;
    for (int i = 1; i < argc; i++) {
        double *num = NULL;
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--header") == 0) flags = MSB_TABLE_HEADER;
        else if (strcmp(argv[i], "--header-comment") == 0) flags = MSB_TABLE_HEADER_COMMENT;
        else if (msbcli_opt_value(argc, argv, &i, "--units", &units_name)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--lj", &lj)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--temperature-column", &tcol)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--columns", &cols)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--mass-columns", &mcols)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--kind", &kind_s)) continue;
        else if (msbcli_opt_value(argc, argv, &i, "--method", &v)) {
            if (strcmp(v, "cepstral") == 0) cepstral = 1;
            else if (strcmp(v, "running") == 0) cepstral = 0;
            else return msbcli_usage("gk", "--method must be cepstral or running (got '%s')", v);
        } else {
            static const char *const names[] = {"--dt", "--volume", "--area", "--temperature",
                                                "--fstar", "--tcut"};
            double *targets[] = {&dt, &volume, &area, &T, &fstar, &tcut};
            for (int k = 0; k < 6 && !num; k++)
                if (msbcli_opt_value(argc, argv, &i, names[k], &v)) {
                    num = targets[k];
                    if (!msbcli_parse_double(v, num))
                        return msbcli_usage("gk", "%s expects a number (got '%s')", names[k], v);
                }
            if (num) continue;
            if (argv[i][0] == '-' && argv[i][1] != '\0')
                return msbcli_usage("gk", "unknown option '%s'", argv[i]);
            if (path) return msbcli_usage("gk", "one FILE expected");
            path = argv[i];
        }
    }
    if (!path) return msbcli_usage("gk", "missing FILE");
    msb_gk_kind kind;
    if (strcmp(kind_s, "jv") == 0) kind = MSB_GK_HEAT_JV;
    else if (strcmp(kind_s, "flux") == 0) kind = MSB_GK_HEAT_FLUX;
    else if (strcmp(kind_s, "interface") == 0) kind = MSB_GK_INTERFACE;
    else return msbcli_usage("gk", "--kind must be jv, flux or interface (got '%s')", kind_s);
    if ((units_name != NULL) == (lj != NULL))
        return msbcli_usage("gk", "give exactly one of --units and --lj");
    if (isnan(dt)) return msbcli_usage("gk", "missing --dt");
    const double geom_file = kind == MSB_GK_INTERFACE ? area : volume;
    if (isnan(geom_file))
        return msbcli_usage("gk", kind == MSB_GK_INTERFACE ? "missing --area" : "missing --volume");
    if (isnan(T) == (tcol == NULL))
        return msbcli_usage("gk", "give exactly one of --temperature and --temperature-column");
    msb_units *u = NULL;
    msb_status s;
    if (units_name) {
        s = msb_units_create(units_name, &u);
    } else {
        double sc[3];
        if (sscanf(lj, "%lf,%lf,%lf", &sc[0], &sc[1], &sc[2]) != 3)
            return msbcli_usage("gk", "--lj expects SIGMA,EPS,MASS (got '%s')", lj);
        s = msb_units_create_lj(sc[0], sc[1], sc[2], &u);
    }
    if (s) return msbcli_lib_error("unit system", s);
    double fE, fL, ft, fT, fq;
    msb_units_to_si(u, MSB_Q_ENERGY, &fE);
    msb_units_to_si(u, MSB_Q_LENGTH, &fL);
    msb_units_to_si(u, MSB_Q_TIME, &ft);
    msb_units_to_si(u, MSB_Q_TEMPERATURE, &fT);
    msb_units_destroy(u);
    if (kind == MSB_GK_HEAT_JV) fq = fE * fL / ft;
    else if (kind == MSB_GK_HEAT_FLUX) fq = fE / (fL * fL * ft);
    else fq = fE / ft;
    msb_table *t = NULL;
    s = msb_table_read(path, flags, &t);
    if (s) {
        fprintf(stderr, "msbridge gk: %s\n", msb_last_error_message());
        return s == MSB_EIO || s == MSB_ENOMEM ? MSBCLI_FAIL : MSBCLI_DATA;
    }
    int rc = MSBCLI_OK;
    const size_t n = msb_table_nrows(t), nc_all = msb_table_ncols(t);
    size_t sel[64], ns = 0, jt = (size_t)-1, msel[64], nm = 0;
    double *x = NULL;
    msb_estimate *est = NULL;
    if (tcol) {
        if (find_col(t, tcol, &jt)) {
            rc = msbcli_usage("gk", "no temperature column '%s' in %s", tcol, path);
            goto out;
        }
        const double *c = msb_table_column(t, jt);
        double m = 0;
        for (size_t i = 0; i < n; i++) m += c[i] / (double)n;
        T = m;
    }
    if (cols) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", cols);
        for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
            if (ns == 64 || find_col(t, tok, &sel[ns])) {
                rc = msbcli_usage("gk", "no column '%s' in %s (or more than 64)", tok, path);
                goto out;
            }
            ns++;
        }
    } else {
        for (size_t j = 0; j < nc_all && ns < 64; j++)
            if (j != jt) sel[ns++] = j;
    }
    if (ns == 0) {
        rc = msbcli_usage("gk", "no flux column left in %s", path);
        goto out;
    }
    if (mcols) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", mcols);
        for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
            if (nm == 64 || find_col(t, tok, &msel[nm])) {
                rc = msbcli_usage("gk", "no column '%s' in %s (or more than 64)", tok, path);
                goto out;
            }
            nm++;
        }
        if (!cepstral || nm % ns != 0) {
            rc = msbcli_usage("gk", "--mass-columns needs --method cepstral and a multiple of "
                              "the %zu flux columns (got %zu)", ns, nm);
            goto out;
        }
    }
    x = malloc((ns + nm) * n * sizeof(double));
    if (!x) {
        fprintf(stderr, "msbridge: out of memory\n");
        rc = MSBCLI_FAIL;
        goto out;
    }
    for (size_t c = 0; c < ns; c++) {
        const double *col = msb_table_column(t, sel[c]);
        for (size_t i = 0; i < n; i++) x[c * n + i] = col[i] * fq;
    }
    for (size_t c = 0; c < nm; c++) {
        const double *col = msb_table_column(t, msel[c]);
        memcpy(x + (ns + c) * n, col, n * sizeof(double)); /* scale-free: file units */
    }
    const double geom = kind == MSB_GK_INTERFACE ? geom_file * fL * fL : geom_file * fL * fL * fL;
    s = nm ? msb_gk_cepstral_multi(kind, n, ns, 1 + nm / ns, x, dt * ft, geom, T * fT,
                                   fstar / ft, &est)
       : cepstral ? msb_gk_cepstral(kind, n, ns, x, dt * ft, geom, T * fT, fstar / ft, &est)
                 : msb_gk_running(kind, n, ns, x, dt * ft, geom, T * fT, tcut * ft, &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    msbcli_print_estimate(stdout, est, json, "gk", path);
out:
    msb_estimate_destroy(est);
    free(x);
    msb_table_destroy(t);
    return rc;
}

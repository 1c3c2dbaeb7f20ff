/* msbridge card show|validate|export: law cards (docs/law_cards.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_card = "show, validate or export a law card";
const char *const msbcli_help_card =
    "usage: msbridge card show FILE\n"
    "       msbridge card validate FILE\n"
    "       msbridge card export --pybamm NAME OUT FILE\n"
    "       msbridge card export --c-header PREFIX OUT FILE\n"
    "\n"
    "show      print the law: kind, reference, inputs with validity domain, outputs,\n"
    "          parameters with standard uncertainties\n"
    "validate  read the card strictly; exit 0 if it rebuilds a law, 3 with FILE:LINE:COL\n"
    "          and the reason otherwise\n"
    "export    write a PyBaMM parameter function (Python source; works with pybamm, numpy\n"
    "          or math) or a plain C header of coefficients with an inline evaluator\n"
    "\n"
    "example:\n"
    "  msbridge fuse --arrhenius --tau 0.3,0.05 --card d.json data.txt\n"
    "  msbridge card export --pybamm D_electrolyte d_fn.py d.json\n";

static int read_card(const char *path, msb_law **law)
{
    msb_status s = msb_card_read(path, law);
    if (s == MSB_SUCCESS) return MSBCLI_OK;
    fprintf(stderr, "msbridge card: %s\n", msb_last_error_message());
    return (s == MSB_EIO || s == MSB_ENOMEM) ? MSBCLI_FAIL : MSBCLI_DATA;
}

static void show(const msb_law *law)
{
    printf("kind       %s\nreference  %s\n", msb_law_kind(law), msb_law_reference(law));
    for (size_t j = 0; j < msb_law_n_inputs(law); j++) {
        double lo, hi;
        msb_law_validity(law, j, &lo, &hi);
        printf("input      %-12s [%s]  validity [%.6g, %.6g]\n", msb_law_input_name(law, j),
               msb_law_input_unit(law, j), lo, hi);
    }
    for (size_t k = 0; k < msb_law_n_outputs(law); k++)
        printf("output     %-12s [%s]\n", msb_law_output_name(law, k),
               msb_law_output_unit(law, k));
    size_t np = msb_law_n_params(law);
    double p[MSB_LAW_MAX_PARAMS], *C = malloc((np ? np * np : 1) * sizeof(double));
    msb_law_params(law, p);
    if (C) msb_law_covariance(law, C);
    for (size_t m = 0; m < np; m++)
        printf("parameter  %-12s %-24.17g +- %-10.3g %s\n", msb_law_param_name(law, m), p[m],
               C ? sqrt(C[m * np + m]) : NAN, msb_law_param_unit(law, m));
    free(C);
}

int msbcli_cmd_card(int argc, char **argv)
{
    if (argc < 2) return msbcli_usage("card", "missing action (show, validate, export)");
    const char *act = argv[1];
    msb_law *law = NULL;
    int rc;
    if (strcmp(act, "show") == 0 || strcmp(act, "validate") == 0) {
        if (argc != 3) return msbcli_usage("card", "%s needs exactly one FILE", act);
        if ((rc = read_card(argv[2], &law))) return rc;
        if (act[0] == 's') show(law);
        else printf("%s: valid law card (kind %s)\n", argv[2], msb_law_kind(law));
        msb_law_destroy(law);
        return MSBCLI_OK;
    }
    if (strcmp(act, "export") == 0) {
        if (argc != 6) return msbcli_usage("card", "export needs --pybamm|--c-header NAME OUT FILE");
        int py = strcmp(argv[2], "--pybamm") == 0;
        if (!py && strcmp(argv[2], "--c-header") != 0)
            return msbcli_usage("card", "unknown export format '%s'", argv[2]);
        if ((rc = read_card(argv[5], &law))) return rc;
        msb_status s = py ? msb_card_export_pybamm(law, argv[3], argv[4])
                          : msb_card_export_c_header(law, argv[3], argv[4]);
        msb_law_destroy(law);
        if (s) return msbcli_lib_error(argv[4], s);
        return MSBCLI_OK;
    }
    return msbcli_usage("card", "unknown action '%s'", act);
}

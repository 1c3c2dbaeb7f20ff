/* msbridge fuse FILE: Bayesian fusion of estimates from several sources with model discrepancy. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const msbcli_summary_fuse =
    "fuse estimates from several sources with model discrepancy (hierarchical normal model)";
const char *const msbcli_help_fuse =
    "usage: msbridge fuse [--json] [--arrhenius] [--tau LIST] [--prior-scale A] [--card OUT]\n"
    "                     [--mcmc N [--shared] [--seed S]] FILE\n"
    "\n"
    "Fuse estimates y_i +- s_i from sources g(i), each source with a model-discrepancy\n"
    "(bias) standard deviation tau_g (docs/uq.md). FILE columns (whitespace or commas):\n"
    "  default:      value std source\n"
    "  --arrhenius:  T[K] D D_std source      (fuses ln D0 and Ea; tau in ln D units)\n"
    "source is an integer 0, 1, 2, ...\n"
    "\n"
    "  --tau LIST         comma-separated tau per source, or 'infer' for sources whose\n"
    "                     discrepancy is inferred (a shared scale with a half-Cauchy prior);\n"
    "                     default: all 0 (plain precision weighting)\n"
    "  --prior-scale A    scale of the half-Cauchy prior (required with 'infer')\n"
    "  --card OUT         with --arrhenius: write the fused law as a law card\n"
    "  --mcmc N           (not with --arrhenius) infer a SEPARATE scale for every 'infer'\n"
    "                     source, each with its own half-Cauchy(A) prior, by MCMC with N kept\n"
    "                     sweeps (>= 400); reports the 68 % credible interval and Monte Carlo\n"
    "                     errors too\n"
    "  --shared           with --mcmc: one scale shared by the 'infer' sources (as without)\n"
    "  --seed S           with --mcmc: random stream (default 1)\n"
    "  --json             one JSON object on stdout instead of a table\n"
    "\n"
    "example:\n"
    "  printf '1.2 0.1 0\\n1.0 0.2 1\\n1.5 0.1 2\\n' > y.txt\n"
    "  msbridge fuse --tau 0.2,0.2,0.05 y.txt\n"
    "  msbridge fuse --tau infer,infer,0.05 --prior-scale 0.5 --mcmc 20000 y.txt\n";

static int parse_tau(const char *s, size_t ng, double *tau)
{
    size_t g = 0;
    const char *p = s;
    while (*p && g < ng) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        char buf[64];
        if (len == 0 || len >= sizeof buf) return 0;
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (strcmp(buf, "infer") == 0) tau[g] = NAN;
        else if (!msbcli_parse_double(buf, &tau[g])) return 0;
        g++;
        p = c ? c + 1 : p + len;
        if (!c) break;
    }
    return g == ng && *p == '\0';
}

int msbcli_cmd_fuse(int argc, char **argv)
{
    int json = 0, arr = 0, shared = 0;
    const char *path = NULL, *tau_s = NULL, *card = NULL, *v;
    double A = NAN, mcmc = 0, seed = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--arrhenius") == 0) arr = 1;
        else if (msbcli_opt_value(argc, argv, &i, "--tau", &v)) tau_s = v;
        else if (strcmp(argv[i], "--shared") == 0) shared = 1;
        else if (msbcli_opt_value(argc, argv, &i, "--card", &v)) card = v;
        else if (msbcli_opt_value(argc, argv, &i, "--mcmc", &v)) {
            if (!msbcli_parse_double(v, &mcmc) || !(mcmc >= 1) || mcmc != floor(mcmc) ||
                mcmc > 1e9)
                return msbcli_usage("fuse", "bad --mcmc '%s' (a number of sweeps)", v);
        } else if (msbcli_opt_value(argc, argv, &i, "--seed", &v)) {
            if (!msbcli_parse_double(v, &seed) || !(seed >= 0) || seed != floor(seed) ||
                seed > 9e15)
                return msbcli_usage("fuse", "bad --seed '%s'", v);
        }
        else if (msbcli_opt_value(argc, argv, &i, "--prior-scale", &v)) {
            if (!msbcli_parse_double(v, &A)) return msbcli_usage("fuse", "bad --prior-scale '%s'", v);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return msbcli_usage("fuse", "unknown option '%s'", argv[i]);
        else if (path) return msbcli_usage("fuse", "one FILE expected");
        else path = argv[i];
    }
    if (!path) return msbcli_usage("fuse", "missing FILE");
    if (card && !arr) return msbcli_usage("fuse", "--card needs --arrhenius");
    if (mcmc > 0 && arr) return msbcli_usage("fuse", "--mcmc is not available with --arrhenius");
    if (shared && !(mcmc > 0)) return msbcli_usage("fuse", "--shared needs --mcmc");
    size_t nc = arr ? 4 : 3;
    msbcli_table t;
    int rc = msbcli_read_table(path, nc, nc, &t);
    if (rc) return rc;
    size_t n = t.rows, ng = 0;
    size_t *src = malloc(n * sizeof *src);
    double *col = malloc(3 * n * sizeof(double)), *tau = NULL;
    msb_estimate *est = NULL;
    msb_law *law = NULL;
    if (!src || !col) {
        fprintf(stderr, "msbridge: out of memory\n");
        rc = MSBCLI_FAIL;
        goto out;
    }
    for (size_t r = 0; r < n; r++) {
        double g = t.v[r * nc + nc - 1];
        if (!(g >= 0) || g != floor(g) || g > 1e6) {
            fprintf(stderr, "%s:%zu: source must be an integer >= 0\n", path, t.line[r]);
            rc = MSBCLI_DATA;
            goto out;
        }
        src[r] = (size_t)g;
        if (src[r] + 1 > ng) ng = src[r] + 1;
        for (size_t c = 0; c + 1 < nc; c++) col[c * n + r] = t.v[r * nc + c];
    }
    tau = calloc(ng, sizeof(double));
    if (!tau) {
        rc = MSBCLI_FAIL;
        goto out;
    }
    if (tau_s && !parse_tau(tau_s, ng, tau)) {
        rc = msbcli_usage("fuse", "--tau needs %zu comma-separated values or 'infer'", ng);
        goto out;
    }
    msb_status s;
    if (arr)
        s = msb_fuse_arrhenius(n, col, col + n, col + 2 * n, src, ng, tau, A, &est,
                               card ? &law : NULL);
    else if (mcmc > 0)
        s = msb_fuse_mcmc(n, col, col + n, src, ng, tau, A, shared, (size_t)mcmc,
                          (uint64_t)seed, "1", &est);
    else
        s = msb_fuse(n, col, col + n, src, ng, tau, A, "1", &est);
    if (s) {
        rc = msbcli_lib_error(path, s);
        goto out;
    }
    if (card) {
        const char *inputs[1] = {path};
        s = msb_card_write(law, card, 1, inputs, "msbridge fuse --arrhenius", NULL);
        if (s) {
            rc = msbcli_lib_error(card, s);
            goto out;
        }
    }
    msbcli_print_estimate(stdout, est, json, "fuse", path);
out:
    msb_estimate_destroy(est);
    msb_law_destroy(law);
    free(src);
    free(col);
    free(tau);
    msbcli_table_free(&t);
    return rc;
}

/* Driver for instruction counts of the hot paths under valgrind --tool=callgrind (stable on a
 * shared machine, unlike times). bench/run_all.sh runs it at two sizes n1 < n2 and reports
 * (Ir(n2) - Ir(n1)) / (n2 - n1): the instructions per unit of work with setup cancelled.
 *
 * usage: callgrind_hot <what> <n>
 *   law_values    Arrhenius msb_law_eval, values only          (per point)
 *   law_deriv     Arrhenius msb_law_eval, values + dD/dT        (per point)
 *   cohesive      exponential cohesive law, values + dT/ddelta  (per point)
 *   vrh           msb_elastic_moduli                            (per tensor)
 *   hull          msb_hull_analyze, all outputs                 (per entry)
 *   msd           msb_msd_compute, all origins, n atoms x 1000 frames (per atom-frame) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: callgrind_hot law_values|law_deriv|cohesive|vrh|hull|msd n\n");
        return 2;
    }
    const char *what = argv[1];
    size_t n = strtoul(argv[2], NULL, 10);
    int rc = 0;
    if (strncmp(what, "law", 3) == 0 || strcmp(what, "cohesive") == 0) {
        double *T = malloc(n * sizeof *T), *y = malloc(n * sizeof *y), *d = malloc(n * sizeof *d);
        msb_law *law = NULL;
        int coh = strcmp(what, "cohesive") == 0;
        for (size_t i = 0; i < n; i++)
            T[i] = coh ? 1e-8 * (double)i / (double)n : 250.0 + 200.0 * (double)i / (double)n;
        rc = coh ? msb_cohesive_exponential_create(1.0, 1e-9, NULL, &law)
                 : msb_arrhenius_create(1e-7, 0.4 * MSB_EV, NULL, &law);
        if (!rc) rc = msb_law_eval(law, n, T, y, strcmp(what, "law_values") == 0 ? NULL : d);
        msb_law_destroy(law);
        free(T); free(y); free(d);
    } else if (strcmp(what, "vrh") == 0) {
        double *C = calloc(36 * n, sizeof *C), *props = malloc(n * MSB_ELASTIC_NPROP * sizeof *props);
        for (size_t t = 0; t < n; t++) {
            double *c = C + 36 * t, s = 1.0 + 0.01 * (double)(t % 97) / 97.0;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) c[6 * a + b] = (a == b ? 250e9 : 110e9) * s;
                c[6 * (a + 3) + a + 3] = (70e9 + 1e9 * a) * s;
            }
        }
        rc = msb_elastic_moduli(n, C, props, NULL);
        free(C); free(props);
    } else if (strcmp(what, "hull") == 0) {
        double *x = malloc(n * sizeof *x), *e = malloc(n * sizeof *e), *eh = malloc(n * sizeof *eh);
        double *fr = malloc(n * sizeof *fr);
        size_t *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
        int *st = malloc(n * sizeof *st);
        unsigned long long s = 88172645463325252ULL;
        for (size_t i = 0; i < n; i++) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            x[i] = i < 2 ? (double)i : (double)(s >> 11) * 0x1.0p-53;
            e[i] = (-0.4 * x[i] * (1 - x[i]) + (i < 2 ? 0.0 : 0.02 * ((double)(s % 1000) / 1000.0))) * MSB_EV;
        }
        rc = msb_hull_analyze(n, x, e, 1e-9 * MSB_EV, st, eh, lo, hi, fr);
        free(x); free(e); free(eh); free(fr); free(lo); free(hi); free(st);
    } else if (strcmp(what, "msd") == 0) {
        const size_t nf = 1000;
        double *pos = malloc(nf * n * 3 * sizeof *pos);
        unsigned long long s = 88172645463325252ULL;
        for (size_t i = 0; i < nf * n * 3; i++) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            const double step = ((double)(s >> 11) * 0x1.0p-53 - 0.5) * 1e-11;
            pos[i] = (i < n * 3 ? 0.0 : pos[i - n * 3]) + step; /* random walk, m */
        }
        msb_trajectory *tr = NULL;
        msb_estimate *est = NULL;
        rc = msb_trajectory_create(nf, n, pos, NULL, NULL, 1e-12, 0, &tr);
        if (!rc) rc = msb_msd_compute(tr, -1, MSB_MSD_ALL_ORIGINS, 0, 0, &est);
        msb_estimate_destroy(est);
        msb_trajectory_destroy(tr);
        free(pos);
    } else {
        fprintf(stderr, "unknown benchmark '%s'\n", what);
        return 2;
    }
    if (rc) fprintf(stderr, "%s failed: %s\n", what, msb_last_error_message());
    return rc != 0;
}

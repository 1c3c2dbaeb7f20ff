/* Benchmark: law evaluation throughput against a plain copy of the same arrays (memory-bound
 * floor), for the rate laws. Prints a Markdown table; run by bench/run_all.sh. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msbridge.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* best of `reps` timings, seconds */
#define TIME_BEST(reps, stmt)                                                                     \
    ({                                                                                            \
        double best_ = 1e300;                                                                     \
        for (int r_ = 0; r_ < (reps); r_++) {                                                     \
            double t0_ = now();                                                                   \
            stmt;                                                                                 \
            double dt_ = now() - t0_;                                                             \
            if (dt_ < best_) best_ = dt_;                                                         \
        }                                                                                         \
        best_;                                                                                    \
    })

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000000;
    int reps = 7;
    double *x = malloc(2 * n * sizeof(double)), *y = malloc(n * sizeof(double));
    double *d = malloc(2 * n * sizeof(double)), *s = malloc(n * sizeof(double));
    double *c = malloc(2 * n * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        x[2 * i] = 250.0 + 200.0 * (double)i / (double)n;
        x[2 * i + 1] = 1e8 * ((double)(i % 100) - 50);
    }
    double *T = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) T[i] = x[2 * i];
    const double cov2[4] = {0.04, 0, 0, 1e-41}, cov3[9] = {0.04, 0, 0, 0, 1e-41, 0, 0, 0, 1e-61};
    msb_law *arr, *eyr, *act;
    if (msb_arrhenius_create(1e-7, 0.4 * MSB_EV, cov2, &arr) || msb_tst_eyring_create(0.5 * MSB_EV, 0, 1, 3e12, cov2, &eyr) ||
        msb_activation_volume_create(1e-7, 0.4 * MSB_EV, 1e-30, cov3, &act)) {
        fprintf(stderr, "setup failed: %s\n", msb_last_error_message());
        return 1;
    }
    /* copy floor: read n doubles, write n doubles (what a 1-in/1-out law must at least do) */
    double t_copy = TIME_BEST(reps, memcpy(y, T, n * sizeof(double)));
    double t_copy2 = TIME_BEST(reps, memcpy(c, x, 2 * n * sizeof(double)));
    struct { const char *what; double t, floor; } rows[16];
    int k = 0;
    rows[k++] = (typeof(rows[0])){"arrhenius: values", TIME_BEST(reps, msb_law_eval(arr, n, T, y, NULL)), t_copy};
    rows[k++] = (typeof(rows[0])){"arrhenius: values + dD/dT", TIME_BEST(reps, msb_law_eval(arr, n, T, y, d)), t_copy};
    rows[k++] = (typeof(rows[0])){"arrhenius: values + uncertainty", TIME_BEST(reps, msb_law_eval_uq(arr, n, T, y, s)), t_copy};
    rows[k++] = (typeof(rows[0])){"tst_eyring (Wigner): values + dk/dT", TIME_BEST(reps, msb_law_eval(eyr, n, T, y, d)), t_copy};
    rows[k++] = (typeof(rows[0])){"activation_volume: values + 2 derivatives", TIME_BEST(reps, msb_law_eval(act, n, x, y, d)), t_copy2};
    printf("| kernel (%zu points, best of %d) | ns/point | x copy of the same arrays |\n|---|---|---|\n", n, reps);
    printf("| memcpy of the input array (floor) | %.2f | 1.0 |\n", 1e9 * t_copy / n);
    for (int i = 0; i < k; i++)
        printf("| %s | %.2f | %.1f |\n", rows[i].what, 1e9 * rows[i].t / n, rows[i].t / rows[i].floor);
    msb_law_destroy(arr);
    msb_law_destroy(eyr);
    msb_law_destroy(act);
    free(x); free(y); free(d); free(s); free(c); free(T);
    return 0;
}

/* Benchmark: law evaluation throughput against a plain copy of the same arrays (the
 * memory-bound floor), for every simple law family, measured in the same run.
 *
 * For each law and request (values; values + input derivatives) the time of one msb_law_eval
 * call on n points (best of `reps`) is compared with the time to memcpy each array that call
 * reads or writes once (inputs n*nin, outputs n*nout, derivatives n*nout*nin doubles). The
 * ratio says how far the law is from streaming its arrays; it includes the dispatcher's input
 * domain check and output finiteness check (two more passes over the data).
 *
 * usage: law_eval [--quick] [n]     (default n = 2e6 points; --quick: 2e4)
 * Prints a Markdown table on stdout (bench/run_all.sh collects it into docs/performance.md). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msbridge.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
    const msb_law *law;
    size_t n, nin, nout;
    const double *x;
    double *y, *d, *s;
    double *cx, *cy, *cd; /* copy targets */
    int mode;             /* 0 values, 1 values + dydx, 2 values + uncertainty, 3 copy floor */
    int deriv_floor;      /* floor includes the derivative array */
    int rc;
} job;

static void run(job *j)
{
    switch (j->mode) {
    case 0: j->rc |= msb_law_eval(j->law, j->n, j->x, j->y, NULL); break;
    case 1: j->rc |= msb_law_eval(j->law, j->n, j->x, j->y, j->d); break;
    case 2: j->rc |= msb_law_eval_uq(j->law, j->n, j->x, j->y, j->s); break;
    default:
        memcpy(j->cx, j->x, j->n * j->nin * sizeof(double));
        memcpy(j->cy, j->y, j->n * j->nout * sizeof(double));
        if (j->deriv_floor) memcpy(j->cd, j->d, j->n * j->nout * j->nin * sizeof(double));
        if (j->mode == 5) memcpy(j->cd, j->s, j->n * j->nout * sizeof(double));
        break;
    }
}

static double best(job *j, int reps)
{
    double b = 1e300;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        run(j);
        double dt = now() - t0;
        if (dt < b) b = dt;
    }
    return b;
}

/* quasi-random point i of input k in [lo, hi] (golden-ratio sequence, distinct per input) */
static double qr(size_t i, size_t k, double lo, double hi)
{
    double a = fmod(0.5 + (double)i * (0.6180339887498949 + 0.1 * (double)k), 1.0);
    return lo + (hi - lo) * a;
}

typedef struct {
    const char *name;
    msb_law *law;
    double lo[8], hi[8];
    int uq; /* also time the uncertainty path */
} row;

int main(int argc, char **argv)
{
    size_t n_req = 2000000;
    int reps = 7;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--quick") == 0) {
            n_req = 20000;
            reps = 3;
        } else {
            n_req = strtoul(argv[a], NULL, 10);
        }
    }
    row rows[24];
    int k = 0, bad = 0;
    const double cov2[4] = {0.04, 0, 0, 1e-41}, cov3[9] = {0.04, 0, 0, 0, 1e-41, 0, 0, 0, 1e-61};
    const double xb[4] = {0.0, 0.25, 0.5, 1.0}, Vp[3] = {0.217, 0.133, 0.0925};
    double tx[64], tv[64];
    for (int i = 0; i < 64; i++) {
        tx[i] = i / 63.0;
        tv[i] = 0.1 + 0.9 * exp(-6.0 * tx[i]) + 0.01 * sin(3.0 * tx[i]);
    }
    const double A[2] = {0.12 * MSB_EV, 0.01 * MSB_EV}, B[2] = {1e-5 * MSB_EV, 0};
    const double om6[6] = {1e-30, 1e-30, 1e-30, 0, 0, 0};
#define ADD(nm, call, ...)                                                                        \
    do {                                                                                          \
        rows[k] = (row){nm, NULL, {0}, {0}, 0};                                                   \
        if (call) {                                                                               \
            fprintf(stderr, "setup of %s failed: %s\n", nm, msb_last_error_message());          \
            bad = 1;                                                                              \
        } else {                                                                                  \
            double r_[] = {__VA_ARGS__};                                                          \
            for (size_t q_ = 0; q_ < sizeof r_ / sizeof r_[0] / 2; q_++) {                        \
                rows[k].lo[q_] = r_[2 * q_];                                                      \
                rows[k].hi[q_] = r_[2 * q_ + 1];                                                  \
            }                                                                                     \
            k++;                                                                                  \
        }                                                                                         \
    } while (0)
    ADD("arrhenius", msb_arrhenius_create(1e-7, 0.4 * MSB_EV, cov2, &rows[k].law), 250, 450);
    rows[k - 1].uq = 1;
    ADD("tst_eyring (Wigner)", msb_tst_eyring_create(0.5 * MSB_EV, 0, 1, 3e12, cov2, &rows[k].law),
        250, 450);
    ADD("activation_volume", msb_activation_volume_create(1e-7, 0.4 * MSB_EV, 1e-30, cov3, &rows[k].law),
        250, 450, -5e9, 5e9);
    ADD("kapitza", msb_kapitza_create(1e-9, 0, &rows[k].law), -1e9, 1e9);
    ADD("kapitza_linear", msb_kapitza_linear_create(1e-9, 1e-12, 300, NULL, &rows[k].law), -1e9, 1e9,
        250, 450);
    ADD("langmuir", msb_langmuir_create(-0.5 * MSB_EV, -1e-3 * MSB_EV, 1e5, 0, NULL, &rows[k].law),
        0, 1e6, 250, 450);
    ADD("ocv_plateau (3 plateaus)", msb_ocv_plateau_create(3, xb, Vp, 0.01, &rows[k].law), 0, 1,
        280, 320);
    ADD("ocv_table (64 nodes)", msb_ocv_table_create(64, tx, tv, NULL, 298.15, 0, &rows[k].law),
        0, 1, 280, 320);
    ADD("free_energy_rk (2 terms, 4 outputs)",
        msb_free_energy_rk_create(-0.1 * MSB_EV, 2, A, B, 0, NULL, &rows[k].law), 0.01, 0.99, 250,
        450);
    ADD("cohesive_exponential", msb_cohesive_exponential_create(1.0, 1e-9, NULL, &rows[k].law), 0,
        1e-8);
    ADD("cohesive_bilinear", msb_cohesive_bilinear_create(1.0, 1e9, 1e-10, NULL, &rows[k].law), 0,
        3e-9);
    ADD("voltage_pressure", msb_voltage_pressure_create(3.7, 2e-6, 0, 1, NULL, &rows[k].law), -1e9,
        1e9);
    ADD("activation_volume_tensor (7 inputs)",
        msb_activation_volume_tensor_create(1e-7, 0.4 * MSB_EV, om6, NULL, &rows[k].law), 250, 450,
        -1e9, 1e9, -1e9, 1e9, -1e9, 1e9, -1e8, 1e8, -1e8, 1e8, -1e8, 1e8);
    ADD("barodiffusion (8 inputs, 3 outputs)", msb_barodiffusion_create(1e-14, 3e-6, NULL, &rows[k].law),
        0, 3e4, 250, 450, -1e8, 1e8, -1e8, 1e8, -1e8, 1e8, -1e12, 1e12, -1e12, 1e12, -1e12, 1e12);
#undef ADD
    printf("| law (best of %d) | points | request | ns/point | copy floor ns/point | "
           "x copy of the same arrays |\n|---|---|---|---|---|---|\n", reps);
    for (int r = 0; r < k; r++) {
        const size_t nin = msb_law_n_inputs(rows[r].law), nout = msb_law_n_outputs(rows[r].law);
        /* at most 16e6 doubles per set of arrays (laws with many inputs and outputs get fewer
         * points; they stay far larger than the caches) */
        const size_t per = nin + nout + nin * nout;
        const size_t n = n_req * per > 16000000 ? 16000000 / per : n_req;
        double *x = malloc(n * nin * sizeof(double)), *y = malloc(n * nout * sizeof(double));
        double *d = malloc(n * nout * nin * sizeof(double)), *s = malloc(n * nout * sizeof(double));
        double *cx = malloc(n * nin * sizeof(double)), *cy = malloc(n * nout * sizeof(double));
        double *cd = malloc(n * nout * nin * sizeof(double));
        if (!x || !y || !d || !s || !cx || !cy || !cd) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        for (size_t i = 0; i < n; i++)
            for (size_t q = 0; q < nin; q++) x[i * nin + q] = qr(i, q, rows[r].lo[q], rows[r].hi[q]);
        memset(d, 0, n * nout * nin * sizeof(double));
        memset(s, 0, n * nout * sizeof(double));
        job j = {rows[r].law, n, nin, nout, x, y, d, s, cx, cy, cd, 0, 0, 0};
        static const char *what[] = {"values", "values + dy/dx", "values + uncertainty"};
        for (int m = 0; m < (rows[r].uq ? 3 : 2); m++) {
            j.mode = m;
            run(&j); /* warm-up (page faults of the outputs) */
            double t = best(&j, reps);
            job f = j;
            f.mode = m == 2 ? 5 : 3;
            f.deriv_floor = m == 1;
            run(&f);
            double tf = best(&f, reps);
            printf("| %s | %zu | %s | %.2f | %.2f | %.1f |\n", rows[r].name, n, what[m], 1e9 * t / (double)n,
                   1e9 * tf / (double)n, t / tf);
        }
        if (j.rc) {
            fprintf(stderr, "%s: evaluation failed: %s\n", rows[r].name, msb_last_error_message());
            bad = 1;
        }
        free(x); free(y); free(d); free(s); free(cx); free(cy); free(cd);
        msb_law_destroy(rows[r].law);
    }
    return bad;
}

/* Parameter sweep on MPI: Arrhenius laws of a set of materials, fitted on the ranks and
 * gathered on rank 0 into law cards.
 *
 * Task k (material k of n) has its own synthetic "measurement": D_k(T) = D0_k exp(-Ea_k/(k_B T))
 * at 8 temperatures with 5 % log-normal noise drawn from its own random stream, seeded by
 * (seed, k) — never by the rank — so the fit and its card depend only on k. Tasks are dealt
 * round-robin (task k on rank k mod size); every rank fits its tasks with msb_arrhenius_fit
 * and turns each law into card text (msb_card_to_string); rank 0 receives the texts in task
 * order, rebuilds each law from its text (msb_card_from_string) and writes the card with
 * msb_card_write, plus a summary table. Output is byte-identical for any number of ranks (the
 * test runs -np 1 and -np 2 and compares). The library is MPI-free: every rank creates and
 * destroys its own handles; only text crosses ranks.
 *
 * usage: mpirun -np P mpi_sweep OUTDIR [n_materials (default 24)] [seed (default 2026)] */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "msbridge.h"

/* splitmix64: the task's private stream, seeded by (seed, task) */
static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double normal(uint64_t *s)
{
    double u1 = ((double)(splitmix(s) >> 11) + 0.5) * 0x1.0p-53;
    double u2 = (double)(splitmix(s) >> 11) * 0x1.0p-53;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* The card's provenance note of task k (the same on every rank) */
static const char *provenance(char *note, size_t cap, int k, int n, uint64_t seed)
{
    snprintf(note, cap, "mpi_sweep material %d of %d, seed %llu", k, n, (unsigned long long)seed);
    return note;
}

/* Fit material k; returns its card text (free with msb_string_free) or NULL. */
static char *run_task(int k, int n, uint64_t seed)
{
    enum { NT = 8 };
    const double Ea = (0.20 + 0.6 * (double)k / (double)n) * MSB_EV;  /* 0.2 ... 0.8 eV */
    const double D0 = 1e-7 * pow(10.0, (double)(k % 5) - 2.0);       /* m^2/s */
    uint64_t s = seed ^ (0xD1B54A32D192ED03ULL * (uint64_t)(k + 1));
    double T[NT], D[NT], sd[NT];
    for (int i = 0; i < NT; i++) {
        T[i] = 300.0 + 100.0 * i;
        D[i] = D0 * exp(-Ea / (MSB_K_B * T[i])) * exp(0.05 * normal(&s));
        sd[i] = 0.05 * D[i];
    }
    msb_law *law = NULL;
    if (msb_arrhenius_fit(NT, T, D, sd, MSB_SIGMA_ABSOLUTE, NULL, &law) != MSB_SUCCESS) {
        fprintf(stderr, "material %d: fit failed: %s\n", k, msb_last_error_message());
        return NULL;
    }
    char note[128];
    const char *prov = provenance(note, sizeof note, k, n, seed);
    char *text = NULL;
    if (msb_card_to_string(law, 0, NULL, "examples/mpi_sweep", prov, &text) != MSB_SUCCESS)
        fprintf(stderr, "material %d: card failed: %s\n", k, msb_last_error_message());
    msb_law_destroy(law);
    return text;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (argc < 2) {
        if (rank == 0) fprintf(stderr, "usage: mpi_sweep OUTDIR [n_materials] [seed]\n");
        MPI_Finalize();
        return 2;
    }
    const char *outdir = argv[1];
    const int n = argc > 2 ? atoi(argv[2]) : 24;
    const uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 2026;
    if (n < 1) MPI_Abort(MPI_COMM_WORLD, 2);

    /* every rank: its tasks k = rank, rank + size, ... */
    char **mine = calloc((size_t)n, sizeof *mine);
    int ok = mine != NULL;
    for (int k = rank; ok && k < n; k += size) ok = (mine[k] = run_task(k, n, seed)) != NULL;
    int all_ok = 0;
    MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    if (!all_ok) MPI_Abort(MPI_COMM_WORLD, 1);

    if (rank != 0) {
        for (int k = rank; k < n; k += size) {
            MPI_Send(mine[k], (int)strlen(mine[k]) + 1, MPI_CHAR, 0, k, MPI_COMM_WORLD);
            msb_string_free(mine[k]);
        }
    } else {
        mkdir(outdir, 0777);
        char path[4096];
        snprintf(path, sizeof path, "%s/summary.tsv", outdir);
        FILE *sum = fopen(path, "w");
        if (!sum) {
            fprintf(stderr, "cannot write %s\n", path);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        fprintf(sum, "material\tD0_m2s\tEa_eV\tEa_sd_eV\n");
        for (int k = 0; k < n; k++) {
            char *text = mine[k];
            if (k % size != 0) { /* received from its rank, in task order */
                MPI_Status st;
                int len = 0;
                MPI_Probe(k % size, k, MPI_COMM_WORLD, &st);
                MPI_Get_count(&st, MPI_CHAR, &len);
                text = malloc((size_t)len);
                if (!text) MPI_Abort(MPI_COMM_WORLD, 1);
                MPI_Recv(text, len, MPI_CHAR, k % size, k, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            }
            /* rebuild the law from the text and write its card (crash-safe); the rewritten
             * text must equal the received one */
            msb_law *law = NULL;
            double p[2], cov[4];
            char note[128], *again = NULL;
            const char *prov = provenance(note, sizeof note, k, n, seed);
            snprintf(path, sizeof path, "%s/material_%03d.json", outdir, k);
            if (msb_card_from_string(text, strlen(text), "sweep", &law) != MSB_SUCCESS ||
                msb_card_to_string(law, 0, NULL, "examples/mpi_sweep", prov, &again) ||
                msb_card_write(law, path, 0, NULL, "examples/mpi_sweep", prov) ||
                msb_law_params(law, p) || msb_law_covariance(law, cov)) {
                fprintf(stderr, "material %d: %s\n", k, msb_last_error_message());
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
            if (strcmp(again, text) != 0) {
                fprintf(stderr, "material %d: card text changed in the round trip\n", k);
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
            msb_string_free(again);
            fprintf(sum, "%d\t%.6e\t%.6f\t%.6f\n", k, exp(p[0]), p[1] / MSB_EV,
                    sqrt(cov[3]) / MSB_EV);
            msb_law_destroy(law);
            if (k % size != 0) free(text);
            else msb_string_free(text);
        }
        fclose(sum);
        printf("mpi_sweep: %d materials on %d rank(s) -> %s\n", n, size, outdir);
    }
    free(mine);
    MPI_Finalize();
    return 0;
}

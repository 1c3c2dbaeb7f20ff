/* Shared by the trajectory-reader fuzz targets: the fuzz input becomes an in-memory file
 * (memfd) that the readers open by path, and the result contract is checked. */
#ifndef FUZZ_TRAJECTORY_COMMON_H
#define FUZZ_TRAJECTORY_COMMON_H

#define _GNU_SOURCE 1
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "msbridge.h"

/* Path of an in-memory file holding data[0..size); *fd receives the descriptor (close it). */
static const char *fuzz_memfile(const uint8_t *data, size_t size, int *fd)
{
    static char path[64];
    *fd = memfd_create("fuzz", 0);
    if (*fd < 0) abort();
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(*fd, data + done, size - done);
        if (w <= 0) abort();
        done += (size_t)w;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", *fd);
    return path;
}

static void fuzz_check_trajectory(msb_status s, msb_trajectory *t)
{
    if (s < 0 || s >= msb_status_count()) abort();
    if (s != MSB_SUCCESS) {
        if (t != NULL || msb_last_error_message()[0] == '\0') abort();
        return;
    }
    size_t nf = msb_trajectory_n_frames(t), na = msb_trajectory_n_atoms(t);
    if (nf == 0 || na == 0) abort();
    const double *pos = msb_trajectory_positions(t), *times = msb_trajectory_times(t);
    for (size_t i = 0; i < nf * na * 3; i++) if (!isfinite(pos[i])) abort();
    for (size_t f = 1; f < nf; f++) if (!(times[f] > times[f - 1])) abort();
    /* the estimators accept what the readers produce */
    msb_estimate *e = NULL;
    msb_status m = msb_msd_compute(t, -1, MSB_MSD_ALL_ORIGINS, 1, 0, &e);
    if (m < 0 || m >= msb_status_count()) abort();
    msb_estimate_destroy(e);
    msb_trajectory_destroy(t);
}

#endif

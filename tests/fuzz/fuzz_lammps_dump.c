/* Fuzz target: the LAMMPS text dump reader (msb_trajectory_read_lammps) on arbitrary text, in
 * lj units with size limits (1000 frames, 4096 atoms) so that declared sizes cannot exhaust
 * memory; then the all-origin MSD of whatever was read. */
#include "fuzz_trajectory_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static msb_units *units;
    if (!units && msb_units_create_lj(3.4e-10, 1.65e-21, 6.6e-26, &units) != MSB_SUCCESS) abort();
    int fd;
    const char *path = fuzz_memfile(data, size, &fd);
    msb_trajectory *t = NULL;
    msb_clear_error();
    msb_status s = msb_trajectory_read_lammps(path, units, 0.005, 1000, 4096, &t);
    fuzz_check_trajectory(s, t);
    close(fd);
    return 0;
}

/* Fuzz target: the extended XYZ reader (msb_trajectory_read_xyz) on arbitrary text, with size
 * limits (1000 frames, 4096 atoms); then the all-origin MSD of whatever was read. */
#include "fuzz_trajectory_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd;
    const char *path = fuzz_memfile(data, size, &fd);
    msb_trajectory *t = NULL;
    msb_clear_error();
    msb_status s = msb_trajectory_read_xyz(path, 1e-10, 1e-15, 1000, 4096, &t);
    fuzz_check_trajectory(s, t);
    close(fd);
    return 0;
}

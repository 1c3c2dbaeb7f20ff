/* Internal: crash-safe file writing shared by law cards and exporters, with a test hook. */
#ifndef MSBI_IO_CARD_INTERNAL_H
#define MSBI_IO_CARD_INTERNAL_H

#include <stddef.h>

#include "core/internal.h"

/* Write len bytes to path via a temporary file in the same folder + fsync + rename. On failure
 * the temporary file is removed and an existing file at path is untouched. */
msb_status msbi_write_file_atomic(const char *where, const char *path, const char *data,
                                  size_t len);

/* Test hook (static library / tests only): the next atomic write in this thread writes only
 * `nbytes` bytes of its temporary file and then fails as if the disk were full (MSB_EIO).
 * A negative value disables. */
void msbi_test_card_write_fail_after(long nbytes);

/* Read a whole file into a NUL-terminated buffer (msbi_free it). MSB_EIO / MSB_ENOMEM. */
msb_status msbi_read_file(const char *where, const char *path, char **text, size_t *len);

#endif

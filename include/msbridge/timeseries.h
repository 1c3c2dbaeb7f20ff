/* msbridge/timeseries.h — numeric column files (time series) read into memory.
 *
 * Reads plain numeric tables: whitespace- and/or comma-separated columns, one record per line.
 * This covers LAMMPS `fix print` and `fix ave/time` output, the table format of sportran
 * (Silica.dat), CSV files and `thermo`-style blocks cut out of a log. The rules are explicit,
 * nothing is guessed:
 *  - a line whose first non-blank character is '#' is a comment; blank lines are ignored;
 *  - with MSB_TABLE_HEADER the first non-comment line holds the column names (separated like
 *    the data); with MSB_TABLE_HEADER_COMMENT the LAST comment line before the first data line
 *    holds them after its '#' (LAMMPS fix ave/time writes "# TimeStep c_flux[1] ..."); with
 *    neither flag columns are named "1", "2", ... (1-based);
 *  - every data line must have the same number of fields as the first data line (and as the
 *    header, when there is one), and every field must be a finite number (strtod syntax; NaN and
 *    Inf are rejected): errors name FILE:LINE and the column.
 * Values are stored column-major and contiguous: msb_table_column(t, j) points at nrows values
 * and column j + 1 follows immediately, so k adjacent columns form one k x nrows block (the
 * layout the Green-Kubo estimators take). Values are as in the file: unit conversion is the
 * caller's (msbridge/units.h).
 *
 * A table is immutable after reading; a const table may be shared by threads.
 */
#ifndef MSBRIDGE_TIMESERIES_H
#define MSBRIDGE_TIMESERIES_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/status.h"

MSB_BEGIN_DECLS

typedef struct msb_table msb_table;

/* Flags of msb_table_read. */
enum {
    MSB_TABLE_HEADER = 1,         /* first non-comment line = column names */
    MSB_TABLE_HEADER_COMMENT = 2  /* last comment line before the data = column names */
};

/* Read a numeric table from `path` (flags: 0 or one of the MSB_TABLE_HEADER* values).
 * Errors: MSB_ENULL; MSB_EINVAL (unknown flags); MSB_EIO (cannot open or read; the message
 * carries strerror); MSB_EFORMAT (a field that is not a number, a NaN/Inf field, a row with a
 * different number of columns, header/data column count mismatch: "FILE:LINE: ..."),
 * MSB_EINSUFFICIENT (no data line), MSB_ENOMEM. Nothing is returned on failure. Thread-safe.
 * Regular files of 2 MiB or more are read and parsed on up to MSB_NUM_THREADS (default: the
 * online CPUs, at most 8) threads, split at line starts; values and messages are those of a
 * serial read. A file that becomes shorter while it is read gives MSB_EIO. */
MSB_API msb_status msb_table_read(const char *path, int flags, msb_table **out);

/* As msb_table_read, from a NUL-terminated string in memory (`name` is used in messages and
 * may be NULL). */
MSB_API msb_status msb_table_parse(const char *text, const char *name, int flags,
                                   msb_table **out);

/* Release; NULL-safe. */
MSB_API void msb_table_destroy(msb_table *t);

/* Number of data rows / columns; 0 for NULL. */
MSB_API size_t msb_table_nrows(const msb_table *t);
MSB_API size_t msb_table_ncols(const msb_table *t);
/* Column j's name; NULL if out of range. */
MSB_API const char *msb_table_column_name(const msb_table *t, size_t j);
/* Column j's nrows values (columns are contiguous, see above); NULL if out of range. */
MSB_API const double *msb_table_column(const msb_table *t, size_t j);
/* 1-based source line of data row i (for messages); 0 if out of range. */
MSB_API size_t msb_table_line(const msb_table *t, size_t i);
/* Index of the column called `name`. Errors: MSB_ENULL, MSB_EINVAL (no such column). */
MSB_API msb_status msb_table_find(const msb_table *t, const char *name, size_t *index);

MSB_END_DECLS

#endif

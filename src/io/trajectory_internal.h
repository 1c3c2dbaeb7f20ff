/* Internal: building an msb_trajectory frame by frame (shared by the LAMMPS and XYZ readers). */
#ifndef MSBI_IO_TRAJECTORY_INTERNAL_H
#define MSBI_IO_TRAJECTORY_INTERNAL_H

#include "core/internal.h"
#include "core/numtext.h"
#include "msbridge/trajectory.h"

#define MSBI_TRAJ_MAX_TYPE_NAMES 64

struct msb_trajectory {
    size_t n_frames, n_atoms, cap_frames;
    double *pos;      /* n_frames * n_atoms * 3, unwrapped, m */
    double *time;     /* n_frames, s */
    double *cell;     /* n_frames * 9, m, or NULL */
    int *type;        /* n_atoms */
    long long *id;    /* n_atoms */
    msb_unwrap_method method;
    double max_hop;   /* fraction of the half width (minimum image only) */
    double *prev;     /* n_atoms * 3 wrapped positions of the previous frame (min image), scratch */
    int has_cell;
    size_t n_names;
    char names[MSBI_TRAJ_MAX_TYPE_NAMES][32];
};

/* New empty trajectory for n_atoms atoms (ids and types copied), with a cell per frame or none. */
msb_status msbi_traj_new(const char *where, size_t n_atoms, const long long *id, const int *type,
                         int has_cell, msb_unwrap_method method, msb_trajectory **out);
/* Append a frame: r (n_atoms*3, m; wrapped or unwrapped per method), img (n_atoms*3 image
 * counts, only for MSB_UNWRAP_IMAGE_FLAGS), cell (9, m, rows) or NULL, time t (s).
 * `ctx` names the place for messages (e.g. "file:line"). */
msb_status msbi_traj_append(const char *where, const char *ctx, msb_trajectory *t,
                            const double *r, const int *img, const double *cell, double time_s,
                            size_t max_frames);
/* Reserve room for n_frames frames (a size hint; appending more still works). */
msb_status msbi_traj_reserve(const char *where, msb_trajectory *t, size_t n_frames);
/* Release scratch after the last frame. */
void msbi_traj_finish(msb_trajectory *t);

/* Buffered line reader shared by the text readers: reads the file in large blocks (one read()
 * per block, no stdio) and hands out each line in place, NUL-terminated ('\n' and a trailing
 * '\r' removed), with at least MSBI_PARSE_PAD readable bytes after the NUL (for
 * msbi_parse_number_padded). A line longer than max_line bytes or a NUL byte is a
 * "file:line" MSB_EFORMAT error. */
typedef struct msbi_lines {
    int fd;
    const char *path;
    size_t line;      /* number of the line last returned (1-based) */
    char *buf;        /* cap + MSBI_PARSE_PAD + 1 bytes */
    size_t cap;       /* text bytes the buffer holds */
    size_t beg, len;  /* unread text: buf[beg, len) */
    size_t nul;       /* offset of the first NUL byte in buf[0, len), or SIZE_MAX */
    size_t max_line;
    unsigned long long base; /* file offset of buf[0] */
    int eof;
} msbi_lines;

/* Open path for reading (MSB_EIO with the reason if it cannot be opened; MSB_ENOMEM). */
msb_status msbi_lines_open(const char *where, msbi_lines *r, const char *path, size_t max_line);
void msbi_lines_close(msbi_lines *r);
/* Next line: returns 1 with *line set, 0 at the end of the file, or minus the status of the
 * error it recorded (-MSB_EIO for a read error, -MSB_EFORMAT for an overlong or NUL line). */
int msbi_lines_next(const char *where, msbi_lines *r, char **line);
/* The complete lines after the last line returned, as now in the buffer (refilled first):
 * [*p, *end), ending just after a '\n', not NUL-terminated, valid until the next call on r.
 * Returns 1, or 0 if there is no complete line or the window holds a NUL byte (then read line
 * by line, which reports it), -1 on a read error (set). */
int msbi_lines_window(const char *where, msbi_lines *r, const char **p, const char **end);
/* Step over `bytes` bytes of the window that hold `lines` lines. */
void msbi_lines_skip(msbi_lines *r, size_t bytes, size_t lines);
/* Let the buffer hold at least cap bytes of text (MSB_ENOMEM). */
msb_status msbi_lines_reserve(const char *where, msbi_lines *r, size_t cap);
/* File offset just after the last line returned; file size (0 if unknown). */
unsigned long long msbi_lines_tell(const msbi_lines *r);
unsigned long long msbi_lines_file_size(const msbi_lines *r);

/* Split s in place at blanks/tabs into at most max tokens; returns the number of tokens found
 * (which may exceed max: only the first max are stored). */
size_t msbi_traj_tokenize(char *s, char **tok, size_t max);
/* One whole field as a finite double, correctly rounded and locale-independent
 * (msbi_parse_number, core/numtext.h). Returns 1 on success (*v is set either way). */
int msbi_traj_parse_double(const char *s, double *v);
/* Invert a 3x3 row-vector cell: fractional s = r * inv (row vector times matrix). Returns 0 if
 * singular. */
int msbi_cell_inverse(const double *cell, double *inv);

#endif

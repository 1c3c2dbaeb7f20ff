/* Trajectories: construction, unwrapping and accessors (msbridge/trajectory.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/numtext.h"
#include "io/trajectory_internal.h"
#include "msbridge/trajectory.h"

static msb_status grow(const char *where, const char *ctx, msb_trajectory *t, size_t cap);

int msbi_cell_inverse(const double *h, double *inv)
{
    const double c00 = h[4] * h[8] - h[5] * h[7], c01 = h[5] * h[6] - h[3] * h[8],
                 c02 = h[3] * h[7] - h[4] * h[6];
    const double det = h[0] * c00 + h[1] * c01 + h[2] * c02;
    if (!(fabs(det) > 0) || !isfinite(det)) return 0;
    inv[0] = c00 / det;
    inv[1] = (h[2] * h[7] - h[1] * h[8]) / det;
    inv[2] = (h[1] * h[5] - h[2] * h[4]) / det;
    inv[3] = c01 / det;
    inv[4] = (h[0] * h[8] - h[2] * h[6]) / det;
    inv[5] = (h[2] * h[3] - h[0] * h[5]) / det;
    inv[6] = c02 / det;
    inv[7] = (h[1] * h[6] - h[0] * h[7]) / det;
    inv[8] = (h[0] * h[4] - h[1] * h[3]) / det;
    return 1;
}

static double cell_det(const double *h)
{
    return h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) +
           h[2] * (h[3] * h[7] - h[4] * h[6]);
}

msb_status msbi_traj_new(const char *where, size_t n_atoms, const long long *id, const int *type,
                         int has_cell, msb_unwrap_method method, msb_trajectory **out)
{
    msb_trajectory *t = msbi_calloc(1, sizeof *t);
    if (t == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    t->n_atoms = n_atoms;
    t->has_cell = has_cell;
    t->method = method;
    t->id = msbi_alloc_array(n_atoms, sizeof *t->id);
    t->type = msbi_alloc_array(n_atoms, sizeof *t->type);
    if (method == MSB_UNWRAP_MINIMUM_IMAGE) t->prev = msbi_alloc_array(n_atoms, 3 * sizeof(double));
    if (t->id == NULL || t->type == NULL || (method == MSB_UNWRAP_MINIMUM_IMAGE && t->prev == NULL)) {
        msb_trajectory_destroy(t);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu atoms", n_atoms);
    }
    for (size_t a = 0; a < n_atoms; a++) {
        t->id[a] = id ? id[a] : (long long)a + 1;
        t->type[a] = type ? type[a] : 1;
    }
    *out = t;
    return MSB_SUCCESS;
}

msb_status msbi_traj_append(const char *where, const char *ctx, msb_trajectory *t,
                            const double *r, const int *img, const double *cell, double time_s,
                            size_t max_frames)
{
    const size_t na = t->n_atoms, f = t->n_frames;
    if (f >= max_frames)
        return msbi_error(MSB_ESIZE, where, "%s: more than max_frames = %zu frames", ctx,
                          max_frames);
    if (f > 0 && !(time_s > t->time[f - 1]))
        return msbi_error(MSB_EFORMAT, where, "%s: frame time %g s is not after the previous "
                          "frame's %g s (time steps must be > 0)", ctx, time_s, t->time[f - 1]);
    /* Finite text can still overflow once scaled (xs * box length, length unit): reject it. */
    for (size_t i = 0; i < na * 3; i++)
        if (!isfinite(r[i]))
            return msbi_error(MSB_EFORMAT, where, "%s: coordinate %zu of atom %zu is not finite "
                              "after scaling to metres", ctx, i % 3, i / 3);
    if (t->has_cell)
        for (int k = 0; k < 9; k++)
            if (!isfinite(cell[k]))
                return msbi_error(MSB_EFORMAT, where, "%s: the cell is not finite", ctx);
    double inv[9] = {0};
    if (t->has_cell && !msbi_cell_inverse(cell, inv))
        return msbi_error(MSB_EFORMAT, where, "%s: the cell is singular", ctx);
    if (f == t->cap_frames) {
        /* grow by 1.5x (the readers reserve the expected count up front) */
        size_t cap = t->cap_frames ? t->cap_frames + t->cap_frames / 2 + 1 : 16;
        if (cap > max_frames) cap = max_frames;
        MSBI_TRY(grow(where, ctx, t, cap));
    }
    double *dst = t->pos + f * na * 3;
    if (t->method == MSB_UNWRAP_GIVEN) {
        memcpy(dst, r, na * 3 * sizeof(double));
    } else if (t->method == MSB_UNWRAP_IMAGE_FLAGS) {
        for (size_t a = 0; a < na; a++)
            for (int k = 0; k < 3; k++)
                dst[3 * a + k] = r[3 * a + k] + img[3 * a] * cell[k] + img[3 * a + 1] * cell[3 + k] +
                                 img[3 * a + 2] * cell[6 + k];
    } else if (f == 0) {
        memcpy(dst, r, na * 3 * sizeof(double));
        memcpy(t->prev, r, na * 3 * sizeof(double));
    } else {
        /* smallest perpendicular width: 1/|column k of inv| */
        double wmin = INFINITY;
        for (int k = 0; k < 3; k++) {
            double nk = sqrt(inv[k] * inv[k] + inv[3 + k] * inv[3 + k] + inv[6 + k] * inv[6 + k]);
            wmin = fmin(wmin, 1.0 / nk);
        }
        const double *prevu = dst - na * 3;
        for (size_t a = 0; a < na; a++) {
            double d[3], s[3];
            for (int k = 0; k < 3; k++) d[k] = r[3 * a + k] - t->prev[3 * a + k];
            for (int k = 0; k < 3; k++) {
                s[k] = d[0] * inv[k] + d[1] * inv[3 + k] + d[2] * inv[6 + k];
                s[k] -= nearbyint(s[k]);
            }
            double hop2 = 0;
            for (int k = 0; k < 3; k++) {
                d[k] = s[0] * cell[k] + s[1] * cell[3 + k] + s[2] * cell[6 + k];
                hop2 += d[k] * d[k];
                dst[3 * a + k] = prevu[3 * a + k] + d[k];
            }
            const double frac = sqrt(hop2) / (0.5 * wmin);
            if (frac > t->max_hop) t->max_hop = frac;
        }
        if (t->max_hop > 0.8)
            return msbi_error(MSB_EDOM, where, "%s: an atom moved %.3g of half the smallest cell "
                              "width since the previous frame; minimum-image unwrapping needs "
                              "hops well below half the width (limit 0.8): write frames more often "
                              "or dump image flags (ix iy iz) or unwrapped coordinates (xu yu zu)",
                              ctx, t->max_hop);
        memcpy(t->prev, r, na * 3 * sizeof(double));
    }
    for (size_t i = 0; i < na * 3; i++)
        if (!isfinite(dst[i]))
            return msbi_error(MSB_ERANGE, where, "%s: unwrapped coordinate %zu of atom %zu "
                              "overflows", ctx, i % 3, i / 3);
    t->time[f] = time_s;
    if (t->has_cell) memcpy(t->cell + 9 * f, cell, 9 * sizeof(double));
    t->n_frames = f + 1;
    return MSB_SUCCESS;
}

static msb_status grow(const char *where, const char *ctx, msb_trajectory *t, size_t cap)
{
    const size_t na = t->n_atoms;
    size_t per;
    if (msbi_mul_size(na, 3, &per) || msbi_mul_size(per, cap, &(size_t){0}))
        return msbi_error(MSB_ESIZE, where, "%s: trajectory too large", ctx);
    double *p = msbi_realloc_array(t->pos, cap, per * sizeof(double));
    if (p == NULL) return msbi_error(MSB_ENOMEM, where, "%s: out of memory for %zu frames", ctx, cap);
    t->pos = p;
    double *tm = msbi_realloc_array(t->time, cap, sizeof(double));
    if (tm == NULL) return msbi_error(MSB_ENOMEM, where, "%s: out of memory", ctx);
    t->time = tm;
    if (t->has_cell) {
        double *c = msbi_realloc_array(t->cell, cap, 9 * sizeof(double));
        if (c == NULL) return msbi_error(MSB_ENOMEM, where, "%s: out of memory", ctx);
        t->cell = c;
    }
    t->cap_frames = cap;
    return MSB_SUCCESS;
}

msb_status msbi_traj_reserve(const char *where, msb_trajectory *t, size_t n_frames)
{
    if (n_frames <= t->cap_frames) return MSB_SUCCESS;
    return grow(where, "reserve", t, n_frames);
}

void msbi_traj_finish(msb_trajectory *t)
{
    /* give back over-reserved room (shrinking realloc; keep the block if that fails) */
    if (t->n_frames > 0 && t->n_frames < t->cap_frames) {
        size_t per = t->n_atoms * 3;
        double *p = msbi_realloc_array(t->pos, t->n_frames, per * sizeof(double));
        if (p) t->pos = p;
    }
    msbi_free(t->prev);
    t->prev = NULL;
}

void msb_trajectory_destroy(msb_trajectory *t)
{
    if (t == NULL) return;
    msbi_free(t->pos);
    msbi_free(t->time);
    msbi_free(t->cell);
    msbi_free(t->type);
    msbi_free(t->id);
    msbi_free(t->prev);
    msbi_free(t);
}

msb_status msb_trajectory_create(size_t n_frames, size_t n_atoms, const double *pos_m,
                                 const int *types, const double *cell_m, double frame_dt_s,
                                 int wrapped, msb_trajectory **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_CHECK_NULL(pos_m);
    if (n_frames == 0 || n_atoms == 0)
        return MSBI_FAIL(MSB_ESIZE, "n_frames = %zu and n_atoms = %zu must both be >= 1", n_frames,
                         n_atoms);
    MSBI_TRY(msbi_check_positive(__func__, "frame_dt_s", frame_dt_s));
    size_t total;
    if (msbi_mul_size(n_frames, n_atoms, &total) || msbi_mul_size(total, 3, &total))
        return MSBI_FAIL(MSB_ESIZE, "n_frames x n_atoms x 3 overflows");
    MSBI_TRY(msbi_check_array_finite(__func__, "pos_m", total, pos_m));
    if (types)
        for (size_t a = 0; a < n_atoms; a++)
            if (types[a] < 0) return MSBI_FAIL(MSB_EDOM, "types[%zu] = %d must be >= 0", a, types[a]);
    if (wrapped != 0 && wrapped != 1) return MSBI_FAIL(MSB_EINVAL, "wrapped must be 0 or 1 (got %d)", wrapped);
    if (cell_m) {
        MSBI_TRY(msbi_check_array_finite(__func__, "cell_m", 9, cell_m));
        double inv[9];
        if (!msbi_cell_inverse(cell_m, inv)) return MSBI_FAIL(MSB_EINVAL, "cell_m is singular");
    } else if (wrapped) {
        return MSBI_FAIL(MSB_EINVAL, "wrapped = 1 needs a cell (cell_m is NULL)");
    }
    msb_trajectory *t;
    MSBI_TRY(msbi_traj_new(__func__, n_atoms, NULL, types, cell_m != NULL,
                           wrapped ? MSB_UNWRAP_MINIMUM_IMAGE : MSB_UNWRAP_GIVEN, &t));
    for (size_t f = 0; f < n_frames; f++) {
        char ctx[48];
        snprintf(ctx, sizeof ctx, "frame %zu", f);
        msb_status st = msbi_traj_append(__func__, ctx, t, pos_m + f * n_atoms * 3, NULL, cell_m,
                                         (double)f * frame_dt_s, n_frames);
        if (st) {
            msb_trajectory_destroy(t);
            return st;
        }
    }
    msbi_traj_finish(t);
    *out = t;
    return MSB_SUCCESS;
}

size_t msb_trajectory_n_frames(const msb_trajectory *t) { return t ? t->n_frames : 0; }
size_t msb_trajectory_n_atoms(const msb_trajectory *t) { return t ? t->n_atoms : 0; }
const double *msb_trajectory_positions(const msb_trajectory *t) { return t ? t->pos : NULL; }
const double *msb_trajectory_times(const msb_trajectory *t) { return t ? t->time : NULL; }
const int *msb_trajectory_types(const msb_trajectory *t) { return t ? t->type : NULL; }
const long long *msb_trajectory_ids(const msb_trajectory *t) { return t ? t->id : NULL; }
const double *msb_trajectory_cell(const msb_trajectory *t, size_t f)
{
    return (t && t->has_cell && f < t->n_frames) ? t->cell + 9 * f : NULL;
}
double msb_trajectory_volume(const msb_trajectory *t, size_t f)
{
    const double *c = msb_trajectory_cell(t, f);
    return c ? fabs(cell_det(c)) : 0.0;
}
msb_unwrap_method msb_trajectory_unwrap_method(const msb_trajectory *t)
{
    return t ? t->method : MSB_UNWRAP_GIVEN;
}
double msb_trajectory_max_hop_fraction(const msb_trajectory *t) { return t ? t->max_hop : 0.0; }
const char *msb_trajectory_type_name(const msb_trajectory *t, int type)
{
    if (t == NULL) return NULL;
    if (type >= 1 && (size_t)type <= t->n_names) return t->names[type - 1];
    return "";
}

/* ---- text helpers shared by the LAMMPS dump and extended XYZ readers ---- */

/* Block size of the line reader: large enough for few system calls, small enough to stay in
 * the cache while its lines are parsed, and at least two maximal lines. */
#define LINES_BLOCK ((size_t)1 << 19)

msb_status msbi_lines_open(const char *where, msbi_lines *r, const char *path, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->path = path;
    r->max_line = max_line;
    r->nul = SIZE_MAX;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) return msbi_error(MSB_EIO, where, "cannot open '%s': %s", path, strerror(errno));
    /* LINES_BLOCK, but at most 1/8 of a smaller file (its memory then stays small next to what
     * is read from it), and at least two maximal lines */
    const unsigned long long size = msbi_lines_file_size(r);
    r->cap = LINES_BLOCK;
    if (size > 0 && size / 8 < r->cap) r->cap = (size_t)(size / 8);
    if (r->cap < 2 * (max_line + 2)) r->cap = 2 * (max_line + 2);
    r->buf = msbi_malloc(r->cap + MSBI_PARSE_PAD + 1);
    if (r->buf == NULL) {
        close(r->fd);
        r->fd = -1;
        return msbi_error(MSB_ENOMEM, where, "out of memory");
    }
    return MSB_SUCCESS;
}

void msbi_lines_close(msbi_lines *r)
{
    if (r->fd >= 0) close(r->fd);
    r->fd = -1;
    msbi_free(r->buf);
    r->buf = NULL;
}

/* Move the unread text to the front and read more; returns -1 on a read error (set). */
static int lines_fill(const char *where, msbi_lines *r)
{
    if (r->beg > 0) {
        memmove(r->buf, r->buf + r->beg, r->len - r->beg);
        r->base += r->beg;
        r->len -= r->beg;
        r->nul = r->nul == SIZE_MAX ? SIZE_MAX : r->nul - r->beg;
        r->beg = 0;
    }
    while (r->len < r->cap && !r->eof) {
        const ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            msbi_error(MSB_EIO, where, "%s:%zu: read error: %s", r->path, r->line + 1,
                       strerror(errno));
            return -1;
        }
        if (got == 0) {
            r->eof = 1;
            break;
        }
        if (r->nul == SIZE_MAX) {
            const char *z = memchr(r->buf + r->len, '\0', (size_t)got);
            if (z) r->nul = (size_t)(z - r->buf);
        }
        r->len += (size_t)got;
    }
    memset(r->buf + r->len, 0, MSBI_PARSE_PAD + 1);
    return 0;
}

int msbi_lines_next(const char *where, msbi_lines *r, char **line)
{
    char *s, *nl;
    for (;;) {
        s = r->buf + r->beg;
        nl = memchr(s, '\n', r->len - r->beg);
        if (nl != NULL || r->eof) break;
        if (r->beg == 0 && r->len == r->cap) break; /* a full buffer without a newline */
        if (lines_fill(where, r) < 0) return -MSB_EIO;
    }
    if (nl == NULL && r->beg == r->len) return 0; /* end of file */
    r->line++;
    char *e = nl ? nl : r->buf + r->len; /* a last line without '\n' ends at the text end */
    if ((size_t)(e - s) > r->max_line) {
        msbi_error(MSB_EFORMAT, where, "%s:%zu: line longer than %zu bytes", r->path, r->line,
                   r->max_line);
        return -MSB_EFORMAT;
    }
    if (r->nul != SIZE_MAX && r->buf + r->nul < e) {
        msbi_error(MSB_EFORMAT, where, "%s:%zu: NUL byte in the line (not a text file)", r->path,
                   r->line);
        return -MSB_EFORMAT;
    }
    r->beg = (size_t)(e - r->buf) + (nl != NULL);
    if (e > s && e[-1] == '\r') e--;
    *e = '\0';
    *line = s;
    return 1;
}

int msbi_lines_window(const char *where, msbi_lines *r, const char **p, const char **end)
{
    /* refill only when less than half a buffer is left (each refill moves the rest) */
    if (r->len - r->beg < r->cap / 2 && !r->eof && lines_fill(where, r) < 0) return -1;
    const char *s = r->buf + r->beg, *e = r->buf + r->len;
    while (e > s && e[-1] != '\n') e--;
    if (e == s || (r->nul != SIZE_MAX && r->buf + r->nul < e)) return 0;
    *p = s;
    *end = e;
    return 1;
}

void msbi_lines_skip(msbi_lines *r, size_t bytes, size_t lines)
{
    r->beg += bytes;
    r->line += lines;
}

msb_status msbi_lines_reserve(const char *where, msbi_lines *r, size_t cap)
{
    if (cap <= r->cap) return MSB_SUCCESS;
    size_t total;
    if (msbi_add_size(cap, MSBI_PARSE_PAD + 1, &total))
        return msbi_error(MSB_ENOMEM, where, "read buffer too large");
    char *b = msbi_realloc_array(r->buf, total, 1);
    if (b == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-byte read buffer", cap);
    r->buf = b;
    r->cap = cap;
    return MSB_SUCCESS;
}

unsigned long long msbi_lines_tell(const msbi_lines *r) { return r->base + r->beg; }

unsigned long long msbi_lines_file_size(const msbi_lines *r)
{
    struct stat sb;
    if (fstat(r->fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0)
        return (unsigned long long)sb.st_size;
    return 0;
}

size_t msbi_traj_tokenize(char *s, char **tok, size_t max)
{
    size_t n = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t') s++;
        if (!*s) break;
        if (n < max) tok[n] = s;
        n++;
        while (*s && *s != ' ' && *s != '\t') s++;
        if (*s) *s++ = '\0';
    }
    return n;
}

int msbi_traj_parse_double(const char *s, double *v)
{
    double x = 0;
    const char *e = msbi_parse_number(s, &x);
    *v = x;
    return e != NULL && *e == '\0' && isfinite(x);
}

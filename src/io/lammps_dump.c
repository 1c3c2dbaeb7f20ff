/* LAMMPS text dump reader (msbridge/trajectory.h). Format: LAMMPS manual, `dump` command
 * ("dump custom" ITEM headers) and "Triclinic (non-orthogonal) simulation boxes" for the
 * bounding-box convention. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"
#include "io/trajectory_internal.h"
#include "msbridge/trajectory.h"

#define MAXTOK 512

/* Lines come from the file (through L), or, for a worker thread parsing frames of a window of
 * complete lines, from memory [mp, mend) copied line by line into lbuf (the window itself is
 * left untouched, so the file reader can go over it again). */
typedef struct reader {
    msbi_lines L;
    const char *path;
    size_t line;
    char *buf;             /* the current line */
    const char *mp, *mend; /* memory mode when mp != NULL */
    char *lbuf;            /* MSB_TRAJ_DEFAULT_MAX_LINE + 1 + MSBI_PARSE_PAD bytes */
    int hit_end;           /* memory mode: the frame ran past the window end */
} reader;

/* Next line into r->buf (newline stripped). Returns 1 on a line, 0 at EOF, or minus the status
 * of the error it recorded (MSB_EIO for a read error, MSB_EFORMAT for an overlong line). */
static int next_line(const char *where, reader *r)
{
    if (r->mp != NULL) {
        if (r->mp >= r->mend) { /* end of the window: the frame parse fails */
            r->hit_end = 1;
            return 0;
        }
        const char *nl = memchr(r->mp, '\n', (size_t)(r->mend - r->mp));
        const char *e = nl ? nl : r->mend;
        r->line++;
        size_t len = (size_t)(e - r->mp);
        if (len > MSB_TRAJ_DEFAULT_MAX_LINE) {
            msbi_error(MSB_EFORMAT, where, "%s:%zu: line longer than %zu bytes", r->path, r->line,
                       MSB_TRAJ_DEFAULT_MAX_LINE);
            return -MSB_EFORMAT;
        }
        memcpy(r->lbuf, r->mp, len);
        if (len > 0 && r->lbuf[len - 1] == '\r') len--;
        r->lbuf[len] = '\0';
        r->buf = r->lbuf;
        r->mp = nl ? nl + 1 : r->mend;
        return 1;
    }
    const int k = msbi_lines_next(where, &r->L, &r->buf);
    r->line = r->L.line;
    return k;
}

static int parse_ll(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return end != s && *end == '\0' && errno == 0;
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Require the next line and that it starts with `item`. */
static msb_status expect_item(const char *where, reader *r, const char *item, int truncated_ok)
{
    int k = next_line(where, r);
    if (k < 0) return -k;
    if (k == 0)
        return msbi_error(truncated_ok ? MSB_ETRUNCATED : MSB_ETRUNCATED, where,
                          "%s:%zu: file ends before '%s' (truncated frame)", r->path, r->line, item);
    if (!starts(r->buf, item))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: expected '%s', found '%.60s'", r->path,
                          r->line, item, r->buf);
    return MSB_SUCCESS;
}

static msb_status value_line(const char *where, reader *r, long long *v, const char *what)
{
    int k = next_line(where, r);
    if (k < 0) return -k;
    if (k == 0)
        return msbi_error(MSB_ETRUNCATED, where, "%s:%zu: file ends before the %s (truncated frame)",
                          r->path, r->line, what);
    char *tok[2];
    if (msbi_traj_tokenize(r->buf, tok, 2) != 1 || !parse_ll(tok[0], v))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: expected one integer (%s)", r->path, r->line,
                          what);
    return MSB_SUCCESS;
}

enum { C_X, C_XU, C_XS, C_XSU, C_I, C_NSETS };
typedef struct layout {
    size_t ncol;
    long id, type, pos[C_NSETS][3];
    int set;       /* chosen coordinate set */
    int images;    /* image columns used */
    unsigned char role[MAXTOK]; /* what each column is (R_*), for the one-pass atom lines */
} layout;

enum { R_SKIP, R_ID, R_TYPE, R_P0, R_P1, R_P2, R_I0, R_I1, R_I2 };

static msb_status parse_layout(const char *where, reader *r, char *hdr, layout *L)
{
    static const char *names[C_NSETS][3] = {{"x", "y", "z"}, {"xu", "yu", "zu"}, {"xs", "ys", "zs"},
                                            {"xsu", "ysu", "zsu"}, {"ix", "iy", "iz"}};
    char *tok[MAXTOK];
    memset(L, 0, sizeof *L);
    size_t n = msbi_traj_tokenize(hdr + strlen("ITEM: ATOMS"), tok, MAXTOK);
    if (n > MAXTOK)
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: more than %d columns", r->path, r->line, MAXTOK);
    L->ncol = n;
    L->id = L->type = -1;
    for (int s = 0; s < C_NSETS; s++) L->pos[s][0] = L->pos[s][1] = L->pos[s][2] = -1;
    for (size_t c = 0; c < n; c++) {
        if (strcmp(tok[c], "id") == 0) L->id = (long)c;
        if (strcmp(tok[c], "type") == 0) L->type = (long)c;
        for (int s = 0; s < C_NSETS; s++)
            for (int k = 0; k < 3; k++)
                if (strcmp(tok[c], names[s][k]) == 0) L->pos[s][k] = (long)c;
    }
    if (L->id < 0)
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: the ATOMS line has no 'id' column (needed to "
                          "follow atoms between frames)", r->path, r->line);
    int have[C_NSETS];
    for (int s = 0; s < C_NSETS; s++) {
        int cnt = (L->pos[s][0] >= 0) + (L->pos[s][1] >= 0) + (L->pos[s][2] >= 0);
        if (cnt != 0 && cnt != 3)
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: incomplete coordinate columns %s %s %s "
                              "(need all three)", r->path, r->line, names[s][0], names[s][1],
                              names[s][2]);
        have[s] = cnt == 3;
    }
    L->images = 0;
    if (have[C_XU]) L->set = C_XU;
    else if (have[C_XSU]) L->set = C_XSU;
    else if (have[C_X]) { L->set = C_X; L->images = have[C_I]; }
    else if (have[C_XS]) { L->set = C_XS; L->images = have[C_I]; }
    else
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: no position columns (x y z, xu yu zu, xs ys zs "
                          "or xsu ysu zsu)", r->path, r->line);
    /* roles (a later role wins where a name appears twice, as the lookups above do) */
    if (L->type >= 0) L->role[L->type] = R_TYPE;
    for (int q = 0; q < 3; q++) {
        L->role[L->pos[L->set][q]] = (unsigned char)(R_P0 + q);
        if (L->images) L->role[L->pos[C_I][q]] = (unsigned char)(R_I0 + q);
    }
    L->role[L->id] = R_ID;
    return MSB_SUCCESS;
}

typedef struct id_index {
    long long id;
    size_t index;
} id_index;

typedef struct frame {
    size_t n;
    long long step;
    double cell[9], origin[3];
    long long *id;
    int *type;
    double *r;
    int *img;
    size_t first_line; /* line of ITEM: TIMESTEP */
} frame;

/* Box: returns the cell rows (m) and origin, in file units. */
static msb_status parse_box(const char *where, reader *r, frame *fr)
{
    MSBI_TRY(expect_item(where, r, "ITEM: BOX BOUNDS", 0));
    const int tri = strstr(r->buf, "xy") != NULL;
    double b[3][3] = {{0}};
    for (int k = 0; k < 3; k++) {
        int q = next_line(where, r);
        if (q < 0) return -q;
        if (q == 0)
            return msbi_error(MSB_ETRUNCATED, where, "%s:%zu: file ends inside the box bounds "
                              "(truncated frame)", r->path, r->line);
        char *tok[4];
        size_t nt = msbi_traj_tokenize(r->buf, tok, 4);
        if (nt != (size_t)(tri ? 3 : 2))
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: expected %d numbers in a box-bounds line",
                              r->path, r->line, tri ? 3 : 2);
        for (size_t j = 0; j < nt; j++)
            if (!msbi_traj_parse_double(tok[j], &b[k][j]))
                return msbi_error(MSB_EFORMAT, where, "%s:%zu: non-numeric box bound '%s'", r->path,
                                  r->line, tok[j]);
    }
    double xy = 0, xz = 0, yz = 0;
    double xlo = b[0][0], xhi = b[0][1], ylo = b[1][0], yhi = b[1][1], zlo = b[2][0], zhi = b[2][1];
    if (tri) {
        xy = b[0][2];
        xz = b[1][2];
        yz = b[2][2];
        xlo -= fmin(fmin(0.0, xy), fmin(xz, xy + xz));
        xhi -= fmax(fmax(0.0, xy), fmax(xz, xy + xz));
        ylo -= fmin(0.0, yz);
        yhi -= fmax(0.0, yz);
    }
    if (!(xhi > xlo && yhi > ylo && zhi > zlo))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: empty box (hi <= lo)", r->path, r->line);
    const double c[9] = {xhi - xlo, 0, 0, xy, yhi - ylo, 0, xz, yz, zhi - zlo};
    memcpy(fr->cell, c, sizeof c);
    fr->origin[0] = xlo;
    fr->origin[1] = ylo;
    fr->origin[2] = zlo;
    return MSB_SUCCESS;
}

static int cmp_id(const void *a, const void *b)
{
    long long x = ((const id_index *)a)->id, y = ((const id_index *)b)->id;
    return (x > y) - (x < y);
}

static msb_status grow_frame(const char *where, frame *fr, size_t n)
{
    msbi_free(fr->id);
    msbi_free(fr->type);
    msbi_free(fr->r);
    msbi_free(fr->img);
    fr->id = msbi_alloc_array(n, sizeof *fr->id);
    fr->type = msbi_alloc_array(n, sizeof *fr->type);
    fr->r = msbi_alloc_array(n, 3 * sizeof(double));
    fr->img = msbi_alloc_array(n, 3 * sizeof(int));
    if (!fr->id || !fr->type || !fr->r || !fr->img)
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu atoms", n);
    return MSB_SUCCESS;
}

/* One field as a long long the way strtoll(s, &end, 10) == whole token reads it, for plain
 * decimal integers of at most 15 digits (eight bytes at a time, see numtext.h; the line has
 * MSBI_PARSE_PAD readable bytes after it); NULL otherwise (then the checked path decides). */
static inline const char *fast_ll(const char *s, long long *v)
{
    static const uint64_t u10[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    uint64_t x, m, m2;
    memcpy(&x, s, 8);
    unsigned n = msbi_swar_digits(x, &m);
    if (n == 0) return NULL;
    if (n == 8) {
        memcpy(&x, s + 8, 8);
        const unsigned n2 = msbi_swar_digits(x, &m2);
        if (n2 == 8) return NULL;
        m = m * u10[n2] + m2;
        n += n2;
    }
    *v = neg ? -(long long)m : (long long)m;
    return s + n;
}

/* Where a field ends: a blank, or the line end - '\0' for a NUL-terminated line, or in a
 * window '\n' or "\r\n" (the serial reader strips one '\r' before the '\n'). */
static inline int field_end(const char *e, int window)
{
    return *e == ' ' || *e == '\t' ||
           (window ? *e == '\n' || (*e == '\r' && e[1] == '\n') : *e == '\0');
}

/* An atom line in one pass over its fields (no tokenizing copy). Returns the end of the line
 * (its '\0', or in a window the start of the next line) if every field is well formed by the
 * rules of atom_line_checked (which is then not needed); NULL if anything is unusual or wrong:
 * the serial caller then runs atom_line_checked, which accepts or rejects exactly as before
 * and writes the message. */
static inline const char *atom_line_fast(const layout *L, const char *s, long long *id,
                                         long long *ty, double *x, int *img, int window)
{
    const char *const s0 = s;
    size_t c = 0;
    for (;; c++) {
        while (*s == ' ' || *s == '\t') s++;
        if (field_end(s, window)) break;
        if (c >= L->ncol) return NULL;
        const unsigned role = L->role[c];
        const char *e;
        long long iv;
        switch (role) {
        case R_SKIP:
            e = s;
            while (!field_end(e, window)) e++;
            break;
        case R_ID:
            if ((e = fast_ll(s, id)) == NULL) return NULL;
            break;
        case R_TYPE:
            if ((e = fast_ll(s, ty)) == NULL || *ty < 0 || *ty > 1000000000) return NULL;
            break;
        case R_I0:
        case R_I1:
        case R_I2:
            if ((e = fast_ll(s, &iv)) == NULL || iv > 1000000000 || iv < -1000000000) return NULL;
            img[role - R_I0] = (int)iv;
            break;
        default:
            if ((e = msbi_parse_number_padded(s, &x[role - R_P0])) == NULL ||
                !isfinite(x[role - R_P0]))
                return NULL;
        }
        if (!field_end(e, window)) return NULL;
        s = e;
    }
    if (c != L->ncol) return NULL;
    if (!window) return s;
    s += *s == '\r';
    if ((size_t)(s - s0) > MSB_TRAJ_DEFAULT_MAX_LINE) return NULL;
    return s + 1;
}

static void store_position(const layout *L, frame *fr, size_t a, const double *s)
{
    if (L->set == C_XS || L->set == C_XSU) {
        for (int q = 0; q < 3; q++)
            fr->r[3 * a + q] = fr->origin[q] + s[0] * fr->cell[q] + s[1] * fr->cell[3 + q] +
                               s[2] * fr->cell[6 + q];
    } else {
        for (int q = 0; q < 3; q++) fr->r[3 * a + q] = s[q];
    }
}

/* Atom line a, tokenized, each check with its message (the reference behaviour). */
static msb_status atom_line_checked(const char *where, reader *r, frame *fr, const layout *L,
                                    size_t a)
{
    char *tok[MAXTOK];
    size_t nt = msbi_traj_tokenize(r->buf, tok, MAXTOK);
    if (nt != L->ncol)
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: %zu fields, expected %zu", r->path, r->line,
                          nt, L->ncol);
    if (!parse_ll(tok[L->id], &fr->id[a]))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: non-numeric id '%s'", r->path, r->line,
                          tok[L->id]);
    long long ty = 1;
    if (L->type >= 0 && (!parse_ll(tok[L->type], &ty) || ty < 0 || ty > 1000000000))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: bad type '%s'", r->path, r->line,
                          tok[L->type]);
    fr->type[a] = (int)ty;
    double s[3];
    for (int q = 0; q < 3; q++)
        if (!msbi_traj_parse_double(tok[L->pos[L->set][q]], &s[q]))
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: non-numeric or non-finite coordinate "
                              "'%s'", r->path, r->line, tok[L->pos[L->set][q]]);
    store_position(L, fr, a, s);
    if (L->images)
        for (int q = 0; q < 3; q++) {
            long long im;
            if (!parse_ll(tok[L->pos[C_I][q]], &im) || im > 1000000000 || im < -1000000000)
                return msbi_error(MSB_EFORMAT, where, "%s:%zu: bad image flag '%s'", r->path,
                                  r->line, tok[L->pos[C_I][q]]);
            fr->img[3 * a + q] = (int)im;
        }
    return MSB_SUCCESS;
}

/* Read one frame. Returns MSB_SUCCESS with *got = 1, or *got = 0 at a clean end of file. */
static msb_status read_frame(const char *where, reader *r, frame *fr, layout *L, size_t max_atoms,
                             int first, int *got)
{
    *got = 0;
    int k = next_line(where, r);
    if (k < 0) return -k;
    while (k == 1 && r->buf[strspn(r->buf, " \t")] == '\0') k = next_line(where, r); /* blanks */
    if (k < 0) return -k;
    if (k == 0) return MSB_SUCCESS;
    if (!starts(r->buf, "ITEM: TIMESTEP"))
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: expected 'ITEM: TIMESTEP', found '%.60s'",
                          r->path, r->line, r->buf);
    fr->first_line = r->line;
    MSBI_TRY(value_line(where, r, &fr->step, "time step"));
    MSBI_TRY(expect_item(where, r, "ITEM: NUMBER OF ATOMS", 0));
    long long n;
    MSBI_TRY(value_line(where, r, &n, "number of atoms"));
    const size_t natoms_line = r->line;
    if (n <= 0)
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: number of atoms must be >= 1 (got %lld)",
                          r->path, r->line, n);
    if ((unsigned long long)n > max_atoms)
        return msbi_error(MSB_ESIZE, where, "%s:%zu: %lld atoms exceed max_atoms = %zu", r->path,
                          r->line, n, max_atoms);
    if (first) {
        fr->n = (size_t)n;
        MSBI_TRY(grow_frame(where, fr, fr->n));
    } else if ((size_t)n != fr->n) {
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: %lld atoms, but the first frame had %zu "
                          "(atoms appearing or vanishing)", r->path, natoms_line, n, fr->n);
    }
    MSBI_TRY(parse_box(where, r, fr));
    MSBI_TRY(expect_item(where, r, "ITEM: ATOMS", 0));
    if (first) {
        MSBI_TRY(parse_layout(where, r, r->buf, L));
    } else {
        layout L2;
        MSBI_TRY(parse_layout(where, r, r->buf, &L2));
        if (memcmp(&L2, L, sizeof L2) != 0)
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: the ATOMS columns differ from the first "
                              "frame's", r->path, r->line);
    }
    if (r->mp != NULL) { /* a window (worker thread): in place; a failure needs no message */
        for (size_t a = 0; a < fr->n; a++) {
            long long ty = 1;
            double s[3];
            if (r->mp >= r->mend) {
                r->hit_end = 1;
                return MSB_ETRUNCATED;
            }
            const char *nx = atom_line_fast(L, r->mp, &fr->id[a], &ty, s, &fr->img[3 * a], 1);
            if (nx == NULL) return MSB_EFORMAT;
            fr->type[a] = (int)ty;
            store_position(L, fr, a, s);
            r->mp = nx;
            r->line++;
        }
        *got = 1;
        return MSB_SUCCESS;
    }
    for (size_t a = 0; a < fr->n; a++) {
        k = next_line(where, r);
        if (k < 0) return -k;
        if (k == 0)
            return msbi_error(MSB_ETRUNCATED, where, "%s:%zu: file ends after %zu of %zu atoms of the "
                              "frame at step %lld starting on line %zu (truncated last frame; it is "
                              "not used)", r->path, r->line, a, fr->n, fr->step, fr->first_line);
        long long ty = 1;
        double s[3];
        if (atom_line_fast(L, r->buf, &fr->id[a], &ty, s, &fr->img[3 * a], 0)) {
            fr->type[a] = (int)ty;
            store_position(L, fr, a, s);
        } else {
            MSBI_TRY(atom_line_checked(where, r, fr, L, a));
        }
    }
    *got = 1;
    return MSB_SUCCESS;
}

typedef struct sorted {
    long long *id;
    int *type;
    double *r;
    int *img;
} sorted;

/* State of one read: what turns parsed frames into trajectory frames, in file order. */
typedef struct run {
    const char *path;
    double Ls, Ts, timestep;
    size_t max_frames, max_atoms;
    layout L;
    sorted S;
    id_index *order; /* n, for sorting a frame by id */
    msb_trajectory *t;
    long long prev_step;
    size_t f; /* frames taken */
    size_t max_slots; /* frames per window (0: no windows) */
    double frame_bytes; /* average bytes per frame so far */
    size_t n;         /* atoms per frame */
    reader r;
} run;

static void free_frame(frame *fr)
{
    msbi_free(fr->id);
    msbi_free(fr->type);
    msbi_free(fr->r);
    msbi_free(fr->img);
}

/* Sort a parsed frame by id, check it against the first frame, append it. */
static msb_status take_frame(const char *where, run *R, frame *fr)
{
    const int first = R->f == 0;
    sorted *S = &R->S;
    char ctx[300];
    snprintf(ctx, sizeof ctx, "%s:%zu", R->path, fr->first_line);
    if (!first && !(fr->step > R->prev_step))
        return msbi_error(MSB_EFORMAT, where, "%s: time step %lld does not increase (previous "
                          "%lld)", ctx, fr->step, R->prev_step);
    R->prev_step = fr->step;
    if (first) {
        R->order = msbi_alloc_array(fr->n, sizeof(id_index));
        if (R->order == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    }
    id_index *const order = R->order;
    int in_order = 1;
    for (size_t a = 0; a < fr->n; a++) {
        order[a].id = fr->id[a];
        order[a].index = a;
        if (a > 0 && !(fr->id[a] > fr->id[a - 1])) in_order = 0;
    }
    if (!in_order) qsort(order, fr->n, sizeof(id_index), cmp_id);
    if (first) {
        S->id = msbi_alloc_array(fr->n, sizeof *S->id);
        S->type = msbi_alloc_array(fr->n, sizeof *S->type);
        S->r = msbi_alloc_array(fr->n, 3 * sizeof(double));
        S->img = msbi_alloc_array(fr->n, 3 * sizeof(int));
        if (!S->id || !S->type || !S->r || !S->img)
            return msbi_error(MSB_ENOMEM, where, "out of memory for %zu atoms", fr->n);
    }
    for (size_t a = 0; a < fr->n; a++) {
        const size_t o = order[a].index;
        if (first) {
            if (a > 0 && fr->id[o] == S->id[a - 1])
                return msbi_error(MSB_EFORMAT, where, "%s: atom id %lld appears twice", ctx,
                                  fr->id[o]);
            S->id[a] = fr->id[o];
            S->type[a] = fr->type[o];
        } else if (fr->id[o] != S->id[a]) {
            return msbi_error(MSB_EFORMAT, where, "%s: the set of atom ids differs from the first "
                              "frame's (id %lld where %lld was expected: atoms appearing or "
                              "vanishing, or a duplicate id)", ctx, fr->id[o], S->id[a]);
        } else if (fr->type[o] != S->type[a]) {
            return msbi_error(MSB_EFORMAT, where, "%s: atom %lld changed type from %d to %d", ctx,
                              S->id[a], S->type[a], fr->type[o]);
        }
        for (int q = 0; q < 3; q++) {
            S->r[3 * a + q] = fr->r[3 * o + q] * R->Ls;
            S->img[3 * a + q] = fr->img[3 * o + q];
        }
    }
    double cell[9];
    for (int q = 0; q < 9; q++) cell[q] = fr->cell[q] * R->Ls;
    if (first) {
        const layout *L = &R->L;
        msb_unwrap_method m = (L->set == C_XU || L->set == C_XSU) ? MSB_UNWRAP_GIVEN
                              : L->images                           ? MSB_UNWRAP_IMAGE_FLAGS
                                                                    : MSB_UNWRAP_MINIMUM_IMAGE;
        MSBI_TRY(msbi_traj_new(where, fr->n, S->id, S->type, 1, m, &R->t));
        /* size hint: file size / bytes of the first frame (+2 %, +2 frames) */
        const unsigned long long here = msbi_lines_tell(&R->r.L),
                                 size = msbi_lines_file_size(&R->r.L);
        if (here > 0 && size > 0) {
            double est = (double)size / (double)here * 1.02 + 2.0;
            size_t hint = est < (double)R->max_frames ? (size_t)est : R->max_frames;
            MSBI_TRY(msbi_traj_reserve(where, R->t, hint));
        }
    }
    MSBI_TRY(msbi_traj_append(where, ctx, R->t, S->r, S->img, cell,
                              (double)fr->step * R->timestep * R->Ts, R->max_frames));
    R->f++;
    return MSB_SUCCESS;
}

/* ---- frames in parallel ----
 * After the first frame, the reader takes a window of complete lines from the file buffer and
 * splits it into one byte range per thread. Worker t starts at the first line of its range
 * that begins with "ITEM: TIMESTEP" (worker 0 at the window start) and parses frames one
 * after another, while they start inside its range, with the same read_frame as the serial
 * path (a memory-mode reader). The calling thread then takes the frames in file order, as
 * long as each worker started exactly where the previous one stopped. A frame that failed to
 * parse is read again serially from the file at its start, so every message and every
 * accepted file are those of the serial reader; the next window starts after it. */
#define MAX_SLOTS 256

typedef struct part {
    const char *begin, *limit; /* frames must start in [begin, limit) */
    const char *end;           /* where the last good frame ended */
    size_t slot0, nslots;      /* the part's slots */
    size_t ngood;              /* frames parsed */
    size_t lines;              /* lines of those frames */
    int failed;                /* the frame after the good ones failed (not just cut off) */
} part;

typedef struct slot {
    frame fr;
} slot;

typedef struct batch {
    const run *R;
    slot *s;
    const char *wend; /* the window end */
    part pt[MSBI_MAX_THREADS];
    char *lbuf[MSBI_MAX_THREADS];
} batch;

static void batch_worker(void *ctx, size_t t)
{
    batch *B = ctx;
    part *pt = &B->pt[t];
    reader r = {0};
    r.path = B->R->path;
    r.mp = pt->begin;
    r.mend = B->wend;
    r.lbuf = B->lbuf[t];
    layout L = B->R->L;
    pt->end = pt->begin;
    while (pt->ngood < pt->nslots && r.mp < pt->limit) {
        frame *fr = &B->s[pt->slot0 + pt->ngood].fr;
        int got = 0;
        if (read_frame("msb_trajectory_read_lammps", &r, fr, &L, B->R->max_atoms, 0, &got) !=
                MSB_SUCCESS || !got) {
            pt->failed = !r.hit_end; /* a frame cut by the window end waits for the next one */
            return;
        }
        pt->ngood++;
        pt->end = r.mp;
        pt->lines = r.line; /* counted from 0 at begin */
    }
}

typedef struct pool {
    slot s[MAX_SLOTS];
    size_t nslots;
    char *lbuf[MSBI_MAX_THREADS];
} pool;

static void pool_free(pool *P)
{
    for (size_t j = 0; j < P->nslots; j++) free_frame(&P->s[j].fr);
    for (size_t t = 0; t < MSBI_MAX_THREADS; t++) msbi_free(P->lbuf[t]);
}

/* The first line start in [q, end) that begins with "ITEM: TIMESTEP" (end if none). */
static const char *next_frame_start(const char *q, const char *start, const char *end)
{
    static const char key[] = "ITEM: TIMESTEP";
    if (q > start && q[-1] != '\n') {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        q = nl ? nl + 1 : end;
    }
    while (q < end) {
        if ((size_t)(end - q) >= sizeof key - 1 && memcmp(q, key, sizeof key - 1) == 0) return q;
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        q = nl ? nl + 1 : end;
    }
    return end;
}

/* One window: takes >= 0 frames; *serial = 1 when the caller should read the next frame
 * serially (no usable window, or the next frame failed to parse here). */
static msb_status window_frames(const char *where, run *R, pool *P, int *serial)
{
    *serial = 1;
    const char *p, *end;
    int w = msbi_lines_window(where, &R->r.L, &p, &end);
    if (w < 0) return MSB_EIO;
    if (w == 0) return MSB_SUCCESS;
    const size_t nt = msbi_thread_count(R->max_slots);
    const size_t per = R->max_slots / nt;
    if (per == 0) return MSB_SUCCESS;
    while (P->nslots < per * nt) {
        frame *fr = &P->s[P->nslots].fr;
        fr->n = R->n;
        MSBI_TRY(grow_frame(where, fr, R->n));
        P->nslots++;
    }
    batch B = {.R = R, .s = P->s, .wend = end};
    for (size_t t = 0; t < nt; t++) {
        if (P->lbuf[t] == NULL) {
            P->lbuf[t] = msbi_calloc(MSB_TRAJ_DEFAULT_MAX_LINE + 1 + MSBI_PARSE_PAD, 1);
            if (P->lbuf[t] == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
        }
        B.lbuf[t] = P->lbuf[t];
        part *pt = &B.pt[t];
        /* parts of about 90 % of the bytes their slots hold, so that each worker reaches the
         * start of the next part (parts that do not join up are wasted, not wrong) */
        double span = 0.9 * R->frame_bytes * (double)per;
        if (span * (double)nt > (double)(end - p)) span = (double)(end - p) / (double)nt;
        const size_t cut = (size_t)span;
        pt->begin = t == 0 ? p : next_frame_start(p + cut * t, p, end);
        pt->limit = t + 1 == nt ? end : p + cut * (t + 1);
        pt->slot0 = t * per;
        pt->nslots = per;
    }
    msbi_run_threads(nt, batch_worker, &B);
    /* take the frames in order while the parts join up */
    const char *at = p;
    size_t lines = 0, taken = 0;
    int failed = 0;
    for (size_t t = 0; t < nt; t++) {
        part *pt = &B.pt[t];
        if (pt->begin != at) break;
        for (size_t j = 0; j < pt->ngood; j++) {
            frame *fr = &P->s[pt->slot0 + j].fr;
            fr->first_line += R->r.L.line + lines; /* part-relative line numbers */
            MSBI_TRY(take_frame(where, R, fr));
            taken++;
        }
        at = pt->end;
        lines += pt->lines;
        if (pt->failed) {
            failed = 1;
            break;
        }
        if (pt->end < pt->limit && pt->ngood == pt->nslots) break; /* slots full: next window */
    }
    if (at > p) msbi_lines_skip(&R->r.L, (size_t)(at - p), lines);
    if (taken > 0) R->frame_bytes = 0.5 * R->frame_bytes + 0.5 * (double)(at - p) / (double)taken;
    R->r.line = R->r.L.line;
    *serial = failed || taken == 0;
    return MSB_SUCCESS;
}

msb_status msb_trajectory_read_lammps(const char *path, const msb_units *units, double timestep,
                                      size_t max_frames, size_t max_atoms, msb_trajectory **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(units);
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "timestep", timestep));
    if (max_frames == 0) max_frames = MSB_TRAJ_DEFAULT_MAX_FRAMES;
    if (max_atoms == 0) max_atoms = MSB_TRAJ_DEFAULT_MAX_ATOMS;
    run R = {.path = path, .timestep = timestep, .max_frames = max_frames, .max_atoms = max_atoms};
    MSBI_TRY(msb_units_to_si(units, MSB_Q_LENGTH, &R.Ls));
    MSBI_TRY(msb_units_to_si(units, MSB_Q_TIME, &R.Ts));
    R.r.path = path;
    MSBI_TRY(msbi_lines_open(__func__, &R.r.L, path, MSB_TRAJ_DEFAULT_MAX_LINE));
    frame fr = {0};
    pool *P = NULL;
    msb_status st = MSB_SUCCESS;
    int use_windows = 0, fruitless = 0;
    for (;;) {
        if (use_windows) {
            int serial;
            const size_t before = R.f;
            st = window_frames(__func__, &R, P, &serial);
            if (st) break;
            /* files whose frames keep failing the plain checks (e.g. unusual number formats)
             * are read serially after a few fruitless windows */
            fruitless = R.f == before ? fruitless + 1 : 0;
            if (fruitless >= 4) use_windows = 0;
            if (!serial) continue;
        }
        int got;
        st = read_frame(__func__, &R.r, &fr, &R.L, max_atoms, R.f == 0, &got);
        if (st) break;
        if (!got) {
            if (R.f == 0) st = MSBI_FAIL(MSB_EINSUFFICIENT, "%s: no frame in the file", path);
            break;
        }
        const int first = R.f == 0;
        R.n = fr.n;
        st = take_frame(__func__, &R, &fr);
        if (st) break;
        if (first && msbi_thread_count(2) > 1) {
            /* Windows of many frames when the file has many small frames (few windows: each
             * costs a thread start and join). Memory beyond the positions: at most one
             * parsed-frame slot (48 bytes per atom, twice a frame's positions) per 12 frames of
             * the file (1/6 of the positions), and a read buffer of at most 1/16 of the file
             * (about 1/8 of the positions for text of ~2 bytes per stored byte). */
            const unsigned long long fb = msbi_lines_tell(&R.r.L),
                                     size = msbi_lines_file_size(&R.r.L);
            const unsigned long long nfr = fb > 0 ? size / fb : 0;
            R.max_slots = nfr / 12 < MAX_SLOTS ? (size_t)(nfr / 12) : MAX_SLOTS;
            unsigned long long want = (unsigned long long)R.max_slots * fb * 11 / 10 +
                                      2 * MSB_TRAJ_DEFAULT_MAX_LINE;
            if (want > size / 16) want = size / 16;
            if (fb > 0 && want > R.r.L.cap && want < (1ULL << 28)) {
                st = msbi_lines_reserve(__func__, &R.r.L, (size_t)want);
                if (st) break;
            }
            R.frame_bytes = (double)fb;
            if (fb > 0 && 4 * fb <= R.r.L.cap && R.max_slots >= 2 && size / 4 >= R.r.L.cap) {
                P = msbi_calloc(1, sizeof *P);
                if (P == NULL) {
                    st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
                    break;
                }
                use_windows = 1;
            }
        }
    }
    msbi_lines_close(&R.r.L);
    free_frame(&fr);
    if (P) pool_free(P);
    msbi_free(P);
    msbi_free(R.S.id);
    msbi_free(R.S.type);
    msbi_free(R.S.r);
    msbi_free(R.S.img);
    msbi_free(R.order);
    if (st) {
        msb_trajectory_destroy(R.t);
        return st;
    }
    msbi_traj_finish(R.t);
    *out = R.t;
    return MSB_SUCCESS;
}

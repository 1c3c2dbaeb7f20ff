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

typedef struct reader {
    msbi_lines L;
    const char *path;
    size_t line;
    char *buf; /* the current line (in L's buffer) */
} reader;

/* Next line into r->buf (newline stripped). Returns 1 on a line, 0 at EOF, <0 on error (set). */
static int next_line(const char *where, reader *r)
{
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
    if (k < 0) return MSB_EFORMAT;
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
    if (k < 0) return MSB_EFORMAT;
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
    id_index *order;
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
        if (q < 0) return MSB_EFORMAT;
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
    msbi_free(fr->order);
    fr->id = msbi_alloc_array(n, sizeof *fr->id);
    fr->type = msbi_alloc_array(n, sizeof *fr->type);
    fr->r = msbi_alloc_array(n, 3 * sizeof(double));
    fr->img = msbi_alloc_array(n, 3 * sizeof(int));
    fr->order = msbi_alloc_array(n, sizeof(id_index));
    if (!fr->id || !fr->type || !fr->r || !fr->img || !fr->order)
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu atoms", n);
    return MSB_SUCCESS;
}

/* One field as a long long the way strtoll(s, &end, 10) == whole token reads it, for plain
 * decimal integers of at most 7 digits (eight bytes at a time, see numtext.h; the line has
 * MSBI_PARSE_PAD readable bytes after it); NULL otherwise (then the checked path decides). */
static inline const char *fast_ll(const char *s, long long *v)
{
    const int neg = *s == '-';
    s += (*s == '-' || *s == '+');
    uint64_t x, m;
    memcpy(&x, s, 8);
    const unsigned n = msbi_swar_digits(x, &m);
    if (n == 0 || n == 8) return NULL;
    *v = neg ? -(long long)m : (long long)m;
    return s + n;
}

static inline int field_end(char c) { return c == ' ' || c == '\t' || c == '\0'; }

/* An atom line in one pass over its fields (no tokenizing copy). Returns 1 if every field is
 * well formed by the rules of atom_line_checked (which is then not needed); 0 if anything is
 * unusual or wrong: the caller runs atom_line_checked, which accepts or rejects exactly as
 * before and writes the message. */
static int atom_line_fast(const layout *L, const char *s, long long *id, long long *ty, double *x,
                          int *img)
{
    size_t c = 0;
    for (;; c++) {
        while (*s == ' ' || *s == '\t') s++;
        if (*s == '\0') break;
        if (c >= L->ncol) return 0;
        const unsigned role = L->role[c];
        const char *e;
        long long iv;
        switch (role) {
        case R_SKIP:
            e = s;
            while (!field_end(*e)) e++;
            break;
        case R_ID:
            if ((e = fast_ll(s, id)) == NULL) return 0;
            break;
        case R_TYPE:
            if ((e = fast_ll(s, ty)) == NULL || *ty < 0 || *ty > 1000000000) return 0;
            break;
        case R_I0:
        case R_I1:
        case R_I2:
            if ((e = fast_ll(s, &iv)) == NULL || iv > 1000000000 || iv < -1000000000) return 0;
            img[role - R_I0] = (int)iv;
            break;
        default:
            if ((e = msbi_parse_number_padded(s, &x[role - R_P0])) == NULL ||
                !isfinite(x[role - R_P0]))
                return 0;
        }
        if (!field_end(*e)) return 0;
        s = e;
    }
    return c == L->ncol;
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
    if (k < 0) return MSB_EFORMAT;
    while (k == 1 && r->buf[strspn(r->buf, " \t")] == '\0') k = next_line(where, r); /* blanks */
    if (k < 0) return MSB_EFORMAT;
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
    for (size_t a = 0; a < fr->n; a++) {
        k = next_line(where, r);
        if (k < 0) return MSB_EFORMAT;
        if (k == 0)
            return msbi_error(MSB_ETRUNCATED, where, "%s:%zu: file ends after %zu of %zu atoms of the "
                              "frame at step %lld starting on line %zu (truncated last frame; it is "
                              "not used)", r->path, r->line, a, fr->n, fr->step, fr->first_line);
        long long ty = 1;
        double s[3];
        if (atom_line_fast(L, r->buf, &fr->id[a], &ty, s, &fr->img[3 * a])) {
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

msb_status msb_trajectory_read_lammps(const char *path, const msb_units *units, double timestep,
                                      size_t max_frames, size_t max_atoms, msb_trajectory **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(units);
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "timestep", timestep));
    if (max_frames == 0) max_frames = MSB_TRAJ_DEFAULT_MAX_FRAMES;
    if (max_atoms == 0) max_atoms = MSB_TRAJ_DEFAULT_MAX_ATOMS;
    double Ls, Ts;
    MSBI_TRY(msb_units_to_si(units, MSB_Q_LENGTH, &Ls));
    MSBI_TRY(msb_units_to_si(units, MSB_Q_TIME, &Ts));
    reader r = {0};
    r.path = path;
    MSBI_TRY(msbi_lines_open(__func__, &r.L, path, MSB_TRAJ_DEFAULT_MAX_LINE));
    frame fr = {0};
    layout L;
    sorted S = {0};
    msb_trajectory *t = NULL;
    msb_status st = MSB_SUCCESS;
    long long prev_step = 0;
    for (size_t f = 0;; f++) {
        int got;
        st = read_frame(__func__, &r, &fr, &L, max_atoms, f == 0, &got);
        if (st) break;
        if (!got) {
            if (f == 0) st = MSBI_FAIL(MSB_EINSUFFICIENT, "%s: no frame in the file", path);
            break;
        }
        char ctx[300];
        snprintf(ctx, sizeof ctx, "%s:%zu", path, fr.first_line);
        if (f > 0 && !(fr.step > prev_step)) {
            st = MSBI_FAIL(MSB_EFORMAT, "%s: time step %lld does not increase (previous %lld)", ctx,
                           fr.step, prev_step);
            break;
        }
        prev_step = fr.step;
        /* sort by id */
        int in_order = 1;
        for (size_t a = 0; a < fr.n; a++) {
            fr.order[a].id = fr.id[a];
            fr.order[a].index = a;
            if (a > 0 && !(fr.id[a] > fr.id[a - 1])) in_order = 0;
        }
        if (!in_order) qsort(fr.order, fr.n, sizeof(id_index), cmp_id);
        if (f == 0) {
            S.id = msbi_alloc_array(fr.n, sizeof *S.id);
            S.type = msbi_alloc_array(fr.n, sizeof *S.type);
            S.r = msbi_alloc_array(fr.n, 3 * sizeof(double));
            S.img = msbi_alloc_array(fr.n, 3 * sizeof(int));
            if (!S.id || !S.type || !S.r || !S.img) {
                st = MSBI_FAIL(MSB_ENOMEM, "out of memory for %zu atoms", fr.n);
                break;
            }
        }
        for (size_t a = 0; a < fr.n && !st; a++) {
            const size_t o = fr.order[a].index;
            if (f == 0) {
                if (a > 0 && fr.id[o] == S.id[a - 1])
                    st = MSBI_FAIL(MSB_EFORMAT, "%s: atom id %lld appears twice", ctx, fr.id[o]);
                S.id[a] = fr.id[o];
                S.type[a] = fr.type[o];
            } else if (fr.id[o] != S.id[a]) {
                st = MSBI_FAIL(MSB_EFORMAT, "%s: the set of atom ids differs from the first frame's "
                               "(id %lld where %lld was expected: atoms appearing or vanishing, or "
                               "a duplicate id)", ctx, fr.id[o], S.id[a]);
            } else if (fr.type[o] != S.type[a]) {
                st = MSBI_FAIL(MSB_EFORMAT, "%s: atom %lld changed type from %d to %d", ctx, S.id[a],
                               S.type[a], fr.type[o]);
            }
            for (int q = 0; q < 3; q++) {
                S.r[3 * a + q] = fr.r[3 * o + q] * Ls;
                S.img[3 * a + q] = fr.img[3 * o + q];
            }
        }
        if (st) break;
        double cell[9];
        for (int q = 0; q < 9; q++) cell[q] = fr.cell[q] * Ls;
        if (f == 0) {
            msb_unwrap_method m = (L.set == C_XU || L.set == C_XSU) ? MSB_UNWRAP_GIVEN
                                  : L.images                          ? MSB_UNWRAP_IMAGE_FLAGS
                                                                      : MSB_UNWRAP_MINIMUM_IMAGE;
            st = msbi_traj_new(__func__, fr.n, S.id, S.type, 1, m, &t);
            if (st) break;
            /* size hint: file size / bytes of the first frame (+2 %, +2 frames) */
            const unsigned long long here = msbi_lines_tell(&r.L), size = msbi_lines_file_size(&r.L);
            if (here > 0 && size > 0) {
                double est = (double)size / (double)here * 1.02 + 2.0;
                size_t hint = est < (double)max_frames ? (size_t)est : max_frames;
                st = msbi_traj_reserve(__func__, t, hint);
                if (st) break;
            }
        }
        st = msbi_traj_append(__func__, ctx, t, S.r, S.img, cell, (double)fr.step * timestep * Ts,
                              max_frames);
        if (st) break;
    }
    msbi_lines_close(&r.L);
    msbi_free(fr.id);
    msbi_free(fr.type);
    msbi_free(fr.r);
    msbi_free(fr.img);
    msbi_free(fr.order);
    msbi_free(S.id);
    msbi_free(S.type);
    msbi_free(S.r);
    msbi_free(S.img);
    if (st) {
        msb_trajectory_destroy(t);
        return st;
    }
    msbi_traj_finish(t);
    *out = t;
    return MSB_SUCCESS;
}

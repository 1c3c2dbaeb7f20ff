/* Extended XYZ reader (msbridge/trajectory.h). Format: the extxyz convention of ASE/QUIP
 * (line 1: atom count; line 2: key=value pairs, Lattice="9 numbers", Properties=name:T:n:...,
 * pbc="T T T"; then one line per atom with the Properties columns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"
#include "io/trajectory_internal.h"
#include "msbridge/trajectory.h"

typedef struct xr {
    msbi_lines L;
    const char *path;
    size_t line;
    char *buf; /* the current line, in L's buffer (tokenized in place) */
} xr;

static int xnext(const char *where, xr *r)
{
    const int k = msbi_lines_next(where, &r->L, &r->buf);
    r->line = r->L.line;
    return k;
}

/* Find key=value in the comment line; copies the value (quotes removed) into val. */
static int find_key(const char *s, const char *key, char *val, size_t cap)
{
    const size_t kl = strlen(key);
    const char *p = s;
    while ((p = strstr(p, key)) != NULL) {
        const int start_ok = p == s || p[-1] == ' ' || p[-1] == '\t';
        if (start_ok && p[kl] == '=') {
            const char *v = p + kl + 1;
            size_t n = 0;
            if (*v == '"') {
                v++;
                while (v[n] && v[n] != '"') n++;
            } else {
                while (v[n] && v[n] != ' ' && v[n] != '\t') n++;
            }
            if (n >= cap) n = cap - 1;
            memcpy(val, v, n);
            val[n] = '\0';
            return 1;
        }
        p += kl;
    }
    return 0;
}

typedef struct xlayout {
    size_t ncol, pos, spec;
    int spec_is_string, has_spec;
} xlayout;

static msb_status parse_props(const char *where, xr *r, const char *props, xlayout *L)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", props);
    size_t col = 0;
    int have_pos = 0;
    L->has_spec = 0;
    char *save = NULL;
    char *name = strtok_r(tmp, ":", &save);
    while (name) {
        char *ty = strtok_r(NULL, ":", &save), *cnt = strtok_r(NULL, ":", &save);
        if (!ty || !cnt)
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: Properties must be name:type:count triples",
                              r->path, r->line);
        long c = strtol(cnt, NULL, 10);
        if (c < 1 || c > 64)
            return msbi_error(MSB_EFORMAT, where, "%s:%zu: bad column count '%s' in Properties",
                              r->path, r->line, cnt);
        if (strcmp(name, "pos") == 0) {
            if (c != 3 || strcmp(ty, "R") != 0)
                return msbi_error(MSB_EFORMAT, where, "%s:%zu: pos must be R:3", r->path, r->line);
            L->pos = col;
            have_pos = 1;
        } else if (!L->has_spec && (strcmp(name, "species") == 0 || strcmp(name, "type") == 0 ||
                                    strcmp(name, "Z") == 0) && c == 1) {
            L->spec = col;
            L->has_spec = 1;
            L->spec_is_string = strcmp(ty, "S") == 0;
        }
        col += (size_t)c;
        name = strtok_r(NULL, ":", &save);
    }
    if (!have_pos)
        return msbi_error(MSB_EFORMAT, where, "%s:%zu: Properties has no pos:R:3 column", r->path, r->line);
    L->ncol = col;
    return MSB_SUCCESS;
}


msb_status msb_trajectory_read_xyz(const char *path, double length_unit_m, double frame_dt_s,
                                   size_t max_frames, size_t max_atoms, msb_trajectory **out)
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_positive(__func__, "length_unit_m", length_unit_m));
    MSBI_TRY(msbi_check_positive(__func__, "frame_dt_s", frame_dt_s));
    if (max_frames == 0) max_frames = MSB_TRAJ_DEFAULT_MAX_FRAMES;
    if (max_atoms == 0) max_atoms = MSB_TRAJ_DEFAULT_MAX_ATOMS;
    xr r = {0};
    r.path = path;
    MSBI_TRY(msbi_lines_open(__func__, &r.L, path, MSB_TRAJ_DEFAULT_MAX_LINE));
    msb_trajectory *t = NULL;
    double *pos = NULL;
    int *type = NULL;
    msb_status st = MSB_SUCCESS;
    size_t n = 0;
    char names[MSBI_TRAJ_MAX_TYPE_NAMES][32];
    size_t n_names = 0;
    for (size_t f = 0; !st; f++) {
        int k = xnext(__func__, &r);
        if (k < 0) { st = -k; break; }
        while (k == 1 && r.buf[strspn(r.buf, " \t")] == '\0') k = xnext(__func__, &r);
        if (k < 0) { st = -k; break; }
        if (k == 0) {
            if (f == 0) st = MSBI_FAIL(MSB_EINSUFFICIENT, "%s: no frame in the file", path);
            break;
        }
        const size_t first = r.line;
        char *tok[80];
        long long nn;
        char *end;
        if (msbi_traj_tokenize(r.buf, tok, 2) != 1 || (nn = strtoll(tok[0], &end, 10), *end != '\0') || nn <= 0) {
            st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: expected the atom count", path, r.line);
            break;
        }
        if ((unsigned long long)nn > max_atoms) {
            st = MSBI_FAIL(MSB_ESIZE, "%s:%zu: %lld atoms exceed max_atoms = %zu", path, r.line, nn, max_atoms);
            break;
        }
        if (f == 0) {
            n = (size_t)nn;
            pos = msbi_alloc_array(n, 3 * sizeof(double));
            type = msbi_alloc_array(n, sizeof(int));
            if (!pos || !type) { st = MSBI_FAIL(MSB_ENOMEM, "out of memory for %zu atoms", n); break; }
        } else if ((size_t)nn != n) {
            st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: %lld atoms, but the first frame had %zu (atoms "
                           "appearing or vanishing)", path, r.line, nn, n);
            break;
        }
        k = xnext(__func__, &r);
        if (k <= 0) {
            st = k < 0 ? -k : MSBI_FAIL(MSB_ETRUNCATED, "%s:%zu: file ends before the comment "
                                                 "line (truncated frame)", path, r.line);
            break;
        }
        char val[1024];
        xlayout L = {4, 1, 0, 1, 1};
        if (find_key(r.buf, "Properties", val, sizeof val) && (st = parse_props(__func__, &r, val, &L)))
            break;
        double cell[9];
        int has_lat = find_key(r.buf, "Lattice", val, sizeof val);
        if (has_lat) {
            char *lt[10];
            size_t nl = msbi_traj_tokenize(val, lt, 10);
            int okl = nl == 9;
            for (size_t q = 0; q < 9 && okl; q++) {
                okl = msbi_traj_parse_double(lt[q], &cell[q]);
                cell[q] *= length_unit_m;
            }
            if (!okl) { st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: Lattice needs 9 numbers", path, r.line); break; }
        }
        int periodic = has_lat;
        if (has_lat && find_key(r.buf, "pbc", val, sizeof val)) {
            char *pt[4];
            size_t np = msbi_traj_tokenize(val, pt, 4);
            periodic = 0;
            for (size_t q = 0; q < np && q < 3; q++) periodic |= (pt[q][0] == 'T' || pt[q][0] == 't');
        }
        if (f > 0 && (has_lat != t->has_cell)) {
            st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: Lattice present in some frames only", path, r.line);
            break;
        }
        for (size_t a = 0; a < n && !st; a++) {
            k = xnext(__func__, &r);
            if (k < 0) { st = -k; break; }
            if (k == 0) {
                st = MSBI_FAIL(MSB_ETRUNCATED, "%s:%zu: file ends after %zu of %zu atoms of the frame "
                               "starting on line %zu (truncated last frame; it is not used)", path,
                               r.line, a, n, first);
                break;
            }
            size_t nt = msbi_traj_tokenize(r.buf, tok, 80);
            if (nt != L.ncol) {
                st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: %zu fields, expected %zu", path, r.line, nt, L.ncol);
                break;
            }
            for (int q = 0; q < 3 && !st; q++) {
                if (!msbi_traj_parse_double(tok[L.pos + (size_t)q], &pos[3 * a + q]))
                    st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: non-numeric or non-finite coordinate '%s'",
                                   path, r.line, tok[L.pos + (size_t)q]);
                pos[3 * a + q] *= length_unit_m;
            }
            if (st) break;
            int ty = 1;
            if (L.has_spec) {
                const char *sp = tok[L.spec];
                size_t j = 0;
                while (j < n_names && strcmp(names[j], sp) != 0) j++;
                if (j == n_names) {
                    if (f > 0 || n_names == MSBI_TRAJ_MAX_TYPE_NAMES || strlen(sp) >= 32) {
                        st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: species '%s' %s", path, r.line, sp,
                                       f > 0 ? "did not occur in the first frame" : "not accepted "
                                       "(too many species or name too long)");
                        break;
                    }
                    snprintf(names[n_names], 32, "%s", sp);
                    n_names++;
                }
                ty = (int)j + 1;
            }
            if (f == 0) type[a] = ty;
            else if (type[a] != ty) {
                st = MSBI_FAIL(MSB_EFORMAT, "%s:%zu: atom %zu changed species", path, r.line, a + 1);
                break;
            }
        }
        if (st) break;
        if (f == 0) {
            st = msbi_traj_new(__func__, n, NULL, type, has_lat,
                               periodic ? MSB_UNWRAP_MINIMUM_IMAGE : MSB_UNWRAP_GIVEN, &t);
            if (st) break;
            t->n_names = n_names;
            memcpy(t->names, names, sizeof names);
            /* size hint: file size / bytes of the first frame (+2 %, +2 frames) */
            const unsigned long long here = msbi_lines_tell(&r.L), size = msbi_lines_file_size(&r.L);
            if (here > 0 && size > 0) {
                const double est = (double)size / (double)here * 1.02 + 2.0;
                st = msbi_traj_reserve(__func__, t, est < (double)max_frames ? (size_t)est : max_frames);
                if (st) break;
            }
        }
        char ctx[300];
        snprintf(ctx, sizeof ctx, "%s:%zu", path, first);
        st = msbi_traj_append(__func__, ctx, t, pos, NULL, has_lat ? cell : NULL, (double)f * frame_dt_s,
                              max_frames);
        if (!st) {
            t->n_names = n_names;
            memcpy(t->names, names, sizeof names);
        }
    }
    msbi_lines_close(&r.L);
    msbi_free(pos);
    msbi_free(type);
    if (st) {
        msb_trajectory_destroy(t);
        return st;
    }
    msbi_traj_finish(t);
    *out = t;
    return MSB_SUCCESS;
}

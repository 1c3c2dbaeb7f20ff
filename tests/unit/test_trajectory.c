/* Trajectory readers: LAMMPS dumps in every coordinate convention give the same unwrapped
 * positions (reference: the random walk generated here, unwrapped by construction), atom
 * order does not matter, triclinic boxes, and malformed files give file:line errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"
#include "msb_test.h"

#define NF 30
#define NA 12

/* Triclinic cell rows a=(L,0,0) b=(xy,L,0) c=(xz,yz,L) with origin lo. */
typedef struct box { double L, xy, xz, yz, lo[3]; } box;

static double truth[NF][NA][3];

static void make_walk(double step)
{
    msbt_rng r;
    msbt_rng_seed(&r, 99);
    for (int a = 0; a < NA; a++)
        for (int k = 0; k < 3; k++) truth[0][a][k] = 20 * msbt_uniform(&r) - 5;
    for (int f = 1; f < NF; f++)
        for (int a = 0; a < NA; a++)
            for (int k = 0; k < 3; k++) truth[f][a][k] = truth[f - 1][a][k] + step * msbt_normal(&r);
}

/* Wrap r into the box: fractional s = (r - lo) H^-1, image = floor(s). */
static void wrap(const box *b, const double *r, double *w, int *img, double *s_out)
{
    double d[3] = {r[0] - b->lo[0], r[1] - b->lo[1], r[2] - b->lo[2]};
    double s[3];
    s[2] = d[2] / b->L;
    s[1] = (d[1] - s[2] * b->yz) / b->L;
    s[0] = (d[0] - s[1] * b->xy - s[2] * b->xz) / b->L;
    for (int k = 0; k < 3; k++) {
        img[k] = (int)floor(s[k]);
        s[k] -= img[k];
        s_out[k] = s[k];
    }
    w[0] = b->lo[0] + s[0] * b->L + s[1] * b->xy + s[2] * b->xz;
    w[1] = b->lo[1] + s[1] * b->L + s[2] * b->yz;
    w[2] = b->lo[2] + s[2] * b->L;
}

enum { M_XU, M_XIMG, M_X, M_XS_IMG, M_XS };

static const char *tmpname(const char *tag)
{
    static char buf[8][256];
    static int slot;
    slot = (slot + 1) % 8;
    snprintf(buf[slot], sizeof buf[slot], "/tmp/msbt_traj_%d_%s.dump", (int)getpid(), tag);
    return buf[slot];
}

/* Write a dump; shuffle atom order per frame; `drop` (>= 0) omits that many trailing lines. */
static const char *write_dump(const char *tag, const box *b, int mode, int tri, int shuffle)
{
    const char *path = tmpname(tag);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    msbt_rng r;
    msbt_rng_seed(&r, 3);
    for (int fr = 0; fr < NF; fr++) {
        fprintf(f, "ITEM: TIMESTEP\n%d\nITEM: NUMBER OF ATOMS\n%d\n", 10 * fr, NA);
        if (tri) {
            const double lo = fmin(fmin(0.0, b->xy), fmin(b->xz, b->xy + b->xz)),
                         hi = fmax(fmax(0.0, b->xy), fmax(b->xz, b->xy + b->xz));
            fprintf(f, "ITEM: BOX BOUNDS xy xz yz pp pp pp\n%.17g %.17g %.17g\n%.17g %.17g %.17g\n"
                       "%.17g %.17g %.17g\n",
                    b->lo[0] + lo, b->lo[0] + b->L + hi, b->xy, b->lo[1] + fmin(0.0, b->yz),
                    b->lo[1] + b->L + fmax(0.0, b->yz), b->xz, b->lo[2], b->lo[2] + b->L, b->yz);
        } else {
            fprintf(f, "ITEM: BOX BOUNDS pp pp pp\n");
            for (int k = 0; k < 3; k++) fprintf(f, "%.17g %.17g\n", b->lo[k], b->lo[k] + b->L);
        }
        const char *cols[] = {"xu yu zu", "x y z ix iy iz", "x y z", "xs ys zs ix iy iz", "xs ys zs"};
        fprintf(f, "ITEM: ATOMS type %s vx id\n", cols[mode]);
        int order[NA];
        for (int a = 0; a < NA; a++) order[a] = a;
        for (int a = NA - 1; a > 0 && shuffle; a--) {
            int j = (int)(msbt_uniform(&r) * (a + 1)), t = order[a];
            order[a] = order[j];
            order[j] = t;
        }
        for (int q = 0; q < NA; q++) {
            const int a = order[q];
            double w[3], s[3];
            int img[3];
            wrap(b, truth[fr][a], w, img, s);
            fprintf(f, "%d ", 1 + a % 3);
            switch (mode) {
            case M_XU: fprintf(f, "%.17g %.17g %.17g", truth[fr][a][0], truth[fr][a][1], truth[fr][a][2]); break;
            case M_XIMG: fprintf(f, "%.17g %.17g %.17g %d %d %d", w[0], w[1], w[2], img[0], img[1], img[2]); break;
            case M_X: fprintf(f, "%.17g %.17g %.17g", w[0], w[1], w[2]); break;
            case M_XS_IMG: fprintf(f, "%.17g %.17g %.17g %d %d %d", s[0], s[1], s[2], img[0], img[1], img[2]); break;
            default: fprintf(f, "%.17g %.17g %.17g", s[0], s[1], s[2]); break;
            }
            fprintf(f, " 0.5 %d\n", 100 + a);
        }
    }
    fclose(f);
    return path;
}

static msb_units *metal(void)
{
    msb_units *u;
    assert_ok(msb_units_create("metal", &u));
    return u;
}

/* Every convention reproduces the unwrapped walk (up to a constant shift per atom for the
 * minimum-image route, which starts from the wrapped first frame: compare displacements).
 * Tolerance 1e-12 relative to the box: positions are printed with 17 digits. */
static void check_all_modes(const box *b, int tri)
{
    msb_units *u = metal();
    for (int mode = M_XU; mode <= M_XS; mode++) {
        const char *p = write_dump("modes", b, mode, tri, 1);
        msb_trajectory *t;
        assert_ok(msb_trajectory_read_lammps(p, u, 0.002, 0, 0, &t));
        assert_int_equal(msb_trajectory_n_frames(t), NF);
        assert_int_equal(msb_trajectory_n_atoms(t), NA);
        const msb_unwrap_method want[] = {MSB_UNWRAP_GIVEN, MSB_UNWRAP_IMAGE_FLAGS,
                                          MSB_UNWRAP_MINIMUM_IMAGE, MSB_UNWRAP_IMAGE_FLAGS,
                                          MSB_UNWRAP_MINIMUM_IMAGE};
        assert_int_equal(msb_trajectory_unwrap_method(t), want[mode]);
        const double *x = msb_trajectory_positions(t);
        const long long *id = msb_trajectory_ids(t);
        const int *ty = msb_trajectory_types(t);
        for (int a = 0; a < NA; a++) {
            assert_int_equal(id[a], 100 + a);
            assert_int_equal(ty[a], 1 + a % 3);
        }
        assert_close_rel(msb_trajectory_times(t)[3], 3 * 10 * 0.002e-12, 1e-15);
        for (int f = 0; f < NF; f++)
            for (int a = 0; a < NA; a++)
                for (int k = 0; k < 3; k++) {
                    const double got = x[(f * NA + a) * 3 + k] - x[a * 3 + k];
                    const double ref = (truth[f][a][k] - truth[0][a][k]) * 1e-10;
                    assert_close_abs(got, ref, 1e-12 * b->L * 1e-10);
                }
        if (mode == M_XU || mode == M_XIMG)
            assert_close_abs(x[5 * 3 + 1], truth[0][5][1] * 1e-10, 1e-13 * b->L * 1e-10);
        if (tri) assert_close_rel(msb_trajectory_volume(t, 0), pow(b->L * 1e-10, 3), 1e-12);
        msb_trajectory_destroy(t);
        remove(p);
    }
    msb_units_destroy(u);
}

static void test_orthogonal(void **state)
{
    (void)state;
    make_walk(0.4);
    const box b = {7.0, 0, 0, 0, {-1.0, 0.5, 2.0}};
    check_all_modes(&b, 0);
}

static void test_triclinic(void **state)
{
    (void)state;
    make_walk(0.4);
    const box b = {7.0, 1.5, -2.0, 0.8, {0.3, -0.2, 1.0}};
    check_all_modes(&b, 1);
}

/* Minimum image refused when frames are too far apart: hops of ~0.5 L. */
static void test_min_image_refused(void **state)
{
    (void)state;
    make_walk(2.5);
    const box b = {7.0, 0, 0, 0, {0, 0, 0}};
    const char *p = write_dump("far", &b, M_X, 0, 0);
    msb_units *u = metal();
    msb_trajectory *t = NULL;
    assert_status(msb_trajectory_read_lammps(p, u, 0.002, 0, 0, &t), MSB_EDOM);
    assert_null(t);
    assert_non_null(strstr(msb_last_error_message(), "minimum-image"));
    /* with image flags the same walk is fine */
    p = write_dump("far2", &b, M_XIMG, 0, 0);
    assert_ok(msb_trajectory_read_lammps(p, u, 0.002, 0, 0, &t));
    msb_trajectory_destroy(t);
    msb_units_destroy(u);
    remove(p);
}

/* Write text to a file and expect a status and a message naming file:line. */
static void expect_bad(const char *text, msb_status code, const char *where)
{
    const char *p = tmpname("bad");
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
    msb_units *u = metal();
    msb_trajectory *t = (msb_trajectory *)&u;
    assert_status(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t), code);
    assert_ptr_equal(t, (msb_trajectory *)&u);
    if (where) {
        char want[300];
        snprintf(want, sizeof want, "%s:%s", p, where);
        if (strstr(msb_last_error_message(), want) == NULL)
            fail_msg("message '%s' does not name '%s'", msb_last_error_message(), want);
    }
    msb_units_destroy(u);
    remove(p);
}

#define HDR(step, n) "ITEM: TIMESTEP\n" #step "\nITEM: NUMBER OF ATOMS\n" #n "\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\n"

static void test_bad_files(void **state)
{
    (void)state;
    const char *ok2 = HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 1 1\n";
    char buf[2048];
    /* truncated last frame */
    snprintf(buf, sizeof buf, "%s%s", ok2, HDR(10, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n");
    expect_bad(buf, MSB_ETRUNCATED, "21");
    snprintf(buf, sizeof buf, "%s%s", ok2, "ITEM: TIMESTEP\n10\nITEM: NUMBER OF ATOMS\n");
    expect_bad(buf, MSB_ETRUNCATED, NULL);
    /* missing columns */
    expect_bad(HDR(0, 2) "ITEM: ATOMS type xu yu zu\n1 0 0 0\n1 1 1 1\n", MSB_EFORMAT, "9");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu\n1 1 0 0\n2 1 1 1\n", MSB_EFORMAT, "9");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type vx\n1 1 0\n2 1 1\n", MSB_EFORMAT, "9");
    /* non-numeric and non-finite fields, wrong field counts */
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 abc 1\n", MSB_EFORMAT, "11");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 nan 1\n", MSB_EFORMAT, "11");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 1\n", MSB_EFORMAT, "11");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu zu\nx 1 0 0 0\n2 1 1 1 1\n", MSB_EFORMAT, "10");
    expect_bad("ITEM: TIMESTEP\nseven\n", MSB_EFORMAT, "2");
    expect_bad("hello\n", MSB_EFORMAT, "1");
    /* atoms appearing or vanishing, duplicates, type changes */
    snprintf(buf, sizeof buf, "%s%s", ok2, HDR(10, 3) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 1 1\n3 1 1 1 1\n");
    expect_bad(buf, MSB_EFORMAT, "15");
    snprintf(buf, sizeof buf, "%s%s", ok2, HDR(10, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n3 1 1 1 1\n");
    expect_bad(buf, MSB_EFORMAT, "12");
    expect_bad(HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n1 1 1 1 1\n", MSB_EFORMAT, "1");
    snprintf(buf, sizeof buf, "%s%s", ok2, HDR(10, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 2 1 1 1\n");
    expect_bad(buf, MSB_EFORMAT, "12");
    /* time steps not increasing (zero or negative frame interval) */
    snprintf(buf, sizeof buf, "%s%s", ok2, HDR(0, 2) "ITEM: ATOMS id type xu yu zu\n1 1 0 0 0\n2 1 1 1 1\n");
    expect_bad(buf, MSB_EFORMAT, "12");
    /* empty file, empty box */
    expect_bad("", MSB_EINSUFFICIENT, NULL);
    expect_bad("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n0 0\n0 5\n0 5\n"
               "ITEM: ATOMS id xu yu zu\n1 0 0 0\n", MSB_EFORMAT, "8");
    /* arguments and limits */
    msb_units *u = metal();
    msb_trajectory *t = NULL;
    const char *p = tmpname("ok");
    FILE *f = fopen(p, "w");
    fputs(ok2, f);
    fclose(f);
    assert_status(msb_trajectory_read_lammps(p, u, 0.0, 0, 0, &t), MSB_EDOM);
    assert_status(msb_trajectory_read_lammps(p, u, -1.0, 0, 0, &t), MSB_EDOM);
    assert_status(msb_trajectory_read_lammps(p, u, NAN, 0, 0, &t), MSB_ENONFINITE);
    assert_status(msb_trajectory_read_lammps(NULL, u, 1, 0, 0, &t), MSB_ENULL);
    assert_status(msb_trajectory_read_lammps(p, NULL, 1, 0, 0, &t), MSB_ENULL);
    assert_status(msb_trajectory_read_lammps(p, u, 1, 0, 0, NULL), MSB_ENULL);
    assert_status(msb_trajectory_read_lammps(p, u, 1, 0, 1, &t), MSB_ESIZE);
    assert_status(msb_trajectory_read_lammps("/nonexistent/x.dump", u, 1, 0, 0, &t), MSB_EIO);
    assert_null(t);
    assert_ok(msb_trajectory_read_lammps(p, u, 1, 1, 2, &t));
    assert_int_equal(msb_trajectory_unwrap_method(t), MSB_UNWRAP_GIVEN);
    msb_trajectory_destroy(t);
    /* allocation failures */
    for (long k = 1; k < 40; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status s = msb_trajectory_read_lammps(p, u, 1, 0, 0, &t);
        msbi_test_alloc_fail_at(0);
        if (s == MSB_SUCCESS) {
            msb_trajectory_destroy(t);
            break;
        }
        assert_int_equal(s, MSB_ENOMEM);
    }
    remove(p);
    msb_units_destroy(u);
    msb_trajectory_destroy(NULL);
    assert_int_equal(msb_trajectory_n_frames(NULL), 0);
}

/* The reader's number parsing (an exact fast path plus strtod) must give exactly what strtod
 * gives, for every format LAMMPS or a user may write. Reference: strtod in this test. */
static void test_number_formats(void **state)
{
    (void)state;
    const char *fixed[] = {"3", "-0.5", "1e-3", "+2.5E+02", ".5", "5.", "-0", "123456789012345678",
                           "9007199254740993", "1e22", "1e23", "4.9e-324", "0.000000000000000000000001",
                           "1.7976931348623157e308", "2.2250738585072014e-308", "-1.5e-7"};
    enum { NV = 400 };
    static char text[NV][64];
    msbt_rng r;
    msbt_rng_seed(&r, 8);
    for (int i = 0; i < NV; i++) {
        if (i < 16) {
            snprintf(text[i], 64, "%s", fixed[i]);
        } else {
            double v = (msbt_uniform(&r) - 0.5) * pow(10.0, (int)(msbt_uniform(&r) * 16) - 8);
            switch (i % 8) {
            case 0: snprintf(text[i], 64, "%.17g", v); break;
            case 1: snprintf(text[i], 64, "%.15g", v); break;
            case 2: snprintf(text[i], 64, "%.10g", v); break;
            case 3: snprintf(text[i], 64, "%.6g", v); break;
            case 4: snprintf(text[i], 64, "%.6e", v); break;
            case 5: snprintf(text[i], 64, "%.3f", v); break;
            case 6: snprintf(text[i], 64, "%+.8E", v); break;
            default: snprintf(text[i], 64, "%g", v); break;
            }
        }
    }
    const char *p = tmpname("numbers");
    FILE *f = fopen(p, "w");
    const int na = NV / 3 + 1;
    fprintf(f, "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n%d\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\n"
               "ITEM: ATOMS id xu yu zu\n", na);
    for (int a = 0; a < na; a++)
        fprintf(f, "%d %s %s %s\n", a + 1, text[(3 * a) % NV], text[(3 * a + 1) % NV], text[(3 * a + 2) % NV]);
    fclose(f);
    msb_units *u = metal();
    msb_trajectory *t;
    assert_ok(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t));
    const double *x = msb_trajectory_positions(t);
    for (int a = 0; a < na; a++)
        for (int k = 0; k < 3; k++) {
            const double ref = strtod(text[(3 * a + k) % NV], NULL) * 1e-10;
            if (memcmp(&ref, &x[3 * a + k], sizeof ref) != 0)
                fail_msg("'%s' parsed as %.17g, strtod gives %.17g", text[(3 * a + k) % NV],
                         x[3 * a + k] / 1e-10, ref / 1e-10);
        }
    msb_trajectory_destroy(t);
    msb_units_destroy(u);
    remove(p);
    const char *bad[] = {"1.2.3", "1e", "-", "--1", "1e+", "nan", "inf", "1e999", ".", "e5"};
    for (int i = 0; i < 10; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, HDR(0, 1) "ITEM: ATOMS id xu yu zu\n1 0 %s 0\n", bad[i]);
        expect_bad(buf, MSB_EFORMAT, "10");
    }
}

/* The block line reader and the one-pass atom lines: a dump of several read blocks (512 KiB)
 * whose lines straddle block edges, CRLF and LF frames mixed, atoms in shuffled order with
 * ids of 1..13 digits (long ones take the checked strtoll path), types written "+02", extra
 * columns, coordinates in several printf formats, no newline after the last line. Reference:
 * strtod / the values written here (positions are xu yu zu: no arithmetic but the unit
 * factor, which the reference applies the same way: one multiply by 1e-10). */
static void test_block_reader(void **state)
{
    (void)state;
    enum { NA_B = 700, NF_B = 60 };
    static char text[NF_B][NA_B][3][40];
    static long long ids[NA_B];
    static int perm[NA_B];
    msbt_rng r;
    msbt_rng_seed(&r, 5);
    for (int a = 0; a < NA_B; a++) {
        ids[a] = a >= NA_B - 60 ? 1000000000000LL + 7 * a : 3 * a + 1; /* increasing */
        perm[a] = a;
    }
    const char *p = tmpname("blocks");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    for (int fr = 0; fr < NF_B; fr++) {
        const char *nl = fr % 3 == 1 ? "\r\n" : "\n";
        for (int a = NA_B - 1; a > 0; a--) { /* shuffle */
            int b = (int)(msbt_uniform(&r) * (a + 1)), tmp = perm[a];
            perm[a] = perm[b];
            perm[b] = tmp;
        }
        fprintf(f, "ITEM: TIMESTEP%s%d%sITEM: NUMBER OF ATOMS%s%d%sITEM: BOX BOUNDS pp pp pp%s"
                   "0 50%s0 50%s0 50%sITEM: ATOMS id type vx xu yu zu c_q%s",
                nl, 100 * fr, nl, nl, NA_B, nl, nl, nl, nl, nl, nl);
        for (int i = 0; i < NA_B; i++) {
            const int a = perm[i];
            for (int k = 0; k < 3; k++) {
                double v = 50 * msbt_uniform(&r) - 10;
                switch ((a + k + fr) % 5) {
                case 0: snprintf(text[fr][a][k], 40, "%.17g", v); break;
                case 1: snprintf(text[fr][a][k], 40, "%.10g", v); break;
                case 2: snprintf(text[fr][a][k], 40, "%.6e", v); break;
                case 3: snprintf(text[fr][a][k], 40, "%.4f", v); break;
                default: snprintf(text[fr][a][k], 40, "%.12g", v * 1e-9); break;
                }
            }
            const int last = fr == NF_B - 1 && i == NA_B - 1;
            fprintf(f, "%lld +02 0.5 %s\t%s  %s 7%s", ids[a], text[fr][a][0], text[fr][a][1],
                    text[fr][a][2], last ? "" : nl);
        }
    }
    fclose(f);
    msb_units *u = metal();
    msb_trajectory *t;
    assert_ok(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t));
    assert_int_equal(msb_trajectory_n_frames(t), NF_B);
    assert_int_equal(msb_trajectory_n_atoms(t), NA_B);
    const long long *gid = msb_trajectory_ids(t);
    const double *x = msb_trajectory_positions(t);
    for (int a = 0; a < NA_B; a++) {
        assert_true(gid[a] == ids[a]);
        assert_int_equal(msb_trajectory_types(t)[a], 2);
    }
    for (int fr = 0; fr < NF_B; fr++)
        for (int a = 0; a < NA_B; a++)
            for (int k = 0; k < 3; k++) {
                const double ref = strtod(text[fr][a][k], NULL) * 1e-10;
                const double got = x[((size_t)fr * NA_B + (size_t)a) * 3 + (size_t)k];
                if (memcmp(&ref, &got, sizeof ref) != 0)
                    fail_msg("frame %d atom %d: '%s' read as %.17g", fr, a, text[fr][a][k],
                             got / 1e-10);
            }
    msb_trajectory_destroy(t);
    msb_units_destroy(u);
    remove(p);
}

/* Lines the reader refuses, with the line number: longer than MSB_TRAJ_DEFAULT_MAX_LINE, or
 * holding a NUL byte. */
static void test_line_limits(void **state)
{
    (void)state;
    const size_t n = MSB_TRAJ_DEFAULT_MAX_LINE + 10;
    char *buf = malloc(n + 512);
    assert_non_null(buf);
    int len = snprintf(buf, 512, HDR(0, 1) "ITEM: ATOMS id xu yu zu\n1 0 0 0 ");
    memset(buf + len, ' ', n);
    strcpy(buf + len + n, "\n");
    expect_bad(buf, MSB_EFORMAT, "10: line longer than");
    free(buf);
    /* a NUL byte on line 10 (fputs would stop at it: write the bytes) */
    static const char nul_text[] = HDR(0, 1) "ITEM: ATOMS id xu yu zu\n1 0 \0 0\n";
    const char *p = tmpname("nul");
    FILE *f = fopen(p, "wb");
    fwrite(nul_text, 1, sizeof nul_text - 1, f);
    fclose(f);
    msb_units *u = metal();
    msb_trajectory *t = NULL;
    assert_status(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t), MSB_EFORMAT);
    assert_non_null(strstr(msb_last_error_message(), ":10: NUL byte"));
    assert_null(t);
    msb_units_destroy(u);
    remove(p);
}

/* Frames parsed on worker threads (windows of whole frames) against the serial reader: the
 * same trajectory bit for bit, and for damaged files the same status and message. Reference:
 * the serial path (msbi_test_set_threads(1)), itself checked against the written values in
 * test_block_reader; plus the written values here for the good file. */
enum { NA_W = 20, NF_W = 3200 }; /* 2.3 MB: windows need a file of >= 4 read blocks */

static void write_window_dump(const char *p, int damage)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    for (int fr = 0; fr < NF_W; fr++) {
        if (damage == 5 && fr == NF_W - 1) break;
        const int step = damage == 4 && fr == 50 ? 10 * 49 : 10 * fr;
        const int n = damage == 3 && fr == 200 ? NA_W - 1 : NA_W;
        if (damage == 1 && fr == 100) fputs("\n  \n", f);
        fprintf(f, "ITEM: TIMESTEP\n%d\nITEM: NUMBER OF ATOMS\n%d\nITEM: BOX BOUNDS pp pp pp\n"
                   "0 10\n0 10\n0 10.5\nITEM: ATOMS id type x y z ix iy iz\n", step, n);
        for (int a = 0; a < n; a++) {
            const int id = damage == 6 && fr == 120 && a == 3 ? 999 : (a * 7) % NA_W + 1;
            if (damage == 2 && fr == 150 && a == 5)
                fprintf(f, "%d 1 0.5 x1.5 2.5 0 0 0\n", id);
            else
                fprintf(f, "%d %d %.6f %.9g %g %d %d %d\n", id, 1 + id % 2, 0.001 * fr + 0.25 * a,
                        1.0 + 0.0001 * (fr * a % 97), 5.0, fr % 3 - 1, 0, a % 2);
        }
    }
    if (damage == 5) fprintf(f, "ITEM: TIMESTEP\n%d\nITEM: NUMBER OF ATOMS\n20\n", 10 * (NF_W - 1));
    fclose(f);
}

static void test_window_threads(void **state)
{
    (void)state;
    msb_units *u = metal();
    const char *p = tmpname("windows");
    msb_trajectory *t[2];
    write_window_dump(p, 0);
    for (int k = 0; k < 2; k++) {
        int old = msbi_test_set_threads(k + 1);
        assert_ok(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t[k]));
        msbi_test_set_threads(old);
        assert_int_equal(msb_trajectory_n_frames(t[k]), NF_W);
    }
    assert_memory_equal(msb_trajectory_positions(t[0]), msb_trajectory_positions(t[1]),
                        NF_W * NA_W * 3 * sizeof(double));
    assert_memory_equal(msb_trajectory_times(t[0]), msb_trajectory_times(t[1]),
                        NF_W * sizeof(double));
    /* atom with id 8 (index 7) in frame 333: x = 0.333 + 0.25 a for the a with 7a % 20 + 1 = 8,
     * i.e. a = 1, plus the image ix = 333 % 3 - 1 = -1 times the box length 10 (1e-14: a few
     * roundings in the unit scaling and the unwrapping sum) */
    const double x = msb_trajectory_positions(t[1])[(333 * NA_W + 7) * 3];
    assert_close_rel(x, (0.583 - 10.0) * 1e-10, 1e-14);
    msb_trajectory_destroy(t[0]);
    msb_trajectory_destroy(t[1]);
    /* blank lines between frames are allowed: same result as without */
    write_window_dump(p, 1);
    for (int k = 0; k < 2; k++) {
        msb_trajectory *b;
        int old = msbi_test_set_threads(k + 1);
        assert_ok(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &b));
        msbi_test_set_threads(old);
        assert_int_equal(msb_trajectory_n_frames(b), NF_W);
        msb_trajectory_destroy(b);
    }
    /* damaged files: 2 bad coordinate, 3 atom count changes, 4 step repeats, 5 truncated last
     * frame, 6 an id swapped for another */
    static const msb_status want[7] = {0, 0, MSB_EFORMAT, MSB_EFORMAT, MSB_EFORMAT,
                                       MSB_ETRUNCATED, MSB_EFORMAT};
    for (int d = 2; d <= 6; d++) {
        write_window_dump(p, d);
        char msg[2][512];
        for (int k = 0; k < 2; k++) {
            msb_trajectory *b = NULL;
            int old = msbi_test_set_threads(k + 1);
            assert_status(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &b), want[d]);
            msbi_test_set_threads(old);
            assert_null(b);
            snprintf(msg[k], sizeof msg[k], "%s", msb_last_error_message());
        }
        if (strcmp(msg[0], msg[1]) != 0) fail_msg("damage %d: '%s' vs '%s'", d, msg[0], msg[1]);
    }
    /* the frame limit is hit inside a window: same status and message as serially */
    write_window_dump(p, 0);
    {
        char msg[2][512];
        for (int k = 0; k < 2; k++) {
            msb_trajectory *b = NULL;
            int old = msbi_test_set_threads(k + 1);
            assert_status(msb_trajectory_read_lammps(p, u, 1.0, 1000, 0, &b), MSB_ESIZE);
            msbi_test_set_threads(old);
            assert_null(b);
            snprintf(msg[k], sizeof msg[k], "%s", msb_last_error_message());
        }
        assert_string_equal(msg[0], msg[1]);
        assert_non_null(strstr(msg[1], "more than max_frames = 1000"));
    }
    /* the bad coordinate is on line 150 * 29 + 9 + 5 + 1 */
    write_window_dump(p, 2);
    msb_trajectory *b = NULL;
    assert_status(msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &b), MSB_EFORMAT);
    char where[64];
    snprintf(where, sizeof where, ":%d: non-numeric", 150 * 29 + 9 + 5 + 1);
    assert_non_null(strstr(msb_last_error_message(), where));
    msb_units_destroy(u);
    remove(p);
}

/* Differential test of the window path: random damage (byte changes, deleted or doubled
 * lines, CR, blank lines, truncation) anywhere in a large dump; 1 and 2 threads must give the
 * same status, the same message, and on success the same trajectory bit for bit. Reference:
 * the serial reader. */
static void test_window_mutations(void **state)
{
    (void)state;
    const char *p = tmpname("mutate");
    write_window_dump(p, 0);
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    const long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *orig = malloc((size_t)len), *text = malloc((size_t)len + 64);
    assert_non_null(orig);
    assert_non_null(text);
    assert_int_equal(fread(orig, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    static const char junk[] = "0 9-.eE+x\r\n\t ITEM";
    msbt_rng r;
    msbt_rng_seed(&r, 2024);
    msb_units *u = metal();
    for (int it = 0; it < 40; it++) {
        memcpy(text, orig, (size_t)len);
        long n = len;
        const int nmut = 1 + (int)(msbt_uniform(&r) * 3);
        for (int m = 0; m < nmut; m++) {
            /* mostly in the later frames, where the windows are */
            long at = (long)(len / 10 + msbt_uniform(&r) * (double)(n - len / 10 - 2));
            switch ((int)(msbt_uniform(&r) * 5)) {
            case 0: text[at] = junk[(int)(msbt_uniform(&r) * (sizeof junk - 1))]; break;
            case 1: { /* delete the rest of the line and its newline */
                char *nl = memchr(text + at, '\n', (size_t)(n - at));
                if (nl) {
                    memmove(text + at, nl + 1, (size_t)(n - (nl + 1 - text)));
                    n -= (long)(nl + 1 - (text + at));
                }
                break;
            }
            case 2: /* insert a blank line or a CR */
                memmove(text + at + 1, text + at, (size_t)(n - at));
                text[at] = msbt_uniform(&r) < 0.5 ? '\n' : '\r';
                n++;
                break;
            case 3: n = at; break; /* truncate */
            default: text[at] = ' '; break;
            }
        }
        f = fopen(p, "wb");
        fwrite(text, 1, (size_t)n, f);
        fclose(f);
        msb_status st[2];
        char msg[2][512];
        msb_trajectory *t[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            int old = msbi_test_set_threads(k + 1);
            msb_clear_error();
            st[k] = msb_trajectory_read_lammps(p, u, 1.0, 0, 0, &t[k]);
            msbi_test_set_threads(old);
            snprintf(msg[k], sizeof msg[k], "%s", msb_last_error_message());
        }
        if (st[0] != st[1] || strcmp(msg[0], msg[1]) != 0)
            fail_msg("mutation %d: %d '%s' vs %d '%s'", it, st[0], msg[0], st[1], msg[1]);
        if (st[0] == MSB_SUCCESS) {
            const size_t nf = msb_trajectory_n_frames(t[0]);
            assert_int_equal(nf, msb_trajectory_n_frames(t[1]));
            assert_memory_equal(msb_trajectory_positions(t[0]), msb_trajectory_positions(t[1]),
                                nf * NA_W * 3 * sizeof(double));
            assert_memory_equal(msb_trajectory_times(t[0]), msb_trajectory_times(t[1]),
                                nf * sizeof(double));
        }
        msb_trajectory_destroy(t[0]);
        msb_trajectory_destroy(t[1]);
    }
    msb_units_destroy(u);
    free(orig);
    free(text);
    remove(p);
}

/* Extended XYZ: a small file in C (the Python test checks positions against numpy); errors
 * with file:line; allocation failures. */
static void test_xyz(void **state)
{
    (void)state;
    const char *p = tmpname("xyz");
    FILE *f = fopen(p, "w");
    fputs("2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3:q:R:1 pbc=\"T T T\"\n"
          "Li 9.9 1 1 0.5\nF 5 5 5 -0.5\n"
          "2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3:q:R:1 pbc=\"T T T\"\n"
          "Li 0.1 1 1 0.5\nF 5 5.5 5 -0.5\n", f);
    fclose(f);
    msb_trajectory *t;
    assert_ok(msb_trajectory_read_xyz(p, 1e-10, 1e-12, 0, 0, &t));
    assert_int_equal(msb_trajectory_unwrap_method(t), MSB_UNWRAP_MINIMUM_IMAGE);
    const double *x = msb_trajectory_positions(t);
    assert_close_rel(x[6] - x[0], 0.2e-10, 1e-12); /* crossed the boundary: +0.2, not -9.8 */
    assert_string_equal(msb_trajectory_type_name(t, 2), "F");
    assert_close_rel(msb_trajectory_volume(t, 1), 1e-27, 1e-12);
    for (long k = 1; k < 30; k++) {
        msb_trajectory *u = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_trajectory_read_xyz(p, 1e-10, 1e-12, 0, 0, &u);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msb_trajectory_destroy(u);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
    msb_trajectory_destroy(t);
    f = fopen(p, "w");
    fputs("2\nProperties=species:S:1:pos:R:3\nLi 0 0 0\nF 1 x 1\n", f);
    fclose(f);
    assert_status(msb_trajectory_read_xyz(p, 1e-10, 1e-12, 0, 0, &t), MSB_EFORMAT);
    assert_non_null(strstr(msb_last_error_message(), ":4:"));
    f = fopen(p, "w");
    fputs("2\nProperties=species:S:1:pos:R:3\nLi 0 0 0\nF 1 1 1\n3\n\nLi 0 0 0\nF 1 1 1\nF 2 2 2\n", f);
    fclose(f);
    assert_status(msb_trajectory_read_xyz(p, 1e-10, 1e-12, 0, 0, &t), MSB_EFORMAT);
    assert_status(msb_trajectory_read_xyz(p, 0, 1e-12, 0, 0, &t), MSB_EDOM);
    assert_status(msb_trajectory_read_xyz(p, 1e-10, -1, 0, 0, &t), MSB_EDOM);
    assert_status(msb_trajectory_read_xyz(NULL, 1e-10, 1, 0, 0, &t), MSB_ENULL);
    remove(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_orthogonal),
        cmocka_unit_test(test_triclinic),
        cmocka_unit_test(test_min_image_refused),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_number_formats),
        cmocka_unit_test(test_block_reader),
        cmocka_unit_test(test_line_limits),
        cmocka_unit_test(test_window_threads),
        cmocka_unit_test(test_window_mutations),
        cmocka_unit_test(test_xyz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

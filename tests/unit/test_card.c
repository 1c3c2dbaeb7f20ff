/* Law cards: SHA-256 against the FIPS 180-2 examples, the strict JSON reader, bitwise round
 * trips for every registered family, crash-safe writing, bad cards, and the exporters checked
 * by running their output (Python with /usr/bin/python3, the C header with the system cc). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/card_internal.h"
#include "laws/law_internal.h"
#include "msb_test.h"

/* a fresh scratch folder per test group (tests/unit/support) */
static int setup(void **state)
{
    (void)state;
    return msbt_tmpdir_create("/tmp/msb_test_card_");
}

static int teardown(void **state)
{
    (void)state;
    return msbt_tmpdir_remove();
}

#define tpath msbt_tmp_path

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
    s[n] = 0;
    fclose(f);
    return s;
}

static size_t count_files(void)
{
    DIR *d = opendir(msbt_tmpdir());
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

/* ---------------------------------------------------------------- SHA-256 */

/* Examples from FIPS 180-2 appendix B (B.1, B.2, B.3) and the empty message (NIST CSRC
 * "Examples with intermediate values", SHA256.pdf). */
static void test_sha256_fips_vectors(void **state)
{
    (void)state;
    char hex[65];
    assert_ok(msb_sha256_hex("abc", 3, hex));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_ok(msb_sha256_hex(NULL, 0, hex));
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_ok(msb_sha256_hex(m2, strlen(m2), hex));
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    FILE *f = fopen(tpath("million_a"), "wb");
    fwrite(a, 1, 1000000, f);
    fclose(f);
    free(a);
    assert_ok(msb_sha256_file(tpath("million_a"), hex));
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    unlink(tpath("million_a"));
    assert_status(msb_sha256_file(tpath("does_not_exist"), hex), MSB_EIO);
    assert_status(msb_sha256_file(NULL, hex), MSB_ENULL);
}

/* ---------------------------------------------------------------- round trip */

#define assert_same_law msbt_assert_same_law

/* Write, read, compare bitwise; the re-written text must equal the first. */
static void round_trip(const msb_law *law, size_t n, const double *x, const char *file)
{
    const char *srcs[1] = {tpath("input.dat")};
    FILE *f = fopen(srcs[0], "wb");
    fputs("T D\n300 1e-12\n", f);
    fclose(f);
#define PROV 1, srcs, "test_card", "round trip \"quoted\"\n"
    assert_ok(msb_card_write(law, tpath(file), PROV));
    msb_law *back = NULL;
    assert_ok(msb_card_read(tpath(file), &back));
    assert_same_law(law, back, n, x);
    char *t1, *t2;
    assert_ok(msb_card_to_string(law, PROV, &t1));
    assert_ok(msb_card_to_string(back, PROV, &t2));
    assert_string_equal(t1, t2);
    char *disk = slurp(tpath(file));
    assert_string_equal(disk, t1);
    /* the provenance records the input's SHA-256 */
    char hex[65];
    assert_ok(msb_sha256_file(srcs[0], hex));
    assert_non_null(strstr(t1, hex));
    free(disk);
    msb_string_free(t1);
    msb_string_free(t2);
    msb_law_destroy(back);
}

static void test_round_trip_all_families(void **state)
{
    (void)state;
    /* Values with long mantissas so that %.17g matters. */
    const double e = MSB_EV;
    const double c2[4] = {0.0123456789012345, -1.1e-3 * e / 3, -1.1e-3 * e / 3,
                          pow(0.0271828 * e, 2)};
    msb_law *law, *dom;
    double T[3] = {301.234567890123, 450.5, 1234.56789};
    double lo[1] = {299.99999999999994}, hi[1] = {1300.0000000000002};

    assert_ok(msb_arrhenius_create(3.14159265358979e-7, 0.4123456789 * e, c2, &law));
    assert_ok(msb_law_with_domain(law, lo, hi, &dom));
    round_trip(dom, 3, T, "arrhenius.json");
    msb_law_destroy(dom);
    msb_law_destroy(law);

    assert_ok(msb_arrhenius_create_named(2.718281828e3, 0.7 * e / 3, c2, "sigma", "S/m", &law));
    round_trip(law, 3, T, "arrhenius_named.json");
    msb_law_destroy(law);

    const double nm[3] = {5.1e12, 7.3e12, 9.7e12}, ns[2] = {4.4e12, 6.6e12};
    assert_ok(msb_tst_vineyard_create(3, nm, 2, ns, 0.55 * e / 7, c2, &law));
    round_trip(law, 3, T, "vineyard.json");
    msb_law_destroy(law);

    const double ce[4] = {pow(0.01 * e, 2), 1e-3 * e * 1e-24, 1e-3 * e * 1e-24, 1e-46};
    assert_ok(msb_tst_eyring_create(0.6 * e / 3, 1.7e-23 / 3, 0.7 / 3, 1.234567e13, ce, &law));
    round_trip(law, 3, T, "eyring.json"); /* kappa, Wigner constant and T_min round-trip */
    msb_law_destroy(law);

    const double ca[9] = {0.04, 0, 0, 0, pow(0.02 * e, 2), 0, 0, 0, 1e-62};
    assert_ok(msb_activation_volume_create(1.23456789e-7, 0.9 * e / 7, 2.3456e-30, ca, &law));
    double x2[6] = {300.1, -1.5e9, 700.7, 0.0, 1000.3, 2.25e9};
    double lo2[2] = {280, -3e9}, hi2[2] = {INFINITY, 3e9};
    assert_ok(msb_law_with_domain(law, lo2, hi2, &dom));
    round_trip(dom, 3, x2, "actvol.json");
    msb_law_destroy(dom);
    msb_law_destroy(law);
}

/* ---------------------------------------------------------------- class without hooks */

static msb_status nohook_eval(const msb_law *law, const double *p, size_t n, const double *x,
                              double *y, double *dydx, double *dydp)
{
    (void)law;
    for (size_t i = 0; i < n; i++) {
        if (y) y[i] = p[0] * x[i];
        if (dydx) dydx[i] = p[0];
        if (dydp) dydp[i] = x[i];
    }
    return MSB_SUCCESS;
}
static const msbi_law_class nohook_class = {.kind = "test_nohooks", .eval = nohook_eval};

static void test_law_without_hooks(void **state)
{
    (void)state;
    const msbi_var in = {"x", "1", MSB_DOMAIN_REAL}, out = {"y", "1", MSB_DOMAIN_REAL},
                   par = {"a", "1", MSB_DOMAIN_REAL};
    const double p = 2.0;
    const msbi_law_spec spec = {&nohook_class, NULL, "test", 1, 1, 1, &in, &out, &par, &p, NULL};
    msb_law *law;
    assert_ok(msbi_law_create("test", &spec, &law));
    size_t before = count_files();
    assert_status(msb_card_write(law, tpath("nohooks.json"), 0, NULL, NULL, NULL), MSB_EBADLAW);
    assert_non_null(strstr(msb_last_error_message(), "test_nohooks"));
    assert_int_equal(count_files(), before); /* nothing written, no temporary left */
    char *s = (char *)0x1;
    assert_status(msb_card_to_string(law, 0, NULL, NULL, NULL, &s), MSB_EBADLAW);
    assert_ptr_equal(s, (char *)0x1);
    assert_status(msb_card_export_pybamm(law, "f", tpath("nohooks.py")), MSB_EBADLAW);
    assert_int_equal(count_files(), before);
    msb_law_destroy(law);
}

/* ---------------------------------------------------------------- crash safety */

static void test_crash_safe_write(void **state)
{
    (void)state;
    msb_law *a, *b;
    assert_ok(msb_arrhenius_create(1e-7, 0.3 * MSB_EV, NULL, &a));
    assert_ok(msb_arrhenius_create(2e-7, 0.5 * MSB_EV, NULL, &b));
    const char *p = tpath("safe.json");
    assert_ok(msb_card_write(a, p, 0, NULL, NULL, NULL));
    char *good = slurp(p);
    size_t before = count_files();
    /* the disk "fills up" after 40 bytes of the new card */
    msbi_test_card_write_fail_after(40);
    assert_status(msb_card_write(b, p, 0, NULL, NULL, NULL), MSB_EIO);
    assert_non_null(strstr(msb_last_error_message(), "untouched"));
    char *now = slurp(p);
    assert_string_equal(now, good);
    assert_int_equal(count_files(), before); /* the temporary file is gone */
    free(now);
    /* renaming over a directory fails after the temporary is complete */
    const char *d = tpath("a_directory");
    assert_int_equal(mkdir(d, 0700), 0);
    assert_status(msb_card_write(b, d, 0, NULL, NULL, NULL), MSB_EIO);
    assert_int_equal(count_files(), before + 1);
    /* a folder that does not exist */
    assert_status(msb_card_write(b, tpath("no/such/dir.json"), 0, NULL, NULL, NULL), MSB_EIO);
    /* allocation failures at every step leave the old file and no temporary */
    for (long k = 1; k < 200; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_card_write(b, p, 0, NULL, NULL, NULL);
        long made = msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            assert_true(made < k);
            break;
        }
        assert_status(st, MSB_ENOMEM);
        now = slurp(p);
        assert_string_equal(now, good);
        free(now);
        assert_int_equal(count_files(), before + 1);
    }
    free(good);
    msb_law_destroy(a);
    msb_law_destroy(b);
}

/* ---------------------------------------------------------------- bad cards */

static char *card_of(const msb_law *law)
{
    char *s;
    assert_ok(msb_card_to_string(law, 0, NULL, NULL, NULL, &s));
    return s;
}

/* Replace the first occurrence of `from` with `to` (test helper, malloc'ed result). */
static char *subst(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    assert_non_null(at);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *r = malloc(n + 1);
    size_t pre = (size_t)(at - s);
    memcpy(r, s, pre);
    strcpy(r + pre, to);
    strcat(r, at + strlen(from));
    return r;
}

static void expect_bad(const char *text, msb_status code, const char *needle)
{
    msb_law *law = (msb_law *)0x1;
    assert_status(msb_card_from_string(text, strlen(text), "card.json", &law), code);
    assert_ptr_equal(law, (msb_law *)0x1);
    const char *msg = msb_last_error_message();
    assert_true(strlen(msg) > 0);
    if (needle && !strstr(msg, needle)) fail_msg("message '%s' lacks '%s'", msg, needle);
}

static void test_bad_cards(void **state)
{
    (void)state;
    const double cov[4] = {0.01, 0, 0, 1e-42};
    msb_law *law;
    assert_ok(msb_tst_eyring_create(0.5 * MSB_EV, 1e-23, 0.5, 1e13, cov, &law));
    char *good = card_of(law);
    size_t n = strlen(good);
    /* every truncation fails (never a law from half a card) */
    for (size_t cut = 0; cut < n - 1; cut++) {
        msb_law *out = NULL;
        msb_status st = msb_card_from_string(good, cut, "cut.json", &out);
        if (st != MSB_ETRUNCATED && st != MSB_EFORMAT)
            fail_msg("cut at %zu gave %d", cut, st);
        assert_null(out);
    }
    char *t;
    t = subst(good, "\"tst_eyring\"", "\"tst_unknown\"");
    expect_bad(t, MSB_EBADLAW, "tst_unknown");
    free(t);
    t = subst(good, "\"format_version\": 1", "\"format_version\": 2");
    expect_bad(t, MSB_EVERSION, NULL);
    free(t);
    t = subst(good, "\"msbridge-law-card\"", "\"other\"");
    expect_bad(t, MSB_EFORMAT, "card.json:2:");
    free(t);
    /* covariance of the wrong size */
    t = subst(good, "\"covariance\": [\n    [", "\"covariance\": [\n    [1, ");
    expect_bad(t, MSB_EFORMAT, "covariance row 0");
    free(t);
    /* negative variance */
    t = subst(good, "\"covariance\": [\n    [", "\"covariance\": [\n    [-");
    expect_bad(t, MSB_EFORMAT, "invalid covariance");
    free(t);
    /* corrupted syntax */
    t = subst(good, "\"kind\":", "\"kind\" ");
    expect_bad(t, MSB_EFORMAT, "card.json:4:");
    free(t);
    t = subst(good, "]\n  ],", "],\n  ],");
    expect_bad(t, MSB_EFORMAT, "trailing comma");
    free(t);
    t = subst(good, "\"kind\"", "\"format\": \"x\", \"kind\"");
    expect_bad(t, MSB_EFORMAT, "duplicate key");
    free(t);
    t = subst(good, "\"kappa\": 0.5", "\"kappa\": NaN");
    expect_bad(t, MSB_EFORMAT, NULL);
    free(t);
    t = subst(good, "\"kappa\": 0.5", "\"kappa\": 1.5");
    expect_bad(t, MSB_EDOM, "kappa");
    free(t);
    t = subst(good, "\"kappa\": 0.5, ", "");
    expect_bad(t, MSB_EFORMAT, "kappa");
    free(t);
    t = subst(good, "\"name\": \"dH\"", "\"name\": \"dG\"");
    expect_bad(t, MSB_EFORMAT, "dG");
    free(t);
    t = subst(good, "\"domain\": \"positive\"", "\"domain\": \"real\"");
    expect_bad(t, MSB_EFORMAT, "domain");
    free(t);
    t = subst(good, "\"family\"", "\"familly\"");
    expect_bad(t, MSB_EFORMAT, NULL);
    free(t);
    t = subst(good, "{", "{\"x\": 1e999, ");
    expect_bad(t, MSB_EFORMAT, "overflow");
    free(t);
    expect_bad("[1, 2]", MSB_EFORMAT, "object");
    expect_bad("{} x", MSB_EFORMAT, "after the top-level");
    expect_bad("\"\\ud800\"", MSB_EFORMAT, "surrogate");
    expect_bad("", MSB_ETRUNCATED, NULL);
    {
        char deep[300];
        memset(deep, '[', 100);
        memset(deep + 100, ']', 100);
        deep[200] = 0;
        expect_bad(deep, MSB_EFORMAT, "nesting");
    }
    expect_bad("{\"a\": \"x\ty\"}", MSB_EFORMAT, "control character");
    expect_bad("{\"a\": 01}", MSB_EFORMAT, NULL);
    expect_bad("{\"a\": .5}", MSB_EFORMAT, NULL);
    expect_bad("{\"a\": tru}", MSB_EFORMAT, NULL);
    expect_bad("{\"a\": 1,}", MSB_EFORMAT, "trailing comma");
    expect_bad("\xef\xbb\xbf{}", MSB_EFORMAT, "byte-order");
    /* allocation failures while reading */
    for (long k = 1; k < 500; k++) {
        msb_law *out = NULL;
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_card_from_string(good, n, NULL, &out);
        long made = msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            assert_true(made < k);
            msb_law_destroy(out);
            break;
        }
        assert_status(st, MSB_ENOMEM);
        assert_null(out);
    }
    assert_status(msb_card_read(tpath("missing.json"), &law), MSB_EIO);
    assert_status(msb_card_from_string(NULL, 0, NULL, &law), MSB_ENULL);
    assert_status(msb_card_write(NULL, "x", 0, NULL, NULL, NULL), MSB_ENULL);
    free(good);
    msb_law_destroy(law);
}

/* A hand-written card (as a user would edit it) with escapes and unbounded validity. */
static void test_hand_written_card(void **state)
{
    (void)state;
    const char *text =
        "{\"format\":\"msbridge-law-card\",\"format_version\":1,\"kind\":\"arrhenius\",\n"
        " \"reference\":\"S. Arrhenius \\u00e9\\t\\\"1889\\\"\",\n"
        " \"inputs\":[{\"name\":\"T\",\"unit\":\"K\",\"domain\":\"positive\","
        "\"validity\":[250,null]}],\n"
        " \"outputs\":[{\"name\":\"D\",\"unit\":\"m^2/s\"}],\n"
        " \"parameters\":[{\"name\":\"ln_D0\",\"unit\":\"ln(m^2/s)\",\"value\":-16.1},"
        "{\"name\":\"Ea\",\"unit\":\"J\",\"value\":6.4e-20}],\n"
        " \"covariance\":[[0.01,0],[0,1E-42]],\"family\":{}}";
    msb_law *law;
    assert_ok(msb_card_from_string(text, strlen(text), "hand.json", &law));
    assert_string_equal(msb_law_reference(law), "S. Arrhenius \xc3\xa9\t\"1889\"");
    double lo, hi, T = 300, D;
    assert_ok(msb_law_validity(law, 0, &lo, &hi));
    assert_true(lo == 250 && isinf(hi));
    assert_ok(msb_law_eval(law, 1, &T, &D, NULL));
    assert_close_rel(D, exp(-16.1 - 6.4e-20 / (MSB_K_B * 300)), 1e-14);
    msb_law_destroy(law);
}

/* ---------------------------------------------------------------- exporters */

static void test_export_pybamm(void **state)
{
    (void)state;
    const double e = MSB_EV;
    msb_law *laws[4];
    assert_ok(msb_arrhenius_create(3.3e-7, 0.45 * e, NULL, &laws[0]));
    const double nm[2] = {5e12, 8e12}, ns[1] = {3e12};
    assert_ok(msb_tst_vineyard_create(2, nm, 1, ns, 0.6 * e, NULL, &laws[1]));
    assert_ok(msb_tst_eyring_create(0.55 * e, 2e-23, 0.8, 2e12, NULL, &laws[2]));
    assert_ok(msb_activation_volume_create(1e-6, 0.7 * e, 3e-30, NULL, &laws[3]));
    const double x[2][4] = {{350.0, 500.0, 800.0, 1200.0}, {-2e9, 0.0, 1e9, 3e9}};
    for (int l = 0; l < 4; l++) {
        size_t nin = msb_law_n_inputs(laws[l]);
        assert_ok(msb_card_export_pybamm(laws[l], "law_fn", tpath("law_fn.py")));
        assert_ok(msb_card_export_c_header(laws[l], "law", tpath("law.h")));
        /* Python: the exported module evaluated by Debian's python3 (math/numpy exp). */
        char cmd[1024];
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && /usr/bin/python3 -c 'import law_fn\n"
                 "for T, s in [(350.0,-2e9),(500.0,0.0),(800.0,1e9),(1200.0,3e9)]:\n"
                 "    print(repr(float(law_fn.law_fn(T%s))))'",
                 msbt_tmpdir(), nin == 2 ? ", s" : "");
        FILE *pp = popen(cmd, "r");
        assert_non_null(pp);
        double py[4] = {0};
        for (int i = 0; i < 4; i++) assert_int_equal(fscanf(pp, "%lf", &py[i]), 1);
        assert_int_equal(pclose(pp), 0);
        /* C header compiled by the system compiler. */
        FILE *cf = fopen(tpath("main.c"), "w");
        fprintf(cf, "#include <stdio.h>\n#include \"law.h\"\nint main(void){\n"
                    "double T[4]={350.0,500.0,800.0,1200.0}, s[4]={-2e9,0.0,1e9,3e9};\n"
                    "for(int i=0;i<4;i++) printf(\"%%.17g\\n\", law_eval(T[i]%s));\n"
                    "(void)s; return 0;}\n", nin == 2 ? ", s[i]" : "");
        fclose(cf);
        snprintf(cmd, sizeof cmd, "cd '%s' && cc -std=c11 -Wall -Werror -o main main.c -lm && "
                 "./main", msbt_tmpdir());
        pp = popen(cmd, "r");
        assert_non_null(pp);
        double ch[4] = {0};
        for (int i = 0; i < 4; i++) assert_int_equal(fscanf(pp, "%lf", &ch[i]), 1);
        assert_int_equal(pclose(pp), 0);
        for (int i = 0; i < 4; i++) {
            double xi[2] = {x[0][i], x[1][i]}, y;
            assert_ok(msb_law_eval(laws[l], 1, xi, &y, NULL));
            /* The exported expression groups the same operations differently from the kernel
             * (e.g. Ea/(kB T) vs Ea * (1/(kB T))): a few ulps in an exponent of up to ~20,
             * amplified by exp, stay below 1e-13 relative. */
            assert_close_rel(py[i], y, 1e-13);
            assert_close_rel(ch[i], y, 1e-13);
        }
        msb_law_destroy(laws[l]);
    }
    msb_law *law;
    assert_ok(msb_arrhenius_create(3.3e-7, 0.45 * e, NULL, &law));
    assert_status(msb_card_export_pybamm(law, "1bad", tpath("x.py")), MSB_EINVAL);
    assert_status(msb_card_export_c_header(law, "a-b", tpath("x.h")), MSB_EINVAL);
    assert_status(msb_card_export_pybamm(law, NULL, tpath("x.py")), MSB_ENULL);
    for (long k = 1; k < 50; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msb_card_export_pybamm(law, "f", tpath("alloc.py"));
        long made = msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            assert_true(made < k);
            break;
        }
        assert_status(st, MSB_ENOMEM);
        assert_int_equal(access(tpath("alloc.py"), F_OK), -1); /* nothing written */
    }
    msb_law_destroy(law);
}

/* A hand-edited card cannot inject code into the exported files: its reference, output
 * name/unit and parameter names (tests/data/cards/evil.json) carry newlines, triple quotes and
 * comment terminators; the exported Python must still import and the header compile. */
static void test_export_sanitized(void **state)
{
    (void)state;
    msb_law *law;
    assert_ok(msb_card_read(msbt_data_path("cards/evil.json"), &law));
    assert_ok(msb_card_export_pybamm(law, "evil_fn", tpath("evil_fn.py")));
    assert_ok(msb_card_export_c_header(law, "evil", tpath("evil.h")));
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && /usr/bin/python3 -c 'import evil_fn; "
             "print(repr(evil_fn.evil_fn(400.0)))'", msbt_tmpdir());
    FILE *pp = popen(cmd, "r");
    double v = 0, y, T = 400.0;
    assert_int_equal(fscanf(pp, "%lf", &v), 1);
    assert_int_equal(pclose(pp), 0);
    assert_ok(msb_law_eval(law, 1, &T, &y, NULL));
    assert_close_rel(v, y, 1e-13);
    FILE *cf = fopen(tpath("evil_main.c"), "w");
    fputs("#include <stdio.h>\n#include \"evil.h\"\n"
          "int main(void){printf(\"%.17g\\n\", evil_eval(400.0)); return 0;}\n", cf);
    fclose(cf);
    snprintf(cmd, sizeof cmd, "cd '%s' && cc -std=c11 -Wall -Werror -o evil_main evil_main.c "
             "-lm && ./evil_main", msbt_tmpdir());
    pp = popen(cmd, "r");
    assert_int_equal(fscanf(pp, "%lf", &v), 1);
    assert_int_equal(pclose(pp), 0);
    assert_close_rel(v, y, 1e-13);
    msb_law_destroy(law);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_fips_vectors),
        cmocka_unit_test(test_round_trip_all_families),
        cmocka_unit_test(test_law_without_hooks),
        cmocka_unit_test(test_crash_safe_write),
        cmocka_unit_test(test_bad_cards),
        cmocka_unit_test(test_hand_written_card),
        cmocka_unit_test(test_export_pybamm),
        cmocka_unit_test(test_export_sanitized),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

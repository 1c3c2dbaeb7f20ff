/* Numeric column reader (msbridge/timeseries.h). References: the file text itself (values
 * typed in the file), glibc strtod (correctly rounded, independent of our fast path) and the
 * sportran log of the same file (row count and first row). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/numtext.h"
#include "io/columns.h"
#include "msb_test.h"

static void test_silica(void **state)
{
    (void)state;
    msb_table *t = NULL;
    assert_ok(msb_table_read(msbt_data_path("sportran/Silica.dat"), MSB_TABLE_HEADER, &t));
    /* Silica_output_ref.log: "Data length = 100001", keys Temp c_flux1[1..3], first row
     * [-265.30586 1520.6107 67.461829]; sportran uses 100000 rows, whose last is
     * [1232.7723 141.30647 -620.41895]; the file's last line ends in -354.60276. */
    assert_int_equal(msb_table_nrows(t), 100001);
    assert_int_equal(msb_table_ncols(t), 4);
    assert_string_equal(msb_table_column_name(t, 0), "Temp");
    assert_string_equal(msb_table_column_name(t, 3), "c_flux1[3]");
    size_t j;
    assert_ok(msb_table_find(t, "c_flux1[2]", &j));
    assert_int_equal(j, 2);
    assert_status(msb_table_find(t, "nope", &j), MSB_EINVAL);
    const double *c1 = msb_table_column(t, 1);
    assert_true(c1[0] == strtod("-265.30586", NULL));
    assert_true(msb_table_column(t, 2)[0] == strtod("1520.6107", NULL));
    assert_true(msb_table_column(t, 3)[99999] == strtod("-620.41895", NULL));
    assert_true(msb_table_column(t, 3)[100000] == strtod("-354.60276", NULL));
    /* columns contiguous */
    assert_true(msb_table_column(t, 2) == c1 + 100001);
    assert_int_equal(msb_table_line(t, 0), 7); /* 5 comment lines + header */
    /* no blank or comment line among the data (wc -l: 100007 lines) */
    assert_int_equal(msb_table_line(t, 100000), 100007);
    assert_int_equal(msb_table_line(t, 100001), 0);
    /* sportran: "Mean TEMPERATURE (computed): 983.1726353043"; printed to 13 digits. */
    const double *T = msb_table_column(t, 0);
    double s = 0;
    for (size_t i = 0; i < 100000; i++) s += T[i]; /* sportran's 100000 rows */
    assert_close_rel(s / 100000, 983.1726353043, 1e-12);
    assert_null(msb_table_column(t, 4));
    assert_null(msb_table_column_name(t, 4));
    msb_table_destroy(t);
    msb_table_destroy(NULL);
}

/* The fast path must agree bit for bit with glibc's correctly rounded strtod. */
static void test_parse_exact(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 42);
    char buf[64];
    for (int k = 0; k < 200000; k++) {
        double v = (msbt_uniform(&r) - 0.5) * pow(10.0, (int)(msbt_uniform(&r) * 40) - 20);
        switch (k % 6) {
        case 0: snprintf(buf, sizeof buf, "%.17g", v); break;
        case 1: snprintf(buf, sizeof buf, "%.6f", v); break;
        case 2: snprintf(buf, sizeof buf, "%.3e", v); break;
        case 3: snprintf(buf, sizeof buf, "%.10g", v); break;
        case 4: snprintf(buf, sizeof buf, "%.1f", v); break;
        default: snprintf(buf, sizeof buf, "%.15e", v); break;
        }
        double a, b = strtod(buf, NULL);
        const char *e = msbi_parse_double(buf, &a);
        assert_non_null(e);
        assert_int_equal(*e, '\0');
        if (a != b) fail_msg("'%s': %.17g vs strtod %.17g", buf, a, b);
    }
    const char *odd[] = {"0", "-0", "+1", ".5", "5.", "1e5", "1E-5", "12345678901234567890123",
                         "0.000000000000000000000000001", "1.7976931348623157e308", "4.9e-324",
                         "9007199254740993", "123456789012345678e-5"};
    for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
        double a, b = strtod(odd[k], NULL);
        assert_non_null(msbi_parse_double(odd[k], &a));
        if (memcmp(&a, &b, sizeof a) != 0) fail_msg("'%s': %.17g vs %.17g", odd[k], a, b);
    }
    double a;
    assert_null(msbi_parse_double("abc", &a));
    assert_null(msbi_parse_double("-", &a));
}

/* Random strings from the grammar [sign] [zeros] digits [. digits] [e|E [sign] digits] [junk],
 * with digit counts across the fast paths' limits (19 digits, 8-digit chunks, |e| <= 22, the
 * 128-bit path's -21 <= e <= 19), printf output of random doubles, and exact ties between
 * doubles written with 19 digits: both parsers (plain and padded) must give strtod's value,
 * bit for bit, and its end pointer. Reference: glibc strtod in the C locale (correctly rounded;
 * the test process runs in the C locale). */
static void gen_number(msbt_rng *r, char *buf, size_t cap)
{
#define R(n) ((int)(msbt_uniform(r) * (n)))
    static const char junk[] = " \t,\nxXeE.+-a0#\r";
    char *p = buf;
    switch (R(4)) {
    case 0: {
        int s = R(4);
        if (s == 0) *p++ = '-';
        if (s == 1) *p++ = '+';
        int ni = R(8) == 0 ? R(24) : R(12), nf = R(8) == 0 ? R(24) : (R(3) ? R(12) : 0);
        int lz = R(4) == 0 ? R(6) : 0;
        for (int i = 0; i < lz; i++) *p++ = '0';
        for (int i = 0; i < ni; i++) *p++ = (char)('0' + R(10));
        if (R(3)) {
            *p++ = '.';
            for (int i = 0; i < nf; i++) *p++ = (char)(R(5) == 0 ? '0' : '0' + R(10));
        }
        if (R(3) == 0) {
            *p++ = R(2) ? 'e' : 'E';
            int es = R(3);
            if (es == 0) *p++ = '-';
            if (es == 1) *p++ = '+';
            int ne = R(10) == 0 ? R(7) : R(4);
            for (int i = 0; i < ne; i++) *p++ = (char)('0' + R(10));
        }
        if (R(2)) *p++ = junk[R(sizeof junk - 1)];
        *p = '\0';
        break;
    }
    case 1: {
        double v = (msbt_uniform(r) - 0.5) * pow(10.0, R(60) - 30);
        if (R(8) == 0) v = ldexp(msbt_uniform(r), R(2100) - 1075); /* subnormals .. overflow */
        switch (R(8)) {
        case 0: snprintf(buf, cap, "%.17g", v); break;
        case 1: snprintf(buf, cap, "%.15g", v); break;
        case 2: snprintf(buf, cap, "%.16g", v); break;
        case 3: snprintf(buf, cap, "%.10g", v); break;
        case 4: snprintf(buf, cap, "%.6f", v); break;
        case 5: snprintf(buf, cap, "%.3e", v); break;
        case 6: snprintf(buf, cap, "%.19e", v); break;
        default: snprintf(buf, cap, "%a", v);
        }
        break;
    }
    case 3: { /* ties and near-ties between doubles in [2^54, 2^63] (ulp 4 .. 2048), written as
               * integers or with the point moved left and an exponent (19-digit significands:
               * the 128-bit exact path) */
        const int b = 54 + R(10);
        const unsigned long long ulp = 1ULL << (b - 52);
        const unsigned long long d = (1ULL << b) + ulp * (unsigned long long)R(1 << 20);
        const unsigned long long mid = d + ulp / 2 + (unsigned long long)(R(3) - 1);
        char t[40];
        snprintf(t, sizeof t, "%llu", mid);
        const int L = (int)strlen(t), j = R(4);
        if (j == 0) snprintf(buf, cap, "%s", t);
        else snprintf(buf, cap, "%.*s.%se%d", L - j, t, t + L - j, j);
        break;
    }
    default: { /* m e k with m near 2^53 and k near +-22 */
        unsigned long long m = (unsigned long long)(msbt_uniform(r) * 9007199254740992.0);
        if (R(4) == 0) m = 9007199254740992ULL - 2 + (unsigned long long)R(5);
        snprintf(buf, cap, "%llue%d", m, R(60) - 30);
    }
    }
#undef R
}

static void check_like_strtod(const char *s)
{
    char *eb;
    const double b = strtod(s, &eb);
    double a = 12345.0, c = 12345.0;
    const char *ea = msbi_parse_number(s, &a), *ec = msbi_parse_number_padded(s, &c);
    if (eb == s) {
        if (ea != NULL || ec != NULL) fail_msg("'%s': strtod parses nothing, we do", s);
        return;
    }
    if (ea != eb || memcmp(&a, &b, sizeof a) != 0)
        fail_msg("'%s': %a (+%td) vs strtod %a (+%td)", s, a, ea ? ea - s : -1, b, eb - s);
    if (ec != eb || memcmp(&c, &b, sizeof c) != 0)
        fail_msg("'%s' padded: %a (+%td) vs strtod %a (+%td)", s, c, ec ? ec - s : -1, b, eb - s);
}

static void test_parse_like_strtod(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 7);
    char buf[96 + MSBI_PARSE_PAD];
    for (int k = 0; k < 300000; k++) {
        memset(buf, 0, sizeof buf);
        gen_number(&r, buf, 96);
        check_like_strtod(buf);
    }
    static const char *odd[] = {
        "inf", "-inf", "nan", "NAN(123)", "infinity", "0x1p3", "0X1.8P1", "0x", "0xg", "1e", "1e+",
        "1e-x", ".", ".e5", "-.5", "+.5e-3", "5.", "00000000000000000000000001",
        "0.0000000000000000000000001", "1e999999999999", "1e-99999999999", "-0", "-0.0e10",
        "0e400", "9007199254740993", "9007199254740992", "9007199254740991e22", "4.9e-324",
        "2.4703282292062328e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
        "1.7976931348623159e308", "2.2250738585072011e-308", "  1", "", "-", "+", "e5", "1..2",
        "1.2.3", "1e5e5", "1,5", "12345678.12345678", "123456789.5", "1.23456789", "1e0001",
        "1e00001", "0.1e-22", "1e22", "1e23", "8.98846567431158e307", "18014398509481986",
        "18014398509481990", "9223372036854775807", "1234567890123456789e-21",
        "12345678901234567.89", "0.12345678901234567", "9999999999999999999e19",
        "1.7976931348623157e-5", "-0.33333333333333331", "0.00012573022109339331",
        "-0.000000000000000000001234", "0.0000000000000000000000000000001", "0.000", ".000",
        "-0.0000000000000000000123456789012345678e5"};
    for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
        memset(buf, 0, sizeof buf);
        strcpy(buf, odd[k]);
        check_like_strtod(buf);
    }
}

/* A text larger than two thread pieces (1 MiB each), with comment and blank lines in both,
 * parsed with 1 and 2 threads: the same table bit for bit, equal to the values written (exact
 * small decimals), with the right line numbers; the first bad line in file order is reported
 * whichever piece it is in. */
static char *big_text(size_t rows, size_t *line_of_row)
{
    char *s = malloc(rows * 40 + 1000);
    assert_non_null(s);
    size_t n = 0, line = 1;
    n += (size_t)sprintf(s + n, "# header comment\na b c\n");
    line += 2;
    for (size_t i = 0; i < rows; i++) {
        if (i % 1000 == 7) {
            n += (size_t)sprintf(s + n, "# comment\n\n");
            line += 2;
        }
        n += (size_t)sprintf(s + n, "%zu.25 -%zu.5e-1 %zu\n", i, i % 977, i * 3);
        line_of_row[i] = line++;
    }
    return s;
}

static void test_threaded_pieces(void **state)
{
    (void)state;
    const size_t rows = 120000; /* ~2.6 MB */
    size_t *line_of_row = malloc(rows * sizeof *line_of_row);
    assert_non_null(line_of_row);
    char *text = big_text(rows, line_of_row);
    assert_true(strlen(text) > ((size_t)2 << 20));
    msb_table *t[2];
    for (int k = 0; k < 2; k++) {
        int old = msbi_test_set_threads(k + 1);
        assert_ok(msb_table_parse(text, "big", MSB_TABLE_HEADER, &t[k]));
        msbi_test_set_threads(old);
        assert_int_equal(msb_table_nrows(t[k]), rows);
    }
    for (size_t j = 0; j < 3; j++)
        assert_memory_equal(msb_table_column(t[0], j), msb_table_column(t[1], j),
                            rows * sizeof(double));
    for (size_t i = 0; i < rows; i += 997) {
        assert_true(msb_table_column(t[1], 0)[i] == (double)i + 0.25);
        char num[32];
        snprintf(num, sizeof num, "-%zu.5e-1", i % 977);
        assert_true(msb_table_column(t[1], 1)[i] == strtod(num, NULL));
        assert_true(msb_table_column(t[1], 2)[i] == (double)(i * 3));
    }
    for (size_t i = 0; i < rows; i++)
        if (msb_table_line(t[1], i) != line_of_row[i]) fail_msg("row %zu: line", i);
    msb_table_destroy(t[0]);
    msb_table_destroy(t[1]);
    /* errors: one late (second piece), then also one early (first piece) */
    const size_t len = strlen(text);
    char *const bad_at[2] = {strchr(text + len - 200, '\n'), strchr(text + 300, '\n')};
    for (int w = 0; w < 2; w++) {
        char *q = bad_at[w];
        assert_non_null(q);
        size_t bad_line = 1;
        for (const char *c = text; c <= q; c++) bad_line += *c == '\n';
        q[1] = w == 0 ? 'x' : 'y';
        char want[64];
        snprintf(want, sizeof want, "big:%zu: column 1 is not a number", bad_line);
        for (int k = 0; k < 2; k++) {
            int old = msbi_test_set_threads(k + 1);
            msb_table *bad = NULL;
            assert_status(msb_table_parse(text, "big", MSB_TABLE_HEADER, &bad), MSB_EFORMAT);
            msbi_test_set_threads(old);
            assert_non_null(strstr(msb_last_error_message(), want));
            assert_null(bad);
        }
    }
    free(text);
    free(line_of_row);
}

static void test_formats(void **state)
{
    (void)state;
    msb_table *t = NULL;
    /* CSV with CRLF, no header: names "1", "2" */
    assert_ok(msb_table_parse("1,2\r\n3 , 4\r\n\n5\t6\n", "x.csv", 0, &t));
    assert_int_equal(msb_table_nrows(t), 3);
    assert_string_equal(msb_table_column_name(t, 1), "2");
    assert_true(msb_table_column(t, 1)[2] == 6.0);
    assert_int_equal(msb_table_line(t, 2), 4);
    msb_table_destroy(t);
    /* LAMMPS fix ave/time style: names in the last comment line */
    assert_ok(msb_table_parse("# Time-averaged data for fix hf\n# TimeStep c_J[1] c_J[2]\n"
                              "0 1.5 -2\n10 2.5 3 # trailing comment\n", "f.txt",
                              MSB_TABLE_HEADER_COMMENT, &t));
    assert_string_equal(msb_table_column_name(t, 0), "TimeStep");
    assert_string_equal(msb_table_column_name(t, 2), "c_J[2]");
    assert_true(msb_table_column(t, 2)[1] == 3.0);
    msb_table_destroy(t);
}

static void expect_fail(const char *text, int flags, msb_status code, const char *needle)
{
    msb_table *t = (msb_table *)0x1;
    assert_status(msb_table_parse(text, "bad.dat", flags, &t), code);
    assert_true(t == (msb_table *)0x1);
    const char *m = msb_last_error_message();
    if (strstr(m, needle) == NULL) fail_msg("message '%s' lacks '%s'", m, needle);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_fail("1 2\n3 nan\n", 0, MSB_EFORMAT, "bad.dat:2: column 2 is not finite");
    expect_fail("1 2\n3 inf\n", 0, MSB_EFORMAT, "bad.dat:2");
    expect_fail("1 2\n3 4 5\n", 0, MSB_EFORMAT, "bad.dat:2: more than 2 columns");
    expect_fail("1 2\n3\n", 0, MSB_EFORMAT, "bad.dat:2: 1 columns, expected 2");
    expect_fail("1 2\n3 x\n", 0, MSB_EFORMAT, "bad.dat:2: column 2 is not a number");
    expect_fail("1 2\n3 4x\n", 0, MSB_EFORMAT, "bad.dat:2: column 2");
    expect_fail("a b c\n1 2\n", MSB_TABLE_HEADER, MSB_EFORMAT, "bad.dat:1: header has 3 names");
    expect_fail("a b\n", MSB_TABLE_HEADER, MSB_EINSUFFICIENT, "no data line");
    expect_fail("# only\n\n", 0, MSB_EINSUFFICIENT, "no data line");
    expect_fail("", 0, MSB_EINSUFFICIENT, "no data line");
    expect_fail("a b\n1 2\n", 0, MSB_EFORMAT, "bad.dat:1: column 1 is not a number");
    expect_fail("1 2\n", MSB_TABLE_HEADER_COMMENT, MSB_EFORMAT, "no comment line");
    expect_fail("1 2\n", 7, MSB_EINVAL, "flags");
    msb_table *t = NULL;
    assert_status(msb_table_parse(NULL, "x", 0, &t), MSB_ENULL);
    assert_status(msb_table_parse("1", "x", 0, NULL), MSB_ENULL);
    assert_status(msb_table_read(NULL, 0, &t), MSB_ENULL);
    assert_status(msb_table_read("/nonexistent/file.dat", 0, &t), MSB_EIO);
    assert_non_null(strstr(msb_last_error_message(), "/nonexistent/file.dat"));
    assert_null(t);
    assert_int_equal(msb_table_nrows(NULL), 0);
    assert_int_equal(msb_table_ncols(NULL), 0);
    /* a file with a NUL byte (before, in and after the first data line) is not a text file */
    static const char nul_files[][24] = {"# a\0b\n1 2\n", "1 2\0\n3 4\n", "1 2\n3 4\n\0"};
    static const size_t nul_len[] = {10, 9, 9};
    for (size_t k = 0; k < 3; k++) {
        char path[] = "/tmp/msb_nul_XXXXXX";
        const int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *fp = fdopen(fd, "wb");
        assert_non_null(fp);
        assert_int_equal(fwrite(nul_files[k], 1, nul_len[k], fp), nul_len[k]);
        fclose(fp);
        t = NULL;
        assert_status(msb_table_read(path, 0, &t), MSB_EFORMAT);
        assert_null(t);
        assert_non_null(strstr(msb_last_error_message(), "contains a NUL byte"));
        remove(path);
    }
}

/* One table field for test_table_fields_like_strtod: mostly the shapes the reader's common-case
 * path takes ([+-]digits[.digits][eE[+-]1-4 digits], 0..16 digits on each side: 8- and 16-byte
 * block boundaries on both sides of the window limits), a quarter from gen_number (long,
 * hex, huge exponents, ties, junk); only tokens strtod consumes whole and finite. */
static double gen_field(msbt_rng *r, char *buf, size_t cap)
{
#define R(n) ((int)(msbt_uniform(r) * (n)))
    for (;;) {
        if (R(4) == 0) {
            gen_number(r, buf, cap);
        } else {
            char *p = buf;
            const int s = R(3);
            if (s == 0) *p++ = '-';
            if (s == 1) *p++ = '+';
            const int ni = R(17), nf = R(17);
            for (int i = 0; i < ni; i++) *p++ = (char)('0' + (i == 0 && R(3) == 0 ? 0 : R(10)));
            if (R(4)) {
                *p++ = '.';
                for (int i = 0; i < nf; i++) *p++ = (char)('0' + R(10));
            }
            if (R(3) == 0) {
                *p++ = R(2) ? 'e' : 'E';
                const int es = R(3);
                if (es == 0) *p++ = '-';
                if (es == 1) *p++ = '+';
                const int ne = 1 + R(4);
                for (int i = 0; i < ne; i++) *p++ = (char)('0' + R(10));
            }
            *p = '\0';
        }
        char *e;
        const double v = strtod(buf, &e);
        if (buf[0] != '\0' && e != buf && *e == '\0' && isfinite(v)) return v;
    }
#undef R
}

/* text parses to nrows x ncols values equal bit for bit to want (column-major). */
static void check_table_values(const char *text, int trial, size_t nrows, size_t ncols,
                               const double *want)
{
    msb_table *t = NULL;
    if (msb_table_parse(text, "gen", 0, &t) != MSB_SUCCESS)
        fail_msg("trial %d: %s\n%s", trial, msb_last_error_message(), text);
    assert_int_equal(msb_table_nrows(t), nrows);
    assert_int_equal(msb_table_ncols(t), ncols);
    for (size_t j = 0; j < ncols; j++)
        if (memcmp(msb_table_column(t, j), want + j * nrows, nrows * sizeof(double)) != 0)
            fail_msg("trial %d column %zu differs from strtod:\n%s", trial, j, text);
    msb_table_destroy(t);
}

/* Whole tables of random fields with random layouts (blanks, tabs, commas, several separators,
 * leading and trailing blanks, CRLF, a last line without a newline, fields at every offset
 * from the buffer start): every value bit for bit equal to glibc strtod of its text. */
static void test_table_fields_like_strtod(void **state)
{
    (void)state;
    static const char *const seps[] = {" ", " ", " ", "\t", ",", "  ", " , ", "\t ", ", "};
    static const char *const lead[] = {"", "", "", " ", "\t", "   "};
    static const char *const trail[] = {"", "", "", " ", "\t", "  ", ","};
    msbt_rng r;
    msbt_rng_seed(&r, 2026);
    const size_t cap = 200000;
    char *text = malloc(cap);
    double *want = malloc(64 * 64 * sizeof *want);
    assert_non_null(text);
    assert_non_null(want);
    char field[128];
    long fields = 0;
    for (int trial = 0; trial < 3000; trial++) {
#define R(n) ((size_t)(msbt_uniform(&r) * (double)(n)))
        const size_t ncols = 1 + R(6), nrows = 1 + R(60);
        const int crlf = R(4) == 0, last_nl = R(3) != 0;
        size_t n = 0;
        for (size_t i = 0; i < nrows; i++) {
            n += (size_t)sprintf(text + n, "%s", lead[R(6)]);
            for (size_t j = 0; j < ncols; j++) {
                want[j * nrows + i] = gen_field(&r, field, 96);
                n += (size_t)sprintf(text + n, "%s%s", j ? seps[R(9)] : "", field);
            }
            n += (size_t)sprintf(text + n, "%s", trail[R(7)]);
            if (i + 1 < nrows || last_nl) n += (size_t)sprintf(text + n, crlf ? "\r\n" : "\n");
        }
#undef R
        assert_true(n < cap);
        check_table_values(text, trial, nrows, ncols, want);
        fields += (long)(nrows * ncols);
    }
    assert_true(fields > 100000);
    free(text);
    free(want);
}

/* Tables separated by blanks only, 1 to 14 columns, so that lines run from a few bytes to past
 * the 63- and 127-byte limits of the AVX2 line scanner (the field-by-field parser takes the
 * longer ones): every value bit for bit equal to glibc strtod. */
static void test_blank_tables_like_strtod(void **state)
{
    (void)state;
    static const char *const seps[] = {" ", " ", " ", " ", "  ", "   "};
    msbt_rng r;
    msbt_rng_seed(&r, 77);
    const size_t cap = 400000;
    char *text = malloc(cap);
    double *want = malloc(14 * 100 * sizeof *want);
    assert_non_null(text);
    assert_non_null(want);
    char field[128];
    size_t by_len[3] = {0, 0, 0}; /* lines < 64, 64..127, >= 128 bytes */
    for (int trial = 0; trial < 2000; trial++) {
#define R(n) ((size_t)(msbt_uniform(&r) * (double)(n)))
        const size_t ncols = 1 + R(14), nrows = 1 + R(100);
        const int crlf = R(5) == 0, last_nl = R(4) != 0;
        size_t n = 0;
        for (size_t i = 0; i < nrows; i++) {
            const size_t line0 = n;
            if (R(4) == 0) n += (size_t)sprintf(text + n, "%s", seps[R(6)]);
            for (size_t j = 0; j < ncols; j++) {
                /* short fields mostly (the common layout), long ones sometimes */
                do want[j * nrows + i] = gen_field(&r, field, 96);
                while (R(4) != 0 && strlen(field) > 12);
                n += (size_t)sprintf(text + n, "%s%s", j ? seps[R(6)] : "", field);
            }
            if (R(4) == 0) n += (size_t)sprintf(text + n, "%s", seps[R(6)]);
            const size_t len = n - line0;
            by_len[len < 64 ? 0 : len < 128 ? 1 : 2]++;
            if (i + 1 < nrows || last_nl) n += (size_t)sprintf(text + n, crlf ? "\r\n" : "\n");
        }
#undef R
        assert_true(n < cap);
        check_table_values(text, trial, nrows, ncols, want);
    }
    /* every length class well represented */
    for (int k = 0; k < 3; k++) assert_true(by_len[k] > 5000);
    free(text);
    free(want);
}

/* Which lines the AVX2 line scanner takes (a speed matter only: every line it declines is
 * parsed field by field, with the same values): lines of short decimals separated by blanks,
 * tabs, commas (and '\r', '\v') up to 127 bytes before the newline; not '\f', comments,
 * long fields, longer lines or a last line without a newline. */
static void test_line_scanner_taken(void **state)
{
    (void)state;
    if (!__builtin_cpu_supports("avx2")) skip();
    char text[4096];
    for (int cr = 0; cr < 2; cr++)
        for (int k = 1; k <= 20; k++) { /* 5 rows of k fields "+d.ddd" or "-d.ddd": 7 k - 1 bytes */
            size_t n = 0, line = 0;
            for (int i = 0; i < 5; i++) {
                const size_t l0 = n;
                for (int j = 0; j < k; j++)
                    n += (size_t)sprintf(text + n, "%s%+.3f", j ? " " : "", -4.5 + j + i);
                n += (size_t)sprintf(text + n, cr ? "\r" : "");
                line = n - l0; /* bytes before the '\n' */
                text[n++] = '\n';
            }
            text[n] = '\0';
            msb_table *t = NULL;
            assert_ok(msb_table_parse(text, "w", 0, &t));
            assert_int_equal(msb_table_nrows(t), 5);
            assert_true(msb_table_column(t, (size_t)k - 1)[4] == -4.5 + (k - 1) + 4);
            msb_table_destroy(t);
            assert_int_equal(msbi_test_columns_fast_lines(), line <= 127 ? 5 : 0);
        }
    static const struct {
        const char *text;
        size_t fast;
    } cases[] = {
        {"1 2\n3 4\n# c\n\n5 6\n", 3},         /* comment and blank lines are no rows */
        {"1 2\n3 4\n5 6", 2},                     /* last line without newline */
        {"1\t2\n3\t4\n", 2},                      /* tabs */
        {"1,2\r\n 3 , 4\r\n", 2},                   /* commas, CRLF */
        {"1\f2\n3 4\n", 1},                         /* form feed: field by field */
        {"1 2 # c\n3 4\n", 1},                      /* a comment after the fields */
        {"1 2\n12345678901234567 4\n5 6\n", 2},    /* 17 digits: beyond the field window */
        {"1e5 2E-3\n3e+300 4\n", 1},                /* exponents; 10^300 is no short path */
        {"1 2\n3 4e1234\n", 1}};                    /* not finite: field by field (an error) */
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        msb_table *t = NULL;
        const msb_status st = msb_table_parse(cases[c].text, "c", 0, &t);
        msb_table_destroy(t);
        if (c == 8) {
            assert_int_equal(st, MSB_EFORMAT);
            continue;
        }
        assert_ok(st);
        if (msbi_test_columns_fast_lines() != cases[c].fast)
            fail_msg("case %zu: %zu lines taken whole, expected %zu", c,
                     msbi_test_columns_fast_lines(), cases[c].fast);
    }
}

/* Layouts around the common-case path with known values (typed in the text): the path must
 * hand over to the general code without changing results or messages. */
static void test_fast_path_edges(void **state)
{
    (void)state;
    /* a first line long enough that later fields are >= 16 bytes into the buffer */
    const char *text = "# c\n"
                       "1000000.5 2 3\n"
                       "4.25e1 -5E-3 +6.\n"          /* exponents, signs, a trailing point */
                       "7 8 9 # comment\n"          /* a comment after the fields */
                       "10 11 12#tight comment\n"   /* '#' right after a number */
                       "\t13\t14\t15\t\n"           /* tabs, trailing tab */
                       "16 , 17 , 18 \r\n"          /* commas and CRLF */
                       "0x10 123456789012345678901 1e-400\n" /* hex, 21 digits, underflow */
                       "1234567890123456.5 .5 5.\n"  /* 17 digits (beyond the window), points */
                       "1e100 1e-100 1e022\n"        /* exponents outside Clinger's range */
                       "   19 20 21";                /* last line without newline */
    msb_table *t = NULL;
    assert_ok(msb_table_parse(text, "e.dat", 0, &t));
    const double want[][3] = {{1000000.5, 2, 3},
                              {42.5, -0.005, 6},
                              {7, 8, 9},
                              {10, 11, 12},
                              {13, 14, 15},
                              {16, 17, 18},
                              {16, 123456789012345678901.0, 0.0}, /* 1e-400 underflows to 0 */
                              {1234567890123456.5, 0.5, 5},
                              {1e100, 1e-100, 1e22},
                              {19, 20, 21}};
    const size_t nr = sizeof want / sizeof want[0];
    assert_int_equal(msb_table_nrows(t), nr);
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < 3; j++)
            if (msb_table_column(t, j)[i] != want[i][j])
                fail_msg("row %zu col %zu: %a vs %a", i, j, msb_table_column(t, j)[i], want[i][j]);
    assert_int_equal(msb_table_line(t, 9), 11); /* 1 comment line + 10 rows */
    msb_table_destroy(t);
    /* errors on lines the common-case path starts and the general code finishes */
    const char *pre = "1000000.5 2000000.25 3000000.125\n";
    static const struct {
        const char *line, *msg;
    } bad[] = {{"4 5 6 7\n", "bad.dat:2: more than 3 columns"},
               {"4 5\n", "bad.dat:2: 2 columns, expected 3"},
               {"4 5 6e\n", "bad.dat:2: column 3 is not a number"},
               {"4 5.5.5 6\n", "bad.dat:2: column 2 is not a number"},
               {"4 1e999 6\n", "bad.dat:2: column 2 is not finite"},
               {"4 5 nan\n", "bad.dat:2: column 3 is not finite"},
               {"4 -5 6x\n", "bad.dat:2: column 3 is not a number"},
               {"4 - 6\n", "bad.dat:2: column 2 is not a number"},
               {"4 5 6e1234\n", "bad.dat:2: column 3 is not finite"}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s%s", pre, bad[k].line);
        expect_fail(buf, 0, MSB_EFORMAT, bad[k].msg);
    }
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const char *text = "# c\nx y\n1 2\n3 4\n";
    msbi_test_alloc_fail_at(0);
    msb_table *t = NULL;
    assert_ok(msb_table_parse(text, NULL, MSB_TABLE_HEADER, &t));
    msb_table_destroy(t);
    long total = msbi_test_alloc_fail_at(0);
    assert_true(total >= 3);
    for (long k = 1; k <= total; k++) {
        msb_table *bad = NULL;
        msbi_test_alloc_fail_at(k);
        assert_status(msb_table_parse(text, NULL, MSB_TABLE_HEADER, &bad), MSB_ENOMEM);
        assert_null(bad);
    }
    msbi_test_alloc_fail_at(0);
    /* file path: first allocation is the read buffer */
    msbi_test_alloc_fail_at(1);
    assert_status(msb_table_read(msbt_data_path("sportran/Silica.dat"), MSB_TABLE_HEADER, &t),
                  MSB_ENOMEM);
    msbi_test_alloc_fail_at(0);
}

/* ---- files read by several threads (msb_table_read of a regular file of >= 2 MiB: each
 * thread reads, checks and counts its own chunk) ---- */

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Everything observable of two tables equal, values bit for bit. */
static void assert_same_table(const msb_table *a, const msb_table *b)
{
    assert_int_equal(msb_table_nrows(a), msb_table_nrows(b));
    assert_int_equal(msb_table_ncols(a), msb_table_ncols(b));
    const size_t nr = msb_table_nrows(a);
    for (size_t j = 0; j < msb_table_ncols(a); j++) {
        assert_string_equal(msb_table_column_name(a, j), msb_table_column_name(b, j));
        assert_memory_equal(msb_table_column(a, j), msb_table_column(b, j), nr * sizeof(double));
    }
    for (size_t i = 0; i < nr; i++)
        if (msb_table_line(a, i) != msb_table_line(b, i)) fail_msg("row %zu: line", i);
}

/* The file read with 1, 2, 3 and 8 threads gives the table msb_table_parse gives for the same
 * text on one thread (the independent reference: the serial path, itself checked against the
 * typed values and strtod above), in both field parsers. */
static void check_file_like_text(const char *path, const char *text, int flags)
{
    msb_table *ref = NULL;
    int old = msbi_test_set_threads(1);
    assert_ok(msb_table_parse(text, path, flags, &ref));
    static const int nts[] = {1, 2, 3, 8};
    for (int base = 0; base < 2; base++)
        for (size_t k = 0; k < sizeof nts / sizeof nts[0]; k++) {
            msbi_test_set_threads(nts[k]);
            const int oldb = msbi_test_columns_baseline(base);
            msb_table *t = NULL;
            assert_ok(msb_table_read(path, flags, &t));
            msbi_test_columns_baseline(oldb);
            assert_same_table(ref, t);
            msb_table_destroy(t);
        }
    msbi_test_set_threads(old);
    msb_table_destroy(ref);
}

static void test_read_parallel(void **state)
{
    (void)state;
    const size_t rows = 120000; /* ~2.6 MB, comment and blank lines in every chunk */
    size_t *line_of_row = malloc(rows * sizeof *line_of_row);
    assert_non_null(line_of_row);
    char *text = big_text(rows, line_of_row);
    const size_t len = strlen(text);
    const char *path = msbt_tmp_path("big.dat");
    write_file(path, text, len);
    check_file_like_text(path, text, MSB_TABLE_HEADER);
    /* the same without the last newline */
    write_file(path, text, len - 1);
    text[len - 1] = '\0';
    check_file_like_text(path, text, MSB_TABLE_HEADER);
    text[len - 1] = '\n';
    /* a bad line late in the file: file:line of it, whichever thread read it */
    char *q = strchr(text + len - 200, '\n');
    assert_non_null(q);
    size_t bad_line = 1;
    for (const char *c = text; c <= q; c++) bad_line += *c == '\n';
    q[1] = 'x';
    write_file(path, text, len);
    char want[4200];
    snprintf(want, sizeof want, "%s:%zu: column 1 is not a number", path, bad_line);
    for (int nt = 1; nt <= 3; nt++) {
        int old = msbi_test_set_threads(nt);
        msb_table *bad = NULL;
        assert_status(msb_table_read(path, MSB_TABLE_HEADER, &bad), MSB_EFORMAT);
        msbi_test_set_threads(old);
        assert_null(bad);
        assert_non_null(strstr(msb_last_error_message(), want));
    }
    q[1] = '1';
    /* a NUL byte in the second half (another thread's chunk), then in the first */
    for (int where = 0; where < 2; where++) {
        char *z = text + (where == 0 ? len - 1000 : 1000);
        const char keep = *z;
        *z = '\0';
        write_file(path, text, len);
        *z = keep;
        for (int nt = 1; nt <= 3; nt++) {
            int old = msbi_test_set_threads(nt);
            msb_table *bad = NULL;
            assert_status(msb_table_read(path, MSB_TABLE_HEADER, &bad), MSB_EFORMAT);
            msbi_test_set_threads(old);
            assert_null(bad);
            assert_non_null(strstr(msb_last_error_message(), "contains a NUL byte"));
        }
    }
    free(text);
    free(line_of_row);
}

/* Chunk boundaries in odd places: a comment block longer than a chunk before the data (the
 * data start lies in a later chunk than the first), and a data line longer than a chunk (a
 * thread's piece is empty, another's spans chunks). */
static void test_read_parallel_odd_chunks(void **state)
{
    (void)state;
    const size_t cap = (size_t)5 << 20;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = 0;
    while (n < ((size_t)3 << 20)) n += (size_t)sprintf(text + n, "# a comment line of some length\n");
    n += (size_t)sprintf(text + n, "x y\n1 2\n\n3.5 -4e-2\n# c\n5 6");
    const char *path = msbt_tmp_path("odd.dat");
    write_file(path, text, n);
    check_file_like_text(path, text, MSB_TABLE_HEADER);
    msb_table *t = NULL;
    assert_ok(msb_table_read(path, MSB_TABLE_HEADER, &t));
    assert_int_equal(msb_table_nrows(t), 3); /* typed above: rows 1 2 / 3.5 -4e-2 / 5 6 */
    assert_true(msb_table_column(t, 1)[1] == -4e-2);
    /* 3 MiB of 32-byte comment lines, then the header, 2 rows, a blank and a comment line */
    assert_int_equal(msb_table_line(t, 2), ((size_t)3 << 20) / 32 + 6);
    msb_table_destroy(t);
    /* two rows of 200000 columns (~2.6 MB): each line longer than a 1 MiB chunk; no comment
     * line and no final newline, so that every line holds a row (the row count of a piece
     * must then be exact, not only an upper bound) */
    n = 0;
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 200000; j++) n += (size_t)sprintf(text + n, "%d.5 ", j % 1000);
        if (i == 0) text[n++] = '\n';
    }
    text[n] = '\0';
    write_file(path, text, n);
    check_file_like_text(path, text, 0);
    /* ~2.4 MB of short rows, no comment line, no final newline */
    n = 0;
    for (int i = 0; i < 200000; i++) n += (size_t)sprintf(text + n, "%d -%d.25\n", i, i % 77);
    text[--n] = '\0';
    write_file(path, text, n);
    check_file_like_text(path, text, 0);
    free(text);
}

/* Both field parsers on the random tables and the edge layouts (the AVX2 one is taken by
 * default where the CPU has it). */
static int baseline_on(void **state)
{
    (void)state;
    msbi_test_columns_baseline(1);
    return 0;
}
static int baseline_off(void **state)
{
    (void)state;
    msbi_test_columns_baseline(0);
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    return msbt_tmpdir_create("/tmp/msb_test_timeseries_");
}
static int group_teardown(void **state)
{
    (void)state;
    return msbt_tmpdir_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_silica),         cmocka_unit_test(test_parse_exact),
        cmocka_unit_test(test_formats),        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures), cmocka_unit_test(test_parse_like_strtod),
        cmocka_unit_test(test_threaded_pieces),
        cmocka_unit_test(test_table_fields_like_strtod),
        cmocka_unit_test(test_fast_path_edges),
        cmocka_unit_test(test_blank_tables_like_strtod),
        cmocka_unit_test(test_line_scanner_taken),
        cmocka_unit_test_setup_teardown(test_blank_tables_like_strtod, baseline_on, baseline_off),
        cmocka_unit_test(test_read_parallel),
        cmocka_unit_test(test_read_parallel_odd_chunks),
        cmocka_unit_test_setup_teardown(test_table_fields_like_strtod, baseline_on, baseline_off),
        cmocka_unit_test_setup_teardown(test_fast_path_edges, baseline_on, baseline_off),
        cmocka_unit_test_setup_teardown(test_threaded_pieces, baseline_on, baseline_off),
        cmocka_unit_test_setup_teardown(test_silica, baseline_on, baseline_off),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

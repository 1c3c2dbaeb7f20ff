/* Numeric column reader (msbridge/timeseries.h). References: the file text itself (values
 * typed in the file), glibc strtod (correctly rounded, independent of our fast path) and the
 * sportran log of the same file (row count and first row). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_silica),         cmocka_unit_test(test_parse_exact),
        cmocka_unit_test(test_formats),        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

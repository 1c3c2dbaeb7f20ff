/* Number text is locale-independent: under a German numeric locale (decimal comma) the
 * library still parses "2.5" as 2.5 and prints 2.5 with a dot. Requires the de_DE.UTF-8 locale
 * (./dev setup generates it); its absence is a failure, not a skip. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"
#include "msb_test.h"

/* The number parsers' fast path and their strtod fallback (long significands, subnormals,
 * large exponents) under the German locale; reference: strtod under "C", taken before the
 * switch. Also a LAMMPS dump with such numbers. */
static void test_german_parsers(void **state)
{
    (void)state;
    static const char *txt[] = {"2.5", "-0.125e-3", "0.12345678901234567890123", "4.9e-324",
                                "1.7976931348623157e308", "123456789012345678901.5", "1e-5"};
    enum { NT = sizeof txt / sizeof txt[0] };
    double ref[NT];
    for (int i = 0; i < NT; i++) ref[i] = strtod(txt[i], NULL); /* "C" locale here */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL)
        fail_msg("locale de_DE.UTF-8 is not installed (run ./dev setup)");
    for (int i = 0; i < NT; i++) {
        char buf[64 + MSBI_PARSE_PAD] = {0};
        strcpy(buf, txt[i]);
        double a, b;
        const char *ea = msbi_parse_number(buf, &a), *eb = msbi_parse_number_padded(buf, &b);
        assert_true(ea == buf + strlen(buf) && eb == ea);
        assert_memory_equal(&a, &ref[i], sizeof a);
        assert_memory_equal(&b, &ref[i], sizeof b);
    }
    char path[] = "/tmp/msbt_locale_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n"
               "0 10\n0 10\n0 10\nITEM: ATOMS id xu yu zu\n1 %s %s %s\n", txt[0], txt[2], txt[6]);
    fclose(f);
    msb_units *u;
    msb_trajectory *t;
    assert_ok(msb_units_create("metal", &u));
    assert_ok(msb_trajectory_read_lammps(path, u, 1.0, 0, 0, &t));
    const double *x = msb_trajectory_positions(t);
    assert_true(x[0] == ref[0] * 1e-10 && x[1] == ref[2] * 1e-10 && x[2] == ref[6] * 1e-10);
    msb_trajectory_destroy(t);
    msb_units_destroy(u);
    remove(path);
    setlocale(LC_NUMERIC, "C");
}

static void test_german_locale(void **state)
{
    (void)state;
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL)
        fail_msg("locale de_DE.UTF-8 is not installed (run ./dev setup)");
    /* the process locale really is German now: plain strtod stops at the dot */
    char *end;
    double plain = strtod("2.5", &end);
    assert_true(plain == 2.0 && *end == '.');
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", 2.5);
    assert_string_equal(buf, "2,5");
    /* the library's own parsing and printing do not change */
    assert_true(msbi_strtod("2.5e-3", &end) == 2.5e-3 && *end == '\0');
    msbi_format_double(buf, sizeof buf, 0.1);
    assert_string_equal(buf, "0.10000000000000001");
    msbi_snprintf_c(buf, sizeof buf, "%.3f|%g", 1.25, -3e-20);
    assert_string_equal(buf, "1.250|-3e-20");
    /* readers and writers: a table and a law card read and written under the German locale
     * give the same numbers and the same text as under "C" */
    msb_table *t;
    assert_ok(msb_table_parse("0.5 1.25e-3\n2.75 -4.5\n", "de.dat", 0, &t));
    assert_true(msb_table_column(t, 0)[1] == 2.75 && msb_table_column(t, 1)[0] == 1.25e-3);
    msb_table_destroy(t);
    /* rows long enough for the reader's common-case path (fields >= 16 bytes into the text),
     * mixed with fields it hands to the general parser (hex, 21 digits); references: the C
     * literals, converted by the compiler */
    assert_ok(msb_table_parse("1000000.5 -2.25e-3 3\n4.5,5.75e2\t0x1p3\n"
                              "123456789012345678901 0.1 -7.\n", "de2.dat", 0, &t));
    assert_int_equal(msb_table_nrows(t), 3);
    assert_true(msb_table_column(t, 0)[1] == 4.5 && msb_table_column(t, 1)[1] == 575.0 &&
                msb_table_column(t, 2)[1] == 8.0 && msb_table_column(t, 1)[0] == -2.25e-3);
    assert_true(msb_table_column(t, 0)[2] == 123456789012345678901.0 &&
                msb_table_column(t, 1)[2] == 0.1 && msb_table_column(t, 2)[2] == -7.0);
    msb_table_destroy(t);
    msb_law *law, *back;
    const double cov[4] = {0.01, 1e-22, 1e-22, 4e-42};
    assert_ok(msb_arrhenius_create(1.5e-7, 0.3 * MSB_EV, cov, &law));
    char *de_text, *c_text;
    assert_ok(msb_card_to_string(law, 0, NULL, NULL, NULL, &de_text));
    assert_ok(msb_card_from_string(de_text, strlen(de_text), "de", &back));
    double p0[2], p1[2];
    assert_ok(msb_law_params(law, p0));
    assert_ok(msb_law_params(back, p1));
    assert_memory_equal(p0, p1, sizeof p0);
    setlocale(LC_NUMERIC, "C");
    assert_ok(msb_card_to_string(law, 0, NULL, NULL, NULL, &c_text));
    assert_string_equal(de_text, c_text); /* byte-identical output in both locales */
    msb_string_free(de_text);
    msb_string_free(c_text);
    msb_law_destroy(law);
    msb_law_destroy(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_german_locale),
                                       cmocka_unit_test(test_german_parsers)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

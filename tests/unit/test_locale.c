/* Number text is locale-independent: under a German numeric locale (decimal comma) the
 * library still parses "2.5" as 2.5 and prints 2.5 with a dot. Requires the de_DE.UTF-8 locale
 * (./dev setup generates it); its absence is a failure, not a skip. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numtext.h"
#include "msb_test.h"

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
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_german_locale)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

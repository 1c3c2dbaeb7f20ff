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
    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_german_locale)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

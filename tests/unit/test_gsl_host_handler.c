/* GSL policy when the host installed its own handler first: the library must leave it alone. */
#include <gsl/gsl_errno.h>

#include "core/internal.h"
#include "msb_test.h"

static int host_calls;
static void host_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)gsl_errno;
    host_calls++;
}

static void test_host_handler_is_kept(void **state)
{
    (void)state;
    gsl_set_error_handler(host_handler);
    msbi_gsl_ensure_policy();
    assert_int_equal(msb_gsl_policy(), MSB_GSL_POLICY_HOST);
    gsl_error_handler_t *now = gsl_set_error_handler(host_handler);
    assert_ptr_equal(now, host_handler);
    gsl_error("provoked", __FILE__, __LINE__, GSL_EINVAL);
    assert_int_equal(host_calls, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_host_handler_is_kept)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

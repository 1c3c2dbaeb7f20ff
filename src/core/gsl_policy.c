/* GSL error policy (documented in msbridge/core.h and docs/architecture.md).
 *
 * GSL's default handler (the one active while gsl_set_error_handler was never called, i.e.
 * the handler pointer is NULL) aborts. On the library's first GSL use we look at the installed
 * handler exactly once: if it is NULL we install a handler that records the error for the
 * calling thread and returns, so GSL returns its error code to us; if the host installed its
 * own, we put it straight back and never touch it again. */
#include <gsl/gsl_errno.h>
#include <pthread.h>
#include <stdatomic.h>

#include "core/internal.h"

static pthread_once_t policy_once = PTHREAD_ONCE_INIT;
static atomic_int policy = MSB_GSL_POLICY_NOT_YET;
static _Thread_local int gsl_errno_seen;

static void record_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    gsl_errno_seen = gsl_errno != 0 ? gsl_errno : GSL_FAILURE;
    msbi_error(MSB_EINTERNAL, "GSL", "%s (gsl_errno %d at %s:%d)", reason ? reason : "error",
               gsl_errno, file ? file : "?", line);
}

static void decide_policy(void)
{
    gsl_error_handler_t *previous = gsl_set_error_handler(record_gsl_error);
    if (previous != NULL) {
        gsl_set_error_handler(previous);
        atomic_store(&policy, MSB_GSL_POLICY_HOST);
    } else {
        atomic_store(&policy, MSB_GSL_POLICY_LIBRARY);
    }
}

void msbi_gsl_ensure_policy(void) { pthread_once(&policy_once, decide_policy); }

int msbi_gsl_take_error(void)
{
    int e = gsl_errno_seen;
    gsl_errno_seen = 0;
    return e;
}

msb_gsl_policy_kind msb_gsl_policy(void) { return (msb_gsl_policy_kind)atomic_load(&policy); }

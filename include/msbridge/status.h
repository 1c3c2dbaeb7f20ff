/* msbridge/status.h — status codes, their texts and the thread-local error detail.
 *
 * Every fallible function returns an msb_status (an int): 0 is success, every other value is
 * one of the codes below. The values are pinned: a code is never renumbered or removed, new
 * codes are only appended. This X-macro list is the single source of truth: the C enum, the
 * status texts and names, the Python constants (read from the library at load time through
 * msb_status_name) and the Fortran constants (checked against this list by a test) come from it.
 */
#ifndef MSBRIDGE_STATUS_H
#define MSBRIDGE_STATUS_H

#include "msbridge/export.h"

MSB_BEGIN_DECLS

/* X(name, value, text) */
#define MSB_STATUS_LIST(X)                                                                        \
    X(MSB_SUCCESS, 0, "success")                                                                  \
    X(MSB_EINVAL, 1, "invalid argument")                                                          \
    X(MSB_ENULL, 2, "a required pointer argument is NULL")                                        \
    X(MSB_EDOM, 3, "argument outside its physical or mathematical domain")                        \
    X(MSB_ENONFINITE, 4, "non-finite value (NaN or infinity) in the input")                       \
    X(MSB_ERANGE, 5, "result not representable as a finite double")                              \
    X(MSB_ENOMEM, 6, "out of memory")                                                             \
    X(MSB_ESIZE, 7, "size is zero, inconsistent, or too large")                                   \
    X(MSB_EBADLAW, 8, "law handle of the wrong kind for this operation")                          \
    X(MSB_EIO, 9, "file could not be opened, read or written")                                    \
    X(MSB_EFORMAT, 10, "malformed input file")                                                    \
    X(MSB_ETRUNCATED, 11, "input ends in the middle of a record")                                 \
    X(MSB_ENOCONV, 12, "iterative method did not converge")                                       \
    X(MSB_ESINGULAR, 13, "matrix is singular or too ill-conditioned")                             \
    X(MSB_EINSUFFICIENT, 14, "too few data for the requested estimate")                           \
    X(MSB_ECANCELLED, 15, "cancelled by the progress callback")                                   \
    X(MSB_EVERSION, 16, "incompatible version")                                                   \
    X(MSB_EUNITS, 17, "unknown or inconsistent unit system")                                      \
    X(MSB_EINTERNAL, 18, "internal error (please report)")

typedef int msb_status;

#define MSB_STATUS_ENUM_ENTRY(name, value, text) name = value,
enum msb_status_code { MSB_STATUS_LIST(MSB_STATUS_ENUM_ENTRY) MSB_STATUS_COUNT_PLUS_ONE_ };
#undef MSB_STATUS_ENUM_ENTRY

/* Number of defined codes (codes are 0 .. msb_status_count() - 1). Thread-safe. */
MSB_API int msb_status_count(void);

/* Fixed English text for a status code; "unknown status code" for a value outside the list.
 * Never NULL; the string is static. Thread-safe. */
MSB_API const char *msb_status_string(msb_status code);

/* The code's identifier, e.g. "MSB_EDOM"; NULL for a value outside the list. Thread-safe. */
MSB_API const char *msb_status_name(msb_status code);

/* Detail of the last failure in the calling thread, e.g.
 * "msb_law_eval: input 'T' must be > 0 (got -3) at point 17". Set by every failing call;
 * successful calls leave it alone, so read it right after the failure. The empty string if no
 * call in this thread has failed. The pointer refers to thread-local storage: valid until the
 * next msbridge call in the same thread. Thread-safe (each thread has its own message). */
MSB_API const char *msb_last_error_message(void);

/* Status of the last failure in the calling thread (MSB_SUCCESS if none). Thread-safe. */
MSB_API msb_status msb_last_error_status(void);

/* Forget the calling thread's last error. Thread-safe. */
MSB_API void msb_clear_error(void);

MSB_END_DECLS

#endif

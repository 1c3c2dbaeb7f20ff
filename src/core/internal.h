/* Internal to libmsbridge (never installed): error reporting, checked allocation and argument
 * checks shared by every layer. Names start with msbi_ and have hidden visibility. */
#ifndef MSBI_CORE_INTERNAL_H
#define MSBI_CORE_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "msbridge/core.h"
#include "msbridge/status.h"

#if defined(__GNUC__)
#define MSBI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MSBI_PRINTF(a, b)
#endif

/* Record `status` and a formatted detail in the calling thread's error slot; returns status so
 * callers can write `return msbi_error(MSB_EDOM, "T must be > 0 (got %g)", T);`. The detail is
 * prefixed with the public function's name (`where`). */
msb_status msbi_error(msb_status status, const char *where, const char *fmt, ...) MSBI_PRINTF(3, 4);
#define MSBI_FAIL(status, ...) msbi_error((status), __func__, __VA_ARGS__)

/* ---- checked allocation: every allocation in the library goes through these ---- */
void *msbi_malloc(size_t bytes);                 /* NULL on failure or bytes == 0 */
void *msbi_calloc(size_t count, size_t size);    /* overflow-checked, zeroed */
void *msbi_alloc_array(size_t count, size_t size); /* overflow-checked, not zeroed */
void *msbi_realloc_array(void *ptr, size_t count, size_t size);
void msbi_free(void *ptr);
char *msbi_strdup(const char *s);

/* Overflow-checked size arithmetic: return 0 on success, 1 on overflow (result untouched). */
static inline int msbi_mul_size(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a) return 1;
    *out = a * b;
    return 0;
}
static inline int msbi_add_size(size_t a, size_t b, size_t *out)
{
    if (b > SIZE_MAX - a) return 1;
    *out = a + b;
    return 0;
}

/* Test hook (test builds and the static library): make the k-th allocation from now in this
 * thread fail (k = 1 is the next one); k = 0 disables. Returns how many allocations were made
 * in this thread since the last call. Not exported from the shared library. */
long msbi_test_alloc_fail_at(long k);

/* ---- argument checks: they set the error and return the status, or 0 ---- */
msb_status msbi_check_finite(const char *where, const char *name, double v);
msb_status msbi_check_positive(const char *where, const char *name, double v);
msb_status msbi_check_nonneg(const char *where, const char *name, double v);
/* Covariance: n x n, finite, symmetric to 1e-12 relative, non-negative diagonal. NULL is OK. */
msb_status msbi_check_covariance(const char *where, size_t n, const double *cov);
/* Arrays of n values, naming the first bad index. */
msb_status msbi_check_array_finite(const char *where, const char *name, size_t n, const double *v);
msb_status msbi_check_array_positive(const char *where, const char *name, size_t n,
                                     const double *v);

#define MSBI_CHECK_NULL(ptr)                                                                      \
    do {                                                                                          \
        if ((ptr) == NULL) return MSBI_FAIL(MSB_ENULL, "argument '%s' is NULL", #ptr);           \
    } while (0)
#define MSBI_TRY(expr)                                                                            \
    do {                                                                                          \
        msb_status msbi_try_status_ = (expr);                                                     \
        if (msbi_try_status_ != MSB_SUCCESS) return msbi_try_status_;                             \
    } while (0)

#define MSBI_PI 3.14159265358979323846

/* Ensure the GSL error policy (msbridge/core.h) is in force; call before any GSL routine. */
void msbi_gsl_ensure_policy(void);
/* Status recorded by the library's GSL handler in this thread since the last call (0 if
 * none); the handler's message is already in the thread's error slot. Clears the record. */
int msbi_gsl_take_error(void);

/* ---- thread split (core/threads.c) ----
 * Estimators whose work splits into independent pieces (components, replicas) run them on
 * msbi_thread_count(useful) threads and reduce the results in a fixed order, so results are
 * bitwise independent of the thread count. The count is min(useful, MSBI_MAX_THREADS, the
 * online CPUs), overridden by the environment variable MSB_NUM_THREADS (> 0) or, in tests, by
 * msbi_test_set_threads(n) (n > 0; 0 restores the default; returns the previous override).
 * Worker threads must not allocate (the allocation test hook is per thread) and must not set
 * errors the caller needs: a failing piece is redone on the calling thread for its message. */
#define MSBI_MAX_THREADS 8
size_t msbi_thread_count(size_t useful);
int msbi_test_set_threads(int n);
/* fn(ctx, t) for t = 0 .. n-1 concurrently (t = 0 on the calling thread); returns when all are
 * done. A piece whose thread cannot be started runs on the calling thread. */
void msbi_run_threads(size_t n, void (*fn)(void *ctx, size_t t), void *ctx);

#include <pthread.h>
/* ---- teams (core/threads.c): the threads of one msbi_run_threads call working through one
 * sequence of phases together. Every member calls msbi_team_phase for the same phases in the
 * same order (same chunk counts); a phase's chunks are taken dynamically (a member slowed down
 * by other processes takes fewer) and a chunk starts only when every chunk of the earlier
 * phases is done, so chunk c of a phase may read anything the earlier phases wrote. No member
 * ever waits for one that has not taken a chunk, so a team whose members run one after another
 * (a thread that could not be started) still finishes. Results must not depend on which member
 * ran a chunk: then they are bitwise those of running the phases alone (msbi_team_join(NULL):
 * every chunk in order on the calling thread). */
typedef struct {
    _Atomic size_t claim, done; /* chunks taken / finished, counted over all phases */
    _Atomic int sleepers;       /* members blocked on cv for the end of a phase */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} msbi_team;
typedef struct {
    msbi_team *team; /* NULL: alone */
    size_t base;     /* first chunk of the next phase */
    size_t pending;  /* a chunk taken but not yet run (SIZE_MAX: none) */
} msbi_team_cursor;
void msbi_team_init(msbi_team *team);
void msbi_team_destroy(msbi_team *team);
/* A member's cursor (team NULL: a cursor that runs every chunk itself, in order). */
msbi_team_cursor msbi_team_join(msbi_team *team);
/* fn(ctx, c) for the chunks c = 0 .. nchunks-1 of the next phase that this member takes. */
void msbi_team_phase(msbi_team_cursor *cur, size_t nchunks, void (*fn)(void *ctx, size_t c),
                     void *ctx);
/* Chunks for a phase of `total` similar items: >= 2048 items per chunk, 1 .. 64 chunks (a
 * function of total only, so the chunking, and with it every result, is the same for any team);
 * chunk c covers [msbi_chunk_lo(total, n, c), msbi_chunk_lo(total, n, c + 1)). */
size_t msbi_chunk_count(size_t total);
size_t msbi_chunk_lo(size_t total, size_t nchunks, size_t c);

#endif

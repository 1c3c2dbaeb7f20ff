/* Internal thread split for estimators whose work divides into independent pieces (see
 * msbi_thread_count and msbi_run_threads in core/internal.h). Callers reduce the pieces'
 * results in a fixed order, so no result depends on the number of threads. */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/internal.h"

static atomic_int threads_override;

int msbi_test_set_threads(int n)
{
    return atomic_exchange(&threads_override, n < 0 ? 0 : n);
}

size_t msbi_thread_count(size_t useful)
{
    long n = atomic_load(&threads_override);
    if (n <= 0) {
        const char *env = getenv("MSB_NUM_THREADS");
        n = env ? strtol(env, NULL, 10) : 0;
    }
    if (n <= 0) n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n <= 0) n = 1;
    if (n > MSBI_MAX_THREADS) n = MSBI_MAX_THREADS;
    if (useful < 1) useful = 1;
    return (size_t)n < useful ? (size_t)n : useful;
}

typedef struct {
    void (*fn)(void *, size_t);
    void *ctx;
    size_t t;
} thread_arg;

static void *thread_main(void *p)
{
    thread_arg *a = p;
    a->fn(a->ctx, a->t);
    return NULL;
}

void msbi_run_threads(size_t n, void (*fn)(void *ctx, size_t t), void *ctx)
{
    if (n > MSBI_MAX_THREADS) n = MSBI_MAX_THREADS;
    pthread_t tid[MSBI_MAX_THREADS];
    thread_arg arg[MSBI_MAX_THREADS];
    int started[MSBI_MAX_THREADS] = {0};
    for (size_t t = 1; t < n; t++) {
        arg[t] = (thread_arg){fn, ctx, t};
        started[t] = pthread_create(&tid[t], NULL, thread_main, &arg[t]) == 0;
    }
    if (n > 0) fn(ctx, 0);
    for (size_t t = 1; t < n; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else fn(ctx, t); /* no thread available: run the piece here */
    }
}

/* Internal thread split for estimators whose work divides into independent pieces (see
 * msbi_thread_count and msbi_run_threads in core/internal.h). Callers reduce the pieces'
 * results in a fixed order, so no result depends on the number of threads. */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdint.h>
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

/* ---- teams (see core/internal.h) */

void msbi_team_init(msbi_team *team)
{
    atomic_init(&team->claim, 0);
    atomic_init(&team->done, 0);
    atomic_init(&team->sleepers, 0);
    pthread_mutex_init(&team->mu, NULL);
    pthread_cond_init(&team->cv, NULL);
}

void msbi_team_destroy(msbi_team *team)
{
    pthread_cond_destroy(&team->cv);
    pthread_mutex_destroy(&team->mu);
}

msbi_team_cursor msbi_team_join(msbi_team *team)
{
    return (msbi_team_cursor){team, 0, SIZE_MAX};
}

/* Waiting for the end of a phase: spin briefly (the other members are usually microseconds
 * from it), then block on the team's condition variable, so that on a loaded machine a member
 * we wait for, preempted while holding a chunk, can take this member's CPU at once (a member
 * that only yielded would keep its CPU busy). The sleepers count and the done count are
 * sequentially consistent (a Dekker pair): the member finishing a phase sees a sleeper, or the
 * sleeper sees the phase finished before it blocks. */
#define MSBI_SPINS 4096

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static void team_wait(msbi_team *tm, size_t target)
{
    for (unsigned i = 0; i < MSBI_SPINS; i++) {
        if (atomic_load_explicit(&tm->done, memory_order_acquire) >= target) return;
        cpu_relax();
    }
    pthread_mutex_lock(&tm->mu);
    atomic_fetch_add(&tm->sleepers, 1);
    while (atomic_load(&tm->done) < target) pthread_cond_wait(&tm->cv, &tm->mu);
    atomic_fetch_sub(&tm->sleepers, 1);
    pthread_mutex_unlock(&tm->mu);
}

void msbi_team_phase(msbi_team_cursor *cur, size_t nchunks, void (*fn)(void *ctx, size_t c),
                     void *ctx)
{
    msbi_team *tm = cur->team;
    if (tm == NULL) {
        for (size_t c = 0; c < nchunks; c++) fn(ctx, c);
        return;
    }
    const size_t lo = cur->base, hi = lo + nchunks;
    cur->base = hi;
    if (cur->pending == SIZE_MAX)
        cur->pending = atomic_fetch_add_explicit(&tm->claim, 1, memory_order_relaxed);
    if (cur->pending >= hi) return; /* took a chunk of a later phase: run it there */
    /* every chunk of the earlier phases taken (chunks are taken in order) and finished */
    if (lo > 0) team_wait(tm, lo);
    while (cur->pending < hi) {
        fn(ctx, cur->pending - lo);
        if (atomic_fetch_add(&tm->done, 1) + 1 == hi && atomic_load(&tm->sleepers) > 0) {
            pthread_mutex_lock(&tm->mu);
            pthread_cond_broadcast(&tm->cv);
            pthread_mutex_unlock(&tm->mu);
        }
        cur->pending = atomic_fetch_add_explicit(&tm->claim, 1, memory_order_relaxed);
    }
}

size_t msbi_chunk_count(size_t total)
{
    const size_t c = total / 2048;
    return c < 1 ? 1 : c > 64 ? 64 : c;
}

size_t msbi_chunk_lo(size_t total, size_t nchunks, size_t c)
{
    const size_t q = total / nchunks, r = total % nchunks;
    return c * q + (c < r ? c : r);
}

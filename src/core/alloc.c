/* The one allocation path of the library, with overflow checks and failure injection for
 * tests (every constructor is tested with its k-th allocation failing, for every k). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

static _Thread_local long fail_at;   /* 0: never fail; k: the k-th allocation from now fails */
static _Thread_local long alloc_count;

long msbi_test_alloc_fail_at(long k)
{
    long made = alloc_count;
    alloc_count = 0;
    fail_at = k;
    return made;
}

static int injected_failure(void)
{
    alloc_count++;
    if (fail_at > 0 && alloc_count == fail_at) return 1;
    return 0;
}

void *msbi_malloc(size_t bytes)
{
    if (bytes == 0 || injected_failure()) return NULL;
    return malloc(bytes);
}

void *msbi_alloc_array(size_t count, size_t size)
{
    size_t bytes;
    if (msbi_mul_size(count, size, &bytes)) return NULL;
    return msbi_malloc(bytes);
}

void *msbi_calloc(size_t count, size_t size)
{
    size_t bytes;
    if (count == 0 || size == 0 || msbi_mul_size(count, size, &bytes)) return NULL;
    if (injected_failure()) return NULL;
    return calloc(count, size);
}

void *msbi_realloc_array(void *ptr, size_t count, size_t size)
{
    size_t bytes;
    if (msbi_mul_size(count, size, &bytes) || bytes == 0) return NULL;
    if (injected_failure()) return NULL;
    return realloc(ptr, bytes);
}

void msbi_free(void *ptr) { free(ptr); }

char *msbi_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = msbi_malloc(len);
    if (copy != NULL) memcpy(copy, s, len);
    return copy;
}

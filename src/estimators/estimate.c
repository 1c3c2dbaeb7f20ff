/* msb_estimate: named values with uncertainties (msbridge/estimate.h). */
#include <string.h>

#include "estimators/estimate_internal.h"

typedef struct entry {
    char *name, *unit, *description;
    size_t n;
    double *values, *std;
} entry;

struct msb_estimate {
    const char *kind;
    size_t count, cap;
    entry *entries;
};

msb_estimate *msbi_estimate_new(const char *kind)
{
    msb_estimate *e = msbi_calloc(1, sizeof *e);
    if (e) e->kind = kind;
    return e;
}

void msb_estimate_destroy(msb_estimate *est)
{
    if (est == NULL) return;
    for (size_t i = 0; i < est->count; i++) {
        msbi_free(est->entries[i].name);
        msbi_free(est->entries[i].unit);
        msbi_free(est->entries[i].description);
        msbi_free(est->entries[i].values);
    }
    msbi_free(est->entries);
    msbi_free(est);
}

msb_status msbi_estimate_add(const char *where, msb_estimate *est, const char *name,
                             const char *unit, const char *description, size_t n,
                             const double *values, const double *std)
{
    if (est->count == est->cap) {
        size_t ncap = est->cap ? 2 * est->cap : 16;
        entry *ne = msbi_realloc_array(est->entries, ncap, sizeof(entry));
        if (ne == NULL) goto nomem;
        est->entries = ne;
        est->cap = ncap;
    }
    entry e = {msbi_strdup(name), msbi_strdup(unit), msbi_strdup(description), n,
               msbi_alloc_array(n, 2 * sizeof(double)), NULL};
    if (!e.name || !e.unit || !e.description || !e.values) {
        msbi_free(e.name);
        msbi_free(e.unit);
        msbi_free(e.description);
        msbi_free(e.values);
        goto nomem;
    }
    e.std = e.values + n;
    memcpy(e.values, values, n * sizeof(double));
    for (size_t i = 0; i < n; i++) e.std[i] = std ? std[i] : NAN;
    est->entries[est->count++] = e;
    return MSB_SUCCESS;
nomem:
    return msbi_error(MSB_ENOMEM, where, "out of memory building the result");
}

msb_status msbi_estimate_add1(const char *where, msb_estimate *est, const char *name,
                              const char *unit, const char *description, double value, double std)
{
    return msbi_estimate_add(where, est, name, unit, description, 1, &value, &std);
}

const char *msb_estimate_kind(const msb_estimate *est) { return est ? est->kind : NULL; }
size_t msb_estimate_count(const msb_estimate *est) { return est ? est->count : 0; }

const char *msb_estimate_name(const msb_estimate *est, size_t i)
{
    return (est && i < est->count) ? est->entries[i].name : NULL;
}
const char *msb_estimate_unit(const msb_estimate *est, size_t i)
{
    return (est && i < est->count) ? est->entries[i].unit : NULL;
}
const char *msb_estimate_description(const msb_estimate *est, size_t i)
{
    return (est && i < est->count) ? est->entries[i].description : NULL;
}
size_t msb_estimate_length(const msb_estimate *est, size_t i)
{
    return (est && i < est->count) ? est->entries[i].n : 0;
}

msb_status msb_estimate_find(const msb_estimate *est, const char *name, size_t *index)
{
    MSBI_CHECK_NULL(est);
    MSBI_CHECK_NULL(name);
    MSBI_CHECK_NULL(index);
    for (size_t i = 0; i < est->count; i++)
        if (strcmp(est->entries[i].name, name) == 0) {
            *index = i;
            return MSB_SUCCESS;
        }
    return MSBI_FAIL(MSB_EINVAL, "a '%s' estimate has no entry '%s'", est->kind, name);
}

msb_status msb_estimate_get(const msb_estimate *est, const char *name, double *value, double *std)
{
    MSBI_CHECK_NULL(value);
    size_t i;
    MSBI_TRY(msb_estimate_find(est, name, &i));
    *value = est->entries[i].values[0];
    if (std) *std = est->entries[i].std[0];
    return MSB_SUCCESS;
}

msb_status msb_estimate_values(const msb_estimate *est, size_t i, size_t capacity, double *values,
                               double *std, size_t *len)
{
    MSBI_CHECK_NULL(est);
    MSBI_CHECK_NULL(values);
    MSBI_CHECK_NULL(len);
    if (i >= est->count)
        return MSBI_FAIL(MSB_ESIZE, "entry index %zu out of range (%zu entries)", i, est->count);
    const entry *e = &est->entries[i];
    *len = e->n;
    if (capacity < e->n)
        return MSBI_FAIL(MSB_ESIZE, "entry '%s' has %zu values but capacity is %zu", e->name, e->n,
                         capacity);
    memcpy(values, e->values, e->n * sizeof(double));
    if (std) memcpy(std, e->std, e->n * sizeof(double));
    return MSB_SUCCESS;
}

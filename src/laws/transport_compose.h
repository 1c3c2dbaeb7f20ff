/* Internal: helpers shared by the composed transport laws (nernst_einstein.c, darken.c). */
#ifndef MSBI_LAWS_TRANSPORT_COMPOSE_H
#define MSBI_LAWS_TRANSPORT_COMPOSE_H

#include <stdio.h>
#include <string.h>

#include "laws/law_internal.h"

#define MSBI_MAX_PARTS 8

typedef struct msbi_parts {
    size_t n;
    msb_law *part[MSBI_MAX_PARTS];
    size_t off[MSBI_MAX_PARTS + 1]; /* parameter offsets; off[n] = total of the parts */
} msbi_parts;

static inline void msbi_copy_name(char *dst, const char *src)
{
    size_t len = strlen(src);
    if (len >= MSBI_NAME_MAX) len = MSBI_NAME_MAX - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Take references to the parts; check nin; build the concatenated parameter vector, names
 * (prefix + index) and block-diagonal covariance with `n_own` extra parameters appended by the
 * caller (storage: p, cov of size MSB_LAW_MAX_PARAMS(^2)). */
static inline msb_status msbi_parts_init(const char *where, msbi_parts *P, size_t n,
                                         const msb_law *const *laws, size_t need_nin_a,
                                         size_t need_nin_b, const char *const *prefix,
                                         size_t n_own, msbi_var *par, double *p, double *cov)
{
    memset(P, 0, sizeof *P);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (laws[i] == NULL) return msbi_error(MSB_ENULL, where, "part law %zu is NULL", i);
        size_t nin = msb_law_n_inputs(laws[i]);
        if (nin != need_nin_a && nin != need_nin_b)
            return msbi_error(MSB_EBADLAW, where, "part law %zu ('%s') has %zu inputs (need %zu%s)",
                              i, msb_law_kind(laws[i]), nin, need_nin_a,
                              need_nin_b != need_nin_a ? " or 2" : "");
        total += msb_law_n_params(laws[i]);
    }
    if (total + n_own > MSB_LAW_MAX_PARAMS)
        return msbi_error(MSB_ESIZE, where, "the parts have %zu parameters in total (limit %d)",
                          total + n_own, MSB_LAW_MAX_PARAMS);
    const size_t np = total + n_own;
    memset(cov, 0, np * np * sizeof(double));
    size_t o = 0;
    double c[MSB_LAW_MAX_PARAMS * MSB_LAW_MAX_PARAMS];
    for (size_t i = 0; i < n; i++) {
        const size_t k = msb_law_n_params(laws[i]);
        P->off[i] = o;
        if (k > 0) {
            msb_law_params(laws[i], p + o);
            msb_law_covariance(laws[i], c);
            for (size_t a = 0; a < k; a++)
                for (size_t b = 0; b < k; b++) cov[(o + a) * np + o + b] = c[a * k + b];
            for (size_t a = 0; a < k; a++) {
                char name[64];
                snprintf(name, sizeof name, "%s%s", prefix[i], msb_law_param_name(laws[i], a));
                msbi_copy_name(par[o + a].name, name);
                msbi_copy_name(par[o + a].unit, msb_law_param_unit(laws[i], a));
                par[o + a].domain = MSB_DOMAIN_REAL;
            }
        }
        o += k;
    }
    P->off[n] = o;
    for (size_t i = 0; i < n; i++) {
        msb_status st = msbi_law_ref(where, laws[i], &P->part[i]);
        if (st) {
            for (size_t j = 0; j < i; j++) msb_law_destroy(P->part[j]);
            return st;
        }
        P->n = i + 1;
    }
    return MSB_SUCCESS;
}

static inline void msbi_parts_free(msbi_parts *P)
{
    for (size_t i = 0; i < P->n; i++) msb_law_destroy(P->part[i]);
    P->n = 0;
}

#endif

/* Internal: binary sum tree for O(log N) rejection-free event selection. Leaves hold rates;
 * every update recomputes its ancestors from their children (no accumulated round-off). */
#ifndef MSBI_KMC_TREE_H
#define MSBI_KMC_TREE_H

#include <string.h>

#include "core/internal.h"

typedef struct msbi_sumtree {
    size_t P;   /* number of leaf slots (power of two) */
    double *t;  /* 2P nodes; root t[1]; leaf e at t[P + e] */
} msbi_sumtree;

static inline int msbi_sumtree_init(msbi_sumtree *s, size_t nleaf)
{
    size_t P = 1;
    while (P < nleaf) {
        if (P > SIZE_MAX / 4) return 1;
        P *= 2;
    }
    s->P = P;
    s->t = msbi_calloc(2 * P, sizeof(double));
    return s->t == NULL;
}
static inline void msbi_sumtree_free(msbi_sumtree *s)
{
    msbi_free(s->t);
    s->t = NULL;
}
static inline void msbi_sumtree_clear(msbi_sumtree *s) { memset(s->t, 0, 2 * s->P * sizeof(double)); }
static inline double msbi_sumtree_total(const msbi_sumtree *s) { return s->t[1]; }
static inline void msbi_sumtree_set(msbi_sumtree *s, size_t e, double r)
{
    size_t p = s->P + e;
    if (s->t[p] == r) return;
    s->t[p] = r;
    for (p >>= 1; p >= 1; p >>= 1) s->t[p] = s->t[2 * p] + s->t[2 * p + 1];
}
/* leaf whose cumulative interval holds u in [0, total); returns 1 if it lands on a zero leaf
 * after retries (cannot happen unless the tree is corrupt) */
static inline int msbi_sumtree_select(const msbi_sumtree *s, double u, size_t *leaf)
{
    size_t p = 1;
    while (p < s->P) {
        double l = s->t[2 * p];
        if (u < l || s->t[2 * p + 1] <= 0) p = 2 * p;
        else {
            u -= l;
            p = 2 * p + 1;
        }
    }
    if (!(s->t[p] > 0)) return 1;
    *leaf = p - s->P;
    return 0;
}

/* as msbi_sumtree_select, leaving in *u the remainder inside the selected leaf */
static inline int msbi_sumtree_select_u(const msbi_sumtree *s, double *u, size_t *leaf)
{
    size_t p = 1;
    double v = *u;
    while (p < s->P) {
        double l = s->t[2 * p];
        if (v < l || s->t[2 * p + 1] <= 0) p = 2 * p;
        else {
            v -= l;
            p = 2 * p + 1;
        }
    }
    if (!(s->t[p] > 0)) return 1;
    *leaf = p - s->P;
    *u = v;
    return 0;
}

#endif

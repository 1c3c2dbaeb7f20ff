/* Lower convex hull in 1-D (composition, energy): see hull.h. */
#include "numerics/hull.h"

#include <stdlib.h>

typedef struct hull_pt {
    double x, e;
    size_t idx;
} hull_pt;

static int cmp_pt(const void *pa, const void *pb)
{
    const hull_pt *a = pa, *b = pb;
    if (a->x < b->x) return -1;
    if (a->x > b->x) return 1;
    if (a->e < b->e) return -1;
    if (a->e > b->e) return 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* 1 if B is not below the chord AC by more than tol. */
static int not_below(const hull_pt *A, const hull_pt *B, const hull_pt *C, double tol)
{
    const double t = (B->x - A->x) / (C->x - A->x);
    const double chord = A->e + t * (C->e - A->e);
    return B->e >= chord - tol;
}

msb_status msbi_lower_hull(const char *where, size_t n, const double *x, const double *e,
                           double tol, size_t *vert, size_t *nvert)
{
    hull_pt *p = msbi_alloc_array(n, sizeof *p);
    if (p == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory (%zu hull points)", n);
    for (size_t i = 0; i < n; i++) p[i] = (hull_pt){x[i], e[i], i};
    qsort(p, n, sizeof *p, cmp_pt);
    /* Keep the first (lowest e, lowest index) of each run of equal x. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || p[i].x != p[m - 1].x) p[m++] = p[i];
    /* Monotone chain; the stack lives in the front of p (k <= i always). */
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        const hull_pt c = p[i];
        while (k >= 2 && not_below(&p[k - 2], &p[k - 1], &c, tol)) k--;
        p[k++] = c;
    }
    for (size_t i = 0; i < k; i++) vert[i] = p[i].idx;
    *nvert = k;
    msbi_free(p);
    return MSB_SUCCESS;
}

double msbi_hull_height(size_t nv, const double *vx, const double *ve, double xq, size_t *seg)
{
    if (nv == 1) {
        *seg = 0;
        return ve[0];
    }
    size_t lo = 0, hi = nv - 1; /* find lo with vx[lo] <= xq < vx[lo+1], clamped to [0, nv-2] */
    if (xq <= vx[0]) hi = 1;
    else if (xq >= vx[nv - 1]) lo = nv - 2;
    else {
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (vx[mid] <= xq) lo = mid;
            else hi = mid;
        }
    }
    if (xq >= vx[nv - 1]) {
        *seg = nv - 1;
        if (xq == vx[nv - 1]) return ve[nv - 1];
    } else {
        *seg = lo;
    }
    const double t = (xq - vx[lo]) / (vx[lo + 1] - vx[lo]);
    return ve[lo] + t * (ve[lo + 1] - ve[lo]);
}

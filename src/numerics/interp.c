/* Steffen's monotone C1 interpolant: see interp.h. */
#include "numerics/interp.h"

static double sgn(double v) { return (v > 0) - (v < 0); }

static double end_slope(double s0, double s1, double h0, double h1)
{
    /* Steffen (1990) eqs. (26)-(27): one-sided parabola, limited. */
    const double p = s0 * (1.0 + h0 / (h0 + h1)) - s1 * h0 / (h0 + h1);
    if (p * s0 <= 0) return 0.0;
    if (fabs(p) > 2.0 * fabs(s0)) return 2.0 * s0;
    return p;
}

void msbi_steffen_slopes(size_t n, const double *x, const double *y, double *d)
{
    if (n == 2) {
        d[0] = d[1] = (y[1] - y[0]) / (x[1] - x[0]);
        return;
    }
    for (size_t i = 1; i + 1 < n; i++) {
        const double h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
        const double s0 = (y[i] - y[i - 1]) / h0, s1 = (y[i + 1] - y[i]) / h1;
        const double p = (s0 * h1 + s1 * h0) / (h0 + h1);
        /* eq. (11): zero at a local extremum of the data, else the limited parabola slope */
        d[i] = (sgn(s0) + sgn(s1)) * fmin(fmin(fabs(s0), fabs(s1)), 0.5 * fabs(p));
    }
    {
        const double h0 = x[1] - x[0], h1 = x[2] - x[1];
        d[0] = end_slope((y[1] - y[0]) / h0, (y[2] - y[1]) / h1, h0, h1);
    }
    {
        const double h0 = x[n - 1] - x[n - 2], h1 = x[n - 2] - x[n - 3];
        d[n - 1] = end_slope((y[n - 1] - y[n - 2]) / h0, (y[n - 2] - y[n - 3]) / h1, h0, h1);
    }
}

static void hermite_on(const double *x, const double *y, const double *d, size_t lo, double xq,
                       double *f, double *df)
{
    const double h = x[lo + 1] - x[lo];
    const double s = (y[lo + 1] - y[lo]) / h;
    /* Hermite form with c2, c3 as in Steffen eq. (2)-(5) */
    const double c2 = (3.0 * s - 2.0 * d[lo] - d[lo + 1]) / h;
    const double c3 = (d[lo] + d[lo + 1] - 2.0 * s) / (h * h);
    const double u = xq - x[lo];
    *f = y[lo] + u * (d[lo] + u * (c2 + u * c3));
    *df = d[lo] + u * (2.0 * c2 + 3.0 * u * c3);
}

void msbi_hermite_buckets(size_t n, const double *x, size_t nb, size_t *bucket)
{
    const double w = (x[n - 1] - x[0]) / (double)nb;
    size_t lo = 0;
    for (size_t b = 0; b < nb; b++) {
        const double edge = x[0] + w * (double)b;
        while (lo + 2 < n && x[lo + 1] <= edge) lo++;
        bucket[b] = lo;
    }
}

void msbi_hermite_eval_idx(size_t n, const double *x, const double *y, const double *d,
                           size_t nb, const size_t *bucket, double xq, double *f, double *df)
{
    if (!(xq > x[0] && xq < x[n - 1])) {
        msbi_hermite_eval(n, x, y, d, xq, f, df);
        return;
    }
    double t = (xq - x[0]) / (x[n - 1] - x[0]) * (double)nb;
    size_t b = t < (double)nb ? (size_t)t : nb - 1;
    size_t lo = bucket[b];
    /* rounding of t may land one bucket late: step back, then walk forward */
    while (lo > 0 && x[lo] > xq) lo--;
    while (lo + 2 < n && x[lo + 1] <= xq) lo++;
    hermite_on(x, y, d, lo, xq, f, df);
}

void msbi_hermite_eval(size_t n, const double *x, const double *y, const double *d, double xq,
                       double *f, double *df)
{
    if (xq <= x[0]) {
        *f = y[0] + d[0] * (xq - x[0]);
        *df = d[0];
        return;
    }
    if (xq >= x[n - 1]) {
        *f = y[n - 1] + d[n - 1] * (xq - x[n - 1]);
        *df = d[n - 1];
        return;
    }
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        const size_t mid = lo + (hi - lo) / 2;
        if (x[mid] <= xq) lo = mid;
        else hi = mid;
    }
    hermite_on(x, y, d, lo, xq, f, df);
}

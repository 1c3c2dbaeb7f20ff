/* The library's own FFT (src/numerics/fft.c) against a direct O(n^2) DFT evaluated in long
 * double, against closed forms (a pure tone, Parseval), and for bad lengths.
 *
 * Tolerances. For a Cooley-Tukey FFT of length n the computed transform satisfies
 * ||y_fft - y|| / ||y|| <= log2(n) eta / (1 - log2(n) eta), eta = mu + gamma_4 (sqrt(2) + mu),
 * with u = 2^-53 the unit roundoff, mu the twiddle error and gamma_4 = 4u / (1 - 4u)
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Theorem 24.2). Our twiddles
 * are within ~1 ulp (mu ~ u), giving a bound of about 7 u log2(n); radix-3 and radix-5
 * butterflies take a few more operations per element and stage than a radix-2 one, so the
 * tests allow 16 u log2(n) (and 16 u for n <= 2). The reference DFT in long double (64-bit
 * mantissa, error ~ n 2^-64 relative to ||y||) is 2^11 times more accurate than that for the
 * lengths used here. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "msb_test.h"
#include "numerics/fft.h"

static const double U = 1.1102230246251565e-16; /* 2^-53 */

static double tol_rel(size_t n)
{
    const double lg = n > 2 ? log2((double)n) : 1.0;
    return 16.0 * U * lg;
}

/* Direct DFT in long double: sign -1 forward, +1 inverse (unnormalized). */
static void dft(size_t n, int sign, const double *xr, const double *xi, long double *yr,
                long double *yi)
{
    long double *c = malloc(n * sizeof(long double)), *s = malloc(n * sizeof(long double));
    const long double two_pi = 6.283185307179586476925286766559005768L;
    for (size_t j = 0; j < n; j++) {
        c[j] = cosl(two_pi * (long double)j / (long double)n);
        s[j] = sign * sinl(two_pi * (long double)j / (long double)n);
    }
    for (size_t k = 0; k < n; k++) {
        long double ar = 0, ai = 0;
        size_t idx = 0;
        for (size_t j = 0; j < n; j++) {
            ar += xr[j] * c[idx] - xi[j] * s[idx];
            ai += xr[j] * s[idx] + xi[j] * c[idx];
            idx += k;
            if (idx >= n) idx -= n;
        }
        yr[k] = ar;
        yi[k] = ai;
    }
    free(c);
    free(s);
}

/* ||got - ref|| / ||ref|| over n complex values */
static double rel_err(size_t n, const double *gr, const double *gi, const long double *rr,
                      const long double *ri)
{
    long double e = 0, r = 0;
    for (size_t k = 0; k < n; k++) {
        const long double dr = gr[k] - rr[k], di = gi[k] - ri[k];
        e += dr * dr + di * di;
        r += rr[k] * rr[k] + ri[k] * ri[k];
    }
    return (double)sqrtl(e / r);
}

/* Lengths with every mix of the radices 2, 3, 4, 5 (and the trivial 1). */
static const size_t LENGTHS[] = {1,   2,   3,   4,   5,   6,   8,   9,    10,   12,   15,  16,
                                 18,  20,  25,  27,  30,  32,  36,  45,   48,   50,   60,  64,
                                 75,  80,  81,  90,  96,  100, 120, 125,  128,  135,  144, 150,
                                 225, 243, 250, 256, 375, 480, 512, 625,  720,  1000, 1024,
                                 1215, 1536, 2000, 2048, 2187, 3125, 3240};

static void test_complex_vs_direct_dft(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 11);
    for (size_t t = 0; t < sizeof LENGTHS / sizeof LENGTHS[0]; t++) {
        const size_t n = LENGTHS[t];
        double *xr = malloc(n * sizeof(double)), *xi = malloc(n * sizeof(double));
        double *yr = malloc(n * sizeof(double)), *yi = malloc(n * sizeof(double));
        long double *rr = malloc(n * sizeof(long double)), *ri = malloc(n * sizeof(long double));
        for (size_t j = 0; j < n; j++) {
            xr[j] = msbt_normal(&r) + 0.3;
            xi[j] = msbt_normal(&r) - 0.1;
        }
        msbi_fft_plan *p;
        assert_ok(msbi_fft_plan_create("test", n, &p));
        assert_int_equal(msbi_fft_plan_length(p), n);
        double *work = malloc(msbi_fft_work_size(p) * sizeof(double));
        memcpy(yr, xr, n * sizeof(double));
        memcpy(yi, xi, n * sizeof(double));
        msbi_fft_forward(p, yr, yi, work);
        dft(n, -1, xr, xi, rr, ri);
        const double ef = rel_err(n, yr, yi, rr, ri);
        if (!(ef <= tol_rel(n))) fail_msg("forward n = %zu: rel. error %g > %g", n, ef, tol_rel(n));
        /* inverse against the direct inverse DFT of the same input */
        memcpy(yr, xr, n * sizeof(double));
        memcpy(yi, xi, n * sizeof(double));
        msbi_fft_inverse(p, yr, yi, work);
        dft(n, +1, xr, xi, rr, ri);
        const double ei = rel_err(n, yr, yi, rr, ri);
        if (!(ei <= tol_rel(n))) fail_msg("inverse n = %zu: rel. error %g > %g", n, ei, tol_rel(n));
        /* round trip: inverse(forward(x)) = n x, two transforms' worth of error */
        memcpy(yr, xr, n * sizeof(double));
        memcpy(yi, xi, n * sizeof(double));
        msbi_fft_forward(p, yr, yi, work);
        msbi_fft_inverse(p, yr, yi, work);
        for (size_t j = 0; j < n; j++) {
            rr[j] = (long double)xr[j] * (long double)n;
            ri[j] = (long double)xi[j] * (long double)n;
        }
        const double e2 = rel_err(n, yr, yi, rr, ri);
        if (!(e2 <= 2 * tol_rel(n))) fail_msg("round trip n = %zu: rel. error %g", n, e2);
        msbi_fft_plan_destroy(p);
        free(xr);
        free(xi);
        free(yr);
        free(yi);
        free(work);
        free(rr);
        free(ri);
    }
}

static void test_real_vs_direct_dft(void **state)
{
    (void)state;
    msbt_rng r;
    msbt_rng_seed(&r, 12);
    for (size_t t = 0; t < sizeof LENGTHS / sizeof LENGTHS[0]; t++) {
        /* L = 2 LENGTHS covers the three twiddle sources of the real split and of the
         * half-length plan: 8 does not divide L (tabulated w^k, e.g. L = 6, 10, 12), 8 | L but
         * not L/2 (angle table of L shared at even positions, e.g. 24, 40), 8 | L/2 (16, 32) */
        const size_t L = 2 * LENGTHS[t], N = L / 2;
        /* full and zero-padded inputs (n = L, L - 1 odd, about L/2) */
        const size_t ns[3] = {L, L - 1, L / 2 + 1};
        msbi_rfft_plan *p;
        assert_ok(msbi_rfft_plan_create("test", L, &p));
        assert_int_equal(msbi_rfft_plan_length(p), L);
        double *x = malloc(L * sizeof(double)), *zero = calloc(L, sizeof(double));
        double *xp = malloc(L * sizeof(double)), *back = malloc(L * sizeof(double));
        double *re = malloc((N + 1) * sizeof(double)), *im = malloc((N + 1) * sizeof(double));
        double *work = malloc(msbi_rfft_work_size(p) * sizeof(double));
        long double *rr = malloc(L * sizeof(long double)), *ri = malloc(L * sizeof(long double));
        for (int c = 0; c < 3; c++) {
            const size_t n = ns[c];
            for (size_t j = 0; j < L; j++) x[j] = j < n ? msbt_normal(&r) + 0.4 : 0.0;
            memcpy(xp, x, L * sizeof(double));
            /* garbage beyond n must be ignored (zero padding is the transform's job) */
            for (size_t j = n; j < L; j++) xp[j] = 1e300;
            msbi_rfft_forward(p, n, xp, re, im, work);
            dft(L, -1, x, zero, rr, ri);
            /* error relative to the norm of the half spectrum (k = 0 .. N) */
            const double e = rel_err(N + 1, re, im, rr, ri);
            if (!(e <= tol_rel(L))) fail_msg("real forward L = %zu, n = %zu: %g", L, n, e);
            assert_true(im[0] == 0.0 && im[N] == 0.0);
            /* inverse: L x back, also for a prefix n_out */
            msbi_rfft_inverse(p, re, im, L, back, work);
            long double es = 0, xs = 0;
            for (size_t j = 0; j < L; j++) {
                const long double d = back[j] - (long double)L * x[j];
                es += d * d;
                xs += (long double)L * L * x[j] * x[j];
            }
            const double eb = (double)sqrtl(es / xs);
            if (!(eb <= 2 * tol_rel(L))) fail_msg("real round trip L = %zu: %g", L, eb);
            /* real spectrum (im = NULL): the same as explicit zeros, and the direct cosine sum
             * x_m = P_0 + (-1)^m P_N + 2 sum_{k=1}^{N-1} P_k cos(2 pi k m / L) */
            if (c == 0) {
                double *zim = calloc(N + 1, sizeof(double)), *b1 = malloc(L * sizeof(double));
                msbi_rfft_inverse(p, re, zim, L, back, work);
                msbi_rfft_inverse(p, re, NULL, L, b1, work);
                long double ee = 0, en = 0, *ct = malloc(L * sizeof(long double));
                for (size_t j = 0; j < L; j++)
                    ct[j] = cosl(6.283185307179586476925286766559005768L * (long double)j /
                                 (long double)L);
                for (size_t j = 0; j < L; j++) {
                    assert_true(back[j] == b1[j]);
                    long double d = re[0] + ((j % 2) ? -1.0L : 1.0L) * re[N];
                    for (size_t k = 1, idx = j; k < N; k++, idx = (idx + j) % L)
                        d += 2.0L * re[k] * ct[idx];
                    ee += (b1[j] - d) * (b1[j] - d);
                    en += d * d;
                }
                const double er = (double)sqrtl(ee / en);
                if (!(er <= tol_rel(L))) fail_msg("real-spectrum inverse L = %zu: %g", L, er);
                free(ct);
                free(zim);
                free(b1);
                msbi_rfft_inverse(p, re, im, L, back, work);
            }
            const size_t n_out = L / 3 + 1;
            double *pre = malloc(n_out * sizeof(double));
            msbi_rfft_inverse(p, re, im, n_out, pre, work);
            for (size_t j = 0; j < n_out; j++) assert_true(pre[j] == back[j]);
            free(pre);
        }
        msbi_rfft_plan_destroy(p);
        free(x);
        free(zero);
        free(xp);
        free(back);
        free(re);
        free(im);
        free(work);
        free(rr);
        free(ri);
    }
}

/* Neumaier's compensated sum (the running error term c makes the sum's error independent of
 * the number of terms). */
typedef struct {
    long double s, c;
} neumaier;

static void neumaier_add(neumaier *a, long double v)
{
    const long double t = a->s + v;
    if (fabsl(a->s) >= fabsl(v)) a->c += (a->s - t) + v;
    else a->c += (v - t) + a->s;
    a->s = t;
}

/* Large lengths (no direct DFT): a pure tone x_j = exp(2 pi i f j / n) transforms to n at k = f
 * and 0 elsewhere (closed form), and Parseval sum |x|^2 = (1/n) sum |X|^2 holds for noise. */
static void test_large_tone_and_parseval(void **state)
{
    (void)state;
    const size_t sizes[] = {1u << 17, 3 * 5 * 5 * 5 * 5 * 64, 729 * 125, 1000000};
    msbt_rng r;
    msbt_rng_seed(&r, 13);
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        const size_t n = sizes[t], f = n / 7 + 3;
        double *re = malloc(n * sizeof(double)), *im = malloc(n * sizeof(double));
        msbi_fft_plan *p;
        assert_ok(msbi_fft_plan_create("test", n, &p));
        double *work = malloc(msbi_fft_work_size(p) * sizeof(double));
        const long double two_pi = 6.283185307179586476925286766559005768L;
        for (size_t j = 0; j < n; j++) {
            const long double a = two_pi * (long double)((j * f) % n) / (long double)n;
            re[j] = (double)cosl(a);
            im[j] = (double)sinl(a);
        }
        msbi_fft_forward(p, re, im, work);
        /* ||X - n delta_f|| / ||n delta_f|| within the FFT bound (the input's own rounding,
         * u per sample, adds u to the relative error) */
        long double e = 0;
        for (size_t k = 0; k < n; k++) {
            const long double dr = re[k] - (k == f ? (long double)n : 0.0L), di = im[k];
            e += dr * dr + di * di;
        }
        const double et = (double)(sqrtl(e) / (long double)n);
        if (!(et <= tol_rel(n) + U)) fail_msg("tone n = %zu: %g > %g", n, et, tol_rel(n));
        /* compensated sums: exact enough even where long double is only double (valgrind) */
        neumaier sx = {0, 0}, sX = {0, 0};
        for (size_t j = 0; j < n; j++) {
            re[j] = msbt_normal(&r);
            im[j] = msbt_normal(&r);
            neumaier_add(&sx, (long double)re[j] * re[j] + (long double)im[j] * im[j]);
        }
        msbi_fft_forward(p, re, im, work);
        for (size_t k = 0; k < n; k++)
            neumaier_add(&sX, (long double)re[k] * re[k] + (long double)im[k] * im[k]);
        /* |sum|X|^2/n - sum|x|^2| / sum|x|^2 <= 2 (relative error of X) */
        const double ep = fabs((double)((sX.s + sX.c) / (long double)n / (sx.s + sx.c) - 1.0L));
        if (!(ep <= 2 * tol_rel(n))) fail_msg("Parseval n = %zu: %g", n, ep);
        msbi_fft_plan_destroy(p);
        free(re);
        free(im);
        free(work);
    }
}

/* Long transforms (n = 32768 .. 160000, twiddles from the octant tables): NBINS sampled bins
 * against the direct sum in long double. The FFT bound is on the error norm over all n bins;
 * the rms error over the sampled bins estimates norm / sqrt(n) (for 32 bins to within about
 * 15 %, the spread of a mean of 32 squared errors), so it is held to 3x the bound. Real
 * transforms: sampled bins the same way, and the round trip L x over every sample. */
#define NBINS 32
static void test_long_sampled_bins(void **state)
{
    (void)state;
    const size_t sizes[] = {32768, 98304, 40000, 160000};
    const long double two_pi = 6.283185307179586476925286766559005768L;
    msbt_rng r;
    msbt_rng_seed(&r, 15);
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        const size_t n = sizes[t];
        /* complex, length n */
        msbi_fft_plan *p;
        assert_ok(msbi_fft_plan_create("test", n, &p));
        double *xr = malloc(n * sizeof(double)), *xi = malloc(n * sizeof(double));
        double *yr = malloc(n * sizeof(double)), *yi = malloc(n * sizeof(double));
        double *work = malloc(msbi_fft_work_size(p) * sizeof(double));
        long double norm = 0;
        for (size_t j = 0; j < n; j++) {
            yr[j] = xr[j] = msbt_normal(&r);
            yi[j] = xi[j] = msbt_normal(&r);
            norm += (long double)xr[j] * xr[j] + (long double)xi[j] * xi[j];
        }
        msbi_fft_forward(p, yr, yi, work);
        /* cos, sin of 2 pi j / (2 n), j < 2 n: the angles of both transforms */
        long double *cl = malloc(4 * n * sizeof(long double)), *sl = cl + 2 * n;
        for (size_t j = 0; j < 2 * n; j++) {
            cl[j] = cosl(two_pi * (long double)j / (long double)(2 * n));
            sl[j] = sinl(two_pi * (long double)j / (long double)(2 * n));
        }
        long double e2 = 0;
        for (int b = 0; b < NBINS; b++) {
            const size_t k = b < 2 ? (size_t)b * (n / 2) : (size_t)(msbt_uniform(&r) * (double)n);
            long double ar = 0, ai = 0;
            for (size_t j = 0, idx = 0; j < n; j++, idx = (idx + 2 * k) % (2 * n)) {
                const long double c = cl[idx], sn = sl[idx];
                ar += xr[j] * c + xi[j] * sn;
                ai += xi[j] * c - xr[j] * sn;
            }
            e2 += (yr[k] - ar) * (yr[k] - ar) + (yi[k] - ai) * (yi[k] - ai);
        }
        /* ||X|| = sqrt(n) ||x||, so the rms over bins of the allowed error is tol ||x|| */
        const double rms = (double)sqrtl(e2 / NBINS), lim = 3 * tol_rel(n) * (double)sqrtl(norm);
        if (!(rms <= lim)) fail_msg("long n = %zu: rms bin error %g > %g", n, rms, lim);
        msbi_fft_plan_destroy(p);
        free(work);
        /* real, length 2 n */
        const size_t L = 2 * n;
        msbi_rfft_plan *q;
        assert_ok(msbi_rfft_plan_create("test", L, &q));
        double *x = malloc(L * sizeof(double)), *back = malloc(L * sizeof(double));
        work = malloc(msbi_rfft_work_size(q) * sizeof(double));
        norm = 0;
        for (size_t j = 0; j < L; j++) {
            x[j] = msbt_normal(&r);
            norm += (long double)x[j] * x[j];
        }
        double *re = realloc(yr, (n + 1) * sizeof(double)), *im = realloc(yi, (n + 1) * sizeof(double));
        msbi_rfft_forward(q, L, x, re, im, work);
        e2 = 0;
        for (int b = 0; b < NBINS; b++) {
            const size_t k = b < 2 ? (size_t)b * n : (size_t)(msbt_uniform(&r) * (double)n);
            long double ar = 0, ai = 0;
            for (size_t j = 0, idx = 0; j < L; j++, idx = (idx + k) % L) {
                ar += x[j] * cl[idx];
                ai -= x[j] * sl[idx];
            }
            e2 += (re[k] - ar) * (re[k] - ar) + (im[k] - ai) * (im[k] - ai);
        }
        const double rr = (double)sqrtl(e2 / NBINS), lr = 3 * tol_rel(L) * (double)sqrtl(norm);
        if (!(rr <= lr)) fail_msg("real long L = %zu: rms bin error %g > %g", L, rr, lr);
        msbi_rfft_inverse(q, re, im, L, back, work);
        long double eb = 0;
        for (size_t j = 0; j < L; j++) eb += (back[j] - (long double)L * x[j]) * (back[j] - (long double)L * x[j]);
        const double rel = (double)(sqrtl(eb / norm) / (long double)L);
        if (!(rel <= 2 * tol_rel(L))) fail_msg("real long round trip L = %zu: %g", L, rel);
        msbi_rfft_plan_destroy(q);
        free(cl);
        free(xr);
        free(xi);
        free(re);
        free(im);
        free(x);
        free(back);
        free(work);
    }
}

/* good_size against a brute-force scan of the integers (independent of the enumeration). */
static int smooth(size_t m)
{
    while (m % 2 == 0) m /= 2;
    while (m % 3 == 0) m /= 3;
    while (m % 5 == 0) m /= 5;
    return m == 1;
}

static void test_good_size(void **state)
{
    (void)state;
    for (size_t n = 1; n < 5000; n++) {
        size_t m = n;
        while (!smooth(m)) m++;
        assert_int_equal(msbi_fft_good_size(n), m);
        size_t me = n < 2 ? 2 : n;
        while (!(me % 2 == 0 && smooth(me))) me++;
        assert_int_equal(msbi_fft_good_size_even(n), me);
    }
    assert_int_equal(msbi_fft_good_size(0), 1);
    assert_int_equal(msbi_fft_good_size(19999), 20000);     /* 2^5 5^4 */
    assert_int_equal(msbi_fft_good_size(1499999), 1500000); /* 2^5 3 5^6 */
    assert_int_equal(msbi_fft_good_size((size_t)1 << 40), (size_t)1 << 40);
    assert_int_equal(msbi_fft_good_size(SIZE_MAX), 0);
}

/* One plan executed by several threads at once, each with its own arrays: the same bits as a
 * serial run. */
typedef struct {
    const msbi_fft_plan *p;
    double *re, *im, *work;
} job;

static void *run_job(void *a)
{
    job *j = a;
    for (int rep = 0; rep < 20; rep++) msbi_fft_forward(j->p, j->re, j->im, j->work);
    return NULL;
}

static void test_concurrent_plan(void **state)
{
    (void)state;
    const size_t n = 3 * 1024 * 5;
    msbi_fft_plan *p;
    assert_ok(msbi_fft_plan_create("test", n, &p));
    job jobs[3];
    pthread_t tid[3];
    const size_t nw = msbi_fft_work_size(p);
    double *ref = malloc(2 * n * sizeof(double)), *rw = malloc(nw * sizeof(double));
    msbt_rng r;
    msbt_rng_seed(&r, 14);
    for (size_t j = 0; j < 2 * n; j++) ref[j] = msbt_normal(&r);
    for (int t = 0; t < 3; t++) {
        jobs[t] = (job){p, malloc(n * sizeof(double)), malloc(n * sizeof(double)),
                        malloc(nw * sizeof(double))};
        memcpy(jobs[t].re, ref, n * sizeof(double));
        memcpy(jobs[t].im, ref + n, n * sizeof(double));
    }
    for (int t = 0; t < 3; t++) assert_int_equal(pthread_create(&tid[t], NULL, run_job, &jobs[t]), 0);
    for (int t = 0; t < 3; t++) pthread_join(tid[t], NULL);
    job serial = {p, ref, ref + n, rw};
    run_job(&serial);
    for (int t = 0; t < 3; t++) {
        assert_memory_equal(jobs[t].re, ref, n * sizeof(double));
        assert_memory_equal(jobs[t].im, ref + n, n * sizeof(double));
        free(jobs[t].re);
        free(jobs[t].im);
        free(jobs[t].work);
    }
    free(ref);
    free(rw);
    msbi_fft_plan_destroy(p);
}

/* Teams (numerics/fft.h): the power spectrum and the real-spectrum inverse run as chunked phases
 * shared by the threads of one msbi_run_threads call. Properties under test, each exact:
 * (a) a team of 1..4 threads, and a team whose members run one after another (as when a thread
 * cannot be started), gives bitwise the result of running the phases alone, also when the team
 * fills the plan's tables (msbi_rfft_plan_alloc + msbi_rfft_plan_fill vs msbi_rfft_plan_create
 * alone); (b) alone, the power
 * spectrum is bitwise scale (re^2 + im^2) of msbi_rfft_forward's spectrum (whose accuracy
 * test_real_vs_direct_dft checks against a long double DFT), with `add` accumulating, and
 * msbi_rfft_inverse_real is bitwise msbi_rfft_inverse with im = NULL (checked there against the
 * direct cosine sum). Lengths long enough for several chunks per phase (msbi_chunk_count:
 * >= 2048 items per chunk; asserted below), covering both split-twiddle sources (8 | L or not),
 * a first radix 2 or 3 (passes with 1 < s < 4), odd N, and the fused radix-25 pass; inputs of
 * length n = L/2 + 3 and L - 1 (odd), so that the first pass's blocks meet the end of the data,
 * its odd last sample and the zero padding. */
typedef struct {
    msbi_rfft_plan *p; /* from msbi_rfft_plan_alloc: the team fills it first */
    size_t n, n_out;
    const double *x, *spec;
    double *pw, *work, *out;
    msbi_team team;
} team_job;

static void team_member(void *ctx, size_t t)
{
    (void)t;
    team_job *J = ctx;
    msbi_team_cursor cur = msbi_team_join(&J->team);
    msbi_rfft_plan_fill(J->p, &cur);
    msbi_rfft_power(J->p, J->n, J->x, 0.25, 0, J->pw, J->work, &cur);
    msbi_rfft_power(J->p, J->n, J->x + 1, 0.25, 1, J->pw, J->work, &cur); /* add */
    msbi_rfft_inverse_real(J->p, J->spec, J->n_out, J->out, J->work, &cur);
}

static void test_team_bitwise(void **state)
{
    (void)state;
    /* N = L/2: 2^4 3^3 5^3 (8 | L), 2 3^10 (first radix 2), 3^4 5^4 (odd, 8 does not divide
     * L), 3 5^6 (first radix 3), 2^12 5^2 (radix-5 stages fused; N / 25 = 4096 butterflies),
     * 2^15 and 2^16 (radix 4 and 2 only) */
    const size_t Ns[] = {54000, 118098, 50625, 46875, 102400, 32768, 65536};
    /* every pass in >= 2 chunks: N / (largest radix, 25 for the fused pass) butterflies */
    const size_t Rmax[] = {5, 3, 5, 5, 25, 4, 4};
    for (size_t t = 0; t < sizeof Ns / sizeof Ns[0]; t++)
        assert_true(msbi_chunk_count(Ns[t] / Rmax[t]) >= 2);
    msbt_rng r;
    msbt_rng_seed(&r, 21);
    for (size_t t = 0; t < sizeof Ns / sizeof Ns[0]; t++) {
        const size_t N = Ns[t], L = 2 * N, nh = N + 1;
        msbi_rfft_plan *p;
        assert_ok(msbi_rfft_plan_create("test", L, &p));
        const size_t nw = msbi_rfft_work_size(p), n = (t % 2) ? L - 1 : L / 2 + 3;
        double *x = malloc((L + 1) * sizeof(double)), *work = malloc(nw * sizeof(double));
        double *re = malloc(nh * sizeof(double)), *im = malloc(nh * sizeof(double));
        double *pw0 = malloc(nh * sizeof(double)), *pw = malloc(nh * sizeof(double));
        double *sp = malloc(nh * sizeof(double));
        double *out = malloc(L * sizeof(double));
        double *ref = malloc(L * sizeof(double));
        for (size_t j = 0; j < L + 1; j++) x[j] = msbt_normal(&r) + 0.3;
        for (size_t k = 0; k < nh; k++) sp[k] = fabs(msbt_normal(&r));
        const size_t n_out = 2 * (N / 3) + 1; /* odd: the unpacking's last half pair */
        /* (b) alone vs the plain transforms */
        msbi_team_cursor solo = msbi_team_join(NULL);
        msbi_rfft_power(p, n, x, 0.25, 0, pw0, work, &solo);
        msbi_rfft_forward(p, n, x, re, im, work);
        for (size_t k = 0; k < nh; k++)
            assert_true(pw0[k] == (re[k] * re[k] + im[k] * im[k]) * 0.25);
        msbi_rfft_forward(p, n, x + 1, re, im, work);
        for (size_t k = 0; k < nh; k++) pw0[k] += (re[k] * re[k] + im[k] * im[k]) * 0.25;
        msbi_rfft_inverse(p, sp, NULL, n_out, ref, work);
        /* (a) teams of 1..4 threads, and 3 members run one after another */
        for (int nt = 0; nt <= 4; nt++) {
            memset(pw, 0, nh * sizeof(double));
            memset(out, 0, n_out * sizeof(double));
            msbi_rfft_plan *pd = NULL;
            assert_ok(msbi_rfft_plan_alloc("test", L, &pd));
            team_job J = {.p = pd, .n = n, .n_out = n_out, .x = x, .spec = sp, .pw = pw,
                          .work = work, .out = out};
            msbi_team_init(&J.team);
            if (nt > 0) {
                msbi_run_threads((size_t)nt, team_member, &J);
            } else {
                for (size_t m = 0; m < 3; m++) team_member(&J, m);
            }
            msbi_team_destroy(&J.team);
            msbi_rfft_plan_destroy(pd);
            for (size_t k = 0; k < nh; k++)
                if (!(pw[k] == pw0[k])) fail_msg("power N = %zu, nt = %d, k = %zu", N, nt, k);
            for (size_t j = 0; j < n_out; j++)
                if (!(out[j] == ref[j])) fail_msg("inverse N = %zu, nt = %d, j = %zu", N, nt, j);
        }
        msbi_rfft_plan_destroy(p);
        free(sp);
        free(x);
        free(work);
        free(re);
        free(im);
        free(pw0);
        free(pw);
        free(out);
        free(ref);
    }
}

static void test_bad_lengths(void **state)
{
    (void)state;
    msbi_fft_plan *p = NULL;
    msbi_rfft_plan *q = NULL;
    assert_status(msbi_fft_plan_create("test", 0, &p), MSB_ESIZE);
    assert_status(msbi_fft_plan_create("test", 7, &p), MSB_EINVAL);
    assert_status(msbi_fft_plan_create("test", 2 * 3 * 5 * 11, &p), MSB_EINVAL);
    assert_status(msbi_rfft_plan_create("test", 0, &q), MSB_ESIZE);
    assert_status(msbi_rfft_plan_create("test", 1, &q), MSB_ESIZE);
    assert_status(msbi_rfft_plan_create("test", 15, &q), MSB_EINVAL);
    assert_status(msbi_rfft_plan_create("test", 14, &q), MSB_EINVAL);
    assert_null(p);
    assert_null(q);
    msbi_fft_plan_destroy(NULL);
    msbi_rfft_plan_destroy(NULL);
    /* allocation failures: every allocation of plan creation, no leak (ASan/valgrind check) */
    for (long k = 1; k <= 6; k++) {
        msbi_test_alloc_fail_at(k);
        msb_status st = msbi_rfft_plan_create("test", 2000, &q);
        msbi_test_alloc_fail_at(0);
        if (st == MSB_SUCCESS) {
            msbi_rfft_plan_destroy(q);
            break;
        }
        assert_int_equal(st, MSB_ENOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complex_vs_direct_dft), cmocka_unit_test(test_real_vs_direct_dft),
        cmocka_unit_test(test_large_tone_and_parseval), cmocka_unit_test(test_good_size),
        cmocka_unit_test(test_long_sampled_bins),
        cmocka_unit_test(test_concurrent_plan), cmocka_unit_test(test_bad_lengths),
        cmocka_unit_test(test_team_bitwise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

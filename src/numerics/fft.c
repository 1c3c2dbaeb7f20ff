/* Mixed-radix (4, 2, 3, 5) Stockham FFT on split complex arrays, and real transforms through
 * a half-length complex one (see fft.h). Written from the textbook formulations: the Stockham
 * autosort framework as in Van Loan, "Computational Frameworks for the Fast Fourier Transform"
 * (SIAM 1992), section 1.7; the radix-3/5 butterflies from the symmetric sums of the small
 * DFTs; the real-input split as in Press et al., Numerical Recipes, section 12.3. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE (Linux) */

#include <stdint.h>
#include <string.h>

#include "numerics/fft.h"
#include "numerics/vexp.h" /* MSBI_KERNEL: AVX2 clone beside the baseline */

#define MSBI_FFT_MAX_STAGES 64
/* Stages whose butterfly stride s is at least this run the contiguous q loop innermost (one
 * twiddle per p, vectorized along q); shorter strides run p innermost along the twiddle table. */
#define MSBI_FFT_QMIN 4
/* Longest transform whose consecutive radix-5 stages run fused (pass55). */
#define MSBI_FFT_FUSE_MAX ((size_t)1 << 17)

static const long double TWO_PI_L = 6.283185307179586476925286766559005768L;

typedef struct {
    size_t n, e;
    double *bc, *bs; /* e + 1 values each, or NULL */
    /* while bc, bs are being filled: cos, sin in long double of 2 pi r0 / n (r0 < B) and of
     * 2 pi r1 B / n (r1 < nc) */
    long double *tab;
    size_t B, nc;
} octant_table;

struct msbi_fft_plan {
    size_t n, nstage;
    unsigned char radix[MSBI_FFT_MAX_STAGES];
    size_t m[MSBI_FFT_MAX_STAGES], s[MSBI_FFT_MAX_STAGES];
    const double *twr[MSBI_FFT_MAX_STAGES], *twi[MSBI_FFT_MAX_STAGES];
    size_t ntw; /* twiddles of all stages: mem[0 .. ntw-1] real, mem[ntw ..] imaginary parts */
    double *mem;
};

struct msbi_rfft_plan {
    size_t L;
    msbi_fft_plan *half;
    /* exp(-2 pi i k / L), k = 0 .. L/4: with 8 | L read from the octant table of L (the
     * first two octants: cos, sin of k <= L/8 and, mirrored, of L/8 < k <= L/4); otherwise
     * tabulated in wr, wi (NULL with 8 | L) */
    octant_table oct;
    double *wr, *wi;
};

/* ---------------------------------------------------------------- sizes */

size_t msbi_fft_good_size(size_t n)
{
    if (n <= 1) return 1;
    if (n > SIZE_MAX / 8) return 0;
    size_t best = SIZE_MAX;
    for (size_t p5 = 1; p5 < best; p5 *= 5) {
        for (size_t p35 = p5; p35 < best; p35 *= 3) {
            size_t m = p35;
            while (m < n) m *= 2; /* no overflow: m < n <= SIZE_MAX / 8 before doubling */
            if (m < best) best = m;
            if (p35 > SIZE_MAX / 3) break;
        }
        if (p5 > SIZE_MAX / 5) break;
    }
    return best;
}

size_t msbi_fft_good_size_even(size_t n)
{
    if (n <= 2) return 2;
    const size_t h = msbi_fft_good_size(n / 2 + n % 2);
    return h == 0 ? 0 : 2 * h;
}

#if defined(__linux__)
#include <sys/mman.h>

/* Loop pragmas for GCC's vectorizer (ivdep, unroll); other compilers (clang builds the fuzz
 * targets) would warn about an unknown pragma, so they see nothing. */
#if defined(__GNUC__) && !defined(__clang__)
#define MSBI_GCC_PRAGMA(x) _Pragma(x)
#else
#define MSBI_GCC_PRAGMA(x)
#endif
#endif

void msbi_advise_huge_pages(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    /* the whole 2 MiB pages inside [p, p + bytes); a hint only, its failure changes nothing */
    const uintptr_t H = (uintptr_t)2 << 20, a = ((uintptr_t)p + H - 1) & ~(H - 1);
    const uintptr_t e = ((uintptr_t)p + bytes) & ~(H - 1);
    if (e > a) (void)madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/* ---------------------------------------------------------------- twiddles */

/* Angles 2 pi j / n. With 8 | n, the first octant is tabulated (octant_fill) and the other
 * octants follow by exact symmetries; otherwise each value comes from a long double argument.
 * octant_alloc allocates the table and its long double factors; the table is then filled in
 * ranges (any split gives the same values) and octant_release frees the factors. */
static int octant_alloc(octant_table *t, size_t n)
{
    t->n = n;
    t->e = 0;
    t->bc = t->bs = NULL;
    t->tab = NULL;
    t->B = t->nc = 0;
    if (n % 8 != 0) return 0;
    t->e = n / 8;
    t->bc = msbi_alloc_array(t->e + 1, 2 * sizeof(double));
    if (t->bc == NULL) return -1;
    msbi_advise_huge_pages(t->bc, 2 * (t->e + 1) * sizeof(double));
    t->bs = t->bc + t->e + 1;
    /* angle(r1 B + r0) = angle(r1 B) + angle(r0): about 2 sqrt(e) libm calls in long double,
     * each value then from one complex product in long double (64-bit mantissa) rounded to
     * double, so within 0.5 ulp + 2^-10 ulp of the exact value */
    const size_t B = (size_t)sqrt((double)t->e) + 1, nc = t->e / B + 1;
    long double *tab = msbi_alloc_array(2 * (B + nc), sizeof(long double));
    if (tab == NULL) {
        msbi_free(t->bc);
        t->bc = t->bs = NULL;
        return -1;
    }
    long double *fc = tab, *fs = fc + B, *cc = fs + B, *cs = cc + nc;
    for (size_t r0 = 0; r0 < B; r0++) {
        const long double a = TWO_PI_L * (long double)r0 / (long double)n;
        fc[r0] = cosl(a);
        fs[r0] = sinl(a);
    }
    for (size_t r1 = 0; r1 < nc; r1++) {
        const long double a = TWO_PI_L * (long double)(r1 * B) / (long double)n;
        cc[r1] = cosl(a);
        cs[r1] = sinl(a);
    }
    t->tab = tab;
    t->B = B;
    t->nc = nc;
    return 0;
}

/* bc[r], bs[r] for ra <= r < rb (<= e + 1) */
static void octant_fill(const octant_table *t, size_t ra, size_t rb)
{
    const size_t B = t->B, nc = t->nc;
    const long double *fc = t->tab, *fs = fc + B, *cc = fs + B, *cs = cc + nc;
    size_t r1 = ra / B, r0 = ra % B;
    for (size_t r = ra; r < rb; r++) {
        t->bc[r] = (double)(cc[r1] * fc[r0] - cs[r1] * fs[r0]);
        t->bs[r] = (double)(cs[r1] * fc[r0] + cc[r1] * fs[r0]);
        if (++r0 == B) {
            r0 = 0;
            r1++;
        }
    }
}

static void octant_release(octant_table *t)
{
    msbi_free(t->tab);
    t->tab = NULL;
}

/* cos and sin of 2 pi (o e + r) / n, 0 <= o < 8, 0 <= r < e (t->bc not NULL). */
static inline void octant_value(const octant_table *t, size_t o, size_t r, double *c, double *s)
{
    const size_t rr = t->e - r;
    const double *bc = t->bc, *bs = t->bs;
    switch (o) {
    case 0: *c = bc[r]; *s = bs[r]; break;
    case 1: *c = bs[rr]; *s = bc[rr]; break;
    case 2: *c = -bs[r]; *s = bc[r]; break;
    case 3: *c = -bc[rr]; *s = bs[rr]; break;
    case 4: *c = -bc[r]; *s = -bs[r]; break;
    case 5: *c = -bs[rr]; *s = -bc[rr]; break;
    case 6: *c = bs[r]; *s = -bc[r]; break;
    default: *c = bc[rr]; *s = -bs[rr]; break;
    }
}

/* c[q], s[q] = cos and sin of 2 pi q step / n for qa <= q < qb, q step < n (octants walked
 * without divisions from the first). */
static void fill_twiddles(const octant_table *t, size_t step, size_t qa, size_t qb, double *c,
                          double *s)
{
    if (t->bc == NULL) {
        for (size_t q = qa; q < qb; q++) {
            const double a = (double)(TWO_PI_L * (long double)(q * step) / (long double)t->n);
            c[q] = cos(a);
            s[q] = sin(a);
        }
        return;
    }
    size_t o = qa * step / t->e, r = qa * step % t->e; /* q step = o e + r, 0 <= r < e */
    for (size_t q = qa; q < qb; q++) {
        octant_value(t, o, r, &c[q], &s[q]);
        r += step;
        while (r >= t->e && o < 8) {
            r -= t->e;
            o++;
        }
    }
}

/* ---------------------------------------------------------------- radix passes
 * Stage with sub-transform length R m and stride s (R m s = n): for p < m, q < s
 *   a_j = x[q + s (p + j m)],  b_k = sum_j a_j exp(-2 pi i j k / R),
 *   y[q + s (R p + k)] = b_k w^(p k),  w = exp(-2 pi i / (R m)),
 * twiddles w^p stored at tw[p], the higher powers formed in the pass (a third to a quarter of
 * the memory of a table of every power, which matters for plan creation at 10^6 points). */

/* A pass runs the butterflies f0 <= f < f1 of its m s (numbered f = s p + q for s >= QMIN and
 * s == 1, f = m q + p otherwise): every output is written by exactly one butterfly, so disjoint
 * ranges may run concurrently, and a butterfly's arithmetic does not depend on the range. */
#define RADIX_PASS(NAME, R, TWDECL, BODY)                                                         \
    static MSBI_KERNEL void NAME(size_t m, size_t s, const double *restrict xr,                  \
                                 const double *restrict xi, double *restrict yr,                 \
                                 double *restrict yi, const double *restrict twr,                \
                                 const double *restrict twi, size_t f0, size_t f1)               \
    {                                                                                             \
        const size_t is = s * m;                                                                  \
        if (s >= MSBI_FFT_QMIN) {                                                                 \
            for (size_t p = f0 / s; p * s < f1; p++) {                                            \
                TWDECL                                                                            \
                const size_t qa = p * s < f0 ? f0 - p * s : 0;                                    \
                const size_t qb = f1 - p * s < s ? f1 - p * s : s;                                \
                const double *restrict bxr = xr + s * p, *restrict bxi = xi + s * p;              \
                double *restrict byr = yr + s * (R) * p, *restrict byi = yi + s * (R) * p;        \
                MSBI_GCC_PRAGMA("GCC ivdep") for (size_t q = qa; q < qb; q++) {                   \
                    const size_t i0 = q, o0 = q;                                                  \
                    BODY                                                                          \
                }                                                                                 \
            }                                                                                     \
        } else if (s == 1) { /* first stage: contiguous loads, stores interleaved by R */        \
            const double *restrict bxr = xr, *restrict bxi = xi;                                  \
            double *restrict byr = yr, *restrict byi = yi;                                        \
            for (size_t p = f0; p < f1; p++) {                                                    \
                TWDECL                                                                            \
                const size_t i0 = p, o0 = (R) * p;                                                \
                BODY                                                                              \
            }                                                                                     \
        } else {                                                                                  \
            for (size_t q = f0 / m; q * m < f1; q++) {                                            \
                const size_t pa = q * m < f0 ? f0 - q * m : 0;                                    \
                const size_t pb = f1 - q * m < m ? f1 - q * m : m;                                \
                for (size_t p = pa; p < pb; p++) {                                                \
                    TWDECL                                                                        \
                    const double *restrict bxr = xr, *restrict bxi = xi;                          \
                    double *restrict byr = yr, *restrict byi = yi;                                \
                    const size_t i0 = s * p + q, o0 = s * (R) * p + q;                            \
                    BODY                                                                          \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
    }

#define LOAD(j) const double a##j##r = bxr[i0 + (j) * is], a##j##i = bxi[i0 + (j) * is];
/* y[o0 + k s] = b_k w_k */
#define STORE_TW(k)                                                                               \
    byr[o0 + (k) * s] = b##k##r * w##k##r - b##k##i * w##k##i;                                     \
    byi[o0 + (k) * s] = b##k##r * w##k##i + b##k##i * w##k##r;

#define TW2 const double w1r = twr[p], w1i = twi[p];
#define BODY2 \
    LOAD(0) LOAD(1)                                                                               \
    const double b1r = a0r - a1r, b1i = a0i - a1i;                                                \
    byr[o0] = a0r + a1r;                                                                           \
    byi[o0] = a0i + a1i;                                                                           \
    STORE_TW(1)
RADIX_PASS(pass2, 2, TW2, BODY2)

/* only w^p is stored: w^2p, w^3p, w^4p by complex products (each adds about 1 ulp) */
#define TWSQ                                                                                      \
    const double w2r = w1r * w1r - w1i * w1i, w2i = 2.0 * w1r * w1i;
#define TW3 TW2 TWSQ
/* b0 = a0 + t1, b1,2 = a0 - t1/2 -+ i (sqrt3/2) t2, t1 = a1 + a2, t2 = a1 - a2 */
#define BODY3 \
    LOAD(0) LOAD(1) LOAD(2)                                                                       \
    const double t1r = a1r + a2r, t1i = a1i + a2i;                                                \
    const double t2r = a1r - a2r, t2i = a1i - a2i;                                                \
    const double mr = a0r - 0.5 * t1r, mi = a0i - 0.5 * t1i;                                      \
    const double nr = S3 * t2i, ni = -S3 * t2r;                                                   \
    const double b1r = mr + nr, b1i = mi + ni, b2r = mr - nr, b2i = mi - ni;                      \
    byr[o0] = a0r + t1r;                                                                           \
    byi[o0] = a0i + t1i;                                                                           \
    STORE_TW(1) STORE_TW(2)
static const double S3 = 0.86602540378443864676372317075293618; /* sqrt(3)/2 */
RADIX_PASS(pass3, 3, TW3, BODY3)

#define TW4                                                                                       \
    TW2 TWSQ const double w3r = w2r * w1r - w2i * w1i, w3i = w2r * w1i + w2i * w1r;
/* b0,2 = (a0 + a2) +- (a1 + a3); b1,3 = (a0 - a2) -+ i (a1 - a3) */
#define BODY4 \
    LOAD(0) LOAD(1) LOAD(2) LOAD(3)                                                               \
    const double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;              \
    const double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;              \
    const double b1r = t1r + t3i, b1i = t1i - t3r;                                                \
    const double b2r = t0r - t2r, b2i = t0i - t2i;                                                \
    const double b3r = t1r - t3i, b3i = t1i + t3r;                                                \
    byr[o0] = t0r + t2r;                                                                           \
    byi[o0] = t0i + t2i;                                                                           \
    STORE_TW(1) STORE_TW(2) STORE_TW(3)
RADIX_PASS(pass4, 4, TW4, BODY4)

#define TW5                                                                                       \
    TW4 const double w4r = w2r * w2r - w2i * w2i, w4i = 2.0 * w2r * w2i;
/* t1 = a1 + a4, t2 = a2 + a3, t3 = a1 - a4, t4 = a2 - a3;
 * b1,4 = a0 + c1 t1 + c2 t2 -+ i (s1 t3 + s2 t4); b2,3 = a0 + c2 t1 + c1 t2 -+ i (s2 t3 - s1 t4)
 * with c1,2 = cos(2 pi / 5), cos(4 pi / 5) and s1,2 = sin(2 pi / 5), sin(4 pi / 5). */
#define BODY5 \
    LOAD(0) LOAD(1) LOAD(2) LOAD(3) LOAD(4)                                                       \
    const double t1r = a1r + a4r, t1i = a1i + a4i, t2r = a2r + a3r, t2i = a2i + a3i;              \
    const double t3r = a1r - a4r, t3i = a1i - a4i, t4r = a2r - a3r, t4i = a2i - a3i;              \
    const double m1r = a0r + C51 * t1r + C52 * t2r, m1i = a0i + C51 * t1i + C52 * t2i;            \
    const double m2r = a0r + C52 * t1r + C51 * t2r, m2i = a0i + C52 * t1i + C51 * t2i;            \
    const double u1r = S51 * t3r + S52 * t4r, u1i = S51 * t3i + S52 * t4i;                        \
    const double u2r = S52 * t3r - S51 * t4r, u2i = S52 * t3i - S51 * t4i;                        \
    const double b1r = m1r + u1i, b1i = m1i - u1r, b4r = m1r - u1i, b4i = m1i + u1r;              \
    const double b2r = m2r + u2i, b2i = m2i - u2r, b3r = m2r - u2i, b3i = m2i + u2r;              \
    byr[o0] = a0r + t1r + t2r;                                                                     \
    byi[o0] = a0i + t1i + t2i;                                                                     \
    STORE_TW(1) STORE_TW(2) STORE_TW(3) STORE_TW(4)
static const double C51 = 0.30901699437494742410229341718281906;  /* cos(2 pi / 5) */
static const double C52 = -0.80901699437494742410229341718281906; /* cos(4 pi / 5) */
static const double S51 = 0.95105651629515357211643933337938214;  /* sin(2 pi / 5) */
static const double S52 = 0.58778525229247312916870595463907277;  /* sin(4 pi / 5) */
RADIX_PASS(pass5, 5, TW5, BODY5)

/* Two consecutive radix-5 stages k, k+1 in one sweep over memory (they are memory-bound for
 * long transforms). Stage k+1 (stride 5 s, m2 = m / 5) reads stage k's outputs
 * y[q + s (5 p + kk)] for p = p2 + j' m2, j' < 5, and fixed kk: the 25 values of one (p2, q)
 * group are closed under the two stages, so they are loaded once, taken through 5 + 5
 * butterflies in registers (or L1) and stored once. Twiddles: stage k's w^p at p = p2 + j' m2
 * (tw1, m entries), stage k+1's at p2 (tw2, m2 entries). */
static inline void dft5(double *r, double *i)
{
    const double t1r = r[1] + r[4], t1i = i[1] + i[4], t2r = r[2] + r[3], t2i = i[2] + i[3];
    const double t3r = r[1] - r[4], t3i = i[1] - i[4], t4r = r[2] - r[3], t4i = i[2] - i[3];
    const double m1r = r[0] + C51 * t1r + C52 * t2r, m1i = i[0] + C51 * t1i + C52 * t2i;
    const double m2r = r[0] + C52 * t1r + C51 * t2r, m2i = i[0] + C52 * t1i + C51 * t2i;
    const double u1r = S51 * t3r + S52 * t4r, u1i = S51 * t3i + S52 * t4i;
    const double u2r = S52 * t3r - S51 * t4r, u2i = S52 * t3i - S51 * t4i;
    r[0] = r[0] + t1r + t2r;
    i[0] = i[0] + t1i + t2i;
    r[1] = m1r + u1i;
    i[1] = m1i - u1r;
    r[4] = m1r - u1i;
    i[4] = m1i + u1r;
    r[2] = m2r + u2i;
    i[2] = m2i - u2r;
    r[3] = m2r - u2i;
    i[3] = m2i + u2r;
}

/* w[0..4] = 1, w, w^2, w^3, w^4 for w = (br, bi): the products of TW5 */
static inline void powers5(double br, double bi, double *wr, double *wi)
{
    wr[0] = 1.0;
    wi[0] = 0.0;
    wr[1] = br;
    wi[1] = bi;
    wr[2] = br * br - bi * bi;
    wi[2] = 2.0 * br * bi;
    wr[3] = wr[2] * br - wi[2] * bi;
    wi[3] = wr[2] * bi + wi[2] * br;
    wr[4] = wr[2] * wr[2] - wi[2] * wi[2];
    wi[4] = 2.0 * wr[2] * wi[2];
}

static MSBI_KERNEL void pass55(size_t m2, size_t s, const double *restrict xr,
                               const double *restrict xi, double *restrict yr,
                               double *restrict yi, const double *restrict tw1r,
                               const double *restrict tw1i, const double *restrict tw2r,
                               const double *restrict tw2i, size_t f0, size_t f1)
{
    /* butterfly groups f = s p2 + q, f0 <= f < f1 */
    const size_t is = s * 5 * m2, is2 = s * m2;
    for (size_t p2 = f0 / s; p2 * s < f1; p2++) {
        const size_t qa = p2 * s < f0 ? f0 - p2 * s : 0, qb = f1 - p2 * s < s ? f1 - p2 * s : s;
        double w1r[5][5], w1i[5][5], w2r[5], w2i[5];
        for (int jj = 0; jj < 5; jj++)
            powers5(tw1r[p2 + (size_t)jj * m2], tw1i[p2 + (size_t)jj * m2], w1r[jj], w1i[jj]);
        powers5(tw2r[p2], tw2i[p2], w2r, w2i);
        const double *restrict bxr = xr + s * p2, *restrict bxi = xi + s * p2;
        double *restrict byr = yr + 25 * s * p2, *restrict byi = yi + 25 * s * p2;
        MSBI_GCC_PRAGMA("GCC ivdep") for (size_t q = qa; q < qb; q++) {
            double ar[5][5], ai[5][5]; /* [j'][k] */
            MSBI_GCC_PRAGMA("GCC unroll 5") for (int jj = 0; jj < 5; jj++) {
                double r[5], i[5];
                MSBI_GCC_PRAGMA("GCC unroll 5") for (int j = 0; j < 5; j++) {
                    r[j] = bxr[q + (size_t)jj * is2 + (size_t)j * is];
                    i[j] = bxi[q + (size_t)jj * is2 + (size_t)j * is];
                }
                dft5(r, i);
                MSBI_GCC_PRAGMA("GCC unroll 5") for (int k = 0; k < 5; k++) {
                    ar[k][jj] = r[k] * w1r[jj][k] - i[k] * w1i[jj][k];
                    ai[k][jj] = r[k] * w1i[jj][k] + i[k] * w1r[jj][k];
                }
            }
            MSBI_GCC_PRAGMA("GCC unroll 5") for (int k = 0; k < 5; k++) {
                dft5(ar[k], ai[k]);
                MSBI_GCC_PRAGMA("GCC unroll 5") for (int kk = 0; kk < 5; kk++) {
                    /* z[q + s k + 5 s (5 p2 + kk)] */
                    byr[q + s * (size_t)k + 5 * s * (size_t)kk] =
                        ar[k][kk] * w2r[kk] - ai[k][kk] * w2i[kk];
                    byi[q + s * (size_t)k + 5 * s * (size_t)kk] =
                        ar[k][kk] * w2i[kk] + ai[k][kk] * w2r[kk];
                }
            }
        }
    }
}

/* ---------------------------------------------------------------- complex plans */

/* A plan of length n: its stages and twiddle memory, the twiddles not yet filled
 * (plan_twiddles). */
static msb_status plan_alloc(const char *where, size_t n, msbi_fft_plan **out)
{
    if (n == 0) return msbi_error(MSB_ESIZE, where, "FFT length must be >= 1");
    msbi_fft_plan *p = msbi_calloc(1, sizeof *p);
    if (p == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    p->n = n;
    size_t r = n, ntw = 0;
    while (r > 1) {
        unsigned char R;
        if (r % 4 == 0) R = 4;
        else if (r % 2 == 0) R = 2;
        else if (r % 3 == 0) R = 3;
        else if (r % 5 == 0) R = 5;
        else {
            msbi_free(p);
            return msbi_error(MSB_EINVAL, where, "FFT length %zu has a prime factor above 5", n);
        }
        p->radix[p->nstage++] = R;
        r /= R;
    }
    /* stage k: sub-transform length R m, stride s = product of the earlier radices */
    size_t s = 1;
    for (size_t k = 0; k < p->nstage; k++) {
        p->s[k] = s;
        p->m[k] = n / (s * p->radix[k]);
        ntw += p->m[k]; /* <= n / 2 in total */
        s *= p->radix[k];
    }
    p->mem = msbi_alloc_array(ntw > 0 ? ntw : 1, 2 * sizeof(double));
    if (p->mem == NULL) {
        msbi_free(p);
        return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT plan", n);
    }
    msbi_advise_huge_pages(p->mem, 2 * ntw * sizeof(double));
    p->ntw = ntw;
    double *twr = p->mem, *twi = p->mem + ntw;
    for (size_t k = 0; k < p->nstage; k++) {
        p->twr[k] = twr;
        p->twi[k] = twi;
        twr += p->m[k];
        twi += p->m[k];
    }
    /* consecutive radix-5 stages with stride >= 4 (vectorizable along q) run fused, for
     * transforms that fit in cache: there it saves ~7 % (20,000 points); for longer ones the 50
     * concurrent streams of a fused pass cost more in TLB and cache misses than the saved
     * sweep (measured at 1.5e6 points) */
    for (size_t k = 0; k + 1 < p->nstage && n <= MSBI_FFT_FUSE_MAX; k++)
        if (p->radix[k] == 5 && p->radix[k + 1] == 5 && p->s[k] >= MSBI_FFT_QMIN) {
            p->radix[k] = 25;
            k++;
        }
    *out = p;
    return MSB_SUCCESS;
}

/* Twiddles ga <= g < gb of the plan's ntw (stage by stage): stage k's w^q, q < m, with
 * w = exp(-2 pi i / (R m)) = exp(-2 pi i s / n), from the angle table oct of length mult n. */
static void plan_twiddles(msbi_fft_plan *p, const octant_table *oct, size_t mult, size_t ga,
                          size_t gb)
{
    size_t off = 0;
    for (size_t k = 0; k < p->nstage && off < gb; off += p->m[k], k++) {
        const size_t lo = ga > off ? ga - off : 0, hi = gb - off < p->m[k] ? gb - off : p->m[k];
        if (lo >= hi) continue;
        double *twr = p->mem + off, *twi = p->mem + p->ntw + off;
        fill_twiddles(oct, mult * p->s[k], lo, hi, twr, twi);
        for (size_t q = lo; q < hi; q++) twi[q] = -twi[q];
    }
}

/* A plan of length n with twiddles from an octant table of length n made here. */
static msb_status plan_create(const char *where, size_t n, msbi_fft_plan **out)
{
    msbi_fft_plan *p = NULL;
    MSBI_TRY(plan_alloc(where, n, &p));
    octant_table own;
    if (octant_alloc(&own, n) != 0) {
        msbi_fft_plan_destroy(p);
        return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT plan", n);
    }
    if (own.bc != NULL) octant_fill(&own, 0, own.e + 1);
    octant_release(&own);
    plan_twiddles(p, &own, 1, 0, p->ntw);
    msbi_free(own.bc);
    *out = p;
    return MSB_SUCCESS;
}

msb_status msbi_fft_plan_create(const char *where, size_t n, msbi_fft_plan **out)
{
    return plan_create(where, n, out);
}

void msbi_fft_plan_destroy(msbi_fft_plan *plan)
{
    if (plan == NULL) return;
    msbi_free(plan->mem);
    msbi_free(plan);
}

size_t msbi_fft_plan_length(const msbi_fft_plan *plan)
{
    return plan->n;
}

/* One stage (or two fused radix-5 stages) over the butterflies of chunks, for msbi_team_phase. */
typedef struct {
    const msbi_fft_plan *p;
    size_t k, total, nch;
    const double *xr, *xi;
    double *yr, *yi;
    /* stage 0 of a real transform: input z_j = rx[2j] + i rx[2j+1] (j < rn / 2; z_(rn/2) =
     * rx[rn-1] for odd rn; zero beyond) read from rx itself, not from xr, xi; else NULL */
    const double *rx;
    size_t rn;
    int pair01; /* with rx: stages 0 and 1 in one sweep (stages01_real) */
} stage_job;

/* z_j for j = j0 .. j0+cnt-1 (as above) into dr, di */
static void real_input_row(const double *restrict x, size_t n, size_t j0, size_t cnt,
                           double *restrict dr, double *restrict di)
{
    const size_t pairs = n / 2, j1 = j0 + cnt, jc = j1 < pairs ? j1 : pairs;
    size_t j = j0;
    for (; j < jc; j++) {
        dr[j - j0] = x[2 * j];
        di[j - j0] = x[2 * j + 1];
    }
    if (j == pairs && j < j1 && n % 2) {
        dr[j - j0] = x[n - 1];
        di[j - j0] = 0.0;
        j++;
    }
    for (; j < j1; j++) dr[j - j0] = di[j - j0] = 0.0;
}

/* Stage 0 (s = 1) of a real transform on butterflies p = f0 .. f1-1, from the real input: in
 * blocks of B butterflies, the R input rows z_(p + j m) are gathered into L1-resident arrays and
 * the pass runs on those (the same arithmetic per butterfly; the input is never written out
 * deinterleaved and zero-padded, one sweep over the transform length less). */
static void stage0_real(const stage_job *S, size_t f0, size_t f1)
{
    enum { B = 256 };
    double br[5 * B], bi[5 * B];
    const msbi_fft_plan *p = S->p;
    const size_t m = p->m[0], R = p->radix[0];
    for (size_t pa = f0; pa < f1; pa += B) {
        const size_t nb = f1 - pa < B ? f1 - pa : B;
        for (size_t j = 0; j < R; j++)
            real_input_row(S->rx, S->rn, pa + j * m, nb, br + j * nb, bi + j * nb);
        double *yr = S->yr + R * pa, *yi = S->yi + R * pa;
        const double *twr = p->twr[0] + pa, *twi = p->twi[0] + pa;
        switch (R) {
        case 2: pass2(nb, 1, br, bi, yr, yi, twr, twi, 0, nb); break;
        case 3: pass3(nb, 1, br, bi, yr, yi, twr, twi, 0, nb); break;
        case 4: pass4(nb, 1, br, bi, yr, yi, twr, twi, 0, nb); break;
        default: pass5(nb, 1, br, bi, yr, yi, twr, twi, 0, nb); break;
        }
    }
}

static void run_pass(size_t R, size_t m, size_t s, const double *xr, const double *xi, double *yr,
                     double *yi, const double *twr, const double *twi, size_t f0, size_t f1)
{
    switch (R) {
    case 2: pass2(m, s, xr, xi, yr, yi, twr, twi, f0, f1); break;
    case 3: pass3(m, s, xr, xi, yr, yi, twr, twi, f0, f1); break;
    case 4: pass4(m, s, xr, xi, yr, yi, twr, twi, f0, f1); break;
    default: pass5(m, s, xr, xi, yr, yi, twr, twi, f0, f1); break;
    }
}

/* Stages 0 and 1 (radices R0, R1 <= 5) of a real transform in one sweep, for the stage-1
 * butterfly groups p1 = f0 .. f1-1 (m1 = n / (R0 R1) of them): group p1 needs the R0 R1 input
 * rows z_(p1 + m1 (j + R1 j0)), j < R1, j0 < R0 (stage 0's butterflies p1 + j m1), and its
 * outputs are the contiguous y[R0 R1 p1 .. R0 R1 (p1 + 1) - 1]. In blocks of 32 groups the
 * rows are gathered into L1 and both passes run there (the same arithmetic per butterfly):
 * the input is read once and y written once, one sweep over the transform less. */
static void stages01_real(const stage_job *S, size_t f0, size_t f1)
{
    enum { B = 32 };
    double gr[25 * B], gi[25 * B], lr[25 * B], li[25 * B];
    const msbi_fft_plan *p = S->p;
    const size_t R0 = p->radix[0], R1 = p->radix[1], m0 = p->m[0], m1 = p->m[1];
    for (size_t a = f0; a < f1; a += B) {
        const size_t nb = f1 - a < B ? f1 - a : B;
        /* stage 0's butterfly p1 + j m1: rows j0 at (j R0 + j0) nb */
        for (size_t j = 0; j < R1; j++)
            for (size_t j0 = 0; j0 < R0; j0++)
                real_input_row(S->rx, S->rn, a + j * m1 + j0 * m0, nb, gr + (j * R0 + j0) * nb,
                               gi + (j * R0 + j0) * nb);
        /* stage 0 (s = 1, its m taken as nb): outputs l[j R0 nb + R0 i + k] */
        for (size_t j = 0; j < R1; j++)
            run_pass(R0, nb, 1, gr + j * R0 * nb, gi + j * R0 * nb, lr + j * R0 * nb,
                     li + j * R0 * nb, p->twr[0] + a + j * m1, p->twi[0] + a + j * m1, 0, nb);
        /* stage 1 (s = R0, its m taken as nb): l[q + R0 (i + j nb)] -> y[R0 R1 a + ...] */
        run_pass(R1, nb, R0, lr, li, S->yr + R0 * R1 * a, S->yi + R0 * R1 * a, p->twr[1] + a,
                 p->twi[1] + a, 0, R0 * nb);
    }
}

static void stage_range(const stage_job *S, size_t f0, size_t f1)
{
    if (S->pair01) {
        stages01_real(S, f0, f1);
        return;
    }
    if (S->rx != NULL) {
        stage0_real(S, f0, f1);
        return;
    }
    const msbi_fft_plan *p = S->p;
    const size_t k = S->k, m = p->m[k], s = p->s[k];
    const double *xr = S->xr, *xi = S->xi;
    double *yr = S->yr, *yi = S->yi;
    switch (p->radix[k]) {
    case 2: pass2(m, s, xr, xi, yr, yi, p->twr[k], p->twi[k], f0, f1); break;
    case 3: pass3(m, s, xr, xi, yr, yi, p->twr[k], p->twi[k], f0, f1); break;
    case 4: pass4(m, s, xr, xi, yr, yi, p->twr[k], p->twi[k], f0, f1); break;
    case 5: pass5(m, s, xr, xi, yr, yi, p->twr[k], p->twi[k], f0, f1); break;
    default: /* 25: stages k and k+1 fused */
        pass55(p->m[k + 1], s, xr, xi, yr, yi, p->twr[k], p->twi[k], p->twr[k + 1],
               p->twi[k + 1], f0, f1);
        break;
    }
}

static void stage_chunk(void *ctx, size_t c)
{
    const stage_job *S = ctx;
    stage_range(S, msbi_chunk_lo(S->total, S->nch, c), msbi_chunk_lo(S->total, S->nch, c + 1));
}

/* Runs the stages, ping-ponging between (re, im) and (wr, wi); returns 1 if the result ended
 * in (wr, wi), 0 if in (re, im). cur NULL: each stage in one sweep; else each stage is a phase
 * of the cursor's team, in msbi_chunk_count chunks. rx not NULL (a plan with stages): stage 0
 * reads the real input rx[0..rn-1] as z (stage_job), not (re, im). */
static int run_stages(const msbi_fft_plan *p, double *re, double *im, double *wr, double *wi,
                      msbi_team_cursor *cur, const double *rx, size_t rn)
{
    double *xr = re, *xi = im, *yr = wr, *yi = wi;
    int in_work = 0;
    size_t k0 = 0;
    if (rx != NULL && p->nstage >= 2 && p->radix[1] <= 5) {
        /* stages 0 and 1 in one phase over the stage-1 groups, into (re, im) as after two
         * stages; chunked as stage 1 would be */
        stage_job S = {p, 0, p->m[1], 1, NULL, NULL, re, im, rx, rn, 1};
        if (cur == NULL) {
            stage_range(&S, 0, S.total);
        } else {
            const size_t nch = msbi_chunk_count(p->n / p->radix[1]);
            S.nch = nch < S.total ? nch : S.total;
            msbi_team_phase(cur, S.nch, stage_chunk, &S);
        }
        k0 = 2;
    }
    for (size_t k = k0; k < p->nstage; k++) {
        const int fused = p->radix[k] == 25;
        stage_job S = {p, k, p->n / p->radix[k], 1, xr, xi, yr, yi, k == 0 ? rx : NULL, rn, 0};
        if (cur == NULL) {
            stage_range(&S, 0, S.total);
        } else {
            S.nch = msbi_chunk_count(S.total);
            msbi_team_phase(cur, S.nch, stage_chunk, &S);
        }
        if (fused) k++;
        double *tr = xr, *ti = xi;
        xr = yr;
        xi = yi;
        yr = tr;
        yi = ti;
        in_work ^= 1;
    }
    return in_work;
}

size_t msbi_fft_work_size(const msbi_fft_plan *plan)
{
    return 2 * plan->n;
}

void msbi_fft_forward(const msbi_fft_plan *plan, double *re, double *im, double *work)
{
    const size_t n = plan->n;
    if (run_stages(plan, re, im, work, work + n, NULL, NULL, 0)) {
        memcpy(re, work, n * sizeof(double));
        memcpy(im, work + n, n * sizeof(double));
    }
}

/* The inverse is the forward transform with real and imaginary parts exchanged:
 * swap(z) = i conj(z), so DFT(swap(x)) = swap(IDFT(x)). */
void msbi_fft_inverse(const msbi_fft_plan *plan, double *re, double *im, double *work)
{
    msbi_fft_forward(plan, im, re, work);
}

/* ---------------------------------------------------------------- real plans */

msb_status msbi_rfft_plan_alloc(const char *where, size_t L, msbi_rfft_plan **out)
{
    if (L < 2) return msbi_error(MSB_ESIZE, where, "real FFT length must be >= 2 (got %zu)", L);
    if (L % 2 != 0) return msbi_error(MSB_EINVAL, where, "real FFT length must be even (got %zu)", L);
    msbi_rfft_plan *p = msbi_calloc(1, sizeof *p);
    if (p == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    p->L = L;
    /* one angle table of L for both the half-length plan (angles 2 pi j / (L/2) at even
     * positions) and the split's w^k */
    if (octant_alloc(&p->oct, L) != 0) {
        msbi_free(p);
        return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT plan", L);
    }
    msb_status st = plan_alloc(where, L / 2, &p->half);
    if (st) {
        msbi_rfft_plan_destroy(p);
        return st;
    }
    if (p->oct.bc == NULL) { /* 8 does not divide L: the split's w^k tabulated */
        const size_t nw = L / 4 + 1;
        p->wr = msbi_alloc_array(nw, 2 * sizeof(double));
        if (p->wr == NULL) {
            msbi_rfft_plan_destroy(p);
            return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT plan", L);
        }
        p->wi = p->wr + nw;
    }
    *out = p;
    return MSB_SUCCESS;
}

/* Plan filling as two phases: the angle table, then the half-length plan's twiddles followed by
 * the split's tabulated w^k (k = 0 .. L/4) when 8 does not divide L. */
static void rplan_octant_chunk(void *ctx, size_t c)
{
    const msbi_rfft_plan *p = ctx;
    const size_t n = p->oct.e + 1, nch = msbi_chunk_count(n);
    octant_fill(&p->oct, msbi_chunk_lo(n, nch, c), msbi_chunk_lo(n, nch, c + 1));
}

static size_t rplan_ntw(const msbi_rfft_plan *p)
{
    return p->half->ntw + (p->wr != NULL ? p->L / 4 + 1 : 0);
}

static void rplan_twiddle_chunk(void *ctx, size_t c)
{
    msbi_rfft_plan *p = ctx;
    const size_t n = rplan_ntw(p), nch = msbi_chunk_count(n), h = p->half->ntw;
    const size_t ga = msbi_chunk_lo(n, nch, c), gb = msbi_chunk_lo(n, nch, c + 1);
    if (ga < h) plan_twiddles(p->half, &p->oct, 2, ga, gb < h ? gb : h);
    if (gb > h) {
        const size_t ka = ga > h ? ga - h : 0, kb = gb - h;
        fill_twiddles(&p->oct, 1, ka, kb, p->wr, p->wi);
        for (size_t k = ka; k < kb; k++) p->wi[k] = -p->wi[k];
    }
}

void msbi_rfft_plan_fill(msbi_rfft_plan *plan, msbi_team_cursor *cur)
{
    if (plan->oct.bc != NULL)
        msbi_team_phase(cur, msbi_chunk_count(plan->oct.e + 1), rplan_octant_chunk, plan);
    msbi_team_phase(cur, msbi_chunk_count(rplan_ntw(plan)), rplan_twiddle_chunk, plan);
}

msb_status msbi_rfft_plan_create(const char *where, size_t L, msbi_rfft_plan **out)
{
    msbi_rfft_plan *p = NULL;
    MSBI_TRY(msbi_rfft_plan_alloc(where, L, &p));
    msbi_team_cursor solo = msbi_team_join(NULL);
    msbi_rfft_plan_fill(p, &solo);
    octant_release(&p->oct);
    *out = p;
    return MSB_SUCCESS;
}

void msbi_rfft_plan_destroy(msbi_rfft_plan *plan)
{
    if (plan == NULL) return;
    msbi_fft_plan_destroy(plan->half);
    msbi_free(plan->oct.bc);
    octant_release(&plan->oct);
    msbi_free(plan->wr);
    msbi_free(plan);
}

size_t msbi_rfft_plan_length(const msbi_rfft_plan *plan)
{
    return plan->L;
}

size_t msbi_rfft_work_size(const msbi_rfft_plan *plan)
{
    return msbi_rfft_work_size_for(plan->L);
}

size_t msbi_rfft_work_size_for(size_t L)
{
    return 2 * L;
}

/* Runs the statements (the variadic arguments) for k = ka .. kb-1 (1 <= ka, kb <= N/2 + 1) with
 * (wr, wi) = w^k, w = exp(-2 pi i / L), from the plan's table or, with 8 | L (N/2 = 2 e), from
 * the first two octants of its angle table: w^k = (bc[k], -bs[k]) for k <= e, (bs[2e - k],
 * -bc[2e - k]) for e < k <= 2 e (cos and sin exchanged about pi/4). */
#define SPLIT_LOOP(plan, ka, kb, ...)                                                             \
    do {                                                                                          \
        if ((plan)->wr != NULL) {                                                                 \
            MSBI_GCC_PRAGMA("GCC ivdep") for (size_t k = (ka); k < (kb); k++) {                   \
                const double wr = (plan)->wr[k], wi = (plan)->wi[k];                              \
                __VA_ARGS__                                                                       \
            }                                                                                     \
        } else {                                                                                  \
            const double *restrict bc = (plan)->oct.bc, *restrict bs = (plan)->oct.bs;            \
            const size_t e = (plan)->oct.e, k1 = (kb) < e + 1 ? (kb) : e + 1;                     \
            const size_t k2 = (ka) > e + 1 ? (ka) : e + 1;                                        \
            MSBI_GCC_PRAGMA("GCC ivdep") for (size_t k = (ka); k < k1; k++) {                     \
                const double wr = bc[k], wi = -bs[k];                                             \
                __VA_ARGS__                                                                       \
            }                                                                                     \
            MSBI_GCC_PRAGMA("GCC ivdep") for (size_t k = k2; k < (kb); k++) {                     \
                const double wr = bs[2 * e - k], wi = -bc[2 * e - k];                             \
                __VA_ARGS__                                                                       \
            }                                                                                     \
        }                                                                                         \
    } while (0)

/* A real transform as phases: (forward) the input deinterleaved and zero-padded, the stages,
 * the split (to the spectrum or its power); (inverse) the split, the stages, the unpacking.
 * Every phase runs in msbi_chunk_count chunks of its index range, alone (cursor of
 * msbi_team_join(NULL)) or shared by a team: the same arithmetic for every element either way.
 * The split's chunks run over k = 1 .. N/2 and each also does k' = N - k; chunk 0 does k = 0. */
typedef struct {
    const msbi_rfft_plan *plan;
    size_t N, nch;
    /* forward input */
    size_t n;
    const double *x;
    double *zr, *zi;           /* half-length complex input (N each) */
    const double *outr, *outi; /* the complex transform's result */
    /* forward output: re, im (N + 1 each), or the power spectrum pw[k] (=|+=) scale |X_k|^2 */
    double *re, *im, *pw;
    double scale;
    int add;
    /* inverse input: spectrum sre (+ sim; NULL: a real spectrum) */
    const double *sre, *sim;
    /* inverse output */
    size_t n_out;
    double *xo;
} rjob;

static void split_range(const rjob *J, size_t c, size_t *ka, size_t *kb)
{
    const size_t half = J->N / 2;
    *ka = 1 + msbi_chunk_lo(half, J->nch, c);
    *kb = 1 + msbi_chunk_lo(half, J->nch, c + 1);
}

static void deinterleave_chunk(void *ctx, size_t c)
{
    const rjob *J = ctx;
    const size_t j0 = msbi_chunk_lo(J->N, J->nch, c), j1 = msbi_chunk_lo(J->N, J->nch, c + 1);
    const size_t pairs = J->n / 2, jc = j1 < pairs ? j1 : pairs;
    const double *restrict x = J->x;
    double *restrict zr = J->zr, *restrict zi = J->zi;
    size_t j = j0;
    for (; j < jc; j++) {
        zr[j] = x[2 * j];
        zi[j] = x[2 * j + 1];
    }
    if (j == pairs && j < j1 && J->n % 2) {
        zr[j] = x[J->n - 1];
        zi[j] = 0.0;
        j++;
    }
    if (j < j1) {
        memset(zr + j, 0, (j1 - j) * sizeof(double));
        memset(zi + j, 0, (j1 - j) * sizeof(double));
    }
}

/* With z_j = x_2j + i x_2j+1 and Z = DFT_N(z), N = L/2, w = exp(-2 pi i / L):
 *   E_k = (Z_k + conj Z_(N-k)) / 2,  O_k = -i (Z_k - conj Z_(N-k)) / 2,
 *   X_k = E_k + w^k O_k,  X_(N-k) = conj(E_k - w^k O_k). */
#define FORWARD_SPLIT(OUT)                                                                        \
    const double ar = zr[k], ai = zi[k], br = zr[N - k], bi = zi[N - k];                          \
    const double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);                                      \
    const double orr = 0.5 * (ai + bi), oi = -0.5 * (ar - br);                                    \
    const double pr = wr * orr - wi * oi, pi = wr * oi + wi * orr;                                \
    const double x1r = er + pr, x1i = ei + pi, x2r = er - pr, x2i = pi - ei;                      \
    OUT

static void forward_split_chunk(void *ctx, size_t c)
{
    const rjob *J = ctx;
    const msbi_rfft_plan *plan = J->plan;
    const size_t N = J->N;
    const double *restrict zr = J->outr, *restrict zi = J->outi;
    size_t ka, kb;
    split_range(J, c, &ka, &kb);
    /* k = 0 and N (chunk 0): Z_0 read before the stores, which may overwrite it in place */
    const double z0r = c == 0 ? zr[0] : 0.0, z0i = c == 0 ? zi[0] : 0.0;
    if (J->pw == NULL) {
        double *restrict re = J->re, *restrict im = J->im;
        SPLIT_LOOP(plan, ka, kb, FORWARD_SPLIT(re[k] = x1r; im[k] = x1i; re[N - k] = x2r;
                                               im[N - k] = x2i;));
        if (c == 0) {
            re[0] = z0r + z0i;
            im[0] = 0.0;
            re[N] = z0r - z0i;
            im[N] = 0.0;
        }
        return;
    }
    double *restrict pw = J->pw;
    const double f = J->scale;
    /* k < N - k here; k = N - k (N even) once, from X_(N-k) as the spectrum's last store */
    const size_t kc = kb < (N + 1) / 2 ? kb : (N + 1) / 2, kh = kc > ka ? kc : ka;
    if (J->add) {
        SPLIT_LOOP(plan, ka, kc, FORWARD_SPLIT(pw[k] += (x1r * x1r + x1i * x1i) * f;
                                               pw[N - k] += (x2r * x2r + x2i * x2i) * f;));
        SPLIT_LOOP(plan, kh, kb, FORWARD_SPLIT((void)x1r; (void)x1i;
                                               pw[N - k] += (x2r * x2r + x2i * x2i) * f;));
    } else {
        SPLIT_LOOP(plan, ka, kc, FORWARD_SPLIT(pw[k] = (x1r * x1r + x1i * x1i) * f;
                                               pw[N - k] = (x2r * x2r + x2i * x2i) * f;));
        SPLIT_LOOP(plan, kh, kb, FORWARD_SPLIT((void)x1r; (void)x1i;
                                               pw[N - k] = (x2r * x2r + x2i * x2i) * f;));
    }
    if (c == 0) {
        const double x0r = z0r + z0i, xnr = z0r - z0i, zero = 0.0;
        if (J->add) {
            pw[0] += (x0r * x0r + zero * zero) * f;
            pw[N] += (xnr * xnr + zero * zero) * f;
        } else {
            pw[0] = (x0r * x0r + zero * zero) * f;
            pw[N] = (xnr * xnr + zero * zero) * f;
        }
    }
}

/* Forward: input zr, zi, stage work wr, wi (N each; zr, zi may be the outputs re, im). */
static void rfft_forward_run(rjob *J, double *wr, double *wi, msbi_team_cursor *cur)
{
    const size_t N = J->N;
    int in_work = 0;
    if (J->plan->half->nstage == 0) { /* N = 1 */
        J->nch = msbi_chunk_count(N);
        msbi_team_phase(cur, J->nch, deinterleave_chunk, J);
    } else { /* the first stage reads x */
        in_work = run_stages(J->plan->half, J->zr, J->zi, wr, wi, cur, J->x, J->n);
    }
    J->outr = in_work ? wr : J->zr;
    J->outi = in_work ? wi : J->zi;
    J->nch = msbi_chunk_count(N / 2);
    msbi_team_phase(cur, J->nch, forward_split_chunk, J);
}

void msbi_rfft_forward(const msbi_rfft_plan *plan, size_t n, const double *x, double *re,
                       double *im, double *work)
{
    const size_t N = plan->L / 2;
    rjob J = {.plan = plan, .N = N, .n = n, .x = x, .zr = re, .zi = im, .re = re, .im = im};
    msbi_team_cursor solo = msbi_team_join(NULL);
    rfft_forward_run(&J, work, work + N, &solo);
}

void msbi_rfft_power(const msbi_rfft_plan *plan, size_t n, const double *x, double scale,
                     int add, double *pw, double *work, msbi_team_cursor *cur)
{
    const size_t N = plan->L / 2;
    rjob J = {.plan = plan, .N = N, .n = n, .x = x, .zr = work, .zi = work + N, .pw = pw,
              .scale = scale, .add = add};
    rfft_forward_run(&J, work + 2 * N, work + 3 * N, cur);
}

/* Z_k = P + i R with P = X_k + conj X_(N-k), R = conj(w^k) (X_k - conj X_(N-k)) (= 2 (E_k +
 * i O_k) of the forward split); Z_(N-k) = conj P + i conj R. Then L x = IDFT_N(Z) unpacked. */
static void inverse_split_chunk(void *ctx, size_t c)
{
    const rjob *J = ctx;
    const msbi_rfft_plan *plan = J->plan;
    const size_t N = J->N;
    double *restrict zr = J->zr, *restrict zi = J->zi;
    size_t ka, kb;
    split_range(J, c, &ka, &kb);
    const double *restrict re = J->sre, *restrict im = J->sim;
    if (c == 0) {
        zr[0] = re[0] + re[N];
        zi[0] = re[0] - re[N];
    }
    if (im == NULL) { /* real spectrum: the same with ai = bi = 0 */
        SPLIT_LOOP(plan, ka, kb, {
            const double pr = re[k] + re[N - k], qr = re[k] - re[N - k];
            const double rr = wr * qr, ri = -wi * qr;
            zr[k] = pr - ri;
            zi[k] = rr;
            zr[N - k] = pr + ri;
            zi[N - k] = rr;
        });
    } else {
        SPLIT_LOOP(plan, ka, kb, {
            const double ar = re[k], ai = im[k], br = re[N - k], bi = im[N - k];
            const double pr = ar + br, pi = ai - bi, qr = ar - br, qi = ai + bi;
            const double rr = wr * qr + wi * qi, ri = wr * qi - wi * qr;
            zr[k] = pr - ri;
            zi[k] = pi + rr;
            zr[N - k] = pr + ri;
            zi[N - k] = rr - pi;
        });
    }
}

static void unpack_chunk(void *ctx, size_t c)
{
    const rjob *J = ctx;
    const size_t pairs = J->n_out / 2, ntot = pairs + J->n_out % 2;
    const size_t j0 = msbi_chunk_lo(ntot, J->nch, c), j1 = msbi_chunk_lo(ntot, J->nch, c + 1);
    const size_t jc = j1 < pairs ? j1 : pairs;
    const double *restrict outr = J->outr, *restrict outi = J->outi;
    double *restrict x = J->xo;
    for (size_t j = j0; j < jc; j++) {
        x[2 * j] = outr[j];
        x[2 * j + 1] = outi[j];
    }
    if (j1 > pairs) x[J->n_out - 1] = outr[pairs];
}

/* work: zr, zi (work, work + N), stage work (work + 2N, work + 3N) */
static void rfft_inverse_run(rjob *J, double *work, msbi_team_cursor *cur)
{
    const size_t N = J->N;
    J->zr = work;
    J->zi = work + N;
    J->nch = msbi_chunk_count(N / 2);
    msbi_team_phase(cur, J->nch, inverse_split_chunk, J);
    /* inverse = forward with the parts exchanged */
    const int in_work =
        run_stages(J->plan->half, J->zi, J->zr, work + 3 * N, work + 2 * N, cur, NULL, 0);
    J->outr = in_work ? work + 2 * N : J->zr;
    J->outi = in_work ? work + 3 * N : J->zi;
    const size_t ntot = J->n_out / 2 + J->n_out % 2;
    J->nch = msbi_chunk_count(ntot);
    if (ntot > 0) msbi_team_phase(cur, J->nch, unpack_chunk, J);
}

void msbi_rfft_inverse(const msbi_rfft_plan *plan, const double *re, const double *im,
                       size_t n_out, double *x, double *work)
{
    rjob J = {.plan = plan, .N = plan->L / 2, .sre = re, .sim = im, .n_out = n_out, .xo = x};
    msbi_team_cursor solo = msbi_team_join(NULL);
    rfft_inverse_run(&J, work, &solo);
}

void msbi_rfft_inverse_real(const msbi_rfft_plan *plan, const double *re, size_t n_out,
                            double *x, double *work, msbi_team_cursor *cur)
{
    rjob J = {.plan = plan, .N = plan->L / 2, .sre = re, .n_out = n_out, .xo = x};
    rfft_inverse_run(&J, work, cur);
}

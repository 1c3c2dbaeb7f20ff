/* FFT correlation with GSL's in-place radix-2 real transforms (no allocation inside GSL, so no
 * GSL error path beyond argument checks we satisfy: the length is always a power of two). */
#include <gsl/gsl_fft_halfcomplex.h>
#include <gsl/gsl_fft_real.h>
#include <string.h>

#include "numerics/correlation.h"

struct msbi_corr_work {
    size_t n_max, len; /* len: power of two >= 2 n_max */
    double *fa, *fb;
};

msb_status msbi_corr_work_create(const char *where, size_t n_max, msbi_corr_work **out)
{
    if (n_max == 0) return msbi_error(MSB_ESIZE, where, "series length must be >= 1");
    size_t len = 2;
    while (len < 2 * n_max) {
        if (len > SIZE_MAX / 4) return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n_max);
        len *= 2;
    }
    msbi_corr_work *w = msbi_calloc(1, sizeof *w);
    if (w == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    w->n_max = n_max;
    w->len = len;
    w->fa = msbi_alloc_array(len, 2 * sizeof(double));
    if (w->fa == NULL) {
        msbi_free(w);
        return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT", len);
    }
    w->fb = w->fa + len;
    msbi_gsl_ensure_policy();
    *out = w;
    return MSB_SUCCESS;
}

void msbi_corr_work_destroy(msbi_corr_work *w)
{
    if (w == NULL) return;
    msbi_free(w->fa);
    msbi_free(w);
}

msb_status msbi_correlate(msbi_corr_work *w, size_t n, const double *a, const double *b,
                          size_t n_lag, double *out)
{
    if (n == 0 || n > w->n_max || n_lag > n)
        return msbi_error(MSB_ESIZE, "msbi_correlate", "bad lengths n = %zu, n_lag = %zu", n, n_lag);
    /* Smallest power of two >= 2n avoids circular wrap-around. */
    size_t len = 2;
    while (len < 2 * n) len *= 2;
    double *fa = w->fa, *fb = w->fb;
    memcpy(fa, a, n * sizeof(double));
    memset(fa + n, 0, (len - n) * sizeof(double));
    gsl_fft_real_radix2_transform(fa, 1, len);
    const size_t half = len / 2;
    if (b == a) {
        /* |F|^2: halfcomplex layout fa[k] = Re_k (k <= len/2), fa[len-k] = Im_k */
        fa[0] = fa[0] * fa[0];
        fa[half] = fa[half] * fa[half];
        for (size_t k = 1; k < half; k++) {
            double re = fa[k], im = fa[len - k];
            fa[k] = re * re + im * im;
            fa[len - k] = 0.0;
        }
    } else {
        memcpy(fb, b, n * sizeof(double));
        memset(fb + n, 0, (len - n) * sizeof(double));
        gsl_fft_real_radix2_transform(fb, 1, len);
        /* conj(A) B: sum_i a_i b_{i+m} */
        fa[0] = fa[0] * fb[0];
        fa[half] = fa[half] * fb[half];
        for (size_t k = 1; k < half; k++) {
            double ar = fa[k], ai = fa[len - k], br = fb[k], bi = fb[len - k];
            fa[k] = ar * br + ai * bi;
            fa[len - k] = ar * bi - ai * br;
        }
    }
    gsl_fft_halfcomplex_radix2_inverse(fa, 1, len);
    memcpy(out, fa, n_lag * sizeof(double));
    return MSB_SUCCESS;
}

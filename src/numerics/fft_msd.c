/* Spectra-accumulating FFT engine for MSD tensors (see fft_msd.h). */
#include <gsl/gsl_fft_halfcomplex.h>
#include <gsl/gsl_fft_real.h>
#include <string.h>

#include "numerics/fft_msd.h"

struct msbi_msd_fft {
    size_t n_max, n, len;
    double *buf;  /* 3 * len_max: transforms of x, y, z */
    double *acc;  /* 6 * (len_max/2 + 1): summed real spectra */
    double *inv;  /* len_max */
};

static size_t pad_len(size_t n)
{
    size_t len = 2;
    while (len < 2 * n) len *= 2;
    return len;
}

msb_status msbi_msd_fft_create(const char *where, size_t n_max, msbi_msd_fft **out)
{
    if (n_max == 0 || n_max > SIZE_MAX / 64)
        return msbi_error(MSB_ESIZE, where, "series length %zu out of range", n_max);
    const size_t len = pad_len(n_max);
    msbi_msd_fft *w = msbi_calloc(1, sizeof *w);
    if (w == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    size_t total;
    if (msbi_mul_size(len, 4, &total) || msbi_add_size(total, 6 * (len / 2 + 1), &total)) {
        msbi_free(w);
        return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n_max);
    }
    w->buf = msbi_alloc_array(total, sizeof(double));
    if (w->buf == NULL) {
        msbi_free(w);
        return msbi_error(MSB_ENOMEM, where, "out of memory for a %zu-point FFT", len);
    }
    w->inv = w->buf + 3 * len;
    w->acc = w->inv + len;
    w->n_max = n_max;
    msbi_gsl_ensure_policy();
    *out = w;
    return MSB_SUCCESS;
}

void msbi_msd_fft_destroy(msbi_msd_fft *w)
{
    if (w == NULL) return;
    msbi_free(w->buf);
    msbi_free(w);
}

void msbi_msd_fft_begin(msbi_msd_fft *w, size_t n)
{
    w->n = n;
    w->len = pad_len(n);
    memset(w->acc, 0, 6 * (w->len / 2 + 1) * sizeof(double));
}

static const int QA[6] = {0, 1, 2, 0, 0, 1};
static const int QB[6] = {0, 1, 2, 1, 2, 2};

void msbi_msd_fft_add(msbi_msd_fft *w, const double *u)
{
    const size_t n = w->n, len = w->len, half = len / 2, nh = half + 1;
    for (int k = 0; k < 3; k++) {
        double *f = w->buf + (size_t)k * len;
        memcpy(f, u + (size_t)k * n, n * sizeof(double));
        memset(f + n, 0, (len - n) * sizeof(double));
        gsl_fft_real_radix2_transform(f, 1, len);
    }
    /* halfcomplex: f[0] = Re_0, f[j] = Re_j, f[len-j] = Im_j (0 < j < half), f[half] = Re_half */
    for (int q = 0; q < 6; q++) {
        const double *a = w->buf + (size_t)QA[q] * len, *b = w->buf + (size_t)QB[q] * len;
        double *s = w->acc + (size_t)q * nh;
        s[0] += a[0] * b[0];
        s[half] += a[half] * b[half];
        for (size_t j = 1; j < half; j++) s[j] += a[j] * b[j] + a[len - j] * b[len - j];
    }
}

void msbi_msd_fft_finish(msbi_msd_fft *w, size_t n_lag, double *out)
{
    const size_t len = w->len, half = len / 2, nh = half + 1;
    for (int q = 0; q < 6; q++) {
        const double *s = w->acc + (size_t)q * nh;
        double *f = w->inv;
        /* spectrum 2 Re(conj(A) B): real and even, imaginary parts zero */
        f[0] = 2.0 * s[0];
        f[half] = 2.0 * s[half];
        for (size_t j = 1; j < half; j++) {
            f[j] = 2.0 * s[j];
            f[len - j] = 0.0;
        }
        gsl_fft_halfcomplex_radix2_inverse(f, 1, len);
        memcpy(out + (size_t)q * n_lag, f, n_lag * sizeof(double));
    }
}

/* FFT correlation with the library's real FFT (numerics/fft.h) at 2^a 3^b 5^c lengths. */

#include "numerics/correlation.h"
#include "numerics/fft.h"

struct msbi_corr_work {
    const char *where;
    size_t n_max, len; /* len: length of the current plan (0: none yet) */
    msbi_rfft_plan *plan;
    double *mem; /* spectra of a and b (4 (len/2 + 1)), FFT work */
};

msb_status msbi_corr_work_create(const char *where, size_t n_max, msbi_corr_work **out)
{
    if (n_max == 0) return msbi_error(MSB_ESIZE, where, "series length must be >= 1");
    if (n_max > SIZE_MAX / 64)
        return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n_max);
    msbi_corr_work *w = msbi_calloc(1, sizeof *w);
    if (w == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    w->where = where;
    w->n_max = n_max;
    *out = w;
    return MSB_SUCCESS;
}

void msbi_corr_work_destroy(msbi_corr_work *w)
{
    if (w == NULL) return;
    msbi_rfft_plan_destroy(w->plan);
    msbi_free(w->mem);
    msbi_free(w);
}

static msb_status replan(msbi_corr_work *w, size_t len)
{
    msbi_rfft_plan_destroy(w->plan);
    msbi_free(w->mem);
    w->plan = NULL;
    w->mem = NULL;
    w->len = 0;
    MSBI_TRY(msbi_rfft_plan_create(w->where, len, &w->plan));
    /* len <= 4 n_max <= SIZE_MAX / 16: no overflow */
    w->mem = msbi_alloc_array(4 * (len / 2 + 1) + msbi_rfft_work_size(w->plan), sizeof(double));
    if (w->mem == NULL) {
        msbi_rfft_plan_destroy(w->plan);
        w->plan = NULL;
        return msbi_error(MSB_ENOMEM, w->where, "out of memory for a %zu-point FFT", len);
    }
    w->len = len;
    return MSB_SUCCESS;
}

msb_status msbi_correlate(msbi_corr_work *w, size_t n, const double *a, const double *b,
                          size_t n_lag, double *out)
{
    if (n == 0 || n > w->n_max || n_lag > n)
        return msbi_error(MSB_ESIZE, "msbi_correlate", "bad lengths n = %zu, n_lag = %zu", n, n_lag);
    if (n_lag == 0) return MSB_SUCCESS;
    /* circular correlation at lag m < n_lag is free of wrap-around iff len >= n + m */
    const size_t len = msbi_fft_good_size_even(n + n_lag - 1);
    if (len != w->len) MSBI_TRY(replan(w, len));
    const size_t nh = len / 2 + 1;
    double *ar = w->mem, *ai = ar + nh, *br = ai + nh, *bi = br + nh;
    double *work = bi + nh;
    msbi_rfft_forward(w->plan, n, a, ar, ai, work);
    const double scale = 1.0 / (double)len;
    if (b == a) {
        for (size_t k = 0; k < nh; k++) {
            ar[k] = (ar[k] * ar[k] + ai[k] * ai[k]) * scale;
            ai[k] = 0.0;
        }
    } else {
        /* conj(A) B: sum_i a_i b_{i+m} */
        msbi_rfft_forward(w->plan, n, b, br, bi, work);
        for (size_t k = 0; k < nh; k++) {
            const double re = ar[k] * br[k] + ai[k] * bi[k], im = ar[k] * bi[k] - ai[k] * br[k];
            ar[k] = re * scale;
            ai[k] = im * scale;
        }
    }
    msbi_rfft_inverse(w->plan, ar, ai, n_lag, out, work);
    return MSB_SUCCESS;
}

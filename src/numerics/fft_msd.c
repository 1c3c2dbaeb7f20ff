/* Spectra-accumulating FFT engine for MSD tensors (see fft_msd.h). */
#include <stdatomic.h>
#include <string.h>

#include "numerics/fft.h"
#include "numerics/fft_msd.h"

struct msbi_msd_fft {
    const char *where;
    size_t n_max, n_blocks, n_workers;
    size_t n, n_lag, len, nh; /* current series length, lags, padded length, len/2 + 1 */
    size_t nh_max, len_max;
    msbi_rfft_plan *plan;
    double *mem;
    double *acc[MSBI_MAX_THREADS]; /* per block: 6 nh_max summed spectra, then 6 n_max S_ab(i) */
    double *scr[MSBI_MAX_THREADS]; /* per worker: 3 spectra (6 nh_max), FFT work */
};

static const int QA[6] = {0, 1, 2, 0, 0, 1};
static const int QB[6] = {0, 1, 2, 1, 2, 2};

msb_status msbi_msd_fft_create(const char *where, size_t n_max, size_t n_blocks,
                               size_t n_workers, msbi_msd_fft **out)
{
    if (n_max == 0 || n_max > SIZE_MAX / 256)
        return msbi_error(MSB_ESIZE, where, "series length %zu out of range", n_max);
    if (n_blocks < 1 || n_blocks > MSBI_MAX_THREADS || n_workers < 1 ||
        n_workers > MSBI_MAX_THREADS)
        return msbi_error(MSB_EINTERNAL, where, "bad block or worker count");
    msbi_msd_fft *w = msbi_calloc(1, sizeof *w);
    if (w == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    w->where = where;
    w->n_max = n_max;
    w->n_blocks = n_blocks;
    w->n_workers = n_workers;
    w->len_max = msbi_fft_good_size_even(2 * n_max - 1);
    w->nh_max = w->len_max / 2 + 1;
    const size_t per_block = 6 * w->nh_max + 6 * n_max, per_worker = 6 * w->nh_max + msbi_rfft_work_size_for(w->len_max);
    size_t total, t2;
    if (w->len_max == 0 || msbi_mul_size(per_block, n_blocks, &total) ||
        msbi_mul_size(per_worker, n_workers, &t2) || msbi_add_size(total, t2, &total)) {
        msbi_free(w);
        return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n_max);
    }
    w->mem = msbi_alloc_array(total, sizeof(double));
    if (w->mem == NULL) {
        msbi_free(w);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu-frame MSD transforms", n_max);
    }
    for (size_t b = 0; b < n_blocks; b++) w->acc[b] = w->mem + b * per_block;
    for (size_t t = 0; t < n_workers; t++) w->scr[t] = w->mem + n_blocks * per_block + t * per_worker;
    *out = w;
    return MSB_SUCCESS;
}

void msbi_msd_fft_destroy(msbi_msd_fft *w)
{
    if (w == NULL) return;
    msbi_rfft_plan_destroy(w->plan);
    msbi_free(w->mem);
    msbi_free(w);
}

msb_status msbi_msd_fft_begin(msbi_msd_fft *w, size_t n, size_t n_lag)
{
    if (n == 0 || n > w->n_max || n_lag == 0 || n_lag > n)
        return msbi_error(MSB_EINTERNAL, w->where, "bad MSD lengths n = %zu, n_lag = %zu", n, n_lag);
    const size_t len = msbi_fft_good_size_even(n + n_lag - 1);
    if (len != w->len) {
        msbi_rfft_plan_destroy(w->plan);
        w->plan = NULL;
        w->len = 0;
        MSBI_TRY(msbi_rfft_plan_create(w->where, len, &w->plan));
        w->len = len;
    }
    w->n = n;
    w->n_lag = n_lag;
    w->nh = len / 2 + 1;
    for (size_t b = 0; b < w->n_blocks; b++) {
        memset(w->acc[b], 0, 6 * w->nh * sizeof(double));
        memset(w->acc[b] + 6 * w->nh_max, 0, 6 * n * sizeof(double));
    }
    return MSB_SUCCESS;
}

void msbi_msd_fft_add(msbi_msd_fft *w, size_t block, size_t worker, const double *u)
{
    const size_t n = w->n, nh = w->nh;
    double *spec = w->scr[worker], *work = spec + 6 * w->nh_max;
    for (int k = 0; k < 3; k++)
        msbi_rfft_forward(w->plan, n, u + (size_t)k * n, spec + (size_t)(2 * k) * nh,
                          spec + (size_t)(2 * k + 1) * nh, work);
    double *acc = w->acc[block], *sq = acc + 6 * w->nh_max;
    for (int q = 0; q < 6; q++) {
        const double *ar = spec + (size_t)(2 * QA[q]) * nh, *ai = ar + nh;
        const double *br = spec + (size_t)(2 * QB[q]) * nh, *bi = br + nh;
        double *s = acc + (size_t)q * nh;
        for (size_t k = 0; k < nh; k++) s[k] += ar[k] * br[k] + ai[k] * bi[k];
        const double *ua = u + (size_t)QA[q] * n, *ub = u + (size_t)QB[q] * n;
        double *t = sq + (size_t)q * n;
        for (size_t i = 0; i < n; i++) t[i] += ua[i] * ub[i];
    }
}

typedef struct {
    msbi_msd_fft *w;
    double *out;
    size_t nt;
    atomic_size_t next; /* next pair to take */
} finish_job;

/* Pair q: C_ab + C_ba = IDFT(2 Re(conj(A) B)) / len; squares from the prefix sums of S_ab. */
static void finish_pairs(void *ctx, size_t t)
{
    finish_job *j = ctx;
    msbi_msd_fft *w = j->w;
    const size_t n = w->n, n_lag = w->n_lag, nh = w->nh, len = w->len;
    /* scratch: cross (n_lag) + pre (n + 1) <= 6 nh_max */
    double *cross = w->scr[t], *pre = cross + n_lag;
    double *work = w->scr[t] + 6 * w->nh_max;
    for (size_t q = atomic_fetch_add(&j->next, 1); q < 6; q = atomic_fetch_add(&j->next, 1)) {
        /* block 0 holds the reduced sums (finish reduces before the threads start) */
        double *s = w->acc[0] + q * nh;
        const double *sq = w->acc[0] + 6 * w->nh_max + q * n;
        const double f = 2.0 / (double)len;
        for (size_t k = 0; k < nh; k++) s[k] *= f;
        msbi_rfft_inverse(w->plan, s, NULL, n_lag, cross, work);
        /* P(j) = sum_{i<j} S(i): D(m) = (P(n) - P(m)) + P(n - m) - cross(m) */
        pre[0] = 0.0;
        for (size_t i = 0; i < n; i++) pre[i + 1] = pre[i] + sq[i];
        double *o = j->out + q * n_lag;
        for (size_t m = 0; m < n_lag; m++) o[m] = (pre[n] - pre[m]) + pre[n - m] - cross[m];
    }
}

void msbi_msd_fft_finish(msbi_msd_fft *w, double *out)
{
    const size_t nh = w->nh;
    /* reduce the blocks into block 0, in block order */
    for (size_t b = 1; b < w->n_blocks; b++) {
        const double *src = w->acc[b];
        double *dst = w->acc[0];
        for (size_t q = 0; q < 6; q++)
            for (size_t k = 0; k < nh; k++) dst[q * nh + k] += src[q * nh + k];
        src += 6 * w->nh_max;
        dst += 6 * w->nh_max;
        for (size_t i = 0; i < 6 * w->n; i++) dst[i] += src[i];
    }
    finish_job j = {w, out, w->n_workers < 6 ? w->n_workers : 6, 0};
    if (j.nt > 1) msbi_run_threads(j.nt, finish_pairs, &j);
    else finish_pairs(&j, 0);
}

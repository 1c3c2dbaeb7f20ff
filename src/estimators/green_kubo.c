/* Green-Kubo running integral with segment errors and Sokal's automatic cutoff
 * (msbridge/green_kubo.h). */
#include <stdint.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "estimators/gk_internal.h"
#include "msbridge/green_kubo.h"
#include "numerics/correlation.h"
#include "numerics/fft.h"

#define GK_MIN_SAMPLES 64
#define GK_SOKAL_C 6.0
#define GK_MAX_SEGMENTS 16
#define GK_MIN_SEGMENTS 4

msb_status msbi_gk_check(const char *where, msb_gk_kind kind, size_t n, size_t n_min,
                         size_t ncomp, const double *x, double dt_s, double geom, double T_K,
                         double *prefactor, const char **name, const char **unit)
{
    if (x == NULL) return msbi_error(MSB_ENULL, where, "argument 'x' is NULL");
    if (kind != MSB_GK_HEAT_JV && kind != MSB_GK_HEAT_FLUX && kind != MSB_GK_INTERFACE)
        return msbi_error(MSB_EINVAL, where, "kind must be MSB_GK_HEAT_JV, MSB_GK_HEAT_FLUX or "
                          "MSB_GK_INTERFACE (got %d)", (int)kind);
    if (ncomp == 0) return msbi_error(MSB_ESIZE, where, "ncomp must be >= 1");
    if (n < n_min)
        return msbi_error(MSB_EINSUFFICIENT, where, "series too short: n = %zu samples, need "
                          ">= %zu", n, n_min);
    MSBI_TRY(msbi_check_positive(where, "dt_s", dt_s));
    MSBI_TRY(msbi_check_positive(where, kind == MSB_GK_INTERFACE ? "geom (area A)" :
                                 "geom (volume V)", geom));
    MSBI_TRY(msbi_check_positive(where, "T_K", T_K));
    size_t total;
    if (msbi_mul_size(n, ncomp, &total)) return msbi_error(MSB_ESIZE, where, "n * ncomp overflows");
    for (size_t i = 0; i < total; i++)
        if (!isfinite(x[i]))
            return msbi_error(MSB_ENONFINITE, where, "x is not finite (%g) at component %zu, "
                              "sample %zu", x[i], i / n, i % n);
    const double kT2 = MSB_K_B * T_K * T_K;
    double p;
    if (kind == MSB_GK_HEAT_FLUX) {
        p = geom / kT2;
        *name = "kappa";
        *unit = "W/(m K)";
    } else if (kind == MSB_GK_HEAT_JV) {
        p = 1.0 / (geom * kT2);
        *name = "kappa";
        *unit = "W/(m K)";
    } else {
        p = 1.0 / (geom * kT2);
        *name = "G";
        *unit = "W/(m^2 K)";
    }
    if (!isfinite(p) || p == 0.0)
        return msbi_error(MSB_ERANGE, where, "prefactor not representable (geom = %g, T = %g)",
                          geom, T_K);
    *prefactor = p;
    return MSB_SUCCESS;
}

/* Thread split of the ACF paths, by transform length L (a function of n and n_lag only, so
 * that no result depends on the thread count):
 *  - L >= GK_TEAM_MIN_LEN ("shared" mode): every transform is shared by all threads, as phases
 *    of one team (core/internal.h), in chunks that depend on L only; one FFT work array whatever
 *    the thread count (less fresh memory, i.e. page zeroing, than a transform per thread);
 *  - shorter ("component" mode): the transform's data fit in a core's L2 cache, where a shared
 *    transform loses more to moving data between cores than it gains, so each thread
 *    transforms whole components, each in its own work array: the mean's blocks taken
 *    dynamically, the thread finishing the last one adding the block sums and running the
 *    inverse; the sd path's windows of components as team phases whose chunks are components,
 *    the Welford updates shared.
 * Both modes run the same transforms (the same chunks in the same order, whichever thread runs
 * them) and sum in the same order: the power spectra in blocks b = 0 .. nb-1 of consecutive
 * components (block b: components b ncomp / nb .. (b + 1) ncomp / nb - 1, its first writing
 * the block sum), the block sums added in block order (nb = 1 in shared mode, min(ncomp, 8) in
 * component mode: one component per block, the same sums, unless ncomp > 8); the Welford
 * updates of the sd path in component order. Measured on this 2-core VM (4 MB L2 per core):
 * shared two-thread transforms lose to one thread up to L = 180000 and win from L = 225000. */
#define GK_TEAM_MIN_LEN 200000

typedef struct {
    msbi_rfft_plan *plan; /* filled by the team */
    const double *x;
    size_t n, n_lag, len, nh, ncomp, nb, W;
    int shared;           /* shared mode (else component mode) */
    double **scr;         /* per thread (component mode; shared mode: one): 2 len doubles */
    double **acc;         /* mean: block sums (nh each); sd: the window's correlations */
    double *spec;         /* sd, shared mode: one power spectrum */
    double *acf, *sd;
    size_t next, done; /* mean, component mode: blocks taken, finished (__atomic builtins) */
    msbi_team team;
} acf_job;

/* A member's view: its own work array, and the sd path's window of components c0 .. */
typedef struct {
    const acf_job *J;
    double *work;
    size_t c0, nw;
} acf_member;

static void acf_scale_chunk(void *ctx, size_t c)
{
    const acf_job *J = ctx;
    const size_t nch = msbi_chunk_count(J->n_lag);
    const size_t m0 = msbi_chunk_lo(J->n_lag, nch, c), m1 = msbi_chunk_lo(J->n_lag, nch, c + 1);
    for (size_t m = m0; m < m1; m++)
        J->acf[m] = J->acf[m] / (double)(J->n - m) / (double)J->ncomp;
}

/* Block b's power spectra |F|^2 / len (the inverse transform then gives sum_i x_i x_(i+m)),
 * alone, in the member's work array. */
static void block_chunk(void *ctx, size_t b)
{
    const acf_member *M = ctx;
    const acf_job *J = M->J;
    msbi_team_cursor solo = msbi_team_join(NULL);
    const size_t c_lo = b * J->ncomp / J->nb, c_hi = (b + 1) * J->ncomp / J->nb;
    for (size_t c = c_lo; c < c_hi; c++)
        msbi_rfft_power(J->plan, J->n, J->x + c * J->n, 1.0 / (double)J->len, c > c_lo,
                        J->acc[b], M->work, &solo);
}

/* acc[0] += acc[1] + ... + acc[nb-1], in block order, on a chunk of k */
static void block_sum_chunk(void *ctx, size_t ch)
{
    const acf_job *J = ctx;
    const size_t nch = msbi_chunk_count(J->nh);
    const size_t k0 = msbi_chunk_lo(J->nh, nch, ch), k1 = msbi_chunk_lo(J->nh, nch, ch + 1);
    for (size_t b = 1; b < J->nb; b++)
        for (size_t k = k0; k < k1; k++) J->acc[0][k] += J->acc[b][k];
}

/* Component mode: the block sums, the inverse and the scaling on one thread (the same chunks
 * in order as the shared mode's phases). */
static void mean_finish(acf_job *J)
{
    msbi_team_cursor solo = msbi_team_join(NULL);
    msbi_team_phase(&solo, msbi_chunk_count(J->nh), block_sum_chunk, J);
    msbi_rfft_inverse_real(J->plan, J->acc[0], J->n_lag, J->acf, J->scr[0], &solo);
    msbi_team_phase(&solo, msbi_chunk_count(J->n_lag), acf_scale_chunk, J);
}

static void acf_mean_member(void *ctx, size_t t)
{
    acf_job *J = ctx;
    if (!J->shared) {
        /* blocks taken dynamically (a thread slowed down by other processes takes fewer); the
         * thread finishing the last one does the rest, after every read of x (acf may be x) */
        acf_member M = {J, J->scr[t], 0, 0};
        for (size_t b = __atomic_fetch_add(&J->next, 1, __ATOMIC_RELAXED); b < J->nb;
             b = __atomic_fetch_add(&J->next, 1, __ATOMIC_RELAXED)) {
            block_chunk(&M, b);
            if (__atomic_add_fetch(&J->done, 1, __ATOMIC_ACQ_REL) == J->nb) mean_finish(J);
        }
        return;
    }
    msbi_team_cursor cur = msbi_team_join(&J->team);
    msbi_rfft_plan_fill(J->plan, &cur); /* its tables, shared */
    /* acf (which may be x) is written after the last read of x: a later phase */
    for (size_t c = 0; c < J->ncomp; c++)
        msbi_rfft_power(J->plan, J->n, J->x + c * J->n, 1.0 / (double)J->len, c > 0, J->acc[0],
                        J->scr[0], &cur);
    msbi_rfft_inverse_real(J->plan, J->acc[0], J->n_lag, J->acf, J->scr[0], &cur);
    msbi_team_phase(&cur, msbi_chunk_count(J->n_lag), acf_scale_chunk, J);
}

/* sd path: Welford updates of acf and sd by components c0 .. c0 + nw - 1 (correlations in
 * acc[0 .. nw-1]) on a chunk of lags, in component order; acf, sd start at 0 (c0 = 0) and sd
 * becomes the standard error after the last component. */
static void welford_chunk(void *ctx, size_t ch)
{
    const acf_member *M = ctx;
    const acf_job *J = M->J;
    const size_t nch = msbi_chunk_count(J->n_lag);
    const size_t m0 = msbi_chunk_lo(J->n_lag, nch, ch), m1 = msbi_chunk_lo(J->n_lag, nch, ch + 1);
    double *acf = J->acf, *sd = J->sd;
    if (M->c0 == 0)
        for (size_t m = m0; m < m1; m++) acf[m] = sd[m] = 0.0;
    for (size_t i = 0; i < M->nw; i++) {
        const size_t c = M->c0 + i;
        const double *res = J->acc[i];
        for (size_t m = m0; m < m1; m++) {
            const double v = res[m] / (double)(J->n - m);
            const double d = v - acf[m];
            acf[m] += d / (double)(c + 1);
            sd[m] += d * (v - acf[m]);
        }
    }
    if (M->c0 + M->nw == J->ncomp)
        for (size_t m = m0; m < m1; m++)
            sd[m] = J->ncomp > 1 ? sqrt(sd[m] / (double)(J->ncomp - 1) / (double)J->ncomp) : NAN;
}

/* sd path, component mode: component c0 + i's power spectrum and correlation (into acc[i]),
 * alone, in the member's work array (its spectrum after the 2 len FFT work doubles). */
static void sd_task_chunk(void *ctx, size_t i)
{
    const acf_member *M = ctx;
    const acf_job *J = M->J;
    msbi_team_cursor solo = msbi_team_join(NULL);
    double *spec = M->work + msbi_rfft_work_size_for(J->len);
    msbi_rfft_power(J->plan, J->n, J->x + (M->c0 + i) * J->n, 1.0 / (double)J->len, 0, spec,
                    M->work, &solo);
    msbi_rfft_inverse_real(J->plan, spec, J->n_lag, J->acc[i], M->work, &solo);
}

static void acf_sd_member(void *ctx, size_t t)
{
    acf_job *J = ctx;
    msbi_team_cursor cur = msbi_team_join(&J->team);
    if (J->shared) msbi_rfft_plan_fill(J->plan, &cur); /* its tables, shared */
    acf_member M = {J, J->scr[J->shared ? 0 : t], 0, 0};
    for (M.c0 = 0; M.c0 < J->ncomp; M.c0 += M.nw) {
        M.nw = J->ncomp - M.c0 < J->W ? J->ncomp - M.c0 : J->W;
        if (!J->shared) { /* a window of components, one per chunk */
            msbi_team_phase(&cur, M.nw, sd_task_chunk, &M);
        } else { /* shared mode: W = 1 */
            msbi_rfft_power(J->plan, J->n, J->x + M.c0 * J->n, 1.0 / (double)J->len, 0,
                            J->spec, J->scr[0], &cur);
            msbi_rfft_inverse_real(J->plan, J->spec, J->n_lag, J->acc[0], J->scr[0], &cur);
        }
        msbi_team_phase(&cur, msbi_chunk_count(J->n_lag), welford_chunk, &M);
    }
}

/* Component-averaged unbiased ACF into acf, and with sd not NULL its standard error over
 * components into sd (acf, sd not overlapping x or each other; without sd acf may be x).
 * Series zero-padded to an even 2^a 3^b 5^c length len >= n + n_lag - 1 (numerics/fft.h);
 * threads as above. */
static msb_status acf_run(const char *where, size_t n, size_t ncomp, const double *x,
                          size_t n_lag, double *acf, double *sd)
{
    const size_t len = msbi_fft_good_size_even(n + n_lag - 1), nh = len / 2 + 1;
    if (len == 0) return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n);
    const int shared = len >= GK_TEAM_MIN_LEN;
    /* shared: no more threads than the chunks of the longest phase (L/2 items); component
     * mode: one per component, for series of >= 4096 samples */
    const size_t nt = shared ? msbi_thread_count(msbi_chunk_count(len / 2))
                             : n >= 4096 ? msbi_thread_count(ncomp) : 1;
    const size_t nb =
        sd != NULL || shared ? 1 : (ncomp < MSBI_MAX_THREADS ? ncomp : MSBI_MAX_THREADS);
    /* sd: a window of W components' correlations (n_lag each) between Welford phases */
    const size_t W = sd == NULL ? 0 : shared ? 1 : (ncomp < 2 * nt ? ncomp : 2 * nt);
    const size_t nscr = shared ? 1 : nt, per = msbi_rfft_work_size_for(len);
    /* per work array 2 len (+ nh: the sd path's spectrum); sums nb nh or correlations W n_lag */
    const size_t per_scr = per + (sd != NULL ? nh : 0);
    size_t total, t2;
    if (msbi_mul_size(per_scr, nscr, &total) ||
        msbi_mul_size(sd != NULL ? n_lag : nh, sd != NULL ? W : nb, &t2) ||
        msbi_add_size(total, t2, &total))
        return msbi_error(MSB_ESIZE, where, "series too long (%zu)", n);
    msbi_rfft_plan *plan;
    MSBI_TRY(msbi_rfft_plan_alloc(where, len, &plan));
    double *mem = msbi_alloc_array(total, sizeof(double));
    if (mem == NULL) {
        msbi_rfft_plan_destroy(plan);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu-point transforms", len);
    }
    msbi_advise_huge_pages(mem, total * sizeof(double)); /* before the first touch */
    double *scr[MSBI_MAX_THREADS] = {NULL}, *acc[2 * MSBI_MAX_THREADS] = {NULL};
    double *q = mem;
    for (size_t t = 0; t < nscr; t++, q += per_scr) scr[t] = q;
    const size_t nacc = sd != NULL ? W : nb, lacc = sd != NULL ? n_lag : nh;
    for (size_t i = 0; i < nacc; i++, q += lacc) acc[i] = q;
    acf_job J = {.plan = plan, .x = x, .n = n, .n_lag = n_lag, .len = len, .nh = nh,
                 .ncomp = ncomp, .nb = nb, .W = W, .shared = shared, .scr = scr, .acc = acc,
                 .spec = sd != NULL ? scr[0] + per : NULL, .acf = acf, .sd = sd};
    void (*member)(void *, size_t) = sd != NULL ? acf_sd_member : acf_mean_member;
    if (!shared) { /* the plan's tables on this thread (small, and read by every thread) */
        msbi_team_cursor solo = msbi_team_join(NULL);
        msbi_rfft_plan_fill(plan, &solo);
    }
    msbi_team_init(&J.team);
    if (nt > 1) msbi_run_threads(nt, member, &J);
    else member(&J, 0);
    msbi_team_destroy(&J.team);
    msbi_free(mem);
    msbi_rfft_plan_destroy(plan);
    return MSB_SUCCESS;
}

/* Whether [a, a + na) and [b, b + nb) share memory (addresses compared as integers). */
static int overlaps(const double *a, size_t na, const double *b, size_t nb)
{
    const uintptr_t a0 = (uintptr_t)a, b0 = (uintptr_t)b;
    return a0 < b0 + nb * sizeof(double) && b0 < a0 + na * sizeof(double);
}

msb_status msb_gk_acf(size_t n, size_t ncomp, const double *x, size_t n_lag, double *acf,
                      double *acf_sd)
{
    MSBI_CHECK_NULL(x);
    MSBI_CHECK_NULL(acf);
    if (n == 0 || ncomp == 0 || n_lag == 0 || n_lag > n)
        return MSBI_FAIL(MSB_ESIZE, "need n >= 1, ncomp >= 1, 1 <= n_lag <= n (got n = %zu, "
                         "ncomp = %zu, n_lag = %zu)", n, ncomp, n_lag);
    size_t total;
    if (msbi_mul_size(n, ncomp, &total)) return MSBI_FAIL(MSB_ESIZE, "n * ncomp overflows");
    for (size_t i = 0; i < total; i++)
        if (!isfinite(x[i]))
            return MSBI_FAIL(MSB_ENONFINITE, "x is not finite (%g) at component %zu, sample %zu",
                             x[i], i / n, i % n);
    /* acf_run writes acf (its inverse transform, then the scaling in place) only after its
     * last read of x: acf may alias x, and no result buffer of n_lag doubles takes fresh pages
     * on every call */
    if (acf_sd == NULL) return acf_run(__func__, n, ncomp, x, n_lag, acf, NULL);
    /* with sd acf_run writes acf and sd after reading only the first component: straight into
     * them when acf, acf_sd and x do not overlap, else through a private buffer */
    if (!overlaps(acf, n_lag, x, total) && !overlaps(acf_sd, n_lag, x, total) &&
        !overlaps(acf, n_lag, acf_sd, n_lag))
        return acf_run(__func__, n, ncomp, x, n_lag, acf, acf_sd);
    double *buf = msbi_alloc_array(n_lag, 2 * sizeof(double));
    if (buf == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    msbi_advise_huge_pages(buf, n_lag * 2 * sizeof(double)); /* before the first touch */
    msb_status st = acf_run(__func__, n, ncomp, x, n_lag, buf, buf + n_lag);
    if (st == MSB_SUCCESS) {
        memcpy(acf, buf, n_lag * sizeof(double));
        memcpy(acf_sd, buf + n_lag, n_lag * sizeof(double));
    }
    msbi_free(buf);
    return st;
}

/* Trapezoid running integral in units of dt: I[0] = 0, I[m] = acf0/2 + sum_1^{m-1} + acf[m]/2 */
static double trapezoid_to(const double *acf, size_t M)
{
    if (M == 0) return 0.0;
    double s = 0.5 * (acf[0] + acf[M]);
    for (size_t m = 1; m < M; m++) s += acf[m];
    return s;
}

/* Integral up to M lags (x^2 s) on B = min(16, n / (4 (M + 1))) segments of every component;
 * sd of their mean into *sd and B into *B_out. MSB_EINSUFFICIENT when B < 4. */
static msb_status segment_sd(const char *where, msbi_corr_work *w, size_t n, size_t ncomp,
                             const double *x, size_t M, double dt_s, double *tmp,
                             double *sd, size_t *B_out)
{
    size_t B = n / (4 * (M + 1));
    if (B > GK_MAX_SEGMENTS) B = GK_MAX_SEGMENTS;
    if (B < GK_MIN_SEGMENTS)
        return msbi_error(MSB_EINSUFFICIENT, where, "cutoff M = %zu lags leaves only %zu "
                          "segments of >= 4 (M+1) samples (need %d): the series is too short",
                          M, B, GK_MIN_SEGMENTS);
    const size_t L = n / B;
    size_t k = 0;
    double mean = 0.0, ss = 0.0;
    for (size_t b = 0; b < B; b++)
        for (size_t c = 0; c < ncomp; c++) {
            MSBI_TRY(msbi_correlate(w, L, x + c * n + b * L, x + c * n + b * L, M + 1, tmp));
            double s = 0.5 * (tmp[0] / (double)L + tmp[M] / (double)(L - M));
            for (size_t m = 1; m < M; m++) s += tmp[m] / (double)(L - m);
            s *= dt_s;
            k++;
            const double d = s - mean;
            mean += d / (double)k;
            ss += d * (s - mean);
        }
    *sd = sqrt(ss / (double)(k - 1) / (double)k);
    *B_out = B;
    return MSB_SUCCESS;
}

/* Settling check of the automatic cutoff: the full-series running integral run[] (steps) must
 * stay within GK_SETTLE_SD standard errors of run[M] over lags M .. 2M. */
#define GK_SETTLE_SD 2.0
static int settled(const double *run, size_t M, double sd_steps)
{
    for (size_t m = M + 1; m <= 2 * M; m++)
        if (fabs(run[m] - run[M]) > GK_SETTLE_SD * sd_steps) return 0;
    return 1;
}

msb_status msb_gk_running(msb_gk_kind kind, size_t n, size_t ncomp, const double *x,
                          double dt_s, double geom, double T_K, double t_cut_s,
                          msb_estimate **est_out)
{
    MSBI_CHECK_NULL(est_out);
    double pref = 0.0;
    const char *oname = NULL, *ounit = NULL;
    MSBI_TRY(msbi_gk_check(__func__, kind, n, GK_MIN_SAMPLES, ncomp, x, dt_s, geom, T_K, &pref,
                           &oname, &ounit));
    if (!(t_cut_s >= 0) || !isfinite(t_cut_s))
        return MSBI_FAIL(isfinite(t_cut_s) ? MSB_EDOM : MSB_ENONFINITE,
                         "t_cut_s must be 0 (automatic) or > 0 (got %g)", t_cut_s);
    const size_t max_lag = n / 8; /* >= 8 */
    size_t M = 0;
    if (t_cut_s > 0) {
        const double r = t_cut_s / dt_s;
        if (!(r >= 0.5))
            return MSBI_FAIL(MSB_EDOM, "t_cut_s = %g s is shorter than half a step (dt = %g s)",
                             t_cut_s, dt_s);
        if (!(r <= (double)max_lag + 0.5))
            return MSBI_FAIL(MSB_EINSUFFICIENT, "t_cut_s = %g s is %g steps: more than n/8 = %zu "
                             "steps, too long for 4 segments of 2 cutoffs", t_cut_s, r, max_lag);
        M = (size_t)(r + 0.5);
    }
    const size_t n_lag = n / 2 + 1;
    msbi_corr_work *w;
    MSBI_TRY(msbi_corr_work_create(__func__, n, &w));
    double *acf = msbi_alloc_array(n_lag, 2 * sizeof(double));
    double *run = msbi_alloc_array(n_lag, sizeof(double));
    msb_status st = MSB_SUCCESS;
    msb_estimate *est = NULL;
    double *tbuf = NULL;
    if (acf == NULL || run == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
        goto done;
    }
    double *tmp = acf + n_lag; /* segment_sd's scratch */
    st = acf_run(__func__, n, ncomp, x, n_lag, acf, NULL);
    if (st) goto done;
    const double c0 = acf[0];
    if (!(c0 > 0)) {
        st = MSBI_FAIL(MSB_EDOM, "the series is identically zero: C(0) = %g", c0);
        goto done;
    }
    run[0] = 0.0; /* signed trapezoid running integral in steps */
    for (size_t m = 1; m < n_lag; m++) run[m] = run[m - 1] + 0.5 * (acf[m - 1] + acf[m]);
    double sdI = 0.0;
    size_t B = 0, M_sokal = 0;
    if (M == 0) {
        double ra = 0.0; /* trapezoid running integral of |C| in steps */
        for (size_t m = 1; m <= max_lag; m++) {
            ra += 0.5 * (fabs(acf[m - 1]) + fabs(acf[m]));
            if ((double)m >= GK_SOKAL_C * ra / c0) {
                M = m;
                break;
            }
        }
        if (M == 0) {
            st = MSBI_FAIL(MSB_EINSUFFICIENT, "no automatic cutoff within n/8 = %zu lags: "
                           "M >= 6 tau_abs(M) never holds (tau_abs = %g steps at n/8); the "
                           "series is too short for its correlation time", max_lag, ra / c0);
            goto done;
        }
        M_sokal = M;
        /* Settling ladder: a large fast oscillating part of C (e.g. amorphous silica) ends
         * Sokal's window while the running integral still swings; lengthen M by 1/4 until
         * the running integral stays within 2 standard errors over [M, 2M]. */
        for (;;) {
            st = segment_sd(__func__, w, n, ncomp, x, M, dt_s, tmp, &sdI, &B);
            if (st) goto done;
            if (settled(run, M, sdI / dt_s)) break;
            const size_t next = M + (M + 3) / 4;
            if (2 * next > max_lag) {
                st = MSBI_FAIL(MSB_EINSUFFICIENT, "automatic cutoff: the running integral "
                               "does not settle (within %g standard errors over [M, 2M]) "
                               "for any M up to n/16 = %zu lags (Sokal's window gave %zu); "
                               "the correlation oscillates on a scale the series is too "
                               "short to resolve: give t_cut_s or use msb_gk_cepstral",
                               GK_SETTLE_SD, max_lag / 2, M_sokal);
                goto done;
            }
            M = next;
        }
    } else {
        st = segment_sd(__func__, w, n, ncomp, x, M, dt_s, tmp, &sdI, &B);
        if (st) goto done;
    }
    const double I = trapezoid_to(acf, M) * dt_s; /* x^2 s */
    const double val = pref * I, sd = pref * sdI;
    if (!isfinite(val) || !isfinite(sd)) {
        st = MSBI_FAIL(MSB_ERANGE, "result not representable (%g +- %g)", val, sd);
        goto done;
    }
    size_t n_out = 4 * M + 1;
    if (n_out > n / 2) n_out = n / 2;
    tbuf = msbi_alloc_array(n_out, 2 * sizeof(double));
    if (tbuf == NULL) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t m = 0; m < n_out; m++) {
        tbuf[m] = (double)m * dt_s;
        tbuf[n_out + m] = pref * run[m] * dt_s;
    }
    est = msbi_estimate_new("green_kubo");
    const char *wh = __func__;
    st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
    if (!st) st = msbi_estimate_add1(wh, est, oname, ounit, "Green-Kubo transport coefficient "
                                     "(running integral to t_cut)", val, sd);
    if (!st) st = msbi_estimate_add1(wh, est, "integral", "x^2 s", "int_0^t_cut <x(0)x(t)> dt, "
                                     "component average", I, sdI);
    if (!st) st = msbi_estimate_add1(wh, est, "t_cut", "s", "upper limit of the integral", (double)M * dt_s, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n_cut", "1", "cutoff in lags", (double)M, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "tau_int", "s", "integrated correlation time I(t_cut)/C(0)", I / c0, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n_segments", "1", "independent segments for the error", (double)B, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n_sokal", "1", "Sokal's window before the settling ladder (lags; 0 for a given t_cut)", (double)M_sokal, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "n", "1", "samples per component", (double)n, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "ncomp", "1", "equivalent components averaged", (double)ncomp, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "dt", "s", "sampling interval", dt_s, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "T", "K", "temperature", T_K, NAN);
    if (!st) st = msbi_estimate_add1(wh, est, "acf0", "x^2", "C(0), component average", c0, NAN);
    if (!st) st = msbi_estimate_add(wh, est, "time", "s", "lag times of 'running'", n_out, tbuf, NULL);
    if (!st) st = msbi_estimate_add(wh, est, "running", ounit, "running integral times the prefactor", n_out, tbuf + n_out, NULL);
    if (st) {
        msb_estimate_destroy(est);
        est = NULL;
    }
done:
    msbi_free(tbuf);
    msbi_free(run);
    msbi_free(acf);
    msbi_corr_work_destroy(w);
    if (st == MSB_SUCCESS) *est_out = est;
    return st;
}

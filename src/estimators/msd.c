/* Mean-squared displacement and Einstein diffusion (msbridge/msd.h). */
#include <stdatomic.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "msbridge/msd.h"
#include "numerics/correlation.h"
#include "numerics/fft_msd.h"

static const int PAIR_A[6] = {0, 1, 2, 0, 0, 1};
static const int PAIR_B[6] = {0, 1, 2, 1, 2, 2};

static msb_status check_spacing(const char *where, const msb_trajectory *t, double *dt)
{
    const size_t nf = msb_trajectory_n_frames(t);
    const double *tm = msb_trajectory_times(t);
    if (nf < 2) {
        *dt = 0.0;
        return MSB_SUCCESS;
    }
    const double d = (tm[nf - 1] - tm[0]) / (double)(nf - 1);
    for (size_t f = 1; f < nf; f++)
        if (!(fabs(tm[f] - tm[f - 1] - d) <= 1e-6 * d))
            return msbi_error(MSB_EINVAL, where, "frames are not evenly spaced in time (frame %zu is "
                              "%g s after frame %zu; mean spacing %g s)", f, tm[f] - tm[f - 1], f - 1,
                              d);
    *dt = d;
    return MSB_SUCCESS;
}

/* Unweighted centre of all atoms per frame (nf x 3). */
static msb_status centres(const char *where, const msb_trajectory *t, double **com)
{
    const size_t nf = msb_trajectory_n_frames(t), na = msb_trajectory_n_atoms(t);
    const double *pos = msb_trajectory_positions(t);
    double *c = msbi_calloc(nf, 3 * sizeof(double));
    if (c == NULL) return msbi_error(MSB_ENOMEM, where, "out of memory");
    for (size_t f = 0; f < nf; f++) {
        const double *p = pos + f * na * 3;
        for (size_t a = 0; a < na; a++)
            for (int k = 0; k < 3; k++) c[3 * f + k] += p[3 * a + k];
        for (int k = 0; k < 3; k++) c[3 * f + k] /= (double)na;
    }
    *com = c;
    return MSB_SUCCESS;
}

#define MSD_GROUP 16
/* Atoms are split into this many blocks for the FFT sums whatever the thread count (fixed
 * partition, blocks reduced in order: results are bitwise independent of MSB_NUM_THREADS). */
#define MSD_BLOCKS MSBI_MAX_THREADS
/* Below this many atom-frames one thread does all the work (thread start-up would dominate). */
#define MSD_THREAD_MIN 65536
/* Frames ahead that gather() prefetches. */
#define MSD_PREFETCH 8

typedef struct msd_work {
    double *ug[MSBI_MAX_THREADS]; /* per worker: MSD_GROUP * 3 * nf gathered series */
    size_t n_workers;
    size_t *idx;   /* selected atoms */
    msbi_corr_work *cw;
    msbi_msd_fft *ff;
    double *cross; /* 6 * n_lag all-origin sums from the FFT engine */
    double *u;    /* 3 * nf */
    double *w;    /* nf */
    double *c;    /* 3 * nf: autocorrelations of x, y, z */
    double *cc;   /* nf: autocorrelation of a sum */
    double *pre;  /* nf + 1 prefix sums */
    double *acc;  /* 6 * n_lag first-origin accumulator */
} msd_work;

static void work_free(msd_work *w)
{
    msbi_corr_work_destroy(w->cw);
    msbi_msd_fft_destroy(w->ff);
    msbi_free(w->ug[0]);
    msbi_free(w->idx);
    msbi_free(w->u);
    msbi_free(w->acc);
    memset(w, 0, sizeof *w);
}

static msb_status work_new(const char *where, size_t na, size_t nf, size_t n_lag, msd_work *w)
{
    memset(w, 0, sizeof *w);
    size_t total, gsz;
    w->n_workers = msbi_thread_count(MSD_BLOCKS);
    if (msbi_mul_size(nf, 9, &total) || msbi_add_size(total, 1, &total) ||
        msbi_mul_size(nf, MSD_GROUP * 3, &gsz))
        return msbi_error(MSB_ESIZE, where, "too many frames (%zu)", nf);
    w->u = msbi_alloc_array(total, sizeof(double));
    w->acc = msbi_alloc_array(n_lag, 12 * sizeof(double));
    w->ug[0] = msbi_alloc_array(gsz, w->n_workers * sizeof(double));
    w->idx = msbi_alloc_array(na > 0 ? na : 1, sizeof(size_t));
    if (w->u == NULL || w->acc == NULL || w->ug[0] == NULL || w->idx == NULL) {
        work_free(w);
        return msbi_error(MSB_ENOMEM, where, "out of memory for %zu frames", nf);
    }
    for (size_t t = 1; t < w->n_workers; t++) w->ug[t] = w->ug[0] + t * gsz;
    w->w = w->u + 3 * nf;
    w->c = w->w + nf;
    w->cc = w->c + 3 * nf;
    w->pre = w->cc + nf;
    w->cross = w->acc + 6 * n_lag;
    msb_status st = msbi_corr_work_create(where, nf, &w->cw);
    if (!st) st = msbi_msd_fft_create(where, nf, MSD_BLOCKS, w->n_workers, &w->ff);
    if (st) {
        work_free(w);
        return st;
    }
    return MSB_SUCCESS;
}

/* The selected atoms' series over frames [f0, f0 + nf), relative to frame f0 (keeps the FFT
 * free of large offsets) and to the centre com if given. */
typedef struct {
    const double *pos, *com;
    const size_t *idx;
    size_t na, nsel, f0, nf, nt;
    msd_work *W;
    atomic_size_t next; /* next block to take */
} msd_job;

/* Gathers g <= MSD_GROUP atoms into ug[(j*3 + k)*nf + i] so that each frame's memory is read
 * once per group (frame-major storage makes single-atom series strided). */
static void gather(const msd_job *J, const size_t *ids, size_t g, double *ug)
{
    const size_t na = J->na, f0 = J->f0, nf = J->nf;
    const double *pos = J->pos, *com = J->com;
    double r0[MSD_GROUP][3];
    for (size_t j = 0; j < g; j++)
        for (int k = 0; k < 3; k++)
            r0[j][k] = pos[(f0 * na + ids[j]) * 3 + k] - (com ? com[3 * f0 + k] : 0.0);
    /* The rows of one frame are na * 24 bytes apart: hardware prefetchers do not follow that
     * stride across pages, so fetch the group's atoms MSD_PREFETCH frames ahead. */
    const size_t span_lo = ids[0] * 3, span_hi = ids[g - 1] * 3 + 3;
    const int contiguous = span_hi - span_lo <= 6 * g; /* ids increase */
    for (size_t i = 0; i < nf; i++) {
        const double *row = pos + (f0 + i) * na * 3;
#if defined(__GNUC__)
        if (i + MSD_PREFETCH < nf) {
            const double *ahead = row + MSD_PREFETCH * na * 3;
            if (contiguous) {
                for (size_t o = span_lo; o < span_hi; o += 8) __builtin_prefetch(ahead + o);
                __builtin_prefetch(ahead + span_hi - 1);
            } else {
                for (size_t j = 0; j < g; j++) {
                    __builtin_prefetch(ahead + ids[j] * 3);
                    __builtin_prefetch(ahead + ids[j] * 3 + 2);
                }
            }
        }
#endif
        const double c[3] = {com ? com[3 * (f0 + i)] : 0.0, com ? com[3 * (f0 + i) + 1] : 0.0,
                             com ? com[3 * (f0 + i) + 2] : 0.0};
        for (size_t j = 0; j < g; j++)
            for (int k = 0; k < 3; k++)
                ug[(j * 3 + (size_t)k) * nf + i] = row[ids[j] * 3 + k] - c[k] - r0[j][k];
    }
}

/* Worker t takes the next untaken block until none is left (a thread slowed down by other
 * processes takes fewer); block b holds atoms [b nsel / B, (b + 1) nsel / B). Which worker
 * adds a block does not change its sums. */
static void msd_piece(void *ctx, size_t t)
{
    msd_job *J = ctx;
    for (size_t b = atomic_fetch_add(&J->next, 1); b < MSD_BLOCKS;
         b = atomic_fetch_add(&J->next, 1)) {
        const size_t lo = b * J->nsel / MSD_BLOCKS, hi = (b + 1) * J->nsel / MSD_BLOCKS;
        for (size_t a = lo; a < hi; a += MSD_GROUP) {
            const size_t g = hi - a < MSD_GROUP ? hi - a : MSD_GROUP;
            gather(J, J->idx + a, g, J->W->ug[t]);
            for (size_t j = 0; j < g; j++)
                msbi_msd_fft_add(J->W->ff, b, t, J->W->ug[t] + j * 3 * J->nf);
        }
    }
}

/* MSD tensor of the selected atoms over frames [f0, f0 + nf), lags 0..n_lag-1, into
 * tensor[9 m + 3 a + b]. Returns the number of atoms used in *nsel. */
static msb_status msd_tensor(const char *where, const msb_trajectory *t, int type, const double *com,
                             size_t f0, size_t nf, size_t n_lag, int all_origins, msd_work *W,
                             double *tensor, size_t *nsel)
{
    const size_t na = msb_trajectory_n_atoms(t);
    const int *types = msb_trajectory_types(t);
    size_t n = 0;
    for (size_t a = 0; a < na; a++)
        if (type < 0 || types[a] == type) W->idx[n++] = a;
    *nsel = n;
    if (n == 0) return msbi_error(MSB_EINSUFFICIENT, where, "no atom of type %d", type);
    msd_job J = {msb_trajectory_positions(t), com, W->idx, na, n, f0, nf, 1, W, 0};
    double *acc = W->acc;
    if (all_origins) {
        MSBI_TRY(msbi_msd_fft_begin(W->ff, nf, n_lag));
        J.nt = nf * n >= MSD_THREAD_MIN ? W->n_workers : 1;
        if (J.nt > 1) msbi_run_threads(J.nt, msd_piece, &J);
        else msd_piece(&J, 0);
        msbi_msd_fft_finish(W->ff, W->cross);
        for (size_t m = 0; m < n_lag; m++)
            for (int q = 0; q < 6; q++) acc[6 * m + q] = W->cross[(size_t)q * n_lag + m] / (double)(nf - m);
    } else {
        memset(acc, 0, n_lag * 6 * sizeof(double));
        for (size_t a = 0; a < n; a += MSD_GROUP) {
            const size_t g = n - a < MSD_GROUP ? n - a : MSD_GROUP;
            gather(&J, W->idx + a, g, W->ug[0]);
            for (size_t j = 0; j < g; j++) {
                const double *u = W->ug[0] + j * 3 * nf;
                for (size_t m = 0; m < n_lag; m++)
                    for (int q = 0; q < 6; q++)
                        acc[6 * m + q] += u[PAIR_A[q] * nf + m] * u[PAIR_B[q] * nf + m];
            }
        }
    }
    for (size_t m = 0; m < n_lag; m++) {
        for (int q = 0; q < 6; q++) {
            double v = acc[6 * m + q] / (double)n;
            if (m == 0) v = 0.0; /* exact by definition; removes FFT rounding */
            tensor[9 * m + 3 * PAIR_A[q] + PAIR_B[q]] = v;
            tensor[9 * m + 3 * PAIR_B[q] + PAIR_A[q]] = v;
        }
    }
    return MSB_SUCCESS;
}

msb_status msb_msd_compute(const msb_trajectory *traj, int type, msb_msd_origins origins,
                           int remove_com, size_t n_lag, msb_estimate **out)
{
    MSBI_CHECK_NULL(traj);
    MSBI_CHECK_NULL(out);
    if (origins != MSB_MSD_ALL_ORIGINS && origins != MSB_MSD_FIRST_ORIGIN)
        return MSBI_FAIL(MSB_EINVAL, "origins must be MSB_MSD_ALL_ORIGINS or MSB_MSD_FIRST_ORIGIN "
                         "(got %d)", (int)origins);
    const size_t nf = msb_trajectory_n_frames(traj);
    if (n_lag == 0) n_lag = nf;
    if (n_lag > nf) return MSBI_FAIL(MSB_ESIZE, "n_lag = %zu exceeds the %zu frames", n_lag, nf);
    double dt;
    MSBI_TRY(check_spacing(__func__, traj, &dt));
    double *com = NULL;
    if (remove_com) MSBI_TRY(centres(__func__, traj, &com));
    msd_work W;
    msb_status st = work_new(__func__, msb_trajectory_n_atoms(traj), nf, n_lag, &W);
    double *buf = st ? NULL : msbi_alloc_array(n_lag, 11 * sizeof(double));
    if (!st && buf == NULL) st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
    size_t nsel = 0;
    if (!st)
        st = msd_tensor(__func__, traj, type, com, 0, nf, n_lag, origins == MSB_MSD_ALL_ORIGINS, &W,
                        buf, &nsel);
    msb_estimate *e = NULL;
    if (!st) {
        double *lag = buf + 9 * n_lag, *iso = lag + n_lag;
        for (size_t m = 0; m < n_lag; m++) {
            lag[m] = (double)m * dt;
            iso[m] = buf[9 * m] + buf[9 * m + 4] + buf[9 * m + 8];
        }
        e = msbi_estimate_new("msd");
        const char *w = __func__;
        st = e ? MSB_SUCCESS : MSBI_FAIL(MSB_ENOMEM, "out of memory");
        if (!st) st = msbi_estimate_add(w, e, "lag_time", "s", "time lag", n_lag, lag, NULL);
        if (!st) st = msbi_estimate_add(w, e, "msd", "m^2", "isotropic mean-squared displacement (trace)", n_lag, iso, NULL);
        if (!st) st = msbi_estimate_add(w, e, "msd_tensor", "m^2", "MSD tensor per lag, [9 m + 3 a + b]", 9 * n_lag, buf, NULL);
        if (!st) st = msbi_estimate_add1(w, e, "n_atoms", "1", "atoms averaged", (double)nsel, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "n_frames", "1", "frames", (double)nf, NAN);
    }
    work_free(&W);
    msbi_free(buf);
    msbi_free(com);
    if (st) {
        msb_estimate_destroy(e);
        return st;
    }
    *out = e;
    return MSB_SUCCESS;
}

/* OLS of y = c + s x over points [lo, hi]; slope and its naive standard error. */
static void ols(const double *x, const double *y, size_t lo, size_t hi, double *slope, double *se)
{
    const size_t n = hi - lo + 1;
    double mx = 0, my = 0;
    for (size_t i = lo; i <= hi; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxx = 0, sxy = 0;
    for (size_t i = lo; i <= hi; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    const double s = sxy / sxx, c = my - s * mx;
    double rss = 0;
    for (size_t i = lo; i <= hi; i++) rss += (y[i] - c - s * x[i]) * (y[i] - c - s * x[i]);
    *slope = s;
    if (se) *se = n > 2 ? sqrt(rss / (double)(n - 2) / sxx) : NAN;
}

/* D tensor (9) from the MSD tensor over lags [lo, hi]. */
static void fit_tensor(const double *lagt, const double *tensor, size_t lo, size_t hi, double *iso,
                       double *Dt, double *Diso, double *se_iso)
{
    for (size_t m = lo; m <= hi; m++) iso[m] = tensor[9 * m] + tensor[9 * m + 4] + tensor[9 * m + 8];
    double s;
    ols(lagt, iso, lo, hi, &s, se_iso);
    *Diso = s / 6.0;
    if (se_iso) *se_iso /= 6.0;
    if (Dt)
        for (int q = 0; q < 9; q++) {
            /* gather component q into iso's spare room is not possible; do it inline */
            double mx = 0, my = 0;
            const size_t n = hi - lo + 1;
            for (size_t m = lo; m <= hi; m++) {
                mx += lagt[m];
                my += tensor[9 * m + q];
            }
            mx /= (double)n;
            my /= (double)n;
            double sxx = 0, sxy = 0;
            for (size_t m = lo; m <= hi; m++) {
                sxx += (lagt[m] - mx) * (lagt[m] - mx);
                sxy += (lagt[m] - mx) * (tensor[9 * m + q] - my);
            }
            Dt[q] = sxy / sxx / 2.0;
        }
}

msb_status msb_einstein_fit(const msb_trajectory *traj, int type, int remove_com, double t_min_s,
                            double t_max_s, size_t n_blocks, msb_estimate **out)
{
    MSBI_CHECK_NULL(traj);
    MSBI_CHECK_NULL(out);
    if (isnan(t_min_s) || isnan(t_max_s) || isinf(t_min_s) || isinf(t_max_s))
        return MSBI_FAIL(MSB_ENONFINITE, "t_min_s = %g and t_max_s = %g must be finite", t_min_s, t_max_s);
    if (n_blocks == 0) n_blocks = 10;
    if (n_blocks < 2) return MSBI_FAIL(MSB_EINVAL, "n_blocks must be >= 2 (got %zu)", n_blocks);
    const size_t nf = msb_trajectory_n_frames(traj);
    if (nf / n_blocks < 8)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "%zu frames give fewer than 8 frames per block for %zu "
                         "blocks", nf, n_blocks);
    double dt;
    MSBI_TRY(check_spacing(__func__, traj, &dt));
    const size_t Lb = nf / n_blocks;
    size_t hi, lo;
    if (t_max_s > 0) {
        double h = floor(t_max_s / dt + 1e-9);
        if (!(h <= (double)(Lb - 1)))
            return MSBI_FAIL(MSB_EDOM, "t_max_s = %g s exceeds the block length %g s (%zu blocks)",
                             t_max_s, (double)(Lb - 1) * dt, n_blocks);
        hi = (size_t)h;
    } else {
        hi = Lb / 2;
    }
    if (t_min_s > 0 && !(t_min_s < t_max_s || t_max_s <= 0))
        return MSBI_FAIL(MSB_EINVAL, "t_min_s = %g must be < t_max_s = %g", t_min_s, t_max_s);
    if (t_min_s > 0 && t_max_s <= 0 && !(t_min_s < (double)hi * dt))
        return MSBI_FAIL(MSB_EINVAL, "t_min_s = %g must be < the automatic t_max = %g s (half a "
                         "block)", t_min_s, (double)hi * dt);
    double *com = NULL;
    if (remove_com) MSBI_TRY(centres(__func__, traj, &com));
    const size_t n_lag = hi + 1;
    msd_work W;
    msb_status st = work_new(__func__, msb_trajectory_n_atoms(traj), nf, n_lag, &W);
    size_t nbuf = 0;
    if (!st && (msbi_mul_size(n_lag, 9 + 2, &nbuf) || msbi_add_size(nbuf, 11 * n_blocks, &nbuf)))
        st = MSBI_FAIL(MSB_ESIZE, "too many lags");
    double *buf = st ? NULL : msbi_alloc_array(nbuf, sizeof(double));
    if (!st && buf == NULL) st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
    msb_estimate *e = NULL;
    size_t nsel = 0;
    double D = 0, Dse = 0, Dt[9], slope_ll = NAN;
    double *tensor = buf, *lagt = buf ? buf + 9 * n_lag : NULL, *iso = lagt ? lagt + n_lag : NULL;
    double *Db = iso ? iso + n_lag : NULL, *Dbt = Db ? Db + n_blocks : NULL;
    if (!st) {
        for (size_t m = 0; m < n_lag; m++) lagt[m] = (double)m * dt;
        st = msd_tensor(__func__, traj, type, com, 0, nf, n_lag, 1, &W, tensor, &nsel);
    }
    if (!st) {
        for (size_t m = 0; m < n_lag; m++) iso[m] = tensor[9 * m] + tensor[9 * m + 4] + tensor[9 * m + 8];
        if (t_min_s > 0) {
            lo = (size_t)ceil(t_min_s / dt - 1e-9);
        } else {
            lo = 0;
            for (size_t m = 1; 2 * m <= hi; m++) {
                if (!(iso[m] > 0)) continue;
                const double sl = log(iso[2 * m] / iso[m]) / log(2.0);
                if (fabs(sl - 1.0) <= 0.1) {
                    lo = m;
                    break;
                }
            }
            if (lo == 0)
                st = MSBI_FAIL(MSB_EINSUFFICIENT, "no diffusive regime: the log-log slope of the MSD "
                               "never comes within 0.1 of 1 below t_max = %g s (run longer, or give "
                               "the window)", (double)hi * dt);
        }
        if (!st && (lo + 2 > hi || lo < 1))
            st = MSBI_FAIL(MSB_EINSUFFICIENT, "the window [%zu, %zu] frames holds fewer than 3 lags "
                           "(t_min must be >= one frame and below t_max)", lo, hi);
    }
    if (!st) {
        double se;
        fit_tensor(lagt, tensor, lo, hi, iso, Dt, &D, &se);
        Dse = se;
        if (iso[lo] > 0 && iso[hi] > 0) slope_ll = log(iso[hi] / iso[lo]) / log(lagt[hi] / lagt[lo]);
        for (size_t b = 0; b < n_blocks && !st; b++) {
            size_t ns;
            st = msd_tensor(__func__, traj, type, com, b * Lb, Lb, n_lag, 1, &W, tensor, &ns);
            if (!st) fit_tensor(lagt, tensor, lo, hi, iso, Dbt + 9 * b, Db + b, NULL);
        }
    }
    if (!st) {
        double sd = 0, mean = 0, sdt[9], mt[9];
        for (size_t b = 0; b < n_blocks; b++) mean += Db[b];
        mean /= (double)n_blocks;
        for (size_t b = 0; b < n_blocks; b++) sd += (Db[b] - mean) * (Db[b] - mean);
        sd = sqrt(sd / (double)(n_blocks - 1) / (double)n_blocks);
        for (int q = 0; q < 9; q++) {
            double mq = 0, vq = 0;
            for (size_t b = 0; b < n_blocks; b++) mq += Dbt[9 * b + q];
            mq /= (double)n_blocks;
            mt[q] = mq;
            for (size_t b = 0; b < n_blocks; b++) vq += (Dbt[9 * b + q] - mq) * (Dbt[9 * b + q] - mq);
            sdt[q] = sqrt(vq / (double)(n_blocks - 1) / (double)n_blocks);
        }
        e = msbi_estimate_new("einstein_diffusion");
        const char *w = __func__;
        st = e ? MSB_SUCCESS : MSBI_FAIL(MSB_ENOMEM, "out of memory");
        if (!st) st = msbi_estimate_add1(w, e, "D", "m^2/s", "self-diffusion coefficient: mean of the time-block estimates, with its standard error", mean, sd);
        if (!st) st = msbi_estimate_add(w, e, "D_tensor", "m^2/s", "diffusion tensor, row-major (block mean and standard error)", 9, mt, sdt);
        if (!st) st = msbi_estimate_add1(w, e, "D_full", "m^2/s", "D from the whole trajectory's MSD over the same window (no sd)", D, NAN);
        if (!st) st = msbi_estimate_add(w, e, "D_tensor_full", "m^2/s", "diffusion tensor from the whole trajectory", 9, Dt, NULL);
        if (!st) st = msbi_estimate_add1(w, e, "D_ols_std", "m^2/s", "naive least-squares sd of D ignoring lag correlation (diagnostic only)", Dse, NAN);
        if (!st) st = msbi_estimate_add(w, e, "D_blocks", "m^2/s", "D of each time block", n_blocks, Db, NULL);
        if (!st) st = msbi_estimate_add1(w, e, "t_min", "s", "start of the fit window", (double)lo * dt, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "t_max", "s", "end of the fit window", (double)hi * dt, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "loglog_slope", "1", "d ln MSD / d ln t across the window", slope_ll, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "n_blocks", "1", "time blocks", (double)n_blocks, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "n_atoms", "1", "atoms averaged", (double)nsel, NAN);
        if (!st) st = msbi_estimate_add1(w, e, "n_frames", "1", "frames", (double)nf, NAN);
    }
    work_free(&W);
    msbi_free(buf);
    msbi_free(com);
    if (st) {
        msb_estimate_destroy(e);
        return st;
    }
    *out = e;
    return MSB_SUCCESS;
}

msb_status msb_yeh_hummer_correction(double D_pbc, double T_K, double eta_Pa_s, double L_m,
                                     double *D_inf)
{
    MSBI_CHECK_NULL(D_inf);
    MSBI_TRY(msbi_check_finite(__func__, "D_pbc", D_pbc));
    MSBI_TRY(msbi_check_positive(__func__, "T_K", T_K));
    MSBI_TRY(msbi_check_positive(__func__, "eta_Pa_s", eta_Pa_s));
    MSBI_TRY(msbi_check_positive(__func__, "L_m", L_m));
    const double v = D_pbc + 2.837297 * MSB_K_B * T_K / (6.0 * MSBI_PI * eta_Pa_s * L_m);
    if (!isfinite(v)) return MSBI_FAIL(MSB_ERANGE, "correction overflows");
    *D_inf = v;
    return MSB_SUCCESS;
}

/* Adds sum_i (u(i+m) - u(i)) (v(i+m) - v(i)) / (nf - m) to out[m], m < n_lag (u == v allowed). */
static msb_status pair_msd(msd_work *W, size_t nf, const double *u, const double *v, size_t n_lag,
                           double *out)
{
    double *cu = W->c, *cv = W->c + nf, *cw = W->cc;
    W->pre[0] = 0.0;
    for (size_t i = 0; i < nf; i++) W->pre[i + 1] = W->pre[i] + u[i] * v[i];
    MSBI_TRY(msbi_correlate(W->cw, nf, u, u, n_lag, cu));
    if (u != v) {
        MSBI_TRY(msbi_correlate(W->cw, nf, v, v, n_lag, cv));
        for (size_t i = 0; i < nf; i++) W->w[i] = u[i] + v[i];
        MSBI_TRY(msbi_correlate(W->cw, nf, W->w, W->w, n_lag, cw));
    }
    for (size_t m = 1; m < n_lag; m++) {
        const double cross2 = u == v ? 2.0 * cu[m] : cw[m] - cu[m] - cv[m];
        out[m] += ((W->pre[nf] - W->pre[m]) + W->pre[nf - m] - cross2) / (double)(nf - m);
    }
    return MSB_SUCCESS;
}

#define ONS_MAX 8

static void mean_se(const double *v, size_t n, size_t stride, double *mean, double *se)
{
    double m = 0, s = 0;
    for (size_t b = 0; b < n; b++) m += v[b * stride];
    m /= (double)n;
    for (size_t b = 0; b < n; b++) s += (v[b * stride] - m) * (v[b * stride] - m);
    *mean = m;
    *se = sqrt(s / (double)(n - 1) / (double)n);
}

msb_status msb_onsager_fit(const msb_trajectory *traj, size_t n_species, const int *types,
                           const int *z, double T_K, int remove_com, double t_min_s, double t_max_s,
                           size_t n_blocks, msb_estimate **out)
{
    MSBI_CHECK_NULL(traj);
    MSBI_CHECK_NULL(types);
    MSBI_CHECK_NULL(z);
    MSBI_CHECK_NULL(out);
    if (n_species < 1 || n_species > ONS_MAX)
        return MSBI_FAIL(MSB_ESIZE, "n_species must be in 1..%d (got %zu)", ONS_MAX, n_species);
    for (size_t a = 0; a < n_species; a++)
        for (size_t b = 0; b < a; b++)
            if (types[a] == types[b]) return MSBI_FAIL(MSB_EINVAL, "type %d is listed twice", types[a]);
    MSBI_TRY(msbi_check_positive(__func__, "T_K", T_K));
    if (!isfinite(t_min_s) || !isfinite(t_max_s))
        return MSBI_FAIL(MSB_ENONFINITE, "t_min_s = %g and t_max_s = %g must be finite", t_min_s, t_max_s);
    if (msb_trajectory_cell(traj, 0) == NULL)
        return MSBI_FAIL(MSB_EINVAL, "the trajectory has no cell: the volume is unknown");
    if (n_blocks == 0) n_blocks = 10;
    if (n_blocks < 2) return MSBI_FAIL(MSB_EINVAL, "n_blocks must be >= 2 (got %zu)", n_blocks);
    const size_t nf = msb_trajectory_n_frames(traj), na = msb_trajectory_n_atoms(traj);
    if (nf / n_blocks < 8)
        return MSBI_FAIL(MSB_EINSUFFICIENT, "%zu frames give fewer than 8 frames per block for %zu "
                         "blocks", nf, n_blocks);
    double dt;
    MSBI_TRY(check_spacing(__func__, traj, &dt));
    const size_t Lb = nf / n_blocks;
    size_t hi = Lb / 2, lo = 0;
    if (t_max_s > 0) {
        double h = floor(t_max_s / dt + 1e-9);
        if (!(h <= (double)(Lb - 1)))
            return MSBI_FAIL(MSB_EDOM, "t_max_s = %g s exceeds the block length %g s", t_max_s,
                             (double)(Lb - 1) * dt);
        hi = (size_t)h;
    }
    if (t_min_s > 0) {
        lo = (size_t)ceil(t_min_s / dt - 1e-9);
        if (!(lo + 2 <= hi))
            return MSBI_FAIL(MSB_EDOM, "window [%g, %g] s holds fewer than 3 lags", t_min_s, (double)hi * dt);
    }
    double V = 0;
    for (size_t f = 0; f < nf; f++) V += msb_trajectory_volume(traj, f);
    V /= (double)nf;
    const int *ty = msb_trajectory_types(traj);
    const double *pos = msb_trajectory_positions(traj);
    double Na[ONS_MAX] = {0};
    for (size_t i = 0; i < na; i++)
        for (size_t a = 0; a < n_species; a++)
            if (ty[i] == types[a]) Na[a] += 1;
    for (size_t a = 0; a < n_species; a++)
        if (Na[a] == 0) return MSBI_FAIL(MSB_EINSUFFICIENT, "no atom of type %d", types[a]);

    const size_t n_lag = hi + 1, ns = n_species, nss = ns * ns;
    double *com = NULL;
    if (remove_com) MSBI_TRY(centres(__func__, traj, &com));
    msd_work W;
    msb_status st = work_new(__func__, na, Lb, n_lag, &W);
    /* buffers: tensor 9 n_lag, iso n_lag, lagt n_lag, M n_lag, R ns*3*Lb, per-block results */
    const size_t per_block = nss + ns + 4 + ns;
    size_t nbuf = 12 * n_lag + ns * 3 * Lb + n_blocks * per_block;
    double *buf = st ? NULL : msbi_calloc(nbuf, sizeof(double));
    if (!st && buf == NULL) st = MSBI_FAIL(MSB_ENOMEM, "out of memory");
    msb_estimate *e = NULL;
    if (!st) {
        double *tensor = buf, *iso = tensor + 9 * n_lag, *lagt = iso + n_lag, *M = lagt + n_lag;
        double *R = M + n_lag, *res = R + ns * 3 * Lb;
        for (size_t m = 0; m < n_lag; m++) lagt[m] = (double)m * dt;
        const double kT = MSB_K_B * T_K;
        if (lo == 0) { /* automatic window from the block-averaged self MSD of all atoms */
            double *avg = M;
            memset(avg, 0, n_lag * sizeof(double));
            for (size_t b = 0; b < n_blocks && !st; b++) {
                size_t nsel;
                st = msd_tensor(__func__, traj, -1, com, b * Lb, Lb, n_lag, 1, &W, tensor, &nsel);
                for (size_t m = 0; m < n_lag && !st; m++)
                    avg[m] += tensor[9 * m] + tensor[9 * m + 4] + tensor[9 * m + 8];
            }
            for (size_t m = 1; 2 * m <= hi && !st; m++) {
                if (!(avg[m] > 0)) continue;
                if (fabs(log(avg[2 * m] / avg[m]) / log(2.0) - 1.0) <= 0.1) {
                    lo = m;
                    break;
                }
            }
            if (!st && (lo == 0 || lo + 2 > hi))
                st = MSBI_FAIL(MSB_EINSUFFICIENT, "no diffusive regime with >= 3 lags below t_max = "
                               "%g s (give the window)", (double)hi * dt);
        }
        for (size_t b = 0; b < n_blocks && !st; b++) {
            const size_t f0 = b * Lb;
            double *rb = res + b * per_block, *L = rb, *Ds = L + nss, *t = Ds + ns, *sc = t + ns;
            /* collective displacements relative to the block start */
            memset(R, 0, ns * 3 * Lb * sizeof(double));
            for (size_t i = 0; i < Lb; i++)
                for (size_t at = 0; at < na; at++)
                    for (size_t a = 0; a < ns; a++) {
                        if (ty[at] != types[a]) continue;
                        for (int k = 0; k < 3; k++) {
                            const double c0 = com ? com[3 * f0 + k] : 0.0, ci = com ? com[3 * (f0 + i) + k] : 0.0;
                            R[(a * 3 + k) * Lb + i] += (pos[((f0 + i) * na + at) * 3 + k] - ci) -
                                                       (pos[(f0 * na + at) * 3 + k] - c0);
                        }
                    }
            for (size_t a = 0; a < ns && !st; a++)
                for (size_t c = a; c < ns && !st; c++) {
                    memset(M, 0, n_lag * sizeof(double));
                    for (int k = 0; k < 3 && !st; k++)
                        st = pair_msd(&W, Lb, R + (a * 3 + k) * Lb, R + (c * 3 + k) * Lb, n_lag, M);
                    double s;
                    ols(lagt, M, lo, hi, &s, NULL);
                    L[a * ns + c] = L[c * ns + a] = s / (6.0 * V * kT);
                }
            double sig = 0, sne = 0;
            for (size_t a = 0; a < ns && !st; a++) {
                size_t nsel;
                st = msd_tensor(__func__, traj, types[a], com, f0, Lb, n_lag, 1, &W, tensor, &nsel);
                if (st) break;
                double Dself;
                fit_tensor(lagt, tensor, lo, hi, iso, NULL, &Dself, NULL);
                Ds[a] = Dself;
                sne += Na[a] * z[a] * z[a] * Dself;
                for (size_t c = 0; c < ns; c++) sig += z[a] * z[c] * L[a * ns + c];
            }
            if (st) break;
            for (size_t a = 0; a < ns; a++) {
                double s = 0;
                for (size_t c = 0; c < ns; c++) s += z[c] * L[a * ns + c];
                t[a] = sig != 0 ? z[a] * s / sig : NAN;
            }
            sc[0] = MSB_E * MSB_E * sig;
            sc[1] = MSB_E * MSB_E * sne / (V * kT);
            sc[2] = sc[0] != 0 ? sc[1] / sc[0] : NAN;
        }
        if (!st) {
            double m[ONS_MAX * ONS_MAX], s[ONS_MAX * ONS_MAX];
            const char *w = __func__;
            e = msbi_estimate_new("onsager");
            st = e ? MSB_SUCCESS : MSBI_FAIL(MSB_ENOMEM, "out of memory");
            const size_t o_sc = nss + 2 * ns;
            double ms, ss;
            mean_se(res + o_sc, n_blocks, per_block, &ms, &ss);
            if (!st) st = msbi_estimate_add1(w, e, "sigma_EH", "S/m", "Einstein-Helfand conductivity", ms, ss);
            mean_se(res + o_sc + 1, n_blocks, per_block, &ms, &ss);
            if (!st) st = msbi_estimate_add1(w, e, "sigma_NE", "S/m", "Nernst-Einstein conductivity from the self-diffusivities", ms, ss);
            mean_se(res + o_sc + 2, n_blocks, per_block, &ms, &ss);
            if (!st) st = msbi_estimate_add1(w, e, "haven_ratio", "1", "sigma_NE / sigma_EH", ms, ss);
            for (size_t a = 0; a < ns; a++) mean_se(res + nss + ns + a, n_blocks, per_block, &m[a], &s[a]);
            if (!st) st = msbi_estimate_add(w, e, "t", "1", "Onsager transference numbers of the species", ns, m, s);
            for (size_t q = 0; q < nss; q++) mean_se(res + q, n_blocks, per_block, &m[q], &s[q]);
            if (!st) st = msbi_estimate_add(w, e, "L", "1/(J m s)", "Onsager coefficients L_ab, row-major", nss, m, s);
            for (size_t a = 0; a < ns; a++) mean_se(res + nss + a, n_blocks, per_block, &m[a], &s[a]);
            if (!st) st = msbi_estimate_add(w, e, "D_self", "m^2/s", "self-diffusion coefficients of the species", ns, m, s);
            if (!st) st = msbi_estimate_add1(w, e, "t_min", "s", "start of the fit window", (double)lo * dt, NAN);
            if (!st) st = msbi_estimate_add1(w, e, "t_max", "s", "end of the fit window", (double)hi * dt, NAN);
            if (!st) st = msbi_estimate_add1(w, e, "n_blocks", "1", "time blocks", (double)n_blocks, NAN);
            if (!st) st = msbi_estimate_add1(w, e, "volume", "m^3", "mean cell volume", V, NAN);
        }
    }
    work_free(&W);
    msbi_free(buf);
    msbi_free(com);
    if (st) {
        msb_estimate_destroy(e);
        return st;
    }
    *out = e;
    return MSB_SUCCESS;
}

/* Elastic tensors: Voigt-Reuss-Hill moduli, Born stability, directional Young's modulus and the
 * least-squares stiffness fit (msbridge/elastic.h). LAPACK calls use the _work variants in
 * column-major order (the matrices are symmetric, so no transposition and no allocation). */
#include <lapacke.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "msbridge/elastic.h"
#include "numerics/lsq.h"

static msb_status check_tensor(const char *where, size_t idx, const double *C)
{
    double cmax = 0.0;
    for (int k = 0; k < 36; k++) {
        if (!isfinite(C[k]))
            return msbi_error(MSB_ENONFINITE, where, "tensor %zu: C[%d][%d] is %g", idx, k / 6,
                              k % 6, C[k]);
        cmax = fmax(cmax, fabs(C[k]));
    }
    for (int a = 0; a < 6; a++)
        for (int b = a + 1; b < 6; b++)
            if (!(fabs(C[6 * a + b] - C[6 * b + a]) <= 1e-12 * cmax))
                return msbi_error(MSB_EINVAL, where,
                                  "tensor %zu is not symmetric: C[%d][%d] = %g but C[%d][%d] = %g",
                                  idx, a, b, C[6 * a + b], b, a, C[6 * b + a]);
    return MSB_SUCCESS;
}

/* Born stability by Cholesky on a copy. */
static int born_stable(const double *C)
{
    double L[36];
    memcpy(L, C, sizeof L);
    return LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', 6, L, 6) == 0;
}

/* S = C^-1 by LU; MSB_ESINGULAR if the exact 1-norm reciprocal condition number
 * 1/(|C|_1 |C^-1|_1) is below 1e-13 (computed from the inverse: cheaper than dgecon's estimate
 * and exact). */
static msb_status invert(const char *where, size_t idx, const double *C, double *S)
{
    double anorm = 0.0;
    for (int b = 0; b < 6; b++) {
        double s = 0.0;
        for (int a = 0; a < 6; a++) s += fabs(C[6 * a + b]);
        anorm = fmax(anorm, s);
    }
    lapack_int ipiv[6];
    double work[6 * 64];
    memcpy(S, C, 36 * sizeof(double));
    lapack_int info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, 6, 6, S, 6, ipiv);
    if (info == 0) info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, 6, S, 6, ipiv, work, 6 * 64);
    double snorm = 0.0;
    if (info == 0)
        for (int b = 0; b < 6; b++) {
            double s = 0.0;
            for (int a = 0; a < 6; a++) s += fabs(S[6 * a + b]);
            snorm = fmax(snorm, s);
        }
    const double rcond = info == 0 ? 1.0 / (anorm * snorm) : 0.0;
    if (!(rcond >= 1e-13))
        return msbi_error(MSB_ESINGULAR, where, "tensor %zu is singular (reciprocal condition "
                          "number %.3g < 1e-13): the compliance does not exist", idx, rcond);
    /* symmetrise the rounding */
    for (int a = 0; a < 6; a++)
        for (int b = a + 1; b < 6; b++) S[6 * a + b] = S[6 * b + a] = 0.5 * (S[6 * a + b] + S[6 * b + a]);
    return MSB_SUCCESS;
}

static double min_eigen(const double *C)
{
    double A[36], w[6], work[6 * 64];
    memcpy(A, C, sizeof A);
    if (LAPACKE_dsyev_work(LAPACK_COL_MAJOR, 'N', 'L', 6, A, 6, w, work, 6 * 64) != 0) return NAN;
    return w[0];
}

static void moduli(const double *C, const double *S, double *p)
{
    const double KV = (C[0] + C[7] + C[14] + 2.0 * (C[1] + C[2] + C[8])) / 9.0;
    const double KR = 1.0 / (S[0] + S[7] + S[14] + 2.0 * (S[1] + S[2] + S[8]));
    const double GV = (C[0] + C[7] + C[14] - (C[1] + C[2] + C[8]) + 3.0 * (C[21] + C[28] + C[35])) / 15.0;
    const double GR = 15.0 / (4.0 * (S[0] + S[7] + S[14]) - 4.0 * (S[1] + S[2] + S[8]) +
                              3.0 * (S[21] + S[28] + S[35]));
    const double K = 0.5 * (KV + KR), G = 0.5 * (GV + GR);
    p[MSB_ELASTIC_K_VOIGT] = KV;
    p[MSB_ELASTIC_K_REUSS] = KR;
    p[MSB_ELASTIC_K_VRH] = K;
    p[MSB_ELASTIC_G_VOIGT] = GV;
    p[MSB_ELASTIC_G_REUSS] = GR;
    p[MSB_ELASTIC_G_VRH] = G;
    p[MSB_ELASTIC_E_VRH] = 9.0 * K * G / (3.0 * K + G);
    p[MSB_ELASTIC_NU_VRH] = (3.0 * K - 2.0 * G) / (2.0 * (3.0 * K + G));
    p[MSB_ELASTIC_A_U] = 5.0 * GV / GR + KV / KR - 6.0;
    p[MSB_ELASTIC_A_ZENER] = C[0] != C[1] ? 2.0 * C[21] / (C[0] - C[1]) : NAN;
}

msb_status msb_elastic_moduli(size_t n, const double *C, double *props, int *stable)
{
    MSBI_CHECK_NULL(C);
    MSBI_CHECK_NULL(props);
    if (n == 0) return MSBI_FAIL(MSB_ESIZE, "n must be >= 1 (got 0)");
    size_t tot;
    if (msbi_mul_size(n, 36, &tot)) return MSBI_FAIL(MSB_ESIZE, "n = %zu too large", n);
    for (size_t i = 0; i < n; i++) MSBI_TRY(check_tensor(__func__, i, C + 36 * i));
    for (size_t i = 0; i < n; i++) {
        const double *Ci = C + 36 * i;
        double S[36], p[MSB_ELASTIC_NPROP];
        MSBI_TRY(invert(__func__, i, Ci, S));
        moduli(Ci, S, p);
        p[MSB_ELASTIC_MIN_EIGEN] = min_eigen(Ci);
        memcpy(props + MSB_ELASTIC_NPROP * i, p, sizeof p);
        if (stable) stable[i] = born_stable(Ci);
    }
    return MSB_SUCCESS;
}

msb_status msb_elastic_analyze(const double *C, msb_estimate **est_out)
{
    MSBI_CHECK_NULL(C);
    MSBI_CHECK_NULL(est_out);
    MSBI_TRY(check_tensor(__func__, 0, C));
    double S[36], p[MSB_ELASTIC_NPROP];
    MSBI_TRY(invert(__func__, 0, C, S));
    moduli(C, S, p);
    p[MSB_ELASTIC_MIN_EIGEN] = min_eigen(C);
    static const char *const names[MSB_ELASTIC_NPROP] = {
        "K_V", "K_R", "K_VRH", "G_V", "G_R", "G_VRH", "E_VRH", "nu_VRH", "A_U", "A_Zener",
        "min_eigen"};
    static const char *const desc[MSB_ELASTIC_NPROP] = {
        "Voigt bulk modulus", "Reuss bulk modulus", "Hill bulk modulus", "Voigt shear modulus",
        "Reuss shear modulus", "Hill shear modulus", "Young's modulus from the Hill averages",
        "Poisson's ratio from the Hill averages", "universal anisotropy index",
        "Zener ratio 2 C44/(C11 - C12) (cubic crystals only)", "smallest eigenvalue of C"};
    static const int dimless[MSB_ELASTIC_NPROP] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0};
    static const double dirs[4][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}};
    static const char *const dnames[4] = {"E_100", "E_010", "E_001", "E_111"};
    msb_estimate *est = msbi_estimate_new("elastic_moduli");
    msb_status st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
    for (int k = 0; k < MSB_ELASTIC_NPROP && !st; k++)
        st = msbi_estimate_add1(__func__, est, names[k], dimless[k] ? "1" : "Pa", desc[k], p[k], NAN);
    if (!st) st = msbi_estimate_add1(__func__, est, "stable", "1", "1 if Born-stable (Cholesky)", born_stable(C), NAN);
    for (int d = 0; d < 4 && !st; d++) {
        const double nn = sqrt((double)(dirs[d][0] * dirs[d][0] + dirs[d][1] * dirs[d][1] + dirs[d][2] * dirs[d][2]));
        const double x = dirs[d][0] / nn, y = dirs[d][1] / nn, z = dirs[d][2] / nn;
        const double m[6] = {x * x, y * y, z * z, y * z, x * z, x * y};
        double q = 0.0;
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++) q += m[a] * S[6 * a + b] * m[b];
        st = msbi_estimate_add1(__func__, est, dnames[d], "Pa", "directional Young's modulus", q > 0 ? 1.0 / q : NAN, NAN);
    }
    if (st) {
        msb_estimate_destroy(est);
        return st;
    }
    *est_out = est;
    return MSB_SUCCESS;
}

msb_status msb_elastic_is_stable(const double *C, int *stable)
{
    MSBI_CHECK_NULL(C);
    MSBI_CHECK_NULL(stable);
    MSBI_TRY(check_tensor(__func__, 0, C));
    *stable = born_stable(C);
    return MSB_SUCCESS;
}

msb_status msb_elastic_compliance(const double *C, double *S)
{
    MSBI_CHECK_NULL(C);
    MSBI_CHECK_NULL(S);
    MSBI_TRY(check_tensor(__func__, 0, C));
    double T[36];
    MSBI_TRY(invert(__func__, 0, C, T));
    memcpy(S, T, sizeof T);
    return MSB_SUCCESS;
}

msb_status msb_elastic_young_direction(const double *C, size_t ndir, const double *dirs, double *E)
{
    MSBI_CHECK_NULL(C);
    MSBI_CHECK_NULL(dirs);
    MSBI_CHECK_NULL(E);
    if (ndir == 0) return MSBI_FAIL(MSB_ESIZE, "ndir must be >= 1 (got 0)");
    size_t nd3;
    if (msbi_mul_size(ndir, 3, &nd3)) return MSBI_FAIL(MSB_ESIZE, "ndir = %zu too large", ndir);
    MSBI_TRY(check_tensor(__func__, 0, C));
    MSBI_TRY(msbi_check_array_finite(__func__, "dirs", nd3, dirs));
    double S[36];
    MSBI_TRY(invert(__func__, 0, C, S));
    for (size_t d = 0; d < ndir; d++) {
        const double *v = dirs + 3 * d;
        const double nn = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(nn > 0)) return MSBI_FAIL(MSB_EDOM, "direction %zu is the zero vector", d);
        const double x = v[0] / nn, y = v[1] / nn, z = v[2] / nn;
        const double m[6] = {x * x, y * y, z * z, y * z, x * z, x * y};
        double q = 0.0;
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++) q += m[a] * S[6 * a + b] * m[b];
        if (!(q > 0))
            return MSBI_FAIL(MSB_EDOM, "direction %zu: compliance n.S.n = %g <= 0 (mechanically "
                             "unstable tensor)", d, q);
    }
    for (size_t d = 0; d < ndir; d++) {
        const double *v = dirs + 3 * d;
        const double nn = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        const double x = v[0] / nn, y = v[1] / nn, z = v[2] / nn;
        const double m[6] = {x * x, y * y, z * z, y * z, x * z, x * y};
        double q = 0.0;
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++) q += m[a] * S[6 * a + b] * m[b];
        E[d] = 1.0 / q;
    }
    return MSB_SUCCESS;
}

/* Index of the upper-triangle component (a <= b) in the 21-vector. */
static int tri_index(int a, int b)
{
    if (a > b) {
        const int t = a;
        a = b;
        b = t;
    }
    return a * 6 - a * (a - 1) / 2 + (b - a);
}

msb_status msb_elastic_fit(size_t n, const double *strain, const double *stress,
                           double stress_std, int fit_offset, msb_estimate **est_out)
{
    MSBI_CHECK_NULL(strain);
    MSBI_CHECK_NULL(stress);
    MSBI_CHECK_NULL(est_out);
    const size_t p = fit_offset ? 27 : 21;
    const int given_sd = stress_std > 0 && isfinite(stress_std);
    if (isinf(stress_std))
        return MSBI_FAIL(MSB_ENONFINITE, "stress_std is %g", stress_std);
    size_t rows;
    if (msbi_mul_size(n, 6, &rows)) return MSBI_FAIL(MSB_ESIZE, "n = %zu too large", n);
    if (rows < p || (!given_sd && rows == p))
        return MSBI_FAIL(MSB_EINSUFFICIENT, "a stiffness fit with %zu unknowns needs more than "
                         "%zu stress components; got %zu strain states (%zu components)", p,
                         given_sd ? p - 1 : p, n, rows);
    MSBI_TRY(msbi_check_array_finite(__func__, "strain", rows, strain));
    MSBI_TRY(msbi_check_array_finite(__func__, "stress", rows, stress));
    size_t nA;
    if (msbi_mul_size(rows, p, &nA)) return MSBI_FAIL(MSB_ESIZE, "n = %zu too large", n);
    /* Scale: the strain columns are O(1e-2), the stresses O(1e9); fit C in units of the largest
     * |stress| / largest |strain| to keep the QR well scaled (QR is scale-invariant per column,
     * but the rank test and sigma are relative). */
    double smax = 0.0, emax = 0.0;
    for (size_t k = 0; k < rows; k++) {
        smax = fmax(smax, fabs(stress[k]));
        emax = fmax(emax, fabs(strain[k]));
    }
    if (!(emax > 0)) return MSBI_FAIL(MSB_ESINGULAR, "all strains are zero: C is undetermined");
    if (!(smax > 0)) smax = 1.0;
    double *A = msbi_calloc(nA, sizeof(double));
    double *y = msbi_alloc_array(rows, sizeof(double));
    double *sig = msbi_alloc_array(rows, sizeof(double));
    double beta[27], cov[27 * 27], chi2 = 0.0;
    msb_status st = MSB_SUCCESS;
    if (!A || !y || !sig) {
        st = MSBI_FAIL(MSB_ENOMEM, "out of memory (n = %zu)", n);
        goto done;
    }
    const double cu = smax / emax; /* unit of C in the solve */
    for (size_t i = 0; i < n; i++)
        for (int a = 0; a < 6; a++) {
            const size_t r = 6 * i + (size_t)a;
            for (int b = 0; b < 6; b++) A[r * p + (size_t)tri_index(a, b)] += strain[6 * i + (size_t)b] / emax;
            if (fit_offset) A[r * p + 21 + (size_t)a] = 1.0;
            y[r] = stress[r] / smax;
            sig[r] = given_sd ? stress_std / smax : 1.0;
        }
    st = msbi_wls(__func__, rows, p, A, y, sig, beta, cov, &chi2);
    if (st) goto done;
    const size_t dof = rows - p;
    const double s2 = given_sd ? 1.0 : chi2 / (double)dof;
    double Cfit[36], Csd[36], s0[6] = {0}, s0sd[6] = {0}, covC[441];
    for (int a = 0; a < 6; a++)
        for (int b = 0; b < 6; b++) {
            const int t = tri_index(a, b);
            Cfit[6 * a + b] = beta[t] * cu;
            Csd[6 * a + b] = sqrt(cov[(size_t)t * p + (size_t)t] * s2) * cu;
        }
    for (int a = 0; a < 21; a++)
        for (int b = 0; b < 21; b++) covC[21 * a + b] = cov[(size_t)a * p + (size_t)b] * s2 * cu * cu;
    if (fit_offset)
        for (int a = 0; a < 6; a++) {
            s0[a] = beta[21 + a] * smax;
            s0sd[a] = sqrt(cov[(size_t)(21 + a) * p + (size_t)(21 + a)] * s2) * smax;
        }
    double S[36], props[MSB_ELASTIC_NPROP];
    const int stable = born_stable(Cfit);
    const msb_status inv = invert(__func__, 0, Cfit, S);
    if (inv == MSB_SUCCESS) moduli(Cfit, S, props);
    else props[MSB_ELASTIC_K_VRH] = props[MSB_ELASTIC_G_VRH] = NAN;
    msb_estimate *est = msbi_estimate_new("elastic_fit");
    const char *w = __func__;
    st = est == NULL ? MSBI_FAIL(MSB_ENOMEM, "out of memory") : MSB_SUCCESS;
    if (!st) st = msbi_estimate_add(w, est, "C", "Pa", "Voigt stiffness (engineering shear strains), row-major", 36, Cfit, Csd);
    if (!st) st = msbi_estimate_add(w, est, "sigma0", "Pa", "fitted stress at zero strain (zero without offset)", 6, s0, fit_offset ? s0sd : NULL);
    if (!st) st = msbi_estimate_add1(w, est, "stable", "1", "1 if the fitted C is positive definite (Born)", stable, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "min_eigen", "Pa", "smallest eigenvalue of the fitted C", min_eigen(Cfit), NAN);
    if (!st) st = msbi_estimate_add1(w, est, "K_VRH", "Pa", "Hill bulk modulus of the fitted C", props[MSB_ELASTIC_K_VRH], NAN);
    if (!st) st = msbi_estimate_add1(w, est, "G_VRH", "Pa", "Hill shear modulus of the fitted C", props[MSB_ELASTIC_G_VRH], NAN);
    if (!st) st = msbi_estimate_add(w, est, "cov_C", "Pa^2", "covariance of the 21 upper-triangle components C11 C12..C16 C22..C66", 441, covC, NULL);
    if (!st) st = msbi_estimate_add1(w, est, "chi2", "1", "sum of squared weighted residuals (NaN without stress_std)", given_sd ? chi2 : NAN, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "rms_residual", "Pa", "root-mean-square stress residual", given_sd ? sqrt(chi2 / (double)rows) * stress_std : sqrt(chi2 / (double)rows) * smax, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "dof", "1", "6 n minus unknowns", (double)dof, NAN);
    if (!st) st = msbi_estimate_add1(w, est, "n", "1", "number of strain states", (double)n, NAN);
    if (st) msb_estimate_destroy(est);
    else *est_out = est;
done:
    msbi_free(A);
    msbi_free(y);
    msbi_free(sig);
    return st;
}

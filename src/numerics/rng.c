/* Random stream and PSD factorisation for Monte Carlo (src/numerics/rng.h). */
#include <lapacke.h>
#include <string.h>

#include "numerics/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void msbi_rng_seed(msbi_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
    r->have_spare = 0;
    r->spare = 0.0;
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t msbi_rng_next(msbi_rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double msbi_rng_uniform(msbi_rng *r)
{
    /* 53 random bits, shifted by half an ulp: values in (0, 1). */
    return ((double)(msbi_rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

double msbi_rng_normal(msbi_rng *r)
{
    if (r->have_spare) {
        r->have_spare = 0;
        return r->spare;
    }
    double u1 = msbi_rng_uniform(r), u2 = msbi_rng_uniform(r);
    double rad = sqrt(-2.0 * log(u1)), ang = 2.0 * MSBI_PI * u2;
    r->spare = rad * sin(ang);
    r->have_spare = 1;
    return rad * cos(ang);
}

void msbi_rng_jump(msbi_rng *r)
{
    static const uint64_t J[4] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                  0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (J[i] & ((uint64_t)1 << b))
                for (int k = 0; k < 4; k++) t[k] ^= r->s[k];
            msbi_rng_next(r);
        }
    memcpy(r->s, t, sizeof t);
    r->have_spare = 0;
}

msb_status msbi_psd_factor(const char *where, size_t n, const double *C, double *F)
{
    double *A = msbi_alloc_array(n * n, sizeof(double));
    double *d = msbi_alloc_array(n, sizeof(double));
    lapack_int *piv = msbi_alloc_array(n, sizeof(lapack_int));
    if (A == NULL || d == NULL || piv == NULL) {
        msbi_free(A);
        msbi_free(d);
        msbi_free(piv);
        return msbi_error(MSB_ENOMEM, where, "out of memory");
    }
    /* Factor the correlation matrix R = D^-1 C D^-1 (D = standard deviations), so parameters
     * of very different scales (ln D0 ~ 1, Ea ~ 1e-20 J) are treated alike; F = D P L. */
    for (size_t i = 0; i < n; i++) d[i] = sqrt(C[i * n + i] > 0 ? C[i * n + i] : 0.0);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            A[i * n + j] = (d[i] > 0 && d[j] > 0) ? C[i * n + j] / (d[i] * d[j]) : 0.0;
    memset(F, 0, n * n * sizeof(double));
    lapack_int rank = 0, info = 0;
    if (n > 0)
        info = LAPACKE_dpstrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, A, (lapack_int)n, piv, &rank,
                              -1.0);
    msb_status st = MSB_SUCCESS;
    if (info < 0) {
        st = msbi_error(MSB_EINTERNAL, where, "dpstrf argument %d", (int)-info);
    } else {
        /* P^T R P = L L^T with L lower (first `rank` columns meaningful). */
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < (size_t)rank && j <= i; j++) {
                size_t row = (size_t)(piv[i] - 1);
                F[row * n + j] = d[row] * A[i * n + j];
            }
        /* Verify F F^T = C in correlation units (catches an indefinite input). */
        for (size_t i = 0; i < n && !st; i++)
            for (size_t j = 0; j <= i && !st; j++) {
                if (!(d[i] > 0 && d[j] > 0)) continue;
                double s = 0.0;
                for (size_t k = 0; k < n; k++) s += F[i * n + k] * F[j * n + k];
                if (!(fabs(s - C[i * n + j]) / (d[i] * d[j]) <= 1e-8))
                    st = msbi_error(MSB_EINVAL, where, "covariance is not positive "
                                    "semi-definite (entry %zu,%zu not reproduced by its "
                                    "pivoted Cholesky factor)", i, j);
            }
    }
    msbi_free(A);
    msbi_free(d);
    msbi_free(piv);
    return st;
}

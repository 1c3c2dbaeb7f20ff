/* Fuzz target: fuzzed doubles and sizes to every public law constructor and evaluator.
 * Contract checked: every call returns a defined status; on success every output is finite; on
 * failure the thread message is non-empty and the outputs are untouched. A violation aborts
 * (a finding). Built with libFuzzer (clang) and replayed over the committed corpus as an
 * ordinary test (replay_main.c). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"

#define SENT 4242.4242

typedef struct cursor {
    const uint8_t *p;
    size_t n;
} cursor;

static double take_double(cursor *c)
{
    double v = 0;
    if (c->n >= sizeof v) {
        memcpy(&v, c->p, sizeof v);
        c->p += sizeof v;
        c->n -= sizeof v;
    } else if (c->n > 0) {
        v = (double)c->p[0] - 100.0;
        c->p++;
        c->n--;
    }
    return v;
}

static unsigned take_byte(cursor *c)
{
    if (c->n == 0) return 0;
    unsigned v = c->p[0];
    c->p++;
    c->n--;
    return v;
}

static void check_status(msb_status s)
{
    if (s < 0 || s >= msb_status_count()) abort();
    if (s != MSB_SUCCESS && msb_last_error_message()[0] == '\0') abort();
}

static void exercise(const msb_law *law, cursor *c)
{
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law), np = msb_law_n_params(law);
    size_t n = take_byte(c) % 9;
    double x[8 * MSB_LAW_MAX_INPUTS], y[8 * MSB_LAW_MAX_OUTPUTS];
    double d[8 * MSB_LAW_MAX_OUTPUTS * MSB_LAW_MAX_INPUTS], s[8 * MSB_LAW_MAX_OUTPUTS];
    double g[8 * MSB_LAW_MAX_OUTPUTS * 8];
    for (size_t i = 0; i < n * nin; i++) x[i] = take_double(c);
    for (size_t i = 0; i < n * nout; i++) y[i] = s[i] = SENT;
    msb_clear_error();
    msb_status st = msb_law_eval(law, n, x, y, d);
    check_status(st);
    if (st == MSB_SUCCESS) {
        for (size_t i = 0; i < n * nout; i++) if (!isfinite(y[i])) abort();
        for (size_t i = 0; i < n * nout * nin; i++) if (!isfinite(d[i])) abort();
    } else if (st == MSB_EDOM || st == MSB_ENONFINITE) {
        for (size_t i = 0; i < n * nout; i++) if (y[i] != SENT) abort();
    }
    st = msb_law_eval_uq(law, n, x, y, s);
    check_status(st);
    if (st == MSB_SUCCESS)
        for (size_t i = 0; i < n * nout; i++) if (!isfinite(s[i]) || s[i] < 0) abort();
    if (np <= 8) {
        st = msb_law_eval_dparams(law, n, x, NULL, g);
        check_status(st);
        if (st == MSB_SUCCESS)
            for (size_t i = 0; i < n * nout * np; i++) if (!isfinite(g[i])) abort();
        double p[8];
        for (size_t m = 0; m < np; m++) p[m] = take_double(c);
        st = msb_law_eval_with_params(law, p, n, x, y, NULL);
        check_status(st);
        if (st == MSB_SUCCESS)
            for (size_t i = 0; i < n * nout; i++) if (!isfinite(y[i])) abort();
        msb_law *copy = NULL;
        st = msb_law_with_params(law, p, NULL, &copy);
        check_status(st);
        if ((st == MSB_SUCCESS) != (copy != NULL)) abort();
        msb_law_destroy(copy);
    }
    size_t outside;
    check_status(msb_law_count_outside(law, n, x, &outside));
}

static void cov_from(cursor *c, double *cov, size_t np, int use)
{
    for (size_t i = 0; i < np * np; i++) cov[i] = take_double(c);
    (void)use;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cursor c = {data, size};
    unsigned which = take_byte(&c) % 6;
    int with_cov = take_byte(&c) & 1;
    double cov[9];
    msb_law *law = NULL;
    msb_status st;
    switch (which) {
    case 0: {
        double a = take_double(&c), b = take_double(&c), k = take_double(&c), nu = take_double(&c);
        cov_from(&c, cov, 2, with_cov);
        st = msb_tst_eyring_create(a, b, k, nu, with_cov ? cov : NULL, &law);
        break;
    }
    case 1: {
        size_t nm = take_byte(&c) % 6, ns = take_byte(&c) % 6;
        double fm[6], fs[6];
        for (size_t i = 0; i < nm; i++) fm[i] = take_double(&c);
        for (size_t i = 0; i < ns; i++) fs[i] = take_double(&c);
        double ea = take_double(&c);
        cov_from(&c, cov, 2, with_cov);
        double nu;
        check_status(msb_tst_vineyard_prefactor(nm, fm, ns, fs, &nu));
        st = msb_tst_vineyard_create(nm, fm, ns, fs, ea, with_cov ? cov : NULL, &law);
        break;
    }
    case 2: {
        double a = take_double(&c), b = take_double(&c);
        cov_from(&c, cov, 2, with_cov);
        st = msb_arrhenius_create(a, b, with_cov ? cov : NULL, &law);
        break;
    }
    case 3: {
        double a = take_double(&c), b = take_double(&c), o = take_double(&c);
        cov_from(&c, cov, 3, with_cov);
        st = msb_activation_volume_create(a, b, o, with_cov ? cov : NULL, &law);
        break;
    }
    case 4: {
        size_t n = take_byte(&c) % 12;
        double T[12], D[12], S[12];
        for (size_t i = 0; i < n; i++) {
            T[i] = take_double(&c);
            D[i] = take_double(&c);
            S[i] = take_double(&c);
        }
        msb_estimate *e = NULL;
        st = msb_arrhenius_fit(n, T, D, with_cov ? S : NULL, (msb_sigma_mode)(take_byte(&c) % 3),
                               &e, &law);
        check_status(st);
        if ((st == MSB_SUCCESS) != (e != NULL)) abort();
        for (size_t i = 0; i < msb_estimate_count(e); i++) {
            double v[16], sd[16];
            size_t len;
            if (msb_estimate_values(e, i, 16, v, sd, &len) == MSB_SUCCESS)
                /* NaN is documented where undefined (chi2_per_dof with 0 dof); never Inf */
                for (size_t k = 0; k < len; k++) if (isinf(v[k])) abort();
        }
        msb_estimate_destroy(e);
        break;
    }
    default: {
        msb_units *u = NULL;
        double a = take_double(&c), b = take_double(&c), e2 = take_double(&c);
        st = msb_units_create_lj(a, b, e2, &u);
        check_status(st);
        double f;
        if (u) check_status(msb_units_to_si(u, (msb_quantity)(take_byte(&c) % 16), &f));
        msb_units_destroy(u);
        return 0;
    }
    }
    check_status(st);
    if ((st == MSB_SUCCESS) != (law != NULL)) abort();
    if (law) exercise(law, &c);
    msb_law_destroy(law);
    return 0;
}

/* Shared helpers for the cmocka unit tests: the law conformance suite every law passes, a
 * small independent RNG for synthetic data, and tolerance helpers. */
#ifndef MSB_TEST_H
#define MSB_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the three headers above first */
#include <cmocka.h>
#include <math.h>

#include "msbridge.h"

/* |a - b| <= rel * max(|a|, |b|) (and exact equality passes, including zeros) */
int msbt_close_rel(double a, double b, double rel);
#define assert_close_rel(a, b, rel)                                                               \
    do {                                                                                          \
        double msbt_a_ = (a), msbt_b_ = (b);                                                      \
        if (!msbt_close_rel(msbt_a_, msbt_b_, (rel)))                                             \
            fail_msg("%s = %.17g vs %s = %.17g: relative difference %.3g > %.3g", #a, msbt_a_,    \
                     #b, msbt_b_, fabs(msbt_a_ - msbt_b_) / fmax(fabs(msbt_a_), fabs(msbt_b_)),   \
                     (double)(rel));                                                              \
    } while (0)
#define assert_close_abs(a, b, tol)                                                               \
    do {                                                                                          \
        double msbt_a_ = (a), msbt_b_ = (b);                                                      \
        if (!(fabs(msbt_a_ - msbt_b_) <= (tol)))                                                  \
            fail_msg("%s = %.17g vs %s = %.17g: |difference| %.3g > %.3g", #a, msbt_a_, #b,       \
                     msbt_b_, fabs(msbt_a_ - msbt_b_), (double)(tol));                            \
    } while (0)
#define assert_status(expr, code)                                                                 \
    do {                                                                                          \
        int msbt_s_ = (expr);                                                                     \
        if (msbt_s_ != (code))                                                                    \
            fail_msg("%s returned %d (%s) instead of %d (%s); message: %s", #expr, msbt_s_,       \
                     msb_status_name(msbt_s_) ? msb_status_name(msbt_s_) : "?", (int)(code),      \
                     msb_status_name(code), msb_last_error_message());                            \
    } while (0)
#define assert_ok(expr) assert_status((expr), MSB_SUCCESS)

/* Test RNG (xoshiro256**, seeded through splitmix64): independent of the library's own. */
typedef struct msbt_rng { uint64_t s[4]; } msbt_rng;
void msbt_rng_seed(msbt_rng *r, uint64_t seed);
double msbt_uniform(msbt_rng *r);   /* [0, 1) */
double msbt_normal(msbt_rng *r);    /* standard normal (Box-Muller) */

/* Conformance suite for a law (DESIGN.md section 9). `x` holds n >= 1 valid points; `step`
 * holds one absolute finite-difference step floor per input (used where x_j = 0), or NULL for
 * 1e-6. Checks: NULL handle and NULL x; n = 0; NaN/+-Inf and each hard-domain violation in every
 * input -> documented code with outputs untouched and a message naming the input; NULL outputs
 * skipped; input and parameter derivatives against central differences (relative 1e-6 with a
 * rounding floor); eval_uq equal to sqrt(g^T C g) from eval_dparams and the covariance;
 * self-description complete; eight threads sharing the handle bitwise equal to one thread. */
void msbt_law_conformance(const msb_law *law, size_t n, const double *x, const double *step);

/* Scratch folder for tests that write files: create /tmp/<prefix>XXXXXX (group setup; 0 on
 * success), remove it with everything in it (group teardown), and name a file inside it (a
 * rotating set of 4 static buffers, so a few paths can be live at once). */
int msbt_tmpdir_create(const char *prefix);
int msbt_tmpdir_remove(void);
const char *msbt_tmp_path(const char *name);
const char *msbt_tmpdir(void);

/* Everything observable about two laws is bitwise equal at the n points x: kind, reference,
 * names, units, domains, validity, parameters, covariance, values, uncertainties, input and
 * parameter derivatives (used by the law-card round-trip tests). */
void msbt_assert_same_law(const msb_law *a, const msb_law *b, size_t n, const double *x);

/* Path of a file under tests/data or ../shared/research-data. */
const char *msbt_data_path(const char *relative);
const char *msbt_shared_data_path(const char *relative);

#endif

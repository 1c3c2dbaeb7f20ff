/* Prediction-versus-experiment comparison (msbridge/validate.h). */
#include <stdio.h>
#include <string.h>

#include "estimators/estimate_internal.h"
#include "io/json.h"
#include "msbridge/validate.h"

msb_status msb_validate(double predicted, double predicted_std, double measured,
                        double measured_std, double k, msb_estimate **out)
{
    MSBI_CHECK_NULL(out);
    MSBI_TRY(msbi_check_finite(__func__, "predicted", predicted));
    MSBI_TRY(msbi_check_finite(__func__, "measured", measured));
    MSBI_TRY(msbi_check_nonneg(__func__, "predicted_std", predicted_std));
    MSBI_TRY(msbi_check_nonneg(__func__, "measured_std", measured_std));
    MSBI_TRY(msbi_check_positive(__func__, "k", k));
    const double uc = hypot(predicted_std, measured_std);
    if (!(uc > 0))
        return MSBI_FAIL(MSB_EDOM, "predicted_std and measured_std are both 0: the comparison "
                         "needs an uncertainty");
    const double d = predicted - measured, z = d / uc;
    if (!isfinite(d) || !isfinite(z))
        return MSBI_FAIL(MSB_ERANGE, "difference %g - %g is not representable", predicted,
                         measured);
    const double p = erfc(fabs(z) / sqrt(2.0));
    double ratio = NAN, ratio_sd = NAN;
    if (measured != 0) {
        ratio = predicted / measured;
        ratio_sd = fabs(ratio) * hypot(predicted_std / predicted, measured_std / measured);
        if (predicted == 0) ratio_sd = predicted_std / fabs(measured);
    }
    msb_estimate *e = msbi_estimate_new("validation");
    if (e == NULL) return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    const char *w = __func__;
    msb_status st = msbi_estimate_add1(w, e, "predicted", "", "prediction (sd: its standard "
                                       "uncertainty)", predicted, predicted_std);
    if (!st) st = msbi_estimate_add1(w, e, "measured", "", "measurement (sd: its standard "
                                     "uncertainty)", measured, measured_std);
    if (!st) st = msbi_estimate_add1(w, e, "difference", "", "predicted - measured (sd: "
                                     "combined standard uncertainty)", d, uc);
    if (!st) st = msbi_estimate_add1(w, e, "combined_std", "", "sqrt(u_p^2 + u_m^2)", uc, NAN);
    if (!st) st = msbi_estimate_add1(w, e, "z", "1", "difference / combined_std", z, NAN);
    if (!st) st = msbi_estimate_add1(w, e, "p_value", "1", "two-sided normal p-value of |z|",
                                     p, NAN);
    if (!st) st = msbi_estimate_add1(w, e, "k", "1", "coverage factor", k, NAN);
    if (!st) st = msbi_estimate_add1(w, e, "agree", "1", "1 if |z| <= k, else 0",
                                     fabs(z) <= k ? 1.0 : 0.0, NAN);
    if (!st) st = msbi_estimate_add1(w, e, "ratio", "1", "predicted / measured (first-order "
                                     "sd)", ratio, ratio_sd);
    if (st) {
        msb_estimate_destroy(e);
        return st;
    }
    *out = e;
    return MSB_SUCCESS;
}

msb_status msb_validate_report(const msb_estimate *comparison, const char *quantity,
                               const char *unit, char **text)
{
    MSBI_CHECK_NULL(comparison);
    MSBI_CHECK_NULL(text);
    const char *kind = msb_estimate_kind(comparison);
    if (kind == NULL || strcmp(kind, "validation") != 0)
        return MSBI_FAIL(MSB_EINVAL, "estimate of kind '%s' is not a validation",
                         kind ? kind : "?");
    double yp, up, ym, um, d, uc, z, p, k, agree;
    msb_status st = msb_estimate_get(comparison, "predicted", &yp, &up);
    if (!st) st = msb_estimate_get(comparison, "measured", &ym, &um);
    if (!st) st = msb_estimate_get(comparison, "difference", &d, &uc);
    if (!st) st = msb_estimate_get(comparison, "z", &z, NULL);
    if (!st) st = msb_estimate_get(comparison, "p_value", &p, NULL);
    if (!st) st = msb_estimate_get(comparison, "k", &k, NULL);
    if (!st) st = msb_estimate_get(comparison, "agree", &agree, NULL);
    if (st) return MSBI_FAIL(MSB_EINVAL, "validation estimate lacks an entry");
    msbi_strbuf b;
    msbi_sb_init(&b);
    const char *q = quantity ? quantity : "value";
    if (unit && unit[0]) msbi_sb_printf(&b, "%s [%s]: ", q, unit);
    else msbi_sb_printf(&b, "%s: ", q);
    msbi_sb_printf(&b, "predicted %.4g +- %.2g, measured %.4g +- %.2g; difference %.3g +- "
                   "%.2g (z = %.2f, p = %.2g): ", yp, up, ym, um, d, uc, z, p);
    if (agree > 0)
        msbi_sb_printf(&b, "agrees within k = %g combined standard uncertainties.", k);
    else
        msbi_sb_printf(&b, "DISAGREES: |z| > k = %g; look for a missing uncertainty "
                       "(model discrepancy, finite-size or sampling error) or a bias.", k);
    if (b.failed) {
        msbi_sb_free(&b);
        return MSBI_FAIL(MSB_ENOMEM, "out of memory");
    }
    *text = b.s;
    return MSB_SUCCESS;
}

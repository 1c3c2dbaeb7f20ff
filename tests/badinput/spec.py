"""The bad-input matrix spec: for every public function one valid base call and a role per
argument (grammar and roles: gen_matrix.py). Argument names and order must equal the header's
(checked). Valid values are inside the domains the header documents; the expected codes are the
ones the header documents for that argument."""
from gen_matrix import F, X

LAW = "msb_law *law = fx_arrhenius();"
LAWF = "msb_law_destroy(law);"
EST = "msb_estimate *est = fx_estimate();"
# valid inputs of a T-law at two points, and the same with the SECOND point bad (outputs must
# stay untouched: validation precedes writing)
XBAD = (" const double x[2] = {300, 400}, xnan[2] = {300, NAN}, xneg[2] = {300, -1},"
        " xinf[2] = {300, INFINITY};")
ESTF = "msb_estimate_destroy(est);"

SPECS = []


def S(*a, **k):
    SPECS.append(F(*a, **k))


# ------------------------------------------------------------------------------- status.h
S("msb_status_count", ok="r == 19")
S("msb_status_string", "code = MSB_EDOM | val any int: out-of-range codes have a fixed text",
  ok="r != NULL && r[0] != '\\0'",
  extra=[X("code", "-1", 'r != NULL && strcmp(r, "unknown status code") == 0'),
         X("code", "1000", 'r != NULL && strcmp(r, "unknown status code") == 0')])
S("msb_status_name", "code = MSB_EDOM | val any int: NULL for out-of-range codes",
  ok='r != NULL && strcmp(r, "MSB_EDOM") == 0',
  extra=[X("code", "-1", "r == NULL"), X("code", "1000", "r == NULL")])
S("msb_last_error_message", ok="r != NULL")
S("msb_last_error_status", ok="r == MSB_SUCCESS")
S("msb_clear_error")

# --------------------------------------------------------------------------------- core.h
for fn in ("msb_ev_to_j", "msb_j_to_ev", "msb_j_to_j_per_mol", "msb_j_per_mol_to_j"):
    arg = {"msb_ev_to_j": "energy_eV", "msb_j_per_mol_to_j": "energy_J_per_mol"}.get(fn,
                                                                                    "energy_J")
    S(fn, "%s = 1.5 | val pure conversion without error reporting: NaN/Inf propagate" % arg,
      ok="isfinite(r) && r > 0",
      extra=[X(arg, "NAN", "isnan(r)"), X(arg, "INFINITY", "isinf(r) && r > 0"),
             X(arg, "-INFINITY", "isinf(r) && r < 0")])
S("msb_version_number", ok="r == MSB_VERSION_NUMBER")
S("msb_version_string", ok="r != NULL && strchr(r, '.') != NULL")
S("msb_gsl_policy", ok="r == MSB_GSL_POLICY_NOT_YET || r == MSB_GSL_POLICY_LIBRARY || "
  "r == MSB_GSL_POLICY_HOST")

# ---------------------------------------------------------------------------------- law.h
S("msb_law_destroy", "law = law | in", setup="msb_law *law = fx_arrhenius();")
for fn, cond in (("msb_law_kind", 'r && strcmp(r, "arrhenius") == 0'),
                 ("msb_law_reference", "r && r[0]"),
                 ("msb_law_n_inputs", "r == 1"), ("msb_law_n_outputs", "r == 1"),
                 ("msb_law_n_params", "r == 2")):
    S(fn, "law = law | in", setup=LAW, cleanup=LAWF, ok=cond,
      bad="r == 0" if "n_" in fn else "r == NULL")
for fn, ix in (("msb_law_input_name", "j"), ("msb_law_input_unit", "j"),
               ("msb_law_output_name", "k"), ("msb_law_output_unit", "k"),
               ("msb_law_param_name", "m"), ("msb_law_param_unit", "m")):
    S(fn, "law = law | in", "%s = 0 | idx bad=99->x;(size_t)-1->x" % ix, setup=LAW,
      cleanup=LAWF, ok="r != NULL && r[0]", bad="r == NULL")
S("msb_law_input_domain", "law = law | in", "j = 0 | idx bad=1->x",
  setup=LAW, cleanup=LAWF, ok="r == MSB_DOMAIN_POSITIVE", bad="r == MSB_DOMAIN_REAL")
S("msb_law_params", "law = law | in", "params = p | out",
  setup=LAW + " double p[2];", cleanup=LAWF)
S("msb_law_covariance", "law = law | in", "cov = c | out",
  setup=LAW + " double c[4];", cleanup=LAWF)
S("msb_law_validity", "law = law | in", "j = 0 | idx bad=1->ESIZE", "lo = &lo | out",
  "hi = &hi | out", setup=LAW + " double lo, hi;", cleanup=LAWF)
S("msb_law_count_outside", "law = law | in", "n = 2 | count zero=ok", "x = x | in",
  "n_outside = &no | out", setup=LAW + XBAD + " size_t no;",
  cleanup=LAWF)
EVAL_SETUP = LAW + XBAD + " double y[2], d[2];"
S("msb_law_eval", "law = law | in", "n = 2 | count zero=ok", "x = x | in",
  "y = y | out null=ok", "dydx = d | out null=ok", setup=EVAL_SETUP, cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0"),
         X("x", "xinf", "ENONFINITE", "x with +Inf")],
  note="x arrays with a bad point are declared in setup")
S("msb_law_eval_dparams", "law = law | in", "n = 2 | count zero=ok", "x = x | in",
  "y = y | out null=ok", "dydp = d | out null=ok",
  setup=LAW + XBAD + " double y[2], d[4];", cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_law_eval_uq", "law = law | in", "n = 2 | count zero=ok", "x = x | in",
  "y = y | out null=ok", "y_std = s | out null=ok",
  setup=LAW + XBAD + " double y[2], s[2];", cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_law_eval_with_params", "law = law | in", "params = p | in", "n = 2 | count zero=ok",
  "x = x | in", "y = y | out null=ok", "dydx = d | out null=ok",
  setup=LAW + " const double p[2] = {-13.8, 0.5 * MSB_EV}, pn[2] = {NAN, 0};" +
  XBAD + " double y[2], d[2];", cleanup=LAWF,
  extra=[X("params", "pn", "ENONFINITE", "params with NaN"),
         X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_law_with_params", "law = law | in", "params = p | in", "cov = c | opt", "out = &out | out",
  setup=LAW + " const double p[2] = {-13.8, 0.5 * MSB_EV}, pn[2] = {NAN, 0};"
  " const double c[4] = {1, 0, 0, 1e-42}, casym[4] = {1, 0.5, 0, 1e-42},"
  " cneg[4] = {-1, 0, 0, 1}; msb_law *out;",
  cleanup=LAWF, on_success="msb_law_destroy(out);",
  extra=[X("params", "pn", "ENONFINITE", "params with NaN"),
         X("cov", "casym", "EINVAL", "asymmetric cov"),
         X("cov", "cneg", "EINVAL", "negative variance")])
S("msb_law_with_domain", "law = law | in", "lo = lo | in", "hi = hi | in", "out = &out | out",
  setup=LAW + " const double lo[1] = {250}, hi[1] = {INFINITY}, lnan[1] = {NAN},"
  " hlow[1] = {100}; msb_law *out;",
  cleanup=LAWF, on_success="msb_law_destroy(out);",
  extra=[X("lo", "lnan", "EINVAL", "NaN bound"), X("hi", "hlow", "EINVAL", "lo > hi")])

OUTLAW = "msb_law *out;"
FREEOUT = "msb_law_destroy(out);"
COV2 = " const double cov[4] = {1e-4, 0, 0, 1e-4}, casym[4] = {1e-4, 5e-5, 0, 1e-4};"
COV3 = (" const double cov[9] = {1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4},"
        " casym[9] = {1e-4, 5e-5, 0, 0, 1e-4, 0, 0, 0, 1e-4};")
ASYM = X("cov", "casym", "EINVAL", "asymmetric cov")


def CREATE(name, *args, setup="", cov=COV2, extra=(), cleanup=""):
    S(name, *args, setup=setup + cov + " " + OUTLAW, on_success=FREEOUT, cleanup=cleanup,
      extra=[ASYM] + list(extra))


# --------------------------------------------------------------------- activation_volume.h
CREATE("msb_activation_volume_create", "D0 = 1e-6 | pos", "Em0_J = 0.5 * MSB_EV | dbl",
       "Omega_m3 = 1e-30 | dbl", "cov = cov | opt", "out = &out | out", cov=COV3)

# ----------------------------------------------------------------------------- arrhenius.h
CREATE("msb_arrhenius_create", "D0 = 1e-6 | pos", "Ea_J = 0.5 * MSB_EV | dbl",
       "cov = cov | opt", "out = &out | out")
CREATE("msb_arrhenius_create_named", "D0 = 1e13 | pos", "Ea_J = 0.3 * MSB_EV | dbl",
       "cov = cov | opt", 'output_name = "k" | str', 'output_unit = "1/s" | str',
       "out = &out | out",
       extra=[X("output_name", '""', "EINVAL", "empty"),
              X("output_unit", '"0123456789012345678901234567890123"', "EINVAL", "33 bytes")])
ARR_DATA = (" const double T[4] = {300, 400, 500, 600}, Tneg[4] = {300, 400, -500, 600},"
            " Tnan[4] = {300, 400, NAN, 600}, Tsame[4] = {500, 500, 500, 500};"
            " double D[4], Ds[4], Dzero[4];"
            " for (int i = 0; i < 4; i++) { D[i] = 1e-6 * exp(-0.5 * MSB_EV / (MSB_K_B * T[i]))"
            " * (1 + 0.01 * (i % 2)); Ds[i] = 0.05 * D[i]; Dzero[i] = D[i]; } Dzero[2] = 0;")
S("msb_arrhenius_fit", "n = 4 | count zero=EINSUFFICIENT", "T_K = T | in", "D = D | in",
  "D_std = Ds | opt", "mode = MSB_SIGMA_ABSOLUTE | enum bad=(msb_sigma_mode)7->EINVAL",
  "est_out = &est | out null=ok", "law_out = &law | out null=ok",
  setup=ARR_DATA + " msb_estimate *est; msb_law *law;",
  on_success="msb_estimate_destroy(est); msb_law_destroy(law);",
  extra=[X("n", "1", "EINSUFFICIENT"), X("T_K", "Tneg", "EDOM", "T with a negative"),
         X("T_K", "Tnan", "ENONFINITE", "T with NaN"), X("T_K", "Tsame", "ESINGULAR", "all T equal"),
         X("D", "Dzero", "EDOM", "D with a zero"), X("D_std", "Dzero", "EDOM", "D_std with a zero")])

# ---------------------------------------------------------------------------------- card.h
CARDLAW = "msb_law *law = fx_arrhenius();"
S("msb_card_to_string", "law = law | in", "n_inputs = 1 | count zero=ok", "input_paths = paths | in",
  'created_by = "badinput" | opt', 'note = "a note" | opt', "json = &json | out",
  setup=CARDLAW + ' const char *paths[1] = {fx_path("data.bin")},'
  ' *nopath[1] = {"/nonexistent/msb/file"}; char *json;',
  cleanup=LAWF, on_success="msb_string_free(json);",
  extra=[X("input_paths", "nopath", "EIO", "missing file")])
S("msb_card_write", "law = law | in", 'path = fx_path("newdir/w.json") | str',
  "n_inputs = 0 | count zero=ok", "input_paths = NULL | fixed may be NULL when n_inputs = 0",
  "created_by = NULL | opt", "note = NULL | opt",
  setup=CARDLAW, cleanup=LAWF,
  extra=[X("path", '"/nonexistent/msb/dir/w.json"', "EIO", "missing folder")])
S("msb_card_from_string", "text = txt | str", "len = strlen(txt) | count zero=EFORMAT/ETRUNCATED",
  'name = "card" | opt', "out = &out | out",
  setup="char *txt = NULL; { msb_law *l0 = fx_arrhenius();"
  " msb_card_to_string(l0, 0, NULL, NULL, NULL, &txt); msb_law_destroy(l0); } " + OUTLAW,
  cleanup="msb_string_free(txt);", on_success=FREEOUT,
  extra=[X("len", "5", "ETRUNCATED/EFORMAT", "cut after 5 bytes"),
         X("text", '"[1, 2, 3]          "', "EFORMAT", "not a card")])
S("msb_card_read", 'path = fx_path("card.json") | str', "out = &out | out", setup=OUTLAW,
  on_success=FREEOUT, extra=[X("path", '"/nonexistent/card.json"', "EIO", "missing file")])
S("msb_string_free", "s = s | in", setup="char *s = NULL; { msb_law *l0 = fx_arrhenius();"
  " msb_card_to_string(l0, 0, NULL, NULL, NULL, &s); msb_law_destroy(l0); }",
  cleanup='if (strcmp(bi_mut, "s") == 0) msb_string_free(s);')
S("msb_sha256_hex", 'data = "abc" | in', "n = 3 | count zero=ok", "hex = hex | out",
  setup="char hex[65];")
S("msb_sha256_file", 'path = fx_path("data.bin") | str', "hex = hex | out", setup="char hex[65];",
  extra=[X("path", '"/nonexistent/msb.bin"', "EIO", "missing file")])
S("msb_card_export_pybamm", "law = law | in", 'function_name = "D_fun" | str',
  'path = fx_path("newdir/f.py") | str', setup=CARDLAW, cleanup=LAWF,
  extra=[X("function_name", '"1abc"', "EINVAL", "not an identifier"),
         X("path", '"/nonexistent/msb/f.py"', "EIO", "missing folder")])
S("msb_card_export_c_header", "law = law | in", 'prefix = "dfun" | str',
  'path = fx_path("newdir/f.h") | str', setup=CARDLAW, cleanup=LAWF,
  extra=[X("prefix", '"a-b"', "EINVAL", "not an identifier"),
         X("path", '"/nonexistent/msb/f.h"', "EIO", "missing folder")])

# ------------------------------------------------------------------------------------ ce.h
LAT = "msb_lattice *lat = fx_square();"
LATF = "msb_lattice_destroy(lat);"
S("msb_ce_basis_size", "lat = lat | in", "npair = 2 | count zero=ok huge=ESIZE",
  "ntrip_shells = 2 | count zero=ok huge=ESIZE", "ncorr = &nc | out",
  setup=LAT + " size_t nc;", cleanup=LATF)
S("msb_ce_correlations", "lat = lat | in", "npair = 2 | count zero=ok huge=ESIZE",
  "ntrip_shells = 0 | count zero=ok huge=ESIZE", "nconfig = 2 | count zero=ESIZE",
  "occ = occ | in", "corr = corr | out",
  setup=LAT + " unsigned char occ[128], occ2[128]; double corr[2 * 64];"
  " for (int i = 0; i < 128; i++) occ[i] = occ2[i] = (unsigned char)((i * 7) % 3 == 0); occ2[70] = 2;",
  cleanup=LATF, extra=[X("occ", "occ2", "EDOM", "an occupation of 2")])
CE_DATA = (" const double X[18] = {1, -1, 1, 1, -0.5, 0.2, 1, 0, -0.3, 1, 0.5, 0.1, 1, 1, 1, 1,"
           " 0.2, 0.6}, E[6] = {1e-20, 2e-20, 1.5e-20, 0.7e-20, 1.1e-20, 1.9e-20},"
           " Enan[6] = {1e-20, NAN, 1.5e-20, 0.7e-20, 1.1e-20, 1.9e-20};")
S("msb_ce_fit", "nconfig = 6 | count zero=EINSUFFICIENT", "ncorr = 3 | count zero=ESIZE",
  "corr = X | in", "energy_J = E | in", "lambda = 1e-3 | nneg", "out = &out | out",
  setup=CE_DATA + " msb_estimate *out;", on_success="msb_estimate_destroy(out);",
  extra=[X("energy_J", "Enan", "ENONFINITE", "E with NaN")])
S("msb_ce_predict", "fit = fit | in", "n = 2 | count zero=ok", "ncorr = 3 | count zero=ESIZE",
  "corr = c | in", "E_J = E | out", "E_std_J = Es | out null=ok",
  setup="msb_estimate *fit = fx_ce_fit(), *other = fx_estimate();"
  " const double c[6] = {1, 0.1, 0.2, 1, -0.3, 0.4}, cn[6] = {1, 0.1, 0.2, 1, NAN, 0.4};"
  " double E[2], Es[2];",
  cleanup="msb_estimate_destroy(fit); msb_estimate_destroy(other);",
  extra=[X("fit", "other", "EBADLAW", "a validation estimate"), X("ncorr", "4", "ESIZE"),
         X("corr", "cn", "ENONFINITE", "corr with NaN")])
S("msb_ce_to_pair", "lat = lat | in", "npair = 2 | count zero=ok huge=ESIZE", "eci_J = eci | in",
  "e0_J = &e0 | out", "e_point_J = &ep | out", "V_J = V | out",
  setup=LAT + " const double eci[4] = {1e-21, 2e-21, -3e-21, 1e-22}, en[4] = {1e-21, NAN, 0, 0};"
  " double e0, ep, V[2];", cleanup=LATF,
  extra=[X("eci_J", "en", "ENONFINITE", "eci with NaN")])

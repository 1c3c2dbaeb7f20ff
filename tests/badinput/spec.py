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
S("msb_last_error_status", ok="r == MSB_SUCCESS", accessor=True)
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
S("msb_law_destroy", "law = law | in", setup="msb_law *law = fx_arrhenius();",
  cleanup='if (strcmp(bi_mut, "law") == 0) msb_law_destroy(law);')
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
S("msb_law_eval", "law = law | in", "n = 2 | count zero=noop", "x = x | in",
  "y = y | out null=ok", "dydx = d | out null=ok", setup=EVAL_SETUP, cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0"),
         X("x", "xinf", "ENONFINITE", "x with +Inf")],
  note="x arrays with a bad point are declared in setup")
S("msb_law_eval_dparams", "law = law | in", "n = 2 | count zero=noop", "x = x | in",
  "y = y | out null=ok", "dydp = d | out null=ok",
  setup=LAW + XBAD + " double y[2], d[4];", cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_law_eval_uq", "law = law | in", "n = 2 | count zero=noop", "x = x | in",
  "y = y | out null=ok", "y_std = s | out null=ok",
  setup=LAW + XBAD + " double y[2], s[2];", cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_law_eval_with_params", "law = law | in", "params = p | in", "n = 2 | count zero=noop",
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
  "D_std = Ds | opt",
  "mode = MSB_SIGMA_ABSOLUTE | enum bad=(msb_sigma_mode)7->EINVAL;(msb_sigma_mode)-1->EINVAL",
  "est_out = &est | out null=ok", "law_out = &law | out null=ok",
  setup=ARR_DATA + " msb_estimate *est; msb_law *law;",
  on_success="msb_estimate_destroy(est); msb_law_destroy(law);",
  extra=[X("n", "1", "EINSUFFICIENT"), X("T_K", "Tneg", "EDOM", "T with a negative"),
         X("T_K", "Tnan", "ENONFINITE", "T with NaN"),
         X("T_K", "Tsame", "ESINGULAR", "all T equal"), X("D", "Dzero", "EDOM", "D with a zero"),
         X("D_std", "Dzero", "EDOM", "D_std with a zero")])

# ---------------------------------------------------------------------------------- card.h
CARDLAW = "msb_law *law = fx_arrhenius();"
S("msb_card_to_string", "law = law | in", "n_inputs = 1 | count zero=ok",
  "input_paths = paths | in",
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
S("msb_card_from_string", "text = txt | str", "len = strlen(txt) | count zero=ETRUNCATED",
  'name = "card" | opt', "out = &out | out",
  setup="char *txt = NULL; { msb_law *l0 = fx_arrhenius();"
  " msb_card_to_string(l0, 0, NULL, NULL, NULL, &txt); msb_law_destroy(l0); } " + OUTLAW,
  cleanup="msb_string_free(txt);", on_success=FREEOUT,
  extra=[X("len", "5", "ETRUNCATED", "cut after 5 bytes"),
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
  " for (int i = 0; i < 128; i++) occ[i] = occ2[i] = (unsigned char)((i * 7) % 3 == 0);"
  " occ2[70] = 2; msb_lattice *big = NULL;"
  " msb_lattice_create(MSB_LATTICE_SC, 3e-10, 7, 7, 7, 10, &big); unsigned char bocc[343] = {0};",
  cleanup=LATF + " msb_lattice_destroy(big);",
  extra=[X("occ", "occ2", "EDOM", "an occupation of 2"),
         X("lat,ntrip_shells,nconfig,occ", "big,10,1,bocc", "ESIZE",
           "67 triplet orbits (limit 64) on a 7^3 simple-cubic lattice with 10 shells")],
  note="big: 343 sites, 10 shells; ncorr = 71 <= 128 values of corr")
CE_DATA = (" const double X[18] = {1, -1, 1, 1, -0.5, 0.2, 1, 0, -0.3, 1, 0.5, 0.1, 1, 1, 1, 1,"
           " 0.2, 0.6}, E[6] = {1e-20, 2e-20, 1.5e-20, 0.7e-20, 1.1e-20, 1.9e-20},"
           " Enan[6] = {1e-20, NAN, 1.5e-20, 0.7e-20, 1.1e-20, 1.9e-20};")
S("msb_ce_fit", "nconfig = 6 | count zero=EINSUFFICIENT", "ncorr = 3 | count zero=ESIZE",
  "corr = X | in", "energy_J = E | in", "lambda = 1e-3 | nneg", "out = &out | out",
  setup=CE_DATA + " msb_estimate *out;", on_success="msb_estimate_destroy(out);",
  extra=[X("energy_J", "Enan", "ENONFINITE", "E with NaN")])
S("msb_ce_predict", "fit = fit | in", "n = 2 | count zero=noop", "ncorr = 3 | count zero=ESIZE",
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
# the CE Hamiltonian of fx_ce_ham on fx_square (npair 2, ntrip_shells 2: ncorr = 5); OCC: a valid
# configuration of the 64 sites and the same with an occupation of 2 at the LAST site
CEH = LAT + " msb_ce_hamiltonian *h = fx_ce_ham(lat);"
CEHF = "msb_ce_hamiltonian_destroy(h); " + LATF
OCC = (" unsigned char occ[64], occ2[64]; for (int i = 0; i < 64; i++) occ[i] = occ2[i] ="
       " (unsigned char)((i * 7) % 3 == 0); occ2[63] = 2;")
S("msb_ce_hamiltonian_create", "lat = lat | in", "npair = 2 | count zero=ok huge=ESIZE",
  "ntrip_shells = 2 | count zero=ok huge=ESIZE", "eci_J = eci | in", "out = &out | out",
  setup=LAT + " msb_lattice *big = NULL;"
  " msb_lattice_create(MSB_LATTICE_SC, 3e-10, 7, 7, 7, 10, &big);"
  " const double eci[80] = {1e-21, -5e-22, 2e-21, -5e-22, 3e-22}; msb_ce_hamiltonian *out;",
  cleanup=LATF + " msb_lattice_destroy(big);", on_success="msb_ce_hamiltonian_destroy(out);",
  extra=[X("npair", "4", "ESIZE", "npair > nshells"),
         X("ntrip_shells", "4", "ESIZE", "ntrip_shells > nshells"),
         X("lat,ntrip_shells", "big,10", "ESIZE",
           "67 triplet orbits (limit 64) on a 7^3 simple-cubic lattice with 10 shells")],
  note="eci holds 80 values (zeros after the 5 of fx_square) so that the 71 ECIs of the"
       " 10-shell simple-cubic lattice are readable")
S("msb_ce_hamiltonian_destroy", "h = h | in", setup=CEH,
  cleanup='if (strcmp(bi_mut, "h") == 0) { msb_ce_hamiltonian_destroy(h); } ' + LATF)
S("msb_ce_hamiltonian_energy", "h = h | in", "occ = occ | in", "E_J = &E | out",
  setup=CEH + OCC + " double E;", cleanup=CEHF,
  extra=[X("occ", "occ2", "EDOM", "an occupation of 2")])
S("msb_ce_hamiltonian_delta", "h = h | in", "occ = occ | in",
  "i = 3 | idx bad=64->ESIZE;(size_t)-1->ESIZE", "j = 10 | idx bad=64->ESIZE;(size_t)-1->ESIZE",
  "dE_J = &dE | out", setup=CEH + OCC + " double dE;", cleanup=CEHF,
  extra=[X("occ", "occ2", "EDOM", "an occupation of 2"),
         X("j", "3", "ok", "i == j: a flip (valid)"),
         X("j", "6", "ok", "equal occupations: dE = 0 (valid)")],
  note="the base call exchanges site 3 (occupied) and site 10 (empty)")

# ----------------------------------------------------------------------------- chemomech.h
EST2 = " msb_estimate *est; msb_law *law;"
EST2F = "msb_estimate_destroy(est); msb_law_destroy(law);"
S("msb_partial_molar_volume_fit", "n = 4 | count zero=EINSUFFICIENT", "x = x | in",
  "V_m3 = V | in", "V_std = Vs | opt", "est_out = &est | out",
  setup=" const double x[4] = {0, 1, 2, 3}, xs[4] = {1, 1, 1, 1},"
  " V[4] = {1e-28, 1.01e-28, 1.021e-28, 1.03e-28}, Vneg[4] = {1e-28, -1e-28, 1e-28, 1e-28},"
  " Vs[4] = {1e-31, 1e-31, 1e-31, 1e-31}; msb_estimate *est;",
  on_success="msb_estimate_destroy(est);",
  extra=[X("n", "1", "EINSUFFICIENT"), X("V_m3", "Vneg", "EDOM", "a negative volume"),
         X("x", "xs", "ESINGULAR", "all x equal"), X("V_std", "Vneg", "EDOM", "a negative sd")])
CREATE("msb_voltage_pressure_create", "U0_V = 3.4 | dbl", "Vbar_m3mol = 3e-6 | dbl",
       "p0_Pa = 1e5 | dbl", "n_e = 1 | pos", "cov = cov | opt", "out = &out | out")
AV_DATA = (" const double sg[4] = {-1e9, 0, 1e9, 2e9}, sgs[4] = {1e9, 1e9, 1e9, 1e9},"
           " E[4] = {0.61 * MSB_EV, 0.6 * MSB_EV, 0.592 * MSB_EV, 0.58 * MSB_EV},"
           " Es[4] = {1e-22, 1e-22, 1e-22, 1e-22}, Eneg[4] = {1e-22, -1e-22, 1e-22, 1e-22},"
           " Enan[4] = {0.6 * MSB_EV, NAN, 0.6 * MSB_EV, 0.6 * MSB_EV};")
S("msb_activation_volume_fit", "n = 4 | count zero=EINSUFFICIENT", "sigma_Pa = sg | in",
  "Em_J = E | in", "Em_std = Es | opt", "D0 = 1e-6 | pos", "est_out = &est | out null=ok",
  "law_out = &law | out null=ok", setup=AV_DATA + EST2, on_success=EST2F,
  extra=[X("sigma_Pa", "sgs", "ESINGULAR", "all sigma equal"),
         X("Em_std", "Eneg", "EDOM", "a negative sd"), X("Em_J", "Enan", "ENONFINITE", "NaN")])
S("msb_activation_volume_tensor_create", "D0 = 1e-6 | pos", "Em0_J = 0.5 * MSB_EV | dbl",
  "Omega6_m3 = om | in", "cov = NULL | opt", "out = &out | out",
  setup=" const double om[6] = {1e-30, 1e-30, 1e-30, 0, 0, 0},"
  " omn[6] = {1e-30, NAN, 0, 0, 0, 0}; " + OUTLAW, on_success=FREEOUT,
  extra=[X("Omega6_m3", "omn", "ENONFINITE", "NaN component")])
AVT = (" double sg[48], E[8], Es[8], En[8]; const double om[6] = {1e-30, 2e-30, 3e-30, 4e-31,"
       " 5e-31, 6e-31}; for (int i = 0; i < 8; i++) { double c = 0; for (int k = 0; k < 6; k++)"
       " { sg[6 * i + k] = (i == k ? 1e9 : 0) + (i >= 6 ? 3e8 * (k + i - 5) : 0);"
       " c += (k < 3 ? 1 : 2) * om[k] * sg[6 * i + k]; } E[i] = 0.6 * MSB_EV - c;"
       " Es[i] = 1e-22; En[i] = E[i]; } En[3] = NAN;")
S("msb_activation_volume_tensor_fit", "n = 8 | count zero=EINSUFFICIENT", "sigma6_Pa = sg | in",
  "Em_J = E | in", "Em_std = Es | opt", "D0 = 1e-6 | pos", "est_out = &est | out null=ok",
  "law_out = &law | out null=ok", setup=AVT + EST2, on_success=EST2F,
  extra=[X("Em_J", "En", "ENONFINITE", "NaN"), X("n", "6", "EINSUFFICIENT")])
CREATE("msb_barodiffusion_create", "D_m2s = 1e-14 | pos", "Vbar_m3mol = 3e-6 | dbl",
       "cov = cov | opt", "out = &out | out")
S("msb_thin_film_stress", "E_f_Pa = 1e10 | pos", "nu_f = 0.3 | dbl", "eps_m = 0.01 | dbl",
  "sigma_Pa = &s | out", setup="double s;",
  extra=[X("nu_f", "0.5", "EDOM"), X("nu_f", "-1.0", "EDOM")])
S("msb_thin_film_fracture", "E_f_Pa = 1e10 | pos", "nu_f = 0.3 | dbl", "sigma_Pa = 1e8 | dbl",
  "h_m = 1e-8 | pos", "Z = MSB_Z_CHANNEL_CRACK | pos", "Gc_Jm2 = 1.0 | pos",
  "est_out = &est | out", setup="msb_estimate *est;", on_success="msb_estimate_destroy(est);",
  extra=[X("nu_f", "0.5", "EDOM"), X("sigma_Pa", "0.0", "EDOM")])

# ------------------------------------------------------------------------------ cohesive.h
CREATE("msb_cohesive_exponential_create", "Gc_Jm2 = 2.0 | pos", "lambda_m = 5e-11 | pos",
       "cov = cov | opt", "out = &out | out")
CREATE("msb_cohesive_bilinear_create", "Gc_Jm2 = 2.0 | pos", "sigma_max_Pa = 1e10 | pos",
       "delta_p_m = 5e-11 | pos", "cov = cov | opt", "out = &out | out", cov=COV3,
       extra=[X("delta_p_m", "1e-9", "EDOM", "delta_p >= delta_f")])
UBER = (" double d[8], E[8], Es[8], dneg[8]; for (int i = 0; i < 8; i++) { d[i] = 2.5e-11 * i;"
        " double u = d[i] / 5e-11; E[i] = 2.0 * (1 - (1 + u) * exp(-u)) + 1e-3 * ((i % 3) - 1);"
        " Es[i] = 1e-3; dneg[i] = d[i]; } dneg[3] = -1e-11;")
S("msb_uber_fit", "n = 8 | count zero=EINSUFFICIENT", "delta_m = d | in", "energy = E | in",
  "energy_std = Es | opt", "est_out = &est | out null=ok", "law_out = &law | out null=ok",
  setup=UBER + EST2, on_success=EST2F,
  extra=[X("delta_m", "dneg", "EDOM", "a negative opening"), X("n", "1", "EINSUFFICIENT")])

# ------------------------------------------------------------------------------- elastic.h
CIJ = (" double C[36] = {0}, Ca[36], Cn[36], Cs[36] = {0}; for (int a = 0; a < 3; a++)"
       " for (int b = 0; b < 3; b++) C[6 * a + b] = a == b ? 200e9 : 100e9;"
       " for (int a = 3; a < 6; a++) C[7 * a] = 50e9; memcpy(Ca, C, sizeof C);"
       " memcpy(Cn, C, sizeof C); Ca[1] = 120e9; Cn[14] = NAN;")
CBAD = [X("C", "Ca", "EINVAL", "asymmetric C"), X("C", "Cn", "ENONFINITE", "C with NaN"),
        X("C", "Cs", "ESINGULAR", "C = 0")]
S("msb_elastic_moduli", "n = 1 | count zero=ESIZE", "C = C | in", "props = props | out",
  "stable = &st1 | out null=ok", setup=CIJ + " double props[MSB_ELASTIC_NPROP]; int st1;",
  extra=CBAD)
S("msb_elastic_analyze", "C = C | in", "est_out = &est | out",
  setup=CIJ + " msb_estimate *est;", on_success="msb_estimate_destroy(est);", extra=CBAD)
S("msb_elastic_is_stable", "C = C | in", "stable = &s | out", setup=CIJ + " int s;",
  extra=CBAD[:2])
S("msb_elastic_compliance", "C = C | in", "S = S | out", setup=CIJ + " double S[36];",
  extra=CBAD)
S("msb_elastic_young_direction", "C = C | in", "ndir = 2 | count zero=ESIZE", "dirs = dirs | in",
  "E = E | out", setup=CIJ + " const double dirs[6] = {1, 0, 0, 1, 1, 1},"
  " d0[6] = {1, 0, 0, 0, 0, 0}, dn[6] = {1, 0, 0, NAN, 1, 1}; double E[2];",
  extra=CBAD + [X("dirs", "d0", "EDOM", "a zero direction"),
                X("dirs", "dn", "ENONFINITE", "NaN direction")])
EFIT = (CIJ + " double e[36] = {0}, s[36], sn[36]; for (int i = 0; i < 6; i++) e[7 * i] = 1e-3;"
        " for (int i = 0; i < 6; i++) for (int a = 0; a < 6; a++) { double v = 0;"
        " for (int b = 0; b < 6; b++) v += C[6 * a + b] * e[6 * i + b];"
        " s[6 * i + a] = v * (1 + 1e-3 * ((i + a) % 3 - 1)); } memcpy(sn, s, sizeof s);"
        " sn[20] = NAN;")
S("msb_elastic_fit", "n = 6 | count zero=EINSUFFICIENT", "strain = e | in", "stress = s | in",
  "stress_std = 1e6 | val <= 0 or NaN is documented as 'estimate the scatter' (tested as ok)",
  "fit_offset = 0 | int 0/1 flag; any non-zero means 'fit'", "est_out = &est | out",
  setup=EFIT + " msb_estimate *est;", on_success="msb_estimate_destroy(est);",
  extra=[X("stress_std", "NAN", "ok"), X("stress_std", "-1.0", "ok"),
         X("stress", "sn", "ENONFINITE", "NaN stress"), X("n", "3", "EINSUFFICIENT")])

# ------------------------------------------------------------------------------ estimate.h
S("msb_estimate_destroy", "est = est | in", setup="msb_estimate *est = fx_estimate();",
  cleanup='if (strcmp(bi_mut, "est") == 0) msb_estimate_destroy(est);')
for fn, cond, badc in (("msb_estimate_kind", 'r && strcmp(r, "validation") == 0', "r == NULL"),
                       ("msb_estimate_count", "r > 1", "r == 0")):
    S(fn, "est = est | in", setup=EST, cleanup=ESTF, ok=cond, bad=badc)
for fn in ("msb_estimate_name", "msb_estimate_unit", "msb_estimate_description"):
    # the validation estimate's units are "" (the compared quantity's unit is the caller's)
    S(fn, "est = est | in", "i = 0 | idx bad=999->x;(size_t)-1->x", setup=EST, cleanup=ESTF,
      ok="r != NULL" if fn.endswith("unit") else "r != NULL && r[0]", bad="r == NULL")
S("msb_estimate_length", "est = est | in", "i = 0 | idx bad=999->x", setup=EST, cleanup=ESTF,
  ok="r == 1", bad="r == 0")
S("msb_estimate_find", "est = est | in", 'name = "z" | str', "index = &ix | out",
  setup=EST + " size_t ix;", cleanup=ESTF, extra=[X("name", '"no_such_entry"', "EINVAL")])
S("msb_estimate_get", "est = est | in", 'name = "z" | str', "value = &v | out",
  "std = &s | out null=ok", setup=EST + " double v, s;", cleanup=ESTF,
  extra=[X("name", '"no_such_entry"', "EINVAL")])
S("msb_estimate_values", "est = est | in", "i = 0 | idx bad=999->ESIZE",
  "capacity = 1 | count zero=ESIZE", "values = v | out", "std = s | out null=ok",
  "len = &len | out written=doc", setup=EST + " double v[1], s[1]; size_t len;", cleanup=ESTF)

# -------------------------------------------------------------------------------- fusion.h
# prior_scale: NaN is the documented "not given" value (ignored when nothing is inferred), so a
# NaN scale that IS needed is "must be > 0" (MSB_EDOM), not a non-finite input.
FUSE = (" const double v[4] = {1.0, 1.1, 1.3, 1.25}, s[4] = {0.05, 0.05, 0.05, 0.05},"
        " s0[4] = {0.05, 0, 0.05, 0.05}, tau[2] = {NAN, NAN}, tneg[2] = {-1, NAN},"
        " vn[4] = {1.0, NAN, 1.3, 1.25}; const size_t src[4] = {0, 0, 1, 1},"
        " sbad[4] = {0, 0, 1, 2}, sone[4] = {0, 0, 0, 0};")
S("msb_fuse", "n = 4 | count zero=ESIZE", "value = v | in", "std = s | in", "source = src | in",
  "n_sources = 2 | count zero=ESIZE", "tau = tau | opt", "prior_scale = 0.2 | pos nan=EDOM",
  '''unit = "J" | opt''', "out = &out | out", setup=FUSE + " msb_estimate *out;",
  on_success="msb_estimate_destroy(out);",
  extra=[X("std", "s0", "EDOM", "a zero sd"), X("source", "sbad", "ESIZE", "index out of range"),
         X("source", "sone", "ESIZE", "a source without points"),
         X("tau", "tneg", "EDOM", "a negative tau"), X("value", "vn", "ENONFINITE", "NaN value"),
         X("n_sources", "1", "ESIZE", "1 (a source index out of range)")])
S("msb_fuse_mcmc", "n = 4 | count zero=ESIZE", "value = v | in", "std = s | in",
  "source = src | in", "n_sources = 2 | count zero=ESIZE", "tau = tau | in",
  "prior_scale = 0.2 | pos nan=EDOM", "shared = 0 | fixed 0 and 1 select the two documented models",
  "n_samples = 400 | count zero=ESIZE", "seed = 3 | fixed every seed is valid",
  '''unit = "J" | opt''', "out = &out | out", setup=FUSE + " msb_estimate *out;",
  on_success="msb_estimate_destroy(out);",
  extra=[X("std", "s0", "EDOM", "a zero sd"), X("source", "sbad", "ESIZE", "index out of range"),
         X("tau", "tneg", "EDOM", "a negative tau"), X("value", "vn", "ENONFINITE", "NaN value"),
         X("n_samples", "399", "ESIZE", "fewer than 400 kept sweeps")])
FUSEA = (" const double T[6] = {300, 400, 500, 300, 400, 500}, Tneg[6] = {300, -400, 500, 300,"
         " 400, 500}, tau[2] = {NAN, NAN}; double D[6], Ds[6], D0[6];"
         " for (int i = 0; i < 6; i++) { D[i] = 1e-6 * exp(-0.3 * MSB_EV / (MSB_K_B * T[i]))"
         " * (i < 3 ? 1.0 : 1.3); Ds[i] = 0.05 * D[i]; D0[i] = D[i]; } D0[4] = 0;"
         " const size_t src[6] = {0, 0, 0, 1, 1, 1};")
S("msb_fuse_arrhenius", "n = 6 | count zero=ESIZE", "T_K = T | in", "D = D | in", "D_std = Ds | in",
  "source = src | in", "n_sources = 2 | count zero=ESIZE", "tau = tau | opt",
  "prior_scale = 0.2 | pos nan=EDOM", "est_out = &est | out null=ok",
  "law_out = &law | out null=ok",
  setup=FUSEA + EST2, on_success=EST2F,
  extra=[X("T_K", "Tneg", "EDOM", "a negative T"), X("D", "D0", "EDOM", "a zero D"),
         X("D_std", "D0", "EDOM", "a zero sd")])

# ---------------------------------------------------------------------------- green_kubo.h
GK = (" const double *x = fx_flux(); static double xn[3 * 4096]; memcpy(xn, x, sizeof xn);"
      " xn[5000] = NAN;")
S("msb_gk_acf", "n = 4096 | count zero=ESIZE", "ncomp = 3 | count zero=ESIZE", "x = x | in",
  "n_lag = 100 | count zero=ESIZE huge=ESIZE", "acf = acf | out", "acf_sd = sd | out null=ok",
  setup=GK + " double acf[100], sd[100];",
  extra=[X("x", "xn", "ENONFINITE", "a NaN sample"), X("n_lag", "4097", "ESIZE", "n + 1")])
for fn, last, val in (("msb_gk_running", "t_cut_s", "5e-14 | nneg"),
                      ("msb_gk_cepstral", "f_star_Hz", "2e14 | nneg")):
    S(fn, "kind = MSB_GK_HEAT_FLUX | enum bad=(msb_gk_kind)9->EINVAL;(msb_gk_kind)-1->EINVAL",
      "n = 4096 | count zero=EINSUFFICIENT", "ncomp = 3 | count zero=ESIZE", "x = x | in",
      "dt_s = 1e-15 | pos", "geom = 1e-27 | pos", "T_K = 300 | pos", "%s = %s" % (last, val),
      "est_out = &est | out", setup=GK + " msb_estimate *est;",
      on_success="msb_estimate_destroy(est);",
      extra=[X("x", "xn", "ENONFINITE", "a NaN sample"), X("n", "63", "EINSUFFICIENT")])

GKM = (" const double *x1 = fx_flux(); static double xm[2 * 3 * 4096], xmn[2 * 3 * 4096];"
       " uint64_t r = 88172645463325252u; for (size_t i = 0; i < 3 * 4096; i++) {"
       " xm[i] = x1[i]; r ^= r << 13; r ^= r >> 7; r ^= r << 17;"
       " xm[3 * 4096 + i] = (double)(r >> 11) * 0x1p-53 - 0.5; }"
       " memcpy(xmn, xm, sizeof xm); xmn[5000] = NAN;")
S("msb_gk_cepstral_multi",
  "kind = MSB_GK_HEAT_FLUX | enum bad=(msb_gk_kind)9->EINVAL;(msb_gk_kind)-1->EINVAL",
  "n = 4096 | count zero=EINSUFFICIENT", "ncomp = 3 | count zero=ESIZE",
  "nflux = 2 | count zero=ESIZE", "x = xm | in", "dt_s = 1e-15 | pos", "geom = 1e-27 | pos",
  "T_K = 300 | pos", "f_star_Hz = 2e14 | nneg", "est_out = &est | out",
  setup=GKM + " msb_estimate *est;", on_success="msb_estimate_destroy(est);",
  extra=[X("x", "xmn", "ENONFINITE", "a NaN sample"), X("n", "63", "EINSUFFICIENT"),
         X("nflux", "9", "ESIZE", "more than 8 fluxes"), X("ncomp", "1", "ESIZE", "ncomp < nflux")])

# ---------------------------------------------------------------------------------- hull.h
# tol_J: every non-finite tolerance is "must be finite and >= 0" (MSB_EDOM), as hull.h says
HULL = (" const double x[4] = {0, 0.25, 0.5, 1}, e[4] = {0, -1e-20, -1.5e-20, 0},"
        " xo[4] = {0, 1.5, 0.5, 1}, xn[4] = {0, NAN, 0.5, 1};")
HULLX = [X("x", "xo", "EDOM", "x outside [0,1]"), X("x", "xn", "ENONFINITE", "NaN x")]
S("msb_hull_analyze", "n = 4 | count zero=ESIZE", "x = x | in", "e = e | in",
  "tol_J = 1e-28 | nneg nf=EDOM", "stable = st | out null=ok",
  "e_above_hull = eah | out null=ok", "decomp_lo = lo | out null=ok",
  "decomp_hi = hi | out null=ok", "frac_lo = fr | out null=ok",
  setup=HULL + " int st[4]; double eah[4], fr[4]; size_t lo[4], hi[4];", extra=HULLX)
S("msb_hull_estimate", "n = 4 | count zero=ESIZE", "x = x | in", "e = e | in",
  "tol_J = 1e-28 | nneg nf=EDOM", "est = &est | out",
  setup=HULL + " msb_estimate *est;", on_success="msb_estimate_destroy(est);", extra=HULLX)
PLAT = (" const double y[4] = {0, 0.5, 1, 2}, G[4] = {0, -2e-19, -3.5e-19, -5e-19},"
        " yneg[4] = {0, -0.5, 1, 2}, ysame[4] = {1, 1, 1, 1}; double xl[4], xh[4], V[4];"
        " size_t np;")
S("msb_hull_plateaus", "n = 4 | count zero=ESIZE", "y = y | in", "G = G | in",
  "mu_ref_J = -1e-19 | dbl", "tol_J = 1e-28 | nneg nf=EDOM", "capacity = 4 | count zero=ESIZE",
  "x_lo = xl | out", "x_hi = xh | out", "V = V | out", "nplat = &np | out written=doc",
  setup=PLAT, extra=[X("n", "1", "ESIZE"), X("y", "yneg", "EDOM", "a negative y"),
                     X("y", "ysame", "EINSUFFICIENT", "one distinct y")])

# ------------------------------------------------------------------------------- kapitza.h
S("msb_kapitza_resistance", "G_W_m2K = 1e8 | pos", "G_std = 1e6 | nneg", "R_m2K_W = &R | out",
  "R_std = &Rs | out null=ok", setup="double R, Rs;")
S("msb_kapitza_create", "R_m2K_W = 1e-8 | nneg", "R_var = 1e-20 | nneg", "out = &out | out",
  setup=OUTLAW, on_success=FREEOUT)
S("msb_kapitza_from_conductance", "G_W_m2K = 1e8 | pos", "G_std = 1e6 | nneg",
  "out = &out | out", setup=OUTLAW, on_success=FREEOUT)
CREATE("msb_kapitza_linear_create", "R0_m2K_W = 1e-8 | dbl", "R1_m2_W = 1e-11 | dbl",
       "T_ref_K = 300 | pos", "cov = cov | opt", "out = &out | out")

# ----------------------------------------------------------------------------------- kmc.h
# the lattice engines (here, mc.h, surface_kmc.h) get a cancelling callback (fx_cancel) as an
# extra mutation
CBX = "progress = NULL | fixed optional callback (NULL: none); a cancelling one is mutated below"
# KMC calls the callback every 2^16 events: 65536 events reach the first call (without
# interactions, to keep the run short: nv = 0 / a point-only CE Hamiltonian h0)
CANCEL_KMC = X("nv,n_events,progress", "0,65536,fx_cancel", "ECANCELLED",
               "nv = 0, 65536 events, a callback that cancels")
CANCEL_KMC_CE = X("h,n_events,progress", "h0,65536,fx_cancel", "ECANCELLED",
                  "a point-only h0, 65536 events, a callback that cancels")
CANCEL_MC = X("progress", "fx_cancel", "ECANCELLED", "a callback that cancels")
# total rate not finite / zero (kmc.h: MSB_ERANGE, e.g. exp overflow): nu exp(-E_kra/kT) at 600 K
# with E_kra = -100 eV is exp(+1934) = +Inf, with +100 eV it underflows to 0
ERANGE_KMC = [X("E_kra_J", "-100 * MSB_EV", "ERANGE", "-100 eV: rate overflows"),
              X("E_kra_J", "100 * MSB_EV", "ERANGE", "+100 eV: rate underflows to 0")]
S("msb_kmc_vacancy", "lat = lat | in", "n_atoms = 32 | count zero=EDOM huge=EDOM",
  "nu_Hz = 1e13 | pos", "E_kra_J = 0.3 * MSB_EV | dbl", "nv = 1 | count zero=ok huge=ESIZE",
  "V_J = V | in", "T_K = 600 | pos", "n_equil_events = 0 | count zero=ok",
  "n_events = 64 | count zero=EINSUFFICIENT", "n_replicas = 2 | count zero=ESIZE",
  "theta = NAN | val NaN is the documented 'no thermodynamic factor'",
  "theta_std = NAN | val NaN is the documented 'no uncertainty'",
  "seed = 7 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=LAT + " const double V[1] = {-1e-21}, Vn[1] = {NAN};"
  " msb_estimate *out;", cleanup=LATF, on_success="msb_estimate_destroy(out);",
  extra=[X("n_atoms", "64", "EDOM", "n_atoms = nsites"), X("V_J", "Vn", "ENONFINITE", "NaN V"),
         X("n_events", "63", "EINSUFFICIENT"), CANCEL_KMC] + ERANGE_KMC)
S("msb_kmc_vacancy_ce", "h = h | in", "n_atoms = 32 | count zero=EDOM huge=EDOM",
  "nu_Hz = 1e13 | pos", "E_kra_J = 0.3 * MSB_EV | dbl", "T_K = 600 | pos",
  "n_equil_events = 0 | count zero=ok", "n_events = 64 | count zero=EINSUFFICIENT",
  "n_replicas = 2 | count zero=ESIZE",
  "theta = NAN | val NaN is the documented 'no thermodynamic factor'",
  "theta_std = NAN | val NaN is the documented 'no uncertainty'",
  "seed = 7 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=CEH + " const double e0[2] = {0, 1e-21}; msb_ce_hamiltonian *h0 = NULL;"
  " msb_ce_hamiltonian_create(lat, 0, 0, e0, &h0); msb_estimate *out;",
  cleanup="msb_ce_hamiltonian_destroy(h0); " + CEHF,
  on_success="msb_estimate_destroy(out);",
  extra=[X("n_atoms", "64", "EDOM", "n_atoms = nsites"), X("n_events", "63", "EINSUFFICIENT"),
         X("n_atoms", "1", "ok", "1 atom (documented range 1 .. nsites - 1)"),
         X("n_atoms", "63", "ok", "nsites - 1 atoms (one vacancy)"), CANCEL_KMC_CE] + ERANGE_KMC)

# ------------------------------------------------------------------------------ langmuir.h
CREATE("msb_langmuir_create", "dH_ads_J = -0.5 * MSB_EV | dbl",
       "dS_ads_J_per_K = -1e-3 * MSB_EV | dbl", "P_ref_Pa = 1e5 | pos",
       "dissociative = 0 | int 0/1, tested below", "cov = cov | opt", "out = &out | out",
       extra=[X("dissociative", "2", "EINVAL"), X("dissociative", "-1", "EINVAL")])
S("msb_langmuir_competitive_create", "N = 2 | count zero=ESIZE huge=ESIZE", "dH_J = dH | in",
  "dS_J_per_K = dS | in", "P_ref_Pa = 1e5 | pos", "cov = NULL | opt", "out = &out | out",
  setup=" const double dH[2] = {-8e-20, -6e-20}, dS[2] = {-1.6e-22, -1.6e-22},"
  " dn[2] = {NAN, 0}; " + OUTLAW, on_success=FREEOUT,
  extra=[X("N", "16", "ESIZE"), X("dH_J", "dn", "ENONFINITE", "NaN dH")])
RATES = "msb_law *ka = fx_arrhenius_named_k(), *kd = fx_arrhenius_named_k(), *two = fx_langmuir();"
RATESF = "msb_law_destroy(ka); msb_law_destroy(kd); msb_law_destroy(two);"
S("msb_langmuir_from_rates_create", "k_ads = ka | in", "k_des = kd | in", "P_ref_Pa = 1e5 | pos",
  "dissociative = 0 | int 0/1, tested below", "out = &out | out",
  setup=RATES + " " + OUTLAW, cleanup=RATESF, on_success=FREEOUT,
  extra=[X("dissociative", "2", "EINVAL"), X("k_ads", "two", "EBADLAW", "a 2-input law")])
S("msb_langmuir_pressure", "law = law | in", "n = 2 | count zero=noop", "theta = th | in",
  "T = T | in", "P = P | out",
  setup="msb_law *law = fx_langmuir(), *arr = fx_arrhenius(); const double th[2] = {0.2, 0.5},"
  " th1[2] = {0.2, 1.0}, thn[2] = {0.2, NAN}, T[2] = {300, 400}, Tneg[2] = {300, -400};"
  " double P[2];", cleanup="msb_law_destroy(law); msb_law_destroy(arr);",
  extra=[X("law", "arr", "EBADLAW", "an Arrhenius law"), X("theta", "th1", "EDOM", "theta = 1"),
         X("theta", "thn", "ENONFINITE", "NaN theta"), X("T", "Tneg", "EDOM", "T < 0")])

# ------------------------------------------------------------------------------- lattice.h
OUTLAT = "msb_lattice *out;"
S("msb_lattice_create",
  "kind = MSB_LATTICE_SQUARE | enum bad=(msb_lattice_kind)42->EINVAL;(msb_lattice_kind)-1->EINVAL",
  "a = 3e-10 | pos", "n1 = 8 | count zero=ESIZE huge=ESIZE", "n2 = 8 | count zero=ESIZE huge=ESIZE",
  "n3 = 1 | count zero=ESIZE huge=ESIZE", "nshells = 3 | count zero=ESIZE huge=ESIZE",
  "out = &out | out", setup=OUTLAT, on_success="msb_lattice_destroy(out);",
  extra=[X("n3", "2", "ESIZE", "n3 = 2 for a 2-D kind"), X("nshells", "17", "ESIZE"),
         X("n1", "2", "ESIZE", "supercell too small")])
S("msb_lattice_create_custom", "dim = 2 | int 2 or 3, tested below", "cell = cell | in",
  "nbasis = 1 | count zero=ESIZE", "frac = frac | in", "n1 = 8 | count zero=ESIZE huge=ESIZE",
  "n2 = 8 | count zero=ESIZE huge=ESIZE", "n3 = 1 | count zero=ESIZE huge=ESIZE",
  "nshells = 3 | count zero=ESIZE huge=ESIZE", "out = &out | out",
  setup=" const double cell[9] = {3e-10, 0, 0, 0, 3e-10, 0, 0, 0, 3e-10},"
  " cdeg[9] = {3e-10, 0, 0, 6e-10, 0, 0, 0, 0, 3e-10}, cn[9] = {3e-10, NAN, 0, 0, 3e-10, 0, 0, 0,"
  " 3e-10}, frac[3] = {0, 0, 0}, fout[3] = {1.5, 0, 0}; " + OUTLAT,
  on_success="msb_lattice_destroy(out);",
  extra=[X("dim", "4", "EINVAL"), X("cell", "cdeg", "EDOM", "degenerate cell"),
         X("cell", "cn", "ENONFINITE", "NaN in cell"), X("frac", "fout", "EDOM", "site outside")])
S("msb_lattice_destroy", "lat = lat | in", setup="msb_lattice *lat = fx_square();",
  cleanup='if (strcmp(bi_mut, "lat") == 0) msb_lattice_destroy(lat);')
for fn, cond in (("msb_lattice_nsites", "r == 64"), ("msb_lattice_dim", "r == 2"),
                 ("msb_lattice_nshells", "r == 3")):
    S(fn, "lat = lat | in", setup=LAT, cleanup=LATF, ok=cond, bad="r == 0")
S("msb_lattice_shell", "lat = lat | in", "s = 0 | idx bad=3->ESIZE",
  "distance = &d | out null=ok", "coordination = &z | out null=ok",
  setup=LAT + " double d; size_t z;", cleanup=LATF)
S("msb_lattice_site_position", "lat = lat | in", "i = 5 | idx bad=64->ESIZE", "xyz = xyz | out",
  setup=LAT + " double xyz[3];", cleanup=LATF)
S("msb_lattice_neighbors", "lat = lat | in", "i = 0 | idx bad=64->ESIZE",
  "s = 0 | idx bad=3->ESIZE", "cap = 4 | count zero=ESIZE", "idx = ix | out",
  "disp = dp | out null=ok", "n = &n | out written=doc",
  setup=LAT + " size_t ix[4], n; double dp[12];", cleanup=LATF)
S("msb_lattice_triplet_orbits", "lat = lat | in", "max_shell = 2 | idx bad=3->ESIZE",
  "cap = 16 | count zero=ESIZE", "shells = sh | out null=ok", "count = &c | out written=doc",
  setup=LAT + " size_t sh[48], c;", cleanup=LATF)

# ------------------------------------------------------------------------------------ mc.h
MC_COMMON = ["T_K = 300 | pos"]
S("msb_mc_sgc", "lat = lat | in", "e_point_J = 0 | dbl", "nv = 1 | count zero=ok huge=ESIZE",
  "V_J = V | in", "T_K = 300 | pos", "nmu = 2 | count zero=ESIZE", "mu_J = mu | in",
  "n_equil = 0 | count zero=ok", "n_sweeps = 16 | count zero=EINSUFFICIENT",
  "seed = 1 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=LAT + " const double V[1] = {-1e-21}, mu[2] = {-1e-20, 1e-20},"
  " mud[2] = {1e-20, -1e-20}, mun[2] = {NAN, 0}; msb_estimate *out;", cleanup=LATF,
  on_success="msb_estimate_destroy(out);",
  extra=[X("mu_J", "mud", "EINVAL", "mu decreasing"), X("mu_J", "mun", "ENONFINITE", "NaN mu"),
         X("n_sweeps", "15", "EINSUFFICIENT"), CANCEL_MC])
S("msb_mc_canonical", "lat = lat | in", "e_point_J = 0 | dbl", "nv = 1 | count zero=ok huge=ESIZE",
  "V_J = V | in", "T_K = 300 | pos", "nx = 2 | count zero=ESIZE", "x = x | in",
  "n_equil = 0 | count zero=ok", "n_sweeps = 16 | count zero=EINSUFFICIENT",
  "seed = 1 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=LAT + " const double V[1] = {-1e-21}, x[2] = {0.25, 0.5},"
  " xo[2] = {0.25, 1.5}, xn[2] = {NAN, 0.5}; msb_estimate *out;", cleanup=LATF,
  on_success="msb_estimate_destroy(out);",
  extra=[X("x", "xo", "EDOM", "x > 1"), X("x", "xn", "ENONFINITE", "NaN x"), CANCEL_MC])
S("msb_mc_sgc_ce", "h = h | in", "T_K = 300 | pos", "nmu = 2 | count zero=ESIZE", "mu_J = mu | in",
  "n_equil = 0 | count zero=ok", "n_sweeps = 16 | count zero=EINSUFFICIENT",
  "seed = 1 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=CEH + " const double mu[2] = {-1e-20, 1e-20},"
  " mud[2] = {1e-20, -1e-20}, mun[2] = {NAN, 0}; msb_estimate *out;", cleanup=CEHF,
  on_success="msb_estimate_destroy(out);",
  extra=[X("mu_J", "mud", "EINVAL", "mu decreasing"), X("mu_J", "mun", "ENONFINITE", "NaN mu"),
         X("n_sweeps", "15", "EINSUFFICIENT"), CANCEL_MC])
S("msb_mc_canonical_ce", "h = h | in", "T_K = 300 | pos", "nx = 2 | count zero=ESIZE",
  "x = x | in", "n_equil = 0 | count zero=ok", "n_sweeps = 16 | count zero=EINSUFFICIENT",
  "seed = 1 | fixed every seed is valid", CBX, "user = NULL | fixed passed to the callback only",
  "out = &out | out", setup=CEH + " const double x[2] = {0.25, 0.5}, xo[2] = {0.25, 1.5},"
  " xneg[2] = {-0.25, 0.5}, xn[2] = {NAN, 0.5}, xe[2] = {0, 1}; msb_estimate *out;",
  cleanup=CEHF, on_success="msb_estimate_destroy(out);",
  extra=[X("x", "xo", "EDOM", "x > 1"), X("x", "xneg", "EDOM", "x < 0"),
         X("x", "xn", "ENONFINITE", "NaN x"), X("n_sweeps", "15", "EINSUFFICIENT"),
         X("x", "xe", "ok", "x = 0 and x = 1 (ends of the documented [0, 1])"), CANCEL_MC])
# ideal-lattice-gas scans (fx_sgc_scan): s1, s2 valid (300 K and 400 K, x from ~0.01 to ~0.95);
# hi starts at x = 0.5 (not dilute: MSB_EDOM); few has 1 point with 0 < x < 1 (mu = -+300 kT:
# MSB_EINSUFFICIENT); val is a validation estimate (MSB_EBADLAW)
SCANS = (" msb_estimate *s1 = fx_sgc_scan(300, -4, 3, 8), *s2 = fx_sgc_scan(400, -4, 3, 8),"
         " *hi = fx_sgc_scan(300, 0, 2, 3), *few = fx_sgc_scan(300, -300, 300, 2),"
         " *val = fx_estimate();")
SCANSF = ("msb_estimate_destroy(s1); msb_estimate_destroy(s2); msb_estimate_destroy(hi);"
          " msb_estimate_destroy(few); msb_estimate_destroy(val);")
S("msb_mc_free_energy", "nscan = 2 | count zero=ESIZE", "scans = sc | in",
  "m = 1 | count zero=ok huge=ESIZE", "mu_ref_J = 0 | dbl", "est = &est | out null=ok",
  "law = &law | out null=ok",
  setup=SCANS + " const msb_estimate *sc[2] = {s1, s2}, *snull[2] = {s1, NULL},"
  " *sval[2] = {s1, val}, *shi[2] = {s1, hi}, *sfew[2] = {s1, few};" + EST2,
  cleanup=SCANSF, on_success=EST2F,
  extra=[X("scans", "snull", "ENULL", "a NULL scan"),
         X("scans", "sval", "EBADLAW", "a validation estimate"),
         X("scans", "shi", "EDOM", "a scan starting at x = 0.5"),
         X("scans", "sfew", "EINSUFFICIENT", "a scan with 1 point in 0 < x < 1"),
         X("m", "17", "ESIZE"),
         X("m", "16", "EINSUFFICIENT", "16: 33 parameters for 16 table points"),
         X("est,law", "NULL,NULL", "ENULL", "both outputs NULL"),
         X("nscan", "1", "ok", "1 scan (one temperature)")],
  note="the scans are ideal lattice gases at two temperatures (fx_sgc_scan)")
S("msb_mc_ocv", "scan = s1 | in", "mu_ref_J = 0 | dbl", "out = &out | out",
  setup=SCANS + " " + OUTLAW, cleanup=SCANSF, on_success=FREEOUT,
  extra=[X("scan", "val", "EBADLAW", "a validation estimate"),
         X("scan", "hi", "EDOM", "a scan starting at x = 0.5"),
         X("scan", "few", "EINSUFFICIENT", "1 point in 0 < x < 1")])

# ----------------------------------------------------------------------------------- msd.h
TRAJ = "msb_trajectory *traj = fx_traj();"
TRAJF = "msb_trajectory_destroy(traj);"
S("msb_msd_compute", "traj = traj | in", "type = -1 | int <0 = all; tested below",
  "origins = MSB_MSD_ALL_ORIGINS | enum bad=(msb_msd_origins)5->EINVAL;(msb_msd_origins)-1->EINVAL",
  "remove_com = 0 | int 0/1 flag", "n_lag = 20 | count zero=ok huge=ESIZE", "out = &out | out",
  setup=TRAJ + " msb_estimate *out;", cleanup=TRAJF, on_success="msb_estimate_destroy(out);",
  extra=[X("type", "7", "EINSUFFICIENT", "a type without atoms"), X("n_lag", "201", "ESIZE")])
S("msb_einstein_fit", "traj = traj | in", "type = -1 | int <0 = all; tested below",
  "remove_com = 0 | int 0/1 flag", "t_min_s = 0 | dbl", "t_max_s = 0 | dbl",
  "n_blocks = 5 | count zero=ok huge=EINSUFFICIENT", "out = &out | out",
  setup=TRAJ + " msb_estimate *out;", cleanup=TRAJF, on_success="msb_estimate_destroy(out);",
  extra=[X("type", "7", "EINSUFFICIENT", "a type without atoms"),
         X("t_min_s", "1e-9", "EINVAL", "t_min >= the automatic t_max"),
         X("t_max_s", "1e-9", "EDOM", "t_max beyond a block")])
S("msb_onsager_fit", "traj = traj | in", "n_species = 2 | count zero=ESIZE huge=ESIZE",
  "types = ty | in", "z = z | in", "T_K = 300 | pos", "remove_com = 1 | int 0/1 flag",
  "t_min_s = 0 | dbl", "t_max_s = 0 | dbl", "n_blocks = 5 | count zero=ok", "out = &out | out",
  setup=TRAJ + " const int ty[2] = {1, 2}, tdup[2] = {1, 1}, z[2] = {1, -1}; msb_estimate *out;",
  cleanup=TRAJF, on_success="msb_estimate_destroy(out);",
  extra=[X("types", "tdup", "EINVAL", "a type listed twice"), X("n_species", "9", "ESIZE")])
S("msb_yeh_hummer_correction", "D_pbc = 1e-9 | dbl", "T_K = 300 | pos", "eta_Pa_s = 1e-3 | pos",
  "L_m = 3e-9 | pos", "D_inf = &D | out", setup="double D;")

# ----------------------------------------------------------------------------------- ocv.h
S("msb_ocv_plateau_create", "m = 2 | count zero=ESIZE huge=ESIZE", "x_b = xb | in", "V = V | in",
  "width_x = 0.01 | pos", "out = &out | out",
  setup=" const double xb[3] = {0, 0.5, 1}, xd[3] = {0, 0.5, 0.4}, V[2] = {3.9, 3.4},"
  " Vn[2] = {3.9, NAN}; " + OUTLAW, on_success=FREEOUT,
  extra=[X("m", "65", "ESIZE"), X("x_b", "xd", "EINVAL", "x_b not increasing"),
         X("V", "Vn", "ENONFINITE", "NaN V")])
S("msb_ocv_from_hull_create", "n = 4 | count zero=ESIZE", "y = y | in", "G = G | in",
  "mu_ref_J = -1e-19 | dbl", "tol_J = 1e-28 | nneg nf=EDOM", "width_x = 0.01 | pos",
  "out = &out | out", setup=PLAT + " " + OUTLAW, on_success=FREEOUT,
  extra=[X("y", "yneg", "EDOM", "a negative y")])
S("msb_ocv_table_create", "n = 3 | count zero=ESIZE", "x = x | in", "V = V | in",
  "dVdT = dv | opt", "T_ref_K = 298.15 | pos", "reversal_tol_V = 1e-3 | nneg",
  "out = &out | out",
  setup=" const double x[3] = {0.1, 0.5, 0.9}, xd[3] = {0.1, 0.5, 0.5}, V[3] = {4.0, 3.7, 3.5},"
  " Vw[3] = {4.0, 3.5, 3.7}, Vn[3] = {4.0, NAN, 3.5}, dv[3] = {1e-4, 0, -1e-4}; " + OUTLAW,
  on_success=FREEOUT,
  extra=[X("n", "1", "ESIZE"), X("x", "xd", "EINVAL", "x not increasing"),
         X("V", "Vw", "EINVAL", "V not monotone"), X("V", "Vn", "ENONFINITE", "NaN V")])
S("msb_ocv_free_energy_create", "fe = fe | in", "T_min_K = 250 | pos", "T_max_K = 350 | pos",
  "out = &out | out", setup="msb_law *fe = fx_free_energy(), *arr = fx_arrhenius(); " + OUTLAW,
  cleanup="msb_law_destroy(fe); msb_law_destroy(arr);", on_success=FREEOUT,
  extra=[X("fe", "arr", "EBADLAW", "an Arrhenius law"),
         X("T_max_K", "200", "EDOM", "T_max < T_min")])
S("msb_ocv_binodals", "ocv = ocv | in", "T = 300 | pos nf=EDOM", "capacity = 4 | count zero=ESIZE",
  "x_lo = xl | out", "x_hi = xh | out", "ngap = &ng | out written=doc",
  setup="msb_law *ocv = fx_ocv_free_energy(), *arr = fx_arrhenius(); double xl[4], xh[4];"
  " size_t ng;", cleanup="msb_law_destroy(ocv); msb_law_destroy(arr);",
  extra=[X("ocv", "arr", "EBADLAW", "an Arrhenius law")])

# ----------------------------------------------------------------------------- propagate.h
S("msb_law_compose", "outer = outer | in", "slot = 0 | idx bad=1->ESIZE", "inner = inner | in",
  "inner_output = 0 | idx bad=1->ESIZE", "out = &out | out",
  setup="msb_law *outer = fx_arrhenius(), *bad = fx_arrhenius(), *inner = NULL;"
  ' msb_arrhenius_create_named(300, 0, NULL, "T", "K", &inner); ' + OUTLAW,
  cleanup="msb_law_destroy(outer); msb_law_destroy(inner); msb_law_destroy(bad);",
  on_success=FREEOUT,
  extra=[X("inner", "bad", "EUNITS", "output unit m^2/s into an input in K")])
S("msb_law_eval_uq_validity", "law = law | in",
  "extrapolation_factor = 1 | nneg nf=EINVAL neg=EINVAL",
  "n = 2 | count zero=ok", "x = x | in", "y = y | out null=ok", "y_std = s | out null=ok",
  "n_outside = &no | out null=ok", setup=LAW + XBAD + " double y[2], s[2]; size_t no;",
  cleanup=LAWF,
  extra=[X("x", "xnan", "ENONFINITE", "x with NaN"), X("x", "xneg", "EDOM", "x with T<0")])
S("msb_propagate_mc", "law = law | in", "n = 2 | count zero=noop", "x = x | in",
  "n_samples = 16 | count zero=ESIZE", "seed = 3 | fixed every seed is valid",
  "mean = m | out null=ok", "std = s | out null=ok", "samples = sm | out null=ok written=doc",
  setup=LAW + XBAD + " double m[2], s[2], sm[32];", cleanup=LAWF,
  extra=[X("n_samples", "1", "ESIZE"), X("x", "xnan", "ENONFINITE", "x with NaN"),
         X("x", "xneg", "EDOM", "x with T<0")])

# --------------------------------------------------------------------------- surface_kmc.h
S("msb_kmc_surface", "lat = lat | in", "nP = 2 | count zero=ESIZE", "P_Pa = P | in",
  "k_ads_per_Pa = 1e-3 | pos", "k_des = 1 | nneg", "k_hop = 1 | nneg", "k_rxn = 0.5 | nneg",
  "n_equil = 0 | count zero=ok", "n_events = 64 | count zero=EINSUFFICIENT",
  "n_replicas = 2 | count zero=ESIZE", "seed = 5 | fixed every seed is valid", CBX,
  "user = NULL | fixed passed to the callback only", "out = &out | out",
  setup=LAT + " msb_lattice *sc = NULL; msb_lattice_create(MSB_LATTICE_SC, 3e-10, 4, 4, 4, 1, &sc);"
  " const double P[2] = {100, 1000}, Pz[2] = {100, 0}, Pn[2] = {NAN, 1}; msb_estimate *out;",
  cleanup=LATF + " msb_lattice_destroy(sc);", on_success="msb_estimate_destroy(out);",
  extra=[X("lat", "sc", "EINVAL", "a 3-D lattice"), X("P_Pa", "Pz", "EDOM", "P = 0"),
         X("P_Pa", "Pn", "ENONFINITE", "NaN P"), X("n_events", "63", "EINSUFFICIENT"),
         X("n_events,progress", "65536,fx_cancel", "ECANCELLED",
           "65536 events, a callback that cancels")])
TOF = (LAT + " msb_law *ka = NULL, *kd = NULL, *kh = NULL, *kr = NULL, *two = fx_langmuir();"
       ' msb_arrhenius_create_named(1e-3, 0, NULL, "k", "1/(Pa s)", &ka);'
       ' msb_arrhenius_create_named(1, 0.01 * MSB_EV, NULL, "k", "1/s", &kd);'
       ' msb_arrhenius_create_named(1, 0, NULL, "k", "1/s", &kh);'
       ' msb_arrhenius_create_named(5, 0.05 * MSB_EV, NULL, "k", "1/s", &kr);'
       " const double T[2] = {300, 400}, Tn[2] = {300, NAN}; msb_estimate *est; msb_law *law;")
S("msb_kmc_surface_tof_law", "lat = lat | in", "P_Pa = 1000 | pos", "nT = 2 | count zero=ESIZE",
  "T_K = T | in", "k_ads = ka | in", "k_des = kd | in", "k_hop = kh | in", "k_rxn = kr | in",
  "n_equil = 0 | count zero=ok", "n_events = 2000 | count zero=EINSUFFICIENT",
  "n_replicas = 2 | count zero=ESIZE", "seed = 1 | fixed every seed is valid", CBX,
  "user = NULL | fixed passed to the callback only", "est_out = &est | out null=ok",
  "law_out = &law | out null=ok", setup=TOF,
  cleanup=LATF + " msb_law_destroy(ka); msb_law_destroy(kd); msb_law_destroy(kh);"
  " msb_law_destroy(kr); msb_law_destroy(two);", on_success=EST2F,
  extra=[X("n_replicas", "1", "ESIZE"), X("nT", "1", "ESIZE"),
         X("k_hop", "two", "EBADLAW", "a 2-input law"), X("T_K", "Tn", "ENONFINITE", "NaN T"),
         X("n_events,progress", "65536,fx_cancel", "ECANCELLED",
           "65536 events, a callback that cancels")])

# -------------------------------------------------------------------------------- thermo.h
S("msb_free_energy_rk_create", "E0_J = -1e-20 | dbl", "m = 1 | count zero=ok huge=ESIZE",
  "A_J = A | in", "B_J_per_K = B | opt", "mu_ref_J = 0 | dbl", "cov = NULL | opt",
  "out = &out | out", setup=" const double A[1] = {1.6e-20}, B[1] = {1e-24}, An[1] = {NAN}; "
  + OUTLAW, on_success=FREEOUT,
  extra=[X("m", "17", "ESIZE"), X("A_J", "An", "ENONFINITE", "NaN A")])
RKFIT = (" double x[12], T[12], mu[12], s[12]; for (int i = 0; i < 12; i++) { x[i] = 0.1 + 0.13"
         " * (i % 6); T[i] = i < 6 ? 300 : 400; double kT = MSB_K_B * T[i], Om = 1.6e-20 + 1e-24"
         " * T[i]; mu[i] = -1e-20 + kT * log(x[i] / (1 - x[i])) + Om * (1 - 2 * x[i]);"
         " s[i] = 1e-22; } double xo[12], Tz[12]; memcpy(xo, x, sizeof x); memcpy(Tz, T, sizeof T);"
         " xo[3] = 1.2; Tz[3] = 0;")
S("msb_free_energy_rk_fit", "n = 12 | count zero=EINSUFFICIENT", "x = x | in", "T = T | in",
  "value = mu | in", "sigma = s | opt",
  "kind = MSB_TABLE_MU | enum bad=(msb_thermo_table)3->EINVAL;(msb_thermo_table)-1->EINVAL",
  "m = 1 | count zero=ok huge=ESIZE", "mu_ref_J = 0 | dbl", "est = &est | out null=ok",
  "law = &law | out null=ok", setup=RKFIT + EST2, on_success=EST2F,
  extra=[X("x", "xo", "EDOM", "x > 1"), X("T", "Tz", "EDOM", "T = 0"),
         X("n", "2", "EINSUFFICIENT")])
S("msb_free_energy_binodals", "law = law | in", "T = 300 | pos nf=EDOM",
  "capacity = 4 | count zero=ESIZE", "x_lo = xl | out", "x_hi = xh | out", "mu = mu | out",
  "ngap = &ng | out written=doc",
  setup="msb_law *law = fx_free_energy(), *arr = fx_arrhenius(); double xl[4], xh[4], mu[4];"
  " size_t ng;", cleanup="msb_law_destroy(law); msb_law_destroy(arr);",
  extra=[X("law", "arr", "EBADLAW", "an Arrhenius law")])

# ---------------------------------------------------------------------------- timeseries.h
OUTTAB = "msb_table *out;"
S("msb_table_read", 'path = fx_path("table.dat") | str', "flags = MSB_TABLE_HEADER_COMMENT | int"
  " flag set, tested below", "out = &out | out", setup=OUTTAB,
  on_success="msb_table_destroy(out);",
  extra=[X("flags", "4", "EINVAL"), X("path", '"/nonexistent/t.dat"', "EIO", "missing file")])
S("msb_table_parse", 'text = "a b\\n1 2\\n" | str', 'name = "t" | str null=ok',
  "flags = MSB_TABLE_HEADER | int flag set, tested below", "out = &out | out", setup=OUTTAB,
  on_success="msb_table_destroy(out);",
  extra=[X("flags", "8", "EINVAL"), X("text", '""', "EINSUFFICIENT", "empty"),
         X("text", '"1 2\\n3 x\\n"', "EFORMAT", "a word"),
         X("text", '"1 2\\n3 nan\\n"', "EFORMAT", "a NaN field"),
         X("text", '"1 2\\n3\\n"', "EFORMAT", "a short row")])
S("msb_table_destroy", "t = t | in", setup="msb_table *t = fx_table();",
  cleanup='if (strcmp(bi_mut, "t") == 0) msb_table_destroy(t);')
TAB = "msb_table *t = fx_table();"
TABF = "msb_table_destroy(t);"
for fn, cond in (("msb_table_nrows", "r == 3"), ("msb_table_ncols", "r == 2")):
    S(fn, "t = t | in", setup=TAB, cleanup=TABF, ok=cond, bad="r == 0")
S("msb_table_column_name", "t = t | in", "j = 0 | idx bad=2->x", setup=TAB, cleanup=TABF,
  ok='r && strcmp(r, "a") == 0', bad="r == NULL")
S("msb_table_column", "t = t | in", "j = 1 | idx bad=2->x", setup=TAB, cleanup=TABF,
  ok="r && r[0] == 2 && r[2] == 6", bad="r == NULL")
S("msb_table_line", "t = t | in", "i = 0 | idx bad=3->x", setup=TAB, cleanup=TABF,
  ok="r == 2", bad="r == 0")
S("msb_table_find", "t = t | in", 'name = "b" | str', "index = &ix | out",
  setup=TAB + " size_t ix;", cleanup=TABF, extra=[X("name", '"zz"', "EINVAL")])

# ---------------------------------------------------------------------------- trajectory.h
OUTTR = "msb_trajectory *out;"
OUTTRF = "msb_trajectory_destroy(out);"
S("msb_trajectory_read_lammps", 'path = fx_path("traj.dump") | str', "units = u | in",
  "timestep = 0.001 | pos", "max_frames = 0 | count zero=ok", "max_atoms = 0 | count zero=ok",
  "out = &out | out", setup="msb_units *u = fx_units(); " + OUTTR,
  cleanup="msb_units_destroy(u);", on_success=OUTTRF,
  extra=[X("max_frames", "1", "ESIZE", "1 (limit exceeded)"),
         X("max_atoms", "1", "ESIZE", "1 (limit exceeded)"),
         X("path", '"/nonexistent/t.dump"', "EIO", "missing file"),
         X("path", 'fx_path("table.dat")', "EFORMAT", "not a dump")])
S("msb_trajectory_read_xyz", 'path = fx_path("traj.xyz") | str', "length_unit_m = 1e-10 | pos",
  "frame_dt_s = 1e-12 | pos", "max_frames = 0 | count zero=ok", "max_atoms = 0 | count zero=ok",
  "out = &out | out", setup=OUTTR, on_success=OUTTRF,
  extra=[X("max_frames", "1", "ESIZE", "1 (limit exceeded)"),
         X("max_atoms", "1", "ESIZE", "1 (limit exceeded)"),
         X("path", '"/nonexistent/t.xyz"', "EIO", "missing file"),
         X("path", 'fx_path("table.dat")', "EFORMAT", "not an XYZ file")])
S("msb_trajectory_create", "n_frames = 2 | count zero=ESIZE", "n_atoms = 2 | count zero=ESIZE",
  "pos_m = pos | in", "types = ty | opt", "cell_m = cell | opt", "frame_dt_s = 1e-12 | pos",
  "wrapped = 0 | int 0/1 flag, tested below", "out = &out | out",
  setup=" const double pos[12] = {1e-10, 1e-10, 1e-10, 5e-10, 5e-10, 5e-10, 1.1e-10, 1e-10,"
  " 1e-10, 5e-10, 5.2e-10, 5e-10}, cell[9] = {1e-9, 0, 0, 0, 1e-9, 0, 0, 0, 1e-9},"
  " csing[9] = {1e-9, 0, 0, 1e-9, 0, 0, 0, 0, 1e-9}; double pn[12]; memcpy(pn, pos, sizeof pos);"
  " pn[7] = NAN; const int ty[2] = {1, 2}, tneg[2] = {1, -1}; " + OUTTR,
  on_success=OUTTRF,
  extra=[X("pos_m", "pn", "ENONFINITE", "NaN position"),
         X("cell_m", "csing", "EINVAL", "singular cell"),
         X("types", "tneg", "EDOM", "a negative type")])
S("msb_trajectory_destroy", "traj = traj | in", setup="msb_trajectory *traj = fx_traj();",
  cleanup='if (strcmp(bi_mut, "traj") == 0) msb_trajectory_destroy(traj);')
for fn, cond, badc in (("msb_trajectory_n_frames", "r == 200", "r == 0"),
                       ("msb_trajectory_n_atoms", "r == 16", "r == 0"),
                       ("msb_trajectory_positions", "r != NULL", "r == NULL"),
                       ("msb_trajectory_times", "r != NULL && r[1] == 1e-12", "r == NULL"),
                       ("msb_trajectory_types", "r != NULL && r[1] == 2", "r == NULL"),
                       ("msb_trajectory_ids", "r != NULL", "r == NULL"),
                       ("msb_trajectory_unwrap_method", "r == MSB_UNWRAP_GIVEN", "r == 0"),
                       ("msb_trajectory_max_hop_fraction", "r == 0", "r == 0")):
    S(fn, "traj = traj | in", setup=TRAJ, cleanup=TRAJF, ok=cond, bad=badc)
S("msb_trajectory_cell", "traj = traj | in", "frame = 0 | idx bad=200->x", setup=TRAJ,
  cleanup=TRAJF, ok="r != NULL && r[0] == 20e-10", bad="r == NULL")
S("msb_trajectory_volume", "traj = traj | in", "frame = 0 | idx bad=200->x", setup=TRAJ,
  cleanup=TRAJF, ok="fabs(r - 8e-27) < 1e-38", bad="r == 0")
S("msb_trajectory_type_name", "traj = traj | in", "type = 1 | int tested below", setup=TRAJ,
  cleanup=TRAJF, ok="r != NULL && r[0] == '\\0'", bad="r == NULL",
  extra=[X("type", "99", "r != NULL && r[0] == '\\0'", "99 (no such type)"),
         X("type", "-1", "r != NULL && r[0] == '\\0'")])

# ----------------------------------------------------------------------------- transport.h
S("msb_nernst_einstein_create", "n_species = 2 | count zero=ESIZE huge=ESIZE",
  "D_laws = parts | in", "n_per_m3 = n | in", "z = z | in", "haven = H | opt",
  "haven_std = Hs | opt", "out = &out | out",
  setup="msb_law *a = fx_arrhenius(), *b = fx_arrhenius(), *two = fx_langmuir();"
  " const msb_law *parts[2] = {a, b}, *pbad[2] = {a, two}; const double n[2] = {1e28, 1e28},"
  " n0[2] = {1e28, 0}, H[2] = {0.5, 0.6}, H0[2] = {0.5, 0}, Hs[2] = {0.01, 0.01},"
  " Hsn[2] = {-0.01, 0.01}; const int z[2] = {1, -1}, z0[2] = {1, 0}; " + OUTLAW,
  cleanup="msb_law_destroy(a); msb_law_destroy(b); msb_law_destroy(two);", on_success=FREEOUT,
  extra=[X("n_species", "9", "ESIZE"), X("D_laws", "pbad", "EBADLAW", "a 2-input law"),
         X("n_per_m3", "n0", "EDOM", "n = 0"), X("z", "z0", "EDOM", "z = 0"),
         X("haven", "H0", "EDOM", "H = 0"), X("haven_std", "Hsn", "EDOM", "a negative sd")])
S("msb_sei_resistance_create", "sigma_law = sig | in", "h_m = 2e-8 | pos", "h_std_m = 1e-9 | nneg",
  "out = &out | out", setup="msb_law *sig = fx_sigma_law(), *two = fx_langmuir(); " + OUTLAW,
  cleanup="msb_law_destroy(sig); msb_law_destroy(two);", on_success=FREEOUT,
  extra=[X("sigma_law", "two", "EBADLAW", "a 2-input law")])
S("msb_transference_ne_create", "D_plus = a | in", "D_minus = b | in", "n_plus = 1e27 | pos",
  "z_plus = 1 | int > 0, tested below", "n_minus = 1e27 | pos",
  "z_minus = -1 | int < 0, tested below",
  "out = &out | out",
  setup="msb_law *a = fx_arrhenius(), *b = fx_arrhenius(), *two = fx_langmuir(); " + OUTLAW,
  cleanup="msb_law_destroy(a); msb_law_destroy(b); msb_law_destroy(two);", on_success=FREEOUT,
  extra=[X("z_plus", "0", "EDOM"), X("z_plus", "-1", "EDOM"), X("z_minus", "1", "EDOM"),
         X("D_plus", "two", "EBADLAW", "a 2-input law")])
S("msb_darken_create", "D_star = a | in", "theta_law = th | in", "out = &out | out",
  setup="msb_law *a = fx_arrhenius(), *th = fx_mu_table(), *arr = fx_arrhenius(); " + OUTLAW,
  cleanup="msb_law_destroy(a); msb_law_destroy(th); msb_law_destroy(arr);", on_success=FREEOUT,
  extra=[X("theta_law", "arr", "EBADLAW", "a law without a Theta output")])
S("msb_mu_table_create", "n = 4 | count zero=ESIZE huge=ESIZE", "x = x | in", "mu_J = mu | in",
  "mu_std = ms | opt", "T_ref_K = 300 | pos", "out = &out | out",
  setup=" const double x[4] = {0.1, 0.3, 0.5, 0.7}, xd[4] = {0.1, 0.3, 0.3, 0.7},"
  " mu[4] = {-1e-20, -5e-21, 0, 5e-21}, mun[4] = {-1e-20, NAN, 0, 5e-21},"
  " ms[4] = {1e-22, 1e-22, 1e-22, 1e-22}, msn[4] = {1e-22, -1e-22, 1e-22, 1e-22}; " + OUTLAW,
  on_success=FREEOUT,
  extra=[X("n", "2", "ESIZE"), X("x", "xd", "EDOM", "x not increasing"),
         X("mu_J", "mun", "ENONFINITE", "NaN mu"), X("mu_std", "msn", "EDOM", "a negative sd")])

# ----------------------------------------------------------------------------------- tst.h
CREATE("msb_tst_eyring_create", "dH_J = 0.5 * MSB_EV | dbl", "dS_J_per_K = 1e-4 * MSB_EV | dbl",
       "kappa = 0.8 | pos", "nu_imag_Hz = 1e12 | nneg", "cov = cov | opt", "out = &out | out",
       extra=[X("kappa", "1.5", "EDOM", "kappa > 1")])
VIN = (" const double nm[3] = {1e13, 2e13, 3e13}, ns[2] = {1.5e13, 2.5e13}, n0[3] = {1e13, 0,"
       " 3e13}, nn[3] = {1e13, NAN, 3e13};")
S("msb_tst_vineyard_create", "n_min = 3 | count zero=ESIZE", "nu_min_Hz = nm | in",
  "n_saddle = 2 | count zero=ESIZE", "nu_saddle_Hz = ns | in", "Ea_J = 0.5 * MSB_EV | dbl",
  "cov = NULL | opt", "out = &out | out", setup=VIN + " " + OUTLAW, on_success=FREEOUT,
  extra=[X("nu_min_Hz", "n0", "EDOM", "a zero frequency"),
         X("nu_min_Hz", "nn", "ENONFINITE", "NaN frequency")])
S("msb_tst_vineyard_prefactor", "n_min = 3 | count zero=ESIZE", "nu_min_Hz = nm | in",
  "n_saddle = 2 | count zero=ESIZE", "nu_saddle_Hz = ns | in", "nu_star_Hz = &nu | out",
  setup=VIN + " double nu;",
  extra=[X("nu_min_Hz", "n0", "EDOM", "a zero frequency"),
         X("nu_min_Hz", "nn", "ENONFINITE", "NaN frequency")])

# --------------------------------------------------------------------------------- units.h
OUTU = "msb_units *out;"
S("msb_units_create", 'system = "metal" | str', "out = &out | out", setup=OUTU,
  on_success="msb_units_destroy(out);",
  extra=[X("system", '"bogus"', "EUNITS"), X("system", '"lj"', "EUNITS")])
S("msb_units_create_lj", "sigma_m = 3.4e-10 | pos", "epsilon_J = 1.65e-21 | pos",
  "mass_kg = 6.6e-26 | pos", "out = &out | out", setup=OUTU, on_success="msb_units_destroy(out);")
S("msb_units_create_scales", "length_m = 1e-10 | pos", "time_s = 1e-12 | pos",
  "energy_J = MSB_EV | pos", "mass_kg = 1.66e-27 | pos", "temperature_K = 1 | pos",
  "charge_C = MSB_E | pos", "out = &out | out", setup=OUTU, on_success="msb_units_destroy(out);")
S("msb_units_destroy", "units = u | in", setup="msb_units *u = fx_units();",
  cleanup='if (strcmp(bi_mut, "units") == 0) msb_units_destroy(u);')
S("msb_units_to_si", "units = u | in",
  "q = MSB_Q_LENGTH | enum bad=(msb_quantity)99->EINVAL;MSB_Q_COUNT_->EINVAL;"
  "(msb_quantity)-1->EINVAL",
  "factor = &f | out", setup="msb_units *u = fx_units(); double f;",
  cleanup="msb_units_destroy(u);")
S("msb_units_name", "units = u | in", setup="msb_units *u = fx_units();",
  cleanup="msb_units_destroy(u);", ok='r && strcmp(r, "metal") == 0', bad="r == NULL")

# ------------------------------------------------------------------------------ validate.h
S("msb_validate", "predicted = 1.05 | dbl", "predicted_std = 0.1 | nneg", "measured = 1.07 | dbl",
  "measured_std = 0.05 | nneg", "k = 2 | pos", "out = &out | out",
  setup="msb_estimate *out;", on_success="msb_estimate_destroy(out);")
S("msb_validate_report", "comparison = est | in", 'quantity = "sigma" | str null=ok',
  'unit = "S/m" | str null=ok', "text = &text | out",
  setup=EST + " msb_estimate *other = fx_ce_fit(); char *text;",
  cleanup=ESTF + " msb_estimate_destroy(other);", on_success="msb_string_free(text);",
  extra=[X("comparison", "other", "EINVAL", "a ce_fit estimate")])

# ------------------------------------------------------------------ array-element mutations
# (function, argument, length, kind[, extra options]): the last element becomes NaN, +Inf,
# -Inf (and 0 / negative for kind pos, negative for nneg). Arrays whose NaN has a documented
# meaning (fusion tau = "infer", law_with_domain bounds = MSB_EINVAL, +-Inf = unbounded) are
# covered by their own X(...) mutations above instead.
ARRAYS = [
    ("msb_law_with_params", "params", 2, "dbl"), ("msb_law_with_params", "cov", 4, "dbl"),
    ("msb_law_eval_with_params", "params", 2, "dbl"),
    ("msb_activation_volume_create", "cov", 9, "dbl"),
    ("msb_arrhenius_create", "cov", 4, "dbl"), ("msb_arrhenius_create_named", "cov", 4, "dbl"),
    ("msb_arrhenius_fit", "T_K", 4, "pos"), ("msb_arrhenius_fit", "D", 4, "pos"),
    ("msb_arrhenius_fit", "D_std", 4, "pos"),
    ("msb_ce_fit", "corr", 18, "dbl"), ("msb_ce_fit", "energy_J", 6, "dbl"),
    ("msb_ce_predict", "corr", 6, "dbl"), ("msb_ce_to_pair", "eci_J", 4, "dbl"),
    ("msb_partial_molar_volume_fit", "x", 4, "dbl"),
    ("msb_partial_molar_volume_fit", "V_m3", 4, "pos"),
    ("msb_partial_molar_volume_fit", "V_std", 4, "pos"),
    ("msb_voltage_pressure_create", "cov", 4, "dbl"),
    ("msb_activation_volume_fit", "sigma_Pa", 4, "dbl"),
    ("msb_activation_volume_fit", "Em_J", 4, "dbl"),
    ("msb_activation_volume_fit", "Em_std", 4, "pos"),
    ("msb_activation_volume_tensor_create", "Omega6_m3", 6, "dbl"),
    ("msb_activation_volume_tensor_fit", "sigma6_Pa", 48, "dbl"),
    ("msb_activation_volume_tensor_fit", "Em_J", 8, "dbl"),
    ("msb_activation_volume_tensor_fit", "Em_std", 8, "pos"),
    ("msb_barodiffusion_create", "cov", 4, "dbl"),
    ("msb_cohesive_exponential_create", "cov", 4, "dbl"),
    ("msb_cohesive_bilinear_create", "cov", 9, "dbl"),
    ("msb_uber_fit", "delta_m", 8, "nneg"), ("msb_uber_fit", "energy", 8, "dbl"),
    ("msb_uber_fit", "energy_std", 8, "pos"),
    ("msb_elastic_moduli", "C", 36, "dbl"), ("msb_elastic_analyze", "C", 36, "dbl"),
    ("msb_elastic_is_stable", "C", 36, "dbl"), ("msb_elastic_compliance", "C", 36, "dbl"),
    ("msb_elastic_young_direction", "C", 36, "dbl"),
    ("msb_elastic_young_direction", "dirs", 6, "dbl"),
    ("msb_elastic_fit", "strain", 36, "dbl"), ("msb_elastic_fit", "stress", 36, "dbl"),
    ("msb_fuse", "value", 4, "dbl"), ("msb_fuse", "std", 4, "pos"),
    ("msb_fuse_arrhenius", "T_K", 6, "pos"), ("msb_fuse_arrhenius", "D", 6, "pos"),
    ("msb_fuse_arrhenius", "D_std", 6, "pos"),
    ("msb_gk_acf", "x", 3 * 4096, "dbl"), ("msb_gk_running", "x", 3 * 4096, "dbl"),
    ("msb_gk_cepstral", "x", 3 * 4096, "dbl"),
    ("msb_hull_analyze", "x", 4, "dbl"), ("msb_hull_analyze", "e", 4, "dbl"),
    ("msb_hull_estimate", "x", 4, "dbl"), ("msb_hull_estimate", "e", 4, "dbl"),
    ("msb_hull_plateaus", "y", 4, "nneg"), ("msb_hull_plateaus", "G", 4, "dbl"),
    ("msb_kapitza_linear_create", "cov", 4, "dbl"),
    ("msb_kmc_vacancy", "V_J", 1, "dbl"),
    ("msb_langmuir_create", "cov", 4, "dbl"),
    ("msb_langmuir_competitive_create", "dH_J", 2, "dbl"),
    ("msb_langmuir_competitive_create", "dS_J_per_K", 2, "dbl"),
    ("msb_langmuir_pressure", "theta", 2, "dbl"), ("msb_langmuir_pressure", "T", 2, "pos"),
    ("msb_lattice_create_custom", "cell", 9, "dbl"),
    ("msb_lattice_create_custom", "frac", 3, "dbl"),
    ("msb_mc_sgc", "V_J", 1, "dbl"), ("msb_mc_sgc", "mu_J", 2, "dbl"),
    ("msb_mc_canonical", "V_J", 1, "dbl"), ("msb_mc_canonical", "x", 2, "dbl"),
    ("msb_mc_sgc_ce", "mu_J", 2, "dbl"), ("msb_mc_canonical_ce", "x", 2, "dbl"),
    ("msb_ce_hamiltonian_create", "eci_J", 5, "dbl"),
    ("msb_ocv_plateau_create", "x_b", 3, "dbl"), ("msb_ocv_plateau_create", "V", 2, "dbl"),
    ("msb_ocv_from_hull_create", "y", 4, "nneg"), ("msb_ocv_from_hull_create", "G", 4, "dbl"),
    ("msb_ocv_table_create", "x", 3, "dbl"), ("msb_ocv_table_create", "V", 3, "dbl"),
    ("msb_ocv_table_create", "dVdT", 3, "dbl"),
    ("msb_kmc_surface", "P_Pa", 2, "pos"), ("msb_kmc_surface_tof_law", "T_K", 2, "pos"),
    ("msb_free_energy_rk_create", "A_J", 1, "dbl"),
    ("msb_free_energy_rk_create", "B_J_per_K", 1, "dbl"),
    ("msb_free_energy_rk_fit", "x", 12, "dbl"), ("msb_free_energy_rk_fit", "T", 12, "pos"),
    ("msb_free_energy_rk_fit", "value", 12, "dbl"), ("msb_free_energy_rk_fit", "sigma", 12, "pos"),
    ("msb_trajectory_create", "pos_m", 12, "dbl"), ("msb_trajectory_create", "cell_m", 9, "dbl"),
    ("msb_nernst_einstein_create", "n_per_m3", 2, "pos"),
    ("msb_nernst_einstein_create", "haven", 2, "pos"),
    ("msb_nernst_einstein_create", "haven_std", 2, "nneg"),
    ("msb_mu_table_create", "x", 4, "dbl"), ("msb_mu_table_create", "mu_J", 4, "dbl"),
    ("msb_mu_table_create", "mu_std", 4, "nneg"),
    ("msb_tst_eyring_create", "cov", 4, "dbl"),
    ("msb_tst_vineyard_create", "nu_min_Hz", 3, "pos"),
    ("msb_tst_vineyard_create", "nu_saddle_Hz", 2, "pos"),
    ("msb_tst_vineyard_prefactor", "nu_min_Hz", 3, "pos"),
    ("msb_tst_vineyard_prefactor", "nu_saddle_Hz", 2, "pos"),
]
_by_name = {f.name: f for f in SPECS}
for fn, arg, n, kind, *more in ARRAYS:
    a = [x for x in _by_name[fn].args if x.name == arg]
    if len(a) != 1:
        raise ValueError("ARRAYS: %s has no argument %s" % (fn, arg))
    a[0].opts.update({"arr": str(n), "akind": kind})
    for m in more:
        k, v = m.split("=")
        a[0].opts[k] = v

# documented errors that need two arguments together: both optional outputs NULL
BOTH = ["msb_arrhenius_fit", "msb_activation_volume_fit", "msb_activation_volume_tensor_fit",
        "msb_uber_fit", "msb_fuse_arrhenius", "msb_kmc_surface_tof_law"]
for fn in BOTH:
    _by_name[fn].extra.append(X("est_out,law_out", "NULL,NULL", "ENULL", "both outputs NULL"))

# every path argument: the empty path and a folder instead of a file (read and write)
PATHS = [("msb_card_read", "path"), ("msb_sha256_file", "path"), ("msb_table_read", "path"),
         ("msb_trajectory_read_lammps", "path"), ("msb_trajectory_read_xyz", "path"),
         ("msb_card_write", "path"), ("msb_card_export_pybamm", "path"),
         ("msb_card_export_c_header", "path")]
for fn, arg in PATHS:
    # the writers reject "" up front as an invalid argument (card.h: MSB_EINVAL, empty path)
    empty = "EINVAL" if fn in ("msb_card_write", "msb_card_export_pybamm",
                               "msb_card_export_c_header") else "EIO"
    _by_name[fn].extra += [X(arg, '""', empty, "empty path"),
                           X(arg, 'fx_path("newdir")', "EIO", "a folder")]

# empty strings where a name is looked up
for fn, arg, c in (("msb_estimate_find", "name", "EINVAL"), ("msb_estimate_get", "name", "EINVAL"),
                   ("msb_table_find", "name", "EINVAL"), ("msb_units_create", "system", "EUNITS"),
                   ("msb_arrhenius_create_named", "output_unit", "EINVAL"),
                   ("msb_card_export_pybamm", "function_name", "EINVAL"),
                   ("msb_card_export_c_header", "prefix", "EINVAL")):
    _by_name[fn].extra.append(X(arg, '""', c, "empty string"))

# documented combinations: a pointer that may be NULL only together with a zero count
COMBOS = [("msb_card_write", "n_inputs,input_paths", "1,NULL", "ENULL"),
          ("msb_card_to_string", "n_inputs,input_paths", "0,NULL", "ok"),
          ("msb_tst_vineyard_create", "n_min,n_saddle,nu_saddle_Hz", "1,0,NULL", "ok"),
          ("msb_tst_vineyard_prefactor", "n_min,n_saddle,nu_saddle_Hz", "1,0,NULL", "ok"),
          ("msb_kmc_vacancy", "nv,V_J", "0,NULL", "ok"), ("msb_mc_sgc", "nv,V_J", "0,NULL", "ok"),
          ("msb_mc_canonical", "nv,V_J", "0,NULL", "ok"),
          ("msb_free_energy_rk_create", "m,A_J,B_J_per_K", "0,NULL,NULL", "ok"),
          ("msb_sha256_hex", "data,n", "NULL,0", "ok")]
for fn, args_, exprs, c in COMBOS:
    _by_name[fn].extra.append(X(args_, exprs, c, exprs + (" (documented: NULL with a zero count)"
                                                          if c == "ok" else "")))

# n = 0 with the count output omitted: nothing at all may be written (n = 0 alone sets the
# count of outside points to 0, as documented)
_by_name["msb_law_eval_uq_validity"].extra.append(X("n,n_outside", "0,NULL", "noop", "0,NULL"))

# very long strings (fixed-size buffers, messages that quote the string): LONG is 5000 bytes
LONGS = [("msb_estimate_find", "name", "EINVAL"), ("msb_estimate_get", "name", "EINVAL"),
         ("msb_table_find", "name", "EINVAL"), ("msb_units_create", "system", "EUNITS"),
         ("msb_arrhenius_create_named", "output_name", "EINVAL"),
         ("msb_card_export_pybamm", "function_name", "EINVAL"),
         ("msb_card_export_c_header", "prefix", "EINVAL"),
         ("msb_card_read", "path", "EIO"), ("msb_table_read", "path", "EIO"),
         ("msb_trajectory_read_lammps", "path", "EIO"), ("msb_trajectory_read_xyz", "path", "EIO"),
         ("msb_sha256_file", "path", "EIO"), ("msb_card_write", "path", "EIO")]
for fn, arg, c in LONGS:
    _by_name[fn].extra.append(X(arg, "bi_long_string()", c, "a 5000-byte string"))

#!/usr/bin/env python3
"""Generate (and check) the bad-input matrix over the whole public API.

    gen_matrix.py --include DIR --symbols FILE [--out FILE.c] [--check-only] [--list]

1. Parses every MSB_API declaration in DIR/msbridge/*.h (api.py) and cross-checks the set of
   names against the exported-symbol list FILE (tests/abi/symbols.txt).
2. Loads the spec (spec.py): for each public function one valid base call and a role per
   argument. --check-only fails if a public function has no spec entry (those listed in
   uncovered.txt, the explicit allow-list of gaps, are printed and fail too), if a spec names a
   function that does not exist, or if a spec's argument names/order/roles disagree with the
   header (such a function is left out of the generated program, so the build never breaks).
3. Writes one C program: for every function the valid base call (must succeed and print
   nothing) and, for every applicable mutation of a single argument, a call that must fail with
   the documented code, leave every output untouched, set a non-empty thread message and print
   nothing (harness.c). Mutations by role:
     out / in      NULL                       -> MSB_ENULL (or the code / 'ok' in null=)
     str           NULL                       -> MSB_ENULL
     dbl           NaN, +Inf, -Inf            -> MSB_ENONFINITE (nf= / nan= / inf= override)
     pos           as dbl, plus 0 and -(valid) -> MSB_EDOM (zero= / neg= override)
     nneg          as dbl, plus -(valid)      -> MSB_EDOM
     count         0 (zero=CODE, ok, or noop: must succeed with every output untouched)
                   and SIZE_MAX/2 (huge=; default skipped: an array length larger
                   than the caller's array cannot be detected by any C function)
     idx / enum    the value in bad=EXPR->CODE (several: bad=E1->C1;E2->C2)
     opt           NULL -> must SUCCEED (documented optional)
     in/opt arr=N  an array of N doubles: its last element NaN, +Inf, -Inf (anf=), and with
                   akind=pos 0 and negative (azero=, aneg=), akind=nneg negative -> MSB_EDOM
     out written=doc   an output the header documents as written on failure (not compared)
     fixed / int / val   no role mutation (reason in the spec); extra mutations via X(...)
   A mutation that is legitimately valid is written with 'ok' and must then succeed. Extra
   mutations X(arg, expr, expect) may name several arguments ("a,b" with "ea,eb") for errors
   that need two arguments together. A code "A/B" accepts either documented code.
"""
import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import api  # noqa: E402

HUGE = "(SIZE_MAX / 2)"
HUGE_SKIP = ("no documented limit: an array length larger than the caller's array cannot be "
             "detected, and a huge event/sample count is a valid (long) run")
ROLES = {"out", "in", "opt", "str", "dbl", "pos", "nneg", "count", "idx", "enum", "fixed",
         "int", "val"}


OPTS = {"null", "nf", "nan", "inf", "zero", "neg", "huge", "bad", "written", "arr", "akind",
        "anf", "azero", "aneg"}


class Arg:
    def __init__(self, text):
        m = re.match(r"^\s*(\w+)\s*=\s*(.*?)\s*\|\s*(\w+)\s*(.*)$", text, re.S)
        if not m:
            raise ValueError("bad argument spec %r" % text)
        self.name, self.expr, self.role, rest = m.groups()
        if self.role not in ROLES:
            raise ValueError("unknown role %r in %r" % (self.role, text))
        self.opts = {}
        self.reason = ""
        if self.role in ("fixed", "int", "val"):
            self.reason = rest.strip()
        else:
            for tok in rest.split():
                if "=" not in tok:
                    raise ValueError("bad option %r in %r" % (tok, text))
                k, v = tok.split("=", 1)
                if k not in OPTS:
                    raise ValueError("unknown option %r in %r" % (k, text))
                self.opts[k] = v


class X:
    """An extra single-argument mutation: argument `arg` takes `expr`; expect a code name
    ('EDOM'), 'ok' (must succeed) or, for functions without a status, a C condition on r."""

    def __init__(self, arg, expr, expect, label=None):
        self.arg, self.expr, self.expect, self.label = arg, expr, expect, label or expr


class F:
    def __init__(self, name, *args, setup="", cleanup="", on_success="", extra=(), ok=None,
                 bad=None, note="", accessor=False):
        self.name = name
        self.args = [Arg(a) for a in args]
        self.setup, self.cleanup, self.on_success = setup, cleanup, on_success
        self.extra = list(extra)
        self.ok = ok      # non-status functions: condition on r after the valid call
        self.bad = bad    # non-status functions: condition on r after a NULL / bad-index call
        self.note = note
        self.accessor = accessor  # returns an msb_status VALUE (msb_last_error_status)


def code(c):
    if "/" in c:  # several documented codes: accept any of them
        alts = [code(x) for x in c.split("/")]
        return "(%s) ? bi_st : %s" % (" || ".join("bi_st == %s" % x for x in alts), alts[0])
    if c in ("ok", "noop"):
        return "MSB_SUCCESS"
    if c == "any":
        return "-1"
    return "MSB_" + c if not c.startswith("MSB_") else c


def role_type_ok(role, ctype):
    ptr = "*" in ctype or "[" in ctype
    const = ctype.startswith("const ")
    if role == "out":
        return ptr and not const
    if role in ("in", "opt"):  # read-only or consumed (destroy/free) pointers
        return ptr
    if role == "str":
        return ctype == "const char *"
    if role in ("dbl", "pos", "nneg"):
        return ctype == "double"
    if role in ("count", "idx"):
        return ctype == "size_t"
    if role == "enum":
        return not ptr
    return True


def mutations(f, status):
    """[(arg name, label, replacement expr, expected)] for every mutation of f."""
    out = []
    for a in f.args:
        o = a.opts
        if a.role in ("out", "in", "str"):
            out.append((a.name, "NULL", "NULL", o.get("null", "ENULL")))
        elif a.role == "opt":
            out.append((a.name, "NULL", "NULL", "ok"))
        elif a.role in ("dbl", "pos", "nneg"):
            nf = o.get("nf", "ENONFINITE")
            out.append((a.name, "NaN", "NAN", o.get("nan", nf)))
            out.append((a.name, "+Inf", "INFINITY", o.get("inf", nf)))
            out.append((a.name, "-Inf", "-INFINITY", o.get("inf", nf)))
            if a.role == "pos":
                out.append((a.name, "0", "0.0", o.get("zero", "EDOM")))
            if a.role in ("pos", "nneg"):
                out.append((a.name, "negative", "-(%s)" % a.expr, o.get("neg", "EDOM")))
        elif a.role == "count":
            if "zero" not in o:
                raise ValueError("%s: count %s needs zero=" % (f.name, a.name))
            if o["zero"] != "skip":
                out.append((a.name, "0", "(size_t)0", o["zero"]))
            if o.get("huge", "skip") != "skip":
                out.append((a.name, "huge", HUGE, o["huge"]))
        elif a.role in ("idx", "enum"):
            if "bad" not in o:
                raise ValueError("%s: %s %s needs bad=EXPR->CODE" % (f.name, a.role, a.name))
            for alt in o["bad"].split(";"):
                e, c = alt.split("->")
                out.append((a.name, e, e, c))
        if a.role in ("in", "opt") and "arr" in o:
            # element mutations of an array of doubles: the LAST element, so that a function
            # writing outputs before validating the whole array is caught
            n = o["arr"]
            k = o.get("akind", "dbl")
            anf = o.get("anf", "ENONFINITE")
            for lab, v in (("NaN", "NAN"), ("+Inf", "INFINITY"), ("-Inf", "-INFINITY")):
                out.append((a.name, "last element " + lab,
                            "bi_mod(%s, %s, %s)" % (a.expr, n, v), anf))
            if k == "pos":
                out.append((a.name, "last element 0", "bi_mod(%s, %s, 0.0)" % (a.expr, n),
                            o.get("azero", "EDOM")))
            if k in ("pos", "nneg"):
                out.append((a.name, "last element negative",
                            "bi_mod(%s, %s, -fabs((%s)[%s - 1]))" % (a.expr, n, a.expr, n),
                            o.get("aneg", "EDOM")))
    for x in f.extra:
        # x.arg may be "a,b" with x.expr "ea,eb": a documented error that needs two arguments
        # together (e.g. both optional outputs NULL)
        for an in x.arg.split(","):
            if an not in [a.name for a in f.args]:
                raise ValueError("%s: extra mutation of unknown argument %s" % (f.name, an))
        out.append((x.arg, x.label, x.expr, x.expect))
    if not status:
        # a code name (or the placeholder 'x') means "the documented failure value": f.bad
        out = [(n, l, e, f.bad if re.fullmatch(r"[A-Za-z]+", c) else c) for (n, l, e, c) in out]
    return out


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_case(f, ret, cid, mut, status):
    argname, label, repl, expect = mut if mut else ("-", "valid", None, None)
    objs = [(a.name, a.expr.lstrip("&").strip()) for a in f.args if a.role == "out"]
    # outputs the header documents as written on some failures (e.g. the needed count)
    exempt = {a.name for a in f.args if a.opts.get("written") == "doc"}
    repl_of = dict(zip(argname.split(","), repl.split(","))) if mut and "," in argname else \
        ({argname: repl} if mut else {})
    args = [repl_of.get(a.name, a.expr) for a in f.args]
    call = "%s(%s)" % (f.name, ", ".join(args))
    fail = status and mut is not None and expect not in ("ok", "noop")
    # 'noop': documented no-op (e.g. n = 0 points): must succeed AND leave every output alone
    noop = status and mut is not None and expect == "noop"
    L = ["static void case_%d(void)" % cid, "{",
         "    bi_case(%s, %s, %s);" % (c_str(f.name), c_str(argname), c_str(label)), "    {"]
    L.append("        const char *bi_mut = %s;" % c_str(argname))
    L.append("        (void)bi_mut;")
    if f.setup:
        L.append("        " + f.setup)
    for i, (an, ob) in enumerate(objs):
        if fail or noop:
            L.append("        BI_POISON(%s);" % ob)
            L.append("        unsigned char snap_%d[sizeof(%s)];" % (i, ob))
            L.append("        memcpy(snap_%d, &(%s), sizeof(%s));" % (i, ob, ob))
        else:
            L.append("        memset(&(%s), 0, sizeof(%s));" % (ob, ob))
    # before a call that must fail: no previous error (the message must come from this call);
    # before a call that must succeed: a known previous error, which a successful call must
    # leave alone (status.h)
    L.append("        %s;" % ("msb_clear_error()" if fail or not status else "bi_mark_error()"))
    L.append("        bi_capture_begin();")
    if status:
        L.append("        msb_status bi_st = %s;" % call)
    elif ret == "void":
        L.append("        %s;" % call)
    else:
        L.append("        %s r = %s;" % (ret, call))
    L.append("        bi_capture_end();")
    if status:
        L.append("        bi_check_status(bi_st, %s);" % (code(expect) if mut else "MSB_SUCCESS"))
        if fail:
            L.append("        bi_check_message_names(bi_st, %s);" % c_str(f.name))
        if fail:
            L.append("        if (bi_st != MSB_SUCCESS) {")
            for i, (an, ob) in enumerate(objs):
                if an not in argname.split(",") and an not in exempt:
                    L.append("            bi_check_untouched(%s, &(%s), snap_%d, sizeof(%s));"
                             % (c_str(an), ob, i, ob))
            L.append("        }")
        elif noop:
            L.append("        bi_check_error_kept(bi_st);")
            L.append("        if (bi_st == MSB_SUCCESS) {")
            for i, (an, ob) in enumerate(objs):
                if an not in argname.split(",") and an not in exempt:
                    L.append("            bi_check_untouched(%s, &(%s), snap_%d, sizeof(%s));"
                             % (c_str(an), ob, i, ob))
            L.append("        }")
        else:
            L.append("        bi_check_error_kept(bi_st);")
            L.append("        if (bi_st == MSB_SUCCESS) {")
            if f.on_success:
                L.append("            " + f.on_success)
            L.append("        }")
    elif ret != "void":
        cond = f.ok if not mut else expect
        if cond:
            L.append("        bi_check_true(%s, %s);" % (cond, c_str(cond)))
        L.append("        (void)r;")
    if not status and f.on_success:
        L.append("        " + f.on_success)
    if f.cleanup:
        L.append("        " + f.cleanup)
    L += ["    }", "}", ""]
    return L


def load(include, symbols):
    funcs = api.parse_headers(include)
    problems = []
    exported = set(open(symbols).read().split())
    if set(funcs) != exported:
        for n in sorted(set(funcs) - exported):
            problems.append("%s is declared MSB_API but not in %s" % (n, symbols))
        for n in sorted(exported - set(funcs)):
            problems.append("%s is exported (%s) but not declared in a header" % (n, symbols))
    import spec
    specs = {}
    for f in spec.SPECS:
        if f.name in specs:
            problems.append("%s specified twice" % f.name)
        specs[f.name] = f
    allow = []
    p = os.path.join(HERE, "uncovered.txt")
    if os.path.exists(p):
        allow = [l.split("#")[0].strip() for l in open(p)]
        allow = [l for l in allow if l]
    bad = set()
    for n in sorted(specs):
        if n not in funcs:
            problems.append("spec for %s, which is not a public function" % n)
            continue
        ret, hargs, hdr = funcs[n]
        f = specs[n]
        names = [a.name for a in f.args]
        if names != [a[1] for a in hargs]:
            problems.append("%s: spec arguments (%s) disagree with %s (%s)" %
                            (n, ", ".join(names), hdr, ", ".join(a[1] for a in hargs)))
            bad.add(n)
            continue
        for a, (ctype, _) in zip(f.args, hargs):
            if a.role in ("fixed", "int", "val") and not a.reason:
                problems.append("%s: argument %s (%s) has no role mutation and no reason why" %
                                (n, a.name, a.role))
                bad.add(n)
            if not role_type_ok(a.role, ctype):
                problems.append("%s: role %s does not fit argument %s of type %s" %
                                (n, a.role, a.name, ctype))
                bad.add(n)
        if (ret != "msb_status" or f.accessor) and f.ok is None and ret != "void":
            problems.append("%s: returns %s: spec needs ok= (condition on r)" % (n, ret))
            bad.add(n)
    missing = sorted(n for n in funcs if n not in specs)
    unlisted = [n for n in missing if n not in allow]
    stale = [n for n in allow if n in specs or n not in funcs]
    for n in stale:
        problems.append("uncovered.txt lists %s, which is %s" %
                        (n, "covered by the spec" if n in specs else "not a public function"))
    for n in bad:
        del specs[n]  # not generated (it would not compile); the check fails on it
    return funcs, specs, missing, unlisted, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--include", default=os.path.join(HERE, "..", "..", "include"))
    ap.add_argument("--symbols", default=os.path.join(HERE, "..", "abi", "symbols.txt"))
    ap.add_argument("--out")
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--list", action="store_true",
                    help="print the matrix: function, argument, mutation, expectation")
    a = ap.parse_args()
    funcs, specs, missing, unlisted, problems = load(a.include, a.symbols)
    covered = [n for n in funcs if n in specs]
    nmut = 0
    cases = []
    for n in sorted(covered):
        ret = funcs[n][0]
        status = ret == "msb_status" and not specs[n].accessor
        try:
            muts = mutations(specs[n], status)
        except ValueError as e:
            problems.append(str(e))
            continue
        cases.append((specs[n], ret, None, status))
        for m in muts:
            cases.append((specs[n], ret, m, status))
        nmut += len(muts)
    if a.list:
        for f, ret, m, status in cases:
            if m:
                exp = m[3]
                if exp == "noop":
                    exp = "must succeed and leave every output untouched (documented no-op)"
                if exp == "ok":  # why a mutation is valid: what the header says
                    role = {x.name: x for x in f.args}.get(m[0])
                    exp = "must succeed: " + (
                        "documented optional (may be NULL)" if m[1] == "NULL" else
                        "documented as valid (0 = none / no-op / default)" if m[1] == "0" else
                        "documented as valid (%s)" % (role.reason if role and role.reason
                                                      else "see the header"))
                print("%s\t%s\t%s\t%s" % (f.name, m[0], m[1], exp))
        for f in sorted(specs.values(), key=lambda f: f.name):
            for x in f.args:
                if x.role == "count" and x.opts.get("huge", "skip") == "skip":
                    print("%s\t%s\t(huge not tried)\t%s" % (f.name, x.name, HUGE_SKIP))
                if x.reason:
                    print("%s\t%s\t(no role mutation)\t%s" % (f.name, x.name, x.reason))
    print("bad-input matrix: %d public functions, %d specified, %d mutations + %d base calls"
          % (len(funcs), len(covered), nmut, len(covered)))
    if missing:
        print("NOT COVERED (%d, listed in tests/badinput/uncovered.txt):\n  %s"
              % (len(missing), "\n  ".join(missing)))
    for p in problems:
        print("ERROR: " + p)
    if unlisted:
        print("ERROR: public functions without a bad-input spec and not in uncovered.txt:\n  "
              + "\n  ".join(unlisted))
    # The program is always written (functions whose spec is broken are left out), so that a
    # spec problem fails the badinput.coverage test, never the build.
    if a.out:
        L = ["/* GENERATED by tests/badinput/gen_matrix.py from tests/badinput/spec.py: do not"
             " edit. */", "#include <math.h>", "#include <stdint.h>", "#include <stdlib.h>",
             "#include <string.h>", "", '#include "harness.h"', ""]
        for i, (f, ret, m, status) in enumerate(cases):
            L += emit_case(f, ret, i, m, status)
        L.append("int main(void)")
        L.append("{")
        L.append("    bi_init();")
        for i in range(len(cases)):
            L.append("    case_%d();" % i)
        L.append("    return bi_finish();")
        L.append("}")
        tmp = a.out + ".tmp"
        with open(tmp, "w") as fh:
            fh.write("\n".join(L) + "\n")
        os.replace(tmp, a.out)
    # a function listed in uncovered.txt is printed above and still fails the check: the
    # allow-list makes a gap visible, it does not make it pass
    if a.check_only and (problems or missing):
        sys.exit(1)


if __name__ == "__main__":
    main()

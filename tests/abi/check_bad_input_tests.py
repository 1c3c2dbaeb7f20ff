#!/usr/bin/env python3
"""Every public function has a bad-input test.

    check_bad_input_tests.py [ROOT] [--include DIR]

Enumerates the MSB_API functions declared in the public headers (ROOT/include by default; pass
--include <prefix>/include to check an installed tree) and requires two kinds of evidence:

1. the generated bad-input matrix (tests/badinput, docs/testing.md): every public function has
   an entry in tests/badinput/spec.py whose argument list agrees with its header, or is listed
   in tests/badinput/uncovered.txt (the explicit, printed list of known gaps: each listed
   function fails this check too, so a gap is never silent);
2. a hand-written C unit test (tests/unit/*.c, tests/fuzz/*.c):
   * a function returning msb_status must appear in at least one
     assert_status(<fn>(...), MSB_E...) with an error code;
   * any other function (accessors, destroy, pure conversions) must be called with NULL as its
     first argument somewhere (NULL-safety), unless it takes no pointer at all (version, status
     texts, unit conversions), in which case one call in a test suffices.
Exit 1 with the list of functions lacking either."""
import os
import re
import sys

sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree

args = [a for a in sys.argv[1:]]
include = None
if "--include" in args:
    i = args.index("--include")
    include = args[i + 1]
    del args[i:i + 2]
root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..")
include = include or os.path.join(root, "include")
sys.path.insert(0, os.path.join(root, "tests", "badinput"))
import api  # noqa: E402  (tests/badinput/api.py: the header parser)
import gen_matrix  # noqa: E402

functions = {n: (r, ", ".join("%s %s" % a for a in al), h)
             for n, (r, al, h) in api.parse_headers(include).items()}

# ---- 1. the generated matrix
_, specs, matrix_missing, _, problems = gen_matrix.load(
    include, os.path.join(root, "tests", "abi", "symbols.txt"))

# ---- 2. hand-written unit tests
sources = ""
for sub in ("unit", "fuzz"):
    d = os.path.join(root, "tests", sub)
    for dirpath, _, files in os.walk(d):
        for f in files:
            if f.endswith(".c"):
                sources += open(os.path.join(dirpath, f)).read() + "\n"
flat = re.sub(r"\s+", " ", sources)

missing = []
for fn, (ret, args_, header) in sorted(functions.items()):
    if args_ in ("void", ""):
        ok = re.search(r"\b" + fn + r"\(\)", flat)
        why = "never called in a C test"
    elif ret.endswith("msb_status"):
        ok = re.search(r"assert_status\( ?" + fn + r"\((?:[^;]*?)\), ?MSB_E[A-Z]+\)", flat)
        why = "no assert_status(%s(...), MSB_E...) in a C test" % fn
    elif "*" in args_:
        ok = re.search(fn + r"\( ?NULL\b", flat)
        why = "never called with NULL in a C test"
    else:
        ok = re.search(r"\b" + fn + r"\(", flat)
        why = "never called in a C test"
    if not ok:
        missing.append(f"{fn} ({header}): {why}")
for fn in matrix_missing:
    missing.append(f"{fn} ({functions[fn][2]}): no entry in the bad-input matrix "
                   "(tests/badinput/spec.py)")

for p in problems:  # a spec that disagrees with its header is not a test
    fn = p.split(":")[0].split(" ")[0]
    if fn in functions:
        missing.append(f"{fn} ({functions[fn][2]}): matrix spec problem")
n_ok = len(functions) - len({m.split(" ")[0] for m in missing})
print(f"{len(functions)} public functions, {n_ok} with bad-input tests "
      f"({len(specs)} in the generated matrix)")
if problems:
    print("matrix spec problems:\n  " + "\n  ".join(problems))
if missing:
    print("missing:\n  " + "\n  ".join(missing))
if missing or problems:
    sys.exit(1)

#!/usr/bin/env python3
"""Every public function has a bad-input test.

Enumerates the MSB_API functions declared in the public headers and looks through the C tests
(tests/unit/*.c, tests/fuzz/*.c) for evidence:
  * a function returning msb_status must appear in at least one
    assert_status(<fn>(...), MSB_E...) with an error code;
  * any other function (accessors, destroy, pure conversions) must be called with NULL as its
    first argument somewhere (NULL-safety), unless it takes no pointer at all (version, status
    texts, unit conversions), in which case one call in a test suffices.
Exit 1 with the list of functions lacking such a test."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
inc = os.path.join(root, "include", "msbridge")
decl = re.compile(r"MSB_API\s+([\w\s\*]+?)\b(msb_\w+)\s*\(([^;]*?)\)\s*;", re.S)
functions = {}
for name in sorted(os.listdir(inc)):
    if name.endswith(".h"):
        text = open(os.path.join(inc, name)).read()
        for ret, fn, args in decl.findall(text):
            functions[fn] = (ret.strip(), args.strip(), name)

sources = ""
for sub in ("unit", "fuzz"):
    d = os.path.join(root, "tests", sub)
    for dirpath, _, files in os.walk(d):
        for f in files:
            if f.endswith(".c"):
                sources += open(os.path.join(dirpath, f)).read() + "\n"
flat = re.sub(r"\s+", " ", sources)

missing = []
for fn, (ret, args, header) in sorted(functions.items()):
    if args in ("void", ""):
        ok = re.search(r"\b" + fn + r"\(\)", flat)
        why = "never called in a C test"
    elif ret.endswith("msb_status"):
        ok = re.search(r"assert_status\( ?" + fn + r"\((?:[^;]*?)\), ?MSB_E[A-Z]+\)", flat)
        why = "no assert_status(%s(...), MSB_E...) in a C test" % fn
    elif "*" in args:
        ok = re.search(fn + r"\( ?NULL\b", flat)
        why = "never called with NULL in a C test"
    else:
        ok = re.search(r"\b" + fn + r"\(", flat)
        why = "never called in a C test"
    if not ok:
        missing.append(f"{fn} ({header}): {why}")

print(f"{len(functions)} public functions, {len(functions) - len(missing)} with bad-input tests")
if missing:
    print("missing:\n  " + "\n  ".join(missing))
    sys.exit(1)

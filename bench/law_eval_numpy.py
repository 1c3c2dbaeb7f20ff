#!/usr/bin/env python3
"""Peer for bench/law_eval.c: the same Arrhenius formula (values, values + derivative) in numpy
on the same number of points, and the library through the Python binding; prints Markdown.
usage: law_eval_numpy.py [--quick] [n]   (default 2*10^6 points; --quick: 2*10^4)"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bindings", "python"))
import msbridge as msb  # noqa: E402

_args = [a for a in sys.argv[1:] if a != "--quick"]
n = int(_args[0]) if _args else (20_000 if "--quick" in sys.argv else 2_000_000)
T = 250.0 + 200.0 * np.arange(n) / n
D0, Ea, kB = 1e-7, 0.4 * msb.EV, msb.K_B


def best(fn, reps=7):
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t.append(time.perf_counter() - t0)
    return min(t)


def numpy_values():
    return D0 * np.exp(-Ea / (kB * T))


def numpy_deriv():
    y = D0 * np.exp(-Ea / (kB * T))
    return y, y * Ea / (kB * T * T)


law = msb.arrhenius(D0, Ea)
ref = numpy_values()
assert np.allclose(law.eval(T), ref, rtol=1e-14)
rows = [("values", best(numpy_values), best(lambda: law.eval(T))),
        ("values + dD/dT", best(numpy_deriv), best(lambda: law.eval(T, derivatives=True)))]
print(f"| Arrhenius, {n} points | numpy ns/point | libmsbridge via Python ns/point | speed-up |")
print("|---|---|---|---|")
for what, tn, tl in rows:
    print(f"| {what} | {1e9 * tn / n:.2f} | {1e9 * tl / n:.2f} | {tn / tl:.2f} |")

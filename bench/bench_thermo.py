#!/usr/bin/python3
"""Benchmarks of the thermodynamic closures against peers, same work, one run, ratios printed.

1. Binary hull of N = 10^4 Li-C entries: msbridge (msb_hull_analyze: stable set, energy above
   hull and decomposition of every entry) against pymatgen's PhaseDiagram construction (its
   hull only; the per-entry e_above_hull calls would add to pymatgen's time).
2. OCV law evaluation with derivatives (V, dV/dx, dV/dT) at 2*10^6 points on one core: the
   Steffen table law on the measured LG M50 graphite data, the 3-plateau law and the
   common-tangent law, against scipy's PchipInterpolator (value + derivative) on the same points.

Usage: MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python bench/bench_thermo.py
       [--quick] [hull] [ocv]
Prints a Markdown table on stdout (bench/run_all.sh contract); --quick: N = 500 entries,
2*10^4 points.
"""
import os
import time

import numpy as np

import msbridge as msb


def best_of(f, repeat=3):
    """Best CPU time of the process (time.process_time): on a shared, loaded machine this is
    the time on one core, without the time spent waiting for a core. Both codes are
    single-threaded here, so the ratio is the same as in wall time on an idle machine."""
    t = []
    for _ in range(repeat):
        t0 = time.process_time()
        f()
        t.append(time.process_time() - t0)
    return min(t)


def bench_hull(N=10_000):
    from pymatgen.analysis.phase_diagram import PhaseDiagram
    from pymatgen.core import Composition
    from pymatgen.entries.computed_entries import ComputedEntry
    rng = np.random.default_rng(1)
    rows = [(1, 0, -1.9), (0, 1, -9.2)]
    while len(rows) < N:
        a, b = int(rng.integers(1, 200)), int(rng.integers(1, 200))
        xa = a / (a + b)
        ef = -0.4 * xa * (1 - xa) + 0.02 * rng.standard_normal()
        rows.append((a, b, (a + b) * ((1 - xa) * -9.2 + xa * -1.9 + ef)))
    x = np.array([a / (a + b) for a, b, _ in rows])
    e = np.array([E / (a + b) for a, b, E in rows]) * msb.EV
    ents = [ComputedEntry(Composition({k: v for k, v in (("Li", a), ("C", b)) if v}), E)
            for a, b, E in rows]
    t_ours = best_of(lambda: msb.hull_analyze(x, e, 1e-9 * msb.EV))
    t_pmg = best_of(lambda: PhaseDiagram(ents), repeat=1)
    print(f"| binary hull of {N} Li-C entries (stable set, e_above_hull, decomposition) vs "
          f"pymatgen `PhaseDiagram` construction only | {t_ours * 1e3:.2f} ms | "
          f"{t_pmg * 1e3:.0f} ms | **{t_pmg / t_ours:.0f}x** |")


def bench_ocv(n=2_000_000):
    from scipy.interpolate import PchipInterpolator
    here = os.path.dirname(os.path.abspath(__file__))
    data = np.loadtxt(os.path.join(here, "..", "tests", "data", "battery_ocv",
                                   "graphite_LGM50_ocp_Chen2020.csv"), delimiter=",",
                      comments="#")
    xs, Vs = data[:, 0], data[:, 1]
    rng = np.random.default_rng(2)
    pts = np.column_stack([rng.uniform(xs[0], xs[-1], n), rng.uniform(280, 320, n)])
    y = np.empty((n, 1))
    d = np.empty((n, 1, 2))
    L = msb.lib()
    ptr = msb._lib.as_double_p

    def run(law):
        msb._lib.check(L.msb_law_eval(law._handle, n, ptr(pts), ptr(y), ptr(d)))

    table = msb.ocv_table(xs, Vs, reversal_tol=5e-3)
    plateau = msb.ocv_plateau([0.0, 0.25, 0.5, 1.0], [0.217, 0.133, 0.0925], 0.01)
    fe = msb.free_energy_rk(-0.1 * msb.EV, [0.12 * msb.EV], mu_ref=0.0)
    tang = msb.ocv_free_energy(fe, 250, 350)
    pch = PchipInterpolator(xs, Vs)
    dpch = pch.derivative()
    t_pchip = best_of(lambda: (pch(pts[:, 0]), dpch(pts[:, 0])))
    for name, law in (("table (Steffen)", table), ("plateau", plateau)):
        t = best_of(lambda: run(law))
        print(f"| OCV {name} law, V + dV/dx + dV/dT, {n} points | {n / t / 1e6:.1f} Mpoints/s | "
              f"scipy `PchipInterpolator` value + derivative {n / t_pchip / 1e6:.1f} Mpoints/s | "
              f"**{t_pchip / t:.1f}x** |")
    tpts = pts.copy()
    tpts[:, 0] = rng.uniform(0.01, 0.99, n)
    tpts[:, 1] = 300.0  # one temperature: the tangent is solved once per run of equal T

    def run_t():
        msb._lib.check(L.msb_law_eval(tang._handle, n, ptr(tpts), ptr(y), ptr(d)))
    t = best_of(run_t)
    print(f"| OCV common tangent (regular solution, one T), {n} points | "
          f"{n / t / 1e6:.1f} Mpoints/s | - | - |")


if __name__ == "__main__":
    import sys
    quick = "--quick" in sys.argv
    which = [a for a in sys.argv[1:] if not a.startswith("--")] or ["hull", "ocv"]
    print("| work (CPU time, best of 3) | msbridge | peer | ratio (peer time / ours) |")
    print("|---|---|---|---|")
    if "hull" in which:
        bench_hull(500 if quick else 10_000)
    if "ocv" in which:
        bench_ocv(20_000 if quick else 2_000_000)

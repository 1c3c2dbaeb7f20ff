#!/usr/bin/env python3
"""Benchmark: Voigt-Reuss-Hill moduli (K_V, K_R, G_V, G_R, K_VRH, G_VRH, nu, A^U) of 10^5
stiffness tensors with libmsbridge (msb_elastic_moduli, one batched call through ctypes,
which also computes E, the Zener ratio, the smallest eigenvalue and the Born flag) against
pymatgen's ElasticTensor (peer) in the same run.

The tensors are the 93 Materials Project tensors of tests/data/elastic, tiled and perturbed
by a symmetric random 1 % to make 10^5 distinct tensors. pymatgen is timed on the first
--peer-n tensors (default 2000; pass --peer-n 100000 for all, ~minutes) and the comparison is
per tensor. The results of both are compared on the peer subset (max relative difference).

usage: MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python \
       /usr/bin/python3 bench/vrh_bench.py [--n 100000] [--peer-n 2000] [--quick]
Prints a Markdown table on stdout (bench/run_all.sh contract); --quick: 2000 and 20 tensors.
"""
import argparse
import json
import os
import sys
import time
import warnings

# 6x6 matrices gain nothing from BLAS threads, and on a shared machine OpenBLAS's thread
# hand-offs cost several times the work: single-threaded BLAS unless --blas-threads is given
# (must be set before numpy/libmsbridge load OpenBLAS). pymatgen runs under the same setting.
if "--blas-threads" not in sys.argv:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import msbridge as msb  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--peer-n", type=int, default=2000)
    ap.add_argument("--quick", action="store_true", help="2000 tensors, 20 for pymatgen")
    ap.add_argument("--blas-threads", action="store_true",
                    help="leave OPENBLAS_NUM_THREADS as the environment has it")
    a = ap.parse_args()
    if a.quick:
        a.n, a.peer_n = 2000, 20
    with open(os.path.join(HERE, "..", "tests", "data", "elastic",
                           "mp_li_compounds_elastic.json")) as f:
        base = np.array([e["elastic_tensor_voigt_GPa"] for e in json.load(f)["entries"]])
    rng = np.random.default_rng(1)
    C = base[np.arange(a.n) % len(base)].copy()
    P = rng.normal(scale=0.01, size=C.shape)
    C *= 1 + 0.5 * (P + P.transpose(0, 2, 1))
    C = np.ascontiguousarray(C) * 1e9  # Pa

    msb.elastic_moduli_array(C[:10])  # load the library
    t0 = time.perf_counter()
    props, stable = msb.elastic_moduli_array(C)
    t_ours = time.perf_counter() - t0

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pymatgen.analysis.elasticity.elastic import ElasticTensor
        m = min(a.peer_n, a.n)
        t0 = time.perf_counter()
        peer = []
        for i in range(m):
            et = ElasticTensor.from_voigt(C[i] / 1e9)
            peer.append((et.k_voigt, et.k_reuss, et.k_vrh, et.g_voigt, et.g_reuss, et.g_vrh,
                         et.homogeneous_poisson, et.universal_anisotropy))
        t_peer = time.perf_counter() - t0
    peer = np.array(peer)
    ours = props[:m][:, [0, 1, 2, 3, 4, 5, 7, 8]] * np.array([1e-9] * 6 + [1, 1])
    diff = np.max(np.abs(ours - peer) / np.maximum(np.abs(peer), 1e-12))
    per_ours = t_ours / a.n
    per_peer = t_peer / m
    print("| work | libmsbridge per tensor | pymatgen per tensor | ratio (pymatgen / ours) |")
    print("|---|---|---|---|")
    print(f"| VRH moduli of {a.n} tensors (pymatgen on the first {m}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}; "
          f"max rel. difference {diff:.1e}) | {per_ours * 1e6:.2f} us | "
          f"{per_peer * 1e3:.2f} ms | **{per_peer / per_ours:.0f}x** |")


if __name__ == "__main__":
    main()

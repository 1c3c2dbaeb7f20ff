#!/usr/bin/env python3
"""Benchmark of the lattice engines against straightforward numpy implementations of the same
work, in one run, printing the ratios (docs/performance.md, section "Lattice engines").

  MC : semi-grand-canonical Metropolis, nearest-neighbour pair Hamiltonian, 64 x 64 square
       lattice, trial moves per second. Peer: numpy checkerboard Metropolis (vectorised
       half-lattice updates — the fast way to write it in numpy).
  KMC: vacancy-mediated hops, 128 x 128 = 16384 square-lattice sites, x = 0.5 (non-interacting),
       events per second. Peer: numpy n-fold way recomputing the rate vector and its cumulative
       sum for every event (O(N) per event, the straightforward numpy formulation).

Usage: MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python python3 bench/lattice_bench.py
       [--quick]
Prints a Markdown table on stdout (bench/run_all.sh contract); --quick: few sweeps/events.
"""
import sys
import time

import numpy as np

import msbridge as msb

K_B = msb.K_B


def mc_ours(L, sweeps):
    lat = msb.Lattice("square", 3e-10, (L, L), nshells=1)
    V = -0.1 * msb.EV
    mu = np.array([2 * V + 0.01 * msb.EV])
    t = time.perf_counter()
    msb.mc_sgc(lat, 400.0, mu, V=[V], sweeps=sweeps, equil=0, seed=1)
    return sweeps * L * L / (time.perf_counter() - t)


def mc_numpy(L, sweeps):
    rng = np.random.default_rng(1)
    V, T = -0.1 * msb.EV, 400.0
    mu = 2 * V + 0.01 * msb.EV
    beta = 1 / (K_B * T)
    n = (rng.random((L, L)) < 0.5).astype(np.int8)
    mask = (np.add.outer(np.arange(L), np.arange(L)) % 2).astype(bool)
    t = time.perf_counter()
    for _ in range(sweeps):
        for sub in (mask, ~mask):
            c = (np.roll(n, 1, 0) + np.roll(n, -1, 0) + np.roll(n, 1, 1) + np.roll(n, -1, 1))
            dO = (1 - 2 * n) * (-mu + V * c)
            acc = (rng.random((L, L)) < np.exp(-beta * np.maximum(dO, 0))) & sub
            n = np.where(acc, 1 - n, n)
    return sweeps * L * L / (time.perf_counter() - t)


def kmc_ours(L, events):
    lat = msb.Lattice("square", 3e-10, (L, L), nshells=1)
    t = time.perf_counter()
    msb.kmc_vacancy(lat, L * L // 2, 600.0, 0.5 * msb.EV, events=events, replicas=1, seed=1)
    return events / (time.perf_counter() - t)


def kmc_numpy(L, events):
    rng = np.random.default_rng(1)
    N = L * L
    occ = np.zeros(N, dtype=np.int8)
    occ[rng.permutation(N)[:N // 2]] = 1
    idx = np.arange(N).reshape(L, L)
    nbr = np.stack([np.roll(idx, s, a).ravel() for a in (0, 1) for s in (1, -1)], axis=1)
    G = 1e13 * np.exp(-0.5 * msb.EV / (K_B * 600.0))
    t = time.perf_counter()
    tt = 0.0
    for _ in range(events):
        rates = (occ[:, None] * (1 - occ[nbr])) * G
        c = np.cumsum(rates.ravel())
        k = np.searchsorted(c, rng.random() * c[-1], side="right")
        i, d = divmod(k, 4)
        j = nbr[i, d]
        occ[i], occ[j] = 0, 1
        tt += -np.log(1 - rng.random()) / c[-1]
    return events / (time.perf_counter() - t)


def main():
    q = "--quick" in sys.argv
    L = 64
    ours = mc_ours(L, 30 if q else 3000)
    peer = mc_numpy(L, 10 if q else 300)
    print("| work (wall time) | msbridge | numpy peer | ratio (ours / peer rate) |")
    print("|---|---|---|---|")
    print(f"| MC: 64x64 square lattice, NN semi-grand-canonical Metropolis (trial moves/s) | "
          f"{ours:.3e} | checkerboard {peer:.3e} | **{ours / peer:.1f}x** |")
    ours_k = kmc_ours(128, 30_000 if q else 3_000_000)
    peer_k = kmc_numpy(128, 50 if q else 2000)
    print(f"| KMC: 16384 sites, x = 0.5, vacancy hops (events/s) | {ours_k:.3e} | "
          f"O(N) n-fold way {peer_k:.3e} | **{ours_k / peer_k:.0f}x** |")


if __name__ == "__main__":
    main()

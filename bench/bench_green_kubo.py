#!/usr/bin/env python3
"""Benchmarks of issue 4 (docs/performance.md, section "Green-Kubo"). Runs our code and the
peer on the same work in one run and prints the ratios:
  1. reading sportran's Silica.dat (100001 x 4 numbers): msb.read_table vs numpy.loadtxt;
  2. component-averaged unbiased autocorrelation of 3 x 10^6 samples (3 components of 10^6),
     all lags up to n/2: msb.gk_acf vs numpy's FFT (rfft of the zero-padded series, |F|^2,
     irfft, divide by n - m, mean over components).
Usage: MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python \
       /usr/bin/python3 bench/bench_green_kubo.py"""
import os
import time

import numpy as np

import msbridge as msb

HERE = os.path.dirname(os.path.abspath(__file__))
SILICA = os.path.join(HERE, "..", "tests", "data", "sportran", "Silica.dat")


def best(f, repeat):
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = f()
        t.append(time.perf_counter() - t0)
    return min(t), r


def numpy_acf(x, n_lag):
    n = x.shape[1]
    f = np.fft.rfft(x, 2 * n)
    c = np.fft.irfft(f.real ** 2 + f.imag ** 2, 2 * n)[:, :n_lag]
    return (c / (n - np.arange(n_lag))).mean(0)


def main():
    t_np, ref = best(lambda: np.loadtxt(SILICA, skiprows=6), 3)
    t_us, tab = best(lambda: msb.read_table(SILICA, msb.thermal.HEADER), 5)
    assert np.array_equal(tab.to_array(), ref.T)
    print(f"read Silica.dat: msbridge {t_us * 1e3:.1f} ms, numpy.loadtxt {t_np * 1e3:.1f} ms, "
          f"ratio {t_np / t_us:.1f}x")
    x = np.random.default_rng(0).standard_normal((3, 1_000_000))
    n_lag = 500_000
    t_np, a_np = best(lambda: numpy_acf(x, n_lag), 3)
    t_us, (a_us, _) = best(lambda: msb.gk_acf(x, n_lag), 3)
    assert np.allclose(a_us, a_np, atol=1e-9)
    print(f"autocorrelation 3 x 10^6: msbridge {t_us * 1e3:.0f} ms, numpy FFT {t_np * 1e3:.0f} ms, "
          f"ratio {t_np / t_us:.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmarks of issue 4 (docs/performance.md, section "Green-Kubo"). Runs our code and the
peer on the same work in one run and prints the ratios:
  1. reading sportran's Silica.dat (100001 x 4 numbers): msb.read_table vs numpy.loadtxt;
  2. component-averaged unbiased autocorrelation of 3 x 10^6 samples (3 components of 10^6),
     all lags up to n/2: msb_gk_acf (mean only: acf_sd = NULL) vs numpy's FFT (rfft of the
     zero-padded series, |F|^2, irfft, divide by n - m, mean over components);
  3. the same with the standard error over components as well (msb.gk_acf, which always asks
     for it) vs the same numpy code plus the standard error of its per-component ACFs.
Usage: MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python \
       /usr/bin/python3 bench/bench_green_kubo.py [--quick]
Prints a Markdown table on stdout (bench/run_all.sh contract); --quick: 3 x 10^4 samples."""
import argparse
import os
import time

import numpy as np

import msbridge as msb
from fftlen import smooth_len  # bench/fftlen.py
from msbridge._lib import as_double_p, check, lib

HERE = os.path.dirname(os.path.abspath(__file__))
SILICA = os.path.join(HERE, "..", "tests", "data", "sportran", "Silica.dat")


def best(f, repeat):
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = f()
        t.append(time.perf_counter() - t0)
    return min(t), r


def numpy_acf(x, n_lag, L=None):
    n = x.shape[1]
    L = 2 * n if L is None else L
    f = np.fft.rfft(x, L)
    c = np.fft.irfft(f.real ** 2 + f.imag ** 2, L)[:, :n_lag]
    return (c / (n - np.arange(n_lag))).mean(0)


def numpy_acf_sd(x, n_lag):
    n = x.shape[1]
    f = np.fft.rfft(x, 2 * n)
    c = np.fft.irfft(f.real ** 2 + f.imag ** 2, 2 * n)[:, :n_lag]
    c /= n - np.arange(n_lag)
    return c.mean(0), c.std(0, ddof=1) / np.sqrt(x.shape[0])


def ours_acf_mean(x, n_lag):
    """msb_gk_acf without the spread over components (acf_sd = NULL): the work numpy_acf does."""
    a = np.ascontiguousarray(x, dtype=float)
    acf = np.empty(n_lag)
    check(lib().msb_gk_acf(a.shape[1], a.shape[0], as_double_p(a), n_lag, as_double_p(acf), None))
    return acf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    a = ap.parse_args()
    rep = 1 if a.quick else 3
    t_np, ref = best(lambda: np.loadtxt(SILICA, skiprows=6), rep)
    t_us, tab = best(lambda: msb.read_table(SILICA, msb.thermal.HEADER), 5 * rep + 2)
    assert np.array_equal(tab.to_array(), ref.T)
    load = os.getloadavg()[0]
    print("| work | msbridge | peer | ratio (peer time / ours) |")
    print("|---|---|---|---|")
    print(f"| read Silica.dat (100001 x 4), best of {5 * rep + 2} (load average {load:.1f} on "
          f"{os.cpu_count()} CPUs) | `msb_table_read` {t_us * 1e3:.1f} ms | "
          f"`numpy.loadtxt` {t_np * 1e3:.1f} ms | **{t_np / t_us:.2f}x** |")
    n = 10_000 if a.quick else 1_000_000
    x = np.random.default_rng(0).standard_normal((3, n))
    n_lag = n // 2
    t_np, a_np = best(lambda: numpy_acf(x, n_lag), rep)
    t_us, a_us = best(lambda: ours_acf_mean(x, n_lag), rep)
    assert np.allclose(a_us, a_np, atol=1e-9)
    print(f"| unbiased ACF (component mean), 3 x {n} samples, lags 0..{n_lag - 1} | `msb_gk_acf` "
          f"{t_us * 1e3:.1f} ms | numpy `rfft`/`irfft` {t_np * 1e3:.1f} ms | "
          f"**{t_np / t_us:.2f}x** |")
    os.environ["MSB_NUM_THREADS"] = "1"  # read by the library at each call
    t_one, _ = best(lambda: ours_acf_mean(x, n_lag), rep)
    del os.environ["MSB_NUM_THREADS"]
    print(f"| the same, `msb_gk_acf` on one thread (`MSB_NUM_THREADS=1`; the row above uses "
          f"every core, numpy one) | {t_one * 1e3:.1f} ms | numpy {t_np * 1e3:.1f} ms | "
          f"**{t_np / t_one:.2f}x** |")
    L = smooth_len(n + n_lag - 1)
    t_np2, a_np2 = best(lambda: numpy_acf(x, n_lag, L), rep)
    assert np.allclose(a_np2, a_np, atol=1e-9)
    print(f"| the same, numpy padded to our length {L} (n + n_lag - 1 rounded up to 2^a 3^b 5^c) "
          f"instead of 2n | `msb_gk_acf` {t_us * 1e3:.1f} ms | numpy {t_np2 * 1e3:.1f} ms | "
          f"**{t_np2 / t_us:.2f}x** |")
    t_np, (a_np, s_np) = best(lambda: numpy_acf_sd(x, n_lag), rep)
    t_us, (a_us, s_us) = best(lambda: msb.gk_acf(x, n_lag), rep)
    assert np.allclose(a_us, a_np, atol=1e-9) and np.allclose(s_us, s_np, atol=1e-9)
    print(f"| the same with the standard error over components | `msb_gk_acf` "
          f"{t_us * 1e3:.1f} ms | numpy, per-component ACFs {t_np * 1e3:.1f} ms | "
          f"**{t_np / t_us:.2f}x** |")

if __name__ == "__main__":
    main()

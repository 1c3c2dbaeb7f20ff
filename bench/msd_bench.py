#!/usr/bin/env python3
"""Benchmark: all-origin MSD (libmsbridge vs a numpy FFT implementation of the same algorithm
and MDAnalysis EinsteinMSD) and LAMMPS dump parsing throughput / peak memory.

Run from the build tree:  MSBRIDGE_LIBRARY=build/libmsbridge.so \
    /usr/bin/python3 bench/msd_bench.py [--atoms 256] [--frames 10000] [--quick]
Prints the timings and ratios measured in this one run as a Markdown table (bench/run_all.sh
contract); --quick: 32 atoms x 1000 frames, 100 frames for MDAnalysis and the dump."""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bindings", "python"))
import msbridge as msb  # noqa: E402
from fftlen import smooth_len  # noqa: E402  (bench/fftlen.py)


def numpy_fft_msd(pos, n2=None):
    """Same algorithm as the library (prefix sums + FFT autocorrelation), vectorised over atoms
    and components with numpy.fft: isotropic MSD averaged over atoms. n2: the padded length
    (default: the power of two >= 2 nf)."""
    nf = pos.shape[0]
    x = pos - pos[0]
    x = x.reshape(nf, -1)
    if n2 is None:
        n2 = 1 << int(np.ceil(np.log2(2 * nf)))
    f = np.fft.rfft(x, n=n2, axis=0)
    ac = np.fft.irfft(f * np.conj(f), n=n2, axis=0)[:nf]
    sq = np.sum(x * x, axis=1)
    pre = np.concatenate([[0.0], np.cumsum(sq)])
    m = np.arange(nf)
    s1 = pre[nf] - pre[m] + pre[nf - m]
    s2 = 2 * np.sum(ac, axis=1)
    natom = pos.shape[1]
    return (s1 - s2) / (nf - m) / natom


def best(fn, repeat=3):
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        t.append(time.perf_counter() - t0)
    return min(t), out


def write_dump(path, pos, L):
    nf, na, _ = pos.shape
    wrapped = pos - L * np.floor(pos / L)
    img = np.floor(pos / L).astype(int)
    ids = np.arange(1, na + 1)
    with open(path, "w") as f:
        for k in range(nf):
            f.write(f"ITEM: TIMESTEP\n{10 * k}\nITEM: NUMBER OF ATOMS\n{na}\n"
                    f"ITEM: BOX BOUNDS pp pp pp\n0 {L}\n0 {L}\n0 {L}\n"
                    "ITEM: ATOMS id type x y z ix iy iz\n")
            block = np.column_stack([ids, np.ones(na, int), wrapped[k], img[k]])
            np.savetxt(f, block, fmt=["%d", "%d", "%.10g", "%.10g", "%.10g", "%d", "%d", "%d"])


PARSE_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
import msbridge as msb
def kb(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
msb.lib()
open("/proc/self/clear_refs", "w").write("5")  # reset the peak RSS (Linux >= 4.0)
before = kb("VmRSS")
times, cpus = [], []
for k in range(int(sys.argv[2])):
    t0, c0 = time.perf_counter(), time.process_time()
    tr = msb.Trajectory.from_lammps(sys.argv[1], "metal", 0.001)
    times.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
    if k == 0:  # peak of the first read in a fresh process (later ones reuse freed memory)
        peak = kb("VmHWM") - before
        held = tr.n_frames * tr.n_atoms * 24
    del tr
print(min(times), min(cpus), peak, held)
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--atoms", type=int, default=256)
    ap.add_argument("--frames", type=int, default=10000)
    ap.add_argument("--mda-frames", type=int, default=1000)
    ap.add_argument("--dump-frames", type=int, default=2000)
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    a = ap.parse_args()
    if a.quick:
        a.atoms, a.frames, a.mda_frames, a.dump_frames = 32, 1000, 100, 100
    rng = np.random.default_rng(0)
    pos = np.cumsum(rng.normal(scale=0.1, size=(a.frames, a.atoms, 3)), axis=0)
    tr = msb.Trajectory.from_array(pos * 1e-10, 1e-12)

    if os.environ.get("MSB_BENCH_PARSE_ONLY"):
        parse_bench(a, pos)
        return
    t_ours, est = best(lambda: msb.msd(tr))
    t_np, ref = best(lambda: numpy_fft_msd(pos))
    ours = est["msd"][0] / 1e-20
    err = np.max(np.abs(ours[1:] - ref[1:]) / ref[1:])
    print("| work | libmsbridge | peer | ratio (peer time / ours) |")
    print("|---|---|---|---|")
    print(f"| all-origin MSD, {a.atoms} atoms x {a.frames} frames (full 3x3 tensor in ours, "
          f"trace in numpy; max rel. difference {err:.1e}) | {t_ours:.3f} s | numpy FFT of the "
          f"same algorithm {t_np:.3f} s | **{t_np / t_ours:.2f}x** |")
    os.environ["MSB_NUM_THREADS"] = "1"  # read by the library at each call
    t_one, _ = best(lambda: msb.msd(tr))
    del os.environ["MSB_NUM_THREADS"]
    print(f"| the same, libmsbridge on one thread (`MSB_NUM_THREADS=1`; the row above uses "
          f"every core, numpy one) | {t_one:.3f} s | numpy {t_np:.3f} s | "
          f"**{t_np / t_one:.2f}x** |")
    L = smooth_len(2 * a.frames - 1)
    t_np2, ref2 = best(lambda: numpy_fft_msd(pos, L))
    assert np.allclose(ref2[1:], ref[1:], rtol=1e-9)
    print(f"| the same, numpy padded to our length {L} instead of a power of two (shows how "
          f"much of the ratio is the padding) | {t_ours:.3f} s | numpy {t_np2:.3f} s | "
          f"**{t_np2 / t_ours:.2f}x** |")

    try:
        import MDAnalysis as mda
        from MDAnalysis.analysis.msd import EinsteinMSD
        nf = a.mda_frames
        sub = pos[:nf]
        u = mda.Universe.empty(a.atoms, trajectory=True)
        from MDAnalysis.coordinates.memory import MemoryReader
        u.load_new(sub.astype(np.float32), format=MemoryReader, dt=1.0)
        try:
            import tidynamics  # noqa: F401
            fft = True
        except ImportError:
            fft = False
        t_mda, _ = best(lambda: EinsteinMSD(u, select="all", msd_type="xyz", fft=fft).run(),
                        repeat=1)
        tr2 = msb.Trajectory.from_array(sub * 1e-10, 1e-12)
        t_ours2, _ = best(lambda: msb.msd(tr2))
        mode = "fft" if fft else "windowed O(T^2): tidynamics is not in Debian"
        print(f"| all-origin MSD, {a.atoms} atoms x {nf} frames | {t_ours2:.4f} s | MDAnalysis "
              f"`EinsteinMSD` ({mode}) {t_mda:.3f} s | **{t_mda / t_ours2:.0f}x** |")
    except ImportError:
        print("| MSD vs MDAnalysis | - | MDAnalysis not installed (Debian python3-mdanalysis) "
              "| - |")

    parse_bench(a, pos)


def parse_bench(a, pos):
    """LAMMPS dump parsing: best of 3 reads in a fresh process, peak memory growth of the first
    read (VmHWM), with the default threads and with one; the load average is printed because
    the machine may be shared (wall-clock rates fall with the load)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bench.dump")
        L = 30.0
        write_dump(path, pos[:a.dump_frames] % 1000 + 0.0, L)
        size = os.path.getsize(path)
        for label, threads in (("default threads", None), ("1 thread", "1")):
            env = dict(os.environ)
            if threads:
                env["MSB_NUM_THREADS"] = threads
            out = subprocess.run([sys.executable, "-c", PARSE_CHILD, path, "3",
                                  os.path.join(HERE, "..", "bindings", "python")],
                                 capture_output=True, text=True, check=True, env=env)
            dt, cpu, peak, held = (float(v) for v in out.stdout.split())
            print(f"| LAMMPS dump parsing, {size / 1e6:.1f} MB, {label} | {size / 1e6 / dt:.0f} MB/s "
                  f"({size / 1e6 / cpu:.0f} MB per CPU second); peak memory growth {peak / 1e6:.1f} MB = {peak / held:.2f} x the positions as "
                  f"doubles | - (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs) "
                  f"| - |")


if __name__ == "__main__":
    main()

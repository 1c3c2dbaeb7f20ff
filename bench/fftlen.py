"""Shared by the FFT benchmarks (msd_bench.py, bench_green_kubo.py)."""


def smooth_len(n):
    """Smallest even 2^a 3^b 5^c >= n: the padded length the library uses."""
    m = max(n, 2)
    while True:
        r = m
        for p in (2, 3, 5):
            while r % p == 0:
                r //= p
        if r == 1 and m % 2 == 0:
            return m
        m += 1

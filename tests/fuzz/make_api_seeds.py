#!/usr/bin/env python3
"""Regenerate the seed corpus of fuzz_api (tests/fuzz/corpus/fuzz_api): valid and invalid
constructor arguments for every law, packed as the target reads them (selector byte,
covariance flag byte, then native little-endian doubles and count bytes)."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "fuzz_api")
EV = 1.602176634e-19
KB = 1.380649e-23
os.makedirs(OUT, exist_ok=True)


def d(*vals):
    return b"".join(struct.pack("<d", v) for v in vals)


def b(*vals):
    return bytes(vals)


cov2 = d(1e-42, 0, 0, 1e-46)
cov3 = d(0.04, 0, 0, 0, 1e-41, 0, 0, 0, 1e-61)
pts = b(4) + d(300, 350, 250, 1000)
seeds = {
    "eyring_ok": b(0, 0) + d(0.5 * EV, 0, 1, 0) + cov2 + pts,
    "eyring_cov": b(0, 1) + d(0.5 * EV, KB, 0.9, 5e12) + cov2 + pts,
    "eyring_kappa0": b(0, 0) + d(0.5 * EV, 0, 0, 0) + cov2,
    "eyring_nan": b(0, 0) + d(float("nan"), 0, 1, 0) + cov2,
    "eyring_overflow": b(0, 0) + d(-1 * EV, 0, 1, 0) + cov2 + b(1) + d(1.0),
    "eyring_neg_T": b(0, 0) + d(0.5 * EV, 0, 1, 0) + cov2 + b(2) + d(300, -5),
    "vineyard_ok": b(1, 0) + b(2, 1) + d(5e12, 8e12, 2e12, 0.3 * EV) + cov2 + pts,
    "vineyard_badcount": b(1, 0) + b(2, 2) + d(5e12, 8e12, 2e12, 1e12, 0.3 * EV) + cov2,
    "vineyard_negfreq": b(1, 0) + b(2, 1) + d(5e12, -8e12, 2e12, 0.3 * EV) + cov2,
    "vineyard_one": b(1, 1) + b(1, 0) + d(1e13, 0.2 * EV) + cov2 + pts,
    "arrhenius_ok": b(2, 0) + d(1e-7, 0.4 * EV) + cov2 + pts,
    "arrhenius_cov": b(2, 1) + d(1e-7, 0.4 * EV) + d(0.04, 0, 0, 1e-41) + pts,
    "arrhenius_asym": b(2, 1) + d(1e-7, 0.4 * EV) + d(1, 2, 3, 1) + pts,
    "arrhenius_negD0": b(2, 0) + d(-1e-7, 0.4 * EV) + cov2,
    "arrhenius_inf": b(2, 0) + d(1e-7, float("inf")) + cov2,
    "actvol_ok": b(3, 1) + d(1e-7, 0.4 * EV, 1e-30) + cov3 + b(3) + d(300, 0, 350, 1e9, 400, -1e9),
    "actvol_huge_sigma": b(3, 0) + d(1e-7, 0.4 * EV, 1e-30) + cov3 + b(1) + d(300, 1e300),
    "actvol_nan_sigma": b(3, 0) + d(1e-7, 0.4 * EV, 1e-30) + cov3 + b(1) + d(300, float("nan")),
    "fit_ok": b(4, 1) + b(3) + d(300, 1e-12, 1e-13, 350, 5e-12, 4e-13, 400, 2e-11, 2e-12) + b(0),
    "fit_noerr": b(4, 0) + b(4) + d(300, 1e-12, 0, 350, 5e-12, 0, 400, 2e-11, 0, 450, 6e-11, 0) + b(1),
    "fit_sameT": b(4, 1) + b(3) + d(300, 1e-12, 1e-13, 300, 5e-12, 4e-13, 300, 2e-11, 2e-12) + b(0),
    "fit_one": b(4, 1) + b(1) + d(300, 1e-12, 1e-13) + b(0),
    "fit_badmode": b(4, 1) + b(3) + d(300, 1e-12, 1e-13, 350, 5e-12, 4e-13, 400, 2e-11, 2e-12) + b(2),
    "units_lj": b(5, 0) + d(3.4e-10, 1.65e-21, 6.6e-26) + b(1),
    "units_bad": b(5, 0) + d(0, 1, 1) + b(3),
    "empty": b(),
    "one_byte": b(2),
}
for name, blob in seeds.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(blob)
print(f"wrote {len(seeds)} seeds to {OUT}")

#!/usr/bin/python3
"""Figures of the battery pipeline (examples/demo/battery_pipeline) with matplotlib.

Usage: /usr/bin/python3 examples/demo/plot_pipeline.py OUT_DIR [REPO_ROOT]

Reads OUT_DIR/{ocv_law,hull,diffusivity,md_diffusivity,discharge}.csv written by battery_pipeline and the
measured graphite OCP of C.-H. Chen et al., J. Electrochem. Soc. 167, 080534 (2020)
(REPO_ROOT/tests/data/battery_ocv/), and writes OUT_DIR/{ocv,diffusivity,discharge}.png:
  ocv.png          the plateau OCV law from the convex hull against the measured OCP;
  diffusivity.png  the MD diffusivities at four temperatures and the Arrhenius law fitted to
                   them, with its 1-sigma band (first-order propagated from the fit's
                   covariance; log-normal: D exp(+-sd(ln D)));
  discharge.png    voltage against capacity of the single-particle model at 1C, with the OCV
                   at the particle's mean composition.
Needs Debian's python3-matplotlib and python3-numpy.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def read_csv(path):
    data = np.genfromtxt(path, delimiter=",", names=True, comments="#")
    return data


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    root = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..")
    written = []

    ocv = read_csv(os.path.join(out, "ocv_law.csv"))
    meas = np.loadtxt(os.path.join(root, "tests", "data", "battery_ocv",
                                   "graphite_LGM50_ocp_Chen2020.csv"), delimiter=",",
                      comments="#")
    hull = read_csv(os.path.join(out, "hull.csv"))
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    ax.plot(meas[:, 0], meas[:, 1], ".", ms=3, color="0.5",
            label="measured, LG M50 graphite (Chen et al. 2020)")
    ax.plot(ocv["x"], ocv["V"], "-", color="C0", label="OCV law from the convex hull")
    ax.set_xlabel("x in Li$_x$C$_6$")
    ax.set_ylabel("OCV (V vs Li/Li$^+$)")
    ax.set_ylim(0, 0.6)
    ax.legend(fontsize=8)
    stable = hull["e_above_hull_meV_per_atom"] <= 1e-9
    bx.plot(hull["y"], hull["G_eV"], "o", mfc="none", color="C1", label="entries")
    bx.plot(hull["y"][stable], hull["G_eV"][stable], "-o", color="C0", label="convex hull")
    bx.set_xlabel("y in Li$_y$C$_6$")
    bx.set_ylabel("formation energy (eV per C$_6$)")
    bx.legend(fontsize=8)
    fig.tight_layout()
    p = os.path.join(out, "ocv.png")
    fig.savefig(p, dpi=120)
    written.append(p)
    plt.close(fig)

    d = read_csv(os.path.join(out, "diffusivity.csv"))
    fig, ax = plt.subplots(figsize=(5, 4))
    rel = d["D_sd_m2_s"] / d["D_m2_s"]
    ax.fill_between(1000.0 / d["T_K"], d["D_m2_s"] * np.exp(-rel), d["D_m2_s"] * np.exp(rel),
                    color="C0", alpha=0.25, label="1$\\sigma$ band")
    ax.semilogy(1000.0 / d["T_K"], d["D_m2_s"], "-", color="C0", label="Arrhenius fit")
    md = read_csv(os.path.join(out, "md_diffusivity.csv"))
    ax.errorbar(1000.0 / md["T_K"], md["D_m2_s"], yerr=md["D_sd_m2_s"], fmt="o", color="C1",
                ms=4, capsize=3, label="MD (Einstein, block errors)")
    ax.set_xlabel("1000 / T (1/K)")
    ax.set_ylabel("D (m$^2$/s)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    p = os.path.join(out, "diffusivity.png")
    fig.savefig(p, dpi=120)
    written.append(p)
    plt.close(fig)

    dis = read_csv(os.path.join(out, "discharge.csv"))
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(dis["capacity_mAh_per_g"], dis["V"], "-", color="C3", label="1C, SPM")
    ax.plot(dis["capacity_mAh_per_g"], dis["U"], "--", color="0.4",
            label="OCV at the particle surface")
    ax.set_xlabel("capacity (mAh/g graphite)")
    ax.set_ylabel("electrode potential (V vs Li/Li$^+$)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    p = os.path.join(out, "discharge.png")
    fig.savefig(p, dpi=120)
    written.append(p)
    plt.close(fig)
    for p in written:
        print("      plot: " + p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

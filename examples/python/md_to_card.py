#!/usr/bin/python3
"""From LAMMPS trajectories at four temperatures to an Arrhenius law card, a Nernst-Einstein
conductivity and a figure: the Python scripter's tutorial (docs/tutorials/python_scripter.md).

Usage: /usr/bin/python3 examples/python/md_to_card.py [OUT_DIR]
Needs the library (MSBRIDGE_LIBRARY=/path/to/libmsbridge.so, or an installed package) and
bindings/python on PYTHONPATH; matplotlib (Debian python3-matplotlib) for the figure.
"""
import os
import sys

import numpy as np

import msbridge as msb

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "..", "demo", "data", "md")

# Reduced LJ units mapped explicitly onto a Li-like particle (examples/demo/data/md/README.md)
SIGMA, EPS, MASS = 2.5e-10, 300.0 * msb.K_B, 6.94 * 1.66053906660e-27


def main(out):
    os.makedirs(out, exist_ok=True)
    T, D, Dsd = [], [], []
    for Tstar in ("0.8", "1.0", "1.25", "1.6"):
        traj = msb.Trajectory.from_lammps(os.path.join(MD, f"lj_T{Tstar}.dump"), "lj", 0.005,
                                          lj=(SIGMA, EPS, MASS))
        est = msb.einstein_fit(traj, remove_com=True, n_blocks=5)
        d, s = est["D"]
        T.append(float(Tstar) * EPS / msb.K_B)
        D.append(d)
        Dsd.append(s)
        print(f"T = {T[-1]:5.0f} K  D = {d:.3e} +- {s:.1e} m^2/s")
    fit, law = msb.arrhenius_fit(T, D, Dsd)
    Ea, Ea_sd = fit["Ea_eV"]
    print(f"E_a = {Ea:.4f} +- {Ea_sd:.4f} eV over {min(T):.0f}-{max(T):.0f} K")
    card = os.path.join(out, "D_md.json")
    msb.write_card(law, card, created_by="examples/python/md_to_card.py")
    back = msb.read_card(card)
    assert back.eval(300.0) == law.eval(300.0)  # cards round-trip bitwise
    sigma = msb.nernst_einstein([law], n=[1e27], z=[1])
    s300, s300_sd = (float(np.ravel(v)[0]) for v in sigma.eval_uq(300.0))
    print(f"sigma(300 K) = {s300:.3g} +- {s300_sd:.2g} S/m; card: {card}")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return 0
    Tg = np.linspace(220, 500, 60)
    y, ys = law.eval_uq(Tg)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.fill_between(1000 / Tg, y * np.exp(-ys / y), y * np.exp(ys / y), alpha=0.3)
    ax.semilogy(1000 / Tg, y, label="Arrhenius fit")
    ax.errorbar(1000 / np.array(T), D, yerr=Dsd, fmt="o", label="MD")
    ax.set_xlabel("1000 / T (1/K)")
    ax.set_ylabel("D (m$^2$/s)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "D_md.png"), dpi=100)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "out_python"))

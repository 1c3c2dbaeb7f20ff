#!/usr/bin/python3
"""Regenerate the fuzz_card seeds for the families beyond the rate laws (nested part cards,
array constants): one valid card per kind, plus a truncated and a misnamed-part variant of the
nested ones. Usage (from the repository root, after a build):
    MSBRIDGE_LIBRARY=build/libmsbridge.so PYTHONPATH=bindings/python \
        /usr/bin/python3 tests/fuzz/make_card_seeds.py tests/fuzz/corpus/fuzz_card
"""
import os
import sys

import msbridge as msb

EV = msb.EV


def laws():
    inner = msb.arrhenius(3e9, 0.05 * EV, output=("sigma", "Pa"))
    outer = msb.activation_volume(1e-7, 0.6 * EV, 2e-30)
    chain = msb.compose(outer, 1, inner)
    kap = msb.kapitza(1e-9, 1e-22)
    ka = msb.arrhenius(1e13, 0.5 * EV, output=("k", "1/s"))
    kd = msb.arrhenius(1e13, 0.9 * EV, output=("k", "1/s"))
    fe = msb.free_energy_rk(-0.3 * EV, [0.1 * EV, 0.01 * EV])
    D1 = msb.arrhenius(1e-7, 0.3 * EV)
    D2 = msb.arrhenius(2e-8, 0.25 * EV)
    sig = msb.nernst_einstein([D1, D2], [1e28, 1e28], [1, -1])
    x = [0.05 + 0.09 * i for i in range(11)]
    mu = [0.025 * i * EV for i in range(11)]
    mt = msb.mu_table(x, mu, 300.0)
    return {
        "composed": chain,
        "kapitza": kap,
        "langmuir": msb.langmuir(-0.4 * EV, -1e-22),
        "langmuir_rates": msb.langmuir_from_rates(ka, kd),
        "langmuir_competitive": msb.langmuir_competitive([-0.3 * EV, -0.2 * EV], [-1e-22, -1e-22]),
        "free_energy_rk": fe,
        "ocv_free_energy": msb.ocv_free_energy(fe, 280.0, 320.0),
        "ocv_plateau": msb.ocv_plateau([0.0, 0.4, 1.0], [3.9, 3.4], 0.01),
        "ocv_table": msb.ocv_table([0.1, 0.4, 0.7, 0.9], [4.1, 3.9, 3.7, 3.5], [1e-4, 0, -1e-4, 0]),
        "cohesive_bilinear": msb.cohesive_bilinear(2.5, 3e9, 1e-10),
        "voltage_pressure": msb.voltage_pressure(3.7, 5e-6, 1e5, 1.0),
        "nernst_einstein": sig,
        "layer_resistance": msb.sei_resistance(sig, 2e-8),
        "darken": msb.darken(D1, mt),
    }


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, law in laws().items():
        text = msb.card_string(law)
        with open(os.path.join(out, "fam_" + name), "w") as f:
            f.write(text)
        if '"parts"' in text:
            with open(os.path.join(out, "fam_" + name + "_trunc"), "w") as f:
                f.write(text[: len(text) * 2 // 3])
            k = text.index('"parts": {\n    "') + len('"parts": {\n    "')
            with open(os.path.join(out, "fam_" + name + "_badpart"), "w") as f:
                f.write(text[:k] + "x" + text[k:])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/fuzz/corpus/fuzz_card")

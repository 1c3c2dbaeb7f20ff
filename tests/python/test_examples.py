"""The Python tutorial script (examples/python/md_to_card.py) runs end to end, writes its card
and figure, and its Arrhenius law agrees with an independent peer: numpy's weighted polynomial
fit of ln D against 1/(k_B T) on the four (T, D, sd) points the script printed (weights D/sd,
the first-order sd of ln D). The printed D have 4 significant digits (relative rounding
<= 5e-4, so ln D moves by <= 5e-4 and E_a = d ln D / d(1/k_B T) over 1/k_B T spanning 24.2 /eV
by <= 4e-5 eV; E_a is printed to 1e-4 eV): tolerance 1e-4 eV on E_a and 5e-3 relative on
D(300 K) read back from the card."""
import os
import re
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("MSB_SOURCE_DIR", os.path.abspath(os.path.join(HERE, "..", "..")))
K_B, EV = 1.380649e-23, 1.602176634e-19


def test_md_to_card_script(tmp_path):
    script = os.path.join(SRC, "examples", "python", "md_to_card.py")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(SRC, "bindings", "python")
    out = subprocess.run([sys.executable, script, str(tmp_path)], env=env, check=True,
                         capture_output=True, text=True).stdout
    rows = re.findall(r"T =\s*([\d.]+) K\s+D = ([\d.e+-]+) \+- ([\d.e+-]+)", out)
    assert len(rows) == 4
    T, D, sd = (np.array([float(r[k]) for r in rows]) for k in range(3))
    slope, intercept = np.polyfit(1.0 / (K_B * T), np.log(D), 1, w=D / sd)
    Ea_ref = -slope / EV
    m = re.search(r"E_a = ([\d.]+) \+- ([\d.]+) eV", out)
    assert m
    assert float(m.group(1)) == pytest.approx(Ea_ref, rel=0, abs=1e-4)
    import msbridge as msb
    law = msb.read_card(os.path.join(tmp_path, "D_md.json"))
    D300 = float(np.ravel(law.eval(300.0))[0])
    assert D300 == pytest.approx(np.exp(intercept + slope / (K_B * 300.0)), rel=5e-3)
    assert os.path.getsize(os.path.join(tmp_path, "D_md.png")) > 0

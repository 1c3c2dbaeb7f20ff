"""Python binding: loader, status constants against the C header, errors, handle lifetime."""
import os
import re

import numpy as np
import pytest

import msbridge as msb

SRC = os.environ.get("MSB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def test_status_constants_match_the_c_list():
    # The single list is the X-macro in include/msbridge/status.h.
    text = open(os.path.join(SRC, "include", "msbridge", "status.h")).read()
    pairs = re.findall(r"X\((MSB_\w+), (\d+),", text)
    assert len(pairs) >= 19
    for name, value in pairs:
        assert msb.STATUS[name] == int(value)
        assert getattr(msb, name) == int(value)


def test_fortran_constants_match_the_c_list():
    text = open(os.path.join(SRC, "include", "msbridge", "status.h")).read()
    pairs = dict(re.findall(r"X\((MSB_\w+), (\d+),", text))
    ftext = open(os.path.join(SRC, "bindings", "fortran", "msbridge_core.f90")).read()
    fpairs = dict(re.findall(r"(MSB_E[A-Z]+|MSB_SUCCESS) = (\d+)\b", ftext))
    fpairs.pop("MSB_EV", None)
    assert fpairs == pairs


def test_version_matches_cmake():
    text = open(os.path.join(SRC, "CMakeLists.txt")).read()
    major, minor, patch = map(int, re.search(r"project\(msbridge VERSION (\d+)\.(\d+)\.(\d+)",
                                             text).groups())
    number, string = msb.version()
    assert number == major * 10000 + minor * 100 + patch
    assert string == f"{major}.{minor}.{patch}"


def test_constants_exact():
    assert msb.K_B == 1.380649e-23 and msb.H == 6.62607015e-34
    assert msb.E == 1.602176634e-19 and msb.N_A == 6.02214076e23
    assert msb.F == pytest.approx(msb.N_A * msb.E, rel=2.3e-16)
    assert msb.R == pytest.approx(msb.N_A * msb.K_B, rel=2.3e-16)


def test_error_carries_status_and_message():
    with pytest.raises(msb.MsbError) as info:
        msb.arrhenius(-1.0, 0.3 * msb.EV)
    assert info.value.status == msb.MSB_EDOM
    assert info.value.name == "MSB_EDOM"
    assert "D0" in info.value.message
    law = msb.arrhenius(1e-7, 0.3 * msb.EV)
    with pytest.raises(msb.MsbError) as info:
        law.eval([300.0, -5.0])
    assert info.value.status == msb.MSB_EDOM
    assert "point 1" in info.value.message
    with pytest.raises(msb.MsbError) as info:
        law.eval([np.nan])
    assert info.value.status == msb.MSB_ENONFINITE


def test_handle_lifetime_and_context_manager():
    with msb.eyring(0.5 * msb.EV) as law:
        assert law.kind == "tst_eyring"
        assert law.inputs == [("T", "K", "positive")]
        assert law.outputs == [("k", "1/s")]
    with pytest.raises(ValueError):
        law.eval(300.0)
    law.close()  # idempotent
    assert "closed" in repr(law)


def test_shapes():
    law = msb.activation_volume(1e-7, 0.4 * msb.EV, 1e-30)
    x = np.array([[300.0, 0.0], [350.0, 1e9], [400.0, -1e9]])
    y, d = law.eval(x, derivatives=True)
    assert y.shape == (3,) and d.shape == (3, 2)
    y1 = law.eval([300.0, 0.0])
    assert y1.shape == (1,) and y1[0] == y[0]
    with pytest.raises(ValueError):
        law.eval(np.ones((3, 3)))
    y2, g = law.eval_dparams(x)
    assert g.shape == (3, 3)
    np.testing.assert_array_equal(y2, y)

"""Free-energy, OCV and Langmuir laws from Python against independent peers: scipy root
finding for the regular-solution binodal, scipy's PCHIP for shape preservation, and closed
forms."""
import numpy as np
import pytest
from scipy import optimize

import msbridge as msb


def test_regular_solution_binodal_vs_scipy():
    # Symmetric regular solution: the binodal solves kT ln(x/(1-x)) = Omega (2x - 1), x < 1/2
    # (peer: scipy brentq to 1e-15). Tolerance 1e-9: both solve the same equation to rounding.
    Om, E0 = 0.12 * msb.EV, -0.2 * msb.EV
    fe = msb.free_energy_rk(E0, [Om], mu_ref=0.0)
    for T in (250.0, 400.0, 600.0):
        kT = msb.K_B * T
        xb = optimize.brentq(lambda x: kT * np.log(x / (1 - x)) - Om * (2 * x - 1), 1e-12,
                             0.5 - 1e-9, xtol=1e-15)
        gaps = msb.free_energy_binodals(fe, T)
        assert len(gaps) == 1
        assert gaps[0][0] == pytest.approx(xb, abs=1e-9)
        assert gaps[0][1] == pytest.approx(1 - xb, abs=1e-9)
        assert gaps[0][2] == pytest.approx(E0, abs=1e-9 * abs(E0))
    # Theta closed form; the issue-3 Darken law reads the outputs by name
    y = np.asarray(fe.eval([[0.2, 600.0]])).reshape(-1)
    assert fe.outputs[1][0] == "Theta"
    assert y[1] == pytest.approx(1 / 0.8 - 2 * Om * 0.2 / (msb.K_B * 600), rel=1e-13)


def test_ocv_table_no_overshoot_vs_pchip():
    # Step-like data (the PyBaMM complaint): a plain cubic spline overshoots, the monotone law
    # stays inside each interval's range; both it and scipy's PCHIP pass through the nodes.
    from scipy.interpolate import CubicSpline, PchipInterpolator
    x = np.array([0.0, 0.1, 0.2, 0.3, 0.31, 0.32, 0.5, 0.7, 0.9, 1.0])
    V = np.array([1.0, 0.5, 0.25, 0.24, 0.14, 0.13, 0.12, 0.09, 0.088, 0.05])
    law = msb.ocv_table(x, V)
    xs = np.linspace(0, 1, 2001)
    pts = np.column_stack([xs, np.full_like(xs, 298.15)])
    v = law.eval(pts)
    assert np.all(np.diff(v) <= 1e-15)  # monotone like the data
    assert CubicSpline(x, V)(xs).max() > V.max() or np.any(np.diff(CubicSpline(x, V)(xs)) > 0)
    np.testing.assert_allclose(law.eval(np.column_stack([x, np.full_like(x, 300.0)])), V,
                               rtol=0, atol=1e-15)
    np.testing.assert_allclose(PchipInterpolator(x, V)(x), V, atol=1e-15)


def test_langmuir_closed_forms_and_rates():
    dH, dS, T = -0.5 * msb.EV, -10 * msb.K_B, 500.0
    K = np.exp(-(dH - T * dS) / (msb.K_B * T)) / 1e5
    law = msb.langmuir(dH, dS)
    P = np.array([1.0, 1e3, 1e6])
    th = law.eval(np.column_stack([P, np.full(3, T)]))
    np.testing.assert_allclose(th, K * P / (1 + K * P), rtol=1e-14)
    np.testing.assert_allclose(msb.langmuir_pressure(law, th, T), P, rtol=1e-12)
    ka = msb.eyring(0.1 * msb.EV, -4 * msb.K_B)
    kd = msb.eyring(0.6 * msb.EV, 6 * msb.K_B)
    lr = msb.langmuir_from_rates(ka, kd)
    lt = msb.langmuir(-0.5 * msb.EV, -10 * msb.K_B)
    pts = np.column_stack([P, np.full(3, T)])
    np.testing.assert_allclose(lr.eval(pts), lt.eval(pts), rtol=1e-13)


def test_bad_tables():
    with pytest.raises(msb.MsbError) as e:
        msb.ocv_table([0.1, 0.2, 0.3], [0.3, 0.35, 0.1])
    assert e.value.status == msb.MSB_EINVAL and "monotone" in str(e.value)
    with pytest.raises(msb.MsbError) as e:
        msb.ocv_table([0.1], [0.3])
    assert e.value.status == msb.MSB_ESIZE
    with pytest.raises(msb.MsbError) as e:
        msb.free_energy_rk_fit([0.1, 0.2, 0.3], [300] * 3, [0, np.nan, 0], 1)
    assert e.value.status == msb.MSB_ENONFINITE


def test_F_table_to_common_tangent_ocv():
    # The lattice-Monte-Carlo path: an F(x, T) table (here the regular solution written with
    # numpy, Omega = 0.1 eV, E0 = -0.15 eV, at 3 temperatures) -> fitted free-energy law ->
    # common-tangent OCV. Peer for the binodal: scipy brentq on kT ln(x/(1-x)) = Omega (2x-1).
    Om, E0 = 0.1 * msb.EV, -0.15 * msb.EV
    x = np.tile(np.linspace(0.02, 0.98, 49), 3)
    T = np.repeat([300.0, 350.0, 400.0], 49)
    F = E0 * x + msb.K_B * T * (x * np.log(x) + (1 - x) * np.log1p(-x)) + Om * x * (1 - x)
    est, fe = msb.free_energy_rk_fit(x, T, F, 1, kind="F", mu_ref=0.0)
    assert est["A"][0] == pytest.approx(Om, rel=1e-9)
    ocv = msb.ocv_free_energy(fe, 250.0, 450.0)
    for Tq in (300.0, 375.0):
        kT = msb.K_B * Tq
        xb = optimize.brentq(lambda v: kT * np.log(v / (1 - v)) - Om * (2 * v - 1), 1e-12,
                             0.5 - 1e-9, xtol=1e-15)
        gaps = msb.free_energy_binodals(fe, Tq)
        assert gaps[0][0] == pytest.approx(xb, abs=1e-8)
        # flat OCV across the gap at -(mu(0.5) - mu_ref)/e = -E0/e (1e-8 V: fit rounding)
        v = ocv.eval(np.array([[0.3, Tq], [0.5, Tq], [0.7, Tq]]))
        np.testing.assert_allclose(v, -E0 / msb.E, atol=1e-8)

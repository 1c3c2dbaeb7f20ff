"""Rate laws and the Arrhenius fit from Python, against closed forms and numpy as a peer."""
import numpy as np
import pytest

import msbridge as msb


def test_eyring_closed_form():
    # (k_B T/h) exp(-0.5 eV/(k_B T)) at 300 K, 40-digit arithmetic: 24906.8152356005865 1/s
    law = msb.eyring(0.5 * msb.EV)
    assert law.eval(300.0)[0] == pytest.approx(24906.81523560058651, rel=1e-12)


def test_vineyard_two_mode():
    # nu* = nu1 nu2 / nu_s = 5 THz * 8 THz / 2 THz = 20 THz
    assert msb.vineyard_prefactor([5e12, 8e12], [2e12]) == pytest.approx(2e13, rel=5e-15)
    law = msb.vineyard([5e12, 8e12], [2e12], 0.25 * msb.EV)
    T = np.array([250.0, 300.0, 600.0])
    np.testing.assert_allclose(law.eval(T), 2e13 * np.exp(-0.25 * msb.EV / (msb.K_B * T)),
                               rtol=5e-15)


def test_uncertainty_of_log_linear_law():
    cov = np.array([[0.04, -1e-22], [-1e-22, (0.02 * msb.EV) ** 2]])
    law = msb.arrhenius(1e-8, 0.3 * msb.EV, cov=cov)
    T = np.linspace(250, 400, 7)
    y, s = law.eval_uq(T)
    u = 1 / (msb.K_B * T)
    sd_ln = np.sqrt(cov[0, 0] - 2 * cov[0, 1] * u + cov[1, 1] * u ** 2)
    np.testing.assert_allclose(s / y, sd_ln, rtol=1e-12)


def test_fit_against_numpy_polyfit():
    """Peer: numpy.polyfit of ln D against u = 1/(k_B T) with weights 1/sigma and
    cov='unscaled' is the same weighted least-squares problem solved independently."""
    rng = np.random.default_rng(5)
    T = np.linspace(260, 480, 9)
    D = 2e-7 * np.exp(-0.41 * msb.EV / (msb.K_B * T)) * np.exp(0.07 * rng.standard_normal(9))
    sd = 0.07 * D
    est, law = msb.arrhenius_fit(T, D, sd)
    u = 1 / (msb.K_B * T)
    coef, cov = np.polyfit(u, np.log(D), 1, w=1 / 0.07 * np.ones(9), cov="unscaled")
    # coef = [slope, intercept] = [-Ea, ln D0]
    assert est["Ea"][0] == pytest.approx(-coef[0], rel=1e-9)
    assert est["ln_D0"][0] == pytest.approx(coef[1], rel=1e-9)
    assert est["Ea"][1] == pytest.approx(np.sqrt(cov[0, 0]), rel=1e-7)
    assert est["ln_D0"][1] == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-7)
    c, _ = est["cov"]
    assert c[1] == pytest.approx(-cov[0, 1], rel=1e-7)
    assert law.validity() == [(260.0, 480.0)]
    assert law.count_outside([250.0, 300.0, 500.0]) == 2
    d = est.as_dict()
    assert d["Ea"]["unit"] == "J" and d["T_max"]["value"] == 480.0
    # scaled covariance in relative mode: polyfit's default cov (scaled by chi2/dof) — numpy
    # scales by chi2/(n - 2) when cov=True
    est2, _ = msb.arrhenius_fit(T, D, sd, relative=True)
    _, cov2 = np.polyfit(u, np.log(D), 1, w=1 / 0.07 * np.ones(9), cov=True)
    assert est2["Ea"][1] == pytest.approx(np.sqrt(cov2[0, 0]), rel=1e-7)


def test_with_params_monte_carlo_matches_first_order_on_log():
    cov = np.array([[0.01, 0.0], [0.0, (0.01 * msb.EV) ** 2]])
    law = msb.arrhenius(1e-8, 0.3 * msb.EV, cov=cov)
    rng = np.random.default_rng(1)
    samples = rng.multivariate_normal(law.params, cov, size=4000)
    lnD = np.array([np.log(law.eval_with_params(p, 300.0)[0]) for p in samples])
    y, s = law.eval_uq(300.0)
    # ln D is linear in the parameters, so MC sd of ln D equals s/y up to sampling error
    # (relative sd of a sample sd with 4000 draws: 1/sqrt(2*3999) = 1.1 %; allow 4 %).
    assert np.std(lnD, ddof=1) == pytest.approx(s[0] / y[0], rel=0.04)

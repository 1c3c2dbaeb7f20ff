"""Tables, Green-Kubo and Kapitza from Python. Peers: numpy.loadtxt (the reader), numpy's FFT
and a direct sum (the correlation), the published sportran value for Silica.dat (Ercole,
Marcolongo, Baroni, Sci. Rep. 7, 15835 (2017): 2.205 +- 0.215 W/(m K)), and the CLI."""
import json
import os
import subprocess

import numpy as np
import pytest

import msbridge as msb

SRC = os.environ.get("MSB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("MSB_BUILD_DIR", os.path.join(SRC, "build"))
SILICA = os.path.join(SRC, "tests", "data", "sportran", "Silica.dat")
V_A3 = 3130.431110818
EV_A_PS = 1.602176634e-19 * 1e-10 / 1e-12   # eV A/ps in J m/s


def test_table_matches_numpy_loadtxt():
    t = msb.read_table(SILICA, msb.thermal.HEADER)
    ref = np.loadtxt(SILICA, skiprows=6)   # 5 comment lines and the header line
    assert t.names == ["Temp", "c_flux1[1]", "c_flux1[2]", "c_flux1[3]"]
    assert t.nrows == ref.shape[0] and t.ncols == 4
    # both parsers are correctly rounded: bitwise equal
    assert np.array_equal(t.to_array(), ref.T)
    assert np.array_equal(t["c_flux1[2]"], ref[:, 2])


def test_table_errors():
    with pytest.raises(msb.MsbError) as e:
        msb.parse_table("1 2\n3 nan\n", name="x.dat")
    assert e.value.name == "MSB_EFORMAT" and "x.dat:2" in str(e.value)
    with pytest.raises(msb.MsbError) as e:
        msb.parse_table("1 2\n3 4 5\n", name="x.dat")
    assert "x.dat:2" in str(e.value)


def test_acf_against_numpy():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 5000))
    acf, sd = msb.gk_acf(x, 200)
    n = x.shape[1]
    f = np.fft.rfft(x, 2 * n)
    c = np.fft.irfft(np.abs(f) ** 2)[:, :200] / (n - np.arange(200))
    np.testing.assert_allclose(acf, c.mean(0), atol=1e-12)
    np.testing.assert_allclose(sd, c.std(0, ddof=1) / np.sqrt(3), atol=1e-12)
    direct = np.mean([np.dot(x[k, :n - 7], x[k, 7:]) / (n - 7) for k in range(3)])
    assert acf[7] == pytest.approx(direct, abs=1e-12)


def _silica():
    d = np.loadtxt(SILICA, skiprows=6)[:100000]
    return d[:, 1:].T * EV_A_PS, d[:, 0].mean()


def test_silica_cepstral_published():
    x, T = _silica()
    est = msb.gk_cepstral(x, 1e-15, V_A3 * 1e-30, T, kind="jv", f_star=500e12 / 18)
    k, s = est["kappa"]
    assert abs(k - 2.205099) <= np.hypot(s, 0.215248)
    assert est["P_star"][0] == 34


def test_cli_gk_json():
    exe = os.path.join(BUILD, "tools", "msbridge", "msbridge")
    if not os.path.exists(exe):
        pytest.skip("CLI not built")
    out = subprocess.run([exe, "gk", SILICA, "--header", "--units", "metal", "--dt", "0.001",
                          "--volume", str(V_A3), "--temperature-column", "Temp",
                          "--fstar", str(500 / 18), "--json"],
                         capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    assert r["kind"] == "green_kubo_cepstral"
    k, s = r["results"]["kappa"]["value"], r["results"]["kappa"]["std"]
    assert abs(k - 2.205099) <= np.hypot(s, 0.215248)
    bad = subprocess.run([exe, "gk", SILICA, "--header", "--units", "metal", "--dt", "0.001",
                          "--volume", "-1", "--temperature", "300"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "volume" in bad.stderr


def test_gk_bad_input():
    x = np.random.default_rng(1).standard_normal((3, 500))
    for kwargs, code in [(dict(dt=1e-15, geom=1e-27, T=0.0), "MSB_EDOM"),
                         (dict(dt=1e-15, geom=-1.0, T=300.0), "MSB_EDOM"),
                         (dict(dt=1e-15, geom=1e-27, T=float("nan")), "MSB_ENONFINITE")]:
        with pytest.raises(msb.MsbError) as e:
            msb.gk_running(x, **kwargs)
        assert e.value.name == code
    with pytest.raises(msb.MsbError) as e:
        msb.gk_cepstral(x[:, :20], 1e-15, 1e-27, 300.0)
    assert e.value.name == "MSB_EINSUFFICIENT"


def test_kapitza():
    R, s = msb.kapitza_resistance(4e8, 4e7)
    assert R == pytest.approx(2.5e-9, rel=1e-15) and s == pytest.approx(2.5e-10, rel=1e-15)
    law = msb.kapitza_from_conductance(4e8, 4e7)
    q = np.array([1e8, -2e9])
    np.testing.assert_allclose(law.eval(q), q * 2.5e-9, rtol=1e-15)
    y, sd = law.eval_uq(q)
    np.testing.assert_allclose(sd, np.abs(q) * 2.5e-10, rtol=1e-12)
    lin = msb.kapitza_linear(2e-9, 1e-12, 300.0)
    assert lin.eval([[1e8, 400.0]])[0] == pytest.approx(1e8 * (2e-9 + 1e-10), rel=1e-14)


def test_nacl_multicomponent_published():
    """Molten NaCl (tests/data/sportran/NaCl.dat), energy flux + Na centre-of-mass velocity,
    against sportran's published multi-component analysis of the same file and f*
    (sissaschool/sportran examples/04_cmdline_example_NaCl/output_ref.log; Bertossa et al.,
    PRL 122, 255901 (2019)): 0.498310 +- 0.028018 W/(m K). Agreement within the combined sd."""
    d = np.loadtxt(os.path.join(SRC, "tests", "data", "sportran", "NaCl.dat"), skiprows=7)
    x = np.stack([d[:, 1:4].T * EV_A_PS, d[:, 4:7].T])      # (2 fluxes, 3 components, n)
    est = msb.gk_cepstral_multi(x, 5e-15, 65013.301261e-30, d[:, 0].mean(), kind="jv",
                                f_star=100e12 / 7)
    k, s = est["kappa"]
    assert abs(k - 0.498310) <= np.hypot(s, 0.028018)
    assert est["dof"][0] == 2 and est["n_freq"][0] == 1429
    with pytest.raises(msb.MsbError) as e:
        msb.gk_cepstral_multi(x[:, :1], 5e-15, 65013.301261e-30, 1400.0)   # ncomp < nflux
    assert e.value.name == "MSB_ESIZE"


def test_cli_gk_mass_columns():
    """CLI multi-component path on NaCl.dat against the published value (as above)."""
    exe = os.path.join(BUILD, "tools", "msbridge", "msbridge")
    if not os.path.exists(exe):
        pytest.skip("CLI not built")
    nacl = os.path.join(SRC, "tests", "data", "sportran", "NaCl.dat")
    out = subprocess.run([exe, "gk", nacl, "--header", "--units", "metal", "--dt", "0.005",
                          "--volume", "65013.301261", "--temperature-column", "Temp",
                          "--columns", "2,3,4", "--mass-columns", "5,6,7",
                          "--fstar", str(100 / 7), "--json"],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)["results"]
    assert abs(r["kappa"]["value"] - 0.498310) <= np.hypot(r["kappa"]["std"], 0.028018)
    bad = subprocess.run([exe, "gk", nacl, "--header", "--units", "metal", "--dt", "0.005",
                          "--volume", "65013.301261", "--temperature-column", "Temp",
                          "--columns", "2,3,4", "--mass-columns", "5,6"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "multiple" in bad.stderr

"""Lattice engines from Python, with numpy as the peer: the ideal lattice gas
x = 1/(1 + exp(-(mu - e)/kT)) (Hill, Statistical Thermodynamics, ch. 7), exact recovery of
cluster interactions compared with numpy.linalg.lstsq on the same correlation matrix, the
pair correlation computed by numpy.roll, the lattice-gas D_J closed form, cancellation, and the
CLI's file:line errors."""
import os
import subprocess

import numpy as np
import pytest

import msbridge as msb


def test_shells_and_numpy_pair_correlation():
    lat = msb.Lattice("square", 3e-10, (8, 8), nshells=2)
    assert lat.nsites == 64
    d, z = lat.shell(1)
    assert d == pytest.approx(np.sqrt(2) * 3e-10, rel=1e-12) and z == 4
    rng = np.random.default_rng(3)
    occ = (rng.random((5, 64)) < 0.4).astype(np.uint8)
    X = msb.ce_correlations(lat, occ, npair=2)
    s = 2.0 * occ.reshape(5, 8, 8) - 1  # site index = y * 8 + x
    nn = (s * np.roll(s, 1, axis=2) + s * np.roll(s, 1, axis=1)).sum(axis=(1, 2)) / 128
    np.testing.assert_allclose(X[:, 2], nn, atol=1e-14)
    np.testing.assert_allclose(X[:, 1], s.mean(axis=(1, 2)), atol=1e-14)


def test_ce_fit_matches_numpy_lstsq():
    lat = msb.Lattice("triangular", 3e-10, (6, 6), nshells=2)
    rng = np.random.default_rng(8)
    occ = (rng.random((30, 36)) < rng.random((30, 1))).astype(np.uint8)
    X = msb.ce_correlations(lat, occ, npair=2, ntrip_shells=1)
    J = np.array([-0.4, 0.1, 0.02, -0.005, 0.003]) * msb.EV
    E = X @ J + rng.normal(0, 0.001 * msb.EV, 30)
    fit = msb.ce_fit(X, E)
    eci, sd = fit["eci"]
    ref = np.linalg.lstsq(X, E, rcond=None)[0]
    np.testing.assert_allclose(eci, ref, rtol=1e-9, atol=1e-12 * msb.EV)
    # leave-one-out by explicit refits with numpy
    loo = []
    for k in range(30):
        m = np.arange(30) != k
        b = np.linalg.lstsq(X[m], E[m], rcond=None)[0]
        loo.append(X[k] @ b - E[k])
    assert fit["cv_rmse"][0] == pytest.approx(np.sqrt(np.mean(np.square(loo))), rel=1e-8)
    Ep, Es = msb.ce_predict(fit, X[:3])
    np.testing.assert_allclose(Ep, X[:3] @ ref, rtol=1e-9)


def test_mc_ideal_gas_and_cancel():
    lat = msb.Lattice("square", 3e-10, (12, 12), nshells=1)
    T = 400.0
    kT = msb.K_B * T
    mu = np.linspace(-3, 3, 7) * kT
    est = msb.mc_sgc(lat, T, mu, sweeps=400, equil=50, seed=2)
    x, sx = est["x"]
    xr = 1 / (1 + np.exp(-mu / kT))
    # 4.2 block standard errors per point (< 1e-4 false-alarm rate each)
    assert np.all(np.abs(x - xr) <= 4.2 * sx + 1e-12)
    with pytest.raises(msb.MsbError) as err:
        msb.mc_sgc(lat, T, mu, sweeps=400, progress=lambda done, total: done >= 3)
    assert err.value.name == "MSB_ECANCELLED"


def test_kmc_lattice_gas_DJ():
    lat = msb.Lattice("square", 3e-10, (16, 16), nshells=1)
    T, Eb, nu = 500.0, 0.4 * msb.EV, 1e13
    est = msb.kmc_vacancy(lat, 128, T, Eb, nu=nu, events=60000, equil=5000, replicas=16,
                          theta=2.0, seed=4)
    G = nu * np.exp(-Eb / (msb.K_B * T))
    ref = G * 9e-20 * 128 / 255  # z Gamma a^2 (M - N)/(M - 1) / (2 d)
    DJ, sDJ = est["D_J_scalar"]
    assert abs(DJ - ref) <= 4.5 * sDJ


def test_cli_file_line_errors(tmp_path):
    build = os.environ.get("MSB_BUILD_DIR")
    exe = os.path.join(build, "tools", "msbridge", "msbridge") if build else None
    if not exe or not os.path.exists(exe):
        pytest.skip("CLI not built")
    f = tmp_path / "mc.in"
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nT = 300\nmu_eV = 0\nfoo = 1\n")
    r = subprocess.run([exe, "mc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{f}:6: unknown key 'foo'" in r.stderr
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nT = -3\nmu_eV = 0\n")
    r = subprocess.run([exe, "mc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and "T_K" in r.stderr  # bad input data (docs/cli.md)
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nT = 300\nmu_eV = 0\nsweeps = 32\n")
    r = subprocess.run([exe, "mc", "--json", str(f)], capture_output=True, text=True)
    assert r.returncode == 0 and '"kind": "mc_sgc"' in r.stdout
    g = tmp_path / "kmc.in"
    g.write_text("lattice = fcc\na = 4e-10\nsize = 4 4 4\nT = 600\nx = 1.5\nE_kra_eV = 0.5\n")
    r = subprocess.run([exe, "kmc", str(g)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{g}:5: impossible composition" in r.stderr


def test_kmc_surface_langmuir():
    # Langmuir: theta = K P / (1 + K P), K = k_ads / k_des (closed form, I. Langmuir 1918)
    lat = msb.Lattice("square", 3e-10, (12, 12), nshells=1)
    P = np.array([20.0, 80.0])
    est = msb.kmc_surface(lat, P, 2.0, 100.0, 300.0, 0.0, events=60000, equil=8000, replicas=8,
                          seed=3)
    th, s = est["coverage"]
    ref = 0.02 * P / (1 + 0.02 * P)
    assert np.all(np.abs(th - ref) <= 4.5 * s)


def test_kmc_surface_tof_law_runs_and_evaluates():
    # the returned law reproduces the KMC TOF at a fitted temperature within its uncertainty
    lat = msb.Lattice("square", 3e-10, (10, 10), nshells=1)
    la = msb.arrhenius(4.0, 0.05 * msb.EV, output=("k", "1/(Pa s)"))
    ld = msb.arrhenius(1e4, 0.2 * msb.EV, output=("k", "1/s"))
    lh = msb.arrhenius(5e5, 0.3 * msb.EV, output=("k", "1/s"))
    lr = msb.arrhenius(1e5, 0.3 * msb.EV, output=("k", "1/s"))
    est, law = msb.kmc_surface_tof_law(lat, 20.0, [550.0, 650.0], la, ld, lh, lr,
                                       events=100000, equil=20000, replicas=4, seed=2)
    tof, s = est["tof"]
    assert law.eval(550.0)[0] == pytest.approx(tof[0], abs=4 * s[0])


def test_cli_skmc_langmuir_and_errors(tmp_path):
    # msbridge skmc: coverage against the Langmuir isotherm theta = K P / (1 + K P),
    # K = k_ads / k_des (exact without reaction at any hop rate; I. Langmuir, J. Am. Chem. Soc.
    # 40, 1361 (1918)), within 4.5 replica standard errors (8 replicas: t with 7 dof, < 0.5 %
    # false alarms per point); malformed files give exit code 3 and FILE:LINE messages.
    import json
    build = os.environ.get("MSB_BUILD_DIR")
    exe = os.path.join(build, "tools", "msbridge", "msbridge") if build else None
    if not exe or not os.path.exists(exe):
        pytest.skip("CLI not built")
    f = tmp_path / "skmc.in"
    f.write_text("lattice = square\na = 3e-10\nsize = 12 12\nP = 10 50 200\nk_ads = 2\n"
                 "k_des = 100\nk_hop = 1000\nevents = 30000\nequil = 5000\nseed = 5\n")
    r = subprocess.run([exe, "skmc", "--json", str(f)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["kind"] == "kmc_surface"
    th = np.array(out["results"]["coverage"]["value"])
    s = np.array(out["results"]["coverage"]["std"])
    P = np.array([10.0, 50.0, 200.0])
    assert np.all(np.abs(th - 0.02 * P / (1 + 0.02 * P)) <= 4.5 * s)
    r = subprocess.run([exe, "skmc", str(f)], capture_output=True, text=True)
    assert r.returncode == 0 and "coverage[2]" in r.stdout
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nP = 10\nk_ads = 2\nk_des = -1\n")
    r = subprocess.run([exe, "skmc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{f}:6: k_des = -1 must be >= 0" in r.stderr
    f.write_text("lattice = sc\na = 3e-10\nsize = 4 4 4\nP = 10\nk_ads = 2\nk_des = 1\n")
    r = subprocess.run([exe, "skmc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{f}:1: surface KMC needs a 2-D lattice" in r.stderr
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nP = 10 0\nk_ads = 2\nk_des = 1\n")
    r = subprocess.run([exe, "skmc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{f}:4: pressure P = 0 must be > 0" in r.stderr
    f.write_text("lattice = square\na = 3e-10\nsize = 8 8\nP = 10\nk_ads = 2\nbar = 1\n"
                 "k_des = 1\n")
    r = subprocess.run([exe, "skmc", str(f)], capture_output=True, text=True)
    assert r.returncode == 3 and f"{f}:6: unknown key 'bar'" in r.stderr
    r = subprocess.run([exe, "skmc"], capture_output=True, text=True)
    assert r.returncode == 2


def test_mc_free_energy_ideal_gas_and_ocv():
    # thermodynamic integration of an SGC scan of the non-interacting gas against the closed
    # form F = e x + kT [x ln x + (1-x) ln(1-x)] (Hill 1960), within 4.2 propagated standard
    # errors + 1e-3 kT (trapezoid rule on a 0.4 kT grid); the OCV law of the scan is
    # V = -(mu - mu_ref)/e with mu = e + kT ln(x/(1-x)) (numpy), within 0.05 kT/e.
    lat = msb.Lattice("square", 3e-10, (16, 16), nshells=1)
    T = 400.0
    kT = msb.K_B * T
    e = -0.2 * msb.EV
    mu = e + kT * np.linspace(-5, 5, 41)
    scan = msb.mc_sgc(lat, T, mu, e_point=e, sweeps=800, equil=50, seed=4242)
    est, law = msb.mc_free_energy([scan], m=2)
    x, sx = est["x_table"]
    F, sF = est["F_table"]
    Fr = e * x + kT * (x * np.log(x) + (1 - x) * np.log1p(-x))
    assert np.all(np.abs(F - Fr) <= 4.2 * sF + 1e-3 * kT)
    ocv = msb.mc_ocv(scan, mu_ref=e)
    xs = np.array([0.2, 0.5, 0.8])
    V = ocv.eval(np.column_stack([xs, np.full(3, T)]))
    Vr = -(kT * np.log(xs / (1 - xs))) / msb.E
    assert np.all(np.abs(V - Vr) <= 0.05 * kT / msb.E)


def test_ce_hamiltonian_triplets_python():
    # local flip/exchange energies against differences of full recomputations M sum_a J_a Phi_a
    # from ce_correlations (numpy dot), to rounding (1e-13 of M sum |J|)
    lat = msb.Lattice("triangular", 3e-10, (6, 6), nshells=2)
    rng = np.random.default_rng(7)
    nc = msb.ce_correlations(lat, np.zeros(36), 2, 2).shape[1]
    J = (rng.random(nc) - 0.5) * 0.1 * msb.EV
    ham = msb.CeHamiltonian(lat, J, 2, 2)
    tol = 1e-13 * 36 * np.abs(J).sum()
    full = lambda o: 36 * msb.ce_correlations(lat, o, 2, 2)[0] @ J  # noqa: E731
    for _ in range(5):
        occ = (rng.random(36) < 0.4).astype(np.uint8)
        assert abs(ham.energy(occ) - (full(occ) - full(np.zeros(36)))) <= tol
        i, j = 3, 17
        o2 = occ.copy()
        o2[i] ^= 1
        assert abs(ham.delta(occ, i) - (full(o2) - full(occ))) <= tol
        o3 = occ.copy()
        o3[i], o3[j] = occ[j], occ[i]
        assert abs(ham.delta(occ, i, j) - (full(o3) - full(occ))) <= tol
    est = msb.mc_sgc_ce(ham, 500.0, [0.0], sweeps=32, equil=4)
    assert est.kind == "mc_sgc"

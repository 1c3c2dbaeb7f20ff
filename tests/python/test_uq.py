"""Uncertainty end to end from Python: cards (hashlib as the SHA-256 peer, bitwise round trip,
exported PyBaMM function run with numpy), fusion against a numpy generalized-least-squares peer,
Monte Carlo against the closed-form log-normal moments, validation against scipy.stats, and the
command-line faces `msbridge fuse` / `msbridge card`."""
import hashlib
import importlib.util
import json
import os
import subprocess

import numpy as np
import pytest

import msbridge as msb


def test_sha256_against_hashlib(tmp_path):
    p = tmp_path / "x.bin"
    data = bytes(range(256)) * 1000
    p.write_bytes(data)
    assert msb.sha256_file(p) == hashlib.sha256(data).hexdigest()


def test_card_round_trip_and_pybamm_export(tmp_path):
    cov = np.array([[0.0123, 1e-22], [1e-22, (0.013 * msb.EV) ** 2]])
    law = msb.eyring(0.61 * msb.EV, 1.3e-23, 0.71, 3.3e12, cov=cov)
    src = tmp_path / "input.dat"
    src.write_text("300 1.0\n")
    path = tmp_path / "eyring.json"
    msb.write_card(law, path, inputs=[src], created_by="pytest")
    card = json.loads(path.read_text())
    assert card["kind"] == "tst_eyring"
    assert card["provenance"]["input_files"][0]["sha256"] == hashlib.sha256(b"300 1.0\n").hexdigest()
    back = msb.read_card(path)
    assert back.params.tobytes() == law.params.tobytes()
    assert back.covariance.tobytes() == law.covariance.tobytes()
    T = np.linspace(250, 900, 11)
    assert back.eval(T).tobytes() == law.eval(T).tobytes()
    # the exported function evaluated by numpy on an array
    msb.export_pybamm(law, "k_rate", tmp_path / "k_rate.py")
    spec = importlib.util.spec_from_file_location("k_rate", tmp_path / "k_rate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    # same formula, operations grouped differently: a few ulps in the exponent -> 1e-13
    np.testing.assert_allclose(mod.k_rate(T), law.eval(T), rtol=1e-13)
    with pytest.raises(msb.MsbError) as err:
        msb.card_from_string(path.read_text()[:-40], "cut.json")
    assert err.value.name in ("MSB_ETRUNCATED", "MSB_EFORMAT")
    assert "cut.json:" in err.value.message


def test_fuse_against_numpy_gls():
    """Peer: the marginal model y ~ N(1 mu, diag(s^2) + sum_g tau_g^2 1_g 1_g^T) solved by
    numpy.linalg (dense GLS): mu = (1'V^-1 y)/(1'V^-1 1), var = 1/(1'V^-1 1)."""
    rng = np.random.default_rng(4)
    src = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 3])
    s = rng.uniform(0.1, 0.4, src.size)
    y = 2.0 + rng.normal(0, 0.3, src.size)
    tau = np.array([0.2, 0.0, 0.5, 0.1])
    V = np.diag(s ** 2) + np.array([[tau[a] ** 2 if a == b else 0 for b in src] for a in src])
    one = np.ones(src.size)
    Vi1 = np.linalg.solve(V, one)
    mu = Vi1 @ y / (Vi1 @ one)
    est = msb.fuse(y, s, src, tau)
    m, sd = est["mean"]
    assert m == pytest.approx(mu, rel=1e-12)
    assert sd == pytest.approx(np.sqrt(1 / (Vi1 @ one)), rel=1e-12)


def test_fuse_arrhenius_against_numpy_gls():
    rng = np.random.default_rng(8)
    T = np.array([300, 350, 400, 450, 500, 400, 700.0])
    src = np.array([0, 0, 0, 0, 0, 1, 1])
    tau = [0.3, 0.05]
    D = 1e-7 * np.exp(-0.4 * msb.EV / (msb.K_B * T)) * np.exp(rng.normal(0, 0.05, T.size))
    Ds = 0.05 * D
    est, law = msb.fuse_arrhenius(T, D, Ds, src, tau)
    X = np.column_stack([np.ones(T.size), -1 / (msb.K_B * T)])
    V = np.diag((Ds / D) ** 2) + np.array([[tau[a] ** 2 if a == b else 0 for b in src]
                                          for a in src])
    Xs = X / np.array([1.0, 1e20])  # scale the Ea column for a well-conditioned solve
    A = Xs.T @ np.linalg.solve(V, Xs)
    beta = np.linalg.solve(A, Xs.T @ np.linalg.solve(V, np.log(D))) / np.array([1.0, 1e20])
    assert est["Ea"][0] == pytest.approx(beta[1], rel=1e-9)
    assert est["ln_D0"][0] == pytest.approx(beta[0], rel=1e-10)
    assert law.params[1] == pytest.approx(beta[1], rel=1e-9)
    assert tuple(law.validity()[0]) == (300.0, 700.0)


def test_mc_lognormal_and_seed():
    cov = np.array([[0.09, 0.0], [0.0, (0.01 * msb.EV) ** 2]])
    law = msb.arrhenius(1e-7, 0.5 * msb.EV, cov=cov)
    T = np.array([300.0, 600.0])
    m, s = msb.propagate_mc(law, T, 40000, seed=3)
    m2, _ = msb.propagate_mc(law, T, 40000, seed=3)
    assert m.tobytes() == m2.tobytes()
    u = 1 / (msb.K_B * T)
    mu = np.log(1e-7) - 0.5 * msb.EV * u
    s2 = 0.09 + (0.01 * msb.EV * u) ** 2
    Em = np.exp(mu + s2 / 2)
    Sd = Em * np.sqrt(np.exp(s2) - 1)
    # 5 standard errors of the sample mean
    np.testing.assert_array_less(np.abs(m - Em), 5 * Sd / np.sqrt(40000))


def test_validate_against_scipy():
    stats = pytest.importorskip("scipy.stats")
    est = msb.validate(1.02, 0.1, 1.07, 0.05, k=2)
    z = (1.02 - 1.07) / np.hypot(0.1, 0.05)
    assert est["z"][0] == pytest.approx(z, rel=1e-14)
    assert est["p_value"][0] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-12)
    assert est["agree"][0] == 1.0
    assert "agrees" in msb.validation_report(est, "sigma", "S/m")


def _cli():
    return os.path.join(os.environ.get("MSB_BUILD_DIR", "build"), "tools", "msbridge", "msbridge")


def test_cli_fuse_and_card(tmp_path):
    exe = _cli()
    if not os.path.exists(exe):
        pytest.skip("msbridge CLI not built")
    data = tmp_path / "d.txt"
    data.write_text("300 1.1e-12 1e-13 0\n350 5.2e-12 4e-13 0\n400 1.9e-11 2e-12 0\n"
                    "400 1.5e-11 3e-12 1\n600 4e-10 8e-11 1\n")
    card = tmp_path / "d.json"
    r = subprocess.run([exe, "fuse", "--json", "--arrhenius", "--tau", "0.3,0.05", "--card",
                        str(card), str(data)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    law = msb.read_card(card)
    assert law.params[1] == out["results"]["Ea"]["value"]
    r = subprocess.run([exe, "card", "validate", str(card)], capture_output=True, text=True)
    assert r.returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text(card.read_text().replace('"arrhenius"', '"nonesuch"'))
    r = subprocess.run([exe, "card", "validate", str(bad)], capture_output=True, text=True)
    assert r.returncode == 3 and "nonesuch" in r.stderr and "bad.json:" in r.stderr
    r = subprocess.run([exe, "card", "export", "--pybamm", "D_fn", str(tmp_path / "d_fn.py"),
                        str(card)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([exe, "fuse", "--tau", "-1,0", str(data)], capture_output=True,
                       text=True)
    assert r.returncode != 0


def test_compose_and_validity_inflation(tmp_path):
    # sigma(T) Arrhenius in Pa feeding the stress input of D(T, sigma); closed form reference
    inner = msb.arrhenius(3e9, 0.05 * msb.EV, output=("sigma", "Pa"))
    outer = msb.activation_volume(1e-7, 0.6 * msb.EV, 2e-30)
    chain = msb.compose(outer, 1, inner)
    T = np.array([300.0, 500.0, 900.0])
    sig = 3e9 * np.exp(-0.05 * msb.EV / (msb.K_B * T))
    ref = 1e-7 * np.exp(-(0.6 * msb.EV - 2e-30 * sig) / (msb.K_B * T))
    np.testing.assert_allclose(chain.eval(T), ref, rtol=1e-13)
    # composed laws are cardable (parts as nested cards): the read-back law evaluates bitwise
    msb.write_card(chain, str(tmp_path / "chain.json"))
    back = msb.read_card(str(tmp_path / "chain.json"))
    assert np.array_equal(back.eval(T), chain.eval(T))
    with pytest.raises(msb.MsbError) as err:
        msb.write_card(chain, "/nonexistent/x.json")
    assert err.value.name == "MSB_EIO"
    # inflation outside [400, 600] K: hypot(sd, f |y(x) - y(clamped)|)
    cov = np.array([[0.04, 0.0], [0.0, (0.01 * msb.EV) ** 2]])
    law = msb.arrhenius(1e-7, 0.4 * msb.EV, cov=cov).with_domain([400.0], [600.0])
    y0, s0 = law.eval_uq(T)
    y, s, nout = msb.eval_uq_validity(law, T, 0.5)
    assert nout == 2
    yc = law.eval(np.array([400.0, 500.0, 600.0]))
    np.testing.assert_allclose(s, np.hypot(s0, 0.5 * np.abs(y0 - yc)), rtol=1e-12)


def test_fuse_mcmc_against_numpy_quadrature():
    """Per-source discrepancy scales (two inferred, one given). Peer: a 2-D midpoint quadrature
    of p(tau_0, tau_1 | y) written with numpy from the dense marginal model y ~ N(1 mu, V)
    (V = diag(s^2) + sum_g tau_g^2 1_g 1_g^T, restricted likelihood |V|^-1/2 |1'V^-1 1|^-1/2
    exp(-r'V^-1 r / 2), numpy.linalg.slogdet/solve) under half-Cauchy(A) priors (uniform in
    theta = atan(tau/A)). Tolerance: 4 Monte Carlo standard errors + the 120-node grid's
    resolution (1 % of the sd)."""
    rng = np.random.default_rng(8)
    src = np.array([0, 0, 0, 1, 1, 2, 2])
    s = rng.uniform(0.05, 0.15, src.size)
    y = np.array([1.0, 1.05, 0.97, 1.5, 1.42, 1.2, 1.25])
    tau = [None, None, 0.1]
    A = 0.5
    est = msb.fuse_mcmc(y, s, src, tau, A, n_samples=20000, seed=3)
    one = np.ones(src.size)
    th = (np.arange(120) + 0.5) / 120 * np.pi / 2
    lw, mus, vs = [], [], []
    for a in th:
        for b in th:
            t = np.array([A * np.tan(a), A * np.tan(b), 0.1])
            V = np.diag(s ** 2) + np.array([[t[i] ** 2 if i == j else 0 for j in src]
                                            for i in src])
            Vi1 = np.linalg.solve(V, one)
            prec = Vi1 @ one
            mu = Vi1 @ y / prec
            r = y - mu
            lw.append(-0.5 * (np.linalg.slogdet(V)[1] + np.log(prec) + r @ np.linalg.solve(V, r)))
            mus.append(mu)
            vs.append(1 / prec)
    lw = np.array(lw)
    w = np.exp(lw - lw.max())
    w /= w.sum()
    mus, vs = np.array(mus), np.array(vs)
    rm = w @ mus
    rsd = np.sqrt(w @ (vs + mus ** 2) - rm ** 2)
    m, sd = est["mean"]
    mcse = est["mean_mc_se"][0]
    assert abs(m - rm) <= 4 * mcse + 0.01 * rsd
    assert sd == pytest.approx(rsd, rel=0.03)
    lo, hi = est["ci68"][0]
    assert lo < m < hi
    assert est["tau"][0][2] == 0.1
    with pytest.raises(msb.MsbError) as err:
        msb.fuse_mcmc(y, s, src, [0.1, 0.1, 0.1], A)
    assert err.value.name == "MSB_EINSUFFICIENT"


def test_cli_fuse_mcmc(tmp_path):
    """The CLI's --mcmc path gives the library's numbers (same seed, same result bitwise) and
    rejects --mcmc with --arrhenius and --shared without --mcmc."""
    exe = _cli()
    if not os.path.exists(exe):
        pytest.skip("msbridge CLI not built")
    data = tmp_path / "y.txt"
    data.write_text("1.2 0.1 0\n1.0 0.2 1\n1.5 0.1 2\n1.3 0.1 2\n")
    r = subprocess.run([exe, "fuse", "--json", "--tau", "infer,infer,0.05", "--prior-scale",
                        "0.5", "--mcmc", "1000", "--seed", "5", str(data)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    est = msb.fuse_mcmc([1.2, 1.0, 1.5, 1.3], [0.1, 0.2, 0.1, 0.1], [0, 1, 2, 2],
                        [None, None, 0.05], 0.5, n_samples=1000, seed=5)
    assert out["results"]["mean"]["value"] == est["mean"][0]
    for bad in (["--mcmc", "1000", "--arrhenius"], ["--shared"]):
        r = subprocess.run([exe, "fuse", *bad, str(data)], capture_output=True, text=True)
        assert r.returncode != 0

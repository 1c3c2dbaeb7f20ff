"""Transport face: numpy arrays and files in, estimates and laws out. Peers: a direct numpy
O(T^2) MSD, MDAnalysis EinsteinMSD (Debian python3-mdanalysis) on the LAMMPS dump, the
command-line tool on the same file, and closed forms."""
import json
import os
import subprocess

import numpy as np
import pytest

import msbridge as msb

SRC = os.environ.get("MSB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DUMP = os.path.join(SRC, "tests", "data", "lj_md", "lj256.dump")


def numpy_msd(pos):
    """Direct all-origin MSD (trace), O(T^2), in numpy: independent of the FFT route."""
    nf = pos.shape[0]
    out = np.zeros(nf)
    for m in range(1, nf):
        d = pos[m:] - pos[:-m]
        out[m] = np.mean(np.sum(d * d, axis=2))
    return out


def test_array_msd_against_numpy():
    rng = np.random.default_rng(1)
    pos = np.cumsum(rng.normal(scale=1e-10, size=(300, 16, 3)), axis=0)
    est = msb.msd(pos, frame_dt=1e-12)
    # FFT vs direct sums of O(1e-18) numbers: agreement to rounding, 1e-9 relative
    np.testing.assert_allclose(est["msd"][0][1:], numpy_msd(pos)[1:], rtol=1e-9)
    np.testing.assert_allclose(est["lag_time"][0][:3], [0, 1e-12, 2e-12], rtol=1e-15)
    tr = msb.Trajectory.from_array(pos, 1e-12, types=[1] * 8 + [2] * 8)
    e2 = msb.msd(tr, type=2)
    np.testing.assert_allclose(e2["msd"][0][1:], numpy_msd(pos[:, 8:])[1:], rtol=1e-9)
    # D of a random walk with step variance s^2 per axis: D = s^2 / (2 dt) = 5e-9 m^2/s
    fit = msb.einstein_fit(pos, frame_dt=1e-12, n_blocks=5)
    D, sd = fit["D"]
    assert abs(D - 5e-9) < 4 * sd


def test_wrapped_array_unwrapped_by_minimum_image():
    rng = np.random.default_rng(2)
    L = 2e-9
    pos = np.cumsum(rng.normal(scale=1e-10, size=(100, 10, 3)), axis=0) + 5e-9
    wrapped = pos - L * np.floor(pos / L)
    tr = msb.Trajectory.from_array(wrapped, 1e-12, cell=np.eye(3) * L, wrapped=True)
    assert tr.unwrap_method == "minimum_image"
    got = tr.positions
    np.testing.assert_allclose(got - got[0], pos - pos[0], atol=1e-12 * L)
    with pytest.raises(msb.MsbError) as err:
        msb.Trajectory.from_array(wrapped, 1e-12, wrapped=True)
    assert err.value.status == msb.MSB_EINVAL


def test_lammps_dump_against_mdanalysis():
    """MDAnalysis 2.4 reads the same dump with image flags unwrapped (float32 positions, so
    MSD agreement to ~1e-5 relative; tolerance 1e-4) and computes the windowed all-origin MSD
    with its own O(T^2) code."""
    mda = pytest.importorskip("MDAnalysis")
    from MDAnalysis.analysis.msd import EinsteinMSD
    u = mda.Universe(DUMP, format="LAMMPSDUMP", unwrap_images=True, dt=0.5)
    ref = EinsteinMSD(u, select="all", msd_type="xyz", fft=False).run().results.timeseries
    est = msb.msd(DUMP, units="lj", timestep=0.005)
    np.testing.assert_allclose(est["msd"][0][1:], ref[1:], rtol=1e-4)
    tr = msb.Trajectory.from_lammps(DUMP, "lj", 0.005)
    assert tr.n_frames == 201 and tr.n_atoms == 256 and tr.unwrap_method == "image_flags"
    assert tr.times[2] == pytest.approx(1.0, rel=1e-15)


def test_cli_json_matches_library():
    exe = os.path.join(os.environ.get("MSB_BUILD_DIR", ""), "tools", "msbridge", "msbridge")
    if not os.path.exists(exe):
        pytest.skip("CLI not built")
    out = subprocess.run([exe, "msd", "--units", "lj", "--dt", "0.005", "--blocks", "5",
                          "--json", DUMP], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    fit = msb.einstein_fit(DUMP, units="lj", timestep=0.005, n_blocks=5)
    assert doc["results"]["D"]["value"] == pytest.approx(fit["D"][0], rel=1e-15)
    assert doc["results"]["D"]["unit"] == "m^2/s"
    bad = subprocess.run([exe, "msd", "--dt", "0.005", DUMP], capture_output=True, text=True)
    assert bad.returncode == 2 and "--units" in bad.stderr


def test_extended_xyz(tmp_path):
    rng = np.random.default_rng(3)
    L = 12.0  # Angstrom
    pos = np.cumsum(rng.normal(scale=0.3, size=(20, 6, 3)), axis=0) + 3.0
    wrapped = pos - L * np.floor(pos / L)
    species = ["Li", "Li", "P", "F", "F", "F"]
    p = tmp_path / "t.xyz"
    with open(p, "w") as f:
        for fr in wrapped:
            f.write(f"{len(fr)}\nLattice=\"{L} 0 0 0 {L} 0 0 0 {L}\" "
                    f"Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n")
            for s, r in zip(species, fr):
                f.write(f"{s} {r[0]:.17g} {r[1]:.17g} {r[2]:.17g}\n")
    tr = msb.Trajectory.from_xyz(str(p), frame_dt=1e-12)
    assert list(tr.types) == [1, 1, 2, 3, 3, 3]
    got = tr.positions / 1e-10
    np.testing.assert_allclose(got - got[0], pos - pos[0], atol=1e-12 * L)
    # truncated last frame
    text = p.read_text().splitlines()
    (tmp_path / "cut.xyz").write_text("\n".join(text[:-2]) + "\n")
    with pytest.raises(msb.MsbError) as err:
        msb.Trajectory.from_xyz(str(tmp_path / "cut.xyz"), frame_dt=1e-12)
    assert err.value.status == msb.MSB_ETRUNCATED and "cut.xyz:" in str(err.value)


def test_laws_from_python():
    Dp = msb.arrhenius(1e-7, 0.3 * msb.EV)
    Dm = msb.arrhenius(2e-7, 0.32 * msb.EV)
    s = msb.nernst_einstein([Dp, Dm], [1e27, 1e27], [1, -1], haven=[0.7, 0.7])
    T = np.array([280.0, 320.0])
    ref = 1e27 * msb.E ** 2 * (Dp.eval(T) + Dm.eval(T)) / (msb.K_B * T * 0.7)
    np.testing.assert_allclose(s.eval(T), ref, rtol=1e-14)
    R = msb.sei_resistance(s, 30e-9, 3e-9)
    np.testing.assert_allclose(R.eval(T), 30e-9 / ref, rtol=1e-14)
    tp = msb.transference_ne(Dp, Dm, 1e27, 1, 1e27, -1)
    np.testing.assert_allclose(tp.eval(T), Dp.eval(T) / (Dp.eval(T) + Dm.eval(T)), rtol=1e-14)
    # ideal solution mu = k T0 ln x: Theta = T0 / T exactly for the exact mu; spline error small
    T0 = 300.0
    x = np.linspace(0.05, 0.95, 40)
    mt = msb.mu_table(x, msb.K_B * T0 * np.log(x), T0)
    dk = msb.darken(Dp, mt)
    y = dk.eval(np.array([[0.5, T0]]))
    assert y[0, 1] == pytest.approx(1.0, rel=2e-3)
    assert y[0, 0] == pytest.approx(Dp.eval(T0)[0] * y[0, 1], rel=1e-14)
    D = msb.yeh_hummer(1e-9, 300.0, 1e-3, 3e-9)
    assert D == pytest.approx(1e-9 + 2.837297 * msb.K_B * 300 / (6 * np.pi * 1e-3 * 3e-9),
                              rel=1e-14)

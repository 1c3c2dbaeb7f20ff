"""Transport from molecular dynamics: trajectories (LAMMPS dump, extended XYZ, numpy arrays),
all-origin MSD, Einstein D with block uncertainties, Onsager/Einstein-Helfand conductivity, and
the transport laws (Nernst-Einstein-Haven, layer resistance, transference, Darken, tabulated mu).
SI units throughout (see msbridge/trajectory.h, msd.h, transport.h)."""
import ctypes
import os

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from .law import Estimate, Law, _Handle, _new_handle

_INT_P = ctypes.POINTER(ctypes.c_int)
UNWRAP = {0: "given", 1: "image_flags", 2: "minimum_image"}


class Trajectory(_Handle):
    """Unwrapped positions (frames, atoms, 3) in m, times in s, types, cells."""

    _destroy = "msb_trajectory_destroy"

    @classmethod
    def from_lammps(cls, path, units, timestep, lj=(1.0, 1.0, 1.0), max_frames=0, max_atoms=0):
        """Read a LAMMPS text dump. units: "metal", "real", ... or "lj" (with lj = (sigma [m],
        epsilon [J], mass [kg]); the default (1, 1, 1) reports reduced units as if SI).
        timestep: the LAMMPS timestep in the run's time unit."""
        L = lib()
        u = ctypes.c_void_p()
        if units == "lj":
            check(L.msb_units_create_lj(float(lj[0]), float(lj[1]), float(lj[2]), ctypes.byref(u)))
        else:
            check(L.msb_units_create(units.encode(), ctypes.byref(u)))
        try:
            return cls(_new_handle(L.msb_trajectory_read_lammps, os.fsencode(path), u,
                                   float(timestep), int(max_frames), int(max_atoms)))
        finally:
            L.msb_units_destroy(u)

    @classmethod
    def from_xyz(cls, path, frame_dt, length_unit=1e-10, max_frames=0, max_atoms=0):
        """Read an extended XYZ file (positions in length_unit metres; frames frame_dt s apart)."""
        return cls(_new_handle(lib().msb_trajectory_read_xyz, os.fsencode(path),
                               float(length_unit), float(frame_dt), int(max_frames),
                               int(max_atoms)))

    @classmethod
    def from_array(cls, positions, frame_dt, types=None, cell=None, wrapped=False):
        """positions: (frames, atoms, 3) in m; cell: 3x3 rows a, b, c in m (constant) or None;
        wrapped=True unwraps by minimum image (needs a cell)."""
        p = as_doubles(positions)
        if p.ndim != 3 or p.shape[2] != 3:
            raise ValueError("positions must have shape (frames, atoms, 3)")
        t = None
        if types is not None:
            t = np.ascontiguousarray(types, dtype=np.intc)
            if t.shape != (p.shape[1],):
                raise ValueError("types must have one entry per atom")
        c = None if cell is None else as_doubles(cell).reshape(9)
        return cls(_new_handle(lib().msb_trajectory_create, p.shape[0], p.shape[1],
                               as_double_p(p), None if t is None else t.ctypes.data_as(_INT_P),
                               as_double_p(c), float(frame_dt), 1 if wrapped else 0))

    @property
    def n_frames(self):
        return lib().msb_trajectory_n_frames(self._handle)

    @property
    def n_atoms(self):
        return lib().msb_trajectory_n_atoms(self._handle)

    @property
    def positions(self):
        """Copy of the unwrapped positions, (frames, atoms, 3), m."""
        n = self.n_frames * self.n_atoms * 3
        ptr = lib().msb_trajectory_positions(self._handle)
        return np.ctypeslib.as_array(ptr, shape=(n,)).copy().reshape(self.n_frames, self.n_atoms, 3)

    @property
    def times(self):
        ptr = lib().msb_trajectory_times(self._handle)
        return np.ctypeslib.as_array(ptr, shape=(self.n_frames,)).copy()

    @property
    def types(self):
        ptr = lib().msb_trajectory_types(self._handle)
        return np.ctypeslib.as_array(ptr, shape=(self.n_atoms,)).copy()

    @property
    def ids(self):
        ptr = lib().msb_trajectory_ids(self._handle)
        return np.ctypeslib.as_array(ptr, shape=(self.n_atoms,)).copy()

    def volume(self, frame=0):
        return lib().msb_trajectory_volume(self._handle, frame)

    @property
    def unwrap_method(self):
        return UNWRAP[lib().msb_trajectory_unwrap_method(self._handle)]


def _traj(obj, frame_dt=None, **kw):
    if isinstance(obj, Trajectory):
        return obj, False
    if isinstance(obj, (str, bytes, os.PathLike)):
        if "units" in kw:
            return Trajectory.from_lammps(obj, **kw), True
        return Trajectory.from_xyz(obj, frame_dt, **kw), True
    if frame_dt is None:
        raise ValueError("an array needs frame_dt")
    return Trajectory.from_array(obj, frame_dt, **kw), True


def _run(fn, traj, *args):
    out = ctypes.c_void_p()
    check(fn(traj._handle, *args, ctypes.byref(out)))
    return Estimate(out.value)


def msd(traj, type=-1, first_origin=False, remove_com=False, n_lag=0, frame_dt=None, **read):
    """MSD estimate (entries lag_time, msd, msd_tensor, n_atoms, n_frames). traj: Trajectory,
    (frames, atoms, 3) array in m (with frame_dt), or a file path (with units=..., timestep=...
    for LAMMPS, else extended XYZ)."""
    t, own = _traj(traj, frame_dt, **read)
    try:
        return _run(lib().msb_msd_compute, t, int(type), 1 if first_origin else 0,
                    1 if remove_com else 0, int(n_lag))
    finally:
        if own:
            t.close()


def einstein_fit(traj, type=-1, remove_com=False, t_min=0.0, t_max=0.0, n_blocks=10,
                 frame_dt=None, **read):
    """Einstein D with block uncertainty (entries: see msbridge/msd.h)."""
    t, own = _traj(traj, frame_dt, **read)
    try:
        return _run(lib().msb_einstein_fit, t, int(type), 1 if remove_com else 0, float(t_min),
                    float(t_max), int(n_blocks))
    finally:
        if own:
            t.close()


def onsager_fit(traj, types, z, T, remove_com=True, t_min=0.0, t_max=0.0, n_blocks=10):
    """Onsager coefficients, Einstein-Helfand conductivity, Haven ratio, transference numbers."""
    ty = np.ascontiguousarray(types, dtype=np.intc)
    zz = np.ascontiguousarray(z, dtype=np.intc)
    if ty.shape != zz.shape:
        raise ValueError("types and z must have the same length")
    return _run(lib().msb_onsager_fit, traj, ty.size, ty.ctypes.data_as(_INT_P),
                zz.ctypes.data_as(_INT_P), float(T), 1 if remove_com else 0, float(t_min),
                float(t_max), int(n_blocks))


def yeh_hummer(D_pbc, T, eta, L):
    """D_inf = D_pbc + 2.837297 k_B T / (6 pi eta L)."""
    out = ctypes.c_double()
    check(lib().msb_yeh_hummer_correction(float(D_pbc), float(T), float(eta), float(L),
                                          ctypes.byref(out)))
    return out.value


def nernst_einstein(D_laws, n, z, haven=None, haven_std=None):
    """sigma(T) = sum_i n_i (z_i e)^2 D_i(T) / (k_B T H_i)."""
    k = len(D_laws)
    arr = (ctypes.c_void_p * k)(*[d._handle.value for d in D_laws])
    nn = as_doubles(n).ravel()
    zz = np.ascontiguousarray(z, dtype=np.intc)
    h = None if haven is None else as_doubles(haven).ravel()
    hs = None if haven_std is None else as_doubles(haven_std).ravel()
    if nn.size != k or zz.size != k or (h is not None and h.size != k) or \
            (hs is not None and hs.size != k):
        raise ValueError("n, z, haven, haven_std need one entry per D law")
    return Law(_new_handle(lib().msb_nernst_einstein_create, k, arr, as_double_p(nn),
                           zz.ctypes.data_as(_INT_P), as_double_p(h), as_double_p(hs)))


def sei_resistance(sigma_law, h, h_std=0.0):
    """R_area(T) = h / sigma(T), Ohm m^2."""
    return Law(_new_handle(lib().msb_sei_resistance_create, sigma_law._handle, float(h),
                           float(h_std)))


def transference_ne(D_plus, D_minus, n_plus, z_plus, n_minus, z_minus):
    return Law(_new_handle(lib().msb_transference_ne_create, D_plus._handle, D_minus._handle,
                           float(n_plus), int(z_plus), float(n_minus), int(z_minus)))


def darken(D_star, theta_law):
    """D_chem(c, T) = D*(c, T) Theta(c, T); theta_law has an output named "Theta"."""
    return Law(_new_handle(lib().msb_darken_create, D_star._handle, theta_law._handle))


def mu_table(x, mu, T_ref, mu_std=None):
    """Tabulated mu(x) (J) with a natural cubic spline; outputs mu and Theta."""
    xx = as_doubles(x).ravel()
    mm = as_doubles(mu).ravel()
    ss = None if mu_std is None else as_doubles(mu_std).ravel()
    return Law(_new_handle(lib().msb_mu_table_create, xx.size, as_double_p(xx), as_double_p(mm),
                           as_double_p(ss), float(T_ref)))

"""Time-series tables, Green-Kubo transport (running integral and cepstral analysis) and the
Kapitza interface law. SI units at the boundary: convert file values first (see
msbridge/green_kubo.h for the accepted definitions: kind "jv" = LAMMPS compute heat/flux
output in J m/s, "flux" = flux density in W/m^2, "interface" = heat current in W)."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib, text
from .law import Estimate, Law, _Handle, _new_handle

HEADER = 1          # MSB_TABLE_HEADER: first non-comment line holds the names
HEADER_COMMENT = 2  # MSB_TABLE_HEADER_COMMENT: last comment line before the data holds them

_KINDS = {"jv": 0, "flux": 1, "interface": 2}


class Table(_Handle):
    """A numeric column file read by msb_table_read. table["name"] or table[j] -> numpy copy."""

    _destroy = "msb_table_destroy"

    @property
    def nrows(self):
        return lib().msb_table_nrows(self._handle)

    @property
    def ncols(self):
        return lib().msb_table_ncols(self._handle)

    @property
    def names(self):
        return [text(lib().msb_table_column_name(self._handle, j)) for j in range(self.ncols)]

    def _index(self, key):
        if isinstance(key, str):
            j = ctypes.c_size_t()
            check(lib().msb_table_find(self._handle, key.encode(), ctypes.byref(j)))
            return j.value
        if not 0 <= key < self.ncols:
            raise IndexError(key)
        return key

    def __getitem__(self, key):
        p = lib().msb_table_column(self._handle, self._index(key))
        return np.ctypeslib.as_array(p, shape=(self.nrows,)).copy()

    def to_array(self):
        """All columns as an array of shape (ncols, nrows)."""
        p = lib().msb_table_column(self._handle, 0)
        return np.ctypeslib.as_array(p, shape=(self.ncols, self.nrows)).copy()


def read_table(path, header=0):
    """Read a numeric table (header: 0, HEADER or HEADER_COMMENT)."""
    return Table(_new_handle(lib().msb_table_read, str(path).encode(), int(header)))


def parse_table(textdata, header=0, name=None):
    return Table(_new_handle(lib().msb_table_parse, textdata.encode(),
                             None if name is None else name.encode(), int(header)))


def _series(x):
    a = as_doubles(x)
    if a.ndim == 1:
        a = a[None, :]
    if a.ndim != 2:
        raise ValueError("series must have shape (n,) or (ncomp, n)")
    return np.ascontiguousarray(a), a.shape[0], a.shape[1]


def gk_acf(x, n_lag):
    """Component-averaged unbiased autocorrelation and its standard error over components."""
    a, nc, n = _series(x)
    acf = np.empty(int(n_lag))
    sd = np.empty(int(n_lag))
    check(lib().msb_gk_acf(n, nc, as_double_p(a), int(n_lag), as_double_p(acf),
                           as_double_p(sd)))
    return acf, sd


def gk_running(x, dt, geom, T, kind="jv", t_cut=0.0):
    """Running-integral Green-Kubo estimate; x of shape (ncomp, n) in SI; returns Estimate."""
    a, nc, n = _series(x)
    est = ctypes.c_void_p()
    check(lib().msb_gk_running(_KINDS[kind], n, nc, as_double_p(a), float(dt), float(geom),
                               float(T), float(t_cut), ctypes.byref(est)))
    return Estimate(est.value)


def gk_cepstral(x, dt, geom, T, kind="jv", f_star=0.0):
    """Cepstral Green-Kubo estimate (Ercole et al. 2017); returns Estimate."""
    a, nc, n = _series(x)
    est = ctypes.c_void_p()
    check(lib().msb_gk_cepstral(_KINDS[kind], n, nc, as_double_p(a), float(dt), float(geom),
                                float(T), float(f_star), ctypes.byref(est)))
    return Estimate(est.value)


def gk_cepstral_multi(x, dt, geom, T, kind="jv", f_star=0.0):
    """Multi-component cepstral estimate (Bertossa et al. 2019); x of shape (nflux, ncomp, n),
    flux 0 the energy flux in SI (kind), the others conserved fluxes in any unit."""
    a = np.ascontiguousarray(as_doubles(x))
    if a.ndim != 3:
        raise ValueError("series must have shape (nflux, ncomp, n)")
    nf, nc, n = a.shape
    est = ctypes.c_void_p()
    check(lib().msb_gk_cepstral_multi(_KINDS[kind], n, nc, nf, as_double_p(a), float(dt),
                                      float(geom), float(T), float(f_star), ctypes.byref(est)))
    return Estimate(est.value)


def kapitza_resistance(G, G_std=0.0):
    """(R_K, sd) = (1/G, sd_G/G^2) in m^2 K/W."""
    R = ctypes.c_double()
    s = ctypes.c_double()
    check(lib().msb_kapitza_resistance(float(G), float(G_std), ctypes.byref(R), ctypes.byref(s)))
    return R.value, s.value


def kapitza(R_K, R_var=0.0):
    """Law dT(q) = q R_K (q in W/m^2, dT in K)."""
    return Law(_new_handle(lib().msb_kapitza_create, float(R_K), float(R_var)))


def kapitza_from_conductance(G, G_std=0.0):
    return Law(_new_handle(lib().msb_kapitza_from_conductance, float(G), float(G_std)))


def kapitza_linear(R0, R1, T_ref, cov=None):
    """Law dT(q, T) = q (R0 + R1 (T - T_ref)); cov of (R0, R1)."""
    c = None if cov is None else np.ascontiguousarray(as_doubles(cov).reshape(2, 2))
    return Law(_new_handle(lib().msb_kapitza_linear_create, float(R0), float(R1), float(T_ref),
                           as_double_p(c)))

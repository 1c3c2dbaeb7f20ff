"""Rate and activated laws: TST (Eyring, Vineyard), Arrhenius and its fit, activation volume.
All energies per particle in J (multiply eV by msbridge.EV)."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from .law import Estimate, Law, _new_handle


def _cov(cov, n):
    if cov is None:
        return None
    c = as_doubles(cov)
    if c.size != n * n:
        raise ValueError(f"covariance must be {n}x{n}")
    return np.ascontiguousarray(c.reshape(n, n))


def eyring(dH, dS=0.0, kappa=1.0, nu_imag=0.0, cov=None):
    """Eyring TST k(T) = kappa Gamma_W (k_B T/h) exp(dS/k_B - dH/(k_B T)); cov of (dH, dS)."""
    c = _cov(cov, 2)
    return Law(_new_handle(lib().msb_tst_eyring_create, float(dH), float(dS), float(kappa),
                           float(nu_imag), as_double_p(c)))


def vineyard_prefactor(nu_min, nu_saddle):
    m = as_doubles(nu_min).ravel()
    s = as_doubles(nu_saddle).ravel()
    out = ctypes.c_double()
    check(lib().msb_tst_vineyard_prefactor(m.size, as_double_p(m), s.size,
                                           as_double_p(s) if s.size else None,
                                           ctypes.byref(out)))
    return out.value


def vineyard(nu_min, nu_saddle, Ea, cov=None):
    """Harmonic TST k(T) = nu* exp(-Ea/(k_B T)) from N minimum and N-1 saddle frequencies."""
    m = as_doubles(nu_min).ravel()
    s = as_doubles(nu_saddle).ravel()
    c = _cov(cov, 2)
    return Law(_new_handle(lib().msb_tst_vineyard_create, m.size, as_double_p(m), s.size,
                           as_double_p(s) if s.size else None, float(Ea), as_double_p(c)))


def arrhenius(D0, Ea, cov=None, output=None):
    """Arrhenius law D0 exp(-Ea/(k_B T)); cov of (ln D0, Ea); output=(name, unit) optional."""
    c = _cov(cov, 2)
    if output is None:
        return Law(_new_handle(lib().msb_arrhenius_create, float(D0), float(Ea), as_double_p(c)))
    name, unit = output
    return Law(_new_handle(lib().msb_arrhenius_create_named, float(D0), float(Ea),
                           as_double_p(c), name.encode(), unit.encode()))


def arrhenius_fit(T, D, D_std=None, relative=False):
    """Weighted fit of ln D against 1/(k_B T). Returns (Estimate, Law)."""
    t = as_doubles(T).ravel()
    d = as_doubles(D).ravel()
    s = None if D_std is None else as_doubles(D_std).ravel()
    if d.size != t.size or (s is not None and s.size != t.size):
        raise ValueError("T, D and D_std must have the same length")
    est = ctypes.c_void_p()
    law = ctypes.c_void_p()
    check(lib().msb_arrhenius_fit(t.size, as_double_p(t), as_double_p(d), as_double_p(s),
                                  1 if relative else 0, ctypes.byref(est), ctypes.byref(law)))
    return Estimate(est.value), Law(law.value)


def activation_volume(D0, Em0, Omega, cov=None):
    """D(T, sigma) = D0 exp(-(Em0 - Omega sigma)/(k_B T)); cov of (ln D0, Em0, Omega)."""
    c = _cov(cov, 3)
    return Law(_new_handle(lib().msb_activation_volume_create, float(D0), float(Em0),
                           float(Omega), as_double_p(c)))

"""Closures from thermodynamics: binary convex hull and voltage plateaus (msbridge/hull.h),
free-energy and OCV laws (msbridge/thermo.h, msbridge/ocv.h), Langmuir isotherms
(msbridge/langmuir.h). SI units: energies in J per atom / per particle (multiply eV by EV)."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from .law import Estimate, Law, _new_handle


def _pair(x, e, xname="x", ename="e"):
    a = np.ascontiguousarray(as_doubles(x).ravel())
    b = np.ascontiguousarray(as_doubles(e).ravel())
    if a.size != b.size:
        raise ValueError(f"{xname} and {ename} must have the same length")
    return a, b


def hull_analyze(x, e, tol=0.0):
    """Lower hull of (x, e) (x atom fraction in [0, 1], e in J/atom). Returns a dict with
    stable (bool array), e_above_hull (J/atom), decomp_lo, decomp_hi (indices), frac_lo."""
    a, b = _pair(x, e)
    n = a.size
    stable = (ctypes.c_int * max(n, 1))()
    eah = np.zeros(n)
    dlo = (ctypes.c_size_t * max(n, 1))()
    dhi = (ctypes.c_size_t * max(n, 1))()
    flo = np.zeros(n)
    check(lib().msb_hull_analyze(n, as_double_p(a), as_double_p(b), float(tol), stable,
                                 as_double_p(eah), dlo, dhi, as_double_p(flo)))
    return {"stable": np.array([bool(stable[i]) for i in range(n)]),
            "e_above_hull": eah,
            "decomp_lo": np.array([dlo[i] for i in range(n)], dtype=np.int64),
            "decomp_hi": np.array([dhi[i] for i in range(n)], dtype=np.int64),
            "frac_lo": flo}


def hull_plateaus(y, G, mu_ref, tol=0.0):
    """Voltage plateaus of an insertion host: y ions per host formula unit, G energy per host
    formula unit (J), mu_ref energy per ion of the reference (J). Returns (x_lo, x_hi, V)."""
    a, b = _pair(y, G, "y", "G")
    cap = max(a.size, 1)
    lo, hi, V = np.zeros(cap), np.zeros(cap), np.zeros(cap)
    m = ctypes.c_size_t()
    check(lib().msb_hull_plateaus(a.size, as_double_p(a), as_double_p(b), float(mu_ref),
                                  float(tol), cap, as_double_p(lo), as_double_p(hi),
                                  as_double_p(V), ctypes.byref(m)))
    k = m.value
    return lo[:k].copy(), hi[:k].copy(), V[:k].copy()


def hull_estimate(x, e, tol=0.0):
    """The hull estimator (entries listed in msbridge/hull.h) as an Estimate."""
    a, b = _pair(x, e)
    est = ctypes.c_void_p()
    check(lib().msb_hull_estimate(a.size, as_double_p(a), as_double_p(b), float(tol),
                                  ctypes.byref(est)))
    return Estimate(est.value)

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


def _opt(values, n=None, name="array"):
    if values is None:
        return None
    a = np.ascontiguousarray(as_doubles(values).ravel())
    if n is not None and a.size != n:
        raise ValueError(f"{name} must have {n} values")
    return a


def free_energy_rk(E0, A=(), B=None, mu_ref=0.0, cov=None):
    """Lattice-gas free energy with a Redlich-Kister excess (msbridge/thermo.h). Inputs (x, T);
    outputs mu (J), Theta, F (J per site), V (V). A[k] in J, B[k] in J/K."""
    a = _opt(A) if len(A) else None
    m = 0 if a is None else a.size
    b = _opt(B, m, "B")
    c = _opt(cov, (1 + 2 * m) ** 2, "cov")
    return Law(_new_handle(lib().msb_free_energy_rk_create, float(E0), m, as_double_p(a),
                           as_double_p(b), float(mu_ref), as_double_p(c)))


def free_energy_rk_fit(x, T, value, m, kind="mu", sigma=None, mu_ref=0.0):
    """Fit the Redlich-Kister free energy to a table of mu (kind='mu') or F (kind='F') at one
    or several temperatures. Returns (Estimate, Law)."""
    xs = _opt(x)
    n = xs.size
    t, v = _opt(T, n, "T"), _opt(value, n, "value")
    s = _opt(sigma, n, "sigma")
    k = {"mu": 0, "F": 1}[kind]
    est, law = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib().msb_free_energy_rk_fit(n, as_double_p(xs), as_double_p(t), as_double_p(v),
                                       as_double_p(s), k, int(m), float(mu_ref),
                                       ctypes.byref(est), ctypes.byref(law)))
    return Estimate(est.value), Law(law.value)


def free_energy_binodals(law, T, capacity=8):
    """Miscibility gaps of a free-energy law at T: list of (x_lo, x_hi, mu)."""
    lo, hi, mu = np.zeros(capacity), np.zeros(capacity), np.zeros(capacity)
    ng = ctypes.c_size_t()
    check(lib().msb_free_energy_binodals(law._handle, float(T), capacity, as_double_p(lo),
                                         as_double_p(hi), as_double_p(mu), ctypes.byref(ng)))
    return [(lo[i], hi[i], mu[i]) for i in range(ng.value)]


def ocv_plateau(x_bounds, V, width):
    """Smoothed plateau OCV: plateau k on [x_bounds[k], x_bounds[k+1]] at V[k] (V)."""
    v = _opt(V)
    xb = _opt(x_bounds, v.size + 1, "x_bounds")
    return Law(_new_handle(lib().msb_ocv_plateau_create, v.size, as_double_p(xb),
                           as_double_p(v), float(width)))


def ocv_from_hull(y, G, mu_ref, width, tol=0.0):
    """Plateau OCV from entries per host formula unit (y ions, G in J) against mu_ref (J)."""
    a, b = _pair(y, G, "y", "G")
    return Law(_new_handle(lib().msb_ocv_from_hull_create, a.size, as_double_p(a),
                           as_double_p(b), float(mu_ref), float(tol), float(width)))


def ocv_table(x, V, dVdT=None, T_ref=298.15, reversal_tol=0.0):
    """Measured OCV table with Steffen's monotone C1 interpolant (msbridge/ocv.h)."""
    a, b = _pair(x, V, "x", "V")
    s = _opt(dVdT, a.size, "dVdT")
    return Law(_new_handle(lib().msb_ocv_table_create, a.size, as_double_p(a), as_double_p(b),
                           as_double_p(s), float(T_ref), float(reversal_tol)))


def ocv_free_energy(fe, T_min, T_max):
    """Common-tangent OCV from a free-energy law, tabulating the gaps on [T_min, T_max]."""
    return Law(_new_handle(lib().msb_ocv_free_energy_create, fe._handle, float(T_min),
                           float(T_max)))


def langmuir(dH, dS, P_ref=1e5, dissociative=False, cov=None):
    """Single-site (or dissociative) Langmuir isotherm theta(P, T); K = exp(-(dH-T dS)/kT)/P_ref."""
    c = _opt(cov, 4, "cov")
    return Law(_new_handle(lib().msb_langmuir_create, float(dH), float(dS), float(P_ref),
                           1 if dissociative else 0, as_double_p(c)))


def langmuir_competitive(dH, dS, P_ref=1e5, cov=None):
    """Competitive Langmuir isotherm for N species: inputs (P_1..P_N, T), outputs theta_i."""
    h = _opt(dH)
    s = _opt(dS, h.size, "dS")
    c = _opt(cov, 4 * h.size * h.size, "cov")
    return Law(_new_handle(lib().msb_langmuir_competitive_create, h.size, as_double_p(h),
                           as_double_p(s), float(P_ref), as_double_p(c)))


def langmuir_from_rates(k_ads, k_des, P_ref=1e5, dissociative=False):
    """Langmuir isotherm with K(T) = k_ads(T) / (k_des(T) P_ref) from two rate laws (1/s)."""
    return Law(_new_handle(lib().msb_langmuir_from_rates_create, k_ads._handle, k_des._handle,
                           float(P_ref), 1 if dissociative else 0))


def langmuir_pressure(law, theta, T):
    """Inverse isotherm: pressure (Pa) giving coverage theta at T."""
    th = _opt(np.atleast_1d(theta))
    t = _opt(np.broadcast_to(np.asarray(T, dtype=float), th.shape))
    P = np.zeros(th.size)
    check(lib().msb_langmuir_pressure(law._handle, th.size, as_double_p(th), as_double_p(t),
                                      as_double_p(P)))
    return P

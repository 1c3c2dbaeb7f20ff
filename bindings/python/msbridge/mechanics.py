"""Chemo-mechanics: elastic tensors (Voigt-Reuss-Hill, Born stability, stiffness fit),
cohesive-zone laws, partial molar volume, stress-dependent diffusion, thin-film fracture.

Stiffness tensors are 6x6 Voigt matrices in Pa (order 11 22 33 23 13 12); strains use
ENGINEERING shear components (2 e23, 2 e13, 2 e12). See msbridge/elastic.h."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from .law import Estimate, Law, _new_handle

#: names of the properties returned by elastic_moduli, in the C enum order
ELASTIC_PROPERTIES = ("K_V", "K_R", "K_VRH", "G_V", "G_R", "G_VRH", "E_VRH", "nu_VRH", "A_U",
                      "A_Zener", "min_eigen")


def _tensors(C):
    c = as_doubles(C)
    if c.shape[-2:] != (6, 6):
        raise ValueError("stiffness tensors must have shape (6, 6) or (n, 6, 6)")
    return np.ascontiguousarray(c.reshape(-1, 6, 6)), c.ndim == 2


def elastic_moduli(C):
    """Moduli of one (6, 6) or many (n, 6, 6) stiffness tensors in Pa.

    Returns (props, stable): props is a dict name -> value (one tensor) or name -> array,
    stable a bool or a bool array (Born criterion by Cholesky)."""
    c, single = _tensors(C)
    n = c.shape[0]
    props = np.empty((n, len(ELASTIC_PROPERTIES)))
    stable = np.empty(n, dtype=np.intc)
    check(lib().msb_elastic_moduli(n, as_double_p(c), as_double_p(props),
                                   stable.ctypes.data_as(ctypes.POINTER(ctypes.c_int))))
    if single:
        return {k: float(props[0, i]) for i, k in enumerate(ELASTIC_PROPERTIES)}, bool(stable[0])
    return {k: props[:, i].copy() for i, k in enumerate(ELASTIC_PROPERTIES)}, stable.astype(bool)


def elastic_moduli_array(C):
    """As elastic_moduli for (n, 6, 6) input, returning the raw (n, 11) array and int flags."""
    c, _ = _tensors(C)
    n = c.shape[0]
    props = np.empty((n, len(ELASTIC_PROPERTIES)))
    stable = np.empty(n, dtype=np.intc)
    check(lib().msb_elastic_moduli(n, as_double_p(c), as_double_p(props),
                                   stable.ctypes.data_as(ctypes.POINTER(ctypes.c_int))))
    return props, stable


def elastic_is_stable(C):
    c, _ = _tensors(C)
    out = ctypes.c_int()
    check(lib().msb_elastic_is_stable(as_double_p(c[0]), ctypes.byref(out)))
    return bool(out.value)


def elastic_compliance(C):
    """S = C^-1 in 1/Pa (engineering shear: S44 = 4 S2323)."""
    c, _ = _tensors(C)
    S = np.empty((6, 6))
    check(lib().msb_elastic_compliance(as_double_p(c[0]), as_double_p(S)))
    return S


def young_direction(C, dirs):
    """Directional Young's modulus (Pa) along each row of dirs (shape (3,) or (m, 3))."""
    c, _ = _tensors(C)
    d = np.ascontiguousarray(as_doubles(dirs).reshape(-1, 3))
    E = np.empty(d.shape[0])
    check(lib().msb_elastic_young_direction(as_double_p(c[0]), d.shape[0], as_double_p(d),
                                            as_double_p(E)))
    return E if np.ndim(dirs) == 2 else float(E[0])


def elastic_fit(strain, stress, stress_std=None, fit_offset=False):
    """Fit a symmetric 6x6 C from (n, 6) engineering strains and (n, 6) stresses in Pa
    (tension positive). stress_std: sd of each stress component (Pa) or None to estimate
    it from the residuals. Returns an Estimate (entries C, sigma0, stable, ...)."""
    e = np.ascontiguousarray(as_doubles(strain).reshape(-1, 6))
    s = np.ascontiguousarray(as_doubles(stress).reshape(-1, 6))
    if e.shape != s.shape:
        raise ValueError("strain and stress must have the same shape (n, 6)")
    est = ctypes.c_void_p()
    sd = float("nan") if stress_std is None else float(stress_std)
    check(lib().msb_elastic_fit(e.shape[0], as_double_p(e), as_double_p(s), sd,
                                1 if fit_offset else 0, ctypes.byref(est)))
    return Estimate(est.value)

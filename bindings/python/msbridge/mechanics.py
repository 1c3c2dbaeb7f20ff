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


def elastic_analyze(C):
    """All moduli of one (6, 6) tensor in Pa as an Estimate (kind "elastic_moduli")."""
    c, _ = _tensors(C)
    est = ctypes.c_void_p()
    check(lib().msb_elastic_analyze(as_double_p(c[0]), ctypes.byref(est)))
    return Estimate(est.value)


def _cov(cov, n):
    if cov is None:
        return None
    c = np.ascontiguousarray(as_doubles(cov).reshape(n, n))
    return c


def _vec(v):
    return None if v is None else np.ascontiguousarray(as_doubles(v).ravel())


# ---- cohesive zone -------------------------------------------------------------------------

def cohesive_exponential(Gc, lam, cov=None):
    """UBER-derived traction law T(delta) = Gc delta/lam^2 exp(-delta/lam); delta in m."""
    c = _cov(cov, 2)
    return Law(_new_handle(lib().msb_cohesive_exponential_create, float(Gc), float(lam),
                           as_double_p(c)))


def cohesive_bilinear(Gc, sigma_max, delta_p, cov=None):
    """Bilinear traction law with area Gc, peak sigma_max at delta_p, zero at 2 Gc/sigma_max."""
    c = _cov(cov, 3)
    return Law(_new_handle(lib().msb_cohesive_bilinear_create, float(Gc), float(sigma_max),
                           float(delta_p), as_double_p(c)))


def uber_fit(delta, energy, energy_std=None):
    """Fit Phi(delta) = Gc [1 - (1 + delta/lam) exp(-delta/lam)] (SI). Returns (Estimate, Law)."""
    d, e, s = _vec(delta), _vec(energy), _vec(energy_std)
    if d.size != e.size or (s is not None and s.size != d.size):
        raise ValueError("delta, energy and energy_std must have the same length")
    est, law = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib().msb_uber_fit(d.size, as_double_p(d), as_double_p(e), as_double_p(s),
                             ctypes.byref(est), ctypes.byref(law)))
    return Estimate(est.value), Law(law.value)


# ---- volume, pressure, stress-dependent diffusion -------------------------------------------

def partial_molar_volume_fit(x, V, V_std=None):
    """Fit V = V0 + v x (V in m^3 per cell, x inserted atoms per cell). Returns an Estimate."""
    xx, v, s = _vec(x), _vec(V), _vec(V_std)
    if xx.size != v.size or (s is not None and s.size != v.size):
        raise ValueError("x, V and V_std must have the same length")
    est = ctypes.c_void_p()
    check(lib().msb_partial_molar_volume_fit(xx.size, as_double_p(xx), as_double_p(v),
                                             as_double_p(s), ctypes.byref(est)))
    return Estimate(est.value)


def voltage_pressure(U0, Vbar, p0=0.0, n_e=1.0, cov=None):
    """U(p) = U0 - Vbar (p - p0)/(n_e F); cov of (U0, Vbar)."""
    c = _cov(cov, 2)
    return Law(_new_handle(lib().msb_voltage_pressure_create, float(U0), float(Vbar), float(p0),
                           float(n_e), as_double_p(c)))


def activation_volume_fit(sigma, Em, Em_std=None, D0=None):
    """Fit Em = Em0 - Omega sigma. Returns the Estimate, or (Estimate, Law) when D0 is given."""
    s, e, sd = _vec(sigma), _vec(Em), _vec(Em_std)
    est, law = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib().msb_activation_volume_fit(s.size, as_double_p(s), as_double_p(e),
                                          as_double_p(sd), float(D0 or 0.0), ctypes.byref(est),
                                          ctypes.byref(law) if D0 else None))
    return (Estimate(est.value), Law(law.value)) if D0 else Estimate(est.value)


def activation_volume_tensor(D0, Em0, Omega6, cov=None):
    """D(T, s11..s12) = D0 exp(-(Em0 - Omega:sigma)/(k_B T)); Omega6 = O11 O22 O33 O23 O13 O12."""
    o = _vec(Omega6)
    c = _cov(cov, 8)
    return Law(_new_handle(lib().msb_activation_volume_tensor_create, float(D0), float(Em0),
                           as_double_p(o), as_double_p(c)))


def activation_volume_tensor_fit(sigma6, Em, Em_std=None, D0=None):
    """Fit Em = Em0 - Omega:sigma from (n, 6) Voigt stresses (Pa)."""
    s = np.ascontiguousarray(as_doubles(sigma6).reshape(-1, 6))
    e, sd = _vec(Em), _vec(Em_std)
    est, law = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib().msb_activation_volume_tensor_fit(s.shape[0], as_double_p(s), as_double_p(e),
                                                 as_double_p(sd), float(D0 or 0.0),
                                                 ctypes.byref(est),
                                                 ctypes.byref(law) if D0 else None))
    return (Estimate(est.value), Law(law.value)) if D0 else Estimate(est.value)


def barodiffusion(D, Vbar, cov=None):
    """Flux law J = -D grad c + (D c Vbar/(R T)) grad sigma_h (tension positive).
    Inputs (c, T, dc/dx, dc/dy, dc/dz, dsh/dx, dsh/dy, dsh/dz); outputs (Jx, Jy, Jz)."""
    c = _cov(cov, 2)
    return Law(_new_handle(lib().msb_barodiffusion_create, float(D), float(Vbar),
                           as_double_p(c)))


# ---- thin films ---------------------------------------------------------------------------

#: Hutchinson & Suo (1992) driving-force coefficients, no elastic mismatch
Z_SURFACE_CRACK = 3.951
Z_CHANNEL_CRACK = 1.976
Z_SUBSTRATE_DAMAGE = 3.951
Z_SPALLING = 0.343
Z_DEBOND_INITIATION = 1.028
Z_DEBOND_STEADY = 0.5


def thin_film_stress(E_f, nu_f, eps_m):
    """Equi-biaxial film stress E_f eps_m/(1 - nu_f) (Pa, tension positive)."""
    out = ctypes.c_double()
    check(lib().msb_thin_film_stress(float(E_f), float(nu_f), float(eps_m), ctypes.byref(out)))
    return out.value


def thin_film_fracture(E_f, nu_f, sigma, h, Z, Gc):
    """G = Z sigma^2 h/Ebar_f and h_c = Gc Ebar_f/(Z sigma^2), Ebar_f = E_f/(1 - nu_f^2)."""
    est = ctypes.c_void_p()
    check(lib().msb_thin_film_fracture(float(E_f), float(nu_f), float(sigma), float(h),
                                       float(Z), float(Gc), ctypes.byref(est)))
    return Estimate(est.value)

"""Uncertainty end to end: law cards and exporters, composition and Monte Carlo propagation,
Bayesian fusion with model discrepancy, validation against experiment. SI units; see the C
headers msbridge/{card,propagate,fusion,validate}.h for domains and errors."""
import ctypes
import os

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from .law import Estimate, Law, _new_handle


def _take_string(ptr):
    try:
        return ctypes.string_at(ptr).decode()
    finally:
        lib().msb_string_free(ptr)


def _prov(inputs=(), created_by=None, note=None):
    """The four provenance arguments of msb_card_to_string / msb_card_write."""
    paths = [os.fsencode(p) for p in inputs]
    arr = (ctypes.c_char_p * max(len(paths), 1))(*paths)
    return (len(paths), arr, created_by.encode() if created_by else None,
            note.encode() if note else None)


# ---- law cards

def card_string(law, inputs=(), created_by=None, note=None):
    """The law card (JSON text) of `law`; `inputs` are files whose SHA-256 is recorded."""
    out = ctypes.c_void_p()
    check(lib().msb_card_to_string(law._handle, *_prov(inputs, created_by, note),
                                   ctypes.byref(out)))
    return _take_string(out)


def write_card(law, path, inputs=(), created_by=None, note=None):
    """Write the card crash-safely (temporary file, fsync, rename)."""
    check(lib().msb_card_write(law._handle, os.fsencode(path), *_prov(inputs, created_by, note)))


def read_card(path):
    """Rebuild the law from a card file (bitwise identical to the written one)."""
    return Law(_new_handle(lib().msb_card_read, os.fsencode(path)))


def card_from_string(text, name=None):
    data = text.encode()
    return Law(_new_handle(lib().msb_card_from_string, data, len(data),
                           name.encode() if name else None))


def sha256_file(path):
    buf = ctypes.create_string_buffer(65)
    check(lib().msb_sha256_file(os.fsencode(path), buf))
    return buf.value.decode()


def export_pybamm(law, function_name, path):
    """Write a PyBaMM-style parameter function (Python source, exp from pybamm/numpy/math)."""
    check(lib().msb_card_export_pybamm(law._handle, function_name.encode(), os.fsencode(path)))


def export_c_header(law, prefix, path):
    """Write a plain C header of coefficients with an inline evaluator <prefix>_eval."""
    check(lib().msb_card_export_c_header(law._handle, prefix.encode(), os.fsencode(path)))


# ---- propagation

def compose(outer, slot, inner, inner_output=0):
    """Feed inner's output `inner_output` into outer's input `slot` (shared inputs merged)."""
    return Law(_new_handle(lib().msb_law_compose, outer._handle, int(slot), inner._handle,
                           int(inner_output)))


def propagate_mc(law, x, n_samples=10000, seed=1, return_samples=False):
    """Monte Carlo mean and sd of the law's outputs under N(params, cov). Same seed -> same
    result. Returns (mean, std) [, samples of shape (n_samples, n, n_outputs)]."""
    pts = law._points(x)
    n, nout = pts.shape[0], law.n_outputs
    mean = np.empty((n, nout))
    std = np.empty((n, nout))
    smp = np.empty((n_samples, n, nout)) if return_samples else None
    check(lib().msb_propagate_mc(law._handle, n, as_double_p(pts), int(n_samples), int(seed),
                                 as_double_p(mean), as_double_p(std), as_double_p(smp)))
    m, s = law._shape_out(mean), law._shape_out(std)
    return (m, s, smp) if return_samples else (m, s)


def eval_uq_validity(law, x, extrapolation_factor=1.0):
    """(values, std, n_outside): std inflated outside the validity domain (docs/uq.md)."""
    pts = law._points(x)
    n, nout = pts.shape[0], law.n_outputs
    y = np.empty((n, nout))
    s = np.empty((n, nout))
    count = ctypes.c_size_t()
    check(lib().msb_law_eval_uq_validity(law._handle, float(extrapolation_factor), n,
                                         as_double_p(pts), as_double_p(y), as_double_p(s),
                                         ctypes.byref(count)))
    return law._shape_out(y), law._shape_out(s), count.value


# ---- fusion

def _sources(source, n):
    src = np.ascontiguousarray(np.asarray(source, dtype=np.uint64).ravel())
    if src.size != n:
        raise ValueError("source must have one entry per point")
    return src, src.ctypes.data_as(ctypes.POINTER(ctypes.c_size_t))


def _taus(tau, ng):
    if tau is None:
        return None
    t = np.array([np.nan if v is None else float(v) for v in np.ravel(tau)], dtype=float)
    if t.size != ng:
        raise ValueError(f"tau must have one entry per source ({ng})")
    return t


def fuse(value, std, source, tau=None, prior_scale=float("nan"), unit="1"):
    """Fuse estimates of one quantity from several sources; tau[g] = discrepancy sd of source g
    or None/NaN to infer it (shared scale, half-Cauchy(prior_scale) prior). Returns Estimate."""
    v = as_doubles(value).ravel()
    s = as_doubles(std).ravel()
    src, srcp = _sources(source, v.size)
    ng = int(src.max()) + 1 if src.size else 0
    t = _taus(tau, ng)
    est = ctypes.c_void_p()
    check(lib().msb_fuse(v.size, as_double_p(v), as_double_p(s), srcp, ng, as_double_p(t),
                         float(prior_scale), unit.encode(), ctypes.byref(est)))
    return Estimate(est.value)


def fuse_arrhenius(T, D, D_std, source, tau=None, prior_scale=float("nan")):
    """Fuse Arrhenius data from several sources (tau in ln D units). Returns (Estimate, Law)."""
    t = as_doubles(T).ravel()
    d = as_doubles(D).ravel()
    s = as_doubles(D_std).ravel()
    src, srcp = _sources(source, t.size)
    ng = int(src.max()) + 1 if src.size else 0
    ta = _taus(tau, ng)
    est = ctypes.c_void_p()
    law = ctypes.c_void_p()
    check(lib().msb_fuse_arrhenius(t.size, as_double_p(t), as_double_p(d), as_double_p(s),
                                   srcp, ng, as_double_p(ta), float(prior_scale),
                                   ctypes.byref(est), ctypes.byref(law)))
    return Estimate(est.value), Law(law.value)


def fuse_mcmc(value, std, source, tau, prior_scale, shared=False, n_samples=20000, seed=1,
              unit="1"):
    """Fuse estimates of one quantity, inferring each source's own discrepancy scale (tau[g] =
    None/NaN; given values are kept) by MCMC under independent half-Cauchy(prior_scale)
    priors; shared=True: one scale for all inferred sources (as fuse). Returns Estimate (kind
    "fusion_mcmc": mean, var, ci68, content_1sd, mean_mc_se, tau, tau_mc_se, bias, accept)."""
    v = as_doubles(value).ravel()
    s = as_doubles(std).ravel()
    src, srcp = _sources(source, v.size)
    ng = int(src.max()) + 1 if src.size else 0
    t = _taus(tau, ng)
    if t is None:
        raise ValueError("tau is required (None/NaN entries are inferred)")
    est = ctypes.c_void_p()
    check(lib().msb_fuse_mcmc(v.size, as_double_p(v), as_double_p(s), srcp, ng, as_double_p(t),
                              float(prior_scale), int(bool(shared)), int(n_samples), int(seed),
                              unit.encode(), ctypes.byref(est)))
    return Estimate(est.value)


# ---- validation

def validate(predicted, predicted_std, measured, measured_std, k=2.0):
    """z-score comparison of a prediction with a measurement. Returns Estimate."""
    est = ctypes.c_void_p()
    check(lib().msb_validate(float(predicted), float(predicted_std), float(measured),
                             float(measured_std), float(k), ctypes.byref(est)))
    return Estimate(est.value)


def validation_report(comparison, quantity=None, unit=None):
    out = ctypes.c_void_p()
    check(lib().msb_validate_report(comparison._handle,
                                    quantity.encode() if quantity else None,
                                    unit.encode() if unit else None, ctypes.byref(out)))
    return _take_string(out)

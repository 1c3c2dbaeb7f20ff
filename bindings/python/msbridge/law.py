"""The Law handle (msbridge/law.h) and the Estimate result (msbridge/estimate.h)."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib, text

DOMAINS = {0: "real", 1: "positive", 2: "nonnegative", 3: "unit_open", 4: "unit_closed"}


class _Handle:
    """Owns one C handle; close() releases it (also on context exit and garbage collection)."""

    _destroy = None

    def __init__(self, ptr):
        if not ptr:
            raise ValueError("NULL handle")
        self._ptr = ctypes.c_void_p(ptr)

    @property
    def _handle(self):
        if self._ptr is None:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    def close(self):
        if getattr(self, "_ptr", None) is not None:
            getattr(lib(), self._destroy)(self._ptr)
            self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass


def _new_handle(fn, *args):
    out = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(out)))
    return out.value


class Law(_Handle):
    """A material law: n points in, values and derivatives out, with parameter covariance.

    Inputs are given as an array of shape (n, n_inputs); a law with one input also accepts a
    1-D array of n points (or a scalar). Outputs have shape (n, n_outputs), squeezed to (n,)
    when the law has one output; input derivatives (n, n_outputs, n_inputs) squeezed likewise.
    """

    _destroy = "msb_law_destroy"

    # ---- self-description
    @property
    def kind(self):
        return text(lib().msb_law_kind(self._handle))

    @property
    def reference(self):
        return text(lib().msb_law_reference(self._handle))

    @property
    def n_inputs(self):
        return lib().msb_law_n_inputs(self._handle)

    @property
    def n_outputs(self):
        return lib().msb_law_n_outputs(self._handle)

    @property
    def n_params(self):
        return lib().msb_law_n_params(self._handle)

    @property
    def inputs(self):
        """[(name, unit, domain), ...]"""
        L, h = lib(), self._handle
        return [(text(L.msb_law_input_name(h, j)), text(L.msb_law_input_unit(h, j)),
                 DOMAINS.get(L.msb_law_input_domain(h, j), "real"))
                for j in range(self.n_inputs)]

    @property
    def outputs(self):
        L, h = lib(), self._handle
        return [(text(L.msb_law_output_name(h, k)), text(L.msb_law_output_unit(h, k)))
                for k in range(self.n_outputs)]

    @property
    def param_names(self):
        L, h = lib(), self._handle
        return [(text(L.msb_law_param_name(h, m)), text(L.msb_law_param_unit(h, m)))
                for m in range(self.n_params)]

    @property
    def params(self):
        p = np.empty(self.n_params)
        check(lib().msb_law_params(self._handle, as_double_p(p)))
        return p

    @property
    def covariance(self):
        n = self.n_params
        c = np.empty((n, n))
        check(lib().msb_law_covariance(self._handle, as_double_p(c)))
        return c

    def validity(self):
        """[(lo, hi), ...] per input: the range the law's data covered."""
        out = []
        for j in range(self.n_inputs):
            lo, hi = ctypes.c_double(), ctypes.c_double()
            check(lib().msb_law_validity(self._handle, j, ctypes.byref(lo), ctypes.byref(hi)))
            out.append((lo.value, hi.value))
        return out

    # ---- derived handles
    def with_params(self, params, cov=None):
        p = as_doubles(params).ravel()
        if p.size != self.n_params:
            raise ValueError(f"expected {self.n_params} parameters, got {p.size}")
        c = None if cov is None else as_doubles(cov).reshape(self.n_params, self.n_params)
        return Law(_new_handle(lib().msb_law_with_params, self._handle, as_double_p(p),
                               as_double_p(c)))

    def with_domain(self, lo, hi):
        lo_a = as_doubles(lo).ravel()
        hi_a = as_doubles(hi).ravel()
        if lo_a.size != self.n_inputs or hi_a.size != self.n_inputs:
            raise ValueError(f"expected {self.n_inputs} bounds each")
        return Law(_new_handle(lib().msb_law_with_domain, self._handle, as_double_p(lo_a),
                               as_double_p(hi_a)))

    # ---- evaluation
    def _points(self, x):
        arr = as_doubles(x)
        nin = self.n_inputs
        if arr.ndim == 0:
            arr = arr.reshape(1, 1) if nin == 1 else arr.reshape(1, -1)
        elif arr.ndim == 1:
            arr = arr.reshape(-1, 1) if nin == 1 else arr.reshape(1, -1)
        if arr.ndim != 2 or arr.shape[1] != nin:
            raise ValueError(f"x must have shape (n, {nin}); got {np.shape(x)}")
        return np.ascontiguousarray(arr)

    def _shape_out(self, y):
        return y[:, 0] if self.n_outputs == 1 else y

    def eval(self, x, derivatives=False):
        """Values, and with derivatives=True also d y / d x (n, n_outputs, n_inputs)."""
        pts = self._points(x)
        n = pts.shape[0]
        y = np.empty((n, self.n_outputs))
        d = np.empty((n, self.n_outputs, self.n_inputs)) if derivatives else None
        check(lib().msb_law_eval(self._handle, n, as_double_p(pts), as_double_p(y),
                                 as_double_p(d)))
        if not derivatives:
            return self._shape_out(y)
        if self.n_outputs == 1 and self.n_inputs == 1:
            d = d[:, 0, 0]
        elif self.n_outputs == 1:
            d = d[:, 0, :]
        return self._shape_out(y), d

    def eval_dparams(self, x):
        """Values and parameter derivatives (n, n_outputs, n_params)."""
        pts = self._points(x)
        n = pts.shape[0]
        y = np.empty((n, self.n_outputs))
        g = np.empty((n, self.n_outputs, self.n_params))
        check(lib().msb_law_eval_dparams(self._handle, n, as_double_p(pts), as_double_p(y),
                                         as_double_p(g)))
        return self._shape_out(y), (g[:, 0, :] if self.n_outputs == 1 else g)

    def eval_uq(self, x):
        """Values and first-order propagated standard uncertainties."""
        pts = self._points(x)
        n = pts.shape[0]
        y = np.empty((n, self.n_outputs))
        s = np.empty((n, self.n_outputs))
        check(lib().msb_law_eval_uq(self._handle, n, as_double_p(pts), as_double_p(y),
                                    as_double_p(s)))
        return self._shape_out(y), self._shape_out(s)

    def eval_with_params(self, params, x):
        p = as_doubles(params).ravel()
        if p.size != self.n_params:
            raise ValueError(f"expected {self.n_params} parameters, got {p.size}")
        pts = self._points(x)
        n = pts.shape[0]
        y = np.empty((n, self.n_outputs))
        check(lib().msb_law_eval_with_params(self._handle, as_double_p(p), n, as_double_p(pts),
                                             as_double_p(y), None))
        return self._shape_out(y)

    def count_outside(self, x):
        pts = self._points(x)
        count = ctypes.c_size_t()
        check(lib().msb_law_count_outside(self._handle, pts.shape[0], as_double_p(pts),
                                          ctypes.byref(count)))
        return count.value

    def __call__(self, x):
        return self.eval(x)

    def __repr__(self):
        if self._ptr is None:
            return "<msbridge.Law closed>"
        ins = ", ".join(f"{n} [{u}]" for n, u, _ in self.inputs)
        outs = ", ".join(f"{n} [{u}]" for n, u in self.outputs)
        return f"<msbridge.Law {self.kind}: ({ins}) -> ({outs})>"


class Estimate(_Handle):
    """Named values with standard uncertainties from an estimator.

    est["Ea"] -> (value, std) for a scalar entry, (values array, std array) otherwise;
    est.as_dict() -> {name: {"value", "std", "unit", "description"}}.
    """

    _destroy = "msb_estimate_destroy"

    @property
    def kind(self):
        return text(lib().msb_estimate_kind(self._handle))

    def names(self):
        L, h = lib(), self._handle
        return [text(L.msb_estimate_name(h, i)) for i in range(L.msb_estimate_count(h))]

    def _entry(self, i):
        L, h = lib(), self._handle
        n = L.msb_estimate_length(h, i)
        v = np.empty(n)
        s = np.empty(n)
        length = ctypes.c_size_t()
        check(L.msb_estimate_values(h, i, n, as_double_p(v), as_double_p(s),
                                    ctypes.byref(length)))
        return v, s

    def __getitem__(self, name):
        names = self.names()
        if name not in names:
            raise KeyError(f"{self.kind} estimate has no entry {name!r}; it has {names}")
        v, s = self._entry(names.index(name))
        return (float(v[0]), float(s[0])) if v.size == 1 else (v, s)

    def __contains__(self, name):
        return name in self.names()

    def as_dict(self):
        L, h = lib(), self._handle
        out = {}
        for i, name in enumerate(self.names()):
            v, s = self._entry(i)
            out[name] = {"value": float(v[0]) if v.size == 1 else v,
                         "std": float(s[0]) if s.size == 1 else s,
                         "unit": text(L.msb_estimate_unit(h, i)),
                         "description": text(L.msb_estimate_description(h, i))}
        return out

    def __repr__(self):
        return f"<msbridge.Estimate {self.kind}: {', '.join(self.names())}>"

"""Loading libmsbridge and applying the one signature table.

Search order (as pylibxc does): the package folder, then the MSBRIDGE_LIBRARY environment
variable (a path to libmsbridge.so), then the system loader. The loaded library's run-time
version must have the major version this package was written for.
"""
import ctypes
import importlib
import os
import pkgutil

import numpy as np

from . import _sigs
from ._types import DOUBLE_P

#: major.minor this binding was written against
BINDING_VERSION = (0, 1)

_lib = None


class MsbError(Exception):
    """A libmsbridge call failed: .status is the code, .name its identifier (e.g. "MSB_EDOM"),
    .message the library's detail naming the argument and the point."""

    def __init__(self, status, name, message):
        super().__init__(f"{name}: {message}")
        self.status = status
        self.name = name
        self.message = message


class VersionError(ImportError):
    pass


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ("libmsbridge.so.0", "libmsbridge.so"):
        path = os.path.join(here, name)
        if os.path.exists(path):
            yield path
    env = os.environ.get("MSBRIDGE_LIBRARY")
    if env:
        yield env
    yield "libmsbridge.so.0"


def _load():
    errors = []
    for cand in _candidates():
        try:
            return ctypes.CDLL(cand)
        except OSError as exc:
            errors.append(f"{cand}: {exc}")
    raise ImportError("libmsbridge not found; set MSBRIDGE_LIBRARY to the path of "
                      "libmsbridge.so. Tried:\n  " + "\n  ".join(errors))


def _apply_signatures(lib):
    for mod in pkgutil.iter_modules(_sigs.__path__):
        table = importlib.import_module(f"{_sigs.__name__}.{mod.name}").SIGNATURES
        for name, restype, argtypes in table:
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes


def lib():
    """The loaded library with signatures applied (loaded on first use)."""
    global _lib
    if _lib is None:
        handle = _load()
        _apply_signatures(handle)
        number = handle.msb_version_number()
        major, minor = number // 10000, (number // 100) % 100
        if major != BINDING_VERSION[0] or (major == 0 and minor < BINDING_VERSION[1]):
            raise VersionError(f"libmsbridge {major}.{minor} is loaded but this binding needs "
                               f"{BINDING_VERSION[0]}.{BINDING_VERSION[1]} or a later minor "
                               "version of the same major")
        _lib = handle
    return _lib


def check(status):
    """Raise MsbError for a non-zero status, with the thread-local message."""
    if status != 0:
        L = lib()
        name = L.msb_status_name(status)
        raise MsbError(status, name.decode() if name else f"status {status}",
                       L.msb_last_error_message().decode(errors="replace"))


def as_double_p(arr):
    """Pointer to a C-contiguous float64 array (None -> NULL)."""
    if arr is None:
        return None
    return arr.ctypes.data_as(DOUBLE_P)


def as_doubles(values, name="array"):
    """A C-contiguous float64 copy-or-view of values."""
    arr = np.ascontiguousarray(values, dtype=np.float64)
    return arr


def text(ptr):
    return None if ptr is None else ptr.decode()

"""msbridge — Python face of libmsbridge: material laws from atomistic simulations.

Thin ctypes binding: every function maps to one C function (see the C headers for units,
domains and errors); handles are classes with close() and context-manager support; errors raise
MsbError carrying the status code and the library's message. SI units throughout.
"""
from . import _lib
from ._lib import MsbError, VersionError, lib
from .law import Estimate, Law
from .rates import (activation_volume, arrhenius, arrhenius_fit, eyring, vineyard,
                    vineyard_prefactor)

# Exact SI-2019 constants (msbridge/core.h)
K_B = 1.380649e-23
H = 6.62607015e-34
E = 1.602176634e-19
N_A = 6.02214076e23
F = 96485.3321233100184
R = 8.31446261815324
EV = E


def version():
    """(number, string) of the loaded library."""
    L = lib()
    return L.msb_version_number(), L.msb_version_string().decode()


def _status_constants():
    L = lib()
    return {L.msb_status_name(c).decode(): c for c in range(L.msb_status_count())}


#: status codes read from the library itself (the single list in msbridge/status.h)
STATUS = _status_constants()
globals().update(STATUS)

__all__ = ["MsbError", "VersionError", "Law", "Estimate", "eyring", "vineyard",
           "vineyard_prefactor", "arrhenius", "arrhenius_fit", "activation_volume", "version",
           "STATUS", "K_B", "H", "E", "N_A", "F", "R", "EV"] + list(STATUS)

from .transport import (Trajectory, darken, einstein_fit, msd, mu_table, nernst_einstein,
                        onsager_fit, sei_resistance, transference_ne, yeh_hummer)

__all__ += ["Trajectory", "darken", "einstein_fit", "msd", "mu_table", "nernst_einstein",
            "onsager_fit", "sei_resistance", "transference_ne", "yeh_hummer"]

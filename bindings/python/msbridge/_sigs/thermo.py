"""Signatures of msbridge/hull.h, msbridge/thermo.h, msbridge/ocv.h, msbridge/langmuir.h."""
from ctypes import POINTER, c_double, c_int, c_size_t

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

SIZE_P = POINTER(c_size_t)

SIGNATURES = [
    ("msb_hull_analyze", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, c_double, POINTER(c_int), DOUBLE_P, SIZE_P, SIZE_P,
      DOUBLE_P]),
    ("msb_hull_plateaus", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, c_double, c_double, c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P,
      SIZE_P]),
    ("msb_hull_estimate", STATUS, [c_size_t, DOUBLE_P, DOUBLE_P, c_double, ESTIMATE_P]),
]

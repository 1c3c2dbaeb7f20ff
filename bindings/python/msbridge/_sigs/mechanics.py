"""Signatures of msbridge/elastic.h, msbridge/cohesive.h, msbridge/chemomech.h."""
from ctypes import POINTER, c_double, c_int, c_size_t

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

INT_P = POINTER(c_int)

SIGNATURES = [
    ("msb_elastic_moduli", STATUS, [c_size_t, DOUBLE_P, DOUBLE_P, INT_P]),
    ("msb_elastic_is_stable", STATUS, [DOUBLE_P, INT_P]),
    ("msb_elastic_compliance", STATUS, [DOUBLE_P, DOUBLE_P]),
    ("msb_elastic_young_direction", STATUS, [DOUBLE_P, c_size_t, DOUBLE_P, DOUBLE_P]),
    ("msb_elastic_fit", STATUS, [c_size_t, DOUBLE_P, DOUBLE_P, c_double, c_int, ESTIMATE_P]),
]

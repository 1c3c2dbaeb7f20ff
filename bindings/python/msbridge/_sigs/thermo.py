"""Signatures of msbridge/hull.h, msbridge/thermo.h, msbridge/ocv.h, msbridge/langmuir.h."""
from ctypes import POINTER, c_double, c_int, c_size_t, c_void_p

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

SIGNATURES += [
    ("msb_free_energy_rk_create", STATUS,
     [c_double, c_size_t, DOUBLE_P, DOUBLE_P, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_free_energy_rk_fit", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_int, c_size_t, c_double, ESTIMATE_P,
      HANDLE_P]),
    ("msb_free_energy_binodals", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, SIZE_P]),
    ("msb_ocv_plateau_create", STATUS, [c_size_t, DOUBLE_P, DOUBLE_P, c_double, HANDLE_P]),
    ("msb_ocv_from_hull_create", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, c_double, c_double, c_double, HANDLE_P]),
    ("msb_ocv_table_create", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_double, c_double, HANDLE_P]),
    ("msb_ocv_free_energy_create", STATUS, [c_void_p, c_double, c_double, HANDLE_P]),
    ("msb_ocv_binodals", STATUS, [c_void_p, c_double, c_size_t, DOUBLE_P, DOUBLE_P, SIZE_P]),
    ("msb_langmuir_create", STATUS, [c_double, c_double, c_double, c_int, DOUBLE_P, HANDLE_P]),
    ("msb_langmuir_competitive_create", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_langmuir_from_rates_create", STATUS, [c_void_p, c_void_p, c_double, c_int, HANDLE_P]),
    ("msb_langmuir_pressure", STATUS, [c_void_p, c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P]),
]

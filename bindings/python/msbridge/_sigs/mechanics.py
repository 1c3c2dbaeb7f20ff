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
    ("msb_cohesive_exponential_create", STATUS, [c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_cohesive_bilinear_create", STATUS,
     [c_double, c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_uber_fit", STATUS, [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, ESTIMATE_P, HANDLE_P]),
    ("msb_elastic_analyze", STATUS, [DOUBLE_P, ESTIMATE_P]),
    ("msb_partial_molar_volume_fit", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, ESTIMATE_P]),
    ("msb_voltage_pressure_create", STATUS,
     [c_double, c_double, c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_activation_volume_fit", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_double, ESTIMATE_P, HANDLE_P]),
    ("msb_activation_volume_tensor_create", STATUS,
     [c_double, c_double, DOUBLE_P, DOUBLE_P, HANDLE_P]),
    ("msb_activation_volume_tensor_fit", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_double, ESTIMATE_P, HANDLE_P]),
    ("msb_barodiffusion_create", STATUS, [c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_thin_film_stress", STATUS, [c_double, c_double, c_double, POINTER(c_double)]),
    ("msb_thin_film_fracture", STATUS,
     [c_double, c_double, c_double, c_double, c_double, c_double, ESTIMATE_P]),
]

"""Signatures of msbridge/tst.h, msbridge/arrhenius.h, msbridge/activation_volume.h."""
from ctypes import POINTER, c_char_p, c_double, c_int, c_size_t

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

SIGNATURES = [
    ("msb_tst_eyring_create", STATUS,
     [c_double, c_double, c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_tst_vineyard_create", STATUS,
     [c_size_t, DOUBLE_P, c_size_t, DOUBLE_P, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_tst_vineyard_prefactor", STATUS,
     [c_size_t, DOUBLE_P, c_size_t, DOUBLE_P, POINTER(c_double)]),
    ("msb_arrhenius_create", STATUS, [c_double, c_double, DOUBLE_P, HANDLE_P]),
    ("msb_arrhenius_create_named", STATUS,
     [c_double, c_double, DOUBLE_P, c_char_p, c_char_p, HANDLE_P]),
    ("msb_arrhenius_fit", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_int, ESTIMATE_P, HANDLE_P]),
    ("msb_activation_volume_create", STATUS,
     [c_double, c_double, c_double, DOUBLE_P, HANDLE_P]),
]

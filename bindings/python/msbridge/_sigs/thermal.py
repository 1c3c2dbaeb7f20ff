"""Signatures of msbridge/timeseries.h, msbridge/green_kubo.h, msbridge/kapitza.h."""
from ctypes import POINTER, c_char_p, c_double, c_int, c_size_t, c_void_p

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

SIGNATURES = [
    ("msb_table_read", STATUS, [c_char_p, c_int, HANDLE_P]),
    ("msb_table_parse", STATUS, [c_char_p, c_char_p, c_int, HANDLE_P]),
    ("msb_table_destroy", None, [c_void_p]),
    ("msb_table_nrows", c_size_t, [c_void_p]),
    ("msb_table_ncols", c_size_t, [c_void_p]),
    ("msb_table_column_name", c_char_p, [c_void_p, c_size_t]),
    ("msb_table_column", DOUBLE_P, [c_void_p, c_size_t]),
    ("msb_table_line", c_size_t, [c_void_p, c_size_t]),
    ("msb_table_find", STATUS, [c_void_p, c_char_p, POINTER(c_size_t)]),
    ("msb_gk_acf", STATUS, [c_size_t, c_size_t, DOUBLE_P, c_size_t, DOUBLE_P, DOUBLE_P]),
    ("msb_gk_running", STATUS,
     [c_int, c_size_t, c_size_t, DOUBLE_P, c_double, c_double, c_double, c_double, ESTIMATE_P]),
    ("msb_gk_cepstral", STATUS,
     [c_int, c_size_t, c_size_t, DOUBLE_P, c_double, c_double, c_double, c_double, ESTIMATE_P]),
    ("msb_gk_cepstral_multi", STATUS,
     [c_int, c_size_t, c_size_t, c_size_t, DOUBLE_P, c_double, c_double, c_double, c_double,
      ESTIMATE_P]),
    ("msb_kapitza_resistance", STATUS, [c_double, c_double, POINTER(c_double), POINTER(c_double)]),
    ("msb_kapitza_create", STATUS, [c_double, c_double, HANDLE_P]),
    ("msb_kapitza_from_conductance", STATUS, [c_double, c_double, HANDLE_P]),
    ("msb_kapitza_linear_create", STATUS, [c_double, c_double, c_double, DOUBLE_P, HANDLE_P]),
]

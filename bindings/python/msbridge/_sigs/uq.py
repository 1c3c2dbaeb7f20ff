"""Signatures of msbridge/card.h, msbridge/propagate.h, msbridge/fusion.h, msbridge/validate.h."""
from ctypes import POINTER, c_char_p, c_double, c_int, c_size_t, c_uint64, c_void_p

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS


SIZE_P = POINTER(c_size_t)

SIGNATURES = [
    ("msb_card_to_string", STATUS,
     [c_void_p, c_size_t, POINTER(c_char_p), c_char_p, c_char_p, POINTER(c_void_p)]),
    ("msb_card_write", STATUS,
     [c_void_p, c_char_p, c_size_t, POINTER(c_char_p), c_char_p, c_char_p]),
    ("msb_card_from_string", STATUS, [c_char_p, c_size_t, c_char_p, HANDLE_P]),
    ("msb_card_read", STATUS, [c_char_p, HANDLE_P]),
    ("msb_string_free", None, [c_void_p]),
    ("msb_sha256_hex", STATUS, [c_char_p, c_size_t, c_char_p]),
    ("msb_sha256_file", STATUS, [c_char_p, c_char_p]),
    ("msb_card_export_pybamm", STATUS, [c_void_p, c_char_p, c_char_p]),
    ("msb_card_export_c_header", STATUS, [c_void_p, c_char_p, c_char_p]),
    ("msb_law_compose", STATUS, [c_void_p, c_size_t, c_void_p, c_size_t, HANDLE_P]),
    ("msb_propagate_mc", STATUS,
     [c_void_p, c_size_t, DOUBLE_P, c_size_t, c_uint64, DOUBLE_P, DOUBLE_P, DOUBLE_P]),
    ("msb_law_eval_uq_validity", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, SIZE_P]),
    ("msb_fuse", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, SIZE_P, c_size_t, DOUBLE_P, c_double, c_char_p,
      ESTIMATE_P]),
    ("msb_fuse_arrhenius", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, SIZE_P, c_size_t, DOUBLE_P, c_double,
      ESTIMATE_P, HANDLE_P]),
    ("msb_fuse_mcmc", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, SIZE_P, c_size_t, DOUBLE_P, c_double, c_int, c_size_t,
      c_uint64, c_char_p, ESTIMATE_P]),
    ("msb_validate", STATUS, [c_double, c_double, c_double, c_double, c_double, ESTIMATE_P]),
    ("msb_validate_report", STATUS, [c_void_p, c_char_p, c_char_p, POINTER(c_void_p)]),
]

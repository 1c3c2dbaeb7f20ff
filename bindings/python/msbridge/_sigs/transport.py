"""Signatures of msbridge/trajectory.h, msbridge/msd.h, msbridge/transport.h."""
from ctypes import POINTER, c_char_p, c_double, c_int, c_longlong, c_size_t, c_void_p

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

INT_P = POINTER(c_int)

SIGNATURES = [
    ("msb_trajectory_read_lammps", STATUS,
     [c_char_p, c_void_p, c_double, c_size_t, c_size_t, HANDLE_P]),
    ("msb_trajectory_read_xyz", STATUS,
     [c_char_p, c_double, c_double, c_size_t, c_size_t, HANDLE_P]),
    ("msb_trajectory_create", STATUS,
     [c_size_t, c_size_t, DOUBLE_P, INT_P, DOUBLE_P, c_double, c_int, HANDLE_P]),
    ("msb_trajectory_destroy", None, [c_void_p]),
    ("msb_trajectory_n_frames", c_size_t, [c_void_p]),
    ("msb_trajectory_n_atoms", c_size_t, [c_void_p]),
    ("msb_trajectory_positions", DOUBLE_P, [c_void_p]),
    ("msb_trajectory_times", DOUBLE_P, [c_void_p]),
    ("msb_trajectory_types", INT_P, [c_void_p]),
    ("msb_trajectory_ids", POINTER(c_longlong), [c_void_p]),
    ("msb_trajectory_volume", c_double, [c_void_p, c_size_t]),
    ("msb_trajectory_unwrap_method", c_int, [c_void_p]),
    ("msb_trajectory_max_hop_fraction", c_double, [c_void_p]),
    ("msb_units_create", STATUS, [c_char_p, HANDLE_P]),
    ("msb_units_create_lj", STATUS, [c_double, c_double, c_double, HANDLE_P]),
    ("msb_units_destroy", None, [c_void_p]),
    ("msb_msd_compute", STATUS, [c_void_p, c_int, c_int, c_int, c_size_t, ESTIMATE_P]),
    ("msb_einstein_fit", STATUS,
     [c_void_p, c_int, c_int, c_double, c_double, c_size_t, ESTIMATE_P]),
    ("msb_onsager_fit", STATUS,
     [c_void_p, c_size_t, INT_P, INT_P, c_double, c_int, c_double, c_double, c_size_t,
      ESTIMATE_P]),
    ("msb_yeh_hummer_correction", STATUS,
     [c_double, c_double, c_double, c_double, POINTER(c_double)]),
    ("msb_nernst_einstein_create", STATUS,
     [c_size_t, POINTER(c_void_p), DOUBLE_P, INT_P, DOUBLE_P, DOUBLE_P, HANDLE_P]),
    ("msb_sei_resistance_create", STATUS, [c_void_p, c_double, c_double, HANDLE_P]),
    ("msb_transference_ne_create", STATUS,
     [c_void_p, c_void_p, c_double, c_int, c_double, c_int, HANDLE_P]),
    ("msb_darken_create", STATUS, [c_void_p, c_void_p, HANDLE_P]),
    ("msb_mu_table_create", STATUS,
     [c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P, c_double, HANDLE_P]),
]

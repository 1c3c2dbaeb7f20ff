"""Signatures of msbridge/lattice.h, ce.h, mc.h, kmc.h and surface_kmc.h."""
from ctypes import CFUNCTYPE, POINTER, c_double, c_int, c_size_t, c_uint64, c_void_p

from .._types import DOUBLE_P, ESTIMATE_P, HANDLE_P, STATUS

SIZE_P = POINTER(c_size_t)
UCHAR_P = c_void_p
#: msb_progress_fn: int (*)(void *user, double done, double total)
PROGRESS_FN = CFUNCTYPE(c_int, c_void_p, c_double, c_double)

SIGNATURES = [
    ("msb_lattice_create", STATUS,
     [c_int, c_double, c_size_t, c_size_t, c_size_t, c_size_t, HANDLE_P]),
    ("msb_lattice_create_custom", STATUS,
     [c_int, DOUBLE_P, c_size_t, DOUBLE_P, c_size_t, c_size_t, c_size_t, c_size_t, HANDLE_P]),
    ("msb_lattice_destroy", None, [c_void_p]),
    ("msb_lattice_nsites", c_size_t, [c_void_p]),
    ("msb_lattice_dim", c_int, [c_void_p]),
    ("msb_lattice_nshells", c_size_t, [c_void_p]),
    ("msb_lattice_shell", STATUS, [c_void_p, c_size_t, POINTER(c_double), SIZE_P]),
    ("msb_lattice_site_position", STATUS, [c_void_p, c_size_t, DOUBLE_P]),
    ("msb_lattice_neighbors", STATUS,
     [c_void_p, c_size_t, c_size_t, c_size_t, SIZE_P, DOUBLE_P, SIZE_P]),
    ("msb_lattice_triplet_orbits", STATUS, [c_void_p, c_size_t, c_size_t, SIZE_P, SIZE_P]),
    ("msb_ce_basis_size", STATUS, [c_void_p, c_size_t, c_size_t, SIZE_P]),
    ("msb_ce_correlations", STATUS,
     [c_void_p, c_size_t, c_size_t, c_size_t, UCHAR_P, DOUBLE_P]),
    ("msb_ce_fit", STATUS, [c_size_t, c_size_t, DOUBLE_P, DOUBLE_P, c_double, ESTIMATE_P]),
    ("msb_ce_predict", STATUS, [c_void_p, c_size_t, c_size_t, DOUBLE_P, DOUBLE_P, DOUBLE_P]),
    ("msb_ce_to_pair", STATUS,
     [c_void_p, c_size_t, DOUBLE_P, POINTER(c_double), POINTER(c_double), DOUBLE_P]),
    ("msb_mc_sgc", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, c_double, c_size_t, DOUBLE_P, c_size_t, c_size_t,
      c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P]),
    ("msb_mc_canonical", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, c_double, c_size_t, DOUBLE_P, c_size_t, c_size_t,
      c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P]),
    ("msb_kmc_vacancy", STATUS,
     [c_void_p, c_size_t, c_double, c_double, c_size_t, DOUBLE_P, c_double, c_size_t, c_size_t,
      c_size_t, c_double, c_double, c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P]),
    ("msb_kmc_surface", STATUS,
     [c_void_p, c_size_t, DOUBLE_P, c_double, c_double, c_double, c_double, c_size_t, c_size_t,
      c_size_t, c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P]),
    ("msb_kmc_surface_tof_law", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, c_void_p, c_void_p, c_void_p, c_void_p, c_size_t,
      c_size_t, c_size_t, c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P, HANDLE_P]),
    ("msb_mc_free_energy", STATUS,
     [c_size_t, POINTER(c_void_p), c_size_t, c_double, ESTIMATE_P, HANDLE_P]),
    ("msb_mc_ocv", STATUS, [c_void_p, c_double, HANDLE_P]),
    ("msb_ce_hamiltonian_create", STATUS, [c_void_p, c_size_t, c_size_t, DOUBLE_P, HANDLE_P]),
    ("msb_ce_hamiltonian_destroy", None, [c_void_p]),
    ("msb_ce_hamiltonian_energy", STATUS, [c_void_p, UCHAR_P, POINTER(c_double)]),
    ("msb_ce_hamiltonian_delta", STATUS,
     [c_void_p, UCHAR_P, c_size_t, c_size_t, POINTER(c_double)]),
    ("msb_mc_sgc_ce", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, c_size_t, c_size_t, c_uint64, PROGRESS_FN,
      c_void_p, ESTIMATE_P]),
    ("msb_mc_canonical_ce", STATUS,
     [c_void_p, c_double, c_size_t, DOUBLE_P, c_size_t, c_size_t, c_uint64, PROGRESS_FN,
      c_void_p, ESTIMATE_P]),
    ("msb_kmc_vacancy_ce", STATUS,
     [c_void_p, c_size_t, c_double, c_double, c_double, c_size_t, c_size_t, c_size_t, c_double,
      c_double, c_uint64, PROGRESS_FN, c_void_p, ESTIMATE_P]),
]

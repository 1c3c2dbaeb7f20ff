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
from .thermal import (Table, gk_acf, gk_cepstral, gk_running, kapitza, kapitza_from_conductance,
                      kapitza_linear, kapitza_resistance, parse_table, read_table)
from .uq import (card_from_string, card_string, compose, eval_uq_validity, export_c_header,
                 export_pybamm, fuse, fuse_arrhenius, propagate_mc, read_card, sha256_file,
                 validate, validation_report, write_card)

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
__all__ += ["Table", "read_table", "parse_table", "gk_acf", "gk_running", "gk_cepstral",
            "kapitza_resistance", "kapitza", "kapitza_from_conductance", "kapitza_linear"]

from . import mechanics  # noqa: E402
from .mechanics import (ELASTIC_PROPERTIES, activation_volume_fit,  # noqa: E402
                        activation_volume_tensor, activation_volume_tensor_fit, barodiffusion,
                        cohesive_bilinear, cohesive_exponential, elastic_analyze,
                        elastic_compliance, elastic_fit, elastic_is_stable, elastic_moduli,
                        elastic_moduli_array, partial_molar_volume_fit, thin_film_fracture,
                        thin_film_stress, uber_fit, voltage_pressure, young_direction)

__all__ += ["mechanics", "ELASTIC_PROPERTIES", "activation_volume_fit",
            "activation_volume_tensor", "activation_volume_tensor_fit", "barodiffusion",
            "cohesive_bilinear", "cohesive_exponential", "elastic_analyze", "elastic_compliance",
            "elastic_fit", "elastic_is_stable", "elastic_moduli", "elastic_moduli_array",
            "partial_molar_volume_fit", "thin_film_fracture", "thin_film_stress", "uber_fit",
            "voltage_pressure", "young_direction"]

from .thermo import hull_analyze, hull_estimate, hull_plateaus  # noqa: E402

__all__ += ["hull_analyze", "hull_estimate", "hull_plateaus"]
from .thermo import (free_energy_binodals, free_energy_rk, free_energy_rk_fit,  # noqa: E402
                     langmuir, langmuir_competitive, langmuir_from_rates, langmuir_pressure,
                     ocv_free_energy, ocv_from_hull, ocv_plateau, ocv_table)

__all__ += ["free_energy_binodals", "free_energy_rk", "free_energy_rk_fit", "langmuir",
            "langmuir_competitive", "langmuir_from_rates", "langmuir_pressure",
            "ocv_free_energy", "ocv_from_hull", "ocv_plateau", "ocv_table"]
__all__ += ["card_string", "write_card", "read_card", "card_from_string", "sha256_file",
            "export_pybamm", "export_c_header", "compose", "propagate_mc", "eval_uq_validity",
            "fuse", "fuse_arrhenius", "validate", "validation_report"]

from .lattice import (Lattice, ce_correlations, ce_fit, ce_predict, ce_to_pair,  # noqa: E402
                      kmc_surface, kmc_surface_tof_law, kmc_vacancy, mc_canonical,
                      mc_sgc)

__all__ += ["Lattice", "ce_correlations", "ce_fit", "ce_predict", "ce_to_pair", "mc_sgc",
            "mc_canonical", "kmc_vacancy", "kmc_surface", "kmc_surface_tof_law"]

from .transport import (Trajectory, darken, einstein_fit, msd, mu_table, nernst_einstein,
                        onsager_fit, sei_resistance, transference_ne, yeh_hummer)

__all__ += ["Trajectory", "darken", "einstein_fit", "msd", "mu_table", "nernst_einstein",
            "onsager_fit", "sei_resistance", "transference_ne", "yeh_hummer"]

from .uq import fuse_mcmc  # noqa: E402

__all__ += ["fuse_mcmc"]
from .thermal import gk_cepstral_multi  # noqa: E402  (issue 4: multi-component cepstral)
__all__ += ["gk_cepstral_multi"]
from .lattice import (CeHamiltonian, kmc_vacancy_ce, mc_canonical_ce, mc_free_energy,  # noqa: E402
                      mc_ocv, mc_sgc_ce)

__all__ += ["CeHamiltonian", "mc_sgc_ce", "mc_canonical_ce", "kmc_vacancy_ce", "mc_free_energy",
            "mc_ocv"]

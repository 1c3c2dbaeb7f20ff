"""Lattice engines: lattices and neighbour shells, cluster expansion, Metropolis Monte Carlo
and vacancy kinetic Monte Carlo (msbridge/lattice.h, ce.h, mc.h, kmc.h). SI units; energies
per particle or per site in J (multiply eV by msbridge.EV). Results are Estimate objects whose
entry names are listed in the C headers and in docs/lattice.md."""
import ctypes

import numpy as np

from ._lib import as_double_p, as_doubles, check, lib
from ._sigs.lattice import PROGRESS_FN
from .law import Estimate, Law, _Handle, _new_handle

KINDS = {"square": 0, "triangular": 1, "honeycomb": 2, "sc": 3, "bcc": 4, "fcc": 5}


class Lattice(_Handle):
    """Periodic supercell of a built-in or user-defined lattice with tabulated shells."""

    _destroy = "msb_lattice_destroy"

    def __init__(self, kind, a, size, nshells=3):
        """kind: one of KINDS; a in m; size = (n1, n2[, n3])."""
        n = list(size) + [1] * (3 - len(size))
        super().__init__(_new_handle(lib().msb_lattice_create, KINDS[kind], float(a), n[0],
                                     n[1], n[2], nshells))

    @classmethod
    def custom(cls, cell, frac, size, nshells=3, dim=3):
        """cell: 3x3 rows in m; frac: (nbasis, 3) fractional positions in [0, 1)."""
        c = as_doubles(cell).reshape(9)
        f = as_doubles(frac).reshape(-1, 3)
        n = list(size) + [1] * (3 - len(size))
        obj = cls.__new__(cls)
        _Handle.__init__(obj, _new_handle(lib().msb_lattice_create_custom, dim, as_double_p(c),
                                          f.shape[0], as_double_p(f), n[0], n[1], n[2],
                                          nshells))
        return obj

    @property
    def nsites(self):
        return lib().msb_lattice_nsites(self._handle)

    @property
    def nshells(self):
        return lib().msb_lattice_nshells(self._handle)

    def shell(self, s):
        """(distance in m, coordination number) of shell s."""
        d = ctypes.c_double()
        z = ctypes.c_size_t()
        check(lib().msb_lattice_shell(self._handle, s, ctypes.byref(d), ctypes.byref(z)))
        return d.value, z.value

    def positions(self):
        out = np.empty((self.nsites, 3))
        for i in range(self.nsites):
            check(lib().msb_lattice_site_position(self._handle, i, as_double_p(out[i])))
        return out

    def neighbors(self, i, s):
        """(indices, displacement vectors in m) of site i's neighbours in shell s."""
        n = ctypes.c_size_t()
        cap = 256
        idx = (ctypes.c_size_t * cap)()
        disp = np.empty((cap, 3))
        check(lib().msb_lattice_neighbors(self._handle, i, s, cap, idx, as_double_p(disp),
                                          ctypes.byref(n)))
        return np.array(idx[:n.value], dtype=np.int64), disp[:n.value].copy()


def _progress(fn):
    if fn is None:
        return PROGRESS_FN(), None
    cb = PROGRESS_FN(lambda user, done, total: 1 if fn(done, total) else 0)
    return cb, cb


def ce_correlations(lattice, occupations, npair, ntrip_shells=0):
    """Correlation matrix (nconfig, ncorr) of 0/1 occupations of shape (nconfig, nsites)."""
    occ = np.ascontiguousarray(occupations, dtype=np.uint8)
    if occ.ndim == 1:
        occ = occ[None, :]
    nc = ctypes.c_size_t()
    check(lib().msb_ce_basis_size(lattice._handle, npair, ntrip_shells, ctypes.byref(nc)))
    if occ.shape[1] != lattice.nsites:
        raise ValueError("occupations must have nsites columns")
    out = np.empty((occ.shape[0], nc.value))
    check(lib().msb_ce_correlations(lattice._handle, npair, ntrip_shells, occ.shape[0],
                                    occ.ctypes.data_as(ctypes.c_void_p), as_double_p(out)))
    return out


def ce_fit(corr, energy, lam=0.0):
    """ECIs by (ridge) least squares with leave-one-out CV; energies in J per site."""
    X = as_doubles(corr)
    y = as_doubles(energy).ravel()
    if X.ndim != 2 or X.shape[0] != y.size:
        raise ValueError("corr must be (n, ncorr) and energy (n,)")
    out = ctypes.c_void_p()
    check(lib().msb_ce_fit(X.shape[0], X.shape[1], as_double_p(X), as_double_p(y), float(lam),
                           ctypes.byref(out)))
    return Estimate(out.value)


def ce_predict(fit, corr):
    """(E, E_std) per site, J, for rows of corr."""
    X = np.atleast_2d(as_doubles(corr))
    E = np.empty(X.shape[0])
    S = np.empty(X.shape[0])
    check(lib().msb_ce_predict(fit._handle, X.shape[0], X.shape[1], as_double_p(X),
                               as_double_p(E), as_double_p(S)))
    return E, S


def ce_to_pair(lattice, eci, npair):
    """(e0, e_point, V) of the occupation-basis pair Hamiltonian from point+pair ECIs (J)."""
    J = as_doubles(eci).ravel()
    e0, ep = ctypes.c_double(), ctypes.c_double()
    V = np.empty(max(npair, 1))
    check(lib().msb_ce_to_pair(lattice._handle, npair, as_double_p(J), ctypes.byref(e0),
                               ctypes.byref(ep), as_double_p(V)))
    return e0.value, ep.value, V[:npair]


def _V(V):
    if V is None:
        return 0, None
    v = as_doubles(V).ravel()
    return v.size, v


def mc_sgc(lattice, T, mu, V=None, e_point=0.0, sweeps=2000, equil=500, seed=1, progress=None):
    """Semi-grand-canonical Metropolis; mu (J) strictly increasing. progress(done, total) ->
    True cancels (MsbError MSB_ECANCELLED)."""
    nv, v = _V(V)
    m = as_doubles(mu).ravel()
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_mc_sgc(lattice._handle, float(e_point), nv, as_double_p(v), float(T), m.size,
                           as_double_p(m), equil, sweeps, seed, cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def mc_canonical(lattice, T, x, V=None, e_point=0.0, sweeps=2000, equil=500, seed=1,
                 progress=None):
    """Canonical (exchange) Metropolis at compositions x."""
    nv, v = _V(V)
    xs = as_doubles(x).ravel()
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_mc_canonical(lattice._handle, float(e_point), nv, as_double_p(v), float(T),
                                 xs.size, as_double_p(xs), equil, sweeps, seed, cb, None,
                                 ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def kmc_vacancy(lattice, n_atoms, T, E_kra, nu=1e13, V=None, events=100000, equil=0,
                replicas=8, theta=float("nan"), theta_std=float("nan"), seed=1, progress=None):
    """Vacancy-mediated diffusion KMC: D_tracer, D_J, correlation_factor, D_chem (SI)."""
    nv, v = _V(V)
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_kmc_vacancy(lattice._handle, n_atoms, float(nu), float(E_kra), nv,
                                as_double_p(v), float(T), equil, events, replicas, float(theta),
                                float(theta_std), seed, cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def kmc_surface(lattice, P, k_ads, k_des, k_hop, k_rxn, events=100000, equil=10000, replicas=8,
                seed=1, progress=None):
    """Surface KMC (adsorption, desorption, hopping, A + A reaction) at pressures P (Pa):
    coverage, tof, k_eff, D_J_surface per pressure (msbridge/surface_kmc.h)."""
    p = as_doubles(P).ravel()
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_kmc_surface(lattice._handle, p.size, as_double_p(p), float(k_ads),
                                float(k_des), float(k_hop), float(k_rxn), equil, events,
                                replicas, seed, cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def kmc_surface_tof_law(lattice, P, T, k_ads, k_des, k_hop, k_rxn, events=100000, equil=10000,
                        replicas=8, seed=1, progress=None):
    """Turnover-frequency law TOF(T) at pressure P from surface KMC runs at temperatures T with
    rate constants given as one-input laws of T (Law objects). Returns (Estimate, Law)."""
    t = as_doubles(T).ravel()
    cb, keep = _progress(progress)
    est = ctypes.c_void_p()
    law = ctypes.c_void_p()
    check(lib().msb_kmc_surface_tof_law(lattice._handle, float(P), t.size, as_double_p(t),
                                        k_ads._handle, k_des._handle, k_hop._handle,
                                        k_rxn._handle, equil, events, replicas, seed, cb, None,
                                        ctypes.byref(est), ctypes.byref(law)))
    del keep
    return Estimate(est.value), Law(law.value)


def mc_free_energy(scans, m=8, mu_ref=0.0):
    """Free-energy law from msb_mc_sgc scans (Estimates, one temperature each) by thermodynamic
    integration from the dilute end(s), common-tangent bridging of first-order jumps and a
    Redlich-Kister fit with m terms. Returns (Estimate, Law); the estimate holds the integrated
    table (x_table, F_table, ...) and the binodals of each scan (msbridge/mc.h)."""
    scans = list(scans)
    arr = (ctypes.c_void_p * len(scans))(*[s._handle for s in scans])
    est = ctypes.c_void_p()
    law = ctypes.c_void_p()
    check(lib().msb_mc_free_energy(len(scans), arr, m, float(mu_ref), ctypes.byref(est),
                                   ctypes.byref(law)))
    return Estimate(est.value), Law(law.value)


def mc_ocv(scan, mu_ref=0.0):
    """OCV law V(x) at the temperature of one SGC scan, flat across two-phase regions."""
    law = ctypes.c_void_p()
    check(lib().msb_mc_ocv(scan._handle, float(mu_ref), ctypes.byref(law)))
    return Law(law.value)


class CeHamiltonian(_Handle):
    """Cluster-expansion Hamiltonian with point, pair and triplet clusters (spin-basis ECIs in
    J per site, msb_ce_basis_size order) for mc_sgc_ce, mc_canonical_ce and kmc_vacancy_ce.
    Energies relative to the empty lattice. Keeps the lattice alive."""

    _destroy = "msb_ce_hamiltonian_destroy"

    def __init__(self, lattice, eci, npair, ntrip_shells=0):
        J = as_doubles(eci).ravel()
        nc = ctypes.c_size_t()
        check(lib().msb_ce_basis_size(lattice._handle, npair, ntrip_shells, ctypes.byref(nc)))
        if J.size != nc.value:
            raise ValueError(f"eci must have {nc.value} values")
        super().__init__(_new_handle(lib().msb_ce_hamiltonian_create, lattice._handle, npair,
                                     ntrip_shells, as_double_p(J)))
        self.lattice = lattice
        self._eci = J

    def _occ(self, occupations):
        occ = np.ascontiguousarray(occupations, dtype=np.uint8).ravel()
        if occ.size != self.lattice.nsites:
            raise ValueError("occupations must have nsites values")
        return occ

    def energy(self, occupations):
        """Total energy (J) relative to the empty lattice."""
        occ = self._occ(occupations)
        E = ctypes.c_double()
        check(lib().msb_ce_hamiltonian_energy(self._handle, occ.ctypes.data_as(ctypes.c_void_p),
                                              ctypes.byref(E)))
        return E.value

    def delta(self, occupations, i, j=None):
        """Energy change (J) of flipping site i (j None) or exchanging sites i and j."""
        occ = self._occ(occupations)
        d = ctypes.c_double()
        check(lib().msb_ce_hamiltonian_delta(self._handle, occ.ctypes.data_as(ctypes.c_void_p),
                                             i, i if j is None else j, ctypes.byref(d)))
        return d.value


def mc_sgc_ce(ham, T, mu, sweeps=2000, equil=500, seed=1, progress=None):
    """mc_sgc with a CeHamiltonian (triplets allowed)."""
    m = as_doubles(mu).ravel()
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_mc_sgc_ce(ham._handle, float(T), m.size, as_double_p(m), equil, sweeps, seed,
                              cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def mc_canonical_ce(ham, T, x, sweeps=2000, equil=500, seed=1, progress=None):
    """mc_canonical with a CeHamiltonian (triplets allowed)."""
    xs = as_doubles(x).ravel()
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_mc_canonical_ce(ham._handle, float(T), xs.size, as_double_p(xs), equil,
                                    sweeps, seed, cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)


def kmc_vacancy_ce(ham, n_atoms, T, E_kra, nu=1e13, events=100000, equil=0, replicas=8,
                   theta=float("nan"), theta_std=float("nan"), seed=1, progress=None):
    """kmc_vacancy with a CeHamiltonian (kinetically resolved barriers with triplets)."""
    cb, keep = _progress(progress)
    out = ctypes.c_void_p()
    check(lib().msb_kmc_vacancy_ce(ham._handle, n_atoms, float(nu), float(E_kra), float(T),
                                   equil, events, replicas, float(theta), float(theta_std), seed,
                                   cb, None, ctypes.byref(out)))
    del keep
    return Estimate(out.value)

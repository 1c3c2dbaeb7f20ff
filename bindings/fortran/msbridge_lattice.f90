!> msbridge_lattice — Fortran interface to the lattice engines (msbridge/lattice.h, mc.h,
!> kmc.h, ce.h, surface_kmc.h): periodic lattices, semi-grand-canonical and canonical Monte
!> Carlo, vacancy kinetic Monte Carlo, surface kinetic Monte Carlo (coverage, TOF and the TOF(T)
!> law) and the cluster-expansion fit. SI units; energies in J (MSB_EV * eV).
!> Results are msb_estimate handles (entry names in docs/lattice.md); msb_estimate_array reads
!> a whole entry. No progress callback is passed from Fortran (runs cannot be cancelled here).
module msbridge_lattice
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private

  integer(c_int), parameter, public :: MSB_LATTICE_SQUARE = 0, MSB_LATTICE_TRIANGULAR = 1, &
       MSB_LATTICE_HONEYCOMB = 2, MSB_LATTICE_SC = 3, MSB_LATTICE_BCC = 4, MSB_LATTICE_FCC = 5

  type, public :: msb_lattice
    private
    type(c_ptr) :: ptr = c_null_ptr
  end type msb_lattice

  public :: msb_lattice_create, msb_lattice_destroy, msb_lattice_nsites, msb_mc_sgc, &
       msb_mc_canonical, msb_kmc_vacancy, msb_ce_fit, msb_estimate_array, msb_kmc_surface, &
       msb_kmc_surface_tof_law, msb_mc_free_energy, msb_mc_ocv

  interface
    function c_lattice_create(kind, a, n1, n2, n3, ns, out) bind(C, name="msb_lattice_create") &
         result(s)
      import :: c_int, c_double, c_size_t, c_ptr
      integer(c_int), value :: kind
      real(c_double), value :: a
      integer(c_size_t), value :: n1, n2, n3, ns
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    subroutine c_lattice_destroy(p) bind(C, name="msb_lattice_destroy")
      import :: c_ptr
      type(c_ptr), value :: p
    end subroutine
    function c_lattice_nsites(p) bind(C, name="msb_lattice_nsites") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: p
      integer(c_size_t) :: n
    end function
    function c_mc_sgc(lat, e, nv, V, T, nmu, mu, neq, nsw, seed, prog, user, out) &
         bind(C, name="msb_mc_sgc") result(s)
      import :: c_ptr, c_double, c_size_t, c_int64_t, c_funptr, c_int
      type(c_ptr), value :: lat, V, mu, user
      real(c_double), value :: e, T
      integer(c_size_t), value :: nv, nmu, neq, nsw
      integer(c_int64_t), value :: seed
      type(c_funptr), value :: prog
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_mc_canonical(lat, e, nv, V, T, nx, x, neq, nsw, seed, prog, user, out) &
         bind(C, name="msb_mc_canonical") result(s)
      import :: c_ptr, c_double, c_size_t, c_int64_t, c_funptr, c_int
      type(c_ptr), value :: lat, V, x, user
      real(c_double), value :: e, T
      integer(c_size_t), value :: nv, nx, neq, nsw
      integer(c_int64_t), value :: seed
      type(c_funptr), value :: prog
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_kmc_vacancy(lat, na, nu, ek, nv, V, T, neq, nev, nrep, th, ths, seed, prog, &
         user, out) bind(C, name="msb_kmc_vacancy") result(s)
      import :: c_ptr, c_double, c_size_t, c_int64_t, c_funptr, c_int
      type(c_ptr), value :: lat, V, user
      integer(c_size_t), value :: na, nv, neq, nev, nrep
      real(c_double), value :: nu, ek, T, th, ths
      integer(c_int64_t), value :: seed
      type(c_funptr), value :: prog
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_kmc_surface(lat, nP, P, ka, kd, kh, kr, neq, nev, nrep, seed, prog, user, out) &
         bind(C, name="msb_kmc_surface") result(s)
      import :: c_ptr, c_double, c_size_t, c_int64_t, c_funptr, c_int
      type(c_ptr), value :: lat, P, user
      integer(c_size_t), value :: nP, neq, nev, nrep
      real(c_double), value :: ka, kd, kh, kr
      integer(c_int64_t), value :: seed
      type(c_funptr), value :: prog
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_kmc_surface_tof_law(lat, P, nT, T, la, ld, lh, lr, neq, nev, nrep, seed, prog, &
         user, est, law) bind(C, name="msb_kmc_surface_tof_law") result(s)
      import :: c_ptr, c_double, c_size_t, c_int64_t, c_funptr, c_int
      type(c_ptr), value :: lat, T, la, ld, lh, lr, user
      real(c_double), value :: P
      integer(c_size_t), value :: nT, neq, nev, nrep
      integer(c_int64_t), value :: seed
      type(c_funptr), value :: prog
      type(c_ptr) :: est, law
      integer(c_int) :: s
    end function
    function c_mc_free_energy(ns, scans, m, mu_ref, est, law) bind(C, name="msb_mc_free_energy") &
         result(s)
      import :: c_ptr, c_double, c_size_t, c_int
      integer(c_size_t), value :: ns, m
      type(c_ptr), value :: scans
      real(c_double), value :: mu_ref
      type(c_ptr) :: est, law
      integer(c_int) :: s
    end function
    function c_mc_ocv(scan, mu_ref, law) bind(C, name="msb_mc_ocv") result(s)
      import :: c_ptr, c_double, c_int
      type(c_ptr), value :: scan
      real(c_double), value :: mu_ref
      type(c_ptr) :: law
      integer(c_int) :: s
    end function
    function c_ce_fit(n, p, corr, E, lam, out) bind(C, name="msb_ce_fit") result(s)
      import :: c_ptr, c_double, c_size_t, c_int
      integer(c_size_t), value :: n, p
      type(c_ptr), value :: corr, E
      real(c_double), value :: lam
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_estimate_find(est, name, idx) bind(C, name="msb_estimate_find") result(s)
      import :: c_ptr, c_char, c_size_t, c_int
      type(c_ptr), value :: est
      character(kind=c_char), dimension(*) :: name
      integer(c_size_t) :: idx
      integer(c_int) :: s
    end function
    function c_estimate_values(est, i, cap, v, sd, n) bind(C, name="msb_estimate_values") &
         result(s)
      import :: c_ptr, c_size_t, c_int
      type(c_ptr), value :: est, v, sd
      integer(c_size_t), value :: i, cap
      integer(c_size_t) :: n
      integer(c_int) :: s
    end function
  end interface

contains

  !> Built-in lattice: kind MSB_LATTICE_*, a in m, n = (n1, n2, n3), nshells shells.
  subroutine msb_lattice_create(lat, kind, a, n, nshells, ierr)
    type(msb_lattice), intent(out) :: lat
    integer(c_int), intent(in) :: kind
    real(c_double), intent(in) :: a
    integer, intent(in) :: n(3), nshells
    integer, intent(out), optional :: ierr
    call msb_status_from(c_lattice_create(kind, a, int(n(1), c_size_t), int(n(2), c_size_t), &
         int(n(3), c_size_t), int(nshells, c_size_t), lat%ptr), ierr)
  end subroutine

  subroutine msb_lattice_destroy(lat)
    type(msb_lattice), intent(inout) :: lat
    call c_lattice_destroy(lat%ptr)
    lat%ptr = c_null_ptr
  end subroutine

  integer function msb_lattice_nsites(lat)
    type(msb_lattice), intent(in) :: lat
    msb_lattice_nsites = int(c_lattice_nsites(lat%ptr))
  end function

  !> Semi-grand-canonical MC (msb_mc_sgc); V may be empty (size 0).
  subroutine msb_mc_sgc(lat, e_point, V, T, mu, n_equil, n_sweeps, seed, est, ierr)
    type(msb_lattice), intent(in) :: lat
    real(c_double), intent(in) :: e_point, T
    real(c_double), intent(in), target :: V(:), mu(:)
    integer, intent(in) :: n_equil, n_sweeps
    integer(c_int64_t), intent(in) :: seed
    type(msb_estimate), intent(out) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out, pv
    integer(c_int) :: s
    out = c_null_ptr
    pv = c_null_ptr
    if (size(V) > 0) pv = c_loc(V)
    s = c_mc_sgc(lat%ptr, e_point, size(V, kind=c_size_t), pv, T, size(mu, kind=c_size_t), &
         c_loc(mu), int(n_equil, c_size_t), int(n_sweeps, c_size_t), seed, c_null_funptr, &
         c_null_ptr, out)
    if (s == 0) call msb_estimate_set_cptr(est, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Canonical MC (msb_mc_canonical) at compositions x.
  subroutine msb_mc_canonical(lat, e_point, V, T, x, n_equil, n_sweeps, seed, est, ierr)
    type(msb_lattice), intent(in) :: lat
    real(c_double), intent(in) :: e_point, T
    real(c_double), intent(in), target :: V(:), x(:)
    integer, intent(in) :: n_equil, n_sweeps
    integer(c_int64_t), intent(in) :: seed
    type(msb_estimate), intent(out) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out, pv
    integer(c_int) :: s
    out = c_null_ptr
    pv = c_null_ptr
    if (size(V) > 0) pv = c_loc(V)
    s = c_mc_canonical(lat%ptr, e_point, size(V, kind=c_size_t), pv, T, &
         size(x, kind=c_size_t), c_loc(x), int(n_equil, c_size_t), int(n_sweeps, c_size_t), &
         seed, c_null_funptr, c_null_ptr, out)
    if (s == 0) call msb_estimate_set_cptr(est, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Vacancy KMC (msb_kmc_vacancy); theta may be NaN (then D_chem is NaN).
  subroutine msb_kmc_vacancy(lat, n_atoms, nu, E_kra, V, T, n_equil, n_events, n_replicas, &
       theta, seed, est, ierr)
    type(msb_lattice), intent(in) :: lat
    integer, intent(in) :: n_atoms, n_equil, n_events, n_replicas
    real(c_double), intent(in) :: nu, E_kra, T, theta
    real(c_double), intent(in), target :: V(:)
    integer(c_int64_t), intent(in) :: seed
    type(msb_estimate), intent(out) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out, pv
    integer(c_int) :: s
    out = c_null_ptr
    pv = c_null_ptr
    if (size(V) > 0) pv = c_loc(V)
    s = c_kmc_vacancy(lat%ptr, int(n_atoms, c_size_t), nu, E_kra, size(V, kind=c_size_t), pv, &
         T, int(n_equil, c_size_t), int(n_events, c_size_t), int(n_replicas, c_size_t), &
         theta, 0.0_c_double, seed, c_null_funptr, c_null_ptr, out)
    if (s == 0) call msb_estimate_set_cptr(est, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Surface KMC (msb_kmc_surface): adsorption k_ads P (k_ads in 1/(Pa s)), desorption k_des,
  !> hops k_hop and the A + A reaction k_rxn (1/s) on a 2-D lattice at the pressures P (Pa).
  !> Entries: P, coverage, tof, k_eff, D_J_surface, adsorption_rate, n_events, n_replicas.
  subroutine msb_kmc_surface(lat, P, k_ads, k_des, k_hop, k_rxn, n_equil, n_events, &
       n_replicas, seed, est, ierr)
    type(msb_lattice), intent(in) :: lat
    real(c_double), intent(in), target :: P(:)
    real(c_double), intent(in) :: k_ads, k_des, k_hop, k_rxn
    integer, intent(in) :: n_equil, n_events, n_replicas
    integer(c_int64_t), intent(in) :: seed
    type(msb_estimate), intent(out) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out, pp
    integer(c_int) :: s
    out = c_null_ptr
    pp = c_null_ptr
    if (size(P) > 0) pp = c_loc(P)
    s = c_kmc_surface(lat%ptr, size(P, kind=c_size_t), pp, k_ads, k_des, k_hop, k_rxn, &
         int(n_equil, c_size_t), int(n_events, c_size_t), int(n_replicas, c_size_t), seed, &
         c_null_funptr, c_null_ptr, out)
    if (s == 0) call msb_estimate_set_cptr(est, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Turnover-frequency law TOF(T) at pressure P (msb_kmc_surface_tof_law): surface KMC at the
  !> temperatures T (K) with the four rate laws of T, then an Arrhenius fit; est gets the fit
  !> (with entries T, tof, coverage), law the Arrhenius law (values in 1/s).
  subroutine msb_kmc_surface_tof_law(lat, P, T, k_ads, k_des, k_hop, k_rxn, n_equil, &
       n_events, n_replicas, seed, est, law, ierr)
    type(msb_lattice), intent(in) :: lat
    real(c_double), intent(in) :: P
    real(c_double), intent(in), target :: T(:)
    type(msb_law), intent(in) :: k_ads, k_des, k_hop, k_rxn
    integer, intent(in) :: n_equil, n_events, n_replicas
    integer(c_int64_t), intent(in) :: seed
    type(msb_estimate), intent(out) :: est
    type(msb_law), intent(out) :: law
    integer, intent(out), optional :: ierr
    type(c_ptr) :: pe, pl, pt
    integer(c_int) :: s
    pe = c_null_ptr
    pl = c_null_ptr
    pt = c_null_ptr
    if (size(T) > 0) pt = c_loc(T)
    s = c_kmc_surface_tof_law(lat%ptr, P, size(T, kind=c_size_t), pt, msb_law_cptr(k_ads), &
         msb_law_cptr(k_des), msb_law_cptr(k_hop), msb_law_cptr(k_rxn), int(n_equil, c_size_t), &
         int(n_events, c_size_t), int(n_replicas, c_size_t), seed, c_null_funptr, c_null_ptr, &
         pe, pl)
    if (s == 0) then
      call msb_estimate_set_cptr(est, pe)
      call msb_law_set_cptr(law, pl)
    end if
    call msb_status_from(s, ierr)
  end subroutine

  !> Free-energy law from semi-grand-canonical scans (msb_mc_free_energy): thermodynamic
  !> integration from the dilute end(s), common-tangent bridging of first-order jumps and a
  !> Redlich-Kister fit with m terms; est gets the fit with the integrated table (x_table,
  !> F_table, mu_table, T_table) and the binodals (binodal_lo, binodal_hi, mu_coexist).
  subroutine msb_mc_free_energy(scans, m, mu_ref, est, law, ierr)
    type(msb_estimate), intent(in) :: scans(:)
    integer, intent(in) :: m
    real(c_double), intent(in) :: mu_ref
    type(msb_estimate), intent(out) :: est
    type(msb_law), intent(out) :: law
    integer, intent(out), optional :: ierr
    type(c_ptr), allocatable, target :: p(:)
    type(c_ptr) :: pe, pl, pp
    integer(c_int) :: s
    integer :: i
    allocate(p(max(size(scans), 1)))
    do i = 1, size(scans)
      p(i) = msb_estimate_cptr(scans(i))
    end do
    pe = c_null_ptr
    pl = c_null_ptr
    pp = c_loc(p)
    s = c_mc_free_energy(size(scans, kind=c_size_t), pp, int(m, c_size_t), mu_ref, pe, pl)
    if (s == 0) then
      call msb_estimate_set_cptr(est, pe)
      call msb_law_set_cptr(law, pl)
    end if
    call msb_status_from(s, ierr)
  end subroutine

  !> Open-circuit voltage V(x) at the temperature of one SGC scan (msb_mc_ocv), flat across
  !> two-phase regions; inputs (x, T), output V (volts vs the reference mu_ref, J).
  subroutine msb_mc_ocv(scan, mu_ref, law, ierr)
    type(msb_estimate), intent(in) :: scan
    real(c_double), intent(in) :: mu_ref
    type(msb_law), intent(out) :: law
    integer, intent(out), optional :: ierr
    type(c_ptr) :: pl
    integer(c_int) :: s
    pl = c_null_ptr
    s = c_mc_ocv(msb_estimate_cptr(scan), mu_ref, pl)
    if (s == 0) call msb_law_set_cptr(law, pl)
    call msb_status_from(s, ierr)
  end subroutine

  !> Cluster-expansion fit: corr(ncorr, nconfig) (column = configuration), energy(nconfig).
  subroutine msb_ce_fit(corr, energy, lambda, est, ierr)
    real(c_double), intent(in), target :: corr(:, :), energy(:)
    real(c_double), intent(in) :: lambda
    type(msb_estimate), intent(out) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    out = c_null_ptr
    s = c_ce_fit(size(corr, 2, kind=c_size_t), size(corr, 1, kind=c_size_t), c_loc(corr), &
         c_loc(energy), lambda, out)
    if (s == 0) call msb_estimate_set_cptr(est, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> All values (and optionally uncertainties) of estimate entry `name`; n gets the length.
  subroutine msb_estimate_array(est, name, values, std, n, ierr)
    type(msb_estimate), intent(in) :: est
    character(len=*), intent(in) :: name
    real(c_double), intent(out), target :: values(:)
    real(c_double), intent(out), optional, target :: std(:)
    integer, intent(out), optional :: n, ierr
    integer(c_size_t) :: i, len
    integer(c_int) :: s
    type(c_ptr) :: psd
    len = 0
    s = c_estimate_find(msb_estimate_cptr(est), trim(name) // c_null_char, i)
    if (s == 0) then
      psd = c_null_ptr
      if (present(std)) then
        if (size(std) < size(values)) then
          s = MSB_ESIZE
        else
          psd = c_loc(std)
        end if
      end if
      if (s == 0) s = c_estimate_values(msb_estimate_cptr(est), i, &
           size(values, kind=c_size_t), c_loc(values), psd, len)
    end if
    if (present(n)) n = int(len)
    call msb_status_from(s, ierr)
  end subroutine

end module msbridge_lattice

!> msbridge_thermo — Fortran interface to msbridge/hull.h, thermo.h, ocv.h and langmuir.h:
!> binary convex hull and voltage plateaus, the Redlich-Kister free-energy law (mu, Theta, F,
!> V), OCV laws and Langmuir isotherms. SI units (energies in J; multiply eV by MSB_EV). Every
!> routine takes an optional integer ierr (0 on success, else an MSB_E* code). Parameter
!> covariances are not passed from Fortran (the laws are created with zero covariance).
module msbridge_thermo
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private
  public :: msb_hull_analyze, msb_hull_plateaus, msb_free_energy_rk_create, &
            msb_free_energy_binodals, msb_ocv_plateau_create, msb_ocv_table_create, &
            msb_ocv_free_energy_create, msb_langmuir_create, msb_langmuir_competitive_create, &
            msb_langmuir_from_rates_create, msb_langmuir_pressure

  interface
    function c_hull_analyze(n, x, e, tol, stable, eah, dlo, dhi, flo) &
        bind(C, name="msb_hull_analyze") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: n
      type(c_ptr), value :: x, e, stable, eah, dlo, dhi, flo
      real(c_double), value :: tol
      integer(c_int) :: s
    end function
    function c_hull_plateaus(n, y, G, mu_ref, tol, cap, lo, hi, V, np) &
        bind(C, name="msb_hull_plateaus") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: n, cap
      type(c_ptr), value :: y, G, lo, hi, V
      real(c_double), value :: mu_ref, tol
      integer(c_size_t) :: np
      integer(c_int) :: s
    end function
    function c_fe_create(E0, m, A, B, mu_ref, cov, out) &
        bind(C, name="msb_free_energy_rk_create") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      real(c_double), value :: E0, mu_ref
      integer(c_size_t), value :: m
      type(c_ptr), value :: A, B, cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_fe_binodals(law, T, cap, lo, hi, mu, ng) &
        bind(C, name="msb_free_energy_binodals") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      type(c_ptr), value :: law, lo, hi, mu
      real(c_double), value :: T
      integer(c_size_t), value :: cap
      integer(c_size_t) :: ng
      integer(c_int) :: s
    end function
    function c_ocv_plateau(m, xb, V, w, out) bind(C, name="msb_ocv_plateau_create") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: m
      type(c_ptr), value :: xb, V
      real(c_double), value :: w
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_ocv_table(n, x, V, dvdt, Tref, tol, out) &
        bind(C, name="msb_ocv_table_create") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: n
      type(c_ptr), value :: x, V, dvdt
      real(c_double), value :: Tref, tol
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_ocv_fe(fe, Tmin, Tmax, out) bind(C, name="msb_ocv_free_energy_create") result(s)
      import :: c_ptr, c_double, c_int
      type(c_ptr), value :: fe
      real(c_double), value :: Tmin, Tmax
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_langmuir(dH, dS, Pref, dis, cov, out) bind(C, name="msb_langmuir_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: dH, dS, Pref
      integer(c_int), value :: dis
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_langmuir_comp(N, dH, dS, Pref, cov, out) &
        bind(C, name="msb_langmuir_competitive_create") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: N
      type(c_ptr), value :: dH, dS, cov
      real(c_double), value :: Pref
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_langmuir_rates(ka, kd, Pref, dis, out) &
        bind(C, name="msb_langmuir_from_rates_create") result(s)
      import :: c_ptr, c_double, c_int
      type(c_ptr), value :: ka, kd
      real(c_double), value :: Pref
      integer(c_int), value :: dis
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_langmuir_pressure(law, n, th, T, P) bind(C, name="msb_langmuir_pressure") result(s)
      import :: c_ptr, c_int, c_size_t
      type(c_ptr), value :: law, th, T, P
      integer(c_size_t), value :: n
      integer(c_int) :: s
    end function
  end interface

contains

  !> Hull of n entries: x in [0,1], e in J/atom, tol in J/atom. stable(i) = 1 or 0;
  !> e_above_hull in J/atom; decomp_lo/hi are 0-based entry indices (as in C).
  subroutine msb_hull_analyze(x, e, tol, stable, e_above_hull, decomp_lo, decomp_hi, frac_lo, ierr)
    real(c_double), intent(in), target, contiguous :: x(:), e(:)
    real(c_double), intent(in) :: tol
    integer(c_int), intent(inout), target, contiguous :: stable(:)
    real(c_double), intent(inout), target, contiguous :: e_above_hull(:), frac_lo(:)
    integer(c_size_t), intent(inout), target, contiguous :: decomp_lo(:), decomp_hi(:)
    integer, intent(out), optional :: ierr
    integer(c_size_t) :: n
    n = size(x, kind=c_size_t)
    if (size(e) /= n .or. size(stable) < n .or. size(e_above_hull) < n .or. &
        size(decomp_lo) < n .or. size(decomp_hi) < n .or. size(frac_lo) < n) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    call msb_status_from(c_hull_analyze(n, c_loc(x), c_loc(e), tol, c_loc(stable), &
         c_loc(e_above_hull), c_loc(decomp_lo), c_loc(decomp_hi), c_loc(frac_lo)), ierr)
  end subroutine

  !> Voltage plateaus: y ions and G (J) per host formula unit, mu_ref (J per ion). On return
  !> nplat plateaus in x_lo, x_hi, V (room for size(V)).
  subroutine msb_hull_plateaus(y, G, mu_ref, tol, x_lo, x_hi, V, nplat, ierr)
    real(c_double), intent(in), target, contiguous :: y(:), G(:)
    real(c_double), intent(in) :: mu_ref, tol
    real(c_double), intent(inout), target, contiguous :: x_lo(:), x_hi(:), V(:)
    integer, intent(out) :: nplat
    integer, intent(out), optional :: ierr
    integer(c_size_t) :: np, cap
    np = 0
    cap = min(size(x_lo), size(x_hi), size(V))
    if (size(G) /= size(y)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      nplat = 0
      return
    end if
    call msb_status_from(c_hull_plateaus(size(y, kind=c_size_t), c_loc(y), c_loc(G), mu_ref, &
         tol, cap, c_loc(x_lo), c_loc(x_hi), c_loc(V), np), ierr)
    nplat = int(np)
  end subroutine

  !> Free-energy law (inputs x, T; outputs mu, Theta, F, V) with Redlich-Kister A (J), B (J/K).
  subroutine msb_free_energy_rk_create(law, E0, A, B, mu_ref, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: E0, mu_ref
    real(c_double), intent(in), target, contiguous :: A(:)
    real(c_double), intent(in), optional, target, contiguous :: B(:)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p, pb
    integer(c_int) :: s
    pb = c_null_ptr
    if (present(B)) then
      if (size(B) /= size(A)) then
        call msb_status_from(int(MSB_ESIZE, c_int), ierr)
        return
      end if
      pb = c_loc(B)
    end if
    p = c_null_ptr
    s = c_fe_create(E0, size(A, kind=c_size_t), c_loc(A), pb, mu_ref, c_null_ptr, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Miscibility gaps at T: ngap gaps in x_lo, x_hi, mu (J).
  subroutine msb_free_energy_binodals(law, T, x_lo, x_hi, mu, ngap, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(in) :: T
    real(c_double), intent(inout), target, contiguous :: x_lo(:), x_hi(:), mu(:)
    integer, intent(out) :: ngap
    integer, intent(out), optional :: ierr
    integer(c_size_t) :: ng
    ng = 0
    call msb_status_from(c_fe_binodals(msb_law_cptr(law), T, &
         int(min(size(x_lo), size(x_hi), size(mu)), c_size_t), c_loc(x_lo), c_loc(x_hi), &
         c_loc(mu), ng), ierr)
    ngap = int(ng)
  end subroutine

  !> Smoothed plateau OCV: size(V) plateaus between the size(V)+1 boundaries x_b.
  subroutine msb_ocv_plateau_create(law, x_b, V, width, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in), target, contiguous :: x_b(:), V(:)
    real(c_double), intent(in) :: width
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    if (size(x_b) /= size(V) + 1) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    p = c_null_ptr
    s = c_ocv_plateau(size(V, kind=c_size_t), c_loc(x_b), c_loc(V), width, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Measured OCV table (Steffen monotone interpolant); optional entropic table dVdT about T_ref.
  subroutine msb_ocv_table_create(law, x, V, reversal_tol, dVdT, T_ref, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in), target, contiguous :: x(:), V(:)
    real(c_double), intent(in) :: reversal_tol
    real(c_double), intent(in), optional, target, contiguous :: dVdT(:)
    real(c_double), intent(in), optional :: T_ref
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p, ps
    real(c_double) :: tr
    integer(c_int) :: s
    ps = c_null_ptr
    tr = 0
    if (present(dVdT)) ps = c_loc(dVdT)
    if (present(T_ref)) tr = T_ref
    if (size(V) /= size(x)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    p = c_null_ptr
    s = c_ocv_table(size(x, kind=c_size_t), c_loc(x), c_loc(V), ps, tr, reversal_tol, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Common-tangent OCV from a free-energy law, gaps tabulated on [T_min, T_max].
  subroutine msb_ocv_free_energy_create(law, fe, T_min, T_max, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: fe
    real(c_double), intent(in) :: T_min, T_max
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_ocv_fe(msb_law_cptr(fe), T_min, T_max, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Single-site (dissociative = .false.) or dissociative Langmuir isotherm.
  subroutine msb_langmuir_create(law, dH, dS, P_ref, dissociative, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: dH, dS, P_ref
    logical, intent(in) :: dissociative
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s, d
    d = 0
    if (dissociative) d = 1
    p = c_null_ptr
    s = c_langmuir(dH, dS, P_ref, d, c_null_ptr, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Competitive Langmuir isotherm for size(dH) species.
  subroutine msb_langmuir_competitive_create(law, dH, dS, P_ref, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in), target, contiguous :: dH(:), dS(:)
    real(c_double), intent(in) :: P_ref
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    if (size(dS) /= size(dH)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    p = c_null_ptr
    s = c_langmuir_comp(size(dH, kind=c_size_t), c_loc(dH), c_loc(dS), P_ref, c_null_ptr, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Langmuir isotherm with K(T) = k_ads(T) / (k_des(T) P_ref).
  subroutine msb_langmuir_from_rates_create(law, k_ads, k_des, P_ref, dissociative, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: k_ads, k_des
    real(c_double), intent(in) :: P_ref
    logical, intent(in) :: dissociative
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s, d
    d = 0
    if (dissociative) d = 1
    p = c_null_ptr
    s = c_langmuir_rates(msb_law_cptr(k_ads), msb_law_cptr(k_des), P_ref, d, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Inverse isotherm: P (Pa) at coverage theta and temperature T (same sizes).
  subroutine msb_langmuir_pressure(law, theta, T, P, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(in), target, contiguous :: theta(:), T(:)
    real(c_double), intent(inout), target, contiguous :: P(:)
    integer, intent(out), optional :: ierr
    if (size(T) /= size(theta) .or. size(P) < size(theta)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    call msb_status_from(c_langmuir_pressure(msb_law_cptr(law), size(theta, kind=c_size_t), &
         c_loc(theta), c_loc(T), c_loc(P)), ierr)
  end subroutine

end module msbridge_thermo

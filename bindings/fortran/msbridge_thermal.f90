!> msbridge_thermal — Green-Kubo estimators (msbridge/green_kubo.h) and the Kapitza interface
!> law (msbridge/kapitza.h). Series are x(n, ncomp): one column per equivalent component, SI
!> units (kind MSB_GK_HEAT_JV: J m/s, the LAMMPS compute heat/flux output converted; kind
!> MSB_GK_HEAT_FLUX: W/m^2; kind MSB_GK_INTERFACE: W). Every subroutine takes an optional ierr
!> (the C status); read the detail with msb_last_error_message().
module msbridge_thermal
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private

  integer, parameter, public :: MSB_GK_HEAT_JV = 0, MSB_GK_HEAT_FLUX = 1, MSB_GK_INTERFACE = 2
  public :: msb_gk_running, msb_gk_cepstral, msb_kapitza_resistance, msb_kapitza_create, &
       msb_kapitza_from_conductance, msb_gk_cepstral_multi

  interface
    function c_gk_running(kind, n, nc, x, dt, geom, T, extra, est) &
         bind(C, name="msb_gk_running") result(s)
      import :: c_int, c_size_t, c_ptr, c_double
      integer(c_int), value :: kind
      integer(c_size_t), value :: n, nc
      type(c_ptr), value :: x, est
      real(c_double), value :: dt, geom, T, extra
      integer(c_int) :: s
    end function
    function c_gk_cepstral(kind, n, nc, x, dt, geom, T, extra, est) &
         bind(C, name="msb_gk_cepstral") result(s)
      import :: c_int, c_size_t, c_ptr, c_double
      integer(c_int), value :: kind
      integer(c_size_t), value :: n, nc
      type(c_ptr), value :: x, est
      real(c_double), value :: dt, geom, T, extra
      integer(c_int) :: s
    end function
    function c_gk_cepstral_multi(kind, n, nc, nf, x, dt, geom, T, extra, est) &
         bind(C, name="msb_gk_cepstral_multi") result(s)
      import :: c_int, c_size_t, c_ptr, c_double
      integer(c_int), value :: kind
      integer(c_size_t), value :: n, nc, nf
      type(c_ptr), value :: x, est
      real(c_double), value :: dt, geom, T, extra
      integer(c_int) :: s
    end function
    function c_kapitza_resistance(G, Gs, R, Rs) bind(C, name="msb_kapitza_resistance") result(s)
      import :: c_int, c_double
      real(c_double), value :: G, Gs
      real(c_double), intent(out) :: R, Rs
      integer(c_int) :: s
    end function
    function c_kapitza_create(R, Rv, law) bind(C, name="msb_kapitza_create") result(s)
      import :: c_int, c_double, c_ptr
      real(c_double), value :: R, Rv
      type(c_ptr), intent(out) :: law
      integer(c_int) :: s
    end function
    function c_kapitza_from_conductance(G, Gs, law) &
         bind(C, name="msb_kapitza_from_conductance") result(s)
      import :: c_int, c_double, c_ptr
      real(c_double), value :: G, Gs
      type(c_ptr), intent(out) :: law
      integer(c_int) :: s
    end function
  end interface

contains

  !> Running-integral Green-Kubo estimate into est (entries as in green_kubo.h);
  !> t_cut = 0 for the automatic cutoff.
  subroutine msb_gk_running(x, kind, dt, geom, T, t_cut, est, ierr)
    real(c_double), intent(in), target, contiguous :: x(:,:)
    integer, intent(in) :: kind
    real(c_double), intent(in) :: dt, geom, T, t_cut
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr), target :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_gk_running(int(kind, c_int), int(size(x, 1), c_size_t), int(size(x, 2), c_size_t), &
         c_loc(x), dt, geom, T, t_cut, c_loc(p))
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Cepstral Green-Kubo estimate; f_star = 0 for the Nyquist frequency.
  subroutine msb_gk_cepstral(x, kind, dt, geom, T, f_star, est, ierr)
    real(c_double), intent(in), target, contiguous :: x(:,:)
    integer, intent(in) :: kind
    real(c_double), intent(in) :: dt, geom, T, f_star
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr), target :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_gk_cepstral(int(kind, c_int), int(size(x, 1), c_size_t), int(size(x, 2), c_size_t), &
         c_loc(x), dt, geom, T, f_star, c_loc(p))
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Multi-component cepstral estimate: x(n, ncomp, nflux), flux 1 the energy flux (SI, kind),
  !> the others conserved fluxes in any unit; f_star = 0 for the Nyquist frequency.
  subroutine msb_gk_cepstral_multi(x, kind, dt, geom, T, f_star, est, ierr)
    real(c_double), intent(in), target, contiguous :: x(:,:,:)
    integer, intent(in) :: kind
    real(c_double), intent(in) :: dt, geom, T, f_star
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr), target :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_gk_cepstral_multi(int(kind, c_int), int(size(x, 1), c_size_t), &
         int(size(x, 2), c_size_t), int(size(x, 3), c_size_t), c_loc(x), dt, geom, T, f_star, &
         c_loc(p))
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> R_K = 1/G and sd_G/G^2 (m^2 K/W).
  subroutine msb_kapitza_resistance(G, G_std, R, R_std, ierr)
    real(c_double), intent(in) :: G, G_std
    real(c_double), intent(out) :: R, R_std
    integer, intent(out), optional :: ierr
    call msb_status_from(c_kapitza_resistance(G, G_std, R, R_std), ierr)
  end subroutine

  !> Law dT(q) = q R_K.
  subroutine msb_kapitza_create(law, R_K, R_var, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: R_K, R_var
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    s = c_kapitza_create(R_K, R_var, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Law dT(q) = q / G with var(R_K) = (G_std/G^2)^2.
  subroutine msb_kapitza_from_conductance(law, G, G_std, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: G, G_std
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    s = c_kapitza_from_conductance(G, G_std, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine
end module msbridge_thermal

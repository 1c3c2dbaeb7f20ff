!> msbridge_transport — Fortran interface to the transport laws (msbridge/transport.h) and the
!> Einstein diffusion fit of a LAMMPS dump (msbridge/trajectory.h, msbridge/msd.h).
!> Laws come back as msb_law handles usable with msb_law_eval / msb_law_eval_uq; release them
!> with msb_destroy. Errors: optional ierr receives the status (message in
!> msb_last_error_message()). SI units.
module msbridge_transport
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private
  public :: msb_nernst_einstein_create, msb_sei_resistance_create, msb_darken_create, &
       msb_mu_table_create, msb_transference_ne_create, msb_einstein_fit_lammps

  interface
    function c_ne_create(n, laws, dens, z, h, hs, out) bind(C, name="msb_nernst_einstein_create") result(s)
      import :: c_size_t, c_ptr, c_int
      integer(c_size_t), value :: n
      type(c_ptr), intent(in) :: laws(*)
      type(c_ptr), value :: dens, z, h, hs
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_sei_create(sig, h, hs, out) bind(C, name="msb_sei_resistance_create") result(s)
      import :: c_ptr, c_double, c_int
      type(c_ptr), value :: sig
      real(c_double), value :: h, hs
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_tp_create(dp, dm, np, zp, nm, zm, out) bind(C, name="msb_transference_ne_create") result(s)
      import :: c_ptr, c_double, c_int
      type(c_ptr), value :: dp, dm
      real(c_double), value :: np, nm
      integer(c_int), value :: zp, zm
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_darken_create(ds, th, out) bind(C, name="msb_darken_create") result(s)
      import :: c_ptr, c_int
      type(c_ptr), value :: ds, th
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_mu_create(n, x, mu, sd, T, out) bind(C, name="msb_mu_table_create") result(s)
      import :: c_size_t, c_ptr, c_double, c_int
      integer(c_size_t), value :: n
      real(c_double), intent(in) :: x(*), mu(*)
      type(c_ptr), value :: sd
      real(c_double), value :: T
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_units_create(name, out) bind(C, name="msb_units_create") result(s)
      import :: c_char, c_ptr, c_int
      character(kind=c_char), intent(in) :: name(*)
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    function c_units_lj(a, b, c, out) bind(C, name="msb_units_create_lj") result(s)
      import :: c_double, c_ptr, c_int
      real(c_double), value :: a, b, c
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    subroutine c_units_destroy(u) bind(C, name="msb_units_destroy")
      import :: c_ptr
      type(c_ptr), value :: u
    end subroutine
    function c_read_lammps(path, u, dt, mf, ma, out) bind(C, name="msb_trajectory_read_lammps") result(s)
      import :: c_char, c_ptr, c_double, c_size_t, c_int
      character(kind=c_char), intent(in) :: path(*)
      type(c_ptr), value :: u
      real(c_double), value :: dt
      integer(c_size_t), value :: mf, ma
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
    subroutine c_traj_destroy(t) bind(C, name="msb_trajectory_destroy")
      import :: c_ptr
      type(c_ptr), value :: t
    end subroutine
    function c_einstein(t, ty, com, tmin, tmax, nb, out) bind(C, name="msb_einstein_fit") result(s)
      import :: c_ptr, c_int, c_double, c_size_t
      type(c_ptr), value :: t
      integer(c_int), value :: ty, com
      real(c_double), value :: tmin, tmax
      integer(c_size_t), value :: nb
      type(c_ptr), intent(out) :: out
      integer(c_int) :: s
    end function
  end interface

contains

  !> sigma(T) = sum_i n_i (z_i e)^2 D_i(T) / (k_B T H_i); D_laws(i): one-input laws (T).
  subroutine msb_nernst_einstein_create(law, D_laws, n, z, haven, haven_std, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: D_laws(:)
    real(c_double), intent(in), target, contiguous :: n(:)
    integer(c_int), intent(in), target, contiguous :: z(:)
    real(c_double), intent(in), optional, target, contiguous :: haven(:), haven_std(:)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: parts(8), ph, phs, out
    integer(c_int) :: s
    integer :: i
    if (size(D_laws) > 8 .or. size(n) /= size(D_laws) .or. size(z) /= size(D_laws)) then
      call msb_status_from(7_c_int, ierr) ! MSB_ESIZE
      return
    end if
    do i = 1, size(D_laws)
      parts(i) = msb_law_cptr(D_laws(i))
    end do
    ph = c_null_ptr
    phs = c_null_ptr
    if (present(haven)) ph = c_loc(haven)
    if (present(haven_std)) phs = c_loc(haven_std)
    s = c_ne_create(int(size(D_laws), c_size_t), parts, c_loc(n), c_loc(z), ph, phs, out)
    if (s == 0) call msb_law_set_cptr(law, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> R_area(T) = h / sigma(T), Ohm m^2.
  subroutine msb_sei_resistance_create(law, sigma_law, h, h_std, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: sigma_law
    real(c_double), intent(in) :: h, h_std
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_sei_create(msb_law_cptr(sigma_law), h, h_std, out)
    if (s == 0) call msb_law_set_cptr(law, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> t+ = n+ z+^2 D+ / (n+ z+^2 D+ + n- z-^2 D-).
  subroutine msb_transference_ne_create(law, D_plus, D_minus, n_plus, z_plus, n_minus, z_minus, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: D_plus, D_minus
    real(c_double), intent(in) :: n_plus, n_minus
    integer(c_int), intent(in) :: z_plus, z_minus
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_tp_create(msb_law_cptr(D_plus), msb_law_cptr(D_minus), n_plus, z_plus, n_minus, &
         z_minus, out)
    if (s == 0) call msb_law_set_cptr(law, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> D_chem(c, T) = D*(c, T) Theta(c, T); outputs D_chem and Theta.
  subroutine msb_darken_create(law, D_star, theta_law, ierr)
    type(msb_law), intent(inout) :: law
    type(msb_law), intent(in) :: D_star, theta_law
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_darken_create(msb_law_cptr(D_star), msb_law_cptr(theta_law), out)
    if (s == 0) call msb_law_set_cptr(law, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Tabulated mu(x) (J) with a natural cubic spline; inputs (x, T), outputs (mu, Theta).
  subroutine msb_mu_table_create(law, x, mu, T_ref, mu_std, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: x(:), mu(:)
    real(c_double), intent(in) :: T_ref
    real(c_double), intent(in), optional, target, contiguous :: mu_std(:)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out, ps
    integer(c_int) :: s
    if (size(mu) /= size(x)) then
      call msb_status_from(7_c_int, ierr)
      return
    end if
    ps = c_null_ptr
    if (present(mu_std)) ps = c_loc(mu_std)
    s = c_mu_create(int(size(x), c_size_t), x, mu, ps, T_ref, out)
    if (s == 0) call msb_law_set_cptr(law, out)
    call msb_status_from(s, ierr)
  end subroutine

  !> Einstein D (estimate entries as msb_einstein_fit) of a LAMMPS dump; units "metal",
  !> "real", ... or "lj" (reduced, sigma = 1 m, tau = 1 s); atype < 0: all atoms.
  subroutine msb_einstein_fit_lammps(est, path, units, timestep, atype, n_blocks, ierr)
    type(msb_estimate), intent(inout) :: est
    character(len=*), intent(in) :: path, units
    real(c_double), intent(in) :: timestep
    integer, intent(in) :: atype, n_blocks
    integer, intent(out), optional :: ierr
    type(c_ptr) :: u, t, out
    integer(c_int) :: s
    if (units == 'lj') then
      s = c_units_lj(1.0_c_double, 1.0_c_double, 1.0_c_double, u)
    else
      s = c_units_create(units // c_null_char, u)
    end if
    if (s /= 0) then
      call msb_status_from(s, ierr)
      return
    end if
    s = c_read_lammps(path // c_null_char, u, timestep, 0_c_size_t, 0_c_size_t, t)
    call c_units_destroy(u)
    if (s == 0) then
      s = c_einstein(t, int(atype, c_int), 0_c_int, 0.0_c_double, 0.0_c_double, &
           int(n_blocks, c_size_t), out)
      call c_traj_destroy(t)
      if (s == 0) call msb_estimate_set_cptr(est, out)
    end if
    call msb_status_from(s, ierr)
  end subroutine
end module msbridge_transport

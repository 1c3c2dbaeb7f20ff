! Fortran module test of msbridge_thermal: an AR(1) series with a known Green-Kubo integral
! (closed form dt (1+phi)/(2(1-phi)), see tests/unit/test_green_kubo.c) gives kappa within
! 4 sigma by both estimators; bad input comes back through ierr; the Kapitza law is q/G.
program test_thermal
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none
  integer, parameter :: n = 20000
  real(c_double) :: x(n, 3), x2(n, 3, 2), phi, truth, v, sd, q(1, 2), y(1, 2), R, Rs
  real(c_double), parameter :: kB = 1.380649e-23_c_double
  type(msb_estimate) :: est
  type(msb_law) :: law
  integer :: ierr, i, c, failures
  integer(8) :: state
  failures = 0
  state = 12345_8
  phi = exp(-0.2_c_double)
  truth = (1 + phi) / (2 * (1 - phi))
  do c = 1, 3
    x(1, c) = gauss()
    do i = 2, n
      x(i, c) = phi * x(i - 1, c) + sqrt(1 - phi**2) * gauss()
    end do
  end do
  ! kind flux with V = k_B and T = 1: prefactor 1
  call msb_gk_running(x, MSB_GK_HEAT_FLUX, 1.0_c_double, kB, 1.0_c_double, 0.0_c_double, est, ierr)
  call expect(ierr == MSB_SUCCESS, 'gk running')
  call msb_estimate_get(est, 'kappa', v, sd, ierr)
  call expect(abs(v - truth) < 4 * sd, 'running within 4 sigma')
  call msb_destroy(est)
  call msb_gk_cepstral(x, MSB_GK_HEAT_FLUX, 1.0_c_double, kB, 1.0_c_double, 0.05_c_double, est, ierr)
  call expect(ierr == MSB_SUCCESS, 'gk cepstral')
  call msb_estimate_get(est, 'kappa', v, sd, ierr)
  call expect(abs(v - truth) < 4 * sd, 'cepstral within 4 sigma')
  call msb_destroy(est)
  ! multi-component: flux 2 independent white noise, so holding it at zero changes nothing and
  ! the truth is the same closed form
  x2(:, :, 1) = x
  do c = 1, 3
    do i = 1, n
      x2(i, c, 2) = gauss()
    end do
  end do
  call msb_gk_cepstral_multi(x2, MSB_GK_HEAT_FLUX, 1.0_c_double, kB, 1.0_c_double, 0.05_c_double, est, ierr)
  call expect(ierr == MSB_SUCCESS, 'gk cepstral multi')
  call msb_estimate_get(est, 'kappa', v, sd, ierr)
  call expect(abs(v - truth) < 4 * sd, 'multi-component cepstral within 4 sigma')
  call msb_destroy(est)
  call msb_gk_running(x, MSB_GK_HEAT_JV, 1.0_c_double, 1.0_c_double, -3.0_c_double, 0.0_c_double, est, ierr)
  call expect(ierr == MSB_EDOM, 'negative T rejected')
  call expect(len(msb_last_error_message()) > 0, 'message')
  call msb_kapitza_resistance(2.0e8_c_double, 2.0e7_c_double, R, Rs, ierr)
  call expect(abs(R - 5e-9_c_double) < 1e-22_c_double .and. abs(Rs - 5e-10_c_double) < 1e-23_c_double, 'R_K')
  call msb_kapitza_from_conductance(law, 2.0e8_c_double, 0.0_c_double, ierr)
  q(1, :) = [1.0e8_c_double, -4.0e8_c_double]
  call msb_law_eval(law, q, y, ierr=ierr)
  call expect(ierr == MSB_SUCCESS .and. abs(y(1, 2) + 2.0_c_double) < 1e-14_c_double, 'dT = q/G')
  call msb_destroy(law)
  if (failures > 0) then
    print *, failures, ' failures'
    error stop 1
  end if
  print *, 'test_thermal: all passed'
contains
  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(*), intent(in) :: what
    if (.not. ok) then
      print *, 'FAILED: ', what, ' ', msb_last_error_message()
      failures = failures + 1
    end if
  end subroutine
  ! Box-Muller over the Park-Miller minimal standard generator (Commun. ACM 31, 1192 (1988)),
  ! exact in 64-bit integers; independent of the library.
  real(c_double) function gauss()
    real(c_double) :: u1, u2
    u1 = uni()
    u2 = uni()
    gauss = sqrt(-2 * log(u1)) * cos(2 * 3.141592653589793_c_double * u2)
  end function
  real(c_double) function uni()
    state = modulo(state * 16807_8, 2147483647_8)
    uni = real(state, c_double) / 2147483647.0_c_double
  end function
end program test_thermal

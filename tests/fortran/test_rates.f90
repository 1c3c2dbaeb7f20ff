! Fortran module test: the laws give the closed-form values the C tests check, errors come back
! through ierr with the library's message, and the Arrhenius fit recovers exact data.
program test_rates
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none
  type(msb_law) :: law, fitted
  type(msb_estimate) :: est
  real(c_double) :: x(1, 3), y(1, 3), dk(1, 1, 3), s(1, 3), x2(2, 2), y2(1, 2)
  real(c_double) :: Tv(5), Dv(5), Dsd(5), Ea, Ea_sd, p(2), cov(2, 2)
  integer :: ierr, i, failures
  failures = 0

  if (msb_version_number() /= MSB_MODULE_VERSION_NUMBER) call fail('version number')
  call msb_version_check(ierr)
  call expect(ierr == MSB_SUCCESS, 'version check')

  ! Eyring: k(300 K) for dG = 0.5 eV is 24906.8152356005865 1/s (40-digit arithmetic)
  call msb_tst_eyring_create(law, 0.5_c_double * MSB_EV, 0.0_c_double, 1.0_c_double, &
       0.0_c_double, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'eyring create')
  x(1, :) = [300.0_c_double, 350.0_c_double, 400.0_c_double]
  call msb_law_eval(law, x, y, dk, ierr)
  call expect(ierr == MSB_SUCCESS, 'eyring eval')
  call expect(abs(y(1, 1) / 24906.81523560058651_c_double - 1) < 1e-12_c_double, 'eyring value')
  ! d ln k / dT = 1/T + dG/(k_B T^2)
  call expect(abs(dk(1, 1, 1) / y(1, 1) / (1 / 300.0_c_double + 0.5_c_double * MSB_EV / &
       (MSB_K_B * 300.0_c_double**2)) - 1) < 1e-13_c_double, 'eyring derivative')
  call expect(msb_law_kind(law) == 'tst_eyring', 'kind')
  call msb_destroy(law)
  call expect(.not. msb_associated(law), 'destroy nulls the handle')

  ! Bad input: the status and the message come back
  call msb_arrhenius_create(law, -1.0_c_double, 1e-20_c_double, ierr=ierr)
  call expect(ierr == MSB_EDOM, 'EDOM for D0 < 0')
  call expect(index(msb_last_error_message(), 'D0') > 0, 'message names D0')
  call expect(msb_status_name(ierr) == 'MSB_EDOM', 'status name')
  call msb_arrhenius_create(law, 1.0e-7_c_double, 0.3_c_double * MSB_EV, ierr=ierr)
  x(1, :) = [300.0_c_double, -1.0_c_double, 400.0_c_double]
  y = -7
  call msb_law_eval(law, x, y, ierr=ierr)
  call expect(ierr == MSB_EDOM, 'EDOM for T < 0')
  call expect(all(y == -7), 'outputs untouched on failure')
  call msb_destroy(law)

  ! Activation volume with two inputs: x(2, n)
  call msb_activation_volume_create(law, 1.0e-6_c_double, 0.5_c_double * MSB_EV, &
       2.0e-30_c_double, ierr=ierr)
  x2 = reshape([300.0_c_double, 0.0_c_double, 300.0_c_double, 1.0e9_c_double], [2, 2])
  call msb_law_eval(law, x2, y2, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'actvol eval')
  call expect(abs(y2(1, 2) / y2(1, 1) / exp(2.0e-21_c_double / (MSB_K_B * 300)) - 1) &
       < 1e-13_c_double, 'actvol ratio')
  call msb_destroy(law)

  ! Arrhenius fit of exact data recovers the parameters
  do i = 1, 5
    Tv(i) = 250.0_c_double + 50.0_c_double * (i - 1)
    Dv(i) = 3.0e-6_c_double * exp(-0.55_c_double * MSB_EV / (MSB_K_B * Tv(i)))
    Dsd(i) = 0.05_c_double * Dv(i)
  end do
  call msb_arrhenius_fit(Tv, Dv, Dsd, MSB_SIGMA_ABSOLUTE, est, fitted, ierr)
  call expect(ierr == MSB_SUCCESS, 'fit')
  call msb_estimate_get(est, 'Ea', Ea, Ea_sd, ierr)
  call expect(ierr == MSB_SUCCESS, 'estimate get')
  call expect(abs(Ea / (0.55_c_double * MSB_EV) - 1) < 1e-10_c_double, 'fitted Ea')
  call expect(Ea_sd > 0, 'Ea sd')
  call msb_law_params(fitted, p, ierr)
  call expect(abs(exp(p(1)) / 3.0e-6_c_double - 1) < 1e-9_c_double, 'fitted D0')
  call msb_law_covariance(fitted, cov, ierr)
  call expect(abs(sqrt(cov(2, 2)) / Ea_sd - 1) < 1e-12_c_double, 'covariance matches estimate')
  x(1, :) = [300.0_c_double, 350.0_c_double, 400.0_c_double]
  call msb_law_eval_uq(fitted, x, y, s, ierr)
  call expect(ierr == MSB_SUCCESS .and. all(s > 0), 'eval_uq')
  call msb_estimate_get(est, 'no_such_entry', Ea, ierr=ierr)
  call expect(ierr == MSB_EINVAL, 'unknown entry')
  call msb_destroy(est)
  call msb_destroy(fitted)

  if (failures > 0) then
    print '(i0, a)', failures, ' Fortran checks failed'
    error stop 1
  end if
  print '(a)', 'Fortran: all checks passed'

contains
  subroutine expect(cond, what)
    logical, intent(in) :: cond
    character(len=*), intent(in) :: what
    if (.not. cond) then
      print '(a, a)', 'FAILED: ', what
      failures = failures + 1
    end if
  end subroutine
  subroutine fail(what)
    character(len=*), intent(in) :: what
    call expect(.false., what)
  end subroutine
end program test_rates

! Fortran lattice module: the ideal lattice gas x = 1/(1 + exp(-(mu - e)/kT)) (Hill 1960)
! within 4.2 block standard errors, an exact cluster-expansion fit (y = 2 + 3 c), the KMC single-
! atom walk D* = Gamma a^2 (uncorrelated, 4.5 standard errors), and an error through ierr.
program test_lattice
  use msbridge
  use, intrinsic :: iso_c_binding
  implicit none
  type(msb_lattice) :: lat
  type(msb_estimate) :: est
  real(c_double) :: mu(5), x(5), sx(5), V(1), none(0), corr(2, 6), E(6), eci(2), G, D, sD
  real(c_double) :: kT
  integer :: ierr, n, i, failures
  failures = 0
  call msb_lattice_create(lat, MSB_LATTICE_SQUARE, 3.0e-10_c_double, [12, 12, 1], 1, ierr)
  call expect(ierr == 0, 'lattice create')
  call expect(msb_lattice_nsites(lat) == 144, 'nsites')
  kT = MSB_K_B * 300
  mu = [(kT * (i - 3), i = 1, 5)]
  call msb_mc_sgc(lat, 0.0_c_double, none, 300.0_c_double, mu, 50, 400, 7_c_int64_t, est, ierr)
  call expect(ierr == 0, 'mc_sgc')
  call msb_estimate_array(est, 'x', x, sx, n, ierr)
  call expect(ierr == 0 .and. n == 5, 'x entry')
  do i = 1, 5
    call expect(abs(x(i) - 1 / (1 + exp(-mu(i) / kT))) <= 4.2 * sx(i) + 1e-12, 'ideal gas x')
  end do
  call msb_destroy(est)
  V = 0.01 * MSB_EV
  call msb_mc_sgc(lat, 0.0_c_double, V, -5.0_c_double, mu, 50, 400, 7_c_int64_t, est, ierr)
  call expect(ierr == MSB_EDOM, 'EDOM for T < 0')
  call expect(index(msb_last_error_message(), 'T_K') > 0, 'message names T_K')
  ! exact linear fit
  do i = 1, 6
    corr(:, i) = [1.0_c_double, 0.1_c_double * i]
    E(i) = (2 + 3 * 0.1_c_double * i) * 1e-20_c_double
  end do
  call msb_ce_fit(corr, E, 0.0_c_double, est, ierr)
  call expect(ierr == 0, 'ce fit')
  call msb_estimate_array(est, 'eci', eci, n=n, ierr=ierr)
  call expect(abs(eci(1) / 2e-20_c_double - 1) < 1e-10 .and. abs(eci(2) / 3e-20_c_double - 1) &
       < 1e-10, 'ce exact')
  call msb_destroy(est)
  ! one atom: uncorrelated walk
  call msb_kmc_vacancy(lat, 1, 1.0e13_c_double, 0.5_c_double * MSB_EV, none, 600.0_c_double, &
       0, 4000, 16, ieee_nan(), 3_c_int64_t, est, ierr)
  call expect(ierr == 0, 'kmc')
  call msb_estimate_get(est, 'D_tracer_scalar', D, sD, ierr)
  G = 1.0e13_c_double * exp(-0.5_c_double * MSB_EV / (MSB_K_B * 600))
  call expect(abs(D - G * 9e-20_c_double) <= 4.5 * sD, 'single-atom D*')
  call msb_destroy(est)
  call msb_lattice_destroy(lat)
  if (failures > 0) then
    print '(a, i0, a)', 'test_lattice: ', failures, ' failure(s)'
    error stop 1
  end if
  print '(a)', 'test_lattice: all checks passed'
contains
  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      failures = failures + 1
      print '(2a)', 'FAILED: ', what
    end if
  end subroutine
  function ieee_nan() result(v)
    use, intrinsic :: ieee_arithmetic
    real(c_double) :: v
    v = ieee_value(v, ieee_quiet_nan)
  end function
end program test_lattice

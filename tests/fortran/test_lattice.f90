! Fortran lattice module: the ideal lattice gas x = 1/(1 + exp(-(mu - e)/kT)) (Hill 1960)
! within 4.2 block standard errors, an exact cluster-expansion fit (y = 2 + 3 c), the KMC single-
! atom walk D* = Gamma a^2 (uncorrelated, 4.5 standard errors), and an error through ierr.
! Surface KMC: the Langmuir isotherm theta = K P / (1 + K P), K = k_ads / k_des (exact without
! reaction; I. Langmuir, J. Am. Chem. Soc. 40, 1361 (1918)) within 4.5 replica standard errors;
! the TOF law at a fitted temperature reproduces the KMC TOF within 4 standard errors; bad
! input (P <= 0, a 3-D lattice, too few replicas) through ierr. MC -> F -> V: the ideal gas F from
! msb_mc_free_energy against e x + kT [x ln x + (1-x) ln(1-x)] (Hill 1960) within 4.2 propagated
! errors + 1e-3 kT, and the msb_mc_ocv voltage V = -kT ln(x/(1-x))/e at x = 0.3 within 0.05 kT/e.
program test_lattice
  use msbridge
  use, intrinsic :: iso_c_binding
  implicit none
  type(msb_lattice) :: lat
  type(msb_estimate) :: est
  real(c_double) :: mu(5), x(5), sx(5), V(1), none(0), corr(2, 6), E(6), eci(2), G, D, sD
  real(c_double) :: kT, P(2), th(2), sth(2), Ts(2), tof(2), stof(2), y(1, 1), Tx(1, 1)
  type(msb_law) :: la, ld, lh, lr, tl, fe, ocv
  type(msb_estimate) :: scan(1), fit
  real(c_double) :: mus(41), xt(80), sxt(80), Ft(80), sFt(80), xv(2, 1), vv(1, 1)
  type(msb_lattice) :: cube
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
  ! surface KMC: Langmuir
  P = [20.0_c_double, 80.0_c_double]
  call msb_kmc_surface(lat, P, 2.0_c_double, 100.0_c_double, 300.0_c_double, 0.0_c_double, &
       5000, 40000, 8, 3_c_int64_t, est, ierr)
  call expect(ierr == 0, 'kmc_surface')
  call msb_estimate_array(est, 'coverage', th, sth, n, ierr)
  call expect(ierr == 0 .and. n == 2, 'coverage entry')
  do i = 1, 2
    call expect(abs(th(i) - 0.02 * P(i) / (1 + 0.02 * P(i))) <= 4.5 * sth(i), 'Langmuir theta')
  end do
  call msb_destroy(est)
  P(2) = 0
  call msb_kmc_surface(lat, P, 2.0_c_double, 100.0_c_double, 300.0_c_double, 0.0_c_double, &
       100, 1000, 2, 3_c_int64_t, est, ierr)
  call expect(ierr == MSB_EDOM, 'EDOM for P = 0')
  call msb_lattice_create(cube, MSB_LATTICE_SC, 3.0e-10_c_double, [4, 4, 4], 1, ierr)
  call msb_kmc_surface(cube, P(1:1), 2.0_c_double, 100.0_c_double, 0.0_c_double, &
       0.0_c_double, 100, 1000, 2, 3_c_int64_t, est, ierr)
  call expect(ierr == MSB_EINVAL, 'EINVAL for a 3-D lattice')
  call msb_lattice_destroy(cube)
  ! TOF law from Arrhenius rate laws of T
  call msb_arrhenius_create(la, 4.0_c_double, 0.05_c_double * MSB_EV)
  call msb_arrhenius_create(ld, 1.0e4_c_double, 0.2_c_double * MSB_EV)
  call msb_arrhenius_create(lh, 5.0e5_c_double, 0.3_c_double * MSB_EV)
  call msb_arrhenius_create(lr, 1.0e5_c_double, 0.3_c_double * MSB_EV)
  Ts = [550.0_c_double, 650.0_c_double]
  call msb_kmc_surface_tof_law(lat, 20.0_c_double, Ts, la, ld, lh, lr, 10000, 60000, 4, &
       2_c_int64_t, est, tl, ierr)
  call expect(ierr == 0, 'tof law')
  call msb_estimate_array(est, 'tof', tof, stof, n, ierr)
  Tx(1, 1) = Ts(1)
  call msb_law_eval(tl, Tx, y, ierr=ierr)
  call expect(ierr == 0 .and. abs(y(1, 1) - tof(1)) <= 4 * stof(1), 'tof law reproduces KMC')
  call msb_destroy(est)
  call msb_destroy(tl)
  call msb_kmc_surface_tof_law(lat, 20.0_c_double, Ts, la, ld, lh, lr, 100, 1000, 1, &
       2_c_int64_t, est, tl, ierr)
  call expect(ierr == MSB_ESIZE, 'ESIZE for one replica')
  call msb_destroy(la)
  call msb_destroy(ld)
  call msb_destroy(lh)
  call msb_destroy(lr)
  ! MC -> F -> V on the ideal gas
  kT = MSB_K_B * 400
  mus = [(kT * (-5 + 0.25_c_double * (i - 1)), i = 1, 41)]
  call msb_mc_sgc(lat, 0.0_c_double, none, 400.0_c_double, mus, 50, 800, 11_c_int64_t, scan(1), &
       ierr)
  call expect(ierr == 0, 'scan for free energy')
  call msb_mc_free_energy(scan, 2, 0.0_c_double, fit, fe, ierr)
  call expect(ierr == 0, 'mc_free_energy')
  call msb_estimate_array(fit, 'x_table', xt, sxt, n, ierr)
  call msb_estimate_array(fit, 'F_table', Ft, sFt, n, ierr)
  call expect(ierr == 0 .and. n > 30, 'F table')
  do i = 1, n
    call expect(abs(Ft(i) - kT * (xt(i) * log(xt(i)) + (1 - xt(i)) * log(1 - xt(i)))) <= &
         4.2 * sFt(i) + 1e-3 * kT, 'ideal-gas F')
  end do
  call msb_mc_ocv(scan(1), 0.0_c_double, ocv, ierr)
  call expect(ierr == 0, 'mc_ocv')
  xv(:, 1) = [0.3_c_double, 400.0_c_double]
  call msb_law_eval(ocv, xv, vv, ierr=ierr)
  call expect(ierr == 0 .and. abs(vv(1, 1) + kT * log(0.3_c_double / 0.7_c_double) / MSB_E) &
       <= 0.05 * kT / MSB_E, 'ideal-gas OCV')
  call msb_mc_ocv(fit, 0.0_c_double, tl, ierr)
  call expect(ierr == MSB_EBADLAW, 'EBADLAW for a fit estimate')
  call msb_destroy(ocv)
  call msb_destroy(fe)
  call msb_destroy(fit)
  call msb_destroy(scan(1))
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

! Fortran module test for the thermodynamic closures: closed forms the C tests also check.
program test_thermo
  use msbridge
  use, intrinsic :: iso_c_binding
  implicit none
  type(msb_law) :: fe, lg
  real(c_double) :: x(5), e(5), eah(5), flo(5), lo(4), hi(4), V(4), mu(2), pt(2, 1), y(4, 1)
  real(c_double) :: A(1), T, xb, th(1), Tq(1), P(1), K
  integer(c_int) :: st(5)
  integer(c_size_t) :: dlo(5), dhi(5)
  integer :: ierr, np, ng, failures
  failures = 0

  ! Hull: C (x=0), LiC6 at -0.03 eV/atom (stable), LiC12 above the C-LiC6 line, Li (x=1)
  x = [0.0_c_double, 1/7.0_c_double, 1/13.0_c_double, 1.0_c_double, 0.5_c_double]
  e = [0.0_c_double, -0.03_c_double, -0.012_c_double, 0.0_c_double, 0.1_c_double] * MSB_EV
  call msb_hull_analyze(x, e, 0.0_c_double, st, eah, dlo, dhi, flo, ierr)
  call expect(ierr == MSB_SUCCESS, 'hull')
  call expect(all(st == [1, 1, 0, 1, 0]), 'stable set')
  ! LiC12 above the hull: e - (x/x6) e6 = -0.012 + (7/13)*0.03 eV
  call expect(abs(eah(3) / MSB_EV - (-0.012_c_double + 7 / 13.0_c_double * 0.03_c_double)) &
       < 1e-15_c_double, 'e_above_hull')
  call expect(dlo(3) == 0 .and. dhi(3) == 1, 'decomposition (0-based)')
  ! Plateau C -> LiC6 per C atom vs mu_ref = 0: V = 0.03 eV * 7 / 1 Li = 0.21 V
  call msb_hull_plateaus([0.0_c_double, 1 / 6.0_c_double], [0.0_c_double, &
       -0.03_c_double * 7 / 6 * MSB_EV], 0.0_c_double, 0.0_c_double, lo, hi, V, np, ierr)
  call expect(ierr == MSB_SUCCESS .and. np == 1, 'plateaus')
  call expect(abs(V(1) - 0.21_c_double) < 1e-14_c_double, 'plateau voltage')

  ! Regular solution: binodal at T(x_b) = Omega (1 - 2 x_b) / (k ln((1-x_b)/x_b))
  A(1) = 0.1_c_double * MSB_EV
  call msb_free_energy_rk_create(fe, -0.15_c_double * MSB_EV, A, mu_ref=0.0_c_double, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'free energy')
  xb = 0.1_c_double
  T = A(1) * (1 - 2 * xb) / (MSB_K_B * log((1 - xb) / xb))
  call msb_free_energy_binodals(fe, T, lo, hi, mu, ng, ierr)
  call expect(ierr == MSB_SUCCESS .and. ng == 1, 'binodals')
  call expect(abs(lo(1) - xb) < 1e-10_c_double .and. abs(hi(1) - 1 + xb) < 1e-10_c_double, &
       'binodal compositions')
  pt(:, 1) = [0.3_c_double, 400.0_c_double]
  call msb_law_eval(fe, pt, y, ierr=ierr)
  call expect(abs(y(2, 1) - (1 / 0.7_c_double - 2 * A(1) * 0.3_c_double / (MSB_K_B * 400))) &
       < 1e-12_c_double, 'Theta')
  call msb_destroy(fe)

  ! Langmuir inverse
  call msb_langmuir_create(lg, -0.5_c_double * MSB_EV, -10 * MSB_K_B, 1e5_c_double, .false., ierr)
  th = 0.25_c_double
  Tq = 500
  call msb_langmuir_pressure(lg, th, Tq, P, ierr)
  K = exp(-(-0.5_c_double * MSB_EV + 500 * 10 * MSB_K_B) / (MSB_K_B * 500)) / 1e5_c_double
  call expect(ierr == MSB_SUCCESS .and. abs(P(1) * K * 3 - 1) < 1e-13_c_double, 'langmuir P')
  call msb_destroy(lg)
  ! bad input
  call msb_ocv_table_create(lg, [0.1_c_double, 0.2_c_double, 0.3_c_double], &
       [0.3_c_double, 0.4_c_double, 0.1_c_double], 0.0_c_double, ierr=ierr)
  call expect(ierr == MSB_EINVAL, 'non-monotone table')
  call expect(index(msb_last_error_message(), 'monotone') > 0, 'message')

  if (failures > 0) stop 1
  print '(a)', 'test_thermo: all passed'
contains
  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(*), intent(in) :: what
    if (.not. ok) then
      print '(2a)', 'FAILED: ', what
      failures = failures + 1
    end if
  end subroutine
end program test_thermo

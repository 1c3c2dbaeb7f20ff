! Fortran transport module: D (Arrhenius and the Einstein fit of the LAMMPS LJ dump), the
! Nernst-Einstein sigma law and Darken on a tabulated mu, against closed forms.
program test_transport
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double, c_int
  implicit none
  type(msb_law) :: Dp, Dm, sig, mt, dk
  type(msb_estimate) :: est
  real(c_double) :: x(1, 1), y(1, 1), x2(2, 1), y2(2, 1), xs(5), mus(5), D, Dsd, ref
  integer :: ierr, failures, i
  character(len=512) :: dump
  failures = 0
  call msb_arrhenius_create(Dp, 1.0e-7_c_double, 0.3_c_double * MSB_EV, ierr=ierr)
  call msb_arrhenius_create(Dm, 2.0e-7_c_double, 0.35_c_double * MSB_EV, ierr=ierr)
  call msb_nernst_einstein_create(sig, [Dp, Dm], [1.0e27_c_double, 1.0e27_c_double], &
       [1_c_int, -1_c_int], ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'nernst-einstein create')
  x(1, 1) = 300
  call msb_law_eval(sig, x, y, ierr=ierr)
  ref = 1.0e27_c_double * MSB_E**2 / (MSB_K_B * 300) * &
       (1.0e-7_c_double * exp(-0.3_c_double * MSB_EV / (MSB_K_B * 300)) + &
        2.0e-7_c_double * exp(-0.35_c_double * MSB_EV / (MSB_K_B * 300)))
  call expect(abs(y(1, 1) / ref - 1) < 1e-13_c_double, 'sigma value')
  ! Darken with mu = 2 k_B T0 x (linear): Theta = 2 x T0 / T exactly (the spline of a line)
  do i = 1, 5
    xs(i) = 0.1_c_double * i
    mus(i) = 2 * MSB_K_B * 300 * xs(i)
  end do
  call msb_mu_table_create(mt, xs, mus, 300.0_c_double, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'mu table')
  call msb_darken_create(dk, Dp, mt, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'darken create')
  x2(:, 1) = [0.25_c_double, 300.0_c_double]
  call msb_law_eval(dk, x2, y2, ierr=ierr)
  call expect(abs(y2(2, 1) - 0.5_c_double) < 1e-13_c_double, 'Theta of a linear mu')
  call expect(abs(y2(1, 1) / (0.5_c_double * 1.0e-7_c_double * &
       exp(-0.3_c_double * MSB_EV / (MSB_K_B * 300))) - 1) < 1e-13_c_double, 'D_chem')
  call msb_darken_create(dk, Dp, Dm, ierr=ierr)
  call expect(ierr == MSB_EBADLAW, 'darken needs a Theta output')
  ! Einstein fit of the LJ dump (value checked against the database in test_msd.c)
  call get_environment_variable('MSB_SOURCE_DIR', dump)
  if (len_trim(dump) == 0) dump = '../..' ! the build tree inside the source tree (ctest's cwd)
  call msb_einstein_fit_lammps(est, trim(dump) // '/tests/data/lj_md/lj256.dump', 'lj', &
       0.005_c_double, -1, 5, ierr)
  if (ierr == MSB_EIO) then
    call expect(.false., 'LJ dump not found: MSB_SOURCE_DIR must point at the source tree')
  else
    call expect(ierr == MSB_SUCCESS, 'einstein fit')
    call msb_estimate_get(est, 'D', D, Dsd, ierr)
    call expect(D > 0.04_c_double .and. D < 0.05_c_double .and. Dsd > 0, 'D of the LJ fluid')
    call msb_destroy(est)
  end if
  call msb_destroy(dk)
  call msb_destroy(mt)
  call msb_destroy(sig)
  call msb_destroy(Dp)
  call msb_destroy(Dm)
  if (failures > 0) error stop 1
  print *, 'test_transport: all passed'
contains
  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      failures = failures + 1
      print *, 'FAILED: ', what, ' — ', msb_last_error_message()
    end if
  end subroutine
end program test_transport

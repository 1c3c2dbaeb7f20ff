! Fortran module test for msbridge_mechanics: closed forms (isotropic tensor: K = lambda +
! 2mu/3, G = mu, A^U = 0; UBER peak traction G_c/(lambda e); U(p) slope -Vbar/F; thin-film
! h_c = G_c Ebar/(Z sigma^2)) and an error through ierr.
program test_mechanics
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double, c_int
  implicit none
  real(c_double) :: C(6, 6, 1), props(MSB_ELASTIC_NPROP, 1), lam, mu, d(1, 1), y(1, 1)
  real(c_double) :: delta(10), E(10), g, l, sig, hc, Eb
  integer(c_int) :: stable(1)
  type(msb_law) :: law
  type(msb_estimate) :: est
  integer :: ierr, i, failures
  failures = 0

  lam = 60e9_c_double
  mu = 27e9_c_double
  C = 0
  C(1:3, 1:3, 1) = lam
  do i = 1, 3
    C(i, i, 1) = lam + 2 * mu
    C(i + 3, i + 3, 1) = mu
  end do
  call msb_elastic_moduli(C, props, stable, ierr)
  call expect(ierr == MSB_SUCCESS, 'moduli')
  call expect(abs(props(MSB_EL_K_VRH, 1) / (lam + 2 * mu / 3) - 1) < 1e-13_c_double, 'K')
  call expect(abs(props(MSB_EL_G_VRH, 1) / mu - 1) < 1e-13_c_double, 'G')
  call expect(abs(props(MSB_EL_A_U, 1)) < 1e-12_c_double, 'A_U')
  call expect(stable(1) == 1, 'stable')
  C(1, 2, 1) = C(1, 2, 1) + 1e8_c_double
  call msb_elastic_moduli(C, props, stable, ierr)
  call expect(ierr == MSB_EINVAL, 'non-symmetric')
  call expect(index(msb_last_error_message(), 'symmetric') > 0, 'message')

  do i = 1, 10
    delta(i) = 0.3e-10_c_double * (i - 1)
    E(i) = 2.0_c_double * (1 - (1 + delta(i) / 0.6e-10_c_double) * exp(-delta(i) / 0.6e-10_c_double))
  end do
  call msb_uber_fit(delta, E, est=est, law=law, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'uber fit')
  call msb_estimate_get(est, 'G_c', g)
  call msb_estimate_get(est, 'lambda', l)
  call expect(abs(g / 2 - 1) < 1e-8_c_double .and. abs(l / 0.6e-10_c_double - 1) < 1e-8_c_double, &
       'uber parameters')
  d(1, 1) = l
  call msb_law_eval(law, d, y, ierr=ierr)
  call expect(abs(y(1, 1) / (g / (l * exp(1.0_c_double))) - 1) < 1e-13_c_double, 'peak traction')
  call msb_destroy(law)
  call msb_destroy(est)

  call msb_voltage_pressure_create(law, 3.9_c_double, 5e-6_c_double, 0.0_c_double, &
       1.0_c_double, ierr)
  d(1, 1) = 1e9_c_double
  call msb_law_eval(law, d, y, ierr=ierr)
  call expect(abs((y(1, 1) - 3.9_c_double) / (-5e-6_c_double * 1e9_c_double / MSB_F) - 1) &
       < 1e-12_c_double, 'U(p)')
  call msb_destroy(law)

  call msb_thin_film_stress(65e9_c_double, 0.26_c_double, 0.01_c_double, sig, ierr)
  call msb_thin_film_fracture(65e9_c_double, 0.26_c_double, sig, 1e-8_c_double, &
       MSB_Z_CHANNEL_CRACK, 0.5_c_double, est, ierr)
  call expect(ierr == MSB_SUCCESS, 'film')
  call msb_estimate_get(est, 'h_c', hc)
  Eb = 65e9_c_double / (1 - 0.26_c_double**2)
  call expect(abs(hc / (0.5_c_double * Eb / (1.976_c_double * sig**2)) - 1) < 1e-14_c_double, 'h_c')
  call msb_destroy(est)

  ! activation-volume fit on exact data: Omega = 2e-30 m^3
  block
    real(c_double) :: sg(4), Em(4), om, x7(7, 1), y7(1, 1), O6(6)
    sg = [-1e9_c_double, 0.0_c_double, 1e9_c_double, 2e9_c_double]
    Em = 0.5_c_double * MSB_EV - 2e-30_c_double * sg
    call msb_activation_volume_fit(sg, Em, D0=1e-7_c_double, est=est, law=law, ierr=ierr)
    call expect(ierr == MSB_SUCCESS, 'actvol fit')
    call msb_estimate_get(est, 'Omega', om)
    call expect(abs(om / 2e-30_c_double - 1) < 1e-9_c_double, 'Omega')
    call msb_destroy(est)
    call msb_destroy(law)
    O6 = [1e-30_c_double, 0.0_c_double, 0.0_c_double, 0.0_c_double, 0.0_c_double, 0.0_c_double]
    call msb_activation_volume_tensor_create(law, 1e-7_c_double, 0.5_c_double * MSB_EV, O6, ierr)
    x7(:, 1) = [300.0_c_double, 1e9_c_double, 0.0_c_double, 0.0_c_double, 0.0_c_double, &
         0.0_c_double, 0.0_c_double]
    call msb_law_eval(law, x7, y7, ierr=ierr)
    call expect(abs(y7(1, 1) / (1e-7_c_double * exp(-(0.5_c_double * MSB_EV - 1e-21_c_double) / &
         (MSB_K_B * 300))) - 1) < 1e-12_c_double, 'tensor law')
    call msb_destroy(law)
  end block

  if (failures > 0) then
    print '(i0, a)', failures, ' failure(s)'
    error stop 1
  end if
  print '(a)', 'test_mechanics: all passed'

contains
  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      print '(2a)', 'FAILED: ', what
      failures = failures + 1
    end if
  end subroutine
end program test_mechanics

! Fortran face of the UQ module: card round trip, composition + Monte Carlo against first order,
! fusion against the closed-form precision-weighted mean (BDA3 eq. 5.20), validation z-score.
program test_uq
  use msbridge
  use, intrinsic :: iso_c_binding
  use, intrinsic :: ieee_arithmetic, only: ieee_value, ieee_quiet_nan
  implicit none
  type(msb_law) :: law, back, chain, inner
  type(msb_estimate) :: est
  real(c_double) :: x(1, 3), y(1, 3), y2(1, 3), s(1, 3), m(1, 3), sd(1, 3), p(2), p2(2)
  real(c_double) :: v(3), e(3), tau(3), w(3), mean, msd, z
  integer :: ierr, failures
  failures = 0

  ! card round trip: parameters and values bitwise equal
  call msb_arrhenius_create(law, 1.2345e-7_c_double, 0.4321_c_double * MSB_EV, &
       reshape([1e-4_c_double, 0.0_c_double, 0.0_c_double, 1e-44_c_double], [2, 2]), ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'create')
  call msb_card_write(law, 'f_test_uq_card.json', ierr)
  call expect(ierr == MSB_SUCCESS, 'card write')
  call msb_card_read(back, 'f_test_uq_card.json', ierr)
  call expect(ierr == MSB_SUCCESS, 'card read')
  call msb_law_params(law, p)
  call msb_law_params(back, p2)
  call expect(all(p == p2), 'params bitwise')
  x(1, :) = [300.0_c_double, 400.0_c_double, 500.0_c_double]
  call msb_law_eval(law, x, y)
  call msb_law_eval(back, x, y2)
  call expect(all(y == y2), 'values bitwise')
  call msb_card_read(back, 'no_such_card.json', ierr)
  call expect(ierr == MSB_EIO, 'missing card -> EIO')

  ! Monte Carlo vs first order with small uncertainty (relative sd < 0.03: skew < 0.1 %, sampling 0.5 %: 3 %)
  call msb_law_eval_uq(law, x, y, s)
  call msb_propagate_mc(law, x, 20000, 7_c_int64_t, m, sd, ierr)
  call expect(ierr == MSB_SUCCESS, 'mc')
  call expect(all(abs(sd / s - 1) < 0.03_c_double), 'mc sd vs first order')
  ! composition with a unit mismatch is refused
  call msb_arrhenius_create(inner, 1.0_c_double, 0.0_c_double, ierr=ierr)
  call msb_law_compose(chain, law, 1, inner, 1, ierr)
  call expect(ierr == MSB_EUNITS, 'compose units')

  ! fusion: weights 1/(s^2 + tau^2)
  v = [1.0_c_double, 1.4_c_double, 0.8_c_double]
  e = [0.1_c_double, 0.2_c_double, 0.3_c_double]
  tau = [0.2_c_double, 0.0_c_double, 0.1_c_double]
  w = 1 / (e**2 + tau**2)
  call msb_fuse(est, v, e, [0, 1, 2], tau, ierr=ierr)
  call expect(ierr == MSB_SUCCESS, 'fuse')
  call msb_estimate_get(est, 'mean', mean, msd)
  call expect(abs(mean / (sum(w * v) / sum(w)) - 1) < 1e-13_c_double, 'fused mean')
  call expect(abs(msd / sqrt(1 / sum(w)) - 1) < 1e-13_c_double, 'fused sd')
  call msb_destroy(est)
  tau(2) = -1
  call msb_fuse(est, v, e, [0, 1, 2], tau, ierr=ierr)
  call expect(ierr == MSB_EDOM, 'negative tau')

  ! per-source MCMC with one shared scale = the exact quadrature of msb_fuse, within 4 Monte
  ! Carlo standard errors + 0.5 % of the sd (the quadrature's resolution; see test_fusion.c)
  block
    real(c_double) :: y8(8), s8(8), t8(8), qm, qsd, mm, msd2, mse
    y8 = [28, 8, -3, 7, -1, 1, 18, 12]
    s8 = [15, 10, 16, 11, 9, 11, 10, 18]
    t8 = ieee_value(1.0_c_double, ieee_quiet_nan)
    call msb_fuse(est, y8, s8, [0, 1, 2, 3, 4, 5, 6, 7], t8, 25.0_c_double, ierr)
    call expect(ierr == MSB_SUCCESS, 'fuse (inferred)')
    call msb_estimate_get(est, 'mean', qm, qsd)
    call msb_destroy(est)
    call msb_fuse_mcmc(est, y8, s8, [0, 1, 2, 3, 4, 5, 6, 7], t8, 25.0_c_double, .true., &
         4000, 11_c_int64_t, ierr)
    call expect(ierr == MSB_SUCCESS, 'fuse_mcmc')
    call msb_estimate_get(est, 'mean', mm, msd2)
    call msb_estimate_get(est, 'mean_mc_se', mse)
    call expect(abs(mm - qm) <= 4 * mse + 0.005_c_double * qsd, 'fuse_mcmc mean')
    call msb_destroy(est)
    call msb_fuse_mcmc(est, y8, s8, [0, 1, 2, 3, 4, 5, 6, 7], t8, 25.0_c_double, .true., &
         10, 11_c_int64_t, ierr)
    call expect(ierr == MSB_ESIZE, 'fuse_mcmc n_samples too small')
  end block

  ! validation: z = (10 - 6)/5
  call msb_validate(est, 10.0_c_double, 3.0_c_double, 6.0_c_double, 4.0_c_double, &
       2.0_c_double, ierr)
  call expect(ierr == MSB_SUCCESS, 'validate')
  call msb_estimate_get(est, 'z', z)
  call expect(abs(z - 0.8_c_double) < 1e-15_c_double, 'z')
  call msb_destroy(est)

  call msb_destroy(law)
  call msb_destroy(back)
  call msb_destroy(inner)
  if (failures > 0) then
    print *, failures, ' failure(s)'
    error stop 1
  end if
  print *, 'test_uq: all passed'
contains
  subroutine expect(cond, what)
    logical, intent(in) :: cond
    character(len=*), intent(in) :: what
    if (.not. cond) then
      print *, 'FAILED: ', what, ' -- ', msb_last_error_message()
      failures = failures + 1
    end if
  end subroutine
end program test_uq

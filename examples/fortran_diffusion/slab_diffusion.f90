!> slab_diffusion — a Fortran 2008 continuum solver using the `msbridge` module: transient
!> 1-D diffusion of Li through a slab held at a linear temperature profile, with D(T) from a
!> libmsbridge Arrhenius law (analytic dD/dT available, uncertainty propagated).
!>
!>   dc/dt = d/dx (D(T(x)) dc/dx),  0 < x < L,  c(0) = c0, c(L) = 0,  c(x, 0) = 0,
!>   T(x) = T_hot + (T_cold - T_hot) x / L.
!> Finite volumes (N cells, D at the faces' temperatures), implicit Euler, Thomas algorithm.
!> The steady flux is J = c0 / int_0^L dx / D(T(x)); the discrete steady resistance
!> sum(dx / D_face) with half cells at the ends is the trapezoidal rule of that integral, second
!> order in dx.
!>
!> Check (exit status 0 when it passes): after t = 40 L^2 / D_min the outlet flux equals
!> the steady flux built from an independent quadrature (composite Simpson with 20000
!> intervals of the Arrhenius formula written out below, not evaluated by the library) to
!> 1e-4 relative. The trapezoidal error is about (dx^2/12) (ln(D_hot/D_cold) / L)^2 = 1.2e-5
!> with N = 400 (4.9e-5 observed with N = 200, scaling as dx^2); implicit Euler with 400 steps
!> of 0.1 L^2/D_min damps the slowest transient mode by at least 2 per step.
!>
!> Parameters (illustrative): L = 1 um, T_hot = 400 K, T_cold = 300 K, D0 = 1e-7 m^2/s,
!> E_a = 0.4 eV with sd 0.02 eV, c0 = 1000 mol/m^3.
program slab_diffusion
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none
  integer, parameter :: dp = c_double, nc = 400
  real(dp), parameter :: L = 1.0e-6_dp, Thot = 400.0_dp, Tcold = 300.0_dp
  real(dp), parameter :: D0 = 1.0e-7_dp, Ea_eV = 0.4_dp, Ea_sd_eV = 0.02_dp, c0 = 1000.0_dp
  type(msb_law) :: law
  real(dp) :: cov(2, 2), Tface(1, nc + 1), Dface(1, nc + 1), Dstd(1, nc + 1)
  real(dp) :: c(nc), a(nc), b(nc), cu(nc), d(nc), dx, dt, t, tend, Dmin, J, Jref, integral
  real(dp) :: xq, h, w, m
  integer :: ierr, i, k, nsteps

  cov = 0
  cov(1, 1) = 0.0_dp                           ! var(ln D0): D0 taken as exact here
  cov(2, 2) = (Ea_sd_eV * MSB_EV)**2           ! var(E_a)
  call msb_arrhenius_create(law, D0, Ea_eV * MSB_EV, cov, ierr=ierr)
  if (ierr /= MSB_SUCCESS) then
    print '(2a)', 'slab_diffusion: ', msb_last_error_message()
    error stop 1
  end if

  dx = L / nc
  do i = 1, nc + 1                             ! face i-1/2 at x = (i-1) dx
    Tface(1, i) = Thot + (Tcold - Thot) * real(i - 1, dp) / nc
  end do
  call msb_law_eval_uq(law, Tface, Dface, Dstd, ierr=ierr)
  if (ierr /= MSB_SUCCESS) error stop 2
  print '(a, es10.3, a, es10.3, a, f5.3)', 'D(T_hot) = ', Dface(1, 1), ' m^2/s, D(T_cold) = ', &
       Dface(1, nc + 1), ' m^2/s; sd(ln D) at T_cold = ', Dstd(1, nc + 1) / Dface(1, nc + 1)

  ! implicit Euler to 40 L^2 / D_min; the boundary faces connect the end cells to the Dirichlet values over dx/2
  Dmin = minval(Dface)
  tend = 40.0_dp * L**2 / Dmin
  nsteps = 400
  dt = tend / nsteps
  c = 0
  t = 0
  do k = 1, nsteps
    do i = 1, nc
      a(i) = 0
      cu(i) = 0
      b(i) = dx / dt
      d(i) = dx / dt * c(i)
      if (i > 1) then
        a(i) = -Dface(1, i) / dx
        b(i) = b(i) + Dface(1, i) / dx
      else
        b(i) = b(i) + 2 * Dface(1, 1) / dx
        d(i) = d(i) + 2 * Dface(1, 1) / dx * c0
      end if
      if (i < nc) then
        cu(i) = -Dface(1, i + 1) / dx
        b(i) = b(i) + Dface(1, i + 1) / dx
      else
        b(i) = b(i) + 2 * Dface(1, nc + 1) / dx   ! c(L) = 0
      end if
    end do
    do i = 2, nc                                ! Thomas algorithm
      m = a(i) / b(i - 1)
      b(i) = b(i) - m * cu(i - 1)
      d(i) = d(i) - m * d(i - 1)
    end do
    c(nc) = d(nc) / b(nc)
    do i = nc - 1, 1, -1
      c(i) = (d(i) - cu(i) * c(i + 1)) / b(i)
    end do
    t = t + dt
  end do
  J = 2 * Dface(1, nc + 1) * c(nc) / dx         ! outlet flux, mol/(m^2 s)

  ! independent reference: Simpson's rule for int_0^L exp(E_a / (k_B T(x))) / D0 dx
  h = L / 20000
  integral = 0
  do i = 0, 20000
    xq = i * h
    w = merge(1.0_dp, merge(4.0_dp, 2.0_dp, mod(i, 2) == 1), i == 0 .or. i == 20000)
    integral = integral + w * exp(Ea_eV * 1.602176634e-19_dp / &
         (1.380649e-23_dp * (Thot + (Tcold - Thot) * xq / L))) / D0
  end do
  integral = integral * h / 3
  Jref = c0 / integral
  print '(a, es16.9, a, es16.9, a, es9.2)', 'outlet flux ', J, ' mol/(m^2 s); steady closed form ', &
       Jref, '; rel. diff ', abs(J / Jref - 1)
  call msb_destroy(law)
  if (.not. (abs(J / Jref - 1) <= 1.0e-4_dp)) error stop 3
end program slab_diffusion

!> msbridge_mechanics — Fortran interface to msbridge/elastic.h, msbridge/cohesive.h and
!> msbridge/chemomech.h (SI units; stiffness C(6,6) in Pa, Voigt order 11 22 33 23 13 12,
!> engineering shear strains; C is symmetric, so Fortran's column-major storage is the same
!> matrix the C API reads row-major).
module msbridge_mechanics
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private

  integer, parameter, public :: MSB_ELASTIC_NPROP = 11
  !> 1-based indices into the props(:, i) column of msb_elastic_moduli
  integer, parameter, public :: MSB_EL_K_VOIGT = 1, MSB_EL_K_REUSS = 2, MSB_EL_K_VRH = 3, &
       MSB_EL_G_VOIGT = 4, MSB_EL_G_REUSS = 5, MSB_EL_G_VRH = 6, MSB_EL_E_VRH = 7, &
       MSB_EL_NU_VRH = 8, MSB_EL_A_U = 9, MSB_EL_A_ZENER = 10, MSB_EL_MIN_EIGEN = 11
  real(c_double), parameter, public :: MSB_Z_SURFACE_CRACK = 3.951_c_double, &
       MSB_Z_CHANNEL_CRACK = 1.976_c_double, MSB_Z_SUBSTRATE_DAMAGE = 3.951_c_double, &
       MSB_Z_SPALLING = 0.343_c_double, MSB_Z_DEBOND_INITIATION = 1.028_c_double, &
       MSB_Z_DEBOND_STEADY = 0.5_c_double

  public :: msb_elastic_moduli, msb_uber_fit, msb_cohesive_exponential_create, &
       msb_cohesive_bilinear_create, msb_barodiffusion_create, msb_voltage_pressure_create, &
       msb_partial_molar_volume_fit, msb_thin_film_stress, msb_thin_film_fracture, &
       msb_elastic_fit, msb_activation_volume_fit, msb_activation_volume_tensor_create

  interface
    function c_elastic_moduli(n, C, props, stable) bind(C, name="msb_elastic_moduli") result(s)
      import :: c_ptr, c_size_t, c_int
      integer(c_size_t), value :: n
      type(c_ptr), value :: C, props, stable
      integer(c_int) :: s
    end function
    function c_uber_fit(n, d, e, sd, est, law) bind(C, name="msb_uber_fit") result(s)
      import :: c_ptr, c_size_t, c_int
      integer(c_size_t), value :: n
      type(c_ptr), value :: d, e, sd, est, law
      integer(c_int) :: s
    end function
    function c_coh_exp(G, l, cov, out) bind(C, name="msb_cohesive_exponential_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: G, l
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_coh_bil(G, sm, dp, cov, out) bind(C, name="msb_cohesive_bilinear_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: G, sm, dp
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_baro(D, Vb, cov, out) bind(C, name="msb_barodiffusion_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: D, Vb
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_up(U0, Vb, p0, ne, cov, out) bind(C, name="msb_voltage_pressure_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: U0, Vb, p0, ne
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_pmv(n, x, V, sd, est) bind(C, name="msb_partial_molar_volume_fit") result(s)
      import :: c_ptr, c_size_t, c_int
      integer(c_size_t), value :: n
      type(c_ptr), value :: x, V, sd
      type(c_ptr) :: est
      integer(c_int) :: s
    end function
    function c_film_stress(E, nu, eps, sig) bind(C, name="msb_thin_film_stress") result(s)
      import :: c_double, c_int
      real(c_double), value :: E, nu, eps
      real(c_double) :: sig
      integer(c_int) :: s
    end function
    function c_film_frac(E, nu, sig, h, Z, Gc, est) bind(C, name="msb_thin_film_fracture") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: E, nu, sig, h, Z, Gc
      type(c_ptr) :: est
      integer(c_int) :: s
    end function
    function c_elastic_fit(n, e, s, sd, off, est) bind(C, name="msb_elastic_fit") result(st)
      import :: c_ptr, c_size_t, c_int, c_double
      integer(c_size_t), value :: n
      type(c_ptr), value :: e, s
      real(c_double), value :: sd
      integer(c_int), value :: off
      type(c_ptr) :: est
      integer(c_int) :: st
    end function
    function c_av_fit(n, s, e, sd, D0, est, law) bind(C, name="msb_activation_volume_fit") result(st)
      import :: c_ptr, c_size_t, c_int, c_double
      integer(c_size_t), value :: n
      type(c_ptr), value :: s, e, sd, est, law
      real(c_double), value :: D0
      integer(c_int) :: st
    end function
    function c_av6(D0, Em0, O6, cov, out) bind(C, name="msb_activation_volume_tensor_create") result(st)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: D0, Em0
      type(c_ptr), value :: O6, cov
      type(c_ptr) :: out
      integer(c_int) :: st
    end function
  end interface

contains

  subroutine put(status, ierr)
    integer(c_int), intent(in) :: status
    integer, intent(out), optional :: ierr
    if (present(ierr)) ierr = int(status)
  end subroutine

  !> Moduli of n stiffness tensors C(6,6,n) (Pa) into props(MSB_ELASTIC_NPROP, n); stable(n)
  !> is 1 for Born-stable tensors. Errors as msb_elastic_moduli (msbridge/elastic.h).
  subroutine msb_elastic_moduli(C, props, stable, ierr)
    real(c_double), intent(in), target, contiguous :: C(:,:,:)
    real(c_double), intent(out), target, contiguous :: props(:,:)
    integer(c_int), intent(out), optional, target, contiguous :: stable(:)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: ps
    integer :: n
    n = size(C, 3)
    if (size(C, 1) /= 6 .or. size(C, 2) /= 6 .or. size(props, 1) /= MSB_ELASTIC_NPROP .or. &
        size(props, 2) /= n) then
      call put(MSB_ESIZE, ierr)
      return
    end if
    ps = c_null_ptr
    if (present(stable)) then
      if (size(stable) /= n) then
        call put(MSB_ESIZE, ierr)
        return
      end if
      ps = c_loc(stable)
    end if
    call put(c_elastic_moduli(int(n, c_size_t), c_loc(C), c_loc(props), ps), ierr)
  end subroutine

  !> UBER fit of cleavage energies (msbridge/cohesive.h); energy_std optional.
  subroutine msb_uber_fit(delta, energy, energy_std, est, law, ierr)
    real(c_double), intent(in), target, contiguous :: delta(:), energy(:)
    real(c_double), intent(in), optional, target, contiguous :: energy_std(:)
    type(msb_estimate), intent(inout), optional :: est
    type(msb_law), intent(inout), optional :: law
    integer, intent(out), optional :: ierr
    type(c_ptr), target :: pe, pl
    type(c_ptr) :: ps, ppe, ppl
    integer(c_int) :: s
    if (size(energy) /= size(delta)) then
      call put(MSB_ESIZE, ierr)
      return
    end if
    ps = c_null_ptr
    if (present(energy_std)) then
      if (size(energy_std) /= size(delta)) then
        call put(MSB_ESIZE, ierr)
        return
      end if
      ps = c_loc(energy_std)
    end if
    pe = c_null_ptr
    pl = c_null_ptr
    ppe = c_null_ptr
    ppl = c_null_ptr
    if (present(est)) ppe = c_loc(pe)
    if (present(law)) ppl = c_loc(pl)
    s = c_uber_fit(int(size(delta), c_size_t), c_loc(delta), c_loc(energy), ps, ppe, ppl)
    if (s == MSB_SUCCESS) then
      if (present(est)) call msb_estimate_set_cptr(est, pe)
      if (present(law)) call msb_law_set_cptr(law, pl)
    end if
    call put(s, ierr)
  end subroutine

  !> Exponential traction law T(delta); cov(2,2) of (G_c, lambda) optional.
  subroutine msb_cohesive_exponential_create(law, Gc, lambda, cov, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: Gc, lambda
    real(c_double), intent(in), optional, target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: pc, out
    integer(c_int) :: s
    pc = c_null_ptr
    if (present(cov)) then
      if (size(cov, 1) /= 2 .or. size(cov, 2) /= 2) then
        call put(MSB_ESIZE, ierr)
        return
      end if
      pc = c_loc(cov)
    end if
    s = c_coh_exp(Gc, lambda, pc, out)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, out)
    call put(s, ierr)
  end subroutine

  !> Bilinear traction law with area G_c, peak sigma_max at delta_p (no covariance).
  subroutine msb_cohesive_bilinear_create(law, Gc, sigma_max, delta_p, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: Gc, sigma_max, delta_p
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_coh_bil(Gc, sigma_max, delta_p, c_null_ptr, out)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, out)
    call put(s, ierr)
  end subroutine

  !> Barodiffusion flux law (8 inputs c, T, grad c, grad sigma_h; 3 outputs J).
  subroutine msb_barodiffusion_create(law, D, Vbar, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: D, Vbar
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_baro(D, Vbar, c_null_ptr, out)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, out)
    call put(s, ierr)
  end subroutine

  !> U(p) = U0 - Vbar (p - p0)/(n_e F).
  subroutine msb_voltage_pressure_create(law, U0, Vbar, p0, n_e, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: U0, Vbar, p0, n_e
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_up(U0, Vbar, p0, n_e, c_null_ptr, out)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, out)
    call put(s, ierr)
  end subroutine

  !> Partial molar volume fit V = V0 + v x; V_std optional.
  subroutine msb_partial_molar_volume_fit(x, V, V_std, est, ierr)
    real(c_double), intent(in), target, contiguous :: x(:), V(:)
    real(c_double), intent(in), optional, target, contiguous :: V_std(:)
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: ps, out
    integer(c_int) :: s
    if (size(V) /= size(x)) then
      call put(MSB_ESIZE, ierr)
      return
    end if
    ps = c_null_ptr
    if (present(V_std)) then
      if (size(V_std) /= size(x)) then
        call put(MSB_ESIZE, ierr)
        return
      end if
      ps = c_loc(V_std)
    end if
    s = c_pmv(int(size(x), c_size_t), c_loc(x), c_loc(V), ps, out)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, out)
    call put(s, ierr)
  end subroutine

  !> Equi-biaxial film stress E_f eps_m/(1 - nu_f).
  subroutine msb_thin_film_stress(E_f, nu_f, eps_m, sigma, ierr)
    real(c_double), intent(in) :: E_f, nu_f, eps_m
    real(c_double), intent(out) :: sigma
    integer, intent(out), optional :: ierr
    call put(c_film_stress(E_f, nu_f, eps_m, sigma), ierr)
  end subroutine

  !> Thin-film fracture estimate: G, h_c, Ebar_f, G_over_Gc (msbridge/chemomech.h).
  subroutine msb_thin_film_fracture(E_f, nu_f, sigma, h, Z, Gc, est, ierr)
    real(c_double), intent(in) :: E_f, nu_f, sigma, h, Z, Gc
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_film_frac(E_f, nu_f, sigma, h, Z, Gc, out)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, out)
    call put(s, ierr)
  end subroutine

  !> Stiffness fit from strain(6, n) (engineering shear) and stress(6, n) in Pa; stress_std <= 0
  !> estimates the scatter; fit_offset also fits a residual stress (msbridge/elastic.h).
  subroutine msb_elastic_fit(strain, stress, stress_std, fit_offset, est, ierr)
    real(c_double), intent(in), target, contiguous :: strain(:,:), stress(:,:)
    real(c_double), intent(in) :: stress_std
    logical, intent(in) :: fit_offset
    type(msb_estimate), intent(inout) :: est
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s, off
    if (size(strain, 1) /= 6 .or. any(shape(stress) /= shape(strain))) then
      call put(MSB_ESIZE, ierr)
      return
    end if
    off = 0
    if (fit_offset) off = 1
    s = c_elastic_fit(int(size(strain, 2), c_size_t), c_loc(strain), c_loc(stress), stress_std, &
         off, out)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, out)
    call put(s, ierr)
  end subroutine

  !> Fit Em = Em0 - Omega sigma; the law (needs D0 > 0) and Em_std are optional.
  subroutine msb_activation_volume_fit(sigma, Em, Em_std, D0, est, law, ierr)
    real(c_double), intent(in), target, contiguous :: sigma(:), Em(:)
    real(c_double), intent(in), optional, target, contiguous :: Em_std(:)
    real(c_double), intent(in) :: D0
    type(msb_estimate), intent(inout), optional :: est
    type(msb_law), intent(inout), optional :: law
    integer, intent(out), optional :: ierr
    type(c_ptr), target :: pe, pl
    type(c_ptr) :: ps, ppe, ppl
    integer(c_int) :: s
    if (size(Em) /= size(sigma)) then
      call put(MSB_ESIZE, ierr)
      return
    end if
    ps = c_null_ptr
    if (present(Em_std)) then
      if (size(Em_std) /= size(sigma)) then
        call put(MSB_ESIZE, ierr)
        return
      end if
      ps = c_loc(Em_std)
    end if
    pe = c_null_ptr
    pl = c_null_ptr
    ppe = c_null_ptr
    ppl = c_null_ptr
    if (present(est)) ppe = c_loc(pe)
    if (present(law)) ppl = c_loc(pl)
    s = c_av_fit(int(size(sigma), c_size_t), c_loc(sigma), c_loc(Em), ps, D0, ppe, ppl)
    if (s == MSB_SUCCESS) then
      if (present(est)) call msb_estimate_set_cptr(est, pe)
      if (present(law)) call msb_law_set_cptr(law, pl)
    end if
    call put(s, ierr)
  end subroutine

  !> Tensorial activation-volume law D(T, s11, s22, s33, s23, s13, s12); Omega6 (m^3) in Voigt
  !> order with tensor components.
  subroutine msb_activation_volume_tensor_create(law, D0, Em0, Omega6, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: D0, Em0
    real(c_double), intent(in), target :: Omega6(6)
    integer, intent(out), optional :: ierr
    type(c_ptr) :: out
    integer(c_int) :: s
    s = c_av6(D0, Em0, c_loc(Omega6), c_null_ptr, out)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, out)
    call put(s, ierr)
  end subroutine

end module msbridge_mechanics

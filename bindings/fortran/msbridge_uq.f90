!> msbridge_uq — law cards, composition and Monte Carlo propagation, Bayesian fusion and
!> validation (C headers msbridge/{card,propagate,fusion,validate}.h). Every subroutine takes an
!> optional `ierr` (MSB_SUCCESS or a status code; the detail is in msb_last_error_message()).
!> Arrays follow the C layout: x(nin, n), mean(nout, n). Source indices are 0-based as in C.
module msbridge_uq
  use, intrinsic :: iso_c_binding
  use msbridge_core
  implicit none
  private
  public :: msb_card_write, msb_card_read, msb_card_export_pybamm, msb_card_export_c_header, &
       msb_law_compose, msb_propagate_mc, msb_fuse, msb_validate, msb_fuse_mcmc

  interface
    function c_card_write(law, path, n, inputs, by, note) bind(C, name="msb_card_write") result(s)
      import :: c_ptr, c_char, c_int, c_size_t
      type(c_ptr), value :: law, inputs, by, note
      character(kind=c_char), dimension(*) :: path
      integer(c_size_t), value :: n
      integer(c_int) :: s
    end function
    function c_card_read(path, out) bind(C, name="msb_card_read") result(s)
      import :: c_ptr, c_char, c_int
      character(kind=c_char), dimension(*) :: path
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_export_pybamm(law, name, path) bind(C, name="msb_card_export_pybamm") result(s)
      import :: c_ptr, c_char, c_int
      type(c_ptr), value :: law
      character(kind=c_char), dimension(*) :: name, path
      integer(c_int) :: s
    end function
    function c_export_c_header(law, name, path) bind(C, name="msb_card_export_c_header") &
         result(s)
      import :: c_ptr, c_char, c_int
      type(c_ptr), value :: law
      character(kind=c_char), dimension(*) :: name, path
      integer(c_int) :: s
    end function
    function c_compose(outer, slot, inner, k, out) bind(C, name="msb_law_compose") result(s)
      import :: c_ptr, c_size_t, c_int
      type(c_ptr), value :: outer, inner
      integer(c_size_t), value :: slot, k
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_propagate_mc(law, n, x, ns, seed, mean, sd, smp) bind(C, name="msb_propagate_mc") &
         result(s)
      import :: c_ptr, c_size_t, c_int64_t, c_int, c_double
      type(c_ptr), value :: law, smp
      integer(c_size_t), value :: n, ns
      integer(c_int64_t), value :: seed
      real(c_double), dimension(*) :: x, mean, sd
      integer(c_int) :: s
    end function
    function c_fuse(n, v, sd, src, ng, tau, a, unit, out) bind(C, name="msb_fuse") result(s)
      import :: c_ptr, c_size_t, c_int, c_double, c_char
      integer(c_size_t), value :: n, ng
      real(c_double), dimension(*) :: v, sd
      integer(c_size_t), dimension(*) :: src
      type(c_ptr), value :: tau
      real(c_double), value :: a
      character(kind=c_char), dimension(*) :: unit
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_fuse_mcmc(n, v, sd, src, ng, tau, a, shared, ns, seed, unit, out) &
         bind(C, name="msb_fuse_mcmc") result(s)
      import :: c_ptr, c_size_t, c_int, c_double, c_char, c_int64_t
      integer(c_size_t), value :: n, ng, ns
      real(c_double), dimension(*) :: v, sd, tau
      integer(c_size_t), dimension(*) :: src
      real(c_double), value :: a
      integer(c_int), value :: shared
      integer(c_int64_t), value :: seed
      character(kind=c_char), dimension(*) :: unit
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_validate(yp, up, ym, um, k, out) bind(C, name="msb_validate") result(s)
      import :: c_ptr, c_int, c_double
      real(c_double), value :: yp, up, ym, um, k
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
  end interface

contains

  !> Write the law card of `law` to `path` (crash-safe; no provenance files from Fortran).
  subroutine msb_card_write(law, path, ierr)
    type(msb_law), intent(in) :: law
    character(len=*), intent(in) :: path
    integer, intent(out), optional :: ierr
    call msb_status_from(c_card_write(msb_law_cptr(law), path // c_null_char, 0_c_size_t, &
         c_null_ptr, c_null_ptr, c_null_ptr), ierr)
  end subroutine

  !> Rebuild a law from a card file.
  subroutine msb_card_read(law, path, ierr)
    type(msb_law), intent(inout) :: law
    character(len=*), intent(in) :: path
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_card_read(path // c_null_char, p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(law, p)
    call msb_status_from(s, ierr)
  end subroutine

  subroutine msb_card_export_pybamm(law, function_name, path, ierr)
    type(msb_law), intent(in) :: law
    character(len=*), intent(in) :: function_name, path
    integer, intent(out), optional :: ierr
    call msb_status_from(c_export_pybamm(msb_law_cptr(law), function_name // c_null_char, &
         path // c_null_char), ierr)
  end subroutine

  subroutine msb_card_export_c_header(law, prefix, path, ierr)
    type(msb_law), intent(in) :: law
    character(len=*), intent(in) :: prefix, path
    integer, intent(out), optional :: ierr
    call msb_status_from(c_export_c_header(msb_law_cptr(law), prefix // c_null_char, &
         path // c_null_char), ierr)
  end subroutine

  !> out = outer with its input `slot` (1-based here) fed by inner's output `inner_output`
  !> (1-based).
  subroutine msb_law_compose(out, outer, slot, inner, inner_output, ierr)
    type(msb_law), intent(inout) :: out
    type(msb_law), intent(in) :: outer, inner
    integer, intent(in) :: slot, inner_output
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    p = c_null_ptr
    if (slot < 1 .or. inner_output < 1) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    s = c_compose(msb_law_cptr(outer), int(slot - 1, c_size_t), msb_law_cptr(inner), &
         int(inner_output - 1, c_size_t), p)
    if (s == MSB_SUCCESS) call msb_law_set_cptr(out, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Monte Carlo mean and sd of the outputs at the points x(nin, n); mean, sd are (nout, n).
  subroutine msb_propagate_mc(law, x, n_samples, seed, mean, sd, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(in) :: x(:,:)
    integer, intent(in) :: n_samples
    integer(c_int64_t), intent(in) :: seed
    real(c_double), intent(out) :: mean(:,:), sd(:,:)
    integer, intent(out), optional :: ierr
    integer :: nin, nout
    nin = msb_law_n_inputs(law)
    nout = msb_law_n_outputs(law)
    if (size(x, 1) /= nin .or. size(mean, 1) /= nout .or. &
        size(sd, 1) /= nout .or. size(mean, 2) /= size(x, 2) .or. &
        size(sd, 2) /= size(x, 2) .or. n_samples < 0) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    call msb_status_from(c_propagate_mc(msb_law_cptr(law), int(size(x, 2), c_size_t), x, &
         int(n_samples, c_size_t), seed, mean, sd, c_null_ptr), ierr)
  end subroutine

  !> Fuse value(i) +- sd(i) from sources source(i) (0-based) with discrepancies tau(g)
  !> (ieee NaN to infer; omit tau for all zero) and half-Cauchy scale prior_scale.
  subroutine msb_fuse(est, value, sd, source, tau, prior_scale, ierr)
    type(msb_estimate), intent(inout) :: est
    real(c_double), intent(in) :: value(:), sd(:)
    integer, intent(in) :: source(:)
    real(c_double), intent(in), optional, target :: tau(:)
    real(c_double), intent(in), optional :: prior_scale
    integer, intent(out), optional :: ierr
    integer(c_size_t), allocatable :: src(:)
    type(c_ptr) :: p, pt
    real(c_double) :: a
    integer(c_int) :: s
    integer :: ng
    if (size(sd) /= size(value) .or. size(source) /= size(value) .or. size(value) == 0) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    if (any(source < 0)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    allocate(src(size(source)))
    src = int(source, c_size_t)
    ng = maxval(source) + 1
    pt = c_null_ptr
    if (present(tau)) then
      if (size(tau) /= ng) then
        call msb_status_from(int(MSB_ESIZE, c_int), ierr)
        return
      end if
      pt = c_loc(tau)
    end if
    a = 1.0_c_double
    if (present(prior_scale)) a = prior_scale
    p = c_null_ptr
    s = c_fuse(int(size(value), c_size_t), value, sd, src, int(ng, c_size_t), pt, a, &
         '1' // c_null_char, p)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Fuse value(i) +- sd(i) from sources source(i) (0-based), inferring by MCMC the discrepancy
  !> scale of every source with tau(g) = ieee NaN (each its own half-Cauchy(prior_scale) prior;
  !> shared = .true.: one scale for all of them), n_samples kept sweeps, random stream seed.
  !> Estimate entries: mean, var, ci68, content_1sd, mean_mc_se, tau, tau_mc_se, bias, accept.
  subroutine msb_fuse_mcmc(est, value, sd, source, tau, prior_scale, shared, n_samples, seed, &
       ierr)
    type(msb_estimate), intent(inout) :: est
    real(c_double), intent(in) :: value(:), sd(:), tau(:), prior_scale
    integer, intent(in) :: source(:), n_samples
    logical, intent(in) :: shared
    integer(c_int64_t), intent(in) :: seed
    integer, intent(out), optional :: ierr
    integer(c_size_t), allocatable :: src(:)
    type(c_ptr) :: p
    integer(c_int) :: s, sh
    integer :: ng
    if (size(sd) /= size(value) .or. size(source) /= size(value) .or. size(value) == 0 &
         .or. n_samples < 0) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    if (any(source < 0)) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    ng = maxval(source) + 1
    if (size(tau) /= ng) then
      call msb_status_from(int(MSB_ESIZE, c_int), ierr)
      return
    end if
    allocate(src(size(source)))
    src = int(source, c_size_t)
    sh = 0
    if (shared) sh = 1
    p = c_null_ptr
    s = c_fuse_mcmc(int(size(value), c_size_t), value, sd, src, int(ng, c_size_t), tau, &
         prior_scale, sh, int(n_samples, c_size_t), seed, '1' // c_null_char, p)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine

  !> Compare a prediction with a measurement (estimate entries z, agree, p_value, ...).
  subroutine msb_validate(est, predicted, predicted_sd, measured, measured_sd, k, ierr)
    type(msb_estimate), intent(inout) :: est
    real(c_double), intent(in) :: predicted, predicted_sd, measured, measured_sd, k
    integer, intent(out), optional :: ierr
    type(c_ptr) :: p
    integer(c_int) :: s
    p = c_null_ptr
    s = c_validate(predicted, predicted_sd, measured, measured_sd, k, p)
    if (s == MSB_SUCCESS) call msb_estimate_set_cptr(est, p)
    call msb_status_from(s, ierr)
  end subroutine
end module msbridge_uq

!> msbridge_core — Fortran 2008 interface to libmsbridge's core, laws and estimates, and the
!> rate laws (ISO_C_BINDING). Users write `use msbridge` (msbridge_all.f90), which re-exports
!> this module and every family module.
!>
!> Handles are derived types holding a private c_ptr; create them with the *_create
!> subroutines and release them with msb_destroy. Arrays follow the C layout naturally:
!> inputs x(nin, n) (column i is point i), outputs y(nout, n), input derivatives
!> dydx(nin, nout, n), parameter derivatives dydp(nparam, nout, n). Every subroutine takes an
!> optional integer `ierr` (0 on success, else an MSB_E* code); msb_last_error_message() gives
!> the detail. Without `ierr` a failure leaves the outputs as they were and the status is
!> still available from msb_last_error_status(): the module never stops the program.
!> Units are SI throughout (see the C headers). Thread safety is that of the C functions.
module msbridge_core
  use, intrinsic :: iso_c_binding
  use msbridge_version
  implicit none
  private

  ! Status codes: pinned values, identical to include/msbridge/status.h (a test checks).
  integer(c_int), parameter, public :: MSB_SUCCESS = 0, MSB_EINVAL = 1, MSB_ENULL = 2, &
       MSB_EDOM = 3, MSB_ENONFINITE = 4, MSB_ERANGE = 5, MSB_ENOMEM = 6, MSB_ESIZE = 7, &
       MSB_EBADLAW = 8, MSB_EIO = 9, MSB_EFORMAT = 10, MSB_ETRUNCATED = 11, MSB_ENOCONV = 12, &
       MSB_ESINGULAR = 13, MSB_EINSUFFICIENT = 14, MSB_ECANCELLED = 15, MSB_EVERSION = 16, &
       MSB_EUNITS = 17, MSB_EINTERNAL = 18

  ! Exact SI-2019 constants (msbridge/core.h).
  real(c_double), parameter, public :: MSB_K_B = 1.380649e-23_c_double, &
       MSB_H = 6.62607015e-34_c_double, MSB_E = 1.602176634e-19_c_double, &
       MSB_N_A = 6.02214076e23_c_double, MSB_F = 96485.3321233100184_c_double, &
       MSB_R = 8.31446261815324_c_double, MSB_EV = 1.602176634e-19_c_double

  integer(c_int), parameter, public :: MSB_SIGMA_ABSOLUTE = 0, MSB_SIGMA_RELATIVE = 1

  type, public :: msb_law
    private
    type(c_ptr) :: ptr = c_null_ptr
  end type msb_law

  type, public :: msb_estimate
    private
    type(c_ptr) :: ptr = c_null_ptr
  end type msb_estimate

  public :: MSB_MODULE_VERSION_NUMBER, MSB_MODULE_VERSION_STRING, msb_version_check
  public :: msb_version_number, msb_last_error_message, msb_last_error_status, &
       msb_status_name, msb_status_count
  public :: msb_destroy, msb_associated
  ! For the family modules (msbridge_*.f90) only: the raw C handle of a law or estimate.
  public :: msb_law_cptr, msb_law_set_cptr, msb_estimate_cptr, msb_estimate_set_cptr, &
       msb_c_string, msb_status_from
  public :: msb_law_n_inputs, msb_law_n_outputs, msb_law_n_params, msb_law_eval, &
       msb_law_eval_uq, msb_law_params, msb_law_covariance, msb_law_kind
  public :: msb_tst_eyring_create, msb_tst_vineyard_create, msb_arrhenius_create, &
       msb_activation_volume_create, msb_arrhenius_fit, msb_estimate_get

  interface msb_destroy
    module procedure destroy_law, destroy_estimate
  end interface msb_destroy
  interface msb_associated
    module procedure law_associated, estimate_associated
  end interface msb_associated

  interface
    function c_version_number() bind(C, name="msb_version_number") result(v)
      import :: c_int
      integer(c_int) :: v
    end function
    function c_status_count() bind(C, name="msb_status_count") result(v)
      import :: c_int
      integer(c_int) :: v
    end function
    function c_last_error_message() bind(C, name="msb_last_error_message") result(p)
      import :: c_ptr
      type(c_ptr) :: p
    end function
    function c_last_error_status() bind(C, name="msb_last_error_status") result(s)
      import :: c_int
      integer(c_int) :: s
    end function
    function c_status_name(code) bind(C, name="msb_status_name") result(p)
      import :: c_ptr, c_int
      integer(c_int), value :: code
      type(c_ptr) :: p
    end function
    function c_strlen(s) bind(C, name="strlen") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: s
      integer(c_size_t) :: n
    end function
    subroutine c_law_destroy(law) bind(C, name="msb_law_destroy")
      import :: c_ptr
      type(c_ptr), value :: law
    end subroutine
    subroutine c_estimate_destroy(est) bind(C, name="msb_estimate_destroy")
      import :: c_ptr
      type(c_ptr), value :: est
    end subroutine
    function c_law_n_inputs(law) bind(C, name="msb_law_n_inputs") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: law
      integer(c_size_t) :: n
    end function
    function c_law_n_outputs(law) bind(C, name="msb_law_n_outputs") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: law
      integer(c_size_t) :: n
    end function
    function c_law_n_params(law) bind(C, name="msb_law_n_params") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: law
      integer(c_size_t) :: n
    end function
    function c_law_kind(law) bind(C, name="msb_law_kind") result(p)
      import :: c_ptr
      type(c_ptr), value :: law
      type(c_ptr) :: p
    end function
    function c_law_eval(law, n, x, y, dydx) bind(C, name="msb_law_eval") result(s)
      import :: c_ptr, c_size_t, c_int
      type(c_ptr), value :: law, x, y, dydx
      integer(c_size_t), value :: n
      integer(c_int) :: s
    end function
    function c_law_eval_uq(law, n, x, y, ystd) bind(C, name="msb_law_eval_uq") result(s)
      import :: c_ptr, c_size_t, c_int
      type(c_ptr), value :: law, x, y, ystd
      integer(c_size_t), value :: n
      integer(c_int) :: s
    end function
    function c_law_params(law, p) bind(C, name="msb_law_params") result(s)
      import :: c_ptr, c_int
      type(c_ptr), value :: law, p
      integer(c_int) :: s
    end function
    function c_law_covariance(law, p) bind(C, name="msb_law_covariance") result(s)
      import :: c_ptr, c_int
      type(c_ptr), value :: law, p
      integer(c_int) :: s
    end function
    function c_eyring_create(dH, dS, kappa, nu, cov, out) bind(C, name="msb_tst_eyring_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: dH, dS, kappa, nu
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_vineyard_create(nm, num, ns, nus, Ea, cov, out) bind(C, name="msb_tst_vineyard_create") result(s)
      import :: c_ptr, c_double, c_int, c_size_t
      integer(c_size_t), value :: nm, ns
      type(c_ptr), value :: num, nus, cov
      real(c_double), value :: Ea
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_arrhenius_create(D0, Ea, cov, out) bind(C, name="msb_arrhenius_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: D0, Ea
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_actvol_create(D0, Em0, Om, cov, out) bind(C, name="msb_activation_volume_create") result(s)
      import :: c_ptr, c_double, c_int
      real(c_double), value :: D0, Em0, Om
      type(c_ptr), value :: cov
      type(c_ptr) :: out
      integer(c_int) :: s
    end function
    function c_arrhenius_fit(n, T, D, Dstd, mode, est, law) bind(C, name="msb_arrhenius_fit") result(s)
      import :: c_ptr, c_size_t, c_int
      integer(c_size_t), value :: n
      type(c_ptr), value :: T, D, Dstd, est, law
      integer(c_int), value :: mode
      integer(c_int) :: s
    end function
    function c_estimate_get(est, name, v, sd) bind(C, name="msb_estimate_get") result(s)
      import :: c_ptr, c_int, c_char
      type(c_ptr), value :: est, v, sd
      character(kind=c_char), dimension(*) :: name
      integer(c_int) :: s
    end function
  end interface

contains

  ! ---------------------------------------------------------------- helpers
  function c_to_f_string(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), pointer :: chars(:)
    integer :: i, n
    if (.not. c_associated(p)) then
      s = ''
      return
    end if
    n = int(c_strlen(p))
    call c_f_pointer(p, chars, [n])
    allocate(character(len=n) :: s)
    do i = 1, n
      s(i:i) = chars(i)
    end do
  end function c_to_f_string

  subroutine set_ierr(status, ierr)
    integer(c_int), intent(in) :: status
    integer, intent(out), optional :: ierr
    if (present(ierr)) ierr = int(status)
  end subroutine set_ierr

  !> c_loc of an n x n covariance, or MSB_ESIZE for a wrong shape. Called only when present.
  subroutine cov_ptr(cov, n, p, status)
    real(c_double), intent(in), target, contiguous :: cov(:,:)
    integer, intent(in) :: n
    type(c_ptr), intent(out) :: p
    integer(c_int), intent(out) :: status
    status = MSB_SUCCESS
    p = c_null_ptr
    if (size(cov, 1) /= n .or. size(cov, 2) /= n) then
      status = MSB_ESIZE
    else
      p = c_loc(cov)
    end if
  end subroutine cov_ptr

  ! ---------------------------------------------------------------- for family modules
  !> The C pointer held by a law (family modules pass it to their bind(C) interfaces).
  type(c_ptr) function msb_law_cptr(law)
    type(msb_law), intent(in) :: law
    msb_law_cptr = law%ptr
  end function
  !> Store a C pointer returned by a family constructor in a law.
  subroutine msb_law_set_cptr(law, p)
    type(msb_law), intent(inout) :: law
    type(c_ptr), intent(in) :: p
    law%ptr = p
  end subroutine
  type(c_ptr) function msb_estimate_cptr(est)
    type(msb_estimate), intent(in) :: est
    msb_estimate_cptr = est%ptr
  end function
  subroutine msb_estimate_set_cptr(est, p)
    type(msb_estimate), intent(inout) :: est
    type(c_ptr), intent(in) :: p
    est%ptr = p
  end subroutine
  !> Fortran copy of a NUL-terminated C string (empty for NULL).
  function msb_c_string(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    s = c_to_f_string(p)
  end function
  !> Store a C status in the optional ierr (helper for family modules).
  subroutine msb_status_from(status, ierr)
    integer(c_int), intent(in) :: status
    integer, intent(out), optional :: ierr
    call set_ierr(status, ierr)
  end subroutine

  ! ---------------------------------------------------------------- core
  !> Run-time library version, major*10000 + minor*100 + patch.
  integer function msb_version_number()
    msb_version_number = int(c_version_number())
  end function

  !> Check that the loaded library has the major version (and at least the minor version, while
  !> the major is 0) this module was compiled against: ierr = MSB_EVERSION otherwise.
  subroutine msb_version_check(ierr)
    integer, intent(out) :: ierr
    integer :: lib, lib_major, lib_minor, mod_major, mod_minor
    lib = msb_version_number()
    mod_major = MSB_MODULE_VERSION_NUMBER
    mod_minor = mod(mod_major, 10000)
    mod_major = (mod_major - mod_minor) / 10000
    mod_minor = (mod_minor - mod(mod_minor, 100)) / 100
    lib_minor = mod(lib, 10000)
    lib_major = (lib - lib_minor) / 10000
    lib_minor = (lib_minor - mod(lib_minor, 100)) / 100
    ierr = MSB_SUCCESS
    if (lib_major /= mod_major) ierr = MSB_EVERSION
    if (lib_major == 0 .and. lib_minor < mod_minor) ierr = MSB_EVERSION
  end subroutine

  integer function msb_status_count()
    msb_status_count = int(c_status_count())
  end function

  !> Detail of the last failure in the calling thread.
  function msb_last_error_message() result(s)
    character(len=:), allocatable :: s
    s = c_to_f_string(c_last_error_message())
  end function

  integer function msb_last_error_status()
    msb_last_error_status = int(c_last_error_status())
  end function

  !> Identifier of a status code, e.g. "MSB_EDOM"; '' if unknown.
  function msb_status_name(code) result(s)
    integer, intent(in) :: code
    character(len=:), allocatable :: s
    s = c_to_f_string(c_status_name(int(code, c_int)))
  end function

  subroutine destroy_law(law)
    type(msb_law), intent(inout) :: law
    call c_law_destroy(law%ptr)
    law%ptr = c_null_ptr
  end subroutine
  subroutine destroy_estimate(est)
    type(msb_estimate), intent(inout) :: est
    call c_estimate_destroy(est%ptr)
    est%ptr = c_null_ptr
  end subroutine
  logical function law_associated(law)
    type(msb_law), intent(in) :: law
    law_associated = c_associated(law%ptr)
  end function
  logical function estimate_associated(est)
    type(msb_estimate), intent(in) :: est
    estimate_associated = c_associated(est%ptr)
  end function

  ! ---------------------------------------------------------------- laws
  integer function msb_law_n_inputs(law)
    type(msb_law), intent(in) :: law
    msb_law_n_inputs = int(c_law_n_inputs(law%ptr))
  end function
  integer function msb_law_n_outputs(law)
    type(msb_law), intent(in) :: law
    msb_law_n_outputs = int(c_law_n_outputs(law%ptr))
  end function
  integer function msb_law_n_params(law)
    type(msb_law), intent(in) :: law
    msb_law_n_params = int(c_law_n_params(law%ptr))
  end function
  function msb_law_kind(law) result(s)
    type(msb_law), intent(in) :: law
    character(len=:), allocatable :: s
    s = c_to_f_string(c_law_kind(law%ptr))
  end function

  !> Evaluate at the points x(nin, n): y(nout, n), optional dydx(nin, nout, n).
  subroutine msb_law_eval(law, x, y, dydx, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(in), target, contiguous :: x(:,:)
    real(c_double), intent(inout), target, contiguous :: y(:,:)
    real(c_double), intent(inout), optional, target, contiguous :: dydx(:,:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    type(c_ptr) :: pd
    integer(c_size_t) :: n
    integer :: nin, nout
    n = int(size(x, 2), c_size_t)
    nin = msb_law_n_inputs(law)
    nout = msb_law_n_outputs(law)
    if (size(x, 1) /= nin .or. size(y, 1) /= nout .or. size(y, 2) /= size(x, 2)) then
      call set_ierr(MSB_ESIZE, ierr)
      return
    end if
    pd = c_null_ptr
    if (present(dydx)) then
      if (size(dydx) /= size(x, 1) * size(y, 1) * size(x, 2)) then
        call set_ierr(MSB_ESIZE, ierr)
        return
      end if
      pd = c_loc(dydx)
    end if
    s = c_law_eval(law%ptr, n, c_loc(x), c_loc(y), pd)
    call set_ierr(s, ierr)
  end subroutine

  !> Values y(nout, n) and first-order propagated standard uncertainties y_std(nout, n).
  subroutine msb_law_eval_uq(law, x, y, y_std, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(in), target, contiguous :: x(:,:)
    real(c_double), intent(inout), target, contiguous :: y(:,:), y_std(:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    integer :: nin, nout
    nin = msb_law_n_inputs(law)
    nout = msb_law_n_outputs(law)
    if (size(x, 1) /= nin .or. size(y, 1) /= nout .or. size(y, 2) /= size(x, 2) &
        .or. any(shape(y_std) /= shape(y))) then
      call set_ierr(MSB_ESIZE, ierr)
      return
    end if
    s = c_law_eval_uq(law%ptr, int(size(x, 2), c_size_t), c_loc(x), c_loc(y), c_loc(y_std))
    call set_ierr(s, ierr)
  end subroutine

  subroutine msb_law_params(law, p, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(inout), target, contiguous :: p(:)
    integer, intent(out), optional :: ierr
    if (size(p) < msb_law_n_params(law)) then
      call set_ierr(MSB_ESIZE, ierr)
      return
    end if
    call set_ierr(c_law_params(law%ptr, c_loc(p)), ierr)
  end subroutine

  subroutine msb_law_covariance(law, cov, ierr)
    type(msb_law), intent(in) :: law
    real(c_double), intent(inout), target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    if (size(cov) < msb_law_n_params(law)**2) then
      call set_ierr(MSB_ESIZE, ierr)
      return
    end if
    call set_ierr(c_law_covariance(law%ptr, c_loc(cov)), ierr)
  end subroutine

  !> Eyring TST rate law (msbridge/tst.h). Energies in J per event; cov(2,2) of (dH, dS).
  subroutine msb_tst_eyring_create(law, dH, dS, kappa, nu_imag, cov, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: dH, dS, kappa, nu_imag
    real(c_double), intent(in), optional, target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    type(c_ptr) :: pc
    s = MSB_SUCCESS
    pc = c_null_ptr
    if (present(cov)) call cov_ptr(cov, 2, pc, s)
    if (s == MSB_SUCCESS) s = c_eyring_create(dH, dS, kappa, nu_imag, pc, law%ptr)
    call set_ierr(s, ierr)
  end subroutine

  !> Harmonic TST (Vineyard) rate law from N minimum and N-1 saddle frequencies (Hz).
  subroutine msb_tst_vineyard_create(law, nu_min, nu_saddle, Ea, cov, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in), target, contiguous :: nu_min(:), nu_saddle(:)
    real(c_double), intent(in) :: Ea
    real(c_double), intent(in), optional, target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    type(c_ptr) :: pc, ps
    s = MSB_SUCCESS
    pc = c_null_ptr
    if (present(cov)) call cov_ptr(cov, 2, pc, s)
    ps = c_null_ptr
    if (size(nu_saddle) > 0) ps = c_loc(nu_saddle)
    if (s == MSB_SUCCESS) s = c_vineyard_create(int(size(nu_min), c_size_t), c_loc(nu_min), &
         int(size(nu_saddle), c_size_t), ps, Ea, pc, law%ptr)
    call set_ierr(s, ierr)
  end subroutine

  !> Arrhenius law D = D0 exp(-Ea/(k_B T)); cov(2,2) of (ln D0, Ea).
  subroutine msb_arrhenius_create(law, D0, Ea, cov, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: D0, Ea
    real(c_double), intent(in), optional, target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    type(c_ptr) :: pc
    s = MSB_SUCCESS
    pc = c_null_ptr
    if (present(cov)) call cov_ptr(cov, 2, pc, s)
    if (s == MSB_SUCCESS) s = c_arrhenius_create(D0, Ea, pc, law%ptr)
    call set_ierr(s, ierr)
  end subroutine

  !> Activation-volume law D(T, sigma); cov(3,3) of (ln D0, Em0, Omega).
  subroutine msb_activation_volume_create(law, D0, Em0, Omega, cov, ierr)
    type(msb_law), intent(inout) :: law
    real(c_double), intent(in) :: D0, Em0, Omega
    real(c_double), intent(in), optional, target, contiguous :: cov(:,:)
    integer, intent(out), optional :: ierr
    integer(c_int) :: s
    type(c_ptr) :: pc
    s = MSB_SUCCESS
    pc = c_null_ptr
    if (present(cov)) call cov_ptr(cov, 3, pc, s)
    if (s == MSB_SUCCESS) s = c_actvol_create(D0, Em0, Omega, pc, law%ptr)
    call set_ierr(s, ierr)
  end subroutine

  !> Weighted Arrhenius fit (msbridge/arrhenius.h). D_std optional; est and law optional.
  subroutine msb_arrhenius_fit(T, D, D_std, mode, est, law, ierr)
    real(c_double), intent(in), target, contiguous :: T(:), D(:)
    real(c_double), intent(in), optional, target, contiguous :: D_std(:)
    integer, intent(in) :: mode
    type(msb_estimate), intent(inout), optional, target :: est
    type(msb_law), intent(inout), optional, target :: law
    integer, intent(out), optional :: ierr
    type(c_ptr) :: ps, pe, pl
    if (size(D) /= size(T)) then
      call set_ierr(MSB_ESIZE, ierr)
      return
    end if
    ps = c_null_ptr
    pe = c_null_ptr
    pl = c_null_ptr
    if (present(D_std)) then
      if (size(D_std) /= size(T)) then
        call set_ierr(MSB_ESIZE, ierr)
        return
      end if
      ps = c_loc(D_std)
    end if
    if (present(est)) pe = c_loc(est%ptr)
    if (present(law)) pl = c_loc(law%ptr)
    call set_ierr(c_arrhenius_fit(int(size(T), c_size_t), c_loc(T), c_loc(D), ps, &
         int(mode, c_int), pe, pl), ierr)
  end subroutine

  !> First value of an estimate entry and its standard uncertainty (NaN if none).
  subroutine msb_estimate_get(est, name, value, std, ierr)
    type(msb_estimate), intent(in) :: est
    character(len=*), intent(in) :: name
    real(c_double), intent(out), target :: value
    real(c_double), intent(out), optional, target :: std
    integer, intent(out), optional :: ierr
    type(c_ptr) :: psd
    psd = c_null_ptr
    if (present(std)) psd = c_loc(std)
    call set_ierr(c_estimate_get(est%ptr, trim(name) // c_null_char, c_loc(value), psd), ierr)
  end subroutine

end module msbridge_core

! An outside Fortran program using the installed module and library.
program consumer_f
  use msbridge
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none
  type(msb_law) :: law
  real(c_double) :: x(1, 1), y(1, 1)
  integer :: ierr
  call msb_tst_eyring_create(law, 0.5_c_double * MSB_EV, 0.0_c_double, 1.0_c_double, &
       0.0_c_double, ierr=ierr)
  if (ierr /= MSB_SUCCESS) error stop 1
  x(1, 1) = 300.0_c_double
  call msb_law_eval(law, x, y, ierr=ierr)
  if (ierr /= MSB_SUCCESS) error stop 2
  if (abs(y(1, 1) / 24906.81523560058651_c_double - 1) > 1e-12_c_double) error stop 3
  call msb_destroy(law)
  print '(a, es14.6)', 'consumer_f: k(300 K) = ', y(1, 1)
end program consumer_f

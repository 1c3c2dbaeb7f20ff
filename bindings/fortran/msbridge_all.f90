!> msbridge — the module Fortran users `use`: it re-exports the core (handles, status codes,
!> constants, law evaluation, estimates, rate laws) and every family module. A new family
!> module (bindings/fortran/msbridge_<family>.f90, `module msbridge_<family>`) adds one `use`
!> line here.
module msbridge
  use msbridge_core
  use msbridge_thermal
  use msbridge_mechanics
  use msbridge_thermo
  use msbridge_uq
  use msbridge_lattice
  use msbridge_transport
  implicit none
  public
end module msbridge

# Package consumption test: install the built tree into PREFIX, then configure, build and run
# outside projects against it, as a user would: C through find_package and pkg-config, Fortran
# through find_package, and the examples.
file(REMOVE_RECURSE ${PREFIX} ${WORK}/c_cmake ${WORK}/c_pkgconfig ${WORK}/fortran ${WORK}/examples)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX}
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install into ${PREFIX} failed")
endif()

function(run_project name srcdir)
  set(bdir ${WORK}/${name})
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${srcdir} -B ${bdir}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DMSB_PREFIX=${PREFIX}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: configure failed\n${out}\n${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${bdir} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: build failed\n${out}\n${err}")
  endif()
  execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --output-on-failure WORKING_DIRECTORY ${bdir}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: run failed\n${out}\n${err}")
  endif()
  message(STATUS "${name}: configured, built and ran against ${PREFIX}")
endfunction()

run_project(c_cmake ${SRC}/tests/package/c_cmake)
run_project(c_pkgconfig ${SRC}/tests/package/c_pkgconfig)
run_project(fortran ${SRC}/tests/package/fortran)
run_project(examples ${SRC}/tests/package/examples)
run_project(examples_pkgconfig ${SRC}/tests/package/examples_pkgconfig)

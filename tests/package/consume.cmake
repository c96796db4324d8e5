# Builds and runs tests/package/consumer against goaldrift, one of three ways (cmake -P):
#   -DHOW=find_package|add_subdirectory|fetchcontent -DSOURCE=<goaldrift source>
#   -DBUILD=<goaldrift build tree, for installing> -DWORK=<scratch directory>
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(configure_args -S "${SOURCE}/tests/package/consumer" -B "${WORK}/consumer" -DHOW=${HOW}
    -DGOALDRIFT_SOURCE_DIR=${SOURCE} -DCMAKE_BUILD_TYPE=Release)
if(HOW STREQUAL "find_package")
  # Install to a fresh prefix and find the package there, as a user of a packaged release does.
  run_step("${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${WORK}/prefix")
  foreach(f share/cmake/goaldrift/goaldriftConfig.cmake share/cmake/goaldrift/goaldriftConfigVersion.cmake
            share/pkgconfig/goaldrift.pc include/goaldrift/goaldrift.hpp include/goaldrift/version.hpp)
    if(NOT EXISTS "${WORK}/prefix/${f}")
      message(FATAL_ERROR "the install is missing ${f}")
    endif()
  endforeach()
  list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${WORK}/prefix")
  find_program(PKG_CONFIG pkg-config)
  if(PKG_CONFIG)
    run_step("${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${WORK}/prefix/share/pkgconfig" "${PKG_CONFIG}" --cflags goaldrift)
    # pkg-config may print the prefix as <pc dir>/../..; compare real paths.
    string(REGEX REPLACE "^-I([^ \n]*).*" "\\1" include_dir "${step_output}")
    file(REAL_PATH "${include_dir}" include_dir)
    file(REAL_PATH "${WORK}/prefix/include" expected_dir)
    if(NOT include_dir STREQUAL expected_dir)
      message(FATAL_ERROR "pkg-config gave '${step_output}' for the installed goaldrift.pc")
    endif()
  endif()
endif()
run_step("${CMAKE_COMMAND}" ${configure_args})
run_step("${CMAKE_COMMAND}" --build "${WORK}/consumer")
run_step("${WORK}/consumer/consumer")
message("${step_output}")

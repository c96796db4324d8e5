# Builds and runs tests/package/consumer against goaldrift, one of the ways users take it
# (cmake -P):
#   -DHOW=find_package|build_tree|add_subdirectory|fetchcontent|next_major
#   -DSOURCE=<goaldrift source> -DBUILD=<goaldrift build tree> -DWORK=<scratch directory>
# next_major asks the build tree for the next major version, which SameMajorVersion must refuse.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(configure_args -S "${SOURCE}/tests/package/consumer" -B "${WORK}/consumer"
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
  list(APPEND configure_args -DHOW=find_package "-DCMAKE_PREFIX_PATH=${WORK}/prefix")
  # The .pc file is part of the package: without pkg-config it would go unchecked, so refuse.
  find_program(PKG_CONFIG NAMES pkg-config pkgconf)
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "pkg-config is needed to check the installed goaldrift.pc "
                        "(Debian: pkgconf; scripts/install-deps test installs it)")
  endif()
  run_step("${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${WORK}/prefix/share/pkgconfig" "${PKG_CONFIG}" --cflags goaldrift)
  # pkg-config may print the prefix as <pc dir>/../..; compare real paths.
  string(REGEX REPLACE "^-I([^ \n]*).*" "\\1" include_dir "${step_output}")
  file(REAL_PATH "${include_dir}" include_dir)
  file(REAL_PATH "${WORK}/prefix/include" expected_dir)
  if(NOT include_dir STREQUAL expected_dir)
    message(FATAL_ERROR "pkg-config gave '${step_output}' for the installed goaldrift.pc")
  endif()
  message("pkg-config --cflags goaldrift: ${step_output}")
elseif(HOW STREQUAL "build_tree" OR HOW STREQUAL "next_major")
  # The build tree is a package too: its own config, version file and exported targets.
  list(APPEND configure_args -DHOW=build_tree "-Dgoaldrift_DIR=${BUILD}")
  if(HOW STREQUAL "next_major")
    file(STRINGS "${SOURCE}/include/goaldrift/version.hpp" major REGEX "#define GOALDRIFT_VERSION_MAJOR ")
    string(REGEX REPLACE ".* ([0-9]+).*" "\\1" major "${major}")
    math(EXPR next "${major} + 1")
    execute_process(COMMAND "${CMAKE_COMMAND}" ${configure_args} -DREQUEST=${next}.0
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0)
      message(FATAL_ERROR "find_package(goaldrift ${next}.0) accepted version ${major}.x:\n${out}")
    endif()
    if(NOT err MATCHES "requested version \"${next}\\.0\".*version: ${major}\\.")
      message(FATAL_ERROR "find_package(goaldrift ${next}.0) failed, but not over the version:\n${err}")
    endif()
    message("consumer: find_package(goaldrift ${next}.0) refused version ${major}.x, as it must")
    return()
  endif()
else()
  list(APPEND configure_args -DHOW=${HOW})
endif()
run_step("${CMAKE_COMMAND}" ${configure_args})
run_step("${CMAKE_COMMAND}" --build "${WORK}/consumer")
run_step("${WORK}/consumer/consumer")
message("${step_output}")

# Builds and runs tests/package/consumer against goaldrift, one of the ways users take it
# (cmake -P):
#   -DHOW=find_package|build_tree|add_subdirectory|fetchcontent|next_major|without_random123
#   -DSOURCE=<goaldrift source> -DBUILD=<goaldrift build tree> -DWORK=<scratch directory>
#   -DRANDOM123=<Random123's include directory>
# next_major asks the build tree for the next major version, which SameMajorVersion must refuse;
# without_random123 asks the install for COMPONENTS ensemble where Random123 cannot be found
# (its directory hidden with CMAKE_IGNORE_PATH), which must fail naming the Debian package.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

# CMAKE_HAVE_LIBC_PTHREAD=OFF: FindThreads then answers as before glibc 2.34, where std::thread
# needs -pthread or -lpthread on the link line; the build below must get one from goaldrift.
set(configure_args -S "${SOURCE}/tests/package/consumer" -B "${WORK}/consumer"
    -DGOALDRIFT_SOURCE_DIR=${SOURCE} -DCMAKE_BUILD_TYPE=Release -DCMAKE_HAVE_LIBC_PTHREAD=OFF)
if(HOW STREQUAL "without_random123")
  run_step("${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${WORK}/prefix")
  execute_process(COMMAND "${CMAKE_COMMAND}" ${configure_args} -DHOW=find_package "-DCMAKE_PREFIX_PATH=${WORK}/prefix"
                          "-DCMAKE_IGNORE_PATH=${RANDOM123}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX REPLACE "[ \n]+" " " err "${err}")  # CMake wraps an error's lines
  if(rc EQUAL 0)
    message(FATAL_ERROR "find_package(goaldrift COMPONENTS ensemble) succeeded without Random123:\n${out}")
  endif()
  if(NOT err MATCHES "ensemble component needs Random123: install librandom123-dev")
    message(FATAL_ERROR "find_package(goaldrift COMPONENTS ensemble) failed without Random123, but "
                        "without saying so:\n${err}")
  endif()
  message("consumer: find_package(goaldrift COMPONENTS ensemble) named the missing Random123, as it must")
  return()
elseif(HOW STREQUAL "find_package")
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
  run_step("${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${WORK}/prefix/share/pkgconfig" "${PKG_CONFIG}" --libs goaldrift)
  if(NOT step_output MATCHES "(^| )-pthread( |\n|$)")
    message(FATAL_ERROR "pkg-config --libs goaldrift gave '${step_output}', without the -pthread "
                        "that goaldrift's ensemble runner needs before glibc 2.34")
  endif()
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
run_step("${CMAKE_COMMAND}" --build "${WORK}/consumer" --verbose)
if(NOT step_output MATCHES "main\\.cpp\\.o -o consumer[^\n]* -l?pthread")
  message(FATAL_ERROR "the consumer was linked without -pthread or -lpthread, as if goaldrift::goaldrift "
                      "did not carry Threads::Threads:\n${step_output}")
endif()
run_step("${WORK}/consumer/consumer")
message("${step_output}")

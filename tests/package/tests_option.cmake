# GOALDRIFT_BUILD_TESTS without doctest (hidden with CMAKE_DISABLE_FIND_PACKAGE) or without
# Random123 (its directory hidden with CMAKE_IGNORE_PATH), cmake -P:
#   -DSOURCE=<goaldrift source> -DWORK=<scratch directory> -DRANDOM123=<Random123's include directory>
# The default (AUTO) configures with a message naming the Debian package; ON asked for
# explicitly fails, also when it is asked for only on a later configure of a tree first
# configured with the default.
file(REMOVE_RECURSE "${WORK}")
set(base -S "${SOURCE}" -DGOALDRIFT_BUILD_EXAMPLES=OFF -DGOALDRIFT_BUILD_BENCH=OFF -DGOALDRIFT_INSTALL=OFF)
set(without_doctest -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON)
set(without_random123 "-DCMAKE_IGNORE_PATH=${RANDOM123}")

# configure(ok|error <what is missing> <build directory> [cmake arguments...])
function(configure expect missing dir)
  execute_process(COMMAND "${CMAKE_COMMAND}" ${base} -B "${WORK}/${dir}" ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring ${ARGN} failed:\n${out}\n${err}")
  elseif(expect STREQUAL "error")
    string(REGEX REPLACE "[ \n]+" " " err "${err}")  # CMake wraps an error's lines
    if(rc EQUAL 0)
      message(FATAL_ERROR "configuring ${ARGN} without ${missing} succeeded; it must fail:\n${out}")
    endif()
    if(NOT err MATCHES "GOALDRIFT_BUILD_TESTS is ON but the tests need [^.]*${missing}")
      message(FATAL_ERROR "configuring ${ARGN} failed, but not for the missing ${missing}:\n${err}")
    endif()
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

foreach(case doctest random123)
  if(case STREQUAL "doctest")
    set(missing "doctest \\(Debian: doctest-dev\\)")
  else()
    set(missing "Random123 \\(Debian: librandom123-dev")
  endif()
  configure(ok "${missing}" ${case}_by_default ${without_${case}})
  if(NOT output MATCHES "the tests are not built: they need [^\n]*${missing}")
    message(FATAL_ERROR "the default configure without ${case} did not say why the tests are skipped:\n${output}")
  endif()
  if(EXISTS "${WORK}/${case}_by_default/tests")
    message(FATAL_ERROR "the default configure without ${case} set up the tests all the same")
  endif()
  configure(error "${missing}" ${case}_by_default ${without_${case}} -DGOALDRIFT_BUILD_TESTS=ON)  # the same tree, now asked for them
  configure(error "${missing}" ${case}_explicitly ${without_${case}} -DGOALDRIFT_BUILD_TESTS=ON)
  configure(ok "${missing}" ${case}_switched_off ${without_${case}} -DGOALDRIFT_BUILD_TESTS=OFF)
  if(output MATCHES "tests are not built")
    message(FATAL_ERROR "with GOALDRIFT_BUILD_TESTS=OFF the configure still talked about the tests:\n${output}")
  endif()
endforeach()
message("tests option: AUTO skips with a message, ON fails, OFF skips quietly without doctest or Random123")

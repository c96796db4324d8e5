# GOALDRIFT_BUILD_BENCH without Google Benchmark (hidden with CMAKE_DISABLE_FIND_PACKAGE), cmake -P:
#   -DSOURCE=<goaldrift source> -DWORK=<scratch directory>
# The default (AUTO) configures with a message; ON asked for explicitly fails, also when it is
# asked for only on a later configure of a tree first configured with the default.
file(REMOVE_RECURSE "${WORK}")
set(base -S "${SOURCE}" -DGOALDRIFT_BUILD_TESTS=OFF -DGOALDRIFT_BUILD_EXAMPLES=OFF -DGOALDRIFT_INSTALL=OFF
    -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON)

function(configure expect dir)
  execute_process(COMMAND "${CMAKE_COMMAND}" ${base} -B "${WORK}/${dir}" ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring ${ARGN} failed:\n${out}\n${err}")
  elseif(expect STREQUAL "error")
    if(rc EQUAL 0)
      message(FATAL_ERROR "configuring ${ARGN} without Google Benchmark succeeded; it must fail:\n${out}")
    endif()
    if(NOT err MATCHES "GOALDRIFT_BUILD_BENCH is ON but Google Benchmark was not found")
      message(FATAL_ERROR "configuring ${ARGN} failed, but not for the missing Google Benchmark:\n${err}")
    endif()
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

configure(ok by_default)
if(NOT output MATCHES "Google Benchmark not found, so the benchmarks are not built")
  message(FATAL_ERROR "the default configure did not say why the benchmarks are skipped:\n${output}")
endif()
configure(error by_default -DGOALDRIFT_BUILD_BENCH=ON)   # the same tree, now asked for them
configure(error explicitly -DGOALDRIFT_BUILD_BENCH=ON)
configure(ok switched_off -DGOALDRIFT_BUILD_BENCH=OFF)
message("bench option: AUTO skips, ON fails, OFF skips without Google Benchmark")

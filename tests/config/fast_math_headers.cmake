# Every public header must refuse -ffast-math on its own (config.hpp's #error), since a user may
# include any one of them first. Run by ctest as config.fast_math_is_refused_by_every_header:
#   cmake -DCOMPILER=<c++> -DINCLUDE=<dir> -DSEARCH=<dir|dir...> -DPROBE=<fast_math_probe.cpp>
#         [-DSKIP=<header|header...>] -P fast_math_headers.cmake
# It preprocesses the probe once per header found under INCLUDE/goaldrift with -ffast-math, and
# fails listing each header that went through or that failed without the refusal. The refusal is
# an #error, so preprocessing (-E) is all it takes to see it: that is several times faster than
# -fsyntax-only under clang, which parses on after the #error, and g++ stops at it
# (-Wfatal-errors). One test rather than one per header keeps ctest's list short.
cmake_minimum_required(VERSION 3.20)
foreach(var COMPILER INCLUDE SEARCH PROBE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "fast_math_headers.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" search "${SEARCH}")
string(REPLACE "|" ";" skip "${SKIP}")

# version.hpp holds the version as integer macros, which CMake reads with a regular expression,
# and config.hpp includes it: including config.hpp from it would make the two include each
# other, for a header in which -ffast-math changes nothing.
set(exempt goaldrift/version.hpp)

set(flags -std=c++17 -ffast-math -Wfatal-errors -E)
foreach(dir IN LISTS search)
  list(APPEND flags -I "${dir}")
endforeach()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE}" "${INCLUDE}/goaldrift/*.hpp")
list(SORT headers)
list(LENGTH headers found)
if(found LESS 10)
  message(FATAL_ERROR "fast_math_headers.cmake: only ${found} headers under '${INCLUDE}/goaldrift'")
endif()

set(accepted "")
set(checked 0)
foreach(header IN LISTS headers)
  if(header IN_LIST exempt OR header IN_LIST skip)
    continue()
  endif()
  execute_process(
    COMMAND "${COMPILER}" ${flags} "-DGOALDRIFT_PROBE_HEADER=<${header}>" "${PROBE}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE out)
  math(EXPR checked "${checked} + 1")
  if(rc EQUAL 0)
    list(APPEND accepted "${header} (went through)")
  elseif(NOT out MATCHES "goaldrift: -ffast-math")
    string(REGEX MATCH "[^\n]*error[^\n]*" first_error "${out}")
    list(APPEND accepted "${header} (failed, but not with the refusal: ${first_error})")
  endif()
endforeach()

if(accepted)
  list(JOIN accepted "\n  " listed)
  message(FATAL_ERROR "These headers do not refuse -ffast-math on their own; include config.hpp "
                      "from them (or from a header they include):\n  ${listed}")
endif()
message(STATUS "all ${checked} headers refuse -ffast-math (exempt: ${exempt}; skipped: ${skip})")

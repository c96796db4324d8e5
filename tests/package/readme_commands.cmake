# Runs the shell commands of the README's install section, word for word, so that what it tells
# users is what works (cmake -P):
#   -DSOURCE=<goaldrift source> -DWORK=<scratch directory> -DRANDOM123=<Random123's include directory>
# The blocks run are the ```sh fences right after a line "<!-- checked by
# tests/package/readme_commands.cmake -->": the first installs goaldrift, the others use it.
# They run in WORK with HOME=WORK, where goaldrift/ is the source tree, my_project/ is
# tests/package/consumer and my_analysis.cpp is its main.cpp. The install runs as on a machine
# with Boost alone: doctest, Google Benchmark, nlohmann-json, CLI11, pybind11 and Random123 hidden by a toolchain file given in
# the environment (which CMake reads from 3.21 on), and it must say why the tests are skipped.
if(CMAKE_VERSION VERSION_LESS 3.21)
  message("GOALDRIFT-SKIP: CMake ${CMAKE_VERSION} reads no CMAKE_TOOLCHAIN_FILE from the environment")
  return()
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(CREATE_LINK "${SOURCE}" "${WORK}/goaldrift" SYMBOLIC)
file(CREATE_LINK "${SOURCE}/tests/package/consumer" "${WORK}/my_project" SYMBOLIC)
file(CREATE_LINK "${SOURCE}/tests/package/consumer/main.cpp" "${WORK}/my_analysis.cpp" SYMBOLIC)
file(WRITE "${WORK}/bare_machine.cmake"
  "set(CMAKE_DISABLE_FIND_PACKAGE_doctest ON)\n"
  "set(CMAKE_DISABLE_FIND_PACKAGE_benchmark ON)\n"
  "set(CMAKE_DISABLE_FIND_PACKAGE_nlohmann_json ON)\n"
  "set(CMAKE_DISABLE_FIND_PACKAGE_CLI11 ON)\n"
  "set(CMAKE_DISABLE_FIND_PACKAGE_pybind11 ON)\n"
  "list(APPEND CMAKE_IGNORE_PATH \"${RANDOM123}\")\n")

# The README's checked blocks, one script each.
set(marker "<!-- checked by tests/package/readme_commands.cmake -->")
# One list element a line: ';' would split a line, and '[' or ']' join lines (CMake lists keep
# semicolons inside brackets), so those three are stood in for while the lines are split.
file(READ "${SOURCE}/README.md" text)
string(REPLACE ";" "<sc>" text "${text}")
string(REPLACE "[" "<lb>" text "${text}")
string(REPLACE "]" "<rb>" text "${text}")
string(REPLACE "\n" ";" lines "${text}")
set(blocks "")
set(state outside)
foreach(line IN LISTS lines)
  if(state STREQUAL "outside" AND line STREQUAL marker)
    set(state marked)
  elseif(state STREQUAL "marked")
    if(NOT line STREQUAL "```sh")
      message(FATAL_ERROR "README.md: '${marker}' must be followed by a ```sh fence, not '${line}'")
    endif()
    set(state inside)
    set(block "")
  elseif(state STREQUAL "inside")
    if(line STREQUAL "```")
      list(LENGTH blocks n)
      file(WRITE "${WORK}/readme_block_${n}.sh" "${block}")
      list(APPEND blocks "${WORK}/readme_block_${n}.sh")
      set(state outside)
    else()
      string(REPLACE "<sc>" ";" line "${line}")
      string(REPLACE "<lb>" "[" line "${line}")
      string(REPLACE "<rb>" "]" line "${line}")
      string(APPEND block "${line}\n")
    endif()
  endif()
endforeach()
list(LENGTH blocks count)
if(count LESS 3)
  message(FATAL_ERROR "README.md has ${count} blocks marked '${marker}'; the install section "
                      "needs three: the install, the CMake consumer and the pkg-config one")
endif()

# The README's `cmake` is the one running this test; its pkg-config and c++ are the PATH's.
find_program(pkg_config NAMES pkg-config)
find_program(cxx NAMES c++)
if(NOT pkg_config OR NOT cxx)
  message(FATAL_ERROR "the README's commands need pkg-config and c++ on the PATH "
                      "(Debian: pkgconf g++; scripts/install-deps test installs them)")
endif()
get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
set(shell_env "HOME=${WORK}" "PATH=${cmake_bin}:$ENV{PATH}" --unset=PKG_CONFIG_PATH --unset=CMAKE_PREFIX_PATH)
foreach(script IN LISTS blocks)
  if(script STREQUAL "${WORK}/readme_block_0.sh")
    set(toolchain "CMAKE_TOOLCHAIN_FILE=${WORK}/bare_machine.cmake")
  else()
    set(toolchain --unset=CMAKE_TOOLCHAIN_FILE)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${shell_env} ${toolchain} sh -e -x "${script}"
                  WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    file(READ "${script}" commands)
    message(FATAL_ERROR "the README's commands failed (${rc}):\n${commands}\n${out}\n${err}")
  endif()
  if(script STREQUAL "${WORK}/readme_block_0.sh")
    if(NOT out MATCHES "the tests are not built: they need doctest \\(Debian: doctest-dev\\) and Random123")
      message(FATAL_ERROR "configuring goaldrift without doctest and Random123 did not say why the tests "
                          "are skipped:\n${out}")
    endif()
  endif()
endforeach()

# What the README says the install put where, and the two programs it built.
foreach(f include/goaldrift/goaldrift.hpp share/cmake/goaldrift/goaldriftConfig.cmake
          share/pkgconfig/goaldrift.pc share/doc/goaldrift/README.md share/doc/goaldrift/docs/tutorial.md)
  if(NOT EXISTS "${WORK}/opt/goaldrift/${f}")
    message(FATAL_ERROR "the README's install left no ${f} under \$HOME/opt/goaldrift")
  endif()
endforeach()
foreach(program my_project-build/consumer my_analysis)
  execute_process(COMMAND "${WORK}/${program}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "consumer: S\\(10\\) = ")
    message(FATAL_ERROR "${program}, built by the README's commands, failed (${rc}):\n${out}\n${err}")
  endif()
endforeach()
message("README install section: ${count} blocks of commands ran as written; both programs work")

# What every tools test includes: run the goaldrift command and check its exit status, standard
# output and standard error. The test passes -DGOALDRIFT=<command> -DSOURCE=<source tree>
# -DWORK=<a scratch directory of its own>.
foreach(var GOALDRIFT SOURCE WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run with -D${var}=...")
  endif()
endforeach()
set(MODELS "${SOURCE}/examples/models")
set(TEST_MODELS "${SOURCE}/tests/tools/models")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# goaldrift(<arguments>...): runs the command in WORK; sets status, stdout and stderr. With
# GOALDRIFT_ENV set (NAME=VALUE...), runs it in that environment.
macro(goaldrift)
  set(last_command "goaldrift ${ARGN}")
  if(GOALDRIFT_ENV)
    set(_launch "${CMAKE_COMMAND}" -E env ${GOALDRIFT_ENV})
  else()
    set(_launch "")
  endif()
  execute_process(COMMAND ${_launch} "${GOALDRIFT}" ${ARGN} WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
endmacro()

function(fail_test what)
  message(FATAL_ERROR "${what}\n  command: ${last_command}\n  exit status: ${status}\n"
                      "  stdout:\n${stdout}\n  stderr:\n${stderr}")
endfunction()

function(expect_status expected)
  if(NOT status STREQUAL "${expected}")
    fail_test("expected exit status ${expected}")
  endif()
endfunction()

function(expect_stdout regex)
  if(NOT stdout MATCHES "${regex}")
    fail_test("standard output does not match: ${regex}")
  endif()
endfunction()

function(expect_stderr regex)
  if(NOT stderr MATCHES "${regex}")
    fail_test("standard error does not match: ${regex}")
  endif()
endfunction()

# The command failed as scripts expect: `expected` exit status, nothing on standard output, and
# standard error exactly one line "goaldrift: <message>" with the message matching `regex`.
function(expect_error expected regex)
  expect_status(${expected})
  if(NOT stdout STREQUAL "")
    fail_test("expected nothing on standard output")
  endif()
  if(NOT stderr MATCHES "^goaldrift: [^\n]*\n$")
    fail_test("expected one line 'goaldrift: <message>' on standard error")
  endif()
  expect_stderr("${regex}")
endfunction()

# How many lines `text` has (each ended by a newline).
function(count_lines text out_var)
  string(REGEX MATCHALL "\n" ends "${text}")
  list(LENGTH ends n)
  set(${out_var} ${n} PARENT_SCOPE)
endfunction()

# The first line of `file` in `out_var`, and its number of lines in `lines_var`.
function(inspect_csv file out_var lines_var)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "'${file}' was not written")
  endif()
  file(READ "${file}" text)
  string(REGEX MATCH "^[^\n]*" header "${text}")
  count_lines("${text}" n)
  set(${out_var} "${header}" PARENT_SCOPE)
  set(${lines_var} ${n} PARENT_SCOPE)
endfunction()

function(expect_same_files expected actual)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${expected}" "${actual}" RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "'${actual}' differs from '${expected}'")
  endif()
endfunction()

# run_examples(<dirs variable> <example programs, separated by |> [argument...]): runs each
# example as '<example> [argument...] <directory of its own>' in that directory and sets
# <dirs variable> to the directories, in the same order; a failing example fails the test.
function(run_examples dirs_var programs)
  string(REPLACE "|" ";" programs "${programs}")
  set(dirs "")
  foreach(example IN LISTS programs)
    get_filename_component(name "${example}" NAME_WE)
    set(dir "${WORK}/examples/${name}")
    file(MAKE_DIRECTORY "${dir}")
    execute_process(COMMAND "${example}" ${ARGN} "${dir}" WORKING_DIRECTORY "${dir}" RESULT_VARIABLE example_status
                    OUTPUT_QUIET ERROR_VARIABLE example_error)
    if(NOT example_status EQUAL 0)
      message(FATAL_ERROR "example ${name} failed (${example_status}): ${example_error}")
    endif()
    list(APPEND dirs "${dir}")
  endforeach()
  set(${dirs_var} "${dirs}" PARENT_SCOPE)
endfunction()

# model_has_ensemble(<model file> <variable>): whether the model file has an "ensemble" section.
function(model_has_ensemble model out_var)
  file(READ "${model}" text)
  string(JSON section ERROR_VARIABLE missing GET "${text}" ensemble)
  if(missing)
    set(${out_var} FALSE PARENT_SCOPE)
  else()
    set(${out_var} TRUE PARENT_SCOPE)
  endif()
endfunction()

# dir_holding(<variable> <file name> <directory>...): the last of the directories that holds
# the file, or "" if none does.
function(dir_holding out_var name)
  set(found "")
  foreach(dir IN LISTS ARGN)
    if(EXISTS "${dir}/${name}")
      set(found "${dir}")
    endif()
  endforeach()
  set(${out_var} "${found}" PARENT_SCOPE)
endfunction()

# report_compared(<list> <message if empty> <heading>): fails the test if nothing was compared,
# and prints "<heading> (<count>): <the list>".
function(report_compared compared if_none heading)
  if(NOT compared)
    message(FATAL_ERROR "${if_none}")
  endif()
  list(LENGTH compared n)
  string(REPLACE ";" ", " compared "${compared}")
  message("${heading} (${n}): ${compared}")
endfunction()

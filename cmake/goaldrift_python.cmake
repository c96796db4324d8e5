# Finds what the Python module (python/) needs: a Python 3 interpreter with its development
# files, numpy for that interpreter, and pybind11. Sets GOALDRIFT_PYTHON_MISSING to a list of
# what is missing ("pybind11 (Debian: python3-pybind11)"), empty when nothing is;
# GOALDRIFT_PYTHON_PYTEST to whether that interpreter can run the tests; and
# GOALDRIFT_PYTHON_INSTALL_DESTINATION to where `cmake --install` puts the package.

set(GOALDRIFT_PYTHON_MISSING "")
set(GOALDRIFT_PYTHON_PYTEST OFF)

# The interpreter must be the one numpy and pybind11 were installed for: on Debian that is
# /usr/bin/python3, while the python3 on PATH may be a pyenv or a virtual environment without
# them. So unless told (-DPython3_EXECUTABLE=...), take the first of /usr/bin/python3 and the
# PATH's python3 that imports numpy, and /usr/bin/python3 when none does.
if(NOT Python3_EXECUTABLE)
  set(_goaldrift_candidates "")
  if(EXISTS /usr/bin/python3)
    list(APPEND _goaldrift_candidates /usr/bin/python3)
  endif()
  find_program(_goaldrift_path_python NAMES python3)
  if(_goaldrift_path_python)
    list(APPEND _goaldrift_candidates "${_goaldrift_path_python}")
  endif()
  unset(_goaldrift_path_python CACHE)
  foreach(_goaldrift_candidate IN LISTS _goaldrift_candidates)
    execute_process(COMMAND "${_goaldrift_candidate}" -c "import numpy"
                    RESULT_VARIABLE _goaldrift_rc OUTPUT_QUIET ERROR_QUIET)
    if(_goaldrift_rc EQUAL 0)
      set(Python3_EXECUTABLE "${_goaldrift_candidate}" CACHE FILEPATH
          "The Python interpreter goaldrift's Python module is built for")
      break()
    endif()
  endforeach()
  if(NOT Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python interpreter goaldrift's Python module is built for")
  endif()
endif()

find_package(Python3 3.7 QUIET COMPONENTS Interpreter Development.Module)
if(NOT Python3_Interpreter_FOUND)
  list(APPEND GOALDRIFT_PYTHON_MISSING "Python 3 (Debian: python3 python3-dev)")
elseif(NOT Python3_Development.Module_FOUND)
  list(APPEND GOALDRIFT_PYTHON_MISSING "the Python headers for ${Python3_EXECUTABLE} (Debian: python3-dev)")
endif()

if(Python3_Interpreter_FOUND)
  execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import numpy" RESULT_VARIABLE _goaldrift_rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT _goaldrift_rc EQUAL 0)
    list(APPEND GOALDRIFT_PYTHON_MISSING "numpy for ${Python3_EXECUTABLE} (Debian: python3-numpy)")
  endif()
  execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import pytest" RESULT_VARIABLE _goaldrift_rc OUTPUT_QUIET ERROR_QUIET)
  if(_goaldrift_rc EQUAL 0)
    set(GOALDRIFT_PYTHON_PYTEST ON)
  endif()

  if(Python3_Development.Module_FOUND)
    # Debian's python3-pybind11 puts its package files in /usr/lib/cmake/pybind11, where
    # find_package looks anyway; a pybind11 installed with pip knows where its own are.
    execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import pybind11; print(pybind11.get_cmake_dir())"
                    RESULT_VARIABLE _goaldrift_rc OUTPUT_VARIABLE _goaldrift_pybind11_hint
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT _goaldrift_rc EQUAL 0)
      set(_goaldrift_pybind11_hint "")
    endif()
    find_package(pybind11 2.6 CONFIG QUIET HINTS ${_goaldrift_pybind11_hint})
    if(NOT pybind11_FOUND)
      list(APPEND GOALDRIFT_PYTHON_MISSING "pybind11 (Debian: python3-pybind11)")
    endif()
  endif()

  # Where `cmake --install` puts the package unless GOALDRIFT_PYTHON_INSTALL_DIR says: the
  # interpreter's own site-packages (its platlib; /usr/local/lib/python3.X/dist-packages for
  # Debian's). When that lies under the install prefix it is kept relative to it, so that
  # `cmake --install --prefix` and DESTDIR move the module with everything else instead of
  # writing into the system's Python.
  set(GOALDRIFT_PYTHON_INSTALL_DIR "" CACHE STRING
      "Where `cmake --install` puts the goaldrift Python package (the folder to hold goaldrift/), relative to the install prefix unless absolute; empty: the interpreter's site-packages")
  set(GOALDRIFT_PYTHON_INSTALL_DESTINATION "${GOALDRIFT_PYTHON_INSTALL_DIR}")
  if(NOT GOALDRIFT_PYTHON_INSTALL_DESTINATION)
    execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import sysconfig; print(sysconfig.get_path('platlib'))"
                    RESULT_VARIABLE _goaldrift_rc OUTPUT_VARIABLE _goaldrift_platlib
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_goaldrift_rc EQUAL 0 AND _goaldrift_platlib)
      file(TO_CMAKE_PATH "${_goaldrift_platlib}" _goaldrift_platlib)
      file(TO_CMAKE_PATH "${CMAKE_INSTALL_PREFIX}" _goaldrift_prefix)
      string(FIND "${_goaldrift_platlib}/" "${_goaldrift_prefix}/" _goaldrift_at)
      if(_goaldrift_at EQUAL 0)
        file(RELATIVE_PATH _goaldrift_platlib "${_goaldrift_prefix}" "${_goaldrift_platlib}")
      endif()
      set(GOALDRIFT_PYTHON_INSTALL_DESTINATION "${_goaldrift_platlib}")
    else()
      list(APPEND GOALDRIFT_PYTHON_MISSING
           "a site-packages folder from ${Python3_EXECUTABLE} (or set GOALDRIFT_PYTHON_INSTALL_DIR)")
    endif()
  endif()
endif()

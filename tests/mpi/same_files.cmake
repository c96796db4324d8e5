# After mpi_antidotes ran with rank 0 writing to one directory and every other rank given
# another (mpiexec's MPMD form), checks (cmake -P):
#   -DEXPECTED=<dir> -DACTUAL=<dir> -DFILES=name|name|...   each file the same, byte for byte
#   -DSILENT=<dir>   the other ranks' directory: it exists (so they were given it) and is empty
string(REPLACE "|" ";" FILES "${FILES}")
foreach(name IN LISTS FILES)
  foreach(dir "${EXPECTED}" "${ACTUAL}")
    if(NOT EXISTS "${dir}/${name}")
      message(FATAL_ERROR "${dir}/${name} was not written")
    endif()
  endforeach()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${EXPECTED}/${name}" "${ACTUAL}/${name}"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ACTUAL}/${name} differs from ${EXPECTED}/${name}")
  endif()
  file(SIZE "${ACTUAL}/${name}" bytes)
  message("same: ${name} (${bytes} bytes)")
endforeach()
if(NOT IS_DIRECTORY "${SILENT}")
  message(FATAL_ERROR "${SILENT} does not exist: the other ranks never saw their output directory")
endif()
file(GLOB_RECURSE written "${SILENT}/*")
if(written)
  message(FATAL_ERROR "ranks other than 0 wrote files: ${written}")
endif()
message("ranks other than 0 wrote nothing")

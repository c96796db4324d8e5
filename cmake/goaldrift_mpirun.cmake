# How goaldrift's own tests start an MPI job (tests/ and examples/ include this). Sets
# goaldrift_mpirun to the arguments that end a `cmake ... -P tests/mpi/mpirun.cmake` command
# (callers put their own -D arguments before it), or leaves it empty when there is no mpiexec.
# FindMPI's MPIEXEC_NUMPROC_FLAG, MPIEXEC_PREFLAGS and MPIEXEC_POSTFLAGS are honoured; OpenMPI
# also gets --oversubscribe, which lets 4 ranks share a 2-core machine.
find_package(MPI COMPONENTS CXX)
set(goaldrift_mpirun "")
if(MPI_CXX_FOUND AND MPIEXEC_EXECUTABLE)
  set(_goaldrift_preflags ${MPIEXEC_PREFLAGS})
  execute_process(COMMAND "${MPIEXEC_EXECUTABLE}" --version OUTPUT_VARIABLE _goaldrift_mpiexec_version
                  ERROR_VARIABLE _goaldrift_mpiexec_version RESULT_VARIABLE _goaldrift_rc TIMEOUT 20)
  if(_goaldrift_mpiexec_version MATCHES "Open MPI|OpenRTE" AND NOT "--oversubscribe" IN_LIST _goaldrift_preflags)
    list(APPEND _goaldrift_preflags --oversubscribe)
  endif()
  list(JOIN _goaldrift_preflags "|" _goaldrift_preflags)
  list(JOIN MPIEXEC_POSTFLAGS "|" _goaldrift_postflags)
  set(goaldrift_mpirun "-DMPIEXEC=${MPIEXEC_EXECUTABLE}" "-DNUMPROC_FLAG=${MPIEXEC_NUMPROC_FLAG}"
      "-DPREFLAGS=${_goaldrift_preflags}" "-DPOSTFLAGS=${_goaldrift_postflags}"
      -P "${PROJECT_SOURCE_DIR}/tests/mpi/mpirun.cmake")
endif()

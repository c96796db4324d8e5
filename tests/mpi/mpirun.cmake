cmake_minimum_required(VERSION 3.20)
# Runs a program under mpiexec on loopback and checks how it ended and what it printed.
#   -DMPIEXEC=path -DNUMPROC_FLAG=flag -DRANKS=n -DCOMMAND=program|arg|... -DEXPECT=0 or nonzero
#   [-DPREFLAGS=flag|...]  given to mpiexec before the program (MPIEXEC_PREFLAGS, and
#                          --oversubscribe for OpenMPI, so that 4 ranks may share 2 cores)
#   [-DPOSTFLAGS=flag|...] given to mpiexec after the program, before its arguments
#                          (MPIEXEC_POSTFLAGS)
#   [-DTIMEOUT=seconds]    the most the job may take (default 60), kept well below ctest's
#                          TIMEOUT so that a hang is reported here, as a hang
#   [-DONCE=text]          text that must appear exactly once in stdout + stderr
#   [-DMATCH=regex]        a regular expression that must match stdout + stderr
#   [-DMPMD=n|arg|...]     a second program after ':' (mpiexec's MPMD form): n more ranks of
#                          the same program with these arguments
# As root, OpenMPI refuses to start unless told it may.
if(NOT NUMPROC_FLAG)
  set(NUMPROC_FLAG -n)  # what mpiexec takes by the MPI standard
endif()
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 60)
endif()
string(REPLACE "|" ";" COMMAND "${COMMAND}")
string(REPLACE "|" ";" PREFLAGS "${PREFLAGS}")
string(REPLACE "|" ";" POSTFLAGS "${POSTFLAGS}")
list(POP_FRONT COMMAND program)
set(job ${NUMPROC_FLAG} ${RANKS} ${PREFLAGS} "${program}" ${POSTFLAGS} ${COMMAND})
if(DEFINED MPMD)
  string(REPLACE "|" ";" MPMD "${MPMD}")
  list(POP_FRONT MPMD more)
  list(APPEND job : ${NUMPROC_FLAG} ${more} ${PREFLAGS} "${program}" ${POSTFLAGS} ${MPMD})
endif()
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
string(JOIN " " shown "${MPIEXEC}" ${job})
message("+ ${shown}")
execute_process(COMMAND "${MPIEXEC}" ${job}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT ${TIMEOUT})
set(all "${out}${err}")
message("${all}")
# execute_process gives a message instead of a number when the job timed out or was killed by
# a signal: that is never the expected ending, whatever EXPECT says.
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "the job with ${RANKS} ranks did not exit by itself: ${rc} (limit ${TIMEOUT} s)")
endif()
if(EXPECT STREQUAL "0" AND NOT rc EQUAL 0)
  message(FATAL_ERROR "expected success with ${RANKS} ranks, got exit status ${rc}")
elseif(EXPECT STREQUAL "nonzero" AND rc EQUAL 0)
  message(FATAL_ERROR "expected failure with ${RANKS} ranks, got exit status 0")
endif()
if(DEFINED ONCE)
  set(times 0)
  set(rest "${all}")
  string(LENGTH "${ONCE}" length)
  string(FIND "${rest}" "${ONCE}" at)
  while(NOT at EQUAL -1)
    math(EXPR times "${times} + 1")
    math(EXPR after "${at} + ${length}")
    string(SUBSTRING "${rest}" ${after} -1 rest)
    string(FIND "${rest}" "${ONCE}" at)
  endwhile()
  if(NOT times EQUAL 1)
    message(FATAL_ERROR "expected '${ONCE}' exactly once with ${RANKS} ranks, found it ${times} times")
  endif()
endif()
if(DEFINED MATCH AND NOT all MATCHES "${MATCH}")
  message(FATAL_ERROR "expected output matching '${MATCH}' with ${RANKS} ranks")
endif()

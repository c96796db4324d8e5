cmake_minimum_required(VERSION 3.16)
# Runs a program under mpiexec on loopback and checks how it ended and what it printed.
#   -DMPIEXEC=path -DRANKS=n -DCOMMAND=program|arg|... -DEXPECT=0 or nonzero
#   [-DONCE=text]     text that must appear exactly once in stdout + stderr
#   [-DMATCH=regex]   a regular expression that must match stdout + stderr
# As root, OpenMPI refuses to start unless told it may; --oversubscribe lets 4 ranks share 2 cores.
string(REPLACE "|" ";" COMMAND "${COMMAND}")
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
execute_process(
  COMMAND "${MPIEXEC}" -n ${RANKS} --oversubscribe ${COMMAND}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 300)
set(all "${out}${err}")
message("${all}")
if(EXPECT STREQUAL "0" AND NOT rc EQUAL 0)
  message(FATAL_ERROR "expected success with ${RANKS} ranks, got exit status '${rc}'")
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

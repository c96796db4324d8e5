# Members that fail are counted on standard error and listed in outcomes.csv (or failures.csv when
# outcomes are not kept); the command succeeds unless --fail-on-member-failure is given.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")

# How many members failed, from the line on standard error, checked against the file.
function(failed_members csv out_var)
  if(NOT stderr MATCHES "^goaldrift: ([1-9][0-9]*) of 200 members failed; [^\n]*${csv} lists them with the time and reason\n$")
    fail_test("expected one line saying how many of 200 members failed and where they are listed")
  endif()
  set(failed ${CMAKE_MATCH_1})
  file(READ "${WORK}/out/${csv}" text)
  string(REGEX MATCHALL "\n[0-9]+,failed,[^\n]*action_time must be positive and finite" rows "${text}")
  list(LENGTH rows listed)
  if(NOT listed EQUAL failed)
    fail_test("${csv} lists ${listed} failed members, standard error says ${failed}")
  endif()
  set(${out_var} ${failed} PARENT_SCOPE)
endfunction()

goaldrift(ensemble "${TEST_MODELS}/failing_members.json" -o out --quiet)
expect_status(0)
failed_members(outcomes.csv failed)
inspect_csv("${WORK}/out/outcomes.csv" header lines)
if(NOT lines EQUAL 201)
  fail_test("outcomes.csv must have a row for every member, failed or not")
endif()
file(READ "${WORK}/out/summary.csv" summary)
math(EXPR succeeded "200 - ${failed}")
if(NOT summary MATCHES "\n0,S,count,${succeeded}\n")
  fail_test("summary.csv must summarise the ${succeeded} members that ran")
endif()

goaldrift(ensemble "${TEST_MODELS}/failing_members.json" -o out --quiet --fail-on-member-failure)
expect_status(1)
failed_members(outcomes.csv failed_again)

# Without outcomes, the failures get a file of their own, and the outcomes.csv of the run before
# is removed rather than left to pass for this run's.
goaldrift(ensemble "${TEST_MODELS}/failing_members_without_outcomes.json" -o out --quiet)
expect_status(0)
failed_members(failures.csv failed_without_outcomes)
inspect_csv("${WORK}/out/failures.csv" header lines)
math(EXPR expected_lines "${failed_without_outcomes} + 1")
if(NOT lines EQUAL expected_lines)
  fail_test("failures.csv must list the failed members only")
endif()
if(EXISTS "${WORK}/out/outcomes.csv")
  message(FATAL_ERROR "the earlier run's outcomes.csv was left in the output directory")
endif()

# A run without failures removes the failures.csv of the run before.
goaldrift(ensemble "${TEST_MODELS}/small_ensemble.json" --members 50 -o out --quiet)
expect_status(0)
if(EXISTS "${WORK}/out/failures.csv")
  message(FATAL_ERROR "the earlier run's failures.csv was left in the output directory")
endif()

# goaldrift ensemble: 200 members on 2 threads write a tidy summary.csv and outcomes.csv, and one
# thread writes the same bytes.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
set(model "${TEST_MODELS}/small_ensemble.json")

goaldrift(ensemble "${model}" --members 200 --threads 2 -o two_threads)
expect_status(0)
expect_stderr("200/200 members")
expect_stderr("\n200 members \\(0 failed\\); wrote two_threads/summary\\.csv, two_threads/outcomes\\.csv\n$")
if(NOT stdout STREQUAL "")
  fail_test("expected nothing on standard output")
endif()
# 6 save times (0 to 60 by 12) x 3 variables (S, P, D) x 12 statistics (count, mean, variance,
# sd, min, max, median, 5 quantiles).
inspect_csv("${WORK}/two_threads/summary.csv" header lines)
if(NOT header STREQUAL "time,variable,statistic,value" OR NOT lines EQUAL 217)
  fail_test("summary.csv: expected 'time,variable,statistic,value' and 216 rows, got '${header}' and ${lines} lines")
endif()
file(READ "${WORK}/two_threads/summary.csv" summary)
if(NOT summary MATCHES "\n0,S,count,200\n" OR NOT summary MATCHES "\n60,D,q0\\.95,[0-9.]+\n$")
  fail_test("summary.csv must count the 200 members asked for (not the file's 1000) and end with D's q0.95 at 60")
endif()
inspect_csv("${WORK}/two_threads/outcomes.csv" header lines)
if(NOT header MATCHES "^member,status,goal\\.adjustment_time,final_S,.*,failed_at,reason$" OR NOT lines EQUAL 201)
  fail_test("outcomes.csv: expected one row per member under its header, got '${header}' and ${lines} lines")
endif()

goaldrift(ensemble "${model}" --members 200 --threads 1 -o one_thread --quiet)
expect_status(0)
if(NOT stderr STREQUAL "")
  fail_test("--quiet: expected nothing on standard error")
endif()
foreach(csv summary.csv outcomes.csv)
  expect_same_files("${WORK}/two_threads/${csv}" "${WORK}/one_thread/${csv}")
endforeach()

# Another seed draws other members.
goaldrift(ensemble "${model}" --members 200 --seed 12 -o other_seed --quiet)
expect_status(0)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK}/two_threads/summary.csv"
                        "${WORK}/other_seed/summary.csv" RESULT_VARIABLE differ)
if(NOT differ)
  message(FATAL_ERROR "--seed 12 gave the summary of the file's seed 11")
endif()

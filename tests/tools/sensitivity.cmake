# goaldrift sensitivity: Sobol' indices of monte_carlo_antidotes' eroding study (six varied times)
# printed and written as tidy CSV, the same bytes on one thread and two; Morris on the same file;
# bad settings refused before anything runs.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
set(model "${MODELS}/monte_carlo_antidotes_eroding.json")

goaldrift(sensitivity "${model}" --samples 64 --sampler scrambled --resamples 200 --threads 2 -o two_threads)
expect_status(0)
expect_stderr("512/512 runs")
expect_stderr("\n512 runs \\(0 failed\\); wrote two_threads/indices\\.csv, two_threads/runs\\.csv\n$")
# The defaults without the file's "outcomes": final S, P and D, S's final and cumulative loss.
foreach(outcome final_S final_P final_D final_loss_S cumulative_loss_S)
  expect_stdout("Sobol' indices of ${outcome} \\(95% bootstrap intervals, 200 resamples\\)\nparameter +S1 +ST *\n")
endforeach()
# The goal's adjustment time or the action time heads the table of the final goal; the memory's
# and the perception's times come after both.
expect_stdout("Sobol' indices of final_D[^\n]*\n[^\n]*\n(goal_time|action_time) [^\n]*\n(goal_time|action_time) ")
expect_stdout("sum of ST: ")
inspect_csv("${WORK}/two_threads/indices.csv" header lines)
# 6 parameters x 2 indices x 5 outcomes.
if(NOT header STREQUAL "parameter,outcome,index,estimate,low,high,used,planned" OR NOT lines EQUAL 61)
  fail_test("indices.csv: expected the tidy header and 60 rows, got '${header}' and ${lines} lines")
endif()
file(READ "${WORK}/two_threads/indices.csv" indices)
if(NOT indices MATCHES "\ngoal_time,final_D,ST,[0-9.e-]+,[0-9.e-]+,[0-9.e-]+,64,64\n")
  fail_test("indices.csv: expected goal_time's total index of final_D from all 64 samples")
endif()
inspect_csv("${WORK}/two_threads/runs.csv" header lines)
if(NOT header MATCHES "^member,status,action_time,bad_news_time,.*,final_S,.*,failed_at,reason$" OR NOT lines EQUAL 513)
  fail_test("runs.csv: expected one row per run of the design, got '${header}' and ${lines} lines")
endif()

goaldrift(sensitivity "${model}" --samples 64 --sampler scrambled --resamples 200 --threads 1 -o one_thread --quiet)
expect_status(0)
if(NOT stderr STREQUAL "")
  fail_test("--quiet: expected nothing on standard error")
endif()
foreach(csv indices.csv runs.csv)
  expect_same_files("${WORK}/two_threads/${csv}" "${WORK}/one_thread/${csv}")
endforeach()

goaldrift(sensitivity "${model}" --analysis morris --trajectories 10 --resamples 100 -o morris --quiet)
expect_status(0)
expect_stdout("Morris elementary effects of final_D \\(95% bootstrap intervals, 100 resamples\\)\nparameter +mu_star +mu +sigma *\n")
inspect_csv("${WORK}/morris/indices.csv" header lines)
if(NOT lines EQUAL 91)  # 6 parameters x 3 statistics x 5 outcomes
  fail_test("morris indices.csv: expected 90 rows, got ${lines} lines")
endif()

goaldrift(sensitivity "${model}" --confidence 1.5 -o bad --quiet)
expect_error(2 "saltelli_design: confidence must lie in \\(0, 1\\), got 1\\.5$")
goaldrift(sensitivity "${model}" --analysis morris --levels 3 -o bad --quiet)
expect_error(2 "morris_design: levels must be even and lie in \\[2, 2\\^20\\], got 3$")
goaldrift(sensitivity "${model}" --sampler halton -o bad --quiet)
expect_status(2)
expect_stderr("--sampler: halton not in \\{sobol,scrambled,philox\\}")

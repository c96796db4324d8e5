# Without gnuplot, --chart is exit status 4 with a message saying how to get it, and the CSV files
# are still written.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
file(MAKE_DIRECTORY "${WORK}/empty")
set(GOALDRIFT_ENV "PATH=${WORK}/empty")
# A chart an earlier run drew must not pass for this run's.
file(WRITE "${WORK}/out/fan.png" "an earlier run's chart")

goaldrift(ensemble "${TEST_MODELS}/small_ensemble.json" --members 100 -o out --chart --quiet)
expect_error(4 "^goaldrift: gnuplot is not installed \\(not found on PATH\\), so no PNG was drawn\\. Install it .*gnuplot-nox")
foreach(csv summary.csv outcomes.csv)
  if(NOT EXISTS "${WORK}/out/${csv}")
    message(FATAL_ERROR "out/${csv} must be written when the chart cannot be")
  endif()
endforeach()
if(EXISTS "${WORK}/out/fan.png")
  message(FATAL_ERROR "no gnuplot, yet out/fan.png (an earlier run's) is still there")
endif()

# A failed member under --fail-on-member-failure outranks the chart: status 1.
goaldrift(ensemble "${TEST_MODELS}/failing_members.json" -o failing --chart --quiet --fail-on-member-failure)
expect_status(1)
expect_stderr("members failed")
expect_stderr("gnuplot is not installed")

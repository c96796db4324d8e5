# goaldrift check: one line saying what the file holds, running nothing; a mistake is status 2.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")

goaldrift(check "${MODELS}/quickstart.json")
expect_status(0)
if(NOT stdout MATCHES "^[^\n]*quickstart\\.json: ok \\(7 parameters, method rk4, 6 saved points\\)\n$" OR NOT stderr STREQUAL "")
  fail_test("expected one line 'quickstart.json: ok (7 parameters, method rk4, 6 saved points)'")
endif()
# The file's name as given, and the counts of another file.
goaldrift(check diverging.json)
expect_error(2 "diverging\\.json: \\(the whole file\\): cannot be read")
file(COPY "${TEST_MODELS}/diverging.json" DESTINATION "${WORK}")
goaldrift(check diverging.json)
expect_status(0)
expect_stdout("^diverging\\.json: ok \\(7 parameters, method euler, 101 saved points\\)\n$")
goaldrift(check "${TEST_MODELS}/small_ensemble.json")
expect_status(0)
expect_stdout("small_ensemble\\.json: ok \\(7 parameters, method rk4, 6 saved points; an ensemble of 1000 members varying 1 parameter\\)\n$")
# --set is checked too.
goaldrift(check "${MODELS}/quickstart.json" --set state.action_time=0)
expect_error(2 "action_time must be positive and finite, got 0")

goaldrift(check "${TEST_MODELS}/misspelt_field.json")
expect_error(2 "misspelt_field\\.json: /run/save_evry: ")

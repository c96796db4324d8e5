# A run that fails is exit status 1 with the library's message, and leaves no output behind.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")

goaldrift(simulate "${TEST_MODELS}/diverging.json" -o run.csv)
expect_error(1 "^goaldrift: goaldrift::simulate: the state became -?inf \\(variable 'state\\.level' at t = [0-9.]+\\)\n$")
if(EXISTS "${WORK}/run.csv")
  message(FATAL_ERROR "a failed run wrote run.csv")
endif()
goaldrift(simulate "${TEST_MODELS}/diverging.json")
expect_error(1 "the state became")

# Reading the file does not run it, so check accepts it.
goaldrift(check "${TEST_MODELS}/diverging.json")
expect_status(0)

# An ensemble whose file says "failures": "stop" ends at its first failing member.
goaldrift(ensemble "${TEST_MODELS}/failing_members_stop.json" -o out --quiet)
expect_error(1 "^goaldrift: goaldrift::ensemble::run: member [0-9]+ \\(seed 3\\) failed at t = 0: goaldrift::state::proportional: action_time must be positive")

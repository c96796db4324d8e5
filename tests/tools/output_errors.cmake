# An output that cannot be written is exit status 3, naming the path.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
set(model "${MODELS}/quickstart.json")

goaldrift(simulate "${model}" -o no_such_directory/run.csv)
expect_error(3 "^goaldrift: cannot open 'no_such_directory/run\\.csv' for writing")

file(WRITE "${WORK}/a_file" "")
goaldrift(ensemble "${TEST_MODELS}/small_ensemble.json" --members 20 -o a_file --quiet)
expect_error(3 "^goaldrift: cannot make the output directory 'a_file'")

# The run succeeds but summary.csv cannot be written (a directory stands in its place).
file(MAKE_DIRECTORY "${WORK}/out/summary.csv")
goaldrift(ensemble "${TEST_MODELS}/small_ensemble.json" --members 20 -o out --quiet)
expect_error(3 "^goaldrift: cannot open 'out/summary\\.csv' for writing")

# A full disk, where the system has one to offer.
if(EXISTS /dev/full)
  execute_process(COMMAND "${GOALDRIFT}" simulate "${model}" OUTPUT_FILE /dev/full
                  RESULT_VARIABLE status ERROR_VARIABLE stderr)
  set(stdout "")
  set(last_command "goaldrift simulate ${model} > /dev/full")
  expect_error(3 "^goaldrift: cannot write to standard output\n$")
endif()

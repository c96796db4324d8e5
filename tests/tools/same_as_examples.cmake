# Every model file whose example story writes a CSV of the same name gives that CSV byte for byte
# through 'goaldrift simulate'. -DEXAMPLES=<example programs, separated by |>.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
# Each example writes its CSV files into a directory of its own (quickstart into the current one).
run_examples(example_dirs "${EXAMPLES}")

file(GLOB models "${MODELS}/*.json")
set(compared "")
set(without_csv "")
foreach(model IN LISTS models)
  get_filename_component(stem "${model}" NAME_WE)
  # a Monte Carlo story's file is compared by ensemble_same_as_examples.cmake
  model_has_ensemble("${model}" with_ensemble)
  if(with_ensemble)
    continue()
  endif()
  dir_holding(example_dir "${stem}.csv" ${example_dirs})
  if(NOT example_dir)
    list(APPEND without_csv "${stem}")
    continue()
  endif()
  set(expected "${example_dir}/${stem}.csv")
  goaldrift(simulate "${model}" -o "${stem}.csv")
  expect_status(0)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${expected}" "${WORK}/${stem}.csv" RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "goaldrift simulate ${stem}.json differs from the example's ${expected}")
  endif()
  list(APPEND compared "${stem}")
endforeach()
report_compared("${compared}" "no model file in ${MODELS} has a CSV of its example to compare with"
                "byte for byte the same as the examples' CSV files")
string(REPLACE ";" ", " without_csv "${without_csv}")
message("no example CSV of the same name (tests/runtime covers them): ${without_csv}")

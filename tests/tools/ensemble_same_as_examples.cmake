# Every model file with an "ensemble" section whose Monte Carlo example writes
# <stem>_tidy.csv and <stem>_members.csv gives both byte for byte through 'goaldrift ensemble'
# (as summary.csv and outcomes.csv), for the same number of members. The files keep the
# example's members, seed, design and thread count; only --members is given, so that the test
# runs in seconds. -DEXAMPLES=<example programs, separated by |>, each run as
# '<example> <members> <directory>'.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
set(members 3000)
run_examples(example_dirs "${EXAMPLES}" ${members})

file(GLOB models "${MODELS}/*.json")
set(compared "")
foreach(model IN LISTS models)
  get_filename_component(stem "${model}" NAME_WE)
  model_has_ensemble("${model}" with_ensemble)
  if(NOT with_ensemble)
    continue()
  endif()
  dir_holding(example_dir "${stem}_tidy.csv" ${example_dirs})
  if(NOT example_dir)
    message(FATAL_ERROR "no example wrote ${stem}_tidy.csv, which ${stem}.json stands for")
  endif()
  goaldrift(ensemble "${model}" --members ${members} --quiet -o "${stem}")
  expect_status(0)
  foreach(pair "summary.csv|${stem}_tidy.csv" "outcomes.csv|${stem}_members.csv")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 ours)
    list(GET pair 1 theirs)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${example_dir}/${theirs}" "${WORK}/${stem}/${ours}"
                    RESULT_VARIABLE differ)
    if(differ)
      message(FATAL_ERROR "goaldrift ensemble ${stem}.json --members ${members}: ${ours} differs from the example's "
                          "${example_dir}/${theirs}")
    endif()
  endforeach()
  list(APPEND compared "${stem}")
endforeach()
report_compared("${compared}" "no model file in ${MODELS} has an ensemble section whose example wrote its CSV files"
                "byte for byte the same as the Monte Carlo examples' summaries and outcomes")

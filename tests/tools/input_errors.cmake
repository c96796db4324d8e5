# A model file or --set that cannot work is exit status 2, with the library's own message on one
# line (the file, and the JSON pointer of the field or the closest parameter path), before any run.
include("${CMAKE_CURRENT_LIST_DIR}/command.cmake")
set(model "${MODELS}/quickstart.json")

goaldrift(simulate "${WORK}/missing.json")
expect_error(2 "^goaldrift: goaldrift::model_file: [^\n]*missing\\.json: \\(the whole file\\): cannot be read")

file(WRITE "${WORK}/broken.json" "{\"state\": {\"type\": \"actual\",\n")
goaldrift(check broken.json)
expect_error(2 "^goaldrift: goaldrift::model_file: broken\\.json: \\(the whole file\\): is not valid JSON: ")

foreach(sub simulate check params)
  goaldrift(${sub} "${TEST_MODELS}/misspelt_field.json")
  expect_error(2 "goaldrift::model_file: [^\n]*misspelt_field\\.json: /run/save_evry: is not a field of the run's options; the closest is 'save_every'")
endforeach()
goaldrift(ensemble "${TEST_MODELS}/misspelt_field.json" -o out)
expect_error(2 "/run/save_evry: is not a field")

# An unknown path names the closest one; a value the part refuses is worded by the part.
goaldrift(simulate "${model}" --set goal.adjustmnet_time=3)
expect_error(2 "^goaldrift: goaldrift::parameters: path names no parameter of this model; the closest is 'goal\\.adjustment_time'; .*, got 'goal\\.adjustmnet_time'\n$")
goaldrift(params "${model}" --set perception.bad_news_tim=3)
expect_error(2 "the closest is 'perception\\.bad_news_time'")
goaldrift(simulate "${model}" --set goal.adjustment_time=-3)
expect_error(2 "^goaldrift: goaldrift::goal::floating: adjustment_time must be positive and finite, got -3\n$")

# A run override the grid cannot take.
goaldrift(simulate "${model}" --dt 0.7)
expect_error(2 "^goaldrift: goaldrift::simulate: ")
goaldrift(simulate "${model}" --dt -1)
expect_error(2 "dt")

# An ensemble needs the file's ensemble section; one that names a parameter the model lacks is
# refused at the field that names it.
goaldrift(ensemble "${model}" -o out)
expect_error(2 "quickstart\\.json: /ensemble: is missing: the file describes no ensemble")
goaldrift(check "${TEST_MODELS}/bad_vary_path.json")
expect_error(2 "bad_vary_path\\.json: /ensemble/vary/goal\\.adjustmnet_time: .*the closest is 'goal\\.adjustment_time'")

// goaldrift simulate: one run of a model file, its trajectory written as CSV.
#pragma once

#include <CLI/CLI.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <string>

#include "exit_status.hpp"
#include "man_page.hpp"
#include "model_arguments.hpp"
#include "output.hpp"

namespace goaldrift::command {

struct simulate_arguments {
  model_arguments model;
  std::string output = "-";
};

inline CLI::App* add_simulate(CLI::App& app, simulate_arguments& o, man_page& pages) {
  CLI::App* sub = app.add_subcommand("simulate", "run a model file once and write its trajectory as CSV");
  add_model_arguments(*sub, o.model);
  sub->add_option("-o,--output", o.output,
                  "Where to write the trajectory; '-' (the default) is standard output. An existing file is "
                  "replaced.")
      ->type_name("FILE");
  add_run_overrides(*sub, o.model);
  pages.describe(sub, {"Reads MODEL, applies every --set and run override, runs the model with the file's method "
                       "(rk4 unless the file's run says otherwise) and writes the trajectory as CSV: a header "
                       "\"time,S,P,D,action,pressure,<state variables>\", then one row per saved point. Numbers are "
                       "written as the shortest text that reads back to the same double, so the file is byte for "
                       "byte what trajectory::write_csv writes for the same model in C++.",
                       {{"goaldrift simulate examples/models/quickstart.json", "Print the quickstart's trajectory."},
                        {"goaldrift simulate model.json -o run.csv --set goal.adjustment_time=24",
                         "Run with a slower-moving goal; write run.csv."},
                        {"goaldrift simulate model.json --end 240 --method dopri5",
                         "Run for 240 time units with the adaptive method instead of the file's."}}});
  return sub;
}

inline exit_status run_simulate(const simulate_arguments& o) {
  const runtime::model_file file = load_model(o.model);
  const trajectory run = runtime::simulate(file);
  write_file(o.output, [&](std::ostream& os) { run.write_csv(os); });
  return exit_status::success;
}

}  // namespace goaldrift::command

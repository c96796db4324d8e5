// goaldrift check: reads a model file (and its ensemble section) and says whether it can run.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <goaldrift/simulate.hpp>
#include <iostream>
#include <string>

#include "exit_status.hpp"
#include "man_page.hpp"
#include "model_arguments.hpp"
#include "output.hpp"

namespace goaldrift::command {

struct check_arguments {
  model_arguments model;
};

inline CLI::App* add_check(CLI::App& app, check_arguments& o, man_page& pages) {
  CLI::App* sub = app.add_subcommand("check", "read a model file and say whether it can run, without running it");
  add_model_arguments(*sub, o.model);
  pages.describe(sub, {"Reads MODEL as simulate and ensemble would (every part, the run's grid, the ensemble section "
                       "if there is one, and every --set), runs nothing, and prints one line: \"MODEL: ok (N "
                       "parameters, method rk4, M saved points)\", with the ensemble's members and varied "
                       "parameters added when the file has an ensemble section. A mistake is printed as the "
                       "library words it, naming the file and the JSON pointer of the field, and the exit "
                       "status is 2.",
                       {{"for f in models/*.json; do goaldrift check \"$f\" || exit 1; done",
                         "Stop at the first model file with a mistake."}}});
  return sub;
}

inline std::string count_of(std::size_t n, const std::string& thing) {
  return std::to_string(n) + " " + thing + (n == 1 ? "" : "s");
}

inline exit_status run_check(const check_arguments& o) {
  const runtime::model_file file = load_model(o.model);
  const std::size_t saved = goaldrift::detail::check_options(file.run, file.method == "dopri5").saves + 1;
  std::string line = file.source + ": ok (" + count_of(parameter_names(file.model).size(), "parameter") + ", method " +
                     file.method + ", " + count_of(saved, "saved point");
  if (!file.ensemble.is_null()) {
    const runtime::ensemble_plan plan = runtime::read_ensemble(file);
    const std::size_t members = plan.options.members == 0 && plan.table ? plan.table->rows() : plan.options.members;
    line += "; an ensemble of " + count_of(members, "member") + " varying " +
            count_of(plan.study.parameters().size(), "parameter");
  }
  write_file("-", [&](std::ostream& os) { os << line << ")\n"; });
  return exit_status::success;
}

}  // namespace goaldrift::command

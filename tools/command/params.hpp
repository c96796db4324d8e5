// goaldrift params: every parameter of a model file by path, with its value, unit and meaning.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <goaldrift/detail/format.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exit_status.hpp"
#include "man_page.hpp"
#include "model_arguments.hpp"
#include "output.hpp"

namespace goaldrift::command {

struct params_arguments {
  model_arguments model;
  bool json = false;
};

inline CLI::App* add_params(CLI::App& app, params_arguments& o, man_page& pages) {
  CLI::App* sub = app.add_subcommand("params", "list every parameter of a model file: path, value, unit, meaning");
  add_model_arguments(*sub, o.model);
  sub->add_flag("--json", o.json,
                "Print one JSON object {\"path\": value, ...} instead of the table; an optional parameter the "
                "model leaves unset is null.");
  pages.describe(sub, {"Prints one line per parameter of MODEL (after every --set), in the order the library "
                       "lists them: state, perception, goal, pressure, each part from the top down. The columns "
                       "are the path (what --set, an ensemble's \"vary\" and Python's get and set take), the "
                       "value, the unit and what the parameter does. An optional parameter the model leaves "
                       "unset (a perception's initial value, which defaults to the first input) reads \"unset\".",
                       {{"goaldrift params examples/models/quickstart.json", "The quickstart's parameters as a table."},
                        {"goaldrift params model.json --json | jq '.\"goal.adjustment_time\"'",
                         "One parameter's value, for a script."}}});
  return sub;
}

// The table's columns padded to their widest cell; the last is left ragged.
inline std::string aligned_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out += '\n';
  }
  return out;
}

inline exit_status run_params(const params_arguments& o) {
  const runtime::model_file file = load_model(o.model);
  const auto list = parameter_list(file.model);
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& p : list) {
      if (!p.is_set) {
        out[p.path] = nullptr;
      } else if (p.integer) {
        out[p.path] = static_cast<std::int64_t>(get(file.model, p.path));
      } else {
        out[p.path] = get(file.model, p.path);
      }
    }
    write_file("-", [&](std::ostream& os) { os << out.dump(2) << '\n'; });
    return exit_status::success;
  }
  std::vector<std::vector<std::string>> rows{{"PATH", "VALUE", "UNIT", "MEANING"}};
  for (const auto& p : list) {
    rows.push_back(
        {p.path, p.is_set ? goaldrift::detail::format_number(get(file.model, p.path)) : "unset", p.unit, p.meaning});
  }
  write_file("-", [&](std::ostream& os) { os << aligned_table(rows); });
  return exit_status::success;
}

}  // namespace goaldrift::command

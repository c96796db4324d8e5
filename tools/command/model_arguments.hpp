// The model file and --set PATH=VALUE, which every subcommand takes, and the run overrides.
#pragma once

#include <CLI/CLI.hpp>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <string>
#include <utility>
#include <vector>

#include "exit_status.hpp"

namespace goaldrift::command {

struct model_arguments {
  std::string path;
  /// "PATH=VALUE", applied in the order given.
  std::vector<std::string> settings;
  std::string method;
  double end = 0.0;
  double dt = 0.0;
  double save_every = 0.0;
  // Set when the subcommand offers the override; count() says whether it was given.
  CLI::Option* method_option = nullptr;
  CLI::Option* end_option = nullptr;
  CLI::Option* dt_option = nullptr;
  CLI::Option* save_every_option = nullptr;
};

inline void add_model_arguments(CLI::App& sub, model_arguments& o) {
  sub.add_option("MODEL", o.path, "The model file (JSON, docs/model-file.md).")->required()->type_name("MODEL");
  sub.add_option("--set", o.settings,
                 "Change the parameter at PATH (a path as 'goaldrift params' lists it, e.g. "
                 "goal.adjustment_time) to VALUE before anything runs. Repeatable; applied in the order "
                 "given. An unknown path or a value the part refuses is exit status 2.")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

inline void add_run_overrides(CLI::App& sub, model_arguments& o) {
  o.method_option =
      sub.add_option("--method", o.method, "The integration method instead of the file's: euler, rk4 or dopri5.")
          ->type_name("METHOD")
          ->check(CLI::IsMember({"euler", "rk4", "dopri5"}));
  o.end_option = sub.add_option("--end", o.end, "The run's end time instead of the file's.")->type_name("TIME");
  o.dt_option = sub.add_option("--dt", o.dt, "The time step instead of the file's.")->type_name("STEP");
  o.save_every_option = sub.add_option("--save-every", o.save_every,
                                       "The distance between saved points instead of the file's (0: every dt).")
                            ->type_name("INTERVAL");
}

/// --threads N, which overrides the file's ensemble threads.
inline CLI::Option* add_threads_option(CLI::App& sub, unsigned& threads) {
  return sub
      .add_option("--threads", threads,
                  "Worker threads instead of the file's (1 if it gives none); 0 uses every "
                  "hardware thread. The results do not depend on it.")
      ->type_name("N");
}

/// "goal.adjustment_time=12" as its path and value; a malformed one is bad input.
inline std::pair<std::string, double> parse_setting(const std::string& setting) {
  const std::size_t equals = setting.find('=');
  const std::string value = equals == std::string::npos ? std::string() : setting.substr(equals + 1);
  auto refuse = [&] {
    throw failure(
        exit_status::bad_input,
        "--set needs PATH=VALUE with a number for VALUE (e.g. --set goal.adjustment_time=12), got '" + setting + "'");
  };
  if (equals == 0 || value.empty() || std::isspace(static_cast<unsigned char>(value.front()))) refuse();
  char* end = nullptr;
  errno = 0;
  const double number = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || errno == ERANGE || !std::isfinite(number)) refuse();
  return {setting.substr(0, equals), number};
}

/// The model file with the command line's changes: every --set, then the run overrides. The
/// library checks what they give (a path, a value, a grid) and words the errors.
inline runtime::model_file load_model(const model_arguments& o) {
  runtime::model_file file = runtime::read_model_file(o.path);
  for (const auto& setting : o.settings) {
    const auto [path, value] = parse_setting(setting);
    goaldrift::set(file.model, path, value);
  }
  auto given = [](const CLI::Option* opt) { return opt != nullptr && opt->count() > 0; };
  if (given(o.method_option)) file.method = o.method;
  if (given(o.end_option)) file.run.end = o.end;
  if (given(o.dt_option)) file.run.dt = o.dt;
  if (given(o.save_every_option)) file.run.save_every = o.save_every;
  return file;
}

}  // namespace goaldrift::command

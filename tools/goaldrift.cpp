// The goaldrift command: model files simulated, run as ensembles, listed and checked without
// compiling. Each subcommand lives in command/<name>.hpp; this file parses and maps errors to
// the exit statuses of command/exit_status.hpp.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <goaldrift/detail/names.hpp>
#include <goaldrift/error.hpp>
#include <goaldrift/io/text.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <goaldrift/version.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "command/check.hpp"
#include "command/ensemble.hpp"
#include "command/sensitivity.hpp"
#include "command/exit_status.hpp"
#include "command/man_page.hpp"
#include "command/params.hpp"
#include "command/simulate.hpp"

namespace {

namespace cmd = goaldrift::command;

std::string version() {
  return "goaldrift " + std::to_string(GOALDRIFT_VERSION_MAJOR) + "." + std::to_string(GOALDRIFT_VERSION_MINOR) + "." +
         std::to_string(GOALDRIFT_VERSION_PATCH);
}

const char* const description =
    "Runs goal-erosion (drift to low performance) models described in model files, so that a model can be "
    "changed and run without writing or compiling C++. A model file (FILES below) chooses the parts of the "
    "model: how the actual state S is corrected, how it is perceived (P), how the goal D moves, and the "
    "pressure on S; its run; and optionally an ensemble study that varies parameters from member to "
    "member.\n\n"
    "simulate writes one trajectory as CSV, ensemble runs the study and writes tidy CSV summaries and a fan "
    "chart, sensitivity says which varied parameter drives the study's outcomes, params lists every "
    "parameter by the path that --set and the study take, and check reads a file "
    "without running it. The numbers are those of the C++ library: a model file of an example story "
    "reproduces the compiled example's CSV byte for byte.\n\n"
    "'goaldrift SUBCOMMAND --help' or 'goaldrift help SUBCOMMAND' prints a subcommand's page.";

const std::vector<std::pair<std::string, std::string>> examples = {
    {"goaldrift check examples/models/meadows_drift_eroding.json",
     "Read the file and report what it holds, running nothing."},
    {"goaldrift simulate model.json -o run.csv", "One run, its trajectory in run.csv."},
    {"goaldrift ensemble model.json --members 100000 --threads 2 -o out/ --chart",
     "The file's ensemble study with 100000 members: CSV files and out/fan.png."},
    {"goaldrift sensitivity model.json --samples 4096 -o out/",
     "Sobol' indices of the study's outcomes over its varied parameters, with intervals."},
    {"goaldrift params model.json", "Every parameter's path, value, unit and meaning."}};

// CLI11's message, with where to read the usage; its own exit codes (105, 106, ...) all mean a
// malformed command line, status 2.
int usage_error(const CLI::App& app, const CLI::ParseError& e) {
  std::string page = "goaldrift --help";
  for (const CLI::App* sub : app.get_subcommands()) page = "goaldrift " + sub->get_name() + " --help";
  cmd::report(std::string(e.what()) + " ('" + page + "' shows the usage)");
  return static_cast<int>(cmd::exit_status::bad_input);
}

// CLI11 answers "A subcommand is required" to a misspelt one, so the command says which word
// was not one, and returns true, before CLI11 parses.
bool refuse_unknown_subcommand(const CLI::App& app, const std::string& word) {
  if (word.empty() || word.front() == '-') return false;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return false;
  cmd::report(goaldrift::io::quote_excerpt(word) + " is not a subcommand" +
              goaldrift::detail::closest_hint(names, word) + "; the subcommands are " +
              goaldrift::detail::name_list(names) + " ('goaldrift --help' shows the usage)");
  return true;
}

int fail(cmd::exit_status status, const std::exception& e) {
  cmd::report(e.what());
  return static_cast<int>(status);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("run goal-erosion models from model files, without compiling", "goaldrift");
  // Subcommands copy their parent's formatter when they are made, so it is set first.
  auto pages = std::make_shared<cmd::man_page>();
  app.formatter(pages);
  app.set_help_flag("-h,--help", "Print this manual page and exit.");
  app.set_version_flag("--version", version(), "Print goaldrift's version and exit.");
  app.require_subcommand(1);

  cmd::simulate_arguments simulate;
  cmd::ensemble_arguments ensemble;
  cmd::sensitivity_arguments sensitivity;
  cmd::params_arguments params;
  cmd::check_arguments check;
  CLI::App* simulate_command = cmd::add_simulate(app, simulate, *pages);
  CLI::App* ensemble_command = cmd::add_ensemble(app, ensemble, *pages);
  CLI::App* sensitivity_command = cmd::add_sensitivity(app, sensitivity, *pages);
  CLI::App* params_command = cmd::add_params(app, params, *pages);
  CLI::App* check_command = cmd::add_check(app, check, *pages);
  CLI::App* help_command = app.add_subcommand("help", "print this manual page, or a subcommand's");
  std::vector<std::string> topics;
  for (const CLI::App* sub : app.get_subcommands({})) topics.push_back(sub->get_name());
  std::string topic;
  help_command->add_option("SUBCOMMAND", topic, "The subcommand whose page to print; none: this page.")
      ->type_name("SUBCOMMAND")
      ->check(CLI::IsMember(topics));
  pages->describe(help_command, {"Prints the manual page of SUBCOMMAND, or of goaldrift itself, on standard output; "
                                 "the same as 'goaldrift SUBCOMMAND --help'.",
                                 {{"goaldrift help ensemble", "The ensemble subcommand's page."}}});
  pages->describe(&app, {description, examples});
  for (CLI::App* sub : app.get_subcommands({})) sub->set_help_flag("-h,--help", "Print this manual page and exit.");

  if (argc > 1 && refuse_unknown_subcommand(app, argv[1])) return static_cast<int>(cmd::exit_status::bad_input);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    return usage_error(app, e);
  }

  try {
    cmd::exit_status status = cmd::exit_status::success;
    if (simulate_command->parsed()) status = cmd::run_simulate(simulate);
    if (ensemble_command->parsed()) status = cmd::run_ensemble(ensemble);
    if (sensitivity_command->parsed()) status = cmd::run_sensitivity(sensitivity);
    if (params_command->parsed()) status = cmd::run_params(params);
    if (check_command->parsed()) status = cmd::run_check(check);
    if (help_command->parsed()) {
      const CLI::App* page = topic.empty() ? &app : app.get_subcommand(topic);
      std::cout << pages->make_help(page, topic.empty() ? "goaldrift" : "goaldrift " + topic,
                                    CLI::AppFormatMode::Normal);
    }
    return static_cast<int>(status);
  } catch (const cmd::failure& e) {
    return fail(e.status(), e);
  } catch (const goaldrift::runtime::model_file_error& e) {
    return fail(cmd::exit_status::bad_input, e);
  } catch (const goaldrift::invalid_parameter& e) {
    return fail(cmd::exit_status::bad_input, e);
  } catch (const goaldrift::parse_error& e) {
    return fail(cmd::exit_status::bad_input, e);
  } catch (const std::exception& e) {
    // integration_error, ensemble::member_failed (a member under "failures": "stop"), and
    // whatever else stops a run once it has started.
    return fail(cmd::exit_status::run_failed, e);
  }
}

// What the C++ library computes from a model file, for the Python tests to compare with:
//
//   goaldrift_python_reference simulate FILE [SETTING...]    the run's CSV on stdout
//   goaldrift_python_reference parameters FILE               "path,value" per parameter set
//   goaldrift_python_reference get FILE PATH                  the value
//   goaldrift_python_reference ensemble FILE WIDE_CSV OUTCOMES_CSV [SETTING...]
//   goaldrift_python_reference sensitivity FILE ANALYSIS SAMPLES_OR_TRAJECTORIES SAMPLER
//                                                            the tidy indices CSV on stdout
//
// A SETTING is PATH=VALUE (goaldrift::set on the model) or run.KEY=VALUE (a run option: start,
// end, dt, save_every, abs_tolerance, rel_tolerance, max_steps, method); for an ensemble also
// ensemble.members=N. Numbers are written
// as the shortest text that reads back to the same double. A goaldrift::error prints its
// what() alone on stderr and exits with 1, so a test can compare the message with Python's.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <goaldrift/detail/format.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <goaldrift/runtime/sensitivity_file.hpp>

namespace {

void apply(goaldrift::runtime::model_file& file, const std::string& setting) {
  const auto eq = setting.find('=');
  if (eq == std::string::npos) throw std::invalid_argument("a setting is PATH=VALUE, not " + setting);
  const std::string key = setting.substr(0, eq);
  const std::string value = setting.substr(eq + 1);
  if (key == "run.method") {
    file.method = value;
  } else if (key == "run.max_steps") {
    file.run.max_steps = std::stoull(value);
  } else if (key.rfind("run.", 0) == 0) {
    const double x = std::strtod(value.c_str(), nullptr);
    const std::string option = key.substr(4);
    if (option == "start") {
      file.run.start = x;
    } else if (option == "end") {
      file.run.end = x;
    } else if (option == "dt") {
      file.run.dt = x;
    } else if (option == "save_every") {
      file.run.save_every = x;
    } else if (option == "abs_tolerance") {
      file.run.abs_tolerance = x;
    } else if (option == "rel_tolerance") {
      file.run.rel_tolerance = x;
    } else {
      throw std::invalid_argument("no run option " + option);
    }
  } else {
    goaldrift::set(file.model, key, std::strtod(value.c_str(), nullptr));
  }
}

int run(const std::vector<std::string>& args) {
  if (args.size() < 2) throw std::invalid_argument("usage: simulate|parameters|get|ensemble|sensitivity FILE ...");
  const std::string& mode = args[0];
  auto file = goaldrift::runtime::read_model_file(args[1]);
  if (mode == "simulate") {
    for (std::size_t i = 2; i < args.size(); ++i) apply(file, args[i]);
    goaldrift::runtime::simulate(file).write_csv(std::cout);
  } else if (mode == "parameters") {
    for (const auto& path : goaldrift::parameter_names(file.model)) {
      std::cout << path << ',' << goaldrift::detail::format_number(goaldrift::get(file.model, path)) << '\n';
    }
  } else if (mode == "get" && args.size() == 3) {
    std::cout << goaldrift::detail::format_number(goaldrift::get(file.model, args[2])) << '\n';
  } else if (mode == "ensemble" && args.size() >= 4) {
    std::uint64_t members = 0;
    for (std::size_t i = 4; i < args.size(); ++i) {
      if (args[i].rfind("ensemble.members=", 0) == 0) {
        members = std::stoull(args[i].substr(17));
      } else {
        apply(file, args[i]);
      }
    }
    auto plan = goaldrift::runtime::read_ensemble(file);
    if (members > 0) plan.options.members = members;
    const auto result = goaldrift::runtime::run_ensemble(file, plan);
    result.write_wide_csv(args[2]);
    result.write_outcomes_csv(args[3]);
  } else if (mode == "sensitivity" && args.size() == 5) {
    goaldrift::runtime::sensitivity_settings settings;
    settings.analysis = args[2];
    settings.sobol.samples = std::stoull(args[3]);
    settings.morris.trajectories = std::stoull(args[3]);
    settings.sobol.sampling = goaldrift::runtime::sampler_named(args[4]);
    const auto a = goaldrift::runtime::run_sensitivity(file, goaldrift::runtime::read_ensemble(file), settings);
    a.indices.write_csv(std::cout);
  } else {
    throw std::invalid_argument("unknown mode or wrong number of arguments: " + mode);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const goaldrift::error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "goaldrift_python_reference: " << e.what() << '\n';
    return 2;
  }
}

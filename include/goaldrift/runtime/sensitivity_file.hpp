// A sensitivity analysis of a model file's ensemble study: what the goaldrift command's
// `sensitivity` and Python's Model.sensitivity() run.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../io/text.hpp"
#include "../sensitivity.hpp"
#include "ensemble_file.hpp"
#include "model_file.hpp"

namespace goaldrift::runtime {

/// Which analysis, and its options.
struct sensitivity_settings {
  /// "sobol" or "morris".
  std::string analysis = "sobol";
  sensitivity::sobol_options sobol;
  sensitivity::morris_options morris;
};

/// The sampler named "sobol", "scrambled" or "philox"; anything else throws invalid_parameter
/// naming the choices.
inline sensitivity::sampler sampler_named(const std::string& name) {
  if (name == "sobol") return sensitivity::sampler::sobol_sequence;
  if (name == "scrambled") return sensitivity::sampler::scrambled_sobol_sequence;
  if (name == "philox") return sensitivity::sampler::philox;
  throw invalid_parameter("goaldrift::runtime::sensitivity", "sampler", "must be one of sobol, scrambled, philox",
                          io::quote_excerpt(name));
}

/// The outcomes a sensitivity analysis of `o` reads: the file's "outcomes", or when it lists
/// none the ensemble's default outcomes without first_below_<v>, which is +inf for a member that
/// never falls below and would leave its sample out.
inline std::vector<outcome::outcome> sensitivity_outcomes(const ensemble::options& o) {
  if (!o.outcomes.empty()) return o.outcomes;
  auto defaults = o;
  defaults.keep_outcomes = true;
  std::vector<outcome::outcome> out;
  for (auto& oc : ensemble::detail::member_outcomes(defaults)) {
    if (oc.name().rfind("first_below_", 0) != 0) out.push_back(std::move(oc));
  }
  return out;
}

/// Runs the analysis of the plan's study (its varied parameters and their distributions) with
/// the file's run options and method. The plan's members and design are not used: the
/// analysis's design sets every member's values; its seed, threads, variables, outcomes and
/// failure policy are.
inline sensitivity::analysis run_sensitivity(const model_file& file, ensemble_plan plan,
                                             const sensitivity_settings& settings) {
  if (settings.analysis != "sobol" && settings.analysis != "morris") {
    throw invalid_parameter("goaldrift::runtime::sensitivity", "analysis", "must be sobol or morris",
                            io::quote_excerpt(settings.analysis));
  }
  auto& o = plan.options;
  o.members = 0;
  o.sampling = ensemble::design::independent;
  o.outcomes = sensitivity_outcomes(o);
  auto run = [&](const auto& method) {
    if (settings.analysis == "morris") return sensitivity::morris(plan.study, file.run, o, settings.morris, method);
    return sensitivity::sobol(plan.study, file.run, o, settings.sobol, method);
  };
  if (file.method == "euler") return run(method::euler{});
  if (file.method == "dopri5") return run(method::dopri5{});
  return run(method::rk4{});
}

}  // namespace goaldrift::runtime

// Sensitivity analyses of an ensemble study: the design's runs go through ensemble::run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../ensemble/result.hpp"
#include "../ensemble/run.hpp"
#include "../ensemble/study.hpp"
#include "../error.hpp"
#include "../io/text.hpp"
#include "../method.hpp"
#include "design.hpp"
#include "indices.hpp"

namespace goaldrift::sensitivity {

/// What an analysis of a study gives: the indices, and the ensemble result of the design's runs
/// (its failures, its per-member outcomes and parameters, its summaries).
struct analysis {
  report indices;
  ensemble::result runs;
};

/// The parameter names of a study, refused when one is read from a member table: a design
/// needs a distribution to take each parameter's quantiles from.
template <class Study>
std::vector<std::string> design_parameters(const Study& s, const char* component) {
  std::vector<std::string> names;
  for (const auto& p : s.parameters()) {
    if (!p.quantile) {
      throw invalid_parameter(component, "study",
                              "must draw every uncertain parameter from a distribution (study::vary), but " +
                                  io::quote_excerpt(p.name) + " is read from a member table",
                              io::quote_excerpt(p.name));
    }
    names.push_back(p.name);
  }
  return names;
}

/// The values a design gives the study's parameters, one row per run: each parameter's
/// quantile at the design's probability. Run a study on them with
/// s.designed(table, [&](auto run) { return design.noise_run(run); }), through ensemble::run or
/// over MPI (goaldrift/external/mpi.hpp), then pass the outcomes to sobol_indices or
/// morris_indices (outcome_values()).
template <class Study, class Design>
ensemble::member_table design_table(const Study& s, const Design& design) {
  const auto names = design_parameters(s, Design::component);
  if (names != design.parameters()) {
    throw invalid_parameter(Design::component, "parameters", "must be the study's parameters, in their order (" +
                                                                  goaldrift::detail::name_list(names) + ")",
                            goaldrift::detail::name_list(design.parameters()));
  }
  std::vector<std::vector<double>> rows(design.runs(), std::vector<double>(names.size()));
  for (std::size_t run = 0; run < design.runs(); ++run) {
    for (std::size_t p = 0; p < names.size(); ++p) rows[run][p] = s.parameters()[p].quantile(design.probability(run, p));
  }
  return ensemble::member_table(names, std::move(rows), "the design of goaldrift::sensitivity");
}

/// values[o][run]: outcome `outcomes[o]` of each run of a design of `runs` runs, NaN for a run
/// without one (failed, or never run when the ensemble was cancelled). The result must keep its
/// per-member outcomes (ensemble::options::keep_outcomes).
inline std::vector<std::vector<double>> outcome_values(const ensemble::result& r, const std::vector<std::string>& outcomes,
                                                       std::size_t runs) {
  const double missing = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::vector<double>> values(outcomes.size(), std::vector<double>(runs, missing));
  const auto& members = r.outcome_members();
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const auto& v = r.outcome(outcomes[o]);
    for (std::size_t i = 0; i < members.size() && i < v.size(); ++i) {
      if (members[i] < runs) values[o][members[i]] = v[i];
    }
  }
  return values;
}

/// What a report must say about the ensemble's runs: failures and a cancelled run.
inline std::vector<std::string> run_notes(const ensemble::result& r) {
  std::vector<std::string> notes;
  if (r.failed() > 0) {
    const auto& f = r.failures().front();
    notes.push_back(detail::count_of(r.failed(), "run") + " of " + std::to_string(r.members()) +
                    " failed (runs.failures() lists them; the first, run " + std::to_string(f.member) + ": " +
                    f.reason + ")");
  }
  if (r.cancelled()) {
    notes.push_back("the runs were cancelled after " + std::to_string(r.members_completed()) + " of " +
                    std::to_string(r.members()));
  }
  return notes;
}

namespace detail {

template <class Source, class Pack, class Method, class Design, class Analyse>
analysis run_design(const char* component, const ensemble::study<Source, Pack>& s, const run_options& run,
                    ensemble::options o, const Design& design, const Method& method, Analyse analyse) {
  if (o.outcomes.empty()) {
    throw invalid_parameter(component, "options.outcomes",
                            "must list the outcomes to analyse (goaldrift/outcome.hpp, e.g. outcome::final_value(\"S\"))",
                            "none");
  }
  if (o.members != 0 && o.members != design.runs()) {
    throw invalid_parameter(component, "options.members",
                            "is set by the design (" + std::to_string(design.runs()) + " runs); leave it 0",
                            std::to_string(o.members));
  }
  if (o.sampling != ensemble::design::independent) {
    throw invalid_parameter(component, "options.sampling",
                            "must be left independent: the sensitivity design chooses every parameter value",
                            "latin_hypercube");
  }
  const auto table = design_table(s, design);
  const auto designed = s.designed(table, [&design](std::uint64_t r) { return design.noise_run(r); });
  o.members = 0;
  o.keep_outcomes = true;
  std::vector<std::string> outcomes;
  for (const auto& oc : o.outcomes) outcomes.push_back(oc.name());
  auto r = ensemble::run(designed, run, o, method);
  auto indices = analyse(outcome_values(r, outcomes, design.runs()), outcomes, run_notes(r), o.threads);
  return analysis{std::move(indices), std::move(r)};
}

}  // namespace detail

/// Sobol' indices (first order and total; second order on request) of every outcome in
/// `o.outcomes` over the study's uncertain parameters. The N (k + 2) runs of Saltelli's design
/// (saltelli_design) go through ensemble::run with the options `o` (its seed, threads, chunks,
/// batching, failure policy), so they are batched, threaded and bit-identical for any thread
/// count and chunk size. o.members must be 0 (the design sets it) and o.sampling independent;
/// o.keep_outcomes is set. The design's seed, and the bootstrap's, is o.seed.
///
///     sensitivity::sobol_options so;
///     so.samples = 4096;
///     auto a = sensitivity::sobol(study, grid, o, so);
///     a.indices.print(std::cout);
///     a.indices.write_csv("indices.csv");
template <class Source, class Pack, class Method = method::rk4>
analysis sobol(const ensemble::study<Source, Pack>& s, const run_options& run, const ensemble::options& o,
               const sobol_options& options = {}, const Method& method = {}) {
  static constexpr const char* component = "goaldrift::sensitivity::sobol";
  const saltelli_design design(design_parameters(s, component), options, o.seed);
  return detail::run_design(component, s, run, o, design, method,
                            [&](const auto& values, const auto& outcomes, const auto& notes, unsigned threads) {
                              return sobol_indices(design, outcomes, values, threads, notes);
                            });
}

/// Morris' elementary effects (mu, mu_star, sigma) of every outcome in `o.outcomes`, from the
/// r (k + 1) runs of morris_design through ensemble::run, as sobol() runs its design.
template <class Source, class Pack, class Method = method::rk4>
analysis morris(const ensemble::study<Source, Pack>& s, const run_options& run, const ensemble::options& o,
                const morris_options& options = {}, const Method& method = {}) {
  static constexpr const char* component = "goaldrift::sensitivity::morris";
  const morris_design design(design_parameters(s, component), options, o.seed);
  return detail::run_design(component, s, run, o, design, method,
                            [&](const auto& values, const auto& outcomes, const auto& notes, unsigned threads) {
                              return morris_indices(design, outcomes, values, threads, notes);
                            });
}

}  // namespace goaldrift::sensitivity

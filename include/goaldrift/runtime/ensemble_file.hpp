// The "ensemble" section of a model file: which parameters vary and how, and the runner's options.
// Needs Random123 (Debian librandom123-dev), as goaldrift/ensemble.hpp does.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../distribution.hpp"
#include "../ensemble.hpp"
#include "../outcome.hpp"
#include "../parameters.hpp"
#include "model_file.hpp"

namespace goaldrift::runtime {

/// A distribution chosen at run time: the built-in one a file names, behind its quantile.
struct any_distribution {
  std::function<double(double)> quantile_of;
};
inline double quantile(const any_distribution& d, double p) { return d.quantile_of(p); }

/// A study of a model file's model, with the options its "ensemble" section gives.
struct ensemble_plan {
  /// Owns the member table the study reads from, if any (the study points into it).
  std::shared_ptr<const ensemble::member_table> table;
  ensemble::study<runtime::model> study;
  ensemble::options options;
};

namespace detail {

template <class D>
any_distribution erased(D d) {
  return any_distribution{[d = std::move(d)](double p) { return quantile(d, p); }};
}

inline any_distribution read_distribution(const json_reader& r) {
  r.require_object("a distribution");
  const std::string kind = r["distribution"].choice(
      {"uniform", "normal", "truncated_normal", "lognormal", "triangular", "beta", "discrete"});
  any_distribution out;
  if (kind == "uniform") {
    const double lower = r.number("lower");
    const double upper = r.number("upper");
    out = built(r, [&] { return erased(distribution::uniform(lower, upper)); });
  } else if (kind == "normal") {
    const double mean = r.number("mean");
    const double sd = r.number("sd");
    out = built(r, [&] { return erased(distribution::normal(mean, sd)); });
  } else if (kind == "truncated_normal") {
    const double mean = r.number("mean");
    const double sd = r.number("sd");
    const double lower = r.number("lower");
    const double upper = r.number("upper");
    out = built(r, [&] { return erased(distribution::truncated_normal(mean, sd, lower, upper)); });
  } else if (kind == "lognormal") {
    // Either as the literature states it (log_mean, log_sd) or by its own mean and sd.
    if (r.has("log_mean") || r.has("log_sd")) {
      const double mu = r.number("log_mean");
      const double sigma = r.number("log_sd");
      out = built(r, [&] { return erased(distribution::lognormal(mu, sigma)); });
    } else {
      const double mean = r.number("mean");
      const double sd = r.number("sd");
      out = built(r, [&] { return erased(distribution::lognormal::from_mean_sd(mean, sd)); });
    }
  } else if (kind == "triangular") {
    const double lower = r.number("lower");
    const double mode = r.number("mode");
    const double upper = r.number("upper");
    out = built(r, [&] { return erased(distribution::triangular(lower, mode, upper)); });
  } else if (kind == "beta") {
    const double alpha = r.number("alpha");
    const double beta = r.number("beta");
    const double lower = r.number_or("lower", 0.0);
    const double upper = r.number_or("upper", 1.0);
    out = built(r, [&] { return erased(distribution::beta(alpha, beta, lower, upper)); });
  } else {
    auto numbers = [&](const std::string& key) {
      const auto list = r[key];
      if (!list.is_array() || list.size() == 0) list.fail("must be a list of numbers");
      std::vector<double> v;
      for (std::size_t i = 0; i < list.size(); ++i) v.push_back(list.element(i).number());
      return v;
    };
    const auto values = numbers("values");
    const auto weights = r.has("weights") ? numbers("weights") : std::vector<double>{};
    out = built(r, [&] { return erased(distribution::discrete(values, weights)); });
  }
  r.finish("a " + kind + " distribution");
  return out;
}

}  // namespace detail

namespace detail {
/// One outcome of an ensemble section's "outcomes" list: {"kind": "area_below", "variable": "D",
/// "level": 100, "name": "standard_lost"}, the kinds and fields of goaldrift/outcome.hpp.
inline outcome::outcome read_outcome(const json_reader& at) {
  at.require_object("an outcome (an object with a \"kind\")");
  const std::string kind =
      at["kind"].choice({"final_value", "value_at", "mean_over", "minimum_over", "maximum_over", "first_below",
                         "first_below_fraction_of_start", "max_drawdown", "final_gap", "area_below", "final_loss",
                         "cumulative_loss"});
  auto variable = [&] { return at.text("variable"); };
  try {
    std::optional<outcome::outcome> made;
    if (kind == "final_value") made = outcome::final_value(variable());
    if (kind == "value_at") made = outcome::value_at(variable(), at.number("time"));
    if (kind == "mean_over") made = outcome::mean_over(variable(), at.number("from"), at.number("to"));
    if (kind == "minimum_over") made = outcome::minimum_over(variable(), at.number("from"), at.number("to"));
    if (kind == "maximum_over") made = outcome::maximum_over(variable(), at.number("from"), at.number("to"));
    if (kind == "first_below") made = outcome::first_below(variable(), at.number("level"));
    if (kind == "first_below_fraction_of_start") {
      made = outcome::first_below_fraction_of_start(variable(), at.number("fraction"));
    }
    if (kind == "max_drawdown") made = outcome::max_drawdown(variable());
    if (kind == "final_gap") made = outcome::final_gap(at.text_or("minuend", "D"), at.text_or("subtrahend", "S"));
    if (kind == "area_below") made = outcome::area_below(variable(), at.number("level"));
    if (kind == "final_loss") made = outcome::final_loss(variable());
    if (kind == "cumulative_loss") made = outcome::cumulative_loss(variable());
    if (at.has("name")) made = made->named(at["name"].text());
    at.finish("a " + kind + " outcome");
    return *made;
  } catch (const invalid_parameter& e) {
    at.fail(e.what());
  }
}
}  // namespace detail

/// The study and options of `file`'s "ensemble" section (an error if it has none). Relative
/// member-table paths are read from the file's directory.
inline ensemble_plan read_ensemble(const model_file& file) {
  if (file.ensemble.is_null()) {
    throw model_file_error(file.source, "/ensemble", "is missing: the file describes no ensemble");
  }
  const detail::json_reader r(file.ensemble, file.source, "/ensemble");
  r.require_object("the ensemble's options");
  ensemble_plan plan{nullptr, ensemble::study<runtime::model>(file.model), ensemble::options{}};
  auto& o = plan.options;
  if (r.has("member_table")) {
    const auto at = r["member_table"];
    std::filesystem::path path = at.text();
    if (path.is_relative()) path = file.directory / path;
    try {
      plan.table = std::make_shared<const ensemble::member_table>(ensemble::member_table::read_csv(path.string()));
    } catch (const error& e) {
      at.fail(e.what());
    }
    for (const auto& column : plan.table->columns()) {
      try {
        plan.study.from_table(*plan.table, column);
      } catch (const invalid_parameter& e) {
        at.fail("column " + io::quote_excerpt(column) + ": " + e.what());
      }
    }
  }
  o.members = r.has("members") ? r["members"].whole(1, std::uint64_t(1) << 53) : (plan.table ? 0 : 1000);
  o.seed = r.has("seed") ? r["seed"].whole(0, ~std::uint64_t(0)) : 0;
  if (r.has("design")) {
    o.sampling = r["design"].choice({"independent", "latin_hypercube"}) == "latin_hypercube"
                     ? ensemble::design::latin_hypercube
                     : ensemble::design::independent;
  }
  if (r.has("vary")) {
    const auto vary = r["vary"];
    vary.require_object("the varied parameters (an object of paths and distributions)");
    for (const auto& item : vary.value().items()) {
      const auto at = vary[item.key()];
      // "name": the key of the parameter's random stream and its outcomes column, by default
      // its path (a study written in C++ with accessors names them otherwise)
      const std::string name = at.is_object() ? at.text_or("name", item.key()) : item.key();
      auto d = detail::read_distribution(at);
      try {
        plan.study.vary(name, std::move(d), item.key());
      } catch (const invalid_parameter& e) {
        vary.fail_at(item.key(), e.what());
      }
    }
  }
  if (r.has("variables")) {
    const auto list = r["variables"];
    if (!list.is_array() || list.size() == 0) list.fail("must be a list of variable names");
    o.variables.clear();
    for (std::size_t i = 0; i < list.size(); ++i) o.variables.push_back(list.element(i).text());
  }
  if (r.has("quantiles")) {
    const auto list = r["quantiles"];
    if (!list.is_array() || list.size() == 0) list.fail("must be a list of levels in (0, 1)");
    o.quantiles.clear();
    for (std::size_t i = 0; i < list.size(); ++i) o.quantiles.push_back(list.element(i).number());
  }
  if (r.has("outcomes")) {
    const auto list = r["outcomes"];
    if (!list.is_array() || list.size() == 0) list.fail("must be a list of outcomes");
    for (std::size_t i = 0; i < list.size(); ++i) o.outcomes.push_back(detail::read_outcome(list.element(i)));
  }
  o.compression = r.number_or("compression", o.compression);
  o.threshold_fraction = r.number_or("threshold_fraction", o.threshold_fraction);
  if (r.has("reduction_block")) o.reduction_block = r["reduction_block"].whole(1, std::uint64_t(1) << 40);
  if (r.has("failures")) {
    o.failures = r["failures"].choice({"record", "stop"}) == "stop" ? ensemble::on_failure::stop : ensemble::on_failure::record;
  }
  o.keep_outcomes = r.flag_or("keep_outcomes", o.keep_outcomes);
  if (r.has("threads")) o.threads = static_cast<unsigned>(r["threads"].whole(0, 4096));
  r.finish("the ensemble's options");
  return plan;
}

/// Runs the plan with the file's run options and method.
inline ensemble::result run_ensemble(const model_file& file, const ensemble_plan& plan) {
  if (file.method == "euler") return ensemble::run(plan.study, file.run, plan.options, method::euler{});
  if (file.method == "dopri5") return ensemble::run(plan.study, file.run, plan.options, method::dopri5{});
  return ensemble::run(plan.study, file.run, plan.options, method::rk4{});
}

}  // namespace goaldrift::runtime

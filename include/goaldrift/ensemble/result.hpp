// What an ensemble run produces: summaries per save time, per-member outcomes, failures, CSV.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "../detail/format.hpp"
#include "../detail/names.hpp"
#include "../error.hpp"
#include "detail/bytes.hpp"
#include "streaming_summary.hpp"

namespace goaldrift::ensemble {

/// A member that was left out of the summaries, and why.
struct failure {
  std::size_t member = 0;
  /// The study's seed: with the member index it reproduces the member exactly.
  std::uint64_t seed = 0;
  /// The member's parameter values, in the order of result::parameter_names().
  std::vector<double> parameters;
  /// When it failed: the run's start for invalid parameters, the time of the step otherwise.
  double time = 0.0;
  std::string reason;
};

/// Writes a failure exactly (member, seed, parameters, time, reason), for shipping it between
/// processes; read_failure reads it back. See detail/bytes.hpp for the byte format.
inline void write(detail::byte_writer& out, const failure& f) {
  out.put(f.member);
  out.put(f.seed);
  out.put(f.parameters);
  out.put(f.time);
  out.put(f.reason);
}

/// Reads a failure that write wrote, field for field. Values are taken as written (a failure
/// may record parameters that are not finite); a truncated buffer throws invalid_parameter.
inline failure read_failure(detail::byte_reader& in) {
  failure f;
  f.member = in.read_size();
  f.seed = in.read_uint64();
  f.parameters = in.read_doubles();
  f.time = in.read_double();
  f.reason = in.read_string();
  return f;
}

/// The exact quantile of sorted values by linear interpolation between order statistics
/// (Hyndman and Fan's type 7, the default of R and NumPy). NaN for no values. Infinite values
/// (first_below_<v> of a member that never crossed) are order statistics like any other: a
/// quantile that falls on one, or between a finite one and +inf, is +inf, and one that falls
/// exactly on a finite value is that value (interpolating would compute 0 * inf = NaN); -inf
/// likewise.
inline double exact_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = h - static_cast<double>(lo);
  if (frac == 0.0 || sorted[lo] == sorted[hi] || std::isinf(sorted[lo])) return sorted[lo];
  if (std::isinf(sorted[hi])) return sorted[hi];
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/// The result of ensemble::run. Summaries are streaming (memory independent of the number of
/// members); per-member outcomes are kept exactly, one value per member and outcome.
class result {
 public:
  result() = default;
  result(std::vector<double> times, std::vector<std::string> variables, std::vector<double> quantiles,
         std::vector<std::string> parameter_names, std::vector<std::string> outcome_names,
         double compression, std::uint64_t seed)
      : times_(std::move(times)),
        variables_(std::move(variables)),
        quantiles_(std::move(quantiles)),
        parameter_names_(std::move(parameter_names)),
        outcome_names_(std::move(outcome_names)),
        seed_(seed),
        summaries_(variables_.size() * times_.size(), streaming_summary(compression)),
        outcomes_(outcome_names_.size()),
        compression_(compression),
        outcome_summaries_(outcome_names_.size(), streaming_summary(compression)),
        member_parameters_(parameter_names_.size()) {}

  /// The save times.
  const std::vector<double>& time() const noexcept { return times_; }
  /// The summarised variables ("S", "P", "D" by default).
  const std::vector<std::string>& variables() const noexcept { return variables_; }
  /// The quantile levels reported by statistics() and the CSV files.
  const std::vector<double>& quantile_levels() const noexcept { return quantiles_; }
  const std::vector<std::string>& parameter_names() const noexcept { return parameter_names_; }
  std::uint64_t seed() const noexcept { return seed_; }

  /// Members asked for, members summarised, members that failed.
  std::size_t members() const noexcept { return members_; }
  std::size_t succeeded() const noexcept { return succeeded_; }
  std::size_t failed() const noexcept { return failures_.size(); }
  /// True when a progress callback stopped the run: the results then cover the first
  /// members_completed() members only.
  bool cancelled() const noexcept { return cancelled_; }
  std::size_t members_completed() const noexcept { return completed_; }
  const std::vector<failure>& failures() const noexcept { return failures_; }
  /// What the run had to do differently from what was asked, in sentences (fewer worker
  /// threads than asked, when the system could not start them all). Results never depend on it.
  const std::vector<std::string>& notes() const noexcept { return notes_; }

  /// The summary of `variable` at save point `save`.
  const streaming_summary& summary(const std::string& variable, std::size_t save) const {
    const std::size_t v = variable_index(variable);
    if (save >= times_.size()) {
      throw invalid_parameter("goaldrift::ensemble::result", "save",
                              "must be below the number of save times (" + std::to_string(times_.size()) + ")",
                              std::to_string(save));
    }
    return summaries_[v * times_.size() + save];
  }

  /// One statistic of a variable over time: "count", "mean", "variance", "sd", "min", "max",
  /// "median", or "q<level>" for a quantile level, e.g. "q0.05".
  std::vector<double> series(const std::string& variable, const std::string& statistic) const {
    std::vector<double> out;
    for (std::size_t j = 0; j < times_.size(); ++j) {
      out.push_back(statistic_of(summary(variable, j), statistic));
    }
    return out;
  }

  /// The statistics written to CSV, in order: count, mean, variance, sd, min, max, median, then
  /// each quantile level asked for. The median is always there, whatever the levels; when 0.5
  /// is one of them, "q0.5" repeats it (the same value, for tools that look columns up by level).
  std::vector<std::string> statistics() const {
    std::vector<std::string> names{"count", "mean", "variance", "sd", "min", "max", "median"};
    for (double q : quantiles_) names.push_back(quantile_name(q));
    return names;
  }

  /// Per-member outcomes, one value per summarised member (in member order): "final_<v>" for
  /// every variable, and for the first variable "first_below_<v>" (the first time it fell
  /// below the threshold, interpolated between save points; +inf if it never did),
  /// "final_loss_<v>" (start minus end) and "cumulative_loss_<v>" (the integral of start minus
  /// value over the run, trapezoidal on the save grid).
  const std::vector<std::string>& outcome_names() const noexcept { return outcome_names_; }
  /// The streaming summary of an outcome over the summarised members whose value of it is
  /// finite: first_below_<v> is +inf for a member that never fell below, so succeeded() -
  /// outcome_summary(name).count() members never did. Built during the run when it keeps no
  /// per-member outcomes, and from the kept values otherwise, in the same blocks of members
  /// and the same order, so that it has the same bits either way.
  streaming_summary outcome_summary(const std::string& name) const {
    const std::size_t k = index_of(outcome_names_, name, "outcome");
    if (!outcomes_kept_) return outcome_summaries_[k];
    streaming_summary total(compression_), block(compression_);
    bool open = false;
    std::size_t current = 0;
    for (std::size_t i = 0; i < member_index_.size(); ++i) {
      const std::size_t b = member_index_[i] / reduction_block_;
      if (!open || b != current) {
        if (open) total.merge(block);
        block = streaming_summary(compression_);
        current = b;
        open = true;
      }
      const double v = outcomes_[k][i];
      if (std::isfinite(v)) block.add(v);
    }
    if (open) total.merge(block);
    return total;
  }
  const std::vector<double>& outcome(const std::string& name) const {
    return outcomes_[index_of(outcome_names_, name, "outcome")];
  }
  /// Which member each outcome value belongs to (empty when options::keep_outcomes is off).
  const std::vector<std::size_t>& outcome_members() const noexcept { return member_index_; }
  /// A summarised member's value of a parameter (in member order, like outcome()).
  const std::vector<double>& member_parameter(const std::string& name) const {
    return member_parameters_[index_of(parameter_names_, name, "parameter")];
  }
  /// The exact quantile of an outcome over the summarised members (type 7).
  double outcome_quantile(const std::string& name, double q) const {
    if (!(q >= 0.0 && q <= 1.0)) {
      throw invalid_parameter("goaldrift::ensemble::result", "q", "must lie in [0, 1]", q);
    }
    auto values = outcome(name);
    std::sort(values.begin(), values.end());
    return exact_quantile(values, q);
  }
  /// The share of summarised members whose outcome satisfies `predicate`.
  template <class Predicate>
  double share(const std::string& name, Predicate predicate) const {
    const auto& values = outcome(name);
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto n = std::count_if(values.begin(), values.end(), predicate);
    return static_cast<double>(n) / static_cast<double>(values.size());
  }

  /// Tidy CSV: one row per time, variable and statistic: "time,variable,statistic,value". In
  /// every CSV file a name is quoted when it must be to read back as one field (a comma, a
  /// quote, a line break, or spaces at its ends: see goaldrift::detail::append_csv_field).
  void write_tidy_csv(std::ostream& os) const {
    os << "time,variable,statistic,value\n";
    const auto stats = statistics();
    std::string line;
    for (std::size_t j = 0; j < times_.size(); ++j) {
      for (const auto& v : variables_) {
        for (const auto& s : stats) {
          line.clear();
          goaldrift::detail::append_number(line, times_[j]);
          line += ',';
          goaldrift::detail::append_csv_field(line, v);
          line += ',';
          goaldrift::detail::append_csv_field(line, s);
          line += ',';
          goaldrift::detail::append_number(line, statistic_of(summary(v, j), s));
          os << line << '\n';
        }
      }
    }
  }

  /// Wide CSV: one row per time, one column per variable and statistic ("S.mean", "S.q0.05").
  void write_wide_csv(std::ostream& os) const {
    const auto stats = statistics();
    std::string line = "time";
    for (const auto& v : variables_) {
      for (const auto& s : stats) {
        line += ',';
        goaldrift::detail::append_csv_field(line, v + "." + s);
      }
    }
    os << line << '\n';
    for (std::size_t j = 0; j < times_.size(); ++j) {
      line.clear();
      goaldrift::detail::append_number(line, times_[j]);
      for (const auto& v : variables_) {
        for (const auto& s : stats) {
          line += ',';
          goaldrift::detail::append_number(line, statistic_of(summary(v, j), s));
        }
      }
      os << line << '\n';
    }
  }

  /// One row per member in member order: "member,status,<parameters>,<outcomes>,failed_at,reason".
  /// Failed members have status "failed", empty outcomes and the time and reason; a parameter
  /// a failed member never got (its sampling itself failed) is an empty field, so every row has
  /// the header's columns.
  void write_outcomes_csv(std::ostream& os) const {
    std::string line = "member,status";
    for (const auto& p : parameter_names_) {
      line += ',';
      goaldrift::detail::append_csv_field(line, p);
    }
    for (const auto& o : outcome_names_) {
      line += ',';
      goaldrift::detail::append_csv_field(line, o);
    }
    os << line << ",failed_at,reason\n";
    std::size_t ok = 0;
    std::size_t bad = 0;
    while (ok < member_index_.size() || bad < failures_.size()) {
      const bool take_ok = bad == failures_.size() ||
                           (ok < member_index_.size() && member_index_[ok] < failures_[bad].member);
      line.clear();
      if (take_ok) {
        line += std::to_string(member_index_[ok]) + ",ok";
        for (const auto& column : member_parameters_) append_field(line, column[ok]);
        for (const auto& column : outcomes_) append_field(line, column[ok]);
        line += ",,";
        ++ok;
      } else {
        const auto& f = failures_[bad];
        line += std::to_string(f.member) + ",failed";
        for (std::size_t k = 0; k < parameter_names_.size(); ++k) {
          if (k < f.parameters.size()) {
            append_field(line, f.parameters[k]);
          } else {
            line += ',';
          }
        }
        line += std::string(outcome_names_.size(), ',');
        append_field(line, f.time);
        line += ',';
        goaldrift::detail::append_quoted_csv_field(line, f.reason);
        ++bad;
      }
      os << line << '\n';
    }
  }

  void write_tidy_csv(const std::string& path) const { write_file(path, [&](std::ostream& os) { write_tidy_csv(os); }); }
  void write_wide_csv(const std::string& path) const { write_file(path, [&](std::ostream& os) { write_wide_csv(os); }); }
  void write_outcomes_csv(const std::string& path) const {
    write_file(path, [&](std::ostream& os) { write_outcomes_csv(os); });
  }

  static std::string quantile_name(double q) { return "q" + goaldrift::detail::format_number(q); }

  // Filled by ensemble::run, in member order.
  std::vector<streaming_summary>& mutable_summaries() noexcept { return summaries_; }
  std::vector<streaming_summary>& mutable_outcome_summaries() noexcept { return outcome_summaries_; }
  /// Whether per-member outcomes are kept (then outcome_summary() is built from them), and the
  /// members summarised together during the run.
  void set_outcome_keeping(bool kept, std::size_t reduction_block) {
    outcomes_kept_ = kept;
    reduction_block_ = reduction_block == 0 ? 1 : reduction_block;
  }
  void count_member() noexcept { ++succeeded_; }
  void add_member(std::size_t member, const std::vector<double>& parameters, const std::vector<double>& outcomes) {
    ++succeeded_;
    member_index_.push_back(member);
    for (std::size_t i = 0; i < parameters.size(); ++i) member_parameters_[i].push_back(parameters[i]);
    for (std::size_t i = 0; i < outcomes.size(); ++i) outcomes_[i].push_back(outcomes[i]);
  }
  void add_failure(failure f) { failures_.push_back(std::move(f)); }
  void add_note(std::string note) { notes_.push_back(std::move(note)); }
  void set_counts(std::size_t members, std::size_t completed, bool was_cancelled) {
    members_ = members;
    completed_ = completed;
    cancelled_ = was_cancelled;
  }

 private:
  std::size_t variable_index(const std::string& name) const { return index_of(variables_, name, "variable"); }

  static std::size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* what) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i;
    throw error(std::string("goaldrift::ensemble::result: no ") + what + " " + io::quote_excerpt(name) +
                goaldrift::detail::closest_hint(names, name) + "; there are: " + goaldrift::detail::name_list(names));
  }

  double statistic_of(const streaming_summary& s, const std::string& statistic) const {
    if (statistic == "count") return static_cast<double>(s.count());
    if (statistic == "mean") return s.mean();
    if (statistic == "variance") return s.variance();
    if (statistic == "sd") return s.sd();
    if (statistic == "min") return s.min();
    if (statistic == "max") return s.max();
    if (statistic == "median") return s.quantile(0.5);
    for (double q : quantiles_)
      if (statistic == quantile_name(q)) return s.quantile(q);
    throw error("goaldrift::ensemble::result: no statistic '" + statistic +
                "'; there are count, mean, variance, sd, min, max, median and q<level> for each quantile level asked for");
  }

  static void append_field(std::string& line, double v) {
    line += ',';
    goaldrift::detail::append_number(line, v);
  }
  template <class Write>
  static void write_file(const std::string& path, Write write) {
    std::ofstream f(path);
    if (!f) throw error("goaldrift::ensemble::result: cannot open '" + path + "' for writing");
    write(f);
    f.flush();
    if (!f) throw error("goaldrift::ensemble::result: writing '" + path + "' failed");
  }

  std::vector<double> times_;
  std::vector<std::string> variables_;
  std::vector<double> quantiles_;
  std::vector<std::string> parameter_names_;
  std::vector<std::string> outcome_names_;
  std::uint64_t seed_ = 0;
  std::vector<streaming_summary> summaries_;  // [variable][save]
  std::vector<std::vector<double>> outcomes_;  // [outcome][summarised member]
  double compression_ = 200.0;
  std::vector<streaming_summary> outcome_summaries_;  // [outcome], finite values only, when not kept
  bool outcomes_kept_ = false;
  std::size_t reduction_block_ = 1;
  std::vector<std::vector<double>> member_parameters_;  // [parameter][summarised member]
  std::vector<std::size_t> member_index_;
  std::vector<failure> failures_;
  std::size_t members_ = 0;
  std::size_t succeeded_ = 0;
  std::size_t completed_ = 0;
  bool cancelled_ = false;
  std::vector<std::string> notes_;
};

}  // namespace goaldrift::ensemble

// Outcomes: named numbers computed from one run (one ensemble member) at its save times, with a
// fixed amount of memory per member. Built-ins for the usual questions; write your own with
// three member functions.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/format.hpp"
#include "detail/validate.hpp"
#include "error.hpp"
#include "trajectory.hpp"

namespace goaldrift::outcome {

/// An outcome's accumulator sees a run as the values of its variables at the run's save times,
/// in order, the first at the run's start. Between save times a variable is taken to move in a
/// straight line, so a threshold crossing, a window's edges and an area are interpolated;
/// saving more often (run_options::saving_every) makes every outcome finer.
///
/// Write your own as a class with
///   void reset();                              // before each run
///   void add(double t, const double* values);  // at each save time: values[k] is variables[k]
///   double value() const;                      // after the last save time
/// and optionally `void check(double start, double end) const`, which refuses (throwing
/// goaldrift::invalid_parameter) a run it cannot answer for, before any run starts. Pass it to
/// outcome::custom(name, {variables...}, accumulator). Its state is copied once per worker and
/// reset for each member, so it should hold a fixed amount, not the run's values.
class outcome {
 public:
  /// The type-erased accumulator the ensemble runner drives.
  struct accumulator {
    virtual ~accumulator() = default;
    /// The outcome of one run whose variable k at save j is values[j * stride + columns[k]].
    virtual double of(const double* times, std::size_t saves, const double* values, std::size_t stride,
                      const std::size_t* columns) = 0;
    virtual void check(double start, double end) const = 0;
    virtual std::unique_ptr<accumulator> clone() const = 0;
  };

  template <class Accumulator>
  outcome(std::string name, std::vector<std::string> variables, Accumulator prototype)
      : name_(std::move(name)),
        variables_(std::move(variables)),
        prototype_(std::make_shared<model<Accumulator>>(std::move(prototype), variables_.size())) {
    require_name(name_);
    if (variables_.empty()) {
      throw invalid_parameter(component, "variables", "must name at least one variable", name_);
    }
  }

  /// The column name: in per-member CSVs, result::outcome(name), summaries.
  const std::string& name() const noexcept { return name_; }
  /// The variables it reads, by name (observed quantities such as S, P, D, or state variables).
  const std::vector<std::string>& variables() const noexcept { return variables_; }
  /// The same outcome under another name.
  outcome named(std::string new_name) const {
    require_name(new_name);
    outcome o = *this;
    o.name_ = std::move(new_name);
    return o;
  }

  /// Refuses a run from `start` to `end` it cannot answer for (a time outside it), by name.
  void check(double start, double end) const { prototype_->check(start, end); }
  /// A fresh accumulator of its own (one per worker thread).
  std::unique_ptr<accumulator> make_accumulator() const { return prototype_->clone(); }

  /// The outcome of one trajectory (simulate()'s result), which must record its variables.
  double of(const trajectory& run) const {
    const auto& times = run.time();
    if (times.empty()) {
      throw invalid_parameter(component, "trajectory", "must hold at least one save time", name_);
    }
    check(times.front(), times.back());
    const std::size_t nv = variables_.size();
    std::vector<double> values(times.size() * nv);
    std::vector<std::size_t> columns(nv);
    for (std::size_t k = 0; k < nv; ++k) {
      if (!run.contains(variables_[k])) {
        throw invalid_parameter(component, "variables",
                                "must be recorded in the trajectory (" + goaldrift::detail::name_list(run.names()) + ")" +
                                    goaldrift::detail::closest_hint(run.names(), variables_[k]),
                                variables_[k]);
      }
      const auto& column = run[variables_[k]];
      for (std::size_t j = 0; j < times.size(); ++j) values[j * nv + k] = column[j];
      columns[k] = k;
    }
    return make_accumulator()->of(times.data(), times.size(), values.data(), nv, columns.data());
  }

  static constexpr const char* component = "goaldrift::outcome";

 private:
  static void require_name(const std::string& name) {
    if (name.empty()) {
      throw invalid_parameter(component, "name", "must not be empty (it names the outcome's column)", "\"\"");
    }
  }

  template <class A>
  struct has_check {
    template <class X>
    static auto test(int) -> decltype(std::declval<const X&>().check(0.0, 0.0), std::true_type{});
    template <class>
    static std::false_type test(...);
    static constexpr bool value = decltype(test<A>(0))::value;
  };

  template <class Accumulator>
  struct model final : accumulator {
    Accumulator a;
    std::vector<double> row;  // one save's values of the outcome's variables
    model(Accumulator acc, std::size_t variables) : a(std::move(acc)), row(variables) {}
    double of(const double* times, std::size_t saves, const double* values, std::size_t stride,
              const std::size_t* columns) override {
      a.reset();
      const std::size_t nv = row.size();
      for (std::size_t j = 0; j < saves; ++j) {
        const double* at = values + j * stride;
        for (std::size_t k = 0; k < nv; ++k) row[k] = at[columns[k]];
        a.add(times[j], row.data());
      }
      return a.value();
    }
    void check(double start, double end) const override {
      if constexpr (has_check<Accumulator>::value) a.check(start, end);
    }
    std::unique_ptr<accumulator> clone() const override { return std::make_unique<model>(*this); }
  };

  std::string name_;
  std::vector<std::string> variables_;
  std::shared_ptr<const accumulator> prototype_;
};

/// An outcome of your own (see outcome above for what `accumulator` must have).
template <class Accumulator>
outcome custom(std::string name, std::vector<std::string> variables, Accumulator accumulator) {
  return outcome(std::move(name), std::move(variables), std::move(accumulator));
}

namespace detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

// Refuses a time of an outcome outside the run [start, end].
inline void require_within_run(const char* outcome_kind, const char* parameter, double t, double start, double end) {
  if (!(t >= start && t <= end)) {
    throw invalid_parameter(outcome_kind, parameter,
                            "must lie within the run, [" + goaldrift::detail::format_number(start) + ", " +
                                goaldrift::detail::format_number(end) + "]",
                            t);
  }
}

// The straight line through (t0, v0) and (t1, v1) at t (t0 < t1).
inline double between(double t0, double v0, double t1, double v1, double t) {
  return v0 + (v1 - v0) * ((t - t0) / (t1 - t0));
}

// Tracks the previous save of a one-variable series.
struct previous {
  double t = 0.0, v = 0.0;
  bool any = false;
};

struct final_value_of {
  double last = std::numeric_limits<double>::quiet_NaN();
  void reset() { last = std::numeric_limits<double>::quiet_NaN(); }
  void add(double, const double* v) { last = v[0]; }
  double value() const { return last; }
};

struct value_at_time {
  static constexpr const char* kind = "goaldrift::outcome::value_at";
  double when;
  previous p;
  double found = std::numeric_limits<double>::quiet_NaN();
  void reset() {
    p = {};
    found = std::numeric_limits<double>::quiet_NaN();
  }
  void add(double t, const double* v) {
    if (t == when) {
      found = v[0];
    } else if (p.any && p.t < when && when < t) {
      found = between(p.t, p.v, t, v[0], when);
    }
    p = {t, v[0], true};
  }
  double value() const { return found; }
  void check(double start, double end) const { require_within_run(kind, "time", when, start, end); }
};

// The integral over [from, to] of a series taken as straight lines between saves (the
// trapezoid rule, with the window's edges interpolated).
struct window_integral {
  double from, to;
  previous p;
  double area = 0.0;
  void reset() {
    p = {};
    area = 0.0;
  }
  void add(double t, double v) {
    if (p.any && t > from && p.t < to) {
      const double a = std::max(p.t, from), b = std::min(t, to);
      const double va = a == p.t ? p.v : between(p.t, p.v, t, v, a);
      const double vb = b == t ? v : between(p.t, p.v, t, v, b);
      area += 0.5 * (va + vb) * (b - a);
    }
    p = {t, v, true};
  }
};

struct mean_over_window {
  static constexpr const char* kind = "goaldrift::outcome::mean_over";
  window_integral integral;
  void reset() { integral.reset(); }
  void add(double t, const double* v) { integral.add(t, v[0]); }
  double value() const { return integral.area / (integral.to - integral.from); }
  void check(double start, double end) const {
    require_within_run(kind, "from", integral.from, start, end);
    require_within_run(kind, "to", integral.to, start, end);
  }
};

// The least (sign 1) or greatest (sign -1) value over [from, to], the window's edges included.
struct extreme_over_window {
  const char* kind;
  double from, to, sign;
  previous p;
  double best = infinity;
  void reset() {
    p = {};
    best = infinity;
  }
  void consider(double v) { best = std::min(best, sign * v); }
  void add(double t, const double* v) {
    if (t >= from && t <= to) consider(v[0]);
    if (p.any) {
      if (p.t < from && from < t) consider(between(p.t, p.v, t, v[0], from));
      if (p.t < to && to < t) consider(between(p.t, p.v, t, v[0], to));
    }
    p = {t, v[0], true};
  }
  double value() const { return sign * best; }
  void check(double start, double end) const {
    require_within_run(kind, "from", from, start, end);
    require_within_run(kind, "to", to, start, end);
  }
};

// The first time the series is below `level` (or below fraction * its first value).
struct first_below_level {
  double level;
  bool relative;  // level is a fraction of the first value
  previous p;
  double threshold = 0.0;
  double when = infinity;
  void reset() {
    p = {};
    when = infinity;
  }
  void add(double t, const double* v) {
    const double x = v[0];
    if (!p.any) threshold = relative ? level * x : level;
    if (when == infinity && x < threshold) {
      when = p.any ? p.t + (threshold - p.v) / (x - p.v) * (t - p.t) : t;
    }
    p = {t, x, true};
  }
  double value() const { return when; }
};

struct largest_drawdown {
  double peak = -infinity, drawdown = 0.0;
  void reset() {
    peak = -infinity;
    drawdown = 0.0;
  }
  void add(double, const double* v) {
    peak = std::max(peak, v[0]);
    drawdown = std::max(drawdown, peak - v[0]);
  }
  double value() const { return drawdown; }
};

struct final_difference {
  double last = std::numeric_limits<double>::quiet_NaN();
  void reset() { last = std::numeric_limits<double>::quiet_NaN(); }
  void add(double, const double* v) { last = v[0] - v[1]; }
  double value() const { return last; }
};

// The integral over the run of max(0, level - v), v a straight line between saves: the area
// where the series is below the level, its crossings interpolated.
struct area_below_level {
  double level;
  previous p;
  double area = 0.0;
  void reset() {
    p = {};
    area = 0.0;
  }
  void add(double t, const double* v) {
    const double x = v[0];
    if (p.any) {
      const double g0 = level - p.v, g1 = level - x;  // shortfalls at the two ends
      const double dt = t - p.t;
      if (g0 >= 0.0 && g1 >= 0.0) {
        area += 0.5 * (g0 + g1) * dt;
      } else if (g0 > 0.0 || g1 > 0.0) {  // one crossing: only the triangle below the level
        const double positive = g0 > 0.0 ? g0 : g1;
        area += 0.5 * positive * (positive / (g0 > 0.0 ? g0 - g1 : g1 - g0)) * dt;
      }
    }
    p = {t, x, true};
  }
  double value() const { return area; }
};

// start - final value of a series.
struct loss_from_first {
  double first = 0.0, last = 0.0;
  bool any = false;
  void reset() { any = false; }
  void add(double, const double* v) {
    if (!any) first = v[0];
    last = v[0];
    any = true;
  }
  double value() const { return first - last; }
};

// The integral of (first value - v) over the run, by the trapezoid rule between saves.
struct cumulative_loss_from_first {
  double first = 0.0, area = 0.0;
  previous p;
  void reset() {
    p = {};
    area = 0.0;
  }
  void add(double t, const double* v) {
    if (!p.any) {
      first = v[0];
    } else {
      area += 0.5 * ((first - p.v) + (first - v[0])) * (t - p.t);
    }
    p = {t, v[0], true};
  }
  double value() const { return area; }
};

inline std::string number_in_name(double x) { return goaldrift::detail::format_number(x); }

}  // namespace detail

/// The variable's value at the end of the run: "final_<variable>".
inline outcome final_value(const std::string& variable) {
  return outcome("final_" + variable, {variable}, detail::final_value_of{});
}

/// The variable's value at `time` (between save times, on the straight line between them):
/// "<variable>_at_<time>". `time` must lie within the run.
inline outcome value_at(const std::string& variable, double time) {
  goaldrift::detail::require_finite("goaldrift::outcome::value_at", "time", time);
  return outcome(variable + "_at_" + detail::number_in_name(time), {variable}, detail::value_at_time{time, {}, 0.0});
}

/// The time-weighted mean of the variable over [from, to] (the integral of the straight lines
/// between saves, divided by to - from): "mean_<variable>_<from>_<to>".
inline outcome mean_over(const std::string& variable, double from, double to) {
  constexpr const char* kind = "goaldrift::outcome::mean_over";
  goaldrift::detail::require_finite(kind, "from", from);
  goaldrift::detail::require_finite(kind, "to", to);
  if (!(from < to)) {
    throw invalid_parameter(kind, "to", "must be later than from (" + detail::number_in_name(from) + ")", to);
  }
  return outcome("mean_" + variable + "_" + detail::number_in_name(from) + "_" + detail::number_in_name(to), {variable},
                 detail::mean_over_window{{from, to, {}, 0.0}});
}

namespace detail {
inline outcome extreme(const char* kind, const char* prefix, double sign, const std::string& variable, double from,
                       double to) {
  goaldrift::detail::require_finite(kind, "from", from);
  goaldrift::detail::require_finite(kind, "to", to);
  if (!(from <= to)) {
    throw invalid_parameter(kind, "to", "must not be earlier than from (" + number_in_name(from) + ")", to);
  }
  return outcome(std::string(prefix) + variable + "_" + number_in_name(from) + "_" + number_in_name(to), {variable},
                 extreme_over_window{kind, from, to, sign, {}, infinity});
}
}  // namespace detail

/// The least value of the variable over [from, to], at save times and at the window's edges:
/// "min_<variable>_<from>_<to>".
inline outcome minimum_over(const std::string& variable, double from, double to) {
  return detail::extreme("goaldrift::outcome::minimum_over", "min_", 1.0, variable, from, to);
}
/// The greatest value of the variable over [from, to]: "max_<variable>_<from>_<to>".
inline outcome maximum_over(const std::string& variable, double from, double to) {
  return detail::extreme("goaldrift::outcome::maximum_over", "max_", -1.0, variable, from, to);
}

/// The first time the variable is below `level`, on the straight line between the saves either
/// side of the crossing (the run's start if it starts below; +inf if it never falls below):
/// "first_below_<variable>_<level>".
inline outcome first_below(const std::string& variable, double level) {
  goaldrift::detail::require_finite("goaldrift::outcome::first_below", "level", level);
  return outcome("first_below_" + variable + "_" + detail::number_in_name(level), {variable},
                 detail::first_below_level{level, false, {}, 0.0, detail::infinity});
}
/// The first time the variable is below `fraction` of its value at the start: "first_below_<variable>".
inline outcome first_below_fraction_of_start(const std::string& variable, double fraction) {
  constexpr const char* kind = "goaldrift::outcome::first_below_fraction_of_start";
  if (!(std::fabs(fraction) <= 1e6)) {
    throw invalid_parameter(kind, "fraction", "must be finite and within [-1e6, 1e6]", fraction);
  }
  return outcome("first_below_" + variable, {variable}, detail::first_below_level{fraction, true, {}, 0.0, detail::infinity});
}

/// The largest fall of the variable from its running maximum (0 if it never falls):
/// "max_drawdown_<variable>".
inline outcome max_drawdown(const std::string& variable) {
  return outcome("max_drawdown_" + variable, {variable}, detail::largest_drawdown{});
}

/// `minuend` - `subtrahend` at the end of the run; by default the final gap between the goal and
/// the actual state, D - S: "final_gap_<minuend>_<subtrahend>".
inline outcome final_gap(const std::string& minuend = "D", const std::string& subtrahend = "S") {
  return outcome("final_gap_" + minuend + "_" + subtrahend, {minuend, subtrahend}, detail::final_difference{});
}

/// The area between a fixed `level` and the variable wherever the variable is below it, over
/// the whole run (crossings interpolated): with the goal D and the standard the goal started
/// from, how much standard was lost, in value x time. "area_below_<variable>_<level>".
inline outcome area_below(const std::string& variable, double level) {
  goaldrift::detail::require_finite("goaldrift::outcome::area_below", "level", level);
  return outcome("area_below_" + variable + "_" + detail::number_in_name(level), {variable},
                 detail::area_below_level{level, {}, 0.0});
}

/// The variable's value at the start minus its final value: "final_loss_<variable>".
inline outcome final_loss(const std::string& variable) {
  return outcome("final_loss_" + variable, {variable}, detail::loss_from_first{});
}
/// The integral over the run of (start value - value), by the trapezoid rule between saves
/// (negative where the variable rose): "cumulative_loss_<variable>".
inline outcome cumulative_loss(const std::string& variable) {
  return outcome("cumulative_loss_" + variable, {variable}, detail::cumulative_loss_from_first{});
}

}  // namespace goaldrift::outcome

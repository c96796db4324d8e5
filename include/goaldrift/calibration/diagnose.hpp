// diagnose(): is this goal eroding? Fits the competing goal policies to a performance series
// (and the stated target, when there is one), compares them by likelihood-ratio test and AIC,
// and says in plain words what the data favour.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "../error.hpp"
#include "../goal/absolute.hpp"
#include "../goal/best_past.hpp"
#include "../goal/floating.hpp"
#include "../goal/slip_only.hpp"
#include "../input/arithmetic.hpp"
#include "../input/sine_wave.hpp"
#include "../io/text.hpp"
#include "../model.hpp"
#include "../perception/instant.hpp"
#include "../state/actual.hpp"
#include "calibrate.hpp"
#include "detail/statistics.hpp"

namespace goaldrift::calibration {

/// The goal policies diagnose() compares.
enum class policy { absolute, floating, slip_only, best_past };

/// The policy's name as diagnose() prints it: "absolute", "floating", "slip-only", "best-past".
inline const char* policy_name(policy p) {
  switch (p) {
    case policy::absolute: return "absolute";
    case policy::floating: return "floating";
    case policy::slip_only: return "slip-only";
    default: return "best-past";
  }
}

/// What diagnose() reads and how it fits.
struct diagnose_options {
  /// The series of performance (the KPI); empty when the data hold only one series.
  std::string performance;
  /// The series of the stated target, if the data hold one.
  std::string target;
  /// The period of a seasonal swing in the pressure (12 for monthly data with a yearly cycle),
  /// or 0 for a steady pressure.
  double seasonal_period = 0.0;
  /// The unit of time, for the verdict ("months").
  std::string time_unit;
  /// Policies whose AIC lies within this of the best are not told apart from it.
  double indifference = 2.0;
  /// The significance level of the verdict's tests: a moving goal is supported where its
  /// likelihood-ratio test rejects the absolute standard at this level.
  double alpha = 0.01;
  /// How each policy is fitted (starts, seed, threads, level of the intervals).
  calibration::options fit;
};

/// One policy fitted to the data.
struct policy_fit {
  calibration::policy policy = calibration::policy::absolute;
  result fit;
  double aic = std::numeric_limits<double>::quiet_NaN();
  /// AIC minus the best policy's.
  double delta_aic = std::numeric_limits<double>::quiet_NaN();
};

/// What diagnose() concluded.
struct diagnosis {
  /// absolute, floating, slip-only, best-past, in that order.
  std::vector<policy_fit> policies;
  /// The policy with the lowest AIC, and whether the data tell it from every other (no other
  /// within options::indifference).
  calibration::policy favoured = calibration::policy::absolute;
  bool decided = false;
  /// The policies the data cannot tell from the favoured one.
  std::vector<calibration::policy> tied;
  /// The likelihood-ratio test of an absolute standard against the best moving goal: the
  /// statistic and its p value (chi-squared(1), halved: the absolute standard sits on the
  /// boundary, goal time infinite).
  double absolute_statistic = std::numeric_limits<double>::quiet_NaN();
  double absolute_p = std::numeric_limits<double>::quiet_NaN();
  /// The favoured moving goal's time (adjustment time, or rise time for best-past) with its
  /// profile interval; NaN for an absolute standard.
  double goal_time = std::numeric_limits<double>::quiet_NaN();
  double goal_time_low = std::numeric_limits<double>::quiet_NaN();
  double goal_time_high = std::numeric_limits<double>::quiet_NaN();
  /// The steady drift of performance and goal, -u ta / (ta + tg) per unit of time, with an
  /// asymptotic (delta-method) interval; for a floating or slip-only goal, NaN otherwise.
  double drift_rate = std::numeric_limits<double>::quiet_NaN();
  double drift_low = std::numeric_limits<double>::quiet_NaN();
  double drift_high = std::numeric_limits<double>::quiet_NaN();
  /// With a stated target: the test of a target that holds against one that follows
  /// performance (the absolute standard against the floating goal, on both series).
  bool has_target = false;
  double target_p = std::numeric_limits<double>::quiet_NaN();
  /// The verdict in plain words.
  std::string verdict;

  const policy_fit& of(calibration::policy p) const { return policies.at(static_cast<std::size_t>(p)); }

  void print(std::ostream& os) const {
    os << "policy      parameters  -2 log L     AIC      delta AIC\n";
    for (const auto& p : policies) {
      os << pad(policy_name(p.policy), 12) << pad(std::to_string(p.fit.estimated), 12)
         << pad(number(-2.0 * p.fit.log_likelihood), 13) << pad(number(p.aic), 9) << number(p.delta_aic) << "\n";
    }
    os << "verdict: " << verdict << "\n";
  }

 private:
  static std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
  }
  static std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    return buffer;
  }
};

namespace detail {

inline constexpr const char* diagnose_component = "goaldrift::calibration::diagnose";

/// A number for a verdict: three significant digits.
inline std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}

/// A p value for a verdict: "p = 0.003", "p < 1e-10".
inline std::string p_text(double p) {
  if (p < 1e-10) return "p < 1e-10";
  return "p = " + short_number(p);
}

/// "14 [9, 23]", or "14 [9, 100)" for an interval open at a bound.
inline std::string short_number_interval(double x, double lo, double hi, bool open_low, bool open_high) {
  return short_number(x) + (open_low ? " (" : " [") + short_number(lo) + ", " + short_number(hi) + (open_high ? ")" : "]");
}

/// "month" for "months".
inline std::string singular(std::string unit) {
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  return unit;
}

inline std::size_t index_of(const result& r, const std::string& path) {
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    if (r.parameters[i].path == path) return i;
  }
  return r.parameters.size();
}

/// The resolution the values were published to: the largest power of ten from 1000 down to
/// 1e-6 of which every value is a whole multiple (0 for none).
inline double resolution(const std::vector<double>& values) {
  for (int e = 3; e >= -6; --e) {
    const double r = std::pow(10.0, e);
    bool whole = true;
    for (double v : values) {
      if (std::isnan(v)) continue;
      const double q = v / r;
      if (std::fabs(q - std::round(q)) > 1e-6 * std::max(1.0, std::fabs(q))) {
        whole = false;
        break;
      }
    }
    if (whole) return r;
  }
  return 0.0;
}

/// The model each policy is fitted with: S' = (D - S) / ta - u(t), performance perceived as it
/// is, u(t) = u0 + a sin(2 pi t / period) + b cos(2 pi t / period).
template <class T, class Goal>
auto diagnose_model(Goal goal, double period) {
  auto pressure = input::sine_wave<T>(T(0.0), T(0.0), period) + input::sine_wave<T>(T(0.0), T(0.0), period, -0.25 * period);
  return make_model(state::actual(T(100.0), T(1.0)), perception::instant<T>(), std::move(goal), std::move(pressure));
}

/// The bounds and starts diagnose() fits within, from the data's scale.
struct data_scale {
  double first = 0.0;  // the first observed performance
  double low = 0.0;    // the lowest and highest
  double high = 0.0;
  double span = 0.0;   // from the first time to the last
  double step = 0.0;   // the Euler step: a quarter of the closest spacing of times
  double start = 0.0;
  double end = 0.0;
};

template <class Factory>
result fit_policy(const Factory& factory, calibration::policy which, const observations& data, const data_scale& d,
                  double period, const calibration::options& o) {
  run_options grid(d.start, d.end, d.step);
  problem p(factory, grid);
  const double range = std::max(d.high - d.low, 1e-6 * std::max(1.0, std::fabs(d.high)));
  const double lo = d.low - 2.0 * range;
  const double hi = d.high + 2.0 * range;
  // Pressure: a change of performance per unit of time; a decline over the whole span at the
  // start, at most the whole range per closest spacing of the times between the bounds.
  const double pressure = 4.0 * range / d.step;
  p.fit("state.initial", lo, hi, d.first);
  p.fit("state.action_time", d.step, d.span, d.span / 10.0);
  p.fit("pressure.terms[0].mean", -pressure, pressure, std::clamp((d.first - d.low) / d.span, -pressure, pressure));
  if (period > 0.0) {
    p.fit("pressure.terms[0].amplitude", -pressure, pressure, 0.0);
    p.fit("pressure.terms[1].amplitude", -pressure, pressure, 0.0);
  }
  if (which == calibration::policy::absolute) {
    p.fit("goal.standard", lo, hi, d.first);
  } else {
    p.fit("goal.initial", lo, hi, d.first);
    p.fit(which == calibration::policy::best_past ? "goal.rise_time" : "goal.adjustment_time", d.step, 100.0 * d.span,
          d.span / 4.0);
  }
  // Only a moving goal's time is profiled: the verdict reads its interval.
  calibration::options fit = o;
  fit.profile = which != calibration::policy::absolute;
  if (fit.profile) fit.profiled = {which == calibration::policy::best_past ? "goal.rise_time" : "goal.adjustment_time"};
  return calibrate(p, data, fit);
}

}  // namespace detail

/// Is this goal eroding? Fits an absolute standard, a goal floating toward performance, a goal
/// that only slips, and a goal set by the best past performance, each in the model
/// S' = (D - S) / ta - u(t) (performance S perceived as it is, pressure u steady or with a
/// seasonal swing), to the performance series and, when given, the stated target as the goal D.
/// Each policy is fitted by calibrate() (multi-start, maximum likelihood, error scales
/// estimated, the target's its own, floored at its rounding). Each moving goal is tested against
/// the absolute standard by likelihood ratio; among those that reject it at options::alpha the
/// one of lowest AIC is favoured, and another within options::indifference cannot be told from
/// it. An absolute standard is favoured only where every moving goal's time is bounded below by
/// the span of the data. Otherwise, and with fewer than three observations of performance per
/// fitted quantity, the verdict says "cannot tell" rather than name a policy
/// (docs/calibration.md has the rules).
///
/// The data decide only what they show: a goal that slips and one that floats differ only
/// when performance rises for a while, and a best-past goal and an absolute standard only when
/// it does better than before; the seasonal swing of a KPI often shows both.
///
/// (A template only so that a program that includes goaldrift/calibration.hpp without calling
/// diagnose() does not compile its four models.)
template <int = 0>
diagnosis diagnose(const observations& data, const diagnose_options& o = {}) {
  // Which series is performance, which the target.
  std::string performance = o.performance;
  if (performance.empty()) {
    std::vector<std::string> others;
    for (const auto& s : data.all()) {
      if (s.variable != o.target) others.push_back(s.variable);
    }
    if (others.size() != 1) {
      throw invalid_parameter(detail::diagnose_component, "performance",
                              "must name the performance series when the data hold " + std::to_string(others.size()) +
                                  " series besides the target",
                              "''");
    }
    performance = others.front();
  }
  observations renamed(data.times());
  bool found = false;
  for (const auto& s : data.all()) {
    if (s.variable == performance) {
      renamed.add("S", s.values);
      renamed["S"].weight = s.weight;
      renamed["S"].error_scale = s.error_scale;
      renamed["S"].scale_floor = std::max(s.scale_floor, detail::resolution(s.values) / std::sqrt(12.0));
      found = true;
    }
  }
  if (!found) {
    std::string have;
    for (const auto& s : data.all()) have += (have.empty() ? "" : ", ") + s.variable;
    throw invalid_parameter(detail::diagnose_component, "performance", "must name a series of the data (" + have + ")",
                            io::quote_excerpt(performance));
  }
  if (!o.target.empty()) {
    bool target_found = false;
    for (const auto& s : data.all()) {
      if (s.variable == o.target) {
        renamed.add("D", s.values);
        renamed["D"].own_scale = true;
        renamed["D"].error_scale = s.error_scale;
        // A stated target published to one decimal and never changed is met exactly by a goal
        // that holds: its scale is kept at least at its rounding error.
        renamed["D"].scale_floor = std::max(s.scale_floor, detail::resolution(s.values) / std::sqrt(12.0));
        target_found = true;
      }
    }
    if (!target_found) {
      throw invalid_parameter(detail::diagnose_component, "target", "must name a series of the data",
                              io::quote_excerpt(o.target));
    }
  }
  if (!(o.seasonal_period >= 0.0) || !std::isfinite(o.seasonal_period)) {
    throw invalid_parameter(detail::diagnose_component, "seasonal_period", "must be 0 (none) or a positive time",
                            o.seasonal_period);
  }
  if (!(o.indifference >= 0.0)) {
    throw invalid_parameter(detail::diagnose_component, "indifference", "must be 0 or more", o.indifference);
  }
  if (!(o.alpha > 0.0 && o.alpha < 1.0)) {
    throw invalid_parameter(detail::diagnose_component, "alpha", "must lie strictly between 0 and 1", o.alpha);
  }
  const auto& times = data.times();
  if (times.size() < 2) {
    throw invalid_parameter(detail::diagnose_component, "observations", "must hold at least two times",
                            std::to_string(times.size()));
  }
  detail::data_scale d;
  d.start = times.front();
  d.end = times.back();
  d.span = d.end - d.start;
  double spacing = d.span;
  for (std::size_t i = 1; i < times.size(); ++i) spacing = std::min(spacing, times[i] - times[i - 1]);
  // A quarter of the closest spacing, made to divide the span into whole steps.
  d.step = d.span / std::ceil(4.0 * d.span / spacing - 1e-9);
  d.low = std::numeric_limits<double>::infinity();
  d.high = -std::numeric_limits<double>::infinity();
  bool first = true;
  for (double v : renamed["S"].values) {
    if (std::isnan(v)) continue;
    if (first) d.first = v;
    first = false;
    d.low = std::min(d.low, v);
    d.high = std::max(d.high, v);
  }
  if (first) throw invalid_parameter(detail::diagnose_component, "performance", "must hold at least one value", "none");
  const double period = o.seasonal_period > 0.0 ? o.seasonal_period : 1.0;
  const double fitted_period = o.seasonal_period;

  diagnosis out;
  out.has_target = !o.target.empty();
  auto add = [&](calibration::policy which, result r) {
    policy_fit f;
    f.policy = which;
    f.aic = r.aic;
    f.fit = std::move(r);
    out.policies.push_back(std::move(f));
  };
  add(policy::absolute, detail::fit_policy([period](auto zero) {
        using T = decltype(zero);
        return detail::diagnose_model<T>(goal::absolute<T>(T(100.0)), period);
      }, policy::absolute, renamed, d, fitted_period, o.fit));
  add(policy::floating, detail::fit_policy([period](auto zero) {
        using T = decltype(zero);
        return detail::diagnose_model<T>(goal::floating<T>(T(100.0), T(1.0)), period);
      }, policy::floating, renamed, d, fitted_period, o.fit));
  add(policy::slip_only, detail::fit_policy([period](auto zero) {
        using T = decltype(zero);
        return detail::diagnose_model<T>(goal::slip_only<T>(T(100.0), T(1.0)), period);
      }, policy::slip_only, renamed, d, fitted_period, o.fit));
  add(policy::best_past, detail::fit_policy([period](auto zero) {
        using T = decltype(zero);
        return detail::diagnose_model<T>(goal::best_past<T>(T(100.0), T(1.0)), period);
      }, policy::best_past, renamed, d, fitted_period, o.fit));

  // The verdict's rules. Every moving goal nests the absolute standard (its time at
  // infinity), so each is tested against it by likelihood ratio (p halved: the absolute
  // standard lies on the boundary). A moving goal is supported where that test rejects the
  // absolute standard at alpha; the supported goal of lowest AIC is favoured, and the others
  // within `indifference` of it are not told from it. Where none is supported, the absolute
  // standard is favoured only if the data also rule out a goal that moves: every moving
  // goal's time bounded below by the span of the data (it could close at most 63% of its gap
  // over the whole series). Otherwise the data are too few to tell.
  for (auto& p : out.policies) {
    p.delta_aic = p.aic - std::min_element(out.policies.begin(), out.policies.end(), [](const policy_fit& x, const policy_fit& y) {
                            return x.aic < y.aic;
                          })->aic;
  }
  auto p_against_absolute = [&](const policy_fit& m) {
    const double statistic = std::max(0.0, 2.0 * (m.fit.log_likelihood - out.of(policy::absolute).fit.log_likelihood));
    return 0.5 * detail::chi_squared_upper_tail(1.0, statistic);
  };
  std::size_t best_moving = 1;
  for (std::size_t i = 2; i < out.policies.size(); ++i) {
    if (out.policies[i].aic < out.policies[best_moving].aic) best_moving = i;
  }
  out.absolute_statistic = std::max(
      0.0, 2.0 * (out.policies[best_moving].fit.log_likelihood - out.of(policy::absolute).fit.log_likelihood));
  out.absolute_p = p_against_absolute(out.policies[best_moving]);
  if (out.absolute_p < o.alpha) {
    out.favoured = out.policies[best_moving].policy;
    for (std::size_t i = 1; i < out.policies.size(); ++i) {
      const auto& p = out.policies[i];
      if (i != best_moving && p_against_absolute(p) < o.alpha && p.aic - out.policies[best_moving].aic <= o.indifference) {
        out.tied.push_back(p.policy);
      }
    }
  } else {
    out.favoured = policy::absolute;
    for (std::size_t i = 1; i < out.policies.size(); ++i) {
      const auto& p = out.policies[i];
      const auto& g = p.fit.at(p.policy == policy::best_past ? "goal.rise_time" : "goal.adjustment_time");
      if (!(g.profile_low >= d.span)) out.tied.push_back(p.policy);
    }
  }
  out.decided = out.tied.empty();
  // Too few observations for the quantities estimated: the likelihood-ratio tests and the
  // error scales are not to be trusted (a fit of 9 quantities to 7 values matches them
  // almost exactly and claims certainty it does not have).
  std::size_t most = 0;
  for (const auto& p : out.policies) most = std::max(most, p.fit.estimated);
  const std::size_t observed = renamed["S"].count();
  const bool too_few = observed < 3 * most;
  if (too_few) out.decided = false;
  // A moving goal that the data cannot time (its time not identifiable, or its interval
  // reaching a bound) is no verdict on how the goal moves.
  bool untimed = false;
  if (out.favoured != policy::absolute) {
    const auto& g = out.of(out.favoured).fit.at(out.favoured == policy::best_past ? "goal.rise_time" : "goal.adjustment_time");
    untimed = !g.identifiable || g.profile_low_at_bound || g.profile_high_at_bound || std::isnan(g.profile_low);
    if (untimed) out.decided = false;
  }
  if (out.has_target) {
    const double statistic =
        std::max(0.0, 2.0 * (out.of(policy::floating).fit.log_likelihood - out.of(policy::absolute).fit.log_likelihood));
    out.target_p = 0.5 * detail::chi_squared_upper_tail(1.0, statistic);
  }
  const std::size_t best = static_cast<std::size_t>(out.favoured);

  // The favoured goal's time and the steady drift it implies.
  const result& f = out.policies[best].fit;
  const std::string unit = o.time_unit.empty() ? "" : " " + o.time_unit;
  std::string time_text;
  if (out.favoured != policy::absolute) {
    const auto& g = f.at(out.favoured == policy::best_past ? "goal.rise_time" : "goal.adjustment_time");
    out.goal_time = g.estimate;
    out.goal_time_low = g.profile_low;
    out.goal_time_high = g.profile_high;
    time_text = detail::short_number_interval(g.estimate, g.profile_low, g.profile_high, g.profile_low_at_bound, g.profile_high_at_bound) + unit;
  }
  if (out.favoured == policy::floating || out.favoured == policy::slip_only) {
    const std::size_t k = f.parameters.size();
    const std::size_t iu = detail::index_of(f, "pressure.terms[0].mean");
    const std::size_t ia = detail::index_of(f, "state.action_time");
    const std::size_t ig = detail::index_of(f, "goal.adjustment_time");
    const double u = f.parameters[iu].estimate;
    const double ta = f.parameters[ia].estimate;
    const double tg = f.parameters[ig].estimate;
    out.drift_rate = -u * ta / (ta + tg);
    // Delta method: the gradient of -u ta / (ta + tg) and the covariance of (u, ta, tg).
    const double s = ta + tg;
    const std::vector<std::size_t> idx{iu, ia, ig};
    const std::vector<double> grad{-ta / s, -u * tg / (s * s), u * ta / (s * s)};
    double variance = 0.0;
    for (std::size_t a = 0; a < 3; ++a) {
      for (std::size_t b = 0; b < 3; ++b) {
        const double cov = f.correlation[idx[a] * k + idx[b]] * f.parameters[idx[a]].standard_error *
                           f.parameters[idx[b]].standard_error;
        variance += grad[a] * grad[b] * cov;
      }
    }
    const double z = detail::two_sided_quantile(o.fit.level, 0.0);
    out.drift_low = out.drift_rate - z * std::sqrt(variance);
    out.drift_high = out.drift_rate + z * std::sqrt(variance);
  }

  // The verdict.
  std::string v;
  const std::string absolute_test = detail::p_text(out.absolute_p);
  auto names_of = [&](calibration::policy first) {
    std::string names = policy_name(first);
    for (std::size_t i = 0; i < out.tied.size(); ++i) {
      names += (i + 1 == out.tied.size() ? " and " : ", ") + std::string(policy_name(out.tied[i]));
    }
    return names;
  };
  if (too_few) {
    v = "cannot tell: " + std::to_string(observed) + " observations of performance are too few for the " +
        std::to_string(most) + " quantities a policy is fitted with (at least " + std::to_string(3 * most) + " are needed)";
  } else if (!out.decided && out.favoured == policy::absolute) {
    std::string names;
    for (std::size_t i = 0; i < out.tied.size(); ++i) {
      names += (i == 0 ? "" : i + 1 == out.tied.size() ? " or " : ", ") + std::string(policy_name(out.tied[i]));
    }
    v = "cannot tell: no moving goal fits better than an absolute standard (" + absolute_test +
        "), but these data are too few to rule out a " + names + " goal";
  } else if (untimed) {
    v = std::string("cannot tell how fast: the goal moves (an absolute standard is rejected at ") + absolute_test +
        "), but the " + policy_name(out.favoured) + " goal's time is not fixed by these data (" + time_text + ")";
  } else if (!out.decided) {
    v = "cannot tell which moving goal: the data fit " + names_of(out.favoured) + " goals about equally well (AIC within " +
        detail::short_number(o.indifference) + "); the goal moves all the same: an absolute standard is rejected at " +
        absolute_test;
  } else if (out.favoured == policy::absolute) {
    v = "the data favour an absolute standard: no moving goal fits better (" + absolute_test +
        "), and every moving goal's time exceeds the span of the data";
  } else {
    v = std::string("the data favour ") + (out.favoured == policy::best_past ? "a best-past goal with rise time "
                                           : out.favoured == policy::slip_only ? "a slip-only goal with adjustment time "
                                                                               : "a floating goal with adjustment time ") +
        time_text + "; an absolute standard is rejected at " + absolute_test;
    if (!std::isnan(out.drift_rate)) {
      v += "; steady drift " + detail::short_number(out.drift_rate) + " [" + detail::short_number(out.drift_low) + ", " +
           detail::short_number(out.drift_high) + "] per " +
           (o.time_unit.empty() ? std::string("unit of time") : detail::singular(o.time_unit));
    }
  }
  if (out.has_target && !too_few) {
    v += out.target_p < o.alpha ? "; the stated target itself follows performance (" + detail::p_text(out.target_p) + ")"
                                : "; no evidence that the stated target follows performance (" + detail::p_text(out.target_p) + ")";
  }
  out.verdict = v;
  return out;
}

}  // namespace goaldrift::calibration

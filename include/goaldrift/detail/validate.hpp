// Parameter checks shared by all parts; each failure names the part, the parameter and the value.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>

#include "../error.hpp"
#include "../math.hpp"
#include "../run_options.hpp"

namespace goaldrift::detail {

/// Calls ok(v) for every lane of `value`; the first lane that fails throws invalid_parameter.
template <class T, class Ok>
void check_lanes(const char* component, const char* parameter, const T& value, Ok ok,
                 const char* requirement) {
  for (std::size_t i = 0; i < math::lanes_v<T>; ++i) {
    const double v = math::scalar_ops<T>::lane(value, i);
    if (!ok(v)) {
      throw invalid_parameter(component, parameter, requirement, v);
    }
  }
}

/// Time constants (smoothing, adjustment, delay times, intervals) and other strictly positive
/// sizes. Parts multiply by 1 / time (cached_rate), so a positive but subnormal time (5e-324)
/// would make an infinite rate that surfaces only later, as a non-finite state named after
/// another variable; it is refused here, by name, like any other unusable time.
template <class T>
void require_positive(const char* component, const char* parameter, const T& value) {
  check_lanes(
      component, parameter, value, [](double v) { return std::isfinite(v) && v > 0.0; },
      "must be positive and finite");
  check_lanes(
      component, parameter, value, [](double v) { return std::isfinite(1.0 / v); },
      "must be large enough for its reciprocal to be finite (it is subnormal)");
}

template <class T>
void require_non_negative(const char* component, const char* parameter, const T& value) {
  check_lanes(
      component, parameter, value, [](double v) { return std::isfinite(v) && v >= 0.0; },
      "must be non-negative and finite");
}

template <class T>
void require_finite(const char* component, const char* parameter, const T& value) {
  check_lanes(
      component, parameter, value, [](double v) { return std::isfinite(v); }, "must be finite");
}

/// A weight or fraction in [0, 1].
template <class T>
void require_unit_interval(const char* component, const char* parameter, const T& value) {
  check_lanes(
      component, parameter, value, [](double v) { return v >= 0.0 && v <= 1.0; },
      "must lie in [0, 1]");
}

/// For a part that lists its breakpoints (jumps, table points): refuses, naming the parameter,
/// a list that would put more than max_breakpoints in an adaptive run.
inline void require_breakpoint_count(const char* component, const char* parameter, std::size_t count) {
  if (count > max_breakpoints) {
    throw invalid_parameter(component, parameter,
                            "must not hold more than " + std::to_string(max_breakpoints) +
                                " breakpoints for an adaptive run; use a fixed-step method such as euler or rk4",
                            std::to_string(count));
  }
}

/// For a part whose breakpoints repeat every `period` (an interval, a repeat) from `origin`:
/// refuses, naming the parameter, a period that would put more than max_breakpoints in
/// (from, to), or one too short for times as large as `to` to tell its repetitions apart (past
/// 2^53 periods, k + 1 == k in a double and a loop over them never ends). Returns the number
/// of the first repetition at or before `from`. `per_period`: breakpoints each repetition adds.
inline double first_repetition(const char* component, const char* parameter, double period, double origin,
                               double from, double to, double per_period = 1.0) {
  const double first = std::floor((from - origin) / period);
  const double last = std::ceil((to - origin) / period);
  const double count = per_period * (last - first);
  constexpr double exact = 9007199254740992.0;  // 2^53
  if (!(std::fabs(first) < exact && std::fabs(last) < exact)) {
    throw invalid_parameter(component, parameter,
                            "must be long enough to count its repetitions up to t = " + format_number(to) +
                                " exactly (fewer than 2^53)",
                            period);
  }
  if (count > static_cast<double>(max_breakpoints)) {
    throw invalid_parameter(component, parameter,
                            "must not put more than " + std::to_string(max_breakpoints) +
                                " breakpoints in an adaptive run from " + format_number(from) + " to " +
                                format_number(to) + " (it would put " + format_number(count) +
                                "); use a fixed-step method such as euler or rk4",
                            period);
  }
  return first;
}

}  // namespace goaldrift::detail

// Vensim TREND: the fractional growth rate of an input, estimated against its smoothed past.
#pragma once

#include <cstddef>

#include "../detail/validate.hpp"
#include "../math.hpp"

namespace goaldrift::sd {

/// TREND(input, average_time, initial_trend) = ZIDZ(input - average, average_time * |average|),
/// where average = SMOOTHI(input, average_time, input / (1 + initial_trend * average_time)).
/// The state is the average. initialize() checks the average time and the initial trend.
struct trend {
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::sd::trend";

  /// Throws invalid_parameter unless the average time is positive and finite and the initial
  /// trend finite.
  template <class T>
  static void validate(const T& average_time, const T& initial_trend) {
    goaldrift::detail::require_positive(component, "average_time", average_time);
    goaldrift::detail::require_finite(component, "initial_trend", initial_trend);
  }

  template <class T>
  static void initialize(T* x, const T& input, const T& average_time, const T& initial_trend) {
    validate(average_time, initial_trend);
    x[0] = input / (T(1) + initial_trend * average_time);
  }

  template <class T>
  static T output(const T* x, const T& input, const T& average_time) {
    return math::zidz(input - x[0], average_time * math::abs(x[0]));
  }

  template <class T>
  static void derivative(const T* x, const T& input, const T& average_time, T* dxdt) {
    dxdt[0] = (input - x[0]) / average_time;
  }
};

}  // namespace goaldrift::sd

// A sine wave: seasons, business cycles, any pressure that swings around a level.
#pragma once

#include <cmath>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// mean + amplitude * sin(2 pi (t - phase) / period): a smooth swing, read at t (it has no
/// jumps). With phase 0 it is `mean + amplitude * std::sin(2.0 * pi * t / period)` to the bit,
/// the expression a hand-written seasonal function would use.
template <class T = double>
struct sine_wave {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::sine_wave: the mean and amplitude must be floating-point values "
                "or SIMD packs (write sine_wave(0.5, 2.0, 12)), not integers.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::sine_wave";
  static constexpr double pi = 3.14159265358979323846;

  T mean{};
  T amplitude{};
  double period = 1.0;
  double phase = 0.0;

  sine_wave() = default;
  sine_wave(T mean_value, T swing, double cycle, double shift = 0.0)
      : mean(mean_value), amplitude(swing), period(cycle), phase(shift) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("mean", self.mean, "the level the wave swings around", "input");
    visit("amplitude", self.amplitude, "how far the wave swings either way", "input");
    visit("period", self.period, "time of one whole cycle", "time");
    visit("phase", self.phase, "time the first upswing crosses the mean", "time");
  }

  void validate() const {
    // An integer mean or amplitude is refused by the static_assert above; checking it here too
    // would only add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "mean", mean);
      detail::require_finite(component, "amplitude", amplitude);
      detail::require_positive(component, "period", period);
      detail::require_finite(component, "phase", phase);
    }
  }

  T operator()(const time_point& when) const {
    return mean + amplitude * T(std::sin(2.0 * pi * (when.t - phase) / period));
  }
};

template <class T>
sine_wave(T, T, double) -> sine_wave<T>;
template <class T>
sine_wave(T, T, double, double) -> sine_wave<T>;

}  // namespace goaldrift::input

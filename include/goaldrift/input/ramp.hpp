// Vensim RAMP: a linear rise between two times, flat before and after.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// RAMP(slope, start, end): 0 until `start`, slope * (t - start) until `end`, then
/// slope * (end - start). Continuous, so it is evaluated at the exact time t, which is what
/// Vensim's Euler sees at each grid time. Leave out `end` for a ramp that never stops.
template <class T = double>
struct ramp {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::ramp: the slope must be a floating-point value or a SIMD pack "
                "(write ramp(2.0, 5)), not an integer.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::ramp";

  T slope{};
  double start = 0.0;
  double end = std::numeric_limits<double>::infinity();

  ramp() = default;
  ramp(T ramp_slope, double start_time) : slope(ramp_slope), start(start_time) { validate(); }
  ramp(T ramp_slope, double start_time, double end_time)
      : slope(ramp_slope), start(start_time), end(end_time) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("slope", self.slope, "how fast the value rises", "input/time");
    visit("start", self.start, "time the rise starts", "time");
    visit("end", self.end, "time the rise stops, infinite for never", "time");
  }

  void validate() const {
    // An integer slope is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "slope", slope);
      detail::require_finite(component, "start", start);
      if (std::isnan(end) || !(end > start) || end == -std::numeric_limits<double>::infinity()) {
        throw invalid_parameter(component, "end", "must be later than start (" +
                                                      detail::format_number(start) + ")",
                                end);
      }
    }
  }

  T operator()(const time_point& when) const {
    const double t = when.t;
    if (!(t > start)) {
      return T(0);
    }
    return slope * T((t < end ? t : end) - start);
  }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    for (double b : {start, end}) {
      if (b > from && b < to) {
        out.push_back(b);
      }
    }
  }
};

template <class T>
ramp(T, double) -> ramp<T>;
template <class T>
ramp(T, double, double) -> ramp<T>;

}  // namespace goaldrift::input

// Parameter checks shared by all parts; each failure names the part, the parameter and the value.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>

#include "../error.hpp"
#include "../math.hpp"

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

/// Time constants (smoothing, adjustment, delay times) and other strictly positive sizes.
template <class T>
void require_positive(const char* component, const char* parameter, const T& value) {
  check_lanes(
      component, parameter, value, [](double v) { return std::isfinite(v) && v > 0.0; },
      "must be positive and finite");
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

}  // namespace goaldrift::detail

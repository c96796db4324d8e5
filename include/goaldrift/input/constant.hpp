// A constant input.
#pragma once

#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// The same value at every time.
template <class T = double>
struct constant {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::constant: the value must be a floating-point value or a SIMD "
                "pack (write 5.0), not an integer.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::constant";

  T value{};

  constant() = default;
  explicit constant(T v) : value(v) { validate(); }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("value", self.value, "the value at every time", "input");
  }

  void validate() const {
    // An integer value is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "value", value);
    }
  }
  T operator()(const time_point&) const { return value; }
};

template <class T>
constant(T) -> constant<T>;

}  // namespace goaldrift::input

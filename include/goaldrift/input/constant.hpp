// A constant input.
#pragma once

#include <vector>

#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// The same value at every time.
template <class T = double>
struct constant {
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::constant";

  T value{};

  constant() = default;
  explicit constant(T v) : value(v) { validate(); }

  void validate() const { detail::require_finite(component, "value", value); }
  T operator()(const time_point&) const { return value; }
};

template <class T>
constant(T) -> constant<T>;

}  // namespace goaldrift::input

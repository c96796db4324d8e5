// Instant perception: the actor sees the actual state as it is.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "../detail/scalar_type.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

/// P = input (the actual state, or a sensor's reading of it). Owns no state.
template <class T = double>
struct instant {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::perception::instant: the scalar type must be a floating-point type or "
                "a SIMD pack (instant<double>, or instant<T> for a pack T), not an integer.");
  using scalar_type = T;
  static constexpr std::size_t state_size = 0;

  /// Lists the parameters by name (goaldrift/parameters.hpp): none, but a list all the same.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    (void)self;
    (void)visit;
  }

  std::array<std::string, 0> state_names() const { return {}; }
  void initialize(T*, const T&, const time_point&) const {}
  T value(const T*, const T& input, const time_point&) const { return input; }
  void derivative(const T*, const T&, const time_point&, T*) const {}
};

}  // namespace goaldrift::perception

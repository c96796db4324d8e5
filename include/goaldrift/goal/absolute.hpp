// An absolute standard: the goal does not move, whatever performance does.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../signals.hpp"

namespace goaldrift::goal {

/// D = standard at all times: Meadows' first antidote ("keep standards absolute"). Under a
/// constant pressure u and proportional action with time ta, S settles at standard - u * ta.
template <class T = double>
struct absolute {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::goal::absolute: the standard must be a floating-point value or a SIMD "
                "pack (write 100.0), not an integer.");
  using scalar_type = T;
  static constexpr std::size_t state_size = 0;
  static constexpr const char* component = "goaldrift::goal::absolute";

  T standard{};

  explicit absolute(T standard_value) : standard(standard_value) { validate(); }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("standard", self.standard, "the goal, which never moves", "level");
  }

  void validate() const {
    // An integer standard is refused by the static_assert above; checking it here too would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_finite(component, "standard", standard);
    }
  }
  std::array<std::string, 0> state_names() const { return {}; }
  void initialize(T*, const signals<T>&) const {}
  T value(const T*, const signals<T>&) const { return standard; }
  void derivative(const T*, const signals<T>&, T*) const {}
};

template <class T>
absolute(T) -> absolute<T>;

}  // namespace goaldrift::goal

// Vensim STEP: a jump from 0 to a height at a given time.
#pragma once

#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// STEP(height, start): 0 until `start`, then `height`. The jump is decided at
/// time_point::jump_t, so under fixed steps it takes effect at the first grid time t_k with
/// t_k + dt/2 > start, exactly as in Vensim.
template <class T = double>
struct step {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::step: the height must be a floating-point value or a SIMD pack "
                "(write step(10.0, 5)), not an integer.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::step";

  T height{};
  double start = 0.0;

  step() = default;
  step(T step_height, double start_time) : height(step_height), start(start_time) { validate(); }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("height", self.height, "the value after the step", "input");
    visit("start", self.start, "time of the step", "time");
  }

  void validate() const {
    // An integer height is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "height", height);
      detail::require_finite(component, "start", start);
    }
  }

  T operator()(const time_point& when) const { return when.jump_t > start ? height : T(0); }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    if (start > from && start < to) {
      out.push_back(start);
    }
  }
};

template <class T>
step(T, double) -> step<T>;

}  // namespace goaldrift::input

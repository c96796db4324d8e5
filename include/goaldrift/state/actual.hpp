// The actual state S: corrected toward the goal, pushed down by pressure, optionally floored.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "../detail/hooks.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "corrective_action.hpp"

namespace goaldrift::state {

/// dS/dt = action(D, P) - pressure(t). With a floor, S never sinks below it: the rate is cut
/// to zero once S reaches the floor (so the exact solution stays above it), and under fixed
/// steps S is also projected back onto the floor after a step that overshoots it.
template <class T = double, class Action = proportional<T>>
struct actual {
  static_assert(std::is_invocable_r_v<T, const Action&, const T&, const T&>,
                "A corrective-action policy must be callable as action(desired, perceived) "
                "and return the rate of correction as the scalar type.");
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::state::actual";

  T initial{};
  Action corrective;
  std::optional<T> floor;

  /// Proportional action with the given action time.
  actual(T initial_value, T action_time) : initial(initial_value), corrective(action_time) {
    validate();
  }
  /// Any corrective-action policy: proportional, capacity_limited, lookup_shaped or your own.
  actual(T initial_value, Action action_policy)
      : initial(initial_value), corrective(std::move(action_policy)) {
    validate();
  }

  /// The same state, never below `lowest`.
  actual with_floor(T lowest) const {
    actual copy = *this;
    copy.floor = lowest;
    copy.validate();
    return copy;
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "initial", initial);
    goaldrift::detail::validate(corrective);
    if (floor) {
      goaldrift::detail::require_finite(component, "floor", *floor);
      goaldrift::detail::check_lanes(
          component, "initial", initial - *floor, [](double d) { return d >= 0.0; },
          "must not lie below the floor (the value shown is initial - floor)");
    }
  }
  std::array<std::string, 1> state_names() const { return {"level"}; }
  void initialize(T* x) const { x[0] = initial; }
  T value(const T* x) const { return x[0]; }
  T action(const T*, const T& desired, const T& perceived) const {
    return corrective(desired, perceived);
  }
  void derivative(const T* x, const T& desired, const T& perceived, const T& pressure,
                  const time_point&, T* dxdt) const {
    const T rate = corrective(desired, perceived) - pressure;
    dxdt[0] = floor ? math::select(x[0] <= *floor, math::max(rate, T(0)), rate) : rate;
  }
  /// Lets the corrective action take up its parameters (they are public, so a study may have
  /// changed them since construction).
  void start(const run_context&) { goaldrift::detail::prepare(corrective); }
  void advance(T* x) const {
    if (floor) {
      x[0] = math::max(x[0], *floor);
    }
  }
};

template <class T>
actual(T, T) -> actual<T>;
template <class T, class A>
actual(T, A) -> actual<T, A>;

}  // namespace goaldrift::state

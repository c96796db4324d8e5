// The actual state S: corrected toward the goal, pushed down by pressure, optionally floored.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "../detail/hooks.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "corrective_action.hpp"

namespace goaldrift::state {

namespace detail {
/// The corrective action that actual(100, 4) deduces: it accepts anything and does nothing, so
/// that the integers are reported by actual's static_assert alone, not again by proportional<int>
/// and by scalar_ops<int> in every check.
struct integer_level_action {
  template <class A>
  explicit integer_level_action(const A&) {}
};

/// The policy deduced from actual(level, action_time): proportional action on the level's type.
template <class T>
using action_for_time_t =
    std::conditional_t<goaldrift::detail::is_scalar_v<T>, proportional<T>, integer_level_action>;
}  // namespace detail

/// dS/dt = action(D, P) - pressure(t). With a floor, S never sinks below it: the rate is cut
/// to zero once S reaches the floor (so the exact solution stays above it), and under fixed
/// steps S is also projected back onto the floor after a step that overshoots it.
template <class T = double, class Action = proportional<T>>
struct actual {
  // The second argument is a policy or, if it is a number, the action time; one sentence each for
  // the ways numbers go wrong, and the policy's own check only when the numbers are right.
  static_assert(goaldrift::detail::is_scalar_v<T> && !std::is_integral_v<Action>,
                "goaldrift::state::actual: the level and times must be floating-point values or "
                "SIMD packs (write 100.0, 4.0), not integers.");
  static_assert(!goaldrift::detail::is_scalar_v<T> || std::is_integral_v<Action> ||
                    !goaldrift::detail::is_number_v<Action>,
                "goaldrift::state::actual: the level and the action time must have the same type "
                "(write 100.0, 4.0; for a SIMD pack T, T(100.0), T(4.0)).");
  // (A policy given numbers of two types, capacity_limited(4.0, 2), has said so itself.)
  static_assert(!goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_number_v<Action> ||
                    goaldrift::detail::has_refused_scalar_v<Action> ||
                    std::is_invocable_r_v<T, const Action&, const T&, const T&>,
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

  /// Lists the parameters by name (goaldrift/parameters.hpp): the corrective action's at this
  /// level, so that a model has "state.action_time".
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("initial", self.initial, "the actual state at the start of the run", "level");
    visit.part("", self.corrective);
    visit("floor", self.floor, "the lowest the actual state can sink, unset for no floor", "level");
  }

  /// The same state, never below `lowest`.
  actual with_floor(T lowest) const {
    actual copy = *this;
    copy.floor = lowest;
    copy.validate();
    return copy;
  }

  void validate() const {
    // An integer level is refused by the static_assert above; checking it here too would only
    // add pages of errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_finite(component, "initial", initial);
      goaldrift::detail::validate(corrective);
      if (floor) {
        goaldrift::detail::require_finite(component, "floor", *floor);
        goaldrift::detail::check_lanes(
            component, "initial", initial - *floor, [](double d) { return d >= 0.0; },
            "must not lie below the floor (the value shown is initial - floor)");
      }
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

/// actual(100.0, 4.0): a number after the level is the action time (proportional action).
template <class T>
actual(T, T) -> actual<T, detail::action_for_time_t<T>>;
/// actual(100.0, policy); a number of another type than the level (actual(100.0, 4),
/// actual(100, 4.0)) is refused by actual's static_asserts, never taken for a policy.
template <class T, class A>
actual(T, A) -> actual<T, A>;

}  // namespace goaldrift::state

// A floating goal: the standard drifts toward performance (Meadows' eroding goal).
#pragma once

#include <type_traits>
#include <utility>

#include "../detail/scalar_type.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// D' = (signal - D) / adjustment_time, where the signal is the perceived state (default) or a
/// remembered performance. With the perceived state, proportional action and a constant
/// pressure u, S and D settle into a steady decline at rate u * ta / (ta + adjustment_time),
/// whatever the perception time; and ta * S + adjustment_time * D changes only with u.
template <class T = double, class Signal = perceived<T>>
struct floating : detail::adjusting_goal<floating<T, Signal>, T, Signal> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::floating: the initial goal and the adjustment time must be "
                "floating-point values or SIMD packs (write 100.0, 12.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::floating: the initial goal and the adjustment time must have the "
                "same floating-point type (write 100.0, 12.0, not 100.0, 12; for a SIMD pack T, "
                "T(100.0), T(12.0)).");
  static constexpr const char* component = "goaldrift::goal::floating";

  floating(T initial_goal, T adjustment, Signal performance = Signal{})
      : detail::adjusting_goal<floating<T, Signal>, T, Signal>(initial_goal, adjustment,
                                                             std::move(performance)) {
    this->validate();
    this->prepare();
  }

  T rate(const T& level, const T& target, const signals<T>&) const {
    return (target - level) * this->adjustment_rate();
  }
};

template <class T>
floating(T, T) -> floating<T>;
template <class T, class S>
floating(T, T, S) -> floating<T, S>;
/// floating(100.0, 12) or floating(100.0f, 12.0): refused by the static_assert above in one
/// sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
floating(A, B) -> floating<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class S,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
floating(A, B, S) -> floating<goaldrift::detail::mismatched_numbers<A, B>, S>;

}  // namespace goaldrift::goal

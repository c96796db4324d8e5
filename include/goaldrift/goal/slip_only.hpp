// A slip-only goal: it moves down toward poor performance but never back up on its own.
#pragma once

#include <type_traits>
#include <utility>

#include "../math.hpp"
#include "../detail/scalar_type.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// D' = min(signal - D, 0) / adjustment_time: the eroding-goals archetype as Senge and Kim
/// draw it. Every setback lowers the standard for good, so even a temporary fault in a sensor
/// leaves a permanent loss.
template <class T = double, class Signal = perceived<T>>
struct slip_only : detail::adjusting_goal<slip_only<T, Signal>, T, Signal> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::slip_only: the initial goal and the adjustment time must be "
                "floating-point values or SIMD packs (write 100.0, 12.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::slip_only: the initial goal and the adjustment time must have "
                "the same floating-point type (write 100.0, 12.0, not 100.0, 12; for a SIMD pack T, "
                "T(100.0), T(12.0)).");
  static constexpr const char* component = "goaldrift::goal::slip_only";

  slip_only(T initial_goal, T adjustment, Signal performance = Signal{})
      : detail::adjusting_goal<slip_only<T, Signal>, T, Signal>(initial_goal, adjustment,
                                                             std::move(performance)) {
    this->validate();
    this->prepare();
  }

  T rate(const T& level, const T& target, const signals<T>&) const {
    return math::min(target - level, T(0)) * this->adjustment_rate();
  }
};

template <class T>
slip_only(T, T) -> slip_only<T>;
template <class T, class S>
slip_only(T, T, S) -> slip_only<T, S>;
/// slip_only(100.0, 12) or slip_only(100.0f, 12.0): refused by the static_assert above in one
/// sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
slip_only(A, B) -> slip_only<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class S,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
slip_only(A, B, S) -> slip_only<goaldrift::detail::mismatched_numbers<A, B>, S>;

}  // namespace goaldrift::goal

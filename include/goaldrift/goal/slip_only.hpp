// A slip-only goal: it moves down toward poor performance but never back up on its own.
#pragma once

#include <utility>

#include "../math.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// D' = min(signal - D, 0) / adjustment_time: the eroding-goals archetype as Senge and Kim
/// draw it. Every setback lowers the standard for good, so even a temporary fault in a sensor
/// leaves a permanent loss.
template <class T = double, class Signal = perceived<T>>
struct slip_only : detail::adjusting_goal<slip_only<T, Signal>, T, Signal> {
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

}  // namespace goaldrift::goal

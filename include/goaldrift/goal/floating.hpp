// A floating goal: the standard drifts toward performance (Meadows' eroding goal).
#pragma once

#include <utility>

#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// D' = (signal - D) / adjustment_time, where the signal is the perceived state (default) or a
/// remembered performance. With the perceived state, proportional action and a constant
/// pressure u, S and D settle into a steady decline at rate u * ta / (ta + adjustment_time),
/// whatever the perception time; and ta * S + adjustment_time * D changes only with u.
template <class T = double, class Signal = perceived<T>>
struct floating : detail::adjusting_goal<floating<T, Signal>, T, Signal> {
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

}  // namespace goaldrift::goal

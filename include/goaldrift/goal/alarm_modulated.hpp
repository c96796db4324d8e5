// Alarm-modulated erosion: a large sudden gap stops the goal from sliding (the boiled frog).
#pragma once

#include <utility>

#include "../math.hpp"
#include "../sd/lookup.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// A lookup of the relative gap that is 1 up to `calm_gap` (the goal erodes freely) and falls
/// linearly to 0 at `alarm_gap` (alarm: the goal holds).
inline sd::lookup alarm_curve(double calm_gap, double alarm_gap) {
  return sd::lookup{{calm_gap, 1.0}, {alarm_gap, 0.0}};
}

/// D' = (signal - D) / adjustment_time * alarm((D - P) / |D|). The alarm looks at the gap the
/// actor feels, between the goal and the perceived state, even when the goal follows a
/// remembered performance. A slow decline keeps the
/// relative gap small, the alarm table stays near 1 and the goal erodes; a sudden plunge opens
/// a large gap, the table drops toward 0, the goal holds and the correction is vigorous.
template <class T = double, class Signal = perceived<T>>
struct alarm_modulated : detail::adjusting_goal<alarm_modulated<T, Signal>, T, Signal> {
  static constexpr const char* component = "goaldrift::goal::alarm_modulated";

  /// Erosion multiplier as a function of the relative gap (D - P) / |D|.
  sd::lookup alarm;

  alarm_modulated(T initial_goal, T adjustment, sd::lookup alarm_table,
                  Signal performance = Signal{})
      : detail::adjusting_goal<alarm_modulated<T, Signal>, T, Signal>(initial_goal, adjustment,
                                                                      std::move(performance)),
        alarm(std::move(alarm_table)) {
    this->validate();
    this->prepare();
  }

  /// (D - P) / |D|, or 0 when D is 0.
  static T relative_gap(const T& level, const T& perceived_state) {
    return math::zidz(level - perceived_state, math::abs(level));
  }
  T rate(const T& level, const T& target, const signals<T>& s) const {
    return (target - level) * this->adjustment_rate() * alarm(relative_gap(level, s.perceived));
  }
};

template <class T>
alarm_modulated(T, T, sd::lookup) -> alarm_modulated<T>;
template <class T, class S>
alarm_modulated(T, T, sd::lookup, S) -> alarm_modulated<T, S>;

}  // namespace goaldrift::goal

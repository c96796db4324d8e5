// Alarm-modulated erosion: a large sudden gap stops the goal from sliding (the boiled frog).
#pragma once

#include <cmath>
#include <string>
#include <type_traits>
#include <utility>

#include "../detail/scalar_type.hpp"
#include "../error.hpp"
#include "../math.hpp"
#include "../sd/lookup.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// A lookup of the relative gap that is 1 up to `calm_gap` (the goal erodes freely) and falls
/// linearly to 0 at `alarm_gap` (alarm: the goal holds). Needs finite gaps with
/// calm_gap < alarm_gap, and names itself and the gap at fault when they are not (the lookup it
/// builds would name only its points).
inline sd::lookup alarm_curve(double calm_gap, double alarm_gap) {
  constexpr const char* component = "goaldrift::goal::alarm_curve";
  if (!std::isfinite(calm_gap)) {
    throw invalid_parameter(component, "calm_gap", "must be finite", calm_gap);
  }
  if (!std::isfinite(alarm_gap) || !(alarm_gap > calm_gap)) {
    throw invalid_parameter(component, "alarm_gap",
                            "must be finite and greater than calm_gap (" +
                                goaldrift::detail::format_number(calm_gap) + ")",
                            alarm_gap);
  }
  return sd::lookup{{calm_gap, 1.0}, {alarm_gap, 0.0}};
}

/// How alarm_modulated measures the gap the actor feels between the goal D and the perceived
/// state P; both are 0 when D is 0 (Vensim's ZIDZ).
enum class gap_measure {
  /// (D - P) / |D|: only a shortfall (P below D) is positive and can raise the alarm; after a
  /// windfall (P above D) the gap is negative and the goal follows P up freely. The default.
  signed_relative,
  /// |D - P| / |D|: a windfall raises the alarm as a shortfall of the same size does, so the
  /// goal holds against a sudden rise too. For D > 0 it is Vensim's ABS(D - P) / D; for D < 0
  /// it stays positive, where ABS(D - P) / D would turn negative.
  absolute_relative,
};

/// D' = (signal - D) / adjustment_time * alarm(gap), where gap is the relative gap between the
/// goal and the perceived state, measured by `gap` ((D - P) / |D| unless with_gap() says
/// otherwise). The alarm looks at the gap the actor feels, between the goal and the perceived
/// state, even when the goal follows a remembered performance. A slow decline keeps the
/// relative gap small, the alarm table stays near 1 and the goal erodes; a sudden plunge opens
/// a large gap, the table drops toward 0, the goal holds and the correction is vigorous.
template <class T = double, class Signal = perceived<T>>
struct alarm_modulated : detail::adjusting_goal<alarm_modulated<T, Signal>, T, Signal> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::alarm_modulated: the initial goal and the adjustment time must "
                "be floating-point values or SIMD packs (write 100.0, 4.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::alarm_modulated: the initial goal and the adjustment time must "
                "have the same floating-point type (write 100.0, 4.0, not 100.0, 4; for a SIMD "
                "pack T, T(100.0), T(4.0)).");
  static constexpr const char* component = "goaldrift::goal::alarm_modulated";

  /// Erosion multiplier as a function of the relative gap.
  sd::lookup alarm;
  /// How the relative gap is measured; signed_relative keeps the results of earlier versions.
  gap_measure gap = gap_measure::signed_relative;

  alarm_modulated(T initial_goal, T adjustment, sd::lookup alarm_table,
                  Signal performance = Signal{})
      : detail::adjusting_goal<alarm_modulated<T, Signal>, T, Signal>(initial_goal, adjustment,
                                                                      std::move(performance)),
        alarm(std::move(alarm_table)) {
    // An integer goal is refused by the static_assert above; checking it again would only add
    // errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      validate();
      this->prepare();
    }
  }

  /// The same goal with the relative gap measured by `measure`.
  alarm_modulated with_gap(gap_measure measure) const {
    alarm_modulated copy = *this;
    copy.gap = measure;
    copy.validate();
    return copy;
  }

  void validate() const {
    detail::adjusting_goal<alarm_modulated<T, Signal>, T, Signal>::validate();
    if (gap != gap_measure::signed_relative && gap != gap_measure::absolute_relative) {
      throw invalid_parameter(component, "gap",
                              "must be gap_measure::signed_relative or absolute_relative",
                              std::to_string(static_cast<int>(gap)));
    }
  }

  /// (D - P) / |D|, or 0 when D is 0.
  static T relative_gap(const T& level, const T& perceived_state) {
    return math::zidz(level - perceived_state, math::abs(level));
  }
  /// The relative gap as `measure` takes it, or 0 when D is 0.
  static T relative_gap(const T& level, const T& perceived_state, gap_measure measure) {
    const T difference = level - perceived_state;
    const T numerator =
        measure == gap_measure::absolute_relative ? math::abs(difference) : difference;
    return math::zidz(numerator, math::abs(level));
  }
  T rate(const T& level, const T& target, const signals<T>& s) const {
    return (target - level) * this->adjustment_rate() *
           alarm(relative_gap(level, s.perceived, gap));
  }
};

template <class T>
alarm_modulated(T, T, sd::lookup) -> alarm_modulated<T>;
template <class T, class S>
alarm_modulated(T, T, sd::lookup, S) -> alarm_modulated<T, S>;
/// alarm_modulated(100.0, 4, alarm) or (100.0f, 4.0, alarm): refused by the static_assert above
/// in one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
alarm_modulated(A, B, sd::lookup) -> alarm_modulated<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class S,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
alarm_modulated(A, B, sd::lookup, S)
    -> alarm_modulated<goaldrift::detail::mismatched_numbers<A, B>, S>;

}  // namespace goaldrift::goal

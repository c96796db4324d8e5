// A best-past ratchet: the goal rises to the best performance seen and does not fall.
#pragma once

#include <optional>
#include <type_traits>

#include "../detail/cached_rate.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "detail/moving_goal.hpp"
#include "signal.hpp"

namespace goaldrift::goal {

/// D rises toward a better signal with `rise_time` and never falls, unless `forgetting_time`
/// is set, in which case it sinks toward a worse signal that slowly. Meadows' second antidote
/// ("let standards be enhanced by the best actual performances"). As rise_time -> 0 without
/// forgetting, D becomes max(initial, running maximum of the signal): Insight Maker's PastMax
/// of the signal, floored at the initial goal.
template <class T = double, class Signal = perceived<T>>
struct best_past : detail::moving_goal<best_past<T, Signal>, T, Signal> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::best_past: the initial goal and the rise time must be "
                "floating-point values or SIMD packs (write 100.0, 4.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::best_past: the initial goal and the rise time must have the same "
                "floating-point type (write 100.0, 4.0, not 100.0, 4; for a SIMD pack T, "
                "T(100.0), T(4.0)).");
  static constexpr const char* component = "goaldrift::goal::best_past";

  T rise_time{};
  std::optional<T> forgetting_time;

  best_past(T initial_goal, T rise, Signal performance = Signal{})
      : detail::moving_goal<best_past<T, Signal>, T, Signal>{initial_goal, performance},
        rise_time(rise) {
    validate();
    prepare();
  }

  /// Lists the parameters of rate() (moving_goal::visit_parameters puts them after the start).
  template <class Self, class Visitor>
  static void visit_rate_parameters(Self& self, Visitor& visit) {
    visit("rise_time", self.rise_time, "time the goal takes to rise to a better signal", "time");
    visit("forgetting_time", self.forgetting_time, "time the goal takes to sink to a worse signal, unset for never",
          "time");
  }

  /// The same ratchet, but one that lets the best past fade with `time`.
  best_past with_forgetting(T time) const {
    best_past copy = *this;
    copy.forgetting_time = time;
    copy.validate();
    copy.prepare();
    return copy;
  }

  void validate() const {
    this->validate_level(component);
    // An integer goal is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_positive(component, "rise_time", rise_time);
      if (forgetting_time) {
        goaldrift::detail::require_positive(component, "forgetting_time", *forgetting_time);
      }
    }
  }
  /// Takes up rise_time and forgetting_time (public, so a study may have changed them); the
  /// constructors and start() call it.
  void prepare() {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see validate
      rise_rate_.update(rise_time);
      if (forgetting_time) forgetting_rate_.update(*forgetting_time);
    }
  }
  T rate(const T& level, const T& target, const signals<T>&) const {
    const T gap = target - level;
    const T fall = forgetting_time ? forgetting_rate_.of(*forgetting_time) : T(0);
    return gap * math::select(gap > T(0), rise_rate_.of(rise_time), fall);
  }

 private:
  goaldrift::detail::cached_rate<T> rise_rate_;
  goaldrift::detail::cached_rate<T> forgetting_rate_;
};

template <class T>
best_past(T, T) -> best_past<T>;
template <class T, class S>
best_past(T, T, S) -> best_past<T, S>;
/// best_past(100.0, 4) or best_past(100.0f, 4.0): refused by the static_assert above in one
/// sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
best_past(A, B) -> best_past<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class S,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
best_past(A, B, S) -> best_past<goaldrift::detail::mismatched_numbers<A, B>, S>;

}  // namespace goaldrift::goal

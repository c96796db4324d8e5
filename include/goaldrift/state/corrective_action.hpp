// Corrective action: how hard the actor pushes S, given the desired and perceived states.
#pragma once

#include <type_traits>
#include <utility>

#include "../detail/cached_rate.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "../sd/lookup.hpp"

namespace goaldrift::state {

/// action = (D - P) / action_time: close the perceived gap in about action_time.
template <class T = double>
struct proportional {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::state::proportional: the action time must be a floating-point value "
                "or a SIMD pack (write 4.0), not an integer.");
  using scalar_type = T;
  static constexpr const char* component = "goaldrift::state::proportional";

  T action_time{};

  explicit proportional(T time) : action_time(time) {
    validate();
    prepare();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("action_time", self.action_time, "time the actor takes to close the perceived gap", "time");
  }

  void validate() const {
    // An integer time is refused by the static_assert above; checking it again would only add
    // errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_positive(component, "action_time", action_time);
    }
  }
  /// Takes up action_time (it is public, so a study may have changed it); the constructor and
  /// the state's start() call it.
  void prepare() { action_rate_.update(action_time); }
  T operator()(const T& desired, const T& perceived) const {
    return (desired - perceived) * action_rate_.of(action_time);
  }

 private:
  goaldrift::detail::cached_rate<T> action_rate_;
};

template <class T>
proportional(T) -> proportional<T>;

/// action = (D - P) / action_time, limited to [-max_rate, max_rate]: an organisation that can
/// only fix so much per unit of time.
template <class T = double>
struct capacity_limited {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::state::capacity_limited: the action time and the maximum rate must be "
                "floating-point values or SIMD packs (write 4.0, 2.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::state::capacity_limited: the action time and the maximum rate must "
                "have the same floating-point type (write 4.0, 2.0, not 4.0, 2; for a SIMD pack "
                "T, T(4.0), T(2.0)).");
  using scalar_type = T;
  static constexpr const char* component = "goaldrift::state::capacity_limited";

  T action_time{};
  T max_rate{};

  capacity_limited(T time, T maximum_rate) : action_time(time), max_rate(maximum_rate) {
    validate();
    prepare();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("action_time", self.action_time, "time the actor takes to close the perceived gap", "time");
    visit("max_rate", self.max_rate, "the most the actor can correct per unit of time", "level/time");
  }

  void validate() const {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see proportional::validate
      goaldrift::detail::require_positive(component, "action_time", action_time);
      goaldrift::detail::require_positive(component, "max_rate", max_rate);
    }
  }
  /// Takes up action_time (see proportional).
  void prepare() {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see proportional::validate
      action_rate_.update(action_time);
    }
  }
  T operator()(const T& desired, const T& perceived) const {
    return math::clamp((desired - perceived) * action_rate_.of(action_time), -max_rate, max_rate);
  }

 private:
  goaldrift::detail::cached_rate<T> action_rate_;
};

template <class T>
capacity_limited(T, T) -> capacity_limited<T>;
/// capacity_limited(4.0, 2) or capacity_limited(4.0f, 2.0): refused by the static_assert above in
/// one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
capacity_limited(A, B) -> capacity_limited<goaldrift::detail::mismatched_numbers<A, B>>;

/// action = |D| * effect((D - P) / |D|) / action_time: the response to the relative gap is
/// shaped by a lookup table (a dead zone, saturation, panic). effect(g) = g is proportional.
template <class T = double>
struct lookup_shaped {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::state::lookup_shaped: the action time must be a floating-point value "
                "or a SIMD pack (write 4.0), not an integer.");
  using scalar_type = T;
  static constexpr const char* component = "goaldrift::state::lookup_shaped";

  T action_time{};
  sd::lookup effect;

  lookup_shaped(T time, sd::lookup effect_of_relative_gap)
      : action_time(time), effect(std::move(effect_of_relative_gap)) {
    validate();
    prepare();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp); the effect table is not one.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("action_time", self.action_time, "time the actor takes to close the perceived gap", "time");
  }

  void validate() const {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see proportional::validate
      goaldrift::detail::require_positive(component, "action_time", action_time);
    }
  }
  T operator()(const T& desired, const T& perceived) const {
    const T scale = math::abs(desired);
    return scale * effect(math::zidz(desired - perceived, scale)) * action_rate_.of(action_time);
  }
  /// Takes up action_time (see proportional).
  void prepare() { action_rate_.update(action_time); }

 private:
  goaldrift::detail::cached_rate<T> action_rate_;
};

template <class T>
lookup_shaped(T, sd::lookup) -> lookup_shaped<T>;

}  // namespace goaldrift::state

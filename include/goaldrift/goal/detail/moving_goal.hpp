// The common shape of goals that move toward a performance signal at some rate.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../detail/cached_rate.hpp"
#include "../../detail/hooks.hpp"
#include "../../detail/scalar_type.hpp"
#include "../../detail/validate.hpp"
#include "../../run_context.hpp"
#include "../../signals.hpp"
#include "../concept.hpp"

namespace goaldrift::goal::detail {

/// State: the goal level D, then the signal's own states. `Derived::rate(level, target, s)`
/// says how fast D moves toward the signal's value; everything else is shared here.
template <class Derived, class T, class Signal>
struct moving_goal {
  // A performance signal has the shape of a goal policy: check it with the same sentences.
  static_assert(goal::check<Signal>());
  // (A goal or signal given integers, or numbers of two types, has said so itself.)
  static_assert(!goaldrift::detail::is_scalar_v<T> ||
                    goaldrift::detail::has_refused_scalar_v<Signal> ||
                    std::is_same_v<typename Signal::scalar_type, T>,
                "goaldrift::goal: a goal and the performance signal it follows must have the same "
                "scalar type (floating(100.0, 12.0, remembered(2.0, 8.0)), not remembered(2.0f, "
                "8.0f)).");
  using scalar_type = T;
  static constexpr std::size_t state_size = 1 + Signal::state_size;
  static constexpr bool needs_fixed_step = goaldrift::detail::needs_fixed_step_v<Signal>;

  /// The goal at the start of the run.
  T initial{};
  /// What the goal moves toward: perceived<T> or remembered<T>.
  Signal signal{};

  /// Lists the parameters by name (goaldrift/parameters.hpp): the start, the times of
  /// Derived::rate (Derived::visit_rate_parameters), then the signal's under "signal.".
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("initial", self.initial, "the goal at the start of the run", "level");
    Derived::visit_rate_parameters(self, visit);
    visit.part("signal", self.signal);
  }

  std::array<std::string, state_size> state_names() const {
    std::array<std::string, state_size> names;
    names[0] = "level";
    const auto local = signal.state_names();
    for (std::size_t i = 0; i < local.size(); ++i) {
      names[i + 1] = local[i];
    }
    return names;
  }
  void initialize(T* x, const signals<T>& s) const {
    x[0] = initial;
    signal.initialize(x + 1, s);
  }
  T value(const T* x, const signals<T>&) const { return x[0]; }
  void derivative(const T* x, const signals<T>& s, T* dxdt) const {
    const T target = signal.value(x + 1, s);
    dxdt[0] = static_cast<const Derived&>(*this).rate(x[0], target, s);
    signal.derivative(x + 1, s, dxdt + 1);
  }
  template <class Key>
  void reseed(const Key& key) {
    goaldrift::detail::reseed(signal, key);
  }
  /// Takes up the goal's times (Derived::prepare) and starts the signal.
  void start(const run_context& ctx, const signals<T>& s) {
    static_cast<Derived&>(*this).prepare();
    goal::start(signal, ctx, s);
  }
  void advance(T* x, const signals<T>& s) { goal::advance(signal, x + 1, s); }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    goaldrift::detail::breakpoints(signal, from, to, out);
  }

 protected:
  void validate_level(const char* component) const {
    // An integer goal (or numbers of two types) is refused by Derived's static_assert; checking
    // it here too would only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_finite(component, "initial", initial);
      goaldrift::detail::validate(signal);
    }
  }
};

/// A moving goal whose speed is set by one adjustment time (floating, slip-only,
/// alarm-modulated). Derived gives the constructors, so that floating(100.0, 12.0) deduces its
/// type, and the component name.
template <class Derived, class T, class Signal>
struct adjusting_goal : moving_goal<Derived, T, Signal> {
  T adjustment_time{};

  /// Lists the parameters of rate() (moving_goal::visit_parameters puts them after the start).
  template <class Self, class Visitor>
  static void visit_rate_parameters(Self& self, Visitor& visit) {
    visit("adjustment_time", self.adjustment_time, "time the goal takes to close its gap to the signal", "time");
  }

  void validate() const {
    this->validate_level(Derived::component);
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see validate_level
      goaldrift::detail::require_positive(Derived::component, "adjustment_time", adjustment_time);
    }
  }
  /// Takes up adjustment_time (it is public, so a study may have changed it); the
  /// constructors and start() call it.
  void prepare() {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see validate_level
      adjustment_rate_.update(adjustment_time);
    }
  }

 protected:
  adjusting_goal(T initial_goal, T adjustment, Signal performance)
      : moving_goal<Derived, T, Signal>{initial_goal, std::move(performance)},
        adjustment_time(adjustment) {}

  T adjustment_rate() const { return adjustment_rate_.of(adjustment_time); }

 private:
  goaldrift::detail::cached_rate<T> adjustment_rate_;
};

}  // namespace goaldrift::goal::detail

// A reporting delay: the actor sees the state as it was a fixed time ago (Vensim DELAY FIXED).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../run_context.hpp"
#include "../sd/delay_fixed.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

/// P(t_k) = input(t_k - n dt) with n = round(delay_time / dt) (at least 1), and `initial`
/// (or the first input) before that: a monthly report that arrives `delay_time` late.
/// A pipeline of step values, not an ODE, so it works only under fixed steps (euler, rk4);
/// simulate() with an adaptive method refuses it before integrating. It owns no ODE state.
template <class T = double>
struct reporting_delay {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::perception::reporting_delay: the initial value must be a "
                "floating-point value or a SIMD pack (write 100.0), not an integer.");
  using scalar_type = T;
  static constexpr std::size_t state_size = 0;
  static constexpr bool needs_fixed_step = true;
  static constexpr const char* component = "goaldrift::perception::reporting_delay";

  double delay_time = 1.0;
  std::optional<T> initial;

  explicit reporting_delay(double delay) : delay_time(delay) { validate(); }
  reporting_delay(double delay, T initial_value) : delay_time(delay), initial(initial_value) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("delay_time", self.delay_time, "time the report arrives late", "time");
    visit("initial", self.initial, "what is reported before the first report, unset for the first input", "level");
  }

  void validate() const {
    goaldrift::detail::require_positive(component, "delay_time", delay_time);
    // An integer initial value is refused by the static_assert above; checking it again would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      if (initial) {
        goaldrift::detail::require_finite(component, "initial", *initial);
      }
    }
  }
  std::array<std::string, 0> state_names() const { return {}; }

  void start(const run_context& ctx, const T& input, const time_point&) {
    if (!ctx.fixed_step) {
      throw invalid_parameter(component, "method",
                              "must be a fixed-step method such as euler or rk4, because DELAY "
                              "FIXED is a pipeline of values recorded once per step",
                              ctx.method);
    }
    // The pipeline would refuse a delay too long for this dt under its own name, which the user
    // never wrote; check it here under ours.
    sd::delay_fixed<T>::check(delay_time, ctx.dt, component, "delay_time");
    pipeline_.start(delay_time, ctx, initial ? *initial : input);
  }
  void advance(T*, const T& input, const time_point&) { pipeline_.advance(input); }

  void initialize(T*, const T&, const time_point&) const {}
  T value(const T*, const T&, const time_point&) const { return pipeline_.output(); }
  void derivative(const T*, const T&, const time_point&, T*) const {}

  /// True once start() has sized the pipeline; the model refuses to evaluate before that.
  bool started() const noexcept { return pipeline_.steps() > 0; }

 private:
  sd::delay_fixed<T> pipeline_;
};

template <class T>
reporting_delay(double, T) -> reporting_delay<T>;
reporting_delay(double) -> reporting_delay<double>;

}  // namespace goaldrift::perception

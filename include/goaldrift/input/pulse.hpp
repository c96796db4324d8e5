// Vensim PULSE and PULSE TRAIN: rectangular pulses of height 1 (or a given height).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// PULSE(start, width): `height` (1 by default) while start < jump_t < start + width, else 0.
/// With Vensim's rule jump_t = t + dt/2, a pulse at 3 of width 2 with dt = 1/16 is on from
/// t = 3 to t = 4.9375. As in Vensim, a width of 0 is read as one time step, dt: the pulse is
/// on for the one step whose t + dt/2 lies in (start, start + dt). An adaptive method has no
/// time step, so there breakpoints(), which an adaptive run asks for before integrating,
/// refuses a width of 0; a plain evaluation at t (half_step 0) never sees it on.
template <class T = double>
struct pulse {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::pulse: the height must be a floating-point value or a SIMD pack "
                "(write pulse(3, 2, 5.0)), not an integer.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::pulse";

  double start = 0.0;
  double width = 1.0;
  T height = T(1);

  pulse() = default;
  pulse(double start_time, double pulse_width) : start(start_time), width(pulse_width) {
    validate();
  }
  pulse(double start_time, double pulse_width, T pulse_height)
      : start(start_time), width(pulse_width), height(pulse_height) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("start", self.start, "time the pulse starts", "time");
    visit("width", self.width, "how long the pulse lasts, 0 for one time step", "time");
    visit("height", self.height, "the value while the pulse is on", "input");
  }

  void validate() const {
    // An integer height is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "start", start);
      detail::check_lanes(
          component, "width", width, [](double v) { return std::isfinite(v) && v >= 0.0; },
          "must be non-negative and finite (0 is one time step)");
      detail::require_finite(component, "height", height);
    }
  }

  T operator()(const time_point& when) const {
    const double jt = when.jump_t;
    const double w = width > 0.0 ? width : 2.0 * when.half_step;
    return jt > start && jt < start + w ? height : T(0);
  }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    if (!(width > 0.0)) {
      throw invalid_parameter(component, "width",
                              "must be positive under an adaptive method: 0 means one time "
                              "step, which only a fixed-step method such as euler or rk4 has",
                              width);
    }
    for (double b : {start, start + width}) {
      if (b > from && b < to) {
        out.push_back(b);
      }
    }
  }
};

template <class T>
pulse(double, double, T) -> pulse<T>;
pulse(double, double) -> pulse<double>;

/// PULSE TRAIN(start, duration, repeat, end): pulses of `height` (1 by default) lasting
/// `duration`, starting at start, start + repeat, start + 2 repeat, ... as long as the pulse
/// starts no later than `end`; nothing after `end`. A pulse still on at `end` is cut there:
/// under fixed steps it is on at the last grid time t_k <= end and off from the next one, as
/// in Vensim. Each edge is decided like PULSE's.
template <class T = double>
struct pulse_train {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::pulse_train: the height must be a floating-point value or a "
                "SIMD pack (write pulse_train(3, 1, 5, 20, 2.0)), not an integer.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::pulse_train";

  double start = 0.0;
  double duration = 1.0;
  double repeat = 2.0;
  double end = 0.0;
  T height = T(1);

  pulse_train() = default;
  pulse_train(double start_time, double pulse_duration, double repeat_time, double end_time)
      : start(start_time), duration(pulse_duration), repeat(repeat_time), end(end_time) {
    validate();
  }
  pulse_train(double start_time, double pulse_duration, double repeat_time, double end_time,
              T pulse_height)
      : start(start_time),
        duration(pulse_duration),
        repeat(repeat_time),
        end(end_time),
        height(pulse_height) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("start", self.start, "time the first pulse starts", "time");
    visit("duration", self.duration, "how long each pulse lasts", "time");
    visit("repeat", self.repeat, "time from the start of one pulse to the next", "time");
    visit("end", self.end, "time after which no pulse starts", "time");
    visit("height", self.height, "the value while a pulse is on", "input");
  }

  void validate() const {
    // An integer height is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (detail::is_scalar_v<T>) {
      detail::require_finite(component, "start", start);
      detail::require_positive(component, "duration", duration);
      detail::require_positive(component, "repeat", repeat);
      if (duration > repeat) {
        throw invalid_parameter(component, "duration",
                                "must not exceed repeat (" + detail::format_number(repeat) +
                                    "), or the pulses overlap",
                                duration);
      }
      if (!std::isfinite(end) || end < start) {
        throw invalid_parameter(component, "end",
                                "must be finite and not before start (" +
                                    detail::format_number(start) + ")",
                                end);
      }
      detail::require_finite(component, "height", height);
    }
  }

  T operator()(const time_point& when) const {
    const double jt = when.jump_t;
    if (!(jt > start) || when.grid_t() > end) {
      return T(0);
    }
    const double k = std::floor((jt - start) / repeat);
    const double pulse_start = start + k * repeat;
    const bool on = pulse_start <= end && jt > pulse_start && jt < pulse_start + duration;
    return on ? height : T(0);
  }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    auto add = [&](double b) {
      if (b > from && b < to) {
        out.push_back(b);
      }
    };
    // Past the repetitions that end before `from`; refuses a repeat that would put more than
    // max_breakpoints in (from, to) (two a pulse) or could not be counted.
    const double first =
        std::max(0.0, detail::first_repetition(component, "repeat", repeat, start, from, std::min(to, end), 2.0) - 1.0);
    for (double k = first;; k += 1.0) {
      const double s = start + k * repeat;
      if (s > end || s >= to) {
        break;
      }
      add(s);
      add(s + duration < end ? s + duration : end);
    }
  }
};

template <class T>
pulse_train(double, double, double, double, T) -> pulse_train<T>;
pulse_train(double, double, double, double) -> pulse_train<double>;

}  // namespace goaldrift::input

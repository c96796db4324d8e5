// The drift to low performance and Meadows' two antidotes, under one and the same pressure.
#pragma once

#include <goaldrift/goaldrift.hpp>

namespace stories::meadows_drift {

namespace gd = goaldrift;

/// Service quality starts at 100 with a goal of 100. Workload pressure takes 1 point a month,
/// except for a good year (months 24-36) when the pressure turns into relief of 2 a month.
inline constexpr double action_time = 4.0;   // months to close a perceived gap
inline constexpr double goal_time = 12.0;    // months for the goal to float to performance
inline constexpr double pressure_level = 1.0;

inline auto pressure() { return pressure_level - 3.0 * gd::input::pulse(24.0, 12.0); }
// The actor believes bad news within a month, good news only over six.
inline auto perception() { return gd::perception::asymmetric(1.0, 6.0); }
inline auto quality() { return gd::state::actual(100.0, action_time); }

/// The eroding goal: it floats toward what the actor perceives.
inline auto eroding() {
  return gd::make_model(quality(), perception(), gd::goal::floating(100.0, goal_time), pressure());
}
/// Antidote 1: an absolute standard.
inline auto absolute() {
  return gd::make_model(quality(), perception(), gd::goal::absolute(100.0), pressure());
}
/// Antidote 2: the goal rises to the best performance perceived (3 months) and never falls.
inline auto best_past() {
  return gd::make_model(quality(), perception(), gd::goal::best_past(100.0, 3.0), pressure());
}

inline gd::run_options options() { return gd::run_options(0.0, 120.0, 0.125).saving_every(1.0); }

/// Theory: a floating goal under steady pressure u declines at u * ta / (ta + tg).
inline constexpr double predicted_decline_rate = pressure_level * action_time / (action_time + goal_time);

/// The three runs the example prints and the tests check.
struct results {
  gd::trajectory eroding, absolute, best_past;
};
inline results run() {
  return {gd::simulate(eroding(), options(), gd::method::rk4{}),
          gd::simulate(absolute(), options(), gd::method::rk4{}),
          gd::simulate(best_past(), options(), gd::method::rk4{})};
}

}  // namespace stories::meadows_drift

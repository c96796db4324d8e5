// The boiled frog: the same total loss, arriving suddenly or gradually.
#pragma once

#include <goaldrift/goaldrift.hpp>

namespace stories::boiled_frog {

namespace gd = goaldrift;

inline constexpr double action_time = 4.0;
inline constexpr double goal_time = 12.0;
inline constexpr double total_loss = 20.0;  // points of quality taken by pressure, either way

/// 20 points in one month, from month 12.
inline auto sudden() { return gd::input::pulse(12.0, 1.0, total_loss); }
/// 20 points over 100 months (0.2 a month), from month 12.
inline auto gradual() { return gd::input::pulse(12.0, 100.0, total_loss / 100.0); }

/// The goal erodes freely while the relative gap (D - P) / D stays below 2 %, less as the gap
/// grows, and not at all beyond 10 %: a gap that size raises the alarm.
inline auto alarmed_goal() {
  return gd::goal::alarm_modulated(100.0, goal_time, gd::goal::alarm_curve(0.02, 0.10));
}
inline auto plain_goal() { return gd::goal::floating(100.0, goal_time); }

template <class Goal, class Pressure>
auto model(Goal goal, Pressure pressure) {
  return gd::make_model(gd::state::actual(100.0, action_time), gd::perception::smooth(2.0),
                        std::move(goal), std::move(pressure));
}

inline gd::run_options options() { return gd::run_options(0.0, 240.0, 0.125).saving_every(1.0); }

/// With a plain (linear) floating goal the invariant ta*S + tg*D falls by ta * total_loss in
/// both cases, so both settle at 100 - ta * loss / (ta + tg): only the alarm tells them apart.
inline constexpr double linear_final = 100.0 - action_time * total_loss / (action_time + goal_time);

struct results {
  gd::trajectory sudden, gradual, sudden_plain, gradual_plain;
};
inline results run() {
  const auto o = options();
  return {gd::simulate(model(alarmed_goal(), sudden()), o), gd::simulate(model(alarmed_goal(), gradual()), o),
          gd::simulate(model(plain_goal(), sudden()), o), gd::simulate(model(plain_goal(), gradual()), o)};
}

}  // namespace stories::boiled_frog

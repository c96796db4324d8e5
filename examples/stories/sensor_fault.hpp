// A sensor reads 20 % low for a year, then is fixed. Which goals remember the fault?
#pragma once

#include <goaldrift/goaldrift.hpp>

namespace stories::sensor_fault {

namespace gd = goaldrift;

inline constexpr double action_time = 4.0;
inline constexpr double goal_time = 12.0;

/// The reading is S * (1 - bias): 20 % low from month 12 to month 24, exact otherwise.
inline auto faulty_sensor() {
  return gd::perception::distorted(gd::perception::smooth(1.0), gd::input::pulse(12.0, 12.0, 0.2));
}

template <class Goal>
auto model(Goal goal) {
  return gd::make_model(gd::state::actual(100.0, action_time), faulty_sensor(), std::move(goal));
}
inline auto absolute() { return model(gd::goal::absolute(100.0)); }
/// A floating goal fed by the same (faulty) perception as the corrective action.
inline auto symmetric_floating() { return model(gd::goal::floating(100.0, goal_time)); }
/// A goal that slips toward bad news and never rises back on its own.
inline auto slip_only() { return model(gd::goal::slip_only(100.0, goal_time)); }

inline gd::run_options options() { return gd::run_options(0.0, 120.0, 0.125).saving_every(1.0); }

struct results {
  gd::trajectory absolute, floating, slip_only;
};
inline results run() {
  return {gd::simulate(absolute(), options()), gd::simulate(symmetric_floating(), options()),
          gd::simulate(slip_only(), options())};
}

}  // namespace stories::sensor_fault

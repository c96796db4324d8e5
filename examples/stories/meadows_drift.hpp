// The drift to low performance and Meadows' two antidotes, under one and the same pressure.
#pragma once

#include <cmath>
#include <cstddef>

#include <goaldrift/goaldrift.hpp>

namespace stories::meadows_drift {

namespace gd = goaldrift;

/// Service quality starts at 100 with a goal of 100. Workload pressure takes half a point a
/// month on average, with seasons: up to 2 more in the busy first half of each year, up to 2
/// less in the quiet second half. The actor sees quality within a month.
inline constexpr double action_time = 4.0;   // months to close a perceived gap
inline constexpr double goal_time = 12.0;    // months for the goal to float to performance
inline constexpr double pressure_level = 0.5;
inline constexpr double season_swing = 2.0;
inline constexpr double pi = 3.14159265358979323846;

inline auto pressure() { return gd::input::sine_wave(pressure_level, season_swing, 12.0); }
inline auto perception() { return gd::perception::smooth(1.0); }
inline auto quality() { return gd::state::actual(100.0, action_time); }

/// What the goal floats toward: a remembered performance that takes in bad news (a season
/// worse than remembered) within `bad_news_time` months and good news over `good_news_time`.
template <class Signal>
auto floating_toward(Signal signal) {
  return gd::make_model(quality(), perception(), gd::goal::floating(100.0, goal_time, signal),
                        pressure());
}
/// The eroding goal: bad news believed within a month, good news only over a year.
inline constexpr double bad_news_time = 1.0;
inline constexpr double good_news_time = 12.0;
inline auto eroding() { return floating_toward(gd::goal::remembered(bad_news_time, good_news_time)); }
/// Antidote 1: an absolute standard.
inline auto absolute() {
  return gd::make_model(quality(), perception(), gd::goal::absolute(100.0), pressure());
}
/// Antidote 2: the goal rises to the best performance perceived (3 months) and never falls.
inline auto best_past() {
  return gd::make_model(quality(), perception(), gd::goal::best_past(100.0, 3.0), pressure());
}

/// Two controls for the eroding goal. The same memory without its bias (3 months each way)...
inline constexpr double symmetric_memory_time = 3.0;
inline auto symmetric_memory() {
  return floating_toward(gd::goal::remembered(symmetric_memory_time, symmetric_memory_time));
}
/// ...and no memory at all, the goal floating toward P. Then d/dt(ta S + tg D) = -ta u: only
/// the pressure moves the sum, and the decline is the pressure's share alone.
inline auto no_memory() { return floating_toward(gd::goal::perceived{}); }

inline constexpr double years = 10.0;
inline gd::run_options options() { return gd::run_options(0.0, 12.0 * years, 0.125).saving_every(1.0); }

/// Theory: a floating goal under pressure of mean u declines at u * ta / (ta + tg) (per month).
inline constexpr double pressure_share = pressure_level * action_time / (action_time + goal_time);

/// The mean of a column over year `year` (1 = months 0-12): twelve monthly samples, months
/// 12(year-1)+1 .. 12 year, so that the seasons cancel.
inline double yearly_mean(const gd::trajectory& t, const char* column, int year) {
  const auto& v = t[column];
  double sum = 0.0;
  for (std::size_t m = 1; m <= 12; ++m) sum += v[12 * static_cast<std::size_t>(year - 1) + m];
  return sum / 12.0;
}
/// How much S falls per month in a steady state: yearly means of the last five years.
inline double decline_rate(const gd::trajectory& t) {
  const int last = static_cast<int>(years);
  return (yearly_mean(t, "S", last - 5) - yearly_mean(t, "S", last)) / 60.0;
}

/// The runs the example prints and the tests check.
struct results {
  gd::trajectory eroding, absolute, best_past, symmetric_memory, no_memory;
};
inline results run() {
  return {gd::simulate(eroding(), options()), gd::simulate(absolute(), options()),
          gd::simulate(best_past(), options()), gd::simulate(symmetric_memory(), options()),
          gd::simulate(no_memory(), options())};
}

}  // namespace stories::meadows_drift

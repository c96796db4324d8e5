// Bad news and good news: a goal set from a remembered performance, under seasonal pressure.
#pragma once

#include <cstddef>

#include <goaldrift/goaldrift.hpp>

namespace stories::bad_news {

namespace gd = goaldrift;

inline constexpr double action_time = 4.0;
inline constexpr double goal_time = 6.0;

/// Seasonal pressure with zero mean: 3 points a month at the peak, a 12-month cycle.
inline auto seasonal_pressure() { return gd::input::sine_wave(0.0, 3.0, 12.0); }

/// The goal floats toward a memory of perceived performance with its own bad-news and
/// good-news times; the actor perceives S promptly (1 month).
inline auto model(double bad_news_time, double good_news_time) {
  return gd::make_model(
      gd::state::actual(100.0, action_time), gd::perception::smooth(1.0),
      gd::goal::floating(100.0, goal_time, gd::goal::remembered(bad_news_time, good_news_time)),
      seasonal_pressure());
}
/// Bad news believed in a month, good news over a year: Meadows' eroding goal.
inline auto pessimistic() { return model(1.0, 12.0); }
inline auto symmetric() { return model(4.0, 4.0); }
/// "Take the best results as the standard, the worst as a temporary setback."
inline auto optimistic() { return model(12.0, 1.0); }

inline gd::run_options options() { return gd::run_options(0.0, 240.0, 0.125).saving_every(1.0); }

/// Average change of S per year over the last 10 years (whole seasons, so the cycle cancels).
inline double drift_per_year(const gd::trajectory& t) {
  const auto& s = t.actual();
  const std::size_t end = s.size() - 1;           // month 240
  const std::size_t begin = end - 120;            // month 120
  double mean_late = 0.0;
  double mean_early = 0.0;
  for (std::size_t i = 0; i < 12; ++i) {  // average over a whole season at each end
    mean_late += s[end - i] / 12.0;
    mean_early += s[begin - i] / 12.0;
  }
  return (mean_late - mean_early) / 10.0;
}

struct results {
  gd::trajectory pessimistic, symmetric, optimistic;
};
inline results run() {
  return {gd::simulate(pessimistic(), options()), gd::simulate(symmetric(), options()),
          gd::simulate(optimistic(), options())};
}

}  // namespace stories::bad_news

// The Meadows drift and its antidotes as a Monte Carlo study: pink-noise pressure and
// uncertain action, perception and goal times.
#pragma once

#include <goaldrift/ensemble.hpp>

namespace stories::monte_carlo_antidotes {

namespace gd = goaldrift;
namespace dist = goaldrift::distribution;

/// Pressure of 1 point a month on average, wandering as pink noise (sd 1.5, correlated over
/// 3 months, redrawn every half month).
inline auto pressure() { return gd::noise::pink("pressure", 1.0, 1.5, 3.0, 0.5); }

template <class Goal>
auto model(Goal goal) {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0), std::move(goal),
                        pressure());
}

/// Every policy gets the same uncertain action and perception times; a goal that moves also
/// gets an uncertain goal time.
// [ensemble-study]
template <class Model>
gd::ensemble::study<Model> common(Model m) {
  gd::ensemble::study<Model> s(std::move(m));
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& x) -> double& { return x.state.corrective.action_time; });
  s.vary("bad_news_time", dist::triangular(0.5, 1.0, 2.0),
         [](auto& x) -> double& { return x.perception.bad_news_time; });
  s.vary("good_news_time", dist::triangular(3.0, 6.0, 12.0),
         [](auto& x) -> double& { return x.perception.good_news_time; });
  return s;
}

/// Meadows' eroding goal: it floats toward a pessimistic memory of performance, which takes in
/// a bad spell within about a month and a good one only over about a year. (Floating toward the
/// perceived state instead, the goal would erode only by the pressure's share, u ta / (ta + tg)
/// a month: the invariant of docs/model.md leaves a perception's bias no effect on the drift.)
inline auto eroding() {
  auto s = common(model(gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 12.0))));
  s.vary("goal_time", dist::uniform(6.0, 24.0), [](auto& x) -> double& { return x.goal.adjustment_time; });
  s.vary("memory_bad_news_time", dist::triangular(0.5, 1.0, 2.0),
         [](auto& x) -> double& { return x.goal.signal.bad_news_time; });
  s.vary("memory_good_news_time", dist::triangular(6.0, 12.0, 24.0),
         [](auto& x) -> double& { return x.goal.signal.good_news_time; });
  return s;
}
// [ensemble-study]
inline auto absolute() { return common(model(gd::goal::absolute(100.0))); }
inline auto best_past() {
  auto s = common(model(gd::goal::best_past(100.0, 3.0)));
  s.vary("goal_time", dist::uniform(1.0, 6.0), [](auto& x) -> double& { return x.goal.rise_time; });
  return s;
}

/// Ten years in half-month steps, summarised every two months.
inline gd::run_options grid() { return gd::run_options(0.0, 120.0, 0.5).saving_every(2.0); }

inline gd::ensemble::options options(std::size_t members) {
  gd::ensemble::options o;
  o.members = members;
  o.seed = 20081;  // Meadows, Thinking in Systems (2008)
  o.threads = 0;   // every hardware thread
  o.sampling = gd::ensemble::design::latin_hypercube;
  return o;
}

}  // namespace stories::monte_carlo_antidotes

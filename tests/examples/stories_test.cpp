// Each example's printed claim, checked on the same models it runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "stories/bad_news.hpp"
#include "stories/boiled_frog.hpp"
#include "stories/common.hpp"
#include "stories/custom_part.hpp"
#include "stories/listening.hpp"
#include "stories/meadows_drift.hpp"
#include "stories/sensor_fault.hpp"

namespace gd = goaldrift;

TEST_CASE("meadows_drift: a pessimistic memory erodes the goal beyond the pressure's share, the antidotes hold or climb") {
  namespace story = stories::meadows_drift;
  const auto runs = story::run();
  const double ta = story::action_time;
  const double tg = story::goal_time;
  // Without a memory the invariant leaves only the pressure: ta*S + tg*D = Q0 - ta * integral of
  // u, at every month, and the steady decline is u*ta/(ta+tg).
  const auto& plain = runs.no_memory;
  for (std::size_t k = 0; k < plain.size(); ++k) {
    const double t = plain.time()[k];
    const double integral_u = story::pressure_level * t +
                              story::season_swing * 6.0 / story::pi * (1.0 - std::cos(2.0 * story::pi * t / 12.0));
    CHECK(ta * plain.actual()[k] + tg * plain.desired()[k] ==
          doctest::Approx((ta + tg) * 100.0 - ta * integral_u).epsilon(1e-9));
  }
  CHECK(story::decline_rate(plain) == doctest::Approx(story::pressure_share).epsilon(1e-6));

  // The pessimistic memory: d/dt(ta*S + tg*D) = (M - P) - ta*u, so on top of the pressure's
  // share the goal loses -mean(M - P)/(ta + tg) a month. Check that bookkeeping on the run...
  const auto& eroding = runs.eroding;
  const auto& memory = eroding["goal.memory"];
  const auto& perceived = eroding.perceived();
  double memory_below = 0.0;  // mean of M - P over the last five years, by the trapezoid rule
  for (std::size_t k = 60; k < 120; ++k) memory_below += 0.5 * (memory[k] - perceived[k] + memory[k + 1] - perceived[k + 1]) / 60.0;
  CHECK(memory_below < 0.0);
  CHECK(story::decline_rate(eroding) ==
        doctest::Approx(story::pressure_share - memory_below / (ta + tg)).epsilon(1e-3));
  // ...and the mechanism: the drift beyond the pressure's share is the memory's bias. The same
  // memory with equal times drifts at less than half the rate.
  CHECK(story::decline_rate(eroding) > 1.5 * story::pressure_share);
  CHECK(story::decline_rate(runs.symmetric_memory) < 0.5 * story::decline_rate(eroding));

  // Antidote 1: the absolute standard holds S at D - u*ta on average, year after year.
  for (int year = 2; year <= 10; ++year) {
    CHECK(story::yearly_mean(runs.absolute, "S", year) ==
          doctest::Approx(100.0 - story::pressure_level * ta).epsilon(1e-4));
  }
  // Antidote 2: the best-past goal never falls and climbs every year, and so does S.
  const auto& best = runs.best_past;
  for (std::size_t k = 1; k < best.size(); ++k) CHECK(best.desired()[k] >= best.desired()[k - 1]);
  for (int year = 2; year <= 10; ++year) {
    CHECK(story::yearly_mean(best, "S", year) > story::yearly_mean(best, "S", year - 1) + 0.5);
  }
  CHECK(story::yearly_mean(eroding, "S", 10) < story::yearly_mean(runs.absolute, "S", 10) - 20.0);
  CHECK(story::yearly_mean(best, "S", 10) > story::yearly_mean(runs.absolute, "S", 10) + 5.0);
}

TEST_CASE("boiled_frog: the sudden loss recovers more than the gradual one, only with alarm") {
  namespace story = stories::boiled_frog;
  const auto [sudden, gradual, sudden_plain, gradual_plain] = story::run();
  CHECK(sudden.final_value("S") > gradual.final_value("S") + 3.0);
  CHECK(sudden.final_value("S") > 98.0);
  // Without the alarm both settle where the linear invariant puts them.
  CHECK(sudden_plain.final_value("S") == doctest::Approx(story::linear_final).epsilon(1e-6));
  CHECK(gradual_plain.final_value("S") == doctest::Approx(story::linear_final).epsilon(1e-6));
}

TEST_CASE("bad_news: a pessimistic memory drifts down, a symmetric one holds, an optimistic one climbs") {
  namespace story = stories::bad_news;
  const auto runs = story::run();
  const double down = story::drift_per_year(runs.pessimistic);
  const double level = story::drift_per_year(runs.symmetric);
  const double up = story::drift_per_year(runs.optimistic);
  CHECK(down < -1.0);
  CHECK(std::fabs(level) < 0.01);
  CHECK(up > 1.0);
}

TEST_CASE("sensor_fault: only the slip-only goal keeps a loss after the sensor is fixed") {
  namespace story = stories::sensor_fault;
  const auto [absolute, floating, slip] = story::run();
  CHECK(absolute.final_value("S") == doctest::Approx(100.0).epsilon(1e-6));
  CHECK(floating.final_value("S") == doctest::Approx(100.0).epsilon(1e-6));
  CHECK(100.0 - slip.final_value("S") > 3.0);
  CHECK(slip.final_value("D") == doctest::Approx(slip.final_value("S")).epsilon(1e-6));
  // The floating goal was pulled down while the sensor lied: the fault did reach it.
  CHECK(stories::at(floating, "D", 24.0) < 96.0);
}

TEST_CASE("listening: rosy reports hide a loss as theory says, the top alone overshoots, the front line softens the shock") {
  namespace story = stories::listening;
  const auto [top, all] = story::run();
  CHECK(stories::at(top, "S", story::shock_time) == doctest::Approx(story::steady_state(-0.10)).epsilon(1e-3));
  CHECK(stories::at(all, "S", story::shock_time) ==
        doctest::Approx(story::steady_state(0.3 * -0.05 + 0.2 * -0.10)).epsilon(1e-3));
  auto trough = [](const gd::trajectory& t) { return *std::min_element(t.actual().begin(), t.actual().end()); };
  CHECK(trough(all) > trough(top) + 3.0);
  // "The late correction overshoots": hearing late, the top keeps correcting after S has
  // recovered and rises well above where it settles; the fused perception barely does.
  const auto late = story::summarise(top);
  const auto prompt = story::summarise(all);
  CHECK(late.lowest == doctest::Approx(trough(top)));
  CHECK(late.overshoot > 3.0);
  CHECK(prompt.overshoot < 1.0);
  CHECK(prompt.settled < late.settled - 3.0);  // "answers the shock in time"
}

TEST_CASE("custom_part: a 3-point blind spot costs 3 points of quality") {
  namespace story = stories::custom_part;
  const auto [smooth, noticing] = story::run();
  CHECK(smooth.final_value("S") == doctest::Approx(96.0).epsilon(1e-6));
  CHECK(noticing.final_value("S") == doctest::Approx(93.0).epsilon(1e-6));
  CHECK(noticing.final_value("P") - noticing.final_value("S") == doctest::Approx(3.0).epsilon(1e-6));
  story::noticeable_change broken;
  broken.smoothing_time = -1.0;
  CHECK_THROWS_WITH_AS(gd::simulate(story::model(broken), story::options()),
                       "noticeable_change: smoothing_time must be positive, got -1", gd::invalid_parameter);
}

TEST_CASE("custom_part: a user-written part that lists its parameters is reached by path") {
  namespace story = stories::custom_part;
  auto m = story::model(story::noticeable_change{});
  const auto names = gd::parameter_names(m);
  REQUIRE(names.size() >= 4);
  CHECK(names[0] == "state.initial");
  CHECK(std::find(names.begin(), names.end(), "perception.threshold") != names.end());
  CHECK(gd::get(m, "perception.threshold") == 3.0);
  gd::set(m, "perception.threshold", 1.0);
  // A 1-point blind spot costs 1 point.
  const auto run = gd::simulate(m, story::options());
  CHECK(run.final_value("S") == doctest::Approx(95.0).epsilon(1e-6));
  // The part's own check runs on set(), and the model keeps the old value.
  CHECK_THROWS_WITH_AS(gd::set(m, "perception.smoothing_time", -2.0),
                       "noticeable_change: smoothing_time must be positive, got -2", gd::invalid_parameter);
  CHECK(gd::get(m, "perception.smoothing_time") == 1.0);
}

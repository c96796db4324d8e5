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

TEST_CASE("meadows_drift: the eroding goal declines at u*ta/(ta+tg), the antidotes hold or do better") {
  namespace story = stories::meadows_drift;
  const auto [eroding, absolute, best] = story::run();
  const double slope = (stories::at(eroding, "S", 120.0) - stories::at(eroding, "S", 96.0)) / 24.0;
  CHECK(-slope == doctest::Approx(story::predicted_decline_rate).epsilon(1e-6));
  CHECK(absolute.final_value("S") == doctest::Approx(100.0 - story::pressure_level * story::action_time).epsilon(1e-6));
  // After the good year the best-past goal is above the absolute standard and stays there.
  CHECK(best.final_value("D") > 105.0);
  for (std::size_t k = 1; k < best.size(); ++k) CHECK(best.desired()[k] >= best.desired()[k - 1]);
  CHECK(eroding.final_value("S") < absolute.final_value("S"));
  CHECK(absolute.final_value("S") < best.final_value("S"));
  // The eroding goal gives the good year back: from month 24 to 60 the pressure integrates to 0,
  // so ta*S + tg*D (and here the whole state) is where it was.
  CHECK(stories::at(eroding, "D", 60.0) == doctest::Approx(stories::at(eroding, "D", 24.0)).epsilon(1e-3));
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

TEST_CASE("listening: rosy reports hide a loss as theory says, and the front line softens the shock") {
  namespace story = stories::listening;
  const auto [top, all] = story::run();
  CHECK(stories::at(top, "S", story::shock_time) == doctest::Approx(story::steady_state(-0.10)).epsilon(1e-3));
  CHECK(stories::at(all, "S", story::shock_time) ==
        doctest::Approx(story::steady_state(0.3 * -0.05 + 0.2 * -0.10)).epsilon(1e-3));
  auto trough = [](const gd::trajectory& t) { return *std::min_element(t.actual().begin(), t.actual().end()); };
  CHECK(trough(all) > trough(top) + 3.0);
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

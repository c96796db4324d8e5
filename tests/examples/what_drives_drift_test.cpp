// What what_drives_drift prints, held on a smaller design: the goal's adjustment time and the
// action time decide how far the standard slips; the memory's and the perception's times barely
// matter; the pink noise holds much of the rest.
#include <doctest/doctest.h>

#include <string>

#include "stories/what_drives_drift.hpp"

namespace story = stories::what_drives_drift;

TEST_CASE("what_drives_drift: the goal time and the action time drive the standard lost, the memory's times barely") {
  const auto a = story::sobol(1024);
  const auto& r = a.indices;
  CHECK(a.runs.failed() == 0);
  CHECK(a.runs.members() == 1024 * 8);
  INFO(r.table());
  double total = 0.0;
  for (const auto& p : r.parameters) total += r.value(p, "standard_lost", "ST");
  // The two that matter: together over half of the variance, each well clear of the rest.
  CHECK(r.value("goal_time", "standard_lost", "ST") > 0.25);
  CHECK(r.value("action_time", "standard_lost", "ST") > 0.15);
  CHECK(r.value("goal_time", "standard_lost", "S1") > r.value("action_time", "standard_lost", "S1"));
  for (const char* minor : {"memory_bad_news_time", "memory_good_news_time", "bad_news_time", "good_news_time"}) {
    CAPTURE(minor);
    CHECK(r.at(minor, "standard_lost", "ST").high < 0.02);
  }
  // The six times leave about a third of the variance to the noise.
  CHECK(total < 0.8);
  CHECK(total > 0.45);
  // Morris' screening ranks the same two first.
  const auto m = story::morris().indices;
  const double third = std::max({m.value("memory_bad_news_time", "standard_lost", "mu_star"),
                                 m.value("memory_good_news_time", "standard_lost", "mu_star"),
                                 m.value("bad_news_time", "standard_lost", "mu_star"),
                                 m.value("good_news_time", "standard_lost", "mu_star")});
  CHECK(m.value("action_time", "standard_lost", "mu_star") > 3.0 * third);
  CHECK(m.value("goal_time", "standard_lost", "mu_star") > 3.0 * third);
  // A longer goal time slows the erosion; a longer action time speeds it (mu's sign).
  CHECK(m.value("goal_time", "standard_lost", "mu") < 0.0);
  CHECK(m.value("action_time", "standard_lost", "mu") > 0.0);
}

// The Monte Carlo antidotes report (examples/stories/antidotes_report.hpp), as an ensemble's
// consumer: "below half" is judged against each member's own start, and every policy gets its
// tidy, wide and per-member CSV.
#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stories/antidotes_report.hpp"
#include "stories/monte_carlo_antidotes.hpp"

namespace ens = goaldrift::ensemble;
namespace story = stories::monte_carlo_antidotes;

TEST_CASE("antidotes report: below half means below half of the member's own start, not of 100") {
  // Three members: from 100 to 45 (below half), from 40 to 30 (not below 20), from 200 to 90
  // (below 100). A fixed threshold of 50 would count the first two.
  ens::result r({0.0, 10.0}, {"S"}, {0.5}, {}, {"final_S", "first_below_S", "final_loss_S", "cumulative_loss_S"},
                100.0, 1);
  r.add_member(0, {}, {45.0, 8.0, 55.0, 0.0});
  r.add_member(1, {}, {30.0, 1e300, 10.0, 0.0});
  r.add_member(2, {}, {90.0, 9.0, 110.0, 0.0});
  CHECK(story::share_below_half_start(r) == doctest::Approx(2.0 / 3.0));
  CHECK(r.share("final_S", [](double s) { return s < 50.0; }) == doctest::Approx(2.0 / 3.0));  // the old, wrong count
  r.add_member(3, {}, {60.0, 1e300, 40.0, 0.0});  // from 100 to 60: above half
  CHECK(story::share_below_half_start(r) == doctest::Approx(0.5));
}

TEST_CASE("antidotes report writes tidy, wide and per-member CSV for every policy") {
  // Its own directory: other builds' test runs may be at this very test.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("goaldrift_antidotes_report_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::size_t members = 40;
  auto o = story::options(members);
  o.threads = 1;
  const auto grid = goaldrift::run_options(0.0, 12.0, 0.5).saving_every(2.0);
  const auto eroding = ens::run(story::eroding(), grid, o);
  const auto absolute = ens::run(story::absolute(), grid, o);
  const auto best = ens::run(story::best_past(), grid, o);
  story::write_outputs(dir, {eroding, absolute, best}, "chart.png");
  auto lines = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  };
  for (const char* policy : {"eroding", "absolute", "best_past"}) {
    CAPTURE(policy);
    const std::string stem = std::string("monte_carlo_antidotes_") + policy;
    CHECK(lines(dir / (stem + ".csv")) == 1 + 7);                             // 7 save times
    CHECK(lines(dir / (stem + "_tidy.csv")) == 1 + 7 * 3 * eroding.statistics().size());
    CHECK(lines(dir / (stem + "_members.csv")) == 1 + members);
  }
  std::filesystem::remove_all(dir);
}

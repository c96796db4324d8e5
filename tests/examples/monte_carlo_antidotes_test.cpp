// What monte_carlo_antidotes prints, held to the equations on a smaller ensemble: the eroding
// goal's pessimistic memory erodes beyond the pressure's share, and both antidotes hold.
#include <doctest/doctest.h>

#include <cstddef>

#include "stories/antidotes_report.hpp"
#include "stories/monte_carlo_antidotes.hpp"

namespace gd = goaldrift;
namespace story = stories::monte_carlo_antidotes;

namespace {
constexpr std::size_t members = 3000;
template <class Study>
gd::ensemble::result run(const Study& study) {
  return gd::ensemble::run(study, story::grid(), story::options(members), gd::method::rk4{});
}
}  // namespace

TEST_CASE("monte_carlo_antidotes: the pessimistic memory, not the perception, erodes beyond the pressure's share") {
  const auto eroding = run(story::eroding());
  // The control: the same members (same seed, the same names drawn), the goal floating toward
  // the perceived state. The invariant gives its drift to the pressure alone.
  auto control = story::common(story::model(gd::goal::floating(100.0, 12.0)));
  control.vary("goal_time", gd::distribution::uniform(6.0, 24.0),
               [](auto& x) -> double& { return x.goal.adjustment_time; });
  const auto perceived = run(control);
  const auto absolute = run(story::absolute());
  const auto best = run(story::best_past());
  for (const auto* r : {&eroding, &perceived, &absolute, &best}) CHECK(r->failed() == 0);

  const double median_eroding = eroding.outcome_quantile("final_S", 0.5);
  const double median_perceived = perceived.outcome_quantile("final_S", 0.5);
  INFO("median final S: eroding " << median_eroding << ", floating toward P " << median_perceived << ", absolute "
                                  << absolute.outcome_quantile("final_S", 0.5) << ", best-past "
                                  << best.outcome_quantile("final_S", 0.5));
  // Ten years of a pressure of 1 a month: the pressure's share, u ta / (ta + tg), is 15 to 40
  // points; the memory adds to it.
  CHECK(median_perceived < 90.0);
  CHECK(median_eroding < median_perceived - 2.0);
  CHECK(story::share_below_half_start(eroding) > story::share_below_half_start(perceived));
  // Both antidotes keep quality near or above the start, and nobody below half of it.
  CHECK(absolute.outcome_quantile("final_S", 0.05) > 80.0);
  CHECK(best.outcome_quantile("final_S", 0.5) > absolute.outcome_quantile("final_S", 0.5));
  CHECK(story::share_below_half_start(absolute) == 0.0);
  CHECK(story::share_below_half_start(best) == 0.0);
  CHECK(eroding.outcome_quantile("final_S", 0.95) < absolute.outcome_quantile("final_S", 0.5));
}

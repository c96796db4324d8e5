// diagnose(): the policy it names is the one that made the data, it says "cannot tell" where
// the data are too few, and it refuses bad input by name.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "stories/diagnose_kpi.hpp"

namespace gd = goaldrift;
namespace cal = goaldrift::calibration;
namespace story = stories::diagnose_kpi;

namespace {

/// The data of a hospital whose target follows `goal`, as the example makes them: performance
/// with measurement noise of sd 1 point (about a tenth of its seasonal swing), every ninth
/// month missing, the target to one decimal.
template <class Goal>
cal::observations data_of(Goal goal, std::uint64_t seed, double months = 120.0) {
  return story::monthly_data(story::hospital(std::move(goal)), seed, months);
}

/// How many of 100 series made with `goal` diagnose() names `expected` for, decided.
template <class Goal>
int picked(Goal goal, cal::policy expected) {
  int right = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const auto d = cal::diagnose(data_of(goal, seed), story::options());
    right += d.decided && d.favoured == expected;
  }
  MESSAGE(std::string(cal::policy_name(expected)) << ": named, decided, in " << right << " of 100");
  return right;
}

}  // namespace

// Four cases, one per policy, so that ctest runs them side by side (each fits 400 models).
TEST_CASE("calibration: diagnose picks the generating policy in 95 of 100 series: absolute standard") {
  CHECK(picked(gd::goal::absolute(95.0), cal::policy::absolute) >= 95);
}
TEST_CASE("calibration: diagnose picks the generating policy in 95 of 100 series: floating goal") {
  CHECK(picked(gd::goal::floating(95.0, 18.0), cal::policy::floating) >= 95);
}
TEST_CASE("calibration: diagnose picks the generating policy in 95 of 100 series: slip-only goal") {
  CHECK(picked(gd::goal::slip_only(95.0, 18.0), cal::policy::slip_only) >= 95);
}
TEST_CASE("calibration: diagnose picks the generating policy in 95 of 100 series: best-past goal") {
  CHECK(picked(gd::goal::best_past(95.0, 6.0), cal::policy::best_past) >= 95);
}

TEST_CASE("calibration: diagnose of too short a series says it cannot tell rather than name a wrong policy") {
  // Half a year: less than one seasonal cycle, and the goals have barely begun to move.
  int undecided = 0;
  int wrong = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    for (int p = 0; p < 4; ++p) {
      const auto data = p == 0   ? data_of(gd::goal::absolute(95.0), seed, 6.0)
                        : p == 1 ? data_of(gd::goal::floating(95.0, 18.0), seed, 6.0)
                        : p == 2 ? data_of(gd::goal::slip_only(95.0, 18.0), seed, 6.0)
                                 : data_of(gd::goal::best_past(95.0, 6.0), seed, 6.0);
      const auto d = cal::diagnose(data, story::options());
      INFO("seed " << seed << ", policy " << p << ": " << d.verdict);
      if (!d.decided) {
        ++undecided;
        CHECK(d.verdict.rfind("cannot tell: 6 observations of performance are too few for the 9 quantities", 0) == 0);
      } else {
        CHECK(static_cast<int>(d.favoured) == p);
        wrong += static_cast<int>(d.favoured) != p;
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(undecided == 40);
}

TEST_CASE("calibration: diagnose names the series it needs and refuses settings out of range") {
  const auto data = data_of(gd::goal::absolute(95.0), 1, 24.0);
  cal::diagnose_options o;
  CHECK_THROWS_WITH_AS(cal::diagnose(data, o),
                       "goaldrift::calibration::diagnose: performance must name the performance series when the data hold 2 "
                       "series besides the target, got ''",
                       gd::invalid_parameter);
  o.performance = "seen";
  CHECK_THROWS_WITH_AS(cal::diagnose(data, o),
                       "goaldrift::calibration::diagnose: performance must name a series of the data (seen_within_4h, "
                       "target), got 'seen'",
                       gd::invalid_parameter);
  o.performance = "seen_within_4h";
  o.target = "goal";
  CHECK_THROWS_WITH_AS(cal::diagnose(data, o), "goaldrift::calibration::diagnose: target must name a series of the data, got 'goal'",
                       gd::invalid_parameter);
  o.target = "target";
  o.seasonal_period = -12.0;
  CHECK_THROWS_WITH_AS(cal::diagnose(data, o),
                       "goaldrift::calibration::diagnose: seasonal_period must be 0 (none) or a positive time, got -12",
                       gd::invalid_parameter);
}

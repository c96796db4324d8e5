// Outcomes of one run: each built-in against values worked out by hand on series whose straight
// lines between saves make them exact, a user-written outcome, and the refusals.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/outcome.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;
namespace oc = goaldrift::outcome;

namespace {

// A trajectory with columns S and D at the given times.
gd::trajectory series(const std::vector<double>& t, const std::vector<double>& s, const std::vector<double>& d = {}) {
  gd::trajectory tr({"S", "D"});
  for (std::size_t j = 0; j < t.size(); ++j) tr.append(t[j], std::vector<double>{s[j], d.empty() ? 0.0 : d[j]});
  return tr;
}

const double inf = std::numeric_limits<double>::infinity();

// docs/concepts.md shows this one.
// [custom-outcome]
struct months_below_goal {  // reads S and D
  double last_t = 0, total = 0;
  bool any = false;
  void reset() {
    any = false;
    total = 0;
  }
  void add(double t, const double* v) {
    if (any && v[0] < v[1]) total += t - last_t;
    last_t = t;
    any = true;
  }
  double value() const { return total; }
};
// [custom-outcome]

// The same, refusing runs that start before `not_before` (the optional check).
struct months_below_goal_from : months_below_goal {
  double not_before = 0.0;
  void check(double start, double) const {
    if (start < not_before) throw gd::invalid_parameter("months_below_goal_from", "start", "must not be before 0", start);
  }
};

}  // namespace

TEST_CASE("value_at and final_value read the straight line between saves") {
  const auto tr = series({0, 1, 2, 3}, {0, 2, 4, 6});
  CHECK(oc::value_at("S", 1.5).of(tr) == 3.0);
  CHECK(oc::value_at("S", 2.0).of(tr) == 4.0);
  CHECK(oc::value_at("S", 0.0).of(tr) == 0.0);
  CHECK(oc::value_at("S", 3.0).of(tr) == 6.0);
  CHECK(oc::value_at("S", 0.25).of(tr) == 0.5);
  CHECK(oc::final_value("S").of(tr) == 6.0);
  CHECK(oc::value_at("S", 1.5).name() == "S_at_1.5");
}

TEST_CASE("mean_over integrates the straight lines over the window, edges between saves included") {
  // S = 2t: the mean over [a, b] is a + b exactly.
  const auto line = series({0, 1, 2, 3}, {0, 2, 4, 6});
  CHECK(oc::mean_over("S", 0.5, 2.5).of(line) == 3.0);
  CHECK(oc::mean_over("S", 0.0, 3.0).of(line) == 3.0);
  CHECK(oc::mean_over("S", 1.0, 2.0).of(line) == 3.0);
  CHECK(oc::mean_over("S", 0.25, 0.75).of(line) == 1.0);  // inside one save interval
  // A kink: 0, 4, 0 at t = 0, 1, 2. Over [0.5, 1.5]: the area is 2 * (2 + 4) / 2 * 0.5 = 3.
  const auto tent = series({0, 1, 2}, {0, 4, 0});
  CHECK(oc::mean_over("S", 0.5, 1.5).of(tent) == doctest::Approx(3.0).epsilon(1e-15));
  CHECK(oc::mean_over("S", 0.0, 2.0).of(tent) == 2.0);
}

TEST_CASE("minimum_over and maximum_over see the saves inside the window and its edges") {
  const auto tr = series({0, 1, 2, 3, 4}, {10, 9, 12, 8, 11});
  CHECK(oc::minimum_over("S", 0, 4).of(tr) == 8.0);
  CHECK(oc::maximum_over("S", 0, 4).of(tr) == 12.0);
  CHECK(oc::minimum_over("S", 0, 2).of(tr) == 9.0);
  CHECK(oc::maximum_over("S", 0, 1).of(tr) == 10.0);
  // Edges between saves: on [0.5, 1.5] S runs 9.5, 9, 10.5.
  CHECK(oc::minimum_over("S", 0.5, 1.5).of(tr) == 9.0);
  CHECK(oc::maximum_over("S", 0.5, 1.5).of(tr) == 10.5);
  // A window of one instant is the value there.
  CHECK(oc::minimum_over("S", 2.5, 2.5).of(tr) == 10.0);
  CHECK(oc::minimum_over("S", 0, 4).name() == "min_S_0_4");
}

TEST_CASE("first_below interpolates the crossing, is the start when it starts below, +inf when never") {
  const auto falling = series({0, 1, 2, 3}, {10, 9, 8, 7});
  CHECK(oc::first_below("S", 7.25).of(falling) == 2.75);
  CHECK(oc::first_below("S", 10.5).of(falling) == 0.0);
  CHECK(oc::first_below("S", 7.0).of(falling) == inf);  // reaching the level is not falling below it
  CHECK(oc::first_below_fraction_of_start("S", 0.85).of(falling) == doctest::Approx(1.5).epsilon(1e-15));
  CHECK(oc::first_below("S", 8.5).name() == "first_below_S_8.5");
  CHECK(oc::first_below_fraction_of_start("S", 0.5).name() == "first_below_S");
  // Only the first crossing counts.
  const auto dip = series({0, 1, 2, 3}, {10, 6, 10, 6});
  CHECK(oc::first_below("S", 8.0).of(dip) == 0.5);
}

TEST_CASE("max_drawdown is the largest fall from the running maximum") {
  CHECK(oc::max_drawdown("S").of(series({0, 1, 2, 3, 4}, {1, 3, 2, 5, 1})) == 4.0);
  CHECK(oc::max_drawdown("S").of(series({0, 1, 2}, {1, 2, 3})) == 0.0);
  CHECK(oc::max_drawdown("S").of(series({0, 1, 2, 3}, {5, 4, 6, 5.5})) == 1.0);
}

TEST_CASE("final_gap is D - S at the end by default, and any two variables on request") {
  const auto tr = series({0, 1}, {10, 7}, {10, 9});
  CHECK(oc::final_gap().of(tr) == 2.0);
  CHECK(oc::final_gap().name() == "final_gap_D_S");
  CHECK(oc::final_gap("S", "D").of(tr) == -2.0);
}

TEST_CASE("area_below counts only where the series is under the level, crossings interpolated") {
  // 1 then -1: the level 0 is crossed at t = 0.5; the triangle below has area 0.5 * 0.5 * 1.
  CHECK(oc::area_below("S", 0.0).of(series({0, 1}, {1, -1})) == 0.25);
  CHECK(oc::area_below("S", 0.0).of(series({0, 1}, {-1, 1})) == 0.25);
  // Wholly below: the trapezoid; wholly above: nothing.
  CHECK(oc::area_below("S", 10.0).of(series({0, 2}, {8, 6})) == 6.0);
  CHECK(oc::area_below("S", 0.0).of(series({0, 2}, {8, 6})) == 0.0);
  // A goal that slips from 100 to 90 over 10 years and stays: 50 + 10 * 10 of standard lost.
  CHECK(oc::area_below("D", 100.0).of(series({0, 10, 20}, {0, 0, 0}, {100, 90, 90})) == 150.0);
}

TEST_CASE("final_loss and cumulative_loss measure from the start value") {
  const auto tr = series({0, 1, 2}, {10, 8, 9});
  CHECK(oc::final_loss("S").of(tr) == 1.0);
  // (0 + 2) / 2 + (2 + 1) / 2
  CHECK(oc::cumulative_loss("S").of(tr) == 2.5);
}

TEST_CASE("an outcome of your own: three member functions, and an optional check") {
  const auto mine = oc::custom("months_below_goal", {"S", "D"}, months_below_goal{});
  const auto tr = series({0, 1, 2, 3}, {10, 8, 11, 7}, {10, 10, 10, 10});
  CHECK(mine.of(tr) == 2.0);  // the intervals ending at t = 1 and t = 3
  CHECK(mine.named("below").name() == "below");
  months_below_goal_from strict;
  strict.not_before = 1.0;
  GD_CHECK_INVALID("months_below_goal_from", "start", "0", oc::custom("x", {"S", "D"}, strict).of(tr));
  strict.not_before = 0.0;
  CHECK(oc::custom("x", {"S", "D"}, strict).of(tr) == 2.0);
}

TEST_CASE("outcomes on a simulated run: an absolute goal under steady pressure settles where the equations say") {
  // S' = (D - S) / ta - u with D fixed: S settles at D - u ta. Perception instant.
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::instant(), gd::goal::absolute(100.0),
                                gd::input::constant(2.0));
  // RK4 and saves every step: the straight lines between saves are then within 1e-4 of the curve.
  const auto tr = gd::simulate(m, gd::run_options(0.0, 200.0, 0.125), gd::method::rk4{});
  CHECK(oc::final_value("S").of(tr) == doctest::Approx(92.0).epsilon(1e-9));
  CHECK(oc::final_gap().of(tr) == doctest::Approx(8.0).epsilon(1e-9));
  CHECK(oc::max_drawdown("S").of(tr) == doctest::Approx(8.0).epsilon(1e-9));
  // S = 92 + 8 exp(-t / 4): below 96 from t = 4 ln 2.
  CHECK(oc::first_below("S", 96.0).of(tr) == doctest::Approx(4.0 * std::log(2.0)).epsilon(1e-4));
  // The mean over [0, 4]: 92 + 8 (1 - e^-1). The trapezoid rule's error is at most
  // (b - a) h^2 / 12 max|S''| = 4 * 0.125^2 / 12 * 0.5 = 2.6e-3 here (2.7e-5 relative), and it
  // overestimates a convex curve.
  const double mean = oc::mean_over("S", 0.0, 4.0).of(tr);
  const double exact = 92.0 + 8.0 * (1.0 - std::exp(-1.0));
  CHECK(mean > exact);
  CHECK(mean - exact < 2.6e-3);
  CHECK(oc::area_below("D", 100.0).of(tr) == 0.0);
}

TEST_CASE("bad outcomes are refused by name before anything is computed") {
  GD_CHECK_INVALID("goaldrift::outcome::value_at", "time", "inf", oc::value_at("S", inf));
  GD_CHECK_INVALID("goaldrift::outcome::mean_over", "to", "1", oc::mean_over("S", 2.0, 1.0));
  GD_CHECK_INVALID("goaldrift::outcome::mean_over", "to", "2", oc::mean_over("S", 2.0, 2.0));
  GD_CHECK_INVALID("goaldrift::outcome::minimum_over", "to", "1", oc::minimum_over("S", 2.0, 1.0));
  GD_CHECK_INVALID("goaldrift::outcome::first_below", "level", "nan",
                   oc::first_below("S", std::numeric_limits<double>::quiet_NaN()));
  GD_CHECK_INVALID("goaldrift::outcome::first_below_fraction_of_start", "fraction", "1e+300",
                   oc::first_below_fraction_of_start("S", 1e300));
  GD_CHECK_INVALID("goaldrift::outcome::area_below", "level", "-inf", oc::area_below("D", -inf));
  GD_CHECK_INVALID("goaldrift::outcome", "name", "\"\"", oc::final_value("S").named(""));
  GD_CHECK_INVALID("goaldrift::outcome", "variables", "x", oc::custom("x", {}, months_below_goal{}));
  const auto tr = series({0, 1, 2}, {10, 8, 9});
  GD_CHECK_INVALID("goaldrift::outcome::value_at", "time", "5", oc::value_at("S", 5.0).of(tr));
  GD_CHECK_INVALID("goaldrift::outcome::mean_over", "from", "-1", oc::mean_over("S", -1.0, 1.0).of(tr));
  GD_CHECK_INVALID("goaldrift::outcome", "variables", "Q", oc::final_value("Q").of(tr));
}

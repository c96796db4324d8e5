// The work a run will do is bounded before it starts: steps, save points, breakpoints and the
// tolerances an adaptive stepper can honour; a step that no longer moves time ends the run with
// a sentence instead of spinning forever. Regression tests for hostile inputs that used to hang,
// exhaust memory or reach undefined behaviour.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

namespace {

auto model_with_pressure(double pressure) {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0),
                        gd::goal::floating(100.0, 10.0), pressure);
}

template <class Pressure>
auto model_with(Pressure pressure) {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0),
                        gd::goal::floating(100.0, 10.0), pressure);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("dopri5 refuses tolerances finer than doubles can honour, which made steps of 1e-282 forever") {
  const auto m = model_with_pressure(1.0);
  GD_CHECK_INVALID("goaldrift::simulate", "rel_tolerance", "1e-300",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5).with_tolerances(1e-300, 1e-300), gd::method::dopri5{}));
  GD_CHECK_INVALID("goaldrift::simulate", "abs_tolerance", "1e-320",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5).with_tolerances(1e-320, 1e-9), gd::method::dopri5{}));
  // The finest accepted tolerance runs.
  const auto finest = gd::detail::finest_rel_tolerance;
  CHECK(gd::simulate(m, gd::run_options(0.0, 1.0, 0.5).with_tolerances(1e-12, finest), gd::method::dopri5{}).size() == 3);
}

TEST_CASE("an adaptive step that no longer advances time is an integration_error, not an endless loop") {
  // A jump of 1e9 at t = 1 that the input does not declare as a breakpoint: dopri5 at the
  // finest tolerance halves its step at the jump until time cannot move.
  const auto jump = gd::input::function([](double t) { return t < 1.0 ? 0.0 : 1e9; });
  const auto m = model_with(jump);
  const auto o = gd::run_options(0.0, 2.0, 0.25).with_tolerances(1e-12, gd::detail::finest_rel_tolerance);
  try {
    (void)gd::simulate(m, o, gd::method::dopri5{});
    FAIL("expected integration_error");
  } catch (const gd::integration_error& e) {
    const std::string what = e.what();
    CAPTURE(what);
    CHECK(std::fabs(e.time() - 1.0) < 1e-6);
    CHECK(contains(what, "time no longer advances"));
  }
}

TEST_CASE("an adaptive run stops at max_steps with a sentence") {
  const auto m = model_with(gd::input::function([](double t) { return std::sin(100.0 * t); }));
  auto o = gd::run_options(0.0, 50.0, 0.5).with_tolerances(1e-10, 1e-10).with_max_steps(100);
  try {
    (void)gd::simulate(m, o, gd::method::dopri5{});
    FAIL("expected integration_error");
  } catch (const gd::integration_error& e) {
    CHECK(contains(e.what(), "took max_steps (100) steps without reaching the end"));
    CHECK(e.time() < 50.0);
  }
  o.max_steps = 100000000;
  CHECK(gd::simulate(m, o, gd::method::dopri5{}).final_value("S") > 0.0);
}

TEST_CASE("white noise with a tiny interval under dopri5 is refused before its breakpoints fill memory") {
  const auto m = model_with(gd::noise::white("pressure", 1.0, 0.5, 1e-9));
  GD_CHECK_INVALID("goaldrift::noise::white", "interval", "1e-09",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5), gd::method::dopri5{}));
  const auto pink = model_with(gd::noise::pink("pressure", 1.0, 0.5, 2.0, 1e-9));
  GD_CHECK_INVALID("goaldrift::noise::pink", "interval", "1e-09",
                   gd::simulate(pink, gd::run_options(0.0, 10.0, 0.5), gd::method::dopri5{}));
  // A fine but countable interval still runs, stopping at each of its boundaries.
  const auto fine = model_with(gd::noise::white("pressure", 1.0, 0.5, 0.01));
  CHECK(gd::simulate(fine, gd::run_options(0.0, 2.0, 0.5), gd::method::dopri5{}).size() == 5);
}

TEST_CASE("a pulse train with a tiny repeat under dopri5 is refused before its breakpoints fill memory") {
  const auto m = model_with(gd::input::pulse_train(0.0, 1e-10, 1e-9, 10.0));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "repeat", "1e-09",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5), gd::method::dopri5{}));
  // 2^53 repetitions cannot be counted in a double: k + 1 == k made the loop endless.
  const auto far = model_with(gd::input::pulse_train(0.0, 0.5, 1.0, 1e17));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "repeat", "1",
                   gd::simulate(far, gd::run_options(1e16, 1e16 + 128.0, 16.0), gd::method::dopri5{}));
}

TEST_CASE("white noise whose interval count passes 2^53 is refused by name instead of an integer overflow") {
  const auto m = model_with(gd::noise::white("pressure", 1.0, 0.5, 1e-300));
  GD_CHECK_INVALID("goaldrift::noise::white", "interval", "1e-300",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5), gd::method::euler{}));
}

TEST_CASE("1e12 save points are refused before anything is allocated") {
  const auto m = model_with_pressure(1.0);
  // max_steps is the first bound ...
  GD_CHECK_INVALID("goaldrift::simulate", "save_every", "1e-08",
                   gd::simulate(m, gd::run_options(0.0, 1e4, 1e-8).saving_every(1e-8), gd::method::dopri5{}));
  // ... and raising it leaves the trajectory's memory, which no machine here has.
  auto o = gd::run_options(0.0, 1e4, 1e-8).saving_every(1e-8).with_max_steps(std::size_t{1} << 50);
  const auto caught = support::catch_invalid([&] { (void)gd::simulate(m, o, gd::method::dopri5{}); });
  REQUIRE(caught.has_value());
  CHECK(caught->parameter() == "save_every");
  CHECK(contains(caught->what(), "larger than this machine's memory"));
  CHECK(contains(caught->what(), "1000000000001 saved points"));
}

TEST_CASE("a step count that is infinite or past 2^53 is refused, never cast to an integer") {
  const auto m = model_with_pressure(1.0);
  // end - start overflows to infinity.
  const auto caught = support::catch_invalid(
      [&] { (void)gd::simulate(m, gd::run_options(-1e308, 1e308, 1e300), gd::method::euler{}); });
  REQUIRE(caught.has_value());
  CHECK(caught->parameter() == "dt");
  CHECK(contains(caught->what(), "into at most max_steps"));
  // 2^64 steps, with max_steps as large as it goes.
  auto o = gd::run_options(0.0, 36893488147419103232.0, 2.0).with_max_steps(std::numeric_limits<std::size_t>::max());
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "2", gd::simulate(m, o, gd::method::euler{}));
}

TEST_CASE("a step below the spacing of times near the run is refused") {
  const auto m = model_with_pressure(1.0);
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "1e-07",
                   gd::simulate(m, gd::run_options(1e10, 1e10 + 1.0, 1e-7), gd::method::euler{}));
}

TEST_CASE("subnormal time constants are refused naming the part and the parameter") {
  const double tiny = std::numeric_limits<double>::denorm_min();
  const std::string v = gd::detail::format_number(tiny);
  GD_CHECK_INVALID("goaldrift::perception::smooth", "smoothing_time", v, gd::perception::smooth(tiny));
  GD_CHECK_INVALID("goaldrift::goal::floating", "adjustment_time", v, gd::goal::floating(100.0, tiny));
  GD_CHECK_INVALID("goaldrift::goal::best_past", "rise_time", v, gd::goal::best_past(100.0, tiny));
  GD_CHECK_INVALID("goaldrift::noise::white", "interval", v, gd::noise::white("w", 0.0, 1.0, tiny));
  // Set after construction, the run refuses it by name before integrating, not as a
  // non-finite 'state.level' later.
  auto m = model_with_pressure(1.0);
  m.goal.adjustment_time = tiny;
  GD_CHECK_INVALID("goaldrift::goal::floating", "adjustment_time", v,
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5)));
}

TEST_CASE("pink noise refuses, before the run, an origin after its start and a walk of more than max_noise_intervals") {
  // The AR(1) recursion walked one interval at a time from the origin: 10^12 intervals here.
  auto far = gd::noise::pink("pressure", 1.0, 0.5, 2.0, 1e-6);
  GD_CHECK_INVALID("goaldrift::noise::pink", "interval", "1e-06",
                   gd::simulate(model_with(far), gd::run_options(1e6, 1e6 + 1.0, 0.5), gd::method::euler{}));
  auto late = gd::noise::pink("pressure", 1.0, 0.5, 2.0, 0.5);
  late.origin = 5.0;
  GD_CHECK_INVALID("goaldrift::noise::pink", "origin", "5",
                   gd::simulate(model_with(late), gd::run_options(0.0, 10.0, 0.5), gd::method::euler{}));
  // Inside a sum of inputs it is found all the same.
  GD_CHECK_INVALID("goaldrift::noise::pink", "origin", "5",
                   gd::simulate(model_with(gd::input::constant(1.0) + late), gd::run_options(0.0, 10.0, 0.5),
                                gd::method::euler{}));
  // An origin at or before the start is fine.
  late.origin = 0.0;
  CHECK(gd::simulate(model_with(late), gd::run_options(0.0, 10.0, 0.5), gd::method::euler{}).size() == 21);
}

TEST_CASE("an input's own list of more than max_breakpoints jumps or points is refused naming that list") {
  std::vector<double> jumps(gd::max_breakpoints + 1);
  for (std::size_t i = 0; i < jumps.size(); ++i) jumps[i] = 1e-6 * static_cast<double>(i);
  const auto stepped = gd::input::function([](double) { return 1.0; }, jumps);
  GD_CHECK_INVALID("goaldrift::input::function", "jumps", std::to_string(jumps.size()),
                   gd::simulate(model_with(stepped), gd::run_options(0.0, 2.0, 0.5), gd::method::dopri5{}));
  std::vector<double> xs;
  for (std::size_t i = 0; i <= gd::max_breakpoints; ++i) xs.push_back(1e-6 * static_cast<double>(i));
  const auto table = gd::input::table<double>(gd::sd::lookup(xs, std::vector<double>(xs.size(), 1.0)));
  GD_CHECK_INVALID("goaldrift::input::table", "points", std::to_string(xs.size()),
                   gd::simulate(model_with(table), gd::run_options(0.0, 2.0, 0.5), gd::method::dopri5{}));
  // Under fixed steps the lists are not asked for, and the run goes ahead.
  CHECK(gd::simulate(model_with(table), gd::run_options(0.0, 2.0, 0.5), gd::method::euler{}).size() == 5);
}

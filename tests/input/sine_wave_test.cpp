// input::sine_wave: the seasonal swing the examples' pressure uses, equal to the hand-written
// expression to the bit, shifted by its phase, and checked before any run.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

TEST_CASE("sine_wave is mean + amplitude sin(2 pi t / period) to the bit, and phase shifts it") {
  const double pi = 3.14159265358979323846;
  const gd::input::sine_wave wave(0.5, 2.0, 12.0);
  const gd::input::sine_wave late(0.5, 2.0, 12.0, 3.0);
  for (double t : {0.0, 0.125, 1.0, 3.0, 5.9375, 12.0, 100.0, 1e6}) {
    CAPTURE(t);
    CHECK(wave(gd::time_point{t}) == 0.5 + 2.0 * std::sin(2.0 * pi * t / 12.0));
    CHECK(late(gd::time_point{t + 3.0}) == doctest::Approx(wave(gd::time_point{t})).epsilon(1e-12));
  }
  CHECK(wave(gd::time_point{3.0}) == doctest::Approx(2.5));  // the crest a quarter period in
  // Read at t, not at the jump time: it has no jumps to keep a step on one side of.
  CHECK(wave(gd::time_point{1.0, 1.0625, 0.0625}) == wave(gd::time_point{1.0}));
  std::vector<double> jumps;
  gd::detail::breakpoints(wave, 0.0, 100.0, jumps);
  CHECK(jumps.empty());
}

TEST_CASE("sine_wave refuses a period that is not positive and values that are not finite") {
  const double inf = std::numeric_limits<double>::infinity();
  GD_CHECK_INVALID("goaldrift::input::sine_wave", "period", "0", gd::input::sine_wave(0.0, 1.0, 0.0));
  GD_CHECK_INVALID("goaldrift::input::sine_wave", "amplitude", "inf", gd::input::sine_wave(0.0, inf, 12.0));
  GD_CHECK_INVALID("goaldrift::input::sine_wave", "phase", "nan", gd::input::sine_wave(0.0, 1.0, 12.0, std::nan("")));
}

TEST_CASE("sine_wave lists its parameters, and a model set by path runs as one built with the value") {
  auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                          gd::input::sine_wave(0.5, 2.0, 12.0));
  CHECK(gd::parameter_names(m) == std::vector<std::string>{"state.initial", "state.action_time", "perception.smoothing_time",
                                                           "goal.standard", "pressure.mean", "pressure.amplitude",
                                                           "pressure.period", "pressure.phase"});
  gd::set(m, "pressure.period", 6.0);
  const auto built = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                                    gd::input::sine_wave(0.5, 2.0, 6.0));
  const auto o = gd::run_options(0.0, 24.0, 0.125).saving_every(1.0);
  CHECK(gd::simulate(m, o).actual() == gd::simulate(built, o).actual());
}

// Bad input is refused before any integration, naming the part, the parameter and the value;
// a state that turns non-finite stops the run with its name and time.
#include <doctest/doctest.h>

#include "support/invalid_parameter.hpp"
#include "support/sd_model.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {
const double not_a_number = std::numeric_limits<double>::quiet_NaN();
const double infinite = std::numeric_limits<double>::infinity();

auto good_model() {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0),
                        gd::goal::floating(100.0, 10.0), 1.0);
}
}  // namespace

TEST_CASE("time constants must be positive and finite, in every part") {
  for (double bad : {0.0, -3.0, not_a_number, infinite}) {
    const std::string v = gd::detail::format_number(bad);
    CAPTURE(v);
    GD_CHECK_INVALID("goaldrift::perception::smooth", "smoothing_time", v, gd::perception::smooth(bad));
    GD_CHECK_INVALID("goaldrift::perception::smooth3", "smoothing_time", v, gd::perception::smooth3(bad, 1.0));
    GD_CHECK_INVALID("goaldrift::perception::smooth_n", "smoothing_time", v, gd::perception::smooth_n<4>(bad, 2));
    GD_CHECK_INVALID("goaldrift::perception::asymmetric", "good_news_time", v, gd::perception::asymmetric(1.0, bad));
    GD_CHECK_INVALID("goaldrift::perception::asymmetric", "bad_news_time", v, gd::perception::asymmetric(bad, 1.0));
    GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "delay_time", v, gd::perception::reporting_delay(bad));
    GD_CHECK_INVALID("goaldrift::goal::floating", "adjustment_time", v, gd::goal::floating(100.0, bad));
    GD_CHECK_INVALID("goaldrift::goal::slip_only", "adjustment_time", v, gd::goal::slip_only(100.0, bad));
    GD_CHECK_INVALID("goaldrift::goal::best_past", "rise_time", v, gd::goal::best_past(100.0, bad));
    GD_CHECK_INVALID("goaldrift::goal::best_past", "forgetting_time", v, gd::goal::best_past(100.0, 1.0).with_forgetting(bad));
    GD_CHECK_INVALID("goaldrift::goal::blended", "memory_time", v, gd::goal::blended(100.0, 0.5, bad));
    GD_CHECK_INVALID("goaldrift::goal::remembered", "bad_news_time", v, gd::goal::remembered(bad, 1.0));
    GD_CHECK_INVALID("goaldrift::goal::alarm_modulated", "adjustment_time", v, gd::goal::alarm_modulated(100.0, bad, gd::goal::alarm_curve(0.1, 0.2)));
    GD_CHECK_INVALID("goaldrift::state::proportional", "action_time", v, gd::state::actual(100.0, bad));
    GD_CHECK_INVALID("goaldrift::state::capacity_limited", "action_time", v, gd::state::capacity_limited(bad, 1.0));
    GD_CHECK_INVALID("goaldrift::state::capacity_limited", "max_rate", v, gd::state::capacity_limited(1.0, bad));
    GD_CHECK_INVALID("goaldrift::state::lookup_shaped", "action_time", v, gd::state::lookup_shaped(bad, gd::sd::lookup{{0, 0}, {1, 1}}));
  }
}

TEST_CASE("a parameter changed after construction is refused by simulate before any step") {
  auto m = good_model();
  m.goal.adjustment_time = -3.0;  // parameters are public, for ensembles; simulate re-checks
  int observed = 0;
  CHECK_THROWS_WITH_AS(gd::integrate_on_grid(m, gd::run_options(0, 10, 0.1), gd::method::rk4{},
                                             [&](double, const auto&, const gd::time_point&) { ++observed; }),
                       "goaldrift::goal::floating: adjustment_time must be positive and finite, got -3",
                       gd::invalid_parameter);
  CHECK(observed == 0);
}

TEST_CASE("the run's own settings are checked: dt, start, end, save interval, tolerances") {
  const auto m = good_model();
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "0", gd::simulate(m, gd::run_options(0, 10, 0.0)));
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "-0.1", gd::simulate(m, gd::run_options(0, 10, -0.1)));
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "nan", gd::simulate(m, gd::run_options(0, 10, not_a_number)));
  GD_CHECK_INVALID("goaldrift::simulate", "end", "5", gd::simulate(m, gd::run_options(5, 5, 0.1)));
  GD_CHECK_INVALID("goaldrift::simulate", "end", "1", gd::simulate(m, gd::run_options(5, 1, 0.1)));
  GD_CHECK_INVALID("goaldrift::simulate", "start", "nan", gd::simulate(m, gd::run_options(not_a_number, 1, 0.1)));
  GD_CHECK_INVALID("goaldrift::simulate", "dt", "0.3", gd::simulate(m, gd::run_options(0, 1, 0.3)));
  GD_CHECK_INVALID("goaldrift::simulate", "save_every", "0.25", gd::simulate(m, gd::run_options(0, 1, 0.1).saving_every(0.25)));
  GD_CHECK_INVALID("goaldrift::simulate", "save_every", "0.15", gd::simulate(m, gd::run_options(0, 1, 0.1).saving_every(0.15)));
  GD_CHECK_INVALID("goaldrift::simulate", "abs_tolerance", "0", gd::simulate(m, gd::run_options(0, 1, 0.1).with_tolerances(0.0, 1e-6), gd::method::dopri5{}));
}

TEST_CASE("initial values must be finite") {
  GD_CHECK_INVALID("goaldrift::state::actual", "initial", "nan", gd::state::actual(not_a_number, 4.0));
  GD_CHECK_INVALID("goaldrift::goal::floating", "initial", "inf", gd::goal::floating(infinite, 4.0));
  GD_CHECK_INVALID("goaldrift::perception::smooth", "initial", "nan", gd::perception::smooth(2.0, not_a_number));
  auto m = good_model();
  m.state.initial = not_a_number;
  GD_CHECK_INVALID("goaldrift::state::actual", "initial", "nan", gd::simulate(m, gd::run_options(0, 10, 0.1)));
}

TEST_CASE("lookup tables need two points and strictly increasing x") {
  GD_CHECK_INVALID("goaldrift::sd::lookup", "points", "1", gd::sd::lookup{{1.0, 2.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "points", "0", gd::sd::lookup({}, {}));
  GD_CHECK_INVALID("goaldrift::sd::lookup", "x", "1 after 2 (points 1 and 2)", gd::sd::lookup{{0, 0}, {2, 1}, {1, 3}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "x", "0 after 0 (points 0 and 1)", gd::sd::lookup{{0, 0}, {0, 1}});
  GD_CHECK_INVALID("goaldrift::goal::alarm_curve", "alarm_gap", "0.1", gd::goal::alarm_curve(0.3, 0.1));
}

TEST_CASE("channel weights must be non-negative and sum to 1") {
  namespace p = gd::perception;
  GD_CHECK_INVALID("goaldrift::perception::fused", "weight of channel 'front'", "-0.2", p::fused(p::make_channel("front", -0.2, p::smooth(1.0)), p::make_channel("top", 1.2, p::smooth(4.0))));
  GD_CHECK_INVALID("goaldrift::perception::fused", "weights", "0.9", p::fused(p::make_channel("front", 0.5, p::smooth(1.0)), p::make_channel("top", 0.4, p::smooth(4.0))));
  GD_CHECK_INVALID("goaldrift::perception::fused", "weight of channel 'front'", "nan", p::fused(p::make_channel("front", not_a_number, p::smooth(1.0))));
}

TEST_CASE("smoothing order must lie between 1 and MaxOrder") {
  GD_CHECK_INVALID("goaldrift::perception::smooth_n", "order", "0", gd::perception::smooth_n<4>(2.0, 0));
  GD_CHECK_INVALID("goaldrift::perception::smooth_n", "order", "-1", gd::perception::smooth_n<4>(2.0, -1));
  GD_CHECK_INVALID("goaldrift::perception::smooth_n", "order", "5", gd::perception::smooth_n<4>(2.0, 5));
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "0", gd::sd::smooth_n<3>(0));
}

TEST_CASE("a DELAY FIXED reporting delay refuses an adaptive method before integrating") {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::reporting_delay(2.0),
                                gd::goal::absolute(100.0), 1.0);
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "method", "dopri5", gd::simulate(m, gd::run_options(0, 10, 0.1), gd::method::dopri5{}));
  // Inside a sensor and a fused perception it is still found.
  namespace p = gd::perception;
  const auto fused = gd::make_model(
      gd::state::actual(100.0, 4.0),
      p::fused(p::make_channel("front", 0.5, p::smooth(1.0)),
               p::make_channel("report", 0.5, p::distorted(p::reporting_delay(2.0), 0.1))),
      gd::goal::absolute(100.0));
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "method", "dopri5", gd::simulate(fused, gd::run_options(0, 10, 0.1), gd::method::dopri5{}));
  CHECK_NOTHROW(gd::simulate(fused, gd::run_options(0, 10, 0.1), gd::method::euler{}));
}

TEST_CASE("a raw sd::delay_fixed in a user's model refuses an adaptive method when started with the run context") {
  gd::sd::delay_fixed<double> pipeline;
  support::sd_model<1, 1> m;
  m.names = {"x"};
  m.outputs = {"delayed"};
  m.init = [] { return std::array<double, 1>{0.0}; };
  m.rates = [](const auto&, auto& dxdt, const auto&) { dxdt[0] = 1.0; };
  m.on_start = [&pipeline](const gd::run_context& ctx) { pipeline.start(2.0, ctx, 0.0); };
  m.on_grid = [&pipeline](auto& x, const auto&) { pipeline.advance(x[0]); };
  m.aux = [&pipeline](const auto&, const auto&) { return std::array<double, 1>{pipeline.output()}; };
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "method", "dopri5",
                   gd::simulate(m, gd::run_options(0, 10, 0.5), gd::method::dopri5{}));
  const auto run = gd::simulate(m, gd::run_options(0, 10, 0.5), gd::method::euler{});
  CHECK(run.final_value("delayed") == doctest::Approx(8.0));  // x(t) = t, seen 2 months late
}

TEST_CASE("a state that becomes non-finite stops the run, naming the variable and the time") {
  // Pressure turns to NaN after t = 5 (a broken data feed).
  auto feed = [](double t) { return t > 5.0 ? not_a_number : 1.0; };
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0),
                                gd::goal::floating(100.0, 10.0), feed);
  SUBCASE("fixed steps") {
    try {
      gd::simulate(m, gd::run_options(0, 10, 0.5), gd::method::rk4{});
      FAIL("no integration_error");
    } catch (const gd::integration_error& e) {
      // The step from 5.0 evaluates u at 5.25: the state is NaN at 5.5.
      CHECK(e.variable() == "state.level");
      CHECK(e.time() == 5.5);
      CHECK(std::string(e.what()) ==
            "goaldrift::simulate: the state became nan (variable 'state.level' at t = 5.5)");
    }
  }
  SUBCASE("adaptive steps") {
    try {
      gd::simulate(m, gd::run_options(0, 10, 0.5), gd::method::dopri5{});
      FAIL("no integration_error");
    } catch (const gd::integration_error& e) {
      CHECK(e.variable() == "state.level");
      CHECK(e.time() > 5.0);
      CHECK(e.time() <= 10.0);
      CHECK(std::string(e.what()) == "goaldrift::simulate: the state became nan (variable 'state.level' at t = " +
                                         gd::detail::format_number(e.time()) + ")");
    }
  }
  SUBCASE("an overflow to infinity in a goal's memory is named too") {
    const auto blowup = gd::make_model(
        gd::state::actual(100.0, 4.0), gd::perception::instant{},
        gd::goal::floating(100.0, 10.0, gd::goal::remembered(1.0, 1.0)),
        [](double t) { return t < 1.0 ? 0.0 : 1e308 * 1e10 * (t - 1.0); });
    CHECK_THROWS_AS(gd::simulate(blowup, gd::run_options(0, 3, 0.25), gd::method::euler{}), gd::integration_error);
  }
}

namespace {
// A user part that says it needs fixed steps but has no start() to refuse an adaptive method.
struct stepwise_perception {
  using scalar_type = double;
  static constexpr std::size_t state_size = 0;
  static constexpr bool needs_fixed_step = true;
  std::array<std::string, 0> state_names() const { return {}; }
  void initialize(double*, const double&, const gd::time_point&) const {}
  double value(const double*, const double& input, const gd::time_point&) const { return input; }
  void derivative(const double*, const double&, const gd::time_point&, double*) const {}
};
}  // namespace

TEST_CASE("a part that only declares needs_fixed_step is still refused an adaptive method") {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), stepwise_perception{}, gd::goal::absolute(100.0));
  GD_CHECK_INVALID("goaldrift::simulate", "method", "dopri5", gd::simulate(m, gd::run_options(0, 10, 0.1), gd::method::dopri5{}));
  CHECK_NOTHROW(gd::simulate(m, gd::run_options(0, 10, 0.1), gd::method::rk4{}));
}

TEST_CASE("a DELAY FIXED pipeline longer than 10^8 steps is refused, not allocated") {
  gd::sd::delay_fixed<double> pipeline;
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "delay_time", "1e+09", pipeline.start(1e9, 1.0, 0.0));
  CHECK_NOTHROW(pipeline.start(1e6, 1.0, 0.0));
  CHECK(pipeline.steps() == 1000000);
}

TEST_CASE("an adaptive stepper that cannot meet its tolerance names the time, not a variable") {
  // A right-hand side whose sign flips at every evaluation: every stage of a dopri5 step
  // disagrees with the others whatever the step size, so with a state of 1e-300 and an
  // absolute tolerance of 1e-300 (the relative one at the finest accepted) no step is ever
  // accepted and odeint gives up after 500 tries (step_adjustment_error). The first trial step
  // of 1e300 keeps the step from underflowing to 0 (where the error would vanish) before the
  // 500 tries are spent.
  int calls = 0;
  support::sd_model<1, 0> flipping;
  flipping.names = {"x"};
  flipping.init = [] { return std::array<double, 1>{1e-300}; };
  flipping.rates = [&calls](const auto&, auto& dxdt, const auto&) { dxdt[0] = (calls++ % 2 == 0) ? 1.0 : -1.0; };
  flipping.aux = [](const auto&, const auto&) { return std::array<double, 0>{}; };
  const auto options = gd::run_options(0.0, 1e300, 1e300).with_tolerances(1e-300, gd::detail::finest_rel_tolerance);
  try {
    gd::simulate(flipping, options, gd::method::dopri5{});
    FAIL("no integration_error");
  } catch (const gd::integration_error& e) {
    CHECK(e.variable().empty());
    CHECK(e.time() == 0.0);
    const std::string what = e.what();
    CHECK(what.rfind("goaldrift::simulate: the adaptive stepper could not meet its tolerance: ", 0) == 0);
    CHECK(what.find("Max number of iterations exceeded") != std::string::npos);  // odeint's reason
    const std::string at = " (at t = 0)";
    CHECK(what.substr(what.size() - at.size()) == at);
  }
  CHECK(calls > 500 * 6);  // the stepper really tried
}

// The run-time model against the compiled one: the same parts give the same run, bit for bit.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>
#include <goaldrift/runtime/model.hpp>

#include "stories/boiled_frog.hpp"
#include "stories/listening.hpp"
#include "stories/meadows_drift.hpp"
#include "stories/sensor_fault.hpp"
#include "support/invalid_parameter.hpp"
#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;
namespace rt = goaldrift::runtime;

namespace {

std::string csv_text(const gd::trajectory& t) {
  std::ostringstream os;
  t.write_csv(os);
  return os.str();
}

// Where the columns differ, the first row that does; -1 where every bit agrees. (With FMA the
// compiler may fuse differently once a part is inlined elsewhere: support::same_as_scalar.)
long first_difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t x = 0, y = 0;
    std::memcpy(&x, &a[i], sizeof x);
    std::memcpy(&y, &b[i], sizeof y);
    if (x != y && !(support::fused_multiply_add && support::same_as_scalar(a[i], b[i]))) return static_cast<long>(i);
  }
  return -1;
}

void check_same_trajectory(const gd::trajectory& compiled, const gd::trajectory& runtime) {
  REQUIRE(runtime.names() == compiled.names());
  REQUIRE(runtime.size() == compiled.size());
  CHECK(first_difference(runtime.time(), compiled.time()) == -1);
  for (const auto& name : compiled.names()) {
    CAPTURE(name);
    CHECK(first_difference(runtime[name], compiled[name]) == -1);
  }
  if (!support::fused_multiply_add) CHECK(csv_text(runtime) == csv_text(compiled));
}

// `compiled` and its run-time form, run with `method`.
template <class Compiled, class Method>
void check_same_run(const Compiled& compiled, const gd::run_options& o, const Method& method) {
  const rt::model runtime = rt::make_model(compiled);
  check_same_trajectory(gd::simulate(compiled, o, method), gd::simulate(runtime, o, method));
}

template <class Compiled>
void check_same_runs(const Compiled& compiled, const gd::run_options& o) {
  SUBCASE("euler") { check_same_run(compiled, o, gd::method::euler{}); }
  SUBCASE("rk4") { check_same_run(compiled, o, gd::method::rk4{}); }
  SUBCASE("dopri5") { check_same_run(compiled, o, gd::method::dopri5{}); }
}

}  // namespace

TEST_CASE("runtime model: the meadows_drift models run bit for bit as compiled") {
  namespace story = stories::meadows_drift;
  SUBCASE("eroding (floating goal, remembered signal)") { check_same_runs(story::eroding(), story::options()); }
  SUBCASE("absolute") { check_same_runs(story::absolute(), story::options()); }
  SUBCASE("best_past") { check_same_runs(story::best_past(), story::options()); }
  SUBCASE("symmetric_memory") { check_same_runs(story::symmetric_memory(), story::options()); }
  SUBCASE("no_memory (floating goal, perceived signal)") { check_same_runs(story::no_memory(), story::options()); }
}

TEST_CASE("runtime model: the sensor_fault models (a distorted sensor with a pulse bias) run bit for bit as compiled") {
  namespace story = stories::sensor_fault;
  SUBCASE("absolute") { check_same_runs(story::absolute(), story::options()); }
  SUBCASE("floating") { check_same_runs(story::symmetric_floating(), story::options()); }
  SUBCASE("slip_only") { check_same_runs(story::slip_only(), story::options()); }
}

TEST_CASE("runtime model: capacity-limited action with a floor, asymmetric perception, a forgetting best past and a sum of inputs") {
  const auto compiled = gd::make_model(
      gd::state::actual(100.0, gd::state::capacity_limited(4.0, 1.5)).with_floor(90.0),
      gd::perception::asymmetric(1.0, 6.0),
      gd::goal::best_past(100.0, 2.0, gd::goal::remembered(2.0, 8.0)).with_forgetting(30.0),
      gd::input::constant(1.0) + gd::input::step(3.0, 10.0) + gd::input::ramp(-0.1, 20.0, 40.0));
  check_same_runs(compiled, gd::run_options(0.0, 80.0, 0.25).saving_every(2.0));
}

TEST_CASE("runtime model: smooth3 with an initial value, a slip-only goal on a memory, pulse plus white noise, reseeded") {
  auto compiled = gd::make_model(gd::state::actual(100.0, 3.0), gd::perception::smooth3(2.0, 95.0),
                                 gd::goal::slip_only(100.0, 10.0, gd::goal::remembered(1.0, 5.0)),
                                 gd::input::pulse(5.0, 4.0, 2.0) + gd::noise::white("workload", 0.5, 1.0, 0.5));
  compiled.reseed(gd::random::member_key{11, 3});
  check_same_runs(compiled, gd::run_options(0.0, 40.0, 0.125).saving_every(0.5));
}

TEST_CASE("runtime model: instant perception, a floating goal and pink noise, reseeded after conversion") {
  const auto compiled = gd::make_model(gd::state::actual(50.0, 2.0), gd::perception::instant<double>{},
                                       gd::goal::floating(50.0, 6.0), gd::noise::pink("shocks", 1.0, 2.0, 3.0, 0.25));
  for (std::uint64_t member : {0u, 5u}) {
    CAPTURE(member);
    auto reseeded = compiled;
    reseeded.reseed(gd::random::member_key{2, member});
    auto runtime = rt::make_model(compiled);
    runtime.reseed(gd::random::member_key{2, member});
    const auto o = gd::run_options(0.0, 30.0, 0.25).saving_every(0.5);
    check_same_trajectory(gd::simulate(reseeded, o, gd::method::rk4{}), gd::simulate(runtime, o, gd::method::rk4{}));
  }
}

TEST_CASE("runtime model: a distorted reporting delay runs as compiled under fixed steps and is refused alike under dopri5") {
  const auto compiled = gd::make_model(gd::state::actual(100.0, 4.0),
                                       gd::perception::distorted(gd::perception::reporting_delay(2.0), gd::input::step(0.1, 8.0)),
                                       gd::goal::floating(100.0, 12.0), 0.5);
  const auto o = gd::run_options(0.0, 40.0, 0.25).saving_every(1.0);
  check_same_run(compiled, o, gd::method::euler{});
  check_same_run(compiled, o, gd::method::rk4{});
  const rt::model runtime = rt::make_model(compiled);
  CHECK(runtime.needs_fixed_step());
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "method", "dopri5",
                   gd::simulate(runtime, o, gd::method::dopri5{}));
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "method", "dopri5",
                   gd::simulate(compiled, o, gd::method::dopri5{}));
}

TEST_CASE("runtime model: a DELAY FIXED pipeline must be started before the model is evaluated") {
  rt::model m = rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::reporting_delay(1.0), gd::goal::absolute(100.0));
  CHECK_THROWS_WITH_AS(m.initial_state(0.0),
                       doctest::Contains("goaldrift::runtime::model: this model has a DELAY FIXED pipeline"), gd::error);
  m.perception = gd::perception::smooth(1.0);  // nothing to start now
  CHECK_FALSE(m.needs_fixed_step());
  const auto x0 = m.initial_state(0.0);
  CHECK(std::vector<double>(x0.begin(), x0.end()) == std::vector<double>{100.0, 100.0});
}

TEST_CASE("runtime model: a distorted sensor keeps its constant offset, and a sum nested on the right keeps its order") {
  const auto right_nested = gd::input::constant(0.1) + (gd::input::ramp(0.3, 2.0) + gd::input::step(-0.7, 5.0));
  const auto compiled = gd::make_model(
      gd::state::actual(10.0, 2.0),
      gd::perception::distorted(gd::perception::asymmetric(1.0, 3.0), gd::input::step(0.25, 4.0), 1.5),
      gd::goal::slip_only(10.0, 5.0), right_nested);
  check_same_runs(compiled, gd::run_options(0.0, 20.0, 0.125).saving_every(0.25));
  const rt::model runtime = rt::make_model(compiled);
  const auto& sum = std::get<rt::input_sum>(runtime.pressure.held);
  REQUIRE(sum.terms.size() == 2);
  CHECK(std::holds_alternative<rt::input_sum>(sum.terms[1].held));
}

TEST_CASE("runtime model: an n-th order smooth and a blended goal run bit for bit as compiled") {
  // smooth_n keeps room for MaxOrder stages whatever its order: the run-time model holds the
  // same type, so the state names and columns are the compiled ones.
  SUBCASE("order 2 in room for 4, a blended goal with its memory starting at the perceived state") {
    check_same_runs(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth_n<4>(3.0, 2),
                                   gd::goal::blended(100.0, 0.3, 12.0), gd::input::step(1.5, 6.0)),
                    gd::run_options(0.0, 60.0, 0.25).saving_every(3.0));
  }
  SUBCASE("order 6 with an initial value, a blended goal with an initial memory") {
    check_same_runs(gd::make_model(gd::state::actual(100.0, 2.0), gd::perception::smooth_n<6>(4.0, 6, 90.0),
                                   gd::goal::blended(100.0, 0.5, 6.0, 95.0), 1.0),
                    gd::run_options(0.0, 40.0, 0.125).saving_every(2.0));
  }
  const rt::model m = rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth_n<3>(3.0, 1),
                                     gd::goal::blended(100.0, 0.3, 12.0));
  CHECK(m.state_names() == std::vector<std::string>{"state.level", "perception.stage1", "perception.stage2",
                                                    "perception.stage3", "goal.memory"});
  CHECK(gd::get(m, "perception.order") == 1.0);
  CHECK(gd::get(m, "goal.weight") == 0.3);
}

TEST_CASE("runtime model: a disturbed state with lookup-shaped action and a floor runs bit for bit as compiled, reseeded") {
  const auto effect = gd::sd::lookup({-1.0, 0.0, 0.05, 0.5, 1.0}, {-0.5, 0.0, 0.0, 0.6, 0.8});
  auto compiled = gd::make_model(
      gd::state::disturbed(gd::state::actual(100.0, gd::state::lookup_shaped(4.0, effect)).with_floor(80.0), 2.0, 3.0,
                           gd::noise::white("shaking", 0.0, 1.0, 0.5)),
      gd::perception::smooth(1.0), gd::goal::floating(100.0, 12.0), gd::input::constant(1.0));
  compiled.reseed(gd::random::member_key{3, 7});
  SUBCASE("euler") { check_same_run(compiled, gd::run_options(0.0, 60.0, 0.25).saving_every(3.0), gd::method::euler{}); }
  SUBCASE("rk4") { check_same_run(compiled, gd::run_options(0.0, 60.0, 0.25).saving_every(3.0), gd::method::rk4{}); }
  SUBCASE("capacity-limited inside, reseeded after conversion") {
    const auto limited = gd::make_model(
        gd::state::disturbed(gd::state::actual(100.0, gd::state::capacity_limited(4.0, 1.0)), 1.5, 2.0,
                             gd::noise::white("shaking", 0.0, 1.0, 0.5)),
        gd::perception::asymmetric(1.0, 6.0), gd::goal::slip_only(100.0, 10.0), 0.5);
    auto reseeded = limited;
    reseeded.reseed(gd::random::member_key{9, 2});
    auto runtime = rt::make_model(limited);
    runtime.reseed(gd::random::member_key{9, 2});
    const auto o = gd::run_options(0.0, 40.0, 0.125).saving_every(1.0);
    check_same_trajectory(gd::simulate(reseeded, o, gd::method::rk4{}), gd::simulate(runtime, o, gd::method::rk4{}));
  }
  const rt::model m = rt::make_model(compiled);
  CHECK(m.state_names() == std::vector<std::string>{"state.level", "state.disturbance", "perception.level", "goal.level"});
  CHECK(gd::get(m, "state.sigma") == 2.0);
  CHECK(gd::get(m, "state.noise.sd") == 1.0);
}

TEST_CASE("runtime model: a distorted sensor whose offset is an input runs bit for bit as compiled") {
  const auto compiled = gd::make_model(
      gd::state::actual(100.0, 4.0),
      gd::perception::distorted(gd::perception::smooth3(2.0), gd::input::step(0.1, 5.0), gd::input::ramp(-0.5, 10.0, 30.0)),
      gd::goal::floating(100.0, 12.0), 1.0);
  check_same_runs(compiled, gd::run_options(0.0, 60.0, 0.25).saving_every(3.0));
  const rt::model m = rt::make_model(compiled);
  CHECK(gd::get(m, "perception.offset.slope") == -0.5);
  CHECK(gd::get(m, "perception.bias.height") == 0.1);
}

TEST_CASE("runtime model: the state layout follows the chosen parts, also after a part is swapped") {
  rt::model m = rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth3(3.0),
                               gd::goal::best_past(100.0, 2.0, gd::goal::remembered(1.0, 4.0)));
  CHECK(m.size() == 6);
  CHECK(m.state_names() == std::vector<std::string>{"state.level", "perception.stage1", "perception.stage2",
                                                    "perception.stage3", "goal.level", "goal.memory"});
  // Swapped for a one-variable perception and a goal without memory: the layout moves with them,
  // and the run is the compiled model's with those parts.
  m.perception = gd::perception::smooth(1.0);
  m.goal = gd::goal::floating(100.0, 12.0);
  m.pressure = rt::any_input(stories::meadows_drift::pressure());
  CHECK(m.size() == 3);
  const auto o = gd::run_options(0.0, 24.0, 0.125).saving_every(1.0);
  const auto compiled = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                                       gd::goal::floating(100.0, 12.0), stories::meadows_drift::pressure());
  check_same_trajectory(gd::simulate(compiled, o, gd::method::rk4{}), gd::simulate(m, o, gd::method::rk4{}));
}

TEST_CASE("runtime model: its parts' checks run before a run, naming the part") {
  rt::model m = rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0));
  std::get<gd::perception::smooth<double>>(m.perception).smoothing_time = -1.0;
  GD_CHECK_INVALID("goaldrift::perception::smooth", "smoothing_time", "-1",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5), gd::method::euler{}));
  m.perception = gd::perception::smooth(1.0);
  m.pressure = rt::any_input(rt::input_sum{});
  GD_CHECK_INVALID("goaldrift::runtime::input_sum", "terms", "none",
                   gd::simulate(m, gd::run_options(0.0, 10.0, 0.5), gd::method::euler{}));
}

TEST_CASE("runtime model: a function of time keeps its jump times as breakpoints") {
  const rt::any_input u(gd::input::function([](double t) { return t < 3.0 ? 0.0 : 1.0; }, {3.0}));
  std::vector<double> at;
  u.breakpoints(0.0, 10.0, at);
  CHECK(at == std::vector<double>{3.0});
  CHECK(u(gd::time_point{2.5}) == 0.0);
  CHECK(u(gd::time_point{3.5}) == 1.0);
}

TEST_CASE("runtime model: a function of time and a noisy sensor bias run bit for bit as compiled") {
  const auto compiled = gd::make_model(
      gd::state::actual(100.0, 4.0),
      gd::perception::distorted(gd::perception::smooth(2.0), gd::noise::white("meter", 0.05, 0.02, 1.0)),
      gd::goal::floating(100.0, 12.0),
      gd::input::function([](double t) { return 0.5 + 0.01 * t * t / (1.0 + t); }));
  check_same_runs(compiled, gd::run_options(0.0, 30.0, 0.25).saving_every(1.0));
}

TEST_CASE("runtime model: a sine wave's remembered value follows a changed parameter") {
  rt::any_input u(gd::input::sine_wave(0.5, 2.0, 12.0));
  const gd::time_point when{2.0};
  CHECK(u(when) == gd::input::sine_wave(0.5, 2.0, 12.0)(when));
  std::get<gd::input::sine_wave<double>>(u.held).amplitude = 3.0;
  CHECK(u(when) == gd::input::sine_wave(0.5, 3.0, 12.0)(when));
  std::get<gd::input::sine_wave<double>>(u.held).phase = 1.0;
  CHECK(u(when) == gd::input::sine_wave(0.5, 3.0, 12.0, 1.0)(when));
  CHECK(u(gd::time_point{5.0}) == gd::input::sine_wave(0.5, 3.0, 12.0, 1.0)(gd::time_point{5.0}));
}

TEST_CASE("runtime model: parameters have the compiled model's paths, and changed ones run as compiled") {
  auto compiled = stories::sensor_fault::slip_only();
  rt::model runtime = rt::make_model(compiled);
  CHECK(gd::parameter_names(runtime) == gd::parameter_names(compiled));
  gd::set(compiled, "goal.adjustment_time", 20.0);
  gd::set(runtime, "goal.adjustment_time", 20.0);
  gd::set(compiled, "perception.bias.height", 0.3);
  gd::set(runtime, "perception.bias.height", 0.3);
  CHECK(gd::get(runtime, "goal.adjustment_time") == 20.0);
  CHECK(gd::get(runtime, "perception.bias.height") == 0.3);
  const auto o = stories::sensor_fault::options();
  check_same_trajectory(gd::simulate(compiled, o, gd::method::euler{}), gd::simulate(runtime, o, gd::method::euler{}));
  // A value the part refuses names the part and leaves the model as it was.
  GD_CHECK_INVALID("goaldrift::goal::slip_only", "adjustment_time", "-1", gd::set(runtime, "goal.adjustment_time", -1.0));
  CHECK(gd::get(runtime, "goal.adjustment_time") == 20.0);
}

TEST_CASE("runtime model: a sum lists its terms as pressure.terms, numbered from 0") {
  rt::model runtime = rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                                     gd::input::constant(1.0) + gd::input::step(3.0, 10.0));
  const auto names = gd::parameter_names(runtime);
  CHECK(std::find(names.begin(), names.end(), "pressure.terms[0].value") != names.end());
  CHECK(std::find(names.begin(), names.end(), "pressure.terms[1].height") != names.end());
  gd::set(runtime, "pressure.terms[1].height", 5.0);
  const auto compiled = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                                       gd::input::constant(1.0) + gd::input::step(5.0, 10.0));
  const auto o = gd::run_options(0.0, 20.0, 0.25).saving_every(1.0);
  check_same_trajectory(gd::simulate(compiled, o, gd::method::rk4{}), gd::simulate(runtime, o, gd::method::rk4{}));
}

TEST_CASE("runtime model: the boiled frog's alarm-modulated goal runs bit for bit as compiled") {
  namespace story = stories::boiled_frog;
  // rk4 only: every method drives the run-time model through the same derivative and advance
  // (the meadows and sensor_fault cases compare all three), and each compiled model run by one
  // more method costs compile time.
  check_same_run(story::model(story::alarmed_goal(), story::sudden()), story::options(), gd::method::rk4{});
  check_same_run(story::model(story::alarmed_goal(), story::gradual()), story::options(), gd::method::rk4{});
  {  // an absolute gap, a remembered signal
    const auto goal = gd::goal::alarm_modulated(100.0, 12.0, gd::goal::alarm_curve(0.02, 0.10), gd::goal::remembered(1.0, 6.0))
                          .with_gap(gd::goal::gap_measure::absolute_relative);
    check_same_run(story::model(goal, story::sudden()), story::options(), gd::method::rk4{});
  }
}

TEST_CASE("runtime model: a fused perception runs bit for bit as compiled, with the compiled state names") {
  namespace story = stories::listening;
  check_same_run(story::listening_to_all(), story::options(), gd::method::rk4{});
  const rt::model runtime = rt::make_model(story::listening_to_all());
  CHECK(runtime.size() == 6);
  CHECK(runtime.state_names() == std::vector<std::string>{"state.level", "perception.front_line.level",
                                                          "perception.middle.level", "perception.top.stage1",
                                                          "perception.top.stage2", "perception.top.stage3"});
}

TEST_CASE("runtime model: a fused perception with a reporting delay, an instant channel and a goal with memory") {
  namespace p = gd::perception;
  const auto compiled = gd::make_model(
      gd::state::actual(100.0, 4.0),
      p::fused(p::make_channel("desk", 0.25, p::instant<double>{}),
               p::make_channel("report", 0.5, p::distorted(p::reporting_delay(2.0), gd::input::step(0.1, 8.0))),
               p::make_channel("rumour", 0.25, p::asymmetric(1.0, 4.0))),
      gd::goal::best_past(100.0, 2.0, gd::goal::remembered(1.0, 4.0)), gd::input::pulse(10.0, 3.0, 5.0));
  const auto o = gd::run_options(0.0, 40.0, 0.25).saving_every(1.0);
  check_same_run(compiled, o, gd::method::rk4{});
  const rt::model runtime = rt::make_model(compiled);
  CHECK(runtime.needs_fixed_step());
  CHECK(runtime.size() == 4);
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "method", "dopri5",
                   gd::simulate(runtime, o, gd::method::dopri5{}));
}

TEST_CASE("runtime model: a fused perception's parameters have the compiled paths and checks") {
  auto compiled = stories::listening::listening_to_all();
  rt::model runtime = rt::make_model(compiled);
  CHECK(gd::parameter_names(runtime) == gd::parameter_names(compiled));
  gd::set(runtime, "perception.channels[1].smoothing_time", 3.0);
  CHECK(gd::get(runtime, "perception.channels[1].smoothing_time") == 3.0);
  gd::set(compiled, "perception.channels[1].smoothing_time", 3.0);
  gd::set(compiled, "perception.channels[2].bias.value", -0.2);
  gd::set(runtime, "perception.channels[2].bias.value", -0.2);
  check_same_trajectory(gd::simulate(compiled, stories::listening::options(), gd::method::rk4{}),
                        gd::simulate(runtime, stories::listening::options(), gd::method::rk4{}));
  // Weights that no longer sum to 1 (0.6 + 0.3 + 0.2) are refused by the same sentence, and the
  // model kept as it was.
  GD_CHECK_INVALID("goaldrift::perception::fused", "weights", "1.0999999999999999", gd::set(compiled, "perception.channels[0].weight", 0.6));
  GD_CHECK_INVALID("goaldrift::perception::fused", "weights", "1.0999999999999999", gd::set(runtime, "perception.channels[0].weight", 0.6));
  CHECK(gd::get(runtime, "perception.channels[0].weight") == 0.5);
}

TEST_CASE("runtime model: a fused perception built at run time refuses more channels or state than it has room for") {
  const auto channel = [](double weight) {
    return rt::fused_channel{"c", weight, rt::any_sensor(gd::perception::smooth3(1.0))};
  };
  GD_CHECK_INVALID("goaldrift::runtime::fused_perception", "channels", "0", rt::fused_perception(std::vector<rt::fused_channel>{}));
  GD_CHECK_INVALID("goaldrift::runtime::fused_perception", "channels", "9",
                   rt::fused_perception({channel(0.5), channel(0.25), channel(0.25)}));
  CHECK_NOTHROW(rt::fused_perception({channel(0.5), channel(0.5)}));
}

TEST_CASE("runtime model: a table, differences, products and negations of inputs run bit for bit as compiled") {
  namespace in = gd::input;
  const auto pressure = in::table({{0.0, 0.5}, {10.0, 2.0}, {20.0, 1.0}}) - in::step(0.3, 5.0) * in::ramp(0.1, 2.0, 12.0) +
                        -in::pulse(15.0, 2.0, 1.5);
  const auto compiled = gd::make_model(gd::state::actual(100.0, 4.0),
                                       gd::perception::distorted(gd::perception::smooth(2.0), 0.2 * in::step(0.5, 8.0)),
                                       gd::goal::floating(100.0, 12.0), pressure);
  check_same_run(compiled, gd::run_options(0.0, 30.0, 0.125).saving_every(1.0), gd::method::rk4{});
  const rt::model runtime = rt::make_model(compiled);
  CHECK(gd::parameter_names(runtime) == gd::parameter_names(compiled));
  const auto names = gd::parameter_names(runtime);
  CHECK(std::find(names.begin(), names.end(), "pressure.terms[0].right.left.height") != names.end());
  CHECK(std::find(names.begin(), names.end(), "pressure.terms[1].height") != names.end());
}

// The parts' parameter lists over SIMD packs: the same paths as over doubles, read per lane,
// set on every lane, and taken up by the model as a scalar model takes them up.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/invalid_parameter.hpp"
#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;
using pack2 = gd::simd::pack<2>;

namespace {

// Lane 0 acts in 4 months, lane 1 in 2: every other parameter is the same in both lanes, so
// lane i of a pack model is the scalar model built with action time action_times[i].
constexpr std::array<double, 2> action_times{4.0, 2.0};
const pack2 packed_action_times = gd::math::scalar_ops<pack2>::from_lanes(action_times.data());

// Models that hold every built-in part between them, over any scalar type T, given the action time.
auto noisy_model = [](auto action_time) {
  using T = decltype(action_time);
  namespace p = gd::perception;
  return gd::make_model(
      gd::state::disturbed(gd::state::actual(T(100.0), gd::state::capacity_limited(action_time, T(2.0))).with_floor(T(50.0)),
                           T(0.5), T(2.0), gd::noise::white("w", T(0.0), T(1.0), 0.25)),
      p::fused(p::make_channel("front", T(0.5), p::smooth_n<4, T>(T(2.0), 2)),
               p::make_channel("top", T(0.5),
                               p::distorted(p::reporting_delay<T>(1.0), gd::input::constant<T>(T(0.1)),
                                            gd::input::pulse<T>(1.0, 2.0, T(0.5))))),
      gd::goal::best_past(T(100.0), T(2.0), gd::goal::remembered(T(1.0), T(4.0))).with_forgetting(T(20.0)),
      gd::input::pulse_train<T>(1.0, 0.5, 2.0, 5.0, T(2.0)) + gd::noise::pink("p", T(0.0), T(0.5), 2.0, 0.25));
};
auto shaped_model = [](auto action_time) {
  using T = decltype(action_time);
  return gd::make_model(
      gd::state::actual(T(100.0), gd::state::lookup_shaped(action_time, gd::sd::lookup{{-1.0, -1.0}, {1.0, 1.0}})),
      gd::perception::smooth3(T(2.0), T(100.0)), gd::goal::blended(T(100.0), T(0.5), T(12.0), T(100.0)),
      gd::input::step<T>(T(1.0), 2.0) - gd::input::ramp<T>(T(0.1), 1.0, 4.0));
};
auto alarmed_model = [](auto action_time) {
  using T = decltype(action_time);
  return gd::make_model(gd::state::actual(T(100.0), action_time), gd::perception::asymmetric(T(1.0), T(6.0), T(100.0)),
                        gd::goal::alarm_modulated(T(100.0), T(12.0), gd::goal::alarm_curve(0.005, 0.05)),
                        -gd::input::constant<T>(T(1.0)));
};
auto plain_models = [](auto action_time) {
  using T = decltype(action_time);
  return std::make_tuple(
      gd::make_model(gd::state::actual(T(100.0), action_time), gd::perception::instant<T>{}, gd::goal::absolute(T(98.0)),
                     gd::input::table<T>({{0.0, 0.0}, {6.0, 3.0}})),
      gd::make_model(gd::state::actual(T(100.0), action_time), gd::perception::smooth(T(2.0)),
                     gd::goal::slip_only(T(100.0), T(12.0), gd::goal::remembered(T(1.0), T(4.0), T(100.0))),
                     gd::input::constant<T>(T(1.0))),
      gd::make_model(gd::state::actual(T(100.0), action_time), gd::perception::smooth(T(2.0)),
                     gd::goal::floating(T(100.0), T(12.0)), gd::input::constant<T>(T(1.0))));
};

/// Every state of a short Euler run driven by hand (simulate() takes scalar models only), with
/// the grid-time advances simulate() makes: floors and DELAY FIXED pipelines.
template <class Model>
auto euler_run(Model model) {
  using T = typename Model::scalar_type;
  constexpr double dt = 0.125;
  constexpr int steps = 48;
  model.start(gd::run_context{0.0, dt * steps, dt, true, "euler"});
  auto x = model.initial_state(0.0);
  auto dxdt = x;
  std::vector<decltype(x)> states;
  for (int k = 0;; ++k) {
    const double t = dt * k;
    const gd::time_point when{t, t + 0.5 * dt, 0.5 * dt};
    model.advance(x, when);
    states.push_back(x);
    if (k == steps) break;
    model.rhs(x, dxdt, when);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = x[i] + T(dt) * dxdt[i];
  }
  return states;
}

/// A value the part accepts in place of `old`, for a path of one of the models above.
double new_value(const std::string& path, double old) {
  const auto ends_with = [&](const std::string& tail) {
    return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with("order")) return old + 1.0;
  if (ends_with("origin")) return old - 1.0;  // an origin after the run's start is refused
  return old == 0.0 ? 0.25 : 0.75 * old;
}

/// For every path the model lists: the pack model lists it too and reads each lane as the
/// scalar model of that lane does; set() puts the value in every lane, keeps the lanes of
/// everything else, and the pack model then runs lane by lane as the scalar models given the
/// same value. A fused perception's weights can only change together, so they are left alone.
template <class Make>
void check_over_packs(const Make& make) {
  const auto reference = make(action_times[0]);
  const auto names = gd::parameter_names(reference);
  REQUIRE(gd::parameter_names(make(packed_action_times)) == names);
  for (const auto& path : names) {
    if (path.find("channels[") != std::string::npos && path.size() > 7 &&
        path.compare(path.size() - 7, 7, ".weight") == 0) {
      continue;
    }
    CAPTURE(path);
    auto packed = make(packed_action_times);
    std::array<decltype(make(0.0)), 2> scalars{make(action_times[0]), make(action_times[1])};
    for (std::size_t lane = 0; lane < 2; ++lane) {
      CHECK(gd::get(packed, path, lane) == gd::get(scalars[lane], path));
    }
    const double value = new_value(path, gd::get(reference, path));
    gd::set(packed, path, value);
    for (auto& scalar : scalars) gd::set(scalar, path, value);
    CHECK(gd::get(packed, path, 0) == value);
    CHECK(gd::get(packed, path, 1) == value);
    if (path != "state.action_time") {
      CHECK(gd::get(packed, "state.action_time", 1) == action_times[1]);
    }
    const auto pack_states = euler_run(packed);
    for (std::size_t lane = 0; lane < 2; ++lane) {
      CAPTURE(lane);
      const auto states = euler_run(scalars[lane]);
      bool same = true;
      for (std::size_t k = 0; k < states.size(); ++k) {
        for (std::size_t i = 0; i < states[k].size(); ++i) {
          same = same && support::same_as_scalar(pack_states[k][i][lane], states[k][i]);
        }
      }
      CHECK(same);
    }
  }
}

}  // namespace

TEST_CASE("parameters.parts: over packs, noise, fused channels, a ratchet and a pulse train list and set as over doubles") {
  check_over_packs(noisy_model);
  CHECK(gd::parameter_names(noisy_model(packed_action_times)).size() == 33);
}

TEST_CASE("parameters.parts: over packs, a lookup-shaped action, smooth3, a blended goal and input arithmetic list and set as over doubles") {
  check_over_packs(shaped_model);
}

TEST_CASE("parameters.parts: over packs, an asymmetric perception, an alarm-modulated goal and a negated input list and set as over doubles") {
  check_over_packs(alarmed_model);
}

TEST_CASE("parameters.parts: over packs, instant, absolute, table, slip_only, remembered and floating list and set as over doubles") {
  check_over_packs([](auto a) { return std::get<0>(plain_models(a)); });
  check_over_packs([](auto a) { return std::get<1>(plain_models(a)); });
  check_over_packs([](auto a) { return std::get<2>(plain_models(a)); });
}

TEST_CASE("parameters.parts: over packs, a value shared by the lanes reads alike in each, a lane past the pack is refused") {
  const auto model = noisy_model(packed_action_times);
  CHECK(gd::get(model, "state.action_time", 0) == 4.0);
  CHECK(gd::get(model, "state.action_time", 1) == 2.0);
  // The noise interval and the pulse train's times are plain doubles shared by every lane.
  CHECK(gd::get(model, "state.noise.interval", 1) == 0.25);
  CHECK(gd::get(model, "pressure.terms[0].repeat", 1) == 2.0);
  GD_CHECK_INVALID("goaldrift::parameters", "lane of state.action_time", "2", gd::get(model, "state.action_time", 2));
}

TEST_CASE("parameters.parts: over packs, a refused value leaves every lane as it was") {
  auto model = alarmed_model(packed_action_times);
  GD_CHECK_INVALID("goaldrift::state::proportional", "action_time", "-1", gd::set(model, "state.action_time", -1.0));
  CHECK(gd::get(model, "state.action_time", 0) == 4.0);
  CHECK(gd::get(model, "state.action_time", 1) == 2.0);
  GD_CHECK_INVALID("goaldrift::goal::alarm_modulated", "adjustment_time", "0",
                   gd::set(model, "goal.adjustment_time", 0.0));
  CHECK(gd::get(model, "goal.adjustment_time", 1) == 12.0);
}

// Every built-in part lists its parameters: the names, what get() reads, what set() changes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>
#include <goaldrift/parameters.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The paths parameter_names gives, joined by ", " so that a failure shows the whole list.
template <class Part>
std::string paths(const Part& part) {
  std::string out;
  for (const auto& name : gd::parameter_names(part)) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Each part goes into a model whose other parts stay fixed, so that a short run shows what the
// part does. Pressure 1 makes S fall, so every perception, goal and action has a gap to act on.
template <class State>
auto with_state(State s) {
  return gd::make_model(std::move(s), gd::perception::asymmetric(1.0, 6.0), gd::goal::floating(100.0, 12.0),
                        gd::input::constant(1.0));
}
template <class Perception>
auto with_perception(Perception p) {
  return gd::make_model(gd::state::actual(100.0, 4.0), std::move(p), gd::goal::floating(100.0, 12.0),
                        gd::input::constant(1.0));
}
/// The same with a negative pressure, under which S rises: good news for a perception.
template <class Perception>
auto rising(Perception p) {
  return gd::make_model(gd::state::actual(100.0, 4.0), std::move(p), gd::goal::floating(100.0, 12.0),
                        gd::input::constant(-1.0));
}
template <class Goal>
auto with_goal(Goal g) {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0), std::move(g),
                        gd::input::constant(1.0));
}
template <class Pressure>
auto with_pressure(Pressure u) {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0),
                        gd::goal::floating(100.0, 12.0), std::move(u));
}

/// Every value a short fixed-step run records (states, then S, P, D, action, pressure).
template <class Model>
std::vector<double> run_briefly(const Model& model) {
  const auto r = gd::simulate(model, gd::run_options(0.0, 6.0, 0.25), gd::method::rk4{});
  std::vector<double> all;
  for (const auto& name : r.names()) all.insert(all.end(), r[name].begin(), r[name].end());
  return all;
}

/// set(model, path, value) must make `model` run bit for bit as `expected`, the same model built
/// with that value, and not as it ran before (or the comparison would prove nothing).
template <class Model, class Expected>
void check_set_runs_as(Model model, const std::string& path, double value, const Expected& expected) {
  CAPTURE(path);
  const auto before = run_briefly(model);
  gd::set(model, path, value);
  CHECK(gd::get(model, path) == value);
  const auto after = run_briefly(model);
  CHECK(after == run_briefly(expected));
  CHECK(after != before);
}

/// set(model, path, value) must throw the part's own invalid_parameter and keep the old value.
template <class Model>
void check_refused(Model model, const std::string& path, double value, const char* component,
                   const char* parameter, const char* shown) {
  CAPTURE(path);
  const double old = gd::get(model, path);
  GD_CHECK_INVALID(component, parameter, shown, gd::set(model, path, value));
  CHECK(gd::get(model, path) == old);
}

/// An optional parameter left unset is listed as unset, is not among the names and cannot be
/// read; set() sets it.
template <class Part>
void check_optional(Part part, const std::string& path, double value) {
  CAPTURE(path);
  auto listed = [&] {
    const auto list = gd::parameter_list(part);
    const auto found =
        std::find_if(list.begin(), list.end(), [&](const gd::parameter_info& p) { return p.path == path; });
    REQUIRE(found != list.end());
    return *found;
  };
  CHECK_FALSE(listed().is_set);
  const auto names = gd::parameter_names(part);
  CHECK(std::find(names.begin(), names.end(), path) == names.end());
  GD_CHECK_INVALID("goaldrift::parameters", path, "no value", gd::get(part, path));
  gd::set(part, path, value);
  CHECK(listed().is_set);
  CHECK(gd::get(part, path) == value);
}

}  // namespace

// ---- the whole model ---------------------------------------------------------------------------

TEST_CASE("parameters.parts: the quickstart model lists each part's parameters under the part's place") {
  // The README's quickstart.
  const auto quickstart = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                         gd::goal::floating(100.0, 12.0), gd::input::constant(1.0));
  CHECK(paths(quickstart) ==
        "state.initial, state.action_time, perception.bad_news_time, perception.good_news_time, goal.initial, "
        "goal.adjustment_time, pressure.value");
  const auto remembering =
      gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                     gd::goal::floating(100.0, 12.0, gd::goal::remembered(2.0, 8.0)), gd::input::constant(1.0));
  CHECK(paths(remembering) ==
        "state.initial, state.action_time, perception.bad_news_time, perception.good_news_time, goal.initial, "
        "goal.adjustment_time, goal.signal.bad_news_time, goal.signal.good_news_time, pressure.value");
  // The full list also holds the optional parameters left unset, in their places.
  std::string listed;
  for (const auto& p : gd::parameter_list(remembering)) listed += p.path + (p.is_set ? " " : "(unset) ");
  CHECK(listed ==
        "state.initial state.action_time state.floor(unset) perception.bad_news_time perception.good_news_time "
        "perception.initial(unset) goal.initial goal.adjustment_time goal.signal.bad_news_time "
        "goal.signal.good_news_time goal.signal.initial(unset) pressure.value ");
  CHECK(gd::get(remembering, "goal.signal.good_news_time") == 8.0);
  check_set_runs_as(remembering, "goal.signal.bad_news_time", 1.0,
                    gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                   gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 8.0)),
                                   gd::input::constant(1.0)));
}

TEST_CASE("parameters.parts: every listed parameter has a meaning in lower case and a unit from the vocabulary") {
  const std::vector<std::string> units{"time", "level", "level/time", "1", "input", "input/time", "1/time"};
  auto check_list = [&](const std::vector<gd::parameter_info>& list) {
    REQUIRE_FALSE(list.empty());
    for (const auto& p : list) {
      CAPTURE(p.path);
      CHECK(std::find(units.begin(), units.end(), p.unit) != units.end());
      REQUIRE_FALSE(p.meaning.empty());
      CHECK(std::none_of(p.meaning.begin(), p.meaning.end(), [](char c) { return std::isupper(c) != 0; }));
      CHECK(p.meaning.back() != '.');
      CHECK(p.integer == (p.path.size() >= 5 && p.path.substr(p.path.size() - 5) == "order"));
    }
  };
  check_list(gd::parameter_list(gd::make_model(
      gd::state::disturbed(gd::state::actual(100.0, gd::state::capacity_limited(4.0, 2.0)).with_floor(50.0), 0.5,
                           2.0, gd::noise::white("w", 0.0, 1.0, 0.25)),
      gd::perception::fused(
          gd::perception::make_channel("front", 0.25, gd::perception::smooth_n<4>(2.0, 3, 100.0)),
          gd::perception::make_channel("top", 0.25, gd::perception::smooth3(2.0)),
          gd::perception::make_channel("report", 0.5,
                                       gd::perception::distorted(gd::perception::reporting_delay(1.0, 100.0),
                                                                 gd::input::ramp(0.1, 1.0), gd::input::step(1.0, 2.0)))),
      gd::goal::best_past(100.0, 2.0, gd::goal::remembered(1.0, 4.0, 100.0)).with_forgetting(20.0),
      gd::input::pulse(1.0, 2.0, 3.0) + gd::input::pulse_train(1.0, 0.5, 2.0, 5.0) -
          gd::noise::pink("p", 0.0, 1.0, 2.0, 0.25))));
  check_list(gd::parameter_list(gd::make_model(gd::state::actual(100.0, gd::state::lookup_shaped(4.0, gd::sd::lookup{{-1.0, -1.0}, {1.0, 1.0}})),
                                               gd::perception::smooth(2.0, 100.0),
                                               gd::goal::blended(100.0, 0.5, 12.0, 100.0))));
  check_list(gd::parameter_list(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0, 100.0),
                                               gd::goal::alarm_modulated(100.0, 4.0, gd::goal::alarm_curve(0.02, 0.1)),
                                               -gd::input::constant(1.0))));
  check_list(gd::parameter_list(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::instant<double>{},
                                               gd::goal::absolute(100.0), gd::input::constant(1.0))));
  check_list(gd::parameter_list(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::instant<double>{},
                                               gd::goal::slip_only(100.0, 4.0), gd::input::constant(1.0))));
}

// ---- state parts and corrective actions --------------------------------------------------------

TEST_CASE("parameters.parts: state::actual lists initial, its corrective action's at its own level, and floor") {
  const auto part = gd::state::actual(100.0, 4.0);
  CHECK(paths(part) == "initial, action_time");
  CHECK(gd::get(part, "initial") == 100.0);
  CHECK(gd::get(part, "action_time") == 4.0);
  check_set_runs_as(with_state(part), "state.initial", 97.0, with_state(gd::state::actual(97.0, 4.0)));
  check_set_runs_as(with_state(part), "state.action_time", 2.0, with_state(gd::state::actual(100.0, 2.0)));
  check_optional(part, "floor", 98.0);
  check_set_runs_as(with_state(part), "state.floor", 98.0, with_state(part.with_floor(98.0)));
  CHECK(paths(part.with_floor(98.0)) == "initial, action_time, floor");
  CHECK(gd::get(part.with_floor(98.0), "floor") == 98.0);
  check_refused(with_state(part), "state.action_time", -1.0, "goaldrift::state::proportional", "action_time", "-1");
  // A floor above the level: actual refuses it through initial - floor.
  check_refused(with_state(part.with_floor(98.0)), "state.floor", 101.0, "goaldrift::state::actual", "initial", "-1");
  // A corrective action of the user's own that lists nothing leaves the state's own list.
  const auto own = gd::state::actual(100.0, [](double desired, double perceived) { return desired - perceived; });
  CHECK(paths(own) == "initial");
  check_set_runs_as(with_state(own), "state.initial", 97.0,
                    with_state(gd::state::actual(97.0, [](double desired, double perceived) { return desired - perceived; })));
}

TEST_CASE("parameters.parts: state::capacity_limited lists action_time and max_rate") {
  const auto action = gd::state::capacity_limited(4.0, 0.1);
  CHECK(paths(action) == "action_time, max_rate");
  CHECK(gd::get(action, "max_rate") == 0.1);
  const auto part = gd::state::actual(100.0, action);
  CHECK(paths(part) == "initial, action_time, max_rate");
  check_set_runs_as(with_state(part), "state.max_rate", 0.2,
                    with_state(gd::state::actual(100.0, gd::state::capacity_limited(4.0, 0.2))));
  check_set_runs_as(with_state(part), "state.action_time", 2.0,
                    with_state(gd::state::actual(100.0, gd::state::capacity_limited(2.0, 0.1))));
  check_refused(with_state(part), "state.max_rate", 0.0, "goaldrift::state::capacity_limited", "max_rate", "0");
}

TEST_CASE("parameters.parts: state::lookup_shaped lists action_time and not its table") {
  const gd::sd::lookup effect{{-1.0, -1.0}, {0.0, 0.0}, {0.05, 0.2}, {1.0, 1.0}};
  const auto part = gd::state::actual(100.0, gd::state::lookup_shaped(4.0, effect));
  CHECK(paths(part) == "initial, action_time");
  check_set_runs_as(with_state(part), "state.action_time", 2.0,
                    with_state(gd::state::actual(100.0, gd::state::lookup_shaped(2.0, effect))));
  check_refused(with_state(part), "state.action_time", 0.0, "goaldrift::state::lookup_shaped", "action_time", "0");
}

TEST_CASE("parameters.parts: state::disturbed merges its inner state and nests its noise under noise") {
  auto make = [](double sigma, double time, double sd) {
    return gd::state::disturbed(gd::state::actual(100.0, 4.0), sigma, time, gd::noise::white("w", 0.0, sd, 0.25));
  };
  const auto part = make(0.5, 2.0, 1.0);
  CHECK(paths(part) == "initial, action_time, sigma, correlation_time, noise.mean, noise.sd, noise.interval");
  CHECK(gd::get(part, "sigma") == 0.5);
  CHECK(gd::get(part, "correlation_time") == 2.0);
  CHECK(gd::get(part, "noise.interval") == 0.25);
  check_set_runs_as(with_state(part), "state.sigma", 1.5, with_state(make(1.5, 2.0, 1.0)));
  check_set_runs_as(with_state(part), "state.correlation_time", 0.5, with_state(make(0.5, 0.5, 1.0)));
  check_set_runs_as(with_state(part), "state.noise.sd", 3.0, with_state(make(0.5, 2.0, 3.0)));
  check_set_runs_as(with_state(part), "state.action_time", 2.0,
                    with_state(gd::state::disturbed(gd::state::actual(100.0, 2.0), 0.5, 2.0,
                                                    gd::noise::white("w", 0.0, 1.0, 0.25))));
  check_optional(part, "floor", 90.0);
  check_refused(with_state(part), "state.sigma", -1.0, "goaldrift::state::disturbed", "sigma", "-1");
  check_refused(with_state(part), "state.correlation_time", 0.0, "goaldrift::state::disturbed", "correlation_time",
                "0");
  check_refused(with_state(part), "state.noise.interval", -0.25, "goaldrift::noise::white", "interval", "-0.25");
}

// ---- perceptions -------------------------------------------------------------------------------

TEST_CASE("parameters.parts: perception::instant has an empty list") {
  const gd::perception::instant<double> part;
  CHECK(paths(part).empty());
  CHECK(gd::parameter_list(part).empty());
  CHECK(paths(with_perception(part)) ==
        "state.initial, state.action_time, goal.initial, goal.adjustment_time, pressure.value");
}

TEST_CASE("parameters.parts: perception::asymmetric lists its two times and an optional start") {
  const auto part = gd::perception::asymmetric(1.0, 6.0);
  CHECK(paths(part) == "bad_news_time, good_news_time");
  CHECK(gd::get(part, "bad_news_time") == 1.0);
  CHECK(gd::get(part, "good_news_time") == 6.0);
  check_set_runs_as(with_perception(part), "perception.bad_news_time", 0.5,
                    with_perception(gd::perception::asymmetric(0.5, 6.0)));
  // Only a rising state is good news.
  check_set_runs_as(rising(part), "perception.good_news_time", 3.0, rising(gd::perception::asymmetric(1.0, 3.0)));
  check_optional(part, "initial", 95.0);
  check_set_runs_as(with_perception(part), "perception.initial", 95.0,
                    with_perception(gd::perception::asymmetric(1.0, 6.0, 95.0)));
  check_refused(with_perception(part), "perception.bad_news_time", -2.0, "goaldrift::perception::asymmetric",
                "bad_news_time", "-2");
  check_refused(with_perception(gd::perception::asymmetric(1.0, 6.0, 95.0)), "perception.initial", infinity,
                "goaldrift::perception::asymmetric", "initial", "inf");
}

TEST_CASE("parameters.parts: perception::smooth and smooth3 list smoothing_time and an optional start") {
  const auto first = gd::perception::smooth(2.0);
  CHECK(paths(first) == "smoothing_time");
  CHECK(gd::get(first, "smoothing_time") == 2.0);
  check_set_runs_as(with_perception(first), "perception.smoothing_time", 3.0,
                    with_perception(gd::perception::smooth(3.0)));
  check_optional(first, "initial", 95.0);
  check_set_runs_as(with_perception(first), "perception.initial", 95.0,
                    with_perception(gd::perception::smooth(2.0, 95.0)));
  check_refused(with_perception(first), "perception.smoothing_time", 0.0, "goaldrift::perception::smooth",
                "smoothing_time", "0");

  const auto third = gd::perception::smooth3(2.0, 100.0);
  CHECK(paths(third) == "smoothing_time, initial");
  CHECK(gd::get(third, "initial") == 100.0);
  check_set_runs_as(with_perception(third), "perception.smoothing_time", 3.0,
                    with_perception(gd::perception::smooth3(3.0, 100.0)));
  check_refused(with_perception(third), "perception.smoothing_time", -1.0, "goaldrift::perception::smooth3",
                "smoothing_time", "-1");
}

TEST_CASE("parameters.parts: perception::smooth_n lists its order as a whole number") {
  const auto part = gd::perception::smooth_n<4>(2.0, 2);
  CHECK(paths(part) == "smoothing_time, order");
  CHECK(gd::get(part, "order") == 2.0);
  const auto list = gd::parameter_list(part);
  CHECK_FALSE(list[0].integer);
  CHECK(list.back().path == "order");
  CHECK(list.back().integer);
  check_set_runs_as(with_perception(part), "perception.order", 3.0,
                    with_perception(gd::perception::smooth_n<4>(2.0, 3)));
  check_set_runs_as(with_perception(part), "perception.smoothing_time", 3.0,
                    with_perception(gd::perception::smooth_n<4>(3.0, 2)));
  check_optional(part, "initial", 95.0);
  check_refused(with_perception(part), "perception.order", 5.0, "goaldrift::perception::smooth_n", "order", "5");
  check_refused(with_perception(part), "perception.order", 2.5, "goaldrift::parameters", "perception.order",
                "2.5");
}

TEST_CASE("parameters.parts: perception::reporting_delay lists delay_time and an optional start") {
  const auto part = gd::perception::reporting_delay(1.0);
  CHECK(paths(part) == "delay_time");
  CHECK(gd::get(part, "delay_time") == 1.0);
  check_set_runs_as(with_perception(part), "perception.delay_time", 2.0,
                    with_perception(gd::perception::reporting_delay(2.0)));
  check_optional(part, "initial", 95.0);
  check_set_runs_as(with_perception(part), "perception.initial", 95.0,
                    with_perception(gd::perception::reporting_delay(1.0, 95.0)));
  check_refused(with_perception(part), "perception.delay_time", -1.0, "goaldrift::perception::reporting_delay",
                "delay_time", "-1");
}

TEST_CASE("parameters.parts: perception::distorted merges its inner perception and nests bias and offset") {
  const auto part = gd::perception::distorted(gd::perception::smooth(2.0), 0.1, 0.5);
  CHECK(paths(part) == "smoothing_time, bias.value, offset.value");
  CHECK(gd::get(part, "bias.value") == 0.1);
  CHECK(gd::get(part, "offset.value") == 0.5);
  check_set_runs_as(with_perception(part), "perception.bias.value", 0.2,
                    with_perception(gd::perception::distorted(gd::perception::smooth(2.0), 0.2, 0.5)));
  check_set_runs_as(with_perception(part), "perception.offset.value", -0.5,
                    with_perception(gd::perception::distorted(gd::perception::smooth(2.0), 0.1, -0.5)));
  check_set_runs_as(with_perception(part), "perception.smoothing_time", 3.0,
                    with_perception(gd::perception::distorted(gd::perception::smooth(3.0), 0.1, 0.5)));
  check_optional(part, "initial", 95.0);
  // A fault that comes and goes lists the pulse's parameters under "bias.".
  const auto fault = gd::perception::distorted(gd::perception::instant<double>{}, gd::input::pulse(1.0, 2.0, 0.3));
  CHECK(paths(fault) == "bias.start, bias.width, bias.height, offset.value");
  CHECK(gd::get(fault, "offset.value") == 0.0);
  check_set_runs_as(with_perception(fault), "perception.bias.height", 0.1,
                    with_perception(gd::perception::distorted(gd::perception::instant<double>{},
                                                              gd::input::pulse(1.0, 2.0, 0.1))));
  check_refused(with_perception(part), "perception.bias.value", infinity, "goaldrift::input::constant", "value",
                "inf");
}

TEST_CASE("parameters.parts: perception::fused lists each channel by its position, with its weight") {
  auto make = [](double delay) {
    return gd::perception::fused(gd::perception::make_channel("front", 0.5, gd::perception::smooth(2.0)),
                                 gd::perception::make_channel("top", 0.5, gd::perception::reporting_delay(delay)));
  };
  const auto channel = gd::perception::make_channel("front", 1.0, gd::perception::smooth(2.0));
  CHECK(paths(channel) == "weight, smoothing_time");
  const auto part = make(1.0);
  CHECK(paths(part) == "channels[0].weight, channels[0].smoothing_time, channels[1].weight, channels[1].delay_time");
  CHECK(gd::get(part, "channels[1].weight") == 0.5);
  CHECK(gd::get(part, "channels[1].delay_time") == 1.0);
  check_set_runs_as(with_perception(part), "perception.channels[1].delay_time", 2.0, with_perception(make(2.0)));
  check_optional(part, "channels[1].initial", 95.0);
  // One weight changed alone breaks their sum, which fused refuses under its own name.
  check_refused(with_perception(part), "perception.channels[0].weight", 0.7, "goaldrift::perception::fused",
                "weights", "1.2");
  check_refused(with_perception(part), "perception.channels[0].weight", -0.5, "goaldrift::perception::fused",
                "weight of channel 'front'", "-0.5");
  check_refused(with_perception(part), "perception.channels[1].delay_time", 0.0,
                "goaldrift::perception::reporting_delay", "delay_time", "0");
}

// ---- goals -------------------------------------------------------------------------------------

TEST_CASE("parameters.parts: goal::absolute lists its standard") {
  const auto part = gd::goal::absolute(100.0);
  CHECK(paths(part) == "standard");
  CHECK(gd::get(part, "standard") == 100.0);
  check_set_runs_as(with_goal(part), "goal.standard", 105.0, with_goal(gd::goal::absolute(105.0)));
  check_refused(with_goal(part), "goal.standard", infinity, "goaldrift::goal::absolute", "standard", "inf");
}

TEST_CASE("parameters.parts: goal::blended lists standard, weight, memory_time and an optional start") {
  const auto part = gd::goal::blended(100.0, 0.5, 12.0);
  CHECK(paths(part) == "standard, weight, memory_time");
  CHECK(gd::get(part, "weight") == 0.5);
  check_set_runs_as(with_goal(part), "goal.standard", 105.0, with_goal(gd::goal::blended(105.0, 0.5, 12.0)));
  check_set_runs_as(with_goal(part), "goal.weight", 0.25, with_goal(gd::goal::blended(100.0, 0.25, 12.0)));
  check_set_runs_as(with_goal(part), "goal.memory_time", 6.0, with_goal(gd::goal::blended(100.0, 0.5, 6.0)));
  check_optional(part, "initial_memory", 95.0);
  check_set_runs_as(with_goal(part), "goal.initial_memory", 95.0,
                    with_goal(gd::goal::blended(100.0, 0.5, 12.0, 95.0)));
  check_refused(with_goal(part), "goal.weight", 1.5, "goaldrift::goal::blended", "weight", "1.5");
}

TEST_CASE("parameters.parts: goal::floating lists initial, adjustment_time, then its signal's under signal") {
  const auto part = gd::goal::floating(100.0, 12.0);
  CHECK(paths(part) == "initial, adjustment_time");
  CHECK(gd::get(part, "adjustment_time") == 12.0);
  check_set_runs_as(with_goal(part), "goal.initial", 95.0, with_goal(gd::goal::floating(95.0, 12.0)));
  check_set_runs_as(with_goal(part), "goal.adjustment_time", 6.0, with_goal(gd::goal::floating(100.0, 6.0)));
  check_refused(with_goal(part), "goal.adjustment_time", 0.0, "goaldrift::goal::floating", "adjustment_time", "0");

  const auto remembering = gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 6.0));
  CHECK(paths(remembering) == "initial, adjustment_time, signal.bad_news_time, signal.good_news_time");
  check_set_runs_as(with_goal(remembering), "goal.signal.bad_news_time", 0.5,
                    with_goal(gd::goal::floating(100.0, 12.0, gd::goal::remembered(0.5, 6.0))));
  check_optional(remembering, "signal.initial", 95.0);
  check_set_runs_as(with_goal(remembering), "goal.signal.initial", 95.0,
                    with_goal(gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 6.0, 95.0))));
  check_refused(with_goal(remembering), "goal.signal.good_news_time", -1.0, "goaldrift::goal::remembered",
                "good_news_time", "-1");
}

TEST_CASE("parameters.parts: goal::slip_only and alarm_modulated list initial and adjustment_time") {
  const auto slip = gd::goal::slip_only(100.0, 12.0);
  CHECK(paths(slip) == "initial, adjustment_time");
  check_set_runs_as(with_goal(slip), "goal.adjustment_time", 6.0, with_goal(gd::goal::slip_only(100.0, 6.0)));
  check_refused(with_goal(slip), "goal.adjustment_time", -3.0, "goaldrift::goal::slip_only", "adjustment_time",
                "-3");

  // The alarm table and the gap measure are not numbers, so they are not listed.
  const auto alarm = gd::goal::alarm_curve(0.005, 0.05);
  const auto modulated = gd::goal::alarm_modulated(100.0, 12.0, alarm);
  CHECK(paths(modulated) == "initial, adjustment_time");
  check_set_runs_as(with_goal(modulated), "goal.adjustment_time", 6.0,
                    with_goal(gd::goal::alarm_modulated(100.0, 6.0, alarm)));
  check_refused(with_goal(modulated), "goal.adjustment_time", -3.0, "goaldrift::goal::alarm_modulated",
                "adjustment_time", "-3");
}

TEST_CASE("parameters.parts: goal::best_past lists initial, rise_time and an optional forgetting_time") {
  const auto part = gd::goal::best_past(95.0, 2.0);
  CHECK(paths(part) == "initial, rise_time");
  CHECK(gd::get(part, "rise_time") == 2.0);
  check_set_runs_as(with_goal(part), "goal.rise_time", 1.0, with_goal(gd::goal::best_past(95.0, 1.0)));
  check_set_runs_as(with_goal(part), "goal.initial", 97.0, with_goal(gd::goal::best_past(97.0, 2.0)));
  check_optional(part, "forgetting_time", 20.0);
  check_set_runs_as(with_goal(gd::goal::best_past(100.0, 2.0)), "goal.forgetting_time", 20.0,
                    with_goal(gd::goal::best_past(100.0, 2.0).with_forgetting(20.0)));
  CHECK(paths(part.with_forgetting(20.0)) == "initial, rise_time, forgetting_time");
  check_refused(with_goal(part), "goal.rise_time", -1.0, "goaldrift::goal::best_past", "rise_time", "-1");
  check_refused(with_goal(part.with_forgetting(20.0)), "goal.forgetting_time", 0.0, "goaldrift::goal::best_past",
                "forgetting_time", "0");
}

TEST_CASE("parameters.parts: goal::perceived has an empty list and goal::remembered lists its times") {
  CHECK(paths(gd::goal::perceived<double>{}).empty());
  const auto memory = gd::goal::remembered(1.0, 6.0);
  CHECK(paths(memory) == "bad_news_time, good_news_time");
  CHECK(gd::get(memory, "good_news_time") == 6.0);
}

// ---- inputs and noise --------------------------------------------------------------------------

TEST_CASE("parameters.parts: input::constant, step and ramp list their values and times") {
  const auto constant = gd::input::constant(1.0);
  CHECK(paths(constant) == "value");
  check_set_runs_as(with_pressure(constant), "pressure.value", 2.0, with_pressure(gd::input::constant(2.0)));
  check_refused(with_pressure(constant), "pressure.value", infinity, "goaldrift::input::constant", "value", "inf");

  const auto step = gd::input::step(1.0, 2.0);
  CHECK(paths(step) == "height, start");
  CHECK(gd::get(step, "start") == 2.0);
  check_set_runs_as(with_pressure(step), "pressure.height", 2.0, with_pressure(gd::input::step(2.0, 2.0)));
  check_set_runs_as(with_pressure(step), "pressure.start", 3.0, with_pressure(gd::input::step(1.0, 3.0)));
  check_refused(with_pressure(step), "pressure.start", infinity, "goaldrift::input::step", "start", "inf");

  const auto ramp = gd::input::ramp(0.5, 1.0, 4.0);
  CHECK(paths(ramp) == "slope, start, end");
  CHECK(gd::get(gd::input::ramp(0.5, 1.0), "end") == infinity);
  check_set_runs_as(with_pressure(ramp), "pressure.slope", 0.25, with_pressure(gd::input::ramp(0.25, 1.0, 4.0)));
  check_set_runs_as(with_pressure(ramp), "pressure.start", 2.0, with_pressure(gd::input::ramp(0.5, 2.0, 4.0)));
  check_set_runs_as(with_pressure(ramp), "pressure.end", 3.0, with_pressure(gd::input::ramp(0.5, 1.0, 3.0)));
  check_refused(with_pressure(ramp), "pressure.end", 0.5, "goaldrift::input::ramp", "end", "0.5");
}

TEST_CASE("parameters.parts: input::pulse and pulse_train list their times and height") {
  const auto pulse = gd::input::pulse(1.0, 2.0, 3.0);
  CHECK(paths(pulse) == "start, width, height");
  check_set_runs_as(with_pressure(pulse), "pressure.start", 2.0, with_pressure(gd::input::pulse(2.0, 2.0, 3.0)));
  check_set_runs_as(with_pressure(pulse), "pressure.width", 1.0, with_pressure(gd::input::pulse(1.0, 1.0, 3.0)));
  check_set_runs_as(with_pressure(pulse), "pressure.height", 1.5, with_pressure(gd::input::pulse(1.0, 2.0, 1.5)));
  check_refused(with_pressure(pulse), "pressure.width", -1.0, "goaldrift::input::pulse", "width", "-1");

  const auto train = gd::input::pulse_train(1.0, 0.5, 2.0, 5.0, 2.0);
  CHECK(paths(train) == "start, duration, repeat, end, height");
  CHECK(gd::get(train, "repeat") == 2.0);
  check_set_runs_as(with_pressure(train), "pressure.start", 0.5,
                    with_pressure(gd::input::pulse_train(0.5, 0.5, 2.0, 5.0, 2.0)));
  check_set_runs_as(with_pressure(train), "pressure.duration", 1.0,
                    with_pressure(gd::input::pulse_train(1.0, 1.0, 2.0, 5.0, 2.0)));
  check_set_runs_as(with_pressure(train), "pressure.repeat", 1.5,
                    with_pressure(gd::input::pulse_train(1.0, 0.5, 1.5, 5.0, 2.0)));
  check_set_runs_as(with_pressure(train), "pressure.end", 2.0,
                    with_pressure(gd::input::pulse_train(1.0, 0.5, 2.0, 2.0, 2.0)));
  check_set_runs_as(with_pressure(train), "pressure.height", 1.0,
                    with_pressure(gd::input::pulse_train(1.0, 0.5, 2.0, 5.0, 1.0)));
  check_refused(with_pressure(train), "pressure.duration", 3.0, "goaldrift::input::pulse_train", "duration", "3");
}

TEST_CASE("parameters.parts: input::table has an empty list and a callable of time has none") {
  const gd::input::table curve{{0.0, 0.0}, {6.0, 3.0}};
  CHECK(paths(curve).empty());
  CHECK(paths(with_pressure(curve)) ==
        "state.initial, state.action_time, perception.smoothing_time, goal.initial, goal.adjustment_time");
  // A user's callable lists nothing; a path into it says so.
  auto model = with_pressure([](double t) { return 0.5 * t; });
  CHECK(paths(model) ==
        "state.initial, state.action_time, perception.smoothing_time, goal.initial, goal.adjustment_time");
  const auto caught = support::catch_invalid([&] { gd::set(model, "pressure.slope", 1.0); });
  REQUIRE(caught.has_value());
  CHECK(std::string(caught->what()).find("the part at 'pressure' lists no parameters") != std::string::npos);
}

TEST_CASE("parameters.parts: a sum lists its terms, a product its sides, and negation merges its operand") {
  const auto sum = gd::input::step(1.0, 2.0) + gd::input::ramp(0.5, 1.0);
  CHECK(paths(sum) == "terms[0].height, terms[0].start, terms[1].slope, terms[1].start, terms[1].end");
  CHECK(gd::get(sum, "terms[1].slope") == 0.5);
  check_set_runs_as(with_pressure(sum), "pressure.terms[1].slope", 0.25,
                    with_pressure(gd::input::step(1.0, 2.0) + gd::input::ramp(0.25, 1.0)));
  check_set_runs_as(with_pressure(sum), "pressure.terms[0].start", 3.0,
                    with_pressure(gd::input::step(1.0, 3.0) + gd::input::ramp(0.5, 1.0)));
  // a + b + c is (a + b) + c, and lists three terms, as a model file's sum writes them.
  const auto three = gd::input::step(1.0, 2.0) + gd::input::constant(2.0) + gd::input::constant(3.0);
  CHECK(paths(three) == "terms[0].height, terms[0].start, terms[1].value, terms[2].value");
  // A sum on the right stays one term.
  const auto nested = gd::input::constant(1.0) + (gd::input::constant(2.0) + gd::input::constant(3.0));
  CHECK(paths(nested) == "terms[0].value, terms[1].terms[0].value, terms[1].terms[1].value");
  CHECK(paths(gd::input::constant(1.0) - gd::input::constant(2.0)) == "left.value, right.value");
  // A number in an expression becomes a constant, listed by its side.
  const auto scaled = 2.0 * gd::input::step(1.0, 2.0);
  CHECK(paths(scaled) == "left.value, right.height, right.start");
  check_set_runs_as(with_pressure(scaled), "pressure.left.value", 3.0, with_pressure(3.0 * gd::input::step(1.0, 2.0)));

  const auto negated = -gd::input::step(1.0, 2.0);
  CHECK(paths(negated) == "height, start");
  check_set_runs_as(with_pressure(negated), "pressure.height", 2.0, with_pressure(-gd::input::step(2.0, 2.0)));
  check_refused(with_pressure(negated), "pressure.start", infinity, "goaldrift::input::step", "start", "inf");
}

TEST_CASE("parameters.parts: noise::white lists mean, sd and interval") {
  const auto white = gd::noise::white("w", 1.0, 0.5, 0.25);
  CHECK(paths(white) == "mean, sd, interval");
  CHECK(gd::get(white, "sd") == 0.5);
  CHECK(gd::get(white, "interval") == 0.25);
  check_set_runs_as(with_pressure(white), "pressure.mean", 2.0, with_pressure(gd::noise::white("w", 2.0, 0.5, 0.25)));
  check_set_runs_as(with_pressure(white), "pressure.sd", 1.0, with_pressure(gd::noise::white("w", 1.0, 1.0, 0.25)));
  check_set_runs_as(with_pressure(white), "pressure.interval", 0.5,
                    with_pressure(gd::noise::white("w", 1.0, 0.5, 0.5)));
  check_refused(with_pressure(white), "pressure.sd", -1.0, "goaldrift::noise::white", "sd", "-1");
  check_refused(with_pressure(white), "pressure.interval", 0.0, "goaldrift::noise::white", "interval", "0");
}

TEST_CASE("parameters.parts: noise::pink lists mean, sd, correlation_time, interval and origin") {
  auto make = [](double mean, double sd, double tau, double interval, double origin) {
    auto p = gd::noise::pink("p", mean, sd, tau, interval);
    p.origin = origin;
    return p;
  };
  const auto pink = make(1.0, 0.5, 2.0, 0.25, 0.0);
  CHECK(paths(pink) == "mean, sd, correlation_time, interval, origin");
  CHECK(gd::get(pink, "correlation_time") == 2.0);
  CHECK(gd::get(pink, "origin") == 0.0);
  check_set_runs_as(with_pressure(pink), "pressure.mean", 2.0, with_pressure(make(2.0, 0.5, 2.0, 0.25, 0.0)));
  check_set_runs_as(with_pressure(pink), "pressure.sd", 1.0, with_pressure(make(1.0, 1.0, 2.0, 0.25, 0.0)));
  check_set_runs_as(with_pressure(pink), "pressure.correlation_time", 1.0,
                    with_pressure(make(1.0, 0.5, 1.0, 0.25, 0.0)));
  check_set_runs_as(with_pressure(pink), "pressure.interval", 0.5, with_pressure(make(1.0, 0.5, 2.0, 0.5, 0.0)));
  check_set_runs_as(with_pressure(pink), "pressure.origin", -2.0, with_pressure(make(1.0, 0.5, 2.0, 0.25, -2.0)));
  check_refused(with_pressure(pink), "pressure.correlation_time", 0.0, "goaldrift::noise::pink", "correlation_time",
                "0");
  check_refused(with_pressure(pink), "pressure.origin", -infinity, "goaldrift::noise::pink", "origin", "-inf");
}

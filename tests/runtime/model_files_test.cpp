// Every example story's model file (examples/models/*.json) reproduces the compiled example's
// trajectory CSV byte for byte, and every mistake in a model file names the file, the JSON
// pointer of the field and what was expected, before anything runs.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include <goaldrift/runtime/model_file.hpp>

#include "stories/bad_news.hpp"
#include "stories/boiled_frog.hpp"
#include "stories/custom_part.hpp"
#include "stories/listening.hpp"
#include "stories/meadows_drift.hpp"
#include "stories/monte_carlo_antidotes.hpp"
#include "stories/sensor_fault.hpp"

namespace gd = goaldrift;
namespace rt = goaldrift::runtime;

namespace {

const std::filesystem::path models_dir = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "examples" / "models";

std::string csv(const gd::trajectory& t) {
  std::ostringstream out;
  t.write_csv(out);
  return out.str();
}

/// The compiled run each model file stands for, as the example writes it.
std::map<std::string, std::function<gd::trajectory()>> compiled_runs() {
  namespace md = stories::meadows_drift;
  namespace bn = stories::bad_news;
  namespace sf = stories::sensor_fault;
  namespace bf = stories::boiled_frog;
  namespace ls = stories::listening;
  namespace cp = stories::custom_part;
  namespace ma = stories::monte_carlo_antidotes;
  return {
      {"meadows_drift_eroding", [] { return gd::simulate(md::eroding(), md::options()); }},
      {"meadows_drift_absolute", [] { return gd::simulate(md::absolute(), md::options()); }},
      {"meadows_drift_best_past", [] { return gd::simulate(md::best_past(), md::options()); }},
      {"meadows_drift_symmetric_memory", [] { return gd::simulate(md::symmetric_memory(), md::options()); }},
      {"meadows_drift_no_memory", [] { return gd::simulate(md::no_memory(), md::options()); }},
      {"bad_news_pessimistic", [] { return gd::simulate(bn::pessimistic(), bn::options()); }},
      {"bad_news_symmetric", [] { return gd::simulate(bn::symmetric(), bn::options()); }},
      {"bad_news_optimistic", [] { return gd::simulate(bn::optimistic(), bn::options()); }},
      {"sensor_fault_absolute", [] { return gd::simulate(sf::absolute(), sf::options()); }},
      {"sensor_fault_floating", [] { return gd::simulate(sf::symmetric_floating(), sf::options()); }},
      {"sensor_fault_slip_only", [] { return gd::simulate(sf::slip_only(), sf::options()); }},
      {"boiled_frog_sudden_plain", [] { return gd::simulate(bf::model(bf::plain_goal(), bf::sudden()), bf::options()); }},
      {"boiled_frog_gradual_plain", [] { return gd::simulate(bf::model(bf::plain_goal(), bf::gradual()), bf::options()); }},
      {"boiled_frog_sudden", [] { return gd::simulate(bf::model(bf::alarmed_goal(), bf::sudden()), bf::options()); }},
      {"boiled_frog_gradual", [] { return gd::simulate(bf::model(bf::alarmed_goal(), bf::gradual()), bf::options()); }},
      {"listening_top_only", [] { return gd::simulate(ls::top_only(), ls::options()); }},
      {"listening_fused", [] { return gd::simulate(ls::listening_to_all(), ls::options()); }},
      {"custom_part_smooth", [] { return gd::simulate(cp::model(gd::perception::smooth(1.0)), cp::options()); }},
      // a Monte Carlo story's file runs its prototype (ensemble_file_test compares the studies)
      {"monte_carlo_antidotes_eroding", [] { return gd::simulate(ma::eroding().prototype(), ma::grid(), gd::method::rk4{}); }},
      {"monte_carlo_antidotes_absolute", [] { return gd::simulate(ma::absolute().prototype(), ma::grid(), gd::method::rk4{}); }},
      {"monte_carlo_antidotes_best_past", [] { return gd::simulate(ma::best_past().prototype(), ma::grid(), gd::method::rk4{}); }},
      {"quickstart",
       [] {
         const auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                           gd::goal::floating(100.0, 12.0), gd::input::constant(1.0));
         return gd::simulate(model, gd::run_options(0.0, 60.0, 0.125).saving_every(12.0), gd::method::rk4{});
       }},
  };
}

std::string error_of(const std::string& text) {
  try {
    (void)rt::parse_model_file(text, "m.json");
  } catch (const rt::model_file_error& e) {
    return e.what();
  }
  return "(no model_file_error)";
}

// The quickstart model, with `replace` substituted for `field` (a whole "key": value text).
std::string quickstart_with(const std::string& from, const std::string& to) {
  std::string text = R"({
  "state": {"type": "actual", "initial": 100, "action_time": 4},
  "perception": {"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6},
  "goal": {"type": "floating", "initial": 100, "adjustment_time": 12},
  "pressure": 1,
  "run": {"end": 60, "dt": 0.125, "save_every": 12}
})";
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("runtime.model files: every example model file reproduces the compiled example's CSV byte for byte") {
  const auto runs = compiled_runs();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(models_dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const std::string name = entry.path().stem().string();
    CAPTURE(name);
    const auto compiled = runs.find(name);
    REQUIRE_MESSAGE(compiled != runs.end(), "no compiled run is known for " << name);
    const auto file = rt::read_model_file(entry.path());
    CHECK(csv(rt::simulate(file)) == csv(compiled->second()));
  }
  CHECK(files == runs.size());
}

TEST_CASE("runtime.model files: a parameter a part refuses is reported at its field") {
  CHECK(error_of(quickstart_with(R"("adjustment_time": 12)", R"("adjustment_time": -3)")) ==
        "goaldrift::model_file: m.json: /goal/adjustment_time: goaldrift::goal::floating: adjustment_time must be "
        "positive and finite, got -3");
  CHECK(error_of(quickstart_with(R"("end": 60)", R"("end": -60)")).find("m.json: /run/end: goaldrift::simulate:") !=
        std::string::npos);
}

TEST_CASE("runtime.model files: misspelt, missing and mistyped fields name the field and the choices") {
  CHECK(error_of(quickstart_with(R"("adjustment_time": 12)", R"("adjustmnet_time": 12)")) ==
        "goaldrift::model_file: m.json: /goal: needs the field 'adjustment_time'; the closest is 'adjustmnet_time'");
  CHECK(error_of(quickstart_with(R"("pressure": 1,)", R"("pressure": 1, "presure": 2,)")) ==
        "goaldrift::model_file: m.json: /presure: is not a field of a model file; the closest is 'pressure'; its "
        "fields are 'format', 'description', 'state', 'perception', 'goal', 'pressure', 'run', 'ensemble'");
  const auto wrong_type = error_of(quickstart_with(R"("type": "asymmetric")", R"("type": "asymetric")"));
  CHECK(wrong_type.find("m.json: /perception/type: must be one of") != std::string::npos);
  CHECK(wrong_type.find("the closest is 'asymmetric'") != std::string::npos);
  CHECK(error_of(quickstart_with(R"("action_time": 4)", R"("action_time": "4")")) ==
        "goaldrift::model_file: m.json: /state/action_time: must be a number, got a string");
  CHECK(error_of(quickstart_with(R"("save_every": 12)", R"("save_every": 12, "method": "rk5")"))
            .find("m.json: /run/method: must be one of 'euler', 'rk4', 'dopri5'") != std::string::npos);
  CHECK(error_of("{\"state\": [1, 2]}") ==
        "goaldrift::model_file: m.json: /state: must be a state part (an object), got a list");
  CHECK(error_of("{\"state\": 1,").find("m.json: (the whole file): is not valid JSON: parse error at line 1") !=
        std::string::npos);
}

TEST_CASE("runtime.model files: what only a run can check is refused when the file is read") {
  // A monthly report that arrives within one step of dt cannot be a DELAY FIXED pipeline under
  // dopri5: refused at the perception, before any run.
  const auto text = quickstart_with(R"({"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6})",
                                    R"({"type": "reporting_delay", "delay_time": 1})");
  CHECK_NOTHROW(rt::parse_model_file(text, "m.json"));
  const auto adaptive = quickstart_with(R"("save_every": 12)", R"("save_every": 12, "method": "dopri5")");
  const auto both = std::string(adaptive).replace(adaptive.find(R"({"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6})"),
                                                  std::string(R"({"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6})").size(),
                                                  R"({"type": "reporting_delay", "delay_time": 1})");
  CHECK(error_of(both).find("m.json: /perception: goaldrift::perception::reporting_delay") != std::string::npos);
}

TEST_CASE("runtime.model files: a noise's stream is named by its place in the file unless the file names it") {
  const auto file = rt::parse_model_file(
      quickstart_with(R"("pressure": 1)", R"("pressure": {"type": "sum", "terms": [1, {"type": "white", "sd": 0.5, "interval": 1}]})"),
      "m.json");
  const auto named = rt::parse_model_file(
      quickstart_with(R"("pressure": 1)",
                      R"("pressure": {"type": "sum", "terms": [1, {"type": "white", "stream": "pressure.terms[1]", "sd": 0.5, "interval": 1}]})"),
      "m.json");
  const auto other = rt::parse_model_file(
      quickstart_with(R"("pressure": 1)",
                      R"("pressure": {"type": "sum", "terms": [1, {"type": "white", "stream": "shocks", "sd": 0.5, "interval": 1}]})"),
      "m.json");
  CHECK(csv(rt::simulate(file)) == csv(rt::simulate(named)));
  CHECK(csv(rt::simulate(file)) != csv(rt::simulate(other)));
}

namespace {

const std::string asymmetric_perception = R"({"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6})";
const std::string floating_goal = R"({"type": "floating", "initial": 100, "adjustment_time": 12})";

// The quickstart model with a fused perception of `channels` (the list's text).
std::string fused_with(const std::string& channels, const std::string& more = "") {
  return quickstart_with(asymmetric_perception, R"({"type": "fused", )" + more + R"("channels": )" + channels + "}");
}
const std::string smooth_channel = R"({"name": "a", "weight": 0.25, "type": "smooth", "smoothing_time": 1})";

// The quickstart model with an alarm-modulated goal whose alarm is `alarm` (its text).
std::string alarm_with(const std::string& alarm, const std::string& more = "") {
  return quickstart_with(floating_goal, R"({"type": "alarm_modulated", "initial": 100, "adjustment_time": 12, )" + more +
                                            R"("alarm": )" + alarm + "}");
}

}  // namespace

TEST_CASE("runtime.model files: a fused perception's channels are counted, weighed and named at their place") {
  const std::string four = "[" + smooth_channel + ", " + smooth_channel + ", " + smooth_channel + ", " + smooth_channel + "]";
  CHECK_NOTHROW(rt::parse_model_file(fused_with(four), "m.json"));
  CHECK(error_of(fused_with("[" + smooth_channel + ", " + four.substr(1))) ==
        "goaldrift::model_file: m.json: /perception/channels: must be a list of 1 to 4 channels (a run-time model has "
        "room for 4), got 5 channels");
  CHECK(error_of(fused_with("[]")).find("m.json: /perception/channels: must be a list of 1 to 4 channels") != std::string::npos);
  CHECK(error_of(fused_with("{}")).find("m.json: /perception/channels: must be a list of 1 to 4 channels") != std::string::npos);
  const std::string smooth3 = R"({"name": "b", "weight": 0.25, "type": "smooth3", "smoothing_time": 1})";
  CHECK(error_of(fused_with("[" + smooth3 + ", " + smooth3 + ", " + smooth3 + "]"))
            .find("m.json: /perception/channels/2: brings the channels' state variables to 9; a run-time fused perception "
                  "has room for 6") != std::string::npos);
  // The weights are checked by the compiled part's own sentences.
  const std::string half = R"({"name": "a", "weight": 0.5, "type": "instant"})";
  const std::string fifth = R"({"name": "b", "weight": 0.4, "type": "distorted", "of": "smooth", "smoothing_time": 2, "bias": 0.1})";
  CHECK(error_of(fused_with("[" + half + ", " + fifth + "]")) ==
        "goaldrift::model_file: m.json: /perception/channels: goaldrift::perception::fused: weights must sum to 1 (their "
        "sum is the value shown), got 0.9");
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1.5, "type": "instant"}, {"name": "b", "weight": -0.5, "type": "instant"}])")) ==
        "goaldrift::model_file: m.json: /perception/channels/1/weight: goaldrift::perception::fused: weight of channel 'b' "
        "must be non-negative and finite, got -0.5");
}

TEST_CASE("runtime.model files: a fused perception refuses unknown fields, nesting and channels without a name") {
  CHECK(error_of(fused_with("[" + smooth_channel + "]", R"("bias": 0, )")).find("m.json: /perception/bias: is not a field of a fused perception") !=
        std::string::npos);
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1, "type": "smooth", "smoothing_tme": 1}])")) ==
        "goaldrift::model_file: m.json: /perception/channels/0: needs the field 'smoothing_time'; the closest is "
        "'smoothing_tme'");
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1, "type": "smooth", "smoothing_time": 1, "weigth": 1}])"))
            .find("m.json: /perception/channels/0/weigth: is not a field of a smooth perception with a channel's name and "
                  "weight; the closest is 'weight'") != std::string::npos);
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1, "type": "fused", "channels": []}])"))
            .find("m.json: /perception/channels/0/type: must be one of") != std::string::npos);
  CHECK(error_of(fused_with(R"([{"weight": 1, "type": "instant"}])")).find("m.json: /perception/channels/0: needs the field 'name'") !=
        std::string::npos);
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1, "type": "smooth", "smoothing_time": -2}])")) ==
        "goaldrift::model_file: m.json: /perception/channels/0/smoothing_time: goaldrift::perception::smooth: "
        "smoothing_time must be positive and finite, got -2");
}

TEST_CASE("runtime.model files: an alarm curve's mistakes are named at the alarm") {
  CHECK_NOTHROW(rt::parse_model_file(alarm_with(R"({"calm_gap": 0.02, "alarm_gap": 0.1})"), "m.json"));
  CHECK(error_of(alarm_with(R"({"calm_gap": 0.1, "alarm_gap": 0.02})")) ==
        "goaldrift::model_file: m.json: /goal/alarm/alarm_gap: goaldrift::goal::alarm_curve: alarm_gap must be finite and "
        "greater than calm_gap (0.1), got 0.02");
  CHECK(error_of(alarm_with(R"({"calm_gap": 0.02, "alarm_gap": 0.1, "shape": 1})"))
            .find("m.json: /goal/alarm/shape: is not a field of an alarm curve") != std::string::npos);
  CHECK(error_of(alarm_with(R"({"calm_gap": 0.02})")) == "goaldrift::model_file: m.json: /goal/alarm: needs the field 'alarm_gap'; the closest is 'calm_gap'");
  CHECK(error_of(alarm_with("0.1")).find("m.json: /goal/alarm: must be an alarm curve") != std::string::npos);
  CHECK(error_of(alarm_with("[[0.02, 1], [0.1]]")) ==
        "goaldrift::model_file: m.json: /goal/alarm/1: must be a point [gap, multiplier], got a list of 1");
  CHECK(error_of(alarm_with("[[0.1, 1], [0.02, 0]]")).find("m.json: /goal/alarm: goaldrift::sd::lookup:") != std::string::npos);
  CHECK(error_of(alarm_with(R"({"calm_gap": 0.02, "alarm_gap": 0.1})", R"("gap": "relative", )"))
            .find("m.json: /goal/gap: must be one of 'signed_relative', 'absolute_relative'") != std::string::npos);
  CHECK(error_of(quickstart_with(floating_goal, R"({"type": "alarm_modulated", "initial": 100, "adjustment_time": 12})")) ==
        "goaldrift::model_file: m.json: /goal: needs the field 'alarm'");
}

TEST_CASE("runtime.model files: an alarm given as points, a measured gap and a remembered signal run as compiled") {
  const auto points = rt::parse_model_file(alarm_with("[[0.02, 1], [0.1, 0]]"), "m.json");
  const auto curve = rt::parse_model_file(alarm_with(R"({"calm_gap": 0.02, "alarm_gap": 0.1})"), "m.json");
  CHECK(csv(rt::simulate(points)) == csv(rt::simulate(curve)));
  const auto file = rt::parse_model_file(
      alarm_with(R"({"calm_gap": 0.02, "alarm_gap": 0.1})",
                 R"("gap": "absolute_relative", "signal": {"type": "remembered", "bad_news_time": 2, "good_news_time": 8}, )"),
      "m.json");
  // (model_test.cpp runs the same parts compiled: this one checks the file gives those parts.)
  const auto parts = rt::make_model(
      gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
      gd::goal::alarm_modulated(100.0, 12.0, gd::goal::alarm_curve(0.02, 0.10), gd::goal::remembered(2.0, 8.0))
          .with_gap(gd::goal::gap_measure::absolute_relative),
      1.0);
  CHECK(csv(rt::simulate(file)) == csv(gd::simulate(parts, file.run, gd::method::rk4{})));
}

TEST_CASE("runtime.model files: an n-th order smooth and a blended goal are the C++ parts, their mistakes named") {
  const auto file = rt::parse_model_file(R"({
  "state": {"type": "actual", "initial": 100, "action_time": 4},
  "perception": {"type": "smooth_n", "smoothing_time": 3, "order": 2, "max_order": 4},
  "goal": {"type": "blended", "standard": 100, "weight": 0.3, "memory_time": 12, "initial_memory": 97},
  "pressure": 1,
  "run": {"end": 60, "dt": 0.25, "save_every": 3, "method": "euler"}
})",
                                         "m.json");
  const auto compiled = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth_n<4>(3.0, 2),
                                       gd::goal::blended(100.0, 0.3, 12.0, 97.0), gd::input::constant(1.0));
  CHECK(csv(rt::simulate(file)) == csv(gd::simulate(compiled, file.run, gd::method::euler{})));
  // without max_order, the room is the order
  const auto exact = rt::parse_model_file(quickstart_with(asymmetric_perception,
                                                          R"({"type": "smooth_n", "smoothing_time": 3, "order": 3})"),
                                          "m.json");
  CHECK(std::holds_alternative<gd::perception::smooth_n<3, double>>(exact.model.perception));

  auto smooth_n = [](const std::string& fields) {
    return error_of(quickstart_with(asymmetric_perception, R"({"type": "smooth_n", "smoothing_time": 3, )" + fields + "}"));
  };
  CHECK(smooth_n(R"("order": 7)") == "goaldrift::model_file: m.json: /perception/order: must lie in [1, 6], got 7");
  CHECK(smooth_n(R"("order": 3, "max_order": 2)") ==
        "goaldrift::model_file: m.json: /perception/max_order: must lie in [3, 6], got 2");
  CHECK(smooth_n(R"("order": 2, "max_orders": 4)").find("/perception/max_orders: is not a field of a smooth_n perception; "
                                                        "the closest is 'max_order'") != std::string::npos);
  CHECK(error_of(quickstart_with(floating_goal, R"({"type": "blended", "standard": 100, "weight": 1.5, "memory_time": 12})")) ==
        "goaldrift::model_file: m.json: /goal/weight: goaldrift::goal::blended: weight must lie in [0, 1], got 1.5");
  CHECK(error_of(quickstart_with(floating_goal, R"({"type": "blended", "standard": 100, "weight": 0.5})")) ==
        "goaldrift::model_file: m.json: /goal: needs the field 'memory_time'");
}

TEST_CASE("runtime.model files: a disturbed state and lookup-shaped action are the C++ parts, their mistakes named") {
  const auto file = rt::parse_model_file(R"({
  "state": {"type": "disturbed", "initial": 100, "action_time": 4, "action": "lookup_shaped",
            "effect": [[-1, -0.5], [0, 0], [0.05, 0], [0.5, 0.6], [1, 0.8]], "floor": 20,
            "sigma": 2, "correlation_time": 3, "noise": {"type": "white", "sd": 1, "interval": 0.5}},
  "perception": {"type": "smooth", "smoothing_time": 1},
  "goal": {"type": "floating", "initial": 100, "adjustment_time": 12},
  "pressure": 1,
  "run": {"end": 60, "dt": 0.25, "save_every": 3, "method": "rk4"}
})",
                                         "m.json");
  const auto effect = gd::sd::lookup({-1.0, 0.0, 0.05, 0.5, 1.0}, {-0.5, 0.0, 0.0, 0.6, 0.8});
  // the noise's stream is named by its place in the file
  const auto compiled = gd::make_model(
      gd::state::disturbed(gd::state::actual(100.0, gd::state::lookup_shaped(4.0, effect)).with_floor(20.0), 2.0, 3.0,
                           gd::noise::white("state.noise", 0.0, 1.0, 0.5)),
      gd::perception::smooth(1.0), gd::goal::floating(100.0, 12.0), gd::input::constant(1.0));
  CHECK(csv(rt::simulate(file)) == csv(gd::simulate(compiled, file.run, gd::method::rk4{})));

  const std::string actual_state = R"({"type": "actual", "initial": 100, "action_time": 4})";
  auto state_error = [&](const std::string& state) { return error_of(quickstart_with(actual_state, state)); };
  CHECK(state_error(R"({"type": "disturbed", "initial": 100, "action_time": 4, "sigma": -2, "correlation_time": 3, "noise": 0})") ==
        "goaldrift::model_file: m.json: /state/sigma: goaldrift::state::disturbed: sigma must be non-negative and finite, got -2");
  CHECK(state_error(R"({"type": "disturbed", "initial": 100, "action_time": 4, "sigma": 2, "correlation_time": 3})") ==
        "goaldrift::model_file: m.json: /state: needs the field 'noise'");
  CHECK(state_error(R"({"type": "actual", "initial": 100, "action_time": 4, "sigma": 2})")
            .find("m.json: /state/sigma: is not a field of an actual state with proportional action") != std::string::npos);
  CHECK(state_error(R"({"type": "actual", "initial": 100, "action_time": 4, "action": "lookup_shaped", "effect": [[0, 0], [0, 1]]})") ==
        "goaldrift::model_file: m.json: /state/effect: goaldrift::sd::lookup: x must be strictly increasing, got 0 after 0 "
        "(points 0 and 1)");
  CHECK(state_error(R"({"type": "actual", "initial": 100, "action_time": 4, "action": "lookup"})")
            .find("/state/action: must be one of 'proportional', 'capacity_limited', 'lookup_shaped'") != std::string::npos);
}

TEST_CASE("runtime.model files: a distorted sensor's offset may be an input, except in a fused perception's channel") {
  const auto file = rt::parse_model_file(quickstart_with(asymmetric_perception, R"({"type": "distorted", "of": "smooth3",
      "smoothing_time": 2, "bias": {"type": "step", "height": 0.1, "start": 5},
      "offset": {"type": "ramp", "slope": -0.5, "start": 10, "end": 30}})"),
                                         "m.json");
  const auto compiled = gd::make_model(
      gd::state::actual(100.0, 4.0),
      gd::perception::distorted(gd::perception::smooth3(2.0), gd::input::step(0.1, 5.0), gd::input::ramp(-0.5, 10.0, 30.0)),
      gd::goal::floating(100.0, 12.0), gd::input::constant(1.0));
  CHECK(csv(rt::simulate(file)) == csv(gd::simulate(compiled, file.run, gd::method::rk4{})));
  CHECK(error_of(quickstart_with(asymmetric_perception,
                                 R"({"type": "distorted", "of": "smooth", "smoothing_time": 2, "offset": {"type": "ramp", "slope": -0.5}})")) ==
        "goaldrift::model_file: m.json: /perception/offset: needs the field 'start'");
  CHECK(error_of(fused_with(R"([{"name": "a", "weight": 1, "type": "distorted", "of": "smooth",
      "smoothing_time": 2, "offset": {"type": "step", "height": 1, "start": 2}}])")) ==
        "goaldrift::model_file: m.json: /perception/channels/0/offset: must be a number, got an object");
}

TEST_CASE("runtime.model files: a table, a difference and a product of inputs are the C++ inputs") {
  const auto file = rt::parse_model_file(
      quickstart_with(R"("pressure": 1)",
                      R"("pressure": {"type": "difference", "left": {"type": "table", "points": [[0, 0.5], [10, 2], [20, 1]]},
                          "right": {"type": "product", "left": {"type": "step", "height": 0.3, "start": 5}, "right": 2}})"),
      "m.json");
  namespace in = gd::input;
  const auto parts =
      rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0), gd::goal::floating(100.0, 12.0),
                     in::table({{0.0, 0.5}, {10.0, 2.0}, {20.0, 1.0}}) - in::step(0.3, 5.0) * 2.0);
  CHECK(csv(rt::simulate(file)) == csv(gd::simulate(parts, file.run, gd::method::rk4{})));
  CHECK(gd::get(file.model, "pressure.right.left.height") == 0.3);
  CHECK(error_of(quickstart_with(R"("pressure": 1)", R"("pressure": {"type": "table", "points": [[0, 1], [0, 2]]})"))
            .find("m.json: /pressure/points: goaldrift::sd::lookup:") != std::string::npos);
  CHECK(error_of(quickstart_with(R"("pressure": 1)", R"("pressure": {"type": "table", "points": [[0, 1], 2]})")) ==
        "goaldrift::model_file: m.json: /pressure/points/1: must be a point [t, value], got a number");
  CHECK(error_of(quickstart_with(R"("pressure": 1)", R"("pressure": {"type": "difference", "left": 1})")) ==
        "goaldrift::model_file: m.json: /pressure: needs the field 'right'");
  CHECK(error_of(quickstart_with(R"("pressure": 1)", R"("pressure": {"type": "product", "left": 1, "right": 2, "rigth": 3})"))
            .find("m.json: /pressure/rigth: is not a field of a product input; its fields are 'type', 'left', 'right'") != std::string::npos);
}

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
      {"listening_top_only", [] { return gd::simulate(ls::top_only(), ls::options()); }},
      {"custom_part_smooth", [] { return gd::simulate(cp::model(gd::perception::smooth(1.0)), cp::options()); }},
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

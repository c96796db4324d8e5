// A model file's "ensemble" section: the study it describes draws what the same study written in
// C++ draws, member tables are read beside the file, and mistakes name their JSON pointer.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>

#include "stories/monte_carlo_antidotes.hpp"
#include "support/same_results.hpp"

namespace gd = goaldrift;
namespace rt = goaldrift::runtime;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

std::string model_with(const std::string& ensemble) {
  return R"({
  "state": {"type": "actual", "initial": 100, "action_time": 4},
  "perception": {"type": "asymmetric", "bad_news_time": 1, "good_news_time": 6},
  "goal": {"type": "floating", "initial": 100, "adjustment_time": 12,
           "signal": {"type": "remembered", "bad_news_time": 1, "good_news_time": 12}},
  "pressure": {"type": "sum", "terms": [0.5, {"type": "white", "sd": 1, "interval": 1}]},
  "run": {"end": 36, "dt": 0.25, "save_every": 3, "method": "euler"},
  "ensemble": )" + ensemble + "\n}";
}

std::string ensemble_error_of(const std::string& ensemble) {
  try {
    const auto file = rt::parse_model_file(model_with(ensemble), "m.json");
    (void)rt::read_ensemble(file);
  } catch (const rt::model_file_error& e) {
    return e.what();
  }
  return "(no model_file_error)";
}

}  // namespace

TEST_CASE("runtime.ensemble file: the file's study gives what the same study written in C++ gives, bit for bit") {
  const auto file = rt::parse_model_file(model_with(R"({
    "members": 50, "seed": 9, "design": "latin_hypercube",
    "vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24},
             "perception.bad_news_time": {"distribution": "triangular", "lower": 0.5, "mode": 1, "upper": 2}},
    "quantiles": [0.1, 0.5, 0.9]})"),
                                         "m.json");
  const auto plan = rt::read_ensemble(file);
  CHECK(plan.options.members == 50);
  const auto from_file = rt::run_ensemble(file, plan);

  const auto compiled = gd::make_model(
      gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
      gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 12.0)),
      gd::input::constant(0.5) + gd::noise::white("pressure.terms[1]", 0.0, 1.0, 1.0));
  ens::study s(compiled);
  s.vary("goal.adjustment_time", dist::uniform(6.0, 24.0)).vary("perception.bad_news_time", dist::triangular(0.5, 1.0, 2.0));
  ens::options o;
  o.members = 50;
  o.seed = 9;
  o.sampling = ens::design::latin_hypercube;
  o.quantiles = {0.1, 0.5, 0.9};
  support::check_bit_identical(from_file, ens::run(s, file.run, o, gd::method::euler{}));
  CHECK(from_file.parameter_names() == std::vector<std::string>{"goal.adjustment_time", "perception.bad_news_time"});
}

TEST_CASE("runtime.ensemble file: a distribution's name keys its stream as an accessor's name does") {
  const auto file = rt::parse_model_file(model_with(R"({
    "members": 40, "seed": 4,
    "vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24, "name": "goal_time"}}})"),
                                         "m.json");
  const auto from_file = rt::run_ensemble(file, rt::read_ensemble(file));
  CHECK(from_file.parameter_names() == std::vector<std::string>{"goal_time"});

  ens::study s(file.model);
  s.vary("goal_time", dist::uniform(6.0, 24.0), [](rt::model& m, double v) { gd::set(m, "goal.adjustment_time", v); });
  ens::options o;
  o.members = 40;
  o.seed = 4;
  support::check_bit_identical(from_file, ens::run(s, file.run, o, gd::method::euler{}));
  // under its path instead, the same parameter draws other values
  ens::study by_path(file.model);
  by_path.vary("goal.adjustment_time", dist::uniform(6.0, 24.0));
  CHECK(ens::run(by_path, file.run, o, gd::method::euler{}).member_parameter("goal.adjustment_time") !=
        from_file.member_parameter("goal_time"));

  CHECK(ensemble_error_of(R"({"vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24, "name": 3}}})") ==
        "goaldrift::model_file: m.json: /ensemble/vary/goal.adjustment_time/name: must be a string, got a number");
  const auto twice = ensemble_error_of(R"({"vary": {
      "goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24, "name": "t"},
      "state.action_time": {"distribution": "uniform", "lower": 2, "upper": 6, "name": "t"}}})");
  CHECK(twice.find("m.json: /ensemble/vary/state.action_time: ") != std::string::npos);
}

TEST_CASE("runtime.ensemble file: the Monte Carlo antidotes files are the example's studies, bit for bit") {
  namespace story = stories::monte_carlo_antidotes;
  const auto models = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "examples" / "models";
  auto check = [&](const std::string& name, const auto& compiled_study) {
    CAPTURE(name);
    const auto file = rt::read_model_file(models / ("monte_carlo_antidotes_" + name + ".json"));
    auto plan = rt::read_ensemble(file);
    const auto example = story::options(300);
    CHECK(plan.options.members == 100000);
    CHECK(plan.options.seed == example.seed);
    CHECK(plan.options.sampling == example.sampling);
    CHECK(plan.options.threads == example.threads);
    CHECK(file.method == "rk4");
    plan.options.members = 300;
    plan.options.threads = 2;
    auto o = example;
    o.threads = 1;
    support::check_bit_identical(rt::run_ensemble(file, plan), ens::run(compiled_study, story::grid(), o, gd::method::rk4{}));
  };
  check("eroding", story::eroding());
  check("absolute", story::absolute());
  check("best_past", story::best_past());
}

TEST_CASE("runtime.ensemble file: a member table is read beside the model file, its headers being paths") {
  const auto dir = std::filesystem::temp_directory_path() / "goaldrift_ensemble_file_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "plan.csv") << "state.action_time,goal.adjustment_time\n2,6\n4,12\n8,24\n";
  std::ofstream(dir / "m.json") << model_with(R"({"member_table": "plan.csv", "seed": 3})");
  const auto file = rt::read_model_file(dir / "m.json");
  const auto plan = rt::read_ensemble(file);
  const auto r = rt::run_ensemble(file, plan);
  CHECK(r.succeeded() == 3);
  CHECK(r.member_parameter("goal.adjustment_time") == std::vector<double>{6.0, 12.0, 24.0});
  std::ofstream(dir / "m.json") << model_with(R"({"member_table": "missing.csv"})");
  CHECK_THROWS_WITH_AS(rt::read_ensemble(rt::read_model_file(dir / "m.json")),
                       doctest::Contains("/ensemble/member_table: "), rt::model_file_error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("runtime.ensemble file: mistakes name the pointer of the field and what was expected") {
  const auto unknown = ensemble_error_of(R"({"vary": {"goal.adjustment_tme": {"distribution": "uniform", "lower": 6, "upper": 24}}})");
  CHECK(unknown.find("m.json: /ensemble/vary/goal.adjustment_tme: goaldrift::parameters: path names no parameter") !=
        std::string::npos);
  CHECK(unknown.find("the closest is 'goal.adjustment_time'") != std::string::npos);
  CHECK(ensemble_error_of(R"({"vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 6}}})") ==
        "goaldrift::model_file: m.json: /ensemble/vary/goal.adjustment_time: needs the field 'upper'");
  CHECK(ensemble_error_of(R"({"vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 24, "upper": 6}}})")
            .find("m.json: /ensemble/vary/goal.adjustment_time/upper: goaldrift::distribution::uniform: upper must be greater") != std::string::npos);
  CHECK(ensemble_error_of(R"({"members": 2.5})") == "goaldrift::model_file: m.json: /ensemble/members: must be a whole number, got 2.5");
  CHECK(ensemble_error_of(R"({"design": "latin"})").find("/ensemble/design: must be one of 'independent', 'latin_hypercube'") !=
        std::string::npos);
  CHECK(ensemble_error_of(R"({"member": 10})").find("/ensemble/member: is not a field of the ensemble's options; the closest is "
                                            "'members'") != std::string::npos);
  const auto none = rt::parse_model_file(R"({
  "state": {"type": "actual", "initial": 100, "action_time": 4}, "perception": {"type": "instant"},
  "goal": {"type": "absolute", "standard": 100}, "run": {"end": 1, "dt": 0.5}})", "m.json");
  CHECK_THROWS_WITH_AS(rt::read_ensemble(none), "goaldrift::model_file: m.json: /ensemble: is missing: the file describes no ensemble",
                       rt::model_file_error);
}

TEST_CASE("runtime.ensemble file: outcomes listed in the file are those of goaldrift/outcome.hpp, bit for bit") {
  const auto file = rt::parse_model_file(model_with(R"({
    "members": 40, "seed": 4, "variables": ["S"],
    "vary": {"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24}},
    "outcomes": [
      {"kind": "area_below", "variable": "D", "level": 100, "name": "standard_lost"},
      {"kind": "first_below", "variable": "S", "level": 97},
      {"kind": "value_at", "variable": "P", "time": 12.5},
      {"kind": "mean_over", "variable": "S", "from": 24, "to": 36},
      {"kind": "minimum_over", "variable": "S", "from": 0, "to": 36},
      {"kind": "maximum_over", "variable": "D", "from": 6, "to": 7},
      {"kind": "first_below_fraction_of_start", "variable": "S", "fraction": 0.98},
      {"kind": "max_drawdown", "variable": "S"},
      {"kind": "final_gap"},
      {"kind": "final_gap", "minuend": "P", "subtrahend": "S"},
      {"kind": "final_value", "variable": "D"},
      {"kind": "final_loss", "variable": "S"},
      {"kind": "cumulative_loss", "variable": "S"}]})"),
                                         "m.json");
  const auto plan = rt::read_ensemble(file);
  const auto from_file = rt::run_ensemble(file, plan);
  namespace oc = goaldrift::outcome;
  auto o = plan.options;
  o.outcomes = {oc::area_below("D", 100).named("standard_lost"), oc::first_below("S", 97), oc::value_at("P", 12.5),
                oc::mean_over("S", 24, 36), oc::minimum_over("S", 0, 36), oc::maximum_over("D", 6, 7),
                oc::first_below_fraction_of_start("S", 0.98), oc::max_drawdown("S"), oc::final_gap(),
                oc::final_gap("P", "S"), oc::final_value("D"), oc::final_loss("S"), oc::cumulative_loss("S")};
  CHECK(from_file.outcome_names().size() == 13);
  support::check_bit_identical(from_file, ens::run(plan.study, file.run, o, gd::method::euler{}));
}

TEST_CASE("runtime.ensemble file: a mistaken outcome names its pointer and what was expected") {
  CHECK(ensemble_error_of(R"({"outcomes": [{"kind": "area_under", "variable": "D", "level": 1}]})")
            .find("/ensemble/outcomes/0/kind: must be one of") != std::string::npos);
  CHECK(ensemble_error_of(R"({"outcomes": [{"kind": "area_under", "variable": "D", "level": 1}]})")
            .find("'area_below', 'final_loss', 'cumulative_loss', got 'area_under'") != std::string::npos);
  CHECK(ensemble_error_of(R"({"outcomes": [{"kind": "value_at", "variable": "S"}]})") ==
        "goaldrift::model_file: m.json: /ensemble/outcomes/0: needs the field 'time'");
  CHECK(ensemble_error_of(R"({"outcomes": [{"kind": "max_drawdown", "variable": "S", "level": 3}]})")
            .find("/ensemble/outcomes/0/level: is not a field of a max_drawdown outcome") != std::string::npos);
  CHECK(ensemble_error_of(R"({"outcomes": [{"kind": "mean_over", "variable": "S", "from": 5, "to": 1}]})")
            .find("/ensemble/outcomes/0: goaldrift::outcome::mean_over: to must be later than from") != std::string::npos);
  CHECK(ensemble_error_of(R"({"outcomes": []})") == "goaldrift::model_file: m.json: /ensemble/outcomes: must be a list of outcomes");
}

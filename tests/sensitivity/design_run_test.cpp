// How a sensitivity design runs: its runs' layout and noise, failures that leave samples out
// and say so, the same bits for any threads and chunks, the tidy CSV and chart, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/sensitivity.hpp>
#include <goaldrift/sensitivity/chart.hpp>

#include "sensitivity/test_functions.hpp"
#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;
namespace sa = goaldrift::sensitivity;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

// A noisy drift whose action time can be drawn negative (that member fails validation), built
// from a factory so that it runs batched.
const auto noisy_drift = [](auto zero) {
  using T = decltype(zero);
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                        gd::goal::floating(T(100.0), T(12.0)),
                        gd::noise::pink("pressure", T(1.0), T(1.5), 2.0, 0.25));
};

ens::study<std::decay_t<decltype(noisy_drift)>> noisy_study() {
  ens::study s(noisy_drift);
  s.vary("action_time", dist::normal(2.0, 1.2), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::uniform(5.0, 20.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  s.vary("bad_news_time", dist::uniform(0.5, 2.0), [](auto& m) -> auto& { return m.perception.bad_news_time; });
  return s;
}

ens::options noisy_options() {
  ens::options o;
  o.seed = 31;
  o.variables = {"S"};
  o.reduction_block = 64;
  o.outcomes = {gd::outcome::final_value("S").named("final_S"), gd::outcome::area_below("S", 100.0).named("lost")};
  return o;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_same_reports(const sa::report& a, const sa::report& b) {
  REQUIRE(a.estimates.size() == b.estimates.size());
  for (std::size_t i = 0; i < a.estimates.size(); ++i) {
    CAPTURE(i);
    const auto& x = a.estimates[i];
    const auto& y = b.estimates[i];
    CHECK(x.parameter == y.parameter);
    CHECK(x.index == y.index);
    CHECK(x.used == y.used);
    CHECK(same(x.value, y.value));
    CHECK(same(x.low, y.low));
    CHECK(same(x.high, y.high));
  }
  CHECK(a.notes == b.notes);
}

}  // namespace

TEST_CASE("Saltelli's design has SALib's layout, A and B from one sequence, and the noise of A or B") {
  sa::sobol_options so;
  so.samples = 8;
  so.second_order = true;
  const sa::saltelli_design d({"a", "b", "c"}, so, 1);
  REQUIRE(d.block() == 8);
  REQUIRE(d.runs() == 64);
  const sa::sobol_sequence sequence(6);
  for (std::size_t j = 0; j < 8; ++j) {
    const std::size_t first = j * 8;
    for (std::size_t p = 0; p < 3; ++p) {
      const double a = sequence.probability(j + 1, p), b = sequence.probability(j + 1, 3 + p);
      CHECK(d.probability(first, p) == a);       // A
      CHECK(d.probability(first + 7, p) == b);   // B
      for (std::size_t i = 0; i < 3; ++i) {
        CHECK(d.probability(first + 1 + i, p) == (p == i ? b : a));  // AB_i
        CHECK(d.probability(first + 4 + i, p) == (p == i ? a : b));  // BA_i
      }
    }
    for (std::size_t q = 0; q < 8; ++q) {
      CHECK(d.noise_run(first + q) == (q == 0 || (q >= 1 && q <= 3) ? first : first + 7));
    }
  }
}

TEST_CASE("the runs of one sample share its noise, so parameters without effect get indices of exactly 0") {
  // The outcome depends on the noise and the action time only; "inert" is set and read by nobody.
  auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                                    gd::noise::white("pressure", 1.0, 2.0, 0.5));
  ens::study<decltype(model)> s(model);
  s.vary("inert", dist::uniform(0.0, 1.0), [](auto&, double) {});
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  auto o = noisy_options();
  sa::sobol_options so;
  so.samples = 256;
  const auto a = sa::sobol(s, gd::run_options(0.0, 12.0, 0.25), o, so);
  CHECK(a.indices.value("inert", "final_S", "S1") == 0.0);
  CHECK(a.indices.value("inert", "final_S", "ST") == 0.0);
  // The noise is an input of its own: the action time explains part of the variance only.
  const double first = a.indices.value("action_time", "final_S", "S1");
  CHECK(first > 0.05);
  CHECK(first < 0.9);
  // The members of one sample built from A draw the same noise, and B's another.
  const auto& finals = a.runs.outcome("final_S");
  REQUIRE(finals.size() == 256 * 4);
  CHECK(finals[1] == finals[0]);   // AB_inert: A's noise and A's action time
  CHECK(finals[3] != finals[0]);   // B
}

TEST_CASE("failed runs leave their samples out, the report says so, and the bits hold for any threads and chunks") {
  const auto s = noisy_study();
  static_assert(decltype(s)::batched);
  const auto grid = gd::run_options(0.0, 24.0, 0.25).saving_every(1.0);
  auto o = noisy_options();
  sa::sobol_options so;
  so.samples = 128;
  so.resamples = 200;
  const auto reference = sa::sobol(s, grid, o, so);
  REQUIRE(reference.runs.failed() > 0);
  const auto& e = reference.indices.at("goal_time", "lost", "ST");
  CHECK(e.planned == 128);
  CHECK(e.used < 128);
  CHECK(e.used > 64);
  REQUIRE(reference.indices.notes.size() >= 2);
  const std::string failed = "runs of " + std::to_string(reference.runs.members()) + " failed";
  CHECK(reference.indices.notes[0].find(failed) != std::string::npos);
  const std::string rest = "rest on " + std::to_string(e.used) + " of the 128 samples";
  CHECK(reference.indices.notes[1].find(rest) != std::string::npos);
  // The failed runs are the members whose action time was drawn negative (or zero).
  for (const auto& f : reference.runs.failures()) CHECK(f.parameters[0] <= 0.0);
  for (unsigned t : {1u, 2u, 7u}) {
    for (std::size_t chunk : {0u, 1u, 1000u}) {
      CAPTURE(t);
      CAPTURE(chunk);
      auto p = o;
      p.threads = t;
      p.chunk_size = chunk;
      const auto again = sa::sobol(s, grid, p, so);
      check_same_reports(reference.indices, again.indices);
    }
  }
  // Batched and one member at a time: the same runs, so the same indices.
  auto scalar = o;
  scalar.batch = false;
  check_same_reports(reference.indices, sa::sobol(s, grid, scalar, so).indices);
}

TEST_CASE("the tidy CSV holds every estimate, its numbers round-trip, and the chart draws S1 and ST") {
  sa::sobol_options so;
  so.samples = 64;
  const auto r = sa::sobol(support::ishigami_study(), support::one_step(), support::function_options(2), so,
                           gd::method::euler{}).indices;
  std::ostringstream csv;
  r.write_csv(csv);
  std::istringstream in(csv.str());
  std::string line;
  std::getline(in, line);
  CHECK(line == "parameter,outcome,index,estimate,low,high,used,planned");
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    const auto& e = r.estimates.at(rows++);
    std::istringstream fields(line);
    std::string parameter, outcome, index, value;
    std::getline(fields, parameter, ',');
    std::getline(fields, outcome, ',');
    std::getline(fields, index, ',');
    std::getline(fields, value, ',');
    CHECK(parameter == e.parameter);
    CHECK(outcome == "y");
    CHECK(index == e.index);
    CHECK(std::stod(value) == e.value);
  }
  CHECK(rows == 6);
  const auto dir = std::filesystem::temp_directory_path() / "goaldrift_sensitivity_chart";
  std::filesystem::create_directories(dir);
  const auto status = sa::chart(r, dir / "ishigami.png");
  std::ifstream data(dir / "ishigami.csv");
  std::getline(data, line);
  CHECK(line == "parameter,S1,S1_low,S1_high,ST,ST_low,ST_high");
  std::getline(data, line);
  CHECK(line.rfind("x1,", 0) == 0);
  if (gd::external::gnuplot::available()) {
    CHECK(status.drawn);
    CHECK(std::filesystem::file_size(dir / "ishigami.png") > 1000);
  }
  GD_CHECK_INVALID("goaldrift::sensitivity::report", "parameter/outcome/index", "'x1/nothing/S1'",
                   sa::chart(r, dir / "x.png", "nothing"));
  // Without resamples: the same estimates, no intervals, and a table without brackets.
  auto bare = so;
  bare.resamples = 0;
  const auto plain = sa::sobol(support::ishigami_study(), support::one_step(), support::function_options(2), bare,
                               gd::method::euler{}).indices;
  CHECK(plain.value("x2", "y", "ST") == r.value("x2", "y", "ST"));
  CHECK(std::isnan(plain.at("x2", "y", "ST").low));
  CHECK(plain.table().find('[') == std::string::npos);
}

TEST_CASE("bad input is refused before any run, naming the component, the parameter and the value") {
  const auto s = support::ishigami_study();
  auto o = support::function_options(1);
  const auto grid = support::one_step();
  auto no_outcomes = o;
  no_outcomes.outcomes.clear();
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol", "options.outcomes", "none", sa::sobol(s, grid, no_outcomes));
  auto members = o;
  members.members = 7;
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol", "options.members", "7", sa::sobol(s, grid, members));
  auto latin = o;
  latin.sampling = ens::design::latin_hypercube;
  GD_CHECK_INVALID("goaldrift::sensitivity::morris", "options.sampling", "latin_hypercube", sa::morris(s, grid, latin));
  sa::sobol_options one;
  one.samples = 1;
  GD_CHECK_INVALID("goaldrift::sensitivity::saltelli_design", "samples", "1", sa::sobol(s, grid, o, one));
  sa::sobol_options sure;
  sure.confidence = 1.0;
  GD_CHECK_INVALID("goaldrift::sensitivity::saltelli_design", "confidence", "1", sa::sobol(s, grid, o, sure));
  sa::sobol_options huge;
  huge.samples = std::size_t{1} << 39;
  huge.sampling = sa::sampler::philox;
  GD_CHECK_INVALID("goaldrift::sensitivity::saltelli_design", "samples", "549755813888 x 5", sa::sobol(s, grid, o, huge));
  sa::morris_options odd;
  odd.levels = 5;
  GD_CHECK_INVALID("goaldrift::sensitivity::morris_design", "levels", "5", sa::morris(s, grid, o, odd));
  const ens::member_table table({"x1"}, {{0.5}, {0.25}});
  support::function_study from_table(support::function_model(support::ishigami));
  from_table.from_table(table, "x1", [](auto& m) -> double& { return m.pressure.x[0]; });
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol", "study", "'x1'", sa::sobol(from_table, grid, o));
  GD_CHECK_INVALID("goaldrift::sensitivity::saltelli_design", "parameters", "'a'",
                   sa::saltelli_design({"a", "a"}, {}, 0));
}

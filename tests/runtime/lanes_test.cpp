// Ensembles of run-time models run their members a pack at a time (runtime::model::run_lanes),
// through the compiled model over packs of each tabled combination of parts: the same results as
// one member at a time, for every combination, and the cases that must fall back to one at a
// time (parts outside the table, a function of time, members whose kinds differ) say so.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include <goaldrift/distribution.hpp>
#include <goaldrift/ensemble.hpp>
#include <goaldrift/input.hpp>
#include <goaldrift/runtime/model_file.hpp>

#include "../support/same_results.hpp"
#include "../support/tabled_models.hpp"

namespace gd = goaldrift;
namespace rt = goaldrift::runtime;
namespace ens = goaldrift::ensemble;

namespace {

const std::vector<std::string>& states = support::tabled_states();
const std::vector<std::string>& goals = support::tabled_goals();
// A distorted sensor's bias that is a sum with a noise in it: each member draws its own.
std::vector<std::string> perceptions() {
  return support::tabled_perceptions(
      R"({"type": "sum", "terms": [{"type": "pulse", "start": 3, "width": 2, "height": 0.2}, {"type": "white", "sd": 0.05, "interval": 0.25}]})");
}

// Steady pressure plus white noise, a pink noise and a seasonal swing: every member draws its own.
const std::string noisy_pressure = R"({"type": "sum", "terms": [
    {"type": "step", "height": 2, "start": 1},
    {"type": "white", "sd": 1, "interval": 0.25},
    {"type": "difference", "left": {"type": "pink", "sd": 0.5, "correlation_time": 2, "interval": 0.25, "stream": "pink"},
     "right": {"type": "sine_wave", "amplitude": 1, "period": 6}},
    {"type": "product", "left": {"type": "ramp", "slope": 0.01, "start": 2}, "right": 3}]})";

std::string model_text(const std::string& state, const std::string& perception, const std::string& goal,
                       const std::string& pressure = noisy_pressure) {
  return support::tabled_model_text(state, perception, goal, pressure, "12");
}

ens::options options_for(std::size_t members) {
  ens::options o;
  o.members = members;
  o.seed = 7;
  o.variables = {"S", "P", "D", "action", "pressure"};
  o.keep_outcomes = true;
  return o;
}

// The study varies the state's action time, the first parameter of the goal and the pressure's
// step and noise, so that every lane of a pack holds other values.
ens::study<rt::model> study_of(const rt::model& m) {
  ens::study<rt::model> s(m);
  s.vary("state.action_time", gd::distribution::uniform(2.0, 6.0));
  for (const auto& name : gd::parameter_names(m)) {
    if (name.rfind("goal.", 0) == 0) {
      s.vary(name, gd::distribution::uniform(90.0, 110.0));
      break;
    }
  }
  s.vary("pressure.terms[0].height", gd::distribution::uniform(1.0, 3.0));
  s.vary("pressure.terms[1].sd", gd::distribution::uniform(0.5, 1.5));
  return s;
}

bool noted(const ens::result& r, const std::string& words) {
  for (const auto& n : r.notes()) {
    if (n.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("runtime ensemble: every tabled combination runs in packs and gives what its members give one at a time") {
  const auto grid = gd::run_options(0.0, 12.0, 0.125).saving_every(1.0);
  // 100 members: one full group of 64 in packs, and the last 36 in a group padded to 64.
  const auto o = options_for(100);
  auto alone = o;
  alone.batch = false;
  const std::size_t combinations = support::for_each_tabled_combination(
      perceptions(), [&](const std::string& state, const std::string& perception, const std::string& goal) {
        const std::string text = model_text(state, perception, goal);
        CAPTURE(text);
        const auto s = study_of(rt::parse_model_file(text).model);
        for (int method = 0; method < 2; ++method) {
          CAPTURE(method);
          const auto packed = method == 0 ? ens::run(s, grid, o, gd::method::euler{}) : ens::run(s, grid, o, gd::method::rk4{});
          const auto one_by_one =
              method == 0 ? ens::run(s, grid, alone, gd::method::euler{}) : ens::run(s, grid, alone, gd::method::rk4{});
          CHECK(packed.notes().empty());
          REQUIRE(packed.succeeded() == 100);
          support::check_same_as_scalar(packed, one_by_one);
        }
      });
  CHECK(combinations == 140);
}

TEST_CASE("runtime ensemble: run_lanes runs a group of members of one combination, and refuses members that differ") {
  constexpr std::size_t L = ens::default_lanes;
  constexpr std::size_t K = ens::detail::bundle_parts<L>;
  constexpr std::size_t M = K * L;
  const rt::model m = rt::parse_model_file(model_text(states[0], perceptions()[8], goals[2])).model;
  const auto s = study_of(m);
  const auto grid = gd::run_options(0.0, 12.0, 0.125).saving_every(1.0);
  const auto g = gd::detail::check_options(grid, false);
  std::vector<rt::model> members;
  for (std::size_t i = 0; i < M; ++i) members.push_back(s.member_model(s.sample(i, M, ens::design::independent, 3), i, 3));
  std::array<const rt::model*, M> lanes{};
  std::array<std::uint64_t, M> ids{};
  for (std::size_t i = 0; i < M; ++i) {
    lanes[i] = &members[i];
    ids[i] = i;
  }
  const std::vector<ens::detail::variable_source> sources = {{true, 0}};  // S
  std::vector<double> values(M * (g.saves + 1));
  std::array<ens::default_pack, K> sums{};
  REQUIRE(rt::model::run_lanes<gd::method::rk4, ens::default_pack, K>(lanes, ids, 3, grid, g, {sources, g.saves + 1, values.data()},
                                                                        sums));
  // Lane i is member i, as simulate() runs it alone.
  for (std::size_t i : {std::size_t(0), M / 2 + 1, M - 1}) {
    const auto alone = gd::simulate(members[i], grid, gd::method::rk4{});
    for (std::size_t j = 0; j <= g.saves; ++j) CHECK(support::same_as_scalar(values[i * (g.saves + 1) + j], alone["S"][j]));
  }
  // One member with another kind of goal, or another delay in its reporting: no pack.
  rt::model other = members[5];
  other.goal = gd::goal::absolute(100.0);
  lanes[5] = &other;
  CHECK_FALSE(rt::model::run_lanes<gd::method::rk4, ens::default_pack, K>(lanes, ids, 3, grid, g,
                                                                            {sources, g.saves + 1, values.data()}, sums));
  const rt::model delayed = rt::parse_model_file(model_text(states[0], perceptions()[4], goals[2])).model;
  std::vector<rt::model> delays(M, delayed);
  for (std::size_t i = 0; i < M; ++i) lanes[i] = &delays[i];
  CHECK(rt::model::run_lanes<gd::method::rk4, ens::default_pack, K>(lanes, ids, 3, grid, g, {sources, g.saves + 1, values.data()},
                                                                      sums));
  gd::set(delays[M - 1], "perception.delay_time", 2.0);
  CHECK_FALSE(rt::model::run_lanes<gd::method::rk4, ens::default_pack, K>(lanes, ids, 3, grid, g,
                                                                            {sources, g.saves + 1, values.data()}, sums));
  // A noise stream of another name draws other numbers: no pack either.
  std::vector<rt::model> streams(M, m);
  for (std::size_t i = 0; i < M; ++i) lanes[i] = &streams[i];
  std::get<gd::noise::white<double>>(std::get<rt::input_sum>(streams[1].pressure.held).terms[1].held) =
      gd::noise::white<double>("another", 0.0, 1.0, 0.25);
  CHECK_FALSE(rt::model::run_lanes<gd::method::rk4, ens::default_pack, K>(lanes, ids, 3, grid, g,
                                                                            {sources, g.saves + 1, values.data()}, sums));
}

TEST_CASE("runtime ensemble: members that cannot share a pack run one at a time, with the same results and a note") {
  const auto grid = gd::run_options(0.0, 12.0, 0.125).saving_every(1.0);
  const auto o = options_for(100);
  auto alone = o;
  alone.batch = false;
  auto check_one_at_a_time = [&](const ens::study<rt::model>& s, const std::string& note) {
    const auto packed = ens::run(s, grid, o, gd::method::rk4{});
    CHECK(noted(packed, note));
    support::check_bit_identical(packed, ens::run(s, grid, alone, gd::method::rk4{}));
  };
  SUBCASE("a reporting delay whose delay_time varies") {
    ens::study<rt::model> s(rt::parse_model_file(model_text(states[0], perceptions()[4], goals[1])).model);
    s.vary("perception.delay_time", gd::distribution::discrete({1.0, 2.0}));
    check_one_at_a_time(s, "100 members ran one at a time");
  }
  SUBCASE("members whose goal is of another kind") {
    ens::study<rt::model> s(rt::parse_model_file(model_text(states[0], perceptions()[1], goals[1])).model);
    s.vary("kind", gd::distribution::discrete({0.0, 1.0}), [](rt::model& x, double v) {
      if (v > 0.5) x.goal = gd::goal::absolute(100.0);
    });
    check_one_at_a_time(s, "members ran one at a time");
  }
  SUBCASE("a perception outside the table") {
    ens::study<rt::model> s(
        rt::parse_model_file(model_text(states[0], R"({"type": "smooth_n", "smoothing_time": 4, "order": 2})", goals[1])).model);
    s.vary("state.action_time", gd::distribution::uniform(2.0, 6.0));
    check_one_at_a_time(s, "its parts are not all among the kinds compiled");
  }
  SUBCASE("a pressure that is a function of time") {
    ens::study<rt::model> s(rt::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(3.0),
                                           gd::goal::floating(100.0, 12.0),
                                           gd::input::function([](double t) { return 1.0 + 0.1 * t; })));
    s.vary("state.action_time", gd::distribution::uniform(2.0, 6.0));
    check_one_at_a_time(s, "a function of time");
  }
}

TEST_CASE("runtime ensemble: a member that fails inside a pack is reported as one run alone reports it, whatever the threads") {
  // Pressure 1e308 drives S to minus infinity within a few steps: every third member or so.
  const rt::model m = rt::parse_model_file(model_text(states[1], perceptions()[3], goals[1], "2")).model;
  ens::study<rt::model> s(m);
  s.vary("pressure.value", gd::distribution::discrete({2.0, 1e308, 3.0}));
  s.vary("state.action_time", gd::distribution::uniform(2.0, 6.0));
  const auto grid = gd::run_options(0.0, 12.0, 0.125).saving_every(1.0);
  // 140 members: two full groups in packs, the last 12 one at a time (fewer than a third of a
  // group: padding them to a group would cost more).
  const auto o = options_for(140);
  auto alone = o;
  alone.batch = false;
  const auto packed = ens::run(s, grid, o, gd::method::rk4{});
  CHECK(packed.failed() > 20);
  CHECK(packed.notes().empty());
  support::check_same_as_scalar(packed, ens::run(s, grid, alone, gd::method::rk4{}));
  support::check_any_threads_and_chunks(packed, o, {1, 2, 7}, {0, 1, 1000},
                                        [&](const ens::options& p) { return ens::run(s, grid, p, gd::method::rk4{}); });
}

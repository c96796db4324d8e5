// Outcomes of your own in an ensemble: each member's outcome is what the outcome gives on that
// member's run alone, on the batched path too, at any thread count; an outcome may read a
// variable nobody summarises; bad outcomes are refused before anything runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/outcome.hpp>

#include "support/invalid_parameter.hpp"
#include "support/same_as_scalar.hpp"
#include "support/same_results.hpp"

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;
namespace oc = goaldrift::outcome;

namespace {

// The eroding goal: asymmetric perception, a floating goal, noisy pressure.
const auto eroding = [](auto zero) {
  using T = decltype(zero);
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                        gd::goal::floating(T(100.0), T(12.0)), gd::noise::white("pressure", T(2.0), T(1.0), 0.5));
};

ens::study<std::decay_t<decltype(eroding)>> make_study() {
  ens::study s(eroding);
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::uniform(5.0, 20.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  return s;
}

std::vector<oc::outcome> questions() {
  return {oc::area_below("D", 100.0).named("standard_lost"), oc::first_below("S", 90.0), oc::max_drawdown("S"),
          oc::mean_over("S", 10.0, 20.0), oc::minimum_over("P", 5.0, 15.5), oc::value_at("D", 12.25), oc::final_gap()};
}

}  // namespace

TEST_CASE("each member's outcomes are the outcomes of its run alone, batched or not") {
  const auto s = make_study();
  ens::options o;
  o.members = 37;  // a partly padded last pack
  o.seed = 5;
  o.variables = {"S"};  // D and P are recorded for the outcomes only
  o.outcomes = questions();
  const auto grid = gd::run_options(0.0, 24.0, 0.125).saving_every(0.5);
  const auto batched = ens::run(s, grid, o);
  auto one = o;
  one.batch = false;
  const auto alone = ens::run(s, grid, one);
  REQUIRE(batched.failed() == 0);
  REQUIRE(batched.outcome_names().size() == 7);
  CHECK(batched.outcome_names()[0] == "standard_lost");
  CHECK(batched.variables() == std::vector<std::string>{"S"});
  support::check_same_as_scalar(batched, alone);
  for (std::uint64_t member : {0u, 8u, 36u}) {
    CAPTURE(member);
    const auto run = ens::run_member(s, member, grid, o);
    for (const auto& q : o.outcomes) {
      CAPTURE(q.name());
      CHECK(alone.outcome(q.name())[member] == q.of(run));
    }
  }
  // The questions are not idle: the goal erodes under the pressure.
  CHECK(alone.outcome_quantile("standard_lost", 0.5) > 1.0);
  CHECK(alone.outcome_quantile("final_gap_D_S", 0.5) > 0.0);
}

TEST_CASE("outcomes are bit-identical for 1, 2 and 7 threads and any chunk size") {
  const auto s = make_study();
  ens::options o;
  o.members = 300;
  o.seed = 9;
  o.reduction_block = 32;
  o.outcomes = questions();
  const auto grid = gd::run_options(0.0, 24.0, 0.25).saving_every(1.0);
  const auto reference = ens::run(s, grid, o);
  support::check_any_threads_and_chunks(reference, o, {1u, 2u, 7u}, {0, 1, 100000},
                                        [&](const ens::options& p) { return ens::run(s, grid, p); });
}

TEST_CASE("without outcomes of its own a run computes the default ones, and those by name") {
  const auto s = make_study();
  ens::options o;
  o.members = 20;
  o.variables = {"S", "D"};
  const auto grid = gd::run_options(0.0, 24.0, 0.25).saving_every(1.0);
  const auto defaults = ens::run(s, grid, o);
  CHECK(defaults.outcome_names() ==
        std::vector<std::string>{"final_S", "final_D", "first_below_S", "final_loss_S", "cumulative_loss_S"});
  auto named = o;
  named.outcomes = {oc::final_value("S"), oc::final_value("D"), oc::first_below_fraction_of_start("S", 0.5),
                    oc::final_loss("S"), oc::cumulative_loss("S")};
  support::check_bit_identical(defaults, ens::run(s, grid, named));
}

TEST_CASE("each outcome is summarised over the members where it is finite, kept values or not") {
  const auto s = make_study();
  ens::options o;
  o.members = 200;
  o.seed = 3;
  o.reduction_block = 32;  // several blocks, merged in order
  o.outcomes = questions();
  const auto grid = gd::run_options(0.0, 24.0, 0.25).saving_every(1.0);
  const auto kept = ens::run(s, grid, o);
  for (const auto& name : kept.outcome_names()) {
    CAPTURE(name);
    const auto& values = kept.outcome(name);
    std::vector<double> finite;
    for (double v : values) {
      if (std::isfinite(v)) finite.push_back(v);
    }
    const auto& summary = kept.outcome_summary(name);
    REQUIRE(summary.count() == finite.size());
    if (finite.empty()) continue;
    CHECK(summary.min() == *std::min_element(finite.begin(), finite.end()));
    CHECK(summary.max() == *std::max_element(finite.begin(), finite.end()));
    double sum = 0.0;
    for (double v : finite) sum += v;
    CHECK(summary.mean() == doctest::Approx(sum / static_cast<double>(finite.size())).epsilon(1e-12));
  }
  // Some members never fall below 90 within two years, and are left out of that summary.
  const auto never = kept.succeeded() - kept.outcome_summary("first_below_S_90").count();
  CHECK(never > 0);
  CHECK(never < kept.succeeded());
  auto lean = o;
  lean.keep_outcomes = false;
  const auto streamed = ens::run(s, grid, lean);
  CHECK(streamed.outcome_members().empty());
  // Built during the run, or from the kept values in the same blocks: the same bits.
  for (const auto& name : kept.outcome_names()) {
    CAPTURE(name);
    const auto a = streamed.outcome_summary(name);
    const auto b = kept.outcome_summary(name);
    CHECK(a.count() == b.count());
    if (a.count() == 0) continue;
    CHECK(a.mean() == b.mean());
    CHECK(a.variance() == b.variance());
    for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) CHECK(a.quantile(q) == b.quantile(q));
  }
  // Two threads and MPI-sized chunks change nothing either.
  lean.threads = 2;
  lean.chunk_size = 64;
  const auto threaded = ens::run(s, grid, lean);
  for (const auto& name : kept.outcome_names()) {
    REQUIRE(threaded.outcome_summary(name).count() == streamed.outcome_summary(name).count());
    if (streamed.outcome_summary(name).count() == 0) continue;
    CHECK(threaded.outcome_summary(name).quantile(0.5) == streamed.outcome_summary(name).quantile(0.5));
  }
}

TEST_CASE("bad outcomes are refused by name before any member runs") {
  const auto s = make_study();
  ens::options o;
  o.members = 4;
  const auto grid = gd::run_options(0.0, 24.0, 0.25);
  auto with = [&](std::vector<oc::outcome> list) {
    auto p = o;
    p.outcomes = std::move(list);
    return p;
  };
  GD_CHECK_INVALID("goaldrift::ensemble::run", "outcomes", "'max_drawdown_S' twice",
                   ens::run(s, grid, with({oc::max_drawdown("S"), oc::max_drawdown("S")})));
  GD_CHECK_INVALID("goaldrift::outcome::value_at", "time", "30", ens::run(s, grid, with({oc::value_at("S", 30.0)})));
  GD_CHECK_INVALID("goaldrift::ensemble::run", "outcomes", "'Goal'", ens::run(s, grid, with({oc::final_value("Goal")})));
  // Two outcomes under one name are fine once one is renamed.
  CHECK(ens::run(s, grid, with({oc::max_drawdown("S"), oc::max_drawdown("S").named("again")})).succeeded() == 4);
}

TEST_CASE("a member fails when a variable only an outcome reads turns non-finite, and the reason names it") {
  // The pressure is NaN at the end alone, t = 20: the last save records it and no step follows
  // that would carry it into the state. Nobody summarises the pressure; an outcome reads it.
  const auto nan_at_the_end = [](double t) { return t == 20.0 ? std::nan("") : 1.0; };
  auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                              gd::input::function<decltype(+nan_at_the_end)>(+nan_at_the_end));
  ens::study<decltype(model)> s(model);
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  ens::options o;
  o.members = 3;
  o.variables = {"S"};
  o.outcomes = {oc::maximum_over("pressure", 0.0, 20.0)};
  const auto r = ens::run(s, gd::run_options(0.0, 20.0, 1.0).saving_every(5.0), o, gd::method::euler{});
  REQUIRE(r.failed() == 3);
  CHECK(r.succeeded() == 0);
  CHECK(r.failures()[0].time == 20.0);
  CHECK(r.failures()[0].reason ==
        "goaldrift::ensemble::run: the recorded (an outcome reads it) variable 'pressure' is nan at t = 20");
}

// The code of docs/tutorial.md, step by step: from one trajectory to a Monte Carlo study.
// Each "// [name]" region is shown in the tutorial; the snippet test keeps the two equal.
//
// Usage: tutorial [members, default 20000] [output-directory]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/external/gnuplot.hpp>
#include <goaldrift/goaldrift.hpp>

#include "stories/common.hpp"

namespace gd = goaldrift;

int main(int argc, char** argv) {
  const std::size_t members = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  const auto dir = stories::output_dir(argc - 1, argv + 1);

  // [one-trajectory]
  const auto model = gd::make_model(
      gd::state::actual(100.0, 4.0),          // S starts at 100; gaps are closed in ~4 months
      gd::perception::asymmetric(1.0, 6.0),   // bad news believed in 1 month, good news in 6
      gd::goal::floating(100.0, 12.0),        // the goal floats toward P over 12 months
      1.0);                                   // pressure takes 1 point a month
  const auto run = gd::simulate(model, gd::run_options(0.0, 60.0, 0.125).saving_every(1.0));
  std::printf("after 5 years: S = %.2f, D = %.2f\n", run.final_value("S"), run.final_value("D"));
  // [one-trajectory]

  // [swap-a-part]
  const auto held = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                   gd::goal::absolute(100.0), 1.0);
  const auto held_run = gd::simulate(held, gd::run_options(0.0, 60.0, 0.125).saving_every(1.0));
  std::printf("with an absolute goal: S = %.2f (theory: 100 - u * ta = 96)\n", held_run.final_value("S"));
  // [swap-a-part]

  // [inputs]
  // A shock of 10 a month in months 12-14 on top of the steady pressure, and a sensor that
  // reads 20 % low from month 24 to 36.
  const auto shocked = gd::make_model(
      gd::state::actual(100.0, 4.0),
      gd::perception::distorted(gd::perception::smooth(1.0), gd::input::pulse(24.0, 12.0, 0.2)),
      gd::goal::slip_only(100.0, 12.0),
      1.0 + gd::input::pulse(12.0, 2.0, 10.0));
  const auto shocked_run = gd::simulate(shocked, gd::run_options(0.0, 60.0, 0.125).saving_every(1.0),
                                        gd::method::dopri5{});  // adaptive; stops at every jump
  std::printf("slip-only goal after a shock and a faulty sensor: D = %.2f\n", shocked_run.final_value("D"));
  // [inputs]

  // [outputs]
  run.write_csv((dir / "tutorial_one_run.csv").string());  // time, S, P, D, action, pressure, states
  const auto& S = run["S"];                                 // any column by name
  std::printf("S fell %.2f points in the first year\n", S.front() - S[12]);
  // [outputs]

  // [study]
  namespace dist = gd::distribution;
  gd::ensemble::study study(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                           gd::goal::floating(100.0, 12.0),
                                           gd::noise::pink("pressure", 1.0, 1.5, 3.0, 0.5)));
  study.vary("action_time", dist::uniform(2.0, 6.0),
             [](auto& m) -> double& { return m.state.corrective.action_time; });
  study.vary("goal_time", dist::triangular(6.0, 12.0, 24.0),
             [](auto& m) -> double& { return m.goal.adjustment_time; });
  // [study]

  // [run-ensemble]
  gd::ensemble::options options;
  options.members = members;
  options.seed = 42;
  options.threads = 0;  // every core; the results do not depend on it
  options.on_progress = gd::ensemble::progress_bar("members");
  const auto grid = gd::run_options(0.0, 60.0, 0.5).saving_every(1.0);
  const auto result = gd::ensemble::run(study, grid, options);
  std::printf("final S: median %.2f, 90%% of members between %.2f and %.2f; %zu failed\n",
              result.outcome_quantile("final_S", 0.5), result.outcome_quantile("final_S", 0.05),
              result.outcome_quantile("final_S", 0.95), result.failed());
  std::printf("mean S after a year: %.2f (sd %.2f)\n", result.summary("S", 12).mean(), result.summary("S", 12).sd());
  result.write_wide_csv((dir / "tutorial_ensemble.csv").string());
  // [run-ensemble]

  // [reproduce]
  // Member 17 alone is bit for bit member 17 of the ensemble, on any number of threads.
  const auto member = gd::ensemble::run_member(study, 17, grid, options);
  std::printf("member 17: final S %.6f alone, %.6f in the ensemble\n", member.final_value("S"),
              result.outcome("final_S")[17]);
  // [reproduce]

  // [batched]
  // The same study from a factory, which makes the model for any scalar type: members now run
  // a SIMD pack at a time through the same part code (docs/simd.md), with the same results.
  auto factory = [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                          gd::goal::floating(T(100.0), T(12.0)),
                          gd::noise::pink<T>("pressure", T(1.0), T(1.5), 3.0, 0.5));
  };
  gd::ensemble::study batched(factory);
  batched.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  batched.vary("goal_time", dist::triangular(6.0, 12.0, 24.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  const auto fast = gd::ensemble::run(batched, grid, options);
  std::printf("batched, %zu members a pack: final S median %.2f; member 17 %.6f\n", decltype(batched)::lanes,
              fast.outcome_quantile("final_S", 0.5), fast.outcome("final_S")[17]);
  // [batched]

  // [fan-chart]
  namespace plot = gd::external::gnuplot;
  const auto chart = plot::fan_chart({{"eroding goal", &result}}, dir / "tutorial_fan.png");
  std::printf("%s\n", chart.message.c_str());
  // [fan-chart]
  // Bit for bit without FMA contraction, within 1e-12 with it (docs/simd.md).
  const double a = fast.outcome("final_S")[17], b = result.outcome("final_S")[17];
  const bool same_batched = std::fabs(a - b) <= 1e-12 * std::fmax(1.0, std::fabs(b));
  return result.outcome("final_S")[17] == member.final_value("S") && same_batched ? 0 : 1;
}

// One trajectory of a model whose parts are chosen at run time (runtime::model) beside the same
// model compiled (goal_erosion_model): the price of choosing parts when the program runs. The
// target is a ratio of at most 1.3 per step, Euler and RK4. "ratio" is run-time / compiled.
#include <cstddef>
#include <string>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/runtime/model.hpp>

#include "../examples/stories/meadows_drift.hpp"
#include "../examples/stories/sensor_fault.hpp"
#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace gd = goaldrift;

namespace {

constexpr double dt = 0.125;
constexpr std::size_t steps_per_save = 100;

// simulate() of `compiled` and of its run-time form over `steps` steps of dt, saving every 100.
template <class Compiled, class Method>
void runtime_beside_compiled(benchmark::State& state, const Compiled& compiled, Method method) {
  const auto steps = static_cast<std::size_t>(state.range(0));
  const auto options =
      gd::run_options(0.0, static_cast<double>(steps) * dt, dt).saving_every(static_cast<double>(steps_per_save) * dt);
  const gd::runtime::model runtime = gd::runtime::make_model(compiled);
  db::compare(
      state, "step", static_cast<double>(steps),
      [&] { benchmark::DoNotOptimize(gd::simulate(runtime, options, method)); },
      [&] { benchmark::DoNotOptimize(gd::simulate(compiled, options, method)); });
}

// The eroding goal of examples/meadows_drift: smooth perception, a floating goal following a
// remembered performance, seasonal pressure (input::sine_wave).
template <class Method>
void meadows(benchmark::State& state) {
  runtime_beside_compiled(state, stories::meadows_drift::eroding(), Method{});
}

// examples/sensor_fault's slip-only goal: a distorted sensor (pulse bias) in front of a smooth,
// no function of t, so the branches on the parts' kinds are all that differs.
template <class Method>
void sensor_fault(benchmark::State& state) {
  runtime_beside_compiled(state, stories::sensor_fault::slip_only(), Method{});
}

// An ensemble of the bench's drift model (actual state, asymmetric perception, floating goal,
// constant pressure; ta, tg and u uncertain), one thread, 1600 steps: the run-time model's study
// against the compiled model's batched study. Both run packs of ensemble::default_lanes members
// (the run-time model through runtime::model::run_lanes, the compiled model over packs of its
// combination of parts, made from the members' run-time models); the target is 1.3 per
// member-step.
template <class Method>
void ensemble_beside_batched(benchmark::State& state) {
  const auto members = static_cast<std::size_t>(state.range(0));
  const auto batched = db::make_study(db::quiet_factory{});
  gd::ensemble::study<gd::runtime::model> runtime(gd::runtime::make_model(db::quiet_factory{}(0.0)));
  runtime.vary("ta", gd::distribution::uniform(2.0, 6.0), "state.action_time");
  runtime.vary("tg", gd::distribution::uniform(5.0, 20.0), "goal.adjustment_time");
  runtime.vary("u", gd::distribution::uniform(1.0, 3.0), "pressure.value");
  gd::ensemble::options o;
  o.members = members;
  o.variables = {"S"};
  const auto run = gd::run_options(0.0, db::t_end, db::dt).saving_every(10.0);
  db::compare(
      state, "member_step", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(gd::ensemble::run(runtime, run, o, Method{})); },
      [&] { benchmark::DoNotOptimize(gd::ensemble::run(batched, run, o, Method{})); });
}

}  // namespace

BENCHMARK(ensemble_beside_batched<gd::method::euler>)->Name("runtime/ensemble_vs_batched/euler")->Arg(4096)->UseManualTime();
BENCHMARK(ensemble_beside_batched<gd::method::rk4>)->Name("runtime/ensemble_vs_batched/rk4")->Arg(4096)->UseManualTime();
BENCHMARK(meadows<gd::method::euler>)->Name("runtime/meadows_eroding/euler")->Arg(10000)->Arg(100000)->UseManualTime();
BENCHMARK(meadows<gd::method::rk4>)->Name("runtime/meadows_eroding/rk4")->Arg(10000)->Arg(100000)->UseManualTime();
BENCHMARK(sensor_fault<gd::method::euler>)->Name("runtime/sensor_fault_slip_only/euler")->Arg(10000)->Arg(100000)->UseManualTime();
BENCHMARK(sensor_fault<gd::method::rk4>)->Name("runtime/sensor_fault_slip_only/rk4")->Arg(10000)->Arg(100000)->UseManualTime();

// The noise-free drift model with Euler, 800 steps of dt = 0.25 per run. The peer figure is
// SDEverywhere (Vensim compiled to JavaScript) running one run, measured by
// scripts/bench-sdeverywhere (bench/sdeverywhere/) on this VM: 34 microseconds per run. goaldrift
// runs it one run at a time (simulate), compared one run against one run with SDEverywhere and
// with a plain scalar C++ loop (bench/independent.hpp, no goaldrift code), and batched (an
// ensemble of 16384 runs on one thread) beside the plain loop and beside the independent batch
// (structure of arrays, one fused loop per step).
#include "compare.hpp"
#include "independent.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr double step = 0.25;
constexpr std::size_t steps = 800;
constexpr double sdeverywhere_us_per_run = 34.0;  // one run, scripts/bench-sdeverywhere, 2026-12-07
constexpr std::uint64_t seed = 5;

double handwritten(std::size_t runs) {
  const independent::drift_model m;
  double sum = 0.0;
  for (std::size_t i = 0; i < runs; ++i) sum += independent::member_final_s<false, true>(m, seed, i, steps, step);
  return sum;
}

void report(benchmark::State& state) {
  const double us = state.counters["ns_per_run"] / 1000.0;
  state.counters["us_per_run"] = us;
  state.counters["times_faster_than_sdeverywhere"] = sdeverywhere_us_per_run / us;
}

constexpr std::size_t batched_runs = 16384;
const goaldrift::run_options grid = goaldrift::run_options(0.0, static_cast<double>(steps) * step, step).saving_every(200.0);

// The batched ensemble of `batched_runs` Euler runs, beside `baseline`.
template <class Baseline>
void batched_beside(benchmark::State& state, Baseline baseline) {
  const auto s = db::make_study<db::quiet_factory>();
  ens::options o;
  o.members = batched_runs;
  o.seed = seed;
  o.variables = {"S"};
  o.keep_outcomes = false;
  db::compare(
      state, "run", static_cast<double>(batched_runs),
      [&] { benchmark::DoNotOptimize(ens::run(s, grid, o, goaldrift::method::euler{})); },
      [&] { baseline(s); });
  report(state);
}

// Beside the hand-written scalar loop, as the SDEverywhere figure was measured.
void euler_drift_batched(benchmark::State& state) {
  batched_beside(state, [](const auto&) { benchmark::DoNotOptimize(handwritten(batched_runs)); });
}

// Beside the independent structure-of-arrays Euler loop over 64 members (AVX-512 where built for
// it): the limit of this machine for the model, whatever the peer figure.
void euler_drift_batched_vs_batch(benchmark::State& state) {
  std::vector<double> final_s(batched_runs);
  const independent::drift_model m;
  const auto how = independent::have_avx512 ? independent::layout::avx512 : independent::layout::portable;
  batched_beside(state, [&](const auto&) {
    independent::batch_range<false, true>(how, m, seed, 0, batched_runs, final_s.data(), steps, step);
    benchmark::DoNotOptimize(final_s.data());
  });
}

void euler_drift_simulate(benchmark::State& state) {
  const std::size_t runs = 256;
  const auto s = db::make_study<db::quiet_factory>();
  db::compare(
      state, "run", static_cast<double>(runs),
      [&] {
        for (std::size_t i = 0; i < runs; ++i) {
          const auto m = s.member_model(s.sample(i, runs, ens::design::independent, seed), i, seed);
          benchmark::DoNotOptimize(goaldrift::simulate(m, grid, goaldrift::method::euler{}));
        }
      },
      [&] { benchmark::DoNotOptimize(handwritten(runs)); });
  report(state);
}

}  // namespace

BENCHMARK(euler_drift_batched)->Name("euler_drift_800/batched_ensemble")->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(euler_drift_batched_vs_batch)
    ->Name("euler_drift_800/batched_ensemble_vs_handwritten_batch")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(euler_drift_simulate)->Name("euler_drift_800/simulate_one_at_a_time")->UseManualTime()->Unit(benchmark::kMillisecond);

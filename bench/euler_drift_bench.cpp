// The noise-free drift model with Euler, 800 steps of dt = 0.25 per run: the peer figure is
// SDEverywhere (Vensim compiled to JavaScript) at about 42 microseconds per run, a hand-written
// C++ loop at about 6. goaldrift runs it batched (an ensemble of 16384 runs on one thread) and
// one run at a time (simulate); the baseline is the hand-written scalar loop, and for the
// batched ensemble also the hand-written batch.
#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr double step = 0.25;
constexpr std::size_t steps = 800;
constexpr double sdeverywhere_us_per_run = 42.0;
constexpr std::uint64_t seed = 5;

double handwritten(const ens::study<db::quiet_factory>& s, std::size_t runs) {
  double sum = 0.0;
  for (std::size_t i = 0; i < runs; ++i) sum += db::quiet_member<true>(db::member_parameters(s, i, runs, seed), steps, step)[0];
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
  batched_beside(state, [](const auto& s) { benchmark::DoNotOptimize(handwritten(s, batched_runs)); });
}

// Beside the hand-written structure-of-arrays Euler loop over 64 members: the limit of this
// machine for the model, whatever the peer figure.
void euler_drift_batched_vs_batch(benchmark::State& state) {
  std::vector<double> final_s(batched_runs);
  batched_beside(state, [&](const auto& s) {
    db::batch_range<64, false, true>(s, 0, batched_runs, batched_runs, seed, final_s.data(), steps, step);
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
      [&] { benchmark::DoNotOptimize(handwritten(s, runs)); });
  report(state);
}

}  // namespace

BENCHMARK(euler_drift_batched)->Name("euler_drift_800/batched_ensemble")->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(euler_drift_batched_vs_batch)
    ->Name("euler_drift_800/batched_ensemble_vs_handwritten_batch")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(euler_drift_simulate)->Name("euler_drift_800/simulate_one_at_a_time")->UseManualTime()->Unit(benchmark::kMillisecond);

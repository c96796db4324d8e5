// The drift-noisy ensemble, batched: goaldrift's runner against independent hand-written
// baselines (bench/independent.hpp: their own Philox, Box-Muller and fused RK4 loop over a
// structure-of-arrays batch of 64 members, portable and, where the CPU has it, AVX-512), on 1
// and 2 threads; drift without noise; and goaldrift one member at a time against a plain
// scalar loop. The ratio is to the fastest baseline.
#include <thread>
#include <vector>

#include "compare.hpp"
#include "independent.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::uint64_t seed = 7;

// Before anything is timed: the baselines' generator is Random123's Philox, bit for bit.
const bool philox_checked = (independent::check_philox_against_random123(), true);

template <class Factory>
ens::result run_library(const ens::study<Factory>& s, std::size_t members, unsigned threads, bool batch) {
  ens::options o;
  o.members = members;
  o.seed = seed;
  o.threads = threads;
  o.batch = batch;
  o.variables = {"S"};
  o.keep_outcomes = false;
  return ens::run(s, goaldrift::run_options(0.0, db::t_end, db::dt).saving_every(db::t_end), o);
}

// An independent batch on `threads` threads, each taking a contiguous share of the members.
template <bool Noisy>
double run_independent(independent::layout how, std::size_t members, unsigned threads, std::vector<double>& final_s) {
  final_s.resize(members);
  const std::size_t share = (members / threads + 63) / 64 * 64;
  const independent::drift_model m;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t first = std::min(members, t * share);
    const std::size_t count = std::min(members, first + share) - first;
    pool.emplace_back([&, first, count] {
      independent::batch_range<Noisy>(how, m, seed, first, count, final_s.data() + first, db::steps, db::dt);
    });
  }
  for (auto& t : pool) t.join();
  double sum = 0.0;
  for (double x : final_s) sum += x;
  return sum;
}

// The independent batches this CPU and these flags have: portable always, AVX-512 where built.
template <bool Noisy>
std::vector<db::baseline> independent_batches(std::size_t members, unsigned threads, std::vector<double>& final_s) {
  std::vector<db::baseline> b;
  b.push_back({"portable", [=, &final_s] {
                 benchmark::DoNotOptimize(run_independent<Noisy>(independent::layout::portable, members, threads, final_s));
               }});
  if (independent::have_avx512) {
    b.push_back({"avx512", [=, &final_s] {
                   benchmark::DoNotOptimize(run_independent<Noisy>(independent::layout::avx512, members, threads, final_s));
                 }});
  }
  return b;
}

template <class Factory, bool Noisy>
void ensemble_batched(benchmark::State& state) {
  const auto members = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const auto s = db::make_study<Factory>();
  std::vector<double> final_s;
  db::compare_fastest(
      state, "member_step", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(run_library(s, members, threads, true)); },
      independent_batches<Noisy>(members, threads, final_s));
  state.counters["members_per_s"] =
      1e9 / (state.counters["ns_per_member_step"] * static_cast<double>(db::steps));
}

void ensemble_noisy_one_at_a_time(benchmark::State& state) {
  const auto members = static_cast<std::size_t>(state.range(0));
  const auto s = db::make_study<db::noisy_factory>();
  const independent::drift_model m;
  db::compare_fastest(
      state, "member_step", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(run_library(s, members, 1, false)); },
      {{"scalar", [&] {
          double sum = 0.0;
          for (std::size_t i = 0; i < members; ++i) sum += independent::member_final_s<true, false>(m, seed, i, db::steps, db::dt);
          benchmark::DoNotOptimize(sum);
        }}});
}

}  // namespace

BENCHMARK(ensemble_batched<db::noisy_factory, true>)
    ->Name("ensemble/drift_noisy/batched")
    ->ArgNames({"members", "threads"})
    ->Args({16384, 1})
    ->Args({16384, 2})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ensemble_batched<db::quiet_factory, false>)
    ->Name("ensemble/drift/batched")
    ->ArgNames({"members", "threads"})
    ->Args({16384, 1})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ensemble_noisy_one_at_a_time)
    ->Name("ensemble/drift_noisy/one_at_a_time")
    ->ArgNames({"members"})
    ->Arg(2048)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The drift-noisy ensemble, batched: goaldrift's runner against hand-written structure-of-arrays
// loops over 64 members with the same vectorised noise, on 1 and 2 threads; and drift without
// noise; and goaldrift one member at a time against a hand-written scalar loop.
#include <thread>
#include <vector>

#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::uint64_t seed = 7;

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

// The hand-written batch on `threads` threads, each taking a contiguous share of the members.
template <bool Noisy, class Study>
double run_baseline(const Study& s, std::size_t members, unsigned threads, std::vector<double>& final_s) {
  final_s.resize(members);
  const std::size_t share = (members / threads + 63) / 64 * 64;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t first = std::min(members, t * share);
    const std::size_t count = std::min(members, first + share) - first;
    pool.emplace_back([&, first, count] { db::batch_range<64, Noisy>(s, first, count, members, seed, final_s.data() + first); });
  }
  for (auto& t : pool) t.join();
  double sum = 0.0;
  for (double x : final_s) sum += x;
  return sum;
}

template <class Factory, bool Noisy>
void ensemble_batched(benchmark::State& state) {
  const auto members = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const auto s = db::make_study<Factory>();
  std::vector<double> final_s;
  db::compare(
      state, "member_step", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(run_library(s, members, threads, true)); },
      [&] { benchmark::DoNotOptimize(run_baseline<Noisy>(s, members, threads, final_s)); });
  state.counters["members_per_s"] =
      1e9 / (state.counters["ns_per_member_step"] * static_cast<double>(db::steps));
}

void ensemble_noisy_one_at_a_time(benchmark::State& state) {
  const auto members = static_cast<std::size_t>(state.range(0));
  const auto s = db::make_study<db::noisy_factory>();
  db::compare(
      state, "member_step", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(run_library(s, members, 1, false)); },
      [&] {
        double sum = 0.0;
        for (std::size_t i = 0; i < members; ++i) sum += db::noisy_member(db::member_parameters(s, i, members, seed), i, seed)[0];
        benchmark::DoNotOptimize(sum);
      });
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

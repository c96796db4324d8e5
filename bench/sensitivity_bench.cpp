// The cost of a sensitivity analysis beyond its runs: Sobol' indices of what_drives_drift's
// eroding study (k = 6, N = 2^14, so 131,072 runs of ten years in RK4 half-month steps) beside
// the same runs (the design's parameter values) through a plain ensemble with the same options.
// The ratio is the sensitivity layer's overhead: the design, its member table, the noise
// pairing, and the indices with 1,000 bootstrap resamples for both outcomes.
#include "compare.hpp"
#include "stories/what_drives_drift.hpp"

namespace story = stories::what_drives_drift;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::size_t samples = std::size_t{1} << 14;
constexpr std::size_t runs = samples * 8;  // N (k + 2), k = 6

ens::options one_thread() {
  auto o = story::options();
  o.threads = 1;
  return o;
}

void sobol_against_plain_ensemble(benchmark::State& state) {
  const auto s = story::study();
  const auto grid = story::grid();
  goaldrift::sensitivity::sobol_options so;
  so.samples = samples;
  so.sampling = goaldrift::sensitivity::sampler::scrambled_sobol_sequence;
  // The baseline runs the very same parameter values (the design's table, made once outside the
  // timing) through ensemble::run, each member on its own noise as in any ensemble.
  const goaldrift::sensitivity::saltelli_design design(goaldrift::sensitivity::design_parameters(s, "bench"), so,
                                                       one_thread().seed);
  const auto table = goaldrift::sensitivity::design_table(s, design);
  const auto plain = s.designed(table);
  drift_bench::compare(
      state, "run", static_cast<double>(runs),
      [&] {
        const auto a = goaldrift::sensitivity::sobol(s, grid, one_thread(), so, goaldrift::method::rk4{});
        benchmark::DoNotOptimize(a.indices.estimates.front().value);
      },
      [&] {
        const auto r = ens::run(plain, grid, one_thread(), goaldrift::method::rk4{});
        benchmark::DoNotOptimize(r.outcome("standard_lost").front());
      });
}

}  // namespace

BENCHMARK(sobol_against_plain_ensemble)
    ->Name("sensitivity/sobol_k6_N16384_vs_ensemble")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kSecond);

// Every benchmark runs goaldrift and a hand-written baseline of the same work side by side.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include <benchmark/benchmark.h>

namespace drift_bench {

/// Runs `library` and `baseline` alternately, in alternating order, inside one benchmark, so
/// that both see the same machine (frequency, caches, other load), and reports:
///   Time (manual time)    goaldrift per iteration
///   ns_per_<unit>         goaldrift per unit of work (a member-step, a call, a run, ...)
///   baseline_ns_per_<unit>  the hand-written baseline per unit
///   ratio                 goaldrift time / baseline time: 1.25 means 25 % slower
/// `units` is the number of units one call of either does.
template <class Library, class Baseline>
void compare(benchmark::State& state, const std::string& unit, double units, Library&& library, Baseline&& baseline) {
  using clock = std::chrono::steady_clock;
  double library_seconds = 0.0;
  double baseline_seconds = 0.0;
  bool library_first = true;
  for (auto _ : state) {
    double l = 0.0, b = 0.0;
    for (int turn = 0; turn < 2; ++turn) {
      const bool run_library = (turn == 0) == library_first;
      const auto t0 = clock::now();
      if (run_library) {
        library();
      } else {
        baseline();
      }
      const double seconds = std::chrono::duration<double>(clock::now() - t0).count();
      (run_library ? l : b) = seconds;
    }
    library_first = !library_first;
    library_seconds += l;
    baseline_seconds += b;
    state.SetIterationTime(l);
  }
  const double n = static_cast<double>(state.iterations()) * units;
  state.counters["ns_per_" + unit] = library_seconds / n * 1e9;
  state.counters["baseline_ns_per_" + unit] = baseline_seconds / n * 1e9;
  state.counters["ratio"] = library_seconds / baseline_seconds;
}

}  // namespace drift_bench

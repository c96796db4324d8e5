// Every benchmark runs goaldrift and a hand-written baseline of the same work side by side.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

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

/// A baseline of compare_fastest: its name (a counter suffix) and the work.
struct baseline {
  std::string name;
  std::function<void()> run;
};

/// Like compare, against several independent baselines of the same work, all run alternately
/// with the library in rotating order; reports the library's time, each baseline's
/// (baseline_ns_per_<unit>_<name>), the fastest baseline's (baseline_ns_per_<unit>) and
/// ratio = library / fastest baseline, the number bench/README.md reports.
template <class Library>
void compare_fastest(benchmark::State& state, const std::string& unit, double units, Library&& library,
                     const std::vector<baseline>& baselines) {
  using clock = std::chrono::steady_clock;
  const std::size_t n_runs = baselines.size() + 1;
  std::vector<double> seconds(n_runs, 0.0);
  std::size_t first = 0;
  for (auto _ : state) {
    double l = 0.0;
    for (std::size_t turn = 0; turn < n_runs; ++turn) {
      const std::size_t which = (first + turn) % n_runs;  // 0: the library
      const auto t0 = clock::now();
      if (which == 0) {
        library();
      } else {
        baselines[which - 1].run();
      }
      const double s = std::chrono::duration<double>(clock::now() - t0).count();
      seconds[which] += s;
      if (which == 0) l = s;
    }
    first = (first + 1) % n_runs;
    state.SetIterationTime(l);
  }
  const double n = static_cast<double>(state.iterations()) * units;
  double fastest = seconds[1];
  for (std::size_t b = 0; b < baselines.size(); ++b) {
    state.counters["baseline_ns_per_" + unit + "_" + baselines[b].name] = seconds[b + 1] / n * 1e9;
    fastest = std::min(fastest, seconds[b + 1]);
  }
  state.counters["ns_per_" + unit] = seconds[0] / n * 1e9;
  state.counters["baseline_ns_per_" + unit] = fastest / n * 1e9;
  state.counters["ratio"] = seconds[0] / fastest;
}

}  // namespace drift_bench

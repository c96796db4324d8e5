// The summary reduction: what an ensemble does with each member's value at each save point.
// goaldrift streams it (mean and variance by Welford, quantiles by t-digest) in blocks of 1024
// members merged in block order, as ensemble::run does; the hand-written baseline keeps every
// value and computes the mean, the variance and five exact quantiles (std::nth_element) at the
// end, the memory-hungry way.
#include <algorithm>
#include <cmath>
#include <vector>

#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::size_t members = 16384;
constexpr std::size_t saves = 200;
constexpr std::size_t block = 1024;
const std::vector<double> levels{0.05, 0.25, 0.5, 0.75, 0.95};

void summary(benchmark::State& state) {
  // Member i's value at save j: a smooth drift plus a member-specific normal offset.
  std::vector<double> values(members * saves);
  for (std::size_t i = 0; i < members; ++i) {
    const double z = goaldrift::random::normal(42, 0, i);
    for (std::size_t j = 0; j < saves; ++j) values[j * members + i] = 100.0 - 0.1 * static_cast<double>(j) + 5.0 * z;
  }
  std::vector<double> scratch(members);
  db::compare(
      state, "member_save", static_cast<double>(members * saves),
      [&] {
        double check = 0.0;
        for (std::size_t j = 0; j < saves; ++j) {
          ens::streaming_summary total;
          for (std::size_t b = 0; b < members; b += block) {
            ens::streaming_summary part;
            for (std::size_t i = b; i < b + block; ++i) part.add(values[j * members + i]);
            total.merge(part);
          }
          check += total.mean() + total.variance();
          for (double q : levels) check += total.quantile(q);
        }
        benchmark::DoNotOptimize(check);
      },
      [&] {
        double check = 0.0;
        for (std::size_t j = 0; j < saves; ++j) {
          std::copy(values.begin() + static_cast<std::ptrdiff_t>(j * members),
                    values.begin() + static_cast<std::ptrdiff_t>((j + 1) * members), scratch.begin());
          double mean = 0.0;
          for (double x : scratch) mean += x;
          mean /= static_cast<double>(members);
          double m2 = 0.0;
          for (double x : scratch) m2 += (x - mean) * (x - mean);
          check += mean + m2 / static_cast<double>(members - 1);
          for (double q : levels) {
            const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(members - 1));
            std::nth_element(scratch.begin(), scratch.begin() + k, scratch.end());
            check += scratch[static_cast<std::size_t>(k)];
          }
        }
        benchmark::DoNotOptimize(check);
      });
}

}  // namespace

BENCHMARK(summary)->Name("summary/streaming_vs_exact")->UseManualTime();

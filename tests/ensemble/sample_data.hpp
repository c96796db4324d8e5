// Reproducible samples and exact rank errors for the ensemble-statistics tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sample_data {

/// splitmix64 (Steele, Lea & Flood 2014): a tiny generator whose output is fixed by its seed on
/// every platform, so the tests see the same numbers everywhere.
struct splitmix64 {
  std::uint64_t state;

  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform on (0, 1), never 0 or 1, so log and Box-Muller are safe.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1p-53; }
  /// Standard normal by Box-Muller (the cosine branch; the sine branch is dropped).
  double normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  double exponential() { return -std::log(uniform()); }
};

/// A named distribution and how closely its median estimate must match the exact median, in
/// the units of the data (about twice the worst median rank error we accept divided by the
/// density there; 0 where the median is a tied value and must be exact).
struct distribution {
  std::string name;
  double median_tolerance;
};

/// The distributions every accuracy test runs over.
inline std::vector<distribution> distributions() {
  return {
      {"uniform", 2e-3},
      {"normal", 5e-3},
      {"exponential", 5e-3},
      {"bimodal 70% N(0,1) 30% N(10,0.5^2)", 1e-2},
      {"log-normal sigma 2", 1e-2},
      {"normal in ascending order", 5e-3},
      {"normal sd 2 rounded to 0.5", 0.0},
      {"normal rounded to 0.01", 1e-2},
      {"30% at 0.25, 70% exponential", 5e-3},
      {"30% clamped at 0", 5e-3},
  };
}

/// n values of the named distribution, from the given seed.
inline std::vector<double> sample(const std::string& name, std::size_t n, std::uint64_t seed) {
  splitmix64 g{seed};
  std::vector<double> v(n);
  for (double& x : v) {
    if (name == "uniform") {
      x = g.uniform();
    } else if (name == "normal" || name == "normal in ascending order") {
      x = g.normal();
    } else if (name == "exponential") {
      x = g.exponential();
    } else if (name == "bimodal 70% N(0,1) 30% N(10,0.5^2)") {
      x = g.uniform() < 0.7 ? g.normal() : 10.0 + 0.5 * g.normal();
    } else if (name == "log-normal sigma 2") {
      x = std::exp(2.0 * g.normal());
    } else if (name == "normal sd 2 rounded to 0.5") {
      x = std::round(4.0 * g.normal()) / 2.0;
    } else if (name == "normal rounded to 0.01") {
      // about 0.4% of the values on each grid point near the median: ties too light to keep
      // centroids of their own, too heavy to look continuous
      x = std::round(100.0 * g.normal()) / 100.0;
    } else if (name == "30% at 0.25, 70% exponential") {
      x = g.uniform() < 0.3 ? 0.25 : g.exponential();
    } else if (name == "30% clamped at 0") {
      x = std::max(0.0, g.normal() + 0.5244005127080407);  // Phi(-0.5244) = 0.3
    } else if (name == "two clusters 50/50 with a gap") {
      x = g.uniform() < 0.5 ? g.normal() : 20.0 + g.normal();
    } else {
      x = std::nan("");  // an unknown name fails every accuracy check loudly
    }
  }
  if (name == "normal in ascending order") {
    std::sort(v.begin(), v.end());
  }
  return v;
}

/// How far the estimate's rank is from q: 0 when q lies in [F(x-), F(x)] of the sorted data
/// (a tied value covers all the ranks it occupies), else the distance to that interval.
inline double rank_error(const std::vector<double>& sorted, double estimate, double q) {
  const double n = static_cast<double>(sorted.size());
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), estimate) - sorted.begin();
  const auto up_to = std::upper_bound(sorted.begin(), sorted.end(), estimate) - sorted.begin();
  const double lo = static_cast<double>(below) / n;
  const double hi = static_cast<double>(up_to) / n;
  return std::max({0.0, lo - q, q - hi});
}

/// The quantiles the accuracy requirement names.
inline const std::vector<double>& checked_qs() {
  static const std::vector<double> qs = {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
  return qs;
}

/// The worst rank error of `summary.quantile(q)` over the checked quantiles.
template <class Summary>
double worst_rank_error(const Summary& summary, const std::vector<double>& sorted) {
  double worst = 0.0;
  for (double q : checked_qs()) {
    worst = std::max(worst, rank_error(sorted, summary.quantile(q), q));
  }
  return worst;
}

/// The exact median in the convention quantile uses: the value of rank floor(n / 2) + 1.
inline double exact_median(const std::vector<double>& sorted) { return sorted[sorted.size() / 2]; }

/// Uneven block sizes (one of a single value) that cut n values into 7 consecutive blocks.
inline std::vector<std::size_t> block_ends(std::size_t n) {
  return {1, 18, n / 20 + 18, n / 3, n / 3 + 2, (4 * n) / 5, n};
}

}  // namespace sample_data

// Sampling designs: Latin hypercube strata hold exactly one member each.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <goaldrift/ensemble/design.hpp>

namespace ens = goaldrift::ensemble;
namespace rnd = goaldrift::random;

namespace {
// Kolmogorov-Smirnov distance sup |F_n(x) - x| of a sample from the uniform on (0, 1).
double ks_uniform(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const auto n = static_cast<double>(xs.size());
  double d = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    d = std::max({d, static_cast<double>(i + 1) / n - xs[i], xs[i] - static_cast<double>(i) / n});
  }
  return d;
}
}  // namespace

TEST_CASE("the Feistel permutation is a bijection of 0..n-1 for awkward n") {
  for (std::uint64_t n : {1ull, 2ull, 3ull, 5ull, 7ull, 64ull, 1000ull, 1025ull, 4099ull}) {
    CAPTURE(n);
    std::vector<char> seen(n, 0);
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto p = ens::detail::permute(12345, i, n);
      REQUIRE(p < n);
      CHECK(seen[p] == 0);
      seen[p] = 1;
    }
  }
}

TEST_CASE("latin hypercube: exactly one draw per stratum per parameter") {
  const std::uint64_t n = 1000;
  std::vector<std::vector<std::uint64_t>> strata;
  for (const char* name : {"action_time", "goal_time", "bad_news_time"}) {
    std::vector<std::uint64_t> s;
    for (std::uint64_t i = 0; i < n; ++i) {
      const double p = ens::design_probability(ens::design::latin_hypercube, 42, rnd::stream_id(name), i, n);
      REQUIRE(p > 0.0);
      REQUIRE(p < 1.0);
      s.push_back(static_cast<std::uint64_t>(std::floor(p * static_cast<double>(n))));
    }
    auto sorted = s;
    std::sort(sorted.begin(), sorted.end());
    for (std::uint64_t k = 0; k < n; ++k) CHECK(sorted[k] == k);  // every stratum exactly once
    strata.push_back(s);
  }
  // Different parameters are permuted differently (not the same column three times).
  CHECK(strata[0] != strata[1]);
  CHECK(strata[1] != strata[2]);
}

TEST_CASE("a latin hypercube probability stays inside its stratum whatever the rounding") {
  // With 3 members, stratum 2 and the largest uniform, (2 + v) / 3 rounds to exactly 1: the
  // quantile of a normal there is +inf. Every v, near 0, near 1 or in between, must give a p
  // with stratum <= p n < stratum + 1, judged exactly (fma rounds once, keeping the sign).
  CHECK(ens::detail::latin_probability(2, 1.0 - 0x1.0p-53, 3) < 1.0);
  const double vs[] = {0x1.0p-53, 0x1.0p-52, 1e-9, 0.25, 0.5, 0.999, 1.0 - 0x1.0p-40, 1.0 - 0x1.0p-52, 1.0 - 0x1.0p-53};
  for (std::uint64_t n : {1ull, 2ull, 3ull, 5ull, 7ull, 10ull, 49ull, 100ull, 1000ull, 1001ull, 4099ull, 100000ull,
                          10000019ull}) {
    const auto nd = static_cast<double>(n);
    for (std::uint64_t stratum : {std::uint64_t{0}, std::uint64_t{1}, n / 3, n / 2, n - 2, n - 1}) {
      if (stratum >= n) continue;
      const auto sd = static_cast<double>(stratum);
      for (double v : vs) {
        CAPTURE(n);
        CAPTURE(stratum);
        CAPTURE(v);
        const double p = ens::detail::latin_probability(stratum, v, n);
        CHECK(p > 0.0);
        CHECK(p < 1.0);
        CHECK(std::fma(p, nd, -sd) >= 0.0);          // p >= stratum / n
        CHECK(std::fma(p, nd, -(sd + 1.0)) < 0.0);   // p < (stratum + 1) / n
        // Where no bound is at stake it is the plain formula, to the bit.
        if (v == 0.5) CHECK(p == (sd + v) / nd);
      }
    }
  }
}

TEST_CASE("independent draws depend only on (seed, parameter, member), not on the ensemble size") {
  const auto stream = rnd::stream_id("goal_time");
  const double alone = ens::design_probability(ens::design::independent, 7, stream, 17, 18);
  CHECK(ens::design_probability(ens::design::independent, 7, stream, 17, 100000) == alone);
  CHECK(ens::design_probability(ens::design::independent, 8, stream, 17, 18) != alone);
  CHECK(ens::design_probability(ens::design::independent, 7, stream, 18, 19) != alone);
}

TEST_CASE("design probabilities are uniform: Kolmogorov-Smirnov at 1 percent, and within 1/n under a Latin hypercube") {
  // The uniforms every parameter of every member is drawn from, as run() asks for them.
  const std::uint64_t n = 200000;
  const double critical = 1.6276 / std::sqrt(static_cast<double>(n));  // 1 %, large n
  for (const char* name : {"action_time", "goal_time"}) {
    CAPTURE(name);
    std::vector<double> independent, latin;
    for (std::uint64_t i = 0; i < n; ++i) {
      independent.push_back(ens::design_probability(ens::design::independent, 42, rnd::stream_id(name), i, n));
      latin.push_back(ens::design_probability(ens::design::latin_hypercube, 42, rnd::stream_id(name), i, n));
    }
    CHECK(ks_uniform(independent) < critical);
    // One draw per stratum puts the i-th smallest in [i/n, (i+1)/n): never more than 1/n off.
    CHECK(ks_uniform(latin) <= 1.0 / static_cast<double>(n));
  }
}

// Sampling designs: Latin hypercube strata hold exactly one member each.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <goaldrift/ensemble/design.hpp>

namespace ens = goaldrift::ensemble;
namespace rnd = goaldrift::random;

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

TEST_CASE("independent draws depend only on (seed, parameter, member), not on the ensemble size") {
  const auto stream = rnd::stream_id("goal_time");
  const double alone = ens::design_probability(ens::design::independent, 7, stream, 17, 18);
  CHECK(ens::design_probability(ens::design::independent, 7, stream, 17, 100000) == alone);
  CHECK(ens::design_probability(ens::design::independent, 8, stream, 17, 18) != alone);
  CHECK(ens::design_probability(ens::design::independent, 7, stream, 18, 18) != alone);
}

// The counter-based generator: published known answers, and draws that depend only on their
// coordinates.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <vector>

#include <goaldrift/random/philox.hpp>

namespace rnd = goaldrift::random;

namespace {
// Kolmogorov-Smirnov distance sup |F_n(x) - F(x)| of a sample from the cdf F.
template <class F>
double ks_distance(std::vector<double> xs, F cdf) {
  std::sort(xs.begin(), xs.end());
  const auto n = static_cast<double>(xs.size());
  double d = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}
// The 1% critical value of the KS distance for large n: sqrt(ln(2 / 0.01) / 2) / sqrt(n).
double ks_critical_1pc(std::size_t n) { return 1.6276 / std::sqrt(static_cast<double>(n)); }
double phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
}  // namespace

TEST_CASE("philox4x32-10 reproduces the Random123 known-answer vectors") {
  // From Random123's kat_vectors: counter and key all zero, all ones, and digits of pi.
  r123::Philox4x32 g;
  auto run = [&](r123::Philox4x32::ctr_type c, r123::Philox4x32::key_type k) { return g(c, k); };
  const auto zero = run({{0, 0, 0, 0}}, {{0, 0}});
  CHECK(zero[0] == 0x6627e8d5u);
  CHECK(zero[1] == 0xe169c58du);
  CHECK(zero[2] == 0xbc57ac4cu);
  CHECK(zero[3] == 0x9b00dbd8u);
  const auto ones = run({{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, {{0xffffffffu, 0xffffffffu}});
  CHECK(ones[0] == 0x408f276du);
  CHECK(ones[3] == 0x6d5451fdu);
  const auto pi = run({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, {{0xa4093822u, 0x299f31d0u}});
  CHECK(pi[0] == 0xd16cfe09u);
  CHECK(pi[3] == 0x24126ea1u);
  // philox_block lays key and counter out as documented: key (low, high), counter (index
  // low, index high, member low, member high).
  const auto block = rnd::philox_block(0x299f31d0a4093822ULL, 0x85a308d3243f6a88ULL, 0x0370734413198a2eULL);
  CHECK(block[0] == 0xd16cfe09u);
  CHECK(block[3] == 0x24126ea1u);
}

TEST_CASE("unit_open never gives 0 or 1 and spans the interval") {
  // The extremes: all bits clear and all bits set stay strictly inside (0, 1).
  const double lowest = rnd::unit_open(0, 0);
  const double highest = rnd::unit_open(0xffffffffu, 0xffffffffu);
  CHECK(lowest > 0.0);
  CHECK(lowest == 0x1.0p-53);
  CHECK(highest < 1.0);
  CHECK(highest == 1.0 - 0x1.0p-53);
  CHECK(rnd::unit_open(0x80000000u, 0) == 0.5 + 0x1.0p-53);
  // The values are symmetric about 1/2, as the quantiles built on them should be.
  CHECK(lowest + highest == 1.0);
}

TEST_CASE("streams, domains, seeds and members all change the draw, and nothing else does") {
  const auto key = rnd::philox_key(42, rnd::domain::noise, rnd::stream_id("pressure"));
  const double a = rnd::normal(key, 7, 3);
  CHECK(rnd::normal(key, 7, 3) == a);  // a pure function of its coordinates
  std::set<double> others{rnd::normal(key, 8, 3), rnd::normal(key, 7, 4),
                          rnd::normal(rnd::philox_key(43, rnd::domain::noise, rnd::stream_id("pressure")), 7, 3),
                          rnd::normal(rnd::philox_key(42, rnd::domain::parameter, rnd::stream_id("pressure")), 7, 3),
                          rnd::normal(rnd::philox_key(42, rnd::domain::noise, rnd::stream_id("bias")), 7, 3)};
  CHECK(others.size() == 5);
  CHECK(others.count(a) == 0);
  CHECK(rnd::stream_id("pressure") == rnd::stream_id(std::string("pressure")));
  CHECK(rnd::stream_id("a") != rnd::stream_id("b"));
}

TEST_CASE("box_muller normals have mean 0 and variance 1") {
  const auto key = rnd::philox_key(1, rnd::domain::noise, 0);
  const int n = 400000;
  double sum = 0.0, sum2 = 0.0;
  for (int k = 0; k < n; ++k) {
    const double z = rnd::normal(key, static_cast<std::uint64_t>(k), 0);
    sum += z;
    sum2 += z * z;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  CHECK(std::fabs(mean) < 5.0 / std::sqrt(n));            // 5 standard errors
  CHECK(std::fabs(var - 1.0) < 5.0 * std::sqrt(2.0 / n));  // 5 standard errors of a variance
}

TEST_CASE("random::normal and both normals of normal_pair pass Kolmogorov-Smirnov at 1 percent") {
  // As the ensemble draws them: keyed by (seed, domain, stream), counted by (index, member),
  // down one member's stream and across members at one index.
  const std::size_t n = 200000;
  const auto key = rnd::philox_key(2024, rnd::domain::noise, rnd::stream_id("pressure"));
  std::vector<double> along, across, first, second;
  for (std::size_t k = 0; k < n; ++k) {
    along.push_back(rnd::normal(key, k, 3));
    across.push_back(rnd::normal(key, 5, k));
    const auto z = rnd::normal_pair(key, k, 9);
    first.push_back(z[0]);
    second.push_back(z[1]);
  }
  for (const auto* sample : {&along, &across, &first, &second}) {
    const double d = ks_distance(*sample, phi);
    CAPTURE(d);
    CHECK(d < ks_critical_1pc(n));
  }
  // The test has power: a normal with sd 1.03 fails it at this n.
  std::vector<double> wide;
  for (double z : along) wide.push_back(1.03 * z);
  CHECK(ks_distance(wide, phi) > ks_critical_1pc(n));
}

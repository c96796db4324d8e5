// streaming_summary: Welford and Chan moments against two-pass references, merging in blocks,
// bit-for-bit determinism, numerics far from zero, and the edge cases.
#include <doctest/doctest.h>

#include "ensemble/sample_data.hpp"
#include "support/invalid_parameter.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <goaldrift/ensemble/streaming_summary.hpp>

using goaldrift::ensemble::streaming_summary;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Two-pass mean and sample variance in long double: the reference the streaming formulas are
/// held to.
struct two_pass {
  double mean;
  double variance;

  explicit two_pass(const std::vector<double>& v) {
    long double sum = 0.0L;
    for (double x : v) sum += x;
    const long double m = sum / static_cast<long double>(v.size());
    long double squares = 0.0L;
    for (double x : v) squares += (x - m) * (x - m);
    mean = static_cast<double>(m);
    variance = static_cast<double>(squares / static_cast<long double>(v.size() - 1));
  }
};

double relative(double a, double b) { return std::abs(a - b) / std::abs(b); }

streaming_summary summary_of(const std::vector<double>& values) {
  streaming_summary s;
  for (double x : values) s.add(x);
  return s;
}

streaming_summary merged_blocks(const std::vector<double>& values) {
  streaming_summary all;
  std::size_t begin = 0;
  for (std::size_t end : sample_data::block_ends(values.size())) {
    streaming_summary block;
    for (std::size_t i = begin; i < end; ++i) block.add(values[i]);
    all.merge(block);
    begin = end;
  }
  return all;
}

/// Every observable result of a summary, for bit-for-bit comparisons.
std::vector<double> fingerprint(const streaming_summary& s) {
  std::vector<double> out = {static_cast<double>(s.count()), s.mean(), s.variance(), s.sd(),
                             s.min(), s.max(), s.median()};
  for (int i = 0; i <= 200; ++i) out.push_back(s.quantile(i / 200.0));
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool both_nan = std::isnan(a[i]) && std::isnan(b[i]);
    if (!both_nan && !(a[i] == b[i] && std::signbit(a[i]) == std::signbit(b[i]))) return false;
  }
  return true;
}

/// Values of a shifted, scaled normal: mean 5, sd 2.
std::vector<double> shifted_normal(std::size_t n, std::uint64_t seed) {
  auto v = sample_data::sample("normal", n, seed);
  for (double& x : v) x = 5.0 + 2.0 * x;
  return v;
}

}  // namespace

TEST_CASE("streaming_summary moments match a two-pass computation") {
  const auto values = shifted_normal(100000, 31);
  const two_pass exact(values);
  const streaming_summary s = summary_of(values);
  CHECK(s.count() == values.size());
  CHECK(relative(s.mean(), exact.mean) <= 1e-12);
  CHECK(relative(s.variance(), exact.variance) <= 1e-12);
  CHECK(relative(s.sd(), std::sqrt(exact.variance)) <= 1e-12);
  CHECK(s.min() == *std::min_element(values.begin(), values.end()));
  CHECK(s.max() == *std::max_element(values.begin(), values.end()));
}

TEST_CASE("streaming_summary merged from 7 uneven blocks matches one stream") {
  for (const auto& dist : sample_data::distributions()) {
    CAPTURE(dist.name);
    const auto values = sample_data::sample(dist.name, 100000, 12);
    auto exact = values;
    std::sort(exact.begin(), exact.end());
    const two_pass moments(values);
    const streaming_summary one = summary_of(values);
    const streaming_summary merged = merged_blocks(values);
    CHECK(merged.count() == one.count());
    CHECK(merged.min() == exact.front());
    CHECK(merged.max() == exact.back());
    // A mean near 0 has no relative error to speak of; measure it against the spread instead.
    const double scale = std::max(std::abs(moments.mean), std::sqrt(moments.variance));
    CHECK(std::abs(merged.mean() - moments.mean) / scale <= 1e-12);
    CHECK(relative(merged.variance(), moments.variance) <= 1e-12);
    CHECK(std::abs(one.mean() - moments.mean) / scale <= 1e-12);
    CHECK(relative(one.variance(), moments.variance) <= 1e-12);
    CHECK(sample_data::worst_rank_error(merged, exact) <= 0.005);
    CHECK(sample_data::worst_rank_error(one, exact) <= 0.005);
    CHECK(std::abs(merged.median() - sample_data::exact_median(exact)) <= dist.median_tolerance);
  }
}

TEST_CASE("streaming_summary is bit-identical for the same values and the same merge order") {
  const auto values = shifted_normal(123457, 41);
  CHECK(same_bits(fingerprint(summary_of(values)), fingerprint(summary_of(values))));
  CHECK(same_bits(fingerprint(merged_blocks(values)), fingerprint(merged_blocks(values))));
  const streaming_summary a = summary_of(values);
  const streaming_summary b = summary_of(values);
  CHECK(a.mean() == b.mean());
  CHECK(a.variance() == b.variance());
  CHECK(a.quantile(0.95) == b.quantile(0.95));
  SUBCASE("merging the blocks in reverse order differs only by rounding") {
    std::vector<streaming_summary> blocks;
    std::size_t begin = 0;
    for (std::size_t end : sample_data::block_ends(values.size())) {
      blocks.emplace_back();
      for (std::size_t i = begin; i < end; ++i) blocks.back().add(values[i]);
      begin = end;
    }
    streaming_summary backward;
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) backward.merge(*it);
    const streaming_summary forward = merged_blocks(values);
    CHECK(relative(backward.mean(), forward.mean()) <= 1e-14);
    CHECK(relative(backward.variance(), forward.variance()) <= 1e-14);
    CHECK(backward.count() == forward.count());
    CHECK(backward.min() == forward.min());
    CHECK(backward.max() == forward.max());
  }
  const std::vector<double> qs = {0.05, 0.5, 0.95};
  CHECK(same_bits(a.quantiles(qs), {a.quantile(0.05), a.median(), a.quantile(0.95)}));
}

TEST_CASE("streaming_summary keeps the variance of values near 1e9 with sd 1") {
  // The textbook formula (sum of x^2 - n mean^2) / (n - 1) subtracts two numbers near 1e23 whose
  // difference is about 1e5: double keeps 16 digits, so the result is rounding noise. Welford's
  // update and Chan's merge work with deviations from the running mean and keep it.
  sample_data::splitmix64 g{2718};
  std::vector<double> values;
  std::vector<double> offsets;  // x - 1e9, exact in double for x this close to 1e9
  for (int i = 0; i < 100000; ++i) {
    values.push_back(1e9 + g.normal());
    offsets.push_back(values.back() - 1e9);
  }
  const two_pass exact(offsets);
  const streaming_summary s = summary_of(values);
  const streaming_summary m = merged_blocks(values);
  CHECK(relative(s.mean(), 1e9 + exact.mean) <= 1e-14);
  CHECK(relative(s.variance(), exact.variance) <= 1e-6);
  CHECK(relative(m.variance(), exact.variance) <= 1e-6);
  CHECK(exact.variance == doctest::Approx(1.0).epsilon(0.02));

  double sum = 0.0;
  double sum_of_squares = 0.0;
  for (double x : values) {
    sum += x;
    sum_of_squares += x * x;
  }
  const double n = static_cast<double>(values.size());
  const double textbook = (sum_of_squares - sum * sum / n) / (n - 1.0);
  CHECK(relative(textbook, exact.variance) > 1e-2);  // the failure the comment above describes
}

TEST_CASE("streaming_summary edge cases: empty, one value, two values, all equal") {
  SUBCASE("empty") {
    const streaming_summary s;
    CHECK(s.count() == 0);
    CHECK(std::isnan(s.mean()));
    CHECK(std::isnan(s.variance()));
    CHECK(std::isnan(s.sd()));
    CHECK(std::isnan(s.min()));
    CHECK(std::isnan(s.max()));
    CHECK(std::isnan(s.median()));
    CHECK(std::isnan(s.quantile(0.9)));
  }
  SUBCASE("one value") {
    streaming_summary s;
    s.add(7.5);
    CHECK(s.count() == 1);
    CHECK(s.mean() == 7.5);
    CHECK(std::isnan(s.variance()));
    CHECK(std::isnan(s.sd()));
    CHECK(s.min() == 7.5);
    CHECK(s.max() == 7.5);
    for (double q : {0.0, 0.01, 0.5, 0.99, 1.0}) CHECK(s.quantile(q) == 7.5);
  }
  SUBCASE("two values") {
    streaming_summary s;
    s.add(1.0);
    s.add(3.0);
    CHECK(s.mean() == 2.0);
    CHECK(s.variance() == 2.0);
    CHECK(s.sd() == std::sqrt(2.0));
    CHECK(s.quantile(0.25) == 1.0);
    CHECK(s.quantile(0.75) == 3.0);
  }
  SUBCASE("all equal") {
    streaming_summary s;
    for (int i = 0; i < 5000; ++i) s.add(0.1);
    CHECK(s.mean() == 0.1);
    CHECK(s.variance() == 0.0);
    CHECK(s.median() == 0.1);
    CHECK(s.quantile(0.999) == 0.1);
  }
}

TEST_CASE("streaming_summary merging an empty summary changes nothing") {
  const auto values = shifted_normal(2500, 6);
  const streaming_summary s = summary_of(values);
  streaming_summary t = s;
  t.merge(streaming_summary());
  CHECK(same_bits(fingerprint(s), fingerprint(t)));
  streaming_summary u;
  u.merge(s);
  CHECK(same_bits(fingerprint(s), fingerprint(u)));
  streaming_summary empty;
  empty.merge(streaming_summary());
  CHECK(empty.count() == 0);
  CHECK(std::isnan(empty.mean()));
}

TEST_CASE("streaming_summary refuses a bad compression, q outside 0..1 and NaN values") {
  const char* component = "goaldrift::ensemble::streaming_summary";
  GD_CHECK_INVALID(component, "compression", "10", streaming_summary(10.0));
  GD_CHECK_INVALID(component, "compression", "nan", streaming_summary(nan_v));
  streaming_summary s;
  s.add(1.0);
  s.add(2.0);
  const auto before = fingerprint(s);
  GD_CHECK_INVALID(component, "q", "-0.5", s.quantile(-0.5));
  GD_CHECK_INVALID(component, "q", "1.0001", s.quantile(1.0001));
  GD_CHECK_INVALID(component, "q", "nan", s.quantile(nan_v));
  GD_CHECK_INVALID(component, "q", "-1", s.quantiles({0.5, -1.0}));
  GD_CHECK_INVALID(component, "x", "nan", s.add(nan_v));
  GD_CHECK_INVALID(component, "x", "inf", s.add(inf_v));
  CHECK(same_bits(before, fingerprint(s)));  // a refused value leaves no trace
}

TEST_CASE("streaming_summary memory does not grow with the number of values") {
  sample_data::splitmix64 g{17};
  streaming_summary s;
  std::size_t bytes_at_1e4 = 0;
  for (int i = 1; i <= 1000000; ++i) {
    s.add(g.exponential());
    if (i == 10000) bytes_at_1e4 = s.memory_bytes();
  }
  const std::size_t bytes = s.memory_bytes();
  MESSAGE("streaming_summary: " << bytes << " bytes after 10^6 values, " << bytes_at_1e4
                                << " after 10^4");
  CHECK(static_cast<double>(bytes) <= 1.05 * static_cast<double>(bytes_at_1e4));
  CHECK(bytes <= sizeof(s) + 400 * 24 + 1000 * sizeof(double));
  CHECK(s.digest().centroid_count() <= 200);
}

TEST_CASE("streaming_summary mean of finite values more than the largest double apart") {
  // delta = x - mean overflowed: add(1.7e308); add(-1.7e308) gave mean -inf, variance -inf.
  streaming_summary s;
  s.add(1.7e308);
  s.add(-1.7e308);
  CHECK(s.mean() == 0.0);
  // 2 * 1.7e308^2 is beyond the largest double: +infinity, documented, never negative or NaN.
  CHECK(s.variance() == inf_v);
  CHECK(s.sd() == inf_v);
  CHECK(s.min() == -1.7e308);
  CHECK(s.max() == 1.7e308);
  // Later ordinary values keep the mean right and the variance infinite.
  s.add(0.0);
  s.add(0.0);
  CHECK(s.mean() == 0.0);
  CHECK(s.variance() == inf_v);

  // Three at +1.7e308, then one at -1.7e308: the mean is 0.85e308.
  streaming_summary t;
  for (int i = 0; i < 3; ++i) t.add(1.7e308);
  t.add(-1.7e308);
  CHECK(t.mean() == doctest::Approx(0.85e308).epsilon(1e-15));
  CHECK(t.variance() == inf_v);
}

TEST_CASE("streaming_summary merge of summaries with means more than the largest double apart") {
  streaming_summary a;
  streaming_summary b;
  a.add(1.7e308);
  b.add(-1.7e308);
  a.merge(b);  // delta = -1.7e308 - 1.7e308 overflowed: mean -inf
  CHECK(a.count() == 2u);
  CHECK(a.mean() == 0.0);
  CHECK(a.variance() == inf_v);

  // Blocks of unequal size: (2 * 1e308 - 1.5e308) / 3 from {1e308, 1e308} and {-1.5e308}.
  streaming_summary c;
  streaming_summary d;
  c.add(1e308);
  c.add(1e308);
  d.add(-1.5e308);
  c.merge(d);
  CHECK(c.mean() == doctest::Approx(0.5e308 / 3.0).epsilon(1e-15));
  CHECK(c.variance() == inf_v);
  // Merging into an empty summary still copies mean and variance exactly.
  streaming_summary e;
  e.merge(c);
  CHECK(e.mean() == c.mean());
  CHECK(e.variance() == inf_v);
}

TEST_CASE("streaming_summary ordinary values keep the textbook Welford and Chan bits") {
  // The overflow branches must not touch the ordinary path: results are compared bit for bit
  // across thread counts and against stored expectations.
  const auto v = shifted_normal(1000, 41);
  double mean = 0.0;
  double m2 = 0.0;
  double n = 0.0;
  for (double x : v) {
    n += 1.0;
    const double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  const auto s = summary_of(v);
  CHECK(s.mean() == mean);
  CHECK(s.variance() == m2 / (n - 1.0));

  streaming_summary left = summary_of(std::vector<double>(v.begin(), v.begin() + 300));
  const streaming_summary right = summary_of(std::vector<double>(v.begin() + 300, v.end()));
  const double n_a = 300.0;
  const double n_b = 700.0;
  const double delta = right.mean() - left.mean();
  const double merged_mean = left.mean() + delta * (n_b / (n_a + n_b));
  const double merged_m2 = left.variance() * (n_a - 1.0) + right.variance() * (n_b - 1.0);
  left.merge(right);
  CHECK(left.mean() == merged_mean);
  CHECK(left.variance() ==
        doctest::Approx((merged_m2 + delta * delta * (n_a * n_b / (n_a + n_b))) / 999.0)
            .epsilon(1e-14));
}

TEST_CASE("streaming_summary merging a summary with a mean beyond 1.3e154 into an empty one") {
  // delta * delta * (n_a n_b / n) was inf * 0 = NaN for the empty side: the variance of
  // {2e154, 3e154}, 5e307, became NaN just by passing through an empty summary.
  streaming_summary block;
  block.add(2e154);
  block.add(3e154);
  streaming_summary total;
  total.merge(block);
  CHECK(total.mean() == block.mean());
  CHECK(total.variance() == block.variance());
  CHECK(total.variance() == doctest::Approx(5e307).epsilon(1e-15));
}

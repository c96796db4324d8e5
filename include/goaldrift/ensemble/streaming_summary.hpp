// Count, mean, variance, extremes and quantiles of an ensemble at one save time, in fixed memory.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../detail/validate.hpp"
#include "detail/bytes.hpp"
#include "tdigest.hpp"

namespace goaldrift::ensemble {

/// What an ensemble looks like at one save time, built one member at a time (add) or from
/// partial summaries (merge), in memory that does not depend on the number of members.
///
/// Mean and variance use Welford's update when adding and Chan, Golub and LeVeque's pairwise
/// formula when merging: both work with deviations from the running mean, so a quantity that
/// sits at 1e9 and varies by 1 keeps its variance (the textbook sum of squares cancels it to
/// noise). Minimum and maximum are exact; quantiles come from a tdigest (see tdigest.hpp for
/// their accuracy).
///
/// Results are bit-identical whenever the same values are added in the same order and the same
/// partial summaries are merged in the same order; merging in another order gives results that
/// agree to rounding (mean, variance) and to the digest's accuracy (quantiles), not bit for bit.
class streaming_summary {
 public:
  static constexpr const char* component = "goaldrift::ensemble::streaming_summary";

  /// `compression` is the tdigest's (see there); 200 keeps quantiles within half a percentile
  /// point in about 11 KB per summary.
  explicit streaming_summary(double compression = 200)
      : digest_((goaldrift::detail::require_tdigest_compression(component, compression),
                 compression)) {}

  /// Adds one member's value. NaN and infinities are refused (invalid_parameter naming "x"),
  /// leaving the summary as it was: a diverged member must be reported, not averaged in.
  void add(double x) {
    goaldrift::detail::require_finite(component, "x", x);
    digest_.add(x);
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }

  /// Adds everything `other` summarises, as if its values had been added here. Merging an
  /// empty summary changes nothing; merging into an empty one copies mean and variance exactly.
  void merge(const streaming_summary& other) {
    if (other.count_ == 0) {
      return;
    }
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(other.count_);
    const double n = n_a + n_b;
    const double delta = other.mean_ - mean_;
    // n_b / n is exactly 1 when this summary is empty, so the copy is exact
    mean_ += delta * (n_b / n);
    m2_ += other.m2_ + delta * delta * (n_a * n_b / n);
    count_ += other.count_;
    digest_.merge(other.digest_);
  }

  /// The number of values added.
  std::size_t count() const noexcept { return count_; }

  /// The mean; NaN when empty.
  double mean() const noexcept { return count_ == 0 ? nan() : mean_; }

  /// The sample variance (divisor n - 1); NaN for fewer than 2 values, where it is undefined.
  double variance() const noexcept {
    return count_ < 2 ? nan() : m2_ / static_cast<double>(count_ - 1);
  }

  /// The sample standard deviation, sqrt(variance()); NaN for fewer than 2 values.
  double sd() const noexcept { return std::sqrt(variance()); }

  /// The exact smallest value; NaN when empty.
  double min() const noexcept { return digest_.min(); }

  /// The exact largest value; NaN when empty.
  double max() const noexcept { return digest_.max(); }

  /// The estimated q-quantile for q in [0, 1] (invalid_parameter naming "q" otherwise); exact
  /// at 0 and 1; NaN when empty.
  double quantile(double q) const {
    goaldrift::detail::require_unit_interval(component, "q", q);
    return digest_.quantile(q);
  }

  /// quantile(q) for each of `qs`, sharing the work; bit-identical to separate calls.
  std::vector<double> quantiles(const std::vector<double>& qs) const {
    for (double q : qs) {
      goaldrift::detail::require_unit_interval(component, "q", q);
    }
    return digest_.quantiles(qs);
  }

  /// quantile(0.5).
  double median() const { return digest_.quantile(0.5); }

  /// Bytes held, the object itself included; does not grow with the number of values.
  std::size_t memory_bytes() const noexcept {
    return sizeof(*this) - sizeof(tdigest) + digest_.memory_bytes();
  }

  /// The digest behind the quantiles, for cdf and for merging into other digests.
  const tdigest& digest() const noexcept { return digest_; }

  /// Writes the whole state, exact: a summary read back is the summary written, field for
  /// field and bit for bit, so merging read-back partial summaries in order gives the very
  /// result of merging the originals. See detail/bytes.hpp for the byte format.
  void write(detail::byte_writer& out) const {
    digest_.write(out);
    out.put(count_);
    out.put(mean_);
    out.put(m2_);
  }

  /// Reads a summary that write wrote. Throws invalid_parameter on a truncated buffer, a bad
  /// digest (see tdigest::read), a count that is not the digest's, an empty summary whose mean
  /// or squared deviations are not exactly 0, a mean that is not finite or squared deviations
  /// that are negative or NaN.
  static streaming_summary read(detail::byte_reader& in) {
    tdigest digest = tdigest::read(in);
    streaming_summary s(digest.compression());
    s.digest_ = std::move(digest);
    s.count_ = in.read_size();
    s.mean_ = in.read_double();
    s.m2_ = in.read_double();
    if (static_cast<double>(s.count_) != s.digest_.count()) {
      throw invalid_parameter(component, "count",
                              "must equal the digest's count " +
                                  goaldrift::detail::format_number(s.digest_.count()),
                              std::to_string(s.count_));
    }
    if (s.count_ == 0) {
      // as a fresh summary has them, so that merging into it copies the other exactly
      if (!(s.mean_ == 0.0 && !std::signbit(s.mean_))) {
        throw invalid_parameter(component, "mean", "must be +0 in an empty summary", s.mean_);
      }
      if (!(s.m2_ == 0.0 && !std::signbit(s.m2_))) {
        throw invalid_parameter(component, "sum of squared deviations",
                                "must be +0 in an empty summary", s.m2_);
      }
    }
    goaldrift::detail::require_finite(component, "mean", s.mean_);
    if (!(s.m2_ >= 0.0)) {
      throw invalid_parameter(component, "sum of squared deviations", "must not be negative or NaN",
                              s.m2_);
    }
    return s;
  }

 private:
  static double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

  tdigest digest_;
  std::size_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
};

}  // namespace goaldrift::ensemble

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
/// Any finite values are accepted and the mean stays right to rounding, even for values more
/// than the largest double apart (1.7e308 and -1.7e308 have mean 0): a deviation that overflows
/// is taken in halves. The variance is the sum of squared deviations over n - 1, and that sum
/// exceeds the largest double once deviations pass about 1e154; from then on variance() and sd()
/// are +infinity, also where the variance itself would still fit (a million values of +/-1e154
/// have variance 1e308). Values that large are a diverged model, which infinity reports.
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
    if (!(std::fabs(delta) <= max_double)) {
      add_far(x);
      return;
    }
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
    if (std::fabs(delta) <= max_double) {
      // n_b / n is exactly 1 when this summary is empty, so the copy is exact
      mean_ += delta * (n_b / n);
      // ...and the weight 0: skipping the term keeps the copy exact for a mean beyond 1.3e154
      // too, where delta * delta is +inf and inf * 0 would make the variance NaN.
      const double weight = n_a * n_b / n;
      m2_ += other.m2_ + (weight == 0.0 ? 0.0 : delta * delta * weight);
    } else {
      // Means of opposite sign more than the largest double apart (both summaries are
      // non-empty, or delta would be a finite mean): the same update in halves, as add_far.
      const double half_delta = 0.5 * other.mean_ - 0.5 * mean_;
      mean_ += 2.0 * (half_delta * (n_b / n));
      m2_ += other.m2_ + infinity();
    }
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
  static constexpr double max_double = std::numeric_limits<double>::max();

  static double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
  static double infinity() noexcept { return std::numeric_limits<double>::infinity(); }

  /// Welford's step for an x more than the largest double away from the mean (which needs
  /// count_ >= 2, as the first mean is 0 and x is finite). The mean moves by (x - mean) / count,
  /// at most half that distance, so it is computed from halves and stays exact to rounding. The
  /// squared deviation added is at least (x - mean)^2 / 2 > 1.6e616: the sum of squares is
  /// +infinity, as its overflow is not a rounding artefact.
  void add_far(double x) {
    const double half_delta = 0.5 * x - 0.5 * mean_;
    mean_ += 2.0 * (half_delta / static_cast<double>(count_));
    m2_ = infinity();
  }

  tdigest digest_;
  std::size_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
};

}  // namespace goaldrift::ensemble

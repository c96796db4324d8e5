// Lookup tables (Vensim "lookups", Stella "graphical functions"): piecewise-linear, clamped ends.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../math.hpp"

namespace goaldrift::sd {

/// A graphical function y = f(x) given by points with strictly increasing x. Between points it
/// interpolates linearly; outside it holds the first or last y (Vensim's default), so a table
/// never extrapolates. A NaN argument gives NaN, which the integration then reports.
class lookup {
 public:
  static constexpr const char* component = "goaldrift::sd::lookup";

  lookup(std::initializer_list<std::pair<double, double>> points) {
    xs_.reserve(points.size());
    ys_.reserve(points.size());
    for (const auto& p : points) {
      xs_.push_back(p.first);
      ys_.push_back(p.second);
    }
    validate();
    extreme_ = has_extreme_segment();
  }

  lookup(std::vector<double> xs, std::vector<double> ys) : xs_(std::move(xs)), ys_(std::move(ys)) {
    if (xs_.size() != ys_.size()) {
      throw invalid_parameter(component, "ys", "must have as many values as xs (" +
                                                   std::to_string(xs_.size()) + ")",
                              std::to_string(ys_.size()) + " values");
    }
    validate();
    extreme_ = has_extreme_segment();
  }

  /// The value at x (a double).
  double value(double x) const {
    if (std::isnan(x)) {
      return x;
    }
    if (x <= xs_.front()) {
      return ys_.front();
    }
    if (x >= xs_.back()) {
      return ys_.back();
    }
    const auto hi = static_cast<std::size_t>(std::upper_bound(xs_.begin(), xs_.end(), x) -
                                             xs_.begin());
    const std::size_t lo = hi - 1;
    // Every table with ordinary numbers in it takes the textbook form, bit for bit as it always
    // has (the Vensim conformance tests compare lookups exactly); the test of one bool is all
    // that handling extreme tables costs them.
    if (!extreme_) {
      return ys_[lo] + (x - xs_[lo]) * (ys_[hi] - ys_[lo]) / (xs_[hi] - xs_[lo]);
    }
    return interpolate_extreme(lo, x);
  }

  /// The slope dy/dx of the piece value(x) is read from: 0 outside the table (and at its end
  /// points, where value() holds the end's y), the segment's rise over its run inside. At an
  /// inner point the segment to its right is the one value() uses. NaN for a NaN x.
  double slope(double x) const {
    if (std::isnan(x)) {
      return x;
    }
    if (x <= xs_.front() || x >= xs_.back()) {
      return 0.0;
    }
    const auto hi = static_cast<std::size_t>(std::upper_bound(xs_.begin(), xs_.end(), x) -
                                             xs_.begin());
    const std::size_t lo = hi - 1;
    if (!extreme_) {
      return (ys_[hi] - ys_[lo]) / (xs_[hi] - xs_[lo]);
    }
    // Halves keep an extreme segment's rise and run finite; their ratio is the slope.
    return (0.5 * ys_[hi] - 0.5 * ys_[lo]) / (0.5 * xs_[hi] - 0.5 * xs_[lo]);
  }

  /// The value at x for any scalar type (each lane of a SIMD pack looks up on its own; a
  /// scalar that carries derivatives takes the slope of the piece too).
  template <class T>
  T operator()(const T& x) const {
    return math::map([this](double v) { return value(v); }, [this](double v) { return slope(v); }, x);
  }

  const std::vector<double>& xs() const noexcept { return xs_; }
  const std::vector<double>& ys() const noexcept { return ys_; }
  std::size_t size() const noexcept { return xs_.size(); }

  /// The x values strictly inside (from, to), where the slope changes.
  void breakpoints(double from, double to, std::vector<double>& out) const {
    for (double x : xs_) {
      if (x > from && x < to) {
        out.push_back(x);
      }
    }
  }

 private:
  static constexpr double max_double = std::numeric_limits<double>::max();

  /// Whether some segment may defeat the textbook form y0 + (x - x0) (y1 - y0) / (x1 - x0):
  /// points more than the largest double apart in x or y (a difference is infinite), a rise
  /// (x - x0) (y1 - y0) that can overflow although the result is finite (1e100 * 1e250 on a
  /// segment 1e300 wide), or one that underflows to 0 or a subnormal on a segment whose
  /// (x1 - x0) |y1 - y0| is below 2^-900 (1e-300 wide and high). Set once, at construction.
  bool has_extreme_segment() const {
    for (std::size_t i = 1; i < xs_.size(); ++i) {
      const double dx = xs_[i] - xs_[i - 1];
      const double dy = std::fabs(ys_[i] - ys_[i - 1]);
      const double area = dx * dy;
      if (!(dx <= max_double && dy <= max_double && area <= max_double) ||
          (dy > 0.0 && area < 0x1p-900)) {
        return true;
      }
    }
    return false;
  }

  /// Segment lo at x in a table with an extreme segment. A segment the textbook form handles (its
  /// rise a normal number, or flat, and its width finite) gets it, so that the ordinary segments
  /// of such a table agree with ordinary tables. Otherwise the fraction f of the segment is
  /// formed first (from halves when the width overflows: halving is exact at these magnitudes),
  /// then y0 + f (y1 - y0), or (1 - f) y0 + f y1 when y1 - y0 overflows too; the result is kept
  /// between y0 and y1, where a straight segment lies. Out of line and cold, so that ordinary
  /// tables' value() stays as small as it was.
#if defined(__GNUC__)
  [[gnu::noinline, gnu::cold]]
#endif
  double interpolate_extreme(std::size_t lo, double x) const {
    const std::size_t hi = lo + 1;
    const double dx = xs_[hi] - xs_[lo];
    const double rise = (x - xs_[lo]) * (ys_[hi] - ys_[lo]);
    if ((std::isnormal(rise) || ys_[hi] == ys_[lo]) && dx <= max_double) {
      return ys_[lo] + rise / dx;
    }
    const double f = dx <= max_double ? (x - xs_[lo]) / dx
                                      : (0.5 * x - 0.5 * xs_[lo]) / (0.5 * xs_[hi] - 0.5 * xs_[lo]);
    const double y0 = ys_[lo];
    const double y1 = ys_[hi];
    const double dy = y1 - y0;
    const double y = std::fabs(dy) <= max_double ? y0 + f * dy : (1.0 - f) * y0 + f * y1;
    return std::clamp(y, std::min(y0, y1), std::max(y0, y1));
  }

  void validate() const {
    if (xs_.size() < 2) {
      throw invalid_parameter(component, "points", "must hold at least 2 points",
                              std::to_string(xs_.size()));
    }
    for (std::size_t i = 0; i < xs_.size(); ++i) {
      if (!std::isfinite(xs_[i]) || !std::isfinite(ys_[i])) {
        throw invalid_parameter(component, "point " + std::to_string(i), "must be finite",
                                "(" + detail::format_number(xs_[i]) + ", " +
                                    detail::format_number(ys_[i]) + ")");
      }
      if (i > 0 && !(xs_[i] > xs_[i - 1])) {
        throw invalid_parameter(component, "x", "must be strictly increasing",
                                detail::format_number(xs_[i]) + " after " +
                                    detail::format_number(xs_[i - 1]) + " (points " +
                                    std::to_string(i - 1) + " and " + std::to_string(i) + ")");
      }
    }
  }

  std::vector<double> xs_;
  std::vector<double> ys_;
  bool extreme_ = false;
};

}  // namespace goaldrift::sd

// Lookup tables (Vensim "lookups", Stella "graphical functions"): piecewise-linear, clamped ends.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
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
  }

  lookup(std::vector<double> xs, std::vector<double> ys) : xs_(std::move(xs)), ys_(std::move(ys)) {
    if (xs_.size() != ys_.size()) {
      throw invalid_parameter(component, "ys", "must have as many values as xs (" +
                                                   std::to_string(xs_.size()) + ")",
                              std::to_string(ys_.size()) + " values");
    }
    validate();
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
    return ys_[lo] + (x - xs_[lo]) * (ys_[hi] - ys_[lo]) / (xs_[hi] - xs_[lo]);
  }

  /// The value at x for any scalar type (each lane of a SIMD pack looks up on its own).
  template <class T>
  T operator()(const T& x) const {
    return math::map([this](double v) { return value(v); }, x);
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
};

}  // namespace goaldrift::sd

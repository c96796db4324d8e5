// A discrete choice among listed values with given weights, for scenario-like uncertain parameters.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/wide.hpp"

namespace goaldrift::distribution {

/// One of `values`, value i with probability weights[i] / sum(weights); no weights means equal
/// ones. Unlike the other distributions the data are private: the values are kept sorted, with
/// their weights, and the cumulative probabilities precomputed, so that quantile and cdf are
/// monotone and cost a binary search. Equal values may repeat; their weights add up.
class discrete {
 public:
  static constexpr const char* component = "goaldrift::distribution::discrete";

  discrete(std::vector<double> values, std::vector<double> weights = {})
      : values_(std::move(values)), weights_(std::move(weights)) {
    if (weights_.empty()) {
      weights_.assign(values_.size(), 1.0);
    }
    // Checked in the caller's order, so an error's index refers to what the caller wrote.
    validate();
    std::vector<std::size_t> order(values_.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [this](std::size_t i, std::size_t j) { return values_[i] < values_[j]; });
    std::vector<double> sorted_values;
    std::vector<double> sorted_weights;
    sorted_values.reserve(order.size());
    sorted_weights.reserve(order.size());
    for (std::size_t i : order) {
      sorted_values.push_back(values_[i]);
      sorted_weights.push_back(weights_[i]);
    }
    values_ = std::move(sorted_values);
    weights_ = std::move(sorted_weights);

    // Scaling by the largest weight first keeps the sum finite for any finite weights.
    const double largest = *std::max_element(weights_.begin(), weights_.end());
    double total = 0.0;
    cumulative_.reserve(weights_.size());
    for (double w : weights_) {
      total += w / largest;
      cumulative_.push_back(total);
    }
    probabilities_.reserve(weights_.size());
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      probabilities_.push_back(weights_[i] / largest / total);
      // The running sum after the last positive weight equals total, so this reaches exactly 1.
      cumulative_[i] /= total;
    }
  }

  void validate() const {
    if (values_.empty()) {
      throw invalid_parameter(component, "values", "must hold at least one value", "0");
    }
    if (weights_.size() != values_.size()) {
      throw invalid_parameter(
          component, "weights",
          "must have as many entries as values (" + std::to_string(values_.size()) + ")",
          std::to_string(weights_.size()));
    }
    bool any_positive = false;
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (!std::isfinite(values_[i])) {
        throw invalid_parameter(component, "values[" + std::to_string(i) + "]", "must be finite",
                                values_[i]);
      }
      if (!(std::isfinite(weights_[i]) && weights_[i] >= 0.0)) {
        throw invalid_parameter(component, "weights[" + std::to_string(i) + "]",
                                "must be non-negative and finite", weights_[i]);
      }
      any_positive = any_positive || weights_[i] > 0.0;
    }
    if (!any_positive) {
      throw invalid_parameter(component, "weights", "must have a positive sum", 0.0);
    }
  }

  /// The values in increasing order.
  const std::vector<double>& values() const noexcept { return values_; }
  /// The weights as given, in the order of values().
  const std::vector<double>& weights() const noexcept { return weights_; }
  /// The normalised weights, in the order of values(); they sum to 1 up to rounding.
  const std::vector<double>& probabilities() const noexcept { return probabilities_; }
  /// cumulative()[i] = P(X <= values()[i]); the last entry is exactly 1.
  const std::vector<double>& cumulative() const noexcept { return cumulative_; }
  std::size_t size() const noexcept { return values_.size(); }

 private:
  std::vector<double> values_;
  std::vector<double> weights_;
  std::vector<double> probabilities_;
  std::vector<double> cumulative_;
};

/// The smallest value whose cumulative probability reaches p. p = 0 gives the smallest value with
/// a positive weight (a zero-weight value is never drawn), p = 1 the largest such value.
inline double quantile(const discrete& d, double p) {
  goaldrift::detail::require_unit_interval(discrete::component, "p", p);
  const auto& cum = d.cumulative();
  const auto it = p == 0.0 ? std::upper_bound(cum.begin(), cum.end(), 0.0)
                           : std::lower_bound(cum.begin(), cum.end(), p);
  // cum ends in exactly 1, so `it` is never end(); the guard keeps a future change honest.
  const auto i = static_cast<std::size_t>(std::min(it, cum.end() - 1) - cum.begin());
  return d.values()[i];
}

/// P(X <= x), the total probability of the values not above x; NaN gives NaN.
inline double cdf(const discrete& d, double x) {
  if (std::isnan(x)) {
    return x;
  }
  const auto& vs = d.values();
  const auto k = static_cast<std::size_t>(std::upper_bound(vs.begin(), vs.end(), x) - vs.begin());
  return k == 0 ? 0.0 : d.cumulative()[k - 1];
}

inline double mean(const discrete& d) {
  double m = 0.0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    m += d.probabilities()[i] * d.values()[i];
  }
  return m;
}

/// Two passes (mean first) rather than E[X^2] - E[X]^2, which cancels for values far from zero.
/// +infinity only where the variance exceeds the largest double.
inline double variance(const discrete& d) {
  const double m = mean(d);
  double v = 0.0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double p = d.probabilities()[i];
    const double dev = d.values()[i] - m;
    if (std::fabs(dev) <= detail::largest) {
      v += p * dev * dev;
    } else {
      // A deviation beyond the largest double (values of opposite sign near it): in halves,
      // which also keeps a zero-weight value at 0 rather than 0 * inf = NaN.
      const double half = 0.5 * d.values()[i] - 0.5 * m;
      v += 4.0 * (p * half * half);
    }
  }
  return v;
}

}  // namespace goaldrift::distribution

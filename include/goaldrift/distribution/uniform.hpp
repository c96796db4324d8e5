// The uniform distribution on [lower, upper], for a parameter known only by its plausible range.
#pragma once

#include <algorithm>
#include <cmath>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/wide.hpp"

namespace goaldrift::distribution {

/// Every value in [lower, upper] equally likely: the honest choice when an expert can give a
/// range but no best guess. Sample it as quantile(d, u) with u uniform in (0, 1).
struct uniform {
  static constexpr const char* component = "goaldrift::distribution::uniform";

  double lower;
  double upper;

  uniform(double lower_bound, double upper_bound) : lower(lower_bound), upper(upper_bound) {
    validate();
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "lower", lower);
    goaldrift::detail::require_finite(component, "upper", upper);
    if (!(upper > lower)) {
      throw invalid_parameter(
          component, "upper",
          "must be greater than lower (" + goaldrift::detail::format_number(lower) + ")", upper);
    }
  }
};

/// The value below which a fraction p of the distribution lies; p = 0 and 1 give the bounds.
inline double quantile(const uniform& d, double p) {
  goaldrift::detail::require_unit_interval(uniform::component, "p", p);
  const double width = d.upper - d.lower;
  // The weighted form cannot overflow when the range spans more than the largest double.
  const double x = std::isfinite(width) ? d.lower + p * width : d.lower * (1.0 - p) + d.upper * p;
  return std::min(x, d.upper);
}

/// P(X <= x); NaN gives NaN.
inline double cdf(const uniform& d, double x) {
  if (std::isnan(x)) {
    return x;
  }
  if (x <= d.lower) {
    return 0.0;
  }
  if (x >= d.upper) {
    return 1.0;
  }
  return detail::fraction(d.lower, d.upper, x);
}

inline double mean(const uniform& d) { return 0.5 * d.lower + 0.5 * d.upper; }

/// (upper - lower)^2 / 12; +infinity only where that exceeds the largest double.
inline double variance(const uniform& d) {
  const double width = d.upper - d.lower;
  const double v = width * width / 12.0;
  if (v <= detail::largest) {
    return v;
  }
  const double w = detail::shrink(d.upper) - detail::shrink(d.lower);
  return detail::grow_square(w * w / 12.0);
}

}  // namespace goaldrift::distribution

// The triangular distribution, for a parameter given as (lowest, most likely, highest) estimates.
#pragma once

#include <algorithm>
#include <cmath>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"

namespace goaldrift::distribution {

/// Density rising linearly from lower to mode and falling to upper: the usual encoding of a
/// three-point expert estimate. mode may equal either bound (a right or left triangle).
struct triangular {
  static constexpr const char* component = "goaldrift::distribution::triangular";

  double lower;
  double mode;
  double upper;

  triangular(double lower_bound, double most_likely, double upper_bound)
      : lower(lower_bound), mode(most_likely), upper(upper_bound) {
    validate();
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "lower", lower);
    goaldrift::detail::require_finite(component, "mode", mode);
    goaldrift::detail::require_finite(component, "upper", upper);
    if (!(upper > lower)) {
      throw invalid_parameter(
          component, "upper",
          "must be greater than lower (" + goaldrift::detail::format_number(lower) + ")", upper);
    }
    if (!(mode >= lower && mode <= upper)) {
      throw invalid_parameter(component, "mode",
                              "must lie in [lower, upper] = [" +
                                  goaldrift::detail::format_number(lower) + ", " +
                                  goaldrift::detail::format_number(upper) + "]",
                              mode);
    }
  }
};

/// The closed-form inverse of cdf; p = 0 and 1 give the bounds.
inline double quantile(const triangular& d, double p) {
  goaldrift::detail::require_unit_interval(triangular::component, "p", p);
  const double width = d.upper - d.lower;
  const double at_mode = (d.mode - d.lower) / width;  // cdf(mode)
  const double x = p < at_mode ? d.lower + std::sqrt(p * width * (d.mode - d.lower))
                               : d.upper - std::sqrt((1.0 - p) * width * (d.upper - d.mode));
  return std::clamp(x, d.lower, d.upper);
}

/// P(X <= x); NaN gives NaN.
inline double cdf(const triangular& d, double x) {
  if (std::isnan(x)) {
    return x;
  }
  if (x <= d.lower) {
    return 0.0;
  }
  if (x >= d.upper) {
    return 1.0;
  }
  const double width = d.upper - d.lower;
  if (x <= d.mode) {
    return (x - d.lower) * (x - d.lower) / (width * (d.mode - d.lower));
  }
  return 1.0 - (d.upper - x) * (d.upper - x) / (width * (d.upper - d.mode));
}

inline double mean(const triangular& d) { return (d.lower + d.mode + d.upper) / 3.0; }

inline double variance(const triangular& d) {
  // The textbook (a^2 + b^2 + c^2 - ab - ac - bc) / 18, shifted to lower = 0: the unshifted form
  // cancels catastrophically for a narrow range far from zero.
  const double b = d.upper - d.lower;
  const double c = d.mode - d.lower;
  return (b * b + c * c - b * c) / 18.0;
}

}  // namespace goaldrift::distribution

// The triangular distribution, for a parameter given as (lowest, most likely, highest) estimates.
#pragma once

#include <algorithm>
#include <cmath>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/wide.hpp"

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

namespace detail {

/// The quantile of the triangle (lower, mode, upper) whose width upper - lower is finite. The
/// textbook form takes the square root of p (upper - lower) (mode - lower), a product that
/// overflows for a range wider than about 1e154 and underflows for one narrower than 1e-154
/// although the answer does neither; where it is not a normal number (an exact 0 included,
/// which gives the same answer either way) the root is taken of each factor, relative to the
/// width.
inline double triangular_quantile(double lower, double mode, double upper, double p) {
  const double width = upper - lower;
  const double at_mode = (mode - lower) / width;  // cdf(mode)
  if (p < at_mode) {
    const double area = p * width * (mode - lower);
    const double rise = std::isnormal(area) ? std::sqrt(area)
                                            : width * (std::sqrt(p) * std::sqrt(at_mode));
    return lower + rise;
  }
  const double area = (1.0 - p) * width * (upper - mode);
  const double fall = std::isnormal(area)
                          ? std::sqrt(area)
                          : width * (std::sqrt(1.0 - p) * std::sqrt((upper - mode) / width));
  return upper - fall;
}

/// The cdf of the triangle with finite width at x strictly inside it: a square over a product,
/// each of which can overflow or underflow on its own; then it is a product of two fractions.
inline double triangular_cdf(double lower, double mode, double upper, double x) {
  const double width = upper - lower;
  if (x <= mode) {
    const double rise = x - lower;
    const double square = rise * rise;
    const double base = width * (mode - lower);
    if (std::isnormal(square) && std::isnormal(base)) {
      return square / base;
    }
    return (rise / width) * (rise / (mode - lower));
  }
  const double fall = upper - x;
  const double square = fall * fall;
  const double base = width * (upper - mode);
  if (std::isnormal(square) && std::isnormal(base)) {
    return 1.0 - square / base;
  }
  return 1.0 - (fall / width) * (fall / (upper - mode));
}

}  // namespace detail

/// The closed-form inverse of cdf; p = 0 and 1 give the bounds. Bounds more than the largest
/// double apart are halved first (exact at that size) and the answer doubled.
inline double quantile(const triangular& d, double p) {
  goaldrift::detail::require_unit_interval(triangular::component, "p", p);
  const double x = d.upper - d.lower <= detail::largest
                       ? detail::triangular_quantile(d.lower, d.mode, d.upper, p)
                       : 2.0 * detail::triangular_quantile(0.5 * d.lower, 0.5 * d.mode,
                                                           0.5 * d.upper, p);
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
  const double c = d.upper - d.lower <= detail::largest
                       ? detail::triangular_cdf(d.lower, d.mode, d.upper, x)
                       : detail::triangular_cdf(0.5 * d.lower, 0.5 * d.mode, 0.5 * d.upper,
                                                0.5 * x);
  return std::clamp(c, 0.0, 1.0);
}

/// (lower + mode + upper) / 3, each third taken first where the sum overflows.
inline double mean(const triangular& d) {
  const double m = (d.lower + d.mode + d.upper) / 3.0;
  if (std::fabs(m) <= detail::largest) {
    return m;
  }
  return d.lower / 3.0 + d.mode / 3.0 + d.upper / 3.0;
}

/// The variance; +infinity only where it exceeds the largest double.
inline double variance(const triangular& d) {
  // The textbook (a^2 + b^2 + c^2 - ab - ac - bc) / 18, shifted to lower = 0: the unshifted form
  // cancels catastrophically for a narrow range far from zero.
  const double b = d.upper - d.lower;
  const double c = d.mode - d.lower;
  const double v = (b * b + c * c - b * c) / 18.0;
  if (v <= detail::largest) {
    return v;
  }
  // inf - inf is NaN, which fails the test above too.
  const double sb = detail::shrink(d.upper) - detail::shrink(d.lower);
  const double sc = detail::shrink(d.mode) - detail::shrink(d.lower);
  return detail::grow_square((sb * sb + sc * sc - sb * sc) / 18.0);
}

}  // namespace goaldrift::distribution

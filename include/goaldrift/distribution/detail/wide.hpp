// Arithmetic on bounds and locations that are finite but whose differences may overflow a double.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "../../error.hpp"

namespace goaldrift::distribution::detail {

/// Every distribution takes any finite bounds and location, so upper - lower, x - mean and
/// sd * z can exceed the largest double although the quantity asked for does not: uniform on
/// [-1e308, 1e308] has cdf(0) = 1/2, but 1e308 / (1e308 - -1e308) is 1e308 / inf = 0. Each
/// helper below computes the ordinary expression, bit for bit as before, whenever it is finite,
/// and only otherwise takes the same step in halves (halving is exact at these magnitudes, and
/// 0.5 a - 0.5 b cannot overflow).
constexpr double largest = std::numeric_limits<double>::max();

/// (x - from) / (to - from): where x lies between two bounds, as a fraction of their distance.
inline double fraction(double from, double to, double x) {
  const double width = to - from;
  if (std::fabs(width) <= largest) {
    return (x - from) / width;
  }
  return (0.5 * x - 0.5 * from) / (0.5 * to - 0.5 * from);
}

/// The point a fraction f of the way from lower to upper, given f and 1 - f (a quantile often
/// has both, each to full precision): it is measured from the nearer end, so that a point next
/// to upper keeps the precision of 1 - f.
inline double point_between(double lower, double upper, double f, double one_minus_f) {
  const double width = upper - lower;
  if (width <= largest) {
    return f <= 0.5 ? lower + width * f : upper - width * one_minus_f;
  }
  const double half = 0.5 * upper - 0.5 * lower;
  return f <= 0.5 ? lower + half * (2.0 * f) : upper - half * (2.0 * one_minus_f);
}

/// (x - mean) / sd, in standard units; +/-infinity only where the quotient itself overflows.
inline double standardize(double x, double mean, double sd) {
  const double offset = x - mean;
  if (!(std::fabs(offset) > largest)) {  // NaN passes through
    return offset / sd;
  }
  return 2.0 * ((0.5 * x - 0.5 * mean) / sd);
}

/// mean + sd * z, back from standard units; +/-infinity only where the result overflows.
inline double unstandardize(double mean, double sd, double z) {
  const double x = mean + sd * z;
  if (std::fabs(x) <= largest || !std::isfinite(z)) {
    return x;
  }
  return 2.0 * (0.5 * mean + (0.5 * sd) * z);
}

/// Variances of ranges wider than about 1e154 square numbers beyond the largest double, so they
/// are computed from bounds scaled by 2^-600 (exact above 1e-127, and what lies below is lost in
/// the sum anyway) and scaled back by 2^1200, which overflows only where the variance does.
constexpr int variance_shift = 600;

inline double shrink(double x) { return std::ldexp(x, -variance_shift); }

inline double grow_square(double v) { return std::ldexp(v, 2 * variance_shift); }

/// For p strictly inside (0, 1) a quantile beyond the largest double is no value a part can use
/// (p = 0 or 1 may give an infinite bound by definition). It is refused naming p, an
/// invalid_parameter, so that a study reports the member that drew it against this distribution
/// instead of passing infinity to a part that would then be blamed. `distribution` describes it
/// with its parameters, as "normal(1e308, 1e308)".
[[noreturn]] inline void refuse_overflowing_quantile(const char* component, double p,
                                                     const std::string& distribution) {
  throw invalid_parameter(component, "p",
                          "must give a quantile of " + distribution +
                              " within the largest double (1.8e308)",
                          p);
}

}  // namespace goaldrift::distribution::detail

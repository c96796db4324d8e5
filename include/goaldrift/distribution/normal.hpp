// The normal (Gaussian) distribution, for a parameter known as an estimate and a standard error.
#pragma once

#include <cmath>

#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/standard_normal.hpp"

namespace goaldrift::distribution {

/// Normal with the given mean and standard deviation. Its support is unbounded, so a parameter
/// that must stay positive (a time constant) is better drawn from lognormal or truncated_normal.
struct normal {
  static constexpr const char* component = "goaldrift::distribution::normal";

  double mean;
  double sd;

  normal(double mu, double sigma) : mean(mu), sd(sigma) { validate(); }

  void validate() const {
    goaldrift::detail::require_finite(component, "mean", mean);
    goaldrift::detail::require_positive(component, "sd", sd);
  }
};

/// The value below which a fraction p lies; p = 0 and 1 give -inf and +inf.
inline double quantile(const normal& d, double p) {
  goaldrift::detail::require_unit_interval(normal::component, "p", p);
  return d.mean + d.sd * detail::normal_cdf_inverse(p);
}

/// P(X <= x); NaN gives NaN, -inf 0 and +inf 1.
inline double cdf(const normal& d, double x) { return detail::normal_cdf((x - d.mean) / d.sd); }

inline double mean(const normal& d) { return d.mean; }

inline double variance(const normal& d) { return d.sd * d.sd; }

}  // namespace goaldrift::distribution

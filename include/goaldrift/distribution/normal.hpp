// The normal (Gaussian) distribution, for a parameter known as an estimate and a standard error.
#pragma once

#include <cmath>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/standard_normal.hpp"
#include "detail/wide.hpp"

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

/// The value below which a fraction p lies; p = 0 and 1 give -inf and +inf. Any other p whose
/// quantile lies beyond the largest double (normal(1e308, 1e308) at p = 0.99) is refused, an
/// invalid_parameter naming p.
inline double quantile(const normal& d, double p) {
  goaldrift::detail::require_unit_interval(normal::component, "p", p);
  const double x = detail::unstandardize(d.mean, d.sd, detail::normal_cdf_inverse(p));
  if (!std::isfinite(x) && p > 0.0 && p < 1.0) {
    detail::refuse_overflowing_quantile(normal::component, p,
                                        "normal(" + goaldrift::detail::format_number(d.mean) +
                                            ", " + goaldrift::detail::format_number(d.sd) + ")");
  }
  return x;
}

/// P(X <= x); NaN gives NaN, -inf 0 and +inf 1.
inline double cdf(const normal& d, double x) {
  return detail::normal_cdf(detail::standardize(x, d.mean, d.sd));
}

inline double mean(const normal& d) { return d.mean; }

/// sd^2; +infinity where that exceeds the largest double (an sd above 1.3e154).
inline double variance(const normal& d) { return d.sd * d.sd; }

}  // namespace goaldrift::distribution

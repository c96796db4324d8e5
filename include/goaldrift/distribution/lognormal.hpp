// The lognormal distribution, for positive parameters (times, rates) with a multiplicative spread.
#pragma once

#include <cmath>
#include <limits>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/standard_normal.hpp"

namespace goaldrift::distribution {

/// X = exp(Y) with Y normal(log_mean, log_sd). The fields are the parameters of Y because that is
/// how the literature states them; from_mean_sd builds one from the mean and standard deviation
/// of X itself, which is how a modeller usually knows a parameter.
struct lognormal {
  static constexpr const char* component = "goaldrift::distribution::lognormal";

  double log_mean;
  double log_sd;

  lognormal(double mu, double sigma) : log_mean(mu), log_sd(sigma) { validate(); }

  /// The lognormal whose own mean and standard deviation are `mean` and `sd`:
  /// log_sd^2 = ln(1 + sd^2 / mean^2), log_mean = ln(mean) - log_sd^2 / 2.
  static lognormal from_mean_sd(double mean, double sd) {
    goaldrift::detail::require_positive(component, "mean", mean);
    goaldrift::detail::require_positive(component, "sd", sd);
    const double ratio = sd / mean;
    const double log_variance = std::log1p(ratio * ratio);
    // Only a ratio beyond about 1e154 either way leaves log_sd zero or infinite.
    if (!(log_variance > 0.0) || !std::isfinite(log_variance)) {
      throw invalid_parameter(
          component, "sd",
          "must be within a factor 1e150 of mean (" + goaldrift::detail::format_number(mean) + ")",
          sd);
    }
    return lognormal(std::log(mean) - 0.5 * log_variance, std::sqrt(log_variance));
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "log_mean", log_mean);
    goaldrift::detail::require_positive(component, "log_sd", log_sd);
  }
};

/// The value below which a fraction p lies; p = 0 gives 0 and p = 1 gives +inf.
inline double quantile(const lognormal& d, double p) {
  goaldrift::detail::require_unit_interval(lognormal::component, "p", p);
  if (p == 0.0) {
    return 0.0;
  }
  return std::exp(d.log_mean + d.log_sd * detail::normal_cdf_inverse(p));
}

/// P(X <= x); 0 for x <= 0, NaN for NaN.
inline double cdf(const lognormal& d, double x) {
  if (std::isnan(x)) {
    return x;
  }
  if (x <= 0.0) {
    return 0.0;
  }
  return detail::normal_cdf((std::log(x) - d.log_mean) / d.log_sd);
}

inline double mean(const lognormal& d) { return std::exp(d.log_mean + 0.5 * d.log_sd * d.log_sd); }

inline double variance(const lognormal& d) {
  const double s2 = d.log_sd * d.log_sd;
  // expm1 keeps the relative precision for a small log_sd, where exp(s2) - 1 would cancel.
  return std::expm1(s2) * std::exp(2.0 * d.log_mean + s2);
}

}  // namespace goaldrift::distribution

// The lognormal distribution, for positive parameters (times, rates) with a multiplicative spread.
#pragma once

#include <cmath>
#include <limits>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/standard_normal.hpp"
#include "detail/wide.hpp"

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

  /// The largest and smallest log_mean whose median exp(log_mean) is a finite, normal double:
  /// with a log_mean beyond them most quantiles would be +infinity or 0.
  static constexpr double max_log_mean = 709.782712893384;   // ln(1.7976931348623157e308)
  static constexpr double min_log_mean = -708.3964185322641;  // ln(2.2250738585072014e-308)

  void validate() const {
    goaldrift::detail::require_finite(component, "log_mean", log_mean);
    if (!(log_mean >= min_log_mean && log_mean <= max_log_mean)) {
      throw invalid_parameter(component, "log_mean",
                              "must lie in [-708.4, 709.78], so that the median exp(log_mean) is "
                              "a finite, normal double",
                              log_mean);
    }
    goaldrift::detail::require_positive(component, "log_sd", log_sd);
  }
};

/// The value below which a fraction p lies; p = 0 gives 0 and p = 1 gives +inf. Any other p whose
/// quantile lies beyond the largest double (lognormal(0, 1e300) at p = 0.6) is refused, an
/// invalid_parameter naming p; one below the smallest positive double rounds to 0.
inline double quantile(const lognormal& d, double p) {
  goaldrift::detail::require_unit_interval(lognormal::component, "p", p);
  if (p == 0.0) {
    return 0.0;
  }
  const double x = std::exp(d.log_mean + d.log_sd * detail::normal_cdf_inverse(p));
  if (!std::isfinite(x) && p < 1.0) {
    detail::refuse_overflowing_quantile(lognormal::component, p,
                                        "lognormal(" +
                                            goaldrift::detail::format_number(d.log_mean) + ", " +
                                            goaldrift::detail::format_number(d.log_sd) + ")");
  }
  return x;
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

/// exp(log_mean + log_sd^2 / 2); +infinity where that exceeds the largest double (for
/// lognormal(0, 37.7), say).
inline double mean(const lognormal& d) { return std::exp(d.log_mean + 0.5 * d.log_sd * d.log_sd); }

/// +infinity where the variance exceeds the largest double.
inline double variance(const lognormal& d) {
  const double s2 = d.log_sd * d.log_sd;
  // expm1 keeps the relative precision for a small log_sd, where exp(s2) - 1 would cancel.
  return std::expm1(s2) * std::exp(2.0 * d.log_mean + s2);
}

}  // namespace goaldrift::distribution

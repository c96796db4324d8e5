// The statistics a calibration reports beside its estimates: quantiles for intervals and tests
// of the residuals' independence.
#pragma once

#include "../../config.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace goaldrift::calibration::detail {

/// The two-sided quantile for a confidence level: z (known error scale) or Student's t with
/// `dof` degrees of freedom (estimated scale; dof 0 for the normal).
inline double two_sided_quantile(double level, double dof) {
  const double p = 0.5 + 0.5 * level;
  if (dof > 0.0) return boost::math::quantile(boost::math::students_t(dof), p);
  return boost::math::quantile(boost::math::normal(), p);
}

/// The chi-squared quantile with `dof` degrees of freedom at probability `p`.
inline double chi_squared_quantile(double dof, double p) {
  return boost::math::quantile(boost::math::chi_squared(dof), p);
}

/// P(X > x) for X chi-squared with `dof` degrees of freedom.
inline double chi_squared_upper_tail(double dof, double x) {
  if (!(x > 0.0)) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(dof), x));
}

/// Tests of a residual series' independence (residuals in time order, gaps closed up).
struct independence {
  double lag1 = std::numeric_limits<double>::quiet_NaN();           // lag-1 autocorrelation
  double durbin_watson = std::numeric_limits<double>::quiet_NaN();  // about 2 (1 - lag1)
  double ljung_box = std::numeric_limits<double>::quiet_NaN();      // Q over `lags` lags
  std::size_t lags = 0;
  double p_value = std::numeric_limits<double>::quiet_NaN();        // of Q against chi-squared(lags)
};

/// The autocorrelation at `lag` of e about its mean (the standard biased estimator).
inline double autocorrelation(const std::vector<double>& e, std::size_t lag) {
  const std::size_t n = e.size();
  double mean = 0.0;
  for (double v : e) mean += v;
  mean /= static_cast<double>(n);
  double denominator = 0.0;
  for (double v : e) denominator += (v - mean) * (v - mean);
  if (!(denominator > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  double numerator = 0.0;
  for (std::size_t i = lag; i < n; ++i) numerator += (e[i] - mean) * (e[i - lag] - mean);
  return numerator / denominator;
}

/// Lag-1 autocorrelation, Durbin-Watson and the Ljung-Box test over min(10, n / 5) lags; NaN
/// where the series is too short (fewer than 4 residuals, or no lags).
inline independence test_independence(const std::vector<double>& e) {
  independence out;
  const std::size_t n = e.size();
  if (n < 4) return out;
  out.lag1 = autocorrelation(e, 1);
  double squares = 0.0;
  double differences = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    squares += e[i] * e[i];
    if (i > 0) differences += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
  }
  if (squares > 0.0) out.durbin_watson = differences / squares;
  out.lags = std::min<std::size_t>(10, n / 5);
  if (out.lags == 0) return out;
  double q = 0.0;
  for (std::size_t k = 1; k <= out.lags; ++k) {
    const double r = autocorrelation(e, k);
    q += r * r / static_cast<double>(n - k);
  }
  out.ljung_box = static_cast<double>(n) * static_cast<double>(n + 2) * q;
  if (std::isfinite(out.ljung_box)) out.p_value = chi_squared_upper_tail(static_cast<double>(out.lags), out.ljung_box);
  return out;
}

}  // namespace goaldrift::calibration::detail

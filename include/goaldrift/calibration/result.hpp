// What a calibration found: estimates with standard errors and intervals, the error scales,
// the starts, tests of the residuals, and notes on what the numbers cannot be trusted for.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "../io/text.hpp"
#include "../trajectory.hpp"

namespace goaldrift::calibration {

namespace detail {
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace detail

/// One fitted parameter.
struct parameter_estimate {
  std::string path;
  double estimate = detail::nan;
  /// The asymptotic standard error, sqrt of the diagonal of the inverse Fisher information
  /// (J^T J, scaled); NaN when the parameter is not identifiable from the data.
  double standard_error = detail::nan;
  /// estimate -/+ q standard_error, q from Student's t with n - k degrees of freedom when the
  /// error scale is estimated, from the normal otherwise.
  double low = detail::nan;
  double high = detail::nan;
  /// The likelihood-ratio (profile) interval: where -2 log L, re-minimised over the other
  /// parameters, has risen by the chi-squared(1) quantile of the level. NaN when not profiled.
  double profile_low = detail::nan;
  double profile_high = detail::nan;
  /// True when the profile stayed below the threshold up to the bound: the interval is open
  /// there (the data do not rule out the bound or beyond).
  bool profile_low_at_bound = false;
  bool profile_high_at_bound = false;
  double lower_bound = -std::numeric_limits<double>::infinity();
  double upper_bound = std::numeric_limits<double>::infinity();
  /// True when the estimate lies on a bound (standard errors then assume what is not so).
  bool at_bound = false;
  /// False when the data cannot tell this parameter from others (a flat direction).
  bool identifiable = true;
};

/// One start of the multi-start search.
struct start_result {
  std::vector<double> from;
  std::vector<double> to;
  /// -2 log L where it ended (NaN when it failed).
  double deviance = detail::nan;
  int iterations = 0;
  bool converged = false;
  /// Ceres' account of how it ended, or why it failed.
  std::string message;
};

/// One observed series and how the fit meets it.
struct series_fit {
  std::string variable;
  /// Observations used (not missing).
  std::size_t count = 0;
  /// The error scale: given, or estimated (sigma / sqrt(weight), sigma by maximum likelihood,
  /// shared or the series' own).
  double error_scale = detail::nan;
  bool estimated_scale = true;
  double weight = 1.0;
  /// The sum of squared errors (model - observed), unweighted.
  double sum_of_squares = detail::nan;
  /// Times, observed and fitted values and residuals (observed - fitted) of the values used.
  std::vector<double> times;
  std::vector<double> observed;
  std::vector<double> fitted;
  std::vector<double> residuals;
  /// Independence of the residuals in time order.
  double lag1_autocorrelation = detail::nan;
  double durbin_watson = detail::nan;
  double ljung_box = detail::nan;
  std::size_t ljung_box_lags = 0;
  double ljung_box_p = detail::nan;
};

/// The result of calibration::calibrate.
class result {
 public:
  static constexpr const char* component = "goaldrift::calibration::result";

  std::vector<parameter_estimate> parameters;
  /// Correlations of the estimates (k x k, row-major); NaN rows for parameters that are not
  /// identifiable.
  std::vector<double> correlation;
  std::vector<series_fit> series;
  std::vector<start_result> starts;
  /// The start whose fit is reported (the lowest -2 log L; the earliest of equals).
  std::size_t best_start = 0;
  /// How many starts ended within 1e-6 (relative) of the best -2 log L.
  std::size_t starts_at_best = 0;
  double log_likelihood = detail::nan;
  /// 2 (k + scales) - 2 log L, counting each estimated error scale as a parameter.
  double aic = detail::nan;
  /// The number of values fitted, and of quantities estimated (the parameters and each
  /// estimated error scale).
  std::size_t observations = 0;
  std::size_t estimated = 0;
  double level = 0.95;
  /// The fitted model's trajectory over the whole run (simulate() at the estimates).
  goaldrift::trajectory fitted_trajectory;
  /// Why numbers should not be trusted as they stand, in plain words.
  std::vector<std::string> notes;
  /// "euler" or "rk4", and "automatic" or "numeric".
  std::string method;
  std::string derivatives;

  /// The estimate of the parameter at `path`.
  const parameter_estimate& at(std::string_view path) const {
    for (const auto& p : parameters) {
      if (p.path == path) return p;
    }
    std::string have;
    for (const auto& p : parameters) have += (have.empty() ? "" : ", ") + p.path;
    throw invalid_parameter(component, "path", "must name a fitted parameter (" + have + ")", io::quote_excerpt(path));
  }
  double value(std::string_view path) const { return at(path).estimate; }
  /// The correlation of the estimates of two fitted parameters.
  double correlation_of(std::string_view a, std::string_view b) const {
    return correlation[index(a) * parameters.size() + index(b)];
  }
  /// The fitted values in order of each estimate, as calibrate took them.
  std::vector<double> estimates() const {
    std::vector<double> out;
    for (const auto& p : parameters) out.push_back(p.estimate);
    return out;
  }

  /// A table of the estimates, the fit's statistics and its notes.
  void print(std::ostream& os) const {
    const int pct = static_cast<int>(std::lround(level * 100.0));
    std::size_t width = 9;
    for (const auto& p : parameters) width = std::max(width, p.path.size());
    os << "Fitted " << parameters.size() << (parameters.size() == 1 ? " parameter" : " parameters") << " to "
       << observations << " observations (" << method << ", " << derivatives << " derivatives)\n";
    os << pad("parameter", width) << "  " << pad("estimate", 11) << "  " << pad("std. error", 11) << "  "
       << pad(std::to_string(pct) + "% asymptotic", 24) << "  " << std::to_string(pct) << "% profile\n";
    for (const auto& p : parameters) {
      os << pad(p.path, width) << "  " << pad(number(p.estimate), 11) << "  "
         << pad(p.identifiable ? number(p.standard_error) : "n/a", 11) << "  "
         << pad(p.identifiable ? interval(p.low, p.high, false, false) : "not identifiable", 24) << "  "
         << (std::isnan(p.profile_low) && std::isnan(p.profile_high)
                 ? std::string(p.identifiable ? "-" : "not identifiable")
                 : interval(p.profile_low, p.profile_high, p.profile_low_at_bound, p.profile_high_at_bound))
         << (p.at_bound ? "  (on a bound)" : "") << "\n";
    }
    for (const auto& s : series) {
      os << "error scale of " << s.variable << ": " << number(s.error_scale) << (s.estimated_scale ? " (estimated)" : " (given)")
         << "; residuals: lag-1 autocorrelation " << number(s.lag1_autocorrelation);
      if (s.ljung_box_lags > 0) {
        os << ", Ljung-Box p = " << number(s.ljung_box_p) << " (" << s.ljung_box_lags << " lags)";
      }
      os << "\n";
    }
    os << "log-likelihood " << number(log_likelihood) << ", AIC " << number(aic) << " (" << estimated << " estimated)\n";
    os << "best of " << starts.size() << (starts.size() == 1 ? " start" : " starts") << ": start " << best_start + 1 << "; "
       << starts_at_best << " of " << starts.size() << " reached the best fit\n";
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      for (std::size_t j = i + 1; j < parameters.size(); ++j) {
        const double r = correlation[i * parameters.size() + j];
        if (std::fabs(r) >= 0.9) {
          os << "correlation of " << parameters[i].path << " and " << parameters[j].path << ": " << number(r) << "\n";
        }
      }
    }
    for (const auto& n : notes) os << "note: " << n << "\n";
  }

 private:
  std::size_t index(std::string_view path) const {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].path == path) return i;
    }
    (void)at(path);  // throws, naming the fitted parameters
    return 0;
  }
  static std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
  }
  static std::string number(double v) {
    if (std::isnan(v)) return "NaN";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
  }
  static std::string interval(double lo, double hi, bool lo_open, bool hi_open) {
    return std::string(lo_open ? "(" : "[") + number(lo) + ", " + number(hi) + (hi_open ? ")" : "]");
  }
};

inline std::ostream& operator<<(std::ostream& os, const result& r) {
  r.print(os);
  return os;
}

}  // namespace goaldrift::calibration

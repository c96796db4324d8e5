// The normal distribution restricted to [lower, upper], for a Gaussian belief about a bounded one.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/standard_normal.hpp"
#include "detail/wide.hpp"

namespace goaldrift::distribution {

namespace detail {

/// The truncation interval in standard units, [a, b] = ([lower, upper] - mean) / sd, with its
/// probability under the standard normal. The probability is a difference of two cdf values, and
/// which two decides whether it has any correct digits: far in the upper tail Phi(b) - Phi(a) is
/// 1 - 1 = 0, while Q(a) - Q(b) (Q = 1 - Phi) keeps full precision, and near the mean erf keeps
/// precision that Phi (close to 1/2) loses. So each interval picks one of three coordinates.
struct truncation {
  enum class coordinate { lower_tail, centre, upper_tail };

  double a;
  double b;
  coordinate where;
  double mass;

  truncation(double mean, double sd, double lower, double upper)
      : a(standardize(lower, mean, sd)), b(standardize(upper, mean, sd)) {
    if (a >= 1.0) {
      where = coordinate::upper_tail;
      mass = normal_survival(a) - normal_survival(b);
    } else if (b <= -1.0) {
      where = coordinate::lower_tail;
      mass = normal_cdf(b) - normal_cdf(a);
    } else {
      where = coordinate::centre;
      mass = 0.5 * (erf(b / root_two) - erf(a / root_two));
    }
  }

  static constexpr double root_two = 1.4142135623730950488;

  /// The standard-normal z whose truncated cdf is p, in (a, b) up to rounding.
  double quantile(double p) const {
    switch (where) {
      case coordinate::upper_tail:
        // Q(z) = Q(a) - p * mass, written as a sum of two non-negative terms: no cancellation.
        return normal_survival_inverse((1.0 - p) * normal_survival(a) + p * normal_survival(b));
      case coordinate::lower_tail:
        return normal_cdf_inverse((1.0 - p) * normal_cdf(a) + p * normal_cdf(b));
      case coordinate::centre:
        break;
    }
    const double t = erf(a / root_two) + 2.0 * p * mass;  // erf(z / sqrt 2)
    if (std::fabs(t) <= 0.5) {
      return root_two * erf_inverse(t);
    }
    // erf_inv is ill-conditioned near +/-1; there the tail probability itself is the accurate
    // coordinate.
    if (t > 0.0) {
      return normal_survival_inverse(normal_survival(b) + (1.0 - p) * mass);
    }
    return normal_cdf_inverse(normal_cdf(a) + p * mass);
  }

  /// The truncated cdf at standard-normal z in [a, b].
  double cdf(double z) const {
    switch (where) {
      case coordinate::upper_tail:
        return (normal_survival(a) - normal_survival(z)) / mass;
      case coordinate::lower_tail:
        return (normal_cdf(z) - normal_cdf(a)) / mass;
      case coordinate::centre:
        break;
    }
    return 0.5 * (erf(z / root_two) - erf(a / root_two)) / mass;
  }
};

/// z * pdf(z), which is 0 at the infinite ends (where the product would read inf * 0 = NaN).
inline double z_pdf(double z) { return std::isinf(z) ? 0.0 : z * normal_pdf(z); }

/// Mean and variance of the standard normal restricted to [a, b], in standard units.
struct standard_moments {
  double mean;
  double variance;
};

/// The closed forms for the moments subtract terms of order 1 (or a^2 in a tail) to leave a
/// variance of order (b - a)^2, so for a narrow interval they lose every digit: at b - a = 2e-6
/// only three remain. There the density, exp(-c t - t^2 / 2) about the midpoint c, is nearly
/// flat, and 20-point Gauss-Legendre integrates it to full precision with no subtraction.
inline bool is_narrow(double a, double b) {
  const double half = 0.5 * (b - a);
  return half <= 1.0 && std::fabs(0.5 * (a + b)) * half <= 2.0;
}

inline standard_moments narrow_moments(double a, double b) {
  // Nodes and weights of 20-point Gauss-Legendre on [-1, 1], positive half.
  static constexpr double node[10] = {0.99312859918509492479, 0.96397192727791379127,
                                      0.91223442825132590587, 0.83911697182221882339,
                                      0.74633190646015079261, 0.63605368072651502545,
                                      0.51086700195082709800, 0.37370608871541956067,
                                      0.22778585114164507808, 0.076526521133497333755};
  static constexpr double weight[10] = {0.017614007139152118312, 0.040601429800386941331,
                                        0.06267204833410906357,  0.083276741576704748725,
                                        0.10193011981724043504,  0.11819453196151841731,
                                        0.1316886384491766269,   0.14209610931838205133,
                                        0.14917298647260374679,  0.1527533871307258507};
  const double c = 0.5 * (a + b);
  const double half = 0.5 * (b - a);
  double t[20];
  double g[20];
  double total = 0.0;
  double first = 0.0;
  for (int i = 0; i < 10; ++i) {
    for (int side = 0; side < 2; ++side) {
      const int k = 2 * i + side;
      t[k] = (side == 0 ? -half : half) * node[i];
      g[k] = weight[i] * std::exp(-c * t[k] - 0.5 * t[k] * t[k]);
      total += g[k];
      first += g[k] * t[k];
    }
  }
  const double shift = first / total;
  double second = 0.0;
  for (int k = 0; k < 20; ++k) {
    second += g[k] * (t[k] - shift) * (t[k] - shift);
  }
  return {c + shift, second / total};
}

/// The moments from the closed forms, with mass the probability of [a, b]:
/// mean = (pdf(a) - pdf(b)) / mass, variance = 1 + (a pdf(a) - b pdf(b)) / mass - mean^2.
inline standard_moments moments(const truncation& t) {
  if (is_narrow(t.a, t.b)) {
    return narrow_moments(t.a, t.b);
  }
  const double shift = (normal_pdf(t.a) - normal_pdf(t.b)) / t.mass;
  const double spread = (z_pdf(t.a) - z_pdf(t.b)) / t.mass;
  // Far in a tail the terms nearly cancel (a relative error near 1e-12 at 8 sd, 1e-10 at 37);
  // rounding must not make the result negative.
  return {shift, std::max(0.0, 1.0 + spread - shift * shift)};
}

}  // namespace detail

/// A normal(mean, sd) conditioned on lying in [lower, upper]; either bound may be infinite. mean
/// and sd are those of the untruncated normal, not of the result (see mean() and variance()).
/// The interval may lie far in a tail: truncated_normal(0, 1, 8, 9) has probability 6e-16 before
/// truncation and still samples correctly, but an interval whose probability is below the
/// smallest normal double (from about 37.5 sd out) is refused: its shape can no longer be
/// computed.
struct truncated_normal {
  static constexpr const char* component = "goaldrift::distribution::truncated_normal";

  double mean;
  double sd;
  double lower;
  double upper;

  truncated_normal(double mu, double sigma, double lower_bound, double upper_bound)
      : mean(mu), sd(sigma), lower(lower_bound), upper(upper_bound) {
    validate();
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "mean", mean);
    goaldrift::detail::require_positive(component, "sd", sd);
    if (std::isnan(lower)) {
      throw invalid_parameter(component, "lower", "must be a number or -inf", lower);
    }
    if (std::isnan(upper)) {
      throw invalid_parameter(component, "upper", "must be a number or +inf", upper);
    }
    if (!(upper > lower)) {
      throw invalid_parameter(
          component, "upper",
          "must be greater than lower (" + goaldrift::detail::format_number(lower) + ")", upper);
    }
    const detail::truncation t(mean, sd, lower, upper);
    // Below the smallest normal double the probability keeps too few bits to give a shape.
    if (!(t.mass >= std::numeric_limits<double>::min())) {
      // Name the bound nearer the mean: it is the one that decides the probability.
      const bool above = t.where == detail::truncation::coordinate::upper_tail;
      throw invalid_parameter(component, above ? "lower" : "upper",
                              "must leave [lower, upper] = [" +
                                  goaldrift::detail::format_number(lower) + ", " +
                                  goaldrift::detail::format_number(upper) +
                                  "] a probability of at least 2.2e-308 under normal(" +
                                  goaldrift::detail::format_number(mean) + ", " +
                                  goaldrift::detail::format_number(sd) + ")",
                              above ? lower : upper);
    }
  }
};

/// The value below which a fraction p lies; p = 0 and 1 give lower and upper. With an infinite
/// bound, a p whose quantile lies beyond the largest double (truncated_normal(0, 1e308, 0, inf)
/// at p = 0.95, 1.96e308) is refused, an invalid_parameter naming p.
inline double quantile(const truncated_normal& d, double p) {
  goaldrift::detail::require_unit_interval(truncated_normal::component, "p", p);
  if (p == 0.0) {
    return d.lower;
  }
  if (p == 1.0) {
    return d.upper;
  }
  const detail::truncation t(d.mean, d.sd, d.lower, d.upper);
  const double x = std::clamp(detail::unstandardize(d.mean, d.sd, t.quantile(p)), d.lower, d.upper);
  if (!std::isfinite(x)) {
    detail::refuse_overflowing_quantile(
        truncated_normal::component, p,
        "truncated_normal(" + goaldrift::detail::format_number(d.mean) + ", " +
            goaldrift::detail::format_number(d.sd) + ", " +
            goaldrift::detail::format_number(d.lower) + ", " +
            goaldrift::detail::format_number(d.upper) + ")");
  }
  return x;
}

/// P(X <= x); NaN gives NaN.
inline double cdf(const truncated_normal& d, double x) {
  if (std::isnan(x)) {
    return x;
  }
  if (x <= d.lower) {
    return 0.0;
  }
  if (x >= d.upper) {
    return 1.0;
  }
  const detail::truncation t(d.mean, d.sd, d.lower, d.upper);
  return std::clamp(t.cdf(detail::standardize(x, d.mean, d.sd)), 0.0, 1.0);
}

/// The mean of the truncated distribution (not the field `mean`, which is the untruncated one).
inline double mean(const truncated_normal& d) {
  const auto m = detail::moments(detail::truncation(d.mean, d.sd, d.lower, d.upper));
  return std::clamp(detail::unstandardize(d.mean, d.sd, m.mean), d.lower, d.upper);
}

/// The variance; +infinity only where it exceeds the largest double.
inline double variance(const truncated_normal& d) {
  const auto m = detail::moments(detail::truncation(d.mean, d.sd, d.lower, d.upper));
  const double v = d.sd * d.sd * m.variance;
  // sd^2 overflows from sd = 1.3e154 although a narrow truncation keeps the variance small
  return v <= detail::largest ? v : d.sd * (d.sd * m.variance);
}

}  // namespace goaldrift::distribution

// The beta distribution scaled to [lower, upper], for fractions and other bounded parameters.
#pragma once

#include <algorithm>
#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <string>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/policy.hpp"

namespace goaldrift::distribution {

/// Beta(alpha, beta) stretched from [0, 1] to [lower, upper]: the flexible choice for a fraction
/// (a share of the gap closed per period) or any bounded quantity with a skewed belief.
/// The second shape is stored as `beta_shape` because C++ forbids a data member named like its
/// class; error messages still call it "beta", as the literature does.
struct beta {
  static constexpr const char* component = "goaldrift::distribution::beta";

  double alpha;
  double beta_shape;
  double lower;
  double upper;

  beta(double shape_alpha, double shape_beta, double lower_bound = 0.0, double upper_bound = 1.0)
      : alpha(shape_alpha), beta_shape(shape_beta), lower(lower_bound), upper(upper_bound) {
    validate();
  }

  void validate() const {
    goaldrift::detail::require_positive(component, "alpha", alpha);
    goaldrift::detail::require_positive(component, "beta", beta_shape);
    goaldrift::detail::require_finite(component, "lower", lower);
    goaldrift::detail::require_finite(component, "upper", upper);
    if (!(upper > lower)) {
      throw invalid_parameter(
          component, "upper",
          "must be greater than lower (" + goaldrift::detail::format_number(lower) + ")", upper);
    }
  }
};

/// The value below which a fraction p lies; p = 0 and 1 give the bounds. Boost returns both the
/// unit-interval quantile x and 1 - x, each to full precision; scaling from the nearer bound keeps
/// that precision for a quantile next to upper (x = 1 - 1e-20 is not a double, 1e-20 is).
inline double quantile(const beta& d, double p) {
  goaldrift::detail::require_unit_interval(beta::component, "p", p);
  if (p == 0.0) {
    return d.lower;
  }
  if (p == 1.0) {
    return d.upper;
  }
  double x = 0.0;
  double one_minus_x = 0.0;
  try {
    x = p <= 0.5
            ? boost::math::ibeta_inv(d.alpha, d.beta_shape, p, &one_minus_x, detail::boost_policy())
            : boost::math::ibetac_inv(d.alpha, d.beta_shape, 1.0 - p, &one_minus_x,
                                      detail::boost_policy());
  } catch (const boost::math::evaluation_error& e) {
    // Boost's root finder did not converge: no result, rather than a silently wrong sample.
    throw error(std::string(beta::component) + ": quantile found no result for p = " +
                goaldrift::detail::format_number(p) + " (" + e.what() + ")");
  }
  const double width = d.upper - d.lower;
  const double value = x <= 0.5 ? d.lower + width * x : d.upper - width * one_minus_x;
  return std::clamp(value, d.lower, d.upper);
}

/// P(X <= x); NaN gives NaN. Above the midpoint it works with the distance to upper, for the
/// same reason as quantile.
inline double cdf(const beta& d, double x) {
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
  const double z = (x - d.lower) / width;
  if (z <= 0.5) {
    return boost::math::ibeta(d.alpha, d.beta_shape, z, detail::boost_policy());
  }
  // I_z(alpha, beta) = 1 - I_(1-z)(beta, alpha).
  return 1.0 -
         boost::math::ibeta(d.beta_shape, d.alpha, (d.upper - x) / width, detail::boost_policy());
}

inline double mean(const beta& d) {
  return d.lower + (d.upper - d.lower) * d.alpha / (d.alpha + d.beta_shape);
}

inline double variance(const beta& d) {
  const double width = d.upper - d.lower;
  const double sum = d.alpha + d.beta_shape;
  return width * width * (d.alpha * d.beta_shape) / (sum * sum * (sum + 1.0));
}

}  // namespace goaldrift::distribution

// The beta distribution scaled to [lower, upper], for fractions and other bounded parameters.
#pragma once

#include <algorithm>
#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <exception>
#include <string>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/beta_inverse.hpp"
#include "detail/policy.hpp"
#include "detail/wide.hpp"

namespace goaldrift::distribution {

/// Beta(alpha, beta) stretched from [0, 1] to [lower, upper]: the flexible choice for a fraction
/// (a share of the gap closed per period) or any bounded quantity with a skewed belief.
/// The second shape is stored as `beta_shape` because C++ forbids a data member named like its
/// class; error messages still call it "beta", as the literature does.
///
/// Both shapes must lie in [min_shape, max_shape] = [1e-3, 1e7], where the quantile was measured
/// to be reliable and fast: on a grid of four shapes per decade and p from 1e-200 to 1 - 2^-53,
/// every quantile took at most 30 us (x86-64, -O2) and reproduced p to 1e-9 (the cdf at the
/// result and at its neighbouring doubles brackets p that closely);
/// tests/distribution/beta_shape_range_test.cpp keeps a coarser grid of it. Outside:
/// - below 1e-3 so much probability lies below the smallest normal double (88% for
///   beta(1.8e-4, 0.03)) that quantiles fall among the subnormals, too coarse to reproduce p
///   (4% off at p = 0.877 there); with a shape of 1e-20 to 1e-19 Boost.Math trips an internal
///   assertion (an abort in a debug build), and it gave wrong tails (beta(1e-300, 1e-10) at
///   p = 1 - 2^-53 returned 0.5, the truth being 0);
/// - above 1e7 Boost's incomplete beta loses accuracy in proportion to the shape (3e-9 of p at
///   1e8, checked against mpmath), quantiles slow past 0.1 ms from 1e9, from about 1e12 the
///   inverse fails for ordinary p, and against a shape near 1e30 it hangs for minutes
///   (beta(1e3, 1e30)) or throws std::domain_error. Such a distribution is a spike: with a shape
///   above 1e7 the standard deviation is below 3.2e-4 of the range, which a point value or a
///   normal states more plainly.
/// At p below about 1e-280 the tail probability nears the smallest double and Boost's
/// incomplete beta loses accuracy (beta(562, 17.8) at p = 1e-300 is 3% off); the quantile stays
/// in [lower, upper].
struct beta {
  static constexpr const char* component = "goaldrift::distribution::beta";
  static constexpr double min_shape = 1e-3;
  static constexpr double max_shape = 1e7;

  double alpha;
  double beta_shape;
  double lower;
  double upper;

  beta(double shape_alpha, double shape_beta, double lower_bound = 0.0, double upper_bound = 1.0)
      : alpha(shape_alpha), beta_shape(shape_beta), lower(lower_bound), upper(upper_bound) {
    validate();
  }

  void validate() const {
    check_shape("alpha", alpha);
    check_shape("beta", beta_shape);
    goaldrift::detail::require_finite(component, "lower", lower);
    goaldrift::detail::require_finite(component, "upper", upper);
    if (!(upper > lower)) {
      throw invalid_parameter(
          component, "upper",
          "must be greater than lower (" + goaldrift::detail::format_number(lower) + ")", upper);
    }
  }

 private:
  static void check_shape(const char* name, double shape) {
    goaldrift::detail::require_positive(component, name, shape);
    if (!(shape >= min_shape && shape <= max_shape)) {
      throw invalid_parameter(component, name,
                              "must lie in [" + goaldrift::detail::format_number(min_shape) +
                                  ", " + goaldrift::detail::format_number(max_shape) +
                                  "], where the quantile is reliable and fast",
                              shape);
    }
  }
};

/// The value below which a fraction p lies; p = 0 and 1 give the bounds, and every p gives a
/// value in [lower, upper]. Boost returns both the unit-interval quantile x and 1 - x, each to
/// full precision; scaling from the nearer bound keeps that precision for a quantile next to
/// upper (x = 1 - 1e-20 is not a double, 1e-20 is). Where Boost's inverse gives up (some far
/// tails, beta(10, 100) at p = 1e-300) a bisection on the cdf finds the answer instead; should
/// that fail too, the error is an invalid_parameter naming p, which a study reports against the
/// member that drew it.
inline double quantile(const beta& d, double p) {
  goaldrift::detail::require_unit_interval(beta::component, "p", p);
  if (p == 0.0) {
    return d.lower;
  }
  if (p == 1.0) {
    return d.upper;
  }
  detail::unit_point u{0.0, 0.0};
  bool found = false;
  try {
    u.x = p <= 0.5 ? boost::math::ibeta_inv(d.alpha, d.beta_shape, p, &u.one_minus_x,
                                            detail::boost_policy())
                   : boost::math::ibetac_inv(d.alpha, d.beta_shape, 1.0 - p, &u.one_minus_x,
                                             detail::boost_policy());
    found = u.x >= 0.0 && u.x <= 1.0 && u.one_minus_x >= 0.0 && u.one_minus_x <= 1.0;
  } catch (const std::exception&) {
    // Boost's root finder did not converge (evaluation_error): the bisection below decides.
  }
  if (!found) {
    try {
      u = detail::beta_inverse_by_bisection(d.alpha, d.beta_shape, p, 1.0 - p);
    } catch (const std::exception& e) {
      throw invalid_parameter(beta::component, "p",
                              "must have a quantile Boost.Math can compute for beta(" +
                                  goaldrift::detail::format_number(d.alpha) + ", " +
                                  goaldrift::detail::format_number(d.beta_shape) + ") (" +
                                  e.what() + ")",
                              p);
    }
  }
  return std::clamp(detail::point_between(d.lower, d.upper, u.x, u.one_minus_x), d.lower,
                    d.upper);
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
  const double z = detail::fraction(d.lower, d.upper, x);
  try {
    if (z <= 0.5) {
      return boost::math::ibeta(d.alpha, d.beta_shape, z, detail::boost_policy());
    }
    // I_z(alpha, beta) = 1 - I_(1-z)(beta, alpha).
    return 1.0 - boost::math::ibeta(d.beta_shape, d.alpha, detail::fraction(d.upper, d.lower, x),
                                    detail::boost_policy());
  } catch (const std::exception& e) {
    // Not reached over the shapes validate() admits; kept so that no Boost type escapes.
    throw invalid_parameter(beta::component, "x",
                            std::string("must have a cdf Boost.Math can compute (") + e.what() +
                                ")",
                            x);
  }
}

/// The mean, lower + (upper - lower) alpha / (alpha + beta); measured from the nearer bound, in
/// halves, where upper - lower or its product with alpha overflows.
inline double mean(const beta& d) {
  const double m = d.lower + (d.upper - d.lower) * d.alpha / (d.alpha + d.beta_shape);
  if (std::fabs(m) <= detail::largest) {
    return m;
  }
  const double sum = d.alpha + d.beta_shape;
  return detail::point_between(d.lower, d.upper, d.alpha / sum, d.beta_shape / sum);
}

/// The variance; +infinity only where it exceeds the largest double.
inline double variance(const beta& d) {
  const double width = d.upper - d.lower;
  const double sum = d.alpha + d.beta_shape;
  const double v = width * width * (d.alpha * d.beta_shape) / (sum * sum * (sum + 1.0));
  if (v <= detail::largest) {
    return v;
  }
  const double w = detail::shrink(d.upper) - detail::shrink(d.lower);
  return detail::grow_square(w * w * (d.alpha * d.beta_shape) / (sum * sum * (sum + 1.0)));
}

}  // namespace goaldrift::distribution

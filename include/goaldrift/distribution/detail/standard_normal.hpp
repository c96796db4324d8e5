// The standard normal's cdf, survival function, inverses and erf, total at 0, 1 and +/-infinity.
#pragma once

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>

#include "policy.hpp"

namespace goaldrift::distribution::detail {

using standard_normal_type = boost::math::normal_distribution<double, boost_policy>;

/// Phi(z). Boost refuses infinite and NaN arguments; here the infinities give their limits and
/// NaN passes through, so callers need no special cases.
inline double normal_cdf(double z) {
  if (std::isnan(z)) {
    return z;
  }
  if (std::isinf(z)) {
    return z < 0.0 ? 0.0 : 1.0;
  }
  return boost::math::cdf(standard_normal_type(), z);
}

/// 1 - Phi(z), computed directly so that it keeps full relative precision far in the upper tail
/// (1 - Phi(8) would be 1 - 1 = 0 in double).
inline double normal_survival(double z) {
  if (std::isnan(z)) {
    return z;
  }
  if (std::isinf(z)) {
    return z < 0.0 ? 1.0 : 0.0;
  }
  return boost::math::cdf(boost::math::complement(standard_normal_type(), z));
}

/// The inverse of normal_cdf on [0, 1]; 0 and 1 give -inf and +inf.
inline double normal_cdf_inverse(double p) {
  if (p <= 0.0) {
    return -std::numeric_limits<double>::infinity();
  }
  if (p >= 1.0) {
    return std::numeric_limits<double>::infinity();
  }
  return boost::math::quantile(standard_normal_type(), p);
}

/// The inverse of normal_survival on [0, 1]: the z with 1 - Phi(z) = q, accurate for tiny q.
inline double normal_survival_inverse(double q) {
  if (q <= 0.0) {
    return std::numeric_limits<double>::infinity();
  }
  if (q >= 1.0) {
    return -std::numeric_limits<double>::infinity();
  }
  return boost::math::quantile(boost::math::complement(standard_normal_type(), q));
}

inline double normal_pdf(double z) {
  if (std::isinf(z)) {
    return 0.0;
  }
  return boost::math::pdf(standard_normal_type(), z);
}

/// erf, defined at +/-infinity. Near 0 it keeps full relative precision where Phi (close to 1/2)
/// does not, which matters for narrow intervals around the mean.
inline double erf(double x) {
  if (std::isinf(x)) {
    return x < 0.0 ? -1.0 : 1.0;
  }
  return boost::math::erf(x, boost_policy());
}

/// The inverse of erf on (-1, 1).
inline double erf_inverse(double t) { return boost::math::erf_inv(t, boost_policy()); }

}  // namespace goaldrift::distribution::detail

// The inverse of the regularized incomplete beta function, with a bisection where Boost's fails.
#pragma once

#include <boost/math/special_functions/beta.hpp>
#include <cstdint>
#include <cstring>

#include "policy.hpp"

namespace goaldrift::distribution::detail {

/// A point of [0, 1] together with its distance to 1, each to full precision.
struct unit_point {
  double x;
  double one_minus_x;
};

/// The smallest x in [0, 1] with I_x(a, b) >= p, by bisection over the doubles (about 62 calls
/// of ibeta). Boost's ibeta_inv is a Halley iteration that gives up (evaluation_error) on some
/// far tails, beta(10, 100) at p = 1e-300 among them, where ibeta itself is still accurate;
/// this is the slow, sure way for those. `q` is 1 - p, exact; the tail that is compared is the
/// smaller of the two, and each is evaluated where Boost computes it directly (x <= 1/2 for
/// I_x(a, b), 1 - x <= 1/2 for I_(1-x)(b, a)), so no probability is formed as 1 - something.
/// Throws what ibeta throws.
inline unit_point beta_inverse_by_bisection(double a, double b, double p, double q) {
  const bool lower_tail = p <= 0.5;
  // true when the point of the upper half at distance y from 1 has cdf >= p
  auto upper_half_reaches = [&](double y) {
    return lower_tail ? boost::math::ibetac(b, a, y, boost_policy()) >= p
                      : boost::math::ibeta(b, a, y, boost_policy()) <= q;
  };
  // true when x in the lower half has cdf >= p
  auto lower_half_reaches = [&](double x) {
    return lower_tail ? boost::math::ibeta(a, b, x, boost_policy()) >= p
                      : boost::math::ibetac(a, b, x, boost_policy()) <= q;
  };
  auto bits = [](double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    return u;
  };
  auto value = [](std::uint64_t u) {
    double v;
    std::memcpy(&v, &u, sizeof v);
    return v;
  };
  // Non-negative doubles are ordered as their bit patterns, so bisecting the patterns of
  // [0, 1/2] takes 62 steps to the exact neighbouring pair: the first pattern in (0, 1/2] at
  // which `holds` becomes true (1/2 itself when it never does before).
  auto first_pattern = [&](auto holds) {
    std::uint64_t lo = 0;
    std::uint64_t hi = bits(0.5);
    while (hi - lo > 1) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      (holds(value(mid)) ? hi : lo) = mid;
    }
    return hi;
  };
  if (lower_half_reaches(0.5)) {  // x = 0 reaches only p = 0, which callers do not pass
    const double x = value(first_pattern(lower_half_reaches));
    return {x, 1.0 - x};
  }
  // The answer lies above 1/2: the largest distance y = 1 - x whose point still reaches p
  // (y = 0, x = 1, reaches every p), one pattern below the first that does not.
  const double y = value(first_pattern([&](double d) { return !upper_half_reaches(d); }) - 1);
  return {1.0 - y, y};
}

}  // namespace goaldrift::distribution::detail

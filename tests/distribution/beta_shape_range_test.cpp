// beta's admitted shapes: refused outside [1e-3, 1e7] by name, and inside it every quantile is
// finite, in range and inverts the cdf, including far tails where Boost's inverse gives up.
#include <doctest/doctest.h>

#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <goaldrift/distribution/beta.hpp>
#include <limits>
#include <vector>

#include "support/invalid_parameter.hpp"

namespace dist = goaldrift::distribution;

namespace {

/// How far p lies outside the cdf's values at the quantile's two neighbouring doubles, relative
/// to the tail probability it inverts (the lower tail for p <= 1/2, the upper one above): 0 when
/// the quantile is correct to the resolution of doubles. An answer below the smallest normal
/// double counts as exact when the true one lies there too, as the subnormals are too coarse to
/// do better.
double backward_error(double a, double b, double p, double x) {
  namespace bm = boost::math;
  const auto policy = dist::detail::boost_policy();
  const bool lower_tail = p <= 0.5;
  const double target = lower_tail ? p : 1.0 - p;
  auto tail = [&](double v) {
    v = std::fmin(std::fmax(v, 0.0), 1.0);
    return lower_tail ? bm::ibeta(a, b, v, policy) : bm::ibetac(a, b, v, policy);
  };
  constexpr double smallest_normal = std::numeric_limits<double>::min();
  if (lower_tail && x < smallest_normal && tail(smallest_normal) >= target) {
    return 0.0;
  }
  const double below = tail(std::nextafter(x, -1.0));
  const double above = tail(std::nextafter(x, 2.0));
  const double lo = std::fmin(below, above);
  const double hi = std::fmax(below, above);
  if (target >= lo && target <= hi) {
    return 0.0;
  }
  return std::fmin(std::fabs(lo - target), std::fabs(hi - target)) / target;
}

}  // namespace

TEST_CASE("distribution beta refuses shapes outside 1e-3 to 1e7, where quantile hung or threw") {
  const char* b = dist::beta::component;
  // Each of these once reached Boost: 1e30 hung for minutes (1e3) or let a
  // boost::wrapexcept<std::domain_error> escape (10); 1e20 threw a plain goaldrift::error at
  // sampling time; 1e-300 made a NaN quantile and divided by zero in variance().
  GD_CHECK_INVALID(b, "beta", "1e+30", dist::beta(1e3, 1e30));
  GD_CHECK_INVALID(b, "beta", "1e+30", dist::beta(10.0, 1e30));
  GD_CHECK_INVALID(b, "beta", "1e+20", dist::beta(1e3, 1e20));
  GD_CHECK_INVALID(b, "alpha", "1e-300", dist::beta(1e-300, 1e-300));
  GD_CHECK_INVALID(b, "alpha", "1e+10", dist::beta(1e10, 1.0));
  GD_CHECK_INVALID(b, "beta", "9e-04", dist::beta(2.0, 0.0009));
  GD_CHECK_INVALID(b, "alpha", "1.1e+07", dist::beta(1.1e7, 2.0));
  CHECK_THROWS_WITH_AS(dist::beta(1e-4, 1.0),
                       "goaldrift::distribution::beta: alpha must lie in [0.001, 1e+07], where "
                       "the quantile is reliable and fast, got 1e-04",
                       goaldrift::invalid_parameter);
  // The bounds themselves are admitted, and re-validation after a field changes refuses too.
  CHECK_NOTHROW(dist::beta(dist::beta::min_shape, dist::beta::max_shape));
  CHECK_NOTHROW(dist::beta(dist::beta::max_shape, dist::beta::min_shape));
  dist::beta d(2.0, 2.0);
  d.alpha = 1e12;
  GD_CHECK_INVALID(b, "alpha", "1e+12", d.validate());
}

TEST_CASE("distribution beta quantile in a far tail where Boost's inverse gives up: bisection") {
  // beta(10, 100) at p = 1e-300 made Boost's ibeta_inv throw evaluation_error, which quantile()
  // turned into a goaldrift::error that stopped a whole ensemble run. For x this small
  // I_x(a, b) = x^a / (a B(a, b)) (1 + O(x)), so x = (p a B(a, b))^(1/a).
  const double a = 10.0;
  const double b = 100.0;
  const double log_beta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const double expected = std::exp((std::log(1e-300) + std::log(a) + log_beta) / a);
  const double x = quantile(dist::beta(a, b), 1e-300);
  CHECK(std::fabs(x - expected) <= 1e-12 * expected);
  // Scaled to [0, 2] the tail point doubles.
  CHECK(std::fabs(quantile(dist::beta(a, b, 0.0, 2.0), 1e-300) - 2.0 * expected) <=
        2e-12 * expected);
}

TEST_CASE("distribution beta quantile is finite, in range and inverts the cdf over its shapes") {
  // Two shapes per decade over [1e-3, 1e7] (the documented measurement used four) and p from
  // 1e-200 to 1 - 2^-53; p this small or this close to 1 reach Boost's far-tail code paths.
  std::vector<double> shapes;
  for (int k = -6; k <= 14; ++k) {
    shapes.push_back(std::pow(10.0, 0.5 * k));
  }
  shapes.front() = dist::beta::min_shape;  // exactly the bounds, not 10^-3 rounded
  shapes.back() = dist::beta::max_shape;
  const double ps[] = {1e-200, 1e-100, 1e-36, 0x1p-53, 1e-10, 0.01, 0.3,     0.5,
                       0.7,    0.99,   0.9999999999, 1 - 0x1p-53};
  double worst = 0.0;
  for (double a : shapes) {
    for (double b : shapes) {
      const dist::beta d(a, b);
      for (double p : ps) {
        CAPTURE(a);
        CAPTURE(b);
        CAPTURE(p);
        double x = std::numeric_limits<double>::quiet_NaN();
        REQUIRE_NOTHROW(x = quantile(d, p));
        REQUIRE(x >= 0.0);
        REQUIRE(x <= 1.0);
        const double e = backward_error(a, b, p, x);
        CHECK(e <= 1e-9);
        worst = std::fmax(worst, e);
      }
      // The moments stay finite at every admitted shape (variance divided by zero at 1e-300).
      CHECK(std::isfinite(mean(d)));
      CHECK(variance(d) > 0.0);
    }
  }
  CHECK(worst <= 1e-9);
}

// Distributions whose bounds or location are finite but whose differences overflow a double:
// results must be the right numbers (or +infinity where the quantity itself exceeds the largest
// double), never a silent bound, 0 or NaN; and quantiles beyond the largest double are refused
// naming p. Ordinary inputs keep their former results bit for bit.
#include <doctest/doctest.h>

#include <cmath>
#include <goaldrift/distribution.hpp>
#include <limits>

#include "support/invalid_parameter.hpp"

namespace dist = goaldrift::distribution;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double big = 1e308;  // -big to big is 2e308 wide, beyond the largest double

bool close(double a, double b, double rel = 1e-14) {
  return std::fabs(a - b) <= rel * std::fmax(std::fabs(a), std::fabs(b));
}

}  // namespace

TEST_CASE("distribution uniform on a range wider than the largest double: cdf and variance") {
  const dist::uniform d(-big, big);
  CHECK(cdf(d, 0.0) == 0.5);  // was 1e308 / inf = 0
  CHECK(close(cdf(d, 5e307), 0.75));
  CHECK(quantile(d, 0.25) == -5e307);
  CHECK(mean(d) == 0.0);
  CHECK(variance(d) == infinity);  // (2e308)^2 / 12 exceeds the largest double
  // A width whose square overflows although width^2 / 12 does not (was +inf).
  const dist::uniform u(0.0, 3e154);
  CHECK(close(variance(u), 0.75e308));  // 9e308 / 12
  // Ordinary ranges: the same bits as the textbook expressions.
  const dist::uniform o(2.0, 7.5);
  CHECK(cdf(o, 3.3) == (3.3 - 2.0) / (7.5 - 2.0));
  CHECK(variance(o) == 5.5 * 5.5 / 12.0);
}

TEST_CASE("distribution triangular on a range wider than the largest double") {
  const dist::triangular d(-big, 0.0, big);
  // Symmetric: quantile(1/4) = lower + sqrt(1/4 * width * (mode - lower)) = -(1 - sqrt(1/2)) 1e308.
  const double q = (std::sqrt(0.5) - 1.0) * big;
  CHECK(close(quantile(d, 0.25), q));   // was -1e308, the bound
  CHECK(close(quantile(d, 0.75), -q));  // was -1e308 too
  CHECK(std::fabs(quantile(d, 0.5)) <= 1e-15 * big);  // 0 up to rounding at the scale of 1e308
  CHECK(close(cdf(d, 1e307), 1.0 - 0.81 / 2.0));  // was NaN
  CHECK(close(cdf(d, -1e307), 0.81 / 2.0));
  CHECK(mean(d) == 0.0);
  CHECK(variance(d) == infinity);  // genuinely beyond the largest double, not NaN
  // Finite width, but p * width * (mode - lower) overflows: 0.3 * 1.7e308 * 1e308.
  const dist::triangular t(0.0, 1e308, 1.7e308);
  const double x = quantile(t, 0.3);
  CHECK(close(x, std::sqrt(0.3 * 1.7) * 1e308));  // was 1.7e308 (sqrt(inf) clamped)
  CHECK(close(cdf(t, x), 0.3, 1e-13));
  // A variance whose squares overflow but which fits (was +inf or NaN).
  const dist::triangular v(0.0, 1e154, 2e154);
  CHECK(close(variance(v), (4.0 + 1.0 - 2.0) * 1e308 / 18.0));
  // A mean whose sum overflows (was +inf).
  const dist::triangular m(1e308, 1.5e308, 1.7e308);
  CHECK(close(mean(m), 1.4e308));  // 4.2e308 / 3
  // A range so narrow that the product underflows: the quantile used to collapse onto lower.
  const dist::triangular n(0.0, 1e-200, 2e-200);
  CHECK(close(quantile(n, 0.125), 0.5e-200));
  CHECK(close(cdf(n, 0.5e-200), 0.125));
  // Ordinary input: the textbook bits.
  const dist::triangular o(1.0, 2.0, 4.0);
  CHECK(quantile(o, 0.2) == 1.0 + std::sqrt(0.2 * 3.0 * 1.0));
  CHECK(cdf(o, 3.0) == 1.0 - 1.0 * 1.0 / (3.0 * 2.0));
}

TEST_CASE("distribution beta on a range wider than the largest double") {
  const dist::beta d(1.0, 1.0, -big, big);
  CHECK(quantile(d, 0.25) == -5e307);  // was +1e308
  CHECK(quantile(d, 0.75) == 5e307);   // was -1e308
  CHECK(cdf(d, 0.0) == 0.5);           // was 0
  CHECK(mean(d) == 0.0);               // was +inf
  CHECK(variance(d) == infinity);      // (2e308)^2 / 12
  // Finite width, but width * alpha overflows in the mean (was +inf).
  CHECK(mean(dist::beta(2.0, 2.0, 0.0, 1e308)) == 5e307);
  // Ordinary input: the former expressions, bit for bit.
  const dist::beta o(2.0, 5.0, 10.0, 20.0);
  CHECK(mean(o) == 10.0 + (20.0 - 10.0) * 2.0 / (2.0 + 5.0));
  CHECK(variance(o) == 10.0 * 10.0 * (2.0 * 5.0) / (7.0 * 7.0 * 8.0));
}

TEST_CASE("distribution normal: a location and sd whose product overflows, and quantiles beyond") {
  // mean + sd z = -1e308 + 1e308 * 2.326 = 1.3e308, but sd z overflowed to +inf.
  const dist::normal d(-big, big);
  const double z99 = 2.3263478740408408;
  CHECK(close(quantile(d, 0.99), big * (z99 - 1.0)));
  // cdf at 2 sd below a mean of 1e308: x - mean overflowed to -inf and gave 0.
  CHECK(close(cdf(dist::normal(big, big), -big), 0.022750131948179209, 1e-12));
  // The 0.99 quantile of normal(1e308, 1e308) is 3.3e308: refused by naming p, not +inf.
  GD_CHECK_INVALID(dist::normal::component, "p", "0.99", quantile(dist::normal(big, big), 0.99));
  // p = 0 and 1 keep their infinite bounds, by definition.
  CHECK(quantile(dist::normal(big, big), 1.0) == infinity);
  CHECK(quantile(dist::normal(0.0, 1.0), 0.0) == -infinity);
  // Denormal p is a valid probability with a finite quantile.
  CHECK(std::isfinite(quantile(dist::normal(0.0, 1.0), 5e-324)));
}

TEST_CASE("distribution lognormal: a median beyond the doubles is refused, overflowing p named") {
  const char* l = dist::lognormal::component;
  // exp(1000) is +inf: every quantile of lognormal(1000, 1) was +inf.
  GD_CHECK_INVALID(l, "log_mean", "1000", dist::lognormal(1000.0, 1.0));
  GD_CHECK_INVALID(l, "log_mean", "-800", dist::lognormal(-800.0, 1.0));
  CHECK_NOTHROW(dist::lognormal(709.0, 1.0));
  CHECK_NOTHROW(dist::lognormal(-708.0, 1.0));
  // A huge spread: the median is 1, the 0.6 quantile exp(0.25e300) was +inf.
  const dist::lognormal wide(0.0, 1e300);
  CHECK(quantile(wide, 0.5) == 1.0);
  GD_CHECK_INVALID(l, "p", "0.6", quantile(wide, 0.6));
  CHECK(quantile(wide, 0.4) == 0.0);  // below the smallest double: rounds to 0, as p = 0 does
  CHECK(quantile(wide, 1.0) == infinity);
}

TEST_CASE("distribution truncated_normal: bounds whose distance to the mean overflows") {
  // (lower - mean) / sd = (-1e308 - 1e308) / 1e308 overflowed to -inf, which dropped the lower
  // bound: the interval is really [-2, 0] sd.
  const dist::truncated_normal d(big, big, -big, big);
  const double phi_m2 = 0.022750131948179209;  // Phi(-2)
  const double phi_m1 = 0.15865525393145705;   // Phi(-1)
  CHECK(close(cdf(d, 0.0), (phi_m1 - phi_m2) / (0.5 - phi_m2), 1e-12));  // was 0.317
  // The median z solves Phi(z) = (Phi(-2) + 1/2) / 2.
  const double median_z = -0.63911191087127283;  // mpmath, 30 digits
  CHECK(close(quantile(d, 0.5), big * (1.0 + median_z), 1e-12));  // was 3.3e307
  CHECK(quantile(d, 0.01) > -big);                                // was -1e308, the bound
  CHECK(quantile(d, 0.01) < 0.0);
  // mean = mu + sd (phi(-2) - phi(0)) / (Phi(0) - Phi(-2)) = 1e308 (1 - 0.7900...)
  const double shift = (0.053990966513188052 - 0.39894228040143268) / (0.5 - phi_m2);
  CHECK(close(mean(d), big * (1.0 + shift), 1e-12));
  // One-sided: a quantile beyond the largest double is refused by naming p.
  // (the 0.95 quantile is 1.96e308; 0.9 still fits at 1.64e308)
  CHECK(close(quantile(dist::truncated_normal(0.0, big, 0.0, infinity), 0.9),
              1.6448536269514722 * big, 1e-12));
  GD_CHECK_INVALID(dist::truncated_normal::component, "p", "0.95",
                   quantile(dist::truncated_normal(0.0, big, 0.0, infinity), 0.95));
  // A narrow truncation of a huge sd: sd^2 overflowed although the variance is 1e300 / 12.
  const dist::truncated_normal n(0.0, 1e160, -0.5e150, 0.5e150);
  CHECK(close(variance(n), 1e300 / 12.0, 1e-6));
}

TEST_CASE("distribution discrete: a zero-weight value more than the largest double away") {
  // The deviation of the never-drawn -1.7e308 from the mean 1.7e308 overflowed; 0 * inf = NaN.
  const dist::discrete d({1.7e308, -1.7e308}, {1.0, 0.0});
  CHECK(variance(d) == 0.0);
  CHECK(mean(d) == 1.7e308);
  // Two equally likely values 1.7e308 apart from their mean: the variance exceeds the doubles.
  CHECK(variance(dist::discrete({1.7e308, -1.7e308})) == infinity);
  // A rare value whose deviation (3.4e308) overflows but whose weighted square fits (3e296).
  const dist::discrete rare({-1.7e308, 1.7e308}, {1.0, 1e-320});
  const double p_rare = rare.probabilities()[1];
  CHECK(close(variance(rare), 4.0 * (p_rare * 1.7e308 * 1.7e308), 1e-12));
}
